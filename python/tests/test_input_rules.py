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


# ---- 1. visibility=None means every point is fully visible ---------------------------

def test_default_visibility_equals_all_ones_one_frame(data_dir):
    _, xyz, _ = load_blazepose_world(data_dir)
    for frame in (0, len(xyz) // 2, len(xyz) - 1):
        default = ak.angles_from_keypoints(xyz[frame], "blazepose33")
        ones = ak.angles_from_keypoints(xyz[frame], "blazepose33", np.ones(33))
        np.testing.assert_array_equal(default, ones)  # NaN where the other is NaN
        # the sample's limbs are all on camera: elbows and knees are observable
        for d in ("left_elbow_flexion_extension", "right_knee_flexion_extension"):
            assert np.isfinite(default[ak.dof_index(d)]), d


def test_default_visibility_equals_all_ones_10000_frames(data_dir, tmp_path):
    # In a child process: reading past the default (empty) visibility array crashed the
    # interpreter here, and a crash must fail this test, not end the session.
    script = tmp_path / "many_frames.py"
    script.write_text(
        "import sys, numpy as np, arthrokin as ak\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from test_io_anatomy import load_blazepose_world\n"
        "import pathlib\n"
        "_, xyz, _ = load_blazepose_world(pathlib.Path(sys.argv[2]))\n"
        "many = np.ascontiguousarray(np.resize(xyz, (10_000, 33, 3)))\n"
        "a = ak.angles_from_keypoints(many)\n"
        "b = ak.angles_from_keypoints(many, 'blazepose33', np.ones((10_000, 33)))\n"
        "assert a.shape == (10_000, 39), a.shape\n"
        "np.testing.assert_array_equal(a, b)\n"
        "one = ak.angles_from_keypoints(xyz[:1])\n"
        "np.testing.assert_array_equal(a[::len(xyz)], np.repeat(one, len(a[::len(xyz)]), axis=0))\n"
        "print('ok')\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    p = subprocess.run([sys.executable, str(script), os.path.dirname(__file__), str(data_dir)],
                       capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 0 and p.stdout.strip() == "ok", (p.returncode, p.stdout, p.stderr[-2000:])


# ---- 2. infinities in thoracolumbar totals; absurd finite angles --------------------

@pytest.mark.parametrize("axis,field,value", [(0, "flexion_extension", np.inf),
                                              (1, "lateral_flexion", -np.inf),
                                              (2, "axial_rotation", np.inf)])
def test_infinite_thoracolumbar_single_pose(axis, field, value):
    tl = np.full(3, np.nan)
    tl[axis] = value
    with pytest.raises(ValueError, match=f"thoracolumbar {field} is infinite"):
        ak.check(np.full(39, np.nan), thoracolumbar=tl)
    with pytest.raises(ValueError, match=f"thoracolumbar {field} is infinite"):
        ak.check({HIP_IR: 10}, thoracolumbar=list(tl))


@pytest.mark.parametrize("threads", [1, 4])
def test_infinite_thoracolumbar_batch_names_the_first_row(threads):
    x = np.zeros((20_000, 39))
    tl = np.zeros((20_000, 3))
    tl[15_000, 2] = np.inf  # in another thread's rows with threads=4
    tl[9_000, 1] = -np.inf
    with pytest.raises(ValueError, match="pose 9000, thoracolumbar lateral_flexion is infinite"):
        ak.check(x, thoracolumbar=tl, threads=threads)
    x[12_000, 3] = np.inf  # an infinite angle in a later row: 9000 is still the first bad row
    with pytest.raises(ValueError, match="pose 9000, thoracolumbar lateral_flexion"):
        ak.check(x, thoracolumbar=tl, threads=threads)
    x[300, 3] = -np.inf
    with pytest.raises(ValueError, match="pose 300, " + ak.dofs()[3] + " is infinite"):
        ak.check(x, thoracolumbar=tl, threads=threads)


def test_nan_thoracolumbar_is_still_not_set():
    tl = np.full((1, 3), np.nan)
    b = ak.check(np.full((1, 39), np.nan), thoracolumbar=tl)
    assert b["verdict"][0] == ak.verdict_code("unknown")


def absurd_pose_checks():
    x = np.full(39, np.nan)
    x[ak.dof_index(HIP_IR)] = 1e305  # radians
    return [pytest.param(lambda: ak.check({HIP_IR: 1e305}), HIP_IR, None, id="dict-of-degrees"),
            pytest.param(lambda: ak.check(x), HIP_IR, None, id="39-radians"),
            pytest.param(lambda: ak.check(np.full(39, np.nan), thoracolumbar=[0, 0, 1e305]), "thoracolumbar",
                         "thoracolumbar axial rotation", id="thoracolumbar-radians")]


@pytest.mark.parametrize("call,name,composite", absurd_pose_checks())
def test_absurd_finite_angle_never_prints_nan(call, name, composite):
    # 1e305 is a finite number: it is either rejected with a message naming what was given,
    # or checked as far beyond the limit. It is never 'nan' in a sentence.
    try:
        r = call()
    except ValueError as e:
        assert name in str(e) and not NAN_WORD.search(str(e)), str(e)
        return
    for s in strings_of(r):
        assert not NAN_WORD.search(s), s
    item = r["dofs"][HIP_IR] if composite is None else next(c for c in r["composites"] if c["name"] == composite)
    assert item["status"] == "above"
    assert not math.isnan(item["value_deg"]) and item["value_deg"] > 0


def test_sentence_shows_the_magnitude_of_a_huge_angle():
    r = ak.check({HIP_IR: 1e200})  # finite, and far from the overflow of degrees()
    d = r["dofs"][HIP_IR]
    assert d["status"] == "above" and d["value_deg"] == pytest.approx(1e200)
    shown = re.match(r"left hip internal rotation (\S+)° is", d["sentence"])
    assert shown, d["sentence"]
    assert float(shown.group(1)) == pytest.approx(1e200, rel=1e-5), d["sentence"]


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
    # a NUL ends a C path early: "sample.bvh\0x" must not read sample.bvh
    for p in (str(path) + "\0.txt", os.fsencode(path) + b"\0.txt"):
        with pytest.raises(ValueError, match=r"read_bvh: path contains a NUL byte: '.*\\x00\.txt'"):
            ak.read_bvh(p)


def test_override_reason_with_nul_is_rejected():
    with pytest.raises(ValueError, match="NUL"):
        ak.Limits.defaults().override(HIP_IR, -10, 20, "after\0surgery")


# ---- 4. one DoF under two names -----------------------------------------------------

@pytest.mark.parametrize("first,second", [
    (HIP_IR, "left hip internal rotation"),
    (HIP_IR, "left hip external rotation"),
    ("left hip internal/external rotation", "LEFT_HIP_INTERNAL_EXTERNAL_ROTATION"),
])
@pytest.mark.parametrize("value", [20.0, None, float("nan")])
def test_dict_naming_one_dof_twice(first, second, value):
    pose = {first: 10.0, second: value}
    pattern = f"{HIP_IR} twice: '{re.escape(first)}' and '{re.escape(second)}'"
    with pytest.raises(ValueError, match=pattern):
        ak.check(pose)
    with pytest.raises(ValueError, match=pattern):
        ak.muscle_lengths(pose)
    with pytest.raises(ValueError, match=pattern):
        ak.RockingStretchMonitor().update(0.0, pose)
    # two different DoFs are fine
    assert ak.check({first: 10.0, "right hip internal rotation": 5})["unknown_count"] == 37


def test_dof_index_arguments():
    lim = ak.Limits.defaults()
    assert lim.bounds(np.int64(19)) == lim.bounds(19) == lim.bounds(HIP_IR)
    with pytest.raises(TypeError, match="a DoF is a name"):
        lim.bounds(True)
    with pytest.raises(IndexError, match="not in 0..38"):
        lim.bounds(2**70)
    with pytest.raises(IndexError, match="not in 0..38"):
        lim.override(-1, 0, 10)


def test_dict_values():
    with pytest.raises(TypeError, match=HIP_IR):
        ak.check({HIP_IR: True})
    with pytest.raises(TypeError, match=HIP_IR):
        ak.check({HIP_IR: 1j})
    with pytest.raises(ValueError, match=f"{HIP_IR}' is too large"):
        ak.check({HIP_IR: 10**400})
    assert ak.check({HIP_IR: np.float32(30)})["dofs"][HIP_IR]["value_deg"] == pytest.approx(30)
    with pytest.raises(ValueError, match=r"unknown DoF name '\\udcff'"):
        ak.check({"\udcff": 3})


# ---- 5. visibility is a number in [0, 1] ----------------------------------------------

@pytest.mark.parametrize("bad", [1.5, -0.1, np.nan, np.inf, -np.inf, 1 + 1e-12])
def test_visibility_outside_0_1_names_frame_and_keypoint(data_dir, bad):
    _, xyz, vis = load_blazepose_world(data_dir)
    v = np.clip(vis[:3], 0, 1)
    v[1, 7] = bad
    with pytest.raises(ValueError, match=r"frame 1, keypoint 7: visibility .* is not in \[0, 1\]"):
        ak.angles_from_keypoints(xyz[:3], "blazepose33", v)
    with pytest.raises(ValueError, match=r"keypoint 7: visibility .* is not in \[0, 1\]"):
        ak.angles_from_keypoints(xyz[1], "blazepose33", v[1])


def test_visibility_bounds_are_accepted(data_dir):
    _, xyz, _ = load_blazepose_world(data_dir)
    frame = xyz[0]
    full = ak.angles_from_keypoints(frame, "blazepose33", np.ones(33))
    v = np.ones(33)
    v[13] = 0.0  # left elbow (BlazePose index 13) invisible: its flexion is unknown
    a = ak.angles_from_keypoints(frame, "blazepose33", v)
    assert np.isnan(a[ak.dof_index("left_elbow_flexion_extension")])
    assert np.isfinite(full[ak.dof_index("left_elbow_flexion_extension")])
    v[13] = 5e-324  # a denormal is a number (and below min_visibility)
    np.testing.assert_array_equal(ak.angles_from_keypoints(frame, "blazepose33", v), a)
    # the same point with NaN coordinates is missing: unknown too
    missing = frame.copy()
    missing[13] = np.nan
    assert np.isnan(ak.angles_from_keypoints(missing)[ak.dof_index("left_elbow_flexion_extension")])


def test_visibility_shape_is_checked_not_only_its_size(data_dir):
    _, xyz, vis = load_blazepose_world(data_dir)
    with pytest.raises(ValueError, match=r"visibility must have shape \(2, 33\)"):
        ak.angles_from_keypoints(xyz[:2], "blazepose33", np.ascontiguousarray(vis[:2].T))  # (33, 2)
    with pytest.raises(ValueError, match=r"visibility must have shape \(33,\)"):
        ak.angles_from_keypoints(xyz[0], "blazepose33", vis[:1])


@pytest.mark.parametrize("bad", [np.nan, -0.5, 1.5, np.inf])
def test_min_visibility_must_be_in_0_1(bad):
    with pytest.raises(ValueError, match="min_visibility"):
        ak.angles_from_keypoints(np.zeros((33, 3)), min_visibility=bad)


@pytest.mark.parametrize("value", [np.inf, -np.inf])
def test_infinite_keypoint_coordinate_names_frame_and_keypoint(data_dir, value):
    _, xyz, _ = load_blazepose_world(data_dir)
    x = xyz[:4].copy()
    x[2, 25, 1] = value
    with pytest.raises(ValueError, match="frame 2, keypoint 25: coordinate y is infinite"):
        ak.angles_from_keypoints(x)
