/*
 * check_call.c — the life of one call, and closing a line under a call or a request.
 *
 * With --dial NUMBER and a line whose caps offer making calls, the kit makes a call as TAPI
 * does (TSPI_lineMakeCall with a fresh htCall), waits for the completion and for the call to
 * progress, drops it (TSPI_lineDrop) and waits for LINECALLSTATE_IDLE, then closes it
 * (TSPI_lineCloseCall). Two more scenarios close the line instead: once with a live call on it
 * (the provider must then fall silent about the call), once while TSPI_lineMakeCall is still
 * pending (the provider must complete the request before TSPI_lineClose returns).
 */
#include <stdio.h>
#include <time.h>

#include "conform.h"

#define LATE_EVENT_MS 300

/* Call states after which a new call has progressed as far as it will on its own. */
#define SETTLED_STATES                                                                             \
    (LINECALLSTATE_CONNECTED | LINECALLSTATE_DISCONNECTED | LINECALLSTATE_BUSY | LINECALLSTATE_IDLE)

/* Milliseconds on a monotonic clock. */
static unsigned long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long)ts.tv_sec * 1000ul + (unsigned long)ts.tv_nsec / 1000000ul;
}

/* The name of one LINECALLSTATE_ value. */
static const char *state_name(DWORD s)
{
    static const char *const names[] = {
        "IDLE",           "OFFERING",           "ACCEPTED",     "DIALTONE",
        "DIALING",        "RINGBACK",           "BUSY",         "SPECIALINFO",
        "CONNECTED",      "PROCEEDING",         "ONHOLD",       "CONFERENCED",
        "ONHOLDPENDCONF", "ONHOLDPENDTRANSFER", "DISCONNECTED", "UNKNOWN"};

    for (unsigned i = 0; i < 16; i++)
        if (s == (1u << i))
            return names[i];
    return "none";
}

/* Issue TSPI_lineMakeCall on line to number; *call gets the new call record. Returns the
 * request ID, or 0 after reporting a FAIL under check (the call is then already gone). */
static DRV_REQUESTID make_call(struct rec_line *line, const char *number, const char *check,
                               struct rec_call **callp)
{
    struct rec_call *call = rec_call_new(line);
    DRV_REQUESTID id = rec_request_new("TSPI_lineMakeCall", call);
    HDRVCALL hd = NULL;
    LONG rc;

    *callp = call;
    if (!call || !id) {
        report_fail(check, "out of call or request records");
        return 0;
    }
    rc = TSPI(TSPI_lineMakeCall, id, line->hd, (HTAPICALL)call, &hd, number, 0, NULL);
    call->hd = hd;
    if (rec_request_returned(id, rc) || rc < 0) {
        report_fail(check, "device %u: TSPI_lineMakeCall(\"%s\") returned %s",
                    (unsigned)line->device, number, ERRNAME(rc));
        return 0;
    }
    return id;
}

/* Wait for request id; reports a FAIL under check and returns -1 when it does not complete in
 * time or completes with an error. */
static int await(DRV_REQUESTID id, const char *fn, const char *check, unsigned timeout_ms)
{
    LONG result = 0;

    if (!rec_request_wait(id, timeout_ms, &result)) {
        report_fail(check, "%s request %u: no ASYNC_COMPLETION within %u ms", fn, (unsigned)id,
                    timeout_ms);
        return -1;
    }
    if (result != 0) {
        report_fail(check, "%s request %u completed with %s", fn, (unsigned)id, ERRNAME(result));
        return -1;
    }
    return 0;
}

/* Close a call as TAPI does; returns TSPI_lineCloseCall's result. */
static LONG close_call(struct rec_call *call)
{
    LONG rc = TSPI(TSPI_lineCloseCall, call->hd);

    rec_call_set_state(call, REC_CLOSED);
    return rc;
}

/* Make the call and report call.make and call.progress. Returns 0 when the call exists. */
static int call_make(struct rec_line *line, const struct conform_options *opt,
                     struct rec_call **callp)
{
    unsigned long t0 = now_ms();
    DRV_REQUESTID id;
    DWORD state, last;

    report_begin("call.make");
    id = make_call(line, opt->dial, "call.make", callp);
    if (!id)
        return -1;
    if (await(id, "TSPI_lineMakeCall", "call.make", opt->timeout_ms)) {
        close_call(*callp);
        return -1;
    }
    report_pass("call.make", "device %u: call to %s accepted in %lu ms", (unsigned)line->device,
                opt->dial, now_ms() - t0);

    report_begin("call.progress");
    state = rec_call_wait_state(*callp, SETTLED_STATES, opt->timeout_ms);
    rec_call_states(*callp, &last);
    if (state)
        report_pass("call.progress", "reached %s after %lu ms", state_name(state), now_ms() - t0);
    else if (last)
        report_pass("call.progress", "still %s after %u ms; dropping it", state_name(last),
                    opt->timeout_ms);
    else
        report_fail("call.progress", "no LINE_CALLSTATE within %u ms of the completion",
                    opt->timeout_ms);
    return 0;
}

/* Drop the call and wait for IDLE (call.drop), then close it (call.close). */
static void call_drop_close(struct rec_call *call, const struct conform_options *opt)
{
    DRV_REQUESTID id = rec_request_new("TSPI_lineDrop", NULL);
    char mark[512];
    unsigned before;
    LONG rc;

    report_begin("call.drop");
    rc = TSPI(TSPI_lineDrop, id, call->hd, NULL, 0);
    if (rec_request_returned(id, rc) || rc < 0)
        report_fail("call.drop", "TSPI_lineDrop returned %s", ERRNAME(rc));
    else if (!await(id, "TSPI_lineDrop", "call.drop", opt->timeout_ms)) {
        if (rec_call_wait_state(call, LINECALLSTATE_IDLE, opt->timeout_ms))
            report_pass("call.drop", "dropped, call reached IDLE");
        else
            report_fail("call.drop",
                        "call did not reach LINECALLSTATE_IDLE within %u ms of "
                        "TSPI_lineDrop completing",
                        opt->timeout_ms);
    }

    report_begin("call.close");
    before = rec_violations(VIOL_EVENT, mark, sizeof mark);
    rc = close_call(call);
    conform_sleep_ms(LATE_EVENT_MS);
    if (rc != 0)
        report_fail("call.close", "TSPI_lineCloseCall returned %s", ERRNAME(rc));
    else if (rec_violations_since(VIOL_EVENT, before, mark, sizeof mark))
        report_fail("call.close", "%s", mark);
    else
        report_pass("call.close", "closed, no event after");
}

/* Close the line while a connected (or progressing) call is on it. */
static void check_close_with_call(struct conform_state *st, const struct conform_options *opt)
{
    struct rec_line *line = line_open(st, st->dial_line, "line.close_with_call");
    struct rec_call *call;
    DRV_REQUESTID id;
    char mark[512];
    unsigned before;
    LONG rc;

    report_begin("line.close_with_call");
    if (!line)
        return;
    id = make_call(line, opt->dial, "line.close_with_call", &call);
    if (!id || await(id, "TSPI_lineMakeCall", "line.close_with_call", opt->timeout_ms)) {
        line_close(line);
        return;
    }
    rec_call_wait_state(call, SETTLED_STATES, opt->timeout_ms / 2);
    before = rec_violations(VIOL_EVENT, mark, sizeof mark);
    rc = line_close(line);
    conform_sleep_ms(LATE_EVENT_MS);
    if (rc != 0)
        report_fail("line.close_with_call", "TSPI_lineClose returned %s", ERRNAME(rc));
    else if (rec_violations_since(VIOL_EVENT, before, mark, sizeof mark))
        report_fail("line.close_with_call", "%s", mark);
    else
        report_pass("line.close_with_call", "no event for the line or its call after "
                                            "TSPI_lineClose");
}

/* Close the line at once after TSPI_lineMakeCall returned, before it completes. */
static void check_close_pending(struct conform_state *st, const struct conform_options *opt)
{
    struct rec_line *line = line_open(st, st->dial_line, "line.close_pending");
    struct rec_call *call;
    DRV_REQUESTID id;
    int completed;
    LONG rc;

    report_begin("line.close_pending");
    if (!line)
        return;
    id = make_call(line, opt->dial, "line.close_pending", &call);
    if (!id) {
        line_close(line);
        return;
    }
    rc = line_close(line);
    completed = rec_request_completed(id);
    if (rc != 0)
        report_fail("line.close_pending", "TSPI_lineClose returned %s", ERRNAME(rc));
    else if (!completed)
        report_fail("line.close_pending",
                    "TSPI_lineClose returned before completing pending "
                    "request %u (TSPI_lineMakeCall)",
                    (unsigned)id);
    else
        report_pass("line.close_pending", "pending TSPI_lineMakeCall completed before "
                                          "TSPI_lineClose returned");
    rec_request_wait(id, opt->timeout_ms, NULL);
}

void check_calls(struct conform_state *st, const struct conform_options *opt)
{
    struct rec_line *line;
    struct rec_call *call;

    if (!opt->dial) {
        report_skip("call", "no --dial NUMBER given, so no call is made");
        return;
    }
    if (!tsp.TSPI_lineMakeCall || !tsp.TSPI_lineDrop || !tsp.TSPI_lineCloseCall) {
        report_skip("call", "the provider does not export TSPI_lineMakeCall, TSPI_lineDrop and "
                            "TSPI_lineCloseCall");
        return;
    }
    if (!st->can_dial) {
        report_skip("call", "no line has well-formed caps offering LINEFEATURE_MAKECALL or "
                            "LINEADDRFEATURE_MAKECALL");
        return;
    }
    report_begin("call.make");
    line = line_open(st, st->dial_line, "call.make");
    if (!line)
        return;
    if (call_make(line, opt, &call) == 0)
        call_drop_close(call, opt);
    line_close(line);
    check_close_with_call(st, opt);
    check_close_pending(st, opt);
}
