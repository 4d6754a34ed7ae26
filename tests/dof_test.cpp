// Vocabulary: DoF table shape, names, parsing, mirror.
#include <arthrokin/dof.hpp>

#include <gtest/gtest.h>

#include <set>

using namespace arthrokin;

TEST(Dof, EveryJointOfTheIssueHasItsAxes) {
  // Spine: flexion/extension, lateral flexion, axial rotation for each region.
  for (Joint j : {Joint::cervical, Joint::thoracic, Joint::lumbar})
    for (Axis a : {Axis::flexion_extension, Axis::lateral_flexion, Axis::axial_rotation})
      EXPECT_TRUE(find_dof(j, a, Side::none)) << to_string(j) << " " << to_string(a);
  struct JA {
    Joint j;
    Axis a;
  };
  const JA limb[] = {{Joint::shoulder, Axis::flexion_extension},
                     {Joint::shoulder, Axis::abduction_adduction},
                     {Joint::shoulder, Axis::internal_external_rotation},
                     {Joint::shoulder, Axis::horizontal_abduction_adduction},
                     {Joint::elbow, Axis::flexion_extension},
                     {Joint::forearm, Axis::pronation_supination},
                     {Joint::wrist, Axis::flexion_extension},
                     {Joint::wrist, Axis::radial_ulnar_deviation},
                     {Joint::hip, Axis::flexion_extension},
                     {Joint::hip, Axis::abduction_adduction},
                     {Joint::hip, Axis::internal_external_rotation},
                     {Joint::knee, Axis::flexion_extension},
                     {Joint::ankle, Axis::dorsiflexion_plantarflexion},
                     {Joint::subtalar, Axis::inversion_eversion}};
  for (auto [j, a] : limb)
    for (Side s : {Side::left, Side::right}) {
      EXPECT_TRUE(find_dof(j, a, s)) << to_string(j) << " " << to_string(a);
      EXPECT_FALSE(find_dof(j, a, Side::none));
    }
}

TEST(Dof, IdentifiersAreUniqueAndSpellJointSideAxis) {
  std::set<std::string_view> ids;
  for (DofId d : all_dofs) {
    EXPECT_TRUE(ids.insert(to_string(d)).second);
    std::string expect;
    if (side_of(d) != Side::none) expect += std::string(to_string(side_of(d))) + "_";
    expect += std::string(to_string(joint_of(d))) + "_" + std::string(to_string(axis_of(d)));
    EXPECT_EQ(to_string(d), expect);
  }
  EXPECT_EQ(ids.size(), dof_count);
}

TEST(Dof, MirrorIsAnInvolutionThatSwapsSidesOnly) {
  for (DofId d : all_dofs) {
    const DofId m = mirror(d);
    EXPECT_EQ(mirror(m), d);
    EXPECT_EQ(joint_of(m), joint_of(d));
    EXPECT_EQ(axis_of(m), axis_of(d));
    EXPECT_EQ(side_of(m), opposite(side_of(d)));
  }
}

TEST(Dof, DirectionNamesParseBackToTheSameMotion) {
  for (DofId d : all_dofs)
    for (Sense s : {Sense::positive, Sense::negative}) {
      const DofMotion m{d, s};
      const auto parsed = parse_dof(display_name(m));
      ASSERT_TRUE(parsed) << display_name(m);
      EXPECT_EQ(*parsed, m) << display_name(m);
    }
  for (DofId d : all_dofs) {
    EXPECT_EQ(parse_dof(to_string(d))->dof, d);
    EXPECT_EQ(parse_dof(display_name(d))->dof, d);
  }
}

TEST(Dof, HandWrittenNames) {
  EXPECT_EQ(display_name(DofMotion{DofId::left_hip_internal_external_rotation, Sense::positive}),
            "left hip internal rotation");
  EXPECT_EQ(display_name(DofMotion{DofId::right_hip_internal_external_rotation, Sense::negative}),
            "right hip external rotation");
  EXPECT_EQ(display_name(DofMotion{DofId::lumbar_axial_rotation, Sense::positive}), "lumbar rotation to the right");
  EXPECT_EQ(display_name(DofMotion{DofId::left_knee_flexion_extension, Sense::negative}), "left knee extension");
  EXPECT_EQ(display_name(DofMotion{DofId::right_ankle_dorsiflexion_plantarflexion, Sense::negative}),
            "right ankle plantarflexion");
  const auto m = parse_dof("  Left_Hip  INTERNAL rotation ");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->dof, DofId::left_hip_internal_external_rotation);
  EXPECT_EQ(m->sense, Sense::positive);
  EXPECT_EQ(parse_dof("right hip abduction")->sense, Sense::negative);
}

TEST(Dof, SameAnatomicalMotionHasTheSameSignOnBothSides) {
  for (DofId d : all_dofs) {
    if (side_of(d) == Side::none) continue;
    for (Sense s : {Sense::positive, Sense::negative}) {
      std::string left = display_name(DofMotion{d, s}), right = display_name(DofMotion{mirror(d), s});
      // Same words after the side.
      EXPECT_EQ(left.substr(left.find(' ')), right.substr(right.find(' ')));
    }
  }
}

TEST(Dof, UnknownNamesAreRejected) {
  for (const char* bad : {"", "left", "hip", "left hip", "left hip pronation", "middle hip flexion",
                          "thoracolumbar rotation", "left hip internal rotation extra", "dof7"})
    EXPECT_FALSE(parse_dof(bad)) << bad;
}

TEST(Dof, FigurePointsOfTheBodyFigure) {
  // The front-view figure of io/visual_report.cpp (360 × 560): distance of each joint from
  // the midline and height, the subject's left on the viewer's right.
  struct Spot {
    Joint j;
    double dx, y;
  };
  const Spot spots[] = {{Joint::cervical, 0, 112},  {Joint::thoracic, 0, 170}, {Joint::lumbar, 0, 232},
                        {Joint::shoulder, 52, 128}, {Joint::elbow, 70, 205},   {Joint::forearm, 76, 242},
                        {Joint::wrist, 82, 280},    {Joint::hip, 26, 282},     {Joint::knee, 30, 390},
                        {Joint::ankle, 32, 492},    {Joint::subtalar, 40, 520}};
  for (DofId d : all_dofs) {
    const Spot* s = nullptr;
    for (const auto& x : spots)
      if (x.j == joint_of(d)) s = &x;
    ASSERT_NE(s, nullptr) << to_string(d);
    const double sign = side_of(d) == Side::left ? 1.0 : side_of(d) == Side::right ? -1.0 : 0.0;
    EXPECT_EQ(info(d).figure.x, sign * s->dx) << to_string(d);
    EXPECT_EQ(info(d).figure.y, s->y) << to_string(d);
  }
}
