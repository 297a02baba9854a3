/*
 * api_translate.c — dialing rules for applications: lineTranslateAddress,
 * lineGetTranslateCaps, lineSetCurrentLocation. The rules themselves live in translate.c and
 * come from the [location] and [card] sections of the configuration.
 */
#include "api.h"

#include "translate.h"

LONG WINAPI CORE_API(lineTranslateAddress)(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAPIVersion,
                                           LPCSTR lpszAddressIn, DWORD dwCard,
                                           DWORD dwTranslateOptions,
                                           LPLINETRANSLATEOUTPUT lpTranslateOutput)
{
    if (!lpszAddressIn)
        return LINEERR_INVALPOINTER;
    core_enter();
    if (!app_find(hLineApp, APP_LINE))
        API_RETURN(LINEERR_INVALAPPHANDLE);
    if (!line_device_get(dwDeviceID))
        API_RETURN(LINEERR_BADDEVICEID);
    if (!api_version_ok(dwAPIVersion))
        API_RETURN(LINEERR_INCOMPATIBLEAPIVERSION);
    LONG rc = api_check_varstruct(lpTranslateOutput, sizeof(LINETRANSLATEOUTPUT));
    if (rc == 0)
        rc = translate_address(g_core.rules, dwCard, lpszAddressIn, dwTranslateOptions,
                               lpTranslateOutput);
    API_RETURN(rc);
}

LONG WINAPI CORE_API(lineGetTranslateCaps)(HLINEAPP hLineApp, DWORD dwAPIVersion,
                                           LPLINETRANSLATECAPS lpTranslateCaps)
{
    core_enter();
    if (hLineApp && !app_find(hLineApp, APP_LINE))
        API_RETURN(LINEERR_INVALAPPHANDLE);
    if (!g_core.started)
        API_RETURN(LINEERR_UNINITIALIZED);
    if (!api_version_ok(dwAPIVersion))
        API_RETURN(LINEERR_INCOMPATIBLEAPIVERSION);
    LONG rc = api_check_varstruct(lpTranslateCaps, sizeof(LINETRANSLATECAPS));
    if (rc == 0)
        rc = translate_get_caps(g_core.rules, lpTranslateCaps);
    API_RETURN(rc);
}

LONG WINAPI CORE_API(lineSetCurrentLocation)(HLINEAPP hLineApp, DWORD dwLocation)
{
    core_enter();
    if (!app_find(hLineApp, APP_LINE))
        API_RETURN(LINEERR_INVALAPPHANDLE);
    API_RETURN(translate_set_current_location(g_core.rules, dwLocation));
}
