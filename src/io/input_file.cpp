// Reading an input file within the size limit (see include/arthrokin/io/limits.hpp).
#include "format_util.hpp"

#include <arthrokin/io/limits.hpp>

#include <fstream>

namespace arthrokin::io {

std::string read_input_file(const std::filesystem::path& path, std::uint64_t max_bytes) {
  namespace fs = std::filesystem;
  const std::string name = path.string();
  const auto too_large = [&](const std::string& size) {
    detail::fail_at(name, "",
                    "file is " + size + ", more than the limit of " + std::to_string(max_bytes) +
                        " bytes (arthrokin/io/limits.hpp)");
  };
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (!fs::exists(st)) detail::fail_at(name, "", "cannot open: no such file");
  if (fs::is_directory(st)) detail::fail_at(name, "", "is a directory, expected a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) detail::fail_at(name, "", "cannot open (permissions?)");
  std::string text;
  if (fs::is_regular_file(st)) {
    // Check the size before reading, then read into one buffer of exactly that size.
    const std::uintmax_t size = fs::file_size(path, ec);
    if (!ec) {
      if (size > max_bytes) too_large(std::to_string(size) + " bytes");
      text.resize(static_cast<std::size_t>(size));
      in.read(text.data(), static_cast<std::streamsize>(size));
      text.resize(static_cast<std::size_t>(in.gcount()));
    }
  }
  // Anything after that (a file that grew, a pipe, a device): in chunks, up to the limit.
  char chunk[1 << 16];
  while (in) {
    in.read(chunk, sizeof chunk);
    if (in.gcount() <= 0) break;
    const auto n = static_cast<std::size_t>(in.gcount());
    if (text.size() + n > max_bytes) too_large("longer");
    text.append(chunk, n);
  }
  if (in.bad()) detail::fail_at(name, "", "read error");
  return text;
}

}  // namespace arthrokin::io
