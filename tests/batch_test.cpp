// Batch check == per-pose check(): verdicts, per-pose statuses and per-DoF /
// per-composite counts, on thousands of random poses with unknowns, values on and
// around the bounds, tolerance, overrides, restrictions, added composites and
// thoracolumbar totals; and the ±∞ rule (an error naming the first pose, nothing written).
#include <arthrokin/arthrokin.hpp>
#include <arthrokin/batch.hpp>
#include <arthrokin/detail/batch_kernels.hpp>  // the kernels' partial loads, tested directly
#include <arthrokin/kinematics/forward.hpp>
#include <arthrokin/kinematics/skeleton.hpp>

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <vector>

#if defined(__linux__) && __has_include(<sys/mman.h>) && __has_include(<unistd.h>)
#include <sys/mman.h>
#include <unistd.h>
#define ARTHROKIN_TEST_GUARD_PAGE 1
#else
#define ARTHROKIN_TEST_GUARD_PAGE 0
#endif

using namespace arthrokin;
using namespace arthrokin::literals;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

#ifdef ARTHROKIN_TEST_EXTRA_DOFS  // the extra-DoF build (tests/CMakeLists.txt): the rows reached the table
static_assert(dof_count == 41 && index(DofId::right_knee_abduction_adduction) == 40);
#endif

struct Batch {
  std::vector<double> rows;  // N × dof_count
  std::vector<double> tl;    // N × 3
  std::size_t n = 0;
};

// Values drawn near the bounds (exactly on them, ± tolerance, just beyond) and anywhere.
Batch random_batch(const Limits& L, std::size_t n, double p_unknown, double p_tl, std::uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u01(0, 1), any(-3.2, 3.2), jitter(-0.2, 0.2);
  const double tol = L.tolerance_radians();
  Batch b;
  b.n = n;
  b.rows.resize(n * dof_count);
  b.tl.resize(n * 3);
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t j = 0; j < dof_count; ++j) {
      const auto& l = L[static_cast<DofId>(j)];
      double v;
      const double pick = u01(rng);
      if (u01(rng) < p_unknown) {
        v = kNaN;
      } else if (pick < 0.15 && l.upper.has_value()) {
        const double choices[] = {l.upper.radians, l.upper.radians + tol, std::nextafter(l.upper.radians + tol, 9.0)};
        v = choices[rng() % 3];
      } else if (pick < 0.3 && l.lower.has_value()) {
        const double choices[] = {l.lower.radians, l.lower.radians - tol, std::nextafter(l.lower.radians - tol, -9.0)};
        v = choices[rng() % 3];
      } else if (pick < 0.9 && l.lower.has_value() && l.upper.has_value()) {
        // mostly within: keeps a realistic share of fully clean poses
        v = l.lower.radians + (l.upper.radians - l.lower.radians) * u01(rng);
        if (pick > 0.85) v += jitter(rng);
      } else {
        v = any(rng);
      }
      b.rows[r * dof_count + j] = v;
    }
    for (std::size_t k = 0; k < 3; ++k) b.tl[r * 3 + k] = u01(rng) < p_tl ? any(rng) * 0.5 : kNaN;
  }
  return b;
}

Pose to_pose(const Batch& b, std::size_t r, bool with_tl) {
  Pose p = Pose::from_radians(Eigen::Map<const PoseVector>(b.rows.data() + r * dof_count));
  if (with_tl) {
    constexpr Axis ax[] = {Axis::flexion_extension, Axis::lateral_flexion, Axis::axial_rotation};
    for (std::size_t k = 0; k < 3; ++k)
      if (!std::isnan(b.tl[r * 3 + k])) p.set_thoracolumbar(ax[k], radians(b.tl[r * 3 + k]));
  }
  return p;
}

// Reference: check() per pose, counted the same way.
struct Expected {
  std::vector<std::uint8_t> verdicts, status, composite;  // N; N × 39; N × composite_count
};
BatchCounts reference(const Limits& L, const Batch& b, bool with_tl, Expected& e) {
  BatchCounts c;
  e.verdicts.resize(b.n);
  e.status.resize(b.n * dof_count);
  e.composite.resize(b.n * L.composite_count());
  Report rep;
  for (std::size_t r = 0; r < b.n; ++r) {
    check(to_pose(b, r, with_tl), L, rep);
    e.verdicts[r] = static_cast<std::uint8_t>(rep.overall);
    for (std::size_t j = 0; j < dof_count; ++j)
      e.status[r * dof_count + j] = static_cast<std::uint8_t>(rep.dofs[j].status);
    for (std::size_t k = 0; k < rep.composite_count; ++k)
      e.composite[r * rep.composite_count + k] = static_cast<std::uint8_t>(rep.composites[k].status);
    for (std::size_t j = 0; j < dof_count; ++j) ++c.dof[j][static_cast<std::size_t>(rep.dofs[j].status)];
    for (std::size_t k = 0; k < rep.composite_count; ++k)
      ++c.composite[k][static_cast<std::size_t>(rep.composites[k].status)];
    ++c.verdict[static_cast<std::size_t>(rep.overall)];
    ++c.poses;
  }
  return c;
}

// Per-pose statuses of the batch against check()'s (the first few mismatches are named).
void expect_statuses(const std::vector<std::uint8_t>& got, const std::vector<std::uint8_t>& want, std::size_t width,
                     const char* what) {
  ASSERT_EQ(got.size(), want.size());
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < got.size(); ++i)
    if (got[i] != want[i] && ++mismatches <= 5)
      ADD_FAILURE() << what << ": pose " << i / width << ", column " << i % width << ": batch " << int(got[i])
                    << ", check() " << int(want[i]);
  EXPECT_EQ(mismatches, 0u) << what;
}

void expect_same_isa(const Limits& L, const Batch& b, bool with_tl, unsigned threads, BatchIsa isa, const Expected& e,
                     const BatchCounts& ref) {
  const std::vector<std::uint8_t>& want = e.verdicts;
  SCOPED_TRACE(std::string("kernel ") + std::string(BatchChecker::kernel_name(isa)));
  std::vector<std::uint8_t> got(b.n, 0xFF);
  BatchCounts counts;
  BatchOptions opt;
  opt.threads = threads;
  opt.min_rows_per_thread = 1;
  opt.isa = isa;
  check_batch(L, b.rows, got, counts, with_tl ? std::span<const double>(b.tl) : std::span<const double>{}, opt);
  std::size_t mismatches = 0;
  for (std::size_t r = 0; r < b.n; ++r)
    if (got[r] != want[r] && ++mismatches <= 5)
      ADD_FAILURE() << "pose " << r << ": batch " << int(got[r]) << ", check() " << int(want[r]);
  EXPECT_EQ(mismatches, 0u);
  EXPECT_EQ(counts.poses, ref.poses);
  EXPECT_EQ(counts.verdict, ref.verdict);
  for (std::size_t j = 0; j < dof_count; ++j) EXPECT_EQ(counts.dof[j], ref.dof[j]) << to_string(static_cast<DofId>(j));
  for (std::size_t k = 0; k < Limits::max_composites; ++k) EXPECT_EQ(counts.composite[k], ref.composite[k]) << k;
  // with per-pose statuses: the same verdicts and counts, and the statuses of check()
  const BatchChecker k(L);
  std::vector<std::uint8_t> got2(b.n, 0xFF), status(b.n * dof_count, 0xFF), comp(b.n * k.composite_count(), 0xFF);
  BatchCounts counts2;
  k.run(b.rows, got2, BatchStatuses{status, comp}, counts2,
        with_tl ? std::span<const double>(b.tl) : std::span<const double>{}, opt);
  EXPECT_EQ(got2, got);
  EXPECT_EQ(counts2.dof, counts.dof);
  EXPECT_EQ(counts2.composite, counts.composite);
  EXPECT_EQ(counts2.verdict, counts.verdict);
  expect_statuses(status, e.status, dof_count, "DoF status");
  expect_statuses(comp, e.composite, std::max<std::size_t>(1, k.composite_count()), "composite status");
  // either kind alone
  std::vector<std::uint8_t> status_only(b.n * dof_count, 0xFF), comp_only(b.n * k.composite_count(), 0xFF);
  BatchCounts scratch;
  k.run(b.rows, got2, BatchStatuses{status_only, {}}, scratch,
        with_tl ? std::span<const double>(b.tl) : std::span<const double>{}, opt);
  k.run(b.rows, got2, BatchStatuses{{}, comp_only}, scratch,
        with_tl ? std::span<const double>(b.tl) : std::span<const double>{}, opt);
  EXPECT_EQ(status_only, status);
  EXPECT_EQ(comp_only, comp);
  // the single-row entry point agrees too
  for (std::size_t r = 0; r < b.n; r += 7)
    ASSERT_EQ(static_cast<std::uint8_t>(
                  k.verdict(b.rows.data() + r * dof_count, with_tl ? b.tl.data() + r * 3 : nullptr, isa)),
              want[r])
        << "pose " << r;
}

// Both kernels (the best one for this CPU, and the build's baseline) against check().
void expect_same(const Limits& L, const Batch& b, bool with_tl, unsigned threads = 1) {
  Expected e;
  const BatchCounts ref = reference(L, b, with_tl, e);
  for (BatchIsa isa : {BatchIsa::best, BatchIsa::baseline}) expect_same_isa(L, b, with_tl, threads, isa, e, ref);
}

std::vector<std::pair<const char*, Limits>> limit_sets() {
  std::vector<std::pair<const char*, Limits>> v;
  v.emplace_back("defaults", Limits::defaults());
  v.emplace_back("tolerance 5deg", Limits::defaults().with_tolerance(5_deg));
  v.emplace_back("AAOS65 + override + tolerance", Limits::from_source("AAOS65")
                                                      .override_dof(DofId::left_hip_flexion_extension, -5_deg, 70_deg)
                                                      .override_dof(DofId::lumbar_axial_rotation, -3_deg, 4_deg)
                                                      .with_tolerance(2_deg));
  v.emplace_back("restricted", Limits::defaults().restrict_to({Joint::hip, Joint::knee, Joint::lumbar}));
  v.emplace_back("restricted spine", Limits::defaults().restrict_to({Joint::thoracic, Joint::lumbar}));
  v.emplace_back("hip bands + combined arcs",
                 Limits::defaults()
                     .add(composite_limit("hip_adduction_plus_internal_rotation", "Seed", Side::left))
                     .add(composite_limit("hip_adduction_plus_internal_rotation", "Seed", Side::right))
                     .add(composite_limit("cervical_combined_range", "VA"))
                     .with_tolerance(1_deg));
  v.emplace_back("model (no limit on most DoFs)", Limits::from_model("Rajagopal2016"));
  v.emplace_back("empty", Limits{});
  return v;
}

#if ARTHROKIN_TEST_GUARD_PAGE
/// `n` doubles that end where an inaccessible page begins: reading past the end faults,
/// also where AddressSanitizer does not look (a masked AVX2 load is not instrumented).
class GuardedDoubles {
 public:
  explicit GuardedDoubles(std::size_t n) : n_(n) {
    const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    const std::size_t bytes = n * sizeof(double), data_pages = (bytes + page - 1) / page;
    size_ = (data_pages + 1) * page;
    base_ = static_cast<char*>(mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    if (base_ == MAP_FAILED || mprotect(base_ + data_pages * page, page, PROT_NONE) != 0) std::abort();
    data_ = reinterpret_cast<double*>(base_ + data_pages * page - bytes);
  }
  ~GuardedDoubles() { munmap(base_, size_); }
  GuardedDoubles(const GuardedDoubles&) = delete;
  GuardedDoubles& operator=(const GuardedDoubles&) = delete;
  [[nodiscard]] double* data() const noexcept { return data_; }
  [[nodiscard]] std::span<const double> span() const noexcept { return {data_, n_}; }

 private:
  std::size_t n_, size_;
  char* base_;
  double* data_;
};
#endif

/// The partial load of each kernel, as doubles (out: one vector).
void baseline_load_first(const double* p, std::size_t k, double* out) {
  const auto v = detail::batch_baseline::load_first(p, k);
  std::memcpy(out, &v, sizeof v);
}
#if ARTHROKIN_BATCH_DISPATCH
// the target attribute, as the kernel's AVX2 copy has it (GCC and Clang)
__attribute__((target("avx2"))) void avx2_load_first(const double* p, std::size_t k, double* out) {
  const auto v = detail::batch_avx2::load_first(p, k);
  std::memcpy(out, &v, sizeof v);
}
#endif

}  // namespace

TEST(Batch, EqualsPerPoseCheck) {
  std::uint32_t seed = 1;
  for (const auto& [name, L] : limit_sets()) {
    for (double p_unknown : {0.0, 0.02, 0.3}) {
      SCOPED_TRACE(std::string(name) + ", p_unknown " + std::to_string(p_unknown));
      const Batch b = random_batch(L, 3000, p_unknown, 0.0, seed++);
      expect_same(L, b, false);
    }
  }
}

namespace {
// With uncertainty (issue 13): a per-DoF uncertainty for every pose and, optionally, per-pose values
// (NaN: the per-DoF value), against check() with the same uncertainty; both kernels. Some values are
// put exactly on bound ± U and one ulp past it.
std::size_t expect_same_uncertain(const Limits& L, Batch b, const Uncertainty& u, bool per_row, std::uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u01(0, 1), ru(0, 0.1);
  std::vector<double> row_u;
  if (per_row) {
    row_u.resize(b.n * dof_count);
    for (double& x : row_u) x = u01(rng) < 0.3 ? kNaN : (u01(rng) < 0.1 ? 0.0 : ru(rng));
  }
  const auto expanded = [&](std::size_t r, std::size_t j) {
    const double x = per_row ? row_u[r * dof_count + j] : kNaN;
    return std::isnan(x) ? u.expanded_radians(static_cast<DofId>(j)) : u.coverage() * x;
  };
  for (std::size_t r = 0; r < b.n; ++r)
    for (std::size_t j = 0; j < dof_count; ++j) {
      const auto& l = L[static_cast<DofId>(j)];
      const double pick = u01(rng);
      double& v = b.rows[r * dof_count + j];
      if (std::isnan(v)) continue;
      if (pick < 0.05 && l.upper.has_value()) v = l.upper.radians + expanded(r, j);
      if (pick >= 0.05 && pick < 0.1 && l.upper.has_value()) v = std::nextafter(l.upper.radians + expanded(r, j), 9.0);
      if (pick >= 0.1 && pick < 0.15 && l.lower.has_value()) v = l.lower.radians - expanded(r, j);
    }
  // the reference
  std::vector<std::uint8_t> want(b.n), want_status(b.n * dof_count);
  BatchCounts ref;
  Report rep;
  std::size_t possibly = 0;
  for (std::size_t r = 0; r < b.n; ++r) {
    Uncertainty ur = u;
    if (per_row)
      for (std::size_t j = 0; j < dof_count; ++j)
        if (!std::isnan(row_u[r * dof_count + j])) ur.set(static_cast<DofId>(j), radians(row_u[r * dof_count + j]));
    check(to_pose(b, r, false), L, ur, rep);
    want[r] = static_cast<std::uint8_t>(rep.overall);
    for (std::size_t j = 0; j < dof_count; ++j) {
      want_status[r * dof_count + j] = static_cast<std::uint8_t>(rep.dofs[j].status);
      ++ref.dof[j][static_cast<std::size_t>(rep.dofs[j].status)];
    }
    possibly += rep.possibly_out_of_range_count;
    ++ref.verdict[static_cast<std::size_t>(rep.overall)];
  }
  for (BatchIsa isa : {BatchIsa::best, BatchIsa::baseline}) {
    SCOPED_TRACE(std::string("kernel ") + std::string(BatchChecker::kernel_name(isa)));
    const BatchChecker k(L, u);
    BatchOptions opt;
    opt.isa = isa;
    if (per_row) opt.row_uncertainty = row_u;
    std::vector<std::uint8_t> got(b.n, 0xFF), status(b.n * dof_count, 0xFF);
    BatchCounts counts, counts2;
    k.run(b.rows, got, BatchStatuses{status, {}}, counts, {}, opt);
    expect_statuses(got, want, 1, "verdict");
    expect_statuses(status, want_status, dof_count, "DoF status");
    EXPECT_EQ(counts.verdict, ref.verdict);
    for (std::size_t j = 0; j < dof_count; ++j)
      EXPECT_EQ(counts.dof[j], ref.dof[j]) << to_string(static_cast<DofId>(j));
    std::vector<std::uint8_t> got2(b.n, 0xFF);
    k.run(b.rows, got2, BatchStatuses{}, counts2, {}, opt);  // the kernel without statuses
    EXPECT_EQ(got2, got);
    EXPECT_EQ(counts2.dof, counts.dof);
    for (std::size_t r = 0; r < b.n; r += 5)
      EXPECT_EQ(static_cast<std::uint8_t>(k.verdict(b.rows.data() + r * dof_count, nullptr, isa,
                                                    per_row ? row_u.data() + r * dof_count : nullptr)),
                want[r])
          << "pose " << r;
  }
  return possibly;
}
}  // namespace

TEST(Batch, WithUncertaintyEqualsPerPoseCheck) {
  std::uint32_t seed = 100;
  for (const auto& [name, L] : limit_sets()) {
    for (const auto& [uname, u] : {std::pair{"none", Uncertainty{}}, std::pair{"2deg", Uncertainty::uniform(2_deg)},
                                   std::pair{"3deg k=1", Uncertainty::uniform(3_deg, 1.0)},
                                   std::pair{"goniometer", Uncertainty::for_input(InputKind::goniometer)}}) {
      for (bool per_row : {false, true}) {
        SCOPED_TRACE(std::string(name) + ", " + uname + (per_row ? ", per row" : ""));
        const std::size_t possibly = expect_same_uncertain(L, random_batch(L, 1500, 0.05, 0.0, seed), u, per_row, seed);
        if (std::string(name) == "defaults" && (u.any() || per_row)) {
          EXPECT_GT(possibly, 100u);  // the test sees them
        }
        ++seed;
      }
    }
  }
}

TEST(Batch, RowUncertaintyIsValidatedBeforeAnythingIsWritten) {
  const Limits L = Limits::defaults();
  const BatchChecker k(L, Uncertainty::uniform(1_deg));
  std::vector<double> rows(3 * dof_count, 0.0), u(3 * dof_count, 0.01);
  std::vector<std::uint8_t> v(3, 0xFF);
  BatchCounts c;
  BatchOptions opt;
  u[dof_count + 4] = -0.1;
  opt.row_uncertainty = u;
  EXPECT_THROW(k.run(rows, v, c, {}, opt), invalid_argument);
  u[dof_count + 4] = std::numeric_limits<double>::infinity();
  EXPECT_THROW(k.run(rows, v, c, {}, opt), invalid_argument);
  EXPECT_EQ(v, std::vector<std::uint8_t>(3, 0xFF));
  EXPECT_EQ(c.poses, 0u);
  u.pop_back();
  opt.row_uncertainty = u;
  EXPECT_THROW(k.run(rows, v, c, {}, opt), invalid_argument);
}

TEST(Batch, ThoracolumbarTotalsAsCheckReadsThem) {
  std::uint32_t seed = 100;
  for (const auto& [name, L] : limit_sets()) {
    SCOPED_TRACE(name);
    const Batch b = random_batch(L, 3000, 0.4, 0.7, seed++);
    expect_same(L, b, true);
  }
}

TEST(Batch, ThreadsGiveTheSameResult) {
  const Limits L = Limits::defaults().with_tolerance(3_deg);
  const Batch b = random_batch(L, 10007, 0.05, 0.0, 7);
  for (unsigned t : {2u, 3u, 0u}) {
    SCOPED_TRACE(t);
    expect_same(L, b, false, t);
  }
}

TEST(Batch, EigenRowMajorView) {
  const Limits L = Limits::defaults();
  const Batch b = random_batch(L, 500, 0.1, 0.0, 9);
  const Eigen::Map<const PoseBatch> m(b.rows.data(), static_cast<Eigen::Index>(b.n), dof_count);
  std::vector<std::uint8_t> v1(b.n), v2(b.n);
  BatchCounts c1, c2;
  check_batch(L, m, v1, c1);
  check_batch(L, b.rows, v2, c2);
  EXPECT_EQ(v1, v2);
  EXPECT_EQ(c1.dof, c2.dof);
}

TEST(Batch, SingleRowVerdict) {
  const Limits L = Limits::defaults();
  const BatchChecker k(L);
  PoseVector v = PoseVector::Zero();
  EXPECT_EQ(k.verdict(v.data()), Verdict::within_range);
  v[static_cast<Eigen::Index>(index(DofId::left_knee_flexion_extension))] = deg_to_rad(200);
  EXPECT_EQ(k.verdict(v.data()), Verdict::out_of_range);
  v.setConstant(kNaN);
  EXPECT_EQ(k.verdict(v.data()), Verdict::unknown);
  // thoracolumbar total alone decides: 80° rotation to the right is beyond any source
  const double tl[3] = {kNaN, kNaN, deg_to_rad(80)};
  EXPECT_EQ(k.verdict(v.data(), tl), Verdict::out_of_range);
}

TEST(Batch, KernelNames) {
  const std::string_view best = BatchChecker::kernel_name(BatchIsa::best);
  const std::string_view base = BatchChecker::kernel_name(BatchIsa::baseline);
  EXPECT_TRUE(best == "avx2" || best == "sse2" || best == "neon" || best == "scalar") << best;
  EXPECT_TRUE(base == "avx2" || base == "sse2" || base == "neon" || base == "scalar") << base;
#if defined(__aarch64__) && !defined(ARTHROKIN_BATCH_SCALAR)
  EXPECT_EQ(best, "neon");  // AArch64: the NEON kernel, never the plain C++ one
#endif
#if defined(__x86_64__) && !defined(ARTHROKIN_BATCH_SCALAR) && !defined(ARTHROKIN_BATCH_NO_DISPATCH)
  // x86-64 with GCC or Clang: the AVX2 copy is compiled and chosen when the CPU has AVX2
#if !defined(__AVX2__)
  EXPECT_EQ(ARTHROKIN_BATCH_DISPATCH, 1);
#endif
  if (__builtin_cpu_supports("avx2")) {
    EXPECT_EQ(best, "avx2");
  }
#endif
  std::printf("batch kernels: best %s, baseline %s; %zu DoFs: baseline %zu lanes, tail %zu\n",
              std::string(best).c_str(), std::string(base).c_str(), dof_count, detail::batch_baseline::lanes,
              detail::batch_baseline::tail);
}

TEST(Batch, RejectsMismatchedSizes) {
  const Limits L = Limits::defaults();
  std::vector<double> rows(dof_count * 3 + 1);
  std::vector<std::uint8_t> v(3);
  BatchCounts c;
  EXPECT_THROW(check_batch(L, rows, v, c), invalid_argument);
  rows.resize(dof_count * 3);
  std::vector<std::uint8_t> v2(2);
  EXPECT_THROW(check_batch(L, rows, v2, c), invalid_argument);
  std::vector<double> tl(5);
  EXPECT_THROW(check_batch(L, rows, v, c, tl), invalid_argument);
}

// The last partial vector of a pose loads dof_count % lanes values and nothing past
// them (the row may be the last of the buffer); its other lanes read 0. Every
// remainder 1..lanes-1 of every kernel, not only the one of dof_count.
TEST(BatchKernel, PartialLoadReadsOnlyItsValues) {
  struct Kernel {
    const char* name;
    std::size_t lanes;
    void (*load_first)(const double*, std::size_t, double*);
  };
  std::vector<Kernel> kernels{{"baseline", detail::batch_baseline::lanes, baseline_load_first}};
#if ARTHROKIN_BATCH_DISPATCH
  if (__builtin_cpu_supports("avx2")) kernels.push_back({"avx2", detail::batch_avx2::lanes, avx2_load_first});
#endif
  for (const auto& kernel : kernels)
    for (std::size_t k = 1; k < kernel.lanes; ++k) {
      SCOPED_TRACE(std::string(kernel.name) + ", " + std::to_string(k) + " values");
      std::vector<double> heap(k);  // ASan sees a plain load past its end
      for (std::size_t i = 0; i < k; ++i) heap[i] = 1.5 + static_cast<double>(i);
      double out[8];
      kernel.load_first(heap.data(), k, out);
      for (std::size_t i = 0; i < kernel.lanes; ++i) EXPECT_EQ(out[i], i < k ? heap[i] : 0.0) << i;
#if ARTHROKIN_TEST_GUARD_PAGE
      const GuardedDoubles guarded(k);  // a masked load past its end faults
      std::memcpy(guarded.data(), heap.data(), k * sizeof(double));
      kernel.load_first(guarded.data(), k, out);
      for (std::size_t i = 0; i < kernel.lanes; ++i) EXPECT_EQ(out[i], i < k ? heap[i] : 0.0) << i;
#endif
    }
}

#if ARTHROKIN_TEST_GUARD_PAGE
// A batch whose last row ends at an inaccessible page: both kernels read no value past it.
TEST(Batch, ReadsNothingPastTheLastRow) {
  const Limits L = Limits::defaults().with_tolerance(1_deg);
  for (std::size_t n : {1u, 2u, 33u}) {
    const Batch b = random_batch(L, n, 0.1, 0.0, static_cast<std::uint32_t>(500 + n));
    const GuardedDoubles rows(b.rows.size());
    std::memcpy(rows.data(), b.rows.data(), b.rows.size() * sizeof(double));
    const BatchChecker k(L);
    for (BatchIsa isa : {BatchIsa::best, BatchIsa::baseline}) {
      SCOPED_TRACE(std::string(BatchChecker::kernel_name(isa)) + ", " + std::to_string(n) + " rows");
      std::vector<std::uint8_t> want(n), got(n);
      BatchCounts c_want, c_got;
      BatchOptions opt;
      opt.isa = isa;
      check_batch(L, b.rows, want, c_want, {}, opt);
      check_batch(L, rows.span(), got, c_got, {}, opt);
      EXPECT_EQ(got, want);
      EXPECT_EQ(c_got.dof, c_want.dof);
      EXPECT_EQ(static_cast<std::uint8_t>(k.verdict(rows.data() + (n - 1) * dof_count, nullptr, isa)), want[n - 1]);
    }
  }
}
#endif

// ---- the ±∞ rule --------------------------------------------------------------------

TEST(Batch, FindInfinityAtEveryPosition) {
  // every position of a 5-pose batch (SIMD blocks, their tails, the row boundaries), both signs
  std::vector<double> rows(5 * dof_count, kNaN), tl(5 * 3, kNaN);
  EXPECT_FALSE(find_infinity(rows, tl));
  for (double inf : {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()}) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      rows[i] = inf;
      const auto w = find_infinity(rows, tl);
      ASSERT_TRUE(w) << i;
      EXPECT_EQ(w->pose, i / dof_count);
      EXPECT_EQ(w->column, i % dof_count);
      EXPECT_FALSE(w->thoracolumbar);
      rows[i] = i % 2 ? 0.0 : kNaN;
    }
    for (std::size_t i = 0; i < tl.size(); ++i) {
      tl[i] = inf;
      const auto w = find_infinity(rows, tl);
      ASSERT_TRUE(w) << i;
      EXPECT_EQ(w->pose, i / 3);
      EXPECT_EQ(w->column, i % 3);
      EXPECT_TRUE(w->thoracolumbar);
      tl[i] = kNaN;
    }
  }
  // within one pose its DoFs come before its totals; an earlier pose's totals before a later pose's DoFs
  rows[2 * dof_count + 30] = -std::numeric_limits<double>::infinity();
  tl[2 * 3 + 0] = std::numeric_limits<double>::infinity();
  EXPECT_EQ(describe(*find_infinity(rows, tl)),
            "pose 2, " + std::string(to_string(static_cast<DofId>(30))) + " is infinite (NaN means unknown)");
  tl[1 * 3 + 2] = std::numeric_limits<double>::infinity();
  EXPECT_EQ(describe(*find_infinity(rows, tl)), "pose 1, thoracolumbar axial_rotation is infinite (NaN means not set)");
  // finite extremes are numbers
  std::vector<double> extremes = {std::numeric_limits<double>::max(), -std::numeric_limits<double>::max(),
                                  std::numeric_limits<double>::denorm_min(), -0.0, kNaN};
  extremes.resize(dof_count * 2, std::numeric_limits<double>::lowest());
  EXPECT_FALSE(find_infinity(extremes));
}

TEST(Batch, InfinityIsAnErrorNamingTheFirstPoseAndNothingIsWritten) {
  const Limits L = Limits::defaults().with_tolerance(2_deg);
  const BatchChecker k(L);
  constexpr double inf = std::numeric_limits<double>::infinity();
  struct Put {
    std::size_t pose, column;
    bool tl;
    double v;
  };
  struct Case {
    std::vector<Put> put;
    std::string message;
  };
  const std::string hip = std::string(to_string(DofId::left_hip_flexion_extension));
  const std::size_t hip_i = index(DofId::left_hip_flexion_extension);
  const std::vector<Case> cases = {
      {{{4321, hip_i, false, inf}}, "pose 4321, " + hip + " is infinite (NaN means unknown)"},
      {{{9000, 0, false, inf}, {1234, hip_i, false, -inf}, {7000, 38, false, inf}},
       "pose 1234, " + hip + " is infinite (NaN means unknown)"},
      {{{0, 38, false, -inf}},
       "pose 0, " + std::string(to_string(static_cast<DofId>(38))) + " is infinite (NaN means unknown)"},
      {{{9999, 1, true, inf}}, "pose 9999, thoracolumbar lateral_flexion is infinite (NaN means not set)"},
      {{{5000, 2, true, -inf}, {5000, hip_i, false, inf}}, "pose 5000, " + hip + " is infinite (NaN means unknown)"},
      {{{4999, 2, true, -inf}, {5000, hip_i, false, inf}},
       "pose 4999, thoracolumbar axial_rotation is infinite (NaN means not set)"},
  };
  const Batch clean = random_batch(L, 10000, 0.1, 0.5, 77);
  for (const auto& c : cases) {
    Batch b = clean;
    for (const auto& p : c.put) (p.tl ? b.tl[p.pose * 3 + p.column] : b.rows[p.pose * dof_count + p.column]) = p.v;
    for (unsigned threads : {1u, 2u, 3u, 0u}) {
      for (bool with_statuses : {false, true}) {
        SCOPED_TRACE(c.message + ", threads " + std::to_string(threads) + (with_statuses ? ", statuses" : ""));
        BatchOptions opt;
        opt.threads = threads;
        opt.min_rows_per_thread = 1;
        std::vector<std::uint8_t> verdicts(b.n, 0xAB), status(with_statuses ? b.n * dof_count : 0, 0xAB),
            comp(with_statuses ? b.n * k.composite_count() : 0, 0xAB);
        BatchCounts counts;
        counts.poses = 17;
        counts.dof[3][1] = 5;
        const BatchCounts before = counts;
        try {
          k.run(b.rows, verdicts, BatchStatuses{status, comp}, counts, b.tl, opt);
          ADD_FAILURE() << "no exception";
        } catch (const infinite_value& e) {
          EXPECT_EQ(std::string(e.what()), "BatchChecker::run: " + c.message);
          EXPECT_EQ(describe(e.where), c.message);
        }
        // nothing written: not one verdict, status or count
        EXPECT_EQ(std::count(verdicts.begin(), verdicts.end(), 0xAB), static_cast<std::ptrdiff_t>(verdicts.size()));
        EXPECT_EQ(std::count(status.begin(), status.end(), 0xAB), static_cast<std::ptrdiff_t>(status.size()));
        EXPECT_EQ(std::count(comp.begin(), comp.end(), 0xAB), static_cast<std::ptrdiff_t>(comp.size()));
        EXPECT_EQ(counts.poses, before.poses);
        EXPECT_EQ(counts.dof, before.dof);
        EXPECT_EQ(counts.verdict, before.verdict);
        // the other entry points: the same exception type
        EXPECT_THROW(check_batch(L, b.rows, verdicts, counts, b.tl, opt), infinite_value);
      }
    }
  }
  // an infinite pose is still an invalid_argument (the error policy of error.hpp)
  Batch b = clean;
  b.rows[5] = inf;
  std::vector<std::uint8_t> v(b.n);
  BatchCounts counts;
  EXPECT_THROW(k.run(b.rows, v, counts), invalid_argument);
}

TEST(Batch, SingleRowVerdictRejectsInfinity) {
  const BatchChecker k(Limits::defaults());
  PoseVector v = PoseVector::Constant(kNaN);
  v[static_cast<Eigen::Index>(index(DofId::cervical_axial_rotation))] = -std::numeric_limits<double>::infinity();
  try {
    (void)k.verdict(v.data());
    ADD_FAILURE() << "no exception";
  } catch (const infinite_value& e) {
    EXPECT_EQ(std::string(e.what()), "BatchChecker::verdict: cervical_axial_rotation is infinite (NaN means unknown)");
  }
  v.setConstant(kNaN);
  const double tl[3] = {kNaN, std::numeric_limits<double>::infinity(), kNaN};
  EXPECT_THROW((void)k.verdict(v.data(), tl), infinite_value);
  const double tl_ok[3] = {kNaN, 0.1, kNaN};
  EXPECT_EQ(k.verdict(v.data(), tl_ok), Verdict::within_range_partial);  // only the totals: every DoF unknown
}

TEST(Batch, ExtremeFiniteValuesAreNumbers) {
  // ±DBL_MAX, denormals and ±0 are classified like any number, statuses as check() gives them
  const Limits L = Limits::defaults().with_tolerance(1_deg);
  const BatchChecker k(L);
  using num = std::numeric_limits<double>;
  const double values[] = {num::max(), num::lowest(), num::denorm_min(), -num::denorm_min(), 0.0, -0.0, kNaN};
  std::vector<double> rows(200 * dof_count);
  std::mt19937_64 rng(3);
  for (auto& x : rows) x = values[rng() % std::size(values)];
  std::vector<std::uint8_t> verdicts(200), status(200 * dof_count), comp(200 * k.composite_count());
  BatchCounts counts;
  k.run(rows, verdicts, BatchStatuses{status, comp}, counts);
  Report rep;
  for (std::size_t r = 0; r < 200; ++r) {
    check(Pose::from_radians(Eigen::Map<const PoseVector>(rows.data() + r * dof_count)), L, rep);
    ASSERT_EQ(verdicts[r], static_cast<std::uint8_t>(rep.overall)) << r;
    for (std::size_t j = 0; j < dof_count; ++j)
      ASSERT_EQ(status[r * dof_count + j], static_cast<std::uint8_t>(rep.dofs[j].status)) << r << " " << j;
    for (std::size_t c = 0; c < rep.composite_count; ++c)
      ASSERT_EQ(comp[r * rep.composite_count + c], static_cast<std::uint8_t>(rep.composites[c].status))
          << r << " " << c;
  }
}

TEST(Batch, RejectsMismatchedStatusSizes) {
  const BatchChecker k(Limits::defaults());
  std::vector<double> rows(dof_count * 3, 0.0);
  std::vector<std::uint8_t> v(3), s(dof_count * 3 - 1), c(3 * k.composite_count() + 1);
  BatchCounts counts;
  EXPECT_THROW(k.run(rows, v, BatchStatuses{s, {}}, counts), invalid_argument);
  EXPECT_THROW(k.run(rows, v, BatchStatuses{{}, c}, counts), invalid_argument);
}

// Batch rotations / keypoints → angles equal the per-frame functions.
TEST(BatchAngles, RotationsAndKeypointsEqualPerFrame) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(-0.5, 0.5);
  const std::size_t frames = 200;
  std::vector<double> quats(frames * segment_count * 4), kp(frames * 33 * 3);
  std::vector<SegmentOrientations> segs(frames);
  const Skeleton sk = skeleton_from_height(1.75);
  for (std::size_t f = 0; f < frames; ++f) {
    Pose p;
    for (DofId d : all_dofs) p.set(d, radians(u(rng)));
    segs[f] = segment_orientations(p);
    if (f % 17 == 0) segs[f].known.reset(static_cast<std::size_t>(Segment::abdomen));
    for (std::size_t s = 0; s < segment_count; ++s) {
      Eigen::Map<Eigen::Vector4d> q(quats.data() + (f * segment_count + s) * 4);
      q = segs[f].q_global_segment[s].coeffs();
      if (!segs[f].known.test(s)) q.setConstant(kNaN);
    }
    const auto k = synthesize_keypoints(Layout::blazepose33, sk, p);
    std::copy(k.begin(), k.end(), kp.begin() + static_cast<std::ptrdiff_t>(f * 99));
  }
  std::vector<double> out(frames * dof_count), tl(frames * 3);
  joint_angles_batch(quats, out, tl);
  auto same = [](double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; };
  std::size_t bad = 0;
  for (std::size_t f = 0; f < frames; ++f) {
    const auto a = joint_angles(segs[f]);
    for (std::size_t j = 0; j < dof_count; ++j) bad += !same(out[f * dof_count + j], a.pose.as_radians()[int(j)]);
    for (int k = 0; k < 3; ++k) bad += !same(tl[f * 3 + k], a.pose.thoracolumbar_radians()[k]);
  }
  EXPECT_EQ(bad, 0u);
  keypoint_angles_batch(Layout::blazepose33, kp, {}, out, tl);
  for (std::size_t f = 0; f < frames; ++f) {
    const auto a = keypoint_angles({Layout::blazepose33, std::span<const double>(kp).subspan(f * 99, 99)});
    for (std::size_t j = 0; j < dof_count; ++j) bad += !same(out[f * dof_count + j], a.pose.as_radians()[int(j)]);
    for (int k = 0; k < 3; ++k) bad += !same(tl[f * 3 + k], a.pose.thoracolumbar_radians()[k]);
  }
  EXPECT_EQ(bad, 0u);
  EXPECT_THROW(keypoint_angles_batch(Layout::blazepose33, std::span<const double>(kp).first(98), {}, out),
               invalid_argument);
}
