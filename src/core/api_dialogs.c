/*
 * api_dialogs.c — the TAPI functions that show a window or hand out an icon: lineConfigDialog,
 * lineConfigDialogEdit, lineTranslateDialog, lineConfigProvider, phoneConfigDialog,
 * lineGetIcon and phoneGetIcon.
 *
 * tapix runs on POSIX systems without a window system of its own and without icon resources.
 * Each function still checks its arguments as Microsoft documents (so a bad device ID is told
 * apart from a missing feature), then fails with LINEERR_OPERATIONUNAVAIL
 * (PHONEERR_OPERATIONUNAVAIL) and logs one line saying why. Device settings are reached
 * without a dialog through lineGetDevConfig and lineSetDevConfig, dialing rules through the
 * [location] sections of the configuration.
 */
#include "api.h"

/* Logs why a user-interface function is unavailable. */
static void api_no_ui(const char *function, const char *instead)
{
    tapix_log(LOG_WARN, "%s: tapix has no dialogs or icons on POSIX; %s", function, instead);
}

/* The argument checks of lineConfigDialog and lineConfigDialogEdit. */
static LONG api_check_config_dialog(DWORD dwDeviceID, LPCSTR lpszDeviceClass)
{
    if (lpszDeviceClass && !*lpszDeviceClass)
        return LINEERR_INVALDEVICECLASS;
    struct line_device *dev;
    return api_line_device(dwDeviceID, &dev);
}

LONG WINAPI CORE_API(lineConfigDialog)(DWORD dwDeviceID, HWND hwndOwner, LPCSTR lpszDeviceClass)
{
    core_enter();
    LONG rc = api_check_config_dialog(dwDeviceID, lpszDeviceClass);
    if (rc != 0)
        API_RETURN(rc);
    api_no_ui("lineConfigDialog", "use lineGetDevConfig and lineSetDevConfig");
    API_RETURN(LINEERR_OPERATIONUNAVAIL);
}

LONG WINAPI CORE_API(lineConfigDialogEdit)(DWORD dwDeviceID, HWND hwndOwner, LPCSTR lpszDeviceClass,
                                           LPCVOID lpDeviceConfigIn, DWORD dwSize,
                                           LPVARSTRING lpDeviceConfigOut)
{
    if (!lpDeviceConfigIn && dwSize)
        return LINEERR_INVALPOINTER;
    core_enter();
    LONG rc = api_check_config_dialog(dwDeviceID, lpszDeviceClass);
    if (rc == 0)
        rc = api_check_varstruct(lpDeviceConfigOut, sizeof(VARSTRING));
    if (rc != 0)
        API_RETURN(rc);
    api_no_ui("lineConfigDialogEdit", "use lineGetDevConfig and lineSetDevConfig");
    API_RETURN(LINEERR_OPERATIONUNAVAIL);
}

LONG WINAPI CORE_API(lineTranslateDialog)(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAPIVersion,
                                          HWND hwndOwner, LPCSTR lpszAddressIn)
{
    core_enter();
    struct line_device *dev;
    LONG rc = api_app_line_device(hLineApp, dwDeviceID, &dev);
    if (rc != 0)
        API_RETURN(rc);
    if (!api_version_ok(dwAPIVersion))
        API_RETURN(LINEERR_INCOMPATIBLEAPIVERSION);
    api_no_ui("lineTranslateDialog", "dialing rules are the [location] sections of tapix.conf");
    API_RETURN(LINEERR_OPERATIONUNAVAIL);
}

LONG WINAPI CORE_API(lineConfigProvider)(HWND hwndOwner, DWORD dwPermanentProviderID)
{
    core_enter();
    if (!provider_find_id(dwPermanentProviderID))
        API_RETURN(LINEERR_INVALPARAM);
    api_no_ui("lineConfigProvider", "a provider is configured by its [provider] section");
    API_RETURN(LINEERR_OPERATIONUNAVAIL);
}

LONG WINAPI CORE_API(lineGetIcon)(DWORD dwDeviceID, LPCSTR lpszDeviceClass, LPHICON lphIcon)
{
    if (!lphIcon)
        return LINEERR_INVALPOINTER;
    if (lpszDeviceClass && !*lpszDeviceClass)
        return LINEERR_INVALDEVICECLASS;
    core_enter();
    struct line_device *dev;
    LONG rc = api_line_device(dwDeviceID, &dev);
    if (rc != 0)
        API_RETURN(rc);
    api_no_ui("lineGetIcon", "there are no icon resources");
    API_RETURN(LINEERR_OPERATIONUNAVAIL);
}

LONG WINAPI CORE_API(phoneConfigDialog)(DWORD dwDeviceID, HWND hwndOwner, LPCSTR lpszDeviceClass)
{
    if (lpszDeviceClass && !*lpszDeviceClass)
        return PHONEERR_INVALDEVICECLASS;
    core_enter();
    struct phone_device *dev;
    LONG rc = api_phone_device_id(dwDeviceID, &dev);
    if (rc != 0)
        API_RETURN(rc);
    api_no_ui("phoneConfigDialog", "a phone is configured by its provider's section");
    API_RETURN(PHONEERR_OPERATIONUNAVAIL);
}

LONG WINAPI CORE_API(phoneGetIcon)(DWORD dwDeviceID, LPCSTR lpszDeviceClass, LPHICON lphIcon)
{
    if (!lphIcon)
        return PHONEERR_INVALPOINTER;
    if (lpszDeviceClass && !*lpszDeviceClass)
        return PHONEERR_INVALDEVICECLASS;
    core_enter();
    struct phone_device *dev;
    LONG rc = api_phone_device_id(dwDeviceID, &dev);
    if (rc != 0)
        API_RETURN(rc);
    api_no_ui("phoneGetIcon", "there are no icon resources");
    API_RETURN(PHONEERR_OPERATIONUNAVAIL);
}
