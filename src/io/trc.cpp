// .trc marker trajectories (include/arthrokin/io/trc.hpp): five header lines, then one tab-separated
// line per frame. Markers are mapped by Pose2Sim's names onto BlazePose-33 keypoints.
#include "format_util.hpp"

#include <arthrokin/io/trc.hpp>

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>

namespace arthrokin::io {
namespace {

using detail::excerpt;
using detail::fail_line;

/// A Pose2Sim marker name and its BlazePose-33 index and landmark name.
struct MarkerName {
  std::string_view marker;
  std::size_t index;
  std::string_view landmark;
};

// Pose2Sim's skeletons (BODY_25B, HALPE_26, COCO_17, BLAZEPOSE) name their markers this way; the
// indices are the BlazePose landmark order of kinematics/layout.hpp.
constexpr MarkerName marker_names[] = {
    {"Nose", 0, "nose"},
    {"LEyeInner", 1, "left_eye_inner"},
    {"LEye", 2, "left_eye"},
    {"LEyeOuter", 3, "left_eye_outer"},
    {"REyeInner", 4, "right_eye_inner"},
    {"REye", 5, "right_eye"},
    {"REyeOuter", 6, "right_eye_outer"},
    {"LEar", 7, "left_ear"},
    {"REar", 8, "right_ear"},
    {"LMouth", 9, "mouth_left"},
    {"RMouth", 10, "mouth_right"},
    {"LShoulder", 11, "left_shoulder"},
    {"RShoulder", 12, "right_shoulder"},
    {"LElbow", 13, "left_elbow"},
    {"RElbow", 14, "right_elbow"},
    {"LWrist", 15, "left_wrist"},
    {"RWrist", 16, "right_wrist"},
    {"LPinky", 17, "left_pinky"},
    {"RPinky", 18, "right_pinky"},
    {"LIndex", 19, "left_index"},
    {"RIndex", 20, "right_index"},
    {"LThumb", 21, "left_thumb"},
    {"RThumb", 22, "right_thumb"},
    {"LHip", 23, "left_hip"},
    {"RHip", 24, "right_hip"},
    {"LKnee", 25, "left_knee"},
    {"RKnee", 26, "right_knee"},
    {"LAnkle", 27, "left_ankle"},
    {"RAnkle", 28, "right_ankle"},
    {"LHeel", 29, "left_heel"},
    {"RHeel", 30, "right_heel"},
    {"LBigToe", 31, "left_foot_index"},
    {"RBigToe", 32, "right_foot_index"},
};

constexpr std::size_t blazepose_points = 33;

/// The tab-separated fields of a line, one at a time (no allocation). A trailing CR is dropped.
class Tabs {
 public:
  explicit Tabs(std::string_view line) : line_(line) {
    if (line_.ends_with('\r')) line_.remove_suffix(1);
  }
  bool next(std::string_view& field) {
    if (done_) return false;
    const std::size_t t = line_.find('\t', pos_);
    if (t == std::string_view::npos) {
      field = line_.substr(pos_);
      done_ = true;
    } else {
      field = line_.substr(pos_, t - pos_);
      pos_ = t + 1;
    }
    return true;
  }

 private:
  std::string_view line_;
  std::size_t pos_ = 0;
  bool done_ = false;
};

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

/// A count of the header (NumFrames, NumMarkers).
std::uint64_t header_count(std::string_view v, std::string_view key, std::string_view name, std::size_t line,
                           std::size_t column) {
  v = detail::trim(v);
  std::uint64_t n = 0;
  const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc() || p != v.data() + v.size())
    fail_line(name, line, column, std::string(key) + ": " + excerpt(v) + " is not a count (a non-negative integer)");
  return n;
}

}  // namespace

TrcMarkers parse_trc(std::string_view text, std::string_view name) {
  detail::check_size(text, name, limits::max_file_bytes);
  text = detail::skip_bom(text);
  detail::Lines lines(text, name);
  std::string_view line;
  TrcMarkers out;

  // Line 1: PathFileType.
  if (!lines.next(line) || blank(line)) fail_line(name, 1, 0, "empty file (expected a .trc header: PathFileType ...)");
  if (!detail::trim(line).starts_with("PathFileType"))
    fail_line(name, 1, 1, "expected 'PathFileType' (a .trc file's first line), got " + excerpt(detail::trim(line)));

  // Lines 2 and 3: header keys and their values.
  if (!lines.next(line))
    fail_line(name, 2, 0, "missing the header keys line (DataRate ... NumFrames NumMarkers Units)");
  std::vector<std::string_view> keys;
  {
    Tabs t(line);
    std::string_view f;
    while (t.next(f)) {
      keys.push_back(detail::trim(f));
      if (keys.size() > 64) fail_line(name, 2, keys.size(), "more than 64 header keys");
    }
  }
  if (!lines.next(line)) fail_line(name, 3, 0, "missing the header values line");
  std::optional<double> rate;
  std::optional<std::uint64_t> num_frames, num_markers;
  std::optional<std::string> units;
  {
    Tabs t(line);
    std::string_view f;
    std::size_t k = 0;
    while (t.next(f)) {
      ++k;
      if (k > keys.size()) {
        if (blank(f)) continue;
        fail_line(name, 3, k, "a header value with no key on line 2: " + excerpt(f));
      }
      const std::string_view key = keys[k - 1];
      f = detail::trim(f);
      if (key == "DataRate") {
        double v = 0;
        if (!detail::csv_number(f, v) || !(v > 0) || !std::isfinite(v))
          fail_line(name, 3, k, "DataRate: " + excerpt(f) + " is not a positive number of frames per second");
        rate = v;
      } else if (key == "NumFrames") {
        num_frames = header_count(f, key, name, 3, k);
        if (*num_frames > limits::max_frames)
          fail_line(name, 3, k,
                    "NumFrames: " + std::to_string(*num_frames) + " is more than the limit of " +
                        std::to_string(limits::max_frames) + " frames (arthrokin/io/limits.hpp)");
      } else if (key == "NumMarkers") {
        num_markers = header_count(f, key, name, 3, k);
      } else if (key == "Units") {
        if (f != "m" && f != "mm" && f != "cm")
          fail_line(name, 3, k, "Units: " + excerpt(f) + " is not a length unit arthrokin reads (m, mm or cm)");
        units = std::string(f);
      }
    }
  }
  for (const auto& [present, key] : {std::pair{rate.has_value(), "DataRate"},
                                     {num_frames.has_value(), "NumFrames"},
                                     {num_markers.has_value(), "NumMarkers"},
                                     {units.has_value(), "Units"}})
    if (!present) fail_line(name, 2, 0, std::string("the header has no ") + key + " (lines 2 and 3)");
  out.data_rate_hz = *rate;
  out.units = *units;
  const double to_metres = out.units == "m" ? 1.0 : out.units == "cm" ? 0.01 : 0.001;

  // Line 4: Frame#, Time, marker names (each in the first of its three columns).
  if (!lines.next(line)) fail_line(name, 4, 0, "missing the marker names line (Frame# Time <marker> ...)");
  std::vector<int> target;  // BlazePose index of each marker, or -1
  {
    Tabs t(line);
    std::string_view f;
    std::size_t k = 0;
    while (t.next(f)) {
      ++k;
      f = detail::trim(f);
      if (k == 1 && f != "Frame#") fail_line(name, 4, 1, "expected 'Frame#', got " + excerpt(f));
      if (k == 2 && f != "Time") fail_line(name, 4, 2, "expected 'Time', got " + excerpt(f));
      if (k <= 2 || f.empty()) continue;
      if ((k - 3) % 3 != 0)
        fail_line(name, 4, k,
                  "marker name " + excerpt(f) + " is not in the first column of a marker (columns 3, 6, 9, ...)");
      if (out.markers.size() >= *num_markers)
        fail_line(name, 4, k,
                  "marker " + excerpt(f) + ": more marker names than NumMarkers=" + std::to_string(*num_markers));
      for (const auto& m : out.markers)
        if (m == f) fail_line(name, 4, k, "marker " + excerpt(f) + " is named twice");
      out.markers.emplace_back(f);
      const MarkerName* known = nullptr;
      for (const auto& mn : marker_names)
        if (mn.marker == f) known = &mn;
      target.push_back(known ? static_cast<int>(known->index) : -1);
      if (known)
        out.mapped.push_back(std::string(f) + " -> " + std::string(known->landmark));
      else
        out.ignored.emplace_back(f);
    }
    if (k < 2) fail_line(name, 4, 0, "expected 'Frame#' and 'Time' and the marker names");
  }
  if (out.markers.size() != *num_markers)
    fail_line(name, 4, 0,
              "the header says NumMarkers=" + std::to_string(*num_markers) + ", this line names " +
                  std::to_string(out.markers.size()) + " markers");
  const std::size_t m = out.markers.size();

  // Line 5: the coordinate labels, 3 per marker.
  if (!lines.next(line)) fail_line(name, 5, 0, "missing the coordinate labels line (X1 Y1 Z1 ...)");
  {
    Tabs t(line);
    std::string_view f;
    std::size_t labels = 0;
    while (t.next(f)) labels += !detail::trim(f).empty();
    if (labels != 3 * m)
      fail_line(name, 5, 0,
                "expected " + std::to_string(3 * m) + " coordinate labels (X Y Z for each of " + std::to_string(m) +
                    " markers), got " + std::to_string(labels));
  }

  // Data: count the lines first, so that a wrong count allocates nothing.
  const std::size_t data_pos = lines.position(), data_line = lines.number();
  std::uint64_t rows = 0;
  while (lines.next(line))
    if (!blank(line) && ++rows > *num_frames) break;
  if (rows != *num_frames)
    fail_line(name, lines.number(), 0,
              "the header says NumFrames=" + std::to_string(*num_frames) + ", the file has " +
                  (rows > *num_frames ? "more" : std::to_string(rows)) + " rows of data" +
                  (rows < *num_frames ? " (truncated file?)" : ""));
  lines.rewind(data_pos, data_line);
  const std::size_t n = *num_frames;
  out.time_s.reserve(n);
  out.keypoints.layout = Layout::blazepose33;
  out.keypoints.frames = n;
  out.keypoints.xyz.assign(n * blazepose_points * 3, std::numeric_limits<double>::quiet_NaN());
  out.keypoints.visibility.assign(n * blazepose_points, 0.0);
  for (std::size_t r = 0; r < n;) {
    lines.next(line);
    if (blank(line)) continue;
    const std::size_t ln = lines.number();
    Tabs t(line);
    std::string_view f;
    std::size_t k = 0;
    double xyz[3] = {0, 0, 0};
    double* kp = out.keypoints.xyz.data() + r * blazepose_points * 3;
    double* vis = out.keypoints.visibility.data() + r * blazepose_points;
    while (t.next(f)) {
      ++k;
      double v = 0;
      if (k == 1) {
        if (!detail::csv_number(f, v) || std::isnan(v))
          fail_line(name, ln, k, "Frame#: " + excerpt(detail::trim(f)) + " is not a number");
        continue;
      }
      if (k == 2) {
        if (!detail::csv_number(f, v) || std::isnan(v))
          fail_line(name, ln, k, "Time: " + excerpt(detail::trim(f)) + " is not a finite number");
        if (!out.time_s.empty() && !(v > out.time_s.back()))
          fail_line(name, ln, k, "Time: " + excerpt(detail::trim(f)) + " does not increase (times must increase)");
        out.time_s.push_back(v);
        continue;
      }
      const std::size_t c = k - 3, marker = c / 3;
      if (marker >= m) {
        if (detail::trim(f).empty()) continue;  // trailing tabs
        fail_line(name, ln, k, "more values than the " + std::to_string(m) + " markers: " + excerpt(detail::trim(f)));
      }
      if (!detail::csv_number(f, v))
        fail_line(name, ln, k,
                  "marker " + excerpt(out.markers[marker]) + " " + "XYZ"[c % 3] + ": " + excerpt(detail::trim(f)) +
                      " " + std::string(detail::csv_number_problem(f)));
      xyz[c % 3] = v;
      if (c % 3 == 2 && target[marker] >= 0) {
        const auto idx = static_cast<std::size_t>(target[marker]);
        if (std::isnan(xyz[0]) || std::isnan(xyz[1]) || std::isnan(xyz[2])) continue;  // unknown
        for (int a = 0; a < 3; ++a) kp[idx * 3 + static_cast<std::size_t>(a)] = xyz[a] * to_metres;
        vis[idx] = 1.0;
      }
    }
    if (k < 2) fail_line(name, ln, k + 1, "expected Frame#, Time and X Y Z per marker");
    if ((k - 2) % 3 != 0 && (k - 2) < 3 * m)
      fail_line(name, ln, k, "the row ends within a marker's X Y Z (a marker needs all three or none)");
    ++r;
  }
  return out;
}

TrcMarkers read_trc(const std::filesystem::path& path) {
  const std::string text = read_input_file(path);
  return parse_trc(text, path.string());
}

}  // namespace arthrokin::io
