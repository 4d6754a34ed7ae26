// Helpers shared by the readers and writers of arthrokin_io (internal, not installed): error
// messages with bounded, printable excerpts of user input; lines under the length limit; CSV
// cells; and a JSON parser that enforces the limits of <arthrokin/io/limits.hpp> (document size,
// nesting depth, duplicate keys) and turns every nlohmann error into `parse_error`.
#pragma once

#include <arthrokin/detail/text.hpp>
#include <arthrokin/error.hpp>
#include <arthrokin/io/limits.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace arthrokin::io::detail {

using json = nlohmann::json;
using arthrokin::detail::printable;

/// A file name for a message: printable and bounded.
inline std::string file_label(std::string_view file) { return printable(file, limits::max_path_excerpt_bytes); }

/// A piece of user input for a message: printable, bounded, in single quotes.
inline std::string excerpt(std::string_view s) {
  std::string q(1, '\'');  // (not "'" + std::string: GCC 12 -Wrestrict false positive)
  q.append(printable(s, limits::max_excerpt_bytes)).push_back('\'');
  return q;
}

/// "<file>: <path>: <what>" (path omitted when empty). `path` must already be printable.
[[noreturn]] inline void fail_at(std::string_view file, std::string_view path, std::string_view what) {
  std::string m = file_label(file);
  if (!path.empty()) m.append(": ").append(path);
  m.append(": ").append(what);
  throw parse_error(m);
}

/// "<file>:<line>:<column>: <what>" (column omitted when 0).
[[noreturn]] inline void fail_line(std::string_view file, std::size_t line, std::size_t column, std::string_view what) {
  std::string m = file_label(file);
  m.append(":").append(std::to_string(line));
  if (column > 0) m.append(":").append(std::to_string(column));
  m.append(": ").append(what);
  throw parse_error(m);
}

/// `text` without a leading UTF-8 byte order mark (every reader accepts and skips one).
inline std::string_view skip_bom(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  return text;
}

/// parse_error unless `text` (of a document called `file`) is within `max_bytes`.
inline void check_size(std::string_view text, std::string_view file, std::uint64_t max_bytes) {
  if (text.size() > max_bytes)
    fail_at(file, "",
            "input is " + std::to_string(text.size()) + " bytes, more than the limit of " + std::to_string(max_bytes) +
                " bytes (arthrokin/io/limits.hpp)");
}

/// The lines of a text, each checked against `limits::max_line_bytes` before it is used.
class Lines {
 public:
  Lines(std::string_view text, std::string_view file) : text_(text), file_(file) {}

  /// The next line (without its '\n'), or false at the end of the text.
  bool next(std::string_view& line) {
    if (pos_ >= text_.size()) return false;
    ++number_;
    const std::string_view rest = text_.substr(pos_);
    const std::size_t nl = rest.substr(0, limits::max_line_bytes + 2).find('\n');
    const std::size_t len = nl == std::string_view::npos ? rest.size() : nl;
    std::string_view l = rest.substr(0, len);
    if (l.ends_with('\r')) l.remove_suffix(1);
    if (l.size() > limits::max_line_bytes)
      fail_line(file_, number_, 0,
                "line longer than the limit of " + std::to_string(limits::max_line_bytes) +
                    " bytes (arthrokin/io/limits.hpp)");
    pos_ += nl == std::string_view::npos ? rest.size() : nl + 1;
    line = l;
    return true;
  }
  /// 1-based number of the line last returned.
  [[nodiscard]] std::size_t number() const noexcept { return number_; }
  /// Offset of the first byte after the line last returned.
  [[nodiscard]] std::size_t position() const noexcept { return pos_; }
  void rewind(std::size_t pos, std::size_t number) noexcept { pos_ = pos, number_ = number; }

 private:
  std::string_view text_;
  std::string_view file_;
  std::size_t pos_ = 0;
  std::size_t number_ = 0;
};

/// Trim blanks and a trailing CR.
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

/// The comma-separated fields of one line, one at a time (no allocation).
class Fields {
 public:
  explicit Fields(std::string_view line) : line_(line) {}
  /// The next field (trimmed), or false after the last.
  bool next(std::string_view& field) {
    if (done_) return false;
    const std::size_t c = line_.find(',', pos_);
    if (c == std::string_view::npos) {
      field = trim(line_.substr(pos_));
      done_ = true;
    } else {
      field = trim(line_.substr(pos_, c - pos_));
      pos_ = c + 1;
    }
    return true;
  }

 private:
  std::string_view line_;
  std::size_t pos_ = 0;
  bool done_ = false;
};

/// Number of comma-separated fields of a line.
inline std::size_t field_count(std::string_view line) {
  return static_cast<std::size_t>(std::count(line.begin(), line.end(), ',')) + 1;
}

// The CSV number cells need std::from_chars for double (libstdc++ 11+). Emscripten 3.1.6's libc++ 14
// has none (no __cpp_lib_to_chars); the WebAssembly module (wasm/CMakeLists.txt) compiles only the
// profile JSON reader of this directory, which reads no CSV, so it goes without these two.
#if defined(__cpp_lib_to_chars)
/// A CSV number cell: empty, "nan" or "NaN" → NaN (unknown); anything else must be a finite number.
/// Returns false when the cell is not a number.
inline bool csv_number(std::string_view cell, double& out) {
  cell = trim(cell);
  if (cell.empty() || cell == "nan" || cell == "NaN" || cell == "NAN") {
    out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  if (cell.front() == '+') cell.remove_prefix(1);
  double v = 0;
  const auto [p, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (ec != std::errc() || p != cell.data() + cell.size() || !std::isfinite(v)) return false;
  out = v;
  return true;
}

/// Why `cell` is not accepted by `csv_number`: "is not a number" or, for inf or a number beyond the
/// range of a double (1e400, 1e-400), "is not a finite number within the range of a double".
inline std::string_view csv_number_problem(std::string_view cell) {
  cell = trim(cell);
  if (!cell.empty() && cell.front() == '+') cell.remove_prefix(1);
  double v = 0;
  const auto [p, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (p == cell.data() + cell.size() &&
      (ec == std::errc::result_out_of_range || (ec == std::errc() && !std::isfinite(v))))
    return "is not a finite number within the range of a double";
  return "is not a number";
}
#endif  // __cpp_lib_to_chars

/// Quote a CSV field when it needs it (RFC 4180).
inline std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  q += '"';
  return q;
}

/// `s` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD (for writers:
/// nlohmann's dump throws type_error 316 on invalid UTF-8).
inline std::string valid_utf8_text(std::string_view s) {
  if (arthrokin::detail::valid_utf8(s)) return std::string(s);
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t k = arthrokin::detail::utf8_sequence_length(s, i);
    if (k == 0) {
      out.append("\xEF\xBF\xBD");
      ++i;
    } else {
      out.append(s.substr(i, k));
      i += k;
    }
  }
  return out;
}

// ---- JSON ----------------------------------------------------------------------------------------

/// Line and column (1-based) of byte `offset` of `text`.
inline std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1, col = 1;
  const std::size_t end = std::min(offset, text.size());
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n')
      ++line, col = 1;
    else
      ++col;
  }
  return {line, col};
}

/// Tracks where a SAX parser is in a document, for messages ("frames[3][2]", "angles_deg.x"),
/// checks the nesting depth before a container is opened, and rejects duplicate keys.
class JsonPath {
 public:
  /// Call before a container is opened: parse_error beyond `limits::max_json_depth`.
  void open(bool array, std::string_view file) {
    if (levels_.size() >= limits::max_json_depth)
      fail_at(
          file, here(true),
          "JSON nested deeper than " + std::to_string(limits::max_json_depth) + " levels (arthrokin/io/limits.hpp)");
    value_added();
    levels_.push_back({array, 0, {}, {}});
  }
  void close() { levels_.pop_back(); }
  /// A key of the innermost object: parse_error if the object already has it.
  void key(const std::string& k, std::string_view file) {
    Level& l = levels_.back();
    if (!l.keys.insert(k).second) {
      l.key = k;
      fail_at(file, here(), "duplicate key (a key may appear only once in an object)");
    }
    l.key = k;
  }
  /// A scalar value was read at the current position.
  void value_added() {
    if (!levels_.empty() && levels_.back().array) ++levels_.back().next;
  }
  [[nodiscard]] std::size_t depth() const noexcept { return levels_.size(); }

  /// The path of the value being read (or about to be read), printable: "a.b[2]", or "(document)".
  [[nodiscard]] std::string here(bool pending = false) const {
    std::string p;
    for (std::size_t i = 0; i < levels_.size(); ++i) {
      const Level& l = levels_[i];
      if (l.array) {
        const std::size_t k = pending && i + 1 == levels_.size() ? l.next : (l.next == 0 ? 0 : l.next - 1);
        p.append("[").append(std::to_string(k)).append("]");
      } else if (!l.key.empty() || !l.keys.empty()) {
        if (!p.empty()) p += '.';
        p += printable(l.key, limits::max_excerpt_bytes);
      }
    }
    return p.empty() ? "(document)" : p;
  }

  /// parse_error for a nlohmann parse error at byte `position` of `text`: a number too large for a
  /// double names the field; anything else is "<file>:<line>:<column>: JSON syntax error: ...".
  [[noreturn]] void syntax_error(std::string_view text, std::string_view file, std::size_t position,
                                 const std::string& last_token, const nlohmann::json::exception& ex) const {
    if (ex.id == 406)  // out_of_range: number overflow
      fail_at(file, here(true), "number " + excerpt(last_token) + " is out of the range of a double (about ±1.8e308)");
    std::string what = ex.what();
    // "[json.exception.parse_error.101] parse error at line L, column C: syntax error while ..."
    if (const auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    if (const auto p = what.find("parse error"); p == 0) {
      const auto q = what.find(": ");
      if (q != std::string::npos) what = what.substr(q + 2);
    }
    const auto [line, col] = line_column(text, position > 0 ? position - 1 : 0);
    fail_line(file, line, col, "JSON syntax error: " + printable(what, 2 * limits::max_excerpt_bytes));
  }

 private:
  struct Level {
    bool array = false;
    std::size_t next = 0;  ///< arrays: elements started so far
    std::string key;       ///< objects: the current key
    std::set<std::string> keys;
  };
  std::vector<Level> levels_;
};

/// SAX handler building a DOM like nlohmann's own, within the limits (depth, duplicate keys).
template <class Json>
class CheckedDom {
 public:
  using number_integer_t = typename Json::number_integer_t;
  using number_unsigned_t = typename Json::number_unsigned_t;
  using number_float_t = typename Json::number_float_t;
  using string_t = typename Json::string_t;
  using binary_t = typename Json::binary_t;

  CheckedDom(Json& root, std::string_view text, std::string_view file) : root_(root), text_(text), file_(file) {}

  bool null() { return add(nullptr); }
  bool boolean(bool v) { return add(v); }
  bool number_integer(number_integer_t v) { return add(v); }
  bool number_unsigned(number_unsigned_t v) { return add(v); }
  bool number_float(number_float_t v, const string_t&) { return add(v); }
  bool string(string_t& v) { return add(std::move(v)); }
  bool binary(binary_t& v) { return add(std::move(v)); }
  bool start_object(std::size_t) { return open(Json::object(), false); }
  bool key(string_t& k) {
    path_.key(k, file_);
    pending_ = &(*stack_.back())[k];
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(Json::array(), true); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::json::exception& ex) {
    path_.syntax_error(text_, file_, position, last_token, ex);
  }

 private:
  template <class V>
  Json* place(V&& v) {
    if (stack_.empty()) {
      root_ = Json(std::forward<V>(v));
      return &root_;
    }
    Json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.emplace_back(std::forward<V>(v));
      return &parent.back();
    }
    *pending_ = Json(std::forward<V>(v));
    return pending_;
  }
  template <class V>
  bool add(V&& v) {
    path_.value_added();
    place(std::forward<V>(v));
    return true;
  }
  bool open(Json&& empty, bool array) {
    path_.open(array, file_);
    stack_.push_back(place(std::move(empty)));
    return true;
  }
  bool close() {
    path_.close();
    stack_.pop_back();
    return true;
  }

  Json& root_;
  std::string_view text_;
  std::string_view file_;
  std::vector<Json*> stack_;
  Json* pending_ = nullptr;
  JsonPath path_;
};

/// Parse a JSON document (pose, profile, exercise) within the limits: at most `max_bytes`, nesting
/// at most `limits::max_json_depth`, no duplicate keys, numbers within a double; a leading BOM is
/// skipped. Every failure is a `parse_error` naming `file` (and the field or line and column).
template <class Json = json>
Json parse_json_document(std::string_view text, std::string_view file,
                         std::uint64_t max_bytes = limits::max_json_document_bytes) {
  check_size(text, file, max_bytes);
  text = skip_bom(text);
  Json root;
  CheckedDom<Json> dom(root, text, file);
  try {
    Json::sax_parse(text.begin(), text.end(), &dom);
  } catch (const nlohmann::json::exception& e) {  // not expected: the handler reports errors itself
    fail_at(file, "", "JSON error: " + printable(e.what(), 2 * limits::max_excerpt_bytes));
  }
  return root;
}

/// `f()`, with any nlohmann exception it lets out (none is expected after the checks of the
/// readers) turned into a parse_error naming `file`.
template <class F>
auto json_errors_as_parse_errors(std::string_view file, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const nlohmann::json::exception& e) {
    fail_at(file, "", "unexpected JSON value: " + printable(e.what(), 2 * limits::max_excerpt_bytes));
  }
}

/// A finite number at `path`, or parse_error.
inline double json_finite(const json& j, std::string_view file, const std::string& path) {
  if (!j.is_number()) fail_at(file, path, std::string("expected a number, got ") + j.type_name());
  const double v = j.get<double>();
  if (!std::isfinite(v)) fail_at(file, path, "expected a finite number");
  return v;
}

/// A string at `path`, or parse_error.
inline std::string json_string(const json& j, std::string_view file, const std::string& path) {
  if (!j.is_string()) fail_at(file, path, std::string("expected a string, got ") + j.type_name());
  return j.get<std::string>();
}

/// A JSON key for a field path (printable and bounded).
inline std::string path_key(std::string_view key) { return printable(key, limits::max_excerpt_bytes); }

}  // namespace arthrokin::io::detail
