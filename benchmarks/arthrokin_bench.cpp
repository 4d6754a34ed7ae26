// Google Benchmark suite (docs/performance.md). Fixed seeds; every result goes
// through benchmark::DoNotOptimize. items/s = poses (or frames) per second;
// bytes/s = input bytes read per second.
#include <arthrokin/arthrokin.hpp>
#include <arthrokin/batch.hpp>
#include <arthrokin/exercise/monitor.hpp>
#include <arthrokin/kinematics/fitter.hpp>
#include <arthrokin/kinematics/forward.hpp>
#include <arthrokin/kinematics/skeleton.hpp>
#ifdef ARTHROKIN_BENCH_HAVE_IO
#include <arthrokin/io/bvh.hpp>
#include <arthrokin/io/bvh_angles.hpp>
#endif

#include <benchmark/benchmark.h>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace arthrokin;
using namespace arthrokin::literals;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Random poses, row-major N × dof_count ("data" argument). 0: every DoF known and within the default
/// limits (the one-pass path); 1: 5% unknown, 10% drawn from ±π (many out of range).
std::vector<double> make_rows(std::size_t n, int kind, std::uint32_t seed = 42) {
  const Limits L = Limits::defaults();
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u01(0, 1), any(-3.1, 3.1);
  std::vector<double> rows(n * dof_count);
  for (std::size_t r = 0; r < n; ++r)
    for (std::size_t j = 0; j < dof_count; ++j) {
      const auto& l = L[static_cast<DofId>(j)];
      const double lo = l.lower.has_value() ? l.lower.radians : -0.3, hi = l.upper.has_value() ? l.upper.radians : 0.3;
      double v = lo + (hi - lo) * (0.05 + 0.9 * u01(rng)) * 0.5;  // inside, and keeps thoracolumbar sums inside
      if (kind == 1) {
        const double p = u01(rng);
        if (p < 0.05)
          v = kNaN;
        else if (p < 0.15)
          v = any(rng);
      }
      rows[r * dof_count + j] = v;
    }
  return rows;
}

Pose pose_from_row(const double* row) { return Pose::from_radians(Eigen::Map<const PoseVector>(row)); }

// Random full-body poses → segment quaternions and BlazePose-33 keypoints (forward model).
struct Frames {
  std::vector<SegmentOrientations> segments;
  std::vector<double> quats;      // F × 16 × 4
  std::vector<double> keypoints;  // F × 33 × 3
  std::size_t n = 0;
};
const Frames& frames() {
  static const Frames f = [] {
    Frames out;
    out.n = 1024;
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(-0.5, 0.5), flex(0.3, 1.6);
    const Skeleton sk = skeleton_from_height(1.75);
    for (std::size_t i = 0; i < out.n; ++i) {
      Pose p;
      for (DofId d : all_dofs) p.set(d, radians(u(rng)));
      for (DofId d : {DofId::left_elbow_flexion_extension, DofId::right_elbow_flexion_extension,
                      DofId::left_knee_flexion_extension, DofId::right_knee_flexion_extension})
        p.set(d, radians(flex(rng)));
      out.segments.push_back(segment_orientations(p));
      for (const auto& q : out.segments.back().q_global_segment)
        for (int c = 0; c < 4; ++c) out.quats.push_back(q.coeffs()[c]);
      const auto k = synthesize_keypoints(Layout::blazepose33, sk, p);
      out.keypoints.insert(out.keypoints.end(), k.begin(), k.end());
    }
    return out;
  }();
  return f;
}

// ---- check from given angles --------------------------------------------------

void BM_CheckPose(benchmark::State& state) {
  const auto rows = make_rows(1024, static_cast<int>(state.range(0)));
  std::vector<Pose> poses;
  for (std::size_t i = 0; i < 1024; ++i) poses.push_back(pose_from_row(rows.data() + i * dof_count));
  const Limits L = Limits::defaults();
  Report r;
  std::size_t i = 0;
  for (auto _ : state) {
    check(poses[i++ & 1023], L, r);
    benchmark::DoNotOptimize(r.overall);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(dof_count * sizeof(double)));
}
BENCHMARK(BM_CheckPose)->Arg(0)->Arg(1)->ArgName("data");

// The same with a standard uncertainty of 2° on every DoF (issue 13: possibly beyond).
void BM_CheckPoseUncertain(benchmark::State& state) {
  const auto rows = make_rows(1024, static_cast<int>(state.range(0)));
  std::vector<Pose> poses;
  for (std::size_t i = 0; i < 1024; ++i) poses.push_back(pose_from_row(rows.data() + i * dof_count));
  const Limits L = Limits::defaults();
  const Uncertainty u = Uncertainty::uniform(2_deg);
  Report r;
  std::size_t i = 0;
  for (auto _ : state) {
    check(poses[i++ & 1023], L, u, r);
    benchmark::DoNotOptimize(r.overall);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(dof_count * sizeof(double)));
}
BENCHMARK(BM_CheckPoseUncertain)->Arg(0)->Arg(1)->ArgName("data");

void BM_CheckRowRaw(benchmark::State& state) {
  const auto rows = make_rows(1024, static_cast<int>(state.range(0)));
  const BatchChecker k(Limits::defaults());
  std::size_t i = 0;
  for (auto _ : state) {
    const Verdict v = k.verdict(rows.data() + (i++ & 1023) * dof_count);
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(dof_count * sizeof(double)));
}
BENCHMARK(BM_CheckRowRaw)->Arg(0)->Arg(1)->ArgName("data");

/// The shoulder region's cost (docs/shoulder-region.md): the same rows with the region off
/// (every shoulder DoF against its own range) and on (the defaults), through the raw-row verdict.
void BM_CheckRowShoulderRegion(benchmark::State& state) {
  const auto rows = make_rows(1024, static_cast<int>(state.range(0)));
  const BatchChecker k(Limits::defaults().with_shoulder_region(state.range(1) != 0));
  std::size_t i = 0;
  for (auto _ : state) {
    const Verdict v = k.verdict(rows.data() + (i++ & 1023) * dof_count);
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CheckRowShoulderRegion)
    ->Args({0, 0})
    ->Args({0, 1})
    ->Args({1, 0})
    ->Args({1, 1})
    ->ArgNames({"data", "region"});

/// The two-joint limits' cost (docs/two-joint-limits.md): the same rows with them off and on (the
/// defaults: both hips decided per pose against the hamstrings' limit at the knee's flexion).
void BM_CheckRowTwoJoint(benchmark::State& state) {
  const auto rows = make_rows(1024, static_cast<int>(state.range(0)));
  const BatchChecker k(Limits::defaults().with_two_joint_limits(state.range(1) != 0));
  std::size_t i = 0;
  for (auto _ : state) {
    const Verdict v = k.verdict(rows.data() + (i++ & 1023) * dof_count);
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CheckRowTwoJoint)->Args({0, 0})->Args({0, 1})->Args({1, 0})->Args({1, 1})->ArgNames({"data", "two_joint"});

/// The nearest valid pose (docs/nearest.md), per pose: data 0 (every pose already passes: the
/// membership test only) and 1 (10% of the DoFs drawn from ±π: boxes, composites and the region move).
void BM_NearestValidPose(benchmark::State& state) {
  const auto rows = make_rows(1024, static_cast<int>(state.range(0)));
  std::vector<Pose> poses;
  for (std::size_t i = 0; i < 1024; ++i) poses.push_back(pose_from_row(rows.data() + i * dof_count));
  const Limits L = Limits::defaults();
  std::size_t i = 0;
  for (auto _ : state) {
    const NearestResult r = nearest_valid_pose(poses[i++ & 1023], L);
    benchmark::DoNotOptimize(r.distance_radians);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NearestValidPose)->Arg(0)->Arg(1)->ArgName("data");

/// kind 2: poses as BlazePose-33 keypoints give them (keypoint_angles of 1024 synthetic
/// frames, tiled): some DoFs are never observed, so no pose takes the one-pass path.
std::vector<double> keypoint_rows(std::size_t n, std::vector<double>& tl) {
  const auto& f = frames();
  std::vector<double> one(f.n * dof_count), one_tl(f.n * 3);
  keypoint_angles_batch(Layout::blazepose33, f.keypoints, {}, one, one_tl);
  std::vector<double> rows(n * dof_count);
  tl.resize(n * 3);
  for (std::size_t r = 0; r < n; ++r) {
    std::copy_n(one.begin() + static_cast<std::ptrdiff_t>((r % f.n) * dof_count), dof_count,
                rows.begin() + static_cast<std::ptrdiff_t>(r * dof_count));
    std::copy_n(one_tl.begin() + static_cast<std::ptrdiff_t>((r % f.n) * 3), 3,
                tl.begin() + static_cast<std::ptrdiff_t>(r * 3));
  }
  return rows;
}

/// `uncertainty`: 0 none, 1 a per-DoF uncertainty (2° on every DoF), 2 that and an N × dof_count per-pose array
/// (1.5°, NaN on every 4th value: the per-DoF value).
void batch_bench(benchmark::State& state, unsigned threads, BatchIsa isa = BatchIsa::best, int uncertainty = 0) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<double> tl;
  const auto rows = state.range(1) == 2 ? keypoint_rows(n, tl) : make_rows(n, static_cast<int>(state.range(1)));
  std::vector<std::uint8_t> verdicts(n);
  const BatchChecker k(Limits::defaults(), uncertainty > 0 ? Uncertainty::uniform(2_deg) : Uncertainty{});
  std::vector<double> row_u;
  if (uncertainty > 1) {
    row_u.assign(n * dof_count, to_radians(1.5_deg));
    for (std::size_t i = 0; i < row_u.size(); i += 4) row_u[i] = std::numeric_limits<double>::quiet_NaN();
  }
  BatchOptions opt;
  opt.threads = threads;
  opt.isa = isa;
  opt.row_uncertainty = row_u;
  state.SetLabel(std::string(BatchChecker::kernel_name(isa)));
  for (auto _ : state) {
    BatchCounts counts;
    k.run(rows, verdicts, counts, tl, opt);
    benchmark::DoNotOptimize(counts.verdict);
    benchmark::DoNotOptimize(verdicts.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(n * dof_count * sizeof(double)));
}
void BM_BatchCheck(benchmark::State& state) { batch_bench(state, 1); }
void BM_BatchCheck2Threads(benchmark::State& state) { batch_bench(state, 2); }
// The build's baseline kernel (SSE2 on x86-64 without -mavx2), for comparison with the dispatched one.
void BM_BatchCheckBaseline(benchmark::State& state) { batch_bench(state, 1, BatchIsa::baseline); }
BENCHMARK(BM_BatchCheck)
    ->ArgsProduct({{1 << 6, 1 << 10, 1 << 14, 1 << 17, 1 << 20, 1 << 22}, {0, 1, 2}})
    ->ArgNames({"N", "data"})
    ->UseRealTime();
BENCHMARK(BM_BatchCheckBaseline)
    ->ArgsProduct({{1 << 6, 1 << 10, 1 << 14, 1 << 17, 1 << 20, 1 << 22}, {0, 1, 2}})
    ->ArgNames({"N", "data"})
    ->UseRealTime();
// Issue 13: with uncertainty (1: per DoF, 2: per DoF and per pose).
void BM_BatchCheckUncertain(benchmark::State& state) {
  batch_bench(state, 1, BatchIsa::best, static_cast<int>(state.range(2)));
}
BENCHMARK(BM_BatchCheckUncertain)
    ->ArgsProduct({{1 << 14, 1 << 20}, {0, 1, 2}, {1, 2}})
    ->ArgNames({"N", "data", "u"})
    ->UseRealTime();
BENCHMARK(BM_BatchCheck2Threads)
    ->ArgsProduct({{1 << 17, 1 << 20, 1 << 22}, {0}})
    ->ArgNames({"N", "data"})
    ->UseRealTime();

// Issue 15: the range accumulator's batch path (range.hpp). items/s = pose × DoF values per second, so that
// 1/items_per_second is the cost per pose per DoF. data 0 and 1 as above (uniform draws: each value lands in
// a random histogram bin); data 3: smooth movement (every DoF a slow sine through its range, as a recording
// moves), whose bins stay in cache.
std::vector<double> smooth_rows(std::size_t n) {
  const Limits L = Limits::defaults();
  std::vector<double> rows(n * dof_count);
  for (std::size_t r = 0; r < n; ++r)
    for (std::size_t j = 0; j < dof_count; ++j) {
      const auto& l = L[static_cast<DofId>(j)];
      const double lo = l.lower.has_value() ? l.lower.radians : -0.3, hi = l.upper.has_value() ? l.upper.radians : 0.3;
      const double phase = 0.01 * static_cast<double>(r) + 0.3 * static_cast<double>(j);
      rows[r * dof_count + j] = lo + (hi - lo) * 0.5 * (1.0 + std::sin(phase));
    }
  return rows;
}
void BM_RangeAccumulatorBatch(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const int kind = static_cast<int>(state.range(1));
  const auto rows = kind == 3 ? smooth_rows(n) : make_rows(n, kind);
  RangeAccumulator acc;
  for (auto _ : state) {
    if (acc.frames() > RangeAccumulator::max_frames / 2) acc.reset();  // the counts would overflow (never, in practice)
    acc.add_batch(rows);
    benchmark::DoNotOptimize(acc);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n * dof_count));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(n * dof_count * sizeof(double)));
}
BENCHMARK(BM_RangeAccumulatorBatch)->ArgsProduct({{1 << 14, 1 << 17}, {0, 1, 3}})->ArgNames({"N", "data"});

// ---- gait (gait.hpp): one cycle of `frames` frames normalised to 51 points and scored (GVS, GPS, band,
// knee in stance), and the streaming recorder's per-frame add; both allocate nothing ----
std::vector<Pose> gait_cycle(std::size_t frames) {
  std::vector<Pose> poses(frames);
  for (std::size_t f = 0; f < frames; ++f) {
    const double u = 2.0 * 3.141592653589793 * static_cast<double>(f) / static_cast<double>(frames - 1);
    for (Side s : {Side::left, Side::right}) {
      const bool l = s == Side::left;
      poses[f].set(l ? DofId::left_hip_flexion_extension : DofId::right_hip_flexion_extension,
                   degrees(10 + 25 * std::cos(u)));
      poses[f].set(l ? DofId::left_knee_flexion_extension : DofId::right_knee_flexion_extension,
                   degrees(30 - 28 * std::cos(u)));
      poses[f].set(l ? DofId::left_ankle_dorsiflexion_plantarflexion : DofId::right_ankle_dorsiflexion_plantarflexion,
                   degrees(5 * std::sin(u)));
    }
  }
  return poses;
}
void BM_GaitScoreCycle(benchmark::State& state) {
  const auto frames = static_cast<std::size_t>(state.range(0));
  const auto poses = gait_cycle(frames);
  std::vector<GaitSample> samples(frames);
  for (std::size_t f = 0; f < frames; ++f) gait_frame_values(poses[f], Side::right, GaitLabAngles{}, samples[f]);
  GaitCycleScore out;
  const GaitOptions o;
  for (auto _ : state) {
    score_cycle(samples, Side::right, o, out);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());  // cycles
}
BENCHMARK(BM_GaitScoreCycle)->Arg(120)->Arg(1200)->ArgNames({"frames"});
void BM_GaitRecorderAdd(benchmark::State& state) {
  const auto poses = gait_cycle(120);
  GaitCycleRecorder rec(Side::right, 4096);
  GaitCycleScore out;
  const GaitOptions o;
  std::size_t f = 0;
  for (auto _ : state) {
    if (f % 120 == 0) {
      rec.contact(poses[0], f, o, out);
    } else {
      rec.add(poses[f % 120]);
    }
    ++f;
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());  // frames (one cycle scored every 120)
}
BENCHMARK(BM_GaitRecorderAdd);

// ---- units API vs raw kernel (STYLE.md rule 7): must agree within noise -------

[[nodiscard]] inline int out_of_range_units(const std::array<Angle, dof_count>& v,
                                            const std::array<Angle, dof_count>& lo,
                                            const std::array<Angle, dof_count>& hi) noexcept {
  int n = 0;
  for (std::size_t j = 0; j < dof_count; ++j) n += (v[j] < lo[j]) | (v[j] > hi[j]);
  return n;
}
[[nodiscard]] inline int out_of_range_raw(const std::array<double, dof_count>& v,
                                          const std::array<double, dof_count>& lo,
                                          const std::array<double, dof_count>& hi) noexcept {
  int n = 0;
  for (std::size_t j = 0; j < dof_count; ++j) n += (v[j] < lo[j]) | (v[j] > hi[j]);
  return n;
}
template <class T>
std::vector<std::array<T, dof_count>> unit_rows(std::size_t n) {
  const auto rows = make_rows(n, 1);
  std::vector<std::array<T, dof_count>> out(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < dof_count; ++j) {
      if constexpr (std::is_same_v<T, Angle>)
        out[i][j] = radians(rows[i * dof_count + j]);
      else
        out[i][j] = rows[i * dof_count + j];
    }
  return out;
}
void BM_RangeUnits(benchmark::State& state) {
  const auto rows = unit_rows<Angle>(1024);
  std::array<Angle, dof_count> lo, hi;
  lo.fill(-30_deg);
  hi.fill(45_deg);
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(out_of_range_units(rows[i++ & 1023], lo, hi));
  state.SetItemsProcessed(state.iterations());
}
void BM_RangeRaw(benchmark::State& state) {
  const auto rows = unit_rows<double>(1024);
  std::array<double, dof_count> lo, hi;
  lo.fill(to_radians(-30_deg));
  hi.fill(to_radians(45_deg));
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(out_of_range_raw(rows[i++ & 1023], lo, hi));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RangeUnits);
BENCHMARK(BM_RangeRaw);

// The public Pose API (dof_count × Pose::set(DofId, Angle)) vs Pose::from_radians on a raw row.
void BM_PoseFromAngles(benchmark::State& state) {
  const auto rows = unit_rows<Angle>(1024);
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& r = rows[i++ & 1023];
    Pose p;
    for (std::size_t j = 0; j < dof_count; ++j)
      if (!std::isnan(to_radians(r[j]))) p.set(static_cast<DofId>(j), r[j]);
    benchmark::DoNotOptimize(p);
  }
  state.SetItemsProcessed(state.iterations());
}
void BM_PoseFromRadians(benchmark::State& state) {
  const auto rows = make_rows(1024, 1);
  std::size_t i = 0;
  for (auto _ : state) {
    Pose p = pose_from_row(rows.data() + (i++ & 1023) * dof_count);
    benchmark::DoNotOptimize(p);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PoseFromAngles);
BENCHMARK(BM_PoseFromRadians);

// ---- segment quaternions → angles → report ----------------------------------

// One frame at a time through the solver; `fast`: JointAngleOptions::fast_trig (the frame's
// angles four at a time by detail/fast_trig.hpp).
void quaternions_to_angles(benchmark::State& state, bool fast) {
  const auto& f = frames();
  JointAngleOptions opt;
  opt.fast_trig = fast;
  std::size_t i = 0;
  for (auto _ : state) {
    const JointAngles a = joint_angles(f.segments[i++ & 1023], opt);
    benchmark::DoNotOptimize(a.pose);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(segment_count * 4 * sizeof(double)));
}
void BM_QuaternionsToAngles(benchmark::State& state) { quaternions_to_angles(state, false); }
BENCHMARK(BM_QuaternionsToAngles);
void BM_QuaternionsToAnglesFastTrig(benchmark::State& state) { quaternions_to_angles(state, true); }
BENCHMARK(BM_QuaternionsToAnglesFastTrig);

// The same with a neutral calibration applied first (kinematics/calibration.hpp): its per-frame
// cost is one quaternion product per calibrated segment.
void BM_CalibratedQuaternionsToAngles(benchmark::State& state) {
  const auto& f = frames();
  const std::vector<SegmentOrientations> neutral{segment_orientations(neutral_pose(Neutral::standing))};
  const NeutralCalibration cal = calibrate_neutral(neutral, Neutral::standing);
  std::size_t i = 0;
  for (auto _ : state) {
    SegmentOrientations s = f.segments[i++ & 1023];
    cal.apply(s);
    const JointAngles a = joint_angles(s);
    benchmark::DoNotOptimize(a.pose);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CalibratedQuaternionsToAngles);

void BM_QuaternionsToReport(benchmark::State& state) {
  const auto& f = frames();
  const Limits L = Limits::defaults();
  Report r;
  std::size_t i = 0;
  for (auto _ : state) {
    check(joint_angles(f.segments[i++ & 1023]).pose, L, r);
    benchmark::DoNotOptimize(r.overall);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(segment_count * 4 * sizeof(double)));
}
BENCHMARK(BM_QuaternionsToReport);

void BM_QuaternionsToAnglesBatch(benchmark::State& state) {
  const auto& f = frames();
  std::vector<double> out(f.n * dof_count), tl(f.n * 3);
  for (auto _ : state) {
    joint_angles_batch(f.quats, out, tl);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.n));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(f.quats.size() * sizeof(double)));
}
BENCHMARK(BM_QuaternionsToAnglesBatch);

// The same with the fast trigonometry (JointAngleOptions::fast_trig, detail/fast_trig.hpp).
void BM_QuaternionsToAnglesBatchFastTrig(benchmark::State& state) {
  const auto& f = frames();
  std::vector<double> out(f.n * dof_count), tl(f.n * 3);
  JointAngleOptions opt;
  opt.fast_trig = true;
  for (auto _ : state) {
    joint_angles_batch(f.quats, out, tl, opt);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.n));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(f.quats.size() * sizeof(double)));
}
BENCHMARK(BM_QuaternionsToAnglesBatchFastTrig);

// ---- BlazePose-33 keypoints → angles → report --------------------------------

// `fast`: KeypointOptions::angles.fast_trig (the solver's angles four at a time, detail/fast_trig.hpp).
void blazepose_to_angles(benchmark::State& state, bool fast) {
  const auto& f = frames();
  const std::span<const double> kp(f.keypoints);
  KeypointOptions opt;
  opt.angles.fast_trig = fast;
  std::size_t i = 0;
  for (auto _ : state) {
    const JointAngles a = keypoint_angles({Layout::blazepose33, kp.subspan((i++ & 1023) * 99, 99)}, opt);
    benchmark::DoNotOptimize(a.pose);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(99 * sizeof(double)));
}
void BM_BlazePoseToAngles(benchmark::State& state) { blazepose_to_angles(state, false); }
BENCHMARK(BM_BlazePoseToAngles);
void BM_BlazePoseToAnglesFastTrig(benchmark::State& state) { blazepose_to_angles(state, true); }
BENCHMARK(BM_BlazePoseToAnglesFastTrig);

void blazepose_to_report(benchmark::State& state, bool fast) {
  const auto& f = frames();
  const std::span<const double> kp(f.keypoints);
  const Limits L = Limits::defaults();
  KeypointOptions opt;
  opt.angles.fast_trig = fast;
  Report r;
  std::size_t i = 0;
  for (auto _ : state) {
    check(keypoint_angles({Layout::blazepose33, kp.subspan((i++ & 1023) * 99, 99)}, opt).pose, L, r);
    benchmark::DoNotOptimize(r.overall);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(99 * sizeof(double)));
}
void BM_BlazePoseToReport(benchmark::State& state) { blazepose_to_report(state, false); }
BENCHMARK(BM_BlazePoseToReport);
void BM_BlazePoseToReportFastTrig(benchmark::State& state) { blazepose_to_report(state, true); }
BENCHMARK(BM_BlazePoseToReportFastTrig);

// ---- the skeleton fitter (docs/fitter.md): real BlazePose frames, online ----------

/// The 100 frames of the balancing trial's BlazePose world landmarks (data/samples/blazepose_world):
/// 33 × (x, y, z) and 33 visibilities per frame.
struct RealFrames {
  std::vector<double> xyz, vis;
  std::size_t n = 0;
};
RealFrames read_blazepose_csv(const std::string& name) {
  RealFrames out;
  std::ifstream in(std::string(ARTHROKIN_DATA_DIR) + "/samples/blazepose_world/" + name);
  std::string line;
  std::getline(in, line);  // header: frame, then x, y, z, vis per landmark
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string cell;
    std::getline(ss, cell, ',');
    for (int k = 0; k < 33; ++k)
      for (int c = 0; c < 4; ++c) {
        std::getline(ss, cell, ',');
        (c < 3 ? out.xyz : out.vis).push_back(std::stod(cell));
      }
    ++out.n;
  }
  return out;
}

/// The image landmarks of the same trial (x, y normalised, z a relative depth; 1080 × 1920).
const RealFrames& blazepose_trial_image() {
  static const RealFrames r = read_blazepose_csv("balancing_trial_cam01_image.csv");
  return r;
}

const RealFrames& blazepose_trial() {
  static const RealFrames r = [] {
    RealFrames out;
    std::ifstream in(std::string(ARTHROKIN_DATA_DIR) + "/samples/blazepose_world/balancing_trial_cam01_world.csv");
    std::string line;
    std::getline(in, line);  // header: frame, then x, y, z, vis per landmark
    while (std::getline(in, line)) {
      std::stringstream ss(line);
      std::string cell;
      std::getline(ss, cell, ',');
      for (int k = 0; k < 33; ++k)
        for (int c = 0; c < 4; ++c) {
          std::getline(ss, cell, ',');
          (c < 3 ? out.xyz : out.vis).push_back(std::stod(cell));
        }
      ++out.n;
    }
    return out;
  }();
  return r;
}

/// One online fitter step per iteration (the trial looped; 60 fps): per-frame cost of the fit,
/// with (uncertainty:1) and without (uncertainty:0) the per-DoF uncertainty. The budget:
/// 50 µs per frame, no allocation (tests/fitter_test.cpp).
void BM_FitterOnlineBlazePose(benchmark::State& state) {
  const auto& f = blazepose_trial();
  if (f.n == 0) {
    state.SkipWithError("data/samples/blazepose_world/balancing_trial_cam01_world.csv not found");
    return;
  }
  FitterOptions o;
  o.uncertainty = state.range(0) != 0;
  SkeletonFitter fitter(Layout::blazepose33, o);
  std::size_t i = 0;
  double t = 0;
  for (auto _ : state) {
    const std::size_t k = i++ % f.n;
    if (k == 0) fitter.reset();  // the loop's seam is not a motion
    const FitResult r = fitter.update({Layout::blazepose33, std::span<const double>(f.xyz).subspan(k * 99, 99),
                                       std::span<const double>(f.vis).subspan(k * 33, 33)},
                                      t += 1.0 / 60);
    benchmark::DoNotOptimize(r.angles.pose);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FitterOnlineBlazePose)->Arg(1)->Arg(0)->ArgName("uncertainty");

/// The same with the frame's 2D image landmarks (`update(view, image, t)`) and the weighted bone
/// lengths (docs/fitter.md, "2D image landmarks with the 3D ones").
void BM_FitterOnlineBlazePoseImage(benchmark::State& state) {
  const auto& f = blazepose_trial();
  const auto& im = blazepose_trial_image();
  if (f.n == 0 || im.n != f.n) {
    state.SkipWithError("data/samples/blazepose_world/balancing_trial_cam01_{world,image}.csv not found");
    return;
  }
  std::vector<double> xy(im.n * 66);
  for (std::size_t k = 0; k < im.n * 33; ++k) xy[2 * k] = im.xyz[3 * k], xy[2 * k + 1] = im.xyz[3 * k + 1];
  FitterOptions o;
  o.uncertainty = state.range(0) != 0;
  o.length_projection = LengthProjection::weighted;
  SkeletonFitter fitter(Layout::blazepose33, o);
  std::size_t i = 0;
  double t = 0;
  for (auto _ : state) {
    const std::size_t k = i++ % f.n;
    if (k == 0) fitter.reset();
    const ImageKeypointView iv{Layout::blazepose33, std::span<const double>(xy).subspan(k * 66, 66),
                               std::span<const double>(im.vis).subspan(k * 33, 33), 1080.0 / 1920.0};
    const FitResult r = fitter.update({Layout::blazepose33, std::span<const double>(f.xyz).subspan(k * 99, 99),
                                       std::span<const double>(f.vis).subspan(k * 33, 33)},
                                      iv, t += 1.0 / 60);
    benchmark::DoNotOptimize(r.angles.pose);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FitterOnlineBlazePoseImage)->Arg(1)->Arg(0)->ArgName("uncertainty");

// ---- exercise monitor step ---------------------------------------------------

void BM_MonitorStep(benchmark::State& state) {
  const Exercise ex = lumbar_spine_rocking_stretch();
  const auto& f = frames();
  std::vector<Pose> poses;
  for (std::size_t i = 0; i < 1024; ++i) poses.push_back(joint_angles(f.segments[i]).pose);
  Monitor m(ex);
  double t = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    t += 1.0 / 30.0;
    const auto& cues = m.update(t, poses[i++ & 1023]);
    benchmark::DoNotOptimize(&cues);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MonitorStep);

// ---- BVH frame decode ----------------------------------------------------------

#ifdef ARTHROKIN_BENCH_HAVE_IO
void BM_BvhFrameToPose(benchmark::State& state) {
  const io::BvhFile file = io::read_bvh(std::string(ARTHROKIN_DATA_DIR) + "/samples/bvh/131_01_start_walk_stop.bvh");
  const io::BvhBinding binding = io::bind_bvh(file);
  io::BvhPoseWorkspace ws(file);
  Pose pose;
  Eigen::Index frame = 0;
  for (auto _ : state) {
    io::bvh_frame_pose(file, binding, frame, ws, pose);
    frame = frame + 1 == file.frame_count() ? 0 : frame + 1;
    benchmark::DoNotOptimize(pose);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * file.channel_count() * static_cast<std::int64_t>(sizeof(double)));
}
BENCHMARK(BM_BvhFrameToPose);

void BM_BvhForwardKinematics(benchmark::State& state) {
  const io::BvhFile file = io::read_bvh(std::string(ARTHROKIN_DATA_DIR) + "/samples/bvh/131_01_start_walk_stop.bvh");
  io::BvhFkWorkspace ws(file);
  Eigen::Index frame = 0;
  for (auto _ : state) {
    io::bvh_forward_kinematics(file, frame, ws);
    frame = frame + 1 == file.frame_count() ? 0 : frame + 1;
    benchmark::DoNotOptimize(ws.p_global_joint.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BvhForwardKinematics);
#endif

}  // namespace

BENCHMARK_MAIN();
