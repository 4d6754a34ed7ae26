/// @file check-inl.hpp
/// @brief Definitions of check.hpp (the check and its sentences): compiled once
///        into the library (src/core/check.cpp), or included by the header in
///        header-only mode (config.hpp).
#pragma once

#include <arthrokin/check.hpp>
#include <arthrokin/detail/text.hpp>
#include <arthrokin/error.hpp>
#include <arthrokin/sources.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <string>
#include <string_view>

namespace arthrokin {

namespace detail {
/// Status and excess of `v` against [lo, hi] (NaN bound = open) with tolerance `tol` and expanded
/// uncertainty `u` (radians, >= 0): beyond by more than the tolerance is an excursion, clear when
/// beyond the bound by more than U (v > hi + U, v < lo - U: the batch kernel's arithmetic), else possible.
/// An excess that overflowed (a finite value near ±DBL_MAX past a bound of the other sign) is
/// the largest finite double: "at least this much", never infinite.
inline double finite_excess(double e) noexcept {
  return e < std::numeric_limits<double>::max() ? e : std::numeric_limits<double>::max();
}

inline void classify(double v, double lo, double hi, double tol, double u, Status& status, double& excess) noexcept {
  const bool has_lo = lo == lo, has_hi = hi == hi;
  if (!has_lo && !has_hi) {
    status = Status::no_limit, excess = 0;
  } else if (has_hi && v > hi + tol) {
    status = v > hi + u ? Status::above : Status::possibly_above, excess = finite_excess(v - hi);
  } else if (has_lo && v < lo - tol) {
    status = v < lo - u ? Status::below : Status::possibly_below, excess = finite_excess(lo - v);
  } else {
    status = Status::within, excess = 0;
  }
}

/// `check` with the expanded uncertainty of each DoF (`u`: `dof_count` radians, or nullptr for none).
inline void check_with(const Pose& pose, const Limits& limits, const Uncertainty* unc, Report& out) noexcept {
  out.limits = &limits;
  out.out_of_range_count = 0;
  out.possibly_out_of_range_count = 0;
  out.unknown_count = 0;
  std::size_t checked = 0;
  const double tol = limits.tolerance_radians();
  const auto& rad = pose.as_radians();
  for (std::size_t i = 0; i < dof_count; ++i) {
    const auto d = static_cast<DofId>(i);
    auto& c = out.dofs[i];
    c.dof = d;
    c.excess = 0;
    c.decided_by = LimitKind::single_axis;
    c.two_joint_limit = std::numeric_limits<double>::quiet_NaN();
    c.expanded_uncertainty = unc ? unc->expanded_radians(d) : 0.0;
    c.value = rad[static_cast<Eigen::Index>(i)];
    if (!limits.active(d)) {
      c.status = Status::not_checked;
      continue;
    }
    if (!pose.observed(d)) {
      c.status = Status::unknown;
      ++out.unknown_count;
      continue;
    }
    const auto& l = limits[d];
    classify(c.value, l.lower.radians, l.upper.radians, tol, c.expanded_uncertainty, c.status, c.excess);
    checked += c.status != Status::no_limit;
    out.out_of_range_count += c.out_of_range();
    out.possibly_out_of_range_count += c.possibly_out_of_range();
  }
  // The shoulder region decides its DoFs where flexion and adduction are both observed (region.hpp).
  for (Side side : {Side::left, Side::right}) {
    const DofId flexion = *find_dof(Joint::shoulder, Axis::flexion_extension, side);
    const DofId adduction = *find_dof(Joint::shoulder, Axis::abduction_adduction, side);
    if (!limits.active(flexion) || !limits.active(adduction) || !pose.observed(flexion) || !pose.observed(adduction))
      continue;
    const ShoulderRegion& g = limits.shoulder_region(side);
    if (!g.defined()) continue;
    const bool h_known = limits.active(g.horizontal) && pose.observed(g.horizontal);
    const double f = rad[static_cast<Eigen::Index>(index(g.flexion))];
    const double a = rad[static_cast<Eigen::Index>(index(g.adduction))];
    const auto res = detail::evaluate_region(g, f, a, h_known, tol);
    // beyond the region clearly past the elevation's expanded uncertainty, possibly within it
    const double u_elevation = detail::elevation_uncertainty(f, a, out.dofs[index(g.flexion)].expanded_uncertainty,
                                                             out.dofs[index(g.adduction)].expanded_uncertainty);
    const bool maybe = res.carrier >= 0 && !(res.excess > u_elevation);
    const DofId ds[3] = {g.flexion, g.adduction, g.horizontal};
    for (int k = 0; k < 3; ++k) {
      auto& c = out.dofs[index(ds[k])];
      if (c.status == Status::not_checked || c.status == Status::unknown) continue;
      checked -= c.status != Status::no_limit;  // the single-axis result is replaced
      out.out_of_range_count -= c.out_of_range();
      out.possibly_out_of_range_count -= c.possibly_out_of_range();
      c.decided_by = LimitKind::region;
      if (k != res.carrier) {
        c.status = Status::within, c.excess = 0.0;
      } else {
        c.status = res.carrier_upper ? (maybe ? Status::possibly_above : Status::above)
                                     : (maybe ? Status::possibly_below : Status::below);
        c.excess = res.excess;
        c.expanded_uncertainty = u_elevation;  // the finding is in elevation
      }
      ++checked;
      out.out_of_range_count += c.out_of_range();
      out.possibly_out_of_range_count += c.possibly_out_of_range();
    }
  }
  // Two-joint limits decide the checked DoF's upper bound where both DoFs are observed and the checked
  // one is in the limited direction (two_joint.hpp).
  if (limits.uses_two_joint_limits()) {
    for (Side side : {Side::left, Side::right}) {
      for (std::size_t k = 0; k < two_joint_count; ++k) {
        const TwoJointLimit t = two_joint_limit(limits, side, k);
        if (!t.defined() || !limits.active(t.checked) || !limits.active(t.controlling) || !pose.observed(t.checked) ||
            !pose.observed(t.controlling))
          continue;
        auto& c = out.dofs[index(t.checked)];
        if (!(c.value > 0)) continue;  // the extension side: the DoF's own lower bound decides
        const double knee = rad[static_cast<Eigen::Index>(index(t.controlling))];
        const double limit = t.limit_at(knee);
        checked -= c.status != Status::no_limit;  // the single-axis result is replaced
        out.out_of_range_count -= c.out_of_range();
        out.possibly_out_of_range_count -= c.possibly_out_of_range();
        c.decided_by = LimitKind::two_joint;
        c.two_joint_limit = limit;
        c.expanded_uncertainty = detail::two_joint_uncertainty(t, knee, c.expanded_uncertainty,
                                                               out.dofs[index(t.controlling)].expanded_uncertainty);
        classify(c.value, limits[t.checked].lower.radians, limit, tol, c.expanded_uncertainty, c.status, c.excess);
        ++checked;
        out.out_of_range_count += c.out_of_range();
        out.possibly_out_of_range_count += c.possibly_out_of_range();
      }
    }
  }
  out.composite_count = limits.composite_count();
  for (std::size_t k = 0; k < out.composite_count; ++k) {
    auto& c = out.composites[k];
    c.index = k;
    c.excess = 0;
    const auto& cl = limits.composite(k);
    if (!limits.composite_active(k)) {
      c.status = Status::not_checked;
      continue;
    }
    const auto v = evaluate(cl, pose);
    if (!v) {
      c.status = cl.kind == CompositeKind::full_arc ? Status::not_checked : Status::unknown;
      c.value = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    c.value = *v;
    classify(c.value, cl.lower.radians, cl.upper.radians, tol, 0.0, c.status, c.excess);
    checked += c.status != Status::no_limit;
    out.out_of_range_count += c.out_of_range();
  }
  out.overall =
      verdict_of(out.out_of_range_count > 0, out.possibly_out_of_range_count > 0, checked > 0, out.unknown_count > 0);
}

/// Throws unless `u` is a valid standard uncertainty (finite, >= 0; radians).
inline void require_uncertainty(const char* what, double u) {
  if (!std::isfinite(u) || u < 0) detail::raise(std::string(what) + ": an uncertainty must be finite and >= 0");
}
}  // namespace detail

ARTHROKIN_FUNC Uncertainty Uncertainty::uniform(Angle u, double coverage) {
  const double r = to_radians(u);
  detail::require_uncertainty("Uncertainty::uniform", r);
  Uncertainty x;
  x.set_coverage(coverage);
  x.u_.fill(r);
  return x;
}

ARTHROKIN_FUNC Uncertainty Uncertainty::from_radians(std::span<const double> u, double coverage) {
  if (u.size() != dof_count)
    detail::raise("Uncertainty::from_radians: expected " + std::to_string(dof_count) + " values, got " +
                  std::to_string(u.size()));
  Uncertainty x;
  x.set_coverage(coverage);
  for (std::size_t i = 0; i < dof_count; ++i) {
    if (u[i] != u[i]) continue;  // NaN: none
    detail::require_uncertainty("Uncertainty::from_radians", u[i]);
    x.u_[i] = u[i];
  }
  return x;
}

ARTHROKIN_FUNC Uncertainty& Uncertainty::set(DofId d, Angle u) {
  const double r = to_radians(u);
  detail::require_uncertainty("Uncertainty::set", r);
  u_[index(d)] = r;
  return *this;
}

ARTHROKIN_FUNC Uncertainty& Uncertainty::set_coverage(double k) {
  if (!std::isfinite(k) || !(k > 0)) detail::raise("Uncertainty::set_coverage: k must be finite and > 0");
  k_ = k;
  return *this;
}

ARTHROKIN_FUNC bool Uncertainty::any() const noexcept {
  for (double u : u_)
    if (u > 0) return true;
  return false;
}

namespace detail {
/// A published measurement error of one input kind for one motion (both sides), in degrees.
struct InputUncertaintyRow {
  InputKind kind;
  Joint joint;
  Axis axis;
  double figure_deg;        ///< as published
  bool mean_absolute;       ///< the figure is a mean absolute error (u = MAE·√(π/2)); else a standard error
  std::string_view source;  ///< key in data/reference/SOURCES.md
};
/// docs/uncertainty.md says why each figure, and why marker mocap and IMUs have none.
inline constexpr std::array<InputUncertaintyRow, 3> input_uncertainty_rows{{
    // between-tester SEM "less than 3.55°", flexible electrogoniometer at the knee (abstract, first study)
    {InputKind::goniometer, Joint::knee, Axis::flexion_extension, 3.55, false, "Piriyaprasarth08"},
    // OpenPose on sagittal video vs 3D motion capture, mean absolute errors (abstract)
    {InputKind::monocular_keypoints, Joint::hip, Axis::flexion_extension, 4.0, true, "Stenum21"},
    {InputKind::monocular_keypoints, Joint::knee, Axis::flexion_extension, 5.6, true, "Stenum21"},
}};
static_assert(std::all_of(input_uncertainty_rows.begin(), input_uncertainty_rows.end(),
                          [](const InputUncertaintyRow& r) { return find_source(r.source).has_value(); }),
              "every input-uncertainty figure cites a section of data/reference/SOURCES.md");
}  // namespace detail

ARTHROKIN_FUNC Uncertainty Uncertainty::for_input(InputKind kind, double coverage) {
  Uncertainty x;
  x.set_coverage(coverage);
  // u = MAE·√(π/2): the standard deviation of a zero-mean normal error with that mean absolute value
  // (a Type B evaluation, JCGM 100:2008 §4.3).
  const double mae_to_sd = std::sqrt(std::numbers::pi / 2);
  for (const auto& r : detail::input_uncertainty_rows) {
    if (r.kind != kind) continue;
    for (const Side side : {Side::left, Side::right})
      if (const auto d = find_dof(r.joint, r.axis, side))
        x.u_[index(*d)] = to_radians(degrees(r.mean_absolute ? r.figure_deg * mae_to_sd : r.figure_deg));
  }
  return x;
}

ARTHROKIN_FUNC void check(const Pose& pose, const Limits& limits, Report& out) noexcept {
  detail::check_with(pose, limits, nullptr, out);
}

ARTHROKIN_FUNC void check(const Pose& pose, const Limits& limits, const Uncertainty& uncertainty,
                          Report& out) noexcept {
  detail::check_with(pose, limits, &uncertainty, out);
}

ARTHROKIN_FUNC Report check(const Pose& pose, const Limits& limits) noexcept {
  Report r;
  check(pose, limits, r);
  return r;
}

ARTHROKIN_FUNC Report check(const Pose& pose, const Limits& limits, const Uncertainty& uncertainty) noexcept {
  Report r;
  check(pose, limits, uncertainty, r);
  return r;
}

ARTHROKIN_FUNC std::size_t Report::observed_count() const noexcept {
  std::size_t n = 0;
  for (const auto& c : dofs) n += c.status != Status::unknown && c.status != Status::not_checked;
  return n;
}

namespace detail {
/// `x` with 4 significant digits in a compact scientific form: "1e300", "-1.25e20", "1.798e308".
[[nodiscard]] inline std::string format_scientific(double x) {
  const std::string s = format_number("%.4g", x);
  const auto e = s.find('e');
  if (e == std::string::npos) return s;
  std::string exp = s.substr(e + 1);
  const bool neg = !exp.empty() && exp[0] == '-';
  if (!exp.empty() && (exp[0] == '+' || exp[0] == '-')) exp.erase(0, 1);
  while (exp.size() > 1 && exp[0] == '0') exp.erase(0, 1);
  return s.substr(0, e + 1).append(neg ? "-" : "").append(exp);
}
/// From this magnitude on, sentences print degrees in scientific form.
inline constexpr double scientific_from_deg = 1e9;
}  // namespace detail

ARTHROKIN_FUNC std::string format_degrees(double deg) {
  if (deg != deg) return "undefined";
  if (std::isinf(deg)) return deg > 0 ? "\xE2\x88\x9E\xC2\xB0" : "-\xE2\x88\x9E\xC2\xB0";  // U+221E INFINITY
  if (std::abs(deg) >= detail::scientific_from_deg) return detail::format_scientific(deg) + "\xC2\xB0";
  const double r = std::round(deg * 10.0) / 10.0;
  return detail::format_number(r == std::round(r) ? "%.0f" : "%.1f", r == 0 ? 0.0 : r) +
         "\xC2\xB0";  // U+00B0 DEGREE SIGN
}

namespace detail {
/// An angle given in radians, for sentences: its degrees (`format_degrees`), or, for a finite radian
/// value whose degree value overflows a double (above about 3.1e306 rad), the radians: "1e307 rad".
[[nodiscard]] inline std::string format_angle(double rad) {
  const double deg = rad_to_deg(rad);
  if (std::isinf(deg) && std::isfinite(rad)) return format_scientific(rad) + " rad";
  return format_degrees(deg);
}
}  // namespace detail

namespace detail {
/// `deg` rounded to `places` (1 or 2) decimals, trailing zeros dropped, with the degree sign; outside
/// the fixed range (|deg| >= 1e9, ±∞, NaN) `format_degrees`.
[[nodiscard]] inline std::string format_degrees_places(double deg, int places) {
  if (!(std::abs(deg) < scientific_from_deg) || places <= 1) return format_degrees(deg);
  const double r = std::round(deg * 100.0) / 100.0;
  std::string s = format_number("%.2f", r == 0 ? 0.0 : r);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s + "\xC2\xB0";
}
/// The largest number of decimals a sentence prints to separate a value from its bound.
inline constexpr int max_excess_places = 2;
}  // namespace detail

ARTHROKIN_FUNC std::optional<ExcessFigures> format_excess(double value_deg, double bound_deg, double excess_deg,
                                                          double uncertainty_deg) {
  for (int places = 1; places <= detail::max_excess_places; ++places) {
    ExcessFigures f{detail::format_degrees_places(value_deg, places), detail::format_degrees_places(excess_deg, places),
                    detail::format_degrees_places(bound_deg, places),
                    detail::format_degrees_places(uncertainty_deg, places)};
    if (f.excess != "0\xC2\xB0" && f.value != f.bound) return f;
  }
  return std::nullopt;
}

ARTHROKIN_FUNC std::string describe(const Bound& b) {
  // Built with append() rather than operator+ chains, which trip GCC 12's -Wrestrict false positive (PR 105329).
  std::string s = "(";
  switch (b.origin) {
    case Origin::user:
      s.append("override: ").append(b.user_label()).append(")");
      return s;
    case Origin::model:
      s.append(b.source).append(" model bound, not a clinical norm)");
      break;
    default:
      s.append(short_citation(b.source)).append(")");
      break;
  }
  if (b.tag == Tag::recalled || b.tag == Tag::secondary) s.append(tag_note(b.tag));
  if (b.origin == Origin::derived) s.append(" [").append(b.note).append("]");
  if (b.origin == Origin::fallback) {
    if (b.note.empty())
      s.append(" [default: the chosen source gives no value]");
    else
      s.append(" [").append(b.note).append("]");  // a measurement context without a norm here
  }
  return s;
}

namespace detail {
/// The sentence of an excursion (clear or possible) of `value` past `bound` (radians; `shown_*`: the
/// signed figures the sentence prints, e.g. −value for a negative-direction name). Figures with
/// as many decimals as needed to show a non-zero excess (`format_excess`), else "at the limit".
inline std::string excursion_sentence(const std::string& name, double shown_value, double shown_bound, double excess,
                                      double uncertainty, bool possibly, std::string_view what, const Bound& b) {
  const double v = rad_to_deg(shown_value), bd = rad_to_deg(shown_bound), e = rad_to_deg(excess),
               u = rad_to_deg(uncertainty);
  std::string s = name;
  const std::string cite = describe(b);
  if (!std::isfinite(v) || !std::isfinite(bd) || !std::isfinite(e)) {  // beyond a double's degrees: radians
    s.append(" ").append(format_angle(shown_value)).append(" is ").append(possibly ? "possibly " : "");
    s.append(format_angle(excess)).append(" ").append(what).append(" ").append(format_angle(shown_bound));
    if (possibly) s.append(" (within its uncertainty of \xC2\xB1").append(format_angle(uncertainty)).append(")");
    return s.append(" ").append(cite);
  }
  const auto f = format_excess(v, bd, e, u);
  // "beyond the normal" → "normal"; "short of the target" → "target"
  const std::string_view noun = what.substr(what.rfind(' ') + 1);
  if (!f) {
    s.append(possibly ? " is possibly at the limit of the " : " is at the limit of the ").append(noun).append(" ");
    // "(beyond it by less than 0.01°", "(short of it by less than 0.01°"
    s.append(format_angle(shown_bound)).append(" (").append(what.substr(0, what.rfind(" the ")));
    s.append(" it by less than 0.01\xC2\xB0");
    if (possibly) s.append(", within its uncertainty of \xC2\xB1").append(format_degrees_places(u, 2));
    return s.append(") ").append(cite);
  }
  s.append(" ").append(f->value).append(" is ").append(possibly ? "possibly " : "").append(f->excess);
  s.append(" ").append(what).append(" ").append(f->bound);
  if (possibly) s.append(" (within its uncertainty of \xC2\xB1").append(f->uncertainty).append(")");
  return s.append(" ").append(cite);
}

inline std::string sentence(const std::string& pos_name, const std::string& neg_name, const std::string& axis_name,
                            std::string_view pos_dir, std::string_view neg_dir, Status status, double value,
                            double excess, double uncertainty, const Bound& lo, const Bound& hi, bool band) {
  switch (status) {
    case Status::above:
    case Status::possibly_above:
      return excursion_sentence(pos_name, value, hi.radians, excess, uncertainty, status == Status::possibly_above,
                                band ? "beyond the target" : "beyond the normal", hi);
    case Status::below:
    case Status::possibly_below:
      if (band)
        return excursion_sentence(pos_name, value, lo.radians, excess, uncertainty, status == Status::possibly_below,
                                  "short of the target", lo);
      return excursion_sentence(neg_name, -value, -lo.radians, excess, uncertainty, status == Status::possibly_below,
                                "beyond the normal", lo);
    case Status::within: {
      // One citation after the range when both ends share it, else each end's after its value.
      const bool both = lo.has_value() && hi.has_value();
      const bool same_cite = both && describe(lo) == describe(hi);
      std::string range;
      if (lo.has_value()) {
        range.append(format_angle(band ? lo.radians : -lo.radians)).append(" ");
        range.append(neg_dir);
        if (!same_cite) range.append(" ").append(describe(lo));
      }
      if (both) range.append(" to ");
      if (hi.has_value()) {
        range.append(format_angle(hi.radians)).append(" ").append(pos_dir);
        range.append(" ").append(describe(hi));
      }
      return axis_name + " " + format_angle(value) + " is within the " + (band ? "target band " : "normal range ") +
             range;
    }
    case Status::unknown:
      return axis_name + " is unknown (not observed)";
    case Status::no_limit:
      return axis_name + " " + format_angle(value) + ": no normative limit in the reference";
    case Status::not_checked:
      return axis_name + " not checked";
  }
  return {};
}
}  // namespace detail

namespace detail {
/// "extension 60° (AAOS 1994)", "horizontal abduction 45° at 90° elevation (ACSM ...)".
inline std::string knot_text(const Limits& l, const ShoulderRegion& g, const RegionKnot& k) {
  const auto& dirs = axis_directions[static_cast<std::size_t>(axis_of(k.dof))];
  const Bound& b = k.upper ? l[k.dof].upper : l[k.dof].lower;
  std::string s(k.upper ? dirs.positive : dirs.negative);
  s.append(" ").append(format_angle(k.upper ? b.radians : -b.radians));
  if (k.dof == g.horizontal) s.append(" at 90\xC2\xB0 elevation");
  return s.append(" ").append(describe(b));
}

/// The sentence of a DoF the shoulder region decided (region.hpp).
inline std::string region_sentence(const Report& r, const DofCheck& c) {
  const Side side = side_of(c.dof);
  const ShoulderRegion& g = r.limits->shoulder_region(side);
  const auto pe = plane_elevation(r[g.flexion].value, r[g.adduction].value);
  std::size_t seg = 0;
  const double emax = g.max_elevation(pe.plane, &seg);
  const RegionKnot &a = g.knots[seg], &b = g.knots[seg + 1];
  std::string cite = "(";
  if (pe.plane == a.plane)
    cite.append(knot_text(*r.limits, g, a)).append(")");
  else if (pe.plane == b.plane)
    cite.append(knot_text(*r.limits, g, b)).append(")");
  else
    cite.append(knot_text(*r.limits, g, a))
        .append(" and ")
        .append(knot_text(*r.limits, g, b))
        .append(", interpolated linearly)");
  const std::string where = "elevation " + format_angle(pe.elevation) + " in the plane of " + format_angle(pe.plane);
  const auto upper = [](const DofCheck& k) { return k.status == Status::above || k.status == Status::possibly_above; };
  const auto motion = [&](const DofCheck& k) {
    const auto& dirs = axis_directions[static_cast<std::size_t>(axis_of(k.dof))];
    return std::string(upper(k) ? dirs.positive : dirs.negative);
  };
  const auto beyond = [](const DofCheck& k) { return k.out_of_range() || k.possibly_out_of_range(); };
  if (beyond(c)) {
    const bool possibly = c.possibly_out_of_range();
    const std::string head = std::string(to_string(side)) + " shoulder elevation ";
    const std::string plane =
        " in the plane of " + format_angle(pe.plane) + " (" + motion(c) + " " + format_angle(std::abs(c.value)) + ")";
    const std::string maybe = possibly ? "possibly " : "";
    const double e = rad_to_deg(pe.elevation), m = rad_to_deg(emax), x = rad_to_deg(c.excess),
                 u = rad_to_deg(c.expanded_uncertainty);
    if (!std::isfinite(e) || !std::isfinite(m) || !std::isfinite(x))  // beyond a double's degrees: radians
      return head + format_angle(pe.elevation) + plane + " is " + maybe + format_angle(c.excess) +
             " beyond the normal " + format_angle(emax) + " for that plane " + cite;
    const auto f = format_excess(e, m, x, u);
    if (!f)
      return head + format_angle(pe.elevation) + plane + " is " + maybe + "at the limit of the normal " +
             format_angle(emax) + " for that plane (beyond it by less than 0.01\xC2\xB0) " + cite;
    return head + f->value + plane + " is " + maybe + f->excess + " beyond the normal " + f->bound + " for that plane" +
           (possibly ? " (within its uncertainty of \xC2\xB1" + f->uncertainty + ")" : "") + " " + cite;
  }
  // Another DoF of the region may carry its finding (reported once, on that DoF).
  for (DofId d : {g.flexion, g.adduction, g.horizontal})
    if (beyond(r[d]) && r[d].decided_by == LimitKind::region)
      return display_name(c.dof) + " " + format_angle(c.value) + ": part of the shoulder region, which " + where +
             (r[d].possibly_out_of_range() ? " possibly" : "") + " exceeds (reported once, as " +
             display_name(DofMotion{d, upper(r[d]) ? Sense::positive : Sense::negative}) + ")";
  return display_name(c.dof) + " " + format_angle(c.value) + " is within the shoulder region: " + where +
         ", normal up to " + format_angle(emax) + " for that plane " + cite;
}
}  // namespace detail

namespace detail {
/// The two-joint limit of `limits` that checks `dof` (two_joint.hpp), if there is one.
inline std::optional<TwoJointLimit> two_joint_checking(const Limits& limits, DofId dof) noexcept {
  for (std::size_t k = 0; k < two_joint_count; ++k)
    if (const TwoJointLimit t = two_joint_limit(limits, side_of(dof), k); t.checked == dof) return t;
  return std::nullopt;
}
}  // namespace detail

ARTHROKIN_FUNC Bound deciding_bound(const Report& r, const DofCheck& c) noexcept {
  const auto t = c.decided_by == LimitKind::two_joint ? detail::two_joint_checking(*r.limits, c.dof) : std::nullopt;
  if (!t) return r.violated_bound(c);
  const double at = r[t->controlling].value;
  Bound b = at >= t->own_at ? t->own : t->straight;
  if (at > t->straight_at && at < t->own_at) b.origin = Origin::derived;
  b.radians = c.two_joint_limit;
  return b;
}

namespace detail {
/// The sentence of a DoF a two-joint limit decided (two_joint.hpp), e.g. "left hip flexion 110° with the knee
/// at 0° of flexion is 20° beyond the normal 90° at that knee angle (hamstrings, knee straight: 90° (Magee ...))".
inline std::string two_joint_sentence(const Report& r, const DofCheck& c) {
  const TwoJointLimit t = two_joint_checking(*r.limits, c.dof).value_or(TwoJointLimit{});
  const double knee = r[t.controlling].value;
  std::string cite = "(" + std::string(t.muscle) + ": ";
  const std::string controlling(to_string(joint_of(t.controlling)));
  const std::string straight =
      format_angle(t.straight.radians) + " " + controlling + " straight " + describe(t.straight);
  const std::string own = "own " + format_angle(t.own.radians) + " " + describe(t.own) + " from " +
                          format_angle(t.own_at) + " " + controlling + " flexion (arthrokin's choice)";
  if (knee <= t.straight_at)
    cite.append(straight).append(")");
  else if (knee >= t.own_at)
    cite.append(own).append(")");
  else
    cite.append(straight).append(", ").append(own).append(", linear between)");
  const std::string name = display_name(DofMotion{c.dof, Sense::positive});
  const std::string at =
      " with the " + std::string(to_string(joint_of(t.controlling))) + " at " + format_angle(knee) + " of flexion";
  if (c.out_of_range() || c.possibly_out_of_range()) {
    const bool possibly = c.possibly_out_of_range();
    const std::string maybe = possibly ? "possibly " : "";
    const double v = rad_to_deg(c.value), m = rad_to_deg(c.two_joint_limit), x = rad_to_deg(c.excess),
                 u = rad_to_deg(c.expanded_uncertainty);
    if (!std::isfinite(v) || !std::isfinite(x))  // beyond a double's degrees: radians
      return name + " " + format_angle(c.value) + at + " is " + maybe + format_angle(c.excess) + " beyond the normal " +
             format_angle(c.two_joint_limit) + " at that angle " + cite;
    const auto f = format_excess(v, m, x, u);
    if (!f)
      return name + " " + format_angle(c.value) + at + " is " + maybe + "at the limit of the normal " +
             format_angle(c.two_joint_limit) + " at that angle (beyond it by less than 0.01\xC2\xB0) " + cite;
    return name + " " + f->value + at + " is " + maybe + f->excess + " beyond the normal " + f->bound +
           " at that angle" + (possibly ? " (within its uncertainty of \xC2\xB1" + f->uncertainty + ")" : "") + " " +
           cite;
  }
  return name + " " + format_angle(c.value) + at + " is within the normal range, up to " +
         format_angle(c.two_joint_limit) + " at that angle " + cite;
}
}  // namespace detail

ARTHROKIN_FUNC std::string describe(const Report& r, DofId d) {
  const auto& c = r[d];
  if (c.decided_by == LimitKind::region && c.status != Status::unknown && c.status != Status::not_checked)
    return detail::region_sentence(r, c);
  if (c.decided_by == LimitKind::two_joint) return detail::two_joint_sentence(r, c);
  const auto& l = (*r.limits)[d];
  const auto& dirs = axis_directions[static_cast<std::size_t>(axis_of(d))];
  return detail::sentence(display_name(DofMotion{d, Sense::positive}), display_name(DofMotion{d, Sense::negative}),
                          display_name(d), dirs.positive, dirs.negative, c.status, c.value, c.excess,
                          c.expanded_uncertainty, l.lower, l.upper, false);
}

ARTHROKIN_FUNC std::string display_name(const CompositeLimit& c) {
  std::string s;
  if (c.side != Side::none) (s += to_string(c.side)) += ' ';
  for (char ch : c.display) s += ch == '_' ? ' ' : ch;
  return s;
}

ARTHROKIN_FUNC std::string describe(const Report& r, const CompositeCheck& c) {
  const auto& cl = r.limits->composite(c.index);
  std::string side = cl.side == Side::none ? std::string{} : std::string(to_string(cl.side)) + " ";
  std::string prefix = side + (cl.term_count == 2 && cl.terms[0].joint == Joint::thoracic ? "thoracolumbar " : "");
  if (cl.kind == CompositeKind::target_band) prefix = side + std::string(to_string(cl.terms[0].joint)) + " ";
  return detail::sentence(prefix + std::string(cl.positive_name), prefix + std::string(cl.negative_name),
                          display_name(cl), cl.positive_name,
                          cl.kind == CompositeKind::target_band ? "" : cl.negative_name, c.status, c.value, c.excess,
                          0.0, cl.lower, cl.upper, cl.kind == CompositeKind::target_band);
}

ARTHROKIN_FUNC std::string summary(const Report& r) {
  const std::string unknown = std::to_string(r.unknown_count) + " unknown";
  const std::string possibly = std::to_string(r.possibly_out_of_range_count) + " possibly out of range";
  switch (r.overall) {
    case Verdict::within_range:
      return "within range for all " + std::to_string(r.observed_count()) + " DoFs checked";
    case Verdict::within_range_partial:
      return "within range for " + std::to_string(r.observed_count()) + " of " +
             std::to_string(r.observed_count() + r.unknown_count) + " DoFs (" + unknown + ")";
    case Verdict::possibly_out_of_range:
      return possibly + " (within its uncertainty), none clearly; " + unknown;
    case Verdict::out_of_range:
      return std::to_string(r.out_of_range_count) + " out of range, " +
             (r.possibly_out_of_range_count > 0 ? possibly + ", " : std::string()) + unknown;
    case Verdict::unknown:
      break;
  }
  return "nothing could be checked; " + unknown;
}

ARTHROKIN_FUNC std::string describe(const Report& r) {
  std::string out = std::string("overall: ") + std::string(to_string(r.overall)) + " (" + summary(r) + ")\n";
  for (const auto& c : r.dofs)
    if (c.out_of_range()) out += "  " + describe(r, c.dof) + "\n";
  for (const auto& c : r.dofs)
    if (c.possibly_out_of_range()) out += "  " + describe(r, c.dof) + "\n";
  for (std::size_t k = 0; k < r.composite_count; ++k)
    if (r.composites[k].status != Status::not_checked) out += "  " + describe(r, r.composites[k]) + "\n";
  for (const auto& c : r.dofs)
    if (!c.out_of_range() && !c.possibly_out_of_range() && c.status != Status::unknown &&
        c.status != Status::not_checked)
      out += "  " + describe(r, c.dof) + "\n";
  return out;
}

}  // namespace arthrokin
