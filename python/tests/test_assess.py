"""assess(): the range reached, its deficit against the norm and the asymmetry (docs/assessment.md)."""
import math

import numpy as np
import pytest

import arthrokin as ak

RK = ak.dof_index("right_knee_flexion_extension")
LK = ak.dof_index("left_knee_flexion_extension")


def rows(right_deg, left_deg):
    a = np.full((len(right_deg), ak.DOF_COUNT), np.nan)
    a[:, RK] = np.radians(right_deg)
    a[:, LK] = np.radians(left_deg)
    return a


def test_knee_reaching_92_against_140_is_48_degrees_or_34_percent_short():
    # override 0-140: 140 - 92 = 48 deg, 48/140 = 34.29 %; LSI right involved 92/135 = 68.15 %
    limits = ak.Limits.defaults().override("right_knee_flexion_extension", 0, 140, "test norm")
    r = ak.assess(rows([10, 92, np.nan, 40], [0, 135, 60, np.nan]), limits, involved="right",
                  times=np.array([0.0, 0.1, 0.2, 0.3]))
    assert r["frames"] == 4
    assert r["observed"][RK] == 3
    assert r["observed_fraction"][RK] == pytest.approx(0.75)
    assert math.degrees(r["max"][RK]) == pytest.approx(92)
    assert math.degrees(r["min"][RK]) == pytest.approx(10)
    assert r["max_frame"][RK] == 1 and r["max_time_s"][RK] == pytest.approx(0.1)
    assert math.degrees(r["shortfall_positive"][RK]) == pytest.approx(48)
    assert r["percent_positive"][RK] == pytest.approx(100 * 48 / 140)
    assert r["lsi_positive"][RK] == pytest.approx(100 * 92 / 135)
    assert math.degrees(r["difference_positive"][RK]) == pytest.approx(43)
    assert ("right knee flexion reached 92\u00b0, 48\u00b0 (34 %) short of the normal 140\u00b0 (override: test norm); "
            "the left knee reached 135\u00b0") in r["sentences"]
    assert any("LSI 68 %" in s for s in r["asymmetry_sentences"])
    # never observed: unknown (NaN), never zero
    hip = ak.dof_index("left_hip_flexion_extension")
    assert math.isnan(r["min"][hip]) and r["observed"][hip] == 0


def test_robust_ends_ignore_a_spike_within_half_a_bin():
    v = [90 * abs(math.sin(0.1 * k)) for k in range(99)]
    v.insert(40, 175.0)
    r = ak.assess(rows(v, [np.nan] * len(v)))
    assert math.degrees(r["max"][RK]) == pytest.approx(175)
    exact = sorted(v)[math.ceil(0.98 * len(v)) - 1]
    assert abs(math.degrees(r["robust_high"][RK]) - exact) <= math.degrees(r["robust_error_bound"]) + 1e-9


def test_age_and_sex_give_the_group_mean():
    # rom_norms_by_age_sex.csv: knee flexion, 20-44, M: mean 137.7 -> 45.7 deg short
    r = ak.assess(rows([3, 92], [np.nan, np.nan]), age=30, sex="M")
    assert math.degrees(r["normal_positive"][RK]) == pytest.approx(137.7)
    assert math.degrees(r["shortfall_positive"][RK]) == pytest.approx(45.7)
    assert any("short of the mean 137.7\u00b0 (mean of men aged 20-44" in s for s in r["sentences"])


def test_bad_input():
    a = rows([1, 2], [3, 4])
    a[1, LK] = np.inf
    with pytest.raises(ValueError, match="pose 1, left_knee_flexion_extension is infinite"):
        ak.assess(a)
    with pytest.raises(ValueError):
        ak.assess(rows([1], [1]), sex="M")
    with pytest.raises(ValueError):
        ak.assess(rows([1], [1]), involved="middle")
    with pytest.raises(TypeError):
        ak.assess(np.zeros((2, ak.DOF_COUNT), dtype=np.float32))
    with pytest.raises(ValueError):
        ak.assess(rows([1], [1]), p_low=60, p_high=40)


def test_functional_bath_needs_135_knee_flexion_rowe_2000():
    # right knee reaches 120: stairs and chairs (90-120) supported, bath (135) 15 short; left never observed
    r = ak.functional(rows([0, 120], [np.nan, np.nan]))
    right = {a["activity"]: a for a in r if a["side"] == "right"}
    left = {a["activity"]: a for a in r if a["side"] == "left"}
    assert right["stair negotiation and standard or low chairs"]["support"] == "supported"
    bath = right["getting into and out of a bath"]
    assert bath["support"] == "not_supported"
    assert bath["requirements"][0]["short_by_deg"] == pytest.approx(15)
    assert bath["requirements"][0]["source"] == "Rowe00"
    assert left["getting into and out of a bath"]["support"] == "unknown"  # never "not supported"
    with pytest.raises(ValueError):
        ak.functional(rows([0], [0]), side="middle")


def test_reba_hand_scored_lift_is_10():
    # the lift of tests/ergonomics_test.cpp: score A 6 + 1 (8 kg) = 7, score B 6 + 1 (fair) = 7,
    # Table C (7, 7) = 9, + 1 (repeated) = 10; the second row lacks the right elbow: unknown (0)
    a = np.full((2, ak.DOF_COUNT), np.nan)
    deg = {"thoracic_flexion_extension": 20, "lumbar_flexion_extension": 25, "thoracic_lateral_flexion": 0,
           "lumbar_lateral_flexion": 0, "thoracic_axial_rotation": 0, "lumbar_axial_rotation": 10,
           "cervical_flexion_extension": 25, "cervical_lateral_flexion": 0, "cervical_axial_rotation": 0,
           "left_knee_flexion_extension": 35, "right_knee_flexion_extension": 40,
           "right_shoulder_flexion_extension": 60, "right_shoulder_abduction_adduction": -30,
           "right_elbow_flexion_extension": 110, "right_wrist_flexion_extension": 20,
           "right_wrist_radial_ulnar_deviation": 0}
    for k, v in deg.items():
        a[:, ak.dof_index(k)] = math.radians(v)
    a[1, ak.dof_index("right_elbow_flexion_extension")] = np.nan
    r = ak.reba(a, load_kg=8, coupling="fair", repeated=True)
    assert list(r["score"]) == [10, 0]
    assert list(r["action_level"]) == [3, -1]
    assert r["table_c"][0] == 9 and r["score_a"][0] == 7 and r["score_b"][0] == 7
    assert "not observed" in r["sentences"][1]
    with pytest.raises(ValueError):
        ak.reba(a, coupling="loose")
    with pytest.raises(ValueError):
        ak.reba(a, load_kg=-1)


def test_knee_grades_dc_5260_and_5261():
    # right knee 12-40: flexion limited to 45 -> 10 %, extension limited to 10 -> 10 % (38 CFR 4.71a)
    g = ak.knee_grades(rows([12, 40], [np.nan, np.nan]))
    right = [x for x in g if x["dof"] == "right_knee_flexion_extension"]
    assert [x["diagnostic_code"] for x in right] == [5260, 5261]
    assert [x["percent"] for x in right] == [10, 10]
    left = [x for x in g if x["dof"] == "left_knee_flexion_extension"]
    assert all(x["percent"] is None and math.isnan(x["reached_deg"]) for x in left)  # never observed
