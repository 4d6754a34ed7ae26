// .trc marker trajectories (io/trc.hpp): the real Pose2Sim four-camera trial of
// data/samples/pose2sim_balancing read independently here (naive split of its tab-separated
// lines) and compared value by value, units, the marker → BlazePose mapping, bad input naming
// file:line:column, and `arthrokin check|angles|scan file.trc`.
#include <arthrokin/io/keypoints_csv.hpp>
#include <arthrokin/io/trc.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#include "support/cli_run.hpp"
#include "support/files.hpp"

namespace {

using namespace arthrokin;

const std::string kTrc =
    std::string(ARTHROKIN_DATA_DIR) + "/samples/pose2sim_balancing/BalancingTrial_0-100_3d_filt_butterworth.trc";

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, '\t')) out.push_back(cell);
  return out;
}

// SOURCE.md: 100 frames at 60 Hz, 21 markers, metres; the frame's values equal the file's.
TEST(io_trc, RealPose2SimTrialValueByValue) {
  const std::string text = test_support::read_file(kTrc);
  std::istringstream in(text);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  const auto names = split_tabs(lines[3]);
  const io::TrcMarkers m = io::read_trc(kTrc);
  EXPECT_EQ(m.data_rate_hz, 60.0);
  EXPECT_EQ(m.units, "m");
  ASSERT_EQ(m.size(), 100u);
  ASSERT_EQ(m.markers.size(), 21u);
  EXPECT_EQ(m.markers.front(), "RHip");
  EXPECT_EQ(m.markers.back(), "LWrist");
  const std::vector<std::string> ignored{"RSmallToe", "LSmallToe", "Neck", "Head"};
  EXPECT_EQ(m.ignored, ignored);
  EXPECT_EQ(m.mapped.size(), 17u);
  EXPECT_EQ(m.mapped.front(), "RHip -> right_hip");
  EXPECT_EQ(m.keypoints.layout, Layout::blazepose33);
  // BlazePose indices (kinematics/layout.hpp): 24 right_hip, 25 left_knee, 32 right_foot_index, 0 nose.
  const std::pair<std::string, std::size_t> checks[] = {{"RHip", 24}, {"LKnee", 25}, {"RBigToe", 32}, {"Nose", 0}};
  for (std::size_t row : {0u, 57u, 99u}) {
    const auto cells = split_tabs(lines[5 + row]);
    EXPECT_DOUBLE_EQ(m.time_s[row], std::stod(cells[1]));
    for (const auto& [marker, idx] : checks) {
      std::size_t col = 0;
      for (std::size_t c = 0; c < names.size(); ++c)
        if (names[c] == marker) col = c;
      ASSERT_GT(col, 1u) << marker;
      for (std::size_t a = 0; a < 3; ++a)
        EXPECT_EQ(m.keypoints.xyz[(row * 33 + idx) * 3 + a], std::stod(cells[col + a])) << marker << " row " << row;
      EXPECT_EQ(m.keypoints.visibility[row * 33 + idx], 1.0);
    }
    // Keypoints no marker gives (left_pinky 17, left_eye 2) are unknown.
    EXPECT_TRUE(std::isnan(m.keypoints.xyz[(row * 33 + 17) * 3]));
    EXPECT_EQ(m.keypoints.visibility[row * 33 + 2], 0.0);
  }
}

std::string small_trc(const std::string& units, double scale, const std::string& row2_extra = "") {
  auto v = [&](double x) {
    std::ostringstream o;
    o.precision(17);
    o << x * scale;
    return o.str();
  };
  std::string t =
      "PathFileType\t4\t(X/Y/Z)\tt.trc\n"
      "DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\n"
      "30\t30\t2\t2\t" +
      units +
      "\n"
      "Frame#\tTime\tLKnee\t\t\tNeck\t\t\n"
      "\t\tX1\tY1\tZ1\tX2\tY2\tZ2\n";
  t += "1\t0\t" + v(0.1) + "\t" + v(0.5) + "\t" + v(-0.25) + "\t0\t1.5\t0\n";
  t += "2\t0.0333\t" + v(0.2) + "\t" + v(0.4) + "\t" + v(0.125) + row2_extra + "\n";
  return t;
}

TEST(io_trc, UnitsBecomeMetresAndShortRowsAreUnknown) {
  for (const auto& [units, scale] : {std::pair{std::string("m"), 1.0}, {"mm", 1000.0}, {"cm", 100.0}}) {
    const io::TrcMarkers m = io::parse_trc(small_trc(units, scale), "t.trc");
    ASSERT_EQ(m.size(), 2u);
    EXPECT_NEAR(m.keypoints.xyz[25 * 3 + 0], 0.1, 1e-15) << units;
    EXPECT_NEAR(m.keypoints.xyz[25 * 3 + 1], 0.5, 1e-15) << units;
    EXPECT_NEAR(m.keypoints.xyz[(33 + 25) * 3 + 2], 0.125, 1e-15) << units;
  }
  // Row 2 stops after LKnee: Neck is unknown there (ignored anyway); an empty or NaN marker: unknown.
  const io::TrcMarkers m = io::parse_trc(small_trc("m", 1.0, "\t\t\t"), "t.trc");
  EXPECT_EQ(m.size(), 2u);
  std::string t = small_trc("m", 1.0);
  const auto row1 = t.find("\n1\t0\t") + 5, end1 = t.find("\t0\t1.5\t0\n");
  t.replace(row1, end1 - row1, "NaN\t\t");
  const io::TrcMarkers u = io::parse_trc(t, "t.trc");
  EXPECT_TRUE(std::isnan(u.keypoints.xyz[25 * 3]));
  EXPECT_EQ(u.keypoints.visibility[25], 0.0);
  EXPECT_EQ(u.keypoints.visibility[33 + 25], 1.0);
}

std::string error_of(const std::string& text) {
  try {
    (void)io::parse_trc(text, "t.trc");
  } catch (const parse_error& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(io_trc, BadInputNamesLineAndColumn) {
  const std::string good = small_trc("m", 1.0);
  auto with = [&](const std::string& from, const std::string& to) {
    std::string t = good;
    const auto p = t.find(from);
    EXPECT_NE(p, std::string::npos) << from;
    return t.replace(p, from.size(), to);
  };
  const std::pair<std::string, std::string> cases[] = {
      {"", "t.trc:1: empty file"},
      {with("PathFileType", "PathFile"), "t.trc:1:1: expected 'PathFileType'"},
      {with("30\t30\t2\t2\tm", "30\t30\t2\t2\tinch"), "t.trc:3:5: Units: 'inch' is not a length unit"},
      {with("30\t30\t2\t2\tm", "0\t30\t2\t2\tm"), "t.trc:3:1: DataRate: '0' is not a positive number"},
      {with("30\t30\t2\t2\tm", "30\t30\t-2\t2\tm"), "t.trc:3:3: NumFrames: '-2' is not a count"},
      {with("30\t30\t2\t2\tm", "30\t30\t2000000\t2\tm"), "t.trc:3:3: NumFrames: 2000000 is more than the limit"},
      {with("\tUnits\n", "\tUnit\n"), "t.trc:2: the header has no Units"},
      {with("30\t30\t2\t2\tm", "30\t30\t2\t3\tm"), "t.trc:4: the header says NumMarkers=3, this line names 2"},
      {with("LKnee\t\t\tNeck", "LKnee\t\tNeck\t"), "t.trc:4:5: marker name 'Neck' is not in the first column"},
      {with("LKnee\t\t\tNeck", "LKnee\t\t\tLKnee"), "t.trc:4:6: marker 'LKnee' is named twice"},
      {with("Frame#", "Frame"), "t.trc:4:1: expected 'Frame#'"},
      {with("X2\tY2\tZ2", "X2\tY2"), "t.trc:5: expected 6 coordinate labels"},
      {with("30\t30\t2\t2\tm", "30\t30\t3\t2\tm"), "NumFrames=3, the file has 2 rows of data (truncated file?)"},
      {with("30\t30\t2\t2\tm", "30\t30\t1\t2\tm"), "NumFrames=1, the file has more rows of data"},
      {with("\t0.0333\t", "\t0\t"), "t.trc:7:2: Time: '0' does not increase"},
      {with("0.5\t-0.25", "0.5\tx"), "t.trc:6:5: marker 'LKnee' Z: 'x' is not a number"},
      {with("0.5\t-0.25", "0.5\tinf"), "t.trc:6:5: marker 'LKnee' Z: 'inf' is not a finite number"},
      {with("0\t1.5\t0\n", "0\t1.5\t0\t7\n"), "t.trc:6:9: more values than the 2 markers: '7'"},
      {with("0\t1.5\t0\n", "0\t1.5\n"), "t.trc:6:7: the row ends within a marker's X Y Z"},
      {with("\t0.0333\t", "\tnan\t"), "t.trc:7:2: Time: 'nan' is not a finite number"},
  };
  for (const auto& [text, expected] : cases)
    EXPECT_NE(error_of(text).find(expected), std::string::npos) << expected << "\n got: " << error_of(text);
  // A file name with control bytes is quoted printably.
  try {
    (void)io::parse_trc("", "a\nb.trc");
    FAIL();
  } catch (const parse_error& e) {
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
  }
}

// `arthrokin check|angles|scan file.trc`: one pose per frame, the file's times, and the angles
// of the keypoint path on the same points as a BlazePose CSV of them.
TEST(io_trc, CliTakesTrc) {
  if (test::cli_path().empty()) GTEST_SKIP() << "built without the CLI";
  const test::CliResult a = test::run_cli("angles " + test::quote(kTrc));
  ASSERT_EQ(a.code, 0) << a.err;
  std::istringstream in(a.out);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  ASSERT_EQ(lines.size(), 101u);
  EXPECT_EQ(lines[1].substr(0, lines[1].find(',')), "0.016667");  // the file's Time 0.0166666666666666
  EXPECT_NE(a.err.find("markers with no keypoint, ignored: RSmallToe, LSmallToe, Neck, Head"), std::string::npos)
      << a.err;
  // The same points as a wide BlazePose CSV (written here from the reader's table) read by the
  // keypoint CSV reader give the same angle columns.
  const io::TrcMarkers m = io::read_trc(kTrc);
  std::ostringstream csv;
  csv.precision(17);
  csv << "frame";
  for (int k = 0; k < 33; ++k) csv << ",p" << k << "_x,p" << k << "_y,p" << k << "_z,p" << k << "_vis";
  csv << "\n";
  for (std::size_t f = 0; f < m.size(); ++f) {
    csv << f;
    for (std::size_t k = 0; k < 33; ++k) {
      for (std::size_t c = 0; c < 3; ++c) {
        const double v = m.keypoints.xyz[(f * 33 + k) * 3 + c];
        csv << ",";
        if (std::isnan(v))
          csv << "nan";
        else
          csv << v;
      }
      csv << "," << m.keypoints.visibility[f * 33 + k];
    }
    csv << "\n";
  }
  const std::string dir = test::fresh_dir("trc");
  { std::ofstream(dir + "bp.csv") << csv.str(); }
  const test::CliResult b = test::run_cli("angles --layout blazepose33 " + test::quote(dir + "bp.csv"));
  ASSERT_EQ(b.code, 0) << b.err;
  std::istringstream bin(b.out);
  std::vector<std::string> blines;
  for (std::string l; std::getline(bin, l);) blines.push_back(l);
  ASSERT_EQ(blines.size(), lines.size());
  for (std::size_t i = 1; i < lines.size(); ++i)
    EXPECT_EQ(lines[i].substr(lines[i].find(',')), blines[i].substr(blines[i].find(','))) << "row " << i;
  const test::CliResult c = test::run_cli("check " + test::quote(kTrc));
  EXPECT_NE(c.code, 2) << c.err;
  EXPECT_NE(c.out.find("TRC markers (17 of 21 markers as blazepose33 keypoints)"), std::string::npos) << c.out;
  const test::CliResult s = test::run_cli("--format json scan --no-progress " + test::quote(kTrc));
  EXPECT_NE(s.code, 2) << s.err;
  EXPECT_NE(s.out.find("\"frames\": 100"), std::string::npos) << s.out;
}

}  // namespace
