/// @file fitter-inl.hpp
/// @brief Definitions of fitter.hpp (the model is in its file comment and docs/fitter.md):
///        compiled once into the library (src/core/fitter.cpp), or included by the header in
///        header-only mode (config.hpp).
#pragma once

#include <arthrokin/detail/keypoint_checks.hpp>
#include <arthrokin/error.hpp>
#include <arthrokin/kinematics/fitter.hpp>
#include <arthrokin/kinematics/forward.hpp>
#include <arthrokin/kinematics/skeleton.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

namespace arthrokin {

namespace detail {

inline double fitter_wrap(double a) noexcept {
  a = std::remainder(a, 2 * std::numbers::pi);
  return a;
}

/// Role classes for the swap candidates: 1 arm, 2 leg, 0 anything else.
constexpr std::uint8_t limb_class(Role r) noexcept {
  switch (r) {
    case Role::l_collar:
    case Role::r_collar:
    case Role::l_shoulder:
    case Role::r_shoulder:
    case Role::l_elbow:
    case Role::r_elbow:
    case Role::l_wrist:
    case Role::r_wrist:
    case Role::l_pinky:
    case Role::r_pinky:
    case Role::l_index:
    case Role::r_index:
    case Role::l_thumb:
    case Role::r_thumb:
    case Role::l_hand:
    case Role::r_hand:
      return 1;
    case Role::l_hip:
    case Role::r_hip:
    case Role::l_knee:
    case Role::r_knee:
    case Role::l_ankle:
    case Role::r_ankle:
    case Role::l_heel:
    case Role::r_heel:
    case Role::l_toe:
    case Role::r_toe:
    case Role::l_foot:
    case Role::r_foot:
      return 2;
    default:
      return 0;
  }
}

/// Does slot k take its measurement from its mirror under swap candidate s?
inline bool swapped_under(SwapRepair s, std::uint8_t limb, bool has_mirror) noexcept {
  if (!has_mirror) return false;
  switch (s) {
    case SwapRepair::none:
      return false;
    case SwapRepair::whole_body:
      return true;
    case SwapRepair::arms:
      return limb == 1;
    case SwapRepair::legs:
      return limb == 2;
  }
  return false;
}

/// Two poses away from every singularity, for the dependency probe of the uncertainty groups.
inline Pose fitter_probe_pose(int which) {
  Pose p;
  const double s = which == 0 ? 1.0 : -0.6;
  for (const bool left : {true, false}) {
    auto sd = [&](DofId r) { return left ? mirror(r) : r; };
    const double k = left ? 1.0 : 1.3;
    p.set(sd(DofId::right_shoulder_flexion_extension), degrees(35.0 * k));
    p.set(sd(DofId::right_shoulder_abduction_adduction), degrees(-40.0 * k));
    p.set(sd(DofId::right_shoulder_internal_external_rotation), degrees(20.0 * s));
    p.set(sd(DofId::right_elbow_flexion_extension), degrees(60.0 * k));
    p.set(sd(DofId::right_forearm_pronation_supination), degrees(15.0 * s));
    p.set(sd(DofId::right_wrist_flexion_extension), degrees(20.0 * s));
    p.set(sd(DofId::right_wrist_radial_ulnar_deviation), degrees(10.0 * s));
    p.set(sd(DofId::right_hip_flexion_extension), degrees(30.0 * k));
    p.set(sd(DofId::right_hip_abduction_adduction), degrees(-10.0 * s));
    p.set(sd(DofId::right_hip_internal_external_rotation), degrees(10.0 * s));
    p.set(sd(DofId::right_knee_flexion_extension), degrees(50.0 * k));
    p.set(sd(DofId::right_knee_internal_external_rotation), degrees(5.0 * s));
    p.set(sd(DofId::right_ankle_dorsiflexion_plantarflexion), degrees(10.0 * s));
    p.set(sd(DofId::right_subtalar_inversion_eversion), degrees(8.0 * s));
  }
  for (DofId d : {DofId::cervical_flexion_extension, DofId::thoracic_flexion_extension, DofId::lumbar_flexion_extension,
                  DofId::cervical_lateral_flexion, DofId::thoracic_lateral_flexion, DofId::lumbar_lateral_flexion,
                  DofId::cervical_axial_rotation, DofId::thoracic_axial_rotation, DofId::lumbar_axial_rotation})
    p.set(d, degrees(8.0 * s));
  return p;
}

inline void check_fitter_view(const KeypointView& view, Layout layout) {
  if (view.layout != layout)
    raise("SkeletonFitter: built for " + std::string(to_string(layout)) + ", got a " +
          std::string(to_string(view.layout)) + " frame");
  require_keypoint_sizes(view, "SkeletonFitter");
  require_keypoint_values(view, "SkeletonFitter");
}

/// Constant-velocity prediction of one axis over dt with white-noise acceleration q.
inline void predict_axis(AxisTrack& a, double dt, double q) noexcept {
  const double dt2 = dt * dt, dt3 = dt2 * dt;
  a.x += a.v * dt;
  const double pxx = a.pxx + 2 * dt * a.pxv + dt2 * a.pvv;
  const double pxv = a.pxv + dt * a.pvv;
  a.pxx = pxx + q * dt3 / 3;
  a.pxv = pxv + q * dt2 / 2;
  a.pvv += q * dt;
}

/// Kalman update of one axis with a position measurement z of variance r.
inline void update_axis(AxisTrack& a, double z, double r) noexcept {
  const double s = a.pxx + r;
  const double kx = a.pxx / s, kv = a.pxv / s;
  const double y = z - a.x;
  a.x += kx * y;
  a.v += kv * y;
  const double pxx = (1 - kx) * a.pxx, pxv = (1 - kx) * a.pxv, pvv = a.pvv - kv * a.pxv;
  a.pxx = pxx, a.pxv = pxv, a.pvv = pvv;
}

/// The point u with |u| = len closest to t in the metric Σ_a w_a (u_a − t_a)² (w_a > 0): the
/// weighted least-squares bone of `LengthProjection::weighted`. Lagrange: u_a = w_a t_a / (w_a + λ),
/// |u(λ)| decreasing on λ > −min w. When |t| < len and t has no component along the
/// least-weighted axis (|u(λ)| stays below len), the rest of the length goes along that axis, on the
/// side of t (Taylor 2000's depth ambiguity, resolved by the measured depth). λ by Newton's method,
/// safeguarded by bisection.
ARTHROKIN_FUNC Eigen::Vector3d weighted_sphere_point(const Eigen::Vector3d& t, const Eigen::Vector3d& w,
                                                     double len) noexcept {
  Eigen::Index amin = 0;
  const double wmin = w.minCoeff(&amin), wmax = w.maxCoeff();
  const double l2 = len * len;
  const auto at = [&](double lam) -> Eigen::Vector3d { return (w.array() * t.array() / (w.array() + lam)).matrix(); };
  const double tn = t.norm();
  if (!(tn > 0)) return Eigen::Vector3d::Zero();
  double lo = 0, hi = 0;
  if (tn >= len) {
    hi = std::max(0.0, wmax * tn / len - wmin);
  } else {
    lo = -wmin * (1 - 1e-12);
  }
  // Newton on f(λ) = |u(λ)|² − len², safeguarded by the bracket [lo, hi] (bisection when a step leaves it).
  double lam = tn >= len ? 0.5 * hi : 0.0;
  for (int i = 0; i < 100; ++i) {
    const Eigen::Array3d d = w.array() + lam;
    const Eigen::Array3d ua = w.array() * t.array() / d;
    const double f = ua.square().sum() - l2;
    if (std::abs(f) <= 1e-15 * l2) break;
    (f > 0 ? lo : hi) = lam;
    const double df = -2 * (ua.square() / d).sum();
    double next = df < 0 ? lam - f / df : 0.5 * (lo + hi);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (next == lam) break;
    lam = next;
  }
  Eigen::Vector3d u = at(lam);
  if (u.squaredNorm() < l2 * (1 - 1e-9)) {
    // The hard case: fill the length along the least-weighted axis.
    u[amin] = 0;
    const double rest = std::sqrt(std::max(l2 - u.squaredNorm(), 0.0));
    u[amin] = t[amin] < 0 ? -rest : rest;
  }
  return u;
}

}  // namespace detail

ARTHROKIN_FUNC SkeletonFitter::SkeletonFitter(Layout layout, const FitterOptions& options)
    : layout_(layout), opt_(options), n_(keypoint_count(layout)) {
  const auto positive = [](double v) { return v > 0 && std::isfinite(v); };
  if (!(opt_.depth_axis >= -1 && opt_.depth_axis <= 2))
    detail::raise("SkeletonFitter: depth_axis must be -1, 0, 1 or 2, got " + std::to_string(opt_.depth_axis));
  if (!positive(opt_.lateral_sigma) || !positive(opt_.depth_factor) || !positive(opt_.acceleration_psd) ||
      !positive(opt_.initial_speed_sigma) || !positive(opt_.gate_chi2) || !positive(opt_.max_coast_s) ||
      !positive(opt_.image_sigma) || !positive(opt_.image_acceleration_psd) ||
      !(opt_.swap_margin >= 0 && std::isfinite(opt_.swap_margin)))
    detail::raise(
        "SkeletonFitter: lateral_sigma, depth_factor, acceleration_psd, initial_speed_sigma, gate_chi2, max_coast_s, "
        "image_sigma and image_acceleration_psd must be positive and finite, swap_margin >= 0");
  if (!(opt_.lost_fraction >= 0 && opt_.lost_fraction <= 1))
    detail::raise("SkeletonFitter: lost_fraction must be in [0, 1], got " + std::to_string(opt_.lost_fraction));
  if (opt_.max_gated_frames < 0 || opt_.acquire_frames < 0 || opt_.length_frames == 0)
    detail::raise("SkeletonFitter: max_gated_frames and acquire_frames must be >= 0, length_frames > 0");

  const auto rs = roles(layout);
  for (std::size_t k = 0; k < n_; ++k) {
    mirror_[k] = static_cast<std::uint8_t>(k);
    for (std::size_t j = 0; j < n_; ++j)
      if (rs[j] == mirror(rs[k])) mirror_[k] = static_cast<std::uint8_t>(j);
    limb_[k] = detail::limb_class(rs[k]);
  }
  // Bones, root outwards (a parent before its children).
  const auto find = [&](Role r) -> int {
    for (std::size_t j = 0; j < n_; ++j)
      if (rs[j] == r) return static_cast<int>(j);
    return -1;
  };
  using R = Role;
  // Only the long bones: each one's direction alone is what the next segment needs. The hand
  // and foot points span triangles (wrist–index–pinky, ankle–heel–toe) whose frames depend on
  // their shape; moving each point along its own ray from the wrist or ankle changed that shape
  // and the foot's frame (on the balancing trial, ankle dorsiflexion error 16° → 68°), so they
  // are filtered only (a rigid fit of those triangles is not done yet).
  constexpr std::array<std::array<Role, 2>, 4> chain{
      {{R::l_shoulder, R::l_elbow}, {R::l_elbow, R::l_wrist}, {R::l_hip, R::l_knee}, {R::l_knee, R::l_ankle}}};
  for (const bool left : {true, false})
    for (const auto& b : chain) {
      const int p = find(left ? b[0] : mirror(b[0])), c = find(left ? b[1] : mirror(b[1]));
      if (p >= 0 && c >= 0 && n_bones_ < fitter_max_bones)
        bones_[n_bones_++] = {static_cast<std::uint8_t>(p), static_cast<std::uint8_t>(c)};
    }
  lengths_.fill(std::numeric_limits<double>::quiet_NaN());
  attach_.fill(-1);
  for (std::size_t k = 0; k < n_; ++k) {
    const Role r = rs[k];
    for (const bool left : {true, false}) {
      const auto is = [&](Role x) { return r == (left ? x : mirror(x)); };
      if (is(R::l_pinky) || is(R::l_index) || is(R::l_thumb) || is(R::l_hand))
        attach_[k] = find(left ? R::l_wrist : R::r_wrist);
      if (is(R::l_heel) || is(R::l_toe) || is(R::l_foot)) attach_[k] = find(left ? R::l_ankle : R::r_ankle);
    }
  }

  // Which DoFs move with each point (two probe poses, every axis), then greedy colouring: the
  // points of one group move disjoint sets of DoFs, so one step of the whole group gives each
  // DoF the derivative of its one point.
  const Skeleton sk = skeleton_from_height(1.7);
  for (int which = 0; which < 2; ++which) {
    const Eigen::Quaterniond q =
        Eigen::Quaterniond(Eigen::AngleAxisd(which == 0 ? 0.7 : -2.1, Eigen::Vector3d(0.3, 1.0, 0.2).normalized()));
    std::vector<double> base = synthesize_keypoints(layout, sk, detail::fitter_probe_pose(which), q);
    const JointAngles a0 = keypoint_angles({layout, base}, opt_.keypoints);
    for (std::size_t k = 0; k < n_; ++k)
      for (std::size_t ax = 0; ax < 3; ++ax) {
        std::vector<double> pert = base;
        pert[3 * k + ax] += 2e-3;
        const JointAngles a1 = keypoint_angles({layout, pert}, opt_.keypoints);
        for (std::size_t d = 0; d < dof_count; ++d) {
          const bool u0 = usable(a0.status[d]), u1 = usable(a1.status[d]);
          const auto r0 = a0.pose.as_radians()[static_cast<Eigen::Index>(d)];
          const auto r1 = a1.pose.as_radians()[static_cast<Eigen::Index>(d)];
          if (u0 != u1 || (u0 && std::abs(detail::fitter_wrap(r1 - r0)) > 1e-10)) depends_[k].set(d);
        }
      }
  }
  std::array<std::bitset<dof_count>, fitter_max_groups> group_dofs{};
  for (std::size_t k = 0; k < n_; ++k) {
    used_[k] = depends_[k].any();
    if (!used_[k]) continue;
    ++n_used_;
    std::size_t g = 0;
    while (g < n_groups_ && (group_dofs[g] & depends_[k]).any()) ++g;
    if (g == n_groups_) ++n_groups_;
    group_dofs[g] |= depends_[k];
    group_of_[k] = static_cast<std::uint8_t>(g);
  }
  length_samples_.assign(n_bones_ * opt_.length_frames * 2, 0.0);
  reset();
}

ARTHROKIN_FUNC void SkeletonFitter::reset() noexcept {
  live_.fill(false);
  gated_run_.fill(0);
  frames_since_start_ = 0;
  swap_ = SwapRepair::none;
  snap_.live.fill(false);
  snap_.started.fill(false);
}

ARTHROKIN_FUNC void SkeletonFitter::set_segment_lengths(std::span<const double> lengths) {
  if (lengths.size() != n_bones_)
    detail::raise("SkeletonFitter::set_segment_lengths: expected " + std::to_string(n_bones_) + " lengths, got " +
                  std::to_string(lengths.size()));
  for (std::size_t b = 0; b < n_bones_; ++b)
    if (!std::isnan(lengths[b]) && !(lengths[b] > 0 && std::isfinite(lengths[b])))
      detail::raise("SkeletonFitter::set_segment_lengths: length " + std::to_string(b) +
                    " must be NaN (estimate it) or positive and finite, got " + std::to_string(lengths[b]));
  for (std::size_t b = 0; b < n_bones_; ++b) {
    given_[b] = !std::isnan(lengths[b]);
    lengths_[b] = lengths[b];
    if (!given_[b]) n_samples_[b] = 0;
  }
}

ARTHROKIN_FUNC void SkeletonFitter::validate(const KeypointView& view, double t_s) const {
  detail::check_fitter_view(view, layout_);
  if (!std::isfinite(t_s)) detail::raise("SkeletonFitter: the frame time must be finite, got " + std::to_string(t_s));
  if (!std::isnan(t_prev_) && !(t_s > t_prev_))
    detail::raise("SkeletonFitter: frame times must increase: got " + std::to_string(t_s) + " s after " +
                  std::to_string(t_prev_) + " s");
}

ARTHROKIN_FUNC FitResult SkeletonFitter::lost_result(bool mostly_missing) const {
  FitResult out;
  out.state = FitState::lost;
  out.angles.status.fill(mostly_missing ? DofStatus::missing_segment : DofStatus::low_confidence);
  out.angles.thoracolumbar_status.fill(out.angles.status[0]);
  out.sigma_rad.fill(std::numeric_limits<double>::quiet_NaN());
  out.inclinations.rad.fill(std::numeric_limits<double>::quiet_NaN());
  return out;
}

ARTHROKIN_FUNC FitResult SkeletonFitter::fit_tracks(
    const std::array<std::array<detail::AxisTrack, 3>, fitter_max_points>& tracks,
    const std::array<bool, fitter_max_points>& live, const std::array<double, fitter_max_points>& confidence) const {
  std::array<double, 3 * fitter_max_points> xyz{}, step{};
  std::array<double, fitter_max_points> vis{};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t k = 0; k < n_; ++k)
    for (std::size_t a = 0; a < 3; ++a) {
      xyz[3 * k + a] = live[k] ? tracks[k][a].x : nan;
      vis[k] = live[k] ? std::clamp(confidence[k], opt_.keypoints.min_visibility, 1.0) : 0.0;
    }
  // Segment lengths, root outwards: each bone keeps its filtered direction, and a point moved by
  // its bone carries what hangs from it (the next bone's end, the hand or foot points) along.
  std::array<Eigen::Vector3d, fitter_max_points> shift;
  for (std::size_t k = 0; k < n_; ++k) shift[k].setZero();
  for (std::size_t b = 0; b < n_bones_; ++b) {
    const std::size_t p = bones_[b].parent, c = bones_[b].child;
    if (!live[p] || !live[c]) continue;
    Eigen::Map<Eigen::Vector3d> pc(&xyz[3 * c]);
    const Eigen::Map<const Eigen::Vector3d> pp(&xyz[3 * p]);
    const Eigen::Vector3d before = pc;
    pc += shift[p];
    const Eigen::Vector3d d = pc - pp;
    const double n = d.norm();
    if (!image_ && std::isfinite(lengths_[b]) && n > 0 && std::isfinite(n)) {
      if (opt_.length_projection == LengthProjection::weighted) {
        Eigen::Vector3d w;
        for (std::size_t a = 0; a < 3; ++a) w[static_cast<Eigen::Index>(a)] = 1 / std::max(tracks[c][a].pxx, 1e-12);
        pc = pp + detail::weighted_sphere_point(d, w, lengths_[b]);
      } else {
        pc = pp + (lengths_[b] / n) * d;
      }
    }
    shift[c] = pc - before;
  }
  for (std::size_t k = 0; k < n_; ++k)
    if (attach_[k] >= 0 && live[k]) {
      Eigen::Map<Eigen::Vector3d> pk(&xyz[3 * k]);
      pk += shift[static_cast<std::size_t>(attach_[k])];
    }
  const std::span<const double> vis_span(vis.data(), n_);
  const KeypointView view{layout_, std::span<const double>(xyz.data(), 3 * n_), vis_span};
  FitResult out;
  KeypointOptions up = opt_.keypoints;
  if (image_) {
    // 2D: the points are (x · aspect, y, 0), image rows growing downwards.
    up.up = UpAxis::y_down;
    out.inclinations = gravity_inclinations(view, up);
    out.angles.status.fill(DofStatus::unobservable);
    out.angles.thoracolumbar_status.fill(DofStatus::unobservable);
    out.sigma_rad.fill(nan);
    out.state = FitState::tracking;
    return out;
  }
  out.inclinations = gravity_inclinations(view, up);
  std::array<double, dof_count> var{};
  if (!opt_.uncertainty) {
    out.angles = keypoint_angles(view, opt_.keypoints);
  } else {
    // First-order uncertainty: one step of σ per group of points and axis (see the file comment).
    for (std::size_t k = 0; k < n_; ++k)
      for (std::size_t a = 0; a < 3; ++a)
        step[3 * k + a] = used_[k] && live[k] ? std::sqrt(std::max(tracks[k][a].pxx, 0.0)) : 0.0;
    detail::keypoint_angle_steps(view, opt_.keypoints, std::span<const std::uint8_t>(group_of_.data(), n_), n_groups_,
                                 std::span<const double>(step.data(), 3 * n_), out.angles, var);
  }
  for (std::size_t d = 0; d < dof_count; ++d)
    out.sigma_rad[d] = usable(out.angles.status[d]) && opt_.uncertainty ? std::sqrt(var[d]) : nan;
  out.state = FitState::tracking;
  return out;
}

ARTHROKIN_FUNC FitResult SkeletonFitter::update(const KeypointView& view, double t_s) {
  validate(view, t_s);
  if (image_) reset();
  image_ = false;
  return step(view, t_s);
}

ARTHROKIN_FUNC FitResult SkeletonFitter::update(const KeypointView& view, const ImageKeypointView& image, double t_s) {
  validate(view, t_s);
  if (image.layout != layout_)
    detail::raise("SkeletonFitter: a " + std::string(to_string(image.layout)) + " image frame given to a fitter of " +
                  std::string(to_string(layout_)));
  if (opt_.depth_axis < 0)
    detail::raise("SkeletonFitter: 3D with image landmarks needs a depth_axis (0, 1 or 2), got -1");
  (void)image_inclinations(image, opt_.keypoints);  // validates sizes, coordinates, visibility, aspect ratio
  if (image_) reset();
  image_ = false;
  return step(view, t_s, &image);
}

ARTHROKIN_FUNC FitResult SkeletonFitter::update_image(const ImageKeypointView& view, double t_s) {
  if (view.layout != layout_)
    detail::raise("SkeletonFitter: a " + std::string(to_string(view.layout)) + " frame given to a fitter of " +
                  std::string(to_string(layout_)));
  (void)image_inclinations(view, opt_.keypoints);  // validates sizes, coordinates, visibility, aspect ratio
  std::array<double, 3 * fitter_max_points> xyz{};
  for (std::size_t k = 0; k < n_; ++k) {
    xyz[3 * k] = view.xy[2 * k] * view.aspect_ratio;
    xyz[3 * k + 1] = view.xy[2 * k + 1];
    xyz[3 * k + 2] =
        std::isnan(view.xy[2 * k]) || std::isnan(view.xy[2 * k + 1]) ? view.xy[2 * k] + view.xy[2 * k + 1] : 0.0;
  }
  const KeypointView v{layout_, std::span<const double>(xyz.data(), 3 * n_), view.visibility};
  validate(v, t_s);
  if (!image_) reset();
  image_ = true;
  return step(v, t_s);
}

ARTHROKIN_FUNC FitResult SkeletonFitter::step(const KeypointView& view, double t_s, const ImageKeypointView* image) {
  std::array<Eigen::Vector3d, fitter_max_points> z;
  std::array<double, fitter_max_points> w{};
  std::array<bool, fitter_max_points> ok{};
  std::size_t n_ok = 0, n_nan = 0;
  for (std::size_t k = 0; k < n_; ++k) {
    z[k] = Eigen::Vector3d(view.xyz[3 * k], view.xyz[3 * k + 1], view.xyz[3 * k + 2]);
    w[k] = view.visibility.empty() ? 1.0 : view.visibility[k];
    ok[k] = z[k].allFinite() && w[k] >= opt_.keypoints.min_visibility && w[k] > 0;
    if (used_[k]) {
      n_ok += ok[k] ? 1 : 0;
      n_nan += z[k].allFinite() ? 0 : 1;
    }
  }
  const double dt = std::isnan(t_prev_) ? 0.0 : t_s - t_prev_;
  t_prev_ = t_s;
  if (static_cast<double>(n_ok) < opt_.lost_fraction * static_cast<double>(n_used_) || n_ok == 0) {
    reset();
    return lost_result(2 * n_nan > n_used_);
  }
  // Measurement variance per point and axis at visibility 1.
  std::array<double, 3> r0{};
  for (std::size_t a = 0; a < 3; ++a) {
    const double f = static_cast<int>(a) == opt_.depth_axis && !image_ ? opt_.depth_factor : 1.0;
    const double sigma = image_ ? opt_.image_sigma : opt_.lateral_sigma;
    r0[a] = (sigma * f) * (sigma * f);
  }
  std::array<std::array<double, 3>, fitter_max_points> r;
  for (std::size_t k = 0; k < n_; ++k) r[k] = r0;
  const double q = image_ ? opt_.image_acceleration_psd : opt_.acceleration_psd;
  // Predict.
  for (std::size_t k = 0; k < n_; ++k)
    if (live_[k])
      for (auto& ax : tracks_[k]) detail::predict_axis(ax, dt, q);
  snap_.predicted = tracks_;
  snap_.started.fill(false);
  if (image != nullptr) {
    // Lateral coordinates from the image (see `update(view, image, t)`): the pinhole camera
    //   p_a = o_a + sgn_a · q_a · (s + κ · d),
    // p the world landmark's lateral coordinates, d its depth coordinate, q the image point relative
    // to the image's centre (image heights), o an offset, s = depth of the world's origin / focal
    // length, κ = 1 / focal length (the perspective: nearer points are magnified), sgn_a the
    // direction of each image axis in the world. o, s per frame and κ over all frames so far (a
    // camera's focal length does not change) by weighted least squares over the points seen in both.
    const auto a0 = static_cast<std::size_t>(opt_.depth_axis == 0 ? 1 : 0);
    const auto a1 = static_cast<std::size_t>(opt_.depth_axis == 2 ? 1 : 2);
    const auto da = static_cast<Eigen::Index>(opt_.depth_axis);
    const std::array<Eigen::Index, 2> lat{static_cast<Eigen::Index>(a0), static_cast<Eigen::Index>(a1)};
    std::array<bool, fitter_max_points> both{};
    std::array<Eigen::Vector2d, fitter_max_points> qi;
    std::array<double, fitter_max_points> wb{};
    std::size_t n_both = 0;
    Eigen::Vector2d sqp = Eigen::Vector2d::Zero(), mq = Eigen::Vector2d::Zero(), mp = Eigen::Vector2d::Zero();
    double sw = 0;
    for (std::size_t k = 0; k < n_; ++k) {
      qi[k] = Eigen::Vector2d((image->xy[2 * k] - 0.5) * image->aspect_ratio, image->xy[2 * k + 1] - 0.5);
      const double wi = image->visibility.empty() ? 1.0 : image->visibility[k];
      both[k] = qi[k].allFinite() && wi >= opt_.keypoints.min_visibility && wi > 0 && ok[k] && used_[k];
      // Not for the camera: a 3D point that is a jump from its track (either label, the swap is decided later).
      if (both[k] && live_[k]) {
        const auto jump = [&](std::size_t tr) {
          double d2 = 0;
          for (std::size_t a = 0; a < 3; ++a) {
            const double y = z[k][static_cast<Eigen::Index>(a)] - tracks_[tr][a].x;
            d2 += y * y / (tracks_[tr][a].pxx + r0[a] / w[k]);
          }
          return d2 > opt_.gate_chi2;
        };
        both[k] = !jump(k) || (live_[mirror_[k]] && !jump(mirror_[k]));
      }
      if (!both[k]) continue;
      wb[k] = std::min(w[k], wi);
      sw += wb[k];
      mq += wb[k] * qi[k];
      mp += wb[k] * Eigen::Vector2d(z[k][lat[0]], z[k][lat[1]]);
      ++n_both;
    }
    if (n_both >= 4 && sw > 0) {
      mq /= sw, mp /= sw;
      // Nor a point whose depth is farther from the body's median depth than three times the body's
      // lateral spread (a body is about as deep as it is wide): such a depth is not a body's, and with
      // its lever on κ it would bias the camera for the frames to come.
      std::array<double, fitter_max_points> depths{};
      std::size_t nd = 0;
      double spread = 0;
      for (std::size_t k = 0; k < n_; ++k)
        if (both[k]) {
          depths[nd++] = z[k][da];
          spread += wb[k] * (Eigen::Vector2d(z[k][lat[0]], z[k][lat[1]]) - mp).squaredNorm();
        }
      std::nth_element(depths.begin(), depths.begin() + static_cast<std::ptrdiff_t>(nd / 2),
                       depths.begin() + static_cast<std::ptrdiff_t>(nd));
      const double median_depth = depths[nd / 2], reach = 3 * std::sqrt(spread / sw);
      for (std::size_t k = 0; k < n_; ++k)
        if (both[k] && !(std::abs(z[k][da] - median_depth) <= reach)) {
          both[k] = false;
          --n_both;
          const Eigen::Vector2d pk(z[k][lat[0]], z[k][lat[1]]);
          sw -= wb[k];
          mq = sw > 0 ? (mq * (sw + wb[k]) - wb[k] * qi[k]) / sw : mq;
          mp = sw > 0 ? (mp * (sw + wb[k]) - wb[k] * pk) / sw : mp;
        }
    }
    if (n_both >= 4 && sw > 0) {
      for (std::size_t k = 0; k < n_; ++k)
        if (both[k]) sqp += wb[k] * (qi[k] - mq).cwiseProduct(Eigen::Vector2d(z[k][lat[0]], z[k][lat[1]]) - mp);
      const Eigen::Vector2d sgn(sqp[0] < 0 ? -1.0 : 1.0, sqp[1] < 0 ? -1.0 : 1.0);
      // Normal equations in (o_0, o_1, s | κ); κ's Schur complement is accumulated over frames.
      Eigen::Matrix3d na = Eigen::Matrix3d::Zero();
      Eigen::Vector3d nb = Eigen::Vector3d::Zero(), ba = Eigen::Vector3d::Zero();
      double nc = 0, bk = 0;
      for (std::size_t k = 0; k < n_; ++k) {
        if (!both[k]) continue;
        for (std::size_t a = 0; a < 2; ++a) {
          const double qa = sgn[static_cast<Eigen::Index>(a)] * qi[k][static_cast<Eigen::Index>(a)];
          Eigen::Vector3d row = Eigen::Vector3d::Zero();
          row[static_cast<Eigen::Index>(a)] = 1, row[2] = qa;
          const double rk = qa * z[k][da], pa = z[k][lat[a]];
          na += wb[k] * row * row.transpose();
          nb += wb[k] * rk * row;
          nc += wb[k] * rk * rk;
          ba += wb[k] * pa * row;
          bk += wb[k] * pa * rk;
        }
      }
      const Eigen::LDLT<Eigen::Matrix3d> ldlt(na);
      // A degenerate image (points coincident, or absurd coordinates) must not move κ for the frames to come.
      if (ldlt.info() == Eigen::Success && ldlt.isPositive() && ldlt.rcond() > 1e-9 && na.allFinite()) {
        const Eigen::Vector3d ainv_nb = ldlt.solve(nb), ainv_ba = ldlt.solve(ba);
        const double cr = nc - nb.dot(ainv_nb), br = bk - nb.dot(ainv_ba);
        if (cr > 0 && std::isfinite(cr) && std::isfinite(br)) persp_n_ += cr, persp_b_ += br;
        const double kappa = persp_n_ > 0 ? persp_b_ / persp_n_ : 0.0;
        const Eigen::Vector3d th = ainv_ba - kappa * ainv_nb;  // (o_0, o_1, s)
        if (th.allFinite() && std::isfinite(kappa)) {
          for (std::size_t k = 0; k < n_; ++k) {
            if (!both[k]) continue;                       // seen in the image only: its depth is unknown, not measured
            const double mag = th[2] + kappa * z[k][da];  // metres per image height at this point's depth
            if (!(mag > 0)) continue;
            const double ri = (opt_.image_sigma * mag) * (opt_.image_sigma * mag);
            for (std::size_t a = 0; a < 2; ++a) {
              z[k][lat[a]] = th[static_cast<Eigen::Index>(a)] +
                             sgn[static_cast<Eigen::Index>(a)] * qi[k][static_cast<Eigen::Index>(a)] * mag;
              r[k][static_cast<std::size_t>(lat[a])] = ri;
            }
          }
        }
      }
    }
  }
  const auto mahalanobis = [&](std::size_t k, std::size_t j) {
    double d2 = 0;
    for (std::size_t a = 0; a < 3; ++a) {
      const double y = z[j][a] - tracks_[k][a].x;
      d2 += y * y / (tracks_[k][a].pxx + r[j][a] / w[j]);
    }
    return d2;
  };
  // Left/right swaps: the cost of each candidate labelling against the prediction.
  bool any_live = false;
  for (std::size_t k = 0; k < n_; ++k) any_live = any_live || live_[k];
  if (any_live) {
    std::array<double, 4> cost{};
    for (std::size_t k = 0; k < n_; ++k) {
      if (!used_[k] || !live_[k]) continue;
      const double same = ok[k] ? std::min(mahalanobis(k, k), opt_.gate_chi2) : 0.0;
      const std::size_t m = mirror_[k];
      const double other = ok[m] ? std::min(mahalanobis(k, m), opt_.gate_chi2) : 0.0;
      for (std::size_t c = 0; c < 4; ++c)
        cost[c] += detail::swapped_under(static_cast<SwapRepair>(c), limb_[k], m != k) ? other : same;
    }
    std::size_t best = 0;
    for (std::size_t c = 1; c < 4; ++c)
      if (cost[c] < cost[best]) best = c;
    // Hysteresis: the labelling of the previous frame stays unless another is clearly cheaper.
    if (cost[best] < cost[static_cast<std::size_t>(swap_)] - opt_.swap_margin) swap_ = static_cast<SwapRepair>(best);
  }
  // Update.
  FitResult out;
  std::array<bool, fitter_max_points> accepted{};
  int measured = 0, gated = 0;
  for (std::size_t k = 0; k < n_; ++k) {
    const std::size_t j = detail::swapped_under(swap_, limb_[k], mirror_[k] != k) ? mirror_[k] : k;
    if (!ok[j]) {
      if (live_[k] && t_s - last_seen_[k] > opt_.max_coast_s) live_[k] = false;
      continue;
    }
    bool restart = !live_[k];
    if (live_[k] && mahalanobis(k, j) > opt_.gate_chi2) {
      if (++gated_run_[k] <= opt_.max_gated_frames) {
        ++gated;
        if (t_s - last_seen_[k] > opt_.max_coast_s) live_[k] = false;
        continue;
      }
      restart = true;
    }
    gated_run_[k] = 0;
    last_seen_[k] = t_s;
    confidence_[k] = w[j];
    accepted[k] = true;
    ++measured;
    if (restart) {
      for (std::size_t a = 0; a < 3; ++a)
        tracks_[k][a] = {z[j][a], 0.0, r[j][a] / w[j], 0.0, opt_.initial_speed_sigma * opt_.initial_speed_sigma};
      live_[k] = true;
      snap_.started[k] = true;
    } else {
      for (std::size_t a = 0; a < 3; ++a) detail::update_axis(tracks_[k][a], z[j][a], r[j][a] / w[j]);
    }
  }
  // Segment lengths: visibility-weighted median over the first frames in which each bone is seen.
  for (std::size_t b = 0; b < n_bones_; ++b) {
    const std::size_t p = bones_[b].parent, c = bones_[b].child;
    if (image_ || given_[b] || n_samples_[b] >= opt_.length_frames || !accepted[p] || !accepted[c]) continue;
    const auto jp = detail::swapped_under(swap_, limb_[p], mirror_[p] != p) ? mirror_[p] : p;
    const auto jc = detail::swapped_under(swap_, limb_[c], mirror_[c] != c) ? mirror_[c] : c;
    double* s = length_samples_.data() + 2 * (b * opt_.length_frames + n_samples_[b]);
    s[0] = (z[jc] - z[jp]).norm();
    s[1] = std::min(w[jp], w[jc]);
    if (++n_samples_[b] == opt_.length_frames) {
      // Weighted median: sort by length (insertion sort on pairs, no allocation).
      double* v = length_samples_.data() + 2 * b * opt_.length_frames;
      const std::size_t m = opt_.length_frames;
      for (std::size_t i = 1; i < m; ++i)
        for (std::size_t q = i; q > 0 && v[2 * q] < v[2 * (q - 1)]; --q) {
          std::swap(v[2 * q], v[2 * (q - 1)]);
          std::swap(v[2 * q + 1], v[2 * (q - 1) + 1]);
        }
      double total = 0;
      for (std::size_t i = 0; i < m; ++i) total += v[2 * i + 1];
      double acc = 0;
      for (std::size_t i = 0; i < m; ++i) {
        acc += v[2 * i + 1];
        if (acc >= total / 2) {
          lengths_[b] = v[2 * i];
          break;
        }
      }
    }
  }
  snap_.filtered = tracks_;
  snap_.live = live_;
  snap_.confidence = confidence_;
  out = fit_tracks(tracks_, live_, confidence_);
  out.swap = swap_;
  out.state = frames_since_start_ < opt_.acquire_frames ? FitState::acquiring : FitState::tracking;
  ++frames_since_start_;
  out.points_measured = static_cast<std::uint8_t>(measured);
  out.points_gated = static_cast<std::uint8_t>(gated);
  return out;
}

ARTHROKIN_FUNC std::vector<FitResult> fit_sequence(Layout layout, std::span<const double> xyz,
                                                   std::span<const double> visibility, std::span<const double> times_s,
                                                   const FitterOptions& options, std::span<const double> image_xy,
                                                   std::span<const double> image_visibility, double aspect_ratio) {
  const std::size_t n = keypoint_count(layout), f = times_s.size();
  if (xyz.size() != f * n * 3)
    detail::raise("fit_sequence: " + std::to_string(f) + " frames of " + std::string(to_string(layout)) + " need " +
                  std::to_string(f * n * 3) + " coordinates, got " + std::to_string(xyz.size()));
  if (!visibility.empty() && visibility.size() != f * n)
    detail::raise("fit_sequence: expected " + std::to_string(f * n) + " visibilities, got " +
                  std::to_string(visibility.size()));
  if (!image_xy.empty() && image_xy.size() != f * n * 2)
    detail::raise("fit_sequence: " + std::to_string(f) + " frames of image landmarks need " +
                  std::to_string(f * n * 2) + " coordinates, got " + std::to_string(image_xy.size()));
  if (!image_visibility.empty() && (image_xy.empty() || image_visibility.size() != f * n))
    detail::raise("fit_sequence: expected " + std::to_string(f * n) +
                  " image visibilities (with image landmarks), got " + std::to_string(image_visibility.size()));
  SkeletonFitter fitter(layout, options);
  std::vector<FitResult> out(f);
  std::vector<SkeletonFitter::Snapshot> snaps(f);
  std::vector<bool> lost(f);
  for (std::size_t i = 0; i < f; ++i) {
    const KeypointView v{layout, xyz.subspan(i * n * 3, n * 3),
                         visibility.empty() ? std::span<const double>{} : visibility.subspan(i * n, n)};
    try {
      if (image_xy.empty()) {
        out[i] = fitter.update(v, times_s[i]);
      } else {
        const ImageKeypointView iv{
            layout, image_xy.subspan(i * n * 2, n * 2),
            image_visibility.empty() ? std::span<const double>{} : image_visibility.subspan(i * n, n), aspect_ratio};
        out[i] = fitter.update(v, iv, times_s[i]);
      }
    } catch (const invalid_argument& e) {
      detail::raise("fit_sequence: frame " + std::to_string(i) + ": " + e.what());
    }
    snaps[i] = fitter.snapshot();
    lost[i] = out[i].state == FitState::lost;
    if (lost[i]) snaps[i].live.fill(false);
  }
  // Rauch–Tung–Striebel, per point and axis, back from the last frame; not across a (re)start.
  std::vector<std::array<std::array<detail::AxisTrack, 3>, fitter_max_points>> smooth(f);
  for (std::size_t ii = f; ii-- > 0;) {
    smooth[ii] = snaps[ii].filtered;
    if (ii + 1 == f || lost[ii]) continue;
    const double dt = times_s[ii + 1] - times_s[ii];
    for (std::size_t k = 0; k < n; ++k) {
      if (!snaps[ii].live[k] || !snaps[ii + 1].live[k] || snaps[ii + 1].started[k] || lost[ii + 1]) continue;
      for (std::size_t a = 0; a < 3; ++a) {
        const auto& fi = snaps[ii].filtered[k][a];
        const auto& pr = snaps[ii + 1].predicted[k][a];
        const auto& sn = smooth[ii + 1][k][a];
        // G = P_f Fᵀ P_p⁻¹ (2 × 2), F = [1 dt; 0 1].
        Eigen::Matrix2d pf, pp, ps;
        pf << fi.pxx, fi.pxv, fi.pxv, fi.pvv;
        pp << pr.pxx, pr.pxv, pr.pxv, pr.pvv;
        ps << sn.pxx, sn.pxv, sn.pxv, sn.pvv;
        Eigen::Matrix2d fm;
        fm << 1, dt, 0, 1;
        const double det = pp.determinant();
        if (!(det > 0)) continue;
        const Eigen::Matrix2d g = pf * fm.transpose() * pp.inverse();
        const Eigen::Vector2d xs = Eigen::Vector2d(fi.x, fi.v) + g * Eigen::Vector2d(sn.x - pr.x, sn.v - pr.v);
        const Eigen::Matrix2d p = pf + g * (ps - pp) * g.transpose();
        smooth[ii][k][a] = {xs[0], xs[1], p(0, 0), 0.5 * (p(0, 1) + p(1, 0)), p(1, 1)};
      }
    }
  }
  for (std::size_t i = 0; i < f; ++i) {
    if (lost[i]) continue;
    const SwapRepair swap = out[i].swap;
    const FitState state = out[i].state;
    const auto measured = out[i].points_measured, gated = out[i].points_gated;
    out[i] = fitter.fit_tracks(smooth[i], snaps[i].live, snaps[i].confidence);
    out[i].swap = swap;
    out[i].state = state == FitState::acquiring ? FitState::tracking : state;
    out[i].points_measured = measured;
    out[i].points_gated = gated;
  }
  return out;
}

}  // namespace arthrokin
