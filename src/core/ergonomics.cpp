// The ergonomic scores of the compiled library (config.hpp): REBA.
#ifdef ARTHROKIN_HEADER_ONLY
#error "src/core is the compiled library: build it without ARTHROKIN_HEADER_ONLY"
#endif

#include <arthrokin/detail/ergonomics-inl.hpp>
