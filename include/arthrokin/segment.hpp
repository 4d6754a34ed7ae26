/// @file segment.hpp
/// @brief Body segments and their global orientations: the input of the
///        rotations → joint angles path.
///
/// Frame convention of every segment (both sides, ISB axes after
/// WuCavanagh95/Wu02/Wu05; docs/conventions.md):
///   X anterior, Y superior (for a limb segment: along its long axis, toward its
///   proximal joint), Z to the subject's right; right-handed.
/// In anatomical position (standing, arms at the sides, palms forward, feet
/// flat and forward) every segment frame has the same orientation, and every
/// joint angle is zero. The left side uses the same right-handed frames (Z to
/// the subject's right); the mirroring that gives left and right angles the
/// same anatomical sign happens once, in kinematics.
/// The foot frame follows the tibia frame at neutral (Wu02 §3.4): its Y points
/// up (not along the foot's length).
#pragma once

#include <arthrokin/config.hpp>
#include <arthrokin/side.hpp>

#include <Eigen/Geometry>

#include <array>
#include <bitset>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

namespace arthrokin {

enum class Segment : std::uint8_t {
  pelvis,
  abdomen,  ///< lumbar region top (T12/L1): lumbar joint = pelvis→abdomen, thoracic joint = abdomen→thorax
  thorax,
  head,
  left_upper_arm,
  left_forearm,
  left_hand,
  left_thigh,
  left_shank,
  left_foot,
  right_upper_arm,
  right_forearm,
  right_hand,
  right_thigh,
  right_shank,
  right_foot,
};
inline constexpr std::size_t segment_count = 16;

inline constexpr std::array<std::string_view, segment_count> segment_names{
    "pelvis",     "abdomen",     "thorax",      "head",      "left_upper_arm",  "left_forearm",
    "left_hand",  "left_thigh",  "left_shank",  "left_foot", "right_upper_arm", "right_forearm",
    "right_hand", "right_thigh", "right_shank", "right_foot"};

[[nodiscard]] constexpr std::string_view to_string(Segment s) noexcept {
  return segment_names[static_cast<std::size_t>(s)];
}

namespace detail {
/// How far from orthonormal a matrix given to `SegmentOrientations::set` may be: every entry of
/// RᵀR − I within this, and det R > 0.
inline constexpr double rotation_matrix_tolerance = 1e-6;
}  // namespace detail

/// Global orientation of each segment's anatomical frame (R_global_segment), and which are known.
///
/// Rotations that are not rotations are kept and reported, not repaired or guessed:
/// `joint_angles` reports the DoFs of such a segment as `invalid_rotation` (see `set`).
struct SegmentOrientations {
  std::array<Eigen::Quaterniond, segment_count> q_global_segment{};
  std::bitset<segment_count> known{};
  /// Segments whose frame the input cannot determine (a zero-length bone, coincident points):
  /// `joint_angles` reports every DoF that needs them `degenerate_geometry`, never an angle.
  std::bitset<segment_count> degenerate{};

  /// Set a segment from a quaternion of any norm: a quaternion q and λq (λ ≠ 0) describe the
  /// same rotation v ↦ q v q⁻¹, so q is stored normalised (without overflow: a quaternion
  /// scaled by 1e200 is the same rotation). A zero quaternion or one with an infinite
  /// coefficient is stored as given (`invalid_rotation`); one with a NaN is a missing segment.
  void set(Segment s, const Eigen::Quaterniond& q);
  /// Set a segment from a rotation matrix R_global_segment. R must be orthonormal with det +1
  /// within `detail::rotation_matrix_tolerance` (1e-6 on every entry of RᵀR − I); it is then
  /// stored as its normalised quaternion (angles carry an error of the order of that
  /// tolerance). A matrix with a NaN entry marks the segment missing. Any other matrix is not
  /// a rotation (scaled, sheared, a reflection, an infinite entry) and is NOT orthonormalised,
  /// since that would hide an error upstream: the segment is stored as a zero quaternion and
  /// `joint_angles` reports its DoFs `invalid_rotation`.
  void set(Segment s, const Eigen::Matrix3d& r);
  /// Mark a segment present but with an undetermined frame (degenerate geometry); its stored
  /// rotation is NaN. A later `set` of the segment clears the mark.
  void set_degenerate(Segment s) noexcept {
    const auto i = static_cast<std::size_t>(s);
    q_global_segment[i].coeffs().setConstant(std::numeric_limits<double>::quiet_NaN());
    known.set(i);
    degenerate.set(i);
  }
  [[nodiscard]] bool is_degenerate(Segment s) const noexcept { return degenerate.test(static_cast<std::size_t>(s)); }
  [[nodiscard]] bool has(Segment s) const noexcept { return known.test(static_cast<std::size_t>(s)); }
  [[nodiscard]] const Eigen::Quaterniond& operator[](Segment s) const noexcept {
    return q_global_segment[static_cast<std::size_t>(s)];
  }
};

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/segment-inl.hpp>
#endif
