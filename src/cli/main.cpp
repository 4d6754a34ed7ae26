// arthrokin: command-line tool (docs/cli.md).
// Exit codes: 0 something checked and everything checked within range, 1 something out of range,
// 2 bad input or usage, nothing could be checked, or an output could not be written.
#include "cli.hpp"

#include <arthrokin/io/opensim.hpp>

#include <CLI/CLI.hpp>

#include <csignal>
#include <functional>
#include <iostream>
#include <memory>

using namespace arthrokin;
using namespace arthrokin::cli;

namespace {

/// What runs one subcommand, over the options its setup declared.
using Run = std::function<int(const Global&)>;

void add_input_options(CLI::App* sub, InputOptions& in) {
  sub->add_option("--layout", in.layout, "keypoint layout: auto, " + layout_names())->capture_default_str();
  sub->add_option("--fps", in.fps, "frame rate of keypoint CSV input (s⁻¹)")->capture_default_str();
  sub->add_flag("--mirrored", in.mirrored, "keypoints come from a mirrored (selfie) camera");
  sub->add_option("--fit", in.fit,
                  "keypoint input: none (raw angles per frame), online or offline: fit one skeleton over the frames "
                  "(docs/fitter.md); its per-frame uncertainty is used by the verdicts")
      ->capture_default_str();
  sub->add_option("--fit-image", in.fit_image,
                  "with --fit: the 2D image landmarks of the same frames (keypoint CSV of the same layout, x and y "
                  "normalised to the image): lateral coordinates from the image, depth from the 3D keypoints");
  sub->add_option("--image-size", in.image_size, "with --fit-image: the image's size in pixels, WxH (e.g. 1080x1920)");
  sub->add_option("--neutral-frame", in.neutral_frames,
                  "BVH: calibrate segment offsets from these frames of a neutral posture (N, N-M or N,M,...)");
  sub->add_option("--neutral", in.neutral, "posture held in the --neutral-frame frames: standing, anatomical, t-pose")
      ->capture_default_str();
  sub->add_option("--neutral-segments", in.neutral_segments,
                  "segments to calibrate: all, or a comma-separated list (e.g. left_hand,right_hand)")
      ->capture_default_str();
  sub->add_option("--neutral-max-offset", in.neutral_max_offset_deg,
                  "refuse a calibration whose offset exceeds this (degrees): the posture was not the declared one")
      ->capture_default_str();
  sub->add_option("--opensim-model", in.opensim_model,
                  "OpenSim .mot/.sto: the model whose coordinate signs apply (" + io::opensim_model_names() +
                      "); auto: told by the columns, an error where the signs depend on it")
      ->capture_default_str();
  sub->add_option("--bvh-map", in.bvh_map,
                  "BVH: a JSON mapping file {\"joint name in the file\": \"segment\"} over the built-in name tables "
                  "(docs/bvh.md, \"Any rig\")");
}

// Each subcommand: its options (into arguments owned by the returned run function).

Run setup_check(CLI::App* sub) {
  auto a = std::make_shared<CheckArgs>();
  sub->add_option("input", a->input, "pose JSON, angle-frame CSV, BVH, keypoint CSV/JSON, OpenSim .mot/.sto")
      ->required();
  sub->add_option("--frame", a->frame, "check only this frame (0-based)");
  sub->add_option("--svg", a->svg, "write a body figure (SVG), joints coloured by status");
  sub->add_option("--html", a->html, "write a self-contained HTML report");
  add_input_options(sub, a->in);
  return [a](const Global& g) { return run_check(g, *a); };
}

Run setup_angles(CLI::App* sub) {
  auto a = std::make_shared<AnglesArgs>();
  sub->add_option("input", a->input, "BVH, keypoint CSV/JSON, angle CSV, pose JSON, OpenSim .mot/.sto")->required();
  sub->add_option("-o,--output", a->output,
                  "write to this file instead of stdout (*.mot, *.sto: an OpenSim motion file)");
  sub->add_option("--mot-model", a->mot_model,
                  "-o *.mot: name the columns by this OpenSim model's coordinates (only the DoFs it maps); auto: "
                  "arthrokin DoF names, every DoF")
      ->capture_default_str();
  add_input_options(sub, a->in);
  return [a](const Global& g) { return run_angles(g, *a); };
}

Run setup_scan(CLI::App* sub) {
  auto a = std::make_shared<ScanArgs>();
  sub->add_option("inputs", a->inputs, "files or folders (.json, .csv, .bvh, .mot, .sto)")->required();
  sub->add_option("--svg", a->svg, "write a body figure (SVG): joints out of range in any frame");
  sub->add_option("--html", a->html, "write a self-contained HTML report with a plot per DoF");
  sub->add_flag("!--no-progress", a->progress, "no progress bar (it is shown only on a terminal)");
  add_input_options(sub, a->in);
  return [a](const Global& g) { return run_scan(g, *a); };
}

Run setup_muscles(CLI::App* sub) {
  auto a = std::make_shared<MuscleArgs>();
  sub->add_option("mode", a->mode, "movers | stretched")->required()->check(CLI::IsMember({"movers", "stretched"}));
  sub->add_option("what", a->what, "a motion (\"left hip internal rotation\") or a pose file")->required();
  sub->add_option("--side", a->side, "movers: only this side's muscles (left, right, both)");
  sub->add_option("--reference", a->reference, "stretched: compare with this pose instead of anatomical zero");
  sub->add_option("--frame", a->frame, "stretched: frame of a multi-frame input (0-based)");
  sub->add_flag("--claims", a->claims, "include the exercise text's claims (source Seed)");
  sub->add_flag("--shortened", a->shortened, "stretched: list the shortened muscles instead");
  add_input_options(sub, a->in);
  return [a](const Global& g) { return run_muscles(g, *a); };
}

Run setup_exercise(CLI::App* sub) {
  auto a = std::make_shared<ExerciseArgs>();
  sub->add_option("input", a->input, "angle CSV, BVH or keypoints")->required();
  sub->add_option("--exercise", a->exercise, "exercise JSON (default: the built-in lumbar spine rocking stretch)");
  sub->add_option("--html", a->html, "write a self-contained HTML report");
  sub->add_flag("--cues", a->cues, "print every cue as it happened");
  add_input_options(sub, a->in);
  return [a](const Global& g) { return run_exercise(g, *a); };
}

Run setup_norms(CLI::App* sub) {
  auto a = std::make_shared<NormsArgs>();
  sub->add_option("--joint", a->joints, "only these joints (repeatable)");
  sub->add_option("--source", a->sources, "only these source keys (repeatable)");
  sub->add_option("--age", a->age, "age/sex table: rows for this age (group means, not limits)");
  sub->add_option("--sex", a->sex, "age/sex table: F, M or both");
  sub->add_flag("--effective", a->effective, "the per-DoF limits in use (default set, --profile or --source)");
  sub->add_flag("--dofs", a->dofs, "list the DoF identifiers and names");
  return [a](const Global& g) { return run_norms(g, *a); };
}

Run setup_assess(CLI::App* sub) {
  auto a = std::make_shared<AssessArgs>();
  sub->add_option("inputs", a->inputs, "files or folders (.json, .csv, .bvh): one session")->required();
  sub->add_option("--age", a->age, "compare with the age/sex group MEANS where the table has one (years)");
  sub->add_option("--sex", a->sex, "with --age: F, M or both");
  sub->add_option("--involved", a->involved, "left or right: side-to-side asymmetry and LSI with this side involved");
  sub->add_flag("--robust", a->robust, "deficits and asymmetry from the robust ends (percentiles), not min/max");
  sub->add_option("--p-low", a->percent_low, "percentile of the robust low end")->capture_default_str();
  sub->add_option("--p-high", a->percent_high, "percentile of the robust high end")->capture_default_str();
  sub->add_option("--bin", a->bin_deg, "histogram bin of the robust ends (degrees; error bound: half of it)")
      ->capture_default_str();
  sub->add_option("--html", a->html,
                  "write an HTML report: per DoF the range reached (both sides) against the normal band");
  sub->add_flag("--functional", a->functional,
                "which daily activities the range reached supports, per side (published functional ranges)");
  sub->add_flag("--grades", a->grades,
                "knee limitation-of-motion grades of 38 CFR 4.71a (DC 5260, 5261), range-of-motion rows only");
  sub->add_flag("--reba", a->reba, "the REBA score of every frame (Hignett & McAtamney 2000): worst frame, levels");
  sub->add_option("--reba-side", a->reba_side, "REBA: the arm scored, left or right")->capture_default_str();
  sub->add_option("--legs", a->reba_legs, "REBA: bilateral, sitting or unilateral")->capture_default_str();
  sub->add_option("--load-kg", a->load_kg, "REBA: load or force handled (kg)")->capture_default_str();
  sub->add_flag("--shock", a->shock, "REBA: shock or rapid build-up of force");
  sub->add_option("--coupling", a->coupling, "REBA: good, fair, poor or unacceptable")->capture_default_str();
  sub->add_flag("--shoulder-raised", a->shoulder_raised, "REBA: the shoulder is raised");
  sub->add_flag("--arm-supported", a->arm_supported, "REBA: arm supported, leaning or gravity-assisted");
  sub->add_flag("--wrist-twisted", a->wrist_twisted, "REBA: the wrist is twisted");
  sub->add_flag("--static", a->static_posture, "REBA activity: a body part held for more than 1 minute");
  sub->add_flag("--repeated", a->repeated, "REBA activity: small-range actions repeated more than 4 times a minute");
  sub->add_flag("--rapid-changes", a->rapid_changes, "REBA activity: rapid large changes in posture or unstable base");
  sub->add_option("--reba-threshold", a->reba_threshold_deg,
                  "REBA: degrees within which the trunk counts as upright and below which twist, side bend, "
                  "abduction and deviation do not count (the method gives none)")
      ->capture_default_str();
  add_input_options(sub, a->in);
  return [a](const Global& g) { return run_assess(g, *a); };
}

Run setup_gait(CLI::App* sub) {
  auto a = std::make_shared<GaitArgs>();
  sub->add_option("input", a->input, "a walking recording: BVH, angle CSV, keypoints (timed)")->required();
  sub->add_option("--speed", a->speed, "speed class of the children's norms: VerySlow, Slow, Free, Fast, VeryFast")
      ->capture_default_str();
  sub->add_option("--contacts", a->contacts,
                  "initial contacts from: auto (BVH: feet, else knee), feet (BVH ankle heights), knee (kinematic "
                  "detector), given")
      ->capture_default_str();
  sub->add_option("--left-contacts", a->left_contacts, "frames of the left foot's initial contacts (N,M,...)");
  sub->add_option("--right-contacts", a->right_contacts, "frames of the right foot's initial contacts (N,M,...)");
  sub->add_option("--stance-end", a->stance_end_percent, "end of stance, % of the cycle (knee finding)")
      ->capture_default_str();
  sub->add_option("--knee-sd", a->knee_sd_multiple,
                  "the knee 'never extends in stance' above the norm's least flexion + this many SD")
      ->capture_default_str();
  sub->add_option("--html", a->html,
                  "write an HTML report: per variable the curve of every cycle against the normative band, GVS, GPS");
  add_input_options(sub, a->in);
  return [a](const Global& g) { return run_gait(g, *a); };
}

int run(int argc, char** argv) {
  CLI::App app{
      "arthrokin: joint range-of-motion checks, joint angles, muscles.\n"
      "Exit codes: 0 within range (also within range for the DoFs observed, and possibly out of range: an excess\n"
      "within the values' uncertainty; the output says which), 1 something clearly out of range, 2 bad input or\n"
      "usage, nothing could be checked, or an output could not be written."};
  app.name("arthrokin");
  app.require_subcommand(1);
  app.fallthrough();
  Global g;
  app.add_option("--format", g.format, "output format")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->capture_default_str();
  app.add_option("--profile", g.profile, "profile JSON: source, tolerance, overrides, joints (docs/formats.md)");
  app.add_option("--source", g.source, "take limits from one source key (e.g. AAOS94) instead of the default set");
  app.add_option("--uncertainty", g.uncertainty_deg,
                 "standard uncertainty u of every value, degrees: an excess within k*u is 'possibly' beyond "
                 "(docs/uncertainty.md)");
  app.add_option("--input-kind", g.input_kind,
                 "the documented default uncertainty of an input kind: goniometer, marker_mocap, imu, "
                 "monocular_keypoints (docs/uncertainty.md)");
  app.add_option("--coverage", g.coverage, "coverage factor k of the expanded uncertainty U = k*u")
      ->capture_default_str();
  app.add_option("--context", g.context,
                 "measurement context of the default set: norms measured so where they exist, the default "
                 "elsewhere (docs/sources.md)")
      ->check(CLI::IsMember({"unspecified", "passive", "active", "weight_bearing"}))
      ->capture_default_str();
  app.add_flag("--no-shoulder-region", g.no_shoulder_region,
               "check each shoulder DoF against its own range instead of the shoulder region "
               "(docs/shoulder-region.md)");
  app.add_flag("--no-two-joint", g.no_two_joint,
               "check hip flexion against its own range, without the two-joint limit of a straight knee "
               "(docs/two-joint-limits.md)");

  // The table of subcommands: name, help, and the setup that declares its options and returns
  // its run function.
  struct Command {
    const char* name;
    const char* help;
    Run (*setup)(CLI::App*);
  };
  static constexpr Command commands[] = {
      {"check", "check a pose (JSON) or frames (angle CSV, BVH, keypoints, OpenSim .mot/.sto)", setup_check},
      {"angles", "keypoints, BVH or OpenSim -> joint angles per frame (CSV, JSON or OpenSim .mot)", setup_angles},
      {"scan", "per-DoF summary of files or folders: frames out of range, unknown, worst", setup_scan},
      {"muscles", "muscles: `movers <motion>` or `stretched <pose file>`", setup_muscles},
      {"exercise", "run the rocking-stretch monitor over a recording, print the summary", setup_exercise},
      {"norms", "print the limit tables with their sources", setup_norms},
      {"assess", "range reached per DoF over a session, deficit against the norm, asymmetry", setup_assess},
      {"gait", "walking split into gait cycles against children's normative curves (GPS, knee in stance)", setup_gait},
  };
  std::vector<std::pair<CLI::App*, Run>> subs;
  for (const auto& c : commands) {
    CLI::App* sub = app.add_subcommand(c.name, c.help);
    subs.emplace_back(sub, c.setup(sub));
  }

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
  for (const auto& [sub, run_command] : subs)
    if (sub->parsed()) return run_command(g);
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
