// The nearest valid pose (nearest.hpp, docs/nearest.md). Every expectation is a property of the
// problem (the result passes check(), the input is untouched, a box projection is a clamp, the
// slab projection of a hand-worked case, optimality against a brute-force grid), never a value
// copied from the code's output. The bounds are read from the Limits (data/reference/rom_norms.csv:
// thoracolumbar rotation 30° (composite), thoracic and lumbar rotation 30° each; the shoulder end
// points of tests/region_test.cpp: extension 60°, horizontal abduction 45° at 90° elevation).
#include <arthrokin/check.hpp>
#include <arthrokin/nearest.hpp>
#include <arthrokin/region.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include "support/rotations.hpp"

using namespace arthrokin;
using namespace arthrokin::literals;

using test_support::deg;
using test_support::kPi;

namespace {

bool passes(const Pose& p, const Limits& L) {
  const Report r = check(p, L);
  return r.out_of_range_count == 0 && r.possibly_out_of_range_count == 0;
}
bool same_bits(const Pose& a, const Pose& b) {
  const Eigen::Vector3d ta = a.thoracolumbar_radians(), tb = b.thoracolumbar_radians();
  return a.observed_mask() == b.observed_mask() &&
         std::memcmp(a.as_radians().data(), b.as_radians().data(), sizeof(double) * dof_count) == 0 &&
         std::memcmp(ta.data(), tb.data(), sizeof(double) * 3) == 0;
}
// The arm of `side` at ISB plane of elevation pe and elevation e (degrees): F = e·sin(pe), A = −e·cos(pe).
Pose arm(Side side, double pe, double e) {
  Pose p;
  p.set(*find_dof(Joint::shoulder, Axis::flexion_extension, side), radians(deg(e) * std::sin(deg(pe))));
  p.set(*find_dof(Joint::shoulder, Axis::abduction_adduction, side), radians(-deg(e) * std::cos(deg(pe))));
  return p;
}
const DofId kT = DofId::thoracic_axial_rotation, kL = DofId::lumbar_axial_rotation;
const DofId kRF = DofId::right_shoulder_flexion_extension, kRA = DofId::right_shoulder_abduction_adduction,
            kRH = DofId::right_shoulder_horizontal_abduction_adduction;

// A random pose: each DoF unknown with probability 1/5, else uniform in [-400°, 400°]; sometimes
// thoracolumbar totals.
Pose random_pose(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> v(-deg(400), deg(400)), u(0, 1);
  Pose p;
  for (DofId d : all_dofs)
    if (u(rng) > 0.2) p.set(d, radians(v(rng)));
  for (Axis a : {Axis::flexion_extension, Axis::lateral_flexion, Axis::axial_rotation})
    if (u(rng) > 0.5) p.set_thoracolumbar(a, radians(v(rng)));
  return p;
}
}  // namespace

TEST(Nearest, ValidPoseIsReturnedBitForBit) {
  const Limits L = Limits::defaults();
  Pose p;
  p.set(DofId::left_knee_flexion_extension, 60_deg).set(DofId::right_hip_flexion_extension, 20_deg);
  p.set(kT, 10_deg).set(kL, 10_deg).set(kRF, 30_deg).set(kRA, -20_deg);
  ASSERT_TRUE(passes(p, L));
  const auto r = nearest_valid_pose(p, L);
  EXPECT_EQ(r.status, NearestStatus::unchanged);
  EXPECT_TRUE(same_bits(r.pose, p));
  EXPECT_EQ(r.moved_count, 0u);
  EXPECT_EQ(r.distance_radians, 0.0);
  EXPECT_FALSE(r.change(DofId::left_elbow_flexion_extension).has_value());  // unknown, not 0
  EXPECT_EQ(r.change_radians[index(DofId::left_knee_flexion_extension)], 0.0);
}

TEST(Nearest, BoxProjectionIsTheClampAndLandsOnTheBound) {
  const Limits L = Limits::defaults();
  const DofId knee = DofId::left_knee_flexion_extension;
  Pose p;
  p.set(knee, radians(L[knee].upper.radians + deg(30)));
  const Pose before = p;
  const auto r = nearest_valid_pose(p, L);
  ASSERT_EQ(r.status, NearestStatus::moved);
  EXPECT_TRUE(r.nearest);
  EXPECT_TRUE(same_bits(p, before));  // the input untouched
  const double hi = L[knee].upper.radians + L.tolerance_radians();
  const double v = r.pose.as_radians()[static_cast<Eigen::Index>(index(knee))];
  EXPECT_EQ(v, hi);  // exactly on the bound with the tolerance
  EXPECT_TRUE(passes(r.pose, L));
  // One step back towards the input leaves the range: nothing nearer passes.
  Pose nearer = r.pose;
  nearer.set(knee, radians(std::nextafter(v, 10.0)));
  EXPECT_FALSE(passes(nearer, L));
  EXPECT_NEAR(r.distance_radians, deg(30) - L.tolerance_radians(), 1e-12);
  EXPECT_EQ(r.moved_count, 1u);
  // Without the tolerance, onto the bound itself.
  NearestOptions o;
  o.within_tolerance = false;
  const auto r0 = nearest_valid_pose(p, L, o);
  EXPECT_EQ(r0.pose.as_radians()[static_cast<Eigen::Index>(index(knee))], L[knee].upper.radians);
  // Below the lower bound: onto the lower bound.
  p.set(knee, radians(L[knee].lower.radians - deg(12)));
  EXPECT_EQ(nearest_valid_pose(p, L).pose.as_radians()[static_cast<Eigen::Index>(index(knee))],
            L[knee].lower.radians - L.tolerance_radians());
}

// Thoracic 20° + lumbar 20° of rotation: each within its own 30°, their sum 40° beyond the 30°
// thoracolumbar composite. With equal weights the weighted projection onto t + l ≤ 30° moves each
// by half the 10° excess: 15° and 15°.
TEST(Nearest, CompositeExcessIsSharedByHalvesWithEqualWeights) {
  const Limits L = Limits::defaults();
  ASSERT_NEAR(L[kT].upper.radians, deg(30), 1e-12);
  ASSERT_NEAR(L[kL].upper.radians, deg(30), 1e-12);
  Pose p;
  p.set(kT, 20_deg).set(kL, 20_deg);
  ASSERT_FALSE(passes(p, L));
  const auto r = nearest_valid_pose(p, L);
  ASSERT_EQ(r.status, NearestStatus::moved);
  EXPECT_TRUE(r.nearest);
  EXPECT_NEAR(r.pose[kT]->value(), deg(15), 1e-11);
  EXPECT_NEAR(r.pose[kL]->value(), deg(15), 1e-11);
  EXPECT_NEAR(r.change(kT)->value(), -deg(5), 1e-11);
  EXPECT_NEAR(r.distance_radians, std::sqrt(2.0) * deg(5), 1e-11);
  EXPECT_TRUE(passes(r.pose, L));
}

// Weight 4 on thoracic, 1 on lumbar: the move is proportional to 1/w, so thoracic moves 10·(1/4)/(1/4 + 1) = 2°
// and lumbar 8°.
TEST(Nearest, WeightsSteerTheMove) {
  const Limits L = Limits::defaults();
  Pose p;
  p.set(kT, 20_deg).set(kL, 20_deg);
  NearestOptions o;
  o.set_weight(kT, 4.0);
  const auto r = nearest_valid_pose(p, L, o);
  ASSERT_EQ(r.status, NearestStatus::moved);
  EXPECT_NEAR(r.pose[kT]->value(), deg(18), 1e-11);
  EXPECT_NEAR(r.pose[kL]->value(), deg(12), 1e-11);
  EXPECT_TRUE(passes(r.pose, L));
}

// A composite and the boxes together: thoracic 28°, lumbar 40° (10° beyond its own 30°). The projection
// of (28, 40) onto the slab t + l ≤ 30 alone is (28 − 19, 40 − 19) = (9, 21); it is inside both boxes,
// hence the nearest point of the intersection (a clamp of lumbar first, to (28, 30), would not be).
TEST(Nearest, CompositeAndBoxesTogether) {
  const Limits L = Limits::defaults();
  Pose p;
  p.set(kT, 28_deg).set(kL, 40_deg);
  const auto r = nearest_valid_pose(p, L);
  ASSERT_EQ(r.status, NearestStatus::moved);
  EXPECT_NEAR(r.pose[kT]->value(), deg(9), 1e-10);
  EXPECT_NEAR(r.pose[kL]->value(), deg(21), 1e-10);
  // A case where a box binds: (-25, 60); the slab alone would give (-40, 45), outside both boxes.
  // The result is compared with a brute-force search over a 0.01° grid of the intersection.
  p.set(kT, -25_deg).set(kL, 60_deg);
  const auto q = nearest_valid_pose(p, L);
  ASSERT_EQ(q.status, NearestStatus::moved);
  EXPECT_TRUE(passes(q.pose, L));
  const double t0 = deg(-25), l0 = deg(60);
  const double dq = std::hypot(q.pose[kT]->value() - t0, q.pose[kL]->value() - l0);
  double best = 1e9;
  for (int i = -3000; i <= 3000; ++i)
    for (int j = -3000; j <= 3000; j += 1) {
      const double t = deg(i * 0.01), l = deg(j * 0.01);
      if (t + l > deg(30) || std::abs(t) > deg(30) || std::abs(l) > deg(30) || t + l < deg(-30)) continue;
      best = std::min(best, std::hypot(t - t0, l - l0));
    }
  EXPECT_LE(dq, best + 1e-9);
  EXPECT_GE(dq, best - deg(0.02));
}

TEST(Nearest, ThoracolumbarTotalWithoutItsSplitMoves) {
  const Limits L = Limits::defaults();
  Pose p;
  p.set(kT, 10_deg).set_thoracolumbar(Axis::axial_rotation, 50_deg);  // lumbar unknown
  ASSERT_FALSE(passes(p, L));
  const auto r = nearest_valid_pose(p, L);
  ASSERT_EQ(r.status, NearestStatus::moved);
  EXPECT_TRUE(passes(r.pose, L));
  EXPECT_FALSE(r.pose.observed(kL));
  EXPECT_EQ(r.pose[kT]->value(), deg(10));
  EXPECT_NEAR(r.pose.thoracolumbar(Axis::axial_rotation)->value(), deg(30), 1e-11);
  EXPECT_NEAR(r.thoracolumbar_change_radians[2], -deg(20), 1e-11);
  EXPECT_TRUE(std::isnan(r.thoracolumbar_change_radians[0]));  // not set: unknown
}

// Issue 13: 60° of horizontal abduction at 90° of elevation is beyond the region (E(-60°) = 80°).
// The result lies on the boundary e = E(pe), passes check(), and is the nearest point of a fine grid.
TEST(Nearest, ShoulderRegionHorizontalAbduction60At90) {
  const Limits L = Limits::defaults();
  Pose p = arm(Side::right, -60, 90);
  p.set(kRH, -60_deg);
  ASSERT_FALSE(passes(p, L));
  const auto r = nearest_valid_pose(p, L);
  ASSERT_EQ(r.status, NearestStatus::moved);
  EXPECT_TRUE(r.nearest);
  EXPECT_TRUE(passes(r.pose, L));
  EXPECT_EQ(r.pose[kRH]->value(), p[kRH]->value());  // the region does not bound the horizontal DoF: left as it is
  const ShoulderRegion g = shoulder_region(L, Side::right);
  const double f = r.pose[kRF]->value(), a = r.pose[kRA]->value();
  const auto pe = detail::plane_elevation(f, a);
  EXPECT_NEAR(pe.elevation, g.max_elevation(pe.plane), 1e-11);  // on the boundary
  // Brute force: the nearest region point on a 0.02° grid around the input.
  const double f0 = p[kRF]->value(), a0 = p[kRA]->value();
  const double dr = std::hypot(f - f0, a - a0);
  double best = 1e9;
  for (int i = -2500; i <= 2500; ++i)
    for (int j = -2500; j <= 2500; ++j) {
      const double ff = f0 + deg(i * 0.02), aa = a0 + deg(j * 0.02);
      const auto q = detail::plane_elevation(ff, aa);
      if (q.elevation > g.max_elevation(q.plane)) continue;
      best = std::min(best, std::hypot(ff - f0, aa - a0));
    }
  EXPECT_LE(dr, best + 1e-9);
  EXPECT_GE(dr, best - deg(0.03));
  EXPECT_LT(dr, deg(10));  // nearer than the radial move of the 10° excess
}

// The same search against brute force for arms all around the region, unequal weights included.
TEST(Nearest, RegionMatchesBruteForceAroundTheSphere) {
  const Limits L = Limits::defaults();
  const ShoulderRegion g = shoulder_region(L, Side::left);
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> plane(-180, 180), elev(0, 260), wt(0.2, 5);
  for (int n = 0; n < 12; ++n) {
    const double pe = plane(rng), e = elev(rng), wf = wt(rng), wa = wt(rng);
    const double f0 = deg(e) * std::sin(deg(pe)), a0 = -deg(e) * std::cos(deg(pe));
    const auto q = detail::nearest_in_region(g, f0, a0, wf, wa, 0.0);
    const auto dist = [&](double f, double a) {
      return std::sqrt(wf * (f - f0) * (f - f0) + wa * (a - a0) * (a - a0));
    };
    const double dq = dist(q.flexion, q.adduction);
    double best = 1e9;
    const double step = deg(0.25);
    for (int i = -800; i <= 800; ++i)
      for (int j = -800; j <= 800; ++j) {
        const double ff = i * step, aa = j * step;
        const auto x = detail::plane_elevation(ff, aa);
        if (x.elevation > g.max_elevation(x.plane)) continue;
        best = std::min(best, dist(ff, aa));
      }
    EXPECT_LE(dq, best + 1e-9) << pe << " " << e;
    EXPECT_GE(dq, best - 3 * step) << pe << " " << e;
  }
}

// The two-joint limits (two_joint.hpp) bind hip flexion to the knee, a set that is not convex: with them
// a random pose must still reach a pose that passes, idempotently; the clamp and `nearest` properties
// below hold for the single-axis ranges, so they are checked with the two-joint limits off.
TEST(Nearest, RandomPosesWithTwoJointLimitsPassCheckAndAreIdempotent) {
  const Limits L = Limits::defaults();
  std::mt19937_64 rng(2027);
  for (int n = 0; n < 300; ++n) {
    const Pose p = random_pose(rng);
    const auto r = nearest_valid_pose(p, L);
    ASSERT_NE(r.status, NearestStatus::not_reached) << n << "\n" << describe(check(r.pose, L));
    EXPECT_TRUE(passes(r.pose, L)) << n;
    EXPECT_EQ(r.pose.observed_mask(), p.observed_mask()) << n;
    const auto again = nearest_valid_pose(r.pose, L);
    EXPECT_EQ(again.status, NearestStatus::unchanged) << n;
  }
}

TEST(Nearest, RandomPosesPassCheckKeepUnknownsAndAreIdempotent) {
  const Limits L = Limits::defaults().with_two_joint_limits(false);
  std::mt19937_64 rng(2026);
  for (int n = 0; n < 300; ++n) {
    const Pose p = random_pose(rng);
    const Pose before = p;
    const auto r = nearest_valid_pose(p, L);
    ASSERT_NE(r.status, NearestStatus::not_reached) << n << " after " << r.iterations << "\n"
                                                    << describe(check(r.pose, L));
    EXPECT_TRUE(r.nearest) << n;
    EXPECT_TRUE(same_bits(p, before)) << n;
    EXPECT_TRUE(passes(r.pose, L)) << n;
    EXPECT_EQ(r.pose.observed_mask(), p.observed_mask()) << n;
    for (DofId d : all_dofs)
      if (!p.observed(d)) {
        EXPECT_TRUE(std::isnan(r.pose.as_radians()[static_cast<Eigen::Index>(index(d))]));
        EXPECT_FALSE(r.change(d).has_value());
      }
    // A DoF bound by its own range alone (no composite, no region) is clamped.
    for (DofId d : all_dofs) {
      if (!p.observed(d) || joint_of(d) == Joint::thoracic || joint_of(d) == Joint::lumbar ||
          joint_of(d) == Joint::shoulder)
        continue;
      const double v = p[d]->value(), tol = L.tolerance_radians();
      double c = v;
      if (L[d].upper.has_value()) c = std::min(c, L[d].upper.radians + tol);
      if (L[d].lower.has_value()) c = std::max(c, L[d].lower.radians - tol);
      EXPECT_EQ(r.pose[d]->value(), c) << to_string(d);
    }
    const auto again = nearest_valid_pose(r.pose, L);
    EXPECT_EQ(again.status, NearestStatus::unchanged) << n;
    EXPECT_TRUE(same_bits(again.pose, r.pose)) << n;
  }
}

TEST(Nearest, MirrorSymmetry) {
  const Limits L = Limits::defaults();
  std::mt19937_64 rng(99);
  for (int n = 0; n < 100; ++n) {
    const Pose p = random_pose(rng);
    const Pose a = nearest_valid_pose(p, L).pose.mirrored();
    const Pose b = nearest_valid_pose(p.mirrored(), L).pose;
    ASSERT_EQ(a.observed_mask(), b.observed_mask());
    for (DofId d : all_dofs) {
      if (!a.observed(d)) continue;
      EXPECT_NEAR(a[d]->value(), b[d]->value(), 1e-9) << to_string(d);
    }
  }
  // The case on the left arm: the mirror of the right arm's result.
  const auto right = nearest_valid_pose(arm(Side::right, -60, 90), L).pose;
  const auto left = nearest_valid_pose(arm(Side::left, -60, 90), L).pose;
  EXPECT_NEAR(left[DofId::left_shoulder_flexion_extension]->value(), right[kRF]->value(), 1e-12);
  EXPECT_NEAR(left[DofId::left_shoulder_abduction_adduction]->value(), right[kRA]->value(), 1e-12);
}

// Without the region, the shoulder DoFs are boxes again: a 60° horizontal abduction is clamped to 45°.
TEST(Nearest, RegionOffUsesTheSingleAxisRanges) {
  const Limits L = Limits::defaults().with_shoulder_region(false);
  Pose p = arm(Side::right, -60, 90);
  p.set(kRH, -60_deg);
  const auto r = nearest_valid_pose(p, L);
  ASSERT_EQ(r.status, NearestStatus::moved);
  EXPECT_EQ(r.pose[kRH]->value(), L[kRH].lower.radians - L.tolerance_radians());
  EXPECT_TRUE(passes(r.pose, L));
}

// Contradictory limits (each of thoracic and lumbar at least 20°, their sum at most 30°): no pose
// passes; the call says so instead of returning a pose as if it passed.
TEST(Nearest, InfeasibleLimitsAreReportedNotReached) {
  Limits L = Limits::defaults();
  L.override_dof(kT, 20_deg, 30_deg).override_dof(kL, 20_deg, 30_deg);
  Pose p;
  p.set(kT, 25_deg).set(kL, 25_deg);
  NearestOptions o;
  o.max_iterations = 50;
  const auto r = nearest_valid_pose(p, L, o);
  EXPECT_EQ(r.status, NearestStatus::not_reached);
  EXPECT_FALSE(r.valid());
  EXPECT_FALSE(r.nearest);
  EXPECT_FALSE(passes(r.pose, L));
}

TEST(Nearest, BadOptionsThrow) {
  const Limits L = Limits::defaults();
  Pose p;
  p.set(kT, 50_deg);
  for (double w : {0.0, -1.0, std::nan(""), std::numeric_limits<double>::infinity()}) {
    NearestOptions o;
    o.set_weight(kT, w);
    EXPECT_THROW((void)nearest_valid_pose(p, L, o), invalid_argument) << w;
  }
  NearestOptions o;
  o.max_iterations = 0;
  EXPECT_THROW((void)nearest_valid_pose(p, L, o), invalid_argument);
}

TEST(Nearest, HugeValuesStayValid) {
  const Limits L = Limits::defaults();
  Pose p;
  p.set(kT, radians(1e300)).set(kL, radians(-1e300)).set(kRF, radians(1e300)).set(kRA, radians(1e300));
  const auto r = nearest_valid_pose(p, L);
  EXPECT_EQ(r.status, NearestStatus::moved);
  EXPECT_TRUE(passes(r.pose, L));
}

// A user's composite on the right shoulder's flexion + adduction couples the region (not convex)
// with a slab: the result must still pass check(), but it is not claimed to be the nearest.
TEST(Nearest, CompositeOnTheRegionDoFsIsValidButNotClaimedNearest) {
  Limits L = Limits::defaults();
  CompositeLimit c;
  c.name = "test_flexion_plus_adduction";
  c.display = "flexion plus adduction";
  c.positive_name = "flexion";
  c.negative_name = "abduction";
  c.side = Side::right;
  c.terms[0] = {Joint::shoulder, Axis::flexion_extension, 1.0};
  c.terms[1] = {Joint::shoulder, Axis::abduction_adduction, 1.0};
  c.term_count = 2;
  c.upper.radians = deg(30);
  L.add(c);
  // (170°, 100°): adduction 98°, where Dykstra's iteration alone does not reach a valid pose and the
  // plain cyclic projection that follows it does.
  for (const auto& [pe, e] :
       {std::pair{80.0, 60.0}, std::pair{-60.0, 90.0}, std::pair{100.0, 200.0}, std::pair{170.0, 100.0}}) {
    const Pose p = arm(Side::right, pe, e);
    ASSERT_FALSE(passes(p, L)) << pe << " " << e;
    const auto r = nearest_valid_pose(p, L);
    EXPECT_FALSE(r.nearest) << pe << " " << e;
    EXPECT_EQ(r.status, NearestStatus::moved) << pe << " " << e;
    EXPECT_TRUE(passes(r.pose, L)) << pe << " " << e;
  }
}
