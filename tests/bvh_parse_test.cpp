// BVH parser: the real CMU walk, and malformed input → parse_error naming line and field.
#include <arthrokin/io/bvh.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include "support/files.hpp"

namespace {

using arthrokin::parse_error;
using arthrokin::io::BvhChannel;
using arthrokin::io::parse_bvh;

const std::string walk_path = std::string(ARTHROKIN_DATA_DIR) + "/samples/bvh/131_01_start_walk_stop.bvh";

std::string slurp(const std::string& path) { return test_support::read_file(path); }

TEST(bvh_parse, CmuWalkHeaderAndCounts) {
  const std::string text = slurp(walk_path);
  ASSERT_FALSE(text.empty());
  // Independent reading of the file: count ROOT/JOINT tokens, sum CHANNELS counts, take the first frame line.
  std::istringstream in(text);
  std::string tok;
  int joints = 0, channels = 0;
  while (in >> tok) {
    if (tok == "ROOT" || tok == "JOINT") ++joints;
    if (tok == "CHANNELS") {
      int n = 0;
      in >> n;
      channels += n;
    }
    if (tok == "MOTION") break;
  }
  EXPECT_EQ(joints, 31);  // SOURCE.md: 31 joints
  const auto f = arthrokin::io::read_bvh(walk_path);
  EXPECT_EQ(f.name, "131_01_start_walk_stop.bvh");
  EXPECT_EQ(static_cast<int>(f.joint_count()), joints);
  EXPECT_EQ(f.channel_count(), channels);
  EXPECT_EQ(f.frame_count(), 994);
  EXPECT_DOUBLE_EQ(f.frame_time, 0.0083333);
  EXPECT_EQ(f.joints[0].name, "Hips");
  EXPECT_EQ(f.joints[0].parent, -1);
  ASSERT_EQ(f.joints[0].channels.size(), 6u);
  EXPECT_EQ(f.joints[0].channels[0], BvhChannel::x_position);
  EXPECT_EQ(f.joints[0].channels[3], BvhChannel::z_rotation);
  EXPECT_EQ(f.joints[0].channels[5], BvhChannel::x_rotation);
  const auto lknee = f.find("LeftKnee");
  ASSERT_TRUE(lknee);
  EXPECT_EQ(f.joints[*lknee].offset, Eigen::Vector3d(2.49329, -6.85026, 0.0));
  EXPECT_EQ(f.joints[static_cast<std::size_t>(f.joints[*lknee].parent)].name, "LeftHip");
  const auto ltoe = f.find("LeftToe");
  ASSERT_TRUE(ltoe);
  ASSERT_EQ(f.joints[*ltoe].end_sites.size(), 1u);
  EXPECT_EQ(f.joints[*ltoe].end_sites[0], Eigen::Vector3d(0.0, -0.0, 1.13491));
  // Arms use Z X Y order in this file.
  const auto lsh = f.find("LeftShoulder");
  ASSERT_TRUE(lsh);
  EXPECT_EQ(f.joints[*lsh].channels[1], BvhChannel::x_rotation);
  EXPECT_EQ(f.joints[*lsh].channels[2], BvhChannel::y_rotation);
  // First and last frame values as written in the file (line 188 starts "5.2300 16.9002 -33.8986").
  EXPECT_DOUBLE_EQ(f.frames(0, 0), 5.23);
  EXPECT_DOUBLE_EQ(f.frames(0, 1), 16.9002);
  EXPECT_DOUBLE_EQ(f.frames(0, 2), -33.8986);
  std::string last_line;
  {
    std::istringstream lines(text);
    std::string l;
    while (std::getline(lines, l))
      if (l.find_first_not_of(" \t\r") != std::string::npos) last_line = l;
  }
  std::istringstream last(last_line);
  double v0 = 0;
  last >> v0;
  EXPECT_DOUBLE_EQ(f.frames(993, 0), v0);
  // Columns are assigned in file order.
  int col = 0;
  for (const auto& j : f.joints) {
    EXPECT_EQ(j.first_channel, col) << j.name;
    col += static_cast<int>(j.channels.size());
  }
}

// ---- a small valid file to break --------------------------------------------

const char* const small_bvh =
    "HIERARCHY\n"                                                                 // 1
    "ROOT Hips\n"                                                                 // 2
    "{\n"                                                                         // 3
    "  OFFSET 0 0 0\n"                                                            // 4
    "  CHANNELS 6 Xposition Yposition Zposition Zrotation Yrotation Xrotation\n"  // 5
    "  JOINT Knee\n"                                                              // 6
    "  {\n"                                                                       // 7
    "    OFFSET 0 -1 0\n"                                                         // 8
    "    CHANNELS 1 Xrotation\n"                                                  // 9
    "    End Site\n"                                                              // 10
    "    {\n"                                                                     // 11
    "      OFFSET 0 -1 0\n"                                                       // 12
    "    }\n"                                                                     // 13
    "  }\n"                                                                       // 14
    "}\n"                                                                         // 15
    "MOTION\n"                                                                    // 16
    "Frames: 2\n"                                                                 // 17
    "Frame Time: 0.5\n"                                                           // 18
    "0 1 2 3 4 5 6\n"                                                             // 19
    "0 1 2 3 4 5 7\n";                                                            // 20

std::string replace_line(int line, const std::string& with) {
  std::istringstream in(small_bvh);
  std::string out, l;
  for (int n = 1; std::getline(in, l); ++n) out += (n == line ? with : l) + "\n";
  return out;
}

std::string error_of(const std::string& text) {
  try {
    (void)parse_bvh(text, "t.bvh");
  } catch (const parse_error& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(bvh_parse, SmallValidFile) {
  const auto f = parse_bvh(small_bvh, "t.bvh");
  ASSERT_EQ(f.joint_count(), 2u);
  EXPECT_EQ(f.channel_count(), 7);
  EXPECT_EQ(f.frame_count(), 2);
  EXPECT_EQ(f.frames(1, 6), 7.0);
  EXPECT_EQ(f.joints[1].parent, 0);
  EXPECT_EQ(f.joints[1].first_channel, 6);
}

TEST(bvh_parse, AcceptsVariants) {
  // CRLF, brace on the name line, "Frames:N", '+' sign, exponent, leading dot, lowercase keywords.
  std::string t =
      "HIERARCHY\r\nROOT My Root {\r\n OFFSET 0 0 0\r\n CHANNELS 3 Xrotation Yrotation Zrotation\r\n"
      " End Site {\r\n  OFFSET 0 1 0\r\n }\r\n}\r\nmotion\r\nFrames:1\r\nFrame Time: .01\r\n+1.5 -.5 2e1\r\n";
  const auto f = parse_bvh(t, "v.bvh");
  EXPECT_EQ(f.joints[0].name, "My Root");
  EXPECT_EQ(f.frames(0, 0), 1.5);
  EXPECT_EQ(f.frames(0, 1), -0.5);
  EXPECT_EQ(f.frames(0, 2), 20.0);
  EXPECT_EQ(f.frame_time, 0.01);
}

struct Bad {
  int line;
  std::string with;
  std::string expected;  // substring of the message
};

TEST(bvh_parse, MalformedNamesLineAndField) {
  const Bad cases[] = {
      {20, "0 1 2 3 4 5", "t.bvh:20: frame 2 has 6 values, expected 7"},
      {19, "0 1 2 3 4 5 6 8", "t.bvh:19: frame 1 has 8 values, expected 7"},
      {9, "    CHANNELS 1 Wrotation", "t.bvh:9: CHANNELS of Knee: unknown channel name 'Wrotation'"},
      {9, "    CHANNELS 2 Xrotation", "t.bvh:9: CHANNELS of Knee: count says 2, got 1"},
      {9, "    CHANNELS 2 Xrotation Xrotation", "t.bvh:9: CHANNELS of Knee: duplicate channel"},
      {7, "  ", "t.bvh:8: missing '{' after JOINT Knee"},
      {14, "", "t.bvh:16: missing '}' closing the block opened at line 2 before MOTION"},
      {19, "0 1 2 3 x 5 6", "t.bvh:19: frame 1 value 5: non-numeric value 'x'"},
      {19, "0 1 2 3 nan 5 6", "t.bvh:19: frame 1 value 5: value 'nan' is not finite"},
      {20, "0 1 2 inf 4 5 6", "t.bvh:20: frame 2 value 4: value 'inf' is not finite"},
      {20, "0 1 2 1e400 4 5 6", "t.bvh:20: frame 2 value 4: value '1e400' is not finite"},
      {17, "Frames: 13", "t.bvh:20: Frames: header says 13 frames, file has only 2"},
      {17, "Frames: -1", "t.bvh:17: Frames: bad frame count '-1'"},
      {18, "Frame Time: 0", "t.bvh:18: Frame Time: must be positive"},
      {18, "Frame Time: abc", "t.bvh:18: Frame Time: non-numeric value 'abc'"},
      {8, "    OFFSET 0 -1", "t.bvh:8: OFFSET of Knee: expected 3 values, got 2"},
      {8, "    OFFSET 0 q 0", "t.bvh:8: OFFSET of Knee (Y): non-numeric value 'q'"},
      {12, "      OFFSET 0 nan 0", "t.bvh:12: OFFSET of End Site of Knee (Y): value 'nan' is not finite"},
      {6, "  JOINT", "t.bvh:6: JOINT: missing joint name"},
      {1, "HIERARCH", "t.bvh:1: HIERARCHY: expected 'HIERARCHY'"},
      {5, "  CHANNELS 7 Xposition Yposition Zposition Zrotation Yrotation Xrotation Xrotation",
       "t.bvh:5: CHANNELS of Hips: bad channel count '7'"},
      {6, "  JIONT Knee", "t.bvh:6: HIERARCHY: unknown keyword 'JIONT'"},
      {9, "", "t.bvh:14: CHANNELS: missing in Knee"},
  };
  for (const auto& c : cases) {
    const std::string msg = error_of(replace_line(c.line, c.with));
    EXPECT_NE(msg.find(c.expected), std::string::npos) << "line " << c.line << " -> '" << c.with << "'\n got: " << msg;
  }
}

// A Frames: count off by at most bvh_frame_count_slack lines (10, or 1 %) is a warning and the
// frame lines present are read; one line more is an error.
TEST(bvh_parse, FrameCountOffByAFewLinesIsAWarning) {
  EXPECT_EQ(arthrokin::io::bvh_frame_count_slack(0), 10u);
  EXPECT_EQ(arthrokin::io::bvh_frame_count_slack(1099), 10u);
  EXPECT_EQ(arthrokin::io::bvh_frame_count_slack(2000), 20u);
  const std::string extra_line = "0 1 2 3 4 5 6";
  {  // the header says 1, the file has 2 frame lines: both read
    const auto f = parse_bvh(replace_line(17, "Frames: 1"), "t.bvh");
    EXPECT_EQ(f.frame_count(), 2);
    ASSERT_EQ(f.warnings.size(), 1u);
    EXPECT_EQ(f.warnings[0], "t.bvh: Frames: header says 1 frames, file has 2 frame lines; read 2 frames");
  }
  {  // the header says 12, the file has 2 (10 fewer): the 2 are read
    const auto f = parse_bvh(replace_line(17, "Frames: 12"), "t.bvh");
    EXPECT_EQ(f.frame_count(), 2);
    ASSERT_EQ(f.warnings.size(), 1u);
    EXPECT_NE(f.warnings[0].find("header says 12 frames, file has 2 frame lines; read 2 frames"), std::string::npos);
  }
  std::string more = small_bvh;  // 2 frames + 11 more lines, header 2: 11 > 10, an error
  for (int i = 0; i < 11; ++i) more += extra_line + "\n";
  EXPECT_NE(error_of(more).find("Frames: header says 2 frames, file has 13 frame lines"), std::string::npos)
      << error_of(more);
  std::string ten_more = small_bvh;  // 10 more lines: read, with a warning
  for (int i = 0; i < 10; ++i) ten_more += extra_line + "\n";
  const auto f = parse_bvh(ten_more, "t.bvh");
  EXPECT_EQ(f.frame_count(), 12);
  EXPECT_EQ(f.frames(11, 6), 6.0);
  EXPECT_EQ(f.warnings.size(), 1u);
  EXPECT_TRUE(parse_bvh(small_bvh, "t.bvh").warnings.empty());
}

TEST(bvh_parse, EmptyAndTruncated) {
  EXPECT_NE(error_of("").find("t.bvh:1: HIERARCHY: empty file"), std::string::npos) << error_of("");
  EXPECT_NE(error_of("HIERARCHY\nMOTION\nFrames: 0\nFrame Time: 1\n").find("t.bvh:2: HIERARCHY: empty hierarchy"),
            std::string::npos);
  const std::string head = std::string(small_bvh).substr(0, std::string(small_bvh).find("MOTION"));
  EXPECT_NE(error_of(head).find("MOTION: missing MOTION section"), std::string::npos) << error_of(head);
  const std::string cut = std::string(small_bvh).substr(0, std::string(small_bvh).find("  }\n}"));
  EXPECT_NE(error_of(cut).find("t.bvh:13: missing '}' closing the block opened at line 6 (end of file)"),
            std::string::npos)
      << error_of(cut);
  EXPECT_NE(error_of(head + "MOTION\n").find("Frames: missing"), std::string::npos);
}

TEST(bvh_parse, RealWalkBrokenFrameLine) {
  // The brief's example: drop one value from the first frame line (line 188) of the walk.
  std::string text = slurp(walk_path);
  std::istringstream in(text);
  std::string out, l;
  for (int n = 1; std::getline(in, l); ++n) {
    if (n == 188) l = l.substr(0, l.rfind(' ', l.find_last_not_of(" \r")));
    out += l + "\n";
  }
  EXPECT_NE(error_of(out).find("t.bvh:188: frame 1 has 95 values, expected 96"), std::string::npos) << error_of(out);
}

TEST(bvh_parse, ReadMissingFile) { EXPECT_THROW((void)arthrokin::io::read_bvh("/nonexistent/x.bvh"), parse_error); }

}  // namespace
