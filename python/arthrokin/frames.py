"""pandas in and out (docs/python.md, "pandas"): a DataFrame of DoF columns in degrees in;
verdicts, statuses and excess as DataFrame columns out. pandas is imported only when one of these
functions is called, so that arthrokin works without it.
"""

import numbers

import numpy as np

from . import _core

_DOFS = _core.dofs()


def _pandas():
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - pandas is installed where the tests run
        raise ImportError("arthrokin's DataFrame functions need pandas (Debian: apt install python3-pandas)") from e
    return pandas


def frame_to_angles(frame):
    """A DataFrame (or any mapping of columns) of DoF angles in degrees -> (N, 39) float64 radians.

    Columns are DoF names in any spelling `check()` accepts for a dict (identifier or display
    name; the name of a direction gives its sign: a column "left hip external rotation" of 30 is
    left_hip_internal_external_rotation -30). NaN or None: not observed. A DoF named by two columns
    (twice the same name, or two spellings of it) is a ValueError naming both; a column that is not
    a DoF is a ValueError naming it; a non-numeric column a TypeError.
    """
    columns = list(frame.columns) if hasattr(frame, "columns") else list(frame.keys())
    n = len(frame.index) if hasattr(frame, "index") else len(next(iter(frame.values()), []))
    out = np.full((n, _core.DOF_COUNT), np.nan)
    named = {}
    for position, name in enumerate(columns):
        if not isinstance(name, str):
            raise TypeError(f"DataFrame column {name!r} is not a DoF name (str)")
        parsed = _core._parse_dof(name)
        if parsed is None:
            raise ValueError(f"unknown DoF name {name!r} in DataFrame columns (arthrokin.dofs() lists the identifiers)")
        column, sense = parsed
        if column in named:
            raise ValueError(f"DataFrame names DoF {_DOFS[column]} twice: {named[column]!r} and {name!r}")
        named[column] = name
        values = frame.iloc[:, position] if hasattr(frame, "iloc") else frame[name]
        raw = np.asarray(values)
        if raw.dtype.kind == "O":  # None and real numbers only (as a dict's values), not "50" or True
            if any(v is not None and (isinstance(v, bool) or not isinstance(v, numbers.Real)) for v in raw):
                raise TypeError(f"DataFrame column {name!r} must hold numbers of degrees or None")
        elif raw.dtype.kind not in "fiu":
            raise TypeError(f"DataFrame column {name!r} must hold numbers of degrees, not {raw.dtype}")
        deg = raw.astype(np.float64)
        out[:, column] = _core._deg_to_rad(deg * sense)  # 52° -> the radians of a dict pose's 52°
    return out


def angles_frame(x, index=None):
    """(N, 39) radians (as `angles_from_keypoints`, `angles_from_rotations`, `read_bvh` give them)
    -> a DataFrame of the 39 DoF columns in degrees (NaN: unknown)."""
    pd = _pandas()
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] != _core.DOF_COUNT:
        raise ValueError(f"angles_frame: expected shape (N, {_core.DOF_COUNT}), got {x.shape}")
    return pd.DataFrame(_core._rad_to_deg(x), columns=list(_DOFS), index=index)


def check_frame(frame, limits=None, *, thoracolumbar=None, all_dofs=False):
    """Check every row of a DataFrame of DoF columns (degrees) -> a DataFrame with its index.

    Columns out: ``verdict`` (a VERDICTS name), then per DoF ``<dof>_status`` (a STATUSES name) and
    ``<dof>_excess_deg`` (beyond the violated bound, degrees; 0 unless (possibly) below/above), for
    the DoFs the input names (all 39 with ``all_dofs=True``), by their identifiers. Each row is the
    single-pose `check()` of that row. ``thoracolumbar``: None or (N, 3) radians (NaN: not set).
    """
    pd = _pandas()
    x = frame_to_angles(frame)
    if limits is None:
        limits = _core.Limits.defaults()
    tl = None
    if thoracolumbar is not None:
        tl = np.ascontiguousarray(thoracolumbar, dtype=np.float64)
    # The batch check first: it applies the ±∞ rule (ValueError naming the pose and DoF) to the
    # whole input before anything is checked.
    _core.check(x, limits, thoracolumbar=tl, statuses=False)
    verdict, status, excess = _core._check_rows(x, limits, tl)
    columns = range(_core.DOF_COUNT) if all_dofs else sorted(
        {_core._parse_dof(c)[0] for c in (frame.columns if hasattr(frame, "columns") else frame.keys())})
    index = frame.index if hasattr(frame, "index") else None
    verdicts = pd.Categorical.from_codes(verdict, categories=list(_core.VERDICTS))
    statuses = list(_core.STATUSES)
    data = {"verdict": verdicts}
    for c in columns:
        data[f"{_DOFS[c]}_status"] = pd.Categorical.from_codes(status[:, c], categories=statuses)
        data[f"{_DOFS[c]}_excess_deg"] = excess[:, c]
    return pd.DataFrame(data, index=index)


def status_frame(status, thoracolumbar_status=None, index=None):
    """DoF status codes (N, 39) from ``return_status=True`` -> a DataFrame of DOF_STATUSES names
    (categorical), one column per DoF, plus ``thoracolumbar_<axis>`` columns when given."""
    pd = _pandas()
    status = np.asarray(status)
    names = list(_core.DOF_STATUSES)
    data = {d: pd.Categorical.from_codes(status[:, i], categories=names) for i, d in enumerate(_DOFS)}
    if thoracolumbar_status is not None:
        for j, axis in enumerate(("flexion_extension", "lateral_flexion", "axial_rotation")):
            data[f"thoracolumbar_{axis}"] = pd.Categorical.from_codes(
                np.asarray(thoracolumbar_status)[:, j], categories=names)
    return pd.DataFrame(data, index=index)

