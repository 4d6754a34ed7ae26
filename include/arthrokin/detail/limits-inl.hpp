/// @file limits-inl.hpp
/// @brief Definitions of limits.hpp: how the default limits are chosen (its file
///        comment), compiled once into the library (src/core/check.cpp), or
///        included by the header in header-only mode (config.hpp).
#pragma once

#include <arthrokin/detail/text.hpp>
#include <arthrokin/error.hpp>
#include <arthrokin/limits.hpp>
#include <arthrokin/region.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace arthrokin {

namespace detail {
/// The Bound a table row gives for sense `s`: a derived limit carries origin and tag `derived` and
/// its row's note (how it was derived), so that every report says so.
constexpr Bound bound_of_row(const RomNorm& b, Sense s) {
  const bool derived = b.value_kind == ValueKind::derived_limit;
  Bound out{b.signed_radians(s),
            b.source,
            b.tag,
            derived ? Origin::derived : Origin::table,
            static_cast<int>(b.row),
            derived ? b.notes : std::string_view{}};
  out.context = b.context;
  return out;
}

/// The bound of (joint, axis, sense) from the first of `sources` that has a row with
/// tag V, then S, then R; the largest value of that source. An end of 0 (no motion past
/// neutral zero) gives way to the best row, by the same ranking, that publishes motion past
/// neutral. No value: an empty Bound.
constexpr Bound select_bound(Joint j, Axis a, Sense s, const std::string_view* sources, std::size_t n_sources,
                             bool allow_special) {
  // One pass over the rows; the best row has the lowest (tag rank, source rank), then the largest value.
  // Indices, not pointers: GCC's UBSan instrumentation makes pointer tests non-constant.
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::size_t best = none, best_key = none, past = none, past_key = none;
  for (std::size_t i = 0; i < rom_norms.size(); ++i) {
    const auto& r = rom_norms[i];
    if (r.joint != j || r.axis != a || (!r.both_senses && r.sense != s)) continue;
    const std::size_t tag_rank = r.tag == Tag::verified    ? 0
                                 : r.tag == Tag::derived   ? 0
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
    if (r.value_deg > 0 &&
        (past == none || key < past_key || (key == past_key && r.value_deg > rom_norms[past].value_deg)))
      past = i, past_key = key;
  }
  if (best == none) return Bound{};
  if (rom_norms[best].value_deg == 0 && past != none) best = past;
  return bound_of_row(rom_norms[best], s);
}

/// The bound of (joint, axis, sense) measured in `context`: any source and population (few rows
/// exist); tag V or derived first, then S, then R; the largest value. Never a mean, median, return
/// arc or activity peak. No such row: an empty Bound.
constexpr Bound select_context_bound(Joint j, Axis a, Sense s, Context context) {
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::size_t best = none, best_rank = none;
  for (std::size_t i = 0; i < rom_norms.size(); ++i) {
    const auto& r = rom_norms[i];
    if (r.joint != j || r.axis != a || (!r.both_senses && r.sense != s) || r.context != context) continue;
    if (is_not_a_limit(r) || r.value_kind == ValueKind::activity_peak) continue;
    const std::size_t rank = r.tag == Tag::verified || r.tag == Tag::derived ? 0
                             : r.tag == Tag::secondary                       ? 1
                             : r.tag == Tag::recalled                        ? 2
                                                                             : none;
    if (rank == none) continue;
    if (best == none || rank < best_rank || (rank == best_rank && r.value_deg > rom_norms[best].value_deg))
      best = i, best_rank = rank;
  }
  return best == none ? Bound{} : bound_of_row(rom_norms[best], s);
}

/// The note of a default bound used because `context` has no norm for it.
constexpr std::string_view context_fallback_note(Context c) {
  switch (c) {
    case Context::passive:
      return "default: no passive norm for this motion";
    case Context::active:
      return "default: no active norm for this motion";
    case Context::weight_bearing:
      return "default: no weight-bearing norm for this motion";
    case Context::unspecified:
      break;
  }
  return "";
}
}  // namespace detail

// Every row has a valid (joint, axis) for arthrokin: its DoF exists on some side.
static_assert([] {
  for (const auto& n : rom_norms)
    if (!find_dof(n.joint, n.axis, Side::none) && !find_dof(n.joint, n.axis, Side::left)) return false;
  return true;
}());

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

// No default bound is a mean or a median (an average is not the end of the normal range).
static_assert([] {
  for (DofId d : all_dofs)
    for (Sense s : {Sense::negative, Sense::positive}) {
      const auto b = detail::select_bound(joint_of(d), axis_of(d), s, default_source_priority.data(),
                                          default_source_priority.size(), false);
      if (b.row >= 0 && is_central_value(detail::rom_norm_rows[static_cast<std::size_t>(b.row)].value_kind))
        return false;
    }
  return true;
}());

ARTHROKIN_FUNC Limits Limits::defaults() {
  Limits l = from_priority(default_source_priority.data(), default_source_priority.size(), false);
  l.derive_regions(true);
  l.refresh_regions();
  return l;
}

ARTHROKIN_FUNC Limits Limits::defaults(Context context) {
  Limits l = defaults();
  l.context_ = context;
  if (context == Context::unspecified) return l;
  for (DofId d : all_dofs) {
    auto& dl = l.dof_[index(d)];
    for (Sense s : {Sense::negative, Sense::positive}) {
      Bound& b = s == Sense::negative ? dl.lower : dl.upper;
      const Bound c = detail::select_context_bound(joint_of(d), axis_of(d), s, context);
      if (c.has_value()) {
        b = c;
      } else if (b.has_value() && b.origin == Origin::table) {
        b.origin = Origin::fallback;
        b.note = detail::context_fallback_note(context);
      }
    }
  }
  l.refresh_regions();
  return l;
}

ARTHROKIN_FUNC Limits Limits::from_source(std::string_view key) {
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
  // The thoracic region from the chosen composites; a lumbar bound the source lacks came from the
  // defaults above (for axial rotation: the default's derived bound).
  chosen.derive_regions(false);
  chosen.refresh_regions();
  return chosen;
}

ARTHROKIN_FUNC Limits Limits::from_model(std::string_view model) {
  Limits l;
  l.shoulder_region_ = false;
  l.two_joint_ = false;
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
  l.refresh_regions();
  return l;
}

ARTHROKIN_FUNC Limits& Limits::with_tolerance(Angle tolerance) & {
  const double t = to_radians(tolerance);
  if (!std::isfinite(t) || t < 0) detail::raise("Limits::with_tolerance: tolerance must be finite and >= 0");
  tolerance_ = t;
  return *this;
}

ARTHROKIN_FUNC Limits& Limits::override_dof(DofId dof, Angle lower, Angle upper, std::string_view reason) & {
  const double lo = to_radians(lower), hi = to_radians(upper);
  // Finite and ordered in radians and in degrees too: near ±1.8e308° the round trip through
  // radians can overflow, and the bound must read back as given in either unit.
  const double lo_deg = rad_to_deg(lo), hi_deg = rad_to_deg(hi);
  if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi) || !std::isfinite(lo_deg) || !std::isfinite(hi_deg) ||
      !(lo_deg < hi_deg))
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
  refresh_regions();
  return *this;
}

ARTHROKIN_FUNC Limits& Limits::restrict_to(std::span<const Joint> joints) & {
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

ARTHROKIN_FUNC Limits& Limits::add(const CompositeLimit& c) & {
  if (n_composites_ == max_composites) detail::raise("Limits::add: at most 8 composite limits");
  composites_[n_composites_] = c;
  composite_active_.set(n_composites_);
  ++n_composites_;
  return *this;
}

inline Limits Limits::from_priority(const std::string_view* sources, std::size_t n, bool allow_special) {
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

inline void Limits::derive_regions(bool lumbar_too) {
  for (std::size_t k = 0; k < 3; ++k) {
    const Axis a = composites_[k].terms[0].axis;
    auto& th = dof_[index(*find_dof(Joint::thoracic, a, Side::none))];
    auto& lumbar = dof_[index(*find_dof(Joint::lumbar, a, Side::none))];
    static constexpr std::string_view thoracic_note =
        "derived: the thoracolumbar figure as a bound on the thoracic region alone; no thoracic-only norm exists";
    static constexpr std::string_view lumbar_note =
        "derived: the thoracolumbar figure as a bound on the lumbar region alone; Troke's 7 deg is a median, not a "
        "limit";
    th.lower = derive_region(composites_[k].lower, thoracic_note);
    th.upper = derive_region(composites_[k].upper, thoracic_note);
    if (!lumbar_too) continue;
    if (!lumbar.lower.has_value()) lumbar.lower = derive_region(composites_[k].lower, lumbar_note);
    if (!lumbar.upper.has_value()) lumbar.upper = derive_region(composites_[k].upper, lumbar_note);
  }
}

ARTHROKIN_FUNC void Limits::refresh_regions() noexcept {
  for (Side side : {Side::left, Side::right})
    regions_[side == Side::left ? 0 : 1] = detail::make_shoulder_region(*this, side);
}

inline Bound Limits::derive_region(const Bound& tl, std::string_view note) {
  if (!tl.has_value()) return Bound{};
  Bound b = tl;
  b.tag = Tag::derived;
  b.origin = Origin::derived;
  b.row = -1;
  b.note = note;
  return b;
}

}  // namespace arthrokin
