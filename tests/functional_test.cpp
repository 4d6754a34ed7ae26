// Functional range (functional.hpp): each activity of the built-in table against reached ranges
// computed by hand, the figures checked against the sources' abstracts (data/reference/SOURCES.md).
#include <arthrokin/functional.hpp>

#include <gtest/gtest.h>

#include <string>

using namespace arthrokin;
using namespace arthrokin::literals;

namespace {

const ActivitySupport& find(const std::vector<ActivitySupport>& v, std::string_view activity) {
  for (const auto& a : v)
    if (a.activity == activity) return a;
  throw std::runtime_error("no activity " + std::string(activity));
}

/// Two frames spanning the given right-side extremes (degrees); DoFs not given stay unobserved.
RangeAccumulator right_side(double knee, double hip, double elbow, double sh_flex, double sh_ext, double sh_abd) {
  RangeAccumulator acc;
  Pose a, b;
  a.set(DofId::right_knee_flexion_extension, degrees(knee)).set(DofId::right_hip_flexion_extension, degrees(hip));
  a.set(DofId::right_elbow_flexion_extension, degrees(elbow));
  a.set(DofId::right_shoulder_flexion_extension, degrees(sh_flex));
  a.set(DofId::right_shoulder_abduction_adduction, degrees(-sh_abd));  // abduction is negative
  b.set(DofId::right_knee_flexion_extension, 0_deg).set(DofId::right_hip_flexion_extension, 0_deg);
  b.set(DofId::right_elbow_flexion_extension, 0_deg);
  b.set(DofId::right_shoulder_flexion_extension, degrees(-sh_ext));
  b.set(DofId::right_shoulder_abduction_adduction, 0_deg);
  acc.add(a, 0);
  acc.add(b, 1);
  return acc;
}

TEST(FunctionalTable, FiguresAreThoseOfTheAbstracts) {
  // Typed from the abstracts (SOURCES.md), not from the table.
  struct Want {
    std::string_view source;
    Joint joint;
    Sense sense;
    double low, high;
  };
  const Want want[] = {
      {"Rowe00", Joint::knee, Sense::positive, 90, 120},
      {"Rowe00", Joint::knee, Sense::positive, 135, 135},
      {"Hemmerich06", Joint::knee, Sense::positive, 157, 157},
      {"Hemmerich06", Joint::hip, Sense::positive, 95, 95},
      {"Oosterwijk18", Joint::elbow, Sense::positive, 150, 150},
      {"Oosterwijk18", Joint::shoulder, Sense::positive, 130, 130},
      {"Oosterwijk18", Joint::shoulder, Sense::negative, 130, 130},
      {"Namdari12", Joint::shoulder, Sense::positive, 121, 121},
      {"Namdari12", Joint::shoulder, Sense::negative, 46, 46},
      {"Namdari12", Joint::shoulder, Sense::negative, 128, 128},
  };
  const auto table = functional_requirements();
  ASSERT_EQ(table.size(), std::size(want));
  for (std::size_t i = 0; i < table.size(); ++i) {
    EXPECT_EQ(table[i].source, want[i].source) << i;
    EXPECT_EQ(table[i].joint, want[i].joint) << i;
    EXPECT_EQ(table[i].sense, want[i].sense) << i;
    EXPECT_EQ(table[i].low_deg, want[i].low) << i;
    EXPECT_EQ(table[i].high_deg, want[i].high) << i;
    EXPECT_TRUE(find_source(table[i].source)) << table[i].source;
  }
}

// Right knee 120°, hip 100°, elbow 145°, shoulder flexion 125° / extension 50°, abduction 129°.
class Functional : public ::testing::Test {
 protected:
  RangeAccumulator acc = right_side(120, 100, 145, 125, 50, 129);
  std::vector<ActivitySupport> v = functional_support(acc, Side::right);
};

TEST_F(Functional, StairsAndChairs) {  // 120 ≥ 120 (top of the 90-120° span)
  const auto& a = find(v, "stair negotiation and standard or low chairs");
  EXPECT_EQ(a.support, Support::supported);
  EXPECT_NEAR(a.requirements[0].reached_deg, 120, 1e-9);
}
TEST_F(Functional, Bath) {  // 120 < 135: 15° short
  const auto& a = find(v, "getting into and out of a bath");
  EXPECT_EQ(a.support, Support::not_supported);
  EXPECT_NEAR(a.requirements[0].short_by_deg, 15, 1e-9);
  EXPECT_NE(describe(a).find("15\u00b0 short of the 135\u00b0"), std::string::npos) << describe(a);
  EXPECT_NE(describe(a).find("Rowe et al. 2000"), std::string::npos);
}
TEST_F(Functional, SquattingHeelsUp) {  // 120 < 157: 37° short
  const auto& a = find(v, "squatting with heels up");
  EXPECT_EQ(a.support, Support::not_supported);
  EXPECT_NEAR(a.requirements[0].short_by_deg, 37, 1e-9);
}
TEST_F(Functional, SquattingHeelsFlat) {  // hip 100 ≥ 95
  EXPECT_EQ(find(v, "squatting with heels flat").support, Support::supported);
}
TEST_F(Functional, PersonalCare) {  // elbow 145 < 150: 5° short
  const auto& a = find(v, "personal care, eating and drinking");
  EXPECT_EQ(a.support, Support::not_supported);
  EXPECT_NEAR(a.requirements[0].short_by_deg, 5, 1e-9);
}
TEST_F(Functional, ArmRaised) {  // flexion 125 < 130 (5 short), abduction 129 < 130 (1 short)
  const auto& a = find(v, "daily activities needing the arm raised");
  EXPECT_EQ(a.support, Support::not_supported);
  ASSERT_EQ(a.requirements.size(), 2u);
  EXPECT_NEAR(a.requirements[0].short_by_deg, 5, 1e-9);
  EXPECT_NEAR(a.requirements[1].short_by_deg, 1, 1e-9);
}
TEST_F(Functional, ShoulderScoreTasks) {  // 125 ≥ 121, 50 ≥ 46, 129 ≥ 128
  const auto& a = find(v, "the functional tasks of the ASES, SST and Penn shoulder scores");
  EXPECT_EQ(a.support, Support::supported);
  ASSERT_EQ(a.requirements.size(), 3u);
  EXPECT_NEAR(a.requirements[1].reached_deg, 50, 1e-9);
  EXPECT_NEAR(a.requirements[2].reached_deg, 129, 1e-9);
}
TEST(FunctionalSpan, WithinTheSpanAndJustShort) {
  const auto v = functional_support(right_side(100, 0, 0, 0, 0, 0), Side::right);
  EXPECT_EQ(find(v, "stair negotiation and standard or low chairs").support, Support::within_span);
  const auto w = functional_support(right_side(89.5, 0, 0, 0, 0, 0), Side::right);
  const auto& a = find(w, "stair negotiation and standard or low chairs");
  EXPECT_EQ(a.support, Support::not_supported);
  EXPECT_NEAR(a.requirements[0].short_by_deg, 30.5, 1e-9);
}
TEST(FunctionalUnknown, UnobservedIsUnknownNeverNotSupported) {
  const RangeAccumulator acc = right_side(120, 100, 145, 125, 50, 129);
  const auto v = functional_support(acc, Side::left);  // nothing observed on the left
  for (const auto& a : v) EXPECT_EQ(a.support, Support::unknown) << a.activity;
  EXPECT_NE(describe(v[0]).find("not observed"), std::string::npos);
  // one requirement unknown and one supported: unknown; one not supported wins over unknown
  RangeAccumulator part;
  Pose p;
  p.set(DofId::right_shoulder_flexion_extension, 140_deg);
  part.add(p, 0);
  const auto w = functional_support(part, Side::right);
  EXPECT_EQ(find(w, "daily activities needing the arm raised").support, Support::unknown);
  Pose q;
  q.set(DofId::right_shoulder_flexion_extension, 100_deg);
  RangeAccumulator low;
  low.add(q, 0);
  EXPECT_EQ(find(functional_support(low, Side::right), "daily activities needing the arm raised").support,
            Support::not_supported);
}
TEST(FunctionalErrors, BadSideOrTable) {
  const RangeAccumulator acc;
  EXPECT_THROW((void)functional_support(acc, Side::none), invalid_argument);
  const FunctionalRequirement bad[] = {{"x", Joint::knee, Axis::flexion_extension, Sense::positive, 120, 90,
                                        FunctionalFigure::peak_span, "Rowe00", Tag::verified, ""}};
  EXPECT_THROW((void)functional_support(acc, Side::right, bad), invalid_argument);
  const FunctionalRequirement spine[] = {{"x", Joint::lumbar, Axis::flexion_extension, Sense::positive, 1, 1,
                                          FunctionalFigure::mean_peak, "Rowe00", Tag::verified, ""}};
  EXPECT_THROW((void)functional_support(acc, Side::right, spine), invalid_argument);
}

}  // namespace
