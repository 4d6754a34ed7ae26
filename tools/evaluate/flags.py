#!/usr/bin/env python3
"""Frames flagged per DoF on the real healthy motion the repository ships (issue 13, item 9).

Runs `arthrokin scan --format json` over each recording and prints, per recording and DoF,
the frames in which the DoF was observed and the frames flagged out of range (below/above),
with the worst excursions. Every recording is of a healthy adult doing ordinary motion, so
every flag is a claim to be justified: docs/evaluation.md keeps the figures before and after
the changes of issue 13 and the reason for each remaining flag.

  tools/evaluate/flags.py [--cli build/src/cli/arthrokin] [--markdown] [--bvh-options "..."]
                          [-- extra scan options]

--bvh-options: more scan options for the BVH recording only, e.g. a neutral calibration:
  --bvh-options "--neutral-frame 0 --neutral-segments left_hand,right_hand"

Recordings (data/samples/*/SOURCE.md for provenance and licences):
  cmu_walk      CMU mocap subject 131 trial 01 (BVH, 994 frames): start, walk, stop.
  blazepose_1   one BlazePose frame (pose_landmarks.csv).
  balance_bp    one-leg balancing trial, BlazePose world landmarks from one camera (100 frames).
  balance_4cam  the same trial triangulated from four cameras (Pose2Sim, .trc, Butterworth
                filtered), converted here to a BlazePose-33 keypoint CSV with the points the
                .trc has (hands, eyes, ears missing: those DoFs are unknown).
"""
import argparse
import json
import math
import os
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLES = os.path.join(ROOT, "data", "samples")

# BlazePose 33 landmark names, in order (MediaPipe Pose).
BLAZEPOSE33 = [
    "nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye",
    "right_eye_outer", "left_ear", "right_ear", "mouth_left", "mouth_right", "left_shoulder",
    "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_pinky",
    "right_pinky", "left_index", "right_index", "left_thumb", "right_thumb", "left_hip", "right_hip",
    "left_knee", "right_knee", "left_ankle", "right_ankle", "left_heel", "right_heel",
    "left_foot_index", "right_foot_index"]
# .trc marker (OpenPose BODY_25B via Pose2Sim) → BlazePose landmark.
TRC_TO_BLAZEPOSE = {
    "Nose": "nose", "LShoulder": "left_shoulder", "RShoulder": "right_shoulder",
    "LElbow": "left_elbow", "RElbow": "right_elbow", "LWrist": "left_wrist", "RWrist": "right_wrist",
    "LHip": "left_hip", "RHip": "right_hip", "LKnee": "left_knee", "RKnee": "right_knee",
    "LAnkle": "left_ankle", "RAnkle": "right_ankle", "LHeel": "left_heel", "RHeel": "right_heel",
    "LBigToe": "left_foot_index", "RBigToe": "right_foot_index"}


def trc_to_blazepose_csv(trc_path, out_path):
    """A .trc (tab separated, 5 header lines, Y up, metres) → a BlazePose-33 keypoint CSV."""
    with open(trc_path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    markers = [m for m in lines[3].split("\t")[2:] if m]
    rows = [l.split("\t") for l in lines[5:] if l.strip()]
    header = ["frame"] + [f"{n}_{c}" for n in BLAZEPOSE33 for c in ("x", "y", "z", "vis")]
    with open(out_path, "w", encoding="utf-8") as out:
        out.write(",".join(header) + "\n")
        for r in rows:
            points = {}
            for i, m in enumerate(markers):
                if m in TRC_TO_BLAZEPOSE:
                    xyz = [float(v) for v in r[2 + 3 * i: 5 + 3 * i]]
                    points[TRC_TO_BLAZEPOSE[m]] = xyz
            cells = [str(int(r[0]) - 1)]
            for n in BLAZEPOSE33:
                if n in points:
                    cells += [repr(v) for v in points[n]] + ["1"]
                else:
                    cells += ["nan", "nan", "nan", "0"]
            out.write(",".join(cells) + "\n")


def recordings(tmp, informed=False):
    trc = os.path.join(SAMPLES, "pose2sim_balancing", "BalancingTrial_0-100_3d_filt_butterworth.trc")
    four_cam = os.path.join(tmp, "balance_4cam.csv")
    trc_to_blazepose_csv(trc, four_cam)
    return [
        ("cmu_walk", os.path.join(SAMPLES, "bvh", "131_01_start_walk_stop.bvh"), []),
        ("blazepose_1", os.path.join(SAMPLES, "blazepose", "pose_landmarks.csv"), []),
        ("balance_bp", os.path.join(SAMPLES, "blazepose_world", "balancing_trial_cam01_world.csv"),
         ["--fps", "60"] + (["--input-kind", "monocular_keypoints"] if informed else [])),
        ("balance_4cam", four_cam, ["--fps", "60"]),
    ]


def scan(cli, path, options):
    p = subprocess.run([cli, "--format", "json", "scan", path, "--no-progress"] + options,
                       capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"flags.py: {cli} scan {path} exited {p.returncode}: {p.stderr.strip()}")
    return json.loads(p.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "src", "cli", "arthrokin"))
    ap.add_argument("--markdown", action="store_true", help="one markdown table for docs/")
    ap.add_argument("--bvh-options", default="", help="more scan options for the BVH recording only "
                    "(e.g. \"--neutral-frame 0 --neutral-segments left_hand,right_hand\")")
    ap.add_argument("--informed", action="store_true",
                    help="what a user who knows each recording passes (docs/evaluation.md): "
                    "--context weight_bearing (standing and walking: loaded ankles), the documented "
                    "monocular-keypoint uncertainty for the BlazePose trial, and a hand calibration "
                    "from the CMU walk's first frame")
    ap.add_argument("scan_options", nargs="*", help="after --: more options for scan (e.g. --source AAOS94)")
    a = ap.parse_args()
    if a.informed:
        a.scan_options = ["--context", "weight_bearing"] + a.scan_options
        a.bvh_options = (a.bvh_options + " --neutral-frame 0 --neutral-segments left_hand,right_hand").strip()
    with tempfile.TemporaryDirectory() as tmp:
        bvh = shlex.split(a.bvh_options)
        results = [(name, scan(a.cli, path, opts + a.scan_options + (bvh if path.endswith(".bvh") else [])))
                   for name, path, opts in recordings(tmp, a.informed)]
    if a.markdown:
        print("| recording | frames | DoF | observed | flagged | % of observed | worst |")
        print("|---|---:|---|---:|---:|---:|---|")
    total_flags = 0
    for name, r in results:
        flagged = [d for d in r["dofs"] + r.get("composites", []) if d.get("out_of_range", 0) > 0]
        total_flags += sum(d["out_of_range"] for d in flagged)
        if not a.markdown:
            print(f"{name}: {r['frames']} frames, {r['frames_out_of_range']} with a flag, verdict {r['verdict']}")
        for d in flagged:
            label = d.get("dof") or d.get("name") or d.get("composite")
            obs = d.get("observed", d.get("frames", 0))
            pct = 100.0 * d["out_of_range"] / obs if obs else math.nan
            worst = ", ".join(f"{w.get('value_deg', float('nan')):.1f}°" for w in d.get("worst", [])[:3])
            if a.markdown:
                print(f"| {name} | {r['frames']} | {label} | {obs} | {d['out_of_range']} | {pct:.1f} | {worst} |")
            else:
                bounds = ""
                if d.get("lower_deg") is not None:
                    bounds = (f"{d.get('below', 0)} below {d['lower_deg']:.4g}°, "
                              f"{d.get('above', 0)} above {d['upper_deg']:.4g}°; ")
                print(f"  {label}: {d['out_of_range']} of {obs} observed ({pct:.1f} %): {bounds}worst {worst}")
    if not a.markdown:
        print(f"total: {total_flags} DoF-frames flagged")


if __name__ == "__main__":
    main()
