"""The Python samples of docs/python.md marked `<!-- doc-test: python -->` run, and print the
block that follows them (the docs test of the Python package; also run against the installed
package by CTest python.venv_install)."""

import contextlib
import io
import os
import pathlib
import re

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("ARTHROKIN_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


def samples():
    text = (SOURCE_DIR / "docs" / "python.md").read_text(encoding="utf-8")
    pattern = r"<!-- doc-test: python -->\n```python\n(.*?)```\n\s*```\n(.*?)```"
    return re.findall(pattern, text, re.S)


def test_there_is_a_sample():
    assert len(samples()) >= 1


@pytest.mark.parametrize("code,expected", samples())
def test_sample_prints_what_the_page_says(code, expected):
    pytest.importorskip("pandas")
    assert len([l for l in code.splitlines() if l.strip()]) <= 5  # "a checked DataFrame in five lines"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "docs/python.md", "exec"), {})
    assert out.getvalue() == expected
