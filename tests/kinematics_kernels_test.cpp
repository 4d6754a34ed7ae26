// The shortcuts of the per-frame kinematics kernels (docs/performance.md, "Per-frame paths") equal
// the formulas they replace: bit for bit where the shortcut is exact, within a stated bound where
// it only rounds differently.
#include <arthrokin/detail/joint_solver.hpp>
#include <arthrokin/detail/kinematics_kernels.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <vector>

namespace {

using namespace arthrokin;
using namespace arthrokin::detail;

constexpr double kPi = std::numbers::pi;

/// wrap_pi as it was: remainder() for every angle.
double wrap_pi_reference(double a) {
  a = std::remainder(a, 2.0 * kPi);
  return a <= -kPi ? a + 2.0 * kPi : a;
}

bool same_bits(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || (a == b && std::signbit(a) == std::signbit(b));
}

TEST(KinematicsKernels, WrapPiSkipsRemainderOnlyWhereItIsTheIdentity) {
  std::vector<double> xs{0.0,
                         -0.0,
                         kPi,
                         -kPi,
                         std::nextafter(kPi, 0.0),
                         std::nextafter(kPi, 4.0),
                         std::nextafter(-kPi, 0.0),
                         std::nextafter(-kPi, -4.0),
                         2 * kPi,
                         -2 * kPi,
                         3 * kPi,
                         -3 * kPi,
                         1e-300,
                         -1e-300,
                         std::numeric_limits<double>::denorm_min(),
                         1e300,
                         -1e300,
                         std::numeric_limits<double>::quiet_NaN(),
                         std::numeric_limits<double>::infinity()};
  std::mt19937_64 rng(17);
  std::uniform_real_distribution<double> u(-7.0, 7.0);
  for (int i = 0; i < 200000; ++i) xs.push_back(u(rng));
  for (int k = -2000; k <= 2000; ++k) xs.push_back(kPi * k / 1000.0);  // dense over [−2π, 2π]
  for (const double x : xs) EXPECT_TRUE(same_bits(wrap_pi(x), wrap_pi_reference(x))) << x;
}

Eigen::Matrix3d random_rotation(std::mt19937_64& rng) {
  std::normal_distribution<double> n(0.0, 1.0);
  return Eigen::Quaterniond(n(rng), n(rng), n(rng), n(rng)).normalized().toRotationMatrix();
}

/// The Z-X-Y angles of Solver<>::rel(p, d, left) as the solver asks for them: from the five entries.
Zxy zxy_rel(const SegmentState& p, const SegmentState& d, bool left, bool with_c = true) {
  const ZxyEntries e = zxy_entries(p.r, d.r, left);
  return zxy_from_entries(e.r01, e.r11, e.r20, e.r21, e.r22, with_c);
}

TEST(KinematicsKernels, ZxyFromFiveEntriesEqualsTheFullRelativeMatrix) {
  std::mt19937_64 rng(23);
  for (int i = 0; i < 20000; ++i) {
    SegmentState p, d;
    p.r = random_rotation(rng);
    d.r = random_rotation(rng);
    if (i % 10 == 0) d.r = p.r * zxy_to_matrix(0.3, (i % 20 == 0 ? 1 : -1) * kPi / 2, -0.2);  // at the singularity
    for (const bool left : {false, true}) {
      const Zxy a = zxy_rel(p, d, left);
      const Zxy b = zxy_from_matrix(Solver<>::rel(p, d, left));
      EXPECT_TRUE(same_bits(a.a, b.a) && same_bits(a.b, b.b) && same_bits(a.c, b.c) && same_bits(a.margin, b.margin))
          << i << " left " << left;
    }
  }
}

TEST(KinematicsKernels, ShoulderShortcutsEqualTheFullDecompositions) {
  // swing_joint takes the humerus direction from the relative matrix's column Y, the twist alone,
  // and the ISB plane and elevation from its own pe and e: all bit-equal to what they replace.
  std::mt19937_64 rng(31);
  for (int i = 0; i < 20000; ++i) {
    SegmentState p, d;
    p.r = random_rotation(rng);
    d.r = random_rotation(rng);
    if (i % 10 == 0) d.r = p.r;  // identity: zero swing, the twist's tn > 0
    for (const bool left : {false, true}) {
      const Eigen::Matrix3d r = Solver<>::rel(p, d, left);
      const Eigen::Vector3d axis = Solver<>::rel_axis(p, d, left);
      for (int k = 0; k < 3; ++k) EXPECT_TRUE(same_bits(r(k, 1), axis[k])) << i;
      EXPECT_TRUE(same_bits(twist_about_y(r), swing_twist(r).twist)) << i;
      const Eigen::Vector3d dir = -r.col(1);
      const Yxy y = yxy_from_matrix(r);
      EXPECT_TRUE(same_bits(std::atan2(dir.x(), dir.z()), y.plane)) << i;
      EXPECT_TRUE(same_bits(std::acos(std::clamp(-dir.y(), -1.0, 1.0)), y.elevation)) << i;
      const Zxy with = zxy_rel(p, d, left), without = zxy_rel(p, d, left, false);
      EXPECT_TRUE(same_bits(with.a, without.a) && same_bits(with.b, without.b) && std::isnan(without.c)) << i;
    }
  }
}

TEST(KinematicsKernels, ZxWithRowYEqualsTheAnglePath) {
  // The angle path: rot_z(asin(u_x)) * rot_x(atan2(−u_z, u_y)). The direct construction rounds
  // differently; both are within a few ulps of the exact matrix, so within 1e-15 of each other.
  std::mt19937_64 rng(29);
  std::normal_distribution<double> n(0.0, 1.0);
  std::vector<Eigen::Vector3d> us{{1, 0, 0},  {-1, 0, 0},   {0, 1, 0},     {0, -1, 0},    {0, 0, 1},
                                  {0, 0, -1}, {1, -0.0, 0}, {-1, 0, -0.0}, {1, 1e-300, 0}};
  for (int i = 0; i < 100000; ++i) us.push_back(Eigen::Vector3d(n(rng), n(rng), n(rng)).normalized());
  for (int i = 0; i < 2000; ++i)  // near ±e_x, where cos a → 0
    us.push_back(Eigen::Vector3d(i % 2 ? 1.0 : -1.0, 1e-9 * n(rng), 1e-9 * n(rng)).normalized());
  for (const auto& u : us) {
    const Eigen::Matrix3d fast = zx_with_row_y(u);
    const Eigen::Matrix3d ref = rot_z(std::asin(std::clamp(u.x(), -1.0, 1.0))) * rot_x(std::atan2(-u.z(), u.y()));
    EXPECT_LE((fast - ref).cwiseAbs().maxCoeff(), 1e-15) << u.transpose();
    EXPECT_LE((fast.transpose() * fast - Eigen::Matrix3d::Identity()).cwiseAbs().maxCoeff(), 1e-15) << u.transpose();
    // row Y is u up to the conditioning of cos a = √(1 − u_x²) near |u_x| = 1 (the angle path's too)
    const double cond = 1e-15 + 0x1p-52 / std::max(std::hypot(u.y(), u.z()), 1e-300);
    EXPECT_LE((fast.row(1).transpose() - u).cwiseAbs().maxCoeff(), cond) << u.transpose();
  }
}

TEST(KinematicsKernels, TwistDeterminedIsHypotsDecision) {
  // twist_determined(w, y) replaces hypot(w, y) > 1e-12 (the swing–twist joints' test of an
  // undetermined twist): the same answer for every input, tested where it is closest, within a few
  // ulps of the cut-off on either side, and on the values a rotation's quaternion never has.
  constexpr double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  std::mt19937_64 rng(31);
  std::uniform_real_distribution<double> angle(-kPi, kPi), rel(-1e-6, 1e-6);
  std::vector<std::pair<double, double>> cases{{0, 0},     {-0.0, 0},   {1e-12, 0},  {0, 1e-12},  {1, 0},
                                               {nan, 0},   {0, nan},    {inf, nan},  {nan, inf},  {-inf, 0},
                                               {1e200, 0}, {0, -1e200}, {1e-160, 0}, {5e-324, 0}, {1e-12, 1e-30}};
  for (int i = 0; i < 400000; ++i) {
    // radius 1e-12 (1 + r), r from ±1e-6 down to a few ulps, at any angle
    const double r = i % 4 == 0 ? rel(rng) : std::ldexp(rel(rng), -(i % 40));
    const double a = angle(rng), h = 1e-12 * (1 + r);
    cases.emplace_back(h * std::cos(a), h * std::sin(a));
    if (i % 16 == 0) cases.emplace_back(std::nextafter(1e-12, i % 32 ? 0.0 : 1.0), 0.0);
  }
  std::size_t band = 0;
  for (const auto& [w, y] : cases) {
    EXPECT_EQ(twist_determined(w, y), std::hypot(w, y) > 1e-12) << w << " " << y;
    const double t2 = w * w + y * y;
    band += t2 >= 0.999999e-24 && t2 <= 1.000001e-24;
  }
  EXPECT_GT(band, cases.size() / 2);  // most cases lie in the band where hypot decides
}

}  // namespace
