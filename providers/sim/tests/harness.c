/*
 * harness.c — the TAPI stand-in of the sim provider's tests (see harness.h).
 *
 * Everything recorded lives in one struct guarded by a mutex; the callbacks only append and
 * signal a condition variable, as the real core's only queue. Handles given to the provider
 * are small integers cast to the opaque handle types.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"

#define H_MAX_EVENTS   4096
#define H_MAX_REQUESTS 1024
#define H_PROVIDER_ID  1

static struct {
    void *dl;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    struct h_event events[H_MAX_EVENTS];
    int nevents;
    DWORD completions[H_MAX_REQUESTS]; /* count per request ID */
    LONG results[H_MAX_REQUESTS];
    DRV_REQUESTID next_request;
    uintptr_t next_htcall;
    bool overflow;
    DWORD nlines, nphones;
} h = {.lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER};

/* Look up an entry point of sim.tsp, loading it on first use. Aborts when missing. */
void *h_sym(const char *name)
{
    void *p;

    if (!h.dl) {
        h.dl = dlopen(SIM_TSP_PATH, RTLD_NOW | RTLD_LOCAL);
        if (!h.dl) {
            fprintf(stderr, "dlopen %s: %s\n", SIM_TSP_PATH, dlerror());
            abort();
        }
    }
    p = dlsym(h.dl, name);
    if (!p) {
        fprintf(stderr, "sim.tsp does not export %s\n", name);
        abort();
    }
    return p;
}

static void h_completion(DRV_REQUESTID id, LONG result)
{
    pthread_mutex_lock(&h.lock);
    if (id < H_MAX_REQUESTS) {
        h.completions[id]++;
        h.results[id] = result;
    } else {
        h.overflow = true;
    }
    pthread_cond_broadcast(&h.cond);
    pthread_mutex_unlock(&h.lock);
}

static void h_record(struct h_event ev)
{
    pthread_mutex_lock(&h.lock);
    if (h.nevents < H_MAX_EVENTS)
        h.events[h.nevents++] = ev;
    else
        h.overflow = true;
    pthread_cond_broadcast(&h.cond);
    pthread_mutex_unlock(&h.lock);
}

/* LINEEVENT: record; answer LINE_NEWCALL with a fresh handle as TAPI does. */
static void h_line_event(HTAPILINE htLine, HTAPICALL htCall, DWORD msg, DWORD_PTR p1, DWORD_PTR p2,
                         DWORD_PTR p3)
{
    struct h_event ev = {
        .htLine = htLine, .htCall = htCall, .msg = msg, .p1 = p1, .p2 = p2, .p3 = p3};

    if (msg == LINE_NEWCALL) {
        HTAPICALL ht = h_new_htcall();

        *(HTAPICALL *)p2 = ht;
        ev.htCall = ht;
    }
    h_record(ev);
}

static void h_phone_event(HTAPIPHONE htPhone, DWORD msg, DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3)
{
    struct h_event ev = {.htPhone = htPhone, .msg = msg, .p1 = p1, .p2 = p2, .p3 = p3};

    h_record(ev);
}

/* Reset what was recorded. */
static void h_reset(void)
{
    pthread_mutex_lock(&h.lock);
    h.nevents = 0;
    memset(h.completions, 0, sizeof h.completions);
    h.next_request = 1;
    h.next_htcall = 0x1000;
    h.overflow = false;
    pthread_mutex_unlock(&h.lock);
}

LONG h_configure(const char *const *settings, const DWORD *lines, char *err, size_t errlen)
{
    const char *keys[64], *values[64];
    DWORD n = 0, deflines[64];
    TSPIXCONFIG cfg;

    for (; settings && settings[2 * n]; n++) {
        keys[n] = settings[2 * n];
        values[n] = settings[2 * n + 1];
        deflines[n] = n + 1;
    }
    cfg = (TSPIXCONFIG){.dwNumSettings = n,
                        .lpszKeys = keys,
                        .lpszValues = values,
                        .lpdwLines = lines ? lines : deflines,
                        .lpszFile = "test.conf",
                        .lpszInstance = ""};
    return TSPI(TSPIX_providerConfig)(H_PROVIDER_ID, &cfg, err, (DWORD)errlen);
}

LONG h_start(const char *const *settings)
{
    char err[256];
    DWORD version = 0, options = 0;
    LONG rc;

    h_reset();
    if (settings) {
        rc = h_configure(settings, NULL, err, sizeof err);
        if (rc) {
            fprintf(stderr, "config: %s\n", err);
            return rc;
        }
    }
    rc = TSPI(TSPI_lineNegotiateTSPIVersion)(INITIALIZE_NEGOTIATION, 0x00020000, 0x00020002,
                                             &version);
    if (rc)
        return rc;
    rc = TSPI(TSPI_providerEnumDevices)(H_PROVIDER_ID, &h.nlines, &h.nphones, NULL, NULL, NULL);
    if (rc)
        return rc;
    return TSPI(TSPI_providerInit)(version, H_PROVIDER_ID, 0, 0, h.nlines, h.nphones, h_completion,
                                   &options);
}

void h_stop(void)
{
    TSPI(TSPI_providerShutdown)(0x00020002, H_PROVIDER_ID);
}

DWORD h_num_lines(void)
{
    return h.nlines;
}

DWORD h_num_phones(void)
{
    return h.nphones;
}

HTAPILINE h_htline(DWORD dev)
{
    return (HTAPILINE)(uintptr_t)(0x100 + dev);
}

HTAPIPHONE h_htphone(DWORD dev)
{
    return (HTAPIPHONE)(uintptr_t)(0x800 + dev);
}

HDRVLINE h_open_line(DWORD dev)
{
    HDRVLINE hd = NULL;

    if (TSPI(TSPI_lineOpen)(dev, h_htline(dev), &hd, 0x00020002, h_line_event))
        return NULL;
    return hd;
}

HDRVPHONE h_open_phone(DWORD dev)
{
    HDRVPHONE hd = NULL;

    if (TSPI(TSPI_phoneOpen)(dev, h_htphone(dev), &hd, 0x00020002, h_phone_event))
        return NULL;
    return hd;
}

HTAPICALL h_new_htcall(void)
{
    uintptr_t v;

    pthread_mutex_lock(&h.lock);
    v = h.next_htcall++;
    pthread_mutex_unlock(&h.lock);
    return (HTAPICALL)v;
}

DRV_REQUESTID h_request(void)
{
    DRV_REQUESTID id;

    pthread_mutex_lock(&h.lock);
    id = h.next_request++;
    pthread_mutex_unlock(&h.lock);
    return id;
}

/* Absolute deadline ms from now on the condition variable's clock. */
static struct timespec h_deadline(unsigned ms)
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

LONG h_result(DRV_REQUESTID id)
{
    struct timespec dl = h_deadline(H_TIMEOUT_MS);
    LONG rc = H_NO_COMPLETION;

    if (id >= H_MAX_REQUESTS)
        return rc;
    pthread_mutex_lock(&h.lock);
    while (h.completions[id] == 0 && pthread_cond_timedwait(&h.cond, &h.lock, &dl) == 0)
        ;
    if (h.completions[id])
        rc = h.results[id];
    pthread_mutex_unlock(&h.lock);
    return rc;
}

bool h_all_completed(void)
{
    bool ok = !h.overflow;

    pthread_mutex_lock(&h.lock);
    for (DRV_REQUESTID id = 1; id < H_MAX_REQUESTS; id++) {
        if (id < h.next_request && h.completions[id] != 1) {
            fprintf(stderr, "request %u completed %u times\n", (unsigned)id,
                    (unsigned)h.completions[id]);
            ok = false;
        }
        if (id >= h.next_request && h.completions[id]) {
            fprintf(stderr, "unknown request %u completed\n", (unsigned)id);
            ok = false;
        }
    }
    pthread_mutex_unlock(&h.lock);
    return ok;
}

static bool h_match(const struct h_event *e, HTAPILINE htLine, HTAPICALL htCall, DWORD msg,
                    DWORD_PTR p1, DWORD_PTR p2)
{
    return e->msg == msg && (htLine == (HTAPILINE)H_ANY || e->htLine == htLine) &&
           (htCall == (HTAPICALL)H_ANY || e->htCall == htCall) && (p1 == H_ANY || e->p1 == p1) &&
           (p2 == H_ANY || e->p2 == p2);
}

int h_wait_after(int after, HTAPILINE htLine, HTAPICALL htCall, DWORD msg, DWORD_PTR p1,
                 DWORD_PTR p2)
{
    struct timespec dl = h_deadline(H_TIMEOUT_MS);
    int i = after + 1, found = -1;

    pthread_mutex_lock(&h.lock);
    for (;;) {
        for (; i < h.nevents; i++)
            if (h_match(&h.events[i], htLine, htCall, msg, p1, p2)) {
                found = i;
                break;
            }
        if (found >= 0 || pthread_cond_timedwait(&h.cond, &h.lock, &dl))
            break;
    }
    pthread_mutex_unlock(&h.lock);
    return found;
}

int h_wait(HTAPILINE htLine, HTAPICALL htCall, DWORD msg, DWORD_PTR p1, DWORD_PTR p2)
{
    return h_wait_after(-1, htLine, htCall, msg, p1, p2);
}

int h_count(void)
{
    int n;

    pthread_mutex_lock(&h.lock);
    n = h.nevents;
    pthread_mutex_unlock(&h.lock);
    return n;
}

struct h_event h_get(int i)
{
    struct h_event e;

    pthread_mutex_lock(&h.lock);
    e = h.events[i];
    pthread_mutex_unlock(&h.lock);
    return e;
}

int h_matching(HTAPILINE htLine, HTAPICALL htCall, DWORD msg, DWORD_PTR p1, DWORD_PTR p2)
{
    int n = 0;

    pthread_mutex_lock(&h.lock);
    for (int i = 0; i < h.nevents; i++)
        n += h_match(&h.events[i], htLine, htCall, msg, p1, p2);
    pthread_mutex_unlock(&h.lock);
    return n;
}

int h_wait_phone(HTAPIPHONE htPhone, DWORD msg, DWORD_PTR p1, DWORD_PTR p2)
{
    struct timespec dl = h_deadline(H_TIMEOUT_MS);
    int found = -1, i = 0;

    pthread_mutex_lock(&h.lock);
    for (;;) {
        for (; i < h.nevents; i++) {
            const struct h_event *e = &h.events[i];

            if (e->htPhone == htPhone && e->msg == msg && (p1 == H_ANY || e->p1 == p1) &&
                (p2 == H_ANY || e->p2 == p2)) {
                found = i;
                break;
            }
        }
        if (found >= 0 || pthread_cond_timedwait(&h.cond, &h.lock, &dl))
            break;
    }
    pthread_mutex_unlock(&h.lock);
    return found;
}

HTAPICALL h_newcall(HTAPILINE htLine, int n, HDRVCALL *hdCall)
{
    int i = -1;

    for (int k = 0; k <= n; k++) {
        i = h_wait_after(i, htLine, (HTAPICALL)H_ANY, LINE_NEWCALL, H_ANY, H_ANY);
        if (i < 0)
            return NULL;
    }
    if (hdCall)
        *hdCall = (HDRVCALL)h_get(i).p1;
    return h_get(i).htCall;
}

DWORD h_call_state(HDRVCALL hdCall)
{
    LINECALLSTATUS st = {.dwTotalSize = sizeof st};

    if (TSPI(TSPI_lineGetCallStatus)(hdCall, &st))
        return 0;
    return st.dwCallState;
}

LPLINECALLINFO h_call_info(HDRVCALL hdCall)
{
    static union {
        LINECALLINFO ci;
        char buf[4096];
    } u;

    memset(&u, 0, sizeof u);
    u.ci.dwTotalSize = sizeof u;
    if (TSPI(TSPI_lineGetCallInfo)(hdCall, &u.ci))
        return NULL;
    return &u.ci;
}

const char *h_str(const void *structure, DWORD size, DWORD offset)
{
    if (!size)
        return "";
    return (const char *)structure + offset;
}

void h_sleep(unsigned ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};

    nanosleep(&ts, NULL);
}
