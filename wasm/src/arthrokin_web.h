/* @file arthrokin_web.h
 * @brief The WebAssembly module's C ABI (docs/web.md): one session = keypoints of one layout per
 *        frame (BlazePose-33 world landmarks by default) → (optionally) the online skeleton fitter
 *        → joint angles → `check` against the session's limits (default set, a source, a
 *        measurement context, a profile; tolerance, per-DoF overrides) → (optionally) the Lumbar
 *        Spine Rocking Stretch `Monitor`. Or joint angles given directly (`akw_angles`). Compiled to WebAssembly by
 *        wasm/CMakeLists.txt (emcmake) and natively by the equality test's driver
 *        (tests/web/native_driver.cpp), so both run the same glue over the same library code.
 *
 * Data in: the caller writes n × 3 coordinates and n visibilities (n = `akw_point_count`, the
 * layout's keypoints) into the session's input buffers (`akw_input_xyz`, `akw_input_visibility`:
 * typed-array views in JavaScript), then calls `akw_frame` (or `akw_frame_sized`, which checks the
 * sizes the caller had); or 39 joint angles into `akw_input_angles`, then `akw_angles`. Data out: a flat buffer of
 * doubles (`akw_output`) whose fields are named by the module itself (`akw_name(AKW_TABLE_*_FIELDS, i)`), so that the
 * JavaScript wrapper (wasm/js/arthrokin_web_api.js) turns it into plain objects without a copy of the layout. Unknown =
 * NaN in the buffer (null in the objects), never 0. `akw_frame` allocates nothing.
 */
#ifndef ARTHROKIN_WEB_H
#define ARTHROKIN_WEB_H

#if defined(__EMSCRIPTEN__)
#include <emscripten/emscripten.h> /* outside extern "C": it declares templates */
#define AKW_EXPORT EMSCRIPTEN_KEEPALIVE
#else
#define AKW_EXPORT __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct akw_session akw_session;

/* Name tables (`akw_name`). */
enum akw_table {
  AKW_TABLE_DOF = 0,        /* DoF ids in DofId order (dof.hpp) */
  AKW_TABLE_DOF_STATUS = 1, /* DofStatus: why a DoF is (not) observed */
  AKW_TABLE_STATUS = 2,     /* Status: the check's status of a DoF */
  AKW_TABLE_VERDICT = 3,    /* Verdict */
  AKW_TABLE_PHASE = 4,      /* Phase of the monitor */
  AKW_TABLE_FIT_STATE = 5,  /* FitState */
  AKW_TABLE_SWAP = 6,       /* SwapRepair */
  AKW_TABLE_CUE_KIND = 7,   /* CueKind */
  AKW_TABLE_HEADER_FIELDS = 8,
  AKW_TABLE_DOF_FIELDS = 9,
  AKW_TABLE_BAND_FIELDS = 10,
  AKW_TABLE_CUE_FIELDS = 11,
  AKW_TABLE_BAND_ID = 12, /* the exercise's bands */
  AKW_TABLE_BAND_LABEL = 13,
  AKW_TABLE_LAYOUT = 14,     /* Layout (layout.hpp): the names `layout` accepts */
  AKW_TABLE_CONTEXT = 15,    /* Context: the names `context` accepts */
  AKW_TABLE_INPUT_KIND = 16, /* InputKind: the names `input_kind` accepts */
  AKW_TABLE_SOURCE = 17      /* the source keys (data/reference/SOURCES.md) `source` accepts */
};

/* Entry `i` of a table, or a null pointer past its end (a static string). */
AKW_EXPORT const char* akw_name(int table, int i);
/* Number of entries of a table. */
AKW_EXPORT int akw_count(int table);

typedef struct akw_options akw_options;

/* A session with the default options: BlazePose-33, the default limits, the monitor on.
 * `fit`: 0 raw keypoint angles per frame, 1 the online SkeletonFitter (its per-DoF uncertainty
 * goes to `check`). `mirrored`: selfie input (KeypointOptions::mirrored).
 * Returns a null pointer on failure (`akw_last_error`). */
AKW_EXPORT akw_session* akw_create(int fit, int mirrored);

/* Session options (docs/web.md, "Options"), set one by one, then `akw_create_with`. Nothing is
 * checked before `akw_create_with` but the key's name. Text options (`akw_options_set`):
 *   layout       blazepose33 (default), coco17, h36m17, smpl24 (AKW_TABLE_LAYOUT)
 *   source       a source key (AKW_TABLE_SOURCE): Limits::from_source; "default" or "": the default set
 *   context      unspecified (default), passive, active, weight_bearing: Limits::defaults(context)
 *   profile      a profile JSON document (docs/formats.md): io::parse_profile_json
 *   input_kind   goniometer, marker_mocap, imu, monocular_keypoints: Uncertainty::for_input
 * Number options (`akw_options_set_number`):
 *   fit (0/1, default 1), mirrored (0/1), monitor (0/1, default 1), tolerance_deg (>= 0),
 *   uncertainty_deg (>= 0: Uncertainty::uniform), coverage (k > 0, default 2)
 * source, a context other than unspecified and profile exclude one another (as in the CLI);
 * tolerance_deg and the overrides apply on top of the base they give. uncertainty_deg and
 * input_kind exclude each other and the fitter (which gives its own per-DoF uncertainty).
 * The setters return 0, or 1 on an unknown key (`akw_last_error`). */
AKW_EXPORT akw_options* akw_options_new(void);
AKW_EXPORT void akw_options_free(akw_options* o);
AKW_EXPORT int akw_options_set(akw_options* o, const char* key, const char* value);
AKW_EXPORT int akw_options_set_number(akw_options* o, const char* key, double value);
/* Override one DoF's range (Limits::override_dof): `dof` a DoF id (AKW_TABLE_DOF), degrees,
 * `reason` shown in reports (null: "patient override"). Checked by `akw_create_with`. */
AKW_EXPORT int akw_options_override(akw_options* o, const char* dof, double lower_deg, double upper_deg,
                                    const char* reason);
/* A session with options `o` (which the caller still frees), or a null pointer with the reason in
 * `akw_last_error` (an unknown layout, source or context, options that exclude each other, ...). */
AKW_EXPORT akw_session* akw_create_with(const akw_options* o);

AKW_EXPORT void akw_destroy(akw_session* s);
/* The last error of a failed `akw_create`, `akw_create_with` or option setter (static storage). */
AKW_EXPORT const char* akw_last_error(void);

/* The session's layout (index into AKW_TABLE_LAYOUT), its number of keypoints, whether it runs
 * the fitter and the monitor. */
AKW_EXPORT int akw_layout(const akw_session* s);
AKW_EXPORT int akw_point_count(const akw_session* s);
AKW_EXPORT int akw_fits(const akw_session* s);
AKW_EXPORT int akw_monitors(const akw_session* s);

/* Input buffers: 3 × `akw_point_count` coordinates (x, y, z per keypoint, in the layout's order;
 * NaN = missing) and `akw_point_count` visibilities in [0, 1]; each holds room for 33 points. */
AKW_EXPORT double* akw_input_xyz(akw_session* s);
AKW_EXPORT double* akw_input_visibility(akw_session* s);

/* Process one frame at time `t_s` (seconds, increasing). `has_visibility` 0: all points weight 1.
 * Returns 0, or 1 on bad input (the output's `ok` is then 0 and `akw_error` says why; the session
 * is unchanged). */
AKW_EXPORT int akw_frame(akw_session* s, double t_s, int has_visibility);
/* `akw_frame` with the sizes the caller had: `n_xyz` coordinates and `n_visibility` visibilities
 * (0: none). A size that does not match the layout is bad input (1; `akw_error`), whatever the
 * buffers hold. */
AKW_EXPORT int akw_frame_sized(akw_session* s, double t_s, int n_xyz, int n_visibility);

/* Joint angles given directly (e.g. from IMUs): 39 angles in radians in DoF order (AKW_TABLE_DOF;
 * NaN = unknown) in `akw_input_angles`, then `akw_angles` with `n_angles` the count the caller had
 * (39). The angles are checked with the session's limits and uncertainty and go to the monitor
 * when it is on. Bad input (a wrong count, ±∞, a session that runs the fitter): 1, as `akw_frame`.
 * The output's angle_status is observed for the given DoFs, unknown (NaN) for the others. */
AKW_EXPORT double* akw_input_angles(akw_session* s);
AKW_EXPORT int akw_angles(akw_session* s, double t_s, int n_angles);
/* End of session: closes open out-of-band intervals (Monitor::finish); the output is refreshed. */
AKW_EXPORT void akw_finish(akw_session* s);

AKW_EXPORT const double* akw_output(const akw_session* s);
AKW_EXPORT int akw_output_size(const akw_session* s);
/* Offsets of the blocks in the output: the header fields, the DoFs (dof count × dof fields), the
 * bands (band count × band fields), this frame's cues (at most `akw_max_cues` × cue fields). */
AKW_EXPORT int akw_offset_dofs(void);
AKW_EXPORT int akw_offset_bands(void);
AKW_EXPORT int akw_offset_cues(void);
AKW_EXPORT int akw_max_cues(void);
/* Number of this frame's cues. */
AKW_EXPORT int akw_cue_count(const akw_session* s);
/* The sentence of this frame's cue `i` (valid until the next frame). */
AKW_EXPORT const char* akw_cue_text(const akw_session* s, int i);
/* The report's verdict line (`summary(report)`, e.g. "2 out of range, 12 unknown"); made on demand. */
AKW_EXPORT const char* akw_summary(akw_session* s);
/* The error of the last failed `akw_frame`, or "". */
AKW_EXPORT const char* akw_error(const akw_session* s);

#ifdef __cplusplus
}
#endif

#endif
