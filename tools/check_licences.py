#!/usr/bin/env python3
"""Licences and citation are in place (CTest `docs.licences`):

- LICENSE at the root is the MIT licence; CITATION.cff is CFF 1.2.0 with the fields the format
  requires (cff-version, message, title, authors; each author a name) and authors "arthrokin
  contributors";
- every folder of data/ and of data/samples/ is listed in data/LICENSES.md, and every sample
  folder has a SOURCE.md that states a licence.

Usage: tools/check_licences.py [repository root]. Prints what is missing; exit 1 if anything is."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[1])
problems = []

lic = root / "LICENSE"
if not lic.is_file() or not lic.read_text().startswith("MIT License"):
    problems.append("LICENSE: missing or not the MIT licence")

cff = root / "CITATION.cff"
if not cff.is_file():
    problems.append("CITATION.cff: missing")
else:
    text = cff.read_text()
    for key in ("cff-version", "message", "title", "authors"):
        if not re.search(rf"^{key}:", text, re.M):
            problems.append(f"CITATION.cff: no '{key}:'")
    if not re.search(r"^cff-version: 1\.2\.0$", text, re.M):
        problems.append("CITATION.cff: cff-version is not 1.2.0")
    if not re.search(r'^authors:\n  - name: "arthrokin contributors"$', text, re.M):
        problems.append('CITATION.cff: authors is not [name: "arthrokin contributors"]')

listing = root / "data" / "LICENSES.md"
listed = listing.read_text() if listing.is_file() else ""
if not listed:
    problems.append("data/LICENSES.md: missing")
folders = [p for p in (root / "data").iterdir() if p.is_dir() and p.name != "samples"]
samples = [p for p in (root / "data" / "samples").iterdir() if p.is_dir()]
for d in folders + samples:
    rel = d.relative_to(root).as_posix()
    if f"`{rel}/`" not in listed:
        problems.append(f"data/LICENSES.md: no row for `{rel}/`")
for d in samples:
    src = d / "SOURCE.md"
    if not src.is_file():
        problems.append(f"{src.relative_to(root)}: missing")
    elif not re.search(r"licen[cs]e", src.read_text(), re.I):
        problems.append(f"{src.relative_to(root)}: states no licence")

for p in problems:
    print(p)
print(f"check_licences: {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
