// BVH forward kinematics: properties on the real walk, known answers on synthetic files,
// channel-order invariance, and no allocation per frame.
#include <arthrokin/io/bvh.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <new>
#include <numbers>
#include <sstream>
#include <string>

#include "support/allocation_counter.hpp"

namespace {

using arthrokin::io::BvhFile;
using arthrokin::io::BvhFkWorkspace;
using arthrokin::io::parse_bvh;

const std::string walk_path = std::string(ARTHROKIN_DATA_DIR) + "/samples/bvh/131_01_start_walk_stop.bvh";

TEST(bvh_fk, WalkBoneLengthsConstantAndEqualToOffsets) {
  const BvhFile f = arthrokin::io::read_bvh(walk_path);
  BvhFkWorkspace ws(f);
  double worst = 0.0;
  for (Eigen::Index fr = 0; fr < f.frame_count(); ++fr) {
    arthrokin::io::bvh_forward_kinematics(f, fr, ws);
    for (std::size_t j = 0; j < f.joint_count(); ++j) {
      const auto& jt = f.joints[j];
      for (const auto& e : jt.end_sites) {  // End Sites are rigid in their joint's frame
        const Eigen::Vector3d p_end = ws.p_global_joint[j] + ws.R_global_joint[j] * e;
        worst = std::max(worst, std::abs((p_end - ws.p_global_joint[j]).norm() - e.norm()));
      }
      if (jt.parent < 0) continue;
      const double len = (ws.p_global_joint[j] - ws.p_global_joint[static_cast<std::size_t>(jt.parent)]).norm();
      worst = std::max(worst, std::abs(len - jt.offset.norm()));
      // Every global rotation stays a rotation.
      ASSERT_NEAR((ws.R_global_joint[j].transpose() * ws.R_global_joint[j] - Eigen::Matrix3d::Identity()).norm(), 0.0,
                  1e-12);
      ASSERT_NEAR(ws.R_global_joint[j].determinant(), 1.0, 1e-12);
    }
    // The root's position is its position channels (OFFSET is 0 0 0 in this file).
    ASSERT_EQ(ws.p_global_joint[0], Eigen::Vector3d(f.frames(fr, 0), f.frames(fr, 1), f.frames(fr, 2)));
  }
  EXPECT_LT(worst, 1e-12);
}

TEST(bvh_fk, RestPoseIsSumOfOffsets) {
  const BvhFile f = arthrokin::io::read_bvh(walk_path);
  BvhFkWorkspace ws(f);
  arthrokin::io::bvh_rest_pose(f, ws);
  const auto knee = *f.find("LeftAnkle");
  // Hips(0) + LHipJoint(0) + LeftHip + LeftKnee + LeftAnkle offsets, read from the file.
  const Eigen::Vector3d expected = Eigen::Vector3d(1.24777, -1.64261, 0.71711) + Eigen::Vector3d(2.49329, -6.85026, 0) +
                                   Eigen::Vector3d(2.36770, -6.50520, 0);
  EXPECT_NEAR((ws.p_global_joint[knee] - expected).norm(), 0.0, 1e-12);
}

// Root at (1,2,3) turned +90° about Y; child A offset (1,0,0) turned +90° about Z; A's End Site (1,0,0).
// By hand: Ry(90)·(1,0,0) = (0,0,-1) → A at (1,2,2). Ry(90)·Rz(90)·(1,0,0) = Ry(90)·(0,1,0) = (0,1,0) → end (1,3,2).
TEST(bvh_fk, SyntheticKnownPositions) {
  const char* text =
      "HIERARCHY\nROOT R\n{\nOFFSET 0 0 0\nCHANNELS 6 Xposition Yposition Zposition Zrotation Yrotation Xrotation\n"
      "JOINT A\n{\nOFFSET 1 0 0\nCHANNELS 3 Zrotation Yrotation Xrotation\nEnd Site\n{\nOFFSET 1 0 0\n}\n}\n}\n"
      "MOTION\nFrames: 1\nFrame Time: 0.1\n1 2 3 0 90 0 90 0 0\n";
  const BvhFile f = parse_bvh(text, "syn.bvh");
  BvhFkWorkspace ws(f);
  arthrokin::io::bvh_forward_kinematics(f, 0, ws);
  EXPECT_NEAR((ws.p_global_joint[0] - Eigen::Vector3d(1, 2, 3)).norm(), 0, 1e-12);
  EXPECT_NEAR((ws.p_global_joint[1] - Eigen::Vector3d(1, 2, 2)).norm(), 0, 1e-12);
  const Eigen::Vector3d end = ws.p_global_joint[1] + ws.R_global_joint[1] * f.joints[1].end_sites[0];
  EXPECT_NEAR((end - Eigen::Vector3d(1, 3, 2)).norm(), 0, 1e-12);
}

// Intrinsic order: "Zrotation Xrotation" with Z=90, X=90 maps the child offset (0,1,0) through
// Rz(90)·Rx(90): Rx(90)·(0,1,0) = (0,0,1), Rz(90)·(0,0,1) = (0,0,1).
// The other order "Xrotation Zrotation": Rz(90)·(0,1,0) = (-1,0,0), Rx(90)·(-1,0,0) = (-1,0,0).
TEST(bvh_fk, IntrinsicChannelOrder) {
  auto end_of = [](const std::string& order) {
    const std::string text = "HIERARCHY\nROOT R\n{\nOFFSET 0 0 0\nCHANNELS 2 " + order +
                             "\nEnd Site\n{\nOFFSET 0 1 0\n}\n}\nMOTION\nFrames: 1\nFrame Time: 1\n90 90\n";
    const BvhFile f = parse_bvh(text, "o.bvh");
    BvhFkWorkspace ws(f);
    arthrokin::io::bvh_forward_kinematics(f, 0, ws);
    return Eigen::Vector3d(ws.R_global_joint[0] * f.joints[0].end_sites[0]);
  };
  EXPECT_NEAR((end_of("Zrotation Xrotation") - Eigen::Vector3d(0, 0, 1)).norm(), 0, 1e-12);
  EXPECT_NEAR((end_of("Xrotation Zrotation") - Eigen::Vector3d(-1, 0, 0)).norm(), 0, 1e-12);
}

TEST(bvh_fk, PositionModes) {
  const char* text =
      "HIERARCHY\nROOT R\n{\nOFFSET 10 0 0\nCHANNELS 2 Yposition Xposition\nEnd Site\n{\nOFFSET 0 1 0\n}\n}\n"
      "MOTION\nFrames: 1\nFrame Time: 1\n5 7\n";
  const BvhFile f = parse_bvh(text, "p.bvh");
  BvhFkWorkspace replace(f);
  arthrokin::io::bvh_forward_kinematics(f, 0, replace);
  EXPECT_EQ(replace.p_global_joint[0], Eigen::Vector3d(7, 5, 0));
  BvhFkWorkspace add(f, arthrokin::io::BvhPositionMode::add_to_offset);
  arthrokin::io::bvh_forward_kinematics(f, 0, add);
  EXPECT_EQ(add.p_global_joint[0], Eigen::Vector3d(17, 5, 0));
}

// Re-write the walk with other channel orders: each joint's rotation re-decomposed in a new
// intrinsic order (Eigen's eulerAngles(a0,a1,a2) gives R = AngleAxis(e0,a0)·AngleAxis(e1,a1)·AngleAxis(e2,a2)),
// position channels permuted. FK must give the same positions.
std::string rewrite(const BvhFile& f, const int order[3], const int pos_order[3], Eigen::Index frames) {
  static const char* rot_names[3] = {"Xrotation", "Yrotation", "Zrotation"};
  static const char* pos_names[3] = {"Xposition", "Yposition", "Zposition"};
  std::ostringstream out;
  out.precision(17);
  out << "HIERARCHY\n";
  std::vector<int> depth(f.joint_count(), 0);
  for (std::size_t j = 0; j < f.joint_count(); ++j) {
    const auto& jt = f.joints[j];
    // close blocks down to this joint's depth
    if (jt.parent >= 0) depth[j] = depth[static_cast<std::size_t>(jt.parent)] + 1;
    if (j > 0) {
      int prev = depth[j - 1];
      for (int d = prev; d >= depth[j]; --d) out << "}\n";
    }
    out << (jt.parent < 0 ? "ROOT " : "JOINT ") << jt.name << "\n{\nOFFSET " << jt.offset.x() << ' ' << jt.offset.y()
        << ' ' << jt.offset.z() << "\n";
    bool has_pos = false;
    for (auto c : jt.channels) has_pos |= !arthrokin::io::is_rotation(c);
    out << "CHANNELS " << (has_pos ? 6 : 3);
    if (has_pos)
      for (int k = 0; k < 3; ++k) out << ' ' << pos_names[pos_order[k]];
    for (int k = 0; k < 3; ++k) out << ' ' << rot_names[order[k]];
    out << "\n";
    for (const auto& e : jt.end_sites)
      out << "End Site\n{\nOFFSET " << e.x() << ' ' << e.y() << ' ' << e.z() << "\n}\n";
  }
  for (int d = depth.back(); d >= 0; --d) out << "}\n";
  out << "MOTION\nFrames: " << frames << "\nFrame Time: " << f.frame_time << "\n";
  for (Eigen::Index fr = 0; fr < frames; ++fr) {
    const double* row = f.frames.data() + fr * f.frames.cols();
    for (const auto& jt : f.joints) {
      double pos[3] = {0, 0, 0};
      bool has_pos = false;
      for (std::size_t k = 0; k < jt.channels.size(); ++k)
        if (!arthrokin::io::is_rotation(jt.channels[k])) {
          pos[arthrokin::io::axis_index(jt.channels[k])] = row[jt.first_channel + static_cast<int>(k)];
          has_pos = true;
        }
      if (has_pos)
        for (int k = 0; k < 3; ++k) out << pos[pos_order[k]] << ' ';
      const Eigen::Matrix3d R = arthrokin::io::bvh_local_rotation(jt, row);
      const Eigen::Vector3d e = R.eulerAngles(order[0], order[1], order[2]) * (180.0 / std::numbers::pi);
      out << e[0] << ' ' << e[1] << ' ' << e[2] << ' ';
    }
    out << "\n";
  }
  return out.str();
}

TEST(bvh_fk, ChannelOrderInvariance) {
  const BvhFile f = arthrokin::io::read_bvh(walk_path);
  const Eigen::Index n = 200;
  const int orders[][3] = {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}, {0, 2, 1}, {2, 1, 0}, {1, 0, 2}};
  const int pos_order[3] = {2, 0, 1};
  BvhFkWorkspace ref(f);
  for (const auto& order : orders) {
    const BvhFile g = parse_bvh(rewrite(f, order, pos_order, n), "rewritten.bvh");
    ASSERT_EQ(g.joint_count(), f.joint_count());
    EXPECT_EQ(g.joints[0].channels[0], arthrokin::io::BvhChannel::z_position);
    BvhFkWorkspace ws(g);
    double worst = 0.0;
    for (Eigen::Index fr = 0; fr < n; fr += 7) {
      arthrokin::io::bvh_forward_kinematics(f, fr, ref);
      arthrokin::io::bvh_forward_kinematics(g, fr, ws);
      for (std::size_t j = 0; j < f.joint_count(); ++j) {
        worst = std::max(worst, (ref.p_global_joint[j] - ws.p_global_joint[j]).norm());
        worst = std::max(worst, (ref.R_global_joint[j] - ws.R_global_joint[j]).norm());
      }
    }
    EXPECT_LT(worst, 1e-9) << order[0] << order[1] << order[2];
  }
}

TEST(bvh_fk, NoAllocationPerFrame) {
  const BvhFile f = arthrokin::io::read_bvh(walk_path);
  BvhFkWorkspace ws(f);
  const long before = test_support::allocation_count.load();
  for (Eigen::Index fr = 0; fr < f.frame_count(); ++fr) arthrokin::io::bvh_forward_kinematics(f, fr, ws);
  EXPECT_EQ(test_support::allocation_count.load() - before, 0);
}

TEST(bvh_fk, BadArguments) {
  const BvhFile f = arthrokin::io::read_bvh(walk_path);
  BvhFkWorkspace ws(f);
  EXPECT_THROW(arthrokin::io::bvh_forward_kinematics(f, f.frame_count(), ws), arthrokin::invalid_argument);
  EXPECT_THROW(arthrokin::io::bvh_forward_kinematics(f, -1, ws), arthrokin::invalid_argument);
  BvhFkWorkspace empty;
  EXPECT_THROW(arthrokin::io::bvh_forward_kinematics(f, 0, empty), arthrokin::invalid_argument);
}

}  // namespace
