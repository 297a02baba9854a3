/*
 * recorder.c — the TAPI side of the callbacks: what the provider reported, and when.
 *
 * tspi-conform hands the provider ASYNC_COMPLETION, LINEEVENT and PHONEEVENT procedures that,
 * like the core's, may be called from any thread and never block for long. They keep the
 * records TAPI would keep — requests, lines, phones and calls, whose addresses are the HTAPI…
 * handles — and note every contract violation they can see: a request completed twice or never
 * issued, an event for a handle that is closed, pending or unknown, any callback after
 * TSPI_providerShutdown. A handle's liveness is read atomically on entry, before the lock, so
 * that an event is judged by when the provider made it, not when the lock was free.
 * One recorder per process: the callbacks carry no context pointer.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "conform.h"

#define MAX_LINES    1024u
#define MAX_PHONES   256u
#define MAX_CALLS    1024u
#define MAX_MESSAGES 64u /* violation messages kept per kind */
#define MAX_REQUESTS 8192u
#define REQUEST_BASE 0x1000u /* first request ID: unknown IDs stand out */

/* One asynchronous request TAPI issued. */
struct rec_request {
    const char *fn;
    struct rec_call *call;
    int returned; /* the function has returned */
    int accepted; /* it returned the request ID */
    unsigned completions;
    LONG result;
};

static struct {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    struct rec_line lines[MAX_LINES];
    unsigned nlines;
    struct rec_phone phones[MAX_PHONES];
    unsigned nphones;
    struct rec_call calls[MAX_CALLS];
    unsigned ncalls;
    struct rec_request requests[MAX_REQUESTS];
    unsigned nrequests;
    unsigned violations[VIOL_COUNT];
    char messages[VIOL_COUNT][MAX_MESSAGES][400];
    struct rec_counts counts;
    atomic_int shut_down;
} R = {.lock = PTHREAD_MUTEX_INITIALIZER, .changed = PTHREAD_COND_INITIALIZER};

/* The address that serves as HPROVIDER. */
static char provider_token;

void rec_init(void)
{
    pthread_mutex_lock(&R.lock);
    memset(R.lines, 0, sizeof R.lines);
    memset(R.phones, 0, sizeof R.phones);
    memset(R.calls, 0, sizeof R.calls);
    memset(R.requests, 0, sizeof R.requests);
    memset(R.violations, 0, sizeof R.violations);
    memset(&R.counts, 0, sizeof R.counts);
    R.ncalls = R.nrequests = R.nlines = R.nphones = 0;
    atomic_store(&R.shut_down, 0);
    pthread_mutex_unlock(&R.lock);
}

HPROVIDER rec_provider_handle(void)
{
    return (HPROVIDER)(void *)&provider_token;
}

/* Record a violation; the caller holds the lock. */
static void violation_locked(enum rec_violation kind, const char *fmt, va_list ap)
{
    unsigned n = R.violations[kind]++;

    if (n < MAX_MESSAGES)
        vsnprintf(R.messages[kind][n], sizeof R.messages[kind][n], fmt, ap);
}

/* Record a violation with the lock held, printf-style. */
static void violate(enum rec_violation kind, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void violate(enum rec_violation kind, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    violation_locked(kind, fmt, ap);
    va_end(ap);
}

void rec_violation(enum rec_violation kind, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    pthread_mutex_lock(&R.lock);
    violation_locked(kind, fmt, ap);
    pthread_mutex_unlock(&R.lock);
    va_end(ap);
}

unsigned rec_violations(enum rec_violation kind, char *buf, size_t len)
{
    return rec_violations_since(kind, 0, buf, len);
}

unsigned rec_violations_since(enum rec_violation kind, unsigned mark, char *buf, size_t len)
{
    unsigned n;

    pthread_mutex_lock(&R.lock);
    n = R.violations[kind] > mark ? R.violations[kind] - mark : 0;
    snprintf(buf, len, "%s", n && mark < MAX_MESSAGES ? R.messages[kind][mark] : "");
    pthread_mutex_unlock(&R.lock);
    return n;
}

/* Look a pointer up in a pool without dereferencing it; NULL when it is not an element. */
static void *pool_find(const void *p, void *pool, size_t elem, size_t count)
{
    uintptr_t a = (uintptr_t)p, base = (uintptr_t)pool;

    if (a < base || a >= base + elem * count || (a - base) % elem)
        return NULL;
    return (void *)a;
}

struct rec_line *rec_line_new(DWORD device, DWORD version)
{
    struct rec_line *line = NULL;

    pthread_mutex_lock(&R.lock);
    if (R.nlines < MAX_LINES) {
        line = &R.lines[R.nlines++];
        line->device = device;
        line->version = version;
    }
    pthread_mutex_unlock(&R.lock);
    return line;
}

struct rec_phone *rec_phone_new(DWORD device, DWORD version)
{
    struct rec_phone *phone = NULL;

    pthread_mutex_lock(&R.lock);
    if (R.nphones < MAX_PHONES) {
        phone = &R.phones[R.nphones++];
        phone->device = device;
        phone->version = version;
    }
    pthread_mutex_unlock(&R.lock);
    return phone;
}

void rec_line_set_state(struct rec_line *line, enum rec_state state)
{
    pthread_mutex_lock(&R.lock);
    atomic_store(&line->state, state);
    if (state == REC_CLOSED)
        for (unsigned i = 0; i < R.ncalls; i++)
            if (R.calls[i].line == line && atomic_load(&R.calls[i].state) != REC_CLOSED) {
                R.calls[i].closed_by_line = 1;
                atomic_store(&R.calls[i].state, REC_CLOSED);
            }
    pthread_cond_broadcast(&R.changed);
    pthread_mutex_unlock(&R.lock);
}

void rec_phone_set_state(struct rec_phone *phone, enum rec_state state)
{
    pthread_mutex_lock(&R.lock);
    atomic_store(&phone->state, state);
    pthread_mutex_unlock(&R.lock);
}

void rec_call_set_state(struct rec_call *call, enum rec_state state)
{
    pthread_mutex_lock(&R.lock);
    atomic_store(&call->state, state);
    pthread_cond_broadcast(&R.changed);
    pthread_mutex_unlock(&R.lock);
}

/* Take a fresh call record for line; the caller holds the lock. NULL when none is left. */
static struct rec_call *call_new_locked(struct rec_line *line, enum rec_state state)
{
    struct rec_call *call;

    if (R.ncalls >= MAX_CALLS)
        return NULL;
    call = &R.calls[R.ncalls++];
    memset(call, 0, sizeof *call);
    call->line = line;
    atomic_store(&call->state, state);
    return call;
}

struct rec_call *rec_call_new(struct rec_line *line)
{
    struct rec_call *call;

    pthread_mutex_lock(&R.lock);
    call = call_new_locked(line, REC_PENDING);
    pthread_mutex_unlock(&R.lock);
    return call;
}

struct rec_call *rec_call_incoming(struct rec_line *line)
{
    struct rec_call *found = NULL;

    pthread_mutex_lock(&R.lock);
    for (unsigned i = 0; i < R.ncalls && !found; i++)
        if (R.calls[i].line == line && R.calls[i].incoming &&
            atomic_load(&R.calls[i].state) == REC_LIVE)
            found = &R.calls[i];
    pthread_mutex_unlock(&R.lock);
    return found;
}

DWORD rec_call_states(struct rec_call *call, DWORD *last)
{
    DWORD seen;

    pthread_mutex_lock(&R.lock);
    seen = call->states_seen;
    if (last)
        *last = call->last_state;
    pthread_mutex_unlock(&R.lock);
    return seen;
}

/* An absolute CLOCK_REALTIME deadline ms from now, for pthread_cond_timedwait. */
static struct timespec deadline_in(unsigned ms)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += ms / 1000;
    ts.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    return ts;
}

DWORD rec_call_wait_state(struct rec_call *call, DWORD mask, unsigned timeout_ms)
{
    struct timespec until = deadline_in(timeout_ms);
    DWORD hit;
    int rc = 0;

    pthread_mutex_lock(&R.lock);
    while (!(hit = call->states_seen & mask) && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&R.changed, &R.lock, &until);
    if (call->last_state & hit)
        hit = call->last_state;
    pthread_mutex_unlock(&R.lock);
    return hit & (~hit + 1); /* the latest state if it is in mask, else the lowest seen */
}

DRV_REQUESTID rec_request_new(const char *fn, struct rec_call *call)
{
    DRV_REQUESTID id = 0;

    pthread_mutex_lock(&R.lock);
    if (R.nrequests < MAX_REQUESTS) {
        struct rec_request *r = &R.requests[R.nrequests];

        memset(r, 0, sizeof *r);
        r->fn = fn;
        r->call = call;
        id = REQUEST_BASE + R.nrequests++;
    }
    pthread_mutex_unlock(&R.lock);
    return id;
}

/* The record of request id, or NULL when TAPI never issued it; the caller holds the lock. */
static struct rec_request *request_find(DRV_REQUESTID id)
{
    if (id < REQUEST_BASE || id - REQUEST_BASE >= R.nrequests)
        return NULL;
    return &R.requests[id - REQUEST_BASE];
}

int rec_request_returned(DRV_REQUESTID id, LONG rc)
{
    struct rec_request *r;
    int ok = 0;

    pthread_mutex_lock(&R.lock);
    r = request_find(id);
    if (r) {
        r->returned = 1;
        r->accepted = (DWORD)rc == id;
        if (!r->accepted && rc >= 0) {
            violate(VIOL_REQUEST,
                    "%s returned %d for request %u; an asynchronous function "
                    "returns its dwRequestID or a negative error",
                    r->fn, (int)rc, (unsigned)id);
            ok = -1;
        }
        if (!r->accepted && r->completions)
            violate(VIOL_REQUEST, "%s completed request %u but then returned %s (refused it)",
                    r->fn, (unsigned)id, ERRNAME(rc));
        if (!r->accepted && r->call)
            atomic_store(&r->call->state, REC_CLOSED);
    }
    pthread_cond_broadcast(&R.changed);
    pthread_mutex_unlock(&R.lock);
    return ok;
}

int rec_request_wait(DRV_REQUESTID id, unsigned timeout_ms, LONG *result)
{
    struct timespec until = deadline_in(timeout_ms);
    struct rec_request *r;
    int rc = 0, done = 0;

    pthread_mutex_lock(&R.lock);
    r = request_find(id);
    while (r && !(done = r->completions > 0) && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&R.changed, &R.lock, &until);
    if (done && result)
        *result = r->result;
    pthread_mutex_unlock(&R.lock);
    return done;
}

int rec_request_completed(DRV_REQUESTID id)
{
    struct rec_request *r;
    int done;

    pthread_mutex_lock(&R.lock);
    r = request_find(id);
    done = r && r->completions > 0;
    pthread_mutex_unlock(&R.lock);
    return done;
}

unsigned rec_requests_missing(char *buf, size_t len, unsigned *accepted)
{
    unsigned missing = 0, n = 0;

    buf[0] = '\0';
    pthread_mutex_lock(&R.lock);
    for (unsigned i = 0; i < R.nrequests; i++) {
        struct rec_request *r = &R.requests[i];

        if (!r->accepted)
            continue;
        n++;
        if (r->completions == 0 && missing++ == 0)
            snprintf(buf, len, "request %u (%s) was never completed", REQUEST_BASE + i, r->fn);
    }
    pthread_mutex_unlock(&R.lock);
    *accepted = n;
    return missing;
}

void rec_mark_shutdown(void)
{
    atomic_store(&R.shut_down, 1);
}

void rec_get_counts(struct rec_counts *out)
{
    pthread_mutex_lock(&R.lock);
    *out = R.counts;
    pthread_mutex_unlock(&R.lock);
}

/* Note a callback made after TSPI_providerShutdown returned; the caller holds the lock. */
static void check_not_shut_down(int shut_down, const char *what, DWORD msg)
{
    if (shut_down)
        violate(VIOL_SHUTDOWN, "%s (message %u) after TSPI_providerShutdown returned", what,
                (unsigned)msg);
}

void rec_async_completion(DRV_REQUESTID dwRequestID, LONG lResult)
{
    int shut_down = atomic_load(&R.shut_down);
    struct rec_request *r;

    pthread_mutex_lock(&R.lock);
    check_not_shut_down(shut_down, "ASYNC_COMPLETION", 0);
    R.counts.completions++;
    r = request_find(dwRequestID);
    if (!r) {
        violate(VIOL_REQUEST, "ASYNC_COMPLETION for request %u, which TAPI never issued",
                (unsigned)dwRequestID);
    } else if (++r->completions > 1) {
        violate(VIOL_REQUEST, "request %u (%s) completed %u times", (unsigned)dwRequestID, r->fn,
                r->completions);
    } else {
        r->result = lResult;
        if (r->returned && !r->accepted)
            violate(VIOL_REQUEST,
                    "request %u (%s) completed although the function returned "
                    "an error",
                    (unsigned)dwRequestID, r->fn);
        if (r->call && atomic_load(&r->call->state) == REC_PENDING)
            atomic_store(&r->call->state, lResult == 0 ? REC_LIVE : REC_FAILED);
    }
    report_trace("ASYNC_COMPLETION(%u, %s)", (unsigned)dwRequestID, ERRNAME(lResult));
    pthread_cond_broadcast(&R.changed);
    pthread_mutex_unlock(&R.lock);
}

/* Whether v is exactly one LINECALLSTATE_ value. */
static int is_one_callstate(DWORD_PTR v)
{
    return v != 0 && (v & (v - 1)) == 0 && v <= LINECALLSTATE_UNKNOWN;
}

/* LINE_NEWCALL: give the provider a new call record through *(LPHTAPICALL)dwParam2.
 * The caller holds the lock. */
static void on_new_call(struct rec_line *line, DWORD_PTR hdCall, DWORD_PTR lphtCall)
{
    struct rec_call *call = call_new_locked(line, REC_LIVE);

    R.counts.new_calls++;
    if (!lphtCall) {
        violate(VIOL_EVENT, "LINE_NEWCALL on device %u with a NULL dwParam2 (LPHTAPICALL)",
                (unsigned)line->device);
        return;
    }
    if (call) {
        call->incoming = 1;
        call->hd = (HDRVCALL)hdCall;
    }
    *(LPHTAPICALL)lphtCall = (HTAPICALL)call;
}

/* Judge an event naming htCall on line; the caller holds the lock. state is the call's state
 * as read on entry. */
static void on_call_event(struct rec_line *line, struct rec_call *call, int state, DWORD msg,
                          DWORD_PTR p1)
{
    if (!call || state == REC_UNUSED || call->line != line) {
        violate(VIOL_EVENT,
                "LINEEVENT message %u on device %u names an htCall TAPI never gave "
                "for that line",
                (unsigned)msg, (unsigned)line->device);
        return;
    }
    if (state == REC_PENDING)
        violate(VIOL_EVENT,
                "LINEEVENT message %u for a call before its TSPI_lineMakeCall "
                "completed with success",
                (unsigned)msg);
    else if (state == REC_CLOSED)
        violate(VIOL_EVENT, "LINEEVENT message %u for a call on device %u after %s returned",
                (unsigned)msg, (unsigned)line->device,
                call->closed_by_line ? "TSPI_lineClose" : "TSPI_lineCloseCall");
    if (msg != LINE_CALLSTATE)
        return;
    if (!is_one_callstate(p1)) {
        violate(VIOL_CALLSTATE, "LINE_CALLSTATE with dwParam1 0x%lX, not one LINECALLSTATE_ value",
                (unsigned long)p1);
        return;
    }
    call->states_seen |= (DWORD)p1;
    call->last_state = (DWORD)p1;
}

void rec_line_event(HTAPILINE htLine, HTAPICALL htCall, DWORD dwMsg, DWORD_PTR dwParam1,
                    DWORD_PTR dwParam2, DWORD_PTR dwParam3)
{
    int shut_down = atomic_load(&R.shut_down);
    struct rec_line *line = pool_find(htLine, R.lines, sizeof R.lines[0], MAX_LINES);
    struct rec_call *call = pool_find(htCall, R.calls, sizeof R.calls[0], MAX_CALLS);
    int line_state = line ? atomic_load(&line->state) : REC_UNUSED;
    int call_state = call ? atomic_load(&call->state) : REC_UNUSED;

    pthread_mutex_lock(&R.lock);
    report_trace("LINEEVENT(%p, %p, %u, 0x%lX, 0x%lX, 0x%lX)", (void *)htLine, (void *)htCall,
                 (unsigned)dwMsg, (unsigned long)dwParam1, (unsigned long)dwParam2,
                 (unsigned long)dwParam3);
    check_not_shut_down(shut_down, "LINEEVENT", dwMsg);
    R.counts.line_events++;
    if (!line || line_state == REC_UNUSED)
        violate(VIOL_EVENT, "LINEEVENT message %u for an htLine TAPI never gave (%p)",
                (unsigned)dwMsg, (void *)htLine);
    else if (line_state == REC_CLOSED)
        violate(VIOL_EVENT, "LINEEVENT message %u for device %u after TSPI_lineClose returned",
                (unsigned)dwMsg, (unsigned)line->device);
    else if (dwMsg == LINE_NEWCALL)
        on_new_call(line, dwParam1, dwParam2);
    else if (htCall)
        on_call_event(line, call, call_state, dwMsg, dwParam1);
    pthread_cond_broadcast(&R.changed);
    pthread_mutex_unlock(&R.lock);
}

void rec_phone_event(HTAPIPHONE htPhone, DWORD dwMsg, DWORD_PTR dwParam1, DWORD_PTR dwParam2,
                     DWORD_PTR dwParam3)
{
    int shut_down = atomic_load(&R.shut_down);
    struct rec_phone *phone = pool_find(htPhone, R.phones, sizeof R.phones[0], MAX_PHONES);
    int state = phone ? atomic_load(&phone->state) : REC_UNUSED;

    pthread_mutex_lock(&R.lock);
    report_trace("PHONEEVENT(%p, %u, 0x%lX, 0x%lX, 0x%lX)", (void *)htPhone, (unsigned)dwMsg,
                 (unsigned long)dwParam1, (unsigned long)dwParam2, (unsigned long)dwParam3);
    check_not_shut_down(shut_down, "PHONEEVENT", dwMsg);
    R.counts.phone_events++;
    if (!phone || state == REC_UNUSED)
        violate(VIOL_EVENT, "PHONEEVENT message %u for an htPhone TAPI never gave (%p)",
                (unsigned)dwMsg, (void *)htPhone);
    else if (state == REC_CLOSED)
        violate(VIOL_EVENT, "PHONEEVENT message %u for phone %u after TSPI_phoneClose returned",
                (unsigned)dwMsg, (unsigned)phone->device);
    pthread_cond_broadcast(&R.changed);
    pthread_mutex_unlock(&R.lock);
}

void rec_line_create(HTAPILINE htLine, HTAPICALL htCall, DWORD dwMsg, DWORD_PTR dwParam1,
                     DWORD_PTR dwParam2, DWORD_PTR dwParam3)
{
    int shut_down = atomic_load(&R.shut_down);

    pthread_mutex_lock(&R.lock);
    report_trace("lineCreateProc(%p, %u, 0x%lX)", (void *)htLine, (unsigned)dwMsg,
                 (unsigned long)dwParam1);
    check_not_shut_down(shut_down, "lpfnLineCreateProc", dwMsg);
    if (dwMsg == LINE_CREATE && htLine == (HTAPILINE)rec_provider_handle())
        R.counts.line_creates++;
    else
        violate(VIOL_EVENT,
                "lpfnLineCreateProc called with message %u and htLine %p; only "
                "LINE_CREATE with the hProvider of TSPI_providerEnumDevices is valid",
                (unsigned)dwMsg, (void *)htLine);
    pthread_mutex_unlock(&R.lock);
    (void)htCall, (void)dwParam2, (void)dwParam3;
}

void rec_phone_create(HTAPIPHONE htPhone, DWORD dwMsg, DWORD_PTR dwParam1, DWORD_PTR dwParam2,
                      DWORD_PTR dwParam3)
{
    int shut_down = atomic_load(&R.shut_down);

    pthread_mutex_lock(&R.lock);
    report_trace("phoneCreateProc(%p, %u, 0x%lX)", (void *)htPhone, (unsigned)dwMsg,
                 (unsigned long)dwParam1);
    check_not_shut_down(shut_down, "lpfnPhoneCreateProc", dwMsg);
    if (dwMsg == PHONE_CREATE && htPhone == (HTAPIPHONE)rec_provider_handle())
        R.counts.phone_creates++;
    else
        violate(VIOL_EVENT,
                "lpfnPhoneCreateProc called with message %u and htPhone %p; only "
                "PHONE_CREATE with the hProvider of TSPI_providerEnumDevices is valid",
                (unsigned)dwMsg, (void *)htPhone);
    pthread_mutex_unlock(&R.lock);
    (void)dwParam2, (void)dwParam3;
}

void conform_sleep_ms(unsigned ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};

    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}
