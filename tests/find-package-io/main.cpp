// A consumer of the installed arthrokin::io (tests/CMakeLists.txt, consumer.find_package_io): reads
// the angle-frame CSV named on the command line (data/examples/angle_frames.csv) and checks its
// last frame. Expected values come from the file and from data/reference/rom_norms.csv, not from
// the code: the third frame has left hip internal rotation 52°, and AAOS's limit is 45°, so that
// frame is out of range by 7°; the JSON report (a string: the installed header exposes no JSON
// library) names the DoF.
#include <arthrokin/arthrokin.hpp>
#include <arthrokin/io/angle_csv.hpp>
#include <arthrokin/io/bvh.hpp>
#include <arthrokin/io/bvh_angles.hpp>
#include <arthrokin/io/bvh_segments.hpp>
#include <arthrokin/io/exercise_json.hpp>
#include <arthrokin/io/keypoints_csv.hpp>
#include <arthrokin/io/keypoints_json.hpp>
#include <arthrokin/io/limits.hpp>
#include <arthrokin/io/opensim.hpp>
#include <arthrokin/io/pose_json.hpp>
#include <arthrokin/io/profile_json.hpp>
#include <arthrokin/io/report_writers.hpp>
#include <arthrokin/io/smpl.hpp>
#include <arthrokin/io/trc.hpp>
#include <arthrokin/io/visual_report.hpp>

// Every installed io header is included: none exposes a JSON library (the config file finds none).
#ifdef NLOHMANN_JSON_VERSION_MAJOR
#error "an installed arthrokin/io header includes nlohmann/json.hpp"
#endif

#include <cmath>
#include <cstdio>
#include <exception>
#include <string>

int main(int argc, char** argv) {
  using namespace arthrokin;
  if (argc != 2) {
    std::fprintf(stderr, "usage: consumer_io angle_frames.csv\n");
    return 2;
  }
  try {
    const io::AngleFrames frames = io::read_angle_csv(argv[1]);
    const auto limits = Limits::from_source("AAOS");
    bool ok = frames.size() == 3;
    const auto report = check(frames.poses.at(2), limits);
    const auto& hip = report[DofId::left_hip_internal_external_rotation];
    ok = ok && report.overall == Verdict::out_of_range && std::abs(to_degrees(hip.excess_angle()) - 7.0) < 1e-9;
    ok = ok && io::report_to_json(report).find("left_hip_internal_external_rotation") != std::string::npos;
    std::printf("%s\n", ok ? "read and flagged" : "wrong");
    return ok ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
