/// @file config.hpp
/// @brief Compiled or header-only (docs/compile-time.md).
///
/// By default the public headers only declare the heavy functions (joint angles,
/// keypoints, the forward model, the batch kernel, `check`, `Monitor`, muscle
/// lengths, ...): their definitions are compiled once into the library
/// `arthrokin::arthrokin`, so that a translation unit that includes
/// <arthrokin/arthrokin.hpp> costs little more than Eigen and Boost.Units do.
///
/// Define `ARTHROKIN_HEADER_ONLY` (CMake: link `arthrokin::header_only`) to get the
/// definitions inline from the headers instead (each header includes its
/// `detail/*-inl.hpp`), with no library to link, as {fmt}'s `FMT_HEADER_ONLY`.
/// Use one mode per program: the two give the same functions, once out of line and
/// once inline.
#pragma once

#ifdef ARTHROKIN_HEADER_ONLY
/// How the `detail/*-inl.hpp` files define the functions the headers declare:
/// `inline` in header-only mode, out of line (in the library) otherwise.
#define ARTHROKIN_FUNC inline
#else
#define ARTHROKIN_FUNC
#endif
