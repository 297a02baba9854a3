/*
 * embedded.c — the embedded backend's table: each TAPI function mapped to the core's
 * implementation of it.
 *
 * The initializer is generated from the same list as the structure, member by member, so none
 * can be left out; the static check below fails the build when the structure gains a member
 * the list does not name, and a core_lineX that the core does not define fails the link of
 * libtapix.so (it is linked with -z defs).
 */
#include "embedded.h"

#define EMBEDDED_MEMBER(name) .name = core_##name,

const struct tapix_backend tapix_embedded_backend = {TAPI_FUNCTIONS(EMBEDDED_MEMBER)};

_Static_assert(sizeof(struct tapix_backend) == TAPI_FUNCTION_COUNT * sizeof(void (*)(void)),
               "struct tapix_backend has exactly one member per function of TAPI_FUNCTIONS");
