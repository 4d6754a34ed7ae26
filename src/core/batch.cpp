// The batch layer of the compiled library (config.hpp): the batch range-check kernels (one
// per instruction set, chosen at run time), the ±∞ scan, the thread split and the batch
// angle functions.
#ifdef ARTHROKIN_HEADER_ONLY
#error "src/core is the compiled library: build it without ARTHROKIN_HEADER_ONLY"
#endif

#include <arthrokin/detail/batch-inl.hpp>
