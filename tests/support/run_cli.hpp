// Runs the built `arthrokin` tool in a child process (fork + execv: arguments are passed as bytes,
// so paths that are not UTF-8 reach it unchanged) and reports its exit code, peak resident set
// size (wait4) and standard error. The test must define ARTHROKIN_CLI_PATH (tests/CMakeLists.txt).
#pragma once

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace test_support {

struct CliRun {
  int exit_code = -1;          ///< -1 when the tool did not exit normally
  std::uint64_t peak_rss = 0;  ///< bytes
  std::string err;             ///< standard error (standard output is discarded)
};

inline CliRun run_cli(const std::string& cli, const std::vector<std::string>& args, const std::string& temp_dir) {
  static int calls = 0;
  const std::string err_path =
      temp_dir + "run_cli_err_" + std::to_string(::getpid()) + "_" + std::to_string(++calls) + ".txt";
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int out = ::open("/dev/null", O_WRONLY);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    std::vector<char*> argv{const_cast<char*>(cli.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(cli.c_str(), argv.data());
    ::_exit(127);
  }
  CliRun r;
  int status = 0;
  struct rusage ru {};
  if (pid > 0 && ::wait4(pid, &status, 0, &ru) == pid) {
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.peak_rss = static_cast<std::uint64_t>(ru.ru_maxrss) * 1024;  // Linux: kilobytes
  }
  std::ifstream in(err_path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  r.err = s.str();
  std::remove(err_path.c_str());
  return r;
}

}  // namespace test_support
