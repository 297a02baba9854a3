/*
 * api_phone.c — the TAPI functions of phone devices: starting and ending an application's use
 * of phones, version negotiation, phoneOpen and phoneClose, capabilities and status, and the
 * phone's parts (hookswitch, volume, gain, ringer, display, lamps, buttons, data areas).
 *
 * Each function checks what it can alone (pointers, flag values), then the handle, the
 * privilege (the set-functions need PHONEPRIVILEGE_OWNER) and the device's capabilities, and
 * only then calls the provider; an entry point the provider does not export is
 * PHONEERR_OPERATIONUNAVAIL. The set-functions are asynchronous: they return a request ID and
 * the application later gets exactly one PHONE_REPLY for it. Helpers shared with the line side
 * return LINEERR_ codes; phone_error() turns them into their PHONEERR_ twins.
 */
#include "api.h"

#include <stdint.h>
#include <string.h>

/* Checks how the application wants its messages; only the event handle exists on POSIX. */
static LONG api_phone_check_init_params(const PHONEINITIALIZEEXPARAMS *params)
{
    if (!params) {
        tapix_log(LOG_ERROR, "phoneInitializeEx: PHONEINITIALIZEEXPARAMS is required on POSIX "
                             "(the hidden-window default does not exist)");
        return PHONEERR_INVALPARAM;
    }
    if (params->dwTotalSize < sizeof(PHONEINITIALIZEEXPARAMS))
        return PHONEERR_STRUCTURETOOSMALL;
    DWORD mechanism = params->dwOptions & 0x0000000F;
    if (mechanism == PHONEINITIALIZEEXOPTION_USEEVENT)
        return 0;
    if (mechanism == PHONEINITIALIZEEXOPTION_USEHIDDENWINDOW ||
        mechanism == PHONEINITIALIZEEXOPTION_USECOMPLETIONPORT)
        tapix_log(LOG_ERROR, "phoneInitializeEx: hidden windows and completion ports do not "
                             "exist on POSIX; use PHONEINITIALIZEEXOPTION_USEEVENT and "
                             "phoneGetMessage");
    else
        tapix_log(LOG_ERROR, "phoneInitializeEx: dwOptions 0x%x names no notification mechanism",
                  params->dwOptions);
    return PHONEERR_INVALPARAM;
}

LONG WINAPI phoneInitializeEx(LPHPHONEAPP lphPhoneApp, HINSTANCE hInstance,
                              PHONECALLBACK lpfnCallback, LPCSTR lpszFriendlyAppName,
                              LPDWORD lpdwNumDevs, LPDWORD lpdwAPIVersion,
                              LPPHONEINITIALIZEEXPARAMS lpParams)
{
    API_TRACE("phoneInitializeEx(app=%s, version=0x%x)",
              lpszFriendlyAppName ? lpszFriendlyAppName : "", lpdwAPIVersion ? *lpdwAPIVersion : 0);
    if (!lphPhoneApp || !lpdwNumDevs || !lpdwAPIVersion)
        return PHONEERR_INVALPOINTER;
    if (*lpdwAPIVersion < 0x00020000)
        return PHONEERR_INCOMPATIBLEAPIVERSION;
    LONG rc = api_phone_check_init_params(lpParams);
    if (rc != 0)
        return rc;
    core_enter();
    struct app *app;
    rc = api_initialize(APP_PHONE, lpszFriendlyAppName, *lpdwAPIVersion, &app);
    if (rc != 0)
        API_RETURN(phone_error(rc));
    *lphPhoneApp = app->handle;
    *lpdwNumDevs = g_core.num_phones;
    *lpdwAPIVersion = CORE_API_VERSION_HIGH;
    lpParams->dwNeededSize = sizeof(PHONEINITIALIZEEXPARAMS);
    lpParams->dwUsedSize = sizeof(PHONEINITIALIZEEXPARAMS);
    lpParams->Handles.hEvent = (HANDLE)(intptr_t)app->queue.event_fd;
    API_RETURN(0);
}

LONG WINAPI phoneInitialize(LPHPHONEAPP lphPhoneApp, HINSTANCE hInstance,
                            PHONECALLBACK lpfnCallback, LPCSTR lpszAppName, LPDWORD lpdwNumDevs)
{
    tapix_log(LOG_ERROR, "phoneInitialize: TAPI 1.x callbacks need a Windows message loop; "
                         "use phoneInitializeEx with PHONEINITIALIZEEXOPTION_USEEVENT");
    return PHONEERR_OPERATIONUNAVAIL;
}

LONG WINAPI phoneShutdown(HPHONEAPP hPhoneApp)
{
    API_TRACE("phoneShutdown(hPhoneApp=0x%x)", hPhoneApp);
    core_enter();
    struct app *app = app_find(hPhoneApp, APP_PHONE);
    if (!app)
        API_RETURN(PHONEERR_INVALAPPHANDLE);
    api_shutdown(app);
    API_RETURN(0);
}

LONG WINAPI phoneGetMessage(HPHONEAPP hPhoneApp, LPPHONEMESSAGE lpMessage, DWORD dwTimeout)
{
    API_TRACE("phoneGetMessage(hPhoneApp=0x%x, timeout=%u)", hPhoneApp, dwTimeout);
    if (!lpMessage)
        return PHONEERR_INVALPOINTER;
    core_enter();
    struct app *app = app_find(hPhoneApp, APP_PHONE);
    if (!app)
        API_RETURN(PHONEERR_INVALAPPHANDLE);
    struct queued_msg m;
    LONG rc = app_get_message(app, &m, dwTimeout);
    if (rc == 0) {
        lpMessage->hDevice = m.hDevice;
        lpMessage->dwMessageID = m.dwMessageID;
        lpMessage->dwCallbackInstance = m.dwCallbackInstance;
        lpMessage->dwParam1 = m.dwParam1;
        lpMessage->dwParam2 = m.dwParam2;
        lpMessage->dwParam3 = m.dwParam3;
    }
    API_RETURN(phone_error(rc));
}
