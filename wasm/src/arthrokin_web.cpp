// The WebAssembly module's C ABI (arthrokin_web.h; docs/web.md). Header-only core: the
// translation unit that defines ARTHROKIN_HEADER_ONLY gets every -inl definition, so that
// emcc needs no compiled arthrokin library; the native equality driver compiles this same file
// against the compiled library (wasm/test/native_driver.cpp).
#include "arthrokin_web.h"

#include <arthrokin/check.hpp>
#include <arthrokin/exercise/exercise.hpp>
#include <arthrokin/exercise/monitor.hpp>
#include <arthrokin/kinematics/fitter.hpp>
#include <arthrokin/kinematics/keypoints.hpp>
#include <arthrokin/limits.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <exception>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace ak = arthrokin;

namespace {

constexpr double unknown = std::numeric_limits<double>::quiet_NaN();  // NaN: unknown
constexpr std::size_t n_points = 33;

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
const ak::Limits& limits() {
  static const ak::Limits l = ak::Limits::defaults();
  return l;
}

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

std::string last_error;  // of akw_create

}  // namespace

struct akw_session {
  akw_session(bool fit, bool mirrored) : monitor(exercise()) {
    (void)limits();  // built here, not in the first frame
    ak::FitterOptions o;
    o.keypoints.up = ak::UpAxis::y_down;  // BlazePose world landmarks: y down (angles do not depend on it)
    o.keypoints.mirrored = mirrored;
    kp = o.keypoints;
    if (fit) fitter.emplace(ak::Layout::blazepose33, o);
    out.fill(unknown);
    out[h_ok] = 0.0;
  }
  std::array<double, n_points * 3> xyz{};
  std::array<double, n_points> vis{};
  ak::KeypointOptions kp;
  std::optional<ak::SkeletonFitter> fitter;
  ak::Monitor monitor;
  ak::Report report;
  ak::JointAngles angles;
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
};

void akw_session::write_monitor(double t_s, const ak::CueList* cues) {
  const ak::Exercise& ex = exercise();
  out[h_t] = t_s;
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
    default:
      return nullptr;
  }
}

int akw_count(int table) {
  int n = 0;
  while (akw_name(table, n)) ++n;
  return n;
}

akw_session* akw_create(int fit, int mirrored) {
  try {
    return new akw_session(fit != 0, mirrored != 0);
  } catch (const std::exception& e) {
    last_error = e.what();
    return nullptr;
  }
}

void akw_destroy(akw_session* s) { delete s; }
const char* akw_last_error(void) { return last_error.c_str(); }
double* akw_input_xyz(akw_session* s) { return s->xyz.data(); }
double* akw_input_visibility(akw_session* s) { return s->vis.data(); }

int akw_frame(akw_session* s, double t_s, int has_visibility) {
  const ak::KeypointView view{ak::Layout::blazepose33, s->xyz,
                              has_visibility ? std::span<const double>(s->vis) : std::span<const double>()};
  try {
    if (s->fitter) {
      const ak::FitResult r = s->fitter->update(view, t_s);
      s->angles = r.angles;
      s->sigma_rad = r.sigma_rad;
      s->fit_state = r.state;
      s->swap = r.swap;
      s->measured = r.points_measured;
      s->gated = r.points_gated;
      ak::check(s->angles.pose, limits(), r.uncertainty(), s->report);
    } else {
      s->angles = ak::keypoint_angles(view, s->kp);
      s->sigma_rad.fill(unknown);
      s->measured = s->gated = 0;
      ak::check(s->angles.pose, limits(), s->report);
    }
  } catch (const std::exception& e) {
    s->error = e.what();
    s->out[h_ok] = 0.0;
    return 1;
  }
  s->error.clear();
  const ak::CueList& cues = s->monitor.update(t_s, s->angles.pose);
  auto& o = s->out;
  o[h_ok] = 1.0;
  o[h_fit_state] = s->fitter ? static_cast<double>(s->fit_state) : unknown;
  o[h_swap] = s->fitter ? static_cast<double>(s->swap) : unknown;
  o[h_measured] = s->fitter ? s->measured : unknown;
  o[h_gated] = s->fitter ? s->gated : unknown;
  const ak::Report& rep = s->report;
  o[h_verdict] = static_cast<double>(rep.overall);
  o[h_out] = static_cast<double>(rep.out_of_range_count);
  o[h_possibly] = static_cast<double>(rep.possibly_out_of_range_count);
  o[h_unknown] = static_cast<double>(rep.unknown_count);
  o[h_observed] = static_cast<double>(rep.observed_count());
  const auto tl_axis = [&](ak::Axis a) {  // the DoFs' sum, else the total the keypoints gave
    const auto v = s->angles.pose.thoracolumbar(a);
    return v ? deg(ak::to_radians(*v)) : unknown;
  };
  o[h_tl_flexion] = tl_axis(ak::Axis::flexion_extension);
  o[h_tl_lateral] = tl_axis(ak::Axis::lateral_flexion);
  o[h_tl_axial] = tl_axis(ak::Axis::axial_rotation);
  for (std::size_t i = 0; i < ak::dof_count; ++i) {
    double* f = o.data() + off_dofs + i * dof_fields.size();
    const ak::DofCheck& c = rep.dofs[i];
    f[0] = std::isnan(c.value) ? unknown : deg(c.value);
    f[1] = static_cast<double>(s->angles.status[i]);
    f[2] = static_cast<double>(c.status);
    f[3] = deg(c.excess);
    f[4] = std::isnan(s->sigma_rad[i]) ? unknown : deg(s->sigma_rad[i]);
    f[5] = s->angles.confidence[i];
  }
  s->write_monitor(t_s, &cues);
  return 0;
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
