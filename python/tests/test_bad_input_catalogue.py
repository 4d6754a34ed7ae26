"""The Python rows of the bad-input catalogue: every entry point that takes user data,
against every class of bad input (NaN, infinities, denormals, wrong shapes, dtypes and
layouts, empty arrays, unknown and duplicate names, invalid UTF-8, truncated, missing and
malformed files, visibility out of range). One row, one outcome:

- ``Raises(type, text)``: exactly that exception type, and ``text`` (which names the
  argument, field, row or file) in its message;
- ``Unknown(probe, reason)``: accepted, and what ``probe`` picks from the result comes back
  as unknown (status ``'unknown'`` or NaN); ``says``, when given, must be in the message
  the API gives with it;
- ``Accepted(probe, what)``: accepted as a number / valid input (``probe`` is true).

Rows document the current, correct behaviour too: the test fails when any outcome changes.
The rules themselves: docs/python.md ("Errors").
"""
import os
import pathlib
from typing import Any, Callable, NamedTuple, Optional

import numpy as np
import pytest

import arthrokin as ak
from conftest import DATA_DIR
from test_io_anatomy import load_blazepose_world

HIP = "left_hip_internal_external_rotation"  # column 19
NAN, INF, DENORMAL = float("nan"), float("inf"), 5e-324  # 5e-324: the smallest denormal
LEFT_ELBOW = 13  # BlazePose keypoint index
BVH_SAMPLE = DATA_DIR / "samples" / "bvh" / "131_01_start_walk_stop.bvh"


class Raises(NamedTuple):
    exc: type
    text: str


class Unknown(NamedTuple):
    probe: Callable[[Any], Any]
    reason: str
    says: Optional[Callable[[Any], str]] = None
    said: str = ""


class Accepted(NamedTuple):
    probe: Callable[[Any], bool]
    what: str


class Row(NamedTuple):
    id: str
    call: Callable[[Any], Any]  # takes the `files` fixture
    expect: Any


# ---- inputs ---------------------------------------------------------------------------

def _pd():
    return pytest.importorskip("pandas")


def pose(**cols):
    """39 radians, NaN except the given columns (by DoF name)."""
    x = np.full(39, np.nan)
    for name, v in cols.items():
        x[ak.dof_index(name)] = v
    return x


def batch(n=4, value=0.0, at=None, put=None):
    x = np.full((n, 39), value)
    if at is not None:
        x[at] = put
    return x


_, XYZ, VIS = load_blazepose_world(DATA_DIR)  # real BlazePose world keypoints
XYZ, VIS = XYZ[:3].copy(), VIS[:3].copy()


def xyz_with(frame, k, axis, value):
    x = XYZ.copy()
    x[frame, k, axis] = value
    return x


def vis_with(frame, k, value):
    v = VIS.copy()
    v[frame, k] = value
    return v


def elbow_flexion(a):
    return a[..., ak.dof_index("left_elbow_flexion_extension")]


def status(r, dof=HIP):
    return r["dofs"][dof]["status"]


def composite(r, name):
    return next(c for c in r["composites"] if c["name"] == name)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """BVH files derived from the sample: malformed, truncated, Latin-1, empty, ..."""
    d = tmp_path_factory.mktemp("bad_input")
    src = BVH_SAMPLE.read_bytes()
    motion = src.index(b"Frame Time")
    first = src.index(b"\n", motion) + 1
    end = src.index(b"\n", first)
    values = src[first:end].split()

    def frame_value(tok):
        v = values.copy()
        v[5] = tok
        return src[:first] + b" ".join(v) + src[end:]

    out = {
        "sample": BVH_SAMPLE,
        "missing": d / "missing.bvh",
        "dir": d,
        "empty": b"",
        "truncated_frames": src[: len(src) // 2],
        "truncated_hierarchy": src[:300],
        "no_motion": src[:src.index(b"MOTION")],
        "latin1_joint": src.replace(b"JOINT LFingers", b"JOINT LFingers\xe9", 1),
        "latin1_channel": src.replace(b"CHANNELS 3 Zrotation", b"CHANNELS 3 Z\xe9rotation", 1),
        "nan_value": frame_value(b"nan"),
        "inf_value": frame_value(b"inf"),
        "overflow_value": frame_value(b"1e999"),
        "text_value": frame_value(b"abc"),
        "denormal_value": frame_value(b"5e-324"),
    }
    for k, v in list(out.items()):
        if isinstance(v, bytes):
            p = d / f"{k}.bvh"
            p.write_bytes(v)
            out[k] = p
    latin1_name = os.fsencode(d) + b"/bad\xe9name.bvh"
    with open(latin1_name, "wb") as f:
        f.write(b"HIERARCHY\nROOT Hips\n{\n  OFFSET 0 0\n")
    out["latin1_file_name"] = latin1_name
    return out


def bvh(name):
    """read_bvh of one of the files, its path given as str (bytes for an undecodable name)."""
    return lambda files: ak.read_bvh(files[name] if isinstance(files[name], bytes) else str(files[name]))


def monitor_update(t, angles):
    return lambda _: ak.RockingStretchMonitor().update(t, angles)


LIM = ak.Limits.defaults()

# ---- the catalogue --------------------------------------------------------------------

ROWS = [
    # check(): a pose as a dict of degrees
    Row("check/dict/nan", lambda _: ak.check({HIP: NAN}), Unknown(status, "NaN = not observed")),
    Row("check/dict/none", lambda _: ak.check({HIP: None}), Unknown(status, "None = not observed")),
    Row("check/dict/empty", lambda _: ak.check({}), Unknown(lambda r: r["verdict"], "nothing observed")),
    Row("check/dict/+inf", lambda _: ak.check({HIP: INF}), Raises(ValueError, f"angle of '{HIP}' is infinite")),
    Row("check/dict/-inf", lambda _: ak.check({HIP: -INF}), Raises(ValueError, f"angle of '{HIP}' is infinite")),
    Row("check/dict/denormal", lambda _: ak.check({HIP: DENORMAL}),
        Accepted(lambda r: status(r) == "within" and r["dofs"][HIP]["value_deg"] == pytest.approx(0), "a number")),
    Row("check/dict/-denormal", lambda _: ak.check({HIP: -DENORMAL}),
        Accepted(lambda r: status(r) == "within", "a number")),
    Row("check/dict/numpy-float32", lambda _: ak.check({HIP: np.float32(30)}),
        Accepted(lambda r: r["dofs"][HIP]["value_deg"] == pytest.approx(30), "a number")),
    Row("check/dict/int", lambda _: ak.check({HIP: 30}),
        Accepted(lambda r: r["dofs"][HIP]["value_deg"] == pytest.approx(30), "a number")),
    Row("check/dict/int-beyond-double", lambda _: ak.check({HIP: 10**400}),
        Raises(ValueError, f"angle of '{HIP}' is too large")),
    Row("check/dict/str-value", lambda _: ak.check({HIP: "fifty"}), Raises(TypeError, f"angle of '{HIP}'")),
    Row("check/dict/bool-value", lambda _: ak.check({HIP: True}), Raises(TypeError, f"angle of '{HIP}'")),
    Row("check/dict/complex-value", lambda _: ak.check({HIP: 1j}), Raises(TypeError, f"angle of '{HIP}'")),
    Row("check/dict/list-value", lambda _: ak.check({HIP: [1.0]}), Raises(TypeError, f"angle of '{HIP}'")),
    Row("check/dict/unknown-name", lambda _: ak.check({"left_hip_teleportation": 3}),
        Raises(ValueError, "unknown DoF name 'left_hip_teleportation'")),
    Row("check/dict/empty-name", lambda _: ak.check({"": 3}), Raises(ValueError, "unknown DoF name ''")),
    Row("check/dict/lone-surrogate-name", lambda _: ak.check({"hip\udcff": 3}),
        Raises(ValueError, "unknown DoF name 'hip\\udcff'")),
    Row("check/dict/control-char-name", lambda _: ak.check({"hip\x00\x1b": 3}),
        Raises(ValueError, "unknown DoF name 'hip\\x00\\x1b'")),
    Row("check/dict/huge-name", lambda _: ak.check({"x" * 10_000_000: 3}),
        Raises(ValueError, "(10000000 bytes)")),  # the message quotes an excerpt, not 10 MB
    Row("check/dict/non-str-key", lambda _: ak.check({19: 3}), Raises(TypeError, "keys must be DoF names")),
    Row("check/dict/duplicate-alias", lambda _: ak.check({HIP: 10, "left hip internal rotation": 20}),
        Raises(ValueError, f"twice: '{HIP}' and 'left hip internal rotation'")),
    Row("check/dict/duplicate-direction", lambda _: ak.check({"left hip external rotation": 10, HIP: None}),
        Raises(ValueError, f"twice: 'left hip external rotation' and '{HIP}'")),
    Row("check/dict/duplicate-case", lambda _: ak.check({HIP: 10, HIP.upper(): NAN}),
        Raises(ValueError, f"twice: '{HIP}' and '{HIP.upper()}'")),

    # check(): one pose as 39 radians
    Row("check/row/nan", lambda _: ak.check(pose(**{HIP: NAN})), Unknown(status, "NaN = not observed")),
    Row("check/row/+inf", lambda _: ak.check(pose(thoracic_axial_rotation=INF)),
        Raises(ValueError, "thoracic_axial_rotation is infinite")),
    Row("check/row/-inf", lambda _: ak.check(pose(**{HIP: -INF})), Raises(ValueError, f"{HIP} is infinite")),
    Row("check/row/denormal", lambda _: ak.check(pose(**{HIP: DENORMAL})),
        Accepted(lambda r: status(r) == "within", "a number")),
    Row("check/row/list", lambda _: ak.check(list(pose(**{HIP: 0.1}))),
        Accepted(lambda r: status(r) == "within", "a sequence of 39 numbers")),
    Row("check/row/float32", lambda _: ak.check(pose(**{HIP: 0.1}).astype(np.float32)),
        Accepted(lambda r: status(r) == "within", "converted (one pose is small)")),
    Row("check/row/int", lambda _: ak.check(np.zeros(39, dtype=np.int64)),
        Accepted(lambda r: r["verdict"] == "within_range", "converted")),
    Row("check/row/non-contiguous", lambda _: ak.check(np.repeat(pose(**{HIP: 0.1}), 2)[::2]),
        Accepted(lambda r: status(r) == "within", "converted")),
    Row("check/row/38-values", lambda _: ak.check(np.zeros(38)), Raises(ValueError, "39 radians")),
    Row("check/row/40-values", lambda _: ak.check(np.zeros(40)), Raises(ValueError, "39 radians")),
    Row("check/row/empty", lambda _: ak.check(np.zeros(0)), Raises(ValueError, "39 radians")),
    Row("check/row/empty-list", lambda _: ak.check([]), Raises(ValueError, "39 radians")),
    Row("check/row/0-d", lambda _: ak.check(np.float64(0.5)), Raises(ValueError, "39 radians")),
    Row("check/row/3-d", lambda _: ak.check(np.zeros((2, 3, 39))), Raises(ValueError, "3 dimensions")),
    Row("check/row/strings", lambda _: ak.check(["a"] * 39), Raises(ValueError, "39 radians")),
    Row("check/row/str", lambda _: ak.check("not a pose"), Raises(ValueError, "39 radians")),
    Row("check/row/none", lambda _: ak.check(None), Raises(ValueError, "39 radians")),
    Row("check/row/limits-not-limits", lambda _: ak.check({HIP: 3}, "AAOS"), Raises(TypeError, "limits")),

    # check(): a batch (N, 39) float64 C-contiguous, never copied
    Row("check/batch/nan", lambda _: ak.check(batch(at=(1, 19), put=NAN)),
        Unknown(lambda r: ak.STATUSES[r["status"][1, 19]], "NaN = not observed")),
    Row("check/batch/all-nan", lambda _: ak.check(batch(value=NAN)),
        Unknown(lambda r: ak.VERDICTS[r["verdict"][0]], "nothing observed")),
    Row("check/batch/+inf", lambda _: ak.check(batch(at=(2, 5), put=INF)),
        Raises(ValueError, "pose 2, thoracic_axial_rotation is infinite")),
    Row("check/batch/-inf", lambda _: ak.check(batch(at=(3, 19), put=-INF)),
        Raises(ValueError, f"pose 3, {HIP} is infinite")),
    Row("check/batch/-inf-threads", lambda _: ak.check(batch(n=70_000, at=(55_000, 19), put=-INF), threads=4),
        Raises(ValueError, f"pose 55000, {HIP} is infinite")),
    Row("check/batch/denormal", lambda _: ak.check(batch(value=DENORMAL)),
        Accepted(lambda r: (r["verdict"] == ak.verdict_code("within_range")).all(), "numbers")),
    Row("check/batch/empty", lambda _: ak.check(np.zeros((0, 39))),
        Accepted(lambda r: r["verdict"].shape == (0,) and r["counts"].sum() == 0, "no poses")),
    Row("check/batch/38-columns", lambda _: ak.check(np.zeros((4, 38))), Raises(ValueError, "shape (N, 39), got (4, 38)")),
    Row("check/batch/empty-38-columns", lambda _: ak.check(np.zeros((0, 38))), Raises(ValueError, "(N, 39)")),
    Row("check/batch/float32", lambda _: ak.check(np.zeros((4, 39), np.float32)), Raises(TypeError, "float32")),
    Row("check/batch/int64", lambda _: ak.check(np.zeros((4, 39), np.int64)), Raises(TypeError, "int64")),
    Row("check/batch/object", lambda _: ak.check(np.zeros((4, 39), object)), Raises(TypeError, "object")),
    Row("check/batch/big-endian", lambda _: ak.check(np.zeros((4, 39), ">f8")), Raises(TypeError, "float64")),
    Row("check/batch/transposed", lambda _: ak.check(np.zeros((39, 4)).T), Raises(TypeError, "not C-contiguous")),
    Row("check/batch/fortran", lambda _: ak.check(np.asfortranarray(np.zeros((4, 39)))),
        Raises(TypeError, "not C-contiguous")),
    Row("check/batch/strided-rows", lambda _: ak.check(np.zeros((8, 39))[::2]), Raises(TypeError, "not C-contiguous")),
    Row("check/batch/broadcast", lambda _: ak.check(np.broadcast_to(np.zeros(39), (4, 39))),
        Raises(TypeError, "not C-contiguous")),
    Row("check/batch/list-of-lists", lambda _: ak.check([[0.0] * 39] * 2), Raises(ValueError, "39 radians")),
    Row("check/batch/threads-negative", lambda _: ak.check(batch(), threads=-1), Raises(TypeError, "threads")),
    Row("check/batch/threads-all-cores", lambda _: ak.check(batch(), threads=0),
        Accepted(lambda r: r["verdict"].shape == (4,), "0 = all cores")),

    # check(..., thoracolumbar=): totals in radians, NaN = not set
    Row("thoracolumbar/single/nan", lambda _: ak.check(pose(), thoracolumbar=[NAN, 0, 0]),
        Unknown(lambda r: composite(r, "thoracolumbar flexion/extension")["status"], "NaN = not set")),
    Row("thoracolumbar/single/+inf", lambda _: ak.check(pose(), thoracolumbar=[INF, 0, 0]),
        Raises(ValueError, "thoracolumbar flexion_extension is infinite")),
    Row("thoracolumbar/single/-inf", lambda _: ak.check({HIP: 3}, thoracolumbar=[0, -INF, 0]),
        Raises(ValueError, "thoracolumbar lateral_flexion is infinite")),
    Row("thoracolumbar/single/denormal", lambda _: ak.check(pose(), thoracolumbar=[0, 0, DENORMAL]),
        Accepted(lambda r: composite(r, "thoracolumbar axial rotation")["status"] == "within", "a number")),
    Row("thoracolumbar/single/2-values", lambda _: ak.check(pose(), thoracolumbar=[0, 0]),
        Raises(ValueError, "thoracolumbar must be 3 radians")),
    Row("thoracolumbar/single/empty", lambda _: ak.check(pose(), thoracolumbar=[]),
        Raises(ValueError, "thoracolumbar must be 3 radians")),
    Row("thoracolumbar/single/str", lambda _: ak.check(pose(), thoracolumbar="abc"),
        Raises(ValueError, "thoracolumbar must be 3 radians")),
    Row("thoracolumbar/batch/nan", lambda _: ak.check(batch(value=NAN, n=2), thoracolumbar=np.full((2, 3), NAN)),
        Unknown(lambda r: ak.VERDICTS[r["verdict"][1]], "NaN = not set")),
    Row("thoracolumbar/batch/+inf", lambda _: ak.check(batch(), thoracolumbar=batch(at=(1, 2), put=INF)[:, :3].copy()),
        Raises(ValueError, "pose 1, thoracolumbar axial_rotation is infinite")),
    Row("thoracolumbar/batch/-inf", lambda _: ak.check(batch(), thoracolumbar=batch(at=(3, 0), put=-INF)[:, :3].copy()),
        Raises(ValueError, "pose 3, thoracolumbar flexion_extension is infinite")),
    Row("thoracolumbar/batch/denormal", lambda _: ak.check(batch(), thoracolumbar=np.full((4, 3), DENORMAL)),
        Accepted(lambda r: (r["verdict"] == ak.verdict_code("within_range")).all(), "numbers")),
    Row("thoracolumbar/batch/wrong-rows", lambda _: ak.check(batch(), thoracolumbar=np.zeros((3, 3))),
        Raises(ValueError, "thoracolumbar must have shape (4, 3)")),
    Row("thoracolumbar/batch/wrong-columns", lambda _: ak.check(batch(), thoracolumbar=np.zeros((4, 2))),
        Raises(ValueError, "thoracolumbar must have shape (4, 3)")),
    Row("thoracolumbar/batch/float32", lambda _: ak.check(batch(), thoracolumbar=np.zeros((4, 3), np.float32)),
        Raises(TypeError, "thoracolumbar must be a C-contiguous float64")),
    Row("thoracolumbar/batch/transposed", lambda _: ak.check(batch(), thoracolumbar=np.zeros((3, 4)).T),
        Raises(TypeError, "thoracolumbar must be a C-contiguous float64")),
    Row("thoracolumbar/batch/list", lambda _: ak.check(batch(n=1), thoracolumbar=[[0.0, 0.0, 0.0]]),
        Raises(TypeError, "thoracolumbar must be a C-contiguous float64")),
    Row("thoracolumbar/batch/empty", lambda _: ak.check(np.zeros((0, 39)), thoracolumbar=np.zeros((0, 3))),
        Accepted(lambda r: r["verdict"].shape == (0,), "no poses")),

    # angles_from_keypoints(): NaN coordinates = a missing point, visibility in [0, 1]
    Row("keypoints/xyz/nan", lambda _: ak.angles_from_keypoints(xyz_with(1, LEFT_ELBOW, 0, NAN), "blazepose33", VIS),
        Unknown(lambda a: elbow_flexion(a)[1], "a point with NaN coordinates is missing")),
    Row("keypoints/xyz/+inf", lambda _: ak.angles_from_keypoints(xyz_with(1, LEFT_ELBOW, 0, INF)),
        Raises(ValueError, "frame 1, keypoint 13: coordinate x is infinite")),
    Row("keypoints/xyz/-inf", lambda _: ak.angles_from_keypoints(xyz_with(2, 0, 2, -INF)),
        Raises(ValueError, "frame 2, keypoint 0: coordinate z is infinite")),
    Row("keypoints/xyz/-inf-one-frame", lambda _: ak.angles_from_keypoints(xyz_with(0, 5, 1, -INF)[0]),
        Raises(ValueError, "keypoint 5: coordinate y is infinite")),
    Row("keypoints/xyz/denormal", lambda _: ak.angles_from_keypoints(xyz_with(0, 0, 0, DENORMAL), "blazepose33", VIS),
        Accepted(lambda a: np.isfinite(elbow_flexion(a)[0]), "a number")),
    Row("keypoints/xyz/all-equal", lambda _: ak.angles_from_keypoints(np.zeros((1, 17, 3)), "coco17"),
        Unknown(lambda a: a, "degenerate geometry")),
    Row("keypoints/xyz/int", lambda _: ak.angles_from_keypoints(np.round(XYZ * 1000).astype(np.int64)),
        Accepted(lambda a: a.shape == (3, 39) and np.isfinite(elbow_flexion(a)).all(), "converted")),
    Row("keypoints/xyz/float32", lambda _: ak.angles_from_keypoints(XYZ.astype(np.float32)),
        Accepted(lambda a: a.shape == (3, 39), "converted")),
    Row("keypoints/xyz/non-contiguous", lambda _: ak.angles_from_keypoints(np.asfortranarray(XYZ), "blazepose33", VIS),
        Accepted(lambda a: np.array_equal(a, ak.angles_from_keypoints(XYZ, "blazepose33", VIS), equal_nan=True),
                 "converted, same angles")),
    Row("keypoints/xyz/empty", lambda _: ak.angles_from_keypoints(np.zeros((0, 33, 3))),
        Accepted(lambda a: a.shape == (0, 39), "no frames")),
    Row("keypoints/xyz/empty-with-visibility", lambda _: ak.angles_from_keypoints(np.zeros((0, 33, 3)), "blazepose33",
                                                                                 np.zeros((0, 33))),
        Accepted(lambda a: a.shape == (0, 39), "no frames")),
    Row("keypoints/xyz/wrong-count", lambda _: ak.angles_from_keypoints(np.zeros((2, 32, 3))),
        Raises(ValueError, "needs shape (N, 33, 3)")),
    Row("keypoints/xyz/wrong-layout-count", lambda _: ak.angles_from_keypoints(XYZ, "coco17"),
        Raises(ValueError, "layout coco17 needs shape (N, 17, 3)")),
    Row("keypoints/xyz/2-coordinates", lambda _: ak.angles_from_keypoints(np.zeros((2, 33, 2))),
        Raises(ValueError, "needs shape (N, 33, 3)")),
    Row("keypoints/xyz/4-d", lambda _: ak.angles_from_keypoints(np.zeros((1, 2, 33, 3))),
        Raises(ValueError, "needs shape (N, 33, 3)")),
    Row("keypoints/xyz/1-d", lambda _: ak.angles_from_keypoints(np.zeros(99)), Raises(ValueError, "needs shape")),
    Row("keypoints/xyz/strings", lambda _: ak.angles_from_keypoints(np.full((1, 33, 3), "a")),
        Raises(TypeError, "keypoints must be a numeric array")),
    Row("keypoints/layout/unknown", lambda _: ak.angles_from_keypoints(np.zeros((2, 25, 3)), "openpose25"),
        Raises(ValueError, "unknown keypoint layout 'openpose25'")),
    Row("keypoints/visibility/none", lambda _: ak.angles_from_keypoints(XYZ),
        Accepted(lambda a: np.array_equal(a, ak.angles_from_keypoints(XYZ, "blazepose33", np.ones((3, 33))),
                                          equal_nan=True), "None = every point fully visible")),
    Row("keypoints/visibility/0", lambda _: ak.angles_from_keypoints(XYZ, "blazepose33", vis_with(0, LEFT_ELBOW, 0.0)),
        Unknown(lambda a: elbow_flexion(a)[0], "visibility below min_visibility: the point is not used")),
    Row("keypoints/visibility/denormal",
        lambda _: ak.angles_from_keypoints(XYZ, "blazepose33", vis_with(0, LEFT_ELBOW, DENORMAL)),
        Unknown(lambda a: elbow_flexion(a)[0], "a number, below min_visibility")),
    Row("keypoints/visibility/1", lambda _: ak.angles_from_keypoints(XYZ, "blazepose33", np.ones((3, 33))),
        Accepted(lambda a: np.isfinite(elbow_flexion(a)).all(), "in [0, 1]")),
    Row("keypoints/visibility/1.5", lambda _: ak.angles_from_keypoints(XYZ, "blazepose33", vis_with(1, 7, 1.5)),
        Raises(ValueError, "frame 1, keypoint 7: visibility 1.5 is not in [0, 1]")),
    Row("keypoints/visibility/negative", lambda _: ak.angles_from_keypoints(XYZ, "blazepose33", vis_with(2, 0, -0.1)),
        Raises(ValueError, "frame 2, keypoint 0: visibility -0.1 is not in [0, 1]")),
    Row("keypoints/visibility/nan", lambda _: ak.angles_from_keypoints(XYZ, "blazepose33", vis_with(0, 32, NAN)),
        Raises(ValueError, "frame 0, keypoint 32: visibility nan is not in [0, 1]")),
    Row("keypoints/visibility/+inf", lambda _: ak.angles_from_keypoints(XYZ, "blazepose33", vis_with(1, 1, INF)),
        Raises(ValueError, "frame 1, keypoint 1: visibility inf is not in [0, 1]")),
    Row("keypoints/visibility/-inf", lambda _: ak.angles_from_keypoints(XYZ[0], "blazepose33", vis_with(0, 3, -INF)[0]),
        Raises(ValueError, "keypoint 3: visibility -inf is not in [0, 1]")),
    Row("keypoints/visibility/wrong-size", lambda _: ak.angles_from_keypoints(XYZ, "blazepose33", np.ones((3, 32))),
        Raises(ValueError, "visibility must have shape (3, 33)")),
    Row("keypoints/visibility/transposed", lambda _: ak.angles_from_keypoints(XYZ[:2], "blazepose33", np.ones((33, 2))),
        Raises(ValueError, "visibility must have shape (2, 33)")),
    Row("keypoints/visibility/one-frame-2-d", lambda _: ak.angles_from_keypoints(XYZ[0], "blazepose33", VIS[:1]),
        Raises(ValueError, "visibility must have shape (33,)")),
    Row("keypoints/visibility/empty", lambda _: ak.angles_from_keypoints(XYZ, "blazepose33", np.zeros(0)),
        Raises(ValueError, "visibility must have shape (3, 33)")),
    Row("keypoints/visibility/strings", lambda _: ak.angles_from_keypoints(XYZ, "blazepose33", np.full((3, 33), "a")),
        Raises(TypeError, "visibility must be a numeric array")),
    Row("keypoints/min_visibility/nan", lambda _: ak.angles_from_keypoints(XYZ, min_visibility=NAN),
        Raises(ValueError, "min_visibility must be in [0, 1], got nan")),
    Row("keypoints/min_visibility/2", lambda _: ak.angles_from_keypoints(XYZ, min_visibility=2.0),
        Raises(ValueError, "min_visibility must be in [0, 1], got 2.0")),

    # read_bvh(): files
    Row("bvh/sample", bvh("sample"), Accepted(lambda d: d["frame_count"] == 994, "the sample (994 frames)")),
    Row("bvh/path-object", lambda f: ak.read_bvh(pathlib.Path(f["sample"])),
        Accepted(lambda d: d["frame_count"] == 994, "os.PathLike")),
    Row("bvh/bytes-path", lambda f: ak.read_bvh(os.fsencode(f["sample"])),
        Accepted(lambda d: d["frame_count"] == 994, "bytes")),
    Row("bvh/int-path", lambda _: ak.read_bvh(3), Raises(TypeError, "int")),
    Row("bvh/nul-in-path", lambda f: ak.read_bvh(str(f["sample"]) + "\0.txt"),
        Raises(ValueError, "path contains a NUL byte")),
    Row("bvh/nonexistent", bvh("missing"), Raises(FileNotFoundError, "no such file: '")),
    Row("bvh/directory", bvh("dir"), Raises(IsADirectoryError, "is a directory")),
    Row("bvh/empty", bvh("empty"), Raises(ak.ParseError, "empty.bvh:1: HIERARCHY: empty file")),
    Row("bvh/truncated-frames", bvh("truncated_frames"),
        Raises(ak.ParseError, "Frames: header says 994 frames, file has only")),
    Row("bvh/truncated-hierarchy", bvh("truncated_hierarchy"),
        Raises(ak.ParseError, "truncated_hierarchy.bvh:13: CHANNELS of LeftHip")),
    Row("bvh/no-motion", bvh("no_motion"), Raises(ak.ParseError, "MOTION")),
    Row("bvh/latin1-joint-name", bvh("latin1_joint"),
        Accepted(lambda d: "LFingers\\xe9" in d["joints"], "the byte shown as \\xe9, never UnicodeDecodeError")),
    Row("bvh/latin1-channel-name", bvh("latin1_channel"),
        Raises(ak.ParseError, "unknown channel name 'Z\\xe9rotation'")),
    Row("bvh/latin1-file-name", bvh("latin1_file_name"), Raises(ak.ParseError, "bad\\xe9name.bvh")),
    Row("bvh/nan-value", bvh("nan_value"), Raises(ak.ParseError, "frame 1 value 6: value 'nan' is not finite")),
    Row("bvh/inf-value", bvh("inf_value"), Raises(ak.ParseError, "frame 1 value 6: value 'inf' is not finite")),
    Row("bvh/overflow-value", bvh("overflow_value"), Raises(ak.ParseError, "value '1e999' is not finite")),
    Row("bvh/text-value", bvh("text_value"), Raises(ak.ParseError, "frame 1 value 6: non-numeric value 'abc'")),
    Row("bvh/denormal-value", bvh("denormal_value"), Accepted(lambda d: d["frame_count"] == 994, "a number")),

    # Limits builders and overrides
    Row("limits/from_source/unknown", lambda _: ak.Limits.from_source("Nope"), Raises(ValueError, "'Nope'")),
    Row("limits/from_source/empty", lambda _: ak.Limits.from_source(""), Raises(ValueError, "unknown source key ''")),
    Row("limits/from_source/none", lambda _: ak.Limits.from_source(None), Raises(TypeError, "key")),
    Row("limits/override/nan", lambda _: LIM.override(HIP, NAN, 10), Raises(ValueError, f"{HIP}: need finite")),
    Row("limits/override/+inf", lambda _: LIM.override(HIP, 0, INF), Raises(ValueError, f"{HIP}: need finite")),
    Row("limits/override/-inf", lambda _: LIM.override(HIP, -INF, 0), Raises(ValueError, f"{HIP}: need finite")),
    Row("limits/override/reversed", lambda _: LIM.override(HIP, 20, 10), Raises(ValueError, "lower < upper")),
    Row("limits/override/equal", lambda _: LIM.override(HIP, 10, 10), Raises(ValueError, "lower < upper")),
    Row("limits/override/denormal", lambda _: LIM.override(HIP, DENORMAL, 10),
        Accepted(lambda l: l.bounds(HIP)["lower"]["deg"] == pytest.approx(0), "a number")),
    Row("limits/override/unknown-dof", lambda _: LIM.override("left hip teleportation", 0, 10),
        Raises(ValueError, "unknown DoF name 'left hip teleportation'")),
    Row("limits/override/index-39", lambda _: LIM.override(39, 0, 10), Raises(IndexError, "DoF index 39")),
    Row("limits/override/index-negative", lambda _: LIM.override(-1, 0, 10), Raises(IndexError, "DoF index -1")),
    Row("limits/override/index-huge", lambda _: LIM.override(2**70, 0, 10), Raises(IndexError, str(2**70))),
    Row("limits/override/index-numpy", lambda _: LIM.override(np.int64(19), 0, 10),
        Accepted(lambda l: l.bounds(HIP)["upper"]["deg"] == pytest.approx(10), "an integer")),
    Row("limits/override/index-bool", lambda _: LIM.override(True, 0, 10), Raises(TypeError, "a DoF is a name")),
    Row("limits/override/index-float", lambda _: LIM.override(19.0, 0, 10), Raises(TypeError, "a DoF is a name")),
    Row("limits/override/lone-surrogate-dof", lambda _: LIM.override("\udcff", 0, 10),
        Raises(ValueError, "unknown DoF name '\\udcff'")),
    Row("limits/override/reason-cut-in-a-character", lambda _: LIM.override(HIP, 0, 10, "é" * 35),
        Accepted(lambda l: l.bounds(HIP)["upper"]["citation"] == "(override: " + "é" * 31 + ")",
                 "63 bytes kept, whole characters")),
    Row("limits/override/reason-nul", lambda _: LIM.override(HIP, 0, 10, "a\0b"), Raises(ValueError, "NUL")),
    Row("limits/override/reason-lone-surrogate", lambda _: LIM.override(HIP, 0, 10, "\udcff"),
        Raises(TypeError, "reason: str")),
    Row("limits/tolerance/nan", lambda _: LIM.tolerance(NAN), Raises(ValueError, "tolerance must be finite")),
    Row("limits/tolerance/+inf", lambda _: LIM.tolerance(INF), Raises(ValueError, "tolerance must be finite")),
    Row("limits/tolerance/negative", lambda _: LIM.tolerance(-1), Raises(ValueError, "tolerance must be finite and >= 0")),
    Row("limits/tolerance/denormal", lambda _: LIM.tolerance(DENORMAL),
        Accepted(lambda l: l.tolerance_deg == pytest.approx(0), "a number")),
    Row("limits/tolerance/str", lambda _: LIM.tolerance("2"), Raises(TypeError, "degrees")),
    Row("limits/restrict/unknown", lambda _: LIM.restrict(["kneee"]), Raises(ValueError, "unknown joint 'kneee'")),
    Row("limits/restrict/duplicate", lambda _: LIM.restrict(["hip", "hip"]),
        Accepted(lambda l: l.bounds(HIP)["active"], "the same joint twice is the joint")),
    Row("limits/restrict/empty", lambda _: LIM.restrict([]),
        Accepted(lambda l: not any(l.bounds(i)["active"] for i in range(39)), "nothing checked")),
    Row("limits/restrict/str-not-list", lambda _: LIM.restrict("hip"), Raises(TypeError, "joints")),
    Row("limits/bounds/index-39", lambda _: LIM.bounds(39), Raises(IndexError, "DoF index 39 is not in 0..38")),
    Row("limits/bounds/none", lambda _: LIM.bounds(None), Raises(TypeError, "a DoF is a name")),

    # names: dof_index, display_name
    Row("names/dof_index/unknown", lambda _: ak.dof_index("hip"), Raises(ValueError, "unknown DoF name 'hip'")),
    Row("names/dof_index/lone-surrogate", lambda _: ak.dof_index("\udcff"), Raises(TypeError, "name: str")),
    Row("names/display_name/unknown", lambda _: ak.display_name("x"), Raises(ValueError, "unknown DoF name 'x'")),

    # movers, muscle_lengths
    Row("movers/unknown", lambda _: ak.movers("left hip teleportation"),
        Raises(ValueError, "unknown DoF name 'left hip teleportation'")),
    Row("movers/side", lambda _: ak.movers("left hip internal rotation", side="middle"),
        Raises(ValueError, "side must be 'left', 'right' or None, got 'middle'")),
    Row("movers/int", lambda _: ak.movers(19), Raises(TypeError, "motion: str")),
    Row("muscle_lengths/nan", lambda _: ak.muscle_lengths({HIP: NAN}),
        Unknown(lambda r: "unknown" if HIP in r["unknown_dofs"] else "known", "NaN = not observed")),
    Row("muscle_lengths/+inf", lambda _: ak.muscle_lengths({HIP: INF}), Raises(ValueError, f"'{HIP}' is infinite")),
    Row("muscle_lengths/-inf-row", lambda _: ak.muscle_lengths(pose(**{HIP: -INF})),
        Raises(ValueError, f"{HIP} is infinite")),
    Row("muscle_lengths/denormal", lambda _: ak.muscle_lengths({HIP: DENORMAL}),
        Accepted(lambda r: HIP not in r["unknown_dofs"], "a number")),
    Row("muscle_lengths/duplicate", lambda _: ak.muscle_lengths({HIP: 1, "left hip external rotation": 2}),
        Raises(ValueError, f"twice: '{HIP}' and 'left hip external rotation'")),
    Row("muscle_lengths/reference-shape", lambda _: ak.muscle_lengths({HIP: 3}, np.zeros(5)),
        Raises(ValueError, "39 radians")),
    Row("muscle_lengths/reference-inf", lambda _: ak.muscle_lengths({HIP: 3}, {HIP: -INF}),
        Raises(ValueError, f"'{HIP}' is infinite")),

    # RockingStretchMonitor
    Row("monitor/nan-angle", monitor_update(0.0, {"left_hip_flexion_extension": NAN}),
        Unknown(lambda cues: "unknown" if any(c["kind"] == "dofs_unknown" for c in cues) else "known",
                "NaN = not observed", lambda cues: " ".join(c["message"] for c in cues), "left hip flexion: not observed")),
    Row("monitor/+inf-angle", monitor_update(0.0, {"left_hip_flexion_extension": INF}),
        Raises(ValueError, "'left_hip_flexion_extension' is infinite")),
    Row("monitor/-inf-row", monitor_update(0.0, pose(left_hip_flexion_extension=-INF)),
        Raises(ValueError, "left_hip_flexion_extension is infinite")),
    Row("monitor/nan-time", monitor_update(NAN, pose()),
        Unknown(lambda cues: "unknown" if [c["kind"] for c in cues] == ["frame_ignored"] else "used",
                "the frame is ignored", lambda cues: cues[0]["message"], "timestamp not finite")),
    Row("monitor/inf-time", monitor_update(INF, pose()),
        Unknown(lambda cues: "unknown" if [c["kind"] for c in cues] == ["frame_ignored"] else "used",
                "the frame is ignored", lambda cues: cues[0]["message"], "timestamp not finite")),
    Row("monitor/denormal-time", monitor_update(DENORMAL, pose()),
        Accepted(lambda cues: "frame_ignored" not in [c["kind"] for c in cues], "a number")),
    Row("monitor/wrong-shape", monitor_update(0.0, np.zeros(5)), Raises(ValueError, "39 radians")),
    Row("monitor/duplicate", monitor_update(0.0, {HIP: 1, "left hip internal rotation": 2}),
        Raises(ValueError, f"twice: '{HIP}' and 'left hip internal rotation'")),
    Row("monitor/str-time", monitor_update("0", pose()), Raises(TypeError, "t_s: float")),
    # angles_from_rotations(): (N, 16, 4) quaternions, scalar last
    Row("rotations/nan-segment", lambda _: ak.angles_from_rotations(np.full((16, 4), np.nan)),
        Unknown(lambda a: a, "every segment missing")),
    Row("rotations/zero-quaternion", lambda _: ak.angles_from_rotations(np.zeros((1, 16, 4)), return_status=True),
        Accepted(lambda r: np.all(np.isnan(r[0])) and ak.dof_status_code("invalid_rotation") in r[1], "a status")),
    Row("rotations/inf-quaternion", lambda _: ak.angles_from_rotations(np.full((16, 4), INF)),
        Unknown(lambda a: a, "not a rotation")),
    Row("rotations/denormal-quaternion", lambda _: ak.angles_from_rotations(np.tile([0, 0, 0, DENORMAL], (16, 1))),
        Accepted(lambda a: np.nanmax(np.abs(a)) < 1.6, "the identity, of any norm")),
    Row("rotations/shape-(N,16,3)", lambda _: ak.angles_from_rotations(np.zeros((2, 16, 3))),
        Raises(ValueError, "(N, 16, 4)")),
    Row("rotations/shape-(4,)", lambda _: ak.angles_from_rotations(np.zeros(4)), Raises(ValueError, "(N, 16, 4)")),
    Row("rotations/empty", lambda _: ak.angles_from_rotations(np.zeros((0, 16, 4))),
        Accepted(lambda a: a.shape == (0, 39), "no frames")),
    Row("rotations/str", lambda _: ak.angles_from_rotations("q"), Raises(TypeError, "numeric array")),
    # check_frame(): a DataFrame of DoF columns in degrees (pandas)
    Row("frame/nan", lambda _: ak.check_frame(_pd().DataFrame({HIP: [NAN]})),
        Unknown(lambda r: r[f"{HIP}_status"].iloc[0], "NaN = not observed")),
    Row("frame/+inf", lambda _: ak.check_frame(_pd().DataFrame({HIP: [1.0, INF]})),
        Raises(ValueError, f"pose 1, {HIP} is infinite")),
    Row("frame/duplicate-spelling", lambda _: ak.check_frame(_pd().DataFrame([[1.0, 2.0]], columns=[HIP, "left hip internal rotation"])),
        Raises(ValueError, f"names DoF {HIP} twice")),
    Row("frame/duplicate-column", lambda _: ak.check_frame(_pd().DataFrame([[1.0, 2.0]], columns=[HIP, HIP])),
        Raises(ValueError, f"names DoF {HIP} twice")),
    Row("frame/unknown-column", lambda _: ak.check_frame(_pd().DataFrame({"hip": [1.0]})),
        Raises(ValueError, "unknown DoF name 'hip'")),
    Row("frame/str-values", lambda _: ak.check_frame(_pd().DataFrame({HIP: ["50"]})), Raises(TypeError, f"'{HIP}'")),
    Row("frame/empty", lambda _: ak.check_frame(_pd().DataFrame({HIP: []}, dtype=float)),
        Accepted(lambda r: len(r) == 0 and f"{HIP}_status" in r.columns, "no rows")),
    Row("frame/denormal", lambda _: ak.check_frame(_pd().DataFrame({HIP: [DENORMAL]})),
        Accepted(lambda r: r[f"{HIP}_status"].iloc[0] == "within", "a number")),
]


def test_rows_have_unique_ids():
    ids = [r.id for r in ROWS]
    assert len(ids) == len(set(ids))


def is_unknown(v):
    if isinstance(v, str):
        return v == "unknown"
    return bool(np.all(np.isnan(np.asarray(v, dtype=float))))


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_bad_input(row, files):
    expect = row.expect
    if isinstance(expect, Raises):
        with pytest.raises(Exception) as info:
            row.call(files)
        assert type(info.value) is expect.exc, (type(info.value), str(info.value))
        assert expect.text in str(info.value), str(info.value)
        return
    result = row.call(files)  # must not raise
    if isinstance(expect, Unknown):
        assert is_unknown(expect.probe(result)), (expect.reason, expect.probe(result))
        if expect.says is not None:
            assert expect.said in expect.says(result)
    else:
        assert expect.probe(result), expect.what
