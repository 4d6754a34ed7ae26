#!/usr/bin/env bash
# The compile-time budget of issue 12 (docs/compile-time.md): the CPU time of one translation
# unit that includes the umbrella header <arthrokin/arthrokin.hpp>, divided by that of a unit
# that includes only the dependencies' headers it needs (Eigen/Core, Eigen/Geometry and
# Boost.Units). Budget: at most 1.5 in the default mode.
#
# The umbrella is measured in both modes (config.hpp): compiled, what arthrokin::arthrokin gives
# (the default of find_package and add_subdirectory), and header-only (ARTHROKIN_HEADER_ONLY,
# arthrokin::header_only). `--mode` chooses the one the "ratio:" line is about (default:
# compiled); the other is printed too. `--headers` adds one line per public header (a unit that
# includes only it) in that mode.
# CPU time (user + sys) of the compiler, best of N runs (the units in turn), so that other load
# on the machine matters less.
#
# usage: tools/compile-time.sh [--mode compiled|header-only] [--headers] [compiler, default g++]
#                              [runs, default 3] [extra flags...]
# Exit 0 always (a measurement, not a test).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mode=compiled
headers=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --mode) mode=$2; shift 2 ;;
    --mode=*) mode=${1#--mode=}; shift ;;
    --headers) headers=1; shift ;;
    *) break ;;
  esac
done
[[ $mode == compiled || $mode == header-only ]] || { echo "compile-time.sh: --mode compiled or header-only" >&2; exit 2; }
cxx=${1:-g++}
runs=${2:-3}
shift $(($# > 2 ? 2 : $#)) || true
extra=("$@")
eigen=$(pkg-config --cflags-only-I eigen3 2>/dev/null || echo -I/usr/include/eigen3)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/deps.cpp" <<'CPP'
#include <Eigen/Core>
#include <Eigen/Geometry>
#include <boost/units/quantity.hpp>
#include <boost/units/systems/si/plane_angle.hpp>
int main() { return 0; }
CPP

# CPU seconds of one compile (-O2, as the project's Release build; -c, no link).
# usage: cpu_once file.cpp [flags...]
cpu_once() {
  local src=$1
  shift
  { TIMEFORMAT='%U %S'; time "$cxx" -std=c++20 -O2 "$@" "${extra[@]}" -I"$root/include" $eigen -c "$src" \
      -o "$tmp/out.o" >/dev/null 2>&1; } 2>&1 | tail -1 | awk '{print $1 + $2}'
}
min() { awk -v a="$1" -v b="$2" 'BEGIN{print (b == "" || a < b) ? a : b}'; }
# Best of N of one compile.
cpu_seconds() {
  local best=""
  for ((i = 0; i < runs; i++)); do best=$(min "$(cpu_once "$@")" "$best"); done
  echo "$best"
}
# A unit that includes one header.
unit() {
  local f="$tmp/unit_${1//\//_}.cpp"
  printf '#include <%s>\nint main() { return 0; }\n' "$1" >"$f"
  echo "$f"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a / b}'; }

umbrella=$(unit arthrokin/arthrokin.hpp)
# The three units in turn, N times, best of each: a change of the machine's load during the
# measurement then weighs on the dependencies and on the umbrella alike.
deps="" compiled="" header_only=""
for ((r = 0; r < runs; r++)); do
  deps=$(min "$(cpu_once "$tmp/deps.cpp")" "$deps")
  compiled=$(min "$(cpu_once "$umbrella")" "$compiled")
  header_only=$(min "$(cpu_once "$umbrella" -DARTHROKIN_HEADER_ONLY)" "$header_only")
done
printf '%-66s %s s\n' "dependencies only (Eigen/Core, Eigen/Geometry, Boost.Units):" "$deps"
printf '%-66s %s s\n' "arthrokin/arthrokin.hpp, compiled (arthrokin::arthrokin):" "$compiled"
printf '%-66s %s s\n' "arthrokin/arthrokin.hpp, header-only (arthrokin::header_only):" "$header_only"
if [[ $mode == compiled ]]; then
  echo "ratio: $(ratio "$compiled" "$deps")  (compiled; header-only: $(ratio "$header_only" "$deps"))"
else
  echo "ratio: $(ratio "$header_only" "$deps")  (header-only; compiled: $(ratio "$compiled" "$deps"))"
fi

if [[ $headers == 1 ]]; then
  flags=()
  [[ $mode == header-only ]] && flags=(-DARTHROKIN_HEADER_ONLY)
  echo "per header ($mode; CPU s of a unit that includes only it):"
  (cd "$root/include" && find arthrokin -name '*.hpp' -not -path '*/detail/*' -not -path '*/io/*' | sort) |
    while read -r h; do
      printf '  %-44s %s\n' "$h" "$(cpu_seconds "$(unit "$h")" "${flags[@]}")"
    done
fi
