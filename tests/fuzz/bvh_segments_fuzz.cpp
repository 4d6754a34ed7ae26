// libFuzzer target: BVH segment binding with user mappings (bvh_segments.hpp): body axes,
// bind_bvh, segment orientations in both position modes, proximal/distal points, joint
// angles (docs/fuzzing.md).
//
// Input: optional mapping lines, then BVH text. A mapping line starts with '@':
//   @<segment>=<frame joints>|<proximal joints>|<distal joints>   (names comma-separated)
//   @-<segment>                                                  (drop the segment's rule)
//   @add                                                         (position mode add_to_offset)
// e.g. "@left_thigh=LeftHip|LeftHip|LeftKnee". The first non-'@' line starts the BVH text.
// Contract: parse_bvh returns or throws parse_error / invalid_argument; nothing after it
// throws; every known segment orientation is a finite unit quaternion, except a degenerate
// one (present, frame undetermined), whose rotation is NaN; every angle is finite (or unknown)
// and within ±π.
#include "fuzz_util.hpp"

#include <arthrokin/io/bvh.hpp>
#include <arthrokin/io/bvh_angles.hpp>
#include <arthrokin/io/bvh_segments.hpp>

#include <cstddef>
#include <cstdint>
#include <numbers>
#include <string>
#include <string_view>
#include <vector>

namespace {

std::vector<std::string> names(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    const auto c = s.find(',');
    out.emplace_back(s.substr(0, c));
    if (c == std::string_view::npos) break;
    s.remove_prefix(c + 1);
  }
  return out;
}

std::optional<arthrokin::Segment> segment_named(std::string_view s) {
  for (std::size_t i = 0; i < arthrokin::segment_count; ++i)
    if (arthrokin::segment_names[i] == s) return static_cast<arthrokin::Segment>(i);
  return std::nullopt;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  arthrokin::io::BvhMapping mapping = arthrokin::io::cmu_mapping();
  auto mode = arthrokin::io::BvhPositionMode::replace_offset;
  while (text.starts_with('@')) {
    const auto nl = text.find('\n');
    const std::string_view line = text.substr(1, nl == std::string_view::npos ? text.npos : nl - 1);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (line == "add") {
      mode = arthrokin::io::BvhPositionMode::add_to_offset;
    } else if (line.starts_with('-')) {
      if (const auto s = segment_named(line.substr(1))) mapping.remove(*s);
    } else if (const auto eq = line.find('='); eq != std::string_view::npos) {
      const auto s = segment_named(line.substr(0, eq));
      if (!s) continue;
      std::string_view rest = line.substr(eq + 1);
      arthrokin::io::BvhSegmentRule rule;
      rule.segment = *s;
      std::vector<std::string>* parts[3] = {&rule.frame, &rule.proximal, &rule.distal};
      for (auto* p : parts) {
        const auto bar = rest.find('|');
        *p = names(rest.substr(0, bar));
        rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
      }
      mapping.set(rule);
    }
  }

  arthrokin::io::BvhFile f;
  if (!fuzz::documented([&] { f = arthrokin::io::parse_bvh(text, "fuzz.bvh"); })) return 0;

  const arthrokin::io::BvhBodyAxes axes = arthrokin::io::bvh_body_axes(f, mapping);
  for (const Eigen::Vector3d* v : {&axes.up, &axes.forward, &axes.right}) {
    FUZZ_CHECK(v->allFinite());
    FUZZ_CHECK(std::abs(v->norm() - 1.0) < 1e-6);
    FUZZ_CHECK(!arthrokin::io::describe_axis(*v).empty());
  }
  const arthrokin::io::BvhBinding b = arthrokin::io::bind_bvh(f, mapping);
  for (std::size_t i = 0; i < arthrokin::segment_count; ++i) {
    if (!b.bound.test(i)) continue;
    const auto& s = b.segments[i];
    const int n = static_cast<int>(f.joints.size());
    FUZZ_CHECK(s.frame_joint >= 0 && s.frame_joint < n);
    FUZZ_CHECK(s.proximal_joint >= 0 && s.proximal_joint < n);
    FUZZ_CHECK(s.distal_joint >= -1 && s.distal_joint < n);
  }
  arthrokin::io::BvhPoseWorkspace pw(f, mode);
  arthrokin::SegmentOrientations seg;
  const Eigen::Index frames = std::min<Eigen::Index>(f.frame_count(), 32);
  for (Eigen::Index fr = 0; fr < frames; ++fr) {
    arthrokin::io::bvh_forward_kinematics(f, fr, pw.fk);
    arthrokin::io::bvh_segment_orientations(b, pw.fk, seg);
    for (std::size_t i = 0; i < arthrokin::segment_count; ++i) {
      if (!seg.known.test(i)) continue;
      FUZZ_CHECK(b.bound.test(i));
      if (seg.degenerate.test(i)) {
        // present with an undetermined frame (a zero-length bone): its rotation is NaN by contract
        FUZZ_CHECK(seg.q_global_segment[i].coeffs().hasNaN());
        continue;
      }
      FUZZ_CHECK(seg.q_global_segment[i].coeffs().allFinite());
      FUZZ_CHECK(std::abs(seg.q_global_segment[i].norm() - 1.0) < 1e-6);
      (void)arthrokin::io::bvh_proximal_point(f, b.segments[i], pw.fk);
      (void)arthrokin::io::bvh_distal_point(f, b.segments[i], pw.fk);
    }
    arthrokin::JointAngleOptions opt;
    if (fr % 2) opt.hip = arthrokin::BallJointDecomposition::swing_twist;
    fuzz::check_joint_angles(arthrokin::joint_angles(seg, opt), std::numbers::pi + 1e-9);
  }
  if (f.frame_count() <= 8)  // the whole-file convenience path
    FUZZ_CHECK(arthrokin::io::bvh_to_poses(f, mapping).size() == static_cast<std::size_t>(f.frame_count()));
  return 0;
}
