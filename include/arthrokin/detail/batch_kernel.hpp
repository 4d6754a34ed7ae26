/// @file batch_kernel.hpp
/// @brief The batch range-check kernel, included by batch.hpp once per instruction
///        set (no include guard, on purpose): it defines namespace
///        `arthrokin::detail::ARTHROKIN_BATCH_KERNEL_NS` for
///        `ARTHROKIN_BATCH_KERNEL_ISA` 2 (AVX2, four lanes), 1 (SSE2, two lanes)
///        or 0 (plain C++, one lane). batch.hpp compiles the AVX2 copy under
///        `#pragma GCC target("avx2")` and picks it at run time when the CPU has
///        AVX2, so a baseline x86-64 build still gets four lanes.
///
/// Why intrinsics: GCC 12 does not auto-vectorise double compares that feed
/// integer counts on the SSE2 baseline (-fopt-info-vec-missed: "no vectype"), and
/// lowers GCC vector-extension mask arithmetic to scalar cmovs.
// NOLINT(llvm-header-guard): included several times on purpose

namespace arthrokin::detail::ARTHROKIN_BATCH_KERNEL_NS {

#if ARTHROKIN_BATCH_KERNEL_ISA == 2
inline constexpr std::size_t lanes = 4;
using D = __m256d;  ///< four values
using M = __m256d;  ///< four masks (all bits set = true)
using I = __m256i;  ///< four counters
inline M zero() noexcept { return _mm256_setzero_pd(); }
inline D loadu(const double* p) noexcept { return _mm256_loadu_pd(p); }
inline M load_mask(const double* p) noexcept { return _mm256_loadu_pd(p); }
/// The first `k` (< 4) values of p; the other lanes read 0, and their memory is not
/// accessed (a masked-off lane does not fault).
inline D load_first(const double* p, std::size_t k) noexcept {
  return _mm256_maskload_pd(p, _mm256_set_epi64x(k > 3 ? -1 : 0, k > 2 ? -1 : 0, k > 1 ? -1 : 0, k > 0 ? -1 : 0));
}
inline M not_within(D v, D lo, D hi) noexcept {
  return _mm256_or_pd(_mm256_cmp_pd(v, lo, _CMP_NGE_UQ), _mm256_cmp_pd(v, hi, _CMP_NLE_UQ));
}
inline M gt(D a, D b) noexcept { return _mm256_cmp_pd(a, b, _CMP_GT_OQ); }
inline M lt(D a, D b) noexcept { return _mm256_cmp_pd(a, b, _CMP_LT_OQ); }
inline M unord(D a) noexcept { return _mm256_cmp_pd(a, a, _CMP_UNORD_Q); }
inline M andnot(M a, M b) noexcept { return _mm256_andnot_pd(a, b); }  // ~a & b
inline M or_(M a, M b) noexcept { return _mm256_or_pd(a, b); }
inline I count(I c, M mask) noexcept { return _mm256_sub_epi64(c, _mm256_castpd_si256(mask)); }  // lanes are -1
inline bool any(M m) noexcept { return _mm256_movemask_pd(m) != 0; }
inline void store(std::uint64_t* p, I c) noexcept { _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), c); }
#elif ARTHROKIN_BATCH_KERNEL_ISA == 1
inline constexpr std::size_t lanes = 2;
using D = __m128d;
using M = __m128d;
using I = __m128i;
inline M zero() noexcept { return _mm_setzero_pd(); }
inline D loadu(const double* p) noexcept { return _mm_loadu_pd(p); }
inline M load_mask(const double* p) noexcept { return _mm_loadu_pd(p); }
/// The first `k` (< 2, so 1) values of p; the 2nd lane reads 0 (p[1] is not accessed).
inline D load_first(const double* p, [[maybe_unused]] std::size_t k) noexcept { return _mm_load_sd(p); }
inline M not_within(D v, D lo, D hi) noexcept { return _mm_or_pd(_mm_cmpnge_pd(v, lo), _mm_cmpnle_pd(v, hi)); }
inline M gt(D a, D b) noexcept { return _mm_cmpgt_pd(a, b); }
inline M lt(D a, D b) noexcept { return _mm_cmplt_pd(a, b); }
inline M unord(D a) noexcept { return _mm_cmpunord_pd(a, a); }
inline M andnot(M a, M b) noexcept { return _mm_andnot_pd(a, b); }
inline M or_(M a, M b) noexcept { return _mm_or_pd(a, b); }
inline I count(I c, M mask) noexcept { return _mm_sub_epi64(c, _mm_castpd_si128(mask)); }
inline bool any(M m) noexcept { return _mm_movemask_pd(m) != 0; }
inline void store(std::uint64_t* p, I c) noexcept { _mm_storeu_si128(reinterpret_cast<__m128i*>(p), c); }
#else
inline constexpr std::size_t lanes = 1;
using D = double;
using M = std::uint64_t;
using I = std::uint64_t;
inline M zero() noexcept { return 0; }
inline D loadu(const double* p) noexcept { return *p; }
inline M load_mask(const double* p) noexcept { return std::bit_cast<std::uint64_t>(*p); }
inline D load_first(const double* p, std::size_t k) noexcept { return k > 0 ? *p : 0.0; }  // never called: k < 1
inline M mask(bool b) noexcept { return b ? ~std::uint64_t{0} : 0; }
inline M not_within(D v, D lo, D hi) noexcept { return mask(!(v >= lo) || !(v <= hi)); }
inline M gt(D a, D b) noexcept { return mask(a > b); }
inline M lt(D a, D b) noexcept { return mask(a < b); }
inline M unord(D a) noexcept { return mask(a != a); }
inline M andnot(M a, M b) noexcept { return ~a & b; }
inline M or_(M a, M b) noexcept { return a | b; }
inline I count(I c, M m) noexcept { return c - m; }  // m is 0 or ~0 (= -1)
inline bool any(M m) noexcept { return m != 0; }
inline void store(std::uint64_t* p, I c) noexcept { *p = c; }
#endif

/// A pose is `full_blocks` whole vectors and, when `tail` > 0, one partial vector of
/// its last `tail` values (39 DoFs: AVX2 9 + 3, SSE2 19 + 1, scalar 39 + 0).
inline constexpr std::size_t n = dof_count;
inline constexpr std::size_t full_blocks = n / lanes, tail = n % lanes, blocks = full_blocks + (tail > 0 ? 1 : 0);
static_assert(BatchTables::padded % lanes == 0 && blocks * lanes <= BatchTables::padded,
              "the bound tables and the counters are read and written in whole vectors");

/// Per-DoF counters of one block of poses, in vector registers' layout.
struct Counters {
  // C arrays: std::array<__m128i> drops the type's attributes (-Wignored-attributes)
  I above[blocks]{}, below[blocks]{}, unknown[blocks]{};
};

/// Values [b·lanes, b·lanes + lanes) of a pose; the partial block reads only its `tail`
/// values (the row may end there), its other lanes read 0.
inline D load(const double* x, std::size_t b) noexcept {
  return b < full_blocks ? loadu(x + b * lanes) : load_first(x + b * lanes, tail);
}

/// First pass over a pose: true when every value is known and within its bounds
/// (inactive DoFs have ±∞ bounds, so only their NaN sends the pose to the second pass).
inline bool clean(const BatchTables& t, const double* x) noexcept {
  M bad = zero();
  for (std::size_t b = 0; b < blocks; ++b)
    bad = or_(bad, not_within(load(x, b), loadu(t.lo_t.data() + b * lanes), loadu(t.hi_t.data() + b * lanes)));
  return !any(bad);
}

/// Second pass: per-DoF counts (when `Count`). Returns whether a DoF is out of
/// range; sets `checked` when a DoF with a limit is known.
template <bool Count>
inline bool count_dofs(const BatchTables& t, const double* x, Counters& c, bool& checked) noexcept {
  M out = zero(), known_limited = zero();
  for (std::size_t b = 0; b < blocks; ++b) {
    const D v = load(x, b);
    const M a = gt(v, loadu(t.hi_t.data() + b * lanes));
    const M be = andnot(a, lt(v, loadu(t.lo_t.data() + b * lanes)));
    const M u = unord(v);
    if constexpr (Count) {
      c.above[b] = count(c.above[b], a);
      c.below[b] = count(c.below[b], be);
      c.unknown[b] = count(c.unknown[b], u);
    }
    out = or_(out, or_(a, be));
    known_limited = or_(known_limited, andnot(u, load_mask(t.limited_mask.data() + b * lanes)));
  }
  checked = checked || any(known_limited);
  return any(out);
}

/// Verdict of one pose; with `Count`, adds its unknown / out-of-range DoFs and
/// composites. `try_clean`: run the first pass (false skips it: the caller saw a
/// dirty pose just before); set to whether this pose was clean.
template <bool Count>
inline Verdict row(const BatchTables& t, const double* x, const double* tl, Counters& c, BatchBlockResult& r,
                   bool& try_clean) noexcept {
  bool checked = false, out = false;
  if (try_clean && clean(t, x)) {
    checked = t.any_limited;
  } else {
    try_clean = false;
    out = count_dofs<Count>(t, x, c, checked);
  }
  for (std::size_t m = 0; m < t.n_eval; ++m) {
    const std::size_t k = t.eval[m];
    const auto& cc = t.comp[k];
    double value;
    if (cc.tl_slot >= 0) {
      const double a = x[cc.idx[0]], b = x[cc.idx[1]];
      value = a + b;
      if (value != value && tl && (a != a || b != b)) value = tl[cc.tl_slot];
    } else {
      double sum = 0;
      for (std::size_t j = 0; j < cc.terms; ++j) sum += cc.coef[j] * x[cc.idx[j]];
      value = sum;
    }
    // detail::classify with the tolerance folded in (±∞ where a composite has no bound)
    const bool above = value > cc.hi_t, below = !above && value < cc.lo_t, unknown = value != value;
    if constexpr (Count) {
      if (above | below | unknown) [[unlikely]] {
        r.c_above[k] += above;
        r.c_below[k] += below;
        r.c_unknown[k] += unknown;
      }
    }
    out = out || above || below;
    checked = checked || (!unknown && cc.limited);
  }
  return out ? Verdict::out_of_range : checked ? Verdict::within_range : Verdict::unknown;
}

/// `count` poses from `rows` (and `tl`, or nullptr) into `verdicts` and `r` (added to).
inline void run_block(const BatchTables& t, const double* rows, const double* tl, std::uint8_t* verdicts,
                      std::size_t count, BatchBlockResult& r) noexcept {
  Counters c;
  bool try_clean = true;
  for (std::size_t i = 0; i < count; ++i) {
    // after a dirty pose, try the first pass again only every 16th pose
    try_clean = try_clean || (i & 15) == 0;
#if defined(__GNUC__)
    // software prefetch of the pose ARTHROKIN_BATCH_PREFETCH_ROWS ahead (its 5–6 cache lines)
    if (ARTHROKIN_BATCH_PREFETCH_ROWS > 0 && i + ARTHROKIN_BATCH_PREFETCH_ROWS < count) {
      const double* ahead = rows + (i + ARTHROKIN_BATCH_PREFETCH_ROWS) * n;
      for (std::size_t o = 0; o < n; o += 8) __builtin_prefetch(ahead + o);
      __builtin_prefetch(ahead + n - 1);
    }
#endif
    const Verdict v = row<true>(t, rows + i * n, tl ? tl + i * 3 : nullptr, c, r, try_clean);
    verdicts[i] = static_cast<std::uint8_t>(v);
    r.n_out += v == Verdict::out_of_range;
    r.n_within += v == Verdict::within_range;
  }
  std::array<std::uint64_t, BatchTables::padded> above{}, below{}, unknown{};
  for (std::size_t b = 0; b < blocks; ++b) {
    store(above.data() + b * lanes, c.above[b]);
    store(below.data() + b * lanes, c.below[b]);
    store(unknown.data() + b * lanes, c.unknown[b]);
  }
  for (std::size_t j = 0; j < n; ++j) r.above[j] += above[j], r.below[j] += below[j], r.unknown[j] += unknown[j];
}

/// Verdict of one pose (no counting).
inline Verdict verdict(const BatchTables& t, const double* x, const double* tl) noexcept {
  Counters c;
  BatchBlockResult r;
  bool try_clean = true;
  return row<false>(t, x, tl, c, r, try_clean);
}

}  // namespace arthrokin::detail::ARTHROKIN_BATCH_KERNEL_NS
