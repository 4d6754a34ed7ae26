// libFuzzer target: the C API's per-frame path (c_api.h: ak_keypoint_angles, ak_rotation_angles,
// ak_pose_set_radians, ak_pose_set_thoracolumbar_rad, ak_check_into, ak_check_many_thoracolumbar)
// on arbitrary doubles (NaN, ±inf, denormals, huge), layouts and frame counts out of range,
// NULL outputs (docs/fuzzing.md). A separate target from `capi`, so that the inputs of that
// target's corpus and regressions keep their meaning.
//
// Contract (c_api.h): every call returns an ak_error in 0..4, never AK_ERR_INTERNAL or
// AK_ERR_NO_MEMORY; on failure nothing is written (the output buffers keep their sentinel) and
// the message is not empty; on success a DoF is NaN exactly where its status is not
// observed/observed_with_assumption; ak_check_many_thoracolumbar agrees with ak_check_into pose
// by pose.
#include "fuzz_util.hpp"

#include <arthrokin/c_api.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace {

constexpr double sentinel = 12345.5;

void check_code(ak_error e) {
  const auto v = static_cast<int>(e);
  FUZZ_CHECK(v >= 0 && v <= 4);
  if (e != AK_OK) FUZZ_CHECK(ak_last_error_message()[0] != '\0');
}

double a_double(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange<int>(0, 7)) {
    case 0:
      return std::numeric_limits<double>::quiet_NaN();
    case 1:
      return in.ConsumeBool() ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
    case 2:
      return std::numeric_limits<double>::denorm_min();
    case 3:
      return in.ConsumeBool() ? 1e300 : -1e300;
    case 4:
      return in.ConsumeFloatingPoint<double>();
    default:
      return in.ConsumeFloatingPointInRange<double>(-2.0, 2.0);
  }
}

bool usable(std::uint8_t s) { return s == AK_DOF_OBSERVED || s == AK_DOF_OBSERVED_WITH_ASSUMPTION; }

// Success: NaN exactly where not usable. Failure: the sentinels are untouched.
void check_outputs(ak_error e, const std::vector<double>& rad, const std::vector<std::uint8_t>& st,
                   const std::vector<double>& tl, const std::vector<std::uint8_t>& tst, bool with_status) {
  if (e != AK_OK) {
    for (double v : rad) FUZZ_CHECK(v == sentinel);
    for (double v : tl) FUZZ_CHECK(v == sentinel);
    for (std::uint8_t v : st) FUZZ_CHECK(v == 0xEE);
    return;
  }
  if (!with_status) return;
  for (std::size_t i = 0; i < rad.size(); ++i) FUZZ_CHECK(std::isnan(rad[i]) == !usable(st[i]));
  for (std::size_t i = 0; i < tl.size(); ++i) FUZZ_CHECK(std::isnan(tl[i]) == !usable(tst[i]));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const auto n_dofs = static_cast<std::size_t>(ak_dof_count());
  ak_limits* limits = nullptr;
  ak_pose* pose = nullptr;
  ak_report* report = nullptr;
  FUZZ_CHECK(ak_limits_defaults(&limits) == AK_OK && ak_pose_new(&pose) == AK_OK && ak_report_new(&report) == AK_OK);
  int steps = 0;
  while (in.remaining_bytes() > 0 && ++steps < 16) {
    const std::size_t frames = in.ConsumeIntegralInRange<std::size_t>(0, 3);
    const bool with_status = in.ConsumeBool(), with_tl = in.ConsumeBool();
    std::vector<double> rad(frames * n_dofs, sentinel), tl(with_tl ? frames * 3 : 0, sentinel);
    std::vector<std::uint8_t> st(with_status ? frames * n_dofs : 0, 0xEE),
        tst(with_status && with_tl ? frames * 3 : 0, 0xEE);
    switch (in.ConsumeIntegralInRange<int>(0, 3)) {
      case 0: {  // keypoints of a layout (sometimes not one)
        const int layout = in.ConsumeIntegralInRange<int>(0, 9) == 0 ? in.ConsumeIntegral<int>()
                                                                     : in.ConsumeIntegralInRange<int>(0, 3);
        const std::size_t k = ak_layout_keypoint_count(layout);
        FUZZ_CHECK((k != 0) == (layout >= 0 && layout <= 3));
        std::vector<double> xyz((k ? k : 1) * 3 * frames), vis((k ? k : 1) * frames);
        for (auto& v : xyz) v = in.ConsumeBool() ? a_double(in) : in.ConsumeFloatingPointInRange<double>(-1, 1);
        for (auto& v : vis) v = in.ConsumeBool() ? a_double(in) : in.ConsumeFloatingPointInRange<double>(0, 1);
        const double min_vis = in.ConsumeBool() ? a_double(in) : 0.5;
        const ak_error e = ak_keypoint_angles(layout, xyz.data(), frames, in.ConsumeBool() ? vis.data() : nullptr,
                                              min_vis, in.ConsumeBool(), rad.data(), with_status ? st.data() : nullptr,
                                              with_tl ? tl.data() : nullptr, tst.empty() ? nullptr : tst.data());
        check_code(e);
        if (frames > 0) check_outputs(e, rad, st, tl, tst, with_status);
        break;
      }
      case 1: {  // segment rotations: never an error (bad quaternions are statuses)
        std::vector<double> q(16 * 4 * frames);
        for (auto& v : q) v = a_double(in);
        const ak_error e = ak_rotation_angles(q.data(), frames, rad.data(), with_status ? st.data() : nullptr,
                                              with_tl ? tl.data() : nullptr, tst.empty() ? nullptr : tst.data());
        check_code(e);
        FUZZ_CHECK(e == AK_OK);
        check_outputs(e, rad, st, tl, tst, with_status);
        break;
      }
      default: {  // angles (+ totals) -> pose -> report, and the batch over the same rows
        std::vector<double> rows(frames * n_dofs), totals(frames * 3);
        for (auto& v : rows)
          v = in.ConsumeIntegralInRange<int>(0, 3) ? in.ConsumeFloatingPointInRange<double>(-3, 3) : a_double(in);
        for (auto& v : totals) v = in.ConsumeBool() ? std::numeric_limits<double>::quiet_NaN() : a_double(in);
        std::vector<std::uint8_t> verdicts(frames, 0xEE);
        const ak_error batch =
            ak_check_many_thoracolumbar(limits, rows.data(), totals.data(), frames, verdicts.data(), nullptr);
        check_code(batch);
        if (batch != AK_OK)
          for (auto v : verdicts) FUZZ_CHECK(v == 0xEE);
        bool any_error = false;
        for (std::size_t f = 0; f < frames; ++f) {
          double before = 0, after = 0;
          FUZZ_CHECK(ak_pose_get_deg(pose, 0, &before) == AK_OK);
          const ak_error e1 = ak_pose_set_radians(pose, rows.data() + f * n_dofs, n_dofs);
          check_code(e1);
          FUZZ_CHECK(ak_pose_get_deg(pose, 0, &after) == AK_OK);
          if (e1 != AK_OK) FUZZ_CHECK(fuzz::same_bits(before, after));  // nothing lost
          const ak_error e2 = ak_pose_set_thoracolumbar_rad(pose, totals.data() + f * 3);
          check_code(e2);
          any_error = any_error || e1 != AK_OK || e2 != AK_OK;
          if (e1 != AK_OK || e2 != AK_OK) continue;
          check_code(ak_check_into(pose, limits, report));
          int verdict = -1;
          FUZZ_CHECK(ak_report_summary(report, &verdict, nullptr, nullptr) == AK_OK);
          if (batch == AK_OK) FUZZ_CHECK(verdict == verdicts[f]);
        }
        FUZZ_CHECK((batch != AK_OK) == any_error);  // the same ±∞ rule, per pose and for the batch
        break;
      }
    }
  }
  ak_report_free(report);
  ak_pose_free(pose);
  ak_limits_free(limits);
  return 0;
}
