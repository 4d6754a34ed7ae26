"""Keypoints, BVH, muscles and the exercise monitor through Python. Expected values come
from the sample files and reference CSVs themselves, read here independently."""
import csv
import json
import math
import re

import numpy as np
import pytest

import arthrokin as ak
from conftest import load_blazepose_world


def bone_angle_deg(a, b, c):
    """Angle between bones b->a and b->c subtracted from 180: the unsigned flexion at b."""
    u, v = a - b, c - b
    cos = np.sum(u * v, axis=-1) / (np.linalg.norm(u, axis=-1) * np.linalg.norm(v, axis=-1))
    return 180.0 - np.degrees(np.arccos(np.clip(cos, -1, 1)))


def test_keypoints_elbow_and_knee_flexion_from_geometry(data_dir):
    names, xyz, vis = load_blazepose_world(data_dir)
    angles = ak.angles_from_keypoints(xyz, "blazepose33", vis)
    assert angles.shape == (len(xyz), ak.DOF_COUNT) and angles.dtype == np.float64
    idx = {n: i for i, n in enumerate(names)}
    dofs = ak.dofs()
    checked = 0
    for side in ("left", "right"):
        for joint, (a, b, c) in {"elbow": ("shoulder", "elbow", "wrist"), "knee": ("hip", "knee", "ankle")}.items():
            pts = [idx[f"{side}_{p}"] for p in (a, b, c)]
            expected = bone_angle_deg(xyz[:, pts[0]], xyz[:, pts[1]], xyz[:, pts[2]])
            got = np.degrees(angles[:, dofs.index(f"{side}_{joint}_flexion_extension")])
            seen = np.isfinite(got)
            assert seen.any()
            np.testing.assert_allclose(np.abs(got[seen]), expected[seen], atol=1e-6)
            # a point below min_visibility (0.5) makes the DoF unknown
            low = (vis[:, pts] < 0.5).any(axis=1)
            assert not (seen & low).any()
            checked += seen.sum()
    assert checked > 100
    # one frame (K, 3) gives DOF_COUNT values; thoracolumbar totals on request
    one, tl = ak.angles_from_keypoints(xyz[0], visibility=vis[0], return_thoracolumbar=True)
    assert one.shape == (ak.DOF_COUNT,) and tl.shape == (3,)
    np.testing.assert_array_equal(one, angles[0])
    # the angles feed check() directly
    assert ak.check(angles)["verdict"].shape == (len(xyz),)


def test_keypoints_bad_input():
    with pytest.raises(ValueError, match="unknown keypoint layout 'openpose25'"):
        ak.angles_from_keypoints(np.zeros((2, 25, 3)), "openpose25")
    with pytest.raises(ValueError, match=r"\(N, 17, 3\)"):
        ak.angles_from_keypoints(np.zeros((2, 33, 3)), "coco17")
    with pytest.raises(ValueError, match="visibility"):
        ak.angles_from_keypoints(np.zeros((2, 17, 3)), "coco17", np.ones((2, 16)))
    # degenerate (all points equal) keypoints: unknown, not a crash
    a = ak.angles_from_keypoints(np.zeros((1, 17, 3)), "coco17")
    assert np.isnan(a).all()


def test_read_bvh(data_dir):
    path = data_dir / "samples" / "bvh" / "131_01_start_walk_stop.bvh"
    text = path.read_text()
    frames = int(re.search(r"Frames:\s*(\d+)", text).group(1))
    frame_time = float(re.search(r"Frame Time:\s*([0-9.eE+-]+)", text).group(1))
    joints = re.findall(r"(?:ROOT|JOINT)\s+(\S+)", text)
    d = ak.read_bvh(str(path))
    assert d["frame_time"] == pytest.approx(frame_time)
    assert d["frame_count"] == frames
    assert d["joints"] == joints
    assert d["angles"].shape == (frames, ak.DOF_COUNT)
    knee = np.degrees(d["angles"][:, ak.dof_index("left_knee_flexion_extension")])
    assert np.isfinite(knee).all()
    # the bounds of tests/bvh_gait_test.cpp: swing peak >= 60°, no hyperextension beyond 5°
    assert knee.max() >= 60 and knee.min() >= -5
    assert ak.check(d["angles"], thoracolumbar=d["thoracolumbar"])["verdict"].shape == (frames,)


def test_read_bvh_neutral_calibration(data_dir):
    # tests/calibration_test.cpp: the right wrist of the CMU walk reads ~23° of radial deviation
    # both in the first half-second and as the clip's median, an offset; a hand calibration from frame 0
    # moves the median within 5° of zero. A whole-body "standing" calibration from frame 0 is refused
    # (the subject holds a stylised pose there).
    path = str(data_dir / "samples" / "bvh" / "131_01_start_walk_stop.bvh")
    i = ak.dof_index("right_wrist_radial_ulnar_deviation")
    before = np.degrees(ak.read_bvh(path)["angles"][:, i])
    d = ak.read_bvh(path, neutral_frames=[0], neutral_segments=["left_hand", "right_hand"])
    after = np.degrees(d["angles"][:, i])
    assert np.median(before) < -20
    assert abs(after[0]) < 1e-9 and abs(np.median(after)) < 5
    assert set(d["neutral_offsets_deg"]) == {"left_hand", "right_hand"}
    with pytest.raises(ValueError, match="not the declared posture"):
        ak.read_bvh(path, neutral_frames=0)
    with pytest.raises(ValueError, match="neutral must be"):
        ak.read_bvh(path, neutral_frames=0, neutral="sitting")
    with pytest.raises(ValueError, match="unknown segment"):
        ak.read_bvh(path, neutral_frames=0, neutral_segments=["left_paw"])
    with pytest.raises(ValueError, match="out of range"):
        ak.read_bvh(path, neutral_frames=[100000], neutral_segments=["left_hand"])


def test_read_bvh_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        ak.read_bvh(str(tmp_path / "missing.bvh"))
    bad = tmp_path / "bad.bvh"
    bad.write_text("HIERARCHY\nROOT Hips\n{\n  OFFSET 0 0\n")
    with pytest.raises(ak.ParseError):
        ak.read_bvh(str(bad))
    with pytest.raises(ValueError):  # ParseError is a ValueError
        ak.read_bvh(str(bad))


def muscles_csv(data_dir, joint, action):
    with open(data_dir / "reference" / "muscles.csv", newline="") as f:
        return {r["muscle"] for r in csv.DictReader(f)
                if r["joint"] == joint and r["action"] == action and r["tag"] != "claim"}


def test_movers_match_muscles_csv(data_dir):
    expected = muscles_csv(data_dir, "hip", "internal_rotation")
    assert expected
    got = ak.movers("left hip internal rotation")
    assert {m["muscle"] for m in got} == expected
    assert {m["side"] for m in got} == {"left"}
    assert all(m["role"] in ("prime", "assist", "stabiliser") for m in got)
    assert {m["muscle"] for m in ak.movers("left hip internal rotation", side="right")} == set()
    with pytest.raises(ValueError, match="unknown DoF name"):
        ak.movers("left hip teleportation")
    with pytest.raises(ValueError, match="side"):
        ak.movers("left hip internal rotation", side="middle")


def test_movers_take_the_motions_of_the_cli():
    # The CLI's `muscles movers` reads "thoracolumbar <direction>" too (one parser: parse_motion).
    got = ak.movers("thoracolumbar rotation to the right")
    assert got
    assert ak.movers("Thoracolumbar_Rotation-to-the-right") == got
    assert all(set(m) == {"muscle", "side", "role", "action", "source", "tag", "unverified", "notes"} for m in got)
    with pytest.raises(ValueError, match="unknown DoF name"):
        ak.movers("thoracolumbar teleportation")


def test_muscle_score_in_radians_as_the_cli():
    got = ak.lengthened_muscles({"left_hip_internal_external_rotation": 30})
    assert got
    for m in got:
        assert m["score_rad"] == pytest.approx(math.radians(m["score_deg"]))  # score_deg: documented alias
        assert "claim" in m


def test_lengthened_muscles(data_dir):
    # internal rotation lengthens the external rotators of that hip
    external = muscles_csv(data_dir, "hip", "external_rotation")
    got = ak.lengthened_muscles({"left_hip_internal_external_rotation": 30})
    assert got
    assert {m["muscle"] for m in got} <= external | muscles_csv(data_dir, "hip", "abduction") | external
    assert all(m["side"] == "left" and m["score_deg"] > 0 for m in got)
    assert {m["muscle"] for m in got} & external
    r = ak.muscle_lengths({"left_hip_internal_external_rotation": 30})
    assert {m["muscle"] for m in r["shortened"]} & muscles_csv(data_dir, "hip", "internal_rotation")


def test_rocking_stretch_monitor():
    m = ak.RockingStretchMonitor()
    names = ak.dofs()
    for i in range(60):
        pose = np.full(ak.DOF_COUNT, np.nan)
        for s in ("left", "right"):
            pose[names.index(f"{s}_hip_flexion_extension")] = math.radians(90)
            pose[names.index(f"{s}_knee_flexion_extension")] = math.radians(90)
        cues = m.update(i / 30, pose)
        assert isinstance(cues, list)
    m.finish()
    s = m.summary()
    assert s["frames"] == 60
    assert s["duration_s"] == pytest.approx(59 / 30)
    with pytest.raises(ValueError):
        m.update(3.0, np.zeros(5))


def test_read_bvh_mapping_restores_a_renamed_rig(data_dir, tmp_path):
    """A rig whose joints the built-in tables do not know reads with a mapping (dict or file)
    exactly as the original names read without one (docs/bvh.md, "Any rig")."""
    walk = data_dir / "samples" / "bvh" / "131_01_start_walk_stop.bvh"
    text = walk.read_text(encoding="utf-8")
    renamed = text.replace("ROOT ", "ROOT J_").replace("JOINT ", "JOINT J_")
    odd = tmp_path / "odd.bvh"
    odd.write_text(renamed, encoding="utf-8")
    mapping = {
        "J_Hips": "pelvis", "J_lowerback": "abdomen", "J_Chest2": "thorax", "J_Head": "head",
        "J_LeftShoulder": "left_upper_arm", "J_LeftElbow": "left_forearm", "J_LeftWrist": "left_forearm:distal",
        "J_lhand": "left_hand", "J_LFingers": "left_hand:distal",
        "J_RightShoulder": "right_upper_arm", "J_RightElbow": "right_forearm", "J_RightWrist": "right_forearm:distal",
        "J_rhand": "right_hand", "J_RFingers": "right_hand:distal",
        "J_LeftHip": "left_thigh", "J_LeftKnee": "left_shank", "J_LeftAnkle": "left_foot", "J_LeftToe": "left_foot:distal",
        "J_RightHip": "right_thigh", "J_RightKnee": "right_shank", "J_RightAnkle": "right_foot",
        "J_RightToe": "right_foot:distal",
    }
    original = ak.read_bvh(walk)["angles"]
    unmapped = ak.read_bvh(odd)["angles"]
    knee = ak.dof_index("left_knee_flexion_extension")
    assert np.isnan(unmapped[:, knee]).all()  # the renamed rig's legs are unknown, never zero
    by_dict = ak.read_bvh(odd, mapping=mapping)
    np.testing.assert_array_equal(by_dict["angles"], original)
    assert by_dict["mapping_unmatched"] == []
    as_file = tmp_path / "odd.json"
    as_file.write_text(json.dumps(mapping), encoding="utf-8")
    np.testing.assert_array_equal(ak.read_bvh(odd, mapping=as_file)["angles"], original)
    # the same mapping on the original file: its names are not there, and it says which
    assert ak.read_bvh(walk, mapping=mapping)["mapping_unmatched"][:2] == ["J_Hips", "J_lowerback"]
    with pytest.raises(ak.ParseError, match="mapping"):
        ak.read_bvh(odd, mapping={"J_Hips": "no_such_segment"})
    with pytest.raises(TypeError, match="mapping"):
        ak.read_bvh(odd, mapping={"J_Hips": 3})
