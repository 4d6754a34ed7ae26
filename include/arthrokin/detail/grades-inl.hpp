/// @file grades-inl.hpp
/// @brief Definitions of grades.hpp: compiled once into the library (src/core/range.cpp), or included
///        by the header in header-only mode.
#pragma once

#include <arthrokin/error.hpp>
#include <arthrokin/grades.hpp>

#include <cstdio>
#include <string>

namespace arthrokin {

namespace detail {
struct GradeRow {
  double limit_deg;
  int percent;
};
/// 38 CFR 4.71a as quoted in VAOPGCPREC 9-2004 (SOURCES.md `VAGC04`): most limited row first.
inline constexpr GradeRow dc5260_rows[] = {{15, 30}, {30, 20}, {45, 10}, {60, 0}};
inline constexpr GradeRow dc5261_rows[] = {{45, 50}, {30, 40}, {20, 30}, {15, 20}, {10, 10}, {5, 0}};
inline constexpr double grade_eps = 1e-9;  // degrees: unit-conversion rounding at a row's angle
}  // namespace detail

ARTHROKIN_FUNC KneeMotionGrades knee_motion_ratings(const RangeAccumulator& range, Side side, RangeEnds ends) {
  if (side != Side::left && side != Side::right)
    throw invalid_argument("knee_motion_ratings: side must be left or right");
  const DofId knee = *find_dof(Joint::knee, Axis::flexion_extension, side);
  const DofRange r = range[knee];
  KneeMotionGrades g;
  g.flexion.diagnostic_code = 5260;
  g.extension.diagnostic_code = 5261;
  g.flexion.dof = g.extension.dof = knee;
  const double f = reached_end(r, Sense::positive, ends), e = reached_end(r, Sense::negative, ends);
  if (f == f) {
    g.flexion.reached_deg = rad_to_deg(f);
    for (const auto& row : detail::dc5260_rows)
      if (g.flexion.reached_deg <= row.limit_deg + detail::grade_eps) {
        g.flexion.percent = row.percent;
        g.flexion.row_limit_deg = row.limit_deg;
        break;
      }
  }
  if (e == e) {
    g.extension.reached_deg = rad_to_deg(e);
    for (const auto& row : detail::dc5261_rows)
      if (g.extension.reached_deg >= row.limit_deg - detail::grade_eps) {
        g.extension.percent = row.percent;
        g.extension.row_limit_deg = row.limit_deg;
        break;
      }
  }
  return g;
}

ARTHROKIN_FUNC std::string describe(const MotionGrade& g) {
  const bool flex = g.diagnostic_code == 5260;
  std::string s = std::string(to_string(side_of(g.dof))) + " knee: ";
  const char* motion = flex ? "flexion" : "extension";
  if (!g.known()) return s + motion + " not observed: DC " + std::to_string(g.diagnostic_code) + " unknown";
  char buf[160];
  if (flex)
    std::snprintf(buf, sizeof buf, "flexion reached %.0f\u00b0", g.reached_deg);
  else
    std::snprintf(buf, sizeof buf, "extension stopped at %.0f\u00b0 of flexion", g.reached_deg);
  s += buf;
  if (g.percent < 0) return s + ", no row of DC " + std::to_string(g.diagnostic_code) + " applies (38 CFR 4.71a)";
  std::snprintf(buf, sizeof buf, ", DC %d (%s limited to %.0f\u00b0) %d %% of the range-of-motion rows of 38 CFR 4.71a",
                g.diagnostic_code, motion, g.row_limit_deg, g.percent);
  return s + buf;
}

}  // namespace arthrokin
