// How the `arthrokin` tool loads its inputs (src/cli/inputs.cpp) with the readers' limits: a BOM
// before a long keypoint CSV, a pose JSON nested too deep or with a duplicate key, and file paths
// whose bytes are not UTF-8 (escaped in the message, which stays UTF-8).
#include <arthrokin/detail/text.hpp>

#include <gtest/gtest.h>
#include <unistd.h>

#include "support/run_cli.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
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

}  // namespace
