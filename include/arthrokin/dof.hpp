/// @file dof.hpp
/// @brief Degrees of freedom: the anatomical axes (`Axis`), their named
///        directions (`Direction`) and the dense index `DofId` of every
///        (joint, axis, side).
///
/// Sign convention (docs/conventions.md): the positive direction of each axis
/// is the first direction of its name, and it means the same anatomical motion
/// on the left and the right side:
///
/// | axis                            | positive            | negative             |
/// |---------------------------------|---------------------|----------------------|
/// | flexion_extension               | flexion             | extension            |
/// | lateral_flexion (spine)         | to the right        | to the left          |
/// | axial_rotation (spine)          | to the right        | to the left          |
/// | abduction_adduction             | adduction           | abduction            |
/// | internal_external_rotation      | internal rotation   | external rotation    |
/// | horizontal_abduction_adduction  | horizontal adduction| horizontal abduction |
/// | pronation_supination            | pronation           | supination           |
/// | radial_ulnar_deviation          | ulnar deviation     | radial deviation     |
/// | dorsiflexion_plantarflexion     | dorsiflexion        | plantarflexion       |
/// | inversion_eversion              | inversion           | eversion             |
///
/// Abduction/adduction, deviation and the rotations follow the ISB right-hand
/// rule for the right side (Wu02, Wu05); knee and spinal flexion and spinal
/// axial rotation are sign-inverted against the plain right-hand rule so that
/// flexion is positive everywhere and "to the right" is positive for the spine.
/// The inversion lives in kinematics (one table), nowhere else.
#pragma once

#include <arthrokin/joint.hpp>
#include <arthrokin/side.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace arthrokin {

/// An anatomical axis of a joint; names match the `dof` column of the reference CSVs.
enum class Axis : std::uint8_t {
  flexion_extension,
  lateral_flexion,
  axial_rotation,
  abduction_adduction,
  internal_external_rotation,
  horizontal_abduction_adduction,
  pronation_supination,
  radial_ulnar_deviation,
  dorsiflexion_plantarflexion,
  inversion_eversion,
};
inline constexpr std::size_t axis_count = 10;

inline constexpr std::array<std::string_view, axis_count> axis_names{"flexion_extension",
                                                                     "lateral_flexion",
                                                                     "axial_rotation",
                                                                     "abduction_adduction",
                                                                     "internal_external_rotation",
                                                                     "horizontal_abduction_adduction",
                                                                     "pronation_supination",
                                                                     "radial_ulnar_deviation",
                                                                     "dorsiflexion_plantarflexion",
                                                                     "inversion_eversion"};

[[nodiscard]] constexpr std::string_view to_string(Axis a) noexcept { return axis_names[static_cast<std::size_t>(a)]; }

[[nodiscard]] constexpr std::optional<Axis> parse_axis(std::string_view s) noexcept {
  for (std::size_t i = 0; i < axis_count; ++i)
    if (axis_names[i] == s) return static_cast<Axis>(i);
  return std::nullopt;
}

/// A direction of motion along an axis: the positive or the negative sense.
enum class Sense : std::int8_t { negative = -1, positive = 1 };

/// Human names of the positive and negative direction of each axis.
struct AxisDirections {
  std::string_view positive;
  std::string_view negative;
};
inline constexpr std::array<AxisDirections, axis_count> axis_directions{{
    {"flexion", "extension"},
    {"lateral flexion to the right", "lateral flexion to the left"},
    {"rotation to the right", "rotation to the left"},
    {"adduction", "abduction"},
    {"internal rotation", "external rotation"},
    {"horizontal adduction", "horizontal abduction"},
    {"pronation", "supination"},
    {"ulnar deviation", "radial deviation"},
    {"dorsiflexion", "plantarflexion"},
    {"inversion", "eversion"},
}};

/// Dense index of every degree of freedom. A `Pose` is an array indexed by it.
enum class DofId : std::uint8_t {
  cervical_flexion_extension,
  cervical_lateral_flexion,
  cervical_axial_rotation,
  thoracic_flexion_extension,
  thoracic_lateral_flexion,
  thoracic_axial_rotation,
  lumbar_flexion_extension,
  lumbar_lateral_flexion,
  lumbar_axial_rotation,
  left_shoulder_flexion_extension,
  left_shoulder_abduction_adduction,
  left_shoulder_internal_external_rotation,
  left_shoulder_horizontal_abduction_adduction,
  left_elbow_flexion_extension,
  left_forearm_pronation_supination,
  left_wrist_flexion_extension,
  left_wrist_radial_ulnar_deviation,
  left_hip_flexion_extension,
  left_hip_abduction_adduction,
  left_hip_internal_external_rotation,
  left_knee_flexion_extension,
  left_knee_internal_external_rotation,
  left_ankle_dorsiflexion_plantarflexion,
  left_subtalar_inversion_eversion,
  right_shoulder_flexion_extension,
  right_shoulder_abduction_adduction,
  right_shoulder_internal_external_rotation,
  right_shoulder_horizontal_abduction_adduction,
  right_elbow_flexion_extension,
  right_forearm_pronation_supination,
  right_wrist_flexion_extension,
  right_wrist_radial_ulnar_deviation,
  right_hip_flexion_extension,
  right_hip_abduction_adduction,
  right_hip_internal_external_rotation,
  right_knee_flexion_extension,
  right_knee_internal_external_rotation,
  right_ankle_dorsiflexion_plantarflexion,
  right_subtalar_inversion_eversion,
};

inline constexpr std::size_t dof_count = 39;
/// Number of spinal DoFs, which come first in `DofId`.
inline constexpr std::size_t spinal_dof_count = 9;
/// Number of DoFs of one side's limbs; left limbs, then right limbs.
inline constexpr std::size_t limb_dof_count = 15;
static_assert(spinal_dof_count + 2 * limb_dof_count == dof_count);

/// Joint, axis and side of one DoF.
struct DofInfo {
  Joint joint;
  Axis axis;
  Side side;
  std::string_view id;  ///< enumerator spelling, e.g. "left_hip_internal_external_rotation"
};

namespace detail {
inline constexpr std::array<std::pair<Joint, Axis>, limb_dof_count> limb_axes{{
    {Joint::shoulder, Axis::flexion_extension},
    {Joint::shoulder, Axis::abduction_adduction},
    {Joint::shoulder, Axis::internal_external_rotation},
    {Joint::shoulder, Axis::horizontal_abduction_adduction},
    {Joint::elbow, Axis::flexion_extension},
    {Joint::forearm, Axis::pronation_supination},
    {Joint::wrist, Axis::flexion_extension},
    {Joint::wrist, Axis::radial_ulnar_deviation},
    {Joint::hip, Axis::flexion_extension},
    {Joint::hip, Axis::abduction_adduction},
    {Joint::hip, Axis::internal_external_rotation},
    {Joint::knee, Axis::flexion_extension},
    {Joint::knee, Axis::internal_external_rotation},
    {Joint::ankle, Axis::dorsiflexion_plantarflexion},
    {Joint::subtalar, Axis::inversion_eversion},
}};
inline constexpr std::array<std::string_view, dof_count> dof_ids{
    "cervical_flexion_extension",
    "cervical_lateral_flexion",
    "cervical_axial_rotation",
    "thoracic_flexion_extension",
    "thoracic_lateral_flexion",
    "thoracic_axial_rotation",
    "lumbar_flexion_extension",
    "lumbar_lateral_flexion",
    "lumbar_axial_rotation",
    "left_shoulder_flexion_extension",
    "left_shoulder_abduction_adduction",
    "left_shoulder_internal_external_rotation",
    "left_shoulder_horizontal_abduction_adduction",
    "left_elbow_flexion_extension",
    "left_forearm_pronation_supination",
    "left_wrist_flexion_extension",
    "left_wrist_radial_ulnar_deviation",
    "left_hip_flexion_extension",
    "left_hip_abduction_adduction",
    "left_hip_internal_external_rotation",
    "left_knee_flexion_extension",
    "left_knee_internal_external_rotation",
    "left_ankle_dorsiflexion_plantarflexion",
    "left_subtalar_inversion_eversion",
    "right_shoulder_flexion_extension",
    "right_shoulder_abduction_adduction",
    "right_shoulder_internal_external_rotation",
    "right_shoulder_horizontal_abduction_adduction",
    "right_elbow_flexion_extension",
    "right_forearm_pronation_supination",
    "right_wrist_flexion_extension",
    "right_wrist_radial_ulnar_deviation",
    "right_hip_flexion_extension",
    "right_hip_abduction_adduction",
    "right_hip_internal_external_rotation",
    "right_knee_flexion_extension",
    "right_knee_internal_external_rotation",
    "right_ankle_dorsiflexion_plantarflexion",
    "right_subtalar_inversion_eversion",
};
constexpr std::array<DofInfo, dof_count> make_dof_table() {
  std::array<DofInfo, dof_count> t{};
  constexpr Joint spine[3] = {Joint::cervical, Joint::thoracic, Joint::lumbar};
  constexpr Axis spine_axes[3] = {Axis::flexion_extension, Axis::lateral_flexion, Axis::axial_rotation};
  std::size_t k = 0;
  for (Joint j : spine)
    for (Axis a : spine_axes) t[k] = {j, a, Side::none, dof_ids[k]}, ++k;
  for (Side s : {Side::left, Side::right})
    for (auto [j, a] : limb_axes) t[k] = {j, a, s, dof_ids[k]}, ++k;
  return t;
}
}  // namespace detail

/// Joint, axis, side and identifier of every DoF, indexed by `DofId`.
inline constexpr std::array<DofInfo, dof_count> dof_table = detail::make_dof_table();

[[nodiscard]] constexpr std::size_t index(DofId d) noexcept { return static_cast<std::size_t>(d); }
[[nodiscard]] constexpr const DofInfo& info(DofId d) noexcept { return dof_table[index(d)]; }
[[nodiscard]] constexpr Joint joint_of(DofId d) noexcept { return info(d).joint; }
[[nodiscard]] constexpr Axis axis_of(DofId d) noexcept { return info(d).axis; }
[[nodiscard]] constexpr Side side_of(DofId d) noexcept { return info(d).side; }
[[nodiscard]] constexpr std::string_view to_string(DofId d) noexcept { return info(d).id; }

/// All DoFs in index order, for range-for.
inline constexpr auto all_dofs = [] {
  std::array<DofId, dof_count> a{};
  for (std::size_t i = 0; i < dof_count; ++i) a[i] = static_cast<DofId>(i);
  return a;
}();

/// The DoF of (joint, axis, side), if arthrokin models it. Spinal joints take `Side::none`.
[[nodiscard]] constexpr std::optional<DofId> find_dof(Joint j, Axis a, Side s) noexcept {
  for (std::size_t i = 0; i < dof_count; ++i)
    if (dof_table[i].joint == j && dof_table[i].axis == a && dof_table[i].side == s) return static_cast<DofId>(i);
  return std::nullopt;
}

/// The same DoF on the other side of the body (spinal DoFs map to themselves).
[[nodiscard]] constexpr DofId mirror(DofId d) noexcept {
  const auto i = index(d);
  if (i < spinal_dof_count) return d;
  return static_cast<DofId>(i < spinal_dof_count + limb_dof_count ? i + limb_dof_count : i - limb_dof_count);
}

// Compile-time checks of the table's shape.
static_assert(info(DofId::left_hip_internal_external_rotation).joint == Joint::hip);
static_assert(info(DofId::right_subtalar_inversion_eversion).side == Side::right);
static_assert(mirror(DofId::left_knee_flexion_extension) == DofId::right_knee_flexion_extension);
static_assert(find_dof(Joint::lumbar, Axis::axial_rotation, Side::none) == DofId::lumbar_axial_rotation);

/// A signed motion of one DoF: the DoF and the sense of the named direction.
struct DofMotion {
  DofId dof;
  Sense sense;
  friend constexpr bool operator==(const DofMotion&, const DofMotion&) = default;
};

/// The human name of a DoF's axis: "left hip internal/external rotation", "thoracic axial rotation".
[[nodiscard]] std::string display_name(DofId d);
/// The human name of one direction of a DoF: "left hip internal rotation", "lumbar rotation to the right".
[[nodiscard]] std::string display_name(DofMotion m);
/// Parse a DoF or a direction of a DoF from any of its names: the identifier
/// ("left_hip_internal_external_rotation"), the display names above, case and
/// `_`/space insensitive. A bare axis name gives `Sense::positive`.
[[nodiscard]] std::optional<DofMotion> parse_dof(std::string_view name);

}  // namespace arthrokin

#include <arthrokin/detail/dof_names.hpp>
