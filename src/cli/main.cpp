// arthrokin: command-line tool (docs/cli.md).
// Exit codes: 0 something checked and everything checked within range, 1 something out of range,
// 2 bad input or usage, nothing could be checked, or an output could not be written.
#include "cli.hpp"

#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>

using namespace arthrokin;
using namespace arthrokin::cli;

namespace {

void add_input_options(CLI::App* sub, InputOptions& in) {
  sub->add_option("--layout", in.layout, "keypoint layout: auto, blazepose33, coco17, h36m17, smpl24")
      ->capture_default_str();
  sub->add_option("--fps", in.fps, "frame rate of keypoint CSV input (s⁻¹)")->capture_default_str();
  sub->add_flag("--mirrored", in.mirrored, "keypoints come from a mirrored (selfie) camera");
}

int run(int argc, char** argv) {
  CLI::App app{
      "arthrokin: joint range-of-motion checks, joint angles, muscles.\n"
      "Exit codes: 0 within range, 1 something out of range, 2 bad input or usage, nothing could be checked,\n"
      "or an output could not be written."};
  app.name("arthrokin");
  app.require_subcommand(1);
  app.fallthrough();
  Global g;
  app.add_option("--format", g.format, "output format")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->capture_default_str();
  app.add_option("--profile", g.profile, "profile JSON: source, tolerance, overrides, joints (docs/formats.md)");
  app.add_option("--source", g.source, "take limits from one source key (e.g. AAOS94) instead of the default set");

  CheckArgs ca;
  auto* check_cmd = app.add_subcommand("check", "check a pose (JSON) or frames (angle CSV, BVH, keypoints)");
  check_cmd->add_option("input", ca.input, "pose JSON, angle-frame CSV, BVH, keypoint CSV/JSON")->required();
  check_cmd->add_option("--frame", ca.frame, "check only this frame (0-based)");
  check_cmd->add_option("--svg", ca.svg, "write a body figure (SVG), joints coloured by status");
  check_cmd->add_option("--html", ca.html, "write a self-contained HTML report");
  add_input_options(check_cmd, ca.in);

  AnglesArgs aa;
  auto* angles_cmd = app.add_subcommand("angles", "keypoints or BVH -> joint angles per frame (CSV)");
  angles_cmd->add_option("input", aa.input, "BVH, keypoint CSV/JSON, angle CSV, pose JSON")->required();
  angles_cmd->add_option("-o,--output", aa.output, "write to this file instead of stdout");
  add_input_options(angles_cmd, aa.in);

  ScanArgs sa;
  auto* scan_cmd =
      app.add_subcommand("scan", "per-DoF summary of files or folders: frames out of range, unknown, worst");
  scan_cmd->add_option("inputs", sa.inputs, "files or folders (.json, .csv, .bvh)")->required();
  scan_cmd->add_option("--svg", sa.svg, "write a body figure (SVG): joints out of range in any frame");
  scan_cmd->add_option("--html", sa.html, "write a self-contained HTML report with a plot per DoF");
  scan_cmd->add_flag("!--no-progress", sa.progress, "no progress bar (it is shown only on a terminal)");
  add_input_options(scan_cmd, sa.in);

  MuscleArgs ma;
  auto* muscles_cmd = app.add_subcommand("muscles", "muscles: `movers <motion>` or `stretched <pose file>`");
  muscles_cmd->add_option("mode", ma.mode, "movers | stretched")
      ->required()
      ->check(CLI::IsMember({"movers", "stretched"}));
  muscles_cmd->add_option("what", ma.what, "a motion (\"left hip internal rotation\") or a pose file")->required();
  muscles_cmd->add_option("--side", ma.side, "movers: only this side's muscles (left, right, both)");
  muscles_cmd->add_option("--reference", ma.reference, "stretched: compare with this pose instead of anatomical zero");
  muscles_cmd->add_option("--frame", ma.frame, "stretched: frame of a multi-frame input (0-based)");
  muscles_cmd->add_flag("--claims", ma.claims, "include the exercise text's claims (source Seed)");
  muscles_cmd->add_flag("--shortened", ma.shortened, "stretched: list the shortened muscles instead");
  add_input_options(muscles_cmd, ma.in);

  ExerciseArgs ea;
  auto* ex_cmd = app.add_subcommand("exercise", "run the rocking-stretch monitor over a recording, print the summary");
  ex_cmd->add_option("input", ea.input, "angle CSV, BVH or keypoints")->required();
  ex_cmd->add_option("--exercise", ea.exercise, "exercise JSON (default: the built-in lumbar spine rocking stretch)");
  ex_cmd->add_option("--html", ea.html, "write a self-contained HTML report");
  ex_cmd->add_flag("--cues", ea.cues, "print every cue as it happened");
  add_input_options(ex_cmd, ea.in);

  NormsArgs na;
  auto* norms_cmd = app.add_subcommand("norms", "print the limit tables with their sources");
  norms_cmd->add_option("--joint", na.joints, "only these joints (repeatable)");
  norms_cmd->add_option("--source", na.sources, "only these source keys (repeatable)");
  norms_cmd->add_option("--age", na.age, "age/sex table: rows for this age (group means, not limits)");
  norms_cmd->add_option("--sex", na.sex, "age/sex table: F, M or both");
  norms_cmd->add_flag("--effective", na.effective, "the per-DoF limits in use (default set, --profile or --source)");
  norms_cmd->add_flag("--dofs", na.dofs, "list the DoF identifiers and names");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "arthrokin: usage error: " << e.what()
              << "\n(run `arthrokin --help` or `arthrokin <command> --help`)\n";
    return exit_bad_input;
  }
  if (check_cmd->parsed()) return run_check(g, ca);
  if (angles_cmd->parsed()) return run_angles(g, aa);
  if (scan_cmd->parsed()) return run_scan(g, sa);
  if (muscles_cmd->parsed()) return run_muscles(g, ma);
  if (ex_cmd->parsed()) return run_exercise(g, ea);
  if (norms_cmd->parsed()) return run_norms(g, na);
  return exit_bad_input;
}

}  // namespace

int main(int argc, char** argv) {
  // A file-size limit (ulimit -f) must give "cannot write FILE: File too large", not a kill.
  std::signal(SIGXFSZ, SIG_IGN);
  StdoutGuard out;
  int code = exit_bad_input;
  try {
    code = run(argc, argv);
  } catch (const parse_error& e) {
    std::cerr << "arthrokin: error: " << e.what() << "\n";
  } catch (const usage_error& e) {
    std::cerr << "arthrokin: usage error: " << e.what() << "\n";
  } catch (const output_error& e) {
    std::cerr << "arthrokin: output error: " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "arthrokin: error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "arthrokin: error: unexpected failure\n";
  }
  // Whatever was printed must have arrived: a full disk or a closed pipe is an error, never a
  // silent exit 0 or 1.
  if (const auto why = out.failure()) {
    std::cerr << "arthrokin: output error: cannot write standard output: " << *why << "\n";
    code = exit_bad_input;
  }
  return code;
}
