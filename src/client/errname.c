/*
 * errname.c — the error-name table: every LINEERR_, PHONEERR_ and TAPIERR_ code of tapi.h with
 * its name, built from the TAPI_ERRORS list that scripts/gen-dispatch.py reads from the header,
 * so that a code added to tapi.h gets its name here too.
 */
#include "errname.h"

#include <stddef.h>

#include "tapi_names.h"

struct errname {
    LONG code;
    const char *name;
};

#define ERRNAME_ENTRY(name) {name, #name},

static const struct errname errnames[] = {TAPI_ERRORS(ERRNAME_ENTRY)};

const char *errname_of(LONG code)
{
    if (code == 0)
        return NULL;
    for (size_t i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++)
        if (errnames[i].code == code)
            return errnames[i].name;
    return NULL;
}
