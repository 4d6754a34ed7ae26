// The error bounds of detail/fast_trig.hpp, against long double (x87 80-bit: 64-bit mantissa,
// 11 more bits than double) atan2l / asinl / acosl.
#include <arthrokin/detail/fast_trig.hpp>

#include <gtest/gtest.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

namespace {

using arthrokin::detail::fast_acos;
using arthrokin::detail::fast_asin;
using arthrokin::detail::fast_atan2;

static_assert(std::numeric_limits<long double>::digits >= 64, "the reference needs extended precision");

/// |got - exact| in units in the last place of the double nearest `exact`.
double ulps(double got, long double exact) {
  const double e = static_cast<double>(exact);
  const double ulp = std::nextafter(std::abs(e), std::numeric_limits<double>::infinity()) - std::abs(e);
  return static_cast<double>(std::abs(static_cast<long double>(got) - exact) / ulp);
}

/// Random doubles of either sign over 2^-300 .. 2^300, with a share of exact zeros, ones and
/// equal magnitudes (the octant edges).
struct Args {
  std::mt19937_64 g{20261202};
  std::uniform_real_distribution<double> m{1.0, 2.0};
  std::uniform_int_distribution<int> e{-300, 300};
  std::uniform_int_distribution<int> kind{0, 15};
  double operator()() {
    const double s = (g() & 1) ? -1.0 : 1.0;
    switch (kind(g)) {
      case 0:
        return s * 0.0;
      case 1:
        return s;
      case 2:
        return s * m(g);  // near 1: ratios near every octant edge
      default:
        return s * std::ldexp(m(g), e(g) / (kind(g) < 8 ? 1 : 100));
    }
  }
};

TEST(FastTrig, Atan2WithinThreeUlps) {
  Args a;
  double worst = 0;
  for (int i = 0; i < 4'000'000; ++i) {
    const double y = a(), x = a();
    const long double exact = std::atan2(static_cast<long double>(y), static_cast<long double>(x));
    const double got = fast_atan2(y, x);
    if (exact == 0) {
      ASSERT_EQ(got, 0.0) << y << ' ' << x;
      ASSERT_EQ(std::signbit(got), std::signbit(std::atan2(y, x))) << y << ' ' << x;
      continue;
    }
    const double u = ulps(got, exact);
    worst = std::max(worst, u);
    ASSERT_LE(u, 3.0) << "atan2(" << y << ", " << x << ") = " << got;
  }
  std::printf("fast_atan2: worst %.3f ulp over 4e6 arguments\n", worst);
}

TEST(FastTrig, Atan2SpecialValuesAreLibms) {
  constexpr double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  for (double y : {0.0, -0.0, 1.0, -1.0, inf, -inf, nan, 1e-310, -1e-310, 1e308})
    for (double x : {0.0, -0.0, 1.0, -1.0, inf, -inf, nan, 1e-310, -1e-310, 1e308}) {
      const double want = std::atan2(y, x), got = fast_atan2(y, x);
      if (std::isnan(want)) {
        EXPECT_TRUE(std::isnan(got)) << y << ' ' << x;
        continue;
      }
      EXPECT_EQ(std::signbit(got), std::signbit(want)) << y << ' ' << x;
      EXPECT_LE(ulps(got, std::atan2(static_cast<long double>(y), static_cast<long double>(x))), 2.0)
          << y << ' ' << x << ": " << got << " vs " << want;
    }
  // the octant edges and the axes: exact multiples of pi/4 within their rounding
  EXPECT_EQ(fast_atan2(1.0, 1.0), std::atan2(1.0, 1.0));
  EXPECT_EQ(fast_atan2(1.0, 0.0), std::atan2(1.0, 0.0));
  EXPECT_EQ(fast_atan2(0.0, -1.0), std::atan2(0.0, -1.0));
  EXPECT_EQ(fast_atan2(-0.0, -1.0), std::atan2(-0.0, -1.0));
}

TEST(FastTrig, FourLanesAreFourCallsWhateverTheOtherLanesHold) {
  constexpr double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  Args a;
  const double odd[] = {0.0, -0.0, inf, -inf, nan, 1e-310};
  std::mt19937_64 g(5);
  for (int i = 0; i < 20000; ++i) {
    std::array<double, 4> y{}, x{};
    for (std::size_t k = 0; k < 4; ++k) {
      y[k] = (g() % 5 == 0) ? odd[g() % 6] : a();
      x[k] = (g() % 5 == 0) ? odd[g() % 6] : a();
    }
    std::array<double, 4> r{};
    arthrokin::detail::fast_atan2_4(y.data(), x.data(), r.data());
    for (std::size_t k = 0; k < 4; ++k) {
      const double one = fast_atan2(y[k], x[k]);
      if (std::isnan(one))
        ASSERT_TRUE(std::isnan(r[k]));
      else
        ASSERT_EQ(std::bit_cast<std::uint64_t>(r[k]), std::bit_cast<std::uint64_t>(one)) << y[k] << ' ' << x[k];
    }
  }
}

// fast_atan2_groups (the solver's slots) in the copy this CPU takes (the AVX2 copy on an x86-64
// baseline build with an AVX2 CPU) gives the baseline fast_atan2_4's bits, special values included.
TEST(FastTrig, GroupsAreTheBaselineBitsInTheCopyThisCpuTakes) {
  constexpr double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  Args a;
  const double odd[] = {0.0, -0.0, inf, -inf, nan, 1e-310};
  std::mt19937_64 g(9);
  constexpr std::size_t n = 64;
  for (int i = 0; i < 5000; ++i) {
    std::array<double, n> y{}, x{}, got{}, want{};
    for (std::size_t k = 0; k < n; ++k) {
      y[k] = (g() % 7 == 0) ? odd[g() % 6] : a();
      x[k] = (g() % 7 == 0) ? odd[g() % 6] : a();
    }
    arthrokin::detail::fast_atan2_groups(y.data(), x.data(), got.data(), n);
    for (std::size_t k = 0; k < n; k += 4) arthrokin::detail::fast_atan2_4(y.data() + k, x.data() + k, want.data() + k);
    for (std::size_t k = 0; k < n; ++k)
      if (std::isnan(want[k]))
        ASSERT_TRUE(std::isnan(got[k]));
      else
        ASSERT_EQ(std::bit_cast<std::uint64_t>(got[k]), std::bit_cast<std::uint64_t>(want[k])) << y[k] << ' ' << x[k];
  }
}

TEST(FastTrig, AsinAcosWithinTwoUlpsOrOneUlpOfHalfPi) {
  std::mt19937_64 g(7);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  std::uniform_int_distribution<int> e(-60, 0);
  const double half_pi_ulp = std::nextafter(M_PI_2, 4.0) - M_PI_2;  // 2.2e-16
  double worst_s = 0, worst_c = 0;
  for (int i = 0; i < 2'000'000; ++i) {
    double x = u(g);
    if (i % 4 == 1) x = std::copysign(1.0 - std::ldexp(std::abs(x), e(g)), x);  // near ±1
    if (i % 4 == 2) x = std::ldexp(x, e(g) * 5);                                // near 0
    const long double xs = x;
    const long double es = std::asin(xs), ec = std::acos(xs);
    const double gs = fast_asin(x), gc = fast_acos(x);
    const double ds = static_cast<double>(std::abs(gs - es)), dc = static_cast<double>(std::abs(gc - ec));
    ASSERT_TRUE(ulps(gs, es) <= 2.0 || ds <= half_pi_ulp) << "asin(" << x << ") = " << gs;
    ASSERT_TRUE(ulps(gc, ec) <= 2.0 || dc <= half_pi_ulp) << "acos(" << x << ") = " << gc;
    worst_s = std::max(worst_s, ds);
    worst_c = std::max(worst_c, dc);
  }
  for (double x : {-1.0, -0.0, 0.0, 1.0}) {
    EXPECT_EQ(fast_asin(x), std::asin(x)) << x;
    EXPECT_EQ(fast_acos(x), std::acos(x)) << x;
  }
  EXPECT_TRUE(std::isnan(fast_asin(std::numeric_limits<double>::quiet_NaN())));
  std::printf("fast_asin: worst %.3g rad, fast_acos: worst %.3g rad over 2e6 arguments\n", worst_s, worst_c);
}

}  // namespace
