#!/usr/bin/env bash
# Render an arthrokin SVG or HTML report to PNG with headless Chromium, to look at it as a person would.
# Needs Debian's chromium: bash tools/install-deps.sh (installs it unless --no-browser)
# Usage: tools/render-report.sh report.html [out.png] [WIDTHxHEIGHT]   (CHROMIUM=/path/to/chromium to choose one)
set -euo pipefail
in=${1:?usage: tools/render-report.sh report.(html|svg) [out.png] [WIDTHxHEIGHT]}
out=${2:-${in%.*}.png}
size=${3:-1200x900}
chromium=${CHROMIUM:-chromium}  # CTest passes the one find_program found
command -v "$chromium" >/dev/null || { echo "render-report: chromium not found (bash tools/install-deps.sh)" >&2; exit 2; }
abs=$(readlink -f "$in")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
  --screenshot="$(readlink -f "$(dirname "$out")")/$(basename "$out")" --window-size="${size/x/,}" "file://$abs" \
  >/dev/null 2>&1
echo "render-report: wrote $out"
