// The skeleton fitter (issue 14) on synthetic sequences from the forward model: known truth (the
// angles keypoint_angles gives on the noiseless points), estimator-like noise (lateral σ, depth σ
// three times larger along the camera's z, visibility as weights, dropouts, single-frame jumps,
// a 40-frame whole-body left/right swap). Every expectation is a property or a comparison with
// the raw keypoint angles of the same noisy frames, never the fitter's own output.
#include "support/allocation_counter.hpp"

#include <arthrokin/check.hpp>
#include <arthrokin/kinematics/fitter.hpp>
#include <arthrokin/kinematics/inclination.hpp>
#include <arthrokin/kinematics/skeleton.hpp>
#include <arthrokin/limits.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

using namespace arthrokin;

namespace {

constexpr Layout kLayout = Layout::blazepose33;
constexpr std::size_t kN = keypoint_count(kLayout);
constexpr double kFps = 60.0;
constexpr double kLateral = 0.015;  // m, the synthetic estimator's lateral noise at visibility 1
constexpr double kDepthFactor = 3.0;

double sine(double t, double f, double ph = 0) { return std::sin(2 * std::numbers::pi * f * t + ph); }

/// A smooth motion of every limb (degrees), the pelvis turning slowly about the vertical.
Pose motion(double t, double hip_ext_extra_deg = 0, double knee_extra_deg = 0) {
  Pose p;
  auto set = [&](DofId d, double deg) { p.set(d, degrees(deg)); };
  for (const bool left : {true, false}) {
    auto sd = [&](DofId r) { return left ? mirror(r) : r; };
    const double ph = left ? 0.0 : 1.7;
    set(sd(DofId::right_shoulder_flexion_extension), 45 + 30 * sine(t, 0.35, ph));
    set(sd(DofId::right_shoulder_abduction_adduction), -35 + 15 * sine(t, 0.25, ph));
    set(sd(DofId::right_shoulder_internal_external_rotation), 10 * sine(t, 0.2, ph));
    set(sd(DofId::right_elbow_flexion_extension), 70 + 35 * sine(t, 0.45, ph));
    set(sd(DofId::right_forearm_pronation_supination), 10 * sine(t, 0.3, ph));
    set(sd(DofId::right_wrist_flexion_extension), 15 * sine(t, 0.4, ph));
    set(sd(DofId::right_wrist_radial_ulnar_deviation), 5);
    set(sd(DofId::right_hip_flexion_extension),
        hip_ext_extra_deg != 0 && !left ? hip_ext_extra_deg : 35 + 25 * sine(t, 0.3, ph));
    set(sd(DofId::right_hip_abduction_adduction), -8 + 5 * sine(t, 0.2, ph));
    set(sd(DofId::right_hip_internal_external_rotation), 8 * sine(t, 0.25, ph));
    set(sd(DofId::right_knee_flexion_extension),
        knee_extra_deg != 0 && !left ? knee_extra_deg : 55 + 30 * sine(t, 0.4, ph));
    set(sd(DofId::right_knee_internal_external_rotation), 5 * sine(t, 0.3, ph));
    set(sd(DofId::right_ankle_dorsiflexion_plantarflexion), 5 + 8 * sine(t, 0.5, ph));
    set(sd(DofId::right_subtalar_inversion_eversion), 4 * sine(t, 0.3, ph));
  }
  set(DofId::cervical_flexion_extension, 10 * sine(t, 0.2));
  set(DofId::thoracic_flexion_extension, 5);
  set(DofId::lumbar_flexion_extension, 8 * sine(t, 0.15));
  return p;
}

struct Sequence {
  std::vector<double> xyz, vis, t;  // F × N × 3, F × N, F
  std::vector<double> clean;        // F × N × 3, the noiseless points
  std::vector<JointAngles> truth;   // keypoint_angles of the noiseless points
  std::vector<bool> swapped;        // the frame's labels were swapped by the "estimator"
  std::size_t frames = 0;
  std::span<const double> frame(std::size_t i) const { return {xyz.data() + i * kN * 3, kN * 3}; }
  std::span<const double> visibility(std::size_t i) const { return {vis.data() + i * kN, kN}; }
};

struct Noise {
  double dropout = 0.02;                   // fraction of points NaN
  double jump = 0.005;                     // fraction of points displaced by 0.3 m for one frame
  std::size_t swap_from = 0, swap_to = 0;  // [from, to): every left/right label swapped
  int swap_class = 0;                      // 0 whole body, 1 arms, 2 legs
  std::size_t lost_from = 0, lost_to = 0;  // [from, to): every visibility 0.1 (person lost)
  double lateral_factor = 1.0;             // lateral (x, y) noise of the 3D points: this × kLateral
};

int limb(Role r) {
  const auto s = to_string(kLayout);
  (void)s;
  switch (r) {
    case Role::l_shoulder:
    case Role::r_shoulder:
    case Role::l_elbow:
    case Role::r_elbow:
    case Role::l_wrist:
    case Role::r_wrist:
    case Role::l_pinky:
    case Role::r_pinky:
    case Role::l_index:
    case Role::r_index:
    case Role::l_thumb:
    case Role::r_thumb:
      return 1;
    case Role::l_hip:
    case Role::r_hip:
    case Role::l_knee:
    case Role::r_knee:
    case Role::l_ankle:
    case Role::r_ankle:
    case Role::l_heel:
    case Role::r_heel:
    case Role::l_toe:
    case Role::r_toe:
      return 2;
    default:
      return 0;
  }
}

Sequence make_sequence(std::size_t frames, const Noise& nz, unsigned seed, double hip_ext = 0, double knee = 0) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> g(0.0, 1.0);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const Skeleton sk = skeleton_from_height(1.75);
  const auto rs = roles(kLayout);
  std::array<std::size_t, kN> mir{};
  for (std::size_t k = 0; k < kN; ++k)
    for (std::size_t j = 0; j < kN; ++j)
      if (rs[j] == mirror(rs[k])) mir[k] = j;
  Sequence s;
  s.frames = frames;
  for (std::size_t i = 0; i < frames; ++i) {
    const double t = static_cast<double>(i) / kFps;
    const Eigen::Quaterniond q(Eigen::AngleAxisd(0.6 + 0.4 * sine(t, 0.1), Eigen::Vector3d::UnitY()));
    const auto seg = segment_orientations(motion(t, hip_ext, knee), q);
    const auto clean = synthesize_keypoints(kLayout, sk, seg, Eigen::Vector3d(0.2 * sine(t, 0.1), 0.9, 3.0));
    s.truth.push_back(keypoint_angles({kLayout, clean}));
    s.clean.insert(s.clean.end(), clean.begin(), clean.end());
    std::vector<double> xyz(kN * 3), vis(kN);
    for (std::size_t k = 0; k < kN; ++k) {
      vis[k] = 0.6 + 0.4 * u(rng);
      const double sd = kLateral / std::sqrt(vis[k]);
      for (std::size_t a = 0; a < 3; ++a)
        xyz[3 * k + a] = clean[3 * k + a] + sd * (a == 2 ? kDepthFactor : nz.lateral_factor) * g(rng);
      if (u(rng) < nz.jump)
        for (std::size_t a = 0; a < 3; ++a) xyz[3 * k + a] += 0.3 / std::sqrt(3.0) * (u(rng) < 0.5 ? -1 : 1);
      if (u(rng) < nz.dropout)
        for (std::size_t a = 0; a < 3; ++a) xyz[3 * k + a] = std::nan("");
      if (i >= nz.lost_from && i < nz.lost_to) vis[k] = 0.1;
    }
    const bool swap = i >= nz.swap_from && i < nz.swap_to;
    s.swapped.push_back(swap);
    if (swap) {
      const auto x0 = xyz;
      const auto v0 = vis;
      for (std::size_t k = 0; k < kN; ++k)
        if (nz.swap_class == 0 || limb(rs[k]) == nz.swap_class) {
          for (std::size_t a = 0; a < 3; ++a) xyz[3 * k + a] = x0[3 * mir[k] + a];
          vis[k] = v0[mir[k]];
        }
    }
    s.xyz.insert(s.xyz.end(), xyz.begin(), xyz.end());
    s.vis.insert(s.vis.end(), vis.begin(), vis.end());
    s.t.push_back(t);
  }
  return s;
}

FitterOptions matched_options() {
  FitterOptions o;
  o.lateral_sigma = kLateral;
  o.depth_factor = kDepthFactor;
  return o;
}

const std::array<DofId, 8> kMain{DofId::right_knee_flexion_extension,     DofId::left_knee_flexion_extension,
                                 DofId::right_hip_flexion_extension,      DofId::left_hip_flexion_extension,
                                 DofId::right_elbow_flexion_extension,    DofId::left_elbow_flexion_extension,
                                 DofId::right_shoulder_flexion_extension, DofId::left_shoulder_flexion_extension};

/// Knee and hip flexion: the DoFs the acceptance is about.
bool is_lower(DofId d) {
  return d == DofId::right_knee_flexion_extension || d == DofId::left_knee_flexion_extension ||
         d == DofId::right_hip_flexion_extension || d == DofId::left_hip_flexion_extension;
}

double value(const JointAngles& a, DofId d) {
  return usable(a.status[index(d)]) ? a.pose.as_radians()[static_cast<Eigen::Index>(index(d))] : std::nan("");
}

/// RMSE in degrees of `got` against the truth over the frames `use` selects (both known).
template <class Get, class Use>
double rmse_deg(const Sequence& s, DofId d, Get got, Use use) {
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.frames; ++i) {
    if (!use(i)) continue;
    const double e = std::remainder(got(i) - value(s.truth[i], d), 2 * std::numbers::pi);
    if (std::isnan(e)) continue;
    sum += e * e, ++n;
  }
  return n ? rad_to_deg(std::sqrt(sum / static_cast<double>(n))) : std::nan("");
}

std::vector<FitResult> run_online(const Sequence& s, const FitterOptions& o) {
  SkeletonFitter f(kLayout, o);
  std::vector<FitResult> out;
  for (std::size_t i = 0; i < s.frames; ++i) out.push_back(f.update({kLayout, s.frame(i), s.visibility(i)}, s.t[i]));
  return out;
}

// The camera of the synthetic sequences: the points are in its frame (x right, y up, z away; the
// person about 3 m away); a 1080 × 1920 portrait image with a focal length of 1440 px (the 1.75 m
// person is about 840 px high). Image rows grow downwards.
constexpr double kFocalPx = 1440, kWidthPx = 1080, kHeightPx = 1920;
constexpr double kAspect = kWidthPx / kHeightPx;

/// Normalised image landmarks (F × N × 2) of the noiseless points, perspective projection, with
/// noise σ_px / √visibility pixels per axis, the same dropouts (NaN in the 3D frame) and the same
/// left/right swaps as the 3D frames (one estimator gives both).
std::vector<double> image_of(const Sequence& s, const Noise& nz, double sigma_px, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> g(0.0, 1.0);
  const auto rs = roles(kLayout);
  std::array<std::size_t, kN> mir{};
  for (std::size_t k = 0; k < kN; ++k)
    for (std::size_t j = 0; j < kN; ++j)
      if (rs[j] == mirror(rs[k])) mir[k] = j;
  std::vector<double> out(s.frames * kN * 2);
  for (std::size_t i = 0; i < s.frames; ++i) {
    std::array<double, 2 * kN> xy{};
    for (std::size_t k = 0; k < kN; ++k) {
      const double* p = s.clean.data() + (i * kN + k) * 3;
      const double sd = sigma_px / std::sqrt(s.vis[i * kN + k]);
      xy[2 * k] = (kWidthPx / 2 + kFocalPx * p[0] / p[2] + sd * g(rng)) / kWidthPx;
      xy[2 * k + 1] = (kHeightPx / 2 - kFocalPx * p[1] / p[2] + sd * g(rng)) / kHeightPx;
    }
    for (std::size_t k = 0; k < kN; ++k) {
      const bool swap = s.swapped[i] && (nz.swap_class == 0 || limb(rs[k]) == nz.swap_class);
      const std::size_t j = swap ? mir[k] : k;
      const bool gone = std::isnan(s.xyz[(i * kN + k) * 3]);
      out[(i * kN + k) * 2] = gone ? std::nan("") : xy[2 * j];
      out[(i * kN + k) * 2 + 1] = gone ? std::nan("") : xy[2 * j + 1];
    }
  }
  return out;
}

std::vector<FitResult> run_online_image(const Sequence& s, const std::vector<double>& img, const FitterOptions& o) {
  SkeletonFitter f(kLayout, o);
  std::vector<FitResult> out;
  for (std::size_t i = 0; i < s.frames; ++i) {
    const ImageKeypointView iv{kLayout, std::span<const double>(img.data() + i * kN * 2, kN * 2), s.visibility(i),
                               kAspect};
    out.push_back(f.update({kLayout, s.frame(i), s.visibility(i)}, iv, s.t[i]));
  }
  return out;
}

/// The fitter's noise options for 3D points with `lateral_factor` × kLateral across and kDepthFactor ×
/// kLateral along the line of sight, and image landmarks with `sigma_px` pixels.
FitterOptions image_options(double lateral_factor, double sigma_px) {
  FitterOptions o;
  o.lateral_sigma = kLateral * lateral_factor;
  o.depth_factor = kDepthFactor / lateral_factor;
  o.image_sigma = sigma_px / kHeightPx;
  return o;
}

}  // namespace

TEST(Fitter, FittedErrorIsBelowTheRawKeypointError) {
  const Sequence s = make_sequence(360, Noise{}, 1);
  const auto online = run_online(s, matched_options());
  const auto offline = fit_sequence(kLayout, s.xyz, s.vis, s.t, matched_options());
  ASSERT_EQ(offline.size(), s.frames);
  std::vector<JointAngles> raw;
  for (std::size_t i = 0; i < s.frames; ++i) raw.push_back(keypoint_angles({kLayout, s.frame(i), s.visibility(i)}));
  const auto after_acquisition = [](std::size_t i) { return i >= 10; };
  for (DofId d : kMain) {
    const double r = rmse_deg(
        s, d, [&](std::size_t i) { return value(raw[i], d); }, after_acquisition);
    const double on = rmse_deg(
        s, d, [&](std::size_t i) { return value(online[i].angles, d); }, after_acquisition);
    const double off = rmse_deg(
        s, d, [&](std::size_t i) { return value(offline[i].angles, d); }, after_acquisition);
    std::printf("%-36s raw %5.2f°  online %5.2f°  offline %5.2f°\n", std::string(to_string(d)).c_str(), r, on, off);
    EXPECT_LT(on, r) << to_string(d);
    EXPECT_LT(off, on) << to_string(d);
  }
}

TEST(Fitter, WholeBodySwapIsDetectedAndRepaired) {
  Noise nz;
  nz.swap_from = 150, nz.swap_to = 190;
  const Sequence s = make_sequence(300, nz, 2);
  const auto out = run_online(s, matched_options());
  std::size_t repaired = 0, false_alarms = 0;
  for (std::size_t i = 0; i < s.frames; ++i) {
    if (s.swapped[i])
      repaired += out[i].swap == SwapRepair::whole_body;
    else
      false_alarms += out[i].swap != SwapRepair::none;
  }
  EXPECT_GE(repaired, 39u);
  EXPECT_LE(false_alarms, 1u);
  // The repaired frames are as accurate as the others; the raw ones are not.
  const auto in_swap = [&](std::size_t i) { return static_cast<bool>(s.swapped[i]); };
  const auto outside = [&](std::size_t i) { return i >= 10 && !s.swapped[i]; };
  const DofId rk = DofId::right_knee_flexion_extension;
  const double fitted_in = rmse_deg(
      s, rk, [&](std::size_t i) { return value(out[i].angles, rk); }, in_swap);
  const double fitted_out = rmse_deg(
      s, rk, [&](std::size_t i) { return value(out[i].angles, rk); }, outside);
  const double raw_in = rmse_deg(
      s, rk,
      [&](std::size_t i) {
        return value(keypoint_angles({kLayout, s.frame(i), s.visibility(i)}), rk);
      },
      in_swap);
  EXPECT_LT(fitted_in, 2 * fitted_out + 1.0);
  EXPECT_GT(raw_in, 3 * fitted_in);
}

TEST(Fitter, LimbPairSwapsAreRepairedAsSuch) {
  for (const auto& [cls, want] : {std::pair{1, SwapRepair::arms}, std::pair{2, SwapRepair::legs}}) {
    Noise nz;
    nz.swap_from = 100, nz.swap_to = 140, nz.swap_class = cls;
    const Sequence s = make_sequence(200, nz, 3);
    const auto out = run_online(s, matched_options());
    std::size_t repaired = 0, false_alarms = 0;
    for (std::size_t i = 0; i < s.frames; ++i) {
      if (s.swapped[i])
        repaired += out[i].swap == want;
      else
        false_alarms += out[i].swap != SwapRepair::none;
    }
    EXPECT_GE(repaired, 39u) << to_string(want);
    EXPECT_LE(false_alarms, 1u) << to_string(want);
  }
}

TEST(Fitter, UncertaintyCoversTheErrorAtItsStatedLevel) {
  const Sequence s = make_sequence(600, Noise{}, 4);
  for (const bool offline : {false, true}) {
    const auto out =
        offline ? fit_sequence(kLayout, s.xyz, s.vis, s.t, matched_options()) : run_online(s, matched_options());
    std::size_t within = 0, within2 = 0, n = 0;
    for (std::size_t i = 10; i < s.frames; ++i)
      for (DofId d : kMain) {
        const double e = std::remainder(value(out[i].angles, d) - value(s.truth[i], d), 2 * std::numbers::pi);
        const double u = out[i].sigma_rad[index(d)];
        if (std::isnan(e) || std::isnan(u)) continue;
        ++n;
        within += std::abs(e) <= u;
        within2 += std::abs(e) <= 2 * u;
      }
    const double c1 = static_cast<double>(within) / static_cast<double>(n);
    const double c2 = static_cast<double>(within2) / static_cast<double>(n);
    std::printf("%s: %zu DoF-frames, %.1f %% within 1σ, %.1f %% within 2σ\n", offline ? "offline" : "online", n,
                100 * c1, 100 * c2);
    ASSERT_GT(n, 3000u);
    EXPECT_GE(c1, 0.55);
    EXPECT_LE(c1, 0.80);
    EXPECT_GE(c2, 0.85);
  }
}

TEST(Fitter, TrueExcursionsBeyondTheLimitsSurvive) {
  // The fitter uses no joint limit (not as a clamp, not as a prior): a hip extended 15° beyond
  // the default limit and a knee flexed 15° beyond it are still reported beyond. With the
  // fitter's own uncertainty in the check an excursion may be `possibly` beyond (when 15° is
  // within 2σ). With a hip σ of 5–7° an error of 15° happens in a few frames (the hip uses the
  // depth of four points), so "never within" would be a claim about the noise, not the fitter:
  // the test asks for at most 10 % of the frames, and no more than the raw keypoint path misses.
  // The fitted mean is not pulled towards the limit.
  const Limits lim = Limits::defaults();
  const DofId rh = DofId::right_hip_flexion_extension, rk = DofId::right_knee_flexion_extension;
  ASSERT_TRUE(lim[rh].lower.has_value());
  ASSERT_TRUE(lim[rk].upper.has_value());
  const double hip = rad_to_deg(lim[rh].lower.radians) - 15, knee = rad_to_deg(lim[rk].upper.radians) + 15;
  for (const bool offline : {false, true}) {
    const Sequence s = make_sequence(200, Noise{}, 5, hip, knee);
    const auto out =
        offline ? fit_sequence(kLayout, s.xyz, s.vis, s.t, matched_options()) : run_online(s, matched_options());
    std::size_t below = 0, above = 0, missed = 0, raw_missed = 0, n = 0;
    double hip_err = 0, knee_err = 0;
    for (std::size_t i = 10; i < s.frames; ++i) {
      ++n;
      const Report r = check(out[i].angles.pose, lim);
      below += r[rh].status == Status::below;
      above += r[rk].status == Status::above;
      const Report ru = check(out[i].angles.pose, lim, out[i].uncertainty());
      missed += !(ru[rh].status == Status::below || ru[rh].status == Status::possibly_below);
      missed += !(ru[rk].status == Status::above || ru[rk].status == Status::possibly_above);
      const Report rr = check(keypoint_angles({kLayout, s.frame(i), s.visibility(i)}).pose, lim);
      raw_missed += (rr[rh].status != Status::below) + (rr[rk].status != Status::above);
      hip_err += rad_to_deg(value(out[i].angles, rh) - value(s.truth[i], rh));
      knee_err += rad_to_deg(value(out[i].angles, rk) - value(s.truth[i], rk));
    }
    const char* mode = offline ? "offline" : "online";
    std::printf("%s: %zu frames, hip below %zu, knee above %zu; missed with u: %zu of %zu, raw missed %zu\n", mode, n,
                below, above, missed, 2 * n, raw_missed);
    EXPECT_GE(below, n * 90 / 100) << mode;
    EXPECT_GE(above, n * 90 / 100) << mode;
    EXPECT_LE(missed, 2 * n / 10) << mode;
    EXPECT_LE(missed, raw_missed) << mode;
    EXPECT_LT(std::abs(hip_err / static_cast<double>(n)), 3.0) << mode;  // mean error: no pull to the limit
    EXPECT_LT(std::abs(knee_err / static_cast<double>(n)), 3.0) << mode;
  }
}

TEST(Fitter, KneeHyperextensionSurvives) {
  // The case: the right knee hyperextended 15° (flexion −15°, docs/conventions.md: extension
  // is negative flexion), 10° beyond the default limit (5° of hyperextension), with the estimator-like
  // noise of the other tests. The keypoint path reads the bend's side from the foot points
  // (KeypointOptions::hinge_reference_angle_rad); the fit keeps it below the limit, as the excursion
  // test above asks of hip extension and knee flexion, and the mean is not pulled towards zero.
  // The margin is 10° (not 15°): against an online knee error of 6.5° RMSE (the table printed by
  // FittedErrorIsBelowTheRawKeypointError) and a mean error up to the 3° allowed, 10° is exceeded in
  // about 14 % of the frames (one-sided, (10 − 3) / 6.5 = 1.08σ), hence ≥ 85 % below; with the fit's
  // uncertainty ≤ 20 % missed, as in the excursion test above.
  const Limits lim = Limits::defaults();
  const DofId rk = DofId::right_knee_flexion_extension;
  ASSERT_TRUE(lim[rk].lower.has_value());
  ASSERT_LT(rad_to_deg(lim[rk].lower.radians), -4.9);  // the default allows 5° of hyperextension
  ASSERT_GT(rad_to_deg(lim[rk].lower.radians), -15.0);
  for (const bool offline : {false, true}) {
    const Sequence s = make_sequence(200, Noise{}, 12, 0, -15);
    const auto out =
        offline ? fit_sequence(kLayout, s.xyz, s.vis, s.t, matched_options()) : run_online(s, matched_options());
    std::size_t below = 0, missed = 0, raw_missed = 0, n = 0;
    double err = 0;
    for (std::size_t i = 10; i < s.frames; ++i) {
      ++n;
      ASSERT_NEAR(value(s.truth[i], rk), deg_to_rad(-15.0), 1e-9);
      below += check(out[i].angles.pose, lim)[rk].status == Status::below;
      const Status su = check(out[i].angles.pose, lim, out[i].uncertainty())[rk].status;
      missed += !(su == Status::below || su == Status::possibly_below);
      raw_missed +=
          check(keypoint_angles({kLayout, s.frame(i), s.visibility(i)}).pose, lim)[rk].status != Status::below;
      err += rad_to_deg(value(out[i].angles, rk) - value(s.truth[i], rk));
    }
    const char* mode = offline ? "offline" : "online";
    std::printf(
        "knee hyperextension 15°, %s: %zu frames, below %zu; missed with u %zu, raw missed %zu; mean error %.2f°\n",
        mode, n, below, missed, raw_missed, err / static_cast<double>(n));
    EXPECT_GE(below, n * 85 / 100) << mode;
    EXPECT_LE(missed, n / 5) << mode;
    EXPECT_LE(missed, raw_missed) << mode;
    EXPECT_LT(std::abs(err / static_cast<double>(n)), 3.0) << mode;
  }
}

TEST(Fitter, InclinationsFrom3DAndFrom2DLandmarks) {
  // Segment angles to the horizontal and trunk inclination (inclination.hpp) of the fit: 3D relative
  // to gravity (the synthetic frames are y-up, the default `KeypointOptions::up`), and 2D from the
  // orthographic projection of the same noisy points into a 9:16 portrait image 2.2 m high (x is
  // divided by the width, 2.2 × 9/16 m, y by the height, rows growing downwards). Truth: the same
  // functions of the noiseless points. The fit is closer to it than the raw points are, for each.
  const Sequence s = make_sequence(300, Noise{}, 21);
  const double height = 2.2, aspect = 9.0 / 16, width = height * aspect;
  const auto project = [&](std::span<const double> p, std::vector<double>& xy) {
    xy.resize(2 * kN);
    for (std::size_t k = 0; k < kN; ++k) {
      xy[2 * k] = (p[3 * k] + width / 2) / width;
      xy[2 * k + 1] = (2.1 - p[3 * k + 1]) / height;
    }
  };
  FitterOptions o2 = matched_options();
  o2.image_sigma = kLateral / height;
  SkeletonFitter f3(kLayout, matched_options()), f2(kLayout, o2);
  std::array<double, inclination_count> raw3{}, fit3{}, raw2{}, fit2{};
  std::size_t n = 0;
  std::vector<double> xy, xy_clean;
  const auto add = [](std::array<double, inclination_count>& acc, const Inclinations& got, const Inclinations& truth) {
    for (std::size_t j = 0; j < inclination_count; ++j) {
      const double e = got.rad[j] - truth.rad[j];
      acc[j] += std::isnan(e) ? 0.0 : e * e;
    }
  };
  for (std::size_t i = 0; i < s.frames; ++i) {
    const std::span<const double> clean(s.clean.data() + i * kN * 3, kN * 3);
    const FitResult r3 = f3.update({kLayout, s.frame(i), s.visibility(i)}, s.t[i]);
    project(s.frame(i), xy);
    project(clean, xy_clean);
    const FitResult r2 = f2.update_image(ImageKeypointView{kLayout, xy, s.visibility(i), aspect}, s.t[i]);
    for (DofId d : all_dofs) ASSERT_EQ(r2.angles.status[index(d)], DofStatus::unobservable);
    if (i < 10) continue;
    ++n;
    const Inclinations t3 = gravity_inclinations({kLayout, clean});
    const Inclinations t2 = image_inclinations({kLayout, xy_clean, {}, aspect});
    for (Inclination j : all_inclinations) {
      ASSERT_TRUE(t3.known(j) && t2.known(j) && r3.inclinations.known(j) && r2.inclinations.known(j)) << to_string(j);
    }
    add(raw3, gravity_inclinations({kLayout, s.frame(i), s.visibility(i)}), t3);
    add(fit3, r3.inclinations, t3);
    add(raw2, image_inclinations({kLayout, xy, s.visibility(i), aspect}), t2);
    add(fit2, r2.inclinations, t2);
  }
  for (Inclination j : all_inclinations) {
    const auto k = static_cast<std::size_t>(j);
    const auto rms = [&](double sum) { return rad_to_deg(std::sqrt(sum / static_cast<double>(n))); };
    std::printf("%-18s 3D raw %5.2f° fitted %5.2f°   2D raw %5.2f° fitted %5.2f°\n", std::string(to_string(j)).c_str(),
                rms(raw3[k]), rms(fit3[k]), rms(raw2[k]), rms(fit2[k]));
    EXPECT_LT(fit3[k], raw3[k]) << to_string(j);
    EXPECT_LT(fit2[k], raw2[k]) << to_string(j);
  }
}

TEST(Fitter, PersonLostIsUnknownThenReacquiredCleanly) {
  Noise nz;
  nz.lost_from = 100, nz.lost_to = 130;
  const Sequence s = make_sequence(220, nz, 6);
  const auto out = run_online(s, matched_options());
  for (std::size_t i = 100; i < 130; ++i) {
    EXPECT_EQ(out[i].state, FitState::lost) << i;
    EXPECT_EQ(out[i].angles.pose.observed_count(), 0u) << i;
    EXPECT_EQ(out[i].angles.status[index(DofId::right_knee_flexion_extension)], DofStatus::low_confidence);
    EXPECT_TRUE(std::isnan(out[i].sigma_rad[index(DofId::right_knee_flexion_extension)]));
  }
  EXPECT_EQ(out[130].state, FitState::acquiring);
  EXPECT_EQ(out[140].state, FitState::tracking);
  // Re-acquired: as accurate after the gap as before it.
  const DofId rk = DofId::right_knee_flexion_extension;
  const double before = rmse_deg(
      s, rk, [&](std::size_t i) { return value(out[i].angles, rk); }, [](std::size_t i) { return i >= 10 && i < 100; });
  const double after = rmse_deg(
      s, rk, [&](std::size_t i) { return value(out[i].angles, rk); }, [](std::size_t i) { return i >= 140; });
  EXPECT_LT(after, 2 * before + 1.0);
  // The offline smoother does not smooth across the gap either.
  const auto off = fit_sequence(kLayout, s.xyz, s.vis, s.t, matched_options());
  for (std::size_t i = 100; i < 130; ++i) EXPECT_EQ(off[i].angles.pose.observed_count(), 0u);
  EXPECT_LT(rmse_deg(
                s, rk, [&](std::size_t i) { return value(off[i].angles, rk); }, [](std::size_t i) { return i >= 130; }),
            2 * before + 1.0);
}

TEST(Fitter, SegmentLengthsAreEstimatedOrGiven) {
  const Sequence s = make_sequence(60, Noise{}, 7);
  SkeletonFitter f(kLayout, matched_options());
  const Skeleton sk = skeleton_from_height(1.75);
  for (std::size_t i = 0; i < s.frames; ++i) (void)f.update({kLayout, s.frame(i), s.visibility(i)}, s.t[i]);
  const auto rs = roles(kLayout);
  std::size_t checked = 0;
  for (std::size_t b = 0; b < f.bones().size(); ++b) {
    const Role p = rs[f.bones()[b].parent], c = rs[f.bones()[b].child];
    double want = std::nan("");
    if (p == Role::l_shoulder || p == Role::r_shoulder) want = sk.upper_arm;
    if (p == Role::l_elbow || p == Role::r_elbow) want = sk.forearm;
    if (p == Role::l_hip || p == Role::r_hip) want = sk.thigh;
    if (p == Role::l_knee || p == Role::r_knee) want = sk.shank;
    (void)c;
    if (std::isnan(want)) continue;
    ++checked;
    EXPECT_NEAR(f.segment_lengths()[b], want, 0.02) << b;  // a fraction of the 1.5–4.5 cm point noise
  }
  EXPECT_EQ(checked, 8u);
  // Given lengths are used as given; a bad one is refused with the fitter unchanged.
  std::vector<double> given(f.bones().size(), 0.3);
  given[0] = std::nan("");
  SkeletonFitter g(kLayout, matched_options());
  g.set_segment_lengths(given);
  EXPECT_DOUBLE_EQ(g.segment_lengths()[1], 0.3);
  EXPECT_TRUE(std::isnan(g.segment_lengths()[0]));
  given[1] = -1;
  EXPECT_THROW(g.set_segment_lengths(given), invalid_argument);
  EXPECT_THROW(g.set_segment_lengths(std::vector<double>(3, 0.3)), invalid_argument);
  EXPECT_DOUBLE_EQ(g.segment_lengths()[1], 0.3);
}

TEST(Fitter, OnlineUpdateDoesNotAllocate) {
  const Sequence s = make_sequence(120, Noise{}, 8);
  SkeletonFitter f(kLayout, matched_options());
  (void)f.update({kLayout, s.frame(0), s.visibility(0)}, s.t[0]);
  const long before = test_support::allocation_count.load();
  double sink = 0;
  for (std::size_t i = 1; i < s.frames; ++i) {
    const FitResult r = f.update({kLayout, s.frame(i), s.visibility(i)}, s.t[i]);
    sink += r.angles.pose.observed_count();
  }
  EXPECT_EQ(test_support::allocation_count.load() - before, 0);
  EXPECT_GT(sink, 0);
  // 2D landmarks (x, y of the same points taken as normalised coordinates), and a person lost.
  SkeletonFitter g(kLayout, matched_options());
  std::vector<std::vector<double>> xy(s.frames, std::vector<double>(2 * kN));
  for (std::size_t i = 0; i < s.frames; ++i)
    for (std::size_t k = 0; k < kN; ++k) xy[i][2 * k] = s.frame(i)[3 * k], xy[i][2 * k + 1] = -s.frame(i)[3 * k + 1];
  const std::vector<double> gone(kN, 0.0);
  (void)g.update_image({kLayout, xy[0], s.visibility(0), 0.75}, s.t[0]);
  const long before2 = test_support::allocation_count.load();
  std::size_t known = 0, lost_known = 0;
  for (std::size_t i = 1; i < s.frames; ++i) {
    const bool lost = i >= 60 && i < 70;
    const FitResult r = g.update_image({kLayout, xy[i], lost ? gone : s.visibility(i), 0.75}, s.t[i]);
    for (Inclination j : all_inclinations) (lost ? lost_known : known) += r.inclinations.known(j);
  }
  EXPECT_EQ(test_support::allocation_count.load() - before2, 0);
  EXPECT_GT(known, 100u);
  EXPECT_EQ(lost_known, 0u);  // a lost person: every inclination unknown
}

TEST(Fitter, BadInputIsRefusedWithTheFitterUnchanged) {
  const Sequence s = make_sequence(40, Noise{}, 9);
  SkeletonFitter a(kLayout, matched_options()), b(kLayout, matched_options());
  for (std::size_t i = 0; i < 20; ++i) {
    (void)a.update({kLayout, s.frame(i), s.visibility(i)}, s.t[i]);
    (void)b.update({kLayout, s.frame(i), s.visibility(i)}, s.t[i]);
  }
  std::vector<double> bad(s.frame(20).begin(), s.frame(20).end());
  bad[7] = std::numeric_limits<double>::infinity();
  EXPECT_THROW((void)b.update({kLayout, bad, s.visibility(20)}, s.t[20]), invalid_argument);
  bad[7] = -std::numeric_limits<double>::infinity();
  EXPECT_THROW((void)b.update({kLayout, bad, s.visibility(20)}, s.t[20]), invalid_argument);
  EXPECT_THROW((void)b.update({kLayout, std::span<const double>(bad).first(30), {}}, s.t[20]), invalid_argument);
  EXPECT_THROW((void)b.update({Layout::coco17, std::span<const double>(bad).first(51), {}}, s.t[20]), invalid_argument);
  std::vector<double> vis(s.visibility(20).begin(), s.visibility(20).end());
  vis[3] = 1.5;
  EXPECT_THROW((void)b.update({kLayout, s.frame(20), vis}, s.t[20]), invalid_argument);
  // the messages name the fitter and the value (the checks keypoint_angles shares)
  const auto message = [&](const KeypointView& v) {
    try {
      (void)b.update(v, s.t[20]);
    } catch (const invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message({kLayout, bad, vis}), "SkeletonFitter: keypoint 2 y is infinite (NaN marks a missing point)");
  EXPECT_EQ(message({kLayout, s.frame(20), vis}),
            "SkeletonFitter: visibility of keypoint 3 must be in [0, 1], got 1.500000");
  EXPECT_EQ(message({kLayout, std::span<const double>(bad).first(30), {}}),
            "SkeletonFitter: " + std::string(to_string(kLayout)) + " expects " +
                std::to_string(3 * keypoint_count(kLayout)) + " coordinates, got 30");
  EXPECT_EQ(message({kLayout, s.frame(20), std::span<const double>(vis).first(3)}),
            "SkeletonFitter: expected " + std::to_string(keypoint_count(kLayout)) + " visibilities, got 3");
  EXPECT_THROW((void)b.update({kLayout, s.frame(20), s.visibility(20)}, s.t[19]), invalid_argument);
  EXPECT_THROW((void)b.update({kLayout, s.frame(20), s.visibility(20)}, std::nan("")), invalid_argument);
  EXPECT_THROW(SkeletonFitter(kLayout,
                              [] {
                                FitterOptions o;
                                o.lateral_sigma = 0;
                                return o;
                              }()),
               invalid_argument);
  // Nothing was lost: b continues exactly as a.
  for (std::size_t i = 20; i < 40; ++i) {
    const FitResult ra = a.update({kLayout, s.frame(i), s.visibility(i)}, s.t[i]);
    const FitResult rb = b.update({kLayout, s.frame(i), s.visibility(i)}, s.t[i]);
    for (std::size_t d = 0; d < dof_count; ++d) {
      const double x = ra.angles.pose.as_radians()[static_cast<Eigen::Index>(d)];
      const double y = rb.angles.pose.as_radians()[static_cast<Eigen::Index>(d)];
      EXPECT_TRUE(x == y || (std::isnan(x) && std::isnan(y))) << i << " " << d;
    }
  }
  // A frame of NaN (the estimator found nobody) is not an error: the person is lost.
  const std::vector<double> nan_frame(kN * 3, std::nan(""));
  const FitResult lost = a.update({kLayout, nan_frame, {}}, 1.0);
  EXPECT_EQ(lost.state, FitState::lost);
  EXPECT_EQ(lost.angles.pose.observed_count(), 0u);
  EXPECT_EQ(lost.angles.status[index(DofId::right_knee_flexion_extension)], DofStatus::missing_segment);
  // fit_sequence names the frame.
  std::vector<double> xyz = s.xyz;
  xyz[5 * kN * 3 + 4] = std::numeric_limits<double>::infinity();
  try {
    (void)fit_sequence(kLayout, xyz, s.vis, s.t);
    ADD_FAILURE() << "no exception";
  } catch (const invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("frame 5"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)fit_sequence(kLayout, std::span<const double>(s.xyz).first(100), s.vis, s.t), invalid_argument);
}

TEST(Fitter, SingleFrameJumpsAreGated) {
  Noise nz;
  nz.jump = 0.03;
  const Sequence s = make_sequence(300, nz, 10);
  const auto out = run_online(s, matched_options());
  std::size_t gated = 0;
  for (const auto& r : out) gated += r.points_gated;
  // About 3 % of 33 points × 300 frames jump by 0.3 m (≥ 6 lateral σ): most are dropped.
  EXPECT_GT(gated, 200u);
  // The same motion and noise model without jumps: gating keeps the fitted error close to it,
  // while the raw keypoint error grows.
  const Sequence clean = make_sequence(300, Noise{}, 10);
  const auto ref = run_online(clean, matched_options());
  const auto use = [](std::size_t i) { return i >= 10; };
  for (DofId d : {DofId::right_knee_flexion_extension, DofId::left_elbow_flexion_extension}) {
    const auto fitted = [&](const Sequence& q, const std::vector<FitResult>& o) {
      return rmse_deg(
          q, d, [&](std::size_t i) { return value(o[i].angles, d); }, use);
    };
    const auto raw = [&](const Sequence& q) {
      return rmse_deg(
          q, d,
          [&](std::size_t i) {
            return value(keypoint_angles({kLayout, q.frame(i), q.visibility(i)}), d);
          },
          use);
    };
    std::printf("%s: with jumps raw %.2f° fitted %.2f°; without raw %.2f° fitted %.2f°\n",
                std::string(to_string(d)).c_str(), raw(s), fitted(s, out), raw(clean), fitted(clean, ref));
    EXPECT_LT(fitted(s, out), 1.25 * fitted(clean, ref)) << to_string(d);
  }
}

TEST(Fitter, EveryLayoutIsFittedBetterThanItsRawKeypoints) {
  // The same motion and noise in each layout (the fitter's bones, groups and swap pairs come from
  // the layout's roles): the fitted knee and elbow flexion are closer to the truth than the raw.
  const Skeleton sk = skeleton_from_height(1.75);
  for (Layout layout : all_layouts) {
    const std::size_t n = keypoint_count(layout);
    std::mt19937 rng(11);
    std::normal_distribution<double> g(0.0, 1.0);
    SkeletonFitter f(layout, matched_options());
    double raw_sq = 0, fit_sq = 0;
    std::size_t count = 0;
    for (std::size_t i = 0; i < 300; ++i) {
      const double t = static_cast<double>(i) / kFps;
      const Eigen::Quaterniond q(Eigen::AngleAxisd(0.6 + 0.4 * sine(t, 0.1), Eigen::Vector3d::UnitY()));
      const auto clean =
          synthesize_keypoints(layout, sk, segment_orientations(motion(t), q), Eigen::Vector3d(0, 0.9, 3));
      std::vector<double> xyz = clean;
      for (std::size_t k = 0; k < 3 * n; ++k) xyz[k] += kLateral * (k % 3 == 2 ? kDepthFactor : 1.0) * g(rng);
      const JointAngles truth = keypoint_angles({layout, clean});
      const JointAngles raw = keypoint_angles({layout, xyz});
      const FitResult fit = f.update({layout, xyz}, t);
      if (i < 10) continue;
      for (DofId d : {DofId::right_knee_flexion_extension, DofId::left_elbow_flexion_extension}) {
        const double r = value(raw, d) - value(truth, d), e = value(fit.angles, d) - value(truth, d);
        if (std::isnan(r) || std::isnan(e)) continue;
        raw_sq += r * r, fit_sq += e * e, ++count;
      }
    }
    EXPECT_GT(count, 500u) << to_string(layout);
    EXPECT_LT(fit_sq, 0.6 * raw_sq) << to_string(layout);
    std::printf("%s: raw %.2f°, fitted %.2f° RMSE (knee, elbow)\n", std::string(to_string(layout)).c_str(),
                rad_to_deg(std::sqrt(raw_sq / static_cast<double>(count))),
                rad_to_deg(std::sqrt(fit_sq / static_cast<double>(count))));
  }
}

TEST(Fitter, HostileStreamsGiveKnownFiniteValuesOrUnknown) {
  // Frames mixing good points, NaN, coordinates near ±1e300, zero visibilities, gaps of 1e-6 s
  // and 1e6 s: every output is a finite angle with a finite uncertainty, or unknown with none.
  const Skeleton sk = skeleton_from_height(1.7);
  std::mt19937 rng(12);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (Layout layout : all_layouts) {
    const std::size_t n = keypoint_count(layout);
    SkeletonFitter f(layout, matched_options());
    double t = 0;
    for (int i = 0; i < 400; ++i) {
      auto xyz = synthesize_keypoints(layout, sk, motion(0.05 * i));
      std::vector<double> vis(n, 1.0);
      const double kind = u(rng);
      for (std::size_t k = 0; k < n; ++k) {
        const double p = u(rng);
        if (kind < 0.1 && p < 0.5) xyz[3 * k] = std::nan("");
        if (kind > 0.9 && p < 0.3) xyz[3 * k + 1] = (p < 0.15 ? -1 : 1) * 1e300;
        if (kind > 0.8 && kind < 0.9) xyz[3 * k + 2] *= 1e200;
        if (p > 0.95) vis[k] = 0.0;
        vis[k] = std::min(vis[k], u(rng) + 0.2);
      }
      t += u(rng) < 0.05 ? 1e6 : (u(rng) < 0.05 ? 1e-6 : 1.0 / 60);
      const FitResult r = f.update({layout, xyz, vis}, t);
      for (std::size_t d = 0; d < dof_count; ++d) {
        const double a = r.angles.pose.as_radians()[static_cast<Eigen::Index>(d)], s = r.sigma_rad[d];
        if (std::isnan(a)) {
          EXPECT_TRUE(std::isnan(s)) << to_string(layout) << " frame " << i;
        } else {
          EXPECT_TRUE(std::isfinite(a) && std::isfinite(s) && s >= 0) << to_string(layout) << " frame " << i;
        }
      }
    }
  }
}

// ---- 2D image landmarks with the 3D points, and the weighted bone lengths ----------------------

TEST(Fitter, WeightedSpherePointIsTheConstrainedLeastSquaresPoint) {
  // detail::weighted_sphere_point against brute force: on the sphere, no sampled point is closer in
  // the weighted metric; isotropic weights give the radial point; and with a large weight on x, y
  // the answer keeps x, y and takes |z| = √(L² − x² − y²) on the side of t (Taylor 2000).
  std::mt19937 rng(31);
  std::normal_distribution<double> g(0.0, 1.0);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int trial = 0; trial < 300; ++trial) {
    const Eigen::Vector3d t(g(rng) * 0.3, g(rng) * 0.3, g(rng) * 0.3);
    const Eigen::Vector3d w(std::exp(3 * g(rng)), std::exp(3 * g(rng)), std::exp(3 * g(rng)));
    const double len = 0.05 + 0.5 * u(rng);
    const Eigen::Vector3d p = detail::weighted_sphere_point(t, w, len);
    ASSERT_NEAR(p.norm(), len, 1e-9 * len);
    const auto cost = [&](const Eigen::Vector3d& q) { return (w.array() * (q - t).array().square()).sum(); };
    const double c = cost(p);
    for (int k = 0; k < 400; ++k) {
      const Eigen::Vector3d q = len * Eigen::Vector3d(g(rng), g(rng), g(rng)).normalized();
      ASSERT_LE(c, cost(q) * (1 + 1e-9) + 1e-15) << "trial " << trial;
    }
    // Local optimality: small moves on the sphere do not lower the cost.
    for (int k = 0; k < 20; ++k) {
      const Eigen::Vector3d q = (p + 1e-4 * len * Eigen::Vector3d(g(rng), g(rng), g(rng))).normalized() * len;
      ASSERT_LE(c, cost(q) * (1 + 1e-9) + 1e-15) << "trial " << trial;
    }
    const Eigen::Vector3d iso = detail::weighted_sphere_point(t, Eigen::Vector3d::Constant(w[0]), len);
    ASSERT_LT((iso - t.normalized() * len).norm(), 1e-9);
  }
  const Eigen::Vector3d t(0.10, -0.20, -0.01), w(1e8, 1e8, 1.0);
  const Eigen::Vector3d p = detail::weighted_sphere_point(t, w, 0.4);
  EXPECT_NEAR(p[0], 0.10, 1e-6);
  EXPECT_NEAR(p[1], -0.20, 1e-6);
  EXPECT_NEAR(p[2], -std::sqrt(0.16 - 0.01 - 0.04), 1e-5);
}

TEST(Fitter, WeightedLengthsAgainstRadial) {
  // The same noisy frames (depth σ three times the lateral), the bone lengths made constant along
  // the fitted direction (radial) or by weighted least squares (weighted): the weighted fit puts
  // the correction into depth, where the noise is. It must be better for knee and hip flexion.
  const Sequence s = make_sequence(360, Noise{}, 41);
  FitterOptions wo = matched_options();
  wo.length_projection = LengthProjection::weighted;
  const auto after = [](std::size_t i) { return i >= 10; };
  for (const bool offline : {false, true}) {
    const auto rad =
        offline ? fit_sequence(kLayout, s.xyz, s.vis, s.t, matched_options()) : run_online(s, matched_options());
    const auto wtd = offline ? fit_sequence(kLayout, s.xyz, s.vis, s.t, wo) : run_online(s, wo);
    for (DofId d : kMain) {
      const double r = rmse_deg(
          s, d, [&](std::size_t i) { return value(rad[i].angles, d); }, after);
      const double w = rmse_deg(
          s, d, [&](std::size_t i) { return value(wtd[i].angles, d); }, after);
      std::printf("%s %-36s radial %5.2f°  weighted %5.2f°\n", offline ? "offline" : "online ",
                  std::string(to_string(d)).c_str(), r, w);
      if (is_lower(d)) {
        EXPECT_LT(w, r) << to_string(d) << (offline ? " offline" : " online");
      }
    }
  }
}

TEST(Fitter, ImageLandmarksGiveTheLateralCoordinates) {
  // 3D points whose lateral noise is twice the image's (3 cm against 1.5 cm at 3 m, 7.2 px), depth
  // 4.5 cm; the image landmarks the perspective projection of the noiseless points with their own
  // noise, in a normalised 9:16 portrait frame. Fitted with the image landmarks, every main DoF is
  // closer to the truth than fitted without them, online and offline, for knee and hip flexion (the
  // issue's target; every main DoF is printed: with this seed one, the left elbow, is not).
  Noise nz;
  nz.lateral_factor = 2.0;
  const double px = kLateral * kFocalPx / 3.0;
  const Sequence s = make_sequence(360, nz, 42);
  const std::vector<double> img = image_of(s, nz, px, 43);
  const FitterOptions o = image_options(2.0, px);
  const auto after = [](std::size_t i) { return i >= 10; };
  for (const bool offline : {false, true}) {
    const auto world = offline ? fit_sequence(kLayout, s.xyz, s.vis, s.t, o) : run_online(s, o);
    const auto fused =
        offline ? fit_sequence(kLayout, s.xyz, s.vis, s.t, o, img, s.vis, kAspect) : run_online_image(s, img, o);
    for (DofId d : kMain) {
      const double a = rmse_deg(
          s, d, [&](std::size_t i) { return value(world[i].angles, d); }, after);
      const double b = rmse_deg(
          s, d, [&](std::size_t i) { return value(fused[i].angles, d); }, after);
      std::printf("%s %-36s 3D only %5.2f°  with the image %5.2f°\n", offline ? "offline" : "online ",
                  std::string(to_string(d)).c_str(), a, b);
      if (is_lower(d)) {
        EXPECT_LT(b, a) << to_string(d) << (offline ? " offline" : " online");
      }
    }
  }
}

TEST(Fitter, WithImageLandmarksAndWeightedLengths) {
  // The full option set (image landmarks, weighted bone lengths) on the noise model of
  // ImageLandmarksGiveTheLateralCoordinates: the uncertainty covers the error at its stated level
  // (the band of UncertaintyCoversTheErrorAtItsStatedLevel), a whole-body and a legs-only swap (in
  // both the 3D and the image landmarks, as one estimator gives them) are repaired, and true
  // excursions beyond the limits (hip extension and knee flexion 15° beyond, knee hyperextension
  // 15°, 10° beyond) are still reported beyond in ≥ 85 % of the frames, the mean not pulled back.
  const double px = kLateral * kFocalPx / 3.0;
  FitterOptions o = image_options(2.0, px);
  o.length_projection = LengthProjection::weighted;
  Noise nz;
  nz.lateral_factor = 2.0;
  {
    const Sequence s = make_sequence(600, nz, 51);
    const std::vector<double> img = image_of(s, nz, px, 52);
    for (const bool offline : {false, true}) {
      const auto out =
          offline ? fit_sequence(kLayout, s.xyz, s.vis, s.t, o, img, s.vis, kAspect) : run_online_image(s, img, o);
      std::size_t within = 0, within2 = 0, n = 0;
      for (std::size_t i = 10; i < s.frames; ++i)
        for (DofId d : kMain) {
          const double e = std::remainder(value(out[i].angles, d) - value(s.truth[i], d), 2 * std::numbers::pi);
          const double u = out[i].sigma_rad[index(d)];
          if (std::isnan(e) || std::isnan(u)) continue;
          ++n, within += std::abs(e) <= u, within2 += std::abs(e) <= 2 * u;
        }
      const double c1 = static_cast<double>(within) / static_cast<double>(n);
      const double c2 = static_cast<double>(within2) / static_cast<double>(n);
      std::printf("image + weighted, %s: %zu DoF-frames, %.1f %% within 1σ, %.1f %% within 2σ\n",
                  offline ? "offline" : "online", n, 100 * c1, 100 * c2);
      ASSERT_GT(n, 3000u);
      EXPECT_GE(c1, 0.55);
      EXPECT_LE(c1, 0.80);
      EXPECT_GE(c2, 0.85);
    }
  }
  for (const auto& [cls, want] : {std::pair{0, SwapRepair::whole_body}, std::pair{2, SwapRepair::legs}}) {
    Noise sw = nz;
    sw.swap_from = 100, sw.swap_to = 140, sw.swap_class = cls;
    const Sequence s = make_sequence(200, sw, 53);
    const auto out = run_online_image(s, image_of(s, sw, px, 54), o);
    std::size_t repaired = 0, false_alarms = 0;
    for (std::size_t i = 0; i < s.frames; ++i) {
      if (s.swapped[i])
        repaired += out[i].swap == want;
      else
        false_alarms += out[i].swap != SwapRepair::none;
    }
    EXPECT_GE(repaired, 39u) << to_string(want);
    EXPECT_LE(false_alarms, 1u) << to_string(want);
  }
  const Limits lim = Limits::defaults();
  const DofId rh = DofId::right_hip_flexion_extension, rk = DofId::right_knee_flexion_extension;
  struct Case {
    double hip, knee;
    DofId dof;
    Status want;
  };
  const double hip_ext = rad_to_deg(lim[rh].lower.radians) - 15, knee_flex = rad_to_deg(lim[rk].upper.radians) + 15;
  for (const Case c : {Case{hip_ext, knee_flex, rh, Status::below}, Case{hip_ext, knee_flex, rk, Status::above},
                       Case{0, -15, rk, Status::below}}) {
    const Sequence s = make_sequence(200, nz, 55, c.hip, c.knee);
    const std::vector<double> img = image_of(s, nz, px, 56);
    for (const bool offline : {false, true}) {
      const auto out =
          offline ? fit_sequence(kLayout, s.xyz, s.vis, s.t, o, img, s.vis, kAspect) : run_online_image(s, img, o);
      std::size_t beyond = 0, n = 0;
      double err = 0;
      for (std::size_t i = 10; i < s.frames; ++i) {
        ++n;
        beyond += check(out[i].angles.pose, lim)[c.dof].status == c.want;
        err += rad_to_deg(value(out[i].angles, c.dof) - value(s.truth[i], c.dof));
      }
      std::printf("%s at %.0f°, %s: beyond in %zu of %zu frames, mean error %.2f°\n",
                  std::string(to_string(c.dof)).c_str(), rad_to_deg(value(s.truth[20], c.dof)),
                  offline ? "offline" : "online", beyond, n, err / static_cast<double>(n));
      EXPECT_GE(beyond, n * 85 / 100) << to_string(c.dof);
      EXPECT_LT(std::abs(err / static_cast<double>(n)), 3.0) << to_string(c.dof);
    }
  }
  // No allocation per frame with the image landmarks; bad image input refused, the fitter unchanged.
  const Sequence s = make_sequence(60, nz, 57);
  const std::vector<double> img = image_of(s, nz, px, 58);
  SkeletonFitter a(kLayout, o), b(kLayout, o);
  const auto view = [&](std::size_t i) {
    return ImageKeypointView{kLayout, std::span<const double>(img.data() + i * kN * 2, kN * 2), s.visibility(i),
                             kAspect};
  };
  (void)a.update({kLayout, s.frame(0), s.visibility(0)}, view(0), s.t[0]);
  (void)b.update({kLayout, s.frame(0), s.visibility(0)}, view(0), s.t[0]);
  const long before = test_support::allocation_count.load();
  for (std::size_t i = 1; i < 30; ++i) {
    (void)a.update({kLayout, s.frame(i), s.visibility(i)}, view(i), s.t[i]);
    (void)b.update({kLayout, s.frame(i), s.visibility(i)}, view(i), s.t[i]);
  }
  EXPECT_EQ(test_support::allocation_count.load() - before, 0);
  std::vector<double> bad(img.begin() + 30 * kN * 2, img.begin() + 31 * kN * 2);
  bad[5] = std::numeric_limits<double>::infinity();
  EXPECT_THROW(
      (void)b.update({kLayout, s.frame(30), s.visibility(30)}, {kLayout, bad, s.visibility(30), kAspect}, s.t[30]),
      invalid_argument);
  EXPECT_THROW((void)b.update({kLayout, s.frame(30), s.visibility(30)},
                              {kLayout, std::span<const double>(bad).first(20), {}, kAspect}, s.t[30]),
               invalid_argument);
  EXPECT_THROW((void)b.update({kLayout, s.frame(30), s.visibility(30)}, {kLayout, view(30).xy, {}, 0.0}, s.t[30]),
               invalid_argument);
  EXPECT_THROW(
      (void)b.update({kLayout, s.frame(30), s.visibility(30)}, {Layout::coco17, view(30).xy, {}, kAspect}, s.t[30]),
      invalid_argument);
  FitterOptions no_depth = o;
  no_depth.depth_axis = -1;
  SkeletonFitter c(kLayout, no_depth);
  EXPECT_THROW((void)c.update({kLayout, s.frame(0), s.visibility(0)}, view(0), s.t[0]), invalid_argument);
  for (std::size_t i = 30; i < 60; ++i) {
    const FitResult ra = a.update({kLayout, s.frame(i), s.visibility(i)}, view(i), s.t[i]);
    const FitResult rb = b.update({kLayout, s.frame(i), s.visibility(i)}, view(i), s.t[i]);
    for (std::size_t d = 0; d < dof_count; ++d) {
      const double x = ra.angles.pose.as_radians()[static_cast<Eigen::Index>(d)];
      const double y = rb.angles.pose.as_radians()[static_cast<Eigen::Index>(d)];
      ASSERT_TRUE((std::isnan(x) && std::isnan(y)) || x == y) << i << " " << d;
    }
  }
}

TEST(Fitter, HostileImageFramesDoNotPoisonTheCamera) {
  // Image frames with every landmark at one point, absurd (±1e300) coordinates, NaN, or 3D points
  // 1e6 times too far, in frames 100–139 of the sequence of ImageLandmarksGiveTheLateralCoordinates:
  // every output is finite or unknown, and from frame 180 on the fit is as good as the fit of the same
  // sequence without them (the camera's κ, accumulated over the frames, was not moved by them).
  Noise nz;
  nz.lateral_factor = 2.0;
  const double px = kLateral * kFocalPx / 3.0;
  const Sequence s = make_sequence(360, nz, 61);
  const std::vector<double> img = image_of(s, nz, px, 62);
  const FitterOptions o = image_options(2.0, px);
  const auto clean = run_online_image(s, img, o);
  SkeletonFitter f(kLayout, o);
  std::vector<FitResult> hostile;
  std::mt19937 rng(63);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (std::size_t i = 0; i < s.frames; ++i) {
    std::vector<double> xy(img.begin() + static_cast<std::ptrdiff_t>(i * kN * 2),
                           img.begin() + static_cast<std::ptrdiff_t>((i + 1) * kN * 2));
    std::vector<double> xyz(s.frame(i).begin(), s.frame(i).end());
    if (i >= 100 && i < 140) {
      const double kind = u(rng);
      for (std::size_t k = 0; k < kN; ++k) {
        if (kind < 0.25) xy[2 * k] = 0.4, xy[2 * k + 1] = 0.6;
        if (kind >= 0.25 && kind < 0.5 && u(rng) < 0.3) xy[2 * k + 1] = (u(rng) < 0.5 ? -1 : 1) * 1e300;
        if (kind >= 0.5 && kind < 0.75 && u(rng) < 0.5) xy[2 * k] = std::nan("");
        if (kind >= 0.75 && u(rng) < 0.3) xyz[3 * k + 2] *= 1e6;
      }
    }
    hostile.push_back(f.update({kLayout, xyz, s.visibility(i)}, {kLayout, xy, s.visibility(i), kAspect}, s.t[i]));
    for (std::size_t d = 0; d < dof_count; ++d) {
      const double a = hostile.back().angles.pose.as_radians()[static_cast<Eigen::Index>(d)];
      const double sg = hostile.back().sigma_rad[d];
      if (std::isnan(a))
        EXPECT_TRUE(std::isnan(sg)) << "frame " << i;
      else
        EXPECT_TRUE(std::isfinite(a) && std::isfinite(sg) && sg >= 0) << "frame " << i;
    }
  }
  const auto later = [](std::size_t i) { return i >= 180; };
  for (DofId d : kMain) {
    if (!is_lower(d)) continue;
    const double a = rmse_deg(
        s, d, [&](std::size_t i) { return value(clean[i].angles, d); }, later);
    const double b = rmse_deg(
        s, d, [&](std::size_t i) { return value(hostile[i].angles, d); }, later);
    std::printf("%-36s after hostile image frames %5.2f°, without them %5.2f°\n", std::string(to_string(d)).c_str(), b,
                a);
    EXPECT_LT(b, 1.2 * a + 0.5) << to_string(d);
  }
}
