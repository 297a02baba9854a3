/*
 * api_location.c — the current location outside lineTranslateAddress: tapiGetLocationInfo
 * (its country and city code, for assisted-telephony applications) and lineSetTollList (the
 * local prefixes that are toll calls).
 *
 * Both act on the dialing rules of the configuration's [location] sections (translate.c).
 * tapiGetLocationInfo needs no initialized application: when the core is not running it reads
 * the rules from the configuration for the call. Toll-list changes last for the core's life;
 * the configuration file is not rewritten.
 */
#include "api.h"

#include <stdio.h>

#include "translate.h"

/* The size of each buffer tapiGetLocationInfo fills, as Microsoft documents it. */
#define LOCATION_CODE_SIZE 8

LONG WINAPI CORE_API(tapiGetLocationInfo)(LPSTR lpszCountryCode, LPSTR lpszCityCode)
{
    if (!lpszCountryCode || !lpszCityCode)
        return TAPIERR_INVALPOINTER;
    core_enter();
    struct translate_rules *rules = g_core.rules, *own = NULL;
    if (!rules && provider_read_locations(&own) != 0)
        API_RETURN(TAPIERR_REQUESTFAILED);
    if (!rules)
        rules = own;
    DWORD country;
    const char *area;
    translate_current_codes(rules, &country, &area);
    snprintf(lpszCountryCode, LOCATION_CODE_SIZE, "%u", country);
    snprintf(lpszCityCode, LOCATION_CODE_SIZE, "%s", area);
    translate_rules_free(own);
    API_RETURN(0);
}

LONG WINAPI CORE_API(lineSetTollList)(HLINEAPP hLineApp, DWORD dwDeviceID, LPCSTR lpszAddressIn,
                                      DWORD dwTollListOption)
{
    if (!lpszAddressIn)
        return LINEERR_INVALPOINTER;
    core_enter();
    struct line_device *dev;
    LONG rc = api_app_line_device(hLineApp, dwDeviceID, &dev);
    if (rc != 0)
        API_RETURN(rc);
    API_RETURN(translate_set_toll(g_core.rules, lpszAddressIn, dwTollListOption));
}
