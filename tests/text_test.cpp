// detail/text.hpp: UTF-8 validation, truncation and printable excerpts of untrusted bytes.
#include <arthrokin/detail/text.hpp>

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace {
using arthrokin::detail::printable;
using arthrokin::detail::truncate_utf8;
using arthrokin::detail::valid_utf8;

// An independent encoder (RFC 3629 table), used to make well-formed text.
std::string encode(char32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

TEST(Utf8, KnownWellFormedAndIllFormedSequences) {
  EXPECT_TRUE(valid_utf8(""));
  EXPECT_TRUE(valid_utf8("hip \xC2\xB0 \xE2\x82\xAC \xF0\x9F\x98\x80"));  // °, €, emoji
  EXPECT_TRUE(valid_utf8("\xF4\x8F\xBF\xBF"));                            // U+10FFFF
  EXPECT_FALSE(valid_utf8("\xE9t\xE9"));                                  // Latin-1 "été"
  EXPECT_FALSE(valid_utf8("\xC0\x80"));                                   // overlong NUL
  EXPECT_FALSE(valid_utf8("\xE0\x80\xAF"));                               // overlong '/'
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));                               // surrogate U+D800
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));                           // above U+10FFFF
  EXPECT_FALSE(valid_utf8("\xE2\x82"));                                   // truncated €
  EXPECT_FALSE(valid_utf8("\x80"));                                       // lone continuation
  EXPECT_FALSE(valid_utf8("\xFF"));
}

TEST(Utf8, RandomCodePointsEncodeToValidTextAndTruncationNeverSplitsOne) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::uint32_t> cp(1, 0x10FFFF);
  for (int trial = 0; trial < 2000; ++trial) {
    std::string s;
    for (int k = 0; k < 12; ++k) {
      char32_t c = cp(rng);
      if (c >= 0xD800 && c <= 0xDFFF) c = 0x41;
      s += encode(c);
    }
    ASSERT_TRUE(valid_utf8(s));
    for (std::size_t n = 0; n <= s.size(); ++n) {
      const auto t = truncate_utf8(s, n);
      ASSERT_LE(t.size(), n);
      ASSERT_TRUE(valid_utf8(t)) << n;
      ASSERT_GT(t.size() + 4, n) << "gave up more than one code point";
    }
  }
}

TEST(Printable, AnyBytesGiveBoundedValidUtf8) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> byte(0, 255), len(0, 400);
  for (int trial = 0; trial < 3000; ++trial) {
    std::string s(static_cast<std::size_t>(len(rng)), '\0');
    for (auto& c : s) c = static_cast<char>(byte(rng));
    const auto p = printable(s, 80);
    ASSERT_TRUE(valid_utf8(p));
    ASSERT_LE(p.size(), 4 * 80 + 32);
    for (char c : p) ASSERT_FALSE(static_cast<unsigned char>(c) < 0x20);
  }
}

TEST(Printable, EscapesInvalidBytesAndCutsLongInput) {
  EXPECT_EQ(printable("hip"), "hip");
  EXPECT_EQ(printable("\xE9t\xE9"), "\\xe9t\\xe9");
  EXPECT_EQ(printable("a\nb"), "a\\x0ab");
  EXPECT_EQ(printable(std::string(200'000'000 / 1000, 'x'), 5), "xxxxx\xE2\x80\xA6 (200000 bytes)");
  // A cut never splits a multi-byte character: "é" is 2 bytes, a 3-byte budget keeps one.
  EXPECT_EQ(printable("\xC3\xA9\xC3\xA9", 3), "\xC3\xA9\xE2\x80\xA6 (4 bytes)");
}
}  // namespace
