/// @file grades.hpp
/// @brief Limitation-of-motion grades of the published rating schedule whose norms arthrokin cites
///        (38 CFR 4.71a, source key `VA`): the knee's Diagnostic Codes 5260 (limitation of flexion)
///        and 5261 (limitation of extension), read in the VA General Counsel's quotation (`VAGC04`).
///
/// From the range a knee reached (range.hpp):
///  - DC 5260, F = the maximum flexion reached: F ≤ 15° 30 %; F ≤ 30° 20 %; F ≤ 45° 10 %; F ≤ 60° 0 %;
///    F > 60°: no row of DC 5260 (flexion not limited in the schedule's sense);
///  - DC 5261, E = the least flexion reached (how far the knee stays from straight; 0 or hyperextension is
///    full extension): E ≥ 45° 50 %; E ≥ 30° 40 %; E ≥ 20° 30 %; E ≥ 15° 20 %; E ≥ 10° 10 %; E ≥ 5° 0 %;
///    E < 5°: no row.
/// A limitation between two rows takes the row it meets ("flexion limited to 45°" covers any flexion up to
/// 45° and above 30°). The two codes may be rated separately for one knee (VAOPGCPREC 9-2004). This is
/// the schedule's range-of-motion rows only: a rating also weighs pain, fatigue and repetitive use (38 CFR
/// 4.40, 4.45, 4.59), instability and ankylosis, none of which a pose shows (docs/assessment.md).
#pragma once

#include <arthrokin/deficit.hpp>
#include <arthrokin/range.hpp>

#include <cstdint>
#include <limits>
#include <string>

namespace arthrokin {

/// One limitation-of-motion grade. `percent` < 0: no row applies (motion not limited in that code's
/// sense); `known()` false: the DoF was never observed.
struct MotionGrade {
  int diagnostic_code = 0;  ///< 5260 or 5261
  DofId dof{};
  double reached_deg = std::numeric_limits<double>::quiet_NaN();    ///< F (5260) or E (5261), degrees
  int percent = -1;                                                 ///< the rating of the row met, or −1 for none
  double row_limit_deg = std::numeric_limits<double>::quiet_NaN();  ///< the row's "limited to" angle
  [[nodiscard]] bool known() const noexcept { return reached_deg == reached_deg; }
};

/// DC 5260 and DC 5261 of the knee of `side` (left or right), from the exact or robust ends of `range`.
/// Throws `invalid_argument` when `side` is not left or right.
struct KneeMotionGrades {
  MotionGrade flexion;    ///< DC 5260
  MotionGrade extension;  ///< DC 5261
};
[[nodiscard]] KneeMotionGrades knee_motion_ratings(const RangeAccumulator& range, Side side,
                                                   RangeEnds ends = RangeEnds::exact);

/// "right knee: flexion reached 40°, DC 5260 (flexion limited to 45°) 10 % of the range-of-motion rows of
/// 38 CFR 4.71a" / "... no row of DC 5260 applies" / "... not observed".
[[nodiscard]] std::string describe(const MotionGrade& g);

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/grades-inl.hpp>
#endif
