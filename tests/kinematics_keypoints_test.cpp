// Keypoints → angles: round trips through the forward model for every layout,
// mirror symmetry, selfie input, observability and degenerate input.
#include <arthrokin/detail/avx2_copy.hpp>
#include <arthrokin/kinematics/keypoints.hpp>
#include <arthrokin/kinematics/skeleton.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "support/fast_trig_agrees.hpp"
#include "support/random_pose.hpp"
#include "support/rotations.hpp"

using namespace arthrokin;
using Eigen::Matrix3d;
using Eigen::Quaterniond;
using Eigen::Vector3d;

using test_support::random_pose;

using test_support::deg;
using test_support::kPi;

namespace {
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

namespace {
// A random pose with every knee and elbow hyperextended: flexion drawn in [lo, hi] degrees (≤ 0). The
// forearm within 55° of its mid-position: the reference (the hand) is trusted within 60°
// (`KeypointOptions::hinge_reference_angle_rad`).
Pose hyperextended_pose(std::mt19937& rng, bool spine, double lo = -25.0, double hi = 0.0) {
  Pose p = random_pose(rng, spine);
  std::uniform_real_distribution<double> u(lo, hi), pro(-55.0, 55.0);
  for (DofId d : {DofId::left_knee_flexion_extension, DofId::right_knee_flexion_extension,
                  DofId::left_elbow_flexion_extension, DofId::right_elbow_flexion_extension})
    p.set(d, degrees(u(rng)));
  for (DofId d : {DofId::left_forearm_pronation_supination, DofId::right_forearm_pronation_supination})
    p.set(d, degrees(pro(rng)));
  return p;
}
// Reflect x → -x and give each point the label of its mirror role.
std::vector<double> mirror_points(Layout layout, const std::vector<double>& kp) {
  const auto rs = roles(layout);
  std::vector<double> m(kp.size());
  for (std::size_t i = 0; i < rs.size(); ++i) {
    std::size_t j = 0;
    while (rs[j] != mirror(rs[i])) ++j;
    m[3 * i] = -kp[3 * j];
    m[3 * i + 1] = kp[3 * j + 1];
    m[3 * i + 2] = kp[3 * j + 2];
  }
  return m;
}
}  // namespace

TEST(KinematicsKeypoints, HyperextensionRoundTripsWhereALayoutCanSeeIt) {
  // Knees and elbows bent backwards by 0–25° (the forward model is the exact inverse of the joint
  // solver): the knee reads negative flexion in every layout (its side from the foot points, or from
  // the pelvis where the layout has none), the elbow in BlazePose (the forearm's frame from the hand
  // points); every DoF that is observed equals the truth, so a thigh or upper arm is never turned
  // 180° (the hip and shoulder rotations are checked wherever the bend spans a plane, ≥ 15°).
  const Skeleton k = skeleton_from_height(1.75);
  for (Layout layout : kLayouts) {
    std::mt19937 rng(77 + static_cast<int>(layout));
    const bool spine = layout == Layout::smpl24;
    const bool hand = layout == Layout::blazepose33;
    std::size_t backwards = 0, rotations = 0;
    for (int n = 0; n < 1500; ++n) {
      const Pose p = hyperextended_pose(rng, spine);
      const auto a = keypoint_angles({layout, synthesize_keypoints(layout, k, p, random_q(rng))});
      for (DofId d : all_dofs) {
        // Without the hand's points an elbow bent backwards is read as flexed, its upper arm turned 180°.
        const bool arm = (joint_of(d) == Joint::elbow && axis_of(d) == Axis::flexion_extension) ||
                         (joint_of(d) == Joint::shoulder && axis_of(d) == Axis::internal_external_rotation);
        if (!a.pose.observed(d) || (arm && !hand)) continue;
        ASSERT_NEAR(to_radians(*a.pose.get(d)), truth(p, d), 1e-6)
            << to_string(layout) << " " << to_string(d) << " #" << n << " " << to_string(a.status[index(d)]);
      }
      for (const Side side : {Side::left, Side::right}) {
        const DofId knee = *find_dof(Joint::knee, Axis::flexion_extension, side);
        const DofId elbow = *find_dof(Joint::elbow, Axis::flexion_extension, side);
        const DofId hip_rot = *find_dof(Joint::hip, Axis::internal_external_rotation, side);
        const DofId sh_rot = *find_dof(Joint::shoulder, Axis::internal_external_rotation, side);
        ASSERT_TRUE(a.pose.observed(knee)) << to_string(layout) << " " << to_string(a.status[index(knee)]);
        ASSERT_TRUE(a.pose.observed(elbow));
        if (truth(p, knee) < -deg(0.5)) ++backwards;
        if (hand) {
          if (truth(p, elbow) < -deg(0.5)) ++backwards;
        } else {
          // Without the hand's points the elbow is taken to be flexed: the angle is right, the sign is
          // the assumption's (docs/kinematics.md).
          ASSERT_NEAR(to_radians(*a.pose.get(elbow)), std::abs(truth(p, elbow)), 1e-6) << to_string(layout);
        }
        if (truth(p, knee) < -deg(16)) {
          ASSERT_TRUE(a.pose.observed(hip_rot)) << to_string(layout);
          ++rotations;
        }
        if (hand && truth(p, elbow) < -deg(16)) {
          ASSERT_TRUE(a.pose.observed(sh_rot));
          ++rotations;
        }
      }
    }
    EXPECT_GT(backwards, (hand ? 4u : 2u) * 1400u) << to_string(layout);
    EXPECT_GT(rotations, (hand ? 4u : 2u) * 200u) << to_string(layout);
  }
}

TEST(KinematicsKeypoints, HyperextensionIsMirrorSymmetric) {
  // The mirror image of a body with its knees and elbows bent backwards (different amounts on the two
  // sides) gives the mirrored angles, and selfie input gives the original ones.
  const Skeleton k = skeleton_from_height(1.8);
  for (Layout layout : kLayouts) {
    std::mt19937 rng(31 + static_cast<int>(layout));
    for (int n = 0; n < 300; ++n) {
      const auto kp = synthesize_keypoints(layout, k, hyperextended_pose(rng, true), random_q(rng));
      const auto m = mirror_points(layout, kp);
      const auto a = keypoint_angles({layout, kp});
      const auto b = keypoint_angles({layout, m});
      KeypointOptions selfie;
      selfie.mirrored = true;
      const auto c = keypoint_angles({layout, m}, selfie);
      const Pose expect = a.pose.mirrored();
      for (DofId d : all_dofs) {
        ASSERT_EQ(b.pose.observed(d), expect.observed(d)) << to_string(layout) << " " << to_string(d);
        ASSERT_EQ(c.pose.observed(d), a.pose.observed(d)) << to_string(layout) << " " << to_string(d);
        if (!a.pose.observed(d)) continue;
        ASSERT_NEAR(to_radians(*b.pose.get(d)), to_radians(*expect.get(d)), 1e-9) << to_string(d);
        ASSERT_NEAR(to_radians(*c.pose.get(d)), to_radians(*a.pose.get(d)), 1e-9) << to_string(d);
      }
    }
  }
}

TEST(KinematicsKeypoints, HyperextensionBeyondItsBoundOrWithoutAReferenceReadsAsFlexion) {
  // The rule's two guards, on a BlazePose body: a backwards bend beyond `max_hyperextension_rad`, and
  // one whose reference points are missing, read as flexion of the same size (the angle between the
  // long axes is right either way); `hinge_reference_angle_rad = 0` restores "every bend is flexion".
  const Skeleton k = skeleton_from_height(1.75);
  Pose p;
  p.set(DofId::right_knee_flexion_extension, degrees(-20));
  p.set(DofId::right_elbow_flexion_extension, degrees(-20));
  const auto kp = synthesize_keypoints(Layout::blazepose33, k, p, Quaterniond::Identity());
  const auto knee = DofId::right_knee_flexion_extension;
  const auto elbow = DofId::right_elbow_flexion_extension;
  const auto at = [](const JointAngles& a, DofId d) { return to_radians(*a.pose.get(d)); };
  const auto base = keypoint_angles({Layout::blazepose33, kp});
  EXPECT_NEAR(at(base, knee), deg(-20), 1e-9);
  EXPECT_NEAR(at(base, elbow), deg(-20), 1e-9);
  KeypointOptions off;
  off.hinge_reference_angle_rad = 0;
  EXPECT_NEAR(at(keypoint_angles({Layout::blazepose33, kp}, off), knee), deg(20), 1e-9);
  EXPECT_NEAR(at(keypoint_angles({Layout::blazepose33, kp}, off), elbow), deg(20), 1e-9);
  KeypointOptions bound;
  bound.max_hyperextension_rad = deg(19);
  EXPECT_NEAR(at(keypoint_angles({Layout::blazepose33, kp}, bound), knee), deg(20), 1e-9);
  EXPECT_NEAR(at(keypoint_angles({Layout::blazepose33, kp}, bound), elbow), deg(20), 1e-9);
  // Hand points missing: the elbow is taken to be flexed. Foot points missing: the pelvis decides.
  std::vector<double> no_ref = kp;
  const auto rs = roles(Layout::blazepose33);
  for (std::size_t i = 0; i < rs.size(); ++i)
    if (rs[i] == Role::r_index || rs[i] == Role::r_pinky || rs[i] == Role::r_heel || rs[i] == Role::r_toe)
      for (int a = 0; a < 3; ++a) no_ref[3 * i + static_cast<std::size_t>(a)] = std::nan("");
  const auto nr = keypoint_angles({Layout::blazepose33, no_ref});
  EXPECT_NEAR(at(nr, elbow), deg(20), 1e-9);
  EXPECT_NEAR(at(nr, knee), deg(-20), 1e-9);
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

// ---- scale, position and degenerate segments (issue 11.2) ---------------------------------------

namespace {
// f·x + offset for every point.
std::vector<double> transformed(const std::vector<double>& kp, double f, const Vector3d& offset = Vector3d::Zero()) {
  std::vector<double> out(kp.size());
  for (std::size_t i = 0; i < kp.size(); ++i) out[i] = f * kp[i] + offset[static_cast<Eigen::Index>(i % 3)];
  return out;
}
Vector3d random_direction(std::mt19937& rng) {
  std::normal_distribution<double> n;
  return Vector3d(n(rng), n(rng), n(rng)).normalized();
}
// b has the statuses of a and its angles within tol (DoFs and thoracolumbar totals).
::testing::AssertionResult same_angles(const JointAngles& a, const JointAngles& b, double tol) {
  for (DofId d : all_dofs) {
    if (a.status[index(d)] != b.status[index(d)])
      return ::testing::AssertionFailure()
             << to_string(d) << ": " << to_string(a.status[index(d)]) << " vs " << to_string(b.status[index(d)]);
    if (a.pose.observed(d) && std::abs(to_radians(*a.pose.get(d)) - to_radians(*b.pose.get(d))) > tol)
      return ::testing::AssertionFailure()
             << to_string(d) << ": " << to_radians(*a.pose.get(d)) << " vs " << to_radians(*b.pose.get(d));
  }
  for (Axis ax : {Axis::flexion_extension, Axis::lateral_flexion, Axis::axial_rotation}) {
    const auto x = a.pose.thoracolumbar(ax), y = b.pose.thoracolumbar(ax);
    if (x.has_value() != y.has_value() || (x && std::abs(to_radians(*x) - to_radians(*y)) > tol))
      return ::testing::AssertionFailure() << "thoracolumbar " << to_string(ax);
  }
  return ::testing::AssertionSuccess();
}
}  // namespace

TEST(KinematicsKeypoints, AnglesDoNotDependOnTheUnitOrSizeOfTheBody) {
  // The same keypoints multiplied by any factor from 1e-300 to 1e300: the same statuses and angles (within
  // 1e-9 rad). Points scaled by 1e155 used to overflow the norms (90° everywhere); below ~1e-6 every
  // segment fell under the fixed 1e-6 minimum length.
  const Skeleton k = skeleton_from_height(1.7);
  std::uniform_real_distribution<double> exponent(-300, 300);
  for (Layout layout : kLayouts) {
    std::mt19937 rng(808 + static_cast<int>(layout));
    for (int n = 0; n < 100; ++n) {
      const Pose p = random_pose(rng, layout == Layout::smpl24);
      const auto kp = synthesize_keypoints(layout, k, p, random_q(rng));
      const auto a = keypoint_angles({layout, kp});
      for (const double f : {1e-300, 1e-155, 1e-150, 1e-20, 1e-6, 0.3, 7.3, 1e20, 1e150, 1e155, 1e300,
                             std::pow(10.0, exponent(rng)), std::pow(10.0, exponent(rng))}) {
        const auto b = keypoint_angles({layout, transformed(kp, f)});
        ASSERT_TRUE(same_angles(a, b, 1e-9)) << to_string(layout) << " ×" << f << " #" << n;
      }
    }
  }
}

TEST(KinematicsKeypoints, TranslationKeepsAnglesUntilPrecisionIsLost) {
  // The body moved away from the origin of its coordinates. Near it (up to 45 heights) nothing changes.
  // Far from it the coordinates' rounding (half an ulp of the offset) grows against the body: each DoF
  // keeps its angle within 1e-9 rad or becomes ill_conditioned, never a wrong observed angle. At 1e15 m
  // (double spacing 0.125 m) every DoF is ill_conditioned: it used to be observed, 18° off.
  const double H = 1.7;
  const Skeleton k = skeleton_from_height(H);
  std::uniform_real_distribution<double> log_heights(0, 16);
  for (Layout layout : kLayouts) {
    std::mt19937 rng(909 + static_cast<int>(layout));
    std::size_t kept = 0, lost = 0;
    for (int n = 0; n < 100; ++n) {
      const Pose p = random_pose(rng, layout == Layout::smpl24);
      const auto kp = synthesize_keypoints(layout, k, p, random_q(rng));
      const auto a = keypoint_angles({layout, kp});
      for (const double heights : {1.0, 10.0, 45.0}) {
        const auto b = keypoint_angles({layout, transformed(kp, 1.0, heights * H * random_direction(rng))});
        ASSERT_TRUE(same_angles(a, b, 1e-9)) << to_string(layout) << " at " << heights << " heights #" << n;
      }
      for (int t = 0; t < 8; ++t) {
        const double offset = std::pow(10.0, log_heights(rng)) * H;
        const auto b = keypoint_angles({layout, transformed(kp, 1.0, offset * random_direction(rng))});
        for (DofId d : all_dofs) {
          if (!a.pose.observed(d)) continue;
          if (b.status[index(d)] == DofStatus::ill_conditioned) {
            ASSERT_FALSE(b.pose.observed(d));
            ++lost;
            continue;
          }
          ++kept;
          ASSERT_EQ(b.status[index(d)], a.status[index(d)]) << to_string(d) << " at " << offset << " m";
          ASSERT_NEAR(to_radians(*b.pose.get(d)), to_radians(*a.pose.get(d)), 1e-9)
              << to_string(layout) << " " << to_string(d) << " at " << offset << " m";
        }
      }
      const auto far = keypoint_angles({layout, transformed(kp, 1.0, Vector3d(1e15, 0, 0))});
      for (DofId d : all_dofs) {
        ASSERT_FALSE(far.pose.observed(d)) << to_string(d);
        if (a.pose.observed(d)) {
          ASSERT_EQ(far.status[index(d)], DofStatus::ill_conditioned) << to_string(d);
        }
      }
      for (Axis ax : {Axis::flexion_extension, Axis::lateral_flexion, Axis::axial_rotation})
        ASSERT_FALSE(far.pose.thoracolumbar(ax));
    }
    EXPECT_GT(kept, 0u) << to_string(layout);
    EXPECT_GT(lost, 0u) << to_string(layout);
  }
}

TEST(KinematicsKeypoints, SegmentShorterThanAFractionOfTheBodyIsDegenerate) {
  // A 3.5 µm forearm in a 1.7 m body (just above the old fixed 1e-6 minimum) gave a confident elbow
  // angle. It is shorter than 1% of the body scale: degenerate, with the DoFs that need it.
  const Skeleton k = skeleton_from_height(1.7);
  Pose p;
  p.set(DofId::left_elbow_flexion_extension, radians(deg(60)))
      .set(DofId::right_elbow_flexion_extension, radians(deg(60)))
      .set(DofId::left_knee_flexion_extension, radians(deg(40)))
      .set(DofId::right_knee_flexion_extension, radians(deg(40)));
  for (Layout layout : kLayouts) {
    auto kp = synthesize_keypoints(layout, k, p);
    const auto rs = roles(layout);
    auto at = [&](Role r) -> std::size_t {
      std::size_t i = 0;
      while (rs[i] != r) ++i;
      return 3 * i;
    };
    const std::size_t e = at(Role::l_elbow), w = at(Role::l_wrist);
    const Vector3d elbow(kp[e], kp[e + 1], kp[e + 2]), wrist(kp[w], kp[w + 1], kp[w + 2]);
    const Vector3d tiny = elbow + 3.5e-6 * (wrist - elbow).normalized();
    for (int c = 0; c < 3; ++c) kp[w + static_cast<std::size_t>(c)] = tiny[c];
    const auto a = keypoint_angles({layout, kp});
    EXPECT_FALSE(a.pose.observed(DofId::left_elbow_flexion_extension)) << to_string(layout);
    EXPECT_EQ(a.status[index(DofId::left_elbow_flexion_extension)], DofStatus::degenerate_geometry)
        << to_string(layout);
    // The upper arm's twist comes from the elbow's flexion plane, which a 3.5 µm forearm does not give.
    EXPECT_FALSE(a.pose.observed(DofId::left_shoulder_internal_external_rotation)) << to_string(layout);
    // The rest of the body is read as before: the right elbow is 60°.
    EXPECT_NEAR(to_radians(*a.pose.get(DofId::right_elbow_flexion_extension)), deg(60), 1e-9) << to_string(layout);
    EXPECT_TRUE(a.pose.observed(DofId::left_shoulder_flexion_extension)) << to_string(layout);
    // A whole body 1e-6 of that size (forearm 0.25 µm) is a normal body: its elbows are 60°.
    const auto small = keypoint_angles({layout, transformed(synthesize_keypoints(layout, k, p), 1e-6)});
    EXPECT_NEAR(to_radians(*small.pose.get(DofId::left_elbow_flexion_extension)), deg(60), 1e-9) << to_string(layout);
  }
  // All points at one place, near the origin or far from it: degenerate (not ill-conditioned: nothing was lost).
  for (const double at : {0.5, 1e15}) {
    const auto a = keypoint_angles({Layout::coco17, std::vector<double>(17 * 3, at)});
    for (DofId d : {DofId::left_elbow_flexion_extension, DofId::right_hip_flexion_extension})
      EXPECT_EQ(a.status[index(d)], DofStatus::degenerate_geometry) << at;
  }
  // A forearm of 5% of height (a short but real segment) is kept.
  auto kp = synthesize_keypoints(Layout::coco17, k, p);
  const Vector3d elbow(kp[3 * 7], kp[3 * 7 + 1], kp[3 * 7 + 2]), wrist(kp[3 * 9], kp[3 * 9 + 1], kp[3 * 9 + 2]);
  const Vector3d shorter = elbow + 0.05 * 1.7 * (wrist - elbow).normalized();
  for (int c = 0; c < 3; ++c) kp[3 * 9 + static_cast<std::size_t>(c)] = shorter[c];
  EXPECT_NEAR(to_radians(*keypoint_angles({Layout::coco17, kp}).pose.get(DofId::left_elbow_flexion_extension)), deg(60),
              1e-9);
}

// The foot frame's vertical axis is the ankle's offset from the heel→toe line: when the ankle point
// collapses onto that line (the 4-camera balancing trial, frames 71–78) the ankle and subtalar DoFs
// are degenerate, not an angle (89.5° of inversion and −171.5° of dorsiflexion before).
TEST(KinematicsKeypoints, FootWhoseAnkleCollapsesOntoTheHeelToeLineIsDegenerate) {
  const Layout layout = Layout::blazepose33;
  Pose p;
  for (DofId d : all_dofs)
    if (axis_of(d) != Axis::horizontal_abduction_adduction) p.set(d, radians(0.0));
  std::vector<double> kp = synthesize_keypoints(layout, skeleton_from_height(1.7), p);
  constexpr std::size_t ankle = 27, heel = 29, toe = 31;  // MediaPipe left ankle, heel, foot index
  const auto pt = [&](std::size_t i) { return Eigen::Vector3d(kp[3 * i], kp[3 * i + 1], kp[3 * i + 2]); };
  const Eigen::Vector3d he = pt(heel), to = pt(toe);
  const Eigen::Vector3d x = (to - he).normalized();
  const Eigen::Vector3d up = (pt(ankle) - he - (pt(ankle) - he).dot(x) * x).normalized();
  const double length = (to - he).norm();
  // as in the trial, the ankle point comes down onto the heel (so the spanning angle stays large)
  const Eigen::Vector3d foot_point = he + 0.02 * length * x;
  const auto place_ankle = [&](double height_fraction) {
    const Eigen::Vector3d a = foot_point + height_fraction * length * up;
    for (int c = 0; c < 3; ++c) kp[3 * ankle + static_cast<std::size_t>(c)] = a[c];
    return keypoint_angles({layout, kp});
  };
  for (const double f : {0.05, 0.09}) {
    const JointAngles a = place_ankle(f);
    EXPECT_EQ(a.status[index(DofId::left_ankle_dorsiflexion_plantarflexion)], DofStatus::degenerate_geometry) << f;
    EXPECT_EQ(a.status[index(DofId::left_subtalar_inversion_eversion)], DofStatus::degenerate_geometry) << f;
    EXPECT_TRUE(a.pose.observed(DofId::right_ankle_dorsiflexion_plantarflexion));
  }
  const JointAngles ok = place_ankle(0.11);
  EXPECT_TRUE(ok.pose.observed(DofId::left_ankle_dorsiflexion_plantarflexion));
  EXPECT_TRUE(ok.pose.observed(DofId::left_subtalar_inversion_eversion));
  KeypointOptions o;
  o.min_foot_height_fraction = 0.0;  // the check off: the collapsed foot reads an angle again
  (void)place_ankle(0.05);
  EXPECT_TRUE(keypoint_angles({layout, kp}, o).pose.observed(DofId::left_subtalar_inversion_eversion));
}

// The frames read the sines and cosines of the options' angles from a per-thread cache
// (detail::keypoint_trig): options that change between frames must be read again. Each option set's
// angles in a fresh thread (an empty cache) are the reference; one thread alternating between the
// sets must get them bit for bit. The sets differ enough that their angles differ (checked).
TEST(KinematicsKeypoints, OptionsThatChangeBetweenFramesAreReadAgain) {
  const Skeleton k = skeleton_from_height(1.75);
  std::mt19937 rng(31);
  std::vector<std::vector<double>> frames;
  for (int n = 0; n < 200; ++n) frames.push_back(synthesize_keypoints(Layout::blazepose33, k, random_pose(rng, false)));
  std::vector<KeypointOptions> sets(4);
  sets[1].hinge_reference_angle_rad = deg(179);  // nearly any bend within 80° reads as backwards
  sets[1].max_hyperextension_rad = deg(80);
  sets[2].min_plane_angle_rad = deg(25);
  sets[3].angles.forearm_mid_position_rad = deg(-40);
  sets[3].hinge_reference_angle_rad = deg(89);
  const auto angles_of = [&](const KeypointOptions& o) {
    std::vector<JointAngles> out;
    for (const auto& f : frames) out.push_back(keypoint_angles({Layout::blazepose33, f}, o));
    return out;
  };
  const auto same = [](const JointAngles& a, const JointAngles& b) {
    for (std::size_t d = 0; d < dof_count; ++d) {
      const double x = a.pose.as_radians()[static_cast<Eigen::Index>(d)];
      const double y = b.pose.as_radians()[static_cast<Eigen::Index>(d)];
      if (a.status[d] != b.status[d] || std::memcmp(&x, &y, sizeof x) != 0) return false;
    }
    return true;
  };
  std::vector<std::vector<JointAngles>> ref(sets.size());
  for (std::size_t s = 0; s < sets.size(); ++s) std::thread([&, s] { ref[s] = angles_of(sets[s]); }).join();
  for (std::size_t s = 1; s < sets.size(); ++s) {
    std::size_t differ = 0;
    for (std::size_t f = 0; f < frames.size(); ++f) differ += !same(ref[0][f], ref[s][f]);
    EXPECT_GT(differ, 0u) << "option set " << s << " changes no angle or status";
  }
  for (std::size_t f = 0; f < frames.size(); ++f)
    for (std::size_t s : {0, 1, 2, 3, 1, 3, 0, 2, 2}) {
      ASSERT_TRUE(same(keypoint_angles({Layout::blazepose33, frames[f]}, sets[s]), ref[s][f]))
          << "frame " << f << ", option set " << s;
    }
}

// Frame i of a random stream (the two tests below): a random pose (every fifth with hyperextended
// knees and elbows) seen from any direction, with (i mod 4) changes: a point missing (NaN) or below
// the visibility threshold, in turn.
struct RandomFrame {
  std::vector<double> xyz, visibility;
};
RandomFrame random_keypoint_frame(Layout layout, const Skeleton& k, std::mt19937& rng, int i) {
  const std::size_t n = keypoint_count(layout);
  std::uniform_int_distribution<std::size_t> pick(0, n - 1);
  const bool spine = layout == Layout::smpl24;
  const Pose p = i % 5 == 0 ? hyperextended_pose(rng, spine) : random_pose(rng, spine);
  RandomFrame f{synthesize_keypoints(layout, k, p, random_q(rng)), std::vector<double>(n, 1.0)};
  for (int m = i % 4; m > 0; --m) {
    const std::size_t j = pick(rng);
    if (m % 2 != 0)
      f.xyz[3 * j] = std::numeric_limits<double>::quiet_NaN();
    else
      f.visibility[j] = 0.1;
  }
  return f;
}

// keypoint_angles with the fast trigonometry (`KeypointOptions::angles.fast_trig`): within its bound
// of libm with every status the same, in every layout, on random poses seen from any direction,
// with hyperextended knees and elbows (the hinge references), points missing (NaN) and points
// below the visibility threshold (the axis-only paths and the hinge fallback).
TEST(KinematicsKeypoints, FastTrigWithinItsBoundWithTheSameStatuses) {
  const Skeleton k = skeleton_from_height(1.75);
  for (Layout layout : kLayouts) {
    std::mt19937 rng(77 + static_cast<int>(layout));
    KeypointOptions libm, fast;
    fast.angles.fast_trig = true;
    std::size_t differ = 0, unknown = 0;
    constexpr int frames = 1500;
    for (int i = 0; i < frames; ++i) {
      const RandomFrame f = random_keypoint_frame(layout, k, rng, i);
      const KeypointView v{layout, f.xyz, f.visibility};
      const JointAngles a = keypoint_angles(v, libm);
      unknown += dof_count - a.pose.observed_count();
      const double d = test_support::expect_fast_trig_agrees(a, keypoint_angles(v, fast), false,
                                                             std::string(to_string(layout)) + " #" + std::to_string(i));
      differ += d != 0;
      if (HasFailure()) return;
    }
    EXPECT_GT(differ, frames / 2u) << to_string(layout);   // the approximation was used
    EXPECT_GT(unknown, frames * 5u) << to_string(layout);  // and the unknowns compared
  }
}

// The AVX2 copy of the per-frame path (`keypoint_angles` runs it where the build's baseline is
// below AVX2 and the CPU has it; detail/keypoints-inl.hpp) gives the baseline's bits: every angle,
// status, confidence, gimbal-lock flag, thoracolumbar total and ISB shoulder angle, in every layout,
// with libm and with fast_trig, any conversion of the axes, missing points, points below the
// visibility threshold, hyperextension, and a forearm offset outside ±π (fast_trig's libm path).
// Its errors are the baseline's too.
TEST(KinematicsKeypoints, Avx2CopyGivesTheBaselineBits) {
  if (!arthrokin::detail::avx2_copy_runs()) GTEST_SKIP() << "no AVX2 copy in this build, or no AVX2 on this CPU";
  const Skeleton k = skeleton_from_height(1.75);
  const auto same_bits = [](const auto& x, const auto& y) { return std::memcmp(&x, &y, sizeof x) == 0; };
  std::size_t compared = 0, observed = 0;
  for (Layout layout : kLayouts) {
    std::mt19937 rng(4242 + static_cast<int>(layout));
    for (int i = 0; i < 800; ++i) {
      KeypointOptions o;
      o.angles.fast_trig = i % 2 == 0;
      o.mirrored = i % 3 == 0;
      o.right_handed = i % 7 != 0;
      o.up = std::array{UpAxis::y_up, UpAxis::y_down, UpAxis::z_up}[static_cast<std::size_t>(i % 5) % 3];
      o.angles.hip = i % 4 == 1 ? BallJointDecomposition::swing_twist : BallJointDecomposition::cardan;
      if (i % 11 == 0) o.angles.forearm_mid_position_rad = 4.0;  // outside ±π
      const RandomFrame f = random_keypoint_frame(layout, k, rng, i);
      const KeypointView v{layout, f.xyz, f.visibility};
      const JointAngles a = arthrokin::detail::keypoint_angles_in_copy(v, o, false);
      const JointAngles b = arthrokin::detail::keypoint_angles_in_copy(v, o, true);
      const std::string at = std::string(to_string(layout)) + " #" + std::to_string(i);
      EXPECT_TRUE(same_bits(a.pose.as_radians(), b.pose.as_radians())) << at;
      EXPECT_TRUE(same_bits(a.pose.thoracolumbar_radians(), b.pose.thoracolumbar_radians())) << at;
      EXPECT_EQ(a.status, b.status) << at;
      EXPECT_TRUE(same_bits(a.confidence, b.confidence)) << at;
      EXPECT_EQ(a.gimbal_lock, b.gimbal_lock) << at;
      EXPECT_EQ(a.thoracolumbar_status, b.thoracolumbar_status) << at;
      EXPECT_TRUE(same_bits(a.shoulder_isb, b.shoulder_isb)) << at;
      for (std::size_t d = 0; d < dof_count; ++d)
        EXPECT_EQ(a.pose.observed(static_cast<DofId>(d)), b.pose.observed(static_cast<DofId>(d))) << at;
      // keypoint_angles itself runs the copy
      EXPECT_TRUE(same_bits(keypoint_angles(v, o).pose.as_radians(), b.pose.as_radians())) << at;
      if (HasFailure()) return;
      ++compared;
      observed += a.pose.observed_count();
    }
  }
  EXPECT_EQ(compared, 4 * 800u);
  EXPECT_GT(observed, compared * 10);  // known angles were compared, not only NaNs
  // the errors: an infinite coordinate and a visibility outside [0, 1], in both copies
  std::mt19937 rng(5);
  auto kp = synthesize_keypoints(Layout::blazepose33, k, random_pose(rng, false));
  std::vector<double> vis(33, 1.0);
  vis[20] = 1.5;
  kp[3 * 7 + 2] = std::numeric_limits<double>::infinity();  // reported first: coordinates before visibilities
  for (const bool avx2 : {false, true}) {
    try {
      (void)arthrokin::detail::keypoint_angles_in_copy({Layout::blazepose33, kp, vis}, {}, avx2);
      ADD_FAILURE() << "no error, avx2 = " << avx2;
    } catch (const arthrokin::invalid_argument& e) {
      EXPECT_STREQ(e.what(), "keypoint_angles: keypoint 7 z is infinite (NaN marks a missing point)");
    }
  }
}

// The opt-out of the AVX2 copies (avx2_copy.hpp): with ARTHROKIN_NO_AVX2_COPY in the environment
// (the CTest entry avx2_copy.opt_out) or under Valgrind (valgrind.keypoints), every copy is off and
// `keypoint_angles` runs the baseline. Skipped in a plain run.
TEST(KinematicsKeypoints, Avx2CopiesOffWhenTheProcessAsks) {
  const char* preload = std::getenv("LD_PRELOAD");
  const bool valgrind = preload != nullptr && std::string(preload).find("vgpreload") != std::string::npos;
  if (std::getenv("ARTHROKIN_NO_AVX2_COPY") == nullptr && !valgrind)
    GTEST_SKIP() << "run by CTest with ARTHROKIN_NO_AVX2_COPY=1, and under Valgrind";
  EXPECT_FALSE(arthrokin::detail::avx2_copy_runs());
  EXPECT_TRUE(arthrokin::detail::avx2_copy_opt_out);
}
