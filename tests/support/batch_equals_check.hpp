// The batch kernel against check(), pose by pose: verdicts, per-DoF statuses and counts must be
// the same (region_test, two_joint_test: the limits decided per pose in both paths).
#pragma once

#include <arthrokin/batch.hpp>
#include <arthrokin/check.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace test_support {

/// Runs `rows` (N × dof_count radians, NaN unknown) through `BatchChecker(limits)` with their
/// per-pose standard uncertainties (`row_uncertainty`: empty, or N × dof_count radians, NaN = none)
/// and checks each pose against `check()` with the same uncertainties; also `BatchChecker::verdict`.
/// Reports the first mismatch (and stops there). Returns how many poses check() finds out of range.
inline std::size_t expect_batch_equals_check(const std::vector<double>& rows, const arthrokin::Limits& limits,
                                             std::span<const double> row_uncertainty = {}) {
  using namespace arthrokin;
  const std::size_t n = rows.size() / dof_count;
  std::vector<std::uint8_t> verdicts(n), status(n * dof_count);
  BatchCounts counts;
  const BatchChecker k(limits);
  BatchOptions options;
  options.row_uncertainty = row_uncertainty;
  k.run(rows, verdicts, BatchStatuses{status, {}}, counts, {}, options);
  BatchCounts want;
  Report rep;
  std::size_t beyond = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double* x = rows.data() + i * dof_count;
    const double* u = row_uncertainty.empty() ? nullptr : row_uncertainty.data() + i * dof_count;
    const Pose p = Pose::from_radians(Eigen::Map<const PoseVector>(x));
    if (u) {
      Uncertainty unc;
      for (std::size_t j = 0; j < dof_count; ++j)
        if (!std::isnan(u[j])) unc.set(static_cast<DofId>(j), radians(u[j]));
      check(p, limits, unc, rep);
    } else {
      check(p, limits, rep);
    }
    EXPECT_EQ(verdicts[i], static_cast<std::uint8_t>(rep.overall)) << "pose " << i;
    EXPECT_EQ(k.verdict(x, nullptr, BatchIsa::best, u), rep.overall) << "pose " << i;
    if (verdicts[i] != static_cast<std::uint8_t>(rep.overall)) return beyond;
    for (std::size_t j = 0; j < dof_count; ++j) {
      EXPECT_EQ(status[i * dof_count + j], static_cast<std::uint8_t>(rep.dofs[j].status))
          << "pose " << i << " " << to_string(static_cast<DofId>(j));
      if (status[i * dof_count + j] != static_cast<std::uint8_t>(rep.dofs[j].status)) return beyond;
      ++want.dof[j][static_cast<std::size_t>(rep.dofs[j].status)];
    }
    beyond += rep.overall == Verdict::out_of_range;
  }
  EXPECT_EQ(counts.dof, want.dof);
  return beyond;
}

}  // namespace test_support
