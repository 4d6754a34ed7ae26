// OpenSim storage files (io/opensim.hpp): the real Pose2Sim IK result of data/samples/opensim, hand-made
// files of the other models (their signs from data/reference/model_bounds.csv: gait2392's knee_angle is
// extension-positive, the Rajagopal models' flexion-positive), the round trip through the writer, and
// the acceptance: `arthrokin check x.mot` says what it says of the same angles as the library's own
// angle CSV.
#include <arthrokin/io/angle_csv.hpp>
#include <arthrokin/io/opensim.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>
#include "support/cli_run.hpp"
#include "support/files.hpp"

namespace {

using namespace arthrokin;
using io::OpenSimModel;

const std::string kSample =
    std::string(ARTHROKIN_DATA_DIR) + "/samples/opensim/BalancingTrial_filt_butterworth_0-12_body25b.mot";

double deg(const Pose& p, DofId d) { return to_degrees(*p.get(d)); }

// ---- the real file ---------------------------------------------------------------------------------

TEST(OpenSimSample, Pose2SimBalancingTrialIsRead) {
  const io::OpenSimMotion m = io::read_opensim(kSample);
  ASSERT_EQ(m.size(), 12u);  // nRows=12 in its header
  EXPECT_TRUE(m.in_degrees);
  // L5_S1_Flex_Ext and the other spine columns exist only in the Pose2Sim model.
  EXPECT_EQ(m.model, OpenSimModel::pose2sim);
  // 62 coordinates: hip (3), knee, ankle, subtalar, elbow and wrist flexion on each side are read.
  EXPECT_EQ(m.mapped.size(), 16u);
  EXPECT_EQ(m.ignored.size(), 46u);
  EXPECT_DOUBLE_EQ(m.time_s[0], 0.01666667);
  EXPECT_DOUBLE_EQ(m.time_s[11], 0.2);
  // Frame 0, the numbers of the file's first row (degrees).
  const Pose& p = m.poses[0];
  EXPECT_NEAR(deg(p, DofId::right_hip_flexion_extension), 0.49276232, 1e-12);
  EXPECT_NEAR(deg(p, DofId::right_hip_abduction_adduction), 5.60870043, 1e-12);
  EXPECT_NEAR(deg(p, DofId::right_hip_internal_external_rotation), -35.92777672, 1e-12);
  EXPECT_NEAR(deg(p, DofId::right_knee_flexion_extension), 20.19465611, 1e-12);  // Rajagopal's legs: flexion +
  EXPECT_NEAR(deg(p, DofId::right_ankle_dorsiflexion_plantarflexion), 19.37084575, 1e-12);
  EXPECT_NEAR(deg(p, DofId::right_subtalar_inversion_eversion), -10.98615345, 1e-12);
  EXPECT_NEAR(deg(p, DofId::left_hip_flexion_extension), 29.96129142, 1e-12);
  EXPECT_NEAR(deg(p, DofId::left_knee_flexion_extension), 16.51516336, 1e-12);
  EXPECT_NEAR(deg(p, DofId::right_elbow_flexion_extension), 49.68760950, 1e-12);
  EXPECT_NEAR(deg(p, DofId::left_elbow_flexion_extension), 24.22499177, 1e-12);
  EXPECT_NEAR(deg(p, DofId::left_wrist_flexion_extension), 0.0, 1e-12);
  // No one-to-one DoF: the shoulder (another decomposition), the forearm, the spine.
  EXPECT_FALSE(p.observed(DofId::right_shoulder_flexion_extension));
  EXPECT_FALSE(p.observed(DofId::right_forearm_pronation_supination));
  EXPECT_FALSE(p.observed(DofId::lumbar_flexion_extension));
  EXPECT_EQ(p.observed_count(), 16u);
  EXPECT_EQ(m.ignored.front(), "pelvis_tilt");
  // The last row: right knee 33.97670524, left elbow 28.59869407.
  EXPECT_NEAR(deg(m.poses[11], DofId::right_knee_flexion_extension), 33.97670524, 1e-12);
  EXPECT_NEAR(deg(m.poses[11], DofId::left_elbow_flexion_extension), 28.59869407, 1e-12);
  // Given the model, the same.
  const Pose q = io::read_opensim(kSample, OpenSimModel::pose2sim).poses[0];
  EXPECT_EQ(q.observed_mask(), p.observed_mask());
  for (DofId d : all_dofs)
    if (p.observed(d)) {
      EXPECT_EQ(deg(q, d), deg(p, d)) << to_string(d);
    }
}

TEST(OpenSimSample, AnotherModelIsRefusedNamingTheColumn) {
  try {
    (void)io::read_opensim(kSample, OpenSimModel::gait2392);
    FAIL() << "read as gait2392";
  } catch (const parse_error& e) {
    EXPECT_NE(std::string(e.what()).find(":11:12: column 'knee_angle_r_beta' is not a coordinate of the gait2392"),
              std::string::npos)
        << e.what();
  }
}

// ---- the other models: signs from model_bounds.csv -------------------------------------------------

// A gait2392 IK result in radians, space-separated, the older header (datarows/datacolumns).
const std::string kGait2392 =
    "ik_result\nversion=1\ndatarows 2\ndatacolumns 5\ninDegrees=no\nendheader\n"
    "time   pelvis_tx   hip_flexion_r   knee_angle_r   lumbar_extension\n"
    "0.0    0.1         0.5             -0.5           0.1\n"
    "0.01   0.1         0.6             0.2            0.1\n";

TEST(OpenSimModels, Gait2392KneeIsExtensionPositive) {
  const auto m = io::parse_opensim(kGait2392, "g.mot", OpenSimModel::gait2392);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_FALSE(m.in_degrees);
  EXPECT_EQ(m.model, OpenSimModel::gait2392);
  EXPECT_DOUBLE_EQ(to_radians(*m.poses[0].get(DofId::right_hip_flexion_extension)), 0.5);
  EXPECT_DOUBLE_EQ(to_radians(*m.poses[0].get(DofId::right_knee_flexion_extension)), 0.5);   // -0.5: flexed
  EXPECT_DOUBLE_EQ(to_radians(*m.poses[1].get(DofId::right_knee_flexion_extension)), -0.2);  // +0.2: extended
  EXPECT_EQ(m.mapped, (std::vector<std::string>{"hip_flexion_r -> right_hip_flexion_extension",
                                                "knee_angle_r -> right_knee_flexion_extension (negated)"}));
  EXPECT_EQ(m.ignored, (std::vector<std::string>{"pelvis_tx", "lumbar_extension"}));
  // Hamner2010 has gait2392's legs.
  const auto h = io::parse_opensim(kGait2392, "g.mot", OpenSimModel::hamner2010);
  EXPECT_DOUBLE_EQ(to_radians(*h.poses[0].get(DofId::right_knee_flexion_extension)), 0.5);
  // Rajagopal2016: knee_angle is flexion-positive.
  const auto r = io::parse_opensim(kGait2392, "g.mot", OpenSimModel::rajagopal2016);
  EXPECT_DOUBLE_EQ(to_radians(*r.poses[0].get(DofId::right_knee_flexion_extension)), -0.5);
}

TEST(OpenSimModels, KneeWithoutTheModelIsAnErrorNotAGuess) {
  try {
    (void)io::parse_opensim(kGait2392, "g.mot");
    FAIL() << "read without a model";
  } catch (const parse_error& e) {
    const std::string w = e.what();
    EXPECT_NE(w.find("g.mot:7:4: column 'knee_angle_r': its sign differs"), std::string::npos) << w;
    EXPECT_NE(w.find("give the model"), std::string::npos) << w;
  }
  // Without a knee column nothing depends on the model.
  const std::string hips = "x\ninDegrees=yes\nendheader\ntime\thip_flexion_l\thip_rotation_l\n0\t10\t-5\n";
  const auto m = io::parse_opensim(hips, "h.mot");
  EXPECT_EQ(m.model, OpenSimModel::automatic);
  EXPECT_DOUBLE_EQ(deg(m.poses[0], DofId::left_hip_flexion_extension), 10.0);
  EXPECT_DOUBLE_EQ(deg(m.poses[0], DofId::left_hip_internal_external_rotation), -5.0);
}

TEST(OpenSimModels, RajagopalKneeBetaTellsTheModel) {
  const std::string t =
      "Coordinates\nversion=1\nnRows=1\nnColumns=5\ninDegrees=yes\nendheader\n"
      "time\tknee_angle_l\tknee_angle_l_beta\telbow_flex_l\twrist_flex_r\n0.5\t60\t60\t90\t-20\n";
  const auto m = io::parse_opensim(t, "r.mot");
  EXPECT_EQ(m.model, OpenSimModel::automatic);  // Rajagopal2016, RajagopalLaiUhlrich2023 or Pose2Sim: same signs
  EXPECT_DOUBLE_EQ(deg(m.poses[0], DofId::left_knee_flexion_extension), 60.0);
  EXPECT_DOUBLE_EQ(deg(m.poses[0], DofId::left_elbow_flexion_extension), 90.0);
  EXPECT_DOUBLE_EQ(deg(m.poses[0], DofId::right_wrist_flexion_extension), -20.0);
  EXPECT_EQ(m.ignored, std::vector<std::string>{"knee_angle_l_beta"});
}

TEST(OpenSimModels, ModelNames) {
  for (auto m : {OpenSimModel::automatic, OpenSimModel::gait2392, OpenSimModel::hamner2010, OpenSimModel::rajagopal2016,
                 OpenSimModel::rajagopal_lai_uhlrich2023, OpenSimModel::pose2sim})
    EXPECT_EQ(io::parse_opensim_model(io::to_string(m)), m);
  EXPECT_EQ(io::parse_opensim_model("Rajagopal2015"), OpenSimModel::rajagopal2016);
  EXPECT_FALSE(io::parse_opensim_model("rajagopal"));
}

// ---- the writer ------------------------------------------------------------------------------------

io::AngleFrames random_frames(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> angle(-3.0, 3.0), coin(0.0, 1.0);
  io::AngleFrames f;
  double t = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    t += 0.001 + coin(rng) / 7.0;
    Pose p;
    for (DofId d : all_dofs)
      if (coin(rng) < 0.8) p.set(d, radians(angle(rng)));
    if (coin(rng) < 0.5) p.set_thoracolumbar(Axis::lateral_flexion, radians(angle(rng)));
    f.time_s.push_back(t);
    f.poses.push_back(p);
  }
  return f;
}

TEST(OpenSimWriter, RoundTripOfEveryDof) {
  const io::AngleFrames a = random_frames(50, 7);
  std::ostringstream out;
  io::write_opensim_mot(out, a);
  const auto b = io::parse_opensim(out.str(), "written.mot");
  ASSERT_EQ(b.size(), a.size());
  EXPECT_TRUE(b.in_degrees);
  EXPECT_TRUE(b.ignored.empty());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(b.time_s[i], a.time_s[i]);  // 17 significant digits
    EXPECT_EQ(b.poses[i].observed_mask(), a.poses[i].observed_mask()) << "frame " << i;
    for (DofId d : all_dofs)
      if (a.poses[i].observed(d)) {
        EXPECT_NEAR(to_radians(*b.poses[i].get(d)), to_radians(*a.poses[i].get(d)), 1e-13) << to_string(d);
      }
    const Eigen::Vector3d ta = a.poses[i].thoracolumbar_radians(), tb = b.poses[i].thoracolumbar_radians();
    for (int k = 0; k < 3; ++k) {
      EXPECT_EQ(std::isnan(ta[k]), std::isnan(tb[k]));
      if (!std::isnan(ta[k])) {
        EXPECT_NEAR(tb[k], ta[k], 1e-13);
      }
    }
  }
}

TEST(OpenSimWriter, ModelColumnsCarryTheModelsSigns) {
  io::AngleFrames a;
  Pose p;
  p.set(DofId::right_knee_flexion_extension, degrees(45.0));
  p.set(DofId::left_hip_flexion_extension, degrees(30.0));
  p.set(DofId::left_shoulder_flexion_extension, degrees(90.0));  // gait2392 has no arm: left out
  a.time_s = {0.0, 0.5};
  a.poses = {p, Pose{}};
  std::ostringstream out;
  io::write_opensim_mot(out, a, OpenSimModel::gait2392);
  const std::string text = out.str();
  // The header and columns OpenSim expects; knee_angle_r is extension-positive in gait2392.
  EXPECT_NE(text.find("nRows=2\nnColumns=3\ninDegrees=yes\nendheader\ntime\tknee_angle_r\thip_flexion_l\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\t-45.000000000000\t30.000000000000\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\tNaN\tNaN\n"), std::string::npos) << text;  // unknown stays unknown
  const auto b = io::parse_opensim(text, "g.mot", OpenSimModel::gait2392);
  EXPECT_NEAR(deg(b.poses[0], DofId::right_knee_flexion_extension), 45.0, 1e-12);
  EXPECT_NEAR(deg(b.poses[0], DofId::left_hip_flexion_extension), 30.0, 1e-12);
  EXPECT_EQ(b.poses[1].observed_count(), 0u);
  std::ostringstream raj;
  io::write_opensim_mot(raj, a, OpenSimModel::rajagopal2016);
  // Rajagopal: knee flexion +; arm_flex is not a one-to-one shoulder DoF, so the shoulder is left out.
  EXPECT_NE(raj.str().find("time\tknee_angle_r\thip_flexion_l\n0\t45.000000000000\t30.000000000000\n"),
            std::string::npos)
      << raj.str();
}

TEST(OpenSimWriter, TheNameLineNeverReadsAsHeader) {
  const io::AngleFrames a = random_frames(3, 11);
  for (const char* name : {"inDegrees=no", "x\ninDegrees=no\nendheader", "endheader", "datarows 7", "", "nRows=1"}) {
    std::ostringstream out;
    io::write_opensim_mot(out, a, OpenSimModel::automatic, name);
    const auto b = io::parse_opensim(out.str(), "named.mot");
    EXPECT_TRUE(b.in_degrees) << name;
    ASSERT_EQ(b.size(), 3u) << name;
    EXPECT_EQ(b.poses[2].observed_mask(), a.poses[2].observed_mask()) << name;
  }
}

TEST(OpenSimWriter, AnAngleWithNoFiniteDegreesIsRefusedBeforeWriting) {
  io::AngleFrames a;
  Pose p;
  p.set(DofId::left_knee_flexion_extension, radians(1e307));  // beyond about 3.1e306 rad: no finite degrees
  a.time_s = {0.0};
  a.poses = {p};
  std::ostringstream out;
  EXPECT_THROW(io::write_opensim_mot(out, a), invalid_argument);
  EXPECT_TRUE(out.str().empty());
  a.time_s.push_back(1.0);
  a.poses[0] = Pose{};
  EXPECT_THROW(io::write_opensim_mot(out, a), invalid_argument);  // 2 times, 1 pose
}

// ---- the acceptance: `arthrokin check x.mot` == `arthrokin check x.csv` ----------------------------

std::string write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

class OpenSimCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (arthrokin::test::cli_path().empty()) GTEST_SKIP() << "the arthrokin CLI is not built";
  }
};

/// The report rows of `arthrokin --format csv check <args>`, and its exit code.
std::pair<int, std::string> check_csv(const std::string& args) {
  const auto r = arthrokin::test::run_cli("--format csv check " + args);
  EXPECT_FALSE(r.out.empty()) << r.err;
  return {r.code, r.out};
}

TEST_F(OpenSimCli, VerdictsEqualTheSameAnglesAsAngleCsv) {
  const std::string dir = arthrokin::test::fresh_dir("opensim_check");
  // gait2392, degrees, tab-separated: frame 2 has a right knee at knee_angle_r = +20 (20° of
  // hyperextension) and hip flexion 150°; the CSV says the same in arthrokin's signs.
  const std::string mot = write_file(dir + "g.mot",
                                     "Coordinates\nversion=1\nnRows=3\nnColumns=5\ninDegrees=yes\n\nendheader\n"
                                     "time\tpelvis_tilt\thip_flexion_r\tknee_angle_r\tankle_angle_l\n"
                                     "0.00\t1.5\t10\t-30\t5\n"
                                     "0.05\t1.5\t40\t-60\t-10\n"
                                     "0.10\t1.5\t150\t20\t-25\n");
  const std::string csv = write_file(dir + "g.csv",
                                     "time_s,right_hip_flexion_extension_deg,right_knee_flexion_extension_deg,"
                                     "left_ankle_dorsiflexion_plantarflexion_deg\n"
                                     "0.00,10,30,5\n0.05,40,60,-10\n0.10,150,-20,-25\n");
  const auto from_mot = check_csv("--opensim-model gait2392 " + arthrokin::test::quote(mot));
  const auto from_csv = check_csv(arthrokin::test::quote(csv));
  EXPECT_EQ(from_mot.first, 1);  // frame 2 is out of range
  EXPECT_EQ(from_mot, from_csv);
  EXPECT_NE(from_mot.second.find("2,0.100000,right_knee_flexion_extension,below"), std::string::npos)
      << from_mot.second;
  // Without the model the knee's sign is unknown: exit 2, the message names the choice.
  const auto r = arthrokin::test::run_cli("check " + arthrokin::test::quote(mot));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("give the model"), std::string::npos) << r.err;
}

TEST_F(OpenSimCli, RealFileVerdictsEqualItsAnglesAsAngleCsv) {
  // The angle CSV is made here from the file's text, with the table of docs/formats.md (Pose2Sim:
  // every mapped coordinate keeps its sign), not by the library's reader.
  const std::map<std::string, std::string> dof_of = {
      {"hip_flexion_r", "right_hip_flexion_extension"},
      {"hip_adduction_r", "right_hip_abduction_adduction"},
      {"hip_rotation_r", "right_hip_internal_external_rotation"},
      {"knee_angle_r", "right_knee_flexion_extension"},
      {"ankle_angle_r", "right_ankle_dorsiflexion_plantarflexion"},
      {"subtalar_angle_r", "right_subtalar_inversion_eversion"},
      {"elbow_flex_r", "right_elbow_flexion_extension"},
      {"wrist_flex_r", "right_wrist_flexion_extension"},
      {"hip_flexion_l", "left_hip_flexion_extension"},
      {"hip_adduction_l", "left_hip_abduction_adduction"},
      {"hip_rotation_l", "left_hip_internal_external_rotation"},
      {"knee_angle_l", "left_knee_flexion_extension"},
      {"ankle_angle_l", "left_ankle_dorsiflexion_plantarflexion"},
      {"subtalar_angle_l", "left_subtalar_inversion_eversion"},
      {"elbow_flex_l", "left_elbow_flexion_extension"},
      {"wrist_flex_l", "left_wrist_flexion_extension"},
  };
  std::istringstream in(test_support::read_file(kSample));
  std::string line;
  while (std::getline(in, line) && line != "endheader") {
  }
  std::getline(in, line);
  std::vector<std::string> names;
  {
    std::istringstream h(line);
    for (std::string n; h >> n;) names.push_back(n);
  }
  std::string csv = "time_s";
  for (const auto& n : names)
    if (dof_of.count(n)) csv += "," + dof_of.at(n) + "_deg";
  csv += "\n";
  std::size_t rows = 0;
  while (std::getline(in, line)) {
    std::istringstream r(line);
    std::string cell;
    for (std::size_t k = 0; r >> cell; ++k)
      if (k == 0)
        csv += cell;
      else if (dof_of.count(names[k]))
        csv += "," + cell;
    csv += "\n";
    ++rows;
  }
  ASSERT_EQ(rows, 12u);
  const std::string dir = arthrokin::test::fresh_dir("opensim_real");
  const auto from_mot = check_csv(arthrokin::test::quote(kSample));
  const auto from_csv = check_csv(arthrokin::test::quote(write_file(dir + "sample.csv", csv)));
  EXPECT_EQ(from_mot, from_csv);
  EXPECT_EQ(from_mot.first, 0);  // a healthy adult balancing (SOURCE.md): within range
}

TEST_F(OpenSimCli, AnglesWritesMotThatReadsBack) {
  const std::string dir = arthrokin::test::fresh_dir("opensim_angles");
  const std::string csv = write_file(dir + "a.csv",
                                     "time_s,left_knee_flexion_extension_deg,right_elbow_flexion_extension_deg\n"
                                     "0,10,20\n0.1,,30\n");
  const std::string mot = dir + "a.mot";
  const auto w =
      arthrokin::test::run_cli("angles " + arthrokin::test::quote(csv) + " -o " + arthrokin::test::quote(mot));
  ASSERT_EQ(w.code, 0) << w.err;
  const auto m = io::read_opensim(mot);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_DOUBLE_EQ(deg(m.poses[0], DofId::left_knee_flexion_extension), 10.0);
  EXPECT_FALSE(m.poses[1].observed(DofId::left_knee_flexion_extension));
  EXPECT_DOUBLE_EQ(deg(m.poses[1], DofId::right_elbow_flexion_extension), 30.0);
  // A model's coordinate names: gait2392 has no elbow; its knee is extension-positive.
  const std::string g = dir + "g.mot";
  const auto wg = arthrokin::test::run_cli("angles " + arthrokin::test::quote(csv) + " -o " +
                                           arthrokin::test::quote(g) + " --mot-model gait2392");
  ASSERT_EQ(wg.code, 0) << wg.err;
  const std::string text = test_support::read_file(g);
  EXPECT_NE(text.find("time\tknee_angle_l\n0\t-10.000000000000\n"), std::string::npos) << text;
  EXPECT_NE(wg.err.find("gait2392 has no coordinate for these DoFs, left out: right_elbow_flexion_extension"),
            std::string::npos)
      << wg.err;
  // --mot-model without a .mot output is a usage error.
  EXPECT_EQ(arthrokin::test::run_cli("angles " + arthrokin::test::quote(csv) + " --mot-model gait2392").code, 2);
}

}  // namespace
