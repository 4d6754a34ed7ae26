/// @file report_writers.hpp
/// @brief `Report` → JSON and CSV (compiled in arthrokin_io; docs/formats.md).
///
/// Per DoF: id, display name, status, value, excess, the lower and upper limit
/// with their source key, provenance tag and origin, and the sentence of
/// `describe()`. Angles in degrees. The overall verdict and counts head the
/// JSON object; in CSV the first data row is `overall`.
#pragma once

#include <arthrokin/check.hpp>

#include <string>

namespace arthrokin::io {

/// The report as a JSON object (every DoF, every composite: each bound as {"deg", "source", "tag",
/// "origin", "citation"} and "reason" for an override, or null), indented by 2. The header does not
/// expose a JSON library: parse the text with the one of your choice.
[[nodiscard]] std::string report_to_json(const Report& report);
/// The CSV header of `report_to_csv` rows.
[[nodiscard]] std::string report_csv_header();
/// The report as CSV rows (no header): `overall`, then each DoF, then each composite (`composite:<name>`).
/// `prefix` is prepended to every row (e.g. "file,frame,time,").
[[nodiscard]] std::string report_csv_rows(const Report& report, const std::string& prefix = {});
/// Header + rows.
[[nodiscard]] std::string report_to_csv(const Report& report);

}  // namespace arthrokin::io
