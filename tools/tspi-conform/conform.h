/*
 * conform.h — the private interface between the parts of tspi-conform, the TSPI conformance kit.
 *
 * tspi-conform loads one provider (.tsp) and acts as a minimal TAPI for it: it drives the
 * provider through the start-up order of docs/provider-contract.md, answers its callbacks, and
 * checks every rule of that contract it can observe from outside. The parts:
 *   report.c    one output line per check, the summary, crash and hang reporting;
 *   provider.c  dlopen, the entry-point table, serialized calls into the provider;
 *   recorder.c  the ASYNC_COMPLETION / LINEEVENT / PHONEEVENT callbacks and what they saw;
 *   varcheck.c  guard-buffer checks of TAPI variable-size structures;
 *   check_*.c   the checks, one file per stage (start-up, caps, lines, calls, stress);
 *   main.c      the command line and the order of the stages.
 */
#ifndef TSPI_CONFORM_H
#define TSPI_CONFORM_H

#include <stdatomic.h>
#include <stddef.h>

#include "tapix/tspi.h"

/* ------------------------------------------------------------------------- options ------ */

/* What the command line asked for. */
struct conform_options {
    const char *provider_path; /* the .tsp to load */
    const char *config_path;   /* --config FILE, or NULL */
    const char *dial;          /* --dial NUMBER, or NULL (no calls are made) */
    unsigned timeout_ms;       /* how long to wait for a completion or a call state */
    int verbose;               /* --verbose: trace every call and event as "# …" lines */
};

/* The values tspi-conform plays TAPI with. */
#define CONFORM_PROVIDER_ID   3u          /* dwPermanentProviderID */
#define CONFORM_LINE_BASE     10u         /* dwLineDeviceIDBase */
#define CONFORM_PHONE_BASE    20u         /* dwPhoneDeviceIDBase */
#define CONFORM_TSPI_LOW      0x00020000u /* the range the core negotiates */
#define CONFORM_TSPI_HIGH     0x00020002u
#define CONFORM_FUTURE_LOW    0x7FFF0000u /* a range no provider can support */
#define CONFORM_FUTURE_HIGH   0x7FFFFFFFu
#define CONFORM_MAX_LINES     64u /* devices beyond these are not exercised */
#define CONFORM_MAX_PHONES    64u
#define CONFORM_MAX_ADDRESSES 16u

/* ------------------------------------------------------------------------- report.c ----- */

/* Start reporting: line-buffered stdout, crash and hang handlers. Call once, first. */
void report_init(int verbose);

/* Name the check now running, so that a crash or hang is reported against it. */
void report_begin(const char *check);

/* Print "PASS check: detail" and count it. */
void report_pass(const char *check, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print "FAIL check: reason" and count it. */
void report_fail(const char *check, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print "SKIP check: why"; counted apart, neither passed nor failed. */
void report_skip(const char *check, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print "# …" when --verbose was given; safe from any thread. */
void report_trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print the summary line and return the exit status (0 when nothing failed, else 1). */
int report_summary(void);

/* Number of FAIL lines printed so far. */
unsigned report_failures(void);

/* The name of a LINEERR_ / PHONEERR_ value ("0" for success, the hex value if unknown).
 * Returns a static string or buf (at least 16 bytes). */
const char *report_err(LONG rc, char *buf);

/* Shorthand for report_err with a per-call buffer (valid to the end of the full expression). */
#define ERRNAME(rc) report_err((rc), (char[16]){0})

/* ------------------------------------------------------------------------- provider.c --- */

/* The provider's entry points, NULL where not exported: tsp.TSPI_lineOpen(…). */
struct tsp_entry_points {
#define CONFORM_MEMBER(name) PFN_##name name;
    TSPIX_ALL_FUNCTIONS(CONFORM_MEMBER)
#undef CONFORM_MEMBER
};
extern struct tsp_entry_points tsp;

/* One entry point's name and whether the provider exports it. */
struct tsp_export {
    const char *name;
    int required;
    int present;
};

/* dlopen path and look up every entry point. Returns 0, or -1 after writing dlerror()'s message
 * into err (errlen bytes). */
int provider_load(const char *path, char *err, size_t errlen);

/* dlclose the provider. Its threads must be gone (TSPI_providerShutdown has returned). */
void provider_unload(void);

/* The table of all entry points (TSPIX_ALL_FUNCTIONS order) and its length. */
const struct tsp_export *provider_exports(size_t *count);

/* The name of the entry point the kit is inside right now, or NULL (safe in a signal handler). */
const char *tsp_calling(void);

/* Take and release the lock that makes calls into the provider one at a time, as in TAPI. */
void tsp_enter(const char *fn);
LONG tsp_leave(LONG rc);

/* Call entry point fn with the lock held; evaluates to its LONG result. fn must be exported. */
#define TSPI(fn, ...) (tsp_enter(#fn), tsp_leave(tsp.fn(__VA_ARGS__)))

/* ------------------------------------------------------------------------- recorder.c --- */

/* Lifecycle of a handle TAPI gave the provider. */
enum rec_state {
    REC_UNUSED = 0, /* never handed out */
    REC_PENDING,    /* call handed out, its TSPI_lineMakeCall not yet completed with success */
    REC_LIVE,       /* open line or phone, valid call */
    REC_FAILED,     /* call whose TSPI_lineMakeCall completed with an error (still to close) */
    REC_CLOSED      /* after TSPI_lineClose / TSPI_lineCloseCall / TSPI_phoneClose returned */
};

/* TAPI's record of a line; its address is the HTAPILINE. */
struct rec_line {
    DWORD device;
    DWORD version;
    HDRVLINE hd;
    atomic_int state;
};

/* TAPI's record of a phone; its address is the HTAPIPHONE. */
struct rec_phone {
    DWORD device;
    DWORD version;
    HDRVPHONE hd;
    atomic_int state;
};

/* TAPI's record of a call; its address is the HTAPICALL. */
struct rec_call {
    struct rec_line *line;
    HDRVCALL hd;
    atomic_int state;
    int incoming;       /* introduced by LINE_NEWCALL */
    int closed_by_line; /* marked closed because its line closed */
    DWORD states_seen;  /* OR of every LINECALLSTATE_ reported */
    DWORD last_state;
};

/* Reset everything recorded; call before the provider is loaded. */
void rec_init(void);

/* The callbacks handed to the provider. */
void rec_async_completion(DRV_REQUESTID dwRequestID, LONG lResult);
void rec_line_event(HTAPILINE htLine, HTAPICALL htCall, DWORD dwMsg, DWORD_PTR dwParam1,
                    DWORD_PTR dwParam2, DWORD_PTR dwParam3);
void rec_phone_event(HTAPIPHONE htPhone, DWORD dwMsg, DWORD_PTR dwParam1, DWORD_PTR dwParam2,
                     DWORD_PTR dwParam3);
void rec_line_create(HTAPILINE htLine, HTAPICALL htCall, DWORD dwMsg, DWORD_PTR dwParam1,
                     DWORD_PTR dwParam2, DWORD_PTR dwParam3);
void rec_phone_create(HTAPIPHONE htPhone, DWORD dwMsg, DWORD_PTR dwParam1, DWORD_PTR dwParam2,
                      DWORD_PTR dwParam3);

/* TAPI's handle for this provider instance (the hProvider of TSPI_providerEnumDevices). */
HPROVIDER rec_provider_handle(void);

/* A fresh line / phone record for device (state REC_UNUSED): every TSPI_lineOpen gets its own
 * htLine, so a late event of an earlier session is never mistaken for a live one. NULL when the
 * pool is exhausted. */
struct rec_line *rec_line_new(DWORD device, DWORD version);
struct rec_phone *rec_phone_new(DWORD device, DWORD version);

/* Set a record's state under the recorder's lock. Closing a line closes its calls too. */
void rec_line_set_state(struct rec_line *line, enum rec_state state);
void rec_phone_set_state(struct rec_phone *phone, enum rec_state state);
void rec_call_set_state(struct rec_call *call, enum rec_state state);

/* A new outgoing call record on line, in state REC_PENDING; NULL when the pool is exhausted. */
struct rec_call *rec_call_new(struct rec_line *line);

/* The first live incoming call on line not yet closed, or NULL. */
struct rec_call *rec_call_incoming(struct rec_line *line);

/* Snapshot of a call's seen states (OR of LINECALLSTATE_ bits) and its last state. */
DWORD rec_call_states(struct rec_call *call, DWORD *last);

/* Wait until call has reported a state in mask; returns that state, or 0 after timeout_ms. */
DWORD rec_call_wait_state(struct rec_call *call, DWORD mask, unsigned timeout_ms);

/* A new request ID for entry point fn; call (may be NULL) becomes REC_LIVE when the request
 * completes with success, REC_FAILED when it completes with an error. */
DRV_REQUESTID rec_request_new(const char *fn, struct rec_call *call);

/* Note what the asynchronous function returned for request id. Returns 0 when rc is id or a
 * negative error, -1 (a violation, also recorded) for any other value. */
int rec_request_returned(DRV_REQUESTID id, LONG rc);

/* Wait for the completion of request id. Returns 1 and sets *result, or 0 after timeout_ms. */
int rec_request_wait(DRV_REQUESTID id, unsigned timeout_ms, LONG *result);

/* Whether request id has been completed (at least once) so far. */
int rec_request_completed(DRV_REQUESTID id);

/* Classes of contract violation the callbacks detect. */
enum rec_violation {
    VIOL_REQUEST,   /* double, unknown or unexpected completion, bad return value */
    VIOL_EVENT,     /* event on a dead, pending or unknown handle */
    VIOL_CALLSTATE, /* LINE_CALLSTATE whose dwParam1 is not one LINECALLSTATE_ value */
    VIOL_SHUTDOWN,  /* any callback after TSPI_providerShutdown returned */
    VIOL_COUNT
};

/* Record a violation found outside the callbacks (printf-style message). */
void rec_violation(enum rec_violation kind, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Number of violations of a kind, and the first one's message (copied into buf). */
unsigned rec_violations(enum rec_violation kind, char *buf, size_t len);

/* Number of violations of a kind after the first `mark` of them (a count returned earlier), and
 * the message of the first of those new ones (copied into buf). */
unsigned rec_violations_since(enum rec_violation kind, unsigned mark, char *buf, size_t len);

/* Requests never completed (copies a description of the first into buf) — and how many were
 * issued and accepted in all. */
unsigned rec_requests_missing(char *buf, size_t len, unsigned *accepted);

/* From now on every callback is a violation (TSPI_providerShutdown has returned). */
void rec_mark_shutdown(void);

/* Counters: LINEEVENTs, PHONEEVENTs, completions and LINE_CREATE / PHONE_CREATE seen. */
struct rec_counts {
    unsigned line_events, phone_events, completions, line_creates, phone_creates, new_calls;
};
void rec_get_counts(struct rec_counts *out);

/* Sleep for ms milliseconds. */
void conform_sleep_ms(unsigned ms);

/* ------------------------------------------------------------------------- varcheck.c --- */

/* Kinds of variable field. */
enum var_kind {
    VAR_BYTES,      /* opaque data */
    VAR_STRING,     /* one UTF-8 string, NUL included in the size */
    VAR_MULTISTRING /* NUL-separated strings ending in two NULs */
};

/* One dw…Size / dw…Offset pair of a structure. */
struct var_pair {
    const char *name; /* "LineName" for dwLineNameSize / dwLineNameOffset */
    size_t size_at;   /* offsetof the Size member */
    size_t offset_at; /* offsetof the Offset member */
    enum var_kind kind;
};

/* A TAPI variable-size structure: its name, its pairs and its fixed size per TSPI version. */
struct var_layout {
    const char *name;
    const struct var_pair *pairs;
    size_t npairs;
    DWORD (*fixed_size)(DWORD version);
};

/* A provider function that fills a structure (wraps TSPI_lineGetDevCaps and the like). */
typedef LONG (*var_fill_fn)(void *structure, void *arg);

/* Run the structure checks of one query: fills at the fixed size, at a size between fixed and
 * needed, and at dwNeededSize, each inside a guard-filled buffer. Reports one line per size
 * (checks named check.fixed, check.short, check and printed with `who`, e.g. "device 10").
 * On success copies the full structure into *full (malloc'd, caller frees) when full is not
 * NULL. Returns 0 when every check passed. */
int varcheck_run(const char *check, const char *who, const struct var_layout *layout, DWORD version,
                 var_fill_fn fill, void *arg, void **full);

/* The layouts of the structures tspi-conform checks. */
extern const struct var_layout layout_linedevcaps;
extern const struct var_layout layout_lineaddresscaps;
extern const struct var_layout layout_phonecaps;

/* ------------------------------------------------------------------------- the stages --- */

/* What the start-up found out, shared by the later stages. */
struct conform_state {
    DWORD version;   /* provider-wide TSPI version */
    DWORD num_lines; /* from TSPI_providerEnumDevices */
    DWORD num_phones;
    DWORD lines_tested;  /* min(num_lines, CONFORM_MAX_LINES) */
    DWORD phones_tested; /* min(num_phones, CONFORM_MAX_PHONES) */
    int initialized;     /* TSPI_providerInit succeeded */
    int can_dial;        /* some line's caps and exports allow TSPI_lineMakeCall */
    DWORD dial_line;     /* index of the first line that can make calls */
    DWORD line_version[CONFORM_MAX_LINES]; /* negotiated per device */
    DWORD phone_version[CONFORM_MAX_PHONES];
    struct rec_line *open_lines[CONFORM_MAX_LINES]; /* lines_open_all's records, NULL if closed */
};

/* check_startup.c: exports, configuration, negotiation, enumeration, init. Return 0 when the
 * provider is initialised and later stages can run. */
int check_exports(void);
void check_config(const struct conform_options *opt);
int check_startup(struct conform_state *st);
void check_device_versions(struct conform_state *st);
void check_shutdown(struct conform_state *st);

/* check_caps.c: LINEDEVCAPS, LINEADDRESSCAPS and PHONECAPS of every device. */
void check_caps(struct conform_state *st);

/* check_line.c: open and close every line and phone. */
void check_open_close(struct conform_state *st);

/* Open line index i as TAPI does; reports a FAIL under check when it does not open. Returns the
 * live record, or NULL. */
struct rec_line *line_open(struct conform_state *st, DWORD i, const char *check);

/* Close a line opened by line_open as TAPI does: its incoming calls first (TSPI_lineCloseCall),
 * then the line. Returns TSPI_lineClose's result. */
LONG line_close(struct rec_line *line);

/* Open every tested line into st->open_lines (returns how many opened) / close them all. */
DWORD lines_open_all(struct conform_state *st, const char *check);
void lines_close_all(struct conform_state *st);

/* check_call.c: a call to opt->dial, and line close with a live call and a pending request. */
void check_calls(struct conform_state *st, const struct conform_options *opt);

/* check_stress.c: requests from four threads while the provider's threads produce events. */
void check_stress(struct conform_state *st, const struct conform_options *opt);

/* check_final (in check_startup.c): the request and event rules over the whole run. */
void check_final(void);

#endif /* TSPI_CONFORM_H */
