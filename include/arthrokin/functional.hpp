/// @file functional.hpp
/// @brief Functional range: which daily activities the range a person reached supports — from the
///        published angles those activities need (detail/functional_data.hpp, each with its source).
///
/// For one side and each requirement (activity, joint axis, direction s, figure [low, high] in degrees;
/// `functional_requirements()`), with the reached end R of that DoF in that direction (deficit.hpp
/// `reached_end`, exact or robust) and reached = s·R:
///  - supported: reached ≥ high;
///  - within_span: low ≤ reached < high (the source gives a span, e.g. 90-120° for stairs and chairs);
///  - not_supported: reached < low; `short_by` = high − reached (degrees missing to the figure);
///  - unknown: the DoF was never observed (never "not supported").
/// An activity takes the worst of its requirements: not_supported, then unknown, then within_span.
/// The figures are what unimpaired groups used (means of peaks, spans, approximate values: `figure`);
/// reaching less does not prove a person cannot do the activity another way (docs/assessment.md).
/// Definitions: detail/functional-inl.hpp (config.hpp).
#pragma once

#include <arthrokin/config.hpp>
#include <arthrokin/deficit.hpp>
#include <arthrokin/detail/functional_data.hpp>
#include <arthrokin/range.hpp>

#include <limits>
#include <span>
#include <string>
#include <vector>

namespace arthrokin {

/// The built-in table of functional requirements.
[[nodiscard]] constexpr std::span<const FunctionalRequirement> functional_requirements() noexcept {
  return detail::functional_rows;
}

enum class Support : std::uint8_t { supported, within_span, not_supported, unknown };

/// "supported", "within_span", "not_supported", "unknown".
[[nodiscard]] constexpr std::string_view to_string(Support s) noexcept {
  return s == Support::supported       ? "supported"
         : s == Support::within_span   ? "within_span"
         : s == Support::not_supported ? "not_supported"
                                       : "unknown";
}

/// One requirement against the reached range.
struct RequirementSupport {
  const FunctionalRequirement* requirement = nullptr;
  DofId dof{};
  double reached_deg = std::numeric_limits<double>::quiet_NaN();   ///< s·R, degrees (NaN: unknown)
  double short_by_deg = std::numeric_limits<double>::quiet_NaN();  ///< high − reached when not supported
  Support support = Support::unknown;
};

/// One activity: its requirements and the worst of them.
struct ActivitySupport {
  std::string_view activity;
  Side side = Side::right;
  Support support = Support::unknown;
  std::vector<RequirementSupport> requirements;
};

/// Per activity of `table` (in order of first appearance), whether the range reached on `side` supports
/// it. Throws `invalid_argument` when `side` is not left or right, or a requirement names a joint axis
/// with no DoF on that side, or low > high.
[[nodiscard]] std::vector<ActivitySupport> functional_support(
    const RangeAccumulator& range, Side side, std::span<const FunctionalRequirement> table = functional_requirements(),
    RangeEnds ends = RangeEnds::exact);

/// "right knee: getting into and out of a bath not supported: knee flexion reached 120°, 15° short of the
/// approximately 135° it needs (Rowe et al. 2000)".
[[nodiscard]] std::string describe(const ActivitySupport& a);

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/functional-inl.hpp>
#endif
