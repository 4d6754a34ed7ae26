/// @file reference_vocabulary.hpp
/// @brief The typed columns of the reference tables: provenance tag, value
///        kind, population, composite role, sex.
///
/// Each enumerator is spelled as the word in the CSV column it comes from
/// (data/reference/README.md, data/reference/COLUMNS.md); `to_string` gives that
/// word back. tools/gen_tables.py writes the enumerators into the generated
/// tables, so nothing is parsed from text at compile time.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace arthrokin {

/// Provenance of a value (data/reference/README.md, "Provenance tags").
enum class Tag : std::uint8_t {
  verified,   ///< V: read in the cited source or a page reproducing its table
  secondary,  ///< S: read only in a secondary reproduction
  recalled,   ///< R: recalled, NOT verified; always reported as unverified
  model,      ///< D: read from a model file (simulation bound, not a norm)
  claim,      ///< claim: what the exercise text says (source `Seed`), not literature
  derived,    ///< computed by arthrokin from other values (documented), never measured
  user,       ///< set by the user (a patient override)
};

[[nodiscard]] constexpr std::optional<Tag> parse_tag(std::string_view s) noexcept {
  if (s == "V") return Tag::verified;
  if (s == "S") return Tag::secondary;
  if (s == "R") return Tag::recalled;
  if (s == "D") return Tag::model;
  if (s == "claim") return Tag::claim;
  if (s == "derived") return Tag::derived;
  return std::nullopt;
}

[[nodiscard]] constexpr std::string_view to_string(Tag t) noexcept {
  switch (t) {
    case Tag::verified:
      return "V";
    case Tag::secondary:
      return "S";
    case Tag::recalled:
      return "R";
    case Tag::model:
      return "D";
    case Tag::claim:
      return "claim";
    case Tag::derived:
      return "derived";
    case Tag::user:
      return "user";
  }
  return "";
}

/// The note a text output puts after a value with tag `t`: " [unverified]" (R), " [secondary
/// source]" (S), " [exercise claim]" (claim), or nothing.
[[nodiscard]] constexpr std::string_view tag_note(Tag t) noexcept {
  return t == Tag::recalled    ? " [unverified]"
         : t == Tag::secondary ? " [secondary source]"
         : t == Tag::claim     ? " [exercise claim]"
                               : "";
}

/// What kind of figure a reference value is (column `value_kind` of rom_norms.csv
/// and composite_limits.csv; data/reference/COLUMNS.md).
enum class ValueKind : std::uint8_t {
  limit,              ///< a normal end of range as the source states it
  impairment_cutoff,  ///< AMA Guides: motion at or above the value is rated normal
  range_low,          ///< the low end of a range the source gives
  range_high,         ///< the high end of a range the source gives
  return_arc_end,     ///< the end point 0 of a motion given only as a return arc: never a limit
  mean,               ///< a measured group mean of one study
  median,             ///< a median
  age_band,           ///< the value of one age band (named in the notes)
  activity_peak,      ///< the largest angle seen in an activity, not an end of range
  derived_limit,      ///< an end of range arthrokin derived from a published mean and spread (column `derivation`)
};

[[nodiscard]] constexpr std::string_view to_string(ValueKind k) noexcept {
  switch (k) {
    case ValueKind::limit:
      return "limit";
    case ValueKind::impairment_cutoff:
      return "impairment_cutoff";
    case ValueKind::range_low:
      return "range_low";
    case ValueKind::range_high:
      return "range_high";
    case ValueKind::return_arc_end:
      return "return_arc_end";
    case ValueKind::mean:
      return "mean";
    case ValueKind::median:
      return "median";
    case ValueKind::age_band:
      return "age_band";
    case ValueKind::activity_peak:
      return "activity_peak";
    case ValueKind::derived_limit:
      return "derived_limit";
  }
  return "";
}

/// Whether a figure is a central value of a group (a mean or a median): half of a healthy group
/// lies beyond it, so it is never a bound (docs/sources.md, "Averages are not limits").
[[nodiscard]] constexpr bool is_central_value(ValueKind k) noexcept {
  return k == ValueKind::mean || k == ValueKind::median;
}

/// The measurement context of a norm (column `context` of rom_norms.csv and
/// rom_norms_by_age_sex.csv; data/reference/COLUMNS.md), and the context `Limits` can be asked for.
enum class Context : std::uint8_t {
  unspecified,     ///< the row's notes and source do not say; as a request: any context (the default set)
  passive,         ///< moved by the examiner (passive ROM)
  active,          ///< moved by the subject (active ROM)
  weight_bearing,  ///< measured under body weight (e.g. the weight-bearing lunge test)
};

[[nodiscard]] constexpr std::string_view to_string(Context c) noexcept {
  switch (c) {
    case Context::unspecified:
      return "unspecified";
    case Context::passive:
      return "passive";
    case Context::active:
      return "active";
    case Context::weight_bearing:
      return "weight_bearing";
  }
  return "";
}

/// The context named by `s` ("unspecified", "passive", "active", "weight_bearing"), or nullopt.
[[nodiscard]] constexpr std::optional<Context> parse_context(std::string_view s) noexcept {
  for (Context c : {Context::unspecified, Context::passive, Context::active, Context::weight_bearing})
    if (to_string(c) == s) return c;
  return std::nullopt;
}

/// How a `derived_limit` row was computed from its source's figures (column `derivation`).
enum class Derivation : std::uint8_t {
  none,           ///< not derived: the value is the source's own figure
  mean_plus_2sd,  ///< mean + 2 SD (columns `mean_deg`, `sd_deg`, both from the row's source)
};

[[nodiscard]] constexpr std::string_view to_string(Derivation d) noexcept {
  return d == Derivation::mean_plus_2sd ? "mean_plus_2sd" : "none";
}

/// Who a reference value describes (column `population` of rom_norms.csv).
enum class Population : std::uint8_t {
  general,       ///< people (adults) in general
  males,         ///< males only (BA)
  females,       ///< females only (MM)
  older_adults,  ///< people over 65 (Walker)
  infants,       ///< infants (Watanabe)
  not_recorded,  ///< the population was not recorded (Hyodo)
};

[[nodiscard]] constexpr std::string_view to_string(Population p) noexcept {
  switch (p) {
    case Population::general:
      return "general";
    case Population::males:
      return "males";
    case Population::females:
      return "females";
    case Population::older_adults:
      return "older_adults";
    case Population::infants:
      return "infants";
    case Population::not_recorded:
      return "not_recorded";
  }
  return "";
}

/// What a row of composite_limits.csv is for (column `role`).
enum class CompositeRole : std::uint8_t {
  thoracolumbar_limit,  ///< a normal limit on thoracic + lumbar motion to one side
  combined_range,       ///< a regulation's sum of six end-of-range values (not checkable on one pose)
  total_arc,            ///< a study's total arc, both directions added (not checkable on one pose)
  exercise_band,        ///< an exercise's target band (its lower end is a target, not a norm)
};

[[nodiscard]] constexpr std::string_view to_string(CompositeRole r) noexcept {
  switch (r) {
    case CompositeRole::thoracolumbar_limit:
      return "thoracolumbar_limit";
    case CompositeRole::combined_range:
      return "combined_range";
    case CompositeRole::total_arc:
      return "total_arc";
    case CompositeRole::exercise_band:
      return "exercise_band";
  }
  return "";
}

/// Sex of an age/sex norm group (column `sex` of rom_norms_by_age_sex.csv: F, M, both).
enum class Sex : std::uint8_t { female, male, both };

[[nodiscard]] constexpr std::string_view to_string(Sex s) noexcept {
  return s == Sex::female ? "F" : s == Sex::male ? "M" : "both";
}

}  // namespace arthrokin
