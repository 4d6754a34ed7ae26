// The assessment layer of the compiled library (config.hpp): the range accumulator, the deficit
// against the norm, the asymmetry and their sentences.
#ifdef ARTHROKIN_HEADER_ONLY
#error "src/core is the compiled library: build it without ARTHROKIN_HEADER_ONLY"
#endif

#include <arthrokin/detail/deficit-inl.hpp>
#include <arthrokin/detail/functional-inl.hpp>
#include <arthrokin/detail/grades-inl.hpp>
#include <arthrokin/detail/range-inl.hpp>
