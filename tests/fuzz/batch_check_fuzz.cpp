// libFuzzer target: range checks of arbitrary (N, 39) doubles, the C++ core of Python's
// check(): BatchChecker (both kernels, 1 or 2 threads) against check() pose by pose, the
// report sentences, muscle lengths and the exercise Monitor on the same poses, with limits
// from any source or model, any tolerance, overrides, restrictions and composites
// (docs/fuzzing.md).
//
// Input (fuzz::Reader; tests/fuzz/make_seeds.py writes seeds):
//   u8 limits (0 defaults, 1 source, 2 model) u8 which, u8 flags, u8 rows (mod 8, + 1),
//   [tolerance any_double] [u8 n overrides × (u8 dof, any_double lower, any_double upper)]
//   [u16 joint mask] [u8 n composites × (u8 row, u8 side)], rows × 39 any_angle,
//   [rows × 3 any_angle thoracolumbar totals], then per row a time stamp any_double.
//   flags: 1 tolerance, 2 overrides, 4 restrict, 8 thoracolumbar, 16 two threads,
//          32 baseline kernel, 64 composites, 128 muscles + monitor.
// Contract: the documented invalid_argument only where documented (tolerance, overrides,
// composites, Monitor); BatchChecker::run never throws on well-sized input; for every row
// without an infinity, check() gives the batch's verdict and BatchChecker::verdict the same,
// and the batch counts equal those of check(); the report is self-consistent; describe()
// and the degree figures in sentences are right; muscle_lengths lists no NaN score, in order;
// Monitor::update never throws.
#include "fuzz_util.hpp"

#include <arthrokin/anatomy/muscle_length.hpp>
#include <arthrokin/batch.hpp>
#include <arthrokin/check.hpp>
#include <arthrokin/exercise/monitor.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using namespace arthrokin;

// format_degrees(x) reads back as x rounded to 0.1 below 1e9°, and as x to 4 significant
// digits (scientific form) from 1e9° on (its documented forms).
void check_format(double deg) {
  if (!std::isfinite(deg)) return;
  const std::string s = format_degrees(deg);
  FUZZ_CHECK(s.size() > 2 && s.ends_with("\xC2\xB0"));
  const double back = std::strtod(s.c_str(), nullptr);
  if (std::abs(deg) >= detail::scientific_from_deg) {
    FUZZ_CHECK(std::abs(back - deg) <= 5.0001e-4 * std::abs(deg));
    return;
  }
  const double r = std::round(deg * 10.0) / 10.0;
  FUZZ_CHECK(std::abs(back - r) <= 1e-9 * std::max(1.0, std::abs(r)));
}

void check_report(const Report& r, const Limits& l, const Pose& p) {
  std::size_t out = 0, unknown = 0, possibly = 0;
  for (DofId d : all_dofs) {
    const DofCheck& c = r[d];
    FUZZ_CHECK(c.dof == d);
    if (!l.active(d))
      FUZZ_CHECK(c.status == Status::not_checked);
    else if (!p.observed(d))
      FUZZ_CHECK(c.status == Status::unknown);
    if (c.out_of_range() || c.possibly_out_of_range())
      FUZZ_CHECK(std::isfinite(c.excess) && c.excess > 0);
    else
      FUZZ_CHECK(c.excess == 0);
    // possibly_*: an excess within the value's expanded uncertainty (none is given here: never)
    if (c.possibly_out_of_range()) FUZZ_CHECK(c.expanded_uncertainty > 0 && c.excess <= 2 * c.expanded_uncertainty);
    out += c.out_of_range();
    possibly += c.possibly_out_of_range();
    unknown += c.status == Status::unknown;
    if (p.observed(d)) check_format(rad_to_deg(c.value));
  }
  for (std::size_t k = 0; k < r.composite_count; ++k) out += r.composites[k].out_of_range();
  FUZZ_CHECK(out == r.out_of_range_count && unknown == r.unknown_count && possibly == r.possibly_out_of_range_count);
  FUZZ_CHECK(static_cast<std::size_t>(r.overall) < verdict_count);
  FUZZ_CHECK((r.overall == Verdict::out_of_range) == (out > 0));
  FUZZ_CHECK((r.overall == Verdict::possibly_out_of_range) == (out == 0 && possibly > 0));
  // a within verdict says whether the pose was complete
  if (is_within(r.overall)) FUZZ_CHECK((r.overall == Verdict::within_range_partial) == (unknown > 0));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Reader in(data, size);
  const auto mode = in.ConsumeIntegral<std::uint8_t>() % 3;
  const auto which = in.ConsumeIntegral<std::uint8_t>();
  const auto flags = in.ConsumeIntegral<std::uint8_t>();
  const std::size_t n = in.ConsumeIntegral<std::uint8_t>() % 8 + 1;

  Limits limits = Limits::defaults();
  if (mode == 1) limits = Limits::from_source(detail::source_rows[which % detail::source_rows.size()].key);
  if (mode == 2)
    fuzz::documented(
        [&] { limits = Limits::from_model(detail::model_bound_rows[which % detail::model_bound_rows.size()].model); });
  if (flags & 1) {
    const double t = fuzz::any_double(in);
    fuzz::documented([&] { limits.with_tolerance(degrees(t)); });
  }
  if (flags & 2)
    for (int i = in.ConsumeIntegral<std::uint8_t>() % 4; i > 0; --i) {
      const auto d = static_cast<DofId>(in.ConsumeIntegral<std::uint8_t>() % dof_count);
      const double lo = fuzz::any_double(in), hi = fuzz::any_double(in);
      fuzz::documented([&] { limits.override_dof(d, degrees(lo), degrees(hi)); });
    }
  if (flags & 4) {
    const auto mask = in.ConsumeIntegral<std::uint16_t>();
    std::vector<Joint> js;
    for (std::size_t j = 0; j < joint_count; ++j)
      if (mask & (1u << j)) js.push_back(static_cast<Joint>(j));
    limits.restrict_to(js);
  }
  if (flags & 64)
    for (int i = in.ConsumeIntegral<std::uint8_t>() % 4; i > 0; --i) {
      const auto& row =
          detail::composite_limit_rows[in.ConsumeIntegral<std::uint8_t>() % detail::composite_limit_rows.size()];
      const Side side = static_cast<Side>(in.ConsumeIntegral<std::uint8_t>() % 3);
      fuzz::documented([&] { limits.add(composite_limit(row.name, row.source, side)); });
    }

  std::vector<double> rows(n * dof_count), tl((flags & 8) ? n * 3 : 0);
  for (auto& v : rows) v = fuzz::any_angle(in);
  for (auto& v : tl) v = fuzz::any_angle(in);

  const BatchChecker k(limits);
  std::vector<std::uint8_t> verdicts(n, 0xEE);
  BatchCounts counts;
  BatchOptions bo;
  bo.isa = (flags & 32) ? BatchIsa::baseline : BatchIsa::best;
  if (flags & 16) bo.threads = 2, bo.min_rows_per_thread = 1;
  // ±inf anywhere is a documented error (infinite_value) with nothing written: then stop here.
  try {
    k.run(rows, verdicts, counts, tl, bo);
  } catch (const infinite_value&) {
    FUZZ_CHECK(counts.poses == 0);
    return 0;
  }
  FUZZ_CHECK(counts.poses == n);

  BatchCounts expected;
  bool comparable = true;
  Report report;
  Pose prev_pose;
  const bool extras = flags & 128;
  const Exercise exercise = lumbar_spine_rocking_stretch();
  Monitor monitor(exercise);
  for (std::size_t i = 0; i < n; ++i) {
    const double* row = rows.data() + i * dof_count;
    const double* t = tl.empty() ? nullptr : tl.data() + i * 3;
    FUZZ_CHECK(verdicts[i] < verdict_count);
    bool has_inf = false;
    for (std::size_t j = 0; j < dof_count; ++j) has_inf = has_inf || std::isinf(row[j]);
    for (int j = 0; t && j < 3; ++j) has_inf = has_inf || std::isinf(t[j]);
    const double time_s = fuzz::any_double(in);
    if (has_inf) {  // the batch classifies ±inf like a number; Pose (and Python) refuse it
      comparable = false;
      continue;
    }
    Pose p = Pose::from_radians(Eigen::Map<const PoseVector>(row));
    constexpr Axis axes[3] = {Axis::flexion_extension, Axis::lateral_flexion, Axis::axial_rotation};
    for (int j = 0; t && j < 3; ++j)
      if (!std::isnan(t[j])) p.set_thoracolumbar(axes[j], radians(t[j]));
    check(p, limits, report);
    check_report(report, limits, p);
    FUZZ_CHECK(static_cast<std::uint8_t>(report.overall) == verdicts[i]);
    FUZZ_CHECK(k.verdict(row, t) == report.overall);
    for (std::size_t d = 0; d < dof_count; ++d) ++expected.dof[d][static_cast<std::size_t>(report.dofs[d].status)];
    for (std::size_t c = 0; c < report.composite_count; ++c)
      ++expected.composite[c][static_cast<std::size_t>(report.composites[c].status)];
    ++expected.verdict[static_cast<std::size_t>(report.overall)];
    if (extras) {
      FUZZ_CHECK(!describe(report).empty());
      const MuscleLengthReport m = i ? muscle_lengths(p, prev_pose) : muscle_lengths(p);
      // Scores are sums of angles: ±inf for absurd angles (1e308 rad) is possible, NaN must
      // never be listed (it would break the ordering of the lists).
      for (const auto& x : m.lengthened) FUZZ_CHECK(x.score_rad > 0);
      for (const auto& x : m.shortened) FUZZ_CHECK(x.score_rad < 0);
      for (std::size_t j = 1; j < m.lengthened.size(); ++j)
        FUZZ_CHECK(m.lengthened[j - 1].score_rad >= m.lengthened[j].score_rad);
      for (std::size_t j = 1; j < m.shortened.size(); ++j)
        FUZZ_CHECK(m.shortened[j - 1].score_rad <= m.shortened[j].score_rad);
      for (const CueEvent& c : monitor.update(time_s, p)) FUZZ_CHECK(!c.message().empty());
    }
    prev_pose = p;
  }
  if (comparable) {
    FUZZ_CHECK(counts.dof == expected.dof);
    FUZZ_CHECK(counts.verdict == expected.verdict);
    for (std::size_t c = 0; c < limits.composite_count(); ++c) FUZZ_CHECK(counts.composite[c] == expected.composite[c]);
  }
  return 0;
}
