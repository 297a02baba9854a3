/*
 * api_call.c — TAPI functions on calls: answering, dropping, dialing, holding, transferring,
 * conferencing, parking, call information, privileges and handoff, and the deallocation that
 * ends an application's interest in a call.
 */
#include "api.h"

#include <string.h>

#define NOT_IDLE (~(DWORD)LINECALLSTATE_IDLE)
#define HELD_STATES                                                                                \
    (LINECALLSTATE_ONHOLD | LINECALLSTATE_ONHOLDPENDTRANSFER | LINECALLSTATE_ONHOLDPENDCONF)

/*
 * The body of an asynchronous call operation: check the handle, privilege and state, then hand
 * the request to the provider's TSPI_<op>(dwRequestID, hdCall, ...), the further arguments (if
 * any) following.
 */
#define API_CALL_REQUEST(hCall, need_owner, states, op, ...)                                       \
    do {                                                                                           \
        core_enter();                                                                              \
        struct call_handle *ch_;                                                                   \
        LONG rc_ = api_call((hCall), (need_owner), (states), &ch_);                                \
        if (rc_ != 0)                                                                              \
            API_RETURN(rc_);                                                                       \
        struct provider *prov_ = ch_->call->dev->prov;                                             \
        if (!prov_->fn.op)                                                                         \
            API_RETURN(LINEERR_OPERATIONUNAVAIL);                                                  \
        struct request *req_ = api_request(ch_, REQ_PLAIN);                                        \
        if (!req_)                                                                                 \
            API_RETURN(LINEERR_NOMEM);                                                             \
        API_RETURN(                                                                                \
            request_submit(req_, prov_->fn.op(req_->id, ch_->call->hdCall, ##__VA_ARGS__)));       \
    } while (0)

LONG WINAPI CORE_API(lineAnswer)(HCALL hCall, LPCSTR lpsUserUserInfo, DWORD dwSize)
{
    API_CALL_REQUEST(hCall, true, LINECALLSTATE_OFFERING | LINECALLSTATE_ACCEPTED, lineAnswer,
                     lpsUserUserInfo, lpsUserUserInfo ? dwSize : 0);
}

LONG WINAPI CORE_API(lineAccept)(HCALL hCall, LPCSTR lpsUserUserInfo, DWORD dwSize)
{
    API_CALL_REQUEST(hCall, true, LINECALLSTATE_OFFERING, lineAccept, lpsUserUserInfo,
                     lpsUserUserInfo ? dwSize : 0);
}

LONG WINAPI CORE_API(lineDrop)(HCALL hCall, LPCSTR lpsUserUserInfo, DWORD dwSize)
{
    API_CALL_REQUEST(hCall, true, NOT_IDLE, lineDrop, lpsUserUserInfo,
                     lpsUserUserInfo ? dwSize : 0);
}

LONG WINAPI CORE_API(lineDial)(HCALL hCall, LPCSTR lpszDestAddress, DWORD dwCountryCode)
{
    if (!lpszDestAddress)
        return LINEERR_INVALPOINTER;
    if (!*lpszDestAddress)
        return LINEERR_INVALADDRESS;
    API_CALL_REQUEST(hCall, true, NOT_IDLE, lineDial, lpszDestAddress, dwCountryCode);
}

LONG WINAPI CORE_API(lineRedirect)(HCALL hCall, LPCSTR lpszDestAddress, DWORD dwCountryCode)
{
    if (!lpszDestAddress)
        return LINEERR_INVALPOINTER;
    API_CALL_REQUEST(hCall, true, LINECALLSTATE_OFFERING, lineRedirect, lpszDestAddress,
                     dwCountryCode);
}

LONG WINAPI CORE_API(lineBlindTransfer)(HCALL hCall, LPCSTR lpszDestAddress, DWORD dwCountryCode)
{
    if (!lpszDestAddress)
        return LINEERR_INVALPOINTER;
    API_CALL_REQUEST(hCall, true, NOT_IDLE, lineBlindTransfer, lpszDestAddress, dwCountryCode);
}

LONG WINAPI CORE_API(lineHold)(HCALL hCall)
{
    API_CALL_REQUEST(hCall, true, LINECALLSTATE_CONNECTED, lineHold);
}

LONG WINAPI CORE_API(lineUnhold)(HCALL hCall)
{
    API_CALL_REQUEST(hCall, true, HELD_STATES, lineUnhold);
}

LONG WINAPI CORE_API(lineRemoveFromConference)(HCALL hCall)
{
    API_CALL_REQUEST(hCall, true, LINECALLSTATE_CONFERENCED, lineRemoveFromConference);
}

LONG WINAPI CORE_API(lineSendUserUserInfo)(HCALL hCall, LPCSTR lpsUserUserInfo, DWORD dwSize)
{
    if (!lpsUserUserInfo && dwSize)
        return LINEERR_INVALPOINTER;
    API_CALL_REQUEST(hCall, true, NOT_IDLE, lineSendUserUserInfo, lpsUserUserInfo, dwSize);
}

LONG WINAPI CORE_API(lineSetCallData)(HCALL hCall, LPVOID lpCallData, DWORD dwSize)
{
    if (!lpCallData && dwSize)
        return LINEERR_INVALPOINTER;
    API_CALL_REQUEST(hCall, true, 0, lineSetCallData, lpCallData, dwSize);
}

LONG WINAPI CORE_API(linePark)(HCALL hCall, DWORD dwParkMode, LPCSTR lpszDirAddress,
                               LPVARSTRING lpNonDirAddress)
{
    if (dwParkMode == LINEPARKMODE_DIRECTED && !lpszDirAddress)
        return LINEERR_INVALPOINTER;
    if (dwParkMode == LINEPARKMODE_NONDIRECTED) {
        LONG rc = api_check_varstruct(lpNonDirAddress, sizeof(VARSTRING));
        if (rc != 0)
            return rc;
    } else if (dwParkMode != LINEPARKMODE_DIRECTED) {
        return LINEERR_INVALPARKMODE;
    }
    API_CALL_REQUEST(hCall, true, LINECALLSTATE_CONNECTED, linePark, dwParkMode, lpszDirAddress,
                     lpNonDirAddress);
}

LONG WINAPI CORE_API(lineSwapHold)(HCALL hActiveCall, HCALL hHeldCall)
{
    core_enter();
    struct call_handle *active, *held;
    LONG rc = api_call(hActiveCall, true, 0, &active);
    if (rc == 0)
        rc = api_call(hHeldCall, true, 0, &held);
    if (rc != 0)
        API_RETURN(rc);
    struct provider *prov = active->call->dev->prov;
    if (!prov->fn.lineSwapHold)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    struct request *req = api_request(active, REQ_PLAIN);
    if (!req)
        API_RETURN(LINEERR_NOMEM);
    API_RETURN(request_submit(
        req, prov->fn.lineSwapHold(req->id, active->call->hdCall, held->call->hdCall)));
}

LONG WINAPI CORE_API(lineAddToConference)(HCALL hConfCall, HCALL hConsultCall)
{
    core_enter();
    struct call_handle *conf, *consult;
    LONG rc = api_call(hConfCall, true, LINECALLSTATE_ONHOLDPENDCONF | LINECALLSTATE_ONHOLD, &conf);
    if (rc == 0)
        rc = api_call(hConsultCall, true, 0, &consult);
    if (rc != 0)
        API_RETURN(rc);
    struct provider *prov = conf->call->dev->prov;
    if (!prov->fn.lineAddToConference)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    struct request *req = api_request(conf, REQ_PLAIN);
    if (!req)
        API_RETURN(LINEERR_NOMEM);
    consult->call->conf_parent = conf->call;
    API_RETURN(request_submit(
        req, prov->fn.lineAddToConference(req->id, conf->call->hdCall, consult->call->hdCall)));
}

/*
 * Sets up a consultation call from a connected call, for a transfer (TSPI_lineSetupTransfer) or
 * for adding to a conference (TSPI_linePrepareAddToConference, when `conference`): the two
 * take the same arguments and answer the same way.
 */
static LONG api_setup_consultation(HCALL hCall, LPHCALL lphConsultCall,
                                   const LINECALLPARAMS *lpCallParams, bool conference)
{
    if (!lphConsultCall)
        return LINEERR_INVALPOINTER;
    core_enter();
    struct call_handle *ch;
    LONG rc = api_call(hCall, true, LINECALLSTATE_CONNECTED, &ch);
    if (rc == 0)
        rc = api_check_call_params(lpCallParams, ch->call->dev);
    if (rc != 0)
        API_RETURN(rc);
    struct provider *prov = ch->call->dev->prov;
    __typeof__(prov->fn.lineSetupTransfer) setup =
        conference ? prov->fn.linePrepareAddToConference : prov->fn.lineSetupTransfer;
    if (!setup)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    struct request *req = api_new_call_request(ch->open, lphConsultCall);
    if (!req)
        API_RETURN(LINEERR_NOMEM);
    rc = setup(req->id, ch->call->hdCall, (HTAPICALL)req->call1, &req->call1->hdCall,
               (LPLINECALLPARAMS)lpCallParams);
    API_RETURN(request_submit(req, rc));
}

LONG WINAPI CORE_API(lineSetupTransfer)(HCALL hCall, LPHCALL lphConsultCall,
                                        const LINECALLPARAMS *lpCallParams)
{
    return api_setup_consultation(hCall, lphConsultCall, lpCallParams, false);
}

LONG WINAPI CORE_API(lineCompleteTransfer)(HCALL hCall, HCALL hConsultCall, LPHCALL lphConfCall,
                                           DWORD dwTransferMode)
{
    if (dwTransferMode != LINETRANSFERMODE_TRANSFER &&
        dwTransferMode != LINETRANSFERMODE_CONFERENCE)
        return LINEERR_INVALTRANSFERMODE;
    if (dwTransferMode == LINETRANSFERMODE_CONFERENCE && !lphConfCall)
        return LINEERR_INVALPOINTER;
    core_enter();
    struct call_handle *ch, *consult;
    LONG rc = api_call(hCall, true, 0, &ch);
    if (rc == 0)
        rc = api_call(hConsultCall, true, 0, &consult);
    if (rc != 0)
        API_RETURN(rc);
    struct provider *prov = ch->call->dev->prov;
    if (!prov->fn.lineCompleteTransfer)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    struct request *req;
    if (dwTransferMode == LINETRANSFERMODE_CONFERENCE)
        req = api_new_call_request(ch->open, lphConfCall);
    else
        req = api_request(ch, REQ_PLAIN);
    if (!req)
        API_RETURN(LINEERR_NOMEM);
    struct tcall *conf = req->call1;
    rc =
        prov->fn.lineCompleteTransfer(req->id, ch->call->hdCall, consult->call->hdCall,
                                      (HTAPICALL)conf, conf ? &conf->hdCall : NULL, dwTransferMode);
    API_RETURN(request_submit(req, rc));
}

LONG WINAPI CORE_API(lineSetupConference)(HCALL hCall, HLINE hLine, LPHCALL lphConfCall,
                                          LPHCALL lphConsultCall, DWORD dwNumParties,
                                          const LINECALLPARAMS *lpCallParams)
{
    if (!lphConfCall || !lphConsultCall)
        return LINEERR_INVALPOINTER;
    core_enter();
    struct call_handle *ch = NULL;
    struct line_open *open;
    LONG rc = 0;
    if (hCall) {
        rc = api_call(hCall, true, LINECALLSTATE_CONNECTED, &ch);
        open = ch ? ch->open : NULL;
    } else {
        open = api_line(hLine);
        if (!open)
            rc = LINEERR_INVALLINEHANDLE;
    }
    if (rc == 0)
        rc = api_check_call_params(lpCallParams, open->dev);
    if (rc != 0)
        API_RETURN(rc);
    struct line_device *dev = open->dev;
    if (!dev->prov->fn.lineSetupConference)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    struct request *req = request_new(open->app, open->callback_instance, REQ_TWO_NEWCALLS);
    if (!req)
        API_RETURN(LINEERR_NOMEM);
    req->open = open;
    req->lphCall1 = lphConfCall;
    req->lphCall2 = lphConsultCall;
    req->call1 = call_alloc(dev);
    req->call2 = call_alloc(dev);
    if (!req->call1 || !req->call2) {
        request_cancel(req);
        API_RETURN(LINEERR_NOMEM);
    }
    rc = dev->prov->fn.lineSetupConference(req->id, ch ? ch->call->hdCall : NULL, dev->hdLine,
                                           (HTAPICALL)req->call1, &req->call1->hdCall,
                                           (HTAPICALL)req->call2, &req->call2->hdCall, dwNumParties,
                                           (LPLINECALLPARAMS)lpCallParams);
    if (ch)
        ch->call->conf_parent = req->call1;
    API_RETURN(request_submit(req, rc));
}

LONG WINAPI CORE_API(linePrepareAddToConference)(HCALL hConfCall, LPHCALL lphConsultCall,
                                                 const LINECALLPARAMS *lpCallParams)
{
    return api_setup_consultation(hConfCall, lphConsultCall, lpCallParams, true);
}

LONG WINAPI CORE_API(lineDeallocateCall)(HCALL hCall)
{
    core_enter();
    struct call_handle *ch;
    LONG rc = api_call(hCall, false, 0, &ch);
    if (rc != 0)
        API_RETURN(rc);
    struct tcall *call = ch->call;
    if ((ch->privilege & LINECALLPRIVILEGE_OWNER) && call->state != LINECALLSTATE_IDLE) {
        bool other_owner = false;
        for (struct call_handle *o = call->handles; o; o = o->next_in_call)
            if (o != ch && (o->privilege & LINECALLPRIVILEGE_OWNER))
                other_owner = true;
        if (!other_owner)
            API_RETURN(LINEERR_INVALCALLSTATE);
    }
    endtoend_forget_handle(ch->handle);
    call_handle_remove(ch);
    call_close_if_unused(call);
    API_RETURN(0);
}

/* Counts the owners and monitors of a call. */
static void api_count_privileges(const struct tcall *call, DWORD *owners, DWORD *monitors)
{
    *owners = *monitors = 0;
    for (const struct call_handle *ch = call->handles; ch; ch = ch->next_in_call) {
        if (ch->privilege & LINECALLPRIVILEGE_OWNER)
            (*owners)++;
        else
            (*monitors)++;
    }
}

/* Appends the originating application's name, which only TAPI knows, after the provider's part. */
static LONG api_append_app_name(const struct tcall *call, LINECALLINFO *info)
{
    struct tapix_varstruct vs;
    LONG rc = tapix_varstruct_resume(&vs, info, sizeof(LINECALLINFO));
    if (rc != 0)
        return rc;
    tapix_varstruct_append_string(&vs, &info->dwAppNameSize, &info->dwAppNameOffset,
                                  call->app_name);
    tapix_varstruct_end(&vs);
    return 0;
}

LONG WINAPI CORE_API(lineGetCallInfo)(HCALL hCall, LPLINECALLINFO lpCallInfo)
{
    core_enter();
    struct call_handle *ch;
    LONG rc = api_call_varstruct(hCall, lpCallInfo, sizeof(LINECALLINFO), &ch);
    if (rc != 0)
        API_RETURN(rc);
    struct tcall *call = ch->call;
    if (!call->dev->prov->fn.lineGetCallInfo)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    rc = call->dev->prov->fn.lineGetCallInfo(call->hdCall, lpCallInfo);
    if (rc != 0)
        API_RETURN(rc);
    /* What only TAPI knows. */
    lpCallInfo->hLine = ch->open->handle;
    lpCallInfo->dwLineDeviceID = call->dev->device_id;
    lpCallInfo->dwMonitorDigitModes = ch->digit_modes;
    lpCallInfo->dwMonitorMediaModes = ch->media_modes;
    api_count_privileges(call, &lpCallInfo->dwNumOwners, &lpCallInfo->dwNumMonitors);
    API_RETURN(api_append_app_name(call, lpCallInfo));
}

LONG WINAPI CORE_API(lineGetCallStatus)(HCALL hCall, LPLINECALLSTATUS lpCallStatus)
{
    core_enter();
    struct call_handle *ch;
    LONG rc = api_call_varstruct(hCall, lpCallStatus, sizeof(LINECALLSTATUS), &ch);
    if (rc != 0)
        API_RETURN(rc);
    struct tcall *call = ch->call;
    if (!call->dev->prov->fn.lineGetCallStatus)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    rc = call->dev->prov->fn.lineGetCallStatus(call->hdCall, lpCallStatus);
    if (rc == 0) {
        lpCallStatus->dwCallPrivilege = ch->privilege;
        if (!(ch->privilege & LINECALLPRIVILEGE_OWNER))
            lpCallStatus->dwCallFeatures = 0; /* a monitor can do nothing to the call */
        /* TAPI knows when it was told of the state; a provider that knows better fills it. */
        if (lpCallStatus->tStateEntryTime.wYear == 0)
            call_state_entry_time(call, &lpCallStatus->tStateEntryTime);
    }
    API_RETURN(rc);
}

LONG WINAPI CORE_API(lineSetAppSpecific)(HCALL hCall, DWORD dwAppSpecific)
{
    core_enter();
    struct call_handle *ch;
    LONG rc = api_call(hCall, true, 0, &ch);
    if (rc != 0)
        API_RETURN(rc);
    if (!ch->call->dev->prov->fn.lineSetAppSpecific)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    API_RETURN(ch->call->dev->prov->fn.lineSetAppSpecific(ch->call->hdCall, dwAppSpecific));
}

LONG WINAPI CORE_API(lineSetMediaMode)(HCALL hCall, DWORD dwMediaModes)
{
    if (dwMediaModes == 0 || (dwMediaModes & ~(DWORD)(2u * LAST_LINEMEDIAMODE - 1u)) ||
        (dwMediaModes & 1u))
        return LINEERR_INVALMEDIAMODE;
    core_enter();
    struct call_handle *ch;
    LONG rc = api_call(hCall, true, 0, &ch);
    if (rc != 0)
        API_RETURN(rc);
    if (!ch->call->dev->prov->fn.lineSetMediaMode)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    rc = ch->call->dev->prov->fn.lineSetMediaMode(ch->call->hdCall, dwMediaModes);
    if (rc == 0)
        ch->call->media_mode = dwMediaModes;
    API_RETURN(rc);
}
