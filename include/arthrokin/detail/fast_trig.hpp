/// @file fast_trig.hpp
/// @brief atan2, asin and acos without a libm call, with a tested error bound: the
///        approximate trigonometry of `joint_angles_batch` with
///        `JointAngleOptions::fast_trig` (docs/performance.md, "Per-frame paths, third round").
///
/// fast_atan2(y, x): the octant reduction mn = min(|x|, |y|), mx = max(|x|, |y|),
/// r = mn/mx, or (mn − mx)/(mn + mx) + π/4 when r > tan(π/8), leaves |r| ≤ tan(π/8);
/// atan(r) = r + r s P(s), s = r², with P the degree-10 Chebyshev approximation of
/// (atan √s − √s)/(s √s) on [0, tan²(π/8)] (tools/fit_atan.py: |error| ≤ 2.2e-18 rad);
/// π/4, π/2 and π are added as two doubles (hi + lo). Zeros, infinities and NaN go to
/// std::atan2, so the IEEE special cases are libm's. Four lanes at once (fast_atan2_4): the
/// kernel computes the three angles of a joint in one call.
///
/// Bounds (tests/fast_trig_test.cpp, against long-double atan2l / asinl / acosl on
/// 4·10⁶ random arguments over 600 binary orders of magnitude and the special values):
/// fast_atan2 within 3 ulp of the exact result (worst seen 2.27); fast_asin and fast_acos within 2 ulp or
/// 2.2e-16 rad (one ulp of π/2), whichever is larger. fast_atan2, fast_asin and fast_acos
/// are the one-value forms the tests measure; the kernel calls fast_atan2_4 with the same
/// arguments (cos_of_asin). An angle of the kernel built on
/// them is within `fast_trig_bound_rad` of the one libm gives (the kernel's test).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>

namespace arthrokin::detail {

/// The largest difference between an angle of the fast-trigonometry kernel and the same angle
/// with libm (radians, 5.7e-12 degrees): far above the few ulps each call and the arithmetic after
/// it can add (under 1e-15 rad in tests/rotation_kernel_test.cpp), far below anything a goniometer or a
/// camera can see. The kernel recomputes with libm any frame with an angle this close to a
/// decision of its own (gimbal lock, the horizontal-abduction cut-off, ±π).
inline constexpr double fast_trig_bound_rad = 1e-13;

/// atan2 lane by lane on a GCC / Clang vector of doubles V (lanes of the integer vector I); the
/// lanes that hold a zero pair, ±∞ or NaN are wrong, and redone by the caller.
template <class V, class I>
[[nodiscard]] inline V atan2_lanes(V y, V x) noexcept {
  constexpr double tan_pi_8 = 0.41421356237309504880;
  constexpr double pi_4_hi = 0.78539816339744827900, pi_4_lo = 3.0616169978683830179e-17;
  constexpr double pi_2_hi = 1.5707963267948965580, pi_2_lo = 6.1232339957367660359e-17;
  constexpr double pi_hi = 3.1415926535897931160, pi_lo = 1.2246467991473532072e-16;
  const auto sel = [](I m, V a, V b) { return (V)(((I)a & m) | ((I)b & ~m)); };  // m ? a : b
  const I sign = (I)(-V{});                                                      // the sign bits (−0.0)
  const V ax = (V)((I)x & ~sign), ay = (V)((I)y & ~sign);
  const I swap = ay > ax;
  const V mn = sel(swap, ax, ay), mx = sel(swap, ay, ax);  // mn / mx in [0, 1]
  const I big = mn > tan_pi_8 * mx;
  const V r = sel(big, mn - mx, mn) / sel(big, mn + mx, mx);  // |r| <= tan(π/8)
  // P(s) by Estrin's scheme (pairs, then powers of s): a shorter dependency chain than Horner's
  const V s = r * r, s2 = s * s, s4 = s2 * s2, s8 = s4 * s4;
  const V c0 = -3.33333333333333301597e-1 + 1.99999999999955206778e-1 * s;
  const V c2 = -1.42857142846665429225e-1 + 1.11111110152563617275e-1 * s;
  const V c4 = -9.09090457812390189048e-2 + 7.69218319082608656369e-2 * s;
  const V c6 = -6.6645114473819480001e-2 + 5.85814891280220988165e-2 * s;
  const V c8 = -5.08544973794025986132e-2 + 3.92316582955871913028e-2 * s;
  const V p = (c0 + c2 * s2) + (c4 + c6 * s2) * s4 + (c8 + -1.91768871190622589893e-2 * s2) * s8;
  V a = r + r * (s * p);
  a = sel(big, pi_4_hi + (a + pi_4_lo), a);
  a = sel(swap, pi_2_hi - (a - pi_2_lo), a);
  a = sel(x < 0.0, pi_hi - (a - pi_lo), a);  // x = −0 with y ≠ 0: ±π/2, as atan2
  return (V)((I)a | ((I)y & sign));          // a >= 0: the sign of y (y = −0 too)
}

/// Four atan2 at once: out[i] = atan2(y[i], x[i]), with GCC / Clang vector extensions: one AVX
/// or two SSE2 / NEON instructions per operation (a 32-byte vector without AVX would be split
/// into scalars). No branch on the data (bitwise selects), so unpredictable octants cost no
/// misprediction; lanes with a zero pair, ±∞ or NaN are redone with std::atan2.
inline void fast_atan2_4(const double* y, const double* x, double* out) noexcept {
#if defined(__AVX__)
  using v4d = double __attribute__((vector_size(32)));
  using v4i = long long __attribute__((vector_size(32)));
  v4d vy, vx;
  std::memcpy(&vy, y, sizeof vy);
  std::memcpy(&vx, x, sizeof vx);
  const v4d a = atan2_lanes<v4d, v4i>(vy, vx);
  std::memcpy(out, &a, sizeof a);
#else
  using v2d = double __attribute__((vector_size(16)));
  using v2i = long long __attribute__((vector_size(16)));
  for (std::size_t h = 0; h < 4; h += 2) {
    v2d vy, vx;
    std::memcpy(&vy, y + h, sizeof vy);
    std::memcpy(&vx, x + h, sizeof vx);
    const v2d a = atan2_lanes<v2d, v2i>(vy, vx);
    std::memcpy(out + h, &a, sizeof a);
  }
#endif
  constexpr double inf = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < 4; ++i) {
    const double ax = std::abs(x[i]), ay = std::abs(y[i]);
    if (!(ax < inf && ay < inf) || (ax == 0 && ay == 0)) out[i] = std::atan2(y[i], x[i]);  // NaN, ±∞, both zero
  }
}

/// One atan2: lane 0 of fast_atan2_4 (the same bits as every lane).
[[nodiscard]] inline double fast_atan2(double y, double x) noexcept {
  const double ys[4] = {y, 1.0, 1.0, 1.0}, xs[4] = {x, 1.0, 1.0, 1.0};
  double out[4];
  fast_atan2_4(ys, xs, out);
  return out[0];
}
/// √((1 − x)(1 + x)) = √(1 − x²) without the cancellation of 1 − x² near |x| = 1.
[[nodiscard]] inline double cos_of_asin(double x) noexcept { return std::sqrt((1.0 - x) * (1.0 + x)); }
/// asin(x) = atan2(x, √((1 − x)(1 + x))), x in [−1, 1] (the callers clamp); NaN gives NaN.
[[nodiscard]] inline double fast_asin(double x) noexcept { return fast_atan2(x, cos_of_asin(x)); }
/// acos(x) = atan2(√((1 − x)(1 + x)), x), x in [−1, 1]; NaN gives NaN.
[[nodiscard]] inline double fast_acos(double x) noexcept { return fast_atan2(cos_of_asin(x), x); }

}  // namespace arthrokin::detail
