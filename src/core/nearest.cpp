// The nearest valid pose of the compiled library (config.hpp): `nearest_valid_pose`.
#ifdef ARTHROKIN_HEADER_ONLY
#error "src/core is the compiled library: build it without ARTHROKIN_HEADER_ONLY"
#endif

#include <arthrokin/detail/nearest-inl.hpp>
