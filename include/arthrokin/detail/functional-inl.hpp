/// @file functional-inl.hpp
/// @brief Definitions of functional.hpp: compiled once into the library (src/core/range.cpp), or
///        included by the header in header-only mode.
#pragma once

#include <arthrokin/error.hpp>
#include <arthrokin/functional.hpp>
#include <arthrokin/sources.hpp>

#include <cmath>
#include <cstdio>
#include <string>

namespace arthrokin {

namespace detail {
inline int support_rank(Support s) noexcept {
  return s == Support::not_supported ? 3 : s == Support::unknown ? 2 : s == Support::within_span ? 1 : 0;
}
inline std::string fmt_deg(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f\u00b0", v);
  return buf;
}
}  // namespace detail

ARTHROKIN_FUNC std::vector<ActivitySupport> functional_support(const RangeAccumulator& range, Side side,
                                                               std::span<const FunctionalRequirement> table,
                                                               RangeEnds ends) {
  if (side != Side::left && side != Side::right)
    throw invalid_argument("functional_support: side must be left or right");
  std::vector<ActivitySupport> out;
  for (const FunctionalRequirement& q : table) {
    const auto dof = find_dof(q.joint, q.axis, side);
    if (!dof)
      throw invalid_argument("functional_support: no DoF for the " + std::string(to_string(q.joint)) + " axis of '" +
                             std::string(q.activity) + "' on the " + std::string(to_string(side)) + " side");
    if (!(q.low_deg <= q.high_deg))
      throw invalid_argument("functional_support: low > high in '" + std::string(q.activity) + "'");
    RequirementSupport r;
    r.requirement = &q;
    r.dof = *dof;
    const double end = reached_end(range[*dof], q.sense, ends);  // signed radians, NaN when never observed
    if (end == end) {
      r.reached_deg = rad_to_deg(end) * static_cast<double>(static_cast<int>(q.sense));
      // 1e-9° of tolerance: 120° converted to radians by another π/180 (numpy's) still reaches 120°.
      constexpr double eps = 1e-9;
      if (r.reached_deg >= q.high_deg - eps) {
        r.support = Support::supported;
      } else if (r.reached_deg >= q.low_deg - eps) {
        r.support = Support::within_span;
      } else {
        r.support = Support::not_supported;
        r.short_by_deg = q.high_deg - r.reached_deg;
      }
    }
    ActivitySupport* a = nullptr;
    for (auto& x : out)
      if (x.activity == q.activity) a = &x;
    if (!a) {
      out.push_back(ActivitySupport{q.activity, side, r.support, {}});
      a = &out.back();
    } else if (detail::support_rank(r.support) > detail::support_rank(a->support)) {
      a->support = r.support;
    }
    a->requirements.push_back(r);
  }
  return out;
}

ARTHROKIN_FUNC std::string describe(const ActivitySupport& a) {
  std::string s = std::string(to_string(a.side)) + " side: " + std::string(a.activity) + " " +
                  (a.support == Support::supported       ? "supported"
                   : a.support == Support::within_span   ? "within the span the source gives"
                   : a.support == Support::not_supported ? "not supported"
                                                         : "unknown");
  const char* sep = ": ";
  for (const RequirementSupport& r : a.requirements) {
    const FunctionalRequirement& q = *r.requirement;
    const AxisDirections d = info(r.dof).directions;
    const std::string motion =
        std::string(to_string(q.joint)) + " " + std::string(q.sense == Sense::positive ? d.positive : d.negative);
    const std::string need = q.low_deg == q.high_deg ? detail::fmt_deg(q.high_deg)
                                                     : detail::fmt_deg(q.low_deg) + "-" + detail::fmt_deg(q.high_deg);
    const std::string cite =
        " (" + std::string(short_citation(q.source)) + ", " + std::string(to_string(q.figure)) + ")";
    s += sep;
    sep = "; ";
    if (r.support == Support::unknown)
      s += motion + " not observed, needs " + need + cite;
    else if (r.support == Support::not_supported)
      s += motion + " reached " + detail::fmt_deg(r.reached_deg) + ", " + detail::fmt_deg(r.short_by_deg) +
           " short of the " + need + " it needs" + cite;
    else
      s += motion + " reached " + detail::fmt_deg(r.reached_deg) + " of the " + need + " it needs" + cite;
  }
  return s;
}

}  // namespace arthrokin
