/*
 * api_init.c — starting and ending an application's use of TAPI lines: lineInitializeEx,
 * lineShutdown, lineGetMessage, version negotiation, and the tapix configuration extensions.
 */
#include "api.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tapix/tapix.h>

TAPIX_EXPORT LONG tapix_set_config_text(const char *ini_text)
{
    char *copy = NULL;
    if (ini_text && !(copy = strdup(ini_text)))
        return LINEERR_NOMEM;
    core_enter();
    free(g_core.config_text);
    g_core.config_text = copy;
    API_RETURN(0);
}

TAPIX_EXPORT void tapix_last_error(char *buf, size_t buflen)
{
    if (!buf || !buflen)
        return;
    core_enter();
    snprintf(buf, buflen, "%s", g_core.last_error);
    core_leave();
}

/* LINEINITIALIZEEXPARAMS and PHONEINITIALIZEEXPARAMS share one layout, and so do LINEMESSAGE,
 * PHONEMESSAGE and the queue's messages: one helper below serves both kinds of application. */
_Static_assert(sizeof(LINEINITIALIZEEXPARAMS) == sizeof(PHONEINITIALIZEEXPARAMS) &&
                   offsetof(LINEINITIALIZEEXPARAMS, dwOptions) ==
                       offsetof(PHONEINITIALIZEEXPARAMS, dwOptions) &&
                   offsetof(LINEINITIALIZEEXPARAMS, Handles) ==
                       offsetof(PHONEINITIALIZEEXPARAMS, Handles),
               "the line and phone INITIALIZEEXPARAMS differ");
_Static_assert(sizeof(LINEMESSAGE) == sizeof(struct queued_msg) &&
                   sizeof(PHONEMESSAGE) == sizeof(struct queued_msg) &&
                   offsetof(LINEMESSAGE, dwParam3) == offsetof(struct queued_msg, dwParam3) &&
                   offsetof(PHONEMESSAGE, dwParam3) == offsetof(struct queued_msg, dwParam3),
               "LINEMESSAGE, PHONEMESSAGE and struct queued_msg differ");

/*
 * Checks how an application wants its messages (`params`, its LINEINITIALIZEEXPARAMS or
 * PHONEINITIALIZEEXPARAMS): only the event handle exists on POSIX. The log names the line or
 * phone function, after `kind`.
 */
static LONG api_check_init_params(enum app_kind kind, const void *params)
{
    const char *fn = kind == APP_LINE ? "line" : "phone", *FN = kind == APP_LINE ? "LINE" : "PHONE";
    if (!params) {
        tapix_log(LOG_ERROR,
                  "%sInitializeEx: %sINITIALIZEEXPARAMS is required on POSIX "
                  "(the hidden-window default does not exist)",
                  fn, FN);
        return LINEERR_INVALPARAM;
    }
    if (tapix_varstruct_get(params, offsetof(LINEINITIALIZEEXPARAMS, dwTotalSize)) <
        sizeof(LINEINITIALIZEEXPARAMS))
        return LINEERR_STRUCTURETOOSMALL;
    DWORD options = tapix_varstruct_get(params, offsetof(LINEINITIALIZEEXPARAMS, dwOptions));
    DWORD mechanism = options & 0x0000000F;
    if (mechanism == LINEINITIALIZEEXOPTION_USEEVENT)
        return 0;
    if (mechanism == LINEINITIALIZEEXOPTION_USEHIDDENWINDOW ||
        mechanism == LINEINITIALIZEEXOPTION_USECOMPLETIONPORT)
        tapix_log(LOG_ERROR,
                  "%sInitializeEx: hidden windows and completion ports do not exist on POSIX; "
                  "use %sINITIALIZEEXOPTION_USEEVENT and %sGetMessage",
                  fn, FN, fn);
    else
        tapix_log(LOG_ERROR, "%sInitializeEx: dwOptions 0x%x names no notification mechanism", fn,
                  options);
    return LINEERR_INVALPARAM;
}

/* Registers an application, starting the core for the first one. */
LONG api_initialize(enum app_kind kind, const char *name, DWORD api_version, struct app **appp)
{
    if (g_core.users == 0) {
        LONG rc = core_start_locked();
        if (rc != 0)
            return rc;
    }
    LONG rc = app_create(kind, name, api_version, true, appp);
    if (rc != 0) {
        if (g_core.users == 0)
            core_stop_locked();
        return rc;
    }
    g_core.users++;
    return 0;
}

/* Unregisters an application, stopping the core after the last one. */
void api_shutdown(struct app *app)
{
    app_destroy(app);
    if (--g_core.users == 0)
        core_stop_locked();
}

LONG api_initialize_ex(enum app_kind kind, LPCSTR name, DWORD *happ, LPDWORD num_devs,
                       LPDWORD api_version, void *params)
{
    if (!happ || !num_devs || !api_version)
        return LINEERR_INVALPOINTER;
    if (*api_version < 0x00020000)
        return LINEERR_INCOMPATIBLEAPIVERSION;
    LONG rc = api_check_init_params(kind, params);
    if (rc != 0)
        return rc;
    core_enter();
    struct app *app;
    rc = api_initialize(kind, name, *api_version, &app);
    if (rc != 0)
        API_RETURN(rc);
    *happ = app->handle;
    *num_devs = kind == APP_LINE ? g_core.num_lines : g_core.num_phones;
    *api_version = CORE_API_VERSION_HIGH;
    tapix_varstruct_put(params, offsetof(LINEINITIALIZEEXPARAMS, dwNeededSize),
                        sizeof(LINEINITIALIZEEXPARAMS));
    tapix_varstruct_put(params, offsetof(LINEINITIALIZEEXPARAMS, dwUsedSize),
                        sizeof(LINEINITIALIZEEXPARAMS));
    HANDLE event = (HANDLE)(intptr_t)app->queue.event_fd;
    memcpy((char *)params + offsetof(LINEINITIALIZEEXPARAMS, Handles.hEvent), &event,
           sizeof(event));
    API_RETURN(0);
}

LONG api_get_message(enum app_kind kind, DWORD hApp, void *out, DWORD timeout)
{
    if (!out)
        return LINEERR_INVALPOINTER;
    core_enter();
    struct app *app = app_find(hApp, kind);
    if (!app)
        API_RETURN(LINEERR_INVALAPPHANDLE);
    struct queued_msg m;
    LONG rc = app_get_message(app, &m, timeout);
    if (rc == 0)
        memcpy(out, &m, sizeof(m));
    API_RETURN(rc);
}

LONG WINAPI CORE_API(lineInitializeEx)(LPHLINEAPP lphLineApp, HINSTANCE hInstance,
                                       LINECALLBACK lpfnCallback, LPCSTR lpszFriendlyAppName,
                                       LPDWORD lpdwNumDevs, LPDWORD lpdwAPIVersion,
                                       LPLINEINITIALIZEEXPARAMS lpParams)
{
    return api_initialize_ex(APP_LINE, lpszFriendlyAppName, lphLineApp, lpdwNumDevs, lpdwAPIVersion,
                             lpParams);
}

LONG WINAPI CORE_API(lineInitialize)(LPHLINEAPP lphLineApp, HINSTANCE hInstance,
                                     LINECALLBACK lpfnCallback, LPCSTR lpszAppName,
                                     LPDWORD lpdwNumDevs)
{
    tapix_log(LOG_ERROR, "lineInitialize: TAPI 1.x callbacks need a Windows message loop; "
                         "use lineInitializeEx with LINEINITIALIZEEXOPTION_USEEVENT");
    return LINEERR_OPERATIONUNAVAIL;
}

LONG api_shutdown_app(enum app_kind kind, DWORD hApp)
{
    core_enter();
    struct app *app = app_find(hApp, kind);
    if (!app)
        API_RETURN(LINEERR_INVALAPPHANDLE);
    api_shutdown(app);
    API_RETURN(0);
}

LONG WINAPI CORE_API(lineShutdown)(HLINEAPP hLineApp)
{
    return api_shutdown_app(APP_LINE, hLineApp);
}

LONG WINAPI CORE_API(lineGetMessage)(HLINEAPP hLineApp, LPLINEMESSAGE lpMessage, DWORD dwTimeout)
{
    return api_get_message(APP_LINE, hLineApp, lpMessage, dwTimeout);
}

LONG WINAPI CORE_API(lineNegotiateAPIVersion)(HLINEAPP hLineApp, DWORD dwDeviceID,
                                              DWORD dwAPILowVersion, DWORD dwAPIHighVersion,
                                              LPDWORD lpdwAPIVersion,
                                              LPLINEEXTENSIONID lpExtensionID)
{
    if (!lpdwAPIVersion || !lpExtensionID)
        return LINEERR_INVALPOINTER;
    core_enter();
    struct line_device *dev;
    LONG rc = api_app_line_device(hLineApp, dwDeviceID, &dev);
    if (rc != 0)
        API_RETURN(rc);
    DWORD version = api_version_negotiate(dwAPILowVersion, dwAPIHighVersion);
    if (!version)
        API_RETURN(LINEERR_INCOMPATIBLEAPIVERSION);
    rc = line_device_ensure_version(dev);
    if (rc != 0)
        API_RETURN(rc == LINEERR_INCOMPATIBLEAPIVERSION ? LINEERR_NODEVICE : rc);
    *lpdwAPIVersion = version;
    memset(lpExtensionID, 0, sizeof(*lpExtensionID));
    if (dev->prov->fn.lineGetExtensionID)
        dev->prov->fn.lineGetExtensionID(dwDeviceID, dev->tspi_version, lpExtensionID);
    API_RETURN(0);
}

LONG WINAPI CORE_API(lineNegotiateExtVersion)(HLINEAPP hLineApp, DWORD dwDeviceID,
                                              DWORD dwAPIVersion, DWORD dwExtLowVersion,
                                              DWORD dwExtHighVersion, LPDWORD lpdwExtVersion)
{
    if (!lpdwExtVersion)
        return LINEERR_INVALPOINTER;
    core_enter();
    if (!app_find(hLineApp, APP_LINE))
        API_RETURN(LINEERR_INVALAPPHANDLE);
    struct line_device *dev = line_device_get(dwDeviceID);
    if (!dev)
        API_RETURN(LINEERR_BADDEVICEID);
    if (!api_version_ok(dwAPIVersion))
        API_RETURN(LINEERR_INCOMPATIBLEAPIVERSION);
    LONG rc = line_device_ensure_version(dev);
    if (rc != 0)
        API_RETURN(rc);
    if (!dev->prov->fn.lineNegotiateExtVersion)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    API_RETURN(dev->prov->fn.lineNegotiateExtVersion(dwDeviceID, dev->tspi_version, dwExtLowVersion,
                                                     dwExtHighVersion, lpdwExtVersion));
}
