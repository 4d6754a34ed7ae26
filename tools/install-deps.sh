#!/usr/bin/env bash
# Installs what arthrokin needs to build, test and run, from Debian's packages.
# Idempotent: packages already installed are skipped; apt-get update runs only
# when something is missing. Run as root (or with sudo) on Debian 12.
set -euo pipefail

# Everything a command of README.md or docs/ runs: the build and tests; clang with its libFuzzer
# runtime (libclang-rt-14-dev; docs/fuzzing.md); ccache (tests/fuzz/fuzz.sh uses it when present);
# valgrind (docs/performance.md's callgrind profiles); python3-matplotlib
# (benchmarks/plot_scaling.py); python3-venv, python3-pip, python3-setuptools, python3-wheel
# (`pip install --no-build-isolation .` into a venv: docs/python.md, CTest python.venv_install);
# python3-pandas (arthrokin.check_frame and the DataFrame functions); g++-aarch64-linux-gnu and
# qemu-user (CTest cross.aarch64_qemu builds the batch tests for AArch64 and runs them under
# qemu-aarch64: docs/performance.md, "ARM"; `--no-arm` leaves them out, and the test with them).
# The browser tools, by default (`--no-browser` leaves them out, and the tests with them; the
# old `--with-browser` is accepted and changes nothing; docs/web.md): emscripten (the WebAssembly module, CTest wasm.build/wasm.equal),
# chromium and ffmpeg (CTest web.page: headless Chromium with a fake camera fed from a video), npm
# when no `npm` is on the PATH (a node from elsewhere, e.g. NodeSource's, brings its own), then
# `npm ci` in examples/web (BlazePose and playwright-core at the versions of package-lock.json)
# unless examples/web/node_modules exists.
packages=(
  build-essential cmake g++ clang libclang-rt-14-dev clang-format doxygen ccache valgrind
  libeigen3-dev libboost-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nlohmann-json3-dev libcli11-dev
  pybind11-dev python3-dev python3-numpy python3-pytest python3-scipy python3-dask python3-distributed
  python3-matplotlib
  python3-venv python3-pip python3-setuptools python3-wheel python3-pandas
)
arm=1
browser=1
for arg in "$@"; do
  case "$arg" in
    --with-browser) browser=1 ;;
    --no-browser) browser=0 ;;
    --no-arm) arm=0 ;;
    *) echo "install-deps: unknown option $arg (--no-browser, --no-arm)" >&2; exit 2 ;;
  esac
done
if ((browser)); then
  packages+=(chromium emscripten ffmpeg)
  command -v npm > /dev/null || packages+=(npm)
fi
if ((arm)); then packages+=(g++-aarch64-linux-gnu qemu-user); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: everything is installed"
fi

if ((browser)); then
  web_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/examples/web"
  if [[ -d "$web_dir/node_modules" ]]; then
    echo "install-deps: $web_dir/node_modules exists (npm ci skipped)"
  else
    echo "install-deps: npm ci in $web_dir"
    (cd "$web_dir" && npm ci --no-audit --no-fund)
  fi
fi
