/// @file rotation_angles_kernel.hpp
/// @brief `joint_angles_batch`'s straight-line path for a clean frame: the 16 segment
///        quaternions all finite and non-zero, the case of every mocap and IMU frame.
///        It computes what `joint_angles` (the `Solver` of joint_solver.hpp) computes
///        when every segment is observed, with the same expressions in the same order,
///        without the per-DoF statuses, confidences and `Pose` writes the batch does not
///        return, and without the shoulders' ISB angles. With `LibmTrig` its angles equal
///        `joint_angles`' bit for bit (tests/rotation_kernel_test.cpp); with `FastTrig`
///        (fast_trig.hpp) they are within `fast_trig_bound_rad` of them, and a frame with
///        an angle that close to one of the kernel's own decisions (a gimbal-lock
///        threshold, the shoulder's horizontal-abduction cut-off, ±π where an angle wraps)
///        is left to the libm path, so that no status differs. Included only by
///        detail/batch-inl.hpp.
#pragma once

#include <arthrokin/detail/fast_trig.hpp>
#include <arthrokin/detail/joint_solver.hpp>
#include <arthrokin/detail/kinematics_kernels.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>

namespace arthrokin::detail {

/// The angles of one frame of `joint_angles_batch` (q: 16 × (x, y, z, w)) into `out` (dof_count
/// radians, NaN unknown), when every segment is a rotation; false when one is not (NaN, zero or
/// infinite) or, with `FastTrig`, when an angle is within `fast_trig_bound_rad` of a decision:
/// the caller then takes the general path, which writes all of `out` again.
template <class Trig>
[[nodiscard]] inline bool clean_frame_angles(const double* q, const JointAngleOptions& opt, double* out) noexcept {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  constexpr double guard = Trig::exact ? -1.0 : fast_trig_bound_rad;  // -1: no value is "near"
  const auto near = [&](double v, double t) { return std::abs(v - t) <= guard; };
  std::array<Eigen::Matrix3d, segment_count> rot;
  for (std::size_t s = 0; s < segment_count; ++s) {
    Eigen::Quaterniond g;
    g.coeffs() = Eigen::Map<const Eigen::Vector4d>(q + 4 * s);
    Eigen::Quaterniond u;
    if (g.coeffs().hasNaN() || !normalized_rotation(g, u)) return false;
    rot[s] = u.toRotationMatrix();
  }
  std::fill(out, out + dof_count, nan);
  const double thr = opt.gimbal_lock_threshold_rad;
  const auto seg = [&](Segment s) -> const Eigen::Matrix3d& { return rot[static_cast<std::size_t>(s)]; };
  // Solver::put on an observed DoF: a finite value, else unknown (degenerate)
  const auto put = [&](DofId d, double v) { out[index(d)] = std::isfinite(v) ? v : nan; };

  // Solver::zxy_joint with both segments observed (Solver::zxy_rel: the same entries, in the same order)
  const auto zxy_joint = [&](Segment prox, Segment dist, bool left, const Solver::ZxyMap& m) {
    const Eigen::Matrix3d& p = seg(prox);
    const Eigen::Matrix3d& d = seg(dist);
    const auto e = [&](int i, int j) { return p.col(i).dot(d.col(j)); };
    const double sgn = left ? -1.0 : 1.0;
    const Zxy z = zxy_from_entries<Trig>(e(0, 1), e(1, 1), sgn * e(2, 0), sgn * e(2, 1), e(2, 2), m.has_c);
    if (near(z.margin, thr)) return false;
    if (m.has_b) put(m.b, m.sb * z.b);
    if (z.margin < thr) return true;  // gimbal lock: a and c unknown
    if (m.has_a) put(m.a, m.sa * z.a);
    if (m.has_c) {
      const double c = m.sc * z.c - m.offset_c;
      if (near(std::abs(c), pi)) return false;  // where wrap_pi turns
      put(m.c, wrap_pi(c));
    }
    return true;
  };
  // Solver::swing_joint with both segments observed
  const auto swing_joint = [&](Segment prox, Segment dist, bool left, DofId flex, DofId add, DofId axial,
                               std::optional<DofId> horiz) {
    const Eigen::Matrix3d r0 = seg(prox).transpose() * seg(dist);
    const Eigen::Matrix3d r = left ? mirror_sagittal(r0) : r0;
    const Eigen::Vector3d dir = Eigen::Vector3d(-r.col(1));
    const double e = Trig::acos(std::clamp(-dir.y(), -1.0, 1.0));
    const double se = std::hypot(dir.x(), dir.z());
    if (near(e, pi - thr) || near(e, thr) || (horiz && near(e, opt.horizontal_min_elevation_rad))) return false;
    if (e > pi - thr) return true;  // gimbal lock: all unknown
    const double k = se > 1e-12 ? e / se : 1.0;
    put(flex, k * dir.x());
    put(add, -k * dir.z());
    if (horiz && !(e < thr) && !(e < opt.horizontal_min_elevation_rad)) put(*horiz, Trig::atan2(dir.x(), dir.z()));
    const double tw = twist_about_y<Trig>(r);
    if (near(std::abs(tw), pi)) return false;
    put(axial, tw);
    return true;
  };

  using S = Segment;
  using D = DofId;
  const auto spine = [&](S lower, S upper, D first) {
    const auto dof = [&](Axis a) { return *find_dof(joint_of(first), a, Side::none); };
    return zxy_joint(lower, upper, false,
                     {.has_a = true,
                      .has_b = true,
                      .has_c = true,
                      .a = first,
                      .b = dof(Axis::lateral_flexion),
                      .c = dof(Axis::axial_rotation),
                      .sa = -1.0,
                      .sc = -1.0});
  };
  if (!spine(S::pelvis, S::abdomen, D::lumbar_flexion_extension) ||
      !spine(S::abdomen, S::thorax, D::thoracic_flexion_extension) ||
      !spine(S::thorax, S::head, D::cervical_flexion_extension))
    return false;
  for (const bool left : {true, false}) {
    const auto sd = [&](D right_id) { return left ? mirror(right_id) : right_id; };
    const S ua = left ? S::left_upper_arm : S::right_upper_arm;
    const S fa = left ? S::left_forearm : S::right_forearm;
    const S hand = left ? S::left_hand : S::right_hand;
    const S thigh = left ? S::left_thigh : S::right_thigh;
    const S shank = left ? S::left_shank : S::right_shank;
    const S foot = left ? S::left_foot : S::right_foot;
    if (!swing_joint(S::thorax, ua, left, sd(D::right_shoulder_flexion_extension),
                     sd(D::right_shoulder_abduction_adduction), sd(D::right_shoulder_internal_external_rotation),
                     sd(D::right_shoulder_horizontal_abduction_adduction)))
      return false;
    if (!zxy_joint(ua, fa, left,
                   {.has_a = true,
                    .has_c = true,
                    .a = sd(D::right_elbow_flexion_extension),
                    .c = sd(D::right_forearm_pronation_supination),
                    .offset_c = opt.forearm_mid_position_rad}))
      return false;
    if (!zxy_joint(fa, hand, left,
                   {.has_a = true,
                    .has_b = true,
                    .a = sd(D::right_wrist_flexion_extension),
                    .b = sd(D::right_wrist_radial_ulnar_deviation)}))
      return false;
    const bool hip = opt.hip == BallJointDecomposition::swing_twist
                         ? swing_joint(S::pelvis, thigh, left, sd(D::right_hip_flexion_extension),
                                       sd(D::right_hip_abduction_adduction),
                                       sd(D::right_hip_internal_external_rotation), std::nullopt)
                         : zxy_joint(S::pelvis, thigh, left,
                                     {.has_a = true,
                                      .has_b = true,
                                      .has_c = true,
                                      .a = sd(D::right_hip_flexion_extension),
                                      .b = sd(D::right_hip_abduction_adduction),
                                      .c = sd(D::right_hip_internal_external_rotation)});
    if (!hip) return false;
    if (!zxy_joint(thigh, shank, left,
                   {.has_a = true,
                    .has_c = true,
                    .a = sd(D::right_knee_flexion_extension),
                    .c = sd(D::right_knee_internal_external_rotation),
                    .sa = -1.0}))
      return false;
    if (!zxy_joint(shank, foot, left,
                   {.has_a = true,
                    .has_b = true,
                    .a = sd(D::right_ankle_dorsiflexion_plantarflexion),
                    .b = sd(D::right_subtalar_inversion_eversion)}))
      return false;
  }
  return true;
}

}  // namespace arthrokin::detail
