// Angle: units at the API, and degree<->radian conversion exact to the last bit.
#include <arthrokin/angle.hpp>
#include <arthrokin/detail/composite_limits_data.hpp>
#include <arthrokin/norms.hpp>

#include <gtest/gtest.h>

#include <boost/units/systems/angle/degrees.hpp>
#include <cmath>
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
