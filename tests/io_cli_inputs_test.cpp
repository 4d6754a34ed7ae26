// How the `arthrokin` tool loads its inputs (src/cli/inputs.cpp) with the readers' limits: a BOM
// before a long keypoint CSV, a pose JSON nested too deep or with a duplicate key, and file paths
// whose bytes are not UTF-8 (escaped in the message, which stays UTF-8).
#include <arthrokin/detail/text.hpp>

#include <gtest/gtest.h>
#include <unistd.h>

#include "support/run_cli.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#include "support/files.hpp"

#ifndef ARTHROKIN_CLI_PATH
#define ARTHROKIN_CLI_PATH ""
#endif

namespace {

namespace fs = std::filesystem;

class CliInputs : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string(ARTHROKIN_CLI_PATH).empty()) GTEST_SKIP() << "the arthrokin CLI is not built";
    dir_ = fs::path(::testing::TempDir()) / ("io_cli_inputs_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string write(const std::string& name, const std::string& bytes) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  test_support::CliRun check(const std::string& path) {
    return test_support::run_cli(ARTHROKIN_CLI_PATH, {"check", path}, ::testing::TempDir());
  }
  fs::path dir_;
};

std::string slurp(const std::string& p) { return test_support::read_file(p); }

TEST_F(CliInputs, LongKeypointCsvWithBomIsRead) {
  // 33 BlazePose landmarks, one per row ("index,name,..."): the layout comes from the row count.
  const std::string csv = slurp(std::string(ARTHROKIN_DATA_DIR) + "/samples/blazepose/pose_landmarks.csv");
  ASSERT_FALSE(csv.empty());
  const auto r = check(write("landmarks.csv", "\xEF\xBB\xBF" + csv));
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
}

TEST_F(CliInputs, PoseJsonNestedTooDeepIsRefusedNamingTheField) {
  const auto r = check(
      write("deep.json", R"({"angles_deg": {}, "comment": )" + std::string(100, '[') + std::string(100, ']') + "}"));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("deep.json: comment[0][0]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("JSON nested deeper than 64 levels"), std::string::npos) << r.err;
}

TEST_F(CliInputs, PoseJsonDuplicateKeyIsRefused) {
  const auto r = check(write("dup.json", R"({"angles_deg": {"left_knee_flexion_extension": 10,
                                                            "left_knee_flexion_extension": 170}})"));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("dup.json: angles_deg.left_knee_flexion_extension: duplicate key"), std::string::npos) << r.err;
}

TEST_F(CliInputs, MissingPathThatIsNotUtf8IsEscaped) {
  const auto r = check((dir_ / "missing_\xff\xfe.json").string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("missing_\\xff\\xfe.json: no such file"), std::string::npos) << r.err;
  EXPECT_TRUE(arthrokin::detail::valid_utf8(r.err)) << r.err;
}

TEST_F(CliInputs, ErrorInAFileWhosePathIsNotUtf8IsEscaped) {
  const auto r = check(write("bad_\xff.csv", "time_s,knee_deg\n0,1\n"));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("bad_\\xff.csv:1:2: header: unknown DoF 'knee'"), std::string::npos) << r.err;
  EXPECT_TRUE(arthrokin::detail::valid_utf8(r.err)) << r.err;
}

// --fit (docs/fitter.md): the skeleton fitter on keypoint input, on the real BlazePose trial.
class CliFit : public CliInputs {
 protected:
  static std::string trial() {
    return slurp(std::string(ARTHROKIN_DATA_DIR) + "/samples/blazepose_world/balancing_trial_cam01_world.csv");
  }
  test_support::CliRun run(const std::vector<std::string>& args) {
    return test_support::run_cli(ARTHROKIN_CLI_PATH, args, ::testing::TempDir());
  }
};

TEST_F(CliFit, AnglesWithUncertaintyColumns) {
  const std::string in = write("trial.csv", trial()), out = (dir_ / "angles.csv").string();
  const auto r = run({"angles", in, "--fps", "60", "--fit", "offline", "-o", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("fitted offline"), std::string::npos) << r.err;
  std::istringstream lines(slurp(out));
  std::string header, row;
  std::getline(lines, header);
  EXPECT_NE(header.find("right_knee_flexion_extension_sigma_deg"), std::string::npos);
  std::size_t rows = 0;
  while (std::getline(lines, row)) rows += !row.empty();
  EXPECT_EQ(rows, 100u);
}

TEST_F(CliFit, HealthyTrialIsNotFlaggedWithTheFitsUncertainty) {
  const std::string in = write("trial.csv", trial());
  EXPECT_EQ(run({"check", in, "--fps", "60"}).exit_code, 1);  // raw keypoints: flagged frames
  const auto r = run({"check", in, "--fps", "60", "--fit", "online"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(CliFit, SwappedLabelsAreRepairedAndCounted) {
  // Frames 40–79 of the trial with every left_/right_ column exchanged (a front view read as a back view).
  std::istringstream lines(trial());
  std::string header, line, out;
  std::getline(lines, header);
  if (!header.empty() && header.back() == '\r') header.pop_back();
  std::vector<std::string> names;
  for (std::stringstream ss(header); std::getline(ss, line, ',');) names.push_back(line);
  std::vector<std::size_t> other(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string n = names[i];
    if (const auto p = n.find("left"); p != std::string::npos)
      n.replace(p, 4, "right");
    else if (const auto q = n.find("right"); q != std::string::npos)
      n.replace(q, 5, "left");
    other[i] = static_cast<std::size_t>(std::find(names.begin(), names.end(), n) - names.begin());
    ASSERT_LT(other[i], names.size()) << names[i];
  }
  out = header + "\n";
  for (std::size_t f = 0; std::getline(lines, line); ++f) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cells;
    for (std::stringstream ss(line); std::getline(ss, header, ',');) cells.push_back(header);
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + cells[f >= 40 && f < 80 ? other[i] : i];
    out += "\n";
  }
  const auto r =
      run({"angles", write("swapped.csv", out), "--fps", "60", "--fit", "online", "-o", (dir_ / "a.csv").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto p = r.err.find("fitted online (");
  ASSERT_NE(p, std::string::npos) << r.err;
  EXPECT_GE(std::stoi(r.err.substr(p + 15)), 38) << r.err;
  EXPECT_LE(std::stoi(r.err.substr(p + 15)), 42) << r.err;
}

TEST_F(CliFit, ImageLandmarksOfTheSameFrames) {
  // --fit-image: the trial's 2D landmarks (1080 × 1920). The angles differ from the 3D-only fit's (the
  // image is used), every row is written, and the options are checked.
  const std::string in = write("trial.csv", trial());
  const std::string img = std::string(ARTHROKIN_DATA_DIR) + "/samples/blazepose_world/balancing_trial_cam01_image.csv";
  const std::string a = (dir_ / "a.csv").string(), b = (dir_ / "b.csv").string();
  ASSERT_EQ(run({"angles", in, "--fps", "60", "--fit", "offline", "-o", a}).exit_code, 0);
  for (const std::string mode : {"offline", "online"}) {
    const auto r =
        run({"angles", in, "--fps", "60", "--fit", mode, "--fit-image", img, "--image-size", "1080x1920", "-o", b});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("with image landmarks"), std::string::npos) << r.err;
    const std::string with = slurp(b);
    EXPECT_EQ(std::count(with.begin(), with.end(), '\n'), 101);
    if (mode == "offline") {
      EXPECT_NE(with, slurp(a));
    }
  }
  EXPECT_EQ(run({"angles", in, "--fit-image", img, "--image-size", "1080x1920"}).exit_code, 2);  // no --fit
  EXPECT_EQ(run({"angles", in, "--fit", "online", "--fit-image", img}).exit_code, 2);            // no size
  EXPECT_EQ(run({"angles", in, "--fit", "online", "--fit-image", img, "--image-size", "1080"}).exit_code, 2);
  EXPECT_EQ(run({"angles", in, "--fit", "online", "--fit-image", img, "--image-size", "0x1920"}).exit_code, 2);
  std::string shorter = slurp(img);
  shorter.resize(shorter.rfind('\n', shorter.size() - 2) + 1);  // one frame fewer
  EXPECT_NE(run({"angles", in, "--fps", "60", "--fit", "online", "--fit-image", write("short.csv", shorter),
                 "--image-size", "1080x1920"})
                .exit_code,
            0);
}

TEST_F(CliFit, FitOnlyForKeypointsAndKnownModes) {
  const std::string in = write("trial.csv", trial());
  EXPECT_EQ(run({"angles", in, "--fit", "sideways"}).exit_code, 2);
  EXPECT_EQ(
      run({"angles", std::string(ARTHROKIN_DATA_DIR) + "/samples/bvh/131_01_start_walk_stop.bvh", "--fit", "online"})
          .exit_code,
      2);
}

}  // namespace
