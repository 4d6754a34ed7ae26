// Neutral calibration (kinematics/calibration.hpp): per-segment offsets from frames of a declared
// neutral posture, and degenerate BVH rigs (zero-length bones give unknown, never an angle).
#include <arthrokin/io/bvh_angles.hpp>
#include <arthrokin/kinematics/calibration.hpp>
#include <arthrokin/kinematics/forward.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "support/random_pose.hpp"

namespace {

using namespace arthrokin;

constexpr double deg = 3.14159265358979323846 / 180.0;

Eigen::Quaterniond random_rotation(std::mt19937& rng, double max_angle) {
  std::normal_distribution<double> n(0.0, 1.0);
  std::uniform_real_distribution<double> u(0.0, max_angle);
  Eigen::Vector3d axis(n(rng), n(rng), n(rng));
  return Eigen::Quaterniond(Eigen::AngleAxisd(u(rng), axis.normalized()));
}

// Offsets O_s, applied as R_measured = R_true · O_s. The pelvis gets a tilt only (a rotation about
// an axis perpendicular to its Y): a heading offset of the root cannot be seen (calibration.hpp).
std::array<Eigen::Quaterniond, segment_count> random_offsets(std::mt19937& rng, double max_angle) {
  std::array<Eigen::Quaterniond, segment_count> o;
  for (auto& q : o) q = random_rotation(rng, max_angle);
  std::normal_distribution<double> n(0.0, 1.0);
  std::uniform_real_distribution<double> u(0.0, max_angle);
  const Eigen::Vector3d tilt_axis = Eigen::Vector3d(n(rng), 0.0, n(rng)).normalized();
  o[static_cast<std::size_t>(Segment::pelvis)] = Eigen::Quaterniond(Eigen::AngleAxisd(u(rng), tilt_axis));
  return o;
}

SegmentOrientations with_offsets(const SegmentOrientations& truth,
                                 const std::array<Eigen::Quaterniond, segment_count>& o) {
  SegmentOrientations m = truth;
  for (std::size_t i = 0; i < segment_count; ++i) m.q_global_segment[i] = truth.q_global_segment[i] * o[i];
  return m;
}

// Upright pelvis facing a random heading (about the global +Y).
Eigen::Quaterniond upright(std::mt19937& rng) {
  std::uniform_real_distribution<double> h(-3.1, 3.1);
  return Eigen::Quaterniond(Eigen::AngleAxisd(h(rng), Eigen::Vector3d::UnitY()));
}

double max_difference(const JointAngles& a, const JointAngles& b) {
  double worst = 0.0;
  for (DofId d : all_dofs) {
    EXPECT_EQ(a.status[index(d)], b.status[index(d)]) << to_string(d);
    EXPECT_EQ(a.pose.observed(d), b.pose.observed(d)) << to_string(d);
    if (a.pose.observed(d) && b.pose.observed(d))
      worst = std::max(worst, std::abs(to_radians(*a.pose.get(d)) - to_radians(*b.pose.get(d))));
  }
  return worst;
}

CalibrationOptions y_up() {
  CalibrationOptions o;
  o.up = Eigen::Vector3d::UnitY();
  return o;
}

TEST(Calibration, RoundTripRemovesRandomOffsetsExactly) {
  std::mt19937 rng(20261201);
  for (int trial = 0; trial < 20; ++trial) {
    const auto offsets = random_offsets(rng, 40 * deg);
    // three neutral frames, identical but for the heading of the subject (same stance)
    const Eigen::Quaterniond heading = upright(rng);
    std::vector<SegmentOrientations> neutral(
        3, with_offsets(segment_orientations(neutral_pose(Neutral::standing), heading), offsets));
    const NeutralCalibration cal = calibrate_neutral(neutral, Neutral::standing, y_up());
    EXPECT_EQ(cal.calibrated_mask().count(), segment_count);
    // at the neutral: every DoF reads its declared value (0)
    const JointAngles at_neutral = joint_angles(cal.applied(neutral[0]));
    for (DofId d : all_dofs)
      if (at_neutral.pose.observed(d)) {
        EXPECT_NEAR(to_radians(*at_neutral.pose.get(d)), 0.0, 1e-9) << to_string(d);
      }
    for (int k = 0; k < 10; ++k) {
      const Pose truth_pose = test_support::random_pose(rng);
      const SegmentOrientations truth = segment_orientations(truth_pose, random_rotation(rng, 3.0));
      const SegmentOrientations measured = with_offsets(truth, offsets);
      const JointAngles expected = joint_angles(truth);
      EXPECT_LT(max_difference(joint_angles(cal.applied(measured)), expected), 1e-9);
      // the offsets matter: without the calibration the angles are wrong
      const JointAngles raw = joint_angles(measured);
      double worst = 0.0;
      for (DofId d : all_dofs)
        if (raw.pose.observed(d) && expected.pose.observed(d))
          worst = std::max(worst, std::abs(to_radians(*raw.pose.get(d)) - to_radians(*expected.pose.get(d))));
      EXPECT_GT(worst, 1.0 * deg);
    }
  }
}

TEST(Calibration, WithoutUpThePelvisIsTakenAsCorrect) {
  std::mt19937 rng(7);
  auto offsets = random_offsets(rng, 30 * deg);
  offsets[static_cast<std::size_t>(Segment::pelvis)] = Eigen::Quaterniond::Identity();
  const std::vector<SegmentOrientations> neutral{
      with_offsets(segment_orientations(neutral_pose(Neutral::standing), random_rotation(rng, 3.0)), offsets)};
  const NeutralCalibration cal = calibrate_neutral(neutral, Neutral::standing);  // no up: any pelvis orientation
  EXPECT_FALSE(cal.calibrated(Segment::pelvis));
  const SegmentOrientations truth = segment_orientations(test_support::random_pose(rng), random_rotation(rng, 3.0));
  EXPECT_LT(max_difference(joint_angles(cal.applied(with_offsets(truth, offsets))), joint_angles(truth)), 1e-9);
}

TEST(Calibration, AveragesSeveralStillFrames) {
  // Frames jittered by up to 1°: the calibrated neutral reads within 1° of zero, the spread is reported.
  std::mt19937 rng(11);
  const auto offsets = random_offsets(rng, 20 * deg);
  const SegmentOrientations base = with_offsets(segment_orientations(neutral_pose(Neutral::standing)), offsets);
  std::vector<SegmentOrientations> frames;
  for (int k = 0; k < 20; ++k) {
    SegmentOrientations f = base;
    for (auto& q : f.q_global_segment) q = q * random_rotation(rng, 1.0 * deg);
    frames.push_back(f);
  }
  const NeutralCalibration cal = calibrate_neutral(frames, Neutral::standing, y_up());
  EXPECT_EQ(cal.frame_count(), 20u);
  for (std::size_t i = 0; i < segment_count; ++i) {
    EXPECT_GT(cal.spread_rad(static_cast<Segment>(i)), 0.0);
    // each frame is within 1° of the base and the mean within 1° of the base: at most 2° apart
    EXPECT_LE(cal.spread_rad(static_cast<Segment>(i)), 2.0 * deg + 1e-12);
  }
  const JointAngles a = joint_angles(cal.applied(base));
  for (DofId d : all_dofs)
    if (a.pose.observed(d)) {
      EXPECT_LT(std::abs(to_radians(*a.pose.get(d))), 2.0 * deg) << to_string(d);
    }
}

TEST(Calibration, TPoseDeclaredAsSuch) {
  std::mt19937 rng(3);
  // Wu et al. 2005: arm abducted 90° in the frontal plane = ISB plane of elevation 0, elevation 90°.
  const Pose t = neutral_pose(Neutral::t_pose);
  EXPECT_NEAR(to_radians(*t.get(DofId::left_shoulder_abduction_adduction)), -90 * deg, 1e-15);
  EXPECT_NEAR(to_radians(*t.get(DofId::right_shoulder_abduction_adduction)), -90 * deg, 1e-15);
  const auto offsets = random_offsets(rng, 35 * deg);
  const std::vector<SegmentOrientations> neutral{with_offsets(segment_orientations(t, upright(rng)), offsets)};
  const NeutralCalibration cal = calibrate_neutral(neutral, Neutral::t_pose, y_up());
  const JointAngles at = joint_angles(cal.applied(neutral[0]));
  for (DofId d : all_dofs) {
    if (!at.pose.observed(d)) continue;
    const bool abduction =
        d == DofId::left_shoulder_abduction_adduction || d == DofId::right_shoulder_abduction_adduction;
    EXPECT_NEAR(to_radians(*at.pose.get(d)), abduction ? -90 * deg : 0.0, 1e-9) << to_string(d);
  }
  // ISB angles at the T-pose: plane of elevation 0, elevation 90° (both sides after mirroring)
  for (int s = 0; s < 2; ++s) {
    EXPECT_NEAR(at.shoulder_isb[static_cast<std::size_t>(s)][0], 0.0, 1e-9);
    EXPECT_NEAR(at.shoulder_isb[static_cast<std::size_t>(s)][1], 90 * deg, 1e-9);
  }
  for (int k = 0; k < 10; ++k) {
    const SegmentOrientations truth = segment_orientations(test_support::random_pose(rng), random_rotation(rng, 3.0));
    EXPECT_LT(max_difference(joint_angles(cal.applied(with_offsets(truth, offsets))), joint_angles(truth)), 1e-9);
  }
  // The same frames declared as standing: the upper arms are 90° from that neutral, refused.
  try {
    (void)calibrate_neutral(neutral, Neutral::standing, y_up());
    ADD_FAILURE() << "a T-pose declared as standing was accepted";
  } catch (const invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("not the declared posture"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("upper_arm"), std::string::npos) << e.what();
  }
}

TEST(Calibration, AnatomicalNeutralIsPalmsForward) {
  const Pose a = neutral_pose(Neutral::anatomical);
  // ISB forearm zero = full supination = clinical supination s_mid (80°, AAOS 1994 via rom_norms.csv)
  EXPECT_NEAR(to_radians(*a.get(DofId::right_forearm_pronation_supination)), -80 * deg, 1e-12);
  const SegmentOrientations s = segment_orientations(a);
  // every segment frame equal in the ISB anatomical position (segment.hpp)
  for (std::size_t i = 1; i < segment_count; ++i)
    EXPECT_LT(s.q_global_segment[i].angularDistance(s.q_global_segment[0]), 1e-12) << to_string(Segment(i));
}

// Reflection of a whole scene across the global sagittal plane (z → −z) with left and right swapped:
// R' = M R M, i.e. quaternion (w, x, y, z) → (w, −x, −y, z).
SegmentOrientations mirrored(const SegmentOrientations& s) {
  auto m = [](const Eigen::Quaterniond& q) { return Eigen::Quaterniond(q.w(), -q.x(), -q.y(), q.z()); };
  auto swap_side = [](Segment x) {
    const auto i = static_cast<std::size_t>(x);
    const std::size_t l0 = static_cast<std::size_t>(Segment::left_upper_arm);
    const std::size_t r0 = static_cast<std::size_t>(Segment::right_upper_arm);
    if (i >= l0 && i < r0) return static_cast<Segment>(i - l0 + r0);
    if (i >= r0) return static_cast<Segment>(i - r0 + l0);
    return x;
  };
  SegmentOrientations out;
  for (std::size_t i = 0; i < segment_count; ++i)
    if (s.known.test(i)) out.set(swap_side(static_cast<Segment>(i)), m(s.q_global_segment[i]));
  return out;
}

TEST(Calibration, MirrorSymmetry) {
  std::mt19937 rng(5);
  const auto offsets = random_offsets(rng, 35 * deg);
  const std::vector<SegmentOrientations> neutral{
      with_offsets(segment_orientations(neutral_pose(Neutral::standing), upright(rng)), offsets)};
  const std::vector<SegmentOrientations> neutral_m{mirrored(neutral[0])};
  const NeutralCalibration cal = calibrate_neutral(neutral, Neutral::standing, y_up());
  const NeutralCalibration cal_m = calibrate_neutral(neutral_m, Neutral::standing, y_up());
  for (int k = 0; k < 10; ++k) {
    const SegmentOrientations measured =
        with_offsets(segment_orientations(test_support::random_pose(rng), random_rotation(rng, 3.0)), offsets);
    const JointAngles a = joint_angles(cal.applied(measured));
    const JointAngles b = joint_angles(cal_m.applied(mirrored(measured)));
    for (DofId d : all_dofs) {
      const DofId dm = side_of(d) == Side::none ? d : mirror(d);
      ASSERT_EQ(a.pose.observed(d), b.pose.observed(dm)) << to_string(d);
      if (!a.pose.observed(d)) continue;
      // the same anatomical motion has the same sign on both sides; spinal lateral flexion and axial
      // rotation (to the right positive) change sign in the mirror
      const bool odd = side_of(d) == Side::none && axis_of(d) != Axis::flexion_extension;
      EXPECT_NEAR(to_radians(*a.pose.get(d)), (odd ? -1.0 : 1.0) * to_radians(*b.pose.get(dm)), 1e-9) << to_string(d);
    }
  }
}

TEST(Calibration, RefusesFramesThatAreNotStill) {
  std::mt19937 rng(9);
  const SegmentOrientations base = segment_orientations(neutral_pose(Neutral::standing));
  std::vector<SegmentOrientations> frames(5, base);
  // the right forearm turns by 10° about its long axis during the "neutral" frames
  frames[3].q_global_segment[static_cast<std::size_t>(Segment::right_forearm)] *=
      Eigen::Quaterniond(Eigen::AngleAxisd(10 * deg, Eigen::Vector3d::UnitY()));
  try {
    (void)calibrate_neutral(frames, Neutral::standing, y_up());
    ADD_FAILURE() << "a moving neutral was accepted";
  } catch (const invalid_argument& e) {
    const std::string w = e.what();
    EXPECT_NE(w.find("not still"), std::string::npos) << w;
    EXPECT_NE(w.find("right_forearm"), std::string::npos) << w;
    EXPECT_NE(w.find("frame 3"), std::string::npos) << w;
  }
  // within the default 5° it is accepted (and averaged)
  frames[3] = base;
  frames[3].q_global_segment[static_cast<std::size_t>(Segment::right_forearm)] *=
      Eigen::Quaterniond(Eigen::AngleAxisd(2 * deg, Eigen::Vector3d::UnitY()));
  EXPECT_NO_THROW((void)calibrate_neutral(frames, Neutral::standing, y_up()));
  EXPECT_THROW((void)calibrate_neutral(std::span<const SegmentOrientations>{}, Neutral::standing), invalid_argument);
  CalibrationOptions bad = y_up();
  bad.up = Eigen::Vector3d::Zero();
  EXPECT_THROW((void)calibrate_neutral(frames, Neutral::standing, bad), invalid_argument);
}

TEST(Calibration, RefusesAPostureThatIsNotTheDeclaredOne) {
  Pose p = neutral_pose(Neutral::standing);
  p.set(DofId::left_knee_flexion_extension, radians(60 * deg));
  const std::vector<SegmentOrientations> frames{segment_orientations(p)};
  try {
    (void)calibrate_neutral(frames, Neutral::standing, y_up());
    ADD_FAILURE() << "a knee bent 60° was accepted as standing";
  } catch (const invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("left_shank is 60.0°"), std::string::npos) << e.what();
  }
  // restricted to other segments, the same frames calibrate (the shank keeps its frame)
  CalibrationOptions o = y_up();
  o.segments.reset(static_cast<std::size_t>(Segment::left_shank));
  const NeutralCalibration cal = calibrate_neutral(frames, Neutral::standing, o);
  EXPECT_FALSE(cal.calibrated(Segment::left_shank));
  EXPECT_NEAR(to_radians(*joint_angles(cal.applied(frames[0])).pose.get(DofId::left_knee_flexion_extension)), 60 * deg,
              1e-9);
}

TEST(Calibration, LeavesMissingInvalidAndDegenerateSegmentsAlone) {
  const std::vector<SegmentOrientations> frames{segment_orientations(neutral_pose(Neutral::standing))};
  const NeutralCalibration cal = calibrate_neutral(frames, Neutral::standing);
  SegmentOrientations s = frames[0];
  s.set(Segment::left_hand, Eigen::Quaterniond(0, 0, 0, 0));
  s.set_degenerate(Segment::right_hand);
  s.known.reset(static_cast<std::size_t>(Segment::head));
  const JointAngles a = joint_angles(cal.applied(s));
  EXPECT_EQ(a.status[index(DofId::left_wrist_flexion_extension)], DofStatus::invalid_rotation);
  EXPECT_EQ(a.status[index(DofId::right_wrist_flexion_extension)], DofStatus::degenerate_geometry);
  EXPECT_EQ(a.status[index(DofId::cervical_flexion_extension)], DofStatus::missing_segment);
}

TEST(Calibration, ParseNeutral) {
  EXPECT_EQ(parse_neutral("standing"), Neutral::standing);
  EXPECT_EQ(parse_neutral("t-pose"), Neutral::t_pose);
  EXPECT_EQ(parse_neutral("anatomical"), Neutral::anatomical);
  EXPECT_FALSE(parse_neutral("sitting"));
}

// ---- BVH ----

std::string zeros(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += " 0";
  return s;
}

// A MotionBuilder-named rig in a T-pose (Y up, facing +Z, the subject's left at +X), one frame
// with every rotation zero. The left hand's finger base sits on the wrist (OFFSET 0 0 0).
std::string mobu_tpose(const char* left_finger_offset, const char* left_toe_offset = "0 -1 3") {
  return std::string(R"(HIERARCHY
ROOT Hips
{
  OFFSET 0 0 0
  CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation
  JOINT LeftUpLeg
  {
    OFFSET 9 0 0
    CHANNELS 3 Zrotation Xrotation Yrotation
    JOINT LeftLeg
    {
      OFFSET 0 -42 0
      CHANNELS 3 Zrotation Xrotation Yrotation
      JOINT LeftFoot
      {
        OFFSET 0 -40 0
        CHANNELS 3 Zrotation Xrotation Yrotation
        JOINT LeftToeBase
        {
          OFFSET )") +
         left_toe_offset + R"(
          CHANNELS 3 Zrotation Xrotation Yrotation
          End Site
          {
            OFFSET 0 0 4
          }
        }
      }
    }
  }
  JOINT RightUpLeg
  {
    OFFSET -9 0 0
    CHANNELS 3 Zrotation Xrotation Yrotation
    JOINT RightLeg
    {
      OFFSET 0 -42 0
      CHANNELS 3 Zrotation Xrotation Yrotation
      JOINT RightFoot
      {
        OFFSET 0 -40 0
        CHANNELS 3 Zrotation Xrotation Yrotation
        JOINT RightToeBase
        {
          OFFSET 0 -1 3
          CHANNELS 3 Zrotation Xrotation Yrotation
          End Site
          {
            OFFSET 0 0 4
          }
        }
      }
    }
  }
  JOINT Spine
  {
    OFFSET 0 10 0
    CHANNELS 3 Zrotation Xrotation Yrotation
    JOINT Spine1
    {
      OFFSET 0 15 0
      CHANNELS 3 Zrotation Xrotation Yrotation
      JOINT Neck
      {
        OFFSET 0 20 0
        CHANNELS 3 Zrotation Xrotation Yrotation
        JOINT Head
        {
          OFFSET 0 8 0
          CHANNELS 3 Zrotation Xrotation Yrotation
          End Site
          {
            OFFSET 0 15 0
          }
        }
      }
      JOINT LeftShoulder
      {
        OFFSET 3 15 0
        CHANNELS 3 Zrotation Xrotation Yrotation
        JOINT LeftArm
        {
          OFFSET 12 0 0
          CHANNELS 3 Zrotation Xrotation Yrotation
          JOINT LeftForeArm
          {
            OFFSET 28 0 0
            CHANNELS 3 Zrotation Xrotation Yrotation
            JOINT LeftHand
            {
              OFFSET 25 0 0
              CHANNELS 3 Zrotation Xrotation Yrotation
              JOINT LeftHandMiddle1
              {
                OFFSET )" +
         left_finger_offset + R"(
                CHANNELS 3 Zrotation Xrotation Yrotation
                End Site
                {
                  OFFSET 4 0 0
                }
              }
            }
          }
        }
      }
      JOINT RightShoulder
      {
        OFFSET -3 15 0
        CHANNELS 3 Zrotation Xrotation Yrotation
        JOINT RightArm
        {
          OFFSET -12 0 0
          CHANNELS 3 Zrotation Xrotation Yrotation
          JOINT RightForeArm
          {
            OFFSET -28 0 0
            CHANNELS 3 Zrotation Xrotation Yrotation
            JOINT RightHand
            {
              OFFSET -25 0 0
              CHANNELS 3 Zrotation Xrotation Yrotation
              JOINT RightHandMiddle1
              {
                OFFSET -9 0 0
                CHANNELS 3 Zrotation Xrotation Yrotation
                End Site
                {
                  OFFSET -4 0 0
                }
              }
            }
          }
        }
      }
    }
  }
}
MOTION
Frames: 1
Frame Time: 0.0333333
0 95 0)" +
         zeros(3 + 3 * 22) + "\n";
}

io::BvhFile parse_rig(const char* finger, const char* toe = "0 -1 3") {
  return io::parse_bvh(mobu_tpose(finger, toe), "mobu_tpose.bvh");
}

TEST(BvhDegenerate, ZeroLengthFingerBaseGivesUnknownWristNotNinetyDegrees) {
  const io::BvhFile f = parse_rig("0 0 0");
  const io::BvhBinding b = io::bind_bvh(f);
  ASSERT_TRUE(b.has(Segment::left_hand));
  EXPECT_TRUE(b[Segment::left_hand].degenerate);
  EXPECT_FALSE(b[Segment::right_hand].degenerate);
  io::BvhPoseWorkspace ws(f);
  const JointAngles a = io::bvh_frame_angles(f, b, 0, ws);
  for (DofId d : {DofId::left_wrist_flexion_extension, DofId::left_wrist_radial_ulnar_deviation}) {
    EXPECT_FALSE(a.pose.observed(d)) << to_string(d);
    EXPECT_EQ(a.status[index(d)], DofStatus::degenerate_geometry) << to_string(d);
  }
  // the right hand, with a real finger base, reads 0° in the T-pose; the forearm DoFs of the left
  // side do not need the hand and stay observed
  EXPECT_NEAR(to_radians(*a.pose.get(DofId::right_wrist_radial_ulnar_deviation)), 0.0, 1e-9);
  EXPECT_NEAR(to_radians(*a.pose.get(DofId::right_wrist_flexion_extension)), 0.0, 1e-9);
  EXPECT_TRUE(a.pose.observed(DofId::left_elbow_flexion_extension));
  EXPECT_TRUE(a.pose.observed(DofId::left_forearm_pronation_supination));
  // T-pose rest: shoulders abducted 90° (adduction −90°)
  EXPECT_NEAR(to_radians(*a.pose.get(DofId::left_shoulder_abduction_adduction)), -90 * deg, 1e-9);
}

TEST(BvhDegenerate, TooShortRelativeToTheBodyAndZeroLengthToe) {
  // 0.001 units against a body ~100 units tall: below 0.01 × body scale
  const io::BvhFile f = parse_rig("0.001 0 0", "0 0 0");
  const io::BvhBinding b = io::bind_bvh(f);
  EXPECT_TRUE(b[Segment::left_hand].degenerate);
  EXPECT_TRUE(b[Segment::left_foot].degenerate);
  EXPECT_FALSE(b[Segment::right_foot].degenerate);
  io::BvhPoseWorkspace ws(f);
  const JointAngles a = io::bvh_frame_angles(f, b, 0, ws);
  EXPECT_EQ(a.status[index(DofId::left_ankle_dorsiflexion_plantarflexion)], DofStatus::degenerate_geometry);
  EXPECT_EQ(a.status[index(DofId::left_subtalar_inversion_eversion)], DofStatus::degenerate_geometry);
  EXPECT_TRUE(a.pose.observed(DofId::right_ankle_dorsiflexion_plantarflexion));
  // with a zero threshold only an exactly zero length is degenerate
  io::BvhBindOptions o;
  o.min_length_fraction = 0.0;
  EXPECT_FALSE(io::bind_bvh(f, io::cmu_mapping(), o)[Segment::left_hand].degenerate);
  o.min_length_fraction = -1;
  EXPECT_THROW((void)io::bind_bvh(f, io::cmu_mapping(), o), invalid_argument);
}

TEST(BvhCalibration, TPoseRigCalibratedAsTPose) {
  const io::BvhFile f = parse_rig("9 0 0");
  const io::BvhBinding b = io::bind_bvh(f);
  const std::array<Eigen::Index, 1> frames{0};
  // The rig's rest frames carry no palm direction: a horizontal forearm's rest frame is built with
  // X forward (docs/bvh.md), which is the ISB zero (palms forward, supination 80°), while a T-pose
  // declares the mid-position (palms down). That 80° is more than the default plausibility bound.
  try {
    (void)io::bvh_calibrate_neutral(f, b, frames, Neutral::t_pose);
    ADD_FAILURE() << "an 80° forearm offset was accepted with the default max_offset_rad";
  } catch (const invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("left_forearm is 80.0°"), std::string::npos) << e.what();
  }
  CalibrationOptions o;
  o.max_offset_rad = 85 * deg;  // admits the 80° forearm, not a 90° arm
  const NeutralCalibration cal = io::bvh_calibrate_neutral(f, b, frames, Neutral::t_pose, o);
  EXPECT_NEAR(cal.offset_angle_rad(Segment::right_forearm), 80 * deg, 1e-9);
  EXPECT_TRUE(cal.calibrated(Segment::pelvis));
  io::BvhPoseWorkspace ws(f);
  const JointAngles a = io::bvh_frame_angles(f, b, 0, ws, {}, &cal);
  EXPECT_NEAR(to_radians(*a.pose.get(DofId::left_shoulder_abduction_adduction)), -90 * deg, 1e-9);
  EXPECT_NEAR(to_radians(*a.pose.get(DofId::right_forearm_pronation_supination)), 0.0, 1e-9);
  // declared as standing: refused, the arms are abducted
  EXPECT_THROW((void)io::bvh_calibrate_neutral(f, b, frames, Neutral::standing, o), invalid_argument);
  const std::array<Eigen::Index, 1> out_of_range{1};
  EXPECT_THROW((void)io::bvh_calibrate_neutral(f, b, out_of_range, Neutral::t_pose, o), invalid_argument);
}

// ---- the CMU walk (data/samples/bvh, 131_01 "start, walk, stop") ----

const io::BvhFile& walk() {
  static const io::BvhFile f =
      io::read_bvh(std::string(ARTHROKIN_DATA_DIR) + "/samples/bvh/131_01_start_walk_stop.bvh");
  return f;
}

std::vector<double> right_wrist_deviation_deg(const std::vector<Pose>& poses) {
  std::vector<double> v;
  for (const Pose& p : poses) v.push_back(to_radians(*p.get(DofId::right_wrist_radial_ulnar_deviation)) / deg);
  return v;
}
double median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}
// AAOS 1994 (rom_norms.csv, AAOS94): radial deviation 20°, ulnar deviation 30°.
std::size_t outside_aaos(const std::vector<double>& dev) {
  return static_cast<std::size_t>(std::count_if(dev.begin(), dev.end(), [](double d) { return d < -20 || d > 30; }));
}

TEST(BvhCalibration, CmuWalkFirstFrameIsNotAStandingNeutral) {
  // In the first frame the subject holds a stylised pose: the left elbow is bent ~97° and the left
  // humerus turned ~70° (docs/bvh.md); a whole-body "standing" calibration from it is refused.
  const io::BvhBinding b = io::bind_bvh(walk());
  const std::array<Eigen::Index, 1> first{0};
  try {
    (void)io::bvh_calibrate_neutral(walk(), b, first, Neutral::standing);
    ADD_FAILURE() << "frame 0 of the CMU walk was accepted as a standing neutral";
  } catch (const invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("not the declared posture"), std::string::npos) << e.what();
  }
}

TEST(BvhCalibration, CmuWalkHandOffsetRemoved) {
  // The right wrist reads about 23° of radial deviation both in the first half-second and as
  // the median of the whole 8 s walk: a healthy adult does not walk with the wrist held at the end
  // of its radial range (AAOS 20°), so the constant is an offset of the hand's frame (the CMU hand
  // is tracked by few markers). Calibrating the hands from the first frame removes it: the median
  // moves to within 5° of zero and the frames outside the AAOS range fall by more than half.
  const io::BvhBinding b = io::bind_bvh(walk());
  const std::vector<double> before = right_wrist_deviation_deg(io::bvh_to_poses(walk()));
  std::vector<double> start(before.begin(), before.begin() + 60);  // the first half second
  EXPECT_LT(median(start), -20.0);
  EXPECT_LT(median(before), -20.0);
  CalibrationOptions o;
  o.segments.reset();
  o.segments.set(static_cast<std::size_t>(Segment::left_hand));
  o.segments.set(static_cast<std::size_t>(Segment::right_hand));
  const std::array<Eigen::Index, 1> first{0};
  const NeutralCalibration cal = io::bvh_calibrate_neutral(walk(), b, first, Neutral::standing, o);
  EXPECT_EQ(cal.calibrated_mask().count(), 2u);
  const std::vector<double> after = right_wrist_deviation_deg(io::bvh_to_poses(walk(), io::cmu_mapping(), {}, &cal));
  EXPECT_NEAR(after[0], 0.0, 1e-9);
  EXPECT_LT(std::abs(median(after)), 5.0);
  EXPECT_LT(2 * outside_aaos(after), outside_aaos(before));
}

}  // namespace
