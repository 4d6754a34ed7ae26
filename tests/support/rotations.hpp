// Degrees and elementary rotations for kinematics tests.
#pragma once

#include <Eigen/Geometry>

namespace test_support {

inline constexpr double kPi = 3.14159265358979323846;
/// Radians of `d` degrees (plain arithmetic: independent of the library's conversion).
inline double deg(double d) { return d * kPi / 180.0; }
/// Degrees of `r` radians.
inline double in_deg(double r) { return r * 180.0 / kPi; }
inline Eigen::Matrix3d Rx(double a) { return Eigen::AngleAxisd(a, Eigen::Vector3d::UnitX()).toRotationMatrix(); }
inline Eigen::Matrix3d Ry(double a) { return Eigen::AngleAxisd(a, Eigen::Vector3d::UnitY()).toRotationMatrix(); }
inline Eigen::Matrix3d Rz(double a) { return Eigen::AngleAxisd(a, Eigen::Vector3d::UnitZ()).toRotationMatrix(); }

}  // namespace test_support
