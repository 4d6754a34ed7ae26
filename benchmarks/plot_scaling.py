#!/usr/bin/python3
"""Plot the batch check's cost per pose against N from Google Benchmark JSON output.

  build-perf/benchmarks/arthrokin_bench --benchmark_filter='BM_BatchCheck/|BM_CheckPose' \
      --benchmark_out=bench.json --benchmark_out_format=json
  benchmarks/plot_scaling.py --json bench.json [--json-native native.json] \
      --bandwidth-gbps 10.0 --out docs/performance_scaling.svg
"""
import argparse
import json
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

DATA = {0: "all known, within range", 1: "5% unknown, 10% anywhere", 2: "BlazePose-33 angles (+ totals)"}


def ns(run):
    scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}[run.get("time_unit", "ns")]
    return run["cpu_time"] * scale


def series(path):
    """{(variant, data): [(N, ns per pose)]}, variant "dispatched" (BM_BatchCheck) or "baseline"; per-pose check()."""
    runs = json.load(open(path))["benchmarks"]
    out, per_pose, labels = {}, {}, {}
    for r in runs:
        if r.get("run_type") == "aggregate":
            continue
        m = re.match(r"BM_BatchCheck(Baseline)?/N:(\d+)/data:(\d)", r["name"])
        if m:
            variant = "baseline" if m.group(1) else "dispatched"
            n, d = int(m.group(2)), int(m.group(3))
            # CPU time per pose: less disturbed than wall time when other work shares the machine
            out.setdefault((variant, d), []).append((n, ns(r) / n))
            labels[variant] = r.get("label", "")
        m = re.match(r"BM_CheckPose/data:(\d)", r["name"])
        if m:
            per_pose[int(m.group(1))] = ns(r)
    return {k: sorted(v) for k, v in out.items()}, per_pose, labels


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", required=True)
    ap.add_argument("--json-native")
    ap.add_argument("--bandwidth-gbps", type=float, required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    fig, ax = plt.subplots(figsize=(7.5, 4.6))
    colors = {0: "tab:blue", 1: "tab:orange", 2: "tab:green"}
    s, per_pose, labels = series(a.json)
    for (variant, d), pts in sorted(s.items()):
        style = "o-" if variant == "dispatched" else "s--"
        ax.plot([p[0] for p in pts], [p[1] for p in pts], style, color=colors[d], alpha=1 if variant == "dispatched" else 0.7,
                label=f"batch, {labels.get(variant) or variant} kernel: {DATA[d]}")
    if a.json_native:
        s2, _, labels2 = series(a.json_native)
        for (variant, d), pts in sorted(s2.items()):
            if variant != "dispatched":
                continue
            ax.plot([p[0] for p in pts], [p[1] for p in pts], "^:", color=colors[d], alpha=0.6,
                    label=f"batch, -march=native build: {DATA[d]}")
    for d, ns in per_pose.items():
        ax.axhline(ns, color="grey", ls=":" if d else "-.", lw=1)
        ax.text(2 ** 16, ns * 1.04, f"per-pose check() into a Report, data {d}: {ns:.0f} ns", fontsize=7, color="grey")
    bound = 312 / a.bandwidth_gbps
    ax.axhline(bound, color="black", lw=1)
    ax.text(70, bound * 0.85, f"memory-bandwidth bound: 312 B / {a.bandwidth_gbps:.1f} GB/s = {bound:.0f} ns",
            fontsize=7)
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("N (poses per batch)")
    ax.set_ylabel("CPU ns per pose (total time = N x this)")
    ax.set_title("arthrokin batch range check, one core: cost per pose vs N")
    ax.axvspan(48e3 / 312, 2e6 / 312, color="0.93", zorder=0)
    ax.text(48e3 / 312 * 1.1, ax.get_ylim()[0] * 1.05, "poses fit L2 (2 MiB), not L1", fontsize=7, color="0.4")
    ax.legend(fontsize=6.5, loc="lower right")
    fig.tight_layout()
    fig.savefig(a.out)


if __name__ == "__main__":
    main()
