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
