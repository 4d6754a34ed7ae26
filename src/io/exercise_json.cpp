// Exercise definitions to and from JSON. Every error names the field path.
#include "format_util.hpp"

#include <arthrokin/io/exercise_json.hpp>

#include <nlohmann/json.hpp>

#include <cmath>

namespace arthrokin::io {
namespace {

using json = nlohmann::json;           // reading: keys looked up, order irrelevant
using ojson = nlohmann::ordered_json;  // writing: the reference file's key order
using detail::excerpt;

[[noreturn]] void fail(const std::string& path, const std::string& what) { throw parse_error(path + ": " + what); }

const json& field(const json& obj, const std::string& path, const char* key) {
  const auto it = obj.find(key);
  if (it == obj.end()) fail(path + "." + key, "missing");
  return *it;
}

std::string get_string(const json& obj, const std::string& path, const char* key, bool required = true) {
  const auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) fail(path + "." + key, "missing");
    return {};
  }
  if (!it->is_string()) fail(path + "." + key, "expected a string");
  return it->get<std::string>();
}

double as_number(const json& v, const std::string& path) {
  if (!v.is_number()) fail(path, "expected a number");
  const double d = v.get<double>();
  if (!std::isfinite(d)) fail(path, "expected a finite number");
  return d;
}

std::optional<double> get_optional_number(const json& obj, const std::string& path, const char* key) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  return as_number(*it, path + "." + key);
}

const json& get_array(const json& obj, const std::string& path, const char* key) {
  const json& a = field(obj, path, key);
  if (!a.is_array()) fail(path + "." + key, "expected an array");
  return a;
}

void require_object(const json& v, const std::string& path) {
  if (!v.is_object()) fail(path, "expected an object");
}

std::string at(const std::string& path, const char* key, std::size_t i) {
  return path + "." + key + "[" + std::to_string(i) + "]";
}

/// A DoF by its identifier only (the form exercise_to_json writes): the display and direction
/// names that pose JSON accepts are refused here, so a term's sign is always its coefficient's.
DofId parse_dof_id(const json& v, const std::string& path) {
  if (!v.is_string()) fail(path, "expected a string");
  const auto s = v.get<std::string>();
  for (DofId d : all_dofs)
    if (to_string(d) == s) return d;
  fail(path, "unknown DoF " + excerpt(s));
}

BandTerm parse_term(const json& v, const std::string& path) {
  require_object(v, path);
  BandTerm t;
  const bool has_dof = v.contains("dof"), has_tl = v.contains("thoracolumbar");
  if (has_dof == has_tl) fail(path, "expected exactly one of \"dof\" or \"thoracolumbar\"");
  if (has_dof) {
    t.kind = BandTerm::Kind::dof;
    t.dof = parse_dof_id(v["dof"], path + ".dof");
    t.axis = axis_of(t.dof);
  } else {
    t.kind = BandTerm::Kind::thoracolumbar;
    const json& a = v["thoracolumbar"];
    if (!a.is_string()) fail(path + ".thoracolumbar", "expected a string");
    // parse_axis knows every axis name; a thoracolumbar total exists only for the three spinal ones.
    const auto ax = parse_axis(a.get<std::string>());
    if (!ax || (*ax != Axis::flexion_extension && *ax != Axis::lateral_flexion && *ax != Axis::axial_rotation))
      fail(path + ".thoracolumbar", "expected flexion_extension, lateral_flexion or axial_rotation");
    t.axis = *ax;
  }
  t.coefficient = as_number(field(v, path, "coefficient"), path + ".coefficient");
  return t;
}

std::vector<BandTerm> parse_terms(const json& obj, const std::string& path) {
  const json& a = get_array(obj, path, "terms");
  if (a.empty()) fail(path + ".terms", "expected at least one term");
  std::vector<BandTerm> out;
  for (std::size_t i = 0; i < a.size(); ++i) out.push_back(parse_term(a[i], at(path, "terms", i)));
  return out;
}

TargetBand parse_band(const json& v, const std::string& path) {
  require_object(v, path);
  TargetBand b;
  b.id = get_string(v, path, "id");
  b.label = get_string(v, path, "label");
  const auto scope = get_string(v, path, "scope");
  if (scope == "always")
    b.scope = BandScope::always;
  else if (scope == "per_side")
    b.scope = BandScope::per_side;
  else
    fail(path + ".scope",
         "expected \"always\" or \"per_side\", got \"" + detail::printable(scope, limits::max_excerpt_bytes) + "\"");
  b.terms = parse_terms(v, path);
  b.lower_deg = get_optional_number(v, path, "lower_deg");
  b.upper_deg = get_optional_number(v, path, "upper_deg");
  // A band may be open on one side (null), never on both: it would hold every value.
  if (!b.lower_deg && !b.upper_deg) fail(path, "expected lower_deg or upper_deg");
  if (b.lower_deg && b.upper_deg && *b.lower_deg > *b.upper_deg) fail(path + ".lower_deg", "exceeds upper_deg");
  // Every target carries where it comes from (docs/exercise.md), as every limit does.
  b.source = get_string(v, path, "source");
  if (b.source.empty()) fail(path + ".source", "every band needs a source key");
  b.tag = get_string(v, path, "tag");
  b.note = get_string(v, path, "note", false);
  b.cue = get_string(v, path, "cue", false);
  return b;
}

ojson term_json(const BandTerm& t) {
  ojson j;
  if (t.kind == BandTerm::Kind::dof)
    j["dof"] = std::string(to_string(t.dof));
  else
    j["thoracolumbar"] = std::string(to_string(t.axis));
  j["coefficient"] = t.coefficient;
  return j;
}

ojson terms_json(const std::vector<BandTerm>& ts) {
  ojson a = ojson::array();
  for (const auto& t : ts) a.push_back(term_json(t));
  return a;
}

Exercise parse_document(const json& doc) {
  require_object(doc, "(document)");
  if (!doc.contains("exercise")) fail("exercise", "missing");
  const std::string p = "exercise";
  const json& e = field(doc, "(document)", "exercise");
  // field() would name "(document).exercise"; name it plainly instead.
  require_object(e, p);
  Exercise x;
  x.id = get_string(e, p, "id");
  x.name = get_string(e, p, "name");
  x.source = get_string(e, p, "source");
  x.start_position = get_string(e, p, "start_position");
  const json& md = get_array(e, p, "moving_dofs");
  for (std::size_t i = 0; i < md.size(); ++i) x.moving_dofs.push_back(parse_dof_id(md[i], at(p, "moving_dofs", i)));
  const std::string pp = p + ".phase";
  const json& ph = field(e, p, "phase");
  require_object(ph, pp);
  x.phase.terms = parse_terms(ph, pp);
  x.phase.enter_deg = as_number(field(ph, pp, "enter_deg"), pp + ".enter_deg");
  x.phase.exit_deg = as_number(field(ph, pp, "exit_deg"), pp + ".exit_deg");
  if (x.phase.exit_deg > x.phase.enter_deg) fail(pp + ".exit_deg", "must not exceed enter_deg");
  x.phase.source = get_string(ph, pp, "source");
  x.phase.tag = get_string(ph, pp, "tag");
  x.phase.note = get_string(ph, pp, "note", false);
  const json& bands = get_array(e, p, "bands");
  for (std::size_t i = 0; i < bands.size(); ++i) x.bands.push_back(parse_band(bands[i], at(p, "bands", i)));
  const json& tm = get_array(e, p, "target_muscles");
  for (std::size_t i = 0; i < tm.size(); ++i) {
    const std::string gp = at(p, "target_muscles", i);
    require_object(tm[i], gp);
    TargetMuscleGroup g;
    g.label = get_string(tm[i], gp, "label");
    const json& ms = get_array(tm[i], gp, "muscles");
    for (std::size_t k = 0; k < ms.size(); ++k) {
      const std::string mp = at(gp, "muscles", k);
      if (!ms[k].is_string()) fail(mp, "expected a string");
      const auto m = parse_muscle(ms[k].get<std::string>());
      if (!m) fail(mp, "unknown muscle " + excerpt(ms[k].get<std::string>()));
      g.muscles.push_back(*m);
    }
    g.source = get_string(tm[i], gp, "source");
    g.note = get_string(tm[i], gp, "note", false);
    x.target_muscles.push_back(std::move(g));
  }
  const json& cues = get_array(e, p, "cues");
  for (std::size_t i = 0; i < cues.size(); ++i) {
    if (!cues[i].is_string()) fail(at(p, "cues", i), "expected a string");
    x.cues.push_back(cues[i].get<std::string>());
  }
  return x;
}

}  // namespace

Exercise parse_exercise_json(std::string_view text, std::string_view name) {
  const json doc = detail::parse_json_document(text, name);
  return detail::json_errors_as_parse_errors(name, [&] { return parse_document(doc); });
}

Exercise read_exercise_json(const std::filesystem::path& path) {
  const std::string name = path.string();
  const json doc = detail::parse_json_document(read_input_file(path, limits::max_json_document_bytes), name);
  try {
    return detail::json_errors_as_parse_errors(name, [&] { return parse_document(doc); });
  } catch (const parse_error& e) {
    if (std::string_view(e.what()).starts_with(detail::file_label(name))) throw;
    throw parse_error(detail::file_label(name) + ": " + e.what());
  }
}

std::string exercise_to_json(const Exercise& x) {
  ojson e;
  e["id"] = x.id;
  e["name"] = x.name;
  e["source"] = x.source;
  e["start_position"] = x.start_position;
  ojson md = ojson::array();
  for (DofId d : x.moving_dofs) md.push_back(std::string(to_string(d)));
  e["moving_dofs"] = md;
  e["phase"] = {{"terms", terms_json(x.phase.terms)},
                {"enter_deg", x.phase.enter_deg},
                {"exit_deg", x.phase.exit_deg},
                {"source", x.phase.source},
                {"tag", x.phase.tag},
                {"note", x.phase.note}};
  ojson bands = ojson::array();
  for (const auto& b : x.bands) {
    ojson j;
    j["id"] = b.id;
    j["label"] = b.label;
    j["scope"] = b.scope == BandScope::always ? "always" : "per_side";
    j["terms"] = terms_json(b.terms);
    j["lower_deg"] = b.lower_deg ? ojson(*b.lower_deg) : ojson(nullptr);
    j["upper_deg"] = b.upper_deg ? ojson(*b.upper_deg) : ojson(nullptr);
    j["source"] = b.source;
    j["tag"] = b.tag;
    j["note"] = b.note;
    j["cue"] = b.cue;
    bands.push_back(j);
  }
  e["bands"] = bands;
  ojson tm = ojson::array();
  for (const auto& g : x.target_muscles) {
    ojson ms = ojson::array();
    for (MuscleId m : g.muscles) ms.push_back(std::string(to_string(m)));
    tm.push_back({{"label", g.label}, {"muscles", ms}, {"source", g.source}, {"note", g.note}});
  }
  e["target_muscles"] = tm;
  e["cues"] = x.cues;
  ojson doc;
  doc["exercise"] = e;
  return doc.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace arthrokin::io
