/// @file check.hpp
/// @brief `check(pose, limits)`: per DoF and per composite limit, whether the
///        pose stays within the normal range, by how much it leaves it, and a
///        human sentence.
///
/// `check` allocates nothing; the sentences are made on demand by `describe`.
/// A `Report` refers to the `Limits` it was checked against (like a
/// string_view): keep the limits alive while you read the report. Passing a
/// temporary `Limits` (`check(pose, Limits::defaults())`) does not compile: the
/// report would point to an object destroyed at the end of the statement.
/// With an `Uncertainty`, an excess within a value's expanded uncertainty is `possibly_below` /
/// `possibly_above`, not `below` / `above`; a pose with unknown DoFs that is otherwise within range
/// is `within_range_partial` (docs/uncertainty.md).
/// Definitions: detail/check-inl.hpp (config.hpp).
#pragma once

#include <arthrokin/config.hpp>
#include <arthrokin/limits.hpp>
#include <arthrokin/pose.hpp>
#include <arthrokin/region.hpp>
#include <arthrokin/two_joint.hpp>

#include <array>
#include <limits>
#include <optional>
#include <span>
#include <string>

namespace arthrokin {

/// The status of one DoF or composite limit. Values 0-5 are those of the first release; the
/// uncertainty statuses are appended (the byte values are the C API's `ak_status` and the batch
/// status bytes: never renumber).
enum class Status : std::uint8_t {
  within,          ///< inside [lower - tolerance, upper + tolerance]
  below,           ///< clearly beyond the lower (negative-direction) end: excess > expanded uncertainty U
  above,           ///< clearly beyond the upper (positive-direction) end: excess > U
  unknown,         ///< not observed: never counted as within range
  no_limit,        ///< observed, but no source gives a limit for it
  not_checked,     ///< excluded by `Limits::restrict_to`
  possibly_below,  ///< beyond the lower end by an excess 0 < e <= U: within the value's uncertainty
  possibly_above,  ///< beyond the upper end by an excess 0 < e <= U: within the value's uncertainty
};

/// Number of `Status` values.
inline constexpr std::size_t status_count = 8;

[[nodiscard]] constexpr std::string_view to_string(Status s) noexcept {
  switch (s) {
    case Status::within:
      return "within";
    case Status::below:
      return "below";
    case Status::above:
      return "above";
    case Status::unknown:
      return "unknown";
    case Status::no_limit:
      return "no_limit";
    case Status::not_checked:
      return "not_checked";
    case Status::possibly_below:
      return "possibly_below";
    case Status::possibly_above:
      return "possibly_above";
  }
  return "";
}

/// A clear excursion: `below` or `above`.
[[nodiscard]] constexpr bool is_beyond(Status s) noexcept { return s == Status::below || s == Status::above; }
/// An excursion within the value's uncertainty: `possibly_below` or `possibly_above`.
[[nodiscard]] constexpr bool is_possibly_beyond(Status s) noexcept {
  return s == Status::possibly_below || s == Status::possibly_above;
}

/// The verdict of a report. Values 0-2 are those of the first release; the others are appended
/// (the byte values are the C API's `ak_verdict` and the batch verdict bytes: never renumber).
/// Precedence: out_of_range > possibly_out_of_range > within_range / within_range_partial > unknown.
/// Code that asks "did the pose pass?" should use `is_within(v)`, which accepts both within verdicts.
enum class Verdict : std::uint8_t {
  within_range,           ///< every checked value within range, and every checked DoF observed
  out_of_range,           ///< at least one DoF or composite clearly out of range
  unknown,                ///< nothing could be checked
  possibly_out_of_range,  ///< no clear excursion, but at least one within the value's uncertainty
  within_range_partial,   ///< every observed value within range, but some checked DoFs unknown
};

/// Number of `Verdict` values.
inline constexpr std::size_t verdict_count = 5;

[[nodiscard]] constexpr std::string_view to_string(Verdict v) noexcept {
  switch (v) {
    case Verdict::within_range:
      return "within_range";
    case Verdict::out_of_range:
      return "out_of_range";
    case Verdict::unknown:
      return "unknown";
    case Verdict::possibly_out_of_range:
      return "possibly_out_of_range";
    case Verdict::within_range_partial:
      return "within_range_partial";
  }
  return "";
}

/// `within_range` or `within_range_partial`: nothing observed is beyond, nor possibly beyond.
[[nodiscard]] constexpr bool is_within(Verdict v) noexcept {
  return v == Verdict::within_range || v == Verdict::within_range_partial;
}

/// The verdict of a report from its counts (the one rule, shared by `check` and the batch kernel):
/// clear excursions, possible excursions, whether anything was checked, unknown DoFs.
[[nodiscard]] constexpr Verdict verdict_of(bool beyond, bool possibly, bool checked, bool partial) noexcept {
  return beyond     ? Verdict::out_of_range
         : possibly ? Verdict::possibly_out_of_range
         : !checked ? Verdict::unknown
         : partial  ? Verdict::within_range_partial
                    : Verdict::within_range;
}

/// How the measurement was made, for the documented default uncertainties
/// (`Uncertainty::for_input`, docs/uncertainty.md).
enum class InputKind : std::uint8_t {
  goniometer,           ///< a goniometer (universal or electrogoniometer) read by a clinician
  marker_mocap,         ///< marker-based optical motion capture
  imu,                  ///< inertial measurement units
  monocular_keypoints,  ///< keypoints of a pose estimator on one camera
};

[[nodiscard]] constexpr std::string_view to_string(InputKind k) noexcept {
  switch (k) {
    case InputKind::goniometer:
      return "goniometer";
    case InputKind::marker_mocap:
      return "marker_mocap";
    case InputKind::imu:
      return "imu";
    case InputKind::monocular_keypoints:
      return "monocular_keypoints";
  }
  return "";
}

/// The standard uncertainty u of each DoF's value (radians; 0 = none given) and the coverage
/// factor k of the expanded uncertainty U = k·u (JCGM 100:2008, the GUM, §6.2; default k = 2).
/// A value beyond a bound by an excess 0 < e <= U is `possibly_below` / `possibly_above`; only
/// e > U is `below` / `above`. With no uncertainty (the default) `check` behaves as without it.
/// A fixed-size value (39 doubles): build one per frame for a fitter's per-frame uncertainty, at
/// no allocation. Definitions: detail/check-inl.hpp.
class Uncertainty {
 public:
  static constexpr double default_coverage = 2.0;

  /// No uncertainty on any DoF.
  constexpr Uncertainty() noexcept = default;

  /// The same standard uncertainty `u` on every DoF. Throws `invalid_argument` unless u is finite
  /// and >= 0 and `coverage` finite and > 0.
  [[nodiscard]] static Uncertainty uniform(Angle u, double coverage = default_coverage);

  /// The documented default of an input kind (docs/uncertainty.md): u on the DoFs a cited study
  /// measured, none on the others (and none at all for a kind with no published figure found).
  [[nodiscard]] static Uncertainty for_input(InputKind kind, double coverage = default_coverage);

  /// Standard uncertainties in radians, one per DoF in `DofId` order (`dof_count` values); NaN
  /// or 0 = none. Throws `invalid_argument` on a wrong size, a negative or an infinite value.
  [[nodiscard]] static Uncertainty from_radians(std::span<const double> u, double coverage = default_coverage);

  /// Set the standard uncertainty of one DoF (0 = none). Throws as `uniform`.
  Uncertainty& set(DofId d, Angle u);
  /// Set the coverage factor k (finite, > 0). Throws `invalid_argument` otherwise.
  Uncertainty& set_coverage(double k);

  [[nodiscard]] Angle standard(DofId d) const noexcept { return radians(u_[index(d)]); }
  [[nodiscard]] Angle expanded(DofId d) const noexcept { return radians(expanded_radians(d)); }
  /// U = k·u in radians (0 where none).
  [[nodiscard]] double expanded_radians(DofId d) const noexcept { return k_ * u_[index(d)]; }
  [[nodiscard]] double coverage() const noexcept { return k_; }
  /// The standard uncertainties, radians, `DofId` order.
  [[nodiscard]] const std::array<double, dof_count>& standard_radians() const noexcept { return u_; }
  /// True when any DoF has an uncertainty.
  [[nodiscard]] bool any() const noexcept;

 private:
  std::array<double, dof_count> u_{};
  double k_ = default_coverage;
};

/// The result for one DoF.
struct DofCheck {
  DofId dof{};
  Status status = Status::unknown;
  double value = std::numeric_limits<double>::quiet_NaN();  ///< radians (NaN if unknown)
  double excess = 0.0;  ///< radians beyond the violated bound itself (≥ 0; 0 unless (possibly) below/above)
  double expanded_uncertainty = 0.0;  ///< U = k·u of the value, radians (0: none given)
  /// Which limit decided `status`: the DoF's own range, or the shoulder region (region.hpp), whose
  /// excess is in elevation (radians beyond the maximum elevation of the arm's plane of elevation).
  LimitKind decided_by = LimitKind::single_axis;
  /// For a DoF a two-joint limit decided (two_joint.hpp): that limit at the controlling DoF's value,
  /// radians, the upper bound the value was compared with; NaN otherwise.
  double two_joint_limit = std::numeric_limits<double>::quiet_NaN();

  [[nodiscard]] Angle angle() const noexcept { return radians(value); }
  [[nodiscard]] Angle excess_angle() const noexcept { return radians(excess); }
  /// Clearly out of range (`below` / `above`); `possibly_out_of_range()` for the excursions within U.
  [[nodiscard]] bool out_of_range() const noexcept { return is_beyond(status); }
  [[nodiscard]] bool possibly_out_of_range() const noexcept { return is_possibly_beyond(status); }
};

/// The result for one composite limit.
struct CompositeCheck {
  std::size_t index = 0;  ///< into Limits::composite()
  Status status = Status::unknown;
  double value = std::numeric_limits<double>::quiet_NaN();
  double excess = 0.0;
  [[nodiscard]] bool out_of_range() const noexcept { return is_beyond(status); }
  [[nodiscard]] bool possibly_out_of_range() const noexcept { return is_possibly_beyond(status); }
};

struct Report {
  std::array<DofCheck, dof_count> dofs{};
  std::array<CompositeCheck, Limits::max_composites> composites{};
  std::size_t composite_count = 0;
  Verdict overall = Verdict::unknown;
  std::size_t out_of_range_count = 0;           ///< DoFs and composites clearly out of range
  std::size_t possibly_out_of_range_count = 0;  ///< DoFs possibly out of range (excess within U)
  std::size_t unknown_count = 0;                ///< checked DoFs not observed
  const Limits* limits = nullptr;               ///< the limits checked against

  [[nodiscard]] const DofCheck& operator[](DofId d) const& noexcept { return dofs[index(d)]; }
  /// On a temporary report: a copy, so that `const auto& c = check(p, l)[d];` does not dangle.
  [[nodiscard]] DofCheck operator[](DofId d) && noexcept { return dofs[index(d)]; }
  /// The bound on the side of `c`'s status; for a DoF the shoulder region decided, the
  /// single-plane end point of that direction, one of the region's end points (region.hpp).
  [[nodiscard]] const Bound& violated_bound(const DofCheck& c) const noexcept {
    return c.status == Status::below || c.status == Status::possibly_below ? (*limits)[c.dof].lower
                                                                           : (*limits)[c.dof].upper;
  }
  /// True when every checked DoF was observed (`unknown_count == 0`). A within verdict says it too
  /// (`within_range` vs `within_range_partial`); the other verdicts need this to tell.
  [[nodiscard]] bool complete() const noexcept { return unknown_count == 0; }
  /// DoFs observed and checked (within, possibly or clearly beyond, or observed with no limit).
  [[nodiscard]] std::size_t observed_count() const noexcept;
};

/// The bound that decided a (possibly) out-of-range `c`, as a value: `r.violated_bound(c)`, except for a DoF a
/// two-joint limit decided (two_joint.hpp): its limit at the controlling DoF's value (`c.two_joint_limit`), with
/// the source and tag of the end point in force (the knee-straight figure below the knee-flexed end, else the
/// DoF's own bound) and origin `derived` where the limit is interpolated between them.
[[nodiscard]] Bound deciding_bound(const Report& r, const DofCheck& c) noexcept;

/// Check `pose` against `limits` into `out` (no allocation).
void check(const Pose& pose, const Limits& limits, Report& out) noexcept;

/// Check `pose` against `limits`. The report refers to `limits` (see the file comment).
[[nodiscard]] Report check(const Pose& pose, const Limits& limits) noexcept;

/// Check with the uncertainty of each value (no allocation): an excess within U = k·u is
/// `possibly_below` / `possibly_above`. Composite limits are checked without uncertainty.
void check(const Pose& pose, const Limits& limits, const Uncertainty& uncertainty, Report& out) noexcept;

/// The same, returning the report.
[[nodiscard]] Report check(const Pose& pose, const Limits& limits, const Uncertainty& uncertainty) noexcept;

/// Deleted: the report would keep a pointer to a temporary `Limits`, destroyed at the end of
/// the full-expression. Name the limits first: `const auto limits = Limits::defaults();`.
void check(const Pose& pose, const Limits&& limits, Report& out) = delete;
/// Deleted: see above.
Report check(const Pose& pose, const Limits&& limits) = delete;
/// Deleted: see above.
void check(const Pose& pose, const Limits&& limits, const Uncertainty& uncertainty, Report& out) = delete;
/// Deleted: see above.
Report check(const Pose& pose, const Limits&& limits, const Uncertainty& uncertainty) = delete;

/// A degree figure for sentences: rounded to 0.1°, without a trailing ".0"; from 1e9° on in a
/// compact scientific form with 4 significant digits ("1.25e20°"). ±infinity prints as "∞°", NaN
/// as "undefined": never "nan" or "inf".
[[nodiscard]] std::string format_degrees(double deg);

/// A value and an excess for a sentence: with as many decimals (0.1°, else 0.01°) as needed for the
/// excess to print non-zero and the value to print differently from the bound; nullopt when even
/// 0.01° does not separate them (the sentence then says "at the limit"). Degrees in, text out.
struct ExcessFigures {
  std::string value, excess, bound, uncertainty;
};
[[nodiscard]] std::optional<ExcessFigures> format_excess(double value_deg, double bound_deg, double excess_deg,
                                                         double uncertainty_deg = 0.0);

/// "(AAOS 1994)", "(38 CFR 4.71a) [secondary source]", "(AAOS 1965) [unverified]", ...
[[nodiscard]] std::string describe(const Bound& b);

/// The sentence for one DoF, e.g.
/// "left hip internal rotation 52° is 7° beyond the normal 45° (AAOS, edition not identified) [secondary source]",
/// "left knee extension 1° is possibly beyond the normal 0° (within its uncertainty of ±4°) (AAOS 1994)";
/// for a DoF the shoulder region decided, e.g. "right shoulder elevation 90° in the plane of -60° (horizontal
/// abduction 60°) is 10° beyond the normal 80° for that plane (extension 60° (AAOS 1994) and horizontal abduction
/// 45° at 90° elevation (ACSM), interpolated linearly)".
[[nodiscard]] std::string describe(const Report& r, DofId d);

/// The human name of a composite: "thoracolumbar rotation", "left hip adduction plus internal rotation".
[[nodiscard]] std::string display_name(const CompositeLimit& c);

/// The sentence for one composite limit.
[[nodiscard]] std::string describe(const Report& r, const CompositeCheck& c);

/// The verdict line of a report: "within range for 2 of 39 DoFs (37 unknown)", "out of range: 2 DoFs beyond,
/// 1 possibly beyond (3 unknown)", ...
[[nodiscard]] std::string summary(const Report& r);

/// Every sentence of a report, one per line: the verdict line (`summary`), out-of-range first, then the possible
/// excursions, then composites, then the rest.
[[nodiscard]] std::string describe(const Report& r);

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/check-inl.hpp>
#endif
