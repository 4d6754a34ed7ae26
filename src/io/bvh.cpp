// BVH parsing and forward kinematics (see include/arthrokin/io/bvh.hpp).
#include "format_util.hpp"

#include <arthrokin/io/bvh.hpp>

#include <arthrokin/angle.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <system_error>

namespace arthrokin::io {

namespace {

constexpr std::array<std::string_view, 6> channel_names{"Xposition", "Yposition", "Zposition",
                                                        "Xrotation", "Yrotation", "Zrotation"};

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lo = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lo(a[i]) != lo(b[i])) return false;
  }
  return true;
}

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

// Printable, bounded rendering of a token for error messages.
std::string quote(std::string_view s) { return detail::excerpt(s); }

// A joint name for a message (printable, bounded).
std::string label(std::string_view name) { return detail::printable(name, limits::max_excerpt_bytes); }

/// A line split into whitespace-separated tokens.
struct Line {
  int number = 0;
  std::vector<std::string_view> tokens;
};

class Parser {
 public:
  Parser(std::string_view text, std::string_view name) : text_(text), name_(name), lines_(text, name) {}

  BvhFile run() {
    detail::check_size(text_, name_, limits::max_file_bytes);
    if (text_.starts_with("\xEF\xBB\xBF")) lines_.rewind(3, 0);  // a UTF-8 byte order mark
    BvhFile file;
    file.name = std::string(name_);
    parse_hierarchy(file);
    parse_motion(file);
    return file;
  }

 private:
  [[noreturn]] void fail(int line, const std::string& what) const {
    detail::fail_line(name_, static_cast<std::size_t>(line), 0, what);
  }
  [[nodiscard]] int line_no() const noexcept { return static_cast<int>(lines_.number()); }

  // Next non-empty line, split into tokens, or false at the end of the text.
  bool next_line(Line& out) {
    std::string_view l;
    while (lines_.next(l)) {
      out.number = line_no();
      out.tokens.clear();
      std::size_t i = 0;
      while (i < l.size()) {
        while (i < l.size() && is_space(l[i])) ++i;
        const std::size_t b = i;
        while (i < l.size() && !is_space(l[i])) ++i;
        if (i > b) out.tokens.push_back(l.substr(b, i - b));
      }
      if (!out.tokens.empty()) return true;
    }
    return false;
  }

  // Next line that is not blank, untokenized, or false at the end of the text.
  bool next_raw_line(std::string_view& out) {
    while (lines_.next(out))
      if (std::any_of(out.begin(), out.end(), [](char c) { return !is_space(c); })) return true;
    return false;
  }

  // The number `tok` ('+' allowed), finite, or parse_error naming the field.
  double parse_number(int line, std::string_view tok, const auto& field) const {
    std::string_view s = tok;
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    double v = 0.0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec == std::errc::invalid_argument || p != s.data() + s.size())
      fail(line, field() + ": non-numeric value " + quote(tok));
    if (ec == std::errc::result_out_of_range || !std::isfinite(v))
      fail(line, field() + ": value " + quote(tok) + " is not finite");
    return v;
  }

  double number(const Line& l, std::string_view tok, const std::string& field) const {
    return parse_number(l.number, tok, [&] { return field; });
  }

  Eigen::Vector3d offset(const Line& l, const std::string& owner) const {
    if (l.tokens.size() != 4)
      fail(l.number, "OFFSET of " + owner + ": expected 3 values, got " + std::to_string(l.tokens.size() - 1));
    Eigen::Vector3d v;
    for (int k = 0; k < 3; ++k)
      v[k] = number(l, l.tokens[static_cast<std::size_t>(k) + 1], "OFFSET of " + owner + " (" + "XYZ"[k] + ")");
    return v;
  }

  // Expect a line that is exactly "{" (after a ROOT/JOINT/End Site line that did not end with "{").
  void expect_open(const std::string& owner) {
    Line l;
    if (!next_line(l)) fail(line_no(), "missing '{' after " + owner + " (end of file)");
    if (l.tokens.size() != 1 || l.tokens[0] != "{")
      fail(l.number, "missing '{' after " + owner + ", got " + quote(l.tokens[0]));
  }

  void parse_hierarchy(BvhFile& file) {
    Line l;
    if (!next_line(l)) fail(1, "HIERARCHY: empty file");
    if (!iequals(l.tokens[0], "HIERARCHY") || l.tokens.size() != 1)
      fail(l.number, "HIERARCHY: expected 'HIERARCHY', got " + quote(l.tokens[0]));

    // Explicit stack of open blocks: joint index, or -2 for an End Site.
    struct Open {
      int joint;
      bool end_site;
      bool have_offset;
      bool have_channels;
      int line;
    };
    std::vector<Open> stack;
    int channel_column = 0;
    while (true) {
      if (!next_line(l)) {
        if (!stack.empty())
          fail(line_no(),
               "missing '}' closing the block opened at line " + std::to_string(stack.back().line) + " (end of file)");
        fail(line_no(), "MOTION: missing MOTION section (end of file)");
      }
      const std::string_view kw = l.tokens[0];
      if (stack.empty()) {
        if (iequals(kw, "MOTION")) {
          if (l.tokens.size() != 1) fail(l.number, "MOTION: unexpected " + quote(l.tokens[1]));
          if (file.joints.empty()) fail(l.number, "HIERARCHY: empty hierarchy (no ROOT)");
          file.frames.resize(0, channel_column);
          return;
        }
        if (!iequals(kw, "ROOT")) fail(l.number, "HIERARCHY: expected ROOT or MOTION, got " + quote(kw));
      }
      if (iequals(kw, "ROOT") || iequals(kw, "JOINT")) {
        const bool root = iequals(kw, "ROOT");
        if (root && !stack.empty()) fail(l.number, "ROOT: nested inside another block");
        if (!root && (stack.empty() || stack.back().end_site)) fail(l.number, "JOINT: outside of a joint block");
        if (!stack.empty() && !stack.back().have_offset)
          fail(l.number, "OFFSET: missing in " + label(file.joints[static_cast<std::size_t>(stack.back().joint)].name));
        std::vector<std::string_view> name_tokens(l.tokens.begin() + 1, l.tokens.end());
        bool brace = false;
        if (!name_tokens.empty() && name_tokens.back() == "{") {
          brace = true;
          name_tokens.pop_back();
        }
        if (name_tokens.empty()) fail(l.number, std::string(root ? "ROOT" : "JOINT") + ": missing joint name");
        std::string name;
        for (auto t : name_tokens) {
          if (!name.empty()) name += ' ';
          name += t;
        }
        if (file.joints.size() == limits::max_bvh_joints)
          fail(l.number, std::string(root ? "ROOT" : "JOINT") + ": more than " +
                             std::to_string(limits::max_bvh_joints) + " joints (arthrokin/io/limits.hpp)");
        BvhJoint j;
        j.name = name;
        j.parent = root ? -1 : stack.back().joint;
        j.line = l.number;
        file.joints.push_back(std::move(j));
        if (!brace) expect_open(std::string(root ? "ROOT " : "JOINT ") + label(name));
        stack.push_back({static_cast<int>(file.joints.size()) - 1, false, false, false, l.number});
      } else if (iequals(kw, "End")) {
        if (stack.empty() || stack.back().end_site) fail(l.number, "End Site: outside of a joint block");
        if (l.tokens.size() < 2 || !iequals(l.tokens[1], "Site") || l.tokens.size() > 3 ||
            (l.tokens.size() == 3 && l.tokens[2] != "{"))
          fail(l.number, "End Site: expected 'End Site'");
        if (!stack.back().have_offset)
          fail(l.number, "OFFSET: missing in " + label(file.joints[static_cast<std::size_t>(stack.back().joint)].name));
        if (l.tokens.size() == 2)
          expect_open("End Site of " + label(file.joints[static_cast<std::size_t>(stack.back().joint)].name));
        stack.push_back({stack.back().joint, true, false, true, l.number});
      } else if (iequals(kw, "OFFSET")) {
        if (stack.empty()) fail(l.number, "OFFSET: outside of a block");
        Open& o = stack.back();
        BvhJoint& j = file.joints[static_cast<std::size_t>(o.joint)];
        const std::string owner = o.end_site ? "End Site of " + label(j.name) : label(j.name);
        if (o.have_offset) fail(l.number, "OFFSET: duplicate in " + owner);
        const Eigen::Vector3d v = offset(l, owner);
        if (o.end_site)
          j.end_sites.push_back(v);
        else
          j.offset = v;
        o.have_offset = true;
      } else if (iequals(kw, "CHANNELS")) {
        if (stack.empty() || stack.back().end_site) fail(l.number, "CHANNELS: outside of a joint block");
        Open& o = stack.back();
        BvhJoint& j = file.joints[static_cast<std::size_t>(o.joint)];
        if (o.have_channels) fail(l.number, "CHANNELS: duplicate in " + label(j.name));
        if (l.tokens.size() < 2) fail(l.number, "CHANNELS of " + label(j.name) + ": missing channel count");
        int n = -1;
        const auto c = l.tokens[1];
        const auto [p, ec] = std::from_chars(c.data(), c.data() + c.size(), n);
        if (ec != std::errc() || p != c.data() + c.size() || n < 0 || n > 6)
          fail(l.number, "CHANNELS of " + label(j.name) + ": bad channel count " + quote(c) + " (expected 0 to 6)");
        if (l.tokens.size() != static_cast<std::size_t>(n) + 2)
          fail(l.number, "CHANNELS of " + label(j.name) + ": count says " + std::to_string(n) + ", got " +
                             std::to_string(l.tokens.size() - 2) + " channel names");
        unsigned seen = 0;
        for (int k = 0; k < n; ++k) {
          const auto tok = l.tokens[static_cast<std::size_t>(k) + 2];
          const auto ch = parse_bvh_channel(tok);
          if (!ch) fail(l.number, "CHANNELS of " + label(j.name) + ": unknown channel name " + quote(tok));
          const unsigned bit = 1u << static_cast<unsigned>(*ch);
          if (seen & bit) fail(l.number, "CHANNELS of " + label(j.name) + ": duplicate channel " + quote(tok));
          seen |= bit;
          j.channels.push_back(*ch);
        }
        j.first_channel = channel_column;
        channel_column += n;
        o.have_channels = true;
      } else if (kw == "}") {
        if (stack.empty()) fail(l.number, "unmatched '}'");
        if (l.tokens.size() != 1) fail(l.number, "unexpected " + quote(l.tokens[1]) + " after '}'");
        const Open& o = stack.back();
        const std::string& jn = file.joints[static_cast<std::size_t>(o.joint)].name;
        const std::string owner = o.end_site ? "End Site of " + label(jn) : label(jn);
        if (!o.have_offset) fail(l.number, "OFFSET: missing in " + owner);
        if (!o.have_channels) fail(l.number, "CHANNELS: missing in " + owner);
        stack.pop_back();
      } else if (iequals(kw, "MOTION")) {
        fail(l.number,
             "missing '}' closing the block opened at line " + std::to_string(stack.back().line) + " before MOTION");
      } else if (kw == "{") {
        fail(l.number, "unexpected '{'");
      } else {
        fail(l.number, "HIERARCHY: unknown keyword " + quote(kw));
      }
    }
  }

  void parse_motion(BvhFile& file) {
    Line l;
    // Frames: N   (also "Frames:N")
    if (!next_line(l)) fail(line_no(), "Frames: missing (end of file)");
    std::string_view count_tok;
    if (l.tokens.size() == 2 && iequals(l.tokens[0], "Frames:")) {
      count_tok = l.tokens[1];
    } else if (l.tokens.size() == 1 && l.tokens[0].size() > 7 && iequals(l.tokens[0].substr(0, 7), "Frames:")) {
      count_tok = l.tokens[0].substr(7);
    } else {
      fail(l.number, "Frames: expected 'Frames: <count>', got " + quote(l.tokens[0]));
    }
    // An unsigned count within max_frames, checked before anything is counted or allocated.
    std::uint64_t n = 0;
    {
      const auto [p, ec] = std::from_chars(count_tok.data(), count_tok.data() + count_tok.size(), n);
      if (ec == std::errc::invalid_argument || p != count_tok.data() + count_tok.size())
        fail(l.number, "Frames: bad frame count " + quote(count_tok));
      if (ec == std::errc::result_out_of_range || n > limits::max_frames)
        fail(l.number, "Frames: " + quote(count_tok) + " is more than the limit of " +
                           std::to_string(limits::max_frames) + " frames (arthrokin/io/limits.hpp)");
    }
    // Frame Time: t
    if (!next_line(l)) fail(line_no(), "Frame Time: missing (end of file)");
    std::string_view time_tok;
    if (l.tokens.size() == 3 && iequals(l.tokens[0], "Frame") && iequals(l.tokens[1], "Time:")) {
      time_tok = l.tokens[2];
    } else if (l.tokens.size() == 2 && iequals(l.tokens[0], "Frame") && l.tokens[1].size() > 5 &&
               iequals(l.tokens[1].substr(0, 5), "Time:")) {
      time_tok = l.tokens[1].substr(5);
    } else {
      fail(l.number, "Frame Time: expected 'Frame Time: <seconds>', got " + quote(l.tokens[0]));
    }
    file.frame_time = number(l, time_tok, "Frame Time");
    if (!(file.frame_time > 0.0)) fail(l.number, "Frame Time: must be positive, got " + quote(time_tok));

    // Frame lines: count them first (no tokens: each line is only checked against the length
    // limit and for a non-blank byte), so that a wrong count allocates nothing.
    const std::size_t data_start = lines_.position(), data_line = lines_.number();
    std::uint64_t lines = 0;
    int first_extra_line = 0;
    std::string_view raw;
    while (next_raw_line(raw))
      if (++lines == n + 1) first_extra_line = line_no();
    // A count off by a few lines (at most `bvh_frame_count_slack`) is a warning and the frames
    // present are read; more is an error (a truncated or concatenated file).
    if (lines != n) {
      const std::uint64_t off = lines > n ? lines - n : n - lines;
      if (off > bvh_frame_count_slack(n) || lines > limits::max_frames) {
        if (lines > n)
          fail(first_extra_line, "Frames: header says " + std::to_string(n) + " frames, file has " +
                                     std::to_string(lines) + " frame lines");
        fail(line_no(), "Frames: header says " + std::to_string(n) + " frames, file has only " + std::to_string(lines));
      }
      file.warnings.push_back(detail::file_label(name_) + ": Frames: header says " + std::to_string(n) +
                              " frames, file has " + std::to_string(lines) + " frame lines; read " +
                              std::to_string(lines) + " frames");
      n = lines;
    }
    lines_.rewind(data_start, data_line);
    const Eigen::Index cols = file.frames.cols();
    file.frames.resize(static_cast<Eigen::Index>(n), cols);
    // Each value straight from the line into the matrix (std::from_chars, no token vector).
    for (Eigen::Index f = 0; f < static_cast<Eigen::Index>(n); ++f) {
      next_raw_line(raw);
      const int line = line_no();
      double* row = file.frames.data() + f * cols;
      Eigen::Index c = 0;
      for (std::size_t i = 0; i < raw.size();) {
        while (i < raw.size() && is_space(raw[i])) ++i;
        if (i == raw.size()) break;
        const std::size_t b = i;
        while (i < raw.size() && !is_space(raw[i])) ++i;
        if (c < cols)
          row[c] = parse_number(line, raw.substr(b, i - b),
                                [&] { return "frame " + std::to_string(f + 1) + " value " + std::to_string(c + 1); });
        ++c;
      }
      if (c != cols)
        fail(line, "frame " + std::to_string(f + 1) + " has " + std::to_string(c) + " values, expected " +
                       std::to_string(cols));
    }
  }

  std::string_view text_;
  std::string_view name_;
  detail::Lines lines_;
};

}  // namespace

std::string_view to_string(BvhChannel c) noexcept { return channel_names[static_cast<std::size_t>(c)]; }

std::optional<BvhChannel> parse_bvh_channel(std::string_view s) noexcept {
  for (std::size_t i = 0; i < channel_names.size(); ++i)
    if (iequals(channel_names[i], s)) return static_cast<BvhChannel>(i);
  return std::nullopt;
}

std::optional<std::size_t> BvhFile::find(std::string_view n) const noexcept {
  for (std::size_t i = 0; i < joints.size(); ++i)
    if (joints[i].name == n) return i;
  return std::nullopt;
}

std::vector<std::size_t> BvhFile::children(std::size_t j) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < joints.size(); ++i)
    if (joints[i].parent == static_cast<int>(j)) out.push_back(i);
  return out;
}

BvhFile parse_bvh(std::string_view text, std::string_view name) { return Parser(text, name).run(); }

BvhFile read_bvh(const std::filesystem::path& path) {
  return parse_bvh(read_input_file(path), path.filename().string());
}

// ---- forward kinematics -------------------------------------------------------

Eigen::Matrix3d bvh_local_rotation(const BvhJoint& joint, const double* row) noexcept {
  // Right-multiplied in channel order (intrinsic rotations, the BVH convention): a joint with
  // "Zrotation Xrotation Yrotation" gets Rz Rx Ry.
  Eigen::Matrix3d R = Eigen::Matrix3d::Identity();
  for (std::size_t k = 0; k < joint.channels.size(); ++k) {
    const BvhChannel c = joint.channels[k];
    if (!is_rotation(c)) continue;
    const double a = deg_to_rad(row[joint.first_channel + static_cast<int>(k)]);
    R = R * Eigen::AngleAxisd(a, Eigen::Vector3d::Unit(axis_index(c))).toRotationMatrix();
  }
  return R;
}

namespace {
void check_workspace(const BvhFile& file, const BvhFkWorkspace& ws) {
  if (ws.R_global_joint.size() != file.joints.size() || ws.p_global_joint.size() != file.joints.size())
    arthrokin::detail::raise("bvh_forward_kinematics: workspace has " + std::to_string(ws.R_global_joint.size()) +
                             " joints, file has " + std::to_string(file.joints.size()));
}
}  // namespace

void bvh_forward_kinematics(const BvhFile& file, Eigen::Index frame, BvhFkWorkspace& ws) {
  check_workspace(file, ws);
  if (frame < 0 || frame >= file.frame_count())
    arthrokin::detail::raise("bvh_forward_kinematics: frame " + std::to_string(frame) + " out of range [0, " +
                             std::to_string(file.frame_count()) + ")");
  const double* row = file.frames.data() + frame * file.frames.cols();
  // The parser stores joints in file order, every parent before its children: one pass suffices.
  for (std::size_t j = 0; j < file.joints.size(); ++j) {
    const BvhJoint& joint = file.joints[j];
    Eigen::Vector3d t = joint.offset;
    bool replaced[3] = {false, false, false};  // replace_offset: the first channel of an axis replaces, later ones add
    for (std::size_t k = 0; k < joint.channels.size(); ++k) {
      const BvhChannel c = joint.channels[k];
      if (is_rotation(c)) continue;
      const int a = axis_index(c);
      const double v = row[joint.first_channel + static_cast<int>(k)];
      if (ws.position_mode == BvhPositionMode::replace_offset && !replaced[a]) {
        t[a] = v;
        replaced[a] = true;
      } else {
        t[a] += v;
      }
    }
    const Eigen::Matrix3d R_local = bvh_local_rotation(joint, row);
    if (joint.parent < 0) {
      ws.R_global_joint[j] = R_local;
      ws.p_global_joint[j] = t;
    } else {
      const auto p = static_cast<std::size_t>(joint.parent);
      ws.p_global_joint[j] = ws.p_global_joint[p] + ws.R_global_joint[p] * t;
      ws.R_global_joint[j] = ws.R_global_joint[p] * R_local;
    }
  }
}

void bvh_rest_pose(const BvhFile& file, BvhFkWorkspace& ws) {
  check_workspace(file, ws);
  for (std::size_t j = 0; j < file.joints.size(); ++j) {
    const BvhJoint& joint = file.joints[j];
    ws.R_global_joint[j].setIdentity();
    ws.p_global_joint[j] =
        joint.parent < 0 ? joint.offset
                         : Eigen::Vector3d(ws.p_global_joint[static_cast<std::size_t>(joint.parent)] + joint.offset);
  }
}

}  // namespace arthrokin::io
