"""examples/python/validate_dask.py on a small dataset: its counts equal a direct check."""
import json
import os
import subprocess
import sys
import time

import numpy as np
import pytest

import arthrokin as ak
from conftest import SOURCE_DIR, random_poses

SCRIPT = SOURCE_DIR / "examples" / "python" / "validate_dask.py"


def run(args, tmp_path, timeout=60):
    out = tmp_path / "counts.json"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, str(SCRIPT), *args, "--json", str(out)], check=True, timeout=timeout,
                   env=dict(os.environ), capture_output=True)
    return json.loads(out.read_text()), time.perf_counter() - t0


def expected_counts(x, limits):
    r = ak.check(x, limits)
    return r["counts"], np.bincount(r["verdict"], minlength=len(ak.VERDICTS))


def test_npy_files_local_cluster_equal_direct_check(tmp_path):
    pytest.importorskip("distributed")
    a, b = random_poses(5000, seed=21), random_poses(3001, seed=22)
    np.save(tmp_path / "a.npy", a)
    np.save(tmp_path / "b.npy", b)
    got, seconds = run([str(tmp_path / "a.npy"), str(tmp_path / "b.npy"), "--chunk", "1000", "--source", "AAOS",
                        "--tolerance", "2"], tmp_path)
    assert seconds < 60
    counts, verdicts = expected_counts(np.concatenate([a, b]), ak.Limits.from_source("AAOS").tolerance(2))
    assert got["poses"] == 8001 and got["chunks"] == 5 + 4
    assert [got["verdicts"][v] for v in ak.VERDICTS] == verdicts.tolist()
    table = np.array([[got["dofs"][n][s] for s in ak.STATUSES] for n in ak.dofs()])
    np.testing.assert_array_equal(table, counts)


def test_synthetic_threads_only(tmp_path):
    pytest.importorskip("distributed")
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import validate_dask
    finally:
        sys.path.pop(0)
    got, _ = run(["--synthetic", "2500", "--chunk", "1000", "--threads-only", "--seed", "3"], tmp_path)
    x = np.concatenate([validate_dask.synthetic_chunk(3, i, n) for i, n in enumerate((1000, 1000, 500))])
    counts, verdicts = expected_counts(x, ak.Limits.defaults())
    assert got["poses"] == 2500
    table = np.array([[got["dofs"][n][s] for s in ak.STATUSES] for n in ak.dofs()])
    np.testing.assert_array_equal(table, counts)
    assert [got["verdicts"][v] for v in ak.VERDICTS] == verdicts.tolist()


def test_bad_input_file_fails_cleanly(tmp_path):
    np.save(tmp_path / "bad.npy", np.zeros((10, ak.DOF_COUNT - 1)))
    p = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "bad.npy"), "--threads-only"],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode != 0
    assert f"expected shape (N, {ak.DOF_COUNT})" in p.stderr
