// The CLI's report pictures (include/arthrokin/io/visual_report.hpp): the exercise phase plot and
// XML escaping of untrusted names.
#include <gtest/gtest.h>
#include <arthrokin/arthrokin.hpp>
#include <arthrokin/detail/text.hpp>
#include <arthrokin/exercise/monitor.hpp>
#include <arthrokin/io/visual_report.hpp>

#include <cmath>
#include <vector>

namespace {

using namespace arthrokin;

// A session with the knees clearly to the right, then centre, then left. Knees right means the
// thorax is rotated left relative to the pelvis, i.e. negative thoracolumbar axial rotation
// (include/arthrokin/exercise/exercise.hpp): here -40°, split over thoracic and lumbar.
TEST(VisualReport, PhasePlotIsPositiveWhenKneesAreRight) {
  const Exercise ex = lumbar_spine_rocking_stretch();
  std::vector<double> t;
  std::vector<Pose> poses;
  for (int i = 0; i < 90; ++i) {
    const double rotation_deg = i < 30 ? -40.0 : i < 60 ? 0.0 : 40.0;
    Pose p;
    p.set(DofId::thoracic_axial_rotation, degrees(0.75 * rotation_deg));
    p.set(DofId::lumbar_axial_rotation, degrees(0.25 * rotation_deg));
    t.push_back(i / 30.0);
    poses.push_back(p);
  }
  poses.push_back(Pose{});  // nothing observed
  t.push_back(3.0);

  const io::SeriesPlot plot = io::phase_plot(ex, t, poses);
  ASSERT_EQ(plot.deg.size(), poses.size());
  EXPECT_EQ(plot.t_s, t);
  EXPECT_EQ(plot.title, "phase signal (positive = knees to the right)");
  EXPECT_TRUE(std::isnan(plot.lower_deg) && std::isnan(plot.upper_deg)) << "no normal band";

  Monitor monitor(ex);
  std::size_t right = 0, left = 0;
  for (std::size_t i = 0; i + 1 < poses.size(); ++i) {
    monitor.update(t[i], poses[i]);
    if (monitor.phase() == Phase::right) {
      EXPECT_NEAR(plot.deg[i], 40.0, 1e-9) << "frame " << i;
      ++right;
    }
    if (monitor.phase() == Phase::left) {
      EXPECT_NEAR(plot.deg[i], -40.0, 1e-9) << "frame " << i;
      ++left;
    }
  }
  EXPECT_EQ(right, 30u);
  EXPECT_EQ(left, 30u);
  EXPECT_TRUE(std::isnan(plot.deg.back()));
}

// A phase of several terms with coefficients: each coefficient counts once.
TEST(VisualReport, PhasePlotAppliesEachCoefficientOnce) {
  Exercise ex = lumbar_spine_rocking_stretch();
  ex.phase.terms = {BandTerm::of(DofId::left_hip_abduction_adduction, 2.0),
                    BandTerm::thoracolumbar_total(Axis::axial_rotation, -0.5)};
  Pose p;
  p.set(DofId::left_hip_abduction_adduction, degrees(10.0));
  p.set(DofId::thoracic_axial_rotation, degrees(-20.0));
  p.set(DofId::lumbar_axial_rotation, degrees(-10.0));  // thoracolumbar total -30°
  const io::SeriesPlot plot = io::phase_plot(ex, {0.0}, {p});
  EXPECT_NEAR(plot.deg[0], 2.0 * 10.0 + -0.5 * -30.0, 1e-9);
}

TEST(VisualReport, XmlEscapeReplacesInvalidUtf8AndControls) {
  EXPECT_EQ(io::xml_escape("caf\xE9 <a> & \"b\""), "caf\xEF\xBF\xBD &lt;a&gt; &amp; &quot;b&quot;");
  EXPECT_EQ(io::xml_escape("\xC3\xA9\t\n\r\x01\x7F"), "\xC3\xA9\t\n\r\xEF\xBF\xBD\x7F");
  EXPECT_EQ(io::xml_escape("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate: 3 bad bytes
  const std::string html = io::html_report("r\xE9sum\xE9", {"\xFF"}, {io::HtmlSection{"caf\xE9", {"\xC0"}, {}, {}}});
  EXPECT_TRUE(detail::valid_utf8(html));
  EXPECT_TRUE(detail::valid_utf8(io::body_figure_svg({}, "caf\xE9", {"na\xEFve"})));
}

}  // namespace

namespace {
/// The value of attribute `name` of the first element with `class="cls"` and `data-side="side"`.
double attr(const std::string& svg, const std::string& cls, const std::string& side, const std::string& name) {
  std::size_t at = 0;
  while ((at = svg.find("class=\"" + cls + "\"", at)) != std::string::npos) {
    const std::size_t end = svg.find('>', at);
    const std::string el = svg.substr(at, end - at);
    if (side.empty() || el.find("data-side=\"" + side + "\"") != std::string::npos) {
      const std::size_t k = el.find(" " + name + "=\"");
      return std::stod(el.substr(k + name.size() + 3));
    }
    at = end;
  }
  ADD_FAILURE() << "no " << cls << " for side '" << side << "'";
  return std::nan("");
}
}  // namespace

// Issue 15: a right knee reaching 0-92° and a left knee 0-135° against a normal band of 0-140°, on one scale:
// the bars' widths are in the ratio of the arcs (92/140, 135/140), both start at the band's start, and a side
// never observed has no bar (it is "not observed", not a bar at zero).
TEST(VisualReport, RangeBarsShowTheReachedRangeAgainstTheBandOnOneScale) {
  io::RangeBar row;
  row.title = "knee flexion/extension";
  row.band_label = "normal 0\xC2\xB0 to 140\xC2\xB0";
  row.lower_deg = 0;
  row.upper_deg = 140;
  row.sides = {{"left", 0, 135, 2, 130}, {"right", 0, 92, 1, 90}};
  io::RangeBar never;
  never.title = "hip flexion/extension";
  never.sides = {{"left", NAN, NAN, NAN, NAN}};
  const std::string svg = io::range_bars_svg({row, never});
  const double bx = attr(svg, "band", "", "x"), bw = attr(svg, "band", "", "width");
  const double lx = attr(svg, "reached", "left", "x"), lw = attr(svg, "reached", "left", "width");
  const double rx = attr(svg, "reached", "right", "x"), rw = attr(svg, "reached", "right", "width");
  EXPECT_NEAR(lx, bx, 0.1);
  EXPECT_NEAR(rx, bx, 0.1);
  EXPECT_NEAR(rw / bw, 92.0 / 140.0, 0.002);
  EXPECT_NEAR(lw / bw, 135.0 / 140.0, 0.002);
  EXPECT_NE(svg.find("not observed"), std::string::npos);
  std::size_t bars = 0;
  for (std::size_t at = 0; (at = svg.find("class=\"reached\"", at)) != std::string::npos; ++at) ++bars;
  EXPECT_EQ(bars, 2u);
}

namespace {

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = 0; (at = s.find(what, at)) != std::string::npos; ++at) ++n;
  return n;
}

}  // namespace

// A band that varies along x: a value is out of range against the band at its own sample. Sample 1
// (25° against 10-20°) is outside; sample 2 (25° against 20-30°) is inside, though it would be
// outside the constant band of sample 1. The overlay's samples are counted and judged the same way.
TEST(VisualReport, VaryingBandJudgesEachSampleAgainstItsOwnBand) {
  io::SeriesPlot p;
  p.title = "t";
  p.t_s = {0, 1, 2};
  p.deg = {5, 25, 25};
  p.band_low_deg = {0, 10, 20};
  p.band_high_deg = {10, 20, 30};
  p.overlays = {{-1, 15, NAN}};  // sample 0 below its band, sample 2 unknown
  p.count_noun = "points";
  p.out_phrase = "outside the band";
  const std::string svg = io::series_plot_svg(p);
  EXPECT_NE(svg.find("2 of 5 known points outside the band, 1 unknown"), std::string::npos) << svg;
  EXPECT_EQ(count(svg, "<circle"), 2u);
  EXPECT_EQ(count(svg, "class=\"band\""), 1u);
  EXPECT_EQ(count(svg, "class=\"band-end\""), 2u);  // the low and the high end, one line each
  // The same values against the constant band 10-20 (sample 1's): 5, 25, 25 and -1 outside, 15 inside.
  io::SeriesPlot c = p;
  c.band_low_deg.clear();
  c.band_high_deg.clear();
  c.lower_deg = 10;
  c.upper_deg = 20;
  const std::string csvg = io::series_plot_svg(c);
  EXPECT_NE(csvg.find("4 of 5 known points outside the band"), std::string::npos) << csvg;
  // A varying band of the wrong length is refused, not drawn half.
  p.band_low_deg.pop_back();
  EXPECT_THROW((void)io::series_plot_svg(p), arthrokin::invalid_argument);
}

// Issue 15 item 6: a gait cycle equal to the norm's mean has no point outside the band; the same
// cycle 30° higher in knee flexion has a point outside wherever the band's top is below mean + 30°
// (every point: the band's half width, 1 SD, is below 30° throughout). The plot's band is the
// norm's (checked against gait_norm_curve), and the stance end is marked.
TEST(VisualReport, GaitPlotShowsTheNormBandAndEveryCycle) {
  const auto norm = gait_norm_curve(GaitSpeed::free, GaitVariable::knee_flexion);
  std::vector<Pose> poses(101);
  for (std::size_t i = 0; i <= 100; ++i) {  // frame i of a 50-frame cycle is its point i % 50
    const double shift = i < 50 ? 0.0 : 30.0;
    poses[i].set(DofId::right_knee_flexion_extension, degrees(norm[i == 100 ? 50 : i % 50].mean_deg + shift));
  }
  GaitContacts contacts;
  contacts.right = {0, 50, 100};
  const GaitReport rep = analyse_gait(poses, 50.0, contacts);
  ASSERT_EQ(rep.cycles.size(), 2u);
  const io::SeriesPlot p = io::gait_plot(rep, Side::right, GaitVariable::knee_flexion);
  ASSERT_EQ(p.t_s.size(), gait_points);
  ASSERT_EQ(p.overlays.size(), 1u);
  for (std::size_t k = 0; k < gait_points; ++k) {
    EXPECT_DOUBLE_EQ(p.t_s[k], 2.0 * static_cast<double>(k));
    EXPECT_DOUBLE_EQ(p.band_low_deg[k], norm[k].band_low_deg);
    EXPECT_DOUBLE_EQ(p.band_high_deg[k], norm[k].band_high_deg);
    EXPECT_LT(norm[k].sd_deg, 30.0);
  }
  ASSERT_EQ(p.marks.size(), 1u);
  EXPECT_DOUBLE_EQ(p.marks[0].t, rep.options.stance_end_percent);
  const std::string svg = io::series_plot_svg(p);
  // The first cycle (frames 0-50) is the mean but for its last point, frame 50, the second cycle's
  // first (mean of point 0 + 30): 1 outside; the second cycle (frames 50-100, mean + 30): all 51.
  EXPECT_NE(svg.find("52 of 102 known points outside the band"), std::string::npos) << p.title;
  EXPECT_EQ(count(svg, "<circle"), 52u);
  const auto sections = io::gait_sections(rep);
  bool named = false;
  for (const auto& sec : sections)
    for (const auto& l : sec.lines) named = named || l.find("right knee never extends in stance") != std::string::npos;
  EXPECT_TRUE(named);
}
