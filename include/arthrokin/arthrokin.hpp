/// @file arthrokin.hpp
/// @brief Umbrella header: the whole header-only core.
#pragma once

#include <arthrokin/anatomy/muscle_length.hpp>
#include <arthrokin/anatomy/muscle_vocabulary.hpp>
#include <arthrokin/anatomy/muscles.hpp>
#include <arthrokin/angle.hpp>
#include <arthrokin/batch.hpp>
#include <arthrokin/check.hpp>
#include <arthrokin/composite.hpp>
#include <arthrokin/deficit.hpp>
#include <arthrokin/dof.hpp>
#include <arthrokin/ergonomics.hpp>
#include <arthrokin/exercise/exercise.hpp>
#include <arthrokin/exercise/monitor.hpp>
#include <arthrokin/functional.hpp>
#include <arthrokin/grades.hpp>
#include <arthrokin/joint.hpp>
#include <arthrokin/kinematics/calibration.hpp>
#include <arthrokin/kinematics/fitter.hpp>
#include <arthrokin/kinematics/forward.hpp>
#include <arthrokin/kinematics/joint_angles.hpp>
#include <arthrokin/kinematics/keypoints.hpp>
#include <arthrokin/kinematics/layout.hpp>
#include <arthrokin/kinematics/skeleton.hpp>
#include <arthrokin/limits.hpp>
#include <arthrokin/nearest.hpp>
#include <arthrokin/norms.hpp>
#include <arthrokin/pose.hpp>
#include <arthrokin/range.hpp>
#include <arthrokin/reference_vocabulary.hpp>
#include <arthrokin/region.hpp>
#include <arthrokin/two_joint.hpp>
#include <arthrokin/segment.hpp>
#include <arthrokin/side.hpp>
#include <arthrokin/sources.hpp>
