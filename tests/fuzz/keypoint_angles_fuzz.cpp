// libFuzzer target: keypoints → joint angles (kinematics/keypoints.hpp), the C++ core of
// Python's angles_from_keypoints: each layout, arbitrary doubles as coordinates and
// visibilities, mirrored input, any min_visibility, and (flag) any other option
// (docs/fuzzing.md).
//
// Input (fuzz::Reader, front to back; tests/fuzz/make_seeds.py writes seeds):
//   u8 layout (mod 4; bit 2: also keypoint_angles with fast_trig), u8 flags, u8 frames (mod 4,
//   + 1), [options], then per frame and keypoint x, y, z [, visibility] as fuzz::any_double.
//   flags: 1 mirrored, 2 visibility given, 4 min_visibility given, 8 left-handed,
//          16/32 up axis (y_down / z_up), 64 every other option given, 128 hip swing-twist.
// Contract: keypoint_angles throws the documented invalid_argument exactly for a frame with a
// ±inf coordinate or a visibility outside [0, 1] (NaN included), and keypoint_angles_batch
// exactly when some frame does; otherwise it reports only finite angles within ±π, observed
// exactly where the status is usable, and the batch gives the same bits as the per-frame calls;
// with fast_trig (`KeypointOptions::angles`) the same statuses and angles within fast_trig_bound_rad.
#include "fuzz_util.hpp"

#include <arthrokin/batch.hpp>
#include <arthrokin/kinematics/keypoints.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <numbers>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arthrokin;
  fuzz::Reader in(data, size);
  constexpr Layout layouts[] = {Layout::blazepose33, Layout::coco17, Layout::h36m17, Layout::smpl24};
  const auto layout_byte = in.ConsumeIntegral<std::uint8_t>();
  const Layout layout = layouts[layout_byte % 4];
  const bool fast_trig = layout_byte & 4;
  const auto flags = in.ConsumeIntegral<std::uint8_t>();
  const std::size_t frames = in.ConsumeIntegral<std::uint8_t>() % 4 + 1;
  KeypointOptions opt;
  opt.mirrored = flags & 1;
  if (flags & 4) opt.min_visibility = fuzz::any_double(in);
  opt.right_handed = !(flags & 8);
  opt.up = (flags & 16) ? UpAxis::y_down : (flags & 32) ? UpAxis::z_up : UpAxis::y_up;
  if (flags & 64) {
    opt.min_length_fraction = fuzz::any_double(in);
    opt.min_plane_angle_rad = fuzz::any_double(in);
    opt.angles.forearm_mid_position_rad = fuzz::any_angle(in);
    opt.angles.gimbal_lock_threshold_rad = fuzz::any_angle(in);
    opt.angles.horizontal_min_elevation_rad = fuzz::any_angle(in);
  }
  if (flags & 128) opt.angles.hip = BallJointDecomposition::swing_twist;
  const bool vis = flags & 2;

  const std::size_t k = keypoint_count(layout);
  std::vector<double> xyz(frames * k * 3), v(vis ? frames * k : 0);
  for (std::size_t f = 0; f < frames; ++f)
    for (std::size_t i = 0; i < k; ++i) {
      for (std::size_t c = 0; c < 3; ++c) xyz[(f * k + i) * 3 + c] = fuzz::any_double(in);
      if (vis) v[f * k + i] = fuzz::any_double(in);
    }

  // The documented refusals: a ±inf coordinate (NaN marks a missing point), a visibility
  // outside [0, 1].
  const auto frame_refused = [&](std::size_t f) {
    for (std::size_t i = 0; i < k * 3; ++i)
      if (std::isinf(xyz[f * k * 3 + i])) return true;
    if (vis)
      for (std::size_t i = 0; i < k; ++i)
        if (!(v[f * k + i] >= 0 && v[f * k + i] <= 1)) return true;
    return false;
  };
  bool any_refused = false;
  for (std::size_t f = 0; f < frames; ++f) any_refused = any_refused || frame_refused(f);

  std::vector<double> out(frames * dof_count), tl(frames * 3);
  const bool batch_ok = fuzz::documented([&] { keypoint_angles_batch(layout, xyz, v, out, tl, opt); });
  FUZZ_CHECK(batch_ok == !any_refused);
  for (std::size_t f = 0; f < frames; ++f) {
    const KeypointView view{layout, std::span<const double>(xyz).subspan(f * k * 3, k * 3),
                            vis ? std::span<const double>(v).subspan(f * k, k) : std::span<const double>()};
    JointAngles a;
    const bool ok = fuzz::documented([&] { a = keypoint_angles(view, opt); });
    FUZZ_CHECK(ok == !frame_refused(f));
    if (!ok || !batch_ok) continue;
    fuzz::check_joint_angles(a, std::numbers::pi + 1e-9);
    for (std::size_t i = 0; i < dof_count; ++i)
      FUZZ_CHECK(fuzz::same_bits(out[f * dof_count + i], a.pose.as_radians()[static_cast<Eigen::Index>(i)]));
    for (int j = 0; j < 3; ++j)
      FUZZ_CHECK(fuzz::same_bits(tl[f * 3 + static_cast<std::size_t>(j)], a.pose.thoracolumbar_radians()[j]));
    if (fast_trig) {
      KeypointOptions fast = opt;
      fast.angles.fast_trig = true;
      fuzz::check_fast_trig_agrees(a, keypoint_angles(view, fast));
    }
  }
  return 0;
}
