// Must not compile: a raw double where an Angle is expected.
#include <arthrokin/angle.hpp>
void takes_angle(arthrokin::Angle) {}
void f() { takes_angle(1.0); }
