#!/usr/bin/env python3
"""CTest python.venv_install: `pip install .` into a fresh venv, then pytest against it.

Creates a virtual environment with --system-site-packages (numpy, pandas, pytest, scipy, dask
come from Debian) in a temporary directory, installs the repository into it with
`pip install --no-build-isolation --no-deps --no-index` (offline: setup.py builds the module
through CMake with the venv's interpreter), and runs python/tests with the venv's python from
the temporary directory, with -P and no PYTHONPATH, so that `import arthrokin` can only find the
installed package (python/tests/test_package.py checks where it came from: ARTHROKIN_EXPECT_PREFIX).

usage: python_venv_install.py SOURCE_DIR PIP_BUILD_DIR [pytest args...]
PIP_BUILD_DIR is kept between runs (setup.py's ARTHROKIN_PIP_BUILD_DIR), so a rerun only relinks.
"""

import os
import pathlib
import subprocess
import sys
import tempfile


def main():
    source = pathlib.Path(sys.argv[1]).resolve()
    pip_build = pathlib.Path(sys.argv[2]).resolve()
    extra = sys.argv[3:]
    with tempfile.TemporaryDirectory(prefix="arthrokin-venv-") as tmp:
        tmp = pathlib.Path(tmp)
        venv = tmp / "venv"
        subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
        python = venv / "bin" / "python"
        env = dict(os.environ)
        env.pop("PYTHONPATH", None)  # never the build tree's build/python
        env["ARTHROKIN_PIP_BUILD_DIR"] = str(pip_build)
        env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-build-isolation", "--no-deps", "--no-index",
                        "--no-cache-dir", str(source)], check=True, env=env, cwd=tmp)
        env["ARTHROKIN_EXPECT_PREFIX"] = str(venv)
        r = subprocess.run([str(python), "-P", "-m", "pytest", "-q", "-p", "no:cacheprovider",
                            str(source / "python" / "tests"), *extra], env=env, cwd=tmp)
        return r.returncode


if __name__ == "__main__":
    sys.exit(main())
