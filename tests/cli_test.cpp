// Runs the built `arthrokin` tool on real files and checks exit codes and output.
// Expected values come from the input files themselves (frame counts, the
// reference CSV's limits), never from the tool's output.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <arthrokin/detail/text.hpp>
#include <arthrokin/exercise/monitor.hpp>
#include <arthrokin/io/angle_csv.hpp>
#include <arthrokin/io/visual_report.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/cli_run.hpp"
#include "support/csv.hpp"

namespace {

namespace fs = std::filesystem;
using arthrokin::test::CliResult;
using arthrokin::test::fresh_dir;
using arthrokin::test::quote;
using arthrokin::test::run_cli;
using arthrokin::test::slurp;

const std::string data = ARTHROKIN_DATA_DIR;
const std::string ex = data + "/examples/";

using Result = CliResult;
Result run(const std::string& args) { return run_cli(args); }

std::size_t lines(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (arthrokin::test::cli_path().empty()) GTEST_SKIP() << "built without the CLI";
  }
};

// rom_norms.csv: hip internal rotation 45 (AAOS, S). 52 > 45 → out of range, exit 1, excess 7°.
TEST_F(Cli, CheckPoseOutOfRangeAgainstAaos) {
  const Result r = run("--source AAOS check " + ex + "pose_out_of_range.json");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.out.find("left hip internal rotation 52\xC2\xB0 is 7\xC2\xB0 beyond the normal 45\xC2\xB0"),
            std::string::npos)
      << r.out;
}

// `norms --effective` writes a bound with the fields of the JSON reports and of Python's
// Limits.bounds (issue 12: one field set; "origin" and, for an override, "reason" were added).
TEST_F(Cli, NormsEffectiveBoundsHaveTheReportFields) {
  const Result r = run("--format json norms --effective --joint hip");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"origin\": \"table\""), std::string::npos) << r.out;
  const Result p =
      run("--format json --profile " + ex + "profile_after_hip_arthroplasty.json norms --effective --joint hip");
  EXPECT_EQ(p.code, 0) << p.err;
  EXPECT_NE(p.out.find("\"origin\": \"user\""), std::string::npos) << p.out;
  EXPECT_NE(p.out.find("\"reason\": "), std::string::npos) << p.out;
}

// --context: dorsiflexion 25 deg is beyond the 20 deg default (VA, Merck; used as the passive
// context's fallback) and within the weight-bearing end, mean + 2 SD of a weight-bearing lunge
// (Calatayud et al. 2015: 40.6 +- 5.2 deg -> 51 deg). A bad context, or --context with --source,
// is a usage error (exit 2).
TEST_F(Cli, ContextChoosesTheWeightBearingDorsiflexion) {
  const std::string dir = fresh_dir("context");
  std::ofstream(dir + "df25.json") << R"({"angles_deg": {"left_ankle_dorsiflexion_plantarflexion": 25}})";
  const Result passive = run("--context passive check " + dir + "df25.json");
  EXPECT_EQ(passive.code, 1) << passive.out;
  EXPECT_NE(passive.out.find("no passive norm"), std::string::npos) << passive.out;
  EXPECT_EQ(run("check " + dir + "df25.json").code, 1);
  const Result loaded = run("--context weight_bearing check " + dir + "df25.json");
  EXPECT_EQ(loaded.code, 0) << loaded.out << loaded.err;
  EXPECT_NE(loaded.out.find("51\xC2\xB0"), std::string::npos) << loaded.out;
  EXPECT_NE(loaded.out.find("mean + 2 SD"), std::string::npos) << loaded.out;
  EXPECT_EQ(run("--context standing check " + dir + "df25.json").code, 2);
  EXPECT_EQ(run("--context weight_bearing --source VA check " + dir + "df25.json").code, 2);
}

// --no-two-joint / --no-shoulder-region: hip flexion 110 deg with the knee straight is beyond the
// two-joint limit (90 deg, Magee) and within the hip's own 125 deg (38 CFR 4.71a); the shoulder's DoFs
// are decided by the region unless it is switched off.
TEST_F(Cli, RuleSwitchesLeaveDoFsToTheirOwnRanges) {
  const std::string dir = fresh_dir("rules");
  std::ofstream(dir + "slr.json")
      << R"({"angles_deg": {"left_hip_flexion_extension": 110, "left_knee_flexion_extension": 0}})";
  const Result on = run("--format json check " + dir + "slr.json");
  EXPECT_EQ(on.code, 1) << on.out << on.err;
  EXPECT_NE(on.out.find("\"decided_by\": \"two_joint\""), std::string::npos) << on.out;
  const Result off = run("--format json --no-two-joint check " + dir + "slr.json");
  EXPECT_EQ(off.code, 0) << off.out << off.err;
  EXPECT_EQ(off.out.find("\"two_joint\""), std::string::npos) << off.out;
  std::ofstream(dir + "arm.json")
      << R"({"angles_deg": {"right_shoulder_flexion_extension": 30, "right_shoulder_abduction_adduction": -30}})";
  const Result region = run("--format json check " + dir + "arm.json");
  EXPECT_NE(region.out.find("\"decided_by\": \"region\""), std::string::npos) << region.out;
  const Result single = run("--format json --no-shoulder-region check " + dir + "arm.json");
  EXPECT_EQ(single.code, 0) << single.out << single.err;
  EXPECT_EQ(single.out.find("\"region\""), std::string::npos) << single.out;
}

TEST_F(Cli, CheckPoseWithinExit0AndJson) {
  const Result r = run("--format json check " + ex + "pose_within.json");
  EXPECT_EQ(r.code, 0) << r.err;
  // the example names a few DoFs, not all 39: within range, and said to be partial (issue 13)
  EXPECT_NE(r.out.find("\"verdict\": \"within_range_partial\""), std::string::npos) << r.out;
  // "right shoulder abduction": 60 is -60 on the abduction/adduction axis (adduction positive).
  EXPECT_NE(r.out.find("\"value_deg\": -60"), std::string::npos) << r.out;
}

// Profile: override left hip flexion to [-10, 90]; hip flexion 95 is 5° beyond 90 but the
// profile's tolerance is 5° → within; 96 → out.
TEST_F(Cli, ProfileOverrideAndTolerance) {
  const std::string dir = fresh_dir("profile");
  std::ofstream(dir + "p95.json") << R"({"angles_deg": {"left_hip_flexion_extension": 95}})";
  std::ofstream(dir + "p96.json") << R"({"angles_deg": {"left_hip_flexion_extension": 96}})";
  const std::string prof = "--profile " + ex + "profile_after_hip_arthroplasty.json";
  EXPECT_EQ(run(prof + " check " + dir + "p95.json").code, 0);
  const Result r = run(prof + " check " + dir + "p96.json");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("after hip arthroplasty"), std::string::npos) << r.out;
}

// The example CSV has 3 frames; frame 2 has hip IR 52 (> 40, VA summary default) and
// thoracolumbar rotation -50 (> 30 each way, 38 CFR 4.71a).
TEST_F(Cli, CheckAngleCsvFrames) {
  const Result r = run("check " + ex + "angle_frames.csv");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.out.find("1 of 3 frames out of range"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("thoracolumbar rotation to the left 50"), std::string::npos) << r.out;
}

TEST_F(Cli, AnglesFromBvhHasOneRowPerFrame) {
  const Result r = run("angles " + data + "/samples/bvh/131_01_start_walk_stop.bvh");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(lines(r.out), 994u + 1u);  // "Frames: 994" in the file, plus the header
  EXPECT_EQ(r.out.rfind("time_s,cervical_flexion_extension_deg,", 0), 0u);
}

// Any BVH rig (docs/bvh.md, "Any rig"): the walk with every joint renamed "J_<name>" is a rig no
// built-in table knows. Read as it is, it says which core limb joints stay unknown; with a mapping
// file naming its joints it gives the angles of the original file, frame for frame.
TEST_F(Cli, BvhMappingFileAndMissingJointsWarning) {
  const std::string walk = data + "/samples/bvh/131_01_start_walk_stop.bvh";
  std::string text = slurp(walk);
  for (const std::string kw : {"ROOT ", "JOINT "})
    for (std::size_t p = text.find(kw); p != std::string::npos; p = text.find(kw, p + 1))
      text.insert(p + kw.size(), "J_");
  const std::string dir = fresh_dir("bvh_map");
  std::ofstream(dir + "odd.bvh", std::ios::binary) << text;
  std::ofstream(dir + "odd.json") << R"({
    "J_Hips": "pelvis", "J_lowerback": "abdomen", "J_Chest2": "thorax", "J_Head": "head",
    "J_LeftShoulder": "left_upper_arm", "J_LeftElbow": "left_forearm", "J_LeftWrist": "left_forearm:distal",
    "J_lhand": "left_hand", "J_LFingers": "left_hand:distal",
    "J_RightShoulder": "right_upper_arm", "J_RightElbow": "right_forearm", "J_RightWrist": "right_forearm:distal",
    "J_rhand": "right_hand", "J_RFingers": "right_hand:distal",
    "J_LeftHip": "left_thigh", "J_LeftKnee": "left_shank", "J_LeftAnkle": "left_foot", "J_LeftToe": "left_foot:distal",
    "J_RightHip": "right_thigh", "J_RightKnee": "right_shank", "J_RightAnkle": "right_foot",
    "J_RightToe": "right_foot:distal"
  })";
  const Result unmapped = run("angles " + quote(dir + "odd.bvh"));
  EXPECT_EQ(unmapped.code, 0) << unmapped.err;
  EXPECT_NE(unmapped.err.find("map no segment for 10 core limb joint(s), whose angles are unknown: left shoulder (no "
                              "thorax, left_upper_arm); left elbow (no left_upper_arm, left_forearm)"),
            std::string::npos)
      << unmapped.err;
  const Result scan = run("--format json scan --no-progress " + quote(dir + "odd.bvh"));
  const auto j = nlohmann::json::parse(scan.out);
  EXPECT_EQ(j.at("files_with_warnings"), 1);
  ASSERT_EQ(j.at("files").at(0).at("warnings").size(), 1u);
  const Result original = run("angles " + walk),
               mapped = run("angles " + quote(dir + "odd.bvh") + " --bvh-map " + quote(dir + "odd.json"));
  ASSERT_EQ(mapped.code, 0) << mapped.err;
  EXPECT_EQ(mapped.err.find("warning"), std::string::npos) << mapped.err;
  EXPECT_EQ(mapped.out, original.out);
  // A map naming joints the file does not have says which.
  const Result other = run("angles " + walk + " --bvh-map " + quote(dir + "odd.json"));
  EXPECT_NE(other.err.find("names joints not in the file: J_Hips, J_lowerback"), std::string::npos) << other.err;
}

// A Frames: count off by a few lines (here 4 of 994) is a warning, and the frames present are read.
TEST_F(Cli, BvhFrameCountOffByAFewLinesIsAWarning) {
  std::string text = slurp(data + "/samples/bvh/131_01_start_walk_stop.bvh");
  const auto p = text.find("Frames: 994");
  ASSERT_NE(p, std::string::npos);
  text.replace(p, 11, "Frames: 990");
  const std::string dir = fresh_dir("bvh_frames");
  std::ofstream(dir + "walk990.bvh", std::ios::binary) << text;
  const Result r = run("angles " + quote(dir + "walk990.bvh"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(lines(r.out), 994u + 1u);
  EXPECT_NE(r.err.find("walk990.bvh: Frames: header says 990 frames, file has 994 frame lines; read 994 frames"),
            std::string::npos)
      << r.err;
  const Result s = run("scan --no-progress " + quote(dir + "walk990.bvh"));
  EXPECT_NE(s.out.find("994 frames"), std::string::npos) << s.out;
  EXPECT_NE(s.out.find("1 warning(s)"), std::string::npos) << s.out;
  EXPECT_NE(s.out.find("1 with warnings"), std::string::npos) << s.out;
}

// Neutral calibration of BVH input (docs/cli.md): the CMU walk's first frame is not a standing
// neutral (tests/calibration_test.cpp), so a whole-body calibration from it is refused; the hands
// alone calibrate, and the calibrated frame reads 0 on the wrists.
TEST_F(Cli, BvhNeutralCalibrationOptions) {
  const std::string walk = data + "/samples/bvh/131_01_start_walk_stop.bvh";
  const Result refused = run("angles " + walk + " --neutral-frame 0");
  EXPECT_EQ(refused.code, 2);
  EXPECT_NE(refused.err.find("not the declared posture"), std::string::npos) << refused.err;
  const Result r = run("angles " + walk + " --neutral-frame 0 --neutral-segments left_hand,right_hand");
  ASSERT_EQ(r.code, 0) << r.err;
  std::istringstream in(r.out);
  std::string header, first;
  std::getline(in, header);
  std::getline(in, first);
  const auto column = [&](const std::string& name) {
    std::istringstream h(header), f(first);
    std::string a, b;
    while (std::getline(h, a, ',') && std::getline(f, b, ','))
      if (a == name) return std::stod(b);
    return std::nan("");
  };
  for (const char* d : {"left_wrist_flexion_extension_deg", "left_wrist_radial_ulnar_deviation_deg",
                        "right_wrist_flexion_extension_deg", "right_wrist_radial_ulnar_deviation_deg"})
    EXPECT_NEAR(column(d), 0.0, 1e-5) << d;
  const Result not_bvh = run("angles " + data + "/samples/blazepose/pose_landmarks.csv --neutral-frame 0");
  EXPECT_EQ(not_bvh.code, 2);
  EXPECT_NE(not_bvh.err.find("BVH input only"), std::string::npos) << not_bvh.err;
  for (const char* bad : {" --neutral-frame 0 --neutral sitting", " --neutral-frame 5-2", " --neutral-frame 994",
                          " --neutral-frame 0 --neutral-segments left_paw", " --neutral-frame x"}) {
    const Result b = run("angles " + walk + bad);
    EXPECT_EQ(b.code, 2) << bad;
    EXPECT_NE(b.err.find("usage error"), std::string::npos) << bad << ": " << b.err;
  }
}

TEST_F(Cli, AnglesFromBlazePoseCsvRoundTripsThroughCheck) {
  const std::string out = fresh_dir("round_trip") + "bal_angles.csv";
  const Result r = run("angles " + data + "/samples/blazepose_world/balancing_trial_cam01_world.csv -o " + out);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(lines(slurp(out)), 100u + 1u);  // 100 data rows in the sample
  const Result c = run("--format json check " + out);
  EXPECT_TRUE(c.code == 0 || c.code == 1) << c.err;
  EXPECT_NE(c.out.find("\"frames\": 100"), std::string::npos);
}

TEST_F(Cli, ScanFolderCountsFrames) {
  const Result r = run("--format json scan --no-progress " + data + "/samples/bvh");
  EXPECT_TRUE(r.code == 0 || r.code == 1) << r.err;
  EXPECT_NE(r.out.find("\"frames\": 994"), std::string::npos) << r.out.substr(0, 400);
  EXPECT_EQ(r.err.find('\r'), std::string::npos) << "no progress bar when stderr is not a terminal";
}

TEST_F(Cli, ScanWritesHtmlAndSvg) {
  const std::string dir = fresh_dir("scan_html");
  const Result r = run("scan " + ex + "angle_frames.csv --html " + dir + "s.html --svg " + dir + "s.svg");
  EXPECT_EQ(r.code, 1) << r.err;
  const std::string html = slurp(dir + "s.html"), svg = slurp(dir + "s.svg");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html.find("http://") == std::string::npos || html.find("src=") == std::string::npos, true);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("left hip internal/external rotation"), std::string::npos);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("#d62728"), std::string::npos);  // a red (out of range) joint
}

TEST_F(Cli, MusclesMovers) {
  const Result r = run("--format csv muscles movers \"left hip internal rotation\"");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find(",right,"), std::string::npos) << "a left hip motion has only left movers";
  EXPECT_NE(r.out.find(",left,"), std::string::npos) << r.out;
}

TEST_F(Cli, MusclesStretched) {
  const Result r = run("muscles stretched " + ex + "pose_out_of_range.json");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("lengthened"), std::string::npos);
}

TEST_F(Cli, ExerciseOnAngleCsv) {
  const Result r = run("--format json exercise " + ex + "rocking_session.csv");
  EXPECT_TRUE(r.code == 0 || r.code == 1) << r.err;
  EXPECT_NE(r.out.find("\"repetitions\""), std::string::npos) << r.out;
}

TEST_F(Cli, NormsAgeSexSaysGroupMeans) {
  const Result r = run("norms --joint hip --age 30 --sex F");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("GROUP MEANS"), std::string::npos) << r.out;
  const Result s = run("--format csv norms --joint knee --source VA");
  EXPECT_EQ(s.code, 0);
  EXPECT_NE(s.out.find("knee,flexion_extension,flexion,140,VA,V"), std::string::npos) << s.out;  // rom_norms.csv row
}

// Bad input on every subcommand: exit 2, a message naming the problem, nothing on a crash path.
TEST_F(Cli, BadInputExit2) {
  const std::string dir = fresh_dir("bad_input");
  std::ofstream(dir + "bad.json") << R"({"angles_deg": {"left_hip_flexion_extension": 10,)";
  std::ofstream(dir + "unknown_dof.json") << R"({"angles_deg": {"left hipp flexion": 10}})";
  std::ofstream(dir + "cols.csv") << "time_s,left_knee_flexion_extension_deg\n0,10\n0.1,10,3\n";
  std::ofstream(dir + "nounit.csv") << "time_s,left_knee_flexion_extension\n0,10\n";
  std::ofstream(dir + "bad_profile.json")
      << R"({"source": "AAOS94", "overrides": [{"dof": "knee", "lower_deg": 0, "upper_deg": 1}]})";
  struct Case {
    std::string args, message;
  };
  const std::array<Case, 14> cases{{
      {"check " + dir + "bad.json", "bad.json:1:"},
      {"check " + dir + "unknown_dof.json", "unknown DoF 'left hipp flexion'"},
      {"check " + dir + "cols.csv", "cols.csv:3: expected 2 fields"},
      {"check " + dir + "nounit.csv", "no unit suffix"},
      {"check " + dir + "missing.json", "missing.json: no such file"},
      {"--profile " + dir + "bad_profile.json check " + ex + "pose_within.json",
       "overrides[0].dof: unknown DoF 'knee'"},
      {"angles --layout coco18 " + data + "/samples/blazepose_world/balancing_trial_cam01_world.csv",
       "unknown layout 'coco18'"},
      {"angles " + dir + "missing.bvh", "missing.bvh"},
      {"scan --no-progress " + dir + "missing_folder", "no such file or folder"},
      {"muscles movers \"left hipp rotation\"", "unknown motion"},
      {"muscles stretched " + dir + "bad.json", "JSON syntax error"},
      {"exercise " + dir + "cols.csv", "expected 2 fields"},
      {"norms --joint knees", "unknown joint 'knees'"},
      {"--format xml norms", "--format"},
  }};
  for (const auto& c : cases) {
    const Result r = run(c.args);
    EXPECT_EQ(r.code, 2) << c.args << "\n" << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << "\nstderr: " << r.err;
  }
  EXPECT_EQ(run("").code, 2);  // no subcommand
  EXPECT_EQ(run("frobnicate").code, 2);
}

// ---- Issue 11: answers from nothing, output failures, the phase plot, non-UTF-8 names ----

constexpr auto npos = std::string::npos;
const std::string walk_bvh = data + "/samples/bvh/131_01_start_walk_stop.bvh";

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::size_t entries(const std::string& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

// A valid BVH whose joint names arthrokin does not know: every DoF is unknown in every frame.
const char* const unrecognised_bvh = R"(HIERARCHY
ROOT Foo
{
  OFFSET 0 0 0
  CHANNELS 6 Xposition Yposition Zposition Zrotation Yrotation Xrotation
  JOINT Bar
  {
    OFFSET 0 -1 0
    CHANNELS 3 Zrotation Yrotation Xrotation
    End Site
    {
      OFFSET 0 -1 0
    }
  }
}
MOTION
Frames: 3
Frame Time: 0.1
0 0 0 0 0 0 10 0 0
0 0 0 0 0 0 20 0 0
0 0 0 0 0 0 30 0 0
)";
const char* const empty_cells_csv =
    "time_s,left_knee_flexion_extension_deg,thoracolumbar_axial_rotation_deg\n0,,\n0.1,,\n0.2,,\n";

// Item 1: nothing checked is never "within range", in check, scan and exercise, in every format.
TEST_F(Cli, NothingCheckedIsUnknownNotWithin) {
  const std::string d = fresh_dir("nothing");
  write(d + "unknown_names.bvh", unrecognised_bvh);
  write(d + "empty_cells.csv", empty_cells_csv);
  for (const std::string file : {"unknown_names.bvh", "empty_cells.csv"}) {
    SCOPED_TRACE(file);
    const std::string in = quote(d + file);

    const Result t = run("check " + in);
    EXPECT_EQ(t.code, 2) << t.err;
    EXPECT_NE(t.out.find("overall: unknown (0 of 3 frames out of range, 3 with nothing checked"), npos) << t.out;
    EXPECT_NE(t.err.find(file + ": nothing could be checked"), npos) << t.err;
    const Result j = run("--format json check " + in);
    EXPECT_EQ(j.code, 2);
    EXPECT_NE(j.out.find("\"verdict\": \"unknown\""), npos) << j.out;
    EXPECT_NE(j.out.find("\"frames_unknown\": 3"), npos) << j.out;
    EXPECT_EQ(j.out.find("\"within_range"), npos) << j.out;  // no such value (a key may contain the words)
    const Result c = run("--format csv check " + in);
    EXPECT_EQ(c.code, 2);
    EXPECT_NE(c.out.find("\n,,overall,unknown,"), npos) << c.out;  // the row of the whole input
    EXPECT_EQ(c.out.find("within_range"), npos);

    const Result st = run("scan --no-progress " + in);
    EXPECT_EQ(st.code, 2) << st.err;
    // The BVH's names map no core limb joint: a warning, which scan counts.
    const std::string warned = file == "unknown_names.bvh" ? ", 1 with warnings" : "";
    EXPECT_NE(
        st.out.find("overall: unknown (0 of 3 frames out of range in 1 file(s), 1 with nothing checked" + warned + ")"),
        npos)
        << st.out;
    EXPECT_NE(st.err.find(file + ": nothing could be checked"), npos) << st.err;
    const Result sj = run("--format json scan --no-progress " + in);
    EXPECT_EQ(sj.code, 2);
    EXPECT_NE(sj.out.find("\"verdict\": \"unknown\""), npos);
    EXPECT_NE(sj.out.find("\"files_unknown\": 1"), npos);
    EXPECT_EQ(sj.out.find("\"within_range"), npos) << sj.out.substr(0, 600);
    const Result sc = run("--format csv scan --no-progress " + in);
    EXPECT_EQ(sc.code, 2);
    EXPECT_TRUE(sc.out.ends_with("\noverall,3,0,0,,,,,,,,,,,unknown\n")) << sc.out;
    EXPECT_EQ(sc.out.find("within_range"), npos);

    const Result e = run("exercise " + in);
    EXPECT_EQ(e.code, 2) << e.err;
    EXPECT_NE(e.out.find("verdict: unknown (the phase signal could not be evaluated in any frame"), npos) << e.out;
    EXPECT_EQ(e.out.find("within band"), npos);
    EXPECT_NE(e.err.find(file + ": nothing could be evaluated"), npos) << e.err;
    const Result ej = run("--format json exercise " + in);
    EXPECT_EQ(ej.code, 2);
    EXPECT_NE(ej.out.find("\"verdict\": \"unknown\""), npos);
    EXPECT_EQ(ej.out.find("within_band"), npos);
    const Result ec = run("--format csv exercise " + in);
    EXPECT_EQ(ec.code, 2);
    EXPECT_TRUE(ec.out.ends_with("\noverall,,unknown,,,\n")) << ec.out;
  }
}

// Item 1, one frame: a one-row CSV, a pose JSON without angles, one frame chosen with --frame.
TEST_F(Cli, NothingCheckedSingleFrameIsUnknown) {
  const std::string d = fresh_dir("nothing1");
  write(d + "one_row.csv", "time_s,left_knee_flexion_extension_deg\n0,\n");
  write(d + "no_angles.json", R"({"angles_deg": {}})");
  write(d + "empty_cells.csv", empty_cells_csv);
  for (const std::string& in : {d + "one_row.csv", d + "no_angles.json", d + "empty_cells.csv --frame 1"}) {
    SCOPED_TRACE(in);
    const Result t = run("check " + in);
    EXPECT_EQ(t.code, 2) << t.err;
    EXPECT_EQ(t.out.rfind("overall: unknown", 0), 0u) << t.out;
    EXPECT_NE(t.err.find("nothing could be checked"), npos) << t.err;
    const Result j = run("--format json check " + in);
    EXPECT_EQ(j.code, 2);
    EXPECT_NE(j.out.find("\"verdict\": \"unknown\""), npos) << j.out;
    const Result c = run("--format csv check " + in);
    EXPECT_EQ(c.code, 2);
    EXPECT_NE(c.out.find("\noverall,unknown,"), npos) << c.out;
  }
}

// Issue 13: a knee-only pose is said to be partial in text, JSON and CSV, and exits 0; a knee 1° past its
// 0° bound (VA knee extension 0°; the default allows 5° of hyperextension) with 2° of uncertainty is possibly beyond,
// exit 0; 5° is beyond.
TEST_F(Cli, PartialAndPossiblyBeyond) {
  const std::string d = fresh_dir("partial");
  write(d + "knee.json", R"({"angles_deg": {"left_knee_flexion_extension": 30}})");
  const Result t = run("check " + d + "knee.json");
  EXPECT_EQ(t.code, 0) << t.err;
  EXPECT_EQ(t.out.rfind("overall: within_range_partial (within range for 1 of 39 DoFs (38 unknown))", 0), 0u) << t.out;
  const Result j = run("--format json check " + d + "knee.json");
  EXPECT_EQ(j.code, 0);
  EXPECT_NE(j.out.find("\"verdict\": \"within_range_partial\""), npos) << j.out;
  EXPECT_NE(j.out.find("\"complete\": false"), npos) << j.out;
  EXPECT_NE(j.out.find("\"observed_count\": 1"), npos) << j.out;
  const Result c = run("--format csv check " + d + "knee.json");
  EXPECT_NE(c.out.find("\noverall,within_range_partial,"), npos) << c.out;
  EXPECT_NE(c.out.find("within range for 1 of 39 DoFs (38 unknown)"), npos) << c.out;

  write(d + "hyper.json", R"({"angles_deg": {"left_knee_flexion_extension": -1}})");
  const Result h = run("--source VA check " + d + "hyper.json");
  EXPECT_EQ(h.code, 1) << h.out;  // no uncertainty: beyond
  const Result p = run("--source VA --uncertainty 2 check " + d + "hyper.json");
  EXPECT_EQ(p.code, 0) << p.out << p.err;
  EXPECT_EQ(p.out.rfind("overall: possibly_out_of_range", 0), 0u) << p.out;
  EXPECT_NE(p.out.find("is possibly 1\u00b0 beyond the normal 0\u00b0 (within its uncertainty of \u00b14\u00b0)"), npos)
      << p.out;
  const Result pj = run("--source VA --uncertainty 2 --format json check " + d + "hyper.json");
  EXPECT_NE(pj.out.find("\"status\": \"possibly_below\""), npos) << pj.out;
  EXPECT_NE(pj.out.find("\"possibly_out_of_range_count\": 1"), npos) << pj.out;
  write(d + "hyper5.json", R"({"angles_deg": {"left_knee_flexion_extension": -5}})");
  EXPECT_EQ(run("--source VA --uncertainty 2 check " + d + "hyper5.json").code, 1);
  EXPECT_EQ(run("--source VA --uncertainty -1 check " + d + "hyper.json").code, 2);
  EXPECT_EQ(run("--source VA --uncertainty 2 --input-kind imu check " + d + "hyper.json").code, 2);
  EXPECT_EQ(run("--source VA --input-kind goniometer check " + d + "hyper.json").code, 0);  // u 3.55° at the knee
  const Result s = run("--source VA --uncertainty 2 --format json scan --no-progress " + d + "hyper.json");
  EXPECT_EQ(s.code, 0) << s.out << s.err;
  EXPECT_NE(s.out.find("\"verdict\": \"possibly_out_of_range\""), npos) << s.out;
  EXPECT_NE(s.out.find("\"frames_possibly_out_of_range\": 1"), npos) << s.out;
  EXPECT_NE(s.out.find("\"possibly_out_of_range\": 1"), npos) << s.out;
}

// Frames with nothing checked next to checked frames: the checked frames decide, the rest are counted.
TEST_F(Cli, SomeFramesUncheckedStillGiveAVerdict) {
  const std::string d = fresh_dir("partly");
  write(d + "partly.csv", "time_s,left_knee_flexion_extension_deg\n0,\n0.1,30\n");  // 30 within 0..140 (VA)
  const Result t = run("check " + d + "partly.csv");
  EXPECT_EQ(t.code, 0) << t.err;
  // a frame with one knee observed is within range but partial (issue 13), and so is the input: exit 0
  EXPECT_NE(t.out.find("overall: within_range_partial (0 of 2 frames out of range, 1 within range but partial, 1 with "
                       "nothing checked"),
            npos)
      << t.out;
  const Result j = run("--format json check " + d + "partly.csv");
  EXPECT_NE(j.out.find("\"frames_unknown\": 1"), npos) << j.out;
  EXPECT_EQ(run("scan --no-progress " + d + "partly.csv").code, 0);
}

// A scan with one file in which nothing could be checked: exit 2 like an unreadable file, and the
// aggregate is not "within range"; each file has its own verdict.
TEST_F(Cli, ScanWithAnUncheckableFile) {
  const std::string d = fresh_dir("scanmix");
  write(d + "a_within.csv", "time_s,left_knee_flexion_extension_deg\n0,30\n0.1,31\n");
  write(d + "b_empty.csv", empty_cells_csv);
  const Result j = run("--format json scan --no-progress " + d);
  EXPECT_EQ(j.code, 2) << j.err;
  EXPECT_NE(j.err.find("b_empty.csv: nothing could be checked"), npos) << j.err;
  EXPECT_EQ(j.err.find("a_within.csv"), npos) << j.err;
  EXPECT_NE(j.out.find("\"verdict\": \"within_range\""), npos);  // a_within.csv's own verdict
  EXPECT_NE(j.out.find("\"files_unknown\": 1"), npos);
  EXPECT_TRUE(j.out.ends_with("  \"verdict\": \"unknown\"\n}\n")) << j.out.substr(j.out.size() - 200);
}

// Item 1, exercise: the phase signal is known (no rotation: centre) but no band can be evaluated.
TEST_F(Cli, ExerciseWithNoBandEvaluatedIsUnknown) {
  const std::string d = fresh_dir("noband");
  std::string csv = "time_s,thoracic_axial_rotation_deg,lumbar_axial_rotation_deg\n";
  for (int i = 0; i < 30; ++i) csv += std::to_string(i / 30.0) + ",0,0\n";
  write(d + "still.csv", csv);
  const Result r = run("exercise " + d + "still.csv");
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.out.find("verdict: unknown (no band could be evaluated in any frame)"), npos) << r.out;
  EXPECT_NE(r.out.find("time: left 0.0 s, centre 1.0 s"), npos) << r.out;  // the phase itself was known
}

// Item 2: frame numbers are checked, never wrapped.
TEST_F(Cli, FrameNumberMustBeAFrameOfTheInput) {
  const std::string in = ex + "angle_frames.csv";  // 3 frames
  const Result neg = run("check --frame -1 " + in);
  EXPECT_EQ(neg.code, 2);
  EXPECT_NE(neg.err.find("usage error: --frame -1: frame numbers start at 0"), npos) << neg.err;
  EXPECT_EQ(neg.err.find("18446744073709551615"), npos) << neg.err;
  const Result big = run("check --frame 3 " + in);
  EXPECT_EQ(big.code, 2);
  EXPECT_NE(big.err.find("--frame 3: no such frame; " + in + " has 3 frames (0 to 2)"), npos) << big.err;
  const Result huge = run("check --frame 99999999999999999999999 " + in);
  EXPECT_EQ(huge.code, 2);
  EXPECT_NE(huge.err.find("--frame 99999999999999999999999: no input has that many frames"), npos) << huge.err;
  const Result word = run("check --frame abc " + in);
  EXPECT_EQ(word.code, 2);
  EXPECT_NE(word.err.find("--frame abc: expected a frame number"), npos) << word.err;
  const Result m = run("muscles stretched --frame -1 " + in);
  EXPECT_EQ(m.code, 2);
  EXPECT_NE(m.err.find("--frame -1: frame numbers start at 0"), npos) << m.err;
  EXPECT_EQ(run("check --frame 2 " + in).code, 1);  // frame 2 is the out-of-range one
  EXPECT_EQ(run("check --frame 0 " + in).code, 0);
}

// Item 2: a file that cannot be written is an output error naming the file and the reason.
TEST_F(Cli, WriteFailureIsAnOutputError) {
  const std::string d = fresh_dir("outerr");
  write(d + "plain_file", "x");
  const std::string missing = d + "no_such_dir/angles.csv";
  const Result r = run("angles " + ex + "angle_frames.csv -o " + quote(missing));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("arthrokin: output error: cannot write " + missing + ": No such file or directory"), npos)
      << r.err;
  EXPECT_EQ(r.err.find("usage error"), npos) << r.err;
  const std::string under_file = d + "plain_file/body.svg";
  const Result s = run("check " + ex + "pose_within.json --svg " + quote(under_file));
  EXPECT_EQ(s.code, 2);
  EXPECT_NE(s.err.find("output error: cannot write " + under_file + ": Not a directory"), npos) << s.err;
  const Result dir = run("check " + ex + "pose_within.json --html " + quote(d));
  EXPECT_EQ(dir.code, 2);
  EXPECT_NE(dir.err.find("cannot write " + d + ": Is a directory"), npos) << dir.err;
}

// Item 2: writes to a full standard output are reported (exit 2), whatever the command.
TEST_F(Cli, FullStandardOutputIsAnError) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  for (const std::string& args :
       {"check " + ex + "pose_within.json", "check " + ex + "angle_frames.csv",
        "--format json scan --no-progress " + ex + "angle_frames.csv", "angles " + walk_bvh,
        "exercise " + ex + "rocking_session.csv", std::string("norms"),
        std::string("--format csv muscles movers \"left hip internal rotation\""), std::string("--help")}) {
    const Result r = run_cli(args, "/dev/full");
    EXPECT_EQ(r.code, 2) << args << "\n" << r.err;
    EXPECT_NE(r.err.find("arthrokin: output error: cannot write standard output: No space left on device"), npos)
        << args << "\n"
        << r.err;
  }
}

// Item 3: when one of several outputs cannot be written, none is.
TEST_F(Cli, SeveralOutputsAreWrittenAllOrNone) {
  const std::string d = fresh_dir("allornone");
  write(d + "plain_file", "x");
  const std::string bad = d + "plain_file/report";
  for (const std::string& cmd : {"check " + ex + "pose_within.json", "check " + ex + "angle_frames.csv",
                                 "scan --no-progress " + ex + "angle_frames.csv"}) {
    SCOPED_TRACE(cmd);
    const Result a = run(cmd + " --svg " + quote(d + "ok.svg") + " --html " + quote(bad + ".html"));
    EXPECT_EQ(a.code, 2);
    EXPECT_NE(a.err.find("cannot write " + bad + ".html: Not a directory"), npos) << a.err;
    const Result b = run(cmd + " --html " + quote(d + "ok.html") + " --svg " + quote(bad + ".svg"));
    EXPECT_EQ(b.code, 2);
    EXPECT_NE(b.err.find("cannot write " + bad + ".svg: Not a directory"), npos) << b.err;
    EXPECT_EQ(entries(d), 1u) << "no output and no temporary file left behind";
  }
  const Result same = run("check " + ex + "pose_within.json --svg " + quote(d + "x") + " --html " + quote(d + "x"));
  EXPECT_EQ(same.code, 2);
  EXPECT_NE(same.err.find("the same file is named for two outputs"), npos) << same.err;
  EXPECT_EQ(entries(d), 1u);
}

// Item 3: a write that fails part-way (a file-size limit stands in for a full disk: the same
// short write, EFBIG instead of ENOSPC) leaves the previous file as it was, and no temporary file.
TEST_F(Cli, FailedWriteLeavesTheExistingFileUntouched) {
  const std::string d = fresh_dir("fsize");
  const std::string out = d + "angles.csv";
  write(out, "previous contents\n");
  const std::string limit = "ulimit -f 16;";  // 8 or 16 KiB (512- or 1024-byte blocks); the CSV is ~400 KB
  const Result r = run_cli("angles " + walk_bvh + " -o " + quote(out), {}, limit);
  EXPECT_EQ(r.code, 2) << "killed by SIGXFSZ instead of reporting?\n" << r.err;
  EXPECT_NE(r.err.find("output error: cannot write " + out + ": File too large"), npos) << r.err;
  EXPECT_EQ(slurp(out), "previous contents\n");
  EXPECT_EQ(entries(d), 1u);
  const Result h = run_cli("scan --no-progress " + walk_bvh + " --html " + quote(d + "r.html"), {}, limit);
  EXPECT_EQ(h.code, 2) << h.err;
  EXPECT_FALSE(fs::exists(d + "r.html")) << "an HTML file cut short, or 0 bytes";
  EXPECT_EQ(entries(d), 1u);
  // Without the limit the whole file is written.
  ASSERT_EQ(run("angles " + walk_bvh + " -o " + quote(out)).code, 0);
  EXPECT_EQ(lines(slurp(out)), 994u + 1u);
}

// Item 3: devices are written in place (never replaced by a regular file) and their errors reported.
TEST_F(Cli, DeviceAsOutputFile) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  const Result a = run("angles " + ex + "angle_frames.csv -o /dev/full");
  EXPECT_EQ(a.code, 2);
  EXPECT_NE(a.err.find("output error: cannot write /dev/full: No space left on device"), npos) << a.err;
  const Result h = run("check " + ex + "pose_within.json --html /dev/full");
  EXPECT_EQ(h.code, 2);
  EXPECT_NE(h.err.find("cannot write /dev/full: No space left on device"), npos) << h.err;
  EXPECT_TRUE(fs::is_character_file("/dev/full"));
  EXPECT_EQ(run("angles " + ex + "angle_frames.csv -o /dev/null").code, 0);
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

// Item 3: a directory the user cannot write to (root can, so the test needs another user).
TEST_F(Cli, ReadOnlyDirectoryLeavesNoFile) {
  if (::geteuid() == 0) GTEST_SKIP() << "root may write to a read-only directory";
  const std::string d = fresh_dir("readonly");
  fs::create_directory(d + "ro");
  fs::permissions(d + "ro", fs::perms::owner_read | fs::perms::owner_exec);
  const Result r =
      run("check " + ex + "angle_frames.csv --svg " + quote(d + "ok.svg") + " --html " + quote(d + "ro/report.html"));
  fs::permissions(d + "ro", fs::perms::owner_all);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("cannot write " + d + "ro/report.html: Permission denied"), npos) << r.err;
  EXPECT_FALSE(fs::exists(d + "ok.svg"));
  EXPECT_TRUE(fs::is_empty(d + "ro"));
  // A write-protected file is not replaced (renaming over it would): as with open(), permission denied.
  write(d + "protected.csv", "kept\n");
  fs::permissions(d + "protected.csv", fs::perms::owner_read);
  const Result p = run("angles " + ex + "angle_frames.csv -o " + quote(d + "protected.csv"));
  EXPECT_EQ(p.code, 2);
  EXPECT_NE(p.err.find("cannot write " + d + "protected.csv: Permission denied"), npos) << p.err;
  EXPECT_EQ(slurp(d + "protected.csv"), "kept\n");
}

// Item 3: replacing a file keeps its permission bits, and writes through a symbolic link.
TEST_F(Cli, RewrittenOutputKeepsModeAndLink) {
  const std::string d = fresh_dir("mode");
  write(d + "real.csv", "old\n");
  fs::permissions(d + "real.csv", fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  fs::create_symlink(d + "real.csv", d + "link.csv");
  ASSERT_EQ(run("angles " + ex + "angle_frames.csv -o " + quote(d + "link.csv")).code, 0);
  EXPECT_TRUE(fs::is_symlink(d + "link.csv"));
  EXPECT_EQ(slurp(d + "real.csv").rfind("time_s,", 0), 0u);
  EXPECT_EQ(fs::status(d + "real.csv").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_EQ(entries(d), 2u);
}

// Item 4: the exercise report's phase plot is the signal the monitor reads, positive = knees to
// the right (title of the plot). Knees right = thorax rotated left of the pelvis = negative
// thoracolumbar axial rotation (include/arthrokin/exercise/exercise.hpp), so the plotted value is
// the negated rotation; the test computes it from the CSV, not from the tool's code.
TEST_F(Cli, ExerciseReportPhasePlotIsPositiveWhenKneesAreRight) {
  const auto frames = arthrokin::io::read_angle_csv(ex + "rocking_session.csv");
  const arthrokin::Exercise exercise = arthrokin::lumbar_spine_rocking_stretch();
  arthrokin::Monitor monitor(exercise);
  arthrokin::io::SeriesPlot expected;
  expected.t_s = frames.time_s;
  std::size_t right = 0, left = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const auto rot = frames.poses[i].thoracolumbar(arthrokin::Axis::axial_rotation);
    ASSERT_TRUE(rot.has_value());
    const double deg = -arthrokin::to_degrees(*rot);
    expected.deg.push_back(deg);
    monitor.update(frames.time_s[i], frames.poses[i]);
    if (monitor.phase() == arthrokin::Phase::right) {
      EXPECT_GT(deg, 0.0) << "frame " << i;
      ++right;
    }
    if (monitor.phase() == arthrokin::Phase::left) {
      EXPECT_LT(deg, 0.0) << "frame " << i;
      ++left;
    }
  }
  ASSERT_GT(right, 10u);
  ASSERT_GT(left, 10u);
  const std::string d = fresh_dir("phase");
  const Result r = run("exercise " + ex + "rocking_session.csv --html " + quote(d + "s.html"));
  ASSERT_TRUE(r.code == 0 || r.code == 1) << r.err;
  const std::string html = slurp(d + "s.html");
  ASSERT_NE(html.find("phase signal (positive = knees to the right)"), npos);
  // The drawn line depends only on times and values (not on title or label): it must be the line of
  // the expected values, not its mirror image.
  const std::string svg = arthrokin::io::series_plot_svg(expected);
  std::size_t found = 0;
  for (std::size_t p = svg.find("<polyline"); p != npos; p = svg.find("<polyline", p + 1)) {
    const std::string line = svg.substr(p, svg.find("/>", p) - p);
    EXPECT_NE(html.find(line), npos) << "phase line not as expected (sign inverted?)";
    ++found;
  }
  EXPECT_GT(found, 0u);
}

// Item 5: JSON never fails on a file name that is not UTF-8 (a Latin-1 é); HTML and SVG stay
// valid UTF-8 too.
TEST_F(Cli, NonUtf8FileNameInJsonHtmlSvg) {
  const std::string d = fresh_dir("latin1");
  const std::string frames = d + "caf\xE9.csv", session = d +
                                                          "s\xE9"
                                                          "ance.csv";
  fs::copy_file(ex + "angle_frames.csv", frames);
  fs::copy_file(ex + "rocking_session.csv", session);
  struct Case {
    std::string args;
    int code;
    std::string name;
  };
  for (const Case& c : {Case{"--format json check " + quote(frames), 1, "caf\xEF\xBF\xBD.csv"},
                        Case{"--format json angles " + quote(frames), 0, "caf\xEF\xBF\xBD.csv"},
                        Case{"--format json scan --no-progress " + quote(frames), 1, "caf\xEF\xBF\xBD.csv"},
                        Case{"--format json scan --no-progress " + quote(d), 1,
                             "s\xEF\xBF\xBD"
                             "ance.csv"},
                        Case{"--format json exercise " + quote(session), 0,
                             "s\xEF\xBF\xBD"
                             "ance.csv"}}) {
    const Result r = run(c.args);
    EXPECT_EQ(r.code, c.code) << c.args << "\n" << r.err;
    EXPECT_EQ(r.err.find("type_error"), npos) << r.err;
    EXPECT_TRUE(arthrokin::detail::valid_utf8(r.out)) << c.args;
    EXPECT_TRUE(arthrokin::detail::valid_utf8(r.err)) << r.err;
    EXPECT_NE(r.out.find(c.name), npos) << c.args << "\n" << r.out.substr(0, 300);
  }
  const Result h = run("check " + quote(frames) + " --html " + quote(d + "r.html") + " --svg " + quote(d + "r.svg"));
  EXPECT_EQ(h.code, 1) << h.err;
  const std::string html = slurp(d + "r.html"), svg = slurp(d + "r.svg");
  EXPECT_TRUE(arthrokin::detail::valid_utf8(html));
  EXPECT_TRUE(arthrokin::detail::valid_utf8(svg));
  EXPECT_NE(html.find("caf\xEF\xBF\xBD.csv"), npos);
}

}  // namespace

// Issue 15: `assess` over an angle CSV. Right knee flexion reaches 92 (frames 0-3), the left 135; against
// an override of 0-140: 48 deg (34 %) short; LSI with the right involved: 92/135 = 68 %.
TEST_F(Cli, AssessKneeDeficitAndLsi) {
  const std::string d = fresh_dir("assess");
  write(d + "knee.csv",
        "time_s,right_knee_flexion_extension_deg,left_knee_flexion_extension_deg\n"
        "0.0,10,0\n0.1,92,135\n0.2,,60\n0.3,40,\n");
  write(d + "profile.json",
        R"({"overrides": [{"dof": "right_knee_flexion_extension", "lower_deg": 0, "upper_deg": 140,)"
        R"( "reason": "test norm"}]})");
  const std::string in = quote(d + "knee.csv"), prof = " --profile " + quote(d + "profile.json");
  const Result t = run(prof + " assess --involved right " + in);
  EXPECT_EQ(t.code, 0) << t.err;
  EXPECT_NE(t.out.find("right knee flexion reached 92\xC2\xB0, 48\xC2\xB0 (34 %) short of the normal 140\xC2\xB0 "
                       "(override: test norm); the left knee reached 135\xC2\xB0"),
            npos)
      << t.out;
  EXPECT_NE(t.out.find("right knee flexion reached 92\xC2\xB0 against 135\xC2\xB0 on the left: 43\xC2\xB0 less, "
                       "LSI 68 % (right involved)"),
            npos)
      << t.out;
  const Result j = run(prof + " --format json assess --involved right " + in);
  EXPECT_EQ(j.code, 0) << j.err;
  const auto js = nlohmann::json::parse(j.out);
  const auto& dofs = js["dofs"];
  const auto knee =
      *std::find_if(dofs.begin(), dofs.end(), [](const auto& x) { return x["dof"] == "right_knee_flexion_extension"; });
  EXPECT_EQ(knee["frames"], 4);
  EXPECT_EQ(knee["observed"], 3);  // one empty cell: unknown, not zero
  EXPECT_DOUBLE_EQ(knee["observed_fraction"].get<double>(), 0.75);
  EXPECT_NEAR(knee["max_deg"].get<double>(), 92.0, 1e-9);
  EXPECT_NEAR(knee["min_deg"].get<double>(), 10.0, 1e-9);
  EXPECT_EQ(knee["max_at"]["frame"], 1);
  EXPECT_NEAR(knee["max_at"]["time_s"].get<double>(), 0.1, 1e-12);
  EXPECT_NEAR(knee["deficit"]["positive"]["shortfall_deg"].get<double>(), 48.0, 1e-9);
  EXPECT_NEAR(knee["deficit"]["positive"]["percent"].get<double>(), 100.0 * 48.0 / 140.0, 1e-9);
  EXPECT_NEAR(knee["asymmetry"]["positive"]["lsi"].get<double>(), 100.0 * 92.0 / 135.0, 1e-9);
  const auto never =
      *std::find_if(dofs.begin(), dofs.end(), [](const auto& x) { return x["dof"] == "left_hip_flexion_extension"; });
  EXPECT_TRUE(never["min_deg"].is_null());
  const Result c = run(prof + " --format csv assess " + in);
  EXPECT_EQ(c.code, 0);
  EXPECT_NE(c.out.find("\nright_knee_flexion_extension,4,3,0.7500,10.0000,92.0000,82.0000,"), npos) << c.out;
  // age and sex: the mean of men aged 20-44 (137.7, Soucie), said as a mean
  const Result m = run("assess --age 30 --sex M " + in);
  EXPECT_NE(m.out.find("right knee flexion reached 92\xC2\xB0, 45.7\xC2\xB0 (33 %) short of the mean 137.7\xC2\xB0 "
                       "(mean of men aged 20-44, Soucie et al. 2011)"),
            npos)
      << m.out;
  EXPECT_EQ(run("assess --sex M " + in).code, 2);
  EXPECT_EQ(run("assess --involved middle " + in).code, 2);
  // --html: range bars (both knees, one row) and the sentences
  const Result h = run(prof + " assess --involved right " + in + " --html " + quote(d + "a.html"));
  EXPECT_EQ(h.code, 0) << h.err;
  const std::string html = arthrokin::test::slurp(d + "a.html");
  // the override gives the right knee its own band: a row per side
  EXPECT_NE(html.find("class=\"reached\" data-row=\"0\" data-side=\"left\""), npos);
  EXPECT_NE(html.find("class=\"reached\" data-row=\"1\" data-side=\"right\""), npos);
  EXPECT_NE(
      html.find("right knee flexion/extension \xE2\x80\x94 normal 0\xC2\xB0 to 140\xC2\xB0 (override: test norm)"),
      npos);
  EXPECT_NE(html.find("48\xC2\xB0 (34 %) short of the normal 140\xC2\xB0"), npos);
  EXPECT_NE(html.find("LSI 68 %"), npos);
  // scan gains per-DoF min and max
  const Result s = run("--format json scan --no-progress " + in);
  EXPECT_NE(s.out.find("\"max_deg\": 135.0"), npos) << s.out.substr(0, 2000);
}

// Issue 15 item 4: `gait` over an angle CSV of two cycles (51 frames each at 50 Hz, contacts given at
// frames 0, 50, 100). Right knee and hip: the Free-speed means of Schwartz2008 read from the CSV; in the
// crouch file the knee never goes below 30 deg. Hip and knee flexion are the only GPS variables known.
TEST_F(Cli, GaitCrouchKneeNamedAndScored) {
  const std::string d = fresh_dir("gait");
  std::vector<double> knee, hip;
  for (const auto& r : test_support::read_csv(test_support::reference("gait_norms_schwartz2008.csv"))) {
    if (r.at("speed") != "Free") continue;
    if (r.at("segment_or_joint") == "knee" && r.at("positive_direction") == "flexion")
      knee.push_back(std::stod(r.at("mean_deg")));
    if (r.at("segment_or_joint") == "hip" && r.at("positive_direction") == "flexion")
      hip.push_back(std::stod(r.at("mean_deg")));
  }
  ASSERT_EQ(knee.size(), 51u);
  auto file = [&](double floor_deg) {
    std::string t = "time_s,right_hip_flexion_extension_deg,right_knee_flexion_extension_deg\n";
    for (std::size_t f = 0; f <= 100; ++f) {
      const std::size_t k = f % 50 == 0 && f > 0 ? 50 : f % 50;
      t += std::to_string(0.02 * static_cast<double>(f)) + "," + std::to_string(hip[k]) + "," +
           std::to_string(std::max(floor_deg, knee[k])) + "\n";
    }
    return t;
  };
  write(d + "normal.csv", file(-90));
  write(d + "crouch.csv", file(30));
  const Result n = run("gait --right-contacts 0,50,100 " + quote(d + "normal.csv"));
  EXPECT_EQ(n.code, 0) << n.err;
  EXPECT_NE(n.out.find("2 gait cycle(s), contacts from given"), npos) << n.out;
  EXPECT_NE(n.out.find("right knee extends in stance"), npos) << n.out;
  EXPECT_NE(n.out.find("GPS 0.0 deg over 2 of 9 variables"), npos) << n.out;
  EXPECT_NE(n.out.find("children's norms"), npos) << n.out;
  const Result c = run("gait --right-contacts 0,50,100 " + quote(d + "crouch.csv"));
  EXPECT_EQ(c.code, 1) << c.err;  // a knee that never extends in stance
  EXPECT_NE(c.out.find("right knee never extends in stance: its least flexion in stance (0-60 % of the cycle) is "
                       "30.0 deg"),
            npos)
      << c.out;
  // The HTML report: the knee's finding, and a plot (with the band) for the two variables known.
  const Result h = run("gait --right-contacts 0,50,100 " + quote(d + "crouch.csv") + " --html " + quote(d + "g.html"));
  EXPECT_EQ(h.code, 1) << h.err;
  const std::string html = slurp(d + "g.html");
  EXPECT_NE(html.find("right knee never extends in stance"), npos);
  std::size_t plots = 0, bands = 0;
  for (std::size_t at = html.find("<svg"); at != npos; at = html.find("<svg", at + 1)) ++plots;
  for (std::size_t at = html.find("class=\"band\""); at != npos; at = html.find("class=\"band\"", at + 1)) ++bands;
  EXPECT_EQ(plots, 2u);  // right hip flexion, right knee flexion
  EXPECT_EQ(bands, 2u);
  EXPECT_NE(html.find("knee varus/valgus"), npos);  // named, not plotted
  const Result j = run("--format json gait --right-contacts 0,50,100 " + quote(d + "crouch.csv"));
  EXPECT_EQ(j.code, 1) << j.err;
  const auto js = nlohmann::json::parse(j.out);
  ASSERT_EQ(js["cycles"].size(), 2u);
  const auto& c0 = js["cycles"][0];
  EXPECT_EQ(c0["gps_variables"], 2);
  EXPECT_TRUE(c0["knee_in_stance"]["never_extends"].get<bool>());
  EXPECT_NEAR(c0["knee_in_stance"]["least_flexion_deg"].get<double>(), 30.0, 1e-4);
  EXPECT_EQ(js["norms"]["population"], "typically developing children");
  EXPECT_EQ(js["contacts"]["source"], "given");
  const auto& v0 = c0["variables"][0];
  EXPECT_EQ(v0["variable"], "pelvis_tilt");
  EXPECT_FALSE(v0["known"].get<bool>());
  EXPECT_TRUE(v0["gvs_deg"].is_null());  // unknown, never zero
  // The knee GVS: RMS of (max(30, mean) - mean) over the 51 points, computed here from the CSV.
  double ss = 0;
  for (double m : knee) ss += (std::max(30.0, m) - m) * (std::max(30.0, m) - m);
  EXPECT_NEAR(c0["variables"][6]["gvs_deg"].get<double>(), std::sqrt(ss / 51.0), 1e-3);
  const Result csv = run("--format csv gait --right-contacts 0,50,100 " + quote(d + "crouch.csv"));
  EXPECT_NE(csv.out.find(",right,0,50,knee_flexion,true,"), npos) << csv.out;
  // Bad usage: exit 2, nothing scored.
  EXPECT_EQ(run("gait --speed Brisk " + quote(d + "normal.csv")).code, 2);
  EXPECT_EQ(run("gait --right-contacts 0,x " + quote(d + "normal.csv")).code, 2);
  EXPECT_EQ(run("gait --right-contacts 50,0 " + quote(d + "normal.csv")).code, 2);
  EXPECT_EQ(run("gait --contacts feet " + quote(d + "normal.csv")).code, 2);
}

// Issue 15 items 3 and 5: `assess --functional` and `assess --reba`. Right knee reaches 120: stairs and chairs
// (90-120, Rowe 2000) supported, the bath (135) 15 short. Frame 0 is the hand-scored lift of
// ergonomics_test (REBA 10 with 8 kg, fair coupling, repeated); frame 1 lacks the right elbow: unknown.
TEST_F(Cli, AssessFunctionalAndReba) {
  const std::string d = fresh_dir("assess_functional");
  write(d + "lift.csv",
        "time_s,thoracic_flexion_extension_deg,lumbar_flexion_extension_deg,thoracic_lateral_flexion_deg,"
        "lumbar_lateral_flexion_deg,thoracic_axial_rotation_deg,lumbar_axial_rotation_deg,"
        "cervical_flexion_extension_deg,cervical_lateral_flexion_deg,cervical_axial_rotation_deg,"
        "left_knee_flexion_extension_deg,right_knee_flexion_extension_deg,right_shoulder_flexion_extension_deg,"
        "right_shoulder_abduction_adduction_deg,right_elbow_flexion_extension_deg,right_wrist_flexion_extension_deg,"
        "right_wrist_radial_ulnar_deviation_deg\n"
        "0.0,20,25,0,0,0,10,25,0,0,35,40,60,-30,110,20,0\n"
        "0.1,0,0,0,0,0,0,10,0,0,0,120,10,0,,0,0\n");
  const std::string in = quote(d + "lift.csv");
  const Result t = run("assess --functional --reba --load-kg 8 --coupling fair --repeated " + in);
  EXPECT_EQ(t.code, 0) << t.err;
  EXPECT_NE(t.out.find("right side: getting into and out of a bath not supported: knee flexion reached 120\xC2\xB0, "
                       "15\xC2\xB0 short of the 135\xC2\xB0 it needs (Rowe et al. 2000, approximate)"),
            npos)
      << t.out;
  EXPECT_NE(t.out.find("worst: REBA 10 (right arm): high risk, action necessary soon"), npos) << t.out;
  const Result j = run("--format json assess --functional --reba --load-kg 8 --coupling fair --repeated " + in);
  EXPECT_EQ(j.code, 0) << j.err;
  const auto js = nlohmann::json::parse(j.out);
  const auto& fn = js["functional"];
  const auto stairs = *std::find_if(fn.begin(), fn.end(), [](const auto& x) {
    return x["side"] == "right" && x["activity"] == "stair negotiation and standard or low chairs";
  });
  EXPECT_EQ(stairs["support"], "supported");
  const auto left_bath = *std::find_if(fn.begin(), fn.end(), [](const auto& x) {
    return x["side"] == "left" && x["activity"] == "getting into and out of a bath";
  });
  EXPECT_NEAR(left_bath["requirements"][0]["short_by_deg"].get<double>(), 135.0 - 35.0, 1e-9);  // left knee: 35
  const auto& r = js["reba"];
  EXPECT_EQ(r["frames"], 2);
  EXPECT_EQ(r["unknown"], 1);
  EXPECT_EQ(r["worst"]["score"], 10);
  EXPECT_EQ(r["worst"]["table_c"], 9);
  EXPECT_EQ(r["per_level"]["high"], 1);
  EXPECT_EQ(r["first_unknown"]["missing"], "right_elbow_flexion_extension");
  // --grades: the right knee moved 0-120 (no row of DC 5260 or 5261); the left 0-35: flexion limited to 45 -> 10 %
  const Result gr = run("--format json assess --grades " + in);
  EXPECT_EQ(gr.code, 0) << gr.err;
  const auto gj = nlohmann::json::parse(gr.out)["grades"];
  ASSERT_EQ(gj.size(), 4u);
  EXPECT_EQ(gj[0]["dof"], "left_knee_flexion_extension");
  EXPECT_EQ(gj[0]["diagnostic_code"], 5260);
  EXPECT_EQ(gj[0]["percent"], 10);
  EXPECT_TRUE(gj[2]["percent"].is_null());  // right knee flexion 120: no row
  EXPECT_EQ(run("assess --reba --coupling loose " + in).code, 2);
  EXPECT_EQ(run("assess --reba --load-kg -1 " + in).code, 2);
}
