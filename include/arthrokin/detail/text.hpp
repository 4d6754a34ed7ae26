/// @file text.hpp
/// @brief Text hygiene shared by every entry point: UTF-8 validation, truncation at a
///        code-point boundary, and a printable, bounded excerpt of untrusted bytes for
///        error messages (so that a message never echoes invalid UTF-8, control
///        characters, or a 200 MB cell).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace arthrokin::detail {

/// One number in a printf format with a single floating-point conversion ("%.6f", "%8.0f",
/// "%g\xC2\xB0", "%9.1f%%"): the one number formatter of the CLI, the report writers and the
/// sentences. The result is cut at 63 bytes (more than any such format produces).
[[nodiscard]] inline std::string format_number(const char* printf_format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, printf_format, v);
  return buf;
}

/// Length in bytes of the well-formed UTF-8 sequence starting at `s[i]`, or 0 if the bytes
/// there are not well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
[[nodiscard]] constexpr std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept {
  const auto b = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
  const std::size_t n = s.size() - i;
  const std::uint8_t c = b(i);
  if (c < 0x80) return 1;
  const auto cont = [&](std::size_t k) { return (b(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return n >= 2 && cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 3 || !cont(i + 1) || !cont(i + 2)) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0;   // overlong
    if (c == 0xED && b(i + 1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (n < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    if (c == 0xF0 && b(i + 1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && b(i + 1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

/// True when `s` is well-formed UTF-8.
[[nodiscard]] constexpr bool valid_utf8(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size();) {
    const auto k = utf8_sequence_length(s, i);
    if (k == 0) return false;
    i += k;
  }
  return true;
}

/// The longest prefix of the well-formed UTF-8 text `s` that has at most `max_bytes` bytes and
/// does not split a code point.
[[nodiscard]] constexpr std::string_view truncate_utf8(std::string_view s, std::size_t max_bytes) noexcept {
  if (s.size() <= max_bytes) return s;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<std::uint8_t>(s[end]) & 0xC0) == 0x80) --end;  // back to a lead byte
  return s.substr(0, end);
}

/// Default length of an excerpt of user input inside an error message.
inline constexpr std::size_t excerpt_bytes = 80;

/// A printable excerpt of untrusted bytes for an error message: well-formed UTF-8 is kept,
/// invalid bytes and C0 controls become `\xNN`, and input longer than `max_bytes` is cut at a
/// code-point boundary and followed by "… (N bytes)". The result is always valid UTF-8 and
/// bounded by about 4 × `max_bytes` + 32 bytes.
[[nodiscard]] inline std::string printable(std::string_view s, std::size_t max_bytes = excerpt_bytes) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  std::size_t i = 0;
  for (; i < s.size() && i < max_bytes;) {
    const auto k = utf8_sequence_length(s, i);
    const auto c = static_cast<std::uint8_t>(s[i]);
    if (k == 0 || (k == 1 && (c < 0x20 || c == 0x7F))) {
      out.append("\\x").push_back(hex[c >> 4]);
      out.push_back(hex[c & 0xF]);
      ++i;
    } else if (i + k > max_bytes) {
      break;
    } else {
      out.append(s.substr(i, k));
      i += k;
    }
  }
  if (i < s.size()) out.append("\xE2\x80\xA6 (").append(std::to_string(s.size())).append(" bytes)");
  return out;
}

}  // namespace arthrokin::detail
