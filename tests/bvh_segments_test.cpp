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

// ---- any rig: Daz, 3ds Max Biped, mapping files, missing core joints (issue 16 item 5) ----------

namespace rigs {

/// The walk's joints under another rig's names: `left` maps a CMU left-side joint name to the rig's
/// name, `right_of` turns it into the right side's; `trunk` maps the unsided joints.
BvhFile renamed_rig(const std::map<std::string, std::string>& left, const std::map<std::string, std::string>& trunk,
                    std::string (*right_of)(const std::string&)) {
  std::map<std::string, std::string> all = trunk;
  for (const auto& [cmu, rig] : left) {
    all[cmu] = rig;
    std::string r = cmu;
    if (r.rfind("Left", 0) == 0)
      r = "Right" + r.substr(4);
    else if (r[0] == 'L')
      r[0] = 'R';
    else if (r[0] == 'l')
      r[0] = 'r';
    all[r] = right_of(rig);
  }
  return renamed(walk(), all);
}

void expect_same_frames(const BvhFile& g, const BvhBinding& bg) {
  const BvhBinding bf = bind_bvh(walk());
  BvhFkWorkspace fk(walk());
  SegmentOrientations sf, sg;
  for (Eigen::Index fr = 0; fr < walk().frame_count(); fr += 70) {
    bvh_forward_kinematics(walk(), fr, fk);
    bvh_segment_orientations(bf, fk, sf);
    bvh_segment_orientations(bg, fk, sg);
    for (std::size_t i = 0; i < segment_count; ++i) {
      const auto seg = static_cast<Segment>(i);
      ASSERT_TRUE(sg.has(seg)) << to_string(seg);
      EXPECT_NEAR((R_of(sg, seg) - R_of(sf, seg)).norm(), 0.0, 1e-9) << to_string(seg) << " frame " << fr;
    }
  }
  (void)g;
}

}  // namespace rigs

// Daz Genesis 3/8 names (hip, abdomenUpper, chestLower, chestUpper, lShldrBend, lForearmBend, lHand,
// lThighBend, lShin, lFoot, lToe ...) on the walk: every segment binds, with the same frames.
TEST(bvh_segments, DazGenesisNamesGiveTheSameFrames) {
  const std::map<std::string, std::string> left{{"LeftCollar", "lCollar"},     {"LeftShoulder", "lShldrBend"},
                                                {"LeftElbow", "lForearmBend"}, {"LeftWrist", "lHand"},
                                                {"lhand", "lCarpal1"},         {"LFingers", "lMid1"},
                                                {"LThumb", "lThumb1"},         {"LeftHip", "lThighBend"},
                                                {"LeftKnee", "lShin"},         {"LeftAnkle", "lFoot"},
                                                {"LeftToe", "lToe"},           {"LHipJoint", "lButtock"}};
  const std::map<std::string, std::string> trunk{
      {"Hips", "hip"},          {"lowerback", "abdomenUpper"}, {"Chest", "chestLower"},
      {"Chest2", "chestUpper"}, {"lowerneck", "neckLower"},    {"Neck", "neckUpper"},
      {"Head", "head"}};
  const BvhFile g = rigs::renamed_rig(left, trunk, [](const std::string& s) { return "r" + s.substr(1); });
  // Before the Daz names were in the table only the trunk bound (the issue's "9 spine DoFs").
  const BvhBinding b = bind_bvh(g);
  EXPECT_EQ(b.bound.count(), segment_count);
  EXPECT_TRUE(bvh_missing_core_joints(b).empty());
  auto name = [&](int j) { return g.joints[static_cast<std::size_t>(j)].name; };
  EXPECT_EQ(name(b[Segment::left_upper_arm].frame_joint), "lShldrBend");
  EXPECT_EQ(name(b[Segment::right_forearm].distal_joint), "rHand");
  EXPECT_EQ(name(b[Segment::thorax].frame_joint), "chestUpper");
  EXPECT_EQ(name(b[Segment::abdomen].frame_joint), "abdomenUpper");
  rigs::expect_same_frames(g, b);
}

// 3ds Max Biped names ("Bip01 L UpperArm", "Bip01 L Calf", ...).
TEST(bvh_segments, BipedNamesGiveTheSameFrames) {
  const std::map<std::string, std::string> left{
      {"LeftShoulder", "Bip01 L UpperArm"}, {"LeftElbow", "Bip01 L Forearm"},
      {"LeftWrist", "Bip01 L Hand"},        {"lhand", "Bip01 L Palm"},
      {"LFingers", "Bip01 L Finger2"},      {"LeftHip", "Bip01 L Thigh"},
      {"LeftKnee", "Bip01 L Calf"},         {"LeftAnkle", "Bip01 L Foot"},
      {"LeftToe", "Bip01 L Toe0"},          {"LeftCollar", "Bip01 L Clavicle"}};
  const std::map<std::string, std::string> trunk{{"Hips", "Bip01 Pelvis"},
                                                 {"lowerback", "Bip01 Spine"},
                                                 {"Chest", "Bip01 Spine1"},
                                                 {"Chest2", "Bip01 Spine2"},
                                                 {"Head", "Bip01 Head"}};
  const BvhFile g = rigs::renamed_rig(left, trunk, [](const std::string& s) {
    std::string r = s;
    r[6] = 'R';  // "Bip01 L ..." → "Bip01 R ..."
    return r;
  });
  const BvhBinding b = bind_bvh(g);
  EXPECT_EQ(b.bound.count(), segment_count);
  EXPECT_EQ(g.joints[static_cast<std::size_t>(b[Segment::right_thigh].frame_joint)].name, "Bip01 R Thigh");
  rigs::expect_same_frames(g, b);
}

// Genesis 3/8 split the upper arm, forearm and thigh into Bend and Twist joints: the segment turns
// with the Twist joint (which includes the Bend) and starts at the Bend joint.
TEST(bvh_segments, DazTwistJointsCarryTheSegment) {
  std::string t =
      "HIERARCHY\nROOT hip\n{\n OFFSET 0 100 0\n CHANNELS 6 Xposition Yposition Zposition Zrotation "
      "Yrotation Xrotation\n";
  std::string motion_zeros = "0 100 0 0 0 0";
  int channels = 6;
  auto joint = [&](const std::string& name, const std::string& offset, bool end) {
    t += " JOINT " + name + "\n {\n OFFSET " + offset + "\n CHANNELS 3 Zrotation Yrotation Xrotation\n";
    if (end) t += " End Site\n {\n OFFSET 0 -5 0\n }\n";
    motion_zeros += " 0 0 0";
    channels += 3;
  };
  // Legs and arms as nested chains (closing braces counted).
  for (std::string s : {"l", "r"}) {
    const std::string x = s == "l" ? "10" : "-10";
    joint(s + "ThighBend", x + " -5 0", false);
    joint(s + "ThighTwist", "0 -20 0", false);
    joint(s + "Shin", "0 -20 0", false);
    joint(s + "Foot", "0 -40 0", false);
    joint(s + "Toe", "0 -5 10", true);
    t += " }\n }\n }\n }\n }\n";
  }
  joint("abdomenLower", "0 5 0", false);
  joint("abdomenUpper", "0 10 0", false);
  joint("chestLower", "0 10 0", false);
  joint("chestUpper", "0 10 0", false);
  for (std::string s : {"l", "r"}) {
    const std::string x = s == "l" ? "" : "-";
    joint(s + "ShldrBend", x + "15 5 0", false);
    joint(s + "ShldrTwist", x + "12 0 0", false);
    joint(s + "ForearmBend", x + "12 0 0", false);
    joint(s + "ForearmTwist", x + "12 0 0", false);
    joint(s + "Hand", x + "12 0 0", true);
    t += " }\n }\n }\n }\n }\n";
  }
  joint("neckLower", "0 10 0", false);
  joint("head", "0 10 0", true);
  t += " }\n }\n }\n }\n }\n }\n}\nMOTION\nFrames: 1\nFrame Time: 0.1\n" + motion_zeros + "\n";
  const BvhFile f = parse_bvh(t, "daz8.bvh");
  EXPECT_EQ(f.channel_count(), channels);
  const BvhBinding b = bind_bvh(f);
  EXPECT_EQ(b.bound.count(), segment_count);
  auto name = [&](int j) { return f.joints[static_cast<std::size_t>(j)].name; };
  EXPECT_EQ(name(b[Segment::left_upper_arm].frame_joint), "lShldrTwist");
  EXPECT_EQ(name(b[Segment::left_upper_arm].proximal_joint), "lShldrBend");
  EXPECT_EQ(name(b[Segment::left_upper_arm].distal_joint), "lForearmBend");
  EXPECT_EQ(name(b[Segment::right_forearm].frame_joint), "rForearmTwist");
  EXPECT_EQ(name(b[Segment::right_forearm].proximal_joint), "rForearmBend");
  EXPECT_EQ(name(b[Segment::right_forearm].distal_joint), "rHand");
  EXPECT_EQ(name(b[Segment::left_thigh].frame_joint), "lThighTwist");
  EXPECT_EQ(name(b[Segment::left_thigh].proximal_joint), "lThighBend");
  EXPECT_EQ(name(b[Segment::left_thigh].distal_joint), "lShin");
  EXPECT_EQ(name(b[Segment::left_foot].distal_joint), "lToe");
  EXPECT_EQ(name(b[Segment::abdomen].frame_joint), "abdomenUpper");
  EXPECT_EQ(name(b[Segment::pelvis].frame_joint), "hip");
  // The hip line: the pelvis's medio-lateral axis runs between the Bend joints.
  EXPECT_EQ(name(b.left_hip_joint), "lThighBend");
  EXPECT_FALSE(b[Segment::left_thigh].degenerate);
}

TEST(bvh_segments, MissingCoreJointsAreNamed) {
  BvhMapping m = cmu_mapping();
  m.remove(Segment::left_upper_arm).remove(Segment::right_foot);
  const auto missing = bvh_missing_core_joints(bind_bvh(walk(), m));
  const std::vector<std::string> expected{"left shoulder (no left_upper_arm)", "left elbow (no left_upper_arm)",
                                          "right ankle (no right_foot)"};
  EXPECT_EQ(missing, expected);
  EXPECT_TRUE(bvh_missing_core_joints(bind_bvh(walk())).empty());
  // A rig with unknown names: only the trunk (if anything) binds, and all ten core joints are named.
  std::map<std::string, std::string> odd;
  for (const auto& j : walk().joints) odd[j.name] = "J_" + j.name;
  odd["Hips"] = "Hips";
  EXPECT_EQ(bvh_missing_core_joints(bind_bvh(renamed(walk(), odd))).size(), 10u);
}

// A mapping file for a rig with names no table knows gives the frames of the walk.
TEST(bvh_segments, MappingFileBindsAnyRig) {
  std::map<std::string, std::string> odd;
  for (const auto& j : walk().joints) odd[j.name] = "J_" + j.name;
  const BvhFile g = renamed(walk(), odd);
  const std::string map = R"({
    "J_Hips": "pelvis", "J_lowerback": "abdomen", "J_Chest2": "thorax", "J_Head": "head",
    "J_LeftShoulder": "left_upper_arm", "J_LeftElbow": "left_forearm", "J_lhand": "left_hand",
    "J_LFingers": "left_hand:distal",
    "J_RightShoulder": "right_upper_arm", "J_RightElbow": "right_forearm", "J_rhand": "right_hand",
    "J_RFingers": "right_hand:distal",
    "J_LeftHip": "left_thigh", "J_LeftKnee": "left_shank", "J_LeftAnkle": "left_foot", "J_LeftToe": "left_foot:distal",
    "J_RightHip": "right_thigh", "J_RightKnee": "right_shank", "J_RightAnkle": "right_foot",
    "J_RightToe": "right_foot:distal"
  })";
  const BvhMappingFile m = parse_bvh_mapping_json(map, "rig.json");
  EXPECT_EQ(m.joints.size(), 20u);
  EXPECT_EQ(m.joints.front(), "J_Hips");  // file order
  const BvhBinding b = bind_bvh(g, m.mapping);
  EXPECT_EQ(b.bound.count(), segment_count);
  // The forearm ends where the hand starts (J_lhand), as the chain rule says; the walk's own table
  // ends it at LeftWrist, so compare the other segments' frames, and the forearm's long axis.
  auto name = [&](int j) { return g.joints[static_cast<std::size_t>(j)].name; };
  EXPECT_EQ(name(b[Segment::left_forearm].distal_joint), "J_lhand");
  EXPECT_EQ(name(b[Segment::left_upper_arm].distal_joint), "J_LeftElbow");
  EXPECT_EQ(name(b[Segment::left_thigh].distal_joint), "J_LeftKnee");
  EXPECT_TRUE(bvh_mapping_unmatched(g, m.joints).empty());
  EXPECT_EQ(bvh_mapping_unmatched(walk(), m.joints).size(), 20u);
  const BvhBinding bf = bind_bvh(walk());
  BvhFkWorkspace fk(walk());
  SegmentOrientations sf, sg;
  bvh_forward_kinematics(walk(), 300, fk);
  bvh_segment_orientations(bf, fk, sf);
  bvh_segment_orientations(b, fk, sg);
  for (Segment s : {Segment::pelvis, Segment::thorax, Segment::left_upper_arm, Segment::right_thigh,
                    Segment::left_shank, Segment::right_foot})
    EXPECT_NEAR((R_of(sg, s) - R_of(sf, s)).norm(), 0.0, 1e-9) << to_string(s);
}

TEST(bvh_segments, MappingFileErrors) {
  auto error_of = [](const std::string& text) -> std::string {
    try {
      (void)parse_bvh_mapping_json(text, "m.json");
    } catch (const parse_error& e) {
      return e.what();
    }
    return "<no error>";
  };
  const std::pair<std::string, std::string> cases[] = {
      {"[]", "m.json: (document): expected a JSON object, got array"},
      {"{}", "m.json: (document): empty mapping"},
      {R"({"a": 3})", "m.json: a: expected a segment name (a string), got number"},
      {R"({"a": "left_arm"})", "m.json: a: unknown segment 'left_arm' (expected one of: pelvis, abdomen"},
      {R"({"a": "left_thigh:middle"})", "m.json: a: unknown role 'middle'"},
      {R"({"a": "left_thigh", "b": "left_thigh"})", "m.json: b: segment left_thigh is already given by joint 'a'"},
      {R"({"a": "left_thigh:distal"})", "segment left_thigh has a proximal or distal joint but no frame joint"},
      {R"({"a": "pelvis", "a": "thorax"})", "m.json: a: duplicate key"},
      {R"({"a": "pelvis")", "m.json:1:"},
      {R"({"": "pelvis"})", "m.json: (document): empty joint name"},
  };
  for (const auto& [text, expected] : cases)
    EXPECT_NE(error_of(text).find(expected), std::string::npos) << text << "\n got: " << error_of(text);
  // Invalid UTF-8 is a JSON syntax error, quoted printably.
  EXPECT_NE(error_of("{\"a\": \"pel\xffvis\"}").find("m.json:1:11: JSON syntax error"), std::string::npos)
      << error_of("{\"a\": \"pel\xffvis\"}");
}
