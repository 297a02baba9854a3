/*
 * api_media.c — what travels inside a call: digit and media monitoring, digit gathering, digit
 * and tone generation. Monitoring is per application handle; the provider is asked for the
 * union of what all handles to the call want.
 */
#include "api.h"

#define DIGIT_MODES (LINEDIGITMODE_PULSE | LINEDIGITMODE_DTMF | LINEDIGITMODE_DTMFEND)

/* The union of a call's handles' monitoring masks, selected by `media`. */
static DWORD api_monitor_union(const struct tcall *call, bool media)
{
    DWORD modes = 0;
    for (const struct call_handle *ch = call->handles; ch; ch = ch->next_in_call)
        modes |= media ? ch->media_modes : ch->digit_modes;
    return modes;
}

/*
 * Sets the digit modes (or, with `media`, the media modes) one application handle monitors on
 * a call, and asks the provider (TSPI_lineMonitorDigits or TSPI_lineMonitorMedia) for the union
 * of what all handles to the call want. When the provider refuses, the handle keeps its modes.
 */
static LONG api_monitor(HCALL hCall, DWORD modes, bool media)
{
    core_enter();
    struct call_handle *ch;
    LONG rc = api_call(hCall, false, ~(DWORD)LINECALLSTATE_IDLE, &ch);
    if (rc != 0)
        API_RETURN(rc);
    struct tcall *call = ch->call;
    struct provider *prov = call->dev->prov;
    __typeof__(prov->fn.lineMonitorDigits) monitor =
        media ? prov->fn.lineMonitorMedia : prov->fn.lineMonitorDigits;
    if (!monitor)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    DWORD *mine = media ? &ch->media_modes : &ch->digit_modes;
    DWORD before = *mine;
    *mine = modes;
    rc = monitor(call->hdCall, api_monitor_union(call, media));
    if (rc != 0)
        *mine = before;
    API_RETURN(rc);
}

LONG WINAPI CORE_API(lineMonitorDigits)(HCALL hCall, DWORD dwDigitModes)
{
    if (dwDigitModes & ~(DWORD)DIGIT_MODES)
        return LINEERR_INVALDIGITMODE;
    return api_monitor(hCall, dwDigitModes, false);
}

LONG WINAPI CORE_API(lineMonitorMedia)(HCALL hCall, DWORD dwMediaModes)
{
    if (dwMediaModes & ((DWORD)1u | ~(DWORD)(2u * LAST_LINEMEDIAMODE - 1u)))
        return LINEERR_INVALMEDIAMODE;
    return api_monitor(hCall, dwMediaModes, true);
}

LONG WINAPI CORE_API(lineGatherDigits)(HCALL hCall, DWORD dwDigitModes, LPSTR lpsDigits,
                                       DWORD dwNumDigits, LPCSTR lpszTerminationDigits,
                                       DWORD dwFirstDigitTimeout, DWORD dwInterDigitTimeout)
{
    if (lpsDigits &&
        (dwDigitModes == 0 || (dwDigitModes & ~(DWORD)(LINEDIGITMODE_PULSE | LINEDIGITMODE_DTMF))))
        return LINEERR_INVALDIGITMODE;
    if (lpsDigits && dwNumDigits == 0)
        return LINEERR_INVALPARAM;
    core_enter();
    struct call_handle *ch;
    LONG rc = api_call(hCall, true, ~(DWORD)LINECALLSTATE_IDLE, &ch);
    if (rc != 0)
        API_RETURN(rc);
    struct tcall *call = ch->call;
    if (!call->dev->prov->fn.lineGatherDigits)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    DWORD id = lpsDigits ? endtoend_register(ch) : 0;
    if (lpsDigits && !id)
        API_RETURN(LINEERR_NOMEM);
    rc = call->dev->prov->fn.lineGatherDigits(call->hdCall, id, dwDigitModes, lpsDigits,
                                              dwNumDigits, lpszTerminationDigits,
                                              dwFirstDigitTimeout, dwInterDigitTimeout);
    API_RETURN(rc);
}

LONG WINAPI CORE_API(lineGenerateDigits)(HCALL hCall, DWORD dwDigitMode, LPCSTR lpszDigits,
                                         DWORD dwDuration)
{
    if (lpszDigits && dwDigitMode != LINEDIGITMODE_PULSE && dwDigitMode != LINEDIGITMODE_DTMF)
        return LINEERR_INVALDIGITMODE;
    core_enter();
    struct call_handle *ch;
    LONG rc = api_call(hCall, true, ~(DWORD)LINECALLSTATE_IDLE, &ch);
    if (rc != 0)
        API_RETURN(rc);
    struct tcall *call = ch->call;
    if (!call->dev->prov->fn.lineGenerateDigits)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    DWORD id = lpszDigits ? endtoend_register(ch) : 0;
    if (lpszDigits && !id)
        API_RETURN(LINEERR_NOMEM);
    API_RETURN(call->dev->prov->fn.lineGenerateDigits(call->hdCall, id, dwDigitMode, lpszDigits,
                                                      dwDuration));
}

LONG WINAPI CORE_API(lineGenerateTone)(HCALL hCall, DWORD dwToneMode, DWORD dwDuration,
                                       DWORD dwNumTones, const LINEGENERATETONE *lpTones)
{
    if (dwToneMode == LINETONEMODE_CUSTOM && (!lpTones || dwNumTones == 0))
        return LINEERR_INVALPOINTER;
    core_enter();
    struct call_handle *ch;
    LONG rc = api_call(hCall, true, ~(DWORD)LINECALLSTATE_IDLE, &ch);
    if (rc != 0)
        API_RETURN(rc);
    struct tcall *call = ch->call;
    if (!call->dev->prov->fn.lineGenerateTone)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    DWORD id = dwToneMode ? endtoend_register(ch) : 0;
    if (dwToneMode && !id)
        API_RETURN(LINEERR_NOMEM);
    API_RETURN(call->dev->prov->fn.lineGenerateTone(call->hdCall, id, dwToneMode, dwDuration,
                                                    dwNumTones, (LPLINEGENERATETONE)lpTones));
}
