// The C per-frame path (c_api.h: ak_keypoint_angles, ak_rotation_angles, ak_pose_set_radians,
// ak_pose_set_thoracolumbar_rad, ak_check_into, ak_check_many_thoracolumbar, ak_bvh_angles_*)
// gives the C++ results bit for bit: keypoints of every layout synthesised from random poses
// (with missing and low-visibility points), random quaternions (scaled, NaN, zero, infinite),
// the BVH sample of data/samples/bvh. On bad input nothing is written.
#include <arthrokin/c_api.h>

#include <arthrokin/batch.hpp>
#include <arthrokin/check.hpp>
#include <arthrokin/io/bvh.hpp>
#include <arthrokin/io/bvh_angles.hpp>
#include <arthrokin/kinematics/forward.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>
#include <arthrokin/kinematics/keypoints.hpp>
#include <arthrokin/kinematics/skeleton.hpp>

#include <gtest/gtest.h>

#include "../support/allocation_counter.hpp"  // counts global operator new, the C library's included

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#ifndef ARTHROKIN_DATA_DIR
#error "ARTHROKIN_DATA_DIR must name the repository's data/ directory"
#endif

namespace ak = arthrokin;

namespace {

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t n_dofs = ak::dof_count;

// Bit for bit (NaN payloads included: both sides come from the same computation).
::testing::AssertionResult same_bits(const double* a, const double* b, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    if (std::memcmp(a + i, b + i, sizeof(double)) != 0)
      return ::testing::AssertionFailure() << "element " << i << ": " << a[i] << " != " << b[i];
  return ::testing::AssertionSuccess();
}

ak::Pose random_pose(std::mt19937& rng) {
  std::uniform_real_distribution<double> u(-0.6, 0.6);
  ak::Pose p;
  for (auto d : ak::all_dofs) p.set(d, ak::radians(u(rng)));
  p.set(ak::DofId::left_elbow_flexion_extension, ak::radians(0.3 + std::abs(u(rng))));
  p.set(ak::DofId::right_elbow_flexion_extension, ak::radians(0.3 + std::abs(u(rng))));
  return p;
}

TEST(CapiFrames, KeypointAnglesEqualCpp) {
  std::mt19937 rng(5);
  const ak::Skeleton sk = ak::skeleton_from_height(1.7);
  constexpr std::size_t frames = 24;
  for (int l = 0; l < 4; ++l) {
    const auto layout = static_cast<ak::Layout>(l);
    const std::size_t k = ak_layout_keypoint_count(l);
    ASSERT_EQ(k, ak::keypoint_count(layout));
    std::vector<double> xyz, vis;
    std::uniform_real_distribution<double> uv(0.0, 1.0);
    for (std::size_t f = 0; f < frames; ++f) {
      std::vector<double> kp = ak::synthesize_keypoints(layout, sk, ak::segment_orientations(random_pose(rng)));
      if (f % 4 == 1) kp[3 * (f % k) + 1] = nan_v;  // a missing point
      xyz.insert(xyz.end(), kp.begin(), kp.end());
      for (std::size_t j = 0; j < k; ++j) vis.push_back(f % 3 == 2 ? uv(rng) : 1.0);  // some below 0.5
    }
    for (int mirrored = 0; mirrored < 2; ++mirrored) {
      std::vector<double> rad(frames * n_dofs), tl(frames * 3);
      std::vector<uint8_t> st(frames * n_dofs), tst(frames * 3);
      ASSERT_EQ(ak_keypoint_angles(l, xyz.data(), frames, vis.data(), 0.5, mirrored, rad.data(), st.data(), tl.data(),
                                   tst.data()),
                AK_OK)
          << ak_last_error_message();
      ak::KeypointOptions opt;
      opt.mirrored = mirrored != 0;
      for (std::size_t f = 0; f < frames; ++f) {
        const ak::JointAngles a =
            ak::keypoint_angles({layout, {xyz.data() + f * k * 3, k * 3}, {vis.data() + f * k, k}}, opt);
        EXPECT_TRUE(same_bits(rad.data() + f * n_dofs, a.pose.as_radians().data(), n_dofs)) << l << " frame " << f;
        const Eigen::Vector3d t = a.pose.thoracolumbar_radians();
        EXPECT_TRUE(same_bits(tl.data() + f * 3, t.data(), 3));
        for (std::size_t d = 0; d < n_dofs; ++d) EXPECT_EQ(st[f * n_dofs + d], static_cast<uint8_t>(a.status[d]));
        for (std::size_t j = 0; j < 3; ++j) EXPECT_EQ(tst[f * 3 + j], static_cast<uint8_t>(a.thoracolumbar_status[j]));
      }
      // Without visibility and optional outputs: the same angles as with every point visible.
      std::vector<double> rad2(frames * n_dofs);
      ASSERT_EQ(
          ak_keypoint_angles(l, xyz.data(), frames, nullptr, 0.5, mirrored, rad2.data(), nullptr, nullptr, nullptr),
          AK_OK);
      const ak::JointAngles a0 = ak::keypoint_angles({layout, {xyz.data(), k * 3}, {}}, opt);
      EXPECT_TRUE(same_bits(rad2.data(), a0.pose.as_radians().data(), n_dofs));
    }
  }
}

TEST(CapiFrames, RotationAnglesEqualCppBatch) {
  std::mt19937 rng(9);
  std::normal_distribution<double> g;
  constexpr std::size_t frames = 40, per = ak::segment_count * 4;
  std::vector<double> q(frames * per);
  for (auto& v : q) v = g(rng);
  for (std::size_t c = 0; c < 4; ++c) {
    q[1 * per + 4 * 8 + c] = nan_v;                                                   // left shank missing
    q[2 * per + 4 * 14 + c] = 0.0;                                                    // right shank: not a rotation
    q[3 * per + 4 * 2 + c] = c == 3 ? std::numeric_limits<double>::infinity() : 0.0;  // thorax: not a rotation
    q[4 * per + 4 * 1 + c] *= 1e200;                                                  // scaled: the same rotation
  }
  ASSERT_EQ(ak_segment_count(), static_cast<int>(ak::segment_count));
  EXPECT_STREQ(ak_segment_name(0), "pelvis");
  EXPECT_STREQ(ak_segment_name(15), "right_foot");
  EXPECT_EQ(ak_segment_name(16), nullptr);
  std::vector<double> rad(frames * n_dofs), tl(frames * 3), cpp(frames * n_dofs), cpp_tl(frames * 3);
  std::vector<uint8_t> st(frames * n_dofs);
  ASSERT_EQ(ak_rotation_angles(q.data(), frames, rad.data(), st.data(), tl.data(), nullptr), AK_OK);
  ak::joint_angles_batch(q, cpp, cpp_tl);
  EXPECT_TRUE(same_bits(rad.data(), cpp.data(), rad.size()));
  EXPECT_TRUE(same_bits(tl.data(), cpp_tl.data(), tl.size()));
  ak::SegmentOrientations seg;
  for (std::size_t f = 0; f < frames; ++f) {
    for (std::size_t s = 0; s < ak::segment_count; ++s) {
      seg.q_global_segment[s].coeffs() = Eigen::Map<const Eigen::Vector4d>(q.data() + f * per + 4 * s);
      seg.known.set(s, !seg.q_global_segment[s].coeffs().hasNaN());
    }
    const ak::JointAngles a = ak::joint_angles(seg);
    for (std::size_t d = 0; d < n_dofs; ++d) ASSERT_EQ(st[f * n_dofs + d], static_cast<uint8_t>(a.status[d]));
  }
  EXPECT_EQ(st[1 * n_dofs + ak::index(ak::DofId::left_knee_flexion_extension)], AK_DOF_MISSING_SEGMENT);
  EXPECT_EQ(st[2 * n_dofs + ak::index(ak::DofId::right_knee_flexion_extension)], AK_DOF_INVALID_ROTATION);
  EXPECT_STREQ(ak_dof_status_name(AK_DOF_INVALID_ROTATION), "invalid_rotation");
  EXPECT_STREQ(ak_dof_status_name(9), "");
}

TEST(CapiFrames, CheckIntoAReusedReportEqualsCppCheckWithTotals) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> u(-1.5, 1.5);
  ak_limits* limits = nullptr;
  ASSERT_EQ(ak_limits_from_source("AAOS", &limits), AK_OK);
  ASSERT_EQ(ak_limits_set_tolerance_deg(limits, 1.0), AK_OK);
  ak::Limits cpp_limits = ak::Limits::from_source("AAOS");
  cpp_limits.with_tolerance(ak::degrees(1.0));
  ak_pose* pose = nullptr;
  ak_report* report = nullptr;
  ASSERT_EQ(ak_pose_new(&pose), AK_OK);
  ASSERT_EQ(ak_report_new(&report), AK_OK);
  {  // a new report is the report of a pose with nothing observed: every getter works
    int verdict = -1, unknown = -1;
    ASSERT_EQ(ak_report_summary(report, &verdict, nullptr, &unknown), AK_OK);
    EXPECT_EQ(verdict, AK_VERDICT_UNKNOWN);
    EXPECT_EQ(unknown, ak_dof_count());
    ak_dof_result c;
    ASSERT_EQ(ak_report_dof(report, 0, &c), AK_OK);
    EXPECT_EQ(c.status, AK_UNKNOWN);
    std::size_t needed = 0;
    ASSERT_EQ(ak_report_sentence(report, 0, nullptr, 0, &needed), AK_OK);
  }
  constexpr std::size_t frames = 200;
  std::vector<double> rows(frames * n_dofs), tls(frames * 3);
  for (std::size_t f = 0; f < frames; ++f) {
    for (std::size_t d = 0; d < n_dofs; ++d) rows[f * n_dofs + d] = (f + d) % 4 == 0 ? nan_v : u(rng);
    for (std::size_t j = 0; j < 3; ++j) tls[f * 3 + j] = (f + j) % 3 == 0 ? nan_v : u(rng);
    if (f % 2 == 0)  // thoracic and lumbar unknown: the totals decide the thoracolumbar composites
      for (auto d : {ak::DofId::thoracic_flexion_extension, ak::DofId::lumbar_flexion_extension,
                     ak::DofId::thoracic_axial_rotation, ak::DofId::lumbar_axial_rotation,
                     ak::DofId::thoracic_lateral_flexion, ak::DofId::lumbar_lateral_flexion})
        rows[f * n_dofs + ak::index(d)] = nan_v;
  }
  std::vector<uint8_t> verdicts(frames), statuses(frames * n_dofs);
  ASSERT_EQ(ak_check_many_thoracolumbar(limits, rows.data(), tls.data(), frames, verdicts.data(), statuses.data()),
            AK_OK);
  for (std::size_t f = 0; f < frames; ++f) {
    ASSERT_EQ(ak_pose_set_radians(pose, rows.data() + f * n_dofs, n_dofs), AK_OK);
    ASSERT_EQ(ak_pose_set_thoracolumbar_rad(pose, tls.data() + f * 3), AK_OK);
    double back[3];
    ASSERT_EQ(ak_pose_get_thoracolumbar_rad(pose, back), AK_OK);
    EXPECT_TRUE(same_bits(back, tls.data() + f * 3, 3));
    ASSERT_EQ(ak_check_into(pose, limits, report), AK_OK);
    ak::Pose p = ak::Pose::from_radians(Eigen::Map<const ak::PoseVector>(rows.data() + f * n_dofs));
    constexpr ak::Axis axes[3] = {ak::Axis::flexion_extension, ak::Axis::lateral_flexion, ak::Axis::axial_rotation};
    for (int j = 0; j < 3; ++j)
      if (!std::isnan(tls[f * 3 + j])) p.set_thoracolumbar(axes[j], ak::radians(tls[f * 3 + j]));
    const ak::Report r = ak::check(p, cpp_limits);
    int verdict = -1, out_count = -1, unknown = -1;
    ASSERT_EQ(ak_report_summary(report, &verdict, &out_count, &unknown), AK_OK);
    EXPECT_EQ(verdict, static_cast<int>(r.overall)) << f;
    EXPECT_EQ(verdicts[f], static_cast<uint8_t>(r.overall)) << f;
    EXPECT_EQ(out_count, static_cast<int>(r.out_of_range_count));
    EXPECT_EQ(unknown, static_cast<int>(r.unknown_count));
    for (auto d : ak::all_dofs) {
      ak_dof_result c;
      ASSERT_EQ(ak_report_dof(report, static_cast<int>(ak::index(d)), &c), AK_OK);
      EXPECT_EQ(c.status, static_cast<int>(r[d].status));
      EXPECT_EQ(statuses[f * n_dofs + ak::index(d)], static_cast<uint8_t>(r[d].status));
      const double excess = ak::rad_to_deg(r[d].excess);
      EXPECT_TRUE(same_bits(&c.excess_deg, &excess, 1));
    }
  }
  ak_report_free(report);
  ak_pose_free(pose);
  ak_limits_free(limits);
}

TEST(CapiFrames, BvhAnglesEqualTheCppPipeline) {
  const std::string path = std::string(ARTHROKIN_DATA_DIR) + "/samples/bvh/131_01_start_walk_stop.bvh";
  ak_bvh_angles* h = nullptr;
  ASSERT_EQ(ak_bvh_angles_read(path.c_str(), &h), AK_OK) << ak_last_error_message();
  std::size_t frames = 0;
  double ft = 0;
  const double* rad = nullptr;
  const double* tl = nullptr;
  ASSERT_EQ(ak_bvh_angles_info(h, &frames, &ft), AK_OK);
  ASSERT_EQ(ak_bvh_angles_data(h, &rad, &tl), AK_OK);
  const ak::io::BvhFile file = ak::io::read_bvh(path);
  ASSERT_EQ(frames, static_cast<std::size_t>(file.frame_count()));
  ASSERT_GT(frames, 0u);
  EXPECT_EQ(ft, file.frame_time);
  const std::vector<ak::Pose> poses = ak::io::bvh_to_poses(file);
  ASSERT_EQ(poses.size(), frames);
  std::size_t observed = 0;
  for (std::size_t f = 0; f < frames; ++f) {
    EXPECT_TRUE(same_bits(rad + f * n_dofs, poses[f].as_radians().data(), n_dofs)) << f;
    const Eigen::Vector3d t = poses[f].thoracolumbar_radians();
    EXPECT_TRUE(same_bits(tl + f * 3, t.data(), 3)) << f;
    for (std::size_t d = 0; d < n_dofs; ++d) observed += !std::isnan(rad[f * n_dofs + d]);
  }
  EXPECT_GT(observed, frames * 20);  // the CMU rig maps the limbs and the spine
  ak_bvh_angles_free(h);
  ak_bvh_angles_free(nullptr);
}

TEST(CapiFrames, MalformedBvhIsAParseErrorNamingTheLine) {
  const std::string path = ::testing::TempDir() + "/capi_frames_bad.bvh";
  FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("HIERARCHY\nROOT Hips\n{\n  OFFSET 0 0 zero\n}\n", f);
  std::fclose(f);
  ak_bvh_angles* h = reinterpret_cast<ak_bvh_angles*>(&f);  // must be set to NULL
  EXPECT_EQ(ak_bvh_angles_read(path.c_str(), &h), AK_ERR_PARSE);
  EXPECT_EQ(h, nullptr);
  EXPECT_NE(std::strstr(ak_last_error_message(), "capi_frames_bad.bvh:4: OFFSET of Hips (Z)"), nullptr)
      << ak_last_error_message();
  EXPECT_STREQ(ak_error_name(AK_ERR_PARSE), "AK_ERR_PARSE");
  EXPECT_STREQ(ak_error_name(AK_ERR_IO), "AK_ERR_IO");
}

TEST(CapiFrames, BadInputWritesNothing) {
  const std::size_t k = ak_layout_keypoint_count(AK_LAYOUT_H36M17);
  std::vector<double> xyz(3 * k * 3, 0.25), out(3 * n_dofs, 42.0), tl(9, 42.0);
  std::vector<uint8_t> st(3 * n_dofs, 77);
  xyz[(2 * k + 5) * 3] = std::numeric_limits<double>::infinity();  // frame 2: frames 0 and 1 are fine
  EXPECT_EQ(
      ak_keypoint_angles(AK_LAYOUT_H36M17, xyz.data(), 3, nullptr, 0.5, 0, out.data(), st.data(), tl.data(), nullptr),
      AK_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::strstr(ak_last_error_message(), "frame 2, keypoint 5: coordinate x"), nullptr);
  for (double v : out) EXPECT_EQ(v, 42.0);
  for (double v : tl) EXPECT_EQ(v, 42.0);
  for (uint8_t v : st) EXPECT_EQ(v, 77);
  // A pose keeps its values when a new set of angles is refused.
  ak_pose* pose = nullptr;
  ASSERT_EQ(ak_pose_new(&pose), AK_OK);
  ASSERT_EQ(ak_pose_set_deg(pose, 3, 12.0), AK_OK);
  std::vector<double> bad(n_dofs, 0.0);
  bad[10] = -std::numeric_limits<double>::infinity();
  EXPECT_EQ(ak_pose_set_radians(pose, bad.data(), n_dofs), AK_ERR_INVALID_ARGUMENT);
  double deg = 0;
  ASSERT_EQ(ak_pose_get_deg(pose, 3, &deg), AK_OK);
  EXPECT_EQ(deg, 12.0);
  ASSERT_EQ(ak_pose_get_deg(pose, 10, &deg), AK_OK);
  EXPECT_TRUE(std::isnan(deg));
  ak_pose_free(pose);
}

// c_api.h: "None of these allocates": the per-frame calls with handles and buffers made once.
TEST(CapiFrames, PerFramePathAllocatesNothing) {
  void* v = ::operator new(16);  // the counter sees the library's allocations too: ak_pose_new is one
  ::operator delete(v);
  ak_pose* probe = nullptr;
  const long before_probe = test_support::allocation_count;
  ASSERT_EQ(ak_pose_new(&probe), AK_OK);
  ASSERT_GT(test_support::allocation_count.load(), before_probe);
  ak_pose_free(probe);

  std::mt19937 rng(2);
  const ak::Skeleton sk = ak::skeleton_from_height(1.8);
  const std::vector<double> xyz =
      ak::synthesize_keypoints(ak::Layout::blazepose33, sk, ak::segment_orientations(random_pose(rng)));
  const ak::SegmentOrientations seg = ak::segment_orientations(random_pose(rng));
  std::vector<double> q;
  for (const auto& r : seg.q_global_segment)
    for (int c = 0; c < 4; ++c) q.push_back(r.coeffs()[c]);
  ak_limits* limits = nullptr;
  ak_pose* pose = nullptr;
  ak_report* report = nullptr;
  ASSERT_EQ(ak_limits_defaults(&limits), AK_OK);
  ASSERT_EQ(ak_pose_new(&pose), AK_OK);
  ASSERT_EQ(ak_report_new(&report), AK_OK);
  double rad[n_dofs], tl[3];
  uint8_t st[n_dofs], tst[3];
  int verdict = -1;
  const long before = test_support::allocation_count;
  for (int i = 0; i < 200; ++i) {
    ASSERT_EQ(i % 2 ? ak_rotation_angles(q.data(), 1, rad, st, tl, tst)
                    : ak_keypoint_angles(AK_LAYOUT_BLAZEPOSE33, xyz.data(), 1, nullptr, 0.5, 0, rad, st, tl, tst),
              AK_OK);
    ASSERT_EQ(ak_pose_set_radians(pose, rad, n_dofs), AK_OK);
    ASSERT_EQ(ak_pose_set_thoracolumbar_rad(pose, tl), AK_OK);
    ASSERT_EQ(ak_check_into(pose, limits, report), AK_OK);
    ASSERT_EQ(ak_report_summary(report, &verdict, nullptr, nullptr), AK_OK);
  }
  EXPECT_EQ(test_support::allocation_count.load(), before);
  ak_report_free(report);
  ak_pose_free(pose);
  ak_limits_free(limits);
}

}  // namespace
