// Angle: units at the API, and degree<->radian conversion exact to the last bit.
#include <arthrokin/angle.hpp>
#include <arthrokin/detail/composite_limits_data.hpp>
#include <arthrokin/norms.hpp>

#include <gtest/gtest.h>

#include <boost/units/systems/angle/degrees.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>

using namespace arthrokin;
using namespace arthrokin::literals;

namespace {
// The correctly rounded double of deg·π/180, computed in binary128 (113-bit mantissa),
// independent of the library's long double arithmetic.
__extension__ typedef __float128 f128;
// π as the sum of two doubles (M_PI and its rounding error), ~107 bits.
const f128 pi_q = static_cast<f128>(3.141592653589793116) + static_cast<f128>(1.2246467991473532e-16);
double reference_radians(double deg) { return static_cast<double>(static_cast<f128>(deg) * pi_q / 180); }
}  // namespace

static_assert(sizeof(Angle) == sizeof(double));

TEST(Angle, ExactForEveryReferenceTableValue) {
  for (const auto& r : detail::rom_norm_rows) {
    EXPECT_EQ(to_radians(degrees(r.value_deg)), reference_radians(r.value_deg)) << r.value_deg;
    EXPECT_EQ(to_radians(degrees(-r.value_deg)), reference_radians(-r.value_deg)) << r.value_deg;
    // The way back is correctly rounded too, so it lands within one ulp (60° -> π/3 -> 59.99999999999999 is
    // the correctly rounded value of the rounded π/3: exact round trips are not possible in general).
    const double back = to_degrees(degrees(r.value_deg));
    EXPECT_LE(std::abs(back - r.value_deg), std::nextafter(std::abs(r.value_deg), 1e9) - std::abs(r.value_deg));
  }
  for (const auto& r : detail::composite_limit_rows)
    EXPECT_EQ(to_radians(degrees(r.value_deg)), reference_radians(r.value_deg)) << r.value_deg;
}

TEST(Angle, ExactForEveryTenthOfADegreeInAFullTurn) {
  for (int t = -3600; t <= 3600; ++t) {
    const double d = t / 10.0;
    EXPECT_EQ(deg_to_rad(d), reference_radians(d)) << d;
  }
}

TEST(Angle, LandmarkValues) {
  EXPECT_EQ(to_radians(180_deg), std::numbers::pi);
  EXPECT_EQ(to_radians(90_deg), std::numbers::pi / 2);
  EXPECT_EQ(to_radians(45_deg), std::numbers::pi / 4);
  EXPECT_EQ(to_degrees(radians(std::numbers::pi)), 180.0);
  EXPECT_EQ(to_radians(0.5_rad), 0.5);
}

TEST(Angle, BoostDegreeConversionIsNotUsed) {
  // Boost's own degree unit is off by ~1e-13 rad at 90°: our conversion must not equal it.
  const Angle boost_90(90.0 * boost::units::degree::degrees);
  EXPECT_NE(to_radians(boost_90), to_radians(90_deg));
  EXPECT_NEAR(to_radians(boost_90), std::numbers::pi / 2, 1e-12);
}

TEST(Angle, RandomRoundTripWithinOneUlp) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(-720, 720);
  for (int i = 0; i < 100000; ++i) {
    const double d = u(rng);
    EXPECT_EQ(deg_to_rad(d), reference_radians(d));
    // deg -> rad -> deg: two correctly rounded steps, at most one ulp apart.
    EXPECT_LE(std::abs(rad_to_deg(deg_to_rad(d)) - d), std::nextafter(std::abs(d), 1e9) - std::abs(d));
  }
}

namespace {
// 180/π the same way: the correctly rounded degrees of a radian value (±inf where it overflows).
double reference_degrees(double rad) { return static_cast<double>(static_cast<f128>(rad) * 180 / pi_q); }
// A double with a random sign, a random 52-bit mantissa and a random binary exponent in [e_lo, e_hi].
double random_double(std::mt19937_64& rng, int e_lo, int e_hi) {
  const double m = 1.0 + std::uniform_real_distribution<double>(0.0, 1.0)(rng);
  const int e = std::uniform_int_distribution<int>(e_lo, e_hi)(rng);
  return (rng() & 1 ? -1.0 : 1.0) * std::ldexp(m, e);
}
// Equal, or (where the correctly rounded result is subnormal, where it may be rounded twice) one subnormal step off.
void expect_correctly_rounded(double got, double want, double x) {
  if (std::abs(want) >= std::numeric_limits<double>::min() || std::isinf(want))
    EXPECT_EQ(got, want) << std::hexfloat << x;
  else
    EXPECT_LE(std::abs(got - want), std::numeric_limits<double>::denorm_min()) << std::hexfloat << x;
}
}  // namespace

TEST(Angle, EveryFiniteDegreeValueConvertsToTheCorrectlyRoundedRadian) {
  // The Dekker split multiplies by 2^27 + 1 and overflowed from about 1.3e300°: NaN.
  for (const double d :
       {1.3e300, -1.3e300, 1.4e300, 1e307, std::numeric_limits<double>::max(), -std::numeric_limits<double>::max(),
        std::numeric_limits<double>::min(), std::numeric_limits<double>::denorm_min(), 0.0, -0.0}) {
    const double r = deg_to_rad(d);
    EXPECT_TRUE(std::isfinite(r)) << d;
    expect_correctly_rounded(r, reference_radians(d), d);
  }
  std::mt19937_64 rng(11);
  for (int i = 0; i < 200000; ++i) {
    const double d = random_double(rng, -1074, 1023);
    if (d == 0) continue;
    expect_correctly_rounded(deg_to_rad(d), reference_radians(d), d);
  }
}

TEST(Angle, EveryFiniteRadianValueConvertsToTheCorrectlyRoundedDegreeOrInfinity) {
  // Above DBL_MAX·π/180 (about 3.1e306 rad) the degree value is not a double: ±inf, never NaN.
  EXPECT_EQ(rad_to_deg(1e307), std::numeric_limits<double>::infinity());
  EXPECT_EQ(rad_to_deg(-std::numeric_limits<double>::max()), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(rad_to_deg(3e306), reference_degrees(3e306));
  EXPECT_TRUE(std::isfinite(rad_to_deg(3e306)));
  std::mt19937_64 rng(12);
  for (int i = 0; i < 200000; ++i) {
    const double r = random_double(rng, -1074, 1023);
    expect_correctly_rounded(rad_to_deg(r), reference_degrees(r), r);
  }
  // Infinity and NaN pass through as what they are.
  EXPECT_EQ(deg_to_rad(std::numeric_limits<double>::infinity()), std::numeric_limits<double>::infinity());
  EXPECT_EQ(rad_to_deg(-std::numeric_limits<double>::infinity()), -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(deg_to_rad(std::nan(""))));
}

// The conversions stay constant expressions over the whole range.
static_assert(arthrokin::deg_to_rad(1e300) > 1.74e298 && arthrokin::deg_to_rad(1e300) < 1.75e298);
static_assert(arthrokin::deg_to_rad(std::numeric_limits<double>::max()) < std::numeric_limits<double>::max());
static_assert(arthrokin::rad_to_deg(1e-300) > 5.72e-299 && arthrokin::rad_to_deg(1e-300) < 5.73e-299);
