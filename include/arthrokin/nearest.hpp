/// @file nearest.hpp
/// @brief `nearest_valid_pose`: the nearest pose (weighted, in the joint-angle space)
///        that `check()` finds within every limit, the input left untouched. Never a
///        clamp of the pose in place: a new pose, with what moved and by how much.
///
/// The constraints are exactly those `check(result, limits)` applies (check-inl.hpp):
///  - every active, observed DoF within its single-axis range, [lower − tol, upper + tol]
///    (`Limits::tolerance_radians()`), except the shoulder DoFs the region decides;
///  - every active composite limit whose value is known (`evaluate`): a slab
///    lower − tol ≤ Σ cᵢ·xᵢ ≤ upper + tol; a thoracic + lumbar composite of a pose whose
///    split is unknown bounds the total set with `Pose::set_thoracolumbar`, which moves;
///  - per side, the shoulder region (region.hpp) where `check()` uses it (region on and
///    defined, flexion and adduction both active and observed): e = hypot(F, A) ≤ E(pe) + tol.
///    The region replaces the single-axis ranges of flexion, adduction and horizontal
///    abduction, so horizontal abduction is then left as it is (`check()` does not bound it).
///  - per side, the two-joint limits (two_joint.hpp) where `check()` uses them (both DoFs active and
///    observed): checked ≤ L(controlling) + tol, projected exactly onto the nearest of its three
///    boundary pieces. Not convex: where one moves the pose, `nearest` is false (valid, not proven nearest).
///
/// The nearest point minimises Σ wᵢ·(xᵢ − x⁰ᵢ)² over the observed DoFs (weights in
/// `NearestOptions`, radians). Unknown DoFs stay unknown; inactive DoFs (`Limits::restrict_to`)
/// are not moved. The algorithm (docs/nearest.md): Dykstra's alternating projection (Boyle &
/// Dykstra 1986; Bauschke & Borwein 1994) onto the boxes, the composite slabs and the region
/// sets, each projected exactly in the weighted norm; the region's projection is a 1-D search
/// over the plane of elevation. A final `check()` of the result decides its status: a pose
/// that does not pass is never returned as if it did (`NearestStatus::not_reached`).
///
/// Allocation-free (fixed-size arrays). Definitions: detail/nearest-inl.hpp (config.hpp).
#pragma once

#include <arthrokin/angle.hpp>
#include <arthrokin/config.hpp>
#include <arthrokin/dof.hpp>
#include <arthrokin/limits.hpp>
#include <arthrokin/pose.hpp>
#include <arthrokin/region.hpp>
#include <arthrokin/two_joint.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace arthrokin {

/// Options of `nearest_valid_pose`.
struct NearestOptions {
  NearestOptions() noexcept { weights.fill(1.0); }
  /// Weight wᵢ of each DoF in the distance Σ wᵢ·Δᵢ² (Δ in radians): a heavier DoF moves less.
  /// Finite and > 0 (else `invalid_argument`); default 1 for every DoF.
  std::array<double, dof_count> weights{};
  /// true (default): the target set is `check()`'s, every bound widened by the tolerance
  /// (`Limits::tolerance_radians()`), so a pose that passes `check()` is returned unchanged;
  /// false: the bounds themselves (a moved value lands on the bound, not on bound + tolerance).
  bool within_tolerance = true;
  /// Budget of sweeps of the alternating projection (each sweep projects once onto every set). > 0.
  /// Where a composite couples a shoulder region with other DoFs, a second phase may use as many again.
  std::size_t max_iterations = 2000;

  NearestOptions& set_weight(DofId d, double w) noexcept {
    weights[index(d)] = w;
    return *this;
  }
};

/// What `nearest_valid_pose` did.
enum class NearestStatus : std::uint8_t {
  unchanged,    ///< the pose already passes: the result is the input, bit for bit
  moved,        ///< some DoFs moved; `check(result)` finds nothing out of range
  not_reached,  ///< the budget ran out (or the limits contradict each other) before a pose that passes:
                ///< the result is the last iterate and `check()` still finds it out of range
};

[[nodiscard]] constexpr std::string_view to_string(NearestStatus s) noexcept {
  return s == NearestStatus::unchanged ? "unchanged" : s == NearestStatus::moved ? "moved" : "not_reached";
}

/// The result of `nearest_valid_pose`: the new pose and what moved.
struct NearestResult {
  Pose pose;  ///< the nearest valid pose (unknown DoFs unknown, as in the input)
  NearestStatus status = NearestStatus::unchanged;
  /// true when the result is the nearest valid pose (up to 1e-12 rad and the region search's
  /// resolution, docs/nearest.md): the iteration converged and no composite couples a shoulder
  /// region's DoFs (the one non-convex set) with others. false: valid (if `moved`), but only near.
  bool nearest = true;
  std::size_t iterations = 0;                            ///< sweeps used (0 when unchanged)
  std::size_t moved_count = 0;                           ///< DoFs (and thoracolumbar totals) that moved
  std::array<double, dof_count> change_radians{};        ///< result − input per DoF; NaN where unknown
  std::array<double, 3> thoracolumbar_change_radians{};  ///< of the totals set with `set_thoracolumbar`
                                                         ///< (flexion, lateral flexion, rotation); NaN if not set
  double distance_radians = 0;  ///< sqrt(Σ wᵢ·Δᵢ²) over the DoFs (the totals count with weight 1)

  [[nodiscard]] bool valid() const noexcept { return status != NearestStatus::not_reached; }
  /// The change of one DoF (result − input), or nullopt when it is unknown.
  [[nodiscard]] std::optional<Angle> change(DofId d) const noexcept {
    const double c = change_radians[index(d)];
    if (c != c) return std::nullopt;
    return radians(c);
  }
  [[nodiscard]] Angle distance() const noexcept { return radians(distance_radians); }
};

/// The nearest pose to `pose` that `check(·, limits)` finds within every limit (file comment);
/// `pose` is not modified. Throws `invalid_argument` on a weight that is not finite and > 0, or a
/// zero `max_iterations`; otherwise allocates nothing and throws nothing.
[[nodiscard]] NearestResult nearest_valid_pose(const Pose& pose, const Limits& limits,
                                               const NearestOptions& options = {});

namespace detail {
/// The point of one side's shoulder region nearest to (F0, A0) in the weighted norm
/// wF·ΔF² + wA·ΔA², the region grown by `margin` (e ≤ E(pe) + margin). A point inside is returned
/// as it is. Outside, the nearest point lies on the boundary curve e = E(θ) + margin: the search
/// samples every segment of the curve (between two end points of `g`) at `region_samples` planes,
/// then refines each local minimum of the samples by golden-section search to 1e-12 rad in the
/// plane, and keeps the best (docs/nearest.md says what this guarantees).
struct FlexAdd {
  double flexion, adduction;
};
[[nodiscard]] FlexAdd nearest_in_region(const ShoulderRegion& g, double f0, double a0, double wf, double wa,
                                        double margin) noexcept;
inline constexpr std::size_t region_samples = 48;
}  // namespace detail

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/nearest-inl.hpp>
#endif
