/// @file report_writers.hpp
/// @brief `Report` → JSON and CSV (compiled in arthrokin_io; docs/formats.md).
///
/// Per DoF: id, display name, status, value, excess, the lower and upper limit
/// with their source key, provenance tag and origin, and the sentence of
/// `describe()`. Angles in degrees. The overall verdict and counts head the
/// JSON object; in CSV the first data row is `overall`.
#pragma once

#include <arthrokin/check.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace arthrokin::io {

/// One bound as the reports write it: {"deg", "source", "tag", "origin", "citation"} and "reason"
/// for an override, or null without a bound (the field names of Python's `Limits.bounds`, too).
[[nodiscard]] nlohmann::json bound_to_json_value(const Bound& b);
/// The report as a JSON object (every DoF, every composite).
[[nodiscard]] nlohmann::json report_to_json_value(const Report& report);
/// `report_to_json_value(report).dump(2)`.
[[nodiscard]] std::string report_to_json(const Report& report);
/// The CSV header of `report_to_csv` rows.
[[nodiscard]] std::string report_csv_header();
/// The report as CSV rows (no header): `overall`, then each DoF, then each composite (`composite:<name>`).
/// `prefix` is prepended to every row (e.g. "file,frame,time,").
[[nodiscard]] std::string report_csv_rows(const Report& report, const std::string& prefix = {});
/// Header + rows.
[[nodiscard]] std::string report_to_csv(const Report& report);

}  // namespace arthrokin::io
