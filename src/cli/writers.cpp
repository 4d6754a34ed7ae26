// The shared output writers of the `arthrokin` tool (writers.hpp).
#include "writers.hpp"

#include <arthrokin/io/report_writers.hpp>
#include <report_json.hpp>

#include <cstdio>
#include <filesystem>
#include <ostream>

namespace arthrokin::cli {

using nlohmann::json;

std::string padded(const char* f, std::string_view v) {
  char b[256];
  std::snprintf(b, sizeof b, f, std::string(v).c_str());
  return b;
}

std::string csv_cell(std::string_view s) {
  if (s.find_first_of(",\"\n") == std::string_view::npos) return std::string(s);
  std::string q = "\"";
  for (char c : s) (c == '"' ? q += "\"\"" : q += c);
  return q + "\"";
}

json out_of_range_json(const Report& r) {
  json out = json::array();
  for (const auto& c : r.dofs)
    if (c.out_of_range()) out.push_back(describe(r, c.dof));
  for (std::size_t k = 0; k < r.composite_count; ++k)
    if (r.composites[k].out_of_range()) out.push_back(describe(r, r.composites[k]));
  return out;
}

void write_out_of_range_text(std::ostream& os, const Report& r) {
  for (const auto& c : r.dofs)
    if (c.out_of_range()) os << "  " << describe(r, c.dof) << "\n";
  for (std::size_t k = 0; k < r.composite_count; ++k)
    if (r.composites[k].out_of_range()) os << "  " << describe(r, r.composites[k]) << "\n";
}

json bound_json(const Bound& b) { return io::bound_to_json_value(b); }

std::string bound_csv(const Bound& b) { return b.has_value() ? fmt("%g", rad_to_deg(b.radians)) : std::string(); }

namespace {

double unknown_pct(const DofTally& d) {
  return d.frames == 0 ? 100.0 : 100.0 * static_cast<double>(d.frames - d.observed - d.not_checked) / d.frames;
}

json worst_json(const DofTally& d) {
  json w = json::array();
  for (const auto& x : d.worst)
    w.push_back({{"file", x.file},
                 {"frame", x.frame},
                 {"time_s", x.t_s},
                 {"value_deg", x.value_deg},
                 {"excess_deg", x.excess_deg}});
  return w;
}

std::string worst_text(const DofTally& d) {
  std::string s;
  for (const auto& x : d.worst) {
    if (!s.empty()) s += "; ";
    s += std::filesystem::path(x.file).filename().string() + "#" + std::to_string(x.frame) + " " +
         format_degrees(x.value_deg) + " (+" + format_degrees(x.excess_deg) + ")";
  }
  return s;
}

std::string composite_id(const CompositeLimit& c) {
  std::string n = "composite:";
  if (c.side != Side::none) n.append(to_string(c.side)).append("_");
  return n.append(c.name);
}

}  // namespace

std::vector<TallyRow> tally_rows(const Limits& limits, const Tally& t, const RangeAccumulator* ranges) {
  std::vector<TallyRow> rows;
  for (DofId d : all_dofs) {
    const auto& l = limits[d];
    rows.push_back({std::string(to_string(d)), &t.dofs[index(d)], limits.active(d),
                    l.lower.has_value() || l.upper.has_value(), &l,
                    ranges ? std::optional<DofRange>(ranges->range(d)) : std::nullopt});
  }
  for (std::size_t k = 0; k < limits.composite_count(); ++k)
    rows.push_back({composite_id(limits.composite(k)), &t.composites[k], limits.composite_active(k), true, nullptr});
  return rows;
}

std::string row_verdict(const TallyRow& r) {
  if (r.t->below + r.t->above > 0) return "out_of_range";
  if (r.t->possibly > 0) return "possibly_out_of_range";
  if (!r.checked) return "not_checked";
  if (!r.has_limit) return "no_limit";
  return r.t->observed == 0 ? "unknown" : "within_range";
}

json tally_row_json(const TallyRow& r) {
  const DofTally& t = *r.t;
  if (r.limit == nullptr)
    return {{"composite", r.id},
            {"frames", t.frames},
            {"observed", t.observed},
            {"out_of_range", t.below + t.above},
            {"unknown_pct", unknown_pct(t)},
            {"verdict", row_verdict(r)},
            {"worst", worst_json(t)}};
  const auto& l = *r.limit;
  return {{"dof", r.id},
          {"frames", t.frames},
          {"observed", t.observed},
          {"out_of_range", t.below + t.above},
          {"possibly_out_of_range", t.possibly},
          {"below", t.below},
          {"above", t.above},
          {"unknown_pct", unknown_pct(t)},
          {"checked", r.checked},
          {"lower_deg", l.lower.has_value() ? json(rad_to_deg(l.lower.radians)) : json(nullptr)},
          {"upper_deg", l.upper.has_value() ? json(rad_to_deg(l.upper.radians)) : json(nullptr)},
          {"min_deg", r.range && r.range->known() ? json(rad_to_deg(r.range->min)) : json(nullptr)},
          {"max_deg", r.range && r.range->known() ? json(rad_to_deg(r.range->max)) : json(nullptr)},
          {"verdict", row_verdict(r)},
          {"worst", worst_json(t)}};
}

std::string tally_csv_header() {
  return "dof,frames,observed,out_of_range,below,above,unknown_pct,min_deg,max_deg,worst_file,worst_frame,"
         "worst_time_s,worst_value_deg,worst_excess_deg,verdict";
}

void write_tally_csv_row(std::ostream& os, const TallyRow& r) {
  const DofTally& t = *r.t;
  os << r.id << "," << t.frames << "," << t.observed << "," << t.below + t.above << "," << t.below << "," << t.above
     << "," << fmt("%.2f", unknown_pct(t));
  const bool known = r.range && r.range->known();
  os << "," << (known ? fmt("%.4f", rad_to_deg(r.range->min)) : "") << ","
     << (known ? fmt("%.4f", rad_to_deg(r.range->max)) : "");
  if (t.worst.empty())
    os << ",,,,,";
  else
    os << "," << csv_cell(t.worst[0].file) << "," << t.worst[0].frame << "," << fmt("%.6f", t.worst[0].t_s) << ","
       << fmt("%.4f", t.worst[0].value_deg) << "," << fmt("%.4f", t.worst[0].excess_deg);
  os << "," << row_verdict(r) << "\n";
}

void write_tally_text_header(std::ostream& os) {
  os << padded("%-46s", "DoF") << padded("%8s", "frames") << padded("%8s", "out") << padded("%8s", "below")
     << padded("%8s", "above") << padded("%10s", "unknown") << padded("%8s", "min") << padded("%8s", "max")
     << "  worst frames (file#frame value (+excess))\n";
}

void write_tally_text_row(std::ostream& os, const TallyRow& r) {
  const DofTally& t = *r.t;
  os << padded("%-46s", r.id) << fmt("%8.0f", static_cast<double>(t.frames))
     << fmt("%8.0f", static_cast<double>(t.below + t.above)) << fmt("%8.0f", static_cast<double>(t.below))
     << fmt("%8.0f", static_cast<double>(t.above)) << fmt("%9.1f%%", unknown_pct(t));
  if (r.range && r.range->known())
    os << fmt("%8.1f", rad_to_deg(r.range->min)) << fmt("%8.1f", rad_to_deg(r.range->max));
  else
    os << padded("%8s", "-") << padded("%8s", "-");
  os << "  " << (r.checked ? worst_text(t) : std::string("not checked")) << "\n";
}

json mover_json(const Mover& mv) {
  return {{"muscle", std::string(to_string(mv.muscle.id))},
          {"side", std::string(to_string(mv.muscle.side))},
          {"role", std::string(to_string(mv.action->role))},
          {"action", std::string(mv.action->action_name)},
          {"source", std::string(mv.action->source)},
          {"tag", std::string(to_string(mv.action->provenance))},
          {"unverified", mv.unverified()},
          {"notes", std::string(mv.action->notes)}};
}

std::string mover_csv_header() { return "muscle,side,role,action,source,tag,unverified,notes"; }

void write_mover_csv_row(std::ostream& os, const Mover& mv) {
  os << to_string(mv.muscle.id) << "," << to_string(mv.muscle.side) << "," << to_string(mv.action->role) << ","
     << csv_cell(mv.action->action_name) << "," << mv.action->source << "," << to_string(mv.action->provenance) << ","
     << (mv.unverified() ? "true" : "false") << "," << csv_cell(mv.action->notes) << "\n";
}

void write_mover_text_row(std::ostream& os, const Mover& mv) {
  os << "  " << padded("%-6s", to_string(mv.muscle.side)) << padded("%-30s", to_string(mv.muscle.id))
     << padded("%-11s", to_string(mv.action->role)) << "(" << short_citation(mv.action->source) << ")"
     << tag_note(mv.action->provenance) << "\n";
}

json muscle_length_json(const MuscleLoad& l) {
  return {{"muscle", std::string(to_string(l.muscle.id))},
          {"side", std::string(to_string(l.muscle.side))},
          {"score_rad", l.score_rad},
          {"unverified", l.unverified},
          {"secondary", l.secondary},
          {"claim", l.claim},
          {"uncertain", l.uncertain},
          {"partial", l.partial}};
}

std::string muscle_length_csv_header() { return "muscle,side,score_rad,unverified,secondary,claim,uncertain,partial"; }

void write_muscle_length_csv_row(std::ostream& os, const MuscleLoad& l) {
  os << to_string(l.muscle.id) << "," << to_string(l.muscle.side) << "," << fmt("%.6f", l.score_rad) << ","
     << l.unverified << "," << l.secondary << "," << l.claim << "," << l.uncertain << "," << l.partial << "\n";
}

void write_muscle_length_text_row(std::ostream& os, const MuscleLoad& l) {
  os << "  " << padded("%-6s", to_string(l.muscle.side)) << padded("%-30s", to_string(l.muscle.id))
     << fmt("%7.3f", l.score_rad) << (l.unverified ? "  [unverified row]" : "")
     << (l.secondary ? "  [secondary source]" : "") << (l.uncertain ? "  [uncertain: pose-dependent action]" : "")
     << (l.partial ? "  [partial: a DoF is unknown]" : "") << "\n";
}

json band_side_json(const BandSideStats& st) {
  return {{"in_s", st.in_s},
          {"out_s", st.out_s},
          {"unknown_s", st.unknown_s},
          {"frames", st.frames},
          {"max_deg", st.max_deg ? json(*st.max_deg) : json(nullptr)},
          {"min_deg", st.min_deg ? json(*st.min_deg) : json(nullptr)},
          {"visits_below_target", st.visits_below_target}};
}

namespace {
const char* excursion_name(Excursion e) { return e == Excursion::above ? "above" : "below"; }
}  // namespace

json interval_json(const Exercise& ex, const OutOfBandInterval& iv) {
  return {{"band", ex.bands[iv.band].id},
          {"side", std::string(to_string(iv.side))},
          {"excursion", excursion_name(iv.excursion)},
          {"start_s", iv.start_s},
          {"end_s", iv.end_s},
          {"extreme_deg", iv.extreme_deg}};
}

std::string interval_csv_header() { return "band,side,excursion,start_s,end_s,extreme_deg"; }

void write_interval_csv_row(std::ostream& os, const Exercise& ex, const OutOfBandInterval& iv) {
  os << ex.bands[iv.band].id << "," << to_string(iv.side) << "," << excursion_name(iv.excursion) << ","
     << fmt("%.6f", iv.start_s) << "," << fmt("%.6f", iv.end_s) << "," << fmt("%.4f", iv.extreme_deg) << "\n";
}

std::string interval_text(const Exercise& ex, const OutOfBandInterval& iv) {
  return "  " + ex.bands[iv.band].label + " " + std::string(to_string(iv.side)) + " " + fmt("%.2f", iv.start_s) +
         " - " + fmt("%.2f", iv.end_s) + " s (" + excursion_name(iv.excursion) + ", extreme " +
         fmt("%.1f", iv.extreme_deg) + " deg)";
}

}  // namespace arthrokin::cli
