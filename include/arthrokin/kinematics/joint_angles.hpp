/// @file joint_angles.hpp
/// @brief Segment orientations → joint angles (ISB Cardan sequences, arthrokin signs).
#pragma once

#include <arthrokin/dof.hpp>
#include <arthrokin/pose.hpp>
#include <arthrokin/segment.hpp>

#include <bitset>

namespace arthrokin {

/// Options of `joint_angles`.
struct JointAngleOptions {
  /// Forearm rotation of the mid-position (thumb up) measured from ISB zero
  /// (full supination), radians. p_clinical = p_ISB - supination_mid.
  double forearm_mid_position_rad = 1.5707963267948966;
  /// Below this second Cardan angle's distance from a singularity (radians),
  /// the first/third angles are flagged as gimbal-locked and reported unknown.
  double gimbal_lock_threshold_rad = 0.0872664625997165;  // 5 degrees
};

/// Result of `joint_angles`.
struct JointAngles {
  Pose pose;                              ///< observed DoFs; unknown where segments are missing or locked
  std::bitset<dof_count> gimbal_lock{};   ///< DoFs flagged as near a Cardan singularity
};

/// Joint angles of every joint whose two segments are known (stub: all unknown).
[[nodiscard]] inline JointAngles joint_angles(const SegmentOrientations& segments,
                                              const JointAngleOptions& options = {}) {
  (void)segments;
  (void)options;
  return {};
}

}  // namespace arthrokin
