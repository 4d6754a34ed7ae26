// The C API gives exactly the C++ results on the same inputs: random poses with
// unknowns, against several limit sets (defaults, one source, tolerance, override, restriction).
#include <arthrokin/arthrokin.h>

#include <arthrokin/check.hpp>

#include <gtest/gtest.h>

#include <cmath>
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
          const auto& b = expected.violated_bound(e);
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
