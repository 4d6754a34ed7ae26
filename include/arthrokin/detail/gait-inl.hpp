/// @file gait-inl.hpp
/// @brief Definitions of gait.hpp (cycles, normalisation, GVS/GPS, the knee-in-stance finding, the
///        kinematic contact detector): compiled once into the library (src/core/gait.cpp), or
///        included by the header in header-only mode (config.hpp).
#pragma once

#include <arthrokin/detail/gait_norms_data.hpp>
#include <arthrokin/detail/text.hpp>
#include <arthrokin/error.hpp>
#include <arthrokin/gait.hpp>

#include <Eigen/Geometry>

#include <algorithm>
#include <cmath>
#include <string>

namespace arthrokin {

namespace detail {
inline constexpr double gait_nan = std::numeric_limits<double>::quiet_NaN();

inline bool is_pelvis(GaitVariable v) noexcept {
  return v == GaitVariable::pelvis_tilt || v == GaitVariable::pelvis_obliquity || v == GaitVariable::pelvis_rotation;
}

// The side's DoF of a variable that a Pose carries, or nullopt (laboratory angles, knee varus).
inline std::optional<DofId> gait_dof(GaitVariable v, Side s) noexcept {
  const bool l = s == Side::left;
  switch (v) {
    case GaitVariable::hip_flexion:
      return l ? DofId::left_hip_flexion_extension : DofId::right_hip_flexion_extension;
    case GaitVariable::hip_adduction:
      return l ? DofId::left_hip_abduction_adduction : DofId::right_hip_abduction_adduction;
    case GaitVariable::hip_rotation:
      return l ? DofId::left_hip_internal_external_rotation : DofId::right_hip_internal_external_rotation;
    case GaitVariable::knee_flexion:
      return l ? DofId::left_knee_flexion_extension : DofId::right_knee_flexion_extension;
    case GaitVariable::knee_rotation:
      return l ? DofId::left_knee_internal_external_rotation : DofId::right_knee_internal_external_rotation;
    case GaitVariable::ankle_dorsiflexion:
      return l ? DofId::left_ankle_dorsiflexion_plantarflexion : DofId::right_ankle_dorsiflexion_plantarflexion;
    default:
      return std::nullopt;
  }
}

inline void check_side(Side s, const char* who) {
  if (s != Side::left && s != Side::right) raise(std::string(who) + ": side must be left or right");
}

inline void check_options(const GaitOptions& o, const char* who) {
  if (!(o.stance_end_percent > 0 && o.stance_end_percent <= 100))
    raise(std::string(who) + ": stance_end_percent must be in (0, 100], got " +
          format_number("%g", o.stance_end_percent));
  if (!(std::isfinite(o.knee_sd_multiple) && o.knee_sd_multiple >= 0))
    raise(std::string(who) + ": knee_sd_multiple must be finite and >= 0, got " +
          format_number("%g", o.knee_sd_multiple));
  if (static_cast<std::size_t>(o.speed) >= gait_speed_count) raise(std::string(who) + ": unknown speed class");
}

inline void check_detector(const GaitDetectorOptions& o, double rate, const char* who) {
  if (!(std::isfinite(rate) && rate > 0))
    raise(std::string(who) + ": frame rate must be finite and positive, got " + format_number("%g", rate) + " Hz");
  const double e = to_radians(o.min_swing_excursion), h = to_radians(o.hysteresis);
  if (!(std::isfinite(e) && e > 0 && std::isfinite(h) && h > 0))
    raise(std::string(who) + ": min_swing_excursion and hysteresis must be finite and positive");
  if (!(std::isfinite(o.min_cycle_s) && std::isfinite(o.max_cycle_s) && o.min_cycle_s >= 0 &&
        o.min_cycle_s < o.max_cycle_s))
    raise(std::string(who) + ": need 0 <= min_cycle_s < max_cycle_s (finite), got " +
          format_number("%g", o.min_cycle_s) + " and " + format_number("%g", o.max_cycle_s));
}

// Value of point k (0..50) of a cycle of n >= 2 samples read through `at(i)`.
template <class At>
double cycle_point(std::size_t n, std::size_t k, const At& at) noexcept {
  const double pos = static_cast<double>(k) * static_cast<double>(n - 1) / static_cast<double>(gait_points - 1);
  const auto i = static_cast<std::size_t>(pos);
  if (i >= n - 1) return at(n - 1);
  const double frac = pos - static_cast<double>(i);
  const double a = at(i);
  if (frac == 0) return a;
  const double b = at(i + 1);
  return a + frac * (b - a);
}
}  // namespace detail

ARTHROKIN_FUNC std::span<const GaitNormRow, gait_points> gait_norm_curve(GaitSpeed speed, GaitVariable v) noexcept {
  const std::size_t first = detail::gait_norm_curve_start[static_cast<std::size_t>(speed)][static_cast<std::size_t>(v)];
  return std::span<const GaitNormRow, gait_points>(detail::gait_norm_rows.data() + first, gait_points);
}

ARTHROKIN_FUNC std::string_view gait_norms_source() noexcept { return detail::gait_norms_source; }

ARTHROKIN_FUNC void gait_frame_values(const Pose& pose, Side side, const GaitLabAngles& lab, GaitSample& out) noexcept {
  for (GaitVariable v : all_gait_variables) {
    const auto d = detail::gait_dof(v, side);
    double x = detail::gait_nan;
    if (d) {
      if (const auto a = pose.get(*d)) x = to_radians(*a);
    }
    out[static_cast<std::size_t>(v)] = x;
  }
  out[static_cast<std::size_t>(GaitVariable::pelvis_tilt)] = lab.pelvis_tilt;
  out[static_cast<std::size_t>(GaitVariable::pelvis_obliquity)] = lab.pelvis_obliquity;
  out[static_cast<std::size_t>(GaitVariable::pelvis_rotation)] = lab.pelvis_rotation;
  out[static_cast<std::size_t>(GaitVariable::foot_progression)] = lab.foot_progression;
}

ARTHROKIN_FUNC GaitLabAngles gait_lab_angles(const SegmentOrientations& segments, Side side,
                                             const Eigen::Vector3d& forward, const Eigen::Vector3d& up) {
  detail::check_side(side, "gait_lab_angles");
  if (!forward.allFinite() || !up.allFinite() || up.norm() == 0)
    detail::raise("gait_lab_angles: forward and up must be finite, up non-zero");
  const Eigen::Vector3d y = up.normalized();
  const Eigen::Vector3d f = forward - forward.dot(y) * y;
  if (!(f.norm() > 1e-6 * forward.norm()) || forward.norm() == 0)
    detail::raise("gait_lab_angles: the walking direction is (nearly) vertical");
  Eigen::Matrix3d r_global_prog;
  r_global_prog.col(0) = f.normalized();
  r_global_prog.col(1) = y;
  r_global_prog.col(2) = r_global_prog.col(0).cross(y);  // X × Y = Z (segment.hpp)
  const double sgn = side == Side::right ? 1.0 : -1.0;
  GaitLabAngles out;
  if (segments.has(Segment::pelvis) && !segments.is_degenerate(Segment::pelvis) &&
      segments[Segment::pelvis].coeffs().allFinite() && segments[Segment::pelvis].norm() > 0) {
    // R_prog_pelvis = Rz(a) Rx(b) Ry(c): b = asin(R21), a = atan2(-R01, R11), c = atan2(-R20, R22).
    const Eigen::Matrix3d r = r_global_prog.transpose() * segments[Segment::pelvis].toRotationMatrix();
    const double b = std::asin(std::clamp(r(2, 1), -1.0, 1.0));
    const double a = std::atan2(-r(0, 1), r(1, 1));
    const double c = std::atan2(-r(2, 0), r(2, 2));
    out.pelvis_tilt = -a;             // +a tips the pelvis X (anterior) up: posterior tilt
    out.pelvis_obliquity = -sgn * b;  // +b lowers the right side (Z)
    out.pelvis_rotation = sgn * c;    // +c moves the right side (Z) forward
  }
  const Segment foot = side == Side::right ? Segment::right_foot : Segment::left_foot;
  if (segments.has(foot) && !segments.is_degenerate(foot) && segments[foot].coeffs().allFinite() &&
      segments[foot].norm() > 0) {
    const Eigen::Vector3d x = r_global_prog.transpose() * (segments[foot] * Eigen::Vector3d::UnitX());
    if (std::hypot(x.x(), x.z()) > 1e-6) out.foot_progression = std::atan2(-sgn * x.z(), x.x());  // toes in +
  }
  return out;
}

ARTHROKIN_FUNC void normalise_cycle(std::span<const double> samples, std::span<double, gait_points> out) {
  if (samples.size() < 2)
    detail::raise("normalise_cycle: a cycle needs at least 2 frames, got " + std::to_string(samples.size()));
  for (std::size_t k = 0; k < gait_points; ++k)
    out[k] = detail::cycle_point(samples.size(), k, [&](std::size_t i) { return samples[i]; });
}

ARTHROKIN_FUNC void score_cycle(std::span<const GaitSample> frames, Side side, const GaitOptions& options,
                                GaitCycleScore& out) {
  detail::check_side(side, "score_cycle");
  detail::check_options(options, "score_cycle");
  if (frames.size() < 2)
    detail::raise("score_cycle: a cycle needs at least 2 frames, got " + std::to_string(frames.size()));
  out.side = side;
  double sum_sq = 0;
  std::size_t used = 0;
  for (GaitVariable v : all_gait_variables) {
    const auto vi = static_cast<std::size_t>(v);
    GaitVariableScore& s = out.variables[vi];
    s = GaitVariableScore{};
    s.variable = v;
    const auto norm = gait_norm_curve(options.speed, v);
    bool all = true;
    double ss = 0;
    for (std::size_t k = 0; k < gait_points; ++k) {
      const double x = detail::cycle_point(frames.size(), k, [&](std::size_t i) { return frames[i][vi]; });
      s.curve[k] = x;
      if (!(x == x)) {
        all = false;
        continue;
      }
      s.outside[k] = x < deg_to_rad(norm[k].band_low_deg) || x > deg_to_rad(norm[k].band_high_deg);
      const double d = x - deg_to_rad(norm[k].mean_deg);
      ss += d * d;
    }
    s.known = all;
    if (!all) continue;
    s.gvs = std::sqrt(ss / static_cast<double>(gait_points));
    const bool pelvis_elsewhere = detail::is_pelvis(v) && options.pelvis_side && *options.pelvis_side != side;
    s.in_gps = options.gps_variables.test(vi) && !pelvis_elsewhere;
    if (s.in_gps) {
      sum_sq += s.gvs * s.gvs;
      ++used;
    }
  }
  out.gps_variable_count = used;
  out.gps = used ? std::sqrt(sum_sq / static_cast<double>(used)) : detail::gait_nan;

  // The knee in stance: points 0 .. floor(stance_end / 2).
  KneeStanceFinding& k = out.knee;
  k = KneeStanceFinding{};
  k.stance_end_percent = options.stance_end_percent;
  const auto last = static_cast<std::size_t>(std::floor(options.stance_end_percent / 2.0));
  const auto& knee = out.variables[static_cast<std::size_t>(GaitVariable::knee_flexion)];
  const auto norm = gait_norm_curve(options.speed, GaitVariable::knee_flexion);
  std::size_t at = 0, norm_at = 0;
  bool all = true;
  for (std::size_t p = 0; p <= last; ++p) {
    if (!(knee.curve[p] == knee.curve[p])) all = false;
    if (all && knee.curve[p] < knee.curve[at]) at = p;
    if (norm[p].mean_deg < norm[norm_at].mean_deg) norm_at = p;
  }
  k.norm_least_flexion = deg_to_rad(norm[norm_at].mean_deg);
  k.norm_sd = deg_to_rad(norm[norm_at].sd_deg);
  k.norm_least_percent = 2.0 * static_cast<double>(norm_at);
  k.threshold = k.norm_least_flexion + options.knee_sd_multiple * k.norm_sd;
  k.known = all;
  if (all) {
    k.least_flexion = knee.curve[at];
    k.least_flexion_percent = 2.0 * static_cast<double>(at);
    k.never_extends = k.least_flexion > k.threshold;
  }
}

ARTHROKIN_FUNC std::vector<std::size_t> detect_initial_contacts(std::span<const double> knee, double frame_rate_hz,
                                                                const GaitDetectorOptions& options) {
  detail::check_detector(options, frame_rate_hz, "detect_initial_contacts");
  std::vector<std::size_t> contacts;
  const double excursion = to_radians(options.min_swing_excursion), h = to_radians(options.hysteresis);
  const std::size_t n = knee.size();
  // Look for the minima on either side of a peak within one longest cycle.
  const auto window = static_cast<std::size_t>(std::ceil(options.max_cycle_s * frame_rate_hz));
  auto ok = [&](std::size_t i) { return knee[i] == knee[i]; };
  std::size_t next = 0;  // frames before this are already part of a contact found
  for (std::size_t i = 1; i + 1 < n; ++i) {
    // A swing peak: a local maximum (first frame of a plateau) whose prominence — its height above the
    // higher of the lowest points on either side before a higher frame, a gap or one cycle — is at
    // least the excursion.
    if (i < next || !ok(i) || !ok(i - 1) || !(knee[i] > knee[i - 1])) continue;
    std::size_t j = i;
    while (j + 1 < n && ok(j + 1) && knee[j + 1] == knee[i]) ++j;
    if (j + 1 >= n || !ok(j + 1) || !(knee[j + 1] < knee[i])) continue;
    double left_min = knee[i], right_min = knee[i];
    for (std::size_t g = i; g-- > 0 && i - g <= window && ok(g) && knee[g] <= knee[i];)
      left_min = std::min(left_min, knee[g]);
    for (std::size_t g = j + 1; g < n && g - j <= window && ok(g) && knee[g] <= knee[i]; ++g)
      right_min = std::min(right_min, knee[g]);
    if (!(knee[i] - std::max(left_min, right_min) >= excursion)) continue;
    // Initial contact: the knee's first minimum after the peak, once it has flexed h above it again.
    std::size_t at = j + 1;
    bool found = false;
    for (std::size_t g = j + 1; g < n && ok(g) && g - j <= window; ++g) {
      if (knee[g] < knee[at]) at = g;
      if (knee[g] >= knee[at] + h) {
        found = true;
        break;
      }
    }
    if (found && (contacts.empty() || at > contacts.back())) contacts.push_back(at);
    next = found ? at + 1 : j + 1;
  }
  return contacts;
}

ARTHROKIN_FUNC GaitCycleRecorder::GaitCycleRecorder(Side side, std::size_t capacity) : side_(side) {
  detail::check_side(side, "GaitCycleRecorder");
  if (capacity < 2) detail::raise("GaitCycleRecorder: capacity must be at least 2, got " + std::to_string(capacity));
  buffer_.resize(capacity);
}

ARTHROKIN_FUNC void GaitCycleRecorder::add(const Pose& pose, const GaitLabAngles& lab) noexcept {
  if (!started_ || overflow_) return;
  if (size_ == buffer_.size()) {
    overflow_ = true;
    return;
  }
  gait_frame_values(pose, side_, lab, buffer_[size_++]);
}

ARTHROKIN_FUNC bool GaitCycleRecorder::contact(const Pose& pose, std::size_t frame, const GaitOptions& options,
                                               GaitCycleScore& out, const GaitLabAngles& lab) {
  GaitSample here{};
  gait_frame_values(pose, side_, lab, here);
  bool closed = false;
  if (started_) {
    if (overflow_ || size_ == buffer_.size()) {
      ++dropped_;
    } else {
      buffer_[size_++] = here;
      score_cycle(std::span<const GaitSample>(buffer_.data(), size_), side_, options, out);
      out.first_frame = first_frame_;
      out.last_frame = frame;
      closed = true;
    }
  }
  started_ = true;
  overflow_ = false;
  buffer_[0] = here;
  size_ = 1;
  first_frame_ = frame;
  return closed;
}

namespace detail {
inline GaitReport analyse_with(std::span<const Pose> poses, double rate, const GaitContacts& contacts, bool detected,
                               const GaitOptions& options, std::span<const GaitLabFrame> lab) {
  check_detector(options.detector, rate, "analyse_gait");
  check_options(options, "analyse_gait");
  if (!lab.empty() && lab.size() != poses.size())
    raise("analyse_gait: expected " + std::to_string(poses.size()) + " laboratory frames (one per pose), got " +
          std::to_string(lab.size()));
  GaitReport rep;
  rep.options = options;
  rep.contacts = contacts;
  rep.contacts_detected = detected;
  std::vector<GaitSample> values(poses.size());
  const GaitLabAngles none{};
  for (Side side : {Side::left, Side::right}) {
    const auto& c = side == Side::left ? contacts.left : contacts.right;
    for (std::size_t i = 0; i < c.size(); ++i) {
      if (c[i] >= poses.size())
        raise("analyse_gait: " + std::string(to_string(side)) + " contact at frame " + std::to_string(c[i]) +
              " is past the last frame " + std::to_string(poses.size() - 1));
      if (i > 0 && c[i] <= c[i - 1])
        raise("analyse_gait: " + std::string(to_string(side)) + " contacts must increase (frame " +
              std::to_string(c[i]) + " after " + std::to_string(c[i - 1]) + ")");
    }
    if (c.size() < 2) continue;
    for (std::size_t f = c.front(); f <= c.back(); ++f)
      gait_frame_values(poses[f], side, lab.empty() ? none : lab[f][side], values[f]);
    for (std::size_t i = 0; i + 1 < c.size(); ++i) {
      const double seconds = static_cast<double>(c[i + 1] - c[i]) / rate;
      if (seconds < options.detector.min_cycle_s || seconds > options.detector.max_cycle_s) {
        ++rep.skipped_cycles;
        continue;
      }
      GaitCycleScore s;
      score_cycle(std::span<const GaitSample>(values.data() + c[i], c[i + 1] - c[i] + 1), side, options, s);
      s.first_frame = c[i];
      s.last_frame = c[i + 1];
      rep.cycles.push_back(s);
    }
  }
  std::stable_sort(rep.cycles.begin(), rep.cycles.end(),
                   [](const GaitCycleScore& a, const GaitCycleScore& b) { return a.first_frame < b.first_frame; });
  return rep;
}
}  // namespace detail

ARTHROKIN_FUNC GaitReport analyse_gait(std::span<const Pose> poses, double frame_rate_hz, const GaitOptions& options,
                                       std::span<const GaitLabFrame> lab) {
  detail::check_detector(options.detector, frame_rate_hz, "analyse_gait");
  GaitContacts contacts;
  std::vector<double> knee(poses.size());
  for (Side side : {Side::left, Side::right}) {
    const DofId d = side == Side::left ? DofId::left_knee_flexion_extension : DofId::right_knee_flexion_extension;
    for (std::size_t f = 0; f < poses.size(); ++f) {
      const auto a = poses[f].get(d);
      knee[f] = a ? to_radians(*a) : detail::gait_nan;
    }
    (side == Side::left ? contacts.left : contacts.right) =
        detect_initial_contacts(knee, frame_rate_hz, options.detector);
  }
  return detail::analyse_with(poses, frame_rate_hz, contacts, true, options, lab);
}

ARTHROKIN_FUNC GaitReport analyse_gait(std::span<const Pose> poses, double frame_rate_hz, const GaitContacts& contacts,
                                       const GaitOptions& options, std::span<const GaitLabFrame> lab) {
  return detail::analyse_with(poses, frame_rate_hz, contacts, false, options, lab);
}

namespace detail {
// One decimal, never "-0.0".
inline std::string gait_deg(double rad) {
  return format_number("%.1f", std::round(rad_to_deg(rad) * 10.0) / 10.0 + 0.0) + " deg";
}
inline std::string norm_words(const GaitOptions& o) {
  static constexpr std::array<std::string_view, gait_speed_count> speeds{"very slow", "slow", "free", "fast",
                                                                         "very fast"};
  return "typically developing children walking at " + std::string(speeds[static_cast<std::size_t>(o.speed)]) +
         " speed, " + std::string(gait_norms_source);
}
}  // namespace detail

ARTHROKIN_FUNC std::string describe(const KneeStanceFinding& k, Side side, const GaitOptions& options) {
  const std::string who = std::string(to_string(side)) + " knee";
  const std::string stance = "stance (0-" + detail::format_number("%g", k.stance_end_percent) + " % of the cycle)";
  const std::string norm = "the normal " + detail::gait_deg(k.norm_least_flexion) + " +- " +
                           detail::format_number("%.1f", rad_to_deg(k.norm_sd)) + " deg (" +
                           detail::norm_words(options) + ")";
  if (!k.known) return who + ": flexion in " + stance + " not known (the knee was not observed throughout)";
  const std::string where =
      detail::gait_deg(k.least_flexion) + " at " + detail::format_number("%g", k.least_flexion_percent) + " %";
  if (k.never_extends)
    return who + " never extends in stance: its least flexion in " + stance + " is " + where + ", above " + norm;
  return who + " extends in stance: its least flexion in " + stance + " is " + where + ", against " + norm;
}

ARTHROKIN_FUNC std::string describe(const GaitCycleScore& c, const GaitOptions& options) {
  std::string out = std::string(to_string(c.side)) + " cycle, frames " + std::to_string(c.first_frame) + "-" +
                    std::to_string(c.last_frame) + ": ";
  if (c.gps_variable_count)
    out += "GPS " + detail::gait_deg(c.gps) + " over " + std::to_string(c.gps_variable_count) + " of " +
           std::to_string(options.gps_variables.count()) + " variables";
  else
    out += "GPS not known (no GPS variable observed)";
  std::string unknown;
  for (const auto& v : c.variables) {
    if (!v.known) {
      unknown += (unknown.empty() ? "" : ", ") + std::string(display_name(v.variable));
      continue;
    }
    out += "; " + std::string(display_name(v.variable)) + " GVS " + detail::gait_deg(v.gvs) + ", " +
           std::to_string(v.outside.count()) + " of 51 points outside the band";
  }
  if (!unknown.empty()) out += "; not known: " + unknown;
  out += ". " + describe(c.knee, c.side, options) + ".";
  return out;
}

}  // namespace arthrokin
