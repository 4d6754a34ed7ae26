/// @file exercise-inl.hpp
/// @brief Definitions of exercise.hpp: compiled once into the library
///        (src/core/exercise.cpp), or included by the header in header-only
///        mode (config.hpp).
#pragma once

#include <arthrokin/detail/composite_limits_data.hpp>
#include <arthrokin/error.hpp>
#include <arthrokin/exercise/exercise.hpp>

#include <string>
#include <string_view>

namespace arthrokin {

namespace detail {
/// `value_deg` of the composite_limits.csv row with this name, source and value kind
/// (the numbers are read from the table, never retyped).
constexpr double composite_value_deg(std::string_view name, std::string_view source,
                                     ValueKind kind = ValueKind::limit) {
  for (const auto& r : composite_limit_rows)
    if (r.name == name && r.source == source && r.value_kind == kind) return r.value_deg;
  throw invalid_argument("composite_limits.csv: no row " + std::string(name));
}
}  // namespace detail

ARTHROKIN_FUNC Exercise lumbar_spine_rocking_stretch() {
  Exercise e;
  e.id = "lumbar_spine_rocking_stretch";
  e.name = "Lumbar Spine Rocking Stretch";
  e.source = "Seed";
  e.start_position =
      "Supine (lying on the back), hips and knees bent, feet on the floor, arms resting on the floor (Seed). The "
      "exercise text gives no angle for the start position; the start bands below are this library's choice.";
  e.moving_dofs = {DofId::thoracic_axial_rotation,       DofId::lumbar_axial_rotation,
                   DofId::left_hip_abduction_adduction,  DofId::left_hip_internal_external_rotation,
                   DofId::right_hip_abduction_adduction, DofId::right_hip_internal_external_rotation};
  e.phase.terms = {BandTerm::thoracolumbar_total(Axis::axial_rotation, -1.0)};
  e.phase.enter_deg = 10.0;
  e.phase.exit_deg = 5.0;
  e.phase.source = "arthrokin";
  e.phase.tag = "choice";
  e.phase.note =
      "positive = knees to the right (thorax rotated left relative to the pelvis); the 10 deg entry and 5 deg exit "
      "thresholds are this library's choice, not a norm";

  TargetBand trunk;
  trunk.id = "thoracolumbar_rotation";
  trunk.label = "trunk rotation";
  trunk.scope = BandScope::per_side;
  trunk.terms = {BandTerm::thoracolumbar_total(Axis::axial_rotation, -1.0)};
  trunk.upper_deg = detail::composite_value_deg("thoracolumbar_rotation", "Seed");
  trunk.source = "Seed";
  trunk.tag = "claim";
  trunk.note =
      "thoracic + lumbar axial rotation up to 45 deg each way (exercise text, claim A; composite_limits.csv "
      "thoracolumbar_rotation); agrees with AAOS65 45 [S]; AMA 30 [S] and VA 30 [V] are stricter; the lumbar spine "
      "alone rotates about 7 deg per side (Troke, V)";
  trunk.cue = "rocking too far";

  TargetBand hip;
  hip.id = "hip_adduction_plus_internal_rotation";
  hip.label = "upper hip adduction + internal rotation";
  hip.scope = BandScope::per_side;
  hip.terms = {BandTerm::of(DofId::left_hip_abduction_adduction),
               BandTerm::of(DofId::left_hip_internal_external_rotation)};
  hip.lower_deg = detail::composite_value_deg("hip_adduction_plus_internal_rotation", "Seed", ValueKind::range_low);
  hip.upper_deg = detail::composite_value_deg("hip_adduction_plus_internal_rotation", "Seed", ValueKind::range_high);
  hip.source = "Seed";
  hip.tag = "claim";
  hip.note =
      "upper hip only (knees right: the left hip); adduction plus internal rotation about 20 to 45 deg in all "
      "(exercise text, claims B and D; composite_limits.csv hip_adduction_plus_internal_rotation); no published "
      "combined norm; single-plane norms add up to about 50-75";
  hip.cue = "upper hip";

  const auto start_band = [](DofId d, std::string id, std::string label, double lower, std::string cue) {
    TargetBand b;
    b.id = std::move(id);
    b.label = std::move(label);
    b.scope = BandScope::always;
    b.terms = {BandTerm::of(d)};
    b.lower_deg = lower;
    b.source = "arthrokin";
    b.tag = "choice";
    b.note =
        "start position 'knees bent' (Seed) gives no angle; this threshold is this library's choice for 'bent', not a "
        "norm";
    b.cue = std::move(cue);
    return b;
  };
  e.bands = {
      trunk,
      hip,
      start_band(DofId::left_hip_flexion_extension, "left_hip_flexed", "left hip flexion", 30.0, "knees lifting"),
      start_band(DofId::right_hip_flexion_extension, "right_hip_flexed", "right hip flexion", 30.0, "knees lifting"),
      start_band(DofId::left_knee_flexion_extension, "left_knee_flexed", "left knee flexion", 45.0,
                 "legs straightening"),
      start_band(DofId::right_knee_flexion_extension, "right_knee_flexed", "right knee flexion", 45.0,
                 "legs straightening")};

  e.target_muscles = {
      {"Lumbar Extensors",
       {MuscleId::multifidus, MuscleId::rotatores, MuscleId::iliocostalis, MuscleId::longissimus},
       "Seed",
       "the text names no muscle under this heading; read here as the transversospinales it later calls trunk "
       "extensors (multifidus, rotatores) and the erector spinae columns that cross the lumbar spine"},
      {"Oblique Abs", {MuscleId::external_oblique, MuscleId::internal_oblique}, "Seed", ""},
      {"Lumbar Spine", {}, "Seed", "a structure, not a muscle"},
      {"Muscles described in the exercise text",
       {MuscleId::rectus_femoris, MuscleId::tensor_fasciae_latae, MuscleId::sartorius, MuscleId::external_oblique,
        MuscleId::internal_oblique, MuscleId::transversus_abdominis, MuscleId::piriformis, MuscleId::serratus_posterior,
        MuscleId::rotatores, MuscleId::multifidus},
       "Seed",
       "named with their actions in the text; which muscles a pose actually lengthens comes from muscle_lengths()"},
  };
  e.cues = {"Lie on your back with the knees bent and the feet on the floor.",
            "Rock both knees slowly from one side to the other.",
            "Without a bolster, let the knees come closer to the floor while the arms stay on the floor.",
            "Keep the shoulders and arms on the floor; the pelvis and legs turn under them."};
  return e;
}

}  // namespace arthrokin
