/// @file monitor-inl.hpp
/// @brief Definitions of monitor.hpp: compiled once into the library
///        (src/core/exercise.cpp), or included by the header in header-only
///        mode (config.hpp).
#pragma once

#include <arthrokin/detail/text.hpp>
#include <arthrokin/error.hpp>
#include <arthrokin/exercise/monitor.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace arthrokin {

ARTHROKIN_FUNC Monitor::Monitor(const Exercise& exercise, MonitorOptions options) : ex_(&exercise), opt_(options) {
  if (exercise.bands.size() > max_bands)
    detail::raise("Monitor: at most " + std::to_string(max_bands) + " bands, got " +
                  std::to_string(exercise.bands.size()));
  if (exercise.phase.terms.size() > max_terms || exercise.phase.terms.empty())
    detail::raise("Monitor: the phase needs 1 to " + std::to_string(max_terms) + " terms");
  if (!(exercise.phase.exit_deg <= exercise.phase.enter_deg))
    detail::raise("Monitor: phase exit_deg must not exceed enter_deg");
  compile(exercise.phase.terms, phase_right_, phase_n_);
  for (std::size_t b = 0; b < exercise.bands.size(); ++b) {
    const auto& band = exercise.bands[b];
    if (band.terms.size() > max_terms || band.terms.empty())
      detail::raise("Monitor: band '" + band.id + "' needs 1 to " + std::to_string(max_terms) + " terms");
    compile(band.terms, bands_[b].right, bands_[b].n);
    for (std::size_t k = 0; k < bands_[b].n; ++k) bands_[b].left[k] = mirrored(bands_[b].right[k]);
  }
  band_count_ = exercise.bands.size();
}

ARTHROKIN_FUNC const CueList& Monitor::update(double t_s, const Pose& pose) noexcept {
  cues_.clear();
  if (has_prev_ && !(t_s > prev_t_)) {
    emit(CueKind::frame_ignored, t_s, 0, Phase::unknown, 0, 0, "frame at %.3f s ignored: timestamp not after %.3f s",
         t_s, prev_t_);
    return cues_;
  }
  if (!std::isfinite(t_s)) {
    emit(CueKind::frame_ignored, prev_t_, 0, Phase::unknown, 0, 0, "frame ignored: timestamp not finite");
    return cues_;
  }
  bool fresh = !has_prev_;
  if (has_prev_) {
    const double dt = t_s - prev_t_;
    if (dt > opt_.max_gap_s) {
      gap_s_ += dt;
      ++gaps_;
      close_all(prev_t_);
      emit(CueKind::frame_gap, t_s, 0, Phase::unknown, 0, 0, "frames dropped: %.2f s gap before %.2f s not counted", dt,
           t_s);
      fresh = true;
    } else {
      attribute(dt);
    }
  } else {
    start_s_ = t_s;
  }
  ++frames_;
  update_phase(t_s, pose);
  for (std::size_t b = 0; b < band_count_; ++b) update_band(b, t_s, pose, fresh);
  has_prev_ = true;
  prev_t_ = t_s;
  return cues_;
}

ARTHROKIN_FUNC void Monitor::finish() noexcept {
  if (has_prev_) close_all(prev_t_);
}

inline void Monitor::compile(const std::vector<BandTerm>& in, std::array<BandTerm, max_terms>& out, std::size_t& n) {
  n = in.size();
  for (std::size_t k = 0; k < n; ++k) out[k] = in[k];
}

inline std::optional<double> Monitor::evaluate_deg(const std::array<BandTerm, max_terms>& t, std::size_t n,
                                                   const Pose& p) noexcept {
  double sum = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    const auto v = term_radians(t[k], p);
    if (!v) return std::nullopt;
    sum += *v;
  }
  return rad_to_deg(sum);
}

// Degrees in sentences: rounded to 0.1 and printed with %g ("52", "45.2").
inline double Monitor::tidy(double deg) noexcept { return std::round(deg * 10.0) / 10.0; }

template <class... A>
void Monitor::emit(CueKind k, double t, std::size_t band, Phase side, double value, double limit, const char* fmt,
                   A... args) noexcept {
  CueEvent e;
  e.kind = k, e.t_s = t, e.band = band, e.side = side, e.value_deg = value, e.limit_deg = limit;
  int len = 0;
  if constexpr (sizeof...(A) == 0) {
    len = std::snprintf(e.text.data(), e.text.size(), "%s", fmt);
  } else {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-security"
    len = std::snprintf(e.text.data(), e.text.size(), fmt, args...);
#pragma GCC diagnostic pop
  }
  // A long label is cut by the buffer: never inside a UTF-8 character (drop its leading bytes).
  if (len >= static_cast<int>(e.text.size())) {
    std::size_t end = e.text.size() - 1;
    for (int k = 0; k < 3 && !detail::valid_utf8(std::string_view(e.text.data(), end)); ++k) --end;
    e.text[end] = '\0';
  }
  ++cue_counts_[static_cast<std::size_t>(k)];
  cues_.push_back(e);
}

// Sample and hold: the time since the previous frame belongs to its states.
inline void Monitor::attribute(double dt) noexcept {
  phase_s_[static_cast<std::size_t>(phase_)] += dt;
  for (std::size_t b = 0; b < band_count_; ++b) {
    auto& s = state_[b];
    if (s.state == State::inactive) continue;
    auto& st = s.stats[slot(s.side)];
    (s.state == State::in ? st.in_s : s.state == State::out ? st.out_s : st.unknown_s) += dt;
  }
}

inline void Monitor::close_interval(std::size_t b, double t) noexcept {
  auto& s = state_[b];
  if (s.state != State::out) return;
  intervals_.push_back({b, s.side, s.excursion, s.out_start_s, t, s.extreme_deg});
  s.state = State::inactive;
}
inline void Monitor::close_all(double t) noexcept {
  for (std::size_t b = 0; b < band_count_; ++b) {
    close_interval(b, t);
    state_[b].state = State::inactive;
  }
}

inline void Monitor::update_phase(double t, const Pose& pose) noexcept {
  const auto v = evaluate_deg(phase_right_, phase_n_, pose);
  const Phase before = phase_;
  const auto& ph = ex_->phase;
  Phase next = phase_;
  if (!v) {
    next = Phase::unknown;
  } else {
    const double x = *v;
    const Phase known = phase_ == Phase::unknown ? last_known_ : phase_;
    if (x > ph.enter_deg)
      next = Phase::right;
    else if (x < -ph.enter_deg)
      next = Phase::left;
    else if (std::abs(x) < ph.exit_deg)
      next = Phase::centre;
    else if (known == Phase::right && x > 0)
      next = Phase::right;
    else if (known == Phase::left && x < 0)
      next = Phase::left;
    else
      next = Phase::centre;
    if (next == Phase::right) phase_peak_[1] = std::max(phase_peak_[1].value_or(x), x);
    if (next == Phase::left) phase_peak_[0] = std::max(phase_peak_[0].value_or(-x), -x);
  }
  phase_ = next;
  if (next == before) return;
  if (next != Phase::unknown) {
    emit(CueKind::phase_change, t, 0, next, v.value_or(0.0), 0.0, "phase: %s", to_string(next).data());
    if (next == Phase::left) visited_left_ = true;
    if (next == Phase::right) visited_right_ = true;
    if (next == Phase::centre && visited_left_ && visited_right_) {
      ++reps_;
      visited_left_ = visited_right_ = false;
      emit(CueKind::repetition, t, 0, Phase::centre, 0.0, 0.0, "repetition %zu complete", reps_);
    }
    last_known_ = next;
  }
}

inline void Monitor::update_band(std::size_t b, double t, const Pose& pose, bool fresh) noexcept {
  const TargetBand& band = ex_->bands[b];
  auto& s = state_[b];
  const bool per_side = band.scope == BandScope::per_side;
  Phase side = Phase::centre;
  if (per_side) side = (phase_ == Phase::left || phase_ == Phase::right) ? phase_ : Phase::unknown;

  // A per-side visit ends: report a lower target that was not reached.
  if (per_side && s.side != side && (s.side == Phase::left || s.side == Phase::right)) {
    if (band.lower_deg && s.visit_max && *s.visit_max < *band.lower_deg) {
      ++s.stats[slot(s.side)].visits_below_target;
      emit(CueKind::target_not_reached, t, b, s.side, *s.visit_max, *band.lower_deg,
           "%s (knees %s) peaked at %g\u00b0, below the %g\u00b0 target", band.label.c_str(), to_string(s.side).data(),
           tidy(*s.visit_max), tidy(*band.lower_deg));
    }
    s.visit_max.reset();
  }
  if (side == Phase::unknown) {  // per-side band while no side is known: not checked
    close_interval(b, t);
    s.state = State::inactive;
    s.side = side;
    return;
  }
  if (per_side && s.side != side) {
    close_interval(b, t);
    s.state = State::inactive;
  }
  const auto& terms = side == Phase::left ? bands_[b].left : bands_[b].right;
  const auto v = evaluate_deg(terms, bands_[b].n, pose);
  const State before = s.state;
  s.side = side;
  if (!v) {
    close_interval(b, t);
    s.state = State::unknown;
    if (before != State::unknown)
      emit(CueKind::dofs_unknown, t, b, side, 0.0, 0.0, "%s: not observed, counted as unknown time",
           band.label.c_str());
    return;
  }
  const double x = *v;
  auto& st = s.stats[slot(side)];
  ++st.frames;
  st.max_deg = std::max(st.max_deg.value_or(x), x);
  st.min_deg = std::min(st.min_deg.value_or(x), x);
  if (per_side) s.visit_max = std::max(s.visit_max.value_or(x), x);

  const double h = (before == State::out && !fresh) ? opt_.band_hysteresis_deg : 0.0;
  const bool check_lower = !per_side && band.lower_deg.has_value();
  bool above =
      band.upper_deg && x > *band.upper_deg - (before == State::out && s.excursion == Excursion::above ? h : 0.0);
  bool below = check_lower && x < *band.lower_deg + (before == State::out && s.excursion == Excursion::below ? h : 0.0);
  if (above && below) below = false;
  if (above || below) {
    const Excursion ex = above ? Excursion::above : Excursion::below;
    if (before == State::out && s.excursion != ex) close_interval(b, t);
    if (s.state != State::out) {
      s.state = State::out;
      s.excursion = ex;
      s.out_start_s = t;
      s.extreme_deg = x;
      if (above) {
        emit(CueKind::exceeds_upper, t, b, side, x, *band.upper_deg,
             per_side ? "%s (knees %s) %g\u00b0 exceeds the %g\u00b0 target" : "%s%s %g\u00b0 exceeds %g\u00b0",
             band.label.c_str(), per_side ? to_string(side).data() : "", tidy(x), tidy(*band.upper_deg));
      } else {
        emit(CueKind::below_lower, t, b, side, x, *band.lower_deg, "%s%s%s %g\u00b0 fell below %g\u00b0",
             band.cue.c_str(), band.cue.empty() ? "" : ": ", band.label.c_str(), tidy(x), tidy(*band.lower_deg));
      }
    } else {
      s.extreme_deg = above ? std::max(s.extreme_deg, x) : std::min(s.extreme_deg, x);
    }
    return;
  }
  if (before == State::out) {
    close_interval(b, t);
    emit(CueKind::back_in_band, t, b, side, x, 0.0, "%s back within the target band", band.label.c_str());
  }
  s.state = State::in;
}

}  // namespace arthrokin
