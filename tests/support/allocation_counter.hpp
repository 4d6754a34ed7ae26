// Replaces the global operator new/delete and counts every allocation, so that a test can
// assert that a per-frame path allocates nothing. Include it in exactly one translation unit
// of a test executable (every tests/*_test.cpp is its own executable).
#pragma once

#include <atomic>
#include <cstdlib>
#include <new>

// The replacements pair malloc with free correctly; GCC 12 cannot see that through the
// replaced operators and warns under some optimisation/sanitizer settings.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace test_support {
inline std::atomic<long> allocation_count{0};
}  // namespace test_support

void* operator new(std::size_t n) {
  ++test_support::allocation_count;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return ::operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
// The nothrow forms too (std::stable_sort's temporary buffer uses them): else they come from the
// runtime (ASan's) while their delete is the replacement above, an alloc-dealloc mismatch.
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  ++test_support::allocation_count;
  return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return ::operator new(n, t); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
