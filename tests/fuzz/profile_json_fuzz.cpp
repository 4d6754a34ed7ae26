// libFuzzer target: the profile JSON reader (io/profile_json.hpp) and the Limits it makes,
// used by check() and describe() (docs/fuzzing.md). Input: JSON text.
// Contract: parse_profile_json returns or throws parse_error / invalid_argument (any other
// exception is a bug). The Limits have a finite tolerance >= 0 and, per DoF and composite,
// bounds that are NaN (none) or finite with lower < upper; checking poses against them
// never throws and gives statuses consistent with the bounds.
#include "fuzz_util.hpp"

#include <arthrokin/check.hpp>
#include <arthrokin/io/profile_json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace {
void check_bounds(const arthrokin::Bound& lo, const arthrokin::Bound& hi) {
  FUZZ_CHECK(std::isnan(lo.radians) || std::isfinite(lo.radians));
  FUZZ_CHECK(std::isnan(hi.radians) || std::isfinite(hi.radians));
  if (lo.has_value() && hi.has_value()) FUZZ_CHECK(lo.radians < hi.radians);
  if (lo.has_value()) FUZZ_CHECK(!arthrokin::describe(lo).empty());
  if (hi.has_value()) FUZZ_CHECK(!arthrokin::describe(hi).empty());
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arthrokin;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<Limits> parsed;
  if (!fuzz::documented([&] { parsed.emplace(io::parse_profile_json(text, "fuzz.json")); })) return 0;
  const Limits& l = *parsed;

  const double tol = to_radians(l.tolerance());
  FUZZ_CHECK(std::isfinite(tol) && tol >= 0);
  for (DofId d : all_dofs) check_bounds(l[d].lower, l[d].upper);
  for (std::size_t k = 0; k < l.composite_count(); ++k) check_bounds(l.composite(k).lower, l.composite(k).upper);

  // Three poses: every DoF at zero, at +100° and at -100°.
  for (double deg : {0.0, 100.0, -100.0}) {
    Pose p;
    for (DofId d : all_dofs) p.set(d, degrees(deg));
    const Report r = check(p, l);
    std::size_t out = 0;
    for (DofId d : all_dofs) {
      const DofCheck& c = r[d];
      FUZZ_CHECK(c.status == (l.active(d) ? c.status : Status::not_checked));
      // A DoF the shoulder region decided carries an excess in elevation, not past its own bound
      // (region.hpp); the others are beyond their own bound.
      const bool own = c.decided_by == LimitKind::single_axis;
      if (own && c.status == Status::above) FUZZ_CHECK(l[d].upper.has_value() && c.value > l[d].upper.radians);
      if (own && c.status == Status::below) FUZZ_CHECK(l[d].lower.has_value() && c.value < l[d].lower.radians);
      // A DoF a two-joint limit decided is past that limit at the controlling DoF's value (two_joint.hpp).
      if (c.decided_by == LimitKind::two_joint && c.status == Status::above) FUZZ_CHECK(c.value > c.two_joint_limit);
      if (c.out_of_range()) FUZZ_CHECK(c.excess > 0 && std::isfinite(c.excess));
      FUZZ_CHECK(!c.possibly_out_of_range());  // no uncertainty given
      out += c.out_of_range();
    }
    for (std::size_t k = 0; k < r.composite_count; ++k) out += r.composites[k].out_of_range();
    FUZZ_CHECK(out == r.out_of_range_count);
    FUZZ_CHECK((r.overall == Verdict::out_of_range) == (out > 0));
    FUZZ_CHECK(!describe(r).empty());
  }
  return 0;
}
