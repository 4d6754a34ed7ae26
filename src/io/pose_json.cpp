// Pose JSON reader and writer (include/arthrokin/io/pose_json.hpp, docs/formats.md "Pose JSON").
// The document is parsed whole (it is at most limits::max_json_document_bytes) and then walked;
// every error names the file and the field path.
#include "format_util.hpp"

#include <arthrokin/io/pose_json.hpp>

#include <bitset>
#include <cmath>

namespace arthrokin::io {
namespace {

using detail::fail_at;
using detail::json;

std::optional<Axis> spinal_axis(std::string_view s) {
  if (s == "flexion_extension") return Axis::flexion_extension;
  if (s == "lateral_flexion") return Axis::lateral_flexion;
  if (s == "axial_rotation") return Axis::axial_rotation;
  return std::nullopt;
}

Pose pose_from(const json& doc, std::string_view name) {
  if (!doc.is_object()) fail_at(name, "(document)", std::string("expected a JSON object, got ") + doc.type_name());
  for (const auto& [key, value] : doc.items()) {
    (void)value;
    if (key != "angles_deg" && key != "angles_rad" && key != "thoracolumbar_deg" && key != "thoracolumbar_rad" &&
        key != "comment")
      fail_at(name, detail::path_key(key),
              "unknown field (expected angles_deg or angles_rad, optionally thoracolumbar_deg or "
              "thoracolumbar_rad, comment)");
  }
  const bool deg = doc.contains("angles_deg"), rad = doc.contains("angles_rad");
  if (deg && rad) fail_at(name, "angles_rad", "give either angles_deg or angles_rad, not both");
  const bool tl_deg = doc.contains("thoracolumbar_deg"), tl_rad = doc.contains("thoracolumbar_rad");
  if (tl_deg && tl_rad) fail_at(name, "thoracolumbar_rad", "give either thoracolumbar_deg or thoracolumbar_rad");
  if (!deg && !rad && !tl_deg && !tl_rad) fail_at(name, "(document)", "missing angles_deg (or angles_rad)");

  Pose pose;
  if (deg || rad) {
    const std::string field = deg ? "angles_deg" : "angles_rad";
    const json& angles = doc.at(field);
    if (!angles.is_object()) fail_at(name, field, std::string("expected an object, got ") + angles.type_name());
    // Two keys may name one DoF (an identifier and a display name, or a direction name): the
    // JSON library only sees distinct keys, so repeated DoFs are caught here, by index.
    std::bitset<dof_count> seen;
    for (const auto& [key, value] : angles.items()) {
      const std::string path = field + "." + detail::path_key(key);
      const auto m = parse_dof(key);
      if (!m)
        fail_at(name, path,
                "unknown DoF " + detail::excerpt(key) +
                    " (use an identifier such as left_hip_internal_external_rotation or a name "
                    "such as \"left hip internal rotation\"; `arthrokin norms --dofs` lists them)");
      if (seen.test(index(m->dof)))
        fail_at(name, path, "DoF " + std::string(to_string(m->dof)) + " is given twice (under another name)");
      seen.set(index(m->dof));
      if (value.is_null()) continue;  // unknown
      // A direction name ("right shoulder abduction") carries the sign of its direction on the axis.
      const double v = detail::json_finite(value, name, path) * static_cast<int>(m->sense);
      pose.set(m->dof, deg ? degrees(v) : radians(v));
    }
  }
  if (tl_deg || tl_rad) {
    const std::string field = tl_deg ? "thoracolumbar_deg" : "thoracolumbar_rad";
    const json& tl = doc.at(field);
    if (!tl.is_object()) fail_at(name, field, std::string("expected an object, got ") + tl.type_name());
    for (const auto& [key, value] : tl.items()) {
      const std::string path = field + "." + detail::path_key(key);
      const auto a = spinal_axis(key);
      if (!a)
        fail_at(name, path,
                "unknown axis " + detail::excerpt(key) + " (flexion_extension, lateral_flexion, axial_rotation)");
      if (value.is_null()) continue;
      const double v = detail::json_finite(value, name, path);
      pose.set_thoracolumbar(*a, tl_deg ? degrees(v) : radians(v));
    }
  }
  return pose;
}

}  // namespace

Pose parse_pose_json(std::string_view text, std::string_view name) {
  const json doc = detail::parse_json_document(text, name);
  return detail::json_errors_as_parse_errors(name, [&] { return pose_from(doc, name); });
}

Pose read_pose_json(const std::filesystem::path& path) {
  return parse_pose_json(read_input_file(path, limits::max_json_document_bytes), path.string());
}

std::string pose_to_json(const Pose& pose) {
  json angles = json::object();
  for (DofId d : all_dofs) {
    const auto a = pose.get(d);
    angles[std::string(to_string(d))] = a ? json(to_degrees(*a)) : json(nullptr);
  }
  json doc = {{"angles_deg", angles}};
  const Eigen::Vector3d tl = pose.thoracolumbar_radians();
  json tlj = json::object();
  const char* names[3] = {"flexion_extension", "lateral_flexion", "axial_rotation"};
  for (int k = 0; k < 3; ++k)
    if (!std::isnan(tl[k])) tlj[names[k]] = rad_to_deg(tl[k]);
  if (!tlj.empty()) doc["thoracolumbar_deg"] = tlj;
  return doc.dump(2, ' ', false, json::error_handler_t::replace);
}

}  // namespace arthrokin::io
