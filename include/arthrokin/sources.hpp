/// @file sources.hpp
/// @brief Source keys, provenance tags and citations of every anatomical value.
///
/// Every value in arthrokin's tables carries a source key (`"AAOS94"`,
/// `"Troke"`, ...) that resolves to a full reference transcribed from
/// data/reference/SOURCES.md, and a provenance tag.
#pragma once

#include <arthrokin/detail/sources_data.hpp>

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

/// A source: its key and full reference.
struct Source {
  std::string_view key;
  std::string_view reference;
};

/// The source of `key`, if the key is known.
[[nodiscard]] constexpr std::optional<Source> find_source(std::string_view key) noexcept {
  for (const auto& r : detail::source_rows)
    if (r.key == key) return Source{r.key, r.reference};
  return std::nullopt;
}

/// A short human citation for reports ("AAOS 1994"); the key itself where no short form is defined.
[[nodiscard]] constexpr std::string_view short_citation(std::string_view key) noexcept {
  struct Short {
    std::string_view key, text;
  };
  constexpr Short table[] = {
      {"AAOS65", "AAOS 1965"},
      {"AAOS94", "AAOS 1994"},
      {"AAOS", "AAOS, edition not identified"},
      {"AMA", "AMA Guides"},
      {"VA", "38 CFR 4.71a"},
      {"VASummary", "VA summary of 38 CFR 4.71"},
      {"Merck", "Merck Manual"},
      {"Troke", "Troke et al. 2005"},
      {"Kouy", "Kouyoumdjian et al."},
      {"BA", "Boone & Azen 1979"},
      {"Soucie", "Soucie et al. 2011"},
      {"Seed", "the exercise's claim"},
      {"Fpnotebook", "Family Practice Notebook"},
      {"OpenStax", "OpenStax A&P 2e"},
      {"Delp99", "Delp et al. 1999"},
  };
  for (const auto& s : table)
    if (s.key == key) return s.text;
  return key;
}

}  // namespace arthrokin
