/// @file bvh_angles.hpp
/// @brief BVH motion → one `Pose` per frame: forward kinematics (bvh.hpp) → segment anatomical
///        frames (bvh_segments.hpp) → `joint_angles` (kinematics/joint_angles.hpp).
///
/// Header-only on top of `arthrokin::io` (link `arthrokin_io`). The per-frame function
/// allocates nothing: build a `BvhBinding` and a `BvhPoseWorkspace` once per file.
#pragma once

#include <arthrokin/io/bvh.hpp>
#include <arthrokin/io/bvh_segments.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>
#include <arthrokin/pose.hpp>

#include <vector>

namespace arthrokin::io {

/// Preallocated state for `bvh_frame_angles`, sized for one file.
struct BvhPoseWorkspace {
  BvhFkWorkspace fk;
  SegmentOrientations segments;

  BvhPoseWorkspace() = default;
  explicit BvhPoseWorkspace(const BvhFile& file, BvhPositionMode mode = BvhPositionMode::replace_offset)
      : fk(file, mode) {}
};

/// Joint angles of frame `frame` of `file` (no allocation). Segments the binding lacks are
/// unknown, and so are the DoFs that need them. Throws `invalid_argument` on a frame out of range.
[[nodiscard]] inline JointAngles bvh_frame_angles(const BvhFile& file, const BvhBinding& binding, Eigen::Index frame,
                                                  BvhPoseWorkspace& ws, const JointAngleOptions& options = {}) {
  bvh_forward_kinematics(file, frame, ws.fk);
  bvh_segment_orientations(binding, ws.fk, ws.segments);
  return joint_angles(ws.segments, options);
}

/// The pose of frame `frame` into `out` (no allocation).
inline void bvh_frame_pose(const BvhFile& file, const BvhBinding& binding, Eigen::Index frame, BvhPoseWorkspace& ws,
                           Pose& out, const JointAngleOptions& options = {}) {
  out = bvh_frame_angles(file, binding, frame, ws, options).pose;
}

/// One pose per frame of `file`.
[[nodiscard]] inline std::vector<Pose> bvh_to_poses(const BvhFile& file, const BvhMapping& mapping = cmu_mapping(),
                                                    const JointAngleOptions& options = {}) {
  const BvhBinding binding = bind_bvh(file, mapping);
  BvhPoseWorkspace ws(file);
  std::vector<Pose> poses(static_cast<std::size_t>(file.frame_count()));
  for (Eigen::Index f = 0; f < file.frame_count(); ++f)
    bvh_frame_pose(file, binding, f, ws, poses[static_cast<std::size_t>(f)], options);
  return poses;
}

}  // namespace arthrokin::io
