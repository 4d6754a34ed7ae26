// Gait against normative curves (gait.hpp), from hand-computed cases. The normative curves are read
// here from data/reference/gait_norms_schwartz2008.csv (not from the generated table), so a cycle
// "equal to the norm" is built from the published numbers themselves.
#include <arthrokin/gait.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <numbers>
#include <string>
#include <vector>

#include "support/allocation_counter.hpp"
#include "support/csv.hpp"

namespace ts = test_support;
using namespace arthrokin;

namespace {

struct Curve {
  std::vector<double> mean, low, high, sd;  // degrees, 51 points
};

// The Free-speed curve of (segment_or_joint, positive_direction), straight from the CSV.
Curve csv_curve(const std::string& segment, const std::string& direction, const std::string& speed = "Free") {
  static const auto rows = ts::read_csv(ts::reference("gait_norms_schwartz2008.csv"));
  Curve c;
  for (const auto& r : rows)
    if (r.at("speed") == speed && r.at("segment_or_joint") == segment && r.at("positive_direction") == direction) {
      c.mean.push_back(std::stod(r.at("mean_deg")));
      c.low.push_back(std::stod(r.at("band_low_deg")));
      c.high.push_back(std::stod(r.at("band_high_deg")));
      c.sd.push_back(std::stod(r.at("sd_deg")));
    }
  return c;
}

constexpr double d2r = std::numbers::pi / 180.0;

// The CSV curves of the variables a Pose carries, and those of the laboratory.
const Curve& hip_flex() {
  static const Curve c = csv_curve("hip", "flexion");
  return c;
}
const Curve& hip_add() {
  static const Curve c = csv_curve("hip", "adduction");
  return c;
}
const Curve& hip_rot() {
  static const Curve c = csv_curve("hip", "internal_rotation");
  return c;
}
const Curve& knee_flex() {
  static const Curve c = csv_curve("knee", "flexion");
  return c;
}
const Curve& knee_rot() {
  static const Curve c = csv_curve("knee", "internal_rotation");
  return c;
}
const Curve& ankle() {
  static const Curve c = csv_curve("ankle", "dorsiflexion");
  return c;
}
const Curve& tilt() {
  static const Curve c = csv_curve("pelvis", "anterior_tilt");
  return c;
}
const Curve& obliquity() {
  static const Curve c = csv_curve("pelvis", "obliquity_up");
  return c;
}
const Curve& prot() {
  static const Curve c = csv_curve("pelvis", "internal_rotation");
  return c;
}
const Curve& foot() {
  static const Curve c = csv_curve("foot_progression", "internal");
  return c;
}

// One cycle of 51 frames (one per normative point), every variable at the norm's mean plus `shift`
// (degrees, per variable), for `side`; `lab` adds the pelvis and foot progression.
struct Cycle {
  std::vector<Pose> poses;
  std::vector<GaitLabFrame> lab;
};

Cycle norm_cycle(Side side, bool with_lab, std::map<GaitVariable, double> shift = {}) {
  const bool l = side == Side::left;
  Cycle c;
  for (std::size_t k = 0; k < 51; ++k) {
    Pose p;
    auto put = [&](DofId d, GaitVariable v, const Curve& cu) { p.set(d, degrees(cu.mean[k] + shift[v])); };
    put(l ? DofId::left_hip_flexion_extension : DofId::right_hip_flexion_extension, GaitVariable::hip_flexion,
        hip_flex());
    put(l ? DofId::left_hip_abduction_adduction : DofId::right_hip_abduction_adduction, GaitVariable::hip_adduction,
        hip_add());
    put(l ? DofId::left_hip_internal_external_rotation : DofId::right_hip_internal_external_rotation,
        GaitVariable::hip_rotation, hip_rot());
    put(l ? DofId::left_knee_flexion_extension : DofId::right_knee_flexion_extension, GaitVariable::knee_flexion,
        knee_flex());
    put(l ? DofId::left_knee_internal_external_rotation : DofId::right_knee_internal_external_rotation,
        GaitVariable::knee_rotation, knee_rot());
    put(l ? DofId::left_ankle_dorsiflexion_plantarflexion : DofId::right_ankle_dorsiflexion_plantarflexion,
        GaitVariable::ankle_dorsiflexion, ankle());
    c.poses.push_back(p);
    GaitLabFrame f;
    if (with_lab) {
      GaitLabAngles a;
      a.pelvis_tilt = d2r * (tilt().mean[k] + shift[GaitVariable::pelvis_tilt]);
      a.pelvis_obliquity = d2r * (obliquity().mean[k] + shift[GaitVariable::pelvis_obliquity]);
      a.pelvis_rotation = d2r * (prot().mean[k] + shift[GaitVariable::pelvis_rotation]);
      a.foot_progression = d2r * (foot().mean[k] + shift[GaitVariable::foot_progression]);
      (l ? f.left : f.right) = a;
    }
    c.lab.push_back(f);
  }
  return c;
}

GaitCycleScore score(const Cycle& c, Side side, const GaitOptions& o = {}) {
  GaitContacts contacts;
  (side == Side::left ? contacts.left : contacts.right) = {0, 50};
  const GaitReport r = analyse_gait(c.poses, 100.0, contacts, o, c.lab);
  EXPECT_EQ(r.cycles.size(), 1u);
  return r.cycles.at(0);
}

double deg(double rad) { return rad / d2r; }

}  // namespace

TEST(Gait, CycleEqualToTheNormScoresZero) {
  for (Side side : {Side::left, Side::right}) {
    const GaitCycleScore s = score(norm_cycle(side, true), side);
    EXPECT_NEAR(s.gps, 0.0, 1e-12);
    // Baker09: nine variables on the left (with the pelvis), six on the right.
    EXPECT_EQ(s.gps_variable_count, side == Side::left ? 9u : 6u);
    for (const auto& v : s.variables) {
      if (v.variable == GaitVariable::knee_varus) {
        EXPECT_FALSE(v.known);  // not a DoF of the library: unknown, never zero
        continue;
      }
      EXPECT_TRUE(v.known) << to_string(v.variable);
      EXPECT_NEAR(v.gvs, 0.0, 1e-12) << to_string(v.variable);
      EXPECT_EQ(v.outside.count(), 0u) << to_string(v.variable);
    }
    EXPECT_FALSE(s.knee.never_extends);
  }
}

TEST(Gait, ShiftOfFiveDegreesOnOneVariable) {
  // Left, with the laboratory angles: nine GPS variables; +5 deg on knee flexion.
  const GaitCycleScore s = score(norm_cycle(Side::left, true, {{GaitVariable::knee_flexion, 5.0}}), Side::left);
  EXPECT_NEAR(deg(s[GaitVariable::knee_flexion].gvs), 5.0, 1e-9);
  EXPECT_NEAR(deg(s.gps), 5.0 / 3.0, 1e-9);  // sqrt(25 / 9)
  EXPECT_EQ(s.gps_variable_count, 9u);
  // Right, pose only: hip x3, knee flexion, ankle = 5 GPS variables; +5 deg on ankle dorsiflexion.
  const GaitCycleScore r =
      score(norm_cycle(Side::right, false, {{GaitVariable::ankle_dorsiflexion, 5.0}}), Side::right);
  EXPECT_EQ(r.gps_variable_count, 5u);
  EXPECT_NEAR(deg(r[GaitVariable::ankle_dorsiflexion].gvs), 5.0, 1e-9);
  EXPECT_NEAR(deg(r.gps), 5.0 / std::sqrt(5.0), 1e-9);
  // A shift the size of the band: every point whose half band width is below 5 deg is outside.
  std::size_t narrower = 0;
  for (double sd : ankle().sd) narrower += sd < 5.0;
  EXPECT_EQ(r[GaitVariable::ankle_dorsiflexion].outside.count(), narrower);
  // Knee rotation is not a GPS variable: shifting it changes its GVS, not the GPS.
  const GaitCycleScore q = score(norm_cycle(Side::right, false, {{GaitVariable::knee_rotation, 7.0}}), Side::right);
  EXPECT_NEAR(deg(q[GaitVariable::knee_rotation].gvs), 7.0, 1e-9);
  EXPECT_FALSE(q[GaitVariable::knee_rotation].in_gps);
  EXPECT_NEAR(q.gps, 0.0, 1e-12);
}

TEST(Gait, CrouchKneeNeverExtendsInStance) {
  // The knee stays at 30 deg or more: the norm's curve, raised to 30 deg wherever it is lower.
  Cycle c = norm_cycle(Side::right, false);
  const DofId k = DofId::right_knee_flexion_extension;
  for (std::size_t i = 0; i < 51; ++i) c.poses[i].set(k, degrees(std::max(30.0, knee_flex().mean[i])));
  const GaitCycleScore s = score(c, Side::right);
  ASSERT_TRUE(s.knee.known);
  EXPECT_TRUE(s.knee.never_extends);
  EXPECT_NEAR(deg(s.knee.least_flexion), 30.0, 1e-9);
  // The norm's least mean flexion over 0-60 % (points 0-30), from the CSV.
  double least = 1e9, sd = 0;
  for (std::size_t i = 0; i <= 30; ++i)
    if (knee_flex().mean[i] < least) least = knee_flex().mean[i], sd = knee_flex().sd[i];
  EXPECT_NEAR(deg(s.knee.norm_least_flexion), least, 1e-9);
  EXPECT_NEAR(deg(s.knee.threshold), least + sd, 1e-9);
  const std::string text = describe(s.knee, Side::right, GaitOptions{});
  EXPECT_NE(text.find("right knee never extends in stance"), std::string::npos) << text;
  EXPECT_NE(text.find("30.0 deg"), std::string::npos) << text;
  EXPECT_NE(text.find("children"), std::string::npos) << text;
  EXPECT_NE(describe(s, GaitOptions{}).find("never extends in stance"), std::string::npos);
  // The normal cycle: the knee extends.
  const GaitCycleScore n = score(norm_cycle(Side::right, false), Side::right);
  EXPECT_FALSE(n.knee.never_extends);
  EXPECT_NE(describe(n.knee, Side::right, GaitOptions{}).find("right knee extends in stance"), std::string::npos);
  // The finding reads the least flexion in stance: a knee that flexes to 30 deg only from 42 % on still
  // extends earlier in stance, under either end of stance.
  Cycle late = norm_cycle(Side::right, false);
  for (std::size_t i = 21; i < 51; ++i) late.poses[i].set(k, degrees(std::max(30.0, knee_flex().mean[i])));
  GaitOptions o40;
  o40.stance_end_percent = 40;
  EXPECT_FALSE(score(late, Side::right, o40).knee.never_extends);
  EXPECT_FALSE(score(late, Side::right).knee.never_extends);  // 60 %: the norm's minimum at 0 % is still there
}

TEST(Gait, UnknownVariablesAreSkippedNeverZero) {
  Cycle c = norm_cycle(Side::right, false, {{GaitVariable::hip_flexion, 3.0}});
  c.poses[17].clear(DofId::right_ankle_dorsiflexion_plantarflexion);  // one frame lost
  const GaitCycleScore s = score(c, Side::right);
  const auto& a = s[GaitVariable::ankle_dorsiflexion];
  EXPECT_FALSE(a.known);
  EXPECT_TRUE(std::isnan(a.gvs));
  EXPECT_TRUE(std::isnan(a.curve[17]));
  EXPECT_FALSE(a.in_gps);
  for (GaitVariable v : {GaitVariable::pelvis_tilt, GaitVariable::pelvis_obliquity, GaitVariable::pelvis_rotation,
                         GaitVariable::foot_progression, GaitVariable::knee_varus})
    EXPECT_FALSE(s[v].known) << to_string(v);
  // GPS over the four known GPS variables: hip x3 (one shifted by 3), knee flexion.
  EXPECT_EQ(s.gps_variable_count, 4u);
  EXPECT_NEAR(deg(s.gps), 3.0 / 2.0, 1e-9);
  const std::string text = describe(s, GaitOptions{});
  EXPECT_NE(text.find("not known: pelvic tilt"), std::string::npos) << text;
  EXPECT_NE(text.find("over 4 of 9 variables"), std::string::npos) << text;
  // Nothing observed: no GPS at all.
  GaitSample empty;
  empty.fill(std::nan(""));
  const std::vector<GaitSample> frames(10, empty);
  GaitCycleScore e;
  score_cycle(frames, Side::left, GaitOptions{}, e);
  EXPECT_EQ(e.gps_variable_count, 0u);
  EXPECT_TRUE(std::isnan(e.gps));
  EXPECT_FALSE(e.knee.known);
}

// Time-scaling a cycle does not change its normalised curve: the same piecewise-linear cycle sampled
// with 50·m + 1 frames gives the same 51 points for every m; other frame counts stay within the
// curve's own interpolation error.
TEST(Gait, TimeScalingDoesNotChangeTheNormalisedCurve) {
  const auto& m = knee_flex().mean;
  auto at = [&](double u) {  // the piecewise-linear curve through the 51 points, u in [0, 1]
    const double pos = u * 50.0;
    const auto i = std::min<std::size_t>(static_cast<std::size_t>(pos), 49);
    return d2r * (m[i] + (pos - static_cast<double>(i)) * (m[i + 1] - m[i]));
  };
  std::array<double, gait_points> ref{};
  for (std::size_t frames : {51u, 101u, 201u, 501u}) {
    std::vector<double> x(frames);
    for (std::size_t f = 0; f < frames; ++f) x[f] = at(static_cast<double>(f) / static_cast<double>(frames - 1));
    std::array<double, gait_points> out{};
    normalise_cycle(x, out);
    for (std::size_t k = 0; k < gait_points; ++k) {
      EXPECT_NEAR(deg(out[k]), m[k], 1e-9) << frames << " frames, point " << k;
      if (frames == 51) ref[k] = out[k];
    }
  }
  EXPECT_THROW(normalise_cycle(std::vector<double>{1.0}, ref), invalid_argument);
}

namespace {
// A walk of several cycles of different lengths: the Free-speed knee mean, stretched to each cycle's
// frame count (linear between its 51 points), the right side only; contacts at the cycle starts.
std::vector<Pose> synthetic_walk(const std::vector<std::size_t>& lengths, std::vector<std::size_t>& contacts) {
  const auto& m = knee_flex().mean;
  std::vector<Pose> poses;
  for (std::size_t len : lengths) {
    contacts.push_back(poses.size());
    for (std::size_t f = 0; f < len; ++f) {
      const double pos = 50.0 * static_cast<double>(f) / static_cast<double>(len);
      const auto i = static_cast<std::size_t>(pos);
      Pose p;
      p.set(DofId::right_knee_flexion_extension, degrees(m[i] + (pos - static_cast<double>(i)) * (m[i + 1] - m[i])));
      poses.push_back(p);
    }
  }
  contacts.push_back(poses.size());
  Pose p;
  p.set(DofId::right_knee_flexion_extension, degrees(m[0]));
  poses.push_back(p);
  return poses;
}
}  // namespace

TEST(Gait, CyclesFromGivenContacts) {
  std::vector<std::size_t> truth;
  const auto poses = synthetic_walk({100, 120, 110, 90}, truth);
  GaitContacts given;
  given.right = truth;
  const GaitReport r = analyse_gait(poses, 100.0, given);
  EXPECT_FALSE(r.contacts_detected);
  ASSERT_EQ(r.cycles.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(r.cycles[i].first_frame, truth[i]);
    EXPECT_EQ(r.cycles[i].last_frame, truth[i + 1]);
    EXPECT_EQ(r.cycles[i].side, Side::right);
    // The knee of each cycle is the norm's (up to the linear stretch): GVS well under a degree.
    EXPECT_LT(deg(r.cycles[i][GaitVariable::knee_flexion].gvs), 0.5);
  }
  // A cycle longer than max_cycle_s (2.5 s at 100 Hz = 250 frames) is skipped, not scored.
  std::vector<std::size_t> t2;
  const auto long_walk = synthetic_walk({100, 300, 100}, t2);
  GaitContacts g2;
  g2.right = t2;
  const GaitReport r2 = analyse_gait(long_walk, 100.0, g2);
  EXPECT_EQ(r2.cycles.size(), 2u);
  EXPECT_EQ(r2.skipped_cycles, 1u);
  // Bad contacts are refused with a message.
  GaitContacts bad;
  bad.left = {10, 5};
  EXPECT_THROW((void)analyse_gait(poses, 100.0, bad), invalid_argument);
  bad.left = {0, poses.size()};
  EXPECT_THROW((void)analyse_gait(poses, 100.0, bad), invalid_argument);
}

TEST(Gait, DetectorFindsTheContactsOfSyntheticCycles) {
  std::vector<std::size_t> truth;
  const auto poses = synthetic_walk({100, 120, 110, 90, 105}, truth);
  const GaitReport r = analyse_gait(poses, 100.0);
  EXPECT_TRUE(r.contacts_detected);
  // The detector's contact is the knee minimum after the swing peak: in the Free-speed norm that
  // minimum is at the point (between 70 % and 100 %, or 0 %) where the CSV's mean is least.
  const auto& m = knee_flex().mean;
  std::size_t best = 50;
  for (std::size_t k = 35; k <= 50; ++k)
    if (m[k] < m[best]) best = k;
  const double expected_early = m[0] <= m[best] ? 0.0 : (50.0 - static_cast<double>(best)) / 50.0;  // fraction
  // The first cycle starts at frame 0, which the detector cannot see (no swing before it), and the
  // last contact ends the sequence (no flexion after it to confirm the minimum).
  ASSERT_EQ(r.contacts.right.size(), truth.size() - 2);
  for (std::size_t i = 0; i + 2 < truth.size(); ++i) {
    const double len = static_cast<double>(truth[i + 1] - truth[i]);
    const double err = static_cast<double>(r.contacts.right[i]) - static_cast<double>(truth[i + 1]);
    EXPECT_NEAR(err, -expected_early * len, 1.0) << "contact " << i;
  }
  EXPECT_TRUE(r.contacts.left.empty());  // the left knee was never observed: no contacts, no cycles
}

TEST(Gait, LaboratoryAnglesFromSegmentFrames) {
  // Walking along global +X, Y up. A pelvis tilted 10 deg anteriorly (its X turned down about its Z).
  const Eigen::Vector3d fwd = Eigen::Vector3d::UnitX(), up = Eigen::Vector3d::UnitY();
  auto rot = [](const Eigen::Vector3d& axis, double deg_) {
    return Eigen::Quaterniond(Eigen::AngleAxisd(deg_ * d2r, axis));
  };
  SegmentOrientations s;
  s.set(Segment::pelvis, rot(Eigen::Vector3d::UnitZ(), -10));
  GaitLabAngles a = gait_lab_angles(s, Side::right, fwd, up);
  EXPECT_NEAR(deg(a.pelvis_tilt), 10.0, 1e-9);
  EXPECT_NEAR(deg(a.pelvis_obliquity), 0.0, 1e-9);
  EXPECT_TRUE(std::isnan(a.foot_progression));  // no foot: unknown
  // Right hemipelvis up 5 deg: a rotation about the anterior axis X by -5 deg (Z, the right, goes up).
  s.set(Segment::pelvis, rot(Eigen::Vector3d::UnitX(), -5));
  EXPECT_NEAR(deg(gait_lab_angles(s, Side::right, fwd, up).pelvis_obliquity), 5.0, 1e-9);
  EXPECT_NEAR(deg(gait_lab_angles(s, Side::left, fwd, up).pelvis_obliquity), -5.0, 1e-9);
  // Right hemipelvis forward 8 deg: about the vertical by +8 deg (Z toward X).
  s.set(Segment::pelvis, rot(Eigen::Vector3d::UnitY(), 8));
  EXPECT_NEAR(deg(gait_lab_angles(s, Side::right, fwd, up).pelvis_rotation), 8.0, 1e-9);
  EXPECT_NEAR(deg(gait_lab_angles(s, Side::left, fwd, up).pelvis_rotation), -8.0, 1e-9);
  // Right foot toes in 12 deg: its X turned toward the left (-Z), i.e. +12 deg about the vertical.
  s.set(Segment::right_foot, rot(Eigen::Vector3d::UnitY(), 12));
  s.set(Segment::left_foot, rot(Eigen::Vector3d::UnitY(), 12));  // the left foot turned out by the same
  EXPECT_NEAR(deg(gait_lab_angles(s, Side::right, fwd, up).foot_progression), 12.0, 1e-9);
  EXPECT_NEAR(deg(gait_lab_angles(s, Side::left, fwd, up).foot_progression), -12.0, 1e-9);
  // The walking direction need not be horizontal or unit; a vertical one is refused.
  EXPECT_NEAR(deg(gait_lab_angles(s, Side::right, Eigen::Vector3d(3, 1, 0), up).foot_progression), 12.0, 1e-9);
  EXPECT_THROW((void)gait_lab_angles(s, Side::right, up, up), invalid_argument);
}

TEST(Gait, RecorderScoresLikeTheBatchAndAllocatesNothing) {
  const Cycle c = norm_cycle(Side::left, true, {{GaitVariable::hip_flexion, 4.0}});
  GaitCycleRecorder rec(Side::left, 64);
  GaitCycleScore out;
  const GaitOptions o;
  const long before = ts::allocation_count.load();
  bool closed = rec.contact(c.poses[0], 7, o, out, c.lab[0].left);
  for (std::size_t f = 1; f < 50; ++f) rec.add(c.poses[f], c.lab[f].left);
  closed = rec.contact(c.poses[50], 57, o, out, c.lab[50].left) || closed;
  EXPECT_EQ(ts::allocation_count.load() - before, 0);
  ASSERT_TRUE(closed);
  EXPECT_EQ(out.first_frame, 7u);
  EXPECT_EQ(out.last_frame, 57u);
  const GaitCycleScore batch = score(c, Side::left);
  EXPECT_NEAR(out.gps, batch.gps, 1e-15);
  EXPECT_NEAR(deg(out[GaitVariable::hip_flexion].gvs), 4.0, 1e-9);
  // A cycle longer than the capacity is dropped, counted, and the next one scores again.
  GaitCycleRecorder small(Side::left, 8);
  EXPECT_FALSE(small.contact(c.poses[0], 0, o, out));
  for (std::size_t f = 1; f < 50; ++f) small.add(c.poses[f]);
  EXPECT_FALSE(small.contact(c.poses[50], 50, o, out));
  EXPECT_EQ(small.dropped(), 1u);
  for (std::size_t f = 1; f < 5; ++f) small.add(c.poses[f]);
  EXPECT_TRUE(small.contact(c.poses[5], 55, o, out));
  EXPECT_THROW(GaitCycleRecorder(Side::none), invalid_argument);
}

TEST(Gait, BadOptionsAreRefused) {
  std::vector<std::size_t> truth;
  const auto poses = synthetic_walk({100, 100}, truth);
  EXPECT_THROW((void)analyse_gait(poses, 0.0), invalid_argument);
  EXPECT_THROW((void)analyse_gait(poses, std::nan("")), invalid_argument);
  GaitOptions o;
  o.stance_end_percent = 0;
  EXPECT_THROW((void)analyse_gait(poses, 100.0, o), invalid_argument);
  o = GaitOptions{};
  o.detector.max_cycle_s = o.detector.min_cycle_s;
  EXPECT_THROW((void)analyse_gait(poses, 100.0, o), invalid_argument);
  const std::vector<GaitLabFrame> short_lab(3);
  EXPECT_THROW((void)analyse_gait(poses, 100.0, GaitOptions{}, short_lab), invalid_argument);
}

TEST(Gait, SpeedClassesComeFromTheirOwnCurves) {
  // The same cycle (Free-speed mean) scored against the VeryFast curves has a knee GVS equal to the
  // RMS difference of the two CSV curves.
  const Curve fast = csv_curve("knee", "flexion", "VeryFast");
  double ss = 0;
  for (std::size_t k = 0; k < 51; ++k)
    ss += (knee_flex().mean[k] - fast.mean[k]) * (knee_flex().mean[k] - fast.mean[k]);
  GaitOptions o;
  o.speed = GaitSpeed::very_fast;
  const GaitCycleScore s = score(norm_cycle(Side::right, false), Side::right, o);
  EXPECT_NEAR(deg(s[GaitVariable::knee_flexion].gvs), std::sqrt(ss / 51.0), 1e-9);
  EXPECT_EQ(parse_gait_speed("Free"), GaitSpeed::free);
  EXPECT_EQ(parse_gait_speed("very_fast"), GaitSpeed::very_fast);
  EXPECT_FALSE(parse_gait_speed("brisk"));
}
