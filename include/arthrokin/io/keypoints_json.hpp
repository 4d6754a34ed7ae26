/// @file keypoints_json.hpp
/// @brief Keypoint frames as JSON (compiled in arthrokin_io; docs/formats.md).
///
///     {"layout": "coco17", "fps": 30,
///      "frames": [[[x, y, z], [x, y, z, visibility], ...], ...]}
///
/// One array of `keypoint_count(layout)` points per frame, in the layout's
/// order; a point is [x, y, z] or [x, y, z, visibility]; null (or a point of
/// nulls) = missing. A visibility is a number in [0, 1] (null only in a point of nulls).
/// `layout` is one of blazepose33, coco17, h36m17, smpl24. The document is streamed (no DOM):
/// memory is the text plus the table. Errors throw `parse_error` "<file>: <field path>: <what>";
/// limits (size, frames, nesting depth): <arthrokin/io/limits.hpp>.
#pragma once

#include <arthrokin/io/keypoints_csv.hpp>

#include <filesystem>
#include <optional>
#include <string_view>

namespace arthrokin::io {

/// A keypoint JSON document: the table and the frame rate (if given).
struct KeypointJson {
  KeypointTable table;
  std::optional<double> fps;
};

/// The layout named `s` (blazepose33, coco17, h36m17, smpl24), or nullopt.
[[nodiscard]] std::optional<Layout> parse_layout(std::string_view s) noexcept;

/// True when `text` is a JSON object with a top-level "frames" key (keypoint JSON rather than a
/// pose); reads only as far as that key, builds nothing, and is false for anything malformed.
[[nodiscard]] bool is_keypoints_json(std::string_view text) noexcept;

/// Parse keypoint JSON `text`; `name` (a file name or a label) starts every error message.
/// `layout` overrides (or supplies) the document's layout; without either, it is an error.
[[nodiscard]] KeypointJson parse_keypoints_json(std::string_view text, std::string_view name = "<keypoints>",
                                                std::optional<Layout> layout = std::nullopt);
/// Read the keypoint JSON file at `path` (errors name the file); `layout` as in parse_keypoints_json.
[[nodiscard]] KeypointJson read_keypoints_json(const std::filesystem::path& path,
                                               std::optional<Layout> layout = std::nullopt);

}  // namespace arthrokin::io
