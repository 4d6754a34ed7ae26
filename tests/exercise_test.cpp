// The exercise definition: the built-in rocking stretch, its JSON file, and
// malformed JSON reported with the field path.
#include <arthrokin/exercise/exercise.hpp>
#include <arthrokin/io/exercise_json.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

using namespace arthrokin;
using namespace arthrokin::literals;

namespace {
std::string exercise_file() { return std::string(ARTHROKIN_DATA_DIR) + "/exercises/lumbar_spine_rocking_stretch.json"; }

const TargetBand& band(const Exercise& e, const std::string& id) {
  for (const auto& b : e.bands)
    if (b.id == id) return b;
  throw std::runtime_error("no band " + id);
}

double value_deg(const TargetBand& b, const Pose& p, bool knees_left = false) {
  double s = 0;
  for (const auto& t : b.terms) s += *term_radians(knees_left ? mirrored(t) : t, p);
  return rad_to_deg(s);
}

std::string expect_parse_error(const std::string& text) {
  try {
    (void)io::parse_exercise_json(text);
  } catch (const parse_error& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "wrong exception type: " << e.what();
    return {};
  }
  ADD_FAILURE() << "no parse_error";
  return {};
}
}  // namespace

TEST(RockingStretch, BandsCarrySourcesAndClaims) {
  const Exercise e = lumbar_spine_rocking_stretch();
  const auto& trunk = band(e, "thoracolumbar_rotation");
  EXPECT_EQ(trunk.scope, BandScope::per_side);
  EXPECT_EQ(trunk.upper_deg, 45.0);
  EXPECT_FALSE(trunk.lower_deg);
  EXPECT_EQ(trunk.source, "Seed");
  EXPECT_EQ(trunk.tag, "claim");
  const auto& hip = band(e, "hip_adduction_plus_internal_rotation");
  EXPECT_EQ(hip.lower_deg, 20.0);
  EXPECT_EQ(hip.upper_deg, 45.0);
  EXPECT_EQ(hip.tag, "claim");
  for (const auto& b : e.bands) EXPECT_FALSE(b.source.empty()) << b.id;
  // Start-position bands are the library's choice and say so.
  EXPECT_EQ(band(e, "left_hip_flexed").tag, "choice");
}

TEST(RockingStretch, GeometryKneesRight) {
  // Knees to the right: the left hip is on top; the thorax is rotated LEFT relative to the pelvis (negative).
  const Exercise e = lumbar_spine_rocking_stretch();
  Pose p;
  p.set(DofId::thoracic_axial_rotation, -30_deg).set(DofId::lumbar_axial_rotation, -5_deg);
  p.set(DofId::left_hip_abduction_adduction, 15_deg).set(DofId::left_hip_internal_external_rotation, 10_deg);
  p.set(DofId::right_hip_abduction_adduction, -15_deg).set(DofId::right_hip_internal_external_rotation, -25_deg);
  EXPECT_NEAR(value_deg(band(e, "thoracolumbar_rotation"), p), 35.0, 1e-9);
  EXPECT_NEAR(value_deg(band(e, "hip_adduction_plus_internal_rotation"), p), 25.0, 1e-9);
  // The mirrored pose, read with the knees-left (mirrored) terms, gives the same values.
  const Pose m = p.mirrored();
  EXPECT_NEAR(value_deg(band(e, "thoracolumbar_rotation"), m, true), 35.0, 1e-9);
  EXPECT_NEAR(value_deg(band(e, "hip_adduction_plus_internal_rotation"), m, true), 25.0, 1e-9);
  double phase = 0;
  for (const auto& t : e.phase.terms) phase += *term_radians(t, p);
  EXPECT_GT(phase, 0.0);  // positive = knees right
}

TEST(RockingStretch, TargetMusclesAsTheTextNamesThem) {
  const Exercise e = lumbar_spine_rocking_stretch();
  ASSERT_GE(e.target_muscles.size(), 3u);
  EXPECT_EQ(e.target_muscles[0].label, "Lumbar Extensors");
  EXPECT_EQ(e.target_muscles[1].label, "Oblique Abs");
  EXPECT_EQ(e.target_muscles[1].muscles,
            (std::vector<MuscleId>{MuscleId::external_oblique, MuscleId::internal_oblique}));
  EXPECT_EQ(e.target_muscles[2].label, "Lumbar Spine");
  EXPECT_TRUE(e.target_muscles[2].muscles.empty());
}

TEST(ExerciseJson, ShippedFileEqualsBuiltIn) {
  EXPECT_EQ(io::read_exercise_json(exercise_file()), lumbar_spine_rocking_stretch());
}

TEST(ExerciseJson, RoundTrip) {
  const Exercise e = lumbar_spine_rocking_stretch();
  EXPECT_EQ(io::parse_exercise_json(io::exercise_to_json(e)), e);
}

TEST(ExerciseJson, MalformedNamesTheField) {
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(io::exercise_to_json(lumbar_spine_rocking_stretch()));
  auto mutate = [&](auto f) {
    auto c = j;
    f(c);
    return expect_parse_error(c.dump());
  };
  EXPECT_EQ(mutate([](auto& c) { c["exercise"]["bands"][1]["upper_deg"] = "45"; }),
            "exercise.bands[1].upper_deg: expected a number");
  EXPECT_EQ(mutate([](auto& c) { c["exercise"]["bands"][0]["terms"][0]["thoracolumbar"] = "pronation"; }),
            "exercise.bands[0].terms[0].thoracolumbar: expected flexion_extension, lateral_flexion or axial_rotation");
  EXPECT_EQ(mutate([](auto& c) { c["exercise"]["moving_dofs"][2] = "left_hip_wiggle"; }),
            "exercise.moving_dofs[2]: unknown DoF 'left_hip_wiggle'");
  EXPECT_EQ(mutate([](auto& c) { c["exercise"]["target_muscles"][1]["muscles"][0] = "obliquus"; }),
            "exercise.target_muscles[1].muscles[0]: unknown muscle 'obliquus'");
  EXPECT_EQ(mutate([](auto& c) { c["exercise"]["bands"][2]["scope"] = "sometimes"; }),
            "exercise.bands[2].scope: expected \"always\" or \"per_side\", got \"sometimes\"");
  EXPECT_EQ(mutate([](auto& c) { c["exercise"]["phase"].erase("enter_deg"); }), "exercise.phase.enter_deg: missing");
  EXPECT_EQ(mutate([](auto& c) { c["exercise"]["bands"] = 3; }), "exercise.bands: expected an array");
  EXPECT_EQ(mutate([](auto& c) { c["exercise"]["bands"][3]["terms"][0].erase("coefficient"); }),
            "exercise.bands[3].terms[0].coefficient: missing");
  EXPECT_EQ(mutate([](auto& c) { c["exercise"]["bands"][1]["source"] = ""; }),
            "exercise.bands[1].source: every band needs a source key");
  EXPECT_EQ(mutate([](auto& c) { c["exercise"]["cues"][0] = 7; }), "exercise.cues[0]: expected a string");
  EXPECT_EQ(mutate([](auto& c) { c["exercise"]["bands"][1]["lower_deg"] = 50; }),
            "exercise.bands[1].lower_deg: exceeds upper_deg");
  EXPECT_EQ(expect_parse_error("{}"), "exercise: missing");
  EXPECT_EQ(expect_parse_error("[1,2]").rfind("(document): expected an object", 0), 0u);
  EXPECT_EQ(expect_parse_error("{\"exercise\": [] }"), "exercise: expected an object");
  EXPECT_EQ(expect_parse_error("{\"exercise\": {").rfind("exercise JSON:", 0), 0u);
  EXPECT_EQ(expect_parse_error(""), expect_parse_error(""));  // empty text: parse_error, no crash
}

TEST(ExerciseJson, MissingFileIsParseError) {
  EXPECT_THROW((void)io::read_exercise_json("/nonexistent/exercise.json"), parse_error);
}
