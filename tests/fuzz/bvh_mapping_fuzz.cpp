// libFuzzer target: BVH mapping files (io/bvh_segments.hpp, `parse_bvh_mapping_json`; docs/bvh.md,
// "Any rig"). Input: the JSON text. Contract: parse_bvh_mapping_json returns or throws parse_error;
// a parsed mapping has at most one rule per segment, every rule with a frame joint; binding it to a
// small fixed skeleton and computing one frame's angles stays within the documented outcomes
// (bind_bvh never throws for a valid mapping; unmatched names are a subset of the file's names).
#include "fuzz_util.hpp"

#include <arthrokin/io/bvh_angles.hpp>
#include <arthrokin/io/bvh_segments.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {
const char* const skeleton =
    "HIERARCHY\nROOT hip\n{\n OFFSET 0 100 0\n CHANNELS 6 Xposition Yposition Zposition Zrotation Yrotation "
    "Xrotation\n JOINT lThigh\n {\n  OFFSET 10 -5 0\n  CHANNELS 3 Zrotation Yrotation Xrotation\n  JOINT lShin\n  {\n"
    "   OFFSET 0 -40 0\n   CHANNELS 3 Zrotation Yrotation Xrotation\n   End Site\n   {\n    OFFSET 0 -40 0\n   }\n"
    "  }\n }\n JOINT rThigh\n {\n  OFFSET -10 -5 0\n  CHANNELS 3 Zrotation Yrotation Xrotation\n  End Site\n  {\n"
    "   OFFSET 0 -40 0\n  }\n }\n}\nMOTION\nFrames: 1\nFrame Time: 0.1\n0 100 0 0 0 0 10 0 0 20 0 0 0 0 0\n";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arthrokin;
  static const io::BvhFile file = io::parse_bvh(skeleton, "skeleton.bvh");
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  io::BvhMappingFile m;
  if (!fuzz::documented([&] { m = io::parse_bvh_mapping_json(text, "fuzz.json"); })) return 0;
  FUZZ_CHECK(!m.joints.empty());
  for (std::size_t i = 0; i < segment_count; ++i) {
    std::size_t rules = 0;
    for (const auto& r : m.mapping.rules)
      if (static_cast<std::size_t>(r.segment) == i) {
        ++rules;
        FUZZ_CHECK(!r.frame.empty());
      }
    FUZZ_CHECK(rules <= 1);
  }
  FUZZ_CHECK(io::bvh_mapping_unmatched(file, m.joints).size() <= m.joints.size());
  const io::BvhBinding b = io::bind_bvh(file, m.mapping);
  (void)io::bvh_missing_core_joints(b);
  io::BvhPoseWorkspace ws(file);
  const Pose p = io::bvh_frame_angles(file, b, 0, ws).pose;
  for (DofId d : all_dofs)
    if (p.observed(d)) FUZZ_CHECK(std::isfinite(p.as_radians()[static_cast<Eigen::Index>(index(d))]));
  return 0;
}
