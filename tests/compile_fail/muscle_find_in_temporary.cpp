// Must not compile: find() returns a pointer into its list; a temporary report's list would dangle.
#include <arthrokin/anatomy/muscle_length.hpp>
double f(const arthrokin::Pose& pose) {
  const arthrokin::MuscleLoad* l = arthrokin::find(arthrokin::muscle_lengths(pose).lengthened,
                                                   {arthrokin::MuscleId::piriformis, arthrokin::Side::left});
  return l ? l->score_rad : 0.0;
}
