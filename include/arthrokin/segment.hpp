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

#include <arthrokin/side.hpp>

#include <Eigen/Geometry>

#include <array>
#include <bitset>
#include <cstdint>
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

/// Global orientation of each segment's anatomical frame (R_global_segment), and which are known.
struct SegmentOrientations {
  std::array<Eigen::Quaterniond, segment_count> q_global_segment{};
  std::bitset<segment_count> known{};

  void set(Segment s, const Eigen::Quaterniond& q) {
    q_global_segment[static_cast<std::size_t>(s)] = q.normalized();
    known.set(static_cast<std::size_t>(s));
  }
  [[nodiscard]] bool has(Segment s) const noexcept { return known.test(static_cast<std::size_t>(s)); }
  [[nodiscard]] const Eigen::Quaterniond& operator[](Segment s) const noexcept {
    return q_global_segment[static_cast<std::size_t>(s)];
  }
};

}  // namespace arthrokin
