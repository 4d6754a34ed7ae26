/// @file joint_angles.hpp
/// @brief Segment orientations → joint angles: the ISB Cardan sequence of each
///        joint (conventions.md §5), arthrokin's sign table (dof.hpp), the left
///        side mirrored in one place (conventions.md §6). Header-only, no
///        allocation per frame.
///
/// Relative rotation of a joint: R = R_global_proximal^T R_global_distal; for a
/// left joint R' = M R M with M = diag(1, 1, -1) (`detail::mirror_sagittal`),
/// then the right-side formulas below. Intrinsic Z-X-Y: R = Rz(a) Rx(b) Ry(c).
///
/// | joint (proximal → distal)      | sequence | DoFs (arthrokin sign)                                     |
/// |--------------------------------|----------|-----------------------------------------------------------|
/// | hip (pelvis → thigh)           | Z-X-Y    | flexion = a, adduction = b, internal rotation = c          |
/// | knee (thigh → shank)           | Z-X-Y    | flexion = −a, internal rotation = c (b, varus/valgus, not a DoF) |
/// | ankle (shank → foot)           | Z-X-Y    | dorsiflexion = a, subtalar inversion = b (c not a DoF)     |
/// | lumbar (pelvis → abdomen), thoracic (abdomen → thorax), cervical (thorax → head) | Z-X-Y | flexion = −a, lateral
/// flexion to the right = b, axial rotation to the right = −c | | elbow/forearm (upper arm → forearm) | Z-X-Y | flexion
/// = a, pronation = c − s_mid (b, carrying angle, not a DoF) | | wrist (forearm → hand)         | Z-X-Y    | flexion =
/// a, ulnar deviation = b (c not a DoF)             | | shoulder (thorax → upper arm)  | Y-X-Y    | see below |
///
/// Shoulder. ISB Y-X-Y: R = Ry(pe) Rx(−e) Ry(ar), elevation e ∈ [0, π], plane of
/// elevation pe (0 = frontal plane, abduction; +90° = sagittal, forward),
/// axial rotation ar (internal +). The humerus points along
/// d = −R e_y = (sin e sin pe, −cos e, sin e cos pe) in the thorax frame. The
/// clinical DoFs are the swing–twist decomposition of R about the humeral
/// long axis, which in Y-X-Y angles reads:
///   flexion            = e · sin(pe)     (Z component of the swing rotation vector)
///   adduction          = −e · cos(pe)    (X component of the swing rotation vector)
///   internal rotation  = pe + ar         (the twist about the humerus Y; wrapped to (−π, π])
///   horizontal adduction = pe            (only when e is away from 0 and π)
/// A pure sagittal raise by θ gives flexion θ (any θ up to 180°), a pure
/// frontal raise by θ gives adduction −θ (abduction θ); flexion² + adduction²
/// = elevation². The twist pe + ar is the quantity that stays defined when the
/// arm hangs (e → 0, where pe and ar alone are not): rotation is measured from
/// the orientation reached by the shortest swing from the hanging arm.
/// Gimbal lock: when e < threshold, pe (so horizontal ab/adduction and the
/// ISB pe/ar split) is unknown and flagged; when e > π − threshold every
/// shoulder DoF is unknown and flagged.
///
/// Forearm zero: ISB axial 0 = full supination (palm forward, anatomical
/// position); clinical 0 = mid-position. p_clinical = p_ISB − s_mid with
/// s_mid = `JointAngleOptions::forearm_mid_position_rad`, default 80°: the
/// supination norm of AAOS 1994 (rom_norms.csv, forearm supination 80,
/// AAOS94). Anatomical position therefore reads as 80° supination.
#pragma once

#include <arthrokin/angle.hpp>
#include <arthrokin/config.hpp>
#include <arthrokin/dof.hpp>
#include <arthrokin/pose.hpp>
#include <arthrokin/segment.hpp>

#include <array>
#include <bitset>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

namespace arthrokin {

/// Decomposition used for a ball joint's clinical DoFs.
enum class BallJointDecomposition : std::uint8_t {
  cardan,       ///< the ISB Cardan sequence of the joint (hip: Z-X-Y)
  swing_twist,  ///< flexion/adduction = components of the swing rotation vector, rotation = twist about the long axis
};

/// Options of `joint_angles`.
struct JointAngleOptions {
  /// s_mid: ISB forearm angle of the mid-position (thumb up), radians;
  /// p_clinical = p_ISB − s_mid. Default 80° = AAOS 1994 supination norm (rom_norms.csv).
  double forearm_mid_position_rad = deg_to_rad(80.0);
  /// A Cardan second angle closer than this to its singularity (Z-X-Y: |b| = 90°;
  /// shoulder: elevation 0 or 180°) flags gimbal lock; the undetermined angles are unknown.
  double gimbal_lock_threshold_rad = deg_to_rad(10.0);
  /// Hip: Cardan Z-X-Y (ISB, default) or swing–twist. The shoulder always uses swing–twist
  /// for its clinical DoFs (see the file comment); its ISB Y-X-Y angles are in `shoulder_isb`.
  BallJointDecomposition hip = BallJointDecomposition::cardan;
  /// Shoulder horizontal abduction/adduction is a motion of the elevated arm (measured
  /// clinically at 90° of abduction, ACSM/AAOS); below this elevation it is reported
  /// unobservable instead of as a plane-of-elevation angle that swings wildly near
  /// the hanging arm. 45° is arthrokin's choice (no source gives a cut-off).
  double horizontal_min_elevation_rad = deg_to_rad(45.0);
  /// The atan2, asin and acos of the joints by the four-lane approximation of detail/fast_trig.hpp
  /// instead of libm (atan2 within 3 ulp), so that each angle is within 1e-13 rad
  /// (`detail::fast_trig_bound_rad`, 5.7e-12°) of the libm one. In `joint_angles_batch` four
  /// frames at once (1.4–2.3× the libm batch on clean frames); in `joint_angles` and
  /// `keypoint_angles` (through `KeypointOptions::angles`) and their batches the frame's own
  /// angles four at a time (one frame: 0.7× the time with quaternions, 0.8× with keypoints on an
  /// AVX2 CPU; docs/performance.md). A frame with an angle that close to a gimbal-lock threshold,
  /// the horizontal-abduction cut-off or ±π is computed with libm, so every status and unknown is
  /// the same; so is every frame when `forearm_mid_position_rad` lies outside ±π. Off by default:
  /// a check of these angles can differ from the libm ones' where an angle lies within 1e-13 rad
  /// of a bound plus tolerance.
  bool fast_trig = false;
};

/// Why a DoF is (or is not) in the pose.
enum class DofStatus : std::uint8_t {
  observed,                  ///< computed from the data
  observed_with_assumption,  ///< computed, but relies on a documented assumption (see docs/kinematics.md)
  missing_segment,           ///< a segment (or keypoint) it needs is missing / NaN
  low_confidence,            ///< a keypoint it needs is below the visibility threshold
  degenerate_geometry,       ///< coincident or collinear points: the frame is undetermined
  unobservable,              ///< the input cannot determine it (e.g. forearm rotation from wrist and elbow only)
  gimbal_lock,               ///< near a Cardan singularity: undetermined
  ill_conditioned,           ///< the input's rounding error is too large for it (keypoints far from their origin)
  invalid_rotation,  ///< a segment rotation that is not one: zero or infinite quaternion, non-orthonormal matrix
};
[[nodiscard]] constexpr std::string_view to_string(DofStatus s) noexcept {
  constexpr std::array<std::string_view, 9> n{"observed",       "observed_with_assumption", "missing_segment",
                                              "low_confidence", "degenerate_geometry",      "unobservable",
                                              "gimbal_lock",    "ill_conditioned",          "invalid_rotation"};
  return n[static_cast<std::size_t>(s)];
}
[[nodiscard]] constexpr bool usable(DofStatus s) noexcept {
  return s == DofStatus::observed || s == DofStatus::observed_with_assumption;
}

namespace detail {
inline constexpr double quiet_nan = std::numeric_limits<double>::quiet_NaN();
}  // namespace detail

/// Result of `joint_angles`.
struct JointAngles {
  Pose pose;                                   ///< observed DoFs; unknown (never zero) otherwise
  std::bitset<dof_count> gimbal_lock{};        ///< DoFs flagged as near a Cardan singularity
  std::array<DofStatus, dof_count> status{};   ///< per DoF: observed, or why not
  std::array<double, dof_count> confidence{};  ///< per DoF in [0, 1] (1 for rotations; keypoint visibility otherwise)
  /// Status of the thoracolumbar totals (flexion, lateral flexion, axial rotation) set with
  /// `Pose::set_thoracolumbar` when the abdomen is unknown.
  std::array<DofStatus, 3> thoracolumbar_status{DofStatus::missing_segment, DofStatus::missing_segment,
                                                DofStatus::missing_segment};
  /// ISB Y-X-Y shoulder angles (plane of elevation, elevation, axial rotation), radians,
  /// index 0 = left (after mirroring), 1 = right; NaN where undetermined.
  std::array<Eigen::Vector3d, 2> shoulder_isb{Eigen::Vector3d(detail::quiet_nan, detail::quiet_nan, detail::quiet_nan),
                                              Eigen::Vector3d(detail::quiet_nan, detail::quiet_nan, detail::quiet_nan)};
};

/// Joint angles of every joint whose segments are known.
/// @param segments global orientation of each segment's anatomical frame (segment.hpp).
///                 A quaternion with a NaN coefficient is a missing segment (`missing_segment`);
///                 a zero quaternion or one with an infinite coefficient is not a rotation
///                 (`invalid_rotation`); any other quaternion q, whatever its norm, is the
///                 rotation of q/|q| (normalised without overflow or underflow: q and λq
///                 describe the same rotation v ↦ q v q⁻¹).
/// @param options  forearm zero, gimbal-lock threshold, hip decomposition.
/// No heap allocation.
[[nodiscard]] JointAngles joint_angles(const SegmentOrientations& segments, const JointAngleOptions& options = {});

/// Keeps angles continuous over a stream: each observed DoF is moved by 2πk to
/// the value nearest its last observed value (so a rotation passing ±180°
/// does not jump by 360°). Unknown DoFs stay unknown and keep the last value
/// for the next frame. No allocation.
class AngleUnwrapper {
 public:
  /// Unwrap `angles` in place against the previous frames, then remember it.
  void operator()(JointAngles& angles);
  void reset() noexcept { has_.reset(), tl_has_.reset(); }

 private:
  std::array<double, dof_count> last_{};  // radians
  std::bitset<dof_count> has_;
  std::array<double, 3> tl_last_{};
  std::bitset<3> tl_has_;
};

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/joint_angles-inl.hpp>
#endif
