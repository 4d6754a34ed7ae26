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
  detail::SegmentStates st{};
  for (std::size_t i = 0; i < segment_count; ++i) {
    if (!segments.known.test(i)) continue;
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
  JointAngles out;
  detail::Solver{st, options, out}.run();
  return out;
}

ARTHROKIN_FUNC void AngleUnwrapper::operator()(JointAngles& angles) {
  PoseVector v = angles.pose.as_radians();
  for (std::size_t i = 0; i < dof_count; ++i) {
    const auto d = static_cast<DofId>(i);
    if (!angles.pose.observed(d)) continue;
    const auto k = static_cast<Eigen::Index>(i);
    if (has_.test(i)) v[k] = detail::unwrap_near(v[k], last_[k]);
    angles.pose.set(d, radians(v[k]));
    last_[k] = v[k];
    has_.set(i);
  }
  const Eigen::Vector3d tl = angles.pose.thoracolumbar_radians();
  constexpr std::array<Axis, 3> ax{Axis::flexion_extension, Axis::lateral_flexion, Axis::axial_rotation};
  for (int j = 0; j < 3; ++j) {
    if (std::isnan(tl[j])) continue;
    const double u = tl_has_.test(static_cast<std::size_t>(j)) ? detail::unwrap_near(tl[j], tl_last_[j]) : tl[j];
    angles.pose.set_thoracolumbar(ax[static_cast<std::size_t>(j)], radians(u));
    tl_last_[j] = u;
    tl_has_.set(static_cast<std::size_t>(j));
  }
}

}  // namespace arthrokin
