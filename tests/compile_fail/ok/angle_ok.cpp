// Positive control for the compile-fail tests: the same calls, spelled with units, compile.
#include <arthrokin/angle.hpp>
#include <arthrokin/pose.hpp>
using namespace arthrokin::literals;
void takes_angle(arthrokin::Angle) {}
void f() {
  takes_angle(1.0_rad);
  takes_angle(arthrokin::degrees(30.0));
  arthrokin::Pose p;
  p.set(arthrokin::DofId::left_hip_flexion_extension, 0.5_rad);
}
