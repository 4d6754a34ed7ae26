/// @file joint_angles.hpp
/// @brief Segment orientations → joint angles: the ISB Cardan sequence of each
///        joint (conventions.md §5), arthrokin's sign table (dof.hpp), the left
///        side mirrored in one place (conventions.md §6). Header-only, no
///        allocation per frame.
///
/// Relative rotation of a joint: R = R_global_proximal^T R_global_distal; for a
/// left joint R' = M R M with M = diag(1, 1, -1) (`detail::mirror_sagittal`),
/// then the right-side formulas below. Intrinsic Z-X-Y: R = Rz(a) Rx(b) Ry(c).
///
/// | joint (proximal → distal)      | sequence | DoFs (arthrokin sign)                                     |
/// |--------------------------------|----------|-----------------------------------------------------------|
/// | hip (pelvis → thigh)           | Z-X-Y    | flexion = a, adduction = b, internal rotation = c          |
/// | knee (thigh → shank)           | Z-X-Y    | flexion = −a, internal rotation = c (b, varus/valgus, not a DoF) |
/// | ankle (shank → foot)           | Z-X-Y    | dorsiflexion = a, subtalar inversion = b (c not a DoF)     |
/// | lumbar (pelvis → abdomen), thoracic (abdomen → thorax), cervical (thorax → head) | Z-X-Y | flexion = −a, lateral
/// flexion to the right = b, axial rotation to the right = −c | | elbow/forearm (upper arm → forearm) | Z-X-Y | flexion
/// = a, pronation = c − s_mid (b, carrying angle, not a DoF) | | wrist (forearm → hand)         | Z-X-Y    | flexion =
/// a, ulnar deviation = b (c not a DoF)             | | shoulder (thorax → upper arm)  | Y-X-Y    | see below |
///
/// Shoulder. ISB Y-X-Y: R = Ry(pe) Rx(−e) Ry(ar), elevation e ∈ [0, π], plane of
/// elevation pe (0 = frontal plane, abduction; +90° = sagittal, forward),
/// axial rotation ar (internal +). The humerus points along
/// d = −R e_y = (sin e sin pe, −cos e, sin e cos pe) in the thorax frame. The
/// clinical DoFs are the swing–twist decomposition of R about the humeral
/// long axis, which in Y-X-Y angles reads:
///   flexion            = e · sin(pe)     (Z component of the swing rotation vector)
///   adduction          = −e · cos(pe)    (X component of the swing rotation vector)
///   internal rotation  = pe + ar         (the twist about the humerus Y; wrapped to (−π, π])
///   horizontal adduction = pe            (only when e is away from 0 and π)
/// A pure sagittal raise by θ gives flexion θ (any θ up to 180°), a pure
/// frontal raise by θ gives adduction −θ (abduction θ); flexion² + adduction²
/// = elevation². The twist pe + ar is the quantity that stays defined when the
/// arm hangs (e → 0, where pe and ar alone are not): rotation is measured from
/// the orientation reached by the shortest swing from the hanging arm.
/// Gimbal lock: when e < threshold, pe (so horizontal ab/adduction and the
/// ISB pe/ar split) is unknown and flagged; when e > π − threshold every
/// shoulder DoF is unknown and flagged.
///
/// Forearm zero: ISB axial 0 = full supination (palm forward, anatomical
/// position); clinical 0 = mid-position. p_clinical = p_ISB − s_mid with
/// s_mid = `JointAngleOptions::forearm_mid_position_rad`, default 80°: the
/// supination norm of AAOS 1994 (rom_norms.csv, forearm supination 80,
/// AAOS94). Anatomical position therefore reads as 80° supination.
#pragma once

#include <arthrokin/angle.hpp>
#include <arthrokin/detail/kinematics_kernels.hpp>
#include <arthrokin/dof.hpp>
#include <arthrokin/pose.hpp>
#include <arthrokin/segment.hpp>

#include <array>
#include <bitset>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

namespace arthrokin {

/// Decomposition used for a ball joint's clinical DoFs.
enum class BallJointDecomposition : std::uint8_t {
  cardan,       ///< the ISB Cardan sequence of the joint (hip: Z-X-Y)
  swing_twist,  ///< flexion/adduction = components of the swing rotation vector, rotation = twist about the long axis
};

/// Options of `joint_angles`.
struct JointAngleOptions {
  /// s_mid: ISB forearm angle of the mid-position (thumb up), radians;
  /// p_clinical = p_ISB − s_mid. Default 80° = AAOS 1994 supination norm (rom_norms.csv).
  double forearm_mid_position_rad = deg_to_rad(80.0);
  /// A Cardan second angle closer than this to its singularity (Z-X-Y: |b| = 90°;
  /// shoulder: elevation 0 or 180°) flags gimbal lock; the undetermined angles are unknown.
  double gimbal_lock_threshold_rad = deg_to_rad(10.0);
  /// Hip: Cardan Z-X-Y (ISB, default) or swing–twist. The shoulder always uses swing–twist
  /// for its clinical DoFs (see the file comment); its ISB Y-X-Y angles are in `shoulder_isb`.
  BallJointDecomposition hip = BallJointDecomposition::cardan;
  /// Shoulder horizontal abduction/adduction is a motion of the elevated arm (measured
  /// clinically at 90° of abduction, ACSM/AAOS); below this elevation it is reported
  /// unobservable instead of as a plane-of-elevation angle that swings wildly near
  /// the hanging arm. 45° is arthrokin's choice (no source gives a cut-off).
  double horizontal_min_elevation_rad = deg_to_rad(45.0);
};

/// Why a DoF is (or is not) in the pose.
enum class DofStatus : std::uint8_t {
  observed,                  ///< computed from the data
  observed_with_assumption,  ///< computed, but relies on a documented assumption (see docs/kinematics.md)
  missing_segment,           ///< a segment (or keypoint) it needs is missing / NaN
  low_confidence,            ///< a keypoint it needs is below the visibility threshold
  degenerate_geometry,       ///< coincident or collinear points: the frame is undetermined
  unobservable,              ///< the input cannot determine it (e.g. forearm rotation from wrist and elbow only)
  gimbal_lock,               ///< near a Cardan singularity: undetermined
  ill_conditioned,           ///< the input's rounding error is too large for it (keypoints far from their origin)
  invalid_rotation,  ///< a segment rotation that is not one: zero or infinite quaternion, non-orthonormal matrix
};
[[nodiscard]] constexpr std::string_view to_string(DofStatus s) noexcept {
  constexpr std::array<std::string_view, 9> n{"observed",       "observed_with_assumption", "missing_segment",
                                              "low_confidence", "degenerate_geometry",      "unobservable",
                                              "gimbal_lock",    "ill_conditioned",          "invalid_rotation"};
  return n[static_cast<std::size_t>(s)];
}
[[nodiscard]] constexpr bool usable(DofStatus s) noexcept {
  return s == DofStatus::observed || s == DofStatus::observed_with_assumption;
}

/// Result of `joint_angles`.
struct JointAngles {
  Pose pose;                                   ///< observed DoFs; unknown (never zero) otherwise
  std::bitset<dof_count> gimbal_lock{};        ///< DoFs flagged as near a Cardan singularity
  std::array<DofStatus, dof_count> status{};   ///< per DoF: observed, or why not
  std::array<double, dof_count> confidence{};  ///< per DoF in [0, 1] (1 for rotations; keypoint visibility otherwise)
  /// Status of the thoracolumbar totals (flexion, lateral flexion, axial rotation) set with
  /// `Pose::set_thoracolumbar` when the abdomen is unknown.
  std::array<DofStatus, 3> thoracolumbar_status{DofStatus::missing_segment, DofStatus::missing_segment,
                                                DofStatus::missing_segment};
  /// ISB Y-X-Y shoulder angles (plane of elevation, elevation, axial rotation), radians,
  /// index 0 = left (after mirroring), 1 = right; NaN where undetermined.
  std::array<Eigen::Vector3d, 2> shoulder_isb{Eigen::Vector3d::Constant(std::numeric_limits<double>::quiet_NaN()),
                                              Eigen::Vector3d::Constant(std::numeric_limits<double>::quiet_NaN())};
};

namespace detail {

/// What is known of one segment's global frame: its long axis (Y) and/or its twist about it.
struct SegmentState {
  Eigen::Matrix3d r = Eigen::Matrix3d::Identity();  ///< R_global_segment (columns X, Y, Z)
  DofStatus axis = DofStatus::missing_segment;      ///< status of the Y axis (column 1)
  DofStatus twist = DofStatus::missing_segment;     ///< status of the full frame
  double confidence = 1.0;
};
using SegmentStates = std::array<SegmentState, segment_count>;

[[nodiscard]] constexpr DofStatus combine(DofStatus a, DofStatus b) noexcept {
  if (!usable(a)) return a;
  if (!usable(b)) return b;
  return (a == DofStatus::observed_with_assumption || b == DofStatus::observed_with_assumption)
             ? DofStatus::observed_with_assumption
             : DofStatus::observed;
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
      out.pose.set(d, radians(rad));
    else if (usable(st))
      out.status[i] = DofStatus::degenerate_geometry;
  }
  void lock(DofId d, double conf) noexcept {
    put(d, 0.0, DofStatus::gimbal_lock, conf);
    out.gimbal_lock.set(index(d));
  }

  // Relative rotation (full) and relative distal axis, mirrored for the left side.
  static Eigen::Matrix3d rel(const SegmentState& p, const SegmentState& d, bool left) noexcept {
    const Eigen::Matrix3d r = p.r.transpose() * d.r;
    return left ? mirror_sagittal(r) : r;
  }
  static Eigen::Vector3d rel_axis(const SegmentState& p, const SegmentState& d, bool left) noexcept {
    Eigen::Vector3d u = p.r.transpose() * d.r.col(1);
    if (left) u.z() = -u.z();
    return u;
  }

  /// Generic Z-X-Y joint. Each of ids may be absent (nullptr semantic via `has`).
  struct ZxyMap {
    bool has_a = false, has_b = false, has_c = false;
    DofId a{}, b{}, c{};  ///< read only where `has_` is set
    double sa = 1.0, sb = 1.0, sc = 1.0;
    double offset_c = 0.0;
    bool hinge_fallback = false;  ///< flexion from the angle between the long axes when the proximal twist is unknown
  };
  void zxy_joint(Segment prox, Segment dist, bool left, const ZxyMap& m) noexcept {
    const auto& p = s(prox);
    const auto& d = s(dist);
    const double conf = std::min(p.confidence, d.confidence);
    DofStatus st_ab = combine(p.twist, d.axis);
    const DofStatus st_c = combine(p.twist, d.twist);
    if (!usable(st_ab)) {
      const DofStatus st_axes = combine(p.axis, d.axis);
      if (m.hinge_fallback && m.has_a && usable(st_axes)) {
        const double ang = std::acos(std::clamp(p.r.col(1).dot(d.r.col(1)), -1.0, 1.0));
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
      z = zxy_from_matrix(rel(p, d, left));
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
    const Eigen::Vector3d dir = -rel_axis(p, d, left);  // humerus/femur direction, distal
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
    if (usable(st_tw)) {
      const Eigen::Matrix3d r = rel(p, d, left);
      const double tw = swing_twist(r).twist;
      put(rot, tw, st_tw, conf);
      if (isb) {
        const Yxy y = yxy_from_matrix(r);
        *isb = low ? Eigen::Vector3d(std::numeric_limits<double>::quiet_NaN(), y.elevation,
                                     std::numeric_limits<double>::quiet_NaN())
                   : Eigen::Vector3d(y.plane, y.elevation, y.axial);
      }
    } else {
      put(rot, 0.0, st_tw, conf);
      if (isb)
        *isb = Eigen::Vector3d(low ? std::numeric_limits<double>::quiet_NaN() : pe, e,
                               std::numeric_limits<double>::quiet_NaN());
    }
  }

  void spine(Segment lower, Segment upper, DofId first) noexcept {
    const auto dof = [&](Axis a) { return *find_dof(joint_of(first), a, Side::none); };
    zxy_joint(lower, upper, false,
              {.has_a = true,
               .has_b = true,
               .has_c = true,
               .a = first,
               .b = dof(Axis::lateral_flexion),
               .c = dof(Axis::axial_rotation),
               .sa = -1.0,
               .sc = -1.0});
  }

  void thoracolumbar_totals() noexcept {
    const auto& p = s(Segment::pelvis);
    const auto& t = s(Segment::thorax);
    const DofStatus st_ab = combine(p.twist, t.axis);
    const DofStatus st_c = combine(p.twist, t.twist);
    out.thoracolumbar_status = {st_ab, st_ab, st_c};
    if (!usable(st_ab)) return;
    const Zxy z = usable(st_c) ? zxy_from_matrix(rel(p, t, false)) : zxy_from_axis(rel_axis(p, t, false));
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
    using S = Segment;
    using D = DofId;
    out.status.fill(DofStatus::missing_segment);
    out.confidence.fill(0.0);
    // spine
    spine(S::pelvis, S::abdomen, D::lumbar_flexion_extension);
    spine(S::abdomen, S::thorax, D::thoracic_flexion_extension);
    spine(S::thorax, S::head, D::cervical_flexion_extension);
    if (pelvis_tilt_unobservable) {
      for (D d : {D::lumbar_flexion_extension, D::thoracic_flexion_extension})
        if (out.pose.observed(d)) out.pose.clear(d), out.status[index(d)] = DofStatus::unobservable;
    }
    if (!usable(s(S::abdomen).twist)) thoracolumbar_totals();
    // limbs
    for (const bool left : {true, false}) {
      const auto sd = [&](DofId right_id) { return left ? mirror(right_id) : right_id; };
      const S thorax = S::thorax, pelvis = S::pelvis;
      const S ua = left ? S::left_upper_arm : S::right_upper_arm;
      const S fa = left ? S::left_forearm : S::right_forearm;
      const S hand = left ? S::left_hand : S::right_hand;
      const S thigh = left ? S::left_thigh : S::right_thigh;
      const S shank = left ? S::left_shank : S::right_shank;
      const S foot = left ? S::left_foot : S::right_foot;
      const D horiz = sd(D::right_shoulder_horizontal_abduction_adduction);
      swing_joint(thorax, ua, left, sd(D::right_shoulder_flexion_extension), sd(D::right_shoulder_abduction_adduction),
                  sd(D::right_shoulder_internal_external_rotation), &horiz, &out.shoulder_isb[left ? 0 : 1]);
      zxy_joint(ua, fa, left,
                {.has_a = true,
                 .has_c = true,
                 .a = sd(D::right_elbow_flexion_extension),
                 .c = sd(D::right_forearm_pronation_supination),
                 .offset_c = opt.forearm_mid_position_rad,
                 .hinge_fallback = true});
      zxy_joint(fa, hand, left,
                {.has_a = true,
                 .has_b = true,
                 .a = sd(D::right_wrist_flexion_extension),
                 .b = sd(D::right_wrist_radial_ulnar_deviation)});
      if (opt.hip == BallJointDecomposition::swing_twist)
        swing_joint(pelvis, thigh, left, sd(D::right_hip_flexion_extension), sd(D::right_hip_abduction_adduction),
                    sd(D::right_hip_internal_external_rotation), nullptr, nullptr);
      else
        zxy_joint(pelvis, thigh, left,
                  {.has_a = true,
                   .has_b = true,
                   .has_c = true,
                   .a = sd(D::right_hip_flexion_extension),
                   .b = sd(D::right_hip_abduction_adduction),
                   .c = sd(D::right_hip_internal_external_rotation)});
      zxy_joint(thigh, shank, left,
                {.has_a = true,
                 .has_c = true,
                 .a = sd(D::right_knee_flexion_extension),
                 .c = sd(D::right_knee_internal_external_rotation),
                 .sa = -1.0,
                 .hinge_fallback = true});
      zxy_joint(shank, foot, left,
                {.has_a = true,
                 .has_b = true,
                 .a = sd(D::right_ankle_dorsiflexion_plantarflexion),
                 .b = sd(D::right_subtalar_inversion_eversion)});
    }
  }
};

}  // namespace detail

/// Joint angles of every joint whose segments are known.
/// @param segments global orientation of each segment's anatomical frame (segment.hpp).
///                 A quaternion with a NaN coefficient is a missing segment (`missing_segment`);
///                 a zero quaternion or one with an infinite coefficient is not a rotation
///                 (`invalid_rotation`); any other quaternion q, whatever its norm, is the
///                 rotation of q/|q| (normalised without overflow or underflow: q and λq
///                 describe the same rotation v ↦ q v q⁻¹).
/// @param options  forearm zero, gimbal-lock threshold, hip decomposition.
/// No heap allocation.
[[nodiscard]] inline JointAngles joint_angles(const SegmentOrientations& segments,
                                              const JointAngleOptions& options = {}) {
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

/// Keeps angles continuous over a stream: each observed DoF is moved by 2πk to
/// the value nearest its last observed value (so a rotation passing ±180°
/// does not jump by 360°). Unknown DoFs stay unknown and keep the last value
/// for the next frame. No allocation.
class AngleUnwrapper {
 public:
  /// Unwrap `angles` in place against the previous frames, then remember it.
  void operator()(JointAngles& angles) {
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
  void reset() noexcept { has_.reset(), tl_has_.reset(); }

 private:
  PoseVector last_ = PoseVector::Zero();
  std::bitset<dof_count> has_;
  Eigen::Vector3d tl_last_ = Eigen::Vector3d::Zero();
  std::bitset<3> tl_has_;
};

}  // namespace arthrokin
