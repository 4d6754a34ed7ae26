#!/usr/bin/env python3
"""The skeleton fitter against a 4-camera reference (issue 14, item 6).

On the one-leg balancing trial (data/samples/pose2sim_balancing, data/samples/blazepose_world;
their SOURCE.md give provenance and the frame alignment: BlazePose frame i is .trc row i+1),
prints per DoF the RMSE of the raw BlazePose keypoint angles and of the fitted angles (online and
offline) against the angles the library computes from the 4-camera points, and the frames flagged
out of range (any DoF or composite clearly below/above its default limit) before and after.

  PYTHONPATH=build/python /usr/bin/python3 tools/evaluate/fitter.py [--markdown] [--trc raw|filtered]
         [--lateral-sigma M] [--depth-factor F] [--acceleration-psd Q] [--image-xy]

--image-xy (an experiment, not a library feature): replace each frame's world x and y by the image
landmarks (balancing_trial_cam01_image.csv, 1080 × 1920 pixels) scaled to metres by the torso
(shoulders and hips) and centred on the mid-hip, keeping the world z; then the same comparisons.

The reference is the Butterworth-filtered .trc (as in tools/evaluate/flags.py) unless --trc raw.
Only DoFs known in the reference (the .trc has no hand, eye or ear points) and in at least 20 of
the 100 frames are listed; the RMSE of a method is over the frames where it and the reference are
both known, and the "n" columns say how many that is.
"""
import argparse
import math
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools", "evaluate"))
from flags import BLAZEPOSE33, TRC_TO_BLAZEPOSE  # noqa: E402  (one mapping for both scripts)

try:
    import arthrokin as ak
except ImportError:
    sys.path.insert(0, os.path.join(ROOT, "build", "python"))
    import arthrokin as ak

SAMPLES = os.path.join(ROOT, "data", "samples")
FPS = 60.0


def read_blazepose(path):
    """(F, 33, 3) metres, (F, 33) visibility, (F,) frame indices."""
    with open(path, encoding="utf-8") as f:
        header = f.readline().strip().split(",")
        rows = [[float(v) for v in line.split(",")] for line in f if line.strip()]
    a = np.array(rows)
    frames = a[:, 0].astype(int)
    col = {n: i for i, n in enumerate(header)}
    xyz = np.stack([np.stack([a[:, col[f"{n}_{c}"]] for c in "xyz"], axis=1) for n in BLAZEPOSE33], axis=1)
    vis = np.stack([a[:, col[f"{n}_vis"]] for n in BLAZEPOSE33], axis=1)
    return xyz, np.clip(vis, 0.0, 1.0), frames


def read_trc(path):
    """(F, 33, 3) in BlazePose order (NaN where the .trc has no such point), (F, 33) visibility 1/0,
    (F,) 0-based frame indices (Frame# - 1)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    markers = [m for m in lines[3].split("\t")[2:] if m]
    rows = [l.split("\t") for l in lines[5:] if l.strip()]
    xyz = np.full((len(rows), 33, 3), np.nan)
    for i, r in enumerate(rows):
        for j, m in enumerate(markers):
            if m in TRC_TO_BLAZEPOSE:
                xyz[i, BLAZEPOSE33.index(TRC_TO_BLAZEPOSE[m])] = [float(v) for v in r[2 + 3 * j: 5 + 3 * j]]
    vis = np.where(np.isnan(xyz[:, :, 0]), 0.0, 1.0)
    return xyz, vis, np.array([int(r[0]) - 1 for r in rows])


def image_xy(world, image, width=1080, height=1920):
    """World landmarks with x, y taken from the image landmarks (weak perspective: one scale per frame
    from the torso's spread in both), z kept."""
    out = world.copy()
    px = np.stack([image[:, :, 0] * width, image[:, :, 1] * height], axis=2)
    torso = [BLAZEPOSE33.index(n) for n in ("left_shoulder", "right_shoulder", "left_hip", "right_hip")]
    hips = [BLAZEPOSE33.index(n) for n in ("left_hip", "right_hip")]
    for f in range(len(world)):
        w, p = world[f, torso, :2], px[f, torso]
        s = math.sqrt(((w - w.mean(0)) ** 2).sum() / ((p - p.mean(0)) ** 2).sum())
        out[f, :, :2] = (px[f] - px[f, hips].mean(0)) * s
    return out


def wrapped(d):
    return np.remainder(d + math.pi, 2 * math.pi) - math.pi


def rmse_deg(x, ref):
    ok = ~np.isnan(x) & ~np.isnan(ref)
    n = int(ok.sum())
    return (math.degrees(math.sqrt(np.mean(wrapped(x[ok] - ref[ok]) ** 2))) if n else math.nan), n


def flagged_frames(angles, thoracolumbar, sigma=None, input_kind=None):
    """Frames with a DoF or composite clearly below/above its default limit (STATUSES 1, 2)."""
    kw = {"thoracolumbar": np.ascontiguousarray(thoracolumbar)}
    if input_kind is not None:
        kw["input_kind"] = input_kind
    if sigma is not None:
        kw["row_uncertainty"] = np.ascontiguousarray(sigma)
    r = ak.check(np.ascontiguousarray(angles), **kw)
    st = r["status"]
    hit = np.isin(st, (1, 2)).any(axis=1)
    if r["composite_status"].size:
        hit |= np.isin(r["composite_status"], (1, 2)).any(axis=1)
    per_dof = np.isin(st, (1, 2)).sum(axis=0)
    return int(hit.sum()), per_dof


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--trc", choices=("filtered", "raw"), default="filtered")
    ap.add_argument("--lateral-sigma", type=float, default=None)
    ap.add_argument("--depth-factor", type=float, default=None)
    ap.add_argument("--acceleration-psd", type=float, default=None)
    ap.add_argument("--image-xy", action="store_true", help="experiment: x, y from the image landmarks (see above)")
    a = ap.parse_args()
    opts = {k: v for k, v in (("lateral_sigma", a.lateral_sigma), ("depth_factor", a.depth_factor),
                              ("acceleration_psd", a.acceleration_psd)) if v is not None}

    bp, bp_vis, bp_frames = read_blazepose(
        os.path.join(SAMPLES, "blazepose_world", "balancing_trial_cam01_world.csv"))
    name = "BalancingTrial_0-100_3d" + ("_filt_butterworth" if a.trc == "filtered" else "") + ".trc"
    ref_xyz, ref_vis, ref_frames = read_trc(os.path.join(SAMPLES, "pose2sim_balancing", name))
    common = np.intersect1d(bp_frames, ref_frames)
    bi = np.searchsorted(bp_frames, common)
    ri = np.searchsorted(ref_frames, common)
    bp, bp_vis, ref_xyz, ref_vis = bp[bi], bp_vis[bi], ref_xyz[ri], ref_vis[ri]
    if a.image_xy:
        img, _, img_frames = read_blazepose(
            os.path.join(SAMPLES, "blazepose_world", "balancing_trial_cam01_image.csv"))
        bp = np.ascontiguousarray(image_xy(bp, img[np.searchsorted(img_frames, common)]))
    t = common / FPS

    ref, ref_tl = ak.angles_from_keypoints(ref_xyz, "blazepose33", ref_vis, return_thoracolumbar=True)
    raw, raw_tl = ak.angles_from_keypoints(bp, "blazepose33", bp_vis, return_thoracolumbar=True)
    fits = {m: ak.fit_keypoints(bp, t, "blazepose33", bp_vis, mode=m, **opts) for m in ("online", "offline")}

    dofs = ak.dofs()
    rows = []
    for j, d in enumerate(dofs):
        if np.sum(~np.isnan(ref[:, j])) < 20:
            continue
        r_raw, n_raw = rmse_deg(raw[:, j], ref[:, j])
        r_on, n_on = rmse_deg(fits["online"]["angles"][:, j], ref[:, j])
        r_off, n_off = rmse_deg(fits["offline"]["angles"][:, j], ref[:, j])
        rows.append((d, r_raw, n_raw, r_on, n_on, r_off, n_off))

    if a.markdown:
        print(f"Reference: {name}; {len(common)} frames; fitter options {opts or 'defaults'}"
              f"{'; x, y from the image landmarks' if a.image_xy else ''}\n")
        print("| DoF | raw RMSE (n) | online RMSE (n) | offline RMSE (n) | offline / raw |")
        print("|---|---:|---:|---:|---:|")
        for d, r_raw, n_raw, r_on, n_on, r_off, n_off in rows:
            print(f"| {d} | {r_raw:.1f}° ({n_raw}) | {r_on:.1f}° ({n_on}) | {r_off:.1f}° ({n_off}) | "
                  f"{r_off / r_raw:.2f} |")
    else:
        print(f"reference {name}, {len(common)} frames, fitter options {opts or 'defaults'}"
              f"{', x, y from the image landmarks' if a.image_xy else ''}")
        print(f"{'DoF':42s} {'raw':>12s} {'online':>12s} {'offline':>12s}")
        for d, r_raw, n_raw, r_on, n_on, r_off, n_off in rows:
            print(f"{d:42s} {r_raw:7.1f}°({n_raw:3d}) {r_on:7.1f}°({n_on:3d}) {r_off:7.1f}°({n_off:3d})")
    key = [d for d in dofs if d.endswith(("knee_flexion_extension", "hip_flexion_extension"))]
    for d in key:
        row = next((r for r in rows if r[0] == d), None)
        if row:
            print(f"{'- ' if a.markdown else ''}{d}: offline/raw {row[5] / row[1]:.2f}, online/raw {row[3] / row[1]:.2f}"
                  f" (goal ≤ 0.5)")

    n = len(common)
    f_raw, pd_raw = flagged_frames(raw, raw_tl)
    swaps = {m: sum(s != "none" for s in fits[m]["swap"]) for m in fits}
    lost = {m: sum(s == "lost" for s in fits[m]["state"]) for m in fits}
    print(("\n" if a.markdown else "") + f"{'- ' if a.markdown else ''}flagged frames (of {n}): raw {f_raw} "
          f"({100 * f_raw / n:.0f} %); with the documented monocular-keypoint uncertainty (docs/uncertainty.md) "
          f"{flagged_frames(raw, raw_tl, input_kind='monocular_keypoints')[0]}")
    for m in ("online", "offline"):
        f_fit, pd_fit = flagged_frames(fits[m]["angles"], fits[m]["thoracolumbar"])
        f_unc, pd_unc = flagged_frames(fits[m]["angles"], fits[m]["thoracolumbar"], fits[m]["sigma"])
        print(f"{'- ' if a.markdown else ''}{m}: {f_fit} ({100 * f_fit / n:.0f} %) without its uncertainty, "
              f"{f_unc} ({100 * f_unc / n:.0f} %) with it (possibly beyond is not a flag); "
              f"swap repaired in {swaps[m]} frames, lost in {lost[m]}")
        worst = [f"{dofs[j]} {pd_unc[j]}" for j in np.argsort(-pd_unc)[:5] if pd_unc[j] > 0]
        if worst:
            print(f"{'  ' if a.markdown else '  '}DoFs flagged (with uncertainty): {', '.join(worst)}")
    worst = [f"{dofs[j]} {pd_raw[j]}" for j in np.argsort(-pd_raw)[:6] if pd_raw[j] > 0]
    print(f"{'  ' if a.markdown else '  '}raw DoFs flagged: {', '.join(worst)}")
    for m in fits:
        err = np.abs(wrapped(fits[m]["angles"] - ref))
        sig = fits[m]["sigma"]
        ok = ~np.isnan(err) & ~np.isnan(sig)
        kj = [dofs.index(d) for d in key]
        okk = ok[:, kj]
        c_all = np.mean(err[ok] <= sig[ok])
        c_key = np.mean(err[:, kj][okk] <= sig[:, kj][okk])
        print(f"{'- ' if a.markdown else ''}coverage ({m}): |fitted − reference| ≤ σ in {100 * c_key:.0f} % of "
              f"knee/hip flexion frames, {100 * c_all:.0f} % of all DoF-frames ({int(ok.sum())})")
    med = {m: np.nanmedian(np.degrees(fits[m]["sigma"][:, [dofs.index(d) for d in key]]), axis=0) for m in fits}
    for m in fits:
        print(f"{'- ' if a.markdown else ''}median σ ({m}): " +
              ", ".join(f"{d} {v:.1f}°" for d, v in zip(key, med[m])))


if __name__ == "__main__":
    main()
