// Shared pieces of the `arthrokin` command-line tool (not installed).
#pragma once

#include <arthrokin/arthrokin.hpp>
#include <arthrokin/io/visual_report.hpp>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace arthrokin::cli {

/// printf-style formatting of one number, e.g. fmt("%.1f", x).
inline std::string fmt(const char* f, double v) {
  char b[64];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

/// Exit codes (docs/cli.md).
inline constexpr int exit_within = 0;
inline constexpr int exit_out_of_range = 1;
inline constexpr int exit_bad_input = 2;

/// Bad usage or input found by the CLI itself (exit 2).
class usage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Format { text, json, csv };

struct Global {
  std::string format = "text";
  std::string profile;
  std::string source;
  [[nodiscard]] Format fmt() const {
    return format == "json" ? Format::json : format == "csv" ? Format::csv : Format::text;
  }
};

/// Options of how an input file becomes poses.
struct InputOptions {
  std::string layout = "auto";  ///< keypoint layout, or auto
  double fps = 30.0;            ///< keypoint CSV frame rate (JSON may state its own)
  bool mirrored = false;        ///< keypoints from a mirrored (selfie) camera
};

/// Poses over time read from one file.
struct Stream {
  std::string path;
  std::string kind;  ///< "pose JSON", "angle CSV", "BVH", "keypoint CSV (blazepose33)", ...
  std::vector<double> t_s;
  std::vector<Pose> poses;
};

/// Read any supported input (pose JSON, angle CSV, BVH, keypoint CSV/JSON).
[[nodiscard]] Stream load_stream(const std::filesystem::path& path, const InputOptions& opt);
/// The files of `paths` (a folder contributes its .json/.csv/.bvh files, sorted).
[[nodiscard]] std::vector<std::filesystem::path> expand_inputs(const std::vector<std::string>& paths);

/// The limits of --profile / --source (default set otherwise).
[[nodiscard]] Limits load_limits(const Global& g);

/// Write `text` to `path` (throws on failure).
void write_file(const std::string& path, const std::string& text);

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
  std::vector<Worst> worst;  ///< largest excess first, at most 3
};
struct Tally {
  std::array<DofTally, dof_count> dofs{};
  std::array<DofTally, Limits::max_composites> composites{};
  std::size_t frames = 0, frames_out = 0;
  void add(const Report& r, const std::string& file, std::size_t frame, double t_s);
  [[nodiscard]] std::vector<io::JointMark> marks(const Limits& limits) const;
};

// Subcommands: return the exit code.
struct CheckArgs {
  std::string input;
  std::optional<std::size_t> frame;
  std::string svg, html;
  InputOptions in;
};
int run_check(const Global& g, const CheckArgs& a);

struct AnglesArgs {
  std::string input, output;
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
  std::optional<std::size_t> frame;
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

}  // namespace arthrokin::cli
