// The skeleton fitter of the compiled library (config.hpp): kinematics/fitter.hpp.
#ifdef ARTHROKIN_HEADER_ONLY
#error "src/core is the compiled library: build it without ARTHROKIN_HEADER_ONLY"
#endif

#include <arthrokin/detail/fitter-inl.hpp>
