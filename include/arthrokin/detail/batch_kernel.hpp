/// @file batch_kernel.hpp
/// @brief The batch range-check kernel, included by batch.hpp once per instruction
///        set (no include guard, on purpose): it defines namespace
///        `arthrokin::detail::ARTHROKIN_BATCH_KERNEL_NS` for
///        `ARTHROKIN_BATCH_KERNEL_ISA` 2 (AVX2, four lanes), 1 (SSE2, two lanes),
///        3 (AArch64 NEON, two lanes) or 0 (plain C++, one lane). batch_kernels.hpp
///        compiles the AVX2 copy for AVX2 (GCC: `#pragma GCC target`, Clang:
///        `#pragma clang attribute`) and picks it at run time when the CPU has
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
inline M and_(M a, M b) noexcept { return _mm256_and_pd(a, b); }
inline D add(D a, D b) noexcept { return _mm256_add_pd(a, b); }
inline D sub(D a, D b) noexcept { return _mm256_sub_pd(a, b); }
inline D mul(D a, D b) noexcept { return _mm256_mul_pd(a, b); }
inline D set1(double x) noexcept { return _mm256_set1_pd(x); }
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
inline M and_(M a, M b) noexcept { return _mm_and_pd(a, b); }
inline D add(D a, D b) noexcept { return _mm_add_pd(a, b); }
inline D sub(D a, D b) noexcept { return _mm_sub_pd(a, b); }
inline D mul(D a, D b) noexcept { return _mm_mul_pd(a, b); }
inline D set1(double x) noexcept { return _mm_set1_pd(x); }
#elif ARTHROKIN_BATCH_KERNEL_ISA == 3
// AArch64 NEON: two lanes, as SSE2. Compares give all-ones / zero 64-bit lanes (uint64x2_t), the
// same masks as SSE2's; NaN compares false in vcgtq / vcltq / vcgeq / vcleq / vceqq, as in the
// ordered (_OQ) x86 predicates, and their negations are the unordered (_UQ) ones.
inline constexpr std::size_t lanes = 2;
using D = float64x2_t;
using M = uint64x2_t;
using I = uint64x2_t;
inline M zero() noexcept { return vdupq_n_u64(0); }
inline D loadu(const double* p) noexcept { return vld1q_f64(p); }
inline M load_mask(const double* p) noexcept { return vreinterpretq_u64_f64(vld1q_f64(p)); }
/// The first `k` (< 2, so 1) values of p; the 2nd lane reads 0 (p[1] is not accessed).
inline D load_first(const double* p, [[maybe_unused]] std::size_t k) noexcept {
  return vld1q_lane_f64(p, vdupq_n_f64(0.0), 0);
}
inline M not_(M m) noexcept { return vreinterpretq_u64_u32(vmvnq_u32(vreinterpretq_u32_u64(m))); }
inline M not_within(D v, D lo, D hi) noexcept { return not_(vandq_u64(vcgeq_f64(v, lo), vcleq_f64(v, hi))); }
inline M gt(D a, D b) noexcept { return vcgtq_f64(a, b); }
inline M lt(D a, D b) noexcept { return vcltq_f64(a, b); }
inline M unord(D a) noexcept { return not_(vceqq_f64(a, a)); }
inline M andnot(M a, M b) noexcept { return vbicq_u64(b, a); }  // ~a & b
inline M or_(M a, M b) noexcept { return vorrq_u64(a, b); }
inline I count(I c, M mask) noexcept { return vsubq_u64(c, mask); }  // lanes are -1
inline bool any(M m) noexcept { return vmaxvq_u32(vreinterpretq_u32_u64(m)) != 0; }
inline void store(std::uint64_t* p, I c) noexcept { vst1q_u64(p, c); }
inline M and_(M a, M b) noexcept { return vandq_u64(a, b); }
inline D add(D a, D b) noexcept { return vaddq_f64(a, b); }
inline D sub(D a, D b) noexcept { return vsubq_f64(a, b); }
inline D mul(D a, D b) noexcept { return vmulq_f64(a, b); }
inline D set1(double x) noexcept { return vdupq_n_f64(x); }
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
inline M and_(M a, M b) noexcept { return a & b; }
inline D add(D a, D b) noexcept { return a + b; }
inline D sub(D a, D b) noexcept { return a - b; }
inline D mul(D a, D b) noexcept { return a * b; }
inline D set1(double x) noexcept { return x; }
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
  I above[blocks]{}, below[blocks]{}, unknown[blocks]{}, possibly_above[blocks]{}, possibly_below[blocks]{};
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

// ---- per-pose statuses (BatchChecker::run with BatchStatuses) and the ±∞ scan ----------

#if ARTHROKIN_BATCH_KERNEL_ISA == 2
inline D bits(const std::int64_t* p) noexcept {
  return _mm256_castsi256_pd(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)));
}
inline D bits(std::int64_t v) noexcept { return _mm256_castsi256_pd(_mm256_set1_epi64x(v)); }
inline D select(M m, D if_false, D if_true) noexcept { return _mm256_blendv_pd(if_false, if_true, m); }
inline M is_inf(D v) noexcept {
  return _mm256_cmp_pd(_mm256_andnot_pd(_mm256_set1_pd(-0.0), v),
                       _mm256_set1_pd(std::numeric_limits<double>::infinity()), _CMP_EQ_OQ);
}
/// The low bytes of the 64-bit lanes of s[0, 8) (32 consecutive DoFs), in DoF order.
inline __m256i pack_low_bytes(const D (&s)[8]) noexcept {
  // int32 slot 2i + p of q[k] holds lane i of s[2k + p]; the two packs put DoF 8k + 4p + i at
  // byte 16(i/2) + 8(k/2) + 4(k%2) + 2(i%2) + p; the dword permute and the byte shuffle then
  // put DoF d at byte d.
  __m256i q[4];
  for (int k = 0; k < 4; ++k)
    q[k] = _mm256_or_si256(_mm256_castpd_si256(s[2 * k]), _mm256_slli_epi64(_mm256_castpd_si256(s[2 * k + 1]), 32));
  const __m256i b = _mm256_packus_epi16(_mm256_packs_epi32(q[0], q[1]), _mm256_packs_epi32(q[2], q[3]));
  const __m256i p = _mm256_permutevar8x32_epi32(b, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
  return _mm256_shuffle_epi8(p, _mm256_setr_epi8(0, 2, 4, 6, 1, 3, 5, 7, 8, 10, 12, 14, 9, 11, 13, 15,  //
                                                 0, 2, 4, 6, 1, 3, 5, 7, 8, 10, 12, 14, 9, 11, 13, 15));
}
#elif ARTHROKIN_BATCH_KERNEL_ISA == 1
inline D bits(const std::int64_t* p) noexcept {
  return _mm_castsi128_pd(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}
inline D bits(std::int64_t v) noexcept { return _mm_castsi128_pd(_mm_set1_epi64x(v)); }
inline D select(M m, D if_false, D if_true) noexcept {
  return _mm_or_pd(_mm_and_pd(m, if_true), _mm_andnot_pd(m, if_false));
}
inline M is_inf(D v) noexcept {
  return _mm_cmpeq_pd(_mm_andnot_pd(_mm_set1_pd(-0.0), v), _mm_set1_pd(std::numeric_limits<double>::infinity()));
}
#elif ARTHROKIN_BATCH_KERNEL_ISA == 3
inline D bits(const std::int64_t* p) noexcept { return vreinterpretq_f64_s64(vld1q_s64(p)); }
inline D bits(std::int64_t v) noexcept { return vreinterpretq_f64_s64(vdupq_n_s64(v)); }
inline D select(M m, D if_false, D if_true) noexcept { return vbslq_f64(m, if_true, if_false); }
inline M is_inf(D v) noexcept { return vceqq_f64(vabsq_f64(v), vdupq_n_f64(std::numeric_limits<double>::infinity())); }
#else
inline D bits(const std::int64_t* p) noexcept { return std::bit_cast<double>(*p); }
inline D bits(std::int64_t v) noexcept { return std::bit_cast<double>(v); }
inline D select(M m, D if_false, D if_true) noexcept { return m ? if_true : if_false; }
#endif

/// Where count_dofs / row put one pose's statuses (a pointer to it is their last argument;
/// the default, nullptr_t, compiles the kernel without them).
struct PoseStatuses {
  PoseStatuses(const BatchStatusTables* tables, std::uint8_t* composite_out) noexcept
      : t(tables), composite(composite_out) {}  // s: set by block() before store() reads it
  const BatchStatusTables* t;
  std::uint8_t* composite;                ///< the pose's composite statuses (null: not wanted)
  D s[blocks];                            ///< per DoF `Status`, as the 64-bit lanes of D
  std::uint8_t region[batch_pose_slots];  ///< statuses of the DoFs decided per pose (regions, two-joint), set by row()

  /// From count_dofs' masks of block b (clearly above, below; possibly above, below; unknown): the order of
  /// detail::classify.
  void block(std::size_t b, M a, M be, M pa, M pb, M u) noexcept {
    D v = select(u, bits(t->known.data() + b * lanes), bits(t->unknown.data() + b * lanes));
    v = select(pb, v, bits(static_cast<std::int64_t>(Status::possibly_below)));
    v = select(pa, v, bits(static_cast<std::int64_t>(Status::possibly_above)));
    v = select(be, v, bits(static_cast<std::int64_t>(Status::below)));
    s[b] = select(a, v, bits(static_cast<std::int64_t>(Status::above)));
  }
  /// The n status bytes into out[0, n), never past it (the next pose may be another thread's).
  void store(std::uint8_t* out) const noexcept {
#if ARTHROKIN_BATCH_KERNEL_ISA == 2
    constexpr std::size_t groups = (blocks + 7) / 8;
    for (std::size_t g = 0; g < groups; ++g) {
      D part[8];
      for (std::size_t k = 0; k < 8; ++k) part[k] = g * 8 + k < blocks ? s[g * 8 + k] : _mm256_setzero_pd();
      const __m256i bytes = pack_low_bytes(part);
      const std::size_t first = g * 32, len = std::min<std::size_t>(32, n - first);
      if (len == 32) {
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + first), bytes);
      } else {
        alignas(32) std::uint8_t buf[32];
        _mm256_store_si256(reinterpret_cast<__m256i*>(buf), bytes);
        std::memcpy(out + first, buf, len);
      }
    }
#else
    alignas(16) std::int64_t v[blocks * lanes];
    std::memcpy(v, s, sizeof v);
    for (std::size_t j = 0; j < n; ++j) out[j] = static_cast<std::uint8_t>(v[j]);
#endif
  }
};

/// Index of the first ±∞ in p[0, count), or count.
inline std::size_t first_infinite(const double* p, std::size_t count) noexcept {
  std::size_t i = 0;
#if ARTHROKIN_BATCH_KERNEL_ISA != 0
  for (; i + 4 * lanes <= count; i += 4 * lanes)
    if (any(or_(or_(is_inf(loadu(p + i)), is_inf(loadu(p + i + lanes))),
                or_(is_inf(loadu(p + i + 2 * lanes)), is_inf(loadu(p + i + 3 * lanes))))))
      break;  // the scalar loop finds which
#endif
  for (; i < count; ++i)
    if (std::isinf(p[i])) return i;
  return count;
}

/// Index of the first value of p[0, count) that is not a valid standard uncertainty (negative or
/// infinite; NaN is valid: "the per-DoF value"), or count.
inline std::size_t first_bad_uncertainty(const double* p, std::size_t count) noexcept {
  std::size_t i = 0;
#if ARTHROKIN_BATCH_KERNEL_ISA != 0
  const D z = set1(0.0);
  for (; i + 4 * lanes <= count; i += 4 * lanes) {
    const D a = loadu(p + i), b = loadu(p + i + lanes), c = loadu(p + i + 2 * lanes), d = loadu(p + i + 3 * lanes);
    if (any(or_(or_(or_(lt(a, z), is_inf(a)), or_(lt(b, z), is_inf(b))),
                or_(or_(lt(c, z), is_inf(c)), or_(lt(d, z), is_inf(d))))))
      break;  // the scalar loop finds which
  }
#endif
  for (; i < count; ++i)
    if (p[i] < 0 || std::isinf(p[i])) return i;
  return count;
}

/// Second pass: per-DoF counts (when `Count`). Returns whether a DoF is clearly out of range; sets
/// `checked` when a DoF with a limit is known, `possibly` when one is beyond by no more than its expanded
/// uncertainty U, `partial` when a checked DoF is unknown. `ur`: the pose's standard uncertainties (NaN:
/// the table's U) or nullptr. `ps`: PoseStatuses* or nullptr.
/// The clear threshold is hi + U / lo − U, as detail::classify computes it (per pose: U = k·u, then the
/// sum; the library is built without FMA contraction of these, see docs/uncertainty.md).
template <bool Count, class S = std::nullptr_t>
inline bool count_dofs(const BatchTables& t, const double* x, const double* ur, Counters& c, bool& checked,
                       bool& possibly, bool& partial, S ps = nullptr) noexcept {
  M out = zero(), maybe = zero(), known_limited = zero(), unknown_active = zero();
  for (std::size_t b = 0; b < blocks; ++b) {
    const D v = load(x, b);
    const M a = gt(v, loadu(t.hi_t.data() + b * lanes));
    const M be = andnot(a, lt(v, loadu(t.lo_t.data() + b * lanes)));
    const M u = unord(v);
    D hu, lu;
    if (ur) {
      const D r = load(ur, b);
      const D big_u = select(unord(r), mul(set1(t.coverage), r), loadu(t.u.data() + b * lanes));
      hu = add(loadu(t.hi.data() + b * lanes), big_u);
      lu = sub(loadu(t.lo.data() + b * lanes), big_u);
    } else {
      hu = loadu(t.hi_u.data() + b * lanes);
      lu = loadu(t.lo_u.data() + b * lanes);
    }
    const M ca = and_(a, gt(v, hu)), cb = and_(be, lt(v, lu));
    const M pa = andnot(ca, a), pb = andnot(cb, be);
    if constexpr (Count) {
      c.above[b] = count(c.above[b], ca);
      c.below[b] = count(c.below[b], cb);
      c.possibly_above[b] = count(c.possibly_above[b], pa);
      c.possibly_below[b] = count(c.possibly_below[b], pb);
      c.unknown[b] = count(c.unknown[b], u);
    }
    if constexpr (!std::is_null_pointer_v<S>) ps->block(b, ca, cb, pa, pb, u);
    out = or_(out, or_(ca, cb));
    maybe = or_(maybe, or_(pa, pb));
    known_limited = or_(known_limited, andnot(u, load_mask(t.limited_mask.data() + b * lanes)));
    unknown_active = or_(unknown_active, and_(u, load_mask(t.active_mask.data() + b * lanes)));
  }
  checked = checked || any(known_limited);
  possibly = any(maybe);
  partial = any(unknown_active);
  return any(out);
}

/// Verdict of one pose; with `Count`, adds its unknown / out-of-range DoFs and
/// composites. `try_clean`: run the first pass (false skips it: the caller saw a
/// dirty pose just before); set to whether this pose was clean. `ur`: as count_dofs.
template <bool Count, class S = std::nullptr_t>
inline Verdict row(const BatchTables& t, const double* x, const double* tl, const double* ur, Counters& c,
                   BatchBlockResult& r, bool& try_clean, S ps = nullptr) noexcept {
  bool checked = false, out = false, possibly = false, partial = false;
  if (try_clean && clean(t, x)) {
    checked = t.any_limited;
  } else {
    try_clean = false;
    out = count_dofs<Count>(t, x, ur, c, checked, possibly, partial, ps);
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
    if constexpr (!std::is_null_pointer_v<S>) {
      if (ps->composite)
        ps->composite[k] = static_cast<std::uint8_t>(above        ? Status::above
                                                     : below      ? Status::below
                                                     : unknown    ? Status::unknown
                                                     : cc.limited ? Status::within
                                                                  : Status::no_limit);
    }
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
  for (std::size_t m = 0; m < t.n_region; ++m) {
    std::uint8_t st[3];
    out = batch_region_row(t.region[m], x, ur, t.coverage, st, checked, possibly, partial) || out;
    for (std::size_t k = 0; k < 3; ++k) {
      if constexpr (Count) ++r.region[m * 3 + k][st[k]];
      if constexpr (!std::is_null_pointer_v<S>) ps->region[m * 3 + k] = st[k];
    }
  }
  for (std::size_t m = 0; m < t.n_two_joint && m < t.two_joint.size(); ++m) {
    std::uint8_t st;
    out = batch_two_joint_row(t.two_joint[m], x, ur, t.coverage, st, checked, possibly, partial) || out;
    if constexpr (Count) ++r.region[6 + m][st];
    if constexpr (!std::is_null_pointer_v<S>) ps->region[6 + m] = st;
  }
  return verdict_of(out, possibly, checked, partial);
}

/// `count` poses from `rows` (and `tl`, or nullptr) into `verdicts` and `r` (added to);
/// with `Statuses`, each pose's statuses into `so` (batch.hpp `BatchStatusOut`).
template <bool Statuses = false>
inline void run_block(const BatchTables& tables, const double* rows, const double* tl, const double* ur,
                      std::uint8_t* verdicts, std::size_t count, BatchBlockResult& result,
                      const BatchStatusOut& so = {}) noexcept {
  // The loop reads the tables and writes the counters for every pose: all in this frame, at
  // fixed offsets. Kept where the caller keeps them, their distance depended on the caller's
  // stack (the same kernel ran up to 10% slower when their addresses aliased modulo 4 KiB).
  const BatchTables t = tables;
  BatchBlockResult r;  // composite and verdict counts of this block, added to `result` at the end
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
    Verdict v;
    if constexpr (Statuses) {
      PoseStatuses ps{so.t, so.composite ? so.composite + i * so.t->composites : nullptr};
      if (ps.composite)  // the fixed ones (not evaluated: not checked, or a DoF missing); row() sets the rest
        for (std::size_t f = 0; f < so.t->n_fixed; ++f) ps.composite[so.t->fixed[f]] = so.t->composite[so.t->fixed[f]];
      v = row<true>(t, rows + i * n, tl ? tl + i * 3 : nullptr, ur ? ur + i * n : nullptr, c, r, try_clean, &ps);
      if (so.dof) {
        if (try_clean)  // every value known and within
          std::memcpy(so.dof + i * n, so.t->clean.data(), n);
        else
          ps.store(so.dof + i * n);
        for (std::size_t m = 0; m < t.n_region; ++m)  // the regions' DoFs: as row() decided them
          for (std::size_t k = 0; k < 3; ++k) so.dof[i * n + t.region[m].idx[k]] = ps.region[m * 3 + k];
        for (std::size_t m = 0; m < t.n_two_joint && m < t.two_joint.size(); ++m)
          so.dof[i * n + t.two_joint[m].checked] = ps.region[6 + m];
      }
    } else {
      v = row<true>(t, rows + i * n, tl ? tl + i * 3 : nullptr, ur ? ur + i * n : nullptr, c, r, try_clean);
    }
    verdicts[i] = static_cast<std::uint8_t>(v);
    ++r.verdicts[static_cast<std::size_t>(v)];
  }
  std::array<std::uint64_t, BatchTables::padded> above{}, below{}, unknown{}, p_above{}, p_below{};
  for (std::size_t b = 0; b < blocks; ++b) {
    store(above.data() + b * lanes, c.above[b]);
    store(below.data() + b * lanes, c.below[b]);
    store(unknown.data() + b * lanes, c.unknown[b]);
    store(p_above.data() + b * lanes, c.possibly_above[b]);
    store(p_below.data() + b * lanes, c.possibly_below[b]);
  }
  for (std::size_t j = 0; j < n; ++j) {
    result.above[j] += above[j], result.below[j] += below[j], result.unknown[j] += unknown[j];
    result.possibly_above[j] += p_above[j], result.possibly_below[j] += p_below[j];
  }
  for (std::size_t k = 0; k < r.c_above.size(); ++k)
    result.c_above[k] += r.c_above[k], result.c_below[k] += r.c_below[k], result.c_unknown[k] += r.c_unknown[k];
  for (std::size_t k = 0; k < r.region.size(); ++k)
    for (std::size_t s = 0; s < r.region[k].size(); ++s) result.region[k][s] += r.region[k][s];
  for (std::size_t v = 0; v < verdict_count; ++v) result.verdicts[v] += r.verdicts[v];
}

/// Verdict of one pose (no counting).
inline Verdict verdict(const BatchTables& t, const double* x, const double* tl, const double* ur) noexcept {
  Counters c;
  BatchBlockResult r;
  bool try_clean = true;
  return row<false>(t, x, tl, ur, c, r, try_clean);
}

/// `verdict` of a pose whose values (and totals, with `tl`) are all finite or NaN, as an int;
/// -1, with nothing else computed, when one is ±∞ (`find_infinity` then names it).
/// `BatchChecker::verdict` in one call: the ±∞ scan and the kernel inlined together, in the
/// same instruction set.
[[gnu::noinline]] inline int verdict_if_finite(const BatchTables& t, const double* x, const double* tl,
                                               const double* ur) noexcept {
  if (first_infinite(x, n) < n || (tl && first_infinite(tl, 3) < 3)) return -1;
  return static_cast<int>(verdict(t, x, tl, ur));
}

}  // namespace arthrokin::detail::ARTHROKIN_BATCH_KERNEL_NS
