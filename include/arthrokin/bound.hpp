/// @file bound.hpp
/// @brief `Bound`: one end of a normal range, with where it comes from.
#pragma once

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
  fallback,  ///< a default used because the chosen source has no value here
  derived,   ///< computed from other values (see `note`), never measured
  user,      ///< set by the user (a patient override; see `label`)
  model,     ///< an OpenSim simulation bound, not a clinical norm
};

/// One end of a range: a signed angle in radians (NaN: no limit on this side).
struct Bound {
  double radians = std::numeric_limits<double>::quiet_NaN();
  std::string_view source{};  ///< source key (resolves with find_source), "user" for overrides
  Tag tag = Tag::verified;
  Origin origin = Origin::table;
  int row = -1;                  ///< data row in the reference CSV, -1 if none
  std::string_view note{};       ///< static explanation (derivation, model note)
  std::array<char, 64> label{};  ///< user's reason for an override (NUL-terminated)

  [[nodiscard]] constexpr bool has_value() const noexcept { return radians == radians; }
  [[nodiscard]] std::string_view user_label() const noexcept { return std::string_view(label.data()); }
  void set_label(std::string_view s) noexcept {
    const auto n = std::min(s.size(), label.size() - 1);
    std::copy_n(s.data(), n, label.data());
    label[n] = '\0';
  }
};

}  // namespace arthrokin
