/// @file exercise.hpp
/// @brief An exercise as data: start position, moving DoFs, the phase signal,
///        target bands on DoFs or linear combinations of them (with source
///        keys), target muscles and cues; and the built-in Lumbar Spine
///        Rocking Stretch (docs/exercise.md).
///
/// Side-to-side exercises are written for ONE side, "knees to the right", and
/// mirrored for the other: a `per_side` band's terms name the DoFs of the
/// knees-right phase; for knees left every limb DoF is replaced by its mirror
/// and the coefficient of every spinal lateral-flexion or axial-rotation term
/// (a DoF or the thoracolumbar total) changes sign, as in `Pose::mirrored()`.
///
/// Geometry of the rocking stretch, knees to the RIGHT: the LEFT leg is on top
/// (upper hip = left hip: adducted and internally rotated, both positive in
/// arthrokin's sign); the pelvis turns right under the fixed thorax, so the
/// axial rotation of the thorax relative to the pelvis is to the LEFT, i.e.
/// negative (dof.hpp). The phase signal is therefore −(thoracolumbar axial
/// rotation): positive means knees to the right.
#pragma once

#include <arthrokin/anatomy/muscles.hpp>
#include <arthrokin/detail/composite_limits_data.hpp>
#include <arthrokin/dof.hpp>
#include <arthrokin/pose.hpp>

#include <optional>
#include <string>
#include <vector>

namespace arthrokin {

/// coefficient × (the angle of a DoF, or the thoracolumbar total of a spinal axis).
struct BandTerm {
  enum class Kind : std::uint8_t { dof, thoracolumbar };
  Kind kind = Kind::dof;
  DofId dof{};  ///< for `Kind::dof`
  Axis axis{};  ///< for `Kind::thoracolumbar` (flexion_extension, lateral_flexion or axial_rotation)
  double coefficient = 1.0;

  [[nodiscard]] static BandTerm of(DofId d, double c = 1.0) { return {Kind::dof, d, axis_of(d), c}; }
  [[nodiscard]] static BandTerm thoracolumbar_total(Axis a, double c = 1.0) { return {Kind::thoracolumbar, {}, a, c}; }
  friend bool operator==(const BandTerm&, const BandTerm&) = default;
};

/// When a band is checked.
enum class BandScope : std::uint8_t {
  always,    ///< every frame (start-position bands: "hips and knees bent")
  per_side,  ///< only while the phase is on a side; terms written for knees right, mirrored for knees left
};

/// A target band on a linear combination of DoFs, in degrees.
///
/// For `always` bands a value below `lower_deg` or above `upper_deg` is out of
/// band. For `per_side` bands the upper bound is a limit (above it is out of
/// band) and the lower bound is a target to reach on each visit to the side:
/// a visit whose peak stays below it is reported when the side is left.
struct TargetBand {
  std::string id;
  std::string label;  ///< human name used in cues: "trunk rotation"
  BandScope scope = BandScope::always;
  std::vector<BandTerm> terms;
  std::optional<double> lower_deg;
  std::optional<double> upper_deg;
  std::string source;  ///< source key of the numbers (SOURCES.md, or "arthrokin" for a library choice)
  std::string tag;     ///< provenance: V, S, R, claim, or "choice" for a library choice
  std::string note;
  std::string cue;  ///< short prefix of the out-of-band cue ("knees lifting"); may be empty
  friend bool operator==(const TargetBand&, const TargetBand&) = default;
};

/// The signal that tells the side: positive = knees to the right. Hysteresis:
/// a side is entered above `enter_deg` and left below `exit_deg`.
struct PhaseSpec {
  std::vector<BandTerm> terms;
  double enter_deg = 10.0;
  double exit_deg = 5.0;
  std::string source;
  std::string tag;
  std::string note;
  friend bool operator==(const PhaseSpec&, const PhaseSpec&) = default;
};

/// A group of target muscles as the exercise names it.
struct TargetMuscleGroup {
  std::string label;              ///< the exercise's words: "Lumbar Extensors"
  std::vector<MuscleId> muscles;  ///< the catalogue muscles the label is read as (may be empty)
  std::string source;
  std::string note;
  friend bool operator==(const TargetMuscleGroup&, const TargetMuscleGroup&) = default;
};

struct Exercise {
  std::string id;
  std::string name;
  std::string source;          ///< source key of the exercise text
  std::string start_position;  ///< description of the start position
  std::vector<DofId> moving_dofs;
  PhaseSpec phase;
  std::vector<TargetBand> bands;
  std::vector<TargetMuscleGroup> target_muscles;
  std::vector<std::string> cues;  ///< instructions, in the library's own words
  friend bool operator==(const Exercise&, const Exercise&) = default;
};

/// A term as it applies with the knees to the LEFT (see the file comment).
[[nodiscard]] inline BandTerm mirrored(const BandTerm& t) noexcept {
  BandTerm m = t;
  if (t.kind == BandTerm::Kind::dof) {
    m.dof = mirror(t.dof);
    if (side_of(t.dof) == Side::none && axis_of(t.dof) != Axis::flexion_extension) m.coefficient = -t.coefficient;
  } else if (t.axis != Axis::flexion_extension) {
    m.coefficient = -t.coefficient;
  }
  return m;
}

/// The value of one term in radians, or nullopt when its angle is unknown.
[[nodiscard]] inline std::optional<double> term_radians(const BandTerm& t, const Pose& p) noexcept {
  const auto a = t.kind == BandTerm::Kind::dof ? p.get(t.dof) : p.thoracolumbar(t.axis);
  if (!a) return std::nullopt;
  return t.coefficient * to_radians(*a);
}

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

/// The built-in Lumbar Spine Rocking Stretch (also data/exercises/lumbar_spine_rocking_stretch.json).
[[nodiscard]] inline Exercise lumbar_spine_rocking_stretch() {
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
