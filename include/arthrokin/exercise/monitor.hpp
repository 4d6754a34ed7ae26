/// @file monitor.hpp
/// @brief `Monitor`: follows an exercise over a stream of timestamped poses —
///        phase (left / centre / right, with hysteresis), repetitions, peak
///        angle per side, time and intervals out of band, left/right
///        asymmetry, and cues as structured events with a human sentence.
///        No heap allocation per frame (tests/monitor_test.cpp counts).
///
/// Time accounting (docs/exercise.md): the interval from one frame to the
/// next is attributed to the state of the earlier frame (sample and hold).
/// If the next frame comes more than `max_gap_s` later, the interval is a gap:
/// counted in `gap_s`, never as in or out of band, and an open out-of-band
/// interval is closed at the last frame before the gap. Frames whose
/// timestamp does not increase are ignored (an event says so). An out-of-band
/// interval runs from the first frame out of band to the first frame that is
/// not (in band, unknown, or a side change), or to the last frame before a gap
/// or at `finish()`. A band whose DoFs are unknown in a frame is "unknown",
/// never in band. Noise: a value that went out of band must come back inside
/// by `band_hysteresis_deg` to count as in band again.
///
/// Repetition: one repetition is a visit to the left and to the right
/// (either order), counted when the phase returns to centre.
/// Definitions: detail/monitor-inl.hpp (config.hpp).
#pragma once

#include <arthrokin/config.hpp>
#include <arthrokin/detail/fixed_vector.hpp>
#include <arthrokin/exercise/exercise.hpp>

#include <array>
#include <optional>
#include <string_view>
#include <vector>

namespace arthrokin {

enum class Phase : std::uint8_t { unknown, centre, left, right };
[[nodiscard]] constexpr std::string_view to_string(Phase p) noexcept {
  constexpr std::string_view n[] = {"unknown", "centre", "left", "right"};
  return n[static_cast<std::size_t>(p)];
}

struct MonitorOptions {
  double max_gap_s = 0.25;           ///< a longer step between frames is a dropped-frame gap
  double band_hysteresis_deg = 1.0;  ///< re-entry margin after leaving a band
};

/// Which way a value left its band.
enum class Excursion : std::uint8_t { above, below };

/// A stretch of time out of band.
struct OutOfBandInterval {
  std::size_t band;  ///< index into `Exercise::bands`
  Phase side;        ///< left or right for per-side bands, centre for always-bands
  Excursion excursion;
  double start_s;
  double end_s;
  double extreme_deg;  ///< furthest value while out of band
  [[nodiscard]] double duration_s() const noexcept { return end_s - start_s; }
};

enum class CueKind : std::uint8_t {
  exceeds_upper,       ///< a band's upper limit was passed
  below_lower,         ///< an always-band fell below its lower limit
  target_not_reached,  ///< a per-side visit ended with its peak below the lower target
  back_in_band,
  dofs_unknown,  ///< the DoFs of a band stopped being observed
  phase_change,
  repetition,
  frame_gap,
  frame_ignored,  ///< timestamp did not increase
};

/// A structured cue with a human sentence (inline buffer: no allocation).
struct CueEvent {
  CueKind kind{};
  double t_s = 0.0;
  std::size_t band = 0;  ///< for band cues
  Phase side = Phase::unknown;
  double value_deg = 0.0;
  double limit_deg = 0.0;
  std::array<char, 176> text{};
  [[nodiscard]] std::string_view message() const noexcept { return std::string_view(text.data()); }
};
using CueList = FixedVector<CueEvent, 24>;

/// Per band and side: time and extremes.
struct BandSideStats {
  double in_s = 0.0;
  double out_s = 0.0;
  double unknown_s = 0.0;
  std::size_t frames = 0;  ///< frames with a known value
  std::optional<double> max_deg;
  std::optional<double> min_deg;
  std::size_t visits_below_target = 0;
};

class Monitor {
 public:
  static constexpr std::size_t max_bands = 16;
  static constexpr std::size_t max_terms = 8;
  static constexpr std::size_t max_intervals = 512;

  /// `exercise` must outlive the monitor (a temporary does not compile). Throws `invalid_argument`
  /// if it has more than `max_bands` bands or `max_terms` terms in a band or the phase.
  explicit Monitor(const Exercise& exercise, MonitorOptions options = {});

  /// Deleted: the monitor keeps a pointer to its exercise; a temporary would be destroyed at the end
  /// of the full-expression. Name the exercise first.
  explicit Monitor(const Exercise&& exercise, MonitorOptions options = {}) = delete;

  /// Feed one frame. Returns this frame's cues (valid until the next call).
  const CueList& update(double t_s, const Pose& pose) noexcept;

  /// End of session: closes open out-of-band intervals at the last frame.
  void finish() noexcept;

  [[nodiscard]] Phase phase() const noexcept { return phase_; }
  [[nodiscard]] std::size_t repetitions() const noexcept { return reps_; }
  [[nodiscard]] std::size_t frames() const noexcept { return frames_; }
  [[nodiscard]] std::size_t gaps() const noexcept { return gaps_; }
  /// Time lost in frame gaps.
  [[nodiscard]] double gap_s() const noexcept { return gap_s_; }
  /// First to last frame.
  [[nodiscard]] double duration_s() const noexcept { return has_prev_ ? prev_t_ - start_s_ : 0.0; }
  /// Time spent in each phase (unknown: the phase signal's DoFs were not observed).
  [[nodiscard]] double time_in(Phase p) const noexcept { return phase_s_[static_cast<std::size_t>(p)]; }
  /// Peak of the phase signal on a side (degrees, positive), if that side was reached.
  [[nodiscard]] std::optional<double> phase_peak_deg(Phase side) const noexcept {
    return side == Phase::left ? phase_peak_[0] : side == Phase::right ? phase_peak_[1] : std::nullopt;
  }
  /// Statistics of band `b` on `side` (left/right for per-side bands, centre for always-bands).
  [[nodiscard]] const BandSideStats& stats(std::size_t b, Phase side) const noexcept {
    return state_[b].stats[slot(side)];
  }
  /// Peak value of band `b` on a side (degrees).
  [[nodiscard]] std::optional<double> peak_deg(std::size_t b, Phase side) const noexcept {
    return stats(b, side).max_deg;
  }
  /// Right peak minus left peak of a per-side band (degrees), when both sides were reached.
  [[nodiscard]] std::optional<double> asymmetry_deg(std::size_t b) const noexcept {
    const auto l = peak_deg(b, Phase::left), r = peak_deg(b, Phase::right);
    if (!l || !r) return std::nullopt;
    return *r - *l;
  }
  /// Closed out-of-band intervals, in order of their end (`dropped()` counts overflow).
  [[nodiscard]] const FixedVector<OutOfBandInterval, max_intervals>& intervals() const noexcept { return intervals_; }
  /// Number of cues of each kind so far.
  [[nodiscard]] std::size_t cue_count(CueKind k) const noexcept { return cue_counts_[static_cast<std::size_t>(k)]; }
  [[nodiscard]] const Exercise& exercise() const noexcept { return *ex_; }

 private:
  enum class State : std::uint8_t { inactive, in, out, unknown };
  struct CompiledBand {
    std::array<BandTerm, max_terms> right{};
    std::array<BandTerm, max_terms> left{};
    std::size_t n = 0;
  };
  struct BandState {
    State state = State::inactive;
    Phase side = Phase::unknown;
    Excursion excursion = Excursion::above;
    double out_start_s = 0.0;
    double extreme_deg = 0.0;
    std::optional<double> visit_max;
    std::array<BandSideStats, 3> stats{};  // centre (always-bands), left, right
  };

  static std::size_t slot(Phase p) noexcept { return p == Phase::left ? 1 : p == Phase::right ? 2 : 0; }
  static void compile(const std::vector<BandTerm>& in, std::array<BandTerm, max_terms>& out, std::size_t& n);
  static std::optional<double> evaluate_deg(const std::array<BandTerm, max_terms>& t, std::size_t n,
                                            const Pose& p) noexcept;
  static double tidy(double deg) noexcept;  // degrees in sentences: rounded to 0.1
  // A cue: `fmt` is a printf format of `args` (detail/monitor-inl.hpp).
  template <class... A>
  void emit(CueKind k, double t, std::size_t band, Phase side, double value, double limit, const char* fmt,
            A... args) noexcept;
  void attribute(double dt) noexcept;
  void close_interval(std::size_t b, double t) noexcept;
  void close_all(double t) noexcept;
  void update_phase(double t, const Pose& pose) noexcept;
  void update_band(std::size_t b, double t, const Pose& pose, bool fresh) noexcept;

  const Exercise* ex_;
  MonitorOptions opt_;
  std::array<BandTerm, max_terms> phase_right_{};
  std::size_t phase_n_ = 0;
  std::array<CompiledBand, max_bands> bands_{};
  std::array<BandState, max_bands> state_{};
  std::size_t band_count_ = 0;

  bool has_prev_ = false;
  double prev_t_ = 0.0;
  double start_s_ = 0.0;
  std::size_t frames_ = 0;
  std::size_t gaps_ = 0;
  double gap_s_ = 0.0;
  Phase phase_ = Phase::unknown;
  Phase last_known_ = Phase::unknown;
  std::array<double, 4> phase_s_{};
  std::array<std::optional<double>, 2> phase_peak_{};
  bool visited_left_ = false;
  bool visited_right_ = false;
  std::size_t reps_ = 0;
  FixedVector<OutOfBandInterval, max_intervals> intervals_;
  CueList cues_;
  std::array<std::size_t, 9> cue_counts_{};
};

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/monitor-inl.hpp>
#endif
