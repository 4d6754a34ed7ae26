/// @file fast_trig_lanes.hpp
/// @brief The vector part of fast_trig.hpp: `atan2_lanes` and `fast_atan2_4`. No include
///        guard, on purpose: it is included inside a namespace, once per instruction set —
///        by fast_trig.hpp into `arthrokin::detail` (the build's baseline), and by
///        rotation_block_kernel.hpp into each copy of the rotation kernel (its AVX2 copy,
///        compiled for AVX2 with `#pragma GCC target` / `#pragma clang attribute`, takes 32-byte
///        vectors). `ARTHROKIN_TRIG_WIDE` (1: 32-byte vectors are native) is set by the includer;
///        <cmath>, <cstddef>, <cstring> and <limits> are included before.
// NOLINT(llvm-header-guard): included several times on purpose

/// m ? a : b lane by lane, on the bits (a function template, not a lambda: GCC compiles a
/// lambda for the baseline even inside a `#pragma GCC target` region).
template <class I, class V>
[[nodiscard]] inline V select_bits(I m, V a, V b) noexcept {
  return (V)(((I)a & m) | ((I)b & ~m));
}

/// atan2 lane by lane on a GCC / Clang vector of doubles V (lanes of the integer vector I); the
/// lanes that hold a zero pair, ±∞ or NaN are wrong, and redone by the caller.
template <class V, class I>
[[nodiscard]] inline V atan2_lanes(V y, V x) noexcept {
  constexpr double tan_pi_8 = 0.41421356237309504880;
  constexpr double pi_4_hi = 0.78539816339744827900, pi_4_lo = 3.0616169978683830179e-17;
  constexpr double pi_2_hi = 1.5707963267948965580, pi_2_lo = 6.1232339957367660359e-17;
  constexpr double pi_hi = 3.1415926535897931160, pi_lo = 1.2246467991473532072e-16;
  const auto sel = select_bits<I, V>;
  const I sign = (I)(-V{});  // the sign bits (−0.0)
  const V ax = (V)((I)x & ~sign), ay = (V)((I)y & ~sign);
  const I swap = ay > ax;
  const V mn = sel(swap, ax, ay), mx = sel(swap, ay, ax);  // mn / mx in [0, 1]
  const I big = mn > tan_pi_8 * mx;
  const V r = sel(big, mn - mx, mn) / sel(big, mn + mx, mx);  // |r| <= tan(π/8)
  // P(s) by Estrin's scheme (pairs, then powers of s): a shorter dependency chain than Horner's
  const V s = r * r, s2 = s * s, s4 = s2 * s2, s8 = s4 * s4;
  const V c0 = -3.33333333333333301597e-1 + 1.99999999999955206778e-1 * s;
  const V c2 = -1.42857142846665429225e-1 + 1.11111110152563617275e-1 * s;
  const V c4 = -9.09090457812390189048e-2 + 7.69218319082608656369e-2 * s;
  const V c6 = -6.6645114473819480001e-2 + 5.85814891280220988165e-2 * s;
  const V c8 = -5.08544973794025986132e-2 + 3.92316582955871913028e-2 * s;
  const V p = (c0 + c2 * s2) + (c4 + c6 * s2) * s4 + (c8 + -1.91768871190622589893e-2 * s2) * s8;
  V a = r + r * (s * p);
  a = sel(big, pi_4_hi + (a + pi_4_lo), a);
  a = sel(swap, pi_2_hi - (a - pi_2_lo), a);
  a = sel(x < 0.0, pi_hi - (a - pi_lo), a);  // x = −0 with y ≠ 0: ±π/2, as atan2
  return (V)((I)a | ((I)y & sign));          // a >= 0: the sign of y (y = −0 too)
}

/// Four atan2 at once: out[i] = atan2(y[i], x[i]), with GCC / Clang vector extensions: one AVX
/// or two SSE2 / NEON instructions per operation (a 32-byte vector without AVX would be split
/// into scalars). No branch on the data (bitwise selects), so unpredictable octants cost no
/// misprediction; lanes with a zero pair, ±∞ or NaN are redone with std::atan2.
inline void fast_atan2_4(const double* y, const double* x, double* out) noexcept {
#if ARTHROKIN_TRIG_WIDE
  using v4d = double __attribute__((vector_size(32)));
  using v4i = long long __attribute__((vector_size(32)));
  v4d vy, vx;
  std::memcpy(&vy, y, sizeof vy);
  std::memcpy(&vx, x, sizeof vx);
  const v4d a = atan2_lanes<v4d, v4i>(vy, vx);
  std::memcpy(out, &a, sizeof a);
#else
  using v2d = double __attribute__((vector_size(16)));
  using v2i = long long __attribute__((vector_size(16)));
  for (std::size_t h = 0; h < 4; h += 2) {
    v2d vy, vx;
    std::memcpy(&vy, y + h, sizeof vy);
    std::memcpy(&vx, x + h, sizeof vx);
    const v2d a = atan2_lanes<v2d, v2i>(vy, vx);
    std::memcpy(out + h, &a, sizeof a);
  }
#endif
  constexpr double inf = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < 4; ++i) {
    const double ax = std::abs(x[i]), ay = std::abs(y[i]);
    if (!(ax < inf && ay < inf) || (ax == 0 && ay == 0)) out[i] = std::atan2(y[i], x[i]);  // NaN, ±∞, both zero
  }
}
