// SMPL / AMASS pose parameters (include/arthrokin/io/smpl.hpp): the kinematic tree → segment
// frames, and a small reader of NumPy .npy arrays and uncompressed .npz archives (zip, stored).
#include "format_util.hpp"

#include <arthrokin/io/smpl.hpp>

#include <cmath>
#include <cstring>
#include <limits>

namespace arthrokin::io {
namespace {

using detail::excerpt;
using detail::fail_at;

/// The segment each body joint carries (its global rotation turns the segment), or none.
constexpr int none = -1;
constexpr std::array<int, smpl_body_joints> carried{
    static_cast<int>(Segment::pelvis),           // 0 pelvis
    static_cast<int>(Segment::left_thigh),       // 1 left hip
    static_cast<int>(Segment::right_thigh),      // 2 right hip
    none,                                        // 3 spine1
    static_cast<int>(Segment::left_shank),       // 4 left knee
    static_cast<int>(Segment::right_shank),      // 5 right knee
    static_cast<int>(Segment::abdomen),          // 6 spine2
    static_cast<int>(Segment::left_foot),        // 7 left ankle
    static_cast<int>(Segment::right_foot),       // 8 right ankle
    static_cast<int>(Segment::thorax),           // 9 spine3
    none,                                        // 10 left foot (toes)
    none,                                        // 11 right foot
    none,                                        // 12 neck
    none,                                        // 13 left collar
    none,                                        // 14 right collar
    static_cast<int>(Segment::head),             // 15 head
    static_cast<int>(Segment::left_upper_arm),   // 16 left shoulder
    static_cast<int>(Segment::right_upper_arm),  // 17 right shoulder
    static_cast<int>(Segment::left_forearm),     // 18 left elbow
    static_cast<int>(Segment::right_forearm),    // 19 right elbow
    static_cast<int>(Segment::left_hand),        // 20 left wrist
    static_cast<int>(Segment::right_hand),       // 21 right wrist
};

/// The rest anatomical frame of a segment in SMPL's canonical axes (x left, y up, z forward).
Eigen::Matrix3d rest_frame(Segment s) {
  Eigen::Matrix3d body;
  body.col(0) = Eigen::Vector3d::UnitZ();   // anterior
  body.col(1) = Eigen::Vector3d::UnitY();   // up
  body.col(2) = -Eigen::Vector3d::UnitX();  // right
  const bool left_arm = s == Segment::left_upper_arm || s == Segment::left_forearm || s == Segment::left_hand;
  const bool right_arm = s == Segment::right_upper_arm || s == Segment::right_forearm || s == Segment::right_hand;
  if (!left_arm && !right_arm) return body;
  // T-pose: the body frame turned ±90° about the anterior axis (left arm out to +x: Y = −x).
  const double a = (left_arm ? 1.0 : -1.0) * std::numbers::pi / 2;
  return Eigen::AngleAxisd(a, Eigen::Vector3d::UnitZ()).toRotationMatrix() * body;
}

Eigen::Matrix3d rotation_of(const double* v) {
  const Eigen::Vector3d w(v[0], v[1], v[2]);
  const double angle = w.norm();
  if (angle == 0.0) return Eigen::Matrix3d::Identity();
  return Eigen::AngleAxisd(angle, w / angle).toRotationMatrix();
}

void check_size(std::span<const double> v, const char* what) {
  if (v.size() < smpl_body_values)
    throw invalid_argument(std::string(what) + ": expected at least 66 numbers (22 joints × 3), got " +
                           std::to_string(v.size()));
}

}  // namespace

void smpl_segment_orientations(std::span<const double> axis_angle, SegmentOrientations& out) {
  check_size(axis_angle, "smpl_segment_orientations");
  out.known.reset();
  out.degenerate.reset();
  std::array<Eigen::Matrix3d, smpl_body_joints> G;
  std::array<bool, smpl_body_joints> ok{};
  for (std::size_t j = 0; j < smpl_body_joints; ++j) {
    const double* v = axis_angle.data() + 3 * j;
    // The angle too must be finite: components near 1e308 overflow its norm.
    const bool finite = std::isfinite(v[0]) && std::isfinite(v[1]) && std::isfinite(v[2]) &&
                        std::isfinite(Eigen::Vector3d(v[0], v[1], v[2]).norm());
    const int p = smpl_parents[j];
    ok[j] = finite && (p < 0 || ok[static_cast<std::size_t>(p)]);
    if (!ok[j]) continue;
    const Eigen::Matrix3d R = rotation_of(v);
    G[j] = p < 0 ? R : Eigen::Matrix3d(G[static_cast<std::size_t>(p)] * R);
    if (carried[j] != none) {
      const auto s = static_cast<Segment>(carried[j]);
      out.set(s, Eigen::Quaterniond(G[j] * rest_frame(s)));
    }
  }
}

JointAngles smpl_joint_angles(std::span<const double> axis_angle, const JointAngleOptions& options) {
  SegmentOrientations s;
  smpl_segment_orientations(axis_angle, s);
  JointAngles a = joint_angles(s, options);
  for (DofId d : {DofId::left_forearm_pronation_supination, DofId::right_forearm_pronation_supination}) {
    a.pose.clear(d);
    a.status[index(d)] = DofStatus::unobservable;
    a.confidence[index(d)] = 0.0;
  }
  return a;
}

void smpl_axis_angles(const SegmentOrientations& segments, std::span<double> axis_angle) {
  if (axis_angle.size() < smpl_body_values)
    throw invalid_argument("smpl_axis_angles: expected room for 66 numbers (22 joints × 3), got " +
                           std::to_string(axis_angle.size()));
  std::array<Eigen::Matrix3d, smpl_body_joints> G;
  for (std::size_t j = 0; j < smpl_body_joints; ++j) {
    const int p = smpl_parents[j];
    const Eigen::Matrix3d parent = p < 0 ? Eigen::Matrix3d::Identity() : G[static_cast<std::size_t>(p)];
    G[j] = parent;
    if (carried[j] != none) {
      const auto s = static_cast<Segment>(carried[j]);
      const Eigen::Quaterniond& q = segments[s];
      if (segments.has(s) && q.coeffs().allFinite() && q.norm() > 0)
        G[j] = q.normalized().toRotationMatrix() * rest_frame(s).transpose();
    }
    const Eigen::AngleAxisd aa(parent.transpose() * G[j]);
    const Eigen::Vector3d w = aa.axis() * aa.angle();
    for (int k = 0; k < 3; ++k) axis_angle[3 * j + static_cast<std::size_t>(k)] = w[k];
  }
}

// ---- .npy and .npz ----------------------------------------------------------------------------

namespace {

/// One parsed .npy array: its shape and where its values are (float64 or float32, little-endian).
struct Npy {
  std::vector<std::uint64_t> shape;
  bool f64 = true;
  std::string_view data;
  /// The number of values, saturated at 2^62 (dimensions are at most 2^40 each: no wrap-around).
  [[nodiscard]] std::uint64_t count() const {
    constexpr std::uint64_t cap = std::uint64_t{1} << 62;
    std::uint64_t n = 1;
    for (auto d : shape) n = d != 0 && n > cap / d ? cap : n * d;
    return n;
  }
  [[nodiscard]] double at(std::uint64_t i) const {
    if (f64) {
      double v;
      std::memcpy(&v, data.data() + 8 * i, 8);
      return v;
    }
    float v;
    std::memcpy(&v, data.data() + 4 * i, 4);
    return v;
  }
};

std::uint32_t le(std::string_view b, std::size_t at, int n) {
  std::uint32_t v = 0;
  for (int k = n - 1; k >= 0; --k) v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(k)]);
  return v;
}
std::uint64_t le64(std::string_view b, std::size_t at) {
  return static_cast<std::uint64_t>(le(b, at, 4)) | (static_cast<std::uint64_t>(le(b, at + 4, 4)) << 32);
}

/// The value after `'key':` in a .npy header dict, up to the next top-level ',' or '}'.
std::string_view header_value(std::string_view h, std::string_view key, std::string_view file, std::string_view what) {
  std::string quoted(1, '\'');  // (not "'" + std::string: GCC 12 -Wrestrict false positive)
  quoted.append(key).push_back('\'');
  const auto k = h.find(quoted);
  if (k == std::string_view::npos) fail_at(file, what, "the .npy header has no " + quoted);
  auto p = h.find(':', k + quoted.size());
  if (p == std::string_view::npos) fail_at(file, what, "the .npy header's " + quoted + " has no value");
  ++p;
  while (p < h.size() && h[p] == ' ') ++p;
  std::size_t e = p;
  int depth = 0;
  while (e < h.size() && !(depth == 0 && (h[e] == ',' || h[e] == '}'))) {
    if (h[e] == '(') ++depth;
    if (h[e] == ')') --depth;
    ++e;
  }
  return h.substr(p, e - p);
}

Npy parse_npy(std::string_view b, std::string_view file, std::string_view what) {
  if (b.size() < 10 || b.substr(0, 6) != "\x93NUMPY") fail_at(file, what, "not a .npy array (no \\x93NUMPY magic)");
  const int major = static_cast<unsigned char>(b[6]);
  std::size_t hlen = 0, start = 0;
  if (major == 1) {
    hlen = le(b, 8, 2), start = 10;
  } else if (major == 2 || major == 3) {
    if (b.size() < 12) fail_at(file, what, "truncated .npy header");
    hlen = le(b, 8, 4), start = 12;
  } else {
    fail_at(file, what, ".npy format version " + std::to_string(major) + " (expected 1, 2 or 3)");
  }
  if (hlen > 65536 || start + hlen > b.size()) fail_at(file, what, "truncated or oversized .npy header");
  const std::string_view h = b.substr(start, hlen);
  Npy a;
  const std::string_view descr = header_value(h, "descr", file, what);
  if (descr == "'<f8'" || descr == "'float64'")
    a.f64 = true;
  else if (descr == "'<f4'" || descr == "'float32'")
    a.f64 = false;
  else
    fail_at(file, what, "dtype " + excerpt(descr) + " (expected little-endian float64 '<f8' or float32 '<f4')");
  if (header_value(h, "fortran_order", file, what) != "False")
    fail_at(file, what, "Fortran-order array (expected C order)");
  std::string_view shape = header_value(h, "shape", file, what);
  if (shape.size() < 2 || shape.front() != '(' || shape.back() != ')')
    fail_at(file, what, "shape " + excerpt(shape) + " is not a tuple");
  shape = shape.substr(1, shape.size() - 2);
  while (!shape.empty()) {
    while (!shape.empty() && (shape.front() == ' ' || shape.front() == ',')) shape.remove_prefix(1);
    if (shape.empty()) break;
    std::uint64_t d = 0;
    const auto [p, ec] = std::from_chars(shape.data(), shape.data() + shape.size(), d);
    if (ec != std::errc() || p == shape.data()) fail_at(file, what, "shape has a dimension that is not a count");
    if (d > (std::uint64_t{1} << 40) || a.shape.size() >= 8) fail_at(file, what, "shape is too large");
    a.shape.push_back(d);
    shape.remove_prefix(static_cast<std::size_t>(p - shape.data()));
  }
  const std::uint64_t bytes = a.count() * (a.f64 ? 8 : 4);
  const std::string_view rest = b.substr(start + hlen);
  if (a.count() > (std::uint64_t{1} << 40) || bytes > rest.size())
    fail_at(file, what,
            "holds " + std::to_string(rest.size()) + " bytes of data, fewer than its shape needs (truncated?)");
  a.data = rest.substr(0, static_cast<std::size_t>(bytes));
  return a;
}

/// Copy the first `take` values of each of `rows` rows of `width` values from `a` into
/// `out[row * 66 + offset ...]`, checking each is finite.
void copy_rows(const Npy& a, std::uint64_t rows, std::uint64_t width, std::size_t take, std::size_t offset,
               std::vector<double>& out, std::string_view file, std::string_view what) {
  for (std::uint64_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < take; ++c) {
      const double v = a.at(r * width + c);
      if (!std::isfinite(v))
        fail_at(file, std::string(what) + "[" + std::to_string(r) + "][" + std::to_string(c) + "]",
                "is not a finite number");
      out[static_cast<std::size_t>(r) * smpl_body_values + offset + c] = v;
    }
}

/// Rows and width of a pose array (N, W) or a single frame (W,), W in `widths`.
std::pair<std::uint64_t, std::uint64_t> rows_width(const Npy& a, std::initializer_list<std::uint64_t> widths,
                                                   std::string_view file, std::string_view what) {
  std::uint64_t rows = 0, width = 0;
  if (a.shape.size() == 2)
    rows = a.shape[0], width = a.shape[1];
  else if (a.shape.size() == 1)
    rows = 1, width = a.shape[0];
  std::string list;
  bool ok = false;
  for (auto w : widths) {
    ok = ok || width == w;
    list += (list.empty() ? "" : ", ") + std::to_string(w);
  }
  if (!ok || a.shape.empty() || a.shape.size() > 2)
    fail_at(file, what, "shape is not (frames, W) with W one of " + list);
  if (rows > limits::max_frames)
    fail_at(file, what,
            std::to_string(rows) + " frames, more than the limit of " + std::to_string(limits::max_frames) +
                " (arthrokin/io/limits.hpp)");
  return {rows, width};
}

SmplMotion from_poses(const Npy& a, std::string_view file, std::string_view what) {
  const auto [rows, width] = rows_width(a, {66, 72, 156, 165}, file, what);
  SmplMotion m;
  m.frames = static_cast<std::size_t>(rows);
  m.axis_angle.assign(m.frames * smpl_body_values, 0.0);
  copy_rows(a, rows, width, smpl_body_values, 0, m.axis_angle, file, what);
  m.source = std::string(what) + " (" + std::to_string(rows) + "×" + std::to_string(width) + ")";
  return m;
}

struct ZipEntry {
  std::string name;
  std::string_view data;
};

/// The entries of a zip archive whose entries are stored (method 0), from its central directory.
std::vector<ZipEntry> zip_entries(std::string_view b, std::string_view file) {
  // End of central directory: signature 0x06054b50 within the last 22 + 65535 bytes.
  if (b.size() < 22) fail_at(file, "", "not a .npz archive (too short for a zip file)");
  std::size_t eocd = std::string_view::npos;
  const std::size_t lowest = b.size() > 22 + 65535 ? b.size() - 22 - 65535 : 0;
  for (std::size_t p = b.size() - 22 + 1; p-- > lowest;)
    if (le(b, p, 4) == 0x06054b50) {
      eocd = p;
      break;
    }
  if (eocd == std::string_view::npos) fail_at(file, "", "not a .npz archive (no zip end-of-central-directory record)");
  std::uint64_t count = le(b, eocd + 10, 2), cd_size = le(b, eocd + 12, 4), cd_off = le(b, eocd + 16, 4);
  if (cd_off == 0xFFFFFFFF || count == 0xFFFF) {  // zip64: the locator just before
    if (eocd < 20 || le(b, eocd - 20, 4) != 0x07064b50) fail_at(file, "", "zip64 archive without its locator");
    const std::uint64_t z = le64(b, eocd - 20 + 8);
    if (z > b.size() || b.size() - z < 56 || le(b, static_cast<std::size_t>(z), 4) != 0x06064b50)
      fail_at(file, "", "zip64 end-of-central-directory record out of the file");
    count = le64(b, static_cast<std::size_t>(z) + 32), cd_size = le64(b, static_cast<std::size_t>(z) + 40),
    cd_off = le64(b, static_cast<std::size_t>(z) + 48);
  }
  if (cd_off > b.size() || cd_size > b.size() - cd_off) fail_at(file, "", "zip central directory out of the file");
  if (count > 4096) fail_at(file, "", "more than 4096 arrays in the archive");
  std::vector<ZipEntry> out;
  std::size_t p = static_cast<std::size_t>(cd_off);
  for (std::uint64_t i = 0; i < count; ++i) {
    if (p + 46 > b.size() || le(b, p, 4) != 0x02014b50) fail_at(file, "", "damaged zip central directory");
    const std::uint32_t method = le(b, p + 10, 2);
    std::uint64_t csize = le(b, p + 20, 4), usize = le(b, p + 24, 4), local = le(b, p + 42, 4);
    const std::size_t nlen = le(b, p + 28, 2), xlen = le(b, p + 30, 2), clen = le(b, p + 32, 2);
    if (p + 46 + nlen + xlen + clen > b.size()) fail_at(file, "", "damaged zip central directory");
    const std::string name(b.substr(p + 46, nlen));
    // zip64 extra field (id 1): the 64-bit values of the fields that are 0xFFFFFFFF, in order.
    for (std::size_t x = p + 46 + nlen; x + 4 <= p + 46 + nlen + xlen;) {
      const std::uint32_t id = le(b, x, 2), len = le(b, x + 2, 2);
      if (x + 4 + len > p + 46 + nlen + xlen) break;
      if (id == 1) {
        std::size_t q = x + 4;
        for (std::uint64_t* f : {&usize, &csize, &local})
          if (*f == 0xFFFFFFFF && q + 8 <= x + 4 + len) *f = le64(b, q), q += 8;
      }
      x += 4 + len;
    }
    if (method != 0)
      fail_at(file, detail::printable(name, limits::max_excerpt_bytes),
              "compressed archive entry (zip method " + std::to_string(method) +
                  "): arthrokin reads uncompressed .npz (np.savez, not np.savez_compressed)");
    if (csize != usize)
      fail_at(file, detail::printable(name, limits::max_excerpt_bytes), "stored entry with two sizes");
    if (local > b.size() || b.size() - local < 30 || le(b, static_cast<std::size_t>(local), 4) != 0x04034b50)
      fail_at(file, detail::printable(name, limits::max_excerpt_bytes), "local zip header out of the file");
    const std::size_t l = static_cast<std::size_t>(local);
    const std::size_t data = l + 30 + le(b, l + 26, 2) + le(b, l + 28, 2);
    if (data > b.size() || csize > b.size() - data)
      fail_at(file, detail::printable(name, limits::max_excerpt_bytes), "entry data out of the file (truncated?)");
    out.push_back({name, b.substr(data, static_cast<std::size_t>(csize))});
    p += 46 + nlen + xlen + clen;
  }
  return out;
}

}  // namespace

SmplMotion parse_smpl_npy(std::string_view bytes, std::string_view name) {
  detail::check_size(bytes, name, limits::max_file_bytes);
  return from_poses(parse_npy(bytes, name, "array"), name, "array");
}

SmplMotion parse_smpl_npz(std::string_view bytes, std::string_view name) {
  detail::check_size(bytes, name, limits::max_file_bytes);
  const auto entries = zip_entries(bytes, name);
  auto find = [&](std::string_view key) -> const ZipEntry* {
    for (const auto& e : entries)
      if (e.name == std::string(key) + ".npy") return &e;
    return nullptr;
  };
  SmplMotion m;
  if (const ZipEntry* e = find("poses") ? find("poses") : find("pose")) {
    const std::string what = e->name.substr(0, e->name.size() - 4);
    m = from_poses(parse_npy(e->data, name, what), name, what);
  } else if (find("global_orient") && find("body_pose")) {
    const Npy go = parse_npy(find("global_orient")->data, name, "global_orient");
    const Npy bp = parse_npy(find("body_pose")->data, name, "body_pose");
    const auto [rows, w] = rows_width(go, {3}, name, "global_orient");
    const auto [brows, bw] = rows_width(bp, {63, 69}, name, "body_pose");
    if (brows != rows)
      fail_at(name, "body_pose", std::to_string(brows) + " frames, but global_orient has " + std::to_string(rows));
    m.frames = static_cast<std::size_t>(rows);
    m.axis_angle.assign(m.frames * smpl_body_values, 0.0);
    copy_rows(go, rows, w, 3, 0, m.axis_angle, name, "global_orient");
    copy_rows(bp, rows, bw, smpl_body_values - 3, 3, m.axis_angle, name, "body_pose");
    m.source = "global_orient + body_pose (" + std::to_string(rows) + " frames)";
  } else {
    std::string have;
    for (const auto& e : entries) have += (have.empty() ? "" : ", ") + detail::printable(e.name, 40);
    fail_at(name, "",
            "no SMPL pose array: expected poses, pose, or global_orient with body_pose (the archive has: " +
                (have.empty() ? std::string("nothing") : have) + ")");
  }
  for (const char* key : {"mocap_framerate", "mocap_frame_rate"})
    if (const ZipEntry* e = find(key)) {
      const Npy r = parse_npy(e->data, name, key);
      if (r.count() != 1) fail_at(name, key, "expected one number");
      const double v = r.at(0);
      if (!(v > 0) || !std::isfinite(v)) fail_at(name, key, "expected a positive, finite frame rate");
      m.fps = v;
      break;
    }
  return m;
}

SmplMotion read_smpl(const std::filesystem::path& path) {
  const std::string bytes = read_input_file(path);
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return ext == ".npy" ? parse_smpl_npy(bytes, path.string()) : parse_smpl_npz(bytes, path.string());
}

// ---- writing ----------------------------------------------------------------------------------

namespace {

void put(std::string& s, std::uint32_t v, int n) {
  for (int k = 0; k < n; ++k) s.push_back(static_cast<char>((v >> (8 * k)) & 0xFF));
}

std::string npy_f8(const std::vector<double>& values, const std::string& shape) {
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
  while ((10 + header.size() + 1) % 64 != 0) header.push_back(' ');
  header.push_back('\n');
  std::string s = "\x93NUMPY";
  s.push_back('\x01');
  s.push_back('\x00');
  put(s, static_cast<std::uint32_t>(header.size()), 2);
  s += header;
  const std::size_t at = s.size();
  s.resize(at + 8 * values.size());
  if (!values.empty()) std::memcpy(s.data() + at, values.data(), 8 * values.size());
  return s;
}

std::uint32_t crc32(std::string_view d) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char ch : d) {
    c ^= ch;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

}  // namespace

std::string write_smpl_npz(std::span<const double> axis_angle, double fps) {
  if (axis_angle.size() % smpl_body_values != 0)
    throw invalid_argument("write_smpl_npz: " + std::to_string(axis_angle.size()) +
                           " numbers is not a whole number of frames of 66");
  if (!(fps > 0) || !std::isfinite(fps)) throw invalid_argument("write_smpl_npz: the frame rate must be positive");
  const std::size_t n = axis_angle.size() / smpl_body_values;
  std::vector<double> poses(n * 72, 0.0);
  for (std::size_t f = 0; f < n; ++f)
    std::memcpy(poses.data() + f * 72, axis_angle.data() + f * smpl_body_values, 8 * smpl_body_values);
  const std::pair<std::string, std::string> files[] = {
      {"poses.npy", npy_f8(poses, std::string(1, '(').append(std::to_string(n)).append(", 72)"))},
      {"mocap_framerate.npy", npy_f8({fps}, "()")}};
  std::string zip, cd;
  for (const auto& [fname, data] : files) {
    const auto offset = static_cast<std::uint32_t>(zip.size());
    const std::uint32_t crc = crc32(data), size = static_cast<std::uint32_t>(data.size());
    put(zip, 0x04034b50, 4), put(zip, 20, 2), put(zip, 0, 2), put(zip, 0, 2), put(zip, 0, 2), put(zip, 0x21, 2);
    put(zip, crc, 4), put(zip, size, 4), put(zip, size, 4), put(zip, static_cast<std::uint32_t>(fname.size()), 2);
    put(zip, 0, 2);
    zip += fname + data;
    put(cd, 0x02014b50, 4), put(cd, 20, 2), put(cd, 20, 2), put(cd, 0, 2), put(cd, 0, 2), put(cd, 0, 2);
    put(cd, 0x21, 2), put(cd, crc, 4), put(cd, size, 4), put(cd, size, 4);
    put(cd, static_cast<std::uint32_t>(fname.size()), 2), put(cd, 0, 2), put(cd, 0, 2), put(cd, 0, 2), put(cd, 0, 2);
    put(cd, 0, 4), put(cd, offset, 4);
    cd += fname;
  }
  const auto cd_off = static_cast<std::uint32_t>(zip.size());
  zip += cd;
  put(zip, 0x06054b50, 4), put(zip, 0, 2), put(zip, 0, 2), put(zip, 2, 2), put(zip, 2, 2);
  put(zip, static_cast<std::uint32_t>(cd.size()), 4), put(zip, cd_off, 4), put(zip, 0, 2);
  return zip;
}

}  // namespace arthrokin::io
