// libFuzzer target for the BVH parser, forward kinematics, segment binding and joint angles.
// Build and run: tests/fuzz/run_bvh_fuzz.sh [seconds]   (clang with -fsanitize=fuzzer,address,undefined)
// Contract: any input either parses or throws arthrokin::parse_error; a parsed file runs through
// forward kinematics for every frame. Any other exception, crash, sanitizer report or hang is a bug.
#include <arthrokin/io/bvh.hpp>
#include <arthrokin/io/bvh_angles.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const arthrokin::io::BvhFile f = arthrokin::io::parse_bvh(text, "fuzz.bvh");
    arthrokin::io::BvhFkWorkspace ws(f);
    for (Eigen::Index fr = 0; fr < f.frame_count(); ++fr) arthrokin::io::bvh_forward_kinematics(f, fr, ws);
    const arthrokin::io::BvhBinding b = arthrokin::io::bind_bvh(f);
    arthrokin::io::BvhPoseWorkspace pw(f);
    for (Eigen::Index fr = 0; fr < f.frame_count(); ++fr) (void)arthrokin::io::bvh_frame_angles(f, b, fr, pw);
  } catch (const arthrokin::parse_error&) {
  }
  return 0;
}
