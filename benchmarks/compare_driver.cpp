// The C++ side of `benchmarks/compare`: writes the shared inputs (.npy), runs
// arthrokin on them, writes the outputs (.npy) and prints its timings as JSON.
//
//   arthrokin_compare_driver gen DIR N_POSES N_FRAMES   inputs + meta.json (fixed seeds)
//   arthrokin_compare_driver check DIR REPS              poses.npy → verdicts.npy, counts.npy, status.npy
//   arthrokin_compare_driver rotations DIR REPS          quats.npy → angles_rot.npy, verdicts_rot.npy
//   arthrokin_compare_driver keypoints DIR REPS          keypoints.npy → angles_kp.npy, verdicts_kp.npy
//   arthrokin_compare_driver bandwidth                   read bandwidth of a plain 1 GiB sweep
//
// Times are the best of REPS runs of the computation alone (no file I/O).
#include <arthrokin/arthrokin.hpp>
#include <arthrokin/batch.hpp>
#include <arthrokin/kinematics/forward.hpp>
#include <arthrokin/kinematics/skeleton.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace arthrokin;
using namespace arthrokin::literals;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---- minimal .npy (format 1.0, C order, '<f8' or '|u1' or '<i8') -------------
template <class T>
constexpr const char* npy_descr() {
  if constexpr (std::is_same_v<T, double>) return "<f8";
  if constexpr (std::is_same_v<T, std::uint8_t>) return "|u1";
  return "<i8";
}

template <class T>
void write_npy(const std::string& path, const std::vector<T>& data, const std::vector<std::size_t>& shape) {
  std::string dims;
  for (std::size_t d : shape) dims += std::to_string(d) + ",";
  if (shape.size() > 1) dims.pop_back();
  std::string header =
      std::string("{'descr': '") + npy_descr<T>() + "', 'fortran_order': False, 'shape': (" + dims + "), }";
  const std::size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::ofstream f(path, std::ios::binary);
  f.write("\x93NUMPY\x01\x00", 8);
  const auto len = static_cast<std::uint16_t>(header.size());
  f.put(static_cast<char>(len & 0xFF)).put(static_cast<char>(len >> 8));
  f.write(header.data(), static_cast<std::streamsize>(header.size()));
  f.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size() * sizeof(T)));
  if (!f) throw std::runtime_error("cannot write " + path);
}

std::vector<double> read_npy(const std::string& path, std::vector<std::size_t>& shape) {
  std::ifstream f(path, std::ios::binary);
  char magic[8];
  if (!f.read(magic, 8) || std::memcmp(magic, "\x93NUMPY", 6) != 0) throw std::runtime_error("not .npy: " + path);
  std::size_t len = 0;
  if (magic[6] == 1) {
    unsigned char b[2];
    f.read(reinterpret_cast<char*>(b), 2);
    len = b[0] | (b[1] << 8);
  } else {
    unsigned char b[4];
    f.read(reinterpret_cast<char*>(b), 4);
    len = b[0] | (b[1] << 8) | (b[2] << 16) | (static_cast<std::size_t>(b[3]) << 24);
  }
  std::string header(len, '\0');
  f.read(header.data(), static_cast<std::streamsize>(len));
  if (header.find("'<f8'") == std::string::npos || header.find("'fortran_order': False") == std::string::npos)
    throw std::runtime_error(path + ": need C-ordered float64, header " + header);
  const auto a = header.find("'shape': ("), b = header.find(')', a);
  std::stringstream dims(header.substr(a + 10, b - a - 10));
  shape.clear();
  std::size_t count = 1;
  for (std::string tok; std::getline(dims, tok, ',');)
    if (tok.find_first_not_of(' ') != std::string::npos) shape.push_back(std::stoul(tok)), count *= shape.back();
  std::vector<double> data(count);
  f.read(reinterpret_cast<char*>(data.data()), static_cast<std::streamsize>(count * sizeof(double)));
  if (!f) throw std::runtime_error("short read: " + path);
  return data;
}

template <class F>
double best_seconds(int reps, F&& f) {
  double best = 1e300;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    const auto t1 = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
  }
  return best;
}

/// The limits the numpy/SciPy comparisons use: the defaults with a 2° tolerance, each DoF against its
/// own range (the shoulder region and the two-joint limits off: the numpy check people write has
/// neither, and meta.json says so).
Limits compare_limits() {
  return Limits::defaults().with_tolerance(2_deg).with_shoulder_region(false).with_two_joint_limits(false);
}
/// The limits the Python module and the C API are compared on: their defaults (region and two-joint
/// limits on) with the same 2° tolerance.
Limits default_limits() { return Limits::defaults().with_tolerance(2_deg); }

// ---- gen ------------------------------------------------------------------------
void gen(const std::string& dir, std::size_t n_poses, std::size_t n_frames) {
  const Limits L = compare_limits();
  {  // poses: 3% unknown, 8% anywhere in ±π, else within the limits (or ±0.3 rad where none)
    std::mt19937_64 rng(20261125);
    std::uniform_real_distribution<double> u01(0, 1), any(-3.1, 3.1);
    std::vector<double> rows(n_poses * dof_count);
    for (std::size_t r = 0; r < n_poses; ++r)
      for (std::size_t j = 0; j < dof_count; ++j) {
        const auto& l = L[static_cast<DofId>(j)];
        const double lo = l.lower.has_value() ? l.lower.radians : -0.3;
        const double hi = l.upper.has_value() ? l.upper.radians : 0.3;
        const double p = u01(rng);
        rows[r * dof_count + j] = p < 0.03   ? kNaN
                                  : p < 0.11 ? any(rng)
                                             : lo + (hi - lo) * u01(rng) * 0.5 + 0.25 * (hi - lo);
      }
    write_npy(dir + "/poses.npy", rows, {n_poses, dof_count});
  }
  {  // frames: random full-body poses → segment quaternions and BlazePose-33 keypoints
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(-0.5, 0.5), flex(0.3, 1.6);
    const Skeleton sk = skeleton_from_height(1.75);
    std::vector<double> quats, kp;
    quats.reserve(n_frames * segment_count * 4);
    kp.reserve(n_frames * 99);
    for (std::size_t i = 0; i < n_frames; ++i) {
      Pose p;
      for (DofId d : all_dofs) p.set(d, radians(u(rng)));
      for (DofId d : {DofId::left_elbow_flexion_extension, DofId::right_elbow_flexion_extension,
                      DofId::left_knee_flexion_extension, DofId::right_knee_flexion_extension})
        p.set(d, radians(flex(rng)));
      const Eigen::Quaterniond q_pelvis(Eigen::AngleAxisd(u(rng) * 6, Eigen::Vector3d::UnitY()));
      const auto seg = segment_orientations(p, q_pelvis);
      for (const auto& q : seg.q_global_segment)
        for (int c = 0; c < 4; ++c) quats.push_back(q.coeffs()[c]);
      const auto k = synthesize_keypoints(Layout::blazepose33, sk, seg);
      kp.insert(kp.end(), k.begin(), k.end());
    }
    write_npy(dir + "/quats.npy", quats, {n_frames, segment_count, 4});
    write_npy(dir + "/keypoints.npy", kp, {n_frames, 33, 3});
  }
  // meta.json: DoF names, raw bounds (radians, null = none), tolerance, composites
  std::ofstream m(dir + "/meta.json");
  auto num = [](double v) {
    if (v != v) return std::string("null");
    char b[40];
    std::snprintf(b, sizeof b, "%.17g", v);
    return std::string(b);
  };
  m << "{\n  \"tolerance\": " << num(L.tolerance_radians())
    << ",\n  \"shoulder_region\": " << (L.uses_shoulder_region() ? "true" : "false")
    << ",\n  \"two_joint_limits\": " << (L.uses_two_joint_limits() ? "true" : "false") << ",\n  \"dofs\": [";
  for (std::size_t j = 0; j < dof_count; ++j) {
    const auto d = static_cast<DofId>(j);
    m << (j ? ",\n    " : "\n    ") << "{\"name\": \"" << to_string(d) << "\", \"lower\": " << num(L[d].lower.radians)
      << ", \"upper\": " << num(L[d].upper.radians) << "}";
  }
  m << "\n  ],\n  \"composites\": [";
  for (std::size_t k = 0; k < L.composite_count(); ++k) {
    const auto& c = L.composite(k);
    m << (k ? ",\n    " : "\n    ") << "{\"name\": \"" << c.name << "\", \"terms\": [";
    for (std::size_t t = 0; t < c.term_count; ++t) {
      const auto d = find_dof(c.terms[t].joint, c.terms[t].axis, is_spinal(c.terms[t].joint) ? Side::none : c.side);
      m << (t ? ", " : "") << "\"" << (d ? to_string(*d) : "?") << "\"";
    }
    m << "], \"lower\": " << num(c.lower.radians) << ", \"upper\": " << num(c.upper.radians) << "}";
  }
  m << "\n  ]\n}\n";
}

// ---- tasks ----------------------------------------------------------------------
void check_task(const std::string& dir, int reps) {
  std::vector<std::size_t> shape;
  const auto rows = read_npy(dir + "/poses.npy", shape);
  const std::size_t n = shape.at(0);
  const Limits L = compare_limits();
  const BatchChecker k(L);
  std::vector<std::uint8_t> verdicts(n);
  BatchCounts counts;
  const double t1 = best_seconds(reps, [&] {
    counts = BatchCounts{};
    k.run(rows, verdicts, counts);
  });
  BatchOptions two;
  two.threads = 2;
  BatchCounts c2;
  const double t2 = best_seconds(reps, [&] {
    c2 = BatchCounts{};
    k.run(rows, verdicts, c2, {}, two);
  });
  // the ±∞ scan alone (run() does it before the kernel: part of both timings above)
  std::size_t found = 0;
  const double tscan = best_seconds(reps, [&] { found += find_infinity(rows).has_value(); });
  // with the Python module's and the C API's limits (their defaults: region and two-joint limits on),
  // per-pose statuses (per DoF and per composite) too: the outputs of the Python batch
  const Limits L_default = default_limits();
  const BatchChecker k_default(L_default);
  std::vector<std::uint8_t> verdicts_default(n), status(n * dof_count), comp(n * k_default.composite_count());
  BatchCounts cs;
  const double ts = best_seconds(reps, [&] {
    cs = BatchCounts{};
    k_default.run(rows, verdicts_default, BatchStatuses{status, comp}, cs);
  });
  // per-pose check() for the same poses (a sample of 200k), for the ratio batch : per pose
  const std::size_t m = std::min<std::size_t>(n, 200000);
  std::vector<Pose> poses;
  poses.reserve(m);
  for (std::size_t i = 0; i < m; ++i)
    poses.push_back(Pose::from_radians(Eigen::Map<const PoseVector>(&rows[i * dof_count])));
  Report rep;
  std::size_t sink = 0;
  const double tp = best_seconds(reps, [&] {
    for (const auto& p : poses) check(p, L, rep), sink += rep.out_of_range_count;
  });
  std::vector<std::int64_t> cnt(dof_count * BatchCounts::status_count);
  for (std::size_t j = 0; j < dof_count; ++j)
    for (std::size_t s = 0; s < BatchCounts::status_count; ++s)
      cnt[j * BatchCounts::status_count + s] = static_cast<std::int64_t>(counts.dof[j][s]);
  std::vector<std::int64_t> cnt_default(dof_count * BatchCounts::status_count);
  for (std::size_t j = 0; j < dof_count; ++j)
    for (std::size_t s = 0; s < BatchCounts::status_count; ++s)
      cnt_default[j * BatchCounts::status_count + s] = static_cast<std::int64_t>(cs.dof[j][s]);
  write_npy(dir + "/verdicts.npy", verdicts, {n});
  write_npy(dir + "/counts.npy", cnt, {dof_count, BatchCounts::status_count});
  write_npy(dir + "/verdicts_default.npy", verdicts_default, {n});
  write_npy(dir + "/counts_default.npy", cnt_default, {dof_count, BatchCounts::status_count});
  write_npy(dir + "/status_default.npy", status, {n, dof_count});
  std::printf(
      "{\"poses\": %zu, \"seconds\": %.6g, \"seconds_2threads\": %.6g, \"seconds_statuses\": %.6g, "
      "\"seconds_scan\": %.6g, \"per_pose_check_seconds\": %.6g, \"per_pose_sample\": %zu, "
      "\"bytes_per_pose\": %zu, \"sink\": %zu}\n",
      n, t1, t2, ts, tscan, tp, m, dof_count * sizeof(double), (sink + found) % 2);
}

void angles_task(const std::string& dir, int reps, bool rotations) {
  std::vector<std::size_t> shape;
  const auto in = read_npy(dir + (rotations ? "/quats.npy" : "/keypoints.npy"), shape);
  const std::size_t f = shape.at(0);
  const Limits L = compare_limits();
  const BatchChecker k(L);
  std::vector<double> angles(f * dof_count), tl(f * 3);
  std::vector<std::uint8_t> verdicts(f);
  BatchCounts counts;
  double t_angles = 1e300;
  const double t = best_seconds(reps, [&] {
    const auto t0 = std::chrono::steady_clock::now();
    if (rotations)
      joint_angles_batch(in, angles, tl);
    else
      keypoint_angles_batch(Layout::blazepose33, in, {}, angles, tl);
    t_angles = std::min(t_angles, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    counts = BatchCounts{};
    k.run(angles, verdicts, counts, tl);
  });
  // the same with JointAngleOptions::fast_trig (rotations: four frames at once; keypoints: each
  // frame's angles four at a time), its largest angle difference from the libm batch, the angles
  // known in one and not the other, and its verdicts that differ
  double t_fast = 0, fast_max_diff = 0;
  std::size_t fast_verdicts_differ = 0, fast_unknowns_differ = 0;
  {
    KeypointOptions fast;
    fast.angles.fast_trig = true;
    std::vector<double> fa(f * dof_count), ftl(f * 3);
    std::vector<std::uint8_t> fv(f);
    BatchCounts fc;
    t_fast = best_seconds(reps, [&] {
      if (rotations)
        joint_angles_batch(in, fa, ftl, fast.angles);
      else
        keypoint_angles_batch(Layout::blazepose33, in, {}, fa, ftl, fast);
      fc = BatchCounts{};
      k.run(fa, fv, fc, ftl);
    });
    for (std::size_t i = 0; i < fa.size(); ++i) {
      fast_unknowns_differ += std::isnan(fa[i]) != std::isnan(angles[i]);
      if (!std::isnan(fa[i]) && !std::isnan(angles[i]))
        fast_max_diff = std::max(fast_max_diff, std::abs(fa[i] - angles[i]));
    }
    for (std::size_t i = 0; i < f; ++i) fast_verdicts_differ += fv[i] != verdicts[i];
  }
  // the per-frame path: one Report per frame
  Report rep;
  std::size_t sink = 0;
  const double t_frame = best_seconds(reps, [&] {
    SegmentOrientations seg;
    for (std::size_t i = 0; i < f; ++i) {
      if (rotations) {
        for (std::size_t s = 0; s < segment_count; ++s) {
          seg.q_global_segment[s].coeffs() = Eigen::Map<const Eigen::Vector4d>(&in[(i * segment_count + s) * 4]);
          seg.known.set(s);
        }
        check(joint_angles(seg).pose, L, rep);
      } else {
        check(keypoint_angles({Layout::blazepose33, std::span<const double>(in).subspan(i * 99, 99)}).pose, L, rep);
      }
      sink += rep.out_of_range_count;
    }
  });
  const std::string tag = rotations ? "rot" : "kp";
  write_npy(dir + "/angles_" + tag + ".npy", angles, {f, dof_count});
  write_npy(dir + "/tl_" + tag + ".npy", tl, {f, 3});
  write_npy(dir + "/verdicts_" + tag + ".npy", verdicts, {f});
  std::printf(
      "{\"frames\": %zu, \"seconds\": %.6g, \"angles_seconds\": %.6g, \"per_frame_report_seconds\": %.6g, "
      "\"fast_trig_seconds\": %.6g, \"fast_trig_max_diff\": %.6g, \"fast_trig_verdicts_differ\": %zu, "
      "\"fast_trig_unknowns_differ\": %zu, \"sink\": %zu}\n",
      f, t, t_angles, t_frame, t_fast, fast_max_diff, fast_verdicts_differ, fast_unknowns_differ, sink % 2);
}

void bandwidth() {
  const std::size_t n = (std::size_t{1} << 30) / sizeof(double);
  std::vector<double> a(n, 1.0);
  double sink = 0;
  const double t = best_seconds(5, [&] {
    // four independent accumulators; the compiler vectorises this plain sweep
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (std::size_t i = 0; i < n; i += 4) s0 += a[i], s1 += a[i + 1], s2 += a[i + 2], s3 += a[i + 3];
    sink += s0 + s1 + s2 + s3;
  });
  std::printf("{\"bytes\": %zu, \"seconds\": %.6g, \"read_bytes_per_second\": %.6g, \"sink\": %g}\n",
              n * sizeof(double), t, static_cast<double>(n * sizeof(double)) / t, sink);
}

}  // namespace

int main(int argc, char** argv) try {
  const std::vector<std::string> a(argv + 1, argv + argc);
  if (a.size() == 4 && a[0] == "gen") {
    gen(a[1], std::stoul(a[2]), std::stoul(a[3]));
  } else if (a.size() == 3 && a[0] == "check") {
    check_task(a[1], std::stoi(a[2]));
  } else if (a.size() == 3 && (a[0] == "rotations" || a[0] == "keypoints")) {
    angles_task(a[1], std::stoi(a[2]), a[0] == "rotations");
  } else if (a.size() == 1 && a[0] == "bandwidth") {
    bandwidth();
  } else {
    std::cerr << "usage: arthrokin_compare_driver gen DIR N_POSES N_FRAMES | check DIR REPS | rotations DIR REPS |"
                 " keypoints DIR REPS | bandwidth\n";
    return 2;
  }
  return 0;
} catch (const std::exception& e) {
  std::cerr << "arthrokin_compare_driver: " << e.what() << "\n";
  return 1;
}
