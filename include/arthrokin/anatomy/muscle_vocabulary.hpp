/// @file muscle_vocabulary.hpp
/// @brief The words of data/reference/muscles.csv as enumerations: muscles,
///        action sites and kinds, roles, laterality, conditions, regions.
///
/// tools/gen_tables.py writes these enumerators into the generated muscle table
/// (detail/muscles_data.hpp); `to_string` gives back the CSV word.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace arthrokin {

/// Every muscle of the catalogue, in the order of first appearance in muscles.csv.
enum class MuscleId : std::uint8_t {
  external_oblique,
  internal_oblique,
  transversus_abdominis,
  quadratus_lumborum,
  iliocostalis,
  longissimus,
  spinalis,
  multifidus,
  rotatores,
  serratus_posterior_superior,
  serratus_posterior_inferior,
  psoas_major,
  iliacus,
  serratus_posterior,
  rectus_femoris,
  tensor_fasciae_latae,
  sartorius,
  gluteus_maximus,
  gluteus_medius,
  gluteus_minimus,
  piriformis,
  biceps_femoris_long_head,
  biceps_femoris_short_head,
  semitendinosus,
  semimembranosus,
  adductor_magnus,
  adductor_longus,
  adductor_brevis,
  gracilis,
  gastrocnemius,
  soleus,
  tibialis_anterior,
  deltoid,
  pectoralis_major,
  latissimus_dorsi,
  biceps_brachii,
  triceps_brachii,
  supraspinatus,
  infraspinatus,
  teres_minor,
  subscapularis,
};

/// Where an action acts.
enum class ActionSite : std::uint8_t {
  joint,          ///< a joint of `Joint` (with or without an axis)
  thoracolumbar,  ///< the thoracic + lumbar total of an axis
  ribs,           ///< the ribs: no DoF
  abdomen,        ///< the abdominal wall: no DoF
};

/// The kind of action: a named direction of an axis, a side-dependent spinal
/// direction, or a non-motion action.
enum class ActionKind : std::uint8_t {
  direction,                     ///< flexion, abduction, internal_rotation, ... (`sense` is fixed)
  lateral_flexion_ipsilateral,   ///< side-dependent
  rotation_ipsilateral,          ///< side-dependent
  rotation_contralateral,        ///< side-dependent
  pelvic_elevation_ipsilateral,  ///< side-dependent: trunk-on-pelvis lateral flexion to the same side
  abdominal_compression,         ///< non-motion
  stabilisation,                 ///< non-motion
  rib_elevation,                 ///< non-motion
  rib_depression,                ///< non-motion
  rib_fixation,                  ///< non-motion
  shoulder_girdle_depression,    ///< non-motion (no shoulder-girdle DoF in arthrokin)
};

/// How much of an action the literature summary gives a muscle (column `role`; a coarse flag).
enum class MuscleRole : std::uint8_t { prime, assist, stabiliser };
/// Whether one side's muscle or both sides' together produce the action (column `laterality`).
enum class Laterality : std::uint8_t { bilateral, unilateral, either };
/// The pose in which an action holds (column `condition`, data/reference/COLUMNS.md); the
/// angle is never given in the sources.
enum class Condition : std::uint8_t {
  none,
  hip_flexed,
  hip_extended,
  knee_flexed,
  shoulder_flexed,
  femur_fixed,  ///< the femur is the fixed end (the trunk moves)
  arm_fixed     ///< the arm is the fixed end (the trunk moves)
};
/// Body region a muscle is listed under (column `region`).
enum class MuscleRegion : std::uint8_t { trunk, hip_thigh, leg, shoulder_arm };

namespace detail {
/// The CSV names of `MuscleId`, in enumerator order.
inline constexpr auto muscle_names = std::to_array<std::string_view>({
    "external_oblique",
    "internal_oblique",
    "transversus_abdominis",
    "quadratus_lumborum",
    "iliocostalis",
    "longissimus",
    "spinalis",
    "multifidus",
    "rotatores",
    "serratus_posterior_superior",
    "serratus_posterior_inferior",
    "psoas_major",
    "iliacus",
    "serratus_posterior",
    "rectus_femoris",
    "tensor_fasciae_latae",
    "sartorius",
    "gluteus_maximus",
    "gluteus_medius",
    "gluteus_minimus",
    "piriformis",
    "biceps_femoris_long_head",
    "biceps_femoris_short_head",
    "semitendinosus",
    "semimembranosus",
    "adductor_magnus",
    "adductor_longus",
    "adductor_brevis",
    "gracilis",
    "gastrocnemius",
    "soleus",
    "tibialis_anterior",
    "deltoid",
    "pectoralis_major",
    "latissimus_dorsi",
    "biceps_brachii",
    "triceps_brachii",
    "supraspinatus",
    "infraspinatus",
    "teres_minor",
    "subscapularis",
});
}  // namespace detail

/// Number of muscles in the catalogue.
inline constexpr std::size_t muscle_count = detail::muscle_names.size();
static_assert(static_cast<std::size_t>(MuscleId::subscapularis) + 1 == muscle_count,
              "MuscleId and muscle_names list the same muscles");

[[nodiscard]] constexpr std::size_t index(MuscleId m) noexcept { return static_cast<std::size_t>(m); }
[[nodiscard]] constexpr std::string_view to_string(MuscleId m) noexcept { return detail::muscle_names[index(m)]; }
[[nodiscard]] constexpr std::optional<MuscleId> parse_muscle(std::string_view s) noexcept {
  for (std::size_t i = 0; i < muscle_count; ++i)
    if (detail::muscle_names[i] == s) return static_cast<MuscleId>(i);
  return std::nullopt;
}

[[nodiscard]] constexpr std::string_view to_string(MuscleRole r) noexcept {
  return r == MuscleRole::prime ? "prime" : r == MuscleRole::assist ? "assist" : "stabiliser";
}
[[nodiscard]] constexpr std::string_view to_string(Laterality l) noexcept {
  return l == Laterality::bilateral ? "bilateral" : l == Laterality::unilateral ? "unilateral" : "either";
}
[[nodiscard]] constexpr std::string_view to_string(Condition c) noexcept {
  switch (c) {
    case Condition::none:
      return "none";
    case Condition::hip_flexed:
      return "hip_flexed";
    case Condition::hip_extended:
      return "hip_extended";
    case Condition::knee_flexed:
      return "knee_flexed";
    case Condition::shoulder_flexed:
      return "shoulder_flexed";
    case Condition::femur_fixed:
      return "femur_fixed";
    case Condition::arm_fixed:
      return "arm_fixed";
  }
  return "";
}
[[nodiscard]] constexpr std::string_view to_string(MuscleRegion r) noexcept {
  switch (r) {
    case MuscleRegion::trunk:
      return "trunk";
    case MuscleRegion::hip_thigh:
      return "hip_thigh";
    case MuscleRegion::leg:
      return "leg";
    case MuscleRegion::shoulder_arm:
      return "shoulder_arm";
  }
  return "";
}

}  // namespace arthrokin
