/// @file keypoints-inl.hpp
/// @brief Definitions of keypoints.hpp (the frames built from the points, see its
///        file comment): compiled once into the library (src/core/kinematics.cpp),
///        or included by the header in header-only mode (config.hpp).
#pragma once

#include <arthrokin/detail/avx2_copy.hpp>
#include <arthrokin/detail/joint_solver.hpp>
#include <arthrokin/detail/keypoint_checks.hpp>
#include <arthrokin/detail/kinematics_kernels.hpp>
#include <arthrokin/detail/median_network.hpp>
#include <arthrokin/error.hpp>
#include <arthrokin/kinematics/keypoints.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <numbers>
#include <string>

namespace arthrokin {

namespace detail {

/// Capacity for the points of one frame (the largest layout, BlazePose, has 33).
inline constexpr std::size_t max_keypoints = median_capacity;
static_assert(keypoint_count(Layout::blazepose33) <= max_keypoints && keypoint_count(Layout::coco17) <= max_keypoints &&
              keypoint_count(Layout::h36m17) <= max_keypoints && keypoint_count(Layout::smpl24) <= max_keypoints);
/// No role twice in a layout: `PointSource` writes each keypoint straight into its role's slot.
constexpr bool roles_unique(Layout l) {
  const auto rs = roles(l);
  for (std::size_t i = 0; i < rs.size(); ++i)
    for (std::size_t j = i + 1; j < rs.size(); ++j)
      if (rs[i] == rs[j]) return false;
  return true;
}
static_assert(roles_unique(Layout::blazepose33) && roles_unique(Layout::coco17) && roles_unique(Layout::h36m17) &&
              roles_unique(Layout::smpl24));

/// The error of a view with an infinite coordinate or a visibility outside [0, 1]
/// (require_keypoint_values). `PointSource` calls it when its pass over the points has seen one (the
/// valid frames of a stream pay no second pass).
[[noreturn]] inline void raise_invalid_keypoints(const KeypointView& view) {
  require_keypoint_values(view, "keypoint_angles");
  raise("keypoint_angles: invalid keypoints");  // not reached: the caller saw one
}

/// The keypoints of one frame, in the library's right-handed Y-up frame, relative to the body
/// centre and in units of the body scale (see `keypoint_angles`), with a status per point.
struct PointSource {
  struct Pt {
    Eigen::Vector3d p = Eigen::Vector3d::Zero();
    DofStatus status = DofStatus::unobservable;
    double confidence = 0.0;
    explicit operator bool() const noexcept { return usable(status); }
  };
  std::array<int, role_count> index{};  // role → keypoint index, -1 absent
  std::array<Pt, role_count> pts{};     // by role
  double scale = 0.0;                   ///< body scale in source units (0: undetermined)

  /// Throws `invalid_argument` on an infinite coordinate or a visibility outside [0, 1]
  /// (raise_invalid_keypoints); the view's sizes are the caller's to check.
  PointSource(const KeypointView& v, const KeypointOptions& o) {
    index.fill(-1);
    const auto rs = roles(v.layout);
    const std::size_t n = rs.size();
    const Eigen::Matrix3d conv = conversion(o);

    // Source points and their status (missing, low visibility, or usable), written straight into
    // their role's slot; the usable coordinates are gathered (in keypoint order) for the medians.
    std::array<std::size_t, max_keypoints> slot;  // keypoint → role slot
    std::array<median_pair, max_keypoints> xy;    // the usable points' x and y
    std::array<double, max_keypoints> z;          // and z
    std::size_t n_usable = 0;
    bool invalid = false;  // an infinite coordinate or a visibility outside [0, 1]
    for (std::size_t k = 0; k < n; ++k) {
      const auto r = static_cast<std::size_t>(o.mirrored ? mirror(rs[k]) : rs[k]);
      slot[k] = r;
      index[r] = static_cast<int>(k);
      Pt& q = pts[r];
      q.p = conv * Eigen::Vector3d(v.xyz[3 * k], v.xyz[3 * k + 1], v.xyz[3 * k + 2]);
      q.confidence = v.visibility.empty() ? 1.0 : v.visibility[k];
      invalid |= !(q.confidence >= 0 && q.confidence <= 1);
      if (!q.p.allFinite()) {
        q.status = DofStatus::missing_segment;  // a NaN coordinate (±inf is an error, below)
        invalid |= std::isinf(v.xyz[3 * k]) || std::isinf(v.xyz[3 * k + 1]) || std::isinf(v.xyz[3 * k + 2]);
      } else if (q.confidence < o.min_visibility) {
        q.status = DofStatus::low_confidence;
      } else {
        q.status = DofStatus::observed;
        xy[n_usable] = median_pair{q.p.x(), q.p.y()};
        z[n_usable++] = q.p.z();
      }
    }
    if (invalid) raise_invalid_keypoints(v);
    // Body centre c: the component-wise (lower) median of the usable points. Body scale s: the
    // (lower) median distance of the usable points from c. Both are robust to a minority of
    // outliers, move with the body and scale with it. (The medians by a selection network:
    // median_network.hpp; x and y in one pass, as two lanes.)
    Eigen::Vector3d c = Eigen::Vector3d::Zero();
    double extent = 0.0;  // largest distance from c: the reference when s = 0
    if (n_usable > 0) {
      if (double m3[3]; lower_medians_xyz(xy, z, n_usable, m3)) {  // one 4-lane network (AVX2)
        c = Eigen::Vector3d(m3[0], m3[1], m3[2]);
      } else {
        const median_pair& mxy = lower_median(xy, n_usable);
        c = Eigen::Vector3d(mxy[0], mxy[1], lower_median_of(z, n_usable));
      }
      // The median distance is the square root of the median squared distance (a correctly rounded
      // sqrt is monotone: the same point is selected), one sqrt instead of a hypot per point. Where a
      // squared distance could have overflowed or lost digits to underflow, every distance is taken
      // with hypot instead (no overflow or underflow in the squares).
      constexpr double tiny = 0x1p-900, huge = 0x1p+900;  // squares of |d| in [2^-450, 2^450] are exact enough
      bool safe = true;
      std::array<double, max_keypoints>& dist = z;  // z is no longer needed
      // `f(d)` of every usable point's offset d from c, in keypoint order, into dist; their count
      const auto distances = [&](auto f) {
        std::size_t m = 0;
        for (std::size_t k = 0; k < n; ++k)
          if (const Pt& q = pts[slot[k]]; usable(q.status)) dist[m++] = f(Eigen::Vector3d(q.p - c));
        return m;
      };
      std::size_t m = distances([&](const Eigen::Vector3d& d) {
        const double d2 = d.squaredNorm();
        safe = safe && ((d2 > tiny && d2 < huge) || d.isZero(0.0));  // not 0 by underflow
        return d2;
      });
      if (!safe) m = distances([](const Eigen::Vector3d& d) { return std::hypot(d.x(), d.y(), d.z()); });
      extent = *std::max_element(dist.begin(), dist.begin() + static_cast<std::ptrdiff_t>(m));
      scale = lower_median_of(dist, m);
      if (safe) extent = std::sqrt(extent), scale = std::sqrt(scale);
    }
    const bool scaled = scale > 0 && std::isfinite(scale);
    if (!scaled) scale = 0.0;
    for (std::size_t k = 0; k < n; ++k) {
      Pt& q = pts[slot[k]];
      if (usable(q.status)) {
        // Rounding error of the point relative to the body scale: its coordinates were rounded at
        // their own magnitude (half an ulp: ≤ 2^-53 |x| + 2^-1074, subnormals included), and
        // p − c is rounded at its magnitude. The rounding of c itself is common to all points.
        // When s = 0 (most points coincide) it is measured against the extent instead: points
        // that coincide only because rounding merged them are ill-conditioned, not degenerate.
        const Eigen::Vector3d d = q.p - c;
        const double err = 0x1p-53 * (q.p.cwiseAbs().maxCoeff() + d.cwiseAbs().maxCoeff()) + 0x1p-1074;
        const double ref = scaled ? scale : extent;
        if (ref > 0 && !(err <= o.max_rounding_fraction * ref))
          q.status = DofStatus::ill_conditioned;
        else if (!scaled)
          q.status = DofStatus::degenerate_geometry;  // no frame is determined
        else
          q.p = d / scale;
      }
      if (!usable(q.status)) q.p.setZero();
    }
  }

  /// Source coordinates → the library's right-handed Y-up frame: a signed permutation (exact).
  static Eigen::Matrix3d conversion(const KeypointOptions& o) {
    Eigen::Matrix3d hand = Eigen::Matrix3d::Identity();
    if (!o.right_handed) hand(2, 2) = -1;
    Eigen::Matrix3d up = Eigen::Matrix3d::Identity();
    if (o.up == UpAxis::y_down) up = Eigen::Vector3d(1, -1, -1).asDiagonal();  // 180° about x
    if (o.up == UpAxis::z_up) up << 1, 0, 0, 0, 0, 1, 0, -1, 0;                // -90° about x
    Eigen::Matrix3d mir = Eigen::Matrix3d::Identity();
    if (o.mirrored) mir(0, 0) = -1;
    return mir * up * hand;
  }

  /// The point of role r; a role the layout does not have reads as `Pt{}` (its slot is never written).
  const Pt& get(Role r) const noexcept { return pts[static_cast<std::size_t>(r)]; }
  bool has(Role r) const noexcept { return index[static_cast<std::size_t>(r)] >= 0; }
};

inline DofStatus worst(std::initializer_list<DofStatus> l) noexcept {
  DofStatus s = DofStatus::observed;
  for (DofStatus x : l) s = combine(s, x);
  return s;
}

/// Unit vector or status.
inline bool unit(const Eigen::Vector3d& v, double min_len, Eigen::Vector3d& out) noexcept {
  const double n = v.norm();
  if (!(n > min_len)) return false;
  out = v / n;
  return true;
}

/// Frame from a Y axis and an approximate Z (orthogonalised); the Z vector must be longer than `min_len`.
inline bool frame_yz(const Eigen::Vector3d& y, const Eigen::Vector3d& z_approx, double min_sin, double min_len,
                     Eigen::Matrix3d& r) {
  Eigen::Vector3d zz = z_approx - z_approx.dot(y) * y;
  const double n = zz.norm(), nz = z_approx.norm();
  if (!(nz > min_len) || !(n > min_sin * nz)) return false;
  zz /= n;
  r.col(1) = y;
  r.col(2) = zz;
  r.col(0) = y.cross(zz);
  return true;
}
/// Frame from a Z axis and an approximate Y (orthogonalised); the Y vector must be longer than `min_len`.
inline bool frame_zy(const Eigen::Vector3d& z, const Eigen::Vector3d& y_approx, double min_sin, double min_len,
                     Eigen::Matrix3d& r) {
  Eigen::Vector3d yy = y_approx - y_approx.dot(z) * z;
  const double n = yy.norm(), ny = y_approx.norm();
  if (!(ny > min_len) || !(n > min_sin * ny)) return false;
  yy /= n;
  r.col(1) = yy;
  r.col(2) = z;
  r.col(0) = yy.cross(z);
  return true;
}

/// The sines and cosines of a `KeypointOptions`' angles that the frames use.
struct KeypointTrig {
  double sin_min, cos_hinge_reference, cos_max_hyperextension, cos_forearm_mid, sin_forearm_mid;
};
/// `KeypointTrig` of `o`, computed once per thread for as long as the four angles keep their bits
/// (a stream of frames checked with the same options costs no sin or cos per frame).
inline const KeypointTrig& keypoint_trig(const KeypointOptions& o) {
  // The angles' bits by memcpy, not std::bit_cast: the libc++ of Debian's emscripten lacks it.
  const std::array<double, 4> angles{o.min_plane_angle_rad, o.hinge_reference_angle_rad, o.max_hyperextension_rad,
                                     o.angles.forearm_mid_position_rad};
  std::array<std::uint64_t, 4> key{};
  std::memcpy(key.data(), angles.data(), sizeof key);
  struct Cache {
    std::array<std::uint64_t, 4> key;
    KeypointTrig trig;
    bool set = false;
  };
  thread_local Cache c;
  if (!c.set || c.key != key) {
    c.trig = {std::sin(o.min_plane_angle_rad), std::cos(o.hinge_reference_angle_rad),
              std::cos(o.max_hyperextension_rad), std::cos(o.angles.forearm_mid_position_rad),
              std::sin(o.angles.forearm_mid_position_rad)};
    c.key = key;
    c.set = true;
  }
  return c.trig;
}

struct FrameBuilder {
  const PointSource& src;
  const KeypointOptions& opt;
  SegmentStates& seg;
  bool pelvis_tilt_unobservable = false;
  // the trigonometric constants of the options (not per use, and not per frame: keypoint_trig)
  const KeypointTrig& trig = keypoint_trig(opt);
  double sin_min_ = trig.sin_min;
  double cos_hinge_reference_ = trig.cos_hinge_reference;
  double cos_max_hyperextension_ = trig.cos_max_hyperextension;
  double cos_forearm_mid_ = trig.cos_forearm_mid;
  double sin_forearm_mid_ = trig.sin_forearm_mid;

  SegmentState& at(Segment s) { return seg[static_cast<std::size_t>(s)]; }
  double sin_min() const { return sin_min_; }
  /// Shortest usable vector, in units of the body scale (the points are scaled to it).
  double min_len() const { return opt.min_length_fraction; }

  /// Y axis from two points (distal → proximal). Returns status.
  DofStatus axis(SegmentState& s, const PointSource::Pt& prox, const PointSource::Pt& dist) {
    const DofStatus st = worst({prox.status, dist.status});
    s.confidence = std::min(prox.confidence, dist.confidence);
    if (!usable(st)) return s.axis = s.twist = st;
    Eigen::Vector3d y;
    if (!unit(prox.p - dist.p, min_len(), y)) return s.axis = s.twist = DofStatus::degenerate_geometry;
    s.r.col(1) = y;
    s.axis = DofStatus::observed;
    s.twist = DofStatus::unobservable;
    return s.axis;
  }

  void trunk() {
    using R = Role;
    const auto &lh = src.get(R::l_hip), &rh = src.get(R::r_hip);
    const auto &ls = src.get(R::l_shoulder), &rs = src.get(R::r_shoulder);
    PointSource::Pt mid_hip;
    if (src.has(R::root)) {
      mid_hip = src.get(R::root);
    } else {
      mid_hip.status = worst({lh.status, rh.status});
      mid_hip.p = (lh.p + rh.p) / 2;
      mid_hip.confidence = std::min(lh.confidence, rh.confidence);
    }
    PointSource::Pt mid_sh;
    mid_sh.status = worst({ls.status, rs.status});
    mid_sh.p = (ls.p + rs.p) / 2;
    mid_sh.confidence = std::min(ls.confidence, rs.confidence);
    // pelvis
    {
      auto& s = at(Segment::pelvis);
      PointSource::Pt up;
      DofStatus assumed = DofStatus::observed;
      if (src.has(R::lumbar)) {
        up = src.get(R::lumbar);
      } else {
        up = src.has(R::t12) ? src.get(R::t12) : (src.has(R::neck_base) ? src.get(R::neck_base) : mid_sh);
        assumed = DofStatus::observed_with_assumption;
        pelvis_tilt_unobservable = true;
      }
      const DofStatus st = worst({lh.status, rh.status, up.status, mid_hip.status});
      s.confidence = std::min({lh.confidence, rh.confidence, up.confidence, mid_hip.confidence});
      Eigen::Vector3d z;
      if (!usable(st)) {
        s.axis = s.twist = st;
      } else if (!unit(rh.p - lh.p, min_len(), z) || !frame_zy(z, up.p - mid_hip.p, sin_min(), min_len(), s.r)) {
        s.axis = s.twist = DofStatus::degenerate_geometry;
      } else {
        s.axis = s.twist = assumed;
      }
    }
    // thorax
    {
      auto& s = at(Segment::thorax);
      PointSource::Pt lo = mid_hip, hi = mid_sh;
      DofStatus assumed = DofStatus::observed_with_assumption;
      if (src.has(R::t12) && src.has(R::neck_base)) {
        lo = src.get(R::t12);
        hi = src.get(R::neck_base);
        assumed = DofStatus::observed;
      }
      const DofStatus st = worst({ls.status, rs.status, lo.status, hi.status});
      s.confidence = std::min({ls.confidence, rs.confidence, lo.confidence, hi.confidence});
      Eigen::Vector3d z;
      if (!usable(st)) {
        s.axis = s.twist = st;
      } else if (!unit(rs.p - ls.p, min_len(), z) || !frame_zy(z, hi.p - lo.p, sin_min(), min_len(), s.r)) {
        s.axis = s.twist = DofStatus::degenerate_geometry;
      } else {
        s.axis = s.twist = assumed;
      }
    }
    // abdomen: axis only, where the layout has both its ends
    if (src.has(R::lumbar) && src.has(R::t12))
      axis(at(Segment::abdomen), src.get(R::t12), src.get(R::lumbar));
    else
      at(Segment::abdomen).axis = at(Segment::abdomen).twist = DofStatus::unobservable;
    // head
    {
      auto& s = at(Segment::head);
      if (src.has(R::l_ear) && src.has(R::r_ear) && src.has(R::nose)) {
        const auto &le = src.get(R::l_ear), &re = src.get(R::r_ear), &no = src.get(R::nose);
        const DofStatus st = worst({le.status, re.status, no.status});
        s.confidence = std::min({le.confidence, re.confidence, no.confidence});
        Eigen::Vector3d z;
        if (!usable(st)) {
          s.axis = s.twist = st;
        } else if (!unit(re.p - le.p, min_len(), z)) {
          s.axis = s.twist = DofStatus::degenerate_geometry;
        } else {
          Eigen::Vector3d x = no.p - (le.p + re.p) / 2;
          x -= x.dot(z) * z;
          const double n = x.norm();
          if (!(n > min_len())) {
            s.axis = s.twist = DofStatus::degenerate_geometry;
          } else {
            x /= n;
            s.r.col(0) = x;
            s.r.col(2) = z;
            s.r.col(1) = z.cross(x);
            s.axis = s.twist = DofStatus::observed;
          }
        }
      } else if (src.has(R::head_top) && src.has(R::neck_base)) {
        const auto &top = src.get(R::head_top), &nb = src.get(R::neck_base);
        if (usable(axis(s, top, nb)) && src.has(R::nose)) {
          const auto& no = src.get(R::nose);
          s.confidence = std::min(s.confidence, no.confidence);
          if (!usable(no.status)) {
            s.twist = no.status;
          } else {
            const Eigen::Vector3d y = s.r.col(1);
            Eigen::Vector3d x = no.p - nb.p;
            x -= x.dot(y) * y;
            if (!(x.norm() > sin_min() * (no.p - nb.p).norm()) || !(x.norm() > min_len())) {
              s.twist = DofStatus::degenerate_geometry;
            } else {
              x.normalize();
              s.r.col(0) = x;
              s.r.col(2) = x.cross(y);
              s.twist = DofStatus::observed;
            }
          }
        }
      } else {
        s.axis = s.twist = DofStatus::unobservable;
      }
    }
  }

  /// Twist of a limb's proximal segment from the flexion plane of its distal joint.
  /// arm: Z = normalize(f × Y); leg: Z = normalize(Y × s) (flexion is positive about
  /// +Z for the elbow, negative for the knee). The plane alone does not say which way the joint
  /// is bent: `ref` (non-zero) is a direction the joint's flexion axis (the proximal Z) must agree
  /// with (see `hinge_reference`); Z is reversed when Z · ref < 0, so that a joint bent backwards
  /// reads as negative flexion (hyperextension) with the proximal twist it really has. When the
  /// plane is undetermined (nearly straight), `hinge_sign` carries the same decision to the
  /// solver's fallback (the angle between the long axes). ref = 0: flexion is assumed (Z as built).
  void hinge_twist(SegmentState& s, const PointSource::Pt& joint, const PointSource::Pt& distal_end, bool arm,
                   const Eigen::Vector3d& ref) {
    s.hinge_sign = 1.0;
    if (!usable(s.axis)) return;
    if (!usable(distal_end.status) || !usable(joint.status)) {
      s.twist = usable(distal_end.status) ? joint.status : distal_end.status;
      return;
    }
    const Eigen::Vector3d y = s.r.col(1);
    const Eigen::Vector3d d = distal_end.p - joint.p;
    const double n = d.norm();
    if (!(n > min_len())) {
      s.twist = DofStatus::degenerate_geometry;
      return;
    }
    Eigen::Vector3d z = arm ? Eigen::Vector3d(d.cross(y)) : Eigen::Vector3d(y.cross(d));
    // Backwards only when the reference says so clearly (Z within `hinge_reference_angle` of −ref)
    // and the bend is one a hyperextension can have (the angle between the long axes, whose cosine
    // is −y · d / n, at most `max_hyperextension`).
    const bool backwards =
        z.dot(ref) < -cos_hinge_reference_ * z.norm() * ref.norm() && -y.dot(d) >= cos_max_hyperextension_ * n;
    if (!(z.norm() > sin_min() * n)) {
      s.hinge_sign = backwards ? -1.0 : 1.0;
      s.twist = DofStatus::degenerate_geometry;  // joint nearly straight: flexion plane undetermined
      return;
    }
    if (backwards) z = -z;
    z.normalize();
    s.r.col(2) = z;
    s.r.col(0) = y.cross(z);
    s.twist = DofStatus::observed_with_assumption;
    s.confidence = std::min(s.confidence, distal_end.confidence);
  }

  /// The direction a hinge's flexion axis (elbow, knee: the proximal segment's Z) must agree with,
  /// from the distal segment's frame, i.e. the axial rotation at the hinge is taken to be within ±90°
  /// of `mid` (the forearm's mid-position, 0 for the knee): ref = Z_d cos(mid) − σ X_d sin(mid), σ = +1
  /// right, −1 left (the solver mirrors the left side). Zero when the distal frame is not known.
  Eigen::Vector3d hinge_reference(const SegmentState& distal, double mid, bool left) const {
    if (!usable(distal.twist)) return Eigen::Vector3d::Zero();
    const bool cached = mid == opt.angles.forearm_mid_position_rad;
    const double cm = cached ? cos_forearm_mid_ : std::cos(mid), sm = cached ? sin_forearm_mid_ : std::sin(mid);
    return distal.r.col(2) * cm - (left ? -1.0 : 1.0) * sm * distal.r.col(0);
  }

  /// Twist of a limb's distal segment from the next segment's full frame, assuming no
  /// axial rotation at the joint between them: R_rel = Rz(a) Rx(b).
  static void twist_from_child(SegmentState& s, const SegmentState& child) {
    if (!usable(s.axis)) return;
    if (!usable(child.twist)) {
      s.twist = child.twist == DofStatus::missing_segment ? DofStatus::unobservable : child.twist;
      if (child.twist == DofStatus::missing_segment) s.twist = DofStatus::unobservable;
      return;
    }
    const Eigen::Vector3d u = child.r.transpose() * s.r.col(1);
    s.r = child.r * zx_with_row_y(u).transpose();
    s.twist = DofStatus::observed_with_assumption;
    s.confidence = std::min(s.confidence, child.confidence);
  }

  /// The knee's reference (see `hinge_twist`): the foot's forward direction f (heel → toe, or ankle →
  /// foot point) as a flexion axis, f × Y_shank (the knee's axial rotation within ±90°); without foot
  /// points, or when they are unusable or along the shank, the pelvis's Z (right hip − left hip: the
  /// hip's abduction and axial rotation within ±90°); zero when neither is known.
  Eigen::Vector3d knee_reference(const SegmentState& shank, bool left) const {
    using R = Role;
    auto g = [&](R l) -> const PointSource::Pt& { return src.get(left ? l : mirror(l)); };
    auto h = [&](R l) { return src.has(left ? l : mirror(l)); };
    if (usable(shank.axis)) {
      PointSource::Pt back, front;
      if (h(R::l_heel) && h(R::l_toe)) {
        back = g(R::l_heel), front = g(R::l_toe);
      } else if (h(R::l_foot)) {
        back = g(R::l_ankle), front = g(R::l_foot);
      }
      if (usable(back.status) && usable(front.status)) {
        const Eigen::Vector3d f = front.p - back.p;
        const Eigen::Vector3d z = f.cross(Eigen::Vector3d(shank.r.col(1)));
        if (z.norm() > sin_min() * f.norm() && z.norm() > min_len()) return z;
      }
    }
    const auto& pelvis = seg[static_cast<std::size_t>(Segment::pelvis)];
    if (usable(pelvis.twist)) return pelvis.r.col(2);
    const auto &lh = src.get(R::l_hip), &rh = src.get(R::r_hip);
    if (usable(lh.status) && usable(rh.status)) return rh.p - lh.p;
    return Eigen::Vector3d::Zero();
  }

  void limbs() {
    using R = Role;
    using S = Segment;
    for (const bool left : {true, false}) {
      auto g = [&](R l) -> const PointSource::Pt& { return src.get(left ? l : mirror(l)); };
      auto h = [&](R l) { return src.has(left ? l : mirror(l)); };
      auto& ua = at(left ? S::left_upper_arm : S::right_upper_arm);
      auto& fa = at(left ? S::left_forearm : S::right_forearm);
      auto& hd = at(left ? S::left_hand : S::right_hand);
      auto& th = at(left ? S::left_thigh : S::right_thigh);
      auto& sh = at(left ? S::left_shank : S::right_shank);
      auto& ft = at(left ? S::left_foot : S::right_foot);
      const auto &shoulder = g(R::l_shoulder), &elbow = g(R::l_elbow), &wrist = g(R::l_wrist);
      axis(ua, shoulder, elbow);
      axis(fa, elbow, wrist);
      // hand: wrist, index, pinky (BlazePose); axis only from a hand point (SMPL)
      if (h(R::l_index) && h(R::l_pinky)) {
        const auto &ix = g(R::l_index), &pk = g(R::l_pinky);
        const DofStatus st = worst({wrist.status, ix.status, pk.status});
        hd.confidence = std::min({wrist.confidence, ix.confidence, pk.confidence});
        Eigen::Vector3d y;
        if (!usable(st)) {
          hd.axis = hd.twist = st;
        } else if (!unit(wrist.p - (ix.p + pk.p) / 2, min_len(), y) ||
                   !frame_yz(y, (left ? -1.0 : 1.0) * (ix.p - pk.p), sin_min(), min_len(), hd.r)) {
          hd.axis = hd.twist = DofStatus::degenerate_geometry;
        } else {
          hd.axis = hd.twist = DofStatus::observed;
        }
      } else if (h(R::l_hand)) {
        axis(hd, wrist, g(R::l_hand));
      } else {
        hd.axis = hd.twist = DofStatus::unobservable;
      }
      twist_from_child(fa, hd);
      // Elbow: which way it is bent, from the forearm's frame (the hand's points), when known.
      hinge_twist(ua, elbow, wrist, true, hinge_reference(fa, opt.angles.forearm_mid_position_rad, left));
      const auto &hip = g(R::l_hip), &knee = g(R::l_knee), &ankle = g(R::l_ankle);
      axis(th, hip, knee);
      axis(sh, knee, ankle);
      if (h(R::l_heel) && h(R::l_toe)) {
        const auto &he = g(R::l_heel), &to = g(R::l_toe);
        const DofStatus st = worst({ankle.status, he.status, to.status});
        ft.confidence = std::min({ankle.confidence, he.confidence, to.confidence});
        Eigen::Vector3d x;
        if (!usable(st)) {
          ft.axis = ft.twist = st;
        } else if (!unit(to.p - he.p, min_len(), x)) {
          ft.axis = ft.twist = DofStatus::degenerate_geometry;
        } else {
          Eigen::Vector3d y = ankle.p - he.p;
          y -= y.dot(x) * x;
          if (!(y.norm() > sin_min() * (ankle.p - he.p).norm()) || !(y.norm() > min_len()) ||
              !(y.norm() >= opt.min_foot_height_fraction * (to.p - he.p).norm())) {
            ft.axis = ft.twist = DofStatus::degenerate_geometry;
          } else {
            y.normalize();
            ft.r.col(0) = x;
            ft.r.col(1) = y;
            ft.r.col(2) = x.cross(y);
            ft.axis = ft.twist = DofStatus::observed;
          }
        }
      } else {
        ft.axis = ft.twist = DofStatus::unobservable;
      }
      twist_from_child(sh, ft);
      hinge_twist(th, knee, ankle, false, knee_reference(sh, left));
    }
  }
};

/// The angles of a frame's points (the frames, then the joint solver).
inline JointAngles angles_from_points(const PointSource& src, const KeypointOptions& options) {
  SegmentStates seg;  // default member initialisers only (no zeroing first, as {} would)
  FrameBuilder fb{src, options, seg};
  fb.trunk();
  fb.limbs();
  return solve(seg, options.angles, fb.pelvis_tilt_unobservable);
}

}  // namespace detail

}  // namespace arthrokin

#if ARTHROKIN_AVX2_COPY
ARTHROKIN_AVX2_BEGIN
namespace arthrokin::detail::keypoints_avx2 {
/// The per-frame path (points, frames, solver) inlined here whole (flatten), so that it is compiled
/// for AVX2 (avx2_copy.hpp): AVX2 without FMA runs the baseline's operations, the same bits. The
/// medians and the four-lane atan2 inside take their own AVX2 copies. ~5 % faster per frame
/// (docs/performance.md, "Per-frame paths, seventh round"). Not flattened in sanitized builds
/// (`ARTHROKIN_NO_FLATTEN`, avx2_copy.hpp): there it calls the baseline's functions.
ARTHROKIN_COPY_FLATTEN inline JointAngles angles_of_points(const KeypointView& view, const KeypointOptions& options) {
  return angles_from_points(PointSource(view, options), options);
}
}  // namespace arthrokin::detail::keypoints_avx2
ARTHROKIN_AVX2_END
#endif

namespace arthrokin {

namespace detail {
/// `keypoint_angles` after its size checks: the AVX2 copy where it runs and `avx2`, else the baseline.
inline JointAngles angles_of_view(const KeypointView& view, const KeypointOptions& options, bool avx2) {
#if ARTHROKIN_AVX2_COPY
  if (avx2 && avx2_copy_runs()) return keypoints_avx2::angles_of_points(view, options);
#else
  (void)avx2;
#endif
  return angles_from_points(PointSource(view, options), options);
}
}  // namespace detail

ARTHROKIN_FUNC JointAngles detail::keypoint_angles_in_copy(const KeypointView& view, const KeypointOptions& options,
                                                           bool avx2) {
  require_keypoint_sizes(view, "keypoint_angles");
  return angles_of_view(view, options, avx2);
}

ARTHROKIN_FUNC JointAngles keypoint_angles(const KeypointView& view, const KeypointOptions& options) {
  // The values (±inf, a visibility outside [0, 1]) are validated by `PointSource`, in the pass
  // that reads them, before anything is computed (raise_invalid_keypoints).
  return detail::keypoint_angles_in_copy(view, options, true);
}

ARTHROKIN_FUNC void detail::keypoint_angle_steps(const KeypointView& view, const KeypointOptions& options,
                                                 std::span<const std::uint8_t> group, std::size_t n_groups,
                                                 std::span<const double> step, JointAngles& base,
                                                 std::array<double, dof_count>& var) {
  base = keypoint_angles(view, options);  // validates the view
  const std::size_t n = keypoint_count(view.layout);
  if (group.size() != n || step.size() != 3 * n)
    raise("keypoint_angle_steps: expected " + std::to_string(n) + " groups and " + std::to_string(3 * n) +
          " steps, got " + std::to_string(group.size()) + " and " + std::to_string(step.size()));
  const PointSource src(view, options);
  if (!(src.scale > 0)) return;
  const Eigen::Matrix3d conv = PointSource::conversion(options);
  const auto rs = roles(view.layout);
  const auto& b = base.pose.as_radians();
  for (std::size_t g = 0; g < n_groups; ++g)
    for (std::size_t a = 0; a < 3; ++a) {
      PointSource ps = src;
      bool any = false;
      for (std::size_t k = 0; k < n; ++k) {
        if (group[k] != g || !(step[3 * k + a] > 0)) continue;
        auto& pt = ps.pts[static_cast<std::size_t>(options.mirrored ? mirror(rs[k]) : rs[k])];
        if (!usable(pt.status)) continue;
        pt.p += conv.col(static_cast<Eigen::Index>(a)) * (step[3 * k + a] / src.scale);
        any = true;
      }
      if (!any) continue;
      const JointAngles s = angles_from_points(ps, options);
      const auto& r = s.pose.as_radians();
      for (std::size_t d = 0; d < dof_count; ++d)
        if (usable(base.status[d]) && usable(s.status[d])) {
          const auto i = static_cast<Eigen::Index>(d);
          const double delta = std::remainder(r[i] - b[i], 2 * std::numbers::pi);
          var[d] += delta * delta;
        }
    }
}

}  // namespace arthrokin
