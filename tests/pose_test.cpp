// Pose: unknown is never zero; bad values are rejected; mirror; thoracolumbar totals.
#include <arthrokin/pose.hpp>

#include <gtest/gtest.h>

#include <limits>
#include <random>

using namespace arthrokin;
using namespace arthrokin::literals;

TEST(Pose, NewPoseIsEntirelyUnknownNotZero) {
  Pose p;
  EXPECT_EQ(p.observed_count(), 0u);
  for (DofId d : all_dofs) {
    EXPECT_FALSE(p.get(d).has_value());
    EXPECT_TRUE(std::isnan(p.as_radians()[static_cast<int>(index(d))]));
  }
}

TEST(Pose, ZeroIsObservedAndDistinctFromUnknown) {
  Pose a, b;
  a.set(DofId::left_knee_flexion_extension, 0_deg);
  EXPECT_TRUE(a.observed(DofId::left_knee_flexion_extension));
  EXPECT_EQ(to_radians(*a.get(DofId::left_knee_flexion_extension)), 0.0);
  EXPECT_FALSE(a == b);
  a.clear(DofId::left_knee_flexion_extension);
  EXPECT_TRUE(a == b);
}

TEST(Pose, NonFiniteAnglesAreRejectedAndNothingIsLost) {
  Pose p;
  p.set(DofId::right_hip_flexion_extension, 30_deg);
  const double bad[] = {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                        -std::numeric_limits<double>::infinity()};
  for (double v : bad) {
    EXPECT_THROW(p.set(DofId::right_hip_flexion_extension, radians(v)), arthrokin::invalid_argument);
    EXPECT_EQ(to_radians(*p.get(DofId::right_hip_flexion_extension)), to_radians(30_deg));
  }
  try {
    p.set(DofId::left_elbow_flexion_extension, radians(bad[0]));
    FAIL();
  } catch (const arthrokin::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("left_elbow_flexion_extension"), std::string::npos);
  }
}

TEST(Pose, FromRadiansTreatsNanAsUnknownAndRejectsInfinityAndWrongSize) {
  Eigen::VectorXd v = Eigen::VectorXd::Constant(dof_count, std::nan(""));
  v[index(DofId::lumbar_axial_rotation)] = 0.1;
  const Pose p = Pose::from_radians(v);
  EXPECT_EQ(p.observed_count(), 1u);
  EXPECT_EQ(to_radians(*p[DofId::lumbar_axial_rotation]), 0.1);
  v[0] = std::numeric_limits<double>::infinity();
  EXPECT_THROW((void)Pose::from_radians(v), arthrokin::invalid_argument);
  EXPECT_THROW((void)Pose::from_radians(Eigen::VectorXd::Zero(dof_count - 1)), arthrokin::invalid_argument);
}

TEST(Pose, MirrorSwapsSidesAndTurnsSpinalSidewaysMotionsTheOtherWay) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  std::bernoulli_distribution seen(0.7);
  for (int trial = 0; trial < 200; ++trial) {
    Pose p;
    for (DofId d : all_dofs)
      if (seen(rng)) p.set(d, radians(u(rng)));
    const Pose m = p.mirrored();
    for (DofId d : all_dofs) {
      ASSERT_EQ(m.observed(mirror(d)), p.observed(d));
      if (!p.observed(d)) continue;
      const double sign = side_of(d) == Side::none && axis_of(d) != Axis::flexion_extension ? -1.0 : 1.0;
      EXPECT_EQ(to_radians(*m[mirror(d)]), sign * to_radians(*p[d]));
    }
    EXPECT_TRUE(m.mirrored() == p);
  }
}

TEST(Pose, ThoracolumbarTotal) {
  Pose p;
  EXPECT_FALSE(p.thoracolumbar(Axis::axial_rotation));
  p.set(DofId::thoracic_axial_rotation, 30_deg);
  EXPECT_FALSE(p.thoracolumbar(Axis::axial_rotation)) << "one region unknown: the sum is unknown";
  p.set(DofId::lumbar_axial_rotation, 5_deg);
  EXPECT_DOUBLE_EQ(to_radians(*p.thoracolumbar(Axis::axial_rotation)), to_radians(35_deg));
  Pose q;
  q.set_thoracolumbar(Axis::axial_rotation, 40_deg);
  EXPECT_FALSE(q.observed(DofId::thoracic_axial_rotation)) << "a total does not invent a split";
  EXPECT_FALSE(q.observed(DofId::lumbar_axial_rotation));
  EXPECT_DOUBLE_EQ(to_radians(*q.thoracolumbar(Axis::axial_rotation)), to_radians(40_deg));
  EXPECT_DOUBLE_EQ(to_radians(*q.mirrored().thoracolumbar(Axis::axial_rotation)), -to_radians(40_deg));
  EXPECT_THROW(q.set_thoracolumbar(Axis::abduction_adduction, 1_deg), arthrokin::invalid_argument);
}
