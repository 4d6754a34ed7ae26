// The muscle catalogue against data/reference/muscles.csv, the movers query,
// and the lengthened/shortened muscles of the lumbar spine rocking stretch.
#include <arthrokin/anatomy/muscle_length.hpp>
#include <arthrokin/anatomy/muscles.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <new>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "support/allocation_counter.hpp"
#include "support/csv.hpp"

using namespace arthrokin;
using namespace arthrokin::literals;

// movers() is constexpr: 7 literature rows of 6 muscles rotate the left hip internally
// (gluteus medius has a fibre-based DocCheck row and a hip-flexed Wikipedia row).
static_assert(movers(DofMotion{DofId::left_hip_internal_external_rotation, Sense::positive}).size() == 7);

namespace {

std::vector<std::vector<std::string>> read_csv(const std::string& path) {
  return test_support::parse_csv(test_support::read_file(path));
}

std::string csv_path() { return std::string(ARTHROKIN_DATA_DIR) + "/reference/muscles.csv"; }

// Signs written out by hand from dof.hpp's sign table.
int expected_sign(const std::string& action) {
  static const std::set<std::string> pos{"flexion",   "adduction",    "internal_rotation", "horizontal_adduction",
                                         "pronation", "dorsiflexion", "inversion",         "ulnar_deviation"};
  static const std::set<std::string> neg{"extension",  "abduction",      "external_rotation", "horizontal_abduction",
                                         "supination", "plantarflexion", "eversion",          "radial_deviation"};
  if (pos.count(action)) return 1;
  if (neg.count(action)) return -1;
  if (action == "rotation_contralateral") return -1;  // for a RIGHT muscle: turns to the left
  if (action == "rotation_ipsilateral" || action == "lateral_flexion_ipsilateral" ||
      action == "pelvic_elevation_ipsilateral")
    return 1;
  return 0;  // non-motion
}

std::set<std::string> names(const MuscleLoadList& l) {
  std::set<std::string> s;
  for (const auto& x : l) s.insert(std::string(to_string(x.muscle.side)) + " " + std::string(to_string(x.muscle.id)));
  return s;
}

}  // namespace

TEST(MuscleCatalogue, TypedTableEqualsCsv) {
  const auto rows = read_csv(csv_path());
  ASSERT_GE(rows.size(), 2u);
  const std::vector<std::string> header{"muscle",     "region", "joint", "dof",   "action",   "role",
                                        "laterality", "source", "tag",   "notes", "condition"};
  EXPECT_EQ(rows[0], header);
  ASSERT_EQ(rows.size() - 1, muscle_actions.size());
  std::set<std::string> muscles;
  for (std::size_t i = 0; i + 1 < rows.size(); ++i) {
    const auto& r = rows[i + 1];
    const auto& a = muscle_actions[i];
    SCOPED_TRACE("row " + std::to_string(i + 2) + ": " + r[0] + " " + r[4]);
    ASSERT_EQ(r.size(), 11u);
    muscles.insert(r[0]);
    EXPECT_EQ(to_string(a.muscle), r[0]);
    EXPECT_EQ(a.row, i);
    if (r[2] == "thoracolumbar")
      EXPECT_EQ(a.site, ActionSite::thoracolumbar);
    else if (r[2] == "ribs")
      EXPECT_EQ(a.site, ActionSite::ribs);
    else if (r[2] == "abdomen")
      EXPECT_EQ(a.site, ActionSite::abdomen);
    else {
      EXPECT_EQ(a.site, ActionSite::joint);
      ASSERT_TRUE(a.joint.has_value());
      EXPECT_EQ(to_string(*a.joint), r[2]);
    }
    const int sign = expected_sign(r[4]);
    if (sign == 0) {
      EXPECT_FALSE(a.is_motion());
    } else {
      ASSERT_TRUE(a.axis.has_value());
      EXPECT_EQ(to_string(*a.axis), r[3]);
      EXPECT_EQ(static_cast<int>(a.sense), sign);
    }
    EXPECT_EQ(a.action_name, r[4]);
    EXPECT_EQ(to_string(a.role), r[5]);
    EXPECT_EQ(to_string(a.laterality), r[6]);
    EXPECT_EQ(a.source, r[7]);
    EXPECT_EQ(to_string(a.provenance), r[8]);
    EXPECT_EQ(a.is_claim(), r[7] == "Seed");
    EXPECT_EQ(a.unverified(), r[8] == "R");
    EXPECT_EQ(a.notes, r[9]);
    EXPECT_EQ(to_string(a.condition), r[10]);
    EXPECT_EQ(to_string(a.region), r[1]);
  }
  EXPECT_EQ(muscles.size(), 41u);
  EXPECT_EQ(muscle_count, 41u);
  for (const auto& m : muscles) EXPECT_TRUE(parse_muscle(m).has_value()) << m;
}

TEST(MuscleCatalogue, ConditionsFromTheConditionColumn) {
  const auto piri = actions_of(MuscleId::piriformis);
  ASSERT_EQ(piri.size(), 3u);
  EXPECT_EQ(piri[0]->condition, Condition::hip_extended);  // OpenStax external rotation; Wikipedia adds "hip extended"
  EXPECT_EQ(piri[1]->condition, Condition::hip_flexed);
  EXPECT_EQ(piri[2]->condition, Condition::hip_flexed);
  EXPECT_EQ(piri[2]->source, "Delp99");
  // Sartorius's "knee flexed" comes only from the Seed rows.
  for (const auto* a : actions_of(MuscleId::sartorius, {.include_claims = true}))
    EXPECT_EQ(a->condition == Condition::knee_flexed, a->is_claim());
}

TEST(MuscleCatalogue, SeedRowsExcludedByDefault) {
  for (const auto* a : actions_of(MuscleId::serratus_posterior)) ADD_FAILURE() << a->action_name;
  EXPECT_EQ(actions_of(MuscleId::serratus_posterior, {.include_claims = true}).size(), 2u);
  EXPECT_EQ(actions_of(MuscleId::sartorius).size(), 5u);
  EXPECT_EQ(actions_of(MuscleId::sartorius, {.include_claims = true}).size(), 8u);
}

TEST(Movers, LeftHipInternalRotation) {
  const auto m = movers(DofMotion{DofId::left_hip_internal_external_rotation, Sense::positive});
  std::set<std::string> got;
  for (const auto& x : m) {
    EXPECT_EQ(x.muscle.side, Side::left);
    got.insert(std::string(to_string(x.muscle.id)));
  }
  // Literature rows with hip internal rotation (by hand from muscles.csv).
  const std::set<std::string> want{"tensor_fasciae_latae", "gluteus_medius", "gluteus_minimus",
                                   "piriformis",           "semitendinosus", "semimembranosus"};
  EXPECT_EQ(got, want);
  for (const auto& x : m) {
    if (x.muscle.id == MuscleId::tensor_fasciae_latae) {
      EXPECT_EQ(x.unverified(), x.action->provenance == Tag::recalled);
    }
  }
}

TEST(Movers, TrunkRotationToTheRight) {
  const auto m = movers(Motion::thoracolumbar(Axis::axial_rotation, Sense::positive));
  std::set<std::string> got;
  for (const auto& x : m) got.insert(std::string(to_string(x.muscle.side)) + " " + std::string(to_string(x.muscle.id)));
  // A right turn of the trunk: contralateral rotators of the LEFT, ipsilateral of the RIGHT.
  const std::set<std::string> want{"left external_oblique", "right internal_oblique", "left multifidus",
                                   "left rotatores"};
  EXPECT_EQ(got, want);
  const auto l = movers(Motion::thoracolumbar(Axis::axial_rotation, Sense::negative), Side::left);
  std::set<std::string> got_l;
  for (const auto& x : l) got_l.insert(std::string(to_string(x.muscle.id)));
  EXPECT_EQ(got_l, (std::set<std::string>{"internal_oblique"}));
}

namespace {
// Supine, hips 90 and knees 90 flexed: the start position.
Pose start_pose() {
  Pose p;
  for (DofId d : {DofId::thoracic_flexion_extension, DofId::thoracic_lateral_flexion, DofId::thoracic_axial_rotation,
                  DofId::lumbar_flexion_extension, DofId::lumbar_lateral_flexion, DofId::lumbar_axial_rotation})
    p.set(d, 0_deg);
  for (Side s : {Side::left, Side::right}) {
    p.set(*find_dof(Joint::hip, Axis::flexion_extension, s), 90_deg);
    p.set(*find_dof(Joint::hip, Axis::abduction_adduction, s), 0_deg);
    p.set(*find_dof(Joint::hip, Axis::internal_external_rotation, s), 0_deg);
    p.set(*find_dof(Joint::knee, Axis::flexion_extension, s), 90_deg);
  }
  return p;
}
// Knees fallen to the RIGHT: the left leg is on top. The pelvis turns right
// under the fixed thorax, so the thorax is rotated LEFT relative to the pelvis
// (negative). Upper (left) hip adducted and internally rotated; lower (right)
// hip abducted and externally rotated.
Pose knees_right_pose() {
  Pose p = start_pose();
  p.set(DofId::thoracic_axial_rotation, -30_deg).set(DofId::lumbar_axial_rotation, -7_deg);
  p.set(DofId::left_hip_abduction_adduction, 25_deg).set(DofId::left_hip_internal_external_rotation, 15_deg);
  p.set(DofId::right_hip_abduction_adduction, -10_deg).set(DofId::right_hip_internal_external_rotation, -20_deg);
  return p;
}
}  // namespace

TEST(MuscleLengths, RockingStretchKneesRight) {
  const auto r = muscle_lengths(knees_right_pose(), start_pose());
  const auto len = names(r.lengthened);
  const auto sh = names(r.shortened);
  // Written from anatomy: the thorax turned LEFT relative to the pelvis
  // lengthens the right-turning rotators; the upper (left) hip in adduction and
  // internal rotation lengthens its abductors and external rotators.
  for (const char* m : {"left external_oblique", "right internal_oblique", "left multifidus", "left rotatores",
                        "left gluteus_medius", "left gluteus_minimus", "left tensor_fasciae_latae", "left sartorius",
                        "left piriformis", "left gluteus_maximus"})
    EXPECT_TRUE(len.count(m)) << m;
  // ...and shortens the left-turning rotators and the upper hip's adductors.
  for (const char* m : {"right external_oblique", "left internal_oblique", "right multifidus", "right rotatores",
                        "left adductor_longus", "left adductor_brevis", "left adductor_magnus", "left gracilis"})
    EXPECT_TRUE(sh.count(m)) << m;
  // The trunk rotators are the most lengthened: the obliques and multifidus are prime rotators.
  ASSERT_GE(r.lengthened.size(), 3u);
  std::set<std::string> top3;
  for (std::size_t i = 0; i < 3; ++i)
    top3.insert(std::string(to_string(r.lengthened[i].muscle.side)) + " " +
                std::string(to_string(r.lengthened[i].muscle.id)));
  EXPECT_EQ(top3, (std::set<std::string>{"left external_oblique", "right internal_oblique", "left multifidus"}));
  // Score: Σ w·(−sense·Δθ): left external oblique, prime, rotates right (+), Δθ = −37°.
  EXPECT_NEAR(find(r.lengthened, {MuscleId::external_oblique, Side::left})->score_rad, deg_to_rad(37.0), 1e-12);
  // Piriformis with the hip flexed: rotation uncertain, listed through its abduction (hip flexed) row.
  const auto* piri = find(r.lengthened, {MuscleId::piriformis, Side::left});
  ASSERT_NE(piri, nullptr);
  EXPECT_TRUE(piri->uncertain);
  EXPECT_NEAR(piri->score_rad, 0.5 * deg_to_rad(25.0), 1e-12);
  EXPECT_TRUE(r.uncertain_dofs.test(index(DofId::left_hip_internal_external_rotation)));
  // Unknown DoFs are reported: knee rotation and cervical rotation were not observed.
  EXPECT_TRUE(r.unknown_dofs.test(index(DofId::left_knee_internal_external_rotation)));
  EXPECT_TRUE(r.unknown_dofs.test(index(DofId::cervical_axial_rotation)));
  EXPECT_FALSE(r.unknown_dofs.test(index(DofId::left_hip_internal_external_rotation)));
}

TEST(MuscleLengths, MirroredPoseGivesMirroredSet) {
  const auto r = muscle_lengths(knees_right_pose(), start_pose());
  const auto m = muscle_lengths(knees_right_pose().mirrored(), start_pose().mirrored());
  ASSERT_EQ(r.lengthened.size(), m.lengthened.size());
  ASSERT_EQ(r.shortened.size(), m.shortened.size());
  for (const auto& l : r.lengthened) {
    const auto* x = find(m.lengthened, {l.muscle.id, opposite(l.muscle.side)});
    ASSERT_NE(x, nullptr) << to_string(l.muscle.id);
    EXPECT_NEAR(x->score_rad, l.score_rad, 1e-12);
  }
  for (const auto& l : r.shortened) EXPECT_NE(find(m.shortened, {l.muscle.id, opposite(l.muscle.side)}), nullptr);
}

TEST(MuscleLengths, TwoJointMuscleSumsBothJoints) {
  Pose p;
  p.set(DofId::right_hip_flexion_extension, -10_deg).set(DofId::right_knee_flexion_extension, 100_deg);
  const auto r = muscle_lengths(p);
  const auto* rf = find(r.lengthened, {MuscleId::rectus_femoris, Side::right});
  ASSERT_NE(rf, nullptr);
  // prime hip flexor (−(+1)(−10°)) + prime knee extensor (−(−1)(100°)).
  EXPECT_NEAR(rf->score_rad, deg_to_rad(10.0) + deg_to_rad(100.0), 1e-12);
  EXPECT_EQ(rf->actions_scored, 2);
}

TEST(MuscleLengths, UnknownDofsContributeNothing) {
  Pose p;  // nothing observed
  const auto r = muscle_lengths(p);
  EXPECT_TRUE(r.lengthened.empty());
  EXPECT_TRUE(r.shortened.empty());
  EXPECT_TRUE(r.unknown_dofs.test(index(DofId::right_hip_flexion_extension)));
  EXPECT_TRUE(r.unknown_dofs.test(index(DofId::thoracic_axial_rotation)));
}

TEST(MuscleLengths, UnverifiedRowsAreFlagged) {
  Pose p;
  p.set(DofId::left_subtalar_inversion_eversion, -10_deg);  // eversion lengthens invertors
  const auto r = muscle_lengths(p);
  const auto* g = find(r.lengthened, {MuscleId::gastrocnemius, Side::left});
  ASSERT_NE(g, nullptr);
  EXPECT_TRUE(g->unverified);  // gastrocnemius inversion is tagged R
  const auto* t = find(r.lengthened, {MuscleId::tibialis_anterior, Side::left});
  ASSERT_NE(t, nullptr);
  EXPECT_FALSE(t->unverified);
}

TEST(MuscleLengths, NoAllocationPerPose) {
  const Pose pose = knees_right_pose();
  const Pose ref = start_pose();
  double sum = 0;
  const long before = test_support::allocation_count.load();
  for (int i = 0; i < 100; ++i) {
    const auto r = muscle_lengths(pose, ref);
    sum += r.lengthened.size() + r.shortened.size();
    const auto m = movers(Motion::thoracolumbar(Axis::axial_rotation, Sense::negative));
    sum += m.size();
  }
  EXPECT_EQ(test_support::allocation_count.load() - before, 0u);
  EXPECT_GT(sum, 0.0);
}

TEST(MuscleLengths, PiriformisRotationStatusDependsOnHipFlexion) {
  const auto piri = actions_of(MuscleId::piriformis);  // ER (hip extended), abduction (hip flexed), IR (hip flexed)
  Pose extended;
  extended.set(DofId::left_hip_flexion_extension, 0_deg);
  EXPECT_EQ(action_status(*piri[0], Side::left, extended), ActionStatus::applies);
  EXPECT_EQ(action_status(*piri[1], Side::left, extended), ActionStatus::not_applicable);
  EXPECT_EQ(action_status(*piri[2], Side::left, extended), ActionStatus::not_applicable);
  Pose flexed;
  flexed.set(DofId::left_hip_flexion_extension, 45_deg);
  EXPECT_EQ(action_status(*piri[0], Side::left, flexed), ActionStatus::uncertain);
  EXPECT_EQ(action_status(*piri[1], Side::left, flexed), ActionStatus::applies);
  EXPECT_EQ(action_status(*piri[2], Side::left, flexed), ActionStatus::uncertain);
  EXPECT_EQ(action_status(*piri[0], Side::right, flexed), ActionStatus::uncertain);  // right hip flexion unknown
  // Hip extended: piriformis is an external rotator, so internal rotation lengthens it.
  Pose ir = extended;
  ir.set(DofId::left_hip_internal_external_rotation, 20_deg);
  const auto r = muscle_lengths(ir);
  const auto* p = find(r.lengthened, {MuscleId::piriformis, Side::left});
  ASSERT_NE(p, nullptr);
  EXPECT_FALSE(p->uncertain);
  EXPECT_NEAR(p->score_rad, deg_to_rad(20.0), 1e-12);  // prime external rotator
}

// Lifetime (issue 11.1): find() returns a pointer into its list, so a temporary list is refused.
namespace {
template <class L>
concept findable = requires(L&& l) {
  find(std::forward<L>(l), MuscleInstance{MuscleId::piriformis, Side::left});
};
}  // namespace
static_assert(findable<const MuscleLoadList&> && findable<MuscleLoadList&>);
static_assert(!findable<MuscleLoadList> && !findable<const MuscleLoadList>);
