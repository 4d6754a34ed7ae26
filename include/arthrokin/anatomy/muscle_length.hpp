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
/// Definitions: detail/muscle_length-inl.hpp (config.hpp).
#pragma once

#include <arthrokin/anatomy/muscles.hpp>
#include <arthrokin/config.hpp>
#include <arthrokin/pose.hpp>

#include <bitset>

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

/// Whether an action of a muscle on `side` holds in `pose`.
enum class ActionStatus : std::uint8_t {
  applies,         ///< no condition, or its condition holds in the pose
  not_applicable,  ///< its condition does not hold (e.g. "hip extended" with the hip flexed)
  uncertain,       ///< direction depends on the pose at an unsourced angle (piriformis rotation, hip flexed)
  unknown,         ///< the DoF its condition needs is not observed
};

/// The status of action `a` of the muscle on `side` in `pose` (see the file
/// comment: conditions are tested on the joint's flexion, flexed = > 0; the
/// piriformis hip rotation rows are `uncertain` whenever the hip is flexed or
/// its flexion is unknown, since no switch angle is sourced).
[[nodiscard]] ActionStatus action_status(const MuscleAction& a, Side side, const Pose& pose) noexcept;

/// Muscles lengthened and shortened by `pose`, measured from anatomical zero.
[[nodiscard]] MuscleLengthReport muscle_lengths(const Pose& pose, const MuscleLengthOptions& o = {}) noexcept;

/// Muscles lengthened and shortened by moving from `reference` to `pose`
/// (e.g. from an exercise's start position): Δθ = pose − reference per DoF.
/// A DoF unknown in either pose is unknown.
[[nodiscard]] MuscleLengthReport muscle_lengths(const Pose& pose, const Pose& reference,
                                                const MuscleLengthOptions& o = {}) noexcept;

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

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/muscle_length-inl.hpp>
#endif
