// libFuzzer target: the keypoint JSON reader (io/keypoints_json.hpp), with the document's
// layout and with a layout override, and keypoint angles of the frames it reads
// (docs/fuzzing.md). Input: JSON text.
// Contract: parse_keypoints_json returns or throws parse_error / invalid_argument (any other
// exception, e.g. from the JSON library, is a bug). A parsed document holds frames × K × 3
// coordinates, no or frames × K visibilities, a finite fps > 0 if any; every frame goes
// through keypoint_angles without an exception, with finite angles within ±π.
#include "fuzz_util.hpp"

#include <arthrokin/io/keypoints_json.hpp>

#include <cstddef>
#include <cstdint>
#include <numbers>
#include <optional>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arthrokin;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  constexpr Layout layouts[] = {Layout::blazepose33, Layout::coco17, Layout::h36m17, Layout::smpl24};
  const std::optional<Layout> overrides[] = {std::nullopt, layouts[size % 4]};
  for (const auto& o : overrides) {
    io::KeypointJson j;
    if (!fuzz::documented([&] { j = io::parse_keypoints_json(text, "fuzz.json", o); })) continue;
    const io::KeypointTable& t = j.table;
    if (o) FUZZ_CHECK(t.layout == *o);
    FUZZ_CHECK(!j.fps || (std::isfinite(*j.fps) && *j.fps > 0));
    const std::size_t k = keypoint_count(t.layout);
    FUZZ_CHECK(t.xyz.size() == t.frames * k * 3);
    FUZZ_CHECK(t.visibility.empty() || t.visibility.size() == t.frames * k);
    for (double v : t.xyz) FUZZ_CHECK(std::isnan(v) || std::isfinite(v));
    for (std::size_t f = 0; f < t.frames && f < 8; ++f)
      fuzz::check_joint_angles(keypoint_angles(t.frame(f)), std::numbers::pi + 1e-9);
  }
  return 0;
}
