/*
 * embedded.h — the embedded backend: the core, running inside the application.
 *
 * The core implements every TAPI function as core_lineX (src/core/api_*.c define them through
 * CORE_API(lineX)); the declarations below give each the exact type of lineX, so that a
 * definition that strays from tapi.h's prototype fails to compile. tapix_embedded_backend
 * gathers them into the backend table dispatch.c calls through.
 */
#ifndef TAPIX_EMBEDDED_H
#define TAPIX_EMBEDDED_H

#include "backend.h"

/** Declares the core's implementation of one TAPI function: core_lineX, of lineX's type. */
#define TAPIX_EMBEDDED_DECLARE(name) __typeof__(name) core_##name;
TAPI_FUNCTIONS(TAPIX_EMBEDDED_DECLARE)

/** The embedded backend: every member set to the core's implementation of that function. */
extern const struct tapix_backend tapix_embedded_backend;

#endif
