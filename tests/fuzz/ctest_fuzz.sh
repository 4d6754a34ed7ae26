#!/bin/sh
# One CTest step of a libFuzzer target (tests/fuzz/CMakeLists.txt; docs/fuzzing.md).
#   ctest_fuzz.sh replay <binary> <target> <tests/fuzz> <build dir>
#       runs every file of regressions/<target>/ once (fails on any crash), then each file of
#       pending/<target>/ (known crashes awaiting a fix: reported, never failed; one that no
#       longer crashes is named so that it can be moved to regressions/).
#   ctest_fuzz.sh smoke <binary> <target> <tests/fuzz> <build dir> <seconds> <max_len> [dict]
#       fuzzes for <seconds> from corpus/<target>/ and regressions/<target>/ (new inputs go to
#       <build dir>/corpus/<target>/, crashes to <build dir>/smoke-artifacts/<target>/), going on
#       after a crash. Fails when a crash is new; a crash with the signature of a pending input
#       (same kind, same place) is known: exit 77, which CTest reports as skipped.
#   ctest_fuzz.sh signature <binary> <input>
#       the signature of the crash of <input>: what failed, and where in arthrokin.
set -u
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
opts="-rss_limit_mb=2048 -timeout=10"

has_files() { [ -d "$1" ] && [ -n "$(ls -A "$1" 2>/dev/null)" ]; }

# The first line that says what failed (invariant, uncaught exception type, UBSan check,
# ASan report, libFuzzer timeout/oom/leak), plus the first stack frame in arthrokin's code.
signature() {
  # shellcheck disable=SC2086
  "$1" $opts -runs=1 "$2" 2>&1 | awk '
    !what && /FUZZ INVARIANT FAILED/ { sub(/.*FUZZ INVARIANT FAILED /, "invariant "); what = $0 }
    !what && /terminate called after throwing/ { sub(/.*an instance of /, "uncaught "); what = $0 }
    !what && /runtime error:/ {  # file:line:col of the check (the message holds values)
      match($0, /[^\/ ]+:[0-9]+:[0-9]+: runtime error/); what = "ubsan " substr($0, RSTART, RLENGTH) }
    !what && /ERROR: AddressSanitizer:/ { sub(/.*AddressSanitizer: /, "asan "); sub(/ on .*/, ""); what = $0 }
    !what && /ERROR: libFuzzer:/ { sub(/.*libFuzzer: /, "libfuzzer "); what = $0 }
    !where && /^ +#[0-9]+ .* in .*(include\/arthrokin|src\/(io|capi|cli))\// {
      w = $0; sub(/.* in /, "", w); sub(/ \/.*\//, " ", w); where = w }
    END { if (what) print what " @ " (where ? where : "?") }'
}

mode=$1
case $mode in
signature)
  signature "$2" "$3"
  ;;
replay)
  bin=$2 target=$3 src=$4
  reg=$src/regressions/$target pending=$src/pending/$target
  status=0
  if has_files "$reg"; then
    # shellcheck disable=SC2086
    "$bin" $opts -runs=1 "$reg"/* || status=1
  else
    echo "no regression inputs in $reg"
  fi
  if has_files "$pending"; then
    for f in "$pending"/*; do
      # shellcheck disable=SC2086
      if "$bin" $opts -runs=1 "$f" >/dev/null 2>&1; then
        echo "PENDING INPUT NO LONGER CRASHES (move it to regressions/$target/): $f"
      else
        echo "pending input still crashes (known, not failed): $f: $(signature "$bin" "$f")"
      fi
    done
  fi
  exit $status
  ;;
smoke)
  bin=$2 target=$3 src=$4 out=$5 secs=$6 max_len=$7 dict=${8:-}
  reg=$src/regressions/$target pending=$src/pending/$target
  corpus=$out/corpus/$target artifacts=$out/smoke-artifacts/$target
  rm -rf "$artifacts"
  mkdir -p "$corpus" "$artifacts"
  seeds=""
  for d in "$src/corpus/$target" "$reg"; do has_files "$d" && seeds="$seeds $d"; done
  dict_opt=""
  [ -n "$dict" ] && dict_opt="-dict=$dict"
  # -fork=1 -ignore_crashes=1: one worker process, restarted after a crash, so that a known
  # crash does not end the run.
  log=$out/smoke-$target.log
  # shellcheck disable=SC2086
  "$bin" $opts -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -max_total_time="$secs" \
    -max_len="$max_len" $dict_opt -artifact_prefix="$artifacts/" "$corpus" $seeds >"$log" 2>&1
  grep -E "^#[0-9]+: cov|INFO: (fuzzed|exiting)|ERROR: |FUZZ INVARIANT" "$log" | tail -n 12
  if ! grep -q "INFO: exiting" "$log"; then
    echo "fuzz.$target.smoke: the fuzzer did not run to its end (log: $log)"
    tail -n 20 "$log"
    exit 1
  fi
  known=""
  if has_files "$pending"; then
    for f in "$pending"/*; do known="$known
$(signature "$bin" "$f")"; done
  fi
  new=0 old=0
  for a in "$artifacts"/*; do
    [ -f "$a" ] || continue
    s=$(signature "$bin" "$a")
    if [ -n "$s" ] && printf '%s\n' "$known" | grep -qxF -- "$s"; then
      [ $old -eq 0 ] && echo "known crash (pending/$target has it): $s"
      old=$((old + 1))
    else
      new=$((new + 1))
      echo "NEW CRASH: $a"
      echo "  ${s:-(does not reproduce alone: a timeout, an out-of-memory or a flaky input)}"
    fi
  done
  if [ $new -gt 0 ]; then
    echo "fuzz.$target.smoke: $new new crash input(s) in $artifacts (fuzz.sh replay $target <file> for the stack)"
    exit 1
  fi
  if [ $old -gt 0 ]; then
    echo "fuzz.$target.smoke: only known crashes ($old inputs; pending/$target): reported as skipped"
    exit 77
  fi
  exit 0
  ;;
*)
  echo "usage: $0 replay|smoke|signature ..." >&2
  exit 2
  ;;
esac
