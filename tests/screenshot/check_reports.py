#!/usr/bin/env python3
"""Screenshot checks of the HTML reports (docs/reports.md): known inputs are written, the CLI makes
the `assess` report (range bars) and the `gait` report (curves against the normative band), headless
Chromium renders each to PNG (tools/render-report.sh), and the pixels are checked against what the
inputs imply. The PNG is decoded here with zlib (no third-party module).

usage: check_reports.py CLI RENDER_SCRIPT NORMS_CSV OUT_DIR [--keep PNG_DIR]
"""
import csv
import re
import os
import struct
import subprocess
import sys
import zlib

BAND = (227, 243, 230)   # #e3f3e6: the normal band's fill
RED = (214, 39, 40)      # #d62728: points out of range / outside the band
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


# ---- PNG decoding (8-bit RGB/RGBA, not interlaced: what Chromium writes) ----
def read_png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, "unsupported PNG"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


class Image:
    def __init__(self, path):
        self.w, self.h, self.bpp, self.rows = read_png(path)

    def px(self, x, y):
        r = self.rows[y]
        i = x * self.bpp
        return r[i], r[i + 1], r[i + 2]

    def is_(self, x, y, colour, tol=0):
        return all(abs(a - b) <= tol for a, b in zip(self.px(x, y), colour))

    def blue(self, x, y):  # the series (#1f5fa8) or the reached bar (#1f77b4 at 75 % over white or the band)
        r, g, b = self.px(x, y)
        return b > 120 and b - r > 60 and b - g > 20


def render(html, png, size):
    subprocess.run([RENDER, html, png, size], check=True)
    return Image(png)


def run(args, ok_codes):
    r = subprocess.run([CLI] + args, capture_output=True, text=True)
    if r.returncode not in ok_codes:
        sys.exit("arthrokin %s: exit %d\n%s" % (" ".join(args), r.returncode, r.stderr))
    return r


def blocks(img, colour, gap=0):
    """Runs of image rows that contain `colour` (the plots or bars that hold it), joined across at
    most `gap` rows without it."""
    out = []
    for y in range(img.h):
        if any(img.is_(x, y, colour) for x in range(0, img.w, 2)):
            if out and y - out[-1][1] <= gap + 1:
                out[-1] = (out[-1][0], y)
            else:
                out.append((y, y))
    return out


# ---- the gait report ----
def norm_curve(variable_word):
    seg, pos = variable_word
    rows = [r for r in csv.DictReader(open(NORMS))
            if r["speed"] == "Free" and r["segment_or_joint"] == seg and r["positive_direction"] == pos]
    rows.sort(key=lambda r: int(r["cycle_pct"]))
    assert len(rows) == 51
    return [(float(r["band_low_deg"]), float(r["band_high_deg"]), float(r["mean_deg"])) for r in rows]


def gait_report(out):
    knee = norm_curve(("knee", "flexion"))
    mean = [m for _, _, m in knee]
    crouch = 40.0  # the right knee never below 40 deg: above the band through stance
    # Two cycles per side of 100 frames at 100 frames/s; frame 2k is point k of the normalised cycle.
    path = os.path.join(out, "gait_known.csv")
    with open(path, "w") as f:
        f.write("time_s,left_knee_flexion_extension_deg,right_knee_flexion_extension_deg\n")
        for i in range(201):
            j = i % 100 if i < 200 else 100
            a = j / 2.0
            k = int(a)
            m = mean[k] if k == 50 else mean[k] + (a - k) * (mean[k + 1] - mean[k])
            f.write("%.3f,%.6f,%.6f\n" % (i / 100.0, m, max(m, crouch)))
    html = os.path.join(out, "gait.html")
    run(["gait", path, "--left-contacts", "0,100,200", "--right-contacts", "0,100,200", "--html", html], (1,))
    text = open(html, encoding="utf-8").read()
    check("right knee never extends in stance" in text, "gait HTML names the right knee's missing stance extension")
    check("left knee never extends" not in text, "gait HTML does not say it of the left knee (the norm's mean)")
    check("http://" not in text.replace("http://www.w3.org/2000/svg", "") and "https://" not in text,
          "gait HTML is self-contained (no network address)")
    img = render(html, os.path.join(out, "gait.png"), "1000x3600")
    plots = [b for b in blocks(img, BAND, gap=6) if b[1] - b[0] > 40]
    check(len(plots) == 2, "gait: two plots with a band (left and right knee flexion), found %d" % len(plots))
    if len(plots) != 2:
        return img
    for side, (y0, y1) in zip(("left", "right"), plots):
        cols = [x for x in range(img.w) if any(img.is_(x, y, BAND) for y in range(y0, y1 + 1))]
        x0, x1 = min(cols), max(cols)
        check(abs((x1 - x0 + 1) - 832) <= 3, "%s: the band spans the plot's width 0-100 %% (%d px, expect 832)"
              % (side, x1 - x0 + 1))
        # Per point k (x at k*2 %): the band's top and bottom rows, fitted to the norm: y = c - s*deg.
        xs, tops, bots, mids = [], [], [], []
        for k in range(1, 50):
            x = round(x0 + (x1 - x0) * k / 50.0)
            ys = [y for y in range(y0, y1 + 1) if img.is_(x, y, BAND)]
            if not ys:
                continue
            xs.append(k)
            tops.append(min(ys))
            bots.append(max(ys))
        # least squares of bottom/top rows against the band's low/high ends
        pts = [(knee[k][1], t) for k, t in zip(xs, tops)] + [(knee[k][0], b) for k, b in zip(xs, bots)]
        n = len(pts)
        mx = sum(p[0] for p in pts) / n
        my = sum(p[1] for p in pts) / n
        sxx = sum((p[0] - mx) ** 2 for p in pts)
        slope = sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx
        c = my - slope * mx
        worst = max(abs(p[1] - (c + slope * p[0])) for p in pts)
        check(slope < -1.0 and worst <= 3.0, "%s: the band's ends follow the norm's mean +- SD over the cycle "
              "(%.2f px/deg, worst residual %.1f px over %d points)" % (side, -slope, worst, len(xs)))
        Yof = lambda deg: c + slope * deg
        reds = [(x, y) for y in range(y0 - 20, y1 + 20) for x in range(x0, x1 + 1) if img.is_(x, y, RED, 8)]
        if side == "left":
            check(not reds, "left: no point outside the band (the curve is the norm's mean): %d red pixels" % len(reds))
        else:
            # A red dot at point k exactly where the input (40 deg) is above the band's top there.
            wrong = []
            for k in range(51):
                if abs(knee[k][1] - crouch) < 1.0:
                    continue  # too close to the band's edge to say from pixels
                x = x0 + (x1 - x0) * k / 50.0
                dot = any(abs(rx - x) <= 2 and abs(ry - Yof(crouch)) <= 2 for rx, ry in reds)
                if dot != (knee[k][1] < crouch):
                    wrong.append(2 * k)
            check(bool(reds) and not wrong, "right: red dots exactly at the points where the 40-deg knee is above "
                  "the band (wrong at %s %%)" % wrong)
        # The curve in stance, between two points (a dot covers the point): on the mean (left) or at
        # 40 deg above the band (right).
        for k in (5, 10, 15):
            x = round(x0 + (x1 - x0) * (k + 0.5) / 50.0)
            blue = [y for y in range(y0 - 20, y1 + 20) if img.blue(x, y)]
            expect = (knee[k][2] + knee[k + 1][2]) / 2.0 if side == "left" else crouch
            near = bool(blue) and min(abs(y - Yof(expect)) for y in blue) <= 3
            check(near, "%s: the curve at %d %% is drawn at %.1f deg (row %.0f; blue rows %s)"
                  % (side, 2 * k + 1, expect, Yof(expect), blue[:6]))
            if side == "right":
                top = max(knee[k][1], knee[k + 1][1])
                check(bool(blue) and max(blue) < Yof(top) - 3,
                      "right: at %d %% the curve lies above the band's top (%.1f deg)" % (2 * k + 1, top))
    return img


# ---- the assess report ----
def assess_report(out):
    path = os.path.join(out, "assess_known.csv")
    # Left knee 0-135 deg, right knee 0-92 deg (a knee that stops at 92).
    with open(path, "w") as f:
        f.write("time_s,left_knee_flexion_extension_deg,right_knee_flexion_extension_deg\n")
        for i in range(101):
            f.write("%.2f,%.4f,%.4f\n" % (i / 100.0, 135.0 * i / 100.0, 92.0 * i / 100.0))
    html = os.path.join(out, "assess.html")
    run(["assess", path, "--grades", "--html", html], (0, 1))
    text = open(html, encoding="utf-8").read()
    check("right knee flexion reached 92" in text, "assess HTML has the right knee's deficit sentence")
    check("38 CFR 4.71a" in text, "assess HTML has the grades section")
    img = render(html, os.path.join(out, "assess.png"), "1000x1400")
    rows = blocks(img, BAND)
    check(len(rows) == 1, "assess: one row with a band (knee flexion/extension), found %d" % len(rows))
    if not rows:
        return img
    y0, y1 = rows[0]
    lanes = []
    for y in range(y0, y1 + 1):
        xs = [x for x in range(img.w) if img.blue(x, y)]
        if len(xs) > 20:
            lanes.append((y, min(xs), max(xs)))
    # Two lanes: group by contiguous rows.
    groups = []
    for y, a, b in lanes:
        if groups and y == groups[-1][-1][0] + 1:
            groups[-1].append((y, a, b))
        else:
            groups.append([(y, a, b)])
    check(len(groups) == 2, "assess: two bars (left, right), found %d" % len(groups))
    if len(groups) != 2:
        return img
    # Bar body: the middle row of each group.
    (_, la, lb), (_, ra, rb) = groups[0][len(groups[0]) // 2], groups[1][len(groups[1]) // 2]
    # The band's ends, as its label states them (the limits in force, not known to this script).
    m = re.search(r"normal (-?[0-9.]+)\u00b0 .*? to (-?[0-9.]+)\u00b0", text)
    check(m is not None, "assess: the band label states the normal ends")
    if m is None:
        return img
    lower, upper = float(m.group(1)), float(m.group(2))
    band_cols = [x for x in range(img.w) if any(img.is_(x, y, BAND) for y in range(y0, y1 + 1))]
    bx0, bx1 = min(band_cols), max(band_cols)
    zero = bx0 + (0.0 - lower) / (upper - lower) * (bx1 - bx0)
    check(abs(la - ra) <= 1 and abs(la - zero) <= 2.5,
          "assess: both bars start at 0 deg (left %d, right %d, 0 deg of the band %.1f)" % (la, ra, zero))
    for side, a, b, reached in (("left", la, lb, 135.0), ("right", ra, rb, 92.0)):
        want = reached / (upper - lower)
        got = (b - a + 1) / float(bx1 - bx0)
        check(abs(got - want) <= 0.01, "assess: the %s bar is %.4f of the band's width, %g/(%g - %g) = %.4f"
              % (side, got, reached, upper, lower, want))
    return img


if __name__ == "__main__":
    CLI, RENDER, NORMS, OUT = sys.argv[1:5]
    os.makedirs(OUT, exist_ok=True)
    gait_report(OUT)
    assess_report(OUT)
    if failures:
        sys.exit("%d check(s) failed" % len(failures))
    print("all screenshot checks passed")
