/*
 * check_line.c — opening and closing lines and phones the way TAPI does.
 *
 * Every tested line is opened with TSPI_lineOpen (a fresh htLine each time) and closed with
 * TSPI_lineClose; phones likewise. The recorder flags any event the provider makes for a line
 * or phone after its close returned. line_open / line_close are also the helpers the call and
 * stress stages use; line_close first closes the incoming calls TAPI was given, as TAPI
 * deallocates its calls before it closes a line.
 */
#include <stdio.h>

#include "conform.h"

/* How long to wait after closing for late events to show up. */
#define LATE_EVENT_MS 200

struct rec_line *line_open(struct conform_state *st, DWORD i, const char *check)
{
    DWORD device = CONFORM_LINE_BASE + i;
    struct rec_line *line = rec_line_new(device, st->line_version[i]);
    HDRVLINE hd = NULL;
    LONG rc;

    if (!line) {
        report_fail(check, "device %u: out of line records", (unsigned)device);
        return NULL;
    }
    rec_line_set_state(line, REC_LIVE); /* events may come before TSPI_lineOpen returns */
    rc = TSPI(TSPI_lineOpen, device, (HTAPILINE)line, &hd, line->version, rec_line_event);
    if (rc != 0) {
        rec_line_set_state(line, REC_CLOSED);
        report_fail(check, "device %u: TSPI_lineOpen returned %s", (unsigned)device, ERRNAME(rc));
        return NULL;
    }
    line->hd = hd;
    return line;
}

LONG line_close(struct rec_line *line)
{
    struct rec_call *call;
    LONG rc;

    while (tsp.TSPI_lineCloseCall && (call = rec_call_incoming(line)) != NULL) {
        TSPI(TSPI_lineCloseCall, call->hd);
        rec_call_set_state(call, REC_CLOSED);
    }
    rc = TSPI(TSPI_lineClose, line->hd);
    rec_line_set_state(line, REC_CLOSED);
    return rc;
}

DWORD lines_open_all(struct conform_state *st, const char *check)
{
    DWORD n = 0;

    for (DWORD i = 0; i < st->lines_tested; i++) {
        st->open_lines[i] = st->line_version[i] ? line_open(st, i, check) : NULL;
        n += st->open_lines[i] != NULL;
    }
    return n;
}

void lines_close_all(struct conform_state *st)
{
    for (DWORD i = 0; i < st->lines_tested; i++)
        if (st->open_lines[i]) {
            line_close(st->open_lines[i]);
            st->open_lines[i] = NULL;
        }
}

/* Open and close line index i, one check line each. */
static void check_line_cycle(struct conform_state *st, DWORD i)
{
    struct rec_line *line;
    char mark[512];
    unsigned before = rec_violations(VIOL_EVENT, mark, sizeof mark);
    LONG rc;

    report_begin("line.open");
    line = line_open(st, i, "line.open");
    if (!line)
        return;
    report_pass("line.open", "device %u: hdLine %p", (unsigned)line->device, (void *)line->hd);
    report_begin("line.close");
    rc = line_close(line);
    conform_sleep_ms(LATE_EVENT_MS);
    if (rc != 0)
        report_fail("line.close", "device %u: TSPI_lineClose returned %s", (unsigned)line->device,
                    ERRNAME(rc));
    else if (rec_violations_since(VIOL_EVENT, before, mark, sizeof mark))
        report_fail("line.close", "device %u: %s", (unsigned)line->device, mark);
    else
        report_pass("line.close", "device %u: closed, no event after", (unsigned)line->device);
}

/* Open and close phone index i, one check line each. */
static void check_phone_cycle(struct conform_state *st, DWORD i)
{
    DWORD device = CONFORM_PHONE_BASE + i;
    struct rec_phone *phone = rec_phone_new(device, st->phone_version[i]);
    HDRVPHONE hd = NULL;
    LONG rc;

    report_begin("phone.open");
    if (!phone)
        return;
    rec_phone_set_state(phone, REC_LIVE);
    rc = TSPI(TSPI_phoneOpen, device, (HTAPIPHONE)phone, &hd, phone->version, rec_phone_event);
    if (rc != 0) {
        rec_phone_set_state(phone, REC_CLOSED);
        report_fail("phone.open", "phone device %u: TSPI_phoneOpen returned %s", (unsigned)device,
                    ERRNAME(rc));
        return;
    }
    report_pass("phone.open", "phone device %u: hdPhone %p", (unsigned)device, (void *)hd);
    report_begin("phone.close");
    rc = TSPI(TSPI_phoneClose, hd);
    rec_phone_set_state(phone, REC_CLOSED);
    if (rc != 0)
        report_fail("phone.close", "phone device %u: TSPI_phoneClose returned %s", (unsigned)device,
                    ERRNAME(rc));
    else
        report_pass("phone.close", "phone device %u: closed", (unsigned)device);
}

void check_open_close(struct conform_state *st)
{
    if (tsp.TSPI_lineOpen && tsp.TSPI_lineClose)
        for (DWORD i = 0; i < st->lines_tested; i++)
            if (st->line_version[i])
                check_line_cycle(st, i);
    if (tsp.TSPI_phoneOpen && tsp.TSPI_phoneClose)
        for (DWORD i = 0; i < st->phones_tested; i++)
            if (st->phone_version[i])
                check_phone_cycle(st, i);
}
