/*
 * api_callctl.c — call and line controls that TAPI passes to the provider after checking them:
 * call completion (lineCompleteCall, lineUncompleteCall), security, user-user information
 * release, call parameters, quality of service, call treatment, the line's device status,
 * terminals, media control, device-specific features and tone monitoring.
 *
 * Each function checks every argument the core can judge alone (handles, privileges, states,
 * mode bits, pointers) and only then calls the provider's TSPI function; a provider without
 * that function makes the call fail with LINEERR_OPERATIONUNAVAIL. The asynchronous ones give
 * the application a request ID and exactly one LINE_REPLY.
 */
#include "api.h"

#define NOT_IDLE (~(DWORD)LINECALLSTATE_IDLE)

/* True when `v` has exactly one bit set, and that bit is within `mask`. */
static bool api_one_bit_of(DWORD v, DWORD mask)
{
    return v && !(v & (v - 1)) && (v & mask) == v;
}

/* The provider of a call handle; LINEERR_OPERATIONUNAVAIL is decided by the callers. */
static struct provider *api_prov(const struct call_handle *ch)
{
    return ch->call->dev->prov;
}

/* How many completion messages the address of `call` offers (0 when unknown). */
static DWORD api_completion_messages(struct tcall *call)
{
    struct line_device *dev = call->dev;
    LINEADDRESSCAPS caps = {.dwTotalSize = sizeof(caps)};
    if (!dev->prov->fn.lineGetAddressCaps ||
        dev->prov->fn.lineGetAddressCaps(dev->device_id, call->address_id, dev->tspi_version, 0,
                                         &caps) != 0)
        return 0;
    return caps.dwNumCompletionMessages;
}

LONG WINAPI CORE_API(lineCompleteCall)(HCALL hCall, LPDWORD lpdwCompletionID,
                                       DWORD dwCompletionMode, DWORD dwMessageID)
{
    if (!lpdwCompletionID)
        return LINEERR_INVALPOINTER;
    if (!api_one_bit_of(dwCompletionMode, LINECALLCOMPLMODE_CAMPON | LINECALLCOMPLMODE_CALLBACK |
                                              LINECALLCOMPLMODE_INTRUDE |
                                              LINECALLCOMPLMODE_MESSAGE))
        return LINEERR_INVALCALLCOMPLMODE;
    core_enter();
    struct call_handle *ch;
    LONG rc = api_call(hCall, true, LINECALLSTATE_BUSY | LINECALLSTATE_RINGBACK, &ch);
    if (rc != 0)
        API_RETURN(rc);
    if (!api_prov(ch)->fn.lineCompleteCall)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    if (dwCompletionMode == LINECALLCOMPLMODE_MESSAGE &&
        dwMessageID >= api_completion_messages(ch->call))
        API_RETURN(LINEERR_INVALMESSAGEID);
    struct request *req = api_request(ch, REQ_PLAIN);
    if (!req)
        API_RETURN(LINEERR_NOMEM);
    rc = api_prov(ch)->fn.lineCompleteCall(req->id, ch->call->hdCall, lpdwCompletionID,
                                           dwCompletionMode, dwMessageID);
    API_RETURN(request_submit(req, rc));
}

LONG WINAPI CORE_API(lineUncompleteCall)(HLINE hLine, DWORD dwCompletionID)
{
    core_enter();
    struct line_open *open = api_line(hLine);
    if (!open)
        API_RETURN(LINEERR_INVALLINEHANDLE);
    if (!open->dev->prov->fn.lineUncompleteCall)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    struct request *req = request_new(open->app, open->callback_instance, REQ_PLAIN);
    if (!req)
        API_RETURN(LINEERR_NOMEM);
    LONG rc;
    rc = open->dev->prov->fn.lineUncompleteCall(req->id, open->dev->hdLine, dwCompletionID);
    API_RETURN(request_submit(req, rc));
}

LONG WINAPI CORE_API(lineSecureCall)(HCALL hCall)
{
    core_enter();
    struct call_handle *ch;
    LONG rc = api_call(hCall, true, 0, &ch);
    if (rc != 0)
        API_RETURN(rc);
    if (!api_prov(ch)->fn.lineSecureCall)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    struct request *req = api_request(ch, REQ_PLAIN);
    if (!req)
        API_RETURN(LINEERR_NOMEM);
    API_RETURN(request_submit(req, api_prov(ch)->fn.lineSecureCall(req->id, ch->call->hdCall)));
}

LONG WINAPI CORE_API(lineReleaseUserUserInfo)(HCALL hCall)
{
    core_enter();
    struct call_handle *ch;
    LONG rc = api_call(hCall, true, NOT_IDLE, &ch);
    if (rc != 0)
        API_RETURN(rc);
    if (!api_prov(ch)->fn.lineReleaseUserUserInfo)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    struct request *req = api_request(ch, REQ_PLAIN);
    if (!req)
        API_RETURN(LINEERR_NOMEM);
    API_RETURN(
        request_submit(req, api_prov(ch)->fn.lineReleaseUserUserInfo(req->id, ch->call->hdCall)));
}

LONG WINAPI CORE_API(lineSetCallParams)(HCALL hCall, DWORD dwBearerMode, DWORD dwMinRate,
                                        DWORD dwMaxRate, const LINEDIALPARAMS *lpDialParams)
{
    if (!api_one_bit_of(dwBearerMode, 2u * LINEBEARERMODE_RESTRICTEDDATA - 1u))
        return LINEERR_INVALBEARERMODE;
    if (dwMinRate > dwMaxRate)
        return LINEERR_INVALRATE;
    const DWORD states = NOT_IDLE & ~(DWORD)LINECALLSTATE_DISCONNECTED;
    core_enter();
    struct call_handle *ch;
    LONG rc = api_call(hCall, true, states, &ch);
    if (rc != 0)
        API_RETURN(rc);
    if (!api_prov(ch)->fn.lineSetCallParams)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    struct request *req = api_request(ch, REQ_PLAIN);
    if (!req)
        API_RETURN(LINEERR_NOMEM);
    rc = api_prov(ch)->fn.lineSetCallParams(req->id, ch->call->hdCall, dwBearerMode, dwMinRate,
                                            dwMaxRate, (LPLINEDIALPARAMS)lpDialParams);
    API_RETURN(request_submit(req, rc));
}

LONG WINAPI CORE_API(lineSetCallQualityOfService)(HCALL hCall, LPVOID lpSendingFlowspec,
                                                  DWORD dwSendingFlowspecSize,
                                                  LPVOID lpReceivingFlowspec,
                                                  DWORD dwReceivingFlowspecSize)
{
    if ((!lpSendingFlowspec && dwSendingFlowspecSize) ||
        (!lpReceivingFlowspec && dwReceivingFlowspecSize))
        return LINEERR_INVALPOINTER;
    core_enter();
    struct call_handle *ch;
    LONG rc = api_call(hCall, true, NOT_IDLE, &ch);
    if (rc != 0)
        API_RETURN(rc);
    if (!api_prov(ch)->fn.lineSetCallQualityOfService)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    struct request *req = api_request(ch, REQ_PLAIN);
    if (!req)
        API_RETURN(LINEERR_NOMEM);
    rc = api_prov(ch)->fn.lineSetCallQualityOfService(req->id, ch->call->hdCall, lpSendingFlowspec,
                                                      dwSendingFlowspecSize, lpReceivingFlowspec,
                                                      dwReceivingFlowspecSize);
    API_RETURN(request_submit(req, rc));
}

LONG WINAPI CORE_API(lineSetCallTreatment)(HCALL hCall, DWORD dwTreatment)
{
    /* 1-4 are LINECALLTREATMENT_ values; 0x100 and above belong to the provider. */
    if (dwTreatment == 0 || (dwTreatment > LINECALLTREATMENT_MUSIC && dwTreatment < 0x100))
        return LINEERR_INVALPARAM;
    core_enter();
    struct call_handle *ch;
    LONG rc = api_call(hCall, true, NOT_IDLE, &ch);
    if (rc != 0)
        API_RETURN(rc);
    if (!api_prov(ch)->fn.lineSetCallTreatment)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    struct request *req = api_request(ch, REQ_PLAIN);
    if (!req)
        API_RETURN(LINEERR_NOMEM);
    rc = api_prov(ch)->fn.lineSetCallTreatment(req->id, ch->call->hdCall, dwTreatment);
    API_RETURN(request_submit(req, rc));
}

LONG WINAPI CORE_API(lineSetLineDevStatus)(HLINE hLine, DWORD dwStatusToChange, DWORD fStatus)
{
    const DWORD flags = LINEDEVSTATUSFLAGS_CONNECTED | LINEDEVSTATUSFLAGS_MSGWAIT |
                        LINEDEVSTATUSFLAGS_INSERVICE | LINEDEVSTATUSFLAGS_LOCKED;
    if (dwStatusToChange == 0 || (dwStatusToChange & ~flags))
        return LINEERR_INVALPARAM;
    core_enter();
    struct line_open *open = api_line(hLine);
    if (!open)
        API_RETURN(LINEERR_INVALLINEHANDLE);
    if (!open->dev->prov->fn.lineSetLineDevStatus)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    struct request *req = request_new(open->app, open->callback_instance, REQ_PLAIN);
    if (!req)
        API_RETURN(LINEERR_NOMEM);
    LONG rc;
    rc = open->dev->prov->fn.lineSetLineDevStatus(req->id, open->dev->hdLine, dwStatusToChange,
                                                  fStatus);
    API_RETURN(request_submit(req, rc));
}

LONG WINAPI CORE_API(lineDevSpecificFeature)(HLINE hLine, DWORD dwFeature, LPVOID lpParams,
                                             DWORD dwSize)
{
    if (dwFeature > PHONEBUTTONFUNCTION_NONE)
        return LINEERR_INVALFEATURE;
    if (!lpParams && dwSize)
        return LINEERR_INVALPOINTER;
    core_enter();
    struct line_open *open = api_line(hLine);
    if (!open)
        API_RETURN(LINEERR_INVALLINEHANDLE);
    if (!open->dev->prov->fn.lineDevSpecificFeature)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    struct request *req = request_new(open->app, open->callback_instance, REQ_PLAIN);
    if (!req)
        API_RETURN(LINEERR_NOMEM);
    LONG rc;
    rc = open->dev->prov->fn.lineDevSpecificFeature(req->id, open->dev->hdLine, dwFeature, lpParams,
                                                    dwSize);
    API_RETURN(request_submit(req, rc));
}

/*
 * Resolves the line, address or call that lineSetTerminal and lineSetMediaControl name: the
 * open line, and for LINECALLSELECT_CALL the call on it, which the caller must own.
 */
static LONG api_select(HLINE hLine, DWORD dwAddressID, HCALL hCall, DWORD dwSelect,
                       struct line_device **devp, HDRVCALL *hdCallp)
{
    *hdCallp = NULL;
    if (dwSelect == LINECALLSELECT_CALL) {
        struct call_handle *ch;
        LONG rc = api_call(hCall, true, 0, &ch);
        if (rc != 0)
            return rc;
        *devp = ch->call->dev;
        *hdCallp = ch->call->hdCall;
        return 0;
    }
    if (dwSelect != LINECALLSELECT_LINE && dwSelect != LINECALLSELECT_ADDRESS)
        return LINEERR_INVALCALLSELECT;
    struct line_open *open;
    LONG rc =
        api_line_address(hLine, dwSelect == LINECALLSELECT_ADDRESS ? &dwAddressID : NULL, &open);
    if (rc == 0)
        *devp = open->dev;
    return rc;
}

/* The number of terminals the line declares in LINEDEVCAPS (0 when unknown). */
static DWORD api_num_terminals(struct line_device *dev)
{
    LINEDEVCAPS caps = {.dwTotalSize = sizeof(caps)};
    if (!dev->prov->fn.lineGetDevCaps ||
        dev->prov->fn.lineGetDevCaps(dev->device_id, dev->tspi_version, 0, &caps) != 0)
        return 0;
    return caps.dwNumTerminals;
}

LONG WINAPI CORE_API(lineSetTerminal)(HLINE hLine, DWORD dwAddressID, HCALL hCall, DWORD dwSelect,
                                      DWORD dwTerminalModes, DWORD dwTerminalID, DWORD bEnable)
{
    if (dwTerminalModes == 0 || (dwTerminalModes & ~(DWORD)(2u * LINETERMMODE_MEDIABIDIRECT - 1u)))
        return LINEERR_INVALTERMINALMODE;
    core_enter();
    struct line_device *dev;
    HDRVCALL hdCall;
    LONG rc = api_select(hLine, dwAddressID, hCall, dwSelect, &dev, &hdCall);
    if (rc != 0)
        API_RETURN(rc);
    if (dwTerminalID >= api_num_terminals(dev))
        API_RETURN(LINEERR_INVALTERMINALID);
    if (!dev->prov->fn.lineSetTerminal)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    struct line_open *open =
        dwSelect == LINECALLSELECT_CALL ? call_handle_find(hCall)->open : api_line(hLine);
    struct request *req = request_new(open->app, open->callback_instance, REQ_PLAIN);
    if (!req)
        API_RETURN(LINEERR_NOMEM);
    rc = dev->prov->fn.lineSetTerminal(req->id, dev->hdLine, dwAddressID, hdCall, dwSelect,
                                       dwTerminalModes, dwTerminalID, bEnable);
    API_RETURN(request_submit(req, rc));
}

/* Checks the four lists of lineSetMediaControl: pointers and each entry's control value. */
static LONG api_check_media_lists(const LINEMEDIACONTROLDIGIT *digits, DWORD ndigits,
                                  const LINEMEDIACONTROLMEDIA *media, DWORD nmedia,
                                  const LINEMEDIACONTROLTONE *tones, DWORD ntones,
                                  const LINEMEDIACONTROLCALLSTATE *states, DWORD nstates)
{
    const DWORD controls = 2u * LINEMEDIACONTROL_VOLUMENORMAL - 1u;
    if ((!digits && ndigits) || (!media && nmedia) || (!tones && ntones) || (!states && nstates))
        return LINEERR_INVALPOINTER;
    for (DWORD i = 0; digits && i < ndigits; i++)
        if (!api_one_bit_of(digits[i].dwMediaControl, controls) ||
            !api_one_bit_of(digits[i].dwDigitModes,
                            LINEDIGITMODE_PULSE | LINEDIGITMODE_DTMF | LINEDIGITMODE_DTMFEND))
            return LINEERR_INVALDIGITLIST;
    for (DWORD i = 0; media && i < nmedia; i++)
        if (!api_one_bit_of(media[i].dwMediaControl, controls) || media[i].dwMediaModes == 0)
            return LINEERR_INVALMEDIALIST;
    for (DWORD i = 0; tones && i < ntones; i++)
        if (!api_one_bit_of(tones[i].dwMediaControl, controls))
            return LINEERR_INVALTONELIST;
    for (DWORD i = 0; states && i < nstates; i++)
        if (!api_one_bit_of(states[i].dwMediaControl, controls) || states[i].dwCallStates == 0)
            return LINEERR_INVALCALLSTATELIST;
    return 0;
}

LONG WINAPI CORE_API(lineSetMediaControl)(
    HLINE hLine, DWORD dwAddressID, HCALL hCall, DWORD dwSelect,
    const LINEMEDIACONTROLDIGIT *lpDigitList, DWORD dwDigitNumEntries,
    const LINEMEDIACONTROLMEDIA *lpMediaList, DWORD dwMediaNumEntries,
    const LINEMEDIACONTROLTONE *lpToneList, DWORD dwToneNumEntries,
    const LINEMEDIACONTROLCALLSTATE *lpCallStateList, DWORD dwCallStateNumEntries)
{
    LONG rc =
        api_check_media_lists(lpDigitList, dwDigitNumEntries, lpMediaList, dwMediaNumEntries,
                              lpToneList, dwToneNumEntries, lpCallStateList, dwCallStateNumEntries);
    if (rc != 0)
        return rc;
    core_enter();
    struct line_device *dev;
    HDRVCALL hdCall;
    rc = api_select(hLine, dwAddressID, hCall, dwSelect, &dev, &hdCall);
    if (rc != 0)
        API_RETURN(rc);
    if (!dev->prov->fn.lineSetMediaControl)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    API_RETURN(dev->prov->fn.lineSetMediaControl(
        dev->hdLine, dwAddressID, hdCall, dwSelect, (LPLINEMEDIACONTROLDIGIT)lpDigitList,
        dwDigitNumEntries, (LPLINEMEDIACONTROLMEDIA)lpMediaList, dwMediaNumEntries,
        (LPLINEMEDIACONTROLTONE)lpToneList, dwToneNumEntries,
        (LPLINEMEDIACONTROLCALLSTATE)lpCallStateList, dwCallStateNumEntries));
}

/*
 * lineMonitorTones: each application's handle to the call has its own tone list, named to the
 * provider by a dwToneListID the core assigns once per handle. The provider quotes it in
 * LINE_MONITORTONE, which event.c delivers to that handle alone (call_monitor_tone below).
 */
LONG WINAPI CORE_API(lineMonitorTones)(HCALL hCall, const LINEMONITORTONE *lpToneList,
                                       DWORD dwNumEntries)
{
    if (lpToneList && (dwNumEntries == 0 || dwNumEntries > 0xFFFF))
        return LINEERR_INVALPOINTER;
    core_enter();
    struct call_handle *ch;
    LONG rc = api_call(hCall, false, NOT_IDLE, &ch);
    if (rc != 0)
        API_RETURN(rc);
    if (!api_prov(ch)->fn.lineMonitorTones)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    if (!lpToneList && !ch->tone_list_id)
        API_RETURN(0);
    if (!ch->tone_list_id) {
        g_core.next_endtoend_id = g_core.next_endtoend_id % 0x7FFFFFFFu + 1;
        ch->tone_list_id = g_core.next_endtoend_id;
    }
    rc = api_prov(ch)->fn.lineMonitorTones(ch->call->hdCall, ch->tone_list_id,
                                           (LPLINEMONITORTONE)lpToneList,
                                           lpToneList ? dwNumEntries : 0);
    API_RETURN(rc);
}

void call_monitor_tone(struct tcall *call, DWORD app_specific, DWORD tone_list_id, DWORD tick)
{
    for (struct call_handle *ch = call->handles; ch; ch = ch->next_in_call)
        if (tone_list_id && ch->tone_list_id == tone_list_id) {
            app_post(ch->open->app, ch->handle, LINE_MONITORTONE, ch->open->callback_instance,
                     app_specific, 0, tick);
            return;
        }
    tapix_log(LOG_DEBUG, "LINE_MONITORTONE quotes unknown tone list %u: ignored", tone_list_id);
}
