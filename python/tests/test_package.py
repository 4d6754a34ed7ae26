"""The package itself: where it was imported from, its version, its type stubs."""

import ast
import inspect
import os
import pathlib
import re

import pytest

import arthrokin as ak
from arthrokin import _core

PACKAGE_DIR = pathlib.Path(ak.__file__).resolve().parent
SOURCE_DIR = pathlib.Path(os.environ.get("ARTHROKIN_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


def test_imported_from_the_installed_package_when_asked():
    # Set by tools/python_venv_install.py (CTest python.venv_install): the package must be the one
    # pip installed into the venv, not build/python or python/ of the source tree.
    prefix = os.environ.get("ARTHROKIN_EXPECT_PREFIX")
    if not prefix:
        pytest.skip("not run from the venv install")
    assert PACKAGE_DIR.is_relative_to(pathlib.Path(prefix).resolve()), PACKAGE_DIR
    assert "site-packages" in PACKAGE_DIR.parts
    assert pathlib.Path(_core.__file__).resolve().parent == PACKAGE_DIR


def test_version_is_the_cmake_project_version():
    cmake = (SOURCE_DIR / "CMakeLists.txt").read_text()
    version = re.search(r"project\(arthrokin VERSION (\S+)", cmake).group(1)
    pyproject = (SOURCE_DIR / "pyproject.toml").read_text()
    assert re.search(r'^version = "([^"]+)"', pyproject, re.M).group(1) == version
    assert ak.__version__ == version
