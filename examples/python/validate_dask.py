#!/usr/bin/env python3
"""Validate a large pose dataset with Dask over the arthrokin Python module.

Input: .npy files of (N, 39) float64 joint angles in radians (NaN = not observed;
columns in arthrokin.dofs() order), or a synthetic generator (--synthetic N).
Output: per-DoF counts of each status (within, below, above, unknown, no_limit,
not_checked, possibly_below, possibly_above) and per-verdict pose counts, printed as a table and optionally as JSON.

    # a local cluster (2 worker processes by default)
    PYTHONPATH=build/python /usr/bin/python3 examples/python/validate_dask.py --synthetic 2000000
    PYTHONPATH=build/python /usr/bin/python3 examples/python/validate_dask.py data/*.npy --source AAOS
    # the same on a real cluster (workers need arthrokin importable and the files readable)
    PYTHONPATH=build/python /usr/bin/python3 examples/python/validate_dask.py --scheduler tcp://host:8786 data/*.npy

Each task reads one chunk of rows (np.load with mmap_mode="r", so only that chunk is
read) or generates it, and checks it with arthrokin.check (zero-copy, GIL released);
only the (39, 8) count arrays travel back to the client. See docs/scale-out.md.
"""
import argparse
import json
import sys
import time

import numpy as np

# arthrokin.STATUSES / VERDICTS (the byte codes of the batch results), spelled out so that the client
# needs no arthrokin import.
STATUSES = ("within", "below", "above", "unknown", "no_limit", "not_checked", "possibly_below", "possibly_above")
VERDICTS = ("within_range", "out_of_range", "unknown", "possibly_out_of_range", "within_range_partial")


def synthetic_chunk(seed, index, rows, unknown=0.2):
    """Reproducible random poses: uniform in ±120° with a fraction of unknowns."""
    import arthrokin  # imported in the worker

    rng = np.random.default_rng([seed, index])
    x = rng.uniform(-np.radians(120), np.radians(120), size=(rows, arthrokin.DOF_COUNT))
    x[rng.random((rows, arthrokin.DOF_COUNT)) < unknown] = np.nan
    return x


def make_limits(source, tolerance_deg):
    import arthrokin  # imported in the worker

    limits = arthrokin.Limits.defaults() if source == "defaults" else arthrokin.Limits.from_source(source)
    return limits.tolerance(tolerance_deg) if tolerance_deg else limits


def check_chunk(spec, source, tolerance_deg):
    """One task: (DOF_COUNT, 8) status counts and (5,) verdict counts of one chunk."""
    import arthrokin

    if spec["kind"] == "file":
        rows = np.load(spec["path"], mmap_mode="r")
        if rows.ndim != 2 or rows.shape[1] != arthrokin.DOF_COUNT:
            raise ValueError(f"{spec['path']}: expected shape (N, {arthrokin.DOF_COUNT}), got {rows.shape}")
        x = np.ascontiguousarray(rows[spec["start"]:spec["stop"]], dtype=np.float64)
    else:
        x = synthetic_chunk(spec["seed"], spec["index"], spec["rows"])
    r = arthrokin.check(x, make_limits(source, tolerance_deg))
    return r["counts"].astype(np.int64), np.bincount(r["verdict"], minlength=len(VERDICTS)).astype(np.int64)


def add(a, b):
    return a[0] + b[0], a[1] + b[1]


def chunk_specs(paths, synthetic, chunk_rows, seed):
    specs = []
    for path in paths:
        n = np.load(path, mmap_mode="r").shape[0]
        specs += [{"kind": "file", "path": path, "start": s, "stop": min(n, s + chunk_rows)}
                  for s in range(0, n, chunk_rows)]
    if synthetic:
        specs += [{"kind": "synthetic", "seed": seed, "index": i, "rows": min(chunk_rows, synthetic - s)}
                  for i, s in enumerate(range(0, synthetic, chunk_rows))]
    return specs


def validate(client, paths=(), synthetic=0, chunk_rows=100_000, seed=0, source="defaults", tolerance_deg=0.0):
    """Counts over every input, computed on `client`'s cluster."""
    specs = chunk_specs(paths, synthetic, chunk_rows, seed)
    if not specs:
        raise SystemExit("nothing to validate: give .npy files or --synthetic N")
    parts = client.map(check_chunk, specs, source=source, tolerance_deg=tolerance_deg, pure=False)
    while len(parts) > 1:  # tree reduction on the cluster
        parts = [client.submit(add, parts[i], parts[i + 1]) if i + 1 < len(parts) else parts[i]
                 for i in range(0, len(parts), 2)]
    counts, verdicts = parts[0].result()
    return {"poses": int(verdicts.sum()), "chunks": len(specs),
            "verdicts": {v: int(c) for v, c in zip(VERDICTS, verdicts)},
            "dofs": {name: {s: int(c) for s, c in zip(STATUSES, row)} for name, row in zip(dof_names(), counts)}}


def dof_names():
    import arthrokin

    return arthrokin.dofs()


def print_table(result, out=sys.stdout):
    print(f"{result['poses']} poses in {result['chunks']} chunks: " +
          ", ".join(f"{v} {c}" for v, c in result["verdicts"].items()), file=out)
    print(f"{'dof':46s}" + "".join(f"{s:>12s}" for s in STATUSES), file=out)
    for name, c in result["dofs"].items():
        print(f"{name:46s}" + "".join(f"{c[s]:12d}" for s in STATUSES), file=out)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("inputs", nargs="*", help=".npy files of (N, 39) radians")
    p.add_argument("--synthetic", type=int, default=0, metavar="N", help="also check N generated poses")
    p.add_argument("--scheduler", help="address of a running scheduler, e.g. tcp://host:8786 (default: local)")
    p.add_argument("--workers", type=int, default=2, help="local cluster: number of workers (default 2)")
    p.add_argument("--threads-only", action="store_true", help="local cluster: threads in this process")
    p.add_argument("--chunk", type=int, default=100_000, help="rows per task (default 100000)")
    p.add_argument("--source", default="defaults", help="limits: 'defaults' or a source key (AAOS, AMA, ...)")
    p.add_argument("--tolerance", type=float, default=0.0, help="tolerance in degrees")
    p.add_argument("--seed", type=int, default=0, help="seed of the synthetic generator")
    p.add_argument("--json", help="also write the counts to this JSON file")
    a = p.parse_args(argv)
    if a.chunk <= 0:
        p.error("--chunk must be positive")

    from dask.distributed import Client, LocalCluster

    t0 = time.perf_counter()
    if a.scheduler:
        client, cluster = Client(a.scheduler), None
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=not a.threads_only,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        result = validate(client, a.inputs, a.synthetic, a.chunk, a.seed, a.source, a.tolerance)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    result["seconds"] = time.perf_counter() - t0
    print_table(result)
    print(f"{result['seconds']:.2f} s", file=sys.stdout)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
