// Real BlazePose output (data/samples) → angles, and the keypoint CSV reader.
#include <arthrokin/check.hpp>
#include <arthrokin/io/keypoints_csv.hpp>
#include <arthrokin/kinematics/keypoints.hpp>
#include <arthrokin/limits.hpp>

#include <gtest/gtest.h>

#include "support/fast_trig_agrees.hpp"

using namespace arthrokin;

namespace {
const std::string kData = ARTHROKIN_DATA_DIR;
double deg_of(const JointAngles& a, DofId d) { return to_degrees(*a.pose.get(d)); }
}  // namespace

TEST(KinematicsData, BlazePoseWorldTrial) {
  const auto t =
      io::read_keypoints_csv(kData + "/samples/blazepose_world/balancing_trial_cam01_world.csv", Layout::blazepose33);
  ASSERT_EQ(t.frames, 100u);
  KeypointOptions opt;
  opt.up = UpAxis::y_down;  // MediaPipe world landmarks: x right, y down, z away (right-handed)
  AngleUnwrapper unwrap;
  std::optional<JointAngles> prev;
  double max_right_knee = 0, max_right_hip = -1e9;
  for (std::size_t i = 0; i < t.frames; ++i) {
    auto a = keypoint_angles(t.frame(i), opt);
    unwrap(a);
    ASSERT_GE(a.pose.observed_count(), 20u) << "frame " << i;
    for (DofId d : {DofId::left_hip_flexion_extension, DofId::right_hip_flexion_extension,
                    DofId::left_knee_flexion_extension, DofId::right_knee_flexion_extension,
                    DofId::left_shoulder_flexion_extension, DofId::right_shoulder_flexion_extension,
                    DofId::left_elbow_flexion_extension, DofId::right_elbow_flexion_extension})
      ASSERT_TRUE(a.pose.observed(d)) << "frame " << i << " " << to_string(d);
    // plausible ranges for a healthy adult balancing on one leg (degrees). Knees and elbows may read
    // a few degrees of hyperextension (docs/kinematics.md, "Which way a knee or elbow is bent"): the
    // default knee limit allows 5°, and BlazePose reads the left knee −5.4° and −6.1° in frames 69–70
    // where the 4-camera reconstruction has it flexed 46° (docs/evaluation.md); a knee or elbow bent
    // backwards by more than 10° would be a wrong side, not an estimator's near-straight limb.
    for (DofId d : {DofId::left_knee_flexion_extension, DofId::right_knee_flexion_extension,
                    DofId::left_elbow_flexion_extension, DofId::right_elbow_flexion_extension}) {
      EXPECT_GE(deg_of(a, d), -10.0) << to_string(d) << " frame " << i;
      EXPECT_LE(deg_of(a, d), 150.0) << to_string(d) << " frame " << i;
    }
    for (DofId d : {DofId::left_hip_flexion_extension, DofId::right_hip_flexion_extension}) {
      EXPECT_GE(deg_of(a, d), -30.0) << to_string(d) << " frame " << i;
      EXPECT_LE(deg_of(a, d), 125.0) << to_string(d) << " frame " << i;
    }
    for (DofId d : {DofId::left_shoulder_flexion_extension, DofId::right_shoulder_flexion_extension}) {
      EXPECT_GE(deg_of(a, d), -60.0);
      EXPECT_LE(deg_of(a, d), 185.0);
    }
    max_right_knee = std::max(max_right_knee, deg_of(a, DofId::right_knee_flexion_extension));
    max_right_hip = std::max(max_right_hip, deg_of(a, DofId::right_hip_flexion_extension));
    // no branch jumps (a wrap or Euler flip moves an angle by ≥ 180°): the estimator's own
    // frame-to-frame noise reaches ~50° at the right elbow here (frames 81-83), so bound at 90°
    if (prev) {
      for (DofId d : all_dofs)
        if (a.pose.observed(d) && prev->pose.observed(d)) {
          EXPECT_LT(std::abs(deg_of(a, d) - deg_of(*prev, d)), 90.0) << to_string(d) << " frame " << i;
        }
    }
    prev = a;
  }
  // The right foot is lifted with the right knee bending (SOURCE.md).
  EXPECT_GT(max_right_knee, 20.0);
  EXPECT_GT(max_right_hip, 10.0);
  std::printf("max right knee flexion %.1f deg, max right hip flexion %.1f deg\n", max_right_knee, max_right_hip);
}

// The fast trigonometry on the real trial: every frame within its bound of libm, the same statuses,
// and the same verdicts against the default limits.
TEST(KinematicsData, FastTrigAgreesOnTheRealTrial) {
  const auto t =
      io::read_keypoints_csv(kData + "/samples/blazepose_world/balancing_trial_cam01_world.csv", Layout::blazepose33);
  KeypointOptions opt;
  opt.up = UpAxis::y_down;
  KeypointOptions fast = opt;
  fast.angles.fast_trig = true;
  const Limits limits = Limits::defaults();
  for (std::size_t i = 0; i < t.frames; ++i) {
    const JointAngles a = keypoint_angles(t.frame(i), opt), b = keypoint_angles(t.frame(i), fast);
    (void)test_support::expect_fast_trig_agrees(a, b, false, "frame " + std::to_string(i));
    const Report ra = check(a.pose, limits), rb = check(b.pose, limits);
    EXPECT_EQ(ra.overall, rb.overall) << "frame " << i;
    for (DofId d : all_dofs) EXPECT_EQ(ra[d].status, rb[d].status) << "frame " << i << ' ' << to_string(d);
  }
}

TEST(KinematicsData, LowVisibilityLandmarksGiveUnknown) {
  const auto t =
      io::read_keypoints_csv(kData + "/samples/blazepose_world/balancing_trial_cam01_world.csv", Layout::blazepose33);
  KeypointOptions opt;
  opt.up = UpAxis::y_down;
  opt.min_visibility = 0.9;  // frame 0: right_heel visibility 0.716 (< 0.9), right_ankle 0.962
  const auto v = t.frame(0);
  ASSERT_LT(v.visibility[30], 0.9);
  const auto a = keypoint_angles(v, opt);
  EXPECT_EQ(a.status[index(DofId::right_ankle_dorsiflexion_plantarflexion)], DofStatus::low_confidence);
  EXPECT_FALSE(a.pose.observed(DofId::right_ankle_dorsiflexion_plantarflexion));
  EXPECT_FALSE(a.pose.observed(DofId::right_knee_internal_external_rotation));
  EXPECT_TRUE(a.pose.observed(DofId::right_knee_flexion_extension));
  EXPECT_LE(a.confidence[index(DofId::right_knee_flexion_extension)], 1.0);
  EXPECT_GE(a.confidence[index(DofId::right_knee_flexion_extension)], 0.9);
}

TEST(KinematicsData, BlazePoseImageLandmarksSingleFrame) {
  // Normalised image coordinates (x, y in [0,1], y down, z on x's scale): a warrior-II-like
  // lunge with the arms horizontal (SOURCE.md). The aspect ratio is unknown, so angles are
  // approximate: check signs and broad ranges only.
  const auto t = io::read_keypoints_csv(kData + "/samples/blazepose/pose_landmarks.csv", Layout::blazepose33);
  ASSERT_EQ(t.frames, 1u);
  KeypointOptions opt;
  opt.up = UpAxis::y_down;
  const auto a = keypoint_angles(t.frame(0), opt);
  for (DofId d : {DofId::left_shoulder_abduction_adduction, DofId::right_shoulder_abduction_adduction}) {
    ASSERT_TRUE(a.pose.observed(d));
    EXPECT_LT(deg_of(a, d), -60.0) << "arms raised sideways: abduction";
    EXPECT_GT(deg_of(a, d), -120.0);
  }
  // one knee clearly bent (the relative z of image landmarks is too coarse to call the other straight)
  const double lk = deg_of(a, DofId::left_knee_flexion_extension), rk = deg_of(a, DofId::right_knee_flexion_extension);
  EXPECT_GT(std::max(lk, rk), 45.0);
  EXPECT_LT(std::max(lk, rk), 150.0);
  std::printf("image landmarks: knees L %.1f R %.1f, shoulder abd/add L %.1f R %.1f\n", lk, rk,
              deg_of(a, DofId::left_shoulder_abduction_adduction),
              deg_of(a, DofId::right_shoulder_abduction_adduction));
}

TEST(KinematicsData, MalformedCsvNamesFileLineAndField) {
  const std::string hdr = [] {
    std::string h = "frame";
    for (int k = 0; k < 17; ++k)
      h += ",p" + std::to_string(k) + "_x,p" + std::to_string(k) + "_y,p" + std::to_string(k) + "_z";
    return h;
  }();
  std::string row = "0";
  for (int k = 0; k < 51; ++k) row += ",0.5";
  EXPECT_NO_THROW((void)io::parse_keypoints_csv(hdr + "\n" + row + "\n", "ok.csv", Layout::coco17));
  auto expect_error = [&](const std::string& text, const std::string& needle) {
    try {
      (void)io::parse_keypoints_csv(text, "bad.csv", Layout::coco17);
      ADD_FAILURE() << "no error for " << needle;
    } catch (const parse_error& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  };
  std::string bad = row;
  bad.replace(bad.find(",0.5"), 4, ",abc");
  expect_error(hdr + "\n" + row + "\n" + bad + "\n", "bad.csv:3: field 'p0_x': 'abc' is not a number");
  expect_error(hdr + "\n" + row.substr(0, row.size() - 4) + "\n", "bad.csv:2: expected 52 fields, got 51");
  expect_error("frame,a_x\n", "bad.csv:1:");
  expect_error("", "bad.csv:1: empty file");
  expect_error(hdr + "\n", "no data rows");
  expect_error("index,name,x,y,z\n0,nose,1,2,3\n", "keypoint 1 is missing");
  expect_error("index,name,x,y,z\n99,nose,1,2,3\n", "bad.csv:2: field 'index'");
  EXPECT_THROW((void)io::read_keypoints_csv("/nonexistent.csv", Layout::coco17), parse_error);
}
