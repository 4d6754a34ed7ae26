// Row types of the transcribed reference tables: every field exactly as in its
// CSV (strings as written, numbers as double, `no_value` for an empty cell).
#pragma once

#include <limits>
#include <string_view>

namespace arthrokin::detail {

inline constexpr double no_value = std::numeric_limits<double>::quiet_NaN();

struct RomNormRow {
  std::string_view joint, dof, direction;
  double value_deg;
  std::string_view source, tag, notes;
};
struct CompositeLimitRow {
  std::string_view name, terms, direction;
  double value_deg;
  std::string_view source, tag, notes;
};
struct AgeSexNormRow {
  std::string_view joint, dof, direction;
  double age_min, age_max;
  std::string_view sex;
  double mean_deg, ci_low_deg, ci_high_deg;
  std::string_view source, tag, notes;
};
struct ModelBoundRow {
  std::string_view model, coordinate;
  double min_deg, max_deg;
  std::string_view positive_means, source, tag, notes;
};
struct MuscleRow {
  std::string_view muscle, region, joint, dof, action, role, laterality, source, tag, notes;
};
struct SourceRow {
  std::string_view key, reference;
};

}  // namespace arthrokin::detail
