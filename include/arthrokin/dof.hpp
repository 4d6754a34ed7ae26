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

#include <arthrokin/config.hpp>
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

// ---- The DoF table ------------------------------------------------------------
//
// One row per degree of freedom, in index order: everything else about the DoF set
// (`DofId`, `dof_count`, `dof_table`, the identifiers, `mirror`, `spinal_dof_count`,
// `limb_dof_count`, the body-figure coordinates) is derived from these rows, and the
// checks at the end of this section hold them to the conventions. docs/dofs.md says
// how to add a DoF: append a row (the index of a DoF is the column of a pose array,
// a CSV and a numpy batch, so existing rows keep their place).
//
// Columns: identifier (the `DofId` enumerator and its string, side_joint_axis),
// joint, side (`none` for the spine), axis, and where the joint is drawn in the
// front-view body figure (io/visual_report.hpp): `dx` from the midline towards the
// DoF's side, `y` down from the top, in the figure's 360 × 560 units.
// Derived per row: the mirror partner (same joint and axis, other side) and the
// names of the two directions (those of the axis, `axis_directions`).
//
// Why an X-macro: `DofId` must stay an enum (`DofId::left_hip_flexion_extension` is
// the public spelling, and a `switch` over it is checked for completeness), and C++20
// can spell neither an enumerator from a string nor a string from an enumerator. The
// macro is expanded twice below (the enum, the rows) and #undef'd at the end of this
// header. A generated header would need a generator run for every change and for
// the extra-DoF test build; the macro needs neither.
//
// clang-format off
#define ARTHROKIN_DOF_ROWS(X)                                                                                \
  /* identifier                                    joint     side   axis                            dx  y   */ \
  X(cervical_flexion_extension,                    cervical, none,  flexion_extension,               0, 112) \
  X(cervical_lateral_flexion,                      cervical, none,  lateral_flexion,                 0, 112) \
  X(cervical_axial_rotation,                       cervical, none,  axial_rotation,                  0, 112) \
  X(thoracic_flexion_extension,                    thoracic, none,  flexion_extension,               0, 170) \
  X(thoracic_lateral_flexion,                      thoracic, none,  lateral_flexion,                 0, 170) \
  X(thoracic_axial_rotation,                       thoracic, none,  axial_rotation,                  0, 170) \
  X(lumbar_flexion_extension,                      lumbar,   none,  flexion_extension,               0, 232) \
  X(lumbar_lateral_flexion,                        lumbar,   none,  lateral_flexion,                 0, 232) \
  X(lumbar_axial_rotation,                         lumbar,   none,  axial_rotation,                  0, 232) \
  X(left_shoulder_flexion_extension,               shoulder, left,  flexion_extension,              52, 128) \
  X(left_shoulder_abduction_adduction,             shoulder, left,  abduction_adduction,            52, 128) \
  X(left_shoulder_internal_external_rotation,      shoulder, left,  internal_external_rotation,     52, 128) \
  X(left_shoulder_horizontal_abduction_adduction,  shoulder, left,  horizontal_abduction_adduction, 52, 128) \
  X(left_elbow_flexion_extension,                  elbow,    left,  flexion_extension,              70, 205) \
  X(left_forearm_pronation_supination,             forearm,  left,  pronation_supination,           76, 242) \
  X(left_wrist_flexion_extension,                  wrist,    left,  flexion_extension,              82, 280) \
  X(left_wrist_radial_ulnar_deviation,             wrist,    left,  radial_ulnar_deviation,         82, 280) \
  X(left_hip_flexion_extension,                    hip,      left,  flexion_extension,              26, 282) \
  X(left_hip_abduction_adduction,                  hip,      left,  abduction_adduction,            26, 282) \
  X(left_hip_internal_external_rotation,           hip,      left,  internal_external_rotation,     26, 282) \
  X(left_knee_flexion_extension,                   knee,     left,  flexion_extension,              30, 390) \
  X(left_knee_internal_external_rotation,          knee,     left,  internal_external_rotation,     30, 390) \
  X(left_ankle_dorsiflexion_plantarflexion,        ankle,    left,  dorsiflexion_plantarflexion,    32, 492) \
  X(left_subtalar_inversion_eversion,              subtalar, left,  inversion_eversion,             40, 520) \
  X(right_shoulder_flexion_extension,              shoulder, right, flexion_extension,              52, 128) \
  X(right_shoulder_abduction_adduction,            shoulder, right, abduction_adduction,            52, 128) \
  X(right_shoulder_internal_external_rotation,     shoulder, right, internal_external_rotation,     52, 128) \
  X(right_shoulder_horizontal_abduction_adduction, shoulder, right, horizontal_abduction_adduction, 52, 128) \
  X(right_elbow_flexion_extension,                 elbow,    right, flexion_extension,              70, 205) \
  X(right_forearm_pronation_supination,            forearm,  right, pronation_supination,           76, 242) \
  X(right_wrist_flexion_extension,                 wrist,    right, flexion_extension,              82, 280) \
  X(right_wrist_radial_ulnar_deviation,            wrist,    right, radial_ulnar_deviation,         82, 280) \
  X(right_hip_flexion_extension,                   hip,      right, flexion_extension,              26, 282) \
  X(right_hip_abduction_adduction,                 hip,      right, abduction_adduction,            26, 282) \
  X(right_hip_internal_external_rotation,          hip,      right, internal_external_rotation,     26, 282) \
  X(right_knee_flexion_extension,                  knee,     right, flexion_extension,              30, 390) \
  X(right_knee_internal_external_rotation,         knee,     right, internal_external_rotation,     30, 390) \
  X(right_ankle_dorsiflexion_plantarflexion,       ankle,    right, dorsiflexion_plantarflexion,    32, 492) \
  X(right_subtalar_inversion_eversion,             subtalar, right, inversion_eversion,             40, 520) \
  ARTHROKIN_TEST_EXTRA_DOF_ROWS(X)

// Test only (CMake option ARTHROKIN_TEST_EXTRA_DOFS, tests/extra_dofs/): two DoFs
// appended, so that dof_count = 41 is not 39 and leaves another SIMD tail.
#ifdef ARTHROKIN_TEST_EXTRA_DOFS
#define ARTHROKIN_TEST_EXTRA_DOF_ROWS(X)                                                                     \
  X(left_knee_abduction_adduction,                 knee,     left,  abduction_adduction,            30, 390) \
  X(right_knee_abduction_adduction,                knee,     right, abduction_adduction,            30, 390)
#else
#define ARTHROKIN_TEST_EXTRA_DOF_ROWS(X)
#endif
// clang-format on

/// Dense index of every degree of freedom (one per row of the DoF table above, in
/// its order). A `Pose` is an array indexed by it.
enum class DofId : std::uint8_t {
#define ARTHROKIN_DOF_ENUMERATOR(id, joint, side, axis, dx, y) id,
  ARTHROKIN_DOF_ROWS(ARTHROKIN_DOF_ENUMERATOR)
#undef ARTHROKIN_DOF_ENUMERATOR
};

/// Where a joint is drawn in the front-view body figure (io/visual_report.hpp), in
/// the figure's 360 × 560 units: `x` from the midline, positive on the subject's
/// left (the viewer's right); `y` down from the top.
struct FigurePoint {
  double x = 0;
  double y = 0;
  friend constexpr bool operator==(const FigurePoint&, const FigurePoint&) = default;
};

/// One row of the DoF table: joint, axis, side, identifier, and what is derived from them.
struct DofInfo {
  Joint joint;
  Axis axis;
  Side side;
  std::string_view id;        ///< enumerator spelling, e.g. "left_hip_internal_external_rotation"
  DofId mirror{};             ///< the same joint and axis on the other side (itself for the spine)
  AxisDirections directions;  ///< names of the positive and negative direction (those of the axis)
  FigurePoint figure;         ///< where the joint is drawn in the body figure
};

namespace detail {
/// A row as written in the table.
struct DofRow {
  std::string_view id;
  Joint joint;
  Side side;
  Axis axis;
  double figure_dx, figure_y;
};
inline constexpr DofRow dof_rows[] = {
#define ARTHROKIN_DOF_ROW(id, joint, side, axis, dx, y) {#id, Joint::joint, Side::side, Axis::axis, dx, y},
    ARTHROKIN_DOF_ROWS(ARTHROKIN_DOF_ROW)
#undef ARTHROKIN_DOF_ROW
};
}  // namespace detail

/// Number of degrees of freedom: the rows of the DoF table.
inline constexpr std::size_t dof_count = std::size(detail::dof_rows);
static_assert(dof_count <= 256, "DofId is one byte");

namespace detail {
constexpr std::size_t count_side(Side s) {
  std::size_t n = 0;
  for (const auto& r : dof_rows) n += r.side == s;
  return n;
}
}  // namespace detail

/// Number of spinal DoFs (`Side::none`).
inline constexpr std::size_t spinal_dof_count = detail::count_side(Side::none);
/// Number of DoFs of one side's limbs (the left and the right side have the same).
inline constexpr std::size_t limb_dof_count = detail::count_side(Side::left);
static_assert(detail::count_side(Side::right) == limb_dof_count, "every limb DoF has a left and a right row");
static_assert(spinal_dof_count + 2 * limb_dof_count == dof_count);

namespace detail {
/// Index of each (joint, axis, side) in the table, -1 where arthrokin has no such DoF:
/// `find_dof` is one table read.
constexpr auto make_dof_lookup() {
  std::array<std::array<std::array<std::int16_t, 3>, axis_count>, joint_count> t{};
  for (auto& j : t)
    for (auto& a : j) a.fill(-1);
  for (std::size_t i = 0; i < dof_count; ++i) {
    const auto& r = dof_rows[i];
    t[static_cast<std::size_t>(r.joint)][static_cast<std::size_t>(r.axis)][static_cast<std::size_t>(r.side)] =
        static_cast<std::int16_t>(i);
  }
  return t;
}
inline constexpr auto dof_lookup = make_dof_lookup();

constexpr std::array<DofInfo, dof_count> make_dof_table() {
  std::array<DofInfo, dof_count> t{};
  for (std::size_t i = 0; i < dof_count; ++i) {
    const auto& r = dof_rows[i];
    const std::int16_t m = dof_lookup[static_cast<std::size_t>(r.joint)][static_cast<std::size_t>(r.axis)]
                                     [static_cast<std::size_t>(opposite(r.side))];
    const double side_sign = r.side == Side::left ? 1.0 : r.side == Side::right ? -1.0 : 0.0;
    t[i] = {.joint = r.joint,
            .axis = r.axis,
            .side = r.side,
            .id = r.id,
            .mirror = static_cast<DofId>(m < 0 ? i : static_cast<std::size_t>(m)),
            .directions = axis_directions[static_cast<std::size_t>(r.axis)],
            .figure = {side_sign * r.figure_dx, r.figure_y}};
  }
  return t;
}
}  // namespace detail

/// Joint, axis, side, identifier, mirror partner, direction names and figure point of
/// every DoF, indexed by `DofId`.
inline constexpr std::array<DofInfo, dof_count> dof_table = detail::make_dof_table();

namespace detail {
/// The identifiers, indexed by `DofId` (string literals: NUL-terminated, which the C API relies on).
inline constexpr auto dof_ids = [] {
  std::array<std::string_view, dof_count> a{};
  for (std::size_t i = 0; i < dof_count; ++i) a[i] = dof_table[i].id;
  return a;
}();
}  // namespace detail

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
  const auto ji = static_cast<std::size_t>(j), ai = static_cast<std::size_t>(a), si = static_cast<std::size_t>(s);
  if (ji >= joint_count || ai >= axis_count || si >= 3) return std::nullopt;
  const std::int16_t i = detail::dof_lookup[ji][ai][si];
  if (i < 0) return std::nullopt;
  return static_cast<DofId>(i);
}

/// The same DoF on the other side of the body (spinal DoFs map to themselves).
[[nodiscard]] constexpr DofId mirror(DofId d) noexcept { return info(d).mirror; }

// ---- Compile-time checks of the table ------------------------------------------
// (`dof_table_is_consistent()` is asserted in detail/dof-inl.hpp: where the library is compiled,
// and in every unit in header-only mode; docs/compile-time.md)
namespace detail {
/// `id` spells side_joint_axis (joint_axis for the spine).
constexpr bool spells(std::string_view id, const DofRow& r) {
  const std::string_view parts[] = {to_string(r.side), to_string(r.joint),
                                    axis_names[static_cast<std::size_t>(r.axis)]};
  bool first = true;
  for (std::string_view p : parts) {
    if (p.empty()) continue;
    if (!first) {
      if (!id.starts_with('_')) return false;
      id.remove_prefix(1);
    }
    if (!id.starts_with(p)) return false;
    id.remove_prefix(p.size());
    first = false;
  }
  return id.empty();
}
constexpr bool dof_table_is_consistent() {
  for (std::size_t i = 0; i < dof_count; ++i) {
    const DofRow& r = dof_rows[i];
    const DofInfo& d = dof_table[i];
    if (!spells(r.id, r)) return false;                              // identifier = side_joint_axis
    if ((r.side == Side::none) != is_spinal(r.joint)) return false;  // the spine, and only it, has no side
    if (find_dof(r.joint, r.axis, r.side) != static_cast<DofId>(i)) return false;  // (joint, axis, side) is unique
    const DofInfo& m = dof_table[index(d.mirror)];
    if (m.joint != d.joint || m.axis != d.axis || m.side != opposite(d.side)) return false;  // a partner exists
    if (m.figure.x != -d.figure.x || m.figure.y != d.figure.y) return false;                 // drawn mirrored
    for (std::size_t k = 0; k < i; ++k)  // one point per joint and side
      if (dof_table[k].joint == d.joint && dof_table[k].side == d.side && !(dof_table[k].figure == d.figure))
        return false;
  }
  return true;
}
}  // namespace detail
static_assert(info(DofId::left_hip_internal_external_rotation).joint == Joint::hip);
static_assert(info(DofId::right_subtalar_inversion_eversion).side == Side::right);
static_assert(mirror(DofId::left_knee_flexion_extension) == DofId::right_knee_flexion_extension);
static_assert(mirror(DofId::lumbar_axial_rotation) == DofId::lumbar_axial_rotation);
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

#undef ARTHROKIN_DOF_ROWS
#undef ARTHROKIN_TEST_EXTRA_DOF_ROWS

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/dof-inl.hpp>
#endif
