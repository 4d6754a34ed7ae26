// The main demo: check a few hand-built poses against the default normal ranges
// and against a chosen source, and print the reports.
#include <arthrokin/arthrokin.hpp>

#include <iostream>

int main() {
  using namespace arthrokin;
  using namespace arthrokin::literals;

  const Limits normal = Limits::defaults();

  std::cout << "== 1. A deep squat (both knees 120 deg, hips 110 deg, ankles 25 deg dorsiflexion)\n";
  Pose squat;
  for (Side s : {Side::left, Side::right}) {
    squat.set(*find_dof(Joint::knee, Axis::flexion_extension, s), 120_deg);
    squat.set(*find_dof(Joint::hip, Axis::flexion_extension, s), 110_deg);
    squat.set(*find_dof(Joint::ankle, Axis::dorsiflexion_plantarflexion, s), 25_deg);
  }
  std::cout << describe(check(squat, normal)) << "\n";

  std::cout << "== 2. A hip rotated inwards 52 deg, checked against AAOS (edition not identified)\n";
  const Limits aaos = Limits::from_source("AAOS");
  Pose hip;
  hip.set(DofId::left_hip_internal_external_rotation, 52_deg);
  std::cout << describe(check(hip, aaos)) << "\n";

  std::cout << "== 3. The same hip for a patient after hip surgery (override), with a 3 deg tolerance\n";
  Limits patient = Limits::defaults();
  patient.override_dof(DofId::left_hip_internal_external_rotation, -20_deg, 15_deg, "after hip arthroplasty")
      .with_tolerance(3_deg);
  std::cout << describe(check(hip, patient)) << "\n";

  std::cout << "== 4. Trunk twist: thoracic 40 deg + lumbar 7 deg to the right, AAOS 1965 thoracolumbar 45 deg\n";
  Pose twist;
  twist.set(DofId::thoracic_axial_rotation, 40_deg).set(DofId::lumbar_axial_rotation, 7_deg);
  const Limits aaos65 = Limits::from_source("AAOS65"), va = Limits::from_source("VA");
  std::cout << describe(check(twist, aaos65));
  std::cout << "   ...and with the VA normal (30 deg):\n";
  std::cout << describe(check(twist, va)) << "\n";

  std::cout << "== 5. The rocking stretch's upper-hip band (the exercise's claim, no published norm)\n";
  Limits band = Limits::defaults();
  band.add(composite_limit("hip_adduction_plus_internal_rotation", "Seed", Side::left));
  Pose rock;
  rock.set(DofId::left_hip_abduction_adduction, 20_deg).set(DofId::left_hip_internal_external_rotation, 30_deg);
  std::cout << describe(check(rock, band));
  return 0;
}
