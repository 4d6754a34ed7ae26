// REBA (ergonomics.hpp): every row of Tables A, B and C and of the action levels against copies typed
// here from the worksheet text that reproduces Hignett & McAtamney 2000 (data/reference/SOURCES.md
// `Hignett00`) in the printed layouts — Table A as printed (trunk rows of neck 1-3 × legs 1-4), Table B
// transposed as in the second worksheet (rows lower arm × wrist, columns upper arm 1-6), Table C as
// printed — and whole poses scored by hand. The per-pose score allocates nothing.
#include <arthrokin/ergonomics.hpp>

#include <gtest/gtest.h>

#include <array>

#include "support/allocation_counter.hpp"

using namespace arthrokin;
using namespace arthrokin::literals;

namespace {

// ---- Table A, printed: trunk 1-5; per row neck 1 (legs 1 2 3 4), neck 2 (...), neck 3 (...) ----
constexpr int kTableA[5][12] = {
    {1, 2, 3, 4, 1, 2, 3, 4, 3, 3, 5, 6}, {2, 3, 4, 5, 3, 4, 5, 6, 4, 5, 6, 7}, {2, 4, 5, 6, 4, 5, 6, 7, 5, 6, 7, 8},
    {3, 5, 6, 7, 5, 6, 7, 8, 6, 7, 8, 9}, {4, 6, 7, 8, 6, 7, 8, 9, 7, 8, 9, 9},
};

// ---- Table B, transposed: rows (lower arm, wrist) = (1,1) (1,2) (1,3) (2,1) (2,2) (2,3); columns upper arm 1-6 ----
constexpr int kTableB[6][6] = {
    {1, 1, 3, 4, 6, 7}, {2, 2, 4, 5, 7, 8}, {2, 3, 5, 5, 8, 8},
    {1, 2, 4, 5, 7, 8}, {2, 3, 5, 6, 8, 9}, {3, 4, 5, 7, 8, 9},
};

// ---- Table C, printed: score A 1-11 × score B 1-12 (row 11 readable to column 7 only; 0 = not read) ----
constexpr int kTableC[11][12] = {
    {1, 1, 1, 2, 3, 3, 4, 5, 6, 7, 7, 7},          {1, 2, 2, 3, 4, 4, 5, 6, 6, 7, 7, 8},
    {2, 3, 3, 3, 4, 5, 6, 7, 7, 8, 8, 8},          {3, 4, 4, 4, 5, 6, 7, 8, 8, 9, 9, 9},
    {4, 4, 4, 5, 6, 7, 8, 8, 9, 9, 9, 9},          {6, 6, 6, 7, 8, 8, 9, 9, 10, 10, 10, 10},
    {7, 7, 7, 8, 9, 9, 9, 10, 10, 11, 11, 11},     {8, 8, 8, 9, 10, 10, 10, 10, 10, 11, 11, 11},
    {9, 9, 9, 10, 10, 10, 11, 11, 11, 12, 12, 12}, {10, 10, 10, 11, 11, 11, 11, 12, 12, 12, 12, 12},
    {11, 11, 11, 11, 12, 12, 12, 0, 0, 0, 0, 0},
};

class RebaTableA : public ::testing::TestWithParam<int> {};
TEST_P(RebaTableA, RowMatchesThePrintedTable) {
  const int trunk = GetParam();
  for (int neck = 1; neck <= 3; ++neck)
    for (int legs = 1; legs <= 4; ++legs)
      EXPECT_EQ(reba_table_a(trunk, neck, legs), kTableA[trunk - 1][(neck - 1) * 4 + legs - 1])
          << "trunk " << trunk << " neck " << neck << " legs " << legs;
}
INSTANTIATE_TEST_SUITE_P(Trunk, RebaTableA, ::testing::Range(1, 6));

class RebaTableB : public ::testing::TestWithParam<int> {};
TEST_P(RebaTableB, RowMatchesThePrintedTable) {
  const int row = GetParam();  // 0-5: (lower arm, wrist)
  const int lower = row / 3 + 1, wrist = row % 3 + 1;
  for (int upper = 1; upper <= 6; ++upper)
    EXPECT_EQ(reba_table_b(upper, lower, wrist), kTableB[row][upper - 1])
        << "upper arm " << upper << " lower arm " << lower << " wrist " << wrist;
}
INSTANTIATE_TEST_SUITE_P(LowerArmWrist, RebaTableB, ::testing::Range(0, 6));

class RebaTableC : public ::testing::TestWithParam<int> {};
TEST_P(RebaTableC, RowMatchesThePrintedTable) {
  const int a = GetParam();
  for (int b = 1; b <= 12; ++b)
    EXPECT_EQ(reba_table_c(a, b), a <= 11 ? kTableC[a - 1][b - 1] : 0) << "score A " << a << " score B " << b;
}
INSTANTIATE_TEST_SUITE_P(ScoreA, RebaTableC, ::testing::Range(1, 13));

TEST(RebaTables, OutOfRangeIsZero) {
  EXPECT_EQ(reba_table_a(0, 1, 1), 0);
  EXPECT_EQ(reba_table_a(6, 1, 1), 0);
  EXPECT_EQ(reba_table_a(1, 4, 1), 0);
  EXPECT_EQ(reba_table_a(1, 1, 5), 0);
  EXPECT_EQ(reba_table_b(7, 1, 1), 0);
  EXPECT_EQ(reba_table_b(1, 3, 1), 0);
  EXPECT_EQ(reba_table_b(1, 1, 4), 0);
  EXPECT_EQ(reba_table_c(13, 1), 0);
  EXPECT_EQ(reba_table_c(1, 0), 0);
}

// ---- action levels, one test per row of the published table ----
TEST(RebaAction, Score1IsNegligible) {
  const auto a = reba_action(1);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->level, 0);
  EXPECT_EQ(a->risk, "negligible");
  EXPECT_EQ(a->action, "none necessary");
}
TEST(RebaAction, Scores2To3AreLow) {
  for (int s : {2, 3}) EXPECT_EQ(reba_action(s)->level, 1) << s;
  EXPECT_EQ(reba_action(2)->action, "may be necessary");
}
TEST(RebaAction, Scores4To7AreMedium) {
  for (int s : {4, 5, 6, 7}) EXPECT_EQ(reba_action(s)->level, 2) << s;
  EXPECT_EQ(reba_action(7)->risk, "medium");
}
TEST(RebaAction, Scores8To10AreHigh) {
  for (int s : {8, 9, 10}) EXPECT_EQ(reba_action(s)->level, 3) << s;
  EXPECT_EQ(reba_action(8)->action, "necessary soon");
}
TEST(RebaAction, Scores11To15AreVeryHigh) {
  for (int s : {11, 12, 13, 14, 15}) EXPECT_EQ(reba_action(s)->level, 4) << s;
  EXPECT_EQ(reba_action(15)->action, "necessary now");
  EXPECT_FALSE(reba_action(0));
  EXPECT_FALSE(reba_action(16));
}

// ---- whole poses, scored by hand ----
Pose neutral() {
  Pose p;
  for (DofId d : {DofId::thoracic_flexion_extension, DofId::lumbar_flexion_extension, DofId::thoracic_lateral_flexion,
                  DofId::lumbar_lateral_flexion, DofId::thoracic_axial_rotation, DofId::lumbar_axial_rotation,
                  DofId::cervical_lateral_flexion, DofId::cervical_axial_rotation, DofId::left_knee_flexion_extension,
                  DofId::right_knee_flexion_extension, DofId::right_shoulder_abduction_adduction,
                  DofId::right_shoulder_internal_external_rotation, DofId::right_wrist_flexion_extension,
                  DofId::right_wrist_radial_ulnar_deviation})
    p.set(d, 0_deg);
  p.set(DofId::cervical_flexion_extension, 10_deg);
  p.set(DofId::right_shoulder_flexion_extension, 10_deg);
  p.set(DofId::right_elbow_flexion_extension, 80_deg);
  return p;
}

TEST(Reba, NeutralStandingIsOneNegligible) {
  const RebaScore s = reba(neutral());
  EXPECT_EQ(s.trunk, 1);
  EXPECT_EQ(s.neck, 1);
  EXPECT_EQ(s.legs, 1);
  EXPECT_EQ(s.upper_arm, 1);
  EXPECT_EQ(s.lower_arm, 1);
  EXPECT_EQ(s.wrist, 1);
  EXPECT_EQ(s.score_a, 1);
  EXPECT_EQ(s.score_b, 1);
  EXPECT_EQ(s.score, 1);
  EXPECT_EQ(reba_action(s.score)->risk, "negligible");
  EXPECT_EQ(describe(s).rfind("REBA 1 (right arm): negligible risk, action none necessary", 0), 0u) << describe(s);
}

// A lift: trunk 20 + 25 = 45° flexed (3) and twisted 10° (+1) = 4; neck 25° (2); standing on both legs
// with the more flexed knee at 40° (1 + 1 = 2): Table A (4, 2, 2) = 6, 8 kg (+1) → score A 7. Right
// arm flexed 60° (3) and abducted 30° (+1) = 4; elbow 110° (2); wrist flexed 20° (2): Table B (4, 2, 2)
// = 6, fair coupling (+1) → score B 7. Table C (7, 7) = 9, repeated (+1) → REBA 10: high, necessary soon.
TEST(Reba, HandScoredLift) {
  Pose p = neutral();
  p.set(DofId::thoracic_flexion_extension, 20_deg).set(DofId::lumbar_flexion_extension, 25_deg);
  p.set(DofId::lumbar_axial_rotation, 10_deg);
  p.set(DofId::cervical_flexion_extension, 25_deg);
  p.set(DofId::right_knee_flexion_extension, 40_deg).set(DofId::left_knee_flexion_extension, 35_deg);
  p.set(DofId::right_shoulder_flexion_extension, 60_deg).set(DofId::right_shoulder_abduction_adduction, -30_deg);
  p.set(DofId::right_elbow_flexion_extension, 110_deg);
  p.set(DofId::right_wrist_flexion_extension, 20_deg);
  RebaOptions o;
  o.load_kg = 8;
  o.coupling = RebaCoupling::fair;
  o.repeated = true;
  const RebaScore s = reba(p, o);
  EXPECT_EQ(s.trunk, 4);
  EXPECT_EQ(s.neck, 2);
  EXPECT_EQ(s.legs, 2);
  EXPECT_EQ(s.table_a, 6);
  EXPECT_EQ(s.load, 1);
  EXPECT_EQ(s.score_a, 7);
  EXPECT_EQ(s.upper_arm, 4);
  EXPECT_EQ(s.lower_arm, 2);
  EXPECT_EQ(s.wrist, 2);
  EXPECT_EQ(s.table_b, 6);
  EXPECT_EQ(s.score_b, 7);
  EXPECT_EQ(s.table_c, 9);
  EXPECT_EQ(s.activity, 1);
  EXPECT_EQ(s.score, 10);
  EXPECT_EQ(reba_action(s.score)->action, "necessary soon");
}

TEST(Reba, LeftArmReadsTheLeftSide) {
  Pose p = neutral();
  p.set(DofId::left_shoulder_flexion_extension, 100_deg).set(DofId::left_shoulder_abduction_adduction, 0_deg);
  p.set(DofId::left_elbow_flexion_extension, 80_deg);
  p.set(DofId::left_wrist_flexion_extension, 0_deg).set(DofId::left_wrist_radial_ulnar_deviation, 0_deg);
  RebaOptions o;
  o.side = Side::left;
  const RebaScore s = reba(p, o);
  EXPECT_EQ(s.upper_arm, 4);  // > 90°
  EXPECT_EQ(s.table_b, 4);    // Table B (4, 1, 1)
}

TEST(Reba, UnknownDofMakesTheScoreUnknown) {
  Pose p = neutral();
  p.clear(DofId::right_elbow_flexion_extension);
  const RebaScore s = reba(p);
  EXPECT_FALSE(s.known());
  EXPECT_EQ(s.score, 0);
  EXPECT_EQ(s.lower_arm, 0);
  EXPECT_EQ(s.trunk, 1);  // the rest is still scored
  ASSERT_TRUE(s.missing);
  EXPECT_EQ(*s.missing, DofId::right_elbow_flexion_extension);
  EXPECT_NE(describe(s).find("not observed"), std::string::npos);

  Pose q = neutral();
  q.clear(DofId::left_knee_flexion_extension);  // either knee may be the more flexed one
  EXPECT_FALSE(reba(q).known());
  RebaOptions sitting;
  sitting.legs = RebaLegs::sitting;  // no knee adjustment when sitting: the knees are not needed
  EXPECT_TRUE(reba(q, sitting).known());
}

TEST(Reba, UntranscribedTableCCellIsUnknown) {
  // trunk 60.5° flexed (4) + side flexed (+1) = 5; neck in extension (2) + twisted (+1) = 3; unilateral
  // (2) with a knee at 45° (+1) = 3: Table A (5, 3, 3) = 9; 12 kg (2) + shock (1) → score A 12.
  Pose p = neutral();
  p.set(DofId::thoracic_flexion_extension, 30_deg).set(DofId::lumbar_flexion_extension, 30.5_deg);
  p.set(DofId::thoracic_lateral_flexion, 5_deg);
  p.set(DofId::cervical_flexion_extension, -5_deg).set(DofId::cervical_axial_rotation, 20_deg);
  p.set(DofId::right_knee_flexion_extension, 45_deg);
  RebaOptions o;
  o.legs = RebaLegs::unilateral;
  o.load_kg = 12;
  o.shock = true;
  const RebaScore s = reba(p, o);
  EXPECT_EQ(s.trunk, 5);
  EXPECT_EQ(s.neck, 3);
  EXPECT_EQ(s.legs, 3);
  EXPECT_EQ(s.table_a, 9);
  EXPECT_EQ(s.score_a, 12);
  EXPECT_EQ(s.score_b, 1);
  EXPECT_TRUE(s.untranscribed);
  EXPECT_FALSE(s.known());
  EXPECT_NE(describe(s).find("not transcribed"), std::string::npos);
}

TEST(Reba, TrunkFromTheThoracolumbarTotal) {
  // a pose from keypoints holds the trunk's total without its thoracic/lumbar split
  Pose p = neutral();
  for (DofId d : {DofId::thoracic_flexion_extension, DofId::lumbar_flexion_extension, DofId::thoracic_lateral_flexion,
                  DofId::lumbar_lateral_flexion, DofId::thoracic_axial_rotation, DofId::lumbar_axial_rotation})
    p.clear(d);
  EXPECT_FALSE(reba(p).known());
  EXPECT_EQ(*reba(p).missing, DofId::thoracic_flexion_extension);
  p.set_thoracolumbar(Axis::flexion_extension, 45_deg);
  p.set_thoracolumbar(Axis::lateral_flexion, 0_deg);
  p.set_thoracolumbar(Axis::axial_rotation, 10_deg);
  EXPECT_EQ(reba(p).trunk, 4);  // 20-60° (3) + twisted (1)
}

TEST(Reba, BandEndsBelongToTheLowerBand) {
  const auto trunk = [](double t) {
    Pose p = neutral();
    p.set(DofId::thoracic_flexion_extension, degrees(t));
    return reba(p).trunk;
  };
  EXPECT_EQ(trunk(0), 1);
  EXPECT_EQ(trunk(20), 2);
  EXPECT_EQ(trunk(-20), 2);
  EXPECT_EQ(trunk(20.001), 3);
  EXPECT_EQ(trunk(-20.001), 3);
  EXPECT_EQ(trunk(60), 3);
  EXPECT_EQ(trunk(60.001), 4);
  const auto arm = [](double f) {
    Pose p = neutral();
    p.set(DofId::right_shoulder_flexion_extension, degrees(f));
    return reba(p).upper_arm;
  };
  EXPECT_EQ(arm(-20), 1);
  EXPECT_EQ(arm(-20.5), 2);
  EXPECT_EQ(arm(45), 2);
  EXPECT_EQ(arm(45.5), 3);
  EXPECT_EQ(arm(90), 3);
  EXPECT_EQ(arm(90.5), 4);
  const auto elbow = [](double e) {
    Pose p = neutral();
    p.set(DofId::right_elbow_flexion_extension, degrees(e));
    return reba(p).lower_arm;
  };
  EXPECT_EQ(elbow(59.5), 2);
  EXPECT_EQ(elbow(60), 1);
  EXPECT_EQ(elbow(100), 1);
  EXPECT_EQ(elbow(100.5), 2);
  const auto knee = [](double k) {
    Pose p = neutral();
    p.set(DofId::left_knee_flexion_extension, degrees(k));
    return reba(p).legs;
  };
  EXPECT_EQ(knee(29.5), 1);
  EXPECT_EQ(knee(30), 2);
  EXPECT_EQ(knee(60), 2);
  EXPECT_EQ(knee(60.5), 3);
  const auto wrist = [](double w) {
    Pose p = neutral();
    p.set(DofId::right_wrist_flexion_extension, degrees(w));
    return reba(p).wrist;
  };
  EXPECT_EQ(wrist(-15), 1);
  EXPECT_EQ(wrist(15.5), 2);
  const auto load = [](double kg) {
    RebaOptions o;
    o.load_kg = kg;
    return reba(neutral(), o).load;
  };
  EXPECT_EQ(load(4.9), 0);
  EXPECT_EQ(load(5), 1);
  EXPECT_EQ(load(10), 1);
  EXPECT_EQ(load(10.1), 2);
}

TEST(Reba, ThresholdsAndParameters) {
  Pose p = neutral();
  p.set(DofId::thoracic_flexion_extension, 3_deg).set(DofId::cervical_axial_rotation, 4_deg);
  p.set(DofId::right_shoulder_abduction_adduction, -8_deg);
  EXPECT_EQ(reba(p).trunk, 2);  // any flexion is out of "upright" by default
  EXPECT_EQ(reba(p).neck, 2);   // any twist counts by default
  EXPECT_EQ(reba(p).upper_arm, 2);
  RebaOptions o;
  o.trunk_upright_tolerance = 5_deg;
  o.twist_threshold = 5_deg;
  o.arm_abduction_threshold = 10_deg;
  const RebaScore s = reba(p, o);
  EXPECT_EQ(s.trunk, 1);
  EXPECT_EQ(s.neck, 1);
  EXPECT_EQ(s.upper_arm, 1);
  o.arm_supported = true;  // never below 1
  EXPECT_EQ(reba(p, o).upper_arm, 1);
  o.shoulder_raised = true;
  o.arm_supported = false;
  EXPECT_EQ(reba(p, o).upper_arm, 2);
  o.shoulder_raised = false;
  o.arm_rotation_threshold = 10_deg;
  p.set(DofId::right_shoulder_internal_external_rotation, 30_deg);
  EXPECT_EQ(reba(p, o).upper_arm, 2);  // rotated
  p.clear(DofId::right_shoulder_internal_external_rotation);
  EXPECT_FALSE(reba(p, o).known());  // judged from the pose, so needed
  o.arm_rotation_threshold.reset();
  EXPECT_TRUE(reba(p, o).known());  // not judged: not needed
  o.wrist_twisted = true;
  EXPECT_EQ(reba(p, o).wrist, 2);
  o.static_posture = o.repeated = o.rapid_changes = true;
  EXPECT_EQ(reba(p, o).activity, 3);
}

TEST(Reba, BadParametersThrow) {
  RebaOptions o;
  o.load_kg = -1;
  EXPECT_THROW((void)reba(neutral(), o), invalid_argument);
  o.load_kg = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW((void)reba(neutral(), o), invalid_argument);
  o = {};
  o.side = Side::none;
  EXPECT_THROW((void)reba(neutral(), o), invalid_argument);
  o = {};
  o.twist_threshold = -1_deg;
  EXPECT_THROW((void)reba(neutral(), o), invalid_argument);
}

TEST(Reba, ScoringAllocatesNothing) {
  const Pose p = neutral();
  RebaOptions o;
  o.load_kg = 3;
  const long before = test_support::allocation_count.load();
  const RebaScore s = reba(p, o);
  EXPECT_EQ(test_support::allocation_count.load(), before);
  EXPECT_TRUE(s.known());
}

}  // namespace
