/// @file keypoints_csv.hpp
/// @brief Read keypoint CSV files (compiled in arthrokin_io).
///
/// Two shapes are accepted:
///  - wide: header `frame,<name>_x,<name>_y,<name>_z[,<name>_vis],...`, one row per frame,
///    keypoints in the layout's order (e.g. data/samples/blazepose_world/*.csv);
///  - long: header `index,name,x...,y...,z...[,visibility[,presence]]`, one row per keypoint,
///    a single frame (e.g. data/samples/blazepose/pose_landmarks.csv).
/// Cells are finite numbers or nan (unknown); a visibility is in [0, 1] (nan only for a point whose
/// x, y, z are all nan). A leading UTF-8 BOM is skipped. Malformed input throws
/// `arthrokin::parse_error` naming the file, line and field. Limits: <arthrokin/io/limits.hpp>.
#pragma once

#include <arthrokin/kinematics/keypoints.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace arthrokin::io {

/// Frames of keypoints of one layout.
struct KeypointTable {
  Layout layout{};
  std::size_t frames = 0;
  std::vector<double> xyz;         ///< frames × N × 3
  std::vector<double> visibility;  ///< frames × N, or empty
  /// A view of frame `i` (no copy).
  [[nodiscard]] KeypointView frame(std::size_t i) const {
    const std::size_t n = keypoint_count(layout);
    return {layout, std::span<const double>(xyz).subspan(i * n * 3, n * 3),
            visibility.empty() ? std::span<const double>() : std::span<const double>(visibility).subspan(i * n, n)};
  }
};

/// Parse CSV `text` as keypoints of `layout` (the CSV does not name its layout); `name` (a file
/// name, or a label such as "<stdin>") starts every error message.
[[nodiscard]] KeypointTable parse_keypoints_csv(std::string_view text, std::string_view name, Layout layout);
/// Read the file at `path` as keypoints of `layout`; errors name the file.
[[nodiscard]] KeypointTable read_keypoints_csv(const std::filesystem::path& path, Layout layout);

}  // namespace arthrokin::io
