/// @file keypoint_checks.hpp
/// @brief The checks of a `KeypointView` that `keypoint_angles` and the skeleton fitter share:
///        its sizes against its layout, and the values (docs/bad-input.md: NaN is a missing
///        point, ±inf an error, a visibility outside [0, 1] an error). Each message starts with
///        the caller's name.
#pragma once

#include <arthrokin/error.hpp>
#include <arthrokin/kinematics/keypoints.hpp>

#include <cmath>
#include <cstddef>
#include <string>

namespace arthrokin::detail {

/// Raises unless the view has 3 coordinates per keypoint of its layout and, if any, one visibility each.
inline void require_keypoint_sizes(const KeypointView& view, const char* who) {
  const std::size_t n = keypoint_count(view.layout);
  if (view.xyz.size() != 3 * n)
    raise(std::string(who) + ": " + std::string(to_string(view.layout)) + " expects " + std::to_string(3 * n) +
          " coordinates, got " + std::to_string(view.xyz.size()));
  if (!view.visibility.empty() && view.visibility.size() != n)
    raise(std::string(who) + ": expected " + std::to_string(n) + " visibilities, got " +
          std::to_string(view.visibility.size()));
}

/// Raises on the first infinite coordinate, then on the first visibility outside [0, 1] (NaN
/// included); returns when there is none.
inline void require_keypoint_values(const KeypointView& view, const char* who) {
  for (std::size_t i = 0; i < view.xyz.size(); ++i)
    if (std::isinf(view.xyz[i]))
      raise(std::string(who) + ": keypoint " + std::to_string(i / 3) + " " + "xyz"[i % 3] +
            " is infinite (NaN marks a missing point)");
  for (std::size_t i = 0; i < view.visibility.size(); ++i)
    if (!(view.visibility[i] >= 0 && view.visibility[i] <= 1))
      raise(std::string(who) + ": visibility of keypoint " + std::to_string(i) + " must be in [0, 1], got " +
            std::to_string(view.visibility[i]));
}

}  // namespace arthrokin::detail
