// Must not compile: a length where an Angle is expected.
#include <arthrokin/angle.hpp>
#include <boost/units/systems/si/length.hpp>
void takes_angle(arthrokin::Angle) {}
void f() { takes_angle(2.0 * boost::units::si::meters); }
