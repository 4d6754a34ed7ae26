/// @file ergonomics-inl.hpp
/// @brief Definitions of ergonomics.hpp (REBA): compiled once into the library
///        (src/core/ergonomics.cpp), or included by the header in header-only mode.
#pragma once

#include <arthrokin/detail/reba_data.hpp>
#include <arthrokin/ergonomics.hpp>
#include <arthrokin/error.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace arthrokin {

ARTHROKIN_FUNC std::uint8_t reba_table_a(int trunk, int neck, int legs) noexcept {
  if (trunk < 1 || trunk > 5 || neck < 1 || neck > 3 || legs < 1 || legs > 4) return 0;
  return detail::reba_table_a[trunk - 1][neck - 1][legs - 1];
}

ARTHROKIN_FUNC std::uint8_t reba_table_b(int upper_arm, int lower_arm, int wrist) noexcept {
  if (upper_arm < 1 || upper_arm > 6 || lower_arm < 1 || lower_arm > 2 || wrist < 1 || wrist > 3) return 0;
  return detail::reba_table_b[upper_arm - 1][lower_arm - 1][wrist - 1];
}

ARTHROKIN_FUNC std::uint8_t reba_table_c(int score_a, int score_b) noexcept {
  if (score_a < 1 || score_a > 12 || score_b < 1 || score_b > 12) return 0;
  return detail::reba_table_c[score_a - 1][score_b - 1];
}

namespace detail {

/// Reads the DoFs a score needs, in radians; remembers the first one the pose did not observe. The
/// band ends are compared in radians (`r`), so that an angle set as exactly 20° is at the end of its band.
struct RebaReader {
  const Pose& pose;
  std::optional<DofId> missing{};
  double operator()(DofId d) {
    const auto a = pose.get(d);
    if (!a) {
      if (!missing) missing = d;
      return std::numeric_limits<double>::quiet_NaN();
    }
    return to_radians(*a);
  }
  /// The thoracolumbar total of a spinal axis (thoracic + lumbar, or the total a pose from keypoints
  /// holds without its split: Pose::thoracolumbar); when unknown, names the thoracic DoF.
  double thoracolumbar(Axis axis) {
    const auto a = pose.thoracolumbar(axis);
    if (!a) {
      if (!missing) missing = *find_dof(Joint::thoracic, axis, Side::none);
      return std::numeric_limits<double>::quiet_NaN();
    }
    return to_radians(*a);
  }
};

constexpr double r(double deg) noexcept { return deg_to_rad(deg); }
/// Band ends are inclusive of the lower band within 1e-9° (`band_eps`): an angle given as a whole
/// number of degrees and converted to radians by another π/180 (numpy's) lands in the same band.
inline constexpr double band_eps = 1e-9 * 3.14159265358979323846 / 180.0;
constexpr bool le(double v, double deg) noexcept { return v <= r(deg) + band_eps; }  // v ≤ deg
constexpr bool ge(double v, double deg) noexcept { return v >= r(deg) - band_eps; }  // v ≥ deg

inline void check_threshold(Angle a, const char* name) {
  const double v = to_radians(a);
  if (!std::isfinite(v) || v < 0) throw invalid_argument(std::string("reba: ") + name + " must be finite and >= 0");
}

}  // namespace detail

ARTHROKIN_FUNC RebaScore reba(const Pose& pose, const RebaOptions& o) {
  if (!std::isfinite(o.load_kg) || o.load_kg < 0)
    throw invalid_argument("reba: load_kg must be finite and >= 0, got " + std::to_string(o.load_kg));
  if (o.side != Side::left && o.side != Side::right) throw invalid_argument("reba: side must be left or right");
  detail::check_threshold(o.trunk_upright_tolerance, "trunk_upright_tolerance");
  detail::check_threshold(o.twist_threshold, "twist_threshold");
  detail::check_threshold(o.side_bend_threshold, "side_bend_threshold");
  detail::check_threshold(o.arm_abduction_threshold, "arm_abduction_threshold");
  detail::check_threshold(o.wrist_deviation_threshold, "wrist_deviation_threshold");
  if (o.arm_rotation_threshold) detail::check_threshold(*o.arm_rotation_threshold, "arm_rotation_threshold");

  using detail::ge;
  using detail::le;
  const double twist = to_radians(o.twist_threshold), bend = to_radians(o.side_bend_threshold);
  detail::RebaReader rad{pose};
  RebaScore s;
  s.side = o.side;

  // Group A. NaN compares false everywhere: an unknown DoF leaves its score at 0 (unknown).
  const double t = rad.thoracolumbar(Axis::flexion_extension);
  const double t_bend = rad.thoracolumbar(Axis::lateral_flexion);
  const double t_twist = rad.thoracolumbar(Axis::axial_rotation);
  if (!rad.missing) {
    const int base = std::abs(t) <= to_radians(o.trunk_upright_tolerance) ? 1
                     : (ge(t, -20) && le(t, 20))                          ? 2
                     : (!ge(t, -20) || le(t, 60))                         ? 3
                                                                          : 4;
    s.trunk = static_cast<std::uint8_t>(base + ((std::abs(t_twist) > twist || std::abs(t_bend) > bend) ? 1 : 0));
  }
  const auto before_neck = rad.missing;
  const double n = rad(DofId::cervical_flexion_extension);
  const double n_bend = rad(DofId::cervical_lateral_flexion);
  const double n_twist = rad(DofId::cervical_axial_rotation);
  if (rad.missing == before_neck)
    s.neck = static_cast<std::uint8_t>(((ge(n, 0) && le(n, 20)) ? 1 : 2) +
                                       ((std::abs(n_twist) > twist || std::abs(n_bend) > bend) ? 1 : 0));
  {
    const int base = o.legs == RebaLegs::unilateral ? 2 : 1;
    if (o.legs == RebaLegs::sitting) {
      s.legs = static_cast<std::uint8_t>(base);
    } else {
      const auto before = rad.missing;
      const double k = std::max(rad(DofId::left_knee_flexion_extension), rad(DofId::right_knee_flexion_extension));
      if (rad.missing == before) s.legs = static_cast<std::uint8_t>(base + (!le(k, 60) ? 2 : ge(k, 30) ? 1 : 0));
    }
  }

  // Group B, one side.
  const auto dof = [&](Joint j, Axis a) { return *find_dof(j, a, o.side); };
  {
    const auto before = rad.missing;
    const double f = rad(dof(Joint::shoulder, Axis::flexion_extension));
    const double abd = -rad(dof(Joint::shoulder, Axis::abduction_adduction));  // abduction is negative
    const double rot = o.arm_rotation_threshold ? rad(dof(Joint::shoulder, Axis::internal_external_rotation)) : 0.0;
    if (rad.missing == before) {
      int u = (ge(f, -20) && le(f, 20)) ? 1 : (!ge(f, -20) || le(f, 45)) ? 2 : le(f, 90) ? 3 : 4;
      const bool abducted = abd > to_radians(o.arm_abduction_threshold);
      const bool rotated = o.arm_rotation_threshold && std::abs(rot) > to_radians(*o.arm_rotation_threshold);
      u += (abducted || rotated) ? 1 : 0;
      u += o.shoulder_raised ? 1 : 0;
      u -= o.arm_supported ? 1 : 0;
      s.upper_arm = static_cast<std::uint8_t>(std::max(u, 1));
    }
  }
  {
    const auto before = rad.missing;
    const double e = rad(dof(Joint::elbow, Axis::flexion_extension));
    if (rad.missing == before) s.lower_arm = (ge(e, 60) && le(e, 100)) ? 1 : 2;
  }
  {
    const auto before = rad.missing;
    const double w = rad(dof(Joint::wrist, Axis::flexion_extension));
    const double dev = rad(dof(Joint::wrist, Axis::radial_ulnar_deviation));
    if (rad.missing == before)
      s.wrist = static_cast<std::uint8_t>(
          (le(std::abs(w), 15) ? 1 : 2) +
          ((std::abs(dev) > to_radians(o.wrist_deviation_threshold) || o.wrist_twisted) ? 1 : 0));
  }
  s.missing = rad.missing;

  s.load = static_cast<std::uint8_t>((o.load_kg < 5 ? 0 : o.load_kg <= 10 ? 1 : 2) + (o.shock ? 1 : 0));
  s.coupling = static_cast<std::uint8_t>(o.coupling);
  s.activity = static_cast<std::uint8_t>((o.static_posture ? 1 : 0) + (o.repeated ? 1 : 0) + (o.rapid_changes ? 1 : 0));
  s.table_a = reba_table_a(s.trunk, s.neck, s.legs);
  s.table_b = reba_table_b(s.upper_arm, s.lower_arm, s.wrist);
  if (s.table_a != 0) s.score_a = static_cast<std::uint8_t>(s.table_a + s.load);
  if (s.table_b != 0) s.score_b = static_cast<std::uint8_t>(s.table_b + s.coupling);
  if (s.score_a != 0 && s.score_b != 0) {
    s.table_c = reba_table_c(s.score_a, s.score_b);
    if (s.table_c == 0)
      s.untranscribed = true;
    else
      s.score = static_cast<std::uint8_t>(s.table_c + s.activity);
  }
  return s;
}

ARTHROKIN_FUNC std::string describe(const RebaScore& s) {
  const std::string arm = std::string(to_string(s.side)) + " arm";
  if (!s.known()) {
    if (s.missing) return "REBA unknown (" + arm + "): " + display_name(*s.missing) + " was not observed";
    if (s.untranscribed)
      return "REBA unknown (" + arm + "): Table C cell (score A " + std::to_string(s.score_a) + ", score B " +
             std::to_string(s.score_b) + ") was not transcribed (Hignett & McAtamney 2000)";
    return "REBA unknown (" + arm + ")";
  }
  const auto a = *reba_action(s.score);
  return "REBA " + std::to_string(s.score) + " (" + arm + "): " + std::string(a.risk) + " risk, action " +
         std::string(a.action) + " (Hignett & McAtamney 2000); trunk " + std::to_string(s.trunk) + ", neck " +
         std::to_string(s.neck) + ", legs " + std::to_string(s.legs) + ", upper arm " + std::to_string(s.upper_arm) +
         ", lower arm " + std::to_string(s.lower_arm) + ", wrist " + std::to_string(s.wrist) + "; score A " +
         std::to_string(s.score_a) + ", score B " + std::to_string(s.score_b) + ", Table C " +
         std::to_string(s.table_c) + ", activity +" + std::to_string(s.activity);
}

}  // namespace arthrokin
