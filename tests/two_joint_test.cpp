// Two-joint limits (two_joint.hpp, docs/two-joint-limits.md): hip flexion limited by the
// hamstrings as a function of knee flexion. Expected values from the sources, not the code:
//   knee straight: hip flexion up to 90° (Magee, data/reference/SOURCES.md Magee06: "normal length
//   of the hamstring muscle is 90° hip position with straight knee");
//   knee flexed (from 90°, arthrokin's choice): the hip's own flexion bound, which goniometry
//   measures with the knee flexed (PhysiopediaGonioHip); linear in between.
#include <arthrokin/batch.hpp>
#include <arthrokin/check.hpp>
#include <arthrokin/io/report_writers.hpp>
#include <arthrokin/nearest.hpp>
#include <arthrokin/two_joint.hpp>

#include <gtest/gtest.h>
#include <report_json.hpp>  // src/io (internal): the report as a nlohmann::json value
#include "support/batch_equals_check.hpp"

#include <cmath>
#include <random>
#include <string>
#include <vector>

using namespace arthrokin;
using namespace arthrokin::literals;

namespace {

constexpr double kStraight = 90;    // Magee06
constexpr double kFlexedFrom = 90;  // knee flexion from which the hip's own bound applies
constexpr double kPi = 3.14159265358979323846;
double deg(double d) { return d * kPi / 180; }
double in_deg(double r) { return r * 180 / kPi; }

DofId hip(Side s = Side::left) { return *find_dof(Joint::hip, Axis::flexion_extension, s); }
DofId knee(Side s = Side::left) { return *find_dof(Joint::knee, Axis::flexion_extension, s); }

Pose leg(double hip_deg, double knee_deg, Side s = Side::left) {
  Pose p;
  p.set(hip(s), degrees(hip_deg));
  if (!std::isnan(knee_deg)) p.set(knee(s), degrees(knee_deg));
  return p;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// The hip's own flexion bound of `L`, degrees (the knee-flexed end point).
double own(const Limits& L) { return in_deg(L[hip()].upper.radians); }

}  // namespace

TEST(TwoJoint, TheLimitIsTheCitedEndPointsInterpolated) {
  const auto L = Limits::defaults();
  const TwoJointLimit t = two_joint_limit(L, Side::left);
  ASSERT_TRUE(t.defined());
  EXPECT_EQ(t.checked, hip());
  EXPECT_EQ(t.controlling, knee());
  EXPECT_EQ(t.straight.source, "Magee06");
  EXPECT_EQ(t.straight.tag, Tag::secondary);
  EXPECT_NEAR(in_deg(t.limit_at(deg(0))), kStraight, 1e-9);
  EXPECT_NEAR(in_deg(t.limit_at(deg(-10))), kStraight, 1e-9);  // hyperextended: held constant
  EXPECT_NEAR(in_deg(t.limit_at(deg(kFlexedFrom))), own(L), 1e-9);
  EXPECT_NEAR(in_deg(t.limit_at(deg(130))), own(L), 1e-9);
  EXPECT_NEAR(in_deg(t.limit_at(deg(45))), kStraight + (own(L) - kStraight) * 45 / kFlexedFrom, 1e-9);
  EXPECT_GT(own(L), kStraight);
}

// The acceptance: a straight-leg raise of 80° within, 110° with the knee straight beyond,
// 110° of hip flexion with the knee at 90° within.
TEST(TwoJoint, StraightLegRaise) {
  const auto L = Limits::defaults();
  const auto slr80 = check(leg(80, 0), L);
  EXPECT_EQ(slr80[hip()].status, Status::within);
  EXPECT_EQ(slr80[hip()].decided_by, LimitKind::two_joint);
  EXPECT_NEAR(in_deg(slr80[hip()].two_joint_limit), kStraight, 1e-9);

  const auto slr110 = check(leg(110, 0), L);
  EXPECT_EQ(slr110[hip()].status, Status::above);
  EXPECT_EQ(slr110[hip()].decided_by, LimitKind::two_joint);
  EXPECT_NEAR(in_deg(slr110[hip()].excess), 110 - kStraight, 1e-9);
  EXPECT_EQ(slr110.overall, Verdict::out_of_range);
  EXPECT_EQ(slr110.out_of_range_count, 1u);
  const std::string s = describe(slr110, hip());
  EXPECT_TRUE(contains(
      s,
      "left hip flexion 110\u00b0 with the knee at 0\u00b0 of flexion is 20\u00b0 beyond the normal "
      "90\u00b0 at that angle (hamstrings: 90\u00b0 knee straight (Magee, Orthopedic Physical Assessment) [secondary "
      "source])"))
      << s;
  const Bound b = deciding_bound(slr110, slr110[hip()]);
  EXPECT_EQ(b.source, "Magee06");
  EXPECT_NEAR(in_deg(b.radians), kStraight, 1e-9);

  const auto bent = check(leg(110, 90), L);
  EXPECT_EQ(bent[hip()].status, Status::within);
  EXPECT_EQ(bent[hip()].decided_by, LimitKind::two_joint);
  EXPECT_NEAR(in_deg(bent[hip()].two_joint_limit), own(L), 1e-9);
  EXPECT_EQ(bent.overall, Verdict::within_range_partial);  // only one leg observed
}

TEST(TwoJoint, BetweenTheEndPointsTheLimitIsInterpolatedAndSaidSo) {
  const auto L = Limits::defaults();
  const double at45 = kStraight + (own(L) - kStraight) * 45 / kFlexedFrom;
  const auto over = check(leg(at45 + 3, 45), L);
  EXPECT_EQ(over[hip()].status, Status::above);
  EXPECT_NEAR(in_deg(over[hip()].excess), 3, 1e-9);
  EXPECT_TRUE(contains(describe(over, hip()), "linear between")) << describe(over, hip());
  EXPECT_EQ(deciding_bound(over, over[hip()]).origin, Origin::derived);
  const auto under = check(leg(at45 - 3, 45), L);
  EXPECT_EQ(under[hip()].status, Status::within);
  EXPECT_TRUE(contains(describe(under, hip()), "is within the normal range, up to")) << describe(under, hip());
}

TEST(TwoJoint, OnlyWhereBothAreObservedAndTheHipIsFlexed) {
  const auto L = Limits::defaults();
  // knee unknown: the hip's own range decides (110° is within the own bound)
  const auto no_knee = check(leg(110, std::nan("")), L);
  EXPECT_EQ(no_knee[hip()].decided_by, LimitKind::single_axis);
  EXPECT_EQ(no_knee[hip()].status, Status::within);
  EXPECT_TRUE(std::isnan(no_knee[hip()].two_joint_limit));
  // hip extension: the own lower bound decides, whatever the knee
  const auto ext = check(leg(-10, 0), L);
  EXPECT_EQ(ext[hip()].decided_by, LimitKind::single_axis);
  // off, restricted, model bounds: the single-axis range alone
  const auto off = Limits::defaults().with_two_joint_limits(false);
  EXPECT_EQ(check(leg(110, 0), off)[hip()].status, Status::within);
  const auto no_knee_limits = Limits::defaults().restrict_to({Joint::hip});
  EXPECT_EQ(check(leg(110, 0), no_knee_limits)[hip()].decided_by, LimitKind::single_axis);
  EXPECT_FALSE(Limits::from_model("gait2392").uses_two_joint_limits());
  // an own bound not above the knee-straight figure: the two-joint limit adds nothing
  auto tight = Limits::defaults();
  tight.override_dof(hip(), -20_deg, 80_deg, "post-operative");
  EXPECT_FALSE(two_joint_limit(tight, Side::left).defined());
  EXPECT_EQ(check(leg(85, 0), tight)[hip()].decided_by, LimitKind::single_axis);
}

TEST(TwoJoint, LeftAndRightAreMirrorImages) {
  const auto L = Limits::defaults();
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> h(-20, 140), k(-10, 140);
  for (int i = 0; i < 500; ++i) {
    const double hv = h(rng), kv = k(rng);
    const auto l = check(leg(hv, kv, Side::left), L), r = check(leg(hv, kv, Side::right), L);
    EXPECT_EQ(l[hip(Side::left)].status, r[hip(Side::right)].status);
    EXPECT_EQ(l[hip(Side::left)].excess, r[hip(Side::right)].excess);
    EXPECT_EQ(l[hip(Side::left)].decided_by, r[hip(Side::right)].decided_by);
  }
}

// U of the comparison = hypot(U_hip, slope·U_knee) (JCGM 100 §5.1.2).
TEST(TwoJoint, AnExcessWithinItsUncertaintyIsPossiblyBeyond) {
  const auto L = Limits::defaults();
  const auto u = [](double hip_u, double knee_u) {
    Uncertainty x;
    x.set(hip(), degrees(hip_u)).set(knee(), degrees(knee_u));
    return x;
  };
  // knee straight: the slope is 0 there, so only the hip's U counts: 2° beyond, U = 2·1.5 = 3°
  const auto maybe = check(leg(92, 0), L, u(1.5, 10));
  EXPECT_EQ(maybe[hip()].status, Status::possibly_above);
  EXPECT_NEAR(in_deg(maybe[hip()].expanded_uncertainty), 3, 1e-9);
  EXPECT_EQ(maybe.overall, Verdict::possibly_out_of_range);
  EXPECT_EQ(check(leg(92, 0), L, u(0.9, 10))[hip()].status, Status::above);  // U = 1.8° < 2°
  // mid-range: the knee's U enters through the slope
  const double slope = (own(L) - kStraight) / kFlexedFrom;
  const auto mid = check(leg(kStraight + slope * 45 + 2, 45), L, u(0.5, 3));
  EXPECT_NEAR(in_deg(mid[hip()].expanded_uncertainty), std::hypot(1.0, slope * 6), 1e-9);
  EXPECT_EQ(mid[hip()].status, std::hypot(1.0, slope * 6) >= 2 ? Status::possibly_above : Status::above);
  const auto maybe_s = describe(maybe, hip());
  EXPECT_TRUE(contains(maybe_s,
                       "is possibly 2\u00b0 beyond the normal 90\u00b0 at that angle (within its uncertainty "
                       "of \u00b13\u00b0)"))
      << maybe_s;
}

TEST(TwoJoint, BatchEqualsCheck) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u01(0, 1), h(-30, 150), k(-15, 150), su(0, 4);
  for (const auto& L :
       {Limits::defaults(), Limits::defaults().with_tolerance(2_deg), Limits::defaults().with_two_joint_limits(false),
        Limits::from_source("AAOS65"), Limits::defaults().restrict_to({Joint::hip})}) {
    for (const bool with_u : {false, true}) {
      const std::size_t n = 3000;
      std::vector<double> rows(n * dof_count, std::nan("")), us(n * dof_count, std::nan(""));
      for (std::size_t i = 0; i < n; ++i) {
        for (Side side : {Side::left, Side::right}) {
          const double kv = k(rng);
          const TwoJointLimit t = two_joint_limit(Limits::defaults(), side);
          // half the poses near the two-joint boundary
          const double hv = u01(rng) < 0.5 ? in_deg(t.limit_at(deg(kv))) + (u01(rng) - 0.5) * 8 : h(rng);
          if (u01(rng) > 0.1) rows[i * dof_count + index(hip(side))] = deg(hv);
          if (u01(rng) > 0.1) rows[i * dof_count + index(knee(side))] = deg(kv);
          us[i * dof_count + index(hip(side))] = deg(su(rng));
          us[i * dof_count + index(knee(side))] = deg(su(rng));
        }
      }
      const std::size_t beyond = test_support::expect_batch_equals_check(
          rows, L, with_u ? std::span<const double>(us) : std::span<const double>());
      EXPECT_GT(beyond, n / 10);  // the boundary is exercised
    }
  }
}

TEST(TwoJoint, JsonNamesTheDeciderAndTheLimit) {
  const auto L = Limits::defaults();
  const auto j = io::report_to_json_value(check(leg(110, 0), L));
  bool seen = false;
  for (const auto& d : j["dofs"])
    if (d["dof"] == "left_hip_flexion_extension") {
      EXPECT_EQ(d["decided_by"], "two_joint");
      EXPECT_NEAR(d["two_joint_limit_deg"].get<double>(), kStraight, 1e-9);
      EXPECT_EQ(d["status"], "above");
      seen = true;
    }
  EXPECT_TRUE(seen);
}

// The nearest valid pose passes the two-joint limit too; the input is untouched.
TEST(TwoJoint, NearestValidPosePassesIt) {
  const auto L = Limits::defaults();
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> h(60, 124), k(-5, 100);
  for (int i = 0; i < 300; ++i) {
    const Pose p = leg(h(rng), k(rng));
    const auto r = nearest_valid_pose(p, L);
    const auto c = check(r.pose, L);
    EXPECT_EQ(c.out_of_range_count, 0u) << describe(c);
    EXPECT_NE(r.status, NearestStatus::not_reached);
    if (check(p, L).out_of_range_count == 0) {
      EXPECT_EQ(r.status, NearestStatus::unchanged);
    }
  }
  // straight knee, hip 110°: either lower the hip to 90° or bend the knee; with equal weights the nearest
  // point is on the linear piece (moving both), closer than lowering the hip by 20°
  const auto r = nearest_valid_pose(leg(110, 0), L);
  EXPECT_EQ(r.status, NearestStatus::moved);
  EXPECT_LT(r.distance_radians, deg(20));
  EXPECT_EQ(check(r.pose, L)[hip()].status, Status::within);
}
