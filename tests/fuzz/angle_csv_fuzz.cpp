// libFuzzer target: the angle-frame CSV reader (io/angle_csv.hpp) and its writer
// (docs/fuzzing.md). Input: CSV text.
// Contract: parse_angle_csv returns or throws parse_error / invalid_argument. A parsed table
// has one strictly increasing, finite time per pose and only finite observed angles; what
// write_angle_csv makes of it parses again to the same frames (within the writer's 6
// decimals; checked where the writer can represent the values: times at least 1e-5 s apart,
// angles below 1e6°).
#include "fuzz_util.hpp"

#include <arthrokin/io/angle_csv.hpp>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arthrokin;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  io::AngleFrames a;
  if (!fuzz::documented([&] { a = io::parse_angle_csv(text, "fuzz.csv"); })) return 0;

  FUZZ_CHECK(a.time_s.size() == a.poses.size());
  bool representable = true;
  for (std::size_t i = 0; i < a.size(); ++i) {
    FUZZ_CHECK(std::isfinite(a.time_s[i]));
    if (i > 0) FUZZ_CHECK(a.time_s[i] > a.time_s[i - 1]);
    if (i > 0 && !(a.time_s[i] - a.time_s[i - 1] >= 1e-5)) representable = false;
    if (!(std::abs(a.time_s[i]) < 1e9)) representable = false;
    if (!fuzz::check_read_pose(a.poses[i])) representable = false;
  }
  if (!representable || a.size() > 64) return 0;

  std::ostringstream out;
  io::write_angle_csv(out, a);
  const io::AngleFrames b = io::parse_angle_csv(out.str(), "rewritten.csv");  // the writer's output must parse
  FUZZ_CHECK(b.size() == a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    FUZZ_CHECK(std::abs(b.time_s[i] - a.time_s[i]) <= 1e-6 * (1 + std::abs(a.time_s[i])));
    FUZZ_CHECK(b.poses[i].observed_mask() == a.poses[i].observed_mask());
    for (DofId d : all_dofs)
      if (a.poses[i].observed(d))
        FUZZ_CHECK(std::abs(to_degrees(*b.poses[i].get(d)) - to_degrees(*a.poses[i].get(d))) <= 1e-6);
    const Eigen::Vector3d ta = a.poses[i].thoracolumbar_radians(), tb = b.poses[i].thoracolumbar_radians();
    for (int k = 0; k < 3; ++k) FUZZ_CHECK(std::isnan(ta[k]) == std::isnan(tb[k]));
  }
  return 0;
}
