/// @file skeleton-inl.hpp
/// @brief Definitions of skeleton.hpp: compiled once into the library
///        (src/core/kinematics.cpp), or included by the header in header-only
///        mode (config.hpp).
#pragma once

#include <arthrokin/error.hpp>
#include <arthrokin/kinematics/skeleton.hpp>

#include <cmath>
#include <string>

namespace arthrokin {

ARTHROKIN_FUNC Skeleton skeleton_from_height(double height_m) {
  if (!(height_m > 0) || !std::isfinite(height_m))
    detail::raise("skeleton_from_height: height must be positive and finite, got " + std::to_string(height_m));
  const double h = height_m;
  return {h,         0.191 * h, 0.259 * h, (0.818 - 0.530) * h, (1.0 - 0.818) * h, 0.186 * h,
          0.146 * h, 0.108 * h, 0.245 * h, 0.246 * h,           0.152 * h,         0.039 * h};
}

ARTHROKIN_FUNC std::array<Eigen::Vector3d, role_count> role_positions(const Skeleton& k, const SegmentOrientations& seg,
                                                                      const Eigen::Vector3d& p_root) {
  using S = Segment;
  using R = Role;
  std::array<Eigen::Vector3d, role_count> p;
  auto at = [&](R r) -> Eigen::Vector3d& { return p[static_cast<std::size_t>(r)]; };
  auto rot = [&](S s) { return seg[s].toRotationMatrix(); };
  const double H = k.height, T = k.trunk;
  const Eigen::Matrix3d P = rot(S::pelvis), A = rot(S::abdomen), Th = rot(S::thorax), Hd = rot(S::head);
  at(R::root) = p_root;
  at(R::l_hip) = p_root + P * Eigen::Vector3d(0, 0, -k.hip_width / 2);
  at(R::r_hip) = p_root + P * Eigen::Vector3d(0, 0, k.hip_width / 2);
  at(R::lumbar) = p_root + P * Eigen::Vector3d(0, 0.25 * T, 0);
  at(R::t12) = at(R::lumbar) + A * Eigen::Vector3d(0, 0.25 * T, 0);
  at(R::thorax_mid) = at(R::t12) + Th * Eigen::Vector3d(0, 0.25 * T, 0);
  at(R::neck_base) = at(R::t12) + Th * Eigen::Vector3d(0, 0.5 * T, 0);
  const Eigen::Vector3d nb = at(R::neck_base);
  at(R::l_shoulder) = nb + Th * Eigen::Vector3d(0, 0, -k.shoulder_width / 2);
  at(R::r_shoulder) = nb + Th * Eigen::Vector3d(0, 0, k.shoulder_width / 2);
  at(R::l_collar) = nb + Th * Eigen::Vector3d(0, 0, -k.shoulder_width / 4);
  at(R::r_collar) = nb + Th * Eigen::Vector3d(0, 0, k.shoulder_width / 4);
  at(R::head_top) = nb + Hd * Eigen::Vector3d(0, k.head, 0);
  at(R::nose) = nb + Hd * Eigen::Vector3d(0.06 * H, 0.11 * H, 0);
  at(R::l_ear) = nb + Hd * Eigen::Vector3d(0, 0.11 * H, -0.04 * H);
  at(R::r_ear) = nb + Hd * Eigen::Vector3d(0, 0.11 * H, 0.04 * H);
  const double eye_z[3] = {0.012, 0.018, 0.024};
  for (int i = 0; i < 3; ++i) {
    p[static_cast<std::size_t>(R::l_eye_inner) + static_cast<std::size_t>(i)] =
        nb + Hd * Eigen::Vector3d(0.05 * H, 0.12 * H, -eye_z[i] * H);
    p[static_cast<std::size_t>(R::r_eye_inner) + static_cast<std::size_t>(i)] =
        nb + Hd * Eigen::Vector3d(0.05 * H, 0.12 * H, eye_z[i] * H);
  }
  at(R::l_mouth) = nb + Hd * Eigen::Vector3d(0.05 * H, 0.09 * H, -0.015 * H);
  at(R::r_mouth) = nb + Hd * Eigen::Vector3d(0.05 * H, 0.09 * H, 0.015 * H);
  for (const bool left : {true, false}) {
    const double s = left ? -1.0 : 1.0;  // lateral = +Z on the right, -Z on the left
    auto L = [&](R l, R r) -> Eigen::Vector3d& { return at(left ? l : r); };
    const Eigen::Matrix3d U = rot(left ? S::left_upper_arm : S::right_upper_arm);
    const Eigen::Matrix3d F = rot(left ? S::left_forearm : S::right_forearm);
    const Eigen::Matrix3d Hn = rot(left ? S::left_hand : S::right_hand);
    const Eigen::Matrix3d Tg = rot(left ? S::left_thigh : S::right_thigh);
    const Eigen::Matrix3d Sh = rot(left ? S::left_shank : S::right_shank);
    const Eigen::Matrix3d Ft = rot(left ? S::left_foot : S::right_foot);
    L(R::l_elbow, R::r_elbow) = L(R::l_shoulder, R::r_shoulder) + U * Eigen::Vector3d(0, -k.upper_arm, 0);
    L(R::l_wrist, R::r_wrist) = L(R::l_elbow, R::r_elbow) + F * Eigen::Vector3d(0, -k.forearm, 0);
    const Eigen::Vector3d w = L(R::l_wrist, R::r_wrist);
    L(R::l_index, R::r_index) = w + Hn * Eigen::Vector3d(0, -0.6 * k.hand, s * 0.2 * k.hand);
    L(R::l_pinky, R::r_pinky) = w + Hn * Eigen::Vector3d(0, -0.5 * k.hand, -s * 0.2 * k.hand);
    L(R::l_thumb, R::r_thumb) = w + Hn * Eigen::Vector3d(0.05 * k.hand, -0.3 * k.hand, s * 0.3 * k.hand);
    L(R::l_hand, R::r_hand) = w + Hn * Eigen::Vector3d(0, -0.5 * k.hand, 0);
    L(R::l_knee, R::r_knee) = L(R::l_hip, R::r_hip) + Tg * Eigen::Vector3d(0, -k.thigh, 0);
    L(R::l_ankle, R::r_ankle) = L(R::l_knee, R::r_knee) + Sh * Eigen::Vector3d(0, -k.shank, 0);
    const Eigen::Vector3d a = L(R::l_ankle, R::r_ankle);
    L(R::l_heel, R::r_heel) = a + Ft * Eigen::Vector3d(-0.25 * k.foot_length, -k.foot_height, 0);
    L(R::l_toe, R::r_toe) = a + Ft * Eigen::Vector3d(0.75 * k.foot_length, -k.foot_height, 0);
    L(R::l_foot, R::r_foot) = a + Ft * Eigen::Vector3d(0.5 * k.foot_length, -k.foot_height, 0);
  }
  return p;
}

ARTHROKIN_FUNC std::vector<double> synthesize_keypoints(Layout layout, const Skeleton& k,
                                                        const SegmentOrientations& seg, const Eigen::Vector3d& p_root) {
  const auto p = role_positions(k, seg, p_root);
  std::vector<double> out;
  out.reserve(keypoint_count(layout) * 3);
  for (Role r : roles(layout))
    for (int c = 0; c < 3; ++c) out.push_back(p[static_cast<std::size_t>(r)][c]);
  return out;
}

ARTHROKIN_FUNC std::vector<double> synthesize_keypoints(Layout layout, const Skeleton& k, const Pose& pose,
                                                        const Eigen::Quaterniond& q_global_pelvis,
                                                        const JointAngleOptions& options) {
  return synthesize_keypoints(layout, k, segment_orientations(pose, q_global_pelvis, options));
}

}  // namespace arthrokin
