// libFuzzer target: the OpenSim storage reader (io/opensim.hpp) and its .mot writer
// (docs/fuzzing.md). Input: the first byte chooses the model (automatic, gait2392, Hamner2010,
// Rajagopal2016, RajagopalLaiUhlrich2023, Pose2Sim), the rest is the file's text.
// Contract: parse_opensim returns or throws parse_error / invalid_argument. A parsed motion has
// one strictly increasing, finite time per pose and only finite observed angles; every column
// is either mapped or ignored; what write_opensim_mot makes of it (arthrokin DoF names) parses
// again to the same frames (checked where the writer can represent the values: angles below
// 1e6°, at most 64 frames).
#include "fuzz_util.hpp"

#include <arthrokin/io/opensim.hpp>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arthrokin;
  if (size == 0) return 0;
  const auto model = static_cast<io::OpenSimModel>(data[0] % 6);
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  io::OpenSimMotion a;
  if (!fuzz::documented([&] { a = io::parse_opensim(text, "fuzz.mot", model); })) return 0;

  FUZZ_CHECK(a.time_s.size() == a.poses.size());
  if (model != io::OpenSimModel::automatic) FUZZ_CHECK(a.model == model);
  bool representable = true;
  for (std::size_t i = 0; i < a.size(); ++i) {
    FUZZ_CHECK(std::isfinite(a.time_s[i]));
    if (i > 0) FUZZ_CHECK(a.time_s[i] > a.time_s[i - 1]);
    if (!fuzz::check_read_pose(a.poses[i])) representable = false;
  }
  if (!representable || a.size() > 64) return 0;

  io::AngleFrames frames;
  frames.time_s = a.time_s;
  frames.poses = a.poses;
  std::ostringstream out;
  io::write_opensim_mot(out, frames);
  const io::OpenSimMotion b = io::parse_opensim(out.str(), "rewritten.mot");  // the writer's output must parse
  FUZZ_CHECK(b.size() == a.size());
  FUZZ_CHECK(b.ignored.empty());
  for (std::size_t i = 0; i < a.size(); ++i) {
    FUZZ_CHECK(b.time_s[i] == a.time_s[i]);
    FUZZ_CHECK(b.poses[i].observed_mask() == a.poses[i].observed_mask());
    for (DofId d : all_dofs)
      if (a.poses[i].observed(d))
        FUZZ_CHECK(std::abs(to_degrees(*b.poses[i].get(d)) - to_degrees(*a.poses[i].get(d))) <= 1e-9);
    const Eigen::Vector3d ta = a.poses[i].thoracolumbar_radians(), tb = b.poses[i].thoracolumbar_radians();
    for (int k = 0; k < 3; ++k) FUZZ_CHECK(std::isnan(ta[k]) == std::isnan(tb[k]));
  }
  return 0;
}
