// The WebAssembly module's C ABI (wasm/src/arthrokin_web.h), compiled natively: no allocation per
// frame, the name tables are the library's, bad input is refused with a message and leaves the
// session usable, unobserved is unknown (NaN), never 0. (Its equality with the WebAssembly build:
// tests/web/equal_test.js.)
#include "arthrokin_web.h"
#include "support/allocation_counter.hpp"

#include <arthrokin/check.hpp>
#include <arthrokin/dof.hpp>
#include <arthrokin/io/keypoints_csv.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>
#include <utility>
#include <vector>

namespace {

arthrokin::io::KeypointTable trial() {
  return arthrokin::io::read_keypoints_csv(
      std::string(ARTHROKIN_DATA_DIR) + "/samples/blazepose_world/balancing_trial_cam01_world.csv",
      arthrokin::Layout::blazepose33);
}

void load(akw_session* s, const arthrokin::KeypointView& v) {
  std::copy(v.xyz.begin(), v.xyz.end(), akw_input_xyz(s));
  std::copy(v.visibility.begin(), v.visibility.end(), akw_input_visibility(s));
}

int field(int table, const char* name) {
  for (int i = 0; akw_name(table, i); ++i)
    if (std::string(akw_name(table, i)) == name) return i;
  return -1;
}

}  // namespace

TEST(WebCapi, NoAllocationPerFrame) {
  const auto table = trial();
  for (int fit : {0, 1}) {
    akw_session* s = akw_create(fit, 0);
    ASSERT_NE(s, nullptr);
    long allocations = 0;
    for (int loop = 0; loop < 3; ++loop)  // 300 frames: acquisition, tracking, out-of-band intervals
      for (std::size_t f = 0; f < table.frames; ++f) {
        load(s, table.frame(f));
        const long before = test_support::allocation_count;
        ASSERT_EQ(akw_frame(s, static_cast<double>(loop * table.frames + f) / 60.0, 1), 0) << akw_error(s);
        allocations += test_support::allocation_count - before;
      }
    EXPECT_EQ(allocations, 0) << "fit " << fit;
    akw_destroy(s);
  }
}

TEST(WebCapi, NameTablesAreTheLibrarys) {
  ASSERT_EQ(akw_count(AKW_TABLE_DOF), static_cast<int>(arthrokin::dof_count));
  for (std::size_t i = 0; i < arthrokin::dof_count; ++i)
    EXPECT_EQ(akw_name(AKW_TABLE_DOF, static_cast<int>(i)), arthrokin::to_string(static_cast<arthrokin::DofId>(i)));
  ASSERT_EQ(akw_count(AKW_TABLE_STATUS), static_cast<int>(arthrokin::status_count));
  EXPECT_EQ(std::string(akw_name(AKW_TABLE_STATUS, 6)), "possibly_below");
  EXPECT_EQ(akw_count(AKW_TABLE_VERDICT), static_cast<int>(arthrokin::verdict_count));
  EXPECT_EQ(akw_count(AKW_TABLE_PHASE), 4);
  EXPECT_EQ(akw_name(AKW_TABLE_DOF, -1), nullptr);
  EXPECT_EQ(akw_name(99, 0), nullptr);
  // The output's blocks hold every field of every DoF, band and cue.
  akw_session* s = akw_create(1, 0);
  EXPECT_EQ(akw_offset_dofs(), akw_count(AKW_TABLE_HEADER_FIELDS));
  EXPECT_EQ(akw_offset_bands(),
            akw_offset_dofs() + static_cast<int>(arthrokin::dof_count) * akw_count(AKW_TABLE_DOF_FIELDS));
  EXPECT_GE(akw_offset_cues(), akw_offset_bands() + akw_count(AKW_TABLE_BAND_ID) * akw_count(AKW_TABLE_BAND_FIELDS));
  EXPECT_EQ(akw_output_size(s), akw_offset_cues() + akw_max_cues() * akw_count(AKW_TABLE_CUE_FIELDS));
  EXPECT_EQ(std::string(akw_name(AKW_TABLE_BAND_ID, 0)), "thoracolumbar_rotation");
  akw_destroy(s);
}

TEST(WebCapi, BadInputIsRefusedAndTheSessionGoesOn) {
  const auto table = trial();
  akw_session* s = akw_create(1, 0);
  const int ok = field(AKW_TABLE_HEADER_FIELDS, "ok");
  const int frames = field(AKW_TABLE_HEADER_FIELDS, "frames");
  load(s, table.frame(0));
  ASSERT_EQ(akw_frame(s, 0.0, 1), 0);
  load(s, table.frame(1));
  EXPECT_EQ(akw_frame(s, 0.0, 1), 1);  // the time does not increase
  EXPECT_NE(std::string(akw_error(s)), "");
  EXPECT_EQ(akw_output(s)[ok], 0.0);
  akw_input_visibility(s)[3] = 1.5;
  EXPECT_EQ(akw_frame(s, 0.1, 1), 1);
  EXPECT_NE(std::string(akw_error(s)).find("visibility"), std::string::npos) << akw_error(s);
  akw_input_xyz(s)[0] = std::numeric_limits<double>::infinity();
  akw_input_visibility(s)[3] = 1.0;
  EXPECT_EQ(akw_frame(s, 0.1, 1), 1);
  load(s, table.frame(1));
  ASSERT_EQ(akw_frame(s, 0.1, 1), 0) << akw_error(s);
  EXPECT_EQ(std::string(akw_error(s)), "");
  EXPECT_EQ(akw_output(s)[ok], 1.0);
  EXPECT_EQ(akw_output(s)[frames], 2.0);  // the refused frames did not reach the monitor
  akw_destroy(s);
}

TEST(WebCapi, NoPersonIsUnknownNotZero) {
  for (int fit : {0, 1}) {
    akw_session* s = akw_create(fit, 0);
    std::fill(akw_input_xyz(s), akw_input_xyz(s) + 99, std::numeric_limits<double>::quiet_NaN());
    std::fill(akw_input_visibility(s), akw_input_visibility(s) + 33, 0.0);
    ASSERT_EQ(akw_frame(s, 0.0, 1), 0) << akw_error(s);
    const double* out = akw_output(s);
    EXPECT_EQ(akw_name(AKW_TABLE_VERDICT, static_cast<int>(out[field(AKW_TABLE_HEADER_FIELDS, "verdict")])),
              std::string("unknown"));
    EXPECT_EQ(akw_name(AKW_TABLE_PHASE, static_cast<int>(out[field(AKW_TABLE_HEADER_FIELDS, "phase")])),
              std::string("unknown"));
    EXPECT_TRUE(std::isnan(out[field(AKW_TABLE_HEADER_FIELDS, "phase_signal_deg")]));
    const int n = akw_count(AKW_TABLE_DOF_FIELDS);
    for (std::size_t d = 0; d < arthrokin::dof_count; ++d) {
      EXPECT_TRUE(std::isnan(out[akw_offset_dofs() + static_cast<int>(d) * n])) << d;
      EXPECT_EQ(out[akw_offset_dofs() + static_cast<int>(d) * n + field(AKW_TABLE_DOF_FIELDS, "check_status")],
                static_cast<double>(arthrokin::Status::unknown));
    }
    akw_destroy(s);
  }
}

namespace {

// BlazePose index of each COCO-17 keypoint (layout.hpp: the two layouts' roles).
constexpr std::array<int, 17> coco_from_blazepose{0, 2, 5, 7, 8, 11, 12, 13, 14, 15, 16, 23, 24, 25, 26, 27, 28};

void load_coco(akw_session* s, const arthrokin::KeypointView& v) {
  for (std::size_t k = 0; k < coco_from_blazepose.size(); ++k) {
    const auto b = static_cast<std::size_t>(coco_from_blazepose[k]);
    for (std::size_t a = 0; a < 3; ++a) akw_input_xyz(s)[3 * k + a] = v.xyz[3 * b + a];
    akw_input_visibility(s)[k] = v.visibility[b];
  }
}

// A session from text and number options; null with akw_last_error on failure.
struct Options {
  std::vector<std::pair<const char*, const char*>> text;
  std::vector<std::pair<const char*, double>> numbers;
};
akw_session* create(const Options& opt) {
  akw_options* o = akw_options_new();
  for (const auto& [k, v] : opt.text) EXPECT_EQ(akw_options_set(o, k, v), 0) << k;
  for (const auto& [k, v] : opt.numbers) EXPECT_EQ(akw_options_set_number(o, k, v), 0) << k;
  akw_session* s = akw_create_with(o);
  akw_options_free(o);
  return s;
}

std::string dof_status(akw_session* s, const char* dof) {
  const int d = field(AKW_TABLE_DOF, dof);
  const double x = akw_output(
      s)[akw_offset_dofs() + d * akw_count(AKW_TABLE_DOF_FIELDS) + field(AKW_TABLE_DOF_FIELDS, "check_status")];
  return akw_name(AKW_TABLE_STATUS, static_cast<int>(x));
}

// Check one left elbow flexion (degrees; every other DoF unknown) with the session's limits.
std::string elbow_status(akw_session* s, double flexion_deg) {
  std::fill(akw_input_angles(s), akw_input_angles(s) + arthrokin::dof_count, std::numeric_limits<double>::quiet_NaN());
  akw_input_angles(s)[field(AKW_TABLE_DOF, "left_elbow_flexion_extension")] = flexion_deg * std::numbers::pi / 180.0;
  EXPECT_EQ(akw_angles(s, 0.0, static_cast<int>(arthrokin::dof_count)), 0) << akw_error(s);
  return dof_status(s, "left_elbow_flexion_extension");
}

}  // namespace

TEST(WebCapi, UnknownOptionsAreRefusedWithNoSession) {
  struct Case {
    Options options;
    const char* message;  // a part of the error
  };
  const std::vector<Case> cases{
      {{{{"layout", "coco18"}}, {}}, "unknown layout 'coco18' (blazepose33, coco17, h36m17, smpl24)"},
      {{{{"source", "AAOS95"}}, {}}, "unknown source key 'AAOS95'"},
      {{{{"context", "seated"}}, {}}, "unknown context 'seated' (unspecified, passive, active, weight_bearing)"},
      {{{{"input_kind", "sonar"}}, {{"fit", 0}}}, "unknown input_kind 'sonar'"},
      {{{{"source", "AAOS94"}, {"context", "active"}}, {}}, "a context chooses among the default norms"},
      {{{{"source", "AAOS94"}, {"profile", "{}"}}, {}}, "either a profile or a source"},
      {{{{"profile", "{\"tolerance_deg\": -1}"}}, {}}, "tolerance_deg"},
      {{{{"profile", "{\"source\": \"AAOS95\"}"}}, {}}, "unknown source key"},
      {{{}, {{"uncertainty_deg", 3}}}, "apply with the fitter off"},
      {{{{"input_kind", "imu"}}, {{"fit", 0}, {"uncertainty_deg", 3}}}, "either uncertainty_deg or input_kind"},
      {{{}, {{"tolerance_deg", -1}}}, "tolerance_deg must be"},
      {{{}, {{"fit", 0}, {"uncertainty_deg", std::numeric_limits<double>::infinity()}}}, "uncertainty_deg must be"},
      {{{}, {{"coverage", 0}}}, "coverage must be"},
      {{{}, {{"monitor", 2}}}, "monitor must be 0 or 1"},
  };
  for (const Case& c : cases) {
    akw_session* s = create(c.options);
    EXPECT_EQ(s, nullptr) << c.message;
    EXPECT_NE(std::string(akw_last_error()).find(c.message), std::string::npos) << akw_last_error();
    akw_destroy(s);
  }
  akw_options* o = akw_options_new();
  EXPECT_EQ(akw_options_set(o, "layuot", "coco17"), 1);
  EXPECT_NE(std::string(akw_last_error()).find("unknown text option 'layuot'"), std::string::npos);
  EXPECT_EQ(akw_options_set_number(o, "tolerance", 2), 1);
  EXPECT_NE(std::string(akw_last_error()).find("unknown number option 'tolerance'"), std::string::npos);
  akw_options_override(o, "left_elbow_flexion", -5, 140, nullptr);
  EXPECT_EQ(akw_create_with(o), nullptr);
  EXPECT_NE(std::string(akw_last_error()).find("unknown DoF 'left_elbow_flexion'"), std::string::npos);
  akw_options_free(o);
  o = akw_options_new();
  akw_options_override(o, "left_elbow_flexion_extension", 140, -5, nullptr);
  EXPECT_EQ(akw_create_with(o), nullptr);
  EXPECT_NE(std::string(akw_last_error()).find("lower_deg < upper_deg"), std::string::npos) << akw_last_error();
  akw_options_free(o);
  // The names the options accept are the module's tables.
  EXPECT_EQ(akw_count(AKW_TABLE_LAYOUT), 4);
  EXPECT_EQ(std::string(akw_name(AKW_TABLE_CONTEXT, 3)), "weight_bearing");
  EXPECT_EQ(std::string(akw_name(AKW_TABLE_INPUT_KIND, 3)), "monocular_keypoints");
  EXPECT_GT(akw_count(AKW_TABLE_SOURCE), 10);
  for (int i = 0; i < akw_count(AKW_TABLE_SOURCE); ++i) {  // every listed source makes a session
    akw_session* s = create({{{"source", akw_name(AKW_TABLE_SOURCE, i)}}, {}});
    EXPECT_NE(s, nullptr) << akw_name(AKW_TABLE_SOURCE, i) << ": " << akw_last_error();
    akw_destroy(s);
  }
}

TEST(WebCapi, WrongSizeIsRefusedAndTheSessionGoesOn) {
  const auto table = trial();
  for (int fit : {0, 1}) {
    akw_session* s = create({{{"layout", "coco17"}}, {{"fit", fit}}});
    ASSERT_NE(s, nullptr) << akw_last_error();
    EXPECT_EQ(akw_point_count(s), 17);
    EXPECT_EQ(std::string(akw_name(AKW_TABLE_LAYOUT, akw_layout(s))), "coco17");
    load_coco(s, table.frame(0));
    EXPECT_EQ(akw_frame_sized(s, 0.0, 99, 33), 1);  // BlazePose's sizes
    EXPECT_NE(std::string(akw_error(s)).find("layout coco17 has 17 keypoints: xyz must hold 51 numbers (got 99)"),
              std::string::npos)
        << akw_error(s);
    EXPECT_EQ(akw_output(s)[field(AKW_TABLE_HEADER_FIELDS, "ok")], 0.0);
    EXPECT_EQ(akw_frame_sized(s, 0.0, 51, 33), 1);
    EXPECT_EQ(akw_angles(s, 0.0, 38), 1);  // and a wrong angle count
    for (std::size_t f = 0; f < 3; ++f) {
      load_coco(s, table.frame(f));
      ASSERT_EQ(akw_frame_sized(s, static_cast<double>(f) / 60.0, 51, f == 1 ? 0 : 17), 0) << akw_error(s);
    }
    const double* out = akw_output(s);
    EXPECT_EQ(out[field(AKW_TABLE_HEADER_FIELDS, "ok")], 1.0);
    EXPECT_EQ(out[field(AKW_TABLE_HEADER_FIELDS, "frames")], 3.0);  // the refused frames did not reach the monitor
    EXPECT_GT(out[field(AKW_TABLE_HEADER_FIELDS, "observed_count")], 0.0);
    akw_destroy(s);
  }
}

// A source's limits change a verdict where the reference table says they should:
// data/reference/rom_norms.csv, elbow flexion: AAOS94 150° (V, the default set's first source for the
// upper limb), AMA 140° (V). 145° of flexion is within the default range and above AMA's.
TEST(WebCapi, ASourcesLimitsChangeTheVerdict) {
  akw_session* d = create({{}, {{"fit", 0}}});
  akw_session* ama = create({{{"source", "AMA"}}, {{"fit", 0}}});
  akw_session* ama_profile = create({{{"profile", "{\"source\": \"AMA\"}"}}, {{"fit", 0}}});
  ASSERT_TRUE(d && ama && ama_profile) << akw_last_error();
  EXPECT_EQ(elbow_status(d, 145.0), "within");
  EXPECT_EQ(elbow_status(ama, 145.0), "above");
  EXPECT_EQ(elbow_status(ama_profile, 145.0), "above");
  EXPECT_EQ(elbow_status(ama, 139.0), "within");
  EXPECT_EQ(elbow_status(d, 151.0), "above");
  EXPECT_EQ(std::string(akw_name(AKW_TABLE_VERDICT,
                                 static_cast<int>(akw_output(ama)[field(AKW_TABLE_HEADER_FIELDS, "verdict")]))),
            "within_range_partial");  // the last check: 139°
  // A tolerance of 6°: 145 <= 140 + 6. An uncertainty u = 3° with k = 2: the excess 5° <= U = 6°.
  akw_session* tol = create({{{"source", "AMA"}}, {{"fit", 0}, {"tolerance_deg", 6}}});
  akw_session* unc = create({{{"source", "AMA"}}, {{"fit", 0}, {"uncertainty_deg", 3}, {"coverage", 2}}});
  akw_session* unc1 = create({{{"source", "AMA"}}, {{"fit", 0}, {"uncertainty_deg", 2}, {"coverage", 2}}});
  ASSERT_TRUE(tol && unc && unc1) << akw_last_error();
  EXPECT_EQ(elbow_status(tol, 145.0), "within");
  EXPECT_EQ(elbow_status(unc, 145.0), "possibly_above");
  EXPECT_EQ(elbow_status(unc1, 145.0), "above");  // 5° > U = 4°
  // An override on top of the default set.
  akw_options* o = akw_options_new();
  akw_options_set_number(o, "fit", 0);
  akw_options_override(o, "left_elbow_flexion_extension", -5.0, 120.0, "after an elbow fracture");
  akw_session* ov = akw_create_with(o);
  akw_options_free(o);
  ASSERT_NE(ov, nullptr) << akw_last_error();
  EXPECT_EQ(elbow_status(ov, 125.0), "above");
  EXPECT_EQ(elbow_status(ov, 115.0), "within");
  for (akw_session* s : {d, ama, ama_profile, tol, unc, unc1, ov}) akw_destroy(s);
  // A session that runs the fitter takes keypoints only.
  akw_session* f = akw_create(1, 0);
  EXPECT_EQ(akw_angles(f, 0.0, static_cast<int>(arthrokin::dof_count)), 1);
  EXPECT_NE(std::string(akw_error(f)).find("fit"), std::string::npos);
  akw_destroy(f);
}

TEST(WebCapi, MonitorOffIsUnknownAndAnglesGivenAreChecked) {
  const auto table = trial();
  akw_session* s = create({{}, {{"fit", 0}, {"monitor", 0}}});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(akw_monitors(s), 0);
  load(s, table.frame(0));
  ASSERT_EQ(akw_frame(s, 0.0, 1), 0);
  const double* out = akw_output(s);
  for (const char* h : {"phase", "repetitions", "frames", "cue_count", "time_left_s"})
    EXPECT_TRUE(std::isnan(out[field(AKW_TABLE_HEADER_FIELDS, h)])) << h;
  EXPECT_TRUE(std::isnan(out[akw_offset_bands()]));
  EXPECT_EQ(akw_cue_count(s), 0);
  // Angles given: the unknown ones have no angle status (no reason is known), the given ones are observed.
  std::fill(akw_input_angles(s), akw_input_angles(s) + arthrokin::dof_count, std::numeric_limits<double>::quiet_NaN());
  akw_input_angles(s)[0] = 0.1;
  ASSERT_EQ(akw_angles(s, 0.1, static_cast<int>(arthrokin::dof_count)), 0);
  const int n = akw_count(AKW_TABLE_DOF_FIELDS), st = field(AKW_TABLE_DOF_FIELDS, "angle_status");
  EXPECT_EQ(out[akw_offset_dofs() + st], 0.0);  // observed
  EXPECT_TRUE(std::isnan(out[akw_offset_dofs() + n + st]));
  EXPECT_EQ(out[field(AKW_TABLE_HEADER_FIELDS, "observed_count")], 1.0);
  akw_input_angles(s)[1] = std::numeric_limits<double>::infinity();
  EXPECT_EQ(akw_angles(s, 0.2, static_cast<int>(arthrokin::dof_count)), 1);
  akw_destroy(s);
}

TEST(WebCapi, NoAllocationPerFrameWithOptions) {
  const auto table = trial();
  const std::vector<Options> sets{
      {{{"layout", "coco17"}}, {{"fit", 1}}},
      {{{"layout", "coco17"}, {"source", "AMA"}}, {{"fit", 0}, {"uncertainty_deg", 2}, {"monitor", 0}}},
      {{{"context", "weight_bearing"}, {"input_kind", "monocular_keypoints"}}, {{"fit", 0}, {"tolerance_deg", 3}}},
      {{{"profile", "{\"source\": \"VA\", \"tolerance_deg\": 2}"}}, {{"fit", 1}}},
  };
  for (std::size_t k = 0; k < sets.size(); ++k) {
    akw_session* s = create(sets[k]);
    ASSERT_NE(s, nullptr) << akw_last_error();
    const bool coco = akw_point_count(s) == 17;
    long allocations = 0;
    for (int loop = 0; loop < 2; ++loop)
      for (std::size_t f = 0; f < table.frames; ++f) {
        coco ? load_coco(s, table.frame(f)) : load(s, table.frame(f));
        const double t = static_cast<double>(loop * table.frames + f) / 60.0;
        const long before = test_support::allocation_count;
        ASSERT_EQ(akw_frame_sized(s, t, 3 * akw_point_count(s), akw_point_count(s)), 0) << akw_error(s);
        if (!akw_fits(s)) {  // angles given directly, and a refused size (the module's own message)
          std::fill(akw_input_angles(s), akw_input_angles(s) + arthrokin::dof_count, 0.05);
          ASSERT_EQ(akw_angles(s, t + 1e-3, static_cast<int>(arthrokin::dof_count)), 0) << akw_error(s);
          ASSERT_EQ(akw_frame_sized(s, t + 2e-3, 3, 0), 1);
        }
        allocations += test_support::allocation_count - before;
      }
    EXPECT_EQ(allocations, 0) << "option set " << k;
    akw_destroy(s);
  }
}
