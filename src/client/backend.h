/*
 * backend.h — the seam between libtapix's public face and what carries the calls out.
 *
 * libtapix has one interface and two backends (see the architecture notes): the embedded core,
 * which runs inside the application, and the client of the tapixd server. Every public TAPI
 * function is defined once, in dispatch.c, which traces the call and hands it to the backend
 * tapix_backend_current() picks. A backend is a table with one function pointer per TAPI 2.x
 * function, each with the exact type tapi.h declares, generated from the X-macro list of
 * tapi_names.h so that no function can be left out.
 */
#ifndef TAPIX_BACKEND_H
#define TAPIX_BACKEND_H

#include <tapix/tapi.h>

#include "tapi_names.h"

/** Marks a definition as part of libtapix's exported interface; everything else is hidden. */
#define TAPIX_EXPORT __attribute__((visibility("default")))

/** One member of struct tapix_backend: a pointer to a function of lineX's own type. */
#define TAPIX_BACKEND_MEMBER(name) __typeof__(&name) name;

/** The functions a backend implements: one pointer per TAPI 2.x function, named after it. */
struct tapix_backend {
    TAPI_FUNCTIONS(TAPIX_BACKEND_MEMBER)
};

/**
 * The backend the public functions hand their calls to; never NULL, the same for the life of
 * the process. Today always the embedded core (embedded.h). The client of tapixd plugs in here:
 * when TAPIX_SERVER names a server, the first call will pick the client backend instead, once
 * for the process, so that an application's handles never cross from one backend to the other.
 */
const struct tapix_backend *tapix_backend_current(void);

#endif
