// Report writers (include/arthrokin/io/report_writers.hpp): one check Report as JSON or CSV, the
// formats the CLI writes (docs/cli.md).
#include "format_util.hpp"
#include "report_json.hpp"

#include <arthrokin/io/report_writers.hpp>

#include <cstdio>

namespace arthrokin::io {
namespace {

using detail::json;

/// Text for a report: valid UTF-8 (invalid bytes of user text, e.g. an override reason given
/// through the C API, become U+FFFD), so that the JSON value can be dumped by anyone.
std::string text(std::string_view s) { return detail::valid_utf8_text(s); }

json deg_or_null(double rad) { return std::isnan(rad) ? json(nullptr) : json(rad_to_deg(rad)); }

std::string num(double rad) {
  if (std::isnan(rad)) return {};
  return arthrokin::detail::format_number("%.6g", rad_to_deg(rad));
}

std::string bound_cells(const Bound& b) {
  if (!b.has_value()) return ",,";
  return num(b.radians) + "," + detail::csv_field(text(b.source)) + "," + std::string(to_string(b.tag));
}

}  // namespace

json bound_to_json_value(const Bound& b) {
  if (!b.has_value()) return nullptr;
  json j = {{"deg", rad_to_deg(b.radians)},
            {"source", text(b.source)},
            {"tag", std::string(to_string(b.tag))},
            {"origin", std::string(to_string(b.origin))},
            {"citation", text(describe(b))}};
  if (b.origin == Origin::user) j["reason"] = text(b.user_label());
  return j;
}

json report_to_json_value(const Report& r) {
  json dofs = json::array();
  for (const auto& c : r.dofs) {
    const auto& l = (*r.limits)[c.dof];
    dofs.push_back({{"dof", std::string(to_string(c.dof))},
                    {"name", text(display_name(c.dof))},
                    {"status", std::string(to_string(c.status))},
                    {"value_deg", c.status == Status::unknown ? json(nullptr) : deg_or_null(c.value)},
                    {"excess_deg", rad_to_deg(c.excess)},
                    {"decided_by", std::string(to_string(c.decided_by))},
                    {"uncertainty_deg", rad_to_deg(c.expanded_uncertainty)},
                    {"lower", bound_to_json_value(l.lower)},
                    {"upper", bound_to_json_value(l.upper)},
                    {"sentence", text(describe(r, c.dof))}});
    if (c.decided_by == LimitKind::two_joint) dofs.back()["two_joint_limit_deg"] = rad_to_deg(c.two_joint_limit);
  }
  json comps = json::array();
  for (std::size_t k = 0; k < r.composite_count; ++k) {
    const auto& c = r.composites[k];
    const auto& cl = r.limits->composite(c.index);
    comps.push_back({{"composite", text(cl.name)},
                     {"name", text(display_name(cl))},
                     {"side", std::string(to_string(cl.side))},
                     {"status", std::string(to_string(c.status))},
                     {"value_deg", deg_or_null(c.value)},
                     {"excess_deg", rad_to_deg(c.excess)},
                     {"lower", bound_to_json_value(cl.lower)},
                     {"upper", bound_to_json_value(cl.upper)},
                     {"sentence", text(describe(r, c))}});
  }
  return {{"verdict", std::string(to_string(r.overall))},
          {"summary", summary(r)},
          {"complete", r.complete()},
          {"out_of_range_count", r.out_of_range_count},
          {"possibly_out_of_range_count", r.possibly_out_of_range_count},
          {"unknown_count", r.unknown_count},
          {"observed_count", r.observed_count()},
          {"tolerance_deg", to_degrees(r.limits->tolerance())},
          {"dofs", dofs},
          {"composites", comps}};
}

std::string report_to_json(const Report& report) {
  return report_to_json_value(report).dump(2, ' ', false, json::error_handler_t::replace);
}

std::string report_csv_header() {
  return "dof,status,value_deg,excess_deg,lower_deg,lower_source,lower_tag,upper_deg,upper_source,upper_tag,sentence";
}

std::string report_csv_rows(const Report& r, const std::string& prefix) {
  std::string out =
      prefix + "overall," + std::string(to_string(r.overall)) + ",,,,,,,,," + detail::csv_field(summary(r)) + "\n";
  for (const auto& c : r.dofs) {
    const auto& l = (*r.limits)[c.dof];
    out += prefix + std::string(to_string(c.dof)) + "," + std::string(to_string(c.status)) + "," +
           (c.status == Status::unknown ? std::string() : num(c.value)) + "," + num(c.excess) + "," +
           bound_cells(l.lower) + "," + bound_cells(l.upper) + "," + detail::csv_field(text(describe(r, c.dof))) + "\n";
  }
  for (std::size_t k = 0; k < r.composite_count; ++k) {
    const auto& c = r.composites[k];
    const auto& cl = r.limits->composite(c.index);
    std::string id = "composite:";
    if (cl.side != Side::none) id.append(to_string(cl.side)).append("_");
    id.append(text(cl.name));
    out += prefix + id + "," + std::string(to_string(c.status)) + "," + num(c.value) + "," + num(c.excess) + "," +
           bound_cells(cl.lower) + "," + bound_cells(cl.upper) + "," + detail::csv_field(text(describe(r, c))) + "\n";
  }
  return out;
}

std::string report_to_csv(const Report& report) { return report_csv_header() + "\n" + report_csv_rows(report); }

}  // namespace arthrokin::io
