/*
 * broken.c — a minimal TSPI provider with one deliberate defect, selected at compile time, so
 * that the tests can prove tspi-conform catches each kind of contract violation by name.
 *
 * Built once per defect (tests/conform/CMakeLists.txt) as broken_<defect>.tsp, with one of:
 *   BROKEN_NOEXPORT        TSPI_providerShutdown is not exported
 *   BROKEN_NEGOTIATE       any version range is accepted, even one it cannot support
 *   BROKEN_BADOFFSETS      LINEDEVCAPS' LineName pair points past dwUsedSize
 *   BROKEN_OVERFLOW        TSPI_lineGetDevCaps writes past dwTotalSize when it is short
 *   BROKEN_DOUBLECOMPLETE  TSPI_lineMakeCall's request is completed twice
 *   BROKEN_NOCOMPLETE      TSPI_lineDrop's request is never completed
 *   BROKEN_LATEEVENT       an event for the line follows TSPI_lineClose
 * Without a defect it is a correct one-line provider. It keeps a single instance in a static
 * context for brevity; a real provider keys its state by dwPermanentProviderID
 * (see sample_good.c). It is never installed and never loaded by the core.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tapix/tapi.h"
#include "tapix/tspi.h"
#include "tapix/varstruct.h"

#define STEP_MS 10

/* A timed action of the worker thread. */
enum action { ACT_NONE, ACT_MAKE_DONE, ACT_DROP_DONE, ACT_LATE_EVENT };

/* The one call this provider can have. */
struct call {
    int used;
    HTAPICALL ht;
    enum action act;
    DRV_REQUESTID req;
    unsigned long due;
};

static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t worker;
    int running, stopping;
    DWORD line_id;
    ASYNC_COMPLETION complete;
    int open;
    HTAPILINE ht;
    LINEEVENT event;
    HTAPILINE late_ht; /* BROKEN_LATEEVENT: the closed line's handle */
    unsigned long late_due;
    struct call call;
} P = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

/* Milliseconds on a monotonic clock. */
static unsigned long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long)ts.tv_sec * 1000ul + (unsigned long)ts.tv_nsec / 1000000ul;
}

/* Run the call's due action; lock held. */
static void run_call_action(struct call *c)
{
    enum action act = c->act;

    c->act = ACT_NONE;
    if (act == ACT_MAKE_DONE) {
        P.complete(c->req, 0);
#ifdef BROKEN_DOUBLECOMPLETE
        P.complete(c->req, 0);
#endif
        P.event(P.ht, c->ht, LINE_CALLSTATE, LINECALLSTATE_CONNECTED, 0, 0);
    } else if (act == ACT_DROP_DONE) {
#ifndef BROKEN_NOCOMPLETE
        P.complete(c->req, 0);
#endif
        P.event(P.ht, c->ht, LINE_CALLSTATE, LINECALLSTATE_IDLE, 0, 0);
    }
}

/* The worker: runs due actions every few milliseconds until stopping. */
static void *worker_main(void *arg)
{
    pthread_mutex_lock(&P.lock);
    while (!P.stopping) {
        struct timespec until;
        unsigned long now = now_ms();

        if (P.call.used && P.call.act != ACT_NONE && P.call.due <= now)
            run_call_action(&P.call);
        if (P.late_ht && P.late_due <= now) {
            P.event(P.late_ht, NULL, LINE_LINEDEVSTATE, LINEDEVSTATE_OTHER, 0, 0);
            P.late_ht = NULL;
        }
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 2 * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&P.wake, &P.lock, &until);
    }
    pthread_mutex_unlock(&P.lock);
    return arg;
}

/* Schedule act for the call STEP_MS from now; lock held. */
static void schedule(enum action act, DRV_REQUESTID req)
{
    P.call.act = act;
    P.call.req = req;
    P.call.due = now_ms() + STEP_MS;
}

/* Forget the call, completing a pending request first; lock held. */
static void call_forget(void)
{
    if (P.call.used && P.call.act != ACT_NONE)
        P.complete(P.call.req, P.call.act == ACT_MAKE_DONE ? LINEERR_OPERATIONFAILED : 0);
    memset(&P.call, 0, sizeof P.call);
}

LONG TSPIAPI TSPI_lineNegotiateTSPIVersion(DWORD dwDeviceID, DWORD dwLowVersion,
                                           DWORD dwHighVersion, LPDWORD lpdwTSPIVersion)
{
#ifndef BROKEN_NEGOTIATE
    if (dwLowVersion > 0x00020002 || dwHighVersion < 0x00020000)
        return LINEERR_INCOMPATIBLEAPIVERSION;
#endif
    *lpdwTSPIVersion = dwHighVersion < 0x00020002 ? dwHighVersion : 0x00020002;
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
    P.line_id = dwLineDeviceIDBase;
    P.complete = lpfnCompletionProc;
    P.stopping = 0;
    if (pthread_create(&P.worker, NULL, worker_main, NULL) != 0)
        return LINEERR_RESOURCEUNAVAIL;
    P.running = 1;
    return 0;
}

#ifndef BROKEN_NOEXPORT
LONG TSPIAPI TSPI_providerShutdown(DWORD dwTSPIVersion, DWORD dwPermanentProviderID)
{
    pthread_mutex_lock(&P.lock);
    call_forget();
    P.stopping = 1;
    pthread_cond_signal(&P.wake);
    pthread_mutex_unlock(&P.lock);
    if (P.running)
        pthread_join(P.worker, NULL);
    P.running = 0;
    return 0;
}
#endif

/* LINEDEVCAPS as the defect wants it. */
LONG TSPIAPI TSPI_lineGetDevCaps(DWORD dwDeviceID, DWORD dwTSPIVersion, DWORD dwExtVersion,
                                 LPLINEDEVCAPS lpLineDevCaps)
{
    static const char name[] = "Broken line";
    DWORD fixed = offsetof(LINEDEVCAPS, PermanentLineGuid) + sizeof(GUID);
    struct tapix_varstruct vs;
    LINEDEVCAPS *c = lpLineDevCaps;
    LONG rc;

#ifdef BROKEN_OVERFLOW
    memset((char *)c + 4, 0, fixed + sizeof name - 4); /* ignores dwTotalSize */
    memcpy((char *)c + fixed, name, sizeof name);
#endif
    rc = tapix_varstruct_begin(&vs, c, fixed);
    if (rc)
        return rc;
    c->dwStringFormat = STRINGFORMAT_ASCII;
    c->dwNumAddresses = 1;
    c->dwBearerModes = LINEBEARERMODE_VOICE;
    c->dwMediaModes = LINEMEDIAMODE_INTERACTIVEVOICE;
    c->dwMaxNumActiveCalls = 1;
    c->dwLineFeatures = LINEFEATURE_MAKECALL;
    tapix_varstruct_append_string(&vs, &c->dwLineNameSize, &c->dwLineNameOffset, name);
    tapix_varstruct_end(&vs);
#ifdef BROKEN_BADOFFSETS
    c->dwLineNameSize = sizeof name;
    c->dwLineNameOffset = c->dwUsedSize; /* just past the data actually written */
#endif
    return 0;
}

LONG TSPIAPI TSPI_lineGetAddressCaps(DWORD dwDeviceID, DWORD dwAddressID, DWORD dwTSPIVersion,
                                     DWORD dwExtVersion, LPLINEADDRESSCAPS lpAddressCaps)
{
    struct tapix_varstruct vs;
    LONG rc = tapix_varstruct_begin(&vs, lpAddressCaps, sizeof(LINEADDRESSCAPS));

    if (rc)
        return rc;
    lpAddressCaps->dwLineDeviceID = dwDeviceID;
    lpAddressCaps->dwMaxNumActiveCalls = 1;
    lpAddressCaps->dwAddressFeatures = LINEADDRFEATURE_MAKECALL;
    tapix_varstruct_end(&vs);
    return 0;
}

LONG TSPIAPI TSPI_lineOpen(DWORD dwDeviceID, HTAPILINE htLine, LPHDRVLINE lphdLine,
                           DWORD dwTSPIVersion, LINEEVENT lpfnEventProc)
{
    LONG rc = 0;

    pthread_mutex_lock(&P.lock);
    if (P.open) {
        rc = LINEERR_ALLOCATED;
    } else {
        P.open = 1;
        P.ht = htLine;
        P.event = lpfnEventProc;
        *lphdLine = (HDRVLINE)&P;
    }
    pthread_mutex_unlock(&P.lock);
    return rc;
}

LONG TSPIAPI TSPI_lineClose(HDRVLINE hdLine)
{
    pthread_mutex_lock(&P.lock);
    call_forget();
    P.open = 0;
#ifdef BROKEN_LATEEVENT
    P.late_ht = P.ht;
    P.late_due = now_ms() + 20;
#endif
    pthread_mutex_unlock(&P.lock);
    return 0;
}

LONG TSPIAPI TSPI_lineMakeCall(DRV_REQUESTID dwRequestID, HDRVLINE hdLine, HTAPICALL htCall,
                               LPHDRVCALL lphdCall, LPCSTR lpszDestAddress, DWORD dwCountryCode,
                               LPLINECALLPARAMS const lpCallParams)
{
    LONG rc = (LONG)dwRequestID;

    pthread_mutex_lock(&P.lock);
    if (P.call.used) {
        rc = LINEERR_CALLUNAVAIL;
    } else {
        P.call.used = 1;
        P.call.ht = htCall;
        *lphdCall = (HDRVCALL)&P.call;
        schedule(ACT_MAKE_DONE, dwRequestID);
    }
    pthread_mutex_unlock(&P.lock);
    return rc;
}

LONG TSPIAPI TSPI_lineDrop(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, LPCSTR lpsUserUserInfo,
                           DWORD dwSize)
{
    LONG rc = (LONG)dwRequestID;

    pthread_mutex_lock(&P.lock);
    if (P.call.act != ACT_NONE)
        rc = LINEERR_INVALCALLSTATE;
    else
        schedule(ACT_DROP_DONE, dwRequestID);
    pthread_mutex_unlock(&P.lock);
    return rc;
}

LONG TSPIAPI TSPI_lineCloseCall(HDRVCALL hdCall)
{
    pthread_mutex_lock(&P.lock);
    call_forget();
    pthread_mutex_unlock(&P.lock);
    return 0;
}
