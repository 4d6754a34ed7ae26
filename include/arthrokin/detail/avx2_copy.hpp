/// @file avx2_copy.hpp
/// @brief A second copy of a kernel, compiled for AVX2 next to the build's baseline and
///        chosen at run time (`avx2_copy_runs`): the batch check (batch_kernels.hpp), the
///        quaternion batch's block paths (rotation_angles_kernel.hpp), the solver's four-lane
///        atan2 (fast_trig.hpp), the keypoints' x, y, z medians (median_network.hpp) and the
///        whole per-frame keypoint path (keypoints-inl.hpp).
///
/// `ARTHROKIN_AVX2_COPY` is 1 where such a copy can be compiled — an x86-64 build below AVX2
/// (SSE2, the default `-march=x86-64`), with GCC or Clang — unless `ARTHROKIN_BATCH_NO_DISPATCH`
/// is defined; 0 otherwise (an AVX2 build has it in its baseline; AArch64 has NEON in every
/// CPU). `ARTHROKIN_AVX2_BEGIN` / `ARTHROKIN_AVX2_END` go around the copy's `#include`: every
/// function between them carries `target("avx2")` (GCC: `#pragma GCC target`, Clang:
/// `#pragma clang attribute`). AVX2 alone, not FMA: a copy runs the baseline's operations.
#pragma once

#if !defined(ARTHROKIN_BATCH_NO_DISPATCH) && !defined(__AVX2__) && defined(__SSE2__) && defined(__x86_64__) && \
    (defined(__GNUC__) || defined(__clang__))
#define ARTHROKIN_AVX2_COPY 1
#else
#define ARTHROKIN_AVX2_COPY 0
#endif

#if defined(__clang__)
#define ARTHROKIN_AVX2_BEGIN _Pragma("clang attribute push(__attribute__((target(\"avx2\"))), apply_to = function)")
#define ARTHROKIN_AVX2_END _Pragma("clang attribute pop")
#else
#define ARTHROKIN_AVX2_BEGIN _Pragma("GCC push_options") _Pragma("GCC target(\"avx2\")")
#define ARTHROKIN_AVX2_END _Pragma("GCC pop_options")
#endif

/// `[[gnu::flatten]]` on the keypoint path's AVX2 copy (keypoints-inl.hpp: every call inside
/// inlined, so compiled for AVX2 too), or nothing where `ARTHROKIN_NO_FLATTEN` is defined: the
/// copy then calls the baseline's functions, the same operations and bits, only slower. CMake's `ARTHROKIN_SANITIZE`
/// defines it: GCC 12 with UndefinedBehaviorSanitizer compiles the flattened keypoint path in
/// ~6 minutes (src/core/kinematics.cpp at -O1 -g1 with ASan + UBSan: 355 s, against 22 s without
/// the flatten; UBSan alone 133 s), once in each sanitized build.
#if defined(ARTHROKIN_NO_FLATTEN)
#define ARTHROKIN_COPY_FLATTEN
#else
#define ARTHROKIN_COPY_FLATTEN [[gnu::flatten]]
#endif

#if ARTHROKIN_AVX2_COPY
#include <cstdlib>
#include <cstring>
#endif

namespace arthrokin::detail {
/// True when the process asks for the baseline code: the environment variable
/// `ARTHROKIN_NO_AVX2_COPY` is set (to anything), or the program runs under Valgrind (its
/// `vgpreload` libraries are in `LD_PRELOAD`). Valgrind 3.19 (Debian 12) does not decode every AVX
/// encoding GCC and the assembler emit (the copy of the keypoint path has a `vmovq xmm, xmm` in
/// its 66 0F D6 form: SIGILL under memcheck and callgrind). The copies give the baseline's bits,
/// so only the speed changes.
[[nodiscard]] inline bool read_avx2_copy_opt_out() noexcept {
#if ARTHROKIN_AVX2_COPY
  if (std::getenv("ARTHROKIN_NO_AVX2_COPY") != nullptr) return true;
  const char* preload = std::getenv("LD_PRELOAD");
  return preload != nullptr && std::strstr(preload, "vgpreload") != nullptr;
#else
  return false;
#endif
}
/// `read_avx2_copy_opt_out()`, read once while the program starts (a variable, not a function-local
/// static: no guard for the callers to test; batch_kernels.hpp).
inline const bool avx2_copy_opt_out = read_avx2_copy_opt_out();

/// True when the AVX2 copies run: a build with such copies (`ARTHROKIN_AVX2_COPY`) on a CPU with
/// AVX2, unless the process asks for the baseline (`read_avx2_copy_opt_out`). Checked per call (a load
/// of the compiler runtime's CPU model, set once at start-up, and of the cached opt-out).
[[nodiscard]] inline bool avx2_copy_runs() noexcept {
#if ARTHROKIN_AVX2_COPY
  return __builtin_cpu_supports("avx2") && !avx2_copy_opt_out;
#else
  return false;
#endif
}
}  // namespace arthrokin::detail
