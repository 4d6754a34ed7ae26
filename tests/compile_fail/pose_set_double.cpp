// Must not compile: Pose::set with a raw double instead of an Angle.
#include <arthrokin/pose.hpp>
void f() {
  arthrokin::Pose p;
  p.set(arthrokin::DofId::left_hip_flexion_extension, 0.5);
}
