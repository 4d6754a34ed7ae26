// BVH skeleton → arthrokin segment frames (see include/arthrokin/io/bvh_segments.hpp).
#include <arthrokin/io/bvh_segments.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace arthrokin::io {

namespace {

std::string normalized(std::string_view s) {
  const auto colon = s.rfind(':');
  if (colon != std::string_view::npos) s.remove_prefix(colon + 1);
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

int find_joint(const std::vector<std::string>& names_in_file, const std::vector<std::string>& candidates) {
  for (const auto& c : candidates) {
    const std::string n = normalized(c);
    for (std::size_t j = 0; j < names_in_file.size(); ++j)
      if (names_in_file[j] == n) return static_cast<int>(j);
  }
  return -1;
}

std::vector<std::string> file_names(const BvhFile& file) {
  std::vector<std::string> v;
  v.reserve(file.joints.size());
  for (const auto& j : file.joints) v.push_back(normalized(j.name));
  return v;
}

// "LeftArm" → "RightArm", "lfemur" → "rfemur", "LFingers" → "RFingers", "Bip01 L Thigh" → "Bip01 R Thigh".
std::string to_right(const std::string& left) {
  std::string out;
  if (const auto p = left.find(" L "); p != std::string::npos) {
    out = left;
    out[p + 1] = 'R';
  } else if (left.rfind("Left", 0) == 0) {
    out = "Right";
    out.append(left, 4, std::string::npos);
  } else {
    out = left;
    if (!out.empty() && out[0] == 'l') out[0] = 'r';
    if (!out.empty() && out[0] == 'L') out[0] = 'R';
  }
  return out;
}
std::vector<std::string> to_right(const std::vector<std::string>& v) {
  std::vector<std::string> out;
  for (const auto& s : v) out.push_back(to_right(s));
  return out;
}

bool is_trunk(Segment s) {
  return s == Segment::pelvis || s == Segment::abdomen || s == Segment::thorax || s == Segment::head;
}
bool is_foot(Segment s) { return s == Segment::left_foot || s == Segment::right_foot; }

// Unit vector snapped to the nearest signed coordinate axis when within 25° of it.
Eigen::Vector3d snap(const Eigen::Vector3d& v) {
  const Eigen::Vector3d u = v.normalized();
  Eigen::Index k = 0;
  u.cwiseAbs().maxCoeff(&k);
  if (std::abs(u[k]) >= std::cos(25.0 * 3.14159265358979323846 / 180.0))
    return Eigen::Vector3d::Unit(k) * (u[k] > 0 ? 1.0 : -1.0);
  return u;
}

Eigen::Vector3d perpendicular(const Eigen::Vector3d& v, const Eigen::Vector3d& to_unit) {
  return v - v.dot(to_unit) * to_unit;
}

// Frame with the given unit Y and a lateral reference: Z = ref ⊥ Y, X = Y × Z.
Eigen::Matrix3d frame_from_y_z(const Eigen::Vector3d& y, const Eigen::Vector3d& z_ref) {
  const Eigen::Vector3d z = perpendicular(z_ref, y).normalized();
  Eigen::Matrix3d R;
  R.col(0) = y.cross(z);
  R.col(1) = y;
  R.col(2) = z;
  return R;
}
// Frame with the given unit Y and an anterior reference: X = ref ⊥ Y, Z = X × Y.
Eigen::Matrix3d frame_from_y_x(const Eigen::Vector3d& y, const Eigen::Vector3d& x_ref) {
  const Eigen::Vector3d x = perpendicular(x_ref, y).normalized();
  Eigen::Matrix3d R;
  R.col(0) = x;
  R.col(1) = y;
  R.col(2) = x.cross(y);
  return R;
}

struct Resolved {
  int frame = -1, proximal = -1, distal = -1, distal_end_site = -1;
};

Resolved resolve(const BvhFile& file, const std::vector<std::string>& names, const BvhSegmentRule& r) {
  Resolved out;
  out.frame = find_joint(names, r.frame);
  if (out.frame < 0) return out;
  out.proximal = r.proximal.empty() ? out.frame : find_joint(names, r.proximal);
  if (out.proximal < 0) out.proximal = out.frame;
  out.distal = find_joint(names, r.distal);
  if (out.distal < 0) {
    const auto& pj = file.joints[static_cast<std::size_t>(out.proximal)];
    if (!pj.end_sites.empty()) {
      out.distal_end_site = 0;
    } else {
      const auto ch = file.children(static_cast<std::size_t>(out.proximal));
      if (!ch.empty()) out.distal = static_cast<int>(ch.front());
    }
  }
  return out;
}

Eigen::Vector3d point_of(const BvhFile& file, int joint, int end_site, const BvhFkWorkspace& fk) noexcept {
  const auto j = static_cast<std::size_t>(joint);
  if (end_site < 0) return fk.p_global_joint[j];
  return fk.p_global_joint[j] + fk.R_global_joint[j] * file.joints[j].end_sites[static_cast<std::size_t>(end_site)];
}

}  // namespace

BvhMapping& BvhMapping::set(BvhSegmentRule rule) {
  remove(rule.segment);
  rules.push_back(std::move(rule));
  return *this;
}

BvhMapping& BvhMapping::remove(Segment s) {
  std::erase_if(rules, [s](const BvhSegmentRule& r) { return r.segment == s; });
  return *this;
}

const BvhSegmentRule* BvhMapping::find(Segment s) const noexcept {
  for (const auto& r : rules)
    if (r.segment == s) return &r;
  return nullptr;
}

BvhMapping cmu_mapping() {
  BvhMapping m;
  // Daz Genesis 3/8: `hip` is the root and `pelvis` its child that carries the thighs (the pelvis
  // proper); no other scheme here has a joint named `pelvis` below another pelvis candidate.
  m.set({Segment::pelvis, {"Hips", "pelvis", "hip", "root", "Bip01 Pelvis", "Bip001 Pelvis"}, {}, {}});
  // Trunk: CMU 3dsMax lowerback/Chest/Chest2/lowerneck/Neck/Head; CMU ASF lowerback/upperback/thorax/
  // lowerneck/upperneck/head; cgspeed MotionBuilder LowerBack/Spine/Spine1/Neck/Neck1/Head; Mixamo Spine/Spine1/Spine2;
  // Daz Genesis 3/8 abdomenLower/abdomenUpper/chestLower/chestUpper/neckLower/neckUpper/head, Daz Genesis 1/2
  // abdomen/abdomen2/chest/neck/head; 3ds Max Biped "Bip01 Spine"/"Bip01 Spine1"/.../"Bip01 Head" (and Bip001).
  // The segment's frame joint is the topmost joint of its region, whose
  // global rotation includes the rotations of the joints below it.
  m.set({Segment::abdomen,
         {"lowerback", "Spine", "abdomenUpper", "abdomen2", "abdomen", "Bip01 Spine", "Bip001 Spine"},
         {},
         {}});
  m.set({Segment::thorax,
         {"Spine2", "thorax", "Chest2", "Spine1", "Chest", "chestUpper", "chestLower", "chest", "Bip01 Spine3",
          "Bip01 Spine2", "Bip01 Spine1", "Bip001 Spine3", "Bip001 Spine2", "Bip001 Spine1"},
         {},
         {}});
  m.set({Segment::head, {"Head", "Bip01 Head", "Bip001 Head"}, {}, {}});
  struct LeftRule {
    Segment left, right;
    std::vector<std::string> frame, proximal, distal;
  };
  // Daz Genesis 3/8 split the upper arm, forearm and thigh into a Bend joint and a Twist child: the
  // segment's rotation is the Twist joint's (it includes the Bend), its proximal end the Bend joint.
  // Genesis 1/2 (and the Daz-friendly CMU conversion) have lShldr, lForeArm, lThigh.
  const LeftRule limbs[] = {
      // Mixamo LeftShoulder is the clavicle, 3dsMax LeftShoulder the humerus: LeftArm first.
      {Segment::left_upper_arm,
       Segment::right_upper_arm,
       {"LeftArm", "lhumerus", "LeftShoulder", "lShldrTwist", "lShldrBend", "lShldr", "Bip01 L UpperArm",
        "Bip001 L UpperArm"},
       {"lShldrBend"},
       {"LeftForeArm", "lradius", "LeftElbow", "lForearmBend", "lForeArm", "Bip01 L Forearm", "Bip001 L Forearm"}},
      // CMU ASF: lradius bends only (rx) and lwrist carries the forearm twist (ry): the forearm's
      // rotation is lwrist's, its proximal end lradius.
      {Segment::left_forearm,
       Segment::right_forearm,
       {"LeftForeArm", "lwrist", "LeftElbow", "lForearmTwist", "lForearmBend", "lForeArm", "Bip01 L Forearm",
        "Bip001 L Forearm"},
       {"LeftForeArm", "lradius", "LeftElbow", "lForearmBend", "lForeArm"},
       {"LeftHand", "lwrist", "LeftWrist", "lHand", "Bip01 L Hand", "Bip001 L Hand"}},
      {Segment::left_hand,
       Segment::right_hand,
       {"LeftHand", "lhand", "LeftWrist", "Bip01 L Hand", "Bip001 L Hand"},
       {},
       {"LeftHandMiddle1", "LeftFingerBase", "lfingers", "LeftHandIndex1", "lMid1", "Bip01 L Finger2",
        "Bip01 L Finger1", "Bip001 L Finger2", "Bip001 L Finger1"}},
      {Segment::left_thigh,
       Segment::right_thigh,
       {"LeftUpLeg", "lfemur", "LeftHip", "lThighTwist", "lThighBend", "lThigh", "Bip01 L Thigh", "Bip001 L Thigh"},
       {"lThighBend"},
       {"LeftLeg", "ltibia", "LeftKnee", "lShin", "Bip01 L Calf", "Bip001 L Calf"}},
      {Segment::left_shank,
       Segment::right_shank,
       {"LeftLeg", "ltibia", "LeftKnee", "lShin", "Bip01 L Calf", "Bip001 L Calf"},
       {},
       {"LeftFoot", "lfoot", "LeftAnkle", "lFoot", "Bip01 L Foot", "Bip001 L Foot"}},
      {Segment::left_foot,
       Segment::right_foot,
       {"LeftFoot", "lfoot", "LeftAnkle", "Bip01 L Foot", "Bip001 L Foot"},
       {},
       {"LeftToeBase", "ltoes", "LeftToe", "lToe", "Bip01 L Toe0", "Bip001 L Toe0"}},
  };
  for (const auto& r : limbs) {
    m.set({r.left, r.frame, r.proximal, r.distal});
    m.set({r.right, to_right(r.frame), to_right(r.proximal), to_right(r.distal)});
  }
  return m;
}

std::vector<std::string> bvh_missing_core_joints(const BvhBinding& binding) {
  struct Need {
    std::string_view joint;
    Segment a, b;
  };
  static constexpr Need needs[] = {
      {"left shoulder", Segment::thorax, Segment::left_upper_arm},
      {"left elbow", Segment::left_upper_arm, Segment::left_forearm},
      {"left hip", Segment::pelvis, Segment::left_thigh},
      {"left knee", Segment::left_thigh, Segment::left_shank},
      {"left ankle", Segment::left_shank, Segment::left_foot},
      {"right shoulder", Segment::thorax, Segment::right_upper_arm},
      {"right elbow", Segment::right_upper_arm, Segment::right_forearm},
      {"right hip", Segment::pelvis, Segment::right_thigh},
      {"right knee", Segment::right_thigh, Segment::right_shank},
      {"right ankle", Segment::right_shank, Segment::right_foot},
  };
  std::vector<std::string> out;
  for (const auto& n : needs) {
    std::string missing;
    for (Segment s : {n.a, n.b})
      if (!binding.has(s)) missing += (missing.empty() ? "" : ", ") + std::string(to_string(s));
    if (!missing.empty()) out.push_back(std::string(n.joint) + " (no " + missing + ")");
  }
  return out;
}

std::string describe_axis(const Eigen::Vector3d& v) {
  for (int k = 0; k < 3; ++k) {
    const char name[3] = {v[k] > 0 ? '+' : '-', "XYZ"[k], '\0'};
    if (v == Eigen::Vector3d::Unit(k) || v == -Eigen::Vector3d::Unit(k)) return name;
  }
  char buf[96];
  std::snprintf(buf, sizeof buf, "(%.3f, %.3f, %.3f)", v.x(), v.y(), v.z());
  return buf;
}

BvhBodyAxes bvh_body_axes(const BvhFile& file, const BvhMapping& mapping) {
  BvhBodyAxes axes;
  if (file.joints.empty()) return axes;
  BvhFkWorkspace rest(file);
  bvh_rest_pose(file, rest);
  const auto names = file_names(file);
  auto joint = [&](Segment s) {
    const BvhSegmentRule* r = mapping.find(s);
    return r ? resolve(file, names, *r).proximal : -1;
  };
  auto pos = [&](int j) { return rest.p_global_joint[static_cast<std::size_t>(j)]; };
  const int lh = joint(Segment::left_thigh), rh = joint(Segment::right_thigh);
  const int lk = joint(Segment::left_shank), rk = joint(Segment::right_shank);
  int top = joint(Segment::head);
  if (top < 0) top = joint(Segment::thorax);
  if (top < 0) top = joint(Segment::abdomen);
  if (lh < 0 || rh < 0 || lh == rh) return axes;
  const Eigen::Vector3d hip_mid = 0.5 * (pos(lh) + pos(rh));
  Eigen::Vector3d up_raw;
  if (top >= 0 && (pos(top) - hip_mid).norm() > 1e-9)
    up_raw = pos(top) - hip_mid;
  else if (lk >= 0 && rk >= 0)
    up_raw = hip_mid - 0.5 * (pos(lk) + pos(rk));
  else
    return axes;
  const Eigen::Vector3d up = snap(up_raw);
  const Eigen::Vector3d right_raw = perpendicular(pos(rh) - pos(lh), up);
  if (right_raw.norm() < 1e-9) return axes;
  Eigen::Vector3d right = snap(right_raw);
  if (std::abs(right.dot(up)) > 1e-9) right = perpendicular(right, up).normalized();
  axes.up = up;
  axes.right = right;
  axes.forward = up.cross(right);
  axes.derived = true;
  return axes;
}

namespace {

// Median distance of the rest joint positions from their component-wise median (the body scale
// of docs/kinematics.md, over joints instead of keypoints).
double body_scale(const BvhFkWorkspace& rest) {
  const std::size_t n = rest.p_global_joint.size();
  if (n == 0) return 0.0;
  std::vector<double> v(n);
  Eigen::Vector3d c;
  for (int k = 0; k < 3; ++k) {
    for (std::size_t j = 0; j < n; ++j) v[j] = rest.p_global_joint[j][k];
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>((n - 1) / 2), v.end());
    c[k] = v[(n - 1) / 2];
  }
  for (std::size_t j = 0; j < n; ++j) v[j] = (rest.p_global_joint[j] - c).norm();
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>((n - 1) / 2), v.end());
  return v[(n - 1) / 2];
}

}  // namespace

BvhBinding bind_bvh(const BvhFile& file, const BvhMapping& mapping, const BvhBindOptions& options) {
  BvhBinding b;
  b.axes = bvh_body_axes(file, mapping);
  if (file.joints.empty()) return b;
  BvhFkWorkspace rest(file);
  bvh_rest_pose(file, rest);
  const auto names = file_names(file);
  const Eigen::Vector3d up = b.axes.up, fwd = b.axes.forward, right = b.axes.right;
  if (!(options.min_length_fraction >= 0) || !std::isfinite(options.min_length_fraction))
    throw invalid_argument("bind_bvh: min_length_fraction must be a finite, non-negative number");
  const double scale = body_scale(rest);
  // An overflowing rest pose (absurd OFFSETs) gives no usable scale: fall back to the absolute 1e-9.
  b.min_bone_length = std::isfinite(scale) ? std::max(1e-9, options.min_length_fraction * scale) : 1e-9;
  Eigen::Matrix3d body;
  body << fwd, up, right;

  for (const auto& rule : mapping.rules) {
    const Resolved r = resolve(file, names, rule);
    if (r.frame < 0) continue;
    BvhSegmentBinding& s = b.segments[static_cast<std::size_t>(rule.segment)];
    s.frame_joint = r.frame;
    s.proximal_joint = r.proximal;
    s.distal_joint = r.distal;
    s.distal_end_site = r.distal_end_site;
    b.bound.set(static_cast<std::size_t>(rule.segment));
  }
  b.left_hip_joint = b.has(Segment::left_thigh) ? b[Segment::left_thigh].proximal_joint : -1;
  b.right_hip_joint = b.has(Segment::right_thigh) ? b[Segment::right_thigh].proximal_joint : -1;
  if (b.left_hip_joint < 0 || b.right_hip_joint < 0 || b.left_hip_joint == b.right_hip_joint)
    b.left_hip_joint = b.right_hip_joint = -1;

  for (std::size_t i = 0; i < segment_count; ++i) {
    if (!b.bound.test(i)) continue;
    const auto seg = static_cast<Segment>(i);
    BvhSegmentBinding& s = b.segments[i];
    const bool has_distal = s.distal_joint >= 0 || s.distal_end_site >= 0;
    const Eigen::Vector3d p_prox = rest.p_global_joint[static_cast<std::size_t>(s.proximal_joint)];
    const Eigen::Vector3d p_dist =
        has_distal ? (s.distal_joint >= 0 ? rest.p_global_joint[static_cast<std::size_t>(s.distal_joint)]
                                          : point_of(file, s.proximal_joint, s.distal_end_site, rest))
                   : p_prox;
    Eigen::Matrix3d A = body;  // rest anatomical frame in global axes (= in the frame joint's axes at rest)
    if (seg == Segment::pelvis) {
      if (b.left_hip_joint >= 0) {
        const Eigen::Vector3d z = rest.p_global_joint[static_cast<std::size_t>(b.right_hip_joint)] -
                                  rest.p_global_joint[static_cast<std::size_t>(b.left_hip_joint)];
        if (z.norm() > 1e-9 && perpendicular(up, z.normalized()).norm() > 1e-6) {
          const Eigen::Vector3d zn = z.normalized();
          const Eigen::Vector3d y = perpendicular(up, zn).normalized();
          A.col(0) = y.cross(zn);
          A.col(1) = y;
          A.col(2) = zn;
        }
      }
    } else if (is_trunk(seg)) {
      // upright neutral at rest
    } else if (is_foot(seg)) {
      const Eigen::Vector3d heel_toe = perpendicular(p_dist - p_prox, up);
      if (heel_toe.norm() >= b.min_bone_length)
        A = frame_from_y_x(up, heel_toe);
      else
        s.degenerate = true;  // no heel→toe direction at rest: dorsiflexion and inversion undetermined
    } else if (!((p_prox - p_dist).norm() >= b.min_bone_length)) {
      s.degenerate = true;  // zero-length (or too short) bone: no long axis
    } else {
      const Eigen::Vector3d y = (p_prox - p_dist).normalized();
      // A bone closer to the lateral axis than to the vertical (T-pose arms): anterior reference.
      A = std::abs(y.dot(right)) > std::sqrt(0.5) ? frame_from_y_x(y, fwd) : frame_from_y_z(y, right);
      s.geometric_y = true;
      if (s.distal_end_site >= 0)
        s.distal_offset = file.joints[static_cast<std::size_t>(s.proximal_joint)]
                              .end_sites[static_cast<std::size_t>(s.distal_end_site)];
    }
    s.R_joint_segment = A;  // rest global rotations are the identity
  }
  return b;
}

void bvh_segment_orientations(const BvhBinding& binding, const BvhFkWorkspace& fk, SegmentOrientations& out) noexcept {
  out.known.reset();
  out.degenerate.reset();
  for (std::size_t i = 0; i < segment_count; ++i) {
    if (!binding.bound.test(i)) continue;
    const BvhSegmentBinding& s = binding.segments[i];
    // A binding used with a workspace of another file: never index out of range.
    const std::size_t n = std::min(fk.R_global_joint.size(), fk.p_global_joint.size());
    const auto fj = static_cast<std::size_t>(s.frame_joint);
    if (fj >= n || static_cast<std::size_t>(s.proximal_joint) >= n ||
        (s.distal_joint >= 0 && static_cast<std::size_t>(s.distal_joint) >= n))
      continue;
    if (s.degenerate) {
      out.set_degenerate(static_cast<Segment>(i));
      continue;
    }
    Eigen::Matrix3d R = fk.R_global_joint[fj] * s.R_joint_segment;
    if (static_cast<Segment>(i) == Segment::pelvis && binding.left_hip_joint >= 0 &&
        static_cast<std::size_t>(std::max(binding.left_hip_joint, binding.right_hip_joint)) <
            fk.p_global_joint.size()) {
      // Medio-lateral axis from the two hip joint centres of this frame.
      const Eigen::Vector3d hips = fk.p_global_joint[static_cast<std::size_t>(binding.right_hip_joint)] -
                                   fk.p_global_joint[static_cast<std::size_t>(binding.left_hip_joint)];
      if (hips.norm() > 1e-9) {
        const Eigen::Vector3d z = hips.normalized();
        const Eigen::Vector3d y = perpendicular(R.col(1), z).normalized();
        R.col(0) = y.cross(z);
        R.col(1) = y;
        R.col(2) = z;
      }
    }
    if (s.geometric_y) {
      // Long axis from this frame's joint positions (proximal − distal); lateral axis carried.
      const auto pj = static_cast<std::size_t>(s.proximal_joint);
      const Eigen::Vector3d p_dist =
          s.distal_joint >= 0 ? fk.p_global_joint[static_cast<std::size_t>(s.distal_joint)]
                              : Eigen::Vector3d(fk.p_global_joint[pj] + fk.R_global_joint[pj] * s.distal_offset);
      const Eigen::Vector3d bone = fk.p_global_joint[pj] - p_dist;
      if (!(bone.norm() >= binding.min_bone_length)) {
        out.set_degenerate(static_cast<Segment>(i));  // this frame's bone has (nearly) no length
        continue;
      }
      {
        const Eigen::Vector3d y = bone.normalized();
        const Eigen::Vector3d z = perpendicular(R.col(2), y).normalized();
        R.col(0) = y.cross(z);
        R.col(1) = y;
        R.col(2) = z;
      }
    }
    // Degenerate or overflowing geometry (e.g. absurd OFFSETs): the segment stays unknown.
    if (!R.allFinite() || std::abs(R.determinant() - 1.0) > 1e-6) continue;
    out.set(static_cast<Segment>(i), Eigen::Quaterniond(R));
  }
}

Eigen::Vector3d bvh_proximal_point(const BvhFile&, const BvhSegmentBinding& b, const BvhFkWorkspace& fk) noexcept {
  if (b.proximal_joint < 0 || static_cast<std::size_t>(b.proximal_joint) >= fk.p_global_joint.size())
    return Eigen::Vector3d::Constant(std::numeric_limits<double>::quiet_NaN());
  return fk.p_global_joint[static_cast<std::size_t>(b.proximal_joint)];
}

Eigen::Vector3d bvh_distal_point(const BvhFile& file, const BvhSegmentBinding& b, const BvhFkWorkspace& fk) noexcept {
  const std::size_t n = fk.p_global_joint.size();
  if (b.proximal_joint < 0 || static_cast<std::size_t>(b.proximal_joint) >= n ||
      b.distal_joint >= static_cast<int>(n) || static_cast<std::size_t>(b.proximal_joint) >= file.joints.size())
    return Eigen::Vector3d::Constant(std::numeric_limits<double>::quiet_NaN());
  if (b.distal_joint >= 0) return fk.p_global_joint[static_cast<std::size_t>(b.distal_joint)];
  if (b.distal_end_site >= 0) return point_of(file, b.proximal_joint, b.distal_end_site, fk);
  return fk.p_global_joint[static_cast<std::size_t>(b.proximal_joint)];
}

}  // namespace arthrokin::io
