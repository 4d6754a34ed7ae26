// check(): per-DoF and composite verdicts, sentences hand-checked against the reference.
#include <arthrokin/check.hpp>
#include <arthrokin/detail/text.hpp>

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <type_traits>
#include <utility>

using namespace arthrokin;
using namespace arthrokin::literals;

TEST(Check, SentenceForAHipBeyondTheAaosNorm) {
  // rom_norms.csv: hip internal_rotation 45, AAOS (edition not identified), tag S.
  const auto L = Limits::from_source("AAOS");
  Pose p;
  p.set(DofId::left_hip_internal_external_rotation, 52_deg);
  const auto r = check(p, L);
  EXPECT_EQ(r[DofId::left_hip_internal_external_rotation].status, Status::above);
  EXPECT_NEAR(to_degrees(r[DofId::left_hip_internal_external_rotation].excess_angle()), 7.0, 1e-9);
  EXPECT_EQ(describe(r, DofId::left_hip_internal_external_rotation),
            "left hip internal rotation 52\u00b0 is 7\u00b0 beyond the normal 45\u00b0 (AAOS, edition not "
            "identified) [secondary source]");
  EXPECT_EQ(r.overall, Verdict::out_of_range);
}

TEST(Check, SentencesWithTheDefaults) {
  const auto L = Limits::defaults();
  Pose p;
  p.set(DofId::right_hip_internal_external_rotation, -70_deg)  // external rotation 70 vs VASummary 60 (V)
      .set(DofId::left_elbow_flexion_extension, -10_deg)       // hyperextension 10 vs AAOS94 0 (V)
      .set(DofId::left_shoulder_abduction_adduction, 10_deg)   // adduction 10 vs AAOS94 0 (R)
      .set(DofId::left_knee_flexion_extension, 90_deg);        // within VA 0..140
  const auto r = check(p, L);
  EXPECT_EQ(describe(r, DofId::right_hip_internal_external_rotation),
            "right hip external rotation 70\u00b0 is 10\u00b0 beyond the normal 60\u00b0 (VA summary of 38 CFR 4.71)");
  EXPECT_EQ(describe(r, DofId::left_elbow_flexion_extension),
            "left elbow extension 10\u00b0 is 10\u00b0 beyond the normal 0\u00b0 (AAOS 1994)");
  EXPECT_EQ(describe(r, DofId::left_shoulder_abduction_adduction),
            "left shoulder adduction 10\u00b0 is 10\u00b0 beyond the normal 0\u00b0 (AAOS 1994) [unverified]");
  // Knee extension: 5 deg of hyperextension (KneeGuru: "normal ROM in women is usually minus 5 to 143
  // degrees"), past the VA's 0 (docs/sources.md, rule 4).
  EXPECT_EQ(describe(r, DofId::left_knee_flexion_extension),
            "left knee flexion/extension 90\u00b0 is within the normal range 5\u00b0 extension (KneeGuru, "
            "low-authority web source) to 140\u00b0 flexion (38 CFR 4.71a)");
  EXPECT_EQ(r.out_of_range_count, 3u);
}

TEST(Check, UnknownIsNeverWithinRange) {
  const auto L = Limits::defaults();
  const auto r = check(Pose{}, L);
  EXPECT_EQ(r.overall, Verdict::unknown);
  for (const auto& c : r.dofs) EXPECT_EQ(c.status, Status::unknown);
  EXPECT_EQ(r.unknown_count, dof_count);
  Pose zero;
  zero.set(DofId::left_knee_flexion_extension, 0_deg);
  const auto z = check(zero, L);
  EXPECT_EQ(z[DofId::left_knee_flexion_extension].status, Status::within);
  EXPECT_EQ(z[DofId::right_knee_flexion_extension].status, Status::unknown);
  // a knee-only pose is within range for the one DoF observed, and says it is partial (issue 13 item 6)
  EXPECT_EQ(z.overall, Verdict::within_range_partial);
  EXPECT_TRUE(is_within(z.overall));
  EXPECT_FALSE(z.complete());
}

TEST(Check, ToleranceOverrideAndRestriction) {
  Pose p;
  p.set(DofId::right_hip_flexion_extension, 100_deg).set(DofId::left_hip_internal_external_rotation, 44_deg);
  auto L = Limits::defaults();
  EXPECT_EQ(check(p, L)[DofId::left_hip_internal_external_rotation].status, Status::above);  // 44 > 40
  L.with_tolerance(5_deg);
  EXPECT_EQ(check(p, L)[DofId::left_hip_internal_external_rotation].status, Status::within);  // 44 <= 45
  L.override_dof(DofId::right_hip_flexion_extension, -10_deg, 90_deg, "after hip arthroplasty");
  const auto r = check(p, L);
  EXPECT_EQ(r[DofId::right_hip_flexion_extension].status, Status::above);
  EXPECT_NEAR(to_degrees(r[DofId::right_hip_flexion_extension].excess_angle()), 10.0, 1e-9);
  EXPECT_EQ(describe(r, DofId::right_hip_flexion_extension),
            "right hip flexion 100\u00b0 is 10\u00b0 beyond the normal 90\u00b0 (override: after hip arthroplasty)");
  L.restrict_to({Joint::knee});
  const auto k = check(p, L);
  EXPECT_EQ(k[DofId::right_hip_flexion_extension].status, Status::not_checked);
  EXPECT_EQ(k.overall, Verdict::unknown);
}

// Seed claim A: thoracic and lumbar each within their own limits, their sum beyond 45 (AAOS 1965).
TEST(Check, ThoracolumbarCompositeAloneFlagsTheSum) {
  const auto L = Limits::from_source("AAOS65");
  Pose p;
  p.set(DofId::thoracic_axial_rotation, 40_deg).set(DofId::lumbar_axial_rotation, 7_deg);  // 40 <= 45, 7 <= 7
  const auto r = check(p, L);
  EXPECT_EQ(r[DofId::thoracic_axial_rotation].status, Status::within);
  EXPECT_EQ(r[DofId::lumbar_axial_rotation].status, Status::within);
  EXPECT_EQ(r.overall, Verdict::out_of_range);
  EXPECT_EQ(r.out_of_range_count, 1u);
  bool flagged = false;
  for (std::size_t k = 0; k < r.composite_count; ++k) {
    const auto& c = r.composites[k];
    if (L.composite(c.index).name != "thoracolumbar_rotation") continue;
    flagged = c.status == Status::above;
    EXPECT_NEAR(rad_to_deg(c.excess), 2.0, 1e-9);
    EXPECT_EQ(describe(r, c),
              "thoracolumbar rotation to the right 47\u00b0 is 2\u00b0 beyond the normal 45\u00b0 (AAOS 1965) "
              "[secondary source]");
  }
  EXPECT_TRUE(flagged);
  // The same pose to the left, and with AMA or VA (30 per side).
  EXPECT_EQ(check(p.mirrored(), L).overall, Verdict::out_of_range);
  Pose q;
  q.set(DofId::thoracic_axial_rotation, 28_deg).set(DofId::lumbar_axial_rotation, 5_deg);  // 33: within 45, beyond 30
  EXPECT_EQ(check(q, L).overall, Verdict::within_range_partial);                           // two DoFs observed of 39
  const auto ama = Limits::from_source("AMA"), va = Limits::from_source("VA");
  EXPECT_EQ(check(q, ama).overall, Verdict::out_of_range);
  EXPECT_EQ(check(q, va).overall, Verdict::out_of_range);
}

TEST(Check, ThoracolumbarTotalFromKeypointsIsCheckedWithoutASplit) {
  Pose p;
  p.set_thoracolumbar(Axis::axial_rotation, -50_deg);
  const auto L = Limits::from_source("AAOS65");
  const auto r = check(p, L);
  EXPECT_EQ(r[DofId::thoracic_axial_rotation].status, Status::unknown);
  EXPECT_EQ(r.overall, Verdict::out_of_range);
}

TEST(Check, SeedHipBandAsACompositeLimit) {
  auto L = Limits::defaults();
  L.add(composite_limit("hip_adduction_plus_internal_rotation", "Seed", Side::left));
  Pose p;
  p.set(DofId::left_hip_abduction_adduction, 10_deg).set(DofId::left_hip_internal_external_rotation, 5_deg);
  const auto r = check(p, L);
  const auto& c = r.composites[r.composite_count - 1];
  EXPECT_EQ(c.status, Status::below);  // 15 < 20
  EXPECT_EQ(describe(r, c),
            "left hip adduction + internal rotation 15\u00b0 is 5\u00b0 short of the target 20\u00b0 (the "
            "exercise's claim)");
  p.set(DofId::left_hip_internal_external_rotation, 20_deg);  // 30: inside the band
  EXPECT_EQ(check(p, L).composites[r.composite_count - 1].status, Status::within);
  // The right hip has no band: it is unknown to this composite, not within.
  Pose right;
  right.set(DofId::right_hip_abduction_adduction, 10_deg).set(DofId::right_hip_internal_external_rotation, 20_deg);
  EXPECT_EQ(check(right, L).composites[r.composite_count - 1].status, Status::unknown);
}

TEST(Check, LeftRightSymmetryOnRandomPoses) {
  const auto L = Limits::defaults();
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(-3.0, 3.0);
  for (int trial = 0; trial < 2000; ++trial) {
    Pose p;
    for (DofId d : all_dofs)
      if (rng() % 3) p.set(d, radians(u(rng)));
    const auto a = check(p, L), b = check(p.mirrored(), L);
    for (DofId d : all_dofs) {
      const auto sa = a[d].status, sb = b[mirror(d)].status;
      const bool spinal_sideways = side_of(d) == Side::none && axis_of(d) != Axis::flexion_extension;
      if (spinal_sideways && sa == Status::above)
        EXPECT_EQ(sb, Status::below);
      else if (spinal_sideways && sa == Status::below)
        EXPECT_EQ(sb, Status::above);
      else
        EXPECT_EQ(sa, sb) << to_string(d);
      EXPECT_DOUBLE_EQ(a[d].excess, b[mirror(d)].excess);
    }
    EXPECT_EQ(a.overall, b.overall);
  }
}

TEST(Check, CheckAllocatesNothingIntoAnExistingReport) {
  // Functional part here; the allocation count is asserted in alloc_test.cpp.
  const auto L = Limits::defaults();
  Report r;
  Pose p;
  p.set(DofId::left_wrist_flexion_extension, 85_deg);
  check(p, L, r);
  EXPECT_EQ(r[DofId::left_wrist_flexion_extension].status, Status::above);  // AAOS94 flexion 80 (V)
}

TEST(Check, ExactDegreeBoundaryWithToleranceIsWithin) {
  // 52° against AAOS 45° (rom_norms.csv, hip internal rotation, S) with a 7° tolerance: exactly on the edge.
  auto L = Limits::from_source("AAOS");
  L.with_tolerance(7_deg);
  Pose p;
  p.set(DofId::left_hip_internal_external_rotation, 52_deg);
  EXPECT_EQ(check(p, L)[DofId::left_hip_internal_external_rotation].status, Status::within);
  p.set(DofId::left_hip_internal_external_rotation, 52.001_deg);
  EXPECT_EQ(check(p, L)[DofId::left_hip_internal_external_rotation].status, Status::above);
}

TEST(Check, WithinSentenceCitesEachEndWhereSourcesDiffer) {
  // Default hip flexion/extension: extension 30 (VASummary, V), flexion 125 (VA, V).
  const auto L = Limits::defaults();
  Pose p;
  p.set(DofId::left_hip_flexion_extension, 110_deg);
  EXPECT_EQ(describe(check(p, L), DofId::left_hip_flexion_extension),
            "left hip flexion/extension 110\u00b0 is within the normal range 30\u00b0 extension (VA summary of 38 CFR "
            "4.71) to 125\u00b0 flexion (38 CFR 4.71a)");
}

TEST(Check, HugeAnglesGiveCompactSentencesWithoutNan) {
  // 1e300° converts to a finite radian value (about 1.7e298 rad): the sentence prints it in a compact
  // scientific form, not as 301 digits.
  const auto L = Limits::defaults();
  Pose p;
  p.set(DofId::left_hip_flexion_extension, degrees(1e300));
  auto r = check(p, L);
  EXPECT_EQ(describe(r, DofId::left_hip_flexion_extension),
            "left hip flexion 1e300\u00b0 is 1e300\u00b0 beyond the normal 125\u00b0 (38 CFR 4.71a)");
  // 1e307 rad is a valid (finite) Pose value whose degree value overflows a double: the sentence says it
  // in radians rather than printing nan or inf degrees.
  p.set(DofId::left_hip_flexion_extension, radians(1e307));
  r = check(p, L);
  EXPECT_EQ(describe(r, DofId::left_hip_flexion_extension),
            "left hip flexion 1e307 rad is 1e307 rad beyond the normal 125\u00b0 (38 CFR 4.71a)");
  p.set(DofId::left_hip_flexion_extension, radians(-1e307));
  r = check(p, L);
  EXPECT_EQ(describe(r, DofId::left_hip_flexion_extension),
            "left hip extension 1e307 rad is 1e307 rad beyond the normal 30\u00b0 (VA summary of 38 CFR 4.71)");
  // Ordinary values keep their usual form.
  EXPECT_EQ(format_degrees(52.0), "52\u00b0");
  EXPECT_EQ(format_degrees(-7.25), "-7.3\u00b0");
  EXPECT_EQ(format_degrees(-1.25e20), "-1.25e20\u00b0");
  EXPECT_EQ(format_degrees(std::numeric_limits<double>::max()), "1.798e308\u00b0");
  for (const double bad : {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                           std::numeric_limits<double>::quiet_NaN()}) {
    const auto s = format_degrees(bad);
    EXPECT_EQ(s.find("nan"), std::string::npos) << s;
    EXPECT_EQ(s.find("inf"), std::string::npos) << s;
  }
}

TEST(Check, SentencesOfRandomFinitePosesOverTheWholeDoubleRangeAreSane) {
  // Every finite radian value, any magnitude: no "nan" or "inf", valid UTF-8, bounded length.
  std::mt19937_64 rng(31);
  auto L = Limits::defaults();
  for (int n = 0; n < 300; ++n) {
    Pose p;
    for (DofId d : all_dofs) {
      if (rng() % 4 == 0) continue;  // some unknown
      const double m = 1.0 + std::uniform_real_distribution<double>(0.0, 1.0)(rng);
      const double v = (rng() & 1 ? -1.0 : 1.0) * std::ldexp(m, std::uniform_int_distribution<int>(-1074, 1023)(rng));
      p.set(d, radians(v));
    }
    const auto r = check(p, L);
    const std::string all = describe(r);
    EXPECT_EQ(all.find("nan"), std::string::npos) << all;
    EXPECT_EQ(all.find("inf"), std::string::npos) << all;
    EXPECT_TRUE(detail::valid_utf8(all));
    // 300: a shoulder region sentence cites the two end points it interpolates between (region.hpp)
    for (DofId d : all_dofs) EXPECT_LT(describe(r, d).size(), 300u) << describe(r, d);
  }
}

namespace {
// A random well-formed UTF-8 string of `n` code points (1- to 4-byte, no surrogates), encoded here.
std::string random_utf8(std::mt19937_64& rng, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t cp = 0;
    switch (rng() % 4) {
      case 0:
        cp = 0x20 + static_cast<std::uint32_t>(rng() % 0x5F);
        break;
      case 1:
        cp = 0x80 + static_cast<std::uint32_t>(rng() % (0x800 - 0x80));
        break;
      case 2:
        do cp = 0x800 + static_cast<std::uint32_t>(rng() % (0x10000 - 0x800));
        while (cp >= 0xD800 && cp <= 0xDFFF);
        break;
      default:
        cp = 0x10000 + static_cast<std::uint32_t>(rng() % (0x110000 - 0x10000));
    }
    const auto b = [](std::uint32_t v) { return static_cast<char>(v); };
    if (cp < 0x80) {
      s += b(cp);
    } else if (cp < 0x800) {
      s += b(0xC0 | (cp >> 6)), s += b(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      s += b(0xE0 | (cp >> 12)), s += b(0x80 | ((cp >> 6) & 0x3F)), s += b(0x80 | (cp & 0x3F));
    } else {
      s += b(0xF0 | (cp >> 18)), s += b(0x80 | ((cp >> 12) & 0x3F)), s += b(0x80 | ((cp >> 6) & 0x3F));
      s += b(0x80 | (cp & 0x3F));
    }
  }
  return s;
}
}  // namespace

TEST(Check, EverySentenceIsValidUtf8ForRandomOverrideReasons) {
  std::mt19937_64 rng(47);
  for (int n = 0; n < 500; ++n) {
    const std::string reason = random_utf8(rng, rng() % 70);
    ASSERT_TRUE(detail::valid_utf8(reason));
    auto L = Limits::defaults();
    L.override_dof(DofId::left_hip_flexion_extension, -10_deg, 90_deg, reason);
    L.override_dof(DofId::right_elbow_flexion_extension, 0_deg, 100_deg, reason);
    Pose p;
    p.set(DofId::left_hip_flexion_extension, degrees(static_cast<double>(rng() % 200) - 50.0));
    p.set(DofId::right_elbow_flexion_extension, degrees(static_cast<double>(rng() % 150)));
    const auto r = check(p, L);
    const std::string all = describe(r);
    ASSERT_TRUE(detail::valid_utf8(all)) << "reason of " << reason.size() << " bytes";
    ASSERT_TRUE(detail::valid_utf8(describe(r, DofId::left_hip_flexion_extension)));
    ASSERT_TRUE(detail::valid_utf8(describe(r, DofId::right_elbow_flexion_extension)));
    // The label is the longest whole-character prefix of the reason that fits in 63 bytes.
    const auto label = L[DofId::left_hip_flexion_extension].upper.user_label();
    EXPECT_TRUE(reason.starts_with(label));
    EXPECT_LE(label.size(), 63u);
    if (reason.size() > 63) {
      EXPECT_GT(label.size(), 59u);  // at most 3 bytes of a 4-byte character are left out
    }
  }
}

// ---- lifetime (issue 11.1): a Report points to its Limits, so temporaries are refused at compile time ----
namespace {
template <class L>
concept checkable = requires(const Pose& p, L&& l) {
  check(p, std::forward<L>(l));
};
template <class L>
concept checkable_into = requires(const Pose& p, L&& l, Report& out) {
  check(p, std::forward<L>(l), out);
};
}  // namespace
static_assert(checkable<const Limits&> && checkable<Limits&>);
static_assert(!checkable<Limits> && !checkable<const Limits>, "a temporary Limits would leave Report::limits dangling");
static_assert(checkable_into<const Limits&> && !checkable_into<Limits>);
// A modifier called on a temporary returns a temporary (by value), not a Limits& to the dying object.
static_assert(!std::is_reference_v<decltype(Limits::defaults().with_tolerance(radians(0.0)))>);
static_assert(std::is_same_v<decltype(std::declval<Limits&>().with_tolerance(radians(0.0))), Limits&>);
// Accessors of temporaries return copies; of named objects, references.
static_assert(!std::is_reference_v<decltype(std::declval<Report>()[DofId{}])>);
static_assert(std::is_same_v<decltype(std::declval<const Report&>()[DofId{}]), const DofCheck&>);
static_assert(!std::is_reference_v<decltype(std::declval<Limits>()[DofId{}])>);
static_assert(!std::is_reference_v<decltype(std::declval<Limits>().composite(0))>);
static_assert(!std::is_reference_v<decltype(std::declval<Pose>().as_radians())>);

TEST(Check, ModifiersOnATemporaryLimitsGiveTheModifiedLimits) {
  // The chained form stores a modified copy that outlives the statement; the report refers to it.
  const Limits L = Limits::defaults()
                       .with_tolerance(2_deg)
                       .override_dof(DofId::left_knee_flexion_extension, 0_deg, 100_deg, "brace")
                       .restrict_to({Joint::knee});
  Pose p;
  p.set(DofId::left_knee_flexion_extension, 101_deg).set(DofId::left_hip_flexion_extension, 200_deg);
  const Report r = check(p, L);
  EXPECT_EQ(r.limits, &L);
  EXPECT_EQ(r[DofId::left_knee_flexion_extension].status, Status::within);  // 101 ≤ 100 + 2
  EXPECT_EQ(r[DofId::left_hip_flexion_extension].status, Status::not_checked);
  EXPECT_EQ(to_radians(L.tolerance()), to_radians(2_deg));
  EXPECT_EQ(L[DofId::left_knee_flexion_extension].upper.user_label(), "brace");
  // A copy of a temporary's entry, safe to keep by reference.
  const DofLimit& knee = Limits::defaults()[DofId::left_knee_flexion_extension];
  EXPECT_NEAR(rad_to_deg(knee.upper.radians), 140.0, 1e-9);  // VA 0..140 (rom_norms.csv, knee flexion)
  const DofCheck& c = check(p, L)[DofId::left_knee_flexion_extension];
  EXPECT_EQ(c.status, Status::within);
}
