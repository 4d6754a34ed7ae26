// The native side of the native-vs-WebAssembly equality tests (tests/web/equal_test.js,
// tests/web/page_test.js; docs/web.md): reads BlazePose-33 world landmarks with the library's own
// CSV reader (io::read_keypoints_csv), runs them through the same C ABI as the WebAssembly module
// (wasm/src/arthrokin_web.cpp, here compiled natively against the compiled library) and prints,
// per frame, one JSON line: {"frame":i,"ok":0|1,"error":"...","out":[the output buffer, %.17g,
// null = NaN],"cues":["..."]}, then {"finish":true,"out":[...]} after akw_finish.
//
//   web_native_driver --csv FILE (--fps F | --times FILE) [--fit 0|1] [--mirrored] [--time-ms M]
//                     [--layout NAME] [--set KEY=TEXT]... [--number KEY=X]... [--override DOF:LO:HI[:REASON]]...
//                     [--profile FILE] [--angles]
// Frame i's time is i / F, or line i of the times file. Exit 2 on bad usage or input. --time-ms: also
// replay the frames through fresh sessions for M milliseconds and print {"timing_us_per_frame":x}
// (the native figure beside the page's replay timing). The session options (docs/web.md): --layout
// (also the CSV's layout), --set (akw_options_set), --number (akw_options_set_number), --override
// (akw_options_override), --profile (the file's text as the profile option). --angles: the CSV holds
// joint angles instead (a header line, then per frame 39 radians in DoF order, nan = unknown), given
// to akw_angles.
#include "arthrokin_web.h"

#include <arthrokin/io/keypoints_csv.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
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

struct options_guard {
  explicit options_guard(akw_options* p) : o(p) {}
  ~options_guard() { akw_options_free(o); }
  options_guard(const options_guard&) = delete;
  options_guard& operator=(const options_guard&) = delete;
  akw_options* o;
};

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
               "[--mirrored] [--time-ms M] [--layout NAME] [--set KEY=TEXT]... [--number KEY=X]... "
               "[--override DOF:LO:HI[:REASON]]... [--profile FILE] [--angles]\n",
               msg);
  return 2;
}

// The angle CSV of --angles: a header line, then rows of 39 numbers (nan = unknown).
std::vector<std::vector<double>> read_angles(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::string line;
  std::getline(in, line);  // header
  std::vector<std::vector<double>> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<double> r;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) r.push_back(std::strtod(cell.c_str(), nullptr));  // "nan" → NaN
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace

int main(int argc, char** argv) {
  std::string csv, times_path;
  double fps = 0.0;
  int fit = 1, mirrored = 0;
  double time_ms = 0.0;
  std::string layout = "blazepose33", profile_path;
  std::vector<std::pair<std::string, std::string>> text_options;
  std::vector<std::pair<std::string, double>> number_options;
  std::vector<std::string> overrides;
  bool angles_input = false;
  const auto key_value = [](std::string_view kv) {
    const auto eq = kv.find('=');
    return eq == std::string_view::npos ? std::pair<std::string, std::string>{}
                                        : std::pair<std::string, std::string>{kv.substr(0, eq), kv.substr(eq + 1)};
  };
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
    else if (a == "--layout" && has_value)
      layout = argv[++i];
    else if (a == "--set" && has_value)
      text_options.push_back(key_value(argv[++i]));
    else if (a == "--number" && has_value) {
      const auto [k, v] = key_value(argv[++i]);
      number_options.emplace_back(k, std::strtod(v.c_str(), nullptr));  // shortest round-trip text → the same double
    } else if (a == "--override" && has_value)
      overrides.emplace_back(argv[++i]);
    else if (a == "--profile" && has_value)
      profile_path = argv[++i];
    else if (a == "--angles")
      angles_input = true;
    else
      return usage(("unknown argument " + std::string(a)).c_str());
  }
  if (csv.empty() || (fps <= 0.0 && times_path.empty())) return usage("--csv and --fps or --times are required");
  try {
    const auto parsed_layout = arthrokin::parse_layout(layout);
    if (!parsed_layout) return usage(("unknown layout " + layout).c_str());
    // The options, as the JavaScript API gives them to the module.
    akw_options* options = akw_options_new();
    options_guard guard{options};
    if (akw_options_set(options, "layout", layout.c_str()) != 0) return usage(akw_last_error());
    if (akw_options_set_number(options, "fit", fit) != 0 || akw_options_set_number(options, "mirrored", mirrored) != 0)
      return usage(akw_last_error());
    for (const auto& [k, v] : text_options)
      if (akw_options_set(options, k.c_str(), v.c_str()) != 0) return usage(akw_last_error());
    for (const auto& [k, v] : number_options)
      if (akw_options_set_number(options, k.c_str(), v) != 0) return usage(akw_last_error());
    for (const std::string& ov : overrides) {
      std::vector<std::string> p;
      std::stringstream ss(ov);
      std::string part;
      while (std::getline(ss, part, ':')) p.push_back(part);
      if (p.size() < 3) return usage("--override DOF:LO:HI[:REASON]");
      akw_options_override(options, p[0].c_str(), std::strtod(p[1].c_str(), nullptr),
                           std::strtod(p[2].c_str(), nullptr), p.size() > 3 ? p[3].c_str() : nullptr);
    }
    if (!profile_path.empty()) {
      std::ifstream in(profile_path);
      std::stringstream text;
      text << in.rdbuf();
      if (akw_options_set(options, "profile", text.str().c_str()) != 0) return usage(akw_last_error());
    }
    const auto angle_rows = angles_input ? read_angles(csv) : std::vector<std::vector<double>>{};
    const auto table =
        angles_input ? arthrokin::io::KeypointTable{} : arthrokin::io::read_keypoints_csv(csv, *parsed_layout);
    const std::size_t frames = angles_input ? angle_rows.size() : table.frames;
    // One frame into the session: its keypoints (sizes as the caller has them) or its angles.
    const auto step = [&](akw_session* s, std::size_t f, double t) {
      if (angles_input) {
        const auto& r = angle_rows[f];
        std::copy(r.begin(), r.begin() + std::min<std::ptrdiff_t>(39, std::ssize(r)), akw_input_angles(s));
        return akw_angles(s, t, static_cast<int>(r.size()));
      }
      const auto view = table.frame(f);
      std::copy(view.xyz.begin(), view.xyz.end(), akw_input_xyz(s));
      if (!view.visibility.empty()) std::copy(view.visibility.begin(), view.visibility.end(), akw_input_visibility(s));
      return akw_frame_sized(s, t, static_cast<int>(view.xyz.size()), static_cast<int>(view.visibility.size()));
    };
    std::vector<double> times;
    if (!times_path.empty()) {
      std::ifstream in(times_path);
      std::string line;
      while (std::getline(in, line))
        if (!line.empty()) times.push_back(std::strtod(line.c_str(), nullptr));
      if (times.size() != frames) return usage("the times file must hold one time per frame");
    } else {
      for (std::size_t i = 0; i < frames; ++i) times.push_back(static_cast<double>(i) / fps);
    }
    akw_session* s = akw_create_with(options);
    if (!s) return usage(akw_last_error());
    for (std::size_t f = 0; f < frames; ++f) {
      const int rc = step(s, f, times[f]);
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
    if (time_ms > 0.0 && frames > 0) {
      using clock = std::chrono::steady_clock;
      const auto t0 = clock::now();
      std::size_t n = 0;
      while (std::chrono::duration<double, std::milli>(clock::now() - t0).count() < time_ms) {
        akw_session* r = akw_create_with(options);
        for (std::size_t f = 0; f < frames; ++f) (void)step(r, f, times[f]);
        akw_destroy(r);
        n += frames;
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
