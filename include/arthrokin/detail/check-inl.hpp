/// @file check-inl.hpp
/// @brief Definitions of check.hpp (the check and its sentences): compiled once
///        into the library (src/core/check.cpp), or included by the header in
///        header-only mode (config.hpp).
#pragma once

#include <arthrokin/check.hpp>
#include <arthrokin/detail/text.hpp>

#include <cmath>
#include <cstdio>
#include <string>

namespace arthrokin {

namespace detail {
/// Status and excess of `v` against [lo, hi] (NaN bound = open) with tolerance `tol`.
inline void classify(double v, double lo, double hi, double tol, Status& status, double& excess) noexcept {
  const bool has_lo = lo == lo, has_hi = hi == hi;
  if (!has_lo && !has_hi) {
    status = Status::no_limit, excess = 0;
  } else if (has_hi && v > hi + tol) {
    status = Status::above, excess = v - hi;
  } else if (has_lo && v < lo - tol) {
    status = Status::below, excess = lo - v;
  } else {
    status = Status::within, excess = 0;
  }
}
}  // namespace detail

ARTHROKIN_FUNC void check(const Pose& pose, const Limits& limits, Report& out) noexcept {
  out.limits = &limits;
  out.out_of_range_count = 0;
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
    detail::classify(c.value, l.lower.radians, l.upper.radians, tol, c.status, c.excess);
    checked += c.status != Status::no_limit;
    out.out_of_range_count += c.out_of_range();
  }
  // The shoulder region decides its DoFs where flexion and adduction are both observed (region.hpp).
  for (Side side : {Side::left, Side::right}) {
    const DofId flexion = *find_dof(Joint::shoulder, Axis::flexion_extension, side);
    const DofId adduction = *find_dof(Joint::shoulder, Axis::abduction_adduction, side);
    if (!limits.active(flexion) || !limits.active(adduction) || !pose.observed(flexion) || !pose.observed(adduction))
      continue;
    const ShoulderRegion g = shoulder_region(limits, side);
    if (!g.defined()) continue;
    const bool h_known = limits.active(g.horizontal) && pose.observed(g.horizontal);
    const auto res = detail::evaluate_region(g, rad[static_cast<Eigen::Index>(index(g.flexion))],
                                             rad[static_cast<Eigen::Index>(index(g.adduction))], h_known, tol);
    const DofId ds[3] = {g.flexion, g.adduction, g.horizontal};
    for (int k = 0; k < 3; ++k) {
      auto& c = out.dofs[index(ds[k])];
      if (c.status == Status::not_checked || c.status == Status::unknown) continue;
      checked -= c.status != Status::no_limit;  // the single-axis result is replaced
      out.out_of_range_count -= c.out_of_range();
      c.decided_by = LimitKind::region;
      c.status = k != res.carrier ? Status::within : res.carrier_upper ? Status::above : Status::below;
      c.excess = k != res.carrier ? 0.0 : res.excess;
      ++checked;
      out.out_of_range_count += c.out_of_range();
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
    detail::classify(c.value, cl.lower.radians, cl.upper.radians, tol, c.status, c.excess);
    checked += c.status != Status::no_limit;
    out.out_of_range_count += c.out_of_range();
  }
  out.overall = out.out_of_range_count > 0 ? Verdict::out_of_range
                : checked > 0              ? Verdict::within_range
                                           : Verdict::unknown;
}

ARTHROKIN_FUNC Report check(const Pose& pose, const Limits& limits) noexcept {
  Report r;
  check(pose, limits, r);
  return r;
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
  if (b.origin == Origin::fallback) s.append(" [default: the chosen source gives no value]");
  return s;
}

namespace detail {
inline std::string sentence(const std::string& pos_name, const std::string& neg_name, const std::string& axis_name,
                            std::string_view pos_dir, std::string_view neg_dir, Status status, double value,
                            double excess, const Bound& lo, const Bound& hi, bool band) {
  switch (status) {
    case Status::above:
      return pos_name + " " + format_angle(value) + " is " + format_angle(excess) + " beyond the " +
             (band ? "target " : "normal ") + format_angle(hi.radians) + " " + describe(hi);
    case Status::below:
      if (band)
        return pos_name + " " + format_angle(value) + " is " + format_angle(excess) + " short of the target " +
               format_angle(lo.radians) + " " + describe(lo);
      return neg_name + " " + format_angle(-value) + " is " + format_angle(excess) + " beyond the normal " +
             format_angle(-lo.radians) + " " + describe(lo);
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
  const ShoulderRegion g = shoulder_region(*r.limits, side);
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
  const auto motion = [](const DofCheck& k) {
    const auto& dirs = axis_directions[static_cast<std::size_t>(axis_of(k.dof))];
    return std::string(k.status == Status::above ? dirs.positive : dirs.negative);
  };
  if (c.out_of_range())
    return std::string(to_string(side)) + " shoulder " + where + " (" + motion(c) + " " +
           format_angle(std::abs(c.value)) + ") is " + format_angle(c.excess) + " beyond the normal " +
           format_angle(emax) + " for that plane " + cite;
  // Another DoF of the region may carry its finding (reported once, on that DoF).
  for (DofId d : {g.flexion, g.adduction, g.horizontal})
    if (r[d].out_of_range() && r[d].decided_by == LimitKind::region)
      return display_name(c.dof) + " " + format_angle(c.value) + ": part of the shoulder region, which " + where +
             " exceeds (reported once, as " +
             display_name(DofMotion{d, r[d].status == Status::above ? Sense::positive : Sense::negative}) + ")";
  return display_name(c.dof) + " " + format_angle(c.value) + " is within the shoulder region: " + where +
         ", normal up to " + format_angle(emax) + " for that plane " + cite;
}
}  // namespace detail

ARTHROKIN_FUNC std::string describe(const Report& r, DofId d) {
  const auto& c = r[d];
  if (c.decided_by == LimitKind::region && c.status != Status::unknown && c.status != Status::not_checked)
    return detail::region_sentence(r, c);
  const auto& l = (*r.limits)[d];
  const auto& dirs = axis_directions[static_cast<std::size_t>(axis_of(d))];
  return detail::sentence(display_name(DofMotion{d, Sense::positive}), display_name(DofMotion{d, Sense::negative}),
                          display_name(d), dirs.positive, dirs.negative, c.status, c.value, c.excess, l.lower, l.upper,
                          false);
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
                          cl.lower, cl.upper, cl.kind == CompositeKind::target_band);
}

ARTHROKIN_FUNC std::string describe(const Report& r) {
  std::string out = std::string("overall: ") + std::string(to_string(r.overall)) + " (" +
                    std::to_string(r.out_of_range_count) + " out of range, " + std::to_string(r.unknown_count) +
                    " unknown)\n";
  for (const auto& c : r.dofs)
    if (c.out_of_range()) out += "  " + describe(r, c.dof) + "\n";
  for (std::size_t k = 0; k < r.composite_count; ++k)
    if (r.composites[k].status != Status::not_checked) out += "  " + describe(r, r.composites[k]) + "\n";
  for (const auto& c : r.dofs)
    if (!c.out_of_range() && c.status != Status::unknown && c.status != Status::not_checked)
      out += "  " + describe(r, c.dof) + "\n";
  return out;
}

}  // namespace arthrokin
