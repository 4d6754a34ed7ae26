// Runs the built `arthrokin` tool for the CLI tests (tests/cli_test.cpp, tests/cli_bad_input_test.cpp).
// The tool's path is compiled in (ARTHROKIN_CLI_PATH); the environment variable ARTHROKIN_CLI
// overrides it, e.g. to run the tests against an older build of the tool.
#pragma once

#include "files.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#ifndef ARTHROKIN_CLI_PATH
#define ARTHROKIN_CLI_PATH ""
#endif

namespace arthrokin::test {

struct CliResult {
  int code = -1;  ///< exit code, -1 when the tool did not exit (killed by a signal)
  std::string out, err;
};

inline std::string cli_path() {
  if (const char* e = std::getenv("ARTHROKIN_CLI"); e != nullptr && *e != '\0') return e;
  return ARTHROKIN_CLI_PATH;
}

inline std::string slurp(const std::string& p) { return test_support::read_file_or_empty(p); }

/// `s` as one shell word.
inline std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) (c == '\'' ? q += "'\\''" : q += c);
  return q + "'";
}

/// A new empty directory for one test (unique per process: ctest runs test cases in parallel).
inline std::string fresh_dir(const std::string& name) {
  const std::string d = ::testing::TempDir() + "arthrokin_cli_" + std::to_string(::getpid()) + "_" + name + "/";
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

/// Run `arthrokin <args>` through /bin/sh (`args` are shell words: quote paths with quote()).
/// stdout is captured unless `stdout_to` names where it goes (e.g. "/dev/full"); `prefix` is
/// shell text run before the tool in the same shell (e.g. "ulimit -f 8;").
inline CliResult run_cli(const std::string& args, const std::string& stdout_to = {}, const std::string& prefix = {}) {
  static int calls = 0;
  const std::string tag = std::to_string(::getpid()) + "_" + std::to_string(++calls);
  const std::string dir = ::testing::TempDir();
  const std::string o = dir + "cli_out_" + tag + ".txt", e = dir + "cli_err_" + tag + ".txt";
  const std::string cmd = prefix + " " + quote(cli_path()) + " " + args + " >" +
                          quote(stdout_to.empty() ? o : stdout_to) + " 2>" + quote(e);
  const int st = std::system(cmd.c_str());
  CliResult r;
  r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  if (stdout_to.empty()) r.out = slurp(o);
  r.err = slurp(e);
  std::remove(o.c_str());
  std::remove(e.c_str());
  return r;
}

}  // namespace arthrokin::test
