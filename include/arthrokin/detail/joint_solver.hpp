/// @file joint_solver.hpp
/// @brief The joint-angle solver shared by `joint_angles` and `keypoint_angles`:
///        what is known of each segment frame, and the Cardan / swing–twist
///        decomposition of every joint (joint_angles.hpp has the table). Included
///        only by detail/*-inl.hpp files: compiled into the library, or inline in
///        header-only mode (config.hpp).
#pragma once

#include <arthrokin/detail/fast_trig.hpp>
#include <arthrokin/detail/kinematics_kernels.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <tuple>
#include <type_traits>

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

/// The trigonometry of one `Solver` pass. With libm (`Fast` false, the default) each value is
/// computed when it is asked for. With `JointAngleOptions::fast_trig` the arguments are kept, and
/// `evaluate` computes them four at a time with fast_trig.hpp's four-lane atan2
/// (`fast_atan2_groups`: its AVX2 copy where the CPU has it) once the pass has asked for them all;
/// asin and acos are atan2 of the value and `cos_of_asin`, as in the batch kernel. A request
/// returns the slot its value will be read from.
template <bool Fast>
class TrigSlots {
 public:
  /// Four per joint (a swing joint's elevation, plane, twist and ISB axial rotation), the
  /// thoracolumbar totals' three, rounded up to whole groups of four.
  static constexpr std::size_t capacity = 64;
  static_assert(4 * std::tuple_size_v<decltype(JointPlan{}.joints)> + 3 <= capacity);
  static constexpr std::uint8_t none = 0xff;  ///< no value asked for (reads as NaN)

  std::uint8_t atan2(double y, double x) noexcept {
    if constexpr (Fast)
      y_[n_] = y, x_[n_] = x;
    else
      v_[n_] = std::atan2(y, x);
    return static_cast<std::uint8_t>(n_++);
  }
  /// asin(s), s in [−1, 1] (the callers clamp)
  std::uint8_t asin(double s) noexcept {
    if constexpr (Fast) return atan2(s, cos_of_asin(s));
    v_[n_] = std::asin(s);
    return static_cast<std::uint8_t>(n_++);
  }
  /// acos(c), c in [−1, 1]
  std::uint8_t acos(double c) noexcept {
    if constexpr (Fast) return atan2(cos_of_asin(c), c);
    v_[n_] = std::acos(c);
    return static_cast<std::uint8_t>(n_++);
  }
  /// The fast values of every slot asked for (nothing to do with libm).
  void evaluate() noexcept {
    if constexpr (Fast) {
      for (std::size_t i = n_; i % 4 != 0; ++i) y_[i] = 0.0, x_[i] = 1.0;
      fast_atan2_groups(y_.data(), x_.data(), v_.data(), (n_ + 3) / 4 * 4);
    }
  }
  [[nodiscard]] double operator[](std::uint8_t slot) const noexcept {
    return slot == none ? std::numeric_limits<double>::quiet_NaN() : v_[slot];
  }

 private:
  std::size_t n_ = 0;
  struct Empty {};
  [[no_unique_address]] std::conditional_t<Fast, std::array<double, capacity>, Empty> y_, x_;
  std::array<double, capacity> v_;
};

/// The joint angles of known segment frames. Per joint, `ask` takes the relative rotation (or
/// axis) and asks `TrigSlots` for its angles, and `finish` makes the decisions (gimbal lock, the
/// horizontal-abduction cut-off, ±π) and writes the DoFs. With libm (the default) each joint is
/// asked and finished in turn, in the operations of one pass. With `fast_trig` (`Fast`) every
/// joint is asked first, the values are computed four at a time, then every joint is finished:
/// the angles are within `fast_trig_bound_rad` of libm's, and `run` returns false when an angle
/// lies that close to one of the decisions (the caller then runs the libm solver: `solve`).
template <bool Fast = false>
struct Solver {
  const SegmentStates& seg;
  const JointAngleOptions& opt;
  JointAngles& out;
  bool pelvis_tilt_unobservable = false;  ///< keypoint layouts whose pelvis frame leans on the trunk line

  Solver(const SegmentStates& segments, const JointAngleOptions& options, JointAngles& angles,
         bool tilt_unobservable = false) noexcept
      : seg(segments), opt(options), out(angles), pelvis_tilt_unobservable(tilt_unobservable) {}

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
  static Eigen::Vector3d rel_axis(const SegmentState& p, const SegmentState& d, bool left) noexcept {
    Eigen::Vector3d u = p.r.transpose() * d.r.col(1);
    if (left) u.z() = -u.z();
    return u;
  }

  /// What `ask` leaves for `finish`: the statuses, and the slots of the angles.
  struct Work {
    static constexpr std::uint8_t none = TrigSlots<Fast>::none;
    DofStatus st1{}, st2{};  ///< Z-X-Y: the a/b and the c status; swing: the swing's and the twist's
    double conf;
    bool hinge = false;  ///< Z-X-Y: flexion from the angle between the long axes (slot a)
    bool full = false;   ///< swing: the whole relative rotation known
    std::uint8_t a = none, b = none, c = none, d = none;
    double dir_x, dir_z, se;  ///< swing (set where usable): the distal axis' x and z, and √(x² + z²)
  };
  TrigSlots<Fast> trig;
  bool near_decision = false;  ///< Fast: an angle within `fast_trig_bound_rad` of a decision

  /// Fast: note an angle v that close to a decision t (libm could fall on its other side).
  void guard(double v, double t) noexcept {
    if constexpr (Fast)
      if (std::abs(v - t) <= fast_trig_bound_rad) near_decision = true;
  }

  /// The Z-X-Y angles of rel(p, d, left) (a, b and, where `with_c`, c; zxy_from_entries), or of
  /// the distal axis alone (a, b; zxy_from_axis).
  void ask_zxy(const SegmentState& p, const SegmentState& d, bool left, bool full, bool with_c, Work& w) noexcept {
    if (full) {
      const ZxyEntries e = zxy_entries(p.r, d.r, left);
      w.b = trig.asin(std::clamp(e.r21, -1.0, 1.0));
      w.a = trig.atan2(-e.r01, e.r11);
      if (with_c) w.c = trig.atan2(-e.r20, e.r22);
    } else {
      const Eigen::Vector3d u = rel_axis(p, d, left);
      w.b = trig.asin(std::clamp(u.z(), -1.0, 1.0));
      w.a = trig.atan2(-u.x(), u.y());
    }
  }

  void ask_zxy_joint(Segment prox, Segment dist, bool left, const ZxyMap& m, Work& w) noexcept {
    const auto& p = s(prox);
    const auto& d = s(dist);
    w.conf = std::min(p.confidence, d.confidence);
    w.st1 = combine(p.twist, d.axis);
    w.st2 = combine(p.twist, d.twist);
    if (!usable(w.st1)) {
      w.hinge = m.hinge_fallback && m.has_a && usable(combine(p.axis, d.axis));
      if (w.hinge) w.a = trig.acos(std::clamp(p.r.col(1).dot(d.r.col(1)), -1.0, 1.0));
      return;
    }
    ask_zxy(p, d, left, usable(w.st2), m.has_c, w);
  }
  void finish_zxy_joint(Segment prox, const ZxyMap& m, const Work& w) noexcept {
    const DofStatus st_ab = w.st1, st_c = w.st2;
    const double conf = w.conf;
    if (!usable(st_ab)) {
      if (w.hinge) {
        put(m.a, s(prox).hinge_sign * trig[w.a], DofStatus::observed_with_assumption, conf);
      } else if (m.has_a) {
        put(m.a, 0.0, st_ab, conf);
      }
      if (m.has_b) put(m.b, 0.0, st_ab, conf);
      if (m.has_c) put(m.c, 0.0, usable(st_c) ? st_ab : st_c, conf);
      return;
    }
    const double b = trig[w.b], margin = pi / 2 - std::abs(b);
    guard(margin, opt.gimbal_lock_threshold_rad);
    const bool locked = margin < opt.gimbal_lock_threshold_rad;
    if (m.has_b) put(m.b, m.sb * b, st_ab, conf);
    if (locked) {
      if (m.has_a) lock(m.a, conf);
      if (m.has_c) lock(m.c, conf);
      return;
    }
    if (m.has_a) put(m.a, m.sa * trig[w.a], st_ab, conf);
    if (m.has_c) {
      const double c = m.sc * trig[w.c] - m.offset_c;
      guard(std::abs(c), pi);  // where wrap_pi turns
      put(m.c, wrap_pi(c), st_c, conf);
    }
  }

  /// Swing–twist ball joint about the distal Y axis (shoulder; hip on option). With the full
  /// relative rotation known, the humerus/femur direction is its column Y (the same numbers
  /// rel_axis gives: tests/kinematics_kernels_test.cpp), and the ISB plane of elevation and
  /// elevation are then the same atan2 and acos as pe and e: computed once.
  void ask_swing_joint(Segment prox, Segment dist, bool left, bool isb, Work& w) noexcept {
    const auto& p = s(prox);
    const auto& d = s(dist);
    w.conf = std::min(p.confidence, d.confidence);
    w.st1 = combine(p.twist, d.axis);
    w.st2 = combine(p.twist, d.twist);
    if (!usable(w.st1)) return;
    w.full = usable(w.st2);
    const Eigen::Matrix3d r = w.full ? rel(p, d, left) : Eigen::Matrix3d();
    const Eigen::Vector3d dir = w.full ? Eigen::Vector3d(-r.col(1)) : Eigen::Vector3d(-rel_axis(p, d, left));
    w.a = trig.acos(std::clamp(-dir.y(), -1.0, 1.0));  // elevation e
    if constexpr (Fast)
      w.se = fast_swing_norm(dir.x(), dir.z(), near_decision);
    else
      w.se = std::hypot(dir.x(), dir.z());
    w.dir_x = dir.x(), w.dir_z = dir.z();
    w.b = trig.atan2(dir.x(), dir.z());  // plane of elevation pe
    if (!w.full) return;
    // twist_about_y(r): twice the half angle, 0 where the twist is undetermined (no slot)
    if (double qy, qw; twist_half_angle_args(r, qy, qw)) w.c = trig.atan2(qy, qw);
    // yxy_from_matrix(r): elevation acos(R11) = e, plane atan2(−R01, −R21) = pe (dir = −R e_y)
    if (isb) w.d = trig.atan2(-r(1, 0), r(1, 2));
  }
  void finish_swing_joint(DofId flex, DofId add, DofId rot, const DofId* horiz, Eigen::Vector3d* isb,
                          const Work& w) noexcept {
    const DofStatus st_sw = w.st1, st_tw = w.st2;
    const double conf = w.conf;
    if (!usable(st_sw)) {
      put(flex, 0.0, st_sw, conf);
      put(add, 0.0, st_sw, conf);
      put(rot, 0.0, usable(st_tw) ? st_sw : st_tw, conf);
      if (horiz) put(*horiz, 0.0, st_sw, conf);
      return;
    }
    const double e = trig[w.a];
    const double thr = opt.gimbal_lock_threshold_rad;
    guard(e, pi - thr);
    guard(e, thr);
    if (horiz) guard(e, opt.horizontal_min_elevation_rad);
    if (e > pi - thr) {
      lock(flex, conf);
      lock(add, conf);
      lock(rot, conf);
      if (horiz) lock(*horiz, conf);
      return;
    }
    const double k = w.se > 1e-12 ? e / w.se : 1.0;  // e/sin(e) → 1 as e → 0
    put(flex, k * w.dir_x, st_sw, conf);
    put(add, -k * w.dir_z, st_sw, conf);
    const double pe = trig[w.b];
    const bool low = e < thr;
    if (horiz) {
      if (low)
        lock(*horiz, conf);
      else if (e < opt.horizontal_min_elevation_rad)
        put(*horiz, 0.0, DofStatus::unobservable, conf);
      else
        put(*horiz, pe, st_sw, conf);
    }
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    if (w.full) {
      const double twist = w.c == Work::none ? 0.0 : 2.0 * trig[w.c];
      guard(std::abs(twist), pi);  // where wrap_pi turns
      put(rot, wrap_pi(twist), st_tw, conf);
      if (isb) *isb = low ? Eigen::Vector3d(nan, e, nan) : Eigen::Vector3d(pe, e, trig[w.d]);
    } else {
      put(rot, 0.0, st_tw, conf);
      if (isb) *isb = Eigen::Vector3d(low ? nan : pe, e, nan);
    }
  }

  void ask_thoracolumbar_totals(Work& w) noexcept {
    const auto& p = s(Segment::pelvis);
    const auto& t = s(Segment::thorax);
    w.st1 = combine(p.twist, t.axis);
    w.st2 = combine(p.twist, t.twist);
    if (usable(w.st1)) ask_zxy(p, t, false, usable(w.st2), true, w);
  }
  void finish_thoracolumbar_totals(const Work& w) noexcept {
    const DofStatus st_ab = w.st1, st_c = w.st2;
    out.thoracolumbar_status = {st_ab, st_ab, st_c};
    if (!usable(st_ab)) return;
    const double a = trig[w.a], b = trig[w.b], c = trig[w.c], margin = pi / 2 - std::abs(b);
    // A frame that degenerated into NaN is not an angle (Pose::set_thoracolumbar would throw,
    // and this function is noexcept): unknown with its reason, as put() does for single DoFs.
    if (!std::isfinite(a) || !std::isfinite(b) || (usable(st_c) && !std::isfinite(c))) {
      out.thoracolumbar_status = {DofStatus::degenerate_geometry, DofStatus::degenerate_geometry,
                                  DofStatus::degenerate_geometry};
      return;
    }
    out.pose.set_thoracolumbar(Axis::lateral_flexion, radians(b));
    guard(margin, opt.gimbal_lock_threshold_rad);
    if (margin < opt.gimbal_lock_threshold_rad) {
      out.thoracolumbar_status[0] = out.thoracolumbar_status[2] = DofStatus::gimbal_lock;
      return;
    }
    if (pelvis_tilt_unobservable)
      out.thoracolumbar_status[0] = DofStatus::unobservable;
    else
      out.pose.set_thoracolumbar(Axis::flexion_extension, radians(-a));
    if (usable(st_c)) out.pose.set_thoracolumbar(Axis::axial_rotation, radians(-c));
  }

  /// The angles into `out` (a default `JointAngles`), once. Fast: false when an angle lay within
  /// `fast_trig_bound_rad` of a decision (out is then incomplete: run the libm solver).
  [[nodiscard]] bool run() noexcept {
    out.status.fill(DofStatus::missing_segment);
    out.confidence.fill(0.0);
    const JointPlan& plan = joint_plan(opt.hip);
    std::array<Work, std::tuple_size_v<decltype(plan.joints)>> work;
    Work totals;
    const bool with_totals = !usable(s(Segment::abdomen).twist);
    const auto ask = [&](std::size_t k) {
      const PlannedJoint& j = plan.joints[k];
      if (j.swing)
        ask_swing_joint(j.prox, j.dist, j.left, j.shoulder, work[k]);
      else
        ask_zxy_joint(j.prox, j.dist, j.left, j.m, work[k]);  // the offset is for finish
      if (k + 1 == JointPlan::spine && with_totals) ask_thoracolumbar_totals(totals);
    };
    if constexpr (Fast) {  // every value asked for, then computed four at a time
      for (std::size_t k = 0; k < plan.count; ++k) ask(k);
      trig.evaluate();
    }
    for (std::size_t k = 0; k < plan.count; ++k) {
      if constexpr (!Fast) ask(k);  // libm: each joint's values are there when asked for
      const PlannedJoint& j = plan.joints[k];
      if (j.swing)
        finish_swing_joint(j.flex, j.add, j.axial, j.shoulder ? &j.horiz : nullptr,
                           j.shoulder ? &out.shoulder_isb[j.left ? 0 : 1] : nullptr, work[k]);
      else
        finish_zxy_joint(j.prox, zxy_map(j, opt), work[k]);
      if (k + 1 != JointPlan::spine) continue;
      // after the spine: what keypoint layouts cannot see, and the totals without the abdomen
      if (pelvis_tilt_unobservable) {
        for (DofId d : {DofId::lumbar_flexion_extension, DofId::thoracic_flexion_extension})
          if (out.pose.observed(d)) out.pose.clear(d), out.status[index(d)] = DofStatus::unobservable;
      }
      if (with_totals) finish_thoracolumbar_totals(totals);
    }
    return !near_decision;
  }
};

/// The angles of known segment frames (`Solver`): with `JointAngleOptions::fast_trig` the fast
/// trigonometry, and libm for a frame with an angle within `fast_trig_bound_rad` of a decision or
/// a forearm offset outside ±π (as in the batch kernel: c − offset would round at the offset's
/// ulp, and wrap_pi turn at ±3π, ±5π …, where the guard does not look).
[[nodiscard]] inline JointAngles solve(const SegmentStates& seg, const JointAngleOptions& opt,
                                       bool pelvis_tilt_unobservable = false) noexcept {
  JointAngles out;
  if (opt.fast_trig && std::abs(opt.forearm_mid_position_rad) <= pi) {
    if (Solver<true>{seg, opt, out, pelvis_tilt_unobservable}.run()) return out;
    out = JointAngles{};
  }
  (void)Solver<false>{seg, opt, out, pelvis_tilt_unobservable}.run();  // always complete
  return out;
}

}  // namespace detail

}  // namespace arthrokin
