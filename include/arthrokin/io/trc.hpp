/// @file trc.hpp
/// @brief OpenSim / Motion Analysis marker trajectories (`.trc`) in, as keypoints (compiled in
/// arthrokin_io; docs/formats.md, "TRC").
///
///     PathFileType  4  (X/Y/Z)  trial.trc
///     DataRate  CameraRate  NumFrames  NumMarkers  Units  OrigDataRate  OrigDataStartFrame  OrigNumFrames
///     60        60          100        21          m      60            0                   100
///     Frame#  Time  RHip        RKnee ...
///                   X1  Y1  Z1  X2  Y2  Z2 ...
///     1       0.0167  -0.065 0.901 -1.400  ...
///
/// Tab-separated. Line 1 starts with `PathFileType`; line 2 names the header fields and line 3
/// gives their values, of which `DataRate` (Hz, > 0), `NumFrames`, `NumMarkers` and `Units`
/// (`m`, `mm` or `cm`) are required, in any order. Line 4: `Frame#`, `Time`, then each marker
/// name in the first of its three columns; line 5: the coordinate labels (X1 Y1 Z1 ...; their
/// number must be 3 × NumMarkers, their text is not checked). Blank lines after the header are
/// skipped. Each data line: a frame number, a time (strictly increasing), then X Y Z per marker:
/// an empty cell or `NaN` is unknown (a row may stop early: the markers it leaves out are unknown),
/// anything else must be a finite number. The number of data lines must equal `NumFrames`.
///
/// Markers are mapped by name onto BlazePose-33 keypoints (kinematics/layout.hpp) so that the
/// keypoint path gives joint angles: the names Pose2Sim writes for its OpenPose BODY_25B,
/// HALPE_26, COCO_17 and BlazePose marker sets (Nose, LEye, REye, LEar, REar, LShoulder, LElbow,
/// LWrist, LHip, LKnee, LAnkle, LHeel, LBigToe → left_foot_index, LPinky, LIndex, LThumb, LMouth,
/// LEyeInner, LEyeOuter, and R...). Other markers (Neck, Head, Hip, LSmallToe, ...) are read and
/// listed in `TrcMarkers::ignored`. BlazePose keypoints no marker gives are unknown (NaN, with
/// visibility 0); so are the DoFs that need them. Coordinates become metres (the keypoint path
/// depends only on the frame's handedness, not on its up axis or units).
///
/// Errors throw `parse_error` "<file>:<line>:<column>: <what>" (column = 1-based tab field; 0 when
/// the whole line is at fault). Limits: <arthrokin/io/limits.hpp>.
#pragma once

#include <arthrokin/error.hpp>
#include <arthrokin/io/keypoints_csv.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace arthrokin::io {

/// What a `.trc` file held.
struct TrcMarkers {
  double data_rate_hz = 0;           ///< the header's DataRate
  std::string units;                 ///< the header's Units: "m", "mm" or "cm"
  std::vector<std::string> markers;  ///< every marker name, in file order
  std::vector<double> time_s;        ///< the Time column, one per frame
  KeypointTable keypoints;           ///< BlazePose-33, metres; unmapped keypoints NaN, visibility 0
  std::vector<std::string> mapped;   ///< "LKnee -> left_knee", in file order
  std::vector<std::string> ignored;  ///< markers with no BlazePose keypoint, in file order
  [[nodiscard]] std::size_t size() const noexcept { return time_s.size(); }
};

/// Parse `.trc` text; `name` is used in error messages.
[[nodiscard]] TrcMarkers parse_trc(std::string_view text, std::string_view name = "<trc>");
/// Read a `.trc` file. Throws `parse_error` naming the file.
[[nodiscard]] TrcMarkers read_trc(const std::filesystem::path& path);

}  // namespace arthrokin::io
