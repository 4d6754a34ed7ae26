/// @file exercise_json.hpp
/// @brief Exercise definitions to and from JSON (compiled in arthrokin_io).
///
/// Format (data/exercises/lumbar_spine_rocking_stretch.json is the reference):
///
///     {"exercise": {"id": ..., "name": ..., "source": ..., "start_position": ...,
///       "moving_dofs": ["thoracic_axial_rotation", ...],
///       "phase": {"terms": [TERM...], "enter_deg": 10, "exit_deg": 5, "source": ..., "tag": ..., "note": ...},
///       "bands": [{"id": ..., "label": ..., "scope": "per_side" | "always", "terms": [TERM...],
///                  "lower_deg": number | null, "upper_deg": number | null,
///                  "source": ..., "tag": ..., "note": ..., "cue": ...}],
///       "target_muscles": [{"label": ..., "muscles": ["multifidus", ...], "source": ..., "note": ...}],
///       "cues": ["..."]}}
///
///     TERM = {"dof": "<DofId identifier>", "coefficient": number}
///          | {"thoracolumbar": "<spinal axis>", "coefficient": number}
///
/// Errors throw `arthrokin::parse_error` whose message starts with the field
/// path, e.g. "exercise.bands[1].upper_deg: expected a number" (`read_exercise_json`
/// puts the file name first). Errors of the JSON text itself (syntax, a key given
/// twice, a number beyond a double, nesting) name "exercise JSON" or the file.
/// Limits (document size, nesting depth): <arthrokin/io/limits.hpp>.
#pragma once

#include <arthrokin/error.hpp>
#include <arthrokin/exercise/exercise.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace arthrokin::io {

/// Parse an exercise from JSON `text`. Errors of the JSON text itself start with `name`; errors
/// of the content start with the field path. Throws `parse_error`.
[[nodiscard]] Exercise parse_exercise_json(std::string_view text, std::string_view name = "exercise JSON");
/// Read an exercise from the JSON file at `path`. Throws `parse_error` (file name, then field).
[[nodiscard]] Exercise read_exercise_json(const std::filesystem::path& path);
/// Write an exercise as JSON (2-space indent).
[[nodiscard]] std::string exercise_to_json(const Exercise& e);

}  // namespace arthrokin::io
