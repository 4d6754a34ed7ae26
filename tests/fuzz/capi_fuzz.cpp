// libFuzzer target: the C API (include/arthrokin/c_api.h) driven by fuzz bytes: names
// (DoF, source, joint; dictionary words or raw bytes), angles and tolerances as arbitrary
// doubles (NaN, ±inf, denormals, huge), DoF indices and counts out of range, NULL arguments,
// buffer capacities from 0 up (docs/fuzzing.md).
//
// Input: a little program; each step is an opcode byte and its operands (FuzzedDataProvider).
// Contract (c_api.h): every call returns an ak_error in 0..6 and never AK_ERR_INTERNAL
// or AK_ERR_NO_MEMORY; on failure the handle output is NULL and ak_last_error_message() is
// not empty; text output is the prefix of the full text, NUL-terminated, within capacity
// (the buffers are exactly `capacity` bytes: ASan catches a byte more); names are static
// NUL-terminated strings; ak_check_many agrees with ak_check pose by pose.
#include "fuzz_util.hpp"

#include <arthrokin/c_api.h>
#include <arthrokin/joint.hpp>
#include <arthrokin/sources.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

extern "C" const char* fuzz_ak_error_name(int code);  // capi_fuzz_c.c

namespace {

constexpr std::string_view extra_names[] = {"left hip internal rotation",
                                            "right knee flexion",
                                            "LEFT_HIP_FLEXION_EXTENSION",
                                            "cervical axial rotation to the right",
                                            "left hip extension",
                                            "user",
                                            "default",
                                            "AAOS94",
                                            "hip",
                                            "knee",
                                            "",
                                            " ",
                                            "left  hip   flexion",
                                            "left\xC2\xA0hip flexion",
                                            "\xFF\xFE"};

std::string a_name(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange<int>(0, 4)) {
    case 0:
      return std::string(
          arthrokin::detail::dof_ids[in.ConsumeIntegralInRange<std::size_t>(0, arthrokin::dof_count - 1)]);
    case 1:
      return std::string(arthrokin::detail::source_rows[in.ConsumeIntegralInRange<std::size_t>(
                                                            0, arthrokin::detail::source_rows.size() - 1)]
                             .key);
    case 2:
      return std::string(
          arthrokin::joint_names[in.ConsumeIntegralInRange<std::size_t>(0, arthrokin::joint_names.size() - 1)]);
    case 3:
      return std::string(extra_names[in.ConsumeIntegralInRange<std::size_t>(0, std::size(extra_names) - 1)]);
    default:
      return in.ConsumeRandomLengthString(64);
  }
}

int a_dof(FuzzedDataProvider& in) {
  if (in.ConsumeIntegralInRange<int>(0, 7) == 0) return in.ConsumeIntegral<int>();  // anything
  return in.ConsumeIntegralInRange<int>(-1, ak_dof_count());                        // mostly valid
}

void check_code(ak_error e) {
  const auto v = static_cast<int>(e);
  FUZZ_CHECK(v >= 0 && v <= 6);
  FUZZ_CHECK(e != AK_ERR_INTERNAL);   // an unexpected exception inside the library
  FUZZ_CHECK(e != AK_ERR_NO_MEMORY);  // nothing here allocates much
  if (e != AK_OK) FUZZ_CHECK(ak_last_error_message()[0] != '\0');
}

bool nul_terminated(const char* s) { return s != nullptr && std::strlen(s) < 4096; }

// A text call with a buffer of exactly `capacity` bytes; checks the snprintf-style contract.
template <class F>
void text_call(FuzzedDataProvider& in, F&& call) {
  size_t full = 0;
  const ak_error e0 = call(nullptr, 0, &full);
  check_code(e0);
  if (e0 != AK_OK) return;
  std::vector<char> whole(full + 1);
  size_t n2 = 0;
  check_code(call(whole.data(), whole.size(), &n2));
  FUZZ_CHECK(n2 == full && std::strlen(whole.data()) == full);
  const size_t capacity = in.ConsumeIntegralInRange<size_t>(0, full + 2);
  std::unique_ptr<char[]> buf(capacity ? new char[capacity] : nullptr);
  if (capacity) std::memset(buf.get(), 'x', capacity);
  size_t needed = 12345;
  check_code(call(buf.get(), capacity, in.ConsumeBool() ? &needed : nullptr));
  if (capacity) {
    const size_t len = std::min(capacity - 1, full);
    FUZZ_CHECK(buf[len] == '\0');
    FUZZ_CHECK(std::memcmp(buf.get(), whole.data(), len) == 0);
  }
}

struct State {
  ak_limits* limits[2] = {nullptr, nullptr};
  ak_pose* pose[2] = {nullptr, nullptr};
  ak_report* report = nullptr;
  ~State() {
    for (auto* l : limits) ak_limits_free(l);
    for (auto* p : pose) ak_pose_free(p);
    ak_report_free(report);
  }
};

// Replace *slot with the result of a constructor call (and check the failure contract).
template <class T, class F, class Free>
void construct(T*& slot, F&& make, Free&& free_fn) {
  T* out = reinterpret_cast<T*>(std::uintptr_t{0x1});  // not NULL: a failure must reset it
  const ak_error e = make(&out);
  check_code(e);
  if (e != AK_OK) {
    FUZZ_CHECK(out == nullptr);
    return;
  }
  FUZZ_CHECK(out != nullptr);
  free_fn(slot);
  slot = out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  State s;
  const int n_dofs = ak_dof_count();
  FUZZ_CHECK(n_dofs == 39);
  int steps = 0;
  while (in.remaining_bytes() > 0 && ++steps < 32) {
    const int op = in.ConsumeIntegralInRange<int>(0, 17);
    const int li = in.ConsumeBool(), pi = in.ConsumeBool();
    ak_limits*& L = s.limits[li];
    ak_pose*& P = s.pose[pi];
    switch (op) {
      case 0:
        construct(
            L, [](ak_limits** o) { return ak_limits_defaults(o); }, ak_limits_free);
        break;
      case 1: {
        const std::string key = a_name(in);
        construct(
            L, [&](ak_limits** o) { return ak_limits_from_source(key.c_str(), o); }, ak_limits_free);
        break;
      }
      case 2: {
        const ak_limits* from = s.limits[1 - li];
        construct(
            L, [&](ak_limits** o) { return ak_limits_clone(from, o); }, ak_limits_free);
        break;
      }
      case 3:
        check_code(ak_limits_set_tolerance_deg(L, fuzz::any_double(in)));
        break;
      case 4: {
        const int dof = a_dof(in);
        const double lo = fuzz::any_double(in), hi = fuzz::any_double(in);
        const std::string reason = in.ConsumeRandomLengthString(100);
        const ak_error e = ak_limits_override_deg(L, dof, lo, hi, in.ConsumeBool() ? reason.c_str() : nullptr);
        check_code(e);
        if (e == AK_OK) {
          double l2 = 0, h2 = 0;
          check_code(ak_limits_get_deg(L, dof, &l2, &h2));
          FUZZ_CHECK(std::isfinite(l2) && std::isfinite(h2) && l2 < h2);
        }
        break;
      }
      case 5: {
        std::vector<std::string> names(in.ConsumeIntegralInRange<std::size_t>(0, 12));
        for (auto& n : names) n = a_name(in);
        std::vector<const char*> ptrs;
        for (const auto& n : names) ptrs.push_back(in.ConsumeIntegralInRange<int>(0, 31) ? n.c_str() : nullptr);
        check_code(ak_limits_restrict(L, ptrs.empty() ? nullptr : ptrs.data(), ptrs.size()));
        break;
      }
      case 6: {
        double lo = 0, hi = 0;
        const ak_error e = ak_limits_get_deg(L, a_dof(in), in.ConsumeBool() ? &lo : nullptr, &hi);
        check_code(e);
        if (e == AK_OK) FUZZ_CHECK(std::isnan(hi) || std::isfinite(hi));
        break;
      }
      case 7:
        construct(
            P, [](ak_pose** o) { return ak_pose_new(o); }, ak_pose_free);
        break;
      case 8: {
        const std::size_t count = in.ConsumeIntegralInRange<std::size_t>(0, 45);
        std::vector<double> rad(count);
        for (auto& v : rad) v = fuzz::any_double(in);
        construct(
            P, [&](ak_pose** o) { return ak_pose_from_radians(count ? rad.data() : nullptr, count, o); }, ak_pose_free);
        break;
      }
      case 9: {
        const int dof = a_dof(in);
        const double v = fuzz::any_double(in);
        const bool deg = in.ConsumeBool();
        const ak_error e = deg ? ak_pose_set_deg(P, dof, v) : ak_pose_set_rad(P, dof, v);
        check_code(e);
        if (e == AK_OK) {
          double back = 0;
          check_code(ak_pose_get_deg(P, dof, &back));
          FUZZ_CHECK(!std::isnan(back));
        }
        break;
      }
      case 10: {
        const std::string name = a_name(in);
        check_code(ak_pose_set_deg_by_name(P, in.ConsumeIntegralInRange<int>(0, 15) ? name.c_str() : nullptr,
                                           fuzz::any_double(in)));
        break;
      }
      case 11: {
        const int dof = a_dof(in);
        const ak_error e = ak_pose_clear(P, dof);
        check_code(e);
        if (e == AK_OK) {
          double back = 0;
          check_code(ak_pose_get_deg(P, dof, &back));
          FUZZ_CHECK(std::isnan(back));
        }
        break;
      }
      case 12: {
        double v = 0;
        check_code(ak_pose_get_deg(P, a_dof(in), in.ConsumeIntegralInRange<int>(0, 15) ? &v : nullptr));
        break;
      }
      case 13: {
        construct(
            s.report, [&](ak_report** o) { return ak_check(P, L, o); }, ak_report_free);
        int verdict = -1, out = -1, unknown = -1;
        const ak_error e = ak_report_summary(s.report, &verdict, in.ConsumeBool() ? &out : nullptr, &unknown);
        check_code(e);
        if (e == AK_OK) {
          FUZZ_CHECK(verdict >= 0 && verdict <= AK_WITHIN_RANGE_PARTIAL);
          FUZZ_CHECK(unknown >= 0 && unknown <= n_dofs);
          FUZZ_CHECK(ak_verdict_name(verdict)[0] != '\0');
        }
        break;
      }
      case 14: {
        ak_dof_result r{};
        const int dof = a_dof(in);
        const ak_error e = ak_report_dof(s.report, dof, in.ConsumeIntegralInRange<int>(0, 15) ? &r : nullptr);
        check_code(e);
        if (e == AK_OK) {
          FUZZ_CHECK(r.dof == dof && r.status >= 0 && r.status <= AK_POSSIBLY_ABOVE);
          FUZZ_CHECK(nul_terminated(r.source) && nul_terminated(r.tag));
          FUZZ_CHECK(r.excess_deg >= 0);
          FUZZ_CHECK(ak_status_name(r.status)[0] != '\0');
        }
        const ak_report* rep = s.report;
        if (in.ConsumeBool())
          text_call(in, [&](char* b, size_t c, size_t* n) { return ak_report_sentence(rep, dof, b, c, n); });
        else
          text_call(in, [&](char* b, size_t c, size_t* n) { return ak_report_describe(rep, b, c, n); });
        break;
      }
      case 15: {
        const std::size_t count = in.ConsumeIntegralInRange<std::size_t>(0, 6);
        std::vector<double> rows(count * static_cast<std::size_t>(n_dofs));
        for (auto& v : rows)
          v = in.ConsumeIntegralInRange<int>(0, 3) ? std::numeric_limits<double>::quiet_NaN() : fuzz::any_double(in);
        std::vector<std::uint8_t> verdicts(count, 0xEE), statuses(rows.size(), 0xEE);
        const bool with_status = in.ConsumeBool();
        const ak_error e = ak_check_many(L, count ? rows.data() : nullptr, count, count ? verdicts.data() : nullptr,
                                         with_status && count ? statuses.data() : nullptr);
        check_code(e);
        if (e != AK_OK) break;
        for (std::size_t i = 0; i < count; ++i) {
          FUZZ_CHECK(verdicts[i] <= AK_WITHIN_RANGE_PARTIAL);
          ak_pose* p = nullptr;
          check_code(ak_pose_from_radians(rows.data() + i * n_dofs, static_cast<size_t>(n_dofs), &p));
          ak_report* r = nullptr;
          check_code(ak_check(p, L, &r));
          int verdict = -1;
          check_code(ak_report_summary(r, &verdict, nullptr, nullptr));
          FUZZ_CHECK(verdict == verdicts[i]);
          if (with_status)
            for (int k = 0; k < n_dofs; ++k) {
              ak_dof_result dr{};
              check_code(ak_report_dof(r, k, &dr));
              FUZZ_CHECK(dr.status == statuses[i * n_dofs + k]);
            }
          ak_report_free(r);
          ak_pose_free(p);
        }
        break;
      }
      case 16: {
        const int i = a_dof(in);
        const char* name = ak_dof_name(i);
        FUZZ_CHECK((name != nullptr) == (i >= 0 && i < n_dofs));
        if (name) {
          int idx = -1, sense = 0;
          check_code(ak_dof_index(name, &idx, &sense));
          FUZZ_CHECK(idx == i && sense == 1);
        }
        const std::string other = a_name(in);
        int idx = -1, sense = 0;
        const ak_error e = ak_dof_index(other.c_str(), &idx, in.ConsumeBool() ? &sense : nullptr);
        check_code(e);
        if (e == AK_OK) FUZZ_CHECK(idx >= 0 && idx < n_dofs && ak_dof_name(idx) != nullptr);
        break;
      }
      default: {
        const int code = in.ConsumeIntegral<int>();
        FUZZ_CHECK(nul_terminated(fuzz_ak_error_name(code)));
        FUZZ_CHECK(nul_terminated(fuzz_ak_error_name(code % 8)));
        FUZZ_CHECK(nul_terminated(ak_status_name(code)) && nul_terminated(ak_verdict_name(code)));
        FUZZ_CHECK(nul_terminated(ak_version()));
        break;
      }
    }
  }
  return 0;
}
