/// @file gait_vocabulary.hpp
/// @brief The vocabulary of the normative gait curves (gait_norms_schwartz2008.csv): the speed
///        classes and the Conventional Gait Model variables.
///
/// Each enumerator's `to_string` words are the CSV's own (`speed`, `segment_or_joint`,
/// `positive_direction`); tools/gen_tables.py writes the enumerators into the generated table and
/// tests/reference_tables_test.cpp compares the words with every row. The CGM angles are not the
/// library's DoFs: docs/gait.md maps one onto the other.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace arthrokin {

/// Walking-speed class of the normative curves (Schwartz2008: five self-selected speed classes of
/// typically developing children; `free` is their self-selected, comfortable speed).
enum class GaitSpeed : std::uint8_t { very_slow, slow, free, fast, very_fast };
inline constexpr std::size_t gait_speed_count = 5;

/// The CSV word of a speed class: "VerySlow", "Slow", "Free", "Fast", "VeryFast".
[[nodiscard]] constexpr std::string_view to_string(GaitSpeed s) noexcept {
  constexpr std::array<std::string_view, gait_speed_count> words{"VerySlow", "Slow", "Free", "Fast", "VeryFast"};
  return words[static_cast<std::size_t>(s)];
}

/// A speed class from its CSV word or its enumerator spelling ("free", "very_slow"), or nothing.
[[nodiscard]] constexpr std::optional<GaitSpeed> parse_gait_speed(std::string_view w) noexcept {
  constexpr std::array<std::string_view, gait_speed_count> ids{"very_slow", "slow", "free", "fast", "very_fast"};
  for (std::size_t i = 0; i < gait_speed_count; ++i) {
    const auto s = static_cast<GaitSpeed>(i);
    if (w == to_string(s) || w == ids[i]) return s;
  }
  return std::nullopt;
}

/// A Conventional Gait Model (Plug-in Gait) angle of the normative table, positive as named.
/// Pelvis angles and foot progression are relative to the laboratory / walking direction; the
/// others are joint angles (distal segment relative to proximal).
enum class GaitVariable : std::uint8_t {
  pelvis_tilt,         ///< PelvisAngles X: anterior tilt +
  pelvis_obliquity,    ///< PelvisAngles Y: obliquity up + (the side's hemipelvis up)
  pelvis_rotation,     ///< PelvisAngles Z: internal rotation + (the side's hemipelvis forward)
  hip_flexion,         ///< HipAngles X: flexion +
  hip_adduction,       ///< HipAngles Y: adduction +
  hip_rotation,        ///< HipAngles Z: internal rotation +
  knee_flexion,        ///< KneeAngles X: flexion +
  knee_varus,          ///< KneeAngles Y: varus (adduction) +
  knee_rotation,       ///< KneeAngles Z: internal rotation +
  ankle_dorsiflexion,  ///< AnkleAngles X: dorsiflexion +
  foot_progression,    ///< FootProgressAngles Z: internal (toe-in) +
};
inline constexpr std::size_t gait_variable_count = 11;

inline constexpr std::array<GaitVariable, gait_variable_count> all_gait_variables{
    GaitVariable::pelvis_tilt,        GaitVariable::pelvis_obliquity, GaitVariable::pelvis_rotation,
    GaitVariable::hip_flexion,        GaitVariable::hip_adduction,    GaitVariable::hip_rotation,
    GaitVariable::knee_flexion,       GaitVariable::knee_varus,       GaitVariable::knee_rotation,
    GaitVariable::ankle_dorsiflexion, GaitVariable::foot_progression};

/// Enumerator spelling: "pelvis_tilt", "knee_flexion", ...
[[nodiscard]] constexpr std::string_view to_string(GaitVariable v) noexcept {
  constexpr std::array<std::string_view, gait_variable_count> ids{
      "pelvis_tilt",  "pelvis_obliquity", "pelvis_rotation", "hip_flexion",        "hip_adduction",   "hip_rotation",
      "knee_flexion", "knee_varus",       "knee_rotation",   "ankle_dorsiflexion", "foot_progression"};
  return ids[static_cast<std::size_t>(v)];
}

/// Column `segment_or_joint` of the CSV: "pelvis", "hip", "knee", "ankle", "foot_progression".
[[nodiscard]] constexpr std::string_view segment_word(GaitVariable v) noexcept {
  switch (v) {
    case GaitVariable::pelvis_tilt:
    case GaitVariable::pelvis_obliquity:
    case GaitVariable::pelvis_rotation:
      return "pelvis";
    case GaitVariable::hip_flexion:
    case GaitVariable::hip_adduction:
    case GaitVariable::hip_rotation:
      return "hip";
    case GaitVariable::knee_flexion:
    case GaitVariable::knee_varus:
    case GaitVariable::knee_rotation:
      return "knee";
    case GaitVariable::ankle_dorsiflexion:
      return "ankle";
    case GaitVariable::foot_progression:
      return "foot_progression";
  }
  return "";
}

/// Column `positive_direction` of the CSV: what a positive value means.
[[nodiscard]] constexpr std::string_view positive_word(GaitVariable v) noexcept {
  constexpr std::array<std::string_view, gait_variable_count> words{
      "anterior_tilt", "obliquity_up",    "internal_rotation", "flexion",      "adduction", "internal_rotation",
      "flexion",       "varus_adduction", "internal_rotation", "dorsiflexion", "internal"};
  return words[static_cast<std::size_t>(v)];
}

/// A variable from its enumerator spelling, or nothing.
[[nodiscard]] constexpr std::optional<GaitVariable> parse_gait_variable(std::string_view w) noexcept {
  for (GaitVariable v : all_gait_variables)
    if (w == to_string(v)) return v;
  return std::nullopt;
}

/// Human name: "pelvic tilt", "hip flexion", "foot progression", ...
[[nodiscard]] constexpr std::string_view display_name(GaitVariable v) noexcept {
  constexpr std::array<std::string_view, gait_variable_count> names{
      "pelvic tilt",  "pelvic obliquity",  "pelvic rotation", "hip flexion",        "hip ab/adduction", "hip rotation",
      "knee flexion", "knee varus/valgus", "knee rotation",   "ankle dorsiflexion", "foot progression"};
  return names[static_cast<std::size_t>(v)];
}

/// Points per normalised gait cycle: 0 %, 2 %, ..., 100 %.
inline constexpr std::size_t gait_points = 51;

}  // namespace arthrokin
