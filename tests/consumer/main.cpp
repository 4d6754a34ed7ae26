// A consumer of the installed / added package: builds against arthrokin::arthrokin
// and checks one hand-built pose (hip internal rotation beyond every hip norm).
#include <arthrokin/arthrokin.hpp>

#include <cstdio>

int main() {
  using namespace arthrokin::literals;
  arthrokin::Pose pose;
  pose.set(arthrokin::DofId::left_hip_internal_external_rotation, 80_deg);
  const auto limits = arthrokin::Limits::defaults();  // a Report refers to its limits: keep them alive
  const auto report = arthrokin::check(pose, limits);
  std::printf("%s\n", report.overall == arthrokin::Verdict::out_of_range ? "flagged" : "missed");
  return report.overall == arthrokin::Verdict::out_of_range ? 0 : 1;
}
