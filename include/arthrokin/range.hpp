/// @file range.hpp
/// @brief `RangeAccumulator`: the range of movement a person reached over a sequence of poses —
///        per DoF the minimum, maximum and arc, the frame (and time) of each, how much of the time
///        the DoF was observed, and robust ends (percentiles) that ignore single-frame spikes.
///        Streaming, allocation-free per pose after construction, mergeable across threads.
///
/// What is kept per DoF (docs/assessment.md):
///  - the exact minimum and maximum of the observed values, with the frame index and time of
///    each (on ties, the smallest frame index: the result does not depend on the order of the frames);
///  - the number of frames added and the number in which the DoF was observed (NaN = unknown, never
///    zero: an unobserved frame is skipped, and a DoF never observed has no range at all);
///  - a fixed-bin histogram (`RangeOptions`: 0.1° bins over [-180°, 180°) by default, one underflow
///    and one overflow bin) from which the robust ends are read.
///
/// **Robust ends.** The p-th percentile is the nearest-rank one: the k-th smallest observed value,
/// k = max(1, ⌈p/100 · n⌉) of n. The histogram gives the bin that holds it; the accumulator returns
/// the bin's midpoint, clamped to [min, max]. Error bound: the returned value is within half a bin
/// width (0.05° by default) of the exact nearest-rank percentile, and exact when k = 1 or k = n (the
/// minimum and the maximum). When the percentile falls in the underflow or overflow bin (a value
/// outside the histogram's range), the robust end is unknown (NaN): widen the range.
///
/// The batch entry point reads the N × dof_count row-major layout of batch.hpp (radians, NaN unknown);
/// ±∞ anywhere is an error (`infinite_value`, thrown before anything is accumulated).
/// Definitions: detail/range-inl.hpp (config.hpp).
///
/// Usage:
/// @code
///   RangeAccumulator acc;                       // allocates its histogram once
///   for (std::size_t f = 0; f < n; ++f) acc.add(poses[f], f, t[f]);   // no allocation
///   const DofRange r = acc[DofId::right_knee_flexion_extension];
///   // r.min, r.max, r.arc(), r.robust_low, r.robust_high (radians), r.observed_fraction()
/// @endcode
#pragma once

#include <arthrokin/angle.hpp>
#include <arthrokin/batch.hpp>
#include <arthrokin/config.hpp>
#include <arthrokin/dof.hpp>
#include <arthrokin/pose.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace arthrokin {

/// How a `RangeAccumulator` bins values for its robust ends.
struct RangeOptions {
  /// Width of a histogram bin: the robust ends are within half of it of the exact percentiles.
  Angle bin_width = degrees(0.1);
  /// The histogram covers [histogram_low, histogram_high); values outside fall in an under- or
  /// overflow bin (their exact minimum and maximum are still kept).
  Angle histogram_low = degrees(-180.0);
  Angle histogram_high = degrees(180.0);
  /// Percentiles of the robust ends (0 ≤ low ≤ high ≤ 100).
  double robust_low_percent = 2.0;
  double robust_high_percent = 98.0;
};

/// The range one DoF reached over a sequence. Angles in radians (NaN: unknown).
struct DofRange {
  DofId dof{};
  std::uint64_t frames = 0;    ///< frames added
  std::uint64_t observed = 0;  ///< frames in which the DoF was observed
  double min = std::numeric_limits<double>::quiet_NaN();
  double max = std::numeric_limits<double>::quiet_NaN();
  std::uint64_t min_frame = 0, max_frame = 0;  ///< frame index of the minimum and of the maximum (smallest on ties)
  double min_time_s = std::numeric_limits<double>::quiet_NaN();  ///< time of the minimum (NaN: not given)
  double max_time_s = std::numeric_limits<double>::quiet_NaN();
  /// The robust ends: the `RangeOptions` percentiles, within half a bin of the exact ones (file comment).
  double robust_low = std::numeric_limits<double>::quiet_NaN();
  double robust_high = std::numeric_limits<double>::quiet_NaN();

  /// Observed at least once.
  [[nodiscard]] bool known() const noexcept { return observed > 0; }
  /// max − min (NaN when never observed).
  [[nodiscard]] double arc() const noexcept { return max - min; }
  /// robust_high − robust_low (NaN when either is unknown).
  [[nodiscard]] double robust_arc() const noexcept { return robust_high - robust_low; }
  /// observed / frames (NaN when no frame was added).
  [[nodiscard]] double observed_fraction() const noexcept {
    return frames == 0 ? std::numeric_limits<double>::quiet_NaN()
                       : static_cast<double>(observed) / static_cast<double>(frames);
  }
};

/// Accumulates the range of every DoF over poses added one by one (`add`), in batches
/// (`add_batch`), or by merging accumulators of parts of a sequence (`merge`).
class RangeAccumulator {
 public:
  /// Most frames one accumulator takes (its histogram counts are 32-bit); merging past it throws too.
  static constexpr std::uint64_t max_frames = std::numeric_limits<std::uint32_t>::max();
  /// Most histogram bins per DoF (bin width against the histogram's range).
  static constexpr std::size_t max_bins = 1u << 20;

  /// Allocates the histogram (dof_count × (bins + 2) counters). Throws `invalid_argument` on a bin
  /// width that is not finite and positive, a histogram range that is not finite and increasing or
  /// has more than `max_bins` bins, or percentiles outside 0 ≤ low ≤ high ≤ 100.
  explicit RangeAccumulator(const RangeOptions& options = {});

  /// Add one pose as frame `frame` (any index the caller uses: file frame, sample number), at
  /// `time_s` seconds (NaN: not given). Unobserved DoFs are skipped. No allocation.
  /// Throws `invalid_argument` past `max_frames` (nothing added).
  void add(const Pose& pose, std::uint64_t frame, double time_s = std::numeric_limits<double>::quiet_NaN()) {
    if (frames_ >= max_frames) [[unlikely]]
      throw_full(1);
    add_row(pose.as_radians().data(), frame, time_s);
  }

  /// Add N poses (`rows`: N × dof_count row-major radians, NaN unknown — the layout of batch.hpp) as
  /// frames first_frame, first_frame + 1, ...; `times_s`: empty or N times in seconds (NaN: not given).
  /// Throws before adding anything: `infinite_value` on ±∞ in `rows`, `invalid_argument` on a size
  /// that is not a multiple of dof_count, `times_s` of another length or holding ±∞, or more than
  /// `max_frames` frames in all. No allocation.
  void add_batch(std::span<const double> rows, std::uint64_t first_frame = 0, std::span<const double> times_s = {});

  /// Add another accumulator's frames (e.g. one per thread over parts of a sequence). The result is
  /// that of adding all frames to one accumulator. Throws `invalid_argument` when the options differ
  /// or past `max_frames` (nothing changed).
  void merge(const RangeAccumulator& other);

  /// The range of one DoF (reads the histogram: O(bins)).
  [[nodiscard]] DofRange operator[](DofId d) const noexcept { return range(d); }
  [[nodiscard]] DofRange range(DofId d) const noexcept;

  /// Frames added.
  [[nodiscard]] std::uint64_t frames() const noexcept { return frames_; }
  [[nodiscard]] const RangeOptions& options() const noexcept { return options_; }
  /// The error bound of the robust ends: half a bin width.
  [[nodiscard]] Angle robust_error_bound() const noexcept { return radians(0.5 * width_); }
  /// Forget every frame (keeps the histogram's memory).
  void reset() noexcept;

 private:
  /// One raw pose row (`dof_count` radians, NaN unknown, no ±∞), counted as one frame.
  void add_row(const double* row, std::uint64_t frame, double time_s) noexcept;
  [[noreturn, gnu::cold]] void throw_full(std::uint64_t adding) const;
  [[nodiscard]] double percentile(std::size_t i, double percent) const noexcept;

  RangeOptions options_;
  double low_ = 0, width_ = 0, inv_width_ = 0;
  std::size_t bins_ = 0;               ///< regular bins per DoF (plus an underflow and an overflow bin)
  std::vector<std::uint32_t> counts_;  ///< dof_count × (bins_ + 2)
  std::array<double, dof_count> min_{}, max_{}, min_t_{}, max_t_{};
  std::array<std::uint64_t, dof_count> min_f_{}, max_f_{}, observed_{};
  std::uint64_t frames_ = 0;
};

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/range-inl.hpp>
#endif
