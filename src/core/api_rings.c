/*
 * api_rings.c — the toll saver: lineSetNumRings and lineGetNumRings.
 *
 * Each application that opened a line may say, per address, after how many rings an incoming
 * call should be answered. The number an answering application should honour is the smallest
 * any open of the line asked for on that address; 0xFFFFFFFF when nobody asked. The numbers
 * live with the open (struct line_open) and go with it when the line closes.
 */
#include "api.h"

#include <stdlib.h>

#define RINGS_UNSET 0xFFFFFFFFu

/* The per-address ring counts of `open`, allocated (all unset) on first use; NULL: no memory. */
static DWORD *api_rings_of(struct line_open *open)
{
    if (open->num_rings)
        return open->num_rings;
    DWORD *rings = malloc(open->dev->num_addresses * sizeof(*rings));
    if (!rings)
        return NULL;
    for (DWORD i = 0; i < open->dev->num_addresses; i++)
        rings[i] = RINGS_UNSET;
    open->num_rings = rings;
    return rings;
}

LONG WINAPI CORE_API(lineSetNumRings)(HLINE hLine, DWORD dwAddressID, DWORD dwNumRings)
{
    core_enter();
    struct line_open *open;
    LONG rc = api_line_address(hLine, &dwAddressID, &open);
    if (rc != 0)
        API_RETURN(rc);
    DWORD *rings = api_rings_of(open);
    if (!rings)
        API_RETURN(LINEERR_NOMEM);
    rings[dwAddressID] = dwNumRings;
    API_RETURN(0);
}

LONG WINAPI CORE_API(lineGetNumRings)(HLINE hLine, DWORD dwAddressID, LPDWORD lpdwNumRings)
{
    if (!lpdwNumRings)
        return LINEERR_INVALPOINTER;
    core_enter();
    struct line_open *open;
    LONG rc = api_line_address(hLine, &dwAddressID, &open);
    if (rc != 0)
        API_RETURN(rc);
    DWORD least = RINGS_UNSET;
    for (const struct line_open *o = open->dev->opens; o; o = o->next_on_dev)
        if (o->num_rings && o->num_rings[dwAddressID] < least)
            least = o->num_rings[dwAddressID];
    *lpdwNumRings = least;
    API_RETURN(0);
}
