// The native side of the native-vs-WebAssembly equality tests (tests/web/equal_test.js,
// tests/web/page_test.js; docs/web.md): reads BlazePose-33 world landmarks with the library's own
// CSV reader (io::read_keypoints_csv), runs them through the same C ABI as the WebAssembly module
// (wasm/src/arthrokin_web.cpp, here compiled natively against the compiled library) and prints,
// per frame, one JSON line: {"frame":i,"ok":0|1,"error":"...","out":[the output buffer, %.17g,
// null = NaN],"cues":["..."]}, then {"finish":true,"out":[...]} after akw_finish.
//
//   web_native_driver --csv FILE (--fps F | --times FILE) [--fit 0|1] [--mirrored] [--time-ms M]
// Frame i's time is i / F, or line i of the times file. Exit 2 on bad usage or input. --time-ms: also
// replay the frames through fresh sessions for M milliseconds and print {"timing_us_per_frame":x}
// (the native figure beside the page's replay timing).
#include "arthrokin_web.h"

#include <arthrokin/io/keypoints_csv.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

void print_string(std::string_view s) {
  std::putchar('"');
  for (const char c : s) {
    if (c == '"' || c == '\\')
      std::printf("\\%c", c);
    else if (static_cast<unsigned char>(c) < 0x20)
      std::printf("\\u%04x", c);
    else
      std::putchar(c);
  }
  std::putchar('"');
}

void print_output(const akw_session* s) {
  const double* out = akw_output(s);
  const int n = akw_output_size(s);
  std::printf("\"out\":[");
  for (int i = 0; i < n; ++i) {
    if (i) std::putchar(',');
    if (std::isnan(out[i]))
      std::printf("null");
    else
      std::printf("%.17g", out[i]);
  }
  std::putchar(']');
}

int usage(const char* msg) {
  std::fprintf(stderr,
               "web_native_driver: %s\nusage: web_native_driver --csv FILE (--fps F | --times FILE) [--fit 0|1] "
               "[--mirrored] [--time-ms M]\n",
               msg);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string csv, times_path;
  double fps = 0.0;
  int fit = 1, mirrored = 0;
  double time_ms = 0.0;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--csv" && has_value)
      csv = argv[++i];
    else if (a == "--fps" && has_value)
      fps = std::atof(argv[++i]);
    else if (a == "--times" && has_value)
      times_path = argv[++i];
    else if (a == "--fit" && has_value)
      fit = std::atoi(argv[++i]);
    else if (a == "--mirrored")
      mirrored = 1;
    else if (a == "--time-ms" && has_value)
      time_ms = std::atof(argv[++i]);
    else
      return usage(("unknown argument " + std::string(a)).c_str());
  }
  if (csv.empty() || (fps <= 0.0 && times_path.empty())) return usage("--csv and --fps or --times are required");
  try {
    const auto table = arthrokin::io::read_keypoints_csv(csv, arthrokin::Layout::blazepose33);
    std::vector<double> times;
    if (!times_path.empty()) {
      std::ifstream in(times_path);
      std::string line;
      while (std::getline(in, line))
        if (!line.empty()) times.push_back(std::strtod(line.c_str(), nullptr));
      if (times.size() != table.frames) return usage("the times file must hold one time per frame");
    } else {
      for (std::size_t i = 0; i < table.frames; ++i) times.push_back(static_cast<double>(i) / fps);
    }
    akw_session* s = akw_create(fit, mirrored);
    if (!s) return usage(akw_last_error());
    for (std::size_t f = 0; f < table.frames; ++f) {
      const auto view = table.frame(f);
      std::copy(view.xyz.begin(), view.xyz.end(), akw_input_xyz(s));
      if (!view.visibility.empty()) std::copy(view.visibility.begin(), view.visibility.end(), akw_input_visibility(s));
      const int rc = akw_frame(s, times[f], view.visibility.empty() ? 0 : 1);
      std::printf("{\"frame\":%zu,\"ok\":%d,\"error\":", f, rc == 0 ? 1 : 0);
      print_string(akw_error(s));
      std::putchar(',');
      print_output(s);
      std::printf(",\"cues\":[");
      for (int c = 0; rc == 0 && c < akw_cue_count(s); ++c) {
        if (c) std::putchar(',');
        print_string(akw_cue_text(s, c));
      }
      std::printf("]}\n");
    }
    akw_finish(s);
    std::printf("{\"finish\":true,");
    print_output(s);
    std::printf("}\n");
    akw_destroy(s);
    if (time_ms > 0.0 && table.frames > 0) {
      using clock = std::chrono::steady_clock;
      const auto t0 = clock::now();
      std::size_t n = 0;
      while (std::chrono::duration<double, std::milli>(clock::now() - t0).count() < time_ms) {
        akw_session* r = akw_create(fit, mirrored);
        for (std::size_t f = 0; f < table.frames; ++f) {
          const auto view = table.frame(f);
          std::copy(view.xyz.begin(), view.xyz.end(), akw_input_xyz(r));
          if (!view.visibility.empty())
            std::copy(view.visibility.begin(), view.visibility.end(), akw_input_visibility(r));
          (void)akw_frame(r, times[f], view.visibility.empty() ? 0 : 1);
        }
        akw_destroy(r);
        n += table.frames;
      }
      const double us = std::chrono::duration<double, std::micro>(clock::now() - t0).count() / static_cast<double>(n);
      std::printf("{\"timing_us_per_frame\":%.3f}\n", us);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "web_native_driver: %s\n", e.what());
    return 2;
  }
  return 0;
}
