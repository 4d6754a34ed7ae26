/// @file segment-inl.hpp
/// @brief Definitions of segment.hpp: compiled once into the library
///        (src/core/kinematics.cpp), or included by the header in header-only
///        mode (config.hpp).
#pragma once

#include <arthrokin/detail/kinematics_kernels.hpp>
#include <arthrokin/segment.hpp>

#include <limits>

namespace arthrokin {

ARTHROKIN_FUNC void SegmentOrientations::set(Segment s, const Eigen::Quaterniond& q) {
  const auto i = static_cast<std::size_t>(s);
  Eigen::Quaterniond u;
  q_global_segment[i] = detail::normalized_rotation(q, u) ? u : q;
  known.set(i);
  degenerate.reset(i);
}

ARTHROKIN_FUNC void SegmentOrientations::set(Segment s, const Eigen::Matrix3d& r) {
  const auto i = static_cast<std::size_t>(s);
  known.set(i);
  degenerate.reset(i);
  if (r.hasNaN()) {
    q_global_segment[i].coeffs().setConstant(std::numeric_limits<double>::quiet_NaN());
  } else if (!detail::is_rotation_matrix(r)) {
    q_global_segment[i].coeffs().setZero();
  } else {
    const Eigen::Quaterniond q(r);
    if (!detail::normalized_rotation(q, q_global_segment[i])) q_global_segment[i].coeffs().setZero();
  }
}

}  // namespace arthrokin
