/// @file pose_json.hpp
/// @brief A pose as JSON (compiled in arthrokin_io; docs/formats.md).
///
///     {"angles_deg": {"left_hip_internal_external_rotation": 52,
///                     "left knee flexion": 20, "cervical_axial_rotation": null},
///      "thoracolumbar_deg": {"axial_rotation": -30}}
///
/// `angles_rad` instead of `angles_deg` gives radians (not both). A key is any
/// name `parse_dof` accepts: the identifier or a display name; a direction name
/// gives the value in that direction ("left hip extension": 10 is flexion −10°).
/// `null` = unknown (the same as leaving the DoF out). `thoracolumbar_deg` (or
/// `thoracolumbar_rad`) holds the thoracolumbar total of `flexion_extension`,
/// `lateral_flexion` and `axial_rotation` when the thoracic/lumbar split is not
/// known. Unknown keys, unknown DoF names, the same DoF twice, non-numbers and
/// non-finite numbers, numbers beyond a double and keys given twice throw
/// `parse_error` "<file>: <field path>: <what>"; JSON syntax errors
/// "<file>:<line>:<column>: JSON syntax error: <what>". A leading UTF-8 BOM is
/// skipped. Limits (document size, nesting depth): <arthrokin/io/limits.hpp>.
#pragma once

#include <arthrokin/error.hpp>
#include <arthrokin/pose.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace arthrokin::io {

/// Parse a pose from JSON text; `name` is used in error messages.
[[nodiscard]] Pose parse_pose_json(std::string_view text, std::string_view name = "<pose>");
/// Read a pose JSON file. Throws `parse_error` naming the file.
[[nodiscard]] Pose read_pose_json(const std::filesystem::path& path);
/// A pose as JSON (`angles_deg` keyed by identifier, unknown DoFs as null; the
/// thoracolumbar totals set without a split, if any).
[[nodiscard]] std::string pose_to_json(const Pose& pose);

}  // namespace arthrokin::io
