/// @file muscles-inl.hpp
/// @brief Definitions of anatomy/muscles.hpp: compiled once into the library
///        (src/core/anatomy.cpp), or included by the header in header-only mode
///        (config.hpp).
#pragma once

#include <arthrokin/anatomy/muscles.hpp>

#include <cctype>
#include <optional>
#include <string>
#include <string_view>

namespace arthrokin {

static_assert(detail::muscles_in_order_of_first_appearance(), "MuscleId must list the muscles of muscles.csv in order");

ARTHROKIN_FUNC std::optional<Motion> parse_motion(std::string_view text) {
  if (const auto m = parse_dof(text)) return Motion::of(*m);
  std::string n;
  for (char c : text)
    n += (c == '_' || c == '-') ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  constexpr std::string_view prefix = "thoracolumbar ";
  if (n.starts_with(prefix)) {
    const std::string_view dir = std::string_view(n).substr(prefix.size());
    for (Axis a : {Axis::flexion_extension, Axis::lateral_flexion, Axis::axial_rotation}) {
      const auto& d = axis_directions[static_cast<std::size_t>(a)];
      if (dir == d.positive) return Motion::thoracolumbar(a, Sense::positive);
      if (dir == d.negative) return Motion::thoracolumbar(a, Sense::negative);
    }
  }
  return std::nullopt;
}

}  // namespace arthrokin
