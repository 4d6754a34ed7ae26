// OpenSim storage files (include/arthrokin/io/opensim.hpp): a header up to `endheader`, a line of
// column names (`time` first), one line of tab- or space-separated numbers per frame. Coordinates
// map onto DoFs through data/reference/model_bounds.csv (`library_dof` and the sign of
// `positive_means`, the mapping `Limits::from_model` uses); docs/formats.md has the table.
#include "format_util.hpp"

#include <arthrokin/io/opensim.hpp>
#include <arthrokin/norms.hpp>

#include <array>
#include <bitset>
#include <charconv>
#include <ostream>

namespace arthrokin::io {
namespace {

using detail::excerpt;
using detail::fail_line;

// ---- the models and their coordinates (docs/formats.md, "OpenSim") --------------------------------

constexpr std::array<OpenSimModel, 5> models{OpenSimModel::gait2392, OpenSimModel::hamner2010,
                                             OpenSimModel::rajagopal2016, OpenSimModel::rajagopal_lai_uhlrich2023,
                                             OpenSimModel::pose2sim};
constexpr unsigned bit(OpenSimModel m) noexcept { return 1u << static_cast<unsigned>(m); }
constexpr unsigned g2392 = bit(OpenSimModel::gait2392), hamner = bit(OpenSimModel::hamner2010),
                   raj = bit(OpenSimModel::rajagopal2016), rlu = bit(OpenSimModel::rajagopal_lai_uhlrich2023),
                   p2s = bit(OpenSimModel::pose2sim);
constexpr unsigned every = g2392 | hamner | raj | rlu | p2s;

/// One coordinate name: `stem` alone (unsided) or `stem` + "_r"/"_l" + `suffix` (sided), and the
/// models that have it. `upper`: an arm coordinate (Hamner2010 takes these rows from its own
/// model_bounds.csv rows, its legs from gait2392's).
struct Coordinate {
  std::string_view stem;
  bool sided;
  unsigned models;
  std::string_view suffix = {};
  bool upper = false;
};

// Names as in the model files: gait2392 and Rajagopal2015 / RajagopalLaiUhlrich2023 / Hamner2010
// (their rows of model_bounds.csv, and conventions.md §7), Pose2Sim from the columns of its demo
// IK result (data/samples/opensim/SOURCE.md).
constexpr Coordinate coordinates[] = {
    {"pelvis_tilt", false, every},
    {"pelvis_list", false, every},
    {"pelvis_rotation", false, every},
    {"pelvis_tx", false, every},
    {"pelvis_ty", false, every},
    {"pelvis_tz", false, every},
    {"hip_flexion", true, every},
    {"hip_adduction", true, every},
    {"hip_rotation", true, every},
    {"knee_angle", true, every},
    {"knee_angle", true, raj | rlu | p2s, "_beta"},
    {"ankle_angle", true, every},
    {"subtalar_angle", true, every},
    {"mtp_angle", true, every},
    {"lumbar_extension", false, g2392 | hamner | raj | rlu},
    {"lumbar_bending", false, g2392 | hamner | raj | rlu},
    {"lumbar_rotation", false, g2392 | hamner | raj | rlu},
    {"arm_flex", true, hamner | raj | rlu | p2s, {}, true},
    {"arm_add", true, hamner | raj | rlu | p2s, {}, true},
    {"arm_rot", true, hamner | raj | rlu | p2s, {}, true},
    {"elbow_flex", true, hamner | raj | rlu | p2s, {}, true},
    {"pro_sup", true, hamner | raj | rlu | p2s, {}, true},
    {"wrist_flex", true, hamner | raj | rlu | p2s, {}, true},
    {"wrist_dev", true, hamner | raj | rlu | p2s, {}, true},
    {"L5_S1_Flex_Ext", false, p2s},
    {"L5_S1_Lat_Bending", false, p2s},
    {"L5_S1_axial_rotation", false, p2s},
    {"L4_L5_Flex_Ext", false, p2s},
    {"L4_L5_Lat_Bending", false, p2s},
    {"L4_L5_axial_rotation", false, p2s},
    {"L3_L4_Flex_Ext", false, p2s},
    {"L3_L4_Lat_Bending", false, p2s},
    {"L3_L4_axial_rotation", false, p2s},
    {"L2_L3_Flex_Ext", false, p2s},
    {"L2_L3_Lat_Bending", false, p2s},
    {"L2_L3_axial_rotation", false, p2s},
    {"L1_L2_Flex_Ext", false, p2s},
    {"L1_L2_Lat_Bending", false, p2s},
    {"L1_L2_axial_rotation", false, p2s},
    {"L1_T12_Flex_Ext", false, p2s},
    {"L1_T12_Lat_Bending", false, p2s},
    {"L1_T12_axial_rotation", false, p2s},
    {"Abs_r3", false, p2s},
    {"Abs_r2", false, p2s},
    {"Abs_r1", false, p2s},
    {"Abs_t1", false, p2s},
    {"Abs_t2", false, p2s},
    {"neck_flexion", false, p2s},
    {"neck_bending", false, p2s},
    {"neck_rotation", false, p2s},
};

/// The model of model_bounds.csv whose rows give `m`'s mapping of a coordinate: Hamner2010's legs
/// and lumbar are gait2392's (those rows are "listed under a column shared by gait2392 and
/// Hamner2010"), the Pose2Sim model's are Rajagopal2016's (its legs are Rajagopal's, with the
/// patella's knee_angle_beta).
std::string_view bounds_model(OpenSimModel m, bool upper) noexcept {
  switch (m) {
    case OpenSimModel::gait2392:
      return "gait2392";
    case OpenSimModel::hamner2010:
      return upper ? "Hamner2010" : "gait2392";
    case OpenSimModel::rajagopal2016:
    case OpenSimModel::pose2sim:
      return "Rajagopal2016";
    case OpenSimModel::rajagopal_lai_uhlrich2023:
      return "RajagopalLaiUhlrich2023";
    case OpenSimModel::automatic:
      break;
  }
  return {};
}

/// Where a coordinate goes in model `m`: a DoF and a sign, or nothing (no one-to-one DoF).
struct Target {
  int dof = -1;  ///< DofId index, or -1
  int sign = 0;
  friend bool operator==(const Target&, const Target&) = default;
};

Target target_in(const Coordinate& c, Side side, OpenSimModel m) {
  if (!c.suffix.empty()) return {};  // knee_angle_beta: the patella's coupled coordinate
  const std::string_view bm = bounds_model(m, c.upper);
  for (const auto& b : model_bounds) {
    if (b.model != bm || b.coordinate != c.stem || !b.dof_axis) continue;
    const auto d = find_dof(b.dof_axis->first, b.dof_axis->second, c.sided ? side : Side::none);
    if (!d) return {};
    return {static_cast<int>(index(*d)), b.sign};
  }
  return {};
}

std::string coordinate_name(const Coordinate& c, Side side) {
  std::string n(c.stem);
  if (c.sided) n.append(side == Side::left ? "_l" : "_r").append(c.suffix);
  return n;
}

/// The coordinate a column names, and its side; nullptr if none.
const Coordinate* find_coordinate(std::string_view name, Side& side) {
  for (const auto& c : coordinates) {
    if (!c.sided) {
      if (name == c.stem) return side = Side::none, &c;
      continue;
    }
    if (!name.starts_with(c.stem)) continue;
    const std::string_view rest = name.substr(c.stem.size());
    if (rest.size() != 2 + c.suffix.size() || rest.substr(2) != c.suffix) continue;
    if (rest.substr(0, 2) == "_r") return side = Side::right, &c;
    if (rest.substr(0, 2) == "_l") return side = Side::left, &c;
  }
  return nullptr;
}

constexpr std::array<std::string_view, 3> tl_columns{"thoracolumbar_flexion_extension", "thoracolumbar_lateral_flexion",
                                                     "thoracolumbar_axial_rotation"};
constexpr std::array<Axis, 3> tl_axes{Axis::flexion_extension, Axis::lateral_flexion, Axis::axial_rotation};

/// What one column holds.
struct Column {
  int dof = -1;  ///< DofId index, or -1
  int tl = -1;   ///< thoracolumbar slot, or -1
  int sign = 1;
  const Coordinate* coordinate = nullptr;  ///< an OpenSim coordinate (dof -1 once resolved: ignored)
  Side side = Side::none;
};

/// The fields of a line separated by runs of tabs and spaces (no allocation).
class Cells {
 public:
  explicit Cells(std::string_view line) : line_(line) {}
  bool next(std::string_view& cell) {
    while (pos_ < line_.size() && (line_[pos_] == ' ' || line_[pos_] == '\t' || line_[pos_] == '\r')) ++pos_;
    if (pos_ >= line_.size()) return false;
    const std::size_t start = pos_;
    while (pos_ < line_.size() && line_[pos_] != ' ' && line_[pos_] != '\t' && line_[pos_] != '\r') ++pos_;
    cell = line_.substr(start, pos_ - start);
    return true;
  }

 private:
  std::string_view line_;
  std::size_t pos_ = 0;
};

std::size_t cell_count(std::string_view line) {
  Cells c(line);
  std::string_view s;
  std::size_t n = 0;
  while (c.next(s)) ++n;
  return n;
}

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

/// A non-negative count of the header (nRows, nColumns, datarows, datacolumns).
std::uint64_t header_count(std::string_view v, std::string_view key, std::string_view name, std::size_t line) {
  v = detail::trim(v);
  std::uint64_t n = 0;
  const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc() || p != v.data() + v.size())
    fail_line(name, line, 0,
              "header: " + std::string(key) + ": " + excerpt(v) + " is not a count (a non-negative integer)");
  return n;
}

std::string lower(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return o;
}

}  // namespace

std::string_view to_string(OpenSimModel m) noexcept {
  switch (m) {
    case OpenSimModel::automatic:
      return "auto";
    case OpenSimModel::gait2392:
      return "gait2392";
    case OpenSimModel::hamner2010:
      return "Hamner2010";
    case OpenSimModel::rajagopal2016:
      return "Rajagopal2016";
    case OpenSimModel::rajagopal_lai_uhlrich2023:
      return "RajagopalLaiUhlrich2023";
    case OpenSimModel::pose2sim:
      return "Pose2Sim";
  }
  return "?";
}

std::optional<OpenSimModel> parse_opensim_model(std::string_view name) noexcept {
  for (auto m : {OpenSimModel::automatic, OpenSimModel::gait2392, OpenSimModel::hamner2010, OpenSimModel::rajagopal2016,
                 OpenSimModel::rajagopal_lai_uhlrich2023, OpenSimModel::pose2sim})
    if (name == to_string(m)) return m;
  if (name == "gait2354") return OpenSimModel::gait2392;
  if (name == "Rajagopal2015") return OpenSimModel::rajagopal2016;
  if (name == "LaiUhlrich2022") return OpenSimModel::rajagopal_lai_uhlrich2023;
  return std::nullopt;
}

std::string opensim_model_names() {
  return "auto, gait2392 (or gait2354), Hamner2010, Rajagopal2016 (or Rajagopal2015), RajagopalLaiUhlrich2023 (or "
         "LaiUhlrich2022), Pose2Sim";
}

OpenSimMotion parse_opensim(std::string_view text, std::string_view name, OpenSimModel model) {
  detail::check_size(text, name, limits::max_file_bytes);
  text = detail::skip_bom(text);
  OpenSimMotion out;
  detail::Lines lines(text, name);
  std::string_view line;

  // ---- header, up to `endheader` ----
  std::optional<bool> in_degrees;
  std::optional<std::uint64_t> n_rows, n_columns;
  bool ended = false;
  while (lines.next(line)) {
    const std::string_view t = detail::trim(line);
    if (t == "endheader") {
      ended = true;
      break;
    }
    Cells first_cells(t);
    std::string_view first;
    if (first_cells.next(first) && first == "time" && lines.number() > 1)
      fail_line(name, lines.number(), 1,
                "header: a line of columns ('time ...') before the 'endheader' line that ends the header");
    if (const auto eq = t.find('='); eq != std::string_view::npos) {
      const std::string_view key = detail::trim(t.substr(0, eq)), value = detail::trim(t.substr(eq + 1));
      if (key == "inDegrees") {
        if (in_degrees) fail_line(name, lines.number(), 0, "header: inDegrees appears twice");
        const std::string v = lower(value);
        if (v != "yes" && v != "no")
          fail_line(name, lines.number(), 0, "header: inDegrees=" + excerpt(value) + ": expected yes or no");
        in_degrees = v == "yes";
      } else if (key == "nRows") {
        if (n_rows) fail_line(name, lines.number(), 0, "header: nRows appears twice");
        n_rows = header_count(value, key, name, lines.number());
      } else if (key == "nColumns") {
        if (n_columns) fail_line(name, lines.number(), 0, "header: nColumns appears twice");
        n_columns = header_count(value, key, name, lines.number());
      }
    } else if (t.starts_with("datarows ") || t.starts_with("datacolumns ")) {
      const bool rows = t.starts_with("datarows ");
      auto& n = rows ? n_rows : n_columns;
      const std::string_view key = rows ? "datarows" : "datacolumns";
      if (n) fail_line(name, lines.number(), 0, "header: " + std::string(key) + " given twice");
      n = header_count(t.substr(key.size()), key, name, lines.number());
    }
  }
  if (lines.number() == 0) fail_line(name, 1, 0, "empty file (no header)");
  if (!ended)
    fail_line(name, lines.number(), 0,
              "no 'endheader' line: the header of an OpenSim storage file ends with a line 'endheader' "
              "(truncated file?)");
  const std::size_t endheader_line = lines.number();
  if (!in_degrees)
    fail_line(name, endheader_line, 0,
              "header: no inDegrees=yes or inDegrees=no line: the unit of the angles is not stated");
  out.in_degrees = *in_degrees;

  // ---- the column names ----
  bool have_columns = false;
  while (lines.next(line))
    if (!blank(line)) {
      have_columns = true;
      break;
    }
  if (!have_columns)
    fail_line(name, lines.number() + 1, 0, "no line of column names after 'endheader' (truncated file?)");
  const std::size_t columns_line = lines.number();
  std::vector<Column> cols;
  {
    Cells c(line);
    std::string_view h;
    c.next(h);
    if (h != "time") fail_line(name, columns_line, 1, "the first column must be time, got " + excerpt(h));
    std::bitset<dof_count> dof_seen;
    std::bitset<3> tl_seen;
    // Every accepted name is from a vocabulary of about 200 (an unknown one stops the loop), so
    // this quadratic search for a repeated name costs at most about 200² comparisons.
    std::vector<std::string_view> names;
    for (std::size_t k = 2; c.next(h); ++k) {
      for (auto n : names)
        if (n == h) fail_line(name, columns_line, k, "column " + excerpt(h) + " appears twice");
      names.push_back(h);
      Column col;
      if (const Coordinate* coord = find_coordinate(h, col.side)) {
        if (model != OpenSimModel::automatic && !(coord->models & bit(model)))
          fail_line(name, columns_line, k,
                    "column " + excerpt(h) + " is not a coordinate of the " + std::string(to_string(model)) +
                        " model (docs/formats.md, \"OpenSim\")");
        col.coordinate = coord;
      } else {
        for (std::size_t s = 0; s < 3; ++s)
          if (h == tl_columns[s]) col.tl = static_cast<int>(s);
        for (DofId d : all_dofs)
          if (h == to_string(d)) col.dof = static_cast<int>(index(d));
        if (col.tl < 0 && col.dof < 0)
          fail_line(name, columns_line, k,
                    "unknown column " + excerpt(h) +
                        ": not a coordinate of gait2392, Hamner2010, Rajagopal2016, RajagopalLaiUhlrich2023 or "
                        "Pose2Sim (docs/formats.md, \"OpenSim\"), nor an arthrokin DoF identifier");
        if (col.tl >= 0) {
          if (tl_seen.test(static_cast<std::size_t>(col.tl)))
            fail_line(name, columns_line, k, "column " + excerpt(h) + " appears twice");
          tl_seen.set(static_cast<std::size_t>(col.tl));
        }
      }
      cols.push_back(col);
    }
    if (n_columns && *n_columns != cols.size() + 1)
      fail_line(name, columns_line, 0,
                "the header says nColumns=" + std::to_string(*n_columns) + ", this line names " +
                    std::to_string(cols.size() + 1) + " columns");

    // The models the file may come from: those having every coordinate column (or the one given).
    unsigned candidates = model == OpenSimModel::automatic ? every : bit(model);
    for (const auto& col : cols)
      if (col.coordinate) candidates &= col.coordinate->models;
    if (candidates == 0)
      fail_line(name, columns_line, 0,
                "these columns are not the coordinates of any one model of docs/formats.md (\"OpenSim\"); give the "
                "model");
    std::size_t candidate_count = 0;
    for (auto m : models)
      if (candidates & bit(m)) ++candidate_count, out.model = m;
    if (candidate_count != 1) out.model = OpenSimModel::automatic;

    // Each coordinate's DoF and sign, which every candidate model must agree on.
    for (std::size_t k = 0; k < cols.size(); ++k) {
      Column& col = cols[k];
      if (!col.coordinate) continue;
      std::optional<Target> agreed;
      std::string disagree;
      for (auto m : models) {
        if (!(candidates & bit(m))) continue;
        const Target t = target_in(*col.coordinate, col.side, m);
        if (!agreed) agreed = t;
        if (*agreed != t) disagree = "differs between the models this file may come from";
      }
      if (!disagree.empty())
        fail_line(name, columns_line, k + 2,
                  "column " + excerpt(coordinate_name(*col.coordinate, col.side)) + ": its sign " + disagree +
                      " (knee_angle: extension-positive in gait2392 and Hamner2010, flexion-positive in the "
                      "Rajagopal and Pose2Sim models); give the model (" +
                      opensim_model_names() + ")");
      col.dof = agreed->dof;
      col.sign = agreed->sign;
      const std::string cname = coordinate_name(*col.coordinate, col.side);
      if (col.dof < 0) {
        out.ignored.push_back(cname);
      } else {
        out.mapped.push_back(cname + " -> " + std::string(to_string(static_cast<DofId>(col.dof))) +
                             (col.sign < 0 ? " (negated)" : ""));
      }
    }
    for (std::size_t k = 0; k < cols.size(); ++k) {
      if (cols[k].dof < 0) continue;
      if (dof_seen.test(static_cast<std::size_t>(cols[k].dof)))
        fail_line(name, columns_line, k + 2,
                  "a second column gives " + std::string(to_string(static_cast<DofId>(cols[k].dof))));
      dof_seen.set(static_cast<std::size_t>(cols[k].dof));
    }
  }

  // ---- count the rows before allocating a pose each: refuse beyond max_frames first ----
  const std::size_t data_pos = lines.position(), data_line = lines.number();
  std::size_t rows = 0;
  while (lines.next(line)) {
    if (blank(line)) continue;
    if (++rows > limits::max_frames)
      fail_line(name, lines.number(), 0,
                "more than " + std::to_string(limits::max_frames) + " frames (arthrokin/io/limits.hpp)");
  }
  if (n_rows && *n_rows != rows)
    fail_line(name, lines.number(), 0,
              "the header says nRows=" + std::to_string(*n_rows) + ", the file has " + std::to_string(rows) +
                  " rows of data (truncated file?)");
  lines.rewind(data_pos, data_line);
  out.time_s.reserve(rows);
  out.poses.reserve(rows);

  // ---- the rows ----
  double last_t = 0;
  while (lines.next(line)) {
    if (blank(line)) continue;
    const std::size_t line_no = lines.number();
    if (const std::size_t n = cell_count(line); n != cols.size() + 1)
      fail_line(
          name, line_no, 0,
          "expected " + std::to_string(cols.size() + 1) + " values (as the column names), got " + std::to_string(n));
    Cells c(line);
    std::string_view cell;
    c.next(cell);
    double t = 0;
    if (!detail::csv_number(cell, t) || std::isnan(t))
      fail_line(name, line_no, 1,
                "time: " + excerpt(cell) + " " +
                    std::string(std::isnan(t) ? "is not a number" : detail::csv_number_problem(cell)));
    if (!out.time_s.empty() && !(t > last_t))
      fail_line(name, line_no, 1, "time: " + excerpt(cell) + " does not increase");
    last_t = t;
    Pose p;
    for (std::size_t k = 0; k < cols.size(); ++k) {
      c.next(cell);
      double v = 0;
      if (!detail::csv_number(cell, v))
        fail_line(name, line_no, k + 2,
                  excerpt(cell) + " " + std::string(detail::csv_number_problem(cell)) + " (NaN = unknown)");
      if (std::isnan(v)) continue;
      const Column& col = cols[k];
      if (col.dof < 0 && col.tl < 0) continue;  // a coordinate with no DoF: checked, not used
      const Angle a = out.in_degrees ? degrees(v * col.sign) : radians(v * col.sign);
      if (col.dof >= 0)
        p.set(static_cast<DofId>(col.dof), a);
      else
        p.set_thoracolumbar(tl_axes[static_cast<std::size_t>(col.tl)], a);
    }
    out.time_s.push_back(t);
    out.poses.push_back(p);
  }
  return out;
}

OpenSimMotion read_opensim(const std::filesystem::path& path, OpenSimModel model) {
  return parse_opensim(read_input_file(path), path.string(), model);
}

void write_opensim_mot(std::ostream& out, const AngleFrames& frames, OpenSimModel columns, std::string_view name) {
  struct Out {
    std::string name;
    int dof = -1, tl = -1, sign = 1;
  };
  std::bitset<dof_count> observed;
  std::bitset<3> tl_observed;
  for (const Pose& p : frames.poses) {
    observed |= p.observed_mask();
    const Eigen::Vector3d tl = p.thoracolumbar_radians();
    for (int k = 0; k < 3; ++k)
      if (!std::isnan(tl[k])) tl_observed.set(static_cast<std::size_t>(k));
  }
  std::vector<Out> cols;
  if (columns == OpenSimModel::automatic) {
    for (DofId d : all_dofs)
      if (observed.test(index(d))) cols.push_back({std::string(to_string(d)), static_cast<int>(index(d)), -1, 1});
    for (int k = 0; k < 3; ++k)
      if (tl_observed.test(static_cast<std::size_t>(k)))
        cols.push_back({std::string(tl_columns[static_cast<std::size_t>(k)]), -1, k, 1});
  } else {
    for (Side side : {Side::right, Side::left})
      for (const auto& c : coordinates) {
        if (!(c.models & bit(columns)) || (!c.sided && side == Side::left)) continue;
        const Target t = target_in(c, side, columns);
        if (t.dof >= 0 && observed.test(static_cast<std::size_t>(t.dof)))
          cols.push_back({coordinate_name(c, side), t.dof, -1, t.sign});
      }
  }
  // Every value must have a finite value in degrees: checked before anything is written.
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const Eigen::Vector3d tl = frames.poses[i].thoracolumbar_radians();
    for (const auto& c : cols) {
      const double r = c.dof >= 0 ? frames.poses[i].as_radians()[c.dof] : tl[c.tl];
      if (!std::isnan(r) && !std::isfinite(rad_to_deg(r)))
        arthrokin::detail::raise("write_opensim_mot: " + c.name + " of frame " + std::to_string(i) + " is " +
                                 arthrokin::detail::format_number("%g", r) +
                                 " rad, which has no finite value in degrees");
    }
  }
  if (frames.time_s.size() != frames.poses.size())
    arthrokin::detail::raise("write_opensim_mot: " + std::to_string(frames.time_s.size()) + " times for " +
                             std::to_string(frames.poses.size()) + " poses");
  // The name line must not read as a header line: one line, no '=' (a key), not a count or endheader.
  std::string text = detail::valid_utf8_text(name);
  for (char& ch : text)
    if (ch == '\n' || ch == '\r' || ch == '=') ch = ' ';
  const std::string_view t = detail::trim(text);
  if (t.empty() || t == "endheader" || t.starts_with("datarows") || t.starts_with("datacolumns"))
    text = "arthrokin joint angles: " + text;
  out << text << '\n'
      << "version=1\nnRows=" << frames.size() << "\nnColumns=" << cols.size() + 1 << "\ninDegrees=yes\nendheader\n";
  out << "time";
  for (const auto& c : cols) out << '\t' << c.name;
  out << '\n';
  for (std::size_t i = 0; i < frames.size(); ++i) {
    out << arthrokin::detail::format_number("%.17g", frames.time_s[i]);
    const Pose& p = frames.poses[i];
    const Eigen::Vector3d tl = p.thoracolumbar_radians();
    for (const auto& c : cols) {
      const double r = c.dof >= 0 ? p.as_radians()[c.dof] : tl[c.tl];
      out << '\t'
          << (std::isnan(r) ? std::string("NaN") : arthrokin::detail::format_number("%.12f", c.sign * rad_to_deg(r)));
    }
    out << '\n';
  }
}

}  // namespace arthrokin::io
