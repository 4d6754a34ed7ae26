// Shared pieces of the `arthrokin` command-line tool (not installed).
#pragma once

#include <arthrokin/arthrokin.hpp>
#include <arthrokin/detail/text.hpp>
#include <arthrokin/io/visual_report.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace arthrokin::cli {

/// printf-style formatting of one number, e.g. fmt("%.1f", x) (detail::format_number).
using detail::format_number;
[[nodiscard]] inline std::string fmt(const char* f, double v) { return format_number(f, v); }

/// Exit codes (docs/cli.md).
inline constexpr int exit_within = 0;        ///< something was checked, and everything checked is within range
inline constexpr int exit_out_of_range = 1;  ///< something is out of range
inline constexpr int exit_bad_input = 2;     ///< bad input or usage, nothing could be checked, or an output failed

/// Bad usage or input found by the CLI itself (exit 2).
class usage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An output (a file, or standard output) could not be written (exit 2). The message is
/// "cannot write <path>: <reason>".
class output_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A file name or other untrusted text for a message: invalid UTF-8 and control bytes as \xNN.
[[nodiscard]] std::string shown(std::string_view text);

/// JSON text of `j`, indented by 2. Invalid UTF-8 in strings (file names are bytes, not text)
/// becomes U+FFFD instead of failing.
[[nodiscard]] inline std::string json_text(const nlohmann::json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// The frame number of `--frame TEXT`: a whole number from 0 (throws usage_error otherwise, e.g.
/// for "-1", which must not wrap around to 18446744073709551615).
[[nodiscard]] std::size_t parse_frame(const std::string& text);
/// `frame` if an input with `frames` frames has it (throws usage_error naming `path` otherwise).
[[nodiscard]] std::size_t frame_index(std::size_t frame, std::size_t frames, const std::string& path);

enum class Format { text, json, csv };

struct Global {
  std::string format = "text";
  std::string profile;
  std::string source;
  std::optional<double> uncertainty_deg;  ///< --uncertainty: standard uncertainty of every value
  std::string input_kind;                 ///< --input-kind: a documented default instead
  double coverage = 2.0;                  ///< --coverage: k of U = k·u
  std::string context = "unspecified";    ///< measurement context of the default set (docs/sources.md)
  bool no_shoulder_region = false;        ///< --no-shoulder-region: each shoulder DoF against its own range
  bool no_two_joint = false;              ///< --no-two-joint: hip flexion against its own range
  [[nodiscard]] Format fmt() const {
    return format == "json" ? Format::json : format == "csv" ? Format::csv : Format::text;
  }
};

/// Options of how an input file becomes poses.
struct InputOptions {
  std::string layout = "auto";  ///< keypoint layout, or auto
  double fps = 30.0;            ///< keypoint CSV frame rate (JSON may state its own)
  bool mirrored = false;        ///< keypoints from a mirrored (selfie) camera
  /// Keypoint input: "none" (each frame's raw keypoint angles), or the skeleton fitter
  /// (docs/fitter.md) "online" (causal) or "offline" (smoothed both ways).
  std::string fit = "none";
  /// With --fit: the 2D image landmarks of the same frames (a keypoint CSV of the same layout, x, y
  /// normalised to the image) and the image's size "WxH" in pixels (docs/fitter.md).
  std::string fit_image;
  std::string image_size;
  /// BVH neutral calibration (docs/cli.md): frames "N", "N-M" or "N,M,..." (empty: none), the
  /// declared posture, the segments calibrated ("all" or a comma-separated list of segment names)
  /// and the plausibility bound of calibration.hpp (degrees).
  std::string neutral_frames;
  std::string neutral = "standing";
  std::string neutral_segments = "all";
  double neutral_max_offset_deg = 45.0;
  /// OpenSim .mot/.sto: the model whose coordinate signs apply (io/opensim.hpp; "auto": told by the columns).
  std::string opensim_model = "auto";
  /// BVH: a mapping file (io/bvh_segments.hpp, `parse_bvh_mapping_json`); empty: the built-in tables.
  std::string bvh_map;
};

/// Poses over time read from one file.
struct Stream {
  std::string path;
  std::string kind;  ///< "pose JSON", "angle CSV", "BVH", "keypoint CSV (blazepose33)", ...
  std::vector<double> t_s;
  std::vector<Pose> poses;
  /// --fit: the fit's standard uncertainty per frame and DoF (frames × dof_count radians, NaN
  /// where unknown); empty otherwise. The checks use it in place of --uncertainty for those DoFs.
  std::vector<double> sigma_rad;
  /// What was read with a problem that did not stop it (a BVH frame count off by a few lines, core
  /// limb joints the BVH mapping leaves unknown): already printed on stderr by `load_stream`.
  std::vector<std::string> warnings;
};

/// The uncertainty of frame `i` of `s`: `base`, with the fit's per-DoF values where it has them.
[[nodiscard]] Uncertainty frame_uncertainty(const Uncertainty& base, const Stream& s, std::size_t i);

/// Read any supported input (pose JSON, angle CSV, BVH, keypoint CSV/JSON, OpenSim .mot/.sto).
[[nodiscard]] Stream load_stream(const std::filesystem::path& path, const InputOptions& opt);
/// The files of `paths` (a folder contributes its .json/.csv/.bvh/.mot/.sto files, sorted).
[[nodiscard]] std::vector<std::filesystem::path> expand_inputs(const std::vector<std::string>& paths);

/// The limits of --profile / --source (default set otherwise).
[[nodiscard]] Limits load_limits(const Global& g);
/// The uncertainty of --uncertainty / --input-kind / --coverage (none by default; docs/uncertainty.md).
[[nodiscard]] Uncertainty load_uncertainty(const Global& g);

/// Output files written whole or not at all: `commit()` writes every file to a temporary file in
/// its destination's directory (flushed, fsync'ed and closed, each step checked), and only when all
/// of them are complete renames them over their destinations. On any failure the temporaries are
/// removed, no destination is touched, and `output_error` names the file. A destination that exists
/// and is not a regular file (a device such as /dev/null or /dev/full, a FIFO) is opened before any
/// temporary is written and written directly, after all temporaries are complete.
class OutputFiles {
 public:
  /// Queue `text` for `path` (an empty path is ignored; the same file twice is a usage error).
  void add(const std::string& path, std::string text);
  /// Write everything queued (throws output_error).
  void commit();

 private:
  struct File {
    std::string path;
    std::string text;
  };
  std::vector<File> files_;
};

/// Write one file whole or not at all (OutputFiles with one file).
void write_file(const std::string& path, std::string text);

/// While alive, std::cout writes to file descriptor 1 through a buffer that remembers the first
/// write error (line-buffered on a terminal), so that a full disk or a closed pipe is reported with
/// its reason instead of being ignored.
class StdoutGuard {
 public:
  StdoutGuard();
  ~StdoutGuard();
  StdoutGuard(const StdoutGuard&) = delete;
  StdoutGuard& operator=(const StdoutGuard&) = delete;
  /// Flush standard output; the reason if any write to it failed.
  [[nodiscard]] std::optional<std::string> failure();

 private:
  std::unique_ptr<std::streambuf> buffer_;
  std::streambuf* previous_ = nullptr;
};

/// Band label and limits of one DoF for a plot.
[[nodiscard]] io::SeriesPlot dof_plot(const Limits& limits, DofId d, const std::vector<double>& t,
                                      const std::vector<Pose>& poses);

/// Per-DoF and per-composite aggregate over frames (check of many frames, scan).
struct Worst {
  std::string file;
  std::size_t frame = 0;
  double t_s = 0, value_deg = 0, excess_deg = 0;
};
struct DofTally {
  std::size_t frames = 0, observed = 0, below = 0, above = 0, not_checked = 0;
  std::size_t possibly = 0;  ///< frames possibly below or above (an excess within the value's uncertainty)
  std::vector<Worst> worst;  ///< largest excess first, at most 3
};
struct Tally {
  std::array<DofTally, dof_count> dofs{};
  std::array<DofTally, Limits::max_composites> composites{};
  std::size_t frames = 0, frames_out = 0;
  std::size_t frames_unknown = 0;   ///< frames in which nothing could be checked (their verdict is unknown)
  std::size_t frames_possibly = 0;  ///< frames possibly out of range (no clear excursion)
  std::size_t frames_partial = 0;   ///< frames within range with some checked DoF unknown
  void add(const Report& r, const std::string& file, std::size_t frame, double t_s);
  /// A frame that is not out of range, from its verdict and statuses (`BatchChecker::run` with
  /// `BatchStatuses`: one row of dof_count DoF statuses and one of composite statuses).
  void add(Verdict v, std::span<const std::uint8_t> dof, std::span<const std::uint8_t> composite);
  /// out_of_range if any frame is; else possibly_out_of_range if any frame is; unknown if nothing could
  /// be checked in any frame (or there is no frame); within_range_partial if a frame was within range with
  /// unknown DoFs, or nothing could be checked in some frames; within_range otherwise.
  [[nodiscard]] Verdict verdict() const noexcept {
    return frames_out > 0                             ? Verdict::out_of_range
           : frames_possibly > 0                      ? Verdict::possibly_out_of_range
           : frames_unknown == frames                 ? Verdict::unknown
           : frames_partial > 0 || frames_unknown > 0 ? Verdict::within_range_partial
                                                      : Verdict::within_range;
  }
  [[nodiscard]] std::vector<io::JointMark> marks(const Limits& limits) const;
};

// Subcommands: return the exit code.
struct CheckArgs {
  std::string input;
  std::optional<std::string> frame;  ///< as given: parse_frame() checks it
  std::string svg, html;
  InputOptions in;
};
int run_check(const Global& g, const CheckArgs& a);

struct AnglesArgs {
  std::string input, output;
  /// -o *.mot / *.sto: the OpenSim model whose coordinate names to write ("auto": arthrokin DoF names).
  std::string mot_model = "auto";
  InputOptions in;
};
int run_angles(const Global& g, const AnglesArgs& a);

struct ScanArgs {
  std::vector<std::string> inputs;
  std::string svg, html;
  InputOptions in;
  bool progress = true;
};
int run_scan(const Global& g, const ScanArgs& a);

struct MuscleArgs {
  std::string mode;  ///< movers | stretched
  std::string what;  ///< a motion, or a pose file
  std::string side = "both";
  std::string reference;
  std::optional<std::string> frame;  ///< as given: parse_frame() checks it
  bool claims = false;
  bool shortened = false;
  InputOptions in;
};
int run_muscles(const Global& g, const MuscleArgs& a);

struct ExerciseArgs {
  std::string input, exercise, html;
  bool cues = false;
  InputOptions in;
};
int run_exercise(const Global& g, const ExerciseArgs& a);

struct NormsArgs {
  std::vector<std::string> joints;
  std::vector<std::string> sources;
  std::optional<int> age;
  std::string sex;
  bool effective = false, dofs = false;
};
int run_norms(const Global& g, const NormsArgs& a);

struct AssessArgs {
  std::vector<std::string> inputs;
  std::optional<int> age;
  std::string sex;       ///< F, M or both (with --age)
  std::string involved;  ///< left | right: side-to-side asymmetry with this side involved
  bool robust = false;   ///< deficits and asymmetry from the robust ends
  double percent_low = 2.0, percent_high = 98.0;
  double bin_deg = 0.1;
  std::string html;         ///< --html: range bars against the normal band, and the sentences
  bool functional = false;  ///< --functional: which daily activities the range reached supports (functional.hpp)
  bool reba = false;        ///< --reba: the REBA score of every frame (ergonomics.hpp)
  bool grades = false;      ///< --grades: knee limitation-of-motion rows of 38 CFR 4.71a (grades.hpp)
  std::string reba_side = "right";      ///< the arm REBA scores
  std::string reba_legs = "bilateral";  ///< bilateral | sitting | unilateral
  std::string coupling = "good";        ///< good | fair | poor | unacceptable
  double load_kg = 0.0;
  bool shock = false, shoulder_raised = false, arm_supported = false, wrist_twisted = false;
  bool static_posture = false, repeated = false, rapid_changes = false;
  double reba_threshold_deg = 0.0;  ///< upright tolerance and twist/side-bend/abduction/deviation thresholds
  InputOptions in;
};
int run_assess(const Global& g, const AssessArgs& a);

struct GaitArgs {
  std::string input;
  std::string speed = "Free";                 ///< speed class of the normative curves
  std::string contacts = "auto";              ///< auto (BVH: feet, else knee) | feet | knee | given
  std::string left_contacts, right_contacts;  ///< frame lists "120,245,371"
  double stance_end_percent = 60.0;
  double knee_sd_multiple = 1.0;
  std::string html;  ///< --html: the curves of every cycle against the normative band, GVS, GPS, knee finding
  InputOptions in;
};
int run_gait(const Global& g, const GaitArgs& a);

}  // namespace arthrokin::cli
