/// @file error.hpp
/// @brief Error policy: bad user input at the API entry throws
///        `arthrokin::invalid_argument` (or `parse_error` for files) with a
///        precise message; programming errors hit `ARTHROKIN_ASSERT`.
#pragma once

#include <cassert>
#include <stdexcept>
#include <string>

#ifndef ARTHROKIN_ASSERT
/// Overridable assertion for internal invariants (defaults to `assert`).
#define ARTHROKIN_ASSERT(cond, msg) assert((cond) && (msg))
#endif

namespace arthrokin {

/// Bad argument given to a public function: NaN, infinity, wrong size, unknown name.
class invalid_argument : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// A malformed file or document; the message names the file, line and field.
class parse_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace detail {
[[noreturn, gnu::cold]] inline void raise(const std::string& msg) { throw invalid_argument(msg); }
}  // namespace detail

}  // namespace arthrokin
