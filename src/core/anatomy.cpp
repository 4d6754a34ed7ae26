// The muscle layer of the compiled library (config.hpp): motion names and muscle lengths.
#ifdef ARTHROKIN_HEADER_ONLY
#error "src/core is the compiled library: build it without ARTHROKIN_HEADER_ONLY"
#endif

#include <arthrokin/detail/muscle_length-inl.hpp>
#include <arthrokin/detail/muscles-inl.hpp>
