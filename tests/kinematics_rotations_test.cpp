// Segment rotations → joint angles: first-principles poses, round trips, mirroring,
// Cardan singularities, unwrapping. Expected values come from geometry written here,
// not from the library's output.
#include <arthrokin/kinematics/forward.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "support/random_pose.hpp"
#include "support/rotations.hpp"

using namespace arthrokin;
using namespace arthrokin::literals;
using Eigen::Matrix3d;
using Eigen::Quaterniond;
using Eigen::Vector3d;

using test_support::deg;
using test_support::kPi;
using test_support::Rx;
using test_support::Ry;
using test_support::Rz;

namespace {

SegmentOrientations neutral() {
  SegmentOrientations s;
  for (std::size_t i = 0; i < segment_count; ++i) s.set(static_cast<Segment>(i), Quaterniond::Identity());
  return s;
}
double get(const JointAngles& a, DofId d) {
  const auto v = a.pose.get(d);
  EXPECT_TRUE(v.has_value()) << to_string(d) << " status " << to_string(a.status[index(d)]);
  return v ? to_radians(*v) : std::nan("");
}

// Elbow flexion ≥ 5°: away from the straight-arm case of the forearm frame.
Pose random_pose(std::mt19937& rng) { return test_support::random_pose(rng, true, 5.0); }
// Horizontal adduction of a pose's shoulder, from flexion = e sin(pe), adduction = -e cos(pe).
double expected_horizontal(const Pose& p, bool left) {
  const double f =
      to_radians(*p.get(left ? DofId::left_shoulder_flexion_extension : DofId::right_shoulder_flexion_extension));
  const double a =
      to_radians(*p.get(left ? DofId::left_shoulder_abduction_adduction : DofId::right_shoulder_abduction_adduction));
  return std::atan2(f, -a);
}
}  // namespace

TEST(KinematicsRotations, AnatomicalPositionIsZero) {
  const auto a = joint_angles(neutral());
  for (DofId d : all_dofs) {
    if (axis_of(d) == Axis::horizontal_abduction_adduction) {
      EXPECT_FALSE(a.pose.observed(d));  // plane of elevation undefined with the arm hanging
      EXPECT_TRUE(a.gimbal_lock.test(index(d)));
      EXPECT_EQ(a.status[index(d)], DofStatus::gimbal_lock);
      continue;
    }
    if (axis_of(d) == Axis::pronation_supination) {  // full supination = -s_mid clinically
      EXPECT_NEAR(get(a, d), -deg(80), 1e-12);
      continue;
    }
    EXPECT_NEAR(get(a, d), 0.0, 1e-12) << to_string(d);
  }
}

TEST(KinematicsRotations, FirstPrinciplesShoulder) {
  // Arm raised forward 90°: the humerus points anterior (+X), so its Y (toward the
  // shoulder) is -X; Rz(+90°) maps Y to -X. Same global rotation for both arms.
  auto s = neutral();
  s.set(Segment::right_upper_arm, Quaterniond(Rz(deg(90))));
  s.set(Segment::left_upper_arm, Quaterniond(Rz(deg(90))));
  auto a = joint_angles(s);
  for (bool left : {true, false}) {
    auto sd = [&](DofId r) { return left ? mirror(r) : r; };
    EXPECT_NEAR(get(a, sd(DofId::right_shoulder_flexion_extension)), deg(90), 1e-12);
    EXPECT_NEAR(get(a, sd(DofId::right_shoulder_abduction_adduction)), 0.0, 1e-12);
    EXPECT_NEAR(get(a, sd(DofId::right_shoulder_internal_external_rotation)), 0.0, 1e-12);
    EXPECT_NEAR(get(a, sd(DofId::right_shoulder_horizontal_abduction_adduction)), deg(90), 1e-12);
  }
  // Arms abducted 90° sideways: right humerus points +Z, so its Y is -Z = Rx(-90°) Y;
  // the left humerus points -Z, Y = +Z = Rx(+90°) Y. Adduction is positive → -90°.
  s.set(Segment::right_upper_arm, Quaterniond(Rx(deg(-90))));
  s.set(Segment::left_upper_arm, Quaterniond(Rx(deg(90))));
  a = joint_angles(s);
  EXPECT_NEAR(get(a, DofId::right_shoulder_abduction_adduction), deg(-90), 1e-12);
  EXPECT_NEAR(get(a, DofId::left_shoulder_abduction_adduction), deg(-90), 1e-12);
  EXPECT_NEAR(get(a, DofId::right_shoulder_flexion_extension), 0.0, 1e-12);
  EXPECT_NEAR(get(a, DofId::right_shoulder_horizontal_abduction_adduction), 0.0, 1e-12);
  // From 90° abduction, turn the right humerus about its own long axis so that a flexed
  // forearm would point down (front X → -Y): internal rotation +30° is a rotation about
  // the humerus Y, which now points to -Z: X → (cos30, -sin30, 0).
  s.set(Segment::right_upper_arm, Quaterniond(Rx(deg(-90)) * Ry(deg(30))));
  a = joint_angles(s);
  const Matrix3d r = Rx(deg(-90)) * Ry(deg(30));
  EXPECT_NEAR(r.col(0).y(), -0.5, 1e-12);  // the front of the arm turned downward: internal rotation
  EXPECT_NEAR(get(a, DofId::right_shoulder_internal_external_rotation), deg(30), 1e-12);
  // Full overhead flexion 170°: Y of humerus at 170° from hanging, in the sagittal plane.
  s.set(Segment::right_upper_arm, Quaterniond(Rz(deg(160))));
  a = joint_angles(s);
  EXPECT_NEAR(get(a, DofId::right_shoulder_flexion_extension), deg(160), 1e-12);
  // Extension 50°: arm backward, Rz(-50°).
  s.set(Segment::right_upper_arm, Quaterniond(Rz(deg(-50))));
  a = joint_angles(s);
  EXPECT_NEAR(get(a, DofId::right_shoulder_flexion_extension), deg(-50), 1e-12);
  EXPECT_NEAR(get(a, DofId::right_shoulder_horizontal_abduction_adduction), deg(-90), 1e-12);
}

TEST(KinematicsRotations, FirstPrinciplesLowerLimbAndSpine) {
  auto s = neutral();
  // Squat: thigh horizontal forward (hip flexed 90°: thigh Y = -X = Rz(90°) Y), shank vertical.
  s.set(Segment::right_thigh, Quaterniond(Rz(deg(90))));
  s.set(Segment::right_shank, Quaterniond::Identity());
  s.set(Segment::right_foot, Quaterniond::Identity());
  auto a = joint_angles(s);
  EXPECT_NEAR(get(a, DofId::right_hip_flexion_extension), deg(90), 1e-12);
  EXPECT_NEAR(get(a, DofId::right_knee_flexion_extension), deg(90), 1e-12);
  // A deeper squat from its geometry: hip, knee, ankle points in the sagittal plane.
  const Vector3d hip(0, 0.5, 0), knee(0.42, 0.3, 0), ankle(0.1, 0.0, 0);
  const double interior = std::acos((hip - knee).normalized().dot((ankle - knee).normalized()));
  auto frame_along = [](const Vector3d& prox, const Vector3d& dist) {
    Matrix3d r;
    const Vector3d y = (prox - dist).normalized(), z = Vector3d::UnitZ();
    r.col(0) = y.cross(z);
    r.col(1) = y;
    r.col(2) = z;
    return r;
  };
  s.set(Segment::right_thigh, Quaterniond(frame_along(hip, knee)));
  s.set(Segment::right_shank, Quaterniond(frame_along(knee, ankle)));
  a = joint_angles(s);
  EXPECT_NEAR(get(a, DofId::right_knee_flexion_extension), kPi - interior, 1e-12);
  // Hip adduction and internal rotation, right and left (mirror).
  s = neutral();
  s.set(Segment::right_thigh, Quaterniond(Rx(deg(15))));  // right thigh's distal end moves to -Z (medial)
  s.set(Segment::left_thigh, Quaterniond(Rx(deg(-15))));  // left thigh's distal end moves to +Z (medial)
  a = joint_angles(s);
  EXPECT_NEAR(get(a, DofId::right_hip_abduction_adduction), deg(15), 1e-12);
  EXPECT_NEAR(get(a, DofId::left_hip_abduction_adduction), deg(15), 1e-12);
  s.set(Segment::right_thigh, Quaterniond(Ry(deg(20))));  // front X → toward -Z (medial): internal
  s.set(Segment::left_thigh, Quaterniond(Ry(deg(-20))));  // front X → toward +Z (medial): internal
  a = joint_angles(s);
  EXPECT_NEAR(get(a, DofId::right_hip_internal_external_rotation), deg(20), 1e-12);
  EXPECT_NEAR(get(a, DofId::left_hip_internal_external_rotation), deg(20), 1e-12);
  // Ankle: toes up (foot X toward +Y) = dorsiflexion; sole toward midline = inversion.
  s = neutral();
  s.set(Segment::right_foot, Quaterniond(Rz(deg(15))));
  s.set(Segment::left_foot, Quaterniond(Rx(deg(-10))));  // left sole turns toward +Z: inversion
  a = joint_angles(s);
  EXPECT_NEAR(get(a, DofId::right_ankle_dorsiflexion_plantarflexion), deg(15), 1e-12);
  EXPECT_NEAR(get(a, DofId::left_subtalar_inversion_eversion), deg(10), 1e-12);
  // Spine: thorax tilted forward 30° (Y toward +X = Rz(-30°)), abdomen neutral → thoracic flexion +30.
  s = neutral();
  s.set(Segment::thorax, Quaterniond(Rz(deg(-30))));
  a = joint_angles(s);
  EXPECT_NEAR(get(a, DofId::thoracic_flexion_extension), deg(30), 1e-12);
  EXPECT_NEAR(get(a, DofId::lumbar_flexion_extension), 0.0, 1e-12);
  // Thorax turned to the subject's right (front X → +Z = Ry(-25°)); bent to the right (Y → +Z = Rx(+10°)).
  s.set(Segment::thorax, Quaterniond(Ry(deg(-25))));
  a = joint_angles(s);
  EXPECT_NEAR(get(a, DofId::thoracic_axial_rotation), deg(25), 1e-12);
  s.set(Segment::thorax, Quaterniond(Rx(deg(10))));
  a = joint_angles(s);
  EXPECT_NEAR(get(a, DofId::thoracic_lateral_flexion), deg(10), 1e-12);
}

TEST(KinematicsRotations, FirstPrinciplesElbowForearmWrist) {
  auto s = neutral();
  // Forearm pointing forward (Y = -X, Rz(90°)) and pronated to mid-position (ISB +80° about its Y).
  s.set(Segment::right_forearm, Quaterniond(Rz(deg(90)) * Ry(deg(80))));
  s.set(Segment::right_hand, Quaterniond(Rz(deg(90)) * Ry(deg(80))));
  auto a = joint_angles(s);
  EXPECT_NEAR(get(a, DofId::right_elbow_flexion_extension), deg(90), 1e-12);
  EXPECT_NEAR(get(a, DofId::right_forearm_pronation_supination), 0.0, 1e-12);
  // Hand flexed 30° toward the palm (palm forward in anatomical position: X → +Y... hand rotates about +Z).
  s = neutral();
  s.set(Segment::right_hand, Quaterniond(Rz(deg(30))));
  s.set(Segment::left_hand, Quaterniond(Rx(deg(-12))));  // left hand's distal end to +Z = medial (ulnar)
  a = joint_angles(s);
  EXPECT_NEAR(get(a, DofId::right_wrist_flexion_extension), deg(30), 1e-12);
  EXPECT_NEAR(get(a, DofId::left_wrist_radial_ulnar_deviation), deg(12), 1e-12);
}

TEST(KinematicsRotations, RandomRoundTrip) {
  std::mt19937 rng(12345);
  for (const auto hip : {BallJointDecomposition::cardan, BallJointDecomposition::swing_twist}) {
    JointAngleOptions opt;
    opt.hip = hip;
    for (int n = 0; n < 3000; ++n) {
      const Pose p = random_pose(rng);
      const Quaterniond q_pelvis(
          Eigen::AngleAxisd(std::uniform_real_distribution<double>(-3, 3)(rng), Vector3d::Random().normalized()));
      const auto a = joint_angles(segment_orientations(p, q_pelvis, opt), opt);
      for (DofId d : all_dofs) {
        if (axis_of(d) == Axis::horizontal_abduction_adduction) {
          const double elevation = a.shoulder_isb[side_of(d) == Side::left ? 0 : 1].y();
          if (elevation < opt.horizontal_min_elevation_rad) {  // only a motion of the elevated arm
            ASSERT_FALSE(a.pose.observed(d));
            ASSERT_EQ(a.status[index(d)], DofStatus::unobservable);
            continue;
          }
          ASSERT_NEAR(get(a, d), expected_horizontal(p, side_of(d) == Side::left), 1e-9);
          continue;
        }
        if (!p.observed(d)) {  // a DoF random_pose does not draw (none of the 39): not invented
          ASSERT_FALSE(a.pose.observed(d)) << to_string(d);
          continue;
        }
        ASSERT_NEAR(get(a, d), to_radians(*p.get(d)), 1e-9) << to_string(d) << " sample " << n;
        ASSERT_FALSE(a.gimbal_lock.test(index(d)));
      }
    }
  }
}

TEST(KinematicsRotations, MirrorSwapsSides) {
  std::mt19937 rng(777);
  const Matrix3d M = Vector3d(1, 1, -1).asDiagonal();
  for (int n = 0; n < 500; ++n) {
    const Pose p = random_pose(rng);
    const auto s = segment_orientations(p);
    // Reflect the whole body in the sagittal plane (S R M keeps Z to the subject's right)
    // and swap left/right segments.
    SegmentOrientations m;
    for (std::size_t i = 0; i < segment_count; ++i) {
      const auto seg = static_cast<Segment>(i);
      std::size_t j = i;
      if (i >= 4) j = i < 10 ? i + 6 : i - 6;
      m.set(static_cast<Segment>(j), Quaterniond(Matrix3d(M * s[seg].toRotationMatrix() * M)));
    }
    const auto a = joint_angles(s), b = joint_angles(m);
    const Pose expect = a.pose.mirrored();
    for (DofId d : all_dofs) {
      ASSERT_EQ(b.pose.observed(d), expect.observed(d)) << to_string(d);
      if (expect.observed(d)) {
        ASSERT_NEAR(get(b, d), to_radians(*expect.get(d)), 1e-9) << to_string(d);
      }
    }
    // and explicitly: left values equal the right values of the original
    ASSERT_NEAR(get(b, DofId::left_hip_abduction_adduction), get(a, DofId::right_hip_abduction_adduction), 1e-9);
  }
}

TEST(KinematicsRotations, SingularitiesAreFlaggedNotZeroed) {
  auto s = neutral();
  // Hip adducted 85° (5° from the Z-X-Y singularity): flexion and rotation undetermined.
  s.set(Segment::right_thigh, Quaterniond(Rz(deg(20)) * Rx(deg(85)) * Ry(deg(10))));
  auto a = joint_angles(s);
  EXPECT_NEAR(get(a, DofId::right_hip_abduction_adduction), deg(85), 1e-9);
  EXPECT_FALSE(a.pose.observed(DofId::right_hip_flexion_extension));
  EXPECT_FALSE(a.pose.observed(DofId::right_hip_internal_external_rotation));
  EXPECT_TRUE(a.gimbal_lock.test(index(DofId::right_hip_flexion_extension)));
  EXPECT_EQ(a.status[index(DofId::right_hip_internal_external_rotation)], DofStatus::gimbal_lock);
  // Just outside the threshold (b = 79°): exact.
  s.set(Segment::right_thigh, Quaterniond(Rz(deg(20)) * Rx(deg(79)) * Ry(deg(10))));
  a = joint_angles(s);
  EXPECT_NEAR(get(a, DofId::right_hip_flexion_extension), deg(20), 1e-9);
  EXPECT_NEAR(get(a, DofId::right_hip_internal_external_rotation), deg(10), 1e-9);
  // Shoulder at low elevation (3°): plane undetermined, swing and twist still exact.
  const Matrix3d low = Ry(deg(50)) * Rx(deg(-3)) * Ry(deg(20));
  s.set(Segment::right_upper_arm, Quaterniond(low));
  a = joint_angles(s);
  EXPECT_TRUE(a.gimbal_lock.test(index(DofId::right_shoulder_horizontal_abduction_adduction)));
  EXPECT_FALSE(a.pose.observed(DofId::right_shoulder_horizontal_abduction_adduction));
  EXPECT_NEAR(get(a, DofId::right_shoulder_flexion_extension), deg(3) * std::sin(deg(50)), 1e-9);
  EXPECT_NEAR(get(a, DofId::right_shoulder_abduction_adduction), -deg(3) * std::cos(deg(50)), 1e-9);
  EXPECT_NEAR(get(a, DofId::right_shoulder_internal_external_rotation), deg(70), 1e-9);
  EXPECT_TRUE(std::isnan(a.shoulder_isb[1][0]));
  // Shoulder at 176° elevation: everything undetermined.
  s.set(Segment::right_upper_arm, Quaterniond(Ry(deg(50)) * Rx(deg(-176))));
  a = joint_angles(s);
  for (DofId d : {DofId::right_shoulder_flexion_extension, DofId::right_shoulder_abduction_adduction,
                  DofId::right_shoulder_internal_external_rotation})
    EXPECT_TRUE(!a.pose.observed(d) && a.gimbal_lock.test(index(d)));
  // ISB Y-X-Y angles at a regular elevation
  s.set(Segment::right_upper_arm, Quaterniond(Ry(deg(40)) * Rx(deg(-70)) * Ry(deg(-25))));
  a = joint_angles(s);
  EXPECT_NEAR(a.shoulder_isb[1][0], deg(40), 1e-9);
  EXPECT_NEAR(a.shoulder_isb[1][1], deg(70), 1e-9);
  EXPECT_NEAR(a.shoulder_isb[1][2], deg(-25), 1e-9);
}

TEST(KinematicsRotations, MissingAndNaNSegmentsAreUnknown) {
  auto s = neutral();
  s.known.reset(static_cast<std::size_t>(Segment::right_shank));
  s.q_global_segment[static_cast<std::size_t>(Segment::left_forearm)].coeffs().setConstant(std::nan(""));
  const auto a = joint_angles(s);
  EXPECT_FALSE(a.pose.observed(DofId::right_knee_flexion_extension));
  EXPECT_FALSE(a.pose.observed(DofId::right_ankle_dorsiflexion_plantarflexion));
  EXPECT_EQ(a.status[index(DofId::right_knee_flexion_extension)], DofStatus::missing_segment);
  EXPECT_FALSE(a.pose.observed(DofId::left_elbow_flexion_extension));
  EXPECT_FALSE(a.pose.observed(DofId::left_wrist_flexion_extension));
  EXPECT_TRUE(a.pose.observed(DofId::left_knee_flexion_extension));
}

TEST(KinematicsRotations, ThoracolumbarWithoutAbdomen) {
  auto s = neutral();
  s.known.reset(static_cast<std::size_t>(Segment::abdomen));
  s.set(Segment::thorax, Quaterniond(Rz(deg(-35))));  // 35° of trunk flexion
  auto a = joint_angles(s);
  EXPECT_FALSE(a.pose.observed(DofId::thoracic_flexion_extension));
  EXPECT_FALSE(a.pose.observed(DofId::lumbar_flexion_extension));
  ASSERT_TRUE(a.pose.thoracolumbar(Axis::flexion_extension));
  EXPECT_NEAR(to_radians(*a.pose.thoracolumbar(Axis::flexion_extension)), deg(35), 1e-12);
  s.set(Segment::thorax, Quaterniond(Ry(deg(-20))));  // trunk turned to the right
  a = joint_angles(s);
  EXPECT_NEAR(to_radians(*a.pose.thoracolumbar(Axis::axial_rotation)), deg(20), 1e-12);
  EXPECT_FALSE(a.pose.observed(DofId::thoracic_axial_rotation));
}

TEST(KinematicsRotations, StreamUnwrapsAcrossPi) {
  // Arm elevated 90°, plane of elevation sweeping 170° → 190° (crosses the ±180° cut).
  AngleUnwrapper unwrap;
  double prev = 0;
  for (int k = 0; k <= 20; ++k) {
    auto s = neutral();
    const double pe = deg(170 + k);
    s.set(Segment::right_upper_arm, Quaterniond(Ry(pe) * Rx(deg(-90)) * Ry(-pe)));
    auto a = joint_angles(s);
    unwrap(a);
    const double h = get(a, DofId::right_shoulder_horizontal_abduction_adduction);
    EXPECT_NEAR(h, pe, 1e-9);
    if (k > 0) {
      EXPECT_NEAR(h - prev, deg(1), 1e-9);
    }
    prev = h;
  }
}

// ---- ill-conditioned and invalid rotations (issue 11.2) ----------------------------------------

namespace {
// Same statuses, and the same angles within `tol`, for every DoF and thoracolumbar total.
void expect_same_angles(const JointAngles& a, const JointAngles& b, double tol, const std::string& what) {
  for (DofId d : all_dofs) {
    ASSERT_EQ(b.status[index(d)], a.status[index(d)]) << what << " " << to_string(d);
    ASSERT_EQ(b.pose.observed(d), a.pose.observed(d)) << what << " " << to_string(d);
    if (a.pose.observed(d)) {
      ASSERT_NEAR(to_radians(*b.pose.get(d)), to_radians(*a.pose.get(d)), tol) << what << " " << to_string(d);
    }
  }
}
// Every DoF of the joints next to segment `s` (per the table in docs/kinematics.md), for the status checks.
std::vector<DofId> dofs_next_to(Segment s) {
  switch (s) {
    case Segment::left_forearm:
      return {DofId::left_elbow_flexion_extension, DofId::left_forearm_pronation_supination,
              DofId::left_wrist_flexion_extension, DofId::left_wrist_radial_ulnar_deviation};
    case Segment::right_thigh:
      return {DofId::right_hip_flexion_extension, DofId::right_hip_abduction_adduction,
              DofId::right_hip_internal_external_rotation, DofId::right_knee_flexion_extension,
              DofId::right_knee_internal_external_rotation};
    case Segment::head:
      return {DofId::cervical_flexion_extension, DofId::cervical_lateral_flexion, DofId::cervical_axial_rotation};
    default:
      return {};
  }
}
}  // namespace

TEST(KinematicsRotations, QuaternionsOfAnyNormGiveTheSameAngles) {
  // q and λq are the same rotation. A quaternion scaled by 1e200 used to read as the identity
  // (its norm overflowed: 0° instead of the true angle), one scaled by 1e-200 as missing.
  std::mt19937 rng(2112);
  std::uniform_real_distribution<double> exponent(-300, 300);
  for (int n = 0; n < 500; ++n) {
    const Pose p = random_pose(rng);
    const auto s = segment_orientations(p);
    const auto a = joint_angles(s);
    SegmentOrientations direct = s, via_set;
    for (std::size_t i = 0; i < segment_count; ++i) {
      const double lambda = (rng() & 1 ? -1.0 : 1.0) * std::pow(10.0, exponent(rng));
      direct.q_global_segment[i].coeffs() *= lambda;
      via_set.set(static_cast<Segment>(i), Quaterniond(s.q_global_segment[i].coeffs() * lambda));
    }
    expect_same_angles(a, joint_angles(direct), 1e-9, "scaled quaternions");
    expect_same_angles(a, joint_angles(via_set), 1e-9, "set() with scaled quaternions");
  }
  // The example of the issue: a right elbow flexed 30°, its forearm quaternion scaled by 1e200.
  auto s = neutral();
  s.set(Segment::right_forearm, Quaterniond(Rz(deg(30)) * Ry(deg(80))));  // forearm mid-position: 80° ISB
  s.q_global_segment[static_cast<std::size_t>(Segment::right_forearm)].coeffs() *= 1e200;
  EXPECT_NEAR(get(joint_angles(s), DofId::right_elbow_flexion_extension), deg(30), 1e-12);
  s.q_global_segment[static_cast<std::size_t>(Segment::right_forearm)].coeffs() *= 1e-300;  // now 1e-100
  EXPECT_NEAR(get(joint_angles(s), DofId::right_elbow_flexion_extension), deg(30), 1e-12);
}

TEST(KinematicsRotations, ZeroAndInfiniteQuaternionsAreNotRotations) {
  const double inf = std::numeric_limits<double>::infinity();
  for (const bool through_set : {false, true}) {
    auto s = neutral();
    auto put = [&](Segment seg, const Eigen::Vector4d& c) {
      if (through_set)
        s.set(seg, Quaterniond(c));
      else
        s.q_global_segment[static_cast<std::size_t>(seg)].coeffs() = c;
    };
    put(Segment::left_forearm, Eigen::Vector4d::Zero());
    put(Segment::right_thigh, Eigen::Vector4d(0, inf, 0, 1));
    put(Segment::head, Eigen::Vector4d(0, std::nan(""), 0, 1));
    const auto a = joint_angles(s);
    for (DofId d : dofs_next_to(Segment::left_forearm)) {
      EXPECT_FALSE(a.pose.observed(d)) << to_string(d);
      EXPECT_EQ(a.status[index(d)], DofStatus::invalid_rotation) << to_string(d);
    }
    for (DofId d : dofs_next_to(Segment::right_thigh)) {
      EXPECT_FALSE(a.pose.observed(d)) << to_string(d);
      EXPECT_EQ(a.status[index(d)], DofStatus::invalid_rotation) << to_string(d);
    }
    for (DofId d : dofs_next_to(Segment::head)) {
      EXPECT_FALSE(a.pose.observed(d)) << to_string(d);
      EXPECT_EQ(a.status[index(d)], DofStatus::missing_segment) << to_string(d);
    }
    // Everything else is untouched.
    EXPECT_NEAR(get(a, DofId::right_elbow_flexion_extension), 0.0, 1e-12);
    EXPECT_NEAR(get(a, DofId::left_hip_flexion_extension), 0.0, 1e-12);
  }
  EXPECT_EQ(to_string(DofStatus::invalid_rotation), "invalid_rotation");
  EXPECT_EQ(to_string(DofStatus::ill_conditioned), "ill_conditioned");
  // The forward model refuses a pelvis that is not a rotation.
  EXPECT_THROW((void)segment_orientations(Pose{}, Quaterniond(0, 0, 0, 0)), arthrokin::invalid_argument);
  EXPECT_NEAR(get(joint_angles(segment_orientations(Pose{}, Quaterniond(Eigen::Vector4d(0, 1e300, 0, 1e300)))),
                  DofId::left_knee_flexion_extension),
              0.0, 1e-12);
}

TEST(KinematicsRotations, RotationMatricesAreCheckedNotRepaired) {
  std::mt19937 rng(4242);
  for (int n = 0; n < 200; ++n) {
    const Pose p = random_pose(rng);
    const auto s = segment_orientations(p);
    const auto a = joint_angles(s);
    SegmentOrientations m, near;
    for (std::size_t i = 0; i < segment_count; ++i) {
      const auto seg = static_cast<Segment>(i);
      const Matrix3d R = s[seg].toRotationMatrix();
      m.set(seg, R);
      near.set(seg, Matrix3d(R + Matrix3d::Random() * 1e-8));  // within the 1e-6 tolerance: accepted
    }
    expect_same_angles(a, joint_angles(m), 1e-9, "rotation matrices");
    expect_same_angles(a, joint_angles(near), 1e-6, "nearly orthonormal matrices");
  }
  // Not rotations: scaled, sheared, a reflection, beyond the tolerance, infinite. A NaN: missing.
  const Matrix3d R = Rz(deg(40)) * Ry(deg(80));  // a right forearm: elbow 40°
  Matrix3d shear = R;
  shear(0, 1) += 1e-3;
  Matrix3d inf_entry = R;
  inf_entry(2, 2) = std::numeric_limits<double>::infinity();
  Matrix3d nan_entry = R;
  nan_entry(1, 0) = std::nan("");
  for (const auto& [bad, expected] : std::vector<std::pair<Matrix3d, DofStatus>>{
           {2.0 * R, DofStatus::invalid_rotation},
           {1e-200 * R, DofStatus::invalid_rotation},
           {shear, DofStatus::invalid_rotation},
           {Matrix3d(Vector3d(1, 1, -1).asDiagonal()) * R, DofStatus::invalid_rotation},
           {Matrix3d(R + Matrix3d::Constant(1e-5)), DofStatus::invalid_rotation},
           {inf_entry, DofStatus::invalid_rotation},
           {nan_entry, DofStatus::missing_segment}}) {
    auto s = neutral();
    s.set(Segment::right_forearm, bad);
    const auto a = joint_angles(s);
    EXPECT_FALSE(a.pose.observed(DofId::right_elbow_flexion_extension));
    EXPECT_EQ(a.status[index(DofId::right_elbow_flexion_extension)], expected);
    EXPECT_EQ(a.status[index(DofId::right_wrist_flexion_extension)], expected);
    EXPECT_NEAR(get(a, DofId::left_elbow_flexion_extension), 0.0, 1e-12);
  }
  auto s = neutral();
  s.set(Segment::right_forearm, R);
  EXPECT_NEAR(get(joint_angles(s), DofId::right_elbow_flexion_extension), deg(40), 1e-12);
}
