// BVH → segment frames: body axes, mapping of naming schemes, frame construction from FK geometry.
#include <arthrokin/io/bvh_segments.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <numbers>
#include <string>

namespace {

using namespace arthrokin;
using namespace arthrokin::io;

const std::string walk_path = std::string(ARTHROKIN_DATA_DIR) + "/samples/bvh/131_01_start_walk_stop.bvh";

const BvhFile& walk() {
  static const BvhFile f = read_bvh(walk_path);
  return f;
}

Eigen::Matrix3d R_of(const SegmentOrientations& s, Segment seg) { return s[seg].toRotationMatrix(); }

TEST(bvh_segments, BodyAxesOfCmuWalk) {
  const BvhBodyAxes a = bvh_body_axes(walk());
  ASSERT_TRUE(a.derived);
  // SOURCE.md: CMU is Y-up. In the file, LeftHip's OFFSET has +X (the subject's left is +X) and the
  // toes' End Site OFFSETs point along +Z, so the subject faces +Z and its right is -X.
  EXPECT_EQ(a.up, Eigen::Vector3d::UnitY());
  EXPECT_EQ(a.right, -Eigen::Vector3d::UnitX());
  EXPECT_EQ(a.forward, Eigen::Vector3d::UnitZ());
  EXPECT_GT(a.forward.dot(walk().joints[*walk().find("LeftToe")].end_sites[0]), 0.0);
  EXPECT_EQ(describe_axis(a.up), "+Y");
  EXPECT_EQ(describe_axis(a.right), "-X");
}

TEST(bvh_segments, CmuMappingBindsEverySegmentToTheProximalJoint) {
  const BvhFile& f = walk();
  const BvhBinding b = bind_bvh(f);
  EXPECT_EQ(b.bound.count(), segment_count);
  auto name = [&](int j) { return j < 0 ? std::string("<none>") : f.joints[static_cast<std::size_t>(j)].name; };
  const std::map<Segment, std::pair<std::string, std::string>> expected{
      {Segment::pelvis, {"Hips", "<none>"}},
      {Segment::abdomen, {"lowerback", "<none>"}},
      {Segment::thorax, {"Chest2", "<none>"}},
      {Segment::head, {"Head", "<none>"}},
      {Segment::left_thigh, {"LeftHip", "LeftKnee"}},
      {Segment::left_shank, {"LeftKnee", "LeftAnkle"}},
      {Segment::left_foot, {"LeftAnkle", "LeftToe"}},
      {Segment::right_thigh, {"RightHip", "RightKnee"}},
      {Segment::left_upper_arm, {"LeftShoulder", "LeftElbow"}},
      {Segment::left_forearm, {"LeftElbow", "LeftWrist"}},
      {Segment::left_hand, {"lhand", "LFingers"}},
      {Segment::right_hand, {"rhand", "RFingers"}},
  };
  for (const auto& [seg, joints] : expected) {
    EXPECT_EQ(name(b[seg].frame_joint), joints.first) << to_string(seg);
    if (joints.second != "<none>") {
      EXPECT_EQ(name(b[seg].distal_joint), joints.second) << to_string(seg);
    }
  }
  EXPECT_EQ(b[Segment::head].distal_end_site, 0);  // Head's End Site
  EXPECT_EQ(name(b.left_hip_joint), "LeftHip");
  EXPECT_EQ(name(b.right_hip_joint), "RightHip");
}

void expect_rotation(const Eigen::Matrix3d& R, const char* what) {
  EXPECT_NEAR((R.transpose() * R - Eigen::Matrix3d::Identity()).norm(), 0.0, 1e-9) << what;
  EXPECT_NEAR(R.determinant(), 1.0, 1e-9) << what;
}

// Y of every limb segment follows the bone from the FK positions in every frame; the pelvis Z is
// the line between the hip joint centres; the foot's X keeps a constant angle to the heel→toe line.
TEST(bvh_segments, FramesFollowFkGeometryEveryFrame) {
  const BvhFile& f = walk();
  const BvhBinding b = bind_bvh(f);
  BvhFkWorkspace fk(f);
  SegmentOrientations s;
  const Segment limbs[] = {Segment::left_thigh,      Segment::left_shank,     Segment::right_thigh,
                           Segment::right_shank,     Segment::left_upper_arm, Segment::left_forearm,
                           Segment::right_upper_arm, Segment::right_forearm,  Segment::left_hand,
                           Segment::right_hand};
  double worst_y = 0, worst_pelvis = 0, foot_min = 10, foot_max = -10;
  for (Eigen::Index fr = 0; fr < f.frame_count(); ++fr) {
    bvh_forward_kinematics(f, fr, fk);
    bvh_segment_orientations(b, fk, s);
    ASSERT_EQ(s.known.count(), segment_count);
    for (Segment seg : limbs) {
      const Eigen::Matrix3d R = R_of(s, seg);
      const Eigen::Vector3d bone = (bvh_proximal_point(f, b[seg], fk) - bvh_distal_point(f, b[seg], fk)).normalized();
      worst_y = std::max(worst_y, (R.col(1) - bone).norm());
      // The rest frame carried by the frame joint's rotation has the same Y (the bone is rigid in it).
      const Eigen::Vector3d carried =
          fk.R_global_joint[static_cast<std::size_t>(b[seg].frame_joint)] * b[seg].R_joint_segment.col(1);
      worst_y = std::max(worst_y, (carried - bone).norm());
    }
    const Eigen::Vector3d hip_line = (fk.p_global_joint[static_cast<std::size_t>(b.right_hip_joint)] -
                                      fk.p_global_joint[static_cast<std::size_t>(b.left_hip_joint)])
                                         .normalized();
    worst_pelvis = std::max(worst_pelvis, (R_of(s, Segment::pelvis).col(2) - hip_line).norm());
    const Eigen::Vector3d heel_toe =
        (bvh_distal_point(f, b[Segment::left_foot], fk) - bvh_proximal_point(f, b[Segment::left_foot], fk))
            .normalized();
    const double c = heel_toe.dot(R_of(s, Segment::left_foot).col(0));
    foot_min = std::min(foot_min, c);
    foot_max = std::max(foot_max, c);
    if (fr % 97 == 0)
      for (std::size_t i = 0; i < segment_count; ++i) expect_rotation(R_of(s, static_cast<Segment>(i)), "segment");
  }
  EXPECT_LT(worst_y, 1e-9);
  EXPECT_LT(worst_pelvis, 1e-9);
  EXPECT_NEAR(foot_max - foot_min, 0.0, 1e-9);
  // At rest the heel→toe line (LeftAnkle → LeftToe OFFSET 0.14820 -0.40718 2.21395) dips below the
  // horizontal foot X by atan(0.40718 / hypot(0.14820, 2.21395)).
  const double rest_pitch = std::atan2(0.40718, std::hypot(0.14820, 2.21395));
  EXPECT_NEAR(foot_min, std::cos(rest_pitch), 1e-9);
}

TEST(bvh_segments, RestPoseFrames) {
  const BvhFile& f = walk();
  const BvhBinding b = bind_bvh(f);
  BvhFkWorkspace fk(f);
  bvh_rest_pose(f, fk);
  SegmentOrientations s;
  bvh_segment_orientations(b, fk, s);
  // Trunk segments at rest: X forward (+Z), Y up (+Y), Z right (-X).
  Eigen::Matrix3d body;
  body << Eigen::Vector3d::UnitZ(), Eigen::Vector3d::UnitY(), -Eigen::Vector3d::UnitX();
  for (Segment seg : {Segment::pelvis, Segment::abdomen, Segment::thorax, Segment::head})
    EXPECT_NEAR((R_of(s, seg) - body).norm(), 0.0, 1e-12) << to_string(seg);
  // The rest thigh is the OFFSET of LeftKnee (2.49329 -6.85026 0): splayed ~20° outward, not anatomical zero.
  const Eigen::Vector3d y = R_of(s, Segment::left_thigh).col(1);
  EXPECT_NEAR((y - Eigen::Vector3d(-2.49329, 6.85026, 0).normalized()).norm(), 0.0, 1e-12);
  EXPECT_NEAR(R_of(s, Segment::left_thigh).col(2).dot(y), 0.0, 1e-12);
  EXPECT_LT(R_of(s, Segment::left_thigh).col(2).x(), 0.0);  // Z points to the subject's right (-X)
  // Foot at rest: Y up, X = floor projection of heel→toe (0.14820, 0, 2.21395).
  EXPECT_NEAR((R_of(s, Segment::left_foot).col(1) - Eigen::Vector3d::UnitY()).norm(), 0.0, 1e-12);
  EXPECT_NEAR((R_of(s, Segment::left_foot).col(0) - Eigen::Vector3d(0.14820, 0, 2.21395).normalized()).norm(), 0.0,
              1e-12);
}

// The whole file turned into a Z-up file (every OFFSET, the root position and every joint's local
// rotation conjugated by Q = Rx(+90°)): the derived axes turn with it, and every segment frame is
// Q times the original, so relative orientations (joint angles) are unchanged.
BvhFile rotated(const BvhFile& f, const Eigen::Matrix3d& Q) {
  BvhFile g = f;
  for (auto& j : g.joints) {
    j.offset = Q * j.offset;
    for (auto& e : j.end_sites) e = Q * e;
  }
  for (Eigen::Index fr = 0; fr < f.frame_count(); ++fr) {
    const double* row = f.frames.data() + fr * f.frames.cols();
    double* out = g.frames.data() + fr * g.frames.cols();
    for (const auto& j : f.joints) {
      int rot_axes[3], rot_cols[3], n_rot = 0, pos_cols[3] = {-1, -1, -1};
      Eigen::Vector3d p = Eigen::Vector3d::Zero();
      for (std::size_t k = 0; k < j.channels.size(); ++k) {
        const int col = j.first_channel + static_cast<int>(k);
        if (is_rotation(j.channels[k])) {
          rot_axes[n_rot] = axis_index(j.channels[k]);
          rot_cols[n_rot++] = col;
        } else {
          p[axis_index(j.channels[k])] = row[col];
          pos_cols[axis_index(j.channels[k])] = col;
        }
      }
      if (n_rot == 3) {
        const Eigen::Matrix3d R = Q * bvh_local_rotation(j, row) * Q.transpose();
        const Eigen::Vector3d e = R.eulerAngles(rot_axes[0], rot_axes[1], rot_axes[2]) * (180.0 / std::numbers::pi);
        for (int k = 0; k < 3; ++k) out[rot_cols[k]] = e[k];
      }
      const Eigen::Vector3d q = Q * p;
      for (int k = 0; k < 3; ++k)
        if (pos_cols[k] >= 0) out[pos_cols[k]] = q[k];
    }
  }
  return g;
}

TEST(bvh_segments, ZUpFileGivesRotatedAxesAndSameRelativeFrames) {
  const BvhFile& f = walk();
  const Eigen::Matrix3d Q = Eigen::AngleAxisd(std::numbers::pi / 2, Eigen::Vector3d::UnitX()).toRotationMatrix();
  const BvhFile g = rotated(f, Q);
  const BvhBinding bf = bind_bvh(f), bg = bind_bvh(g);
  // Rx(90°) maps +Y → +Z and +Z → -Y.
  EXPECT_NEAR((bg.axes.up - Eigen::Vector3d::UnitZ()).norm(), 0.0, 1e-12);
  EXPECT_NEAR((bg.axes.forward + Eigen::Vector3d::UnitY()).norm(), 0.0, 1e-12);
  EXPECT_NEAR((bg.axes.right + Eigen::Vector3d::UnitX()).norm(), 0.0, 1e-12);
  BvhFkWorkspace kf(f), kg(g);
  SegmentOrientations sf, sg;
  double worst = 0;
  for (Eigen::Index fr = 0; fr < f.frame_count(); fr += 11) {
    bvh_forward_kinematics(f, fr, kf);
    bvh_forward_kinematics(g, fr, kg);
    bvh_segment_orientations(bf, kf, sf);
    bvh_segment_orientations(bg, kg, sg);
    for (std::size_t i = 0; i < segment_count; ++i) {
      const auto seg = static_cast<Segment>(i);
      worst = std::max(worst, (R_of(sg, seg) - Q * R_of(sf, seg)).norm());
    }
  }
  EXPECT_LT(worst, 1e-9);
}

BvhFile renamed(const BvhFile& f, const std::map<std::string, std::string>& names) {
  BvhFile g = f;
  for (auto& j : g.joints)
    if (auto it = names.find(j.name); it != names.end()) j.name = it->second;
  return g;
}

// The same walk under MotionBuilder/Mixamo-style names (with a "mixamorig:" prefix) binds the same
// joints and gives the same frames.
TEST(bvh_segments, MixamoStyleNamesGiveTheSameFrames) {
  std::map<std::string, std::string> mb;
  for (std::string side : {"Left", "Right"}) {
    const std::string s = side.substr(0, 1);  // L / R
    const std::string l = side == "Left" ? "l" : "r";
    mb[side + "Hip"] = side + "UpLeg";
    mb[side + "Knee"] = side + "Leg";
    mb[side + "Ankle"] = side + "Foot";
    mb[side + "Toe"] = side + "ToeBase";
    mb[side + "Collar"] = side + "Shoulder";
    mb[side + "Shoulder"] = side + "Arm";
    mb[side + "Elbow"] = side + "ForeArm";
    mb[side + "Wrist"] = side + "Hand";
    mb[l + "hand"] = side + "HandRig";
    mb[s + "Fingers"] = side + "HandMiddle1";
  }
  mb["lowerback"] = "Spine";
  mb["Chest"] = "Spine1";
  mb["Chest2"] = "Spine2";
  mb["lowerneck"] = "Neck";
  mb["Neck"] = "Neck1";
  for (auto& [from, to] : mb) to = "mixamorig:" + to;
  mb["Hips"] = "mixamorig:Hips";
  mb["Head"] = "mixamorig:Head";
  const BvhFile g = renamed(walk(), mb);
  const BvhBinding bf = bind_bvh(walk()), bg = bind_bvh(g);
  EXPECT_EQ(bg.bound.count(), segment_count);
  EXPECT_EQ(g.joints[static_cast<std::size_t>(bg[Segment::left_upper_arm].frame_joint)].name, "mixamorig:LeftArm");
  BvhFkWorkspace fk(walk());
  SegmentOrientations sf, sg;
  for (Eigen::Index fr = 0; fr < walk().frame_count(); fr += 50) {
    bvh_forward_kinematics(walk(), fr, fk);
    bvh_segment_orientations(bf, fk, sf);
    bvh_segment_orientations(bg, fk, sg);
    for (std::size_t i = 0; i < segment_count; ++i) {
      const auto seg = static_cast<Segment>(i);
      EXPECT_NEAR((R_of(sg, seg) - R_of(sf, seg)).norm(), 0.0, 1e-9) << to_string(seg) << " frame " << fr;
    }
  }
}

TEST(bvh_segments, AsfNamesBind) {
  std::map<std::string, std::string> asf{{"Hips", "hip"},      {"lowerback", "lowerback"}, {"Chest", "upperback"},
                                         {"Chest2", "thorax"}, {"Neck", "upperneck"},      {"Head", "head"}};
  for (std::string side : {"Left", "Right"}) {
    const std::string l = side == "Left" ? "l" : "r";
    const std::string s = side.substr(0, 1);
    asf[s + "HipJoint"] = l + "hipjoint";
    asf[side + "Hip"] = l + "femur";
    asf[side + "Knee"] = l + "tibia";
    asf[side + "Ankle"] = l + "foot";
    asf[side + "Toe"] = l + "toes";
    asf[side + "Collar"] = l + "clavicle";
    asf[side + "Shoulder"] = l + "humerus";
    asf[side + "Elbow"] = l + "radius";
    asf[side + "Wrist"] = l + "wrist";
    asf[s + "Fingers"] = l + "fingers";
    asf[s + "Thumb"] = l + "thumb";
  }
  const BvhFile g = renamed(walk(), asf);
  const BvhBinding b = bind_bvh(g);
  EXPECT_EQ(b.bound.count(), segment_count);
  auto name = [&](int j) { return g.joints[static_cast<std::size_t>(j)].name; };
  EXPECT_EQ(name(b[Segment::left_thigh].frame_joint), "lfemur");
  EXPECT_EQ(name(b[Segment::right_shank].frame_joint), "rtibia");
  EXPECT_EQ(name(b[Segment::thorax].frame_joint), "thorax");
  EXPECT_EQ(name(b[Segment::left_upper_arm].frame_joint), "lhumerus");
  // ASF: the forearm's twist is on lwrist; its proximal end is lradius (the elbow).
  EXPECT_EQ(name(b[Segment::left_forearm].frame_joint), "lwrist");
  EXPECT_EQ(name(b[Segment::left_forearm].proximal_joint), "lradius");
  EXPECT_EQ(name(b[Segment::right_hand].distal_joint), "rfingers");
}

TEST(bvh_segments, UserOverrideAndMissingSegments) {
  const BvhFile& f = walk();
  BvhMapping m = cmu_mapping();
  m.remove(Segment::head);
  m.set({Segment::left_shank, {"LeftKnee"}, {}, {"LeftToe"}});  // a deliberately odd shank: knee → toe joint
  const BvhBinding b = bind_bvh(f, m);
  EXPECT_FALSE(b.has(Segment::head));
  EXPECT_EQ(b[Segment::left_shank].distal_joint, static_cast<int>(*f.find("LeftToe")));
  BvhFkWorkspace fk(f);
  bvh_forward_kinematics(f, 300, fk);
  SegmentOrientations s;
  bvh_segment_orientations(b, fk, s);
  EXPECT_FALSE(s.has(Segment::head));
  const Eigen::Vector3d knee_toe =
      (fk.p_global_joint[*f.find("LeftKnee")] - fk.p_global_joint[*f.find("LeftToe")]).normalized();
  EXPECT_NEAR((R_of(s, Segment::left_shank).col(1) - knee_toe).norm(), 0.0, 1e-9);
  // Only one thigh bound: the pelvis cannot use the hip line and keeps its carried frame.
  BvhMapping one = cmu_mapping();
  one.remove(Segment::right_thigh);
  const BvhBinding ob = bind_bvh(f, one);
  EXPECT_EQ(ob.left_hip_joint, -1);
  EXPECT_EQ(ob.right_hip_joint, -1);
  SegmentOrientations os;
  bvh_segment_orientations(ob, fk, os);
  EXPECT_TRUE(os.has(Segment::pelvis));
  EXPECT_FALSE(os.has(Segment::right_thigh));
  // A mapping naming joints absent from the file binds nothing; axes fall back and say so.
  BvhMapping none;
  none.set({Segment::pelvis, {"NoSuchJoint"}, {}, {}});
  const BvhBinding e = bind_bvh(f, none);
  EXPECT_EQ(e.bound.count(), 0u);
  EXPECT_FALSE(e.axes.derived);
}

// Facing: in frames 552-720 the root travels straight along +Z (Hips Zposition -22 → +8 with
// Xposition within 4.0-5.5, read from the file), a forward walk; the pelvis X must point along the
// travel. (The clip is "Michael Jackson styled": elsewhere it slides sideways and moonwalks
// backwards, so facing ≠ travel direction there.)
TEST(bvh_segments, SubjectFacesTheStraightWalk) {
  const BvhFile& f = walk();
  const BvhBinding b = bind_bvh(f);
  BvhFkWorkspace fk(f);
  SegmentOrientations s;
  bvh_forward_kinematics(f, 720, fk);
  const Eigen::Vector3d p1 = fk.p_global_joint[0];
  bvh_forward_kinematics(f, 552, fk);
  Eigen::Vector3d travel = p1 - fk.p_global_joint[0];
  travel -= travel.dot(b.axes.up) * b.axes.up;
  EXPECT_GT(travel.normalized().dot(b.axes.forward), std::cos(10.0 * std::numbers::pi / 180));
  for (Eigen::Index fr = 552; fr <= 720; fr += 4) {
    bvh_forward_kinematics(f, fr, fk);
    bvh_segment_orientations(b, fk, s);
    Eigen::Vector3d x = R_of(s, Segment::pelvis).col(0);
    x -= x.dot(b.axes.up) * b.axes.up;
    EXPECT_GT(x.normalized().dot(travel.normalized()), std::cos(20.0 * std::numbers::pi / 180)) << "frame " << fr;
  }
}

}  // namespace
