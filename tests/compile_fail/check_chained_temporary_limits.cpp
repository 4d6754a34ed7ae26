// Must not compile: a modifier called on a temporary Limits returns a temporary, which check() refuses
// (it used to return Limits&, which silently bound the report to the dying temporary).
#include <arthrokin/check.hpp>
using namespace arthrokin::literals;
void f(const arthrokin::Pose& pose) {
  const arthrokin::Report r = arthrokin::check(pose, arthrokin::Limits::defaults().with_tolerance(2_deg));
  (void)r;
}
