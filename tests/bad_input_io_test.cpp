// The bad-input catalogue of the file readers (docs/bad-input.md): one row per input, each read
// from a file through the public reader, with the outcome it must have. A row fails when its
// outcome changes: a different message, a success where an error was expected, or a success
// that reads different values.
//
// Every error must be an `arthrokin::parse_error` whose message names the file (escaped when its
// bytes are not UTF-8) and holds the row's substrings (the line, field or key and what is wrong);
// it must be valid UTF-8 and short (at most 2 kB, whatever the size of the offending input).
// A success is summarised by an independent description of what was read (frames, the DoFs
// observed and their values), written by hand in the row from the input.
#include <arthrokin/detail/text.hpp>
#include <arthrokin/io/angle_csv.hpp>
#include <arthrokin/io/bvh.hpp>
#include <arthrokin/io/exercise_json.hpp>
#include <arthrokin/io/keypoints_csv.hpp>
#include <arthrokin/io/keypoints_json.hpp>
#include <arthrokin/io/opensim.hpp>
#include <arthrokin/io/pose_json.hpp>
#include <arthrokin/io/profile_json.hpp>
#include <arthrokin/io/smpl.hpp>
#include <arthrokin/io/trc.hpp>

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>
#include "support/files.hpp"

namespace {

using namespace arthrokin;
namespace fs = std::filesystem;

enum class Reader {
  angle_csv,
  keypoints_csv,
  keypoints_json,
  pose_json,
  profile_json,
  exercise_json,
  bvh,
  opensim,
  trc,
  smpl
};

const char* extension(Reader r) {
  switch (r) {
    case Reader::angle_csv:
    case Reader::keypoints_csv:
      return ".csv";
    case Reader::bvh:
      return ".bvh";
    case Reader::opensim:
      return ".mot";
    case Reader::trc:
      return ".trc";
    case Reader::smpl:
      return ".npz";
    default:
      return ".json";
  }
}

/// How the input reaches the reader.
enum class Shape {
  file,       ///< a file holding `bytes()`
  sparse,     ///< a sparse file of `size` bytes (nothing is written)
  directory,  ///< a directory with the file's name
  missing,    ///< no file at all
};

struct Row {
  std::string name;
  Reader reader;
  std::function<std::string()> bytes;
  /// Empty: the read must succeed with `summary`. Otherwise: substrings of the parse_error message.
  std::vector<std::string> error;
  std::string summary;
  Shape shape = Shape::file;
  std::uint64_t size = 0;
  std::string file_name;  ///< overrides the file name (e.g. bytes that are not UTF-8)
};

// ---- inputs ---------------------------------------------------------------------------------------

std::function<std::string()> text(std::string s) {
  return [s] { return s; };
}

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out.append(s);
  return out;
}

/// Wide coco17 keypoint CSV header, with or without visibility columns.
std::string coco_header(bool vis) {
  std::string h = "frame";
  for (int k = 0; k < 17; ++k) {
    const std::string p = ",p" + std::to_string(k);
    h += p + "_x" + p + "_y" + p + "_z";
    if (vis) h += p + "_vis";
  }
  return h + "\n";
}

/// One wide coco17 row: frame 0, point 0 given by `first`, the others (1, 2, 3[, 0.9]).
std::string coco_row(const std::string& first, bool vis) {
  std::string r = "0," + first;
  for (int k = 1; k < 17; ++k) r += vis ? ",1,2,3,0.9" : ",1,2,3";
  return r + "\n";
}

/// Long coco17 CSV with visibility: row k is "k,pk,1,2,3,0.5"; `first` replaces row 0 entirely.
std::string coco_long(const std::string& first) {
  std::string t = "index,name,x,y,z,visibility\n" + first + "\n";
  for (int k = 1; k < 17; ++k) t += std::to_string(k) + ",p" + std::to_string(k) + ",1,2,3,0.5\n";
  return t;
}

/// Keypoint JSON of one coco17 frame whose first point is `first` (the others [1, 2, 3]).
std::string coco_json(const std::string& first, const std::string& before = "") {
  std::string f = "[" + first;
  for (int k = 1; k < 17; ++k) f += ", [1, 2, 3]";
  return "{" + before + "\"layout\": \"coco17\", \"frames\": [" + f + "]]}";
}

/// A one-joint BVH: lines 1-10 hierarchy (CHANNELS on line 5), MOTION on line 11, "Frames:" line 12,
/// "Frame Time:" line 13, frames from line 14.
std::string bvh(const std::string& frames_line, const std::string& frame_lines,
                const std::string& channels = "3 Zrotation Xrotation Yrotation", const std::string& root = "Hips") {
  return "HIERARCHY\nROOT " + root + "\n{\n  OFFSET 0 0 0\n  CHANNELS " + channels +
         "\n  End Site\n  {\n    OFFSET 0 1 0\n  }\n}\nMOTION\n" + frames_line + "\nFrame Time: 0.01\n" + frame_lines;
}

/// A BVH whose ROOT has `n` child joints (n + 1 joints in all), no channels, no frames.
std::string bvh_joints(std::size_t n) {
  std::string t = "HIERARCHY\nROOT Hips\n{\nOFFSET 0 0 0\nCHANNELS 0\n";
  for (std::size_t i = 0; i < n; ++i) t += "JOINT j" + std::to_string(i) + "\n{\nOFFSET 0 1 0\nCHANNELS 0\n}\n";
  return t + "}\nMOTION\nFrames: 0\nFrame Time: 0.01\n";
}

std::string exercise_file() {
  return test_support::read_file(std::string(ARTHROKIN_DATA_DIR) + "/exercises/lumbar_spine_rocking_stretch.json");
}

const std::string kKnee = "time_s,left_knee_flexion_extension_deg\n";

/// An OpenSim motion file (io/opensim.hpp): `header` lines (then endheader on the next line), the
/// column line `time\thip_flexion_l\tpelvis_tx` and `rows`. Lines: 1 name, 2 version, 3 inDegrees,
/// 4 endheader, 5 columns, rows from 6 (with the default header).
std::string mot(const std::string& rows, const std::string& header = "Coordinates\nversion=1\ninDegrees=yes\n",
                const std::string& columns = "time\thip_flexion_l\tpelvis_tx") {
  return header + "endheader\n" + columns + "\n" + rows;
}

/// A .trc file (io/trc.hpp) with markers LKnee and Neck: lines 1-5 the header, rows from 6.
std::string trc(const std::string& rows, const std::string& values = "30\t30\t2\t2\tm") {
  return "PathFileType\t4\t(X/Y/Z)\tt.trc\nDataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\n" + values +
         "\nFrame#\tTime\tLKnee\t\t\tNeck\t\t\n\t\tX1\tY1\tZ1\tX2\tY2\tZ2\n" + rows;
}
const std::string kTrcRows = "1\t0\t0.1\t0.5\t-0.25\t0\t1.5\t0\n2\t0.0333\t0.2\t0.4\t0.125\t0\t1.5\t0\n";

// ---- the catalogue --------------------------------------------------------------------------------

Row fails(std::string name, Reader r, std::function<std::string()> bytes, std::vector<std::string> error) {
  Row row;
  row.name = std::move(name), row.reader = r, row.bytes = std::move(bytes), row.error = std::move(error);
  return row;
}
Row reads(std::string name, Reader r, std::function<std::string()> bytes, std::string summary) {
  Row row;
  row.name = std::move(name), row.reader = r, row.bytes = std::move(bytes), row.summary = std::move(summary);
  return row;
}
/// An error for a path that is not a plain file of bytes (a directory, a missing file, a sparse file of `size`).
Row fails_as(Shape shape, std::string name, Reader r, std::vector<std::string> error, std::uint64_t size = 0) {
  Row row = fails(std::move(name), r, nullptr, std::move(error));
  row.shape = shape, row.size = size;
  return row;
}
/// `row` read from a file called `file_name`.
Row named(std::string file_name, Row row) {
  row.file_name = std::move(file_name);
  return row;
}

std::vector<Row> rows() {
  const std::string bom = "\xEF\xBB\xBF";
  const std::string deep63 = std::string(63, '[') + std::string(63, ']');
  const std::string deep64 = std::string(64, '[') + std::string(64, ']');
  return {
      // --- angle-frame CSV ---
      reads("angle_csv_nan_and_empty_cells_are_unknown", Reader::angle_csv,
            text("time_s,left_knee_flexion_extension_deg,right_knee_flexion_extension_deg\n0,NaN,10\n0.1,,nan\n"),
            "frames=2; f0: right_knee_flexion_extension=10"),
      fails("angle_csv_inf_cell", Reader::angle_csv, text(kKnee + "0,inf\n"), {":2:2: 'inf' is not a finite number"}),
      fails("angle_csv_minus_inf_cell", Reader::angle_csv, text(kKnee + "0,-inf\n"),
            {":2:2: '-inf' is not a finite number"}),
      fails("angle_csv_1e400_cell", Reader::angle_csv, text(kKnee + "0,1e400\n"),
            {":2:2: '1e400' is not a finite number within the range of a double"}),
      reads("angle_csv_denormal_cell_is_read", Reader::angle_csv, text(kKnee + "0,1e-310\n"),
            "frames=1; f0: left_knee_flexion_extension=1e-310"),
      fails("angle_csv_inf_time", Reader::angle_csv, text(kKnee + "inf,1\n"),
            {":2:1: time_s: 'inf' is not a finite number"}),
      fails("angle_csv_wrong_unit_suffix", Reader::angle_csv, text("time_s,left_knee_flexion_extension_degrees\n0,1\n"),
            {":1:2: header: column 'left_knee_flexion_extension_degrees' has no unit suffix (_deg or _rad)"}),
      fails("angle_csv_time_in_ms", Reader::angle_csv, text("time_ms,left_knee_flexion_extension_deg\n0,1\n"),
            {":1:1: header: the first column must be time_s, got 'time_ms'"}),
      fails("angle_csv_unknown_dof", Reader::angle_csv, text("time_s,left_knee_flexion_deg\n0,1\n"),
            {":1:2: header: unknown DoF 'left_knee_flexion'"}),
      fails("angle_csv_truncated_row", Reader::angle_csv, text(kKnee + "0,1\n0.1"),
            {":3: expected 2 fields (as in the header), got 1"}),
      fails("angle_csv_empty_file", Reader::angle_csv, text(""), {":1: empty file (no header)"}),
      reads("angle_csv_bom", Reader::angle_csv, text(bom + kKnee + "0,12.5\n"),
            "frames=1; f0: left_knee_flexion_extension=12.5"),
      fails("angle_csv_invalid_utf8_header", Reader::angle_csv, text("time_s,\xff\xfe_deg\n0,1\n"),
            {":1:2: header: unknown DoF '\\xff\\xfe'"}),
      fails("angle_csv_control_characters_in_header", Reader::angle_csv, text("time_s,\x1b[31mknee_deg\n0,1\n"),
            {":1:2: header: unknown DoF '\\x1b[31mknee'"}),
      fails("angle_csv_900kB_cell_is_quoted_short", Reader::angle_csv,
            [] { return kKnee + "0," + std::string(900'000, 'x') + "\n"; }, {":2:2: 'xxxxxxxx", "(900000 bytes)"}),
      fails("angle_csv_line_over_1MiB", Reader::angle_csv, [] { return kKnee + std::string(2'000'000, '1') + "\n"; },
            {":2: line longer than the limit of 1048576 bytes"}),
      fails("angle_csv_over_a_million_frames", Reader::angle_csv,
            [] {
              std::string t = kKnee;
              for (int i = 0; i <= 1'000'000; ++i) t += std::to_string(i) + ",\n";
              return t;
            },
            {":1000002: more than 1000000 frames"}),
      fails_as(Shape::sparse, "angle_csv_over_512MiB", Reader::angle_csv,
               {": file is 536870913 bytes, more than the limit of 536870912 bytes"}, (512u << 20) + 1),
      fails_as(Shape::directory, "angle_csv_directory", Reader::angle_csv, {": is a directory, expected a file"}),
      fails_as(Shape::missing, "angle_csv_missing_file", Reader::angle_csv, {": cannot open: no such file"}),
      named("bad_input_\xff\xfe.csv",
            fails("angle_csv_path_not_utf8", Reader::angle_csv, text(""), {"bad_input_\\xff\\xfe.csv:1: empty file"})),
      // --- keypoint CSV (coco17) ---
      fails("keypoints_csv_index_1e30", Reader::keypoints_csv, text(coco_long("1e30,p0,1,2,3,0.5")),
            {":2: field 'index': '1e30' is not a keypoint index of coco17 (an integer from 0 to 16)"}),
      fails("keypoints_csv_index_inf", Reader::keypoints_csv, text(coco_long("inf,p0,1,2,3,0.5")),
            {":2: field 'index': 'inf' is not a finite number"}),
      fails("keypoints_csv_index_minus_one", Reader::keypoints_csv, text(coco_long("-1,p0,1,2,3,0.5")),
            {":2: field 'index': '-1' is not a keypoint index of coco17"}),
      fails("keypoints_csv_index_fraction", Reader::keypoints_csv, text(coco_long("0.5,p0,1,2,3,0.5")),
            {":2: field 'index': '0.5' is not a keypoint index of coco17"}),
      reads("keypoints_csv_long_is_read", Reader::keypoints_csv, text(coco_long("0,p0,nan,nan,nan,nan")),
            "frames=1; missing in frame 0: 0; visibility: 0.5..0.5"),
      fails("keypoints_csv_visibility_above_one", Reader::keypoints_csv, text(coco_long("0,p0,1,2,3,1.5")),
            {":2: field 'visibility': visibility '1.5' is outside [0, 1]"}),
      fails("keypoints_csv_visibility_negative", Reader::keypoints_csv,
            text(coco_header(true) + coco_row("1,2,3,-0.1", true)),
            {":2: field 'p0_vis': visibility '-0.1' is outside [0, 1]"}),
      fails("keypoints_csv_visibility_nan_with_coordinates", Reader::keypoints_csv,
            text(coco_header(true) + coco_row("1,2,3,nan", true)),
            {":2: field 'p0_vis': visibility is NaN for a point with coordinates"}),
      reads("keypoints_csv_visibility_nan_of_missing_point", Reader::keypoints_csv,
            text(coco_header(true) + coco_row("nan,nan,nan,nan", true)),
            "frames=1; missing in frame 0: 0; visibility: 0.9..0.9"),
      fails("keypoints_csv_inf_coordinate", Reader::keypoints_csv,
            text(coco_header(false) + coco_row("inf,2,3", false)), {":2: field 'p0_x': 'inf' is not a finite number"}),
      reads("keypoints_csv_bom_wide", Reader::keypoints_csv, text(bom + coco_header(false) + coco_row("1,2,3", false)),
            "frames=1; missing in frame 0: none; visibility: none"),
      reads("keypoints_csv_bom_long", Reader::keypoints_csv, text(bom + coco_long("0,p0,1,2,3,0.5")),
            "frames=1; missing in frame 0: none; visibility: 0.5..0.5"),
      fails("keypoints_csv_truncated_row", Reader::keypoints_csv, text(coco_header(false) + "0,1,2,3,1,2,3\n"),
            {":2: expected 52 fields, got 7"}),
      fails("keypoints_csv_wrong_first_column", Reader::keypoints_csv, text("time,a_x\n"),
            {":1: field 1: expected 'frame' or 'index', got 'time'"}),
      fails("keypoints_csv_empty_file", Reader::keypoints_csv, text(""), {":1: empty file (no header)"}),
      fails_as(Shape::directory, "keypoints_csv_directory", Reader::keypoints_csv,
               {": is a directory, expected a file"}),
      // --- keypoint JSON ---
      reads("keypoints_json_is_read", Reader::keypoints_json, text(coco_json("null")),
            "frames=1; missing in frame 0: 0; visibility: none"),
      fails("keypoints_json_1e400", Reader::keypoints_json, text(coco_json("[1e400, 0, 0]")),
            {": frames[0][0][0]: number '1e400' is out of the range of a double"}),
      fails("keypoints_json_visibility_above_one", Reader::keypoints_json, text(coco_json("[1, 2, 3, 1.5]")),
            {": frames[0][0][3]: visibility 1.5 is outside [0, 1]"}),
      fails("keypoints_json_visibility_null_with_coordinates", Reader::keypoints_json,
            text(coco_json("[1, 2, 3, null]")), {": frames[0][0][3]: visibility is null for a point with coordinates"}),
      reads("keypoints_json_visibility_null_of_missing_point", Reader::keypoints_json,
            text(coco_json("[null, null, null, null]")), "frames=1; missing in frame 0: 0; visibility: none"),
      fails("keypoints_json_duplicate_key", Reader::keypoints_json,
            text(coco_json("[1, 2, 3]", "\"layout\": \"h36m17\", ")), {": layout: duplicate key"}),
      fails("keypoints_json_duplicate_key_in_comment", Reader::keypoints_json,
            text(coco_json("[1, 2, 3]", "\"comment\": [{\"a\": 1, \"a\": 2}], ")), {": comment[0].a: duplicate key"}),
      fails("keypoints_json_nesting_65_levels", Reader::keypoints_json,
            text(coco_json("[1, 2, 3]", "\"comment\": " + deep64 + ", ")),
            {": comment[0][0][0]", "JSON nested deeper than 64 levels"}),
      fails("keypoints_json_10MB_of_brackets", Reader::keypoints_json,
            [] { return "{\"comment\": " + std::string(10'000'000, '['); }, {"JSON nested deeper than 64 levels"}),
      fails("keypoints_json_over_a_million_frames", Reader::keypoints_json,
            [] { return "{\"frames\": [" + repeat("[],", 1'000'000) + "[]], \"layout\": \"coco17\"}"; },
            {": frames[1000000]: more than 1000000 frames"}),
      reads("keypoints_json_bom", Reader::keypoints_json, text(bom + coco_json("[1, 2, 3, 0.25]")),
            "frames=1; missing in frame 0: none; visibility: 0.25..1"),
      fails("keypoints_json_invalid_utf8", Reader::keypoints_json, text("{\"layout\": \"coco\xff\"}"),
            {":1:", "JSON syntax error", "ill-formed UTF-8"}),
      fails("keypoints_json_truncated", Reader::keypoints_json, text("{\"layout\": \"coco17\", \"frames\": [["),
            {":1:", "JSON syntax error"}),
      fails("keypoints_json_empty_file", Reader::keypoints_json, text(""), {":1:1: JSON syntax error"}),
      fails("keypoints_json_wrong_point_count", Reader::keypoints_json,
            text("{\"frames\": [[[1, 2, 3]]], \"layout\": \"coco17\"}"),
            {": frames[0]: expected 17 points for coco17, got 1"}),
      // --- pose JSON ---
      reads("pose_json_null_is_unknown", Reader::pose_json,
            text(R"({"angles_deg": {"left_knee_flexion_extension": null, "right_knee_flexion_extension": 20}})"),
            "right_knee_flexion_extension=20"),
      fails("pose_json_1e400", Reader::pose_json, text(R"({"angles_deg": {"left_knee_flexion_extension": 1e400}})"),
            {": angles_deg.left_knee_flexion_extension: number '1e400' is out of the range of a double"}),
      fails("pose_json_minus_1e400", Reader::pose_json,
            text(R"({"angles_deg": {"left_knee_flexion_extension": -1e400}})"),
            {": angles_deg.left_knee_flexion_extension: number '-1e400' is out of the range of a double"}),
      fails("pose_json_400_digit_integer", Reader::pose_json,
            text(R"({"angles_deg": {"left_knee_flexion_extension": 1)" + std::string(400, '0') + "}}"),
            {": angles_deg.left_knee_flexion_extension: number '1000000000", "is out of the range of a double"}),
      fails("pose_json_nan_literal", Reader::pose_json, text(R"({"angles_deg": {"left_knee_flexion_extension": NaN}})"),
            {":1:48: JSON syntax error"}),
      fails("pose_json_nan_string", Reader::pose_json,
            text(R"({"angles_deg": {"left_knee_flexion_extension": "NaN"}})"),
            {": angles_deg.left_knee_flexion_extension: expected a number, got string"}),
      fails("pose_json_duplicate_top_level_key", Reader::pose_json,
            text(R"({"angles_deg": {"left_knee_flexion_extension": 1}, "angles_deg": {}})"),
            {": angles_deg: duplicate key"}),
      fails("pose_json_duplicate_dof_key", Reader::pose_json,
            text(R"({"angles_deg": {"left_knee_flexion_extension": 1, "left_knee_flexion_extension": 2}})"),
            {": angles_deg.left_knee_flexion_extension: duplicate key"}),
      fails("pose_json_duplicate_key_deep_in_comment", Reader::pose_json,
            text(R"({"comment": {"a": [{"b": 1, "b": 2}]}, "angles_deg": {}})"), {": comment.a[0].b: duplicate key"}),
      reads("pose_json_nesting_64_levels_is_read", Reader::pose_json,
            text(R"({"comment": )" + deep63 + R"(, "angles_deg": {"left_knee_flexion_extension": 5}})"),
            "left_knee_flexion_extension=5"),
      fails("pose_json_nesting_65_levels", Reader::pose_json,
            text(R"({"comment": )" + deep64 + R"(, "angles_deg": {}})"),
            {": comment[0]", "JSON nested deeper than 64 levels"}),
      fails("pose_json_5MB_of_nested_arrays", Reader::pose_json,
            [] { return R"({"angles_deg": {}, "comment": [)" + repeat("[[[[[[[[]]]]]]]],", 300'000) + "1]}"; },
            {": file is 5100034 bytes, more than the limit of 262144 bytes"}),
      fails("pose_json_invalid_utf8_key", Reader::pose_json, text("{\"angles_deg\": {\"knee\xff\": 1}}"),
            {":1:", "JSON syntax error", "ill-formed UTF-8"}),
      fails("pose_json_control_characters_in_key", Reader::pose_json,
            text(R"({"angles_deg": {"knee\u0001\u001b[31m": 1}})"),
            {": angles_deg.knee\\x01\\x1b[31m: unknown DoF 'knee\\x01\\x1b[31m'"}),
      fails("pose_json_unknown_dof", Reader::pose_json, text(R"({"angles_deg": {"left hipp": 1}})"),
            {": angles_deg.left hipp: unknown DoF 'left hipp'"}),
      fails("pose_json_200kB_key_is_quoted_short", Reader::pose_json,
            [] { return R"({"angles_deg": {")" + std::string(200'000, 'k') + R"(": 1}})"; },
            {": angles_deg.kkkkkkkk", "unknown DoF 'kkkkkkkk", "(200000 bytes)"}),
      reads("pose_json_bom", Reader::pose_json, text(bom + R"({"angles_deg": {"left_knee_flexion_extension": 7}})"),
            "left_knee_flexion_extension=7"),
      fails("pose_json_empty_file", Reader::pose_json, text(""), {":1:1: JSON syntax error"}),
      fails("pose_json_truncated", Reader::pose_json, text(R"({"angles_deg": {"left_knee_flexion_extension": 1)"),
            {":1:", "JSON syntax error"}),
      fails_as(Shape::directory, "pose_json_directory", Reader::pose_json, {": is a directory, expected a file"}),
      fails_as(Shape::sparse, "pose_json_over_512MiB", Reader::pose_json,
               {": file is 536870913 bytes, more than the limit of 262144 bytes"}, (512u << 20) + 1),
      // --- profile JSON ---
      reads("profile_json_is_read", Reader::profile_json, text(R"({"source": "AAOS", "tolerance_deg": 2.5})"),
            "tolerance_deg=2.5"),
      fails("profile_json_1e400", Reader::profile_json, text(R"({"tolerance_deg": 1e400})"),
            {": tolerance_deg: number '1e400' is out of the range of a double"}),
      fails("profile_json_duplicate_key", Reader::profile_json, text(R"({"source": "AAOS", "source": "AAOS"})"),
            {": source: duplicate key"}),
      fails("profile_json_duplicate_key_in_override", Reader::profile_json,
            text(R"({"overrides": [{"dof": "left_knee_flexion_extension", "dof": "left_hip_flexion_extension"}]})"),
            {": overrides[0].dof: duplicate key"}),
      reads("profile_json_bom", Reader::profile_json, text(bom + R"({"tolerance_deg": 1})"), "tolerance_deg=1"),
      fails("profile_json_empty_file", Reader::profile_json, text(""), {":1:1: JSON syntax error"}),
      // --- exercise JSON ---
      reads("exercise_json_is_read", Reader::exercise_json, exercise_file, "id=lumbar_spine_rocking_stretch"),
      fails("exercise_json_1e400", Reader::exercise_json, text(R"({"exercise": {"phase": {"enter_deg": 1e400}}})"),
            {": exercise.phase.enter_deg: number '1e400' is out of the range of a double"}),
      fails("exercise_json_duplicate_key", Reader::exercise_json, text(R"({"exercise": {"id": "a", "id": "b"}})"),
            {": exercise.id: duplicate key"}),
      reads(
          "exercise_json_bom", Reader::exercise_json, [] { return "\xEF\xBB\xBF" + exercise_file(); },
          "id=lumbar_spine_rocking_stretch"),
      fails("exercise_json_empty_file", Reader::exercise_json, text(""), {":1:1: JSON syntax error"}),
      // --- BVH ---
      reads("bvh_is_read", Reader::bvh, text(bvh("Frames: 2", "0 0 0\n1e-310 -5 5\n")), "joints=1 channels=3 frames=2"),
      fails("bvh_frames_int64_max", Reader::bvh, text(bvh("Frames: 9223372036854775807", "0 0 0\n")),
            {":12: Frames: '9223372036854775807' is more than the limit of 1000000 frames"}),
      fails("bvh_frames_beyond_uint64", Reader::bvh, text(bvh("Frames: 99999999999999999999999", "0 0 0\n")),
            {":12: Frames: '99999999999999999999999' is more than the limit of 1000000 frames"}),
      fails("bvh_frames_negative", Reader::bvh, text(bvh("Frames: -1", "")), {":12: Frames: bad frame count '-1'"}),
      fails("bvh_channel_count_absurd", Reader::bvh, text(bvh("Frames: 1", "0\n", "99999999999999999999 Xrotation")),
            {":5: CHANNELS of Hips: bad channel count '99999999999999999999' (expected 0 to 6)"}),
      fails("bvh_channel_count_7", Reader::bvh, text(bvh("Frames: 1", "0\n", "7 Xrotation")),
            {":5: CHANNELS of Hips: bad channel count '7' (expected 0 to 6)"}),
      fails("bvh_channel_count_negative", Reader::bvh, text(bvh("Frames: 1", "0\n", "-1")),
            {":5: CHANNELS of Hips: bad channel count '-1' (expected 0 to 6)"}),
      fails("bvh_unknown_channel", Reader::bvh, text(bvh("Frames: 1", "0\n", "1 Wrotation")),
            {":5: CHANNELS of Hips: unknown channel name 'Wrotation'"}),
      fails("bvh_over_10000_joints", Reader::bvh, [] { return bvh_joints(10'000); },
            {":50001: JOINT: more than 10000 joints"}),
      fails("bvh_nan_value", Reader::bvh, text(bvh("Frames: 1", "0 nan 0\n")),
            {":14: frame 1 value 2: value 'nan' is not finite"}),
      fails("bvh_inf_value", Reader::bvh, text(bvh("Frames: 1", "0 0 inf\n")),
            {":14: frame 1 value 3: value 'inf' is not finite"}),
      fails("bvh_1e400_value", Reader::bvh, text(bvh("Frames: 1", "1e400 0 0\n")),
            {":14: frame 1 value 1: value '1e400' is not finite"}),
      fails("bvh_frame_line_over_1MiB", Reader::bvh, [] { return bvh("Frames: 1", repeat("0 ", 1'000'000) + "\n"); },
            {":14: line longer than the limit of 1048576 bytes"}),
      fails("bvh_too_few_values", Reader::bvh, text(bvh("Frames: 1", "0 0\n")),
            {":14: frame 1 has 2 values, expected 3"}),
      reads("bvh_bom", Reader::bvh, text(bom + bvh("Frames: 1", "0 0 0\n")), "joints=1 channels=3 frames=1"),
      fails("bvh_invalid_utf8_joint_name", Reader::bvh, text(bvh("Frames: 1", "0\n", "1 Qrotation", "\xff\xfe")),
            {":5: CHANNELS of \\xff\\xfe: unknown channel name 'Qrotation'"}),
      fails("bvh_truncated", Reader::bvh, text("HIERARCHY\nROOT Hips\n{\n  OFFSET 0 0 0\n"),
            {":4: missing '}' closing the block opened at line 2 (end of file)"}),
      fails("bvh_empty_file", Reader::bvh, text(""), {":1: HIERARCHY: empty file"}),
      fails_as(Shape::directory, "bvh_directory", Reader::bvh, {": is a directory, expected a file"}),
      // --- OpenSim .mot / .sto ---
      reads("opensim_is_read", Reader::opensim, text(mot("0\t10\t0.5\n0.01\t12\t0.5\n")),
            "frames=2; f0: left_hip_flexion_extension=10"),
      reads("opensim_spaces_and_radians", Reader::opensim,
            text(mot("0  0.5  1\n", "x\ninDegrees=no\n", "time  hip_flexion_l   pelvis_tx")),
            "frames=1; f0: left_hip_flexion_extension=28.6479"),
      reads("opensim_nan_cell_is_unknown", Reader::opensim, text(mot("0\tNaN\t0.5\n0.01\t12\tnan\n")),
            "frames=2; f0: (none)"),
      fails("opensim_inf_cell", Reader::opensim, text(mot("0\tinf\t0.5\n")), {":6:2: 'inf' is not a finite number"}),
      fails("opensim_1e400_cell", Reader::opensim, text(mot("0\t1e400\t0.5\n")),
            {":6:2: '1e400' is not a finite number within the range of a double"}),
      fails("opensim_word_in_cell", Reader::opensim, text(mot("0\tten\t0.5\n")), {":6:2: 'ten' is not a number"}),
      fails("opensim_truncated_header", Reader::opensim, text("Coordinates\nversion=1\nnRows=2\nnCol"),
            {":4: no 'endheader' line", "(truncated file?)"}),
      fails("opensim_no_endheader", Reader::opensim, text("Coordinates\ninDegrees=yes\ntime\thip_flexion_l\n0\t1\n"),
            {":3:1: header: a line of columns ('time ...') before the 'endheader' line"}),
      fails("opensim_nothing_after_endheader", Reader::opensim, text("Coordinates\ninDegrees=yes\nendheader\n"),
            {"no line of column names after 'endheader'"}),
      fails("opensim_in_degrees_missing", Reader::opensim, text(mot("0\t10\t0.5\n", "Coordinates\nversion=1\n")),
            {":3: header: no inDegrees=yes or inDegrees=no line"}),
      fails("opensim_in_degrees_maybe", Reader::opensim, text(mot("0\t10\t0.5\n", "Coordinates\ninDegrees=maybe\n")),
            {":2: header: inDegrees='maybe': expected yes or no"}),
      fails("opensim_unknown_column", Reader::opensim,
            text(mot("0\t10\t0.5\n", "c\ninDegrees=yes\n", "time\thip_flex_l\tpelvis_tx")),
            {":4:2: unknown column 'hip_flex_l'"}),
      fails("opensim_control_characters_in_column", Reader::opensim,
            text(mot("0\t10\n", "c\ninDegrees=yes\n", "time\tknee\x1b[31m")), {":4:2: unknown column 'knee\\x1b[31m'"}),
      fails("opensim_first_column_not_time", Reader::opensim,
            text(mot("0\t10\n", "c\ninDegrees=yes\n", "frame\thip_flexion_l")),
            {":4:1: the first column must be time, got 'frame'"}),
      fails("opensim_column_twice", Reader::opensim,
            text(mot("0\t10\t11\n", "c\ninDegrees=yes\n", "time\thip_flexion_l\thip_flexion_l")),
            {":4:3: column 'hip_flexion_l' appears twice"}),
      fails("opensim_knee_sign_needs_the_model", Reader::opensim,
            text(mot("0\t10\n", "c\ninDegrees=yes\n", "time\tknee_angle_r")),
            {":4:2: column 'knee_angle_r': its sign differs", "give the model"}),
      fails("opensim_nrows_more_than_rows", Reader::opensim,
            text(mot("0\t10\t0.5\n", "Coordinates\nnRows=3\ninDegrees=yes\n")),
            {"the header says nRows=3, the file has 1 rows of data (truncated file?)"}),
      fails("opensim_ncolumns_mismatch", Reader::opensim,
            text(mot("0\t10\t0.5\n", "Coordinates\nnColumns=4\ninDegrees=yes\n")),
            {":5: the header says nColumns=4, this line names 3 columns"}),
      fails("opensim_nrows_not_a_count", Reader::opensim,
            text(mot("0\t10\t0.5\n", "Coordinates\nnRows=-1\ninDegrees=yes\n")),
            {":2: header: nRows: '-1' is not a count"}),
      fails("opensim_wrong_value_count", Reader::opensim, text(mot("0\t10\n")),
            {":6: expected 3 values (as the column names), got 2"}),
      fails("opensim_time_does_not_increase", Reader::opensim, text(mot("0\t10\t0.5\n0\t11\t0.5\n")),
            {":7:1: time: '0' does not increase"}),
      fails("opensim_line_over_1MiB", Reader::opensim,
            [] { return mot("0\t" + std::string(1'100'000, '1') + "\t0.5\n"); },
            {":6: line longer than the limit of 1048576 bytes"}),
      fails("opensim_900kB_cell_is_quoted_short", Reader::opensim,
            [] { return mot("0\t" + std::string(900'000, 'x') + "\t0.5\n"); }, {":6:2: 'xxxxxxxx", "(900000 bytes)"}),
      fails("opensim_over_1000000_frames", Reader::opensim, [] { return mot(repeat("0 1 2\n", 1'000'001)); },
            {":1000006: more than 1000000 frames"}),
      reads("opensim_bom", Reader::opensim, text("\xEF\xBB\xBF" + mot("0\t10\t0.5\n")),
            "frames=1; f0: left_hip_flexion_extension=10"),
      fails("opensim_empty_file", Reader::opensim, text(""), {":1: empty file (no header)"}),
      // -- .trc marker trajectories (io/trc.hpp)
      reads("trc_is_read", Reader::trc, text(trc(kTrcRows)), "frames=2; times=0,0.0333; left_knee=0.1,0.5,-0.25"),
      reads("trc_mm_becomes_metres", Reader::trc,
            text(trc("1\t0\t100\t500\t-250\t0\t1500\t0\n2\t1\t0\t0\t0\t0\t0\t0\n", "30\t30\t2\t2\tmm")),
            "frames=2; times=0,1; left_knee=0.1,0.5,-0.25"),
      reads("trc_nan_and_empty_cells_are_unknown", Reader::trc,
            text(trc("1\t0\tNaN\t\t\t0\t1.5\t0\n2\t0.0333\t0.2\t0.4\t0.125\n")),
            "frames=2; times=0,0.0333; left_knee=unknown"),
      reads("trc_bom", Reader::trc, text("\xEF\xBB\xBF" + trc(kTrcRows)),
            "frames=2; times=0,0.0333; left_knee=0.1,0.5,-0.25"),
      fails("trc_empty_file", Reader::trc, text(""), {":1: empty file"}),
      fails("trc_not_a_trc", Reader::trc, text("time_s,left_knee\n"), {":1:1: expected 'PathFileType'"}),
      fails("trc_truncated_header", Reader::trc, text("PathFileType\t4\nDataRate\tNumFrames"),
            {":3: missing the header values line"}),
      fails("trc_units_inches", Reader::trc, text(trc(kTrcRows, "30\t30\t2\t2\tin")),
            {":3:5: Units: 'in' is not a length unit arthrokin reads (m, mm or cm)"}),
      fails("trc_inf_cell", Reader::trc, text(trc("1\t0\tinf\t0.5\t-0.25\n", "30\t30\t1\t2\tm")),
            {":6:3: marker 'LKnee' X: 'inf' is not a finite number"}),
      fails("trc_1e400_cell", Reader::trc, text(trc("1\t0\t1e400\t0.5\t-0.25\n", "30\t30\t1\t2\tm")),
            {":6:3: marker 'LKnee' X: '1e400' is not a finite number within the range of a double"}),
      fails("trc_word_in_cell", Reader::trc, text(trc("1\t0\tten\t0.5\t-0.25\n", "30\t30\t1\t2\tm")),
            {":6:3: marker 'LKnee' X: 'ten' is not a number"}),
      fails("trc_numframes_more_than_rows", Reader::trc, text(trc("1\t0\t0.1\t0.5\t-0.25\n")),
            {"the header says NumFrames=2, the file has 1 rows of data (truncated file?)"}),
      fails("trc_numframes_over_limit", Reader::trc, text(trc(kTrcRows, "30\t30\t1000001\t2\tm")),
            {":3:3: NumFrames: 1000001 is more than the limit of 1000000 frames"}),
      fails("trc_time_does_not_increase", Reader::trc, text(trc("1\t0\t0.1\t0.5\t-0.25\n2\t0\t0.1\t0.5\t-0.25\n")),
            {":7:2: Time: '0' does not increase"}),
      fails("trc_line_over_1MiB", Reader::trc, [] { return trc("1\t0\t" + std::string(1'100'000, '1') + "\n"); },
            {":6: line longer than the limit of 1048576 bytes"}),
      fails("trc_900kB_cell_is_quoted_short", Reader::trc,
            [] { return trc("1\t0\t" + std::string(900'000, 'x') + "\t0\t0\n", "30\t30\t1\t2\tm"); },
            {":6:3: marker 'LKnee' X: 'xxxx", "(900000 bytes)"}),
      fails("trc_control_characters_in_marker", Reader::trc,
            text("PathFileType\nDataRate\tNumFrames\tNumMarkers\tUnits\n30\t1\t0\tm\nFrame#\tTime\tL\x01Knee\n"),
            {":4:3: marker 'L\\x01Knee': more marker names than NumMarkers=0"}),
      fails_as(Shape::directory, "trc_directory", Reader::trc, {": is a directory, expected a file"}),
      fails_as(Shape::sparse, "trc_over_512MiB", Reader::trc,
               {": file is 536870913 bytes, more than the limit of 536870912 bytes"}, (512u << 20) + 1),
      // -- SMPL / AMASS .npz (io/smpl.hpp)
      reads(
          "smpl_is_read", Reader::smpl, [] { return io::write_smpl_npz(std::vector<double>(132, 0.25), 50.0); },
          "frames=2; fps=50; v0=0.25"),
      fails("smpl_empty_file", Reader::smpl, text(""), {": not a .npz archive (too short for a zip file)"}),
      fails("smpl_not_a_zip", Reader::smpl, text(std::string(100, 'x')), {": not a .npz archive (no zip end"}),
      fails("smpl_compressed_entry", Reader::smpl,
            [] {
              std::string z = io::write_smpl_npz(std::vector<double>(66, 0.0), 30.0);
              z[z.find("PK\x01\x02") + 10] = 8;  // method 8 (deflate) in the central directory
              return z;
            },
            {": poses.npy: compressed archive entry (zip method 8)", "np.savez, not np.savez_compressed"}),
      fails("smpl_truncated", Reader::smpl,
            [] {
              const std::string z = io::write_smpl_npz(std::vector<double>(66, 0.0), 30.0);
              return z.substr(0, 200) + z.substr(z.find("PK\x01\x02"));  // the data cut, the directory kept
            },
            {"out of the file"}),
      fails_as(Shape::directory, "smpl_directory", Reader::smpl, {": is a directory, expected a file"}),
      fails_as(Shape::sparse, "smpl_over_512MiB", Reader::smpl,
               {": file is 536870913 bytes, more than the limit of 536870912 bytes"}, (512u << 20) + 1),
      // -- BVH frame counts off by a few lines (docs/bvh.md, "Warnings")
      reads("bvh_frames_one_line_more_is_read", Reader::bvh, text(bvh("Frames: 1", "0 0 0\n1 2 3\n")),
            "joints=1 channels=3 frames=2"),
      fails("bvh_frames_eleven_lines_fewer", Reader::bvh, text(bvh("Frames: 12", "0 0 0\n")),
            {"Frames: header says 12 frames, file has only 1"}),
      fails_as(Shape::directory, "opensim_directory", Reader::opensim, {": is a directory, expected a file"}),
      fails_as(Shape::sparse, "opensim_over_512MiB", Reader::opensim,
               {": file is 536870913 bytes, more than the limit of 536870912 bytes"}, (512u << 20) + 1),
  };
}

// ---- summaries of what was read -------------------------------------------------------------------

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string observed(const Pose& p) {
  std::string s;
  for (DofId d : all_dofs)
    if (const auto a = p.get(d)) s += (s.empty() ? "" : ", ") + std::string(to_string(d)) + "=" + fmt(to_degrees(*a));
  return s.empty() ? "(none)" : s;
}

std::string keypoints(const io::KeypointTable& t) {
  const std::size_t n = keypoint_count(t.layout);
  std::string missing;
  for (std::size_t k = 0; k < n; ++k)
    if (std::isnan(t.xyz[3 * k])) missing += (missing.empty() ? "" : ",") + std::to_string(k);
  std::string vis = "none";
  if (!t.visibility.empty()) {
    double lo = 1e300, hi = -1e300;
    for (std::size_t k = 0; k < n; ++k)
      if (!std::isnan(t.visibility[k])) lo = std::min(lo, t.visibility[k]), hi = std::max(hi, t.visibility[k]);
    vis = fmt(lo) + ".." + fmt(hi);
  }
  return "frames=" + std::to_string(t.frames) + "; missing in frame 0: " + (missing.empty() ? "none" : missing) +
         "; visibility: " + vis;
}

std::string read_and_summarise(Reader r, const fs::path& path) {
  switch (r) {
    case Reader::angle_csv: {
      const auto f = io::read_angle_csv(path);
      return "frames=" + std::to_string(f.size()) + "; f0: " + observed(f.poses.at(0));
    }
    case Reader::keypoints_csv:
      return keypoints(io::read_keypoints_csv(path, Layout::coco17));
    case Reader::keypoints_json:
      return keypoints(io::read_keypoints_json(path).table);
    case Reader::pose_json:
      return observed(io::read_pose_json(path));
    case Reader::profile_json:
      return "tolerance_deg=" + fmt(to_degrees(io::read_profile_json(path).tolerance()));
    case Reader::exercise_json:
      return "id=" + io::read_exercise_json(path).id;
    case Reader::opensim: {
      const auto m = io::read_opensim(path);
      return "frames=" + std::to_string(m.size()) + "; f0: " + observed(m.poses.at(0));
    }
    case Reader::smpl: {
      const auto m = io::read_smpl(path);
      return "frames=" + std::to_string(m.frames) + "; fps=" + (m.fps ? fmt(*m.fps) : std::string("none")) +
             "; v0=" + fmt(m.axis_angle.at(0));
    }
    case Reader::trc: {
      const auto m = io::read_trc(path);
      std::string times;
      for (double t : m.time_s) times += (times.empty() ? "" : ",") + fmt(t);
      const std::size_t k = 25;  // BlazePose left_knee
      std::string knee = m.keypoints.visibility.at(k) > 0
                             ? fmt(m.keypoints.xyz[3 * k]) + "," + fmt(m.keypoints.xyz[3 * k + 1]) + "," +
                                   fmt(m.keypoints.xyz[3 * k + 2])
                             : "unknown";
      return "frames=" + std::to_string(m.size()) + "; times=" + times + "; left_knee=" + knee;
    }
    case Reader::bvh: {
      const io::BvhFile f = io::read_bvh(path);
      return "joints=" + std::to_string(f.joint_count()) + " channels=" + std::to_string(f.channel_count()) +
             " frames=" + std::to_string(f.frame_count());
    }
  }
  return {};
}

// ---- the test -------------------------------------------------------------------------------------

void PrintTo(const Row& row, std::ostream* os) { *os << row.name; }

class BadInput : public ::testing::TestWithParam<Row> {};

TEST_P(BadInput, Outcome) {
  const Row& row = GetParam();
  const fs::path dir = fs::path(::testing::TempDir()) / ("bad_input_io_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string file_name = row.file_name.empty() ? "bad_input_" + row.name + extension(row.reader) : row.file_name;
  const fs::path path = dir / file_name;
  std::error_code ec;
  fs::remove_all(path, ec);
  switch (row.shape) {
    case Shape::file: {
      std::ofstream out(path, std::ios::binary);
      const std::string bytes = row.bytes();
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      break;
    }
    case Shape::sparse:
      std::ofstream(path, std::ios::binary).close();
      fs::resize_file(path, row.size);
      break;
    case Shape::directory:
      fs::create_directories(path);
      break;
    case Shape::missing:
      break;
  }
  std::string outcome, message;
  try {
    outcome = read_and_summarise(row.reader, path);
  } catch (const parse_error& e) {
    message = e.what();
    outcome = "parse_error";
  } catch (const std::exception& e) {
    message = e.what();
    outcome = std::string("other exception: ") + typeid(e).name();
  }
  fs::remove_all(path, ec);

  if (row.error.empty()) {
    EXPECT_EQ(outcome, row.summary) << message;
    return;
  }
  ASSERT_EQ(outcome, "parse_error") << message;
  // The file, named as a message can show it: its printable form.
  const std::string shown = arthrokin::detail::printable(file_name, 512);
  EXPECT_NE(message.find(shown), std::string::npos) << "file name '" << shown << "' not in: " << message;
  for (const auto& s : row.error) EXPECT_NE(message.find(s), std::string::npos) << "'" << s << "' not in: " << message;
  EXPECT_TRUE(arthrokin::detail::valid_utf8(message)) << message;
  EXPECT_LE(message.size(), 2048u) << message.substr(0, 200);
}

INSTANTIATE_TEST_SUITE_P(Io, BadInput, ::testing::ValuesIn(rows()),
                         [](const ::testing::TestParamInfo<Row>& info) { return info.param.name; });

}  // namespace
