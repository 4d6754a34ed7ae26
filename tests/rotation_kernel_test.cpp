// joint_angles_batch's straight-line paths (detail/rotation_angles_kernel.hpp) against the
// general solver (`joint_angles`, one frame at a time): the one-frame libm kernel bit for bit,
// the four-frame fast-trigonometry kernel within `fast_trig_bound_rad` and with the same
// unknowns, on random rotations of every size, on frames built to sit on the kernels' decisions
// (gimbal-lock thresholds, the horizontal-abduction cut-off, ±π), on frames they hand back (a
// missing, zero or infinite quaternion, mixed into four-frame blocks), and on a last block of
// fewer than four frames (3 077 frames).
#include <arthrokin/arthrokin.hpp>
#include <arthrokin/detail/fast_trig.hpp>
#include <arthrokin/detail/rotation_angles_kernel.hpp>

#include <gtest/gtest.h>

#include "support/fast_trig_agrees.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace arthrokin;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPi = std::numbers::pi;

/// N frames of 16 quaternions (x, y, z, w), their SegmentOrientations as joint_angles_batch reads them.
struct Frames {
  std::vector<double> q;
  std::vector<SegmentOrientations> seg;
  void add(const SegmentOrientations& s) {
    seg.push_back(s);
    for (std::size_t k = 0; k < segment_count; ++k)
      for (int c = 0; c < 4; ++c) q.push_back(s.known.test(k) ? s.q_global_segment[k].coeffs()[c] : kNaN);
  }
};

/// Random rotations of any angle, with coefficients scaled by 1e-3 .. 1e3 (joint_angles normalises).
SegmentOrientations random_segments(std::mt19937_64& g) {
  std::normal_distribution<double> n;
  std::uniform_real_distribution<double> e(-3.0, 3.0);
  SegmentOrientations s;
  for (std::size_t k = 0; k < segment_count; ++k) {
    Eigen::Vector4d c(n(g), n(g), n(g), n(g));
    s.q_global_segment[k].coeffs() = c.normalized() * std::pow(10.0, e(g));
    s.known.set(k);
  }
  return s;
}

/// Poses that put a joint on one of the kernel's decisions, within a few ulps (forward kinematics
/// rounds): a Cardan second angle at 90° − the gimbal-lock threshold, the shoulder's elevation at
/// its thresholds and the horizontal cut-off, the forearm and the spine's axial rotation at ±180°.
std::vector<SegmentOrientations> edge_frames(const JointAngleOptions& opt) {
  std::vector<SegmentOrientations> out;
  std::mt19937_64 g(11);
  std::uniform_real_distribution<double> u(-0.4, 0.4);
  const auto base = [&] {
    Pose p;
    for (DofId d : all_dofs) p.set(d, radians(u(g)));
    return p;
  };
  const double thr = opt.gimbal_lock_threshold_rad;
  for (const double tiny : {-4e-16, 0.0, 4e-16, 1e-14, -1e-14}) {
    for (DofId d : {DofId::lumbar_lateral_flexion, DofId::cervical_lateral_flexion, DofId::left_hip_abduction_adduction,
                    DofId::right_wrist_radial_ulnar_deviation, DofId::left_subtalar_inversion_eversion}) {
      for (const double sign : {1.0, -1.0}) {
        Pose p = base();
        p.set(d, radians(sign * (kPi / 2 - thr + tiny)));
        out.push_back(segment_orientations(p));
      }
    }
    for (DofId d : {DofId::lumbar_axial_rotation, DofId::left_forearm_pronation_supination,
                    DofId::right_hip_internal_external_rotation}) {
      Pose p = base();
      p.set(d, radians(kPi - tiny));
      out.push_back(segment_orientations(p));
    }
  }
  // the shoulder: elevation from flexion alone (abduction 0)
  for (const double e : {thr, kPi - thr, opt.horizontal_min_elevation_rad})
    for (const double tiny : {-4e-16, 0.0, 4e-16}) {
      Pose p = base();
      p.set(DofId::right_shoulder_flexion_extension, radians(e + tiny));
      p.set(DofId::right_shoulder_abduction_adduction, radians(0.0));
      out.push_back(segment_orientations(p));
    }
  return out;
}

Frames all_frames(const JointAngleOptions& opt) {
  Frames f;
  std::mt19937_64 g(2026);
  for (int i = 0; i < 3000; ++i) f.add(random_segments(g));
  for (const auto& s : edge_frames(opt)) f.add(s);
  // frames the kernel hands back: a missing segment, a zero and an infinite quaternion
  SegmentOrientations s = random_segments(g);
  s.known.reset(static_cast<std::size_t>(Segment::left_forearm));
  f.add(s);
  s = random_segments(g);
  s.q_global_segment[3].coeffs().setZero();
  f.add(s);
  s = random_segments(g);
  s.q_global_segment[9].coeffs()[2] = std::numeric_limits<double>::infinity();
  f.add(s);
  return f;
}

std::vector<JointAngleOptions> option_sets() {
  JointAngleOptions swing;
  swing.hip = BallJointDecomposition::swing_twist;
  JointAngleOptions narrow;
  narrow.gimbal_lock_threshold_rad = 1e-3;
  narrow.forearm_mid_position_rad = 0.0;
  narrow.horizontal_min_elevation_rad = 0.2;
  // A forearm offset outside ±π: c − offset rounds at the offset's ulp (1.1e-13 rad at 1000) and
  // wraps at ±3π, ±5π … as well (found by fuzz.joint_angles.smoke); the fast kernel hands such
  // frames to libm.
  JointAngleOptions far_forearm;
  far_forearm.forearm_mid_position_rad = 1000.0;
  JointAngleOptions three_pi_forearm;
  three_pi_forearm.forearm_mid_position_rad = -7.5;
  return {JointAngleOptions{}, swing, narrow, far_forearm, three_pi_forearm};
}

TEST(RotationKernel, LibmEqualsTheSolverBitForBit) {
  for (const JointAngleOptions& opt : option_sets()) {
    const Frames f = all_frames(opt);
    const std::size_t n = f.seg.size();
    std::vector<double> out(n * dof_count), tl(n * 3);
    joint_angles_batch(f.q, out, tl, opt);
    std::size_t unknown = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const JointAngles a = joint_angles(f.seg[i], opt);
      for (std::size_t j = 0; j < dof_count; ++j) {
        const double want = a.pose.as_radians()[static_cast<Eigen::Index>(j)], got = out[i * dof_count + j];
        unknown += std::isnan(want);
        ASSERT_TRUE(std::isnan(want) ? std::isnan(got) : got == want)
            << "frame " << i << ' ' << to_string(static_cast<DofId>(j)) << ": " << got << " vs " << want;
      }
      for (int k = 0; k < 3; ++k) {
        const double want = a.pose.thoracolumbar_radians()[k], got = tl[i * 3 + k];
        ASSERT_TRUE(std::isnan(want) ? std::isnan(got) : got == want) << "frame " << i << " total " << k;
      }
    }
    EXPECT_GT(unknown, 0u);  // the gimbal locks and the missing segment were reached
  }
}

TEST(RotationKernel, FastTrigWithinItsBoundWithTheSameUnknowns) {
  for (JointAngleOptions opt : option_sets()) {
    const Frames f = all_frames(opt);
    const std::size_t n = f.seg.size();
    std::vector<double> exact(n * dof_count), fast(n * dof_count), tl(n * 3);
    joint_angles_batch(f.q, exact, tl, opt);
    opt.fast_trig = true;
    joint_angles_batch(f.q, fast, tl, opt);
    double worst = 0;
    std::size_t differ = 0;
    for (std::size_t i = 0; i < n * dof_count; ++i) {
      ASSERT_EQ(std::isnan(exact[i]), std::isnan(fast[i]))
          << "frame " << i / dof_count << ' ' << to_string(static_cast<DofId>(i % dof_count));
      if (std::isnan(exact[i])) continue;
      const double d = std::abs(exact[i] - fast[i]);
      differ += d != 0;
      worst = std::max(worst, d);
      ASSERT_LE(d, detail::fast_trig_bound_rad) << "frame " << i / dof_count;
    }
    if (std::abs(opt.forearm_mid_position_rad) <= kPi)
      EXPECT_GT(differ, 0u);  // the approximation was used
    else
      EXPECT_EQ(differ, 0u);  // every frame handed to libm
    std::printf("fast trig: %zu of %zu angles differ from libm's, by at most %.3g rad\n", differ, n * dof_count, worst);
  }
}

// The guards are reached: frames that sit on a decision are handed back to libm (without the
// guard, the FastTrigWithinItsBound... test would see different unknowns on them), and random
// frames are not (the fast path is taken).
TEST(RotationKernel, FastBlocksHandBackTheFramesOnADecision) {
  const JointAngleOptions opt;
  const detail::JointPlan& plan = detail::joint_plan(opt.hip);
  Frames edge, random;
  for (const auto& s : edge_frames(opt)) edge.add(s);
  std::mt19937_64 g(99);
  for (int i = 0; i < 64; ++i) random.add(random_segments(g));
  const auto handed_back = [&](const Frames& f) {
    std::vector<double> out(4 * dof_count);
    std::size_t n = 0;
    for (std::size_t f0 = 0; f0 + 4 <= f.seg.size(); f0 += 4)
      n += 4 - static_cast<std::size_t>(std::popcount(
                   detail::fast_block_angles(f.q.data() + f0 * segment_count * 4, 4, plan, opt, out.data())));
    return n;
  };
  EXPECT_GT(handed_back(edge), edge.seg.size() / 4);
  EXPECT_EQ(handed_back(random), 0u);
}

// The per-frame solver with fast_trig (joint_angles; the batch's frames that are not all
// rotations): within the bound of libm with the same statuses, on random rotations, frames on the
// decisions and frames with missing segments (the thoracolumbar totals walk pelvis → thorax when
// the abdomen is missing).
TEST(RotationKernel, FastTrigSolverWithinItsBoundWithTheSameStatuses) {
  for (JointAngleOptions opt : option_sets()) {
    Frames f = all_frames(opt);
    std::mt19937_64 g(5);
    std::uniform_int_distribution<std::size_t> seg(0, segment_count - 1);
    for (int i = 0; i < 600; ++i) {
      SegmentOrientations s = random_segments(g);
      for (int k = i % 4; k > 0; --k) s.known.reset(seg(g));
      if (i % 3 == 0) s.known.reset(static_cast<std::size_t>(Segment::abdomen));
      f.add(s);
    }
    JointAngleOptions fast_opt = opt;
    fast_opt.fast_trig = true;
    double worst = 0;
    std::size_t differ = 0;
    for (std::size_t i = 0; i < f.seg.size(); ++i) {
      const JointAngles libm = joint_angles(f.seg[i], opt), fast = joint_angles(f.seg[i], fast_opt);
      const double d = test_support::expect_fast_trig_agrees(libm, fast, false, "frame " + std::to_string(i));
      worst = std::max(worst, d);
      differ += d != 0;
      if (HasFailure()) return;
    }
    if (std::abs(opt.forearm_mid_position_rad) <= kPi)
      EXPECT_GT(differ, f.seg.size() / 2);  // the approximation was used
    else
      EXPECT_EQ(differ, 0u);  // libm for every frame
    std::printf("fast trig solver: %zu of %zu frames differ from libm's, by at most %.3g rad\n", differ, f.seg.size(),
                worst);
  }
}

// A frame with an angle within the bound of a decision (the edge frames the four-frame kernel hands
// back to libm: gimbal-lock thresholds, the horizontal cut-off, ±π) is solved with libm: the same
// bits, where the approximation rounds some angle of nearly every frame an ulp apart (the test above).
TEST(RotationKernel, FastTrigSolverTakesLibmOnADecision) {
  std::size_t on_decision = 0, edges = 0;
  for (JointAngleOptions opt : option_sets()) {
    if (!(std::abs(opt.forearm_mid_position_rad) <= kPi)) continue;  // libm throughout: the test above
    const detail::JointPlan& plan = detail::joint_plan(opt.hip);
    Frames edge;
    for (const auto& s : edge_frames(opt)) edge.add(s);
    edges += edge.seg.size();
    JointAngleOptions fast_opt = opt;
    fast_opt.fast_trig = true;
    for (std::size_t i = 0; i < edge.seg.size(); ++i) {
      std::array<double, dof_count> row;
      if (detail::fast_block_angles(edge.q.data() + i * segment_count * 4, 1, plan, opt, row.data()) != 0) continue;
      ++on_decision;
      (void)test_support::expect_fast_trig_agrees(joint_angles(edge.seg[i], opt), joint_angles(edge.seg[i], fast_opt),
                                                  true, "edge frame " + std::to_string(i));
      if (HasFailure()) return;
    }
  }
  EXPECT_GT(on_decision, edges / 4);
}

}  // namespace

namespace {

/// Each compiled copy of the block paths (rotation_block_kernel.hpp) this CPU can run.
struct Copy {
  const char* name;
  unsigned (*rotations)(const double*, std::size_t, detail::BlockRotations&);
  unsigned (*clean)(const double*, std::size_t, const detail::JointPlan&, const JointAngleOptions&, double*);
  unsigned (*fast)(const double*, std::size_t, const detail::JointPlan&, const JointAngleOptions&, double*);
};
std::vector<Copy> copies() {
  namespace d = detail;
  std::vector<Copy> c{{"baseline", d::rotation_baseline::rotations_block, d::rotation_baseline::clean_block_angles,
                       d::rotation_baseline::fast_block_angles}};
#if ARTHROKIN_ROTATION_DISPATCH
  if (__builtin_cpu_supports("avx2"))
    c.push_back({"avx2", d::rotation_avx2::rotations_block, d::rotation_avx2::clean_block_angles,
                 d::rotation_avx2::fast_block_angles});
#endif
  return c;
}

bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

// rotations_block, four frames lane by lane, gives frame_rotations' bits for every frame, in every
// copy, and the same verdict on which frames are rotations: random quaternions of every scale
// (the power-of-two scaling), coefficients that are subnormal or near the largest double (the
// scalar fallback), zero, NaN and infinite ones, and blocks of 1 to 4 frames.
TEST(RotationKernel, BlockRotationsAreFrameRotationsBitForBit) {
  std::mt19937_64 g(7);
  std::normal_distribution<double> n;
  std::uniform_int_distribution<int> scale(-1074, 1023), pick(0, 40);
  const double specials[] = {0.0,
                             -0.0,
                             kNaN,
                             std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::denorm_min(),
                             std::numeric_limits<double>::max(),
                             std::numeric_limits<double>::min(),
                             1e-300,
                             1e300};
  std::size_t fallback_frames = 0, rejected = 0;
  for (const Copy& c : copies()) {
    for (int it = 0; it < 4000; ++it) {
      std::vector<double> q(detail::rotation_block * segment_count * 4);
      for (std::size_t s = 0; s < q.size() / 4; ++s) {
        const int e = pick(g) < 30 ? scale(g) / 8 : scale(g);  // mostly moderate, sometimes extreme
        for (int k = 0; k < 4; ++k) q[4 * s + k] = std::ldexp(n(g), e);
        if (pick(g) == 0) q[4 * s + pick(g) % 4] = specials[pick(g) % std::size(specials)];
        if (pick(g) == 0) std::fill_n(q.begin() + 4 * s, 4, 0.0);
      }
      const std::size_t frames = 1 + static_cast<std::size_t>(it % 4);
      detail::BlockRotations block;
      const unsigned ok = c.rotations(q.data(), frames, block);
      ASSERT_EQ(ok >> frames, 0u) << c.name;
      for (std::size_t f = 0; f < frames; ++f) {
        detail::SegmentRotations one;
        const bool rotation = detail::frame_rotations(q.data() + f * segment_count * 4, one);
        ASSERT_EQ(rotation, (ok >> f & 1u) != 0) << c.name << " iteration " << it << " frame " << f;
        rejected += !rotation;
        if (!rotation) continue;
        for (std::size_t s = 0; s < segment_count; ++s)
          for (int i = 0; i < 9; ++i)
            ASSERT_TRUE(same_bits(block[f][s].data()[i], one[s].data()[i]))
                << c.name << " iteration " << it << " frame " << f << " segment " << s << ": " << block[f][s].data()[i]
                << " vs " << one[s].data()[i];
        for (std::size_t s = 0; s < segment_count; ++s) {  // a largest coefficient below 2^−1021 or from 2^1023
          const double* c = q.data() + f * segment_count * 4 + 4 * s;
          const double a = std::max({std::abs(c[0]), std::abs(c[1]), std::abs(c[2]), std::abs(c[3])});
          if (a < 0x1p-1021 || a >= 0x1p1023) {
            ++fallback_frames;
            break;
          }
        }
      }
    }
  }
  EXPECT_GT(rejected, 100u);         // zero, NaN and infinite quaternions were met
  EXPECT_GT(fallback_frames, 100u);  // and coefficients outside the scaled binades
}

// Every copy of the block paths gives the same bits as the baseline: the AVX2 copy (AVX2
// without FMA) runs the same operations on wider vectors.
TEST(RotationKernel, EveryCopyGivesTheBaselineBits) {
  const auto all = copies();
  if (all.size() < 2) GTEST_SKIP() << "only the baseline copy is compiled or runs on this CPU";
  for (JointAngleOptions opt : option_sets()) {
    const Frames f = all_frames(opt);
    const detail::JointPlan& plan = detail::joint_plan(opt.hip);
    for (const auto path : {&Copy::clean, &Copy::fast}) {
      std::vector<double> base(4 * dof_count), other(4 * dof_count);
      for (std::size_t f0 = 0; f0 + 4 <= f.seg.size(); f0 += 4) {
        const double* q = f.q.data() + f0 * segment_count * 4;
        const unsigned a = (all[0].*path)(q, 4, plan, opt, base.data());
        const unsigned b = (all[1].*path)(q, 4, plan, opt, other.data());
        ASSERT_EQ(a, b) << "frames " << f0;
        for (std::size_t k = 0; k < 4; ++k) {
          if (!(a >> k & 1u)) continue;
          for (std::size_t i = 0; i < dof_count; ++i) {
            ASSERT_TRUE(same_bits(base[k * dof_count + i], other[k * dof_count + i]))
                << "frame " << f0 + k << ' ' << to_string(static_cast<DofId>(i));
          }
        }
      }
    }
  }
}

}  // namespace
