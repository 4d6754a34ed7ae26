// libFuzzer target: the BVH parser, forward kinematics, segment binding and joint angles
// (docs/fuzzing.md). Input: BVH text.
// Contract: parse_bvh either returns a consistent file or throws arthrokin::parse_error /
// arthrokin::invalid_argument; a parsed file then runs through forward kinematics, the
// CMU binding and joint angles for every frame without any exception, and every angle
// reported is finite (or unknown) and within ±π.
#include "fuzz_util.hpp"

#include <arthrokin/io/bvh.hpp>
#include <arthrokin/io/bvh_angles.hpp>

#include <cstddef>
#include <cstdint>
#include <numbers>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  arthrokin::io::BvhFile f;
  if (!fuzz::documented([&] { f = arthrokin::io::parse_bvh(text, "fuzz.bvh"); })) return 0;

  // The file is consistent: channel columns add up, parents precede children.
  Eigen::Index channels = 0;
  for (std::size_t j = 0; j < f.joints.size(); ++j) {
    const auto& joint = f.joints[j];
    FUZZ_CHECK(joint.parent < static_cast<int>(j));
    FUZZ_CHECK(joint.first_channel == channels);
    FUZZ_CHECK(joint.channels.size() <= 6);
    channels += static_cast<Eigen::Index>(joint.channels.size());
  }
  FUZZ_CHECK(f.channel_count() == channels);
  FUZZ_CHECK(f.frame_count() >= 0);

  arthrokin::io::BvhFkWorkspace ws(f);
  arthrokin::io::bvh_rest_pose(f, ws);
  const arthrokin::io::BvhBinding b = arthrokin::io::bind_bvh(f);
  arthrokin::io::BvhPoseWorkspace pw(f);
  const Eigen::Index frames = std::min<Eigen::Index>(f.frame_count(), 64);
  for (Eigen::Index fr = 0; fr < frames; ++fr) {
    arthrokin::io::bvh_forward_kinematics(f, fr, ws);
    const arthrokin::JointAngles a = arthrokin::io::bvh_frame_angles(f, b, fr, pw);
    fuzz::check_joint_angles(a, std::numbers::pi + 1e-9);
  }
  return 0;
}
