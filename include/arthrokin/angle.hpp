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
///    `6.28318530718/360.` (≈465 ulp off at π/2). We convert with a
///    full-precision π/180 evaluated in extended precision, so that every value
///    of the reference tables converts to the correctly rounded radian value.
#pragma once

#include <boost/units/quantity.hpp>
#include <boost/units/systems/si/plane_angle.hpp>

#include <numbers>

namespace arthrokin {

/// A plane angle. Stored in radians; size and layout of a `double`.
using Angle = boost::units::quantity<boost::units::si::plane_angle, double>;

static_assert(sizeof(Angle) == sizeof(double));

namespace detail {
// π in the widest floating type of the platform (x86-64: 64-bit mantissa).
inline constexpr long double pi_ld = 3.141592653589793238462643383279502884L;
}  // namespace detail

/// The angle of `rad` radians.
[[nodiscard]] constexpr Angle radians(double rad) noexcept { return Angle::from_value(rad); }

/// The angle of `deg` degrees, converted with full-precision π/180.
[[nodiscard]] constexpr Angle degrees(double deg) noexcept {
  return Angle::from_value(static_cast<double>(static_cast<long double>(deg) * detail::pi_ld / 180.0L));
}

/// Raw radians of an angle (the only sanctioned way to leave the unit type).
[[nodiscard]] constexpr double to_radians(Angle a) noexcept { return a.value(); }

/// Degrees of an angle, converted with full-precision 180/π.
[[nodiscard]] constexpr double to_degrees(Angle a) noexcept {
  return static_cast<double>(static_cast<long double>(a.value()) * 180.0L / detail::pi_ld);
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
