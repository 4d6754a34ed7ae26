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
/// Definitions: detail/exercise-inl.hpp (config.hpp).
#pragma once

#include <arthrokin/anatomy/muscles.hpp>
#include <arthrokin/config.hpp>
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

/// The built-in Lumbar Spine Rocking Stretch (also data/exercises/lumbar_spine_rocking_stretch.json).
[[nodiscard]] Exercise lumbar_spine_rocking_stretch();

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/exercise-inl.hpp>
#endif
