"""arthrokin: is a pose within the normal range of movement, and if not, where,
by how much, from which source, and which muscles are involved?

The C++ core through pybind11. Angles: dicts take degrees; arrays are radians
(NaN = not observed), one pose per row of an (N, 39) float64 array whose
columns are ``dofs()``. See docs/python.md.
"""

from ._core import (  # noqa: F401
    DOF_COUNT,
    INPUT_KINDS,
    LAYOUTS,
    STATUSES,
    VERDICTS,
    Limits,
    ParseError,
    RockingStretchMonitor,
    SkeletonFitter,
    angles_from_keypoints,
    assess,
    check,
    display_name,
    fit_keypoints,
    functional,
    dof_index,
    knee_grades,
    dofs,
    movers,
    muscle_lengths,
    nearest_valid_pose,
    read_bvh,
    reba,
)

__all__ = [
    "DOF_COUNT", "INPUT_KINDS", "LAYOUTS", "STATUSES", "VERDICTS", "Limits", "ParseError", "RockingStretchMonitor", "SkeletonFitter",
    "angles_from_keypoints", "assess", "check", "display_name", "fit_keypoints", "dof_index", "dofs", "functional", "knee_grades", "movers", "muscle_lengths",
    "lengthened_muscles", "nearest_valid_pose", "read_bvh", "reba", "status_code", "verdict_code",
]


def lengthened_muscles(angles, reference=None):
    """The muscles a pose lengthens (largest first): ``muscle_lengths(...)["lengthened"]``."""
    return muscle_lengths(angles, reference)["lengthened"]


def status_code(name):
    """The uint8 code of a status name in batch results (``STATUSES.index(name)``)."""
    return STATUSES.index(name)


def verdict_code(name):
    """The uint8 code of a verdict name in batch results (``VERDICTS.index(name)``)."""
    return VERDICTS.index(name)
