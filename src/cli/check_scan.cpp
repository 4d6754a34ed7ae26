// `arthrokin check`, `angles`, `scan`.
#include "cli.hpp"
#include "writers.hpp"

#include <arthrokin/io/angle_csv.hpp>
#include <arthrokin/io/opensim.hpp>
#include <arthrokin/io/report_writers.hpp>

#include <nlohmann/json.hpp>

#include <unistd.h>
#include <cstdio>
#include <iostream>
#include <sstream>

namespace arthrokin::cli {
namespace {

using nlohmann::json;

/// One line per DoF out of range in some frame (for figures and summaries).
std::vector<std::string> tally_notes(const Tally& t, const Limits& limits) {
  std::vector<std::string> out;
  for (DofId d : all_dofs) {
    const auto& dt = t.dofs[index(d)];
    if (dt.below + dt.above == 0) continue;
    std::string l = display_name(d) + ": " + std::to_string(dt.below + dt.above) + " of " +
                    std::to_string(dt.observed) + " known frames out of range";
    if (!dt.worst.empty())
      l += "; worst frame " + std::to_string(dt.worst[0].frame) + " (" + fmt("%.2f", dt.worst[0].t_s) + " s) " +
           format_degrees(dt.worst[0].value_deg) + ", " + format_degrees(dt.worst[0].excess_deg) + " beyond";
    out.push_back(l);
  }
  for (std::size_t k = 0; k < limits.composite_count(); ++k) {
    const auto& ct = t.composites[k];
    if (ct.below + ct.above == 0) continue;
    out.push_back(display_name(limits.composite(k)) + ": " + std::to_string(ct.below + ct.above) + " of " +
                  std::to_string(ct.observed) + " known frames out of range; worst frame " +
                  std::to_string(ct.worst[0].frame) + " " + format_degrees(ct.worst[0].value_deg) + ", " +
                  format_degrees(ct.worst[0].excess_deg) + " beyond");
  }
  if (out.empty()) out.push_back("no DoF out of range in any frame");
  return out;
}

/// Files shown in an HTML report (a section with plots each).
constexpr std::size_t html_files = 20;

std::vector<io::HtmlSection> stream_sections(const Limits& limits, const std::vector<Stream>& streams,
                                             const std::vector<Tally>& tallies) {
  std::vector<io::HtmlSection> out;
  for (std::size_t i = 0; i < streams.size() && i < html_files; ++i) {
    const auto& s = streams[i];
    const auto& t = tallies[i];
    io::HtmlSection sec;
    sec.heading = s.path;
    sec.lines.push_back(s.kind + ", " + std::to_string(s.poses.size()) + " frames, " + std::to_string(t.frames_out) +
                        " with a DoF or composite out of range");
    for (auto& l : tally_notes(t, limits)) sec.lines.push_back(std::move(l));
    sec.figure_svg = io::body_figure_svg(t.marks(limits), "joints out of range in any frame", tally_notes(t, limits));
    for (DofId d : all_dofs)
      if (t.dofs[index(d)].observed > 0) sec.plots.push_back(dof_plot(limits, d, s.t_s, s.poses));
    out.push_back(std::move(sec));
  }
  return out;
}

void say_nothing_checked(const std::string& path) {
  std::cerr << "arthrokin: error: " << shown(path)
            << ": nothing could be checked: no DoF with a limit was observed in any frame, the verdict is unknown "
               "(`arthrokin angles FILE` shows what was read)\n";
}

/// The exit code of the verdict of the input `path` (docs/cli.md): unknown is exit 2, with a message; only a
/// clear excursion is exit 1 (possibly_out_of_range and within_range_partial exit 0, and say so in the output).
int verdict_exit(Verdict v, const std::string& path) {
  if (v == Verdict::unknown) {
    say_nothing_checked(path);
    return exit_bad_input;
  }
  return v == Verdict::out_of_range ? exit_out_of_range : exit_within;
}

}  // namespace

int run_check(const Global& g, const CheckArgs& a) {
  const Limits limits = load_limits(g);
  const Uncertainty uncertainty = load_uncertainty(g);
  const std::optional<std::size_t> frame = a.frame ? std::optional(parse_frame(*a.frame)) : std::nullopt;
  Stream s = load_stream(a.input, a.in);
  if (frame) {
    const std::size_t i = frame_index(*frame, s.poses.size(), s.path);
    s.poses = {s.poses[i]};
    s.t_s = {s.t_s[i]};
    if (!s.sigma_rad.empty())
      s.sigma_rad = std::vector<double>(s.sigma_rad.begin() + static_cast<std::ptrdiff_t>(i * dof_count),
                                        s.sigma_rad.begin() + static_cast<std::ptrdiff_t>((i + 1) * dof_count));
  }
  if (s.poses.empty()) throw parse_error(a.input + ": no frames");
  const Format f = g.fmt();
  OutputFiles files;
  if (s.poses.size() == 1) {
    const Report r = check(s.poses[0], limits, frame_uncertainty(uncertainty, s, 0));
    if (f == Format::json)
      std::cout << io::report_to_json(r) << "\n";
    else if (f == Format::csv)
      std::cout << io::report_to_csv(r);
    else
      std::cout << describe(r);
    if (!a.svg.empty()) files.add(a.svg, io::body_figure_svg(r));
    if (!a.html.empty()) {
      io::HtmlSection sec;
      sec.heading = a.input;
      std::istringstream lines(describe(r));
      for (std::string l; std::getline(lines, l);) sec.lines.push_back(l);
      sec.figure_svg = io::body_figure_svg(r);
      files.add(a.html, io::html_report("arthrokin check: " + a.input, {}, {sec}));
    }
    files.commit();
    return verdict_exit(r.overall, s.path);
  }
  // Many frames.
  Tally tally;
  json frames = json::array();
  if (f == Format::csv) std::cout << "frame,time_s," << io::report_csv_header() << "\n";
  Report r;
  for (std::size_t i = 0; i < s.poses.size(); ++i) {
    check(s.poses[i], limits, frame_uncertainty(uncertainty, s, i), r);
    tally.add(r, s.path, i, s.t_s[i]);
    if (f == Format::csv) {
      std::cout << io::report_csv_rows(r, std::to_string(i) + "," + fmt("%.6f", s.t_s[i]) + ",");
    } else if (f == Format::json) {
      frames.push_back({{"frame", i},
                        {"time_s", s.t_s[i]},
                        {"verdict", std::string(to_string(r.overall))},
                        {"possibly_out_of_range_count", r.possibly_out_of_range_count},
                        {"unknown_count", r.unknown_count},
                        {"out_of_range", out_of_range_json(r)}});
    } else if (r.overall == Verdict::out_of_range) {
      std::cout << "frame " << i << " (" << fmt("%.3f", s.t_s[i]) << " s): out_of_range\n";
      write_out_of_range_text(std::cout, r);
    }
  }
  const Verdict verdict = tally.verdict();
  const std::string summary =
      std::to_string(tally.frames_out) + " of " + std::to_string(s.poses.size()) + " frames out of range, " +
      (tally.frames_possibly > 0 ? std::to_string(tally.frames_possibly) + " possibly out of range, " : std::string()) +
      (tally.frames_partial > 0 ? std::to_string(tally.frames_partial) + " within range but partial, "
                                : std::string()) +
      std::to_string(tally.frames_unknown) + " with nothing checked";
  if (f == Format::json) {
    std::cout << json_text(json{{"input", s.path},
                                {"kind", s.kind},
                                {"frames", s.poses.size()},
                                {"frames_out_of_range", tally.frames_out},
                                {"frames_possibly_out_of_range", tally.frames_possibly},
                                {"frames_within_range_partial", tally.frames_partial},
                                {"frames_unknown", tally.frames_unknown},
                                {"verdict", std::string(to_string(verdict))},
                                {"frame_reports", frames}})
              << "\n";
  } else if (f == Format::csv) {
    // The whole input: frame and time empty, in the shape of the per-frame "overall" rows.
    std::cout << ",,overall," << to_string(verdict) << ",,,,,,,,," << csv_cell(summary) << "\n";
  } else {
    std::cout << "overall: " << to_string(verdict) << " (" << summary << "; " << s.kind << ")\n";
  }
  if (!a.svg.empty())
    files.add(a.svg, io::body_figure_svg(tally.marks(limits), "joints out of range in any frame: " + s.path,
                                         tally_notes(tally, limits)));
  if (!a.html.empty())
    files.add(a.html, io::html_report("arthrokin check: " + s.path, {}, stream_sections(limits, {s}, {tally})));
  files.commit();
  return verdict_exit(verdict, s.path);
}

int run_angles(const Global& g, const AnglesArgs& a) {
  const auto mot_model = io::parse_opensim_model(a.mot_model);
  if (!mot_model)
    throw usage_error("--mot-model: unknown model '" + arthrokin::detail::printable(a.mot_model) + "' (expected " +
                      io::opensim_model_names() + ")");
  std::string out_ext = std::filesystem::path(a.output).extension().string();
  for (char& c : out_ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool mot = out_ext == ".mot" || out_ext == ".sto";
  if (mot && g.fmt() != Format::text)
    throw usage_error("-o " + shown(a.output) + ": an OpenSim motion file; --format does not apply to it");
  if (!mot && *mot_model != io::OpenSimModel::automatic)
    throw usage_error("--mot-model applies to an OpenSim output file (-o *.mot or *.sto)");
  const Stream s = load_stream(a.input, a.in);
  std::string text;
  if (mot) {
    io::AngleFrames frames;
    frames.time_s = s.t_s;
    frames.poses = s.poses;
    std::ostringstream o;
    io::write_opensim_mot(o, frames, *mot_model, "arthrokin angles of " + s.path);
    text = o.str();
    if (*mot_model != io::OpenSimModel::automatic) {
      // Say which observed DoFs the model has no coordinate for (read back what was written).
      std::bitset<dof_count> in, written;
      for (const Pose& p : s.poses) in |= p.observed_mask();
      for (const Pose& p : io::parse_opensim(text, "-o", *mot_model).poses) written |= p.observed_mask();
      std::string left_out;
      for (DofId d : all_dofs)
        if (in.test(index(d)) && !written.test(index(d)))
          left_out += (left_out.empty() ? "" : ", ") + std::string(to_string(d));
      if (!left_out.empty())
        std::cerr << "arthrokin: " << shown(a.output) << ": " << io::to_string(*mot_model)
                  << " has no coordinate for these DoFs, left out: " << left_out << "\n";
    }
  } else if (g.fmt() == Format::json) {
    json frames = json::array();
    for (std::size_t i = 0; i < s.poses.size(); ++i) {
      json angles = json::object();
      for (DofId d : all_dofs) {
        const auto v = s.poses[i].get(d);
        angles[std::string(to_string(d))] = v ? json(to_degrees(*v)) : json(nullptr);
      }
      json fr = {{"time_s", s.t_s[i]}, {"angles_deg", angles}};
      if (!s.sigma_rad.empty()) {
        json sig = json::object();
        for (DofId d : all_dofs) {
          const double v = s.sigma_rad[i * dof_count + index(d)];
          if (!std::isnan(v)) sig[std::string(to_string(d))] = rad_to_deg(v);
        }
        fr["sigma_deg"] = sig;
      }
      const Eigen::Vector3d tl = s.poses[i].thoracolumbar_radians();
      json tlj = json::object();
      const char* names[3] = {"flexion_extension", "lateral_flexion", "axial_rotation"};
      for (int k = 0; k < 3; ++k)
        if (!std::isnan(tl[k])) tlj[names[k]] = rad_to_deg(tl[k]);
      if (!tlj.empty()) fr["thoracolumbar_deg"] = tlj;
      frames.push_back(fr);
    }
    text = json_text(json{{"input", s.path}, {"kind", s.kind}, {"frames", frames}}) + "\n";
  } else {
    // With --fit, one more column per DoF after the angle CSV's own: <dof>_sigma_deg (empty: unknown).
    text = io::angle_csv_header();
    if (!s.sigma_rad.empty())
      for (DofId d : all_dofs) text.append(",").append(to_string(d)).append("_sigma_deg");
    text += "\n";
    for (std::size_t i = 0; i < s.poses.size(); ++i) {
      text += io::angle_csv_row(s.t_s[i], s.poses[i]);
      if (!s.sigma_rad.empty())
        for (std::size_t d = 0; d < dof_count; ++d) {
          const double v = s.sigma_rad[i * dof_count + d];
          text += ',';
          if (!std::isnan(v)) text += fmt("%.4f", rad_to_deg(v));
        }
      text += "\n";
    }
  }
  if (a.output.empty())
    std::cout << text;
  else
    write_file(a.output, std::move(text));
  std::cerr << "arthrokin: " << shown(s.path) << ": " << s.kind << ", " << s.poses.size() << " frames\n";
  return exit_within;
}

int run_scan(const Global& g, const ScanArgs& a) {
  const Limits limits = load_limits(g);
  const Uncertainty uncertainty = load_uncertainty(g);
  const auto files = expand_inputs(a.inputs);
  const bool bar = a.progress && isatty(STDERR_FILENO);
  // Files are streamed: each is read, checked in one batch and folded into the tallies, and its
  // frames are dropped before the next file. Only a summary line per file is kept, and, for the
  // HTML report, the frames of the files it shows.
  const BatchChecker checker(limits, uncertainty);
  const std::size_t n_comp = checker.composite_count();
  struct Scanned {
    std::string path, kind;
    std::size_t frames = 0, frames_out = 0, frames_unknown = 0;
    Verdict verdict = Verdict::unknown;
    std::vector<std::string> warnings;
  };
  std::vector<Scanned> scanned;
  std::vector<Stream> shown_streams;  // --html: the first html_files files, with their frames
  std::vector<Tally> shown_tallies;
  Tally total;
  RangeAccumulator ranges;  // per-DoF min/max over every frame scanned
  std::vector<std::string> failures;
  std::vector<double> angles, tl;
  std::vector<std::uint8_t> verdicts, dof_status, comp_status;
  Report r;
  for (std::size_t fi = 0; fi < files.size(); ++fi) {
    const std::string name = files[fi].string();
    if (bar)
      std::cerr << "\r\x1b[Kscan: reading " << name << " (" << fi + 1 << "/" << files.size() << ")" << std::flush;
    Stream s;
    try {
      s = load_stream(files[fi], a.in);
    } catch (const std::exception& e) {
      if (bar) std::cerr << "\r\x1b[K";
      std::cerr << "arthrokin: error: " << e.what() << "\n";
      failures.push_back(name);
      continue;
    }
    const std::size_t n = s.poses.size();
    angles.resize(n * dof_count);
    tl.resize(n * 3);
    verdicts.resize(n);
    dof_status.resize(n * dof_count);
    comp_status.resize(n * n_comp);
    for (std::size_t i = 0; i < n; ++i) {
      Eigen::Map<PoseVector>(angles.data() + i * dof_count) = s.poses[i].as_radians();
      Eigen::Map<Eigen::Vector3d>(tl.data() + i * 3) = s.poses[i].thoracolumbar_radians();
    }
    BatchCounts counts;
    try {
      BatchOptions bo;
      bo.row_uncertainty = s.sigma_rad;  // --fit: the fit's per-frame uncertainty (NaN: the global one)
      checker.run(angles, verdicts, BatchStatuses{dof_status, comp_status}, counts, tl, bo);
      ranges.add_batch(angles, ranges.frames(), s.t_s);
    } catch (const std::exception& e) {  // ±∞ in a frame (the readers refuse them: a safeguard)
      if (bar) std::cerr << "\r\x1b[K";
      std::cerr << "arthrokin: error: " << shown(name) << ": " << e.what() << "\n";
      failures.push_back(name);
      continue;
    }
    Tally t;
    for (std::size_t i = 0; i < n; ++i) {
      const auto v = static_cast<Verdict>(verdicts[i]);
      if (v == Verdict::out_of_range) {  // the worst frames need values and excesses: the frame's Report
        check(s.poses[i], limits, frame_uncertainty(uncertainty, s, i), r);
        t.add(r, s.path, i, s.t_s[i]);
        total.add(r, s.path, i, s.t_s[i]);
      } else {
        const std::span<const std::uint8_t> dof(dof_status.data() + i * dof_count, dof_count);
        const std::span<const std::uint8_t> comp(comp_status.data() + i * n_comp, n_comp);
        t.add(v, dof, comp);
        total.add(v, dof, comp);
      }
      if (bar && (i % 128 == 0 || i + 1 == s.poses.size())) {
        const int w = 30, done = static_cast<int>((i + 1) * w / s.poses.size());
        std::cerr << "\r\x1b[Kscan [" << std::string(static_cast<std::size_t>(done), '#')
                  << std::string(static_cast<std::size_t>(w - done), '.') << "] file " << fi + 1 << "/" << files.size()
                  << ", frame " << i + 1 << "/" << s.poses.size() << std::flush;
      }
    }
    scanned.push_back({s.path, s.kind, n, t.frames_out, t.frames_unknown, t.verdict(), s.warnings});
    if (!a.html.empty() && shown_streams.size() < html_files) {
      shown_streams.push_back(std::move(s));
      shown_tallies.push_back(std::move(t));
    }
  }
  if (bar) std::cerr << "\r\x1b[K" << std::flush;

  // Nothing checked is never "within": a file in which nothing could be checked counts like an
  // unreadable one (exit 2), and the aggregate is unknown unless something is out of range.
  std::size_t files_unknown = 0, files_warned = 0;
  for (const auto& sf : scanned) files_warned += !sf.warnings.empty();
  for (const auto& sf : scanned)
    if (sf.verdict == Verdict::unknown) {
      ++files_unknown;
      say_nothing_checked(sf.path);
    }
  const Verdict verdict = total.frames_out > 0                     ? Verdict::out_of_range
                          : !failures.empty() || files_unknown > 0 ? Verdict::unknown
                                                                   : total.verdict();
  const std::string verdict_text(to_string(verdict));

  const Format f = g.fmt();
  const std::vector<TallyRow> rows = tally_rows(limits, total, &ranges);

  if (f == Format::json) {
    json fl = json::array();
    for (const auto& sf : scanned)
      fl.push_back({{"path", sf.path},
                    {"kind", sf.kind},
                    {"frames", sf.frames},
                    {"frames_out_of_range", sf.frames_out},
                    {"frames_unknown", sf.frames_unknown},
                    {"verdict", std::string(to_string(sf.verdict))},
                    {"warnings", sf.warnings}});
    json dofs = json::array(), comps = json::array();
    for (const auto& r : rows) (r.limit != nullptr ? dofs : comps).push_back(tally_row_json(r));
    json failed = json::array();
    for (const auto& x : failures) failed.push_back(x);
    std::cout << json_text(json{{"files", fl},
                                {"failed", failed},
                                {"frames", total.frames},
                                {"frames_out_of_range", total.frames_out},
                                {"frames_possibly_out_of_range", total.frames_possibly},
                                {"frames_within_range_partial", total.frames_partial},
                                {"frames_unknown", total.frames_unknown},
                                {"files_unknown", files_unknown},
                                {"files_with_warnings", files_warned},
                                {"verdict", verdict_text},
                                {"dofs", dofs},
                                {"composites", comps}})
              << "\n";
  } else if (f == Format::csv) {
    std::cout << tally_csv_header() << "\n";
    for (const auto& r : rows) write_tally_csv_row(std::cout, r);
    // The whole scan: frames, frames with something checked, frames out of range.
    std::cout << "overall," << total.frames << "," << total.frames - total.frames_unknown << "," << total.frames_out
              << ",,,,,,,,,,," << verdict_text << "\n";
  } else {
    for (const auto& sf : scanned)
      std::cout << sf.path << ": " << sf.kind << ", " << sf.frames << " frames, " << sf.frames_out << " out of range"
                << (sf.verdict == Verdict::unknown ? ", nothing could be checked" : "")
                << (sf.warnings.empty() ? "" : ", " + std::to_string(sf.warnings.size()) + " warning(s)") << "\n";
    std::cout << "\n";
    write_tally_text_header(std::cout);
    for (const auto& r : rows) write_tally_text_row(std::cout, r);
    std::cout << "\noverall: " << verdict_text << " (" << total.frames_out << " of " << total.frames
              << " frames out of range in " << scanned.size() << " file(s)"
              << (total.frames_possibly == 0 ? ""
                                             : ", " + std::to_string(total.frames_possibly) + " possibly out of range")
              << (files_unknown == 0 ? "" : ", " + std::to_string(files_unknown) + " with nothing checked")
              << (files_warned == 0 ? "" : ", " + std::to_string(files_warned) + " with warnings")
              << (failures.empty() ? "" : ", " + std::to_string(failures.size()) + " unreadable") << ")\n";
  }
  OutputFiles out;
  if (!a.svg.empty())
    out.add(a.svg,
            io::body_figure_svg(total.marks(limits), "joints out of range in any frame", tally_notes(total, limits)));
  if (!a.html.empty())
    out.add(a.html, io::html_report(
                        "arthrokin scan",
                        {std::to_string(scanned.size()) + " file(s), " + std::to_string(total.frames) + " frames, " +
                         std::to_string(total.frames_out) + " out of range; verdict " + verdict_text + "."},
                        stream_sections(limits, shown_streams, shown_tallies)));
  out.commit();
  if (!failures.empty() || files_unknown > 0) return exit_bad_input;
  return total.frames_out > 0 ? exit_out_of_range : exit_within;
}

}  // namespace arthrokin::cli
