// `arthrokin assess`: the range reached per DoF over files (a session), its deficit against the norm
// and the side-to-side asymmetry (range.hpp, deficit.hpp; docs/assessment.md).
#include "cli.hpp"
#include "writers.hpp"

#include <array>
#include <cmath>
#include <iostream>

namespace arthrokin::cli {

using json = nlohmann::json;

namespace {

json deg_or_null(double rad) { return rad == rad ? json(rad_to_deg(rad)) : json(nullptr); }
json num_or_null(double x) { return x == x ? json(x) : json(nullptr); }
std::string deg_cell(double rad) { return rad == rad ? fmt("%.4f", rad_to_deg(rad)) : std::string(); }
std::string num_cell(double x, const char* f = "%.2f") { return x == x ? fmt(f, x) : std::string(); }
std::string deg_text(double rad, const char* f = "%8.1f") {
  return rad == rad ? fmt(f, std::round(rad_to_deg(rad) * 10.0) / 10.0 + 0.0) : "       -";  // + 0.0: no "-0.0"
}

/// Where a frame of the session came from: the file and the frame in it.
struct FileSpan {
  std::string path;
  std::uint64_t first = 0;  ///< session index of its first frame
};
std::pair<std::string, std::uint64_t> locate(const std::vector<FileSpan>& files, std::uint64_t frame) {
  for (std::size_t k = files.size(); k-- > 0;)
    if (frame >= files[k].first) return {files[k].path, frame - files[k].first};
  return {std::string(), frame};
}

json end_json(const EndDeficit& e, std::optional<Angle> other) {
  const auto& dirs = axis_directions[static_cast<std::size_t>(axis_of(e.motion.dof))];
  json j{{"direction", std::string(e.motion.sense == Sense::positive ? dirs.positive : dirs.negative)},
         {"reached_deg", deg_or_null(e.reached)},
         {"normal_deg", deg_or_null(e.normal)},
         {"shortfall_deg", deg_or_null(e.shortfall)},
         {"percent", num_or_null(e.percent)},
         {"beyond", e.beyond_normal()},
         {"kind", std::string(to_string(e.kind))},
         {"sentence", describe(e, other)}};
  if (e.kind == NormKind::limit) j["bound"] = bound_json(e.bound);
  if (e.kind == NormKind::age_sex_mean) {
    j["source"] = std::string(e.mean->source);
    j["tag"] = std::string(to_string(e.mean->tag));
    j["group"] = {{"age_min", e.mean->age_min},
                  {"age_max", e.mean->age_max >= 0 ? json(e.mean->age_max) : json(nullptr)},
                  {"sex", std::string(to_string(e.mean->sex))}};
  }
  return j;
}

std::optional<Angle> other_side(const RangeAccumulator& acc, DofId d, Sense s, RangeEnds ends) {
  if (side_of(d) == Side::none) return std::nullopt;
  const double v = reached_end(acc[mirror(d)], s, ends);
  if (v != v) return std::nullopt;
  return radians(v);
}

/// "normal -10° to 140° (38 CFR 4.71a)" (one citation when both ends share it), or "" without a bound.
std::string band_label(const DofLimit& l) {
  // Built with append() rather than operator+ chains, which trip GCC 12's -Wrestrict false positive (PR 105329).
  const bool lo = l.lower.has_value(), hi = l.upper.has_value();
  if (!lo && !hi) return {};
  std::string s = "normal ";
  const bool same = lo && hi && describe(l.lower) == describe(l.upper);
  if (lo) {
    s.append(format_degrees(rad_to_deg(l.lower.radians)));
    if (!same) s.append(" ").append(describe(l.lower));
  }
  s.append(lo && hi ? " to " : lo ? "" : "up to ");
  if (hi) s.append(format_degrees(rad_to_deg(l.upper.radians))).append(" ").append(describe(l.upper));
  if (lo && !hi) s.append(" and beyond");
  return s;
}

io::RangeBarSide bar_side(const DofRange& r, std::string name) {
  io::RangeBarSide b;
  b.name = std::move(name);
  if (!r.known()) return b;
  b.min_deg = rad_to_deg(r.min);
  b.max_deg = rad_to_deg(r.max);
  b.robust_low_deg = rad_to_deg(r.robust_low);
  b.robust_high_deg = rad_to_deg(r.robust_high);
  return b;
}

/// One row per spinal DoF, one per limb DoF with both sides (two rows when the sides' limits differ, e.g. an
/// override on one side); rows where nothing was observed are left out.
std::vector<io::RangeBar> range_bars(const RangeAccumulator& acc, const Limits& limits) {
  std::vector<io::RangeBar> rows;
  const auto row = [&](DofId d, const std::string& title, std::vector<io::RangeBarSide> sides) {
    io::RangeBar b;
    b.title = title;
    const DofLimit& l = limits[d];
    if (limits.active(d)) {
      b.band_label = band_label(l);
      if (l.lower.has_value()) b.lower_deg = rad_to_deg(l.lower.radians);
      if (l.upper.has_value()) b.upper_deg = rad_to_deg(l.upper.radians);
    }
    b.sides = std::move(sides);
    rows.push_back(std::move(b));
  };
  for (DofId d : all_dofs) {
    const Side side = side_of(d);
    if (side == Side::right) continue;  // drawn with its left partner
    if (side == Side::none) {
      if (acc[d].known()) row(d, display_name(d), {bar_side(acc[d], "")});
      continue;
    }
    const DofId r = mirror(d);
    if (!acc[d].known() && !acc[r].known()) continue;
    const std::string title = display_name(d).substr(std::string("left ").size());
    const DofLimit &ll = limits[d], &lr = limits[r];
    const bool same = limits.active(d) == limits.active(r) && band_label(ll) == band_label(lr);
    if (same) {
      row(d, title, {bar_side(acc[d], "left"), bar_side(acc[r], "right")});
    } else {
      row(d, std::string("left ").append(title), {bar_side(acc[d], "left")});
      row(r, std::string("right ").append(title), {bar_side(acc[r], "right")});
    }
  }
  return rows;
}

/// REBA over a session: frames scored, frames unknown (and the first reason), per action level, the worst.
struct RebaSummary {
  std::uint64_t frames = 0, unknown = 0;
  std::array<std::uint64_t, 5> per_level{};
  std::optional<RebaScore> worst, first_unknown;
  std::string worst_file;
  std::uint64_t worst_frame = 0;
  void add(const RebaScore& s, const std::string& file, std::uint64_t frame) {
    ++frames;
    if (!s.known()) {
      ++unknown;
      if (!first_unknown) first_unknown = s;
      return;
    }
    ++per_level[reba_action(s.score)->level];
    if (!worst || s.score > worst->score) {
      worst = s;
      worst_file = file;
      worst_frame = frame;
    }
  }
};

json reba_json(const RebaScore& s) {
  json j{{"side", std::string(to_string(s.side))},
         {"score", s.known() ? json(s.score) : json(nullptr)},
         {"trunk", s.trunk},
         {"neck", s.neck},
         {"legs", s.legs},
         {"upper_arm", s.upper_arm},
         {"lower_arm", s.lower_arm},
         {"wrist", s.wrist},
         {"table_a", s.table_a},
         {"load", s.load},
         {"score_a", s.score_a},
         {"table_b", s.table_b},
         {"coupling", s.coupling},
         {"score_b", s.score_b},
         {"table_c", s.table_c},
         {"activity", s.activity},
         {"missing", s.missing ? json(std::string(to_string(*s.missing))) : json(nullptr)},
         {"untranscribed", s.untranscribed},
         {"sentence", describe(s)}};
  if (s.known()) {
    const auto act = *reba_action(s.score);
    j["action_level"] = act.level;
    j["risk"] = std::string(act.risk);
    j["action"] = std::string(act.action);
  }
  return j;
}

json functional_json(const ActivitySupport& a) {
  json reqs = json::array();
  for (const RequirementSupport& r : a.requirements) {
    const FunctionalRequirement& q = *r.requirement;
    reqs.push_back({{"dof", std::string(to_string(r.dof))},
                    {"sense", q.sense == Sense::positive ? "positive" : "negative"},
                    {"needed_low_deg", q.low_deg},
                    {"needed_high_deg", q.high_deg},
                    {"figure", std::string(to_string(q.figure))},
                    {"reached_deg", num_or_null(r.reached_deg)},
                    {"short_by_deg", num_or_null(r.short_by_deg)},
                    {"support", std::string(to_string(r.support))},
                    {"source", std::string(q.source)},
                    {"tag", std::string(to_string(q.tag))},
                    {"note", std::string(q.note)}});
  }
  return json{{"activity", std::string(a.activity)},
              {"side", std::string(to_string(a.side))},
              {"support", std::string(to_string(a.support))},
              {"requirements", reqs},
              {"sentence", describe(a)}};
}

std::string reba_text(const RebaSummary& r) {
  std::string s = "REBA (Hignett & McAtamney 2000): " + std::to_string(r.frames) + " frame(s), " +
                  std::to_string(r.unknown) + " unknown";
  static constexpr const char* names[] = {"negligible", "low", "medium", "high", "very high"};
  for (std::size_t k = 0; k < 5; ++k) s += "; " + std::string(names[k]) + " " + std::to_string(r.per_level[k]);
  return s;
}

}  // namespace

int run_assess(const Global& g, const AssessArgs& a) {
  const Limits limits = load_limits(g);
  DeficitOptions dopt;
  dopt.ends = a.robust ? RangeEnds::robust : RangeEnds::exact;
  if (a.age) {
    if (*a.age < 0 || *a.age > 120) throw usage_error("--age: expected 0 to 120");
    dopt.age = *a.age;
  }
  if (a.sex == "F" || a.sex == "f" || a.sex == "female")
    dopt.sex = Sex::female;
  else if (a.sex == "M" || a.sex == "m" || a.sex == "male")
    dopt.sex = Sex::male;
  else if (!a.sex.empty() && a.sex != "both")
    throw usage_error("--sex: expected F, M or both, got '" + a.sex + "'");
  if (!a.sex.empty() && !a.age) throw usage_error("--sex needs --age (the age/sex table is by age group)");
  Side involved = Side::none;
  if (a.involved == "left")
    involved = Side::left;
  else if (a.involved == "right")
    involved = Side::right;
  else if (!a.involved.empty())
    throw usage_error("--involved: expected left or right, got '" + a.involved + "'");
  RebaOptions reba_opt;
  if (a.reba) {
    if (a.reba_side == "left")
      reba_opt.side = Side::left;
    else if (a.reba_side != "right")
      throw usage_error("--reba-side: expected left or right, got '" + a.reba_side + "'");
    if (a.reba_legs == "sitting")
      reba_opt.legs = RebaLegs::sitting;
    else if (a.reba_legs == "unilateral")
      reba_opt.legs = RebaLegs::unilateral;
    else if (a.reba_legs != "bilateral")
      throw usage_error("--legs: expected bilateral, sitting or unilateral, got '" + a.reba_legs + "'");
    if (a.coupling == "fair")
      reba_opt.coupling = RebaCoupling::fair;
    else if (a.coupling == "poor")
      reba_opt.coupling = RebaCoupling::poor;
    else if (a.coupling == "unacceptable")
      reba_opt.coupling = RebaCoupling::unacceptable;
    else if (a.coupling != "good")
      throw usage_error("--coupling: expected good, fair, poor or unacceptable, got '" + a.coupling + "'");
    if (!std::isfinite(a.load_kg) || a.load_kg < 0) throw usage_error("--load-kg: expected a finite value >= 0");
    if (!std::isfinite(a.reba_threshold_deg) || a.reba_threshold_deg < 0)
      throw usage_error("--reba-threshold: expected a finite value >= 0");
    reba_opt.load_kg = a.load_kg;
    reba_opt.shock = a.shock;
    reba_opt.shoulder_raised = a.shoulder_raised;
    reba_opt.arm_supported = a.arm_supported;
    reba_opt.wrist_twisted = a.wrist_twisted;
    reba_opt.static_posture = a.static_posture;
    reba_opt.repeated = a.repeated;
    reba_opt.rapid_changes = a.rapid_changes;
    const Angle th = degrees(a.reba_threshold_deg);
    reba_opt.trunk_upright_tolerance = reba_opt.twist_threshold = reba_opt.side_bend_threshold = th;
    reba_opt.arm_abduction_threshold = reba_opt.wrist_deviation_threshold = th;
  }
  RebaSummary reba_sum;
  RangeOptions ropt;
  ropt.robust_low_percent = a.percent_low;
  ropt.robust_high_percent = a.percent_high;
  ropt.bin_width = degrees(a.bin_deg);
  std::optional<RangeAccumulator> made;
  try {
    made.emplace(ropt);
  } catch (const std::exception& e) {
    throw usage_error(std::string("--percentiles / --bin: ") + e.what());
  }
  RangeAccumulator& acc = *made;

  const auto files = expand_inputs(a.inputs);
  std::vector<FileSpan> spans;
  std::vector<std::string> failures;
  std::vector<double> rows;
  for (const auto& path : files) {
    Stream s;
    try {
      s = load_stream(path, a.in);
      const std::size_t n = s.poses.size();
      rows.resize(n * dof_count);
      for (std::size_t i = 0; i < n; ++i) Eigen::Map<PoseVector>(rows.data() + i * dof_count) = s.poses[i].as_radians();
      const std::uint64_t first = acc.frames();
      acc.add_batch(rows, first, s.t_s);
      spans.push_back({s.path, first});
      if (a.reba)
        for (std::size_t i = 0; i < n; ++i) reba_sum.add(reba(s.poses[i], reba_opt), s.path, i);
    } catch (const std::exception& e) {
      std::cerr << "arthrokin: error: " << shown(path.string()) << ": " << e.what() << "\n";
      failures.push_back(path.string());
    }
  }
  bool any = false;
  for (DofId d : all_dofs) any = any || acc[d].known();
  if (!any && failures.empty())
    std::cerr << "arthrokin: nothing observed in " << acc.frames() << " frame(s): no range to assess\n";

  struct Row {
    DofRange r;
    DofDeficit def;
    std::optional<Asymmetry> neg, pos;
  };
  std::vector<Row> out;
  for (DofId d : all_dofs) {
    Row row{acc[d], {}, {}, {}};
    row.def = deficit(row.r, limits, dopt);
    if (involved != Side::none && side_of(d) == involved) {
      row.neg = asymmetry(row.r, acc[mirror(d)], Sense::negative, dopt.ends);
      row.pos = asymmetry(row.r, acc[mirror(d)], Sense::positive, dopt.ends);
    }
    out.push_back(row);
  }
  std::vector<ActivitySupport> functional;
  if (a.functional)
    for (Side side : {Side::left, Side::right})
      for (auto& x : functional_support(acc, side, functional_requirements(), dopt.ends))
        functional.push_back(std::move(x));
  std::vector<MotionGrade> grades;
  if (a.grades)
    for (Side side : {Side::left, Side::right}) {
      const KneeMotionGrades k = knee_motion_ratings(acc, side, dopt.ends);
      grades.push_back(k.flexion);
      grades.push_back(k.extension);
    }
  const double half_bin = to_degrees(acc.robust_error_bound());
  const Format f = g.fmt();
  if (f == Format::json) {
    json dofs = json::array();
    for (const auto& row : out) {
      const DofRange& r = row.r;
      const auto [minf, minfr] = locate(spans, r.min_frame);
      const auto [maxf, maxfr] = locate(spans, r.max_frame);
      json j{{"dof", std::string(to_string(r.dof))},
             {"frames", r.frames},
             {"observed", r.observed},
             {"observed_fraction", num_or_null(r.observed_fraction())},
             {"min_deg", deg_or_null(r.min)},
             {"max_deg", deg_or_null(r.max)},
             {"arc_deg", deg_or_null(r.arc())},
             {"robust_low_deg", deg_or_null(r.robust_low)},
             {"robust_high_deg", deg_or_null(r.robust_high)},
             {"robust_arc_deg", deg_or_null(r.robust_arc())}};
      if (r.known()) {
        j["min_at"] = {{"file", minf}, {"frame", minfr}, {"time_s", num_or_null(r.min_time_s)}};
        j["max_at"] = {{"file", maxf}, {"frame", maxfr}, {"time_s", num_or_null(r.max_time_s)}};
      }
      j["deficit"] = {{"negative", end_json(row.def.negative, other_side(acc, r.dof, Sense::negative, dopt.ends))},
                      {"positive", end_json(row.def.positive, other_side(acc, r.dof, Sense::positive, dopt.ends))}};
      if (row.pos) {
        const auto asym = [](const Asymmetry& s) {
          return json{{"difference_deg", deg_or_null(s.difference)},
                      {"lsi", num_or_null(s.lsi)},
                      {"arc_lsi", num_or_null(s.arc_lsi)},
                      {"sentence", describe(s)}};
        };
        j["asymmetry"] = {
            {"involved", std::string(to_string(involved))}, {"negative", asym(*row.neg)}, {"positive", asym(*row.pos)}};
      }
      dofs.push_back(j);
    }
    json fl = json::array(), failed = json::array();
    for (const auto& s : spans) fl.push_back(s.path);
    for (const auto& s : failures) failed.push_back(s);
    json doc{{"files", fl},
             {"failed", failed},
             {"frames", acc.frames()},
             {"ends", a.robust ? "robust" : "exact"},
             {"robust_percentiles", {a.percent_low, a.percent_high}},
             {"robust_error_bound_deg", half_bin},
             {"age", a.age ? json(*a.age) : json(nullptr)},
             {"sex", a.sex.empty() ? json(nullptr) : json(std::string(to_string(dopt.sex)))},
             {"involved", involved == Side::none ? json(nullptr) : json(std::string(to_string(involved)))},
             {"dofs", dofs}};
    if (a.functional) {
      json fj = json::array();
      for (const auto& x : functional) fj.push_back(functional_json(x));
      doc["functional"] = fj;
    }
    if (a.grades) {
      json gj = json::array();
      for (const auto& x : grades)
        gj.push_back({{"dof", std::string(to_string(x.dof))},
                      {"diagnostic_code", x.diagnostic_code},
                      {"reached_deg", num_or_null(x.reached_deg)},
                      {"percent", x.known() && x.percent >= 0 ? json(x.percent) : json(nullptr)},
                      {"row_limit_deg", num_or_null(x.row_limit_deg)},
                      {"known", x.known()},
                      {"source", "VA"},
                      {"sentence", describe(x)}});
      doc["grades"] = gj;
    }
    if (a.reba) {
      json levels = json::object();
      static constexpr const char* names[] = {"negligible", "low", "medium", "high", "very_high"};
      for (std::size_t k = 0; k < 5; ++k) levels[names[k]] = reba_sum.per_level[k];
      doc["reba"] = {{"source", "Hignett00"},
                     {"frames", reba_sum.frames},
                     {"unknown", reba_sum.unknown},
                     {"per_level", levels},
                     {"worst", reba_sum.worst ? reba_json(*reba_sum.worst) : json(nullptr)},
                     {"worst_at", reba_sum.worst ? json{{"file", reba_sum.worst_file}, {"frame", reba_sum.worst_frame}}
                                                 : json(nullptr)},
                     {"first_unknown", reba_sum.first_unknown ? reba_json(*reba_sum.first_unknown) : json(nullptr)}};
    }
    std::cout << json_text(doc) << "\n";
  } else if (f == Format::csv) {
    std::cout << "dof,frames,observed,observed_fraction,min_deg,max_deg,arc_deg,robust_low_deg,robust_high_deg,"
                 "min_frame,max_frame,negative_normal_deg,negative_shortfall_deg,negative_percent,negative_kind,"
                 "positive_normal_deg,positive_shortfall_deg,positive_percent,positive_kind,"
                 "negative_difference_deg,negative_lsi,positive_difference_deg,positive_lsi,arc_lsi\n";
    for (const auto& row : out) {
      const DofRange& r = row.r;
      std::cout << to_string(r.dof) << "," << r.frames << "," << r.observed << ","
                << num_cell(r.observed_fraction(), "%.4f") << "," << deg_cell(r.min) << "," << deg_cell(r.max) << ","
                << deg_cell(r.arc()) << "," << deg_cell(r.robust_low) << "," << deg_cell(r.robust_high) << ","
                << (r.known() ? std::to_string(r.min_frame) : "") << ","
                << (r.known() ? std::to_string(r.max_frame) : "");
      for (const EndDeficit* e : {&row.def.negative, &row.def.positive})
        std::cout << "," << deg_cell(e->normal) << "," << deg_cell(e->shortfall) << "," << num_cell(e->percent) << ","
                  << to_string(e->kind);
      if (row.pos)
        std::cout << "," << deg_cell(row.neg->difference) << "," << num_cell(row.neg->lsi) << ","
                  << deg_cell(row.pos->difference) << "," << num_cell(row.pos->lsi) << ","
                  << num_cell(row.pos->arc_lsi);
      else
        std::cout << ",,,,,";
      std::cout << "\n";
    }
  } else {
    for (const auto& s : spans) std::cout << s.path << "\n";
    std::cout << acc.frames() << " frames in " << spans.size() << " file(s); robust ends: percentiles "
              << fmt("%g", a.percent_low) << " and " << fmt("%g", a.percent_high) << " (within " << fmt("%g", half_bin)
              << "\xC2\xB0); deficits from the " << (a.robust ? "robust" : "exact") << " ends\n\n";
    std::cout << padded("%-46s", "DoF") << padded("%9s", "observed") << padded("%8s", "min") << padded("%8s", "max")
              << padded("%8s", "arc") << padded("%8s", "p_low") << padded("%8s", "p_high") << "\n";
    for (const auto& row : out) {
      const DofRange& r = row.r;
      if (!r.known()) continue;
      std::cout << padded("%-46s", std::string(to_string(r.dof))) << fmt("%8.1f%%", 100.0 * r.observed_fraction())
                << deg_text(r.min) << deg_text(r.max) << deg_text(r.arc()) << deg_text(r.robust_low)
                << deg_text(r.robust_high) << "\n";
    }
    std::size_t unobserved = 0;
    for (const auto& row : out) unobserved += row.r.known() ? 0 : 1;
    if (unobserved > 0) std::cout << "(" << unobserved << " DoFs never observed: no range, not zero)\n";
    std::cout << "\nagainst the norm:\n";
    for (const auto& row : out) {
      if (!row.r.known()) continue;
      for (Sense s : {Sense::negative, Sense::positive}) {
        const EndDeficit& e = row.def[s];
        if (e.kind == NormKind::none) continue;
        std::cout << "  " << describe(e, other_side(acc, row.r.dof, s, dopt.ends)) << "\n";
      }
    }
    if (involved != Side::none) {
      std::cout << "\nasymmetry (" << to_string(involved) << " involved; LSI = involved / uninvolved x 100):\n";
      for (const auto& row : out)
        if (row.pos && row.r.known() && acc[mirror(row.r.dof)].known())
          for (const Asymmetry* s : {&*row.neg, &*row.pos}) std::cout << "  " << describe(*s) << "\n";
    }
    if (a.functional) {
      std::cout << "\nfunctional range (published angles daily activities need; docs/assessment.md):\n";
      for (const auto& x : functional) std::cout << "  " << describe(x) << "\n";
    }
    if (a.grades) {
      std::cout << "\nknee limitation of motion (38 CFR 4.71a, range-of-motion rows only; docs/assessment.md):\n";
      for (const auto& x : grades) std::cout << "  " << describe(x) << "\n";
    }
    if (a.reba) {
      std::cout << "\n" << reba_text(reba_sum) << "\n";
      if (reba_sum.worst)
        std::cout << "  worst: " << describe(*reba_sum.worst) << " at " << reba_sum.worst_file << " frame "
                  << reba_sum.worst_frame << "\n";
      if (reba_sum.first_unknown) std::cout << "  first unknown: " << describe(*reba_sum.first_unknown) << "\n";
    }
  }
  if (!a.html.empty()) {
    io::HtmlSection bars{"Range reached against the normal band", {}, io::range_bars_svg(range_bars(acc, limits)), {}};
    std::string key =
        "Bars: the range reached from minimum to maximum (blue), the robust ends (dark ticks: percentiles ";
    key.append(fmt("%g", a.percent_low)).append(" and ").append(fmt("%g", a.percent_high));
    key.append("), the normal band of the limits (green, dashed).");
    bars.lines.push_back(key);
    for (const auto& row : out) {
      if (!row.r.known()) continue;
      for (Sense sn : {Sense::negative, Sense::positive})
        if (row.def[sn].kind != NormKind::none)
          bars.lines.push_back(describe(row.def[sn], other_side(acc, row.r.dof, sn, dopt.ends)));
    }
    std::vector<io::HtmlSection> sections{bars};
    if (involved != Side::none) {
      io::HtmlSection as;
      as.heading.append("Asymmetry (")
          .append(to_string(involved))
          .append(" involved; LSI = involved / uninvolved x 100)");
      for (const auto& row : out)
        if (row.pos && row.r.known() && acc[mirror(row.r.dof)].known())
          for (const Asymmetry* x : {&*row.neg, &*row.pos}) as.lines.push_back(describe(*x));
      sections.push_back(as);
    }
    if (a.functional) {
      io::HtmlSection fs;
      fs.heading = "Functional range: daily activities the range reached supports";
      for (const auto& x : functional) fs.lines.push_back(describe(x));
      sections.push_back(fs);
    }
    if (a.grades) {
      io::HtmlSection gs;
      gs.heading = "Knee limitation of motion (38 CFR 4.71a, range-of-motion rows only)";
      for (const auto& x : grades) gs.lines.push_back(describe(x));
      sections.push_back(gs);
    }
    if (a.reba) {
      io::HtmlSection rs;
      rs.heading = "REBA (Hignett & McAtamney 2000)";
      rs.lines.push_back(reba_text(reba_sum));
      if (reba_sum.worst) rs.lines.push_back("worst: " + describe(*reba_sum.worst));
      if (reba_sum.first_unknown) rs.lines.push_back("first unknown: " + describe(*reba_sum.first_unknown));
      sections.push_back(rs);
    }
    OutputFiles files_out;
    std::string intro = std::to_string(spans.size());
    intro.append(" file(s), ").append(std::to_string(acc.frames()));
    intro.append(" frames: the range reached per DoF and what is missing against the norm.");
    files_out.add(a.html, io::html_report("arthrokin assess", {intro}, sections, {}));
    files_out.commit();
  }
  if (!failures.empty() || !any) return exit_bad_input;
  return exit_within;
}

}  // namespace arthrokin::cli
