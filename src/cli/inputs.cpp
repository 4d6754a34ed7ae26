// Inputs of the `arthrokin` tool: one file (pose JSON, keypoint JSON or CSV, angle CSV, BVH, OpenSim
// .mot/.sto) becomes a
// stream of timed poses, chosen by extension and content; the profile becomes Limits.
#include "cli.hpp"

#include <arthrokin/detail/text.hpp>
#include <arthrokin/io/angle_csv.hpp>
#include <arthrokin/io/bvh_angles.hpp>
#include <arthrokin/io/keypoints_csv.hpp>
#include <arthrokin/io/keypoints_json.hpp>
#include <arthrokin/io/limits.hpp>
#include <arthrokin/io/opensim.hpp>
#include <arthrokin/io/pose_json.hpp>
#include <arthrokin/io/profile_json.hpp>
#include <arthrokin/io/smpl.hpp>
#include <arthrokin/io/trc.hpp>
#include <arthrokin/kinematics/fitter.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

namespace arthrokin::cli {
namespace fs = std::filesystem;

namespace {

/// A path for a message: printable and bounded, whatever its bytes.
std::string shown(const std::string& p) { return arthrokin::detail::printable(p, io::limits::max_path_excerpt_bytes); }

/// The file, within the size limit of arthrokin/io/limits.hpp (checked before reading).
std::string read_all(const fs::path& p) {
  std::error_code ec;
  if (!fs::exists(p, ec)) throw parse_error(shown(p.string()) + ": no such file");
  return io::read_input_file(p);
}

std::string lower_ext(const fs::path& p) {
  std::string e = p.extension().string();
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return e;
}

std::string layout_list() { return "auto, " + layout_names(); }

/// The keypoint layout of a keypoint CSV from its header (wide) or its row count (long).
Layout detect_layout(const std::string& text, const std::string& name) {
  const auto nl = text.find('\n');
  const std::string header = text.substr(0, nl);
  std::size_t n = 0;
  std::string first;
  if (header.rfind("index", 0) == 0) {
    n = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    if (!text.empty() && text.back() != '\n') ++n;
    n -= 1;  // header
    const auto second = text.substr(nl + 1, text.find('\n', nl + 1) - nl - 1);
    const auto c1 = second.find(','), c2 = second.find(',', c1 + 1);
    if (c1 != std::string::npos) first = second.substr(c1 + 1, c2 - c1 - 1);
  } else {
    std::stringstream ss(header);
    std::string col;
    while (std::getline(ss, col, ','))
      if (col.size() > 2 && col.ends_with("_x")) {
        if (n == 0) first = col.substr(0, col.size() - 2);
        ++n;
      }
  }
  if (n == 33) return Layout::blazepose33;
  if (n == 24) return Layout::smpl24;
  if (n == 17) return first == "nose" ? Layout::coco17 : Layout::h36m17;
  throw usage_error(shown(name) + ": cannot tell the keypoint layout (" + std::to_string(n) +
                    " keypoints); give --layout (" + layout_list() + ")");
}

std::optional<Layout> chosen_layout(const InputOptions& opt) {
  if (opt.layout == "auto") return std::nullopt;
  const auto l = parse_layout(opt.layout);
  if (!l) throw usage_error("unknown layout '" + opt.layout + "' (expected " + layout_list() + ")");
  return l;
}

void keypoints_to_stream(const io::KeypointTable& t, double fps, const InputOptions& opt, Stream& s) {
  KeypointOptions ko;
  ko.mirrored = opt.mirrored;
  s.poses.reserve(t.frames);
  s.t_s.reserve(t.frames);
  for (std::size_t f = 0; f < t.frames; ++f) s.t_s.push_back(static_cast<double>(f) / fps);
  if (opt.fit == "none") {
    for (std::size_t f = 0; f < t.frames; ++f) s.poses.push_back(keypoint_angles(t.frame(f), ko).pose);
    return;
  }
  FitterOptions fo;
  fo.keypoints = ko;
  // --fit-image: the 2D landmarks of the same frames (x, y of a keypoint CSV of the same layout).
  std::vector<double> image_xy, image_vis;
  double aspect = 1.0;
  if (!opt.fit_image.empty()) {
    const std::size_t x = opt.image_size.find_first_of("xX");
    double w = 0, h = 0;
    try {
      std::size_t used = 0;
      if (x != std::string::npos) {
        w = std::stod(opt.image_size.substr(0, x), &used);
        if (used != x) w = 0;
        h = std::stod(opt.image_size.substr(x + 1), &used);
        if (used != opt.image_size.size() - x - 1) h = 0;
      }
    } catch (const std::exception&) {
      w = h = 0;
    }
    if (!(w > 0 && h > 0 && std::isfinite(w) && std::isfinite(h)))
      throw usage_error("--image-size: expected WxH in pixels (e.g. 1080x1920), got '" +
                        arthrokin::detail::printable(opt.image_size) + "'");
    aspect = w / h;
    const fs::path ip(opt.fit_image);
    if (std::error_code ec; !fs::exists(ip, ec)) throw parse_error(shown(opt.fit_image) + ": no such file");
    const auto it = io::parse_keypoints_csv(read_all(ip), opt.fit_image, t.layout);
    if (it.frames != t.frames)
      throw parse_error(shown(opt.fit_image) + ": " + std::to_string(it.frames) + " frames of image landmarks for " +
                        std::to_string(t.frames) + " keypoint frames");
    const std::size_t n = keypoint_count(t.layout);
    image_xy.resize(t.frames * n * 2);
    for (std::size_t k = 0; k < t.frames * n; ++k)
      image_xy[2 * k] = it.xyz[3 * k], image_xy[2 * k + 1] = it.xyz[3 * k + 1];
    image_vis = it.visibility;
  }
  std::vector<FitResult> fit;
  try {
    if (opt.fit == "offline") {
      fit = fit_sequence(t.layout, t.xyz, t.visibility, s.t_s, fo, image_xy, image_vis, aspect);
    } else {
      SkeletonFitter fitter(t.layout, fo);
      fit.reserve(t.frames);
      const std::size_t n = keypoint_count(t.layout);
      for (std::size_t f = 0; f < t.frames; ++f) {
        if (image_xy.empty()) {
          fit.push_back(fitter.update(t.frame(f), s.t_s[f]));
        } else {
          const ImageKeypointView iv{
              t.layout, std::span<const double>(image_xy).subspan(f * n * 2, n * 2),
              image_vis.empty() ? std::span<const double>{} : std::span<const double>(image_vis).subspan(f * n, n),
              aspect};
          fit.push_back(fitter.update(t.frame(f), iv, s.t_s[f]));
        }
      }
    }
  } catch (const invalid_argument& e) {
    throw parse_error(shown(s.path) + ": --fit " + opt.fit + ": " + e.what());
  }
  s.sigma_rad.reserve(t.frames * dof_count);
  std::size_t swapped = 0, lost = 0;
  for (const FitResult& r : fit) {
    s.poses.push_back(r.angles.pose);
    s.sigma_rad.insert(s.sigma_rad.end(), r.sigma_rad.begin(), r.sigma_rad.end());
    swapped += r.swap != SwapRepair::none;
    lost += r.state == FitState::lost;
  }
  s.kind += ", fitted " + opt.fit + (image_xy.empty() ? "" : " with image landmarks") + " (" + std::to_string(swapped) +
            " frames with a left/right swap repaired, " + std::to_string(lost) + " lost)";
}

/// The frames of --neutral-frame: "N", "N-M" (inclusive) or "N,M,..." (0-based, each < frames).
std::vector<Eigen::Index> neutral_frame_list(const std::string& text, Eigen::Index frames, const std::string& path) {
  std::vector<Eigen::Index> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    const auto dash = item.find('-', 1);
    const std::size_t a = parse_frame(item.substr(0, dash));
    const std::size_t b = dash == std::string::npos ? a : parse_frame(item.substr(dash + 1));
    if (b < a) throw usage_error("--neutral-frame: range '" + item + "' ends before it starts");
    for (std::size_t f = a; f <= b; ++f) {
      out.push_back(static_cast<Eigen::Index>(frame_index(f, static_cast<std::size_t>(frames), path)));
      if (out.size() > static_cast<std::size_t>(frames)) throw usage_error("--neutral-frame: too many frames");
    }
  }
  if (out.empty()) throw usage_error("--neutral-frame: no frame given");
  return out;
}

/// The calibration options of --neutral-segments and --neutral-max-offset.
CalibrationOptions calibration_options(const InputOptions& opt) {
  CalibrationOptions o;
  if (!(opt.neutral_max_offset_deg >= 0) || !std::isfinite(opt.neutral_max_offset_deg))
    throw usage_error("--neutral-max-offset must be a non-negative number of degrees");
  o.max_offset_rad = deg_to_rad(opt.neutral_max_offset_deg);
  if (opt.neutral_segments != "all") {
    o.segments.reset();
    std::stringstream ss(opt.neutral_segments);
    std::string name;
    while (std::getline(ss, name, ',')) {
      const auto it = std::find(segment_names.begin(), segment_names.end(), name);
      if (it == segment_names.end()) {
        std::string all;
        for (auto n : segment_names) all += (all.empty() ? "" : ", ") + std::string(n);
        throw usage_error("--neutral-segments: unknown segment '" + arthrokin::detail::printable(name) +
                          "' (expected all, or some of: " + all + ")");
      }
      o.segments.set(static_cast<std::size_t>(it - segment_names.begin()));
    }
  }
  return o;
}

}  // namespace

Stream load_stream(const fs::path& path, const InputOptions& opt) {
  if (!(opt.fps > 0) || !std::isfinite(opt.fps)) throw usage_error("--fps must be a positive number");
  const std::string ext = lower_ext(path);
  const std::optional<Layout> layout = chosen_layout(opt);  // validate even when unused
  Stream s;
  s.path = path.string();
  const auto neutral = parse_neutral(opt.neutral);
  if (!neutral)
    throw usage_error("--neutral: unknown posture '" + opt.neutral + "' (expected standing, anatomical, t-pose)");
  if (!opt.neutral_frames.empty() && ext != ".bvh")
    throw usage_error(shown(s.path) + ": --neutral-frame applies to BVH input only");
  if (opt.fit != "none" && opt.fit != "online" && opt.fit != "offline")
    throw usage_error("--fit: unknown mode '" + opt.fit + "' (expected none, online, offline)");
  if (opt.fit != "none" && ext != ".csv" && ext != ".json")
    throw usage_error(shown(s.path) + ": --fit applies to keypoint input only");
  if (!opt.fit_image.empty() && opt.fit == "none")
    throw usage_error("--fit-image applies with --fit online or offline");
  if (opt.fit_image.empty() != opt.image_size.empty()) throw usage_error("--fit-image and --image-size go together");
  const auto opensim_model = io::parse_opensim_model(opt.opensim_model);
  if (!opensim_model)
    throw usage_error("--opensim-model: unknown model '" + arthrokin::detail::printable(opt.opensim_model) +
                      "' (expected " + io::opensim_model_names() + ")");
  if (ext == ".mot" || ext == ".sto") {
    if (std::error_code ec; !fs::exists(path, ec)) throw parse_error(shown(s.path) + ": no such file");
    io::OpenSimMotion m = io::read_opensim(path, *opensim_model);
    s.kind = "OpenSim " + ext + " (" +
             (m.model == io::OpenSimModel::automatic ? std::string("model not needed")
                                                     : std::string(io::to_string(m.model))) +
             "; " + std::to_string(m.mapped.size()) + " coordinates read, " + std::to_string(m.ignored.size()) +
             " without a DoF ignored)";
    if (!m.ignored.empty()) {
      std::string list;
      for (const auto& n : m.ignored) list += (list.empty() ? "" : ", ") + n;
      std::cerr << "arthrokin: " << shown(s.path) << ": OpenSim coordinates with no arthrokin DoF, ignored: " << list
                << "\n";
    }
    s.t_s = std::move(m.time_s);
    s.poses = std::move(m.poses);
    return s;
  }
  if (!opt.bvh_map.empty() && ext != ".bvh") throw usage_error(shown(s.path) + ": --bvh-map applies to BVH input only");
  if (ext == ".bvh") {
    const io::BvhFile bvh = io::read_bvh(path);
    s.kind = "BVH";
    s.warnings = bvh.warnings;
    io::BvhMapping mapping = io::cmu_mapping();
    if (!opt.bvh_map.empty()) {
      if (std::error_code ec; !fs::exists(opt.bvh_map, ec))
        throw parse_error(shown(opt.bvh_map) + ": no such file (--bvh-map)");
      io::BvhMappingFile m = io::read_bvh_mapping_json(opt.bvh_map);
      mapping = std::move(m.mapping);
      const auto unmatched = io::bvh_mapping_unmatched(bvh, m.joints);
      if (!unmatched.empty()) {
        std::string list;
        for (const auto& n : unmatched) list += (list.empty() ? "" : ", ") + arthrokin::detail::printable(n);
        s.warnings.push_back(shown(s.path) + ": --bvh-map " + shown(opt.bvh_map) +
                             " names joints not in the file: " + list);
      }
      s.kind = "BVH, mapped by " + shown(opt.bvh_map);
    }
    const io::BvhBinding binding = io::bind_bvh(bvh, mapping);
    if (const auto missing = io::bvh_missing_core_joints(binding); !missing.empty()) {
      std::string list;
      for (const auto& n : missing) list += (list.empty() ? "" : "; ") + n;
      s.warnings.push_back(shown(s.path) + ": the joint names map no segment for " + std::to_string(missing.size()) +
                           " core limb joint(s), whose angles are unknown: " + list +
                           " (give a mapping file with --bvh-map; docs/bvh.md, \"Any rig\")");
    }
    for (const auto& w : s.warnings) std::cerr << "arthrokin: warning: " << w << "\n";
    const NeutralCalibration* cal_ptr = nullptr;
    NeutralCalibration cal;
    if (!opt.neutral_frames.empty()) {
      const auto frames = neutral_frame_list(opt.neutral_frames, bvh.frame_count(), s.path);
      try {
        cal = io::bvh_calibrate_neutral(bvh, binding, frames, *neutral, calibration_options(opt));
      } catch (const invalid_argument& e) {
        throw usage_error(shown(s.path) + ": --neutral-frame " + opt.neutral_frames + ": " + e.what());
      }
      s.kind += ", calibrated (" + std::string(to_string(*neutral)) + ", frames " + opt.neutral_frames + ")";
      cal_ptr = &cal;
    }
    s.poses = io::bvh_to_poses(bvh, mapping, {}, cal_ptr);
    s.t_s.reserve(s.poses.size());
    for (Eigen::Index f = 0; f < bvh.frame_count(); ++f) s.t_s.push_back(static_cast<double>(f) * bvh.frame_time);
    return s;
  }
  if (ext == ".npz" || ext == ".npy") {
    if (std::error_code ec; !fs::exists(path, ec)) throw parse_error(shown(s.path) + ": no such file");
    const io::SmplMotion m = io::read_smpl(path);
    const double fps = m.fps.value_or(opt.fps);
    s.kind = "SMPL pose parameters (" + m.source + (m.fps ? "" : ", --fps " + fmt("%g", fps)) + ")";
    s.poses.reserve(m.frames);
    s.t_s.reserve(m.frames);
    for (std::size_t f = 0; f < m.frames; ++f) {
      s.poses.push_back(io::smpl_joint_angles(m.frame(f)).pose);
      s.t_s.push_back(static_cast<double>(f) / fps);
    }
    return s;
  }
  if (ext == ".trc") {
    if (std::error_code ec; !fs::exists(path, ec)) throw parse_error(shown(s.path) + ": no such file");
    const io::TrcMarkers m = io::read_trc(path);
    s.kind = "TRC markers (" + std::to_string(m.mapped.size()) + " of " + std::to_string(m.markers.size()) +
             " markers as blazepose33 keypoints)";
    if (!m.ignored.empty()) {
      std::string list;
      for (const auto& n : m.ignored) list += (list.empty() ? "" : ", ") + arthrokin::detail::printable(n);
      std::cerr << "arthrokin: " << shown(s.path) << ": markers with no keypoint, ignored: " << list << "\n";
    }
    KeypointOptions ko;
    ko.mirrored = opt.mirrored;
    s.poses.reserve(m.size());
    for (std::size_t f = 0; f < m.size(); ++f) s.poses.push_back(keypoint_angles(m.keypoints.frame(f), ko).pose);
    s.t_s = m.time_s;
    return s;
  }
  if (ext == ".json") {
    std::string text = read_all(path);
    if (io::is_keypoints_json(text)) {
      const auto k = io::parse_keypoints_json(text, s.path, layout);
      std::string().swap(text);  // the text is no longer needed: free it before the poses are made
      s.kind = "keypoint JSON (" + std::string(to_string(k.table.layout)) + ")";
      keypoints_to_stream(k.table, k.fps.value_or(opt.fps), opt, s);
      return s;
    }
    if (opt.fit != "none") throw usage_error(shown(s.path) + ": --fit applies to keypoint input only");
    s.kind = "pose JSON";
    s.poses.push_back(io::parse_pose_json(text, s.path));
    s.t_s.push_back(0.0);
    return s;
  }
  if (ext == ".csv") {
    std::string text = read_all(path);
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);  // a UTF-8 byte order mark
    std::size_t p = 0;
    while (p < text.size() && (text[p] == '#' || text[p] == '\n' || text[p] == '\r')) {
      if (text[p] == '#') p = std::min(text.find('\n', p), text.size());
      if (p < text.size()) ++p;
    }
    const std::string head = text.substr(p, 8);
    if (head.starts_with("time_s")) {
      if (opt.fit != "none") throw usage_error(shown(s.path) + ": --fit applies to keypoint input only");
      auto f = io::parse_angle_csv(text, s.path);
      s.kind = "angle CSV";
      s.t_s = std::move(f.time_s);
      s.poses = std::move(f.poses);
      return s;
    }
    if (head.starts_with("frame") || head.starts_with("index")) {
      const Layout l = layout ? *layout : detect_layout(text, s.path);
      const auto t = io::parse_keypoints_csv(text, s.path, l);
      std::string().swap(text);  // the text is no longer needed: free it before the poses are made
      s.kind = "keypoint CSV (" + std::string(to_string(l)) + ")";
      keypoints_to_stream(t, opt.fps, opt, s);
      return s;
    }
    throw parse_error(shown(s.path) +
                      ":1: unrecognised CSV header: expected time_s,... (angle frames) or frame,.../index,... "
                      "(keypoints)");
  }
  if (std::error_code ec; !fs::exists(path, ec)) throw parse_error(shown(s.path) + ": no such file");
  throw usage_error(shown(s.path) + ": unsupported file type '" + arthrokin::detail::printable(ext) +
                    "' (expected .json pose or keypoints, .csv angle frames or keypoints, .bvh, OpenSim .mot or "
                    ".sto, .trc markers, SMPL .npz/.npy)");
}

Uncertainty frame_uncertainty(const Uncertainty& base, const Stream& s, std::size_t i) {
  if (s.sigma_rad.empty()) return base;
  Uncertainty u = base;
  for (std::size_t d = 0; d < dof_count; ++d) {
    const double v = s.sigma_rad[i * dof_count + d];
    if (std::isfinite(v)) u.set(static_cast<DofId>(d), radians(v));
  }
  return u;
}

std::vector<fs::path> expand_inputs(const std::vector<std::string>& paths) {
  std::vector<fs::path> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(p)) {
        const std::string ext = lower_ext(e.path());
        if (e.is_regular_file() &&
            (ext == ".json" || ext == ".csv" || ext == ".bvh" || ext == ".mot" || ext == ".sto" || ext == ".trc"))
          files.push_back(e.path());
      }
      std::sort(files.begin(), files.end());
      if (files.empty())
        throw usage_error(shown(p) + ": no .json, .csv, .bvh, .mot, .sto, .trc, .npz or .npy file in this folder");
      out.insert(out.end(), files.begin(), files.end());
    } else {
      if (!fs::exists(p, ec)) throw parse_error(shown(p) + ": no such file or folder");
      out.emplace_back(p);
    }
  }
  return out;
}

Uncertainty load_uncertainty(const Global& g) {
  if (g.uncertainty_deg && !g.input_kind.empty())
    throw usage_error("give either --uncertainty or --input-kind, not both");
  if (!std::isfinite(g.coverage) || !(g.coverage > 0)) throw usage_error("--coverage must be finite and > 0");
  if (g.uncertainty_deg) {
    if (!std::isfinite(*g.uncertainty_deg) || *g.uncertainty_deg < 0)
      throw usage_error("--uncertainty must be a finite number of degrees >= 0");
    return Uncertainty::uniform(degrees(*g.uncertainty_deg), g.coverage);
  }
  if (!g.input_kind.empty()) {
    for (auto k : {InputKind::goniometer, InputKind::marker_mocap, InputKind::imu, InputKind::monocular_keypoints})
      if (g.input_kind == to_string(k)) return Uncertainty::for_input(k, g.coverage);
    throw usage_error("unknown --input-kind '" + g.input_kind +
                      "' (goniometer, marker_mocap, imu, monocular_keypoints)");
  }
  return Uncertainty{}.set_coverage(g.coverage);
}

namespace {
Limits load_limit_set(const Global& g) {
  if (!g.profile.empty() && !g.source.empty()) throw usage_error("give either --profile or --source, not both");
  const auto context = parse_context(g.context);
  if (!context) throw usage_error("unknown context '" + g.context + "' (unspecified, passive, active, weight_bearing)");
  if (*context != Context::unspecified && (!g.profile.empty() || !g.source.empty()))
    throw usage_error("--context chooses among the default norms: give it without --profile or --source");
  if (!g.profile.empty()) return io::read_profile_json(g.profile);
  if (!g.source.empty()) {
    if (!find_source(g.source))
      throw usage_error("unknown source key '" + g.source + "' (see `arthrokin norms` and data/reference/SOURCES.md)");
    return Limits::from_source(g.source);
  }
  return Limits::defaults(*context);
}
}  // namespace

Limits load_limits(const Global& g) {
  Limits l = load_limit_set(g);
  if (g.no_shoulder_region) l.with_shoulder_region(false);
  if (g.no_two_joint) l.with_two_joint_limits(false);
  return l;
}

io::SeriesPlot dof_plot(const Limits& limits, DofId d, const std::vector<double>& t, const std::vector<Pose>& poses) {
  io::SeriesPlot p;
  p.title = display_name(d);
  p.t_s = t;
  p.deg.reserve(poses.size());
  for (const auto& pose : poses) {
    const auto a = pose.get(d);
    p.deg.push_back(a ? to_degrees(*a) : std::numeric_limits<double>::quiet_NaN());
  }
  const auto& l = limits[d];
  if (limits.active(d)) {
    if (l.lower.has_value()) p.lower_deg = rad_to_deg(l.lower.radians);
    if (l.upper.has_value()) p.upper_deg = rad_to_deg(l.upper.radians);
  }
  p.tolerance_deg = to_degrees(limits.tolerance());
  if (!limits.active(d)) {
    p.band_label = "not checked (restricted by the profile)";
  } else if (l.lower.has_value() || l.upper.has_value()) {
    const auto& dirs = axis_directions[static_cast<std::size_t>(axis_of(d))];
    std::string b = "normal ";
    // Short citations only: the full notes (derivations) are in `arthrokin norms --effective`.
    auto cite = [](const Bound& x) {
      std::string c = " (" + std::string(x.origin == Origin::user ? "override" : short_citation(x.source)) + ")";
      if (x.tag == Tag::recalled) c += " [unverified]";
      if (x.origin == Origin::derived) c += " [derived]";
      return c;
    };
    if (l.lower.has_value())
      b += format_degrees(-rad_to_deg(l.lower.radians)) + " " + std::string(dirs.negative) + cite(l.lower);
    if (l.lower.has_value() && l.upper.has_value()) b += " to ";
    if (l.upper.has_value())
      b += format_degrees(rad_to_deg(l.upper.radians)) + " " + std::string(dirs.positive) + cite(l.upper);
    p.band_label = b;
  } else {
    p.band_label = "no normative limit";
  }
  return p;
}

namespace {

/// Count one frame's `st` of a DoF or composite; `worst` gets the frame if it is out of range.
void count(DofTally& d, Status st, const Worst& worst) {
  ++d.frames;
  if (st == Status::not_checked) ++d.not_checked;
  if (st == Status::unknown || st == Status::not_checked) return;
  ++d.observed;
  if (st == Status::below) ++d.below;
  if (st == Status::above) ++d.above;
  if (is_possibly_beyond(st)) ++d.possibly;
  if (st == Status::below || st == Status::above) {
    d.worst.push_back(worst);
    std::stable_sort(d.worst.begin(), d.worst.end(),
                     [](const Worst& a, const Worst& b) { return a.excess_deg > b.excess_deg; });
    if (d.worst.size() > 3) d.worst.pop_back();
  }
}

}  // namespace

void Tally::add(const Report& r, const std::string& file, std::size_t frame, double t_s) {
  ++frames;
  frames_out += r.overall == Verdict::out_of_range;
  frames_unknown += r.overall == Verdict::unknown;
  frames_possibly += r.overall == Verdict::possibly_out_of_range;
  frames_partial += r.overall == Verdict::within_range_partial;
  for (std::size_t i = 0; i < dof_count; ++i)
    count(dofs[i], r.dofs[i].status, {file, frame, t_s, rad_to_deg(r.dofs[i].value), rad_to_deg(r.dofs[i].excess)});
  for (std::size_t k = 0; k < r.composite_count; ++k)
    count(composites[k], r.composites[k].status,
          {file, frame, t_s, rad_to_deg(r.composites[k].value), rad_to_deg(r.composites[k].excess)});
}

void Tally::add(Verdict v, std::span<const std::uint8_t> dof, std::span<const std::uint8_t> composite) {
  if (v == Verdict::out_of_range) throw std::logic_error("Tally::add: a frame out of range needs its Report");
  ++frames;
  frames_unknown += v == Verdict::unknown;
  frames_possibly += v == Verdict::possibly_out_of_range;
  frames_partial += v == Verdict::within_range_partial;
  for (std::size_t i = 0; i < dof_count; ++i) count(dofs[i], static_cast<Status>(dof[i]), {});
  for (std::size_t k = 0; k < composite.size(); ++k) count(composites[k], static_cast<Status>(composite[k]), {});
}

std::vector<io::JointMark> Tally::marks(const Limits& limits) const {
  std::vector<io::JointMark> m;
  for (DofId d : all_dofs) {
    const auto& t = dofs[index(d)];
    io::JointMarkStatus st = io::JointMarkStatus::unknown;
    if (t.below + t.above > 0)
      st = io::JointMarkStatus::out_of_range;
    else if (t.possibly > 0)
      st = io::JointMarkStatus::possibly_out_of_range;
    else if (t.observed > 0)
      st = io::JointMarkStatus::within;
    auto it = std::find_if(m.begin(), m.end(),
                           [&](const io::JointMark& x) { return x.joint == joint_of(d) && x.side == side_of(d); });
    auto rank = [](io::JointMarkStatus s) {
      return s == io::JointMarkStatus::out_of_range            ? 4
             : s == io::JointMarkStatus::possibly_out_of_range ? 3
             : s == io::JointMarkStatus::within                ? 2
                                                               : 0;
    };
    if (it == m.end())
      m.push_back({joint_of(d), side_of(d), st});
    else if (rank(st) > rank(it->status))
      it->status = st;
  }
  for (std::size_t k = 0; k < limits.composite_count(); ++k) {
    if (composites[k].below + composites[k].above == 0) continue;
    const auto& c = limits.composite(k);
    for (std::size_t t = 0; t < c.term_count; ++t) {
      const Side sd = is_spinal(c.terms[t].joint) ? Side::none : c.side;
      for (auto& x : m)
        if (x.joint == c.terms[t].joint && x.side == sd) x.status = io::JointMarkStatus::out_of_range;
    }
  }
  return m;
}

}  // namespace arthrokin::cli
