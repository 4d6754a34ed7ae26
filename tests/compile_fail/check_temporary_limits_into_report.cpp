// Must not compile: the out-parameter form of check() with a temporary Limits (the report would dangle).
#include <arthrokin/check.hpp>
void f(const arthrokin::Pose& pose, arthrokin::Report& out) {
  arthrokin::check(pose, arthrokin::Limits::defaults(), out);
}
