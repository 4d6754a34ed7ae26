// BVH mapping files (include/arthrokin/io/bvh_segments.hpp, docs/bvh.md "Any rig"): a JSON object
// {"joint name in the file": "segment[:role]"} → the rules of those segments, over a base mapping.
#include "format_util.hpp"

#include <arthrokin/io/bvh_segments.hpp>
#include <arthrokin/io/limits.hpp>

#include <array>
#include <optional>

namespace arthrokin::io {
namespace {

using detail::excerpt;
using detail::fail_at;
using ordered = nlohmann::ordered_json;

enum class Role : std::uint8_t { frame, proximal, distal };

std::string segment_list() {
  std::string all;
  for (auto n : segment_names) all.append(all.empty() ? "" : ", ").append(n);
  return all;
}

/// The next segment of a limb chain (its proximal joint ends this one), or nullopt.
std::optional<Segment> next_in_chain(Segment s) {
  switch (s) {
    case Segment::left_upper_arm:
      return Segment::left_forearm;
    case Segment::left_forearm:
      return Segment::left_hand;
    case Segment::left_thigh:
      return Segment::left_shank;
    case Segment::left_shank:
      return Segment::left_foot;
    case Segment::right_upper_arm:
      return Segment::right_forearm;
    case Segment::right_forearm:
      return Segment::right_hand;
    case Segment::right_thigh:
      return Segment::right_shank;
    case Segment::right_shank:
      return Segment::right_foot;
    default:
      return std::nullopt;
  }
}

std::string normalized(std::string_view s) {
  const auto colon = s.rfind(':');
  if (colon != std::string_view::npos) s.remove_prefix(colon + 1);
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

BvhMappingFile parse_bvh_mapping_json(std::string_view text, std::string_view name, const BvhMapping& base) {
  const ordered doc = detail::parse_json_document<ordered>(text, name);
  if (!doc.is_object()) fail_at(name, "(document)", std::string("expected a JSON object, got ") + doc.type_name());
  if (doc.empty())
    fail_at(name, "(document)", "empty mapping (expected {\"joint name in the file\": \"segment\", ...})");
  // names[segment][role]: the joint given for that role, if any.
  std::array<std::array<std::optional<std::string>, 3>, segment_count> names{};
  BvhMappingFile out;
  for (const auto& [key, value] : doc.items()) {
    const std::string path = detail::path_key(key);
    if (key.empty()) fail_at(name, "(document)", "empty joint name");
    if (!value.is_string())
      fail_at(name, path, std::string("expected a segment name (a string), got ") + value.type_name());
    const std::string v = value.get<std::string>();
    const auto colon = v.find(':');
    const std::string seg_name = v.substr(0, colon);
    Role role = Role::frame;
    if (colon != std::string::npos) {
      const std::string r = v.substr(colon + 1);
      if (r == "proximal")
        role = Role::proximal;
      else if (r == "distal")
        role = Role::distal;
      else if (r != "frame")
        fail_at(name, path, "unknown role " + excerpt(r) + " (expected frame, proximal or distal, after a ':')");
    }
    const auto it = std::find(segment_names.begin(), segment_names.end(), seg_name);
    if (it == segment_names.end())
      fail_at(name, path, "unknown segment " + excerpt(seg_name) + " (expected one of: " + segment_list() + ")");
    auto& slot = names[static_cast<std::size_t>(it - segment_names.begin())][static_cast<std::size_t>(role)];
    if (slot)
      fail_at(name, path,
              "segment " + std::string(*it) +
                  (role == Role::frame      ? ""
                   : role == Role::proximal ? ":proximal"
                                            : ":distal") +
                  " is already given by joint " + excerpt(*slot));
    slot = key;
    out.joints.push_back(key);
  }
  out.mapping = base;
  for (std::size_t i = 0; i < segment_count; ++i) {
    const auto& n = names[i];
    if (!n[0] && !n[1] && !n[2]) continue;
    if (!n[0])
      fail_at(name, "(document)",
              "segment " + std::string(segment_names[i]) +
                  " has a proximal or distal joint but no frame joint (give \"<joint>\": \"" +
                  std::string(segment_names[i]) + "\")");
    BvhSegmentRule r;
    r.segment = static_cast<Segment>(i);
    r.frame = {*n[0]};
    if (n[1]) r.proximal = {*n[1]};
    if (n[2]) r.distal = {*n[2]};
    out.mapping.set(std::move(r));
  }
  // A limb segment with no distal joint ends where the next segment of its chain starts.
  for (std::size_t i = 0; i < segment_count; ++i) {
    const auto& n = names[i];
    if (!n[0] || n[2]) continue;
    const auto next = next_in_chain(static_cast<Segment>(i));
    if (!next) continue;
    const BvhSegmentRule* nr = out.mapping.find(*next);
    if (!nr) continue;
    BvhSegmentRule r = *out.mapping.find(static_cast<Segment>(i));
    r.distal = nr->proximal.empty() ? nr->frame : nr->proximal;
    out.mapping.set(std::move(r));
  }
  return out;
}

BvhMappingFile read_bvh_mapping_json(const std::filesystem::path& path, const BvhMapping& base) {
  const std::string text = read_input_file(path, limits::max_json_document_bytes);
  return parse_bvh_mapping_json(text, path.string(), base);
}

std::vector<std::string> bvh_mapping_unmatched(const BvhFile& file, const std::vector<std::string>& joints) {
  std::vector<std::string> in_file;
  in_file.reserve(file.joints.size());
  for (const auto& j : file.joints) in_file.push_back(normalized(j.name));
  std::vector<std::string> out;
  for (const auto& j : joints)
    if (std::find(in_file.begin(), in_file.end(), normalized(j)) == in_file.end()) out.push_back(j);
  return out;
}

}  // namespace arthrokin::io
