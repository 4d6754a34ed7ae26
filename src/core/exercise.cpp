// The exercise layer of the compiled library (config.hpp): the built-in exercise and `Monitor`.
#ifdef ARTHROKIN_HEADER_ONLY
#error "src/core is the compiled library: build it without ARTHROKIN_HEADER_ONLY"
#endif

#include <arthrokin/detail/exercise-inl.hpp>
#include <arthrokin/detail/monitor-inl.hpp>
