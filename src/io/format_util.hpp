// Helpers shared by the pose / profile / angle-frame / keypoint-JSON readers
// (internal to arthrokin_io, not installed).
#pragma once

#include <arthrokin/error.hpp>

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>

namespace arthrokin::io::detail {

using json = nlohmann::json;

/// "<file>: <path>: <what>" (path omitted when empty).
[[noreturn]] inline void fail_at(std::string_view file, std::string_view path, std::string_view what) {
  std::string m(file);
  if (!path.empty()) m.append(": ").append(path);
  m.append(": ").append(what);
  throw parse_error(m);
}

/// "<file>:<line>:<column>: <what>".
[[noreturn]] inline void fail_line(std::string_view file, std::size_t line, std::size_t column, std::string_view what) {
  std::string m(file);
  m.append(":").append(std::to_string(line));
  if (column > 0) m.append(":").append(std::to_string(column));
  m.append(": ").append(what);
  throw parse_error(m);
}

/// The whole file as text; parse_error naming the file when it cannot be read.
inline std::string read_text_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw parse_error(path.string() + ": is a directory, expected a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw parse_error(path.string() + ": cannot open (does the file exist?)");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Parse JSON text; a syntax error becomes "<file>:<line>:<column>: JSON syntax error: ...".
inline json parse_json_text(std::string_view text, std::string_view name) {
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    std::size_t line = 1, col = 1;
    const std::size_t end = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
    for (std::size_t i = 0; i < end; ++i) {
      if (text[i] == '\n')
        ++line, col = 1;
      else
        ++col;
    }
    std::string what = e.what();
    // nlohmann's message starts with "[json.exception.parse_error.101] parse error at line L, column C: "
    if (const auto p = what.find("]: "); p != std::string::npos) what = what.substr(p + 3);
    if (const auto p = what.find("parse error"); p != std::string::npos) {
      const auto q = what.find(": ", p);
      if (q != std::string::npos) what = what.substr(q + 2);
    }
    fail_line(name, line, col, "JSON syntax error: " + what);
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

/// Trim blanks and a trailing CR.
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

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

}  // namespace arthrokin::io::detail
