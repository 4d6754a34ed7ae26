// Peak memory of the readers, measured on the built `arthrokin` tool (CTest label "memory":
// `ctest -L memory` runs these alone, `ctest -LE memory` leaves them out).
//
// Each case writes a large file, runs `arthrokin check <file>` in a child process and reads the
// child's peak resident set size (wait4 → ru_maxrss). The bound is the one docs/bad-input.md
// documents for the CLI:
//
//     peak RSS ≤ 4 × file size + 360 bytes × frames + 32 MiB
//
// (the text is read once into a buffer of its size; a reader's output holds 8 bytes per number,
// at most 4 bytes per byte of text; the CLI turns every frame into a 352-byte Pose and a time;
// 32 MiB covers the program itself). A file refused for a limit costs at most its size + 32 MiB.
// Nothing here asserts on time.
#include <arthrokin/io/angle_csv.hpp>

#include <gtest/gtest.h>
#include <unistd.h>

#include "support/run_cli.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#ifndef ARTHROKIN_CLI_PATH
#define ARTHROKIN_CLI_PATH ""
#endif

namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kMiB = 1 << 20;
constexpr std::uint64_t kBytesMultiple = 4;
constexpr std::uint64_t kPerFrame = 360;
constexpr std::uint64_t kConstant = 32 * kMiB;
constexpr std::uint64_t kTarget = 64 * kMiB;  // size of the generated "large" files

using test_support::CliRun;

class Memory : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string(ARTHROKIN_CLI_PATH).empty()) GTEST_SKIP() << "the arthrokin CLI is not built";
  }
  void TearDown() override {
    std::error_code ec;
    if (!path_.empty()) fs::remove(path_, ec);
  }
  /// A file `name` in the temporary directory, written by `write(out)`.
  std::string make(const std::string& name, const auto& write) {
    path_ = ::testing::TempDir() + "io_memory_" + std::to_string(::getpid()) + "_" + name;
    std::ofstream out(path_, std::ios::binary);
    write(out);
    return path_;
  }
  /// Writes `frame_text(i)` for i = 0, 1, ... until kTarget bytes are written; returns the count.
  static std::uint64_t write_frames(std::ofstream& out, const auto& frame_text) {
    std::uint64_t frames = 0;
    for (std::uint64_t bytes = 0; bytes < kTarget; ++frames) {
      const std::string text = frame_text(frames);
      out << text;
      bytes += text.size();
    }
    return frames;
  }
  /// Runs `arthrokin check` on the file and checks the peak against the documented bound.
  CliRun check(std::uint64_t frames, bool refused) {
    const std::uint64_t size = fs::file_size(path_);
    const CliRun r = test_support::run_cli(ARTHROKIN_CLI_PATH, {"check", path_}, ::testing::TempDir());
    const std::uint64_t bound = refused ? size + kConstant : kBytesMultiple * size + kPerFrame * frames + kConstant;
    std::printf("[ memory   ] %s: %.1f MB, %llu frames: peak RSS %.1f MB = %.2f × size (bound %.1f MB), exit %d\n",
                fs::path(path_).filename().c_str(), static_cast<double>(size) / 1e6,
                static_cast<unsigned long long>(frames), static_cast<double>(r.peak_rss) / 1e6,
                static_cast<double>(r.peak_rss) / static_cast<double>(size), static_cast<double>(bound) / 1e6,
                r.exit_code);
    RecordProperty("file_bytes", std::to_string(size));
    RecordProperty("peak_rss_bytes", std::to_string(r.peak_rss));
    EXPECT_GT(r.peak_rss, 0u);
    EXPECT_LE(r.peak_rss, bound) << "peak RSS " << r.peak_rss << " for a file of " << size << " bytes";
    if (refused)
      EXPECT_EQ(r.exit_code, 2) << r.err;
    else
      EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
    return r;
  }

  std::string path_;
};

TEST_F(Memory, AngleCsv64MB) {
  // As `arthrokin angles` writes it: every DoF and the three thoracolumbar totals, 6 decimals.
  const std::string header = arthrokin::io::angle_csv_header();
  const auto columns = static_cast<std::size_t>(std::count(header.begin(), header.end(), ','));
  std::uint64_t frames = 0;
  make("angles.csv", [&](std::ofstream& out) {
    out << header << '\n';
    frames = write_frames(out, [&](std::uint64_t i) {
      char buf[64];
      std::string row = std::to_string(i) + ".000000";
      for (std::size_t k = 0; k < columns; ++k) {
        std::snprintf(buf, sizeof buf, ",%.6f", 10.0 + static_cast<double>((i + k) % 200) * 0.1);
        row += buf;
      }
      return row + '\n';
    });
  });
  check(frames, false);
}

TEST_F(Memory, Bvh64MB) {
  std::ifstream in(std::string(ARTHROKIN_DATA_DIR) + "/samples/bvh/131_01_start_walk_stop.bvh", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  const std::string walk = s.str();
  const auto motion = walk.find("MOTION");
  ASSERT_NE(motion, std::string::npos);
  std::istringstream lines(walk.substr(motion));
  std::vector<std::string> frame_lines;
  for (std::string l; std::getline(lines, l);)
    if (!l.empty() && (l[0] == '-' || (l[0] >= '0' && l[0] <= '9'))) frame_lines.push_back(l);
  ASSERT_FALSE(frame_lines.empty());
  std::uint64_t per_cycle = 0;
  for (const auto& l : frame_lines) per_cycle += l.size() + 1;
  const std::uint64_t frames = (kTarget / per_cycle + 1) * frame_lines.size();
  make("walk.bvh", [&](std::ofstream& out) {
    out << walk.substr(0, motion) << "MOTION\nFrames: " << frames << "\nFrame Time: 0.0083333\n";
    for (std::uint64_t f = 0; f < frames; ++f) out << frame_lines[f % frame_lines.size()] << '\n';
  });
  check(frames, false);
}

TEST_F(Memory, KeypointJson64MB) {
  std::uint64_t frames = 0;
  make("keypoints.json", [&](std::ofstream& out) {
    out << "{\"layout\": \"coco17\", \"fps\": 30, \"frames\": [";
    frames = write_frames(out, [&](std::uint64_t i) {
      char buf[96];
      std::string f = i ? ",[" : "[";
      for (int k = 0; k < 17; ++k) {
        std::snprintf(buf, sizeof buf, "%s[%.4f, %.4f, %.4f, 0.95]", k ? ", " : "", 0.1 * k,
                      1.0 - 0.05 * k + 1e-5 * static_cast<double>(i % 100), 0.01 * k);
        f += buf;
      }
      return f + "]\n";
    });
    out << "]}\n";
  });
  check(frames, false);
}

TEST_F(Memory, KeypointCsv64MB) {
  const char* names[17] = {"nose",           "left_eye",   "right_eye",   "left_ear",   "right_ear",   "left_shoulder",
                           "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_hip",
                           "right_hip",      "left_knee",  "right_knee",  "left_ankle", "right_ankle"};
  std::uint64_t frames = 0;
  make("keypoints.csv", [&](std::ofstream& out) {
    out << "frame";
    for (const char* n : names) out << ',' << n << "_x," << n << "_y," << n << "_z," << n << "_vis";
    out << '\n';
    frames = write_frames(out, [&](std::uint64_t i) {
      char buf[96];
      std::string row = std::to_string(i);
      for (int k = 0; k < 17; ++k) {
        std::snprintf(buf, sizeof buf, ",%.5f,%.5f,%.5f,0.95", 0.1 * k,
                      1.0 - 0.05 * k + 1e-5 * static_cast<double>(i % 100), 0.01 * k);
        row += buf;
      }
      return row + '\n';
    });
  });
  check(frames, false);
}

// One frame of 300 000 one-cell rows: the per-frame term dominates (a Pose per 8-byte row).
TEST_F(Memory, AngleCsvShortRows) {
  const std::uint64_t frames = 300'000;
  make("short_rows.csv", [&](std::ofstream& out) {
    out << "time_s,left_knee_flexion_extension_deg\n";
    for (std::uint64_t f = 0; f < frames; ++f) out << f << ",10\n";
  });
  check(frames, false);
}

// ---- refused inputs: at most the file itself, read once ----

TEST_F(Memory, BvhOne64MBFrameLine) {
  make("long_line.bvh", [&](std::ofstream& out) {
    out << "HIERARCHY\nROOT Hips\n{\nOFFSET 0 0 0\nCHANNELS 3 Zrotation Xrotation Yrotation\nEnd Site\n{\nOFFSET 0 1 "
           "0\n}\n}"
           "\nMOTION\nFrames: 1\nFrame Time: 0.01\n";
    std::string values;
    for (int i = 0; i < (1 << 19); ++i) values += "0 ";
    for (std::uint64_t b = 0; b < kTarget; b += values.size()) out << values;
    out << '\n';
  });
  const CliRun r = check(1, true);
  EXPECT_NE(r.err.find("line longer than the limit"), std::string::npos) << r.err;
}

TEST_F(Memory, AngleCsvOverAMillionRows) {
  make("million.csv", [&](std::ofstream& out) {
    out << "time_s,left_knee_flexion_extension_deg\n";
    for (int f = 0; f <= 1'000'000; ++f) out << f << ",10.000000\n";
  });
  const CliRun r = check(0, true);
  EXPECT_NE(r.err.find("more than 1000000 frames"), std::string::npos) << r.err;
}

TEST_F(Memory, PoseJson64MBOfNestedArrays) {
  make("nested.json", [&](std::ofstream& out) {
    out << "{\"angles_deg\": {}, \"comment\": [";
    const std::string block = std::string(32, '[') + std::string(32, ']') + ",";
    for (std::uint64_t b = 0; b < kTarget; b += block.size()) out << block;
    out << "0]}\n";
  });
  const CliRun r = check(0, true);
  EXPECT_NE(r.err.find("more than the limit of 262144 bytes"), std::string::npos) << r.err;
}

// The largest pose JSON accepted, made of the JSON that costs most as a DOM (empty arrays).
TEST_F(Memory, PoseJsonOf256KiBOfEmptyArrays) {
  make("arrays.json", [&](std::ofstream& out) {
    out << "{\"angles_deg\": {\"left_knee_flexion_extension\": 10}, \"comment\": [";
    for (int i = 0; i < 87'000; ++i) out << "[],";
    out << "0]}\n";
  });
  ASSERT_LE(fs::file_size(path_), 256u << 10);
  check(1, false);
}

}  // namespace
