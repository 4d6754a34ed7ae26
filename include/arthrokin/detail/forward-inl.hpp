/// @file forward-inl.hpp
/// @brief Definitions of forward.hpp: compiled once into the library
///        (src/core/kinematics.cpp), or included by the header in header-only
///        mode (config.hpp).
#pragma once

#include <arthrokin/detail/kinematics_kernels.hpp>
#include <arthrokin/error.hpp>
#include <arthrokin/kinematics/forward.hpp>

#include <array>
#include <cmath>

namespace arthrokin {

namespace detail {
[[nodiscard]] inline double value_or_zero(const Pose& p, DofId d) noexcept {
  const double v = p.as_radians()[static_cast<Eigen::Index>(index(d))];
  return std::isnan(v) ? 0.0 : v;
}
/// Relative rotation of a right-side (or mirrored) joint from its DoFs.
[[nodiscard]] inline Eigen::Matrix3d side_rel(const Eigen::Matrix3d& r_right_convention, bool left) noexcept {
  return left ? mirror_sagittal(r_right_convention) : r_right_convention;  // M R M is an involution
}
}  // namespace detail

ARTHROKIN_FUNC SegmentOrientations segment_orientations(const Pose& pose, const Eigen::Quaterniond& q_global_pelvis,
                                                        const JointAngleOptions& options) {
  using D = DofId;
  using S = Segment;
  using namespace detail;
  const auto v = [&](D d) { return value_or_zero(pose, d); };
  const auto spine_rel = [&](D first) {
    const auto dof = [&](Axis a) { return *find_dof(joint_of(first), a, Side::none); };
    return zxy_to_matrix(-v(first), v(dof(Axis::lateral_flexion)), -v(dof(Axis::axial_rotation)));
  };
  std::array<Eigen::Matrix3d, segment_count> g;
  auto at = [&](S s) -> Eigen::Matrix3d& { return g[static_cast<std::size_t>(s)]; };
  Eigen::Quaterniond q_pelvis;
  if (!normalized_rotation(q_global_pelvis, q_pelvis))
    raise("segment_orientations: the pelvis quaternion must be finite and non-zero");
  at(S::pelvis) = q_pelvis.toRotationMatrix();
  Eigen::Matrix3d lumbar = spine_rel(D::lumbar_flexion_extension);
  bool any_split = false;
  for (D d : all_dofs)
    any_split = any_split || ((joint_of(d) == Joint::thoracic || joint_of(d) == Joint::lumbar) && pose.observed(d));
  if (!any_split) {
    const Eigen::Vector3d tl = pose.thoracolumbar_radians();
    const auto z = [](double x) { return std::isnan(x) ? 0.0 : x; };
    lumbar = zxy_to_matrix(-z(tl[0]), z(tl[1]), -z(tl[2]));
  }
  at(S::abdomen) = at(S::pelvis) * lumbar;
  at(S::thorax) = at(S::abdomen) * spine_rel(D::thoracic_flexion_extension);
  at(S::head) = at(S::thorax) * spine_rel(D::cervical_flexion_extension);
  for (const bool left : {true, false}) {
    const auto sd = [&](D right_id) { return left ? mirror(right_id) : right_id; };
    const auto seg = [&](S l, S r) { return left ? l : r; };
    const Eigen::Matrix3d sh =
        swing_twist_to_matrix(v(sd(D::right_shoulder_abduction_adduction)), v(sd(D::right_shoulder_flexion_extension)),
                              v(sd(D::right_shoulder_internal_external_rotation)));
    at(seg(S::left_upper_arm, S::right_upper_arm)) = at(S::thorax) * side_rel(sh, left);
    const Eigen::Matrix3d el =
        zxy_to_matrix(v(sd(D::right_elbow_flexion_extension)), 0.0,
                      v(sd(D::right_forearm_pronation_supination)) + options.forearm_mid_position_rad);
    at(seg(S::left_forearm, S::right_forearm)) = at(seg(S::left_upper_arm, S::right_upper_arm)) * side_rel(el, left);
    const Eigen::Matrix3d wr =
        zxy_to_matrix(v(sd(D::right_wrist_flexion_extension)), v(sd(D::right_wrist_radial_ulnar_deviation)), 0.0);
    at(seg(S::left_hand, S::right_hand)) = at(seg(S::left_forearm, S::right_forearm)) * side_rel(wr, left);
    const double hf = v(sd(D::right_hip_flexion_extension)), ha = v(sd(D::right_hip_abduction_adduction)),
                 hr = v(sd(D::right_hip_internal_external_rotation));
    const Eigen::Matrix3d hip = options.hip == BallJointDecomposition::swing_twist ? swing_twist_to_matrix(ha, hf, hr)
                                                                                   : zxy_to_matrix(hf, ha, hr);
    at(seg(S::left_thigh, S::right_thigh)) = at(S::pelvis) * side_rel(hip, left);
    const Eigen::Matrix3d kn =
        zxy_to_matrix(-v(sd(D::right_knee_flexion_extension)), 0.0, v(sd(D::right_knee_internal_external_rotation)));
    at(seg(S::left_shank, S::right_shank)) = at(seg(S::left_thigh, S::right_thigh)) * side_rel(kn, left);
    const Eigen::Matrix3d an = zxy_to_matrix(v(sd(D::right_ankle_dorsiflexion_plantarflexion)),
                                             v(sd(D::right_subtalar_inversion_eversion)), 0.0);
    at(seg(S::left_foot, S::right_foot)) = at(seg(S::left_shank, S::right_shank)) * side_rel(an, left);
  }
  SegmentOrientations out;
  for (std::size_t i = 0; i < segment_count; ++i) out.set(static_cast<S>(i), Eigen::Quaterniond(g[i]));
  return out;
}

}  // namespace arthrokin
