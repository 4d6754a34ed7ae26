#include "format_util.hpp"

#include <arthrokin/io/keypoints_json.hpp>

namespace arthrokin::io {

using detail::fail_at;
using detail::json;

std::optional<Layout> parse_layout(std::string_view s) noexcept {
  for (Layout l : {Layout::blazepose33, Layout::coco17, Layout::h36m17, Layout::smpl24})
    if (s == to_string(l)) return l;
  return std::nullopt;
}

KeypointJson parse_keypoints_json(std::string_view text, std::string_view name, std::optional<Layout> layout) {
  const json doc = detail::parse_json_text(text, name);
  if (!doc.is_object()) fail_at(name, "(document)", std::string("expected a JSON object, got ") + doc.type_name());
  for (const auto& [key, value] : doc.items()) {
    (void)value;
    if (key != "layout" && key != "fps" && key != "frames" && key != "comment")
      fail_at(name, key, "unknown field (expected layout, fps, frames, comment)");
  }
  KeypointJson out;
  if (!layout) {
    if (!doc.contains("layout")) fail_at(name, "layout", "missing (or pass --layout)");
    const std::string l = detail::json_string(doc["layout"], name, "layout");
    layout = parse_layout(l);
    if (!layout) fail_at(name, "layout", "unknown layout '" + l + "' (blazepose33, coco17, h36m17, smpl24)");
  }
  if (doc.contains("fps")) {
    const double f = detail::json_finite(doc["fps"], name, "fps");
    if (!(f > 0)) fail_at(name, "fps", "must be > 0");
    out.fps = f;
  }
  if (!doc.contains("frames")) fail_at(name, "frames", "missing");
  const json& frames = doc["frames"];
  if (!frames.is_array()) fail_at(name, "frames", std::string("expected an array, got ") + frames.type_name());
  const std::size_t n = keypoint_count(*layout);
  auto& t = out.table;
  t.layout = *layout;
  t.frames = frames.size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  t.xyz.assign(t.frames * n * 3, nan);
  bool any_vis = false;
  std::vector<double> vis(t.frames * n, 1.0);
  for (std::size_t f = 0; f < frames.size(); ++f) {
    const std::string pf = "frames[" + std::to_string(f) + "]";
    const json& fr = frames[f];
    if (!fr.is_array()) fail_at(name, pf, std::string("expected an array of points, got ") + fr.type_name());
    if (fr.size() != n)
      fail_at(name, pf,
              "expected " + std::to_string(n) + " points for " + std::string(to_string(*layout)) + ", got " +
                  std::to_string(fr.size()));
    for (std::size_t k = 0; k < n; ++k) {
      const std::string pk = pf + "[" + std::to_string(k) + "]";
      const json& pt = fr[k];
      if (pt.is_null()) continue;
      if (!pt.is_array() || (pt.size() != 3 && pt.size() != 4))
        fail_at(name, pk, "expected [x, y, z] or [x, y, z, visibility]");
      for (std::size_t c = 0; c < pt.size(); ++c) {
        const std::string pc = pk + "[" + std::to_string(c) + "]";
        if (pt[c].is_null()) continue;
        const double v = detail::json_finite(pt[c], name, pc);
        if (c < 3)
          t.xyz[(f * n + k) * 3 + c] = v;
        else
          vis[f * n + k] = v, any_vis = true;
      }
    }
  }
  if (any_vis) t.visibility = std::move(vis);
  return out;
}

KeypointJson read_keypoints_json(const std::filesystem::path& path, std::optional<Layout> layout) {
  return parse_keypoints_json(detail::read_text_file(path), path.string(), layout);
}

}  // namespace arthrokin::io
