// Shared helpers of the libFuzzer targets in tests/fuzz (docs/fuzzing.md).
//
// Contract of every target: an input either succeeds or fails with one of the library's
// documented exceptions, arthrokin::parse_error or arthrokin::invalid_argument, and only
// around the call that documents it. Any other exception escapes LLVMFuzzerTestOneInput
// (std::terminate: libFuzzer reports a crash whose stack shows the throw), and a broken
// invariant aborts with "FUZZ INVARIANT FAILED" and the condition.
#pragma once

#include <arthrokin/detail/fast_trig.hpp>
#include <arthrokin/error.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>
#include <arthrokin/pose.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <limits>
#include <numbers>
#include <string>
#include <string_view>

#define FUZZ_CHECK(cond)                                              \
  do {                                                                \
    if (!(cond)) ::fuzz::invariant_failed(__FILE__, __LINE__, #cond); \
  } while (0)

namespace fuzz {

[[noreturn]] inline void invariant_failed(const char* file, int line, const char* what) {
  const char* base = std::strrchr(file, '/');  // the file name alone: the same in every build dir
  std::fprintf(stderr, "FUZZ INVARIANT FAILED %s:%d: %s\n", base ? base + 1 : file, line, what);
  std::fflush(stderr);
  std::abort();
}

/// FUZZ_IGNORE_WHAT=<text> (environment): an undocumented exception whose what() contains
/// <text> is treated like a documented failure, to fuzz past a known, pending crash (e.g.
/// FUZZ_IGNORE_WHAT='out_of_range.406'). Never set in CI.
inline const char* ignored_what() {
  static const char* const w = [] {
    const char* v = std::getenv("FUZZ_IGNORE_WHAT");
    return v && *v ? v : nullptr;
  }();
  return w;
}

/// Runs `f`; arthrokin::parse_error and arthrokin::invalid_argument are the documented
/// failures (their message must not be empty). Returns true when `f` succeeded. Any other
/// exception is not caught here, so that libFuzzer's stack shows where it was thrown.
template <class F>
bool documented(F&& f) {
  const auto run = [&] {
    try {
      f();
      return true;
    } catch (const arthrokin::parse_error& e) {
      FUZZ_CHECK(e.what() != nullptr && e.what()[0] != '\0');
    } catch (const arthrokin::invalid_argument& e) {
      FUZZ_CHECK(e.what() != nullptr && e.what()[0] != '\0');
    }
    return false;
  };
  if (!ignored_what()) return run();
  try {
    return run();
  } catch (const std::exception& e) {
    if (!std::strstr(e.what(), ignored_what())) throw;
  }
  return false;
}

/// Equal values, or both NaN (a batch result must match the per-frame result bit for bit).
inline bool same_bits(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

/// The invariants of a pose a reader returned: an observed DoF is finite, an unobserved one NaN, a
/// thoracolumbar total finite or NaN. Returns whether every value is small enough (< 1e6°) for a
/// writer to print it and read it back (the readers' round-trip checks).
inline bool check_read_pose(const arthrokin::Pose& p) {
  bool representable = true;
  for (arthrokin::DofId d : arthrokin::all_dofs) {
    const double v = p.as_radians()[static_cast<Eigen::Index>(arthrokin::index(d))];
    FUZZ_CHECK(p.observed(d) ? std::isfinite(v) : std::isnan(v));
    if (p.observed(d) && !(std::abs(arthrokin::rad_to_deg(v)) < 1e6)) representable = false;
  }
  const Eigen::Vector3d tl = p.thoracolumbar_radians();
  for (int k = 0; k < 3; ++k) {
    FUZZ_CHECK(std::isnan(tl[k]) || std::isfinite(tl[k]));
    if (!std::isnan(tl[k]) && !(std::abs(arthrokin::rad_to_deg(tl[k])) < 1e6)) representable = false;
  }
  return representable;
}

/// Reads an input front to back (the seed generator tests/fuzz/make_seeds.py writes the same
/// layout), with the FuzzedDataProvider method names; past the end every value is 0.
class Reader {
 public:
  Reader(const std::uint8_t* data, std::size_t size) : p_(data), n_(size) {}
  template <class T>
  T ConsumeIntegral() {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) v |= static_cast<std::uint64_t>(byte()) << (8 * i);
    T out;
    std::memcpy(&out, &v, sizeof out);  // little-endian two's complement
    return out;
  }
  template <class T>
  T ConsumeIntegralInRange(T lo, T hi) {
    const auto span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
    const auto v = ConsumeIntegral<std::uint32_t>();
    return static_cast<T>(static_cast<std::uint64_t>(lo) + (span == UINT64_MAX ? v : v % (span + 1)));
  }
  bool ConsumeBool() { return byte() & 1; }
  [[nodiscard]] std::size_t remaining_bytes() const noexcept { return n_; }

 private:
  std::uint8_t byte() {
    if (n_ == 0) return 0;
    --n_;
    return *p_++;
  }
  const std::uint8_t* p_;
  std::size_t n_;
};

/// A double from the input: mostly plain numbers of a useful size (coordinates, angles),
/// also raw bit patterns (NaN payloads, ±inf, denormals, huge and tiny) and special values.
template <class In>
double any_double(In& in) {
  static constexpr double special[] = {0.0,
                                       -0.0,
                                       std::numeric_limits<double>::quiet_NaN(),
                                       -std::numeric_limits<double>::quiet_NaN(),
                                       std::numeric_limits<double>::infinity(),
                                       -std::numeric_limits<double>::infinity(),
                                       std::numeric_limits<double>::denorm_min(),
                                       -std::numeric_limits<double>::denorm_min(),
                                       std::numeric_limits<double>::min(),
                                       std::numeric_limits<double>::max(),
                                       -std::numeric_limits<double>::max(),
                                       std::numeric_limits<double>::epsilon(),
                                       1.0,
                                       -1.0,
                                       0.5,
                                       std::numbers::pi,
                                       -std::numbers::pi,
                                       std::numbers::pi / 2,
                                       1e-9,
                                       1e300,
                                       180.0,
                                       -180.0,
                                       90.0,
                                       360.0};
  const auto sel = in.template ConsumeIntegral<std::uint8_t>();
  if (sel < 160) return static_cast<double>(in.template ConsumeIntegral<std::int16_t>()) / 256.0;  // ±128, 1/256
  if (sel < 208) {
    const auto bits = in.template ConsumeIntegral<std::uint64_t>();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
  }
  return special[sel % (sizeof special / sizeof special[0])];
}

/// An angle in radians from the input: mostly within ±4 rad (1/8192 steps), often NaN
/// (unknown), sometimes any bit pattern or a special value.
template <class In>
double any_angle(In& in) {
  const auto sel = in.template ConsumeIntegral<std::uint8_t>();
  if (sel < 128) return static_cast<double>(in.template ConsumeIntegral<std::int16_t>()) / 8192.0;
  if (sel < 176) return std::numeric_limits<double>::quiet_NaN();
  return any_double(in);
}

/// Every DoF a kinematics result reports observed is finite and its status usable, and a DoF
/// with a usable status is observed. `bound` limits |angle| (radians) where angles come from
/// rotations (∞ to skip).
inline void check_joint_angles(const arthrokin::JointAngles& a, double bound) {
  using namespace arthrokin;
  for (std::size_t i = 0; i < dof_count; ++i) {
    const auto d = static_cast<DofId>(i);
    const double v = a.pose.as_radians()[static_cast<Eigen::Index>(i)];
    FUZZ_CHECK(a.pose.observed(d) == usable(a.status[i]));
    FUZZ_CHECK(a.pose.observed(d) ? std::isfinite(v) : std::isnan(v));
    if (a.pose.observed(d)) FUZZ_CHECK(std::abs(v) <= bound);
    FUZZ_CHECK(static_cast<unsigned>(a.status[i]) <=
               static_cast<unsigned>(DofStatus::invalid_rotation));  // the last reason
    if (a.gimbal_lock.test(i)) FUZZ_CHECK(a.status[i] == DofStatus::gimbal_lock);
  }
  const Eigen::Vector3d tl = a.pose.thoracolumbar_radians();
  for (int k = 0; k < 3; ++k) FUZZ_CHECK(std::isnan(tl[k]) || (std::isfinite(tl[k]) && std::abs(tl[k]) <= 2 * bound));
}

/// `JointAngleOptions::fast_trig`'s promise for one input: every status, unknown and gimbal lock
/// of `fast` as in `libm`, and every angle (the DoFs, the thoracolumbar totals, the shoulders' ISB
/// angles) within `fast_trig_bound_rad`.
inline void check_fast_trig_agrees(const arthrokin::JointAngles& libm, const arthrokin::JointAngles& fast) {
  using namespace arthrokin;
  const auto near = [](double a, double b) {
    FUZZ_CHECK(std::isnan(a) == std::isnan(b));
    if (!std::isnan(a)) FUZZ_CHECK(std::abs(a - b) <= detail::fast_trig_bound_rad);
  };
  for (std::size_t i = 0; i < dof_count; ++i) {
    FUZZ_CHECK(libm.status[i] == fast.status[i]);
    near(libm.pose.as_radians()[static_cast<Eigen::Index>(i)], fast.pose.as_radians()[static_cast<Eigen::Index>(i)]);
  }
  FUZZ_CHECK(libm.gimbal_lock == fast.gimbal_lock);
  FUZZ_CHECK(libm.thoracolumbar_status == fast.thoracolumbar_status);
  for (int k = 0; k < 3; ++k) {
    near(libm.pose.thoracolumbar_radians()[k], fast.pose.thoracolumbar_radians()[k]);
    for (std::size_t s = 0; s < 2; ++s) near(libm.shoulder_isb[s][k], fast.shoulder_isb[s][k]);
  }
}

}  // namespace fuzz
