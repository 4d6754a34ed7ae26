# Type stubs of the extension module arthrokin._core (python/src/module.cpp, frames.cpp).
# python/tests/test_stubs.py checks that this file names every function, class, method and
# constant the module exports, with the same parameters (names, keyword-only marks, defaults),
# so that it cannot drift from the binding. Units: dicts are degrees, arrays are radians
# (docs/python.md).
from os import PathLike
from typing import Any, Literal, Mapping, Optional, Sequence, Union, overload

import numpy as np
import numpy.typing as npt

__version__: str
DOF_COUNT: int
DOF_STATUSES: tuple[str, ...]
SEGMENTS: tuple[str, ...]
STATUSES: tuple[str, ...]
VERDICTS: tuple[str, ...]
INPUT_KINDS: tuple[str, ...]
LAYOUTS: tuple[str, ...]
INCLINATIONS: list[str]

F64 = npt.NDArray[np.float64]
U8 = npt.NDArray[np.uint8]
PoseLike = Union[Mapping[str, Optional[float]], npt.ArrayLike]
DofLike = Union[str, int]

class ParseError(ValueError): ...

class Limits:
    @staticmethod
    def defaults(context: str = "unspecified") -> Limits: ...
    @staticmethod
    def from_source(key: str) -> Limits: ...
    def tolerance(self, degrees: float) -> Limits: ...
    def override(self, dof: DofLike, lower_deg: float, upper_deg: float, reason: str = "patient override") -> Limits: ...
    def restrict(self, joints: Sequence[str]) -> Limits: ...
    def shoulder_region(self, on: bool) -> Limits: ...
    def two_joint_limits(self, on: bool) -> Limits: ...
    def bounds(self, dof: DofLike) -> dict[str, Any]: ...
    @property
    def uses_shoulder_region(self) -> bool: ...
    @property
    def uses_two_joint_limits(self) -> bool: ...
    @property
    def tolerance_deg(self) -> float: ...
    @property
    def context(self) -> str: ...

class RockingStretchMonitor:
    def __init__(self) -> None: ...
    def update(self, t_s: float, angles: PoseLike) -> list[Any]: ...
    def finish(self) -> None: ...
    def summary(self) -> dict[str, Any]: ...

class SkeletonFitter:
    def __init__(
        self,
        layout: str = "blazepose33",
        *,
        mirrored: bool = False,
        min_visibility: float = 0.5,
        depth_axis: int = 2,
        lateral_sigma: float = 0.03,
        depth_factor: float = 3.0,
        acceleration_psd: float = 20.0,
        length_frames: int = 30,
        up: str = "y_up",
        image_sigma: float = 0.01,
        length_projection: Literal["radial", "weighted"] = "radial",
    ) -> None: ...
    def update(
        self,
        keypoints: npt.ArrayLike,
        t_s: float,
        visibility: Optional[npt.ArrayLike] = None,
        *,
        image: Optional[npt.ArrayLike] = None,
        image_size: Optional[tuple[float, float]] = None,
        image_visibility: Optional[npt.ArrayLike] = None,
    ) -> dict[str, Any]: ...
    def update_image(
        self, landmarks: npt.ArrayLike, t_s: float, aspect_ratio: float = 1.0, visibility: Optional[npt.ArrayLike] = None
    ) -> dict[str, Any]: ...
    def reset(self) -> None: ...
    def segment_lengths(self) -> list[float]: ...

def fit_keypoints(
    keypoints: npt.ArrayLike,
    times: npt.ArrayLike,
    layout: str = "blazepose33",
    visibility: Optional[npt.ArrayLike] = None,
    *,
    mode: Literal["offline", "online"] = "offline",
    mirrored: bool = False,
    min_visibility: float = 0.5,
    depth_axis: int = 2,
    lateral_sigma: float = 0.03,
    depth_factor: float = 3.0,
    acceleration_psd: float = 20.0,
    length_frames: int = 30,
    up: str = "y_up",
    image: Optional[npt.ArrayLike] = None,
    image_size: Optional[tuple[float, float]] = None,
    image_visibility: Optional[npt.ArrayLike] = None,
    image_sigma: float = 0.01,
    length_projection: Literal["radial", "weighted"] = "radial",
) -> dict[str, Any]: ...
def image_inclinations(
    landmarks: npt.ArrayLike,
    layout: str = "blazepose33",
    aspect_ratio: float = 1.0,
    visibility: Optional[npt.ArrayLike] = None,
    *,
    mirrored: bool = False,
    min_visibility: float = 0.5,
) -> F64: ...
def gravity_inclinations(
    keypoints: npt.ArrayLike,
    layout: str = "blazepose33",
    visibility: Optional[npt.ArrayLike] = None,
    *,
    up: str = "y_up",
    mirrored: bool = False,
    min_visibility: float = 0.5,
) -> F64: ...
def gait(
    angles: npt.ArrayLike,
    frame_rate_hz: float,
    *,
    left_contacts: Optional[Sequence[int]] = None,
    right_contacts: Optional[Sequence[int]] = None,
    speed: str = "Free",
    lab: Optional[npt.ArrayLike] = None,
    stance_end_percent: float = 60.0,
    knee_sd: float = 1.0,
) -> dict[str, Any]: ...
def functional(angles: npt.ArrayLike, *, side: Optional[str] = None, robust: bool = False) -> list[dict[str, Any]]: ...
def knee_grades(angles: npt.ArrayLike, *, robust: bool = False) -> list[dict[str, Any]]: ...
def reba(
    angles: npt.ArrayLike,
    *,
    side: str = "right",
    legs: str = "bilateral",
    load_kg: float = 0.0,
    shock: bool = False,
    coupling: str = "good",
    shoulder_raised: bool = False,
    arm_supported: bool = False,
    wrist_twisted: bool = False,
    static_posture: bool = False,
    repeated: bool = False,
    rapid_changes: bool = False,
    threshold_deg: float = 0.0,
) -> dict[str, Any]: ...
def dofs() -> list[str]: ...
def dof_index(name: str) -> int: ...
def display_name(name: str) -> str: ...
@overload
def check(
    angles: Mapping[str, Optional[float]],
    limits: Optional[Limits] = None,
    *,
    thoracolumbar: Optional[npt.ArrayLike] = None,
    threads: int = 1,
    statuses: bool = True,
    uncertainty: Union[None, float, Mapping[str, float], npt.ArrayLike] = None,
    row_uncertainty: Optional[F64] = None,
    input_kind: Optional[str] = None,
    coverage: float = 2.0,
) -> dict[str, Any]: ...
@overload
def check(
    angles: npt.ArrayLike,
    limits: Optional[Limits] = None,
    *,
    thoracolumbar: Optional[npt.ArrayLike] = None,
    threads: int = 1,
    statuses: bool = True,
    uncertainty: Union[None, float, Mapping[str, float], npt.ArrayLike] = None,
    row_uncertainty: Optional[F64] = None,
    input_kind: Optional[str] = None,
    coverage: float = 2.0,
) -> dict[str, Any]: ...
def assess(
    angles: F64,
    limits: Optional[Limits] = None,
    *,
    times: Optional[npt.ArrayLike] = None,
    first_frame: int = 0,
    age: Optional[int] = None,
    sex: Optional[str] = None,
    involved: Optional[str] = None,
    robust: bool = False,
    p_low: float = 2.0,
    p_high: float = 98.0,
    bin_deg: float = 0.1,
) -> dict[str, Any]: ...
def nearest_valid_pose(
    angles: PoseLike,
    limits: Optional[Limits] = None,
    weights: Union[None, Sequence[float], Mapping[str, float], npt.ArrayLike] = None,
    *,
    thoracolumbar: Optional[npt.ArrayLike] = None,
    within_tolerance: bool = True,
    max_iterations: int = 2000,
) -> dict[str, Any]: ...
@overload
def angles_from_keypoints(
    keypoints: npt.ArrayLike,
    layout: str = "blazepose33",
    visibility: Optional[npt.ArrayLike] = None,
    *,
    mirrored: bool = False,
    min_visibility: float = 0.5,
    return_thoracolumbar: Literal[False] = False,
    return_status: Literal[False] = False,
    fast_trig: bool = False,
) -> F64: ...
@overload
def angles_from_keypoints(
    keypoints: npt.ArrayLike,
    layout: str = "blazepose33",
    visibility: Optional[npt.ArrayLike] = None,
    *,
    mirrored: bool = False,
    min_visibility: float = 0.5,
    return_thoracolumbar: bool = False,
    return_status: bool = False,
    fast_trig: bool = False,
) -> Union[F64, tuple[F64, F64], tuple[F64, U8], tuple[F64, F64, U8, U8]]: ...
@overload
def angles_from_rotations(
    quaternions: npt.ArrayLike,
    *,
    return_thoracolumbar: Literal[False] = False,
    return_status: Literal[False] = False,
    fast_trig: bool = False,
) -> F64: ...
@overload
def angles_from_rotations(
    quaternions: npt.ArrayLike,
    *,
    return_thoracolumbar: bool = False,
    return_status: bool = False,
    fast_trig: bool = False,
) -> Union[F64, tuple[F64, F64], tuple[F64, U8], tuple[F64, F64, U8, U8]]: ...
def read_bvh(
    path: Union[str, bytes, PathLike[str], PathLike[bytes]],
    *,
    mapping: Union[None, str, bytes, PathLike[str], PathLike[bytes], Mapping[str, str]] = None,
    neutral_frames: Union[None, int, Sequence[int]] = None,
    neutral: str = "standing",
    neutral_segments: Optional[Sequence[str]] = None,
    neutral_max_offset: float = 45.0,
) -> dict[str, Any]: ...
def movers(motion: str, side: Optional[str] = None, include_claims: bool = False) -> list[dict[str, Any]]: ...
def muscle_lengths(angles: PoseLike, reference: Optional[PoseLike] = None) -> dict[str, Any]: ...

# Internal helpers of arthrokin.frames (not part of the public API).
def _check_rows(x: F64, limits: Limits, thoracolumbar: Optional[F64] = None) -> tuple[U8, U8, F64]: ...
def _parse_dof(name: str) -> Optional[tuple[int, int]]: ...
def _deg_to_rad(x: npt.ArrayLike) -> F64: ...
def _rad_to_deg(x: npt.ArrayLike) -> F64: ...
