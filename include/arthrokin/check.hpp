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
/// Definitions: detail/check-inl.hpp (config.hpp).
#pragma once

#include <arthrokin/config.hpp>
#include <arthrokin/limits.hpp>
#include <arthrokin/pose.hpp>
#include <arthrokin/region.hpp>

#include <limits>
#include <string>

namespace arthrokin {

enum class Status : std::uint8_t {
  within,       ///< inside [lower - tolerance, upper + tolerance]
  below,        ///< beyond the lower (negative-direction) end
  above,        ///< beyond the upper (positive-direction) end
  unknown,      ///< not observed: never counted as within range
  no_limit,     ///< observed, but no source gives a limit for it
  not_checked,  ///< excluded by `Limits::restrict_to`
};

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
  }
  return "";
}

enum class Verdict : std::uint8_t {
  within_range,  ///< every checked value within range (unknown DoFs may remain: see counts)
  out_of_range,  ///< at least one DoF or composite out of range
  unknown,       ///< nothing could be checked
};

[[nodiscard]] constexpr std::string_view to_string(Verdict v) noexcept {
  return v == Verdict::within_range ? "within_range" : v == Verdict::out_of_range ? "out_of_range" : "unknown";
}

/// The result for one DoF.
struct DofCheck {
  DofId dof{};
  Status status = Status::unknown;
  double value = std::numeric_limits<double>::quiet_NaN();  ///< radians (NaN if unknown)
  double excess = 0.0;  ///< radians beyond the violated bound itself (≥ 0; 0 unless below/above)
  /// Which limit decided `status`: the DoF's own range, or the shoulder region (region.hpp), whose
  /// excess is in elevation (radians beyond the maximum elevation of the arm's plane of elevation).
  LimitKind decided_by = LimitKind::single_axis;

  [[nodiscard]] Angle angle() const noexcept { return radians(value); }
  [[nodiscard]] Angle excess_angle() const noexcept { return radians(excess); }
  [[nodiscard]] bool out_of_range() const noexcept { return status == Status::below || status == Status::above; }
};

/// The result for one composite limit.
struct CompositeCheck {
  std::size_t index = 0;  ///< into Limits::composite()
  Status status = Status::unknown;
  double value = std::numeric_limits<double>::quiet_NaN();
  double excess = 0.0;
  [[nodiscard]] bool out_of_range() const noexcept { return status == Status::below || status == Status::above; }
};

struct Report {
  std::array<DofCheck, dof_count> dofs{};
  std::array<CompositeCheck, Limits::max_composites> composites{};
  std::size_t composite_count = 0;
  Verdict overall = Verdict::unknown;
  std::size_t out_of_range_count = 0;  ///< DoFs and composites out of range
  std::size_t unknown_count = 0;       ///< DoFs not observed
  const Limits* limits = nullptr;      ///< the limits checked against

  [[nodiscard]] const DofCheck& operator[](DofId d) const& noexcept { return dofs[index(d)]; }
  /// On a temporary report: a copy, so that `const auto& c = check(p, l)[d];` does not dangle.
  [[nodiscard]] DofCheck operator[](DofId d) && noexcept { return dofs[index(d)]; }
  /// The bound on the side of `c`'s status; for a DoF the shoulder region decided, the
  /// single-plane end point of that direction, one of the region's end points (region.hpp).
  [[nodiscard]] const Bound& violated_bound(const DofCheck& c) const noexcept {
    return c.status == Status::below ? (*limits)[c.dof].lower : (*limits)[c.dof].upper;
  }
};

/// Check `pose` against `limits` into `out` (no allocation).
void check(const Pose& pose, const Limits& limits, Report& out) noexcept;

/// Check `pose` against `limits`. The report refers to `limits` (see the file comment).
[[nodiscard]] Report check(const Pose& pose, const Limits& limits) noexcept;

/// Deleted: the report would keep a pointer to a temporary `Limits`, destroyed at the end of
/// the full-expression. Name the limits first: `const auto limits = Limits::defaults();`.
void check(const Pose& pose, const Limits&& limits, Report& out) = delete;
/// Deleted: see above.
Report check(const Pose& pose, const Limits&& limits) = delete;

/// A degree figure for sentences: rounded to 0.1°, without a trailing ".0"; from 1e9° on in a
/// compact scientific form with 4 significant digits ("1.25e20°"). ±infinity prints as "∞°", NaN
/// as "undefined": never "nan" or "inf".
[[nodiscard]] std::string format_degrees(double deg);

/// "(AAOS 1994)", "(38 CFR 4.71a) [secondary source]", "(AAOS 1965) [unverified]", ...
[[nodiscard]] std::string describe(const Bound& b);

/// The sentence for one DoF, e.g.
/// "left hip internal rotation 52° is 7° beyond the normal 45° (AAOS, edition not identified) [secondary source]";
/// for a DoF the shoulder region decided, e.g. "right shoulder elevation 90° in the plane of -60° (horizontal
/// abduction 60°) is 10° beyond the normal 80° for that plane (extension 60° (AAOS 1994) and horizontal abduction
/// 45° at 90° elevation (ACSM), interpolated linearly)".
[[nodiscard]] std::string describe(const Report& r, DofId d);

/// The human name of a composite: "thoracolumbar rotation", "left hip adduction plus internal rotation".
[[nodiscard]] std::string display_name(const CompositeLimit& c);

/// The sentence for one composite limit.
[[nodiscard]] std::string describe(const Report& r, const CompositeCheck& c);

/// Every sentence of a report, one per line: out-of-range first, then composites, then the rest.
[[nodiscard]] std::string describe(const Report& r);

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/check-inl.hpp>
#endif
