/// @file angle_csv.hpp
/// @brief Frames of joint angles as CSV (compiled in arthrokin_io; docs/formats.md).
///
///     time_s,left_hip_internal_external_rotation_deg,left_knee_flexion_extension_deg
///     0.000,12.5,30
///     0.033,,31.0
///
/// The first column is `time_s`. Every other column is a DoF identifier or a
/// thoracolumbar total (`thoracolumbar_flexion_extension`,
/// `thoracolumbar_lateral_flexion`, `thoracolumbar_axial_rotation`) followed by
/// its unit, `_deg` or `_rad`: the unit is stated in the header, per column;
/// a column without a unit suffix is an error. An empty cell or NaN is unknown.
/// Lines starting with '#' and blank lines are skipped, and so is a leading
/// UTF-8 BOM. Errors throw `parse_error` "<file>:<line>:<column>: <what>"
/// (column = 1-based field). Limits: <arthrokin/io/limits.hpp>.
#pragma once

#include <arthrokin/error.hpp>
#include <arthrokin/pose.hpp>

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace arthrokin::io {

/// Poses over time.
struct AngleFrames {
  std::vector<double> time_s;
  std::vector<Pose> poses;  ///< one per time stamp
  [[nodiscard]] std::size_t size() const noexcept { return poses.size(); }
};

/// Parse angle-frame CSV text; `name` is used in error messages.
[[nodiscard]] AngleFrames parse_angle_csv(std::string_view text, std::string_view name = "<csv>");
/// Read an angle-frame CSV file. Throws `parse_error` naming the file.
[[nodiscard]] AngleFrames read_angle_csv(const std::filesystem::path& path);

/// The header every writer below uses: time_s, every DoF in `DofId` order
/// and the three thoracolumbar totals, all in degrees.
[[nodiscard]] std::string angle_csv_header();
/// One row of `angle_csv_header()` columns (unknown = empty cell; degrees with 6 decimals).
[[nodiscard]] std::string angle_csv_row(double time_s, const Pose& pose);
/// Write frames as CSV (header + one row per frame).
void write_angle_csv(std::ostream& out, const AngleFrames& frames);

}  // namespace arthrokin::io
