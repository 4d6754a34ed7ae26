// Per-frame joint_angles and keypoint_angles allocate nothing: global operator new is
// replaced by a counting one for this executable.
#include <arthrokin/kinematics/keypoints.hpp>
#include <arthrokin/kinematics/skeleton.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

namespace {
std::atomic<long> g_allocs{0};
}
void* operator new(std::size_t n) {
  ++g_allocs;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

using namespace arthrokin;

TEST(KinematicsAlloc, PerFrameCallsDoNotAllocate) {
  Pose p;
  p.set(DofId::left_knee_flexion_extension, radians(0.7));
  p.set(DofId::right_elbow_flexion_extension, radians(1.1));
  const auto seg = segment_orientations(p);
  const auto kp = synthesize_keypoints(Layout::blazepose33, skeleton_from_height(1.7), p);
  const std::vector<double> vis(33, 0.95);
  AngleUnwrapper unwrap;
  const long before = g_allocs.load();
  double sink = 0;
  for (int i = 0; i < 100; ++i) {
    auto a = joint_angles(seg);
    unwrap(a);
    auto b = keypoint_angles({Layout::blazepose33, kp, vis});
    sink += static_cast<double>(a.pose.observed_count() + b.pose.observed_count());
  }
  EXPECT_EQ(g_allocs.load() - before, 0);
  // the counter works
  const long c = g_allocs.load();
  auto* v = new std::vector<int>(10);
  EXPECT_GT(g_allocs.load(), c);
  delete v;
  EXPECT_GT(sink, 0);
}
