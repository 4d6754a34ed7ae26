/// @file batch.hpp
/// @brief Batch range-of-motion checks over many poses at once, and batch
///        keypoints / segment rotations → joint angles, on contiguous raw
///        buffers (radians, NaN = unknown). No allocation per pose.
///
/// Layout of a batch of poses: N rows of `dof_count` (39) doubles, row-major,
/// one pose per row, indexed by `DofId`; NaN means not observed. This is the
/// memory of a C-ordered numpy array of shape (N, dof_count), of an
/// `Eigen::Matrix<double, Dynamic, dof_count, RowMajor>` (`PoseBatch`), or of N consecutive
/// `PoseVector`s. Optionally N × 3 thoracolumbar totals (flexion, lateral
/// flexion, axial rotation; NaN = not set), the totals `Pose::set_thoracolumbar`
/// holds when the split between thoracic and lumbar spine is not known (e.g.
/// from keypoints).
///
/// Results are exactly those of `check()` on the same poses (tests/batch_test.cpp
/// compares them on thousands of random poses with unknowns, tolerance,
/// overrides, restrictions and added composites):
///  - per pose: the `Verdict` as one byte;
///  - per pose, if asked (`BatchStatuses`): the `Status` of each DoF and composite;
///  - per DoF and per composite: how many poses had each `Status`;
///  - per verdict: how many poses had it.
///
/// **±∞ rule** (the same in the Python module and the C API, which call `run()`):
/// NaN means unknown (in totals: not set); ±∞ anywhere in the input is an error.
/// `run()` scans the whole input first (SIMD, at memory speed; each thread its
/// own rows) and, if it finds ±∞, throws `infinite_value` naming the first such
/// pose and its DoF or thoracolumbar axis ("pose 12, left_hip_flexion_extension
/// is infinite (NaN means unknown)", the same for any thread count) **before
/// writing anything**: verdicts, statuses and counts are untouched. `verdict()`
/// applies the same rule to its row. `find_infinity()` is the scan.
///
/// The kernel (`BatchChecker`) folds the tolerance into per-DoF bound arrays
/// once (`lower - tol`, `upper + tol`, ±∞ where there is no bound or the DoF is
/// not checked), so a pose costs one pass of branch-free SIMD compares over its
/// `dof_count` values (39: SSE2 20 two-lane blocks, AVX2 10 four-lane blocks, the
/// last one partial: `dof_count % lanes` values are loaded, nothing past the row); only poses
/// with an unknown or out-of-range value take a second pass that counts per DoF
/// (after such a pose the first pass is retried every 16th pose only, so data
/// with a DoF that is never observed costs one pass, not two). Composite limits
/// are evaluated per pose with the same arithmetic as `evaluate()` / `check()`.
/// On GCC x86-64 builds below AVX2 an AVX2 copy of the
/// kernel is compiled too and chosen at run time when the CPU has AVX2
/// (`BatchIsa`). docs/performance.md has the figures.
///
/// Usage:
/// @code
///   const BatchChecker k(Limits::defaults().with_tolerance(2_deg));  // once
///   std::vector<std::uint8_t> verdict(n);
///   BatchCounts counts;
///   k.run(std::span<const double>(rows, n * dof_count), verdict, counts);  // or check_batch(limits, ...)
///   counts.count(DofId::left_hip_flexion_extension, Status::above);
///   std::vector<std::uint8_t> status(n * dof_count), comp(n * k.composite_count());  // per-pose statuses too
///   k.run(rows_span, verdict, BatchStatuses{status, comp}, counts, {}, BatchOptions{.threads = 2});
/// @endcode
#pragma once

#include <arthrokin/check.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>
#include <arthrokin/kinematics/keypoints.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <latch>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <type_traits>

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

/// Instruction set of the batch kernel.
enum class BatchIsa : std::uint8_t {
  best,      ///< AVX2 when the CPU has it (checked once at run time), else the build's baseline
  baseline,  ///< what the build targets: SSE2 on x86-64 unless -mavx2 / -march says more; plain C++ elsewhere
};

/// Per-pose statuses a batch check writes besides the verdicts (`BatchChecker::run`).
struct BatchStatuses {
  std::span<std::uint8_t> dof;        ///< empty, or N × dof_count `Status` bytes (row-major, like the poses)
  std::span<std::uint8_t> composite;  ///< empty, or N × `composite_count()` `Status` bytes
};

/// Options of a batch check.
struct BatchOptions {
  /// Worker threads (std::thread over contiguous row blocks); 1 = the calling thread
  /// only (no allocation at all). 0 = std::thread::hardware_concurrency().
  unsigned threads = 1;
  /// Below this many poses per thread the work is not split.
  std::size_t min_rows_per_thread = 16384;
  /// Kernel instruction set (results are identical; tests run both).
  BatchIsa isa = BatchIsa::best;
};

}  // namespace arthrokin

namespace arthrokin::detail {
/// A composite limit resolved for the batch kernel.
struct BatchComposite {
  Status fixed = Status::within;  ///< within: evaluate per pose; not_checked / unknown: always that status
  int tl_slot = -1;               ///< 0..2: thoracic + lumbar pair, with the totals fallback
  bool limited = false;           ///< has a lower or an upper bound
  std::size_t terms = 0;
  std::array<std::uint8_t, 6> idx{};
  std::array<double, 6> coef{};
  double lo_t = 0, hi_t = 0;  ///< bounds with the tolerance folded in (±∞: none)
};
/// Lanes of the widest batch kernel (AVX2: four doubles).
inline constexpr std::size_t batch_max_lanes = 4;
/// What the kernel reads: per-DoF bounds with the tolerance folded in, padded to a
/// whole number of vectors of every kernel (`dof_count` rounded up to `batch_max_lanes`:
/// 39 → 40), so that the bound tables are always read with full-width loads.
struct BatchTables {
  static constexpr std::size_t padded = (dof_count + batch_max_lanes - 1) / batch_max_lanes * batch_max_lanes;
  alignas(64) std::array<double, padded> lo_t{};
  alignas(64) std::array<double, padded> hi_t{};
  alignas(64) std::array<double, padded> limited_mask{};  ///< all bits set where the DoF is checked and has a limit
  bool any_limited = false;
  std::size_t n_eval = 0;                                   ///< composites evaluated per pose
  std::array<std::uint8_t, Limits::max_composites> eval{};  ///< their indices
  std::array<BatchComposite, Limits::max_composites> comp{};
};
/// Raw counts of one block of poses (converted to `BatchCounts` by the checker).
struct BatchBlockResult {
  std::array<std::uint64_t, BatchTables::padded> above{}, below{}, unknown{};
  std::array<std::uint64_t, Limits::max_composites> c_above{}, c_below{}, c_unknown{};
  std::uint64_t n_out = 0, n_within = 0;
};
/// What the kernel reads to write each pose's statuses (`BatchChecker::run` with `BatchStatuses`).
struct BatchStatusTables {
  alignas(64) std::array<std::int64_t, BatchTables::padded> known{};    ///< Status of a known value within bounds
  alignas(64) std::array<std::int64_t, BatchTables::padded> unknown{};  ///< Status of NaN: unknown or not_checked
  std::array<std::uint8_t, BatchTables::padded> clean{};                ///< `known` as bytes: a clean pose's statuses
  std::array<std::uint8_t, Limits::max_composites> composite{};         ///< fixed composite statuses (others: per pose)
  std::size_t composites = 0;                                           ///< composite count of the limits
  std::array<std::uint8_t, Limits::max_composites> fixed{};             ///< indices of the fixed ones
  std::size_t n_fixed = 0;
};
/// Where the kernel writes statuses: `dof` count × dof_count bytes, `composite` count × composites bytes; null: not
/// wanted.
struct BatchStatusOut {
  const BatchStatusTables* t = nullptr;
  std::uint8_t* dof = nullptr;
  std::uint8_t* composite = nullptr;
};
}  // namespace arthrokin::detail

// ---- the kernel, once per instruction set (detail/batch_kernel.hpp) ---------------
/// Poses ahead that the kernel prefetches (0: none). 8–32 gave 17–20% more
/// poses/s from memory on the test machine, and no change in cache.
#ifndef ARTHROKIN_BATCH_PREFETCH_ROWS
#define ARTHROKIN_BATCH_PREFETCH_ROWS 16
#endif
// ARTHROKIN_BATCH_SCALAR forces the plain C++ kernel; ARTHROKIN_BATCH_NO_DISPATCH
// keeps the build's baseline (no AVX2 copy compiled with #pragma GCC target).
#if !defined(ARTHROKIN_BATCH_SCALAR) && (defined(__AVX2__) || defined(__SSE2__))
#include <immintrin.h>
#endif
#if defined(ARTHROKIN_BATCH_SCALAR) || !(defined(__AVX2__) || defined(__SSE2__))
#define ARTHROKIN_BATCH_KERNEL_ISA 0
#define ARTHROKIN_BATCH_BASELINE_NAME "scalar"
#elif defined(__AVX2__)
#define ARTHROKIN_BATCH_KERNEL_ISA 2
#define ARTHROKIN_BATCH_BASELINE_NAME "avx2"
#else
#define ARTHROKIN_BATCH_KERNEL_ISA 1
#define ARTHROKIN_BATCH_BASELINE_NAME "sse2"
#endif
#define ARTHROKIN_BATCH_KERNEL_NS batch_baseline
#include <arthrokin/detail/batch_kernel.hpp>
#undef ARTHROKIN_BATCH_KERNEL_NS
#undef ARTHROKIN_BATCH_KERNEL_ISA
#if !defined(ARTHROKIN_BATCH_SCALAR) && !defined(ARTHROKIN_BATCH_NO_DISPATCH) && !defined(__AVX2__) && \
    defined(__SSE2__) && defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define ARTHROKIN_BATCH_DISPATCH 1
#pragma GCC push_options
#pragma GCC target("avx2")
#define ARTHROKIN_BATCH_KERNEL_ISA 2
#define ARTHROKIN_BATCH_KERNEL_NS batch_avx2
#include <arthrokin/detail/batch_kernel.hpp>
#undef ARTHROKIN_BATCH_KERNEL_NS
#undef ARTHROKIN_BATCH_KERNEL_ISA
#pragma GCC pop_options
#else
#define ARTHROKIN_BATCH_DISPATCH 0
#endif

namespace arthrokin::detail {
/// True when `isa` selects the AVX2 copy compiled next to a lower baseline.
inline bool batch_use_avx2([[maybe_unused]] BatchIsa isa) noexcept {
#if ARTHROKIN_BATCH_DISPATCH
  static const bool has_avx2 = __builtin_cpu_supports("avx2");
  return isa == BatchIsa::best && has_avx2;
#else
  return false;
#endif
}
inline void batch_run_block(const BatchTables& t, const double* rows, const double* tl, std::uint8_t* verdicts,
                            std::size_t count, BatchBlockResult& r, [[maybe_unused]] BatchIsa isa) noexcept {
#if ARTHROKIN_BATCH_DISPATCH
  if (batch_use_avx2(isa)) return batch_avx2::run_block(t, rows, tl, verdicts, count, r);
#endif
  batch_baseline::run_block(t, rows, tl, verdicts, count, r);
}
/// batch_run_block, writing each pose's statuses into `so` too.
inline void batch_run_block_statuses(const BatchTables& t, const double* rows, const double* tl, std::uint8_t* verdicts,
                                     std::size_t count, BatchBlockResult& r, [[maybe_unused]] BatchIsa isa,
                                     const BatchStatusOut& so) noexcept {
#if ARTHROKIN_BATCH_DISPATCH
  if (batch_use_avx2(isa)) return batch_avx2::run_block<true>(t, rows, tl, verdicts, count, r, so);
#endif
  batch_baseline::run_block<true>(t, rows, tl, verdicts, count, r, so);
}
/// Index of the first ±∞ in p[0, count), or count.
inline std::size_t batch_first_infinite(const double* p, std::size_t count) noexcept {
#if ARTHROKIN_BATCH_DISPATCH
  if (batch_use_avx2(BatchIsa::best)) return batch_avx2::first_infinite(p, count);
#endif
  return batch_baseline::first_infinite(p, count);
}
inline Verdict batch_verdict(const BatchTables& t, const double* x, const double* tl,
                             [[maybe_unused]] BatchIsa isa) noexcept {
#if ARTHROKIN_BATCH_DISPATCH
  if (batch_use_avx2(isa)) return batch_avx2::verdict(t, x, tl);
#endif
  return batch_baseline::verdict(t, x, tl);
}
}  // namespace arthrokin::detail

namespace arthrokin {

// ---- the ±∞ rule (file comment) -----------------------------------------------------

/// Where a batch holds its first ±∞.
struct BatchInfinity {
  std::size_t pose = 0;        ///< row
  std::size_t column = 0;      ///< DoF index, or thoracolumbar axis (0 flexion, 1 lateral flexion, 2 rotation)
  bool thoracolumbar = false;  ///< in the N × 3 totals, not in the poses
};

/// The first ±∞ of `rows` (N × dof_count) and `thoracolumbar` (empty or N × 3) in row order (within a
/// row, its DoFs before its totals); nullopt when every value is finite or NaN. SIMD scan, no allocation.
[[nodiscard]] inline std::optional<BatchInfinity> find_infinity(std::span<const double> rows,
                                                                std::span<const double> thoracolumbar = {}) noexcept {
  const std::size_t r = detail::batch_first_infinite(rows.data(), rows.size());
  const std::size_t r_row = r < rows.size() ? r / dof_count : rows.size() / dof_count + 1;
  // totals: only the rows up to the first bad pose row
  const std::size_t t_len = std::min(thoracolumbar.size(), r_row * 3);
  const std::size_t t = detail::batch_first_infinite(thoracolumbar.data(), t_len);
  if (t < t_len) return BatchInfinity{t / 3, t % 3, true};
  if (r < rows.size()) return BatchInfinity{r_row, r % dof_count, false};
  return std::nullopt;
}

/// "pose 12, left_hip_flexion_extension is infinite (NaN means unknown)", or "pose 3,
/// thoracolumbar axial_rotation is infinite (NaN means not set)"; without "pose i, " when
/// `single_pose`.
[[nodiscard]] inline std::string describe(const BatchInfinity& w, bool single_pose = false) {
  std::string s = single_pose ? std::string() : "pose " + std::to_string(w.pose) + ", ";
  if (w.thoracolumbar) {
    constexpr Axis axes[3] = {Axis::flexion_extension, Axis::lateral_flexion, Axis::axial_rotation};
    s.append("thoracolumbar ").append(to_string(axes[w.column % 3])).append(" is infinite (NaN means not set)");
  } else {
    s.append(to_string(static_cast<DofId>(w.column))).append(" is infinite (NaN means unknown)");
  }
  return s;
}

/// ±∞ in the input of `BatchChecker::run` / `verdict`, thrown before anything is written.
/// what(): "BatchChecker::run: " + describe(where).
class infinite_value : public invalid_argument {
 public:
  infinite_value(std::string_view function, const BatchInfinity& w, bool single_pose = false)
      : invalid_argument(std::string(function) + ": " + describe(w, single_pose)), where(w) {}
  BatchInfinity where;  ///< the first ±∞
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
    t_.lo_t.fill(-inf);  // padding lanes (dof_count..padded) are always within and known
    t_.hi_t.fill(inf);
    for (std::size_t i = 0; i < n; ++i) {
      const auto d = static_cast<DofId>(i);
      const auto& l = limits[d];
      const bool has_lo = l.lower.has_value(), has_hi = l.upper.has_value();
      active_[i] = limits.active(d);
      limited_[i] = active_[i] && (has_lo || has_hi);
      // the same arithmetic as detail::classify: v > hi + tol, v < lo - tol
      t_.lo_t[i] = active_[i] && has_lo ? l.lower.radians - tol : -inf;
      t_.hi_t[i] = active_[i] && has_hi ? l.upper.radians + tol : inf;
      t_.limited_mask[i] = limited_[i] ? std::bit_cast<double>(~std::uint64_t{0}) : 0.0;
      t_.any_limited = t_.any_limited || limited_[i];
    }
    n_comp_ = limits.composite_count();
    for (std::size_t k = 0; k < n_comp_; ++k) {
      const auto& c = limits.composite(k);
      auto& cc = t_.comp[k];
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
      if (t_.comp[k].fixed == Status::within) t_.eval[t_.n_eval++] = static_cast<std::uint8_t>(k);
    // per-pose statuses (BatchStatuses): the same decisions as check()
    for (std::size_t i = 0; i < n; ++i) {
      const Status known = !active_[i] ? Status::not_checked : limited_[i] ? Status::within : Status::no_limit;
      st_.known[i] = static_cast<std::int64_t>(known);
      st_.unknown[i] = static_cast<std::int64_t>(active_[i] ? Status::unknown : Status::not_checked);
      st_.clean[i] = static_cast<std::uint8_t>(known);
    }
    st_.composites = n_comp_;
    for (std::size_t k = 0; k < n_comp_; ++k) {
      st_.composite[k] = static_cast<std::uint8_t>(t_.comp[k].fixed);
      if (t_.comp[k].fixed != Status::within) st_.fixed[st_.n_fixed++] = static_cast<std::uint8_t>(k);
    }
  }

  /// Composite limits of the `Limits` (the width of `BatchStatuses::composite`).
  [[nodiscard]] std::size_t composite_count() const noexcept { return n_comp_; }

  /// Check `rows` (N × dof_count, row-major, radians, NaN unknown) into `verdicts` (N bytes,
  /// `Verdict` values) and add to `counts`. `thoracolumbar`: empty, or N × 3 totals.
  /// Throws `invalid_argument` on mismatched sizes and `infinite_value` on ±∞ (nothing
  /// written). No allocation.
  void run(std::span<const double> rows, std::span<std::uint8_t> verdicts, BatchCounts& counts,
           std::span<const double> thoracolumbar = {}) const {
    run(rows, verdicts, BatchStatuses{}, counts, thoracolumbar, BatchOptions{});
  }

  /// The same, split over `options.threads` std::threads (allocates only the threads).
  void run(std::span<const double> rows, std::span<std::uint8_t> verdicts, BatchCounts& counts,
           std::span<const double> thoracolumbar, const BatchOptions& options) const {
    run(rows, verdicts, BatchStatuses{}, counts, thoracolumbar, options);
  }

  /// The same, also writing each pose's `Status` per DoF and per composite limit into
  /// `statuses` (each span empty or sized N × dof_count / N × composite_count()); they equal the
  /// `Report` of `check()`. Every run() comes here: the ±∞ scan, the thread split and the kernel.
  void run(std::span<const double> rows, std::span<std::uint8_t> verdicts, const BatchStatuses& statuses,
           BatchCounts& counts, std::span<const double> thoracolumbar = {}, const BatchOptions& options = {}) const {
    const std::size_t count = validate(rows, verdicts, thoracolumbar, statuses);
    const bool with_tl = !thoracolumbar.empty();
    // rows [b, e): the kernel, with the statuses of those rows
    const auto check_rows = [&](std::size_t b, std::size_t e, BatchCounts& c) noexcept {
      const detail::BatchStatusOut so{&st_, statuses.dof.empty() ? nullptr : statuses.dof.data() + b * n,
                                      statuses.composite.empty() ? nullptr : statuses.composite.data() + b * n_comp_};
      run_block(rows.data() + b * n, with_tl ? thoracolumbar.data() + b * 3 : nullptr, verdicts.data() + b, e - b, c,
                options.isa, so);
    };
    // rows [b, e): the first ±∞, as a pose index of the whole batch
    const auto scan = [&](std::size_t b, std::size_t e) noexcept {
      auto bad = find_infinity(rows.subspan(b * n, (e - b) * n),
                               with_tl ? thoracolumbar.subspan(b * 3, (e - b) * 3) : std::span<const double>{});
      if (bad) bad->pose += b;
      return bad;
    };
    unsigned t = options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.threads;
    const std::size_t min_rows = std::max<std::size_t>(1, options.min_rows_per_thread);
    t = static_cast<unsigned>(std::min<std::size_t>(t, std::max<std::size_t>(1, count / min_rows)));
    if (t <= 1) {
      if (const auto bad = scan(0, count)) throw infinite_value("BatchChecker::run", *bad);
      check_rows(0, count, counts);
      return;
    }
    constexpr unsigned max_threads = 16;
    t = std::min(t, max_threads);
    std::array<BatchCounts, max_threads> part{};
    std::array<std::optional<BatchInfinity>, max_threads> bad{};
    std::array<std::thread, max_threads> workers;
    std::latch scanned(static_cast<std::ptrdiff_t>(t));
    const std::size_t per = (count + t - 1) / t;
    const auto work = [&](unsigned w) noexcept {
      const std::size_t b = std::min(count, w * per), e = std::min(count, b + per);
      bad[w] = scan(b, e);
      scanned.arrive_and_wait();  // no thread writes before every row is scanned
      for (unsigned i = 0; i < t; ++i)
        if (bad[i]) return;
      check_rows(b, e, part[w]);
    };
    for (unsigned w = 1; w < t; ++w) workers[w] = std::thread(work, w);
    work(0);
    for (unsigned w = 1; w < t; ++w) workers[w].join();
    for (unsigned w = 0; w < t; ++w)  // blocks are in row order: the first is the batch's first
      if (bad[w]) throw infinite_value("BatchChecker::run", *bad[w]);
    for (unsigned w = 0; w < t; ++w) counts += part[w];
  }

  /// Verdict of one raw pose row (`dof_count` doubles) with optional totals (3 doubles or nullptr).
  /// Throws `infinite_value` on ±∞ (NaN: unknown).
  [[nodiscard]] Verdict verdict(const double* pose, const double* tl = nullptr, BatchIsa isa = BatchIsa::best) const {
    if (const auto bad = find_infinity({pose, n}, tl ? std::span<const double>(tl, 3) : std::span<const double>{}))
      throw infinite_value("BatchChecker::verdict", *bad, true);
    return detail::batch_verdict(t_, pose, tl, isa);
  }

  /// The kernel `isa` selects on this CPU: "avx2", "sse2" or "scalar".
  [[nodiscard]] static std::string_view kernel_name(BatchIsa isa = BatchIsa::best) noexcept {
    return detail::batch_use_avx2(isa) ? "avx2" : ARTHROKIN_BATCH_BASELINE_NAME;
  }

 private:
  std::size_t validate(std::span<const double> rows, std::span<std::uint8_t> verdicts,
                       std::span<const double> thoracolumbar, const BatchStatuses& statuses) const {
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
    if (!statuses.dof.empty() && statuses.dof.size() != n * count)
      detail::raise("BatchChecker::run: expected " + std::to_string(n * count) + " DoF statuses, got " +
                    std::to_string(statuses.dof.size()));
    if (!statuses.composite.empty() && statuses.composite.size() != n_comp_ * count)
      detail::raise("BatchChecker::run: expected " + std::to_string(n_comp_ * count) + " composite statuses, got " +
                    std::to_string(statuses.composite.size()));
    return count;
  }

  void run_block(const double* rows, const double* tl, std::uint8_t* verdicts, std::size_t count, BatchCounts& counts,
                 BatchIsa isa, const detail::BatchStatusOut& so) const noexcept {
    detail::BatchBlockResult r;
    if (so.dof || so.composite)
      detail::batch_run_block_statuses(t_, rows, tl, verdicts, count, r, isa, so);
    else
      detail::batch_run_block(t_, rows, tl, verdicts, count, r, isa);
    for (std::size_t j = 0; j < n; ++j) {
      auto& d = counts.dof[j];
      const std::uint64_t above = r.above[j], below = r.below[j], unknown = r.unknown[j];
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
      const auto& cc = t_.comp[k];
      if (cc.fixed != Status::within) {
        d[static_cast<std::size_t>(cc.fixed)] += count;
        continue;
      }
      d[static_cast<std::size_t>(Status::unknown)] += r.c_unknown[k];
      d[static_cast<std::size_t>(Status::above)] += r.c_above[k];
      d[static_cast<std::size_t>(Status::below)] += r.c_below[k];
      d[static_cast<std::size_t>(cc.limited ? Status::within : Status::no_limit)] +=
          count - r.c_unknown[k] - r.c_above[k] - r.c_below[k];
    }
    counts.verdict[static_cast<std::size_t>(Verdict::out_of_range)] += r.n_out;
    counts.verdict[static_cast<std::size_t>(Verdict::within_range)] += r.n_within;
    counts.verdict[static_cast<std::size_t>(Verdict::unknown)] += count - r.n_out - r.n_within;
    counts.poses += count;
  }

  detail::BatchTables t_;
  detail::BatchStatusTables st_;
  std::array<bool, n> active_{};
  std::array<bool, n> limited_{};
  std::size_t n_comp_ = 0;
};

/// Check N poses (N × dof_count row-major radians, NaN unknown) against `limits`: one
/// `Verdict` byte per pose into `verdicts`, and the counts added to `counts`.
/// `thoracolumbar`: empty, or N × 3 totals (see the file comment).
inline void check_batch(const Limits& limits, std::span<const double> poses, std::span<std::uint8_t> verdicts,
                        BatchCounts& counts, std::span<const double> thoracolumbar = {},
                        const BatchOptions& options = {}) {
  BatchChecker(limits).run(poses, verdicts, counts, thoracolumbar, options);
}

/// Row-major N × dof_count matrix of poses.
using PoseBatch = Eigen::Matrix<double, Eigen::Dynamic, static_cast<int>(dof_count), Eigen::RowMajor>;

/// The same on an Eigen row-major N × dof_count matrix (a view: no copy).
inline void check_batch(const Limits& limits, const Eigen::Ref<const PoseBatch>& poses,
                        std::span<std::uint8_t> verdicts, BatchCounts& counts, const BatchOptions& options = {}) {
  check_batch(limits, std::span<const double>(poses.data(), static_cast<std::size_t>(poses.size())), verdicts, counts,
              {}, options);
}

// ---- batch keypoints / rotations → angles ------------------------------------

/// Keypoints of N frames → N poses. `xyz`: N × K × 3 (K = keypoint_count(layout)),
/// `visibility`: empty or N × K; `out`: N × dof_count radians (NaN unknown);
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
/// quaternion per `Segment` in Eigen's coefficient order (x, y, z, w; SciPy's
/// scalar-last order), R_global_segment, of any norm (see `joint_angles`); a quaternion
/// with a NaN is a missing segment, a zero or infinite one is not a rotation.
/// `out`: N × dof_count; `thoracolumbar`: empty or N × 3. No allocation.
inline void joint_angles_batch(std::span<const double> quaternions, std::span<double> out,
                               std::span<double> thoracolumbar = {}, const JointAngleOptions& options = {}) {
  constexpr std::size_t per = segment_count * 4;
  const std::size_t frames = quaternions.size() / per;
  if (quaternions.size() != frames * per)
    detail::raise("joint_angles_batch: quaternions size " + std::to_string(quaternions.size()) +
                  " is not a multiple of " + std::to_string(per));
  if (out.size() != frames * dof_count)
    detail::raise("joint_angles_batch: expected " + std::to_string(frames * dof_count) + " outputs");
  if (!thoracolumbar.empty() && thoracolumbar.size() != frames * 3)
    detail::raise("joint_angles_batch: expected " + std::to_string(frames * 3) + " thoracolumbar totals");
  SegmentOrientations seg;
  for (std::size_t f = 0; f < frames; ++f) {
    const double* q = quaternions.data() + f * per;
    for (std::size_t s = 0; s < segment_count; ++s) {
      seg.q_global_segment[s].coeffs() = Eigen::Map<const Eigen::Vector4d>(q + 4 * s);
      seg.known.set(s, !seg.q_global_segment[s].coeffs().hasNaN());
    }
    const JointAngles a = joint_angles(seg, options);
    Eigen::Map<PoseVector>(out.data() + f * dof_count) = a.pose.as_radians();
    if (!thoracolumbar.empty())
      Eigen::Map<Eigen::Vector3d>(thoracolumbar.data() + f * 3) = a.pose.thoracolumbar_radians();
  }
}

}  // namespace arthrokin
