/* @file arthrokin_web.h
 * @brief The WebAssembly module's C ABI (docs/web.md): one session = BlazePose-33 world landmarks
 *        per frame → (optionally) the online skeleton fitter → joint angles → `check` against the
 *        default limits → the Lumbar Spine Rocking Stretch `Monitor`. Compiled to WebAssembly by
 *        wasm/CMakeLists.txt (emcmake) and natively by the equality test's driver
 *        (wasm/test/native_driver.cpp), so both run the same glue over the same library code.
 *
 * Data in: the caller writes 33 × 3 coordinates and 33 visibilities into the session's input
 * buffers (`akw_input_xyz`, `akw_input_visibility`: typed-array views in JavaScript), then calls
 * `akw_frame`. Data out: a flat buffer of doubles (`akw_output`) whose fields are named by the
 * module itself (`akw_name(AKW_TABLE_*_FIELDS, i)`), so that the JavaScript wrapper
 * (wasm/js/arthrokin_web_api.js) turns it into plain objects without a copy of the layout.
 * Unknown = NaN in the buffer (null in the objects), never 0. `akw_frame` allocates nothing.
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
  AKW_TABLE_BAND_LABEL = 13
};

/* Entry `i` of a table, or a null pointer past its end (a static string). */
AKW_EXPORT const char* akw_name(int table, int i);
/* Number of entries of a table. */
AKW_EXPORT int akw_count(int table);

/* A session. `fit`: 0 raw keypoint angles per frame, 1 the online SkeletonFitter (its per-DoF
 * uncertainty goes to `check`). `mirrored`: selfie input (KeypointOptions::mirrored).
 * Returns a null pointer on failure (`akw_last_error`). */
AKW_EXPORT akw_session* akw_create(int fit, int mirrored);
AKW_EXPORT void akw_destroy(akw_session* s);
/* The last error of a failed `akw_create` (static storage). */
AKW_EXPORT const char* akw_last_error(void);

/* Input buffers: 99 coordinates (x, y, z per landmark, MediaPipe order; NaN = missing) and
 * 33 visibilities in [0, 1]. */
AKW_EXPORT double* akw_input_xyz(akw_session* s);
AKW_EXPORT double* akw_input_visibility(akw_session* s);

/* Process one frame at time `t_s` (seconds, increasing). `has_visibility` 0: all points weight 1.
 * Returns 0, or 1 on bad input (the output's `ok` is then 0 and `akw_error` says why; the session
 * is unchanged). */
AKW_EXPORT int akw_frame(akw_session* s, double t_s, int has_visibility);
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
