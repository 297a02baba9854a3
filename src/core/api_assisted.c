/*
 * api_assisted.c — assisted telephony inside one process: lineRegisterRequestRecipient,
 * tapiRequestMakeCall, lineGetRequest, and the obsolete tapiRequestMediaCall and
 * tapiRequestDrop.
 *
 * An application that places calls for others (a call manager) registers as a recipient of
 * LINEREQUESTMODE_MAKECALL requests. Any code in the process may then ask for a call with
 * tapiRequestMakeCall: the request waits in a queue and the recipient is told with
 * LINE_REQUEST; it takes the request with lineGetRequest and makes the call with the line API.
 * The recipient is the registered application listed highest by lineSetAppPriority for the
 * request mode, else the one that registered first. Windows would also start a call manager
 * when none is running; tapix cannot start one and answers TAPIERR_NOREQUESTRECIPIENT.
 */
#include "api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ASSISTED_QUEUE_MAX 32
#define REQUEST_MODES      (LINEREQUESTMODE_MAKECALL | LINEREQUESTMODE_MEDIACALL)

struct recipient {
    DWORD hLineApp; /* checked with app_find: a recipient that shut down is skipped */
    DWORD_PTR instance;
    DWORD modes;
    struct recipient *next; /* in registration order */
};

struct assisted_state {
    struct recipient *recipients;
    LINEREQMAKECALL queue[ASSISTED_QUEUE_MAX];
    size_t head, count;
};

/* The state, allocated on first use; NULL when out of memory. */
static struct assisted_state *assisted(void)
{
    if (!g_core.assisted)
        g_core.assisted = calloc(1, sizeof(*g_core.assisted));
    return g_core.assisted;
}

void assisted_clear(void)
{
    if (!g_core.assisted)
        return;
    while (g_core.assisted->recipients) {
        struct recipient *r = g_core.assisted->recipients;
        g_core.assisted->recipients = r->next;
        free(r);
    }
    free(g_core.assisted);
    g_core.assisted = NULL;
}

/* Frees the registrations of applications that have shut down. */
static void assisted_prune(struct assisted_state *st)
{
    for (struct recipient **pp = &st->recipients; *pp;) {
        struct recipient *r = *pp;
        if (app_find(r->hLineApp, APP_LINE)) {
            pp = &r->next;
        } else {
            *pp = r->next;
            free(r);
        }
    }
}

/* The registration of hLineApp, or NULL. */
static struct recipient *assisted_find(struct assisted_state *st, DWORD hLineApp)
{
    for (struct recipient *r = st->recipients; r; r = r->next)
        if (r->hLineApp == hLineApp)
            return r;
    return NULL;
}

/* The recipient of MAKECALL requests: highest in the priority list, else first registered. */
static struct recipient *assisted_recipient(struct assisted_state *st)
{
    struct recipient *first = NULL, *best = NULL;
    DWORD best_pos = 0;
    assisted_prune(st);
    for (struct recipient *r = st->recipients; r; r = r->next) {
        if (!(r->modes & LINEREQUESTMODE_MAKECALL))
            continue;
        if (!first)
            first = r;
        DWORD pos =
            priority_position(app_find(r->hLineApp, APP_LINE)->name, 0, LINEREQUESTMODE_MAKECALL);
        if (pos && (!best_pos || pos < best_pos)) {
            best = r;
            best_pos = pos;
        }
    }
    return best ? best : first;
}

/* Tells the recipient that a request waits. */
static void assisted_notify(struct recipient *r)
{
    app_post(app_find(r->hLineApp, APP_LINE), 0, LINE_REQUEST, r->instance,
             LINEREQUESTMODE_MAKECALL, 0, 0);
}

/* Adds or removes `modes` for app; LINEERR_OPERATIONFAILED when removing what is not there. */
static LONG assisted_register(struct assisted_state *st, struct app *app, DWORD_PTR instance,
                              DWORD modes, bool enable)
{
    struct recipient *r = assisted_find(st, app->handle);
    if (!enable) {
        if (!r || (r->modes & modes) != modes)
            return LINEERR_OPERATIONFAILED;
        r->modes &= ~modes;
        return 0;
    }
    if (!r) {
        if (!(r = calloc(1, sizeof(*r))))
            return LINEERR_NOMEM;
        struct recipient **pp = &st->recipients;
        while (*pp)
            pp = &(*pp)->next;
        *pp = r;
        r->hLineApp = app->handle;
    }
    r->instance = instance;
    r->modes |= modes;
    return 0;
}

LONG WINAPI CORE_API(lineRegisterRequestRecipient)(HLINEAPP hLineApp, DWORD dwRegistrationInstance,
                                                   DWORD dwRequestMode, DWORD bEnable)
{
    core_enter();
    struct app *app = app_find(hLineApp, APP_LINE);
    if (!app)
        API_RETURN(LINEERR_INVALAPPHANDLE);
    if (dwRequestMode == 0 || (dwRequestMode & ~(DWORD)REQUEST_MODES))
        API_RETURN(LINEERR_INVALREQUESTMODE);
    struct assisted_state *st = assisted();
    if (!st)
        API_RETURN(LINEERR_NOMEM);
    LONG rc = assisted_register(st, app, dwRegistrationInstance, dwRequestMode, bEnable != 0);
    /* A new recipient learns at once of requests that were waiting for it. */
    if (rc == 0 && bEnable && st->count && assisted_recipient(st) == assisted_find(st, hLineApp))
        assisted_notify(assisted_find(st, hLineApp));
    API_RETURN(rc);
}

/* Copies `s` (NULL: empty) into a fixed field of `size` bytes, truncating. */
static void assisted_copy(char *field, size_t size, LPCSTR s)
{
    snprintf(field, size, "%s", s ? s : "");
}

LONG WINAPI CORE_API(tapiRequestMakeCall)(LPCSTR lpszDestAddress, LPCSTR lpszAppName,
                                          LPCSTR lpszCalledParty, LPCSTR lpszComment)
{
    if (!lpszDestAddress || !*lpszDestAddress || strlen(lpszDestAddress) >= TAPIMAXDESTADDRESSSIZE)
        return TAPIERR_INVALDESTADDRESS;
    core_enter();
    struct assisted_state *st = assisted();
    if (!st)
        API_RETURN(TAPIERR_REQUESTFAILED);
    struct recipient *r = assisted_recipient(st);
    if (!r)
        API_RETURN(TAPIERR_NOREQUESTRECIPIENT);
    if (st->count == ASSISTED_QUEUE_MAX)
        API_RETURN(TAPIERR_REQUESTQUEUEFULL);
    LINEREQMAKECALL *q = &st->queue[(st->head + st->count++) % ASSISTED_QUEUE_MAX];
    assisted_copy(q->szDestAddress, sizeof(q->szDestAddress), lpszDestAddress);
    assisted_copy(q->szAppName, sizeof(q->szAppName), lpszAppName);
    assisted_copy(q->szCalledParty, sizeof(q->szCalledParty), lpszCalledParty);
    assisted_copy(q->szComment, sizeof(q->szComment), lpszComment);
    assisted_notify(r);
    API_RETURN(0);
}

LONG WINAPI CORE_API(lineGetRequest)(HLINEAPP hLineApp, DWORD dwRequestMode, LPVOID lpRequestBuffer)
{
    core_enter();
    if (!app_find(hLineApp, APP_LINE))
        API_RETURN(LINEERR_INVALAPPHANDLE);
    if (dwRequestMode != LINEREQUESTMODE_MAKECALL && dwRequestMode != LINEREQUESTMODE_MEDIACALL)
        API_RETURN(LINEERR_INVALREQUESTMODE);
    if (!lpRequestBuffer)
        API_RETURN(LINEERR_INVALPOINTER);
    struct assisted_state *st = g_core.assisted;
    struct recipient *r = st ? assisted_find(st, hLineApp) : NULL;
    if (!r || !(r->modes & dwRequestMode))
        API_RETURN(LINEERR_NOTREGISTERED);
    /* tapiRequestMediaCall never queues anything: no media-call request ever waits. */
    if (dwRequestMode == LINEREQUESTMODE_MEDIACALL || st->count == 0)
        API_RETURN(LINEERR_NOREQUEST);
    memcpy(lpRequestBuffer, &st->queue[st->head], sizeof(LINEREQMAKECALL));
    st->head = (st->head + 1) % ASSISTED_QUEUE_MAX;
    st->count--;
    API_RETURN(0);
}

LONG WINAPI CORE_API(tapiRequestMediaCall)(HWND hwnd, WPARAM wRequestID, LPCSTR lpszDeviceClass,
                                           LPCSTR lpDeviceID, DWORD dwSize, DWORD dwSecure,
                                           LPCSTR lpszDestAddress, LPCSTR lpszAppName,
                                           LPCSTR lpszCalledParty, LPCSTR lpszComment)
{
    /* Never implemented in any version of TAPI, as Microsoft documents. */
    return TAPIERR_REQUESTFAILED;
}

LONG WINAPI CORE_API(tapiRequestDrop)(HWND hwnd, WPARAM wRequestID)
{
    /* The drop half of the obsolete media-call requests: nothing can be dropped. */
    return TAPIERR_REQUESTFAILED;
}
