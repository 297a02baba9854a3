/*
 * sample_good.c — a small, complete TSPI provider: one line with one address that makes
 * outgoing calls, which connect after a short time on the provider's own thread.
 *
 * It exists for two reasons. tspi-conform must pass it fully (tests/conform/CMakeLists.txt),
 * which proves the kit does not cry wolf; and it is the seed of a third-party provider: every
 * rule of docs/provider-contract.md appears here in its simplest form.
 *  - State lives in a context per provider instance, keyed by dwPermanentProviderID; the only
 *    global is the list of instances.
 *  - TSPI functions run one at a time (the core serializes them), but the worker thread runs
 *    alongside, so each instance has a lock. Callbacks are made with that lock held: they never
 *    block nor call back, and it makes "no event after TSPI_lineClose / TSPI_lineCloseCall
 *    returned" automatic, because those functions take the lock too.
 *  - Every asynchronous function returns its dwRequestID and later completes it exactly once,
 *    from the worker thread; closing a call or line completes what is still pending.
 *  - Variable-size structures are filled only through include/tapix/varstruct.h.
 * Settings (TSPIX_providerConfig): connect_ms (delay until CONNECTED, default 200), max_calls
 * (default 4), line_name, address.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tapix/tapi.h"
#include "tapix/tspi.h"
#include "tapix/varstruct.h"

#define SAMPLE_TSPI_LOW  0x00020000u
#define SAMPLE_TSPI_HIGH 0x00020002u
#define SAMPLE_STEP_MS   10u /* delay before completing a request */

/* What a call waits for next on the worker thread. */
enum sample_step { STEP_NONE, STEP_COMPLETE_MAKE, STEP_RINGBACK, STEP_CONNECT, STEP_DROP };

/* One call: its address is the HDRVCALL. */
struct sample_call {
    struct sample_line *line;
    HTAPICALL ht;
    DWORD state;            /* LINECALLSTATE_ */
    enum sample_step step;  /* next thing the worker does */
    unsigned long due;      /* when, in monotonic ms */
    DRV_REQUESTID make_req; /* pending TSPI_lineMakeCall, or 0 */
    DRV_REQUESTID drop_req; /* pending TSPI_lineDrop, or 0 */
    struct sample_call *next;
};

/* The instance's one line: its address is the HDRVLINE. */
struct sample_line {
    struct sample *owner;
    int open;
    HTAPILINE ht;
    LINEEVENT event;
    unsigned ncalls;
    struct sample_call *calls;
};

/* One provider instance. */
struct sample {
    DWORD provider_id;
    DWORD line_id; /* the line's device ID */
    ASYNC_COMPLETION complete;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t worker;
    int running, stopping;
    struct sample_line line;
    unsigned connect_ms, max_calls;
    char line_name[64], address[32];
    struct sample *next;
};

static pthread_mutex_t instances_lock = PTHREAD_MUTEX_INITIALIZER;
static struct sample *instances;

/* --------------------------------------------------------------------- instances ------- */

/* The instance with provider ID id, created with default settings when create is set.
 * Returns NULL when absent (or out of memory). */
static struct sample *sample_get(DWORD id, int create)
{
    struct sample *s;

    pthread_mutex_lock(&instances_lock);
    for (s = instances; s && s->provider_id != id; s = s->next)
        ;
    if (!s && create && (s = calloc(1, sizeof *s)) != NULL) {
        s->provider_id = id;
        s->connect_ms = 200;
        s->max_calls = 4;
        snprintf(s->line_name, sizeof s->line_name, "Sample line");
        snprintf(s->address, sizeof s->address, "100");
        s->line.owner = s;
        pthread_mutex_init(&s->lock, NULL);
        pthread_cond_init(&s->wake, NULL);
        s->next = instances;
        instances = s;
    }
    pthread_mutex_unlock(&instances_lock);
    return s;
}

/* The running instance whose line has device ID id, or NULL. */
static struct sample *sample_by_line(DWORD id)
{
    struct sample *s;

    pthread_mutex_lock(&instances_lock);
    for (s = instances; s && !(s->running && s->line_id == id); s = s->next)
        ;
    pthread_mutex_unlock(&instances_lock);
    return s;
}

/* Unlink and free instance s (its worker has stopped). */
static void sample_free(struct sample *s)
{
    struct sample **pp;

    pthread_mutex_lock(&instances_lock);
    for (pp = &instances; *pp && *pp != s; pp = &(*pp)->next)
        ;
    if (*pp)
        *pp = s->next;
    pthread_mutex_unlock(&instances_lock);
    pthread_cond_destroy(&s->wake);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

/* Milliseconds on a monotonic clock. */
static unsigned long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long)ts.tv_sec * 1000ul + (unsigned long)ts.tv_nsec / 1000000ul;
}

/* --------------------------------------------------------------------- calls ----------- */

/* Report a new call state to TAPI; the caller holds the lock and the line is open. */
static void call_set_state(struct sample_call *c, DWORD state)
{
    c->state = state;
    c->line->event(c->line->ht, c->ht, LINE_CALLSTATE, state, 0, 0);
}

/* Schedule the call's next step ms from now and wake the worker; lock held. */
static void call_schedule(struct sample_call *c, enum sample_step step, unsigned ms)
{
    c->step = step;
    c->due = now_ms() + ms;
    pthread_cond_signal(&c->line->owner->wake);
}

/* Complete whatever the call still has pending with result, unlink it and free it; lock held.
 * No event for the call follows. */
static void call_destroy(struct sample_call *c, LONG result)
{
    struct sample *s = c->line->owner;
    struct sample_call **pp;

    if (c->make_req)
        s->complete(c->make_req, result);
    if (c->drop_req)
        s->complete(c->drop_req, 0);
    for (pp = &c->line->calls; *pp && *pp != c; pp = &(*pp)->next)
        ;
    if (*pp)
        *pp = c->next;
    c->line->ncalls--;
    free(c);
}

/* Run the call's step that is due; lock held. */
static void call_step(struct sample_call *c)
{
    struct sample *s = c->line->owner;
    enum sample_step step = c->step;

    c->step = STEP_NONE;
    switch (step) {
    case STEP_COMPLETE_MAKE:
        s->complete(c->make_req, 0);
        c->make_req = 0;
        call_set_state(c, LINECALLSTATE_DIALING);
        call_schedule(c, STEP_RINGBACK, s->connect_ms / 2);
        break;
    case STEP_RINGBACK:
        call_set_state(c, LINECALLSTATE_RINGBACK);
        call_schedule(c, STEP_CONNECT, s->connect_ms - s->connect_ms / 2);
        break;
    case STEP_CONNECT:
        call_set_state(c, LINECALLSTATE_CONNECTED);
        break;
    case STEP_DROP:
        s->complete(c->drop_req, 0);
        c->drop_req = 0;
        call_set_state(c, LINECALLSTATE_IDLE);
        break;
    case STEP_NONE:
        break;
    }
}

/* --------------------------------------------------------------------- worker ---------- */

/* Run every due step; returns ms until the next one (or a long wait). Lock held. */
static unsigned long worker_run_due(struct sample *s)
{
    unsigned long now = now_ms(), wait = 1000;

    for (struct sample_call *c = s->line.calls; c; c = c->next) {
        if (c->step != STEP_NONE && c->due <= now)
            call_step(c);
        if (c->step != STEP_NONE)
            wait = c->due > now && c->due - now < wait ? c->due - now : wait;
    }
    return wait ? wait : 1;
}

/* The instance's thread: runs call steps when they fall due, until stopping. */
static void *worker_main(void *arg)
{
    struct sample *s = arg;

    pthread_mutex_lock(&s->lock);
    while (!s->stopping) {
        unsigned long wait = worker_run_due(s);
        struct timespec until;

        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += (time_t)(wait / 1000);
        until.tv_nsec += (long)(wait % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&s->wake, &s->lock, &until);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* --------------------------------------------------------------------- provider -------- */

/* Apply one setting; returns 0, or LINEERR_INVALPARAM with a message in err. */
static LONG config_apply(struct sample *s, const TSPIXCONFIG *cfg, DWORD i, char *err, size_t len)
{
    const char *key = cfg->lpszKeys[i], *value = cfg->lpszValues[i];
    char *end;
    unsigned long n;

    if (strcmp(key, "line_name") == 0 || strcmp(key, "address") == 0) {
        char *dst = key[0] == 'l' ? s->line_name : s->address;
        size_t cap = key[0] == 'l' ? sizeof s->line_name : sizeof s->address;

        if (strlen(value) < cap && value[0]) {
            snprintf(dst, cap, "%s", value);
            return 0;
        }
        snprintf(err, len, "%s:%u: %s: empty or longer than %zu bytes", cfg->lpszFile,
                 (unsigned)cfg->lpdwLines[i], key, cap - 1);
        return LINEERR_INVALPARAM;
    }
    if (strcmp(key, "connect_ms") != 0 && strcmp(key, "max_calls") != 0) {
        snprintf(err, len, "%s:%u: %s: unknown setting", cfg->lpszFile, (unsigned)cfg->lpdwLines[i],
                 key);
        return LINEERR_INVALPARAM;
    }
    errno = 0;
    n = strtoul(value, &end, 10);
    if (errno || *end || !*value || n > 60000 || (key[0] == 'm' && n == 0)) {
        snprintf(err, len, "%s:%u: %s: \"%s\" is not a number in range", cfg->lpszFile,
                 (unsigned)cfg->lpdwLines[i], key, value);
        return LINEERR_INVALPARAM;
    }
    if (key[0] == 'c')
        s->connect_ms = (unsigned)n;
    else
        s->max_calls = (unsigned)n;
    return 0;
}

LONG TSPIAPI TSPIX_providerConfig(DWORD dwPermanentProviderID, const TSPIXCONFIG *lpConfig,
                                  LPSTR lpszError, DWORD dwErrorSize)
{
    struct sample *s = sample_get(dwPermanentProviderID, 1);
    char err[256];

    if (!s)
        return LINEERR_NOMEM;
    for (DWORD i = 0; i < lpConfig->dwNumSettings; i++) {
        LONG rc = config_apply(s, lpConfig, i, err, sizeof err);

        if (rc) {
            if (lpszError && dwErrorSize)
                snprintf(lpszError, dwErrorSize, "%s", err);
            return rc;
        }
    }
    return 0;
}

LONG TSPIAPI TSPI_lineNegotiateTSPIVersion(DWORD dwDeviceID, DWORD dwLowVersion,
                                           DWORD dwHighVersion, LPDWORD lpdwTSPIVersion)
{
    if (dwLowVersion > SAMPLE_TSPI_HIGH || dwHighVersion < SAMPLE_TSPI_LOW ||
        dwLowVersion > dwHighVersion)
        return LINEERR_INCOMPATIBLEAPIVERSION;
    *lpdwTSPIVersion = dwHighVersion < SAMPLE_TSPI_HIGH ? dwHighVersion : SAMPLE_TSPI_HIGH;
    return 0;
}

LONG TSPIAPI TSPI_providerEnumDevices(DWORD dwPermanentProviderID, LPDWORD lpdwNumLines,
                                      LPDWORD lpdwNumPhones, HPROVIDER hProvider,
                                      LINEEVENT lpfnLineCreateProc, PHONEEVENT lpfnPhoneCreateProc)
{
    *lpdwNumLines = 1;
    *lpdwNumPhones = 0;
    return 0;
}

LONG TSPIAPI TSPI_providerInit(DWORD dwTSPIVersion, DWORD dwPermanentProviderID,
                               DWORD dwLineDeviceIDBase, DWORD dwPhoneDeviceIDBase,
                               DWORD_PTR dwNumLines, DWORD_PTR dwNumPhones,
                               ASYNC_COMPLETION lpfnCompletionProc, LPDWORD lpdwTSPIOptions)
{
    struct sample *s = sample_get(dwPermanentProviderID, 1);

    if (!s)
        return LINEERR_NOMEM;
    if (s->running)
        return LINEERR_OPERATIONFAILED;
    s->line_id = dwLineDeviceIDBase;
    s->complete = lpfnCompletionProc;
    s->stopping = 0;
    if (pthread_create(&s->worker, NULL, worker_main, s) != 0)
        return LINEERR_RESOURCEUNAVAIL;
    s->running = 1;
    *lpdwTSPIOptions = 0;
    return 0;
}

LONG TSPIAPI TSPI_providerShutdown(DWORD dwTSPIVersion, DWORD dwPermanentProviderID)
{
    struct sample *s = sample_get(dwPermanentProviderID, 0);

    if (!s)
        return 0;
    pthread_mutex_lock(&s->lock);
    while (s->line.calls)
        call_destroy(s->line.calls, LINEERR_OPERATIONFAILED);
    s->line.open = 0;
    s->stopping = 1;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
    if (s->running)
        pthread_join(s->worker, NULL);
    sample_free(s);
    return 0;
}

/* --------------------------------------------------------------------- caps ------------ */

/* The fixed size of LINEDEVCAPS at TSPI version v: PermanentLineGuid came with 2.2. */
static DWORD devcaps_fixed(DWORD v)
{
    if (v >= 0x00020002)
        return offsetof(LINEDEVCAPS, PermanentLineGuid) + sizeof(GUID);
    return offsetof(LINEDEVCAPS, PermanentLineGuid);
}

LONG TSPIAPI TSPI_lineGetDevCaps(DWORD dwDeviceID, DWORD dwTSPIVersion, DWORD dwExtVersion,
                                 LPLINEDEVCAPS lpLineDevCaps)
{
    static const char classes[] = "tapi/line\0"; /* a list: ends in two NULs */
    struct sample *s = sample_by_line(dwDeviceID);
    struct tapix_varstruct vs;
    LINEDEVCAPS *c = lpLineDevCaps;
    LONG rc;

    if (!s)
        return LINEERR_NODEVICE;
    rc = tapix_varstruct_begin(&vs, c, devcaps_fixed(dwTSPIVersion));
    if (rc)
        return rc;
    c->dwPermanentLineID = s->provider_id << 16;
    c->dwStringFormat = STRINGFORMAT_ASCII;
    c->dwAddressModes = LINEADDRESSMODE_ADDRESSID;
    c->dwNumAddresses = 1;
    c->dwBearerModes = LINEBEARERMODE_VOICE;
    c->dwMediaModes = LINEMEDIAMODE_INTERACTIVEVOICE;
    c->dwDevCapFlags = LINEDEVCAPFLAGS_CLOSEDROP;
    c->dwMaxNumActiveCalls = s->max_calls;
    c->dwAnswerMode = LINEANSWERMODE_NONE;
    c->dwLineFeatures = LINEFEATURE_MAKECALL;
    tapix_varstruct_append_string(&vs, &c->dwProviderInfoSize, &c->dwProviderInfoOffset,
                                  "tapix sample provider");
    tapix_varstruct_append_string(&vs, &c->dwLineNameSize, &c->dwLineNameOffset, s->line_name);
    tapix_varstruct_append(&vs, &c->dwDeviceClassesSize, &c->dwDeviceClassesOffset, classes,
                           sizeof classes);
    tapix_varstruct_end(&vs);
    return 0;
}

LONG TSPIAPI TSPI_lineGetAddressCaps(DWORD dwDeviceID, DWORD dwAddressID, DWORD dwTSPIVersion,
                                     DWORD dwExtVersion, LPLINEADDRESSCAPS lpAddressCaps)
{
    static const char classes[] = "tapi/line\0";
    struct sample *s = sample_by_line(dwDeviceID);
    struct tapix_varstruct vs;
    LINEADDRESSCAPS *c = lpAddressCaps;
    LONG rc;

    if (!s)
        return LINEERR_NODEVICE;
    if (dwAddressID != 0)
        return LINEERR_INVALADDRESSID;
    rc = tapix_varstruct_begin(&vs, c, sizeof(LINEADDRESSCAPS));
    if (rc)
        return rc;
    c->dwLineDeviceID = dwDeviceID;
    c->dwAddressSharing = LINEADDRESSSHARING_PRIVATE;
    c->dwCallStates = LINECALLSTATE_IDLE | LINECALLSTATE_DIALING | LINECALLSTATE_RINGBACK |
                      LINECALLSTATE_CONNECTED;
    c->dwMaxNumActiveCalls = s->max_calls;
    c->dwAddrCapFlags = LINEADDRCAPFLAGS_DIALED;
    c->dwCallFeatures = LINECALLFEATURE_DROP;
    c->dwAddressFeatures = LINEADDRFEATURE_MAKECALL;
    tapix_varstruct_append_string(&vs, &c->dwAddressSize, &c->dwAddressOffset, s->address);
    tapix_varstruct_append(&vs, &c->dwDeviceClassesSize, &c->dwDeviceClassesOffset, classes,
                           sizeof classes);
    tapix_varstruct_end(&vs);
    return 0;
}

/* --------------------------------------------------------------------- line ------------ */

LONG TSPIAPI TSPI_lineOpen(DWORD dwDeviceID, HTAPILINE htLine, LPHDRVLINE lphdLine,
                           DWORD dwTSPIVersion, LINEEVENT lpfnEventProc)
{
    struct sample *s = sample_by_line(dwDeviceID);
    LONG rc = 0;

    if (!s)
        return LINEERR_NODEVICE;
    pthread_mutex_lock(&s->lock);
    if (s->line.open) {
        rc = LINEERR_ALLOCATED;
    } else {
        s->line.open = 1;
        s->line.ht = htLine;
        s->line.event = lpfnEventProc;
        *lphdLine = (HDRVLINE)&s->line;
    }
    pthread_mutex_unlock(&s->lock);
    return rc;
}

LONG TSPIAPI TSPI_lineClose(HDRVLINE hdLine)
{
    struct sample_line *line = (struct sample_line *)hdLine;
    struct sample *s = line->owner;

    pthread_mutex_lock(&s->lock);
    while (line->calls) /* LINEDEVCAPFLAGS_CLOSEDROP: closing drops the calls */
        call_destroy(line->calls, LINEERR_OPERATIONFAILED);
    line->open = 0;
    pthread_mutex_unlock(&s->lock);
    return 0;
}

LONG TSPIAPI TSPI_lineGetNumAddressIDs(HDRVLINE hdLine, LPDWORD lpdwNumAddressIDs)
{
    *lpdwNumAddressIDs = 1;
    return 0;
}

LONG TSPIAPI TSPI_lineSetDefaultMediaDetection(HDRVLINE hdLine, DWORD dwMediaModes)
{
    /* The sample never offers incoming calls, so any detection request is trivially met. */
    return 0;
}

/* Whether number is a dialable string this line accepts. */
static int dialable(const char *number)
{
    return number && number[0] && strspn(number, "0123456789*#+ABCDabcd") == strlen(number);
}

LONG TSPIAPI TSPI_lineMakeCall(DRV_REQUESTID dwRequestID, HDRVLINE hdLine, HTAPICALL htCall,
                               LPHDRVCALL lphdCall, LPCSTR lpszDestAddress, DWORD dwCountryCode,
                               LPLINECALLPARAMS const lpCallParams)
{
    struct sample_line *line = (struct sample_line *)hdLine;
    struct sample *s = line->owner;
    struct sample_call *c;

    if (!dialable(lpszDestAddress))
        return LINEERR_INVALADDRESS;
    pthread_mutex_lock(&s->lock);
    if (line->ncalls >= s->max_calls || !(c = calloc(1, sizeof *c))) {
        pthread_mutex_unlock(&s->lock);
        return LINEERR_CALLUNAVAIL;
    }
    c->line = line;
    c->ht = htCall;
    c->state = LINECALLSTATE_IDLE;
    c->make_req = dwRequestID;
    c->next = line->calls;
    line->calls = c;
    line->ncalls++;
    *lphdCall = (HDRVCALL)c;
    call_schedule(c, STEP_COMPLETE_MAKE, SAMPLE_STEP_MS);
    pthread_mutex_unlock(&s->lock);
    return (LONG)dwRequestID;
}

LONG TSPIAPI TSPI_lineDrop(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, LPCSTR lpsUserUserInfo,
                           DWORD dwSize)
{
    struct sample_call *c = (struct sample_call *)hdCall;
    struct sample *s = c->line->owner;
    LONG rc = (LONG)dwRequestID;

    pthread_mutex_lock(&s->lock);
    if (c->drop_req || c->state == LINECALLSTATE_IDLE) {
        rc = LINEERR_INVALCALLSTATE;
    } else {
        if (c->make_req) { /* dropped before it was placed */
            s->complete(c->make_req, LINEERR_OPERATIONFAILED);
            c->make_req = 0;
        }
        c->drop_req = dwRequestID;
        call_schedule(c, STEP_DROP, SAMPLE_STEP_MS);
    }
    pthread_mutex_unlock(&s->lock);
    return rc;
}

LONG TSPIAPI TSPI_lineCloseCall(HDRVCALL hdCall)
{
    struct sample_call *c = (struct sample_call *)hdCall;
    struct sample *s = c->line->owner;

    pthread_mutex_lock(&s->lock);
    call_destroy(c, LINEERR_OPERATIONFAILED);
    pthread_mutex_unlock(&s->lock);
    return 0;
}

LONG TSPIAPI TSPI_lineGetCallAddressID(HDRVCALL hdCall, LPDWORD lpdwAddressID)
{
    *lpdwAddressID = 0;
    return 0;
}

LONG TSPIAPI TSPI_lineGetCallStatus(HDRVCALL hdCall, LPLINECALLSTATUS lpCallStatus)
{
    struct sample_call *c = (struct sample_call *)hdCall;
    struct sample *s = c->line->owner;
    struct tapix_varstruct vs;
    LONG rc = tapix_varstruct_begin(&vs, lpCallStatus, sizeof(LINECALLSTATUS));

    if (rc)
        return rc;
    pthread_mutex_lock(&s->lock);
    lpCallStatus->dwCallState = c->state;
    lpCallStatus->dwCallPrivilege = LINECALLPRIVILEGE_OWNER;
    lpCallStatus->dwCallFeatures = c->state == LINECALLSTATE_IDLE ? 0 : LINECALLFEATURE_DROP;
    pthread_mutex_unlock(&s->lock);
    tapix_varstruct_end(&vs);
    return 0;
}
