// Limits: the default set follows its stated rule; hand-checked values read in the CSV.
#include <arthrokin/check.hpp>
#include <arthrokin/detail/text.hpp>
#include <arthrokin/limits.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/csv.hpp"

using namespace arthrokin;
using namespace arthrokin::literals;
namespace ts = test_support;

namespace {
double deg(const Bound& b) { return rad_to_deg(b.radians); }
}  // namespace

// Expected values read by hand in data/reference/rom_norms.csv (source, tag in the comment).
TEST(Limits, DefaultsAreTheValuesReadInTheChosenSources) {
  const auto L = Limits::defaults();
  struct Expect {
    DofId d;
    double lower, upper;
    std::string_view lower_src, upper_src;
  };
  const Expect rows[] = {
      {DofId::left_hip_internal_external_rotation, -60, 40, "VASummary", "VASummary"},  // V, V
      {DofId::right_hip_flexion_extension, -30, 125, "VASummary", "VA"},                // V, V
      {DofId::left_hip_abduction_adduction, -45, 25, "VA", "VASummary"},                // V, V
      {DofId::right_knee_flexion_extension, -5, 140, "KneeGuru", "VA"},                 // V (hyperextension), V
      {DofId::left_ankle_dorsiflexion_plantarflexion, -45, 20, "VA", "VA"},             // V, V
      {DofId::right_subtalar_inversion_eversion, -25, 35, "Merck", "Merck"},            // V, V
      {DofId::left_shoulder_flexion_extension, -60, 180, "AAOS94", "AAOS94"},           // V, V
      {DofId::right_shoulder_internal_external_rotation, -90, 70, "AAOS94", "AAOS94"},  // V, V
      {DofId::left_shoulder_horizontal_abduction_adduction, -45, 135, "ACSM", "ACSM"},  // V range high, V range high
      {DofId::left_elbow_flexion_extension, 0, 150, "AAOS94", "AAOS94"},                // V, V
      {DofId::right_forearm_pronation_supination, -80, 80, "AAOS94", "AAOS94"},         // V, V
      {DofId::left_wrist_radial_ulnar_deviation, -20, 30, "AAOS94", "AAOS94"},          // V, V
      {DofId::cervical_axial_rotation, -80, 80, "VA", "VA"},                            // V per side
      {DofId::cervical_flexion_extension, -45, 45, "VA", "VA"},                         // V, V
      {DofId::lumbar_flexion_extension, -29, 73, "Troke", "Troke"},                     // V youngest band
  };
  for (const auto& e : rows) {
    SCOPED_TRACE(std::string(to_string(e.d)));
    EXPECT_DOUBLE_EQ(deg(L[e.d].lower), e.lower);
    EXPECT_DOUBLE_EQ(deg(L[e.d].upper), e.upper);
    EXPECT_EQ(L[e.d].lower.source, e.lower_src);
    EXPECT_EQ(L[e.d].upper.source, e.upper_src);
    EXPECT_EQ(L[e.d].lower.tag, Tag::verified);
    EXPECT_EQ(L[e.d].upper.tag, Tag::verified);
  }
  // Shoulder adduction: only AAOS94 (R, recalled) is a limit; Merck's 0 is a return-arc end point.
  EXPECT_EQ(L[DofId::left_shoulder_abduction_adduction].upper.source, "AAOS94");
  EXPECT_EQ(L[DofId::left_shoulder_abduction_adduction].upper.tag, Tag::recalled);
  // No source gives a knee rotation norm.
  EXPECT_FALSE(L[DofId::left_knee_internal_external_rotation].upper.has_value());
}

TEST(Limits, DefaultIsVerifiedWhereverAnEligibleVerifiedRowExists) {
  const auto L = Limits::defaults();
  for (DofId d : all_dofs)
    for (Sense s : {Sense::negative, Sense::positive}) {
      bool verified_exists = false;
      for (const auto& n : rom_norms)
        verified_exists =
            verified_exists || (n.joint == joint_of(d) && n.axis == axis_of(d) && (n.both_senses || n.sense == s) &&
                                n.tag == Tag::verified && !detail::is_not_a_limit(n) && !detail::is_study_specific(n));
      const Bound& b = s == Sense::positive ? L[d].upper : L[d].lower;
      if (joint_of(d) == Joint::thoracic) {
        EXPECT_EQ(b.tag, Tag::derived);
        continue;
      }
      if (verified_exists) {
        EXPECT_EQ(b.tag, Tag::verified) << to_string(d) << (s == Sense::positive ? " +" : " -");
      }
    }
}

// The typed columns pick out exactly the rows that the code used to find by prose and by a list of
// source keys: return arcs by the note "end point of that arc", study-specific rows by the sources
// BA, GW, Walker, MM, Watanabe, Kouy, Hyodo and Zwerus (data/reference/COLUMNS.md), plus the
// project's weight-bearing rows of Calatayud (26 healthy men). Means and medians are never limits.
TEST(Limits, TypedColumnsSelectTheRowsFormerlyFoundByNotesAndSourceKeys) {
  const std::set<std::string_view> former_special{"BA",   "GW",    "Walker", "MM",       "Watanabe",
                                                  "Kouy", "Hyodo", "Zwerus", "Calatayud"};
  std::size_t arcs = 0, averages = 0, special = 0;
  for (const auto& n : rom_norms) {
    SCOPED_TRACE(std::string(n.source) + " " + std::string(n.notes));
    const bool arc = n.notes.find("end point of that arc") != std::string_view::npos;
    EXPECT_EQ(n.value_kind == ValueKind::return_arc_end, arc);
    const bool average = n.value_kind == ValueKind::mean || n.value_kind == ValueKind::median;
    EXPECT_EQ(detail::is_not_a_limit(n), arc || average);
    EXPECT_EQ(detail::is_study_specific(n), former_special.count(n.source) == 1);
    arcs += arc;
    averages += average;
    special += detail::is_study_specific(n);
  }
  EXPECT_EQ(arcs, 3u);       // Merck shoulder adduction, elbow extension, hip adduction
  EXPECT_EQ(averages, 62u);  // 13 BA, 12 GW, 13 Walker, 13 MM, 5 Kouy, 4 Zwerus, 1 Calatayud means; Troke's median
  EXPECT_EQ(special, 83u);   // 13 BA, 12 GW, 13 Walker, 13 MM, 20 Watanabe, 5 Kouy, 1 Hyodo, 4 Zwerus, 2 Calatayud
  // No source of the default priority has a study-specific row: the default set is what the rule says.
  for (const auto& n : rom_norms)
    for (std::string_view key : default_source_priority)
      if (n.source == key) {
        EXPECT_FALSE(detail::is_study_specific(n)) << key;
      }
}

TEST(Limits, EveryBoundResolvesToItsCsvRow) {
  const auto csv = ts::read_csv(ts::reference("rom_norms.csv"));
  const auto L = Limits::defaults();
  for (DofId d : all_dofs)
    for (const Bound* b : {&L[d].lower, &L[d].upper}) {
      if (!b->has_value() || b->origin != Origin::table) continue;
      ASSERT_GE(b->row, 0);
      const auto& row = csv.at(static_cast<std::size_t>(b->row));
      EXPECT_EQ(row.at("source"), b->source);
      EXPECT_DOUBLE_EQ(std::abs(deg(*b)), std::stod(row.at("value_deg")));
      EXPECT_TRUE(find_source(b->source));
    }
}

TEST(Limits, ThoracicAloneIsDerivedFromTheThoracolumbarFigureAndSaysSo) {
  const auto L = Limits::defaults();
  const auto& th = L[DofId::thoracic_axial_rotation];
  EXPECT_EQ(th.upper.tag, Tag::derived);
  EXPECT_EQ(th.upper.origin, Origin::derived);
  EXPECT_DOUBLE_EQ(deg(th.upper), 30);  // VA thoracolumbar rotation 30 per side (V)
  EXPECT_NE(th.upper.note.find("no thoracic-only norm"), std::string_view::npos);
}

TEST(Limits, ChoosingASourceChangesTheThoracolumbarComposite) {
  // composite_limits.csv: AAOS65 45 (S), AMA 30 (S), VA 30 (V).
  auto rotation = [](const Limits& l) {
    for (std::size_t k = 0; k < l.composite_count(); ++k)
      if (l.composite(k).name == "thoracolumbar_rotation") return l.composite(k);
    ADD_FAILURE();
    return CompositeLimit{};
  };
  EXPECT_DOUBLE_EQ(deg(rotation(Limits::from_source("AAOS65")).upper), 45);
  EXPECT_DOUBLE_EQ(deg(rotation(Limits::from_source("AAOS65")).lower), -45);
  EXPECT_DOUBLE_EQ(deg(rotation(Limits::from_source("AMA")).upper), 30);
  EXPECT_DOUBLE_EQ(deg(rotation(Limits::from_source("VA")).upper), 30);
  EXPECT_EQ(rotation(Limits::from_source("AAOS65")).upper.tag, Tag::secondary);
}

TEST(Limits, FromSourceFallsBackOpenly) {
  const auto L = Limits::from_source("Merck");
  EXPECT_DOUBLE_EQ(deg(L[DofId::left_hip_internal_external_rotation].upper), 45);  // Merck 45 (V)
  EXPECT_EQ(L[DofId::left_hip_internal_external_rotation].upper.origin, Origin::table);
  // Merck has no cervical value: the default (VA) is used and marked as fallback.
  EXPECT_EQ(L[DofId::cervical_axial_rotation].upper.origin, Origin::fallback);
  EXPECT_EQ(L[DofId::cervical_axial_rotation].upper.source, "VA");
  EXPECT_THROW((void)Limits::from_source("Nobody"), arthrokin::invalid_argument);
}

TEST(Limits, OverrideToleranceAndValidation) {
  auto L = Limits::defaults();
  L.override_dof(DofId::right_hip_flexion_extension, -10_deg, 90_deg, "after hip arthroplasty");
  EXPECT_DOUBLE_EQ(deg(L[DofId::right_hip_flexion_extension].upper), 90);
  EXPECT_EQ(L[DofId::right_hip_flexion_extension].upper.user_label(), "after hip arthroplasty");
  EXPECT_DOUBLE_EQ(deg(L[DofId::left_hip_flexion_extension].upper), 125) << "only one DoF changes";
  EXPECT_THROW(L.override_dof(DofId::right_hip_flexion_extension, 90_deg, 10_deg), arthrokin::invalid_argument);
  EXPECT_THROW(L.override_dof(DofId::right_hip_flexion_extension, radians(std::nan("")), 10_deg),
               arthrokin::invalid_argument);
  EXPECT_THROW(L.with_tolerance(-1_deg), arthrokin::invalid_argument);
  L.with_tolerance(5_deg);
  EXPECT_DOUBLE_EQ(to_radians(L.tolerance()), to_radians(5_deg));
}

TEST(Limits, AnAcceptedOverrideReadsBackFiniteAndOrderedInBothUnits) {
  // Near the top of the double range the degree value of a radian bound overflows (radians(1e307)
  // is about 5.7e308°), and a degree bound's round trip through radians can round past DBL_MAX.
  const double big = std::numeric_limits<double>::max();
  EXPECT_THROW((void)Limits::defaults().override_dof(DofId::left_knee_flexion_extension, 0_deg, radians(big / 4)),
               arthrokin::invalid_argument);
  double x = big;
  for (int i = 0; i < 2000; ++i, x = std::nextafter(x, 0.0)) {
    auto L = Limits::defaults();
    try {
      L.override_dof(DofId::left_knee_flexion_extension, degrees(-x), degrees(x));
    } catch (const arthrokin::invalid_argument&) {
      continue;
    }
    const auto& b = L[DofId::left_knee_flexion_extension];
    ASSERT_TRUE(std::isfinite(deg(b.lower)) && std::isfinite(deg(b.upper)) && deg(b.lower) < deg(b.upper)) << x;
  }
}

TEST(Limits, ModelBoundsAreKeptApartAndSignCorrected) {
  // model_bounds.csv: gait2392 knee_angle -120..10, positive = extension -> flexion -10..120.
  const auto G = Limits::from_model("gait2392");
  EXPECT_DOUBLE_EQ(deg(G[DofId::left_knee_flexion_extension].lower), -10);
  EXPECT_DOUBLE_EQ(deg(G[DofId::left_knee_flexion_extension].upper), 120);
  EXPECT_EQ(G[DofId::left_knee_flexion_extension].upper.tag, Tag::model);
  // Rajagopal2016 hip_rotation -40..40 internal positive.
  const auto R = Limits::from_model("Rajagopal2016");
  EXPECT_DOUBLE_EQ(deg(R[DofId::right_hip_internal_external_rotation].upper), 40);
  // Unverified sign meanings are not mapped.
  EXPECT_FALSE(R[DofId::right_wrist_radial_ulnar_deviation].upper.has_value());
  EXPECT_THROW((void)Limits::from_model("NoModel"), arthrokin::invalid_argument);
}

TEST(Limits, SeedHipBandIsTheExercisesClaim) {
  const auto c = composite_limit("hip_adduction_plus_internal_rotation", "Seed", Side::left);
  EXPECT_EQ(c.kind, CompositeKind::target_band);
  EXPECT_DOUBLE_EQ(deg(c.lower), 20);
  EXPECT_DOUBLE_EQ(deg(c.upper), 45);
  EXPECT_EQ(c.upper.tag, Tag::claim);
  EXPECT_THROW((void)composite_limit("hip_adduction_plus_internal_rotation", "Seed"), arthrokin::invalid_argument);
  EXPECT_THROW((void)composite_limit("no_such", "Seed"), arthrokin::invalid_argument);
}

TEST(Limits, AgeSexNormsAreFoundByAgeAndSex) {
  // rom_norms_by_age_sex.csv: knee flexion 20-44 F 141.9 and M 137.7 (Soucie, S); shoulder abduction
  // over 74 (no upper age) F 114 (Bassey).
  double female_knee = 0, male_knee = 0;
  for (const auto* n : find_age_sex_norms(30, Sex::female, Joint::knee))
    if (n->axis == Axis::flexion_extension && n->sense == Sense::positive) female_knee = n->mean_deg;
  for (const auto* n : find_age_sex_norms(30, Sex::male, Joint::knee))
    if (n->axis == Axis::flexion_extension && n->sense == Sense::positive) male_knee = n->mean_deg;
  EXPECT_EQ(female_knee, 141.9);
  EXPECT_EQ(male_knee, 137.7);
  bool old = false;
  for (const auto* n : find_age_sex_norms(90, Sex::female, Joint::shoulder)) old = old || n->mean_deg == 114;
  EXPECT_TRUE(old);
  EXPECT_EQ(find_age_sex_norms(12, Sex::female).count, 0u) << "no 9-19 y group was available";
}

TEST(Limits, OverrideReasonIsCutAtACodePointBoundary) {
  // 35 × 'é' (U+00E9, two bytes each) = 70 bytes; the label keeps at most 63 bytes, i.e. 31 whole
  // characters (62 bytes), never the first byte of the 32nd.
  std::string reason;
  for (int i = 0; i < 35; ++i) reason += "\xC3\xA9";
  auto L = Limits::defaults();
  L.override_dof(DofId::left_knee_flexion_extension, 0_deg, 120_deg, reason);
  const auto label = L[DofId::left_knee_flexion_extension].upper.user_label();
  EXPECT_EQ(label, reason.substr(0, 62));
  EXPECT_EQ(L[DofId::left_knee_flexion_extension].lower.user_label(), reason.substr(0, 62));
  // A 4-byte character straddling byte 63 is dropped whole: 60 ASCII bytes + U+1F600 → the 60 bytes.
  const std::string emoji = std::string(60, 'a') + "\xF0\x9F\x98\x80";
  L.override_dof(DofId::left_knee_flexion_extension, 0_deg, 120_deg, emoji);
  EXPECT_EQ(L[DofId::left_knee_flexion_extension].upper.user_label(), std::string(60, 'a'));
  // Exactly 63 bytes fit.
  const std::string fits = std::string(61, 'b') + "\xC3\xA9";
  L.override_dof(DofId::left_knee_flexion_extension, 0_deg, 120_deg, fits);
  EXPECT_EQ(L[DofId::left_knee_flexion_extension].upper.user_label(), fits);
}

TEST(Limits, OverrideReasonThatIsNotUtf8IsRejected) {
  auto L = Limits::defaults();
  const auto before = L[DofId::left_knee_flexion_extension].upper.radians;
  for (const std::string& bad : {std::string("after surgery \xFF"), std::string("\xC3"), std::string("\xC0\xAF"),
                                 std::string("\xED\xA0\x80"), std::string("ok\xF4\x90\x80\x80")}) {
    try {
      L.override_dof(DofId::left_knee_flexion_extension, 0_deg, 120_deg, bad);
      ADD_FAILURE() << "accepted invalid UTF-8";
    } catch (const arthrokin::invalid_argument& e) {
      const std::string msg = e.what();
      EXPECT_NE(msg.find("UTF-8"), std::string::npos) << msg;
      EXPECT_TRUE(detail::valid_utf8(msg)) << "the message shows the bytes printably";
    }
    // Nothing was changed.
    EXPECT_EQ(L[DofId::left_knee_flexion_extension].upper.radians, before);
    EXPECT_EQ(L[DofId::left_knee_flexion_extension].upper.origin, Origin::table);
  }
  Bound b;
  EXPECT_THROW(b.set_label("\x80"), arthrokin::invalid_argument);
  b.set_label("fine");
  EXPECT_EQ(b.user_label(), "fine");
}

// ---- Measurement context, and averages that are not limits (issue 13, items 3 and 5) ----

namespace {
Status status_of(const Limits& L, DofId d, Angle value) {
  Pose p;
  p.set(d, value);
  return check(p, L)[d].status;
}
}  // namespace

// Calatayud et al. 2015 (Int J Sports Phys Ther 10(2):197-202): weight-bearing lunge, goniometer,
// 40.6 deg +- 5.2 (mean +- SD, 26 healthy men). The weight-bearing end of range is mean + 2 SD;
// the passive/clinical norm is 20 deg (VA, Merck, AAOS). Dorsiflexion 25 deg: beyond in the
// passive context, within in the weight-bearing one.
TEST(LimitsContext, DorsiflexionOf25DegreesIsBeyondPassiveAndWithinWeightBearing) {
  const DofId ankle = DofId::left_ankle_dorsiflexion_plantarflexion;
  const auto passive = Limits::defaults(Context::passive);
  const auto loaded = Limits::defaults(Context::weight_bearing);
  EXPECT_EQ(status_of(passive, ankle, 25_deg), Status::above);
  EXPECT_EQ(status_of(Limits::defaults(), ankle, 25_deg), Status::above);
  EXPECT_EQ(status_of(loaded, ankle, 25_deg), Status::within);
  EXPECT_EQ(loaded.context(), Context::weight_bearing);

  const Bound& wb = loaded[ankle].upper;
  EXPECT_NEAR(deg(wb), 40.6 + 2 * 5.2, 1e-9);
  EXPECT_EQ(wb.source, "Calatayud");
  EXPECT_EQ(wb.origin, Origin::derived);
  EXPECT_EQ(wb.tag, Tag::derived);
  EXPECT_EQ(wb.context, Context::weight_bearing);
  EXPECT_NE(describe(wb).find("mean + 2 SD"), std::string::npos) << describe(wb);
  // 52 deg is beyond even the weight-bearing end.
  EXPECT_EQ(status_of(loaded, ankle, 52_deg), Status::above);

  // The passive context has no ankle norm of its own (the CDC passive means are means): the default
  // is used, and the bound says so.
  const Bound& pb = passive[ankle].upper;
  EXPECT_DOUBLE_EQ(deg(pb), 20);
  EXPECT_EQ(pb.origin, Origin::fallback);
  EXPECT_NE(describe(pb).find("no passive norm"), std::string::npos) << describe(pb);
}

TEST(LimitsContext, WithoutANormInTheContextTheDefaultIsUsedAndSaidToBe) {
  const auto loaded = Limits::defaults(Context::weight_bearing);
  const auto plain = Limits::defaults();
  for (DofId d : all_dofs)
    for (Sense s : {Sense::negative, Sense::positive}) {
      const Bound& b = s == Sense::positive ? loaded[d].upper : loaded[d].lower;
      const Bound& o = s == Sense::positive ? plain[d].upper : plain[d].lower;
      SCOPED_TRACE(std::string(to_string(d)) + (s == Sense::positive ? " +" : " -"));
      if (b.context == Context::weight_bearing) continue;  // a weight-bearing norm
      EXPECT_EQ(b.has_value(), o.has_value());
      if (!o.has_value()) continue;
      EXPECT_EQ(b.radians, o.radians);
      if (o.origin == Origin::table) {
        EXPECT_EQ(b.origin, Origin::fallback);
        EXPECT_NE(describe(b).find("no weight-bearing norm"), std::string::npos) << describe(b);
      } else {
        EXPECT_EQ(b.origin, o.origin);  // derived regions stay derived, with their own note
      }
    }
  EXPECT_EQ(Limits::defaults(Context::unspecified).context(), Context::unspecified);
  EXPECT_EQ(plain.context(), Context::unspecified);
}

// KneeGuru (SOURCES.md): "normal ROM in women is usually minus 5 to 143 degrees; normal ROM in men is
// usually minus 6 to 140 degrees". The VA's 0 says only "no hyperextension recorded"; the default
// allows the published 5 deg of hyperextension, so 1 deg of hyperextension in healthy walking is within.
TEST(Limits, KneeExtensionAllowsThePublishedNormalHyperextension) {
  const auto L = Limits::defaults();
  const DofId knee = DofId::right_knee_flexion_extension;
  EXPECT_EQ(status_of(L, knee, -1_deg), Status::within);
  EXPECT_EQ(status_of(L, knee, -5_deg), Status::within);
  EXPECT_EQ(status_of(L, knee, -6_deg), Status::below);
  EXPECT_DOUBLE_EQ(deg(L[knee].lower), -5);
  EXPECT_EQ(L[knee].lower.source, "KneeGuru");
  // The same in the default for motion data and in every context (no context has a knee norm).
  for (Context c : {Context::passive, Context::active, Context::weight_bearing})
    EXPECT_EQ(status_of(Limits::defaults(c), knee, -1_deg), Status::within) << to_string(c);
  // A source that states 0 alone keeps its 0.
  EXPECT_EQ(status_of(Limits::from_source("VA"), knee, -1_deg), Status::below);
  // The elbow's 0 stays: its past-neutral rows (BA, MM, Zwerus) are means of special groups.
  EXPECT_DOUBLE_EQ(deg(L[DofId::left_elbow_flexion_extension].lower), 0);
}

// Troke et al. 2005: lumbar axial rotation has a MEDIAN of 7 deg each way; no spread could be read.
// The median is not a bound: the lumbar region takes the thoracolumbar figure (VA 30 per side, V),
// derived and said so, and ordinary trunk rotation of 10 deg is within.
TEST(Limits, LumbarAxialRotationDefaultIsNotTrokesMedian) {
  const auto L = Limits::defaults();
  const auto& lr = L[DofId::lumbar_axial_rotation];
  EXPECT_NE(std::round(deg(lr.upper)), 7);
  EXPECT_NE(std::round(deg(lr.lower)), -7);
  EXPECT_NEAR(deg(lr.upper), 30, 1e-9);
  EXPECT_NEAR(deg(lr.lower), -30, 1e-9);
  EXPECT_EQ(lr.upper.origin, Origin::derived);
  EXPECT_EQ(lr.upper.tag, Tag::derived);
  EXPECT_NE(describe(lr.upper).find("median"), std::string::npos) << describe(lr.upper);
  EXPECT_EQ(status_of(L, DofId::lumbar_axial_rotation, 10_deg), Status::within);
  EXPECT_EQ(status_of(L, DofId::lumbar_axial_rotation, -10_deg), Status::within);
  // Troke's own limits, asked for: the median is not used either; the derived bound fills in.
  EXPECT_NEAR(deg(Limits::from_source("Troke")[DofId::lumbar_axial_rotation].upper), 30, 1e-9);
}

// No bound that comes from a table row is a mean or a median, in the default set, in any context, or
// for any source chosen; a derived bound that comes from a row is a derived_limit with its derivation.
TEST(Limits, NoBoundIsAMeanOrMedianUnlessDerived) {
  std::vector<std::pair<std::string, Limits>> sets;
  sets.emplace_back("defaults", Limits::defaults());
  for (Context c : {Context::passive, Context::active, Context::weight_bearing})
    sets.emplace_back(std::string(to_string(c)), Limits::defaults(c));
  std::set<std::string_view> keys;
  for (const auto& n : rom_norms) keys.insert(n.source);
  for (std::string_view k : keys) sets.emplace_back(std::string(k), Limits::from_source(k));
  std::size_t checked = 0;
  for (const auto& [name, L] : sets)
    for (DofId d : all_dofs)
      for (const Bound* b : {&L[d].lower, &L[d].upper}) {
        if (!b->has_value() || b->row < 0) continue;
        SCOPED_TRACE(name + " " + std::string(to_string(d)));
        const auto& row = detail::rom_norm_rows.at(static_cast<std::size_t>(b->row));
        EXPECT_NE(row.value_kind, ValueKind::mean);
        EXPECT_NE(row.value_kind, ValueKind::median);
        if (b->origin == Origin::derived) {
          EXPECT_EQ(row.value_kind, ValueKind::derived_limit);
          EXPECT_NE(row.derivation, Derivation::none);
        }
        ++checked;
      }
  EXPECT_GT(checked, 1000u);
}
