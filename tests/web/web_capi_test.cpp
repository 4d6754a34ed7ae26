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
#include <cmath>
#include <limits>
#include <string>

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
