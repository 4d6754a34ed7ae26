// What `JointAngleOptions::fast_trig` promises of two results of the same input, one with
// libm and one with the fast trigonometry (the solver of joint_angles and keypoint_angles).
#pragma once

#include <arthrokin/detail/fast_trig.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <string>

namespace test_support {

/// Two results of `joint_angles` agree as the fast trigonometry promises: every status, unknown
/// and gimbal lock the same, every angle (the 39 DoFs, the thoracolumbar totals, the shoulders'
/// ISB angles) within `fast_trig_bound_rad`; `exact` also asks for the same bits. Returns the
/// largest difference.
inline double expect_fast_trig_agrees(const arthrokin::JointAngles& libm, const arthrokin::JointAngles& fast,
                                      bool exact, const std::string& what) {
  double worst = 0;
  const auto same = [&](double a, double b, const std::string& name) {
    EXPECT_EQ(std::isnan(a), std::isnan(b)) << what << ' ' << name;
    if (std::isnan(a) || std::isnan(b)) return;
    const double d = std::abs(a - b);
    worst = std::max(worst, d);
    if (exact)
      EXPECT_EQ(std::bit_cast<std::uint64_t>(a), std::bit_cast<std::uint64_t>(b)) << what << ' ' << name;
    else
      EXPECT_LE(d, arthrokin::detail::fast_trig_bound_rad) << what << ' ' << name;
  };
  for (std::size_t j = 0; j < arthrokin::dof_count; ++j) {
    const auto d = static_cast<arthrokin::DofId>(j);
    EXPECT_EQ(libm.status[j], fast.status[j]) << what << ' ' << arthrokin::to_string(d);
    EXPECT_EQ(libm.confidence[j], fast.confidence[j]) << what << ' ' << arthrokin::to_string(d);
    same(libm.pose.as_radians()[static_cast<Eigen::Index>(j)], fast.pose.as_radians()[static_cast<Eigen::Index>(j)],
         std::string(arthrokin::to_string(d)));
  }
  EXPECT_EQ(libm.gimbal_lock, fast.gimbal_lock) << what;
  EXPECT_EQ(libm.thoracolumbar_status, fast.thoracolumbar_status) << what;
  for (int k = 0; k < 3; ++k) {
    same(libm.pose.thoracolumbar_radians()[k], fast.pose.thoracolumbar_radians()[k], "total " + std::to_string(k));
    for (int s = 0; s < 2; ++s)
      same(libm.shoulder_isb[s][k], fast.shoulder_isb[s][k], "isb " + std::to_string(s) + ' ' + std::to_string(k));
  }
  return worst;
}

}  // namespace test_support
