/// @file rotation_angles_kernel.hpp
/// @brief `joint_angles_batch`'s straight-line paths for clean frames: the 16 segment
///        quaternions all finite and non-zero, the case of every mocap and IMU frame. They
///        compute what `joint_angles` (the `Solver` of joint_solver.hpp) computes when every
///        segment is observed, with the same expressions in the same order, without the
///        per-DoF statuses, confidences and `Pose` writes the batch does not return, and
///        without the shoulders' ISB angles. The solver's plan (`JointPlan`, joint_solver.hpp:
///        the joints, their DoFs and decompositions, in its order) drives two executors:
///        - `clean_frame_angles`, one frame with libm: equal to `joint_angles` bit for bit
///          (tests/rotation_kernel_test.cpp);
///        - `fast_block_angles`, four frames at once with fast_trig.hpp's four-lane atan2
///          (`JointAngleOptions::fast_trig`): the arguments of every atan2, asin and acos of
///          the four frames first, then one vector call per slot, then the decisions. Its
///          angles are within `fast_trig_bound_rad` of the libm ones, and a frame with an
///          angle that close to one of the kernel's own decisions (a gimbal-lock threshold,
///          the horizontal-abduction cut-off, ±π where an angle wraps, the swing's 1e-12 cut-off)
///          is handed back to the libm path, so that no unknown differs; so is every frame when
///          the forearm offset lies outside ±π.
///        Included only by detail/batch-inl.hpp.
#pragma once

#include <arthrokin/detail/fast_trig.hpp>
#include <arthrokin/detail/joint_solver.hpp>
#include <arthrokin/detail/kinematics_kernels.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>

namespace arthrokin::detail {

/// The 16 normalised rotation matrices of a frame (q: 16 × (x, y, z, w)); false when a segment is
/// not a rotation (NaN, zero or infinite).
[[nodiscard]] inline bool frame_rotations(const double* q, std::array<Eigen::Matrix3d, segment_count>& rot) noexcept {
  for (std::size_t s = 0; s < segment_count; ++s) {
    Eigen::Quaterniond g;
    g.coeffs() = Eigen::Map<const Eigen::Vector4d>(q + 4 * s);
    Eigen::Quaterniond u;
    if (g.coeffs().hasNaN() || !normalized_rotation(g, u)) return false;
    rot[s] = u.toRotationMatrix();
  }
  return true;
}

/// The angles of one clean frame with libm into `out` (dof_count radians, NaN unknown): the
/// values `joint_angles` gives, bit for bit; false, with `out` partly written, when a segment
/// is not a rotation (the caller then takes the solver).
[[nodiscard]] inline bool clean_frame_angles(const double* q, const JointPlan& plan, const JointAngleOptions& opt,
                                             double* out) noexcept {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  std::array<Eigen::Matrix3d, segment_count> rot;
  if (!frame_rotations(q, rot)) return false;
  std::fill(out, out + dof_count, nan);
  const double thr = opt.gimbal_lock_threshold_rad;
  const auto seg = [&](Segment s) -> const Eigen::Matrix3d& { return rot[static_cast<std::size_t>(s)]; };
  const auto put = [&](DofId d, double v) { out[index(d)] = std::isfinite(v) ? v : nan; };  // Solver::put
  for (std::size_t j = 0; j < plan.count; ++j) {
    const PlannedJoint& pj = plan.joints[j];
    if (!pj.swing) {  // Solver::zxy_joint
      const ZxyMap m = zxy_map(pj, opt);
      const ZxyEntries r = zxy_entries(seg(pj.prox), seg(pj.dist), pj.left);
      const Zxy z = zxy_from_entries(r.r01, r.r11, r.r20, r.r21, r.r22, m.has_c);
      if (m.has_b) put(m.b, m.sb * z.b);
      if (z.margin < thr) continue;  // gimbal lock: a and c unknown
      if (m.has_a) put(m.a, m.sa * z.a);
      if (m.has_c) put(m.c, wrap_pi(m.sc * z.c - m.offset_c));
      continue;
    }
    // Solver::swing_joint
    const Eigen::Matrix3d r = relative_rotation(seg(pj.prox), seg(pj.dist), pj.left);
    const Eigen::Vector3d dir = Eigen::Vector3d(-r.col(1));
    const double e = std::acos(std::clamp(-dir.y(), -1.0, 1.0));
    const double se = std::hypot(dir.x(), dir.z());
    if (e > pi - thr) continue;  // gimbal lock: all unknown
    const double k = se > 1e-12 ? e / se : 1.0;
    put(pj.flex, k * dir.x());
    put(pj.add, -k * dir.z());
    const double pe = std::atan2(dir.x(), dir.z());
    if (pj.shoulder && !(e < thr) && !(e < opt.horizontal_min_elevation_rad)) put(pj.horiz, pe);
    put(pj.axial, twist_about_y(r));
  }
  return true;
}

/// Frames per `fast_block_angles` call: the lanes of fast_atan2_4.
inline constexpr std::size_t rotation_block = 4;

/// The angles of frames q[0 .. n) (n ≤ 4; 16 × 4 doubles each) with the fast trigonometry into
/// out (n × dof_count). Returns the frames done as a bit mask: a frame whose bit is clear (a
/// segment that is not a rotation, or an angle within `fast_trig_bound_rad` of a decision) has
/// an undefined row, for the caller to compute with libm.
[[nodiscard]] inline unsigned fast_block_angles(const double* q, std::size_t n, const JointPlan& plan,
                                                const JointAngleOptions& opt, double* out) noexcept {
  constexpr std::size_t B = rotation_block;
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  constexpr double guard = fast_trig_bound_rad;
  // A forearm offset outside ±π (or NaN): c − offset would round at the offset's ulp (1.1e-13 rad
  // at 1000) and wrap_pi turn at ±3π, ±5π …, where the guard below does not look: libm.
  if (!(std::abs(opt.forearm_mid_position_rad) <= pi)) return 0u;
  const auto near = [](double v, double t) { return std::abs(v - t) <= guard; };
  // per joint three atan2 slots of B lanes: zxy (a, b, c); swing (elevation, plane, twist)
  std::array<std::array<double, B>, 3 * 15> ys, xs, t;
  unsigned done = 0;
  for (std::size_t f = 0; f < B; ++f) {
    std::array<Eigen::Matrix3d, segment_count> rot;
    if (f >= n || !frame_rotations(q + f * segment_count * 4, rot)) {
      for (std::size_t s = 0; s < 3 * plan.count; ++s) ys[s][f] = 0.0, xs[s][f] = 1.0;  // a harmless lane
      continue;
    }
    done |= 1u << f;
    const auto seg = [&](Segment s) -> const Eigen::Matrix3d& { return rot[static_cast<std::size_t>(s)]; };
    for (std::size_t j = 0; j < plan.count; ++j) {
      const PlannedJoint& pj = plan.joints[j];
      const std::size_t s = 3 * j;
      if (!pj.swing) {  // zxy_from_entries: a = atan2(−R01, R11), b = asin(R21), c = atan2(−R20, R22)
        const ZxyEntries r = zxy_entries(seg(pj.prox), seg(pj.dist), pj.left);
        const double r21 = std::clamp(r.r21, -1.0, 1.0);
        ys[s][f] = -r.r01, xs[s][f] = r.r11;
        ys[s + 1][f] = r21, xs[s + 1][f] = cos_of_asin(r21);
        ys[s + 2][f] = -r.r20, xs[s + 2][f] = r.r22;
        continue;
      }
      // elevation acos(−dir_y), plane of elevation atan2(dir_x, dir_z), twist_about_y's atan2(q_y, q_w)
      const Eigen::Matrix3d r = relative_rotation(seg(pj.prox), seg(pj.dist), pj.left);
      const Eigen::Vector3d dir = Eigen::Vector3d(-r.col(1));
      Eigen::Quaterniond qt(r);
      if (qt.w() < 0) qt.coeffs() = -qt.coeffs();
      const double ce = std::clamp(-dir.y(), -1.0, 1.0);
      ys[s][f] = cos_of_asin(ce), xs[s][f] = ce;
      ys[s + 1][f] = dir.x(), xs[s + 1][f] = dir.z();
      ys[s + 2][f] = qt.y(), xs[s + 2][f] = qt.w();
    }
  }
  for (std::size_t s = 0; s < 3 * plan.count; ++s) fast_atan2_4(ys[s].data(), xs[s].data(), t[s].data());

  const double thr = opt.gimbal_lock_threshold_rad, hmin = opt.horizontal_min_elevation_rad;
  for (std::size_t f = 0; f < n; ++f) {
    if (!(done >> f & 1u)) continue;
    double* row = out + f * dof_count;
    std::fill(row, row + dof_count, nan);
    const auto put = [&](DofId d, double v) { row[index(d)] = std::isfinite(v) ? v : nan; };
    bool ok = true;
    for (std::size_t j = 0; j < plan.count && ok; ++j) {
      const PlannedJoint& pj = plan.joints[j];
      const std::size_t s = 3 * j;
      if (!pj.swing) {
        const ZxyMap m = zxy_map(pj, opt);
        const double b = t[s + 1][f], margin = pi / 2 - std::abs(b);
        if (near(margin, thr)) ok = false;
        if (m.has_b) put(m.b, m.sb * b);
        if (margin < thr) continue;
        if (m.has_a) put(m.a, m.sa * t[s][f]);
        if (m.has_c) {
          const double c = m.sc * t[s + 2][f] - m.offset_c;
          if (near(std::abs(c), pi)) ok = false;  // where wrap_pi turns
          put(m.c, wrap_pi(c));
        }
        continue;
      }
      const double e = t[s][f];
      if (near(e, pi - thr) || near(e, thr) || (pj.shoulder && near(e, hmin))) ok = false;
      if (e > pi - thr) continue;
      const double dx = ys[s + 1][f], dz = xs[s + 1][f], qy = ys[s + 2][f], qw = xs[s + 2][f];
      // |dir| = 1: √(x² + z²) cannot overflow, and where it underflows hypot is below 1e-12 too
      const double se = std::sqrt(dx * dx + dz * dz);
      // libm takes hypot, which may round the other way: near the cut-off, k = e / se and k = 1
      // differ by far more than the bound where e has rounded to 0 (−dir_y rounds to 1)
      if (std::abs(se - 1e-12) <= 1e-27) ok = false;
      const double k = se > 1e-12 ? e / se : 1.0;
      put(pj.flex, k * dx);
      put(pj.add, -k * dz);
      if (pj.shoulder && !(e < thr) && !(e < hmin)) put(pj.horiz, t[s + 1][f]);
      // twist_about_y's hypot(w, y) > 1e-12 from w² + y², with hypot where the two could disagree
      const double tn2 = qw * qw + qy * qy;
      const bool turns = tn2 > 1.000001e-24 || (tn2 >= 0.999999e-24 && std::hypot(qw, qy) > 1e-12);
      const double tw = wrap_pi(turns ? 2.0 * t[s + 2][f] : 0.0);
      if (near(std::abs(tw), pi)) ok = false;
      put(pj.axial, tw);
    }
    if (!ok) done &= ~(1u << f);
  }
  return done;
}

}  // namespace arthrokin::detail
