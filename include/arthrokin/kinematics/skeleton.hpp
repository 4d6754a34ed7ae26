/// @file skeleton.hpp
/// @brief A rigid-segment skeleton scaled from body height, and the forward
///        model pose → segment orientations → keypoints of every layout.
///
/// Segment lengths as fractions of body height H after Winter, D. A. (2009),
/// *Biomechanics and Motor Control of Human Movement*, 4th ed., Wiley, Fig. 4.1
/// (segment lengths as a fraction of height, after Drillis & Contini 1966).
/// Provenance S (secondary): the fractions were not read in the book itself;
/// the limb fractions (upper arm 0.186, forearm 0.146, hand 0.108, thigh 0.245,
/// shank 0.246 H) were seen in several independent public code bases that
/// attribute them to Winter's figure; the trunk, width and foot fractions are
/// recalled from the same figure and NOT verified. Treat them as nominal.
/// They only set the skeleton's proportions for synthetic data: no joint angle
/// depends on them (angles are invariant to segment lengths).
/// Offsets of the face, hand and foot landmarks and the split of the trunk into
/// pelvis/abdomen/thorax are the library's own modelling choices (not from the table).
/// Definitions: detail/skeleton-inl.hpp (config.hpp).
#pragma once

#include <arthrokin/config.hpp>
#include <arthrokin/kinematics/forward.hpp>
#include <arthrokin/kinematics/layout.hpp>

#include <array>
#include <vector>

namespace arthrokin {

/// Segment dimensions in metres.
struct Skeleton {
  double height;          ///< H
  double hip_width;       ///< between hip joint centres (Winter 0.191 H, not verified)
  double shoulder_width;  ///< between shoulder joint centres (Winter 0.259 H, not verified)
  double trunk;           ///< mid-hip → neck base at shoulder level (Winter 0.818 H − 0.530 H, not verified)
  double head;            ///< neck base → top of head (1 − 0.818 H, not verified)
  double upper_arm;       ///< 0.186 H (not verified)
  double forearm;         ///< 0.146 H (not verified)
  double hand;            ///< 0.108 H (not verified)
  double thigh;           ///< 0.245 H (not verified)
  double shank;           ///< 0.246 H (not verified)
  double foot_length;     ///< 0.152 H (not verified)
  double foot_height;     ///< ankle above the sole, 0.039 H (not verified)
};

/// A skeleton of height `height_m` metres with the proportions above.
[[nodiscard]] Skeleton skeleton_from_height(double height_m);

/// Global positions of every `Role` for given segment orientations and pelvis position.
[[nodiscard]] std::array<Eigen::Vector3d, role_count> role_positions(
    const Skeleton& k, const SegmentOrientations& seg, const Eigen::Vector3d& p_root = Eigen::Vector3d(0.0, 0.0, 0.0));

/// Keypoints of `layout` (N × 3, row-major, metres, right-handed Y-up global frame).
[[nodiscard]] std::vector<double> synthesize_keypoints(Layout layout, const Skeleton& k, const SegmentOrientations& seg,
                                                       const Eigen::Vector3d& p_root = Eigen::Vector3d(0.0, 0.0, 0.0));

/// pose → keypoints in one call.
[[nodiscard]] std::vector<double> synthesize_keypoints(
    Layout layout, const Skeleton& k, const Pose& pose,
    const Eigen::Quaterniond& q_global_pelvis = Eigen::Quaterniond::Identity(), const JointAngleOptions& options = {});

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/skeleton-inl.hpp>
#endif
