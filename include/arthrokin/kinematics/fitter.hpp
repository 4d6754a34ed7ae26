/// @file fitter.hpp
/// @brief Noisy keypoints over time → one skeleton with constant segment lengths, left/right
///        swaps repaired, and a standard uncertainty per DoF (issue 14). docs/fitter.md has the
///        model, its choices and the figures measured on synthetic and real data.
///
/// The model, per keypoint and per source axis (x, y, z of the input):
///  - a constant-velocity Kalman filter (state: position, velocity; white-noise acceleration of
///    spectral density q = `acceleration_psd`); the axes are independent because the measurement
///    noise is diagonal in the source axes: σ = `lateral_sigma` across the camera's line of sight,
///    `depth_factor` × σ along it (`depth_axis`, default the estimator's z), divided by √visibility
///    (visibility as a weight: R = σ² / v). A point below `KeypointOptions::min_visibility` or NaN
///    is not measured: its track coasts on the prediction for at most `max_coast_s`, then it is
///    unknown (never a guess);
///  - gating: a measurement whose squared Mahalanobis distance from its prediction (3 axes) exceeds
///    `gate_chi2` is dropped as a single-frame jump; after `max_gated_frames` consecutive drops the
///    track restarts from the measurement (a real fast motion, not a jump);
///  - left/right swaps: before the update, the cost of the frame as given (the sum over the points
///    of their Mahalanobis distances, each capped at `gate_chi2`) is compared with the cost of the
///    frame with the whole body's left/right labels swapped, with the arms' only and with the legs'
///    only; the cheapest wins, with hysteresis (`swap_margin`); the result says which repair was made;
///  - segment lengths: the visibility-weighted median of each long bone's length (upper arm,
///    forearm, thigh, shank) over the first `length_frames` frames in which it is seen (or given by
///    the caller); after the filter the lengths are enforced root-outwards along each bone's fitted
///    direction (or, `LengthProjection::weighted`, at the closest point in the metric of the child
///    point's variances, so that depth takes the correction). The trunk, head, hand and foot points are filtered only:
///    their distances are not modelled (a hand or foot triangle would need a rigid fit of its shape, not done yet);
///  - the angles are `keypoint_angles` of the fitted points (the same frames and statuses as raw
///    keypoints); the person is lost when fewer than `lost_fraction` of the keypoints the angles use
///    are usable: every DoF is unknown, the filter resets and re-acquires from the next usable frame;
///  - uncertainty: first order, u²(θ) = Σ_points Σ_axes (∂θ/∂p · σ_p)², the derivative taken as the
///    finite difference of `keypoint_angles` for a step of σ_p (the fitted point's posterior standard
///    deviation on that axis). The points whose derivatives do not interact are stepped together
///    (grouped once at construction), and a step recomputes only the segment frames and the joint
///    solver (`detail::keypoint_angle_steps`): BlazePose takes 18 steps per frame, not one per
///    coordinate. Correlations between points (the length constraint) are neglected.
///  - joint limits are NOT used: not as a clamp, not as a prior. A true excursion beyond a limit is
///    reported as measured (tests/fitter_test.cpp, knee hyperextension).
/// Online mode (`SkeletonFitter::update`) is causal with zero frames of latency: the pose of frame t
/// uses frames ≤ t. With the image landmarks of the frame (`update(view, image, t)`) the lateral
/// coordinates are measured from the image and the depth from the 3D landmarks. Offline mode (`fit_sequence`) adds a
/// Rauch–Tung–Striebel backward pass. After construction `update` does not allocate. Definitions: detail/fitter-inl.hpp
/// (config.hpp).
#pragma once

#include <arthrokin/angle.hpp>
#include <arthrokin/check.hpp>
#include <arthrokin/config.hpp>
#include <arthrokin/kinematics/inclination.hpp>
#include <arthrokin/kinematics/keypoints.hpp>

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

namespace arthrokin {

/// Which left/right swap of the estimator the fitter repaired in a frame.
enum class SwapRepair : std::uint8_t {
  none,        ///< the labels were taken as given
  whole_body,  ///< every left/right pair was swapped back (a front view read as a back view)
  arms,        ///< the arms' labels (shoulder to hand) were swapped back
  legs,        ///< the legs' labels (hip to foot) were swapped back
};
[[nodiscard]] constexpr std::string_view to_string(SwapRepair s) noexcept {
  constexpr std::array<std::string_view, 4> n{"none", "whole_body", "arms", "legs"};
  return n[static_cast<std::size_t>(s)];
}

/// The fitter's state in a frame.
enum class FitState : std::uint8_t {
  acquiring,  ///< the first frames after a start or a reset: the tracks have no velocity yet
  tracking,   ///< fitted from this frame and the past (online) or the whole sequence (offline)
  lost,       ///< too few usable keypoints: every DoF unknown, the filter was reset
};
[[nodiscard]] constexpr std::string_view to_string(FitState s) noexcept {
  constexpr std::array<std::string_view, 3> n{"acquiring", "tracking", "lost"};
  return n[static_cast<std::size_t>(s)];
}

/// How `fit_tracks` makes a bone its constant length (`FitterOptions::length_projection`).
enum class LengthProjection : std::uint8_t {
  /// Along the bone's fitted direction: the child point moves radially from its parent.
  radial,
  /// The weighted least-squares closest point on the sphere of the bone's length around its parent,
  /// in the metric of the child point's posterior variance per axis: where the depth axis is the
  /// uncertain one, the correction goes into depth, and with a depth variance much larger than the
  /// lateral one this becomes |Δdepth| = √(L² − d²) of the bone's lateral extent d (Taylor 2000,
  /// docs/fitter.md), the sign from the measured depth. It degrades gracefully where that is
  /// ill-conditioned (d close to L: the lateral coordinates move instead).
  weighted,
};
[[nodiscard]] constexpr std::string_view to_string(LengthProjection p) noexcept {
  return p == LengthProjection::radial ? "radial" : "weighted";
}

/// Options of the fitter. Lengths are in the input's unit (BlazePose world landmarks: metres),
/// times in seconds. Every default is arthrokin's choice (docs/fitter.md says how it was set).
struct FitterOptions {
  KeypointOptions keypoints{};  ///< passed to `keypoint_angles`; its `min_visibility` decides which points are measured
  int depth_axis = 2;           ///< source axis along the camera's line of sight (0 x, 1 y, 2 z); -1: none
  double lateral_sigma = 0.03;  ///< measurement noise across the line of sight, at visibility 1
  double depth_factor = 3.0;    ///< along the line of sight: this many times `lateral_sigma`
  double acceleration_psd = 20.0;    ///< q: white-noise acceleration spectral density (unit²/s³)
  double initial_speed_sigma = 1.0;  ///< prior standard deviation of a new track's velocity (unit/s)
  double gate_chi2 = 16.0;           ///< squared Mahalanobis distance (3 axes) above which a measurement is a jump
  int max_gated_frames = 3;          ///< consecutive drops after which a track restarts from the measurement
  double max_coast_s = 0.25;         ///< a point unmeasured for longer is unknown
  std::size_t length_frames = 30;    ///< segment lengths: median over this many frames in which a bone is seen
  double swap_margin = 16.0;         ///< a swap choice changes only when another is cheaper by this (χ² units)
  double lost_fraction = 0.5;        ///< fewer usable keypoints (of those the angles use) than this fraction → lost
  int acquire_frames = 3;            ///< frames reported `acquiring` after a start or reset
  /// Compute the per-DoF uncertainty (`FitResult::sigma_rad`; false: all NaN). It costs
  /// 3 × (number of groups) steps of the frames and joint solver per frame: for BlazePose 18, most
  /// of the fit's time (docs/fitter.md, "Speed").
  bool uncertainty = true;
  /// 2D input (`update(const ImageKeypointView&, …)`): measurement noise of a normalised landmark at
  /// visibility 1, in units of the image height (both axes; x is scaled by the aspect ratio), and the
  /// acceleration spectral density in image heights²/s³. 0.01 (≈ 11 px of a 1080-px-high frame) and 5
  /// (20 m²/s³ for a frame about 2 m high) are arthrokin's choices, not fitted to data.
  double image_sigma = 0.01;
  double image_acceleration_psd = 5.0;
  /// How a bone is made its constant length (docs/fitter.md, "2D image landmarks with 3D").
  LengthProjection length_projection = LengthProjection::radial;
};

/// One fitted frame.
struct FitResult {
  JointAngles angles;  ///< `keypoint_angles` of the fitted points; every DoF unknown when `state` is lost
  /// Standard uncertainty of each DoF, radians (NaN where the DoF is unknown).
  std::array<double, dof_count> sigma_rad{};
  SwapRepair swap = SwapRepair::none;
  FitState state = FitState::lost;
  std::uint8_t points_measured = 0;  ///< keypoints whose measurement updated the fit in this frame
  std::uint8_t points_gated = 0;     ///< keypoints dropped as single-frame jumps in this frame
  /// Segment angles to the horizontal and trunk inclination of the fitted points (inclination.hpp):
  /// relative to gravity for 3D input (up: `FitterOptions::keypoints.up`), to the image's vertical for
  /// 2D input; NaN where unknown (every one when `state` is lost).
  Inclinations inclinations{};

  [[nodiscard]] Angle sigma(DofId d) const noexcept { return radians(sigma_rad[index(d)]); }
  /// The per-DoF uncertainty for `check` (coverage factor k; NaN = none).
  [[nodiscard]] Uncertainty uncertainty(double coverage = Uncertainty::default_coverage) const {
    return Uncertainty::from_radians(sigma_rad, coverage);
  }
};

/// Capacity of the fitter (the largest layout, BlazePose, has 33 keypoints).
inline constexpr std::size_t fitter_max_points = 33;
inline constexpr std::size_t fitter_max_bones = 8;
inline constexpr std::size_t fitter_max_groups = fitter_max_points;

/// A bone whose length the fitter holds constant: keypoint indices of its ends in the layout.
struct FitterBone {
  std::uint8_t parent = 0;
  std::uint8_t child = 0;
};

namespace detail {
/// One axis of one keypoint's constant-velocity filter: position, velocity, covariance.
struct AxisTrack {
  double x = 0, v = 0;
  double pxx = 0, pxv = 0, pvv = 0;
};
/// The point u with |u| = len closest to t in the metric Σ_a w_a (u_a − t_a)², every w_a > 0
/// (`LengthProjection::weighted`); the zero vector when t is. Definition and method: fitter-inl.hpp.
Eigen::Vector3d weighted_sphere_point(const Eigen::Vector3d& t, const Eigen::Vector3d& w, double len) noexcept;
}  // namespace detail

/// Online skeleton fitter for one layout: one frame in, one fitted pose out.
class SkeletonFitter {
 public:
  /// Throws `invalid_argument` on options out of range (σ ≤ 0, depth axis not −1..2, ...).
  explicit SkeletonFitter(Layout layout, const FitterOptions& options = {});

  /// Fit one frame at time `t_s` (seconds, strictly increasing). Throws `invalid_argument`, with
  /// the fitter unchanged, on a view of another layout or size, a ±inf coordinate, a visibility
  /// outside [0, 1] or a time that is not finite or not after the previous frame's.
  /// No heap allocation.
  [[nodiscard]] FitResult update(const KeypointView& view, double t_s);
  /// `update` for one frame of normalised 2D image landmarks (inclination.hpp: x, y in [0, 1], the aspect ratio
  /// width / height) at time `t_s`: the same filter, gating, swap repair and loss handling in the image
  /// plane, with `image_sigma` and `image_acceleration_psd`; no segment lengths are enforced (projected
  /// lengths change). The result has `inclinations` in the image plane; every joint angle is
  /// `unobservable` (a 2D projection does not determine them). Switching between 2D and 3D frames
  /// restarts the tracks. Throws as `image_inclinations` and for the time as above. No heap allocation.
  [[nodiscard]] FitResult update_image(const ImageKeypointView& view, double t_s);
  /// `update` for one frame of 3D world landmarks together with the 2D image landmarks of the same
  /// frame (BlazePose's `poseWorldLandmarks` and `poseLandmarks`; `image.xy` normalised, x · aspect
  /// ratio and y then in image heights; which way each image axis points in the world is fitted). The image landmarks
  /// are the estimator's direct output across the line of sight; the world landmarks' depth is the uncertain part. Per
  /// frame a pinhole map from the image to the world's two lateral axes, p_a = o_a + sgn_a · q_a · (s + κ · depth) (q
  /// relative to the image's centre; o, s per frame, κ = 1 / focal length over all frames since construction, not
  /// forgotten by `reset`: one fitter per camera), is
  /// fitted by weighted least squares over the points seen in both; each point is then measured with
  /// its lateral coordinates from the image (noise `image_sigma` image heights, in world units at the
  /// point's depth) and its depth from the world landmarks (`depth_factor` × `lateral_sigma`). A point
  /// missing from the image is measured from the world landmarks alone; with fewer than 4 points in
  /// both, the whole frame is. Needs `depth_axis` 0, 1 or 2. Throws as `update` and
  /// `image_inclinations`, with the fitter unchanged. No heap allocation. docs/fitter.md, "2D image
  /// landmarks with the 3D ones".
  [[nodiscard]] FitResult update(const KeypointView& view, const ImageKeypointView& image, double t_s);

  /// Forget the tracks (not the segment lengths); the next frame starts a new acquisition.
  void reset() noexcept;

  /// The bones whose lengths are held constant (root outwards).
  [[nodiscard]] std::span<const FitterBone> bones() const noexcept { return {bones_.data(), n_bones_}; }
  /// Fix the bone lengths (one per `bones()`, input units; NaN: estimate that one). Throws
  /// `invalid_argument` on a wrong size or a length that is not NaN and not > 0 and finite.
  void set_segment_lengths(std::span<const double> lengths);
  /// The bone lengths in use (NaN: not yet known).
  [[nodiscard]] std::span<const double> segment_lengths() const noexcept { return {lengths_.data(), n_bones_}; }
  [[nodiscard]] Layout layout() const noexcept { return layout_; }
  [[nodiscard]] const FitterOptions& options() const noexcept { return opt_; }

  // Building blocks of `fit_sequence` (the offline smoother); not needed for online use.
  /// The filter state after the last `update`, per keypoint and axis, and whether each track is live.
  struct Snapshot {
    std::array<std::array<detail::AxisTrack, 3>, fitter_max_points> predicted{};
    std::array<std::array<detail::AxisTrack, 3>, fitter_max_points> filtered{};
    std::array<bool, fitter_max_points> live{};
    std::array<bool, fitter_max_points> started{};  ///< the track (re)started in this frame
    std::array<double, fitter_max_points> confidence{};
  };
  [[nodiscard]] const Snapshot& snapshot() const noexcept { return snap_; }
  /// The output stage alone: lengths enforced on `tracks`, angles and uncertainties.
  [[nodiscard]] FitResult fit_tracks(const std::array<std::array<detail::AxisTrack, 3>, fitter_max_points>& tracks,
                                     const std::array<bool, fitter_max_points>& live,
                                     const std::array<double, fitter_max_points>& confidence) const;

 private:
  void validate(const KeypointView& view, double t_s) const;
  FitResult step(const KeypointView& view, double t_s, const ImageKeypointView* image = nullptr);
  bool image_ = false;  // the tracks are of 2D image landmarks (x · aspect, y, 0)
  FitResult lost_result(bool mostly_missing) const;

  Layout layout_;
  FitterOptions opt_;
  std::size_t n_ = 0;  // keypoints of the layout
  std::array<std::uint8_t, fitter_max_points> mirror_{};
  std::array<std::uint8_t, fitter_max_points> limb_{};  // 0 midline/face, 1 arm, 2 leg
  std::array<bool, fitter_max_points> used_{};          // some DoF depends on it
  std::size_t n_used_ = 0;
  std::array<FitterBone, fitter_max_bones> bones_{};
  std::size_t n_bones_ = 0;
  std::array<double, fitter_max_bones> lengths_{};
  std::array<bool, fitter_max_bones> given_{};
  std::array<int, fitter_max_points> attach_{};  // hand/foot point → its wrist/ankle, -1 none
  // Uncertainty groups: points stepped together; point_group_[k] = group of k.
  std::array<std::uint8_t, fitter_max_points> group_of_{};
  std::size_t n_groups_ = 0;
  std::array<std::bitset<dof_count>, fitter_max_points> depends_{};  // DoFs that move with each point

  // Online state.
  std::array<std::array<detail::AxisTrack, 3>, fitter_max_points> tracks_{};
  std::array<bool, fitter_max_points> live_{};
  std::array<double, fitter_max_points> last_seen_{};
  std::array<int, fitter_max_points> gated_run_{};
  std::array<double, fitter_max_points> confidence_{};
  double t_prev_ = std::numeric_limits<double>::quiet_NaN();
  int frames_since_start_ = 0;
  SwapRepair swap_ = SwapRepair::none;
  // Image landmarks: κ (1 / focal length) of the camera, accumulated least squares over the frames.
  double persp_n_ = 0, persp_b_ = 0;
  Snapshot snap_{};
  // Length estimation: per bone, up to `length_frames` (length, weight) samples.
  std::vector<double> length_samples_;  // n_bones_ × length_frames × 2, allocated once
  std::array<std::size_t, fitter_max_bones> n_samples_{};
};

/// Offline fit of a whole sequence: the online filter forwards, then a Rauch–Tung–Striebel
/// smoother backwards (tracks are not smoothed across a reset). `xyz` holds F frames of N × 3
/// coordinates, `visibility` F × N values (or is empty), `times_s` F strictly increasing times.
/// Throws `invalid_argument` as `SkeletonFitter::update` does, naming the frame. The states are
/// `tracking` or `lost` (the smoother gives the first frames of a track the later ones), the swap
/// repairs those of the forward pass; the bone lengths estimated over the first frames apply to all.
/// With `image_xy` (F × N × 2 normalised image landmarks of the same frames, `image_visibility`
/// F × N or empty, the image's aspect ratio width / height) each frame is fitted as by
/// `SkeletonFitter::update(view, image, t)`.
[[nodiscard]] std::vector<FitResult> fit_sequence(Layout layout, std::span<const double> xyz,
                                                  std::span<const double> visibility, std::span<const double> times_s,
                                                  const FitterOptions& options = {},
                                                  std::span<const double> image_xy = {},
                                                  std::span<const double> image_visibility = {},
                                                  double aspect_ratio = 1.0);

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/fitter-inl.hpp>
#endif
