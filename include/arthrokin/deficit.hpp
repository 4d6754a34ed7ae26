/// @file deficit.hpp
/// @brief How much of the normal range a person reached: per DoF and direction, the reached end
///        (range.hpp) against the normal end of the chosen `Limits` — or, given age and sex, against
///        the age- and sex-specific MEANS of rom_norms_by_age_sex.csv — in degrees and % of normal;
///        side-to-side asymmetry (degrees and limb symmetry index); sentences.
///
/// Definitions (docs/assessment.md). For a direction of sense s (+1 positive, −1 negative; e.g.
/// knee flexion +1, knee extension −1), reached end R (the maximum for s = +1, the minimum for
/// s = −1; or the robust ends, `RangeEnds::robust`) and normal end N (signed):
///  - shortfall = s·(N − R): positive when the person stops short of the normal end, negative when
///    they go beyond it ("beyond"); percent = shortfall / |N| × 100 (unknown when N = 0: a normal end
///    at neutral, e.g. knee extension 0°, has no percentage, only degrees);
///  - right knee flexion reaching 92° against the normal 140°: shortfall 48°, 34.3 %.
///
/// With age and sex (`DeficitOptions::age`), each end is compared with the mean of the person's age and
/// sex group where the table has one (`NormKind::age_sex_mean`; said as a mean: half of a healthy group
/// lies below its mean), and with the limit elsewhere (`NormKind::limit`).
///
/// Asymmetry (`asymmetry`) of a limb DoF in one direction, involved side I and uninvolved side U
/// (a parameter: which side is which is the caller's choice):
///  - difference = s·(U − I): the degrees the involved side reaches less (negative: more);
///  - limb symmetry index LSI = (s·I) / (s·U) × 100, the index the literature calls LSI
///    ("involved/uninvolved"; Parkinson et al. 2021, data/reference/SOURCES.md `Parkinson21`, survey it
///    for strength); unknown when s·U ≤ 0 (the uninvolved side did not move into that direction) or s·I < 0
///    (the involved side did not reach neutral); 100 = symmetric;
///  - arc LSI = arc(I) / arc(U) × 100.
///
/// Definitions: detail/deficit-inl.hpp (config.hpp).
#pragma once

#include <arthrokin/config.hpp>
#include <arthrokin/limits.hpp>
#include <arthrokin/norms.hpp>
#include <arthrokin/range.hpp>

#include <limits>
#include <optional>
#include <string>

namespace arthrokin {

/// Which ends of a `DofRange` count as reached.
enum class RangeEnds : std::uint8_t {
  exact,   ///< the minimum and the maximum
  robust,  ///< the robust ends (percentiles that ignore single-frame spikes)
};

/// What a reached end was compared with.
enum class NormKind : std::uint8_t {
  none,          ///< no normal end for this DoF and direction (or the DoF is not checked)
  limit,         ///< the end of the normal range of the `Limits`
  age_sex_mean,  ///< the mean of the person's age and sex group (rom_norms_by_age_sex.csv): not a limit
};

/// "none", "limit", "age_sex_mean".
[[nodiscard]] constexpr std::string_view to_string(NormKind k) noexcept {
  return k == NormKind::limit ? "limit" : k == NormKind::age_sex_mean ? "age_sex_mean" : "none";
}

struct DeficitOptions {
  RangeEnds ends = RangeEnds::exact;
  /// Age in years: compare with the age/sex means where the table has one (NaN-free: nullopt = limits only).
  std::optional<int> age{};
  /// The person's sex; `Sex::both` uses only the table's rows for both sexes.
  Sex sex = Sex::both;
};

/// The reached end of one DoF in one direction against its normal end. Angles in radians (NaN: unknown).
struct EndDeficit {
  DofMotion motion{};
  double reached = std::numeric_limits<double>::quiet_NaN();    ///< signed reached end
  double normal = std::numeric_limits<double>::quiet_NaN();     ///< signed normal end (limit or mean)
  double shortfall = std::numeric_limits<double>::quiet_NaN();  ///< s·(normal − reached): > 0 short, < 0 beyond
  double percent = std::numeric_limits<double>::quiet_NaN();    ///< shortfall / |normal| × 100 (NaN when normal is 0)
  NormKind kind = NormKind::none;
  Bound bound{};                     ///< the limit's end (kind == limit)
  const AgeSexNorm* mean = nullptr;  ///< the mean's row (kind == age_sex_mean)

  [[nodiscard]] bool known() const noexcept { return shortfall == shortfall; }
  [[nodiscard]] bool short_of_normal() const noexcept { return shortfall > 0; }
  [[nodiscard]] bool beyond_normal() const noexcept { return shortfall < 0; }
};

/// Both directions of one DoF.
struct DofDeficit {
  DofId dof{};
  EndDeficit negative;  ///< extension, abduction, external rotation, ... (the minimum)
  EndDeficit positive;  ///< flexion, adduction, internal rotation, ... (the maximum)
  [[nodiscard]] const EndDeficit& operator[](Sense s) const noexcept {
    return s == Sense::positive ? positive : negative;
  }
};

/// The deficit of one DoF's range against `limits` (or the age/sex means, `options`).
/// Throws `invalid_argument` on an age outside 0-120.
[[nodiscard]] DofDeficit deficit(const DofRange& range, const Limits& limits, const DeficitOptions& options = {});

/// The reached end of `range` in direction `sense` (`RangeEnds`), signed radians (NaN: not observed).
[[nodiscard]] double reached_end(const DofRange& range, Sense sense, RangeEnds ends = RangeEnds::exact) noexcept;

/// Side-to-side asymmetry of one limb DoF in one direction. Angles in radians.
struct Asymmetry {
  DofMotion involved{};  ///< the involved side's DoF and the direction
  double involved_reached = std::numeric_limits<double>::quiet_NaN();
  double uninvolved_reached = std::numeric_limits<double>::quiet_NaN();
  double difference = std::numeric_limits<double>::quiet_NaN();  ///< s·(uninvolved − involved)
  double lsi = std::numeric_limits<double>::quiet_NaN();         ///< (s·involved)/(s·uninvolved) × 100
  double arc_lsi = std::numeric_limits<double>::quiet_NaN();     ///< arc(involved)/arc(uninvolved) × 100
};

/// The asymmetry between `involved` and `uninvolved` (the same DoF on the two sides, e.g. the ranges of
/// right_knee_flexion_extension and left_knee_flexion_extension) in direction `sense`. Throws
/// `invalid_argument` when they are not mirror partners of a limb DoF.
[[nodiscard]] Asymmetry asymmetry(const DofRange& involved, const DofRange& uninvolved, Sense sense,
                                  RangeEnds ends = RangeEnds::exact);

/// "right knee flexion reached 92°, 48° (34 %) short of the normal 140° (38 CFR 4.71a); the left knee
/// reached 135°". `other_side`: the reached end of the other side in the same direction (nullopt:
/// not said). Means are said as means ("short of the mean 137.7° of men aged 20-44 (Soucie et al. 2011)").
[[nodiscard]] std::string describe(const EndDeficit& e, std::optional<Angle> other_side = std::nullopt);

/// "right knee flexion reached 92° against 135° on the left: 43° less, LSI 68 % (right involved)".
[[nodiscard]] std::string describe(const Asymmetry& a);

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/deficit-inl.hpp>
#endif
