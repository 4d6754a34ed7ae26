// Runs the built `arthrokin` tool on real files and checks exit codes and output.
// Expected values come from the input files themselves (frame counts, the
// reference CSV's limits), never from the tool's output.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>

#include <sys/wait.h>
#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#ifndef ARTHROKIN_CLI_PATH
#define ARTHROKIN_CLI_PATH ""
#endif

namespace {

const std::string data = ARTHROKIN_DATA_DIR;
const std::string ex = data + "/examples/";

struct Result {
  int code = -1;
  std::string out, err;
};

std::string slurp(const std::string& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Result run(const std::string& args) {
  const std::string cli = ARTHROKIN_CLI_PATH;
  const std::string dir = ::testing::TempDir();
  // Unique per process and call: ctest runs the test cases of this file in parallel processes.
  static int calls = 0;
  const std::string tag = std::to_string(::getpid()) + "_" + std::to_string(++calls);
  const std::string o = dir + "cli_out_" + tag + ".txt", e = dir + "cli_err_" + tag + ".txt";
  const std::string cmd = "'" + cli + "' " + args + " >'" + o + "' 2>'" + e + "'";
  const int st = std::system(cmd.c_str());
  Result r;
  r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  r.out = slurp(o);
  r.err = slurp(e);
  std::remove(o.c_str());
  std::remove(e.c_str());
  return r;
}

std::size_t lines(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string(ARTHROKIN_CLI_PATH).empty()) GTEST_SKIP() << "built without the CLI";
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

TEST_F(Cli, CheckPoseWithinExit0AndJson) {
  const Result r = run("--format json check " + ex + "pose_within.json");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"verdict\": \"within_range\""), std::string::npos) << r.out;
  // "right shoulder abduction": 60 is -60 on the abduction/adduction axis (adduction positive).
  EXPECT_NE(r.out.find("\"value_deg\": -60"), std::string::npos) << r.out;
}

// Profile: override left hip flexion to [-10, 90]; hip flexion 95 is 5° beyond 90 but the
// profile's tolerance is 5° → within; 96 → out.
TEST_F(Cli, ProfileOverrideAndTolerance) {
  const std::string dir = ::testing::TempDir();
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

TEST_F(Cli, AnglesFromBlazePoseCsvRoundTripsThroughCheck) {
  const std::string out = ::testing::TempDir() + "bal_angles.csv";
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
  const std::string dir = ::testing::TempDir();
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
  const std::string dir = ::testing::TempDir();
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

}  // namespace
