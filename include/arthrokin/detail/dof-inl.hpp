/// @file dof-inl.hpp
/// @brief Definitions of the DoF naming functions of dof.hpp: compiled once into the
///        library (src/core/dof.cpp), or included by the header in header-only mode
///        (config.hpp).
#pragma once

#include <arthrokin/dof.hpp>

#include <cctype>
#include <optional>
#include <string>
#include <string_view>

namespace arthrokin {

static_assert(detail::dof_table_is_consistent(),
              "DoF table: an identifier does not spell side_joint_axis, a (joint, axis, side) repeats, a limb DoF "
              "lacks its other side, or a joint's figure point differs between its DoFs or sides");

namespace detail {
inline std::string axis_display(Axis a) {
  switch (a) {
    case Axis::flexion_extension:
      return "flexion/extension";
    case Axis::lateral_flexion:
      return "lateral flexion";
    case Axis::axial_rotation:
      return "axial rotation";
    case Axis::abduction_adduction:
      return "abduction/adduction";
    case Axis::internal_external_rotation:
      return "internal/external rotation";
    case Axis::horizontal_abduction_adduction:
      return "horizontal abduction/adduction";
    case Axis::pronation_supination:
      return "pronation/supination";
    case Axis::radial_ulnar_deviation:
      return "radial/ulnar deviation";
    case Axis::dorsiflexion_plantarflexion:
      return "dorsiflexion/plantarflexion";
    case Axis::inversion_eversion:
      return "inversion/eversion";
  }
  return {};
}
inline std::string prefix(DofId d) {
  std::string s;
  if (side_of(d) != Side::none) (s += to_string(side_of(d))) += ' ';
  s += to_string(joint_of(d));
  return s;
}
/// Lower-case, with '_', '-' and runs of spaces folded into one space.
inline std::string normalise(std::string_view in) {
  std::string out;
  for (char c : in) {
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (l == '_' || l == '-' || l == ' ' || l == '\t') l = ' ';
    if (l == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += l;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}
}  // namespace detail

ARTHROKIN_FUNC std::string display_name(DofId d) { return detail::prefix(d) + ' ' + detail::axis_display(axis_of(d)); }

ARTHROKIN_FUNC std::string display_name(DofMotion m) {
  const auto& dir = info(m.dof).directions;
  return detail::prefix(m.dof) + ' ' + std::string(m.sense == Sense::positive ? dir.positive : dir.negative);
}

ARTHROKIN_FUNC std::optional<DofMotion> parse_dof(std::string_view name) {
  const std::string n = detail::normalise(name);
  if (n.empty()) return std::nullopt;
  for (DofId d : all_dofs) {
    if (n == detail::normalise(to_string(d)) || n == detail::normalise(display_name(d)))
      return DofMotion{d, Sense::positive};
    if (n == detail::normalise(display_name(DofMotion{d, Sense::positive}))) return DofMotion{d, Sense::positive};
    if (n == detail::normalise(display_name(DofMotion{d, Sense::negative}))) return DofMotion{d, Sense::negative};
  }
  return std::nullopt;
}

}  // namespace arthrokin
