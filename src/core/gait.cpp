// Gait against normative curves (gait.hpp) in the compiled library (config.hpp): cycles, the 51-point
// normalisation, GVS/GPS, the knee-in-stance finding and the kinematic contact detector.
#ifdef ARTHROKIN_HEADER_ONLY
#error "src/core is the compiled library: build it without ARTHROKIN_HEADER_ONLY"
#endif

#include <arthrokin/detail/gait-inl.hpp>
