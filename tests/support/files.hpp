// Reading a whole file in tests.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace test_support {

/// The bytes of `path`; throws std::runtime_error when it cannot be opened.
inline std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot open " + path);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

/// The bytes of `path`, or "" when it does not exist (e.g. an output that must not be written).
inline std::string read_file_or_empty(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  if (f) ss << f.rdbuf();
  return ss.str();
}

}  // namespace test_support
