/// @file bound.hpp
/// @brief `Bound`: one end of a normal range, with where it comes from.
#pragma once

#include <arthrokin/detail/text.hpp>
#include <arthrokin/error.hpp>
#include <arthrokin/sources.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string_view>

namespace arthrokin {

/// How a bound came to be.
enum class Origin : std::uint8_t {
  table,     ///< a row of the reference tables, as read
  fallback,  ///< a default used because the chosen source (or context: see `note`) has no value here
  derived,   ///< computed from other values (see `note`), never measured
  user,      ///< set by the user (a patient override; see `label`)
  model,     ///< an OpenSim simulation bound, not a clinical norm
};

/// "table", "fallback", "derived", "user" or "model" (field `origin` of a bound in JSON and Python).
[[nodiscard]] constexpr std::string_view to_string(Origin o) noexcept {
  switch (o) {
    case Origin::table:
      return "table";
    case Origin::fallback:
      return "fallback";
    case Origin::derived:
      return "derived";
    case Origin::user:
      return "user";
    case Origin::model:
      return "model";
  }
  return "";
}

/// One end of a range: a signed angle in radians (NaN: no limit on this side).
struct Bound {
  double radians = std::numeric_limits<double>::quiet_NaN();
  std::string_view source{};  ///< source key (resolves with find_source), "user" for overrides
  Tag tag = Tag::verified;
  Origin origin = Origin::table;
  int row = -1;                            ///< data row in the reference CSV, -1 if none
  std::string_view note{};                 ///< static explanation (derivation, model note)
  std::array<char, 64> label{};            ///< user's reason for an override (NUL-terminated UTF-8, at most 63 bytes)
  Context context = Context::unspecified;  ///< the measurement context of the row it comes from (column `context`)

  [[nodiscard]] constexpr bool has_value() const noexcept { return radians == radians; }
  [[nodiscard]] std::string_view user_label() const noexcept { return std::string_view(label.data()); }
  /// Set the override reason: at most 63 bytes are kept, cut at a code-point boundary (never
  /// inside a UTF-8 character). Throws `invalid_argument` if `s` is not valid UTF-8.
  void set_label(std::string_view s) {
    if (!detail::valid_utf8(s))
      detail::raise("Bound::set_label: the reason is not valid UTF-8: " + detail::printable(s));
    const auto kept = detail::truncate_utf8(s, label.size() - 1);
    std::copy_n(kept.data(), kept.size(), label.data());
    label[kept.size()] = '\0';
  }
};

}  // namespace arthrokin
