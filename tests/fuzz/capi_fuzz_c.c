/* Calls into the C API that only C can make portably: an ak_error holding any int (a C
 * caller may pass any value of the enum's compatible integer type; in C++ an enum value
 * outside the enumerators' range is undefined). Used by capi_fuzz.cpp. */
#include <arthrokin/c_api.h>

const char* fuzz_ak_error_name(int code) { return ak_error_name((ak_error)code); }
