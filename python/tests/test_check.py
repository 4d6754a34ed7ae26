"""check(), Limits and dofs(): hand-derived values from data/reference/rom_norms.csv,
the batch path against the single-pose path and against the C++ API (a helper
executable), error handling."""
import math
import os
import subprocess
import threading
import tracemalloc

import numpy as np
import pytest

import arthrokin as ak
from conftest import random_poses, rom_norm

HIP_IR = "left_hip_internal_external_rotation"
N = ak.DOF_COUNT  # columns of a pose array (39, checked in test_dofs_order_and_names)


def test_dofs_order_and_names():
    names = ak.dofs()
    assert len(names) == 39 == ak.DOF_COUNT
    assert names[0] == "cervical_flexion_extension"
    assert names[19] == HIP_IR  # 9 spinal + the 11th of 15 left-limb DoFs (dof.hpp order)
    assert names[38] == "right_subtalar_inversion_eversion"
    assert ak.dof_index("left hip internal/external rotation") == 19


def test_hip_internal_rotation_beyond_aaos():
    limit = rom_norm("hip", "internal_rotation", "AAOS")  # 45 in rom_norms.csv
    assert limit == 45
    r = ak.check({HIP_IR: 52}, ak.Limits.from_source("AAOS"))
    assert r["verdict"] == "out_of_range"
    assert r["out_of_range_count"] == 1
    assert r["unknown_count"] == N - 1
    d = r["dofs"][HIP_IR]
    assert d["status"] == "above"
    assert d["value_deg"] == pytest.approx(52)
    assert d["excess_deg"] == pytest.approx(52 - limit, abs=1e-9)
    assert d["limit_deg"] == pytest.approx(limit)
    assert d["source"] == "AAOS" and d["tag"] == "S"
    assert d["sentence"].startswith("left hip internal rotation 52° is 7° beyond the normal 45° (AAOS")
    assert r["dofs"]["left_knee_flexion_extension"]["status"] == "unknown"
    assert math.isnan(r["dofs"]["left_knee_flexion_extension"]["value_deg"])
    assert "overall: out_of_range" in r["text"]


def test_limits_context_keyword():
    # Calatayud et al. 2015: weight-bearing lunge 40.6 +- 5.2 deg (mean +- SD); the weight-bearing
    # end of range is mean + 2 SD. The passive/default norm is 20 deg (VA, Merck).
    ankle = "left_ankle_dorsiflexion_plantarflexion"
    passive = ak.Limits.defaults(context="passive")
    loaded = ak.Limits.defaults(context="weight_bearing")
    assert loaded.context == "weight_bearing" and ak.Limits.defaults().context == "unspecified"
    assert ak.check({ankle: 25}, passive)["dofs"][ankle]["status"] == "above"
    assert ak.check({ankle: 25}, loaded)["dofs"][ankle]["status"] == "within"
    up = loaded.bounds(ankle)["upper"]
    assert up["deg"] == pytest.approx(40.6 + 2 * 5.2)
    assert up["source"] == "Calatayud" and up["origin"] == "derived"
    assert "mean + 2 SD" in up["citation"]
    hip = loaded.bounds("left_hip_flexion_extension")["upper"]
    assert hip["origin"] == "fallback" and "no weight-bearing norm" in hip["citation"]
    with pytest.raises(ValueError, match="unknown context"):
        ak.Limits.defaults(context="standing")


def test_within_and_direction_names():
    limit = rom_norm("hip", "external_rotation", "AAOS")
    lim = ak.Limits.from_source("AAOS")
    r = ak.check({"left hip external rotation": limit - 5}, lim)  # a direction name: negative value
    d = r["dofs"][HIP_IR]
    assert d["status"] == "within"
    assert d["value_deg"] == pytest.approx(-(limit - 5))
    assert r["verdict"] == "within_range_partial"  # one DoF observed of 39 (issue 13)
    assert not r["complete"]
    r = ak.check({"left hip external rotation": limit + 3}, lim)
    assert r["dofs"][HIP_IR]["status"] == "below"
    assert r["dofs"][HIP_IR]["excess_deg"] == pytest.approx(3, abs=1e-9)


def test_unknown_is_never_zero():
    r = ak.check({HIP_IR: None, "right_knee_flexion_extension": float("nan")})
    assert r["verdict"] == "unknown"
    assert r["dofs"][HIP_IR]["status"] == "unknown"
    x = np.full(N, np.nan)
    assert ak.check(x)["verdict"] == "unknown"


def test_array_pose_in_radians_equals_dict_in_degrees():
    x = np.full(N, np.nan)
    x[ak.dof_index(HIP_IR)] = math.radians(52)
    a = ak.check(x, ak.Limits.from_source("AAOS"))
    b = ak.check({HIP_IR: 52}, ak.Limits.from_source("AAOS"))
    assert a["dofs"][HIP_IR] == b["dofs"][HIP_IR]
    assert ak.check(list(x), ak.Limits.from_source("AAOS"))["verdict"] == "out_of_range"


def test_limits_override_tolerance_restrict():
    base = ak.Limits.from_source("AAOS")
    assert ak.check({HIP_IR: 52}, base.tolerance(7.5))["dofs"][HIP_IR]["status"] == "within"
    assert ak.check({HIP_IR: 52}, base.tolerance(6.5))["dofs"][HIP_IR]["status"] == "above"
    assert base.tolerance_deg == 0  # methods return copies
    o = base.override(HIP_IR, -10, 20, "after hip surgery")
    d = ak.check({HIP_IR: 25}, o)["dofs"][HIP_IR]
    assert d["status"] == "above" and d["excess_deg"] == pytest.approx(5) and d["source"] == "user"
    b = o.bounds(HIP_IR)
    assert b["lower"]["deg"] == pytest.approx(-10) and b["upper"]["deg"] == pytest.approx(20)
    assert "after hip surgery" in b["upper"]["citation"]
    knee = base.restrict(["knee"])
    assert ak.check({HIP_IR: 52}, knee)["dofs"][HIP_IR]["status"] == "not_checked"
    assert ak.check({HIP_IR: 52}, knee)["verdict"] == "unknown"
    assert not knee.bounds(HIP_IR)["active"]


def check_all_single(x, limits):
    verdicts, statuses = [], []
    for row in x:
        r = ak.check(row, limits)
        verdicts.append(ak.VERDICTS.index(r["verdict"]))
        statuses.append([ak.STATUSES.index(r["dofs"][n]["status"]) for n in ak.dofs()])
    return np.array(verdicts, np.uint8), np.array(statuses, np.uint8)


def test_batch_equals_single_pose_checks():
    x = random_poses(300, seed=3)
    lim = ak.Limits.defaults().tolerance(2)
    b = ak.check(x, lim)
    assert b["verdict"].dtype == np.uint8 and b["verdict"].shape == (300,)
    assert b["status"].dtype == np.uint8 and b["status"].shape == (300, N)
    v, s = check_all_single(x, lim)
    np.testing.assert_array_equal(b["verdict"], v)
    np.testing.assert_array_equal(b["status"], s)
    counts = np.stack([np.bincount(s[:, k], minlength=len(ak.STATUSES)) for k in range(N)])
    np.testing.assert_array_equal(b["counts"], counts)


def test_batch_threads_equal_one_thread():
    x = random_poses(70000, seed=4)  # 4 threads of at least 16384 poses (BatchOptions::min_rows_per_thread)
    tl = random_poses(70000, seed=5)[:, :3].copy()
    one = ak.check(x, threads=1, thoracolumbar=tl)
    for threads in (2, 4, 0):
        other = ak.check(x, threads=threads, thoracolumbar=tl)
        for k in ("verdict", "status", "composite_status", "counts"):
            np.testing.assert_array_equal(one[k], other[k])


def boundary_poses(lim, n, seed):
    """Poses whose values sit on the limits (each bound, the bound +- the tolerance, one ulp
    beyond either), NaN, or anywhere; thoracolumbar totals NaN or within / beyond the norms."""
    rng = np.random.default_rng(seed)
    tol = lim.tolerance_deg
    x = rng.uniform(-math.pi, math.pi, size=(n, 39))  # anywhere
    for k, name in enumerate(ak.dofs()):
        b = lim.bounds(name)
        special = [np.nan]
        for deg, sign in ((b["lower"]["deg"], -1.0), (b["upper"]["deg"], 1.0)):
            if not math.isnan(deg):
                on, edge = math.radians(deg), math.radians(deg + sign * tol)
                special += [on, edge, np.nextafter(edge, sign * 9.0), np.nextafter(on, -sign * 9.0)]
        pick = rng.random(n) < 0.7
        x[pick, k] = rng.choice(np.array(special), size=int(pick.sum()))
    tl = rng.choice(np.radians([np.nan, 0.0, 30.0, -30.0, 60.0, -60.0]), size=(n, 3))
    return x, tl


@pytest.mark.parametrize("limits", [
    ak.Limits.defaults(),
    ak.Limits.defaults().tolerance(2),
    ak.Limits.from_source("AAOS").override(HIP_IR, -10, 30, "brace").tolerance(1),
    ak.Limits.defaults().restrict(["hip", "thoracic", "lumbar"]),
], ids=["defaults", "tolerance", "AAOS+override", "restricted"])
def test_batch_statuses_equal_single_pose_checks_on_boundaries(limits):
    """Verdicts, per-DoF and per-composite statuses of the batch (the C++ BatchChecker) equal
    the single-pose check() of each row, on values on and around the bounds, NaN and totals."""
    x, tl = boundary_poses(limits, 400, seed=21)
    b = ak.check(x, limits, thoracolumbar=tl)
    for i in range(len(x)):
        r = ak.check(x[i], limits, thoracolumbar=tl[i])
        assert b["verdict"][i] == ak.verdict_code(r["verdict"]), i
        assert [ak.STATUSES[s] for s in b["status"][i]] == [r["dofs"][n]["status"] for n in ak.dofs()], i
        assert [ak.STATUSES[s] for s in b["composite_status"][i]] == [c["status"] for c in r["composites"]], i
    counts = np.stack([np.bincount(b["status"][:, k], minlength=len(ak.STATUSES)) for k in range(39)])
    np.testing.assert_array_equal(b["counts"], counts)


def test_batch_infinity_names_the_first_pose_whatever_the_threads():
    x = random_poses(70000, seed=8)
    x[60000, 3] = np.inf
    x[41234, 19] = -np.inf  # the first one
    x_before = x.copy()
    for threads in (1, 2, 4, 0):
        with pytest.raises(ValueError) as e:
            ak.check(x, threads=threads)
        assert str(e.value) == f"check(): pose 41234, {HIP_IR} is infinite (NaN means unknown)"
    np.testing.assert_array_equal(x, x_before)  # read only
    # totals: an earlier pose's totals come first; within a pose, its DoFs
    tl = np.full((70000, 3), np.nan)
    tl[41234, 1] = np.inf
    with pytest.raises(ValueError, match=f"^check\\(\\): pose 41234, {HIP_IR} is infinite"):
        ak.check(x, thoracolumbar=tl, threads=2)
    tl[41233, 2] = -np.inf
    with pytest.raises(ValueError, match=r"^check\(\): pose 41233, thoracolumbar axial_rotation is infinite "
                                         r"\(NaN means not set\)$"):
        ak.check(x, thoracolumbar=tl, threads=2)


def test_single_pose_infinity_rule():
    row = np.full(39, np.nan)
    row[7] = -np.inf
    with pytest.raises(ValueError, match=f"^{ak.dofs()[7]} is infinite \\(NaN means unknown\\)$"):
        ak.check(row)
    with pytest.raises(ValueError, match=r"^check\(\): thoracolumbar lateral_flexion is infinite \(NaN means not set\)$"):
        ak.check(np.full(39, np.nan), thoracolumbar=[np.nan, np.inf, 0])
    assert ak.check(np.full(39, np.nan))["verdict"] == "unknown"  # NaN: unknown, never an error


@pytest.mark.parametrize("source,tolerance", [("defaults", 0.0), ("AAOS", 0.0), ("AMA", 3.0), ("VA", 0.5)])
def test_python_equals_cpp(tmp_path, source, tolerance):
    exe = os.environ.get("ARTHROKIN_CPP_REFERENCE")
    if not exe:
        pytest.skip("ARTHROKIN_CPP_REFERENCE not set (run through ctest)")
    x = random_poses(500, seed=11)
    x[:50] = np.round(np.degrees(x[:50])) * math.pi / 180  # whole degrees: values on the limits
    (tmp_path / "poses.f64").write_bytes(x.astype("=f8").tobytes())
    subprocess.run([exe, str(tmp_path / "poses.f64"), source, str(tolerance), str(tmp_path / "out.txt")], check=True)
    ref = np.loadtxt(tmp_path / "out.txt")
    lim = ak.Limits.defaults() if source == "defaults" else ak.Limits.from_source(source)
    lim = lim.tolerance(tolerance)
    b = ak.check(x, lim)
    np.testing.assert_array_equal(b["verdict"], ref[:, 0].astype(np.uint8))
    np.testing.assert_array_equal(b["status"], ref[:, 1:1 + N].astype(np.uint8))
    names = ak.dofs()
    for i in range(0, 500, 7):
        r = ak.check(x[i], lim)
        excess = np.array([r["dofs"][n]["excess_deg"] for n in names])
        np.testing.assert_array_equal(excess, ref[i, 1 + N:1 + 2 * N])  # %.17g round-trips exactly


def test_batch_is_not_copied():
    x = random_poses(200_000, seed=5)  # 62 MB
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        r = ak.check(x)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    outputs = r["verdict"].nbytes + r["status"].nbytes + r["composite_status"].nbytes + r["counts"].nbytes
    assert peak < outputs + x.nbytes // 4, (peak, outputs, x.nbytes)


def test_batch_releases_the_gil():
    x = random_poses(400_000, seed=6, unknown=0.0)
    ticks = []
    done = threading.Event()

    def ticker():
        while not done.is_set():
            ticks.append(1)
            done.wait(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    try:
        before = len(ticks)
        ak.check(x)
        during = len(ticks) - before
    finally:
        done.set()
        t.join()
    assert during > 0


def test_thoracolumbar_totals_reach_composites():
    lim = ak.Limits.defaults()
    x = np.full((2, N), np.nan)
    tl = np.full((2, 3), np.nan)
    tl[0, 2] = math.radians(80)  # thoracolumbar rotation to the right: beyond any norm
    b = ak.check(x, lim, thoracolumbar=tl)
    assert b["verdict"][0] == ak.verdict_code("out_of_range")
    assert b["verdict"][1] == ak.verdict_code("unknown")
    r = ak.check(x[0], lim, thoracolumbar=tl[0])
    assert r["verdict"] == "out_of_range"
    assert any(c["status"] == "above" and "rotation" in c["name"] for c in r["composites"])


# ---- bad input: clear Python exceptions, never a crash -------------------------

def test_wrong_shape():
    with pytest.raises(ValueError, match=rf"\(N, {N}\)"):
        ak.check(np.zeros((4, N - 1)))
    with pytest.raises(ValueError, match=f"{N} radians"):
        ak.check(np.zeros(12))
    with pytest.raises(ValueError, match="dimensions"):
        ak.check(np.zeros((2, 3, N)))
    with pytest.raises(ValueError, match="shape"):
        ak.check(np.zeros((4, N)), thoracolumbar=np.zeros((3, 3)))


def test_wrong_dtype_or_layout_is_not_copied_silently():
    with pytest.raises(TypeError, match="float64"):
        ak.check(np.zeros((4, N), dtype=np.float32))
    with pytest.raises(TypeError, match="C-contiguous"):
        ak.check(np.zeros((N, 4)).T)
    with pytest.raises(TypeError, match="float64"):
        ak.check(np.zeros((4, N), dtype=np.int64))


def test_bad_values_and_names():
    with pytest.raises(ValueError, match="unknown DoF name 'left_hip_teleportation'"):
        ak.check({"left_hip_teleportation": 3})
    with pytest.raises(TypeError):
        ak.check({HIP_IR: "fifty"})
    with pytest.raises(ValueError, match="infinite"):
        ak.check({HIP_IR: float("inf")})
    x = np.zeros((3, N))
    x[2, ak.dof_index("thoracic_axial_rotation")] = np.inf
    with pytest.raises(ValueError, match="pose 2, thoracic_axial_rotation is infinite"):
        ak.check(x)
    with pytest.raises(ValueError, match="unknown source key 'Nope'"):
        ak.Limits.from_source("Nope")
    with pytest.raises(ValueError, match="lower < upper"):
        ak.Limits.defaults().override(HIP_IR, 20, 10)
    with pytest.raises(ValueError, match="unknown joint"):
        ak.Limits.defaults().restrict(["kneee"])
    with pytest.raises(ValueError, match="tolerance"):
        ak.Limits.defaults().tolerance(-1)
    with pytest.raises(IndexError):
        ak.Limits.defaults().bounds(N)
    with pytest.raises(ValueError):
        ak.check("not a pose")


def test_batch_without_statuses_gives_the_same_verdicts_and_counts():
    rng = np.random.default_rng(5)
    x = rng.normal(0.0, 1.0, size=(3000, ak.DOF_COUNT))
    x[rng.random(x.shape) < 0.2] = np.nan
    L = ak.Limits.defaults().tolerance(1.0)
    full = ak.check(x, L)
    lean = ak.check(x, L, statuses=False)
    assert set(lean) == {"verdict", "counts"}
    np.testing.assert_array_equal(lean["verdict"], full["verdict"])
    np.testing.assert_array_equal(lean["counts"], full["counts"])
    # the verdicts follow from the statuses: out of range exactly where a DoF or composite is below/above
    out = ((full["status"] == 1) | (full["status"] == 2)).any(axis=1) | (
        (full["composite_status"] == 1) | (full["composite_status"] == 2)).any(axis=1)
    np.testing.assert_array_equal(lean["verdict"] == 1, out)


# ---- issue 13: uncertainty (possibly beyond) and partial poses -------------------------------------
KNEE = "left_knee_flexion_extension"


def knee_limits():
    return ak.Limits.defaults().override(KNEE, 0, 135, "test")


def test_names_of_the_new_statuses_and_verdicts():
    assert ak.STATUSES[6:] == ("possibly_below", "possibly_above")
    assert ak.VERDICTS[3:] == ("possibly_out_of_range", "within_range_partial")
    assert ak.INPUT_KINDS == ("goniometer", "marker_mocap", "imu", "monocular_keypoints")


def test_knee_only_pose_is_partial():
    r = ak.check({KNEE: 30}, knee_limits())
    assert r["verdict"] == "within_range_partial"
    assert r["complete"] is False
    assert r["observed_count"] == 1 and r["unknown_count"] == N - 1
    assert r["summary"] == f"within range for 1 of {N} DoFs ({N - 1} unknown)"
    assert r["text"].startswith("overall: within_range_partial (within range for 1 of")


def test_knee_one_degree_past_with_two_degrees_is_possibly_beyond():
    lim = knee_limits()
    r = ak.check({KNEE: -1}, lim, uncertainty=2)  # u = 2 deg, k = 2: U = 4 deg
    d = r["dofs"][KNEE]
    assert d["status"] == "possibly_below"
    assert d["excess_deg"] == pytest.approx(1)
    assert d["uncertainty_deg"] == pytest.approx(4)
    assert d["limit_deg"] == pytest.approx(0)
    assert r["verdict"] == "possibly_out_of_range"
    assert r["possibly_out_of_range_count"] == 1 and r["out_of_range_count"] == 0
    assert "is possibly 1\u00b0 beyond the normal 0\u00b0 (within its uncertainty of \u00b14\u00b0)" in d["sentence"]
    assert ak.check({KNEE: -5}, lim, uncertainty=2)["dofs"][KNEE]["status"] == "below"
    assert ak.check({KNEE: -1}, lim, uncertainty={KNEE: 2})["dofs"][KNEE]["status"] == "possibly_below"
    assert ak.check({KNEE: -1}, lim, uncertainty=2, coverage=0.4)["dofs"][KNEE]["status"] == "below"
    assert ak.check({KNEE: -1}, lim)["dofs"][KNEE]["status"] == "below"
    assert ak.check({KNEE: -1}, lim, input_kind="goniometer")["dofs"][KNEE]["status"] == "possibly_below"
    with pytest.raises(ValueError):
        ak.check({KNEE: -1}, lim, uncertainty=-1)
    with pytest.raises(ValueError):
        ak.check({KNEE: -1}, lim, input_kind="sundial")


@pytest.mark.parametrize("per_row", [False, True])
def test_batch_with_uncertainty_equals_single_pose(per_row):
    lim = knee_limits().tolerance(1)
    x = random_poses(400, seed=13)
    rng = np.random.default_rng(14)
    u = np.full(N, math.radians(1.5))
    ru = None
    if per_row:
        ru = rng.uniform(0, 0.05, size=(400, N))
        ru[rng.random((400, N)) < 0.3] = np.nan
    b = ak.check(x, lim, uncertainty=u, row_uncertainty=ru)
    for i in range(400):
        ui = u.copy()
        if per_row:
            ui = np.where(np.isnan(ru[i]), u, ru[i])
        r = ak.check(x[i], lim, uncertainty=ui)
        assert b["verdict"][i] == ak.verdict_code(r["verdict"]), i
        assert [ak.STATUSES[s] for s in b["status"][i]] == [r["dofs"][n]["status"] for n in ak.dofs()], i
    counts = np.stack([np.bincount(b["status"][:, k], minlength=len(ak.STATUSES)) for k in range(N)])
    np.testing.assert_array_equal(b["counts"], counts)
    assert (b["status"] >= ak.status_code("possibly_below")).any()
    with pytest.raises(ValueError):
        ak.check(x, lim, row_uncertainty=np.zeros((3, N)))


def test_limits_rules_switch_off():
    # The two-joint limit (docs/two-joint-limits.md): with the knee straight, hip flexion is limited
    # to 90 deg (Magee); the hip's own upper bound in the defaults is 125 deg (38 CFR 4.71a).
    hip, knee = "left_hip_flexion_extension", "left_knee_flexion_extension"
    on = ak.Limits.defaults()
    off = on.two_joint_limits(False)
    assert on.uses_two_joint_limits and not off.uses_two_joint_limits and on.uses_two_joint_limits
    r_on = ak.check({hip: 110, knee: 0}, on)["dofs"][hip]
    r_off = ak.check({hip: 110, knee: 0}, off)["dofs"][hip]
    assert r_on["status"] == "above" and r_on["decided_by"] == "two_joint"
    assert r_on["excess_deg"] == pytest.approx(20, abs=1e-9)
    assert r_off["status"] == "within" and r_off["decided_by"] == "single_axis"
    assert off.two_joint_limits(True).uses_two_joint_limits
    # The shoulder region decides flexion and abduction where both are observed; off, each its own range.
    fl, ab = "right_shoulder_flexion_extension", "right_shoulder_abduction_adduction"
    reg = ak.check({fl: 30, ab: -30}, on)["dofs"][fl]
    single = ak.check({fl: 30, ab: -30}, on.shoulder_region(False))["dofs"][fl]
    assert reg["decided_by"] == "region" and single["decided_by"] == "single_axis"
    assert not on.shoulder_region(False).uses_shoulder_region and on.uses_shoulder_region
