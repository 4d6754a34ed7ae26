// SMPL / AMASS pose parameters (io/smpl.hpp): poses whose joint angles follow from geometry in
// SMPL's axes (x left, y up, z forward), the synthetic sample written by Python's zipfile as
// np.savez writes (tools/make_smpl_sample.py), the round trip angles → SMPL parameters → angles,
// and bad archives.
#include <arthrokin/io/smpl.hpp>
#include <arthrokin/kinematics/forward.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>
#include "support/cli_run.hpp"
#include "support/files.hpp"

namespace {

using namespace arthrokin;

const std::string kSample = std::string(ARTHROKIN_DATA_DIR) + "/samples/smpl/synthetic_squat.npz";

double deg(const Pose& p, DofId d) { return to_degrees(*p.get(d)); }

std::array<double, 72> params() {
  std::array<double, 72> p{};
  return p;
}

// The rest pose is SMPL's T-pose: shoulders abducted 90°, everything else 0, forearms unknown.
TEST(io_smpl, RestPoseReadsAsTPose) {
  const auto p = params();
  const JointAngles a = io::smpl_joint_angles(p);
  EXPECT_NEAR(deg(a.pose, DofId::left_shoulder_abduction_adduction), -90.0, 1e-9);  // adduction −90 = abduction 90
  EXPECT_NEAR(deg(a.pose, DofId::right_shoulder_abduction_adduction), -90.0, 1e-9);
  for (DofId d :
       {DofId::left_knee_flexion_extension, DofId::right_hip_flexion_extension, DofId::left_elbow_flexion_extension,
        DofId::lumbar_flexion_extension, DofId::right_ankle_dorsiflexion_plantarflexion,
        DofId::left_shoulder_flexion_extension, DofId::cervical_axial_rotation})
    EXPECT_NEAR(deg(a.pose, d), 0.0, 1e-9) << to_string(d);
  for (DofId d : {DofId::left_forearm_pronation_supination, DofId::right_forearm_pronation_supination}) {
    EXPECT_FALSE(a.pose.observed(d));
    EXPECT_EQ(a.status[index(d)], DofStatus::unobservable);
  }
}

// Geometry in SMPL's axes: a rotation +k about x swings a shank (along −y) backwards (knee
// flexion k); −h about x swings a thigh forwards (hip flexion h); the left T-pose arm (+x) turned
// −a about z and the right (−x) +a about z lower by a; the left forearm (+x) turned −e about y
// points forwards (elbow flexion e), the right (−x) +e.
TEST(io_smpl, KnownRotationsGiveKnownAngles) {
  auto p = params();
  const double k = deg_to_rad(70), h = deg_to_rad(35), a = deg_to_rad(60), e = deg_to_rad(50);
  p[3 * 4] = k, p[3 * 5] = k / 2;
  p[3 * 1] = -h, p[3 * 2] = -h / 2;
  p[3 * 16 + 2] = -a, p[3 * 17 + 2] = a;
  p[3 * 18 + 1] = -e, p[3 * 19 + 1] = e;
  const Pose pose = io::smpl_joint_angles(p).pose;
  EXPECT_NEAR(deg(pose, DofId::left_knee_flexion_extension), 70, 1e-9);
  EXPECT_NEAR(deg(pose, DofId::right_knee_flexion_extension), 35, 1e-9);
  EXPECT_NEAR(deg(pose, DofId::left_hip_flexion_extension), 35, 1e-9);
  EXPECT_NEAR(deg(pose, DofId::right_hip_flexion_extension), 17.5, 1e-9);
  EXPECT_NEAR(deg(pose, DofId::left_shoulder_abduction_adduction), -30, 1e-9);
  EXPECT_NEAR(deg(pose, DofId::right_shoulder_abduction_adduction), -30, 1e-9);
  EXPECT_NEAR(deg(pose, DofId::left_elbow_flexion_extension), 50, 1e-9);
  EXPECT_NEAR(deg(pose, DofId::right_elbow_flexion_extension), 50, 1e-9);
  // The whole body turned (global orientation) changes no joint angle.
  auto turned = p;
  turned[0] = 0.3, turned[1] = -1.1, turned[2] = 0.4;
  const Pose t = io::smpl_joint_angles(turned).pose;
  for (DofId d : all_dofs) {
    if (pose.observed(d)) {
      EXPECT_NEAR(deg(t, d), deg(pose, d), 1e-9) << to_string(d);
    }
  }
  // Spine: spine1 and spine2 both bend the lumbar region (flexion = forward, +x rotation tips the
  // trunk (along +y) forwards: R_x(θ) y = (0, cos θ, sin θ)).
  auto bent = params();
  bent[3 * 3] = deg_to_rad(10), bent[3 * 6] = deg_to_rad(15), bent[3 * 9] = deg_to_rad(20);
  const Pose b = io::smpl_joint_angles(bent).pose;
  EXPECT_NEAR(deg(b, DofId::lumbar_flexion_extension), 25, 1e-9);
  EXPECT_NEAR(deg(b, DofId::thoracic_flexion_extension), 20, 1e-9);
}

TEST(io_smpl, NonFiniteJointLeavesItsSubtreeUnknown) {
  auto p = params();
  p[3 * 16] = std::nan("");  // left shoulder: the left arm is unknown
  SegmentOrientations s;
  io::smpl_segment_orientations(p, s);
  EXPECT_FALSE(s.has(Segment::left_upper_arm));
  EXPECT_FALSE(s.has(Segment::left_forearm));
  EXPECT_FALSE(s.has(Segment::left_hand));
  EXPECT_TRUE(s.has(Segment::right_upper_arm));
  EXPECT_TRUE(s.has(Segment::thorax));
  // Finite components whose norm (the angle) overflows: unknown too (found by the fuzz target smpl).
  auto huge = params();
  huge[3 * 18] = 1e308, huge[3 * 18 + 1] = 1e308;
  io::smpl_segment_orientations(huge, s);
  EXPECT_TRUE(s.has(Segment::left_upper_arm));
  EXPECT_FALSE(s.has(Segment::left_forearm));
  std::array<double, 66> back{};
  io::smpl_axis_angles(s, back);
  for (double v : back) EXPECT_TRUE(std::isfinite(v));
  const std::vector<double> short_vector(65, 0.0);
  EXPECT_THROW(io::smpl_segment_orientations(short_vector, s), invalid_argument);
}

// Angles → segment orientations (forward.hpp) → SMPL parameters → angles: every DoF but the
// forearm's (unknown from SMPL) comes back.
TEST(io_smpl, RoundTripAnglesToSmplToAngles) {
  std::mt19937 rng(20261201);
  std::uniform_real_distribution<double> u(-1, 1);
  for (int trial = 0; trial < 200; ++trial) {
    Pose in;
    for (DofId d : all_dofs) {
      if (axis_of(d) == Axis::horizontal_abduction_adduction) continue;  // determined by flexion and adduction
      in.set(d, radians(deg_to_rad(40 * u(rng))));
    }
    const Eigen::Quaterniond q_pelvis =
        Eigen::Quaterniond(Eigen::AngleAxisd(3 * u(rng), Eigen::Vector3d::Random().normalized()));
    const SegmentOrientations seg = segment_orientations(in, q_pelvis);
    std::array<double, 66> aa{};
    io::smpl_axis_angles(seg, aa);
    const Pose out = io::smpl_joint_angles(aa).pose;
    for (DofId d : all_dofs) {
      if (axis_of(d) == Axis::horizontal_abduction_adduction || joint_of(d) == Joint::forearm) continue;
      ASSERT_TRUE(out.observed(d)) << to_string(d) << " trial " << trial;
      EXPECT_NEAR(deg(out, d), deg(in, d), 1e-7) << to_string(d) << " trial " << trial;
    }
  }
}

// The sample (written by Python's zipfile, entries with zip64 extras, as np.savez) reads back the
// angles its generator built from geometry: frame i has knee flexion 9i°, hip flexion 6i°,
// shoulder abduction 3i°, elbow flexion 4i°, at 30 fps.
TEST(io_smpl, SyntheticSampleFromNumpyStyleNpz) {
  const io::SmplMotion m = io::read_smpl(kSample);
  ASSERT_EQ(m.frames, 11u);
  ASSERT_TRUE(m.fps.has_value());
  EXPECT_EQ(*m.fps, 30.0);
  EXPECT_EQ(m.source, "poses (11×72)");
  for (std::size_t i = 0; i < m.frames; ++i) {
    const Pose p = io::smpl_joint_angles(m.frame(i)).pose;
    const double f = static_cast<double>(i);
    EXPECT_NEAR(deg(p, DofId::left_knee_flexion_extension), 9 * f, 1e-9);
    EXPECT_NEAR(deg(p, DofId::right_hip_flexion_extension), 6 * f, 1e-9);
    EXPECT_NEAR(deg(p, DofId::left_shoulder_abduction_adduction), -3 * f, 1e-9);
    EXPECT_NEAR(deg(p, DofId::right_elbow_flexion_extension), 4 * f, 1e-9);
  }
  // The writer's own archive reads back exactly.
  std::vector<double> all(m.axis_angle);
  const std::string npz = io::write_smpl_npz(all, 30.0);
  const io::SmplMotion again = io::parse_smpl_npz(npz, "w.npz");
  EXPECT_EQ(again.axis_angle, m.axis_angle);
  EXPECT_EQ(again.fps, m.fps);
}

std::string error_of(const std::string& bytes, bool npy = false) {
  try {
    if (npy)
      (void)io::parse_smpl_npy(bytes, "s.npy");
    else
      (void)io::parse_smpl_npz(bytes, "s.npz");
  } catch (const parse_error& e) {
    return e.what();
  }
  return "<no error>";
}

std::string npy(const std::string& header_dict, std::size_t data_bytes) {
  std::string h = header_dict + "\n";
  std::string s = "\x93NUMPY";
  s += '\x01';
  s += '\x00';
  s += static_cast<char>(h.size() & 0xFF);
  s += static_cast<char>(h.size() >> 8);
  return s + h + std::string(data_bytes, '\0');
}

TEST(io_smpl, BadArchivesAndArrays) {
  const std::string good = io::write_smpl_npz(std::vector<double>(66, 0.1), 60.0);
  EXPECT_EQ(io::parse_smpl_npz(good, "s.npz").frames, 1u);
  // A compressed entry: method 8 in the central directory.
  std::string deflated = good;
  const auto cd = deflated.find("PK\x01\x02");
  deflated[cd + 10] = 8;
  EXPECT_NE(error_of(deflated).find("s.npz: poses.npy: compressed archive entry (zip method 8)"), std::string::npos)
      << error_of(deflated);
  EXPECT_NE(error_of("hello").find("s.npz: not a .npz archive"), std::string::npos);
  EXPECT_NE(error_of(good.substr(0, good.size() - 30)).find("s.npz: not a .npz archive (no zip end"), std::string::npos)
      << error_of(good.substr(0, good.size() - 30));
  std::string renamed = good;
  for (auto p = renamed.find("poses.npy"); p != std::string::npos; p = renamed.find("poses.npy", p + 1))
    renamed.replace(p, 9, "paths.npy");
  EXPECT_NE(error_of(renamed).find("no SMPL pose array: expected poses, pose, or global_orient with body_pose (the "
                                   "archive has: paths.npy, mocap_framerate.npy)"),
            std::string::npos)
      << error_of(renamed);
  std::string nan = good;
  const auto data = nan.find("poses.npy") + 9 + 128;  // local header name, then a 128-byte .npy header
  const double q = std::nan("");
  std::memcpy(nan.data() + data + 8 * 5, &q, 8);
  EXPECT_NE(error_of(nan).find("s.npz: poses[0][5]: is not a finite number"), std::string::npos) << error_of(nan);
  // .npy arrays
  EXPECT_NE(error_of(npy("{'descr': '<i8', 'fortran_order': False, 'shape': (1, 72), }", 576), true)
                .find("s.npy: array: dtype ''<i8'' (expected little-endian float64"),
            std::string::npos);
  EXPECT_NE(error_of(npy("{'descr': '<f8', 'fortran_order': True, 'shape': (1, 72), }", 576), true)
                .find("Fortran-order array"),
            std::string::npos);
  EXPECT_NE(error_of(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 70), }", 560), true)
                .find("shape is not (frames, W) with W one of 66, 72, 156, 165"),
            std::string::npos);
  EXPECT_NE(error_of(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 72), }", 576), true)
                .find("fewer than its shape needs (truncated?)"),
            std::string::npos);
  EXPECT_NE(error_of(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2000000, 72), }", 0), true)
                .find("fewer than its shape needs"),
            std::string::npos);
  EXPECT_NE(error_of("\x93NUMPX", true).find("not a .npy array"), std::string::npos);
  EXPECT_EQ(io::parse_smpl_npy(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (72,), }", 288), "s.npy").frames,
            1u);
  EXPECT_THROW((void)io::write_smpl_npz(std::vector<double>(65, 0.0), 30.0), invalid_argument);
  EXPECT_THROW((void)io::write_smpl_npz(std::vector<double>(66, 0.0), 0.0), invalid_argument);
}

TEST(io_smpl, CliTakesNpz) {
  if (test::cli_path().empty()) GTEST_SKIP() << "built without the CLI";
  const test::CliResult r = test::run_cli("--format json scan --no-progress " + test::quote(kSample));
  EXPECT_NE(r.code, 2) << r.err;
  EXPECT_NE(r.out.find("\"frames\": 11"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("SMPL pose parameters (poses (11×72))"), std::string::npos) << r.out;
  const test::CliResult c = test::run_cli("check " + test::quote(kSample));
  EXPECT_NE(c.code, 2) << c.err;
}

}  // namespace
