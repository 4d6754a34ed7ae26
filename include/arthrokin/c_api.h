/* arthrokin/c_api.h: the C API of arthrokin (library `arthrokin_c`, shared).
 *
 * Plain C (C99 and later, and C++): opaque handles, error codes, no exception
 * ever crosses this boundary. For bindings from Swift, Kotlin/JNI, C#/Unity,
 * Rust, Go, ctypes, ...
 *
 * Ownership rules (read these before binding):
 *  - Every handle (ak_limits*, ak_pose*, ak_report*, ak_fitter*) is created by an ak_*_new /
 *    ak_limits_* constructor or by ak_check, is owned by the caller, and must be
 *    released exactly once with its matching ak_*_free. ak_*_free(NULL) is a no-op.
 *  - Handles never refer to one another: ak_check copies the limits into the
 *    report, so a pose or limits may be freed (or changed) while a report made
 *    from them is still in use.
 *  - Strings returned as `const char*` (ak_dof_name, ak_version, the source,
 *    tag and joint names in ak_dof_result) are static: never free them; they
 *    live as long as the library is loaded. They are UTF-8 and NUL-terminated.
 *  - ak_last_error_message() returns a thread-local buffer owned by the
 *    library, valid until the next failing call on the same thread. Copy it if
 *    you keep it.
 *  - Text output (sentences) is written into a caller-owned buffer, snprintf
 *    style: at most `capacity` bytes including the terminating NUL; `*needed`
 *    (if not NULL) receives the full length without the NUL, so that a call
 *    with capacity 0 measures and a second call fills.
 *  - Array arguments are caller-owned and only read (or written) during the call.
 *
 * Threads: every function is reentrant, and the library has no global mutable state
 * (error messages are thread-local). Distinct handles may be used concurrently from
 * different threads; a handle may be read (ak_check, ak_check_into, getters: any
 * function taking it as `const`) from several threads at once, but not modified (any
 * function taking it non-const, ak_*_free included) while another thread uses it. The
 * usual shape: one ak_limits shared by every thread, one ak_pose and ak_report per thread
 * (tests/threads/threads_test.cpp runs exactly this under ThreadSanitizer).
 *
 * Units: functions named *_deg take or give degrees, *_rad radians. A NaN
 * value in a pose means "not observed" (unknown); unknown is never zero.
 * DoF indices are 0 .. ak_dof_count()-1, in the order of ak_dof_name (the
 * arthrokin::DofId order, also the column order of batch arrays).
 *
 * Errors: every function that can fail returns an ak_error; AK_OK (0) on
 * success. On failure, output arguments are left unchanged (handles: set to
 * NULL) and ak_last_error_message() says why.
 */
#ifndef ARTHROKIN_C_API_H
#define ARTHROKIN_C_API_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32) && defined(ARTHROKIN_C_BUILDING)
#define AK_API __declspec(dllexport)
#elif defined(_WIN32)
#define AK_API __declspec(dllimport)
#else
#define AK_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- errors ------------------------------------------------------------- */

typedef enum ak_error {
  AK_OK = 0,
  AK_ERR_NULL_ARGUMENT = 1,    /* a required pointer or handle was NULL */
  AK_ERR_INVALID_ARGUMENT = 2, /* NaN/infinite where a number is required, lower >= upper, ... */
  AK_ERR_UNKNOWN_NAME = 3,     /* unknown DoF name, source key, joint name */
  AK_ERR_OUT_OF_RANGE = 4,     /* DoF index outside 0 .. ak_dof_count()-1 */
  AK_ERR_NO_MEMORY = 5,        /* allocation failed */
  AK_ERR_INTERNAL = 6,         /* an unexpected internal error (please report it) */
  AK_ERR_PARSE = 7,            /* a malformed file (the message names file, line and field) */
  AK_ERR_IO = 8                /* a file that cannot be opened or read */
} ak_error;

/* The message of the last failing call on this thread ("" if none). Thread-local;
 * valid until the next failing call on this thread. Never NULL. */
AK_API const char* ak_last_error_message(void);
/* A static name for an error code: "AK_OK", "AK_ERR_NULL_ARGUMENT", ...;
 * "AK_ERR_UNKNOWN_CODE" for a value that is not an ak_error. */
AK_API const char* ak_error_name(ak_error code);
/* Library version, e.g. "0.1.0" (static). */
AK_API const char* ak_version(void);

/* ---- degrees of freedom --------------------------------------------------- */

/* Number of DoFs of a pose (arthrokin::dof_count, the rows of the DoF table; 39 today). */
AK_API int ak_dof_count(void);
/* Identifier of DoF `index`, e.g. "left_hip_internal_external_rotation" (static),
 * or NULL when `index` is out of range. */
AK_API const char* ak_dof_name(int index);
/* Index of a DoF by any of its names: the identifier or the display name, case
 * and '_'/space insensitive ("left hip internal/external rotation"). A name of a
 * direction ("left hip external rotation") gives the DoF and, in *sense (if not
 * NULL), +1 or -1: the sign a value named that way takes. */
AK_API ak_error ak_dof_index(const char* name, int* index, int* sense);

/* ---- statuses and verdicts (the values of arthrokin::Status / Verdict) ------ */

typedef enum ak_status {
  AK_WITHIN = 0,         /* inside [lower - tolerance, upper + tolerance] */
  AK_BELOW = 1,          /* beyond the lower (negative-direction) end */
  AK_ABOVE = 2,          /* beyond the upper (positive-direction) end */
  AK_UNKNOWN = 3,        /* not observed: never counted as within range */
  AK_NO_LIMIT = 4,       /* observed, but no source gives a limit */
  AK_NOT_CHECKED = 5,    /* excluded by ak_limits_restrict */
  AK_POSSIBLY_BELOW = 6, /* beyond the lower end by no more than the expanded uncertainty U = k*u */
  AK_POSSIBLY_ABOVE = 7  /* beyond the upper end by no more than U */
} ak_status;

typedef enum ak_verdict {
  AK_WITHIN_RANGE = 0,          /* every checked value within range, every checked DoF observed */
  AK_OUT_OF_RANGE = 1,          /* at least one DoF or composite limit clearly out of range */
  AK_VERDICT_UNKNOWN = 2,       /* nothing could be checked */
  AK_POSSIBLY_OUT_OF_RANGE = 3, /* no clear excursion, at least one within its uncertainty */
  AK_WITHIN_RANGE_PARTIAL = 4   /* every observed value within range, some checked DoFs unknown */
} ak_verdict;

AK_API const char* ak_status_name(int status);   /* "within", "below", ... (static; "" if invalid) */
AK_API const char* ak_verdict_name(int verdict); /* "within_range", "out_of_range", "unknown",
                                                    "possibly_out_of_range", "within_range_partial" */

/* ---- limits ----------------------------------------------------------------- */

typedef struct ak_limits ak_limits;

/* The default limits (docs/sources.md). */
AK_API ak_error ak_limits_defaults(ak_limits** out);
/* The default limits for a measurement context, by name: "unspecified" (= ak_limits_defaults),
 * "passive", "active", "weight_bearing": the norms measured in that context where they exist, the
 * default elsewhere (each such bound's citation says so; docs/sources.md). Unknown name:
 * AK_ERR_UNKNOWN_NAME. */
AK_API ak_error ak_limits_defaults_context(const char* context, ak_limits** out);
/* The values of one source ("AAOS", "AAOS94", "AMA", "VA", ...), defaults elsewhere.
 * Unknown key: AK_ERR_UNKNOWN_NAME. */
AK_API ak_error ak_limits_from_source(const char* source_key, ak_limits** out);
/* An independent copy. */
AK_API ak_error ak_limits_clone(const ak_limits* limits, ak_limits** out);
/* Release limits made by any ak_limits_* constructor; NULL is a no-op. */
AK_API void ak_limits_free(ak_limits* limits);
/* Values beyond a limit by no more than `degrees` (finite, >= 0) count as within. */
AK_API ak_error ak_limits_set_tolerance_deg(ak_limits* limits, double degrees);
/* Replace the range of one DoF (a patient override); `reason` may be NULL
 * (at most 63 bytes are kept). Needs finite lower < upper. */
AK_API ak_error ak_limits_override_deg(ak_limits* limits, int dof, double lower_deg, double upper_deg,
                                       const char* reason);
/* Check only the DoFs of these joints ("cervical", "thoracic", "lumbar", "shoulder",
 * "elbow", "forearm", "wrist", "hip", "knee", "ankle", "subtalar"). */
AK_API ak_error ak_limits_restrict(ak_limits* limits, const char* const* joints, size_t count);
/* Whether the shoulder is checked as a region (on in the defaults; docs/shoulder-region.md) and
 * whether two-joint limits are checked (hip flexion with the knee straight; on in the defaults;
 * docs/two-joint-limits.md): `on` 0 leaves each DoF to its own single-axis range. */
AK_API ak_error ak_limits_set_shoulder_region(ak_limits* limits, int on);
AK_API ak_error ak_limits_set_two_joint_limits(ak_limits* limits, int on);
/* The two switches above (1 on, 0 off); either output may be NULL. */
AK_API ak_error ak_limits_get_rules(const ak_limits* limits, int* shoulder_region, int* two_joint_limits);
/* The range of one DoF in degrees; NaN where there is no bound. Either output may be NULL. */
AK_API ak_error ak_limits_get_deg(const ak_limits* limits, int dof, double* lower_deg, double* upper_deg);

/* ---- poses -------------------------------------------------------------------- */

typedef struct ak_pose ak_pose;

/* A pose with every DoF unknown. */
AK_API ak_error ak_pose_new(ak_pose** out);
/* A pose from `count` radians in DoF index order; `count` must be ak_dof_count() (else
 * AK_ERR_INVALID_ARGUMENT). NaN: unknown; infinity: AK_ERR_INVALID_ARGUMENT. */
AK_API ak_error ak_pose_from_radians(const double* radians, size_t count, ak_pose** out);
/* Release a pose; NULL is a no-op. */
AK_API void ak_pose_free(ak_pose* pose);
/* Observe one DoF. NaN or infinity: AK_ERR_INVALID_ARGUMENT (use ak_pose_clear for unknown). */
AK_API ak_error ak_pose_set_deg(ak_pose* pose, int dof, double degrees);
/* As ak_pose_set_deg, in radians. */
AK_API ak_error ak_pose_set_rad(ak_pose* pose, int dof, double radians);
/* Observe a DoF by name (see ak_dof_index; a direction name sets the signed value). */
AK_API ak_error ak_pose_set_deg_by_name(ak_pose* pose, const char* name, double degrees);
/* Mark one DoF unknown. */
AK_API ak_error ak_pose_clear(ak_pose* pose, int dof);
/* The value of one DoF in degrees; NaN when unknown. */
AK_API ak_error ak_pose_get_deg(const ak_pose* pose, int dof, double* degrees);

/* ---- check ---------------------------------------------------------------------- */

typedef struct ak_report ak_report;

/* Check `pose` against `limits`. The report holds its own copy of the limits. */
AK_API ak_error ak_check(const ak_pose* pose, const ak_limits* limits, ak_report** out);
/* Release a report; NULL is a no-op. */
AK_API void ak_report_free(ak_report* report);
/* Overall verdict (an ak_verdict), DoFs + composites out of range, DoFs unknown.
 * Any output may be NULL. */
AK_API ak_error ak_report_summary(const ak_report* report, int* verdict, int* out_of_range_count, int* unknown_count);

/* The result for one DoF. Angles in degrees; NaN where not applicable. */
typedef struct ak_dof_result {
  int dof;            /* DoF index */
  int status;         /* an ak_status */
  double value_deg;   /* the pose's value (NaN if unknown) */
  double excess_deg;  /* beyond the violated bound itself (>= 0; 0 unless (possibly) below/above) */
  double lower_deg;   /* lower (negative-direction) bound, NaN if none */
  double upper_deg;   /* upper (positive-direction) bound, NaN if none */
  double limit_deg;   /* the bound that decided: violated bound if (possibly) below/above, else NaN */
  const char* source; /* source key of that bound ("AAOS", "user", ...); "" if none (static) */
  const char* tag;    /* provenance: "V", "S", "R", "D", "derived", "user", ...; "" if none (static) */
} ak_dof_result;

/* Fill *out with the result for DoF index `dof` (AK_ERR_OUT_OF_RANGE outside 0 .. ak_dof_count()-1).
 * Its strings are static. */
AK_API ak_error ak_report_dof(const ak_report* report, int dof, ak_dof_result* out);
/* The sentence for one DoF, e.g. "left hip internal rotation 52° is 7° beyond the normal 45°
 * (AAOS, edition not identified) [secondary source]" (UTF-8, snprintf-style; see above). */
AK_API ak_error ak_report_sentence(const ak_report* report, int dof, char* buffer, size_t capacity, size_t* needed);
/* Every sentence of the report, one per line (UTF-8, snprintf-style). */
AK_API ak_error ak_report_describe(const ak_report* report, char* buffer, size_t capacity, size_t* needed);

/* ---- many poses at once ----------------------------------------------------- */

/* Check `count` poses: `radians` is count x ak_dof_count() doubles, row-major (one pose per
 * row; NaN unknown). Writes one ak_verdict byte per pose into `verdicts` (count bytes) and,
 * if `statuses` is not NULL, one ak_status byte per DoF (count x ak_dof_count() bytes):
 * exactly what ak_check gives for each pose. Runs the C++ batch kernel (BatchChecker) on
 * the calling thread.
 * +-infinity anywhere in `radians` fails with AK_ERR_INVALID_ARGUMENT before anything is
 * written (`verdicts` and `statuses` are left untouched); the message names the first such
 * pose and its DoF: "ak_check_many: pose 2, lumbar_axial_rotation is infinite (NaN means
 * unknown)". */
AK_API ak_error ak_check_many(const ak_limits* limits, const double* radians, size_t count, uint8_t* verdicts,
                              uint8_t* statuses);

/* ---- uncertainty (docs/uncertainty.md) ------------------------------------------
 * Each value can carry a standard uncertainty u (radians). With the expanded uncertainty
 * U = coverage * u (coverage factor k, 2 by default: JCGM 100:2008 section 6), a value beyond a
 * bound by an excess 0 < e <= U is AK_POSSIBLY_BELOW / AK_POSSIBLY_ABOVE; only e > U is
 * AK_BELOW / AK_ABOVE. `u_rad`: NULL with u_count 0 (none), one value for every DoF (u_count 1),
 * or ak_dof_count() values (NaN: none). A negative or infinite u, or a coverage that is not
 * finite and > 0: AK_ERR_INVALID_ARGUMENT. Composite limits are checked without uncertainty. */

/* ak_check with uncertainties. */
AK_API ak_error ak_check_uncertain(const ak_pose* pose, const ak_limits* limits, const double* u_rad, size_t u_count,
                                   double coverage, ak_report** out);
/* Counts of a report: clearly out of range (DoFs + composites), possibly out of range (DoFs),
 * unknown DoFs, DoFs observed and checked. Any output may be NULL. A within verdict tells a
 * complete report (AK_WITHIN_RANGE) from a partial one (AK_WITHIN_RANGE_PARTIAL); for the
 * others, unknown > 0 says the report is partial. */
AK_API ak_error ak_report_counts(const ak_report* report, int* out_of_range_count, int* possibly_out_of_range_count,
                                 int* unknown_count, int* observed_count);
/* The expanded uncertainty U of one DoF's value in degrees (0: none). */
AK_API ak_error ak_report_uncertainty_deg(const ak_report* report, int dof, double* expanded_deg);
/* Which limit decided a DoF's status (the values of arthrokin::LimitKind): its own range, or the
 * shoulder region (docs/shoulder-region.md), whose excess is in elevation. */
typedef enum ak_limit_kind {
  AK_LIMIT_SINGLE_AXIS = 0, /* the DoF's own range */
  AK_LIMIT_REGION = 1,      /* the shoulder region: the maximum elevation in the arm's plane of elevation */
  AK_LIMIT_TWO_JOINT =
      2 /* a two-joint limit: hip flexion at the knee's flexion (hamstrings); limit_deg is its value there */
} ak_limit_kind;
/* *kind = the ak_limit_kind that decided DoF `dof` of the report. */
AK_API ak_error ak_report_decided_by(const ak_report* report, int dof, int* kind);
/* ak_check_many with uncertainties: `u_rad`/`u_count` as above, for every pose; `row_u_rad`: NULL,
 * or count x ak_dof_count() per-pose standard uncertainties (radians; NaN: the `u_rad` value). */
AK_API ak_error ak_check_many_uncertain(const ak_limits* limits, const double* radians, size_t count,
                                        const double* u_rad, size_t u_count, const double* row_u_rad, double coverage,
                                        uint8_t* verdicts, uint8_t* statuses);
/* The documented default standard uncertainty of an input kind for one DoF, in degrees: kind 0
 * goniometer, 1 marker-based motion capture, 2 IMU, 3 monocular keypoints. 0 where no published
 * figure was found (docs/uncertainty.md). */
AK_API ak_error ak_uncertainty_default_deg(int kind, int dof, double* u_deg);

/* ---- range reached and deficit against the norm (docs/assessment.md) ---------------
 * An ak_range accumulates, per DoF, the range reached over poses: exact minimum and maximum (with
 * the frame and time of each; the smallest frame on ties), how many frames observed it, and robust
 * ends (the 2nd and 98th nearest-rank percentiles, within 0.05 deg: a 0.1 deg histogram over
 * -180..180 deg). NaN is unknown and skipped, never zero. */
typedef struct ak_range ak_range;
/* A new, empty accumulator (allocates its histogram, about 560 KB). Free with ak_range_free. */
AK_API ak_error ak_range_new(ak_range** out);
AK_API void ak_range_free(ak_range* range);
/* Add `count` poses (count x ak_dof_count() radians, row-major, NaN unknown) as frames first_frame,
 * first_frame + 1, ...; `times_s`: NULL or `count` seconds (NaN: not given). +-infinity in
 * `radians` or `times_s`: AK_ERR_INVALID_ARGUMENT before anything is added ("ak_range_add_many:
 * pose 2, left_knee_flexion_extension is infinite (NaN means unknown)"). No allocation. */
AK_API ak_error ak_range_add_many(ak_range* range, const double* radians, size_t count, uint64_t first_frame,
                                  const double* times_s);
/* Add another accumulator's frames (e.g. one per thread): the result equals one accumulator over all. */
AK_API ak_error ak_range_merge(ak_range* into, const ak_range* other);
/* The range of one DoF (angles in degrees, NaN when never observed). */
typedef struct ak_dof_range {
  uint64_t frames, observed;
  double min_deg, max_deg, robust_low_deg, robust_high_deg;
  uint64_t min_frame, max_frame;
  double min_time_s, max_time_s; /* NaN: not given */
} ak_dof_range;
AK_API ak_error ak_range_dof(const ak_range* range, int dof, ak_dof_range* out);
/* What a reached end was compared with (arthrokin::NormKind). */
typedef enum ak_norm_kind {
  AK_NORM_NONE = 0,        /* no normal end for this DoF and direction */
  AK_NORM_LIMIT = 1,       /* the end of the normal range of the limits */
  AK_NORM_AGE_SEX_MEAN = 2 /* the MEAN of the person's age and sex group (not a limit) */
} ak_norm_kind;
typedef struct ak_deficit {
  double reached_deg;   /* signed reached end (the maximum for sense +1, the minimum for -1) */
  double normal_deg;    /* signed normal end (a limit or a mean) */
  double shortfall_deg; /* sense x (normal - reached): > 0 short of it, < 0 beyond it */
  double percent;       /* shortfall / |normal| x 100 (NaN when normal is 0) */
  int kind;             /* ak_norm_kind */
} ak_deficit;
/* The deficit of DoF `dof` in direction `sense` (+1 flexion, adduction, ...; -1 extension,
 * abduction, ...) against `limits`, or, with age >= 0, against the age/sex mean where the table has
 * one (sex: 0 female, 1 male, 2 both = sex not given); `robust` != 0: from the robust ends. The
 * sentence ("right knee flexion reached 92°, 48° (34 %) short of the normal 140° (38 CFR 4.71a); the
 * left knee reached 135°") is written snprintf-style into `buffer` (may be NULL with capacity 0). */
AK_API ak_error ak_range_deficit(const ak_range* range, const ak_limits* limits, int dof, int sense, int age, int sex,
                                 int robust, ak_deficit* out, char* buffer, size_t capacity, size_t* needed);
/* Side-to-side asymmetry of limb DoF `involved_dof` (the involved side) against its other side, in
 * direction `sense`: *difference_deg = sense x (uninvolved - involved); *lsi = involved / uninvolved x
 * 100 of the reached ends (NaN where undefined: docs/assessment.md). Either output may be NULL. */
AK_API ak_error ak_range_asymmetry(const ak_range* range, int involved_dof, int sense, int robust,
                                   double* difference_deg, double* lsi);

/* ---- REBA (docs/ergonomics.md) ------------------------------------------------------
 * The REBA score of a pose (Hignett & McAtamney 2000). What a pose cannot give is an option;
 * start from ak_reba_options_init (the defaults of arthrokin::RebaOptions) and set what applies. */
typedef struct ak_reba_options {
  int side;             /* the arm scored: 1 left, 2 right (default 2) */
  int legs;             /* 0 bilateral weight-bearing or walking, 1 sitting, 2 unilateral or unstable */
  double load_kg;       /* load or force handled, kg (finite, >= 0) */
  int shock;            /* != 0: shock or rapid build-up of force */
  int coupling;         /* 0 good, 1 fair, 2 poor, 3 unacceptable */
  int shoulder_raised;  /* != 0: +1 upper arm */
  int arm_supported;    /* != 0: -1 upper arm (supported, leaning, gravity-assisted) */
  int wrist_twisted;    /* != 0: +1 wrist */
  int static_posture;   /* activity: a body part held more than 1 minute */
  int repeated;         /* activity: small-range actions repeated more than 4 times a minute */
  int rapid_changes;    /* activity: rapid large changes in posture or an unstable base */
  double threshold_deg; /* upright tolerance and twist/side-bend/abduction/deviation threshold (>= 0) */
} ak_reba_options;
typedef struct ak_reba_result {
  int score;                                          /* 1-15; 0: unknown */
  int action_level;                                   /* 0-4; -1: unknown */
  int trunk, neck, legs, upper_arm, lower_arm, wrist; /* 0: unknown */
  int score_a, score_b, table_c, activity;
  int missing_dof;   /* the first DoF the score needed that the pose did not observe; -1: none */
  int untranscribed; /* != 0: the Table C cell needed was not transcribed (docs/ergonomics.md) */
} ak_reba_result;
/* The defaults: right arm, bilateral, no load, good coupling, no adjustments, threshold 0. */
AK_API ak_error ak_reba_options_init(ak_reba_options* options);
/* Score `pose` (options NULL: the defaults). Bad options (a side or code out of range, a load or
 * threshold that is not finite and >= 0): AK_ERR_INVALID_ARGUMENT. An unknown score is not an error. */
AK_API ak_error ak_reba(const ak_pose* pose, const ak_reba_options* options, ak_reba_result* out);

/* ---- the skeleton fitter (docs/fitter.md) ------------------------------------------
 * Noisy keypoint frames from a pose estimator -> joint angles of one skeleton: left/right swaps
 * repaired, single-frame jumps dropped, constant long-bone lengths, a lost person unknown, and a
 * standard uncertainty per DoF (pass it to ak_check_uncertain). An ak_fitter holds the state of
 * one stream (online: causal, one frame in, one pose out); free it with ak_fitter_free. */
typedef struct ak_fitter ak_fitter;
/* A fitter for a keypoint layout ("blazepose33", "coco17", "h36m17", "smpl24") with the default
 * options of arthrokin::FitterOptions (docs/fitter.md). Unknown layout: AK_ERR_UNKNOWN_NAME. */
AK_API ak_error ak_fitter_new(const char* layout, ak_fitter** out);
AK_API void ak_fitter_free(ak_fitter* fitter);
/* The number of keypoints of the fitter's layout (33, 17, 17, 24). */
AK_API ak_error ak_fitter_keypoint_count(const ak_fitter* fitter, int* count);
/* Forget the tracks (not the segment lengths): the next frame starts a new acquisition. */
AK_API ak_error ak_fitter_reset(ak_fitter* fitter);
/* Fit one frame at time t_s (seconds, strictly increasing): `xyz` is 3 x count doubles (NaN: a
 * missing point), `visibility` count values in [0, 1] or NULL (all 1). Writes ak_dof_count()
 * radians into `angles_rad` (NaN unknown) and, when not NULL, the standard uncertainties into
 * `sigma_rad` (radians, NaN unknown), *swap (0 none, 1 whole body, 2 arms, 3 legs: the left/right
 * swap repaired in this frame) and *state (0 acquiring, 1 tracking, 2 lost). A +-infinite
 * coordinate, a visibility outside [0, 1] or a time that is not after the previous frame's:
 * AK_ERR_INVALID_ARGUMENT, with the fitter and the outputs unchanged. No allocation. */
AK_API ak_error ak_fitter_update(ak_fitter* fitter, const double* xyz, const double* visibility, double t_s,
                                 double* angles_rad, double* sigma_rad, int* swap, int* state);
/* ak_fitter_update with the 2D image landmarks of the same frame (arthrokin::SkeletonFitter::update
 * with an ImageKeypointView; docs/fitter.md): `image_xy` 2 x count doubles normalised to the image
 * (x / width, y / height; NaN missing), `image_visibility` count values in [0, 1] or NULL,
 * `aspect_ratio` width / height > 0. Lateral coordinates from the image, depth from `xyz`. Errors as
 * ak_fitter_update (and a bad image or aspect ratio), with the fitter and the outputs unchanged. */
AK_API ak_error ak_fitter_update_with_image(ak_fitter* fitter, const double* xyz, const double* visibility,
                                            const double* image_xy, const double* image_visibility, double aspect_ratio,
                                            double t_s, double* angles_rad, double* sigma_rad, int* swap, int* state);
/* Offline fit of a whole recording (arthrokin::fit_sequence, default options): the online filter
 * forwards, a Rauch-Tung-Striebel smoother backwards. `xyz` holds `frames` x 3 x count doubles
 * (count: the layout's keypoints), `visibility` frames x count values or NULL, `times_s` `frames`
 * strictly increasing times. Writes frames x ak_dof_count() radians into `angles_rad` (row-major,
 * NaN unknown) and, when not NULL, the uncertainties into `sigma_rad` (same shape), the swap repaired
 * (`swap`, frames ints) and the state (`state`, frames ints; 1 tracking, 2 lost). Unknown layout:
 * AK_ERR_UNKNOWN_NAME; bad input (as ak_fitter_update, naming the frame): AK_ERR_INVALID_ARGUMENT,
 * the outputs unchanged. frames = 0: nothing to do. Allocates (the smoother keeps every frame). */
AK_API ak_error ak_fit_sequence(const char* layout, const double* xyz, const double* visibility, const double* times_s,
                                size_t frames, double* angles_rad, double* sigma_rad, int* swap, int* state);

/* ---- gait against the normative curves of typically developing CHILDREN (docs/gait.md) ---------
 * One gait cycle of one side scored against Schwartz2008: `radians` holds `count` >= 2 poses
 * (count x ak_dof_count(), row-major, NaN unknown), the first and the last at initial contacts of the
 * same foot. Variables (index = arthrokin::GaitVariable): 0 pelvic tilt, 1 obliquity, 2 rotation,
 * 3 hip flexion, 4 hip adduction, 5 hip rotation, 6 knee flexion, 7 knee varus, 8 knee rotation,
 * 9 ankle dorsiflexion, 10 foot progression; 0-2 and 10 need angles relative to the laboratory,
 * which a pose does not carry: here they are always unknown (the C++ API takes them). */
typedef struct ak_gait_cycle {
  double gps_deg;         /* Gait Profile Score (Baker09); NaN when no GPS variable is known */
  int gps_variables;      /* how many GVSs it is the RMS of */
  double gvs_deg[11];     /* Gait Variable Score per variable; NaN: not known */
  int outside_points[11]; /* points (of 51) outside the band mean +- 1 SD */
  int knee_known;         /* every stance point of the knee known */
  int knee_never_extends; /* least knee flexion in stance above the norm's least mean + knee_sd x SD */
  double knee_least_deg;  /* least knee flexion in stance, and where (% of the cycle) */
  double knee_least_percent;
  double knee_norm_least_deg; /* the norm's least mean knee flexion in stance, and its SD there */
  double knee_norm_sd_deg;
} ak_gait_cycle;
/* side: 1 left, 2 right; speed: 0 VerySlow, 1 Slow, 2 Free, 3 Fast, 4 VeryFast; stance_end_percent in
 * (0, 100] (60: docs/gait.md); knee_sd >= 0 (1: the table's band). The knee sentence ("right knee never
 * extends in stance: ...") is written snprintf-style into `buffer` (may be NULL with capacity 0).
 * Allocates count x 11 doubles for the cycle's variables. +-infinity in `radians`:
 * AK_ERR_INVALID_ARGUMENT. */
AK_API ak_error ak_gait_score_cycle(const double* radians, size_t count, int side, int speed, double stance_end_percent,
                                    double knee_sd, ak_gait_cycle* out, char* buffer, size_t capacity, size_t* needed);

/* ---- the per-frame path: keypoints or segment rotations -> angles -> report -------------
 * A camera or IMU app calls, once per frame, with buffers it allocated once:
 *   ak_keypoint_angles(...) or ak_rotation_angles(...)   -> radians[ak_dof_count()], totals[3]
 *   ak_pose_set_radians(pose, radians, n); ak_pose_set_thoracolumbar_rad(pose, totals)
 *   ak_check_into(pose, limits, report)                   -> the report, reused
 * None of these allocates (docs/c-api.md). Both angle functions take `frames` frames at once
 * (1 per frame in a stream), write `frames` x ak_dof_count() radians (NaN: unknown, never 0),
 * and optionally, when the pointers are not NULL, `frames` x ak_dof_count() ak_dof_status bytes
 * (why each DoF is or is not known) and `frames` x 3 thoracolumbar totals (flexion, lateral
 * flexion, axial rotation of the thoracic + lumbar spine, radians; NaN: not set) with their
 * `frames` x 3 status bytes. They equal arthrokin::keypoint_angles / joint_angles (C++) bit for bit. */

/* Why a DoF is (or is not) in the angles (the values of arthrokin::DofStatus). */
typedef enum ak_dof_status {
  AK_DOF_OBSERVED = 0,                 /* computed from the data */
  AK_DOF_OBSERVED_WITH_ASSUMPTION = 1, /* computed, relying on a documented assumption (docs/kinematics.md) */
  AK_DOF_MISSING_SEGMENT = 2,          /* a segment or keypoint it needs is missing (NaN) */
  AK_DOF_LOW_CONFIDENCE = 3,           /* a keypoint it needs is below min_visibility */
  AK_DOF_DEGENERATE_GEOMETRY = 4,      /* coincident or collinear points */
  AK_DOF_UNOBSERVABLE = 5,             /* the input cannot determine it (forearm rotation from keypoints) */
  AK_DOF_GIMBAL_LOCK = 6,              /* near a Cardan singularity */
  AK_DOF_ILL_CONDITIONED = 7,          /* rounding error too large (keypoints far from their origin) */
  AK_DOF_INVALID_ROTATION = 8          /* a segment rotation that is not one (zero or infinite quaternion) */
} ak_dof_status;
/* "observed", "missing_segment", ... (static; "" if invalid). */
AK_API const char* ak_dof_status_name(int status);

/* Keypoint layouts (arthrokin::Layout). */
typedef enum ak_layout {
  AK_LAYOUT_BLAZEPOSE33 = 0, /* MediaPipe BlazePose, 33 points */
  AK_LAYOUT_COCO17 = 1,      /* COCO, 17 points */
  AK_LAYOUT_H36M17 = 2,      /* Human3.6M, 17 joints */
  AK_LAYOUT_SMPL24 = 3       /* SMPL joints, 24 */
} ak_layout;
/* The layout of a name ("blazepose33", "coco17", "h36m17", "smpl24"); AK_ERR_UNKNOWN_NAME otherwise. */
AK_API ak_error ak_layout_from_name(const char* name, int* layout);
/* Keypoints per frame of a layout (33, 17, 17, 24); 0 for a value that is not an ak_layout. */
AK_API size_t ak_layout_keypoint_count(int layout);

/* Keypoints of `frames` frames -> angles. `xyz`: frames x K x 3 doubles (K =
 * ak_layout_keypoint_count(layout); NaN coordinates: a missing point); `visibility`: NULL (every
 * point visible) or frames x K numbers in [0, 1]; points below `min_visibility` (in [0, 1]) are not
 * used; `mirrored` != 0: the image is mirrored (a selfie camera: left and right swapped).
 * AK_ERR_INVALID_ARGUMENT, before anything is written, for an infinite coordinate, a visibility
 * outside [0, 1] or NaN, a min_visibility outside [0, 1] (the message names the frame and keypoint:
 * "ak_keypoint_angles: frame 2, keypoint 7: coordinate y is infinite (NaN means a missing point)");
 * an invalid layout: AK_ERR_OUT_OF_RANGE. `status`, `thoracolumbar`, `thoracolumbar_status` may be NULL. */
AK_API ak_error ak_keypoint_angles(int layout, const double* xyz, size_t frames, const double* visibility,
                                   double min_visibility, int mirrored, double* radians, uint8_t* status,
                                   double* thoracolumbar, uint8_t* thoracolumbar_status);

/* Number of segments of ak_rotation_angles (16) and the name of segment `index` ("pelvis",
 * "abdomen", "thorax", "head", "left_upper_arm", ...; static; NULL out of range). */
AK_API int ak_segment_count(void);
AK_API const char* ak_segment_name(int index);
/* Segment rotations of `frames` frames -> angles. `quaternions`: frames x ak_segment_count() x 4
 * doubles, one quaternion per segment in the order of ak_segment_name, scalar LAST (x, y, z, w: the
 * order of Eigen's coeffs() and SciPy's as_quat()), the global orientation of the segment's
 * anatomical frame (docs/kinematics.md), any norm. NaN in a quaternion: a missing segment
 * (AK_DOF_MISSING_SEGMENT); zero or infinite: not a rotation (AK_DOF_INVALID_ROTATION), not an error.
 * As arthrokin::joint_angles_batch. */
AK_API ak_error ak_rotation_angles(const double* quaternions, size_t frames, double* radians, uint8_t* status,
                                   double* thoracolumbar, uint8_t* thoracolumbar_status);

/* Set every DoF of an existing pose from `count` (= ak_dof_count()) radians; NaN: unknown. Keeps
 * nothing of the previous values (its thoracolumbar totals are cleared too). +-infinity:
 * AK_ERR_INVALID_ARGUMENT naming the DoF, the pose unchanged. No allocation. */
AK_API ak_error ak_pose_set_radians(ak_pose* pose, const double* radians, size_t count);
/* Set the thoracolumbar totals of a pose (3 radians: flexion, lateral flexion, axial rotation of
 * thoracic + lumbar; NaN: not set), checked against the thoracolumbar composite limits when the
 * thoracic and lumbar DoFs are unknown (keypoints cannot split them). +-infinity:
 * AK_ERR_INVALID_ARGUMENT, the pose unchanged. */
AK_API ak_error ak_pose_set_thoracolumbar_rad(ak_pose* pose, const double* totals3);
/* The thoracolumbar totals of a pose (3 radians, NaN where not set). */
AK_API ak_error ak_pose_get_thoracolumbar_rad(const ak_pose* pose, double* totals3);

/* A report to be filled by ak_check_into. Until then it is the report of a pose with nothing
 * observed against the default limits (verdict AK_VERDICT_UNKNOWN), so every getter works on it.
 * Free with ak_report_free. */
AK_API ak_error ak_report_new(ak_report** out);
/* ak_check into an existing report (its previous content replaced), for a per-frame loop without
 * allocation: the report copies the limits into storage it already has. */
AK_API ak_error ak_check_into(const ak_pose* pose, const ak_limits* limits, ak_report* report);
/* ak_check_many with thoracolumbar totals: `thoracolumbar` NULL or count x 3 radians (NaN: not
 * set). +-infinity in either array: AK_ERR_INVALID_ARGUMENT before anything is written ("pose 3,
 * thoracolumbar axial_rotation is infinite (NaN means not set)"). */
AK_API ak_error ak_check_many_thoracolumbar(const ak_limits* limits, const double* radians, const double* thoracolumbar,
                                            size_t count, uint8_t* verdicts, uint8_t* statuses);

/* ---- BVH motion capture -> frames of angles (docs/bvh.md) ----------------------------------
 * The file is read whole and its joints mapped to segments by the CMU names (docs/bvh.md, as the
 * CLI's and Python's read_bvh). A missing file or directory: AK_ERR_IO; a malformed one:
 * AK_ERR_PARSE with file, line and field. */
typedef struct ak_bvh_angles ak_bvh_angles;
AK_API ak_error ak_bvh_angles_read(const char* path, ak_bvh_angles** out);
AK_API void ak_bvh_angles_free(ak_bvh_angles* angles);
/* Frames and seconds per frame; either output may be NULL. */
AK_API ak_error ak_bvh_angles_info(const ak_bvh_angles* angles, size_t* frames, double* frame_time_s);
/* The angles: frames x ak_dof_count() radians (NaN unknown) and frames x 3 thoracolumbar totals,
 * owned by the handle (valid until ak_bvh_angles_free). Either output may be NULL. */
AK_API ak_error ak_bvh_angles_data(const ak_bvh_angles* angles, const double** radians, const double** thoracolumbar);

#ifdef __cplusplus
}
#endif

#endif /* ARTHROKIN_C_API_H */
