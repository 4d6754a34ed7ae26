#!/usr/bin/env bash
# Build and run the libFuzzer targets of tests/fuzz (docs/fuzzing.md). Needs clang (Debian's).
#   tests/fuzz/fuzz.sh build                       configure + build every target (build-fuzz/)
#   tests/fuzz/fuzz.sh smoke [seconds]             build, replay regressions/, fuzz each target
#                                                  for [seconds] (default 20), 2 at a time (CTest)
#   tests/fuzz/fuzz.sh run <target> [seconds] [libFuzzer options...]
#                                                  a long run (default 600 s), e.g. -jobs=4 -workers=2
#   tests/fuzz/fuzz.sh replay <target> <file>...   run inputs once (e.g. a crash, to see its stack)
#   tests/fuzz/fuzz.sh minimize <target> <crash>   a smaller input with the same crash (→ <crash>.min)
#   tests/fuzz/fuzz.sh list                        the targets
# Environment: FUZZ_BUILD_DIR (default build-fuzz), FUZZ_JOBS (parallel builds/tests, default 2).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
src=$root/tests/fuzz
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
jobs=${FUZZ_JOBS:-2}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
targets=(bvh bvh_segments angle_csv keypoints_csv keypoints_json pose_json profile_json exercise_json capi
         keypoint_angles joint_angles batch_check opensim)

configure() {
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  CC=${CC_FUZZ:-clang} CXX=${CXX_FUZZ:-clang++} cmake -S "$root" -B "$build" -DARTHROKIN_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=Fuzz "${launcher[@]}" -DARTHROKIN_FUZZ_SECONDS="${1:-20}" \
    -DARTHROKIN_BUILD_TESTS=OFF -DARTHROKIN_BUILD_TOOLS=OFF -DARTHROKIN_BUILD_EXAMPLES=OFF \
    -DARTHROKIN_BUILD_BENCHMARKS=OFF -DARTHROKIN_BUILD_PYTHON=OFF -DARTHROKIN_INSTALL=OFF >/dev/null
}
build_all() {
  configure "${1:-20}"
  cmake --build "$build" --target fuzzers -j"$jobs"
}
check_target() {
  local t
  for t in "${targets[@]}"; do [[ $t == "$1" ]] && return 0; done
  echo "fuzz.sh: unknown target '$1' (fuzz.sh list)" >&2
  exit 2
}
max_len() {
  case $1 in
    bvh | bvh_segments) echo 16384 ;;
    exercise_json | keypoints_csv | keypoints_json) echo 8192 ;;
    *) echo 4096 ;;
  esac
}

cmd=${1:-}
shift || true
case $cmd in
  build) build_all ;;
  list) printf '%s\n' "${targets[@]}" ;;
  smoke)
    build_all "${1:-20}"
    rm -rf "$build/smoke-artifacts"
    status=0
    ctest --test-dir "$build" -L fuzz -j"$jobs" --output-on-failure || status=$?
    shopt -s nullglob
    for d in "$build"/smoke-artifacts/*/; do  # crashes found now (new: failed; known: skipped)
      t=$(basename "$d")
      files=("$d"*)
      ((${#files[@]})) || continue
      echo "fuzz.sh: $t: ${#files[@]} crash input(s) in $d; the first: $(sh "$src/ctest_fuzz.sh" signature \
        "$build/tests/fuzz/${t}_fuzz" "${files[0]}")"
    done
    exit $status
    ;;
  run)
    t=${1:?target}
    check_target "$t"
    secs=${2:-600}
    shift $(($# >= 2 ? 2 : 1))
    configure
    cmake --build "$build" --target "${t}_fuzz" -j"$jobs"
    corpus=$build/corpus/$t artifacts=$build/artifacts/$t
    mkdir -p "$corpus" "$artifacts"
    dict=()
    [[ -f $src/dict/$t.dict ]] && dict=(-dict="$src/dict/$t.dict")
    seeds=()
    for d in "$src/corpus/$t" "$src/regressions/$t"; do [[ -d $d ]] && seeds+=("$d"); done
    cd "$artifacts"  # -jobs writes fuzz-<n>.log here
    "$build/tests/fuzz/${t}_fuzz" -max_total_time="$secs" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$artifacts/" "${dict[@]}" "$@" "$corpus" "${seeds[@]}"
    ;;
  replay)
    t=${1:?target}
    check_target "$t"
    shift
    configure
    cmake --build "$build" --target "${t}_fuzz" -j"$jobs" >/dev/null
    "$build/tests/fuzz/${t}_fuzz" -rss_limit_mb=2048 -timeout=10 "$@"
    ;;
  minimize)
    t=${1:?target} crash=${2:?crash file}
    check_target "$t"
    configure
    cmake --build "$build" --target "${t}_fuzz" -j"$jobs" >/dev/null
    "$build/tests/fuzz/${t}_fuzz" -minimize_crash=1 -max_total_time=60 -runs=100000 -exact_artifact_path="$crash.min" \
      "$crash"
    echo "minimised: $crash.min ($(wc -c <"$crash.min") bytes)"
    ;;
  *)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
