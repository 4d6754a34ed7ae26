/// @file kinematics_kernels.hpp
/// @brief Raw-radian kernels of the kinematics layer: Cardan decompositions,
///        swing–twist, mirroring, wrapping, quaternion normalisation. No
///        allocation, no exceptions. Included only by detail/*-inl.hpp files
///        (compiled into the library, or inline in header-only mode: config.hpp).
#pragma once

#include <arthrokin/segment.hpp>  // rotation_matrix_tolerance

#include <Eigen/Geometry>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numbers>

namespace arthrokin::detail {

inline constexpr double pi = std::numbers::pi;

/// x, which the compiler cannot see through: a product passed through `unfused` is rounded on its
/// own and never contracted with the addition it feeds into a fused multiply-add. Where the
/// target has FMA (`__FP_FAST_FMA`: AArch64, x86-64 with -mfma) GCC contracts by default, and
/// which product of a sum it fuses depends on what inlining and common subexpressions leave
/// around it, so one expression can round differently at two call sites; elsewhere this is x.
/// (An empty asm with the value in a floating-point / vector register, constraint
/// `ARTHROKIN_UNFUSED_REG`: no instruction.) rotation_block_kernel.hpp has the lanes' copy.
#if defined(__FP_FAST_FMA) && defined(__aarch64__) && (defined(__GNUC__) || defined(__clang__))
#define ARTHROKIN_UNFUSED_REG "+w"
#elif defined(__FP_FAST_FMA) && (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define ARTHROKIN_UNFUSED_REG "+x"
#endif
[[nodiscard]] inline double unfused(double x) noexcept {
#ifdef ARTHROKIN_UNFUSED_REG
  asm("" : ARTHROKIN_UNFUSED_REG(x));
#endif
  return x;
}

/// q/|q|, computed without overflow or underflow (q is first scaled by its largest coefficient).
/// False, and `out` unchanged, for a zero quaternion or one with a NaN or infinite coefficient.
/// The first scaling is by a power of two (exact: no rounding), the second a product by 1/norm:
/// one division per quaternion instead of eight (the batch paths normalise 16 per frame).
[[nodiscard]] inline bool normalized_rotation(const Eigen::Quaterniond& q, Eigen::Quaterniond& out) noexcept {
  if (!q.coeffs().allFinite()) return false;
  const double a = q.coeffs().cwiseAbs().maxCoeff();
  if (!(a > 0)) return false;
  // × 2^−e for a = m 2^e, m in [1, 2): the largest coefficient in [1, 2), the norm in [1, 2]
  // (memcpy, not std::bit_cast: emscripten's libc++ has none)
  std::uint64_t bits = 0;
  std::memcpy(&bits, &a, sizeof bits);
  const auto e = static_cast<int>((bits >> 52) & 0x7ff) - 1023;
  Eigen::Vector4d c;
  if (e > -1022 && e < 1023) {
    const std::uint64_t scale_bits = static_cast<std::uint64_t>(1023 - e) << 52;
    double scale = 0;
    std::memcpy(&scale, &scale_bits, sizeof scale);
    c = q.coeffs() * scale;
  } else
    c = q.coeffs() / a;  // a subnormal or near the largest double: 2^-e would not be a normal double
  // |c| summed in the order Eigen's SSE2 / AVX / NEON reduction takes, (x² + z²) + (y² + w²),
  // written out so that a scalar build (no Eigen vectorisation) gives the same bits, and the
  // batch's vector copy (rotation_block_kernel.hpp, four frames lane by lane) can too
  c *= 1.0 / std::sqrt((c[0] * c[0] + c[2] * c[2]) + (c[1] * c[1] + c[3] * c[3]));
  out.coeffs() = c;
  return true;
}
/// R is orthonormal with det R > 0 within `rotation_matrix_tolerance` (segment.hpp).
[[nodiscard]] inline bool is_rotation_matrix(const Eigen::Matrix3d& r) noexcept {
  if (!r.allFinite()) return false;
  const Eigen::Matrix3d e = r.transpose() * r - Eigen::Matrix3d::Identity();
  return e.allFinite() && e.cwiseAbs().maxCoeff() <= rotation_matrix_tolerance && r.determinant() > 0;
}

[[nodiscard]] inline Eigen::Matrix3d rot_x(double a) noexcept {
  return Eigen::AngleAxisd(a, Eigen::Vector3d::UnitX()).toRotationMatrix();
}
[[nodiscard]] inline Eigen::Matrix3d rot_y(double a) noexcept {
  return Eigen::AngleAxisd(a, Eigen::Vector3d::UnitY()).toRotationMatrix();
}
[[nodiscard]] inline Eigen::Matrix3d rot_z(double a) noexcept {
  return Eigen::AngleAxisd(a, Eigen::Vector3d::UnitZ()).toRotationMatrix();
}

/// Wrap to (-pi, pi].
[[nodiscard]] inline double wrap_pi(double a) noexcept {
  // remainder(a, 2π) is a itself for |a| <= π (the quotient rounds to 0; at ±π, a tie, to even 0):
  // skip the libm call for the angles that are already in range, as most are.
  if (a > -pi && a <= pi) return a;
  a = std::remainder(a, 2.0 * pi);
  return a <= -pi ? a + 2.0 * pi : a;
}

/// The value of `a` + 2πk nearest to `ref`.
[[nodiscard]] inline double unwrap_near(double a, double ref) noexcept { return ref + wrap_pi(a - ref); }

/// Mirror a relative rotation of a left joint into the right-side convention:
/// R' = M R M, M = diag(1, 1, -1) (conventions.md §6).
[[nodiscard]] inline Eigen::Matrix3d mirror_sagittal(const Eigen::Matrix3d& r) noexcept {
  Eigen::Matrix3d m = r;
  m(0, 2) = -m(0, 2);
  m(1, 2) = -m(1, 2);
  m(2, 0) = -m(2, 0);
  m(2, 1) = -m(2, 1);
  return m;
}

/// Intrinsic Z-X-Y Cardan angles: R = Rz(a) Rx(b) Ry(c), b in [-pi/2, pi/2].
struct Zxy {
  double a, b, c;
  double margin;  ///< distance of b from the singularity |b| = pi/2 (radians)
};
/// The same from the five entries of R it reads (R01, R11, R20, R21, R22); `with_c` false skips the
/// third angle's atan2 (c is then NaN) for the joints that report no DoF from it (wrist, ankle).
[[nodiscard]] inline Zxy zxy_from_entries(double r01, double r11, double r20, double r21, double r22,
                                          bool with_c = true) noexcept {
  const double b = std::asin(std::clamp(r21, -1.0, 1.0));
  return {std::atan2(-r01, r11), b, with_c ? std::atan2(-r20, r22) : std::numeric_limits<double>::quiet_NaN(),
          pi / 2 - std::abs(b)};
}
[[nodiscard]] inline Zxy zxy_from_matrix(const Eigen::Matrix3d& r) noexcept {
  return zxy_from_entries(r(0, 1), r(1, 1), r(2, 0), r(2, 1), r(2, 2));
}
/// First two Z-X-Y angles from the distal Y axis expressed in the proximal frame
/// (u = R e_y = (-sin a cos b, cos a cos b, sin b)); they do not depend on c.
[[nodiscard]] inline Zxy zxy_from_axis(const Eigen::Vector3d& u) noexcept {
  const double b = std::asin(std::clamp(u.z(), -1.0, 1.0));
  return {std::atan2(-u.x(), u.y()), b, std::numeric_limits<double>::quiet_NaN(), pi / 2 - std::abs(b)};
}
[[nodiscard]] inline Eigen::Matrix3d zxy_to_matrix(double a, double b, double c) noexcept {
  return rot_z(a) * rot_x(b) * rot_y(c);
}

/// Rz(a) Rx(b) whose middle row is the unit vector u: Rz(a) Rx(b) has row Y
/// (sin a, cos a cos b, −cos a sin b), so a = asin(u_x) ∈ [−π/2, π/2] and b = atan2(−u_z, u_y),
/// i.e. `rot_z(asin(u_x)) * rot_x(atan2(-u_z, u_y))`. Built from the sines and cosines directly:
/// sin a = u_x (clamped to [−1, 1]), cos a = √((1 − u_x)(1 + u_x)) ≥ 0, (cos b, sin b) = (u_y, −u_z)/h
/// with h = √(u_y² + u_z²) (std::hypot where the squares could underflow or overflow), instead of
/// asin, atan2 and two sincos (the keypoint path's frames). h = 0 (u = ±e_x: b is ±0 or ±π by the
/// signs of the zeros) takes the angle path itself.
[[nodiscard]] inline Eigen::Matrix3d zx_with_row_y(const Eigen::Vector3d& u) noexcept {
  const double sa = std::clamp(u.x(), -1.0, 1.0);
  const double h2 = u.y() * u.y() + u.z() * u.z();  // within an ulp of hypot's square in [2^-900, 2^900]
  const double h = h2 > 0x1p-900 && h2 < 0x1p+900 ? std::sqrt(h2) : std::hypot(u.y(), u.z());
  if (!(h > 0)) return rot_z(std::asin(sa)) * rot_x(std::atan2(-u.z(), u.y()));
  const double ca = std::sqrt((1.0 - sa) * (1.0 + sa)), cb = u.y() / h, sb = -u.z() / h;
  Eigen::Matrix3d m;
  m << ca, -sa * cb, sa * sb, sa, ca * cb, -ca * sb, 0.0, sb, cb;
  return m;
}

/// ISB shoulder Y-X-Y angles: R = Ry(plane) Rx(-elevation) Ry(axial), elevation in [0, pi].
/// plane = 0: elevation in the frontal plane toward +Z (abduction of a right arm);
/// plane = +pi/2: elevation forward (flexion).
struct Yxy {
  double plane, elevation, axial;
};
[[nodiscard]] inline Yxy yxy_from_matrix(const Eigen::Matrix3d& r) noexcept {
  const double e = std::acos(std::clamp(r(1, 1), -1.0, 1.0));
  // with sin(b) = -sin(e) < 0: sin(a) sin(b) = R01, cos(a) sin(b) = R21, sin(b) sin(c) = R10, -sin(b) cos(c) = R12
  return {std::atan2(-r(0, 1), -r(2, 1)), e, std::atan2(-r(1, 0), r(1, 2))};
}

/// Swing–twist about the segment's long axis Y: R = R_swing * Ry(twist), the
/// swing a rotation about an axis perpendicular to Y. Returns the swing
/// rotation vector (x, z components; y is 0) and the twist.
struct SwingTwist {
  double swing_x, swing_z, twist;
  double swing_angle;
};
/// std::hypot(qw, qy) > 1e-12, the same decision for every input, from qw² + qy² where that is
/// clear: within an ulp or two of hypot's square (no overflow or underflow near 1e-24), it cannot
/// fall on the other side of 1e-24 outside ±1e-30 (the band, and NaN, take hypot itself). Saves
/// the libm call, ~20 ns, per swing–twist joint.
[[nodiscard]] inline bool twist_determined(double qw, double qy) noexcept {
  const double tn2 = qw * qw + qy * qy;
  if (tn2 > 1.000001e-24) return true;
  if (tn2 < 0.999999e-24) return false;
  return std::hypot(qw, qy) > 1e-12;
}
/// The swing's hypot(x, z) of a unit direction (x, y, z) on the `fast_trig` paths, as √(x² + z²):
/// it cannot overflow, and where its squares underflow hypot is below 1e-12 too. The two may round
/// apart by an ulp, which moves the swing's e / hypot far less than the `fast_trig` bound, except
/// across its 1e-12 cut-off (there k = e / se against k = 1): `near_cutoff` is set within 1e-27 of
/// it, where the caller takes libm.
[[nodiscard]] inline double fast_swing_norm(double x, double z, bool& near_cutoff) noexcept {
  const double se = std::sqrt(x * x + z * z);
  if (std::abs(se - 1e-12) <= 1e-27) near_cutoff = true;
  return se;
}
/// The arguments of the twist about Y's half angle, atan2(q_y, q_w), from r's quaternion with
/// q_w ≥ 0: false where the twist is undetermined (|(q_w, q_y)| ≤ 1e-12: the twist is then 0).
[[nodiscard]] inline bool twist_half_angle_args(const Eigen::Matrix3d& r, double& qy, double& qw) noexcept {
  Eigen::Quaterniond q(r);
  if (q.w() < 0) q.coeffs() = -q.coeffs();
  qy = q.y(), qw = q.w();
  return twist_determined(qw, qy);
}
/// The twist of `swing_twist(r)` alone (the same value, bit for bit: the same quaternion and atan2),
/// without the swing's atan2 and quaternion product.
[[nodiscard]] inline double twist_about_y(const Eigen::Matrix3d& r) noexcept {
  double qy, qw;
  return wrap_pi(twist_half_angle_args(r, qy, qw) ? 2.0 * std::atan2(qy, qw) : 0.0);
}
[[nodiscard]] inline SwingTwist swing_twist(const Eigen::Matrix3d& r) noexcept {
  Eigen::Quaterniond q(r);
  if (q.w() < 0) q.coeffs() = -q.coeffs();
  const double tn = std::hypot(q.w(), q.y());
  // at a swing of pi the twist is undetermined (tn = 0): the caller flags it by swing_angle
  const double twist = tn > 1e-12 ? 2.0 * std::atan2(q.y(), q.w()) : 0.0;
  // swing = q * twist^-1, twist = (w, 0, y, 0)/tn
  const Eigen::Quaterniond qt =
      tn > 1e-12 ? Eigen::Quaterniond(q.w() / tn, 0.0, q.y() / tn, 0.0) : Eigen::Quaterniond::Identity();
  const Eigen::Quaterniond qs = q * qt.conjugate();
  const double vn = std::hypot(qs.x(), qs.z());
  const double ang = 2.0 * std::atan2(vn, qs.w());
  const double k = vn > 1e-300 ? ang / vn : 2.0;
  return {qs.x() * k, qs.z() * k, wrap_pi(twist), ang};
}
[[nodiscard]] inline Eigen::Matrix3d swing_twist_to_matrix(double swing_x, double swing_z, double twist) noexcept {
  const Eigen::Vector3d w(swing_x, 0.0, swing_z);
  const double n = w.norm();
  const Eigen::Matrix3d s = n > 0 ? Eigen::AngleAxisd(n, w / n).toRotationMatrix() : Eigen::Matrix3d::Identity().eval();
  return s * rot_y(twist);
}

}  // namespace arthrokin::detail
