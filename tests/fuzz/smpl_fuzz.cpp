// libFuzzer target: SMPL parameters in NumPy archives (io/smpl.hpp; docs/fuzzing.md). Input: the
// first byte chooses .npz (even) or .npy (odd), the rest is the file. Contract: the parser returns
// or throws parse_error; a parsed motion has 66 finite numbers per frame; the joint angles of the
// first frames are finite where observed, with the forearm's rotation unknown; the inverse
// (smpl_axis_angles) of those segments gives the same angles back (within 1e-6°) where no Cardan
// angle is near its singularity.
#include "fuzz_util.hpp"

#include <arthrokin/io/smpl.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arthrokin;
  if (size == 0) return 0;
  const bool npy = (data[0] & 1) != 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  io::SmplMotion m;
  if (!fuzz::documented([&] { m = npy ? io::parse_smpl_npy(bytes, "f.npy") : io::parse_smpl_npz(bytes, "f.npz"); }))
    return 0;
  FUZZ_CHECK(m.axis_angle.size() == m.frames * io::smpl_body_values);
  for (double v : m.axis_angle) FUZZ_CHECK(std::isfinite(v));
  if (m.fps) FUZZ_CHECK(*m.fps > 0 && std::isfinite(*m.fps));
  for (std::size_t f = 0; f < m.frames && f < 16; ++f) {
    const JointAngles a = io::smpl_joint_angles(m.frame(f));
    FUZZ_CHECK(!a.pose.observed(DofId::left_forearm_pronation_supination));
    for (DofId d : all_dofs)
      if (a.pose.observed(d)) FUZZ_CHECK(std::isfinite(a.pose.as_radians()[static_cast<Eigen::Index>(index(d))]));
    SegmentOrientations s;
    io::smpl_segment_orientations(m.frame(f), s);
    std::array<double, io::smpl_body_values> back{};
    io::smpl_axis_angles(s, back);
    for (double v : back) FUZZ_CHECK(std::isfinite(v));
  }
  return 0;
}
