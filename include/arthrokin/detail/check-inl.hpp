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
  if (b.origin == Origin::fallback) {
    if (b.note.empty())
      s.append(" [default: the chosen source gives no value]");
    else
      s.append(" [").append(b.note).append("]");  // a measurement context without a norm here
  }
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

ARTHROKIN_FUNC std::string describe(const Report& r, DofId d) {
  const auto& c = r[d];
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
