/// @file ergonomics.hpp
/// @brief Workplace posture scores computed from a `Pose`: REBA (Rapid Entire Body Assessment,
///        Hignett & McAtamney 2000, source key `Hignett00`), its action levels and sentences.
///
/// REBA (docs/ergonomics.md). Body-part scores from the pose, in degrees (pose conventions, dof.hpp):
///  - trunk, t = thoracic + lumbar flexion (`Pose::thoracolumbar`: their sum, or the total a pose from
///    keypoints holds without the split; the same for side bend and twist): upright (|t| ≤
///    `trunk_upright_tolerance`) 1; 0-20° flexion or 0-20° extension 2; 20-60° flexion or > 20°
///    extension 3; > 60° flexion 4; +1 if twisted or side flexed (one +1 for either, as the authors'
///    body-part table says; the trunk rows of Table A stop at 5);
///  - neck, n = cervical flexion: 0-20° flexion 1; > 20° flexion or in extension 2; +1 if twisted or
///    side flexed;
///  - legs: bilateral weight-bearing, walking or sitting 1; unilateral, feather weight-bearing or
///    unstable 2 (a parameter, `RebaLegs`); +1 if the more flexed knee is at 30-60°, +2 above 60° (not
///    when sitting);
///  - upper arm, f = shoulder flexion of `side`: 20° extension to 20° flexion 1; > 20° extension or
///    20-45° flexion 2; 45-90° 3; > 90° 4; +1 if abducted (or rotated, when
///    `arm_rotation_threshold` is set), +1 if the shoulder is raised, −1 if the arm is supported, the
///    person leans or the posture is gravity-assisted (parameters); never below 1 (Table B starts at 1);
///  - lower arm, e = elbow flexion: 60-100° 1; < 60° or > 100° 2;
///  - wrist, w = wrist flexion/extension: |w| ≤ 15° 1; > 15° 2; +1 if deviated or twisted.
/// A band's upper end belongs to it (20° of trunk flexion is "0-20°"; within 1e-9°, for rounding).
/// Score A = Table A + load/force (< 5 kg 0; 5-10 kg 1; > 10 kg 2; +1 for shock or rapid build-up of
/// force); score B = Table B + coupling (good 0, fair 1, poor 2, unacceptable 3); REBA = Table C +
/// activity (+1 each: a body part static for more than a minute; small-range actions repeated more
/// than 4 times a minute; rapid large changes in posture or an unstable base).
///
/// What a pose cannot give — load, coupling, activity, the legs' support, a raised shoulder, a
/// supported arm, a twisted wrist — are parameters (`RebaOptions`), never guessed. The paper gives no
/// threshold for "upright", "twisted", "side flexed", "abducted" or "deviated": they are parameters
/// too (default 0°: any measured deviation counts; set them to the pose's measurement error). A DoF the
/// score needs that is unknown makes the score unknown (`RebaScore::missing` names it), never a zero;
/// so does a Table C cell that was not transcribed (`RebaScore::untranscribed`; SOURCES.md `Hignett00`).
/// Definitions: detail/ergonomics-inl.hpp (config.hpp).
#pragma once

#include <arthrokin/angle.hpp>
#include <arthrokin/config.hpp>
#include <arthrokin/dof.hpp>
#include <arthrokin/pose.hpp>
#include <arthrokin/side.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace arthrokin {

/// REBA leg posture (what carries the weight: a parameter).
enum class RebaLegs : std::uint8_t {
  bilateral,   ///< bilateral weight-bearing or walking: 1, plus the knee adjustment
  sitting,     ///< sitting: 1, no knee adjustment
  unilateral,  ///< unilateral weight-bearing, feather weight-bearing or an unstable posture: 2, plus the knee
               ///< adjustment
};

/// REBA coupling of the hands with the load.
enum class RebaCoupling : std::uint8_t {
  good,          ///< well-fitting handle and a mid-range power grip: 0
  fair,          ///< hand hold acceptable but not ideal, or coupling acceptable via another body part: 1
  poor,          ///< hand hold not acceptable although possible: 2
  unacceptable,  ///< awkward, unsafe grip, no handles; coupling unacceptable with any body part: 3
};

/// The inputs of REBA that a pose cannot give, and the thresholds the method leaves open.
struct RebaOptions {
  Side side = Side::right;  ///< the arm scored (group B); REBA scores one side at a time
  RebaLegs legs = RebaLegs::bilateral;
  double load_kg = 0.0;  ///< load or force handled, kg (finite, ≥ 0)
  bool shock = false;    ///< shock or rapid build-up of force: +1 to the load score
  RebaCoupling coupling = RebaCoupling::good;
  bool shoulder_raised = false;  ///< +1 upper arm
  bool arm_supported = false;    ///< arm supported, person leaning or posture gravity-assisted: −1 upper arm
  bool wrist_twisted = false;    ///< +1 wrist (with the deviation from the pose)
  bool static_posture = false;   ///< activity: one or more body parts held for more than 1 minute
  bool repeated = false;         ///< activity: small-range actions repeated more than 4 times a minute
  bool rapid_changes = false;    ///< activity: rapid large changes in posture or an unstable base
  Angle trunk_upright_tolerance = degrees(0.0);  ///< |trunk flexion| up to this counts as upright
  Angle twist_threshold = degrees(0.0);          ///< |axial rotation| above this: twisted (neck, trunk)
  Angle side_bend_threshold = degrees(0.0);      ///< |lateral flexion| above this: side flexed (neck, trunk)
  Angle arm_abduction_threshold = degrees(0.0);  ///< shoulder abduction above this: abducted
  /// |shoulder rotation| above this: rotated (+1 with abduction); nullopt: not judged from the pose.
  std::optional<Angle> arm_rotation_threshold{};
  Angle wrist_deviation_threshold = degrees(0.0);  ///< |radial/ulnar deviation| above this: deviated
};

/// A REBA score and every step of it. 0 = unknown (the scores themselves start at 1, the additions at 0).
struct RebaScore {
  Side side = Side::right;
  std::uint8_t trunk = 0, neck = 0, legs = 0, upper_arm = 0, lower_arm = 0, wrist = 0;
  std::uint8_t table_a = 0, load = 0, score_a = 0;
  std::uint8_t table_b = 0, coupling = 0, score_b = 0;
  std::uint8_t table_c = 0, activity = 0;
  std::uint8_t score = 0;          ///< the REBA score, 1-15 (0: unknown)
  std::optional<DofId> missing{};  ///< the first DoF the score needed that the pose did not observe
  bool untranscribed = false;      ///< the Table C cell needed was not transcribed (SOURCES.md `Hignett00`)
  [[nodiscard]] bool known() const noexcept { return score != 0; }
};

/// A REBA action level (Hignett & McAtamney 2000).
struct RebaAction {
  std::uint8_t level = 0;   ///< 0-4
  std::string_view risk;    ///< "negligible", "low", "medium", "high", "very high"
  std::string_view action;  ///< "none necessary", "may be necessary", "necessary", "necessary soon", "necessary now"
};

/// The action level of a REBA score 1-15 (1: 0; 2-3: 1; 4-7: 2; 8-10: 3; 11-15: 4); nullopt outside 1-15.
[[nodiscard]] constexpr std::optional<RebaAction> reba_action(int score) noexcept {
  if (score < 1 || score > 15) return std::nullopt;
  if (score == 1) return RebaAction{0, "negligible", "none necessary"};
  if (score <= 3) return RebaAction{1, "low", "may be necessary"};
  if (score <= 7) return RebaAction{2, "medium", "necessary"};
  if (score <= 10) return RebaAction{3, "high", "necessary soon"};
  return RebaAction{4, "very high", "necessary now"};
}

/// Table lookups, 1-based as printed; 0 when out of range or not transcribed.
[[nodiscard]] std::uint8_t reba_table_a(int trunk, int neck, int legs) noexcept;
[[nodiscard]] std::uint8_t reba_table_b(int upper_arm, int lower_arm, int wrist) noexcept;
[[nodiscard]] std::uint8_t reba_table_c(int score_a, int score_b) noexcept;

/// The REBA score of `pose` (file comment). Throws `invalid_argument` on a load that is not finite
/// and ≥ 0, a side that is not left or right, or a threshold that is not finite and ≥ 0.
[[nodiscard]] RebaScore reba(const Pose& pose, const RebaOptions& options = {});

/// "REBA 6 (right arm): medium risk, action necessary (Hignett & McAtamney 2000); trunk 3, neck 1, legs 2,
/// upper arm 2, lower arm 1, wrist 1" — or why it is unknown.
[[nodiscard]] std::string describe(const RebaScore& s);

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/ergonomics-inl.hpp>
#endif
