/// @file rotation_block_kernel.hpp
/// @brief The block paths of rotation_angles_kernel.hpp, four frames at a time, included
///        there once per instruction set (no include guard, on purpose): it defines namespace
///        `arthrokin::detail::ARTHROKIN_ROTATION_KERNEL_NS` with GCC / Clang vectors of 32 bytes
///        where `ARTHROKIN_TRIG_WIDE` is 1 (AVX: the AVX2 copy, or an AVX build) and 16 bytes
///        otherwise (SSE2, NEON, WebAssembly SIMD, or scalar code where there is none):
///        - `rotations_block`: the 16 rotation matrices of each of the four frames, lane by
///          lane (one lane per frame), bit for bit frame_rotations';
///        - `clean_block_angles`: those, then angles_from_rotations per frame (libm);
///        - `fast_block_angles`: those, then every atan2 / asin / acos argument of the four
///          frames into slots, one fast_atan2_4 per slot (fast_trig_lanes.hpp), then the
///          decisions (`JointAngleOptions::fast_trig`).
// NOLINT(llvm-header-guard): included several times on purpose

namespace arthrokin::detail::ARTHROKIN_ROTATION_KERNEL_NS {

#include <arthrokin/detail/fast_trig_lanes.hpp>

#if ARTHROKIN_TRIG_WIDE
inline constexpr std::size_t lanes = 4;                       ///< doubles per vector
using Lanes = double __attribute__((vector_size(32)));        ///< `lanes` doubles
using LaneMask = long long __attribute__((vector_size(32)));  ///< their masks (all bits set: true)
#else
inline constexpr std::size_t lanes = 2;
using Lanes = double __attribute__((vector_size(16)));
using LaneMask = long long __attribute__((vector_size(16)));
#endif

/// The rotation matrices of frames q[0 .. n) (n ≤ rotation_block; 16 × (x, y, z, w) each) into
/// rot[0 .. n): the bits frame_rotations gives (normalized_rotation, then Eigen's
/// toRotationMatrix, the same operations lane by lane). Returns the frames whose 16 quaternions
/// are all rotations as a bit mask; a quaternion that is not finite, is zero, or has its
/// largest coefficient outside the normal binades that the power-of-two scaling takes goes
/// through normalized_rotation itself.
[[nodiscard]] inline unsigned rotations_block(const double* q, std::size_t n, BlockRotations& rot) noexcept {
  using V = Lanes;
  using I = LaneMask;
  constexpr std::size_t L = lanes;
  constexpr double inf = std::numeric_limits<double>::infinity();
  constexpr std::size_t per = segment_count * 4;
  const I sign = (I)(-V{});
  unsigned ok = (1u << n) - 1u;
  for (std::size_t s = 0; s < segment_count; ++s) {
    for (std::size_t h = 0; h < n; h += L) {
      double c[4][L];
      for (std::size_t l = 0; l < L; ++l)
        for (std::size_t k = 0; k < 4; ++k) c[k][l] = h + l < n ? q[(h + l) * per + 4 * s + k] : (k == 3 ? 1.0 : 0.0);
      V x, y, z, w;
      std::memcpy(&x, c[0], sizeof x);
      std::memcpy(&y, c[1], sizeof y);
      std::memcpy(&z, c[2], sizeof z);
      std::memcpy(&w, c[3], sizeof w);
      // normalized_rotation: × 2^−e for the largest |coefficient| a = m 2^e, then × 1/|c|
      const V ax = (V)((I)x & ~sign), ay = (V)((I)y & ~sign), az = (V)((I)z & ~sign), aw = (V)((I)w & ~sign);
      const I finite = (ax < inf) & (ay < inf) & (az < inf) & (aw < inf);  // NaN: false
      const V axy = select_bits(ax > ay, ax, ay), azw = select_bits(az > aw, az, aw);
      const V a = select_bits(axy > azw, axy, azw);
      const I biased = ((I)a >> 52) & 0x7ff;
      const I normal = finite & (biased > 1) & (biased < 2046);  // e in (−1022, 1023), as normalized_rotation
      const V scale = (V)(((2046 - biased) & 0x7ff) << 52);      // 2^−e
      const V cx = x * scale, cy = y * scale, cz = z * scale, cw = w * scale;
      const V n2 = (cx * cx + cz * cz) + (cy * cy + cw * cw);
      V norm = n2;
      for (std::size_t l = 0; l < L; ++l) norm[l] = std::sqrt(n2[l]);
      const V inv = 1.0 / norm;
      const V ux = cx * inv, uy = cy * inv, uz = cz * inv, uw = cw * inv;
      // Eigen's QuaternionBase::toRotationMatrix
      const V tx = 2.0 * ux, ty = 2.0 * uy, tz = 2.0 * uz;
      const V twx = tx * uw, twy = ty * uw, twz = tz * uw;
      const V txx = tx * ux, txy = ty * ux, txz = tz * ux;
      const V tyy = ty * uy, tyz = tz * uy, tzz = tz * uz;
      const V r00 = 1.0 - (tyy + tzz), r01 = txy - twz, r02 = txz + twy;
      const V r10 = txy + twz, r11 = 1.0 - (txx + tzz), r12 = tyz - twx;
      const V r20 = txz - twy, r21 = tyz + twx, r22 = 1.0 - (txx + tyy);
      for (std::size_t l = 0; l < L && h + l < n; ++l) {
        const std::size_t f = h + l;
        Eigen::Matrix3d& r = rot[f][s];
        if (normal[l]) {
          r << r00[l], r01[l], r02[l], r10[l], r11[l], r12[l], r20[l], r21[l], r22[l];
          continue;
        }
        Eigen::Quaterniond g, u;
        g.coeffs() = Eigen::Map<const Eigen::Vector4d>(q + f * per + 4 * s);
        if (normalized_rotation(g, u))
          r = u.toRotationMatrix();
        else
          ok &= ~(1u << f);
      }
    }
  }
  return ok;
}

/// The angles of frames q[0 .. n) (n ≤ rotation_block) with libm into out (n × dof_count):
/// rotations_block, then angles_from_rotations per frame; `joint_angles`' values bit for bit.
/// Returns the frames done as a bit mask (a clear bit: a segment is not a rotation, the row is
/// unwritten, for the caller's solver).
[[nodiscard]] inline unsigned clean_block_angles(const double* q, std::size_t n, const JointPlan& plan,
                                                 const JointAngleOptions& opt, double* out) noexcept {
  BlockRotations rot;
  const unsigned done = rotations_block(q, n, rot);
  for (std::size_t f = 0; f < n; ++f)
    if (done >> f & 1u) angles_from_rotations(rot[f], plan, opt, out + f * dof_count);
  return done;
}

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
  BlockRotations rot;
  unsigned done = rotations_block(q, n, rot);
  for (std::size_t f = 0; f < B; ++f) {
    if (!(done >> f & 1u)) {
      for (std::size_t s = 0; s < 3 * plan.count; ++s) ys[s][f] = 0.0, xs[s][f] = 1.0;  // a harmless lane
      continue;
    }
    const auto seg = [&](Segment s) -> const Eigen::Matrix3d& { return rot[f][static_cast<std::size_t>(s)]; };
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

}  // namespace arthrokin::detail::ARTHROKIN_ROTATION_KERNEL_NS
