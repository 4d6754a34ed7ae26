/// @file limits.hpp
/// @brief `Limits`: the normal range of every DoF and the composite limits a
///        pose is checked against, as a value type — choose a source or a
///        measurement context, add a tolerance, override single DoFs for one
///        patient, restrict to joints.
///
/// How the default set is chosen (docs/sources.md has the table and the why):
///  - for each DoF and direction, the first source in `default_source_priority`
///    that gives a value tagged V (read in the source); failing that, S; then R;
///  - where a source gives several values for one direction (a range, age
///    bands, test positions), the largest is used, so that no value the source
///    calls normal is flagged;
///  - an end of 0 that states only "no motion past neutral zero" (the VA's knee
///    extension 0) gives way to an eligible row that publishes normal motion past
///    neutral (KneeGuru's 5° of knee hyperextension): the best such row, by the
///    same ranking;
///  - rows that are not limits are never used: return-arc end points (Merck's
///    0 that states no range beyond neutral; `value_kind = return_arc_end`), and
///    means and medians (`value_kind = mean`, `median`): half of a healthy group
///    lies beyond its average, so an average is never a bound — anywhere, also in
///    `from_source`. Where a source publishes the spread, the project's data hold
///    a derived limit instead (`value_kind = derived_limit`, e.g. mean + 2 SD);
///  - the default set also leaves out study-specific rows: activity peaks and
///    special populations (`value_kind = activity_peak`, `population` other than
///    `general`; data/reference/COLUMNS.md);
///  - thoracolumbar (thoracic + lumbar) limits are composite limits; the
///    thoracic region alone has no norm in any source, so its limits are
///    DERIVED and marked so (tag `derived`): the thoracolumbar figure itself,
///    the only bound a single region can honestly take from the sources. Not
///    "thoracolumbar minus lumbar": that presumes the lumbar spine always uses
///    its full range, and for flexion, extension and lateral flexion it leaves
///    1-17° (Troke measured the lumbar spine with another device). The composite
///    limit carries the real constraint on the sum. The lumbar region takes the
///    same derived bound where no lumbar end of range is left (axial rotation:
///    Troke's 7° is a median and no spread of it could be read).
///
/// A measurement context (`Limits::defaults(Context)`) takes, per DoF and
/// direction, the norm measured in that context where one exists (any source,
/// any population: few exist, and the bound's note names them), and otherwise the
/// default bound, marked `Origin::fallback` with a note naming the context.
#pragma once

#include <arthrokin/composite.hpp>
#include <arthrokin/config.hpp>
#include <arthrokin/detail/region_shape.hpp>
#include <arthrokin/norms.hpp>

#include <array>
#include <bitset>
#include <initializer_list>
#include <span>
#include <string_view>
#include <utility>

namespace arthrokin {

/// Sources tried, in order, for the default limits (per DoF and direction; V rows first, then S, then R).
inline constexpr std::array<std::string_view, 10> default_source_priority{
    "AAOS94",     // upper limb: AAOS 1994 consensus, read in Norkin & White Table A.1 (V)
    "VA",         // 38 CFR 4.71/4.71a: spine and lower limb normal ranges (V)
    "VASummary",  // hip extension, adduction and rotations (V)
    "Merck",      // subtalar inversion/eversion (V)
    "Troke",      // lumbar spine alone (V), youngest band
    "ACSM",       // shoulder horizontal abduction/adduction (V)
    "AAOS",       // then the secondary/recalled consensus values
    "AAOS65",    "AMA",
    "KneeGuru",  // normal knee hyperextension (V, low authority): only past a VA end of 0
};

/// The normal range of one DoF.
struct DofLimit {
  Bound lower;  ///< end of range in the negative direction (signed; e.g. extension 30 → -30°)
  Bound upper;  ///< end of range in the positive direction
};

namespace detail {
/// Rows that are not usable as a limit anywhere: return-arc end points, and means and medians
/// (an average is not the end of the normal range; docs/sources.md, "Averages are not limits").
constexpr bool is_not_a_limit(const RomNorm& n) {
  return n.value_kind == ValueKind::return_arc_end || is_central_value(n.value_kind);
}
/// Rows that describe one study's group, an activity or a special population: never defaults
/// (they are used only when their own source or their context is chosen).
constexpr bool is_study_specific(const RomNorm& n) {
  return n.value_kind == ValueKind::mean || n.value_kind == ValueKind::activity_peak ||
         n.population != Population::general;
}

}  // namespace detail

/// The limits a pose is checked against.
class Limits {
 public:
  /// Capacity of composite limits held by one `Limits`.
  static constexpr std::size_t max_composites = 8;

  /// No limit at all (every DoF reports `no_limit`).
  Limits() = default;

  /// The default set (see the file comment and docs/sources.md). The same as
  /// `defaults(Context::unspecified)`: norms of any measurement context.
  [[nodiscard]] static Limits defaults();

  /// The default set for a measurement context: per DoF and direction, the norm measured in
  /// `context` where one exists (e.g. `Context::weight_bearing`: the weight-bearing lunge's
  /// ankle dorsiflexion, derived as mean + 2 SD), otherwise the default bound marked
  /// `Origin::fallback` with a note naming the context. `Context::unspecified` is `defaults()`.
  [[nodiscard]] static Limits defaults(Context context);

  /// The values of one source wherever it has them, the defaults elsewhere (each
  /// such bound is marked `Origin::fallback`). Throws on an unknown key.
  [[nodiscard]] static Limits from_source(std::string_view key);

  /// OpenSim model bounds as limits (simulation bounds, tag D, NOT norms), for
  /// comparison with data produced in OpenSim format. Only coordinates whose
  /// sign meaning is verified and that map one-to-one onto a DoF are used.
  [[nodiscard]] static Limits from_model(std::string_view model);

  /// Values beyond a limit by no more than `tolerance` count as within range.
  ///
  /// The modifiers return `*this`; called on a temporary (`Limits::defaults().with_tolerance(2_deg)`)
  /// they return the modified limits by value, so that the result is a temporary again: binding it
  /// to `const Limits&` extends its life, and `check()` refuses it (a report would dangle).
  Limits& with_tolerance(Angle tolerance) &;
  [[nodiscard]] Limits with_tolerance(Angle tolerance) && { return std::move(with_tolerance(tolerance)); }
  [[nodiscard]] Angle tolerance() const noexcept { return radians(tolerance_); }

  /// The measurement context the limits were chosen for (`defaults(Context)`; `unspecified` otherwise).
  [[nodiscard]] Context context() const noexcept { return context_; }

  /// Replace the range of one DoF (e.g. a patient after hip surgery). `reason`
  /// is shown in reports: UTF-8, of which at most 63 bytes are kept (cut at a
  /// character boundary). Throws `invalid_argument` on non-finite or unordered
  /// bounds or a reason that is not valid UTF-8 (the limits are then unchanged).
  Limits& override_dof(DofId dof, Angle lower, Angle upper, std::string_view reason = "patient override") &;
  [[nodiscard]] Limits override_dof(DofId dof, Angle lower, Angle upper,
                                    std::string_view reason = "patient override") && {
    return std::move(override_dof(dof, lower, upper, reason));
  }

  /// Check only the DoFs of these joints (the others report `not_checked`);
  /// a composite limit stays active only if all its terms' joints are kept.
  Limits& restrict_to(std::span<const Joint> joints) &;
  Limits& restrict_to(std::initializer_list<Joint> joints) & {
    return restrict_to(std::span<const Joint>(joints.begin(), joints.size()));
  }
  [[nodiscard]] Limits restrict_to(std::span<const Joint> joints) && { return std::move(restrict_to(joints)); }
  [[nodiscard]] Limits restrict_to(std::initializer_list<Joint> joints) && { return std::move(restrict_to(joints)); }

  /// Whether the shoulder is checked as a region (region.hpp, docs/shoulder-region.md): on in
  /// `defaults()` and `from_source()`, off in `from_model()` (simulation bounds are not single-plane
  /// clinical end points). Off: every shoulder DoF is checked against its own range alone.
  Limits& with_shoulder_region(bool on) & noexcept {
    shoulder_region_ = on;
    refresh_regions();
    return *this;
  }
  [[nodiscard]] Limits with_shoulder_region(bool on) && noexcept { return std::move(with_shoulder_region(on)); }
  [[nodiscard]] bool uses_shoulder_region() const noexcept { return shoulder_region_; }
  /// The shoulder region of `side` these limits imply (region.hpp): built whenever the bounds or
  /// `with_shoulder_region` change, so that `check()` reads it instead of rebuilding it per pose.
  /// Undefined (`knot_count` 0) when the region is off or a bound it needs is missing.
  [[nodiscard]] const ShoulderRegion& shoulder_region(Side side) const& noexcept {
    return regions_[side == Side::left ? 0 : 1];
  }
  [[nodiscard]] ShoulderRegion shoulder_region(Side side) && noexcept { return regions_[side == Side::left ? 0 : 1]; }

  /// Whether two-joint limits are checked (two_joint.hpp, docs/two-joint-limits.md): hip flexion
  /// limited by the hamstrings when the knee is straight. On in `defaults()` and `from_source()`,
  /// off in `from_model()`. Off: hip flexion is checked against its own range alone.
  Limits& with_two_joint_limits(bool on) & noexcept {
    two_joint_ = on;
    return *this;
  }
  [[nodiscard]] Limits with_two_joint_limits(bool on) && noexcept { return std::move(with_two_joint_limits(on)); }
  [[nodiscard]] bool uses_two_joint_limits() const noexcept { return two_joint_; }

  /// Add a composite limit (e.g. an exercise's band). Throws past `max_composites`.
  /// The composite's names are `string_view`s, kept as given: they must outlive the limits
  /// (those of `composite_limit()` and `thoracolumbar_limit()` are static).
  Limits& add(const CompositeLimit& c) &;
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
  static Limits from_priority(const std::string_view* sources, std::size_t n, bool allow_special);

  /// Thoracic limits derived from the thoracolumbar composites; with `lumbar_too` (the default set),
  /// also the lumbar ones no lumbar row bounds (axial rotation: Troke gives only a median).
  void derive_regions(bool lumbar_too);

  static Bound derive_region(const Bound& tl, std::string_view note);

  /// Rebuild `regions_` from the bounds (every member that changes a bound or `shoulder_region_`
  /// calls it last; tests/region_test.cpp checks each against a fresh build).
  void refresh_regions() noexcept;

  std::array<DofLimit, dof_count> dof_{};
  std::array<CompositeLimit, max_composites> composites_{};
  std::size_t n_composites_ = 0;
  std::bitset<dof_count> active_ = std::bitset<dof_count>{}.set();
  std::bitset<max_composites> composite_active_{};
  double tolerance_ = 0.0;
  bool shoulder_region_ = true;
  bool two_joint_ = true;
  Context context_ = Context::unspecified;
  std::array<ShoulderRegion, 2> regions_{detail::undefined_shoulder_region(Side::left),
                                         detail::undefined_shoulder_region(Side::right)};
};

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/limits-inl.hpp>
#endif
