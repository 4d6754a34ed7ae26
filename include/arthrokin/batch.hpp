/// @file batch.hpp
/// @brief Batch range-of-motion checks over many poses at once, and batch
///        keypoints / segment rotations → joint angles, on contiguous raw
///        buffers (radians, NaN = unknown). No allocation per pose.
///
/// Layout of a batch of poses: N rows of `dof_count` (39) doubles, row-major,
/// one pose per row, indexed by `DofId`; NaN means not observed. This is the
/// memory of a C-ordered numpy array of shape (N, 39), of an
/// `Eigen::Matrix<double, Dynamic, 39, RowMajor>`, or of N consecutive
/// `PoseVector`s. Optionally N × 3 thoracolumbar totals (flexion, lateral
/// flexion, axial rotation; NaN = not set), the totals `Pose::set_thoracolumbar`
/// holds when the split between thoracic and lumbar spine is not known (e.g.
/// from keypoints).
///
/// Results are exactly those of `check()` on the same poses (tests/batch_test.cpp
/// compares them on thousands of random poses with unknowns, tolerance,
/// overrides, restrictions and added composites):
///  - per pose: the `Verdict` as one byte;
///  - per DoF and per composite: how many poses had each `Status`;
///  - per verdict: how many poses had it.
///
/// The kernel (`BatchChecker`) folds the tolerance into per-DoF bound arrays
/// once (`lower - tol`, `upper + tol`, ±∞ where there is no bound or the DoF is
/// not checked), so a pose costs one pass of branch-free SIMD compares over its
/// 39 values (SSE2: 20 two-lane blocks; AVX2: 10 four-lane blocks); only poses
/// with an unknown or out-of-range value take a second pass that counts per DoF
/// (after such a pose the first pass is retried every 16th pose only, so data
/// with a DoF that is never observed costs one pass, not two). Composite limits
/// are evaluated per pose with the same arithmetic as `evaluate()` / `check()`.
/// A value of ±∞ is not a valid angle (`Pose` rejects it); the batch classifies
/// it like any number. docs/performance.md has the figures.
///
/// Usage:
/// @code
///   const BatchChecker k(Limits::defaults().with_tolerance(2_deg));  // once
///   std::vector<std::uint8_t> verdict(n);
///   BatchCounts counts;
///   k.run(std::span<const double>(rows, n * 39), verdict, counts);  // or check_batch(limits, ...)
///   counts.count(DofId::left_hip_flexion_extension, Status::above);
/// @endcode
#pragma once

#include <arthrokin/check.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>
#include <arthrokin/kinematics/keypoints.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <span>
#include <thread>

// ---- the few vector operations of the batch kernel ------------------------------
// GCC 12 does not auto-vectorise double compares that feed integer reductions on
// the SSE2 baseline ("no vectype"), and lowers vector-extension mask arithmetic to
// scalar cmov; the kernel therefore uses intrinsics: AVX2 when the target has it
// (-march=x86-64-v3 / native), else SSE2 (every x86-64), else plain loops.
// Define ARTHROKIN_BATCH_SCALAR to force the plain loops.
#if !defined(ARTHROKIN_BATCH_SCALAR) && (defined(__AVX2__) || defined(__SSE2__))
#define ARTHROKIN_BATCH_SIMD 1
#include <immintrin.h>
namespace arthrokin::detail::batch_simd {
#if defined(__AVX2__)
inline constexpr std::size_t lanes = 4;
using D = __m256d;
using I = __m256i;
inline D zero() noexcept { return _mm256_setzero_pd(); }
inline D loadu(const double* p) noexcept { return _mm256_loadu_pd(p); }
/// The first 3 values of p (39 = 9·4 + 3); the 4th lane reads 0.
inline D load_tail(const double* p) noexcept { return _mm256_maskload_pd(p, _mm256_set_epi64x(0, -1, -1, -1)); }
inline D not_within(D v, D lo, D hi) noexcept {
  return _mm256_or_pd(_mm256_cmp_pd(v, lo, _CMP_NGE_UQ), _mm256_cmp_pd(v, hi, _CMP_NLE_UQ));
}
inline D gt(D a, D b) noexcept { return _mm256_cmp_pd(a, b, _CMP_GT_OQ); }
inline D lt(D a, D b) noexcept { return _mm256_cmp_pd(a, b, _CMP_LT_OQ); }
inline D unord(D a) noexcept { return _mm256_cmp_pd(a, a, _CMP_UNORD_Q); }
inline D andnot(D a, D b) noexcept { return _mm256_andnot_pd(a, b); }  // ~a & b
inline D or_(D a, D b) noexcept { return _mm256_or_pd(a, b); }
inline I count(I c, D mask) noexcept { return _mm256_sub_epi64(c, _mm256_castpd_si256(mask)); }  // mask lanes are -1
inline bool any(D m) noexcept { return _mm256_movemask_pd(m) != 0; }
inline void store(std::uint64_t* p, I c) noexcept { _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), c); }
#else
inline constexpr std::size_t lanes = 2;
using D = __m128d;
using I = __m128i;
inline D zero() noexcept { return _mm_setzero_pd(); }
inline D loadu(const double* p) noexcept { return _mm_loadu_pd(p); }
/// The first value of p (39 = 19·2 + 1); the 2nd lane reads 0.
inline D load_tail(const double* p) noexcept { return _mm_load_sd(p); }
inline D not_within(D v, D lo, D hi) noexcept { return _mm_or_pd(_mm_cmpnge_pd(v, lo), _mm_cmpnle_pd(v, hi)); }
inline D gt(D a, D b) noexcept { return _mm_cmpgt_pd(a, b); }
inline D lt(D a, D b) noexcept { return _mm_cmplt_pd(a, b); }
inline D unord(D a) noexcept { return _mm_cmpunord_pd(a, a); }
inline D andnot(D a, D b) noexcept { return _mm_andnot_pd(a, b); }
inline D or_(D a, D b) noexcept { return _mm_or_pd(a, b); }
inline I count(I c, D mask) noexcept { return _mm_sub_epi64(c, _mm_castpd_si128(mask)); }
inline bool any(D m) noexcept { return _mm_movemask_pd(m) != 0; }
inline void store(std::uint64_t* p, I c) noexcept { _mm_storeu_si128(reinterpret_cast<__m128i*>(p), c); }
#endif
}  // namespace arthrokin::detail::batch_simd
#else
#define ARTHROKIN_BATCH_SIMD 0
namespace arthrokin::detail::batch_simd {
inline constexpr std::size_t lanes = 1;
}
#endif

namespace arthrokin {

/// Counts of a batch check. Indexing: `dof[index(d)][static_cast<int>(Status::x)]`.
struct BatchCounts {
  static constexpr std::size_t status_count = 6;
  std::array<std::array<std::uint64_t, status_count>, dof_count> dof{};
  std::array<std::array<std::uint64_t, status_count>, Limits::max_composites> composite{};
  std::array<std::uint64_t, 3> verdict{};  ///< per `Verdict`
  std::uint64_t poses = 0;

  [[nodiscard]] std::uint64_t count(DofId d, Status s) const noexcept {
    return dof[index(d)][static_cast<std::size_t>(s)];
  }
  [[nodiscard]] std::uint64_t count(Verdict v) const noexcept { return verdict[static_cast<std::size_t>(v)]; }
  BatchCounts& operator+=(const BatchCounts& o) noexcept {
    for (std::size_t i = 0; i < dof_count; ++i)
      for (std::size_t s = 0; s < status_count; ++s) dof[i][s] += o.dof[i][s];
    for (std::size_t k = 0; k < Limits::max_composites; ++k)
      for (std::size_t s = 0; s < status_count; ++s) composite[k][s] += o.composite[k][s];
    for (std::size_t v = 0; v < 3; ++v) verdict[v] += o.verdict[v];
    poses += o.poses;
    return *this;
  }
};

/// Options of a batch check.
struct BatchOptions {
  /// Worker threads (std::thread over contiguous row blocks); 1 = the calling thread
  /// only (no allocation at all). 0 = std::thread::hardware_concurrency().
  unsigned threads = 1;
  /// Below this many poses per thread the work is not split.
  std::size_t min_rows_per_thread = 16384;
};

/// `Limits` compiled for the batch kernel: tolerance folded into bounds, composites
/// resolved to DoF indices. Cheap to build (a few hundred bytes); build once, use for
/// any number of batches. Keeps no reference to the `Limits`.
class BatchChecker {
 public:
  static constexpr std::size_t n = dof_count;

  explicit BatchChecker(const Limits& limits) noexcept {
    const double tol = limits.tolerance_radians();
    constexpr double inf = std::numeric_limits<double>::infinity();
    lo_t_.fill(-inf);  // padding lanes (39..39+) are always within and known
    hi_t_.fill(inf);
    for (std::size_t i = 0; i < n; ++i) {
      const auto d = static_cast<DofId>(i);
      const auto& l = limits[d];
      const bool has_lo = l.lower.has_value(), has_hi = l.upper.has_value();
      active_[i] = limits.active(d);
      limited_[i] = active_[i] && (has_lo || has_hi);
      // the same arithmetic as detail::classify: v > hi + tol, v < lo - tol
      lo_t_[i] = active_[i] && has_lo ? l.lower.radians - tol : -inf;
      hi_t_[i] = active_[i] && has_hi ? l.upper.radians + tol : inf;
      limited_mask_[i] = limited_[i] ? std::bit_cast<double>(~std::uint64_t{0}) : 0.0;
      any_limited_ = any_limited_ || limited_[i];
    }
    n_comp_ = limits.composite_count();
    for (std::size_t k = 0; k < n_comp_; ++k) {
      const auto& c = limits.composite(k);
      auto& cc = comp_[k];
      const bool has_lo = c.lower.has_value(), has_hi = c.upper.has_value();
      cc.limited = has_lo || has_hi;
      cc.lo_t = has_lo ? c.lower.radians - tol : -inf;
      cc.hi_t = has_hi ? c.upper.radians + tol : inf;
      if (!limits.composite_active(k) || c.kind == CompositeKind::full_arc) {
        cc.fixed = Status::not_checked;
        continue;
      }
      // thoracic + lumbar pair: the pose's thoracolumbar total (split sum, else the set total)
      if (c.term_count == 2 && c.terms[0].joint == Joint::thoracic && c.terms[1].joint == Joint::lumbar &&
          c.terms[0].axis == c.terms[1].axis && c.terms[0].coefficient == 1.0 && c.terms[1].coefficient == 1.0) {
        const auto t = find_dof(Joint::thoracic, c.terms[0].axis, Side::none);
        const auto l = find_dof(Joint::lumbar, c.terms[0].axis, Side::none);
        const int slot = c.terms[0].axis == Axis::flexion_extension ? 0
                         : c.terms[0].axis == Axis::lateral_flexion ? 1
                         : c.terms[0].axis == Axis::axial_rotation  ? 2
                                                                    : -1;
        if (!t || !l || slot < 0) {
          cc.fixed = Status::unknown;
          continue;
        }
        cc.tl_slot = slot;
        cc.terms = 2;
        cc.idx[0] = static_cast<std::uint8_t>(index(*t));
        cc.idx[1] = static_cast<std::uint8_t>(index(*l));
        continue;
      }
      for (std::size_t t = 0; t < c.term_count; ++t) {
        const auto d = find_dof(c.terms[t].joint, c.terms[t].axis, is_spinal(c.terms[t].joint) ? Side::none : c.side);
        if (!d) {
          cc.fixed = Status::unknown;
          break;
        }
        cc.idx[t] = static_cast<std::uint8_t>(index(*d));
        cc.coef[t] = c.terms[t].coefficient;
      }
      cc.terms = c.term_count;
    }
    for (std::size_t k = 0; k < n_comp_; ++k)
      if (comp_[k].fixed == Status::within) eval_[n_eval_++] = static_cast<std::uint8_t>(k);
  }

  /// Check `rows` (N × 39, row-major, radians, NaN unknown) into `verdicts` (N bytes,
  /// `Verdict` values) and add to `counts`. `thoracolumbar`: empty, or N × 3 totals.
  /// Throws `invalid_argument` on mismatched sizes. No allocation.
  void run(std::span<const double> rows, std::span<std::uint8_t> verdicts, BatchCounts& counts,
           std::span<const double> thoracolumbar = {}) const {
    const std::size_t count = validate(rows, verdicts, thoracolumbar);
    run_block(rows.data(), thoracolumbar.empty() ? nullptr : thoracolumbar.data(), verdicts.data(), count, counts);
  }

  /// The same, split over `options.threads` std::threads (allocates only the threads).
  void run(std::span<const double> rows, std::span<std::uint8_t> verdicts, BatchCounts& counts,
           std::span<const double> thoracolumbar, const BatchOptions& options) const {
    const std::size_t count = validate(rows, verdicts, thoracolumbar);
    unsigned t = options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.threads;
    const std::size_t min_rows = std::max<std::size_t>(1, options.min_rows_per_thread);
    t = static_cast<unsigned>(std::min<std::size_t>(t, std::max<std::size_t>(1, count / min_rows)));
    const double* tl = thoracolumbar.empty() ? nullptr : thoracolumbar.data();
    if (t <= 1) {
      run_block(rows.data(), tl, verdicts.data(), count, counts);
      return;
    }
    constexpr unsigned max_threads = 16;
    t = std::min(t, max_threads);
    std::array<BatchCounts, max_threads> part{};
    std::array<std::thread, max_threads> workers;
    const std::size_t per = (count + t - 1) / t;
    for (unsigned w = 1; w < t; ++w) {
      const std::size_t b = std::min(count, w * per), e = std::min(count, b + per);
      workers[w] = std::thread([&, w, b, e] {
        run_block(rows.data() + b * n, tl ? tl + b * 3 : nullptr, verdicts.data() + b, e - b, part[w]);
      });
    }
    run_block(rows.data(), tl, verdicts.data(), std::min(count, per), part[0]);
    for (unsigned w = 1; w < t; ++w) workers[w].join();
    for (unsigned w = 0; w < t; ++w) counts += part[w];
  }

  /// Verdict of one raw pose row (39 doubles) with optional totals (3 doubles or nullptr).
  [[nodiscard]] Verdict verdict(const double* pose, const double* tl = nullptr) const noexcept {
    BlockCounters unused;
    bool try_clean = true;
    return row<false>(pose, tl, unused, try_clean);
  }

 private:
  struct CompiledComposite {
    Status fixed = Status::within;  ///< within: evaluate; not_checked / unknown: always that status
    int tl_slot = -1;               ///< 0..2: thoracic + lumbar pair with a totals fallback
    bool limited = false;           ///< has a lower or an upper bound
    std::size_t terms = 0;
    std::array<std::uint8_t, 6> idx{};
    std::array<double, 6> coef{};
    double lo_t = 0, hi_t = 0;  ///< bounds with the tolerance folded in (±∞: none)
  };

  std::size_t validate(std::span<const double> rows, std::span<std::uint8_t> verdicts,
                       std::span<const double> thoracolumbar) const {
    if (rows.size() % n != 0)
      detail::raise("BatchChecker::run: rows must hold a multiple of " + std::to_string(n) + " doubles, got " +
                    std::to_string(rows.size()));
    const std::size_t count = rows.size() / n;
    if (verdicts.size() != count)
      detail::raise("BatchChecker::run: expected " + std::to_string(count) + " verdicts, got " +
                    std::to_string(verdicts.size()));
    if (!thoracolumbar.empty() && thoracolumbar.size() != 3 * count)
      detail::raise("BatchChecker::run: expected " + std::to_string(3 * count) + " thoracolumbar totals, got " +
                    std::to_string(thoracolumbar.size()));
    return count;
  }

  // 39 DoFs in blocks of `lanes` doubles; the last block is partial (its missing
  // lanes read as 0, within the ±∞ padding bounds and known).
  static constexpr std::size_t lanes = detail::batch_simd::lanes;
  static constexpr std::size_t blocks = (n + lanes - 1) / lanes, padded = blocks * lanes;
  static constexpr std::size_t full_blocks = n / lanes, tail = n % lanes;

  struct BlockCounters {
#if ARTHROKIN_BATCH_SIMD
    // C arrays: std::array<__m128i> drops the type's attributes (-Wignored-attributes)
    detail::batch_simd::I above[blocks]{}, below[blocks]{}, unknown[blocks]{};
#else
    std::array<std::uint64_t, padded> above{}, below{}, unknown{};
#endif
    std::array<std::uint64_t, Limits::max_composites> c_above{}, c_below{}, c_unknown{};
  };

#if ARTHROKIN_BATCH_SIMD
  static detail::batch_simd::D load(const double* x, std::size_t b) noexcept {
    return b < full_blocks ? detail::batch_simd::loadu(x + b * lanes) : detail::batch_simd::load_tail(x + b * lanes);
  }
#endif

  /// First pass over a pose: true when every value is known and within its bounds
  /// (inactive DoFs have ±∞ bounds, so only their NaN sends the pose to the second pass).
  [[nodiscard]] bool clean(const double* x) const noexcept {
#if ARTHROKIN_BATCH_SIMD
    namespace s = detail::batch_simd;
    s::D bad = s::zero();
    for (std::size_t b = 0; b < blocks; ++b)
      bad = s::or_(bad,
                   s::not_within(load(x, b), s::loadu(lo_t_.data() + b * lanes), s::loadu(hi_t_.data() + b * lanes)));
    return !s::any(bad);
#else
    int ok = 0;
    for (std::size_t j = 0; j < n; ++j) ok += (x[j] >= lo_t_[j]) & (x[j] <= hi_t_[j]);
    return ok == static_cast<int>(n);
#endif
  }

  /// Second pass: per-DoF counts. Returns whether a DoF is out of range; sets `checked`
  /// when a DoF with a limit is known.
  template <bool Count>
  bool count_dofs(const double* x, BlockCounters& c, bool& checked) const noexcept {
#if ARTHROKIN_BATCH_SIMD
    namespace s = detail::batch_simd;
    s::D out = s::zero(), known_limited = s::zero();
    for (std::size_t b = 0; b < blocks; ++b) {
      const s::D v = load(x, b);
      const s::D a = s::gt(v, s::loadu(hi_t_.data() + b * lanes));
      const s::D be = s::andnot(a, s::lt(v, s::loadu(lo_t_.data() + b * lanes)));
      const s::D u = s::unord(v);
      if constexpr (Count) {
        c.above[b] = s::count(c.above[b], a);
        c.below[b] = s::count(c.below[b], be);
        c.unknown[b] = s::count(c.unknown[b], u);
      }
      out = s::or_(out, s::or_(a, be));
      known_limited = s::or_(known_limited, s::andnot(u, s::loadu(limited_mask_.data() + b * lanes)));
    }
    checked = checked || s::any(known_limited);
    return s::any(out);
#else
    bool out = false;
    for (std::size_t j = 0; j < n; ++j) {
      const double v = x[j];
      const bool u = v != v, a = v > hi_t_[j], be = !a && v < lo_t_[j];
      if constexpr (Count) c.above[j] += a, c.below[j] += be, c.unknown[j] += u;
      out = out || a || be;
      checked = checked || (!u && limited_[j]);
    }
    return out;
#endif
  }

  /// Verdict of one pose; with `Count`, adds its unknown / out-of-range DoFs and composites to `c`.
  /// `try_clean`: run the first pass (false skips it: the caller saw dirty poses just before,
  /// e.g. a DoF the source never observes); set to whether this pose was clean.
  template <bool Count>
  [[nodiscard]] Verdict row(const double* x, const double* tl, BlockCounters& c, bool& try_clean) const noexcept {
    bool checked = false, out = false;
    if (try_clean && clean(x)) {
      checked = any_limited_;
    } else {
      try_clean = false;
      out = count_dofs<Count>(x, c, checked);
    }
    for (std::size_t m = 0; m < n_eval_; ++m) {
      const std::size_t k = eval_[m];
      const auto& cc = comp_[k];
      double value;
      if (cc.tl_slot >= 0) {
        const double t = x[cc.idx[0]], l = x[cc.idx[1]];
        value = t + l;
        if (value != value && tl && (t != t || l != l)) value = tl[cc.tl_slot];
      } else {
        double sum = 0;
        for (std::size_t t = 0; t < cc.terms; ++t) sum += cc.coef[t] * x[cc.idx[t]];
        value = sum;
      }
      // detail::classify with the tolerance folded in (±∞ where a composite has no bound)
      const bool a = value > cc.hi_t, be = !a && value < cc.lo_t, u = value != value;
      if constexpr (Count) {
        if (a | be | u) [[unlikely]] {
          c.c_above[k] += a;
          c.c_below[k] += be;
          c.c_unknown[k] += u;
        }
      }
      out = out || a || be;
      checked = checked || (!u && cc.limited);
    }
    return out ? Verdict::out_of_range : checked ? Verdict::within_range : Verdict::unknown;
  }

  void run_block(const double* rows, const double* tl, std::uint8_t* verdicts, std::size_t count,
                 BatchCounts& counts) const noexcept {
    BlockCounters c;
    std::uint64_t n_out = 0, n_within = 0;
    bool try_clean = true;
    for (std::size_t r = 0; r < count; ++r) {
      // after a dirty pose, try the first pass again only every 16th pose
      try_clean = try_clean || (r & 15) == 0;
      const Verdict v = row<true>(rows + r * n, tl ? tl + r * 3 : nullptr, c, try_clean);
      verdicts[r] = static_cast<std::uint8_t>(v);
      n_out += v == Verdict::out_of_range;
      n_within += v == Verdict::within_range;
    }
#if ARTHROKIN_BATCH_SIMD
    std::array<std::uint64_t, padded> c_above{}, c_below{}, c_unknown{};
    for (std::size_t b = 0; b < blocks; ++b) {
      detail::batch_simd::store(c_above.data() + b * lanes, c.above[b]);
      detail::batch_simd::store(c_below.data() + b * lanes, c.below[b]);
      detail::batch_simd::store(c_unknown.data() + b * lanes, c.unknown[b]);
    }
#else
    const auto& c_above = c.above;
    const auto& c_below = c.below;
    const auto& c_unknown = c.unknown;
#endif
    for (std::size_t j = 0; j < n; ++j) {
      auto& d = counts.dof[j];
      const std::uint64_t above = c_above[j], below = c_below[j], unknown = c_unknown[j];
      if (!active_[j]) {
        d[static_cast<std::size_t>(Status::not_checked)] += count;
      } else if (!limited_[j]) {
        d[static_cast<std::size_t>(Status::unknown)] += unknown;
        d[static_cast<std::size_t>(Status::no_limit)] += count - unknown;
      } else {
        d[static_cast<std::size_t>(Status::unknown)] += unknown;
        d[static_cast<std::size_t>(Status::above)] += above;
        d[static_cast<std::size_t>(Status::below)] += below;
        d[static_cast<std::size_t>(Status::within)] += count - unknown - above - below;
      }
    }
    for (std::size_t k = 0; k < n_comp_; ++k) {
      auto& d = counts.composite[k];
      const auto& cc = comp_[k];
      if (cc.fixed != Status::within) {
        d[static_cast<std::size_t>(cc.fixed)] += count;
        continue;
      }
      d[static_cast<std::size_t>(Status::unknown)] += c.c_unknown[k];
      d[static_cast<std::size_t>(Status::above)] += c.c_above[k];
      d[static_cast<std::size_t>(Status::below)] += c.c_below[k];
      d[static_cast<std::size_t>(cc.limited ? Status::within : Status::no_limit)] +=
          count - c.c_unknown[k] - c.c_above[k] - c.c_below[k];
    }
    counts.verdict[static_cast<std::size_t>(Verdict::out_of_range)] += n_out;
    counts.verdict[static_cast<std::size_t>(Verdict::within_range)] += n_within;
    counts.verdict[static_cast<std::size_t>(Verdict::unknown)] += count - n_out - n_within;
    counts.poses += count;
  }

  alignas(64) std::array<double, padded> lo_t_{};
  alignas(64) std::array<double, padded> hi_t_{};
  alignas(64) std::array<double, padded> limited_mask_{};  ///< all-ones bits where limited
  std::array<bool, n> active_{};
  std::array<bool, n> limited_{};
  bool any_limited_ = false;
  std::size_t n_comp_ = 0;
  std::array<CompiledComposite, Limits::max_composites> comp_{};
  std::size_t n_eval_ = 0;                                   ///< composites evaluated per pose
  std::array<std::uint8_t, Limits::max_composites> eval_{};  ///< their indices
};

/// Check N poses (N × 39 row-major radians, NaN unknown) against `limits`: one
/// `Verdict` byte per pose into `verdicts`, and the counts added to `counts`.
/// `thoracolumbar`: empty, or N × 3 totals (see the file comment).
inline void check_batch(const Limits& limits, std::span<const double> poses, std::span<std::uint8_t> verdicts,
                        BatchCounts& counts, std::span<const double> thoracolumbar = {},
                        const BatchOptions& options = {}) {
  BatchChecker(limits).run(poses, verdicts, counts, thoracolumbar, options);
}

/// Row-major N × 39 matrix of poses.
using PoseBatch = Eigen::Matrix<double, Eigen::Dynamic, static_cast<int>(dof_count), Eigen::RowMajor>;

/// The same on an Eigen row-major N × 39 matrix (a view: no copy).
inline void check_batch(const Limits& limits, const Eigen::Ref<const PoseBatch>& poses,
                        std::span<std::uint8_t> verdicts, BatchCounts& counts, const BatchOptions& options = {}) {
  check_batch(limits, std::span<const double>(poses.data(), static_cast<std::size_t>(poses.size())), verdicts, counts,
              {}, options);
}

// ---- batch keypoints / rotations → angles ------------------------------------

/// Keypoints of N frames → N poses. `xyz`: N × K × 3 (K = keypoint_count(layout)),
/// `visibility`: empty or N × K; `out`: N × 39 radians (NaN unknown);
/// `thoracolumbar`: empty or N × 3 totals (NaN where not set). The per-frame path
/// (`keypoint_angles`) in a loop; no allocation.
inline void keypoint_angles_batch(Layout layout, std::span<const double> xyz, std::span<const double> visibility,
                                  std::span<double> out, std::span<double> thoracolumbar = {},
                                  const KeypointOptions& options = {}) {
  const std::size_t k = keypoint_count(layout);
  const std::size_t frames = xyz.size() / (3 * k);
  if (xyz.size() != frames * 3 * k)
    detail::raise("keypoint_angles_batch: xyz size " + std::to_string(xyz.size()) + " is not a multiple of " +
                  std::to_string(3 * k));
  if (!visibility.empty() && visibility.size() != frames * k)
    detail::raise("keypoint_angles_batch: expected " + std::to_string(frames * k) + " visibilities");
  if (out.size() != frames * dof_count)
    detail::raise("keypoint_angles_batch: expected " + std::to_string(frames * dof_count) + " outputs");
  if (!thoracolumbar.empty() && thoracolumbar.size() != frames * 3)
    detail::raise("keypoint_angles_batch: expected " + std::to_string(frames * 3) + " thoracolumbar totals");
  for (std::size_t f = 0; f < frames; ++f) {
    const KeypointView view{layout, xyz.subspan(f * 3 * k, 3 * k),
                            visibility.empty() ? std::span<const double>{} : visibility.subspan(f * k, k)};
    const JointAngles a = keypoint_angles(view, options);
    Eigen::Map<PoseVector>(out.data() + f * dof_count) = a.pose.as_radians();
    if (!thoracolumbar.empty())
      Eigen::Map<Eigen::Vector3d>(thoracolumbar.data() + f * 3) = a.pose.thoracolumbar_radians();
  }
}

/// Segment rotations of N frames → N poses. `quaternions`: N × 16 × 4 doubles, one
/// unit quaternion per `Segment` in Eigen's coefficient order (x, y, z, w; SciPy's
/// scalar-last order), R_global_segment; a quaternion with a NaN is a missing segment.
/// `out`: N × 39; `thoracolumbar`: empty or N × 3. No allocation.
inline void joint_angles_batch(std::span<const double> quaternions, std::span<double> out,
                               std::span<double> thoracolumbar = {}, const JointAngleOptions& options = {}) {
  constexpr std::size_t per = segment_count * 4;
  const std::size_t frames = quaternions.size() / per;
  if (quaternions.size() != frames * per)
    detail::raise("joint_angles_batch: quaternions size " + std::to_string(quaternions.size()) +
                  " is not a multiple of 64");
  if (out.size() != frames * dof_count)
    detail::raise("joint_angles_batch: expected " + std::to_string(frames * dof_count) + " outputs");
  if (!thoracolumbar.empty() && thoracolumbar.size() != frames * 3)
    detail::raise("joint_angles_batch: expected " + std::to_string(frames * 3) + " thoracolumbar totals");
  SegmentOrientations seg;
  for (std::size_t f = 0; f < frames; ++f) {
    const double* q = quaternions.data() + f * per;
    for (std::size_t s = 0; s < segment_count; ++s) {
      seg.q_global_segment[s].coeffs() = Eigen::Map<const Eigen::Vector4d>(q + 4 * s);
      seg.known.set(s, seg.q_global_segment[s].coeffs().allFinite());
    }
    const JointAngles a = joint_angles(seg, options);
    Eigen::Map<PoseVector>(out.data() + f * dof_count) = a.pose.as_radians();
    if (!thoracolumbar.empty())
      Eigen::Map<Eigen::Vector3d>(thoracolumbar.data() + f * 3) = a.pose.thoracolumbar_radians();
  }
}

}  // namespace arthrokin
