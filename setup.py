"""The CMake step of `pip install .` (pyproject.toml holds the metadata).

build_ext configures this repository with CMake (only the Python module: no tests, examples,
benchmarks or install rules), with Python3_EXECUTABLE = the interpreter running pip, builds the
target arthrokin_python and copies its _core.<abi>.so into the wheel.

Environment:
  ARTHROKIN_PIP_BUILD_DIR     the build directory (CMake's in cmake/, setuptools' in setuptools/) (default: build-pip/ in the source tree);
                              kept between runs, so a second install only relinks
  CMAKE_CXX_COMPILER_LAUNCHER e.g. ccache; when unset and ccache is on PATH, ccache is used
  CMAKE_BUILD_PARALLEL_LEVEL  parallel jobs (default: 2)
"""

import glob
import os
import pathlib
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

SOURCE_DIR = pathlib.Path(__file__).resolve().parent
BUILD_DIR = pathlib.Path(os.environ.get("ARTHROKIN_PIP_BUILD_DIR", SOURCE_DIR / "build-pip")).resolve()


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build_dir = BUILD_DIR / "cmake"
        build_dir.mkdir(parents=True, exist_ok=True)
        args = [
            "cmake", "-S", str(SOURCE_DIR), "-B", str(build_dir),
            "-DCMAKE_BUILD_TYPE=Release",
            f"-DPython3_EXECUTABLE={sys.executable}",
            "-DARTHROKIN_BUILD_PYTHON=ON", "-DARTHROKIN_BUILD_TOOLS=ON",
            "-DARTHROKIN_BUILD_TESTS=OFF", "-DARTHROKIN_BUILD_EXAMPLES=OFF",
            "-DARTHROKIN_BUILD_BENCHMARKS=OFF", "-DARTHROKIN_INSTALL=OFF",
        ]
        launcher = os.environ.get("CMAKE_CXX_COMPILER_LAUNCHER") or shutil.which("ccache")
        if launcher:
            args += [f"-DCMAKE_CXX_COMPILER_LAUNCHER={launcher}", f"-DCMAKE_C_COMPILER_LAUNCHER={launcher}"]
        subprocess.run(args, check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2")
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "arthrokin_python", "-j", jobs], check=True)
        built = glob.glob(str(build_dir / "python" / "arthrokin" / "_core*.so"))
        if len(built) != 1:
            raise RuntimeError(f"expected one _core*.so in {build_dir}/python/arthrokin, found {built}")
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[0], target)


# setuptools' own build/ would land in the source tree's build/, the usual CMake build directory.
setup(
    ext_modules=[CMakeExtension("arthrokin._core")],
    cmdclass={"build_ext": CMakeBuild},
    options={"build": {"build_base": str(BUILD_DIR / "setuptools")}},
)
