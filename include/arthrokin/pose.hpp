/// @file pose.hpp
/// @brief `Pose`: one signed angle per degree of freedom, and which were observed.
///
/// A pose is a flat block of `dof_count` doubles (radians), indexed by
/// `DofId`, plus a mask of the DoFs that were observed. An unobserved DoF is
/// *unknown*: it reads as `std::nullopt`, is stored as NaN, and is never
/// treated as zero.
#pragma once

#include <arthrokin/angle.hpp>
#include <arthrokin/dof.hpp>
#include <arthrokin/error.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <bitset>
#include <cmath>
#include <limits>
#include <optional>

namespace arthrokin {

/// Raw storage of a pose: radians, NaN for unknown.
using PoseVector = Eigen::Matrix<double, static_cast<int>(dof_count), 1>;

class Pose {
 public:
  /// A pose with every DoF unknown.
  Pose() noexcept { std::fill_n(radians_.data(), dof_count, std::numeric_limits<double>::quiet_NaN()); }

  /// Observe `dof` at `angle`. Throws `invalid_argument` on NaN or infinity.
  Pose& set(DofId dof, Angle angle) {
    const double r = to_radians(angle);
    if (!std::isfinite(r)) [[unlikely]]
      raise_not_finite(dof, r);
    radians_[static_cast<Eigen::Index>(index(dof))] = r;
    observed_.set(index(dof));
    return *this;
  }
  /// Mark `dof` unknown.
  Pose& clear(DofId dof) noexcept {
    radians_[static_cast<Eigen::Index>(index(dof))] = std::numeric_limits<double>::quiet_NaN();
    observed_.reset(index(dof));
    return *this;
  }
  /// The angle of `dof`, or nullopt when it was not observed.
  [[nodiscard]] std::optional<Angle> get(DofId dof) const noexcept {
    if (!observed_.test(index(dof))) return std::nullopt;
    return radians(radians_[static_cast<Eigen::Index>(index(dof))]);
  }
  [[nodiscard]] std::optional<Angle> operator[](DofId dof) const noexcept { return get(dof); }
  [[nodiscard]] bool observed(DofId dof) const noexcept { return observed_.test(index(dof)); }
  [[nodiscard]] std::size_t observed_count() const noexcept { return observed_.count(); }
  [[nodiscard]] const std::bitset<dof_count>& observed_mask() const noexcept { return observed_; }

  /// Raw radians (NaN where unknown), without copy.
  [[nodiscard]] const PoseVector& as_radians() const& noexcept { return radians_; }
  /// On a temporary pose: a copy (`const auto& v = f().as_radians();` does not dangle).
  [[nodiscard]] PoseVector as_radians() && noexcept { return radians_; }

  /// A pose from raw radians: finite values are observed, NaN means unknown.
  /// Throws `invalid_argument` on infinity or a wrong size.
  template <class Derived>
  [[nodiscard]] static Pose from_radians(const Eigen::MatrixBase<Derived>& rad) {
    if (rad.size() != static_cast<Eigen::Index>(dof_count))
      detail::raise("Pose::from_radians: expected " + std::to_string(dof_count) + " values, got " +
                    std::to_string(rad.size()));
    Pose p;
    for (std::size_t i = 0; i < dof_count; ++i) {
      const double v = rad(static_cast<Eigen::Index>(i));
      if (std::isnan(v)) continue;
      if (!std::isfinite(v))
        detail::raise("Pose::from_radians: " + std::string(to_string(static_cast<DofId>(i))) + " is infinite");
      p.radians_[static_cast<Eigen::Index>(i)] = v;
      p.observed_.set(i);
    }
    return p;
  }

  /// The same pose with left and right exchanged (spinal lateral flexion and
  /// axial rotation change sign, since "to the right" becomes "to the left").
  [[nodiscard]] Pose mirrored() const noexcept {
    Pose m;
    for (DofId d : all_dofs) {
      if (!observed(d)) continue;
      double v = radians_[static_cast<Eigen::Index>(index(d))];
      if (side_of(d) == Side::none && axis_of(d) != Axis::flexion_extension) v = -v;
      m.radians_[static_cast<Eigen::Index>(index(mirror(d)))] = v;
      m.observed_.set(index(mirror(d)));
    }
    m.tl_observed_ = tl_observed_;
    m.tl_radians_ = tl_radians_;
    m.tl_radians_[1] = -m.tl_radians_[1];
    m.tl_radians_[2] = -m.tl_radians_[2];
    return m;
  }

  /// Thoracolumbar total (thoracic + lumbar) of a spinal axis (flexion_extension,
  /// lateral_flexion or axial_rotation): the sum of the two DoFs when both are
  /// observed, else the total set with `set_thoracolumbar` (e.g. from keypoints,
  /// which see the thorax and the pelvis but not the split between the two
  /// regions), else unknown.
  [[nodiscard]] std::optional<Angle> thoracolumbar(Axis axis) const noexcept {
    const auto k = spine_slot(axis);
    if (k < 0) return std::nullopt;
    const auto t = get(*find_dof(Joint::thoracic, axis, Side::none));
    const auto l = get(*find_dof(Joint::lumbar, axis, Side::none));
    if (t && l) return *t + *l;
    if (tl_observed_.test(static_cast<std::size_t>(k))) return radians(tl_radians_[k]);
    return std::nullopt;
  }
  /// Observe the thoracolumbar total of a spinal axis without its split.
  Pose& set_thoracolumbar(Axis axis, Angle total) {
    const auto k = spine_slot(axis);
    if (k < 0) detail::raise("Pose::set_thoracolumbar: " + std::string(to_string(axis)) + " is not a spinal axis");
    const double r = to_radians(total);
    if (!std::isfinite(r)) detail::raise("Pose::set_thoracolumbar: total must be finite");
    tl_radians_[k] = r;
    tl_observed_.set(static_cast<std::size_t>(k));
    return *this;
  }
  /// Raw thoracolumbar totals set with `set_thoracolumbar` (radians, NaN where not set).
  [[nodiscard]] Eigen::Vector3d thoracolumbar_radians() const noexcept {
    Eigen::Vector3d v = tl_radians_;
    for (int k = 0; k < 3; ++k)
      if (!tl_observed_.test(static_cast<std::size_t>(k))) v[k] = std::numeric_limits<double>::quiet_NaN();
    return v;
  }

  friend bool operator==(const Pose& a, const Pose& b) noexcept {
    if (a.observed_ != b.observed_ || a.tl_observed_ != b.tl_observed_) return false;
    for (int k = 0; k < 3; ++k)
      if (a.tl_observed_.test(static_cast<std::size_t>(k)) && a.tl_radians_[k] != b.tl_radians_[k]) return false;
    for (std::size_t i = 0; i < dof_count; ++i)
      if (a.observed_.test(i) && a.radians_[static_cast<Eigen::Index>(i)] != b.radians_[static_cast<Eigen::Index>(i)])
        return false;
    return true;
  }

 private:
  // Out of line and cold, so that `set` stays small enough to inline into the per-frame paths.
  [[noreturn, gnu::noinline, gnu::cold]] static void raise_not_finite(DofId dof, double r) {
    detail::raise("Pose::set: " + std::string(to_string(dof)) + " must be finite, got " + std::to_string(r));
  }
  static constexpr int spine_slot(Axis a) noexcept {
    return a == Axis::flexion_extension ? 0 : a == Axis::lateral_flexion ? 1 : a == Axis::axial_rotation ? 2 : -1;
  }
  PoseVector radians_;
  std::bitset<dof_count> observed_;
  Eigen::Vector3d tl_radians_{0.0, 0.0, 0.0};
  std::bitset<3> tl_observed_;
};

}  // namespace arthrokin
