// The per-frame check path allocates nothing (global operator new is counted).
#include <arthrokin/check.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

// The replacements below pair malloc with free correctly; GCC 12 cannot see that through
// the replaced operators and warns under some optimisation/sanitizer settings.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace {
std::atomic<long> allocations{0};
}
void* operator new(std::size_t n) {
  ++allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return ::operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

using namespace arthrokin;
using namespace arthrokin::literals;

TEST(Alloc, CounterSeesAnAllocation) {
  const long before = allocations;
  void* v = ::operator new(16);  // a direct call: not elidable like a new-expression
  ::operator delete(v);
  EXPECT_GT(allocations.load(), before);
}

TEST(Alloc, CheckIntoAReportAllocatesNothing) {
  auto L = Limits::defaults();
  L.add(composite_limit("hip_adduction_plus_internal_rotation", "Seed", Side::left));
  Pose p;
  for (DofId d : all_dofs) p.set(d, 20_deg);
  Report r;
  const long before = allocations;
  for (int i = 0; i < 1000; ++i) {
    p.set(DofId::left_hip_internal_external_rotation, degrees(i % 90));
    check(p, L, r);
  }
  EXPECT_EQ(allocations.load(), before);
  EXPECT_EQ(r.composite_count, L.composite_count());
}
