// `arthrokin gait`: a walking recording split into gait cycles and compared with the normative curves of
// typically developing children (gait.hpp, io/bvh_gait.hpp; docs/gait.md).
#include "cli.hpp"
#include "writers.hpp"

#include <arthrokin/io/bvh_gait.hpp>

#include <cmath>
#include <iostream>
#include <sstream>

namespace arthrokin::cli {

using json = nlohmann::json;

namespace {

json deg_or_null(double rad) { return rad == rad ? json(rad_to_deg(rad)) : json(nullptr); }
std::string deg_cell(double rad) { return rad == rad ? fmt("%.4f", rad_to_deg(rad)) : std::string(); }

std::vector<std::size_t> parse_contacts(const std::string& text, const char* option) {
  std::vector<std::size_t> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    try {
      out.push_back(parse_frame(item));
    } catch (const usage_error&) {
      throw usage_error(std::string(option) + ": '" + shown(item) + "' is not a frame number (0, 1, 2, ...)");
    }
  }
  return out;
}

std::string percent_list(const std::bitset<gait_points>& b) {
  std::string s;
  for (std::size_t k = 0; k < gait_points; ++k)
    if (b.test(k)) {
      if (!s.empty()) s.push_back(' ');
      s.append(std::to_string(2 * k));  // append(), not operator+: GCC 12's -Wrestrict false positive (PR 105329)
    }
  return s;
}

}  // namespace

int run_gait(const Global& g, const GaitArgs& a) {
  GaitOptions opt;
  const auto speed = parse_gait_speed(a.speed);
  if (!speed) throw usage_error("--speed: expected VerySlow, Slow, Free, Fast or VeryFast, got '" + a.speed + "'");
  opt.speed = *speed;
  opt.stance_end_percent = a.stance_end_percent;
  opt.knee_sd_multiple = a.knee_sd_multiple;
  if (a.contacts != "auto" && a.contacts != "feet" && a.contacts != "knee" && a.contacts != "given")
    throw usage_error("--contacts: expected auto, feet, knee or given, got '" + a.contacts + "'");
  const bool given = !a.left_contacts.empty() || !a.right_contacts.empty();
  if (given && a.contacts != "auto" && a.contacts != "given")
    throw usage_error("--left-contacts / --right-contacts give the contacts: --contacts must be auto or given");
  if (a.contacts == "given" && !given) throw usage_error("--contacts given needs --left-contacts or --right-contacts");

  const Stream s = load_stream(a.input, a.in);
  if (s.poses.size() < 2) throw usage_error(shown(s.path) + ": a gait needs at least 2 frames");
  const double span = s.t_s.size() >= 2 ? s.t_s.back() - s.t_s.front() : 0.0;
  if (!(std::isfinite(span) && span > 0))
    throw usage_error(shown(s.path) + ": the input gives no frame times, so no frame rate (use a timed format)");
  const double rate = static_cast<double>(s.poses.size() - 1) / span;

  // What a BVH adds: the laboratory angles, and contacts from the ankle heights.
  const bool bvh = s.kind.rfind("BVH", 0) == 0;
  std::optional<io::BvhGait> from_bvh;
  if (bvh) {
    const io::BvhFile file = io::read_bvh(s.path);
    from_bvh = io::bvh_gait(file, io::bind_bvh(file));
  }
  if (a.contacts == "feet" && !bvh) throw usage_error("--contacts feet: only a BVH input gives foot positions");
  std::span<const GaitLabFrame> lab;
  if (from_bvh && from_bvh->direction_known) lab = from_bvh->lab;

  GaitReport rep;
  std::string contact_source;
  if (given) {
    GaitContacts c;
    c.left = parse_contacts(a.left_contacts, "--left-contacts");
    c.right = parse_contacts(a.right_contacts, "--right-contacts");
    try {
      rep = analyse_gait(s.poses, rate, c, opt, lab);
    } catch (const invalid_argument& e) {
      throw usage_error(e.what());
    }
    contact_source = "given";
  } else if (from_bvh && a.contacts != "knee") {
    rep = analyse_gait(s.poses, rate, from_bvh->contacts, opt, lab);
    contact_source = "ankle heights";
  } else {
    try {
      rep = analyse_gait(s.poses, rate, opt, lab);
    } catch (const invalid_argument& e) {
      throw usage_error(e.what());
    }
    contact_source = "knee kinematics";
  }
  bool crouch = false;
  for (const auto& c : rep.cycles) crouch = crouch || c.knee.never_extends;
  const std::string population = "typically developing children (" + std::string(gait_norms_source()) +
                                 "), speed class " + std::string(to_string(opt.speed));

  if (g.fmt() == Format::json) {
    json cycles = json::array();
    for (const auto& c : rep.cycles) {
      json vars = json::array();
      for (const auto& v : c.variables) {
        json curve = json::array();
        for (double x : v.curve) curve.push_back(deg_or_null(x));
        json outside = json::array();
        for (std::size_t k = 0; k < gait_points; ++k)
          if (v.outside.test(k)) outside.push_back(2 * k);
        vars.push_back({{"variable", std::string(to_string(v.variable))},
                        {"name", std::string(display_name(v.variable))},
                        {"known", v.known},
                        {"gvs_deg", deg_or_null(v.gvs)},
                        {"in_gps", v.in_gps},
                        {"outside_band_percent", outside},
                        {"curve_deg", curve}});
      }
      const auto& k = c.knee;
      cycles.push_back({{"side", std::string(to_string(c.side))},
                        {"first_frame", c.first_frame},
                        {"last_frame", c.last_frame},
                        {"duration_s", static_cast<double>(c.last_frame - c.first_frame) / rate},
                        {"gps_deg", deg_or_null(c.gps)},
                        {"gps_variables", c.gps_variable_count},
                        {"variables", vars},
                        {"knee_in_stance",
                         {{"known", k.known},
                          {"never_extends", k.never_extends},
                          {"least_flexion_deg", deg_or_null(k.least_flexion)},
                          {"least_flexion_percent", k.known ? json(k.least_flexion_percent) : json(nullptr)},
                          {"norm_least_flexion_deg", deg_or_null(k.norm_least_flexion)},
                          {"norm_sd_deg", deg_or_null(k.norm_sd)},
                          {"threshold_deg", deg_or_null(k.threshold)},
                          {"stance_end_percent", k.stance_end_percent},
                          {"sentence", describe(k, c.side, opt)}}},
                        {"sentence", describe(c, opt)}});
    }
    const json out{
        {"file", s.path},
        {"input", s.kind},
        {"frame_rate_hz", rate},
        {"norms",
         {{"source", std::string(gait_norms_source())},
          {"population", "typically developing children"},
          {"speed", std::string(to_string(opt.speed))},
          {"band", "mean +- 1 SD"}}},
        {"contacts", {{"source", contact_source}, {"left", rep.contacts.left}, {"right", rep.contacts.right}}},
        {"laboratory_angles", !lab.empty()},
        {"skipped_cycles", rep.skipped_cycles},
        {"cycles", cycles}};
    std::cout << json_text(out) << "\n";
  } else if (g.fmt() == Format::csv) {
    std::cout << "file,side,first_frame,last_frame,variable,known,gvs_deg,in_gps,outside_band_percent,cycle_gps_deg,"
                 "gps_variables,knee_never_extends_in_stance\n";
    for (const auto& c : rep.cycles)
      for (const auto& v : c.variables)
        std::cout << csv_cell(s.path) << "," << to_string(c.side) << "," << c.first_frame << "," << c.last_frame << ","
                  << to_string(v.variable) << "," << (v.known ? "true" : "false") << "," << deg_cell(v.gvs) << ","
                  << (v.in_gps ? "true" : "false") << "," << percent_list(v.outside) << "," << deg_cell(c.gps) << ","
                  << c.gps_variable_count << "," << (c.knee.never_extends ? "true" : "false") << "\n";
  } else {
    std::cout << s.path << " (" << s.kind << ", " << fmt("%.1f", rate) << " frames/s): " << rep.cycles.size()
              << " gait cycle(s), contacts from " << contact_source;
    if (rep.skipped_cycles) std::cout << ", " << rep.skipped_cycles << " skipped (too short or too long)";
    std::cout << "\nnormal band: " << population
              << ", mean +- 1 SD. These are children's norms: an adult differs from them without being abnormal.\n";
    if (lab.empty())
      std::cout << "pelvis and foot progression: not known (the input gives no orientation relative to the "
                   "laboratory)\n";
    for (const auto& c : rep.cycles) std::cout << describe(c, opt) << "\n";
  }
  if (!a.html.empty()) {
    std::vector<std::string> intro;
    intro.push_back(s.path + " (" + s.kind + ", " + fmt("%.1f", rate) + " frames/s): " +
                    std::to_string(rep.cycles.size()) + " gait cycle(s), contacts from " + contact_source + ".");
    intro.push_back("Normal band: " + population +
                    ", mean +- 1 SD. These are children's norms: an adult differs from them without being abnormal. "
                    "The angles are mapped onto the Conventional Gait Model's (docs/gait.md).");
    if (lab.empty())
      intro.push_back(
          "Pelvis and foot progression: not known (the input gives no orientation relative to the "
          "laboratory).");
    OutputFiles files_out;
    files_out.add(a.html, io::html_report("arthrokin gait", intro, io::gait_sections(rep),
                                          "Plots: per variable and side, the curve of every gait cycle (blue) over "
                                          "0-100 % of the cycle, the normal band (green, dashed ends; dotted: the "
                                          "normal mean), points outside the band (red dots). Gaps in a line are "
                                          "points where the angle is unknown."));
    files_out.commit();
  }
  if (rep.cycles.empty()) {
    std::cerr << "arthrokin: no gait cycle in " << shown(s.path) << " (contacts: " << contact_source << ")\n";
    return exit_bad_input;
  }
  return crouch ? exit_out_of_range : exit_within;
}

}  // namespace arthrokin::cli
