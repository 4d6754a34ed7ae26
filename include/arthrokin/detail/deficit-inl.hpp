/// @file deficit-inl.hpp
/// @brief Definitions of deficit.hpp (deficit against the norm, asymmetry, their sentences): compiled
///        once into the library (src/core/range.cpp), or included by the header in header-only mode.
#pragma once

#include <arthrokin/check.hpp>
#include <arthrokin/deficit.hpp>

#include <cmath>
#include <string>

namespace arthrokin {

namespace detail {
inline double sense_sign(Sense s) noexcept { return s == Sense::positive ? 1.0 : -1.0; }

/// The mean row of the person's group for (joint, axis, sense), or nullptr.
inline const AgeSexNorm* find_mean(DofId d, Sense s, int age, Sex sex) noexcept {
  for (const AgeSexNorm* n : find_age_sex_norms(age, sex, joint_of(d))) {
    if (n->axis != axis_of(d) || n->sense != s) continue;
    if (sex == Sex::both && n->sex != Sex::both) continue;  // sex not given: only rows for both sexes
    return n;
  }
  return nullptr;
}

inline EndDeficit end_deficit(const DofRange& r, Sense s, const Limits& limits, const DeficitOptions& o) {
  EndDeficit e;
  e.motion = DofMotion{r.dof, s};
  e.reached = reached_end(r, s, o.ends);
  if (!limits.active(r.dof)) return e;
  if (o.age)
    if (const AgeSexNorm* m = find_mean(r.dof, s, *o.age, o.sex)) {
      e.kind = NormKind::age_sex_mean;
      e.mean = m;
      e.normal = sense_sign(s) * deg_to_rad(m->mean_deg);
    }
  if (e.kind == NormKind::none) {
    const Bound& b = s == Sense::positive ? limits[r.dof].upper : limits[r.dof].lower;
    if (b.has_value()) {
      e.kind = NormKind::limit;
      e.bound = b;
      e.normal = b.radians;
    }
  }
  if (e.kind == NormKind::none) return e;
  e.shortfall = sense_sign(s) * (e.normal - e.reached);
  if (e.normal != 0) e.percent = e.shortfall / std::abs(e.normal) * 100.0;
  return e;
}

/// "(38 CFR 4.71a)", or for a mean "(mean of men aged 20-44, Soucie et al. 2011) [secondary source]".
inline std::string cite(const EndDeficit& e) {
  if (e.kind == NormKind::limit) return describe(e.bound);
  const AgeSexNorm& m = *e.mean;
  std::string s = "(mean of ";
  s.append(m.sex == Sex::female ? "women" : m.sex == Sex::male ? "men" : "people");
  s.append(" aged ").append(std::to_string(m.age_min));
  if (m.age_max >= 0)
    s.append("-").append(std::to_string(m.age_max));
  else
    s.append(" and over");
  s.append(", ").append(short_citation(m.source)).append(")").append(tag_note(m.tag));
  return s;
}

/// "92°", or for an end on the other side of neutral "12° flexion" (`opposite`: the other direction's name).
inline std::string reached_text(double shown_rad, std::string_view opposite) {
  if (shown_rad < 0) return format_degrees(rad_to_deg(-shown_rad)) + " " + std::string(opposite);
  return format_degrees(rad_to_deg(shown_rad));
}
}  // namespace detail

ARTHROKIN_FUNC double reached_end(const DofRange& r, Sense s, RangeEnds ends) noexcept {
  if (ends == RangeEnds::robust) return s == Sense::positive ? r.robust_high : r.robust_low;
  return s == Sense::positive ? r.max : r.min;
}

ARTHROKIN_FUNC DofDeficit deficit(const DofRange& range, const Limits& limits, const DeficitOptions& options) {
  if (options.age && (*options.age < 0 || *options.age > 120))
    detail::raise("deficit: age must be 0 to 120 years, got " + std::to_string(*options.age));
  DofDeficit d;
  d.dof = range.dof;
  d.negative = detail::end_deficit(range, Sense::negative, limits, options);
  d.positive = detail::end_deficit(range, Sense::positive, limits, options);
  return d;
}

ARTHROKIN_FUNC Asymmetry asymmetry(const DofRange& involved, const DofRange& uninvolved, Sense sense, RangeEnds ends) {
  if (side_of(involved.dof) == Side::none || mirror(involved.dof) != uninvolved.dof)
    detail::raise("asymmetry: " + std::string(to_string(involved.dof)) + " and " +
                  std::string(to_string(uninvolved.dof)) + " are not the two sides of a limb DoF");
  const double s = detail::sense_sign(sense);
  Asymmetry a;
  a.involved = DofMotion{involved.dof, sense};
  a.involved_reached = reached_end(involved, sense, ends);
  a.uninvolved_reached = reached_end(uninvolved, sense, ends);
  a.difference = s * (a.uninvolved_reached - a.involved_reached);
  const double i = s * a.involved_reached, u = s * a.uninvolved_reached;
  if (u > 0 && i >= 0) a.lsi = i / u * 100.0;
  const double ai = ends == RangeEnds::robust ? involved.robust_arc() : involved.arc();
  const double au = ends == RangeEnds::robust ? uninvolved.robust_arc() : uninvolved.arc();
  if (au > 0) a.arc_lsi = ai / au * 100.0;
  return a;
}

ARTHROKIN_FUNC std::string describe(const EndDeficit& e, std::optional<Angle> other_side) {
  const DofId d = e.motion.dof;
  const double s = detail::sense_sign(e.motion.sense);
  const auto& dirs = axis_directions[static_cast<std::size_t>(axis_of(d))];
  const std::string_view other_dir = e.motion.sense == Sense::positive ? dirs.negative : dirs.positive;
  std::string out = display_name(e.motion);
  if (e.reached != e.reached) return out + ": not observed";
  const double shown = s * e.reached;
  out.append(shown < 0 ? " stopped at " : " reached ").append(detail::reached_text(shown, other_dir));
  if (e.kind == NormKind::none) {
    out.append("; no normal end in the reference");
  } else {
    const std::string noun = e.kind == NormKind::age_sex_mean ? "mean" : "normal";
    const std::string normal = format_degrees(rad_to_deg(s * e.normal));
    const std::string by = format_degrees(rad_to_deg(std::abs(e.shortfall)));
    if (by == format_degrees(0.0)) {
      out.append(", the ").append(noun).append(" ").append(normal);
    } else {
      out.append(", ").append(by);
      if (e.percent == e.percent)
        out.append(" (").append(detail::format_number("%.0f", std::abs(e.percent))).append(" %)");
      out.append(e.shortfall > 0 ? " short of the " : " beyond the ").append(noun).append(" ").append(normal);
    }
    out.append(" ").append(detail::cite(e));
  }
  if (other_side && side_of(d) != Side::none) {
    const double o = s * to_radians(*other_side);
    if (o == o) {
      out.append("; the ").append(to_string(opposite(side_of(d)))).append(" ").append(to_string(joint_of(d)));
      out.append(o < 0 ? " stopped at " : " reached ").append(detail::reached_text(o, other_dir));
    }
  }
  return out;
}

ARTHROKIN_FUNC std::string describe(const Asymmetry& a) {
  const DofId d = a.involved.dof;
  const double s = detail::sense_sign(a.involved.sense);
  const auto& dirs = axis_directions[static_cast<std::size_t>(axis_of(d))];
  const std::string_view other_dir = a.involved.sense == Sense::positive ? dirs.negative : dirs.positive;
  std::string out = display_name(a.involved);
  if (a.involved_reached != a.involved_reached || a.uninvolved_reached != a.uninvolved_reached)
    return out + ": asymmetry unknown (a side was not observed)";
  const std::string other(to_string(opposite(side_of(d))));
  out.append(" reached ").append(detail::reached_text(s * a.involved_reached, other_dir));
  out.append(" against ").append(detail::reached_text(s * a.uninvolved_reached, other_dir)).append(" on the ");
  out.append(other).append(": ");
  const std::string by = format_degrees(rad_to_deg(std::abs(a.difference)));
  if (by == format_degrees(0.0))
    out.append("the same");
  else
    out.append(by).append(a.difference > 0 ? " less" : " more");
  if (a.lsi == a.lsi) out.append(", LSI ").append(detail::format_number("%.0f", a.lsi)).append(" %");
  return out.append(" (").append(to_string(side_of(d))).append(" involved)");
}

}  // namespace arthrokin
