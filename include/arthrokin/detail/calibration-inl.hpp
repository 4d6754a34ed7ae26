/// @file calibration-inl.hpp
/// @brief Definitions of kinematics/calibration.hpp: compiled once into the library
///        (src/core/kinematics.cpp), or included by the header in header-only mode
///        (config.hpp).
#pragma once

#include <arthrokin/detail/kinematics_kernels.hpp>
#include <arthrokin/detail/text.hpp>
#include <arthrokin/error.hpp>
#include <arthrokin/kinematics/calibration.hpp>
#include <arthrokin/kinematics/forward.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace arthrokin {

namespace detail {

/// Angle of the rotation between two unit quaternions (radians, in [0, π]).
/// The unit eigenvector of the largest eigenvalue of a symmetric positive semi-definite `a`
/// (Markley's quaternion mean), by power iteration from `x`, one of the averaged quaternions
/// (so never orthogonal to it). Frames that pass the stillness check make `a` nearly rank one
/// (λ2/λ1 ≈ sin²(spread/2)), so it converges in a few steps; a full eigensolver
/// (<Eigen/Eigenvalues>) cost about 8 s of compile time in every header-only unit.
[[nodiscard]] inline Eigen::Vector4d dominant_eigenvector(const Eigen::Matrix4d& a, Eigen::Vector4d x) noexcept {
  x.normalize();
  for (int step = 0; step < 500; ++step) {
    Eigen::Vector4d y = a * x;
    const double norm = y.norm();
    if (!(norm > 0)) break;
    y /= norm;
    const double change = (y - x).norm();
    x = y;
    if (change < 1e-15) break;
  }
  return x;
}

[[nodiscard]] inline double quaternion_distance(const Eigen::Quaterniond& a, const Eigen::Quaterniond& b) noexcept {
  const double d = std::min(1.0, std::abs(a.coeffs().dot(b.coeffs())));
  return 2.0 * std::acos(d);
}

/// The smallest rotation taking unit vector `from` onto unit vector `to`.
[[nodiscard]] inline Eigen::Quaterniond shortest_arc(const Eigen::Vector3d& from, const Eigen::Vector3d& to) noexcept {
  // Written out rather than Quaternion::FromTwoVectors, which instantiates a JacobiSVD for the
  // antiparallel case (about 3 s of compile time in every header-only unit).
  const Eigen::Vector3d a = from.normalized(), b = to.normalized();
  const double c = a.dot(b);
  if (c < -1 + 1e-12) {  // antiparallel: a half turn about any axis orthogonal to `a`
    const Eigen::Vector3d other = std::abs(a.x()) < 0.9 ? Eigen::Vector3d(1, 0, 0) : Eigen::Vector3d(0, 1, 0);
    const Eigen::Vector3d axis = a.cross(other).normalized();
    return Eigen::Quaterniond(0, axis.x(), axis.y(), axis.z());
  }
  const Eigen::Vector3d v = a.cross(b);
  return Eigen::Quaterniond(1 + c, v.x(), v.y(), v.z()).normalized();
}

[[nodiscard]] inline std::string degrees_text(double rad) { return format_number("%.1f", rad * 180.0 / pi) + "°"; }

}  // namespace detail

ARTHROKIN_FUNC std::optional<Neutral> parse_neutral(std::string_view name) noexcept {
  if (name == "standing") return Neutral::standing;
  if (name == "anatomical") return Neutral::anatomical;
  if (name == "t-pose" || name == "t_pose" || name == "tpose") return Neutral::t_pose;
  return std::nullopt;
}

ARTHROKIN_FUNC Pose neutral_pose(Neutral n, const JointAngleOptions& options) {
  Pose p;
  for (DofId d : all_dofs) {
    if (axis_of(d) == Axis::horizontal_abduction_adduction) continue;
    p.set(d, radians(0.0));
  }
  if (n == Neutral::anatomical) {
    // ISB forearm angle 0 = clinical pronation −s_mid (joint_angles.hpp).
    p.set(DofId::left_forearm_pronation_supination, radians(-options.forearm_mid_position_rad));
    p.set(DofId::right_forearm_pronation_supination, radians(-options.forearm_mid_position_rad));
  } else if (n == Neutral::t_pose) {
    // Abduction 90° is adduction −90° (dof.hpp); at 90° of elevation in the frontal plane the
    // plane of elevation, i.e. horizontal ab/adduction, is 0 (joint_angles.hpp).
    p.set(DofId::left_shoulder_abduction_adduction, radians(-detail::pi / 2));
    p.set(DofId::right_shoulder_abduction_adduction, radians(-detail::pi / 2));
    p.set(DofId::left_shoulder_horizontal_abduction_adduction, radians(0.0));
    p.set(DofId::right_shoulder_horizontal_abduction_adduction, radians(0.0));
  }
  return p;
}

ARTHROKIN_FUNC double NeutralCalibration::offset_angle_rad(Segment s) const noexcept {
  return detail::quaternion_distance(q_correction_[index(s)], Eigen::Quaterniond::Identity());
}

ARTHROKIN_FUNC void NeutralCalibration::apply(SegmentOrientations& segments) const noexcept {
  for (std::size_t i = 0; i < segment_count; ++i) {
    if (!has_.test(i) || !segments.known.test(i) || segments.degenerate.test(i)) continue;
    Eigen::Quaterniond u;
    if (!detail::normalized_rotation(segments.q_global_segment[i], u)) continue;  // missing or invalid: as is
    segments.q_global_segment[i] = (u * q_correction_[i]).normalized();
  }
}

ARTHROKIN_FUNC NeutralCalibration calibrate_neutral(std::span<const SegmentOrientations> frames, const Pose& expected,
                                                    const CalibrationOptions& options) {
  using detail::degrees_text;
  if (frames.empty()) detail::raise("calibrate_neutral: no neutral frames given");
  if (!(options.max_spread_rad >= 0) || !(options.max_offset_rad >= 0))
    detail::raise("calibrate_neutral: max_spread_rad and max_offset_rad must be non-negative numbers");
  Eigen::Vector3d up = Eigen::Vector3d::Zero();
  if (options.has_up()) {
    if (!options.up.allFinite() || !(options.up.norm() > 0))
      detail::raise("calibrate_neutral: up must be a finite, non-zero vector");
    up = options.up.normalized();
  }

  NeutralCalibration out;
  out.expected_ = expected;
  out.frames_ = frames.size();

  // 1. The mean rotation of every segment over the frames (Markley et al. 2007) and its spread.
  std::array<Eigen::Quaterniond, segment_count> mean;
  std::bitset<segment_count> known;
  for (std::size_t i = 0; i < segment_count; ++i) {
    Eigen::Matrix4d a = Eigen::Matrix4d::Zero();
    Eigen::Vector4d first(0, 0, 0, 0);
    std::size_t n = 0;
    for (const auto& f : frames) {
      Eigen::Quaterniond u;
      if (!f.known.test(i) || f.degenerate.test(i) || !detail::normalized_rotation(f.q_global_segment[i], u)) continue;
      a += u.coeffs() * u.coeffs().transpose();
      if (n++ == 0) first = u.coeffs();
    }
    if (n == 0) continue;
    Eigen::Quaterniond q;
    q.coeffs() = detail::dominant_eigenvector(a, first);
    q.normalize();
    double spread = 0.0;
    std::size_t worst = 0;
    for (std::size_t k = 0; k < frames.size(); ++k) {
      Eigen::Quaterniond u;
      const auto& f = frames[k];
      if (!f.known.test(i) || f.degenerate.test(i) || !detail::normalized_rotation(f.q_global_segment[i], u)) continue;
      const double d = detail::quaternion_distance(u, q);
      if (d > spread) spread = d, worst = k;
    }
    if (options.segments.test(i) && spread > options.max_spread_rad)
      detail::raise(
          "calibrate_neutral: the neutral frames are not still: " + std::string(to_string(static_cast<Segment>(i))) +
          " in neutral frame " + std::to_string(worst) + " is " + degrees_text(spread) +
          " from its mean over the frames (at most " + degrees_text(options.max_spread_rad) + ", max_spread_rad)");
    mean[i] = q;
    known.set(i);
    out.spread_[i] = spread;
  }

  // 2. Expected relative rotations parent → segment of the declared posture.
  const SegmentOrientations model = segment_orientations(expected, Eigen::Quaterniond::Identity(), options.angles);

  // 3. Corrected neutral frames from the pelvis outwards (the enum order visits a parent first).
  std::array<Eigen::Quaterniond, segment_count> neutral;  // E_s
  std::bitset<segment_count> has_neutral;
  const bool abdomen_known = known.test(static_cast<std::size_t>(Segment::abdomen));
  constexpr std::array<Segment, segment_count> order{
      Segment::pelvis,         Segment::abdomen,      Segment::thorax,      Segment::head,
      Segment::left_upper_arm, Segment::left_forearm, Segment::left_hand,   Segment::right_upper_arm,
      Segment::right_forearm,  Segment::right_hand,   Segment::left_thigh,  Segment::left_shank,
      Segment::left_foot,      Segment::right_thigh,  Segment::right_shank, Segment::right_foot};
  for (const Segment s : order) {
    const auto i = static_cast<std::size_t>(s);
    if (!known.test(i)) continue;
    const bool wanted = options.segments.test(i);
    Eigen::Quaterniond e = mean[i];
    bool calibrate = false;
    if (s == Segment::pelvis) {
      if (wanted && options.has_up()) {
        e = (detail::shortest_arc(mean[i] * Eigen::Vector3d::UnitY(), up) * mean[i]).normalized();
        calibrate = true;
      }
    } else {
      const Segment p = parent_segment(s, abdomen_known);
      const auto ip = static_cast<std::size_t>(p);
      if (wanted && has_neutral.test(ip)) {
        const Eigen::Quaterniond t = model.q_global_segment[ip].conjugate() * model.q_global_segment[i];
        e = (neutral[ip] * t).normalized();
        calibrate = true;
      }
    }
    neutral[i] = e;
    has_neutral.set(i);
    if (!calibrate) continue;
    Eigen::Quaterniond c = (mean[i].conjugate() * e).normalized();
    if (c.w() < 0) c.coeffs() = -c.coeffs();
    const double off = detail::quaternion_distance(c, Eigen::Quaterniond::Identity());
    if (off > options.max_offset_rad) {
      const std::string what = s == Segment::pelvis
                                   ? std::string("the pelvis is tilted ") + degrees_text(off) + " from upright"
                                   : std::string(to_string(s)) + " is " + degrees_text(off) +
                                         " from its declared neutral orientation relative to " +
                                         std::string(to_string(parent_segment(s, abdomen_known)));
      detail::raise("calibrate_neutral: the frames are not the declared posture: " + what + " (at most " +
                    degrees_text(options.max_offset_rad) + ", max_offset_rad)");
    }
    out.q_correction_[i] = c;
    out.has_.set(i);
  }
  return out;
}

ARTHROKIN_FUNC NeutralCalibration calibrate_neutral(std::span<const SegmentOrientations> frames, Neutral neutral,
                                                    const CalibrationOptions& options) {
  return calibrate_neutral(frames, neutral_pose(neutral, options.angles), options);
}

}  // namespace arthrokin
