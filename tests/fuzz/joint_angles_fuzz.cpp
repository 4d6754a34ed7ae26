// libFuzzer target: segment rotations (quaternions) → joint angles (kinematics/joint_angles.hpp,
// batch.hpp joint_angles_batch) with arbitrary doubles as quaternion coefficients and any
// options, plus the AngleUnwrapper over the frames (docs/fuzzing.md).
//
// Input (fuzz::Reader; tests/fuzz/make_seeds.py writes seeds): u8 flags, u8 frames (mod 4,
// + 1), [options], then per frame 16 segments × (x, y, z, w) as fuzz::any_double.
//   flags: 1 hip swing-twist, 2 options given (any_angle each), 4 thoracolumbar output,
//   8 also joint_angles_batch and joint_angles with fast_trig (the same unknowns and statuses;
//     angles within fast_trig_bound_rad).
// Contract: no exception; every angle finite within ±π, observed exactly where the status
// is usable; joint_angles_batch gives the same bits as joint_angles per frame; unwrapped
// angles stay finite and observed where they were.
#include "fuzz_util.hpp"

#include <arthrokin/batch.hpp>
#include <arthrokin/detail/fast_trig.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arthrokin;
  fuzz::Reader in(data, size);
  const auto flags = in.ConsumeIntegral<std::uint8_t>();
  const std::size_t frames = in.ConsumeIntegral<std::uint8_t>() % 4 + 1;
  JointAngleOptions opt;
  if (flags & 1) opt.hip = BallJointDecomposition::swing_twist;
  if (flags & 2) {
    opt.forearm_mid_position_rad = fuzz::any_angle(in);
    opt.gimbal_lock_threshold_rad = fuzz::any_angle(in);
    opt.horizontal_min_elevation_rad = fuzz::any_angle(in);
  }
  constexpr std::size_t per = segment_count * 4;
  std::vector<double> q(frames * per);
  for (auto& c : q) c = fuzz::any_double(in);

  std::vector<double> out(frames * dof_count), tl((flags & 4) ? frames * 3 : 0);
  joint_angles_batch(q, out, tl, opt);
  if (flags & 8) {
    JointAngleOptions fast = opt;
    fast.fast_trig = true;
    std::vector<double> approx(frames * dof_count);
    joint_angles_batch(q, approx, {}, fast);
    for (std::size_t i = 0; i < approx.size(); ++i) {
      FUZZ_CHECK(std::isnan(approx[i]) == std::isnan(out[i]));
      if (!std::isnan(out[i])) FUZZ_CHECK(std::abs(approx[i] - out[i]) <= detail::fast_trig_bound_rad);
    }
  }
  AngleUnwrapper unwrap;
  for (std::size_t f = 0; f < frames; ++f) {
    SegmentOrientations seg;
    for (std::size_t s = 0; s < segment_count; ++s) {
      seg.q_global_segment[s].coeffs() = Eigen::Map<const Eigen::Vector4d>(q.data() + f * per + 4 * s);
      seg.known.set(s, seg.q_global_segment[s].coeffs().allFinite());
    }
    JointAngles a = joint_angles(seg, opt);
    fuzz::check_joint_angles(a, std::numbers::pi + 1e-9);
    if (flags & 8) {
      JointAngleOptions fast = opt;
      fast.fast_trig = true;
      fuzz::check_fast_trig_agrees(a, joint_angles(seg, fast));
    }
    for (std::size_t i = 0; i < dof_count; ++i)
      FUZZ_CHECK(fuzz::same_bits(out[f * dof_count + i], a.pose.as_radians()[static_cast<Eigen::Index>(i)]));
    if (!tl.empty())
      for (int j = 0; j < 3; ++j)
        FUZZ_CHECK(fuzz::same_bits(tl[f * 3 + static_cast<std::size_t>(j)], a.pose.thoracolumbar_radians()[j]));
    const auto mask = a.pose.observed_mask();
    unwrap(a);
    FUZZ_CHECK(a.pose.observed_mask() == mask);
    for (std::size_t i = 0; i < dof_count; ++i)
      if (mask.test(i)) FUZZ_CHECK(std::isfinite(a.pose.as_radians()[static_cast<Eigen::Index>(i)]));
  }
  return 0;
}
