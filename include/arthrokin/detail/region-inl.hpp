/// @file region-inl.hpp
/// @brief Definitions of region.hpp (the shoulder region built from a `Limits`):
///        compiled once into the library (src/core/check.cpp), or included by the
///        header in header-only mode (config.hpp).
#pragma once

#include <arthrokin/region.hpp>

#include <cmath>
#include <numbers>

namespace arthrokin {

ARTHROKIN_FUNC ShoulderRegion detail::make_shoulder_region(const Limits& limits, Side side) noexcept {
  ShoulderRegion g = undefined_shoulder_region(side);
  if (!limits.uses_shoulder_region()) return g;
  const auto& flex = limits[g.flexion];
  const auto& add = limits[g.adduction];
  const auto& hor = limits[g.horizontal];
  const auto ok = [](const Bound& b) { return b.has_value() && std::isfinite(b.radians); };
  if (!ok(flex.upper) || !ok(flex.lower) || !ok(add.upper) || !ok(add.lower) || !(flex.upper.radians > 0) ||
      !(flex.lower.radians < 0) || !(add.lower.radians < 0) || !(add.upper.radians >= 0))
    return g;
  constexpr double pi = std::numbers::pi, half = pi / 2;
  std::size_t n = 0;
  // each plane's direction (cos pe, sin pe) = (−adduction, flexion) / elevation; exact on the axes
  const auto put = [&](double plane, double e, DofId d, bool upper, double c, double s) {
    g.knots[n++] = {plane, e, d, upper, c, s};
  };
  put(-pi, add.upper.radians, g.adduction, true, -1, 0);
  put(-half, -flex.lower.radians, g.flexion, false, 0, -1);
  if (ok(hor.lower) && hor.lower.radians > -half && hor.lower.radians < 0)
    put(hor.lower.radians, half, g.horizontal, false, std::cos(hor.lower.radians), std::sin(hor.lower.radians));
  put(0.0, -add.lower.radians, g.adduction, false, 1, 0);
  put(half, flex.upper.radians, g.flexion, true, 0, 1);
  if (ok(hor.upper) && hor.upper.radians > half && hor.upper.radians < pi)
    put(hor.upper.radians, half, g.horizontal, true, std::cos(hor.upper.radians), std::sin(hor.upper.radians));
  put(pi, add.upper.radians, g.adduction, true, -1, 0);
  g.knot_count = n;
  for (std::size_t k = 0; k + 1 < n; ++k)
    g.knots[k].slope =
        (g.knots[k + 1].max_elevation - g.knots[k].max_elevation) / (g.knots[k + 1].plane - g.knots[k].plane);
  return g;
}

ARTHROKIN_FUNC ShoulderRegion shoulder_region(const Limits& limits, Side side) noexcept {
  return limits.shoulder_region(side);
}

}  // namespace arthrokin
