// Deterministic mutation fuzzing of the BVH parser (the libFuzzer target is tests/fuzz/bvh_fuzz.cpp).
// The real CMU walk (hierarchy + first frames) is mutated thousands of times — tokens and lines deleted,
// duplicated, swapped, garbled, truncated — and every result must either parse or throw
// arthrokin::parse_error with a "<file>:<line>: " prefix; never crash, hang or throw anything else.
// A parsed result must be self-consistent and run through forward kinematics.
#include <arthrokin/io/bvh.hpp>
#include <arthrokin/io/bvh_angles.hpp>

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

const std::string walk_path = std::string(ARTHROKIN_DATA_DIR) + "/samples/bvh/131_01_start_walk_stop.bvh";

// The walk's hierarchy and its first `n` frames, with the Frames: line set to n.
std::string walk_head(int n) {
  std::ifstream in(walk_path, std::ios::binary);
  std::string line, out;
  bool in_frames = false;
  int frames = 0;
  while (std::getline(in, line)) {
    if (line.rfind("Frames:", 0) == 0) line = "Frames: " + std::to_string(n);
    if (in_frames && frames++ >= n) break;
    out += line + "\n";
    if (line.rfind("Frame Time:", 0) == 0) in_frames = true;
  }
  return out;
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> v;
  std::istringstream in(s);
  std::string l;
  while (std::getline(in, l)) v.push_back(l);
  return v;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& l : v) s += l + "\n";
  return s;
}

const std::vector<std::string> garbage{"{",
                                       "}",
                                       "nan",
                                       "-nan",
                                       "inf",
                                       "1e400",
                                       "-",
                                       "+",
                                       ".",
                                       "JOINT",
                                       "ROOT",
                                       "End",
                                       "Site",
                                       "OFFSET",
                                       "CHANNELS",
                                       "MOTION",
                                       "Frames:",
                                       "Time:",
                                       "99999999999999999999",
                                       "-3",
                                       "7",
                                       "0x1p3",
                                       "Xrotation",
                                       "Qrotation",
                                       std::string("\0", 1),
                                       "\xff\xfe",
                                       "\t",
                                       "1,5",
                                       "1e-400"};

std::string mutate(const std::string& seed, std::mt19937& rng) {
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  std::vector<std::string> lines = split_lines(seed);
  const int edits = 1 + static_cast<int>(pick(3));
  for (int e = 0; e < edits && !lines.empty(); ++e) {
    std::string& l = lines[pick(lines.size())];
    switch (pick(9)) {
      case 0:
        lines.erase(lines.begin() + static_cast<long>(pick(lines.size())));
        break;   // delete a line
      case 1: {  // duplicate a line
        const std::size_t i = pick(lines.size());
        lines.insert(lines.begin() + static_cast<long>(i), lines[i]);
        break;
      }
      case 2:
        std::swap(l, lines[pick(lines.size())]);
        break;  // swap two lines
      case 3:
      case 4:
      case 5: {  // token edit: delete / duplicate / replace one token
        std::istringstream in(l);
        std::vector<std::string> toks;
        std::string t;
        while (in >> t) toks.push_back(t);
        if (toks.empty()) {
          l = garbage[pick(garbage.size())];
          break;
        }
        const std::size_t i = pick(toks.size());
        const auto kind = pick(3);
        if (kind == 0)
          toks.erase(toks.begin() + static_cast<long>(i));
        else if (kind == 1)
          toks.insert(toks.begin() + static_cast<long>(i), toks[i]);
        else
          toks[i] = garbage[pick(garbage.size())];
        l.clear();
        for (const auto& x : toks) l += x + " ";
        break;
      }
      case 6:  // flip a byte
        if (!l.empty()) l[pick(l.size())] = static_cast<char>(pick(256));
        break;
      case 7:  // truncate the file here
        lines.resize(pick(lines.size()) + 1);
        break;
      default:  // insert a garbage line
        lines.insert(lines.begin() + static_cast<long>(pick(lines.size())), garbage[pick(garbage.size())]);
        break;
    }
  }
  return join(lines);
}

TEST(bvh_fuzz, MutatedWalkOnlyParsesOrThrowsParseError) {
  const std::vector<std::string> seeds{walk_head(4), walk_head(0)};
  ASSERT_GT(seeds[0].size(), 1000u);
  std::mt19937 rng(20261125);
  // "fz.bvh:<line>: <message>" (std::regex trips GCC 12 -Wmaybe-uninitialized under ASan, so by hand).
  auto located = [](const std::string& m) {
    const std::string prefix = "fz.bvh:";
    if (m.rfind(prefix, 0) != 0) return false;
    std::size_t i = prefix.size();
    const std::size_t digits = i;
    while (i < m.size() && std::isdigit(static_cast<unsigned char>(m[i])) != 0) ++i;
    return i > digits && m.compare(i, 2, ": ") == 0 && m.size() > i + 2;
  };
  int parsed = 0, rejected = 0;
  for (int i = 0; i < 6000; ++i) {
    const std::string text = mutate(seeds[static_cast<std::size_t>(i % 7 == 0)], rng);
    try {
      const arthrokin::io::BvhFile f = arthrokin::io::parse_bvh(text, "fz.bvh");
      // A parsed file is self-consistent.
      int col = 0;
      for (std::size_t j = 0; j < f.joint_count(); ++j) {
        ASSERT_EQ(f.joints[j].first_channel, col);
        ASSERT_LT(f.joints[j].parent, static_cast<int>(j));
        col += static_cast<int>(f.joints[j].channels.size());
      }
      ASSERT_EQ(f.channel_count(), col);
      ASSERT_TRUE(f.frames.allFinite());
      arthrokin::io::BvhFkWorkspace ws(f);
      for (Eigen::Index fr = 0; fr < f.frame_count(); ++fr) arthrokin::io::bvh_forward_kinematics(f, fr, ws);
      // The whole pipeline: binding, segment frames, joint angles — every known, non-degenerate segment a rotation.
      const arthrokin::io::BvhBinding b = arthrokin::io::bind_bvh(f);
      arthrokin::io::BvhPoseWorkspace pw(f);
      for (Eigen::Index fr = 0; fr < f.frame_count(); ++fr) {
        const arthrokin::JointAngles a = arthrokin::io::bvh_frame_angles(f, b, fr, pw);
        for (std::size_t s = 0; s < arthrokin::segment_count; ++s)
          if (pw.segments.known.test(s) && !pw.segments.degenerate.test(s)) {
            ASSERT_NEAR(pw.segments.q_global_segment[s].norm(), 1.0, 1e-9);
          }
        (void)a;
      }
      ++parsed;
    } catch (const arthrokin::parse_error& e) {
      ASSERT_TRUE(located(e.what())) << e.what();
      ++rejected;
    } catch (const std::exception& e) {
      FAIL() << "mutation " << i << " threw a non-parse_error: " << e.what();
    }
  }
  // Both outcomes must occur, or the mutator is not exercising the parser.
  EXPECT_GT(parsed, 100);
  EXPECT_GT(rejected, 1000);
  std::cout << "parsed " << parsed << ", rejected " << rejected << "\n";
}

// Number-only mutations keep the file valid, so they reach forward kinematics, segment binding and
// joint angles with absurd geometry (zero, huge, tiny OFFSETs and angles): no crash, no exception,
// every known, non-degenerate segment a unit quaternion.
TEST(bvh_fuzz, AbsurdNumbersReachTheWholePipeline) {
  const std::string seed = walk_head(3);
  const std::vector<std::string> values{"0", "1e300", "-1e300", "1e-300", "360", "-720", "90", "180", "1e15"};
  std::mt19937 rng(7);
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  int runs = 0;
  for (int i = 0; i < 1500; ++i) {
    std::vector<std::string> lines = split_lines(seed);
    for (int e = 0; e < 4; ++e) {
      std::string& l = lines[pick(lines.size())];
      std::istringstream in(l);
      std::vector<std::string> toks;
      std::string t;
      while (in >> t) toks.push_back(t);
      std::vector<std::size_t> numeric;
      for (std::size_t k = 0; k < toks.size(); ++k)
        if (!toks[k].empty() && (std::isdigit(static_cast<unsigned char>(toks[k].back())) != 0) &&
            toks[k].find(':') == std::string::npos && toks[0] != "Frames:" && toks[0] != "CHANNELS")
          numeric.push_back(k);
      if (numeric.empty()) continue;
      toks[numeric[pick(numeric.size())]] = values[pick(values.size())];
      l.clear();
      for (const auto& x : toks) l += x + " ";
    }
    try {
      const arthrokin::io::BvhFile f = arthrokin::io::parse_bvh(join(lines), "abs.bvh");
      const arthrokin::io::BvhBinding b = arthrokin::io::bind_bvh(f);
      arthrokin::io::BvhPoseWorkspace pw(f);
      for (Eigen::Index fr = 0; fr < f.frame_count(); ++fr) {
        (void)arthrokin::io::bvh_frame_angles(f, b, fr, pw);
        for (std::size_t s = 0; s < arthrokin::segment_count; ++s) {
          if (pw.segments.known.test(s) && !pw.segments.degenerate.test(s)) {
            ASSERT_NEAR(pw.segments.q_global_segment[s].norm(), 1.0, 1e-9) << i;
          }
        }
      }
      ++runs;
    } catch (const arthrokin::parse_error&) {
    } catch (const std::exception& e) {
      FAIL() << "mutation " << i << " threw a non-parse_error: " << e.what();
    }
  }
  EXPECT_GT(runs, 1000);
}

}  // namespace
