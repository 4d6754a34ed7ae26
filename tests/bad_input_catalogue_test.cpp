// The C++ core rows of the bad-input catalogue (docs/bad-input.md): every class of bad input a
// caller of the header-only core can give — numbers that are not angles, wrong sizes, unknown
// names, text that is not UTF-8, degenerate or ill-conditioned geometry, rotations that are not
// rotations — with the outcome it must get: either `invalid_argument` whose message names the
// argument, or an unknown DoF with its reason. One table; a changed outcome fails its row.
// The parsers' rows are in bad_input_io_test.cpp, the CLI's in cli_bad_input_test.cpp, C's in
// capi/capi_bad_input_test.cpp and Python's in python/tests/test_bad_input_catalogue.py.
#include <arthrokin/arthrokin.hpp>
#include <arthrokin/detail/text.hpp>

#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace {
using namespace arthrokin;
using namespace arthrokin::literals;

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

/// The outcome a row must get.
struct Outcome {
  enum Kind { accepted, error, unknown } kind;
  std::string message;  // error: a substring of what(); unknown: unused
  DofId dof{};          // unknown: the DoF that must be unknown
  DofStatus reason{};   // unknown: and why
};
Outcome accepted() { return {Outcome::accepted, "", {}, {}}; }
Outcome error(std::string m) { return {Outcome::error, std::move(m), {}, {}}; }
Outcome unknown(DofId d, DofStatus why) { return {Outcome::unknown, "", d, why}; }

struct Row {
  std::string name;
  std::function<std::optional<JointAngles>()> call;  // angles where the entry point gives them
  Outcome expected;
};

const Skeleton body = skeleton_from_height(1.75);

/// BlazePose keypoints of a standing pose with the left elbow at 60°.
std::vector<double> standing() {
  Pose p;
  p.set(DofId::left_elbow_flexion_extension, 60_deg);
  return synthesize_keypoints(Layout::blazepose33, body, p);
}
// BlazePose indices (layout.hpp): 13 left elbow, 15 left wrist.
constexpr std::size_t left_elbow = 13, left_wrist = 15;
JointAngles angles_of(const std::vector<double>& xyz, const std::vector<double>& vis = {}) {
  return keypoint_angles({Layout::blazepose33, xyz, vis});
}

std::vector<Row> rows() {
  std::vector<Row> t;
  const auto add = [&](std::string name, auto f, Outcome o) {
    t.push_back({std::move(name),
                 [f]() -> std::optional<JointAngles> {
                   if constexpr (std::is_void_v<decltype(f())>) {
                     f();
                     return std::nullopt;
                   } else {
                     return f();
                   }
                 },
                 std::move(o)});
  };
  const DofId hip = DofId::left_hip_flexion_extension, elbow = DofId::left_elbow_flexion_extension;

  // ---- numbers that are not angles ----
  add(
      "Pose::set NaN", [&] { Pose().set(hip, radians(nan_v)); }, error("left_hip_flexion_extension"));
  add(
      "Pose::set +inf", [&] { Pose().set(hip, radians(inf_v)); }, error("must be finite"));
  add(
      "Pose::set -inf degrees", [&] { Pose().set(hip, degrees(-inf_v)); }, error("must be finite"));
  add(
      "Pose::set denormal is a number", [&] { Pose().set(hip, radians(4.9e-324)); }, accepted());
  add(
      "Pose::set 1e300 degrees is a number", [&] { Pose().set(hip, degrees(1e300)); }, accepted());
  add(
      "Pose::set_thoracolumbar inf", [&] { Pose().set_thoracolumbar(Axis::axial_rotation, radians(inf_v)); },
      error("finite"));
  add(
      "Pose::set_thoracolumbar of a limb axis",
      [&] { Pose().set_thoracolumbar(Axis::internal_external_rotation, 0_deg); }, error("not a spinal axis"));
  add(
      "Pose::from_radians with inf",
      [&] {
        PoseVector v = PoseVector::Constant(nan_v);
        v[5] = inf_v;
        (void)Pose::from_radians(v);
      },
      error("infinite"));
  add(
      "Limits tolerance NaN",
      [&] {
        Limits l = Limits::defaults();
        l.with_tolerance(radians(nan_v));
      },
      error("tolerance"));
  add(
      "Limits tolerance negative",
      [&] {
        Limits l = Limits::defaults();
        l.with_tolerance(-1_deg);
      },
      error(">= 0"));
  add(
      "override lower above upper",
      [&] {
        Limits l = Limits::defaults();
        l.override_dof(hip, 10_deg, -10_deg);
      },
      error("override"));
  add(
      "override with NaN",
      [&] {
        Limits l = Limits::defaults();
        l.override_dof(hip, radians(nan_v), 10_deg);
      },
      error("override"));
  // ---- wrong sizes ----
  add(
      "Pose::from_radians of 38 values", [&] { (void)Pose::from_radians(Eigen::VectorXd::Zero(38)); }, error("got 38"));
  add(
      "keypoints of the wrong count", [&] { return angles_of(std::vector<double>(98, 0.0)); }, error("got 98"));
  add(
      "visibilities of the wrong count", [&] { return angles_of(standing(), std::vector<double>(5, 1.0)); },
      error("got 5"));
  add(
      "BatchChecker rows not a multiple of a pose",
      [&] {
        const Limits l = Limits::defaults();
        const BatchChecker k(l);
        std::vector<double> rows(dof_count + 1, 0.0);
        std::vector<std::uint8_t> v(1);
        BatchCounts counts;
        k.run(rows, v, counts);
      },
      error("multiple of"));
  // ---- unknown names and text that is not UTF-8 ----
  add(
      "unknown source key", [&] { (void)Limits::from_source("NOPE"); }, error("'NOPE'"));
  add(
      "override reason not UTF-8",
      [&] {
        Limits l = Limits::defaults();
        l.override_dof(hip, -10_deg, 90_deg,
                       "h\xE9"
                       "ft");
      },
      error("\\xe9"));
  add(
      "Monitor exit above enter",
      [&] {
        Exercise e = lumbar_spine_rocking_stretch();
        e.phase.exit_deg = e.phase.enter_deg + 1;
        const Monitor m(e);
        (void)m;
      },
      error("exit_deg"));
  add(
      "skeleton of negative height", [&] { (void)skeleton_from_height(-1.7); }, error("height"));
  // ---- keypoints: missing, low visibility, degenerate, ill-conditioned ----
  add(
      "NaN wrist is a missing point",
      [&] {
        auto xyz = standing();
        xyz[3 * left_wrist] = nan_v;
        return angles_of(xyz);
      },
      unknown(elbow, DofStatus::missing_segment));
  add(
      "infinite wrist is an error",
      [&] {
        auto xyz = standing();
        xyz[3 * left_wrist + 1] = inf_v;
        return angles_of(xyz);
      },
      error("keypoint 15"));
  add(
      "visibility above 1 is an error",
      [&] {
        std::vector<double> vis(33, 1.0);
        vis[left_elbow] = 1.5;
        return angles_of(standing(), vis);
      },
      error("keypoint 13"));
  add(
      "NaN visibility is an error",
      [&] {
        std::vector<double> vis(33, 1.0);
        vis[left_elbow] = nan_v;
        return angles_of(standing(), vis);
      },
      error("keypoint 13"));
  add(
      "low visibility elbow",
      [&] {
        std::vector<double> vis(33, 1.0);
        vis[left_elbow] = 0.1;
        return angles_of(standing(), vis);
      },
      unknown(elbow, DofStatus::low_confidence));
  add(
      "wrist on the elbow (zero-length forearm)",
      [&] {
        auto xyz = standing();
        for (int c = 0; c < 3; ++c) xyz[3 * left_wrist + c] = xyz[3 * left_elbow + c];
        return angles_of(xyz);
      },
      unknown(elbow, DofStatus::degenerate_geometry));
  add(
      "a 3.5 micrometre forearm",
      [&] {
        auto xyz = standing();
        for (int c = 0; c < 3; ++c) xyz[3 * left_wrist + c] = xyz[3 * left_elbow + c] + (c == 1 ? 3.5e-6 : 0);
        return angles_of(xyz);
      },
      unknown(elbow, DofStatus::degenerate_geometry));
  add(
      "every point at one place", [&] { return angles_of(std::vector<double>(99, 0.25)); },
      unknown(hip, DofStatus::degenerate_geometry));
  add(
      "body 1e15 m from the origin",
      [&] {
        auto xyz = standing();
        for (std::size_t i = 0; i < xyz.size(); i += 3) xyz[i] += 1e15;
        return angles_of(xyz);
      },
      unknown(elbow, DofStatus::ill_conditioned));
  add(
      "body scaled by 1e155 keeps its angles",
      [&] {
        auto xyz = standing();
        for (auto& v : xyz) v *= 1e155;
        return angles_of(xyz);
      },
      accepted());
  // ---- rotations that are not rotations ----
  const auto rotations = [](auto edit) {
    SegmentOrientations s = segment_orientations(Pose{});
    edit(s);
    return joint_angles(s);
  };
  add(
      "zero quaternion",
      [&] {
        return rotations([](SegmentOrientations& s) {
          s.q_global_segment[static_cast<std::size_t>(Segment::left_forearm)].coeffs().setZero();
        });
      },
      unknown(elbow, DofStatus::invalid_rotation));
  add(
      "NaN quaternion is a missing segment",
      [&] {
        return rotations([](SegmentOrientations& s) {
          s.q_global_segment[static_cast<std::size_t>(Segment::left_forearm)].coeffs().setConstant(nan_v);
          s.known.reset(static_cast<std::size_t>(Segment::left_forearm));
        });
      },
      unknown(elbow, DofStatus::missing_segment));
  add(
      "non-orthonormal matrix",
      [&] {
        return rotations(
            [](SegmentOrientations& s) { s.set(Segment::left_forearm, Eigen::Matrix3d::Identity() * 1.1); });
      },
      unknown(elbow, DofStatus::invalid_rotation));
  return t;
}

class CoreBadInput : public ::testing::TestWithParam<std::size_t> {};

TEST_P(CoreBadInput, GetsItsCatalogueOutcome) {
  const auto table = rows();
  const Row& row = table[GetParam()];
  SCOPED_TRACE(row.name);
  std::optional<JointAngles> got;
  try {
    got = row.call();
  } catch (const invalid_argument& e) {
    ASSERT_EQ(row.expected.kind, Outcome::error) << "unexpected error: " << e.what();
    EXPECT_NE(std::string(e.what()).find(row.expected.message), std::string::npos) << e.what();
    EXPECT_TRUE(detail::valid_utf8(e.what())) << e.what();
    return;
  }
  ASSERT_NE(row.expected.kind, Outcome::error) << "no error; expected one naming '" << row.expected.message << "'";
  if (row.expected.kind == Outcome::unknown) {
    ASSERT_TRUE(got.has_value());
    EXPECT_FALSE(got->pose.observed(row.expected.dof)) << to_string(row.expected.dof);
    EXPECT_EQ(to_string(got->status[index(row.expected.dof)]), to_string(row.expected.reason));
  }
  if (row.expected.kind == Outcome::accepted && got) {
    EXPECT_TRUE(got->pose.observed(DofId::left_elbow_flexion_extension));
    EXPECT_NEAR(rad_to_deg(to_radians(*got->pose.get(DofId::left_elbow_flexion_extension))), 60.0, 1e-6);
  }
}

INSTANTIATE_TEST_SUITE_P(Catalogue, CoreBadInput, ::testing::Range<std::size_t>(0, rows().size()),
                         [](const auto& info) {
                           std::string n = rows()[info.param].name;
                           for (auto& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

}  // namespace
