/// @file smpl.hpp
/// @brief SMPL / AMASS pose parameters (global orientation + joint axis-angles) → segment
/// orientations → joint angles, and NumPy `.npz` / `.npy` files of them (compiled in arthrokin_io;
/// docs/formats.md, "SMPL / AMASS").
///
/// **Parameters.** SMPL's pose vector is 24 joints × 3 axis-angle numbers (radians; the vector's
/// direction is the axis, its length the angle): joint 0 is the global orientation of the pelvis,
/// joints 1-23 the rotation of each joint relative to its parent in the SMPL kinematic tree
/// (`smpl_parents`). SMPL-H (AMASS's `poses`, 52 joints) and SMPL-X (55 joints) share joints 0-21;
/// arthrokin reads those 22 (66 numbers), which carry every segment it knows. Global rotations:
/// G_0 = R(θ_0), G_j = G_parent(j) · R(θ_j).
///
/// **Segments.** A segment turns with the SMPL joint at its proximal end (its global rotation G):
/// pelvis 0, abdomen 6 (spine2: includes spine1), thorax 9 (spine3), head 15 (includes neck 12),
/// thigh 1/2, shank 4/5, foot 7/8, upper arm 16/17 (includes the collar 13/14), forearm 18/19,
/// hand 20/21. R_global_segment = G · A_segment, where A_segment is the segment's anatomical frame
/// (segment.hpp: X anterior, Y toward proximal, Z to the subject's right) in SMPL's rest pose, in
/// SMPL's canonical axes (x to the subject's left, y up, z forward):
///  - trunk, legs and feet: X = +z, Y = +y, Z = −x (standing upright, legs vertical, feet flat);
///  - arms: **SMPL's rest pose is a T-pose**, taken as exactly 90° of shoulder abduction in the
///    frontal plane with no humeral rotation and straight elbows and wrists: the left arm's frame is
///    the body frame turned +90° about the anterior axis (Y = −x), the right arm's −90° (Y = +x).
///    So the rest pose reads shoulder abduction 90° and every other DoF 0, as the T-pose is; no
///    calibration is needed for the shoulders. These rest directions are nominal: the real template's
///    limbs deviate from them by a few degrees (not measured here: the SMPL model files, which hold
///    the rest joint positions, are under their own licence and not in the repository), an offset
///    that `calibration.hpp` can remove from a neutral frame.
///  - **forearm pronation/supination is unknown** (`DofStatus::unobservable`): SMPL puts most
///    forearm twist in the wrist joint's rotation (not a wrist DoF) and its template's palms face
///    down, so the angle would depend on a convention arthrokin cannot check.
#pragma once

#include <arthrokin/error.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>
#include <arthrokin/pose.hpp>
#include <arthrokin/segment.hpp>

#include <array>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace arthrokin::io {

/// The body joints arthrokin reads (SMPL, SMPL-H and SMPL-X share them) and their numbers.
inline constexpr std::size_t smpl_body_joints = 22;
inline constexpr std::size_t smpl_body_values = 3 * smpl_body_joints;  ///< 66
/// Parent of each of the 22 body joints in the SMPL kinematic tree (-1 for the pelvis).
inline constexpr std::array<int, smpl_body_joints> smpl_parents{-1, 0, 0, 0, 1,  2,  3,  4,  5,  6,  7,
                                                                8,  9, 9, 9, 12, 13, 14, 16, 17, 18, 19};

/// Segment orientations of one frame of SMPL pose parameters: `axis_angle` holds at least 66
/// numbers (joints 0-21; more are ignored). No allocation. A joint whose numbers are not finite
/// (or whose angle, the vector's length, overflows) leaves the segments it carries, and those of its
/// descendants, unknown. Throws
/// `invalid_argument` when `axis_angle` has fewer than 66 numbers.
void smpl_segment_orientations(std::span<const double> axis_angle, SegmentOrientations& out);
/// Joint angles of one frame (see the file comment: forearm pronation/supination unknown).
[[nodiscard]] JointAngles smpl_joint_angles(std::span<const double> axis_angle, const JointAngleOptions& options = {});
/// The inverse, for synthesis and round trips: SMPL parameters (66 numbers into `axis_angle`) whose
/// segment orientations are `segments` (joints that carry no segment, spine1, neck and the collars,
/// get no rotation; an unknown segment turns with its parent). Throws `invalid_argument` when
/// `axis_angle` has fewer than 66 numbers.
void smpl_axis_angles(const SegmentOrientations& segments, std::span<double> axis_angle);

/// SMPL / AMASS pose parameters read from a file.
struct SmplMotion {
  std::size_t frames = 0;
  /// frames × 66: joints 0-21 axis-angle, radians (the file's other joints dropped).
  std::vector<double> axis_angle;
  std::optional<double> fps;  ///< `mocap_framerate` / `mocap_frame_rate`, when the file has it
  std::string source;         ///< which arrays were read: "poses (N×156)", "global_orient + body_pose"
  [[nodiscard]] std::span<const double> frame(std::size_t i) const {
    return std::span<const double>(axis_angle).subspan(i * smpl_body_values, smpl_body_values);
  }
};

/// Parse a NumPy `.npz` archive (a zip of `.npy` arrays, **stored, not compressed**: `np.savez`,
/// not `np.savez_compressed`) holding SMPL parameters: `poses` (N × 72, 156 or 165: SMPL, SMPL-H
/// as in AMASS, SMPL-X; N × 66 is also accepted), or `pose`, or `global_orient` (N × 3) with
/// `body_pose` (N × 63 or 69), plus an optional scalar `mocap_framerate` / `mocap_frame_rate`.
/// Arrays: little-endian float64 or float32, C order. Every value read must be finite. Throws
/// `parse_error` "<file>: <array>: <what>" (a compressed entry, a missing array, a bad shape or
/// dtype, a truncated archive, ...). Limits: <arthrokin/io/limits.hpp> (file size, frames).
[[nodiscard]] SmplMotion parse_smpl_npz(std::string_view bytes, std::string_view name = "<npz>");
/// Parse one `.npy` array of shape (N, 72), (N, 66), (N, 156) or (N, 165) (or a single frame (72,)).
[[nodiscard]] SmplMotion parse_smpl_npy(std::string_view bytes, std::string_view name = "<npy>");
/// Read a `.npz` or `.npy` file (by its extension). Throws `parse_error` naming the file.
[[nodiscard]] SmplMotion read_smpl(const std::filesystem::path& path);

/// Write frames of 66 numbers as an uncompressed `.npz` with `poses` (N × 72: joints 22 and 23
/// zero) and `mocap_framerate` (float64), which `parse_smpl_npz` and NumPy read. For samples and
/// tests. Throws `invalid_argument` for a size that is not a multiple of 66 or a rate that is not
/// finite and positive.
[[nodiscard]] std::string write_smpl_npz(std::span<const double> axis_angle, double fps);

}  // namespace arthrokin::io
