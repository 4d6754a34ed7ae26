// Patient profile JSON reader (include/arthrokin/io/profile_json.hpp, docs/formats.md): builds a
// `Limits` from a base (source, model or defaults), then applies the tolerance, overrides, composite
// limits and the joint restriction, in that order. Every error names the file and the field path.
#include "format_util.hpp"

#include <arthrokin/io/profile_json.hpp>

#include <array>

namespace arthrokin::io {
namespace {

using detail::fail_at;
using detail::json;

std::string join_joints() {
  std::string s;
  for (auto n : joint_names) (s.empty() ? s : s += ", ") += n;
  return s;
}

}  // namespace

void restrict_to(Limits& limits, const std::vector<Joint>& joints) { limits.restrict_to(joints); }

namespace {

Limits limits_from(const json& doc, std::string_view name) {
  if (!doc.is_object()) fail_at(name, "(document)", std::string("expected a JSON object, got ") + doc.type_name());
  for (const auto& [key, value] : doc.items()) {
    (void)value;
    if (key != "source" && key != "model" && key != "context" && key != "tolerance_deg" && key != "overrides" &&
        key != "restrict_to" && key != "composites" && key != "comment" && key != "name")
      fail_at(name, detail::path_key(key),
              "unknown field (expected source, model, context, tolerance_deg, overrides, restrict_to, composites, "
              "name, comment)");
  }
  if (doc.contains("source") && doc.contains("model")) fail_at(name, "model", "give either source or model, not both");
  // The measurement context of the default set (docs/sources.md): not with a source or a model.
  Context context = Context::unspecified;
  if (doc.contains("context")) {
    const std::string c = detail::json_string(doc["context"], name, "context");
    const auto parsed = parse_context(c);
    if (!parsed)
      fail_at(name, "context",
              "unknown context " + detail::excerpt(c) + " (unspecified, passive, active, weight_bearing)");
    context = *parsed;
    if (context != Context::unspecified &&
        (doc.contains("model") || (doc.contains("source") && doc["source"] != "default")))
      fail_at(name, "context", "a context chooses among the default norms: give it without source or model");
  }

  // The base table first: everything below edits it.
  Limits limits;
  if (doc.contains("model")) {
    const std::string m = detail::json_string(doc["model"], name, "model");
    try {
      limits = Limits::from_model(m);
    } catch (const invalid_argument&) {
      fail_at(name, "model", "unknown model " + detail::excerpt(m) + " (data/reference/model_bounds.csv)");
    }
  } else if (doc.contains("source") && doc["source"] != "default") {
    const std::string s = detail::json_string(doc["source"], name, "source");
    if (!find_source(s))
      fail_at(name, "source", "unknown source key " + detail::excerpt(s) + " (data/reference/SOURCES.md)");
    limits = Limits::from_source(s);
  } else {
    limits = Limits::defaults(context);
  }

  if (doc.contains("tolerance_deg")) {
    const double t = detail::json_finite(doc["tolerance_deg"], name, "tolerance_deg");
    if (t < 0) fail_at(name, "tolerance_deg", "must be >= 0");
    limits.with_tolerance(degrees(t));
  }

  if (doc.contains("overrides")) {
    const json& ov = doc["overrides"];
    if (!ov.is_array()) fail_at(name, "overrides", std::string("expected an array, got ") + ov.type_name());
    for (std::size_t i = 0; i < ov.size(); ++i) {
      const std::string p = "overrides[" + std::to_string(i) + "]";
      const json& o = ov[i];
      if (!o.is_object()) fail_at(name, p, std::string("expected an object, got ") + o.type_name());
      for (const auto& [key, value] : o.items()) {
        (void)value;
        if (key != "dof" && key != "lower_deg" && key != "upper_deg" && key != "reason")
          fail_at(name, p + "." + detail::path_key(key), "unknown field (expected dof, lower_deg, upper_deg, reason)");
      }
      if (!o.contains("dof")) fail_at(name, p + ".dof", "missing");
      const std::string dn = detail::json_string(o["dof"], name, p + ".dof");
      const auto m = parse_dof(dn);
      if (!m) fail_at(name, p + ".dof", "unknown DoF " + detail::excerpt(dn));
      if (!o.contains("lower_deg")) fail_at(name, p + ".lower_deg", "missing");
      if (!o.contains("upper_deg")) fail_at(name, p + ".upper_deg", "missing");
      const double lo = detail::json_finite(o["lower_deg"], name, p + ".lower_deg");
      const double hi = detail::json_finite(o["upper_deg"], name, p + ".upper_deg");
      if (!(lo < hi)) fail_at(name, p, "lower_deg must be below upper_deg");
      const std::string reason =
          o.contains("reason") ? detail::json_string(o["reason"], name, p + ".reason") : "patient override";
      // A Bound keeps the first 63 bytes of a reason: cut at a code point, not inside one (a report is UTF-8).
      constexpr std::size_t kept = sizeof(Bound::label) - 1;
      limits.override_dof(m->dof, degrees(lo), degrees(hi), arthrokin::detail::truncate_utf8(reason, kept));
    }
  }

  if (doc.contains("composites")) {
    const json& cs = doc["composites"];
    if (!cs.is_array()) fail_at(name, "composites", std::string("expected an array, got ") + cs.type_name());
    for (std::size_t i = 0; i < cs.size(); ++i) {
      const std::string p = "composites[" + std::to_string(i) + "]";
      const json& c = cs[i];
      if (!c.is_object()) fail_at(name, p, std::string("expected an object, got ") + c.type_name());
      for (const auto& [key, value] : c.items()) {
        (void)value;
        if (key != "name" && key != "source" && key != "side")
          fail_at(name, p + "." + detail::path_key(key), "unknown field (expected name, source, side)");
      }
      if (!c.contains("name")) fail_at(name, p + ".name", "missing");
      if (!c.contains("source")) fail_at(name, p + ".source", "missing");
      const std::string cn = detail::json_string(c["name"], name, p + ".name");
      const std::string src = detail::json_string(c["source"], name, p + ".source");
      Side side = Side::none;
      if (c.contains("side")) {
        const std::string s = detail::json_string(c["side"], name, p + ".side");
        if (s == "left")
          side = Side::left;
        else if (s == "right")
          side = Side::right;
        else if (s != "none")
          fail_at(name, p + ".side", "expected left, right or none, got " + detail::excerpt(s));
      }
      if (!composite_name_known(cn)) fail_at(name, p + ".name", "unknown composite " + detail::excerpt(cn));
      if (limits.composite_count() == Limits::max_composites)
        fail_at(name, p, "too many composite limits (at most " + std::to_string(Limits::max_composites) + " in all)");
      try {
        limits.add(composite_limit(cn, src, side));
      } catch (const invalid_argument& e) {
        fail_at(name, p, detail::printable(e.what(), 4 * limits::max_excerpt_bytes));
      }
    }
  }

  // Last: Limits::restrict_to deactivates the composites listed above whose joints are left out.
  if (doc.contains("restrict_to")) {
    const json& r = doc["restrict_to"];
    if (!r.is_array()) fail_at(name, "restrict_to", std::string("expected an array, got ") + r.type_name());
    std::vector<Joint> joints;
    for (std::size_t i = 0; i < r.size(); ++i) {
      const std::string p = "restrict_to[" + std::to_string(i) + "]";
      const std::string jn = detail::json_string(r[i], name, p);
      const auto j = parse_joint(jn);
      if (!j) fail_at(name, p, "unknown joint " + detail::excerpt(jn) + " (" + join_joints() + ")");
      joints.push_back(*j);
    }
    restrict_to(limits, joints);
  }
  return limits;
}

}  // namespace

Limits parse_profile_json(std::string_view text, std::string_view name) {
  const json doc = detail::parse_json_document(text, name);
  return detail::json_errors_as_parse_errors(name, [&] { return limits_from(doc, name); });
}

Limits read_profile_json(const std::filesystem::path& path) {
  return parse_profile_json(read_input_file(path, limits::max_json_document_bytes), path.string());
}

}  // namespace arthrokin::io
