"""nearest_valid_pose(): the nearest pose that check() passes (docs/nearest.md). Properties, not
the code's output: the thoracolumbar rotation composite (30°, rom_norms.csv) shared by halves
with equal weights, the input array unchanged, unknown DoFs NaN, the result passing check()."""
import math

import numpy as np
import pytest

import arthrokin as ak

N = ak.DOF_COUNT
T = ak.dof_index("thoracic_axial_rotation")
L = ak.dof_index("lumbar_axial_rotation")
KNEE = ak.dof_index("left_knee_flexion_extension")


def test_composite_shared_by_halves_and_input_untouched():
    x = np.full(N, np.nan)
    x[T] = x[L] = math.radians(20)  # 40° against the 30° thoracolumbar composite
    before = x.copy()
    r = ak.nearest_valid_pose(x)
    np.testing.assert_array_equal(x, before)
    assert r["status"] == "moved" and r["valid"] and r["nearest"]
    assert r["angles"][T] == pytest.approx(math.radians(15), abs=1e-10)
    assert r["angles"][L] == pytest.approx(math.radians(15), abs=1e-10)
    assert r["change"][T] == pytest.approx(-math.radians(5), abs=1e-10)
    assert np.isnan(r["angles"][KNEE]) and np.isnan(r["change"][KNEE])
    assert ak.check(r["angles"])["out_of_range_count"] == 0


def test_weights_steer_and_bad_weights_raise():
    x = np.full(N, np.nan)
    x[T] = x[L] = math.radians(20)
    r = ak.nearest_valid_pose(x, weights={"thoracic_axial_rotation": 4.0})
    assert r["angles"][T] == pytest.approx(math.radians(18), abs=1e-10)  # 10·(1/4)/(1/4 + 1) = 2°
    w = np.ones(N)
    w[L] = 4.0
    r = ak.nearest_valid_pose(x, None, w)
    assert r["angles"][L] == pytest.approx(math.radians(18), abs=1e-10)
    for bad in (0.0, -1.0, float("nan")):
        with pytest.raises(ValueError):
            ak.nearest_valid_pose(x, weights={"thoracic_axial_rotation": bad})
    with pytest.raises(ValueError):
        ak.nearest_valid_pose(x, weights=np.ones(3))


def test_valid_pose_unchanged_and_random_poses_pass():
    rng = np.random.default_rng(5)
    for _ in range(50):
        x = rng.uniform(-7, 7, N)
        x[rng.uniform(size=N) < 0.2] = np.nan
        r = ak.nearest_valid_pose(x)
        assert r["valid"]
        rep = ak.check(r["angles"])
        assert rep["out_of_range_count"] == 0 and rep["possibly_out_of_range_count"] == 0
        np.testing.assert_array_equal(np.isnan(r["angles"]), np.isnan(x))
        again = ak.nearest_valid_pose(r["angles"])
        assert again["status"] == "unchanged"
        np.testing.assert_array_equal(again["angles"], r["angles"])
