/// @file joint_solver.hpp
/// @brief The joint-angle solver shared by `joint_angles` and `keypoint_angles`:
///        what is known of each segment frame, and the Cardan / swing–twist
///        decomposition of every joint (joint_angles.hpp has the table). Included
///        only by detail/*-inl.hpp files: compiled into the library, or inline in
///        header-only mode (config.hpp).
#pragma once

#include <arthrokin/detail/kinematics_kernels.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace arthrokin {

namespace detail {

/// What is known of one segment's global frame: its long axis (Y) and/or its twist about it.
struct SegmentState {
  Eigen::Matrix3d r = Eigen::Matrix3d::Identity();  ///< R_global_segment (columns X, Y, Z)
  DofStatus axis = DofStatus::missing_segment;      ///< status of the Y axis (column 1)
  DofStatus twist = DofStatus::missing_segment;     ///< status of the full frame
  double confidence = 1.0;
  /// Sign of a hinge's flexion when its plane is undetermined (the proximal twist unknown) and
  /// `hinge_fallback` reads the angle between the long axes: −1 when a reference (keypoints.hpp)
  /// says the distal joint is bent backwards (hyperextended).
  double hinge_sign = 1.0;
};
using SegmentStates = std::array<SegmentState, segment_count>;

[[nodiscard]] constexpr DofStatus combine(DofStatus a, DofStatus b) noexcept {
  if (!usable(a)) return a;
  if (!usable(b)) return b;
  return (a == DofStatus::observed_with_assumption || b == DofStatus::observed_with_assumption)
             ? DofStatus::observed_with_assumption
             : DofStatus::observed;
}

/// A Z-X-Y joint's DoFs: each of a, b, c may be absent (`has_`), with its sign and c's offset.
struct ZxyMap {
  bool has_a = false, has_b = false, has_c = false;
  DofId a{}, b{}, c{};  ///< read only where `has_` is set
  double sa = 1.0, sb = 1.0, sc = 1.0;
  double offset_c = 0.0;  ///< set from `JointAngleOptions::forearm_mid_position_rad` where `PlannedJoint::forearm`
  bool hinge_fallback = false;  ///< flexion from the angle between the long axes when the proximal twist is unknown
};

/// One joint of the solver: a Z-X-Y Cardan joint (`m`) or a swing–twist one (flex, add, axial and,
/// for the shoulder, horizontal abduction and the ISB angles).
struct PlannedJoint {
  bool swing = false;
  Segment prox{}, dist{};
  bool left = false;
  ZxyMap m{};
  bool forearm = false;  ///< c is the forearm's rotation: offset by the forearm's mid-position
  DofId flex{}, add{}, axial{}, horiz{};
  bool shoulder = false;  ///< has horizontal abduction and ISB angles
};
/// The joints of the body in the solver's order: the three spinal joints, then per side
/// (left, right) shoulder, elbow, wrist, hip, knee, ankle. The solver (`Solver::run`) and the
/// batch's straight-line kernels (rotation_angles_kernel.hpp) both walk it.
struct JointPlan {
  std::array<PlannedJoint, 15> joints{};
  std::size_t count = 0;
  static constexpr std::size_t spine = 3;  ///< the first three
};
[[nodiscard]] constexpr JointPlan make_joint_plan(BallJointDecomposition hip) noexcept {
  using S = Segment;
  using D = DofId;
  JointPlan p;
  const auto zxy = [&](S prox, S dist, bool left, const ZxyMap& m, bool forearm = false) {
    p.joints[p.count++] = {.prox = prox, .dist = dist, .left = left, .m = m, .forearm = forearm};
  };
  const auto swing = [&](S prox, S dist, bool left, D flex, D add, D axial, bool shoulder, D horiz) {
    p.joints[p.count++] = {.swing = true,
                           .prox = prox,
                           .dist = dist,
                           .left = left,
                           .flex = flex,
                           .add = add,
                           .axial = axial,
                           .horiz = horiz,
                           .shoulder = shoulder};
  };
  const auto spine = [&](S lower, S upper, D first) {
    const auto dof = [&](Axis a) { return *find_dof(joint_of(first), a, Side::none); };
    zxy(lower, upper, false,
        {.has_a = true,
         .has_b = true,
         .has_c = true,
         .a = first,
         .b = dof(Axis::lateral_flexion),
         .c = dof(Axis::axial_rotation),
         .sa = -1.0,
         .sc = -1.0});
  };
  spine(S::pelvis, S::abdomen, D::lumbar_flexion_extension);
  spine(S::abdomen, S::thorax, D::thoracic_flexion_extension);
  spine(S::thorax, S::head, D::cervical_flexion_extension);
  for (const bool left : {true, false}) {
    const auto sd = [&](D right_id) { return left ? mirror(right_id) : right_id; };
    const S ua = left ? S::left_upper_arm : S::right_upper_arm;
    const S fa = left ? S::left_forearm : S::right_forearm;
    const S hand = left ? S::left_hand : S::right_hand;
    const S thigh = left ? S::left_thigh : S::right_thigh;
    const S shank = left ? S::left_shank : S::right_shank;
    const S foot = left ? S::left_foot : S::right_foot;
    swing(S::thorax, ua, left, sd(D::right_shoulder_flexion_extension), sd(D::right_shoulder_abduction_adduction),
          sd(D::right_shoulder_internal_external_rotation), true, sd(D::right_shoulder_horizontal_abduction_adduction));
    zxy(ua, fa, left,
        {.has_a = true,
         .has_c = true,
         .a = sd(D::right_elbow_flexion_extension),
         .c = sd(D::right_forearm_pronation_supination),
         .hinge_fallback = true},
        true);
    zxy(fa, hand, left,
        {.has_a = true,
         .has_b = true,
         .a = sd(D::right_wrist_flexion_extension),
         .b = sd(D::right_wrist_radial_ulnar_deviation)});
    if (hip == BallJointDecomposition::swing_twist)
      swing(S::pelvis, thigh, left, sd(D::right_hip_flexion_extension), sd(D::right_hip_abduction_adduction),
            sd(D::right_hip_internal_external_rotation), false, D{});
    else
      zxy(S::pelvis, thigh, left,
          {.has_a = true,
           .has_b = true,
           .has_c = true,
           .a = sd(D::right_hip_flexion_extension),
           .b = sd(D::right_hip_abduction_adduction),
           .c = sd(D::right_hip_internal_external_rotation)});
    zxy(thigh, shank, left,
        {.has_a = true,
         .has_c = true,
         .a = sd(D::right_knee_flexion_extension),
         .c = sd(D::right_knee_internal_external_rotation),
         .sa = -1.0,
         .hinge_fallback = true});
    zxy(shank, foot, left,
        {.has_a = true,
         .has_b = true,
         .a = sd(D::right_ankle_dorsiflexion_plantarflexion),
         .b = sd(D::right_subtalar_inversion_eversion)});
  }
  return p;
}
inline constexpr JointPlan cardan_hip_plan = make_joint_plan(BallJointDecomposition::cardan);
inline constexpr JointPlan swing_twist_hip_plan = make_joint_plan(BallJointDecomposition::swing_twist);
[[nodiscard]] constexpr const JointPlan& joint_plan(BallJointDecomposition hip) noexcept {
  return hip == BallJointDecomposition::swing_twist ? swing_twist_hip_plan : cardan_hip_plan;
}
/// The plan's Z-X-Y map with the options' forearm offset where it applies.
[[nodiscard]] inline ZxyMap zxy_map(const PlannedJoint& j, const JointAngleOptions& opt) noexcept {
  ZxyMap m = j.m;
  if (j.forearm) m.offset_c = opt.forearm_mid_position_rad;
  return m;
}

/// (Pᵀ D)(i, k): column i of P dotted with column k of D, written out as (p0i d0k + p1i d1k) + p2i d2k.
/// That is the order of Eigen's dot and 3 × 3 product on x86-64 (SSE2, AVX2: the same bits), and the
/// expression of the four-frame kernel's `col_dot` (rotation_block_kernel.hpp); the products are
/// `unfused`, so that where the target has FMA neither is contracted and the kernel's entries equal
/// the solver's, and the solver's at one call site its own at another, on every target. (Eigen's
/// product contracts in its packet order there, which the kernel's lanes cannot follow.)
[[nodiscard]] inline double column_dot(const Eigen::Matrix3d& p, const Eigen::Matrix3d& d, int i, int k) noexcept {
  return (unfused(p(0, i) * d(0, k)) + unfused(p(1, i) * d(1, k))) + unfused(p(2, i) * d(2, k));
}
/// The five entries of R = Pᵀ D a Z-X-Y decomposition reads (R01, R11, R20, R21, R22), each a
/// `column_dot`; mirroring (the left side) negates R20 and R21.
struct ZxyEntries {
  double r01, r11, r20, r21, r22;
};
[[nodiscard]] inline ZxyEntries zxy_entries(const Eigen::Matrix3d& p, const Eigen::Matrix3d& d, bool left) noexcept {
  const double m = left ? -1.0 : 1.0;
  return {column_dot(p, d, 0, 1), column_dot(p, d, 1, 1), m * column_dot(p, d, 2, 0), m * column_dot(p, d, 2, 1),
          column_dot(p, d, 2, 2)};
}
/// The relative rotation Pᵀ D (entry by entry, `column_dot`), mirrored for the left side
/// (conventions.md §6).
[[nodiscard]] inline Eigen::Matrix3d relative_rotation(const Eigen::Matrix3d& p, const Eigen::Matrix3d& d,
                                                       bool left) noexcept {
  Eigen::Matrix3d r;
  for (int i = 0; i < 3; ++i)
    for (int k = 0; k < 3; ++k) r(i, k) = column_dot(p, d, i, k);
  return left ? mirror_sagittal(r) : r;
}

struct Solver {
  const SegmentStates& seg;
  const JointAngleOptions& opt;
  JointAngles& out;
  bool pelvis_tilt_unobservable = false;  ///< keypoint layouts whose pelvis frame leans on the trunk line

  const SegmentState& s(Segment x) const noexcept { return seg[static_cast<std::size_t>(x)]; }

  void put(DofId d, double rad, DofStatus st, double conf) noexcept {
    const auto i = index(d);
    out.status[i] = st;
    out.confidence[i] = conf;
    if (usable(st) && std::isfinite(rad))
      out.pose.set(d, radians(rad));  // finite: set() cannot throw
    else if (usable(st))
      out.status[i] = DofStatus::degenerate_geometry;
  }
  void lock(DofId d, double conf) noexcept {
    put(d, 0.0, DofStatus::gimbal_lock, conf);
    out.gimbal_lock.set(index(d));
  }

  // Relative rotation (full) and relative distal axis, mirrored for the left side.
  static Eigen::Matrix3d rel(const SegmentState& p, const SegmentState& d, bool left) noexcept {
    return relative_rotation(p.r, d.r, left);
  }
  /// zxy_from_matrix(rel(p, d, left)) from the five entries it reads (`zxy_entries`).
  static Zxy zxy_rel(const SegmentState& p, const SegmentState& d, bool left, bool with_c = true) noexcept {
    const ZxyEntries e = zxy_entries(p.r, d.r, left);
    return zxy_from_entries(e.r01, e.r11, e.r20, e.r21, e.r22, with_c);
  }
  static Eigen::Vector3d rel_axis(const SegmentState& p, const SegmentState& d, bool left) noexcept {
    Eigen::Vector3d u = p.r.transpose() * d.r.col(1);
    if (left) u.z() = -u.z();
    return u;
  }

  void zxy_joint(Segment prox, Segment dist, bool left, const ZxyMap& m) noexcept {
    const auto& p = s(prox);
    const auto& d = s(dist);
    const double conf = std::min(p.confidence, d.confidence);
    DofStatus st_ab = combine(p.twist, d.axis);
    const DofStatus st_c = combine(p.twist, d.twist);
    if (!usable(st_ab)) {
      const DofStatus st_axes = combine(p.axis, d.axis);
      if (m.hinge_fallback && m.has_a && usable(st_axes)) {
        const double ang = p.hinge_sign * std::acos(std::clamp(p.r.col(1).dot(d.r.col(1)), -1.0, 1.0));
        put(m.a, ang, DofStatus::observed_with_assumption, conf);
      } else if (m.has_a) {
        put(m.a, 0.0, st_ab, conf);
      }
      if (m.has_b) put(m.b, 0.0, st_ab, conf);
      if (m.has_c) put(m.c, 0.0, usable(st_c) ? st_ab : st_c, conf);
      return;
    }
    Zxy z{};
    if (usable(st_c))
      z = zxy_rel(p, d, left, m.has_c);
    else
      z = zxy_from_axis(rel_axis(p, d, left));
    const bool locked = z.margin < opt.gimbal_lock_threshold_rad;
    if (m.has_b) put(m.b, m.sb * z.b, st_ab, conf);
    if (locked) {
      if (m.has_a) lock(m.a, conf);
      if (m.has_c) lock(m.c, conf);
      return;
    }
    if (m.has_a) put(m.a, m.sa * z.a, st_ab, conf);
    if (m.has_c) put(m.c, wrap_pi(m.sc * z.c - m.offset_c), st_c, conf);
  }

  /// Swing–twist ball joint about the distal Y axis (shoulder; hip on option).
  void swing_joint(Segment prox, Segment dist, bool left, DofId flex, DofId add, DofId rot, const DofId* horiz,
                   Eigen::Vector3d* isb) noexcept {
    const auto& p = s(prox);
    const auto& d = s(dist);
    const double conf = std::min(p.confidence, d.confidence);
    const DofStatus st_sw = combine(p.twist, d.axis);
    const DofStatus st_tw = combine(p.twist, d.twist);
    if (!usable(st_sw)) {
      put(flex, 0.0, st_sw, conf);
      put(add, 0.0, st_sw, conf);
      put(rot, 0.0, usable(st_tw) ? st_sw : st_tw, conf);
      if (horiz) put(*horiz, 0.0, st_sw, conf);
      return;
    }
    // With the full relative rotation known, the humerus/femur direction is its column Y (the same
    // numbers rel_axis gives: tests/kinematics_kernels_test.cpp), and the ISB plane of elevation and
    // elevation below are then the same atan2 and acos as pe and e: computed once.
    const bool full = usable(st_tw);
    const Eigen::Matrix3d r = full ? rel(p, d, left) : Eigen::Matrix3d();
    const Eigen::Vector3d dir = full ? Eigen::Vector3d(-r.col(1)) : Eigen::Vector3d(-rel_axis(p, d, left));
    const double e = std::acos(std::clamp(-dir.y(), -1.0, 1.0));
    const double se = std::hypot(dir.x(), dir.z());
    const double thr = opt.gimbal_lock_threshold_rad;
    if (e > pi - thr) {
      lock(flex, conf);
      lock(add, conf);
      lock(rot, conf);
      if (horiz) lock(*horiz, conf);
      return;
    }
    const double k = se > 1e-12 ? e / se : 1.0;  // e/sin(e) → 1 as e → 0
    put(flex, k * dir.x(), st_sw, conf);
    put(add, -k * dir.z(), st_sw, conf);
    const double pe = std::atan2(dir.x(), dir.z());
    const bool low = e < thr;
    if (horiz) {
      if (low)
        lock(*horiz, conf);
      else if (e < opt.horizontal_min_elevation_rad)
        put(*horiz, 0.0, DofStatus::unobservable, conf);
      else
        put(*horiz, pe, st_sw, conf);
    }
    if (full) {
      put(rot, twist_about_y(r), st_tw, conf);
      if (isb) {
        // yxy_from_matrix(r): elevation acos(R11) = e, plane atan2(−R01, −R21) = pe (dir = −R e_y)
        const double axial = std::atan2(-r(1, 0), r(1, 2));
        *isb =
            low ? Eigen::Vector3d(std::numeric_limits<double>::quiet_NaN(), e, std::numeric_limits<double>::quiet_NaN())
                : Eigen::Vector3d(pe, e, axial);
      }
    } else {
      put(rot, 0.0, st_tw, conf);
      if (isb)
        *isb = Eigen::Vector3d(low ? std::numeric_limits<double>::quiet_NaN() : pe, e,
                               std::numeric_limits<double>::quiet_NaN());
    }
  }

  void thoracolumbar_totals() noexcept {
    const auto& p = s(Segment::pelvis);
    const auto& t = s(Segment::thorax);
    const DofStatus st_ab = combine(p.twist, t.axis);
    const DofStatus st_c = combine(p.twist, t.twist);
    out.thoracolumbar_status = {st_ab, st_ab, st_c};
    if (!usable(st_ab)) return;
    const Zxy z = usable(st_c) ? zxy_rel(p, t, false) : zxy_from_axis(rel_axis(p, t, false));
    // A frame that degenerated into NaN is not an angle (Pose::set_thoracolumbar would throw,
    // and this function is noexcept): unknown with its reason, as put() does for single DoFs.
    if (!std::isfinite(z.a) || !std::isfinite(z.b) || (usable(st_c) && !std::isfinite(z.c))) {
      out.thoracolumbar_status = {DofStatus::degenerate_geometry, DofStatus::degenerate_geometry,
                                  DofStatus::degenerate_geometry};
      return;
    }
    out.pose.set_thoracolumbar(Axis::lateral_flexion, radians(z.b));
    if (z.margin < opt.gimbal_lock_threshold_rad) {
      out.thoracolumbar_status[0] = out.thoracolumbar_status[2] = DofStatus::gimbal_lock;
      return;
    }
    if (pelvis_tilt_unobservable)
      out.thoracolumbar_status[0] = DofStatus::unobservable;
    else
      out.pose.set_thoracolumbar(Axis::flexion_extension, radians(-z.a));
    if (usable(st_c)) out.pose.set_thoracolumbar(Axis::axial_rotation, radians(-z.c));
  }

  void run() {
    out.status.fill(DofStatus::missing_segment);
    out.confidence.fill(0.0);
    const JointPlan& plan = joint_plan(opt.hip);
    for (std::size_t k = 0; k < plan.count; ++k) {
      const PlannedJoint& j = plan.joints[k];
      if (j.swing)
        swing_joint(j.prox, j.dist, j.left, j.flex, j.add, j.axial, j.shoulder ? &j.horiz : nullptr,
                    j.shoulder ? &out.shoulder_isb[j.left ? 0 : 1] : nullptr);
      else
        zxy_joint(j.prox, j.dist, j.left, zxy_map(j, opt));
      if (k + 1 != JointPlan::spine) continue;
      // after the spine: what keypoint layouts cannot see, and the totals without the abdomen
      if (pelvis_tilt_unobservable) {
        for (DofId d : {DofId::lumbar_flexion_extension, DofId::thoracic_flexion_extension})
          if (out.pose.observed(d)) out.pose.clear(d), out.status[index(d)] = DofStatus::unobservable;
      }
      if (!usable(s(Segment::abdomen).twist)) thoracolumbar_totals();
    }
  }
};

}  // namespace detail

}  // namespace arthrokin
