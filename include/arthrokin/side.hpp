/// @file side.hpp
/// @brief `Side` of the body. Spinal joints have none.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace arthrokin {

/// The side of the body a degree of freedom belongs to; `none` for the spine.
enum class Side : std::uint8_t { none, left, right };

[[nodiscard]] constexpr std::string_view to_string(Side s) noexcept {
  switch (s) {
    case Side::left:
      return "left";
    case Side::right:
      return "right";
    case Side::none:
      break;
  }
  return "";
}

/// The other side (none stays none).
[[nodiscard]] constexpr Side opposite(Side s) noexcept {
  return s == Side::left ? Side::right : s == Side::right ? Side::left : Side::none;
}

}  // namespace arthrokin
