// The C API (include/arthrokin/c_api.h) over the header-only core.
// No exception crosses the boundary: every entry point catches and returns an ak_error.
#include <arthrokin/c_api.h>
#include <arthrokin/detail/text.hpp>

#include <arthrokin/batch.hpp>
#include <arthrokin/check.hpp>
#include <arthrokin/deficit.hpp>
#include <arthrokin/dof.hpp>
#include <arthrokin/ergonomics.hpp>
#include <arthrokin/error.hpp>
#include <arthrokin/gait.hpp>
#include <arthrokin/io/bvh.hpp>
#include <arthrokin/io/bvh_angles.hpp>
#include <arthrokin/kinematics/fitter.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>
#include <arthrokin/kinematics/keypoints.hpp>
#include <arthrokin/kinematics/layout.hpp>
#include <arthrokin/limits.hpp>
#include <arthrokin/pose.hpp>
#include <arthrokin/range.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <limits>
#include <memory>
#include <new>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

// The opaque handles of c_api.h: each owns one C++ value, so a handle is freed with `delete`
// and copying one (ak_limits_clone) is copying the value.
struct ak_limits {
  arthrokin::Limits limits;
};
struct ak_pose {
  arthrokin::Pose pose;
};
struct ak_report {
  arthrokin::Limits limits;  // the report's own copy: the report refers to it
  arthrokin::Report report;
};
struct ak_range {
  arthrokin::RangeAccumulator acc;
};
struct ak_fitter {
  arthrokin::SkeletonFitter fitter;
};
struct ak_bvh_angles {
  std::size_t frames = 0;
  double frame_time = 0.0;
  std::vector<double> radians;        // frames x dof_count
  std::vector<double> thoracolumbar;  // frames x 3
};

namespace {

thread_local std::string last_error;

// Messages echo the caller's names: keep them valid UTF-8 and bounded (detail/text.hpp).
ak_error fail(ak_error code, const std::string& message) noexcept {
  try {
    last_error = arthrokin::detail::printable(message, 1024);
  } catch (...) {
    last_error.clear();
  }
  return code;
}

// Runs `f` and turns every exception into an error code and message.
template <class F>
ak_error guarded(const char* fn, F&& f) noexcept {
  try {
    return f();
  } catch (const arthrokin::invalid_argument& e) {
    return fail(AK_ERR_INVALID_ARGUMENT, std::string(fn) + ": " + e.what());
  } catch (const std::bad_alloc&) {
    return fail(AK_ERR_NO_MEMORY, std::string(fn) + ": out of memory");
  } catch (const std::exception& e) {
    return fail(AK_ERR_INTERNAL, std::string(fn) + ": " + e.what());
  } catch (...) {
    return fail(AK_ERR_INTERNAL, std::string(fn) + ": unknown error");
  }
}

ak_error null_arg(const char* fn, const char* name) {
  return fail(AK_ERR_NULL_ARGUMENT, std::string(fn) + ": " + name + " is NULL");
}

bool dof_ok(int dof) noexcept { return dof >= 0 && dof < static_cast<int>(arthrokin::dof_count); }

ak_error bad_dof(const char* fn, int dof) {
  return fail(AK_ERR_OUT_OF_RANGE, std::string(fn) + ": DoF index " + std::to_string(dof) + " is not in 0.." +
                                       std::to_string(arthrokin::dof_count - 1));
}

double to_deg_or_nan(double rad) noexcept {
  return std::isnan(rad) ? std::numeric_limits<double>::quiet_NaN() : arthrokin::rad_to_deg(rad);
}

// Static, NUL-terminated copies of the source keys and tags a Bound can carry
// (its string_views point into constexpr tables and need not be NUL-terminated).
const char* static_cstr(std::string_view s) {
  static const std::vector<std::string> pool = [] {
    std::vector<std::string> v;
    for (const auto& r : arthrokin::detail::source_rows) v.emplace_back(r.key);
    v.emplace_back("user");
    return v;
  }();
  for (const auto& p : pool)
    if (p == s) return p.c_str();
  return "";
}

/// The tag's name (arthrokin::to_string(Tag): its views are of NUL-terminated literals).
const char* tag_cstr(arthrokin::Tag t) noexcept { return arthrokin::to_string(t).data(); }

// snprintf-style output (c_api.h, "Text output"): always report the full length, write what fits
// and NUL-terminate, so that a call with capacity 0 measures and a second call fills.
ak_error write_text(const std::string& text, char* buffer, size_t capacity, size_t* needed) noexcept {
  if (needed) *needed = text.size();
  if (capacity > 0 && buffer) {
    const size_t n = std::min(capacity - 1, text.size());
    std::memcpy(buffer, text.data(), n);
    buffer[n] = '\0';
  }
  return AK_OK;
}

template <class T>
ak_error make_handle(T** out, T&& value) {
  auto p = std::make_unique<T>(std::move(value));
  *out = p.release();  // ownership passes to the caller (ak_*_free)
  return AK_OK;
}

// Limits::restrict_to takes a span; the joints named by the caller are only known at run time.
void restrict_dynamic(arthrokin::Limits& l, const std::vector<arthrokin::Joint>& js) { l.restrict_to(js); }

ak_error pose_set(const char* fn, ak_pose* pose, int dof, arthrokin::Angle a) {
  return guarded(fn, [&] {
    if (!pose) return null_arg(fn, "pose");
    if (!dof_ok(dof)) return bad_dof(fn, dof);
    if (!std::isfinite(arthrokin::to_radians(a)))
      return fail(AK_ERR_INVALID_ARGUMENT, std::string(fn) + ": " + ak_dof_name(dof) +
                                               " must be finite (NaN is not 'unknown' here: use ak_pose_clear)");
    pose->pose.set(static_cast<arthrokin::DofId>(dof), a);
    return AK_OK;
  });
}

}  // namespace

namespace {
// The uncertainty of the C API's (u_rad, u_count, coverage) arguments; throws invalid_argument.
arthrokin::Uncertainty c_uncertainty(const char* fn, const double* u_rad, size_t u_count, double coverage) {
  using arthrokin::dof_count;
  if (u_count != 0 && !u_rad) throw arthrokin::invalid_argument(std::string(fn) + ": u_rad is NULL");
  if (u_count == 0) return arthrokin::Uncertainty{}.set_coverage(coverage);
  if (u_count == 1) return arthrokin::Uncertainty::uniform(arthrokin::radians(u_rad[0]), coverage);
  if (u_count != dof_count)
    throw arthrokin::invalid_argument(std::string(fn) + ": u_count must be 0, 1 or " + std::to_string(dof_count) +
                                      ", got " + std::to_string(u_count));
  return arthrokin::Uncertainty::from_radians({u_rad, u_count}, coverage);
}
}  // namespace

// The C enums are the byte values of arthrokin::Status / Verdict (appended, never renumbered).
static_assert(AK_WITHIN == static_cast<int>(arthrokin::Status::within) &&
              AK_BELOW == static_cast<int>(arthrokin::Status::below) &&
              AK_ABOVE == static_cast<int>(arthrokin::Status::above) &&
              AK_UNKNOWN == static_cast<int>(arthrokin::Status::unknown) &&
              AK_NO_LIMIT == static_cast<int>(arthrokin::Status::no_limit) &&
              AK_NOT_CHECKED == static_cast<int>(arthrokin::Status::not_checked) &&
              AK_POSSIBLY_BELOW == static_cast<int>(arthrokin::Status::possibly_below) &&
              AK_POSSIBLY_ABOVE == static_cast<int>(arthrokin::Status::possibly_above) && arthrokin::status_count == 8);
static_assert(AK_LIMIT_SINGLE_AXIS == static_cast<int>(arthrokin::LimitKind::single_axis) &&
                  AK_LIMIT_REGION == static_cast<int>(arthrokin::LimitKind::region) &&
                  AK_LIMIT_TWO_JOINT == static_cast<int>(arthrokin::LimitKind::two_joint),
              "ak_limit_kind must match arthrokin::LimitKind");
static_assert(AK_WITHIN_RANGE == static_cast<int>(arthrokin::Verdict::within_range) &&
              AK_OUT_OF_RANGE == static_cast<int>(arthrokin::Verdict::out_of_range) &&
              AK_VERDICT_UNKNOWN == static_cast<int>(arthrokin::Verdict::unknown) &&
              AK_POSSIBLY_OUT_OF_RANGE == static_cast<int>(arthrokin::Verdict::possibly_out_of_range) &&
              AK_WITHIN_RANGE_PARTIAL == static_cast<int>(arthrokin::Verdict::within_range_partial) &&
              arthrokin::verdict_count == 5);

extern "C" {

const char* ak_last_error_message(void) { return last_error.c_str(); }

const char* ak_error_name(ak_error code) {
  // A C caller may pass any value of the enum's integer type, e.g. (ak_error)999; in C++
  // reading an ak_error outside the range of its enumerators is undefined (UBSan: "load of
  // value 999, which is not a valid value for type 'ak_error'"). Read the bits as an integer.
  std::underlying_type_t<ak_error> raw;
  std::memcpy(&raw, &code, sizeof raw);
  switch (raw) {
    case AK_OK:
      return "AK_OK";
    case AK_ERR_NULL_ARGUMENT:
      return "AK_ERR_NULL_ARGUMENT";
    case AK_ERR_INVALID_ARGUMENT:
      return "AK_ERR_INVALID_ARGUMENT";
    case AK_ERR_UNKNOWN_NAME:
      return "AK_ERR_UNKNOWN_NAME";
    case AK_ERR_OUT_OF_RANGE:
      return "AK_ERR_OUT_OF_RANGE";
    case AK_ERR_NO_MEMORY:
      return "AK_ERR_NO_MEMORY";
    case AK_ERR_INTERNAL:
      return "AK_ERR_INTERNAL";
    case AK_ERR_PARSE:
      return "AK_ERR_PARSE";
    case AK_ERR_IO:
      return "AK_ERR_IO";
  }
  return "AK_ERR_UNKNOWN_CODE";
}

const char* ak_version(void) { return ARTHROKIN_VERSION_STRING; }

int ak_dof_count(void) { return static_cast<int>(arthrokin::dof_count); }

const char* ak_dof_name(int index) {
  if (!dof_ok(index)) return nullptr;
  // dof_ids are string literals: NUL-terminated.
  return arthrokin::detail::dof_ids[static_cast<std::size_t>(index)].data();
}

ak_error ak_dof_index(const char* name, int* index, int* sense) {
  return guarded("ak_dof_index", [&] {
    if (!name) return null_arg("ak_dof_index", "name");
    if (!index) return null_arg("ak_dof_index", "index");
    const auto m = arthrokin::parse_dof(name);
    if (!m) return fail(AK_ERR_UNKNOWN_NAME, std::string("ak_dof_index: unknown DoF name '") + name + "'");
    *index = static_cast<int>(arthrokin::index(m->dof));
    if (sense) *sense = static_cast<int>(m->sense);
    return AK_OK;
  });
}

// The C enums have the values of arthrokin::Status / Verdict (c_api.h), so a cast is the mapping;
// anything outside them gets "" rather than an enum value the C++ side never made.
const char* ak_status_name(int status) {
  if (status < 0 || status >= static_cast<int>(arthrokin::status_count)) return "";
  return arthrokin::to_string(static_cast<arthrokin::Status>(status)).data();
}

const char* ak_verdict_name(int verdict) {
  if (verdict < 0 || verdict >= static_cast<int>(arthrokin::verdict_count)) return "";
  return arthrokin::to_string(static_cast<arthrokin::Verdict>(verdict)).data();
}

// ---- limits ----------------------------------------------------------------

ak_error ak_limits_defaults(ak_limits** out) {
  return guarded("ak_limits_defaults", [&] {
    if (!out) return null_arg("ak_limits_defaults", "out");
    *out = nullptr;
    return make_handle(out, ak_limits{arthrokin::Limits::defaults()});
  });
}

ak_error ak_limits_defaults_context(const char* context, ak_limits** out) {
  return guarded("ak_limits_defaults_context", [&] {
    if (!out) return null_arg("ak_limits_defaults_context", "out");
    *out = nullptr;
    if (!context) return null_arg("ak_limits_defaults_context", "context");
    const auto c = arthrokin::parse_context(context);
    if (!c)
      return fail(AK_ERR_UNKNOWN_NAME, std::string("ak_limits_defaults_context: unknown context '") +
                                           arthrokin::detail::printable(context) +
                                           "' (unspecified, passive, active, weight_bearing)");
    return make_handle(out, ak_limits{arthrokin::Limits::defaults(*c)});
  });
}

ak_error ak_limits_from_source(const char* source_key, ak_limits** out) {
  return guarded("ak_limits_from_source", [&] {
    if (!out) return null_arg("ak_limits_from_source", "out");
    *out = nullptr;
    if (!source_key) return null_arg("ak_limits_from_source", "source_key");
    if (!arthrokin::find_source(source_key))
      return fail(AK_ERR_UNKNOWN_NAME, std::string("ak_limits_from_source: unknown source key '") + source_key + "'");
    return make_handle(out, ak_limits{arthrokin::Limits::from_source(source_key)});
  });
}

ak_error ak_limits_clone(const ak_limits* limits, ak_limits** out) {
  return guarded("ak_limits_clone", [&] {
    if (!out) return null_arg("ak_limits_clone", "out");
    *out = nullptr;
    if (!limits) return null_arg("ak_limits_clone", "limits");
    return make_handle(out, ak_limits{limits->limits});
  });
}

void ak_limits_free(ak_limits* limits) { std::unique_ptr<ak_limits>{limits}; }

ak_error ak_limits_set_tolerance_deg(ak_limits* limits, double degrees) {
  return guarded("ak_limits_set_tolerance_deg", [&] {
    if (!limits) return null_arg("ak_limits_set_tolerance_deg", "limits");
    limits->limits.with_tolerance(arthrokin::degrees(degrees));
    return AK_OK;
  });
}

ak_error ak_limits_set_shoulder_region(ak_limits* limits, int on) {
  return guarded("ak_limits_set_shoulder_region", [&] {
    if (!limits) return null_arg("ak_limits_set_shoulder_region", "limits");
    limits->limits.with_shoulder_region(on != 0);
    return AK_OK;
  });
}

ak_error ak_limits_set_two_joint_limits(ak_limits* limits, int on) {
  return guarded("ak_limits_set_two_joint_limits", [&] {
    if (!limits) return null_arg("ak_limits_set_two_joint_limits", "limits");
    limits->limits.with_two_joint_limits(on != 0);
    return AK_OK;
  });
}

ak_error ak_limits_get_rules(const ak_limits* limits, int* shoulder_region, int* two_joint_limits) {
  return guarded("ak_limits_get_rules", [&] {
    if (!limits) return null_arg("ak_limits_get_rules", "limits");
    if (shoulder_region) *shoulder_region = limits->limits.uses_shoulder_region() ? 1 : 0;
    if (two_joint_limits) *two_joint_limits = limits->limits.uses_two_joint_limits() ? 1 : 0;
    return AK_OK;
  });
}

ak_error ak_limits_override_deg(ak_limits* limits, int dof, double lower_deg, double upper_deg, const char* reason) {
  return guarded("ak_limits_override_deg", [&] {
    if (!limits) return null_arg("ak_limits_override_deg", "limits");
    if (!dof_ok(dof)) return bad_dof("ak_limits_override_deg", dof);
    limits->limits.override_dof(static_cast<arthrokin::DofId>(dof), arthrokin::degrees(lower_deg),
                                arthrokin::degrees(upper_deg), reason ? reason : "patient override");
    return AK_OK;
  });
}

ak_error ak_limits_restrict(ak_limits* limits, const char* const* joints, size_t count) {
  return guarded("ak_limits_restrict", [&] {
    if (!limits) return null_arg("ak_limits_restrict", "limits");
    if (!joints && count > 0) return null_arg("ak_limits_restrict", "joints");
    std::vector<arthrokin::Joint> js;
    for (size_t i = 0; i < count; ++i) {
      if (!joints[i]) return null_arg("ak_limits_restrict", "a joint name");
      const auto j = arthrokin::parse_joint(joints[i]);
      if (!j) return fail(AK_ERR_UNKNOWN_NAME, std::string("ak_limits_restrict: unknown joint '") + joints[i] + "'");
      js.push_back(*j);
    }
    restrict_dynamic(limits->limits, js);
    return AK_OK;
  });
}

ak_error ak_limits_get_deg(const ak_limits* limits, int dof, double* lower_deg, double* upper_deg) {
  return guarded("ak_limits_get_deg", [&] {
    if (!limits) return null_arg("ak_limits_get_deg", "limits");
    if (!dof_ok(dof)) return bad_dof("ak_limits_get_deg", dof);
    const auto& l = limits->limits[static_cast<arthrokin::DofId>(dof)];
    if (lower_deg) *lower_deg = to_deg_or_nan(l.lower.radians);
    if (upper_deg) *upper_deg = to_deg_or_nan(l.upper.radians);
    return AK_OK;
  });
}

// ---- poses -----------------------------------------------------------------

ak_error ak_pose_new(ak_pose** out) {
  return guarded("ak_pose_new", [&] {
    if (!out) return null_arg("ak_pose_new", "out");
    *out = nullptr;
    return make_handle(out, ak_pose{});
  });
}

ak_error ak_pose_from_radians(const double* radians, size_t count, ak_pose** out) {
  return guarded("ak_pose_from_radians", [&] {
    if (!out) return null_arg("ak_pose_from_radians", "out");
    *out = nullptr;
    if (!radians) return null_arg("ak_pose_from_radians", "radians");
    if (count != arthrokin::dof_count)
      return fail(AK_ERR_INVALID_ARGUMENT, "ak_pose_from_radians: expected " + std::to_string(arthrokin::dof_count) +
                                               " values, got " + std::to_string(count));
    // the ±∞ rule of the batch (batch.hpp): the same scan and message
    if (const auto bad = arthrokin::find_infinity({radians, count}))
      return fail(AK_ERR_INVALID_ARGUMENT, "ak_pose_from_radians: " + arthrokin::describe(*bad, true));
    return make_handle(out, ak_pose{arthrokin::Pose::from_radians(Eigen::Map<const arthrokin::PoseVector>(radians))});
  });
}

void ak_pose_free(ak_pose* pose) { std::unique_ptr<ak_pose>{pose}; }

ak_error ak_pose_set_deg(ak_pose* pose, int dof, double degrees) {
  return pose_set("ak_pose_set_deg", pose, dof, arthrokin::degrees(degrees));
}

ak_error ak_pose_set_rad(ak_pose* pose, int dof, double radians) {
  return pose_set("ak_pose_set_rad", pose, dof, arthrokin::radians(radians));
}

ak_error ak_pose_set_deg_by_name(ak_pose* pose, const char* name, double degrees) {
  return guarded("ak_pose_set_deg_by_name", [&] {
    if (!pose) return null_arg("ak_pose_set_deg_by_name", "pose");
    int dof = 0, sense = 1;
    if (const ak_error e = ak_dof_index(name, &dof, &sense); e != AK_OK) return e;
    return pose_set("ak_pose_set_deg_by_name", pose, dof, arthrokin::degrees(sense * degrees));
  });
}

ak_error ak_pose_clear(ak_pose* pose, int dof) {
  return guarded("ak_pose_clear", [&] {
    if (!pose) return null_arg("ak_pose_clear", "pose");
    if (!dof_ok(dof)) return bad_dof("ak_pose_clear", dof);
    pose->pose.clear(static_cast<arthrokin::DofId>(dof));
    return AK_OK;
  });
}

ak_error ak_pose_get_deg(const ak_pose* pose, int dof, double* degrees) {
  return guarded("ak_pose_get_deg", [&] {
    if (!pose) return null_arg("ak_pose_get_deg", "pose");
    if (!degrees) return null_arg("ak_pose_get_deg", "degrees");
    if (!dof_ok(dof)) return bad_dof("ak_pose_get_deg", dof);
    const auto v = pose->pose.get(static_cast<arthrokin::DofId>(dof));
    *degrees = v ? arthrokin::to_degrees(*v) : std::numeric_limits<double>::quiet_NaN();
    return AK_OK;
  });
}

// ---- check -----------------------------------------------------------------

ak_error ak_check(const ak_pose* pose, const ak_limits* limits, ak_report** out) {
  return guarded("ak_check", [&] {
    if (!out) return null_arg("ak_check", "out");
    *out = nullptr;
    if (!pose) return null_arg("ak_check", "pose");
    if (!limits) return null_arg("ak_check", "limits");
    auto r = std::make_unique<ak_report>();
    r->limits = limits->limits;
    arthrokin::check(pose->pose, r->limits, r->report);  // refers to r->limits, which lives with it
    *out = r.release();                                  // ownership passes to the caller (ak_report_free)
    return AK_OK;
  });
}

ak_error ak_reba_options_init(ak_reba_options* options) {
  if (!options) return null_arg("ak_reba_options_init", "options");
  *options = ak_reba_options{2, 0, 0.0, 0, 0, 0, 0, 0, 0, 0, 0, 0.0};
  return AK_OK;
}

ak_error ak_reba(const ak_pose* pose, const ak_reba_options* options, ak_reba_result* out) {
  return guarded("ak_reba", [&] {
    if (!pose) return null_arg("ak_reba", "pose");
    if (!out) return null_arg("ak_reba", "out");
    ak_reba_options c;
    ak_reba_options_init(&c);
    if (options) c = *options;
    const auto bad = [](const std::string& what) { return fail(AK_ERR_INVALID_ARGUMENT, "ak_reba: " + what); };
    if (c.side != 1 && c.side != 2) return bad("side must be 1 (left) or 2 (right)");
    if (c.legs < 0 || c.legs > 2) return bad("legs must be 0, 1 or 2");
    if (c.coupling < 0 || c.coupling > 3) return bad("coupling must be 0 to 3");
    arthrokin::RebaOptions o;
    o.side = c.side == 1 ? arthrokin::Side::left : arthrokin::Side::right;
    o.legs = c.legs == 1   ? arthrokin::RebaLegs::sitting
             : c.legs == 2 ? arthrokin::RebaLegs::unilateral
                           : arthrokin::RebaLegs::bilateral;
    o.coupling = static_cast<arthrokin::RebaCoupling>(c.coupling);
    o.load_kg = c.load_kg;
    o.shock = c.shock != 0;
    o.shoulder_raised = c.shoulder_raised != 0;
    o.arm_supported = c.arm_supported != 0;
    o.wrist_twisted = c.wrist_twisted != 0;
    o.static_posture = c.static_posture != 0;
    o.repeated = c.repeated != 0;
    o.rapid_changes = c.rapid_changes != 0;
    const arthrokin::Angle th = arthrokin::degrees(c.threshold_deg);
    o.trunk_upright_tolerance = o.twist_threshold = o.side_bend_threshold = th;
    o.arm_abduction_threshold = o.wrist_deviation_threshold = th;
    const arthrokin::RebaScore r = arthrokin::reba(pose->pose, o);  // invalid_argument -> AK_ERR_INVALID_ARGUMENT
    *out = ak_reba_result{r.score,
                          r.known() ? arthrokin::reba_action(r.score)->level : -1,
                          r.trunk,
                          r.neck,
                          r.legs,
                          r.upper_arm,
                          r.lower_arm,
                          r.wrist,
                          r.score_a,
                          r.score_b,
                          r.table_c,
                          r.activity,
                          r.missing ? static_cast<int>(arthrokin::index(*r.missing)) : -1,
                          r.untranscribed ? 1 : 0};
    return AK_OK;
  });
}

void ak_report_free(ak_report* report) { std::unique_ptr<ak_report>{report}; }

ak_error ak_report_summary(const ak_report* report, int* verdict, int* out_of_range_count, int* unknown_count) {
  return guarded("ak_report_summary", [&] {
    if (!report) return null_arg("ak_report_summary", "report");
    if (verdict) *verdict = static_cast<int>(report->report.overall);
    if (out_of_range_count) *out_of_range_count = static_cast<int>(report->report.out_of_range_count);
    if (unknown_count) *unknown_count = static_cast<int>(report->report.unknown_count);
    return AK_OK;
  });
}

ak_error ak_report_dof(const ak_report* report, int dof, ak_dof_result* out) {
  return guarded("ak_report_dof", [&] {
    if (!report) return null_arg("ak_report_dof", "report");
    if (!out) return null_arg("ak_report_dof", "out");
    if (!dof_ok(dof)) return bad_dof("ak_report_dof", dof);
    const auto d = static_cast<arthrokin::DofId>(dof);
    const auto& c = report->report[d];
    const auto& l = report->limits[d];
    ak_dof_result r{};
    r.dof = dof;
    r.status = static_cast<int>(c.status);
    r.value_deg = to_deg_or_nan(c.value);
    r.excess_deg = arthrokin::rad_to_deg(c.excess);
    r.lower_deg = to_deg_or_nan(l.lower.radians);
    r.upper_deg = to_deg_or_nan(l.upper.radians);
    r.limit_deg = std::numeric_limits<double>::quiet_NaN();
    r.source = "";
    r.tag = "";
    const bool beyond = c.out_of_range() || c.possibly_out_of_range();
    const arthrokin::Bound decided = arthrokin::deciding_bound(report->report, c);
    const arthrokin::Bound* b = beyond                ? &decided
                                : l.upper.has_value() ? &l.upper
                                : l.lower.has_value() ? &l.lower
                                                      : nullptr;
    if (beyond) r.limit_deg = to_deg_or_nan(b->radians);
    if (b) {
      r.source = static_cstr(b->source);
      r.tag = tag_cstr(b->tag);
    }
    *out = r;
    return AK_OK;
  });
}

ak_error ak_report_sentence(const ak_report* report, int dof, char* buffer, size_t capacity, size_t* needed) {
  return guarded("ak_report_sentence", [&] {
    if (!report) return null_arg("ak_report_sentence", "report");
    if (!buffer && capacity > 0) return null_arg("ak_report_sentence", "buffer");
    if (!dof_ok(dof)) return bad_dof("ak_report_sentence", dof);
    return write_text(arthrokin::describe(report->report, static_cast<arthrokin::DofId>(dof)), buffer, capacity,
                      needed);
  });
}

ak_error ak_report_describe(const ak_report* report, char* buffer, size_t capacity, size_t* needed) {
  return guarded("ak_report_describe", [&] {
    if (!report) return null_arg("ak_report_describe", "report");
    if (!buffer && capacity > 0) return null_arg("ak_report_describe", "buffer");
    return write_text(arthrokin::describe(report->report), buffer, capacity, needed);
  });
}

// The C++ batch (BatchChecker::run: the kernel, the ±∞ rule), on the calling thread.
ak_error ak_check_many(const ak_limits* limits, const double* radians, size_t count, uint8_t* verdicts,
                       uint8_t* statuses) {
  return guarded("ak_check_many", [&] {
    if (!limits) return null_arg("ak_check_many", "limits");
    if (count == 0) return AK_OK;
    if (!radians) return null_arg("ak_check_many", "radians");
    if (!verdicts) return null_arg("ak_check_many", "verdicts");
    constexpr std::size_t n = arthrokin::dof_count;
    if (count > std::numeric_limits<std::size_t>::max() / n)
      return fail(AK_ERR_INVALID_ARGUMENT, "ak_check_many: count " + std::to_string(count) + " is too large");
    const arthrokin::BatchChecker checker(limits->limits);
    const arthrokin::BatchStatuses out{statuses ? std::span<uint8_t>(statuses, count * n) : std::span<uint8_t>{}, {}};
    arthrokin::BatchCounts counts;
    try {
      checker.run({radians, count * n}, {verdicts, count}, out, counts);
    } catch (const arthrokin::infinite_value& e) {  // thrown before anything is written
      return fail(AK_ERR_INVALID_ARGUMENT, "ak_check_many: " + arthrokin::describe(e.where));
    }
    return AK_OK;
  });
}

ak_error ak_check_uncertain(const ak_pose* pose, const ak_limits* limits, const double* u_rad, size_t u_count,
                            double coverage, ak_report** out) {
  return guarded("ak_check_uncertain", [&] {
    if (!out) return null_arg("ak_check_uncertain", "out");
    *out = nullptr;
    if (!pose) return null_arg("ak_check_uncertain", "pose");
    if (!limits) return null_arg("ak_check_uncertain", "limits");
    const auto u = c_uncertainty("ak_check_uncertain", u_rad, u_count, coverage);
    auto r = std::make_unique<ak_report>();
    r->limits = limits->limits;
    arthrokin::check(pose->pose, r->limits, u, r->report);
    *out = r.release();
    return AK_OK;
  });
}

ak_error ak_report_counts(const ak_report* report, int* out_of_range_count, int* possibly_out_of_range_count,
                          int* unknown_count, int* observed_count) {
  return guarded("ak_report_counts", [&] {
    if (!report) return null_arg("ak_report_counts", "report");
    const auto& r = report->report;
    if (out_of_range_count) *out_of_range_count = static_cast<int>(r.out_of_range_count);
    if (possibly_out_of_range_count) *possibly_out_of_range_count = static_cast<int>(r.possibly_out_of_range_count);
    if (unknown_count) *unknown_count = static_cast<int>(r.unknown_count);
    if (observed_count) *observed_count = static_cast<int>(r.observed_count());
    return AK_OK;
  });
}

ak_error ak_report_uncertainty_deg(const ak_report* report, int dof, double* expanded_deg) {
  return guarded("ak_report_uncertainty_deg", [&] {
    if (!report) return null_arg("ak_report_uncertainty_deg", "report");
    if (!expanded_deg) return null_arg("ak_report_uncertainty_deg", "expanded_deg");
    if (!dof_ok(dof)) return bad_dof("ak_report_uncertainty_deg", dof);
    *expanded_deg = arthrokin::rad_to_deg(report->report[static_cast<arthrokin::DofId>(dof)].expanded_uncertainty);
    return AK_OK;
  });
}

ak_error ak_report_decided_by(const ak_report* report, int dof, int* kind) {
  return guarded("ak_report_decided_by", [&] {
    if (!report) return null_arg("ak_report_decided_by", "report");
    if (!kind) return null_arg("ak_report_decided_by", "kind");
    if (!dof_ok(dof)) return bad_dof("ak_report_decided_by", dof);
    *kind = static_cast<int>(report->report[static_cast<arthrokin::DofId>(dof)].decided_by);
    return AK_OK;
  });
}

ak_error ak_check_many_uncertain(const ak_limits* limits, const double* radians, size_t count, const double* u_rad,
                                 size_t u_count, const double* row_u_rad, double coverage, uint8_t* verdicts,
                                 uint8_t* statuses) {
  return guarded("ak_check_many_uncertain", [&] {
    if (!limits) return null_arg("ak_check_many_uncertain", "limits");
    const auto u = c_uncertainty("ak_check_many_uncertain", u_rad, u_count, coverage);
    if (count == 0) return AK_OK;
    if (!radians) return null_arg("ak_check_many_uncertain", "radians");
    if (!verdicts) return null_arg("ak_check_many_uncertain", "verdicts");
    constexpr std::size_t n = arthrokin::dof_count;
    if (count > std::numeric_limits<std::size_t>::max() / n)
      return fail(AK_ERR_INVALID_ARGUMENT, "ak_check_many_uncertain: count " + std::to_string(count) + " is too large");
    const arthrokin::BatchChecker checker(limits->limits, u);
    const arthrokin::BatchStatuses out{statuses ? std::span<uint8_t>(statuses, count * n) : std::span<uint8_t>{}, {}};
    arthrokin::BatchCounts counts;
    arthrokin::BatchOptions options;
    if (row_u_rad) options.row_uncertainty = {row_u_rad, count * n};
    try {
      checker.run({radians, count * n}, {verdicts, count}, out, counts, {}, options);
    } catch (const arthrokin::infinite_value& e) {  // thrown before anything is written
      return fail(AK_ERR_INVALID_ARGUMENT, "ak_check_many_uncertain: " + arthrokin::describe(e.where));
    }
    return AK_OK;
  });
}

ak_error ak_uncertainty_default_deg(int kind, int dof, double* u_deg) {
  return guarded("ak_uncertainty_default_deg", [&] {
    if (!u_deg) return null_arg("ak_uncertainty_default_deg", "u_deg");
    if (!dof_ok(dof)) return bad_dof("ak_uncertainty_default_deg", dof);
    if (kind < 0 || kind > static_cast<int>(arthrokin::InputKind::monocular_keypoints))
      return fail(AK_ERR_OUT_OF_RANGE, "ak_uncertainty_default_deg: kind " + std::to_string(kind) + " is not 0..3");
    const auto u = arthrokin::Uncertainty::for_input(static_cast<arthrokin::InputKind>(kind));
    *u_deg = arthrokin::to_degrees(u.standard(static_cast<arthrokin::DofId>(dof)));
    return AK_OK;
  });
}

ak_error ak_fitter_new(const char* layout, ak_fitter** out) {
  return guarded("ak_fitter_new", [&] {
    if (!out) return null_arg("ak_fitter_new", "out");
    *out = nullptr;
    if (!layout) return null_arg("ak_fitter_new", "layout");
    const auto l = arthrokin::parse_layout(layout);
    if (!l)
      return fail(AK_ERR_UNKNOWN_NAME, std::string("ak_fitter_new: unknown layout '") + layout +
                                           "' (one of: " + arthrokin::layout_names() + ")");
    return make_handle(out, ak_fitter{arthrokin::SkeletonFitter(*l)});
  });
}

void ak_fitter_free(ak_fitter* fitter) { delete fitter; }

ak_error ak_fitter_keypoint_count(const ak_fitter* fitter, int* count) {
  return guarded("ak_fitter_keypoint_count", [&] {
    if (!fitter) return null_arg("ak_fitter_keypoint_count", "fitter");
    if (!count) return null_arg("ak_fitter_keypoint_count", "count");
    *count = static_cast<int>(arthrokin::keypoint_count(fitter->fitter.layout()));
    return AK_OK;
  });
}

ak_error ak_fitter_reset(ak_fitter* fitter) {
  return guarded("ak_fitter_reset", [&] {
    if (!fitter) return null_arg("ak_fitter_reset", "fitter");
    fitter->fitter.reset();
    return AK_OK;
  });
}

ak_error ak_fitter_update(ak_fitter* fitter, const double* xyz, const double* visibility, double t_s,
                          double* angles_rad, double* sigma_rad, int* swap, int* state) {
  return guarded("ak_fitter_update", [&] {
    if (!fitter) return null_arg("ak_fitter_update", "fitter");
    if (!xyz) return null_arg("ak_fitter_update", "xyz");
    if (!angles_rad) return null_arg("ak_fitter_update", "angles_rad");
    const arthrokin::Layout layout = fitter->fitter.layout();
    const std::size_t n = arthrokin::keypoint_count(layout);
    const arthrokin::KeypointView view{
        layout, {xyz, 3 * n}, visibility ? std::span<const double>(visibility, n) : std::span<const double>{}};
    const arthrokin::FitResult r = fitter->fitter.update(view, t_s);  // invalid_argument: nothing changed
    const auto& a = r.angles.pose.as_radians();
    for (std::size_t d = 0; d < arthrokin::dof_count; ++d) {
      angles_rad[d] = a[static_cast<Eigen::Index>(d)];
      if (sigma_rad) sigma_rad[d] = r.sigma_rad[d];
    }
    if (swap) *swap = static_cast<int>(r.swap);
    if (state) *state = static_cast<int>(r.state);
    return AK_OK;
  });
}

ak_error ak_fitter_update_with_image(ak_fitter* fitter, const double* xyz, const double* visibility,
                                     const double* image_xy, const double* image_visibility, double aspect_ratio,
                                     double t_s, double* angles_rad, double* sigma_rad, int* swap, int* state) {
  return guarded("ak_fitter_update_with_image", [&] {
    if (!fitter) return null_arg("ak_fitter_update_with_image", "fitter");
    if (!xyz) return null_arg("ak_fitter_update_with_image", "xyz");
    if (!image_xy) return null_arg("ak_fitter_update_with_image", "image_xy");
    if (!angles_rad) return null_arg("ak_fitter_update_with_image", "angles_rad");
    const arthrokin::Layout layout = fitter->fitter.layout();
    const std::size_t n = arthrokin::keypoint_count(layout);
    const arthrokin::KeypointView view{
        layout, {xyz, 3 * n}, visibility ? std::span<const double>(visibility, n) : std::span<const double>{}};
    const arthrokin::ImageKeypointView image{
        layout,
        {image_xy, 2 * n},
        image_visibility ? std::span<const double>(image_visibility, n) : std::span<const double>{},
        aspect_ratio};
    const arthrokin::FitResult r = fitter->fitter.update(view, image, t_s);  // invalid_argument: nothing changed
    const auto& a = r.angles.pose.as_radians();
    for (std::size_t d = 0; d < arthrokin::dof_count; ++d) {
      angles_rad[d] = a[static_cast<Eigen::Index>(d)];
      if (sigma_rad) sigma_rad[d] = r.sigma_rad[d];
    }
    if (swap) *swap = static_cast<int>(r.swap);
    if (state) *state = static_cast<int>(r.state);
    return AK_OK;
  });
}

ak_error ak_fit_sequence(const char* layout, const double* xyz, const double* visibility, const double* times_s,
                         size_t frames, double* angles_rad, double* sigma_rad, int* swap, int* state) {
  return guarded("ak_fit_sequence", [&] {
    if (!layout) return null_arg("ak_fit_sequence", "layout");
    const auto l = arthrokin::parse_layout(layout);
    if (!l)
      return fail(AK_ERR_UNKNOWN_NAME, std::string("ak_fit_sequence: unknown layout '") + layout +
                                           "' (one of: " + arthrokin::layout_names() + ")");
    if (frames == 0) return AK_OK;
    if (!xyz) return null_arg("ak_fit_sequence", "xyz");
    if (!times_s) return null_arg("ak_fit_sequence", "times_s");
    if (!angles_rad) return null_arg("ak_fit_sequence", "angles_rad");
    const std::size_t n = arthrokin::keypoint_count(*l);
    const std::vector<arthrokin::FitResult> res = arthrokin::fit_sequence(
        *l, {xyz, frames * 3 * n},
        visibility ? std::span<const double>(visibility, frames * n) : std::span<const double>{},
        {times_s, frames});  // invalid_argument: nothing written
    for (std::size_t f = 0; f < frames; ++f) {
      const auto& a = res[f].angles.pose.as_radians();
      for (std::size_t d = 0; d < arthrokin::dof_count; ++d) {
        angles_rad[f * arthrokin::dof_count + d] = a[static_cast<Eigen::Index>(d)];
        if (sigma_rad) sigma_rad[f * arthrokin::dof_count + d] = res[f].sigma_rad[d];
      }
      if (swap) swap[f] = static_cast<int>(res[f].swap);
      if (state) state[f] = static_cast<int>(res[f].state);
    }
    return AK_OK;
  });
}

}  // extern "C"

// ---- range reached and deficit (range.hpp, deficit.hpp) ----------------------------------------

ak_error ak_range_new(ak_range** out) {
  return guarded("ak_range_new", [&] {
    if (!out) return null_arg("ak_range_new", "out");
    *out = nullptr;
    *out = new ak_range{arthrokin::RangeAccumulator{}};
    return AK_OK;
  });
}

void ak_range_free(ak_range* range) { delete range; }

ak_error ak_range_add_many(ak_range* range, const double* radians, size_t count, uint64_t first_frame,
                           const double* times_s) {
  return guarded("ak_range_add_many", [&] {
    if (!range) return null_arg("ak_range_add_many", "range");
    if (count == 0) return AK_OK;
    if (!radians) return null_arg("ak_range_add_many", "radians");
    constexpr std::size_t n = arthrokin::dof_count;
    if (count > std::numeric_limits<std::size_t>::max() / n)
      return fail(AK_ERR_INVALID_ARGUMENT, "ak_range_add_many: count " + std::to_string(count) + " is too large");
    try {
      range->acc.add_batch({radians, count * n}, first_frame,
                           times_s ? std::span<const double>(times_s, count) : std::span<const double>{});
    } catch (const arthrokin::infinite_value& e) {  // thrown before anything is added
      return fail(AK_ERR_INVALID_ARGUMENT, "ak_range_add_many: " + arthrokin::describe(e.where));
    }
    return AK_OK;
  });
}

ak_error ak_range_merge(ak_range* into, const ak_range* other) {
  return guarded("ak_range_merge", [&] {
    if (!into) return null_arg("ak_range_merge", "into");
    if (!other) return null_arg("ak_range_merge", "other");
    into->acc.merge(other->acc);
    return AK_OK;
  });
}

ak_error ak_range_dof(const ak_range* range, int dof, ak_dof_range* out) {
  return guarded("ak_range_dof", [&] {
    if (!range) return null_arg("ak_range_dof", "range");
    if (!out) return null_arg("ak_range_dof", "out");
    if (!dof_ok(dof)) return bad_dof("ak_range_dof", dof);
    const arthrokin::DofRange r = range->acc[static_cast<arthrokin::DofId>(dof)];
    *out = ak_dof_range{r.frames,
                        r.observed,
                        arthrokin::rad_to_deg(r.min),
                        arthrokin::rad_to_deg(r.max),
                        arthrokin::rad_to_deg(r.robust_low),
                        arthrokin::rad_to_deg(r.robust_high),
                        r.min_frame,
                        r.max_frame,
                        r.min_time_s,
                        r.max_time_s};
    return AK_OK;
  });
}

namespace {
ak_error sense_arg(const char* fn, int sense, arthrokin::Sense& s) {
  if (sense != 1 && sense != -1)
    return fail(AK_ERR_INVALID_ARGUMENT, std::string(fn) + ": sense must be +1 or -1, got " + std::to_string(sense));
  s = sense > 0 ? arthrokin::Sense::positive : arthrokin::Sense::negative;
  return AK_OK;
}
}  // namespace

ak_error ak_range_deficit(const ak_range* range, const ak_limits* limits, int dof, int sense, int age, int sex,
                          int robust, ak_deficit* out, char* buffer, size_t capacity, size_t* needed) {
  return guarded("ak_range_deficit", [&] {
    if (!range) return null_arg("ak_range_deficit", "range");
    if (!limits) return null_arg("ak_range_deficit", "limits");
    if (!buffer && capacity > 0) return null_arg("ak_range_deficit", "buffer");
    if (!dof_ok(dof)) return bad_dof("ak_range_deficit", dof);
    arthrokin::Sense s{};
    if (const ak_error e = sense_arg("ak_range_deficit", sense, s); e != AK_OK) return e;
    if (sex < 0 || sex > 2)
      return fail(AK_ERR_INVALID_ARGUMENT,
                  "ak_range_deficit: sex must be 0 (female), 1 (male) or 2 (both), got " + std::to_string(sex));
    arthrokin::DeficitOptions o;
    o.ends = robust ? arthrokin::RangeEnds::robust : arthrokin::RangeEnds::exact;
    if (age >= 0) o.age = age;
    o.sex = static_cast<arthrokin::Sex>(sex);  // the enum's order: female, male, both
    const auto d = static_cast<arthrokin::DofId>(dof);
    const arthrokin::DofDeficit def = arthrokin::deficit(range->acc[d], limits->limits, o);
    const arthrokin::EndDeficit& e = def[s];
    std::optional<arthrokin::Angle> other;
    if (arthrokin::side_of(d) != arthrokin::Side::none) {
      const double v = arthrokin::reached_end(range->acc[arthrokin::mirror(d)], s, o.ends);
      if (v == v) other = arthrokin::radians(v);
    }
    const ak_error w = write_text(arthrokin::describe(e, other), buffer, capacity, needed);
    if (w != AK_OK) return w;
    if (out)
      *out = ak_deficit{arthrokin::rad_to_deg(e.reached), arthrokin::rad_to_deg(e.normal),
                        arthrokin::rad_to_deg(e.shortfall), e.percent, static_cast<int>(e.kind)};
    return AK_OK;
  });
}

ak_error ak_range_asymmetry(const ak_range* range, int involved_dof, int sense, int robust, double* difference_deg,
                            double* lsi) {
  return guarded("ak_range_asymmetry", [&] {
    if (!range) return null_arg("ak_range_asymmetry", "range");
    if (!dof_ok(involved_dof)) return bad_dof("ak_range_asymmetry", involved_dof);
    arthrokin::Sense s{};
    if (const ak_error e = sense_arg("ak_range_asymmetry", sense, s); e != AK_OK) return e;
    const auto d = static_cast<arthrokin::DofId>(involved_dof);
    const arthrokin::Asymmetry a =
        arthrokin::asymmetry(range->acc[d], range->acc[arthrokin::mirror(d)], s,
                             robust ? arthrokin::RangeEnds::robust : arthrokin::RangeEnds::exact);
    if (difference_deg) *difference_deg = arthrokin::rad_to_deg(a.difference);
    if (lsi) *lsi = a.lsi;
    return AK_OK;
  });
}

static_assert(arthrokin::gait_variable_count == sizeof(ak_gait_cycle::gvs_deg) / sizeof(double),
              "ak_gait_cycle's arrays hold one entry per GaitVariable");

ak_error ak_gait_score_cycle(const double* radians, size_t count, int side, int speed, double stance_end_percent,
                             double knee_sd, ak_gait_cycle* out, char* buffer, size_t capacity, size_t* needed) {
  return guarded("ak_gait_score_cycle", [&] {
    if (!radians) return null_arg("ak_gait_score_cycle", "radians");
    if (!out) return null_arg("ak_gait_score_cycle", "out");
    if (!buffer && capacity > 0) return null_arg("ak_gait_score_cycle", "buffer");
    if (side != 1 && side != 2)
      return fail(AK_ERR_INVALID_ARGUMENT,
                  "ak_gait_score_cycle: side must be 1 (left) or 2 (right), got " + std::to_string(side));
    if (speed < 0 || speed >= static_cast<int>(arthrokin::gait_speed_count))
      return fail(AK_ERR_INVALID_ARGUMENT,
                  "ak_gait_score_cycle: speed must be 0 (VerySlow) to 4 (VeryFast), got " + std::to_string(speed));
    constexpr std::size_t n = arthrokin::dof_count;
    if (count < 2 || count > std::numeric_limits<std::size_t>::max() / n)
      return fail(AK_ERR_INVALID_ARGUMENT,
                  "ak_gait_score_cycle: a cycle needs at least 2 frames, got " + std::to_string(count));
    const arthrokin::Side s = side == 1 ? arthrokin::Side::left : arthrokin::Side::right;
    arthrokin::GaitOptions o;
    o.speed = static_cast<arthrokin::GaitSpeed>(speed);
    o.stance_end_percent = stance_end_percent;
    o.knee_sd_multiple = knee_sd;
    std::vector<arthrokin::GaitSample> frames(count);
    for (std::size_t f = 0; f < count; ++f) {
      const arthrokin::Pose p = arthrokin::Pose::from_radians(Eigen::Map<const arthrokin::PoseVector>(radians + f * n));
      arthrokin::gait_frame_values(p, s, arthrokin::GaitLabAngles{}, frames[f]);
    }
    arthrokin::GaitCycleScore c;
    arthrokin::score_cycle(frames, s, o, c);  // invalid_argument on bad options
    const ak_error w = write_text(arthrokin::describe(c.knee, s, o), buffer, capacity, needed);
    if (w != AK_OK) return w;
    ak_gait_cycle r{};
    r.gps_deg = arthrokin::rad_to_deg(c.gps);
    r.gps_variables = static_cast<int>(c.gps_variable_count);
    for (std::size_t v = 0; v < arthrokin::gait_variable_count; ++v) {
      r.gvs_deg[v] = arthrokin::rad_to_deg(c.variables[v].gvs);
      r.outside_points[v] = static_cast<int>(c.variables[v].outside.count());
    }
    r.knee_known = c.knee.known;
    r.knee_never_extends = c.knee.never_extends;
    r.knee_least_deg = arthrokin::rad_to_deg(c.knee.least_flexion);
    r.knee_least_percent = c.knee.least_flexion_percent;
    r.knee_norm_least_deg = arthrokin::rad_to_deg(c.knee.norm_least_flexion);
    r.knee_norm_sd_deg = arthrokin::rad_to_deg(c.knee.norm_sd);
    *out = r;
    return AK_OK;
  });
}
// ---- the per-frame path: keypoints / rotations -> angles -> report ---------------------------

static_assert(AK_DOF_OBSERVED == static_cast<int>(arthrokin::DofStatus::observed) &&
                  AK_DOF_OBSERVED_WITH_ASSUMPTION == static_cast<int>(arthrokin::DofStatus::observed_with_assumption) &&
                  AK_DOF_MISSING_SEGMENT == static_cast<int>(arthrokin::DofStatus::missing_segment) &&
                  AK_DOF_LOW_CONFIDENCE == static_cast<int>(arthrokin::DofStatus::low_confidence) &&
                  AK_DOF_DEGENERATE_GEOMETRY == static_cast<int>(arthrokin::DofStatus::degenerate_geometry) &&
                  AK_DOF_UNOBSERVABLE == static_cast<int>(arthrokin::DofStatus::unobservable) &&
                  AK_DOF_GIMBAL_LOCK == static_cast<int>(arthrokin::DofStatus::gimbal_lock) &&
                  AK_DOF_ILL_CONDITIONED == static_cast<int>(arthrokin::DofStatus::ill_conditioned) &&
                  AK_DOF_INVALID_ROTATION == static_cast<int>(arthrokin::DofStatus::invalid_rotation),
              "ak_dof_status must match arthrokin::DofStatus");
static_assert(AK_LAYOUT_BLAZEPOSE33 == static_cast<int>(arthrokin::Layout::blazepose33) &&
                  AK_LAYOUT_COCO17 == static_cast<int>(arthrokin::Layout::coco17) &&
                  AK_LAYOUT_H36M17 == static_cast<int>(arthrokin::Layout::h36m17) &&
                  AK_LAYOUT_SMPL24 == static_cast<int>(arthrokin::Layout::smpl24),
              "ak_layout must match arthrokin::Layout");

namespace {
constexpr int layout_count = 4;

// Writes one frame's JointAngles into the caller's optional outputs (frame f).
void write_angles(const arthrokin::JointAngles& a, std::size_t f, double* radians, uint8_t* status, double* tl,
                  uint8_t* tl_status) noexcept {
  constexpr std::size_t n = arthrokin::dof_count;
  Eigen::Map<arthrokin::PoseVector>(radians + f * n) = a.pose.as_radians();
  if (status)
    for (std::size_t d = 0; d < n; ++d) status[f * n + d] = static_cast<uint8_t>(a.status[d]);
  if (tl) Eigen::Map<Eigen::Vector3d>(tl + f * 3) = a.pose.thoracolumbar_radians();
  if (tl_status)
    for (std::size_t k = 0; k < 3; ++k) tl_status[f * 3 + k] = static_cast<uint8_t>(a.thoracolumbar_status[k]);
}

std::string number_text(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.17g", v);
  return b;
}
}  // namespace

extern "C" {

const char* ak_dof_status_name(int status) {
  if (status < 0 || status > AK_DOF_INVALID_ROTATION) return "";
  return arthrokin::to_string(static_cast<arthrokin::DofStatus>(status)).data();  // views of NUL-terminated literals
}

ak_error ak_layout_from_name(const char* name, int* layout) {
  return guarded("ak_layout_from_name", [&] {
    if (!name) return null_arg("ak_layout_from_name", "name");
    if (!layout) return null_arg("ak_layout_from_name", "layout");
    const auto l = arthrokin::parse_layout(name);
    if (!l)
      return fail(AK_ERR_UNKNOWN_NAME, std::string("ak_layout_from_name: unknown keypoint layout '") + name +
                                           "' (one of: " + arthrokin::layout_names() + ")");
    *layout = static_cast<int>(*l);
    return AK_OK;
  });
}

size_t ak_layout_keypoint_count(int layout) {
  if (layout < 0 || layout >= layout_count) return 0;
  return arthrokin::keypoint_count(static_cast<arthrokin::Layout>(layout));
}

ak_error ak_keypoint_angles(int layout, const double* xyz, size_t frames, const double* visibility,
                            double min_visibility, int mirrored, double* radians, uint8_t* status,
                            double* thoracolumbar, uint8_t* thoracolumbar_status) {
  constexpr const char* fn = "ak_keypoint_angles";
  return guarded(fn, [&] {
    if (layout < 0 || layout >= layout_count)
      return fail(AK_ERR_OUT_OF_RANGE, std::string(fn) + ": layout " + std::to_string(layout) + " is not an ak_layout");
    if (!(min_visibility >= 0 && min_visibility <= 1))
      return fail(AK_ERR_INVALID_ARGUMENT,
                  std::string(fn) + ": min_visibility must be in [0, 1], got " + number_text(min_visibility));
    if (frames == 0) return AK_OK;
    if (!xyz) return null_arg(fn, "xyz");
    if (!radians) return null_arg(fn, "radians");
    const auto l = static_cast<arthrokin::Layout>(layout);
    const std::size_t k = arthrokin::keypoint_count(l);
    if (frames > std::numeric_limits<std::size_t>::max() / (k * 3 * arthrokin::dof_count))
      return fail(AK_ERR_INVALID_ARGUMENT, std::string(fn) + ": frames " + std::to_string(frames) + " is too large");
    const auto point = [&](std::size_t i) {
      return "frame " + std::to_string(i / k) + ", keypoint " + std::to_string(i % k);
    };
    for (std::size_t i = 0; i < frames * k * 3; ++i)  // the whole input first: nothing written on error
      if (std::isinf(xyz[i]))
        return fail(AK_ERR_INVALID_ARGUMENT, std::string(fn) + ": " + point(i / 3) + ": coordinate " + "xyz"[i % 3] +
                                                 " is infinite (NaN means a missing point)");
    if (visibility)
      for (std::size_t i = 0; i < frames * k; ++i)
        if (!(visibility[i] >= 0 && visibility[i] <= 1))
          return fail(AK_ERR_INVALID_ARGUMENT, std::string(fn) + ": " + point(i) + ": visibility " +
                                                   number_text(visibility[i]) +
                                                   " is not in [0, 1] (a missing point has NaN coordinates or "
                                                   "visibility 0)");
    arthrokin::KeypointOptions opt;
    opt.mirrored = mirrored != 0;
    opt.min_visibility = min_visibility;
    for (std::size_t f = 0; f < frames; ++f) {
      const arthrokin::KeypointView view{
          l, std::span<const double>(xyz + f * k * 3, k * 3),
          visibility ? std::span<const double>(visibility + f * k, k) : std::span<const double>{}};
      write_angles(arthrokin::keypoint_angles(view, opt), f, radians, status, thoracolumbar, thoracolumbar_status);
    }
    return AK_OK;
  });
}

int ak_segment_count(void) { return static_cast<int>(arthrokin::segment_count); }

const char* ak_segment_name(int index) {
  if (index < 0 || index >= static_cast<int>(arthrokin::segment_count)) return nullptr;
  return arthrokin::segment_names[static_cast<std::size_t>(index)].data();  // NUL-terminated literals
}

ak_error ak_rotation_angles(const double* quaternions, size_t frames, double* radians, uint8_t* status,
                            double* thoracolumbar, uint8_t* thoracolumbar_status) {
  constexpr const char* fn = "ak_rotation_angles";
  return guarded(fn, [&] {
    if (frames == 0) return AK_OK;
    if (!quaternions) return null_arg(fn, "quaternions");
    if (!radians) return null_arg(fn, "radians");
    constexpr std::size_t per = arthrokin::segment_count * 4;
    if (frames > std::numeric_limits<std::size_t>::max() / (per * arthrokin::dof_count))
      return fail(AK_ERR_INVALID_ARGUMENT, std::string(fn) + ": frames " + std::to_string(frames) + " is too large");
    arthrokin::SegmentOrientations seg;
    for (std::size_t f = 0; f < frames; ++f) {
      const double* q = quaternions + f * per;
      for (std::size_t s = 0; s < arthrokin::segment_count; ++s) {  // as arthrokin::joint_angles_batch
        seg.q_global_segment[s].coeffs() = Eigen::Map<const Eigen::Vector4d>(q + 4 * s);
        seg.known.set(s, !seg.q_global_segment[s].coeffs().hasNaN());
      }
      write_angles(arthrokin::joint_angles(seg), f, radians, status, thoracolumbar, thoracolumbar_status);
    }
    return AK_OK;
  });
}

ak_error ak_pose_set_radians(ak_pose* pose, const double* radians, size_t count) {
  constexpr const char* fn = "ak_pose_set_radians";
  return guarded(fn, [&] {
    if (!pose) return null_arg(fn, "pose");
    if (!radians) return null_arg(fn, "radians");
    if (count != arthrokin::dof_count)
      return fail(AK_ERR_INVALID_ARGUMENT, std::string(fn) + ": expected " + std::to_string(arthrokin::dof_count) +
                                               " radians, got " + std::to_string(count));
    if (const auto bad = arthrokin::find_infinity({radians, count}))
      return fail(AK_ERR_INVALID_ARGUMENT, std::string(fn) + ": " + arthrokin::describe(*bad, true));
    pose->pose = arthrokin::Pose::from_radians(Eigen::Map<const arthrokin::PoseVector>(radians));
    return AK_OK;
  });
}

ak_error ak_pose_set_thoracolumbar_rad(ak_pose* pose, const double* totals3) {
  constexpr const char* fn = "ak_pose_set_thoracolumbar_rad";
  return guarded(fn, [&] {
    if (!pose) return null_arg(fn, "pose");
    if (!totals3) return null_arg(fn, "totals3");
    if (const auto bad = arthrokin::find_infinity({}, {totals3, 3}))
      return fail(AK_ERR_INVALID_ARGUMENT, std::string(fn) + ": " + arthrokin::describe(*bad, true));
    constexpr arthrokin::Axis axes[3] = {arthrokin::Axis::flexion_extension, arthrokin::Axis::lateral_flexion,
                                         arthrokin::Axis::axial_rotation};
    // Rebuild from the DoFs so that a NaN total clears a total set before.
    arthrokin::Pose p = arthrokin::Pose::from_radians(pose->pose.as_radians());
    for (int a = 0; a < 3; ++a)
      if (!std::isnan(totals3[a])) p.set_thoracolumbar(axes[a], arthrokin::radians(totals3[a]));
    pose->pose = p;
    return AK_OK;
  });
}

ak_error ak_pose_get_thoracolumbar_rad(const ak_pose* pose, double* totals3) {
  constexpr const char* fn = "ak_pose_get_thoracolumbar_rad";
  return guarded(fn, [&] {
    if (!pose) return null_arg(fn, "pose");
    if (!totals3) return null_arg(fn, "totals3");
    Eigen::Map<Eigen::Vector3d> out(totals3);
    out = pose->pose.thoracolumbar_radians();
    return AK_OK;
  });
}

ak_error ak_report_new(ak_report** out) {
  return guarded("ak_report_new", [&] {
    if (!out) return null_arg("ak_report_new", "out");
    *out = nullptr;
    auto r = std::make_unique<ak_report>();
    r->limits = arthrokin::Limits::defaults();
    // A valid report from the start (every getter works): the check of a pose with nothing observed.
    arthrokin::check(arthrokin::Pose{}, r->limits, r->report);
    *out = r.release();  // ownership passes to the caller (ak_report_free)
    return AK_OK;
  });
}

ak_error ak_check_into(const ak_pose* pose, const ak_limits* limits, ak_report* report) {
  constexpr const char* fn = "ak_check_into";
  return guarded(fn, [&] {
    if (!pose) return null_arg(fn, "pose");
    if (!limits) return null_arg(fn, "limits");
    if (!report) return null_arg(fn, "report");
    report->limits = limits->limits;
    arthrokin::check(pose->pose, report->limits, report->report);  // refers to report->limits
    return AK_OK;
  });
}

ak_error ak_check_many_thoracolumbar(const ak_limits* limits, const double* radians, const double* thoracolumbar,
                                     size_t count, uint8_t* verdicts, uint8_t* statuses) {
  constexpr const char* fn = "ak_check_many_thoracolumbar";
  return guarded(fn, [&] {
    if (!limits) return null_arg(fn, "limits");
    if (count == 0) return AK_OK;
    if (!radians) return null_arg(fn, "radians");
    if (!verdicts) return null_arg(fn, "verdicts");
    constexpr std::size_t n = arthrokin::dof_count;
    if (count > std::numeric_limits<std::size_t>::max() / n)
      return fail(AK_ERR_INVALID_ARGUMENT, std::string(fn) + ": count " + std::to_string(count) + " is too large");
    const arthrokin::BatchChecker checker(limits->limits);
    const arthrokin::BatchStatuses out{statuses ? std::span<uint8_t>(statuses, count * n) : std::span<uint8_t>{}, {}};
    arthrokin::BatchCounts counts;
    const std::span<const double> tl =
        thoracolumbar ? std::span<const double>(thoracolumbar, count * 3) : std::span<const double>{};
    try {
      checker.run({radians, count * n}, {verdicts, count}, out, counts, tl);
    } catch (const arthrokin::infinite_value& e) {  // thrown before anything is written
      return fail(AK_ERR_INVALID_ARGUMENT, std::string(fn) + ": " + arthrokin::describe(e.where));
    }
    return AK_OK;
  });
}

ak_error ak_bvh_angles_read(const char* path, ak_bvh_angles** out) {
  constexpr const char* fn = "ak_bvh_angles_read";
  return guarded(fn, [&] {
    if (!out) return null_arg(fn, "out");
    *out = nullptr;
    if (!path) return null_arg(fn, "path");
    std::error_code ec;
    const auto st = std::filesystem::status(path, ec);
    if (st.type() == std::filesystem::file_type::not_found)
      return fail(AK_ERR_IO, std::string(fn) + ": no such file: '" + path + "'");
    if (st.type() == std::filesystem::file_type::directory)
      return fail(AK_ERR_IO, std::string(fn) + ": is a directory: '" + path + "'");
    try {
      const arthrokin::io::BvhFile file = arthrokin::io::read_bvh(path);
      const arthrokin::io::BvhBinding binding = arthrokin::io::bind_bvh(file, arthrokin::io::cmu_mapping());
      auto h = std::make_unique<ak_bvh_angles>();
      h->frames = static_cast<std::size_t>(file.frame_count());
      h->frame_time = file.frame_time;
      h->radians.resize(h->frames * arthrokin::dof_count);
      h->thoracolumbar.resize(h->frames * 3);
      arthrokin::io::BvhPoseWorkspace ws(file);
      arthrokin::Pose pose;
      for (std::size_t f = 0; f < h->frames; ++f) {  // as Python's read_bvh and the CLI
        arthrokin::io::bvh_frame_pose(file, binding, static_cast<Eigen::Index>(f), ws, pose);
        Eigen::Map<arthrokin::PoseVector>(h->radians.data() + f * arthrokin::dof_count) = pose.as_radians();
        Eigen::Map<Eigen::Vector3d>(h->thoracolumbar.data() + f * 3) = pose.thoracolumbar_radians();
      }
      *out = h.release();  // ownership passes to the caller (ak_bvh_angles_free)
      return AK_OK;
    } catch (const arthrokin::parse_error& e) {
      return fail(AK_ERR_PARSE, std::string(fn) + ": " + e.what());
    } catch (const std::system_error& e) {
      return fail(AK_ERR_IO, std::string(fn) + ": " + e.what());
    }
  });
}

void ak_bvh_angles_free(ak_bvh_angles* angles) { std::unique_ptr<ak_bvh_angles>{angles}; }

ak_error ak_bvh_angles_info(const ak_bvh_angles* angles, size_t* frames, double* frame_time_s) {
  return guarded("ak_bvh_angles_info", [&] {
    if (!angles) return null_arg("ak_bvh_angles_info", "angles");
    if (frames) *frames = angles->frames;
    if (frame_time_s) *frame_time_s = angles->frame_time;
    return AK_OK;
  });
}

ak_error ak_bvh_angles_data(const ak_bvh_angles* angles, const double** radians, const double** thoracolumbar) {
  return guarded("ak_bvh_angles_data", [&] {
    if (!angles) return null_arg("ak_bvh_angles_data", "angles");
    if (radians) *radians = angles->radians.data();
    if (thoracolumbar) *thoracolumbar = angles->thoracolumbar.data();
    return AK_OK;
  });
}

}  // extern "C"
