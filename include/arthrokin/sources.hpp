/// @file sources.hpp
/// @brief Source keys, provenance tags and citations of every anatomical value.
///
/// Every value in arthrokin's tables carries a source key (`"AAOS94"`,
/// `"Troke"`, ...) that resolves to a full reference transcribed from
/// data/reference/SOURCES.md, and a provenance tag (`Tag`, reference_vocabulary.hpp).
#pragma once

#include <arthrokin/detail/sources_data.hpp>
#include <arthrokin/reference_vocabulary.hpp>  // Tag

#include <cstdint>
#include <optional>
#include <string_view>

namespace arthrokin {

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
      {"Calatayud", "Calatayud et al. 2015"},
      {"KneeGuru", "KneeGuru, low-authority web source"},
      {"Magee06", "Magee, Orthopedic Physical Assessment"},
      {"Hignett00", "Hignett & McAtamney 2000"},
      {"McAtamney93", "McAtamney & Corlett 1993"},
      {"Rowe00", "Rowe et al. 2000"},
      {"Hemmerich06", "Hemmerich et al. 2006"},
      {"Oosterwijk18", "Oosterwijk et al. 2018"},
      {"Namdari12", "Namdari et al. 2012"},
  };
  for (const auto& s : table)
    if (s.key == key) return s.text;
  return key;
}

}  // namespace arthrokin
