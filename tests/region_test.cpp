// The shoulder region (region.hpp, docs/shoulder-region.md): poses built from ISB
// angles (plane of elevation, elevation) through the segment-rotation path, checked
// against end points read from data/reference/rom_norms.csv, not from the code:
//   flexion 180 (AAOS94, V)        extension 60 (AAOS94, V)       abduction 180 (AAOS94, V)
//   adduction 0 (AAOS94, R)        horizontal adduction 135 (ACSM range high, V)
//   horizontal abduction 45 (ACSM range high, V; both measured at 90° of abduction)
// The region's maximum elevation E(pe) is linear between those end points.
#include <arthrokin/batch.hpp>
#include <arthrokin/check.hpp>
#include <arthrokin/io/report_writers.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>
#include <arthrokin/region.hpp>
#include <report_json.hpp>  // src/io (internal): the report as a nlohmann::json value

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <span>
#include <string>
#include <vector>
#include "support/batch_equals_check.hpp"
#include "support/rotations.hpp"

using namespace arthrokin;
using namespace arthrokin::literals;
using Eigen::Matrix3d;
using Eigen::Quaterniond;
using Eigen::Vector3d;

using test_support::deg;
using test_support::in_deg;
using test_support::kPi;
using test_support::Rx;
using test_support::Ry;

namespace {

// End points from rom_norms.csv (see the file comment), degrees.
constexpr double kFlexion = 180, kExtension = 60, kAbduction = 180, kAdduction = 0, kHorizontalAdduction = 135,
                 kHorizontalAbduction = 45;

// The pose of a body in anatomical position whose `side` arm is at ISB plane of elevation `pe`,
// elevation `e` and clinical rotation `rot` (degrees; the twist pe + ar, 0 = reached by the shortest
// swing from the hanging arm): R_thorax_humerus = Ry(pe) Rx(-e) Ry(ar) for the right arm (Wu et al.
// 2005), its mirror image M R M (M = diag(1, 1, -1)) for the left one.
Pose arm(double pe, double e, double rot = 0, Side side = Side::right) {
  SegmentOrientations s;
  for (std::size_t i = 0; i < segment_count; ++i) s.set(static_cast<Segment>(i), Quaterniond::Identity());
  Matrix3d r = Ry(deg(pe)) * Rx(deg(-e)) * Ry(deg(rot - pe));
  const Matrix3d m = Vector3d(1, 1, -1).asDiagonal();
  if (side == Side::left) r = m * r * m;
  s.set(side == Side::left ? Segment::left_upper_arm : Segment::right_upper_arm, Quaterniond(r));
  return joint_angles(s).pose;
}

DofId dof(Axis a, Side side = Side::right) { return *find_dof(Joint::shoulder, a, side); }
const DofId kFlex = dof(Axis::flexion_extension), kAdd = dof(Axis::abduction_adduction),
            kHor = dof(Axis::horizontal_abduction_adduction), kRot = dof(Axis::internal_external_rotation);

std::size_t shoulder_out_of_range(const Report& r, Side side = Side::right) {
  std::size_t n = 0;
  for (DofId d : all_dofs) n += joint_of(d) == Joint::shoulder && side_of(d) == side && r[d].out_of_range();
  return n;
}
bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
}  // namespace

// The region's end points are the default bounds' values, with their rows.
TEST(ShoulderRegion, EndPointsAreTheCitedSinglePlaneValues) {
  const auto L = Limits::defaults();
  const ShoulderRegion g = shoulder_region(L, Side::right);
  ASSERT_TRUE(g.defined());
  ASSERT_EQ(g.knot_count, 7u);
  const double want[7][2] = {{-180, kAdduction}, {-90, kExtension}, {-kHorizontalAbduction, 90},
                             {0, kAbduction},    {90, kFlexion},    {kHorizontalAdduction, 90},
                             {180, kAdduction}};
  for (std::size_t k = 0; k < 7; ++k) {
    EXPECT_NEAR(in_deg(g.knots[k].plane), want[k][0], 1e-9) << k;
    EXPECT_NEAR(in_deg(g.knots[k].max_elevation), want[k][1], 1e-9) << k;
    const Bound& b = g.knots[k].upper ? L[g.knots[k].dof].upper : L[g.knots[k].dof].lower;
    EXPECT_GE(b.row, 0) << "every end point cites a row of rom_norms.csv";
  }
  EXPECT_EQ(L[g.knots[1].dof].lower.source, "AAOS94");
  EXPECT_EQ(L[g.knots[2].dof].lower.source, "ACSM");
  EXPECT_EQ(L[g.knots[5].dof].upper.source, "ACSM");
}

// Issue 13: "A pure shoulder extension of 46° (normal: 60°) is reported as horizontal abduction 90°
// is 45° beyond the normal 45°". Extension is elevation in the plane behind the body (pe = -90°).
TEST(ShoulderRegion, PureExtension46IsWithin) {
  const auto L = Limits::defaults();
  const Pose p = arm(-90, 46);
  ASSERT_TRUE(p.observed(kHor));  // elevation 46° ≥ 45°: the horizontal DoF is observed (and reads -90°)
  const auto r = check(p, L);
  EXPECT_EQ(shoulder_out_of_range(r), 0u);
  EXPECT_EQ(r[kFlex].status, Status::within);
  EXPECT_EQ(r[kHor].status, Status::within);
  EXPECT_EQ(r[kHor].decided_by, LimitKind::region);
  EXPECT_EQ(r.overall, Verdict::within_range_partial);  // only one arm observed: within, for the DoFs observed
  // The clinical values users know stay in the report.
  EXPECT_NEAR(in_deg(r[kFlex].value), -46, 1e-9);
  // Without the region, the independent ranges flag it (the disagreement the region resolves).
  const auto independent = Limits::defaults().with_shoulder_region(false);
  const auto old = check(p, independent);
  EXPECT_EQ(old[kHor].status, Status::below);
}

// Issue 13: "An arm at shoulder height moved 20° across the midline is reported as shoulder
// adduction 30.8° beyond the normal 0°, although its horizontal adduction (110°) is within 135°".
TEST(ShoulderRegion, CrossBodyReach20AtShoulderHeightIsWithin) {
  const auto L = Limits::defaults();
  const auto r = check(arm(110, 90), L);
  EXPECT_NEAR(in_deg(r[kAdd].value), 90 * std::cos(deg(70)), 1e-9);  // 30.8° of clinical adduction
  EXPECT_NEAR(in_deg(r[kHor].value), 110, 1e-9);
  EXPECT_EQ(shoulder_out_of_range(r), 0u);
  EXPECT_EQ(r[kAdd].decided_by, LimitKind::region);
  // E(110°) = 180 + (90 - 180)·(110 - 90)/(135 - 90) = 140°
  EXPECT_TRUE(contains(describe(r, kAdd), "normal up to 140\u00b0 for that plane")) << describe(r, kAdd);
  const auto independent = Limits::defaults().with_shoulder_region(false);
  EXPECT_EQ(check(arm(110, 90), independent)[kAdd].status, Status::above);
}

// The same 10° excess in elevation with an uncertainty: beyond when the elevation's expanded
// uncertainty (here U = 2·u on flexion and adduction alike, so U on elevation: JCGM 100:2008
// §5.1.2 with ∂e/∂F = F/e, ∂e/∂A = A/e) is below 10°, possibly beyond when it covers it; the
// batch kernel decides the same.
TEST(ShoulderRegion, AnElevationExcessWithinItsUncertaintyIsPossiblyBeyond) {
  const auto L = Limits::defaults().restrict_to({Joint::shoulder});  // the arm's forearm reads 110° supination
  const Pose p = arm(-60, 90);
  const auto clear = check(p, L, Uncertainty::uniform(degrees(4.9)));  // U = 9.8° < 10°
  EXPECT_EQ(clear[kHor].status, Status::below);
  EXPECT_EQ(clear.overall, Verdict::out_of_range);
  const auto maybe = check(p, L, Uncertainty::uniform(degrees(5.1)));  // U = 10.2° ≥ 10°
  EXPECT_EQ(maybe[kHor].status, Status::possibly_below);
  EXPECT_EQ(maybe[kFlex].status, Status::within);
  EXPECT_EQ(maybe.out_of_range_count, 0u) << describe(maybe);
  EXPECT_EQ(maybe.possibly_out_of_range_count, 1u);
  EXPECT_EQ(maybe.overall, Verdict::possibly_out_of_range);
  EXPECT_NEAR(in_deg(maybe[kHor].expanded_uncertainty), 10.2, 1e-9);
  const std::string s = describe(maybe, kHor);
  EXPECT_TRUE(contains(s,
                       "is possibly 10\u00b0 beyond the normal 80\u00b0 for that plane (within its uncertainty of "
                       "\u00b110.2\u00b0)"))
      << s;
  for (const double u : {4.9, 5.1}) {
    const BatchChecker batch(L, Uncertainty::uniform(degrees(u)));
    const auto& rad = p.as_radians();
    const std::vector<double> row(rad.data(), rad.data() + dof_count);
    EXPECT_EQ(batch.verdict(row.data()), check(p, L, Uncertainty::uniform(degrees(u))).overall) << u;
  }
}

// 60° of horizontal abduction at 90° of abduction: beyond the 45° (ACSM) measured there.
TEST(ShoulderRegion, HorizontalAbduction60At90AbductionIsBeyond) {
  const auto L = Limits::defaults();
  const auto r = check(arm(-60, 90), L);
  // E(-60°) = 60 + (90 - 60)·(-60 + 90)/(-45 + 90) = 80°: 10° beyond, carried by the horizontal DoF
  EXPECT_EQ(shoulder_out_of_range(r), 1u);
  EXPECT_EQ(r[kHor].status, Status::below);
  EXPECT_EQ(r[kHor].decided_by, LimitKind::region);
  EXPECT_NEAR(in_deg(r[kHor].excess), 10, 1e-9);
  EXPECT_EQ(r.overall, Verdict::out_of_range);
  const std::string s = describe(r, kHor);
  EXPECT_TRUE(contains(s,
                       "right shoulder elevation 90\u00b0 in the plane of -60\u00b0 (horizontal abduction 60\u00b0) "
                       "is 10\u00b0 beyond the normal 80\u00b0 for that plane"))
      << s;
  EXPECT_TRUE(contains(s, "extension 60\u00b0 " + describe(L[kFlex].lower))) << s;
  EXPECT_TRUE(contains(s, "horizontal abduction 45\u00b0 at 90\u00b0 elevation " + describe(L[kHor].lower))) << s;
  EXPECT_TRUE(contains(s, "interpolated linearly")) << s;
  EXPECT_TRUE(r.violated_bound(r[kHor]).source == "ACSM");
}

// Healthy running: the arm swinging back and slightly out reads 50–58° of "horizontal abduction"
// against a norm measured at 90° of abduction; at 70° of elevation in the plane -60° it is within.
TEST(ShoulderRegion, ArmSwingingBackAndOutIsWithin) {
  const auto L = Limits::defaults();
  const auto independent = Limits::defaults().with_shoulder_region(false);
  for (double pe : {-50.0, -55.0, -58.0}) {
    const auto r = check(arm(pe, 60), L);
    EXPECT_EQ(shoulder_out_of_range(r), 0u) << pe;
    EXPECT_EQ(check(arm(pe, 60), independent)[kHor].status, Status::below) << pe;
  }
}

// Combined flexion + abduction (plane 45°): E = 180 (flexion 180, abduction 180); combined flexion +
// adduction (plane 120°): E = 180 + (90 - 180)·30/45 = 120°.
TEST(ShoulderRegion, IntermediatePlanesAgainstTheInterpolatedLimit) {
  const auto L = Limits::defaults();
  EXPECT_EQ(shoulder_out_of_range(check(arm(45, 170), L)), 0u);
  EXPECT_EQ(shoulder_out_of_range(check(arm(120, 118), L)), 0u);
  const auto r = check(arm(120, 125), L);
  EXPECT_EQ(shoulder_out_of_range(r), 1u);
  // nearest end point: horizontal adduction (135°, 15° away) rather than flexion (90°, 30° away)
  EXPECT_EQ(r[kHor].status, Status::above);
  EXPECT_NEAR(in_deg(r[kHor].excess), 5, 1e-9);
  EXPECT_EQ(r[kFlex].status, Status::within);
  EXPECT_EQ(r[kAdd].status, Status::within);
  // at an end point: only its own source is cited
  const auto at = check(arm(90, 100), L);
  EXPECT_TRUE(contains(describe(at, kFlex),
                       "normal up to 180\u00b0 for that plane (flexion 180\u00b0 " + describe(L[kFlex].upper) + ")"))
      << describe(at, kFlex);
}

// Extension with the arm at the side: elevation in the plane behind the body against 60°.
TEST(ShoulderRegion, ExtensionWithTheArmAtTheSide) {
  const auto L = Limits::defaults();
  const auto r = check(arm(-90, 65), L);
  EXPECT_EQ(r[kFlex].status, Status::below);
  EXPECT_EQ(r[kFlex].decided_by, LimitKind::region);
  EXPECT_NEAR(in_deg(r[kFlex].excess), 5, 1e-9);
  EXPECT_EQ(shoulder_out_of_range(r), 1u);  // one finding, on one DoF
  EXPECT_TRUE(contains(describe(r, kFlex), "(extension 65\u00b0) is 5\u00b0 beyond the normal 60\u00b0"))
      << describe(r, kFlex);
  // Below 45° of elevation the horizontal DoF is not observed: it stays unknown, the region decides the rest.
  const auto low = check(arm(-90, 30), L);
  EXPECT_EQ(low[kHor].status, Status::unknown);
  EXPECT_EQ(low[kFlex].decided_by, LimitKind::region);
  // Axial rotation keeps its single-axis range (the reference gives rotation at 90° abduction only).
  const auto rot = check(arm(0, 90, 95), L);
  EXPECT_EQ(rot[kRot].decided_by, LimitKind::single_axis);
  EXPECT_EQ(rot[kRot].status, Status::above);  // internal rotation 95° > 70° (AAOS94)
}

TEST(ShoulderRegion, LeftAndRightAreMirrorImages) {
  const auto L = Limits::defaults();
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> plane(-180, 180), elevation(0, 170), rot(-100, 100);
  for (int i = 0; i < 2000; ++i) {
    const double pe = plane(rng), e = elevation(rng), ar = rot(rng);
    const auto r = check(arm(pe, e, ar, Side::right), L), l = check(arm(pe, e, ar, Side::left), L);
    for (Axis a : {Axis::flexion_extension, Axis::abduction_adduction, Axis::horizontal_abduction_adduction,
                   Axis::internal_external_rotation}) {
      const auto &cr = r[dof(a, Side::right)], &cl = l[dof(a, Side::left)];
      EXPECT_EQ(cr.status, cl.status) << pe << " " << e;
      EXPECT_EQ(cr.decided_by, cl.decided_by);
      EXPECT_NEAR(cr.excess, cl.excess, 1e-9);
    }
    const auto m = check(arm(pe, e, ar, Side::right).mirrored(), L);
    for (DofId d : all_dofs) {
      EXPECT_EQ(r[d].status, m[mirror(d)].status);
      EXPECT_EQ(r[d].decided_by, m[mirror(d)].decided_by);
    }
  }
}

// E(pe) is continuous: no jump at the end points, and ±180° meet.
TEST(ShoulderRegion, MaximumElevationIsContinuousInThePlane) {
  for (const auto& L :
       {Limits::defaults(), Limits::from_source("AAOS65"), Limits::defaults().override_dof(kFlex, -20_deg, 120_deg)}) {
    const ShoulderRegion g = shoulder_region(L, Side::right);
    ASSERT_TRUE(g.defined());
    double max_slope = 0;
    for (std::size_t k = 0; k + 1 < g.knot_count; ++k)
      max_slope = std::max(max_slope, std::abs(g.knots[k + 1].max_elevation - g.knots[k].max_elevation) /
                                          (g.knots[k + 1].plane - g.knots[k].plane));
    for (std::size_t k = 0; k < g.knot_count; ++k) {
      const double pe = g.knots[k].plane, h = 1e-7;
      EXPECT_NEAR(g.max_elevation(pe), g.knots[k].max_elevation, 1e-12);
      if (k > 0) {
        EXPECT_LE(std::abs(g.max_elevation(pe - h) - g.knots[k].max_elevation), max_slope * h * 1.0001);
      }
      if (k + 1 < g.knot_count) {
        EXPECT_LE(std::abs(g.max_elevation(pe + h) - g.knots[k].max_elevation), max_slope * h * 1.0001);
      }
    }
    EXPECT_DOUBLE_EQ(g.max_elevation(-kPi), g.max_elevation(kPi));
    for (double pe = -kPi; pe < kPi; pe += 1e-3)
      EXPECT_LE(std::abs(g.max_elevation(pe + 1e-3) - g.max_elevation(pe)), max_slope * 1e-3 * 1.0001 + 1e-15);
  }
  // an override moves its end point: flexion limited to 120° gives E(90°) = 120°
  const ShoulderRegion o = shoulder_region(Limits::defaults().override_dof(kFlex, -20_deg, 120_deg), Side::right);
  EXPECT_NEAR(in_deg(o.max_elevation(deg(90))), 120, 1e-9);
  EXPECT_NEAR(in_deg(o.max_elevation(deg(-90))), 20, 1e-9);
}

TEST(ShoulderRegion, ToleranceAndRestriction) {
  const auto tolerant = Limits::defaults().with_tolerance(5_deg);
  const auto r = check(arm(-90, 65), tolerant);
  EXPECT_EQ(r[kFlex].status, Status::within);
  const auto L = Limits::defaults().restrict_to({Joint::hip});
  const auto n = check(arm(-90, 65), L);
  EXPECT_EQ(n[kFlex].status, Status::not_checked);
  EXPECT_EQ(n[kFlex].decided_by, LimitKind::single_axis);
  // OpenSim model bounds are not clinical single-plane end points: no region
  EXPECT_FALSE(Limits::from_model("Rajagopal2016").uses_shoulder_region());
}

// The batch kernel decides the region DoFs as check() does, on poses spread over the whole
// sphere and concentrated at the region's boundary, with unknowns and tolerances.
TEST(ShoulderRegion, BatchEqualsCheck) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u01(0, 1), plane(-kPi, kPi), rot(-2, 2);
  for (const auto& L :
       {Limits::defaults(), Limits::defaults().with_tolerance(3_deg), Limits::defaults().with_shoulder_region(false),
        Limits::from_source("AAOS65"), Limits::defaults().restrict_to({Joint::shoulder, Joint::knee})}) {
    const std::size_t n = 4000;
    std::vector<double> rows(n * dof_count, std::nan(""));
    const ShoulderRegion g = shoulder_region(Limits::defaults(), Side::right);
    for (std::size_t i = 0; i < n; ++i) {
      for (Side side : {Side::left, Side::right}) {
        const double pe = plane(rng);
        double e = g.max_elevation(pe) + (u01(rng) < 0.5 ? (u01(rng) - 0.5) * 0.2 : 0.0);
        if (u01(rng) < 0.1) e = g.max_elevation(pe) + L.tolerance_radians() * (u01(rng) < 0.5 ? 1 : -1);
        e = std::max(e, 0.0);
        double* x = rows.data() + i * dof_count;
        const auto put = [&](Axis a, double v) {
          if (u01(rng) > 0.1) x[index(dof(a, side))] = v;
        };
        put(Axis::flexion_extension, e * std::sin(pe));
        put(Axis::abduction_adduction, -e * std::cos(pe));
        if (e > deg(45)) put(Axis::horizontal_abduction_adduction, pe);
        put(Axis::internal_external_rotation, rot(rng));
      }
      rows[i * dof_count + index(DofId::left_knee_flexion_extension)] = rot(rng);
    }
    const std::size_t beyond = test_support::expect_batch_equals_check(rows, L);
    EXPECT_GT(beyond, n / 10);  // the boundary is exercised
  }
}

// The sources' gap (docs/shoulder-region.md): no row gives adduction behind the trunk, only the
// recalled adduction 0° (AAOS94, R). Extension 40° + adduction 20°: e = hypot(40, 20) = 44.7° in the
// plane atan2(-40, -20) = -116.6°, against E = 60·(180 - 116.6)/90 = 42.3° (adduction 0 at -180°,
// extension 60 at -90°): beyond, as the independent adduction range says too.
TEST(ShoulderRegion, HandBehindTheBackIsTheSourcesGap) {
  const auto L = Limits::defaults();
  Pose p;
  p.set(kFlex, -40_deg);
  p.set(kAdd, 20_deg);
  const auto r = check(p, L);
  const double e = std::hypot(40.0, 20.0), pe = in_deg(std::atan2(-40.0, -20.0));
  const double limit = kAdduction + (kExtension - kAdduction) * (pe + 180) / 90;
  EXPECT_EQ(r[kFlex].status, Status::below);
  EXPECT_NEAR(in_deg(r[kFlex].excess), e - limit, 1e-9);
  EXPECT_EQ(r[kAdd].status, Status::within);
  EXPECT_TRUE(contains(describe(r, kAdd), "reported once, as right shoulder extension")) << describe(r, kAdd);
  EXPECT_TRUE(contains(describe(r, kFlex), "adduction 0\u00b0 " + describe(L[kAdd].upper))) << describe(r, kFlex);
  EXPECT_EQ(r.out_of_range_count, 1u);
  // JSON/Python name of the decider
  EXPECT_EQ(to_string(r[kFlex].decided_by), "region");
  EXPECT_EQ(to_string(r[kRot].decided_by), "single_axis");
}

// The JSON report names the decider of each DoF (docs/formats.md).
TEST(ShoulderRegion, JsonReportNamesTheDecider) {
  const auto L = Limits::defaults();
  const auto j = io::report_to_json_value(check(arm(-60, 90), L));
  std::size_t seen = 0;
  for (const auto& d : j["dofs"]) {
    const std::string id = d["dof"].get<std::string>();
    if (id == "right_shoulder_horizontal_abduction_adduction") {
      EXPECT_EQ(d["decided_by"], "region");
      EXPECT_EQ(d["status"], "below");
      EXPECT_NEAR(d["excess_deg"].get<double>(), 10.0, 1e-9);  // E(-60°) = 80° (see above)
      ++seen;
    } else if (id == "right_shoulder_internal_external_rotation") {
      EXPECT_EQ(d["decided_by"], "single_axis");
      ++seen;
    }
  }
  EXPECT_EQ(seen, 2u);
}

// Fuzzing found it: flexion and adduction near ±DBL_MAX make the elevation overflow; the finding's
// excess is then the largest finite double ("at least this much"), never infinite.
TEST(ShoulderRegion, AnElevationThatOverflowsHasAFiniteExcess) {
  const double big = std::numeric_limits<double>::max();
  Pose p;
  p.set(kFlex, radians(big));
  p.set(kAdd, radians(-big));
  const auto L = Limits::defaults().restrict_to({Joint::shoulder});
  const auto r = check(p, L);
  std::size_t beyond = 0;
  for (DofId d : {kFlex, kAdd, kHor}) {
    if (!r[d].out_of_range()) continue;
    ++beyond;
    EXPECT_EQ(r[d].excess, big) << to_string(d);
  }
  EXPECT_EQ(beyond, 1u);
  EXPECT_FALSE(describe(r).empty());
}

// Limits keeps the regions it implies (built when its bounds change, not per check): after every
// kind of construction and modification, what it holds equals a region built afresh from its bounds,
// and a changed bound moves the region's end point to the new value (read off the override, degrees).
TEST(ShoulderRegion, FollowsEveryModificationOfTheLimits) {
  const auto same = [](const ShoulderRegion& a, const ShoulderRegion& b) {
    if (a.side != b.side || a.flexion != b.flexion || a.adduction != b.adduction || a.horizontal != b.horizontal ||
        a.knot_count != b.knot_count)
      return false;
    for (std::size_t k = 0; k < a.knot_count; ++k) {
      const RegionKnot &x = a.knots[k], &y = b.knots[k];
      if (x.plane != y.plane || x.max_elevation != y.max_elevation || x.dof != y.dof || x.upper != y.upper ||
          x.cos_plane != y.cos_plane || x.sin_plane != y.sin_plane || x.slope != y.slope)
        return false;
    }
    return true;
  };
  const auto expect_fresh = [&](const Limits& L, const std::string& what) {
    for (Side side : {Side::left, Side::right}) {
      SCOPED_TRACE(what + (side == Side::left ? " (left)" : " (right)"));
      const ShoulderRegion& held = L.shoulder_region(side);
      EXPECT_EQ(held.side, side);
      EXPECT_EQ(held.flexion, *find_dof(Joint::shoulder, Axis::flexion_extension, side));
      EXPECT_TRUE(same(held, detail::make_shoulder_region(L, side)));
      EXPECT_TRUE(same(shoulder_region(L, side), held));
    }
  };
  expect_fresh(Limits{}, "Limits{}");
  EXPECT_FALSE(Limits{}.shoulder_region(Side::right).defined());
  Limits L = Limits::defaults();
  expect_fresh(L, "defaults");
  EXPECT_TRUE(L.shoulder_region(Side::left).defined());
  for (Context c : {Context::unspecified, Context::passive, Context::active, Context::weight_bearing})
    expect_fresh(Limits::defaults(c), "defaults(" + std::string(to_string(c)) + ")");
  for (const char* key : {"AAOS65", "AMA", "VA", "AAOS94"}) expect_fresh(Limits::from_source(key), key);
  for (const char* model : {"gait2392", "Rajagopal2016"}) {
    const Limits M = Limits::from_model(model);
    expect_fresh(M, model);
    EXPECT_FALSE(M.shoulder_region(Side::right).defined());  // from_model: the region is off
  }
  // An override moves its end point; every shoulder DoF, both sides.
  for (Side side : {Side::left, Side::right}) {
    const DofId flex = *find_dof(Joint::shoulder, Axis::flexion_extension, side);
    const DofId add = *find_dof(Joint::shoulder, Axis::abduction_adduction, side);
    const DofId hor = *find_dof(Joint::shoulder, Axis::horizontal_abduction_adduction, side);
    L.override_dof(flex, -40_deg, 120_deg);
    expect_fresh(L, "flexion overridden");
    const ShoulderRegion& g = L.shoulder_region(side);
    double flexion_end = -1, extension_end = -1;
    for (std::size_t k = 0; k < g.knot_count; ++k)
      if (g.knots[k].dof == flex) (g.knots[k].upper ? flexion_end : extension_end) = in_deg(g.knots[k].max_elevation);
    EXPECT_NEAR(flexion_end, 120, 1e-12);
    EXPECT_NEAR(extension_end, 40, 1e-12);
    L.override_dof(add, -150_deg, 10_deg);
    expect_fresh(L, "adduction overridden");
    EXPECT_NEAR(in_deg(L.shoulder_region(side).knots[0].max_elevation), 10, 1e-12);
    L.override_dof(hor, -30_deg, 120_deg);
    expect_fresh(L, "horizontal overridden");
    L.override_dof(flex, 10_deg, 120_deg);  // no extension: the region is undefined
    expect_fresh(L, "flexion without extension");
    EXPECT_FALSE(L.shoulder_region(side).defined());
    L.override_dof(flex, -40_deg, 120_deg);
    EXPECT_TRUE(L.shoulder_region(side).defined());
  }
  L.with_shoulder_region(false);
  expect_fresh(L, "region off");
  EXPECT_FALSE(L.shoulder_region(Side::right).defined());
  L.with_shoulder_region(true);
  expect_fresh(L, "region on again");
  EXPECT_TRUE(L.shoulder_region(Side::right).defined());
  L.with_tolerance(3_deg).restrict_to({Joint::shoulder, Joint::knee});
  expect_fresh(L, "tolerance, restriction");
  const Limits copy = L;
  expect_fresh(copy, "copy");
  const Limits moved = Limits(Limits::defaults().override_dof(kFlex, -10_deg, 100_deg));
  expect_fresh(moved, "temporary");
  // the check reads the held region: an arm at 110° of flexion is beyond 100° by 10°
  Report r;
  check(arm(90, 110), moved, r);
  EXPECT_EQ(r[kFlex].status, Status::above);
  EXPECT_NEAR(in_deg(r[kFlex].excess), 10, 1e-9);
}
