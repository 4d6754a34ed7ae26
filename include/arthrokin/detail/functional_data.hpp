// Functional range of motion: the angles published studies report for daily activities, transcribed by
// hand from the abstracts named in data/reference/SOURCES.md (keys Rowe00, Hemmerich06, Oosterwijk18,
// Namdari12). One row per (activity, DoF direction); [low, high] is the figure the source gives (low ==
// high for one figure, a span where the source gives one).
#pragma once

#include <arthrokin/dof.hpp>
#include <arthrokin/joint.hpp>
#include <arthrokin/reference_vocabulary.hpp>

#include <array>
#include <string_view>

namespace arthrokin {

/// What a functional figure is.
enum class FunctionalFigure : std::uint8_t {
  mean_peak,    ///< the mean over subjects of each one's peak angle during the activity
  peak_span,    ///< a span of peak angles over a group of activities (the source's summary)
  approximate,  ///< an approximate peak the source states in words ("approximately 135°")
  upper_value,  ///< the largest angle unimpaired people used in the activities ("up to 150°")
};

/// "mean_peak", "peak_span", "approximate", "upper_value".
[[nodiscard]] constexpr std::string_view to_string(FunctionalFigure f) noexcept {
  return f == FunctionalFigure::mean_peak     ? "mean_peak"
         : f == FunctionalFigure::peak_span   ? "peak_span"
         : f == FunctionalFigure::approximate ? "approximate"
                                              : "upper_value";
}

/// One angle a daily activity needs, in one direction of one joint axis (either side).
struct FunctionalRequirement {
  std::string_view activity;  ///< e.g. "getting into and out of a bath"
  Joint joint;
  Axis axis;
  Sense sense;      ///< the direction needed (e.g. knee flexion: positive)
  double low_deg;   ///< the angle (magnitude in that direction), degrees; the span's lower end
  double high_deg;  ///< the span's upper end (== low_deg for one figure)
  FunctionalFigure figure;
  std::string_view source;  ///< key in data/reference/SOURCES.md
  Tag tag;
  std::string_view note;
};

namespace detail {
inline constexpr FunctionalRequirement functional_rows[] = {
    {"stair negotiation and standard or low chairs", Joint::knee, Axis::flexion_extension, Sense::positive, 90, 120,
     FunctionalFigure::peak_span, "Rowe00", Tag::verified,
     "abstract: stairs and chairs need 90-120 degrees of knee flexion (20 elderly subjects, electrogoniometry)"},
    {"getting into and out of a bath", Joint::knee, Axis::flexion_extension, Sense::positive, 135, 135,
     FunctionalFigure::approximate, "Rowe00", Tag::verified,
     "abstract: a bath approximately 135 degrees of knee flexion"},
    {"squatting with heels up", Joint::knee, Axis::flexion_extension, Sense::positive, 157, 157,
     FunctionalFigure::mean_peak, "Hemmerich06", Tag::verified,
     "abstract: mean maximum knee flexion 157 +/- 6 degrees (30 healthy Indian subjects, mean age 48)"},
    {"squatting with heels flat", Joint::hip, Axis::flexion_extension, Sense::positive, 95, 95,
     FunctionalFigure::mean_peak, "Hemmerich06", Tag::verified,
     "abstract: mean maximum hip flexion up to 95 +/- 27 degrees; the large SD is the range between subjects"},
    {"personal care, eating and drinking", Joint::elbow, Axis::flexion_extension, Sense::positive, 150, 150,
     FunctionalFigure::upper_value, "Oosterwijk18", Tag::verified,
     "abstract (systematic review, 36 studies, 66 tasks): unimpaired participants used up to full elbow flexion (150)"},
    {"daily activities needing the arm raised", Joint::shoulder, Axis::flexion_extension, Sense::positive, 130, 130,
     FunctionalFigure::approximate, "Oosterwijk18", Tag::verified,
     "abstract: for shoulder flexion and abduction approximately 130 degrees was necessary"},
    {"daily activities needing the arm raised", Joint::shoulder, Axis::abduction_adduction, Sense::negative, 130, 130,
     FunctionalFigure::approximate, "Oosterwijk18", Tag::verified,
     "abstract: for shoulder flexion and abduction approximately 130 degrees was necessary"},
    {"the functional tasks of the ASES, SST and Penn shoulder scores", Joint::shoulder, Axis::flexion_extension,
     Sense::positive, 121, 121, FunctionalFigure::mean_peak, "Namdari12", Tag::verified,
     "abstract: flexion 121 +/- 6.7 degrees (40 shoulders of 20 volunteers, electromagnetic tracking)"},
    {"the functional tasks of the ASES, SST and Penn shoulder scores", Joint::shoulder, Axis::flexion_extension,
     Sense::negative, 46, 46, FunctionalFigure::mean_peak, "Namdari12", Tag::verified,
     "abstract: extension 46 +/- 5.3 degrees"},
    {"the functional tasks of the ASES, SST and Penn shoulder scores", Joint::shoulder, Axis::abduction_adduction,
     Sense::negative, 128, 128, FunctionalFigure::mean_peak, "Namdari12", Tag::verified,
     "abstract: abduction 128 +/- 7.9 degrees"},
    // Not taken: the abstract's cross-body adduction 116 +/- 9.1 degrees (its zero is not said, and may not be
    // the zero of arthrokin's horizontal adduction DoF) and its rotations (cut off in the text read).
};
}  // namespace detail

}  // namespace arthrokin
