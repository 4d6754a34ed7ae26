/* A C11 consumer of the installed arthrokin::c (tests/CMakeLists.txt, consumer.find_package_c).
 * Expected values are from data/reference/rom_norms.csv, not from the code: AAOS gives 45 deg of
 * hip internal rotation, so a left hip internal rotation of 52 deg is out of range by 7 deg. */
#include <arthrokin/c_api.h>

#include <math.h>
#include <stdio.h>

int main(void) {
  ak_limits* limits = NULL;
  ak_pose* pose = NULL;
  ak_report* report = NULL;
  int hip_ir = -1, verdict = -1, out_count = -1, unknown = -1;
  ak_dof_result r = {0};
  int ok = ak_dof_index("left_hip_internal_external_rotation", &hip_ir, NULL) == AK_OK &&
           ak_limits_from_source("AAOS", &limits) == AK_OK && ak_pose_new(&pose) == AK_OK &&
           ak_pose_set_deg(pose, hip_ir, 52.0) == AK_OK && ak_check(pose, limits, &report) == AK_OK &&
           ak_report_summary(report, &verdict, &out_count, &unknown) == AK_OK &&
           ak_report_dof(report, hip_ir, &r) == AK_OK;
  ok = ok && verdict == AK_OUT_OF_RANGE && out_count == 1 && fabs(r.excess_deg - 7.0) < 1e-9;
  if (!ok) fprintf(stderr, "failed: %s\n", ak_last_error_message());
  printf("%s\n", ok ? "flagged" : "missed");
  ak_report_free(report);
  ak_pose_free(pose);
  ak_limits_free(limits);
  return ok ? 0 : 1;
}
