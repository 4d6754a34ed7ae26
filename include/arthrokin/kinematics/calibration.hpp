/// @file calibration.hpp
/// @brief Neutral calibration: frames of a declared neutral posture → one rotation offset per
///        segment, so that rig rest poses, IMU mounting and marker placement stop reading as
///        joint angles (docs/kinematics.md, "Neutral calibration").
///
/// Model. A measured segment frame is the true anatomical frame turned by a constant offset in
/// the segment: R_measured = R_true · O (an IMU strapped on at an angle, a rig whose rest bone
/// frame is not anatomical, markers placed off the landmarks). Given frames in which the
/// subject holds a known posture P (joint angles; `Neutral`), the calibration finds, segment by
/// segment from the pelvis outwards, the correction C_s with
///   R̄_s · C_s = E_s,   E_s = E_parent · T_s(P),
/// where R̄_s is the rotation mean of the segment over the neutral frames (the chordal L2 mean,
/// computed as the dominant eigenvector of Σ q qᵀ: Markley, Cheng, Crassidis & Oshman 2007,
/// "Averaging quaternions", J Guid Control Dyn 30(4):1193-1197, doi:10.2514/1.28949), T_s(P) the
/// relative rotation parent → s that `segment_orientations(P)` gives (the exact inverse of
/// `joint_angles`), and E_parent the parent's corrected neutral frame. Per frame, `apply` sets
/// R_s ← R_s · C_s. Then the joint angles at the neutral equal P, and an offset O_s of the form
/// above is removed exactly at every other frame (tested to 1e-9).
///
/// The root. Joint angles depend only on relative rotations, so the pelvis's own offset cannot
/// be seen from the segments alone. With `CalibrationOptions::up` (the direction of gravity's
/// "up" in the global frame) the pelvis is levelled: its neutral frame is the measured one turned
/// by the smallest rotation that takes its Y onto up. This removes an offset that tilts the
/// pelvis (a rotation about an axis perpendicular to its Y); an offset about its long axis (a
/// heading error) cannot be seen in a static posture and is kept. Without `up` the pelvis frame
/// is taken as correct.
///
/// What a calibration cannot fix: a wrong segment axis (a long axis built from the wrong points,
/// a medio-lateral axis that does not follow the bone), an offset that changes over time (skin or
/// strap movement), or a subject who did not hold the declared posture (the check below catches
/// a large departure, not a small one: a knee held at 5° of flexion becomes the knee's zero).
///
/// Checks (each throws `invalid_argument` naming the segment and the frame):
///  - still: every frame of a segment within `max_spread_rad` of the segment's mean;
///  - neutral: the correction of each segment (its measured neutral relative to its corrected
///    parent, against the declared posture) at most `max_offset_rad`.
#pragma once

#include <arthrokin/angle.hpp>
#include <arthrokin/config.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>
#include <arthrokin/pose.hpp>
#include <arthrokin/segment.hpp>

#include <Eigen/Geometry>

#include <array>
#include <bitset>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string_view>

namespace arthrokin {

/// A declared neutral posture: the joint angles the subject holds in the calibration frames
/// (`neutral_pose`). Conventions: docs/conventions.md (ISB, Wu et al. 2002, 2005) and dof.hpp.
enum class Neutral : std::uint8_t {
  /// Standing upright, arms at the sides, palms facing the thighs (forearm in mid-position),
  /// feet flat and forward: every clinical DoF 0.
  standing,
  /// The ISB anatomical position (Wu et al. 2002, 2005): as `standing` but palms forward, i.e.
  /// the forearm fully supinated: ISB forearm angle 0, which is clinical supination s_mid
  /// (`JointAngleOptions::forearm_mid_position_rad`, default 80°).
  anatomical,
  /// T-pose: as `standing`, with both arms abducted 90° in the frontal plane (ISB plane of
  /// elevation 0°, elevation 90°, Wu et al. 2005), palms down, elbows straight: shoulder
  /// abduction 90° (the adduction DoF −90°), shoulder rotation 0 (the humeral twist of a pure
  /// frontal raise from the side, joint_angles.hpp), forearm mid-position (0), all else 0.
  t_pose,
};
[[nodiscard]] constexpr std::string_view to_string(Neutral n) noexcept {
  return n == Neutral::standing ? "standing" : n == Neutral::anatomical ? "anatomical" : "t-pose";
}
/// "standing", "anatomical", "t-pose" (also "t_pose", "tpose"), or nullopt.
[[nodiscard]] std::optional<Neutral> parse_neutral(std::string_view name) noexcept;

/// The joint angles of a declared neutral posture (every DoF observed; shoulder horizontal
/// ab/adduction, undefined at low elevation, is 0 for the T-pose and unknown otherwise).
[[nodiscard]] Pose neutral_pose(Neutral n, const JointAngleOptions& options = {});

/// The proximal segment of `s` in the joint chain (pelvis: itself). `abdomen_known` chooses the
/// thorax's parent: the abdomen, or the pelvis (thoracolumbar totals) when it is unknown.
[[nodiscard]] constexpr Segment parent_segment(Segment s, bool abdomen_known = true) noexcept {
  using S = Segment;
  switch (s) {
    case S::pelvis:
      return S::pelvis;
    case S::abdomen:
      return S::pelvis;
    case S::thorax:
      return abdomen_known ? S::abdomen : S::pelvis;
    case S::head:
      return S::thorax;
    case S::left_upper_arm:
      return S::thorax;
    case S::left_forearm:
      return S::left_upper_arm;
    case S::left_hand:
      return S::left_forearm;
    case S::left_thigh:
      return S::pelvis;
    case S::left_shank:
      return S::left_thigh;
    case S::left_foot:
      return S::left_shank;
    case S::right_upper_arm:
      return S::thorax;
    case S::right_forearm:
      return S::right_upper_arm;
    case S::right_hand:
      return S::right_forearm;
    case S::right_thigh:
      return S::pelvis;
    case S::right_shank:
      return S::right_thigh;
    case S::right_foot:
      return S::right_shank;
  }
  return S::pelvis;
}

/// Options of `calibrate_neutral`.
struct CalibrationOptions {
  /// Segments that get an offset; the others are taken as correct (they still serve as the
  /// parent reference of their children). Default: all.
  std::bitset<segment_count> segments = std::bitset<segment_count>().set();
  /// Gravity's up in the global frame of the input (e.g. +Y for CMU BVH, +Z for most IMU
  /// fusion frames). Given: the pelvis is levelled (see the file comment). Not given (all NaN,
  /// the default): the pelvis frame is taken as correct. A plain vector rather than an optional:
  /// GCC 12 warns (maybe-uninitialized) on copies of a disengaged std::optional<Eigen::Vector3d>.
  Eigen::Vector3d up =
      Eigen::Vector3d(std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(),
                      std::numeric_limits<double>::quiet_NaN());
  /// Whether `up` is given (not all NaN).
  [[nodiscard]] bool has_up() const noexcept { return !(up.x() != up.x() && up.y() != up.y() && up.z() != up.z()); }
  /// Stillness: every neutral frame of a segment within this angle of the segment's mean.
  /// 5° is arthrokin's choice (about the repeatability of a goniometric reading); no source.
  double max_spread_rad = deg_to_rad(5.0);
  /// Plausibility of the posture: a correction larger than this means the subject did not
  /// hold the declared posture (or the wrong posture was declared). 45° is arthrokin's choice:
  /// it admits the CMU rig's 20° thigh splay and typical sensor mounting, and refuses a knee or
  /// elbow bent at right angles; raise it for a rig known to be far from anatomical.
  double max_offset_rad = deg_to_rad(45.0);
  /// Forearm zero and hip decomposition used for the expected frames (as in `joint_angles`).
  JointAngleOptions angles{};
};

/// Per-segment rotation offsets from a neutral posture (value type; default: no offsets).
class NeutralCalibration {
 public:
  NeutralCalibration() = default;

  /// R_s ← R_s · C_s for every calibrated segment that `segments` holds as a valid rotation;
  /// missing, invalid and degenerate segments are left as they are. No allocation.
  void apply(SegmentOrientations& segments) const noexcept;
  /// A copy of `segments` with the offsets applied.
  [[nodiscard]] SegmentOrientations applied(SegmentOrientations segments) const noexcept {
    apply(segments);
    return segments;
  }

  /// True when `s` has an offset.
  [[nodiscard]] bool calibrated(Segment s) const noexcept { return has_.test(index(s)); }
  [[nodiscard]] const std::bitset<segment_count>& calibrated_mask() const noexcept { return has_; }
  /// The correction C_s (identity for an uncalibrated segment).
  [[nodiscard]] const Eigen::Quaterniond& correction(Segment s) const noexcept { return q_correction_[index(s)]; }
  /// The angle of C_s (radians): how far the segment's neutral was from the declared posture.
  [[nodiscard]] double offset_angle_rad(Segment s) const noexcept;
  /// The largest angle between a neutral frame of `s` and the segment's mean (radians; NaN when
  /// no neutral frame held the segment).
  [[nodiscard]] double spread_rad(Segment s) const noexcept { return spread_[index(s)]; }
  /// The posture declared (its joint angles).
  [[nodiscard]] const Pose& expected() const noexcept { return expected_; }
  /// Number of frames averaged.
  [[nodiscard]] std::size_t frame_count() const noexcept { return frames_; }

 private:
  friend NeutralCalibration calibrate_neutral(std::span<const SegmentOrientations>, const Pose&,
                                              const CalibrationOptions&);
  static constexpr std::size_t index(Segment s) noexcept { return static_cast<std::size_t>(s); }
  std::array<Eigen::Quaterniond, segment_count> q_correction_ = [] {
    std::array<Eigen::Quaterniond, segment_count> a;
    a.fill(Eigen::Quaterniond::Identity());
    return a;
  }();
  std::array<double, segment_count> spread_ = [] {
    std::array<double, segment_count> a;
    a.fill(std::numeric_limits<double>::quiet_NaN());
    return a;
  }();
  std::bitset<segment_count> has_{};
  Pose expected_{};
  std::size_t frames_ = 0;
};

/// Calibrate from `frames` in which the subject holds the posture `expected` (joint angles;
/// unknown DoFs are taken as 0, as in `segment_orientations`). A segment is calibrated when it is
/// in `options.segments`, is a valid rotation in at least one frame, and its parent is known.
/// Throws `invalid_argument`: no frames; a frame not still (`max_spread_rad`); a posture not the
/// declared one (`max_offset_rad`); `up` zero or not finite.
[[nodiscard]] NeutralCalibration calibrate_neutral(std::span<const SegmentOrientations> frames, const Pose& expected,
                                                   const CalibrationOptions& options = {});
/// The same for a declared `Neutral` posture (`neutral_pose(neutral, options.angles)`).
[[nodiscard]] NeutralCalibration calibrate_neutral(std::span<const SegmentOrientations> frames, Neutral neutral,
                                                   const CalibrationOptions& options = {});

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/calibration-inl.hpp>
#endif
