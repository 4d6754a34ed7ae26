/// @file muscles.hpp
/// @brief The muscle catalogue: every muscle of `data/reference/muscles.csv`
///        and each of its actions, typed: `muscle_actions` copies
///        `detail::muscle_rows`, which tools/gen_tables.py writes as final
///        typed data (enumerators of anatomy/muscle_vocabulary.hpp).
///
/// Mapping of the CSV vocabulary (docs/muscles.md has the full table):
///  - `joint = thoracolumbar` actions act on the thoracolumbar total
///    (`Pose::thoracolumbar(axis)`, thoracic + lumbar), `ActionSite::thoracolumbar`;
///    `ribs` and `abdomen` are sites without a DoF; `dof = none` is a
///    non-motion action (`axis` empty).
///  - `rotation_contralateral`, `rotation_ipsilateral`,
///    `lateral_flexion_ipsilateral` and `pelvic_elevation_ipsilateral` are
///    side-dependent spinal directions. `MuscleAction::sense` holds the sense
///    for a muscle on the RIGHT; `sense_for(action, Side::left)` flips it.
///    Spinal rotation "to the right" (positive, dof.hpp) means the upper
///    segment turns to the subject's right relative to the lower one, so the
///    LEFT external oblique (contralateral rotator) rotates the trunk to the
///    right (+) and the right internal oblique (ipsilateral rotator) too.
///    Pelvic elevation on one side with the thorax fixed is lateral flexion of
///    the trunk relative to the pelvis toward the same side (QL row note).
///  - The column `condition` (data/reference/COLUMNS.md: what the notes state
///    as "condition: hip flexed (angle not given)" ...) is `Condition`; no angle
///    is ever invented for it.
///  - Rows with source `Seed` (tag `claim`) are the exercise text's claims:
///    `is_claim()`; literature queries leave them out unless asked.
///    Tag `R` rows are `unverified()`, and every result that uses one says so.
#pragma once

#include <arthrokin/anatomy/muscle_vocabulary.hpp>
#include <arthrokin/config.hpp>
#include <arthrokin/detail/fixed_vector.hpp>
#include <arthrokin/detail/muscles_data.hpp>
#include <arthrokin/dof.hpp>
#include <arthrokin/error.hpp>
#include <arthrokin/joint.hpp>
#include <arthrokin/side.hpp>
#include <arthrokin/sources.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace arthrokin {

/// One typed row of muscles.csv.
struct MuscleAction {
  MuscleId muscle;
  std::size_t row;  ///< index into `detail::muscle_rows`
  ActionSite site;
  std::optional<Joint> joint;  ///< set when `site == ActionSite::joint`
  std::optional<Axis> axis;    ///< empty for a non-motion action (`dof = none`)
  ActionKind kind;
  Sense sense;  ///< direction actions: the sense of the named direction; side-dependent ones: for a RIGHT muscle
  MuscleRole role;
  Laterality laterality;
  std::string_view source;       ///< source key (SOURCES.md)
  Tag provenance;                ///< V, S, R (`Tag::recalled`: unverified), claim (sources.hpp)
  Condition condition;           ///< CSV `condition`
  std::string_view action_name;  ///< CSV `action`
  std::string_view notes;        ///< CSV `notes`
  MuscleRegion region;           ///< CSV `region`

  [[nodiscard]] constexpr bool is_motion() const noexcept { return axis.has_value(); }
  [[nodiscard]] constexpr bool side_dependent() const noexcept {
    return kind == ActionKind::lateral_flexion_ipsilateral || kind == ActionKind::rotation_ipsilateral ||
           kind == ActionKind::rotation_contralateral || kind == ActionKind::pelvic_elevation_ipsilateral;
  }
  /// A row of the exercise text (source Seed, tag claim), not literature.
  [[nodiscard]] constexpr bool is_claim() const noexcept { return provenance == Tag::claim; }
  /// A row tagged R: recalled, not verified in any source.
  [[nodiscard]] constexpr bool unverified() const noexcept { return provenance == Tag::recalled; }
};

/// One muscle of one side of the body.
struct MuscleInstance {
  MuscleId id;
  Side side;
  friend constexpr bool operator==(const MuscleInstance&, const MuscleInstance&) = default;
};

namespace detail {

// MuscleId lists the muscles in order of first appearance in muscles.csv: each row's muscle is
// one already seen or the next one (the generator writes MuscleId enumerators; an unknown name
// does not compile).
constexpr bool muscles_in_order_of_first_appearance() {
  std::size_t next = 0;
  for (const auto& r : muscle_rows) {
    const std::size_t m = index(r.muscle);
    if (m > next) return false;
    if (m == next) ++next;
  }
  return next == muscle_count;
}
// (asserted in detail/muscles-inl.hpp: where the library is compiled, and in header-only mode)

constexpr auto make_muscle_actions() {
  std::array<MuscleAction, muscle_rows.size()> t{};
  for (std::size_t i = 0; i < t.size(); ++i) {
    const MuscleRow& r = muscle_rows[i];
    t[i] = MuscleAction{r.muscle,     i,        r.site, r.joint,     r.axis,   r.kind,  r.sense, r.role,
                        r.laterality, r.source, r.tag,  r.condition, r.action, r.notes, r.region};
  }
  return t;
}

}  // namespace detail

/// Every action of every muscle, one per row of muscles.csv, in CSV order.
inline constexpr std::array<MuscleAction, detail::muscle_rows.size()> muscle_actions = detail::make_muscle_actions();
inline constexpr std::size_t muscle_action_count = detail::muscle_rows.size();

/// Upper bound on the number of rows of one muscle.
inline constexpr std::size_t max_actions_per_muscle = [] {
  std::size_t best = 0;
  for (std::size_t m = 0; m < muscle_count; ++m) {
    std::size_t n = 0;
    for (const auto& a : muscle_actions) n += a.muscle == static_cast<MuscleId>(m);
    best = n > best ? n : best;
  }
  return best;
}();

/// The sense of a motion action for a muscle on `muscle_side`: side-dependent
/// spinal actions flip for the left muscle; fixed directions do not.
[[nodiscard]] constexpr Sense sense_for(const MuscleAction& a, Side muscle_side) noexcept {
  if (a.side_dependent() && muscle_side == Side::left)
    return a.sense == Sense::positive ? Sense::negative : Sense::positive;
  return a.sense;
}

namespace detail {
/// The first action of muscle `m` of kind `k` (found by content, not by row position).
constexpr const MuscleAction& find_action(MuscleId m, ActionKind k) {
  for (const auto& a : muscle_actions)
    if (a.muscle == m && a.kind == k) return a;
  throw invalid_argument("muscles.csv: no such action");
}
}  // namespace detail

// Worked examples of the spinal sign rule (see the file comment).
static_assert(sense_for(detail::find_action(MuscleId::external_oblique, ActionKind::rotation_contralateral),
                        Side::left) == Sense::positive,
              "left external oblique rotates to the right");
static_assert(sense_for(detail::find_action(MuscleId::internal_oblique, ActionKind::rotation_ipsilateral),
                        Side::right) == Sense::positive,
              "right internal oblique rotates to the right");

/// Options of the catalogue queries.
struct MuscleQueryOptions {
  /// Include the exercise text's rows (source Seed, tag claim). Off: literature only.
  bool include_claims = false;
  /// Include rows tagged R (unverified). They are always flagged in results.
  bool include_unverified = true;
};

/// Whether a row passes the options' provenance filter.
[[nodiscard]] constexpr bool selected(const MuscleAction& a, const MuscleQueryOptions& o) noexcept {
  if (a.is_claim() && !o.include_claims) return false;
  if (a.unverified() && !o.include_unverified) return false;
  return true;
}

/// The actions of one muscle (pointers into `muscle_actions`), filtered by provenance.
using ActionList = FixedVector<const MuscleAction*, max_actions_per_muscle>;
[[nodiscard]] constexpr ActionList actions_of(MuscleId m, const MuscleQueryOptions& o = {}) noexcept {
  ActionList out;
  for (const auto& a : muscle_actions)
    if (a.muscle == m && selected(a, o)) out.push_back(&a);
  return out;
}

/// A motion to ask about: one direction of a DoF, or one direction of the
/// thoracolumbar total of a spinal axis.
struct Motion {
  enum class Kind : std::uint8_t { dof, thoracolumbar };
  Kind kind = Kind::dof;
  DofId dof{};  ///< for `Kind::dof`
  Axis axis{};  ///< for `Kind::thoracolumbar`
  Sense sense = Sense::positive;

  [[nodiscard]] static constexpr Motion of(DofMotion m) noexcept { return {Kind::dof, m.dof, axis_of(m.dof), m.sense}; }
  [[nodiscard]] static constexpr Motion thoracolumbar(Axis a, Sense s) noexcept {
    return {Kind::thoracolumbar, {}, a, s};
  }
};

/// The motion named `text`: a DoF direction (`parse_dof`, e.g. "left hip internal rotation"), or
/// "thoracolumbar <direction>" (e.g. "thoracolumbar rotation to the right"; '_' and '-' read as
/// spaces, any case). nullopt if it names neither. The CLI and Python read motions with it.
[[nodiscard]] std::optional<Motion> parse_motion(std::string_view text);

/// One muscle instance that produces a motion, and the action by which it does.
struct Mover {
  MuscleInstance muscle;
  const MuscleAction* action;
  /// The row is tagged R (unverified) — say so wherever it is reported.
  [[nodiscard]] constexpr bool unverified() const noexcept { return action->unverified(); }
};
using MoverList = FixedVector<Mover, 2 * muscle_action_count>;

namespace detail {
/// The DoF an action of a muscle on `side` moves; nullopt for thoracolumbar
/// (two DoFs), non-motions and axes arthrokin does not model at that joint.
constexpr std::optional<DofId> action_dof(const MuscleAction& a, Side side) noexcept {
  if (!a.axis || a.site != ActionSite::joint) return std::nullopt;
  return find_dof(*a.joint, *a.axis, is_spinal(*a.joint) ? Side::none : side);
}
constexpr bool action_moves(const MuscleAction& a, Side side, const Motion& m) noexcept {
  if (!a.axis) return false;
  if (m.kind == Motion::Kind::dof) {
    const Joint j = joint_of(m.dof);
    if (a.site == ActionSite::thoracolumbar)
      return (j == Joint::thoracic || j == Joint::lumbar) && *a.axis == axis_of(m.dof);
    const auto d = action_dof(a, side);
    return d && *d == m.dof;
  }
  if (*a.axis != m.axis) return false;
  return a.site == ActionSite::thoracolumbar ||
         (a.site == ActionSite::joint && (*a.joint == Joint::thoracic || *a.joint == Joint::lumbar));
}
}  // namespace detail

/// The muscles that produce `motion`. For a limb DoF only muscles of that DoF's
/// side act on it; for spinal motions both sides' muscles are considered and
/// side-dependent actions are resolved per side. `muscle_side` restricts the
/// result to one side's muscles (`Side::none`: both). A spinal DoF motion
/// (thoracic or lumbar) also lists thoracolumbar actions on that axis; a
/// thoracolumbar motion lists thoracolumbar, thoracic and lumbar actions.
/// Seed rows are left out unless `o.include_claims`.
[[nodiscard]] constexpr MoverList movers(const Motion& motion, Side muscle_side = Side::none,
                                         const MuscleQueryOptions& o = {}) noexcept {
  MoverList out;
  for (Side s : {Side::left, Side::right}) {
    if (muscle_side != Side::none && s != muscle_side) continue;
    for (const auto& a : muscle_actions) {
      if (!selected(a, o) || !detail::action_moves(a, s, motion)) continue;
      if (sense_for(a, s) != motion.sense) continue;
      out.push_back({{a.muscle, s}, &a});
    }
  }
  return out;
}
[[nodiscard]] constexpr MoverList movers(DofMotion m, Side muscle_side = Side::none,
                                         const MuscleQueryOptions& o = {}) noexcept {
  return movers(Motion::of(m), muscle_side, o);
}

}  // namespace arthrokin

#ifdef ARTHROKIN_HEADER_ONLY
#include <arthrokin/detail/muscles-inl.hpp>
#endif
