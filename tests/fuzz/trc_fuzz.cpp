// libFuzzer target: the .trc marker reader (io/trc.hpp) and the keypoint path it feeds
// (docs/fuzzing.md). Input: the file's text.
// Contract: parse_trc returns or throws parse_error. A parsed file has one strictly increasing,
// finite time per frame, frames × 33 × 3 BlazePose coordinates and frames × 33 visibilities, a
// keypoint either known (finite, visibility 1) or unknown (NaN, visibility 0), one name per marker,
// each marker either mapped or ignored; keypoint_angles of every frame gives finite angles for the
// DoFs it observes.
#include "fuzz_util.hpp"

#include <arthrokin/io/trc.hpp>
#include <arthrokin/kinematics/keypoints.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arthrokin;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  io::TrcMarkers m;
  if (!fuzz::documented([&] { m = io::parse_trc(text, "fuzz.trc"); })) return 0;

  const std::size_t n = m.size();
  FUZZ_CHECK(m.keypoints.frames == n);
  FUZZ_CHECK(m.keypoints.layout == Layout::blazepose33);
  FUZZ_CHECK(m.keypoints.xyz.size() == n * 33 * 3);
  FUZZ_CHECK(m.keypoints.visibility.size() == n * 33);
  FUZZ_CHECK(m.mapped.size() + m.ignored.size() == m.markers.size());
  FUZZ_CHECK(m.data_rate_hz > 0 && std::isfinite(m.data_rate_hz));
  for (std::size_t i = 0; i < n; ++i) {
    FUZZ_CHECK(std::isfinite(m.time_s[i]));
    if (i > 0) FUZZ_CHECK(m.time_s[i] > m.time_s[i - 1]);
    for (std::size_t k = 0; k < 33; ++k) {
      const double v = m.keypoints.visibility[i * 33 + k];
      FUZZ_CHECK(v == 0.0 || v == 1.0);
      for (std::size_t c = 0; c < 3; ++c) {
        const double x = m.keypoints.xyz[(i * 33 + k) * 3 + c];
        FUZZ_CHECK(v == 1.0 ? std::isfinite(x) : std::isnan(x));
      }
    }
    if (i < 64) {
      const Pose p = keypoint_angles(m.keypoints.frame(i)).pose;
      for (DofId d : all_dofs)
        if (p.observed(d)) FUZZ_CHECK(std::isfinite(p.as_radians()[static_cast<Eigen::Index>(index(d))]));
    }
  }
  return 0;
}
