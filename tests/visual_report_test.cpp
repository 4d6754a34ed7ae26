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
