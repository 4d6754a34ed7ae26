// Range reached (range.hpp), deficit against the norm and asymmetry (deficit.hpp): hand-computed cases
// and properties. The per-pose path allocates nothing (global operator new is counted).
#include <arthrokin/deficit.hpp>
#include <arthrokin/range.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "support/allocation_counter.hpp"

using namespace arthrokin;
using namespace arthrokin::literals;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr DofId kRK = DofId::right_knee_flexion_extension;
constexpr DofId kLK = DofId::left_knee_flexion_extension;

double deg(double r) { return rad_to_deg(r); }

/// Rows (N × dof_count, NaN) with one DoF's values set, in degrees.
std::vector<double> rows_with(DofId d, const std::vector<double>& values_deg) {
  std::vector<double> rows(values_deg.size() * dof_count, kNaN);
  for (std::size_t k = 0; k < values_deg.size(); ++k) rows[k * dof_count + index(d)] = deg_to_rad(values_deg[k]);
  return rows;
}

/// The exact nearest-rank percentile of `v` (sorted copy): the k-th smallest, k = max(1, ceil(p/100 n)).
double nearest_rank(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const double kd = std::ceil(p / 100.0 * static_cast<double>(v.size()));
  const std::size_t k = kd < 1 ? 1 : static_cast<std::size_t>(kd);
  return v[k - 1];
}
}  // namespace

// ---- range ---------------------------------------------------------------------------------

TEST(Range, MinMaxArcFramesAndTimesOfAKneeSequence) {
  // Knee flexion 10, 35, 92, 60, 4 (deg) at 0, 0.1, ... s; frames numbered from 100.
  RangeAccumulator acc;
  const std::vector<double> v{10, 35, 92, 60, 4};
  for (std::size_t k = 0; k < v.size(); ++k) {
    Pose p;
    p.set(kRK, degrees(v[k]));
    acc.add(p, 100 + k, 0.1 * static_cast<double>(k));
  }
  const DofRange r = acc[kRK];
  EXPECT_EQ(r.frames, 5u);
  EXPECT_EQ(r.observed, 5u);
  EXPECT_DOUBLE_EQ(deg(r.min), 4.0);
  EXPECT_DOUBLE_EQ(deg(r.max), 92.0);
  EXPECT_DOUBLE_EQ(deg(r.arc()), 88.0);
  EXPECT_EQ(r.min_frame, 104u);
  EXPECT_EQ(r.max_frame, 102u);
  EXPECT_DOUBLE_EQ(r.min_time_s, 0.4);
  EXPECT_DOUBLE_EQ(r.max_time_s, 0.2);
  EXPECT_DOUBLE_EQ(r.observed_fraction(), 1.0);
  // A DoF never observed has no range: unknown, never zero.
  const DofRange l = acc[kLK];
  EXPECT_EQ(l.observed, 0u);
  EXPECT_FALSE(l.known());
  EXPECT_TRUE(std::isnan(l.min) && std::isnan(l.max) && std::isnan(l.arc()) && std::isnan(l.robust_high));
  EXPECT_DOUBLE_EQ(l.observed_fraction(), 0.0);
}

TEST(Range, NanFramesAreSkippedAndCountedAsUnobserved) {
  // 8 frames, 3 of them unknown: the range ignores them, observed fraction 5/8.
  const auto rows = rows_with(kRK, {20, kNaN, 50, kNaN, -3, 70, kNaN, 30});
  RangeAccumulator acc;
  acc.add_batch(rows);
  const DofRange r = acc[kRK];
  EXPECT_EQ(r.frames, 8u);
  EXPECT_EQ(r.observed, 5u);
  EXPECT_DOUBLE_EQ(r.observed_fraction(), 0.625);
  EXPECT_DOUBLE_EQ(deg(r.min), -3.0);
  EXPECT_DOUBLE_EQ(deg(r.max), 70.0);
  EXPECT_EQ(r.min_frame, 4u);
  EXPECT_EQ(r.max_frame, 5u);
  EXPECT_TRUE(std::isnan(r.max_time_s));  // no times given
}

TEST(Range, RobustEndsIgnoreASingleFrameSpike) {
  // 100 frames of a knee cycling 0..90 deg, one tracking spike of 175 deg: the maximum is the spike, the
  // 98th percentile (nearest rank: the 98th of 100 values) is not.
  std::vector<double> v;
  for (int k = 0; k < 99; ++k) v.push_back(90.0 * std::abs(std::sin(0.1 * k)));
  v.insert(v.begin() + 40, 175.0);
  RangeAccumulator acc;
  acc.add_batch(rows_with(kRK, v));
  const DofRange r = acc[kRK];
  EXPECT_DOUBLE_EQ(deg(r.max), 175.0);
  const double bound = to_degrees(acc.robust_error_bound());
  EXPECT_DOUBLE_EQ(bound, 0.05);
  const double p98 = nearest_rank(v, 98), p2 = nearest_rank(v, 2);
  EXPECT_LT(p98, 90.0);
  EXPECT_NEAR(deg(r.robust_high), p98, bound + 1e-9);
  EXPECT_NEAR(deg(r.robust_low), p2, bound + 1e-9);
  EXPECT_LT(deg(r.robust_high), 90.0 + bound);
}

TEST(Range, RobustEndsAreWithinHalfABinOfTheExactPercentilesOnRandomData) {
  std::mt19937_64 rng(11);
  std::normal_distribution<double> g(30.0, 25.0);
  for (const double width : {0.1, 0.5, 2.0})
    for (const double p : {0.0, 1.0, 2.0, 5.0, 50.0, 95.0, 98.0, 100.0}) {
      RangeOptions o;
      o.bin_width = degrees(width);
      o.robust_low_percent = p;
      o.robust_high_percent = 100.0 - p < p ? p : 100.0 - p;
      RangeAccumulator acc(o);
      std::vector<double> v(997);
      for (double& x : v) x = g(rng);
      acc.add_batch(rows_with(kRK, v));
      const DofRange r = acc[kRK];
      EXPECT_NEAR(deg(r.robust_low), nearest_rank(v, o.robust_low_percent), width / 2 + 1e-9) << width << " " << p;
      EXPECT_NEAR(deg(r.robust_high), nearest_rank(v, o.robust_high_percent), width / 2 + 1e-9) << width << " " << p;
    }
}

TEST(Range, PercentileOutsideTheHistogramIsUnknownButMinMaxStayExact) {
  RangeOptions o;
  o.histogram_low = degrees(-10.0);
  o.histogram_high = degrees(10.0);
  o.robust_high_percent = 50.0;
  RangeAccumulator acc(o);
  acc.add_batch(rows_with(kRK, {50, 60, 70, 80, 90}));  // all above the histogram
  const DofRange r = acc[kRK];
  EXPECT_DOUBLE_EQ(deg(r.max), 90.0);
  EXPECT_DOUBLE_EQ(deg(r.min), 50.0);
  EXPECT_TRUE(std::isnan(r.robust_high));     // the median, rank 3 of 5, is in the overflow bin
  EXPECT_DOUBLE_EQ(deg(r.robust_low), 50.0);  // 2nd percentile: rank 1, the minimum, exact
}

TEST(Range, OrderOfFramesDoesNotChangeMinMax) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(-2.0, 2.0), p(0, 1);
  std::vector<double> rows(500 * dof_count);
  for (double& x : rows) x = p(rng) < 0.1 ? kNaN : u(rng);
  // integer-spaced values repeat: ties are decided by the smallest frame, whatever the order
  for (std::size_t k = 0; k < 500; k += 7) rows[k * dof_count + index(kRK)] = 1.5;
  RangeAccumulator a, b;
  for (std::size_t k = 0; k < 500; ++k) {
    const Pose pa = Pose::from_radians(Eigen::Map<const PoseVector>(rows.data() + k * dof_count));
    a.add(pa, k);
  }
  for (std::size_t k = 500; k-- > 0;) {
    const Pose pb = Pose::from_radians(Eigen::Map<const PoseVector>(rows.data() + k * dof_count));
    b.add(pb, k);
  }
  for (DofId d : all_dofs) {
    const DofRange ra = a[d], rb = b[d];
    EXPECT_EQ(ra.min, rb.min);
    EXPECT_EQ(ra.max, rb.max);
    EXPECT_EQ(ra.min_frame, rb.min_frame);
    EXPECT_EQ(ra.max_frame, rb.max_frame);
    EXPECT_EQ(ra.observed, rb.observed);
    EXPECT_EQ(ra.robust_low, rb.robust_low);
    EXPECT_EQ(ra.robust_high, rb.robust_high);
  }
}

TEST(Range, MergeOfTwoHalvesEqualsTheWhole) {
  std::mt19937_64 rng(4);
  std::uniform_real_distribution<double> u(-2.5, 2.5), p(0, 1);
  const std::size_t n = 1000;
  std::vector<double> rows(n * dof_count), t(n);
  for (double& x : rows) x = p(rng) < 0.2 ? kNaN : u(rng);
  for (std::size_t k = 0; k < n; ++k) t[k] = 0.01 * static_cast<double>(k);
  RangeAccumulator whole, first, second;
  whole.add_batch(rows, 0, t);
  const std::size_t h = 437;
  first.add_batch(std::span<const double>(rows).first(h * dof_count), 0, std::span<const double>(t).first(h));
  second.add_batch(std::span<const double>(rows).subspan(h * dof_count), h, std::span<const double>(t).subspan(h));
  second.merge(first);  // the later half first: the result does not depend on it
  EXPECT_EQ(second.frames(), whole.frames());
  for (DofId d : all_dofs) {
    const DofRange a = whole[d], b = second[d];
    EXPECT_EQ(a.observed, b.observed);
    EXPECT_EQ(a.min, b.min);
    EXPECT_EQ(a.max, b.max);
    EXPECT_EQ(a.min_frame, b.min_frame);
    EXPECT_EQ(a.max_frame, b.max_frame);
    EXPECT_EQ(a.min_time_s, b.min_time_s);
    EXPECT_EQ(a.robust_low, b.robust_low);
    EXPECT_EQ(a.robust_high, b.robust_high);
  }
}

TEST(Range, InfinityInABatchIsAnErrorAndNothingIsAdded) {
  auto rows = rows_with(kRK, {10, 20, 30});
  rows[2 * dof_count + index(kLK)] = -std::numeric_limits<double>::infinity();
  RangeAccumulator acc;
  try {
    acc.add_batch(rows);
    FAIL() << "no throw";
  } catch (const infinite_value& e) {
    EXPECT_EQ(e.where.pose, 2u);
    EXPECT_EQ(e.where.column, index(kLK));
    EXPECT_NE(std::string(e.what()).find("RangeAccumulator::add_batch: pose 2, left_knee_flexion_extension"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(acc.frames(), 0u);
  EXPECT_EQ(acc[kRK].observed, 0u);
}

TEST(Range, BadSizesOptionsAndMergesThrow) {
  RangeAccumulator acc;
  std::vector<double> rows(dof_count + 1, 0.0);
  EXPECT_THROW(acc.add_batch(rows), invalid_argument);
  std::vector<double> two(2 * dof_count, 0.0), t1{0.0};
  EXPECT_THROW(acc.add_batch(two, 0, t1), invalid_argument);
  std::vector<double> tinf{0.0, std::numeric_limits<double>::infinity()};
  EXPECT_THROW(acc.add_batch(two, 0, tinf), invalid_argument);
  EXPECT_EQ(acc.frames(), 0u);
  RangeOptions bad;
  bad.bin_width = degrees(0.0);
  EXPECT_THROW(RangeAccumulator{bad}, invalid_argument);
  bad = {};
  bad.histogram_low = degrees(10.0);
  bad.histogram_high = degrees(-10.0);
  EXPECT_THROW(RangeAccumulator{bad}, invalid_argument);
  bad = {};
  bad.robust_low_percent = 60;
  bad.robust_high_percent = 40;
  EXPECT_THROW(RangeAccumulator{bad}, invalid_argument);
  bad = {};
  bad.bin_width = degrees(1e-9);
  EXPECT_THROW(RangeAccumulator{bad}, invalid_argument);
  RangeOptions other;
  other.bin_width = degrees(0.5);
  EXPECT_THROW(acc.merge(RangeAccumulator(other)), invalid_argument);
}

TEST(Range, AddingPosesAndBatchesAllocatesNothing) {
  RangeAccumulator acc;
  std::vector<double> rows(64 * dof_count, 0.3);
  Pose p;
  for (DofId d : all_dofs) p.set(d, 20_deg);
  const long before = test_support::allocation_count;
  for (int i = 0; i < 1000; ++i) {
    p.set(kRK, degrees(i % 140));
    acc.add(p, static_cast<std::uint64_t>(i), 0.01 * i);
  }
  acc.add_batch(rows, 1000);
  const DofRange r = acc[kRK];
  EXPECT_EQ(test_support::allocation_count.load(), before);
  EXPECT_DOUBLE_EQ(deg(r.max), 139.0);
}

// ---- deficit -------------------------------------------------------------------------------

TEST(Deficit, KneeReaching92AgainstANormal140Is48DegreesOr34PercentShort) {
  // 140 - 92 = 48 deg; 48 / 140 = 34.29 %.
  const Limits limits = Limits::defaults().override_dof(kRK, degrees(0), degrees(140), "test norm");
  RangeAccumulator acc;
  acc.add_batch(rows_with(kRK, {5, 40, 92, 61}));
  const DofDeficit d = deficit(acc[kRK], limits);
  EXPECT_EQ(d.positive.kind, NormKind::limit);
  EXPECT_DOUBLE_EQ(deg(d.positive.reached), 92.0);
  EXPECT_DOUBLE_EQ(deg(d.positive.normal), 140.0);
  EXPECT_NEAR(deg(d.positive.shortfall), 48.0, 1e-12);
  EXPECT_NEAR(d.positive.percent, 100.0 * 48.0 / 140.0, 1e-12);
  EXPECT_TRUE(d.positive.short_of_normal());
  // Extension: the minimum 5 deg of flexion against the normal 0: 5 deg short, no percentage.
  EXPECT_NEAR(deg(d.negative.shortfall), 5.0, 1e-12);
  EXPECT_TRUE(std::isnan(d.negative.percent));
  EXPECT_EQ(describe(d.positive),
            "right knee flexion reached 92\xC2\xB0, 48\xC2\xB0 (34 %) short of the normal 140\xC2\xB0 (override: test "
            "norm)");
  EXPECT_EQ(describe(d.negative),
            "right knee extension stopped at 5\xC2\xB0 flexion, 5\xC2\xB0 short of the normal 0\xC2\xB0 (override: "
            "test norm)");
}

TEST(Deficit, TheDefaultKneeFlexionNormIsTheVas140AndTheSentenceCitesIt) {
  // 38 CFR 4.71a, Plate II: knee flexion 0 to 140 (the default set's knee flexion; docs/sources.md).
  const Limits limits = Limits::defaults();
  ASSERT_DOUBLE_EQ(deg(limits[kRK].upper.radians), 140.0);
  RangeAccumulator acc;
  auto rows = rows_with(kRK, {10, 92});
  rows[index(kLK)] = deg_to_rad(135.0);
  acc.add_batch(rows);
  const DofDeficit d = deficit(acc[kRK], limits);
  EXPECT_EQ(describe(d.positive, radians(acc[kLK].max)),
            "right knee flexion reached 92\xC2\xB0, 48\xC2\xB0 (34 %) short of the normal 140\xC2\xB0 (" +
                std::string(short_citation(limits[kRK].upper.source)) + ")" +
                std::string(tag_note(limits[kRK].upper.tag)) + "; the left knee reached 135\xC2\xB0");
}

TEST(Deficit, BeyondTheNormalIsANegativeShortfall) {
  const Limits limits = Limits::defaults().override_dof(kRK, degrees(0), degrees(140), "test norm");
  RangeAccumulator acc;
  acc.add_batch(rows_with(kRK, {0, 150}));
  const DofDeficit d = deficit(acc[kRK], limits);
  EXPECT_NEAR(deg(d.positive.shortfall), -10.0, 1e-12);
  EXPECT_NEAR(d.positive.percent, -100.0 / 14.0, 1e-12);
  EXPECT_TRUE(d.positive.beyond_normal());
  EXPECT_EQ(describe(d.positive),
            "right knee flexion reached 150\xC2\xB0, 10\xC2\xB0 (7 %) beyond the normal 140\xC2\xB0 (override: test "
            "norm)");
}

TEST(Deficit, AgeAndSexCompareWithTheGroupMeanSaidAsAMean) {
  // rom_norms_by_age_sex.csv: knee flexion, 20-44, M: mean 137.7 (Soucie, secondary). 137.7 - 92 = 45.7.
  const Limits limits = Limits::defaults();
  RangeAccumulator acc;
  acc.add_batch(rows_with(kRK, {3, 92}));
  DeficitOptions o;
  o.age = 30;
  o.sex = Sex::male;
  const DofDeficit d = deficit(acc[kRK], limits, o);
  ASSERT_EQ(d.positive.kind, NormKind::age_sex_mean);
  ASSERT_NE(d.positive.mean, nullptr);
  EXPECT_DOUBLE_EQ(d.positive.mean->mean_deg, 137.7);
  EXPECT_NEAR(deg(d.positive.shortfall), 45.7, 1e-9);
  EXPECT_NEAR(d.positive.percent, 100.0 * 45.7 / 137.7, 1e-9);
  EXPECT_EQ(describe(d.positive),
            "right knee flexion reached 92\xC2\xB0, 45.7\xC2\xB0 (33 %) short of the mean 137.7\xC2\xB0 (mean of men "
            "aged 20-44, Soucie et al. 2011) [secondary source]");
  // Knee extension 20-44, both sexes: mean hyperextension 1.3 (signed -1.3); reached -(-3)... the minimum 3 deg of
  // flexion: 3 + 1.3 = 4.3 deg short.
  ASSERT_EQ(d.negative.kind, NormKind::age_sex_mean);
  EXPECT_NEAR(deg(d.negative.shortfall), 4.3, 1e-9);
  // An age with no mean for a DoF falls back to the limit.
  const DofDeficit hip = deficit(acc[DofId::right_hip_abduction_adduction], limits, o);
  EXPECT_EQ(hip.negative.kind, NormKind::limit);
  EXPECT_FALSE(hip.negative.known());  // not observed: nothing compared
}

TEST(Deficit, WithoutObservationsNothingIsSaidButNotObserved) {
  const Limits limits = Limits::defaults();
  RangeAccumulator acc;
  acc.add_batch(rows_with(kRK, {kNaN, kNaN}));
  const DofDeficit d = deficit(acc[kRK], limits);
  EXPECT_FALSE(d.positive.known());
  EXPECT_EQ(describe(d.positive), "right knee flexion: not observed");
  EXPECT_THROW((void)deficit(acc[kRK], limits, DeficitOptions{RangeEnds::exact, 130, Sex::female}), invalid_argument);
}

// ---- asymmetry -----------------------------------------------------------------------------

TEST(Asymmetry, LsiOfTwoHandComputedSides) {
  // Right (involved) knee flexion 92, left 135: 43 deg less, LSI 92/135 = 68.15 %; arcs 92-2 = 90 and 135-0 =
  // 135: arc LSI 66.67 %.
  std::vector<double> rows(2 * dof_count, kNaN);
  rows[index(kRK)] = deg_to_rad(2);
  rows[dof_count + index(kRK)] = deg_to_rad(92);
  rows[index(kLK)] = deg_to_rad(0);
  rows[dof_count + index(kLK)] = deg_to_rad(135);
  RangeAccumulator acc;
  acc.add_batch(rows);
  const Asymmetry a = asymmetry(acc[kRK], acc[kLK], Sense::positive);
  EXPECT_NEAR(deg(a.difference), 43.0, 1e-12);
  EXPECT_NEAR(a.lsi, 100.0 * 92.0 / 135.0, 1e-12);
  EXPECT_NEAR(a.arc_lsi, 100.0 * 90.0 / 135.0, 1e-12);
  EXPECT_EQ(describe(a),
            "right knee flexion reached 92\xC2\xB0 against 135\xC2\xB0 on the left: 43\xC2\xB0 less, LSI 68 % (right "
            "involved)");
  // Extension: the uninvolved side reaches 0 (neutral): no LSI, only degrees.
  const Asymmetry e = asymmetry(acc[kRK], acc[kLK], Sense::negative);
  EXPECT_NEAR(deg(e.difference), 2.0, 1e-12);
  EXPECT_TRUE(std::isnan(e.lsi));
  EXPECT_THROW((void)asymmetry(acc[kRK], acc[DofId::left_hip_flexion_extension], Sense::positive), invalid_argument);
  EXPECT_THROW(
      (void)asymmetry(acc[DofId::lumbar_flexion_extension], acc[DofId::lumbar_flexion_extension], Sense::positive),
      invalid_argument);
}

TEST(Asymmetry, MirroredDataWithTheOtherSideInvolvedGivesTheSameLsi) {
  std::mt19937_64 rng(9);
  std::uniform_real_distribution<double> u(-1.0, 2.0);
  RangeAccumulator acc, mirrored;
  for (std::uint64_t k = 0; k < 200; ++k) {
    Pose p;
    for (DofId d : all_dofs) p.set(d, radians(u(rng)));
    acc.add(p, k);
    mirrored.add(p.mirrored(), k);
  }
  for (DofId d : all_dofs) {
    if (side_of(d) != Side::right) continue;
    for (Sense s : {Sense::positive, Sense::negative}) {
      const Asymmetry a = asymmetry(acc[d], acc[mirror(d)], s);
      const Asymmetry b = asymmetry(mirrored[mirror(d)], mirrored[d], s);
      EXPECT_EQ(a.difference, b.difference);
      EXPECT_TRUE(a.lsi == b.lsi || (std::isnan(a.lsi) && std::isnan(b.lsi)));
      EXPECT_EQ(a.arc_lsi, b.arc_lsi);
    }
  }
}
