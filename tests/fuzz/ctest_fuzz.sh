#!/bin/sh
# One CTest step of a libFuzzer target (tests/fuzz/CMakeLists.txt; docs/fuzzing.md).
#   ctest_fuzz.sh replay <binary> <target> <tests/fuzz> <build dir>
#       runs every file of regressions/<target>/ once (fails on any crash), then each file of
#       pending/<target>/ (known crashes awaiting a fix: reported, never failed; one that no
#       longer crashes is named so that it can be moved to regressions/).
#   ctest_fuzz.sh smoke <binary> <target> <tests/fuzz> <build dir> <seconds> <max_len> [dict]
#       fuzzes for <seconds> from corpus/<target>/ and regressions/<target>/ (new inputs go to
#       <build dir>/corpus/<target>/, a crash to <build dir>/smoke-artifacts/<target>/). Exit 77 (CTest:
#       skipped) instead of a failure when the target crashed and has pending inputs.
set -u
mode=$1 bin=$2 target=$3 src=$4 out=$5
reg=$src/regressions/$target
pending=$src/pending/$target
opts="-rss_limit_mb=2048 -timeout=10"
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

has_files() { [ -d "$1" ] && [ -n "$(ls -A "$1" 2>/dev/null)" ]; }

case $mode in
replay)
  status=0
  if has_files "$reg"; then
    # shellcheck disable=SC2086
    "$bin" $opts -runs=1 "$reg"/* || status=1
  else
    echo "no regression inputs in $reg"
  fi
  if has_files "$pending"; then
    for f in "$pending"/*; do
      if "$bin" $opts -runs=1 "$f" >/dev/null 2>&1; then
        echo "PENDING INPUT NO LONGER CRASHES (move it to regressions/$target/): $f"
      else
        echo "pending input still crashes (known, not failed): $f"
      fi
    done
  fi
  exit $status
  ;;
smoke)
  secs=$6 max_len=$7 dict=${8:-}
  corpus=$out/corpus/$target artifacts=$out/smoke-artifacts/$target
  mkdir -p "$corpus" "$artifacts"
  seeds=""
  for d in "$src/corpus/$target" "$reg"; do has_files "$d" && seeds="$seeds $d"; done
  dict_opt=""
  [ -n "$dict" ] && dict_opt="-dict=$dict"
  # shellcheck disable=SC2086
  "$bin" $opts -max_total_time="$secs" -max_len="$max_len" $dict_opt -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$corpus" $seeds
  status=$?
  if [ $status -ne 0 ] && has_files "$pending"; then
    echo "fuzz.$target.smoke: CRASHED, but $target has pending known crashes ($pending): reported, not failed."
    echo "The input is in $artifacts/; compare its stack with the pending inputs'."
    exit 77
  fi
  exit $status
  ;;
*)
  echo "usage: $0 replay|smoke ..." >&2
  exit 2
  ;;
esac
