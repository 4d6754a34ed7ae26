/// @file keypoints.hpp
/// @brief 3D keypoints (BlazePose 33, COCO 17, Human3.6M 17, SMPL 24) →
///        segment frames → joint angles, with per-DoF observability.
///
/// Frames are built from the points each layout has (docs/kinematics.md has the
/// full table). Each segment frame has a long axis (Y) and a twist about it;
/// a DoF that needs a part of a frame the points cannot determine is unknown,
/// with a reason (`DofStatus`), never a guess:
///  - pelvis: Z from the hips; Y from a pelvis-fixed point above the hips (SMPL
///    spine1), else from the trunk line (mid-hip → a trunk point) — then pelvic
///    tilt is not separable from spinal flexion: thoracolumbar flexion is
///    `unobservable` and hip angles are `observed_with_assumption` (straight spine);
///  - thorax: Z from the shoulders; Y from T12 → neck base (H3.6M spine → thorax,
///    SMPL spine2 → neck), else the trunk line (assumption);
///  - abdomen (SMPL): axis spine1 → spine2 only;
///  - head: ears + nose (Z, X), or head top + nose (H3.6M), or axis only (SMPL);
///  - upper arm / thigh: Y along the bone; twist from the elbow / knee flexion
///    plane (hinge assumption), unknown when the limb is nearly straight. Which way
///    the joint is bent comes from a reference for its flexion axis: for the knee the
///    foot (heel → toe, SMPL ankle → foot) across the shank, else the pelvis's
///    left → right hip line; for the elbow the forearm's frame from the hand points
///    (BlazePose; other layouts: taken to be flexed). A bend is read as backwards
///    (negative flexion: hyperextension, with the thigh's / upper arm's real twist) when
///    the reference says so within `hinge_reference_angle_rad` and the bend is at most
///    `max_hyperextension_rad`; a straight-ish limb's flexion (the angle between the
///    bones) gets the same sign (docs/kinematics.md);
///  - forearm / shank: Y along the bone; twist from the hand (index, pinky) /
///    foot (heel, toe), assuming no axial rotation at the wrist / ankle (not DoFs
///    of arthrokin); without hand points forearm rotation is `unobservable`.
/// A point that is NaN is missing; a point whose visibility is below
/// `min_visibility` is `low_confidence`. Coincident points or an angle below
/// `min_plane_angle_rad` between the vectors that span a frame → `degenerate_geometry`.
///
/// Scale and position. Every threshold is relative to the body's own size in the frame,
/// so that angles do not depend on units, on the size of the subject or on where it is:
///  - body centre c = the component-wise median of the usable points (lower median);
///  - body scale s = the median distance of the usable points from c (≈ 0.3–0.5 × height
///    standing); s = 0 (most points coincide) → every point `degenerate_geometry`, or
///    `ill_conditioned` where the points coincide only because rounding merged them;
///  - the frames are built from (p − c) / s, so nothing overflows or underflows (keypoints
///    scaled by 1e±300 give the same angles), and a vector shorter than
///    `min_length_fraction` × s is degenerate;
///  - a point whose rounding error exceeds `max_rounding_fraction` × s is `ill_conditioned`
///    (its coordinates no longer say where it is relative to the body, e.g. a body 1e15 m
///    from the origin, where a double's spacing is 0.125 m); such a point is not used, so
///    the coordinates that reach the frames are at most ~9000 body scales from c.
/// No heap allocation. Definitions: detail/keypoints-inl.hpp (config.hpp).
#pragma once

#include <arthrokin/config.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>
#include <arthrokin/kinematics/layout.hpp>

#include <span>

namespace arthrokin {

/// The up axis of the source coordinates.
enum class UpAxis : std::uint8_t { y_up, y_down, z_up };

/// Options of `keypoint_angles`.
struct KeypointOptions {
  UpAxis up = UpAxis::y_up;     ///< angles do not depend on it (only on handedness); kept for the frames reported
  bool right_handed = true;     ///< false: the source frame is left-handed (its z is flipped first)
  bool mirrored = false;        ///< selfie/mirrored input: the points are reflected and left/right labels swapped
  double min_visibility = 0.5;  ///< below → `low_confidence`, the point is not used
  /// A vector that spans a frame (a bone, the hip or shoulder line, the hand or foot
  /// spread) shorter than this fraction of the body scale → `degenerate_geometry`.
  /// 0.01 is arthrokin's choice: about 5 mm on an adult (body scale ≈ 0.3–0.5 m), a
  /// tenth of the shortest vector the frames use (the index–pinky spread, ≈ 4% of height).
  double min_length_fraction = 0.01;
  /// A point whose rounding error (half an ulp of its coordinates, and of its offset from
  /// the body centre) exceeds this fraction of the body scale → `ill_conditioned`: e.g. a
  /// body far from the origin of its coordinates (with 1e-12, farther than ~9000 body
  /// scales, ≈ 3 km for an adult). Below it, rounding moves angles by less than 1e-9 rad.
  double max_rounding_fraction = 1e-12;
  double min_plane_angle_rad =
      deg_to_rad(15.0);  ///< elbow/knee flexion (or any spanning angle) below this → degenerate
  /// Foot frame (ankle, heel, toe): the ankle's distance from the heel→toe line below this
  /// fraction of the heel→toe length → `degenerate_geometry` for the ankle and subtalar DoFs.
  /// The foot's vertical axis is the direction of that distance, so a point error δ tilts it by
  /// about δ/h: on the 4-camera balancing trial (data/samples/pose2sim_balancing) the ankle point
  /// collapsed onto the heel in frames 71–78 (h = 6–7 % of the heel→toe length, against 16–37 %
  /// in frames 0–60, and at least 11 % on the other foot) and read 89.5° of inversion and −171.5°
  /// of dorsiflexion. 0.1 is arthrokin's choice (no source gives a cut-off).
  double min_foot_height_fraction = 0.1;
  /// Hyperextension (knee, elbow). Hip, knee and ankle (shoulder, elbow, wrist) span a plane but do
  /// not say which way the joint is bent. The foot's direction (the forearm's frame from the hand
  /// points) says it: the joint is read as bent backwards (negative flexion) when its flexion axis as
  /// built from the plane is within this angle of the reversed reference axis (keypoints.hpp file
  /// comment), else as flexed. 60° is arthrokin's choice: the reference is off by the axial rotation
  /// at the hinge (knee rotation; forearm rotation from its mid-position, up to 80–90°) plus the
  /// hand or foot points' noise, and a 30° margin from the 90° boundary keeps noisy hand points from
  /// turning a flexed elbow backwards. 0 reads every bend as flexion (the behaviour before).
  double hinge_reference_angle_rad = deg_to_rad(60.0);
  /// A backwards bend larger than this is read as flexion whatever the reference says: the reference
  /// (hand points above all) is noisy, and a flexed joint turned backwards is a large error. 30° is
  /// arthrokin's choice, beyond the default knee limit (5° of hyperextension) by a margin that keeps a
  /// true excursion past it visible (the test case is 15°).
  double max_hyperextension_rad = deg_to_rad(30.0);
  JointAngleOptions angles{};
};

/// A view of N keypoints: xyz (N × 3 doubles, row-major) and optional per-point
/// visibility/confidence in [0, 1] (empty: all 1). A view, like `std::span`: the
/// coordinates must outlive it (`keypoint_angles({layout, make_points()})` is fine,
/// a named `KeypointView` of a temporary vector dangles).
struct KeypointView {
  Layout layout;
  std::span<const double> xyz;
  std::span<const double> visibility{};
};

/// Joint angles from one frame of keypoints. Unknown DoFs carry a reason in
/// `status`; `confidence` is the smallest visibility of the points a DoF uses.
/// Throws `invalid_argument` when the view's sizes do not match its layout, when a
/// coordinate is ±inf (a NaN coordinate marks a missing point), or when a visibility is
/// not a number in [0, 1] — the same rule as the Python module and the file readers.
[[nodiscard]] JointAngles keypoint_angles(const KeypointView& view, const KeypointOptions& options = {});

namespace detail {
/// For the skeleton fitter's first-order uncertainty (fitter.hpp): `base` = `keypoint_angles(view,
/// options)` and, for each group g < `n_groups` and source axis a, the angles with every point k of
/// the group (`group[k] == g`) moved by `step[3k + a]` along a (0: not moved), adding (Δθ_d)² to
/// `var[d]` for every DoF known in both. The steps keep the frame's body centre and scale (angles do
/// not depend on them), so each costs the frames and the joint solver only. No heap allocation.
void keypoint_angle_steps(const KeypointView& view, const KeypointOptions& options, std::span<const std::uint8_t> group,
                          std::size_t n_groups, std::span<const double> step, JointAngles& base,
                          std::array<double, dof_count>& var);
/// The copy of `keypoint_angles`' per-frame path (points, frames, joint solver) that it runs:
/// `avx2` the AVX2 copy (detail/keypoints-inl.hpp; only where `avx2_copy_runs()`, else the
/// baseline), otherwise the build's baseline. The same bits (tests/kinematics_keypoints_test.cpp);
/// the view is validated as by `keypoint_angles`.
[[nodiscard]] JointAngles keypoint_angles_in_copy(const KeypointView& view, const KeypointOptions& options, bool avx2);
}  // namespace detail

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/keypoints-inl.hpp>
#endif
