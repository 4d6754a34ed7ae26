// detail/median_network.hpp: the sorting network sorts (exhaustively by the 0-1 principle up to
// 16 wires, randomly up to 33), and the pruned selection network's lower median is
// std::nth_element's, on doubles and on two lanes, with ties, ±∞ and every count 1..33.
#include <arthrokin/detail/median_network.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace {

using arthrokin::detail::ComparatorNetwork;
using arthrokin::detail::lower_median;
using arthrokin::detail::lower_median_of;
using arthrokin::detail::lower_medians_xyz;
using arthrokin::detail::median_capacity;
using arthrokin::detail::median_of_33;
using arthrokin::detail::median_pair;
using arthrokin::detail::odd_even_merge_sort;

template <class V>
void run(const ComparatorNetwork& net, V& w) {
  for (std::size_t i = 0; i < net.size; ++i) {
    const auto [lo, hi, keep_lo, keep_hi] = net.c[i];
    const auto a = w[lo], b = w[hi];
    if (keep_lo) w[lo] = std::min(a, b);
    if (keep_hi) w[hi] = std::max(a, b);
  }
}

// The 0-1 principle (Knuth, TAOCP 3, §5.3.4, Theorem Z): a comparator network that sorts every
// sequence of zeros and ones sorts every sequence.
TEST(MedianNetwork, SortingNetworkSortsEveryZeroOneInputUpTo16Wires) {
  for (std::size_t n = 1; n <= 16; ++n) {
    const ComparatorNetwork net = odd_even_merge_sort(n);
    for (std::uint32_t bits = 0; bits < (1u << n); ++bits) {
      std::vector<int> w(n);
      for (std::size_t i = 0; i < n; ++i) w[i] = bits >> i & 1u;
      run(net, w);
      ASSERT_TRUE(std::is_sorted(w.begin(), w.end())) << "n = " << n << ", input bits " << bits;
    }
  }
}

TEST(MedianNetwork, SortingNetworkSortsRandomInputsUpTo33Wires) {
  std::mt19937_64 g(20261202);
  std::uniform_int_distribution<int> small(0, 5);
  for (std::size_t n = 1; n <= median_capacity; ++n) {
    const ComparatorNetwork net = odd_even_merge_sort(n);
    for (int t = 0; t < 2000; ++t) {
      std::vector<double> w(n);
      for (double& x : w) x = (t % 2) ? small(g) : std::uniform_real_distribution<double>(-1, 1)(g);
      std::vector<double> want = w;
      std::sort(want.begin(), want.end());
      run(net, w);
      ASSERT_EQ(w, want) << "n = " << n;
    }
  }
}

// The hard 0-1 inputs of a median network have 16 or 17 zeros (the output flips between them);
// by the 0-1 principle for selection networks, these decide whether wire 16 gets the median.
TEST(MedianNetwork, SelectionNetworkGetsTheMedianOfZeroOneInputs) {
  EXPECT_LT(median_of_33.size, odd_even_merge_sort(33).size);  // pruned
  std::mt19937_64 g(7);
  for (int t = 0; t < 200000; ++t) {
    std::array<int, 33> w{};
    const int zeros = 15 + t % 4;  // 15 .. 18
    std::fill(w.begin() + zeros, w.end(), 1);
    std::shuffle(w.begin(), w.end(), g);
    run(median_of_33, w);
    ASSERT_EQ(w[16], zeros > 16 ? 0 : 1) << "zeros = " << zeros;
  }
}

/// A random value for the tests of `lower_median`: few distinct values (ties), ±∞, any finite double.
double draw(std::mt19937_64& g) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  switch (g() % 8) {
    case 0:
      return static_cast<double>(g() % 3);
    case 1:
      return (g() & 1) ? inf : -inf;
    case 2:
      return std::ldexp(std::uniform_real_distribution<double>(-1, 1)(g), static_cast<int>(g() % 2000) - 1000);
    default:
      return std::uniform_real_distribution<double>(-2, 2)(g);
  }
}

double nth(std::vector<double> v) {
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>((v.size() - 1) / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

TEST(MedianNetwork, LowerMedianIsNthElementsForEveryCount) {
  std::mt19937_64 g(11);
  for (std::size_t m = 1; m <= median_capacity; ++m)
    for (int t = 0; t < 3000; ++t) {
      std::array<double, median_capacity> w;
      std::array<median_pair, median_capacity> pair;
      std::vector<double> a(m), b(m);
      for (std::size_t i = 0; i < median_capacity; ++i) w[i] = draw(g), pair[i] = median_pair{draw(g), draw(g)};
      for (std::size_t i = 0; i < m; ++i) a[i] = w[i];
      for (std::size_t i = 0; i < m; ++i) b[i] = pair[i][1];
      std::vector<double> a0(m);
      for (std::size_t i = 0; i < m; ++i) a0[i] = pair[i][0];
      const std::array<double, median_capacity> w0 = w;
      ASSERT_EQ(lower_median_of(w0, m), nth(a)) << "m = " << m;  // two equal lanes where SIMD has them
      ASSERT_EQ(lower_median(w, m), nth(a)) << "m = " << m;
      const median_pair got = lower_median(pair, m);
      ASSERT_EQ(got[0], nth(a0)) << "m = " << m;
      ASSERT_EQ(got[1], nth(b)) << "m = " << m;
    }
}

// The x, y, z medians as one 4-lane network (the AVX2 copy, where this build and CPU take it) are
// each lane's std::nth_element, for every count, with ties, signed zeros and infinities.
TEST(MedianNetwork, XyzMediansInOneNetworkAreNthElements) {
  std::mt19937_64 g(13);
  std::size_t taken = 0;
  for (std::size_t m = 1; m <= median_capacity; ++m)
    for (int t = 0; t < 2000; ++t) {
      std::array<median_pair, median_capacity> xy;
      std::array<double, median_capacity> z;
      std::vector<double> x(m), y(m), zz(m);
      for (std::size_t i = 0; i < median_capacity; ++i) xy[i] = median_pair{draw(g), draw(g)}, z[i] = draw(g);
      for (std::size_t i = 0; i < m; ++i) x[i] = xy[i][0], y[i] = xy[i][1], zz[i] = z[i];
      double out[3];
      if (!lower_medians_xyz(xy, z, m, out)) continue;
      ++taken;
      ASSERT_EQ(out[0], nth(x)) << "m = " << m;
      ASSERT_EQ(out[1], nth(y)) << "m = " << m;
      ASSERT_EQ(out[2], nth(zz)) << "m = " << m;
    }
  if (taken == 0) GTEST_SKIP() << "no 4-lane copy in this build or on this CPU";
}

}  // namespace
