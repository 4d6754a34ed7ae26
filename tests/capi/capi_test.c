/* C11 test of the C API (compiled with -Wall -Wextra -Wpedantic -Werror).
 * Expected values are from data/reference/rom_norms.csv, not from the code:
 *   hip,internal_external_rotation,internal_rotation,45,AAOS,S,...
 * so a left hip internal rotation of 52 deg checked against AAOS is 7 deg above 45. */
#include <arthrokin/c_api.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define EXPECT(cond)                                                     \
  do {                                                                   \
    if (!(cond)) {                                                       \
      fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); \
      fprintf(stderr, "  last error: %s\n", ak_last_error_message());    \
      ++failures;                                                        \
    }                                                                    \
  } while (0)

#define EXPECT_NEAR(a, b, tol) EXPECT(fabs((a) - (b)) <= (tol))

static int dof(const char* name) {
  int index = -1;
  EXPECT(ak_dof_index(name, &index, NULL) == AK_OK);
  return index;
}

static void test_names(void) {
  EXPECT(ak_dof_count() == 39);
  EXPECT(strcmp(ak_dof_name(0), "cervical_flexion_extension") == 0);
  EXPECT(strcmp(ak_dof_name(38), "right_subtalar_inversion_eversion") == 0);
  EXPECT(ak_dof_name(39) == NULL);
  EXPECT(ak_dof_name(-1) == NULL);
  /* DofId order: 9 spinal, then left limb (hip IR is the 11th limb DoF), then right */
  EXPECT(dof("left_hip_internal_external_rotation") == 19);
  int index = -1, sense = 0;
  EXPECT(ak_dof_index("left hip external rotation", &index, &sense) == AK_OK);
  EXPECT(index == 19 && sense == -1);
  EXPECT(strcmp(ak_status_name(AK_ABOVE), "above") == 0);
  EXPECT(strcmp(ak_verdict_name(AK_OUT_OF_RANGE), "out_of_range") == 0);
  EXPECT(strlen(ak_version()) > 0);
}

static void test_hip_internal_rotation_aaos(void) {
  ak_limits* limits = NULL;
  ak_pose* pose = NULL;
  ak_report* report = NULL;
  const int hip_ir = dof("left_hip_internal_external_rotation");
  EXPECT(ak_limits_from_source("AAOS", &limits) == AK_OK);
  EXPECT(ak_pose_new(&pose) == AK_OK);
  EXPECT(ak_pose_set_deg(pose, hip_ir, 52.0) == AK_OK);
  EXPECT(ak_check(pose, limits, &report) == AK_OK);

  int verdict = -1, out_count = -1, unknown = -1;
  EXPECT(ak_report_summary(report, &verdict, &out_count, &unknown) == AK_OK);
  EXPECT(verdict == AK_OUT_OF_RANGE);
  EXPECT(out_count == 1);
  EXPECT(unknown == ak_dof_count() - 1);

  ak_dof_result r;
  EXPECT(ak_report_dof(report, hip_ir, &r) == AK_OK);
  EXPECT(r.status == AK_ABOVE);
  EXPECT_NEAR(r.value_deg, 52.0, 1e-9);
  EXPECT_NEAR(r.excess_deg, 7.0, 1e-9);
  EXPECT_NEAR(r.limit_deg, 45.0, 1e-9);
  EXPECT_NEAR(r.upper_deg, 45.0, 1e-9);
  EXPECT(strcmp(r.source, "AAOS") == 0);
  EXPECT(strcmp(r.tag, "S") == 0);

  /* the sentence: measure, then fill */
  size_t needed = 0;
  EXPECT(ak_report_sentence(report, hip_ir, NULL, 0, &needed) == AK_OK);
  EXPECT(needed > 20);
  char sentence[256];
  EXPECT(ak_report_sentence(report, hip_ir, sentence, sizeof sentence, NULL) == AK_OK);
  EXPECT(strlen(sentence) == needed);
  EXPECT(strstr(sentence, "left hip internal rotation 52") == sentence);
  EXPECT(strstr(sentence, "7\xC2\xB0 beyond the normal 45\xC2\xB0") != NULL);
  /* truncation keeps a NUL */
  char small[8];
  EXPECT(ak_report_sentence(report, hip_ir, small, sizeof small, &needed) == AK_OK);
  EXPECT(strlen(small) == 7);

  /* an unobserved DoF is unknown, not zero */
  EXPECT(ak_report_dof(report, dof("left_knee_flexion_extension"), &r) == AK_OK);
  EXPECT(r.status == AK_UNKNOWN);
  EXPECT(isnan(r.value_deg));

  /* the report keeps its own limits: freeing the inputs first is fine */
  ak_limits_free(limits);
  ak_pose_free(pose);
  EXPECT(ak_report_dof(report, hip_ir, &r) == AK_OK);
  EXPECT_NEAR(r.excess_deg, 7.0, 1e-9);
  char text[2048];
  EXPECT(ak_report_describe(report, text, sizeof text, &needed) == AK_OK);
  EXPECT(strstr(text, "overall: out_of_range") == text);
  ak_report_free(report);
}

static int check_status(ak_limits* limits, int d, double deg) {
  ak_pose* pose = NULL;
  ak_report* report = NULL;
  ak_dof_result r;
  r.status = -1;
  EXPECT(ak_pose_new(&pose) == AK_OK);
  EXPECT(ak_pose_set_deg(pose, d, deg) == AK_OK);
  EXPECT(ak_check(pose, limits, &report) == AK_OK);
  EXPECT(ak_report_dof(report, d, &r) == AK_OK);
  ak_report_free(report);
  ak_pose_free(pose);
  return r.status;
}

static void test_tolerance_override_restrict(void) {
  const int hip_ir = dof("left_hip_internal_external_rotation");
  ak_limits* limits = NULL;
  ak_limits* copy = NULL;
  EXPECT(ak_limits_from_source("AAOS", &limits) == AK_OK);
  EXPECT(ak_limits_clone(limits, &copy) == AK_OK);
  EXPECT(ak_limits_set_tolerance_deg(limits, 7.5) == AK_OK);
  EXPECT(check_status(limits, hip_ir, 52.0) == AK_WITHIN); /* 52 <= 45 + 7.5 */
  EXPECT(ak_limits_set_tolerance_deg(limits, 6.5) == AK_OK);
  EXPECT(check_status(limits, hip_ir, 52.0) == AK_ABOVE);
  EXPECT(check_status(copy, hip_ir, 52.0) == AK_ABOVE); /* the clone is independent */

  /* external rotation (negative) past the override's lower end */
  EXPECT(ak_limits_override_deg(copy, hip_ir, -10.0, 20.0, "after hip surgery") == AK_OK);
  double lo = 0, hi = 0;
  EXPECT(ak_limits_get_deg(copy, hip_ir, &lo, &hi) == AK_OK);
  EXPECT_NEAR(lo, -10.0, 1e-12);
  EXPECT_NEAR(hi, 20.0, 1e-12);
  EXPECT(check_status(copy, hip_ir, -15.0) == AK_BELOW);
  EXPECT(check_status(copy, hip_ir, 15.0) == AK_WITHIN);

  const char* knee_only[] = {"knee"};
  EXPECT(ak_limits_restrict(copy, knee_only, 1) == AK_OK);
  EXPECT(check_status(copy, hip_ir, 52.0) == AK_NOT_CHECKED);
  EXPECT(check_status(copy, dof("right_knee_flexion_extension"), 200.0) == AK_ABOVE);
  ak_limits_free(limits);
  ak_limits_free(copy);
}

static void test_check_many(void) {
  const int hip_ir = dof("left_hip_internal_external_rotation");
  const int n = ak_dof_count(); /* 3 rows of n, row-major */
  double* rows = malloc(3 * (size_t)n * sizeof(double));
  uint8_t* statuses = malloc(3 * (size_t)n);
  EXPECT(rows != NULL && statuses != NULL);
  if (!rows || !statuses) return;
  for (int k = 0; k < 3 * n; ++k) rows[k] = NAN;
  const double deg = 3.14159265358979323846 / 180.0;
  rows[0 * n + hip_ir] = 52.0 * deg; /* out */
  rows[1 * n + hip_ir] = 40.0 * deg; /* within 45 */
  ak_limits* limits = NULL;
  EXPECT(ak_limits_from_source("AAOS", &limits) == AK_OK);
  uint8_t verdicts[3] = {9, 9, 9};
  EXPECT(ak_check_many(limits, rows, 3, verdicts, statuses) == AK_OK);
  EXPECT(verdicts[0] == AK_OUT_OF_RANGE);
  EXPECT(verdicts[1] == AK_WITHIN_RANGE_PARTIAL); /* one DoF observed: within range, partial */
  EXPECT(verdicts[2] == AK_VERDICT_UNKNOWN);
  EXPECT(statuses[0 * n + hip_ir] == AK_ABOVE);
  EXPECT(statuses[1 * n + hip_ir] == AK_WITHIN);
  EXPECT(statuses[2 * n + hip_ir] == AK_UNKNOWN);
  rows[2 * n] = INFINITY;
  EXPECT(ak_check_many(limits, rows, 3, verdicts, NULL) == AK_ERR_INVALID_ARGUMENT);
  EXPECT(strstr(ak_last_error_message(), "infinite") != NULL);

  /* the +-infinity rule: an error naming the first such pose and DoF; nothing written */
  rows[1 * n + hip_ir] = -INFINITY; /* pose 1 comes before pose 2 */
  memset(verdicts, 0xAB, sizeof verdicts);
  memset(statuses, 0xAB, 3 * (size_t)n);
  EXPECT(ak_check_many(limits, rows, 3, verdicts, statuses) == AK_ERR_INVALID_ARGUMENT);
  EXPECT(strcmp(ak_last_error_message(),
                "ak_check_many: pose 1, left_hip_internal_external_rotation is infinite (NaN means unknown)") == 0);
  int untouched = 1;
  for (int i = 0; i < 3; ++i) untouched = untouched && verdicts[i] == 0xAB;
  for (int i = 0; i < 3 * n; ++i) untouched = untouched && statuses[i] == 0xAB;
  EXPECT(untouched);
  /* NaN is unknown, never an error; a single pose follows the same rule */
  rows[1 * n + hip_ir] = NAN;
  rows[2 * n + 0] = NAN;
  EXPECT(ak_check_many(limits, rows, 3, verdicts, statuses) == AK_OK);
  EXPECT(statuses[1 * n + hip_ir] == AK_UNKNOWN);
  ak_pose* p = NULL;
  rows[0 * n + 5] = -INFINITY;
  EXPECT(ak_pose_from_radians(rows, (size_t)n, &p) == AK_ERR_INVALID_ARGUMENT);
  EXPECT(p == NULL);
  EXPECT(strstr(ak_last_error_message(), "ak_pose_from_radians: ") != NULL);
  EXPECT(strstr(ak_last_error_message(), " is infinite (NaN means unknown)") != NULL);
  EXPECT(strstr(ak_last_error_message(), ak_dof_name(5)) != NULL);
  ak_limits_free(limits);
  free(rows);
  free(statuses);
}

static void test_errors(void) {
  ak_pose* pose = NULL;
  ak_limits* limits = NULL;
  ak_report* report = NULL;
  EXPECT(ak_pose_new(&pose) == AK_OK);
  EXPECT(ak_limits_defaults(&limits) == AK_OK);

  /* NaN angle */
  EXPECT(ak_pose_set_deg(pose, 0, NAN) == AK_ERR_INVALID_ARGUMENT);
  EXPECT(strstr(ak_last_error_message(), "cervical_flexion_extension") != NULL);
  EXPECT(ak_pose_set_rad(pose, 0, INFINITY) == AK_ERR_INVALID_ARGUMENT);
  /* unknown DoF name, index out of range, unknown source, unknown joint */
  int index = 123;
  EXPECT(ak_dof_index("left_hip_teleportation", &index, NULL) == AK_ERR_UNKNOWN_NAME);
  EXPECT(index == 123);
  EXPECT(strstr(ak_last_error_message(), "left_hip_teleportation") != NULL);
  EXPECT(ak_pose_set_deg_by_name(pose, "left_hip_teleportation", 1.0) == AK_ERR_UNKNOWN_NAME);
  EXPECT(ak_pose_set_deg(pose, 39, 1.0) == AK_ERR_OUT_OF_RANGE);
  EXPECT(ak_pose_set_deg(pose, -1, 1.0) == AK_ERR_OUT_OF_RANGE);
  ak_limits* bad = (ak_limits*)&index; /* must stay untouched... */
  EXPECT(ak_limits_from_source("NoSuchSource", &bad) == AK_ERR_UNKNOWN_NAME);
  EXPECT(ak_limits_defaults_context("standing", &bad) == AK_ERR_UNKNOWN_NAME);
  EXPECT(bad == NULL);
  EXPECT(ak_limits_defaults_context(NULL, &bad) == AK_ERR_NULL_ARGUMENT);
  {
    /* Calatayud et al. 2015: weight-bearing lunge 40.6 +- 5.2 deg; the limit is mean + 2 SD. */
    ak_limits* wb = NULL;
    double lo = 0, hi = 0;
    EXPECT(ak_limits_defaults_context("weight_bearing", &wb) == AK_OK);
    EXPECT(ak_limits_get_deg(wb, dof("left_ankle_dorsiflexion_plantarflexion"), &lo, &hi) == AK_OK);
    EXPECT_NEAR(hi, 40.6 + 2 * 5.2, 1e-9);
    ak_limits_free(wb);
  }
  EXPECT(bad == NULL); /* ...and is set to NULL on failure */
  const char* joints[] = {"knee", "elbowz"};
  EXPECT(ak_limits_restrict(limits, joints, 2) == AK_ERR_UNKNOWN_NAME);
  /* bad numbers for limits */
  EXPECT(ak_limits_set_tolerance_deg(limits, -1.0) == AK_ERR_INVALID_ARGUMENT);
  EXPECT(ak_limits_set_tolerance_deg(limits, NAN) == AK_ERR_INVALID_ARGUMENT);
  EXPECT(ak_limits_override_deg(limits, 19, 20.0, 10.0, NULL) == AK_ERR_INVALID_ARGUMENT);
  double twelve[12] = {0};
  ak_pose* p2 = NULL;
  EXPECT(ak_pose_from_radians(twelve, 12, &p2) == AK_ERR_INVALID_ARGUMENT);
  EXPECT(p2 == NULL);
  /* NULL handles and outputs */
  EXPECT(ak_check(NULL, limits, &report) == AK_ERR_NULL_ARGUMENT);
  EXPECT(report == NULL);
  EXPECT(ak_check(pose, NULL, &report) == AK_ERR_NULL_ARGUMENT);
  EXPECT(ak_check(pose, limits, NULL) == AK_ERR_NULL_ARGUMENT);
  EXPECT(ak_pose_set_deg(NULL, 0, 1.0) == AK_ERR_NULL_ARGUMENT);
  EXPECT(strstr(ak_last_error_message(), "pose is NULL") != NULL);
  EXPECT(ak_report_summary(NULL, NULL, NULL, NULL) == AK_ERR_NULL_ARGUMENT);
  EXPECT(ak_report_dof(NULL, 0, NULL) == AK_ERR_NULL_ARGUMENT);
  EXPECT(ak_limits_defaults(NULL) == AK_ERR_NULL_ARGUMENT);
  EXPECT(ak_limits_from_source(NULL, &bad) == AK_ERR_NULL_ARGUMENT);
  EXPECT(ak_dof_index(NULL, &index, NULL) == AK_ERR_NULL_ARGUMENT);
  EXPECT(ak_pose_get_deg(pose, 0, NULL) == AK_ERR_NULL_ARGUMENT);
  EXPECT(ak_check_many(NULL, twelve, 1, NULL, NULL) == AK_ERR_NULL_ARGUMENT);
  ak_limits_free(NULL);
  ak_pose_free(NULL);
  ak_report_free(NULL);
  EXPECT(strcmp(ak_error_name(AK_ERR_UNKNOWN_NAME), "AK_ERR_UNKNOWN_NAME") == 0);
  EXPECT(strcmp(ak_error_name(AK_OK), "AK_OK") == 0);
  EXPECT(strcmp(ak_error_name(AK_ERR_INTERNAL), "AK_ERR_INTERNAL") == 0);
  /* any int a C caller passes: a fixed name, no undefined behaviour in the library
   * (tests/fuzz/regressions/capi/error_name_out_of_range_int_min) */
  EXPECT(strcmp(ak_error_name((ak_error)999), "AK_ERR_UNKNOWN_CODE") == 0);
  EXPECT(strcmp(ak_error_name((ak_error)9), "AK_ERR_UNKNOWN_CODE") == 0);
  EXPECT(strcmp(ak_error_name((ak_error)-1), "AK_ERR_UNKNOWN_CODE") == 0);

  /* a failed call leaves the pose as it was */
  double v = 0;
  EXPECT(ak_pose_get_deg(pose, 0, &v) == AK_OK);
  EXPECT(isnan(v));
  ak_pose_free(pose);
  ak_limits_free(limits);
}

/* Issue 13: a knee-only pose is partial; a knee 1 degree past a 0 degree bound with 2 degrees of
 * uncertainty is possibly beyond (U = 2 u = 4 degrees), 5 degrees past it is beyond. */
/* Issue 13: 60° of horizontal abduction at 90° of abduction is beyond the shoulder region (the
 * 45° ACSM horizontal abduction measured at 90° elevation), decided by the region; the knee by
 * its own range. The same pose with the independent ranges is decided by the single axis. */
static void test_shoulder_region_decides(void) {
  const int flexion = dof("right_shoulder_flexion_extension"), adduction = dof("right_shoulder_abduction_adduction");
  const int lk = dof("left_knee_flexion_extension");
  const double pi = 3.14159265358979323846;
  ak_limits* limits = NULL;
  ak_pose* pose = NULL;
  ak_report* report = NULL;
  int kind = -1, verdict = -1;
  EXPECT(ak_limits_defaults(&limits) == AK_OK);
  EXPECT(ak_pose_new(&pose) == AK_OK);
  /* elevation 90° in the plane of -60°: flexion = 90·sin(-60°), adduction = -90·cos(-60°) */
  EXPECT(ak_pose_set_deg(pose, flexion, 90.0 * sin(-60.0 * pi / 180.0)) == AK_OK);
  EXPECT(ak_pose_set_deg(pose, adduction, -90.0 * cos(-60.0 * pi / 180.0)) == AK_OK);
  EXPECT(ak_pose_set_deg(pose, lk, 30.0) == AK_OK);
  EXPECT(ak_check(pose, limits, &report) == AK_OK);
  EXPECT(ak_report_summary(report, &verdict, NULL, NULL) == AK_OK);
  EXPECT(verdict == AK_OUT_OF_RANGE);
  EXPECT(ak_report_decided_by(report, flexion, &kind) == AK_OK && kind == AK_LIMIT_REGION);
  EXPECT(ak_report_decided_by(report, lk, &kind) == AK_OK && kind == AK_LIMIT_SINGLE_AXIS);
  EXPECT(ak_report_decided_by(report, -1, &kind) == AK_ERR_OUT_OF_RANGE);
  EXPECT(ak_report_decided_by(report, lk, NULL) == AK_ERR_NULL_ARGUMENT);
  ak_report_free(report);
  report = NULL;
  /* the region switched off: each shoulder DoF against its own range */
  int region = -1, two_joint = -1;
  EXPECT(ak_limits_get_rules(limits, &region, &two_joint) == AK_OK && region == 1 && two_joint == 1);
  EXPECT(ak_limits_set_shoulder_region(limits, 0) == AK_OK);
  EXPECT(ak_limits_get_rules(limits, &region, NULL) == AK_OK && region == 0);
  EXPECT(ak_check(pose, limits, &report) == AK_OK);
  EXPECT(ak_report_decided_by(report, flexion, &kind) == AK_OK && kind == AK_LIMIT_SINGLE_AXIS);
  ak_report_free(report);
  EXPECT(ak_limits_set_shoulder_region(NULL, 0) == AK_ERR_NULL_ARGUMENT);
  EXPECT(ak_limits_set_two_joint_limits(NULL, 0) == AK_ERR_NULL_ARGUMENT);
  EXPECT(ak_limits_get_rules(NULL, &region, &two_joint) == AK_ERR_NULL_ARGUMENT);
  ak_pose_free(pose);
  ak_limits_free(limits);
}

/* The two-joint limit (docs/two-joint-limits.md): with the knee straight, hip flexion is limited to
 * 90° (Magee); the hip's own upper bound in the defaults is 125° (38 CFR 4.71a). */
static void test_two_joint_switch(void) {
  const int hip = dof("left_hip_flexion_extension"), knee = dof("left_knee_flexion_extension");
  ak_limits* limits = NULL;
  ak_pose* pose = NULL;
  ak_report* report = NULL;
  ak_dof_result r;
  int kind = -1;
  EXPECT(ak_limits_defaults(&limits) == AK_OK);
  EXPECT(ak_pose_new(&pose) == AK_OK);
  EXPECT(ak_pose_set_deg(pose, hip, 110.0) == AK_OK);
  EXPECT(ak_pose_set_deg(pose, knee, 0.0) == AK_OK);
  EXPECT(ak_check(pose, limits, &report) == AK_OK);
  EXPECT(ak_report_dof(report, hip, &r) == AK_OK && r.status == AK_ABOVE);
  EXPECT_NEAR(r.excess_deg, 20.0, 1e-9);
  EXPECT(ak_report_decided_by(report, hip, &kind) == AK_OK && kind == AK_LIMIT_TWO_JOINT);
  ak_report_free(report);
  report = NULL;
  EXPECT(ak_limits_set_two_joint_limits(limits, 0) == AK_OK);
  EXPECT(ak_check(pose, limits, &report) == AK_OK);
  EXPECT(ak_report_dof(report, hip, &r) == AK_OK && r.status == AK_WITHIN);
  EXPECT(ak_report_decided_by(report, hip, &kind) == AK_OK && kind == AK_LIMIT_SINGLE_AXIS);
  ak_report_free(report);
  ak_pose_free(pose);
  ak_limits_free(limits);
}

static void test_partial_and_uncertainty(void) {
  const int lk = dof("left_knee_flexion_extension");
  const int n = ak_dof_count();
  ak_limits* limits = NULL;
  ak_pose* pose = NULL;
  ak_report* report = NULL;
  int verdict = -1, out = -1, possibly = -1, unknown = -1, observed = -1;
  EXPECT(ak_limits_defaults(&limits) == AK_OK);
  EXPECT(ak_limits_override_deg(limits, lk, 0.0, 135.0, "test") == AK_OK);
  EXPECT(ak_pose_new(&pose) == AK_OK);
  EXPECT(ak_pose_set_deg(pose, lk, 30.0) == AK_OK);
  EXPECT(ak_check(pose, limits, &report) == AK_OK);
  EXPECT(ak_report_summary(report, &verdict, NULL, NULL) == AK_OK);
  EXPECT(verdict == AK_WITHIN_RANGE_PARTIAL);
  EXPECT(strcmp(ak_verdict_name(verdict), "within_range_partial") == 0);
  EXPECT(ak_report_counts(report, &out, &possibly, &unknown, &observed) == AK_OK);
  EXPECT(out == 0 && possibly == 0 && observed == 1 && unknown == n - 1);
  ak_report_free(report);

  const double u2 = 2.0 * 3.14159265358979323846 / 180.0;
  EXPECT(ak_pose_set_deg(pose, lk, -1.0) == AK_OK);
  EXPECT(ak_check_uncertain(pose, limits, &u2, 1, 2.0, &report) == AK_OK);
  ak_dof_result r;
  EXPECT(ak_report_dof(report, lk, &r) == AK_OK);
  EXPECT(r.status == AK_POSSIBLY_BELOW);
  EXPECT(strcmp(ak_status_name(r.status), "possibly_below") == 0);
  EXPECT_NEAR(r.excess_deg, 1.0, 1e-9);
  EXPECT_NEAR(r.limit_deg, 0.0, 1e-12);
  double big_u = -1;
  EXPECT(ak_report_uncertainty_deg(report, lk, &big_u) == AK_OK);
  EXPECT_NEAR(big_u, 4.0, 1e-9);
  EXPECT(ak_report_summary(report, &verdict, NULL, NULL) == AK_OK);
  EXPECT(verdict == AK_POSSIBLY_OUT_OF_RANGE);
  char text[512];
  size_t needed = 0;
  EXPECT(ak_report_sentence(report, lk, text, sizeof text, &needed) == AK_OK);
  EXPECT(strstr(text, "is possibly 1\xC2\xB0 beyond the normal 0\xC2\xB0") != NULL);
  ak_report_free(report);
  EXPECT(ak_pose_set_deg(pose, lk, -5.0) == AK_OK);
  EXPECT(ak_check_uncertain(pose, limits, &u2, 1, 2.0, &report) == AK_OK);
  EXPECT(ak_report_dof(report, lk, &r) == AK_OK);
  EXPECT(r.status == AK_BELOW);
  ak_report_free(report);
  /* bad arguments */
  const double neg = -1.0;
  EXPECT(ak_check_uncertain(pose, limits, &neg, 1, 2.0, &report) == AK_ERR_INVALID_ARGUMENT);
  EXPECT(ak_check_uncertain(pose, limits, &u2, 1, 0.0, &report) == AK_ERR_INVALID_ARGUMENT);
  EXPECT(ak_check_uncertain(pose, limits, &u2, 2, 2.0, &report) == AK_ERR_INVALID_ARGUMENT);

  /* the batch: per-DoF for all rows, and per row (NaN: the per-DoF value) */
  double rows[2 * 39];
  double row_u[2 * 39];
  uint8_t verdicts[2] = {9, 9};
  uint8_t statuses[2 * 39];
  EXPECT(n == 39);
  for (int k = 0; k < 2 * n; ++k) rows[k] = NAN, row_u[k] = NAN;
  const double deg = 3.14159265358979323846 / 180.0;
  rows[lk] = -1.0 * deg;
  rows[n + lk] = -1.0 * deg;
  row_u[n + lk] = 0.1 * deg; /* U = 0.2 degrees for the second row: clearly beyond */
  EXPECT(ak_check_many_uncertain(limits, rows, 2, &u2, 1, row_u, 2.0, verdicts, statuses) == AK_OK);
  EXPECT(verdicts[0] == AK_POSSIBLY_OUT_OF_RANGE && verdicts[1] == AK_OUT_OF_RANGE);
  EXPECT(statuses[lk] == AK_POSSIBLY_BELOW && statuses[n + lk] == AK_BELOW);
  double u_default = -1;
  EXPECT(ak_uncertainty_default_deg(0, lk, &u_default) == AK_OK);
  EXPECT_NEAR(u_default, 3.55, 1e-12);
  EXPECT(ak_uncertainty_default_deg(1, lk, &u_default) == AK_OK);
  EXPECT(u_default == 0.0);
  EXPECT(ak_uncertainty_default_deg(4, lk, &u_default) == AK_ERR_OUT_OF_RANGE);
  ak_pose_free(pose);
  ak_limits_free(limits);
}

/* Issue 15: a right knee reaching 92 deg against an override of 0-140: 140 - 92 = 48 deg short,
 * 48/140 = 34.3 %; the left knee reaches 135: LSI (right involved) 92/135 = 68.1 %. */
/* Gait (docs/gait.md): a right knee held at 30 deg through a 51-frame cycle never extends in stance.
 * The norm's least mean knee flexion in stance at free speed is the CSV row
 * "Free,knee,flexion,X,KneeAngles,0,...,5.5537,5.6551" (gait_norms_schwartz2008.csv, Schwartz2008). */
static void test_gait_cycle(void) {
  const int rk = dof("right_knee_flexion_extension");
  const int n = ak_dof_count();
  double rows[51 * 39];
  for (int i = 0; i < 51 * n; ++i) rows[i] = NAN;
  for (int f = 0; f < 51; ++f) rows[f * n + rk] = 30 * 3.14159265358979323846 / 180.0;
  ak_gait_cycle c;
  char text[512];
  size_t needed = 0;
  EXPECT(ak_gait_score_cycle(rows, 51, 2, 2, 60.0, 1.0, &c, text, sizeof text, &needed) == AK_OK);
  EXPECT(c.knee_known && c.knee_never_extends);
  EXPECT_NEAR(c.knee_least_deg, 30, 1e-9);
  EXPECT_NEAR(c.knee_least_percent, 0, 0);
  EXPECT_NEAR(c.knee_norm_least_deg, 5.5537, 1e-9);
  EXPECT_NEAR(c.knee_norm_sd_deg, 5.6551, 1e-9);
  EXPECT(c.gps_variables == 1); /* knee flexion: the only GPS variable observed */
  EXPECT_NEAR(c.gps_deg, c.gvs_deg[6], 1e-12);
  EXPECT(isnan(c.gvs_deg[0]) && isnan(c.gvs_deg[3])); /* unknown, never zero */
  EXPECT(strstr(text, "right knee never extends in stance") == text);
  EXPECT(ak_gait_score_cycle(rows, 51, 3, 2, 60.0, 1.0, &c, NULL, 0, NULL) == AK_ERR_INVALID_ARGUMENT);
  EXPECT(ak_gait_score_cycle(rows, 1, 2, 2, 60.0, 1.0, &c, NULL, 0, NULL) == AK_ERR_INVALID_ARGUMENT);
  EXPECT(ak_gait_score_cycle(rows, 51, 2, 2, 0.0, 1.0, &c, NULL, 0, NULL) == AK_ERR_INVALID_ARGUMENT);
  EXPECT(ak_gait_score_cycle(NULL, 51, 2, 2, 60.0, 1.0, &c, NULL, 0, NULL) == AK_ERR_NULL_ARGUMENT);
}

static void test_range_deficit(void) {
  const int rk = dof("right_knee_flexion_extension"), lk = dof("left_knee_flexion_extension");
  const int n = ak_dof_count();
  double rows[3 * 39];
  for (int i = 0; i < 3 * n; ++i) rows[i] = NAN;
  const double deg = 3.14159265358979323846 / 180.0;
  rows[0 * n + rk] = 10 * deg;
  rows[1 * n + rk] = 92 * deg;
  rows[1 * n + lk] = 135 * deg;
  rows[2 * n + lk] = 0.0;
  const double t[3] = {0.0, 0.5, 1.0};
  ak_range* range = NULL;
  ak_limits* limits = NULL;
  EXPECT(ak_range_new(&range) == AK_OK);
  EXPECT(ak_limits_defaults(&limits) == AK_OK);
  EXPECT(ak_limits_override_deg(limits, rk, 0, 140, "test norm") == AK_OK);
  EXPECT(ak_range_add_many(range, rows, 3, 100, t) == AK_OK);
  ak_dof_range r;
  EXPECT(ak_range_dof(range, rk, &r) == AK_OK);
  EXPECT(r.frames == 3 && r.observed == 2);
  EXPECT_NEAR(r.max_deg, 92, 1e-9);
  EXPECT_NEAR(r.min_deg, 10, 1e-9);
  EXPECT(r.max_frame == 101 && r.min_frame == 100);
  EXPECT_NEAR(r.max_time_s, 0.5, 1e-12);
  ak_deficit d;
  char text[256];
  size_t needed = 0;
  EXPECT(ak_range_deficit(range, limits, rk, +1, -1, 2, 0, &d, text, sizeof text, &needed) == AK_OK);
  EXPECT(d.kind == AK_NORM_LIMIT);
  EXPECT_NEAR(d.shortfall_deg, 48, 1e-9);
  EXPECT_NEAR(d.percent, 100.0 * 48 / 140, 1e-9);
  EXPECT(strcmp(text,
                "right knee flexion reached 92\xC2\xB0, 48\xC2\xB0 (34 %) short of the normal 140\xC2\xB0 "
                "(override: test norm); the left knee reached 135\xC2\xB0") == 0);
  double diff = 0, lsi = 0;
  EXPECT(ak_range_asymmetry(range, rk, +1, 0, &diff, &lsi) == AK_OK);
  EXPECT_NEAR(diff, 43, 1e-9);
  EXPECT_NEAR(lsi, 100.0 * 92 / 135, 1e-9);
  /* a DoF never observed: NaN, never zero */
  EXPECT(ak_range_dof(range, dof("left_hip_flexion_extension"), &r) == AK_OK);
  EXPECT(r.observed == 0 && isnan(r.max_deg));
  /* +-infinity: an error, nothing added */
  rows[2 * n + rk] = INFINITY;
  EXPECT(ak_range_add_many(range, rows, 3, 0, NULL) == AK_ERR_INVALID_ARGUMENT);
  EXPECT(strstr(ak_last_error_message(), "pose 2, right_knee_flexion_extension is infinite") != NULL);
  EXPECT(ak_range_dof(range, rk, &r) == AK_OK && r.frames == 3);
  EXPECT(ak_range_deficit(range, limits, rk, 0, -1, 2, 0, &d, NULL, 0, NULL) == AK_ERR_INVALID_ARGUMENT);
  EXPECT(ak_range_asymmetry(range, dof("lumbar_flexion_extension"), 1, 0, &diff, &lsi) == AK_ERR_INVALID_ARGUMENT);
  EXPECT(ak_range_new(NULL) == AK_ERR_NULL_ARGUMENT);
  ak_range_free(range);
  ak_limits_free(limits);
  ak_range_free(NULL);
}

static void test_fitter(void) {
  const int n = ak_dof_count();
  ak_fitter* f = NULL;
  int count = 0, swap = -1, state = -1, i;
  double xyz[33 * 3], angles[64], sigma[64];
  EXPECT(n <= 64);
  EXPECT(ak_fitter_new("no_such_layout", &f) == AK_ERR_UNKNOWN_NAME && f == NULL);
  EXPECT(strstr(ak_last_error_message(), "blazepose33") != NULL);
  EXPECT(ak_fitter_new(NULL, &f) == AK_ERR_NULL_ARGUMENT);
  EXPECT(ak_fitter_new("blazepose33", &f) == AK_OK && f != NULL);
  EXPECT(ak_fitter_keypoint_count(f, &count) == AK_OK && count == 33);
  /* nobody found: lost, every DoF unknown */
  for (i = 0; i < 33 * 3; ++i) xyz[i] = NAN;
  EXPECT(ak_fitter_update(f, xyz, NULL, 0.0, angles, sigma, &swap, &state) == AK_OK);
  EXPECT(state == 2 && swap == 0);
  for (i = 0; i < n; ++i) EXPECT(isnan(angles[i]) && isnan(sigma[i]));
  /* +-infinity, a time that does not increase: refused, outputs unchanged */
  xyz[4] = INFINITY;
  angles[0] = 7.0;
  EXPECT(ak_fitter_update(f, xyz, NULL, 1.0, angles, NULL, NULL, NULL) == AK_ERR_INVALID_ARGUMENT);
  EXPECT(strstr(ak_last_error_message(), "infinite") != NULL && angles[0] == 7.0);
  xyz[4] = NAN;
  EXPECT(ak_fitter_update(f, xyz, NULL, 0.0, angles, NULL, NULL, NULL) == AK_ERR_INVALID_ARGUMENT);
  EXPECT(ak_fitter_update(f, NULL, NULL, 1.0, angles, NULL, NULL, NULL) == AK_ERR_NULL_ARGUMENT);
  EXPECT(ak_fitter_update(f, xyz, NULL, 1.0, NULL, NULL, NULL, NULL) == AK_ERR_NULL_ARGUMENT);
  EXPECT(ak_fitter_reset(f) == AK_OK);
  EXPECT(ak_fitter_reset(NULL) == AK_ERR_NULL_ARGUMENT);
  ak_fitter_free(f);
  ak_fitter_free(NULL);
}

int main(void) {
  test_names();
  test_range_deficit();
  test_gait_cycle();
  test_partial_and_uncertainty();
  test_shoulder_region_decides();
  test_two_joint_switch();
  test_hip_internal_rotation_aaos();
  test_tolerance_override_restrict();
  test_check_many();
  test_errors();
  test_fitter();
  if (failures) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("capi_test: all checks passed\n");
  return 0;
}
