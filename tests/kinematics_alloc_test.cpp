// Per-frame joint_angles and keypoint_angles allocate nothing: global operator new is
// replaced by a counting one for this executable.
#include <arthrokin/kinematics/calibration.hpp>
#include <arthrokin/kinematics/keypoints.hpp>
#include <arthrokin/kinematics/skeleton.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "support/allocation_counter.hpp"

using namespace arthrokin;

TEST(KinematicsAlloc, PerFrameCallsDoNotAllocate) {
  Pose p;
  p.set(DofId::left_knee_flexion_extension, radians(0.7));
  p.set(DofId::right_elbow_flexion_extension, radians(1.1));
  const auto seg = segment_orientations(p);
  const auto kp = synthesize_keypoints(Layout::blazepose33, skeleton_from_height(1.7), p);
  const std::vector<double> vis(33, 0.95);
  AngleUnwrapper unwrap;
  const std::vector<SegmentOrientations> neutral{segment_orientations(neutral_pose(Neutral::standing))};
  const NeutralCalibration cal = calibrate_neutral(neutral, Neutral::standing);
  SegmentOrientations calibrated = seg;
  const long before = test_support::allocation_count.load();
  double sink = 0;
  for (int i = 0; i < 100; ++i) {
    cal.apply(calibrated);  // the per-frame part of a neutral calibration
    auto a = joint_angles(calibrated);
    unwrap(a);
    auto b = keypoint_angles({Layout::blazepose33, kp, vis});
    sink += static_cast<double>(a.pose.observed_count() + b.pose.observed_count());
  }
  EXPECT_EQ(test_support::allocation_count.load() - before, 0);
  // the counter works
  const long c = test_support::allocation_count.load();
  auto* v = new std::vector<int>(10);
  EXPECT_GT(test_support::allocation_count.load(), c);
  delete v;
  EXPECT_GT(sink, 0);
}
