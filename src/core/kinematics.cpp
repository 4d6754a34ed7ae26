// The kinematics layer of the compiled library (config.hpp): segment rotations,
// joint angles, the forward model, keypoints and the skeleton.
#ifdef ARTHROKIN_HEADER_ONLY
#error "src/core is the compiled library: build it without ARTHROKIN_HEADER_ONLY"
#endif

#include <arthrokin/detail/calibration-inl.hpp>
#include <arthrokin/detail/forward-inl.hpp>
#include <arthrokin/detail/inclination-inl.hpp>
#include <arthrokin/detail/joint_angles-inl.hpp>
#include <arthrokin/detail/keypoints-inl.hpp>
#include <arthrokin/detail/segment-inl.hpp>
#include <arthrokin/detail/skeleton-inl.hpp>
