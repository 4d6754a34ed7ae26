// Segment angles to the horizontal and trunk inclination (issue 14 item 5), from hand-computed
// cases: 2D normalised landmarks with the image's aspect ratio, and 3D keypoints with an up axis.
#include <arthrokin/kinematics/inclination.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

using namespace arthrokin;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kDeg = std::numbers::pi / 180;

std::size_t idx(Layout layout, Role r) {
  const auto rs = roles(layout);
  for (std::size_t i = 0; i < rs.size(); ++i)
    if (rs[i] == r) return i;
  ADD_FAILURE() << "role not in layout";
  return 0;
}
// A 2D frame: every point missing except those set.
struct Frame2 {
  Layout layout = Layout::blazepose33;
  std::vector<double> xy = std::vector<double>(2 * keypoint_count(Layout::blazepose33), kNaN);
  void set(Role r, double x, double y) {
    xy[2 * idx(layout, r)] = x;
    xy[2 * idx(layout, r) + 1] = y;
  }
};
double deg(const Inclinations& a, Inclination i) { return a.rad[static_cast<std::size_t>(i)] / kDeg; }
}  // namespace

TEST(Inclination, TrunkLeaning30DegreesInTheImage) {
  // Square image: mid-hip (0.5, 0.6), mid-shoulder 0.3 away, 30° from the vertical towards +x.
  Frame2 f;
  const double dx = 0.3 * std::sin(30 * kDeg), dy = 0.3 * std::cos(30 * kDeg);
  f.set(Role::l_hip, 0.45, 0.6), f.set(Role::r_hip, 0.55, 0.6);
  f.set(Role::l_shoulder, 0.42 + dx, 0.6 - dy), f.set(Role::r_shoulder, 0.58 + dx, 0.6 - dy);
  const auto a = image_inclinations({f.layout, f.xy});
  EXPECT_NEAR(deg(a, Inclination::trunk_inclination), 30.0, 1e-9);
  EXPECT_NEAR(deg(a, Inclination::trunk), 60.0, 1e-9);
  // Leaning the other way reads the same (the angles do not depend on facing left or right).
  Frame2 g = f;
  for (std::size_t i = 0; i < g.xy.size(); i += 2) g.xy[i] = 1 - g.xy[i];
  EXPECT_NEAR(deg(image_inclinations({g.layout, g.xy}), Inclination::trunk_inclination), 30.0, 1e-9);
  // No limb point: every limb angle unknown.
  for (Inclination i : all_inclinations)
    if (i != Inclination::trunk && i != Inclination::trunk_inclination) {
      EXPECT_FALSE(a.known(i)) << to_string(i);
    }
}

TEST(Inclination, PortraitAspectRatioIsApplied) {
  // A 9:16 portrait image of 900 × 1600 pixels: the trunk leans 30° in pixels (mid-hip at pixel
  // (450, 960), mid-shoulder 480 px away). Normalised, x is divided by 900 and y by 1600.
  const double w = 900, h = 1600;
  const double px = 480 * std::sin(30 * kDeg), py = 480 * std::cos(30 * kDeg);
  Frame2 f;
  f.set(Role::l_hip, 400 / w, 960 / h), f.set(Role::r_hip, 500 / w, 960 / h);
  f.set(Role::l_shoulder, (380 + px) / w, (960 - py) / h), f.set(Role::r_shoulder, (520 + px) / w, (960 - py) / h);
  EXPECT_NEAR(deg(image_inclinations({f.layout, f.xy, {}, 9.0 / 16}), Inclination::trunk_inclination), 30.0, 1e-9);
  // Read as if square, the lean is atan((240/900) / (415.69/1600)) = 45.74°: the ratio matters.
  EXPECT_NEAR(deg(image_inclinations({f.layout, f.xy}), Inclination::trunk_inclination),
              std::atan((px / w) / (py / h)) / kDeg, 1e-9);
  EXPECT_GT(deg(image_inclinations({f.layout, f.xy}), Inclination::trunk_inclination), 45.0);
}

TEST(Inclination, SegmentsToTheHorizontal) {
  Frame2 f;
  f.set(Role::r_hip, 0.4, 0.5), f.set(Role::r_knee, 0.6, 0.5);        // thigh horizontal, towards +x
  f.set(Role::l_hip, 0.4, 0.5), f.set(Role::l_knee, 0.2, 0.5);        // thigh horizontal, towards −x
  f.set(Role::r_ankle, 0.6, 0.7);                                     // shank hanging straight down
  f.set(Role::l_ankle, 0.1, 0.6);                                     // shank 45° below the horizontal
  f.set(Role::r_shoulder, 0.4, 0.2), f.set(Role::r_elbow, 0.4, 0.0);  // upper arm straight up
  f.set(Role::r_wrist, 0.4 + 0.1 * std::sqrt(3.0), 0.1);              // forearm 30° below
  const auto a = image_inclinations({f.layout, f.xy});
  EXPECT_NEAR(deg(a, Inclination::right_thigh), 0.0, 1e-12);
  EXPECT_NEAR(deg(a, Inclination::left_thigh), 0.0, 1e-12);
  EXPECT_NEAR(deg(a, Inclination::right_shank), -90.0, 1e-12);
  EXPECT_NEAR(deg(a, Inclination::left_shank), -45.0, 1e-9);
  EXPECT_NEAR(deg(a, Inclination::right_upper_arm), 90.0, 1e-12);
  EXPECT_NEAR(deg(a, Inclination::right_forearm), -30.0, 1e-9);
  EXPECT_FALSE(a.known(Inclination::left_upper_arm));  // no left shoulder
  EXPECT_FALSE(a.known(Inclination::trunk));           // no left shoulder
}

TEST(Inclination, MissingLowVisibilityAndCoincidentPointsAreUnknown) {
  Frame2 f;
  f.set(Role::r_hip, 0.4, 0.5), f.set(Role::r_knee, 0.6, 0.5), f.set(Role::r_ankle, 0.6, 0.7);
  f.set(Role::l_hip, 0.5, 0.5), f.set(Role::l_knee, 0.5, 0.5);  // coincident
  std::vector<double> vis(keypoint_count(f.layout), 0.9);
  const auto a = image_inclinations({f.layout, f.xy, vis});
  EXPECT_TRUE(a.known(Inclination::right_thigh));
  EXPECT_FALSE(a.known(Inclination::left_thigh));
  vis[idx(f.layout, Role::r_knee)] = 0.3;  // below min_visibility 0.5
  const auto b = image_inclinations({f.layout, f.xy, vis});
  EXPECT_FALSE(b.known(Inclination::right_thigh));
  EXPECT_FALSE(b.known(Inclination::right_shank));
  EXPECT_TRUE(std::isnan(b.rad[static_cast<std::size_t>(Inclination::right_thigh)]));
  KeypointOptions lax;
  lax.min_visibility = 0.2;
  EXPECT_TRUE(image_inclinations({f.layout, f.xy, vis}, lax).known(Inclination::right_shank));
  // Selfie: the labels are swapped.
  KeypointOptions selfie;
  selfie.mirrored = true;
  EXPECT_NEAR(deg(image_inclinations({f.layout, f.xy}, selfie), Inclination::left_shank), -90.0, 1e-12);
}

TEST(Inclination, BadInputIsRefused) {
  Frame2 f;
  EXPECT_THROW((void)image_inclinations({f.layout, f.xy, {}, 0.0}), std::invalid_argument);
  EXPECT_THROW((void)image_inclinations({f.layout, f.xy, {}, kNaN}), std::invalid_argument);
  EXPECT_THROW((void)image_inclinations({f.layout, std::span<const double>(f.xy).first(10)}), std::invalid_argument);
  f.xy[3] = std::numeric_limits<double>::infinity();
  EXPECT_THROW((void)image_inclinations({f.layout, f.xy}), std::invalid_argument);
  const std::vector<double> xyz(3 * 17, 0.0), vis(17, 1.5);
  EXPECT_THROW((void)gravity_inclinations({Layout::coco17, xyz, vis}), std::invalid_argument);
}

TEST(Inclination, GravityFrom3DWithTheUpAxis) {
  // COCO 17 in metres, y up: trunk leaning 30° forward (+x), a thigh horizontal forward, a shank
  // hanging. The same body in y-down (BlazePose world) and z-up coordinates gives the same angles.
  const Layout l = Layout::coco17;
  std::vector<double> p(3 * keypoint_count(l), kNaN);
  const auto set = [&](Role r, double x, double y, double z) {
    p[3 * idx(l, r)] = x, p[3 * idx(l, r) + 1] = y, p[3 * idx(l, r) + 2] = z;
  };
  const double s = 0.5 * std::sin(30 * kDeg), c = 0.5 * std::cos(30 * kDeg);
  set(Role::l_hip, 0, 1, -0.1), set(Role::r_hip, 0, 1, 0.1);
  set(Role::l_shoulder, s, 1 + c, -0.2), set(Role::r_shoulder, s, 1 + c, 0.2);
  set(Role::r_knee, 0.45, 1, 0.1), set(Role::r_ankle, 0.45, 0.55, 0.1);
  set(Role::l_knee, 0.0, 0.55, -0.1), set(Role::l_ankle, -0.3, 0.55 - 0.3, -0.1);  // shank 45° down, backwards
  const auto check = [&](const Inclinations& a, const char* what) {
    EXPECT_NEAR(deg(a, Inclination::trunk_inclination), 30.0, 1e-9) << what;
    EXPECT_NEAR(deg(a, Inclination::trunk), 60.0, 1e-9) << what;
    EXPECT_NEAR(deg(a, Inclination::right_thigh), 0.0, 1e-9) << what;
    EXPECT_NEAR(deg(a, Inclination::right_shank), -90.0, 1e-9) << what;
    EXPECT_NEAR(deg(a, Inclination::left_thigh), -90.0, 1e-9) << what;
    EXPECT_NEAR(deg(a, Inclination::left_shank), -45.0, 1e-9) << what;
    EXPECT_FALSE(a.known(Inclination::left_forearm)) << what;
  };
  check(gravity_inclinations({l, p}), "y up");
  std::vector<double> down = p, zup = p;
  for (std::size_t k = 0; k < p.size(); k += 3) {
    down[k + 1] = -p[k + 1], down[k + 2] = -p[k + 2];  // 180° about x
    zup[k + 1] = -p[k + 2], zup[k + 2] = p[k + 1];     // +90° about x: y → z
  }
  KeypointOptions o;
  o.up = UpAxis::y_down;
  check(gravity_inclinations({l, down}, o), "y down");
  o.up = UpAxis::z_up;
  check(gravity_inclinations({l, zup}, o), "z up");
  // Read with the wrong up axis the trunk is not at 30°: the option is used.
  EXPECT_GT(std::abs(deg(gravity_inclinations({l, zup}), Inclination::trunk_inclination) - 30.0), 10.0);
}
