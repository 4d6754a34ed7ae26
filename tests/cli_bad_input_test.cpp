// The command-line rows of the bad-input catalogue (issue 11): one row per class of bad input
// given on the command line and per subcommand, with the exit code and a piece of stderr that
// names the file, option or field. Any change of outcome fails its row (one CTest entry per row).
//
// Exit codes (docs/cli.md): 0 something checked and all within range, 1 something out of range,
// 2 bad input or usage, nothing could be checked, or an output could not be written.
#include <gtest/gtest.h>

#include <arthrokin/detail/text.hpp>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "support/cli_run.hpp"

namespace {

namespace fs = std::filesystem;
using arthrokin::test::CliResult;
using arthrokin::test::quote;

struct Row {
  const char* name;            ///< test name: class_subcommand
  std::string args;            ///< @D/ = the fixture folder, @EX/ = data/examples/, @BVH = a sample BVH
  int code;                    ///< expected exit code
  std::string err;             ///< expected piece of stderr (empty: stderr must be empty)
  std::string stdout_to = {};  ///< where stdout goes (empty: captured)
  bool utf8_err = true;        ///< stderr must be valid UTF-8
};

// gtest prints a row by its command line.
void PrintTo(const Row& row, std::ostream* os) { *os << row.args; }

const std::string data_dir = ARTHROKIN_DATA_DIR;

/// The fixture folder of this process, made once.
const std::string& fixtures() {
  static const std::string d = [] {
    const std::string dir = arthrokin::test::fresh_dir("catalogue");
    auto write = [&](const std::string& name, const std::string& text) {
      std::ofstream(dir + name, std::ios::binary) << text;
    };
    fs::create_directory(dir + "a_folder");
    fs::create_directory(dir + "empty_folder");
    write("empty.json", "");
    write("empty.csv", "");
    write("empty.bvh", "");
    write("notes.txt", "hello\n");
    write("plain_file", "x");
    write("unknown_dof.json", R"({"angles_deg": {"left hipp flexion": 10}})");
    write("unknown_column.csv", "time_s,left_hipp_flexion_deg\n0,10\n");
    write("within.json", R"({"angles_deg": {"left_knee_flexion_extension": 30}})");
    write("no_angles.json", R"({"angles_deg": {}})");
    write("empty_cells.csv",
          "time_s,left_knee_flexion_extension_deg,thoracolumbar_axial_rotation_deg\n0,,\n0.1,,\n0.2,,\n");
    write("unknown_names.bvh",
          "HIERARCHY\nROOT Foo\n{\n OFFSET 0 0 0\n CHANNELS 6 Xposition Yposition Zposition Zrotation Yrotation "
          "Xrotation\n JOINT Bar\n {\n  OFFSET 0 -1 0\n  CHANNELS 3 Zrotation Yrotation Xrotation\n  End Site\n  {\n"
          "   OFFSET 0 -1 0\n  }\n }\n}\nMOTION\nFrames: 2\nFrame Time: 0.1\n0 0 0 0 0 0 10 0 0\n0 0 0 0 0 0 20 0 "
          "0\n");
    write("bad_profile.json",
          R"({"source": "AAOS94", "overrides": [{"dof": "knee", "lower_deg": 0, "upper_deg": 1}]})");
    write("broken_profile.json", R"({"source": )");
    write("empty.mot", "");
    write("bad_map.json", R"({"Hips": "hip"})");
    write("map.json", R"({"Hips": "pelvis"})");
    write("frames_far_off.bvh",
          "HIERARCHY\nROOT Hips\n{\n OFFSET 0 0 0\n CHANNELS 3 Zrotation Yrotation Xrotation\n End Site\n {\n  "
          "OFFSET 0 1 0\n }\n}\nMOTION\nFrames: 20\nFrame Time: 0.1\n0 0 0\n0 0 0\n");
    // gait2392 or Rajagopal? knee_angle's sign depends on it (docs/formats.md, "OpenSim").
    write("knee.mot", "Coordinates\ninDegrees=yes\nendheader\ntime\tknee_angle_r\n0\t-30\n");
    fs::copy_file(data_dir + "/examples/angle_frames.csv", dir + "caf\xE9.csv");  // a Latin-1 file name
    return dir;
  }();
  return d;
}

std::string expand(std::string s) {
  auto replace_all = [&](const std::string& from, const std::string& to) {
    for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
      s.replace(p, from.size(), to);
  };
  replace_all("@D/", quote(fixtures()));
  replace_all("@EX/", quote(data_dir + "/examples/"));
  replace_all("@BVH", quote(data_dir + "/samples/bvh/131_01_start_walk_stop.bvh"));
  return s;
}

const std::vector<Row> rows = {
    // -- a file that does not exist
    {"missing_check", "check @D/missing.json", 2, "missing.json: no such file"},
    {"missing_angles", "angles @D/missing.bvh", 2, "missing.bvh"},
    {"missing_scan", "scan --no-progress @D/missing_folder", 2, "missing_folder: no such file or folder"},
    {"missing_exercise", "exercise @D/missing.csv", 2, "missing.csv: no such file"},
    {"missing_muscles", "muscles stretched @D/missing.json", 2, "missing.json: no such file"},
    {"missing_profile", "--profile @D/missing_profile.json check @EX/pose_within.json", 2, "missing_profile.json"},
    {"missing_exercise_json", "exercise --exercise @D/missing_ex.json @EX/rocking_session.csv", 2, "missing_ex.json"},
    {"missing_reference", "muscles stretched @EX/pose_within.json --reference @D/missing_ref.json", 2,
     "missing_ref.json"},
    // -- a directory where a file is expected
    {"folder_check", "check @D/a_folder", 2, "a_folder"},
    {"folder_angles", "angles @D/a_folder", 2, "a_folder"},
    {"folder_exercise", "exercise @D/a_folder", 2, "a_folder"},
    {"folder_muscles", "muscles stretched @D/a_folder", 2, "a_folder"},
    {"empty_folder_scan", "scan --no-progress @D/empty_folder", 2,
     "empty_folder: no .json, .csv, .bvh, .mot, .sto, .trc, .npz or .npy file"},
    // -- an empty file
    {"empty_json_check", "check @D/empty.json", 2, "empty.json"},
    {"empty_csv_check", "check @D/empty.csv", 2, "empty.csv"},
    {"empty_bvh_check", "check @D/empty.bvh", 2, "empty.bvh"},
    {"empty_csv_angles", "angles @D/empty.csv", 2, "empty.csv"},
    {"empty_bvh_scan", "scan --no-progress @D/empty.bvh", 2, "empty.bvh"},
    {"empty_bvh_exercise", "exercise @D/empty.bvh", 2, "empty.bvh"},
    {"empty_json_muscles", "muscles stretched @D/empty.json", 2, "empty.json"},
    {"empty_profile", "--profile @D/empty.json check @EX/pose_within.json", 2, "empty.json"},
    // -- an extension arthrokin does not read
    {"extension_check", "check @D/notes.txt", 2, "notes.txt: unsupported file type '.txt'"},
    // -- OpenSim files (docs/formats.md, "OpenSim")
    {"empty_mot_check", "check @D/empty.mot", 2, "empty.mot:1: empty file (no header)"},
    {"knee_without_model_check", "check @D/knee.mot", 2, "knee.mot:4:2: column 'knee_angle_r': its sign differs"},
    {"knee_without_model_scan", "scan --no-progress @D/knee.mot", 2, "give the model"},
    {"unknown_opensim_model_check", "check --opensim-model rajagopal @D/knee.mot", 2,
     "--opensim-model: unknown model 'rajagopal'"},
    {"mot_model_without_mot_output_angles", "angles @EX/angle_frames.csv --mot-model gait2392", 2,
     "--mot-model applies to an OpenSim output file"},
    // -- BVH mapping files and frame counts (docs/bvh.md, "Any rig")
    {"bvh_map_missing_check", "check @BVH --bvh-map @D/missing_map.json", 2,
     "missing_map.json: no such file (--bvh-map)"},
    {"bvh_map_bad_segment_check", "check @BVH --bvh-map @D/bad_map.json", 2,
     "bad_map.json: Hips: unknown segment 'hip' (expected one of: pelvis,"},
    {"bvh_map_not_json_angles", "angles @BVH --bvh-map @D/notes.txt", 2, "notes.txt:1:1: JSON syntax error"},
    {"bvh_map_without_bvh_check", "check @EX/pose_within.json --bvh-map @D/map.json", 2,
     "--bvh-map applies to BVH input only"},
    {"bvh_frames_far_off_check", "check @D/frames_far_off.bvh", 2,
     "frames_far_off.bvh:15: Frames: header says 20 frames, file has only 2"},
    {"bvh_unmapped_limbs_scan", "scan --no-progress @D/unknown_names.bvh", 2,
     "unknown_names.bvh: the joint names map no segment for 10 core limb joint(s)"},
    {"extension_angles", "angles @D/notes.txt", 2, "notes.txt: unsupported file type '.txt'"},
    {"extension_scan", "scan --no-progress @D/notes.txt", 2, "notes.txt: unsupported file type '.txt'"},
    {"extension_exercise", "exercise @D/notes.txt", 2, "notes.txt: unsupported file type '.txt'"},
    {"extension_muscles", "muscles stretched @D/notes.txt", 2, "notes.txt: unsupported file type '.txt'"},
    // -- an unknown DoF, motion, joint, layout, side, source
    {"dof_check", "check @D/unknown_dof.json", 2, "unknown DoF 'left hipp flexion'"},
    {"dof_scan", "scan --no-progress @D/unknown_dof.json", 2, "unknown DoF 'left hipp flexion'"},
    {"dof_muscles", "muscles stretched @D/unknown_dof.json", 2, "unknown DoF 'left hipp flexion'"},
    {"column_check", "check @D/unknown_column.csv", 2, "left_hipp_flexion_deg"},
    {"column_angles", "angles @D/unknown_column.csv", 2, "left_hipp_flexion_deg"},
    {"column_exercise", "exercise @D/unknown_column.csv", 2, "left_hipp_flexion_deg"},
    {"motion_muscles", "muscles movers \"left hipp rotation\"", 2, "unknown motion 'left hipp rotation'"},
    {"side_muscles", "muscles movers \"left hip flexion\" --side middle", 2, "--side: expected left, right or both"},
    {"mode_muscles", "muscles lengthened @EX/pose_within.json", 2, "mode"},
    {"joint_norms", "norms --joint knees", 2, "--joint: unknown joint 'knees'"},
    {"source_norms", "norms --source NOPE", 2, "--source: unknown source key 'NOPE'"},
    {"age_norms", "norms --age 200", 2, "--age: expected 0 to 120"},
    {"sex_norms", "norms --age 30 --sex X", 2, "--sex: expected F, M or both"},
    {"layout_angles", "angles --layout coco18 @EX/angle_frames.csv", 2, "unknown layout 'coco18'"},
    {"fps_check", "check --fps -5 @EX/angle_frames.csv", 2, "--fps must be a positive number"},
    // -- --frame
    {"frame_negative_check", "check --frame -1 @EX/angle_frames.csv", 2, "--frame -1: frame numbers start at 0"},
    {"frame_too_large_check", "check --frame 3 @EX/angle_frames.csv", 2, "--frame 3: no such frame"},
    {"frame_huge_check", "check --frame 99999999999999999999 @EX/angle_frames.csv", 2,
     "--frame 99999999999999999999: no input has that many frames"},
    {"frame_word_check", "check --frame first @EX/angle_frames.csv", 2, "--frame first: expected a frame number"},
    {"frame_negative_muscles", "muscles stretched --frame -1 @EX/angle_frames.csv", 2,
     "--frame -1: frame numbers start at 0"},
    {"frame_missing_muscles", "muscles stretched @EX/angle_frames.csv", 2, "choose one with --frame N"},
    // -- --format
    {"format_check", "--format xml check @EX/pose_within.json", 2, "--format"},
    {"format_angles", "angles @EX/angle_frames.csv --format yaml", 2, "--format"},
    {"format_scan", "--format html scan @EX/angle_frames.csv", 2, "--format"},
    {"format_exercise", "--format xml exercise @EX/rocking_session.csv", 2, "--format"},
    {"format_muscles", "--format xml muscles movers \"left hip flexion\"", 2, "--format"},
    {"format_norms", "--format xml norms", 2, "--format"},
    // -- --profile / --source
    {"profile_dof_check", "--profile @D/bad_profile.json check @EX/pose_within.json", 2,
     "overrides[0].dof: unknown DoF 'knee'"},
    {"profile_syntax_scan", "--profile @D/broken_profile.json scan --no-progress @EX/angle_frames.csv", 2,
     "broken_profile.json"},
    {"profile_extension_check", "--profile @D/notes.txt check @EX/pose_within.json", 2, "notes.txt"},
    {"profile_norms", "--profile @D/bad_profile.json norms --effective", 2, "overrides[0].dof"},
    {"profile_exercise_html", "--profile @D/bad_profile.json exercise @EX/rocking_session.csv --html @D/x.html", 2,
     "overrides[0].dof"},
    {"source_check", "--source NOPE check @EX/pose_within.json", 2, "unknown source key 'NOPE'"},
    {"profile_and_source", "--source AAOS --profile @EX/profile_model.json check @EX/pose_within.json", 2,
     "give either --profile or --source, not both"},
    // -- outputs that cannot be written
    {"unwritable_svg_check", "check @EX/pose_within.json --svg @D/no_dir/body.svg", 2,
     "output error: cannot write " + std::string("@D/") + "no_dir/body.svg: No such file or directory"},
    {"unwritable_html_check", "check @EX/angle_frames.csv --svg @D/ok.svg --html @D/plain_file/r.html", 2,
     "plain_file/r.html: Not a directory"},
    {"unwritable_output_angles", "angles @EX/angle_frames.csv -o @D/no_dir/a.csv", 2,
     "no_dir/a.csv: No such file or directory"},
    {"unwritable_html_scan", "scan --no-progress @EX/angle_frames.csv --html @D/no_dir/s.html", 2,
     "no_dir/s.html: No such file or directory"},
    {"unwritable_html_exercise", "exercise @EX/rocking_session.csv --html @D/no_dir/e.html", 2,
     "no_dir/e.html: No such file or directory"},
    {"folder_as_output_angles", "angles @EX/angle_frames.csv -o @D/a_folder", 2, "a_folder: Is a directory"},
    {"dev_full_output_angles", "angles @EX/angle_frames.csv -o /dev/full", 2,
     "cannot write /dev/full: No space left on device"},
    {"dev_full_svg_check", "check @EX/pose_within.json --svg /dev/full", 2, "cannot write /dev/full"},
    {"dev_full_html_scan", "scan --no-progress @EX/angle_frames.csv --html /dev/full", 2, "cannot write /dev/full"},
    {"dev_full_html_exercise", "exercise @EX/rocking_session.csv --html /dev/full", 2, "cannot write /dev/full"},
    {"same_output_twice", "check @EX/pose_within.json --svg @D/same --html @D/same", 2,
     "the same file is named for two outputs"},
    // -- standard output on a full device
    {"full_stdout_check", "check @EX/pose_within.json", 2, "cannot write standard output: No space left on device",
     "/dev/full"},
    {"full_stdout_angles", "angles @BVH", 2, "cannot write standard output: No space left on device", "/dev/full"},
    {"full_stdout_scan", "scan --no-progress @EX/angle_frames.csv", 2, "cannot write standard output", "/dev/full"},
    {"full_stdout_exercise", "exercise @EX/rocking_session.csv", 2, "cannot write standard output", "/dev/full"},
    {"full_stdout_muscles", "muscles movers \"left hip flexion\"", 2, "cannot write standard output", "/dev/full"},
    {"full_stdout_norms", "norms", 2, "cannot write standard output", "/dev/full"},
    {"full_stdout_help", "--help", 2, "cannot write standard output", "/dev/full"},
    // -- inputs in which nothing could be checked: never "within range"
    {"nothing_bvh_check", "check @D/unknown_names.bvh", 2, "unknown_names.bvh: nothing could be checked"},
    {"nothing_csv_check", "check @D/empty_cells.csv", 2, "empty_cells.csv: nothing could be checked"},
    {"nothing_one_frame_check", "check --frame 0 @D/empty_cells.csv", 2, "empty_cells.csv: nothing could be checked"},
    {"nothing_pose_check", "--format json check @D/no_angles.json", 2, "no_angles.json: nothing could be checked"},
    {"nothing_bvh_scan", "scan --no-progress @D/unknown_names.bvh", 2, "unknown_names.bvh: nothing could be checked"},
    {"nothing_csv_scan", "--format csv scan --no-progress @D/empty_cells.csv", 2,
     "empty_cells.csv: nothing could be checked"},
    {"nothing_bvh_exercise", "exercise @D/unknown_names.bvh", 2, "unknown_names.bvh: nothing could be evaluated"},
    {"nothing_csv_exercise", "--format json exercise @D/empty_cells.csv", 2,
     "empty_cells.csv: nothing could be evaluated"},
    // -- file names that are not UTF-8 (a Latin-1 é)
    // (the "no such file" messages come from the file reading, src/cli/inputs.cpp, which echoes the
    // name's bytes: not checked for UTF-8 here)
    {"latin1_missing_check", "check @D/missing_caf\xE9.json", 2, "no such file", {}, false},
    {"latin1_missing_scan", "scan --no-progress @D/missing_caf\xE9.csv", 2, "no such file or folder", {}, false},
    {"latin1_json_check", "--format json check @D/caf\xE9.csv", 1, ""},
    {"latin1_json_scan", "--format json scan --no-progress @D/caf\xE9.csv", 1, ""},
    {"latin1_json_angles", "--format json angles @D/caf\xE9.csv", 0, "caf\\xe9.csv: angle CSV, 3 frames"},
    {"latin1_json_exercise", "--format json exercise @D/caf\xE9.csv", 1, ""},
    {"latin1_unwritable_svg", "check @D/caf\xE9.csv --svg @D/no_dir/caf\xE9.svg", 2,
     "no_dir/caf\\xe9.svg: No such file or directory"},
    // -- controls: good input still passes
    {"control_within", "check @D/within.json", 0, ""},
    {"control_out_of_range", "--source AAOS check @EX/pose_out_of_range.json", 1, ""},
};

class CliBadInput : public ::testing::TestWithParam<Row> {
 protected:
  void SetUp() override {
    if (arthrokin::test::cli_path().empty()) GTEST_SKIP() << "built without the CLI";
    if (GetParam().stdout_to == "/dev/full" || GetParam().args.find("/dev/full") != std::string::npos)
      if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  }
};

TEST_P(CliBadInput, ExitCodeAndMessage) {
  const Row& row = GetParam();
  const std::string args = expand(row.args);
  const CliResult r = arthrokin::test::run_cli(args, row.stdout_to);
  EXPECT_EQ(r.code, row.code) << args << "\nstderr: " << r.err;
  // The expected piece names a fixture by its path, not by the shell word.
  std::string want = row.err;
  if (const auto p = want.find("@D/"); p != std::string::npos) want.replace(p, 3, fixtures());
  if (want.empty())
    EXPECT_EQ(r.err, "") << args;
  else
    EXPECT_NE(r.err.find(want), std::string::npos) << args << "\nstderr: " << r.err << "\nexpected: " << want;
  if (row.code == 2) {
    EXPECT_EQ(r.err.rfind("arthrokin: ", 0), 0u) << "a message, not a crash: " << r.err;
  }
  if (row.utf8_err) {
    EXPECT_TRUE(arthrokin::detail::valid_utf8(r.err)) << "stderr is not UTF-8: " << r.err;
  }
  EXPECT_EQ(r.err.find("type_error"), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(Catalogue, CliBadInput, ::testing::ValuesIn(rows),
                         [](const ::testing::TestParamInfo<Row>& info) { return std::string(info.param.name); });

}  // namespace
