/*
 * errname.h — the names of TAPI's error codes, for traces and messages.
 */
#ifndef TAPIX_ERRNAME_H
#define TAPIX_ERRNAME_H

#include <tapix/tapi.h>

/**
 * The name of a LINEERR_, PHONEERR_ or TAPIERR_ code ("LINEERR_INVALLINEHANDLE"), a static
 * string; NULL for a value tapi.h does not define, and for 0. Where two names share a value,
 * the first in tapi.h wins.
 */
const char *errname_of(LONG code);

#endif
