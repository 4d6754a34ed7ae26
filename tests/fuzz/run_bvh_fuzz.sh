#!/bin/sh
# Build the BVH libFuzzer target with clang + ASan + UBSan and run it on a seed corpus made
# from the CMU walk sample. Usage: tests/fuzz/run_bvh_fuzz.sh [seconds, default 60]
# -Wno-invalid-constexpr: clang 14 rejects the constexpr __builtin_fma in angle.hpp (GCC accepts it).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${BVH_FUZZ_DIR:-$root/build-bvh-fuzz}
secs=${1:-60}
mkdir -p "$out/corpus"
clang++ -std=c++20 -O1 -g -Wno-invalid-constexpr -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -I"$root/include" -I/usr/include/eigen3 \
  "$root/tests/fuzz/bvh_fuzz.cpp" "$root/src/io/bvh.cpp" "$root/src/io/bvh_segments.cpp" -o "$out/bvh_fuzz"
walk="$root/data/samples/bvh/131_01_start_walk_stop.bvh"
# Seeds: the hierarchy with 3 frames, and the hierarchy alone with 0 frames.
awk '/^Frames:/{print "Frames: 3"; next} {print} /^Frame Time/{n=NR} n && NR>n+2 {exit}' "$walk" > "$out/corpus/walk3.bvh"
awk '/^Frames:/{print "Frames: 0"; next} {print} /^Frame Time/{exit}' "$walk" > "$out/corpus/walk0.bvh"
"$out/bvh_fuzz" -max_total_time="$secs" -max_len=16384 -timeout=5 -rss_limit_mb=1024 \
  -dict="$root/tests/fuzz/bvh.dict" "$out/corpus"
