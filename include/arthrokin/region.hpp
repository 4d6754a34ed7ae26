/// @file region.hpp
/// @brief The shoulder region limit: the humerus checked against a region of
///        the sphere, not against three independent single-plane ranges.
///
/// The thoracohumeral pose in ISB terms (Wu et al. 2005, J Biomech 38:981-992):
/// plane of elevation pe (0 = frontal plane, abduction; +90° = sagittal,
/// forward; −90° = behind the body; ±180° = frontal plane across the body) and
/// elevation e (the angle of the humerus from the hanging position). arthrokin's
/// clinical DoFs are the swing–twist components of the same rotation
/// (docs/kinematics.md): flexion F = e·sin(pe), adduction A = −e·cos(pe), so the
/// map is invertible where it matters:
///
///   e = hypot(F, A),   pe = atan2(F, −A)
///
/// (at e = 0 the plane is undefined and irrelevant: every plane allows e = 0).
/// The region is `e ≤ E(pe)`, E piecewise linear in pe through the single-plane
/// end points of the `Limits` themselves (the same `Bound`s, so the same sources
/// and overrides):
///
/// | plane pe | E(pe) | bound |
/// |---|---|---|
/// | −180° | adduction | abduction_adduction upper (AAOS 1994: 0°, recalled) |
/// | −90° | extension | flexion_extension lower (AAOS 1994: 60°) |
/// | horizontal abduction (−45°) | 90° | horizontal_abduction_adduction lower (ACSM: 45° at 90° elevation) |
/// | 0° | abduction | abduction_adduction lower (AAOS 1994: 180°) |
/// | 90° | flexion | flexion_extension upper (AAOS 1994: 180°) |
/// | horizontal adduction (135°) | 90° | horizontal_abduction_adduction upper (ACSM: 135° at 90° elevation) |
/// | 180° | adduction | as at −180° |
///
/// Between the end points E is linear in pe: an interpolation of arthrokin's,
/// not a measured curve (docs/shoulder-region.md). Axial rotation keeps its
/// single-axis range: the reference gives rotation at 90° of abduction only, not
/// at the side, so no elevation-dependent range can be fitted.
///
/// In `check()` (and identically in the batch kernel), when a side's flexion and
/// adduction are both observed, the region decides that side's flexion/extension,
/// abduction/adduction and horizontal abduction/adduction (`DofCheck::decided_by`
/// = `LimitKind::region`); their own single-axis ranges are then not used. A pose
/// beyond the region is ONE finding, reported on one DoF, the *carrier*: the DoF
/// of the end point nearest in plane (among the observed DoFs), with the status of
/// that end point's direction and the excess e − E(pe); the other DoFs the region
/// decides read `within`. Where flexion or adduction is unknown, the single-axis
/// ranges decide as before.
#pragma once

#include <arthrokin/config.hpp>
#include <arthrokin/detail/region_shape.hpp>
#include <arthrokin/dof.hpp>
#include <arthrokin/limits.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <string_view>

namespace arthrokin {

/// Which kind of limit decided a DoF's status in a `Report`.
enum class LimitKind : std::uint8_t {
  single_axis,  ///< the DoF's own range, `Limits[d]`
  region,       ///< the shoulder region: the maximum elevation in the arm's plane of elevation (region.hpp)
  two_joint,    ///< a two-joint limit: the range of the DoF at the value of another (two_joint.hpp)
};

/// "single_axis", "region" or "two_joint" (field `decided_by` in JSON and Python).
[[nodiscard]] constexpr std::string_view to_string(LimitKind k) noexcept {
  return k == LimitKind::region ? "region" : k == LimitKind::two_joint ? "two_joint" : "single_axis";
}

/// The shoulder region of `side` built from `limits`' own shoulder bounds (file comment):
/// the end points need flexion > 0, extension < 0, abduction < 0 and adduction ≥ 0 bounds
/// (finite); without one of them the region is undefined (`knot_count` 0) and the
/// single-axis ranges decide. A horizontal bound is used as an end point at 90° of
/// elevation when it lies strictly between −90° and 0° (horizontal abduction) or 90° and
/// 180° (horizontal adduction); otherwise that end point is left out.
/// The same as `limits.shoulder_region(side)`: `Limits` builds its regions whenever its bounds or
/// `with_shoulder_region` change (detail::make_shoulder_region), and this returns a copy.
[[nodiscard]] ShoulderRegion shoulder_region(const Limits& limits, Side side) noexcept;

namespace detail {
/// The thoracohumeral plane of elevation and elevation from the clinical flexion and
/// adduction (radians): pe = atan2(F, −A), e = hypot(F, A).
struct PlaneElevation {
  double plane, elevation;
};
/// Elevation e = |(F, A)|: sqrt(F² + A²), or hypot where the squares overflow or underflow.
[[nodiscard]] inline double elevation_of(double flexion, double adduction) noexcept {
  const double e = std::sqrt(flexion * flexion + adduction * adduction);
  return e < 1e150 && e > 1e-150 ? e : std::hypot(flexion, adduction);
}
[[nodiscard]] inline PlaneElevation plane_elevation(double flexion, double adduction) noexcept {
  return {std::atan2(flexion, -adduction), elevation_of(flexion, adduction)};
}

/// What the region says of one pose (check() and the batch kernel share it).
struct RegionResult {
  int carrier = -1;  ///< -1: within; else 0 flexion, 1 adduction, 2 horizontal: the DoF that carries the finding
  bool carrier_upper = false;  ///< the carrier end point is its DoF's upper bound (status above), else lower (below)
  double excess = 0;           ///< e − E(pe) when beyond
};

/// The expanded uncertainty of the elevation e = hypot(F, A) from those of flexion and adduction
/// (first-order propagation of uncorrelated errors, JCGM 100:2008 §5.1.2: U_e² = (F/e)²·U_F² +
/// (A/e)²·U_A²); at e = 0, the larger of the two. `check()` and the batch kernel both use it.
[[nodiscard]] inline double elevation_uncertainty(double flexion, double adduction, double u_flexion,
                                                  double u_adduction) noexcept {
  const double e = elevation_of(flexion, adduction);
  if (!(e > 0)) return std::max(u_flexion, u_adduction);
  return std::hypot(flexion / e * u_flexion, adduction / e * u_adduction);
}

/// The region on one pose, given flexion and adduction (known, finite) and whether the
/// horizontal DoF is observed (it can carry the finding only then). `tol`: the tolerance
/// as `Limits::tolerance_radians()`. Beyond when e > E(pe) + tol.
///
/// Fast path (no atan2): the direction d = (−A, F) is placed between two end points by cross
/// products with their directions; within that segment E is linear in the angle δ from the
/// first end point, and sin δ ≤ δ ≤ (π/2)·sin δ (segments are at most 90° wide) bounds E from
/// below: a pose whose elevation is under that bound is within. Otherwise pe = atan2 and E(pe).
[[nodiscard]] inline RegionResult evaluate_region(const ShoulderRegion& g, double flexion, double adduction,
                                                  bool horizontal_known, double tol) noexcept {
  RegionResult r;
  const double e = elevation_of(flexion, adduction);
  if (!(e > 0)) return r;  // every plane allows e = 0 (E ≥ 0)
  const double c = -adduction, s = flexion;
  for (std::size_t k = 0; k + 1 < g.knot_count; ++k) {
    const RegionKnot &a = g.knots[k], &b = g.knots[k + 1];
    const double from_a = a.cos_plane * s - a.sin_plane * c;  // e·sin(δ), δ: angle from a to d
    if (!(from_a >= 0) || !(c * b.sin_plane - s * b.cos_plane > 0)) continue;
    // E ≥ E_a + slope·sin δ (rising) or E_a + slope·(π/2)·sin δ and E_b (falling); e·sin δ = from_a
    const double k_lo = a.slope >= 0 ? a.slope : a.slope * (std::numbers::pi / 2);
    const double lower = a.max_elevation + k_lo * std::min(1.0, from_a / e);
    if (e <= std::max(lower, std::min(a.max_elevation, b.max_elevation)) + tol) return r;
    break;
  }
  const double pe = std::atan2(s, c);
  const double emax = g.max_elevation(pe);
  if (!(e > emax + tol)) return r;
  // e overflows (flexion and adduction near ±DBL_MAX): the largest finite double, never infinite
  r.excess = std::min(e - emax, std::numeric_limits<double>::max());
  // the carrier: the end point nearest in plane (circular distance) whose DoF is observed
  double best = 10.0;
  for (std::size_t k = 0; k < g.knot_count; ++k) {
    const RegionKnot& n = g.knots[k];
    if (n.dof == g.horizontal && !horizontal_known) continue;
    double d = std::abs(pe - n.plane);
    d = std::min(d, 2 * std::numbers::pi - d);
    if (d < best) {
      best = d;
      r.carrier = n.dof == g.flexion ? 0 : n.dof == g.adduction ? 1 : 2;
      r.carrier_upper = n.upper;
    }
  }
  return r;
}
}  // namespace detail

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/region-inl.hpp>
#endif
