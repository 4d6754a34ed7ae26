// Threads sharing one Limits, one BatchChecker, one exercise definition, the muscle catalogue,
// the kinematic solvers' options and (when built) one C API limits handle, all hammered at
// once; every thread's results must equal the single-threaded ones. Run under
// ThreadSanitizer by .ci/run (-DARTHROKIN_TSAN=ON, docs/fuzzing.md): a data race in any
// of these read paths is reported there; here (any build) the results are compared.
#include "support/random_pose.hpp"  // tests/support

#include <arthrokin/anatomy/muscle_length.hpp>
#include <arthrokin/anatomy/muscles.hpp>
#include <arthrokin/batch.hpp>
#include <arthrokin/check.hpp>
#include <arthrokin/exercise/monitor.hpp>
#include <arthrokin/kinematics/forward.hpp>
#include <arthrokin/kinematics/keypoints.hpp>
#include <arthrokin/kinematics/skeleton.hpp>

#ifdef ARTHROKIN_THREADS_TEST_CAPI
#include <arthrokin/c_api.h>
#endif

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <latch>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace arthrokin;

constexpr std::size_t n_poses = 96;
constexpr unsigned n_threads = 4;
constexpr std::size_t per_thread = n_poses / n_threads;
constexpr Layout layouts[] = {Layout::blazepose33, Layout::coco17, Layout::h36m17, Layout::smpl24};

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

// Everything the threads share, read-only while they run.
struct Shared {
  Limits limits = Limits::defaults();
  std::vector<Pose> poses;
  std::vector<double> rows;                      // n_poses × 39 radians (some NaN)
  std::vector<double> quaternions;               // n_poses × 16 × 4
  std::array<std::vector<double>, 4> keypoints;  // per layout: n_poses × K × 3
  KeypointOptions keypoint_options;
  JointAngleOptions angle_options;
  Exercise exercise = lumbar_spine_rocking_stretch();

  Shared() {
    limits.with_tolerance(2_deg).override_dof(DofId::left_hip_flexion_extension, -10_deg, 90_deg, "threads test");
    limits.add(composite_limit("hip_adduction_plus_internal_rotation", "Seed", Side::left));
    std::mt19937 rng(11);
    const Skeleton sk = skeleton_from_height(1.75);
    for (std::size_t i = 0; i < n_poses; ++i) {
      Pose p = test_support::random_pose(rng, true, 20.0);
      if (i % 5 == 0) p.clear(DofId::right_knee_flexion_extension);
      if (i % 7 == 0) p.set(DofId::left_hip_internal_external_rotation, 60_deg);  // out of range
      poses.push_back(p);
      for (std::size_t k = 0; k < dof_count; ++k) rows.push_back(p.as_radians()[static_cast<Eigen::Index>(k)]);
      const SegmentOrientations seg = segment_orientations(p);
      for (std::size_t s = 0; s < segment_count; ++s)
        for (int c = 0; c < 4; ++c) quaternions.push_back(seg.q_global_segment[s].coeffs()[c]);
      for (std::size_t l = 0; l < 4; ++l) {
        const std::vector<double> kp = synthesize_keypoints(layouts[l], sk, seg);
        keypoints[l].insert(keypoints[l].end(), kp.begin(), kp.end());
      }
    }
  }
};

// What one pass over the shared inputs produces: compared between threads and the reference.
struct Results {
  std::vector<std::uint8_t> verdicts;
  std::vector<std::string> sentences;
  std::vector<double> muscle_scores;
  std::vector<std::size_t> mover_counts;
  std::vector<std::string> cues;
  std::array<std::vector<double>, 4> keypoint_angles;
  std::vector<double> rotation_angles;

  friend bool operator==(const Results& a, const Results& b) {
    auto same_vec = [](const std::vector<double>& x, const std::vector<double>& y) {
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i)
        if (!same(x[i], y[i])) return false;
      return true;
    };
    for (std::size_t l = 0; l < 4; ++l)
      if (!same_vec(a.keypoint_angles[l], b.keypoint_angles[l])) return false;
    return a.verdicts == b.verdicts && a.sentences == b.sentences && same_vec(a.muscle_scores, b.muscle_scores) &&
           a.mover_counts == b.mover_counts && a.cues == b.cues && same_vec(a.rotation_angles, b.rotation_angles);
  }
};

// check(), describe(), muscle_lengths(), movers(), a Monitor over the shared exercise,
// keypoint and rotation angles: all of poses [begin, end).
Results run_pass(const Shared& s, std::size_t begin, std::size_t end) {
  Results r;
  Report report;
  Monitor monitor(s.exercise);
  for (std::size_t i = begin; i < end; ++i) {
    const Pose& p = s.poses[i];
    check(p, s.limits, report);
    r.verdicts.push_back(static_cast<std::uint8_t>(report.overall));
    if (i % 4 == 0) r.sentences.push_back(describe(report));
    const MuscleLengthReport m = muscle_lengths(p, s.poses[begin]);
    for (const auto& x : m.lengthened) r.muscle_scores.push_back(x.score_rad);
    const auto d = static_cast<DofId>(i % dof_count);
    r.mover_counts.push_back(movers(DofMotion{d, Sense::positive}).size());
    for (const CueEvent& c : monitor.update(static_cast<double>(i - begin) / 30.0, p)) r.cues.emplace_back(c.message());
  }
  for (std::size_t l = 0; l < 4; ++l) {
    const std::size_t k3 = keypoint_count(layouts[l]) * 3;
    r.keypoint_angles[l].resize((end - begin) * dof_count);
    keypoint_angles_batch(layouts[l], std::span<const double>(s.keypoints[l]).subspan(begin * k3, (end - begin) * k3),
                          {}, r.keypoint_angles[l], {}, s.keypoint_options);
  }
  r.rotation_angles.resize((end - begin) * dof_count);
  joint_angles_batch(std::span<const double>(s.quaternions).subspan(begin * 64, (end - begin) * 64), r.rotation_angles,
                     {}, s.angle_options);
  return r;
}

TEST(threads, SharedLimitsCheckerExerciseAndCatalogueGiveTheSingleThreadedResults) {
  const Shared s;
  const BatchChecker checker(s.limits);

  // Single-threaded reference.
  std::vector<Results> expected;
  for (unsigned t = 0; t < n_threads; ++t) expected.push_back(run_pass(s, t * per_thread, (t + 1) * per_thread));
  std::vector<std::uint8_t> expected_verdicts(n_poses);
  BatchCounts expected_counts;
  checker.run(s.rows, expected_verdicts, expected_counts);
  for (std::size_t i = 0; i < n_poses; ++i)
    ASSERT_EQ(expected_verdicts[i], static_cast<std::uint8_t>(check(s.poses[i], s.limits).overall)) << i;

  // The same, four threads at once, twice over; the batch writes disjoint slices of one array.
  std::vector<std::uint8_t> verdicts(n_poses, 0xEE);
  std::vector<BatchCounts> counts(n_threads);
  std::vector<Results> got(n_threads);
  std::atomic<int> mismatches{0};
  std::latch start(n_threads);
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < n_threads; ++t)
      pool.emplace_back([&, t] {
        const std::size_t b = t * per_thread, e = (t + 1) * per_thread;
        start.arrive_and_wait();
        for (int round = 0; round < 2; ++round) {
          counts[t] = {};
          checker.run(std::span<const double>(s.rows).subspan(b * dof_count, per_thread * dof_count),
                      std::span<std::uint8_t>(verdicts).subspan(b, per_thread), counts[t]);
          for (std::size_t i = b; i < e; ++i)
            if (checker.verdict(s.rows.data() + i * dof_count) != static_cast<Verdict>(expected_verdicts[i]))
              ++mismatches;
          got[t] = run_pass(s, b, e);
        }
      });
  }
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_EQ(verdicts, expected_verdicts);
  BatchCounts total;
  for (const auto& c : counts) total += c;
  EXPECT_EQ(total.dof, expected_counts.dof);
  EXPECT_EQ(total.composite, expected_counts.composite);
  EXPECT_EQ(total.verdict, expected_counts.verdict);
  for (unsigned t = 0; t < n_threads; ++t) EXPECT_TRUE(got[t] == expected[t]) << "thread " << t;

  // The checker's own worker threads (BatchOptions::threads) on the shared checker.
  std::vector<std::uint8_t> v2(n_poses);
  BatchCounts c2;
  BatchOptions o;
  o.threads = n_threads;
  o.min_rows_per_thread = 1;
  checker.run(s.rows, v2, c2, {}, o);
  EXPECT_EQ(v2, expected_verdicts);
  EXPECT_EQ(c2.dof, expected_counts.dof);
}

#ifdef ARTHROKIN_THREADS_TEST_CAPI
// c_api.h: "a handle may be read (ak_check, getters) from several threads at once";
// "error messages are per thread".
TEST(threads, CApiSharedLimitsHandleAndPerThreadErrorMessages) {
  const Shared s;
  ak_limits* limits = nullptr;
  ASSERT_EQ(ak_limits_from_source("AAOS94", &limits), AK_OK);
  ASSERT_EQ(ak_limits_set_tolerance_deg(limits, 2.0), AK_OK);

  auto describe_pose = [&](std::size_t i, int* verdict) {
    ak_pose* p = nullptr;
    ak_report* r = nullptr;
    std::string text;
    if (ak_pose_from_radians(s.rows.data() + i * dof_count, dof_count, &p) == AK_OK &&
        ak_check(p, limits, &r) == AK_OK) {
      std::size_t n = 0;
      ak_report_describe(r, nullptr, 0, &n);
      text.resize(n + 1);
      ak_report_describe(r, text.data(), text.size(), &n);
      text.resize(n);
      ak_report_summary(r, verdict, nullptr, nullptr);
    }
    ak_report_free(r);
    ak_pose_free(p);
    return text;
  };
  std::vector<std::string> expected(n_poses);
  std::vector<int> expected_verdict(n_poses);
  for (std::size_t i = 0; i < n_poses; ++i) expected[i] = describe_pose(i, &expected_verdict[i]);

  std::atomic<int> mismatches{0};
  std::latch start(n_threads), failed(n_threads);
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < n_threads; ++t)
      pool.emplace_back([&, t] {
        start.arrive_and_wait();
        for (std::size_t i = t; i < n_poses; i += n_threads) {
          int v = -1;
          if (describe_pose(i, &v) != expected[i] || v != expected_verdict[i]) ++mismatches;
        }
        // A failing call per thread: each thread keeps its own message after the others failed too.
        const std::string name = "no such dof " + std::to_string(t);
        int index = 0;
        if (ak_dof_index(name.c_str(), &index, nullptr) != AK_ERR_UNKNOWN_NAME) ++mismatches;
        failed.arrive_and_wait();
        if (std::strstr(ak_last_error_message(), name.c_str()) == nullptr) ++mismatches;
      });
  }
  EXPECT_EQ(mismatches.load(), 0);
  ak_limits_free(limits);
}

// c_api.h, "Threads": one ak_limits shared by every thread, one ak_pose and one ak_report per
// thread, reused frame after frame: keypoints (every layout) and rotations -> angles -> report.
TEST(threads, CApiPerFramePathSharedLimitsOwnReports) {
  const Shared s;
  ak_limits* limits = nullptr;
  ASSERT_EQ(ak_limits_defaults(&limits), AK_OK);
  ASSERT_EQ(ak_limits_set_tolerance_deg(limits, 1.0), AK_OK);
  const std::size_t n = dof_count;
  // One frame through the C per-frame path; the bytes compared: verdict and every DoF status.
  auto run = [&](std::size_t i, ak_pose* pose, ak_report* report) {
    std::vector<std::uint8_t> out;
    double rad[dof_count], tl[3];
    std::uint8_t st[dof_count];
    for (int l = 0; l < 5; ++l) {
      const ak_error e =
          l < 4 ? ak_keypoint_angles(
                      l, s.keypoints[static_cast<std::size_t>(l)].data() + i * ak_layout_keypoint_count(l) * 3, 1,
                      nullptr, 0.5, 0, rad, st, tl, nullptr)
                : ak_rotation_angles(s.quaternions.data() + i * segment_count * 4, 1, rad, st, tl, nullptr);
      if (e != AK_OK || ak_pose_set_radians(pose, rad, n) != AK_OK ||
          ak_pose_set_thoracolumbar_rad(pose, tl) != AK_OK || ak_check_into(pose, limits, report) != AK_OK)
        return std::vector<std::uint8_t>{};
      int verdict = -1;
      ak_report_summary(report, &verdict, nullptr, nullptr);
      out.push_back(static_cast<std::uint8_t>(verdict));
      out.insert(out.end(), st, st + n);
      for (int d = 0; d < static_cast<int>(n); ++d) {
        ak_dof_result r;
        ak_report_dof(report, d, &r);
        out.push_back(static_cast<std::uint8_t>(r.status));
      }
    }
    return out;
  };
  ak_pose* pose0 = nullptr;
  ak_report* report0 = nullptr;
  ASSERT_EQ(ak_pose_new(&pose0), AK_OK);
  ASSERT_EQ(ak_report_new(&report0), AK_OK);
  std::vector<std::vector<std::uint8_t>> expected(n_poses);
  for (std::size_t i = 0; i < n_poses; ++i) {
    expected[i] = run(i, pose0, report0);
    ASSERT_FALSE(expected[i].empty()) << ak_last_error_message();
  }
  ak_report_free(report0);
  ak_pose_free(pose0);

  std::atomic<int> mismatches{0};
  std::latch start(n_threads);
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < n_threads; ++t)
      pool.emplace_back([&, t] {
        ak_pose* pose = nullptr;
        ak_report* report = nullptr;
        if (ak_pose_new(&pose) != AK_OK || ak_report_new(&report) != AK_OK) ++mismatches;
        start.arrive_and_wait();
        for (int pass = 0; pass < 2; ++pass)
          for (std::size_t i = t; i < n_poses; i += n_threads)
            if (run(i, pose, report) != expected[i]) ++mismatches;
        ak_report_free(report);
        ak_pose_free(pose);
      });
  }
  EXPECT_EQ(mismatches.load(), 0);
  ak_limits_free(limits);
}
#endif

}  // namespace
