// Keypoints → angles: round trips through the forward model for every layout,
// mirror symmetry, selfie input, observability and degenerate input.
#include <arthrokin/kinematics/keypoints.hpp>
#include <arthrokin/kinematics/skeleton.hpp>

#include <gtest/gtest.h>

#include <random>

#include "support/random_pose.hpp"

using namespace arthrokin;
using Eigen::Matrix3d;
using Eigen::Quaterniond;
using Eigen::Vector3d;

using test_support::random_pose;

namespace {
constexpr double kPi = 3.14159265358979323846;
double deg(double d) { return d * kPi / 180.0; }
constexpr std::array<Layout, 4> kLayouts{Layout::blazepose33, Layout::coco17, Layout::h36m17, Layout::smpl24};

double truth(const Pose& p, DofId d) {
  if (axis_of(d) == Axis::horizontal_abduction_adduction) {
    const bool left = side_of(d) == Side::left;
    const double f =
        to_radians(*p.get(left ? DofId::left_shoulder_flexion_extension : DofId::right_shoulder_flexion_extension));
    const double a =
        to_radians(*p.get(left ? DofId::left_shoulder_abduction_adduction : DofId::right_shoulder_abduction_adduction));
    return std::atan2(f, -a);
  }
  return to_radians(*p.get(d));
}
Quaterniond random_q(std::mt19937& rng) {
  return Quaterniond(
      Eigen::AngleAxisd(std::uniform_real_distribution<double>(-3, 3)(rng),
                        Vector3d(std::normal_distribution<double>()(rng), std::normal_distribution<double>()(rng),
                                 std::normal_distribution<double>()(rng))
                            .normalized()));
}
// DoFs a layout must observe for a pose with elbows and knees flexed ≥ 20°.
std::vector<DofId> must_observe(Layout l) {
  std::vector<DofId> v;
  for (bool left : {true, false}) {
    auto sd = [&](DofId r) { return left ? mirror(r) : r; };
    for (DofId d : {DofId::right_shoulder_flexion_extension, DofId::right_shoulder_abduction_adduction,
                    DofId::right_shoulder_internal_external_rotation,
                    DofId::right_shoulder_horizontal_abduction_adduction, DofId::right_elbow_flexion_extension,
                    DofId::right_hip_flexion_extension, DofId::right_hip_abduction_adduction,
                    DofId::right_hip_internal_external_rotation, DofId::right_knee_flexion_extension})
      v.push_back(sd(d));
    if (l == Layout::blazepose33)
      for (DofId d : {DofId::right_forearm_pronation_supination, DofId::right_wrist_flexion_extension,
                      DofId::right_wrist_radial_ulnar_deviation, DofId::right_knee_internal_external_rotation,
                      DofId::right_ankle_dorsiflexion_plantarflexion, DofId::right_subtalar_inversion_eversion})
        v.push_back(sd(d));
  }
  v.push_back(DofId::cervical_flexion_extension);
  v.push_back(DofId::cervical_lateral_flexion);
  if (l != Layout::smpl24) v.push_back(DofId::cervical_axial_rotation);
  if (l == Layout::smpl24) {
    v.push_back(DofId::lumbar_flexion_extension);
    v.push_back(DofId::lumbar_lateral_flexion);
  }
  return v;
}
std::vector<DofId> must_not_observe(Layout l) {
  std::vector<DofId> v{DofId::thoracic_flexion_extension, DofId::thoracic_axial_rotation, DofId::lumbar_axial_rotation};
  if (l != Layout::blazepose33)
    for (DofId d : {DofId::left_forearm_pronation_supination, DofId::right_forearm_pronation_supination,
                    DofId::left_wrist_flexion_extension, DofId::right_ankle_dorsiflexion_plantarflexion,
                    DofId::left_knee_internal_external_rotation})
      v.push_back(d);
  if (l == Layout::smpl24) v.push_back(DofId::cervical_axial_rotation);
  return v;
}
}  // namespace

TEST(KinematicsKeypoints, RoundTripEveryLayout) {
  const Skeleton k = skeleton_from_height(1.75);
  for (Layout layout : kLayouts) {
    std::mt19937 rng(2024 + static_cast<int>(layout));
    const bool spine = layout == Layout::smpl24;  // others see the spine only through the trunk line
    std::size_t observed = 0;
    for (int n = 0; n < 2000; ++n) {
      const Pose p = random_pose(rng, spine);
      const auto kp = synthesize_keypoints(layout, k, p, random_q(rng));
      const auto a = keypoint_angles({layout, kp});
      for (DofId d : all_dofs) {
        if (!a.pose.observed(d)) continue;
        ++observed;
        ASSERT_NEAR(to_radians(*a.pose.get(d)), truth(p, d), 1e-6)
            << to_string(layout) << " " << to_string(d) << " #" << n;
      }
      const bool flexed = to_radians(*p.get(DofId::left_elbow_flexion_extension)) > deg(20) &&
                          to_radians(*p.get(DofId::right_elbow_flexion_extension)) > deg(20) &&
                          to_radians(*p.get(DofId::left_knee_flexion_extension)) > deg(20) &&
                          to_radians(*p.get(DofId::right_knee_flexion_extension)) > deg(20);
      if (flexed) {
        for (DofId d : must_observe(layout)) {
          if (axis_of(d) == Axis::horizontal_abduction_adduction) {
            // A motion of the elevated arm: unobservable below 45° of elevation (flexion² + adduction² = e²).
            const DofId f = *find_dof(Joint::shoulder, Axis::flexion_extension, side_of(d));
            const DofId ad = *find_dof(Joint::shoulder, Axis::abduction_adduction, side_of(d));
            if (std::hypot(truth(p, f), truth(p, ad)) < deg(45)) {
              ASSERT_EQ(a.status[index(d)], DofStatus::unobservable) << to_string(layout) << " " << to_string(d);
              continue;
            }
          }
          ASSERT_TRUE(a.pose.observed(d))
              << to_string(layout) << " " << to_string(d) << " " << to_string(a.status[index(d)]);
        }
      }
      for (DofId d : must_not_observe(layout))
        ASSERT_FALSE(a.pose.observed(d)) << to_string(layout) << " " << to_string(d);
      if (layout == Layout::smpl24) {
        // Thoracolumbar totals: Z-X-Y of R_lumbar R_thoracic (composed here from the sign table).
        auto R = [&](DofId f) {
          const auto dof = [&](Axis ax) { return *find_dof(joint_of(f), ax, Side::none); };
          return Matrix3d(Eigen::AngleAxisd(-truth(p, f), Vector3d::UnitZ()) *
                          Eigen::AngleAxisd(truth(p, dof(Axis::lateral_flexion)), Vector3d::UnitX()) *
                          Eigen::AngleAxisd(-truth(p, dof(Axis::axial_rotation)), Vector3d::UnitY()));
        };
        const Matrix3d tl = R(DofId::lumbar_flexion_extension) * R(DofId::thoracic_flexion_extension);
        ASSERT_NEAR(to_radians(*a.pose.thoracolumbar(Axis::flexion_extension)), -std::atan2(-tl(0, 1), tl(1, 1)), 1e-6);
        ASSERT_NEAR(to_radians(*a.pose.thoracolumbar(Axis::lateral_flexion)), std::asin(tl(2, 1)), 1e-6);
        ASSERT_NEAR(to_radians(*a.pose.thoracolumbar(Axis::axial_rotation)), -std::atan2(-tl(2, 0), tl(2, 2)), 1e-6);
      } else {
        ASSERT_FALSE(a.pose.thoracolumbar(Axis::flexion_extension));  // pelvic tilt vs spinal flexion: unobservable
        ASSERT_EQ(a.thoracolumbar_status[0], DofStatus::unobservable);
      }
    }
    EXPECT_GT(observed, 2000u * 15u) << to_string(layout);
  }
}

TEST(KinematicsKeypoints, TrunkLineLayoutsSeePureThoracolumbarTurnsAndBends) {
  const Skeleton k = skeleton_from_height(1.6);
  for (Layout layout : {Layout::blazepose33, Layout::coco17, Layout::h36m17}) {
    Pose p;
    p.set(DofId::lumbar_axial_rotation, radians(deg(25)));  // pure turn to the right
    auto a = keypoint_angles({layout, synthesize_keypoints(layout, k, p)});
    EXPECT_NEAR(to_radians(*a.pose.thoracolumbar(Axis::axial_rotation)), deg(25), 1e-9) << to_string(layout);
    EXPECT_FALSE(a.pose.observed(DofId::lumbar_axial_rotation));  // never attributed to one region
    Pose q;
    q.set(DofId::lumbar_lateral_flexion, radians(deg(15)));
    a = keypoint_angles({layout, synthesize_keypoints(layout, k, q)});
    EXPECT_NEAR(to_radians(*a.pose.thoracolumbar(Axis::lateral_flexion)), deg(15), 1e-9) << to_string(layout);
  }
}

TEST(KinematicsKeypoints, MirroringKeypointsSwapsSides) {
  const Skeleton k = skeleton_from_height(1.8);
  for (Layout layout : kLayouts) {
    std::mt19937 rng(99 + static_cast<int>(layout));
    const auto rs = roles(layout);
    for (int n = 0; n < 300; ++n) {
      const Pose p = random_pose(rng, true);  // full spine: estimates may be approximate but must stay symmetric
      const auto kp = synthesize_keypoints(layout, k, p, random_q(rng));
      // Reflect x → -x and give each point the label of its mirror role.
      std::vector<double> m(kp.size());
      for (std::size_t i = 0; i < rs.size(); ++i) {
        std::size_t j = 0;
        while (rs[j] != mirror(rs[i])) ++j;
        m[3 * i] = -kp[3 * j];
        m[3 * i + 1] = kp[3 * j + 1];
        m[3 * i + 2] = kp[3 * j + 2];
      }
      const auto a = keypoint_angles({layout, kp});
      const auto b = keypoint_angles({layout, m});
      const Pose expect = a.pose.mirrored();
      for (DofId d : all_dofs) {
        ASSERT_EQ(b.pose.observed(d), expect.observed(d)) << to_string(layout) << " " << to_string(d);
        if (b.pose.observed(d)) {
          ASSERT_NEAR(to_radians(*b.pose.get(d)), to_radians(*expect.get(d)), 1e-9) << to_string(d);
        }
      }
      // Selfie input: the mirrored keypoints with `mirrored = true` give the original angles.
      KeypointOptions selfie;
      selfie.mirrored = true;
      const auto c = keypoint_angles({layout, m}, selfie);
      for (DofId d : all_dofs) {
        if (a.pose.observed(d)) {
          ASSERT_NEAR(to_radians(*c.pose.get(d)), to_radians(*a.pose.get(d)), 1e-9);
        }
      }
    }
  }
}

TEST(KinematicsKeypoints, SourceAxesDoNotChangeAngles) {
  const Skeleton k = skeleton_from_height(1.7);
  std::mt19937 rng(5);
  const Pose p = random_pose(rng, false);
  const auto kp = synthesize_keypoints(Layout::coco17, k, p);
  const auto a = keypoint_angles({Layout::coco17, kp});
  // The same points written y-down (x, -y, -z) and left-handed (x, y, -z).
  std::vector<double> ydown = kp, lh = kp;
  for (std::size_t i = 0; i < kp.size(); i += 3)
    ydown[i + 1] = -kp[i + 1], ydown[i + 2] = -kp[i + 2], lh[i + 2] = -kp[i + 2];
  KeypointOptions o1;
  o1.up = UpAxis::y_down;
  KeypointOptions o2;
  o2.right_handed = false;
  const auto b = keypoint_angles({Layout::coco17, ydown}, o1), c = keypoint_angles({Layout::coco17, lh}, o2);
  for (DofId d : all_dofs) {
    if (a.pose.observed(d)) {
      EXPECT_NEAR(to_radians(*b.pose.get(d)), to_radians(*a.pose.get(d)), 1e-9);
      EXPECT_NEAR(to_radians(*c.pose.get(d)), to_radians(*a.pose.get(d)), 1e-9);
    }
  }
  // Without declaring the left-handed frame the subject is read as its mirror image: the angles differ.
  const auto wrong = keypoint_angles({Layout::coco17, lh});
  EXPECT_GT(std::abs(to_radians(*wrong.pose.get(DofId::right_hip_flexion_extension)) -
                     to_radians(*a.pose.get(DofId::right_hip_flexion_extension))),
            1e-3);
}

TEST(KinematicsKeypoints, FirstPrinciplesKeypoints) {
  // Hand-placed COCO points: standing, right arm raised straight forward, right knee bent 90°
  // with the thigh horizontal (a one-legged squat), in a Y-up frame with the subject facing +X.
  std::vector<double> xyz(17 * 3, 0.0);
  auto put = [&](int i, double x, double y, double z) { xyz[3 * i] = x, xyz[3 * i + 1] = y, xyz[3 * i + 2] = z; };
  put(0, 0.1, 1.6, 0);  // nose
  put(1, 0.08, 1.62, -0.03), put(2, 0.08, 1.62, 0.03);
  put(3, 0.0, 1.6, -0.07), put(4, 0.0, 1.6, 0.07);     // ears, level with the nose
  put(5, 0, 1.4, -0.2), put(6, 0, 1.4, 0.2);           // shoulders (left at -Z: Z points to the subject's right)
  put(7, 0, 1.1, -0.2), put(9, 0.25, 1.1, -0.2);       // left elbow; left forearm forward (elbow 90°)
  put(8, 0.3, 1.4, 0.2), put(10, 0.55, 1.4, 0.2);      // right arm straight forward
  put(11, 0, 0.9, -0.1), put(12, 0, 0.9, 0.1);         // hips
  put(13, 0, 0.45, -0.1), put(15, -0.05, 0.02, -0.1);  // left leg nearly straight
  put(14, 0.45, 0.9, 0.1), put(16, 0.45, 0.45, 0.1);   // right thigh forward, shank vertical
  const auto a = keypoint_angles({Layout::coco17, xyz});
  EXPECT_NEAR(to_degrees(*a.pose.get(DofId::right_shoulder_flexion_extension)), 90.0, 1e-9);
  EXPECT_NEAR(to_degrees(*a.pose.get(DofId::right_shoulder_abduction_adduction)), 0.0, 1e-9);
  EXPECT_NEAR(to_degrees(*a.pose.get(DofId::right_hip_flexion_extension)), 90.0, 1e-9);
  EXPECT_NEAR(to_degrees(*a.pose.get(DofId::right_knee_flexion_extension)), 90.0, 1e-9);
  EXPECT_NEAR(to_degrees(*a.pose.get(DofId::left_elbow_flexion_extension)), 90.0, 1e-9);
  // The left knee: 180° minus the angle at the knee of the triangle hip-knee-ankle.
  const Vector3d h(0, 0.9, -0.1), kn(0, 0.45, -0.1), an(-0.05, 0.02, -0.1);
  const double interior = std::acos((h - kn).normalized().dot((an - kn).normalized()));
  EXPECT_NEAR(to_radians(*a.pose.get(DofId::left_knee_flexion_extension)), kPi - interior, 1e-9);
  // The right elbow is straight: shoulder rotation is unobservable there (no flexion plane).
  EXPECT_FALSE(a.pose.observed(DofId::right_shoulder_internal_external_rotation));
  EXPECT_EQ(a.status[index(DofId::right_shoulder_internal_external_rotation)], DofStatus::degenerate_geometry);
  EXPECT_EQ(a.status[index(DofId::left_forearm_pronation_supination)], DofStatus::unobservable);
  EXPECT_TRUE(a.pose.observed(DofId::left_shoulder_internal_external_rotation));
  EXPECT_NEAR(to_degrees(*a.pose.get(DofId::left_shoulder_internal_external_rotation)), 0.0, 1e-9);
}

TEST(KinematicsKeypoints, DegenerateAndLowVisibilityGiveUnknown) {
  const Skeleton k = skeleton_from_height(1.7);
  Pose p;
  p.set(DofId::left_elbow_flexion_extension, radians(deg(60)));
  p.set(DofId::left_knee_flexion_extension, radians(deg(50)));
  auto kp = synthesize_keypoints(Layout::blazepose33, k, p);
  std::vector<double> vis(33, 0.99);
  vis[25] = 0.2;  // left knee barely visible
  auto a = keypoint_angles({Layout::blazepose33, kp, vis});
  EXPECT_EQ(a.status[index(DofId::left_knee_flexion_extension)], DofStatus::low_confidence);
  EXPECT_EQ(a.status[index(DofId::left_hip_flexion_extension)], DofStatus::low_confidence);
  EXPECT_FALSE(a.pose.observed(DofId::left_hip_flexion_extension));
  EXPECT_TRUE(a.pose.observed(DofId::right_hip_flexion_extension));
  EXPECT_NEAR(a.confidence[index(DofId::right_hip_flexion_extension)], 0.99, 1e-12);
  // NaN wrist → elbow flexion unknown (missing), and the shoulder twist too.
  kp[3 * 15] = std::nan("");
  a = keypoint_angles({Layout::blazepose33, kp});
  EXPECT_EQ(a.status[index(DofId::left_elbow_flexion_extension)], DofStatus::missing_segment);
  EXPECT_FALSE(a.pose.observed(DofId::left_shoulder_internal_external_rotation));
  EXPECT_TRUE(a.pose.observed(DofId::left_shoulder_flexion_extension));
  // Coincident hips → the pelvis is undetermined → hips and spine unknown, never garbage.
  kp = synthesize_keypoints(Layout::blazepose33, k, p);
  for (int c = 0; c < 3; ++c) kp[3 * 24 + static_cast<std::size_t>(c)] = kp[3 * 23 + static_cast<std::size_t>(c)];
  a = keypoint_angles({Layout::blazepose33, kp});
  EXPECT_EQ(a.status[index(DofId::right_hip_flexion_extension)], DofStatus::degenerate_geometry);
  EXPECT_FALSE(a.pose.observed(DofId::right_hip_abduction_adduction));
  // All points at one place: nothing observed.
  std::vector<double> same(33 * 3, 0.5);
  a = keypoint_angles({Layout::blazepose33, same});
  EXPECT_EQ(a.pose.observed_count(), 0u);
  // Wrong sizes throw.
  EXPECT_THROW((void)keypoint_angles({Layout::coco17, same}), arthrokin::invalid_argument);
}
