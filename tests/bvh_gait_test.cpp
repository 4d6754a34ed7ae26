// The CMU walk (subject 131, trial 01, "Michael Jackson styled" start-walk-stop) through the whole
// BVH → FK → segment frames → joint_angles → check pipeline, against published normal gait ranges.
//
// Published normal sagittal gait kinematics (level walking, healthy adults):
//  - Perry J, Burnfield JM. Gait Analysis: Normal and Pathological Function. 2nd ed. Thorofare, NJ:
//    SLACK; 2010. Hip: ~30° flexion at initial contact to ~10° extension (thigh) in terminal stance;
//    knee: ~0-5° at initial contact, ~15-20° loading response, peak ~60° in initial swing. [R]
//  - Kadaba MP, Ramakrishnan HK, Wootten ME. Measurement of lower extremity kinematics during level
//    walking. J Orthop Res. 1990;8(3):383-392. doi:10.1002/jor.1100080310 (40 normal young adults,
//    VICON; abstract read, curves recalled: knee peak ~60-65° in swing, hip ~30-35° flexion to
//    ~10-15° extension). [R]
//  - "Angular kinematics of gait", Podiapaedia (podiapaedia.org/wiki/biomechanics/gait/
//    angular-kinematics-of-gait/), read: hip flexed 20-30° at heel contact, extends to ~10°
//    extension at 50% of the cycle; knee flexes 15-20° after contact, to ~40° at toe off and a
//    maximum of ~70° at midswing. [V, secondary]
// Bounds used below: swing knee peak ≥ 60°, hip peak flexion ≥ 30°, hip sagittal excursion ≥ 40°
// (30° flexion to 10° extension), no knee hyperextension beyond 5°, left and right hips in
// anti-phase (each limb half a cycle apart). Upper bounds are the library's normal ROM
// (Limits::defaults(): hip flexion 125°, knee flexion 140°), which gait never needs.
#include <arthrokin/check.hpp>
#include <arthrokin/io/bvh_angles.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <numeric>

#include "support/allocation_counter.hpp"

namespace {

using namespace arthrokin;
using namespace arthrokin::io;

const std::string walk_path = std::string(ARTHROKIN_DATA_DIR) + "/samples/bvh/131_01_start_walk_stop.bvh";
constexpr double cmu_unit_m = 0.056;  // SOURCE.md: 1 CMU unit ≈ 1/0.45 in ≈ 5.6 cm

double deg(const Pose& p, DofId d) {
  const auto a = p.get(d);
  return a ? to_degrees(*a) : std::nan("");
}

struct Window {
  Eigen::Index first = 0, last = -1;
};

// Longest run of frames in which the root travels forward (along the derived body forward axis)
// faster than 0.8 m/s: the steady walk of the clip, found from the file, not hard-coded.
Window steady_walk(const BvhFile& f, const BvhBinding& b) {
  BvhFkWorkspace fk(f);
  std::vector<Eigen::Vector3d> root(static_cast<std::size_t>(f.frame_count()));
  for (Eigen::Index fr = 0; fr < f.frame_count(); ++fr) {
    bvh_forward_kinematics(f, fr, fk);
    root[static_cast<std::size_t>(fr)] = fk.p_global_joint[0];
  }
  const Eigen::Index h = 6;
  Window best, cur;
  bool in = false;
  for (Eigen::Index fr = h; fr + h < f.frame_count(); ++fr) {
    const Eigen::Vector3d v =
        (root[static_cast<std::size_t>(fr + h)] - root[static_cast<std::size_t>(fr - h)]) / (2.0 * h * f.frame_time);
    const bool fwd = v.dot(b.axes.forward) * cmu_unit_m > 0.8;
    if (fwd && !in) cur.first = fr;
    if (fwd) cur.last = fr;
    in = fwd;
    if (in && cur.last - cur.first > best.last - best.first) best = cur;
  }
  return best;
}

double correlation(const std::vector<double>& a, const std::vector<double>& b) {
  const double n = static_cast<double>(a.size());
  const double ma = std::accumulate(a.begin(), a.end(), 0.0) / n, mb = std::accumulate(b.begin(), b.end(), 0.0) / n;
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  return sab / std::sqrt(saa * sbb);
}

TEST(bvh_gait, CmuWalkHipAndKneeAgainstPublishedGait) {
  const BvhFile f = read_bvh(walk_path);
  const std::vector<Pose> poses = bvh_to_poses(f);
  ASSERT_EQ(static_cast<Eigen::Index>(poses.size()), f.frame_count());
  const BvhBinding b = bind_bvh(f);
  const Window w = steady_walk(f, b);
  const double seconds = static_cast<double>(w.last - w.first + 1) * f.frame_time;
  std::printf("steady walk: frames %ld-%ld (%.2f s)\n", static_cast<long>(w.first), static_cast<long>(w.last), seconds);
  ASSERT_GT(seconds, 1.0);  // at least one gait cycle (~1.0-1.1 s at normal cadence)

  const Limits limits = Limits::defaults();
  struct Side {
    const char* name;
    DofId hip, knee;
  };
  const Side sides[] = {{"left", DofId::left_hip_flexion_extension, DofId::left_knee_flexion_extension},
                        {"right", DofId::right_hip_flexion_extension, DofId::right_knee_flexion_extension}};
  std::vector<double> hip_series[2];
  for (int s = 0; s < 2; ++s) {
    double hip_max = -1e9, hip_min = 1e9, knee_max = -1e9, knee_min = 1e9;
    Eigen::Index knee_peak_frame = -1;
    for (Eigen::Index fr = w.first; fr <= w.last; ++fr) {
      const Pose& p = poses[static_cast<std::size_t>(fr)];
      const double h = deg(p, sides[s].hip), k = deg(p, sides[s].knee);
      ASSERT_TRUE(std::isfinite(h) && std::isfinite(k)) << "frame " << fr;
      hip_series[s].push_back(h);
      hip_max = std::max(hip_max, h);
      hip_min = std::min(hip_min, h);
      if (k > knee_max) knee_peak_frame = fr;
      knee_max = std::max(knee_max, k);
      knee_min = std::min(knee_min, k);
    }
    std::printf("%s hip flexion %.1f .. %.1f deg, knee flexion %.1f .. %.1f deg (peak at frame %ld)\n", sides[s].name,
                hip_min, hip_max, knee_min, knee_max, static_cast<long>(knee_peak_frame));
    EXPECT_GE(hip_max, 30.0) << sides[s].name;            // normal peak hip flexion ~30°
    EXPECT_GE(hip_max - hip_min, 40.0) << sides[s].name;  // normal excursion ~40° (30 flexion → 10 extension)
    EXPECT_GE(knee_max, 60.0) << sides[s].name;           // normal swing peak ~60-70°
    EXPECT_GE(knee_min, -5.0) << sides[s].name;           // no hyperextension
    EXPECT_LE(hip_max, rad_to_deg(limits[sides[s].hip].upper.radians)) << sides[s].name;
    EXPECT_LE(knee_max, rad_to_deg(limits[sides[s].knee].upper.radians)) << sides[s].name;
  }
  // Reciprocal gait: the two hips move in anti-phase.
  const double r = correlation(hip_series[0], hip_series[1]);
  std::printf("left/right hip flexion correlation over the steady walk: %.2f\n", r);
  EXPECT_LT(r, -0.3);
}

// Out-of-range report over the whole clip against Limits::defaults(): which DoFs, how many frames.
// Hip and knee flexion stay inside the library's normal range everywhere (excess < 0.5°: the knee
// reads -0.01° when the LeftKnee channels are all zero, because the rest OFFSETs of thigh and shank
// differ in direction by 0.01°).
TEST(bvh_gait, OutOfRangeReport) {
  const BvhFile f = read_bvh(walk_path);
  const BvhBinding b = bind_bvh(f);
  BvhPoseWorkspace ws(f);
  const Limits limits = Limits::defaults();
  Report rep;
  std::array<int, dof_count> frames_out{};
  std::array<double, dof_count> worst{};
  std::array<long, dof_count> worst_frame{};
  Pose pose;
  for (Eigen::Index fr = 0; fr < f.frame_count(); ++fr) {
    bvh_frame_pose(f, b, fr, ws, pose);
    check(pose, limits, rep);
    for (const auto& c : rep.dofs) {
      if (!c.out_of_range()) continue;
      const auto i = index(c.dof);
      ++frames_out[i];
      if (c.excess > worst[i]) {
        worst[i] = c.excess;
        worst_frame[i] = static_cast<long>(fr);
      }
    }
  }
  for (DofId d : all_dofs) {
    const auto i = index(d);
    if (frames_out[i] > 0)
      std::printf("%-46s out of range in %4d frames, worst %.1f deg beyond at frame %ld\n",
                  std::string(to_string(d)).c_str(), frames_out[i], rad_to_deg(worst[i]), worst_frame[i]);
  }
  for (DofId d : {DofId::left_hip_flexion_extension, DofId::right_hip_flexion_extension,
                  DofId::left_knee_flexion_extension, DofId::right_knee_flexion_extension})
    EXPECT_LT(rad_to_deg(worst[index(d)]), 0.5) << to_string(d);
}

TEST(bvh_gait, PerFrameVariantAllocatesNothingAndMatchesBatch) {
  const BvhFile f = read_bvh(walk_path);
  const std::vector<Pose> poses = bvh_to_poses(f);
  const BvhBinding b = bind_bvh(f);
  BvhPoseWorkspace ws(f);
  Pose p;
  const long before = test_support::allocation_count.load();
  for (Eigen::Index fr = 0; fr < f.frame_count(); ++fr) bvh_frame_pose(f, b, fr, ws, p);
  EXPECT_EQ(test_support::allocation_count.load() - before, 0);
  for (Eigen::Index fr = 0; fr < f.frame_count(); fr += 37) {
    bvh_frame_pose(f, b, fr, ws, p);
    EXPECT_TRUE(p == poses[static_cast<std::size_t>(fr)]) << fr;
  }
  // Every lower-limb and spinal sagittal DoF is observed for this full skeleton.
  for (DofId d :
       {DofId::left_hip_flexion_extension, DofId::right_knee_flexion_extension,
        DofId::left_ankle_dorsiflexion_plantarflexion, DofId::lumbar_flexion_extension,
        DofId::thoracic_flexion_extension, DofId::cervical_flexion_extension, DofId::right_elbow_flexion_extension})
    EXPECT_TRUE(poses[600].observed(d)) << to_string(d);
}

// Signs and magnitudes from FK geometry alone, on every frame: the knee's flexion equals the angle
// between the hip→knee and knee→ankle lines (within the knee's small ab/adduction), and hip flexion
// is positive exactly when the knee lies in front of the hip in the pelvis frame.
TEST(bvh_gait, SagittalAnglesMatchFkGeometry) {
  const BvhFile f = read_bvh(walk_path);
  const BvhBinding b = bind_bvh(f);
  BvhPoseWorkspace ws(f);
  const char* names[2][3] = {{"LeftHip", "LeftKnee", "LeftAnkle"}, {"RightHip", "RightKnee", "RightAnkle"}};
  const DofId hip[2] = {DofId::left_hip_flexion_extension, DofId::right_hip_flexion_extension};
  const DofId knee[2] = {DofId::left_knee_flexion_extension, DofId::right_knee_flexion_extension};
  double worst_knee = 0;
  int sign_checked = 0;
  for (Eigen::Index fr = 0; fr < f.frame_count(); ++fr) {
    const JointAngles a = bvh_frame_angles(f, b, fr, ws);
    const Eigen::Matrix3d R_pelvis = ws.segments[Segment::pelvis].toRotationMatrix();
    for (int s = 0; s < 2; ++s) {
      const Eigen::Vector3d h = ws.fk.p_global_joint[*f.find(names[s][0])];
      const Eigen::Vector3d k = ws.fk.p_global_joint[*f.find(names[s][1])];
      const Eigen::Vector3d an = ws.fk.p_global_joint[*f.find(names[s][2])];
      const double geometric =
          rad_to_deg(std::acos(std::clamp((h - k).normalized().dot((k - an).normalized()), -1.0, 1.0)));
      worst_knee = std::max(worst_knee, std::abs(geometric - std::abs(deg(a.pose, knee[s]))));
      const double hip_deg = deg(a.pose, hip[s]);
      const double knee_forward = (R_pelvis.transpose() * (k - h)).x();  // pelvis X = anterior
      if (std::abs(hip_deg) > 5.0) {
        EXPECT_EQ(hip_deg > 0, knee_forward > 0) << names[s][0] << " frame " << fr;
        ++sign_checked;
      }
    }
  }
  std::printf("worst |geometric knee angle - |knee flexion|| = %.2f deg\n", worst_knee);
  EXPECT_LT(worst_knee, 3.0);
  EXPECT_GT(sign_checked, 1000);
}

// Without a head or a left foot in the mapping, the DoFs needing them are unknown, never zero.
TEST(bvh_gait, MissingSegmentsGiveUnknownDofs) {
  const BvhFile f = read_bvh(walk_path);
  BvhMapping m = cmu_mapping();
  m.remove(Segment::head).remove(Segment::left_foot);
  const std::vector<Pose> poses = bvh_to_poses(f, m);
  EXPECT_FALSE(poses[100].observed(DofId::cervical_flexion_extension));
  EXPECT_FALSE(poses[100].observed(DofId::left_ankle_dorsiflexion_plantarflexion));
  EXPECT_FALSE(poses[100].get(DofId::left_ankle_dorsiflexion_plantarflexion).has_value());
  EXPECT_TRUE(poses[100].observed(DofId::right_ankle_dorsiflexion_plantarflexion));
}

}  // namespace
