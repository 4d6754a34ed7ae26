/// @file rotation_block_kernel.hpp
/// @brief The block paths of rotation_angles_kernel.hpp, four frames at a time, included
///        there once per instruction set (no include guard, on purpose): it defines namespace
///        `arthrokin::detail::ARTHROKIN_ROTATION_KERNEL_NS` with GCC / Clang vectors of 32 bytes
///        where `ARTHROKIN_TRIG_WIDE` is 1 (AVX: the AVX2 copy, or an AVX build) and 16 bytes
///        otherwise (SSE2, NEON, WebAssembly SIMD, or scalar code where there is none):
///        - `rotations_block`: the 16 rotation matrices of each of the four frames, lane by
///          lane (one lane per frame), bit for bit frame_rotations';
///        - `clean_block_angles`: those, then angles_from_rotations per frame (libm);
///        - `fast_block_angles`: the rotations' entries left in lanes (`rotations_block_lanes`,
///          relative rotations and the shoulders' twist quaternions computed lane by lane too),
///          every atan2 / asin / acos argument of the four frames into slots, one fast_atan2_4
///          per slot (fast_trig_lanes.hpp), then the decisions per frame
///          (`JointAngleOptions::fast_trig`).
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

/// Load / store `lanes` doubles.
[[nodiscard]] inline Lanes load_lanes(const double* p) noexcept {
  Lanes v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store_lanes(double* p, const Lanes& v) noexcept { std::memcpy(p, &v, sizeof v); }

/// √ of every lane. The vector instruction where there is one (SQRTPD, NEON FSQRT): correctly
/// rounded like std::sqrt, so the same bits, without the errno test and call per lane that
/// std::sqrt costs when math-errno is on (GCC's default). Elsewhere std::sqrt lane by lane.
[[nodiscard]] inline Lanes sqrt_lanes(Lanes v) noexcept {
#if (defined(__x86_64__) || defined(__i386__)) && defined(__SSE2__) && ARTHROKIN_TRIG_WIDE
  return __builtin_ia32_sqrtpd256(v);  // 32-byte lanes: an AVX build or the AVX2 copy
#elif (defined(__x86_64__) || defined(__i386__)) && defined(__SSE2__)
  return __builtin_ia32_sqrtpd(v);
#elif defined(__aarch64__) && defined(__ARM_NEON) && !ARTHROKIN_TRIG_WIDE
  return (Lanes)vsqrtq_f64((float64x2_t)v);
#else
  for (std::size_t l = 0; l < lanes; ++l) v[l] = std::sqrt(v[l]);
  return v;
#endif
}

/// Segment s's rotation matrices of frames h .. h + lanes (of q[0 .. n), 16 × (x, y, z, w) each;
/// frames past n read as the identity) into r, row-major (R00, R01, … R22): normalized_rotation
/// then Eigen's toRotationMatrix, the same operations lane by lane. `normal` marks the lanes where
/// that holds; in the others (a quaternion that is not finite, is zero, or has its largest
/// coefficient outside the normal binades that the power-of-two scaling takes) r is undefined.
inline void rotation_lanes(const double* q, std::size_t n, std::size_t s, std::size_t h, Lanes (&r)[9],
                           LaneMask& normal) noexcept {
  using V = Lanes;
  using I = LaneMask;
  constexpr std::size_t L = lanes;
  constexpr double inf = std::numeric_limits<double>::infinity();
  constexpr std::size_t per = segment_count * 4;
  const I sign = (I)(-V{});
  double c[4][L];
  if (h + L <= n) {  // a full block: no test per coefficient
    for (std::size_t l = 0; l < L; ++l)
      for (std::size_t k = 0; k < 4; ++k) c[k][l] = q[(h + l) * per + 4 * s + k];
  } else {
    for (std::size_t l = 0; l < L; ++l)
      for (std::size_t k = 0; k < 4; ++k) c[k][l] = h + l < n ? q[(h + l) * per + 4 * s + k] : (k == 3 ? 1.0 : 0.0);
  }
  const V x = load_lanes(c[0]), y = load_lanes(c[1]), z = load_lanes(c[2]), w = load_lanes(c[3]);
  // normalized_rotation: × 2^−e for the largest |coefficient| a = m 2^e, then × 1/|c|
  const V ax = (V)((I)x & ~sign), ay = (V)((I)y & ~sign), az = (V)((I)z & ~sign), aw = (V)((I)w & ~sign);
  const I finite = (ax < inf) & (ay < inf) & (az < inf) & (aw < inf);  // NaN: false
  const V axy = select_bits(ax > ay, ax, ay), azw = select_bits(az > aw, az, aw);
  const V a = select_bits(axy > azw, axy, azw);
  const I biased = ((I)a >> 52) & 0x7ff;
  normal = finite & (biased > 1) & (biased < 2046);      // e in (−1022, 1023), as normalized_rotation
  const V scale = (V)(((2046 - biased) & 0x7ff) << 52);  // 2^−e
  const V cx = x * scale, cy = y * scale, cz = z * scale, cw = w * scale;
  const V n2 = (cx * cx + cz * cz) + (cy * cy + cw * cw);
  const V norm = sqrt_lanes(n2);
  const V inv = 1.0 / norm;
  const V ux = cx * inv, uy = cy * inv, uz = cz * inv, uw = cw * inv;
  // Eigen's QuaternionBase::toRotationMatrix
  const V tx = 2.0 * ux, ty = 2.0 * uy, tz = 2.0 * uz;
  const V twx = tx * uw, twy = ty * uw, twz = tz * uw;
  const V txx = tx * ux, txy = ty * ux, txz = tz * ux;
  const V tyy = ty * uy, tyz = tz * uy, tzz = tz * uz;
  r[0] = 1.0 - (tyy + tzz), r[1] = txy - twz, r[2] = txz + twy;
  r[3] = txy + twz, r[4] = 1.0 - (txx + tzz), r[5] = tyz - twx;
  r[6] = txz - twy, r[7] = tyz + twx, r[8] = 1.0 - (txx + tyy);
}

/// normalized_rotation's matrix of frame f's segment s into m, for a lane `rotation_lanes` leaves;
/// false (m untouched) where the quaternion is not a rotation.
[[nodiscard]] inline bool scalar_rotation(const double* q, std::size_t f, std::size_t s, Eigen::Matrix3d& m) noexcept {
  Eigen::Quaterniond g, u;
  g.coeffs() = Eigen::Map<const Eigen::Vector4d>(q + (f * segment_count + s) * 4);
  if (!normalized_rotation(g, u)) return false;
  m = u.toRotationMatrix();
  return true;
}

/// The rotation matrices of frames q[0 .. n) (n ≤ rotation_block; 16 × (x, y, z, w) each) into
/// rot[0 .. n): the bits frame_rotations gives (`rotation_lanes`). Returns the frames whose 16
/// quaternions are all rotations as a bit mask; the lanes `rotation_lanes` leaves go through
/// normalized_rotation itself.
[[nodiscard]] inline unsigned rotations_block(const double* q, std::size_t n, BlockRotations& rot) noexcept {
  unsigned ok = (1u << n) - 1u;
  for (std::size_t s = 0; s < segment_count; ++s) {
    for (std::size_t h = 0; h < n; h += lanes) {
      Lanes r[9];
      LaneMask normal;
      rotation_lanes(q, n, s, h, r, normal);
      for (std::size_t l = 0; l < lanes && h + l < n; ++l) {
        const std::size_t f = h + l;
        Eigen::Matrix3d& m = rot[f][s];
        if (normal[l])
          m << r[0][l], r[1][l], r[2][l], r[3][l], r[4][l], r[5][l], r[6][l], r[7][l], r[8][l];
        else if (!scalar_rotation(q, f, s, m))
          ok &= ~(1u << f);
      }
    }
  }
  return ok;
}

/// The rotation matrices of a block as lanes: entry k (row-major) of segment s of frame f at
/// [s][k][f] (the fast kernel's entries are then lane arithmetic, with no per-frame gather).
using LaneRotations = std::array<std::array<std::array<double, rotation_block>, 9>, segment_count>;

/// `rotations_block` into lanes; a frame whose bit is clear in the result (a quaternion that is not
/// a rotation) reads as the identity, so its lanes stay harmless.
[[nodiscard]] inline unsigned rotations_block_lanes(const double* q, std::size_t n, LaneRotations& e) noexcept {
  unsigned ok = (1u << n) - 1u;
  for (std::size_t s = 0; s < segment_count; ++s) {
    for (std::size_t h = 0; h < rotation_block; h += lanes) {
      Lanes r[9];
      LaneMask normal;
      rotation_lanes(q, n, s, h, r, normal);
      for (std::size_t k = 0; k < 9; ++k) store_lanes(e[s][k].data() + h, r[k]);
      for (std::size_t l = 0; l < lanes && h + l < n; ++l) {
        if (normal[l]) continue;
        const std::size_t f = h + l;
        Eigen::Matrix3d m;
        if (!scalar_rotation(q, f, s, m)) {
          ok &= ~(1u << f);  // the whole frame reads as the identity, below
          continue;
        }
        for (std::size_t k = 0; k < 9; ++k)
          e[s][k][f] = m(static_cast<Eigen::Index>(k / 3), static_cast<Eigen::Index>(k % 3));
      }
    }
  }
  // a frame that is not all rotations: identity in every segment
  for (std::size_t f = 0; f < n; ++f)
    if (!(ok >> f & 1u))
      for (std::size_t s = 0; s < segment_count; ++s)
        for (std::size_t k = 0; k < 9; ++k) e[s][k][f] = k % 4 == 0 ? 1.0 : 0.0;
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

/// One segment's rotation matrices in `LaneRotations`.
using SegmentLanes = std::array<std::array<double, rotation_block>, 9>;

/// Entry (row, col) of one segment's rotation matrices, frames h .. h + lanes.
[[nodiscard]] inline Lanes entry_lanes(const SegmentLanes& x, int row, int col, std::size_t h) noexcept {
  return load_lanes(&x[static_cast<std::size_t>(3 * row + col)][h]);
}
/// kinematics_kernels.hpp's `unfused` for lanes, in each copy (a 32-byte vector passes no function
/// compiled for another instruction set).
[[nodiscard]] inline Lanes unfused(Lanes x) noexcept {
#ifdef ARTHROKIN_UNFUSED_REG
  asm("" : ARTHROKIN_UNFUSED_REG(x));
#endif
  return x;
}
/// (Pᵀ D)(i, k) of frames h .. h + lanes: joint_solver.hpp's `column_dot` lane by lane, the same
/// expression with the same `unfused` products (the same bits where the target has FMA too).
[[nodiscard]] inline Lanes col_dot(const SegmentLanes& p, const SegmentLanes& d, int i, int k, std::size_t h) noexcept {
  return (unfused(entry_lanes(p, 0, i, h) * entry_lanes(d, 0, k, h)) +
          unfused(entry_lanes(p, 1, i, h) * entry_lanes(d, 1, k, h))) +
         unfused(entry_lanes(p, 2, i, h) * entry_lanes(d, 2, k, h));
}
/// std::clamp(x, −1, 1) lane by lane.
[[nodiscard]] inline Lanes clamp_unit(Lanes x) noexcept {
  return select_bits(x < -1.0, Lanes{} - 1.0, select_bits(x > 1.0, Lanes{} + 1.0, x));
}
/// cos_of_asin lane by lane: √((1 − x)(1 + x)).
[[nodiscard]] inline Lanes cos_of_asin_lanes(Lanes x) noexcept { return sqrt_lanes((1.0 - x) * (1.0 + x)); }
/// The y and w of Eigen's Quaterniond(r) (Shoemake's algorithm: the trace, else the largest diagonal
/// entry, chosen lane by lane), negated where w < 0: the quaternion twist_about_y reads.
inline void twist_quaternion_lanes(const Lanes (&r)[3][3], Lanes& qy, Lanes& qw) noexcept {
  const Lanes t = r[0][0] + r[1][1] + r[2][2];
  const LaneMask by_trace = t > 0.0;
  const LaneMask i1 = r[1][1] > r[0][0];
  const LaneMask i2 = r[2][2] > select_bits(i1, r[1][1], r[0][0]);
  const Lanes arg =
      select_bits(by_trace, t + 1.0,
                  select_bits(i2, r[2][2] - r[0][0] - r[1][1] + 1.0,
                              select_bits(i1, r[1][1] - r[2][2] - r[0][0] + 1.0, r[0][0] - r[1][1] - r[2][2] + 1.0)));
  const Lanes root = sqrt_lanes(arg);
  const Lanes half = 0.5 * root, k = 0.5 / root;
  const Lanes w = select_bits(
      by_trace, half,
      select_bits(i2, (r[1][0] - r[0][1]) * k, select_bits(i1, (r[0][2] - r[2][0]) * k, (r[2][1] - r[1][2]) * k)));
  const Lanes y = select_bits(by_trace, (r[0][2] - r[2][0]) * k,
                              select_bits(i2, (r[1][2] + r[2][1]) * k, select_bits(i1, half, (r[1][0] + r[0][1]) * k)));
  const LaneMask negative = w < 0.0;
  qw = select_bits(negative, -w, w);
  qy = select_bits(negative, -y, y);
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
  LaneRotations e;
  unsigned done = rotations_block_lanes(q, n, e);
  for (std::size_t j = 0; j < plan.count; ++j) {
    const PlannedJoint& pj = plan.joints[j];
    const SegmentLanes& p = e[static_cast<std::size_t>(pj.prox)];
    const SegmentLanes& d = e[static_cast<std::size_t>(pj.dist)];
    const double m = pj.left ? -1.0 : 1.0;  // mirroring negates R02, R12, R20, R21
    const std::size_t s = 3 * j;
    for (std::size_t h = 0; h < B; h += lanes) {
      if (!pj.swing) {  // zxy_from_entries: a = atan2(−R01, R11), b = asin(R21), c = atan2(−R20, R22)
        const Lanes r21 = clamp_unit(m * col_dot(p, d, 2, 1, h));
        store_lanes(&ys[s][h], -col_dot(p, d, 0, 1, h));
        store_lanes(&xs[s][h], col_dot(p, d, 1, 1, h));
        store_lanes(&ys[s + 1][h], r21);
        store_lanes(&xs[s + 1][h], cos_of_asin_lanes(r21));
        store_lanes(&ys[s + 2][h], -(m * col_dot(p, d, 2, 0, h)));
        store_lanes(&xs[s + 2][h], col_dot(p, d, 2, 2, h));
        continue;
      }
      // elevation acos(−dir_y), plane of elevation atan2(dir_x, dir_z), twist_about_y's atan2(q_y, q_w),
      // with dir = −R e_y of the relative rotation R = Pᵀ D
      Lanes r[3][3];
      for (int i = 0; i < 3; ++i)
        for (int k = 0; k < 3; ++k) r[i][k] = col_dot(p, d, i, k, h);
      r[0][2] = m * r[0][2], r[1][2] = m * r[1][2], r[2][0] = m * r[2][0], r[2][1] = m * r[2][1];
      const Lanes ce = clamp_unit(r[1][1]);
      store_lanes(&ys[s][h], cos_of_asin_lanes(ce));
      store_lanes(&xs[s][h], ce);
      store_lanes(&ys[s + 1][h], -r[0][1]);
      store_lanes(&xs[s + 1][h], -r[2][1]);
      Lanes qy, qw;
      twist_quaternion_lanes(r, qy, qw);
      store_lanes(&ys[s + 2][h], qy);
      store_lanes(&xs[s + 2][h], qw);
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
      // libm takes hypot, which may round the other way: near the cut-off, k = e / se and k = 1
      // differ by far more than the bound where e has rounded to 0 (−dir_y rounds to 1)
      bool near_cutoff = false;
      const double se = fast_swing_norm(dx, dz, near_cutoff);
      if (near_cutoff) ok = false;
      const double k = se > 1e-12 ? e / se : 1.0;
      put(pj.flex, k * dx);
      put(pj.add, -k * dz);
      if (pj.shoulder && !(e < thr) && !(e < hmin)) put(pj.horiz, t[s + 1][f]);
      // twist_about_y's test (kinematics_kernels.hpp: hypot(w, y) > 1e-12, from w² + y² where clear)
      const double tw = wrap_pi(twist_determined(qw, qy) ? 2.0 * t[s + 2][f] : 0.0);
      if (near(std::abs(tw), pi)) ok = false;
      put(pj.axial, tw);
    }
    if (!ok) done &= ~(1u << f);
  }
  return done;
}

}  // namespace arthrokin::detail::ARTHROKIN_ROTATION_KERNEL_NS
