#!/usr/bin/env python3
"""Write the seed corpora (tests/fuzz/corpus/<target>/) and dictionaries (tests/fuzz/dict/)
of the libFuzzer targets from the real sample files in data/ (docs/fuzzing.md).

Text targets get small slices of the samples; the binary targets (keypoint_angles,
joint_angles, batch_check) get the fuzz::Reader layout of fuzz_util.hpp: little-endian
integers, and doubles as a selector byte then the value (160 + 8 raw bytes: exact; < 128 +
int16: any_angle's 1/8192 rad steps; 128..175 in any_angle: NaN). Deterministic: the same
files every run. Usage: tests/fuzz/make_seeds.py (from anywhere)."""
import json
import math
import pathlib
import random
import re
import struct

ROOT = pathlib.Path(__file__).resolve().parents[2]
FUZZ = ROOT / "tests" / "fuzz"
DATA = ROOT / "data"
CORPUS = FUZZ / "corpus"
DICT = FUZZ / "dict"


def write(target, name, content):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(content.encode() if isinstance(content, str) else content)


def dof_ids():
    # The rows of the X-macro ARTHROKIN_DOF_ROWS (dof.hpp), without the test-only extra DoFs.
    text = (ROOT / "include/arthrokin/dof.hpp").read_text()
    block = text[text.index("#define ARTHROKIN_DOF_ROWS(X)"):]
    block = block[:block.index("ARTHROKIN_TEST_EXTRA_DOF_ROWS(X)")]
    return re.findall(r"^\s*X\(([a-z_]+),", block, re.M)


# ---- binary encodings (fuzz::Reader) --------------------------------------------------------
def u8(v):
    return struct.pack("<B", v & 0xFF)


def u16(v):
    return struct.pack("<H", v & 0xFFFF)


def exact(x):  # any_double / any_angle → raw bits
    return u8(160) + struct.pack("<d", x)


def coarse(x):  # any_double: int16 / 256
    return u8(0) + struct.pack("<h", max(-32768, min(32767, round(x * 256))))


def angle(x):  # any_angle: NaN, or int16 / 8192 rad
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return u8(128)
    return u8(0) + struct.pack("<h", max(-32768, min(32767, round(x * 8192))))


# ---- keypoints -------------------------------------------------------------------------------
def blazepose_world_frames(n):
    path = DATA / "samples/blazepose_world/balancing_trial_cam01_world.csv"
    lines = path.read_text().splitlines()
    frames = []
    for line in lines[1:1 + n]:
        v = [float(x) for x in line.split(",")[1:]]
        frames.append([(v[4 * k], v[4 * k + 1], v[4 * k + 2], v[4 * k + 3]) for k in range(33)])
    return lines[0], lines[1:], frames


def mid(a, b, t=0.5):
    return tuple(a[i] + t * (b[i] - a[i]) for i in range(3)) + (min(a[3], b[3]),)


def to_layout(bp, layout):
    """Keypoints of `layout` from BlazePose 33 world landmarks (approximate, for seeds)."""
    hip = mid(bp[23], bp[24])
    sh = mid(bp[11], bp[12])
    ear = mid(bp[7], bp[8])
    head_top = tuple(ear[i] + 0.6 * (ear[i] - sh[i]) for i in range(3)) + (ear[3],)
    if layout == 0:
        return bp
    if layout == 1:  # coco17
        return [bp[i] for i in (0, 2, 5, 7, 8, 11, 12, 13, 14, 15, 16, 23, 24, 25, 26, 27, 28)]
    if layout == 2:  # h36m17
        return [hip, bp[24], bp[26], bp[28], bp[23], bp[25], bp[27], mid(hip, sh), sh, bp[0], head_top,
                bp[11], bp[13], bp[15], bp[12], bp[14], bp[16]]
    # smpl24
    return [hip, bp[23], bp[24], mid(hip, sh, 0.2), bp[25], bp[26], mid(hip, sh, 0.45), bp[27], bp[28],
            mid(hip, sh, 0.7), bp[31], bp[32], sh, mid(sh, bp[11]), mid(sh, bp[12]), head_top, bp[11], bp[12],
            bp[13], bp[14], bp[15], bp[16], bp[19], bp[20]]


LAYOUTS = ["blazepose33", "coco17", "h36m17", "smpl24"]


def keypoint_seeds():
    header, rows, frames = blazepose_world_frames(60)
    # keypoint_angles: each layout, 1-2 frames, exact or coarse, with/without visibility, mirrored,
    # and (layout bit 2) also with fast_trig
    for layout in range(4):
        for variant, (flags, nframes, enc, fast) in enumerate(
                [(2, 1, exact, 0), (0, 2, exact, 0), (1 | 2, 1, coarse, 0), (2, 2, exact, 4)]):
            b = u8(layout | fast) + u8(flags) + u8(nframes - 1)
            for f in range(nframes):
                for p in to_layout(frames[f * 30], layout):
                    b += enc(p[0]) + enc(p[1]) + enc(p[2])
                    if flags & 2:
                        b += enc(p[3])
            write("keypoint_angles", f"{LAYOUTS[layout]}_{variant}.bin", b)
    # keypoints_csv: the long-format sample, wide slices of the world and image samples
    write("keypoints_csv", "pose_landmarks_long.csv", (DATA / "samples/blazepose/pose_landmarks.csv").read_text())
    write("keypoints_csv", "world_3rows.csv", "\n".join([header] + rows[:3]) + "\n")
    img = (DATA / "samples/blazepose_world/balancing_trial_cam01_image.csv").read_text().splitlines()
    write("keypoints_csv", "image_2rows.csv", "\r\n".join(img[:3]) + "\r\n")
    names = [h[:-2] for h in header.split(",")[1::4]]
    coco_names = [names[i] for i in (0, 2, 5, 7, 8, 11, 12, 13, 14, 15, 16, 23, 24, 25, 26, 27, 28)]
    coco = [to_layout(frames[0], 1), to_layout(frames[30], 1)]
    lines = ["frame," + ",".join(f"{n}_x,{n}_y,{n}_z" for n in coco_names)]
    for i, fr in enumerate(coco):
        lines.append(str(i) + "," + ",".join(f"{p[0]:.5f},{p[1]:.5f},{p[2]:.5f}" for p in fr))
    write("keypoints_csv", "coco17_wide_xyz.csv", "\n".join(lines) + "\n")
    # keypoints_json: each layout, 2 frames, visibility on some points, a missing point
    for layout in range(4):
        fr = []
        for f in (0, 30):
            pts = [[round(p[0], 5), round(p[1], 5), round(p[2], 5)] + ([round(p[3], 3)] if k % 3 == 0 else [])
                   for k, p in enumerate(to_layout(frames[f], layout))]
            pts[1] = None
            fr.append(pts)
        doc = {"layout": LAYOUTS[layout], "fps": 30, "frames": fr}
        write("keypoints_json", f"{LAYOUTS[layout]}.json", json.dumps(doc, separators=(",", ":")))
    write("keypoints_json", "no_layout.json", '{"frames": [], "comment": "layout given by the caller"}')


# ---- BVH -------------------------------------------------------------------------------------
def bvh_seeds():
    walk = (DATA / "samples/bvh/131_01_start_walk_stop.bvh").read_text().splitlines()
    m = walk.index("MOTION")
    hierarchy = walk[:m]
    motion = walk[m + 3:]
    walk3 = "\n".join(hierarchy + ["MOTION", "Frames: 3", walk[m + 2]] + motion[100:103]) + "\n"
    walk0 = "\n".join(hierarchy + ["MOTION", "Frames: 0", walk[m + 2]]) + "\n"
    write("bvh", "walk3.bvh", walk3)
    write("bvh", "walk0.bvh", walk0)
    tiny = ("HIERARCHY\nROOT Hips\n{\n OFFSET 0 0 0\n CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation "
            "Yrotation\n JOINT LeftHip\n {\n  OFFSET 1 0 0\n  CHANNELS 3 Zrotation Xrotation Yrotation\n  End Site\n"
            "  {\n   OFFSET 0 -1 0\n  }\n }\n}\nMOTION\nFrames: 2\nFrame Time: 0.0333\n0 1 0 0 0 0 10 20 30\n"
            "0 1 0 0 0 0 -10 -20 -30\n")
    write("bvh", "tiny.bvh", tiny)
    write("bvh_segments", "walk3.bvh", walk3)
    write("bvh_segments", "walk3_mapped.bvh",
          "@left_thigh=LeftHip|LeftHip|LeftKnee\n@-right_hand\n@add\n" + walk3)
    mixamo = {"Hips": "mixamorig:Hips", "LeftHip": "mixamorig:LeftUpLeg", "LeftKnee": "mixamorig:LeftLeg",
              "LeftAnkle": "mixamorig:LeftFoot", "RightHip": "mixamorig:RightUpLeg", "RightKnee": "mixamorig:RightLeg",
              "RightAnkle": "mixamorig:RightFoot", "LeftShoulder": "mixamorig:LeftArm",
              "LeftElbow": "mixamorig:LeftForeArm", "LeftWrist": "mixamorig:LeftHand"}
    renamed = walk3
    for a, b in mixamo.items():
        renamed = re.sub(rf"\b(JOINT|ROOT) {a}\b", rf"\1 {b}", renamed)
    write("bvh_segments", "walk3_mixamo_names.bvh", renamed)
    write("bvh_segments", "tiny_mapped.bvh", "@pelvis=Hips||LeftHip\n@left_thigh=LeftHip\n" + tiny)


# ---- text formats ------------------------------------------------------------------------------
def text_seeds():
    write("angle_csv", "angle_frames.csv", (DATA / "examples/angle_frames.csv").read_text())
    rocking = (DATA / "examples/rocking_session.csv").read_text().splitlines()
    write("angle_csv", "rocking_6rows.csv", "\n".join(rocking[:8]) + "\n")
    ids = dof_ids()
    write("angle_csv", "all_columns_rad.csv",
          "\ufefftime_s," + ",".join(f"{d}_rad" for d in ids) + "\r\n0.5," + ",".join(
              "" if i % 5 == 0 else f"{(i - 19) / 10:.2f}" for i in range(len(ids))) + "\r\n")
    for p in sorted((DATA / "examples").glob("pose_*.json")):
        write("pose_json", p.name, p.read_text())
    write("pose_json", "thoracolumbar_rad.json",
          '{"angles_deg": {}, "thoracolumbar_rad": {"flexion_extension": 0.3, "lateral_flexion": null}}')
    for p in sorted((DATA / "examples").glob("profile_*.json")):
        write("profile_json", p.name, p.read_text())
    write("profile_json", "default_restricted.json",
          '{"source": "default", "restrict_to": ["shoulder", "elbow"], "overrides": []}')
    ex = (DATA / "exercises/lumbar_spine_rocking_stretch.json").read_text()
    write("exercise_json", "lumbar_spine_rocking_stretch.json", ex)
    doc = json.loads(ex)
    e = doc["exercise"]
    small = {"exercise": {k: e[k] for k in ("id", "name", "source", "moving_dofs", "phase") if k in e}}
    small["exercise"]["bands"] = e.get("bands", [])[:1]
    write("exercise_json", "minimal.json", json.dumps(small, separators=(",", ":")))


def opensim_seeds():
    # The first byte chooses the model (opensim_fuzz.cpp): 0 automatic, 1 gait2392, 2 Hamner2010.
    lines = (DATA / "samples/opensim/BalancingTrial_filt_butterworth_0-12_body25b.mot").read_text().split("\n")
    i = lines.index("endheader")
    head = ["nRows=2" if line.startswith("nRows=") else line for line in lines[:i + 2]]
    write("opensim", "pose2sim_2rows.mot", b"\x00" + ("\n".join(head + lines[i + 2:i + 4]) + "\n").encode())
    write("opensim", "gait2392_radians.mot",
          b"\x01ik\nversion=1\ndatarows 2\ndatacolumns 5\ninDegrees=no\nendheader\n"
          b"time   pelvis_tx   hip_flexion_r   knee_angle_r   lumbar_extension\n"
          b"0.0    0.1         0.5             -0.5           0.1\n"
          b"0.01   0.1         0.6             0.2            0.1\n")
    write("opensim", "hamner_arms.mot",
          b"\x02Coordinates\nnRows=1\nnColumns=4\ninDegrees=yes\nendheader\n"
          b"time\tknee_angle_l\telbow_flex_r\twrist_flex_l\n0.5\t-40\t90\tNaN\n")
    write("opensim", "arthrokin_names.mot",
          b"\x00arthrokin joint angles\nversion=1\nnRows=2\nnColumns=3\ninDegrees=yes\nendheader\n"
          b"time\tleft_knee_flexion_extension\tthoracolumbar_axial_rotation\n"
          b"0\t10.000000000000\tNaN\n0.5\t20.000000000000\t-5.000000000000\n")


def format_seeds():
    # .trc (trc_fuzz.cpp): the first 3 frames of the four-camera balancing trial (NumFrames 3), and a
    # small mm file.
    lines = (DATA / "samples/pose2sim_balancing/BalancingTrial_0-100_3d_filt_butterworth.trc").read_text().split("\n")
    values = lines[2].split("\t")
    values[2] = "3"
    write("trc", "balancing_3frames.trc", "\n".join(lines[:2] + ["\t".join(values)] + lines[3:8]) + "\n")
    write("trc", "mm_short_rows.trc",
          "PathFileType\t4\t(X/Y/Z)\tt.trc\nDataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\n"
          "30\t30\t2\t3\tmm\nFrame#\tTime\tLKnee\t\t\tLHip\t\t\tLAnkle\t\t\n"
          "\t\tX1\tY1\tZ1\tX2\tY2\tZ2\tX3\tY3\tZ3\n\n"
          "1\t0\t100\t500\t0\t100\t900\t0\t100\t100\t0\n2\t0.033\tNaN\t\t\t100\t900\t0\n")

    # BVH mapping files (bvh_mapping_fuzz.cpp binds them to a small hip/thigh/shin skeleton).
    write("bvh_mapping", "chain.json",
          '{"J_Hips": "pelvis", "lThigh": "left_thigh", "lShin": "left_shank", "lShin2": "left_shank:distal"}\n')
    write("bvh_mapping", "proximal_without_frame.json",
          '{"hip": "pelvis", "rThigh": "right_thigh", "lThigh": "left_thigh:proximal"}\n')
    write("bvh_mapping", "namespaced.json",
          '{"mixamorig:LeftArm": "left_upper_arm", "LeftForeArm": "left_forearm", "LeftHand": "left_hand"}\n')

    # SMPL (smpl_fuzz.cpp): byte 0 even = .npz, odd = .npy. The synthetic sample, and one .npy frame.
    write("smpl", "synthetic_squat.npz", b"\x00" + (DATA / "samples/smpl/synthetic_squat.npz").read_bytes())
    header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 72), }"
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    frame = [0.0] * 72
    frame[12], frame[49] = 1.2, 0.7
    write("smpl", "one_frame.npy", b"\x01\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode()
          + b"".join(struct.pack("<d", v) for v in frame))


# ---- core -------------------------------------------------------------------------------------
def quat_axis_angle(axis, a):
    n = math.sqrt(sum(c * c for c in axis))
    s = math.sin(a / 2) / n
    return (axis[0] * s, axis[1] * s, axis[2] * s, math.cos(a / 2))


def core_seeds(rng):
    # joint_angles: identity, random small rotations, a missing segment, options, fast_trig (its
    # own generator, so that the other seeds keep their bytes)
    for variant, flags in enumerate([0, 1, 4, 2 | 4, 8 | 4]):
        rng_v = random.Random(8) if flags & 8 else rng
        b = u8(flags) + u8(1)  # 2 frames
        if flags & 2:
            b += angle(math.radians(80)) + angle(math.radians(10)) + angle(math.radians(45))
        for f in range(2):
            for s in range(16):
                if f == 0:
                    q = (0.0, 0.0, 0.0, 1.0)
                elif s == 3 and variant == 1:
                    q = (float("nan"),) * 4
                else:
                    q = quat_axis_angle([rng_v.uniform(-1, 1) for _ in range(3)], rng_v.uniform(-0.8, 0.8))
                b += b"".join(exact(c) for c in q)
        write("joint_angles", f"rotations_{variant}.bin", b)
    # batch_check: rows of the rocking session (degrees → radians), limits variants
    ids = dof_ids()
    rocking = (DATA / "examples/rocking_session.csv").read_text().splitlines()
    header = next(line for line in rocking if line.startswith("time_s")).split(",")
    data = [line.split(",") for line in rocking if line and line[0].isdigit()]
    col = {h[:-4]: i for i, h in enumerate(header) if h.endswith("_deg")}
    for variant, (mode, which, flags) in enumerate([(0, 0, 0), (1, 1, 1 | 2 | 8), (2, 3, 4 | 64 | 128), (0, 0, 16 | 32)]):
        nrows = 4
        b = u8(mode) + u8(which) + u8(flags) + u8(nrows - 1)
        if flags & 1:
            b += coarse(5.0)
        if flags & 2:
            b += u8(2) + u8(ids.index("left_hip_flexion_extension")) + coarse(-10) + coarse(90)
            b += u8(ids.index("right_knee_flexion_extension")) + coarse(0) + coarse(-5)
        if flags & 4:
            b += u16(0b00110000000)  # hip, knee
        if flags & 64:
            b += u8(2) + u8(0) + u8(1) + u8(5) + u8(0)
        for r in range(nrows):
            row = data[(r * 37 + variant * 11) % len(data)]
            for d in ids:
                v = row[col[d]] if d in col and col[d] < len(row) else ""
                b += angle(math.radians(float(v)) if v.strip() else None)
        if flags & 8:
            for r in range(nrows):
                b += angle(0.1 * r) + angle(None) + angle(-0.4)
        for r in range(nrows):
            b += exact(r / 30.0)
        write("batch_check", f"rocking_{variant}.bin", b)
    # capi: programs of random bytes (FuzzedDataProvider reads operands from both ends)
    for i in range(8):
        write("capi", f"random_{i}.bin", bytes(rng.getrandbits(8) for _ in range(64 + 48 * i)))
    # capi_frames: programs of random bytes too, 64..1024 of them, from their own generator (so that
    # the other seeds keep their bytes; these are the bytes committed with the target in a9af4a3)
    rng_f = random.Random(16)
    for i in range(6):
        n = rng_f.randint(64, 1024)
        write("capi_frames", f"random_{i}.bin", bytes(rng_f.randrange(256) for _ in range(n)))


# ---- dictionaries -------------------------------------------------------------------------------
def q(s):
    """A libFuzzer dictionary entry: printable ASCII as is (\\ and \" escaped), other bytes \\xNN."""
    out = ""
    for b in s.encode():
        c = chr(b)
        out += "\\" + c if c in '\\"' else c if 32 <= b < 127 else f"\\x{b:02X}"
    return '"' + out + '"'


def dictionaries():
    ids = dof_ids()
    numbers = ["nan", "NaN", "inf", "-inf", "1e400", "-1e400", "1e-400", "-0", "+1", "0x1p3", "1e308", "4.9e-324"]
    tl = ["thoracolumbar_flexion_extension", "thoracolumbar_lateral_flexion", "thoracolumbar_axial_rotation"]
    spinal_axes = ["flexion_extension", "lateral_flexion", "axial_rotation"]
    display = ["left hip internal rotation", "right knee flexion", "left hip extension", "cervical axial rotation",
               "left hip flexion/extension", "right shoulder abduction", "to the right", "to the left"]
    joints = ["cervical", "thoracic", "lumbar", "shoulder", "elbow", "forearm", "wrist", "hip", "knee", "ankle",
              "subtalar"]
    sources_text = (ROOT / "include/arthrokin/detail/sources_data.hpp").read_text()
    sources = sorted(set(re.findall(r'^\s*\{"([A-Za-z0-9]+)"(?:sv)?,', sources_text, re.M)))
    models = ["Rajagopal2016", "RajagopalLaiUhlrich2023", "Hamner2010", "gait2392"]
    composites_text = (ROOT / "include/arthrokin/detail/composite_limits_data.hpp").read_text()
    composites = sorted(set(re.findall(r'\{"([a-z_]+)",', composites_text)))
    json_tokens = ["{", "}", "[", "]", ":", ",", "null", "true", "false", '""', "\\u0000", "\\ud800"]

    def out(name, words):
        seen, lines = set(), []
        for w in words:
            if w not in seen:
                seen.add(w)
                lines.append(q(w))
        (DICT / f"{name}.dict").write_text("\n".join(lines) + "\n")

    DICT.mkdir(exist_ok=True)
    out("angle_csv", ["time_s", "_deg", "_rad", ",", "#", "\r\n", "\ufeff"] + numbers + tl +
        [d + "_deg" for d in ids] + [d + "_rad" for d in ids])
    header = (DATA / "samples/blazepose_world/balancing_trial_cam01_world.csv").read_text().splitlines()[0]
    kp = sorted({h.rsplit("_", 1)[0] for h in header.split(",")[1:]})
    out("keypoints_csv", ["frame", "index", "name", "visibility", "presence", "_x", "_y", "_z", "_vis", ",",
                          "\r\n"] + numbers + kp)
    out("keypoints_json", json_tokens + ["layout", "fps", "frames", "comment"] + LAYOUTS + numbers)
    out("pose_json", json_tokens + ["angles_deg", "angles_rad", "thoracolumbar_deg", "thoracolumbar_rad", "comment"] +
        spinal_axes + numbers + ids + display)
    out("profile_json", json_tokens + ["source", "model", "tolerance_deg", "overrides", "dof", "lower_deg",
                                       "upper_deg", "reason", "restrict_to", "composites", "name", "side", "left",
                                       "right", "none", "default", "comment"] + numbers + sources + models + joints +
        composites + ids[:8])
    ex_keys = ["exercise", "id", "name", "source", "start_position", "moving_dofs", "phase", "terms", "enter_deg",
               "exit_deg", "tag", "note", "bands", "label", "scope", "per_side", "always", "lower_deg", "upper_deg",
               "cue", "target_muscles", "muscles", "cues", "dof", "thoracolumbar", "coefficient"]
    muscles_text = (ROOT / "include/arthrokin/anatomy/muscle_vocabulary.hpp").read_text()
    muscles = re.findall(r"^\s+([a-z_]+),", muscles_text[muscles_text.index("enum class MuscleId"):][:6000], re.M)
    out("exercise_json", json_tokens + ex_keys + numbers + spinal_axes + ids + muscles[:40])
    out("capi", ids + joints + sources + display + ["user", "default", " ", "\xff"])
    coordinates = ["pelvis_tilt", "pelvis_tx", "hip_flexion_r", "hip_adduction_l", "hip_rotation_r", "knee_angle_r",
                   "knee_angle_l_beta", "ankle_angle_l", "subtalar_angle_r", "mtp_angle_l", "lumbar_extension",
                   "arm_flex_r", "elbow_flex_l", "pro_sup_r", "wrist_flex_r", "wrist_dev_l", "L5_S1_Flex_Ext",
                   "neck_rotation", "Abs_r3"]
    out("opensim", ["endheader", "\n", "\t", " ", "=", "time", "inDegrees=yes", "inDegrees=no", "nRows=",
                    "nColumns=", "datarows ", "datacolumns ", "version=1", "\r\n", "\ufeff"]
        + coordinates + numbers + ids[:6] + tl)
    markers = ["Nose", "LEye", "REar", "LShoulder", "RElbow", "LWrist", "RHip", "LKnee", "RAnkle", "LHeel",
               "RBigToe", "LSmallToe", "Neck", "Head", "Hip", "LPinky", "RThumb"]
    out("trc", ["PathFileType", "DataRate", "CameraRate", "NumFrames", "NumMarkers", "Units", "Frame#", "Time",
                "\t", "\n", "\r\n", "\ufeff", "m", "mm", "cm", "X1", "Y1", "Z1"] + markers + numbers)
    bvh_words = [line.strip() for line in (DICT / "bvh.dict").read_text().splitlines() if line.strip()]
    segs_text = (ROOT / "include/arthrokin/segment.hpp").read_text()
    segments = re.findall(r'"([a-z_]+)"', segs_text[segs_text.index("segment_names"):][:800])
    (DICT / "bvh_segments.dict").write_text(
        "\n".join(bvh_words + [q(w) for w in ["@", "@add\n", "@-", "=", "|", ",", "mixamorig:", "LeftUpLeg",
                                               "LeftForeArm", "Spine1", "lfemur", "ltibia", "lhumerus", "upperneck"]
                               + ["@" + s + "=" for s in segments]]) + "\n")


def main():
    rng = random.Random(20261130)
    for d in CORPUS.glob("*/*"):
        d.unlink()
    keypoint_seeds()
    bvh_seeds()
    text_seeds()
    opensim_seeds()
    format_seeds()
    core_seeds(rng)
    dictionaries()
    total = sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file())
    print(f"make_seeds: {sum(1 for p in CORPUS.rglob('*') if p.is_file())} seeds, {total} bytes")


if __name__ == "__main__":
    main()
