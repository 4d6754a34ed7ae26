#include "format_util.hpp"

#include <arthrokin/io/angle_csv.hpp>

#include <cstdio>
#include <ostream>

namespace arthrokin::io {
namespace {

using detail::fail_line;

constexpr std::array<std::string_view, 3> tl_columns{"thoracolumbar_flexion_extension", "thoracolumbar_lateral_flexion",
                                                     "thoracolumbar_axial_rotation"};
constexpr std::array<Axis, 3> tl_axes{Axis::flexion_extension, Axis::lateral_flexion, Axis::axial_rotation};

struct Column {
  int dof = -1;  ///< DofId index, or -1
  int tl = -1;   ///< thoracolumbar axis slot, or -1
  bool radians = false;
};

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> f;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= line.size(); ++i)
    if (i == line.size() || line[i] == ',') {
      f.push_back(detail::trim(line.substr(start, i - start)));
      start = i + 1;
    }
  return f;
}

std::string fmt(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  return buf;
}

}  // namespace

AngleFrames parse_angle_csv(std::string_view text, std::string_view name) {
  AngleFrames out;
  std::vector<Column> cols;
  bool have_header = false;
  std::size_t line_no = 0;
  double last_t = 0;
  std::size_t pos = 0;
  if (text.starts_with("\xEF\xBB\xBF")) pos = 3;  // UTF-8 byte order mark
  while (pos <= text.size()) {
    const auto nl = text.find('\n', pos);
    const std::string_view line = detail::trim(text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos));
    ++line_no;
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    if (line.empty() || line.front() == '#') continue;
    const auto f = split(line);
    if (!have_header) {
      if (f[0] != "time_s")
        fail_line(name, line_no, 1,
                  "header: the first column must be time_s, got '" + std::string(f[0]) +
                      "' (an angle-frame CSV: time_s,<dof>_deg,...)");
      std::bitset<dof_count> seen;
      std::bitset<3> tl_seen;
      for (std::size_t c = 1; c < f.size(); ++c) {
        const std::string_view h = f[c];
        Column col;
        std::string_view stem;
        if (h.ends_with("_deg"))
          stem = h.substr(0, h.size() - 4);
        else if (h.ends_with("_rad"))
          stem = h.substr(0, h.size() - 4), col.radians = true;
        else
          fail_line(name, line_no, c + 1, "header: column '" + std::string(h) + "' has no unit suffix (_deg or _rad)");
        for (std::size_t k = 0; k < 3; ++k)
          if (stem == tl_columns[k]) col.tl = static_cast<int>(k);
        if (col.tl < 0) {
          for (DofId d : all_dofs)
            if (stem == to_string(d)) col.dof = static_cast<int>(index(d));
          if (col.dof < 0)
            fail_line(name, line_no, c + 1,
                      "header: unknown DoF '" + std::string(stem) + "' in column '" + std::string(h) +
                          "' (expected a DoF identifier such as left_hip_flexion_extension, or " +
                          std::string(tl_columns[0]) + "/_lateral_flexion/_axial_rotation)");
          if (seen.test(static_cast<std::size_t>(col.dof)))
            fail_line(name, line_no, c + 1, "header: column '" + std::string(stem) + "' appears twice");
          seen.set(static_cast<std::size_t>(col.dof));
        } else {
          if (tl_seen.test(static_cast<std::size_t>(col.tl)))
            fail_line(name, line_no, c + 1, "header: column '" + std::string(stem) + "' appears twice");
          tl_seen.set(static_cast<std::size_t>(col.tl));
        }
        cols.push_back(col);
      }
      have_header = true;
      continue;
    }
    if (f.size() != cols.size() + 1)
      fail_line(name, line_no, 0,
                "expected " + std::to_string(cols.size() + 1) + " fields (as in the header), got " +
                    std::to_string(f.size()));
    double t = 0;
    if (!detail::csv_number(f[0], t) || std::isnan(t))
      fail_line(name, line_no, 1, "time_s: '" + std::string(f[0]) + "' is not a finite number");
    if (!out.time_s.empty() && !(t > last_t))
      fail_line(name, line_no, 1, "time_s: " + std::string(f[0]) + " does not increase");
    last_t = t;
    Pose p;
    for (std::size_t c = 0; c < cols.size(); ++c) {
      double v = 0;
      if (!detail::csv_number(f[c + 1], v))
        fail_line(name, line_no, c + 2, "'" + std::string(f[c + 1]) + "' is not a number (empty or NaN = unknown)");
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
  return parse_angle_csv(detail::read_text_file(path), path.string());
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
