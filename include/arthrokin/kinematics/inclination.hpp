/// @file inclination.hpp
/// @brief Segment angles relative to gravity (3D keypoints with a known up axis) or to the image's
///        vertical (normalised 2D landmarks with the image's aspect ratio): what 2D-first apps show
///        (trunk inclination, thigh parallel to the floor, …), issue 14 item 5.
///
/// For each segment, from its proximal to its distal point (the trunk: mid-hip → mid-shoulder), with
/// h its component along up and r the length of the rest:
///  - the angle to the horizontal, atan2(h, r), in [−90°, 90°]: 0 horizontal, +90° pointing up
///    (an upright trunk), −90° pointing down (a hanging thigh or arm). It does not depend on which
///    way the person faces (left or right in the image), nor on their size;
///  - the trunk's inclination to the vertical, atan2(r, h) = 90° − the trunk's angle to the
///    horizontal, in [0°, 180°]: 0 upright, 90° lying, 180° upside down.
/// In the image, up is −y (image rows grow downwards) and the angles are those of the image plane:
/// the camera's roll and a segment's foreshortening enter them (a segment pointing at the camera has
/// an arbitrary angle). In 3D, up is `KeypointOptions::up` of the source coordinates.
/// A value is NaN (unknown) when one of its points is missing (NaN), below
/// `KeypointOptions::min_visibility`, or when the two coincide. No heap allocation.
/// Definitions: detail/inclination-inl.hpp (config.hpp).
#pragma once

#include <arthrokin/angle.hpp>
#include <arthrokin/config.hpp>
#include <arthrokin/kinematics/keypoints.hpp>
#include <arthrokin/kinematics/layout.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <span>
#include <string_view>

namespace arthrokin {

/// The angles `image_inclinations` and `gravity_inclinations` return.
enum class Inclination : std::uint8_t {
  trunk_inclination,  ///< trunk (mid-hip → mid-shoulder) to the vertical, [0°, 180°]
  trunk,              ///< trunk to the horizontal, [−90°, 90°]
  left_upper_arm,     ///< shoulder → elbow to the horizontal
  right_upper_arm,
  left_forearm,  ///< elbow → wrist
  right_forearm,
  left_thigh,  ///< hip → knee
  right_thigh,
  left_shank,  ///< knee → ankle
  right_shank,
};
inline constexpr std::size_t inclination_count = 10;
inline constexpr std::array<Inclination, inclination_count> all_inclinations{
    Inclination::trunk_inclination, Inclination::trunk,        Inclination::left_upper_arm,
    Inclination::right_upper_arm,   Inclination::left_forearm, Inclination::right_forearm,
    Inclination::left_thigh,        Inclination::right_thigh,  Inclination::left_shank,
    Inclination::right_shank};

/// "trunk_inclination", "trunk", "left_upper_arm", …: the enumerator's name.
[[nodiscard]] constexpr std::string_view to_string(Inclination i) noexcept {
  constexpr std::array<std::string_view, inclination_count> n{
      "trunk_inclination", "trunk",      "left_upper_arm", "right_upper_arm", "left_forearm",
      "right_forearm",     "left_thigh", "right_thigh",    "left_shank",      "right_shank"};
  return n[static_cast<std::size_t>(i)];
}

/// Segment angles to the horizontal and the trunk's to the vertical, radians; NaN = unknown.
struct Inclinations {
  std::array<double, inclination_count> rad{};

  [[nodiscard]] bool known(Inclination i) const noexcept { return !std::isnan(rad[static_cast<std::size_t>(i)]); }
  /// The angle (NaN radians when unknown: test with `known`).
  [[nodiscard]] Angle operator[](Inclination i) const noexcept { return radians(rad[static_cast<std::size_t>(i)]); }
};

/// A view of N normalised 2D image landmarks: xy (N × 2 doubles, row-major; x across the image and
/// y down it, both in [0, 1] of the image's width and height, as MediaPipe's and most apps' landmarks;
/// values outside [0, 1] are points outside the image, allowed), optional visibility in [0, 1], and
/// the image's aspect ratio width / height (e.g. 9.0 / 16 for a portrait phone video): the x
/// coordinates are scaled by it so that both axes are in units of the image height.
struct ImageKeypointView {
  Layout layout;
  std::span<const double> xy;
  std::span<const double> visibility{};
  double aspect_ratio = 1.0;
};

/// Inclinations in the image plane (up = −y). Uses `min_visibility` and `mirrored` (labels swapped)
/// of `options`. Throws `invalid_argument` when the sizes do not match the layout, a coordinate is
/// ±inf, a visibility is not in [0, 1], or the aspect ratio is not a finite number > 0.
[[nodiscard]] Inclinations image_inclinations(const ImageKeypointView& view, const KeypointOptions& options = {});

/// Inclinations relative to gravity of 3D keypoints whose up axis is `options.up` (BlazePose world
/// landmarks: `UpAxis::y_down`). Uses `min_visibility` and `mirrored`. Throws as `keypoint_angles`.
[[nodiscard]] Inclinations gravity_inclinations(const KeypointView& view, const KeypointOptions& options = {});

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/inclination-inl.hpp>
#endif
