/// @file two_joint.hpp
/// @brief Two-joint limits: the range of one DoF as a function of another, where a
///        muscle that crosses both joints limits it (docs/two-joint-limits.md).
///
/// The hamstrings cross the hip and the knee: with the knee straight they limit hip
/// flexion (the straight-leg raise), with the knee flexed they do not, and hip flexion
/// reaches its own single-axis range, which goniometry measures with the knee flexed
/// (Physiopedia, "Goniometry: Hip Flexion", after Norkin & White: "full hip flexion is
/// obtained only with the knee flexed"). The limit of hip flexion is piecewise linear in
/// knee flexion k:
///
/// | knee flexion | maximum hip flexion | source |
/// |---|---|---|
/// | k ≤ 0° (straight) | 90° | Magee (the hamstrings' normal length: 90° of hip flexion with the knee straight; read in
/// a secondary reproduction) | | k ≥ 90° | the hip's own flexion bound (`Limits`) | measured with the knee flexed | |
/// between | linear in k | arthrokin's interpolation, not a measured curve |
///
/// The knee angle at which the hamstrings stop limiting is not given by any source read;
/// 90° (the knee angle of the 90-90 hamstring test) is arthrokin's choice and says so in
/// every sentence. Where the hip's own bound is not above 90°, the two-joint limit adds
/// nothing and is not used.
///
/// In `check()` (and identically in the batch kernel), when a side's hip flexion and knee
/// flexion are both active and observed and the hip is flexed (value > 0), the two-joint limit
/// replaces the hip's upper bound (`DofCheck::decided_by` = `LimitKind::two_joint`,
/// `DofCheck::two_joint_limit` = the limit at that knee angle). With uncertainty, the expanded
/// uncertainty of the comparison combines the hip's and the knee's through the limit's slope
/// (first-order, uncorrelated: JCGM 100:2008 §5.1.2).
///
/// Not built (docs/two-joint-limits.md says why): ankle dorsiflexion against knee flexion
/// (gastrocnemius; the sources read give group means only) and knee flexion against hip extension
/// (rectus femoris; the test position's hip angle relative to the pelvis is not stated in the text
/// read).
#pragma once

#include <arthrokin/bound.hpp>
#include <arthrokin/dof.hpp>
#include <arthrokin/limits.hpp>
#include <arthrokin/sources.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <string_view>

namespace arthrokin {

/// A two-joint limit of one side, resolved against a `Limits` (plain data: no allocation).
struct TwoJointLimit {
  std::string_view muscle{};  ///< "hamstrings"
  DofId checked{};            ///< the DoF it limits (hip flexion/extension)
  DofId controlling{};        ///< the DoF it depends on (knee flexion/extension)
  /// The limit with the controlling DoF at or below `straight_at` (radians; source, tag, note).
  Bound straight{};
  double straight_at = 0;  ///< radians
  /// From `own_at` on, the checked DoF's own upper bound (a copy of `Limits[checked].upper`).
  Bound own{};
  double own_at = 0;  ///< radians

  /// False when the limits give no own bound above `straight` (the two-joint limit would add nothing).
  [[nodiscard]] bool defined() const noexcept { return own.has_value() && own.radians > straight.radians; }
  /// dL/dk between the two end points.
  [[nodiscard]] double slope() const noexcept { return (own.radians - straight.radians) / (own_at - straight_at); }
  /// The limit of `checked` at controlling value `k` (radians): constant beyond the end points.
  [[nodiscard]] double limit_at(double k) const noexcept {
    const double t = std::clamp((k - straight_at) / (own_at - straight_at), 0.0, 1.0);
    return straight.radians + t * (own.radians - straight.radians);
  }
  /// |dL/dk| at `k`: the slope between the end points, 0 outside them.
  [[nodiscard]] double slope_at(double k) const noexcept { return k > straight_at && k < own_at ? slope() : 0.0; }
};

namespace detail {
/// One two-joint limit as published: the limit of a DoF with the controlling DoF at one value.
struct TwoJointRow {
  std::string_view muscle;
  Joint joint;              ///< of the checked DoF
  Axis axis;                ///< of the checked DoF (its upper bound, the positive direction, is limited)
  Joint controlling_joint;  ///< of the controlling DoF
  Axis controlling_axis;    ///< of the controlling DoF
  double controlling_deg;   ///< the controlling DoF's value in the source's test position
  double limit_deg;         ///< the checked DoF's limit there
  double own_from_deg;      ///< from this controlling value on, the checked DoF's own bound (arthrokin's choice)
  std::string_view source;  ///< key in data/reference/SOURCES.md
  Tag tag;
  std::string_view note;
};
/// docs/two-joint-limits.md says why each figure, and why the other pairs are not here.
inline constexpr std::array<TwoJointRow, 1> two_joint_rows{{
    // "Normal length of the hamstring muscle is 90° hip position with straight knee" (Magee, read in a
    // secondary reproduction, SOURCES.md Magee06); the knee-flexed end: the hip's own bound, measured
    // with the knee flexed (PhysiopediaGonioHip)
    {"hamstrings", Joint::hip, Axis::flexion_extension, Joint::knee, Axis::flexion_extension, 0.0, 90.0, 90.0,
     "Magee06", Tag::secondary,
     "hamstrings; the knee-flexed end is the hip's own bound (PhysiopediaGonioHip) from 90 deg of knee flexion, "
     "arthrokin's choice; interpolated linearly"},
}};
static_assert(std::all_of(two_joint_rows.begin(), two_joint_rows.end(),
                          [](const TwoJointRow& r) { return find_source(r.source).has_value(); }),
              "every two-joint figure cites a section of data/reference/SOURCES.md");
static_assert(find_source("PhysiopediaGonioHip").has_value(), "the knee-flexed end point's source");
}  // namespace detail

/// The number of two-joint limits per side (`two_joint_limit(limits, side, k)`, k < this).
inline constexpr std::size_t two_joint_count = detail::two_joint_rows.size();

/// Two-joint limit `k` of `side`, resolved against `limits` (its own upper bound of the checked
/// DoF is the knee-flexed end point). Check `defined()` before use.
[[nodiscard]] inline TwoJointLimit two_joint_limit(const Limits& limits, Side side, std::size_t k = 0) noexcept {
  const auto& row = detail::two_joint_rows[k];
  TwoJointLimit t;
  t.muscle = row.muscle;
  t.checked = *find_dof(row.joint, row.axis, side);
  t.controlling = *find_dof(row.controlling_joint, row.controlling_axis, side);
  t.straight = Bound{deg_to_rad(row.limit_deg), row.source, row.tag, Origin::table, -1, row.note};
  t.straight_at = deg_to_rad(row.controlling_deg);
  t.own = limits[t.checked].upper;
  t.own_at = deg_to_rad(row.own_from_deg);
  return t;
}

namespace detail {
/// The expanded uncertainty of `checked − L(controlling)`: hypot(U_checked, |dL/dk|·U_controlling).
[[nodiscard]] inline double two_joint_uncertainty(const TwoJointLimit& t, double controlling, double u_checked,
                                                  double u_controlling) noexcept {
  return std::hypot(u_checked, t.slope_at(controlling) * u_controlling);
}
}  // namespace detail

}  // namespace arthrokin
