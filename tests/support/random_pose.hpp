// A random pose inside the normal ranges, for the kinematics round trips. The shoulder is drawn
// as elevation e in [15°, 165°] and plane pe in [-40°, 130°] (flexion = e sin pe, adduction =
// -e cos pe), away from its singularities. spine = false keeps thoracic and lumbar at zero (for
// layouts that see the spine only through the trunk line).
#pragma once

#include <arthrokin/pose.hpp>

#include <cmath>
#include <random>

namespace test_support {

inline arthrokin::Pose random_pose(std::mt19937& rng, bool spine = true, double elbow_min_deg = 0.0) {
  using namespace arthrokin;
  auto U = [&](double lo, double hi) { return deg_to_rad(std::uniform_real_distribution<double>(lo, hi)(rng)); };
  Pose p;
  for (DofId d :
       {DofId::cervical_flexion_extension, DofId::thoracic_flexion_extension, DofId::lumbar_flexion_extension})
    p.set(d, radians(spine || d == DofId::cervical_flexion_extension ? U(-20, 40) : 0.0));
  for (DofId d : {DofId::cervical_lateral_flexion, DofId::thoracic_lateral_flexion, DofId::lumbar_lateral_flexion})
    p.set(d, radians(spine || d == DofId::cervical_lateral_flexion ? U(-25, 25) : 0.0));
  for (DofId d : {DofId::cervical_axial_rotation, DofId::thoracic_axial_rotation, DofId::lumbar_axial_rotation})
    p.set(d, radians(spine || d == DofId::cervical_axial_rotation ? U(-30, 30) : 0.0));
  for (const bool left : {true, false}) {
    auto sd = [&](DofId r) { return left ? mirror(r) : r; };
    const double e = U(15, 165), pe = U(-40, 130);
    p.set(sd(DofId::right_shoulder_flexion_extension), radians(e * std::sin(pe)));
    p.set(sd(DofId::right_shoulder_abduction_adduction), radians(-e * std::cos(pe)));
    p.set(sd(DofId::right_shoulder_internal_external_rotation), radians(U(-80, 70)));
    p.set(sd(DofId::right_elbow_flexion_extension), radians(U(elbow_min_deg, 140)));
    p.set(sd(DofId::right_forearm_pronation_supination), radians(U(-80, 80)));
    p.set(sd(DofId::right_wrist_flexion_extension), radians(U(-60, 70)));
    p.set(sd(DofId::right_wrist_radial_ulnar_deviation), radians(U(-20, 30)));
    p.set(sd(DofId::right_hip_flexion_extension), radians(U(-20, 110)));
    p.set(sd(DofId::right_hip_abduction_adduction), radians(U(-40, 25)));
    p.set(sd(DofId::right_hip_internal_external_rotation), radians(U(-40, 35)));
    p.set(sd(DofId::right_knee_flexion_extension), radians(U(0, 135)));
    p.set(sd(DofId::right_knee_internal_external_rotation), radians(U(-20, 20)));
    p.set(sd(DofId::right_ankle_dorsiflexion_plantarflexion), radians(U(-45, 20)));
    p.set(sd(DofId::right_subtalar_inversion_eversion), radians(U(-20, 30)));
  }
  return p;
}

}  // namespace test_support
