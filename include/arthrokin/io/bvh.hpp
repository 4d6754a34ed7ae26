/// @file bvh.hpp
/// @brief Biovision Hierarchy (BVH) motion files: parsing and forward kinematics.
///
/// `parse_bvh` / `read_bvh` read any BVH file: a HIERARCHY of ROOT / JOINT /
/// End Site blocks with OFFSET and CHANNELS (0 to 6 channels per joint, any
/// order of X/Y/Z position and rotation, no duplicates), possibly several
/// ROOTs, then MOTION with `Frames:`, `Frame Time:` and one line of numbers
/// per frame. Malformed input throws `arthrokin::parse_error` whose message is
/// `<file>:<line>: <field>: <what>`, e.g.
/// `walk.bvh:188: frame 1 has 95 values, expected 96`. A leading UTF-8 BOM is skipped.
/// A `Frames:` count that differs from the number of frame lines by at most
/// `bvh_frame_count_slack(count)` lines (10, or 1 % of the count if that is more) is not an
/// error: the frame lines present are read and `BvhFile::warnings` says so. A larger difference
/// (a truncated or concatenated file) is an error.
/// Limits (file size, line length, frames, joints): <arthrokin/io/limits.hpp>, checked before
/// anything is allocated for them; frame values go straight from the line into `frames`.
///
/// `bvh_forward_kinematics` computes, for one frame, the global rotation and
/// position of every joint into a preallocated `BvhFkWorkspace` (no heap
/// allocation per frame). BVH convention: the rotation channels of a joint are
/// applied in the listed order as intrinsic rotations, R_local = R_ch1 R_ch2 R_ch3,
/// in degrees; R_global(j) = R_global(parent) R_local(j) and
/// p_global(j) = p_global(parent) + R_global(parent) t_local(j), where t_local
/// is the OFFSET (position channels replace it component-wise by default, see
/// `BvhPositionMode`). The rest pose (every channel zero) has every global
/// rotation equal to the identity.
/// Units: lengths are in the file's units; rotation channels are degrees in the
/// file and in `BvhFile::frames` (a file format's unit, as the design allows).
#pragma once

#include <arthrokin/error.hpp>

#include <Eigen/Core>
#include <Eigen/Geometry>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arthrokin::io {

/// One BVH channel.
enum class BvhChannel : std::uint8_t { x_position, y_position, z_position, x_rotation, y_rotation, z_rotation };

/// The BVH spelling of a channel ("Xposition", ..., "Zrotation").
[[nodiscard]] std::string_view to_string(BvhChannel c) noexcept;
/// The channel spelled `s` (exact BVH spelling, case-insensitive), or nullopt.
[[nodiscard]] std::optional<BvhChannel> parse_bvh_channel(std::string_view s) noexcept;
/// True for the three rotation channels (angles in degrees in the file), false for positions.
[[nodiscard]] constexpr bool is_rotation(BvhChannel c) noexcept { return c >= BvhChannel::x_rotation; }
/// 0, 1, 2 for X, Y, Z.
[[nodiscard]] constexpr int axis_index(BvhChannel c) noexcept { return static_cast<int>(c) % 3; }

/// One joint of the hierarchy (ROOT or JOINT).
struct BvhJoint {
  std::string name;
  int parent = -1;                                   ///< index into `BvhFile::joints`; -1 for a ROOT
  Eigen::Vector3d offset = Eigen::Vector3d::Zero();  ///< OFFSET, in the parent's frame
  std::vector<BvhChannel> channels;                  ///< in file order
  int first_channel = 0;                             ///< column of `channels[0]` in `BvhFile::frames`
  std::vector<Eigen::Vector3d> end_sites;            ///< OFFSETs of the End Sites of this joint
  int line = 0;                                      ///< line of the ROOT/JOINT keyword
};

/// A parsed BVH file (value type).
struct BvhFile {
  std::string name;              ///< file name used in messages
  std::vector<BvhJoint> joints;  ///< depth-first file order: a parent precedes its children
  double frame_time = 0.0;       ///< seconds per frame
  /// frames × channels, row-major (one frame is one contiguous row), as in the file
  /// (positions in file units, rotations in degrees).
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> frames;

  /// Problems that did not stop the reading, one sentence each naming the file (e.g. "walk.bvh:
  /// Frames: header says 100 frames, file has 101 frame lines; read 101 frames").
  std::vector<std::string> warnings;

  [[nodiscard]] Eigen::Index frame_count() const noexcept { return frames.rows(); }
  [[nodiscard]] Eigen::Index channel_count() const noexcept { return frames.cols(); }
  [[nodiscard]] std::size_t joint_count() const noexcept { return joints.size(); }
  /// Index of the joint named `name` (exact match), or nullopt.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view name) const noexcept;
  /// Indices of the direct children of joint `j`.
  [[nodiscard]] std::vector<std::size_t> children(std::size_t j) const;
};

/// How many frame lines a `Frames: count` header may be off by before it is an error: 10, or 1 %
/// of `count` (rounded down) if that is more.
[[nodiscard]] constexpr std::uint64_t bvh_frame_count_slack(std::uint64_t count) noexcept {
  return count / 100 > 10 ? count / 100 : 10;
}

/// Parse BVH text. `name` is used in error messages. Throws `parse_error`.
[[nodiscard]] BvhFile parse_bvh(std::string_view text, std::string_view name = "<bvh>");
/// Read and parse a BVH file. Throws `parse_error` (also when it cannot be read).
[[nodiscard]] BvhFile read_bvh(const std::filesystem::path& path);

/// How position channels combine with the OFFSET of their joint.
enum class BvhPositionMode : std::uint8_t {
  replace_offset,  ///< a position channel gives that component of the local translation (default)
  add_to_offset,   ///< local translation = OFFSET + position channels
};

/// Preallocated per-frame state of forward kinematics, sized for one file.
struct BvhFkWorkspace {
  std::vector<Eigen::Matrix3d> R_global_joint;  ///< global rotation of each joint's frame
  std::vector<Eigen::Vector3d> p_global_joint;  ///< global position of each joint
  BvhPositionMode position_mode = BvhPositionMode::replace_offset;

  BvhFkWorkspace() = default;
  explicit BvhFkWorkspace(const BvhFile& file, BvhPositionMode mode = BvhPositionMode::replace_offset)
      : R_global_joint(file.joints.size(), Eigen::Matrix3d::Identity()),
        p_global_joint(file.joints.size(), Eigen::Vector3d::Zero()),
        position_mode(mode) {}
};

/// Local rotation of joint `j` for the channel values `row` (one frame row), degrees →
/// R = R_ch1 R_ch2 ... in file order.
[[nodiscard]] Eigen::Matrix3d bvh_local_rotation(const BvhJoint& joint, const double* row) noexcept;

/// Forward kinematics of one frame (`frame` in [0, frame_count)) into `ws`, which must
/// have been built for `file`. No heap allocation. Throws `invalid_argument` on a
/// frame out of range or a workspace of the wrong size.
void bvh_forward_kinematics(const BvhFile& file, Eigen::Index frame, BvhFkWorkspace& ws);
/// Forward kinematics of the rest pose (every channel zero).
void bvh_rest_pose(const BvhFile& file, BvhFkWorkspace& ws);

}  // namespace arthrokin::io
