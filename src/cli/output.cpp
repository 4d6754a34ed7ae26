// Outputs of the `arthrokin` tool: files written whole or not at all, standard output checked at
// exit, messages that show untrusted names safely (docs/cli.md, "Outputs").
#include "cli.hpp"

#include <arthrokin/detail/text.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <iostream>

namespace arthrokin::cli {
namespace fs = std::filesystem;

namespace {

/// Long enough for any real path; the excerpt limit of error messages is meant for file contents.
constexpr std::size_t path_bytes = 4096;

[[noreturn]] void fail(const std::string& path, int err) {
  throw output_error("cannot write " + shown(path) + ": " + std::strerror(err));
}

/// Write all of `text` to `fd`; 0 or the errno of the failure.
int write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (n == 0) return EIO;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

/// The permission bits a new file gets from open(..., 0666): 0666 without the umask.
mode_t new_file_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

/// One queued file during commit(). Owns its descriptor and its temporary file until released.
struct Staged {
  const std::string* path = nullptr;  ///< as given by the user (for messages)
  const std::string* text = nullptr;
  fs::path target;   ///< the destination, symbolic links resolved
  std::string temp;  ///< temporary file next to target (empty: direct write)
  int fd = -1;
  Staged() = default;
  Staged(const Staged&) = delete;
  Staged& operator=(const Staged&) = delete;
  ~Staged() {
    if (fd >= 0) ::close(fd);
    if (!temp.empty()) ::unlink(temp.c_str());
  }
};

}  // namespace

std::string shown(std::string_view text) { return detail::printable(text, path_bytes); }

std::size_t parse_frame(const std::string& text) {
  std::size_t n = 0;
  const char* end = text.data() + text.size();
  const auto [p, ec] = std::from_chars(text.data(), end, n);
  if (!text.empty() && text[0] == '-' && text.size() > 1 && std::isdigit(static_cast<unsigned char>(text[1])))
    throw usage_error("--frame " + shown(text) + ": frame numbers start at 0");
  if (ec == std::errc::result_out_of_range && p == end)
    throw usage_error("--frame " + shown(text) + ": no input has that many frames");
  if (ec != std::errc() || p != end || text.empty())
    throw usage_error("--frame " + shown(text) + ": expected a frame number (0, 1, 2, ...)");
  return n;
}

std::size_t frame_index(std::size_t frame, std::size_t frames, const std::string& path) {
  const std::string has = shown(path) + (frames == 0 ? " has no frame"
                                                     : " has " + std::to_string(frames) + " frames (0 to " +
                                                           std::to_string(frames - 1) + ")");
  if (frame >= frames) throw usage_error("--frame " + std::to_string(frame) + ": no such frame; " + has);
  return frame;
}

void OutputFiles::add(const std::string& path, std::string text) {
  if (path.empty()) return;
  std::error_code e1;
  const fs::path mine = fs::weakly_canonical(path, e1);
  for (const auto& f : files_) {
    std::error_code e2;
    const fs::path other = fs::weakly_canonical(f.path, e2);
    if (f.path == path || (!e1 && !e2 && mine == other))
      throw usage_error(shown(path) + ": the same file is named for two outputs");
  }
  files_.push_back({path, std::move(text)});
}

void OutputFiles::commit() {
  std::vector<Staged> staged(files_.size());
  // 1. Open every destination that is not a regular file, and write every other file to a
  //    temporary file in its directory. Nothing is visible at a destination yet.
  for (std::size_t i = 0; i < files_.size(); ++i) {
    Staged& s = staged[i];
    s.path = &files_[i].path;
    s.text = &files_[i].text;
    std::error_code ec;
    s.target = fs::canonical(*s.path, ec);  // follows symbolic links: replace the file, not the link
    if (ec) s.target = *s.path;             // does not exist (yet)
    struct stat st {};
    const bool exists = ::stat(s.target.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) fail(*s.path, EISDIR);
    if (exists && !S_ISREG(st.st_mode)) {  // a device or a FIFO: cannot be replaced, written in place
      s.fd = ::open(s.target.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
      if (s.fd < 0) fail(*s.path, errno);
      continue;
    }
    // Renaming over a file would replace it even when it is write-protected: refuse as open() would.
    if (exists && ::access(s.target.c_str(), W_OK) != 0) fail(*s.path, errno);
    fs::path dir = s.target.parent_path();
    if (dir.empty()) dir = ".";
    std::string name(1, '.');  // hidden, next to the destination: rename() stays in one file system
    name.append(s.target.filename().string()).append(".arthrokin-XXXXXX");
    std::string tmpl = (dir / name).string();
    s.fd = ::mkstemp(tmpl.data());
    if (s.fd < 0) fail(*s.path, errno);
    s.temp = tmpl;
    const mode_t mode = exists ? (st.st_mode & 07777) : new_file_mode();
    if (::fchmod(s.fd, mode) != 0) fail(*s.path, errno);
    if (const int err = write_all(s.fd, *s.text)) fail(*s.path, err);
    if (::fsync(s.fd) != 0) fail(*s.path, errno);
    const int fd = s.fd;
    s.fd = -1;
    if (::close(fd) != 0) fail(*s.path, errno);
  }
  // 2. Devices and FIFOs, now that every regular file is complete.
  for (auto& s : staged) {
    if (!s.temp.empty()) continue;
    if (const int err = write_all(s.fd, *s.text)) fail(*s.path, err);
    const int fd = s.fd;
    s.fd = -1;
    if (::close(fd) != 0) fail(*s.path, errno);
  }
  // 3. Put the complete files in place.
  for (auto& s : staged) {
    if (s.temp.empty()) continue;
    if (::rename(s.temp.c_str(), s.target.c_str()) != 0) fail(*s.path, errno);
    s.temp.clear();
    fs::path dir = s.target.parent_path();
    if (dir.empty()) dir = ".";
    // Make the rename durable too (best effort: not every file system can sync a directory).
    if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
      ::fsync(dfd);
      ::close(dfd);
    }
  }
  files_.clear();
}

void write_file(const std::string& path, std::string text) {
  OutputFiles f;
  f.add(path, std::move(text));
  f.commit();
}

namespace {

/// std::cout's buffer: writes to descriptor 1 and keeps the errno of the first failed write
/// (after which output is dropped). Line-buffered on a terminal, so that stdout and stderr
/// interleave there as they are written.
class StdoutBuffer final : public std::streambuf {
 public:
  StdoutBuffer() : line_buffered_(::isatty(STDOUT_FILENO) == 1) { setp(buf_.data(), buf_.data() + buf_.size()); }
  [[nodiscard]] int error() const noexcept { return error_; }
  int drain() {
    const auto n = static_cast<std::size_t>(pptr() - pbase());
    if (n > 0 && error_ == 0) error_ = write_all(STDOUT_FILENO, {pbase(), n});
    setp(buf_.data(), buf_.data() + buf_.size());
    return error_;
  }

 protected:
  int_type overflow(int_type c) override {
    if (drain() != 0) return traits_type::eof();
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
    if (line_buffered_ && traits_type::to_char_type(c) == '\n' && drain() != 0) return traits_type::eof();
    return c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    const auto len = static_cast<std::size_t>(n);
    if (len > static_cast<std::size_t>(epptr() - pptr())) {
      if (drain() != 0) return 0;
      if (len >= buf_.size()) {  // larger than the buffer: straight through
        error_ = write_all(STDOUT_FILENO, {s, len});
        return error_ == 0 ? n : 0;
      }
    }
    std::memcpy(pptr(), s, len);
    pbump(static_cast<int>(n));
    if (line_buffered_ && std::memchr(s, '\n', len) != nullptr && drain() != 0) return 0;
    return n;
  }
  int sync() override { return drain() == 0 ? 0 : -1; }

 private:
  std::array<char, 1 << 16> buf_{};
  bool line_buffered_;
  int error_ = 0;
};

}  // namespace

StdoutGuard::StdoutGuard() : buffer_(std::make_unique<StdoutBuffer>()) {
  std::fflush(stdout);  // C stdio output so far goes first
  previous_ = std::cout.rdbuf(buffer_.get());
}

StdoutGuard::~StdoutGuard() {
  std::cout.flush();
  std::cout.rdbuf(previous_);
}

std::optional<std::string> StdoutGuard::failure() {
  int err = static_cast<StdoutBuffer&>(*buffer_).drain();
  if (err == 0 && !std::cout) err = EIO;  // a write failed without an errno
  // C stdio: none of arthrokin's own output, but a library could print.
  errno = 0;
  if (err == 0 && (std::fflush(stdout) != 0 || std::ferror(stdout))) err = errno != 0 ? errno : EIO;
  if (err == 0) return std::nullopt;
  return std::string(std::strerror(err));
}

}  // namespace arthrokin::cli
