/// @file visual_report.hpp
/// @brief Pictures of reports (compiled in arthrokin_io; docs/reports.md):
///        a front-view SVG stick figure with each joint coloured by status, and
///        a self-contained HTML page (inline SVG, no external assets) with one
///        plot per DoF of the angle over time against its normal band.
#pragma once

#include <arthrokin/check.hpp>
#include <arthrokin/exercise/exercise.hpp>
#include <arthrokin/gait.hpp>

#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace arthrokin::io {

/// Status of one joint of one side in the figure.
enum class JointMarkStatus : std::uint8_t {
  out_of_range,           ///< a DoF (or a composite with a term at the joint) out of range
  within,                 ///< checked, none out of range
  no_limit,               ///< observed but no limit (or not checked)
  unknown,                ///< not observed
  possibly_out_of_range,  ///< a DoF beyond its limit by no more than its uncertainty, none clearly beyond
};

/// One joint of the figure (spinal joints take Side::none).
struct JointMark {
  Joint joint = Joint::hip;
  Side side = Side::none;
  JointMarkStatus status = JointMarkStatus::unknown;
};

/// The marks of every joint of a report: the worst status of the joint's DoFs
/// (out of range > within > no limit > unknown); composites mark each of their joints.
[[nodiscard]] std::vector<JointMark> joint_marks(const Report& report);

/// Front-view stick figure (the subject faces the viewer: their left is on the
/// viewer's right), joints coloured by `marks`; `notes` are printed beside it
/// (wrapped), e.g. the out-of-range sentences.
[[nodiscard]] std::string body_figure_svg(const std::vector<JointMark>& marks, const std::string& title,
                                          const std::vector<std::string>& notes = {});
/// The figure of one report: its marks, its verdict as title, its out-of-range sentences as notes.
[[nodiscard]] std::string body_figure_svg(const Report& report, const std::string& title = {});

/// A vertical marker of a `SeriesPlot` at one x (e.g. the end of stance in a gait cycle).
struct SeriesMark {
  double t = 0.0;
  std::string label;
};

/// A DoF (or any signal) over time, with its normal band. The band is either constant
/// (`lower_deg`, `upper_deg`) or varies along x (`band_low_deg`, `band_high_deg`, one value per
/// `t_s` sample, e.g. a normative gait curve's mean ± SD); both are drawn, and frames counted out
/// of range, by the same code.
struct SeriesPlot {
  std::string title;                                            ///< e.g. "left hip internal/external rotation"
  std::string band_label;                                       ///< e.g. "normal -45° to 45° (AAOS)"; empty: no band
  std::vector<double> t_s;                                      ///< time stamps (or any x, see `x_label`)
  std::vector<double> deg;                                      ///< values in degrees, NaN = unknown
  double lower_deg = std::numeric_limits<double>::quiet_NaN();  ///< NaN: no lower limit
  double upper_deg = std::numeric_limits<double>::quiet_NaN();  ///< NaN: no upper limit
  double tolerance_deg = 0.0;  ///< values beyond a limit by no more than this are drawn as within
  /// A band that varies along x: per sample of `t_s`, its low and high end (NaN: no end there). When
  /// not empty (both of `t_s`'s size) it replaces `lower_deg`/`upper_deg`.
  std::vector<double> band_low_deg, band_high_deg;
  std::vector<double> band_mean_deg;          ///< optional centre line of a varying band (dotted); empty: none
  std::vector<std::vector<double>> overlays;  ///< more series on the same `t_s` (e.g. every gait cycle), drawn as `deg`
  std::vector<SeriesMark> marks;              ///< vertical markers
  std::string x_label = "time (s)";
  std::string count_noun = "frames";  ///< the header counts "N of M known <noun> <out_phrase>"
  std::string out_phrase = "out of range";
};

/// The phase signal of `exercise` over time, as the Monitor reads it: positive = knees to the
/// right. Per frame, the sum of `term_radians` over the phase terms (each already multiplied by
/// its coefficient), in degrees; NaN where a term's angle is unknown. No normal band (being beyond
/// the thresholds is the exercise, not a fault): the band label names the side thresholds.
[[nodiscard]] SeriesPlot phase_plot(const Exercise& exercise, const std::vector<double>& t_s,
                                    const std::vector<Pose>& poses);

/// One plot as an inline SVG element (`width` pixels wide).
[[nodiscard]] std::string series_plot_svg(const SeriesPlot& plot, int width = 900, int height = 190);

/// The range one side reached in one DoF, for `range_bars_svg` (degrees; NaN: unknown).
struct RangeBarSide {
  std::string name;  ///< "left", "right", or "" for the spine
  double min_deg = std::numeric_limits<double>::quiet_NaN();
  double max_deg = std::numeric_limits<double>::quiet_NaN();
  double robust_low_deg = std::numeric_limits<double>::quiet_NaN();
  double robust_high_deg = std::numeric_limits<double>::quiet_NaN();
};
/// One row of `range_bars_svg`: a DoF axis of a joint, its normal band and the range each side reached.
struct RangeBar {
  std::string title;       ///< e.g. "knee flexion/extension"
  std::string band_label;  ///< e.g. "normal 0° to 140° (38 CFR 4.71a)"; empty: no band
  double lower_deg = std::numeric_limits<double>::quiet_NaN();  ///< NaN: no lower end
  double upper_deg = std::numeric_limits<double>::quiet_NaN();  ///< NaN: no upper end
  std::vector<RangeBarSide> sides;
};
/// Horizontal range bars (docs/assessment.md): per row, on one scale for both sides, the normal band
/// (green), the range reached from minimum to maximum (blue) and the robust ends (dark ticks). A side
/// never observed is drawn as "not observed", never as a bar at zero. Elements carry `class` (`band`,
/// `reached`, `robust`) and `data-row` / `data-side` attributes.
[[nodiscard]] std::string range_bars_svg(const std::vector<RangeBar>& rows, int width = 900);

/// One section of an HTML report.
struct HtmlSection {
  std::string heading;
  std::vector<std::string> lines;  ///< summary lines (escaped, shown preformatted)
  std::string figure_svg;          ///< optional inline SVG (e.g. body_figure_svg)
  std::vector<SeriesPlot> plots;
};

/// The key printed above the sections of `html_report` by default.
inline constexpr std::string_view html_plot_key =
    "Plots: the angle over time (blue), the normal band (green, dashed limits), frames out of range (red dots). "
    "Gaps in the line are frames where the DoF is unknown.";

/// A self-contained HTML document (UTF-8, inline CSS and SVG, no scripts, no external assets).
/// `key` (default `html_plot_key`; empty: none) is printed after the intro.
[[nodiscard]] std::string html_report(const std::string& title, const std::vector<std::string>& intro,
                                      const std::vector<HtmlSection>& sections, std::string_view key = html_plot_key);

/// One gait variable of one side over the gait cycle (0-100 %, docs/gait.md): every scored cycle
/// of that side overlaid (degrees, NaN unknown), against the normative band of the report's speed
/// class (mean ± 1 SD, varying over the cycle, with the mean dotted); the end of stance marked for
/// knee flexion. Points outside the band are red. The title names the GVS of each cycle.
[[nodiscard]] SeriesPlot gait_plot(const GaitReport& report, Side side, GaitVariable variable);

/// The sections of a gait report (docs/reports.md): per gait variable, the GVS of every cycle,
/// the knee's stance finding (knee flexion; "never extends in stance" when it fires) and the
/// plots of both sides (`gait_plot`); a variable never known in any cycle gets a line, no plot.
/// The first section lists each cycle's GPS.
[[nodiscard]] std::vector<HtmlSection> gait_sections(const GaitReport& report);

/// Escape &, <, >, " for XML/HTML text and attributes. The result is always well-formed UTF-8 that
/// XML 1.0 accepts: invalid UTF-8 bytes (a Latin-1 file name) and C0 control characters other than
/// tab, line feed and carriage return become U+FFFD.
[[nodiscard]] std::string xml_escape(std::string_view s);

}  // namespace arthrokin::io
