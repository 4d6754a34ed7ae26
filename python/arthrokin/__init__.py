"""arthrokin: is a pose within the normal range of movement, and if not, where,
by how much, from which source, and which muscles are involved?

The C++ core through pybind11. Angles: dicts take degrees; arrays are radians
(NaN = not observed), one pose per row of an (N, 39) float64 array whose
columns are ``dofs()``. See docs/python.md.
"""

from ._core import (  # noqa: F401
    DOF_COUNT,
    DOF_STATUSES,
    INCLINATIONS,
    SEGMENTS,
    INPUT_KINDS,
    LAYOUTS,
    STATUSES,
    VERDICTS,
    Limits,
    ParseError,
    RockingStretchMonitor,
    SkeletonFitter,
    angles_from_keypoints,
    angles_from_rotations,
    assess,
    gait,
    check,
    display_name,
    fit_keypoints,
    gravity_inclinations,
    image_inclinations,
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
from ._core import __version__  # noqa: F401
from .frames import angles_frame, check_frame, frame_to_angles, status_frame  # noqa: F401 (pandas on use)

__all__ = [
    "DOF_COUNT", "DOF_STATUSES", "INCLINATIONS", "SEGMENTS", "angles_from_rotations", "angles_frame", "check_frame",
    "frame_to_angles", "status_frame", "dof_status_code", "INPUT_KINDS", "LAYOUTS", "STATUSES", "VERDICTS", "Limits",
    "ParseError", "RockingStretchMonitor", "SkeletonFitter", "angles_from_keypoints", "assess", "check", "gait",
    "display_name", "fit_keypoints", "dof_index", "dofs", "functional", "knee_grades", "movers", "muscle_lengths",
    "gravity_inclinations", "image_inclinations", "lengthened_muscles", "nearest_valid_pose", "read_bvh", "reba",
    "status_code", "verdict_code",
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


def dof_status_code(name):
    """The uint8 code of a DoF status (why a DoF is or is not known) in ``return_status`` arrays
    (``DOF_STATUSES.index(name)``)."""
    return DOF_STATUSES.index(name)
