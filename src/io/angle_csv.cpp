// Angle-frame CSV reader and writer (include/arthrokin/io/angle_csv.hpp): `time_s` then one column per
// DoF or thoracolumbar axis, each with its unit suffix (_deg or _rad); one row per frame.
#include "format_util.hpp"

#include <arthrokin/io/angle_csv.hpp>

#include <cstdio>
#include <ostream>

namespace arthrokin::io {
namespace {

using detail::excerpt;
using detail::fail_line;

constexpr std::array<std::string_view, 3> tl_columns{"thoracolumbar_flexion_extension", "thoracolumbar_lateral_flexion",
                                                     "thoracolumbar_axial_rotation"};
constexpr std::array<Axis, 3> tl_axes{Axis::flexion_extension, Axis::lateral_flexion, Axis::axial_rotation};

/// What one CSV column holds: a DoF, or a thoracolumbar total (exactly one of dof/tl is set).
struct Column {
  int dof = -1;  ///< DofId index, or -1
  int tl = -1;   ///< thoracolumbar axis slot, or -1
  bool radians = false;
};

/// Six decimals: 1e-6 degree is far below any measurement, and rows stay short and diffable.
std::string fmt(double v) { return arthrokin::detail::format_number("%.6f", v); }

}  // namespace

AngleFrames parse_angle_csv(std::string_view text, std::string_view name) {
  detail::check_size(text, name, limits::max_file_bytes);
  text = detail::skip_bom(text);
  AngleFrames out;
  std::vector<Column> cols;
  bool have_header = false;
  double last_t = 0;
  detail::Lines lines(text, name);
  std::string_view line;
  // Blank lines and `#` comments may appear anywhere; the first other line is the header.
  while (lines.next(line)) {
    line = detail::trim(line);
    if (line.empty() || line.front() == '#') continue;
    const std::size_t line_no = lines.number();
    if (!have_header) {
      detail::Fields f(line);
      std::string_view h;
      f.next(h);
      if (h != "time_s")
        fail_line(name, line_no, 1,
                  "header: the first column must be time_s, got " + excerpt(h) +
                      " (an angle-frame CSV: time_s,<dof>_deg,...)");
      std::bitset<dof_count> seen;
      std::bitset<3> tl_seen;
      for (std::size_t c = 1; f.next(h); ++c) {
        Column col;
        std::string_view stem;
        if (h.ends_with("_deg"))
          stem = h.substr(0, h.size() - 4);
        else if (h.ends_with("_rad"))
          stem = h.substr(0, h.size() - 4), col.radians = true;
        else
          fail_line(name, line_no, c + 1, "header: column " + excerpt(h) + " has no unit suffix (_deg or _rad)");
        for (std::size_t k = 0; k < 3; ++k)
          if (stem == tl_columns[k]) col.tl = static_cast<int>(k);
        if (col.tl < 0) {
          for (DofId d : all_dofs)
            if (stem == to_string(d)) col.dof = static_cast<int>(index(d));
          if (col.dof < 0)
            fail_line(name, line_no, c + 1,
                      "header: unknown DoF " + excerpt(stem) + " in column " + excerpt(h) +
                          " (expected a DoF identifier such as left_hip_flexion_extension, or " +
                          std::string(tl_columns[0]) + "/_lateral_flexion/_axial_rotation)");
          if (seen.test(static_cast<std::size_t>(col.dof)))
            fail_line(name, line_no, c + 1, "header: column " + excerpt(stem) + " appears twice");
          seen.set(static_cast<std::size_t>(col.dof));
        } else {
          if (tl_seen.test(static_cast<std::size_t>(col.tl)))
            fail_line(name, line_no, c + 1, "header: column " + excerpt(stem) + " appears twice");
          tl_seen.set(static_cast<std::size_t>(col.tl));
        }
        cols.push_back(col);
      }
      have_header = true;
      // Count the data lines before allocating one pose each: refuse beyond max_frames first.
      const std::size_t data_pos = lines.position(), data_line = lines.number();
      std::size_t rows = 0;
      while (lines.next(line)) {
        line = detail::trim(line);
        if (line.empty() || line.front() == '#') continue;
        if (++rows > limits::max_frames)
          fail_line(name, lines.number(), 0,
                    "more than " + std::to_string(limits::max_frames) + " frames (arthrokin/io/limits.hpp)");
      }
      lines.rewind(data_pos, data_line);
      out.time_s.reserve(rows);
      out.poses.reserve(rows);
      continue;
    }
    if (const std::size_t n = detail::field_count(line); n != cols.size() + 1)
      fail_line(name, line_no, 0,
                "expected " + std::to_string(cols.size() + 1) + " fields (as in the header), got " + std::to_string(n));
    detail::Fields f(line);
    std::string_view cell;
    f.next(cell);
    double t = 0;
    if (!detail::csv_number(cell, t) || std::isnan(t))
      fail_line(name, line_no, 1,
                "time_s: " + excerpt(cell) + " " +
                    std::string(std::isnan(t) ? "is not a number" : detail::csv_number_problem(cell)));
    // time_s strictly increases: a repeated or backward time is an error, never a silent reordering.
    if (!out.time_s.empty() && !(t > last_t))
      fail_line(name, line_no, 1, "time_s: " + excerpt(cell) + " does not increase");
    last_t = t;
    Pose p;
    for (std::size_t c = 0; c < cols.size(); ++c) {
      f.next(cell);
      double v = 0;
      if (!detail::csv_number(cell, v))
        fail_line(name, line_no, c + 2,
                  excerpt(cell) + " " + std::string(detail::csv_number_problem(cell)) + " (empty or NaN = unknown)");
      if (std::isnan(v)) continue;
      const Angle a = cols[c].radians ? radians(v) : degrees(v);
      if (cols[c].dof >= 0)
        p.set(static_cast<DofId>(cols[c].dof), a);
      else
        p.set_thoracolumbar(tl_axes[static_cast<std::size_t>(cols[c].tl)], a);
    }
    out.time_s.push_back(t);
    out.poses.push_back(p);
  }
  if (!have_header) fail_line(name, 1, 0, "empty file (no header)");
  return out;
}

AngleFrames read_angle_csv(const std::filesystem::path& path) {
  return parse_angle_csv(read_input_file(path), path.string());
}

std::string angle_csv_header() {
  std::string h = "time_s";
  for (DofId d : all_dofs) h.append(",").append(to_string(d)).append("_deg");
  for (auto n : tl_columns) h.append(",").append(n).append("_deg");
  return h;
}

std::string angle_csv_row(double time_s, const Pose& pose) {
  std::string r = fmt(time_s);
  for (DofId d : all_dofs) {
    r += ',';
    if (const auto a = pose.get(d)) r += fmt(to_degrees(*a));
  }
  // Thoracolumbar totals: only those set without a split (a split's sum is derivable from the columns).
  const Eigen::Vector3d tl = pose.thoracolumbar_radians();
  for (int k = 0; k < 3; ++k) {
    r += ',';
    if (!std::isnan(tl[k])) r += fmt(rad_to_deg(tl[k]));
  }
  return r;
}

void write_angle_csv(std::ostream& out, const AngleFrames& frames) {
  out << angle_csv_header() << '\n';
  for (std::size_t i = 0; i < frames.size(); ++i) out << angle_csv_row(frames.time_s[i], frames.poses[i]) << '\n';
}

}  // namespace arthrokin::io
