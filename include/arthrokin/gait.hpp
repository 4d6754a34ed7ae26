/// @file gait.hpp
/// @brief Gait against normative curves: split walking into cycles (from the caller's foot contacts,
///        or from the knee's kinematics), normalise each cycle to 51 points (0–100 % every 2 %),
///        compare each Conventional Gait Model variable with the normal band of
///        gait_norms_schwartz2008.csv (typically developing CHILDREN), and score it: points outside
///        the band, Gait Variable Score, Gait Profile Score, and whether the knee extends in stance.
///
/// Definitions (docs/gait.md has the maths, the mapping and the figures):
///  - **Mapping.** `gait_frame_values` turns a `Pose` (plus, optionally, angles relative to the
///    laboratory) into the 11 CGM variables of one side, in radians. Hip flexion/adduction/internal
///    rotation, knee flexion, knee internal rotation and ankle dorsiflexion are the side's DoFs with
///    their signs unchanged (both are thigh-relative-to-pelvis, shank-relative-to-thigh,
///    foot-relative-to-shank, flexion/adduction/internal/dorsiflexion positive). Pelvic tilt,
///    obliquity, rotation and foot progression are relative to the laboratory and the walking
///    direction: a `Pose` has none of them, so they are unknown unless the caller gives
///    `GaitLabAngles` (e.g. from `gait_lab_angles` on segment orientations). Knee varus/valgus is not
///    a DoF of the library's table: always unknown. Unknown is never zero.
///  - **Normalisation.** A cycle runs from one initial contact (frame c0) to the next of the same foot
///    (c1 > c0), both included. Point k (k = 0..50) lies at frame position c0 + k/50·(c1 − c0) and is
///    the linear interpolation of the two frames around it; unknown (NaN) when either is unknown.
///  - **Band.** The table's band_low..band_high (its mean ± 1 SD, data/reference/README.md). A point is
///    outside when the value is below band_low or above band_high.
///  - **GVS** (Baker et al. 2009, `Baker09`): the root mean square over the 51 points of (value −
///    normative mean). Known only when all 51 points are known.
///  - **GPS** (`Baker09`): the root mean square of the GVSs of the variables used
///    (`GaitOptions::gps_variables`, default Baker's nine: pelvic tilt, obliquity, rotation, hip
///    flexion, ab/adduction, rotation, knee flexion, ankle dorsiflexion, foot progression) that are
///    known; the pelvis counts with the left side only (`GaitOptions::pelvis_side`, Baker's
///    convention). The number of variables it used is reported with it: a GPS of 5 variables is not
///    the GPS of 9.
///  - **Knee in stance.** The least knee flexion over the stance points (0 % to
///    `stance_end_percent`, default 60 %: `PerryStance`) against the norm's least mean knee flexion
///    over the same points; the knee "never extends in stance" when its least flexion is above that
///    norm's mean + `knee_sd_multiple` × SD (default 1: the table's band).
///  - **Detector** (no contacts given): initial contact = the knee's first minimum after each swing
///    peak, found with a hysteresis (`GaitDetectorOptions`). Its error on the CMU walk, against the
///    contacts that the BVH's ankle heights give, is measured in docs/gait.md.
///
/// Cost: `GaitCycleRecorder::add` and `score_cycle` allocate nothing; `analyse_gait` allocates its
/// result and one buffer of the sequence's values. Definitions: detail/gait-inl.hpp (config.hpp).
#pragma once

#include <arthrokin/angle.hpp>
#include <arthrokin/config.hpp>
#include <arthrokin/detail/reference_row_types.hpp>
#include <arthrokin/gait_vocabulary.hpp>
#include <arthrokin/pose.hpp>
#include <arthrokin/segment.hpp>
#include <arthrokin/side.hpp>

#include <Eigen/Core>

#include <array>
#include <bitset>
#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace arthrokin {

/// One row (one point of one curve) of the normative table; degrees, as in the CSV.
using GaitNormRow = detail::GaitNormRow;

/// The normative curve of one variable at one speed: 51 rows at 0, 2, ..., 100 % of the cycle.
[[nodiscard]] std::span<const GaitNormRow, gait_points> gait_norm_curve(GaitSpeed speed, GaitVariable v) noexcept;

/// The source key of the normative curves ("Schwartz2008"; data/reference/SOURCES.md).
[[nodiscard]] std::string_view gait_norms_source() noexcept;

/// The 11 CGM variables of one side at one frame, in radians (NaN: unknown), indexed by GaitVariable.
using GaitSample = std::array<double, gait_variable_count>;

/// Angles of one side relative to the laboratory at one frame, in radians (NaN: not given), each in
/// the CGM sign of that side (gait_vocabulary.hpp): pelvic tilt anterior +, obliquity this side's
/// hemipelvis up +, rotation this side's hemipelvis forward (internal) +, foot progression this
/// foot's toes turned in +.
struct GaitLabAngles {
  double pelvis_tilt = std::numeric_limits<double>::quiet_NaN();
  double pelvis_obliquity = std::numeric_limits<double>::quiet_NaN();
  double pelvis_rotation = std::numeric_limits<double>::quiet_NaN();
  double foot_progression = std::numeric_limits<double>::quiet_NaN();
};

/// Both sides' laboratory angles at one frame.
struct GaitLabFrame {
  GaitLabAngles left, right;
  [[nodiscard]] const GaitLabAngles& operator[](Side s) const noexcept { return s == Side::left ? left : right; }
};

/// The CGM variables of side `side` (left or right) from a pose and the side's laboratory angles
/// (file comment: the mapping). No allocation.
void gait_frame_values(const Pose& pose, Side side, const GaitLabAngles& lab, GaitSample& out) noexcept;

/// Laboratory angles of `side` from the pelvis and foot segment orientations (segment.hpp frames),
/// given the walking direction `forward` and the vertical `up` in the same global coordinates (need
/// not be unit or exactly perpendicular: `forward` is made horizontal). The pelvis relative to the
/// progression frame (X forward, Y up, Z right) is decomposed in the hip's sequence (tilt about Z,
/// obliquity about the floating X, rotation about the pelvis Y; that the CGM uses this order is not
/// verified, docs/gait.md), signs per side as in `GaitLabAngles`; foot progression is the angle of the foot's X axis,
/// projected on the floor, from `forward`. A missing or degenerate segment leaves its angles NaN. Throws
/// `invalid_argument` when `forward` is not finite or (nearly) parallel to `up`.
[[nodiscard]] GaitLabAngles gait_lab_angles(const SegmentOrientations& segments, Side side,
                                            const Eigen::Vector3d& forward, const Eigen::Vector3d& up);

/// The kinematic detector of initial contacts (file comment).
struct GaitDetectorOptions {
  /// A swing peak rises at least this far above the knee's least flexion of the sequence.
  Angle min_swing_excursion = degrees(20.0);
  /// After a swing peak the knee's minimum counts once the knee has flexed this far above it again.
  Angle hysteresis = degrees(3.0);
  /// Cycles shorter or longer than these (seconds) are not cycles (a stop, a turn, a missed peak).
  double min_cycle_s = 0.5;
  double max_cycle_s = 2.5;
};

struct GaitOptions {
  GaitSpeed speed = GaitSpeed::free;  ///< speed class of the normative curves (default: free speed)
  /// Variables that enter the GPS (default Baker's nine; knee varus and knee rotation left out).
  std::bitset<gait_variable_count> gps_variables{0b11001111111};
  /// The side whose GPS counts the three pelvic variables (Baker09: the left); nullopt: both sides.
  std::optional<Side> pelvis_side = Side::left;
  double stance_end_percent = 60.0;  ///< end of stance for the knee finding (PerryStance), 0 < p ≤ 100
  double knee_sd_multiple = 1.0;     ///< threshold of the knee finding: norm mean + this × SD
  GaitDetectorOptions detector{};
};

/// One variable of one cycle.
struct GaitVariableScore {
  GaitVariable variable = GaitVariable::pelvis_tilt;
  bool known = false;                                     ///< all 51 points known
  std::array<double, gait_points> curve{};                ///< radians, NaN unknown
  std::bitset<gait_points> outside{};                     ///< points outside the normal band
  double gvs = std::numeric_limits<double>::quiet_NaN();  ///< radians; NaN unless known
  bool in_gps = false;                                    ///< counted in the cycle's GPS
};

/// "The knee never extends in stance" (file comment). Radians.
struct KneeStanceFinding {
  bool known = false;          ///< every stance point of the knee curve known
  bool never_extends = false;  ///< least flexion in stance above the threshold
  double least_flexion = std::numeric_limits<double>::quiet_NaN();
  double least_flexion_percent = std::numeric_limits<double>::quiet_NaN();  ///< where (% of the cycle)
  double norm_least_flexion = std::numeric_limits<double>::quiet_NaN();     ///< norm mean at its stance minimum
  double norm_sd = std::numeric_limits<double>::quiet_NaN();                ///< norm SD there
  double norm_least_percent = std::numeric_limits<double>::quiet_NaN();
  double threshold = std::numeric_limits<double>::quiet_NaN();  ///< norm_least_flexion + k·norm_sd
  double stance_end_percent = 60.0;
};

/// One gait cycle of one side, scored against the norm.
struct GaitCycleScore {
  Side side = Side::right;
  std::size_t first_frame = 0, last_frame = 0;  ///< the two initial contacts (both included)
  std::array<GaitVariableScore, gait_variable_count> variables{};
  double gps = std::numeric_limits<double>::quiet_NaN();  ///< radians; NaN when no GPS variable is known
  std::size_t gps_variable_count = 0;                     ///< how many GVSs it is the RMS of
  KneeStanceFinding knee{};
  [[nodiscard]] const GaitVariableScore& operator[](GaitVariable v) const noexcept {
    return variables[static_cast<std::size_t>(v)];
  }
};

/// Normalise `frames` (one cycle: the first and the last are the two contacts, ≥ 2 frames) to 51
/// points and score it (file comment). No allocation. Throws `invalid_argument` on fewer than 2
/// frames, a side other than left/right, or options out of range.
void score_cycle(std::span<const GaitSample> frames, Side side, const GaitOptions& options, GaitCycleScore& out);

/// The 51-point linear-interpolation normalisation of one variable over one cycle (file comment);
/// `samples` radians, NaN unknown, at least 2. No allocation.
void normalise_cycle(std::span<const double> samples, std::span<double, gait_points> out);

/// Initial contacts of one side from its knee flexion (radians per frame, NaN unknown) sampled at
/// `frame_rate_hz` (file comment). Returns frame indices, increasing. Throws `invalid_argument` on a
/// frame rate that is not finite and positive or options out of range.
[[nodiscard]] std::vector<std::size_t> detect_initial_contacts(std::span<const double> knee_flexion,
                                                               double frame_rate_hz,
                                                               const GaitDetectorOptions& options = {});

/// Streaming: collect one side's frames between two contacts in a fixed-capacity buffer, then score.
class GaitCycleRecorder {
 public:
  /// Allocates room for `capacity` frames (≥ 2). Throws `invalid_argument` otherwise.
  explicit GaitCycleRecorder(Side side, std::size_t capacity = 1024);
  /// Add the frame at which a contact happened; `true` when a cycle closed with it (then `out` holds
  /// its score and the frame also starts the next cycle). The first contact only starts a cycle. A
  /// cycle longer than the capacity is dropped (`dropped()` counts them). No allocation.
  bool contact(const Pose& pose, std::size_t frame, const GaitOptions& options, GaitCycleScore& out,
               const GaitLabAngles& lab = {});
  /// Add a frame between contacts (ignored before the first contact). No allocation.
  void add(const Pose& pose, const GaitLabAngles& lab = {}) noexcept;
  [[nodiscard]] std::size_t dropped() const noexcept { return dropped_; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

 private:
  Side side_;
  std::vector<GaitSample> buffer_;
  std::size_t size_ = 0, first_frame_ = 0, dropped_ = 0;
  bool started_ = false, overflow_ = false;
};

/// Contacts given by the caller (frame indices of initial contacts, increasing), per side.
struct GaitContacts {
  std::vector<std::size_t> left, right;
};

/// The gait of a walking sequence against the norm.
struct GaitReport {
  GaitOptions options{};
  bool contacts_detected = false;      ///< from the kinematics (true) or given (false)
  GaitContacts contacts{};             ///< the contacts used
  std::vector<GaitCycleScore> cycles;  ///< both sides, in order of their first frame
  /// Cycles not scored: contacts further apart than `detector.max_cycle_s` (or closer than min_cycle_s).
  std::size_t skipped_cycles = 0;
};

/// Split `poses` (frames at `frame_rate_hz`) into cycles from the kinematics, score each (both sides).
/// `lab`: empty, or one GaitLabFrame per pose. Throws `invalid_argument` on a `lab` of another length
/// or a frame rate that is not finite and positive.
[[nodiscard]] GaitReport analyse_gait(std::span<const Pose> poses, double frame_rate_hz,
                                      const GaitOptions& options = {}, std::span<const GaitLabFrame> lab = {});
/// The same with the caller's contacts (each side's contacts increasing and inside the sequence, else
/// `invalid_argument`).
[[nodiscard]] GaitReport analyse_gait(std::span<const Pose> poses, double frame_rate_hz, const GaitContacts& contacts,
                                      const GaitOptions& options = {}, std::span<const GaitLabFrame> lab = {});

/// "right knee never extends in stance: its least flexion in stance (0-60 % of the cycle) is 30.0 deg
/// at 24 %, above the normal 5.6 deg +- 5.7 deg (typically developing children walking at free speed,
/// Schwartz2008)"; or "... extends in stance to ..."; or "... not known ...".
[[nodiscard]] std::string describe(const KneeStanceFinding& k, Side side, const GaitOptions& options);
/// A paragraph for one cycle: frames, GPS (and of how many variables), each known variable's GVS and
/// the points outside the band, the unknown variables named, and the knee sentence.
[[nodiscard]] std::string describe(const GaitCycleScore& c, const GaitOptions& options);

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/gait-inl.hpp>
#endif
