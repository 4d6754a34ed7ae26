#include <arthrokin/error.hpp>
#include <arthrokin/io/keypoints_csv.hpp>

#include <charconv>
#include <fstream>
#include <sstream>
#include <string_view>

namespace arthrokin::io {
namespace {

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> f;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= line.size(); ++i)
    if (i == line.size() || line[i] == ',') {
      f.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  return f;
}

[[noreturn]] void fail(const std::string& name, std::size_t line, const std::string& what) {
  throw parse_error(name + ":" + std::to_string(line) + ": " + what);
}

double number(std::string_view s, const std::string& name, std::size_t line, std::string_view field) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  if (s == "nan" || s == "NaN" || s.empty()) {
    if (s.empty()) fail(name, line, "field '" + std::string(field) + "' is empty");
    return std::numeric_limits<double>::quiet_NaN();
  }
  double v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size())
    fail(name, line, "field '" + std::string(field) + "': '" + std::string(s) + "' is not a number");
  return v;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.remove_suffix(1);
  return s;
}

}  // namespace

KeypointTable parse_keypoints_csv(const std::string& text, Layout layout, const std::string& name) {
  const std::size_t n = keypoint_count(layout);
  KeypointTable t;
  t.layout = layout;
  std::istringstream in(text);
  std::string raw;
  std::size_t line_no = 0;
  if (!std::getline(in, raw)) fail(name, 1, "empty file (no header)");
  ++line_no;
  const std::string header_line(trim(raw));
  const auto header = split(header_line);
  if (header.empty() || header[0].empty()) fail(name, 1, "empty header");
  if (header[0] == "index") {  // long format: one keypoint per row
    if (header.size() < 5) fail(name, 1, "long format needs index,name,x,y,z[,visibility]");
    const bool has_vis = header.size() >= 6;
    t.frames = 1;
    t.xyz.assign(3 * n, std::numeric_limits<double>::quiet_NaN());
    if (has_vis) t.visibility.assign(n, 0.0);
    std::vector<bool> seen(n, false);
    while (std::getline(in, raw)) {
      ++line_no;
      const std::string l(trim(raw));
      if (l.empty()) continue;
      const auto f = split(l);
      if (f.size() != header.size())
        fail(name, line_no, "expected " + std::to_string(header.size()) + " fields, got " + std::to_string(f.size()));
      const double idx = number(f[0], name, line_no, header[0]);
      if (!(idx >= 0) || idx != static_cast<double>(static_cast<std::size_t>(idx)) ||
          static_cast<std::size_t>(idx) >= n)
        fail(name, line_no,
             "field 'index': " + std::string(f[0]) + " is not a keypoint index of " + std::string(to_string(layout)));
      const auto k = static_cast<std::size_t>(idx);
      if (seen[k]) fail(name, line_no, "field 'index': keypoint " + std::to_string(k) + " appears twice");
      seen[k] = true;
      for (std::size_t c = 0; c < 3; ++c) t.xyz[3 * k + c] = number(f[2 + c], name, line_no, header[2 + c]);
      if (has_vis) t.visibility[k] = number(f[5], name, line_no, header[5]);
    }
    for (std::size_t k = 0; k < n; ++k)
      if (!seen[k]) fail(name, line_no, "keypoint " + std::to_string(k) + " is missing");
    return t;
  }
  // wide format
  if (header[0] != "frame") fail(name, 1, "field 1: expected 'frame' or 'index', got '" + std::string(header[0]) + "'");
  const std::size_t cols = header.size() - 1;
  std::size_t per = 0;
  if (cols == 4 * n)
    per = 4;
  else if (cols == 3 * n)
    per = 3;
  else
    fail(name, 1,
         std::string(to_string(layout)) + " needs " + std::to_string(3 * n) + " or " + std::to_string(4 * n) +
             " keypoint columns, got " + std::to_string(cols));
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t c = 0; c < 3; ++c) {
      const auto h = header[1 + per * k + c];
      const char axis = "xyz"[c];
      if (h.size() < 2 || h[h.size() - 1] != axis || h[h.size() - 2] != '_')
        fail(name, 1,
             "column " + std::to_string(2 + per * k + c) + " ('" + std::string(h) + "'): expected a name ending in _" +
                 axis);
    }
  while (std::getline(in, raw)) {
    ++line_no;
    const std::string l(trim(raw));
    if (l.empty()) continue;
    const auto f = split(l);
    if (f.size() != header.size())
      fail(name, line_no, "expected " + std::to_string(header.size()) + " fields, got " + std::to_string(f.size()));
    (void)number(f[0], name, line_no, header[0]);
    for (std::size_t k = 0; k < n; ++k) {
      for (std::size_t c = 0; c < 3; ++c)
        t.xyz.push_back(number(f[1 + per * k + c], name, line_no, header[1 + per * k + c]));
      if (per == 4) t.visibility.push_back(number(f[1 + per * k + 3], name, line_no, header[1 + per * k + 3]));
    }
    ++t.frames;
  }
  if (t.frames == 0) fail(name, line_no, "no data rows");
  return t;
}

KeypointTable read_keypoints_csv(const std::string& path, Layout layout) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw parse_error(path + ": cannot open file");
  std::ostringstream ss;
  ss << f.rdbuf();
  return parse_keypoints_csv(ss.str(), layout, path);
}

}  // namespace arthrokin::io
