/*
 * api_priority.c — the handoff priority lists: lineSetAppPriority and lineGetAppPriority.
 *
 * For each media mode, and for the assisted-telephony request mode LINEREQUESTMODE_MAKECALL,
 * TAPI keeps an ordered list of application names. lineHandoff to a media mode and the offer
 * of an incoming call of a known media mode prefer the open of the highest-listed application
 * that owns that mode on the line; assisted-telephony requests go to the highest-listed
 * registered recipient. Applications are named by the friendly name they gave
 * lineInitializeEx: in one process every application shares one executable file name. The
 * lists are kept in memory until the core stops.
 */
#include "api.h"

#include <stdlib.h>
#include <string.h>

#define MEDIA_BITS (2u * LAST_LINEMEDIAMODE - 1u)

struct priority_entry {
    DWORD media;   /* one LINEMEDIAMODE_ bit, or 0 */
    DWORD request; /* a LINEREQUESTMODE_ value when media is 0 */
    char *app;
    struct priority_entry *next; /* the whole list in priority order */
};

/* Unlinks and frees the entry of `app` for (media, request); true when there was one. */
static bool priority_remove(const char *app, DWORD media, DWORD request)
{
    for (struct priority_entry **pp = &g_core.priorities; *pp; pp = &(*pp)->next) {
        struct priority_entry *e = *pp;
        if (e->media == media && e->request == request && strcmp(e->app, app) == 0) {
            *pp = e->next;
            free(e->app);
            free(e);
            return true;
        }
    }
    return false;
}

/* Puts `app` first for (media, request). 0 or LINEERR_NOMEM. */
static LONG priority_insert_first(const char *app, DWORD media, DWORD request)
{
    struct priority_entry *e = calloc(1, sizeof(*e));
    if (!e || !(e->app = strdup(app))) {
        free(e);
        return LINEERR_NOMEM;
    }
    e->media = media;
    e->request = request;
    e->next = g_core.priorities;
    g_core.priorities = e;
    return 0;
}

DWORD priority_position(const char *app, DWORD media, DWORD request)
{
    DWORD pos = 0;
    for (const struct priority_entry *e = g_core.priorities; e; e = e->next)
        if (e->media == media && e->request == request) {
            pos++;
            if (strcmp(e->app, app) == 0)
                return pos;
        }
    return 0;
}

void priority_clear(void)
{
    while (g_core.priorities) {
        struct priority_entry *e = g_core.priorities;
        g_core.priorities = e->next;
        free(e->app);
        free(e);
    }
}

struct line_open *priority_pick(struct line_device *dev, DWORD media_mode,
                                const struct app *exclude)
{
    for (const struct priority_entry *e = g_core.priorities; e; e = e->next) {
        if (!(e->media & media_mode))
            continue;
        for (struct line_open *o = dev->opens; o; o = o->next_on_dev)
            if (o->app != exclude && (o->privileges & LINECALLPRIVILEGE_OWNER) &&
                (o->media_modes & media_mode) && strcmp(o->app->name, e->app) == 0)
                return o;
    }
    return NULL;
}

/* 0 when `name` may name an application, else LINEERR_INVALPOINTER / LINEERR_INVALAPPNAME. */
static LONG api_check_app_name(LPCSTR name)
{
    if (!name)
        return LINEERR_INVALPOINTER;
    return *name ? 0 : LINEERR_INVALAPPNAME;
}

LONG WINAPI CORE_API(lineSetAppPriority)(LPCSTR lpszAppFilename, DWORD dwMediaMode,
                                         LPLINEEXTENSIONID lpExtensionID, DWORD dwRequestMode,
                                         LPCSTR lpszExtensionName, DWORD dwPriority)
{
    LONG rc = api_check_app_name(lpszAppFilename);
    if (rc != 0)
        return rc;
    if (dwMediaMode & ((DWORD)1u | ~(DWORD)MEDIA_BITS))
        return LINEERR_INVALMEDIAMODE;
    if (!dwMediaMode && dwRequestMode != LINEREQUESTMODE_MAKECALL)
        return LINEERR_INVALREQUESTMODE;
    if (dwPriority > 1)
        return LINEERR_INVALPARAM;
    core_enter();
    DWORD request = dwMediaMode ? 0 : dwRequestMode;
    for (DWORD bit = 2; rc == 0 && bit <= LAST_LINEMEDIAMODE; bit <<= 1) {
        if (dwMediaMode && !(dwMediaMode & bit))
            continue;
        DWORD media = dwMediaMode ? bit : 0;
        priority_remove(lpszAppFilename, media, request);
        if (dwPriority == 1)
            rc = priority_insert_first(lpszAppFilename, media, request);
        if (!dwMediaMode)
            break;
    }
    API_RETURN(rc);
}

LONG WINAPI CORE_API(lineGetAppPriority)(LPCSTR lpszAppFilename, DWORD dwMediaMode,
                                         LPLINEEXTENSIONID lpExtensionID, DWORD dwRequestMode,
                                         LPVARSTRING lpExtensionName, LPDWORD lpdwPriority)
{
    LONG rc = api_check_app_name(lpszAppFilename);
    if (rc != 0)
        return rc;
    if (!lpdwPriority)
        return LINEERR_INVALPOINTER;
    if (dwMediaMode && ((dwMediaMode & (dwMediaMode - 1)) || (dwMediaMode & 1u) ||
                        (dwMediaMode & ~(DWORD)MEDIA_BITS)))
        return LINEERR_INVALMEDIAMODE;
    if (!dwMediaMode && dwRequestMode != LINEREQUESTMODE_MAKECALL &&
        dwRequestMode != LINEREQUESTMODE_MEDIACALL)
        return LINEERR_INVALREQUESTMODE;
    core_enter();
    if (lpExtensionName) {
        /* tapix keeps no extension names: an empty VARSTRING. */
        struct tapix_varstruct vs;
        rc = tapix_varstruct_begin(&vs, lpExtensionName, sizeof(VARSTRING));
        if (rc != 0)
            API_RETURN(rc);
        lpExtensionName->dwStringFormat = STRINGFORMAT_ASCII;
        tapix_varstruct_end(&vs);
    }
    *lpdwPriority =
        priority_position(lpszAppFilename, dwMediaMode, dwMediaMode ? 0 : dwRequestMode);
    API_RETURN(0);
}
