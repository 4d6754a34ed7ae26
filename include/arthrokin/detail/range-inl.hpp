/// @file range-inl.hpp
/// @brief Definitions of range.hpp (the range accumulator): compiled once into the library
///        (src/core/range.cpp), or included by the header in header-only mode (config.hpp).
#pragma once

#include <arthrokin/range.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace arthrokin {

ARTHROKIN_FUNC RangeAccumulator::RangeAccumulator(const RangeOptions& options) : options_(options) {
  const double w = to_radians(options.bin_width), lo = to_radians(options.histogram_low),
               hi = to_radians(options.histogram_high);
  if (!(std::isfinite(w) && w > 0))
    detail::raise("RangeAccumulator: bin_width must be finite and positive, got " + std::to_string(rad_to_deg(w)) +
                  " deg");
  if (!(std::isfinite(lo) && std::isfinite(hi) && lo < hi))
    detail::raise("RangeAccumulator: the histogram range must be finite and increasing, got [" +
                  std::to_string(rad_to_deg(lo)) + ", " + std::to_string(rad_to_deg(hi)) + ") deg");
  const double nb = std::ceil((hi - lo) / w);
  if (!(nb <= static_cast<double>(max_bins)))
    detail::raise("RangeAccumulator: the histogram would have " + std::to_string(nb) + " bins per DoF, at most " +
                  std::to_string(max_bins) + " (widen bin_width or narrow the range)");
  const double pl = options.robust_low_percent, ph = options.robust_high_percent;
  if (!(pl >= 0 && pl <= ph && ph <= 100))
    detail::raise("RangeAccumulator: percentiles must satisfy 0 <= low <= high <= 100, got " + std::to_string(pl) +
                  " and " + std::to_string(ph));
  low_ = lo;
  width_ = w;
  inv_width_ = 1.0 / w;
  bins_ = static_cast<std::size_t>(nb);
  counts_.assign(dof_count * (bins_ + 2), 0u);
  reset();
}

ARTHROKIN_FUNC void RangeAccumulator::reset() noexcept {
  std::fill(counts_.begin(), counts_.end(), 0u);
  min_.fill(std::numeric_limits<double>::infinity());
  max_.fill(-std::numeric_limits<double>::infinity());
  min_t_.fill(std::numeric_limits<double>::quiet_NaN());
  max_t_.fill(std::numeric_limits<double>::quiet_NaN());
  min_f_.fill(std::numeric_limits<std::uint64_t>::max());
  max_f_.fill(std::numeric_limits<std::uint64_t>::max());
  observed_.fill(0);
  frames_ = 0;
}

ARTHROKIN_FUNC void RangeAccumulator::throw_full(std::uint64_t adding) const {
  detail::raise("RangeAccumulator: " + std::to_string(frames_) + " frames plus " + std::to_string(adding) +
                " would pass the limit of " + std::to_string(max_frames) +
                " frames per accumulator (merge accumulators of parts instead)");
}

ARTHROKIN_FUNC void RangeAccumulator::add_row(const double* row, std::uint64_t frame, double time_s) noexcept {
  const std::size_t stride = bins_ + 2;
  const double nb = static_cast<double>(bins_);
  std::uint32_t* c = counts_.data();
  for (std::size_t i = 0; i < dof_count; ++i, c += stride) {
    const double v = row[i];
    if (v != v) continue;  // unknown: skipped, never zero
    ++observed_[i];
    if (v <= min_[i]) [[unlikely]] {
      if (v < min_[i] || frame < min_f_[i]) {
        min_[i] = v;
        min_f_[i] = frame;
        min_t_[i] = time_s;
      }
    }
    if (v >= max_[i]) [[unlikely]] {
      if (v > max_[i] || frame < max_f_[i]) {
        max_[i] = v;
        max_f_[i] = frame;
        max_t_[i] = time_s;
      }
    }
    const double t = (v - low_) * inv_width_;
    // bin 0: underflow; 1..bins_: regular; bins_ + 1: overflow
    const std::size_t b = t < 0 ? 0 : t >= nb ? bins_ + 1 : static_cast<std::size_t>(t) + 1;
    ++c[b];
  }
  ++frames_;
}

ARTHROKIN_FUNC void RangeAccumulator::add_batch(std::span<const double> rows, std::uint64_t first_frame,
                                                std::span<const double> times_s) {
  if (rows.size() % dof_count != 0)
    detail::raise("RangeAccumulator::add_batch: rows must hold a multiple of " + std::to_string(dof_count) +
                  " values, got " + std::to_string(rows.size()));
  const std::size_t n = rows.size() / dof_count;
  if (!times_s.empty() && times_s.size() != n)
    detail::raise("RangeAccumulator::add_batch: expected " + std::to_string(n) + " times, got " +
                  std::to_string(times_s.size()));
  for (std::size_t k = 0; k < times_s.size(); ++k)
    if (std::isinf(times_s[k]))
      detail::raise("RangeAccumulator::add_batch: time of pose " + std::to_string(k) +
                    " is infinite (NaN means not given)");
  if (n > max_frames - frames_) throw_full(n);
  if (const auto inf = find_infinity(rows)) throw infinite_value("RangeAccumulator::add_batch", *inf);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t k = 0; k < n; ++k)
    add_row(rows.data() + k * dof_count, first_frame + k, times_s.empty() ? nan : times_s[k]);
}

ARTHROKIN_FUNC void RangeAccumulator::merge(const RangeAccumulator& o) {
  if (o.low_ != low_ || o.width_ != width_ || o.bins_ != bins_ ||
      o.options_.robust_low_percent != options_.robust_low_percent ||
      o.options_.robust_high_percent != options_.robust_high_percent)
    detail::raise("RangeAccumulator::merge: the accumulators have different options (bins or percentiles)");
  if (o.frames_ > max_frames - frames_) throw_full(o.frames_);
  for (std::size_t k = 0; k < counts_.size(); ++k) counts_[k] += o.counts_[k];
  for (std::size_t i = 0; i < dof_count; ++i) {
    observed_[i] += o.observed_[i];
    if (o.min_[i] < min_[i] || (o.min_[i] == min_[i] && o.min_f_[i] < min_f_[i])) {
      min_[i] = o.min_[i];
      min_f_[i] = o.min_f_[i];
      min_t_[i] = o.min_t_[i];
    }
    if (o.max_[i] > max_[i] || (o.max_[i] == max_[i] && o.max_f_[i] < max_f_[i])) {
      max_[i] = o.max_[i];
      max_f_[i] = o.max_f_[i];
      max_t_[i] = o.max_t_[i];
    }
  }
  frames_ += o.frames_;
}

ARTHROKIN_FUNC double RangeAccumulator::percentile(std::size_t i, double percent) const noexcept {
  const std::uint64_t n = observed_[i];
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  // nearest rank: k = max(1, ceil(p/100 · n))
  const double kd = std::ceil(percent / 100.0 * static_cast<double>(n));
  const std::uint64_t k = kd < 1 ? 1 : kd > static_cast<double>(n) ? n : static_cast<std::uint64_t>(kd);
  if (k == 1) return min_[i];
  if (k == n) return max_[i];
  const std::uint32_t* c = counts_.data() + i * (bins_ + 2);
  std::uint64_t cum = 0;
  for (std::size_t b = 0; b < bins_ + 2; ++b) {
    cum += c[b];
    if (cum < k) continue;
    if (b == 0 || b == bins_ + 1) return std::numeric_limits<double>::quiet_NaN();  // outside the histogram
    const double mid = low_ + (static_cast<double>(b - 1) + 0.5) * width_;
    return std::clamp(mid, min_[i], max_[i]);
  }
  return std::numeric_limits<double>::quiet_NaN();  // not reached: the bins hold n values
}

ARTHROKIN_FUNC DofRange RangeAccumulator::range(DofId d) const noexcept {
  const std::size_t i = index(d);
  DofRange r;
  r.dof = d;
  r.frames = frames_;
  r.observed = observed_[i];
  if (r.observed == 0) return r;
  r.min = min_[i];
  r.max = max_[i];
  r.min_frame = min_f_[i];
  r.max_frame = max_f_[i];
  r.min_time_s = min_t_[i];
  r.max_time_s = max_t_[i];
  r.robust_low = percentile(i, options_.robust_low_percent);
  r.robust_high = percentile(i, options_.robust_high_percent);
  return r;
}

}  // namespace arthrokin
