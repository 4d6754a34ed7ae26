// Pose JSON, profile JSON, angle-frame CSV, keypoint JSON and report writers,
// on the example files of data/examples, plus a deterministic mutation fuzz.
#include <arthrokin/detail/text.hpp>
#include <arthrokin/io/angle_csv.hpp>
#include <arthrokin/io/bvh_segments.hpp>
#include <arthrokin/io/exercise_json.hpp>
#include <arthrokin/io/keypoints_json.hpp>
#include <arthrokin/io/pose_json.hpp>
#include <arthrokin/io/profile_json.hpp>
#include <arthrokin/io/report_writers.hpp>
#include <arthrokin/io/smpl.hpp>
#include <arthrokin/io/trc.hpp>
#include <arthrokin/io/visual_report.hpp>
#include <report_json.hpp>  // src/io (internal): the report as a nlohmann::json value

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <random>
#include <sstream>
#include "support/files.hpp"

using namespace arthrokin;

namespace {
const std::string ex = std::string(ARTHROKIN_DATA_DIR) + "/examples/";

std::string slurp(const std::string& p) { return test_support::read_file(p); }

std::string error_of(auto&& f) {
  try {
    f();
  } catch (const parse_error& e) {
    return e.what();
  }
  return "(no error)";
}
}  // namespace

TEST(PoseJson, ExampleFile) {
  const Pose p = io::read_pose_json(ex + "pose_out_of_range.json");
  EXPECT_NEAR(to_degrees(*p.get(DofId::left_hip_internal_external_rotation)), 52.0, 1e-12);
  EXPECT_NEAR(to_degrees(*p.get(DofId::left_hip_flexion_extension)), 30.0, 1e-12);  // display name key
  EXPECT_FALSE(p.observed(DofId::cervical_axial_rotation));                         // null = unknown
  EXPECT_EQ(p.observed_count(), 3u);
}

TEST(PoseJson, DirectionNamesRadiansAndThoracolumbar) {
  const Pose w = io::read_pose_json(ex + "pose_within.json");
  EXPECT_NEAR(to_degrees(*w.get(DofId::right_shoulder_abduction_adduction)), -60.0, 1e-12);  // abduction = negative
  EXPECT_NEAR(to_degrees(*w.thoracolumbar(Axis::axial_rotation)), -15.0, 1e-12);
  const Pose r = io::read_pose_json(ex + "pose_radians.json");
  EXPECT_DOUBLE_EQ(to_radians(*r.get(DofId::left_elbow_flexion_extension)), 1.5707963267948966);
}

TEST(PoseJson, RoundTrip) {
  const Pose p = io::read_pose_json(ex + "pose_out_of_range.json");
  const Pose q = io::parse_pose_json(io::pose_to_json(p));
  for (DofId d : all_dofs) {
    ASSERT_EQ(p.observed(d), q.observed(d));
    if (p.observed(d)) {
      EXPECT_NEAR(to_radians(*p.get(d)), to_radians(*q.get(d)), 1e-12);
    }
  }
}

TEST(PoseJson, Errors) {
  EXPECT_EQ(error_of([] {
              (void)io::parse_pose_json(R"({"angles_deg": {"left hipp": 1}})", "p.json");
            }).rfind("p.json: angles_deg.left hipp: unknown DoF 'left hipp'", 0),
            0u);
  EXPECT_EQ(error_of([] { (void)io::parse_pose_json("{\n  \"angles_deg\": {,}\n}", "p.json"); }).rfind("p.json:2:", 0),
            0u);
  EXPECT_NE(error_of([] {
              (void)io::parse_pose_json(R"({"angles_deg": {"left_knee_flexion_extension": "10"}})", "p");
            }).find("expected a number"),
            std::string::npos);
  EXPECT_NE(
      error_of([] { (void)io::parse_pose_json(R"({"angles_deg": {}, "angles_rad": {}})", "p"); }).find("not both"),
      std::string::npos);
  EXPECT_NE(error_of([] { (void)io::parse_pose_json(R"({"angle_deg": {}})", "p"); }).find("angle_deg: unknown field"),
            std::string::npos);
  EXPECT_NE(error_of([] { (void)io::read_pose_json(ex + "nope.json"); }).find("nope.json: cannot open"),
            std::string::npos);
}

// Profile: AAOS94 + 5° tolerance + override + composite + restriction. Expected values from the brief's
// example and rom_norms.csv, not from the code.
TEST(ProfileJson, ExampleFile) {
  const Limits l = io::read_profile_json(ex + "profile_after_hip_arthroplasty.json");
  EXPECT_NEAR(to_degrees(l.tolerance()), 5.0, 1e-12);
  const auto& hip = l[DofId::left_hip_flexion_extension];
  EXPECT_NEAR(rad_to_deg(hip.lower.radians), -10.0, 1e-12);
  EXPECT_NEAR(rad_to_deg(hip.upper.radians), 90.0, 1e-12);
  EXPECT_EQ(hip.upper.user_label(), "after hip arthroplasty");
  EXPECT_TRUE(l.active(DofId::right_knee_flexion_extension));
  EXPECT_FALSE(l.active(DofId::left_shoulder_flexion_extension));
  bool found = false;
  for (std::size_t k = 0; k < l.composite_count(); ++k)
    if (l.composite(k).name == "hip_adduction_plus_internal_rotation" && l.composite(k).side == Side::left)
      found = l.composite_active(k);
  EXPECT_TRUE(found);
  // 52° internal rotation vs the default 40° (VA summary: AAOS94 has no hip rotation): 12° > 5° tolerance.
  Pose p;
  p.set(DofId::left_hip_internal_external_rotation, degrees(52));
  EXPECT_EQ(check(p, l).overall, Verdict::out_of_range);
  p.set(DofId::left_hip_internal_external_rotation, degrees(44.5));
  EXPECT_EQ(check(p, l).overall, Verdict::within_range_partial);  // one DoF observed (issue 13)
}

TEST(ProfileJson, ModelAndErrors) {
  const Limits m = io::read_profile_json(ex + "profile_model.json");
  EXPECT_EQ(m[DofId::left_hip_flexion_extension].upper.origin, Origin::model);
  EXPECT_NE(error_of([] {
              (void)io::parse_profile_json(R"({"source": "AAOS9"})", "p.json");
            }).find("p.json: source: unknown source key 'AAOS9'"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              (void)io::parse_profile_json(R"({"restrict_to": ["hips"]})", "p.json");
            }).find("restrict_to[0]: unknown joint 'hips'"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              (void)io::parse_profile_json(R"({"overrides": [{"dof": "left_knee_flexion_extension", "lower_deg": 5,
                                               "upper_deg": 1}]})",
                                           "p.json");
            }).find("overrides[0]: lower_deg must be below upper_deg"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              (void)io::parse_profile_json(R"({"composites": [{"name": "x", "source": "Seed"}]})", "p");
            }).find("unknown composite 'x'"),
            std::string::npos);
}

// "context" chooses the measurement context of the default set: weight-bearing dorsiflexion is
// mean + 2 SD of Calatayud's lunge (40.6 +- 5.2 deg); with a source or a model it is an error.
TEST(ProfileJson, Context) {
  const Limits l = io::parse_profile_json(R"({"context": "weight_bearing", "tolerance_deg": 1})", "p.json");
  EXPECT_EQ(l.context(), Context::weight_bearing);
  EXPECT_NEAR(rad_to_deg(l[DofId::left_ankle_dorsiflexion_plantarflexion].upper.radians), 40.6 + 2 * 5.2, 1e-9);
  EXPECT_EQ(io::parse_profile_json(R"({"context": "unspecified", "source": "VA"})", "p.json").context(),
            Context::unspecified);
  EXPECT_NE(error_of([] {
              (void)io::parse_profile_json(R"({"context": "standing"})", "p.json");
            }).find("p.json: context: unknown context 'standing'"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              (void)io::parse_profile_json(R"({"context": "passive", "source": "AAOS"})", "p.json");
            }).find("context: a context chooses among the default norms"),
            std::string::npos);
}

TEST(AngleCsv, ExampleFile) {
  const auto f = io::read_angle_csv(ex + "angle_frames.csv");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_DOUBLE_EQ(f.time_s[2], 0.2);
  EXPECT_NEAR(to_degrees(*f.poses[2].get(DofId::left_hip_internal_external_rotation)), 52, 1e-12);
  EXPECT_FALSE(f.poses[1].observed(DofId::left_knee_flexion_extension));                     // empty cell
  EXPECT_FALSE(f.poses[2].observed(DofId::right_elbow_flexion_extension));                   // NaN
  EXPECT_DOUBLE_EQ(to_radians(*f.poses[1].get(DofId::right_elbow_flexion_extension)), 1.0);  // _rad column
  EXPECT_NEAR(to_degrees(*f.poses[2].thoracolumbar(Axis::axial_rotation)), -50, 1e-12);
}

TEST(AngleCsv, WriteReadRoundTrip) {
  const auto f = io::read_angle_csv(ex + "angle_frames.csv");
  std::ostringstream s;
  io::write_angle_csv(s, f);
  const auto g = io::parse_angle_csv(s.str());
  ASSERT_EQ(g.size(), f.size());
  for (std::size_t i = 0; i < f.size(); ++i)
    for (DofId d : all_dofs) {
      ASSERT_EQ(f.poses[i].observed(d), g.poses[i].observed(d));
      if (f.poses[i].observed(d)) {
        EXPECT_NEAR(to_degrees(*f.poses[i].get(d)), to_degrees(*g.poses[i].get(d)), 1e-6);
      }
    }
}

TEST(AngleCsv, Errors) {
  EXPECT_EQ(error_of([] {
              (void)io::parse_angle_csv("time_s,left_knee_flexion_extension_deg\n0,1\n1,2,3\n", "a.csv");
            }).rfind("a.csv:3: expected 2 fields", 0),
            0u);
  EXPECT_EQ(error_of([] {
              (void)io::parse_angle_csv("time_s,left_knee_flexion_extension\n", "a.csv");
            }).rfind("a.csv:1:2: header: column 'left_knee_flexion_extension' has no unit suffix", 0),
            0u);
  EXPECT_NE(
      error_of([] { (void)io::parse_angle_csv("time_s,left_knee_deg\n", "a.csv"); }).find("unknown DoF 'left_knee'"),
      std::string::npos);
  EXPECT_NE(error_of([] {
              (void)io::parse_angle_csv("time_s,left_knee_flexion_extension_deg\n0,abc\n", "a.csv");
            }).find("a.csv:2:2:"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              (void)io::parse_angle_csv("time_s,left_knee_flexion_extension_deg\n0,inf\n", "a.csv");
            }).find("a.csv:2:2: 'inf' is not a finite number"),
            std::string::npos);
}

TEST(KeypointJson, LayoutAndErrors) {
  std::string pts;
  for (int k = 0; k < 17; ++k) pts += std::string(k ? "," : "") + "[" + std::to_string(k) + ",1,2]";
  const auto k = io::parse_keypoints_json(R"({"layout": "coco17", "fps": 25, "frames": [[)" + pts + "]]}", "k.json");
  EXPECT_EQ(k.table.frames, 1u);
  EXPECT_EQ(*k.fps, 25.0);
  EXPECT_DOUBLE_EQ(k.table.xyz[3 * 16], 16.0);
  EXPECT_NE(error_of([] {
              (void)io::parse_keypoints_json(R"({"layout": "coco18", "frames": []})", "k.json");
            }).find("unknown layout 'coco18'"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              (void)io::parse_keypoints_json(R"({"layout": "coco17", "frames": [[[1,2,3]]]})", "k.json");
            }).find("frames[0]: expected 17 points"),
            std::string::npos);
}

TEST(ReportWriters, JsonAndCsv) {
  Pose p;
  p.set(DofId::left_hip_internal_external_rotation, degrees(52));
  const Limits l = Limits::from_source("AAOS");
  const Report r = check(p, l);
  const auto j = io::report_to_json_value(r);
  EXPECT_EQ(j["verdict"], "out_of_range");
  const auto& d = j["dofs"][index(DofId::left_hip_internal_external_rotation)];
  EXPECT_EQ(d["status"], "above");
  EXPECT_NEAR(d["excess_deg"].get<double>(), 7.0, 1e-9);  // 52 - 45 (rom_norms.csv, AAOS)
  EXPECT_NEAR(d["upper"]["deg"].get<double>(), 45.0, 1e-9);
  EXPECT_EQ(d["upper"]["source"], "AAOS");
  EXPECT_EQ(d["upper"]["tag"], "S");
  EXPECT_TRUE(j["dofs"][0]["value_deg"].is_null());
  const std::string csv = io::report_to_csv(r);
  EXPECT_NE(csv.find("\nleft_hip_internal_external_rotation,above,52,7,-45,AAOS,S,45,AAOS,S,\"left hip internal"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("\noverall,out_of_range,"), std::string::npos);
  const std::string svg = io::body_figure_svg(r);
  EXPECT_NE(svg.find("left hip: out of range"), std::string::npos);
  EXPECT_NE(svg.find("right hip: unknown"), std::string::npos);
}

// A user's text that is not UTF-8 (an override reason given through the C API or Python) must not
// make the JSON writer throw nlohmann's type_error 316: it is written with U+FFFD instead.
// A reason that is not UTF-8 never reaches a writer: Limits refuse it (limits.hpp); a valid
// multi-byte reason is written as it is, and every writer's output is valid UTF-8.
TEST(ReportWriters, ReasonsInReportsAreValidUtf8) {
  Limits l = Limits::from_source("AAOS");
  EXPECT_THROW(l.override_dof(DofId::left_knee_flexion_extension, degrees(0), degrees(120),
                              "ca\xff"
                              "fe \xC3"),
               invalid_argument);
  l.override_dof(DofId::left_knee_flexion_extension, degrees(0), degrees(120), "caf\xC3\xA9 apr\xC3\xA8s LCA");
  Pose p;
  p.set(DofId::left_knee_flexion_extension, degrees(30));
  const Report r = check(p, l);
  std::string json;
  ASSERT_NO_THROW(json = io::report_to_json(r));
  EXPECT_TRUE(arthrokin::detail::valid_utf8(json));
  const auto v = nlohmann::json::parse(json);
  EXPECT_EQ(v["dofs"][index(DofId::left_knee_flexion_extension)]["lower"]["reason"], "caf\xC3\xA9 apr\xC3\xA8s LCA");
  EXPECT_NO_THROW((void)io::report_to_json_value(r).dump());
  EXPECT_TRUE(arthrokin::detail::valid_utf8(io::report_to_csv(r)));
}

// Limits keep 63 bytes of an override reason: a reason of 40 'é' (80 bytes) read from a profile is
// cut after 31 of them (62 bytes), not inside the 32nd, so the report stays UTF-8.
TEST(ProfileJson, LongReasonIsCutAtACodePoint) {
  std::string e40;
  for (int i = 0; i < 40; ++i) e40 += "\xC3\xA9";
  const Limits l = io::parse_profile_json(
      R"({"overrides": [{"dof": "left_knee_flexion_extension", "lower_deg": 0, "upper_deg": 120, "reason": ")" + e40 +
          "\"}]}",
      "p.json");
  EXPECT_EQ(l[DofId::left_knee_flexion_extension].lower.user_label(), e40.substr(0, 62));
  Pose p;
  p.set(DofId::left_knee_flexion_extension, degrees(30));
  std::string json;
  ASSERT_NO_THROW(json = io::report_to_json(check(p, l)));
  EXPECT_TRUE(arthrokin::detail::valid_utf8(json));
}

TEST(ExerciseJson, InvalidUtf8IsWrittenAsReplacementNotThrown) {
  Exercise e =
      io::parse_exercise_json(slurp(std::string(ARTHROKIN_DATA_DIR) + "/exercises/lumbar_spine_rocking_stretch.json"));
  e.name = "rocking \xff stretch";
  std::string json;
  ASSERT_NO_THROW(json = io::exercise_to_json(e));
  EXPECT_TRUE(arthrokin::detail::valid_utf8(json));
  EXPECT_EQ(io::parse_exercise_json(json).name, "rocking \xEF\xBF\xBD stretch");
}

// The CLI tells keypoint JSON from a pose by a top-level "frames" key, without building a DOM.
TEST(KeypointJson, IsKeypointsJson) {
  EXPECT_TRUE(io::is_keypoints_json(R"({"layout": "coco17", "frames": []})"));
  EXPECT_TRUE(io::is_keypoints_json("\xEF\xBB\xBF {\"comment\": {\"frames\": 1}, \"frames\": 2}"));
  EXPECT_FALSE(io::is_keypoints_json(R"({"angles_deg": {"frames": 1}, "comment": "frames"})"));
  EXPECT_FALSE(io::is_keypoints_json(R"({"comment": "\"frames\"", "angles_deg": {}})"));
  EXPECT_FALSE(io::is_keypoints_json(R"([{"frames": []}])"));
  EXPECT_FALSE(io::is_keypoints_json(""));
  EXPECT_FALSE(io::is_keypoints_json("{\"comment\": " + std::string(1'000'000, '[')));
}

// Values a CSV accepts (finite, but where a step of 2 does not move a double, or whose range
// overflows) must still give a plot: the tick loops used to run forever on them.
TEST(SeriesPlot, HugeAndConstantValuesTerminate) {
  io::SeriesPlot p;
  p.title = "knee";
  p.t_s = {1e17, 1e17 + 16};
  p.deg = {1e17, 1e17};
  EXPECT_NE(io::series_plot_svg(p).find("</svg>"), std::string::npos);
  p.t_s = {0, 1};
  p.deg = {-1.7e308, 1.7e308};
  EXPECT_NE(io::series_plot_svg(p).find("</svg>"), std::string::npos);
  p.t_s = {1e300, 1e300};
  p.deg = {5, 5};
  EXPECT_NE(io::series_plot_svg(p).find("</svg>"), std::string::npos);
}

// Deterministic mutation fuzz: every mutated input either parses or throws parse_error.
namespace {
std::string mutate(const std::string& s, std::mt19937& rng) {
  std::string m = s;
  const int n = 1 + static_cast<int>(rng() % 4);
  const char alphabet[] = "{}[],:\"0123456789.-+eE \n\rnNaultrfs_#\\\xC2\xB0";
  for (int i = 0; i < n; ++i) {
    const std::size_t pos = m.empty() ? 0 : rng() % m.size();
    switch (rng() % 5) {
      case 0:
        if (!m.empty()) m.erase(pos, 1 + rng() % 8);
        break;
      case 1:
        m.insert(pos, 1, alphabet[rng() % (sizeof alphabet - 1)]);
        break;
      case 2:
        if (!m.empty()) m[pos] = alphabet[rng() % (sizeof alphabet - 1)];
        break;
      case 3:
        if (!m.empty()) m.insert(pos, m.substr(rng() % m.size(), rng() % 32));
        break;
      case 4:
        m = m.substr(0, pos);
        break;
    }
  }
  return m;
}

template <class F>
void fuzz(const std::string& seed_text, unsigned seed, int n, F&& parse) {
  std::mt19937 rng(seed);
  int ok = 0, errors = 0;
  for (int i = 0; i < n; ++i) {
    const std::string m = mutate(seed_text, rng);
    try {
      parse(m);
      ++ok;
    } catch (const parse_error&) {
      ++errors;
    } catch (const std::exception& e) {
      ADD_FAILURE() << "not a parse_error: " << e.what() << "\ninput:\n" << m;
      return;
    }
  }
  EXPECT_GT(errors, 0);
  EXPECT_GT(ok, 0);
}
}  // namespace

TEST(FormatsFuzz, PoseJson) {
  fuzz(slurp(ex + "pose_within.json"), 1, 4000, [](const std::string& s) { (void)io::parse_pose_json(s, "f"); });
}
TEST(FormatsFuzz, ProfileJson) {
  fuzz(slurp(ex + "profile_after_hip_arthroplasty.json"), 2, 2000,
       [](const std::string& s) { (void)io::parse_profile_json(s, "f"); });
}
TEST(FormatsFuzz, AngleCsv) {
  fuzz(slurp(ex + "angle_frames.csv"), 3, 4000, [](const std::string& s) { (void)io::parse_angle_csv(s, "f"); });
}
TEST(FormatsFuzz, KeypointJson) {
  std::string pts;
  for (int k = 0; k < 17; ++k) pts += std::string(k ? "," : "") + "[0.1,0.2,0.3,0.9]";
  fuzz(R"({"layout": "coco17", "fps": 30, "frames": [[)" + pts + "]]}", 4, 3000,
       [](const std::string& s) { (void)io::parse_keypoints_json(s, "f"); });
}

// The readers of issue 16 (item 4, 5): .trc markers, SMPL .npy/.npz, BVH mapping files.
TEST(FormatsFuzz, Trc) {
  // The real Pose2Sim trial's header and first 3 frames (NumFrames 100 → 3).
  std::istringstream in(slurp(std::string(ARTHROKIN_DATA_DIR) +
                              "/samples/pose2sim_balancing/BalancingTrial_0-100_3d_filt_butterworth.trc"));
  std::string seed, line;
  for (int i = 0; i < 8 && std::getline(in, line); ++i) {
    if (i == 2) line.replace(line.find("\t100\t"), 5, "\t3\t");
    seed += line + "\n";
  }
  ASSERT_NO_THROW((void)io::parse_trc(seed, "seed"));
  fuzz(seed, 7, 3000, [](const std::string& s) { (void)io::parse_trc(s, "f"); });
}
TEST(FormatsFuzz, SmplNpz) {
  std::vector<double> frames(2 * 66);
  for (std::size_t i = 0; i < frames.size(); ++i) frames[i] = 0.01 * static_cast<double>(i % 17);
  fuzz(io::write_smpl_npz(frames, 30.0), 8, 3000, [](const std::string& s) { (void)io::parse_smpl_npz(s, "f"); });
}
TEST(FormatsFuzz, BvhMappingJson) {
  ASSERT_NO_THROW((void)io::parse_bvh_mapping_json(
      R"({"Hips": "pelvis", "LeftUpLeg": "left_thigh", "LeftLeg": "left_shank", "LeftFoot": "left_foot", "LeftToeBase": "left_foot:distal"})",
      "seed"));
  fuzz(
      R"({"Hips": "pelvis", "LeftUpLeg": "left_thigh", "LeftLeg": "left_shank", "LeftFoot": "left_foot", "LeftToeBase": "left_foot:distal"})",
      9, 3000, [](const std::string& s) { (void)io::parse_bvh_mapping_json(s, "f"); });
}
