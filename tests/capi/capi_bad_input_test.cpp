// The C API rows of the bad-input catalogue (docs/bad-input.md): every class of bad input a C
// caller can give, with the outcome it must get. One table; a changed outcome fails its row.
#include <arthrokin/c_api.h>
#include <arthrokin/detail/text.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace {

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();
constexpr double denormal = std::numeric_limits<double>::denorm_min();

/// A limits handle and a pose handle that each row may use (fresh for each row).
struct Handles {
  ak_limits* limits = nullptr;
  ak_pose* pose = nullptr;
  Handles() {
    EXPECT_EQ(ak_limits_defaults(&limits), AK_OK);
    EXPECT_EQ(ak_pose_new(&pose), AK_OK);
  }
  ~Handles() {
    ak_pose_free(pose);
    ak_limits_free(limits);
  }
  Handles(const Handles&) = delete;
  Handles& operator=(const Handles&) = delete;
};

struct Row {
  const char* name;                        // the class of bad input
  std::function<ak_error(Handles&)> call;  // the call that receives it
  ak_error expected;                       // the code it must return
  const char* message;                     // a substring of ak_last_error_message() (naming the argument)
};

int dof_of(const char* name) {
  int index = -1;
  EXPECT_EQ(ak_dof_index(name, &index, nullptr), AK_OK) << name;
  return index;
}

const std::vector<Row>& rows() {
  static const std::vector<Row> table = {
      // Null pointers and handles.
      {"null out pointer", [](Handles&) { return ak_limits_defaults(nullptr); }, AK_ERR_NULL_ARGUMENT, "out"},
      {"null pose",
       [](Handles& h) {
         ak_report* r = nullptr;
         return ak_check(nullptr, h.limits, &r);
       },
       AK_ERR_NULL_ARGUMENT, "pose"},
      {"null limits",
       [](Handles& h) {
         ak_report* r = nullptr;
         return ak_check(h.pose, nullptr, &r);
       },
       AK_ERR_NULL_ARGUMENT, "limits"},
      {"null DoF name",
       [](Handles&) {
         int i;
         return ak_dof_index(nullptr, &i, nullptr);
       },
       AK_ERR_NULL_ARGUMENT, "name"},
      {"null radians array",
       [](Handles&) {
         ak_pose* p = nullptr;
         return ak_pose_from_radians(nullptr, static_cast<std::size_t>(ak_dof_count()), &p);
       },
       AK_ERR_NULL_ARGUMENT, "radians"},
      // Numbers that are not angles.
      {"NaN degrees", [](Handles& h) { return ak_pose_set_deg(h.pose, 0, nan_v); }, AK_ERR_INVALID_ARGUMENT, ""},
      {"+inf degrees", [](Handles& h) { return ak_pose_set_deg(h.pose, 0, inf_v); }, AK_ERR_INVALID_ARGUMENT, ""},
      {"-inf radians", [](Handles& h) { return ak_pose_set_rad(h.pose, 0, -inf_v); }, AK_ERR_INVALID_ARGUMENT, ""},
      {"denormal degrees is a number", [](Handles& h) { return ak_pose_set_deg(h.pose, 0, denormal); }, AK_OK, ""},
      {"infinite row in a pose array",
       [](Handles&) {
         std::vector<double> r(static_cast<std::size_t>(ak_dof_count()), nan_v);
         r[3] = inf_v;
         ak_pose* p = nullptr;
         const auto e = ak_pose_from_radians(r.data(), r.size(), &p);
         ak_pose_free(p);
         return e;
       },
       AK_ERR_INVALID_ARGUMENT, ""},
      {"infinite value in a batch",
       [](Handles& h) {
         std::vector<double> r(2 * static_cast<std::size_t>(ak_dof_count()), 0.0);
         r.back() = -inf_v;
         std::vector<std::uint8_t> v(2);
         return ak_check_many(h.limits, r.data(), 2, v.data(), nullptr);
       },
       AK_ERR_INVALID_ARGUMENT, ""},
      {"NaN tolerance", [](Handles& h) { return ak_limits_set_tolerance_deg(h.limits, nan_v); },
       AK_ERR_INVALID_ARGUMENT, ""},
      {"negative tolerance", [](Handles& h) { return ak_limits_set_tolerance_deg(h.limits, -1); },
       AK_ERR_INVALID_ARGUMENT, ""},
      {"override lower above upper", [](Handles& h) { return ak_limits_override_deg(h.limits, 0, 10, -10, "x"); },
       AK_ERR_INVALID_ARGUMENT, ""},
      {"override with NaN", [](Handles& h) { return ak_limits_override_deg(h.limits, 0, nan_v, 10, "x"); },
       AK_ERR_INVALID_ARGUMENT, ""},
      // Wrong sizes and indices.
      {"pose array one value short",
       [](Handles&) {
         std::vector<double> r(static_cast<std::size_t>(ak_dof_count()) - 1, 0.0);
         ak_pose* p = nullptr;
         return ak_pose_from_radians(r.data(), r.size(), &p);
       },
       AK_ERR_INVALID_ARGUMENT, " values, got "},
      {"DoF index -1", [](Handles& h) { return ak_pose_set_deg(h.pose, -1, 0); }, AK_ERR_OUT_OF_RANGE, "-1"},
      {"DoF index = count", [](Handles& h) { return ak_pose_set_deg(h.pose, ak_dof_count(), 0); }, AK_ERR_OUT_OF_RANGE,
       ""},
      {"report DoF out of range",
       [](Handles& h) {
         ak_report* r = nullptr;
         EXPECT_EQ(ak_check(h.pose, h.limits, &r), AK_OK);
         ak_dof_result d;
         const auto e = ak_report_dof(r, 1000, &d);
         ak_report_free(r);
         return e;
       },
       AK_ERR_OUT_OF_RANGE, "1000"},
      // Unknown names, including bytes that are not UTF-8.
      {"unknown DoF name",
       [](Handles&) {
         int i;
         return ak_dof_index("left elbow flying", &i, nullptr);
       },
       AK_ERR_UNKNOWN_NAME, "left elbow flying"},
      {"DoF name in Latin-1",
       [](Handles&) {
         int i;
         return ak_dof_index(
             "l\xE9"
             "ft hip flexion",
             &i, nullptr);
       },
       AK_ERR_UNKNOWN_NAME, "\\xe9"},
      {"unknown source key",
       [](Handles&) {
         ak_limits* l = nullptr;
         return ak_limits_from_source("NOPE", &l);
       },
       AK_ERR_UNKNOWN_NAME, "NOPE"},
      {"unknown joint in restrict",
       [](Handles& h) {
         const char* joints[] = {"hip", "tail"};
         return ak_limits_restrict(h.limits, joints, 2);
       },
       AK_ERR_UNKNOWN_NAME, "tail"},
      {"set by unknown name", [](Handles& h) { return ak_pose_set_deg_by_name(h.pose, "nose flexion", 3); },
       AK_ERR_UNKNOWN_NAME, "nose flexion"},

      // The per-frame path (keypoints / rotations -> angles -> report; issue 16).
      {"keypoints: null xyz",
       [](Handles&) {
         std::vector<double> out(ak_dof_count());
         return ak_keypoint_angles(AK_LAYOUT_COCO17, nullptr, 1, nullptr, 0.5, 0, out.data(), nullptr, nullptr,
                                   nullptr);
       },
       AK_ERR_NULL_ARGUMENT, "xyz"},
      {"keypoints: null radians",
       [](Handles&) {
         std::vector<double> xyz(17 * 3, 0.0);
         return ak_keypoint_angles(AK_LAYOUT_COCO17, xyz.data(), 1, nullptr, 0.5, 0, nullptr, nullptr, nullptr,
                                   nullptr);
       },
       AK_ERR_NULL_ARGUMENT, "radians"},
      {"keypoints: layout not an ak_layout",
       [](Handles&) {
         std::vector<double> xyz(33 * 3, 0.0), out(ak_dof_count());
         return ak_keypoint_angles(4, xyz.data(), 1, nullptr, 0.5, 0, out.data(), nullptr, nullptr, nullptr);
       },
       AK_ERR_OUT_OF_RANGE, "layout 4"},
      {"keypoints: infinite coordinate",
       [](Handles&) {
         std::vector<double> xyz(2 * 17 * 3, 0.1), out(2 * ak_dof_count());
         xyz[(17 + 7) * 3 + 1] = -inf_v;
         return ak_keypoint_angles(AK_LAYOUT_COCO17, xyz.data(), 2, nullptr, 0.5, 0, out.data(), nullptr, nullptr,
                                   nullptr);
       },
       AK_ERR_INVALID_ARGUMENT, "frame 1, keypoint 7: coordinate y is infinite"},
      {"keypoints: visibility above 1",
       [](Handles&) {
         std::vector<double> xyz(17 * 3, 0.1), vis(17, 1.0), out(ak_dof_count());
         vis[3] = 1.5;
         return ak_keypoint_angles(AK_LAYOUT_COCO17, xyz.data(), 1, vis.data(), 0.5, 0, out.data(), nullptr, nullptr,
                                   nullptr);
       },
       AK_ERR_INVALID_ARGUMENT, "frame 0, keypoint 3: visibility 1.5 is not in [0, 1]"},
      {"keypoints: NaN visibility",
       [](Handles&) {
         std::vector<double> xyz(17 * 3, 0.1), vis(17, 1.0), out(ak_dof_count());
         vis[16] = nan_v;
         return ak_keypoint_angles(AK_LAYOUT_COCO17, xyz.data(), 1, vis.data(), 0.5, 0, out.data(), nullptr, nullptr,
                                   nullptr);
       },
       AK_ERR_INVALID_ARGUMENT, "keypoint 16: visibility nan"},
      {"keypoints: min_visibility NaN",
       [](Handles&) {
         std::vector<double> xyz(17 * 3, 0.1), out(ak_dof_count());
         return ak_keypoint_angles(AK_LAYOUT_COCO17, xyz.data(), 1, nullptr, nan_v, 0, out.data(), nullptr, nullptr,
                                   nullptr);
       },
       AK_ERR_INVALID_ARGUMENT, "min_visibility"},
      {"unknown layout name",
       [](Handles&) {
         int l = -1;
         return ak_layout_from_name("openpose25", &l);
       },
       AK_ERR_UNKNOWN_NAME, "openpose25"},
      {"rotations: null quaternions",
       [](Handles&) {
         std::vector<double> out(ak_dof_count());
         return ak_rotation_angles(nullptr, 1, out.data(), nullptr, nullptr, nullptr);
       },
       AK_ERR_NULL_ARGUMENT, "quaternions"},
      {"set radians: wrong count",
       [](Handles& h) {
         std::vector<double> r(38, 0.0);
         return ak_pose_set_radians(h.pose, r.data(), r.size());
       },
       AK_ERR_INVALID_ARGUMENT, "expected 39 radians, got 38"},
      {"set radians: infinity",
       [](Handles& h) {
         std::vector<double> r(ak_dof_count(), 0.0);
         r[5] = inf_v;
         return ak_pose_set_radians(h.pose, r.data(), r.size());
       },
       AK_ERR_INVALID_ARGUMENT, "thoracic_axial_rotation is infinite (NaN means unknown)"},
      {"thoracolumbar total infinite",
       [](Handles& h) {
         const double t[3] = {0.1, nan_v, -inf_v};
         return ak_pose_set_thoracolumbar_rad(h.pose, t);
       },
       AK_ERR_INVALID_ARGUMENT, "thoracolumbar axial_rotation is infinite"},
      {"check into: null report", [](Handles& h) { return ak_check_into(h.pose, h.limits, nullptr); },
       AK_ERR_NULL_ARGUMENT, "report"},
      {"check many thoracolumbar: infinite total",
       [](Handles& h) {
         std::vector<double> r(2 * ak_dof_count(), nan_v), t(6, nan_v);
         std::vector<uint8_t> v(2, 99);
         t[4] = inf_v;
         return ak_check_many_thoracolumbar(h.limits, r.data(), t.data(), 2, v.data(), nullptr);
       },
       AK_ERR_INVALID_ARGUMENT, "pose 1, thoracolumbar lateral_flexion is infinite"},
      {"bvh: missing file",
       [](Handles&) {
         ak_bvh_angles* b = nullptr;
         return ak_bvh_angles_read("/nonexistent/walk.bvh", &b);
       },
       AK_ERR_IO, "no such file"},
      {"bvh: a directory",
       [](Handles&) {
         ak_bvh_angles* b = nullptr;
         return ak_bvh_angles_read("/tmp", &b);
       },
       AK_ERR_IO, "is a directory"},
      {"bvh: null path",
       [](Handles&) {
         ak_bvh_angles* b = nullptr;
         return ak_bvh_angles_read(nullptr, &b);
       },
       AK_ERR_NULL_ARGUMENT, "path"},
  };
  return table;
}

class CapiBadInput : public ::testing::TestWithParam<std::size_t> {};

TEST_P(CapiBadInput, GetsItsCatalogueOutcome) {
  const Row& row = rows()[GetParam()];
  Handles h;
  const ak_error got = row.call(h);
  EXPECT_EQ(got, row.expected) << row.name << ": got " << ak_error_name(got) << ": " << ak_last_error_message();
  if (row.expected != AK_OK) {
    const std::string msg = ak_last_error_message();
    EXPECT_NE(msg.find(row.message), std::string::npos) << row.name << ": message '" << msg << "'";
    EXPECT_TRUE(arthrokin::detail::valid_utf8(msg)) << row.name << ": message is not UTF-8";
  }
}

INSTANTIATE_TEST_SUITE_P(Catalogue, CapiBadInput, ::testing::Range<std::size_t>(0, rows().size()),
                         [](const auto& info) {
                           std::string n = rows()[info.param].name;
                           for (auto& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

TEST(CapiBadInput, ErrorNamesOfEveryCodeAreStaticStrings) {
  for (int code = -3; code < 1000; ++code) {
    const char* n = ak_error_name(static_cast<ak_error>(code));
    ASSERT_NE(n, nullptr) << code;
    EXPECT_GT(std::strlen(n), 0u) << code;
  }
}

TEST(CapiBadInput, AReportOutlivesItsLimitsAndPose) {
  Handles h;
  ASSERT_EQ(ak_pose_set_deg(h.pose, dof_of("left hip internal rotation"), 52), AK_OK);
  ak_report* r = nullptr;
  ASSERT_EQ(ak_check(h.pose, h.limits, &r), AK_OK);
  ak_limits_free(h.limits), h.limits = nullptr;
  ak_pose_free(h.pose), h.pose = nullptr;
  std::size_t needed = 0;
  ASSERT_EQ(ak_report_describe(r, nullptr, 0, &needed), AK_OK);
  std::string s(needed, '\0');
  ASSERT_EQ(ak_report_describe(r, s.data(), s.size() + 1, &needed), AK_OK);
  EXPECT_NE(s.find("internal rotation"), std::string::npos);
  ak_report_free(r);
}

}  // namespace
