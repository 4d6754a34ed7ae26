/// @file profile_json.hpp
/// @brief A user profile as JSON → `Limits` (compiled in arthrokin_io; docs/formats.md).
///
///     {"source": "AAOS94", "tolerance_deg": 5,
///      "overrides": [{"dof": "left_hip_flexion_extension", "lower_deg": -10, "upper_deg": 90,
///                     "reason": "after hip arthroplasty"}],
///      "restrict_to": ["hip", "knee"],
///      "composites": [{"name": "hip_adduction_plus_internal_rotation", "source": "Seed", "side": "left"}]}
///
/// Every field is optional. `source` ("default" or absent: `Limits::defaults()`,
/// else `Limits::from_source(key)`) and `model` (`Limits::from_model(name)`,
/// OpenSim bounds) are exclusive. Then, in this order: the tolerance, the
/// overrides, the composites, the joint restriction (which also switches off
/// composites with a term outside the joints). Errors throw `parse_error`
/// "<file>: <field path>: <what>", e.g. "p.json: overrides[0].dof: unknown DoF 'left hipp'"
/// (also for a key given twice or a number beyond a double). A `reason` is kept to
/// its first 63 bytes, cut at a UTF-8 code point. Limits: <arthrokin/io/limits.hpp>.
#pragma once

#include <arthrokin/error.hpp>
#include <arthrokin/limits.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace arthrokin::io {

/// Parse a profile from JSON text; `name` is used in error messages.
[[nodiscard]] Limits parse_profile_json(std::string_view text, std::string_view name = "<profile>");
/// Read a profile JSON file. Throws `parse_error` naming the file.
[[nodiscard]] Limits read_profile_json(const std::filesystem::path& path);

/// `limits.restrict_to(joints)` for a list known only at run time (the core
/// takes an initializer_list).
void restrict_to(Limits& limits, const std::vector<Joint>& joints);

}  // namespace arthrokin::io
