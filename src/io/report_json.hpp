/// @file report_json.hpp
/// @brief `Report` → nlohmann::json values (internal to arthrokin_io, the CLI and the tests).
///
/// Not installed: the public `arthrokin/io/report_writers.hpp` returns strings, so that the
/// installed package does not expose nlohmann::json (nor need it found by `find_package`).
#pragma once

#include <arthrokin/check.hpp>

#include <nlohmann/json.hpp>

namespace arthrokin::io {

/// One bound as the reports write it: {"deg", "source", "tag", "origin", "citation"} and "reason"
/// for an override, or null without a bound (the field names of Python's `Limits.bounds`, too).
[[nodiscard]] nlohmann::json bound_to_json_value(const Bound& b);
/// The report as a JSON object (every DoF, every composite): what `report_to_json` dumps.
[[nodiscard]] nlohmann::json report_to_json_value(const Report& report);

}  // namespace arthrokin::io
