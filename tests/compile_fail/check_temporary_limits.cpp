// Must not compile: a Report keeps a pointer to its Limits; a temporary dies at the end of the statement
// and describe(r) would read it after its scope (issue 11.1). Positive control: ok/lifetime_ok.cpp.
#include <arthrokin/check.hpp>
void f(const arthrokin::Pose& pose) {
  const arthrokin::Report r = arthrokin::check(pose, arthrokin::Limits::defaults());
  (void)r;
}
