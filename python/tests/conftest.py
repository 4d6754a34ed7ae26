import csv
import os
import pathlib

import numpy as np
import pytest

import arthrokin as ak

SOURCE_DIR = pathlib.Path(os.environ.get("ARTHROKIN_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
DATA_DIR = pathlib.Path(os.environ.get("ARTHROKIN_DATA_DIR", SOURCE_DIR / "data"))


@pytest.fixture(scope="session")
def data_dir():
    return DATA_DIR


@pytest.fixture(scope="session")
def source_dir():
    return SOURCE_DIR


def rom_norm(joint, direction, source):
    """The value_deg of one row of data/reference/rom_norms.csv (the largest if several)."""
    with open(DATA_DIR / "reference" / "rom_norms.csv", newline="") as f:
        values = [float(r["value_deg"]) for r in csv.DictReader(f)
                  if r["joint"] == joint and r["direction"] == direction and r["source"] == source]
    assert values, (joint, direction, source)
    return max(values)


def random_poses(n, seed=1, unknown=0.2):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-3.0, 3.0, size=(n, ak.DOF_COUNT))  # radians: within and far out of range
    x[rng.random((n, ak.DOF_COUNT)) < unknown] = np.nan
    return x


def load_blazepose_world(data_dir):
    """The balancing trial's BlazePose world landmarks: names (33), xyz (N, 33, 3), visibility (N, 33)."""
    path = data_dir / "samples" / "blazepose_world" / "balancing_trial_cam01_world.csv"
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    names = [c[:-2] for c in rows[0].keys() if c.endswith("_x")]
    assert len(names) == 33
    xyz = np.array([[[float(r[n + "_x"]), float(r[n + "_y"]), float(r[n + "_z"])] for n in names] for r in rows])
    vis = np.array([[float(r[n + "_vis"]) for n in names] for r in rows])
    return names, xyz, vis
