/// @file composite.hpp
/// @brief Composite limits: a limit on a linear combination of DoFs, e.g.
///        thoracic + lumbar axial rotation ≤ 45° each way (AAOS 1965), or the
///        rocking stretch's band on one hip's adduction + internal rotation.
///
/// The data are the rows of data/reference/composite_limits.csv (and the
/// thoracolumbar rows of rom_norms.csv, which are the same figures).
#pragma once

#include <arthrokin/bound.hpp>
#include <arthrokin/detail/composite_limits_data.hpp>
#include <arthrokin/dof.hpp>
#include <arthrokin/error.hpp>
#include <arthrokin/pose.hpp>

#include <array>
#include <optional>
#include <string>

namespace arthrokin {

/// One term of a linear combination: coefficient × angle of (joint, axis) on the composite's side.
struct CompositeTerm {
  Joint joint;
  Axis axis;
  double coefficient = 1.0;
};

/// What a composite limit is.
enum class CompositeKind : std::uint8_t {
  norm,         ///< a normal limit on the combination at any instant
  target_band,  ///< an exercise's target band (lower bound is a target, not a norm)
  full_arc,     ///< a sum of end-of-range values of a whole examination: not checkable on one pose
};

struct CompositeLimit {
  std::string_view name;           ///< e.g. "thoracolumbar_rotation"
  std::string_view display;        ///< human name without side, e.g. "thoracolumbar axial rotation"
  std::string_view positive_name;  ///< human name of the positive direction, e.g. "rotation to the right"
  std::string_view negative_name;  ///< and of the negative one
  Side side = Side::none;          ///< side of the limb terms (none for spinal composites)
  std::array<CompositeTerm, 6> terms{};
  std::size_t term_count = 0;
  Bound lower, upper;
  CompositeKind kind = CompositeKind::norm;
};

namespace detail {
constexpr std::optional<CompositeTerm> parse_term(std::string_view t) {
  const auto dot = t.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const auto j = parse_joint(t.substr(0, dot));
  const auto a = parse_axis(t.substr(dot + 1));
  if (!j || !a) return std::nullopt;
  return CompositeTerm{*j, *a, 1.0};
}
constexpr std::size_t parse_terms(std::string_view s, std::array<CompositeTerm, 6>& out) {
  std::size_t n = 0;
  while (!s.empty() && n < out.size()) {
    const auto plus = s.find('+');
    const auto term = parse_term(s.substr(0, plus));
    if (!term) return 0;
    out[n++] = *term;
    if (plus == std::string_view::npos) break;
    s.remove_prefix(plus + 1);
  }
  return n;
}
inline std::string_view tl_name(Axis a) {
  return a == Axis::flexion_extension ? "thoracolumbar_flexion_extension"
         : a == Axis::lateral_flexion ? "thoracolumbar_lateral_flexion"
                                      : "thoracolumbar_rotation";
}
}  // namespace detail

/// Every distinct composite name in composite_limits.csv.
[[nodiscard]] inline bool composite_name_known(std::string_view name) {
  for (const auto& r : detail::composite_limit_rows)
    if (r.name == name) return true;
  return false;
}

/// The thoracolumbar (thoracic + lumbar) limit of a spinal axis from the first of
/// `sources` that has it (tag V first, then S, then R; the largest value of a source).
[[nodiscard]] inline CompositeLimit thoracolumbar_limit(Axis axis, const std::string_view* sources, std::size_t n) {
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
  auto pick = [&](std::string_view row_name, int sign) {
    for (Tag tag : {Tag::verified, Tag::secondary, Tag::recalled})
      for (std::size_t k = 0; k < n; ++k) {
        const detail::CompositeLimitRow* best = nullptr;
        int best_i = -1;
        for (std::size_t i = 0; i < detail::composite_limit_rows.size(); ++i) {
          const auto& r = detail::composite_limit_rows[i];
          if (r.name != row_name || r.source != sources[k] || parse_tag(r.tag) != tag) continue;
          if (!best || r.value_deg > best->value_deg) best = &r, best_i = static_cast<int>(i);
        }
        if (best) return Bound{sign * deg_to_rad(best->value_deg), best->source, tag, Origin::table, best_i, {}};
      }
    return Bound{};
  };
  if (axis == Axis::flexion_extension) {
    c.upper = pick("thoracolumbar_flexion", +1);
    c.lower = pick("thoracolumbar_extension", -1);
  } else {
    const auto row = axis == Axis::lateral_flexion ? "thoracolumbar_lateral_flexion" : "thoracolumbar_rotation";
    c.upper = pick(row, +1);
    c.lower = pick(row, -1);
  }
  return c;
}

/// A composite limit from composite_limits.csv by name and source key, for
/// `side` (the side of limb terms; Side::none for spinal ones). Range rows
/// ("range low"/"range high") become a band. Throws if no row matches.
[[nodiscard]] inline CompositeLimit composite_limit(std::string_view name, std::string_view source,
                                                    Side side = Side::none) {
  CompositeLimit c;
  c.side = side;
  bool any = false;
  for (std::size_t i = 0; i < detail::composite_limit_rows.size(); ++i) {
    const auto& r = detail::composite_limit_rows[i];
    if (r.name != name || r.source != source) continue;
    if (!any) {
      c.name = r.name;
      c.display = r.name == "hip_adduction_plus_internal_rotation"
                      ? std::string_view("hip adduction + internal rotation")
                      : r.name;
      c.term_count = detail::parse_terms(r.terms, c.terms);
      if (c.term_count == 0) detail::raise("composite_limit: bad terms '" + std::string(r.terms) + "'");
      any = true;
    }
    const auto tag = *parse_tag(r.tag);
    const Bound b{deg_to_rad(r.value_deg), r.source, tag, Origin::table, static_cast<int>(i), {}};
    const bool low = r.notes.starts_with("range low");
    const bool high = r.notes.starts_with("range high");
    if (r.direction == "full_arc") {
      c.kind = CompositeKind::full_arc;
      c.upper = b;
    } else if (r.direction.find('+') != std::string_view::npos) {
      // One direction per term, e.g. "adduction+internal_rotation": all positive in arthrokin's signs.
      c.kind = (low || high) ? CompositeKind::target_band : CompositeKind::norm;
      c.positive_name = "adduction + internal rotation";
      c.negative_name = "abduction + external rotation";
      (low ? c.lower : c.upper) = b;
    } else {
      const Axis a = c.terms[0].axis;
      const auto& dirs = axis_directions[static_cast<std::size_t>(a)];
      c.positive_name = dirs.positive;
      c.negative_name = dirs.negative;
      const bool per_side = r.direction == "lateral_flexion" || r.direction == "rotation";
      if (per_side || r.direction == "flexion") c.upper = b;
      if (per_side || r.direction == "extension") {
        c.lower = b;
        c.lower.radians = -b.radians;
      }
    }
  }
  if (!any)
    detail::raise("composite_limit: no row '" + std::string(name) + "' with source '" + std::string(source) + "'");
  if (c.term_count > 0 && c.side == Side::none && !is_spinal(c.terms[0].joint))
    detail::raise("composite_limit: '" + std::string(name) + "' has limb terms: give a side");
  return c;
}

/// The value of the composite's linear combination on `pose` (radians), or
/// nullopt when a term is unknown. A thoracic + lumbar pair reads the pose's
/// thoracolumbar total, which is known from keypoints even when the split is not.
[[nodiscard]] inline std::optional<double> evaluate(const CompositeLimit& c, const Pose& pose) noexcept {
  if (c.kind == CompositeKind::full_arc) return std::nullopt;
  if (c.term_count == 2 && c.terms[0].joint == Joint::thoracic && c.terms[1].joint == Joint::lumbar &&
      c.terms[0].axis == c.terms[1].axis && c.terms[0].coefficient == 1.0 && c.terms[1].coefficient == 1.0) {
    const auto v = pose.thoracolumbar(c.terms[0].axis);
    if (!v) return std::nullopt;
    return to_radians(*v);
  }
  double sum = 0;
  for (std::size_t t = 0; t < c.term_count; ++t) {
    const auto d = find_dof(c.terms[t].joint, c.terms[t].axis, is_spinal(c.terms[t].joint) ? Side::none : c.side);
    if (!d) return std::nullopt;
    const auto v = pose.get(*d);
    if (!v) return std::nullopt;
    sum += c.terms[t].coefficient * to_radians(*v);
  }
  return sum;
}

}  // namespace arthrokin
