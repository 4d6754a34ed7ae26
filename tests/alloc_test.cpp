// The per-frame check path allocates nothing (global operator new is counted).
#include <arthrokin/check.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "support/allocation_counter.hpp"

using namespace arthrokin;
using namespace arthrokin::literals;

TEST(Alloc, CounterSeesAnAllocation) {
  const long before = test_support::allocation_count;
  void* v = ::operator new(16);  // a direct call: not elidable like a new-expression
  ::operator delete(v);
  EXPECT_GT(test_support::allocation_count.load(), before);
}

TEST(Alloc, CheckIntoAReportAllocatesNothing) {
  auto L = Limits::defaults();
  L.add(composite_limit("hip_adduction_plus_internal_rotation", "Seed", Side::left));
  Pose p;
  for (DofId d : all_dofs) p.set(d, 20_deg);
  Report r;
  const long before = test_support::allocation_count;
  for (int i = 0; i < 1000; ++i) {
    p.set(DofId::left_hip_internal_external_rotation, degrees(i % 90));
    check(p, L, r);
  }
  EXPECT_EQ(test_support::allocation_count.load(), before);
  EXPECT_EQ(r.composite_count, L.composite_count());
}
