/// @file joint_angles-inl.hpp
/// @brief Definitions of joint_angles.hpp: compiled once into the library
///        (src/core/joint_angles.cpp), or included by the header in header-only
///        mode (config.hpp).
#pragma once

#include <arthrokin/detail/joint_solver.hpp>
#include <arthrokin/detail/kinematics_kernels.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>

#include <cmath>

namespace arthrokin {

ARTHROKIN_FUNC JointAngles joint_angles(const SegmentOrientations& segments, const JointAngleOptions& options) {
  detail::SegmentStates st;  // default member initialisers only (no zeroing first, as {} would)
  for (std::size_t i = 0; i < segment_count; ++i) {
    if (!segments.known.test(i)) continue;
    if (segments.degenerate.test(i)) {
      st[i].axis = st[i].twist = DofStatus::degenerate_geometry;
      continue;
    }
    const Eigen::Quaterniond& q = segments.q_global_segment[i];
    if (q.coeffs().hasNaN()) continue;  // missing
    Eigen::Quaterniond u;
    if (!detail::normalized_rotation(q, u)) {
      st[i].axis = st[i].twist = DofStatus::invalid_rotation;
      continue;
    }
    st[i].r = u.toRotationMatrix();
    st[i].axis = st[i].twist = DofStatus::observed;
  }
  return detail::solve(st, options);
}

ARTHROKIN_FUNC void AngleUnwrapper::operator()(JointAngles& angles) {
  const PoseVector v = angles.pose.as_radians();
  for (std::size_t i = 0; i < dof_count; ++i) {
    const auto d = static_cast<DofId>(i);
    if (!angles.pose.observed(d)) continue;
    const double x = v[static_cast<Eigen::Index>(i)];
    const double u = has_.test(i) ? detail::unwrap_near(x, last_[i]) : x;
    angles.pose.set(d, radians(u));
    last_[i] = u;
    has_.set(i);
  }
  const Eigen::Vector3d tl = angles.pose.thoracolumbar_radians();
  constexpr std::array<Axis, 3> ax{Axis::flexion_extension, Axis::lateral_flexion, Axis::axial_rotation};
  for (std::size_t j = 0; j < 3; ++j) {
    const double x = tl[static_cast<Eigen::Index>(j)];
    if (std::isnan(x)) continue;
    const double u = tl_has_.test(j) ? detail::unwrap_near(x, tl_last_[j]) : x;
    angles.pose.set_thoracolumbar(ax[j], radians(u));
    tl_last_[j] = u;
    tl_has_.set(j);
  }
}

}  // namespace arthrokin
