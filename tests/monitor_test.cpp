// The exercise monitor over constructed pose streams: phases, repetitions,
// peaks, out-of-band intervals (with noise and dropped frames), unknown DoFs,
// cues, and no heap allocation per frame.
#include <arthrokin/detail/text.hpp>
#include <arthrokin/exercise/monitor.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <new>
#include <numbers>
#include <type_traits>
#include <vector>

#include "support/allocation_counter.hpp"

// ---- allocation counter: every operator new in this program goes through here.
// GCC flags free() on memory from this (replaced) operator new; it is malloc'd.

using namespace arthrokin;

namespace {

// A rocking-stretch pose: `knees_deg` > 0 = knees to the right by that much
// trunk rotation (thorax rotated left relative to the pelvis); the upper hip
// (left when knees right) gets `hip_deg` of adduction + internal rotation,
// split evenly. Hips flexed 60, knees 90 (start position held).
Pose rocking_pose(double knees_deg, double hip_deg, double hip_flexion_deg = 60.0) {
  Pose p;
  p.set(DofId::thoracic_axial_rotation, degrees(-0.8 * knees_deg));
  p.set(DofId::lumbar_axial_rotation, degrees(-0.2 * knees_deg));
  const bool right = knees_deg >= 0;
  const Side upper = right ? Side::left : Side::right;
  const Side lower = opposite(upper);
  p.set(*find_dof(Joint::hip, Axis::abduction_adduction, upper), degrees(hip_deg / 2));
  p.set(*find_dof(Joint::hip, Axis::internal_external_rotation, upper), degrees(hip_deg / 2));
  p.set(*find_dof(Joint::hip, Axis::abduction_adduction, lower), degrees(-hip_deg / 3));
  p.set(*find_dof(Joint::hip, Axis::internal_external_rotation, lower), degrees(-hip_deg / 3));
  for (Side s : {Side::left, Side::right}) {
    p.set(*find_dof(Joint::hip, Axis::flexion_extension, s), degrees(hip_flexion_deg));
    p.set(*find_dof(Joint::knee, Axis::flexion_extension, s), degrees(90.0));
  }
  return p;
}

struct Sample {
  double t, knees, hip;
};

constexpr std::size_t trunk = 0, hip = 1;  // band indices of the built-in exercise

}  // namespace

TEST(Monitor, SinusoidalSessionCountsRepsAndPeaks) {
  const Exercise ex = lumbar_spine_rocking_stretch();
  Monitor m(ex);
  const double A = 40.0, T = 4.0, dt = 0.02;
  const int n = static_cast<int>(std::lround(3 * T / dt));
  for (int i = 0; i <= n; ++i) {
    const double t = i * dt;
    const double k = A * std::sin(2 * std::numbers::pi * t / T);
    m.update(t, rocking_pose(k, 30.0 * std::abs(k) / A));
  }
  m.finish();
  EXPECT_EQ(m.repetitions(), 3u);
  EXPECT_NEAR(*m.peak_deg(trunk, Phase::right), 40.0, 1e-9);
  EXPECT_NEAR(*m.peak_deg(trunk, Phase::left), 40.0, 1e-9);
  EXPECT_NEAR(*m.asymmetry_deg(trunk), 0.0, 1e-9);
  EXPECT_NEAR(*m.peak_deg(hip, Phase::right), 30.0, 1e-9);
  EXPECT_TRUE(m.intervals().empty());
  EXPECT_EQ(m.stats(trunk, Phase::right).out_s, 0.0);
  EXPECT_EQ(m.cue_count(CueKind::exceeds_upper), 0u);
  EXPECT_NEAR(m.duration_s(), 3 * T, 1e-9);
  EXPECT_NEAR(m.time_in(Phase::left) + m.time_in(Phase::right) + m.time_in(Phase::centre), 3 * T, 1e-9);
  EXPECT_EQ(m.time_in(Phase::unknown), 0.0);
}

TEST(Monitor, OutOfBandIntervalsAndCues) {
  const Exercise ex = lumbar_spine_rocking_stretch();
  Monitor m(ex);
  const std::vector<Sample> s{{0.0, 0, 0},    {0.1, 20, 15},  {0.2, 40, 25},  {0.3, 50, 30},  {0.4, 55, 32},
                              {0.5, 50, 30},  {0.6, 40, 25},  {0.7, 20, 15},  {0.8, 0, 0},    {0.9, -20, 15},
                              {1.0, -40, 25}, {1.1, -47, 30}, {1.2, -40, 25}, {1.3, -20, 15}, {1.4, 0, 0}};
  std::vector<std::string> messages;
  for (const auto& x : s)
    for (const auto& c : m.update(x.t, rocking_pose(x.knees, x.hip))) messages.emplace_back(c.message());
  m.finish();
  EXPECT_EQ(m.repetitions(), 1u);
  ASSERT_EQ(m.intervals().size(), 2u);
  const auto& r = m.intervals()[0];
  EXPECT_EQ(r.band, trunk);
  EXPECT_EQ(r.side, Phase::right);
  EXPECT_EQ(r.excursion, Excursion::above);
  EXPECT_DOUBLE_EQ(r.start_s, 0.3);
  EXPECT_DOUBLE_EQ(r.end_s, 0.6);
  EXPECT_NEAR(r.extreme_deg, 55.0, 1e-9);
  const auto& l = m.intervals()[1];
  EXPECT_EQ(l.side, Phase::left);
  EXPECT_DOUBLE_EQ(l.start_s, 1.1);
  EXPECT_DOUBLE_EQ(l.end_s, 1.2);
  EXPECT_NEAR(m.stats(trunk, Phase::right).out_s, 0.3, 1e-12);
  EXPECT_NEAR(m.stats(trunk, Phase::left).out_s, 0.1, 1e-12);
  EXPECT_NEAR(*m.asymmetry_deg(trunk), 55.0 - 47.0, 1e-9);
  const auto has = [&](const std::string& w) {
    for (const auto& x : messages)
      if (x == w) return true;
    return false;
  };
  EXPECT_TRUE(has("trunk rotation (knees right) 50\u00b0 exceeds the 45\u00b0 target"));
  EXPECT_TRUE(has("trunk rotation (knees left) 47\u00b0 exceeds the 45\u00b0 target"));
  EXPECT_TRUE(has("repetition 1 complete"));
  // The upper hip reached 32 (right) and 30 (left): within 20-45, no target cue.
  EXPECT_EQ(m.cue_count(CueKind::target_not_reached), 0u);
}

TEST(Monitor, NoiseAroundTheLimitGivesOneInterval) {
  const Exercise ex = lumbar_spine_rocking_stretch();
  Monitor m(ex);  // hysteresis 1 deg
  const std::vector<Sample> s{{0.0, 0, 0},     {0.1, 20.4, 20}, {0.2, 39.6, 25}, {0.3, 46, 30},   {0.4, 44.5, 30},
                              {0.5, 46.2, 30}, {0.6, 44.2, 30}, {0.7, 43.0, 30}, {0.8, 44.8, 30}, {0.9, 20.3, 20},
                              {1.0, 4.4, 0},   {1.1, 5.6, 0},   {1.2, 3.0, 0}};
  for (const auto& x : s) m.update(x.t, rocking_pose(x.knees, x.hip));
  m.finish();
  ASSERT_EQ(m.intervals().size(), 1u);
  EXPECT_DOUBLE_EQ(m.intervals()[0].start_s, 0.3);
  EXPECT_DOUBLE_EQ(m.intervals()[0].end_s, 0.7);
  EXPECT_NEAR(m.intervals()[0].extreme_deg, 46.2, 1e-9);
  EXPECT_EQ(m.cue_count(CueKind::exceeds_upper), 1u);
  // Phase hysteresis: 5.6 after 4.4 does not re-enter the right side (enter at 10).
  EXPECT_EQ(m.cue_count(CueKind::phase_change), 3u);  // centre, right, centre
  EXPECT_EQ(m.phase(), Phase::centre);
}

TEST(Monitor, DroppedFramesSplitIntervalsAndAreNotCounted) {
  const Exercise ex = lumbar_spine_rocking_stretch();
  Monitor m(ex);  // max gap 0.25 s
  const std::vector<Sample> s{{0.0, 0, 0},   {0.1, 20, 20}, {0.2, 40, 25},
                              {0.3, 50, 30}, {0.4, 55, 30}, /* 0.5 s lost */ {0.9, 50, 30},
                              {1.0, 40, 25}, {1.1, 20, 20}};
  for (const auto& x : s) m.update(x.t, rocking_pose(x.knees, x.hip));
  m.finish();
  EXPECT_EQ(m.gaps(), 1u);
  EXPECT_NEAR(m.gap_s(), 0.5, 1e-12);
  ASSERT_EQ(m.intervals().size(), 2u);
  EXPECT_DOUBLE_EQ(m.intervals()[0].start_s, 0.3);
  EXPECT_DOUBLE_EQ(m.intervals()[0].end_s, 0.4);
  EXPECT_DOUBLE_EQ(m.intervals()[1].start_s, 0.9);
  EXPECT_DOUBLE_EQ(m.intervals()[1].end_s, 1.0);
  EXPECT_NEAR(m.stats(trunk, Phase::right).out_s, 0.2, 1e-12);
  EXPECT_NEAR(m.stats(trunk, Phase::right).in_s, 0.3, 1e-12);  // 0.1-0.3 and 1.0-1.1
  EXPECT_EQ(m.cue_count(CueKind::frame_gap), 1u);
  // A frame whose timestamp does not increase is ignored.
  const auto& c = m.update(1.1, rocking_pose(60, 30));
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].kind, CueKind::frame_ignored);
  EXPECT_EQ(m.frames(), s.size());
}

TEST(Monitor, UnknownDofsAreNeverInBand) {
  const Exercise ex = lumbar_spine_rocking_stretch();
  Monitor m(ex);
  m.update(0.0, rocking_pose(0, 0));
  m.update(0.1, rocking_pose(30, 30));
  Pose p = rocking_pose(30, 30);
  p.clear(DofId::left_hip_internal_external_rotation);  // upper hip half unknown
  m.update(0.2, p);
  m.update(0.3, p);
  m.update(0.4, rocking_pose(30, 30));
  Pose blind = rocking_pose(30, 30);
  blind.clear(DofId::thoracic_axial_rotation);  // no trunk rotation: the phase is unknown
  m.update(0.5, blind);
  m.update(0.6, rocking_pose(30, 30));
  m.finish();
  const auto& h = m.stats(hip, Phase::right);
  EXPECT_NEAR(h.unknown_s, 0.2, 1e-12);
  EXPECT_NEAR(h.in_s, 0.2, 1e-12);  // 0.1-0.2 and 0.4-0.5
  EXPECT_NEAR(m.time_in(Phase::unknown), 0.1, 1e-12);
  EXPECT_EQ(m.cue_count(CueKind::dofs_unknown), 1u);
}

TEST(Monitor, KneesLiftingAndTargetNotReached) {
  const Exercise ex = lumbar_spine_rocking_stretch();
  Monitor m(ex);
  std::vector<std::string> messages;
  const auto feed = [&](double t, const Pose& p) {
    for (const auto& c : m.update(t, p)) messages.emplace_back(c.message());
  };
  feed(0.0, rocking_pose(0, 0));
  feed(0.1, rocking_pose(20, 10));
  feed(0.2, rocking_pose(30, 15, 25.0));  // hips drop to 25 deg flexion
  feed(0.3, rocking_pose(20, 10));
  feed(0.4, rocking_pose(0, 0));
  m.finish();
  const auto has = [&](const std::string& w) {
    for (const auto& x : messages)
      if (x == w) return true;
    return false;
  };
  EXPECT_TRUE(has("knees lifting: left hip flexion 25\u00b0 fell below 30\u00b0"));
  EXPECT_TRUE(
      has("upper hip adduction + internal rotation (knees right) peaked at 15\u00b0, below the 20\u00b0 target"));
  EXPECT_EQ(m.stats(hip, Phase::right).visits_below_target, 1u);
  // Two always-bands (left and right hip flexion) were out from 0.2 to 0.3.
  std::size_t below = 0;
  for (const auto& i : m.intervals())
    if (i.excursion == Excursion::below) {
      ++below;
      EXPECT_DOUBLE_EQ(i.start_s, 0.2);
      EXPECT_DOUBLE_EQ(i.end_s, 0.3);
    }
  EXPECT_EQ(below, 2u);
}

TEST(Monitor, NoAllocationPerFrame) {
  const Exercise ex = lumbar_spine_rocking_stretch();
  std::vector<Pose> poses;
  std::vector<double> times;
  for (int i = 0; i < 2000; ++i) {
    const double t = i * 0.02 + (i > 1000 ? 1.0 : 0.0);  // one gap
    const double k = 55.0 * std::sin(t * 1.7);
    Pose p = rocking_pose(k, 50.0 * std::abs(std::sin(t)), 20.0 + 30.0 * std::abs(std::cos(t)));
    if (i % 97 == 0) p.clear(DofId::left_hip_abduction_adduction);
    if (i % 131 == 0) p.clear(DofId::lumbar_axial_rotation);
    poses.push_back(p);
    times.push_back(t);
  }
  Monitor m(ex);
  std::size_t events = 0;
  const long before = test_support::allocation_count.load();
  for (std::size_t i = 0; i < poses.size(); ++i) events += m.update(times[i], poses[i]).size();
  m.finish();
  const long after = test_support::allocation_count.load();
  EXPECT_EQ(after - before, 0u);
  EXPECT_GT(events, 10u);
  EXPECT_GT(m.repetitions(), 0u);
}

// Lifetime (issue 11.1): the monitor keeps a pointer to its exercise, so a temporary is refused.
static_assert(!std::is_constructible_v<Monitor, Exercise>);
static_assert(!std::is_constructible_v<Monitor, const Exercise>);
static_assert(!std::is_constructible_v<Monitor, Exercise, MonitorOptions>);
static_assert(std::is_constructible_v<Monitor, const Exercise&>);
static_assert(std::is_constructible_v<Monitor, Exercise&, MonitorOptions>);

TEST(Monitor, LongLabelsAreCutAtACharacterBoundaryInCues) {
  // A cue is a fixed 176-byte buffer; a long label used to be cut inside a UTF-8 character.
  for (std::size_t pad = 0; pad < 4; ++pad) {
    Exercise ex = lumbar_spine_rocking_stretch();
    ex.bands[trunk].label = std::string(pad, 'x');
    for (int i = 0; i < 100; ++i) ex.bands[trunk].label += "\xE2\x86\x92";  // U+2192, 3 bytes each
    Monitor m(ex);
    m.update(0.0, rocking_pose(0, 0));
    const auto& cues = m.update(0.1, rocking_pose(60, 30));  // trunk rotation beyond 45°
    bool seen = false;
    for (const auto& c : cues) {
      EXPECT_TRUE(detail::valid_utf8(c.message())) << pad;
      EXPECT_LT(c.message().size(), c.text.size());
      seen = seen || c.kind == CueKind::exceeds_upper;
    }
    EXPECT_TRUE(seen);
  }
}
