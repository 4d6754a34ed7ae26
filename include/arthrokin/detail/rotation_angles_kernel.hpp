/// @file rotation_angles_kernel.hpp
/// @brief `joint_angles_batch`'s straight-line paths for clean frames: the 16 segment
///        quaternions all finite and non-zero, the case of every mocap and IMU frame. They
///        compute what `joint_angles` (the `Solver` of joint_solver.hpp) computes when every
///        segment is observed, with the same expressions in the same order, without the
///        per-DoF statuses, confidences and `Pose` writes the batch does not return, and
///        without the shoulders' ISB angles. The solver's plan (`JointPlan`, joint_solver.hpp:
///        the joints, their DoFs and decompositions, in its order) drives the executors:
///        - `clean_frame_angles`, one frame with libm (frame_rotations, then
///          angles_from_rotations): equal to `joint_angles` bit for bit
///          (tests/rotation_kernel_test.cpp);
///        - `clean_block_angles`, four frames: their rotations lane by lane
///          (`rotations_block`, bit for bit frame_rotations'), then angles_from_rotations: the
///          default path of the batch, the same bits;
///        - `fast_block_angles`, four frames with fast_trig.hpp's four-lane atan2
///          (`JointAngleOptions::fast_trig`): the arguments of every atan2, asin and acos of
///          the four frames first, then one vector call per slot, then the decisions. Its
///          angles are within `fast_trig_bound_rad` of the libm ones, and a frame with an
///          angle that close to one of the kernel's own decisions (a gimbal-lock threshold,
///          the horizontal-abduction cut-off, ±π where an angle wraps, the swing's 1e-12 cut-off)
///          is handed back to the libm path, so that no unknown differs; so is every frame when
///          the forearm offset lies outside ±π.
///        The block paths (rotation_block_kernel.hpp) are compiled once for the build's
///        baseline and, on an x86-64 baseline build with GCC or Clang, once more for AVX2,
///        chosen at run time (`ARTHROKIN_BATCH_NO_DISPATCH` keeps the baseline alone).
///        Included only by detail/batch-inl.hpp (and the tests).
#pragma once

#include <arthrokin/detail/avx2_copy.hpp>
#include <arthrokin/detail/fast_trig.hpp>
#include <arthrokin/detail/joint_solver.hpp>
#include <arthrokin/detail/kinematics_kernels.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>

#if defined(__aarch64__) && defined(__ARM_NEON)
#include <arm_neon.h>  // vsqrtq_f64 (rotation_block_kernel.hpp's sqrt_lanes)
#endif

namespace arthrokin::detail {

/// A frame's 16 segment rotations (global, normalised), in Segment order.
using SegmentRotations = std::array<Eigen::Matrix3d, segment_count>;

/// The 16 normalised rotation matrices of a frame (q: 16 × (x, y, z, w)); false when a segment is
/// not a rotation (NaN, zero or infinite).
[[nodiscard]] inline bool frame_rotations(const double* q, SegmentRotations& rot) noexcept {
  for (std::size_t s = 0; s < segment_count; ++s) {
    Eigen::Quaterniond g;
    g.coeffs() = Eigen::Map<const Eigen::Vector4d>(q + 4 * s);
    Eigen::Quaterniond u;
    if (g.coeffs().hasNaN() || !normalized_rotation(g, u)) return false;
    rot[s] = u.toRotationMatrix();
  }
  return true;
}

/// The angles of one frame from its 16 rotation matrices (frame_rotations) with libm into `out`
/// (dof_count radians, NaN unknown): the values `joint_angles` gives, bit for bit.
inline void angles_from_rotations(const SegmentRotations& rot, const JointPlan& plan, const JointAngleOptions& opt,
                                  double* out) noexcept {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  std::fill(out, out + dof_count, nan);
  const double thr = opt.gimbal_lock_threshold_rad;
  const auto seg = [&](Segment s) -> const Eigen::Matrix3d& { return rot[static_cast<std::size_t>(s)]; };
  const auto put = [&](DofId d, double v) { out[index(d)] = std::isfinite(v) ? v : nan; };  // Solver::put
  for (std::size_t j = 0; j < plan.count; ++j) {
    const PlannedJoint& pj = plan.joints[j];
    if (!pj.swing) {  // Solver::zxy_joint
      const ZxyMap m = zxy_map(pj, opt);
      const ZxyEntries r = zxy_entries(seg(pj.prox), seg(pj.dist), pj.left);
      const Zxy z = zxy_from_entries(r.r01, r.r11, r.r20, r.r21, r.r22, m.has_c);
      if (m.has_b) put(m.b, m.sb * z.b);
      if (z.margin < thr) continue;  // gimbal lock: a and c unknown
      if (m.has_a) put(m.a, m.sa * z.a);
      if (m.has_c) put(m.c, wrap_pi(m.sc * z.c - m.offset_c));
      continue;
    }
    // Solver::swing_joint
    const Eigen::Matrix3d r = relative_rotation(seg(pj.prox), seg(pj.dist), pj.left);
    const Eigen::Vector3d dir = Eigen::Vector3d(-r.col(1));
    const double e = std::acos(std::clamp(-dir.y(), -1.0, 1.0));
    const double se = std::hypot(dir.x(), dir.z());
    if (e > pi - thr) continue;  // gimbal lock: all unknown
    const double k = se > 1e-12 ? e / se : 1.0;
    put(pj.flex, k * dir.x());
    put(pj.add, -k * dir.z());
    const double pe = std::atan2(dir.x(), dir.z());
    if (pj.shoulder && !(e < thr) && !(e < opt.horizontal_min_elevation_rad)) put(pj.horiz, pe);
    put(pj.axial, twist_about_y(r));
  }
}

/// The angles of one clean frame with libm into `out`: frame_rotations, then
/// angles_from_rotations; false, with `out` unwritten, when a segment is not a rotation (the
/// caller then takes the solver).
[[nodiscard]] inline bool clean_frame_angles(const double* q, const JointPlan& plan, const JointAngleOptions& opt,
                                             double* out) noexcept {
  SegmentRotations rot;
  if (!frame_rotations(q, rot)) return false;
  angles_from_rotations(rot, plan, opt, out);
  return true;
}

/// Frames per block (`rotations_block`, `clean_block_angles`, `fast_block_angles`): the lanes
/// of fast_atan2_4.
inline constexpr std::size_t rotation_block = 4;
/// The rotations of a block of frames.
using BlockRotations = std::array<SegmentRotations, rotation_block>;

}  // namespace arthrokin::detail

// ---- the block paths (rotation_block_kernel.hpp), once per instruction set ----------------
// The baseline copy: 32-byte vectors where the build has AVX, else 16-byte ones (fast_trig.hpp).
#define ARTHROKIN_TRIG_WIDE ARTHROKIN_TRIG_BASELINE_WIDE
#define ARTHROKIN_ROTATION_KERNEL_NS rotation_baseline
#include <arthrokin/detail/rotation_block_kernel.hpp>
#undef ARTHROKIN_ROTATION_KERNEL_NS
#undef ARTHROKIN_TRIG_WIDE
// The AVX2 copy on an x86-64 baseline build (avx2_copy.hpp, as the batch check's), chosen per
// block when the CPU has AVX2. AVX2 without FMA: the same operations, so the same bits as the
// baseline copy (tests/rotation_kernel_test.cpp).
#if ARTHROKIN_AVX2_COPY
#define ARTHROKIN_ROTATION_DISPATCH 1
ARTHROKIN_AVX2_BEGIN
#define ARTHROKIN_TRIG_WIDE 1
#define ARTHROKIN_ROTATION_KERNEL_NS rotation_avx2
#include <arthrokin/detail/rotation_block_kernel.hpp>
#undef ARTHROKIN_ROTATION_KERNEL_NS
#undef ARTHROKIN_TRIG_WIDE
ARTHROKIN_AVX2_END
#else
#define ARTHROKIN_ROTATION_DISPATCH 0
#endif

namespace arthrokin::detail {

/// True when the blocks take the AVX2 copy (an x86-64 baseline build on a CPU with AVX2).
[[nodiscard]] inline bool rotation_use_avx2() noexcept { return avx2_copy_runs(); }
/// rotation_block_kernel.hpp's clean_block_angles, in the copy for this CPU.
[[nodiscard]] inline unsigned clean_block_angles(const double* q, std::size_t n, const JointPlan& plan,
                                                 const JointAngleOptions& opt, double* out) noexcept {
#if ARTHROKIN_ROTATION_DISPATCH
  if (rotation_use_avx2()) return rotation_avx2::clean_block_angles(q, n, plan, opt, out);
#endif
  return rotation_baseline::clean_block_angles(q, n, plan, opt, out);
}
/// rotation_block_kernel.hpp's fast_block_angles, in the copy for this CPU.
[[nodiscard]] inline unsigned fast_block_angles(const double* q, std::size_t n, const JointPlan& plan,
                                                const JointAngleOptions& opt, double* out) noexcept {
#if ARTHROKIN_ROTATION_DISPATCH
  if (rotation_use_avx2()) return rotation_avx2::fast_block_angles(q, n, plan, opt, out);
#endif
  return rotation_baseline::fast_block_angles(q, n, plan, opt, out);
}

}  // namespace arthrokin::detail
