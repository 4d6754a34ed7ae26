/// @file limits.hpp
/// @brief `Limits`: the normal range of every DoF and the composite limits a
///        pose is checked against, as a value type — choose a source, add a
///        tolerance, override single DoFs for one patient, restrict to joints.
///
/// How the default set is chosen (docs/sources.md has the table and the why):
///  - for each DoF and direction, the first source in `default_source_priority`
///    that gives a value tagged V (read in the source); failing that, S; then R;
///  - where a source gives several values for one direction (a range, age
///    bands, test positions), the largest is used, so that no value the source
///    calls normal is flagged;
///  - rows that are not limits are never used: return-arc end points (Merck's
///    0 that states no range beyond neutral; `value_kind = return_arc_end`);
///    the default set also leaves out study-specific rows: group means of one
///    study, activity peaks and special populations (`value_kind = mean` or
///    `activity_peak`, `population` other than `general`; data/reference/COLUMNS.md);
///  - thoracolumbar (thoracic + lumbar) limits are composite limits; the
///    thoracic region alone has no norm in any source, so its limits are
///    DERIVED and marked so (tag `derived`): the thoracolumbar figure itself,
///    the only bound a single region can honestly take from the sources. Not
///    "thoracolumbar minus lumbar": that presumes the lumbar spine always uses
///    its full range (Troke's 7° rotation is a median), and for flexion,
///    extension and lateral flexion it leaves 1-17° (Troke measured the lumbar
///    spine with another device). The composite limit carries the real
///    constraint on the sum.
#pragma once

#include <arthrokin/composite.hpp>
#include <arthrokin/error.hpp>
#include <arthrokin/norms.hpp>

#include <algorithm>
#include <array>
#include <bitset>
#include <initializer_list>
#include <span>
#include <string>
#include <utility>

namespace arthrokin {

/// Sources tried, in order, for the default limits (per DoF and direction; V rows first, then S, then R).
inline constexpr std::array<std::string_view, 9> default_source_priority{
    "AAOS94",     // upper limb: AAOS 1994 consensus, read in Norkin & White Table A.1 (V)
    "VA",         // 38 CFR 4.71/4.71a: spine and lower limb normal ranges (V)
    "VASummary",  // hip extension, adduction and rotations (V)
    "Merck",      // subtalar inversion/eversion (V)
    "Troke",      // lumbar spine alone (V), youngest band
    "ACSM",       // shoulder horizontal abduction/adduction (V)
    "AAOS",       // then the secondary/recalled consensus values
    "AAOS65",    "AMA",
};

/// The normal range of one DoF.
struct DofLimit {
  Bound lower;  ///< end of range in the negative direction (signed; e.g. extension 30 → -30°)
  Bound upper;  ///< end of range in the positive direction
};

namespace detail {
/// Rows that are not usable as a limit: return-arc end points.
constexpr bool is_not_a_limit(const RomNorm& n) { return n.value_kind == ValueKind::return_arc_end; }
/// Rows that describe one study's group, an activity or a special population: never defaults
/// (they are used only when their own source is chosen, `Limits::from_source`).
constexpr bool is_study_specific(const RomNorm& n) {
  return n.value_kind == ValueKind::mean || n.value_kind == ValueKind::activity_peak ||
         n.population != Population::general;
}

/// The bound of (joint, axis, sense) from the first of `sources` that has a row with
/// tag V, then S, then R; the largest value of that source. No value: an empty Bound.
constexpr Bound select_bound(Joint j, Axis a, Sense s, const std::string_view* sources, std::size_t n_sources,
                             bool allow_special) {
  // One pass over the rows; the best row has the lowest (tag rank, source rank), then the largest value.
  // Indices, not pointers: GCC's UBSan instrumentation makes pointer tests non-constant.
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::size_t best = none, best_key = none;
  for (std::size_t i = 0; i < rom_norms.size(); ++i) {
    const auto& r = rom_norms[i];
    if (r.joint != j || r.axis != a || (!r.both_senses && r.sense != s)) continue;
    const std::size_t tag_rank = r.tag == Tag::verified    ? 0
                                 : r.tag == Tag::secondary ? 1
                                 : r.tag == Tag::recalled  ? 2
                                                           : none;
    if (tag_rank == none || is_not_a_limit(r) || (!allow_special && is_study_specific(r))) continue;
    std::size_t source_rank = none;
    for (std::size_t k = 0; k < n_sources && source_rank == none; ++k)
      if (r.source == sources[k]) source_rank = k;
    if (source_rank == none) continue;
    const std::size_t key = tag_rank * n_sources + source_rank;
    if (best == none || key < best_key || (key == best_key && r.value_deg > rom_norms[best].value_deg))
      best = i, best_key = key;
  }
  if (best == none) return Bound{};
  const auto& b = rom_norms[best];
  return Bound{b.signed_radians(s), b.source, b.tag, Origin::table, static_cast<int>(b.row), {}};
}
}  // namespace detail

// Every default lower limit lies below its upper limit (checked at compile time).
static_assert([] {
  for (DofId d : all_dofs) {
    const auto lo = detail::select_bound(joint_of(d), axis_of(d), Sense::negative, default_source_priority.data(),
                                         default_source_priority.size(), false);
    const auto hi = detail::select_bound(joint_of(d), axis_of(d), Sense::positive, default_source_priority.data(),
                                         default_source_priority.size(), false);
    if (lo.has_value() && hi.has_value() && !(lo.radians < hi.radians)) return false;
  }
  return true;
}());

/// The limits a pose is checked against.
class Limits {
 public:
  /// Capacity of composite limits held by one `Limits`.
  static constexpr std::size_t max_composites = 8;

  /// No limit at all (every DoF reports `no_limit`).
  Limits() = default;

  /// The default set (see the file comment and docs/sources.md).
  [[nodiscard]] static Limits defaults() {
    Limits l = from_priority(default_source_priority.data(), default_source_priority.size(), false);
    l.derive_thoracic();
    return l;
  }

  /// The values of one source wherever it has them, the defaults elsewhere (each
  /// such bound is marked `Origin::fallback`). Throws on an unknown key.
  [[nodiscard]] static Limits from_source(std::string_view key) {
    if (!find_source(key)) detail::raise("Limits::from_source: unknown source key '" + std::string(key) + "'");
    Limits chosen = from_priority(&key, 1, true);
    const Limits fallback = defaults();
    for (std::size_t i = 0; i < dof_count; ++i) {
      auto fill = [](Bound& b, const Bound& f) {
        if (!b.has_value() && f.has_value()) b = f, b.origin = f.origin == Origin::table ? Origin::fallback : f.origin;
      };
      fill(chosen.dof_[i].lower, fallback.dof_[i].lower);
      fill(chosen.dof_[i].upper, fallback.dof_[i].upper);
    }
    for (std::size_t k = 0; k < chosen.n_composites_; ++k) {
      auto fill = [](Bound& b, const Bound& f) {
        if (!b.has_value() && f.has_value()) b = f, b.origin = Origin::fallback;
      };
      fill(chosen.composites_[k].lower, fallback.composites_[k].lower);
      fill(chosen.composites_[k].upper, fallback.composites_[k].upper);
    }
    chosen.derive_thoracic();
    return chosen;
  }

  /// OpenSim model bounds as limits (simulation bounds, tag D, NOT norms), for
  /// comparison with data produced in OpenSim format. Only coordinates whose
  /// sign meaning is verified and that map one-to-one onto a DoF are used.
  [[nodiscard]] static Limits from_model(std::string_view model) {
    Limits l;
    bool any = false;
    for (const auto& m : model_bounds) {
      if (m.model != model || !m.dof_axis) continue;
      any = true;
      for (Side side : {Side::left, Side::right}) {
        const auto d = find_dof(m.dof_axis->first, m.dof_axis->second, side);
        if (!d) continue;
        const double a = m.sign * deg_to_rad(m.min_deg), b = m.sign * deg_to_rad(m.max_deg);
        l.dof_[index(*d)].lower = Bound{std::min(a, b), m.source, Tag::model, Origin::model, -1, m.notes};
        l.dof_[index(*d)].upper = Bound{std::max(a, b), m.source, Tag::model, Origin::model, -1, m.notes};
      }
    }
    if (!any) detail::raise("Limits::from_model: unknown model '" + std::string(model) + "'");
    return l;
  }

  /// Values beyond a limit by no more than `tolerance` count as within range.
  ///
  /// The modifiers return `*this`; called on a temporary (`Limits::defaults().with_tolerance(2_deg)`)
  /// they return the modified limits by value, so that the result is a temporary again: binding it
  /// to `const Limits&` extends its life, and `check()` refuses it (a report would dangle).
  Limits& with_tolerance(Angle tolerance) & {
    const double t = to_radians(tolerance);
    if (!std::isfinite(t) || t < 0) detail::raise("Limits::with_tolerance: tolerance must be finite and >= 0");
    tolerance_ = t;
    return *this;
  }
  [[nodiscard]] Limits with_tolerance(Angle tolerance) && { return std::move(with_tolerance(tolerance)); }
  [[nodiscard]] Angle tolerance() const noexcept { return radians(tolerance_); }

  /// Replace the range of one DoF (e.g. a patient after hip surgery). `reason`
  /// is shown in reports: UTF-8, of which at most 63 bytes are kept (cut at a
  /// character boundary). Throws `invalid_argument` on non-finite or unordered
  /// bounds or a reason that is not valid UTF-8 (the limits are then unchanged).
  Limits& override_dof(DofId dof, Angle lower, Angle upper, std::string_view reason = "patient override") & {
    const double lo = to_radians(lower), hi = to_radians(upper);
    // Finite and ordered in radians and in degrees too: near ±1.8e308° the round trip through
    // radians can overflow, and the bound must read back as given in either unit.
    const double lo_deg = rad_to_deg(lo), hi_deg = rad_to_deg(hi);
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi) || !std::isfinite(lo_deg) ||
        !std::isfinite(hi_deg) || !(lo_deg < hi_deg))
      detail::raise("Limits::override_dof: " + std::string(to_string(dof)) + ": need finite lower < upper");
    if (!detail::valid_utf8(reason))
      detail::raise("Limits::override_dof: " + std::string(to_string(dof)) +
                    ": the reason is not valid UTF-8: " + detail::printable(reason));
    auto& d = dof_[index(dof)];
    d.lower = Bound{lo, "user", Tag::user, Origin::user, -1, {}};
    d.upper = d.lower;
    d.upper.radians = hi;
    d.lower.set_label(reason);
    d.upper.set_label(reason);
    return *this;
  }
  [[nodiscard]] Limits override_dof(DofId dof, Angle lower, Angle upper,
                                    std::string_view reason = "patient override") && {
    return std::move(override_dof(dof, lower, upper, reason));
  }

  /// Check only the DoFs of these joints (the others report `not_checked`);
  /// a composite limit stays active only if all its terms' joints are kept.
  Limits& restrict_to(std::span<const Joint> joints) & {
    auto kept = [&](Joint j) { return std::find(joints.begin(), joints.end(), j) != joints.end(); };
    active_.reset();
    for (DofId d : all_dofs)
      if (kept(joint_of(d))) active_.set(index(d));
    for (std::size_t k = 0; k < n_composites_; ++k) {
      bool keep = true;
      for (std::size_t t = 0; t < composites_[k].term_count; ++t) keep = keep && kept(composites_[k].terms[t].joint);
      composite_active_.set(k, keep);
    }
    return *this;
  }
  Limits& restrict_to(std::initializer_list<Joint> joints) & {
    return restrict_to(std::span<const Joint>(joints.begin(), joints.size()));
  }
  [[nodiscard]] Limits restrict_to(std::span<const Joint> joints) && { return std::move(restrict_to(joints)); }
  [[nodiscard]] Limits restrict_to(std::initializer_list<Joint> joints) && { return std::move(restrict_to(joints)); }

  /// Add a composite limit (e.g. an exercise's band). Throws past `max_composites`.
  /// The composite's names are `string_view`s, kept as given: they must outlive the limits
  /// (those of `composite_limit()` and `thoracolumbar_limit()` are static).
  Limits& add(const CompositeLimit& c) & {
    if (n_composites_ == max_composites) detail::raise("Limits::add: at most 8 composite limits");
    composites_[n_composites_] = c;
    composite_active_.set(n_composites_);
    ++n_composites_;
    return *this;
  }
  [[nodiscard]] Limits add(const CompositeLimit& c) && { return std::move(add(c)); }

  [[nodiscard]] const DofLimit& operator[](DofId d) const& noexcept { return dof_[index(d)]; }
  /// On a temporary: a copy (`const auto& l = Limits::defaults()[d];` does not dangle).
  [[nodiscard]] DofLimit operator[](DofId d) && noexcept { return dof_[index(d)]; }
  [[nodiscard]] bool active(DofId d) const noexcept { return active_.test(index(d)); }
  [[nodiscard]] std::size_t composite_count() const noexcept { return n_composites_; }
  [[nodiscard]] const CompositeLimit& composite(std::size_t k) const& noexcept { return composites_[k]; }
  [[nodiscard]] CompositeLimit composite(std::size_t k) && noexcept { return composites_[k]; }
  [[nodiscard]] bool composite_active(std::size_t k) const noexcept { return composite_active_.test(k); }
  /// The tolerance used by the kernels: the user's tolerance plus 1e-12 rad
  /// (6e-11°) of slack, so that a value exactly on a bound given in degrees
  /// (e.g. 52° against 45° + 7°) is not decided by rounding in radians.
  [[nodiscard]] double tolerance_radians() const noexcept { return tolerance_ + 1e-12; }

 private:
  static Limits from_priority(const std::string_view* sources, std::size_t n, bool allow_special) {
    Limits l;
    for (DofId d : all_dofs) {
      auto& dl = l.dof_[index(d)];
      dl.lower = detail::select_bound(joint_of(d), axis_of(d), Sense::negative, sources, n, allow_special);
      dl.upper = detail::select_bound(joint_of(d), axis_of(d), Sense::positive, sources, n, allow_special);
    }
    // Thoracolumbar composites (the first three composites of every table-made Limits).
    for (Axis a : {Axis::flexion_extension, Axis::lateral_flexion, Axis::axial_rotation})
      l.add(thoracolumbar_limit(a, sources, n));
    return l;
  }

  /// Thoracic limits derived from the thoracolumbar composites and the lumbar limits.
  void derive_thoracic() {
    for (std::size_t k = 0; k < 3; ++k) {
      const Axis a = composites_[k].terms[0].axis;
      auto& th = dof_[index(*find_dof(Joint::thoracic, a, Side::none))];
      const auto& lumbar = dof_[index(*find_dof(Joint::lumbar, a, Side::none))];
      th.lower = derive_thoracic(composites_[k].lower, lumbar.lower, a);
      th.upper = derive_thoracic(composites_[k].upper, lumbar.upper, a);
    }
  }

  static Bound derive_thoracic(const Bound& tl, const Bound& /*lumbar*/, Axis /*a*/) {
    if (!tl.has_value()) return Bound{};
    Bound b = tl;
    b.tag = Tag::derived;
    b.origin = Origin::derived;
    b.row = -1;
    b.note = "derived: the thoracolumbar figure as a bound on the thoracic region alone; no thoracic-only norm exists";
    return b;
  }

  std::array<DofLimit, dof_count> dof_{};
  std::array<CompositeLimit, max_composites> composites_{};
  std::size_t n_composites_ = 0;
  std::bitset<dof_count> active_ = std::bitset<dof_count>{}.set();
  std::bitset<max_composites> composite_active_{};
  double tolerance_ = 0.0;
};

}  // namespace arthrokin
