/*
 * check_caps.c — the capability structures of every device.
 *
 * For each line: TSPI_lineGetDevCaps (LINEDEVCAPS), then TSPI_lineGetAddressCaps for each of
 * its addresses; for each phone: TSPI_phoneGetDevCaps (PHONECAPS). varcheck.c judges the
 * structures' form at three buffer sizes; this file adds the few values TAPI relies on (a line
 * has at least one address, an address knows its line) and notes which lines can make calls.
 */
#include <stdio.h>
#include <stdlib.h>

#include "conform.h"

/* The arguments of one caps query. */
struct caps_query {
    DWORD device;
    DWORD address;
    DWORD version;
};

/* var_fill_fn for TSPI_lineGetDevCaps. */
static LONG fill_linedevcaps(void *s, void *arg)
{
    const struct caps_query *q = arg;

    return TSPI(TSPI_lineGetDevCaps, q->device, q->version, 0, s);
}

/* var_fill_fn for TSPI_lineGetAddressCaps. */
static LONG fill_lineaddresscaps(void *s, void *arg)
{
    const struct caps_query *q = arg;

    return TSPI(TSPI_lineGetAddressCaps, q->device, q->address, q->version, 0, s);
}

/* var_fill_fn for TSPI_phoneGetDevCaps. */
static LONG fill_phonecaps(void *s, void *arg)
{
    const struct caps_query *q = arg;

    return TSPI(TSPI_phoneGetDevCaps, q->device, q->version, 0, s);
}

/* The values of a well-formed LINEDEVCAPS that TAPI relies on. Returns dwNumAddresses. */
static DWORD check_linedevcaps_values(const LINEDEVCAPS *caps, const char *who, int *dials)
{
    report_begin("line.devcaps.values");
    *dials = (caps->dwLineFeatures & LINEFEATURE_MAKECALL) != 0;
    if (caps->dwNumAddresses == 0) {
        report_fail("line.devcaps.values",
                    "%s: dwNumAddresses is 0; a line has at least one "
                    "address",
                    who);
        return 0;
    }
    if (caps->dwStringFormat < STRINGFORMAT_ASCII || caps->dwStringFormat > STRINGFORMAT_BINARY) {
        report_fail("line.devcaps.values", "%s: dwStringFormat %u is no STRINGFORMAT_ value", who,
                    (unsigned)caps->dwStringFormat);
        return caps->dwNumAddresses;
    }
    report_pass("line.devcaps.values", "%s: %u address%s, %s", who, (unsigned)caps->dwNumAddresses,
                caps->dwNumAddresses == 1 ? "" : "es",
                *dials ? "LINEFEATURE_MAKECALL" : "cannot make calls");
    return caps->dwNumAddresses;
}

/* Check one address of line device q->device; sets *dials when it offers making calls. */
static void check_address(struct caps_query *q, int *dials)
{
    LINEADDRESSCAPS *caps = NULL;
    char who[64];

    snprintf(who, sizeof who, "device %u address %u", (unsigned)q->device, (unsigned)q->address);
    if (varcheck_run("line.addresscaps", who, &layout_lineaddresscaps, q->version,
                     fill_lineaddresscaps, q, (void **)&caps))
        return;
    report_begin("line.addresscaps.values");
    if (caps->dwLineDeviceID != q->device)
        report_fail("line.addresscaps.values", "%s: dwLineDeviceID is %u", who,
                    (unsigned)caps->dwLineDeviceID);
    else
        report_pass("line.addresscaps.values", "%s: dwLineDeviceID matches", who);
    if (caps->dwAddressFeatures & LINEADDRFEATURE_MAKECALL)
        *dials = 1;
    free(caps);
}

/* Check line index i and its addresses; notes in st whether it can make calls. */
static void check_line_caps(struct conform_state *st, DWORD i)
{
    struct caps_query q = {CONFORM_LINE_BASE + i, 0, st->line_version[i]};
    LINEDEVCAPS *caps = NULL;
    DWORD naddr;
    int dials = 0;
    char who[64];

    snprintf(who, sizeof who, "device %u", (unsigned)q.device);
    if (varcheck_run("line.devcaps", who, &layout_linedevcaps, q.version, fill_linedevcaps, &q,
                     (void **)&caps))
        return;
    naddr = check_linedevcaps_values(caps, who, &dials);
    free(caps);
    if (naddr > CONFORM_MAX_ADDRESSES)
        naddr = CONFORM_MAX_ADDRESSES;
    for (q.address = 0; q.address < naddr && tsp.TSPI_lineGetAddressCaps; q.address++)
        check_address(&q, &dials);
    if (dials && !st->can_dial) {
        st->can_dial = 1;
        st->dial_line = i;
    }
}

void check_caps(struct conform_state *st)
{
    for (DWORD i = 0; i < st->lines_tested && tsp.TSPI_lineGetDevCaps; i++)
        if (st->line_version[i])
            check_line_caps(st, i);
    for (DWORD i = 0; i < st->phones_tested && tsp.TSPI_phoneGetDevCaps; i++) {
        struct caps_query q = {CONFORM_PHONE_BASE + i, 0, st->phone_version[i]};
        char who[64];

        if (!q.version)
            continue;
        snprintf(who, sizeof who, "phone device %u", (unsigned)q.device);
        varcheck_run("phone.devcaps", who, &layout_phonecaps, q.version, fill_phonecaps, &q, NULL);
    }
}
