// Positive control for the lifetime compile-fail tests: the same calls with named objects compile,
// and so do the forms that are safe with temporaries (a modified temporary Limits stored by value,
// a BatchChecker, which copies what it needs).
#include <arthrokin/anatomy/muscle_length.hpp>
#include <arthrokin/batch.hpp>
#include <arthrokin/check.hpp>
#include <arthrokin/exercise/monitor.hpp>
using namespace arthrokin::literals;
double f(const arthrokin::Pose& pose, arthrokin::Report& out) {
  const auto limits = arthrokin::Limits::defaults();
  const arthrokin::Report r = arthrokin::check(pose, limits);
  arthrokin::check(pose, limits, out);
  const auto tolerant = arthrokin::Limits::defaults().with_tolerance(2_deg);
  const arthrokin::Report t = arthrokin::check(pose, tolerant);
  const arthrokin::BatchChecker k(arthrokin::Limits::defaults().with_tolerance(2_deg));
  const auto exercise = arthrokin::lumbar_spine_rocking_stretch();
  arthrokin::Monitor m(exercise);
  const auto report = arthrokin::muscle_lengths(pose);
  const arthrokin::MuscleLoad* l =
      arthrokin::find(report.lengthened, {arthrokin::MuscleId::piriformis, arthrokin::Side::left});
  return (l ? l->score_rad : 0.0) + static_cast<double>(r.unknown_count + t.unknown_count + m.repetitions()) +
         static_cast<double>(k.kernel_name().size());
}
