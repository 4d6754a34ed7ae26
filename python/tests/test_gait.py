"""gait(): cycles against the normative curves of typically developing children (docs/gait.md)."""
import csv
import math
import os

import numpy as np
import pytest

import arthrokin as ak

RK = ak.dof_index("right_knee_flexion_extension")
RH = ak.dof_index("right_hip_flexion_extension")
HERE = os.path.dirname(os.path.abspath(__file__))
CSV = os.path.join(HERE, "..", "..", "data", "reference", "gait_norms_schwartz2008.csv")


def free_mean(segment, direction):
    with open(CSV, newline="") as f:
        return [float(r["mean_deg"]) for r in csv.DictReader(f)
                if r["speed"] == "Free" and r["segment_or_joint"] == segment and r["positive_direction"] == direction]


def cycle(knee_deg, hip_deg):
    a = np.full((51, ak.DOF_COUNT), np.nan)
    a[:, RK] = np.radians(knee_deg)
    a[:, RH] = np.radians(hip_deg)
    return a


def test_norm_cycle_scores_zero_and_a_shift_scores_the_shift():
    knee, hip = free_mean("knee", "flexion"), free_mean("hip", "flexion")
    r = ak.gait(cycle(knee, hip), 50.0, right_contacts=[0, 50])
    c = r["cycles"][0]
    assert r["norms"]["population"] == "typically developing children"
    assert c["gps"] == pytest.approx(0, abs=1e-12) and c["gps_variables"] == 2
    assert not c["variables"]["pelvis_tilt"]["known"] and math.isnan(c["variables"]["pelvis_tilt"]["gvs"])
    s = ak.gait(cycle([k + 5 for k in knee], hip), 50.0, right_contacts=[0, 50])["cycles"][0]
    assert math.degrees(s["variables"]["knee_flexion"]["gvs"]) == pytest.approx(5)
    assert math.degrees(s["gps"]) == pytest.approx(5 / math.sqrt(2))  # two known GPS variables


def test_crouch_knee_is_named():
    knee, hip = free_mean("knee", "flexion"), free_mean("hip", "flexion")
    c = ak.gait(cycle([max(30, k) for k in knee], hip), 50.0, right_contacts=[0, 50])["cycles"][0]
    assert c["knee"]["never_extends"]
    assert math.degrees(c["knee"]["least_flexion"]) == pytest.approx(30)
    assert "right knee never extends in stance" in c["knee"]["sentence"]


def test_bad_input_is_a_value_error():
    with pytest.raises(ValueError):
        ak.gait(np.zeros((3, ak.DOF_COUNT)), 0.0)
    with pytest.raises(ValueError):
        ak.gait(np.zeros((3, ak.DOF_COUNT)), 50.0, speed="Brisk")
    with pytest.raises(ValueError):
        ak.gait(np.zeros((3, ak.DOF_COUNT)), 50.0, right_contacts=[2, 1])
