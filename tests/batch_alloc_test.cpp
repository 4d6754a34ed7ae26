// The batch and per-frame paths allocate nothing: global operator new is replaced
// in this translation unit and counted.
#include <arthrokin/arthrokin.hpp>
#include <arthrokin/batch.hpp>
#include <arthrokin/kinematics/forward.hpp>
#include <arthrokin/kinematics/skeleton.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <random>
#include <vector>

#include "support/allocation_counter.hpp"

using namespace arthrokin;
using namespace arthrokin::literals;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> random_rows(std::size_t n, std::uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1.5, 1.5), p(0, 1);
  std::vector<double> rows(n * dof_count);
  for (double& v : rows) v = p(rng) < 0.05 ? kNaN : u(rng);
  return rows;
}

struct Frames {
  std::vector<double> quats, keypoints;
  std::size_t n;
};
Frames random_frames(std::size_t n) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(-0.5, 0.5);
  Frames f{std::vector<double>(n * segment_count * 4), std::vector<double>(n * 99), n};
  const Skeleton sk = skeleton_from_height(1.7);
  for (std::size_t i = 0; i < n; ++i) {
    Pose p;
    for (DofId d : all_dofs) p.set(d, radians(u(rng)));
    const auto seg = segment_orientations(p);
    for (std::size_t s = 0; s < segment_count; ++s)
      Eigen::Map<Eigen::Vector4d>(f.quats.data() + (i * segment_count + s) * 4) = seg.q_global_segment[s].coeffs();
    const auto k = synthesize_keypoints(Layout::blazepose33, sk, p);
    std::copy(k.begin(), k.end(), f.keypoints.begin() + static_cast<std::ptrdiff_t>(i * 99));
  }
  return f;
}
}  // namespace

TEST(BatchAlloc, CounterSeesAnAllocation) {
  const long before = test_support::allocation_count;
  void* v = ::operator new(16);
  ::operator delete(v);
  std::vector<double> w(3);
  EXPECT_GE(test_support::allocation_count.load() - before, 2);
}

TEST(BatchAlloc, BatchCheckAllocatesNothing) {
  const Limits L = Limits::defaults().with_tolerance(2_deg).add(
      composite_limit("hip_adduction_plus_internal_rotation", "Seed", Side::left));
  const auto rows = random_rows(5000, 1);
  std::vector<double> tl(5000 * 3, 0.1);
  std::vector<std::uint8_t> verdicts(5000);
  BatchCounts counts;
  const long before = test_support::allocation_count;
  const BatchChecker k(L);
  k.run(rows, verdicts, counts);
  k.run(rows, verdicts, counts, tl);
  check_batch(L, rows, verdicts, counts);
  check_batch(L, Eigen::Map<const PoseBatch>(rows.data(), 5000, dof_count), verdicts, counts);
  EXPECT_EQ(test_support::allocation_count.load() - before, 0);
  EXPECT_EQ(counts.poses, 4u * 5000u);
}

TEST(BatchAlloc, BatchCheckWithStatusesAllocatesNothing) {
  const Limits L = Limits::defaults().with_tolerance(2_deg);
  const auto rows = random_rows(5000, 3);
  std::vector<double> tl(5000 * 3, 0.1);
  const BatchChecker k(L);
  std::vector<std::uint8_t> verdicts(5000), status(5000 * dof_count), comp(5000 * k.composite_count());
  BatchCounts counts;
  const long before = test_support::allocation_count;
  k.run(rows, verdicts, BatchStatuses{status, comp}, counts, tl);
  k.run(rows, verdicts, BatchStatuses{status, {}}, counts);
  EXPECT_FALSE(find_infinity(rows, tl));
  EXPECT_EQ(test_support::allocation_count.load() - before, 0);
  EXPECT_EQ(counts.poses, 2u * 5000u);
}

TEST(BatchAlloc, BatchCheckWithUncertaintyAllocatesNothing) {
  const Limits L = Limits::defaults().with_tolerance(1_deg);
  const auto rows = random_rows(5000, 4);
  std::vector<double> row_u(5000 * dof_count, 0.02);
  const long before = test_support::allocation_count;
  const BatchChecker k(L, Uncertainty::uniform(2_deg));
  std::vector<std::uint8_t> verdicts(5000), status(5000 * dof_count);
  BatchCounts counts;
  BatchOptions opt;
  opt.row_uncertainty = row_u;
  const long after_buffers = test_support::allocation_count;
  k.run(rows, verdicts, counts);
  k.run(rows, verdicts, BatchStatuses{status, {}}, counts, {}, opt);
  (void)k.verdict(rows.data(), nullptr, BatchIsa::best, row_u.data());
  EXPECT_EQ(test_support::allocation_count.load() - after_buffers, 0);
  EXPECT_EQ(after_buffers - before, 2);  // the two vectors
  EXPECT_EQ(counts.poses, 2u * 5000u);
}

TEST(BatchAlloc, ThreadedBatchAllocatesPerThreadNotPerPose) {
  const Limits L = Limits::defaults();
  BatchOptions opt;
  opt.threads = 2;
  opt.min_rows_per_thread = 1000;
  long per_run[2];
  int i = 0;
  for (std::size_t n : {4000u, 40000u}) {
    const auto rows = random_rows(n, 2);
    std::vector<std::uint8_t> verdicts(n);
    BatchCounts counts;
    const long before = test_support::allocation_count;
    check_batch(L, rows, verdicts, counts, {}, opt);
    per_run[i++] = test_support::allocation_count.load() - before;
  }
  EXPECT_EQ(per_run[0], per_run[1]);  // the thread's own state, independent of N
  EXPECT_LE(per_run[1], 4);
}

TEST(BatchAlloc, BatchAnglesAllocateNothing) {
  const Frames f = random_frames(300);
  std::vector<double> out(f.n * dof_count), tl(f.n * 3);
  const long before = test_support::allocation_count;
  joint_angles_batch(f.quats, out, tl);
  keypoint_angles_batch(Layout::blazepose33, f.keypoints, {}, out, tl);
  EXPECT_EQ(test_support::allocation_count.load() - before, 0);
}

TEST(BatchAlloc, PerFramePathsAllocateNothing) {
  const Frames f = random_frames(100);
  const Limits L = Limits::defaults();
  Report report;
  SegmentOrientations seg;
  std::size_t out_of_range = 0;
  const long before = test_support::allocation_count;
  for (std::size_t i = 0; i < f.n; ++i) {
    // keypoints → angles → report
    const auto a = keypoint_angles({Layout::blazepose33, std::span<const double>(f.keypoints).subspan(i * 99, 99)});
    check(a.pose, L, report);
    out_of_range += report.out_of_range_count;
    // quaternions → angles → report
    for (std::size_t s = 0; s < segment_count; ++s)
      seg.set(static_cast<Segment>(s),
              Eigen::Quaterniond(Eigen::Map<const Eigen::Vector4d>(f.quats.data() + (i * segment_count + s) * 4)));
    check(joint_angles(seg).pose, L, report);
    out_of_range += report.out_of_range_count;
  }
  EXPECT_EQ(test_support::allocation_count.load() - before, 0);
  EXPECT_GE(out_of_range, 0u);
}
