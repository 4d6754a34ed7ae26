// The DoF names of the compiled library (config.hpp): display names and the parser of DoF and
// direction names.
#ifdef ARTHROKIN_HEADER_ONLY
#error "src/core is the compiled library: build it without ARTHROKIN_HEADER_ONLY"
#endif

#include <arthrokin/detail/dof-inl.hpp>
