// The C API gives exactly the C++ results on the same inputs: random poses with
// unknowns, against several limit sets (defaults, one source, tolerance, override, restriction).
#include <arthrokin/c_api.h>

#include <arthrokin/check.hpp>
#include <arthrokin/ergonomics.hpp>
#include <arthrokin/kinematics/fitter.hpp>
#include <arthrokin/kinematics/skeleton.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace ak = arthrokin;

namespace {

struct LimitsDeleter {
  void operator()(ak_limits* p) const noexcept { ak_limits_free(p); }
};
struct PoseDeleter {
  void operator()(ak_pose* p) const noexcept { ak_pose_free(p); }
};
struct ReportDeleter {
  void operator()(ak_report* p) const noexcept { ak_report_free(p); }
};
using LimitsPtr = std::unique_ptr<ak_limits, LimitsDeleter>;

struct Case {
  std::string name;
  ak::Limits cpp;
  LimitsPtr c;
};

std::vector<Case> cases() {
  std::vector<Case> out;
  auto add = [&](std::string name, ak::Limits cpp, ak_limits* c) {
    out.push_back({std::move(name), cpp, LimitsPtr(c)});
  };
  ak_limits* c = nullptr;
  EXPECT_EQ(ak_limits_defaults(&c), AK_OK);
  add("defaults", ak::Limits::defaults(), c);
  for (const char* src : {"AAOS", "AMA", "VA", "AAOS94"}) {
    EXPECT_EQ(ak_limits_from_source(src, &c), AK_OK);
    add(src, ak::Limits::from_source(src), c);
  }
  for (const char* ctx : {"passive", "active", "weight_bearing"}) {
    EXPECT_EQ(ak_limits_defaults_context(ctx, &c), AK_OK);
    add(std::string("context ") + ctx, ak::Limits::defaults(*ak::parse_context(ctx)), c);
  }
  EXPECT_EQ(ak_limits_defaults(&c), AK_OK);
  EXPECT_EQ(ak_limits_set_tolerance_deg(c, 5.0), AK_OK);
  EXPECT_EQ(ak_limits_override_deg(c, 20, -5.0, 60.0, "knee brace"), AK_OK);
  add("tolerance+override",
      ak::Limits::defaults()
          .with_tolerance(ak::degrees(5.0))
          .override_dof(ak::DofId::left_knee_flexion_extension, ak::degrees(-5.0), ak::degrees(60.0), "knee brace"),
      c);
  EXPECT_EQ(ak_limits_from_source("AAOS", &c), AK_OK);
  const char* joints[] = {"hip", "lumbar", "thoracic"};
  EXPECT_EQ(ak_limits_restrict(c, joints, 3), AK_OK);
  add("restrict", ak::Limits::from_source("AAOS").restrict_to({ak::Joint::hip, ak::Joint::lumbar, ak::Joint::thoracic}),
      c);
  return out;
}

std::vector<double> random_poses(std::size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> angle(-3.0, 3.0);  // radians: within and far out of range
  std::bernoulli_distribution unknown(0.2);
  std::vector<double> rows(n * ak::dof_count);
  for (auto& v : rows) v = unknown(rng) ? std::nan("") : angle(rng);
  return rows;
}

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

// Values on the limits of `L`: exactly on each bound, at ± tolerance, one ulp beyond, NaN.
std::vector<double> boundary_poses(const ak::Limits& L, std::size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> angle(-3.0, 3.0);
  const double tol = L.tolerance_radians();
  std::vector<double> rows(n * ak::dof_count);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& l = L[static_cast<ak::DofId>(i % ak::dof_count)];
    const double lo = l.lower.radians, hi = l.upper.radians;
    const double beyond_lo = std::nextafter(lo - tol, -9.0), beyond_hi = std::nextafter(hi + tol, 9.0);
    const double choices[] = {lo, hi, lo - tol, hi + tol, beyond_lo, beyond_hi, std::nan(""), angle(rng)};
    const double v = choices[rng() % std::size(choices)];
    rows[i] = std::isnan(v) && rng() % 2 ? angle(rng) : v;  // a DoF without that bound: a number or NaN
  }
  return rows;
}

TEST(capi, equals_cpp_on_random_poses) {
  constexpr std::size_t n = 400;
  const auto rows = random_poses(n, 7);
  for (auto& cs : cases()) {
    SCOPED_TRACE(cs.name);
    std::vector<std::uint8_t> verdicts(n), statuses(n * ak::dof_count);
    ASSERT_EQ(ak_check_many(cs.c.get(), rows.data(), n, verdicts.data(), statuses.data()), AK_OK);
    for (std::size_t i = 0; i < n; ++i) {
      const double* row = rows.data() + i * ak::dof_count;
      const auto pose = ak::Pose::from_radians(Eigen::Map<const ak::PoseVector>(row));
      const auto expected = ak::check(pose, cs.cpp);

      ak_pose* p = nullptr;
      ASSERT_EQ(ak_pose_from_radians(row, ak::dof_count, &p), AK_OK);
      std::unique_ptr<ak_pose, PoseDeleter> pose_c(p);
      ak_report* r = nullptr;
      ASSERT_EQ(ak_check(p, cs.c.get(), &r), AK_OK);
      std::unique_ptr<ak_report, ReportDeleter> report(r);

      int verdict = -1, out_count = -1, unknown = -1;
      ASSERT_EQ(ak_report_summary(r, &verdict, &out_count, &unknown), AK_OK);
      EXPECT_EQ(verdict, static_cast<int>(expected.overall));
      EXPECT_EQ(verdicts[i], static_cast<std::uint8_t>(expected.overall));
      EXPECT_EQ(out_count, static_cast<int>(expected.out_of_range_count));
      EXPECT_EQ(unknown, static_cast<int>(expected.unknown_count));
      for (std::size_t k = 0; k < ak::dof_count; ++k) {
        const auto d = static_cast<ak::DofId>(k);
        const auto& e = expected[d];
        ak_dof_result got{};
        ASSERT_EQ(ak_report_dof(r, static_cast<int>(k), &got), AK_OK);
        EXPECT_EQ(got.status, static_cast<int>(e.status));
        EXPECT_EQ(statuses[i * ak::dof_count + k], static_cast<std::uint8_t>(e.status));
        EXPECT_TRUE(same(got.value_deg, std::isnan(e.value) ? e.value : ak::rad_to_deg(e.value)));
        EXPECT_EQ(got.excess_deg, ak::rad_to_deg(e.excess));
        EXPECT_TRUE(same(got.lower_deg, std::isnan(cs.cpp[d].lower.radians) ? cs.cpp[d].lower.radians
                                                                            : ak::rad_to_deg(cs.cpp[d].lower.radians)));
        EXPECT_TRUE(same(got.upper_deg, std::isnan(cs.cpp[d].upper.radians) ? cs.cpp[d].upper.radians
                                                                            : ak::rad_to_deg(cs.cpp[d].upper.radians)));
        if (e.out_of_range()) {
          const auto b = ak::deciding_bound(expected, e);
          EXPECT_EQ(got.limit_deg, ak::rad_to_deg(b.radians));
          EXPECT_EQ(std::string(got.source), std::string(b.source));
        }
        if (i < 20) {  // sentences are slower: the first poses of each case
          std::size_t needed = 0;
          ASSERT_EQ(ak_report_sentence(r, static_cast<int>(k), nullptr, 0, &needed), AK_OK);
          std::string s(needed + 1, '\0');
          ASSERT_EQ(ak_report_sentence(r, static_cast<int>(k), s.data(), s.size(), nullptr), AK_OK);
          s.resize(needed);
          EXPECT_EQ(s, ak::describe(expected, d));
        }
      }
    }
  }
}

TEST(capi, check_many_equals_cpp_on_boundary_values) {
  constexpr std::size_t n = 3000;
  for (auto& cs : cases()) {
    SCOPED_TRACE(cs.name);
    const auto rows = boundary_poses(cs.cpp, n, 11);
    std::vector<std::uint8_t> verdicts(n, 0xFF), statuses(n * ak::dof_count, 0xFF), verdicts_only(n, 0xFF);
    ASSERT_EQ(ak_check_many(cs.c.get(), rows.data(), n, verdicts.data(), statuses.data()), AK_OK);
    ASSERT_EQ(ak_check_many(cs.c.get(), rows.data(), n, verdicts_only.data(), nullptr), AK_OK);
    EXPECT_EQ(verdicts_only, verdicts);
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto r =
          ak::check(ak::Pose::from_radians(Eigen::Map<const ak::PoseVector>(rows.data() + i * ak::dof_count)), cs.cpp);
      if (verdicts[i] != static_cast<std::uint8_t>(r.overall) && ++mismatches <= 5)
        ADD_FAILURE() << "pose " << i << ": verdict " << int(verdicts[i]) << ", check() " << int(r.overall);
      for (std::size_t k = 0; k < ak::dof_count; ++k)
        if (statuses[i * ak::dof_count + k] != static_cast<std::uint8_t>(r.dofs[k].status) && ++mismatches <= 5)
          ADD_FAILURE() << "pose " << i << ", DoF " << k << ": status " << int(statuses[i * ak::dof_count + k])
                        << ", check() " << int(r.dofs[k].status);
    }
    EXPECT_EQ(mismatches, 0u);
  }
}

TEST(capi, check_many_infinity_names_the_first_pose_and_writes_nothing) {
  ak_limits* c = nullptr;
  ASSERT_EQ(ak_limits_defaults(&c), AK_OK);
  const LimitsPtr limits(c);
  constexpr std::size_t n = 50000;
  auto rows = random_poses(n, 3);
  rows[40000 * ak::dof_count + 2] = -std::numeric_limits<double>::infinity();
  rows[31234 * ak::dof_count + 38] = std::numeric_limits<double>::infinity();
  std::vector<std::uint8_t> verdicts(n, 0xAB), statuses(n * ak::dof_count, 0xAB);
  ASSERT_EQ(ak_check_many(limits.get(), rows.data(), n, verdicts.data(), statuses.data()), AK_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(std::string(ak_last_error_message()),
            "ak_check_many: pose 31234, right_subtalar_inversion_eversion is infinite (NaN means unknown)");
  EXPECT_EQ(std::count(verdicts.begin(), verdicts.end(), 0xAB), static_cast<std::ptrdiff_t>(n));
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 0xAB), static_cast<std::ptrdiff_t>(statuses.size()));
}

TEST(capi, set_by_name_equals_cpp_set) {
  ak_pose* p = nullptr;
  ASSERT_EQ(ak_pose_new(&p), AK_OK);
  std::unique_ptr<ak_pose, PoseDeleter> pose(p);
  ASSERT_EQ(ak_pose_set_deg_by_name(p, "left hip external rotation", 30.0), AK_OK);
  double v = 0;
  ASSERT_EQ(ak_pose_get_deg(p, static_cast<int>(ak::index(ak::DofId::left_hip_internal_external_rotation)), &v), AK_OK);
  EXPECT_DOUBLE_EQ(v, -30.0);  // external rotation is the negative direction (dof.hpp)
}

TEST(capi, error_message_is_per_thread) {
  int index = 0;
  ASSERT_EQ(ak_dof_index("no_such_dof", &index, nullptr), AK_ERR_UNKNOWN_NAME);
  std::string other;
  std::thread t([&] { other = ak_last_error_message(); });
  t.join();
  EXPECT_EQ(other, "");
  EXPECT_NE(std::string(ak_last_error_message()).find("no_such_dof"), std::string::npos);
}

}  // namespace

TEST(capi, fitter_equals_cpp) {
  // A noisy synthetic BlazePose stream: the C fitter gives the C++ fitter's angles, uncertainties,
  // swap repairs and states exactly.
  const ak::Skeleton sk = ak::skeleton_from_height(1.7);
  std::mt19937 rng(3);
  std::normal_distribution<double> g(0.0, 0.02);
  ak_fitter* c = nullptr;
  ASSERT_EQ(ak_fitter_new("blazepose33", &c), AK_OK);
  ak::SkeletonFitter cpp(ak::Layout::blazepose33);
  std::vector<double> angles(ak::dof_count), sigma(ak::dof_count);
  for (int i = 0; i < 120; ++i) {
    const double t = i / 30.0;
    ak::Pose p;
    p.set(ak::DofId::right_knee_flexion_extension, ak::degrees(40 + 30 * std::sin(t)));
    p.set(ak::DofId::left_elbow_flexion_extension, ak::degrees(60 + 30 * std::cos(t)));
    auto xyz = ak::synthesize_keypoints(ak::Layout::blazepose33, sk, p);
    for (double& v : xyz) v += g(rng);
    if (i >= 50 && i < 60) std::fill(xyz.begin(), xyz.end(), std::nan(""));  // lost
    int swap = -1, state = -1;
    ASSERT_EQ(ak_fitter_update(c, xyz.data(), nullptr, t, angles.data(), sigma.data(), &swap, &state), AK_OK);
    const ak::FitResult r = cpp.update({ak::Layout::blazepose33, xyz}, t);
    for (std::size_t d = 0; d < ak::dof_count; ++d) {
      const double a = r.angles.pose.as_radians()[static_cast<Eigen::Index>(d)];
      EXPECT_TRUE(a == angles[d] || (std::isnan(a) && std::isnan(angles[d]))) << i << " " << d;
      EXPECT_TRUE(r.sigma_rad[d] == sigma[d] || (std::isnan(r.sigma_rad[d]) && std::isnan(sigma[d]))) << i;
    }
    EXPECT_EQ(swap, static_cast<int>(r.swap));
    EXPECT_EQ(state, static_cast<int>(r.state));
  }
  ak_fitter_free(c);
}

TEST(capi, fitter_with_image_equals_cpp) {
  // The same stream with its image landmarks (an orthographic view of the noisy points, 3:4): the C
  // fitter gives the C++ fitter's angles and uncertainties exactly; a bad aspect ratio is refused
  // with the outputs unchanged.
  const ak::Skeleton sk = ak::skeleton_from_height(1.7);
  std::mt19937 rng(4);
  std::normal_distribution<double> g(0.0, 0.02);
  ak_fitter* c = nullptr;
  ASSERT_EQ(ak_fitter_new("blazepose33", &c), AK_OK);
  ak::SkeletonFitter cpp(ak::Layout::blazepose33);
  std::vector<double> angles(ak::dof_count), sigma(ak::dof_count);
  for (int i = 0; i < 90; ++i) {
    const double t = i / 30.0;
    ak::Pose p;
    p.set(ak::DofId::right_knee_flexion_extension, ak::degrees(40 + 30 * std::sin(t)));
    auto xyz = ak::synthesize_keypoints(ak::Layout::blazepose33, sk, p);
    for (double& v : xyz) v += g(rng);
    std::vector<double> xy(66);
    for (std::size_t k = 0; k < 33; ++k) xy[2 * k] = 0.5 + xyz[3 * k] / 1.5, xy[2 * k + 1] = 0.5 - xyz[3 * k + 1] / 2.0;
    int swap = -1, state = -1;
    ASSERT_EQ(ak_fitter_update_with_image(c, xyz.data(), nullptr, xy.data(), nullptr, 0.75, t, angles.data(),
                                          sigma.data(), &swap, &state),
              AK_OK);
    const ak::FitResult r = cpp.update({ak::Layout::blazepose33, xyz}, {ak::Layout::blazepose33, xy, {}, 0.75}, t);
    for (std::size_t d = 0; d < ak::dof_count; ++d) {
      const double a = r.angles.pose.as_radians()[static_cast<Eigen::Index>(d)];
      EXPECT_TRUE(a == angles[d] || (std::isnan(a) && std::isnan(angles[d]))) << i << " " << d;
      EXPECT_TRUE(r.sigma_rad[d] == sigma[d] || (std::isnan(r.sigma_rad[d]) && std::isnan(sigma[d]))) << i;
    }
    EXPECT_EQ(swap, static_cast<int>(r.swap));
    EXPECT_EQ(state, static_cast<int>(r.state));
    if (i == 89) {
      const std::vector<double> before = angles;
      EXPECT_EQ(ak_fitter_update_with_image(c, xyz.data(), nullptr, xy.data(), nullptr, 0.0, t + 1, angles.data(),
                                            sigma.data(), &swap, &state),
                AK_ERR_INVALID_ARGUMENT);
      for (std::size_t d = 0; d < ak::dof_count; ++d)
        EXPECT_TRUE(before[d] == angles[d] || (std::isnan(before[d]) && std::isnan(angles[d]))) << d;
      EXPECT_EQ(ak_fitter_update_with_image(c, xyz.data(), nullptr, nullptr, nullptr, 0.75, t + 1, angles.data(),
                                            sigma.data(), &swap, &state),
                AK_ERR_NULL_ARGUMENT);
    }
  }
  ak_fitter_free(c);
}

TEST(capi, fit_sequence_equals_cpp) {
  // The offline fit of a noisy synthetic BlazePose recording with a lost stretch: ak_fit_sequence
  // gives arthrokin::fit_sequence's angles, uncertainties, swaps and states exactly.
  const ak::Skeleton sk = ak::skeleton_from_height(1.7);
  std::mt19937 rng(5);
  std::normal_distribution<double> g(0.0, 0.02);
  const std::size_t frames = 90, n = 33;
  std::vector<double> xyz, vis, times;
  for (std::size_t i = 0; i < frames; ++i) {
    const double t = static_cast<double>(i) / 30.0;
    ak::Pose p;
    p.set(ak::DofId::right_knee_flexion_extension, ak::degrees(40 + 30 * std::sin(t)));
    auto f = ak::synthesize_keypoints(ak::Layout::blazepose33, sk, p);
    for (double& v : f) v += g(rng);
    if (i >= 40 && i < 50) std::fill(f.begin(), f.end(), std::nan(""));
    xyz.insert(xyz.end(), f.begin(), f.end());
    for (std::size_t k = 0; k < n; ++k) vis.push_back(0.9);
    times.push_back(t);
  }
  std::vector<double> angles(frames * ak::dof_count), sigma(frames * ak::dof_count);
  std::vector<int> swap(frames, -1), state(frames, -1);
  ASSERT_EQ(ak_fit_sequence("blazepose33", xyz.data(), vis.data(), times.data(), frames, angles.data(), sigma.data(),
                            swap.data(), state.data()),
            AK_OK);
  const auto cpp = ak::fit_sequence(ak::Layout::blazepose33, xyz, vis, times);
  std::size_t lost = 0;
  for (std::size_t i = 0; i < frames; ++i) {
    for (std::size_t d = 0; d < ak::dof_count; ++d) {
      const double a = cpp[i].angles.pose.as_radians()[static_cast<Eigen::Index>(d)];
      const double c = angles[i * ak::dof_count + d], s = sigma[i * ak::dof_count + d];
      EXPECT_TRUE(a == c || (std::isnan(a) && std::isnan(c))) << i << " " << d;
      EXPECT_TRUE(cpp[i].sigma_rad[d] == s || (std::isnan(cpp[i].sigma_rad[d]) && std::isnan(s))) << i;
    }
    EXPECT_EQ(swap[i], static_cast<int>(cpp[i].swap));
    EXPECT_EQ(state[i], static_cast<int>(cpp[i].state));
    lost += state[i] == 2;
  }
  EXPECT_EQ(lost, 10u);
  // Bad input: refused, naming the frame, nothing written; an unknown layout; frames = 0.
  times[7] = times[6];
  angles[0] = 7.0;
  EXPECT_EQ(ak_fit_sequence("blazepose33", xyz.data(), nullptr, times.data(), frames, angles.data(), nullptr, nullptr,
                            nullptr),
            AK_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(ak_last_error_message()).find("frame 7"), std::string::npos) << ak_last_error_message();
  EXPECT_EQ(angles[0], 7.0);
  EXPECT_EQ(
      ak_fit_sequence("nope", xyz.data(), nullptr, times.data(), frames, angles.data(), nullptr, nullptr, nullptr),
      AK_ERR_UNKNOWN_NAME);
  EXPECT_EQ(ak_fit_sequence("coco17", nullptr, nullptr, nullptr, 0, nullptr, nullptr, nullptr, nullptr), AK_OK);
  EXPECT_EQ(ak_fit_sequence("coco17", nullptr, nullptr, times.data(), 3, angles.data(), nullptr, nullptr, nullptr),
            AK_ERR_NULL_ARGUMENT);
}

// ak_reba gives the C++ reba() score, step by step, on random poses and option sets (unknown DoFs included).
TEST(capi, reba_equals_cpp_on_random_poses) {
  std::mt19937 rng(15);
  std::uniform_real_distribution<double> deg(-100.0, 160.0);
  std::uniform_int_distribution<int> coin(0, 9);
  for (int k = 0; k < 500; ++k) {
    ak_pose* p = nullptr;
    ASSERT_EQ(ak_pose_new(&p), AK_OK);
    arthrokin::Pose cpp;
    for (arthrokin::DofId d : arthrokin::all_dofs) {
      if (coin(rng) == 0) continue;  // about one DoF in ten unknown
      const double v = deg(rng);
      ASSERT_EQ(ak_pose_set_deg(p, static_cast<int>(arthrokin::index(d)), v), AK_OK);
      cpp.set(d, arthrokin::degrees(v));
    }
    ak_reba_options o;
    ASSERT_EQ(ak_reba_options_init(&o), AK_OK);
    o.side = 1 + k % 2;
    o.legs = k % 3;
    o.load_kg = (k % 4) * 4.0;
    o.coupling = k % 4;
    o.repeated = k % 5 == 0;
    o.threshold_deg = (k % 3) * 5.0;
    ak_reba_result r;
    ASSERT_EQ(ak_reba(p, &o, &r), AK_OK);
    arthrokin::RebaOptions co;
    co.side = o.side == 1 ? arthrokin::Side::left : arthrokin::Side::right;
    co.legs = o.legs == 1   ? arthrokin::RebaLegs::sitting
              : o.legs == 2 ? arthrokin::RebaLegs::unilateral
                            : arthrokin::RebaLegs::bilateral;
    co.load_kg = o.load_kg;
    co.coupling = static_cast<arthrokin::RebaCoupling>(o.coupling);
    co.repeated = o.repeated != 0;
    const arthrokin::Angle th = arthrokin::degrees(o.threshold_deg);
    co.trunk_upright_tolerance = co.twist_threshold = co.side_bend_threshold = th;
    co.arm_abduction_threshold = co.wrist_deviation_threshold = th;
    const arthrokin::RebaScore s = arthrokin::reba(cpp, co);
    EXPECT_EQ(r.score, s.score);
    EXPECT_EQ(r.trunk, s.trunk);
    EXPECT_EQ(r.upper_arm, s.upper_arm);
    EXPECT_EQ(r.score_a, s.score_a);
    EXPECT_EQ(r.score_b, s.score_b);
    EXPECT_EQ(r.missing_dof, s.missing ? static_cast<int>(arthrokin::index(*s.missing)) : -1);
    EXPECT_EQ(r.action_level, s.known() ? arthrokin::reba_action(s.score)->level : -1);
    ak_pose_free(p);
  }
  ak_pose* p = nullptr;
  ASSERT_EQ(ak_pose_new(&p), AK_OK);
  ak_reba_options bad;
  ak_reba_options_init(&bad);
  bad.load_kg = -1;
  ak_reba_result r;
  EXPECT_EQ(ak_reba(p, &bad, &r), AK_ERR_INVALID_ARGUMENT);
  bad.load_kg = 0;
  bad.side = 0;
  EXPECT_EQ(ak_reba(p, &bad, &r), AK_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(ak_reba(nullptr, nullptr, &r), AK_ERR_NULL_ARGUMENT);
  EXPECT_EQ(ak_reba(p, nullptr, &r), AK_OK);  // the defaults; nothing observed: unknown, not an error
  EXPECT_EQ(r.score, 0);
  EXPECT_EQ(r.missing_dof, static_cast<int>(arthrokin::index(arthrokin::DofId::thoracic_flexion_extension)));
  ak_pose_free(p);
}
