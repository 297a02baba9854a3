/*
 * harness.h — a small stand-in for TAPI that drives sim.tsp through its TSPI exports.
 *
 * The harness dlopens the built provider, configures and starts one instance, hands out TAPI
 * handles (lines, calls, phones) and records every ASYNC_COMPLETION, LINEEVENT and PHONEEVENT
 * thread-safely, so that tests can wait (with a timeout) for the event they expect and check
 * at the end that every request completed exactly once.
 */
#ifndef SIM_TEST_HARNESS_H
#define SIM_TEST_HARNESS_H

#include <stdbool.h>

#include "tapix/tapi.h"
#include "tapix/tspi.h"

/* Call an entry point of the loaded provider by name: TSPI(TSPI_lineMakeCall)(…). */
#define TSPI(name) ((PFN_##name)h_sym(#name))

/* Matches any value in h_wait_* and h_find_*. */
#define H_ANY ((DWORD_PTR)-1)

#define H_TIMEOUT_MS 2000

/* One recorded event (line events have htLine; phone events htPhone). */
struct h_event {
    HTAPILINE htLine;
    HTAPICALL htCall;
    HTAPIPHONE htPhone;
    DWORD msg;
    DWORD_PTR p1, p2, p3;
};

void *h_sym(const char *name);

/* Start provider instance 1 with settings ("key", "value", …, NULL). Returns the TSPI result. */
LONG h_start(const char *const *settings);
/* As h_start, with an error buffer for TSPIX_providerConfig's message. */
LONG h_configure(const char *const *settings, const DWORD *lines, char *err, size_t errlen);
void h_stop(void);
DWORD h_num_lines(void);
DWORD h_num_phones(void);

/* Open line device dev; its TAPI handle is h_htline(dev). */
HDRVLINE h_open_line(DWORD dev);
HTAPILINE h_htline(DWORD dev);
HDRVPHONE h_open_phone(DWORD dev);
HTAPIPHONE h_htphone(DWORD dev);

/* A fresh TAPI call handle, and the next request ID (remembered for h_all_completed). */
HTAPICALL h_new_htcall(void);
DRV_REQUESTID h_request(void);

/* The result of request id, waiting for it; H_TIMEOUT when it never came. */
#define H_NO_COMPLETION ((LONG)0x7FFFFFFF)
LONG h_result(DRV_REQUESTID id);
/* True when every request handed out was completed exactly once (and nothing else). */
bool h_all_completed(void);

/* Wait for a line event matching all given fields (H_ANY as wildcard); returns its index. */
int h_wait(HTAPILINE htLine, HTAPICALL htCall, DWORD msg, DWORD_PTR p1, DWORD_PTR p2);
/* Like h_wait, but for an event not yet seen: only events after index `after`. */
int h_wait_after(int after, HTAPILINE htLine, HTAPICALL htCall, DWORD msg, DWORD_PTR p1,
                 DWORD_PTR p2);
/* Number of events recorded so far, and a copy of event i. */
int h_count(void);
struct h_event h_get(int i);
/* Count events matching (no waiting). */
int h_matching(HTAPILINE htLine, HTAPICALL htCall, DWORD msg, DWORD_PTR p1, DWORD_PTR p2);
/* Wait for a phone event. */
int h_wait_phone(HTAPIPHONE htPhone, DWORD msg, DWORD_PTR p1, DWORD_PTR p2);

/* The htCall TAPI gave the n-th (0-based) LINE_NEWCALL on htLine, waiting for it; and the
 * provider's hdCall that came with it. */
HTAPICALL h_newcall(HTAPILINE htLine, int n, HDRVCALL *hdCall);

/* The current state of a call per LINECALLSTATUS. */
DWORD h_call_state(HDRVCALL hdCall);
/* Fill a LINECALLINFO (static buffer, valid until the next call) and read a string from it. */
LPLINECALLINFO h_call_info(HDRVCALL hdCall);
const char *h_str(const void *structure, DWORD size, DWORD offset);

/* Sleep ms milliseconds. */
void h_sleep(unsigned ms);

#endif /* SIM_TEST_HARNESS_H */
