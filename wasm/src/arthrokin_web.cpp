// The WebAssembly module's C ABI (arthrokin_web.h; docs/web.md). Header-only core: the
// translation unit that defines ARTHROKIN_HEADER_ONLY gets every -inl definition, so that
// emcc needs no compiled arthrokin library; the native equality driver compiles this same file
// against the compiled library (tests/web/native_driver.cpp).
#include "arthrokin_web.h"

#include <arthrokin/check.hpp>
#include <arthrokin/exercise/exercise.hpp>
#include <arthrokin/exercise/monitor.hpp>
#include <arthrokin/kinematics/fitter.hpp>
#include <arthrokin/kinematics/keypoints.hpp>
#include <arthrokin/limits.hpp>
#include <arthrokin/sources.hpp>
#ifdef AKW_PROFILE_JSON
#include <arthrokin/io/profile_json.hpp>
#endif

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ak = arthrokin;

namespace {

constexpr double unknown = std::numeric_limits<double>::quiet_NaN();  // NaN: unknown
constexpr std::size_t max_points = 33;                                // the largest layout (BlazePose)
static_assert(ak::keypoint_count(ak::Layout::blazepose33) == max_points);

// Field names of the output blocks (the order is the buffer's).
constexpr std::array header_fields{"t_s",
                                   "ok",
                                   "fit_state",
                                   "swap",
                                   "points_measured",
                                   "points_gated",
                                   "verdict",
                                   "out_of_range_count",
                                   "possibly_out_of_range_count",
                                   "unknown_count",
                                   "observed_count",
                                   "phase",
                                   "repetitions",
                                   "frames",
                                   "phase_signal_deg",
                                   "gap_s",
                                   "time_left_s",
                                   "time_centre_s",
                                   "time_right_s",
                                   "time_unknown_s",
                                   "cue_count",
                                   "thoracolumbar_flexion_deg",
                                   "thoracolumbar_lateral_flexion_deg",
                                   "thoracolumbar_axial_rotation_deg"};
enum Header : std::size_t {
  h_t,
  h_ok,
  h_fit_state,
  h_swap,
  h_measured,
  h_gated,
  h_verdict,
  h_out,
  h_possibly,
  h_unknown,
  h_observed,
  h_phase,
  h_reps,
  h_frames,
  h_phase_signal,
  h_gap,
  h_time_left,
  h_time_centre,
  h_time_right,
  h_time_unknown,
  h_cue_count,
  h_tl_flexion,
  h_tl_lateral,
  h_tl_axial,
  h_count
};
static_assert(h_count == header_fields.size());

constexpr std::array dof_fields{"value_deg", "angle_status", "check_status", "excess_deg", "sigma_deg", "confidence"};
constexpr std::array band_fields{"value_deg",     "lower_deg",      "upper_deg",     "per_side",
                                 "out_left_s",    "out_right_s",    "out_centre_s",  "unknown_s",
                                 "peak_left_deg", "peak_right_deg", "min_centre_deg"};
constexpr std::array cue_fields{"kind", "t_s", "band", "side", "value_deg", "limit_deg"};

// CueKind has no to_string in the library; the other enums' names are the library's own
// (to_string returns views of NUL-terminated literals, as the C API relies on for the DoF ids).
constexpr std::array cue_kind_names{"exceeds_upper", "below_lower",  "target_not_reached",
                                    "back_in_band",  "dofs_unknown", "phase_change",
                                    "repetition",    "frame_gap",    "frame_ignored"};
static_assert(cue_kind_names.size() == static_cast<std::size_t>(ak::CueKind::frame_ignored) + 1);

// The name of enum value `i` of E (`n` values), or null past the end.
template <class E>
const char* enum_name(std::size_t i, std::size_t n) {
  return i < n ? ak::to_string(static_cast<E>(i)).data() : nullptr;
}

const ak::Exercise& exercise() {
  static const ak::Exercise ex = ak::lumbar_spine_rocking_stretch();
  return ex;
}
const ak::Limits& default_limits() {
  static const ak::Limits l = ak::Limits::defaults();
  return l;
}
constexpr std::array context_names{"unspecified", "passive", "active", "weight_bearing"};
constexpr std::array input_kinds{ak::InputKind::goniometer, ak::InputKind::marker_mocap, ak::InputKind::imu,
                                 ak::InputKind::monocular_keypoints};

// "a, b, c": the names of a table, for messages.
std::string joined(int table);

constexpr std::size_t max_bands = ak::Monitor::max_bands;
constexpr std::size_t max_cues = 24;  // CueList capacity
constexpr std::size_t off_dofs = h_count;
constexpr std::size_t off_bands = off_dofs + ak::dof_count * dof_fields.size();
constexpr std::size_t off_cues = off_bands + max_bands * band_fields.size();
constexpr std::size_t out_size = off_cues + max_cues * cue_fields.size();

double deg(double rad) { return ak::rad_to_deg(rad); }
double opt_deg(const std::optional<double>& d) { return d ? *d : unknown; }

// A band's value in this frame (degrees) on `side`: the terms as written (knees right, and the
// always-bands) or mirrored (knees left), as the monitor evaluates them; NaN when unknown.
double band_value_deg(const ak::TargetBand& b, ak::Phase side, const ak::Pose& pose) {
  double sum = 0.0;
  for (const ak::BandTerm& t : b.terms) {
    const auto r = ak::term_radians(side == ak::Phase::left ? ak::mirrored(t) : t, pose);
    if (!r) return unknown;
    sum += *r;
  }
  return deg(sum);
}

std::string last_error;  // of akw_create, akw_create_with and the option setters

std::string joined(int table) {
  std::string s;
  for (int i = 0; akw_name(table, i); ++i) s.append(i ? ", " : "").append(akw_name(table, i));
  return s;
}

}  // namespace

struct akw_options {
  std::string layout = "blazepose33", source, context = "unspecified", profile, input_kind;
  bool has_source = false, has_profile = false, has_input_kind = false;
  double fit = 1.0, mirrored = 0.0, monitor = 1.0, coverage = ak::Uncertainty::default_coverage;
  std::optional<double> tolerance_deg, uncertainty_deg;
  struct Override {
    std::string dof;
    double lower_deg, upper_deg;
    std::string reason;
  };
  std::vector<Override> overrides;
};

namespace {

struct SessionSetup {
  ak::Layout layout = ak::Layout::blazepose33;
  bool fit = true, mirrored = false, monitor = true;
  ak::Limits limits;
  ak::Uncertainty uncertainty;
};

// The options checked and turned into the library's values; throws std::invalid_argument with the
// message the caller sees.
SessionSetup setup_from(const akw_options& o) {
  auto fail = [](const std::string& m) { throw std::invalid_argument(m); };
  auto flag = [&](double v, const char* key) {
    if (v != 0.0 && v != 1.0) fail(std::string(key) + " must be 0 or 1 (false or true)");
    return v != 0.0;
  };
  SessionSetup s;
  const auto layout = ak::parse_layout(o.layout);
  if (!layout) fail("unknown layout '" + o.layout + "' (" + ak::layout_names() + ")");
  s.layout = *layout;
  s.fit = flag(o.fit, "fit");
  s.mirrored = flag(o.mirrored, "mirrored");
  s.monitor = flag(o.monitor, "monitor");
  const auto context = ak::parse_context(o.context);
  if (!context) fail("unknown context '" + o.context + "' (" + joined(AKW_TABLE_CONTEXT) + ")");
  const bool source = o.has_source && !o.source.empty() && o.source != "default";
  if (source && o.has_profile) fail("give either a profile or a source, not both");
  if (*context != ak::Context::unspecified && (source || o.has_profile))
    fail("a context chooses among the default norms: give it without a profile or a source");
  if (o.has_profile) {
#ifdef AKW_PROFILE_JSON
    s.limits = ak::io::parse_profile_json(o.profile, "profile");
#else
    fail("this module was built without the profile JSON reader (ARTHROKIN_WASM_PROFILE_JSON=OFF)");
#endif
  } else if (source) {
    if (!ak::find_source(o.source))
      fail("unknown source key '" + o.source + "' (data/reference/SOURCES.md; AKW_TABLE_SOURCE)");
    s.limits = ak::Limits::from_source(o.source);
  } else {
    s.limits = *context == ak::Context::unspecified ? default_limits() : ak::Limits::defaults(*context);
  }
  if (o.tolerance_deg) {
    if (!std::isfinite(*o.tolerance_deg) || *o.tolerance_deg < 0)
      fail("tolerance_deg must be a finite number of degrees >= 0");
    s.limits.with_tolerance(ak::degrees(*o.tolerance_deg));
  }
  for (const auto& ov : o.overrides) {
    std::optional<ak::DofId> dof;
    for (std::size_t i = 0; i < ak::dof_count; ++i)
      if (ak::detail::dof_ids[i] == ov.dof) dof = static_cast<ak::DofId>(i);
    if (!dof) fail("override: unknown DoF '" + ov.dof + "' (the DoF ids, AKW_TABLE_DOF)");
    if (!std::isfinite(ov.lower_deg) || !std::isfinite(ov.upper_deg) || !(ov.lower_deg < ov.upper_deg))
      fail("override of " + ov.dof + ": lower_deg and upper_deg must be finite and lower_deg < upper_deg");
    s.limits.override_dof(*dof, ak::degrees(ov.lower_deg), ak::degrees(ov.upper_deg), ov.reason);
  }
  if (!std::isfinite(o.coverage) || !(o.coverage > 0)) fail("coverage must be finite and > 0");
  if (o.uncertainty_deg && o.has_input_kind) fail("give either uncertainty_deg or input_kind, not both");
  if (s.fit && (o.uncertainty_deg || o.has_input_kind))
    fail(
        "uncertainty_deg and input_kind apply with the fitter off (fit: false): the fitter gives its own "
        "per-DoF uncertainty");
  if (o.uncertainty_deg) {
    if (!std::isfinite(*o.uncertainty_deg) || *o.uncertainty_deg < 0)
      fail("uncertainty_deg must be a finite number of degrees >= 0");
    s.uncertainty = ak::Uncertainty::uniform(ak::degrees(*o.uncertainty_deg), o.coverage);
  } else if (o.has_input_kind) {
    std::optional<ak::InputKind> kind;
    for (ak::InputKind k : input_kinds)
      if (o.input_kind == ak::to_string(k)) kind = k;
    if (!kind) fail("unknown input_kind '" + o.input_kind + "' (" + joined(AKW_TABLE_INPUT_KIND) + ")");
    s.uncertainty = ak::Uncertainty::for_input(*kind, o.coverage);
  } else {
    s.uncertainty.set_coverage(o.coverage);
  }
  return s;
}

}  // namespace

struct akw_session {
  explicit akw_session(SessionSetup setup)
      : layout(setup.layout),
        n_points(ak::keypoint_count(setup.layout)),
        monitoring(setup.monitor),
        limits(std::move(setup.limits)),
        uncertainty(setup.uncertainty),
        monitor(exercise()) {
    ak::FitterOptions o;
    // BlazePose world landmarks: y down; the others: the library's default (angles do not depend on it).
    if (layout == ak::Layout::blazepose33) o.keypoints.up = ak::UpAxis::y_down;
    o.keypoints.mirrored = setup.mirrored;
    kp = o.keypoints;
    if (setup.fit) fitter.emplace(layout, o);
    for (std::size_t i = 0; i < ak::dof_count; ++i) {
      const double u = ak::to_radians(uncertainty.standard(static_cast<ak::DofId>(i)));
      fixed_sigma_rad[i] = u > 0.0 ? u : unknown;
    }
    out.fill(unknown);
    out[h_ok] = 0.0;
    error.reserve(256);  // the module's own refusals (sizes) then allocate nothing
  }
  ak::Layout layout;
  std::size_t n_points;
  bool monitoring;
  ak::Limits limits;
  ak::Uncertainty uncertainty;
  std::array<double, ak::dof_count> fixed_sigma_rad{};  // of `uncertainty` (NaN where none)
  std::array<double, max_points * 3> xyz{};
  std::array<double, max_points> vis{};
  std::array<double, ak::dof_count> angles_in{};
  ak::KeypointOptions kp;
  std::optional<ak::SkeletonFitter> fitter;
  ak::Monitor monitor;
  ak::Report report;
  ak::JointAngles angles;
  bool angles_given = false;  // this frame's angles came through akw_angles
  std::array<double, ak::dof_count> sigma_rad{};
  ak::FitState fit_state = ak::FitState::tracking;
  ak::SwapRepair swap = ak::SwapRepair::none;
  int measured = 0, gated = 0;
  std::array<double, out_size> out{};
  std::array<std::array<char, 176>, max_cues> cue_text{};
  std::size_t cue_count = 0;
  std::string error;
  std::string summary;

  void write_monitor(double t_s, const ak::CueList* cues);
  int refuse(const char* what);
  void write_frame(double t_s);
};

int akw_session::refuse(const char* what) {
  error = what;
  out[h_ok] = 0.0;
  return 1;
}

void akw_session::write_monitor(double t_s, const ak::CueList* cues) {
  const ak::Exercise& ex = exercise();
  out[h_t] = t_s;
  if (!monitoring) {  // no monitor: its fields are unknown, there are no cues
    for (std::size_t h : {h_phase, h_reps, h_frames, h_phase_signal, h_gap, h_time_left, h_time_centre, h_time_right,
                          h_time_unknown, h_cue_count})
      out[h] = unknown;
    std::fill(out.data() + off_bands, out.data() + out_size, unknown);
    cue_count = 0;
    return;
  }
  out[h_phase] = static_cast<double>(monitor.phase());
  out[h_reps] = static_cast<double>(monitor.repetitions());
  out[h_frames] = static_cast<double>(monitor.frames());
  out[h_gap] = monitor.gap_s();
  out[h_time_left] = monitor.time_in(ak::Phase::left);
  out[h_time_centre] = monitor.time_in(ak::Phase::centre);
  out[h_time_right] = monitor.time_in(ak::Phase::right);
  out[h_time_unknown] = monitor.time_in(ak::Phase::unknown);
  double phase_signal = 0.0;
  for (const ak::BandTerm& t : ex.phase.terms) {
    const auto r = ak::term_radians(t, angles.pose);
    phase_signal = r ? phase_signal + *r : unknown;
  }
  out[h_phase_signal] = deg(phase_signal);
  for (std::size_t b = 0; b < max_bands; ++b) {
    double* f = out.data() + off_bands + b * band_fields.size();
    if (b >= ex.bands.size()) {
      std::fill(f, f + band_fields.size(), unknown);
      continue;
    }
    const ak::TargetBand& band = ex.bands[b];
    const bool per_side = band.scope == ak::BandScope::per_side;
    const ak::Phase ph = monitor.phase();
    const bool active = !per_side || ph == ak::Phase::left || ph == ak::Phase::right;
    f[0] = active ? band_value_deg(band, per_side ? ph : ak::Phase::right, angles.pose) : unknown;
    f[1] = opt_deg(band.lower_deg);
    f[2] = opt_deg(band.upper_deg);
    f[3] = per_side ? 1.0 : 0.0;
    const auto& l = monitor.stats(b, ak::Phase::left);
    const auto& r = monitor.stats(b, ak::Phase::right);
    const auto& c = monitor.stats(b, ak::Phase::centre);
    f[4] = l.out_s;
    f[5] = r.out_s;
    f[6] = c.out_s;
    f[7] = l.unknown_s + r.unknown_s + c.unknown_s;
    f[8] = opt_deg(l.max_deg);
    f[9] = opt_deg(r.max_deg);
    f[10] = opt_deg(c.min_deg);
  }
  cue_count = 0;
  if (cues) {
    for (const ak::CueEvent& e : *cues) {
      if (cue_count == max_cues) break;
      double* f = out.data() + off_cues + cue_count * cue_fields.size();
      f[0] = static_cast<double>(e.kind);
      f[1] = e.t_s;
      f[2] = static_cast<double>(e.band);
      f[3] = static_cast<double>(e.side);
      f[4] = e.value_deg;
      f[5] = e.limit_deg;
      cue_text[cue_count] = e.text;
      ++cue_count;
    }
  }
  std::fill(out.data() + off_cues + cue_count * cue_fields.size(), out.data() + out_size, unknown);
  out[h_cue_count] = static_cast<double>(cue_count);
}

extern "C" {

const char* akw_name(int table, int i) {
  if (i < 0) return nullptr;
  const auto u = static_cast<std::size_t>(i);
  auto pick = [u](const auto& a) -> const char* { return u < a.size() ? a[u] : nullptr; };
  switch (table) {
    case AKW_TABLE_DOF:
      return u < ak::dof_count ? ak::detail::dof_ids[u].data() : nullptr;  // NUL-terminated literals
    case AKW_TABLE_DOF_STATUS:
      return enum_name<ak::DofStatus>(u, static_cast<std::size_t>(ak::DofStatus::invalid_rotation) + 1);
    case AKW_TABLE_STATUS:
      return enum_name<ak::Status>(u, ak::status_count);
    case AKW_TABLE_VERDICT:
      return enum_name<ak::Verdict>(u, ak::verdict_count);
    case AKW_TABLE_PHASE:
      return enum_name<ak::Phase>(u, static_cast<std::size_t>(ak::Phase::right) + 1);
    case AKW_TABLE_FIT_STATE:
      return enum_name<ak::FitState>(u, static_cast<std::size_t>(ak::FitState::lost) + 1);
    case AKW_TABLE_SWAP:
      return enum_name<ak::SwapRepair>(u, static_cast<std::size_t>(ak::SwapRepair::legs) + 1);
    case AKW_TABLE_CUE_KIND:
      return pick(cue_kind_names);
    case AKW_TABLE_HEADER_FIELDS:
      return pick(header_fields);
    case AKW_TABLE_DOF_FIELDS:
      return pick(dof_fields);
    case AKW_TABLE_BAND_FIELDS:
      return pick(band_fields);
    case AKW_TABLE_CUE_FIELDS:
      return pick(cue_fields);
    case AKW_TABLE_BAND_ID:
      return u < exercise().bands.size() ? exercise().bands[u].id.c_str() : nullptr;
    case AKW_TABLE_BAND_LABEL:
      return u < exercise().bands.size() ? exercise().bands[u].label.c_str() : nullptr;
    case AKW_TABLE_LAYOUT:
      return u < ak::all_layouts.size() ? ak::to_string(ak::all_layouts[u]).data() : nullptr;
    case AKW_TABLE_CONTEXT:
      return pick(context_names);
    case AKW_TABLE_INPUT_KIND:
      return u < input_kinds.size() ? ak::to_string(input_kinds[u]).data() : nullptr;
    case AKW_TABLE_SOURCE:
      return u < ak::detail::source_rows.size() ? ak::detail::source_rows[u].key.data() : nullptr;
    default:
      return nullptr;
  }
}

int akw_count(int table) {
  int n = 0;
  while (akw_name(table, n)) ++n;
  return n;
}

akw_session* akw_create_with(const akw_options* o) {
  if (!o) {
    last_error = "akw_create_with: no options";
    return nullptr;
  }
  try {
    return new akw_session(setup_from(*o));
  } catch (const std::exception& e) {
    last_error = e.what();
    return nullptr;
  }
}

akw_session* akw_create(int fit, int mirrored) {
  akw_options o;
  o.fit = fit != 0 ? 1.0 : 0.0;
  o.mirrored = mirrored != 0 ? 1.0 : 0.0;
  return akw_create_with(&o);
}

akw_options* akw_options_new(void) { return new akw_options; }
void akw_options_free(akw_options* o) { delete o; }

int akw_options_set(akw_options* o, const char* key, const char* value) {
  const std::string_view k = key ? key : "";
  const std::string v = value ? value : "";
  if (k == "layout")
    o->layout = v;
  else if (k == "source")
    o->source = v, o->has_source = true;
  else if (k == "context")
    o->context = v;
  else if (k == "profile")
    o->profile = v, o->has_profile = true;
  else if (k == "input_kind")
    o->input_kind = v, o->has_input_kind = true;
  else {
    last_error = "unknown text option '" + std::string(k) + "' (layout, source, context, profile, input_kind)";
    return 1;
  }
  return 0;
}

int akw_options_set_number(akw_options* o, const char* key, double value) {
  const std::string_view k = key ? key : "";
  if (k == "fit")
    o->fit = value;
  else if (k == "mirrored")
    o->mirrored = value;
  else if (k == "monitor")
    o->monitor = value;
  else if (k == "tolerance_deg")
    o->tolerance_deg = value;
  else if (k == "uncertainty_deg")
    o->uncertainty_deg = value;
  else if (k == "coverage")
    o->coverage = value;
  else {
    last_error = "unknown number option '" + std::string(k) +
                 "' (fit, mirrored, monitor, tolerance_deg, uncertainty_deg, coverage)";
    return 1;
  }
  return 0;
}

int akw_options_override(akw_options* o, const char* dof, double lower_deg, double upper_deg, const char* reason) {
  o->overrides.push_back({dof ? dof : "", lower_deg, upper_deg, reason ? reason : "patient override"});
  return 0;
}

void akw_destroy(akw_session* s) { delete s; }
const char* akw_last_error(void) { return last_error.c_str(); }
int akw_layout(const akw_session* s) { return static_cast<int>(s->layout); }
int akw_point_count(const akw_session* s) { return static_cast<int>(s->n_points); }
int akw_fits(const akw_session* s) { return s->fitter ? 1 : 0; }
int akw_monitors(const akw_session* s) { return s->monitoring ? 1 : 0; }
double* akw_input_xyz(akw_session* s) { return s->xyz.data(); }
double* akw_input_visibility(akw_session* s) { return s->vis.data(); }
double* akw_input_angles(akw_session* s) { return s->angles_in.data(); }

int akw_frame(akw_session* s, double t_s, int has_visibility) {
  const std::span<const double> xyz(s->xyz.data(), 3 * s->n_points);
  const std::span<const double> vis(s->vis.data(), has_visibility ? s->n_points : 0);
  const ak::KeypointView view{s->layout, xyz, vis};
  try {
    if (s->fitter) {
      const ak::FitResult r = s->fitter->update(view, t_s);
      s->angles = r.angles;
      s->sigma_rad = r.sigma_rad;
      s->fit_state = r.state;
      s->swap = r.swap;
      s->measured = r.points_measured;
      s->gated = r.points_gated;
      ak::check(s->angles.pose, s->limits, r.uncertainty(), s->report);
    } else {
      s->angles = ak::keypoint_angles(view, s->kp);
      s->sigma_rad = s->fixed_sigma_rad;
      s->measured = s->gated = 0;
      ak::check(s->angles.pose, s->limits, s->uncertainty, s->report);
    }
  } catch (const std::exception& e) {
    return s->refuse(e.what());
  }
  s->write_frame(t_s);
  return 0;
}

int akw_frame_sized(akw_session* s, double t_s, int n_xyz, int n_visibility) {
  const auto n = static_cast<int>(s->n_points);
  if (n_xyz != 3 * n || (n_visibility != 0 && n_visibility != n)) {
    // A fixed-size message (no allocation on this path either): the layout's sizes.
    std::array<char, 192> m{};
    std::snprintf(m.data(), m.size(),
                  "layout %s has %d keypoints: xyz must hold %d numbers (got %d) and visibility %d or none (got %d)",
                  ak::to_string(s->layout).data(), n, 3 * n, n_xyz, n, n_visibility);
    return s->refuse(m.data());
  }
  return akw_frame(s, t_s, n_visibility != 0 ? 1 : 0);
}

int akw_angles(akw_session* s, double t_s, int n_angles) {
  if (s->fitter)
    return s->refuse("akw_angles: this session runs the skeleton fitter on keypoints (create it with fit 0)");
  if (n_angles != static_cast<int>(ak::dof_count)) {
    std::array<char, 96> m{};
    std::snprintf(m.data(), m.size(), "angles must hold %zu numbers (radians, DoF order), got %d", ak::dof_count,
                  n_angles);
    return s->refuse(m.data());
  }
  for (std::size_t i = 0; i < ak::dof_count; ++i)
    if (std::isinf(s->angles_in[i])) return s->refuse("angles: a value is infinite (NaN marks an unknown DoF)");
  s->angles.pose = ak::Pose::from_radians(Eigen::Map<const ak::PoseVector>(s->angles_in.data()));
  for (std::size_t i = 0; i < ak::dof_count; ++i) {
    s->angles.status[i] = ak::DofStatus::observed;
    s->angles.confidence[i] = unknown;
  }
  s->sigma_rad = s->fixed_sigma_rad;
  s->measured = s->gated = 0;
  ak::check(s->angles.pose, s->limits, s->uncertainty, s->report);
  s->angles_given = true;
  s->write_frame(t_s);
  s->angles_given = false;
  return 0;
}

void akw_session::write_frame(double t_s) {
  error.clear();
  const ak::CueList* cues = monitoring ? &monitor.update(t_s, angles.pose) : nullptr;
  auto& o = out;
  o[h_ok] = 1.0;
  o[h_fit_state] = fitter ? static_cast<double>(fit_state) : unknown;
  o[h_swap] = fitter ? static_cast<double>(swap) : unknown;
  o[h_measured] = fitter ? measured : unknown;
  o[h_gated] = fitter ? gated : unknown;
  const ak::Report& rep = report;
  o[h_verdict] = static_cast<double>(rep.overall);
  o[h_out] = static_cast<double>(rep.out_of_range_count);
  o[h_possibly] = static_cast<double>(rep.possibly_out_of_range_count);
  o[h_unknown] = static_cast<double>(rep.unknown_count);
  o[h_observed] = static_cast<double>(rep.observed_count());
  const auto tl_axis = [&](ak::Axis a) {  // the DoFs' sum, else the total the keypoints gave
    const auto v = angles.pose.thoracolumbar(a);
    return v ? deg(ak::to_radians(*v)) : unknown;
  };
  o[h_tl_flexion] = tl_axis(ak::Axis::flexion_extension);
  o[h_tl_lateral] = tl_axis(ak::Axis::lateral_flexion);
  o[h_tl_axial] = tl_axis(ak::Axis::axial_rotation);
  for (std::size_t i = 0; i < ak::dof_count; ++i) {
    double* f = o.data() + off_dofs + i * dof_fields.size();
    const ak::DofCheck& c = rep.dofs[i];
    f[0] = std::isnan(c.value) ? unknown : deg(c.value);
    // Angles given directly: observed where given, unknown (no reason known) elsewhere.
    f[1] = angles_given && !angles.pose.observed(static_cast<ak::DofId>(i)) ? unknown
                                                                            : static_cast<double>(angles.status[i]);
    f[2] = static_cast<double>(c.status);
    f[3] = deg(c.excess);
    f[4] = std::isnan(sigma_rad[i]) ? unknown : deg(sigma_rad[i]);
    f[5] = angles.confidence[i];
  }
  write_monitor(t_s, cues);
}

void akw_finish(akw_session* s) {
  s->monitor.finish();
  s->write_monitor(s->out[h_t], nullptr);
}

const double* akw_output(const akw_session* s) { return s->out.data(); }
int akw_output_size(const akw_session*) { return static_cast<int>(out_size); }
int akw_offset_dofs(void) { return static_cast<int>(off_dofs); }
int akw_offset_bands(void) { return static_cast<int>(off_bands); }
int akw_offset_cues(void) { return static_cast<int>(off_cues); }
int akw_max_cues(void) { return static_cast<int>(max_cues); }

int akw_cue_count(const akw_session* s) { return static_cast<int>(s->cue_count); }

const char* akw_cue_text(const akw_session* s, int i) {
  return i >= 0 && static_cast<std::size_t>(i) < s->cue_count ? s->cue_text[static_cast<std::size_t>(i)].data() : "";
}

const char* akw_summary(akw_session* s) {
  s->summary = s->out[h_ok] != 0.0 ? ak::summary(s->report) : std::string();
  return s->summary.c_str();
}

const char* akw_error(const akw_session* s) { return s->error.c_str(); }

}  // extern "C"
