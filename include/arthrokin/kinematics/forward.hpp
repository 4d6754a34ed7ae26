/// @file forward.hpp
/// @brief Forward model: a `Pose` → the global orientation of every segment
///        frame, the exact inverse of `joint_angles` (same sequences, signs,
///        mirroring and forearm zero). Used for synthetic data and round trips.
///        Definitions: detail/forward-inl.hpp (config.hpp).
#pragma once

#include <arthrokin/config.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>

namespace arthrokin {

/// Global segment orientations of `pose`.
/// @param pose     DoFs; unknown DoFs are taken as 0 (anatomical zero; forearm: ISB zero + s_mid, i.e. mid-position).
///                 Shoulder horizontal ab/adduction is ignored: it is determined by flexion and adduction.
///                 Thoracolumbar totals (`set_thoracolumbar`) are used only when every thoracic and lumbar DoF is
///                 unknown, as a lumbar Z-X-Y rotation (thoracic = 0).
/// @param q_global_pelvis orientation of the pelvis frame in the global frame (any norm; throws
///                 `invalid_argument` if it is zero or not finite).
[[nodiscard]] SegmentOrientations segment_orientations(
    const Pose& pose, const Eigen::Quaterniond& q_global_pelvis = Eigen::Quaterniond::Identity(),
    const JointAngleOptions& options = {});

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/forward-inl.hpp>
#endif
