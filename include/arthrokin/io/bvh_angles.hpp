/// @file bvh_angles.hpp
/// @brief BVH motion → one `Pose` per frame: forward kinematics (bvh.hpp) → segment anatomical
///        frames (bvh_segments.hpp) → `joint_angles` (kinematics/joint_angles.hpp).
///
/// Header-only on top of `arthrokin::io` (link `arthrokin_io`). The per-frame function
/// allocates nothing: build a `BvhBinding` and a `BvhPoseWorkspace` once per file.
#pragma once

#include <arthrokin/io/bvh.hpp>
#include <arthrokin/io/bvh_segments.hpp>
#include <arthrokin/kinematics/calibration.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>
#include <arthrokin/pose.hpp>

#include <span>
#include <string>
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
/// unknown, and so are the DoFs that need them. With a `calibration` (`bvh_calibrate_neutral`)
/// its offsets are applied to the segment frames first. Throws `invalid_argument` on a frame
/// out of range.
[[nodiscard]] inline JointAngles bvh_frame_angles(const BvhFile& file, const BvhBinding& binding, Eigen::Index frame,
                                                  BvhPoseWorkspace& ws, const JointAngleOptions& options = {},
                                                  const NeutralCalibration* calibration = nullptr) {
  bvh_forward_kinematics(file, frame, ws.fk);
  bvh_segment_orientations(binding, ws.fk, ws.segments);
  if (calibration) calibration->apply(ws.segments);
  return joint_angles(ws.segments, options);
}

/// The pose of frame `frame` into `out` (no allocation).
inline void bvh_frame_pose(const BvhFile& file, const BvhBinding& binding, Eigen::Index frame, BvhPoseWorkspace& ws,
                           Pose& out, const JointAngleOptions& options = {},
                           const NeutralCalibration* calibration = nullptr) {
  out = bvh_frame_angles(file, binding, frame, ws, options, calibration).pose;
}

/// Neutral calibration (kinematics/calibration.hpp) from frames `frames` of `file`, in which the
/// subject holds the posture `expected`. `options.up` defaults to the file's up
/// (`binding.axes.up`), so the pelvis is levelled. Throws `invalid_argument` on a frame out of
/// range and as `calibrate_neutral` does (frames not still, not the declared posture).
[[nodiscard]] inline NeutralCalibration bvh_calibrate_neutral(const BvhFile& file, const BvhBinding& binding,
                                                              std::span<const Eigen::Index> frames,
                                                              const Pose& expected, CalibrationOptions options = {}) {
  if (!options.has_up() && binding.axes.derived) options.up = binding.axes.up;
  BvhFkWorkspace fk(file);
  std::vector<SegmentOrientations> seg(frames.size());
  for (std::size_t k = 0; k < frames.size(); ++k) {
    if (frames[k] < 0 || frames[k] >= file.frame_count())
      throw invalid_argument("bvh_calibrate_neutral: neutral frame " + std::to_string(frames[k]) +
                             " is out of range (" + std::to_string(file.frame_count()) + " frames)");
    bvh_forward_kinematics(file, frames[k], fk);
    bvh_segment_orientations(binding, fk, seg[k]);
  }
  return calibrate_neutral(seg, expected, options);
}
/// The same for a declared `Neutral` posture.
[[nodiscard]] inline NeutralCalibration bvh_calibrate_neutral(const BvhFile& file, const BvhBinding& binding,
                                                              std::span<const Eigen::Index> frames, Neutral neutral,
                                                              const CalibrationOptions& options = {}) {
  return bvh_calibrate_neutral(file, binding, frames, neutral_pose(neutral, options.angles), options);
}

/// One pose per frame of `file` (with the offsets of `calibration`, if given).
[[nodiscard]] inline std::vector<Pose> bvh_to_poses(const BvhFile& file, const BvhMapping& mapping = cmu_mapping(),
                                                    const JointAngleOptions& options = {},
                                                    const NeutralCalibration* calibration = nullptr) {
  const BvhBinding binding = bind_bvh(file, mapping);
  BvhPoseWorkspace ws(file);
  std::vector<Pose> poses(static_cast<std::size_t>(file.frame_count()));
  for (Eigen::Index f = 0; f < file.frame_count(); ++f)
    bvh_frame_pose(file, binding, f, ws, poses[static_cast<std::size_t>(f)], options, calibration);
  return poses;
}

}  // namespace arthrokin::io
