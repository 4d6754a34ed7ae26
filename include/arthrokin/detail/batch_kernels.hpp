/// @file batch_kernels.hpp
/// @brief The batch range-check kernel compiled once per instruction set
///        (detail/batch_kernel.hpp), and the run-time choice between them. Included
///        by detail/batch-inl.hpp (compiled into the library, or inline in
///        header-only mode: config.hpp), and by tests/batch_test.cpp, which tests
///        the kernels' partial loads directly.
///
/// Macros, read where this file is compiled (in the library's own build, unless
/// header-only): ARTHROKIN_BATCH_PREFETCH_ROWS, ARTHROKIN_BATCH_SCALAR,
/// ARTHROKIN_BATCH_NO_DISPATCH (docs/performance.md). Defines
/// ARTHROKIN_BATCH_DISPATCH (1: an AVX2 copy is compiled next to the baseline, with GCC
/// or Clang). Baselines: SSE2 / AVX2 on x86-64, NEON on AArch64, plain C++ elsewhere.
#pragma once

#include <arthrokin/batch.hpp>
#include <arthrokin/detail/avx2_copy.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

// ---- the kernel, once per instruction set (detail/batch_kernel.hpp) ---------------
/// Poses ahead that the kernel prefetches (0: none). 8–32 gave 17–20% more
/// poses/s from memory on the test machine, and no change in cache.
#ifndef ARTHROKIN_BATCH_PREFETCH_ROWS
#define ARTHROKIN_BATCH_PREFETCH_ROWS 16
#endif
// ARTHROKIN_BATCH_SCALAR forces the plain C++ kernel; ARTHROKIN_BATCH_NO_DISPATCH
// keeps the build's baseline (no AVX2 copy compiled next to it). AArch64 has NEON
// (Advanced SIMD) in every CPU: its baseline is the NEON kernel, with no dispatch.
#if !defined(ARTHROKIN_BATCH_SCALAR) && (defined(__AVX2__) || defined(__SSE2__))
#include <immintrin.h>
#elif !defined(ARTHROKIN_BATCH_SCALAR) && defined(__aarch64__) && defined(__ARM_NEON)
#include <arm_neon.h>
#endif
#if defined(ARTHROKIN_BATCH_SCALAR)
#define ARTHROKIN_BATCH_KERNEL_ISA 0
#define ARTHROKIN_BATCH_BASELINE_NAME "scalar"
#elif defined(__AVX2__)
#define ARTHROKIN_BATCH_KERNEL_ISA 2
#define ARTHROKIN_BATCH_BASELINE_NAME "avx2"
#elif defined(__SSE2__)
#define ARTHROKIN_BATCH_KERNEL_ISA 1
#define ARTHROKIN_BATCH_BASELINE_NAME "sse2"
#elif defined(__aarch64__) && defined(__ARM_NEON)
#define ARTHROKIN_BATCH_KERNEL_ISA 3
#define ARTHROKIN_BATCH_BASELINE_NAME "neon"
#else
#define ARTHROKIN_BATCH_KERNEL_ISA 0
#define ARTHROKIN_BATCH_BASELINE_NAME "scalar"
#endif
#define ARTHROKIN_BATCH_KERNEL_NS batch_baseline
#include <arthrokin/detail/batch_kernel.hpp>
#undef ARTHROKIN_BATCH_KERNEL_NS
#undef ARTHROKIN_BATCH_KERNEL_ISA
// The AVX2 copy (avx2_copy.hpp): every function of the kernel header compiled for AVX2, chosen
// per call (avx2_copy_runs: __builtin_cpu_supports, GCC and Clang).
#if !defined(ARTHROKIN_BATCH_SCALAR) && ARTHROKIN_AVX2_COPY
#define ARTHROKIN_BATCH_DISPATCH 1
ARTHROKIN_AVX2_BEGIN
#define ARTHROKIN_BATCH_KERNEL_ISA 2
#define ARTHROKIN_BATCH_KERNEL_NS batch_avx2
#include <arthrokin/detail/batch_kernel.hpp>
#undef ARTHROKIN_BATCH_KERNEL_NS
#undef ARTHROKIN_BATCH_KERNEL_ISA
ARTHROKIN_AVX2_END
#else
#define ARTHROKIN_BATCH_DISPATCH 0
#endif

namespace arthrokin::detail {
/// True when `isa` selects the AVX2 copy compiled next to a lower baseline.
inline bool batch_use_avx2([[maybe_unused]] BatchIsa isa) noexcept {
#if ARTHROKIN_BATCH_DISPATCH
  // A load and a test of the CPU model libgcc fills in before main() (no function-local static:
  // its guard made every caller save registers, which the per-row `verdict` paid for).
  return isa == BatchIsa::best && avx2_copy_runs();
#else
  return false;
#endif
}
/// `u`: nullptr, or count × dof_count per-pose standard uncertainties (NaN = the per-DoF value).
inline void batch_run_block(const BatchTables& t, const double* rows, const double* tl, const double* u,
                            std::uint8_t* verdicts, std::size_t count, BatchBlockResult& r,
                            [[maybe_unused]] BatchIsa isa) noexcept {
#if ARTHROKIN_BATCH_DISPATCH
  if (batch_use_avx2(isa)) return batch_avx2::run_block(t, rows, tl, u, verdicts, count, r);
#endif
  batch_baseline::run_block(t, rows, tl, u, verdicts, count, r);
}
/// batch_run_block, writing each pose's statuses into `so` too.
inline void batch_run_block_statuses(const BatchTables& t, const double* rows, const double* tl, const double* u,
                                     std::uint8_t* verdicts, std::size_t count, BatchBlockResult& r,
                                     [[maybe_unused]] BatchIsa isa, const BatchStatusOut& so) noexcept {
#if ARTHROKIN_BATCH_DISPATCH
  if (batch_use_avx2(isa)) return batch_avx2::run_block<true>(t, rows, tl, u, verdicts, count, r, so);
#endif
  batch_baseline::run_block<true>(t, rows, tl, u, verdicts, count, r, so);
}
/// Index of the first ±∞ in p[0, count), or count.
inline std::size_t batch_first_infinite(const double* p, std::size_t count) noexcept {
#if ARTHROKIN_BATCH_DISPATCH
  if (batch_use_avx2(BatchIsa::best)) return batch_avx2::first_infinite(p, count);
#endif
  return batch_baseline::first_infinite(p, count);
}
/// Index of the first negative or infinite value in p[0, count) (NaN is valid), or count.
inline std::size_t batch_first_bad_uncertainty(const double* p, std::size_t count) noexcept {
#if ARTHROKIN_BATCH_DISPATCH
  if (batch_use_avx2(BatchIsa::best)) return batch_avx2::first_bad_uncertainty(p, count);
#endif
  return batch_baseline::first_bad_uncertainty(p, count);
}
inline Verdict batch_verdict(const BatchTables& t, const double* x, const double* tl, const double* u,
                             [[maybe_unused]] BatchIsa isa) noexcept {
#if ARTHROKIN_BATCH_DISPATCH
  if (batch_use_avx2(isa)) return batch_avx2::verdict(t, x, tl, u);
#endif
  return batch_baseline::verdict(t, x, tl, u);
}
/// batch_verdict after the ±∞ scan of the pose (and its totals): -1 when one is ±∞.
inline int batch_verdict_if_finite(const BatchTables& t, const double* x, const double* tl, const double* u,
                                   [[maybe_unused]] BatchIsa isa) noexcept {
#if ARTHROKIN_BATCH_DISPATCH
  if (batch_use_avx2(isa)) return batch_avx2::verdict_if_finite(t, x, tl, u);
#endif
  return batch_baseline::verdict_if_finite(t, x, tl, u);
}
}  // namespace arthrokin::detail
