// `arthrokin muscles`, `exercise`, `norms`.
#include "cli.hpp"
#include "writers.hpp"

#include <arthrokin/io/exercise_json.hpp>
#include <arthrokin/io/pose_json.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <set>

namespace arthrokin::cli {
namespace {

using nlohmann::json;

Side parse_side_opt(const std::string& s) {
  if (s == "left") return Side::left;
  if (s == "right") return Side::right;
  if (s == "both" || s.empty()) return Side::none;
  throw usage_error("--side: expected left, right or both, got '" + s + "'");
}

/// A motion (arthrokin::parse_motion), or a usage error.
Motion motion_arg(const std::string& text) {
  if (const auto m = parse_motion(text)) return *m;
  throw usage_error("unknown motion '" + text +
                    "' (e.g. \"left hip internal rotation\", \"lumbar flexion\", \"thoracolumbar rotation to the "
                    "right\"; `arthrokin norms --dofs` lists the DoFs)");
}

Pose pose_from(const std::string& path, std::optional<std::string> frame, const InputOptions& in) {
  const std::size_t f = frame ? parse_frame(*frame) : 0;  // before reading: a bad number fails fast
  Stream s = load_stream(path, in);
  if (s.poses.size() > 1 && !frame)
    throw usage_error(shown(path) + " has " + std::to_string(s.poses.size()) + " frames: choose one with --frame N");
  return s.poses[frame_index(f, s.poses.size(), path)];
}

}  // namespace

int run_muscles(const Global& g, const MuscleArgs& a) {
  MuscleQueryOptions q;
  q.include_claims = a.claims;
  const Format f = g.fmt();
  if (a.mode == "movers") {
    const Motion m = motion_arg(a.what);
    const auto list = movers(m, parse_side_opt(a.side), q);
    if (f == Format::json) {
      json arr = json::array();
      for (const auto& mv : list) arr.push_back(mover_json(mv));
      std::cout << json_text(json{{"motion", a.what}, {"movers", arr}}) << "\n";
    } else if (f == Format::csv) {
      std::cout << mover_csv_header() << "\n";
      for (const auto& mv : list) write_mover_csv_row(std::cout, mv);
    } else {
      std::cout << "muscles that produce " << a.what << " (" << list.size() << "):\n";
      for (const auto& mv : list) write_mover_text_row(std::cout, mv);
      if (list.size() == 0) std::cout << "  none in the catalogue\n";
    }
    return exit_within;
  }
  if (a.mode == "stretched") {
    const Pose pose = pose_from(a.what, a.frame, a.in);
    MuscleLengthOptions o;
    o.rows = q;
    const MuscleLengthReport rep = a.reference.empty()
                                       ? muscle_lengths(pose, o)
                                       : muscle_lengths(pose, pose_from(a.reference, std::nullopt, a.in), o);
    const auto& list = a.shortened ? rep.shortened : rep.lengthened;
    const std::string what = a.shortened ? "shortened" : "lengthened";
    if (f == Format::json) {
      json arr = json::array();
      for (const auto& l : list) arr.push_back(muscle_length_json(l));
      json unk = json::array();
      for (DofId d : all_dofs)
        if (rep.unknown_dofs.test(index(d))) unk.push_back(std::string(to_string(d)));
      std::cout << json_text(json{{what, arr}, {"unknown_dofs", unk}}) << "\n";
    } else if (f == Format::csv) {
      std::cout << muscle_length_csv_header() << "\n";
      for (const auto& l : list) write_muscle_length_csv_row(std::cout, l);
    } else {
      std::cout << "muscles " << what << " by the pose" << (a.reference.empty() ? "" : " (relative to the reference)")
                << ", score = sum of w(role) x angle against the muscle's action, radians (an ordering, not a "
                   "length):\n";
      for (const auto& l : list) write_muscle_length_text_row(std::cout, l);
      if (list.size() == 0) std::cout << "  none\n";
    }
    return exit_within;
  }
  throw usage_error("muscles: expected `movers <motion>` or `stretched <pose file>`, got '" + a.mode + "'");
}

int run_exercise(const Global& g, const ExerciseArgs& a) {
  const Exercise ex = a.exercise.empty() ? lumbar_spine_rocking_stretch() : io::read_exercise_json(a.exercise);
  const Stream s = load_stream(a.input, a.in);
  Monitor monitor(ex);
  std::vector<std::string> cue_lines;
  for (std::size_t i = 0; i < s.poses.size(); ++i)
    for (const auto& cue : monitor.update(s.t_s[i], s.poses[i]))
      if (cue.kind != CueKind::phase_change)
        cue_lines.push_back(fmt("%8.2f s  ", cue.t_s) + std::string(cue.message()));
  monitor.finish();
  std::size_t below_target = 0, band_frames = 0;
  for (std::size_t b = 0; b < ex.bands.size(); ++b)
    for (Phase p : {Phase::left, Phase::right, Phase::centre}) {
      below_target += monitor.stats(b, p).visits_below_target;
      band_frames += monitor.stats(b, p).frames;
    }
  // The phase signal as the monitor reads it (also the report's plot).
  const io::SeriesPlot phase = io::phase_plot(ex, s.t_s, s.poses);
  const auto phase_frames = static_cast<std::size_t>(
      std::count_if(phase.deg.begin(), phase.deg.end(), [](double v) { return !std::isnan(v); }));
  const bool out = monitor.intervals().size() > 0 || below_target > 0;
  // Nothing evaluated is never "within band": without the phase signal no side is known, and
  // without a band value in any frame nothing was compared with a band.
  std::string unknown_why;
  if (phase_frames == 0)
    unknown_why = "the phase signal could not be evaluated in any frame: its DoFs were never observed";
  else if (band_frames == 0)
    unknown_why = "no band could be evaluated in any frame";
  const std::string verdict = out ? "out_of_band" : unknown_why.empty() ? "within_band" : "unknown";

  std::vector<std::string> lines;
  lines.push_back(ex.name + " (" + s.path + ", " + s.kind + ")");
  lines.push_back("frames " + std::to_string(monitor.frames()) + ", duration " + fmt("%.1f", monitor.duration_s()) +
                  " s, gaps " + std::to_string(monitor.gaps()) + " (" + fmt("%.2f", monitor.gap_s()) +
                  " s not counted)");
  lines.push_back("repetitions " + std::to_string(monitor.repetitions()));
  lines.push_back("time: left " + fmt("%.1f", monitor.time_in(Phase::left)) + " s, centre " +
                  fmt("%.1f", monitor.time_in(Phase::centre)) + " s, right " +
                  fmt("%.1f", monitor.time_in(Phase::right)) + " s, unknown " +
                  fmt("%.1f", monitor.time_in(Phase::unknown)) + " s");
  auto opt = [](std::optional<double> v) { return v ? fmt("%.1f", *v) : std::string("n/a"); };
  json bands = json::array();
  for (std::size_t b = 0; b < ex.bands.size(); ++b) {
    const auto& band = ex.bands[b];
    auto side_json = [&](Phase p) { return band_side_json(monitor.stats(b, p)); };
    json bj = {{"id", band.id},
               {"label", band.label},
               {"source", band.source},
               {"tag", band.tag},
               {"scope", band.scope == BandScope::per_side ? "per_side" : "always"},
               {"lower_deg", band.lower_deg ? json(*band.lower_deg) : json(nullptr)},
               {"upper_deg", band.upper_deg ? json(*band.upper_deg) : json(nullptr)}};
    if (band.scope == BandScope::per_side) {
      const auto& l = monitor.stats(b, Phase::left);
      const auto& r = monitor.stats(b, Phase::right);
      std::string line = band.label + " [" + band.source + ", " + band.tag + "]: peak left " + opt(l.max_deg) +
                         ", right " + opt(r.max_deg) + " deg; out of band left " + fmt("%.2f", l.out_s) + " s, right " +
                         fmt("%.2f", r.out_s) + " s; unknown " + fmt("%.2f", l.unknown_s + r.unknown_s) + " s";
      if (const auto as = monitor.asymmetry_deg(b)) line += "; asymmetry (right - left) " + fmt("%+.1f", *as) + " deg";
      lines.push_back(line);
      bj["left"] = side_json(Phase::left);
      bj["right"] = side_json(Phase::right);
      const auto as = monitor.asymmetry_deg(b);
      bj["asymmetry_deg"] = as ? json(*as) : json(nullptr);
    } else {
      const auto& c = monitor.stats(b, Phase::centre);
      lines.push_back(band.label + " [" + band.source + ", " + band.tag + "]: lowest " + opt(c.min_deg) +
                      " deg; out of band " + fmt("%.2f", c.out_s) + " s; unknown " + fmt("%.2f", c.unknown_s) + " s");
      bj["always"] = side_json(Phase::centre);
    }
    bands.push_back(bj);
  }
  json intervals = json::array();
  lines.push_back("out-of-band intervals: " + std::to_string(monitor.intervals().size()));
  for (const auto& iv : monitor.intervals()) {
    lines.push_back(interval_text(ex, iv));
    intervals.push_back(interval_json(ex, iv));
  }
  lines.push_back(std::string("verdict: ") + (out                   ? "out of band"
                                              : unknown_why.empty() ? "within band"
                                                                    : "unknown (" + unknown_why + ")"));

  const Format f = g.fmt();
  if (f == Format::json) {
    json cues = json::array();
    for (const auto& c : cue_lines) cues.push_back(c);
    std::cout << json_text(json{{"exercise", ex.id},
                                {"input", s.path},
                                {"kind", s.kind},
                                {"frames", monitor.frames()},
                                {"duration_s", monitor.duration_s()},
                                {"gaps", monitor.gaps()},
                                {"gap_s", monitor.gap_s()},
                                {"repetitions", monitor.repetitions()},
                                {"time_s",
                                 {{"left", monitor.time_in(Phase::left)},
                                  {"centre", monitor.time_in(Phase::centre)},
                                  {"right", monitor.time_in(Phase::right)},
                                  {"unknown", monitor.time_in(Phase::unknown)}}},
                                {"bands", bands},
                                {"intervals", intervals},
                                {"cues", cues},
                                {"phase_frames", phase_frames},
                                {"verdict", verdict}})
              << "\n";
  } else if (f == Format::csv) {
    std::cout << interval_csv_header() << "\n";
    for (const auto& iv : monitor.intervals()) write_interval_csv_row(std::cout, ex, iv);
    // The session: band "overall", the verdict in the excursion column.
    std::cout << "overall,," << verdict << ",,,\n";
  } else {
    if (a.cues)
      for (const auto& c : cue_lines) std::cout << c << "\n";
    std::cout << "== session summary ==\n";
    for (const auto& l : lines) std::cout << l << "\n";
  }
  if (!a.html.empty()) {
    const Limits limits = load_limits(g);
    io::HtmlSection sec;
    sec.heading = "session summary";
    sec.lines = lines;
    io::HtmlSection plots;
    plots.heading = "the exercise's moving DoFs against their normal range";
    plots.plots.push_back(phase);
    for (DofId d : ex.moving_dofs) plots.plots.push_back(dof_plot(limits, d, s.t_s, s.poses));
    write_file(a.html, io::html_report("arthrokin exercise: " + ex.name, {}, {sec, plots}));
  }
  if (out) return exit_out_of_range;
  if (!unknown_why.empty()) {
    std::cerr << "arthrokin: error: " << shown(s.path) << ": nothing could be evaluated: " << unknown_why
              << "; the verdict is unknown\n";
    return exit_bad_input;
  }
  return exit_within;
}

int run_norms(const Global& g, const NormsArgs& a) {
  const Format f = g.fmt();
  if (a.dofs) {
    if (f == Format::json) {
      json arr = json::array();
      for (DofId d : all_dofs) arr.push_back({{"dof", std::string(to_string(d))}, {"name", display_name(d)}});
      std::cout << json_text(arr) << "\n";
    } else {
      if (f == Format::csv) std::cout << "dof,name\n";
      for (DofId d : all_dofs) std::cout << to_string(d) << (f == Format::csv ? "," : "  ") << display_name(d) << "\n";
    }
    return exit_within;
  }
  std::vector<Joint> joints;
  for (const auto& j : a.joints) {
    const auto pj = parse_joint(j);
    if (!pj)
      throw usage_error("--joint: unknown joint '" + j +
                        "' (cervical, thoracic, lumbar, shoulder, elbow, forearm, wrist, hip, knee, ankle, subtalar)");
    joints.push_back(*pj);
  }
  for (const auto& s : a.sources)
    if (!find_source(s)) throw usage_error("--source: unknown source key '" + s + "' (data/reference/SOURCES.md)");
  auto joint_ok = [&](Joint j) { return joints.empty() || std::find(joints.begin(), joints.end(), j) != joints.end(); };
  auto source_ok = [&](std::string_view s) {
    return a.sources.empty() || std::find(a.sources.begin(), a.sources.end(), s) != a.sources.end();
  };
  std::set<std::string> used;

  if (a.effective) {
    Global gg = g;
    if (gg.source.empty() && a.sources.size() == 1) gg.source = a.sources[0];
    const Limits limits = load_limits(gg);
    json arr = json::array();
    if (f == Format::csv)
      std::cout << "dof,lower_deg,lower_source,lower_tag,upper_deg,upper_source,upper_tag,checked\n";
    if (f == Format::text)
      std::cout << "limits in use (" << (g.profile.empty() ? gg.source.empty() ? "default set" : gg.source : g.profile)
                << ", tolerance " << format_degrees(to_degrees(limits.tolerance())) << "):\n";
    for (DofId d : all_dofs) {
      if (!joint_ok(joint_of(d))) continue;
      const auto& l = limits[d];
      if (l.lower.has_value()) used.insert(std::string(l.lower.source));
      if (l.upper.has_value()) used.insert(std::string(l.upper.source));
      if (f == Format::json) {
        arr.push_back({{"dof", std::string(to_string(d))},
                       {"lower", bound_json(l.lower)},
                       {"upper", bound_json(l.upper)},
                       {"checked", limits.active(d)}});
      } else if (f == Format::csv) {
        std::cout << to_string(d) << "," << bound_csv(l.lower) << "," << l.lower.source << ","
                  << (l.lower.has_value() ? to_string(l.lower.tag) : "") << "," << bound_csv(l.upper) << ","
                  << l.upper.source << "," << (l.upper.has_value() ? to_string(l.upper.tag) : "") << ","
                  << limits.active(d) << "\n";
      } else {
        const auto& dirs = axis_directions[static_cast<std::size_t>(axis_of(d))];
        std::cout << "  " << padded("%-46s", display_name(d));
        if (l.lower.has_value())
          std::cout << format_degrees(-rad_to_deg(l.lower.radians)) << " " << dirs.negative << " " << describe(l.lower);
        else
          std::cout << "(no " << dirs.negative << " limit)";
        std::cout << " | ";
        if (l.upper.has_value())
          std::cout << format_degrees(rad_to_deg(l.upper.radians)) << " " << dirs.positive << " " << describe(l.upper);
        else
          std::cout << "(no " << dirs.positive << " limit)";
        std::cout << (limits.active(d) ? "" : "  [not checked]") << "\n";
      }
    }
    if (f == Format::json) std::cout << json_text(arr) << "\n";
  } else if (a.age || !a.sex.empty()) {
    Sex sex = Sex::both;
    if (a.sex == "F" || a.sex == "f" || a.sex == "female")
      sex = Sex::female;
    else if (a.sex == "M" || a.sex == "m" || a.sex == "male")
      sex = Sex::male;
    else if (!a.sex.empty() && a.sex != "both")
      throw usage_error("--sex: expected F, M or both, got '" + a.sex + "'");
    if (a.age && (*a.age < 0 || *a.age > 120)) throw usage_error("--age: expected 0 to 120");
    const char* banner =
        "Age/sex rows are GROUP MEANS of a study population (with the 95% CI of the mean where given), not normal "
        "limits: arthrokin never checks a pose against them.";
    json arr = json::array();
    if (f == Format::text) std::cout << banner << "\n";
    if (f == Format::csv)
      std::cout << "joint,dof,direction,age_min,age_max,sex,mean_deg,ci_low_deg,ci_high_deg,source,tag,notes\n";
    for (const auto& n : age_sex_norms) {
      if (!joint_ok(n.joint) || !source_ok(n.source)) continue;
      if (a.age && (*a.age < n.age_min || (n.age_max >= 0 && *a.age > n.age_max))) continue;
      if (sex != Sex::both && n.sex != Sex::both && n.sex != sex) continue;
      used.insert(std::string(n.source));
      const auto& dirs = axis_directions[static_cast<std::size_t>(n.axis)];
      const std::string dir(n.sense == Sense::positive ? dirs.positive : dirs.negative);
      const std::string sx = n.sex == Sex::female ? "F" : n.sex == Sex::male ? "M" : "both";
      const std::string ages = std::to_string(n.age_min) + "-" + (n.age_max >= 0 ? std::to_string(n.age_max) : "");
      if (f == Format::json) {
        arr.push_back({{"joint", std::string(to_string(n.joint))},
                       {"dof", std::string(to_string(n.axis))},
                       {"direction", dir},
                       {"age_min", n.age_min},
                       {"age_max", n.age_max >= 0 ? json(n.age_max) : json(nullptr)},
                       {"sex", sx},
                       {"mean_deg", n.mean_deg},
                       {"ci_low_deg", std::isnan(n.ci_low_deg) ? json(nullptr) : json(n.ci_low_deg)},
                       {"ci_high_deg", std::isnan(n.ci_high_deg) ? json(nullptr) : json(n.ci_high_deg)},
                       {"source", std::string(n.source)},
                       {"tag", std::string(to_string(n.tag))},
                       {"notes", std::string(n.notes)},
                       {"context", std::string(to_string(n.context))},
                       {"kind", "group mean, not a limit"}});
      } else if (f == Format::csv) {
        std::cout << to_string(n.joint) << "," << to_string(n.axis) << "," << csv_cell(dir) << "," << n.age_min << ","
                  << (n.age_max >= 0 ? std::to_string(n.age_max) : "") << "," << sx << "," << n.mean_deg << ","
                  << (std::isnan(n.ci_low_deg) ? "" : fmt("%g", n.ci_low_deg)) << ","
                  << (std::isnan(n.ci_high_deg) ? "" : fmt("%g", n.ci_high_deg)) << "," << n.source << ","
                  << to_string(n.tag) << "," << csv_cell(n.notes) << "\n";
      } else {
        std::string ci = std::isnan(n.ci_low_deg)
                             ? ""
                             : " (CI of the mean " + fmt("%g", n.ci_low_deg) + "-" + fmt("%g", n.ci_high_deg) + ")";
        std::cout << "  " << padded("%-9s", to_string(n.joint)) << padded("%-22s", dir) << " age "
                  << padded("%-7s", ages) << padded("%-5s", sx) << " mean " << format_degrees(n.mean_deg) << ci << "  ("
                  << short_citation(n.source) << ")" << tag_note(n.tag) << "\n";
      }
    }
    if (f == Format::json) std::cout << json_text(json{{"note", banner}, {"rows", arr}}) << "\n";
  } else {
    json arr = json::array();
    if (f == Format::csv) std::cout << "joint,dof,direction,value_deg,source,tag,notes\n";
    if (f == Format::text) std::cout << "normative range-of-motion values (data/reference/rom_norms.csv):\n";
    for (const auto& n : rom_norms) {
      if (!joint_ok(n.joint) || !source_ok(n.source)) continue;
      used.insert(std::string(n.source));
      const auto& dirs = axis_directions[static_cast<std::size_t>(n.axis)];
      std::string dir = n.both_senses ? std::string(to_string(n.axis)) + " (each side)"
                                      : std::string(n.sense == Sense::positive ? dirs.positive : dirs.negative);
      if (f == Format::json)
        arr.push_back({{"joint", std::string(to_string(n.joint))},
                       {"dof", std::string(to_string(n.axis))},
                       {"direction", dir},
                       {"value_deg", n.value_deg},
                       {"source", std::string(n.source)},
                       {"tag", std::string(to_string(n.tag))},
                       {"notes", std::string(n.notes)},
                       {"value_kind", std::string(to_string(n.value_kind))},
                       {"population", std::string(to_string(n.population))},
                       {"context", std::string(to_string(n.context))}});
      else if (f == Format::csv)
        std::cout << to_string(n.joint) << "," << to_string(n.axis) << "," << csv_cell(dir) << "," << n.value_deg << ","
                  << n.source << "," << to_string(n.tag) << "," << csv_cell(n.notes) << "\n";
      else
        std::cout << "  " << padded("%-9s", to_string(n.joint)) << padded("%-34s", dir) << fmt("%6g", n.value_deg)
                  << "\xC2\xB0  " << padded("%-11s", std::string(n.source)) << padded("%-4s", to_string(n.tag))
                  << tag_note(n.tag) << "\n";
    }
    if (f == Format::json) std::cout << json_text(arr) << "\n";
  }
  if (f == Format::text && !used.empty()) {
    std::cout << "\nsources (tags: V read in the source, S secondary reproduction, R recalled/unverified, D model):\n";
    for (const auto& k : used)
      if (const auto s = find_source(k)) std::cout << "  " << k << ": " << s->reference << "\n";
  }
  return exit_within;
}

}  // namespace arthrokin::cli
