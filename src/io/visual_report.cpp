// Visual reports (include/arthrokin/io/visual_report.hpp): the body figure and time-series plots as
// self-contained SVG, and the HTML page that holds them. Every user string is escaped (xml_escape);
// axis ranges and ticks stay finite and bounded whatever the data.
#include <arthrokin/detail/text.hpp>
#include <arthrokin/error.hpp>
#include <arthrokin/io/visual_report.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace arthrokin::io {
namespace {

constexpr const char* colour_out = "#d62728";
constexpr const char* colour_possibly = "#ff9f1c";
constexpr const char* colour_within = "#2ca02c";
constexpr const char* colour_no_limit = "#ffffff";
constexpr const char* colour_unknown = "#b0b0b0";

const char* colour(JointMarkStatus s) {
  switch (s) {
    case JointMarkStatus::out_of_range:
      return colour_out;
    case JointMarkStatus::possibly_out_of_range:
      return colour_possibly;
    case JointMarkStatus::within:
      return colour_within;
    case JointMarkStatus::no_limit:
      return colour_no_limit;
    case JointMarkStatus::unknown:
      return colour_unknown;
  }
  return colour_unknown;
}

int rank(JointMarkStatus s) {
  switch (s) {
    case JointMarkStatus::out_of_range:
      return 4;
    case JointMarkStatus::possibly_out_of_range:
      return 3;
    case JointMarkStatus::within:
      return 2;
    case JointMarkStatus::no_limit:
      return 1;
    case JointMarkStatus::unknown:
      return 0;
  }
  return 0;
}

std::string f1(double v) { return arthrokin::detail::format_number("%.1f", v); }

/// Where a joint sits in the figure (viewBox 0 0 360 560; subject's left = viewer's right):
/// the figure point of its DoFs in the DoF table (dof.hpp).
struct Spot {
  double x, y;
};
Spot spot(Joint j, Side s) {
  // a spinal joint has no side; a limb joint given none is drawn on the right
  const Side side = is_spinal(j) ? Side::none : s == Side::left ? Side::left : Side::right;
  for (const DofInfo& d : dof_table)
    if (d.joint == j && d.side == side) return {180 + d.figure.x, d.figure.y};
  return {0, 0};
}

std::vector<std::string> wrap(const std::string& text, std::size_t width) {
  std::vector<std::string> out;
  std::string line;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto sp = text.find(' ', pos);
    if (sp == std::string::npos) sp = text.size();
    const std::string word = text.substr(pos, sp - pos);
    // UTF-8 continuation bytes do not take a column
    auto cols = [](const std::string& s) {
      return static_cast<std::size_t>(
          std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    };
    if (!line.empty() && cols(line) + 1 + cols(word) > width) out.push_back(line), line = "  ";
    if (!line.empty() && line != "  ") line += ' ';
    line += word;
    pos = sp + 1;
  }
  if (!line.empty() && line != "  ") out.push_back(line);
  return out;
}

/// "Nice" tick step for a range.
double tick_step(double span, int target) {
  const double raw = span / std::max(1, target);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

/// About `target` "nice" ticks in [lo, hi]: none when the range is empty or not finite, and never
/// more than 2 × target + 3, however large the values (at 1e17 a step of 2 does not move a double:
/// the ticks are counted, not accumulated until they pass `hi`).
std::vector<double> ticks(double lo, double hi, int target) {
  std::vector<double> out;
  const double span = hi - lo;
  if (!(span > 0) || !std::isfinite(span)) return out;
  const double step = tick_step(span, target);
  if (!(step > 0) || !std::isfinite(step)) return out;
  const double first = std::ceil(lo / step) * step;
  for (int i = 0; i <= 2 * target + 2; ++i) {
    const double v = first + i * step;
    if (!(v <= hi + 1e-9 * span) || (!out.empty() && !(v > out.back()))) break;
    out.push_back(v);
  }
  return out;
}

/// [lo, hi] widened to at least `min_span`, and to a span a double can hold around large values.
void widen(double& lo, double& hi, double min_span) {
  if (hi - lo >= min_span) return;
  const double m = lo / 2 + hi / 2;
  const double half = std::max(min_span / 2, std::abs(m) * 1e-9);
  lo = m - half, hi = m + half;
}

}  // namespace

std::string xml_escape(std::string_view s) {
  std::string o;
  o.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t k = detail::utf8_sequence_length(s, i);
    const auto b = static_cast<unsigned char>(s[i]);
    if (k == 0 || (b < 0x20 && b != '\t' && b != '\n' && b != '\r')) {
      o += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
      continue;
    }
    if (k > 1) {
      o.append(s.substr(i, k));
      i += k;
      continue;
    }
    const char c = s[i++];
    switch (c) {
      case '&':
        o += "&amp;";
        break;
      case '<':
        o += "&lt;";
        break;
      case '>':
        o += "&gt;";
        break;
      case '"':
        o += "&quot;";
        break;
      default:
        o += c;
    }
  }
  return o;
}

std::vector<JointMark> joint_marks(const Report& r) {
  std::vector<JointMark> marks;
  auto mark = [&](Joint j, Side s, JointMarkStatus st) {
    for (auto& m : marks)
      if (m.joint == j && m.side == s) {
        if (rank(st) > rank(m.status)) m.status = st;
        return;
      }
    marks.push_back({j, s, st});
  };
  for (const auto& c : r.dofs) {
    JointMarkStatus st = JointMarkStatus::unknown;
    if (c.out_of_range())
      st = JointMarkStatus::out_of_range;
    else if (c.possibly_out_of_range())
      st = JointMarkStatus::possibly_out_of_range;
    else if (c.status == Status::within)
      st = JointMarkStatus::within;
    else if (c.status == Status::no_limit || (c.status == Status::not_checked && !std::isnan(c.value)))
      st = JointMarkStatus::no_limit;
    mark(joint_of(c.dof), side_of(c.dof), st);
  }
  for (std::size_t k = 0; k < r.composite_count; ++k) {
    const auto& c = r.composites[k];
    if (!c.out_of_range()) continue;
    const auto& cl = r.limits->composite(c.index);
    for (std::size_t t = 0; t < cl.term_count; ++t)
      mark(cl.terms[t].joint, is_spinal(cl.terms[t].joint) ? Side::none : cl.side, JointMarkStatus::out_of_range);
  }
  return marks;
}

std::string body_figure_svg(const std::vector<JointMark>& marks, const std::string& title,
                            const std::vector<std::string>& notes) {
  std::vector<std::string> lines;
  for (const auto& n : notes)
    for (auto& l : wrap(n, 78)) lines.push_back(std::move(l));
  const int text_h = 60 + 16 * static_cast<int>(lines.size());
  const int h = std::max(600, text_h);
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 900 " + std::to_string(h) +
                  "\" width=\"900\" height=\"" + std::to_string(h) +
                  "\" font-family=\"DejaVu Sans, Arial, sans-serif\" role=\"img\">\n";
  s += "<title>" + xml_escape(title.empty() ? "arthrokin body figure" : title) + "</title>\n";
  s += "<rect width=\"900\" height=\"" + std::to_string(h) + "\" fill=\"#ffffff\"/>\n";
  s += "<text x=\"16\" y=\"26\" font-size=\"17\" font-weight=\"bold\">" + xml_escape(title) + "</text>\n";
  s += "<g transform=\"translate(10,20)\">\n";
  // Skeleton (bones): subject faces the viewer.
  auto P = [](Joint j, Side sd) { return spot(j, sd); };
  auto line = [&](Spot a, Spot b, double w = 5) {
    s += "<line x1=\"" + f1(a.x) + "\" y1=\"" + f1(a.y) + "\" x2=\"" + f1(b.x) + "\" y2=\"" + f1(b.y) +
         "\" stroke=\"#555\" stroke-width=\"" + f1(w) + "\" stroke-linecap=\"round\"/>\n";
  };
  s += "<circle cx=\"180\" cy=\"72\" r=\"30\" fill=\"#f4f4f4\" stroke=\"#555\" stroke-width=\"4\"/>\n";
  line(P(Joint::cervical, Side::none), {180, 102});
  line(P(Joint::cervical, Side::none), P(Joint::thoracic, Side::none));
  line(P(Joint::thoracic, Side::none), P(Joint::lumbar, Side::none));
  line(P(Joint::lumbar, Side::none), {180, 276});
  line(P(Joint::shoulder, Side::right), P(Joint::shoulder, Side::left));
  line(P(Joint::hip, Side::right), P(Joint::hip, Side::left));
  for (Side sd : {Side::left, Side::right}) {
    const double sx = sd == Side::left ? 1.0 : -1.0;
    line(P(Joint::shoulder, sd), P(Joint::elbow, sd));
    line(P(Joint::elbow, sd), P(Joint::wrist, sd));
    line(P(Joint::wrist, sd), {180 + sx * 86, 306}, 4);
    line(P(Joint::hip, sd), P(Joint::knee, sd));
    line(P(Joint::knee, sd), P(Joint::ankle, sd));
    line(P(Joint::ankle, sd), {180 + sx * 50, 528}, 4);
  }
  // Joints.
  for (const auto& m : marks) {
    const Spot p = spot(m.joint, m.side);
    const double r = m.joint == Joint::forearm || m.joint == Joint::subtalar ? 6.5 : 9.0;
    std::string name =
        (m.side == Side::none ? "" : std::string(to_string(m.side)) + " ") + std::string(to_string(m.joint)) + ": ";
    name += m.status == JointMarkStatus::out_of_range            ? "out of range"
            : m.status == JointMarkStatus::possibly_out_of_range ? "possibly out of range (within its uncertainty)"
            : m.status == JointMarkStatus::within                ? "within range"
            : m.status == JointMarkStatus::no_limit              ? "no limit / not checked"
                                                                 : "unknown";
    s += "<circle cx=\"" + f1(p.x) + "\" cy=\"" + f1(p.y) + "\" r=\"" + f1(r) + "\" fill=\"" + colour(m.status) +
         "\" stroke=\"#222\" stroke-width=\"1.5\"><title>" + xml_escape(name) + "</title></circle>\n";
  }
  s += "<text x=\"40\" y=\"560\" font-size=\"13\" fill=\"#333\">right</text>\n";
  s += "<text x=\"290\" y=\"560\" font-size=\"13\" fill=\"#333\">left</text>\n";
  s += "<text x=\"180\" y=\"578\" font-size=\"11\" fill=\"#666\" text-anchor=\"middle\">front view: the subject's "
       "left is on your right</text>\n";
  s += "</g>\n";
  // Legend.
  const struct {
    JointMarkStatus st;
    const char* label;
  } legend[] = {{JointMarkStatus::out_of_range, "out of range"},
                {JointMarkStatus::possibly_out_of_range, "possibly out of range"},
                {JointMarkStatus::within, "within range"},
                {JointMarkStatus::no_limit, "no limit / not checked"},
                {JointMarkStatus::unknown, "unknown (not observed)"}};
  int ly = 60;
  for (const auto& l : legend) {
    s += "<circle cx=\"402\" cy=\"" + std::to_string(ly) + "\" r=\"7\" fill=\"" + colour(l.st) +
         "\" stroke=\"#222\" stroke-width=\"1.5\"/><text x=\"416\" y=\"" + std::to_string(ly + 5) +
         "\" font-size=\"13\">" + l.label + "</text>\n";
    ly += 22;
  }
  ly += 14;
  for (const auto& l : lines) {
    s += "<text x=\"394\" y=\"" + std::to_string(ly) + "\" font-size=\"12\" xml:space=\"preserve\">" + xml_escape(l) +
         "</text>\n";
    ly += 16;
  }
  s += "</svg>\n";
  return s;
}

std::string body_figure_svg(const Report& r, const std::string& title) {
  std::vector<std::string> notes;
  for (const auto& c : r.dofs)
    if (c.out_of_range() || c.possibly_out_of_range()) notes.push_back("\xE2\x80\xA2 " + describe(r, c.dof));
  for (std::size_t k = 0; k < r.composite_count; ++k)
    if (r.composites[k].out_of_range()) notes.push_back("\xE2\x80\xA2 " + describe(r, r.composites[k]));
  if (notes.empty()) notes.push_back("no DoF out of range");
  const std::string t =
      title.empty() ? "verdict: " + std::string(to_string(r.overall)) + " (" + summary(r) + ")" : title;
  return body_figure_svg(joint_marks(r), t, notes);
}

SeriesPlot phase_plot(const Exercise& ex, const std::vector<double>& t_s, const std::vector<Pose>& poses) {
  SeriesPlot p;
  p.title = "phase signal (positive = knees to the right)";
  p.t_s = t_s;
  p.deg.reserve(poses.size());
  for (const auto& pose : poses) {
    double sum = 0.0;
    bool known = true;
    for (const auto& t : ex.phase.terms) {
      const auto v = term_radians(t, pose);  // coefficient × angle
      if (!v) {
        known = false;
        break;
      }
      sum += *v;
    }
    p.deg.push_back(known ? rad_to_deg(sum) : std::numeric_limits<double>::quiet_NaN());
  }
  char b[160];
  std::snprintf(b, sizeof b,
                "a side is entered beyond \xC2\xB1%g\xC2\xB0 and left below \xC2\xB1%g\xC2\xB0 (knees right above, "
                "knees left below)",
                ex.phase.enter_deg, ex.phase.exit_deg);
  p.band_label = b;
  return p;
}

std::string series_plot_svg(const SeriesPlot& p, int width, int height) {
  const double ml = 56, mr = 12, mt = 40, mb = 30;
  const double pw = width - ml - mr, ph = height - mt - mb;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::size_t n = p.t_s.size();
  // The band at sample i: the varying band when given (one value per sample), else the constant one.
  const bool varying = !p.band_low_deg.empty() || !p.band_high_deg.empty();
  if (varying && (p.band_low_deg.size() != n || p.band_high_deg.size() != n))
    throw invalid_argument("series_plot_svg: band_low_deg and band_high_deg need one value per t_s sample");
  if (!p.band_mean_deg.empty() && p.band_mean_deg.size() != n)
    throw invalid_argument("series_plot_svg: band_mean_deg needs one value per t_s sample");
  const auto low_at = [&](std::size_t i) { return varying ? p.band_low_deg[i] : p.lower_deg; };
  const auto high_at = [&](std::size_t i) { return varying ? p.band_high_deg[i] : p.upper_deg; };
  std::vector<const std::vector<double>*> series{&p.deg};
  for (const auto& o : p.overlays) series.push_back(&o);

  double t0 = 0, t1 = 1;
  if (!p.t_s.empty()) t0 = p.t_s.front(), t1 = p.t_s.back();
  if (!std::isfinite(t0) || !std::isfinite(t1)) t0 = 0, t1 = 1;
  if (!(t1 > t0)) widen(t0, t1, 1.0);
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  const auto include = [&](double v) {
    if (!std::isnan(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  };
  for (const auto* d : series)
    for (double v : *d) include(v);
  include(p.lower_deg), include(p.upper_deg);
  for (double v : p.band_low_deg) include(v);
  for (double v : p.band_high_deg) include(v);
  if (!std::isfinite(lo)) lo = -10, hi = 10;
  widen(lo, hi, 10.0);
  const double pad = 0.06 * (hi - lo);
  lo -= pad, hi += pad;
  auto X = [&](double t) { return ml + (t - t0) / (t1 - t0) * pw; };
  auto Y = [&](double v) { return mt + (hi - v) / (hi - lo) * ph; };
  const auto outside = [&](std::size_t i, double v) {
    const double l = i < n ? low_at(i) : nan, u = i < n ? high_at(i) : nan;
    return (!std::isnan(u) && v > u + p.tolerance_deg) || (!std::isnan(l) && v < l - p.tolerance_deg);
  };

  std::size_t out = 0, known = 0, total = 0;
  for (const auto* d : series) {
    total += d->size();
    for (std::size_t i = 0; i < d->size(); ++i) {
      if (std::isnan((*d)[i])) continue;
      ++known;
      if (outside(i, (*d)[i])) ++out;
    }
  }

  const std::string W = std::to_string(width), H = std::to_string(height);
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + W + " " + H + "\" width=\"" + W +
                  "\" height=\"" + H + "\" font-family=\"DejaVu Sans, Arial, sans-serif\" role=\"img\">\n";
  s += "<title>" + xml_escape(p.title) + "</title>\n";
  s += "<rect width=\"" + W + "\" height=\"" + H + "\" fill=\"#fff\"/>\n";
  std::string head = p.title + " \xE2\x80\x94 " + std::to_string(out) + " of " + std::to_string(known) + " known " +
                     p.count_noun + " " + p.out_phrase;
  if (known < total) head += ", " + std::to_string(total - known) + " unknown";
  s += "<text x=\"" + f1(ml) + "\" y=\"17\" font-size=\"13\" font-weight=\"bold\">" + xml_escape(head) + "</text>\n";
  // Grid lines under the band.
  const std::vector<double> yticks = ticks(lo, hi, 5);
  for (const double v : yticks)
    s += "<line x1=\"" + f1(ml - 4) + "\" x2=\"" + f1(ml + pw) + "\" y1=\"" + f1(Y(v)) + "\" y2=\"" + f1(Y(v)) +
         "\" stroke=\"#eee\"/>\n";
  // Normal band: a polygon through its knots (the plot's two edges for a constant band, every
  // sample for a varying one), its ends as dashed lines; a missing end is the plot's edge.
  {
    struct Knot {
      double x, low, high;
    };
    std::vector<Knot> knots;
    if (varying) {
      for (std::size_t i = 0; i < n; ++i) knots.push_back({X(p.t_s[i]), low_at(i), high_at(i)});
    } else if (!std::isnan(p.lower_deg) || !std::isnan(p.upper_deg)) {
      knots = {{ml, p.lower_deg, p.upper_deg}, {ml + pw, p.lower_deg, p.upper_deg}};
    }
    const auto y_low = [&](const Knot& k) { return std::isnan(k.low) ? mt + ph : Y(k.low); };
    const auto y_high = [&](const Knot& k) { return std::isnan(k.high) ? mt : Y(k.high); };
    // Polygons broken where both ends are unknown.
    std::size_t i = 0;
    while (i < knots.size()) {
      if (std::isnan(knots[i].low) && std::isnan(knots[i].high)) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < knots.size() && !(std::isnan(knots[j].low) && std::isnan(knots[j].high))) ++j;
      std::string pts;
      for (std::size_t k = i; k < j; ++k) pts += f1(knots[k].x) + "," + f1(y_high(knots[k])) + " ";
      for (std::size_t k = j; k-- > i;) pts += f1(knots[k].x) + "," + f1(y_low(knots[k])) + " ";
      s += "<polygon class=\"band\" fill=\"#e3f3e6\" points=\"" + pts + "\"/>\n";
      i = j;
    }
    for (const bool upper : {false, true}) {
      std::string pts;
      auto flush_end = [&] {
        if (!pts.empty())
          s += "<polyline class=\"band-end\" fill=\"none\" stroke=\"#2ca02c\" stroke-width=\"1\" "
               "stroke-dasharray=\"5 3\" points=\"" +
               pts + "\"/>\n";
        pts.clear();
      };
      for (const Knot& k : knots) {
        const double v = upper ? k.high : k.low;
        if (std::isnan(v)) {
          flush_end();
          continue;
        }
        pts += f1(k.x) + "," + f1(Y(v)) + " ";
      }
      flush_end();
    }
    std::string mean;
    for (std::size_t k = 0; k < p.band_mean_deg.size(); ++k)
      if (!std::isnan(p.band_mean_deg[k])) mean += f1(X(p.t_s[k])) + "," + f1(Y(p.band_mean_deg[k])) + " ";
    if (!mean.empty())
      s += "<polyline class=\"band-mean\" fill=\"none\" stroke=\"#2ca02c\" stroke-width=\"1\" "
           "stroke-dasharray=\"1 3\" points=\"" +
           mean + "\"/>\n";
  }
  // Axes and ticks.
  s += "<rect x=\"" + f1(ml) + "\" y=\"" + f1(mt) + "\" width=\"" + f1(pw) + "\" height=\"" + f1(ph) +
       "\" fill=\"none\" stroke=\"#999\"/>\n";
  for (const double v : yticks) {
    const std::string b = arthrokin::detail::format_number("%g\xC2\xB0", std::abs(v) < 1e-9 ? 0.0 : v);
    s += "<text x=\"" + f1(ml - 6) + "\" y=\"" + f1(Y(v) + 4) + "\" font-size=\"11\" text-anchor=\"end\">" + b +
         "</text>\n";
  }
  for (const double t : ticks(t0, t1, 8)) {
    const std::string b = arthrokin::detail::format_number("%g", std::abs(t) < 1e-9 ? 0.0 : t);
    s += "<line x1=\"" + f1(X(t)) + "\" x2=\"" + f1(X(t)) + "\" y1=\"" + f1(mt + ph) + "\" y2=\"" + f1(mt + ph + 4) +
         "\" stroke=\"#999\"/><text x=\"" + f1(X(t)) + "\" y=\"" + f1(mt + ph + 16) +
         "\" font-size=\"11\" text-anchor=\"middle\">" + b + "</text>\n";
  }
  s += "<text x=\"" + f1(ml + pw) + "\" y=\"" + f1(mt + ph + 28) + "\" font-size=\"11\" text-anchor=\"end\">" +
       xml_escape(p.x_label) + "</text>\n";
  for (const SeriesMark& m : p.marks) {
    if (!std::isfinite(m.t) || m.t < t0 || m.t > t1) continue;
    s += "<line class=\"mark\" x1=\"" + f1(X(m.t)) + "\" x2=\"" + f1(X(m.t)) + "\" y1=\"" + f1(mt) + "\" y2=\"" +
         f1(mt + ph) + "\" stroke=\"#777\" stroke-dasharray=\"2 2\"/><text x=\"" + f1(X(m.t) + 3) + "\" y=\"" +
         f1(mt + 11) + "\" font-size=\"10\" fill=\"#555\">" + xml_escape(m.label) + "</text>\n";
  }
  if (!p.band_label.empty())
    s += "<text x=\"" + f1(ml) + "\" y=\"33\" font-size=\"11\" fill=\"#1b6e2a\">" + xml_escape(p.band_label) +
         "</text>\n";
  // The series: polylines broken at unknown frames; at most ~3000 points drawn per series.
  std::string red;
  for (const auto* d : series) {
    const std::size_t m = std::min(n, d->size());
    const std::size_t stride = std::max<std::size_t>(1, m / 3000);
    std::string pts;
    auto flush = [&] {
      if (!pts.empty())
        s += "<polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.4\" points=\"" + pts + "\"/>\n";
      pts.clear();
    };
    for (std::size_t i = 0; i < m; i += stride) {
      const double v = (*d)[i];
      if (std::isnan(v)) {
        flush();
        continue;
      }
      pts += f1(X(p.t_s[i])) + "," + f1(Y(v)) + " ";
      if (outside(i, v)) red += "<circle cx=\"" + f1(X(p.t_s[i])) + "\" cy=\"" + f1(Y(v)) + "\" r=\"3\"/>";
    }
    flush();
  }
  if (!red.empty()) s += "<g fill=\"#d62728\">" + red + "</g>\n";
  s += "</svg>\n";
  return s;
}

std::string range_bars_svg(const std::vector<RangeBar>& rows, int width) {
  const double ml = 90, mr = 16, head = 20, lane = 16, gap = 14;
  const double pw = width - ml - mr;
  double height = 8;
  for (const auto& r : rows) height += head + lane * static_cast<double>(r.sides.size()) + gap;
  const std::string W = std::to_string(width), H = f1(height);
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + W + " " + H + "\" width=\"" + W +
                  "\" height=\"" + H + "\" font-family=\"DejaVu Sans, Arial, sans-serif\" role=\"img\">\n";
  s += "<title>range reached against the normal band</title>\n";
  s += "<rect width=\"" + W + "\" height=\"" + H + "\" fill=\"#fff\"/>\n";
  double y = 8;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const RangeBar& r = rows[k];
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (double v : {r.lower_deg, r.upper_deg})
      if (!std::isnan(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    for (const auto& sd : r.sides)
      for (double v : {sd.min_deg, sd.max_deg})
        if (!std::isnan(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    if (!std::isfinite(lo)) lo = -10, hi = 10;
    widen(lo, hi, 10.0);
    const double pad = 0.04 * (hi - lo);
    lo -= pad, hi += pad;
    const auto X = [&](double v) { return ml + (v - lo) / (hi - lo) * pw; };
    const std::string row = std::to_string(k);
    std::string label = r.title;
    if (!r.band_label.empty()) label.append(" \xE2\x80\x94 ").append(r.band_label);
    if (label.size() > 118)  // one line: the sentences below the figure say the rest
      label = std::string(arthrokin::detail::truncate_utf8(label, 115)).append("\xE2\x80\xA6");
    s += "<text x=\"" + f1(ml) + "\" y=\"" + f1(y + 13) + "\" font-size=\"12.5\" font-weight=\"bold\">" +
         xml_escape(label) + "</text>\n";
    y += head;
    const double lanes = lane * static_cast<double>(r.sides.size());
    if (!std::isnan(r.lower_deg) || !std::isnan(r.upper_deg)) {
      const double xb = std::isnan(r.lower_deg) ? ml : X(r.lower_deg);
      const double xe = std::isnan(r.upper_deg) ? ml + pw : X(r.upper_deg);
      s += "<rect class=\"band\" data-row=\"" + row + "\" x=\"" + f1(xb) + "\" y=\"" + f1(y) + "\" width=\"" +
           f1(xe - xb) + "\" height=\"" + f1(lanes) +
           "\" fill=\"#e3f3e6\" stroke=\"#2ca02c\" stroke-dasharray=\"5 3\"/>\n";
    }
    if (lo < 0 && hi > 0)  // neutral zero
      s += "<line x1=\"" + f1(X(0)) + "\" x2=\"" + f1(X(0)) + "\" y1=\"" + f1(y - 2) + "\" y2=\"" + f1(y + lanes + 2) +
           "\" stroke=\"#999\"/>\n";
    for (const double v : ticks(lo, hi, 6)) {
      const std::string b = arthrokin::detail::format_number("%g\xC2\xB0", std::abs(v) < 1e-9 ? 0.0 : v);
      s += "<text x=\"" + f1(X(v)) + "\" y=\"" + f1(y + lanes + 11) +
           "\" font-size=\"10\" fill=\"#666\" text-anchor=\"middle\">" + b + "</text>\n";
    }
    for (const auto& sd : r.sides) {
      s += "<text x=\"" + f1(ml - 6) + "\" y=\"" + f1(y + 12) + "\" font-size=\"11\" text-anchor=\"end\">" +
           xml_escape(sd.name.empty() ? std::string("reached") : sd.name) + "</text>\n";
      const std::string attrs = "data-row=\"" + row + "\" data-side=\"" + xml_escape(sd.name) + "\"";
      if (std::isnan(sd.min_deg) || std::isnan(sd.max_deg)) {
        s += "<text x=\"" + f1(ml + 4) + "\" y=\"" + f1(y + 12) +
             "\" font-size=\"11\" fill=\"#888\">not observed</text>\n";
      } else {
        s += "<rect class=\"reached\" " + attrs + " x=\"" + f1(X(sd.min_deg)) + "\" y=\"" + f1(y + 3) + "\" width=\"" +
             f1(std::max(1.0, X(sd.max_deg) - X(sd.min_deg))) +
             "\" height=\"10\" fill=\"#1f77b4\" fill-opacity=\"0.75\"/>\n";
        for (double v : {sd.robust_low_deg, sd.robust_high_deg})
          if (!std::isnan(v))
            s += "<line class=\"robust\" " + attrs + " x1=\"" + f1(X(v)) + "\" x2=\"" + f1(X(v)) + "\" y1=\"" +
                 f1(y + 1) + "\" y2=\"" + f1(y + 15) + "\" stroke=\"#0b3c66\" stroke-width=\"2\"/>\n";
      }
      y += lane;
    }
    y += gap;
  }
  s += "</svg>\n";
  return s;
}

std::string html_report(const std::string& title, const std::vector<std::string>& intro,
                        const std::vector<HtmlSection>& sections, std::string_view key) {
  std::string h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + xml_escape(title) +
                  "</title>\n";
  h += "<style>body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px;color:#222;max-width:940px}"
       "h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:32px}"
       "pre{background:#f6f6f6;padding:8px 10px;font-size:12.5px;white-space:pre-wrap}"
       "figure{margin:8px 0}.key{font-size:12px;color:#555}</style>\n</head>\n<body>\n";
  h += "<h1>" + xml_escape(title) + "</h1>\n";
  for (const auto& l : intro) h += "<p>" + xml_escape(l) + "</p>\n";
  if (!key.empty()) h += "<p class=\"key\">" + xml_escape(key) + "</p>\n";
  for (const auto& sec : sections) {
    h += "<h2>" + xml_escape(sec.heading) + "</h2>\n";
    if (!sec.lines.empty()) {
      h += "<pre>";
      for (const auto& l : sec.lines) h += xml_escape(l) + "\n";
      h += "</pre>\n";
    }
    if (!sec.figure_svg.empty()) h += "<figure>" + sec.figure_svg + "</figure>\n";
    for (const auto& p : sec.plots) h += "<figure>" + series_plot_svg(p) + "</figure>\n";
  }
  h += "</body>\n</html>\n";
  return h;
}

namespace {

constexpr std::array<std::string_view, gait_speed_count> speed_words{"very slow", "slow", "free", "fast", "very fast"};

std::string gait_band_label(const GaitOptions& o) {
  return "normal: mean \xC2\xB1 1 SD of typically developing children walking at " +
         std::string(speed_words[static_cast<std::size_t>(o.speed)]) + " speed (" + std::string(gait_norms_source()) +
         ")";
}

std::string cycle_name(const GaitCycleScore& c) {
  return std::to_string(c.first_frame) + "\xE2\x80\x93" + std::to_string(c.last_frame);
}

}  // namespace

SeriesPlot gait_plot(const GaitReport& report, Side side, GaitVariable variable) {
  SeriesPlot p;
  const auto norm = gait_norm_curve(report.options.speed, variable);
  for (const auto& row : norm) {
    p.t_s.push_back(row.cycle_pct);
    p.band_low_deg.push_back(row.band_low_deg);
    p.band_high_deg.push_back(row.band_high_deg);
    p.band_mean_deg.push_back(row.mean_deg);
  }
  p.band_label = gait_band_label(report.options);
  p.x_label = "% of the gait cycle (initial contact to initial contact)";
  p.count_noun = "points";
  p.out_phrase = "outside the band";
  std::string gvs;
  std::size_t cycles = 0;
  for (const auto& c : report.cycles) {
    if (c.side != side) continue;
    ++cycles;
    const GaitVariableScore& v = c[variable];
    std::vector<double> d(gait_points);
    for (std::size_t k = 0; k < gait_points; ++k) d[k] = rad_to_deg(v.curve[k]);
    if (p.deg.empty() && cycles == 1)
      p.deg = std::move(d);
    else
      p.overlays.push_back(std::move(d));
    gvs += gvs.empty() ? "" : ", ";
    gvs += v.known ? f1(rad_to_deg(v.gvs)) + "\xC2\xB0" : std::string("unknown");
  }
  p.title = std::string(to_string(side)) + " " + std::string(display_name(variable)) + ", " + std::to_string(cycles) +
            " cycle(s), GVS " + (gvs.empty() ? std::string("none") : gvs);
  if (variable == GaitVariable::knee_flexion)
    p.marks.push_back({report.options.stance_end_percent, "end of stance (knee finding)"});
  return p;
}

std::vector<HtmlSection> gait_sections(const GaitReport& report) {
  std::vector<HtmlSection> out;
  HtmlSection summary;
  summary.heading = "Gait Profile Score per cycle (Baker et al. 2009)";
  for (const auto& c : report.cycles) {
    std::string l = std::string(to_string(c.side)) + " cycle, frames " + cycle_name(c) + ": ";
    if (c.gps_variable_count)
      l += "GPS " + f1(rad_to_deg(c.gps)) + "\xC2\xB0 over " + std::to_string(c.gps_variable_count) + " of " +
           std::to_string(report.options.gps_variables.count()) + " variables";
    else
      l += "GPS not known (no GPS variable observed)";
    if (c.knee.never_extends) l += "; the knee never extends in stance";
    summary.lines.push_back(l);
  }
  if (report.cycles.empty()) summary.lines.push_back("no gait cycle was scored");
  if (report.skipped_cycles)
    summary.lines.push_back(std::to_string(report.skipped_cycles) +
                            " pair(s) of contacts not scored (too short or too long)");
  out.push_back(std::move(summary));
  for (GaitVariable v : all_gait_variables) {
    HtmlSection sec;
    sec.heading = std::string(display_name(v)) + " (" + std::string(positive_word(v)) + " +)";
    bool any = false;
    for (const auto& c : report.cycles) {
      const GaitVariableScore& s = c[v];
      std::size_t known = 0;
      for (double x : s.curve) known += std::isnan(x) ? 0 : 1;
      any = any || known > 0;
      std::string l = std::string(to_string(c.side)) + " cycle " + cycle_name(c) + ": ";
      l += s.known ? "GVS " + f1(rad_to_deg(s.gvs)) + "\xC2\xB0, " + std::to_string(s.outside.count()) +
                         " of 51 points outside the band" + (s.in_gps ? "" : " (not in the GPS)")
                   : std::string("not known (") + std::to_string(known) + " of 51 points observed)";
      sec.lines.push_back(l);
    }
    if (v == GaitVariable::knee_flexion)
      for (const auto& c : report.cycles) sec.lines.push_back(describe(c.knee, c.side, report.options));
    if (!any) {
      sec.lines.push_back("not known in any cycle: no plot");
    } else {
      for (Side side : {Side::left, Side::right}) {
        bool has = false;
        for (const auto& c : report.cycles) has = has || c.side == side;
        if (has) sec.plots.push_back(gait_plot(report, side, v));
      }
    }
    out.push_back(std::move(sec));
  }
  return out;
}

}  // namespace arthrokin::io
