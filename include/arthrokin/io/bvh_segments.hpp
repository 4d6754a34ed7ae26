/// @file bvh_segments.hpp
/// @brief BVH skeleton → arthrokin segments: a name mapping (CMU 3dsMax-friendly, CMU ASF,
///        Mixamo/MotionBuilder; overridable), the body axes of the file (up, forward, right),
///        and each segment's anatomical frame per frame (segment.hpp: X anterior, Y along the
///        segment toward proximal / up, Z to the subject's right).
///
/// How a segment's frame is built (docs/bvh.md):
///  - Body axes: from the rest pose (every rotation channel zero). up = hips mid-point → head
///    (else thorax, abdomen, else knee → hip); right = left hip joint → right hip joint,
///    made perpendicular to up; forward = up × right. Each is snapped to the nearest signed
///    coordinate axis when within 25° of it. Nothing is hard-coded (CMU comes out Y-up, facing +Z).
///  - A segment's rotation is the global rotation of the joint at its proximal end (the
///    "frame" joint of the mapping): in CMU 3dsMax-friendly files the joint LeftHip carries
///    the thigh, and the OFFSET of its child LeftKnee is the thigh's length vector.
///  - Limb segments (upper arm, forearm, hand, thigh, shank): in every frame Y = unit(proximal
///    joint − distal joint), i.e. from the child joint toward the joint, from the FK positions;
///    Z = the medio-lateral reference made perpendicular to Y; X = Y × Z. The medio-lateral
///    reference is the body's right at rest (for a bone closer to horizontal than vertical at
///    rest, e.g. T-pose arms: X = forward ⊥ Y, Z = X × Y) carried by the frame joint's rotation,
///    which is what makes long-axis (internal/external) rotation observable.
///  - Pelvis: Z = unit(right hip joint − left hip joint) in every frame; Y = the root's up made
///    perpendicular to Z; X = Y × Z.
///  - Abdomen, thorax, head: the rest pose is taken as upright neutral: Y = up, Z = right,
///    X = forward at rest, carried by the frame joint's rotation.
///  - Foot (segment.hpp: the foot frame follows the tibia at neutral): X = the heel→toe
///    (ankle joint → toe joint) direction projected on the floor at rest, Y = up, Z = X × Y,
///    carried by the foot joint's rotation. So dorsiflexion is the tilt of the heel→toe line
///    relative to the shank, zero for a flat foot under a vertical shank.
/// Equivalence: since BVH offsets are rigid in their joint's frame and the rest pose has every
/// global rotation equal to the identity, "rest frame carried by the joint rotation" and
/// "frame from the FK positions of this frame" give the same Y for every limb (tested).
#pragma once

#include <arthrokin/io/bvh.hpp>
#include <arthrokin/segment.hpp>

#include <Eigen/Geometry>

#include <array>
#include <bitset>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace arthrokin::io {

/// How one segment is found in a BVH skeleton: candidate joint names in priority order
/// (the first name present in the file wins). Names match case-insensitively and ignore a
/// namespace prefix ending in ':' (e.g. "mixamorig:LeftArm").
struct BvhSegmentRule {
  Segment segment = Segment::pelvis;
  std::vector<std::string> frame;     ///< joint whose global rotation carries the segment
  std::vector<std::string> proximal;  ///< joint at the proximal end (origin); empty = the frame joint
  std::vector<std::string> distal;    ///< joint at the distal end; none found = the proximal joint's
                                      ///< first End Site, else its first child
};

/// A user-overridable table of rules, one per segment (a segment without a rule is unknown).
struct BvhMapping {
  std::vector<BvhSegmentRule> rules;

  /// Replace (or add) the rule of `rule.segment`.
  BvhMapping& set(BvhSegmentRule rule);
  /// Drop the rule of `s` (the segment becomes unknown).
  BvhMapping& remove(Segment s);
  [[nodiscard]] const BvhSegmentRule* find(Segment s) const noexcept;
};

/// The default table (docs/bvh.md has it in full): CMU 3dsMax-friendly names (Hips, LeftHip, LeftKnee, LeftAnkle,
/// LeftToe, lowerback, Chest, Chest2, Neck, Head, LeftShoulder, LeftElbow, LeftWrist, lhand, LFingers...), CMU ASF
/// names (hip, lfemur, ltibia, lfoot, ltoes, lowerback, upperback, thorax, upperneck, head, lhumerus, lradius, lwrist,
/// lhand, lfingers...) and Mixamo/MotionBuilder names (Hips, Spine, Spine1, Spine2, Neck, Head, LeftUpLeg, LeftLeg,
/// LeftFoot, LeftToeBase, LeftArm, LeftForeArm, LeftHand...), Daz Genesis 3/8 names (hip, pelvis, abdomenLower,
/// abdomenUpper, chestLower, chestUpper, head, lShldrBend + lShldrTwist, lForearmBend + lForearmTwist, lHand,
/// lThighBend + lThighTwist, lShin, lFoot, lToe...) and Daz Genesis 1/2 names (hip, abdomen,
/// abdomen2, chest, lShldr, lForeArm, lThigh...). Where the schemes collide (Mixamo LeftShoulder is the clavicle,
/// 3dsMax LeftShoulder is the humerus) the more specific name comes first (LeftArm).
[[nodiscard]] BvhMapping cmu_mapping();

/// A mapping file (docs/bvh.md, "Any rig"): a JSON object {"joint name in the file": "segment"},
/// where segment is an arthrokin segment name (`segment_names`: pelvis, abdomen, thorax, head,
/// left_upper_arm, ...), optionally with a role: "left_upper_arm" (the frame joint: its global
/// rotation carries the segment; also the proximal end unless one is given),
/// "left_upper_arm:proximal" or "left_upper_arm:distal". Each segment the file names gets exactly
/// that rule, replacing its rule in `base`; the other segments keep `base`'s. A limb segment with
/// no distal joint given ends where the next segment of its chain starts (upper arm → forearm →
/// hand, thigh → shank → foot). Names match as in `BvhSegmentRule`. Throws `parse_error` naming
/// the file and key for bad JSON, a value that is not a string, an unknown segment or role, a
/// segment role given twice, a segment with a proximal or distal joint but no frame joint, or an
/// empty object; the limits of <arthrokin/io/limits.hpp> (document size, depth) apply.
struct BvhMappingFile {
  BvhMapping mapping;               ///< `base` with the file's rules
  std::vector<std::string> joints;  ///< the joint names the file gives, in file order
};
[[nodiscard]] BvhMappingFile parse_bvh_mapping_json(std::string_view text, std::string_view name = "<mapping>",
                                                    const BvhMapping& base = cmu_mapping());
/// Read a mapping file (see `parse_bvh_mapping_json`).
[[nodiscard]] BvhMappingFile read_bvh_mapping_json(const std::filesystem::path& path,
                                                   const BvhMapping& base = cmu_mapping());
/// The names of `joints` (a mapping file's) that name no joint of `file`, matched as the mapping
/// matches them (case-insensitive, namespace prefix ignored), in order: for a warning.
[[nodiscard]] std::vector<std::string> bvh_mapping_unmatched(const BvhFile& file,
                                                             const std::vector<std::string>& joints);

/// Global body axes of a BVH file, in its global coordinates (unit vectors, right-handed:
/// forward × up = right).
struct BvhBodyAxes {
  Eigen::Vector3d up = Eigen::Vector3d::UnitY();
  Eigen::Vector3d forward = Eigen::Vector3d::UnitZ();
  Eigen::Vector3d right = -Eigen::Vector3d::UnitX();
  bool derived = false;  ///< false: the skeleton lacked the joints to derive them (Y-up, +Z assumed)
};

/// "+X", "-Y", ... for a coordinate axis; "(x, y, z)" for any other direction.
[[nodiscard]] std::string describe_axis(const Eigen::Vector3d& v);

/// A segment bound to joints of one file.
struct BvhSegmentBinding {
  int frame_joint = -1;
  int proximal_joint = -1;
  int distal_joint = -1;     ///< or -1 when the distal point is an End Site
  int distal_end_site = -1;  ///< index into the proximal joint's end_sites, or -1
  /// Anatomical frame of the segment in its frame joint's frame (= at rest, in global axes).
  Eigen::Matrix3d R_joint_segment = Eigen::Matrix3d::Identity();
  /// Limb segments: Y is recomputed each frame from the proximal and distal positions.
  bool geometric_y = false;
  Eigen::Vector3d distal_offset = Eigen::Vector3d::Zero();  ///< End Site offset when the distal point is one
  /// Limb or foot segment whose distal point coincides with its proximal joint (a zero-length
  /// OFFSET, or one shorter than `BvhBindOptions::min_length_fraction` × the body scale): its
  /// long axis is undetermined, so the segment is reported degenerate (its DoFs unknown,
  /// `degenerate_geometry`) instead of taking the body's axes as its frame.
  bool degenerate = false;
};

/// Options of `bind_bvh`.
struct BvhBindOptions {
  /// A bone (proximal → distal point at rest) shorter than this fraction of the body scale is
  /// degenerate. Body scale: the median distance of the rest-pose joint positions from their
  /// component-wise median, as for keypoints (docs/kinematics.md; same default, 0.01).
  double min_length_fraction = 0.01;
};

/// A mapping resolved against one file: which segments are known and how to build them.
struct BvhBinding {
  std::array<BvhSegmentBinding, segment_count> segments{};
  std::bitset<segment_count> bound{};
  BvhBodyAxes axes{};
  /// Hip joint centres that define the pelvis's medio-lateral axis (-1 when a thigh is unbound).
  int left_hip_joint = -1;
  int right_hip_joint = -1;
  /// min_length_fraction × body scale, in file units: a bone shorter than this in a frame
  /// (position channels can change lengths) makes its segment degenerate in that frame.
  double min_bone_length = 0.0;
  [[nodiscard]] const BvhSegmentBinding& operator[](Segment s) const noexcept {
    return segments[static_cast<std::size_t>(s)];
  }
  [[nodiscard]] bool has(Segment s) const noexcept { return bound.test(static_cast<std::size_t>(s)); }
};

/// The core limb joints (left and right shoulder, elbow, hip, knee, ankle) whose angles a binding
/// cannot give because a segment they need is unbound, each with the segments missing:
/// "left shoulder (no left_upper_arm)". Empty when every core limb joint is covered.
[[nodiscard]] std::vector<std::string> bvh_missing_core_joints(const BvhBinding& binding);

/// Derive the body axes from the rest pose of `file`, using the joints `mapping` names.
[[nodiscard]] BvhBodyAxes bvh_body_axes(const BvhFile& file, const BvhMapping& mapping = cmu_mapping());

/// Resolve `mapping` against `file`: joint indices and each segment's rest anatomical frame.
/// Segments whose joints are missing stay unbound (unknown), never guessed.
/// Limb and foot segments whose bone is too short for a direction are bound but degenerate.
[[nodiscard]] BvhBinding bind_bvh(const BvhFile& file, const BvhMapping& mapping = cmu_mapping(),
                                  const BvhBindOptions& options = {});

/// Global orientation of every bound segment's anatomical frame for the frame held in `fk`
/// (after `bvh_forward_kinematics`). Unbound segments are marked unknown, degenerate ones
/// degenerate (`SegmentOrientations::set_degenerate`). No allocation.
void bvh_segment_orientations(const BvhBinding& binding, const BvhFkWorkspace& fk, SegmentOrientations& out) noexcept;

/// Position of the proximal and distal points of a bound segment for the frame held in `fk`
/// (NaN for an unbound segment or a workspace of another file).
[[nodiscard]] Eigen::Vector3d bvh_proximal_point(const BvhFile& file, const BvhSegmentBinding& b,
                                                 const BvhFkWorkspace& fk) noexcept;
[[nodiscard]] Eigen::Vector3d bvh_distal_point(const BvhFile& file, const BvhSegmentBinding& b,
                                               const BvhFkWorkspace& fk) noexcept;

}  // namespace arthrokin::io
