// libFuzzer target: the pose JSON reader and writer (io/pose_json.hpp), then check() and the
// report sentences of the pose (docs/fuzzing.md). Input: JSON text.
// Contract: parse_pose_json returns or throws parse_error / invalid_argument (any other
// exception, e.g. from the JSON library, is a bug). A parsed pose has finite observed
// angles; pose_to_json of it parses again to the same pose (to 1e-9 relative, where the
// degrees are finite); check() and describe() of it against the defaults never throw.
#include "fuzz_util.hpp"

#include <arthrokin/check.hpp>
#include <arthrokin/io/pose_json.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {
bool close(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(a)); }
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arthrokin;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Pose p;
  if (!fuzz::documented([&] { p = io::parse_pose_json(text, "fuzz.json"); })) return 0;

  bool degrees_finite = true;
  for (DofId d : all_dofs) {
    const double v = p.as_radians()[static_cast<Eigen::Index>(index(d))];
    FUZZ_CHECK(p.observed(d) ? std::isfinite(v) : std::isnan(v));
    if (p.observed(d) && !std::isfinite(rad_to_deg(v))) degrees_finite = false;
  }
  const Eigen::Vector3d tl = p.thoracolumbar_radians();
  for (int k = 0; k < 3; ++k) {
    FUZZ_CHECK(std::isnan(tl[k]) || std::isfinite(tl[k]));
    if (!std::isnan(tl[k]) && !std::isfinite(rad_to_deg(tl[k]))) degrees_finite = false;
  }

  if (degrees_finite) {
    const Pose q = io::parse_pose_json(io::pose_to_json(p), "rewritten.json");  // the writer's output must parse
    FUZZ_CHECK(q.observed_mask() == p.observed_mask());
    for (DofId d : all_dofs)
      if (p.observed(d)) FUZZ_CHECK(close(to_radians(*q.get(d)), to_radians(*p.get(d))));
    const Eigen::Vector3d tq = q.thoracolumbar_radians();
    for (int k = 0; k < 3; ++k) FUZZ_CHECK(std::isnan(tl[k]) ? std::isnan(tq[k]) : close(tq[k], tl[k]));
  }

  const Limits limits = Limits::defaults();
  const Report r = check(p, limits);
  // no uncertainty: never "possibly"; a within verdict is partial exactly when a checked DoF is unknown
  FUZZ_CHECK(r.overall == Verdict::within_range || r.overall == Verdict::within_range_partial ||
             r.overall == Verdict::out_of_range || r.overall == Verdict::unknown);
  if (is_within(r.overall)) FUZZ_CHECK((r.overall == Verdict::within_range_partial) == !r.complete());
  FUZZ_CHECK(!describe(r).empty());
  return 0;
}
