/// @file inclination-inl.hpp
/// @brief Definitions of inclination.hpp: compiled once into the library (src/core/kinematics.cpp),
///        or included by the header in header-only mode (config.hpp).
#pragma once

#include <arthrokin/error.hpp>
#include <arthrokin/kinematics/inclination.hpp>

#include <Eigen/Core>

#include <cmath>
#include <limits>
#include <string>

namespace arthrokin {

namespace detail {

/// The points of one frame as 3-vectors with their usability, and the up direction.
struct InclinationPoints {
  static constexpr std::size_t capacity = 33;  // the largest layout, BlazePose
  std::array<Eigen::Vector3d, capacity> p{};
  std::array<bool, capacity> ok{};
  std::array<int, role_count> index{};  // role → keypoint index, −1 absent
  Eigen::Vector3d up = Eigen::Vector3d::UnitY();
};

inline void check_visibility(std::span<const double> vis, std::size_t n, const char* fn) {
  if (!vis.empty() && vis.size() != n)
    raise(std::string(fn) + ": expected " + std::to_string(n) + " visibilities, got " + std::to_string(vis.size()));
  for (std::size_t i = 0; i < vis.size(); ++i)
    if (!(vis[i] >= 0 && vis[i] <= 1))
      raise(std::string(fn) + ": visibility of keypoint " + std::to_string(i) + " must be in [0, 1], got " +
            std::to_string(vis[i]));
}

inline void map_roles(InclinationPoints& q, Layout layout, const KeypointOptions& o) {
  q.index.fill(-1);
  const auto rs = roles(layout);
  for (std::size_t i = 0; i < rs.size(); ++i)
    q.index[static_cast<std::size_t>(o.mirrored ? mirror(rs[i]) : rs[i])] = static_cast<int>(i);
}

/// Angles of the segments (see inclination.hpp).
inline Inclinations inclinations_of(const InclinationPoints& q) {
  Inclinations out;
  out.rad.fill(std::numeric_limits<double>::quiet_NaN());
  const auto at = [&](Role r, Eigen::Vector3d& v) {
    const int i = q.index[static_cast<std::size_t>(r)];
    if (i < 0 || !q.ok[static_cast<std::size_t>(i)]) return false;
    v = q.p[static_cast<std::size_t>(i)];
    return true;
  };
  // Angle to the horizontal and to the vertical of prox → dist (NaN when they coincide).
  const auto angles = [&](const Eigen::Vector3d& prox, const Eigen::Vector3d& dist, double& to_h, double* to_v) {
    const Eigen::Vector3d d = dist - prox;
    const double h = d.dot(q.up);
    const double r = (d - h * q.up).norm();
    if (!(r > 0 || h != 0)) return;
    to_h = std::atan2(h, r);
    if (to_v) *to_v = std::atan2(r, h);
  };
  using R = Role;
  const auto seg = [&](Inclination i, Role prox, Role dist) {
    Eigen::Vector3d a, b;
    if (at(prox, a) && at(dist, b)) angles(a, b, out.rad[static_cast<std::size_t>(i)], nullptr);
  };
  Eigen::Vector3d lh, rh, ls, rs;
  if (at(R::l_hip, lh) && at(R::r_hip, rh) && at(R::l_shoulder, ls) && at(R::r_shoulder, rs))
    angles((lh + rh) / 2, (ls + rs) / 2, out.rad[static_cast<std::size_t>(Inclination::trunk)],
           &out.rad[static_cast<std::size_t>(Inclination::trunk_inclination)]);
  seg(Inclination::left_upper_arm, R::l_shoulder, R::l_elbow);
  seg(Inclination::right_upper_arm, R::r_shoulder, R::r_elbow);
  seg(Inclination::left_forearm, R::l_elbow, R::l_wrist);
  seg(Inclination::right_forearm, R::r_elbow, R::r_wrist);
  seg(Inclination::left_thigh, R::l_hip, R::l_knee);
  seg(Inclination::right_thigh, R::r_hip, R::r_knee);
  seg(Inclination::left_shank, R::l_knee, R::l_ankle);
  seg(Inclination::right_shank, R::r_knee, R::r_ankle);
  return out;
}

}  // namespace detail

ARTHROKIN_FUNC Inclinations image_inclinations(const ImageKeypointView& view, const KeypointOptions& options) {
  const std::size_t n = keypoint_count(view.layout);
  if (view.xy.size() != 2 * n)
    detail::raise("image_inclinations: " + std::string(to_string(view.layout)) + " expects " + std::to_string(2 * n) +
                  " coordinates, got " + std::to_string(view.xy.size()));
  if (!(view.aspect_ratio > 0) || !std::isfinite(view.aspect_ratio))
    detail::raise("image_inclinations: the aspect ratio (width / height) must be a finite number > 0, got " +
                  std::to_string(view.aspect_ratio));
  for (std::size_t i = 0; i < view.xy.size(); ++i)
    if (std::isinf(view.xy[i]))
      detail::raise("image_inclinations: keypoint " + std::to_string(i / 2) + " " + "xy"[i % 2] +
                    " is infinite (NaN marks a missing point)");
  detail::check_visibility(view.visibility, n, "image_inclinations");
  detail::InclinationPoints q;
  detail::map_roles(q, view.layout, options);
  q.up = -Eigen::Vector3d::UnitY();  // image rows grow downwards
  for (std::size_t k = 0; k < n; ++k) {
    q.p[k] = Eigen::Vector3d(view.xy[2 * k] * view.aspect_ratio, view.xy[2 * k + 1], 0.0);
    const double v = view.visibility.empty() ? 1.0 : view.visibility[k];
    q.ok[k] = q.p[k].allFinite() && v >= options.min_visibility;
  }
  return detail::inclinations_of(q);
}

ARTHROKIN_FUNC Inclinations gravity_inclinations(const KeypointView& view, const KeypointOptions& options) {
  const std::size_t n = keypoint_count(view.layout);
  if (view.xyz.size() != 3 * n)
    detail::raise("gravity_inclinations: " + std::string(to_string(view.layout)) + " expects " + std::to_string(3 * n) +
                  " coordinates, got " + std::to_string(view.xyz.size()));
  for (std::size_t i = 0; i < view.xyz.size(); ++i)
    if (std::isinf(view.xyz[i]))
      detail::raise("gravity_inclinations: keypoint " + std::to_string(i / 3) + " " + "xyz"[i % 3] +
                    " is infinite (NaN marks a missing point)");
  detail::check_visibility(view.visibility, n, "gravity_inclinations");
  detail::InclinationPoints q;
  detail::map_roles(q, view.layout, options);
  switch (options.up) {
    case UpAxis::y_up:
      q.up = Eigen::Vector3d::UnitY();
      break;
    case UpAxis::y_down:
      q.up = -Eigen::Vector3d::UnitY();
      break;
    case UpAxis::z_up:
      q.up = Eigen::Vector3d::UnitZ();
      break;
  }
  for (std::size_t k = 0; k < n; ++k) {
    q.p[k] = Eigen::Vector3d(view.xyz[3 * k], view.xyz[3 * k + 1], view.xyz[3 * k + 2]);
    const double v = view.visibility.empty() ? 1.0 : view.visibility[k];
    q.ok[k] = q.p[k].allFinite() && v >= options.min_visibility;
  }
  return detail::inclinations_of(q);
}

}  // namespace arthrokin
