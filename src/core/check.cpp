// The checking layer of the compiled library (config.hpp): composite limits, `Limits`,
// `check` and its sentences.
#ifdef ARTHROKIN_HEADER_ONLY
#error "src/core is the compiled library: build it without ARTHROKIN_HEADER_ONLY"
#endif

#include <arthrokin/detail/check-inl.hpp>
#include <arthrokin/detail/composite-inl.hpp>
#include <arthrokin/detail/limits-inl.hpp>
#include <arthrokin/detail/region-inl.hpp>
