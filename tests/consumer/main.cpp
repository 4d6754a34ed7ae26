// A consumer of the installed / added package. It builds against arthrokin::arthrokin (the
// compiled library) or arthrokin::header_only (tests/CMakeLists.txt) and calls a function of
// each part the library compiles, so that a definition missing from either mode fails to link:
// one hand-built pose (hip internal rotation beyond every hip norm) checked and described, the
// batch check, the forward model and the angles back from rotations and from keypoints,
// muscle lengths and the exercise monitor.
#include <arthrokin/arthrokin.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <span>

int main() {
  using namespace arthrokin;
  using namespace arthrokin::literals;
  Pose pose;
  pose.set(DofId::left_hip_internal_external_rotation, 80_deg);
  pose.set(DofId::left_knee_flexion_extension, 60_deg);
  const auto limits = Limits::defaults();  // a Report refers to its limits: keep them alive
  const auto report = check(pose, limits);
  bool ok = report.overall == Verdict::out_of_range && !describe(report).empty();

  std::uint8_t verdict = 0;
  BatchCounts counts;
  check_batch(limits, std::span<const double>(pose.as_radians().data(), dof_count), std::span(&verdict, 1), counts);
  ok = ok && counts.count(Verdict::out_of_range) == 1;

  const auto knee = [](const JointAngles& a) { return to_radians(*a.pose.get(DofId::left_knee_flexion_extension)); };
  const double knee_rad = to_radians(60_deg);
  ok = ok && std::abs(knee(joint_angles(segment_orientations(pose))) - knee_rad) < 1e-9;
  const auto xyz = synthesize_keypoints(Layout::blazepose33, skeleton_from_height(1.75), pose);
  ok = ok && std::abs(knee(keypoint_angles({Layout::blazepose33, xyz})) - knee_rad) < 1e-6;

  ok = ok && !muscle_lengths(pose).lengthened.empty();
  const Exercise exercise = lumbar_spine_rocking_stretch();
  Monitor monitor(exercise);
  (void)monitor.update(0.0, pose);
  ok = ok && monitor.frames() == 1;

  std::printf("%s\n", ok ? "flagged" : "missed");
  return ok ? 0 : 1;
}
