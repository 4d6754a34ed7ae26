/// @file muscles.hpp
/// @brief The muscle catalogue: every muscle of `data/reference/muscles.csv`
///        and each of its actions, typed, built at compile time from
///        `detail::muscle_rows` (the CSV transcribed verbatim).
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
///  - Conditions in the notes ("condition: hip flexed (angle not given)" ...)
///    become `Condition`; no angle is ever invented for them.
///  - Rows with source `Seed` (tag `claim`) are the exercise text's claims:
///    `is_claim()`; literature queries leave them out unless asked.
///    Tag `R` rows are `unverified()`, and every result that uses one says so.
#pragma once

#include <arthrokin/detail/fixed_vector.hpp>
#include <arthrokin/detail/muscles_data.hpp>
#include <arthrokin/dof.hpp>
#include <arthrokin/joint.hpp>
#include <arthrokin/side.hpp>
#include <arthrokin/sources.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace arthrokin {

/// Every muscle of the catalogue, in the order of first appearance in muscles.csv.
enum class MuscleId : std::uint8_t {
  external_oblique,
  internal_oblique,
  transversus_abdominis,
  quadratus_lumborum,
  iliocostalis,
  longissimus,
  spinalis,
  multifidus,
  rotatores,
  serratus_posterior_superior,
  serratus_posterior_inferior,
  psoas_major,
  iliacus,
  serratus_posterior,
  rectus_femoris,
  tensor_fasciae_latae,
  sartorius,
  gluteus_maximus,
  gluteus_medius,
  gluteus_minimus,
  piriformis,
  biceps_femoris_long_head,
  biceps_femoris_short_head,
  semitendinosus,
  semimembranosus,
  adductor_magnus,
  adductor_longus,
  adductor_brevis,
  gracilis,
  gastrocnemius,
  soleus,
  tibialis_anterior,
  deltoid,
  pectoralis_major,
  latissimus_dorsi,
  biceps_brachii,
  triceps_brachii,
  supraspinatus,
  infraspinatus,
  teres_minor,
  subscapularis,
};
inline constexpr std::size_t muscle_count = 41;

/// Where an action acts.
enum class ActionSite : std::uint8_t {
  joint,          ///< a joint of `Joint` (with or without an axis)
  thoracolumbar,  ///< the thoracic + lumbar total of an axis
  ribs,           ///< the ribs: no DoF
  abdomen,        ///< the abdominal wall: no DoF
};

/// The kind of action: a named direction of an axis, a side-dependent spinal
/// direction, or a non-motion action.
enum class ActionKind : std::uint8_t {
  direction,                     ///< flexion, abduction, internal_rotation, ... (`sense` is fixed)
  lateral_flexion_ipsilateral,   ///< side-dependent
  rotation_ipsilateral,          ///< side-dependent
  rotation_contralateral,        ///< side-dependent
  pelvic_elevation_ipsilateral,  ///< side-dependent: trunk-on-pelvis lateral flexion to the same side
  abdominal_compression,         ///< non-motion
  stabilisation,                 ///< non-motion
  rib_elevation,                 ///< non-motion
  rib_depression,                ///< non-motion
  rib_fixation,                  ///< non-motion
  shoulder_girdle_depression,    ///< non-motion (no shoulder-girdle DoF in arthrokin)
};

enum class MuscleRole : std::uint8_t { prime, assist, stabiliser };
enum class Laterality : std::uint8_t { bilateral, unilateral, either };
/// A pose condition from the notes; the angle is never given in the sources.
enum class Condition : std::uint8_t {
  none,
  hip_flexed,
  hip_extended,
  knee_flexed,
  shoulder_flexed,
  femur_fixed,
  arm_fixed
};

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
  std::string_view source;  ///< source key (SOURCES.md)
  Tag provenance;           ///< V, S, R (`Tag::recalled`: unverified), claim (sources.hpp)
  Condition condition;
  std::string_view action_name;  ///< CSV `action`
  std::string_view notes;        ///< CSV `notes`

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

inline constexpr std::array<std::string_view, muscle_count> muscle_names{
    "external_oblique",
    "internal_oblique",
    "transversus_abdominis",
    "quadratus_lumborum",
    "iliocostalis",
    "longissimus",
    "spinalis",
    "multifidus",
    "rotatores",
    "serratus_posterior_superior",
    "serratus_posterior_inferior",
    "psoas_major",
    "iliacus",
    "serratus_posterior",
    "rectus_femoris",
    "tensor_fasciae_latae",
    "sartorius",
    "gluteus_maximus",
    "gluteus_medius",
    "gluteus_minimus",
    "piriformis",
    "biceps_femoris_long_head",
    "biceps_femoris_short_head",
    "semitendinosus",
    "semimembranosus",
    "adductor_magnus",
    "adductor_longus",
    "adductor_brevis",
    "gracilis",
    "gastrocnemius",
    "soleus",
    "tibialis_anterior",
    "deltoid",
    "pectoralis_major",
    "latissimus_dorsi",
    "biceps_brachii",
    "triceps_brachii",
    "supraspinatus",
    "infraspinatus",
    "teres_minor",
    "subscapularis",
};

// The enum above must list exactly the muscles of the CSV, in order of first appearance.
constexpr bool muscle_names_match_rows() {
  std::size_t n = 0;
  for (std::size_t i = 0; i < muscle_rows.size(); ++i) {
    bool seen = false;
    for (std::size_t j = 0; j < i; ++j) seen = seen || muscle_rows[j].muscle == muscle_rows[i].muscle;
    if (seen) continue;
    if (n >= muscle_count || muscle_names[n] != muscle_rows[i].muscle) return false;
    ++n;
  }
  return n == muscle_count;
}
static_assert(muscle_names_match_rows(), "MuscleId must list the muscles of muscles.csv in order");

// A name the catalogue cannot map stops compilation (a constexpr throw).
[[noreturn]] inline void unmapped_muscle_vocabulary() { throw invalid_argument("muscles.csv: unmapped vocabulary"); }

constexpr MuscleId muscle_of(std::string_view s) {
  for (std::size_t i = 0; i < muscle_count; ++i)
    if (muscle_names[i] == s) return static_cast<MuscleId>(i);
  unmapped_muscle_vocabulary();
}

constexpr MuscleRole role_of(std::string_view s) {
  if (s == "prime") return MuscleRole::prime;
  if (s == "assist") return MuscleRole::assist;
  if (s == "stabiliser") return MuscleRole::stabiliser;
  unmapped_muscle_vocabulary();
}
constexpr Laterality laterality_of(std::string_view s) {
  if (s == "bilateral") return Laterality::bilateral;
  if (s == "unilateral") return Laterality::unilateral;
  if (s == "either") return Laterality::either;
  unmapped_muscle_vocabulary();
}
constexpr Tag provenance_of(std::string_view s) {
  const auto t = parse_tag(s);
  if (!t) unmapped_muscle_vocabulary();
  return *t;
}
constexpr Condition condition_of(std::string_view notes) {
  constexpr std::string_view key = "condition: ";
  const auto p = notes.find(key);
  if (p == std::string_view::npos) return Condition::none;
  const auto rest = notes.substr(p + key.size());
  constexpr std::pair<std::string_view, Condition> table[] = {
      {"hip flexed", Condition::hip_flexed},   {"hip extended", Condition::hip_extended},
      {"knee flexed", Condition::knee_flexed}, {"shoulder flexed", Condition::shoulder_flexed},
      {"femur fixed", Condition::femur_fixed}, {"arm fixed", Condition::arm_fixed},
  };
  for (const auto& [name, c] : table)
    if (rest.starts_with(name)) return c;
  unmapped_muscle_vocabulary();
}

constexpr ActionKind kind_of(std::string_view a) {
  if (a == "lateral_flexion_ipsilateral") return ActionKind::lateral_flexion_ipsilateral;
  if (a == "rotation_ipsilateral") return ActionKind::rotation_ipsilateral;
  if (a == "rotation_contralateral") return ActionKind::rotation_contralateral;
  if (a == "pelvic_elevation_ipsilateral") return ActionKind::pelvic_elevation_ipsilateral;
  if (a == "abdominal_compression") return ActionKind::abdominal_compression;
  if (a == "stabilisation") return ActionKind::stabilisation;
  if (a == "rib_elevation") return ActionKind::rib_elevation;
  if (a == "rib_depression") return ActionKind::rib_depression;
  if (a == "rib_fixation") return ActionKind::rib_fixation;
  if (a == "shoulder_girdle_depression") return ActionKind::shoulder_girdle_depression;
  return ActionKind::direction;
}

// The sense of a CSV direction name on an axis (dof.hpp sign table; the CSV
// spells directions with underscores where dof.hpp's display names use spaces).
constexpr Sense direction_sense(Axis axis, std::string_view a) {
  const auto& d = axis_directions[static_cast<std::size_t>(axis)];
  const auto same = [](std::string_view csv, std::string_view human) {
    if (csv.size() != human.size()) return false;
    for (std::size_t i = 0; i < csv.size(); ++i)
      if (!(csv[i] == human[i] || (csv[i] == '_' && human[i] == ' '))) return false;
    return true;
  };
  if (same(a, d.positive)) return Sense::positive;
  if (same(a, d.negative)) return Sense::negative;
  unmapped_muscle_vocabulary();
}

constexpr MuscleAction make_action(std::size_t i) {
  const MuscleRow& r = muscle_rows[i];
  MuscleAction a{};
  a.muscle = muscle_of(r.muscle);
  a.row = i;
  if (r.joint == "thoracolumbar") {
    a.site = ActionSite::thoracolumbar;
  } else if (r.joint == "ribs") {
    a.site = ActionSite::ribs;
  } else if (r.joint == "abdomen") {
    a.site = ActionSite::abdomen;
  } else {
    a.site = ActionSite::joint;
    const auto j = parse_joint(r.joint);
    if (!j) unmapped_muscle_vocabulary();
    a.joint = *j;
  }
  if (r.dof != "none") {
    const auto ax = parse_axis(r.dof);
    if (!ax) unmapped_muscle_vocabulary();
    a.axis = *ax;
  }
  a.kind = kind_of(r.action);
  switch (a.kind) {
    case ActionKind::direction:
      if (!a.axis) unmapped_muscle_vocabulary();
      a.sense = direction_sense(*a.axis, r.action);
      break;
    case ActionKind::rotation_contralateral:
      a.sense = Sense::negative;  // a right muscle turns the trunk to the left
      break;
    case ActionKind::lateral_flexion_ipsilateral:
    case ActionKind::rotation_ipsilateral:
    case ActionKind::pelvic_elevation_ipsilateral:
      a.sense = Sense::positive;  // a right muscle acts to the right
      break;
    default:
      a.sense = Sense::positive;  // unused: non-motion
      a.axis = std::nullopt;      // a non-motion action moves no axis, whatever the CSV dof says
      break;
  }
  a.role = role_of(r.role);
  a.laterality = laterality_of(r.laterality);
  a.source = r.source;
  a.provenance = provenance_of(r.tag);
  a.condition = condition_of(r.notes);
  a.action_name = r.action;
  a.notes = r.notes;
  return a;
}

constexpr auto make_muscle_actions() {
  std::array<MuscleAction, muscle_rows.size()> t{};
  for (std::size_t i = 0; i < t.size(); ++i) t[i] = make_action(i);
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

[[nodiscard]] constexpr std::size_t index(MuscleId m) noexcept { return static_cast<std::size_t>(m); }
[[nodiscard]] constexpr std::string_view to_string(MuscleId m) noexcept { return detail::muscle_names[index(m)]; }
[[nodiscard]] constexpr std::optional<MuscleId> parse_muscle(std::string_view s) noexcept {
  for (std::size_t i = 0; i < muscle_count; ++i)
    if (detail::muscle_names[i] == s) return static_cast<MuscleId>(i);
  return std::nullopt;
}

[[nodiscard]] constexpr std::string_view to_string(MuscleRole r) noexcept {
  return r == MuscleRole::prime ? "prime" : r == MuscleRole::assist ? "assist" : "stabiliser";
}

/// The sense of a motion action for a muscle on `muscle_side`: side-dependent
/// spinal actions flip for the left muscle; fixed directions do not.
[[nodiscard]] constexpr Sense sense_for(const MuscleAction& a, Side muscle_side) noexcept {
  if (a.side_dependent() && muscle_side == Side::left)
    return a.sense == Sense::positive ? Sense::negative : Sense::positive;
  return a.sense;
}

// Worked examples of the spinal sign rule (see the file comment).
static_assert(sense_for(muscle_actions[2], Side::left) == Sense::positive,
              "left external oblique rotates to the right");
static_assert(sense_for(muscle_actions[6], Side::right) == Sense::positive,
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
