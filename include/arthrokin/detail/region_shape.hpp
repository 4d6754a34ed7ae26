/// @file region_shape.hpp
/// @brief The shoulder region's shape (`RegionKnot`, `ShoulderRegion`): the types alone, so that
///        `Limits` can hold the regions it implies (built once per change of the limits, not per
///        check). Included by region.hpp, the public header that documents them, and by limits.hpp.
#pragma once

#include <arthrokin/dof.hpp>
#include <arthrokin/side.hpp>

#include <algorithm>
#include <array>
#include <cstddef>

namespace arthrokin {

class Limits;

/// One end point of the region boundary: the maximum elevation in one plane of elevation,
/// and the bound of the `Limits` it is (`(*limits)[dof].upper` or `.lower`).
struct RegionKnot {
  double plane = 0;                     ///< plane of elevation, radians, in [−π, π]
  double max_elevation = 0;             ///< radians
  DofId dof{};                          ///< the DoF whose single-plane bound this is
  bool upper = false;                   ///< its upper (positive-direction) bound, else its lower
  double cos_plane = 1, sin_plane = 0;  ///< the plane's direction (−adduction, flexion) / elevation
  double slope = 0;                     ///< dE/dpe from this end point to the next (0 for the last)
};

/// The shoulder region of one side (region.hpp's file comment). Plain data: no allocation.
struct ShoulderRegion {
  Side side = Side::right;
  DofId flexion{}, adduction{}, horizontal{};  ///< the DoFs the region decides
  std::array<RegionKnot, 7> knots{};           ///< by plane, from −π to π (the first and last: adduction)
  std::size_t knot_count = 0;                  ///< 0: no region (a bound it needs is missing; see shoulder_region)

  [[nodiscard]] bool defined() const noexcept { return knot_count >= 5; }

  /// E(pe): the maximum elevation in plane `plane` (radians, in [−π, π]), linear between the
  /// knots; `segment` (optional) gets the index of the knot that starts the segment.
  [[nodiscard]] double max_elevation(double plane, std::size_t* segment = nullptr) const noexcept {
    std::size_t k = 0;
    while (k + 2 < knot_count && plane > knots[k + 1].plane) ++k;
    const RegionKnot &a = knots[k], &b = knots[k + 1];
    if (segment) *segment = k;
    const double t = std::clamp((plane - a.plane) / (b.plane - a.plane), 0.0, 1.0);
    return a.max_elevation + t * (b.max_elevation - a.max_elevation);
  }
};

namespace detail {
/// A side's region, undefined (`knot_count` 0) but naming its side and DoFs.
[[nodiscard]] constexpr ShoulderRegion undefined_shoulder_region(Side side) noexcept {
  ShoulderRegion g;
  g.side = side;
  g.flexion = *find_dof(Joint::shoulder, Axis::flexion_extension, side);
  g.adduction = *find_dof(Joint::shoulder, Axis::abduction_adduction, side);
  g.horizontal = *find_dof(Joint::shoulder, Axis::horizontal_abduction_adduction, side);
  return g;
}

/// The region `limits` implies for `side`, built from its bounds (region-inl.hpp). `Limits` keeps
/// the result (`Limits::shoulder_region`), so that `check()` does not rebuild it per pose.
[[nodiscard]] ShoulderRegion make_shoulder_region(const Limits& limits, Side side) noexcept;
}  // namespace detail

}  // namespace arthrokin
