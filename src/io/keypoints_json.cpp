// Keypoint JSON, streamed: a first SAX pass validates the document and counts the frames without
// storing them, a second fills a table allocated once at its final size. No DOM is built, so the
// memory is the text plus the table (about 32 bytes per point; a point takes at least 8 bytes of text).
#include "format_util.hpp"

#include <arthrokin/io/keypoints_json.hpp>

#include <cmath>
#include <cstdio>

namespace arthrokin::io {

using detail::fail_at;
using detail::json;

std::optional<Layout> parse_layout(std::string_view s) noexcept { return arthrokin::parse_layout(s); }

namespace {

enum class Kind : std::uint8_t { null, boolean, number, string, object, array };

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::null:
      return "null";
    case Kind::boolean:
      return "boolean";
    case Kind::number:
      return "number";
    case Kind::string:
      return "string";
    case Kind::object:
      return "object";
    case Kind::array:
      return "array";
  }
  return "";
}

class KeypointSax {
 public:
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using string_t = json::string_t;
  using binary_t = json::binary_t;

  /// Pass 1 (`table` null): validate and count. Pass 2: fill `table`, sized from pass 1.
  KeypointSax(std::string_view text, std::string_view file, std::optional<Layout> given, KeypointTable* table)
      : text_(text), file_(file), given_(given), layout_(given), table_(table) {}

  bool null() { return scalar(Kind::null); }
  bool boolean(bool) { return scalar(Kind::boolean); }
  bool number_integer(number_integer_t v) { return scalar(Kind::number, static_cast<double>(v)); }
  bool number_unsigned(number_unsigned_t v) { return scalar(Kind::number, static_cast<double>(v)); }
  bool number_float(number_float_t v, const string_t&) { return scalar(Kind::number, v); }
  bool string(string_t& s) { return scalar(Kind::string, 0.0, &s); }
  bool binary(binary_t&) { return scalar(Kind::string); }
  bool start_object(std::size_t) { return open(Kind::object); }
  bool start_array(std::size_t) { return open(Kind::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(string_t& k) {
    path_.key(k, file_);
    if (skipping()) return true;
    if (path_.depth() == 1) top_key_ = k;
    if (k != "layout" && k != "fps" && k != "frames" && k != "comment")
      fail_at(file_, path_.here(), "unknown field (expected layout, fps, frames, comment)");
    return true;
  }
  bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::json::exception& ex) {
    path_.syntax_error(text_, file_, position, last_token, ex);
  }

  /// After the document: the checks that need all of it.
  void finish() {
    if (!seen_object_) fail_at(file_, "(document)", "expected a JSON object");
    if (!layout_) fail_at(file_, "layout", "missing (or pass --layout)");
    if (!seen_frames_) fail_at(file_, "frames", "missing");
    const std::size_t n = keypoint_count(*layout_);
    if (frames_ > 0 && first_count_ != n) bad_count(0, first_count_);
    if (odd_frame_) bad_count(*odd_frame_, odd_count_);
  }

  [[nodiscard]] std::size_t frames() const noexcept { return frames_; }
  [[nodiscard]] bool any_visibility() const noexcept { return any_vis_; }
  [[nodiscard]] std::optional<Layout> layout() const noexcept { return layout_; }
  [[nodiscard]] std::optional<double> fps() const noexcept { return fps_; }

 private:
  bool skipping() const noexcept { return skip_ > 0 && path_.depth() >= skip_; }

  std::string frame_path(std::size_t f) const { return "frames[" + std::to_string(f) + "]"; }
  std::string point_path() const { return frame_path(frames_ - 1) + "[" + std::to_string(points_ - 1) + "]"; }
  [[noreturn]] void bad_count(std::size_t f, std::size_t got) const {
    fail_at(file_, frame_path(f),
            "expected " + std::to_string(keypoint_count(*layout_)) + " points for " + std::string(to_string(*layout_)) +
                ", got " + std::to_string(got));
  }
  [[noreturn]] void bad_point() const { fail_at(file_, point_path(), "expected [x, y, z] or [x, y, z, visibility]"); }

  /// A value (scalar or the start of a container) inside the container at depth `d`.
  void value(std::size_t d, Kind k, double v, const std::string* s) {
    if (skip_ > 0 && d >= skip_) return;
    switch (d) {
      case 0:
        if (k != Kind::object) fail_at(file_, "(document)", std::string("expected a JSON object, got ") + kind_name(k));
        seen_object_ = true;
        return;
      case 1: {
        const std::string& key = top_key_;
        if (key == "comment" || (key == "layout" && given_)) {
          if (k == Kind::object || k == Kind::array) skip_ = d + 1;
          return;
        }
        if (key == "layout") {
          if (k != Kind::string) fail_at(file_, "layout", std::string("expected a string, got ") + kind_name(k));
          layout_ = parse_layout(*s);
          if (!layout_) fail_at(file_, "layout", "unknown layout " + detail::excerpt(*s) + " (" + layout_names() + ")");
        } else if (key == "fps") {
          if (k != Kind::number) fail_at(file_, "fps", std::string("expected a number, got ") + kind_name(k));
          if (!(v > 0)) fail_at(file_, "fps", "must be > 0");
          fps_ = v;
        } else if (key == "frames") {
          if (k != Kind::array) fail_at(file_, "frames", std::string("expected an array, got ") + kind_name(k));
          seen_frames_ = true;
        }
        return;
      }
      case 2:  // a frame
        if (k != Kind::array)
          fail_at(file_, frame_path(frames_), std::string("expected an array of points, got ") + kind_name(k));
        if (frames_ == limits::max_frames)
          fail_at(file_, frame_path(frames_),
                  "more than " + std::to_string(limits::max_frames) + " frames (arthrokin/io/limits.hpp)");
        ++frames_;
        points_ = 0;
        return;
      case 3:  // a point
        ++points_;
        if (k != Kind::null && k != Kind::array) bad_point();
        coords_ = 0;
        known_coords_ = 0;
        if (table_ && k == Kind::array && points_ > keypoint_count(*layout_)) bad_count(frames_ - 1, points_);
        return;
      case 4: {  // a coordinate or the visibility
        const std::size_t c = coords_++;
        if (c >= 4 || (k != Kind::null && k != Kind::number)) bad_point();
        const std::string here = point_path() + "[" + std::to_string(c) + "]";
        if (c < 3) {
          if (k == Kind::null) return;
          ++known_coords_;
          if (table_) table_->xyz[((frames_ - 1) * keypoint_count(*layout_) + points_ - 1) * 3 + c] = v;
          return;
        }
        if (k == Kind::null) {
          if (known_coords_ > 0)
            fail_at(file_, here,
                    "visibility is null for a point with coordinates (a visibility in [0, 1] is needed; null only "
                    "in a missing point)");
          return;
        }
        if (!(v >= 0.0 && v <= 1.0)) {
          fail_at(file_, here, "visibility " + arthrokin::detail::format_number("%g", v) + " is outside [0, 1]");
        }
        any_vis_ = true;
        if (table_ && !table_->visibility.empty())
          table_->visibility[(frames_ - 1) * keypoint_count(*layout_) + points_ - 1] = v;
        return;
      }
      default:
        fail_at(file_, path_.here(), "unexpected value (nested too deep for keypoint JSON)");
    }
  }

  bool scalar(Kind k, double v = 0.0, const std::string* s = nullptr) {
    path_.value_added();
    value(path_.depth(), k, v, s);
    return true;
  }
  bool open(Kind k) {
    const std::size_t d = path_.depth();
    path_.open(k == Kind::array, file_);
    value(d, k, 0.0, nullptr);
    return true;
  }
  bool close() {
    const std::size_t d = path_.depth();
    path_.close();
    if (skip_ > 0) {
      if (d == skip_) skip_ = 0;
      return true;
    }
    if (d == 4 && coords_ != 3 && coords_ != 4) bad_point();
    if (d == 3) {  // the end of a frame
      if (layout_ && points_ != keypoint_count(*layout_)) bad_count(frames_ - 1, points_);
      if (frames_ == 1)
        first_count_ = points_;
      else if (points_ != first_count_ && !odd_frame_)
        odd_frame_ = frames_ - 1, odd_count_ = points_;
    }
    return true;
  }

  std::string_view text_;
  std::string_view file_;
  std::optional<Layout> given_;
  std::optional<Layout> layout_;
  KeypointTable* table_;
  detail::JsonPath path_;
  std::string top_key_;   ///< the current key of the document object
  std::size_t skip_ = 0;  ///< > 0: inside a skipped value whose contents are at this depth and deeper
  bool seen_object_ = false, seen_frames_ = false, any_vis_ = false;
  std::optional<double> fps_;
  std::size_t frames_ = 0, points_ = 0, coords_ = 0, known_coords_ = 0;
  std::size_t first_count_ = 0;
  std::optional<std::size_t> odd_frame_;
  std::size_t odd_count_ = 0;
};

void run(KeypointSax& sax, std::string_view text, std::string_view name) {
  try {
    json::sax_parse(text.begin(), text.end(), &sax);
  } catch (const nlohmann::json::exception& e) {  // not expected: the handler reports errors itself
    fail_at(name, "", "JSON error: " + detail::printable(e.what(), 2 * limits::max_excerpt_bytes));
  }
  sax.finish();
}

}  // namespace

bool is_keypoints_json(std::string_view text) noexcept {
  // A scan of the bytes, not a JSON parser: it only needs the keys of the top-level object, and
  // allocates nothing however the document is nested (the readers report what is malformed).
  const std::string_view t = detail::skip_bom(text);
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::size_t i = 0;
  while (i < t.size() && blank(t[i])) ++i;
  if (i == t.size() || t[i] != '{') return false;
  ++i;
  std::size_t depth = 1;
  bool key_next = true;  // at depth 1, after '{' or ','
  while (i < t.size()) {
    const char c = t[i];
    if (c == '"') {
      const std::size_t b = ++i;
      while (i < t.size() && t[i] != '"') i += t[i] == '\\' ? 2 : 1;
      if (i >= t.size()) return false;
      const std::string_view s = t.substr(b, i - b);
      ++i;
      if (depth == 1 && key_next) {
        if (s == "frames") return true;
        key_next = false;
      }
      continue;
    }
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return false;
    } else if (c == ',' && depth == 1) {
      key_next = true;
    }
    ++i;
  }
  return false;
}

KeypointJson parse_keypoints_json(std::string_view text, std::string_view name, std::optional<Layout> layout) {
  detail::check_size(text, name, limits::max_file_bytes);
  text = detail::skip_bom(text);
  KeypointSax count(text, name, layout, nullptr);
  run(count, text, name);
  KeypointJson out;
  out.fps = count.fps();
  auto& t = out.table;
  t.layout = *count.layout();
  t.frames = count.frames();
  const std::size_t n = keypoint_count(t.layout);
  t.xyz.assign(t.frames * n * 3, std::numeric_limits<double>::quiet_NaN());
  if (count.any_visibility()) t.visibility.assign(t.frames * n, 1.0);
  KeypointSax fill(text, name, t.layout, &t);
  run(fill, text, name);
  return out;
}

KeypointJson read_keypoints_json(const std::filesystem::path& path, std::optional<Layout> layout) {
  return parse_keypoints_json(read_input_file(path), path.string(), layout);
}

}  // namespace arthrokin::io
