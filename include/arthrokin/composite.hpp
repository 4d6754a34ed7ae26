/// @file composite.hpp
/// @brief Composite limits: a limit on a linear combination of DoFs, e.g.
///        thoracic + lumbar axial rotation ≤ 45° each way (AAOS 1965), or the
///        rocking stretch's band on one hip's adduction + internal rotation.
///
/// The data are the rows of data/reference/composite_limits.csv (and the
/// thoracolumbar rows of rom_norms.csv, which are the same figures), typed by
/// tools/gen_tables.py. A row's `role` says what it is for (thoracolumbar
/// limit, combined range, total arc, exercise band) and its `value_kind` which
/// end of a range it is; nothing is read from names or notes.
#pragma once

#include <arthrokin/bound.hpp>
#include <arthrokin/config.hpp>
#include <arthrokin/dof.hpp>
#include <arthrokin/pose.hpp>

#include <array>
#include <optional>
#include <string_view>

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

/// Every distinct composite name in composite_limits.csv.
[[nodiscard]] bool composite_name_known(std::string_view name);

/// The thoracolumbar (thoracic + lumbar) limit of a spinal axis from the first of
/// `sources` that has it (tag V first, then S, then R; the largest value of a source).
[[nodiscard]] CompositeLimit thoracolumbar_limit(Axis axis, const std::string_view* sources, std::size_t n);

/// A composite limit from composite_limits.csv by name and source key, for
/// `side` (the side of limb terms; Side::none for spinal ones). Its kind follows the
/// rows' `role`; an exercise band's `range_low` row is its lower bound. Throws if no
/// row matches.
[[nodiscard]] CompositeLimit composite_limit(std::string_view name, std::string_view source, Side side = Side::none);

/// The value of the composite's linear combination on `pose` (radians), or
/// nullopt when a term is unknown. A thoracic + lumbar pair reads the pose's
/// thoracolumbar total, which is known from keypoints even when the split is not.
/// Inline in both modes: `check()` evaluates every composite of every pose.
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

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/composite-inl.hpp>
#endif
