"""Segment rotations -> angles, the reason codes of unknown DoFs, pandas in and out (issue 16)."""

import numpy as np
import pytest
from scipy.spatial.transform import Rotation

import arthrokin as ak
from conftest import load_blazepose_world, rom_norm

pd = pytest.importorskip("pandas")

D = {name: i for i, name in enumerate(ak.dofs())}
S = {name: i for i, name in enumerate(ak.SEGMENTS)}
USABLE = {ak.dof_status_code("observed"), ak.dof_status_code("observed_with_assumption")}


def identity(n=1):
    q = np.zeros((n, len(ak.SEGMENTS), 4))
    q[..., 3] = 1.0  # scalar last: (x, y, z, w)
    return q


# ---- segment rotations ----------------------------------------------------------------------

def test_rotations_anatomical_position_is_zero_with_the_forearm_in_supination():
    a, st = ak.angles_from_rotations(identity(), return_status=True)
    deg = np.degrees(a[0])
    # joint_angles.hpp: the anatomical position reads as full supination, s_mid = the AAOS 1994
    # supination norm (rom_norms.csv, forearm supination, AAOS94).
    sup = rom_norm("forearm", "supination", "AAOS94")
    for side in ("left", "right"):
        assert deg[D[f"{side}_forearm_pronation_supination"]] == pytest.approx(-sup, abs=1e-9)
        # the arm hangs: the plane of elevation (horizontal ab/adduction) is a gimbal lock
        assert st[0, D[f"{side}_shoulder_horizontal_abduction_adduction"]] == ak.dof_status_code("gimbal_lock")
        assert np.isnan(deg[D[f"{side}_shoulder_horizontal_abduction_adduction"]])
    others = [i for i, n in enumerate(ak.dofs()) if "forearm" not in n and "horizontal" not in n]
    np.testing.assert_allclose(deg[others], 0.0, atol=1e-9)
    assert all(st[0, i] in USABLE for i in others)


@pytest.mark.parametrize("theta", [10.0, 45.0, 90.0, 120.0])
def test_rotations_knee_and_hip_flexion_from_scipy(theta):
    # joint_angles.hpp: hip flexion = a, knee flexion = -a of the Z-X-Y sequence (Z first); the left
    # side is mirrored by diag(1, 1, -1), which leaves a rotation about Z unchanged.
    q = identity()
    for side in ("left", "right"):
        q[0, S[f"{side}_thigh"]] = Rotation.from_euler("z", theta, degrees=True).as_quat()
        q[0, S[f"{side}_shank"]] = identity()[0, 0]  # shank upright: knee flexed by theta relative to the thigh
        q[0, S[f"{side}_foot"]] = identity()[0, 0]
    deg = np.degrees(ak.angles_from_rotations(q))
    for side in ("left", "right"):
        assert deg[0, D[f"{side}_hip_flexion_extension"]] == pytest.approx(theta, abs=1e-9)
        assert deg[0, D[f"{side}_knee_flexion_extension"]] == pytest.approx(theta, abs=1e-9)


def test_rotations_single_frame_scaled_missing_and_invalid():
    rng = np.random.default_rng(7)
    q = Rotation.random(len(ak.SEGMENTS), random_state=3).as_quat()  # (16, 4)
    a = ak.angles_from_rotations(q)
    assert a.shape == (ak.DOF_COUNT,)
    # q and lambda*q are the same rotation
    np.testing.assert_allclose(ak.angles_from_rotations(q * rng.uniform(0.1, 1e3)), a, atol=1e-9)
    bad = q.copy()
    bad[S["left_shank"]] = np.nan
    bad[S["right_shank"]] = 0.0
    a2, st = ak.angles_from_rotations(bad, return_status=True)
    assert st[D["left_knee_flexion_extension"]] == ak.dof_status_code("missing_segment")
    assert st[D["right_knee_flexion_extension"]] == ak.dof_status_code("invalid_rotation")
    assert np.isnan(a2[D["left_knee_flexion_extension"]]) and np.isnan(a2[D["right_knee_flexion_extension"]])


def test_rotations_nan_exactly_where_the_status_is_not_usable():
    q = Rotation.random(200 * len(ak.SEGMENTS), random_state=11).as_quat().reshape(200, len(ak.SEGMENTS), 4)
    q[::7, S["abdomen"]] = np.nan
    q[::5, S["left_forearm"]] = np.nan
    a, tl, st, tst = ak.angles_from_rotations(q, return_thoracolumbar=True, return_status=True)
    assert a.shape == (200, ak.DOF_COUNT) and st.dtype == np.uint8 and tl.shape == tst.shape == (200, 3)
    usable = np.isin(st, list(USABLE))
    np.testing.assert_array_equal(~np.isnan(a), usable)
    np.testing.assert_array_equal(~np.isnan(tl), np.isin(tst, list(USABLE)))
    # each frame alone gives the same
    for f in (0, 7, 10):
        np.testing.assert_array_equal(ak.angles_from_rotations(q[f]), a[f])


def test_fast_trig_within_its_bound_with_the_same_statuses(data_dir):
    # fast_trig (C++ JointAngleOptions::fast_trig): every angle within 1e-13 rad of the default's
    # (libm), every status the same, and the approximation used (some angle differs)
    q = Rotation.random(300 * len(ak.SEGMENTS), random_state=5).as_quat().reshape(300, len(ak.SEGMENTS), 4)
    q[::4, S["abdomen"]] = np.nan  # the thoracolumbar totals
    q[::9, S["right_thigh"]] = np.nan
    _, xyz, vis = load_blazepose_world(data_dir)
    runs = [(ak.angles_from_rotations, (q,), {}), (ak.angles_from_keypoints, (xyz, "blazepose33", vis), {})]
    for fn, args, kw in runs:
        a, tl, st, tst = fn(*args, return_thoracolumbar=True, return_status=True, **kw)
        f, ftl, fst, ftst = fn(*args, return_thoracolumbar=True, return_status=True, fast_trig=True, **kw)
        np.testing.assert_array_equal(st, fst)
        np.testing.assert_array_equal(tst, ftst)
        np.testing.assert_array_equal(np.isnan(a), np.isnan(f))
        np.testing.assert_array_equal(np.isnan(tl), np.isnan(ftl))
        known = ~np.isnan(a)
        assert np.abs(a[known] - f[known]).max() <= 1e-13
        assert (a[known] != f[known]).any()


def test_rotations_bad_shapes_and_types():
    with pytest.raises(ValueError, match=r"\(N, 16, 4\)"):
        ak.angles_from_rotations(np.zeros((2, 15, 4)))
    with pytest.raises(ValueError, match=r"\(N, 16, 4\)"):
        ak.angles_from_rotations(np.zeros((2, 16, 3)))
    with pytest.raises(TypeError):
        ak.angles_from_rotations("quaternions")


def test_keypoint_statuses_name_why_a_dof_is_unknown():
    xyz = np.random.default_rng(2).normal(size=(3, 33, 3))
    xyz[1, 25] = np.nan  # left knee point missing in frame 1
    vis = np.ones((3, 33))
    vis[2, 25] = 0.1      # below min_visibility in frame 2
    a, tl, st, tst = ak.angles_from_keypoints(xyz, "blazepose33", vis, return_thoracolumbar=True, return_status=True)
    np.testing.assert_array_equal(~np.isnan(a), np.isin(st, list(USABLE)))
    np.testing.assert_array_equal(~np.isnan(tl), np.isin(tst, list(USABLE)))
    k = D["left_knee_flexion_extension"]
    assert st[1, k] == ak.dof_status_code("missing_segment")
    assert st[2, k] == ak.dof_status_code("low_confidence")
    a2, st2 = ak.angles_from_keypoints(xyz, "blazepose33", vis, return_status=True)
    np.testing.assert_array_equal(a2, a)
    np.testing.assert_array_equal(st2, st)
    frame = ak.status_frame(st, tst)
    assert frame.loc[2, "left_knee_flexion_extension"] == "low_confidence"
    assert "thoracolumbar_axial_rotation" in frame.columns


# ---- pandas ---------------------------------------------------------------------------------

def test_check_frame_equals_the_single_pose_check_per_row():
    aaos_ir = rom_norm("hip", "internal_rotation", "AAOS")
    df = pd.DataFrame({
        "left_hip_internal_external_rotation": [aaos_ir + 7, 10.0, np.nan],
        "left hip flexion": [20.0, np.nan, 300.0],
        "right knee flexion": [-3.0, 0.0, 50.0],
    }, index=["a", "b", "c"])
    lim = ak.Limits.from_source("AAOS")
    out = ak.check_frame(df, lim)
    assert list(out.index) == ["a", "b", "c"]
    assert out.loc["a", "left_hip_internal_external_rotation_status"] == "above"
    assert out.loc["a", "left_hip_internal_external_rotation_excess_deg"] == pytest.approx(7.0)
    for label, row in df.iterrows():
        r = ak.check({k: (None if np.isnan(v) else v) for k, v in row.items()}, lim)
        assert out.loc[label, "verdict"] == r["verdict"]
        for dof in ("left_hip_internal_external_rotation", "left_hip_flexion_extension", "right_knee_flexion_extension"):
            assert out.loc[label, f"{dof}_status"] == r["dofs"][dof]["status"]
            assert out.loc[label, f"{dof}_excess_deg"] == r["dofs"][dof]["excess_deg"]
    full = ak.check_frame(df, lim, all_dofs=True)
    assert full.shape[1] == 1 + 2 * ak.DOF_COUNT
    assert (full["cervical_flexion_extension_status"] == "unknown").all()


def test_frame_direction_names_carry_their_sign():
    df = pd.DataFrame({"left hip external rotation": [30.0]})
    x = ak.frame_to_angles(df)
    assert np.degrees(x[0, D["left_hip_internal_external_rotation"]]) == pytest.approx(-30.0)


def test_frame_duplicate_dofs_are_errors():
    with pytest.raises(ValueError, match="twice.*'left_hip_flexion_extension'.*'left hip flexion'"):
        ak.check_frame(pd.DataFrame([[1.0, 2.0]], columns=["left_hip_flexion_extension", "left hip flexion"]))
    with pytest.raises(ValueError, match="twice"):
        ak.check_frame(pd.DataFrame([[1.0, 2.0]], columns=["left_hip_flexion_extension"] * 2))
    with pytest.raises(ValueError, match="twice"):  # the same DoF by two direction names
        ak.frame_to_angles(pd.DataFrame([[1.0, 2.0]], columns=["left hip flexion", "left hip extension"]))


def test_frame_bad_columns():
    with pytest.raises(ValueError, match="unknown DoF name 'elbo'"):
        ak.check_frame(pd.DataFrame({"elbo": [1.0]}))
    with pytest.raises(TypeError, match="'left hip flexion'"):
        ak.check_frame(pd.DataFrame({"left hip flexion": ["50"]}))
    with pytest.raises(TypeError, match="'left hip flexion'"):
        ak.check_frame(pd.DataFrame({"left hip flexion": [True]}))
    with pytest.raises(ValueError, match="pose 1, left_hip_flexion_extension is infinite"):
        ak.check_frame(pd.DataFrame({"left hip flexion": [1.0, np.inf]}))
    df = pd.DataFrame({"left hip flexion": [None, 20.0]}, dtype=object)
    assert list(ak.check_frame(df)["left_hip_flexion_extension_status"]) == ["unknown", "within"]


def test_angles_frame_round_trip():
    x = np.radians(np.random.default_rng(4).uniform(-90, 90, size=(5, ak.DOF_COUNT)))
    x[0, 3] = np.nan
    df = ak.angles_frame(x)
    assert list(df.columns) == ak.dofs()
    np.testing.assert_allclose(ak.frame_to_angles(df), x, rtol=1e-15, atol=1e-15)
    with pytest.raises(ValueError, match=r"\(N, 39\)"):
        ak.angles_frame(np.zeros((2, 3)))


def test_every_per_dof_dict_names_each_dof_once():
    two = {"left hip flexion": 2.0, "left_hip_flexion_extension": 3.0}
    with pytest.raises(ValueError, match="uncertainty dict names DoF left_hip_flexion_extension twice"):
        ak.check({"left hip flexion": 10}, uncertainty=two)
    with pytest.raises(ValueError, match="weights dict names DoF left_hip_flexion_extension twice"):
        ak.nearest_valid_pose({"left hip flexion": 10}, weights=two)
    with pytest.raises(ValueError, match="weights dict names DoF .* twice: 'left_hip_flexion_extension' and '17'"):
        ak.nearest_valid_pose({"left hip flexion": 10}, weights={"left_hip_flexion_extension": 1.0, 17: 2.0})
    with pytest.raises(ValueError, match="twice"):
        ak.muscle_lengths({"left hip flexion": 10}, reference=two)
    with pytest.raises(ValueError, match="twice"):
        ak.RockingStretchMonitor().update(0.0, two)
