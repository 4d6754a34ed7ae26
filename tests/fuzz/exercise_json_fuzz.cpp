// libFuzzer target: the exercise JSON reader and writer (io/exercise_json.hpp) and the
// Monitor running the exercise it reads (docs/fuzzing.md). Input: JSON text.
// Contract: parse_exercise_json returns or throws parse_error / invalid_argument (any other
// exception is a bug); exercise_to_json of it parses again and writes the same text; a
// Monitor over it is either refused with invalid_argument or follows a rocking motion
// (thoracolumbar rotation ±40°, 2 s, with a dropped frame and a repeated time stamp)
// without an exception, with a non-empty sentence per cue.
#include "fuzz_util.hpp"

#include <arthrokin/exercise/monitor.hpp>
#include <arthrokin/io/exercise_json.hpp>

#include <cstddef>
#include <cstdint>
#include <numbers>
#include <optional>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arthrokin;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Exercise e;
  if (!fuzz::documented([&] { e = io::parse_exercise_json(text); })) return 0;

  const std::string j1 = io::exercise_to_json(e);
  const Exercise e2 = io::parse_exercise_json(j1);  // the writer's output must parse ...
  FUZZ_CHECK(io::exercise_to_json(e2) == j1);       // ... to the same exercise

  std::optional<Monitor> m;
  if (!fuzz::documented([&] { m.emplace(e); })) return 0;
  for (int i = 0; i < 60; ++i) {
    double t = i / 30.0;
    if (i == 20) t += 1.0;  // a gap
    if (i == 40) t = 0.5;   // a time stamp that goes back
    const double s = std::sin(2 * std::numbers::pi * i / 60.0);
    Pose p;
    for (DofId d : all_dofs) p.set(d, degrees(10 * s + static_cast<double>(index(d) % 7)));
    if (i % 9 == 0) p.clear(DofId::left_hip_flexion_extension);
    p.set_thoracolumbar(Axis::axial_rotation, degrees(40 * s));
    for (const CueEvent& c : m->update(t, p)) FUZZ_CHECK(!c.message().empty());
  }
  m->finish();
  FUZZ_CHECK(m->frames() <= 60);
  return 0;
}
