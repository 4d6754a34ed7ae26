#!/usr/bin/env bash
# The compile-time budget of issue 12 (docs/compile-time.md): the CPU time of one translation
# unit that includes the umbrella header <arthrokin/arthrokin.hpp>, divided by that of a unit
# that includes only the dependencies' headers it needs (Eigen/Core and Boost.Units).
# CPU time (user + sys) of the compiler, best of N runs, so that other load on the machine
# matters less. Usage: tools/compile-time.sh [compiler, default g++] [runs, default 3] [extra flags...]
# Prints one line per unit and "ratio: X.XX". Exit 0 always (a measurement, not a test).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
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
cat >"$tmp/umbrella.cpp" <<'CPP'
#include <arthrokin/arthrokin.hpp>
int main() { return 0; }
CPP

# Best-of-N CPU seconds of one compile (-O2, as the project's Release build; -c, no link).
cpu_seconds() {
  local best=""
  for ((i = 0; i < runs; i++)); do
    local t
    t=$( { TIMEFORMAT='%U %S'; time "$cxx" -std=c++20 -O2 "${extra[@]}" -I"$root/include" $eigen -c "$1" \
           -o "$tmp/out.o" >/dev/null 2>&1; } 2>&1 | tail -1 | awk '{print $1 + $2}')
    if [[ -z "$best" ]] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a < b)}'; then best=$t; fi
  done
  echo "$best"
}

deps=$(cpu_seconds "$tmp/deps.cpp")
umbrella=$(cpu_seconds "$tmp/umbrella.cpp")
echo "dependencies only (Eigen/Core, Eigen/Geometry, Boost.Units): ${deps} s"
echo "arthrokin/arthrokin.hpp:                                    ${umbrella} s"
awk -v a="$umbrella" -v b="$deps" 'BEGIN{printf "ratio: %.2f\n", a / b}'
