#!/usr/bin/env python3
"""Transcribe the reference CSVs in data/reference/ into constexpr C++ tables.

Run from the repository root after a change to data/reference/:
    python3 tools/gen_tables.py
The output headers (include/arthrokin/detail/*_data.hpp) are committed.

The tables are FINAL typed data: every vocabulary column (joint, dof, direction,
tag, value kind, population, role, condition, ...) becomes an enumerator and every
number a double, so that nothing is parsed from text at compile time. Strings are
kept only where they are reported to users or matched against user input (source
keys, notes, names, labels). A word outside the vocabulary stops the generator
with the file, row and column. tests/reference_tables_test.cpp re-reads the CSVs at
test time and asserts that every table equals its CSV field by field, so a
transcription slip or a stale header fails the tests.

The vocabularies below mirror the C++ enumerations (reference_vocabulary.hpp,
anatomy/muscle_vocabulary.hpp, joint.hpp, dof.hpp): an enumerator that does not
exist fails to compile, and the tests compare each enumerator's to_string() with
the CSV word.
"""
import csv
import pathlib
import re
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
REF = ROOT / "data" / "reference"
OUT = ROOT / "include" / "arthrokin" / "detail"

JOINTS = ["cervical", "thoracic", "lumbar", "shoulder", "elbow", "forearm", "wrist", "hip", "knee", "ankle",
          "subtalar"]
# Each axis and the CSV words of its positive and negative direction (conventions.md §5; dof.hpp).
# The spinal lateral flexion and rotation have no sided words in the CSVs: see PER_SIDE.
AXES = {
    "flexion_extension": ("flexion", "extension"),
    "lateral_flexion": None,
    "axial_rotation": None,
    "abduction_adduction": ("adduction", "abduction"),
    "internal_external_rotation": ("internal_rotation", "external_rotation"),
    "horizontal_abduction_adduction": ("horizontal_adduction", "horizontal_abduction"),
    "pronation_supination": ("pronation", "supination"),
    "radial_ulnar_deviation": ("ulnar_deviation", "radial_deviation"),
    "dorsiflexion_plantarflexion": ("dorsiflexion", "plantarflexion"),
    "inversion_eversion": ("inversion", "eversion"),
}
# Per-side spinal directions ("per side": applies to either sense) and their axis.
PER_SIDE = {"lateral_flexion": "lateral_flexion", "rotation": "axial_rotation"}
TAGS = {"V": "verified", "S": "secondary", "R": "recalled", "D": "model", "claim": "claim", "derived": "derived"}
VALUE_KINDS = ["limit", "impairment_cutoff", "range_low", "range_high", "return_arc_end", "mean", "median",
               "age_band", "activity_peak", "derived_limit"]
CONTEXTS = ["unspecified", "passive", "active", "weight_bearing"]
DERIVATIONS = ["none", "mean_plus_2sd"]
POPULATIONS = ["general", "males", "females", "older_adults", "infants", "not_recorded"]
COMPOSITE_ROLES = ["thoracolumbar_limit", "combined_range", "total_arc", "exercise_band"]
SEXES = {"F": "female", "M": "male", "both": "both"}
MUSCLE_REGIONS = ["trunk", "hip_thigh", "leg", "shoulder_arm"]
ACTION_SITES = {"thoracolumbar": "thoracolumbar", "ribs": "ribs", "abdomen": "abdomen"}  # else a Joint
# Action words that are not a direction of an axis, and the sense stored for a RIGHT muscle
# (None: a non-motion action, which moves no axis).
SPECIAL_ACTIONS = {
    "lateral_flexion_ipsilateral": "positive",
    "rotation_ipsilateral": "positive",
    "rotation_contralateral": "negative",  # a right muscle turns the trunk to the left
    "pelvic_elevation_ipsilateral": "positive",
    "abdominal_compression": None,
    "stabilisation": None,
    "rib_elevation": None,
    "rib_depression": None,
    "rib_fixation": None,
    "shoulder_girdle_depression": None,
}
ROLES = ["prime", "assist", "stabiliser"]
LATERALITIES = ["bilateral", "unilateral", "either"]
CONDITIONS = ["none", "hip_flexed", "hip_extended", "knee_flexed", "shoulder_flexed", "femur_fixed", "arm_fixed"]
MAX_COMPOSITE_TERMS = 6  # CompositeLimit::terms


class VocabularyError(Exception):
    pass


def fail(where, msg):
    raise VocabularyError(f"{where}: {msg}")


def lit(s):
    # A `sv` literal carries its length: a constexpr string_view made from a plain literal
    # walks it character by character (char_traits::length) in every translation unit,
    # which was the largest part of the tables' compile time (docs/compile-time.md).
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"sv'


def num(s):
    if s == "":
        return "no_value"
    return repr(float(s))


def word(where, column, value, allowed):
    if value not in allowed:
        fail(where, f"column {column}: '{value}' is not one of {', '.join(allowed)}")
    return value


def rows(name):
    with open(REF / name, newline="", encoding="ascii") as f:
        out = list(csv.DictReader(f))
    for i, r in enumerate(out):
        if None in r or any(v is None for v in r.values()):
            fail(f"{name} data row {i + 1}", "wrong number of fields")
    return out


def direction_sense(where, axis, direction):
    """The sense of a sided direction word on `axis`."""
    words = AXES[axis]
    if words and direction == words[0]:
        return "positive"
    if words and direction == words[1]:
        return "negative"
    fail(where, f"'{direction}' is not a direction of {axis}")


def sense(s):
    return f"Sense::{s}"


def opt(value):
    return "std::nullopt" if value is None else value


HEADER = """// clang-format off
// Generated by tools/gen_tables.py from data/reference/{src}. Do not edit by hand.
// Final typed data (row type: detail/reference_row_types.hpp); tests/reference_tables_test.cpp
// checks every field against the CSV.
#pragma once

#include <arthrokin/detail/reference_row_types.hpp>

#include <array>
#include <string_view>

namespace arthrokin::detail {{
using namespace std::string_view_literals;
"""


PENDING = {}  # file name -> text; written only once every table has been generated without an error


def write(fname, src, decl, body):
    PENDING[fname] = HEADER.format(src=src) + decl + "{{\n" + body + "}};\n\n}  // namespace arthrokin::detail\n"


def gen_rom(keys):
    out = []
    for i, x in enumerate(rows("rom_norms.csv")):
        where = f"rom_norms.csv data row {i + 1}"
        joint = x["joint"]
        if joint != "thoracolumbar":
            word(where, "joint", joint, JOINTS)
        axis = word(where, "dof", x["dof"], list(AXES))
        if x["direction"] in PER_SIDE:
            if PER_SIDE[x["direction"]] != axis:
                fail(where, f"'{x['direction']}' is not a direction of {axis}")
            both, s = "true", "positive"
        else:
            both, s = "false", direction_sense(where, axis, x["direction"])
        check_source(where, x["source"], keys)
        derivation = word(where, "derivation", x["derivation"], DERIVATIONS)
        kind = word(where, "value_kind", x["value_kind"], VALUE_KINDS)
        # A derived limit names its derivation and carries the figures it was computed from; nothing
        # else may (a mean stays a mean: the derived limit is a row of its own).
        if (kind == "derived_limit") != (derivation != "none") or (x["tag"] == "derived") != (derivation != "none"):
            fail(where, "value_kind derived_limit, tag derived and a derivation go together")
        if derivation == "none" and (x["mean_deg"] or x["sd_deg"]):
            fail(where, "mean_deg / sd_deg given for a row that is not derived")
        if derivation == "mean_plus_2sd":
            m, sd = float(x["mean_deg"]), float(x["sd_deg"])
            if abs(float(x["value_deg"]) - (m + 2 * sd)) > 1e-9:
                fail(where, f"value_deg {x['value_deg']} is not mean + 2 SD = {m + 2 * sd}")
        out.append(f"    {{{opt(None if joint == 'thoracolumbar' else 'Joint::' + joint)}, Axis::{axis}, {both}, "
                   f"{sense(s)}, {num(x['value_deg'])}, {lit(x['source'])}, "
                   f"Tag::{TAGS[word(where, 'tag', x['tag'], list(TAGS))]}, {lit(x['notes'])}, "
                   f"ValueKind::{word(where, 'value_kind', x['value_kind'], VALUE_KINDS)}, "
                   f"Population::{word(where, 'population', x['population'], POPULATIONS)}, "
                   f"Context::{word(where, 'context', x['context'], CONTEXTS)}, Derivation::{derivation}, "
                   f"{num(x['mean_deg'])}, {num(x['sd_deg'])}}},\n")
    write("rom_norms_data.hpp", "rom_norms.csv",
          "// {joint (empty: thoracolumbar), dof, per side, sense, value_deg, source, tag, notes, value_kind, "
          "population, context, derivation, mean_deg, sd_deg}\n"
          f"inline constexpr std::array<RomNormRow, {len(out)}> rom_norm_rows", "".join(out))


def label(word_):
    return word_.replace("_", " ")


def gen_composite(keys):
    out = []
    for i, x in enumerate(rows("composite_limits.csv")):
        where = f"composite_limits.csv data row {i + 1}"
        terms = []
        for t in x["terms"].split("+"):
            j, _, a = t.partition(".")
            terms.append((word(where, "terms", j, JOINTS), word(where, "terms", a, list(AXES))))
        if not 0 < len(terms) <= MAX_COMPOSITE_TERMS:
            fail(where, f"{len(terms)} terms (at most {MAX_COMPOSITE_TERMS})")
        d = x["direction"]
        senses = ["positive"] * len(terms)
        labels = ("", "", "")
        if d == "full_arc":
            kind = "full_arc"
        elif "+" in d:
            kind = "per_term"
            dirs = d.split("+")
            if len(dirs) != len(terms):
                fail(where, f"{len(dirs)} directions for {len(terms)} terms")
            senses = [direction_sense(where, a, w) for (j, a), w in zip(terms, dirs)]
            opposite = [AXES[a][1 if s == "positive" else 0] for (j, a), s in zip(terms, senses)]
            joints = {j for j, a in terms}
            named = " + ".join(label(w) for w in dirs)
            full = (f"{terms[0][0]} {named}" if len(joints) == 1
                    else " + ".join(f"{j} {label(w)}" for (j, a), w in zip(terms, dirs)))
            labels = (full, named, " + ".join(label(w) for w in opposite))
        elif d in PER_SIDE:
            kind = "both_senses"
            if any(a != PER_SIDE[d] for j, a in terms):
                fail(where, f"'{d}' is not a direction of every term")
        else:
            s = {direction_sense(where, a, d) for j, a in terms}
            if len(s) != 1:
                fail(where, f"'{d}' has different senses on the terms")
            kind = s.pop()
        check_source(where, x["source"], keys)
        term_text = ", ".join(f"{{Joint::{j}, Axis::{a}, {sense(s)}}}" for (j, a), s in zip(terms, senses))
        out.append(f"    {{{lit(x['name'])}, {{{{{term_text}}}}}, {len(terms)}, CompositeDirection::{kind}, "
                   f"{num(x['value_deg'])}, {lit(x['source'])}, "
                   f"Tag::{TAGS[word(where, 'tag', x['tag'], list(TAGS))]}, {lit(x['notes'])}, "
                   f"CompositeRole::{word(where, 'role', x['role'], COMPOSITE_ROLES)}, "
                   f"ValueKind::{word(where, 'value_kind', x['value_kind'], VALUE_KINDS)}, "
                   f"{lit(labels[0])}, {lit(labels[1])}, {lit(labels[2])}, "
                   f"Context::{word(where, 'context', x['context'], CONTEXTS)}}},\n")
    write("composite_limits_data.hpp", "composite_limits.csv",
          "// {name, terms {joint, dof, sense}, term count, direction, value_deg, source, tag, notes, role, "
          "value_kind, label, positive label, negative label, context}\n"
          f"inline constexpr std::array<CompositeLimitRow, {len(out)}> composite_limit_rows", "".join(out))


def whole(where, column, s):
    if s == "":
        return "-1"
    v = float(s)
    if v != int(v):
        fail(where, f"column {column}: '{s}' is not a whole number of years")
    return str(int(v))


def gen_age_sex(keys):
    out = []
    for i, x in enumerate(rows("rom_norms_by_age_sex.csv")):
        where = f"rom_norms_by_age_sex.csv data row {i + 1}"
        axis = word(where, "dof", x["dof"], list(AXES))
        if x["age_min"] == "":
            fail(where, "empty age_min")
        check_source(where, x["source"], keys)
        out.append(f"    {{Joint::{word(where, 'joint', x['joint'], JOINTS)}, Axis::{axis}, "
                   f"{sense(direction_sense(where, axis, x['direction']))}, {whole(where, 'age_min', x['age_min'])}, "
                   f"{whole(where, 'age_max', x['age_max'])}, Sex::{SEXES[word(where, 'sex', x['sex'], list(SEXES))]}, "
                   f"{num(x['mean_deg'])}, {num(x['ci_low_deg'])}, {num(x['ci_high_deg'])}, {lit(x['source'])}, "
                   f"Tag::{TAGS[word(where, 'tag', x['tag'], list(TAGS))]}, {lit(x['notes'])}, "
                   f"Context::{word(where, 'context', x['context'], CONTEXTS)}}},\n")
    write("age_sex_norms_data.hpp", "rom_norms_by_age_sex.csv",
          "// {joint, dof, sense, age_min, age_max (-1: none), sex, mean_deg, ci_low_deg, ci_high_deg, source, tag, "
          "notes, context}\n"
          f"inline constexpr std::array<AgeSexNormRow, {len(out)}> age_sex_norm_rows", "".join(out))


NEGATIVE_DIRECTIONS = {w[1] for w in AXES.values() if w}


def gen_model_bounds(keys):
    out = []
    for i, x in enumerate(rows("model_bounds.csv")):
        where = f"model_bounds.csv data row {i + 1}"
        positive = x["positive_means"]
        if positive != "unverified" and not any(w and positive in w for w in AXES.values()):
            fail(where, f"positive_means '{positive}' is not a direction")
        mapped = x["library_dof"]
        if mapped == "none":
            dof = "std::nullopt"
        else:
            j, _, a = mapped.partition(".")
            word(where, "library_dof", j, JOINTS)
            word(where, "library_dof", a, list(AXES))
            direction_sense(where, a, positive)  # a mapped coordinate has a verified direction of that axis
            dof = f"std::pair{{Joint::{j}, Axis::{a}}}"
        sign = -1 if positive in NEGATIVE_DIRECTIONS else 1
        check_source(where, x["source"], keys)
        out.append(f"    {{{lit(x['model'])}, {lit(x['coordinate'])}, {num(x['min_deg'])}, {num(x['max_deg'])}, "
                   f"{lit(positive)}, {lit(x['source'])}, Tag::{TAGS[word(where, 'tag', x['tag'], list(TAGS))]}, "
                   f"{lit(x['notes'])}, {dof}, {sign}}},\n")
    write("model_bounds_data.hpp", "model_bounds.csv",
          "// {model, coordinate, min_deg, max_deg, positive_means, source, tag, notes, library_dof, sign}\n"
          f"inline constexpr std::array<ModelBoundRow, {len(out)}> model_bound_rows", "".join(out))


def gen_muscles(keys):
    out = []
    for i, x in enumerate(rows("muscles.csv")):
        where = f"muscles.csv data row {i + 1}"
        if not re.fullmatch(r"[a-z][a-z_]*", x["muscle"]):
            fail(where, f"muscle '{x['muscle']}' is not a lower_snake_case name")
        j = x["joint"]
        if j in ACTION_SITES:
            site, joint = ACTION_SITES[j], None
        else:
            site, joint = "joint", "Joint::" + word(where, "joint", j, JOINTS)
        axis = None if x["dof"] == "none" else word(where, "dof", x["dof"], list(AXES))
        action = x["action"]
        if action in SPECIAL_ACTIONS:
            kind, s = action, SPECIAL_ACTIONS[action]
            if s is None:
                if axis is not None:
                    fail(where, f"non-motion action '{action}' with dof '{axis}' (expected none)")
                s = "positive"  # unused: a non-motion action moves no axis
            elif axis is None:
                fail(where, f"motion '{action}' without a dof")
        else:
            kind = "direction"
            if axis is None:
                fail(where, f"direction '{action}' without a dof")
            s = direction_sense(where, axis, action)
        check_source(where, x["source"], keys)
        out.append(f"    {{MuscleId::{x['muscle']}, MuscleRegion::{word(where, 'region', x['region'], MUSCLE_REGIONS)}, "
                   f"ActionSite::{site}, {opt(joint)}, {opt(None if axis is None else 'Axis::' + axis)}, "
                   f"ActionKind::{kind}, {sense(s)}, {lit(action)}, "
                   f"MuscleRole::{word(where, 'role', x['role'], ROLES)}, "
                   f"Laterality::{word(where, 'laterality', x['laterality'], LATERALITIES)}, {lit(x['source'])}, "
                   f"Tag::{TAGS[word(where, 'tag', x['tag'], list(TAGS))]}, {lit(x['notes'])}, "
                   f"Condition::{word(where, 'condition', x['condition'], CONDITIONS)}}},\n")
    write("muscles_data.hpp", "muscles.csv",
          "// {muscle, region, site, joint, dof, action kind, sense (right muscle), action, role, laterality, "
          "source, tag, notes, condition}\n"
          f"inline constexpr std::array<MuscleRow, {len(out)}> muscle_rows", "".join(out))


GAIT_SPEEDS = {"VerySlow": "very_slow", "Slow": "slow", "Free": "free", "Fast": "fast", "VeryFast": "very_fast"}
# (segment_or_joint, positive_direction, pig_axis, pig_output) -> GaitVariable, in the enumeration's order.
GAIT_VARIABLES = {
    ("pelvis", "anterior_tilt", "X", "PelvisAngles"): "pelvis_tilt",
    ("pelvis", "obliquity_up", "Y", "PelvisAngles"): "pelvis_obliquity",
    ("pelvis", "internal_rotation", "Z", "PelvisAngles"): "pelvis_rotation",
    ("hip", "flexion", "X", "HipAngles"): "hip_flexion",
    ("hip", "adduction", "Y", "HipAngles"): "hip_adduction",
    ("hip", "internal_rotation", "Z", "HipAngles"): "hip_rotation",
    ("knee", "flexion", "X", "KneeAngles"): "knee_flexion",
    ("knee", "varus_adduction", "Y", "KneeAngles"): "knee_varus",
    ("knee", "internal_rotation", "Z", "KneeAngles"): "knee_rotation",
    ("ankle", "dorsiflexion", "X", "AnkleAngles"): "ankle_dorsiflexion",
    ("foot_progression", "internal", "Z", "FootProgressAngles"): "foot_progression",
}
GAIT_POINTS = 51  # 0, 2, ..., 100 % of the cycle
GAIT_SOURCE = "Schwartz2008"


def gen_gait_norms(keys):
    """gait_norms_schwartz2008.csv: every (speed, variable) curve must be 51 consecutive rows at 0, 2, ..., 100 %,
    with mean = the band's midpoint and SD = its half width (data/reference/README.md); the generator also writes
    where each curve starts, so that the library reads a curve without searching."""
    name = "gait_norms_schwartz2008.csv"
    check_source(name, GAIT_SOURCE, keys)
    out, start = [], {}
    data = rows(name)
    for i, x in enumerate(data):
        where = f"{name} data row {i + 1}"
        speed = GAIT_SPEEDS.get(x["speed"]) or fail(where, f"speed '{x['speed']}' is not one of {', '.join(GAIT_SPEEDS)}")
        k = (x["segment_or_joint"], x["positive_direction"], x["pig_axis"], x["pig_output"])
        var = GAIT_VARIABLES.get(k) or fail(where, f"variable {k} is not one of the known CGM variables")
        point = i % GAIT_POINTS
        if point == 0:
            if (speed, var) in start:
                fail(where, f"second curve for {speed} {var}")
            start[(speed, var)] = i
        elif (data[i - 1]["speed"], data[i - 1]["segment_or_joint"], data[i - 1]["positive_direction"]) != (
                x["speed"], x["segment_or_joint"], x["positive_direction"]):
            fail(where, "a curve of fewer than 51 rows")
        if x["cycle_pct"] != str(2 * point):
            fail(where, f"cycle_pct {x['cycle_pct']} (expected {2 * point})")
        lo, hi, m, sd = (float(x[c]) for c in ("band_low_deg", "band_high_deg", "mean_deg", "sd_deg"))
        if abs((lo + hi) / 2 - m) > 1e-9 or abs((hi - lo) / 2 - sd) > 1e-9:
            fail(where, "mean_deg / sd_deg are not the band's midpoint / half width")
        out.append(f"    {{GaitSpeed::{speed}, GaitVariable::{var}, {lit(x['pig_axis'])}, {lit(x['pig_output'])}, "
                   f"{int(x['cycle_pct'])}, {num(x['band_low_deg'])}, {num(x['band_high_deg'])}, {num(x['mean_deg'])}, "
                   f"{num(x['sd_deg'])}}},\n")
    if len(start) != len(GAIT_SPEEDS) * len(GAIT_VARIABLES) or len(data) != len(start) * GAIT_POINTS:
        fail(name, f"{len(start)} curves of {len(data)} rows (expected every speed x variable, 51 rows each)")
    table = ",\n".join("    {{" + ", ".join(str(start[(s, v)]) for v in GAIT_VARIABLES.values()) + "}}"
                       for s in GAIT_SPEEDS.values())
    write("gait_norms_data.hpp", name,
          f"inline constexpr std::string_view gait_norms_source = {lit(GAIT_SOURCE)};\n"
          "// The first row of each curve: gait_norm_curve_start[speed][variable] (GaitSpeed, GaitVariable order);\n"
          "// the curve's 51 points are that row and the 50 after it.\n"
          f"inline constexpr std::array<std::array<std::size_t, {len(GAIT_VARIABLES)}>, {len(GAIT_SPEEDS)}> "
          f"gait_norm_curve_start{{{{\n{table}}}}};\n"
          "// {speed, variable, pig_axis, pig_output, cycle_pct, band_low_deg, band_high_deg, mean_deg, sd_deg}\n"
          f"inline constexpr std::array<GaitNormRow, {len(out)}> gait_norm_rows", "".join(out))


def source_sections():
    text = (REF / "SOURCES.md").read_text(encoding="utf-8")
    out = []
    for m in re.finditer(r"^### (\S+)\n(.*?)(?=^### |\Z)", text, re.S | re.M):
        key, sec = m.group(1), m.group(2)
        ref = re.search(r"\*\*Reference:\*\*\s*(.*)", sec)
        ref = ref.group(1).strip() if ref else ""
        ref = ref.replace("\u00a7", "sec. ").replace("\u2013", "-").replace("\u2014", "-")
        ref = unicodedata.normalize("NFKD", ref).encode("ascii", "ignore").decode("ascii")
        out.append((key, ref))
    return out


def check_source(where, key, keys):
    if key not in keys:
        fail(where, f"source key '{key}' has no section in SOURCES.md")


def gen_sources(sections):
    body = "".join(f"    {{{lit(k)}, {lit(v)}}},\n" for k, v in sections)
    write("sources_data.hpp", "SOURCES.md",
          f"inline constexpr std::array<SourceRow, {len(sections)}> source_rows", body)


def main():
    sections = source_sections()
    keys = {k for k, _ in sections}
    try:
        gen_rom(keys)
        gen_composite(keys)
        gen_age_sex(keys)
        gen_model_bounds(keys)
        gen_muscles(keys)
        gen_gait_norms(keys)
        gen_sources(sections)
    except VocabularyError as e:
        sys.exit(f"gen_tables.py: {e}")
    for fname, text in PENDING.items():
        (OUT / fname).write_text(text)


if __name__ == "__main__":
    main()
