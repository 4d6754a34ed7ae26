// Keypoint CSV reader (include/arthrokin/io/keypoints_csv.hpp): the wide shape (one frame per row)
// and the long shape (one keypoint per row, one frame), for a layout given by the caller.
#include "format_util.hpp"

#include <arthrokin/error.hpp>
#include <arthrokin/io/keypoints_csv.hpp>

#include <charconv>
#include <cmath>
#include <string_view>

namespace arthrokin::io {
namespace {

using detail::excerpt;

[[noreturn]] void fail(std::string_view name, std::size_t line, const std::string& what) {
  detail::fail_line(name, line, 0, what);
}

/// A coordinate or visibility cell: a finite number, or nan/NaN (unknown). Empty is an error.
double number(std::string_view s, std::string_view name, std::size_t line, std::string_view field) {
  s = detail::trim(s);
  if (s.empty()) fail(name, line, "field " + excerpt(field) + " is empty");
  if (s == "nan" || s == "NaN" || s == "NAN") return std::numeric_limits<double>::quiet_NaN();
  std::string_view t = s;
  if (t.front() == '+') t.remove_prefix(1);
  double v = 0;
  const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (p != t.data() + t.size() || ec == std::errc::invalid_argument)
    fail(name, line, "field " + excerpt(field) + ": " + excerpt(s) + " is not a number");
  if (ec == std::errc::result_out_of_range || !std::isfinite(v))
    fail(name, line,
         "field " + excerpt(field) + ": " + excerpt(s) + " is not a finite number within the range of a double");
  return v;
}

/// A visibility: in [0, 1]; NaN only for a point whose coordinates are all unknown (missing).
double visibility(std::string_view s, std::string_view name, std::size_t line, std::string_view field,
                  const double* xyz) {
  const double v = number(s, name, line, field);
  if (std::isnan(v)) {
    if (!(std::isnan(xyz[0]) && std::isnan(xyz[1]) && std::isnan(xyz[2])))
      fail(name, line,
           "field " + excerpt(field) +
               ": visibility is NaN for a point with coordinates (a visibility in [0, 1] is needed; NaN only for a "
               "missing point)");
    return v;
  }
  if (!(v >= 0.0 && v <= 1.0))
    fail(name, line, "field " + excerpt(field) + ": visibility " + excerpt(s) + " is outside [0, 1]");
  return v;
}

/// The fields of a header line (a line is at most limits::max_line_bytes).
std::vector<std::string_view> header_fields(std::string_view line) {
  std::vector<std::string_view> f;
  detail::Fields it(line);
  for (std::string_view x; it.next(x);) f.push_back(x);
  return f;
}

// The next non-empty data row (trimmed) and its line number, its field count checked against
// the header's; false at the end of the text.
bool next_data_row(detail::Lines& lines, std::string_view name, std::size_t n_fields, std::string_view& row,
                   std::size_t& line_no) {
  std::string_view raw;
  while (lines.next(raw)) {
    row = detail::trim(raw);
    if (row.empty()) continue;
    line_no = lines.number();
    if (const std::size_t got = detail::field_count(row); got != n_fields)
      fail(name, line_no, "expected " + std::to_string(n_fields) + " fields, got " + std::to_string(got));
    return true;
  }
  return false;
}

}  // namespace

KeypointTable parse_keypoints_csv(std::string_view text_in, std::string_view name, Layout layout) {
  detail::check_size(text_in, name, limits::max_file_bytes);
  const std::string_view text = detail::skip_bom(text_in);
  const std::size_t n = keypoint_count(layout);
  KeypointTable t;
  t.layout = layout;
  detail::Lines lines(text, name);
  std::string_view raw;
  if (!lines.next(raw)) fail(name, 1, "empty file (no header)");
  const auto header = header_fields(detail::trim(raw));
  if (header.empty() || header[0].empty()) fail(name, 1, "empty header");
  if (header[0] == "index") {  // long format: one keypoint per row, one frame
    if (header.size() < 5) fail(name, 1, "long format needs index,name,x,y,z[,visibility]");
    const bool has_vis = header.size() >= 6;
    t.frames = 1;
    t.xyz.assign(3 * n, std::numeric_limits<double>::quiet_NaN());
    if (has_vis) t.visibility.assign(n, 0.0);
    std::vector<bool> seen(n, false);
    std::string_view l;
    std::size_t line_no = 0;
    while (next_data_row(lines, name, header.size(), l, line_no)) {
      detail::Fields f(l);
      std::string_view cell;
      f.next(cell);
      const double idx = number(cell, name, line_no, header[0]);
      // Range first, then the cast: a double beyond size_t (1e30, inf) must never be cast.
      if (!(idx >= 0 && idx < static_cast<double>(n)) || idx != std::floor(idx))
        fail(name, line_no,
             "field 'index': " + excerpt(cell) + " is not a keypoint index of " + std::string(to_string(layout)) +
                 " (an integer from 0 to " + std::to_string(n - 1) + ")");
      const auto k = static_cast<std::size_t>(idx);
      if (seen[k]) fail(name, line_no, "field 'index': keypoint " + std::to_string(k) + " appears twice");
      seen[k] = true;
      f.next(cell);  // name
      for (std::size_t c = 0; c < 3; ++c) {
        f.next(cell);
        t.xyz[3 * k + c] = number(cell, name, line_no, header[2 + c]);
      }
      if (has_vis) {
        f.next(cell);
        t.visibility[k] = visibility(cell, name, line_no, header[5], &t.xyz[3 * k]);
      }
    }
    for (std::size_t k = 0; k < n; ++k)
      if (!seen[k]) fail(name, lines.number(), "keypoint " + std::to_string(k) + " is missing");
    return t;
  }
  // wide format
  if (header[0] != "frame") fail(name, 1, "field 1: expected 'frame' or 'index', got " + excerpt(header[0]));
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
  // Only the axis suffix of each column is checked, not the keypoint name: the columns are taken in
  // the layout's order whatever they are called.
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t c = 0; c < 3; ++c) {
      const auto h = header[1 + per * k + c];
      const char axis = "xyz"[c];
      if (h.size() < 2 || h[h.size() - 1] != axis || h[h.size() - 2] != '_')
        fail(name, 1,
             "column " + std::to_string(2 + per * k + c) + " (" + excerpt(h) + "): expected a name ending in _" + axis);
    }
  // Count the rows before allocating: refuse beyond max_frames, then reserve exactly. A valid row has
  // header.size() non-empty fields, so it is at least 2 × header.size() − 1 bytes long: the
  // reservation never exceeds what the text can hold (about 4 bytes of doubles per byte).
  const std::size_t data_pos = lines.position(), data_line = lines.number();
  std::size_t rows = 0;
  while (lines.next(raw))
    if (!detail::trim(raw).empty() && ++rows > limits::max_frames)
      fail(name, lines.number(),
           "more than " + std::to_string(limits::max_frames) + " frames (arthrokin/io/limits.hpp)");
  lines.rewind(data_pos, data_line);
  rows = std::min(rows, text.size() / (2 * header.size() - 1));
  t.xyz.reserve(rows * n * 3);
  if (per == 4) t.visibility.reserve(rows * n);
  std::string_view l;
  std::size_t line_no = 0;
  while (next_data_row(lines, name, header.size(), l, line_no)) {
    detail::Fields f(l);
    std::string_view cell;
    f.next(cell);
    (void)number(cell, name, line_no, header[0]);  // `frame` must be a number; frames are kept in row order
    for (std::size_t k = 0; k < n; ++k) {
      for (std::size_t c = 0; c < 3; ++c) {
        f.next(cell);
        t.xyz.push_back(number(cell, name, line_no, header[1 + per * k + c]));
      }
      if (per == 4) {
        f.next(cell);
        t.visibility.push_back(visibility(cell, name, line_no, header[1 + per * k + 3], &t.xyz[t.xyz.size() - 3]));
      }
    }
    ++t.frames;
  }
  if (t.frames == 0) fail(name, lines.number(), "no data rows");
  return t;
}

KeypointTable read_keypoints_csv(const std::filesystem::path& path, Layout layout) {
  return parse_keypoints_csv(read_input_file(path), path.string(), layout);
}

}  // namespace arthrokin::io
