#!/usr/bin/env python3
"""Write data/samples/smpl/synthetic_squat.npz: a synthetic SMPL pose sequence (no SMPL model or
body data is used), as NumPy's np.savez writes it (uncompressed zip, entries opened with
force_zip64=True, .npy format 1.0), with the standard library only (no numpy needed).

The poses are built from geometry in SMPL's canonical axes (x to the subject's left, y up, z
forward), so the expected joint angles are known without arthrokin:
- knees: a rotation of +k about x swings the shank (pointing -y) backwards: knee flexion k;
- hips: a rotation of -h about x swings the thigh forwards: hip flexion h;
- shoulders: the T-pose arm (left along +x) turned -a about z (left) / +a about z (right):
  shoulder abduction 90 - a (arms lowered by a);
- elbows: the left forearm (along +x) turned -e about y points forwards: elbow flexion e (right: +e).
Frame i of 11 (i = 0..10, 30 fps): k = 9i degrees, h = 6i, a = 90 - 3i (abduction 3i), e = 4i.
"""
import math
import struct
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "samples" / "smpl" / "synthetic_squat.npz"
FRAMES = 11


def npy(values, shape):
    header = "{'descr': '<f8', 'fortran_order': False, 'shape': %s, }" % shape
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + struct.pack(
        "<%dd" % len(values), *values)


def frame(i):
    p = [0.0] * 72
    rad = math.radians
    k, h, a, e = rad(9 * i), rad(6 * i), rad(90 - 3 * i), rad(4 * i)
    p[3 * 4 + 0] = k   # left knee
    p[3 * 5 + 0] = k   # right knee
    p[3 * 1 + 0] = -h  # left hip
    p[3 * 2 + 0] = -h  # right hip
    p[3 * 16 + 2] = -a  # left shoulder
    p[3 * 17 + 2] = a   # right shoulder
    p[3 * 18 + 1] = -e  # left elbow
    p[3 * 19 + 1] = e   # right elbow
    return p


def main():
    poses = [v for i in range(FRAMES) for v in frame(i)]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(OUT, mode="w", compression=zipfile.ZIP_STORED, allowZip64=True) as z:
        for name, data in (("poses.npy", npy(poses, "(%d, 72)" % FRAMES)), ("mocap_framerate.npy", npy([30.0], "()"))):
            zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            with z.open(zi, "w", force_zip64=True) as f:
                f.write(data)
    print(OUT, OUT.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
