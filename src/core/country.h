/*
 * country.h — the country table behind lineGetCountry: ITU-T E.164 country codes and each
 * country's dialing rules in Microsoft's rule syntax (E country code, F area code, G local
 * number), as LINECOUNTRYENTRY reports them.
 */
#ifndef TAPIX_CORE_COUNTRY_H
#define TAPIX_CORE_COUNTRY_H

#include <stddef.h>

#include <tapix/tapi.h>

struct country {
    DWORD id;   /* TAPI's country ID: the country code, or a distinct ID for a shared code */
    DWORD code; /* the E.164 country code */
    const char *name;
    const char *same_area;     /* dialing a number in the caller's own area */
    const char *long_distance; /* another area of the same country */
    const char *international; /* another country */
};

/** The table, sorted by ID, and its length. Never changes. */
const struct country *country_table(size_t *countp);

/** The entry for `id`, or NULL. */
const struct country *country_find(DWORD id);

#endif
