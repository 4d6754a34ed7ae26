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

#include <arthrokin/detail/avx2_copy.hpp>

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

// atan2_lanes, fast_atan2_4 (fast_trig_lanes.hpp): 32-byte vectors where the build has AVX
// (ARTHROKIN_TRIG_BASELINE_WIDE, also the baseline copy's choice in rotation_angles_kernel.hpp)
#if defined(__AVX__)
#define ARTHROKIN_TRIG_BASELINE_WIDE 1
#else
#define ARTHROKIN_TRIG_BASELINE_WIDE 0
#endif
#define ARTHROKIN_TRIG_WIDE ARTHROKIN_TRIG_BASELINE_WIDE
#include <arthrokin/detail/fast_trig_lanes.hpp>
#undef ARTHROKIN_TRIG_WIDE

// The same with 32-byte vectors in an AVX2 copy on an x86-64 baseline build (avx2_copy.hpp):
// AVX2 without FMA runs the baseline's operations, so the same bits (tests/fast_trig_test.cpp).
#if ARTHROKIN_AVX2_COPY
ARTHROKIN_AVX2_BEGIN
namespace trig_avx2 {
#define ARTHROKIN_TRIG_WIDE 1
#include <arthrokin/detail/fast_trig_lanes.hpp>
#undef ARTHROKIN_TRIG_WIDE
inline void atan2_groups(const double* y, const double* x, double* out, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; i += 4) fast_atan2_4(y + i, x + i, out + i);
}
}  // namespace trig_avx2
ARTHROKIN_AVX2_END
#endif

/// out[i] = atan2(y[i], x[i]) for i < n (a multiple of 4), four at a time (fast_atan2_4): in the
/// AVX2 copy where the build's baseline is below AVX2 and the CPU has it (the solver's
/// `TrigSlots`). The same bits either way.
inline void fast_atan2_groups(const double* y, const double* x, double* out, std::size_t n) noexcept {
#if ARTHROKIN_AVX2_COPY
  if (avx2_copy_runs()) return trig_avx2::atan2_groups(y, x, out, n);
#endif
  for (std::size_t i = 0; i < n; i += 4) fast_atan2_4(y + i, x + i, out + i);
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
