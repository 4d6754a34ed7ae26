// Row types of the generated reference tables (detail/*_data.hpp, written by
// tools/gen_tables.py). Every field is final typed data: enumerators for the
// vocabulary columns (joint, dof, direction, tag, value kind, population, role,
// condition, ...) and doubles for the numbers, so nothing is parsed at compile
// time. Strings remain only where they are reported to users or matched against
// user input: source keys, notes, names, labels. tests/reference_tables_test.cpp
// compares every field with the CSV cell it comes from.
#pragma once

#include <arthrokin/anatomy/muscle_vocabulary.hpp>
#include <arthrokin/dof.hpp>
#include <arthrokin/gait_vocabulary.hpp>
#include <arthrokin/joint.hpp>
#include <arthrokin/reference_vocabulary.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>

namespace arthrokin::detail {

inline constexpr double no_value = std::numeric_limits<double>::quiet_NaN();

/// A row of rom_norms.csv.
struct RomNormRow {
  std::optional<Joint> joint;  ///< empty: `thoracolumbar` (thoracic + lumbar together, not a Joint)
  Axis axis;                   ///< column `dof`
  bool both_senses;            ///< per-side spinal direction (`lateral_flexion`, `rotation`)
  Sense sense;                 ///< sense of `direction`; positive when `both_senses`
  double value_deg;
  std::string_view source;
  Tag tag;
  std::string_view notes;
  ValueKind value_kind;
  Population population;
  Context context;        ///< column `context`: the measurement context the notes or the source state
  Derivation derivation;  ///< column `derivation`: `none` unless `value_kind` is `derived_limit`
  double mean_deg;        ///< column `mean_deg`: the mean a derived limit was computed from (`no_value` otherwise)
  double sd_deg;          ///< column `sd_deg`: the SD a derived limit was computed from (`no_value` otherwise)
};

/// How the `direction` of a composite_limits.csv row applies to its terms.
enum class CompositeDirection : std::uint8_t {
  positive,     ///< one direction of positive sense for every term (`flexion`)
  negative,     ///< one direction of negative sense for every term (`extension`)
  both_senses,  ///< a per-side direction (`lateral_flexion`, `rotation`): either sense
  per_term,     ///< one direction per term (`adduction+internal_rotation`), each term's `sense`
  full_arc,     ///< both directions of every term added (`full_arc`)
};

/// One term of a composite_limits.csv row: `joint.dof`, and for `per_term` rows the sense of
/// the term's own direction (positive otherwise).
struct CompositeTermRow {
  Joint joint;
  Axis axis;
  Sense sense;
};

/// A row of composite_limits.csv.
struct CompositeLimitRow {
  std::string_view name;
  std::array<CompositeTermRow, 6> terms;
  std::size_t term_count;
  CompositeDirection direction;
  double value_deg;
  std::string_view source;
  Tag tag;
  std::string_view notes;
  CompositeRole role;
  ValueKind value_kind;
  /// `per_term` rows only (empty otherwise): human names built by the generator from the terms'
  /// joint and directions, e.g. "hip adduction + internal rotation", "adduction + internal
  /// rotation" and the opposite directions "abduction + external rotation".
  std::string_view label, positive_label, negative_label;
  Context context;  ///< column `context` (every composite row: `unspecified`)
};

/// A row of rom_norms_by_age_sex.csv.
struct AgeSexNormRow {
  Joint joint;
  Axis axis;
  Sense sense;
  int age_min;
  int age_max;  ///< -1: no upper limit stated (empty cell)
  Sex sex;
  double mean_deg, ci_low_deg, ci_high_deg;  ///< `no_value` for an empty cell
  std::string_view source;
  Tag tag;
  std::string_view notes;
  Context context;  ///< column `context`
};

/// A row of model_bounds.csv.
struct ModelBoundRow {
  std::string_view model, coordinate;
  double min_deg, max_deg;
  std::string_view positive_means;
  std::string_view source;
  Tag tag;
  std::string_view notes;
  std::optional<std::pair<Joint, Axis>> library_dof;  ///< column `library_dof`; empty for `none`
  int sign;  ///< -1 where `positive_means` is the negative direction of its axis (extension), else +1
};

/// A row of muscles.csv.
struct MuscleRow {
  MuscleId muscle;
  MuscleRegion region;
  ActionSite site;             ///< column `joint`: a Joint, thoracolumbar, ribs or abdomen
  std::optional<Joint> joint;  ///< set when `site == ActionSite::joint`
  std::optional<Axis> axis;    ///< column `dof`; empty for `none` (non-motion actions)
  ActionKind kind;             ///< column `action`
  Sense sense;                 ///< direction actions: the direction's sense; side-dependent ones: for a RIGHT muscle
  std::string_view action;     ///< column `action`, as written
  MuscleRole role;
  Laterality laterality;
  std::string_view source;
  Tag tag;
  std::string_view notes;
  Condition condition;
};

/// A row of gait_norms_schwartz2008.csv (source key Schwartz2008; the file has no source column).
struct GaitNormRow {
  GaitSpeed speed;
  GaitVariable variable;        ///< columns `segment_or_joint` and `positive_direction`
  std::string_view pig_axis;    ///< column `pig_axis`: X, Y or Z
  std::string_view pig_output;  ///< column `pig_output`: the Plug-in Gait output (HipAngles, ...)
  int cycle_pct;                ///< 0, 2, ..., 100
  double band_low_deg, band_high_deg, mean_deg, sd_deg;
};

/// A source key of SOURCES.md and its reference line.
struct SourceRow {
  std::string_view key, reference;
};

}  // namespace arthrokin::detail
