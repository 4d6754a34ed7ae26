// BVH → the gait report's laboratory angles and foot contacts (include/arthrokin/io/bvh_gait.hpp).
#include <arthrokin/error.hpp>
#include <arthrokin/io/bvh_gait.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace arthrokin::io {

BvhGait bvh_gait(const BvhFile& file, const BvhBinding& binding, const BvhGaitOptions& options) {
  if (!(std::isfinite(options.lift_fraction) && options.lift_fraction > 0 && std::isfinite(options.touch_fraction) &&
        options.touch_fraction > 0))
    detail::raise("bvh_gait: lift and touch fractions must be finite and positive");
  BvhGait out;
  const auto n = static_cast<std::size_t>(file.frame_count());
  out.lab.assign(n, GaitLabFrame{});
  if (n == 0) return out;
  BvhFkWorkspace fk(file);
  const Eigen::Vector3d up = binding.axes.up.normalized();
  struct Leg {
    Segment thigh, shank;
    std::vector<std::size_t>* contacts;
    std::vector<double> height;
    bool ok = false;
  };
  Leg legs[2] = {{Segment::left_thigh, Segment::left_shank, &out.contacts.left, {}},
                 {Segment::right_thigh, Segment::right_shank, &out.contacts.right, {}}};
  for (auto& l : legs) {
    l.ok = binding.has(l.thigh) && binding.has(l.shank);
    if (l.ok) l.height.resize(n);
  }
  Eigen::Vector3d root_first = Eigen::Vector3d::Zero(), root_last = Eigen::Vector3d::Zero();
  for (std::size_t f = 0; f < n; ++f) {
    bvh_forward_kinematics(file, static_cast<Eigen::Index>(f), fk);
    if (f == 0) {
      root_first = fk.p_global_joint[0];
      for (auto& l : legs) {
        if (!l.ok) continue;
        const double len =
            (bvh_proximal_point(file, binding[l.thigh], fk) - bvh_distal_point(file, binding[l.thigh], fk)).norm() +
            (bvh_proximal_point(file, binding[l.shank], fk) - bvh_distal_point(file, binding[l.shank], fk)).norm();
        if (std::isfinite(len) && len > 0) out.leg_length = len;  // the right leg's, being second
      }
    }
    if (f + 1 == n) root_last = fk.p_global_joint[0];
    for (auto& l : legs)
      if (l.ok) l.height[f] = bvh_distal_point(file, binding[l.shank], fk).dot(up);
  }
  // The walking direction: the root's net horizontal displacement.
  const Eigen::Vector3d d = root_last - root_first;
  const Eigen::Vector3d horizontal = d - d.dot(up) * up;
  out.direction_known = std::isfinite(out.leg_length) && horizontal.norm() > out.leg_length;
  if (out.direction_known) {
    out.forward = horizontal.normalized();
    SegmentOrientations seg;
    for (std::size_t f = 0; f < n; ++f) {
      bvh_forward_kinematics(file, static_cast<Eigen::Index>(f), fk);
      bvh_segment_orientations(binding, fk, seg);
      out.lab[f].left = gait_lab_angles(seg, Side::left, out.forward, up);
      out.lab[f].right = gait_lab_angles(seg, Side::right, out.forward, up);
    }
  }
  // Foot contacts from the ankle heights.
  if (!std::isfinite(out.leg_length)) return out;
  const double lift = options.lift_fraction * out.leg_length, touch = options.touch_fraction * out.leg_length;
  for (auto& l : legs) {
    if (!l.ok) continue;
    std::vector<double> sorted;
    for (double h : l.height)
      if (std::isfinite(h)) sorted.push_back(h);
    if (sorted.empty()) continue;
    const auto k = sorted.size() / 20;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k), sorted.end());
    const double level = sorted[k];
    bool swing = false;
    for (std::size_t f = 0; f < n; ++f) {
      const double h = l.height[f];
      if (!std::isfinite(h)) {
        swing = false;
        continue;
      }
      if (h > level + lift) swing = true;
      if (swing && h <= level + touch) {
        l.contacts->push_back(f);
        swing = false;
      }
    }
  }
  return out;
}

}  // namespace arthrokin::io
