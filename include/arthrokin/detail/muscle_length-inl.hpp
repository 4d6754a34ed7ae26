/// @file muscle_length-inl.hpp
/// @brief Definitions of muscle_length.hpp: compiled once into the library
///        (src/core/anatomy.cpp), or included by the header in header-only
///        mode (config.hpp).
#pragma once

#include <arthrokin/anatomy/muscle_length.hpp>

#include <algorithm>
#include <bitset>
#include <optional>

namespace arthrokin {

namespace detail {

struct AngleLookup {
  std::optional<double> rad;
  std::bitset<dof_count> needed;  // DoFs consulted
};

inline AngleLookup delta_angle(const Pose& pose, const Pose* ref, const MuscleAction& a, Side side) noexcept {
  AngleLookup r;
  if (a.site == ActionSite::thoracolumbar) {
    for (Joint j : {Joint::thoracic, Joint::lumbar})
      if (const auto d = find_dof(j, *a.axis, Side::none)) r.needed.set(index(*d));
    const auto v = pose.thoracolumbar(*a.axis);
    if (!v) return r;
    double base = 0.0;
    if (ref) {
      const auto b = ref->thoracolumbar(*a.axis);
      if (!b) return r;
      base = to_radians(*b);
    }
    r.rad = to_radians(*v) - base;
    return r;
  }
  const auto d = action_dof(a, side);
  if (!d) return r;
  r.needed.set(index(*d));
  const auto v = pose.get(*d);
  if (!v) return r;
  double base = 0.0;
  if (ref) {
    const auto b = ref->get(*d);
    if (!b) return r;
    base = to_radians(*b);
  }
  r.rad = to_radians(*v) - base;
  return r;
}

/// Flexion (radians) of `j` on `side` in the pose, if observed.
inline std::optional<double> flexion_of(const Pose& pose, Joint j, Side side) noexcept {
  const auto d = find_dof(j, Axis::flexion_extension, side);
  if (!d) return std::nullopt;
  const auto v = pose.get(*d);
  if (!v) return std::nullopt;
  return to_radians(*v);
}

enum class Applies : std::uint8_t { yes, no, unknown };

inline Applies condition_applies(const Pose& pose, Condition c, Side side, std::bitset<dof_count>& needed) noexcept {
  Joint j{};
  bool want_flexed = true;
  switch (c) {
    case Condition::none:
    case Condition::femur_fixed:
    case Condition::arm_fixed:
      return Applies::yes;
    case Condition::hip_flexed:
      j = Joint::hip;
      break;
    case Condition::hip_extended:
      j = Joint::hip, want_flexed = false;
      break;
    case Condition::knee_flexed:
      j = Joint::knee;
      break;
    case Condition::shoulder_flexed:
      j = Joint::shoulder;
      break;
  }
  needed.set(index(*find_dof(j, Axis::flexion_extension, side)));
  const auto f = flexion_of(pose, j, side);
  if (!f) return Applies::unknown;
  return ((*f > 0.0) == want_flexed) ? Applies::yes : Applies::no;
}

/// Piriformis hip rotation: direction unsourced once the hip is flexed.
constexpr bool pose_dependent_rotation(const MuscleAction& a) noexcept {
  return a.muscle == MuscleId::piriformis && a.site == ActionSite::joint && a.joint == Joint::hip &&
         a.axis == Axis::internal_external_rotation;
}

}  // namespace detail

namespace detail {
inline ActionStatus status_impl(const MuscleAction& a, Side side, const Pose& pose,
                                std::bitset<dof_count>& needed) noexcept {
  if (pose_dependent_rotation(a)) {
    needed.set(index(*find_dof(Joint::hip, Axis::flexion_extension, side)));
    const auto f = flexion_of(pose, Joint::hip, side);
    if (!f || *f > 0.0) return ActionStatus::uncertain;
  }
  switch (condition_applies(pose, a.condition, side, needed)) {
    case Applies::yes:
      return ActionStatus::applies;
    case Applies::no:
      return ActionStatus::not_applicable;
    case Applies::unknown:
      break;
  }
  return ActionStatus::unknown;
}
}  // namespace detail

ARTHROKIN_FUNC ActionStatus action_status(const MuscleAction& a, Side side, const Pose& pose) noexcept {
  std::bitset<dof_count> needed;
  return detail::status_impl(a, side, pose, needed);
}

namespace detail {

inline MuscleLengthReport muscle_lengths_impl(const Pose& pose, const Pose* ref,
                                              const MuscleLengthOptions& o) noexcept {
  MuscleLengthReport out;
  for (Side side : {Side::left, Side::right}) {
    for (std::size_t m = 0; m < muscle_count; ++m) {
      MuscleLoad load{{static_cast<MuscleId>(m), side}};
      for (const auto& a : muscle_actions) {
        if (a.muscle != static_cast<MuscleId>(m) || !a.is_motion() || !selected(a, o.rows)) continue;
        const double w = a.role == MuscleRole::prime    ? o.weight_prime
                         : a.role == MuscleRole::assist ? o.weight_assist
                                                        : 0.0;
        if (w == 0.0) continue;
        std::bitset<dof_count> needed;
        const ActionStatus st = detail::status_impl(a, side, pose, needed);
        if (st == ActionStatus::not_applicable) continue;
        if (st == ActionStatus::uncertain) {
          load.uncertain = true;
          out.uncertain_dofs.set(index(*action_dof(a, side)));
          continue;
        }
        if (st == ActionStatus::unknown) {
          out.unknown_dofs |= needed;
          load.partial = true;
          continue;
        }
        const AngleLookup v = delta_angle(pose, ref, a, side);
        if (!v.rad) {
          out.unknown_dofs |= v.needed;
          load.partial = true;
          continue;
        }
        const double s = sense_for(a, side) == Sense::positive ? 1.0 : -1.0;
        const double term = w * (-s * *v.rad);
        load.score_rad += term;
        ++load.actions_scored;
        if (term == 0.0) continue;  // provenance flags follow the rows that moved the score
        load.unverified = load.unverified || a.unverified();
        load.secondary = load.secondary || a.provenance == Tag::secondary;
        load.claim = load.claim || a.is_claim();
      }
      if (load.score_rad > o.threshold_rad)
        out.lengthened.push_back(load);
      else if (load.score_rad < -o.threshold_rad)
        out.shortened.push_back(load);
    }
  }
  const auto key = [](const MuscleLoad& l) { return index(l.muscle.id) * 3 + static_cast<std::size_t>(l.muscle.side); };
  std::sort(out.lengthened.begin(), out.lengthened.end(), [&](const MuscleLoad& x, const MuscleLoad& y) {
    return x.score_rad != y.score_rad ? x.score_rad > y.score_rad : key(x) < key(y);
  });
  std::sort(out.shortened.begin(), out.shortened.end(), [&](const MuscleLoad& x, const MuscleLoad& y) {
    return x.score_rad != y.score_rad ? x.score_rad < y.score_rad : key(x) < key(y);
  });
  return out;
}

}  // namespace detail

ARTHROKIN_FUNC MuscleLengthReport muscle_lengths(const Pose& pose, const MuscleLengthOptions& o) noexcept {
  return detail::muscle_lengths_impl(pose, nullptr, o);
}

ARTHROKIN_FUNC MuscleLengthReport muscle_lengths(const Pose& pose, const Pose& reference,
                                                 const MuscleLengthOptions& o) noexcept {
  return detail::muscle_lengths_impl(pose, &reference, o);
}

}  // namespace arthrokin
