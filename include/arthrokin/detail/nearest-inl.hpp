/// @file nearest-inl.hpp
/// @brief Definitions of nearest.hpp (the nearest valid pose): compiled once into the library
///        (src/core/check.cpp), or included by the header in header-only mode (config.hpp).
#pragma once

#include <arthrokin/check.hpp>
#include <arthrokin/composite.hpp>
#include <arthrokin/error.hpp>
#include <arthrokin/nearest.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

namespace arthrokin {

namespace detail {

ARTHROKIN_FUNC FlexAdd nearest_in_region(const ShoulderRegion& g, double f0, double a0, double wf, double wa,
                                         double margin) noexcept {
  const auto inside = [&](double f, double a) {
    const auto pe = plane_elevation(f, a);
    return !(pe.elevation > g.max_elevation(pe.plane) + margin);
  };
  if (!g.defined() || inside(f0, a0)) return {f0, a0};
  // Squared distances scaled by s² so that huge inputs do not overflow (only their order matters).
  const double s = std::max({1.0, std::abs(f0), std::abs(a0)});
  const auto point = [&](double theta) {
    const double r = std::max(0.0, g.max_elevation(theta) + margin);
    return FlexAdd{r * std::sin(theta), -r * std::cos(theta)};  // F = e·sin(pe), A = −e·cos(pe)
  };
  const auto dist = [&](double theta) {
    const FlexAdd p = point(theta);
    const double df = (p.flexion - f0) / s, da = (p.adduction - a0) / s;
    return wf * df * df + wa * da * da;
  };
  // Samples: each segment [plane_k, plane_k+1] at region_samples planes (its start included), plus π.
  constexpr std::size_t cap = 6 * region_samples + 1;
  std::array<double, cap> theta{}, d{};
  std::size_t n = 0;
  for (std::size_t k = 0; k + 1 < g.knot_count; ++k) {
    const double a = g.knots[k].plane, b = g.knots[k + 1].plane;
    for (std::size_t i = 0; i < region_samples; ++i) {
      theta[n] = a + (b - a) * static_cast<double>(i) / static_cast<double>(region_samples);
      d[n] = dist(theta[n]);
      ++n;
    }
  }
  theta[n] = g.knots[g.knot_count - 1].plane;
  d[n] = dist(theta[n]);
  ++n;
  // The curve is closed (−π and π are the same plane): samples 0 and n − 1 are the same point.
  double best_theta = theta[0], best = d[0];
  constexpr double golden = 0.6180339887498949;  // (√5 − 1)/2
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const std::size_t prev = i == 0 ? n - 2 : i - 1, next = i + 1;
    if (d[i] > d[prev] || d[i] > d[next]) continue;  // not a local minimum of the samples
    // Golden-section search on [θ_prev, θ_next] (unwrapped across ±π).
    double lo = i == 0 ? theta[n - 2] - 2 * std::numbers::pi : theta[prev], hi = theta[next];
    double x1 = hi - golden * (hi - lo), x2 = lo + golden * (hi - lo);
    const auto wrapped = [](double t) { return t < -std::numbers::pi ? t + 2 * std::numbers::pi : t; };
    double d1 = dist(wrapped(x1)), d2 = dist(wrapped(x2));
    while (hi - lo > 1e-12) {
      if (d1 <= d2) {
        hi = x2, x2 = x1, d2 = d1;
        x1 = hi - golden * (hi - lo);
        d1 = dist(wrapped(x1));
      } else {
        lo = x1, x1 = x2, d1 = d2;
        x2 = lo + golden * (hi - lo);
        d2 = dist(wrapped(x2));
      }
    }
    const double t = wrapped(d1 <= d2 ? x1 : x2);
    const double dt = std::min(d1, d2);
    if (d[i] < best) best = d[i], best_theta = theta[i];
    if (dt < best) best = dt, best_theta = t;
  }
  return point(best_theta);
}

/// One composite limit as a slab lo ≤ Σ coef·x[var] ≤ hi over the solver's variables.
/// The weighted nearest point (h, k) to (h0, k0) with h ≤ L(k) + margin, L the two-joint limit
/// (two_joint.hpp): the point itself when it is under L, else the nearest of the projections onto the
/// three pieces of the boundary (constant, linear, constant), each clamped to its piece.
struct HipKnee {
  double checked, controlling;
};
inline HipKnee nearest_under_two_joint(const TwoJointLimit& t, double h0, double k0, double wh, double wk,
                                       double margin) noexcept {
  if (!(h0 > t.limit_at(k0) + margin)) return {h0, k0};
  const double a = t.straight_at, b = t.own_at, s = t.slope(), c = t.straight.radians - s * a;
  const auto d2 = [&](double h, double k) { return wh * (h - h0) * (h - h0) + wk * (k - k0) * (k - k0); };
  HipKnee best{t.own.radians + margin, std::max(k0, b)};  // the knee-flexed piece
  const HipKnee first{t.straight.radians + margin, std::min(k0, a)};
  if (d2(first.checked, first.controlling) < d2(best.checked, best.controlling)) best = first;
  // the linear piece h = c + s·k, k in [a, b]: min wh(c + s·k − h0)² + wk(k − k0)²
  const double k = std::clamp((wk * k0 - wh * s * (c - h0)) / (wk + wh * s * s), a, b);
  const HipKnee mid{c + s * k + margin, k};
  if (d2(mid.checked, mid.controlling) < d2(best.checked, best.controlling)) best = mid;
  return best;
}

struct Slab {
  std::array<std::size_t, 6> var{};
  std::array<double, 6> coef{};
  std::size_t n = 0;
  double lo = 0, hi = 0;                ///< membership bounds (NaN: open)
  double lo_target = 0, hi_target = 0;  ///< where an outside point is projected (just inside)
  double norm2 = 0;                     ///< Σ coef²/w
};

/// The solver's variables: the DoFs, then the three thoracolumbar totals.
inline constexpr std::size_t nearest_var_count = dof_count + 3;

}  // namespace detail

ARTHROKIN_FUNC NearestResult nearest_valid_pose(const Pose& pose, const Limits& limits, const NearestOptions& options) {
  for (std::size_t i = 0; i < dof_count; ++i) {
    const double w = options.weights[i];
    if (!std::isfinite(w) || !(w > 0))
      detail::raise("nearest_valid_pose: the weight of " + std::string(to_string(static_cast<DofId>(i))) +
                    " must be finite and > 0, got " + std::to_string(w));
  }
  if (options.max_iterations == 0) detail::raise("nearest_valid_pose: max_iterations must be > 0");

  constexpr std::size_t nv = detail::nearest_var_count;
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  // Membership uses check()'s own set; an outside point is projected onto a set shrunk by `inset`,
  // so that the rounding of a sum or of hypot/atan2 cannot leave it a few ulp outside.
  const double tol = options.within_tolerance ? limits.tolerance_radians() : 0.0;
  constexpr double inset = 1e-13;

  NearestResult out;
  out.pose = pose;
  const auto& rad = pose.as_radians();
  const Eigen::Vector3d tl = pose.thoracolumbar_radians();
  std::array<double, nv> x{}, w{}, lo{}, hi{};
  std::array<bool, nv> free{};  // the variable exists (observed) and may move
  for (std::size_t i = 0; i < nv; ++i) {
    x[i] = i < dof_count ? rad[static_cast<Eigen::Index>(i)] : tl[static_cast<Eigen::Index>(i - dof_count)];
    w[i] = i < dof_count ? options.weights[i] : 1.0;
    lo[i] = hi[i] = nan;
  }

  // Boxes: every active, observed DoF's own range (check()'s first loop).
  for (std::size_t i = 0; i < dof_count; ++i) {
    const auto d = static_cast<DofId>(i);
    if (!limits.active(d) || !pose.observed(d)) continue;
    free[i] = true;
    lo[i] = limits[d].lower.radians - tol;
    hi[i] = limits[d].upper.radians + tol;
  }
  // Regions: where check() uses the region, it replaces the three DoFs' own ranges.
  std::array<ShoulderRegion, 2> regions{};
  std::array<bool, 2> region_on{};
  for (std::size_t s = 0; s < 2; ++s) {
    const Side side = s == 0 ? Side::left : Side::right;
    regions[s] = limits.shoulder_region(side);
    const ShoulderRegion& g = regions[s];
    if (!g.defined() || !limits.active(g.flexion) || !limits.active(g.adduction) || !pose.observed(g.flexion) ||
        !pose.observed(g.adduction))
      continue;
    region_on[s] = true;
    for (DofId d : {g.flexion, g.adduction, g.horizontal}) lo[index(d)] = hi[index(d)] = nan;
  }
  // Two-joint limits: where check() uses one (both DoFs active and observed), h ≤ L(k) + tol.
  std::array<TwoJointLimit, 2 * two_joint_count> two_joint{};
  std::size_t n_two_joint = 0;
  if (limits.uses_two_joint_limits())
    for (Side side : {Side::left, Side::right})
      for (std::size_t k = 0; k < two_joint_count; ++k) {
        const TwoJointLimit t = two_joint_limit(limits, side, k);
        if (t.defined() && limits.active(t.checked) && limits.active(t.controlling) && pose.observed(t.checked) &&
            pose.observed(t.controlling))
          two_joint[n_two_joint++] = t;
      }
  // Slabs: every active composite whose value check() can evaluate.
  std::array<detail::Slab, Limits::max_composites> slabs{};
  std::size_t n_slabs = 0;
  std::array<bool, 2> region_coupled{};  // a slab shares a variable with the side's region
  for (std::size_t k = 0; k < limits.composite_count(); ++k) {
    if (!limits.composite_active(k)) continue;
    const CompositeLimit& cl = limits.composite(k);
    if (!evaluate(cl, pose)) continue;  // unknown or a full arc: check() does not bound it
    detail::Slab sl;
    const bool tl_form = cl.term_count == 2 && cl.terms[0].joint == Joint::thoracic &&
                         cl.terms[1].joint == Joint::lumbar && cl.terms[0].axis == cl.terms[1].axis &&
                         cl.terms[0].coefficient == 1.0 && cl.terms[1].coefficient == 1.0;
    const auto add = [&](std::size_t v, double c) {
      for (std::size_t j = 0; j < sl.n; ++j)
        if (sl.var[j] == v) {
          sl.coef[j] += c;
          return;
        }
      sl.var[sl.n] = v, sl.coef[sl.n] = c, ++sl.n;
    };
    const auto t_dof = tl_form ? find_dof(Joint::thoracic, cl.terms[0].axis, Side::none) : std::nullopt;
    const auto l_dof = tl_form ? find_dof(Joint::lumbar, cl.terms[0].axis, Side::none) : std::nullopt;
    if (tl_form && !(t_dof && l_dof && pose.observed(*t_dof) && pose.observed(*l_dof))) {
      // the split is unknown: check() reads the total set with set_thoracolumbar
      const Axis a = cl.terms[0].axis;
      const std::size_t slot = a == Axis::flexion_extension ? 0 : a == Axis::lateral_flexion ? 1 : 2;
      add(dof_count + slot, 1.0);
      free[dof_count + slot] = true;
    } else {
      for (std::size_t t = 0; t < cl.term_count; ++t) {
        const auto d =
            find_dof(cl.terms[t].joint, cl.terms[t].axis, is_spinal(cl.terms[t].joint) ? Side::none : cl.side);
        add(index(*d), cl.terms[t].coefficient);  // known: evaluate() found every term
        free[index(*d)] = true;
      }
    }
    sl.lo = cl.lower.radians - tol, sl.hi = cl.upper.radians + tol;
    sl.lo_target = sl.lo + inset, sl.hi_target = sl.hi - inset;
    for (std::size_t j = 0; j < sl.n; ++j) {
      sl.norm2 += sl.coef[j] * sl.coef[j] / w[sl.var[j]];
      for (std::size_t s = 0; s < 2; ++s)
        if (region_on[s] && (sl.var[j] == index(regions[s].flexion) || sl.var[j] == index(regions[s].adduction)))
          region_coupled[s] = true;
    }
    if (sl.n > 0 && sl.norm2 > 0) slabs[n_slabs++] = sl;
  }

  // Membership of each set (check()'s arithmetic).
  const auto box_ok = [&](const std::array<double, nv>& y) {
    for (std::size_t i = 0; i < nv; ++i)
      if (y[i] > hi[i] || y[i] < lo[i]) return false;  // NaN bounds compare false
    return true;
  };
  const auto slab_value = [](const detail::Slab& sl, const std::array<double, nv>& y) {
    double v = 0;
    for (std::size_t j = 0; j < sl.n; ++j) v += sl.coef[j] * y[sl.var[j]];
    return v;
  };
  const auto slab_ok = [&](const detail::Slab& sl, const std::array<double, nv>& y) {
    const double v = slab_value(sl, y);
    return !(v > sl.hi) && !(v < sl.lo);
  };
  const auto region_ok = [&](std::size_t s, const std::array<double, nv>& y) {
    const ShoulderRegion& g = regions[s];
    const auto pe = detail::plane_elevation(y[index(g.flexion)], y[index(g.adduction)]);
    return !(pe.elevation > g.max_elevation(pe.plane) + tol);
  };
  const auto two_joint_ok = [&](const TwoJointLimit& t, const std::array<double, nv>& y) {
    const double h = y[index(t.checked)];
    return !(h > 0 && h > t.limit_at(y[index(t.controlling)]) + tol);
  };
  const auto all_ok = [&](const std::array<double, nv>& y) {
    if (!box_ok(y)) return false;
    for (std::size_t m = 0; m < n_two_joint; ++m)
      if (!two_joint_ok(two_joint[m], y)) return false;
    for (std::size_t k = 0; k < n_slabs; ++k)
      if (!slab_ok(slabs[k], y)) return false;
    for (std::size_t s = 0; s < 2; ++s)
      if (region_on[s] && !region_ok(s, y)) return false;
    return true;
  };
  const auto finish = [&](const std::array<double, nv>& y) {
    out.moved_count = 0;
    double d2 = 0;
    for (std::size_t i = 0; i < dof_count; ++i) {
      const auto d = static_cast<DofId>(i);
      if (!pose.observed(d)) {
        out.change_radians[i] = nan;
        continue;
      }
      const double c = y[i] - x[i];
      out.change_radians[i] = c;
      if (c != 0) {
        out.pose.set(d, radians(y[i]));
        ++out.moved_count;
        d2 += w[i] * c * c;
      }
    }
    for (std::size_t k = 0; k < 3; ++k) {
      const double c = y[dof_count + k] - x[dof_count + k];
      out.thoracolumbar_change_radians[k] = c;  // NaN where the total is not set
      if (c == c && c != 0) {
        const Axis a = k == 0 ? Axis::flexion_extension : k == 1 ? Axis::lateral_flexion : Axis::axial_rotation;
        out.pose.set_thoracolumbar(a, radians(y[dof_count + k]));
        ++out.moved_count;
        d2 += c * c;
      }
    }
    out.distance_radians = std::sqrt(d2);
  };

  if (all_ok(x)) {
    finish(x);
    out.status = NearestStatus::unchanged;
    return out;
  }

  // Dykstra's algorithm (Boyle & Dykstra 1986), in the inner product <u, v> = Σ wᵢ uᵢ vᵢ:
  // y ← P_j(y + p_j), p_j ← (y + p_j) − P_j(y + p_j), over the sets j in turn.
  std::array<double, nv> y = x, z{};
  // The boxes are two sets of the cycle (first: a huge input is brought into range before any sum;
  // last: see below): a set may appear more than once, each with its own increment.
  std::array<double, nv> p_box_first{}, p_box_last{};
  // the weighted nearest point of a box is the clamp of each coordinate
  const auto project_boxes = [&](std::array<double, nv>& p) {
    for (std::size_t i = 0; i < nv; ++i) {
      if (!free[i]) continue;
      const double v = y[i] + p[i];
      double c = v;
      if (c > hi[i]) c = hi[i];
      if (c < lo[i]) c = lo[i];
      p[i] = v - c;
      y[i] = c;
    }
  };
  std::array<std::array<double, nv>, Limits::max_composites> p_slab{};
  std::array<std::array<double, 2>, 2> p_region{};
  std::array<std::array<double, 2>, 2 * two_joint_count> p_two_joint{};
  std::array<detail::FlexAdd, 2> region_point{};
  for (std::size_t s = 0; s < 2; ++s) {
    if (!region_on[s] || region_coupled[s]) continue;
    const std::size_t fi = index(regions[s].flexion), ai = index(regions[s].adduction);
    region_point[s] = {x[fi], x[ai]};
    if (!region_ok(s, x))
      region_point[s] = detail::nearest_in_region(regions[s], x[fi], x[ai], w[fi], w[ai], tol - inset);
  }
  bool converged = false;
  std::size_t it = 0;
  // Phase 0: Dykstra. Phase 1, only where a region is coupled with a slab and phase 0 did not reach
  // a pose inside every set (Dykstra's theorem needs convex sets): plain cyclic projection (the
  // correction terms reset every sweep) from the last iterate, which looks for a valid pose only.
  // (the two-joint sets are not convex either: phase 1 also runs for them)
  const bool any_coupled = region_coupled[0] || region_coupled[1] || n_two_joint > 0;
  for (int phase = 0; phase < 2; ++phase) {
    if (phase == 1 && (converged || !any_coupled || all_ok(y))) break;
    std::size_t budget = options.max_iterations;
    while (budget-- > 0) {
      ++it;
      const std::array<double, nv> before = y;
      if (phase == 1) {
        p_box_first.fill(0), p_box_last.fill(0);
        for (auto& p : p_slab) p.fill(0);
        for (auto& p : p_region) p.fill(0);
        for (auto& p : p_two_joint) p.fill(0);
      }
      project_boxes(p_box_first);
      // the composite slabs: x − (a·x − b)·W⁻¹a / (aᵀW⁻¹a)
      for (std::size_t k = 0; k < n_slabs; ++k) {
        const detail::Slab& sl = slabs[k];
        auto& p = p_slab[k];
        for (std::size_t j = 0; j < sl.n; ++j) z[sl.var[j]] = y[sl.var[j]] + p[sl.var[j]];
        const double v = slab_value(sl, z);
        double shift = 0;
        if (v > sl.hi)
          shift = v - sl.hi_target;
        else if (v < sl.lo)
          shift = v - sl.lo_target;
        for (std::size_t j = 0; j < sl.n; ++j) {
          const std::size_t i = sl.var[j];
          const double c = z[i] - shift * sl.coef[j] / w[i] / sl.norm2;
          p[i] = z[i] - c;
          y[i] = c;
        }
      }
      // the shoulder regions (not convex: see docs/nearest.md)
      for (std::size_t s = 0; s < 2; ++s) {
        if (!region_on[s]) continue;
        const ShoulderRegion& g = regions[s];
        const std::size_t fi = index(g.flexion), ai = index(g.adduction);
        if (!region_coupled[s]) {
          // no other set touches (F, A): their nearest point is the region's projection of the input,
          // computed once (iterating it would feed it y + p, which rounds to a point a few ulp away,
          // and a point equidistant from two boundary points could then flip between them)
          y[fi] = region_point[s].flexion, y[ai] = region_point[s].adduction;
          continue;
        }
        const double f = y[fi] + p_region[s][0], a = y[ai] + p_region[s][1];
        const auto pe = detail::plane_elevation(f, a);
        detail::FlexAdd q{f, a};
        if (pe.elevation > g.max_elevation(pe.plane) + tol)
          q = detail::nearest_in_region(g, f, a, w[fi], w[ai], tol - inset);
        p_region[s] = {f - q.flexion, a - q.adduction};
        y[fi] = q.flexion, y[ai] = q.adduction;
      }
      // the two-joint limits (not convex: a constant, a linear and a constant piece)
      for (std::size_t m = 0; m < n_two_joint; ++m) {
        const TwoJointLimit& t = two_joint[m];
        const std::size_t hi_ = index(t.checked), ki = index(t.controlling);
        const double h = y[hi_] + p_two_joint[m][0], k = y[ki] + p_two_joint[m][1];
        const detail::HipKnee q = detail::nearest_under_two_joint(t, h, k, w[hi_], w[ki], tol - inset);
        p_two_joint[m] = {h - q.checked, k - q.controlling};
        y[hi_] = q.checked, y[ki] = q.controlling;
      }
      // the boxes again, last, so that every sweep ends inside them exactly (check() compares with the
      // same bound + tolerance)
      project_boxes(p_box_last);
      double change = 0;
      bool finite = true;
      for (std::size_t i = 0; i < nv; ++i) {
        if (!free[i]) continue;
        finite = finite && std::isfinite(y[i]);
        change = std::max(change, std::abs(y[i] - before[i]));
      }
      if (!finite) break;
      if (phase == 0 && change <= 1e-12 && all_ok(y)) {
        converged = true;
        break;
      }
      if (phase == 1 && all_ok(y)) break;
    }
  }
  out.iterations = it;
  bool finite = true;
  for (std::size_t i = 0; i < nv; ++i) finite = finite && (!free[i] || std::isfinite(y[i]));
  if (!finite) {  // overflow in a sum of huge values: give the input back, said to be not reached
    finish(x);
    out.status = NearestStatus::not_reached;
    out.nearest = false;
    return out;
  }
  finish(y);
  out.nearest = converged && !region_coupled[0] && !region_coupled[1];
  // a two-joint set that moved the pose is not convex: Dykstra's result is valid, not proven nearest
  for (std::size_t m = 0; m < n_two_joint; ++m) out.nearest = out.nearest && two_joint_ok(two_joint[m], x);
  const Report r = check(out.pose, limits);
  out.status = r.out_of_range_count == 0 && r.possibly_out_of_range_count == 0 ? NearestStatus::moved
                                                                               : NearestStatus::not_reached;
  if (out.status == NearestStatus::not_reached) out.nearest = false;
  return out;
}

}  // namespace arthrokin
