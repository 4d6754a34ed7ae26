"""The input rules of the Python layer (issue 11): the default visibility, infinities in
thoracolumbar totals, text that is not valid UTF-8, a DoF named twice in a dict, visibility
outside [0, 1]. Expected values come from the sample files and the documented rules, never
from the code's output."""
import math
import os
import re
import subprocess
import sys

import numpy as np
import pytest

import arthrokin as ak
from test_io_anatomy import load_blazepose_world

HIP_IR = "left_hip_internal_external_rotation"
BVH = "131_01_start_walk_stop.bvh"


def bvh_bytes(data_dir):
    return (data_dir / "samples" / "bvh" / BVH).read_bytes()


NAN_WORD = re.compile(r"\bnan\b", re.IGNORECASE)


def strings_of(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from strings_of(k)
            yield from strings_of(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from strings_of(v)


# ---- 3. text that is not valid UTF-8 never raises UnicodeDecodeError ----------------

@pytest.mark.parametrize("old", [b"ROOT Hips", b"JOINT LeftHip", b"JOINT LFingers"])
def test_read_bvh_latin1_joint_name(data_dir, tmp_path, old):
    src = bvh_bytes(data_dir)
    assert old in src
    new = old + b"\xe9"  # Latin-1 'é': not UTF-8
    path = tmp_path / "latin1.bvh"
    path.write_bytes(src.replace(old, new, 1))
    reference = ak.read_bvh(str(data_dir / "samples" / "bvh" / BVH))
    try:
        d = ak.read_bvh(str(path))
    except ak.ParseError as e:  # rejecting the name is fine; the message is a str naming the line
        assert isinstance(str(e), str) and "latin1.bvh" in str(e)
        return
    name = old.split()[1].decode()
    changed = [j for j in d["joints"] if j not in reference["joints"]]
    assert changed == [name + "\\xe9"]  # the byte is shown, not dropped
    assert len(d["joints"]) == len(reference["joints"])


def test_parse_error_message_with_undecodable_file_name(tmp_path):
    name = b"bad\xe9.bvh"  # a Latin-1 file name: the message names it
    path = os.fsencode(tmp_path) + b"/" + name
    with open(path, "wb") as f:
        f.write(b"HIERARCHY\nROOT Hips\n{\n  OFFSET 0 0\n")
    for p in (path, os.fsdecode(path)):  # bytes, and str with surrogate escapes
        with pytest.raises(ak.ParseError, match=re.escape("bad\\xe9.bvh")):
            ak.read_bvh(p)


def test_override_reason_cut_at_63_bytes_keeps_whole_characters():
    reason = "é" * 35  # 70 bytes of UTF-8; 63 bytes would end inside the 32nd 'é'
    lim = ak.Limits.defaults().override(HIP_IR, -10, 20, reason)
    r = ak.check({HIP_IR: 50}, lim)
    for s in strings_of(r):
        assert isinstance(s, str) and "\\x" not in s, s
    kept = "é" * 31  # the longest whole-character prefix of at most 63 bytes
    assert kept in r["dofs"][HIP_IR]["sentence"] and kept + "é" not in r["dofs"][HIP_IR]["sentence"]
    assert kept in r["text"]
    b = lim.bounds(HIP_IR)
    assert kept in b["upper"]["citation"] and kept in b["lower"]["citation"]


def test_read_bvh_paths(data_dir, tmp_path):
    path = data_dir / "samples" / "bvh" / BVH
    n = ak.read_bvh(str(path))["frame_count"]
    assert ak.read_bvh(path)["frame_count"] == n
    assert ak.read_bvh(os.fsencode(path))["frame_count"] == n
    with pytest.raises(IsADirectoryError, match="is a directory"):
        ak.read_bvh(tmp_path)
    with pytest.raises(TypeError):
        ak.read_bvh(3)


def test_override_reason_with_nul_is_rejected():
    with pytest.raises(ValueError, match="NUL"):
        ak.Limits.defaults().override(HIP_IR, -10, 20, "after\0surgery")
