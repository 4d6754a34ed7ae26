"""The skeleton fitter from Python (docs/fitter.md): arrays in, arrays out, whole sequence or
frame by frame, on the real BlazePose trial of data/samples/blazepose_world."""
import math

import numpy as np
import pytest

import arthrokin as ak


def load_trial(data_dir):
    path = data_dir / "samples" / "blazepose_world" / "balancing_trial_cam01_world.csv"
    a = np.genfromtxt(path, delimiter=",", skip_header=1)
    xyz = a[:, 1:].reshape(len(a), 33, 4)
    return np.ascontiguousarray(xyz[:, :, :3]), np.ascontiguousarray(np.clip(xyz[:, :, 3], 0, 1)), a[:, 0] / 60.0


def mirror_index():
    names = ["nose", "l_eye_inner", "l_eye", "l_eye_outer", "r_eye_inner", "r_eye", "r_eye_outer", "l_ear", "r_ear",
             "l_mouth", "r_mouth"] + [f"{s}_{p}" for p in ("shoulder", "elbow", "wrist", "pinky", "index", "thumb",
                                                            "hip", "knee", "ankle", "heel", "toe") for s in "lr"]
    other = {"l": "r", "r": "l"}
    return [names.index(other[n[0]] + n[1:]) if n[:2] in ("l_", "r_") else i for i, n in enumerate(names)]


def test_shapes_and_states(data_dir):
    xyz, vis, t = load_trial(data_dir)
    for mode in ("online", "offline"):
        r = ak.fit_keypoints(xyz, t, "blazepose33", vis, mode=mode)
        assert r["angles"].shape == (len(t), ak.DOF_COUNT)
        assert r["sigma"].shape == (len(t), ak.DOF_COUNT)
        assert r["thoracolumbar"].shape == (len(t), 3)
        assert len(r["swap"]) == len(t) and set(r["swap"]) <= {"none", "whole_body", "arms", "legs"}
        assert set(r["state"]) <= {"acquiring", "tracking", "lost"}
        known = ~np.isnan(r["angles"])
        assert known.any()
        # An uncertainty exactly where there is a value; none where the DoF is unknown.
        assert np.array_equal(known, ~np.isnan(r["sigma"]))
        assert (r["sigma"][known] >= 0).all()


def test_frame_by_frame_equals_the_online_sequence(data_dir):
    xyz, vis, t = load_trial(data_dir)
    whole = ak.fit_keypoints(xyz, t, "blazepose33", vis, mode="online")
    f = ak.SkeletonFitter("blazepose33")
    for i in range(len(t)):
        r = f.update(xyz[i], t[i], vis[i])
        np.testing.assert_array_equal(r["angles"], whole["angles"][i])
        np.testing.assert_array_equal(r["sigma"], whole["sigma"][i])
        assert r["swap"] == whole["swap"][i] and r["state"] == whole["state"][i]
    lengths = f.segment_lengths()
    assert len(lengths) == 8 and all(0.1 < x < 0.6 for x in lengths)  # upper arm … shank, metres


def test_a_whole_body_swap_is_repaired(data_dir):
    # The real trial with every left/right label swapped in frames 40–79, as BlazePose does when it
    # reads a front view as a back view: the fitter reports the repair and gives the angles of the
    # unswapped trial; the raw keypoint angles swap sides.
    xyz, vis, t = load_trial(data_dir)
    m = mirror_index()
    sw_xyz, sw_vis = xyz.copy(), vis.copy()
    sw_xyz[40:80] = xyz[40:80][:, m]
    sw_vis[40:80] = vis[40:80][:, m]
    ref = ak.fit_keypoints(xyz, t, "blazepose33", vis, mode="online")
    got = ak.fit_keypoints(sw_xyz, t, "blazepose33", sw_vis, mode="online")
    assert sum(s == "whole_body" for s in got["swap"][40:80]) >= 38
    assert all(s == "none" for s in got["swap"][:40] + got["swap"][82:])
    k = ak.dof_index("left_knee_flexion_extension")
    d_fit = np.nanmax(np.abs(got["angles"][45:80, k] - ref["angles"][45:80, k]))
    raw = ak.angles_from_keypoints(sw_xyz[45:80], "blazepose33", sw_vis[45:80])
    raw_ref = ak.angles_from_keypoints(xyz[45:80], "blazepose33", vis[45:80])
    d_raw = np.nanmax(np.abs(raw[:, k] - raw_ref[:, k]))
    assert d_fit < math.radians(5) < d_raw


def test_bad_input(data_dir):
    xyz, vis, t = load_trial(data_dir)
    bad = xyz.copy()
    bad[7, 3, 1] = np.inf
    with pytest.raises(ValueError, match="frame 7"):
        ak.fit_keypoints(bad, t, "blazepose33", vis)
    with pytest.raises(ValueError, match="frame 7"):
        ak.fit_keypoints(bad, t, "blazepose33", vis, mode="online")
    with pytest.raises(ValueError):
        ak.fit_keypoints(xyz[:, :17], t, "blazepose33", vis)
    with pytest.raises(ValueError):
        ak.fit_keypoints(xyz, t[:-1], "blazepose33", vis)
    with pytest.raises(ValueError, match="mode"):
        ak.fit_keypoints(xyz, t, "blazepose33", vis, mode="sideways")
    with pytest.raises(ValueError, match="increase"):
        ak.fit_keypoints(xyz, t[::-1].copy(), "blazepose33", vis)
    f = ak.SkeletonFitter("blazepose33")
    f.update(xyz[0], t[0], vis[0])
    with pytest.raises(ValueError):
        f.update(bad[7], t[1], vis[1])
    with pytest.raises(ValueError):
        f.update(xyz[1], t[0], vis[1])
    # Nothing lost: the fitter goes on from frame 0 as if the bad calls had not happened.
    g = ak.SkeletonFitter("blazepose33")
    g.update(xyz[0], t[0], vis[0])
    np.testing.assert_array_equal(f.update(xyz[1], t[1], vis[1])["angles"], g.update(xyz[1], t[1], vis[1])["angles"])
    # A frame where nobody was found: lost, every DoF unknown.
    r = f.update(np.full((33, 3), np.nan), t[2])
    assert r["state"] == "lost" and np.isnan(r["angles"]).all()


# ---- inclinations (issue 14 item 5): hand-computed cases -----------------------------------------
def blaze_index(name):
    names = ["nose", "l_eye_inner", "l_eye", "l_eye_outer", "r_eye_inner", "r_eye", "r_eye_outer", "l_ear", "r_ear",
             "l_mouth", "r_mouth"] + [f"{s}_{p}" for p in ("shoulder", "elbow", "wrist", "pinky", "index", "thumb",
                                                            "hip", "knee", "ankle", "heel", "toe") for s in "lr"]
    return names.index(name)


def test_image_inclinations_portrait_trunk_and_thigh():
    # A 900 x 1600 px (9:16 portrait) frame: the trunk leans 30 degrees in pixels, the right thigh is
    # horizontal; normalised landmarks divide x by 900 and y by 1600.
    w, h = 900.0, 1600.0
    px, py = 480 * math.sin(math.radians(30)), 480 * math.cos(math.radians(30))
    xy = np.full((33, 2), np.nan)
    xy[blaze_index("l_hip")] = (400 / w, 960 / h)
    xy[blaze_index("r_hip")] = (500 / w, 960 / h)
    xy[blaze_index("l_shoulder")] = ((380 + px) / w, (960 - py) / h)
    xy[blaze_index("r_shoulder")] = ((520 + px) / w, (960 - py) / h)
    xy[blaze_index("r_knee")] = (800 / w, 960 / h)
    names = list(ak.INCLINATIONS)
    a = ak.image_inclinations(xy, "blazepose33", aspect_ratio=9 / 16)
    assert a.shape == (len(names),)
    assert math.degrees(a[names.index("trunk_inclination")]) == pytest.approx(30.0, abs=1e-9)
    assert math.degrees(a[names.index("trunk")]) == pytest.approx(60.0, abs=1e-9)
    assert math.degrees(a[names.index("right_thigh")]) == pytest.approx(0.0, abs=1e-9)
    assert np.isnan(a[names.index("right_shank")])  # no ankle
    # Without the aspect ratio the lean reads atan((240/900) / (415.7/1600)) = 45.7 degrees.
    sq = ak.image_inclinations(xy, "blazepose33")
    assert math.degrees(sq[names.index("trunk_inclination")]) == pytest.approx(
        math.degrees(math.atan((px / w) / (py / h))), abs=1e-9)
    # A low-visibility knee: the thigh is unknown.
    vis = np.ones(33)
    vis[blaze_index("r_knee")] = 0.2
    assert np.isnan(ak.image_inclinations(xy, "blazepose33", 9 / 16, vis)[names.index("right_thigh")])
    # A sequence (N, K, 2) gives (N, len(INCLINATIONS)); a bad aspect ratio is refused.
    assert ak.image_inclinations(np.stack([xy, xy]), "blazepose33", 9 / 16).shape == (2, len(names))
    with pytest.raises(ValueError):
        ak.image_inclinations(xy, "blazepose33", aspect_ratio=0.0)


def test_gravity_inclinations_with_the_up_axis():
    # BlazePose world landmarks are y-down: a trunk leaning 30 degrees forward reads 30 with up='y_down'.
    xyz = np.full((33, 3), np.nan)
    s, c = 0.5 * math.sin(math.radians(30)), 0.5 * math.cos(math.radians(30))
    xyz[blaze_index("l_hip")] = (0, 0, -0.1)
    xyz[blaze_index("r_hip")] = (0, 0, 0.1)
    xyz[blaze_index("l_shoulder")] = (s, -c, -0.2)
    xyz[blaze_index("r_shoulder")] = (s, -c, 0.2)
    names = list(ak.INCLINATIONS)
    a = ak.gravity_inclinations(xyz, "blazepose33", up="y_down")
    assert math.degrees(a[names.index("trunk_inclination")]) == pytest.approx(30.0, abs=1e-9)
    b = ak.gravity_inclinations(xyz, "blazepose33")  # read as y-up: upside down
    assert math.degrees(b[names.index("trunk_inclination")]) == pytest.approx(150.0, abs=1e-9)


def test_fitter_inclinations_3d_and_2d(data_dir):
    xyz, vis, t = load_trial(data_dir)
    r = ak.fit_keypoints(xyz, t, "blazepose33", vis, mode="online", up="y_down")
    assert r["inclinations"].shape == (len(t), len(ak.INCLINATIONS))
    raw = ak.gravity_inclinations(xyz, "blazepose33", vis, up="y_down")
    trunk = list(ak.INCLINATIONS).index("trunk_inclination")
    # The fit smooths, it does not move the trunk: within 10 degrees of the raw value on average.
    assert np.nanmean(np.abs(r["inclinations"][10:, trunk] - raw[10:, trunk])) < math.radians(10)
    f = ak.SkeletonFitter("blazepose33")
    xy = xyz[:, :, :2] / 2 + 0.5  # any normalised 2D landmarks
    out = f.update_image(xy[0], t[0], 9 / 16, vis[0])
    assert out["inclinations"].shape == (len(ak.INCLINATIONS),)
    assert np.all(np.isnan(out["angles"]))


def load_image(data_dir):
    path = data_dir / "samples" / "blazepose_world" / "balancing_trial_cam01_image.csv"
    a = np.genfromtxt(path, delimiter=",", skip_header=1)
    xy = a[:, 1:].reshape(len(a), 33, 4)
    return np.ascontiguousarray(xy[:, :, :2]), np.ascontiguousarray(np.clip(xy[:, :, 3], 0, 1))


def test_image_landmarks_with_the_3d_keypoints(data_dir):
    """image=, image_size= (docs/fitter.md): used (the angles differ from the 3D-only fit), frame by
    frame equal to the online sequence, same shapes and statuses; bad shapes and sizes refused."""
    xyz, vis, t = load_trial(data_dir)
    xy, ivis = load_image(data_dir)
    for mode in ("online", "offline"):
        for lp in ("radial", "weighted"):
            plain = ak.fit_keypoints(xyz, t, "blazepose33", vis, mode=mode, length_projection=lp)
            r = ak.fit_keypoints(xyz, t, "blazepose33", vis, mode=mode, image=xy, image_size=(1080, 1920),
                                 image_visibility=ivis, length_projection=lp)
            assert r["angles"].shape == plain["angles"].shape
            known = ~np.isnan(r["angles"])
            assert np.array_equal(known, ~np.isnan(r["sigma"]))
            assert np.nanmax(np.abs(r["angles"] - plain["angles"])) > math.radians(1)
    f = ak.SkeletonFitter("blazepose33")
    online = ak.fit_keypoints(xyz, t, "blazepose33", vis, mode="online", image=xy, image_size=(1080, 1920),
                              image_visibility=ivis)
    for i in range(len(t)):
        out = f.update(xyz[i], t[i], vis[i], image=xy[i], image_size=(1080, 1920), image_visibility=ivis[i])
        np.testing.assert_array_equal(out["angles"], online["angles"][i])
    with pytest.raises(ValueError, match="image_size"):
        ak.fit_keypoints(xyz, t, "blazepose33", vis, image=xy)
    with pytest.raises(ValueError, match="image_size"):
        ak.fit_keypoints(xyz, t, "blazepose33", vis, image=xy, image_size=(1080, 0))
    with pytest.raises(ValueError, match="shape"):
        ak.fit_keypoints(xyz, t, "blazepose33", vis, image=xy[:, :20], image_size=(1080, 1920))
    with pytest.raises(ValueError, match="without image"):
        ak.fit_keypoints(xyz, t, "blazepose33", vis, image_visibility=ivis)
    with pytest.raises(ValueError, match="length_projection"):
        ak.fit_keypoints(xyz, t, "blazepose33", vis, length_projection="sideways")
    bad = xy.copy()
    bad[5, 3, 0] = np.inf
    with pytest.raises(ValueError, match="frame 5"):
        ak.fit_keypoints(xyz, t, "blazepose33", vis, mode="online", image=bad, image_size=(1080, 1920))
