// libFuzzer target: the keypoint CSV reader (io/keypoints_csv.hpp), for each of the four
// layouts, and keypoint angles of the frames it reads (docs/fuzzing.md). Input: CSV text.
// Contract: parse_keypoints_csv returns or throws parse_error / invalid_argument. A parsed
// table holds frames × K × 3 coordinates and no or frames × K visibilities; every frame
// goes through keypoint_angles without an exception, with finite angles within ±π.
#include "fuzz_util.hpp"

#include <arthrokin/io/keypoints_csv.hpp>

#include <cstddef>
#include <cstdint>
#include <numbers>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arthrokin;
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (Layout layout : {Layout::blazepose33, Layout::coco17, Layout::h36m17, Layout::smpl24}) {
    io::KeypointTable t;
    if (!fuzz::documented([&] { t = io::parse_keypoints_csv(text, "fuzz.csv", layout); })) continue;
    const std::size_t k = keypoint_count(layout);
    FUZZ_CHECK(t.layout == layout);
    FUZZ_CHECK(t.frames >= 1);
    FUZZ_CHECK(t.xyz.size() == t.frames * k * 3);
    FUZZ_CHECK(t.visibility.empty() || t.visibility.size() == t.frames * k);
    for (std::size_t f = 0; f < t.frames && f < 8; ++f)
      fuzz::check_joint_angles(keypoint_angles(t.frame(f)), std::numbers::pi + 1e-9);
  }
  return 0;
}
