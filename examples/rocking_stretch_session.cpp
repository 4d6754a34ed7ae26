// A synthetic session of the Lumbar Spine Rocking Stretch fed to the monitor,
// followed by a session summary and the muscles lengthened at the deepest
// knees-right frame.
//
// THE TRAJECTORIES ARE SYNTHETIC: a sinusoidal rocking of the knees mapped to
// DoF angles (thoracolumbar rotation split 80/20 thoracic/lumbar, upper-hip
// adduction and internal rotation, lower hip abduction and external
// rotation). The amplitudes are chosen to exercise the monitor (one side
// overshoots the 45 deg trunk target late in the session, a dropped-frame gap,
// a few frames without the hips), not taken from any measurement.
#include <arthrokin/anatomy/muscle_length.hpp>
#include <arthrokin/exercise/monitor.hpp>

#include <cmath>
#include <cstdio>
#include <numbers>

using namespace arthrokin;

namespace {

// knees_deg > 0: knees to the right (thorax rotated LEFT relative to the pelvis,
// i.e. negative axial rotation; the left hip is the upper hip).
Pose synthetic_pose(double knees_deg, double hip_flexion_deg) {
  Pose p;
  for (DofId d : {DofId::thoracic_flexion_extension, DofId::thoracic_lateral_flexion, DofId::lumbar_flexion_extension,
                  DofId::lumbar_lateral_flexion})
    p.set(d, radians(0.0));
  p.set(DofId::thoracic_axial_rotation, degrees(-0.8 * knees_deg));
  p.set(DofId::lumbar_axial_rotation, degrees(-0.2 * knees_deg));
  const double a = std::abs(knees_deg);
  const Side upper = knees_deg >= 0 ? Side::left : Side::right;
  p.set(*find_dof(Joint::hip, Axis::abduction_adduction, upper), degrees(0.35 * a));
  p.set(*find_dof(Joint::hip, Axis::internal_external_rotation, upper), degrees(0.30 * a));
  p.set(*find_dof(Joint::hip, Axis::abduction_adduction, opposite(upper)), degrees(-0.25 * a));
  p.set(*find_dof(Joint::hip, Axis::internal_external_rotation, opposite(upper)), degrees(-0.40 * a));
  for (Side s : {Side::left, Side::right}) {
    p.set(*find_dof(Joint::hip, Axis::flexion_extension, s), degrees(hip_flexion_deg));
    p.set(*find_dof(Joint::knee, Axis::flexion_extension, s), degrees(95.0));
  }
  return p;
}

}  // namespace

int main() {
  const Exercise ex = lumbar_spine_rocking_stretch();
  Monitor monitor(ex);
  const double fps = 30.0, period_s = 6.0, session_s = 60.0;
  Pose deepest_right;
  double deepest = 0.0;
  for (int i = 0; i * (1.0 / fps) <= session_s; ++i) {
    const double t = i / fps;
    if (t > 20.0 && t < 20.5) continue;  // synthetic dropped frames
    // Amplitude grows from 35 to 50 deg to the right and stays at 38 to the left.
    const double s = std::sin(2 * std::numbers::pi * t / period_s);
    const double amp = s > 0 ? 35.0 + 15.0 * t / session_s : 38.0;
    const double knees = amp * s + 0.3 * std::sin(37.0 * t);          // small tremor
    const double hip_flexion = (t > 40.0 && t < 42.0) ? 25.0 : 65.0;  // knees lifting for 2 s
    Pose p = synthetic_pose(knees, hip_flexion);
    if (t > 50.0 && t < 51.0) p.clear(DofId::left_hip_internal_external_rotation);  // occluded
    if (knees > deepest) deepest = knees, deepest_right = p;
    for (const auto& cue : monitor.update(t, p)) {
      if (cue.kind == CueKind::phase_change) continue;
      std::printf("%7.2f s  %s\n", cue.t_s, cue.message().data());
    }
  }
  monitor.finish();

  std::printf("\n== %s: session summary ==\n", ex.name.c_str());
  std::printf("frames %zu, duration %.1f s, gaps %zu (%.2f s not counted)\n", monitor.frames(), monitor.duration_s(),
              monitor.gaps(), monitor.gap_s());
  std::printf("repetitions %zu\n", monitor.repetitions());
  std::printf("time: left %.1f s, centre %.1f s, right %.1f s, unknown %.1f s\n", monitor.time_in(Phase::left),
              monitor.time_in(Phase::centre), monitor.time_in(Phase::right), monitor.time_in(Phase::unknown));
  for (std::size_t b = 0; b < ex.bands.size(); ++b) {
    const auto& band = ex.bands[b];
    if (band.scope == BandScope::per_side) {
      const auto& l = monitor.stats(b, Phase::left);
      const auto& r = monitor.stats(b, Phase::right);
      std::printf("%s [%s, %s]: peak left %.1f, right %.1f deg; out of band left %.2f s, right %.2f s; unknown %.2f s",
                  band.label.c_str(), band.source.c_str(), band.tag.c_str(), l.max_deg.value_or(NAN),
                  r.max_deg.value_or(NAN), l.out_s, r.out_s, l.unknown_s + r.unknown_s);
      if (const auto a = monitor.asymmetry_deg(b)) std::printf("; asymmetry (right - left) %+.1f deg", *a);
      std::printf("\n");
    } else {
      const auto& c = monitor.stats(b, Phase::centre);
      std::printf("%s [%s, %s]: lowest %.1f deg; out of band %.2f s\n", band.label.c_str(), band.source.c_str(),
                  band.tag.c_str(), c.min_deg.value_or(NAN), c.out_s);
    }
  }
  std::printf("out-of-band intervals:\n");
  for (const auto& iv : monitor.intervals())
    std::printf("  %-40s %-6s %6.2f - %6.2f s  (%s, extreme %.1f deg)\n", ex.bands[iv.band].label.c_str(),
                to_string(iv.side).data(), iv.start_s, iv.end_s, iv.excursion == Excursion::above ? "above" : "below",
                iv.extreme_deg);

  // Muscles lengthened at the deepest knees-right frame, relative to the start position.
  const Pose start = synthetic_pose(0.0, 65.0);
  const auto lengths = muscle_lengths(deepest_right, start);
  std::printf("\nmuscles lengthened at knees right %.0f deg (score = sum w*(-sense*dtheta), rad):\n", deepest);
  for (const auto& l : lengths.lengthened)
    std::printf("  %-5s %-28s %.3f%s%s\n", to_string(l.muscle.side).data(), to_string(l.muscle.id).data(), l.score_rad,
                l.unverified ? "  [unverified row]" : "", l.uncertain ? "  [rotation uncertain: hip flexed]" : "");
  return 0;
}
