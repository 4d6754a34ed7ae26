// Knee limitation-of-motion grades (grades.hpp): each row of 38 CFR 4.71a DC 5260 and DC 5261 as quoted
// in VAOPGCPREC 9-2004 (data/reference/SOURCES.md `VAGC04`), typed here from that quotation, against
// knees that reach exactly the row's angle and a degree to either side.
#include <arthrokin/grades.hpp>

#include <gtest/gtest.h>

using namespace arthrokin;

namespace {

RangeAccumulator knee(double min_deg, double max_deg, Side side = Side::right) {
  RangeAccumulator acc;
  const DofId d = side == Side::right ? DofId::right_knee_flexion_extension : DofId::left_knee_flexion_extension;
  Pose a, b;
  a.set(d, degrees(min_deg));
  b.set(d, degrees(max_deg));
  acc.add(a, 0);
  acc.add(b, 1);
  return acc;
}

struct Row {
  double limited_to;
  int percent;
};
// "Flexion limited to 15º ... 30; to 30º ... 20; to 45º ... 10; to 60º ... 0"
constexpr Row kFlexion[] = {{15, 30}, {30, 20}, {45, 10}, {60, 0}};
// "Extension limited to 45º ... 50; 30º ... 40; 20º ... 30; 15º ... 20; 10º ... 10; 5º ... 0"
constexpr Row kExtension[] = {{45, 50}, {30, 40}, {20, 30}, {15, 20}, {10, 10}, {5, 0}};

class Dc5260 : public ::testing::TestWithParam<int> {};
TEST_P(Dc5260, RowMatchesTheSchedule) {
  const Row row = kFlexion[GetParam()];
  const auto at = knee_motion_ratings(knee(0, row.limited_to), Side::right).flexion;
  EXPECT_EQ(at.diagnostic_code, 5260);
  EXPECT_EQ(at.percent, row.percent) << "flexion " << row.limited_to;
  EXPECT_EQ(at.row_limit_deg, row.limited_to);
  // a degree less still meets this row (or a more limited one); a degree more meets the next row
  const auto less = knee_motion_ratings(knee(0, row.limited_to - 1), Side::right).flexion;
  EXPECT_GE(less.percent, row.percent);
  const auto more = knee_motion_ratings(knee(0, row.limited_to + 1), Side::right).flexion;
  if (GetParam() + 1 < static_cast<int>(std::size(kFlexion)))
    EXPECT_EQ(more.percent, kFlexion[GetParam() + 1].percent);
  else
    EXPECT_EQ(more.percent, -1);  // above 60°: no row of DC 5260
}
INSTANTIATE_TEST_SUITE_P(Rows, Dc5260, ::testing::Range(0, 4));

class Dc5261 : public ::testing::TestWithParam<int> {};
TEST_P(Dc5261, RowMatchesTheSchedule) {
  const Row row = kExtension[GetParam()];
  const auto at = knee_motion_ratings(knee(row.limited_to, 130, Side::left), Side::left).extension;
  EXPECT_EQ(at.diagnostic_code, 5261);
  EXPECT_EQ(at.percent, row.percent) << "extension " << row.limited_to;
  EXPECT_EQ(at.row_limit_deg, row.limited_to);
  const auto less = knee_motion_ratings(knee(row.limited_to - 1, 130, Side::left), Side::left).extension;
  if (GetParam() + 1 < static_cast<int>(std::size(kExtension)))
    EXPECT_EQ(less.percent, kExtension[GetParam() + 1].percent);
  else
    EXPECT_EQ(less.percent, -1);  // below 5°: no row of DC 5261
}
INSTANTIATE_TEST_SUITE_P(Rows, Dc5261, ::testing::Range(0, 6));

TEST(KneeGrades, HandComputedKnee) {
  // a knee moving from 12° to 40° of flexion: DC 5260 flexion limited to 45° → 10 %; DC 5261 extension
  // limited to 10° (12 ≥ 10, < 15) → 10 %
  const auto g = knee_motion_ratings(knee(12, 40), Side::right);
  EXPECT_EQ(g.flexion.percent, 10);
  EXPECT_EQ(g.extension.percent, 10);
  EXPECT_EQ(describe(g.flexion),
            "right knee: flexion reached 40\u00b0, DC 5260 (flexion limited to 45\u00b0) 10 % of "
            "the range-of-motion rows of 38 CFR 4.71a");
  EXPECT_EQ(describe(g.extension).rfind("right knee: extension stopped at 12\u00b0 of flexion, DC 5261", 0), 0u);
  // full range: no row applies to either
  const auto full = knee_motion_ratings(knee(-3, 140), Side::right);  // hyperextension counts as full
  EXPECT_EQ(full.flexion.percent, -1);
  EXPECT_EQ(full.extension.percent, -1);
  EXPECT_NE(describe(full.flexion).find("no row of DC 5260"), std::string::npos);
}

TEST(KneeGrades, UnobservedIsUnknown) {
  const auto g = knee_motion_ratings(knee(12, 40, Side::right), Side::left);
  EXPECT_FALSE(g.flexion.known());
  EXPECT_FALSE(g.extension.known());
  EXPECT_EQ(g.flexion.percent, -1);
  EXPECT_NE(describe(g.flexion).find("not observed"), std::string::npos);
  EXPECT_THROW((void)knee_motion_ratings(RangeAccumulator{}, Side::none), invalid_argument);
}

}  // namespace
