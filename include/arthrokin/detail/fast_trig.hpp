/// @file fast_trig.hpp
/// @brief atan2, asin and acos without a libm call, with a tested error bound: the
///        approximate trigonometry of `joint_angles_batch` with
///        `JointAngleOptions::fast_trig` (docs/performance.md, "Fast trigonometry").
///
/// fast_atan2(y, x): the octant reduction mn = min(|x|, |y|), mx = max(|x|, |y|),
/// r = mn/mx, or (mn − mx)/(mn + mx) + π/4 when r > tan(π/8), leaves |r| ≤ tan(π/8);
/// atan(r) = r + r s P(s), s = r², with P the degree-10 Chebyshev approximation of
/// (atan √s − √s)/(s √s) on [0, tan²(π/8)] (tools/fit_atan.py: |error| ≤ 2.2e-18 rad);
/// π/4, π/2 and π are added as two doubles (hi + lo). Zeros, infinities and NaN go to
/// std::atan2, so the IEEE special cases are libm's. No branch on the data (selects), so that
/// unpredictable octants cost no misprediction and a compiler can vectorise a loop of calls.
///
/// Bounds (tests/fast_trig_test.cpp, against long-double atan2l / asinl / acosl on
/// 4·10⁶ random arguments over 600 binary orders of magnitude and the special values):
/// fast_atan2 within 3 ulp of the exact result (worst seen 2.27); fast_asin and fast_acos within 2 ulp or
/// 2.3e-16 rad (one ulp of π/2), whichever is larger. An angle of the kernel built on
/// them is within `fast_trig_bound_rad` of the one libm gives (the kernel's test).
#pragma once

#include <cmath>
#include <limits>

namespace arthrokin::detail {

/// The largest difference between an angle of the fast-trigonometry kernel and the same angle
/// with libm (radians, 5.7e-12 degrees): far above the few ulps each call and the arithmetic after
/// it can add (2e-15 rad in tests/rotation_kernel_test.cpp), far below anything a goniometer or a
/// camera can see. The kernel recomputes with libm any frame with an angle this close to a
/// decision of its own (gimbal lock, the horizontal-abduction cut-off, ±π).
inline constexpr double fast_trig_bound_rad = 1e-13;

[[nodiscard]] inline double fast_atan2(double y, double x) noexcept {
  constexpr double tan_pi_8 = 0.41421356237309504880;
  constexpr double pi_4_hi = 0.78539816339744827900, pi_4_lo = 3.0616169978683830179e-17;
  constexpr double pi_2_hi = 1.5707963267948965580, pi_2_lo = 6.1232339957367660359e-17;
  constexpr double pi_hi = 3.1415926535897931160, pi_lo = 1.2246467991473532072e-16;
  const double ax = std::abs(x), ay = std::abs(y);
  constexpr double inf = std::numeric_limits<double>::infinity();
  if (!(ax < inf && ay < inf) || (ax == 0 && ay == 0)) return std::atan2(y, x);  // NaN, ±∞, both zero
  // no branch on the data below (selects): the octants of real angles are unpredictable
  const bool swap = ay > ax;
  const double mn = swap ? ax : ay, mx = swap ? ay : ax;
  const double t = mn / mx;  // [0, 1]
  const bool big = t > tan_pi_8;
  const double r = big ? (mn - mx) / (mn + mx) : t;  // |r| <= tan(π/8)
  // P(s) by Estrin's scheme (pairs, then powers of s): a shorter dependency chain than Horner's
  const double s = r * r, s2 = s * s, s4 = s2 * s2, s8 = s4 * s4;
  const double c0 = -3.33333333333333301597e-1 + 1.99999999999955206778e-1 * s;
  const double c2 = -1.42857142846665429225e-1 + 1.11111110152563617275e-1 * s;
  const double c4 = -9.09090457812390189048e-2 + 7.69218319082608656369e-2 * s;
  const double c6 = -6.6645114473819480001e-2 + 5.85814891280220988165e-2 * s;
  const double c8 = -5.08544973794025986132e-2 + 3.92316582955871913028e-2 * s;
  const double c10 = -1.91768871190622589893e-2;
  const double p = (c0 + c2 * s2) + (c4 + c6 * s2) * s4 + (c8 + c10 * s2) * s8;
  double a = r + r * (s * p);
  a = big ? pi_4_hi + (a + pi_4_lo) : a;
  a = swap ? pi_2_hi - (a - pi_2_lo) : a;
  a = x < 0 ? pi_hi - (a - pi_lo) : a;  // x = −0 with y ≠ 0: ±π/2, as atan2
  return std::copysign(a, y);
}

/// asin(x) = atan2(x, √((1 − x)(1 + x))), x in [−1, 1] (the callers clamp); NaN gives NaN.
[[nodiscard]] inline double fast_asin(double x) noexcept { return fast_atan2(x, std::sqrt((1.0 - x) * (1.0 + x))); }
/// acos(x) = atan2(√((1 − x)(1 + x)), x), x in [−1, 1]; NaN gives NaN.
[[nodiscard]] inline double fast_acos(double x) noexcept { return fast_atan2(std::sqrt((1.0 - x) * (1.0 + x)), x); }

/// The trigonometry policies of the kinematics kernels: libm (every public function), or the
/// approximations above (joint_angles_batch with `fast_trig`).
struct LibmTrig {
  static constexpr bool exact = true;
  [[nodiscard]] static double atan2(double y, double x) noexcept { return std::atan2(y, x); }
  [[nodiscard]] static double asin(double x) noexcept { return std::asin(x); }
  [[nodiscard]] static double acos(double x) noexcept { return std::acos(x); }
};
struct FastTrig {
  static constexpr bool exact = false;
  [[nodiscard]] static double atan2(double y, double x) noexcept { return fast_atan2(y, x); }
  [[nodiscard]] static double asin(double x) noexcept { return fast_asin(x); }
  [[nodiscard]] static double acos(double x) noexcept { return fast_acos(x); }
};

}  // namespace arthrokin::detail
