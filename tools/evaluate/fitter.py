#!/usr/bin/env python3
"""The skeleton fitter against a 4-camera reference (issue 14, item 6).

On the one-leg balancing trial (data/samples/pose2sim_balancing, data/samples/blazepose_world;
their SOURCE.md give provenance and the frame alignment: BlazePose frame i is .trc row i+1),
prints per DoF the RMSE of the raw BlazePose keypoint angles and of the fitted angles (online and
offline) against the angles the library computes from the 4-camera points, and the frames flagged
out of range (any DoF or composite clearly below/above its default limit) before and after.

  PYTHONPATH=build/python /usr/bin/python3 tools/evaluate/fitter.py [--markdown] [--trc raw|filtered]
         [--lateral-sigma M] [--depth-factor F] [--acceleration-psd Q] [--image-sigma H] [--diagnose]

Three fits are compared: the 3D world landmarks alone (`3D`); with the 2D image landmarks of the
same frames (balancing_trial_cam01_image.csv, 1080 × 1920; `+image`: lateral coordinates from the
image, depth from the world landmarks, docs/fitter.md); and with the image and the bone lengths by
weighted least squares (`+image+weighted`, LengthProjection::weighted).

--diagnose (not a library feature; it uses the 4-camera reference, which an app does not have):
fits a pinhole camera (DLT) from the reference points to the image landmarks, takes the reference
into that camera's frame, and prints the angles' RMSE when one error source is removed: the
BlazePose points with the reference's depth, with the reference's lateral coordinates, and the
image's lateral coordinates with the reference's depth (what perfect depth recovery from the image
would give). It says how much of the error any depth recovery could remove on this view.

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


def dlt_camera(points, pixels):
    """3 × 4 projection matrix from 3D points (M, 3) to pixels (M, 2), and the camera's rotation R
    (rows: image x, image y, optical axis) and centre C (numpy only: RQ through QR)."""
    a = []
    for (x, y, z), (u, v) in zip(points, pixels):
        a.append([x, y, z, 1, 0, 0, 0, 0, -u * x, -u * y, -u * z, -u])
        a.append([0, 0, 0, 0, x, y, z, 1, -v * x, -v * y, -v * z, -v])
    p = np.linalg.svd(np.array(a))[2][-1].reshape(3, 4)
    m = p[:, :3]
    if np.linalg.det(m) < 0:
        p, m = -p, -m
    # RQ of m: m = K R, K upper triangular with a positive diagonal.
    q, r = np.linalg.qr(np.flipud(m).T)
    k = np.flipud(np.fliplr(r.T))
    rot = np.flipud(q.T)
    d = np.diag(np.sign(np.diag(k)))
    k, rot = k @ d, d @ rot
    centre = -np.linalg.solve(m, p[:, 3])
    return p, k / k[2, 2], rot, centre


def diagnose(bp, bp_vis, img, ref_xyz, ref_vis, ref, dofs, key, markdown):
    """RMSE of the angles with one error source removed (see the module docstring)."""
    px = np.stack([img[:, :, 0] * 1080, img[:, :, 1] * 1920], axis=2)
    ok = ~np.isnan(ref_xyz[:, :, 0])
    p, k, rot, centre = dlt_camera(ref_xyz[ok], px[ok])
    h = ref_xyz @ p[:, :3].T + p[:, 3]
    reproj = np.linalg.norm(h[..., :2] / h[..., 2:3] - px, axis=2)
    cam = (ref_xyz - centre) @ rot.T
    lh, rh = BLAZEPOSE33.index("left_hip"), BLAZEPOSE33.index("right_hip")

    def centred(x):
        return x - (x[:, [lh]] + x[:, [rh]]) / 2

    ref_c, bp_c = centred(cam), centred(bp)
    depth = (cam[:, lh, 2] + cam[:, rh, 2]) / 2
    img_c = centred(np.concatenate([(px - k[:2, 2]) * (depth / k[0, 0])[:, None, None], bp[:, :, 2:]], axis=2))

    def mix(lateral, depth_from):
        out = lateral.copy()
        known = ~np.isnan(depth_from[:, :, 2])
        out[:, :, 2][known] = depth_from[:, :, 2][known]
        return out

    def lateral_from(src, depth_from):
        out = depth_from.copy()
        known = ~np.isnan(src[:, :, 0])
        out[:, :, :2][known] = src[:, :, :2][known]
        return out

    variants = [
        ("BlazePose world landmarks (raw)", bp_c),
        ("image lateral, world depth (weak perspective at the hips)", img_c),
        ("world lateral, 4-camera depth", mix(bp_c, ref_c)),
        ("image lateral, 4-camera depth", mix(img_c, ref_c)),
        ("4-camera lateral, world depth", lateral_from(ref_c, bp_c)),
    ]
    print(("\n" if markdown else "") + f"Diagnosis: DLT camera from the 4-camera points to the image landmarks, "
          f"focal {k[0, 0]:.0f} px, {np.mean(depth):.2f} m to the hips, reprojection median {np.nanmedian(reproj):.1f} px")
    if markdown:
        print("\n| points | " + " | ".join(key) + " |")
        print("|---|" + "---:|" * len(key))
    for name, x in variants:
        a = ak.angles_from_keypoints(np.ascontiguousarray(x), "blazepose33", bp_vis)
        r = [rmse_deg(a[:, dofs.index(d)], ref[:, dofs.index(d)])[0] for d in key]
        if markdown:
            print(f"| {name} | " + " | ".join(f"{v:.1f}°" for v in r) + " |")
        else:
            print(f"  {name:60s} " + " ".join(f"{v:6.1f}°" for v in r))


CONFIGS = (("3D", {}), ("+image", {"image": True}), ("+image+weighted", {"image": True, "length_projection": "weighted"}))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--trc", choices=("filtered", "raw"), default="filtered")
    ap.add_argument("--lateral-sigma", type=float, default=None)
    ap.add_argument("--depth-factor", type=float, default=None)
    ap.add_argument("--acceleration-psd", type=float, default=None)
    ap.add_argument("--image-sigma", type=float, default=None)
    ap.add_argument("--diagnose", action="store_true", help="error sources, with the 4-camera reference (see above)")
    a = ap.parse_args()
    opts = {k: v for k, v in (("lateral_sigma", a.lateral_sigma), ("depth_factor", a.depth_factor),
                              ("acceleration_psd", a.acceleration_psd), ("image_sigma", a.image_sigma))
            if v is not None}

    bp, bp_vis, bp_frames = read_blazepose(
        os.path.join(SAMPLES, "blazepose_world", "balancing_trial_cam01_world.csv"))
    img, img_vis, img_frames = read_blazepose(
        os.path.join(SAMPLES, "blazepose_world", "balancing_trial_cam01_image.csv"))
    name = "BalancingTrial_0-100_3d" + ("_filt_butterworth" if a.trc == "filtered" else "") + ".trc"
    ref_xyz, ref_vis, ref_frames = read_trc(os.path.join(SAMPLES, "pose2sim_balancing", name))
    common = np.intersect1d(np.intersect1d(bp_frames, ref_frames), img_frames)
    bi, ri, ii = (np.searchsorted(f, common) for f in (bp_frames, ref_frames, img_frames))
    bp, bp_vis, ref_xyz, ref_vis = bp[bi], bp_vis[bi], ref_xyz[ri], ref_vis[ri]
    img, img_vis = np.ascontiguousarray(img[ii][:, :, :2]), np.ascontiguousarray(img_vis[ii])
    t = common / FPS

    ref, ref_tl = ak.angles_from_keypoints(ref_xyz, "blazepose33", ref_vis, return_thoracolumbar=True)
    raw, raw_tl = ak.angles_from_keypoints(bp, "blazepose33", bp_vis, return_thoracolumbar=True)
    fits = {}
    for cname, c in CONFIGS:
        kw = dict(opts)
        if c.get("image"):
            kw.update(image=img, image_size=(1080, 1920), image_visibility=img_vis)
        if "length_projection" in c:
            kw["length_projection"] = c["length_projection"]
        for m in ("online", "offline"):
            fits[(cname, m)] = ak.fit_keypoints(bp, t, "blazepose33", bp_vis, mode=m, **kw)

    dofs = ak.dofs()
    rows = []
    for j, d in enumerate(dofs):
        if np.sum(~np.isnan(ref[:, j])) < 20:
            continue
        r_raw, n_raw = rmse_deg(raw[:, j], ref[:, j])
        rows.append((d, r_raw, n_raw, [rmse_deg(fits[k]["angles"][:, j], ref[:, j])[0] for k in fits]))

    heads = [f"{c} {m}" for c, m in fits]
    print(f"{'' if a.markdown else '# '}Reference: {name}; {len(common)} frames; fitter options {opts or 'defaults'}"
          + ("\n" if a.markdown else ""))
    if a.markdown:
        print("| DoF | raw (n) | " + " | ".join(heads) + " |")
        print("|---|---:|" + "---:|" * len(heads))
        for d, r_raw, n_raw, rs in rows:
            print(f"| {d} | {r_raw:.1f}° ({n_raw}) | " + " | ".join(f"{v:.1f}°" for v in rs) + " |")
    else:
        print(f"{'DoF':42s} {'raw':>10s} " + " ".join(f"{h:>22s}" for h in heads))
        for d, r_raw, n_raw, rs in rows:
            print(f"{d:42s} {r_raw:6.1f}°({n_raw:3d}) " + " ".join(f"{v:21.1f}°" for v in rs))
    key = [d for d in dofs if d.endswith(("knee_flexion_extension", "hip_flexion_extension"))]
    print(("\n" if a.markdown else "") + f"{'' if a.markdown else '# '}Fitted / raw RMSE, knee and hip flexion (goal ≤ 0.5)"
          + ("\n" if a.markdown else ""))
    if a.markdown:
        print("| DoF | " + " | ".join(heads) + " |")
        print("|---|" + "---:|" * len(heads))
    for d in key:
        row = next((r for r in rows if r[0] == d), None)
        if row:
            cells = [f"{v / row[1]:.2f}" for v in row[3]]
            print(f"| {d} | " + " | ".join(cells) + " |" if a.markdown else f"{d:42s} " + " ".join(f"{c:>22s}" for c in cells))

    n = len(common)
    f_raw, pd_raw = flagged_frames(raw, raw_tl)
    print(("\n" if a.markdown else "") + f"{'- ' if a.markdown else ''}flagged frames (of {n}): raw {f_raw} "
          f"({100 * f_raw / n:.0f} %); with the documented monocular-keypoint uncertainty (docs/uncertainty.md) "
          f"{flagged_frames(raw, raw_tl, input_kind='monocular_keypoints')[0]}")
    for (c, m), fit in fits.items():
        f_fit, _ = flagged_frames(fit["angles"], fit["thoracolumbar"])
        f_unc, pd_unc = flagged_frames(fit["angles"], fit["thoracolumbar"], fit["sigma"])
        swaps = sum(s_ != "none" for s_ in fit["swap"])
        lost = sum(s_ == "lost" for s_ in fit["state"])
        print(f"{'- ' if a.markdown else ''}{c} {m}: {f_fit} ({100 * f_fit / n:.0f} %) without its uncertainty, "
              f"{f_unc} ({100 * f_unc / n:.0f} %) with it (possibly beyond is not a flag); "
              f"swap repaired in {swaps} frames, lost in {lost}")
        worst = [f"{dofs[j]} {pd_unc[j]}" for j in np.argsort(-pd_unc)[:5] if pd_unc[j] > 0]
        if worst:
            print(f"  DoFs flagged (with uncertainty): {', '.join(worst)}")
    worst = [f"{dofs[j]} {pd_raw[j]}" for j in np.argsort(-pd_raw)[:6] if pd_raw[j] > 0]
    print(f"  raw DoFs flagged: {', '.join(worst)}")
    kj = [dofs.index(d) for d in key]
    for (c, m), fit in fits.items():
        err = np.abs(wrapped(fit["angles"] - ref))
        sig = fit["sigma"]
        ok = ~np.isnan(err) & ~np.isnan(sig)
        okk = ok[:, kj]
        c_all = np.mean(err[ok] <= sig[ok])
        c_key = np.mean(err[:, kj][okk] <= sig[:, kj][okk])
        med = np.nanmedian(np.degrees(sig[:, kj]), axis=0)
        print(f"{'- ' if a.markdown else ''}{c} {m}: |fitted − reference| ≤ σ in {100 * c_key:.0f} % of "
              f"knee/hip flexion frames, {100 * c_all:.0f} % of all DoF-frames ({int(ok.sum())}); median σ "
              + ", ".join(f"{d.replace('_flexion_extension', '')} {v:.1f}°" for d, v in zip(key, med)))
    if a.diagnose:
        diagnose(bp, bp_vis, img, ref_xyz, ref_vis, ref, dofs, key, a.markdown)


if __name__ == "__main__":
    main()
