/// @file bvh_gait.hpp
/// @brief What a BVH file gives the gait report beyond joint angles (gait.hpp, docs/gait.md): the
///        angles relative to the laboratory (pelvis, foot progression) and foot contacts from the
///        ankle heights.
///
///  - **Walking direction**: the horizontal part of the root's net displacement from the first to the
///    last frame (a straight walk). When it is shorter than one leg length the direction is unknown
///    and so are the laboratory angles (NaN), never zero.
///  - **Laboratory angles**: `gait_lab_angles` on the segment frames of bvh_segments.hpp, per frame.
///    The BVH pelvis frame is Y = the root's up made perpendicular to the hip-to-hip line: it has no
///    anatomical (ASIS/PSIS) tilt, so its pelvic tilt is the tilt of the root, not the CGM's, which
///    reads about 10° anterior in quiet standing (docs/gait.md).
///  - **Foot contacts**: per side, the ankle joint's height above the floor direction (`up`). Its
///    level is the 5th percentile of that height over the file; an initial contact is the first frame
///    at which the ankle, after rising more than `lift` (default 5 % of the leg length) above its
///    level, comes back within `touch` (default 1.5 % of the leg length) of it. The leg length is
///    hip joint → knee joint → ankle joint at frame 0. The ankle stands in for the heel, which a
///    BVH skeleton does not have.
#pragma once

#include <arthrokin/gait.hpp>
#include <arthrokin/io/bvh.hpp>
#include <arthrokin/io/bvh_segments.hpp>

#include <Eigen/Core>

#include <vector>

namespace arthrokin::io {

struct BvhGaitOptions {
  double lift_fraction = 0.05;    ///< a swing lifts the ankle this fraction of the leg length above its level
  double touch_fraction = 0.015;  ///< contact: the ankle back within this fraction of the leg length of its level
};

struct BvhGait {
  std::vector<GaitLabFrame> lab;  ///< one per frame (NaN where unknown)
  GaitContacts contacts;          ///< from the ankle heights (empty for a side without thigh, shank)
  Eigen::Vector3d forward = Eigen::Vector3d::Constant(std::numeric_limits<double>::quiet_NaN());  ///< walking direction
  double leg_length = std::numeric_limits<double>::quiet_NaN();  ///< file units (right leg, else left)
  bool direction_known = false;
};

/// The laboratory angles and the foot contacts of every frame of `file` (file comment). Throws
/// `invalid_argument` on options that are not finite and positive.
[[nodiscard]] BvhGait bvh_gait(const BvhFile& file, const BvhBinding& binding, const BvhGaitOptions& options = {});

}  // namespace arthrokin::io
