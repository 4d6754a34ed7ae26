/// @file muscle_length.hpp
/// @brief Which muscles a pose lengthens and which it shortens, ranked.
///
/// Score of one muscle instance (radians), summed over every action of the
/// muscle that is a motion about a known DoF, so that a two-joint muscle
/// (rectus femoris: hip flexion and knee extension) counts both joints:
///
///     score = Σ_actions  w(role) · ( −sense · Δθ )
///
/// where `sense` is the action's signed direction for the muscle's side
/// (`sense_for`), Δθ the angle of the DoF the action moves (the thoracolumbar
/// total for thoracolumbar actions) minus the same angle in the reference pose
/// (anatomical zero by default), and w(prime) = 1, w(assist) = 0.5,
/// w(stabiliser) = 0. A pose that moves a joint opposite to a muscle's action
/// makes the term positive: score > 0 means lengthened, < 0 shortened. The
/// weights are a coarse, documented choice of this library (the `role` column
/// is itself a coarse flag, reference/README.md); the score is an ordering,
/// not a muscle length.
///
/// Applicability of conditional rows: `hip_flexed`/`hip_extended`,
/// `knee_flexed` and `shoulder_flexed` are tested on the pose's flexion of
/// that joint on the muscle's side (flexed means > 0; no source gives a
/// threshold). `femur_fixed` and `arm_fixed` say which end moves, which does
/// not change the length, so those rows always apply.
///
/// Piriformis hip rotation: external rotation is sourced with the hip extended;
/// with the hip flexed its rotation moment arm shifts toward internal rotation
/// (Delp99, S) at an angle that is not sourced. When the hip is flexed (> 0)
/// or its flexion is unknown, piriformis's hip rotation rows are not scored,
/// the instance is flagged `uncertain` and the hip rotation DoF is listed in
/// `uncertain_dofs`.
///
/// Unknown DoFs contribute nothing; they are listed in `unknown_dofs` (for a
/// thoracolumbar action, both the thoracic and the lumbar DoF of the axis), and
/// a muscle with any such action is flagged `partial`. No heap allocation.
#pragma once

#include <arthrokin/anatomy/muscles.hpp>
#include <arthrokin/pose.hpp>

#include <algorithm>
#include <bitset>
#include <cmath>
#include <optional>

namespace arthrokin {

/// How one muscle instance is loaded by a pose.
struct MuscleLoad {
  MuscleInstance muscle;
  double score_rad = 0.0;  ///< Σ w(role)·(−sense·Δθ), radians; > 0 lengthened
  std::uint8_t actions_scored = 0;
  bool unverified = false;  ///< an R-tagged row contributed: report as unverified
  bool secondary = false;   ///< an S-tagged row contributed (cite as reproduced)
  bool claim = false;       ///< a Seed row contributed (only with include_claims)
  bool uncertain = false;   ///< a pose-dependent action was left out (piriformis rotation, hip flexed)
  bool partial = false;     ///< an action's DoF was unknown
};

using MuscleLoadList = FixedVector<MuscleLoad, 2 * muscle_count>;

/// Result of `muscle_lengths`.
struct MuscleLengthReport {
  MuscleLoadList lengthened;              ///< score > threshold, largest first
  MuscleLoadList shortened;               ///< score < −threshold, most shortened first
  std::bitset<dof_count> unknown_dofs;    ///< DoFs an action needed but the pose (or reference) lacks
  std::bitset<dof_count> uncertain_dofs;  ///< DoFs whose action direction is pose-dependent and unsourced
};

struct MuscleLengthOptions {
  MuscleQueryOptions rows{};
  double weight_prime = 1.0;
  double weight_assist = 0.5;
  /// |score| at or below this (radians) is neither lengthened nor shortened.
  double threshold_rad = 1e-9;
};

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

/// Whether an action of a muscle on `side` holds in `pose`.
enum class ActionStatus : std::uint8_t {
  applies,         ///< no condition, or its condition holds in the pose
  not_applicable,  ///< its condition does not hold (e.g. "hip extended" with the hip flexed)
  uncertain,       ///< direction depends on the pose at an unsourced angle (piriformis rotation, hip flexed)
  unknown,         ///< the DoF its condition needs is not observed
};

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

/// The status of action `a` of the muscle on `side` in `pose` (see the file
/// comment: conditions are tested on the joint's flexion, flexed = > 0; the
/// piriformis hip rotation rows are `uncertain` whenever the hip is flexed or
/// its flexion is unknown, since no switch angle is sourced).
[[nodiscard]] inline ActionStatus action_status(const MuscleAction& a, Side side, const Pose& pose) noexcept {
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

/// Muscles lengthened and shortened by `pose`, measured from anatomical zero.
[[nodiscard]] inline MuscleLengthReport muscle_lengths(const Pose& pose, const MuscleLengthOptions& o = {}) noexcept {
  return detail::muscle_lengths_impl(pose, nullptr, o);
}

/// Muscles lengthened and shortened by moving from `reference` to `pose`
/// (e.g. from an exercise's start position): Δθ = pose − reference per DoF.
/// A DoF unknown in either pose is unknown.
[[nodiscard]] inline MuscleLengthReport muscle_lengths(const Pose& pose, const Pose& reference,
                                                       const MuscleLengthOptions& o = {}) noexcept {
  return detail::muscle_lengths_impl(pose, &reference, o);
}

/// The entry of `m` in a load list, if present (a pointer into `list`).
[[nodiscard]] inline const MuscleLoad* find(const MuscleLoadList& list, MuscleInstance m) noexcept {
  for (const auto& l : list)
    if (l.muscle == m) return &l;
  return nullptr;
}
/// Deleted: the pointer would point into a temporary list (`find(muscle_lengths(p).lengthened, m)`),
/// destroyed at the end of the full-expression. Name the report first.
const MuscleLoad* find(const MuscleLoadList&& list, MuscleInstance m) = delete;

}  // namespace arthrokin
