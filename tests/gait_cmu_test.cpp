// The gait report on the CMU walk (subject 131, trial 01, a "Michael Jackson styled" start-walk-stop
// of an ADULT, data/samples/bvh/SOURCE.md) against the children's norms of Schwartz2008: the
// kinematic contact detector measured against the contacts the BVH's ankle heights give, and the
// cycles scored. The figures printed here are the ones quoted in docs/gait.md.
#include <arthrokin/gait.hpp>
#include <arthrokin/io/bvh_angles.hpp>
#include <arthrokin/io/bvh_gait.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace arthrokin;
using namespace arthrokin::io;

namespace {
const std::string walk_path = std::string(ARTHROKIN_DATA_DIR) + "/samples/bvh/131_01_start_walk_stop.bvh";
double deg(double r) { return rad_to_deg(r); }
}  // namespace

TEST(GaitCmu, DetectorAgainstAnkleHeightContacts) {
  const BvhFile f = read_bvh(walk_path);
  const auto poses = bvh_to_poses(f);
  const BvhBinding b = bind_bvh(f);
  const BvhGait g = bvh_gait(f, b);
  const double rate = 1.0 / f.frame_time;
  std::printf("leg length %.2f units; walking direction (%.2f, %.2f, %.2f)\n", g.leg_length, g.forward.x(),
              g.forward.y(), g.forward.z());
  ASSERT_TRUE(g.direction_known);
  const GaitReport det = analyse_gait(poses, rate);
  // The steady walk: the longest run of frames in which the root moves along the walking direction
  // faster than 0.8 m/s (1 CMU unit = 5.6 cm, SOURCE.md), as in bvh_gait_test.
  std::vector<double> along(poses.size());
  BvhFkWorkspace fk(f);
  for (std::size_t fr = 0; fr < poses.size(); ++fr) {
    bvh_forward_kinematics(f, static_cast<Eigen::Index>(fr), fk);
    along[fr] = fk.p_global_joint[0].dot(g.forward);
  }
  std::size_t first = 0, last = 0, run_first = 0;
  bool in = false;
  for (std::size_t fr = 6; fr + 6 < poses.size(); ++fr) {
    const bool fast = (along[fr + 6] - along[fr - 6]) / (12.0 * f.frame_time) * 0.056 > 0.8;
    if (fast && !in) run_first = fr;
    in = fast;
    if (in && fr - run_first > last - first) first = run_first, last = fr;
  }
  std::printf("steady walk: frames %zu-%zu\n", first, last);
  std::size_t matched = 0, reference = 0, detected = 0, steady_ref = 0, steady_matched = 0;
  double sum = 0, sum_abs = 0, worst = 0, steady_abs = 0;
  const auto tolerance = static_cast<long>(std::lround(0.3 * rate));  // a detection within 0.3 s is a match
  for (Side side : {Side::left, Side::right}) {
    const auto& ref = side == Side::left ? g.contacts.left : g.contacts.right;
    const auto& got = side == Side::left ? det.contacts.left : det.contacts.right;
    reference += ref.size();
    detected += got.size();
    std::printf("%s: ankle-height contacts", std::string(to_string(side)).c_str());
    for (auto c : ref) std::printf(" %zu", c);
    std::printf("; detected");
    for (auto c : got) std::printf(" %zu", c);
    std::printf("\n");
    for (auto r : ref) {
      long best = tolerance + 1;
      for (auto c : got) {
        const long e = static_cast<long>(c) - static_cast<long>(r);
        if (std::abs(e) < std::abs(best)) best = e;
      }
      const bool steady = r >= first && r <= last;
      steady_ref += steady;
      if (std::abs(best) > tolerance) continue;
      ++matched;
      if (steady) {
        ++steady_matched;
        steady_abs += std::abs(static_cast<double>(best));
      }
      sum += static_cast<double>(best);
      sum_abs += std::abs(static_cast<double>(best));
      worst = std::max(worst, std::abs(static_cast<double>(best)));
    }
  }
  const double ms = 1000.0 / rate;
  std::printf("matched %zu of %zu ankle-height contacts (within 0.3 s); %zu detections, %zu unmatched\n", matched,
              reference, detected, detected - matched);
  std::printf("error: mean %.1f ms (detector minus ankle), mean |error| %.1f ms, worst %.1f ms\n",
              sum / static_cast<double>(matched) * ms, sum_abs / static_cast<double>(matched) * ms, worst * ms);
  std::printf("steady walk only: matched %zu of %zu, mean |error| %.1f ms\n", steady_matched, steady_ref,
              steady_matched ? steady_abs / static_cast<double>(steady_matched) * ms : std::nan(""));
  // What the measurement found (docs/gait.md), as bounds a regression would break.
  EXPECT_GE(reference, 8u);
  EXPECT_GE(matched, reference * 6 / 10);
  EXPECT_LE(sum_abs / static_cast<double>(matched) * ms, 100.0);
}

TEST(GaitCmu, CyclesFromAnkleContactsAgainstChildrensNorms) {
  const BvhFile f = read_bvh(walk_path);
  const auto poses = bvh_to_poses(f);
  const BvhBinding b = bind_bvh(f);
  const BvhGait g = bvh_gait(f, b);
  const GaitReport r = analyse_gait(poses, 1.0 / f.frame_time, g.contacts, GaitOptions{}, g.lab);
  ASSERT_FALSE(r.cycles.empty());
  for (const auto& c : r.cycles) {
    std::printf("%s\n", describe(c, r.options).c_str());
    double lo[4] = {1e9, 1e9, 1e9, 1e9}, hi[4] = {-1e9, -1e9, -1e9, -1e9};
    const GaitVariable lab[4] = {GaitVariable::pelvis_tilt, GaitVariable::pelvis_obliquity,
                                 GaitVariable::pelvis_rotation, GaitVariable::foot_progression};
    for (int i = 0; i < 4; ++i)
      for (double x : c[lab[i]].curve) lo[i] = std::min(lo[i], deg(x)), hi[i] = std::max(hi[i], deg(x));
    std::printf(
        "  pelvis tilt %.1f..%.1f, obliquity %.1f..%.1f, rotation %.1f..%.1f, foot progression %.1f..%.1f deg\n", lo[0],
        hi[0], lo[1], hi[1], lo[2], hi[2], lo[3], hi[3]);
    // With the laboratory angles every GPS variable is known: 9 on the left, 6 on the right.
    EXPECT_EQ(c.gps_variable_count, c.side == Side::left ? 9u : 6u);
  }
}
