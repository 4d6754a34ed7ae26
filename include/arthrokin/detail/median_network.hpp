/// @file median_network.hpp
/// @brief The lower median of at most 33 values with no branch on the data: a selection network
///        (a comparator network pruned to the one output it must get right), applied to doubles or
///        to vector lanes (the x, y and z medians of a frame's keypoints at once). `std::nth_element`
///        on a few dozen random values spends most of its time in mispredicted branches; the network
///        runs the same ~360 min/max operations on every input.
#pragma once

#include <arthrokin/detail/avx2_copy.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <limits>
#include <type_traits>
#include <utility>

namespace arthrokin::detail {

/// A comparator: afterwards wire `lo` holds the smaller of the two values, wire `hi` the larger.
/// A pruned network writes only the wires a later comparator or the output reads.
struct Comparator {
  unsigned char lo = 0, hi = 0;
  bool keep_lo = true, keep_hi = true;
};

/// A comparator network of at most 512 comparators on at most 255 wires (a constexpr value).
struct ComparatorNetwork {
  std::array<Comparator, 512> c{};
  std::size_t size = 0;
};

/// Batcher's odd–even merge sort on `n` wires (Knuth, TAOCP vol. 3, §5.3.4, Algorithm M), built for
/// the next power of two with the comparators that touch a wire ≥ n left out: those wires would hold
/// +∞, which no comparator (lo < hi) moves.
constexpr ComparatorNetwork odd_even_merge_sort(std::size_t n) {
  ComparatorNetwork net;
  std::size_t t = 1;
  while (t < n) t *= 2;
  for (std::size_t p = 1; p < t; p *= 2)
    for (std::size_t k = p; k >= 1; k /= 2)
      for (std::size_t j = k % p; j + k < t; j += 2 * k)
        for (std::size_t i = 0; i < k && i + j + k < t; ++i) {
          const std::size_t a = i + j, b = i + j + k;
          if (a / (2 * p) == b / (2 * p) && b < n)
            net.c[net.size++] = {static_cast<unsigned char>(a), static_cast<unsigned char>(b), true, true};
        }
  return net;
}

/// The sorting network of `n` wires pruned to output `k` (the k-th smallest value, from 0): walking
/// back from the output, a comparator stays when a wire it writes is read later, and writes only
/// such wires.
constexpr ComparatorNetwork selection_network(std::size_t n, std::size_t k) {
  const ComparatorNetwork sort = odd_even_merge_sort(n);
  std::array<bool, 256> needed{};
  needed[k] = true;
  ComparatorNetwork back;
  for (std::size_t i = sort.size; i-- > 0;) {
    Comparator c = sort.c[i];
    c.keep_lo = needed[c.lo], c.keep_hi = needed[c.hi];
    if (!c.keep_lo && !c.keep_hi) continue;
    back.c[back.size++] = c;
    needed[c.lo] = needed[c.hi] = true;
  }
  ComparatorNetwork net;
  for (std::size_t i = back.size; i-- > 0;) net.c[net.size++] = back.c[i];
  return net;
}

/// Capacity of `lower_median` (BlazePose, the largest keypoint layout, has 33 points).
inline constexpr std::size_t median_capacity = 33;
/// The network that puts the 17th smallest of 33 values on wire 16 (198 comparators).
inline constexpr ComparatorNetwork median_of_33 = selection_network(median_capacity, median_capacity / 2);

/// Two doubles as a GCC / Clang vector (one SSE2 / NEON / WASM SIMD register): two medians at
/// the cost of one. (Four lanes would be split into scalars where AVX is not the baseline.)
using median_pair = double __attribute__((vector_size(16)));

/// Comparator I of `median_of_33` on the wires w (the wire indices are constants: unrolled, the
/// values can stay in registers from one comparator to the next).
template <std::size_t I, class T>
inline void median_comparator(std::array<T, median_capacity>& w) {
  constexpr Comparator c = median_of_33.c[I];
  const T lo = w[c.lo], hi = w[c.hi];
  // two different comparisons (not lo < hi for both): each is then one min / max instruction
  // (MINPD, MAXPD, FMIN...), where a shared mask would become a compare and bitwise selects
  if constexpr (c.keep_lo) w[c.lo] = lo < hi ? lo : hi;
  if constexpr (c.keep_hi) w[c.hi] = lo > hi ? lo : hi;
}
template <class T, std::size_t... I>
inline void apply_median_of_33(std::array<T, median_capacity>& w, std::index_sequence<I...>) {
  (median_comparator<I>(w), ...);
}

/// The lower median (the ⌈m/2⌉-th smallest, as `std::nth_element` at (m − 1) / 2) of the first
/// `m` (1 ≤ m ≤ 33) values of `w`, lane by lane when T is `median_pair`; `w` is overwritten. The
/// values must not be NaN; they may be ±∞. The free wires are padded with −∞ below and +∞ above
/// so that the median of the m values lands on wire 16, the network's output. Between values that
/// compare equal (−0 and +0) the choice may differ from `std::nth_element`'s.
template <class T>
[[nodiscard]] inline const T& lower_median(std::array<T, median_capacity>& w, std::size_t m) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  const std::size_t below = median_capacity / 2 - (m - 1) / 2;  // −∞ pads: 16 − (m − 1)/2
  std::copy_backward(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(m),
                     w.begin() + static_cast<std::ptrdiff_t>(below + m));
  std::fill_n(w.begin(), below, T{} - inf);
  std::fill(w.begin() + static_cast<std::ptrdiff_t>(below + m), w.end(), T{} + inf);
  apply_median_of_33(w, std::make_index_sequence<median_of_33.size>{});
  return w[median_capacity / 2];
}

/// `lower_median` of one set of doubles, in both lanes of a `median_pair` where a pair is one SSE2 /
/// NEON register: on x86-64 that measured faster than the one-lane network (60 against 86 ns for 33
/// values, GCC 12 -O3, a loop over 256 random sets), for the same result. Elsewhere (WebAssembly
/// without SIMD, where a pair is two scalars) the one-lane network. `w` is left as it was.
[[nodiscard]] inline double lower_median_of(const std::array<double, median_capacity>& w, std::size_t m) {
#if defined(__SSE2__) || defined(__ARM_NEON)
  std::array<median_pair, median_capacity> p;
  for (std::size_t k = 0; k < m; ++k) p[k] = median_pair{w[k], w[k]};
  return lower_median(p, m)[0];
#else
  std::array<double, median_capacity> v = w;
  return lower_median(v, m);
#endif
}

}  // namespace arthrokin::detail

#if ARTHROKIN_AVX2_COPY
ARTHROKIN_AVX2_BEGIN
namespace arthrokin::detail::median_avx2 {
using median_quad = double __attribute__((vector_size(32)));
/// lower_median over quads, inlined here whole (flatten) so that it is compiled for AVX2: one
/// 32-byte min / max per comparator. The result through `out` (no 32-byte value crosses into
/// baseline code).
[[gnu::flatten]] inline void lower_medians_xyz(const std::array<median_pair, median_capacity>& xy,
                                               const std::array<double, median_capacity>& z, std::size_t m,
                                               double* out) noexcept {
  std::array<median_quad, median_capacity> w;
  for (std::size_t k = 0; k < m; ++k) w[k] = median_quad{xy[k][0], xy[k][1], z[k], z[k]};
  const median_quad& r = lower_median(w, m);
  out[0] = r[0], out[1] = r[1], out[2] = r[2];
}
}  // namespace arthrokin::detail::median_avx2
ARTHROKIN_AVX2_END
#endif

namespace arthrokin::detail {

/// The lower medians of x, y and z at once where the CPU runs 32-byte vectors: `true` and
/// (mx, my, mz) in `out` when the build's baseline is below AVX2 (avx2_copy.hpp) and the CPU has
/// it, from the first m of `xy` (x, y pairs) and `z`; `false` (nothing written) otherwise, for the
/// caller's pair and single networks. The same values (the network selects lane by lane); one
/// 4-lane network instead of two 2-lane ones.
[[nodiscard]] inline bool lower_medians_xyz(const std::array<median_pair, median_capacity>& xy,
                                            const std::array<double, median_capacity>& z, std::size_t m,
                                            double* out) noexcept {
#if ARTHROKIN_AVX2_COPY
  if (avx2_copy_runs()) {
    median_avx2::lower_medians_xyz(xy, z, m, out);
    return true;
  }
#endif
  (void)xy, (void)z, (void)m, (void)out;
  return false;
}

}  // namespace arthrokin::detail
