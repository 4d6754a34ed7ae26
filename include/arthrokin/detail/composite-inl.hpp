/// @file composite-inl.hpp
/// @brief Definitions of composite.hpp: compiled once into the library
///        (src/core/check.cpp), or included by the header in header-only
///        mode (config.hpp).
#pragma once

#include <arthrokin/composite.hpp>
#include <arthrokin/detail/composite_limits_data.hpp>
#include <arthrokin/error.hpp>

#include <string>

namespace arthrokin {

namespace detail {
inline std::string_view tl_name(Axis a) {
  return a == Axis::flexion_extension ? "thoracolumbar_flexion_extension"
         : a == Axis::lateral_flexion ? "thoracolumbar_lateral_flexion"
                                      : "thoracolumbar_rotation";
}
/// The kind of composite a row's role makes.
constexpr CompositeKind kind_of(CompositeRole r) noexcept {
  switch (r) {
    case CompositeRole::thoracolumbar_limit:
      return CompositeKind::norm;
    case CompositeRole::combined_range:
    case CompositeRole::total_arc:
      return CompositeKind::full_arc;
    case CompositeRole::exercise_band:
      return CompositeKind::target_band;
  }
  return CompositeKind::norm;
}
/// Whether a row bounds the composite in the direction of sense `s`.
constexpr bool bounds_sense(const CompositeLimitRow& r, Sense s) noexcept {
  return r.direction == CompositeDirection::both_senses ||
         r.direction == (s == Sense::positive ? CompositeDirection::positive : CompositeDirection::negative);
}
}  // namespace detail

ARTHROKIN_FUNC bool composite_name_known(std::string_view name) {
  for (const auto& r : detail::composite_limit_rows)
    if (r.name == name) return true;
  return false;
}

ARTHROKIN_FUNC CompositeLimit thoracolumbar_limit(Axis axis, const std::string_view* sources, std::size_t n) {
  CompositeLimit c;
  c.name = detail::tl_name(axis);
  c.display = axis == Axis::flexion_extension ? "thoracolumbar flexion/extension"
              : axis == Axis::lateral_flexion ? "thoracolumbar lateral flexion"
                                              : "thoracolumbar axial rotation";
  const auto& dirs = axis_directions[static_cast<std::size_t>(axis)];
  c.positive_name = dirs.positive;
  c.negative_name = dirs.negative;
  c.terms[0] = {Joint::thoracic, axis, 1.0};
  c.terms[1] = {Joint::lumbar, axis, 1.0};
  c.term_count = 2;
  // Rows with role thoracolumbar_limit on this axis that bound the composite in direction `s`.
  auto pick = [&](Sense s) {
    for (Tag tag : {Tag::verified, Tag::secondary, Tag::recalled})
      for (std::size_t k = 0; k < n; ++k) {
        const detail::CompositeLimitRow* best = nullptr;
        int best_i = -1;
        for (std::size_t i = 0; i < detail::composite_limit_rows.size(); ++i) {
          const auto& r = detail::composite_limit_rows[i];
          if (r.role != CompositeRole::thoracolumbar_limit || r.terms[0].axis != axis || !detail::bounds_sense(r, s) ||
              r.value_kind == ValueKind::return_arc_end || r.source != sources[k] || r.tag != tag)
            continue;
          if (!best || r.value_deg > best->value_deg) best = &r, best_i = static_cast<int>(i);
        }
        if (best)
          return Bound{static_cast<int>(s) * deg_to_rad(best->value_deg), best->source, tag, Origin::table, best_i, {}};
      }
    return Bound{};
  };
  c.upper = pick(Sense::positive);
  c.lower = pick(Sense::negative);
  return c;
}

ARTHROKIN_FUNC CompositeLimit composite_limit(std::string_view name, std::string_view source, Side side) {
  CompositeLimit c;
  c.side = side;
  bool any = false;
  for (std::size_t i = 0; i < detail::composite_limit_rows.size(); ++i) {
    const auto& r = detail::composite_limit_rows[i];
    if (r.name != name || r.source != source) continue;
    if (!any) {
      c.name = r.name;
      c.display = r.direction == detail::CompositeDirection::per_term ? r.label : r.name;
      c.term_count = r.term_count;
      for (std::size_t t = 0; t < r.term_count; ++t)
        c.terms[t] = {
            r.terms[t].joint, r.terms[t].axis,
            r.direction == detail::CompositeDirection::per_term ? static_cast<double>(r.terms[t].sense) : 1.0};
      c.kind = detail::kind_of(r.role);
      any = true;
    }
    const Bound b{deg_to_rad(r.value_deg), r.source, r.tag, Origin::table, static_cast<int>(i), {}};
    switch (r.direction) {
      case detail::CompositeDirection::full_arc:
        c.upper = b;
        break;
      case detail::CompositeDirection::per_term:
        // The sum of each term's angle in its own named direction (each term's coefficient is that direction's sign).
        c.positive_name = r.positive_label;
        c.negative_name = r.negative_label;
        (r.value_kind == ValueKind::range_low ? c.lower : c.upper) = b;
        break;
      case detail::CompositeDirection::positive:
      case detail::CompositeDirection::negative:
      case detail::CompositeDirection::both_senses: {
        const auto& dirs = axis_directions[static_cast<std::size_t>(c.terms[0].axis)];
        c.positive_name = dirs.positive;
        c.negative_name = dirs.negative;
        if (detail::bounds_sense(r, Sense::positive)) c.upper = b;
        if (detail::bounds_sense(r, Sense::negative)) {
          c.lower = b;
          c.lower.radians = -b.radians;
        }
        break;
      }
    }
  }
  if (!any)
    detail::raise("composite_limit: no row '" + std::string(name) + "' with source '" + std::string(source) + "'");
  if (c.term_count > 0 && c.side == Side::none && !is_spinal(c.terms[0].joint))
    detail::raise("composite_limit: '" + std::string(name) + "' has limb terms: give a side");
  return c;
}
}  // namespace arthrokin
