/// @file angle.hpp
/// @brief `Angle`, the one unit type of the public API, and the named crossings
///        between it and raw radians or degrees.
///
/// Rules (docs/conventions.md, "Units"):
///  - every public signature that takes or returns one angle uses `Angle`;
///  - inside the library every stored `double` is radians;
///  - the unit is crossed only through `radians()`, `degrees()`,
///    `to_radians()` and `to_degrees()`;
///  - Boost's own degree unit is never used: its conversion factor is
///    `6.28318530718/360.` (≈465 ulp off at π/2). We convert with π/180 held
///    as a double-double and an exact two-product, so that every value of the reference
///    tables (and every tenth of a degree in ±360°) converts to the correctly
///    rounded radian value (tests/angle_test.cpp checks against binary128).
///    This holds for every finite double (huge and tiny values are brought into
///    the split's safe range by an exact power of two): every finite degree
///    value gives a finite radian value; a radian value above about 3.1e306
///    gives ±inf degrees (the degree value is not a double); where the result
///    is subnormal it may be one subnormal step off.
#pragma once

#include <boost/units/quantity.hpp>
#include <boost/units/systems/si/plane_angle.hpp>

#include <limits>
#include <numbers>

namespace arthrokin {

/// A plane angle. Stored in radians; size and layout of a `double`.
using Angle = boost::units::quantity<boost::units::si::plane_angle, double>;

static_assert(sizeof(Angle) == sizeof(double));

namespace detail {
// π/180 and 180/π as unevaluated sums hi + lo of two doubles (double-double,
// ~106 bits), computed in binary128.
inline constexpr double deg_to_rad_hi = 0.017453292519943295;
inline constexpr double deg_to_rad_lo = 2.9486522708701687e-19;
inline constexpr double rad_to_deg_hi = 57.295779513082323;
inline constexpr double rad_to_deg_lo = -1.9878495670576283e-15;
/// Veltkamp split of a double into two halves of at most 26 significant bits.
constexpr void split(double a, double& hi, double& lo) noexcept {
  const double c = 134217729.0 * a;  // 2^27 + 1
  hi = c - (c - a);
  lo = a - hi;
}
/// x·(hi + lo) for |x| in [2^-960, 2^995] (no split or partial product overflows or underflows):
/// correctly rounded except within ~2^-100 of a midpoint. The error of x·hi is computed exactly
/// with Dekker's two-product (no FMA needed, so the function is a constant expression on every compiler).
constexpr double mul_dd_core(double x, double hi, double lo) noexcept {
  const double p = x * hi;
  double xh = 0, xl = 0, hh = 0, hl = 0;
  split(x, xh, xl);
  split(hi, hh, hl);
  const double e = ((xh * hh - p) + xh * hl + xl * hh) + xl * hl;  // exact: x·hi = p + e
  return p + (e + x * lo);
}
// Outside [2^-960, 2^995] the split (which multiplies by 2^27 + 1) would overflow, or the partial
// products would lose bits to underflow: x is brought into range by an exact power of two, and the
// result scaled back (exact, except where the result itself overflows to ±inf or is subnormal).
inline constexpr double mul_dd_big = 0x1p995;
inline constexpr double mul_dd_small = 0x1p-960;
/// x·(hi + lo) for every double x: correctly rounded wherever the result is a normal double
/// (±inf where it overflows; at most one subnormal step off where it is subnormal); ±inf and NaN
/// pass through. hi must be within [2^-16, 2^16] (π/180 and 180/π are).
constexpr double mul_dd(double x, double hi, double lo) noexcept {
  const double ax = x < 0 ? -x : x;
  if (!(ax <= std::numeric_limits<double>::max())) return x * hi;  // ±inf, NaN
  if (ax > mul_dd_big) return mul_dd_core(x * 0x1p-64, hi, lo) * 0x1p64;
  if (ax < mul_dd_small && ax != 0) return mul_dd_core(x * 0x1p128, hi, lo) * 0x1p-128;
  return mul_dd_core(x, hi, lo);
}
}  // namespace detail

/// The angle of `rad` radians.
[[nodiscard]] constexpr Angle radians(double rad) noexcept { return Angle::from_value(rad); }

/// The angle of `deg` degrees, converted with full-precision π/180.
[[nodiscard]] constexpr Angle degrees(double deg) noexcept {
  return Angle::from_value(detail::mul_dd(deg, detail::deg_to_rad_hi, detail::deg_to_rad_lo));
}

/// Raw radians of an angle (the only sanctioned way to leave the unit type).
[[nodiscard]] constexpr double to_radians(Angle a) noexcept { return a.value(); }

/// Degrees of an angle, converted with full-precision 180/π.
[[nodiscard]] constexpr double to_degrees(Angle a) noexcept {
  return detail::mul_dd(a.value(), detail::rad_to_deg_hi, detail::rad_to_deg_lo);
}

/// Degrees → radians on raw doubles, for kernels and tables (same rounding as `degrees`).
[[nodiscard]] constexpr double deg_to_rad(double deg) noexcept { return to_radians(degrees(deg)); }
/// Radians → degrees on raw doubles, for kernels and reports.
[[nodiscard]] constexpr double rad_to_deg(double rad) noexcept { return to_degrees(radians(rad)); }

inline namespace literals {
/// `45_deg`
[[nodiscard]] constexpr Angle operator""_deg(long double v) noexcept { return degrees(static_cast<double>(v)); }
[[nodiscard]] constexpr Angle operator""_deg(unsigned long long v) noexcept { return degrees(static_cast<double>(v)); }
/// `0.3_rad`
[[nodiscard]] constexpr Angle operator""_rad(long double v) noexcept { return radians(static_cast<double>(v)); }
[[nodiscard]] constexpr Angle operator""_rad(unsigned long long v) noexcept { return radians(static_cast<double>(v)); }
}  // namespace literals

}  // namespace arthrokin
