/*
 * callinfo.c — what TAPI reads and writes about a call: LINECALLINFO, LINECALLSTATUS, the
 * application-specific field, media mode, call data and user-user information; and
 * TSPI_lineCloseCall, where TAPI lets go of a call.
 *
 * Each change an application makes is echoed with LINE_CALLINFO naming what changed, so that
 * every application with a handle to the call sees it.
 */
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define CALLINFO_MAX_CALLDATA 4096u

/* Lock the instance of a leg; NULL handle gives NULL. */
static struct sim_call *callinfo_lock(HDRVCALL hdCall)
{
    struct sim_call *call = call_of(hdCall);

    if (call)
        pthread_mutex_lock(&call->inst->lock);
    return call;
}

/* Append one party ID (number and name) and return its LINECALLPARTYID_ flags. */
static DWORD callinfo_party(struct tapix_varstruct *vs, const struct sim_party *p, DWORD *num_size,
                            DWORD *num_off, DWORD *name_size, DWORD *name_off)
{
    DWORD flags = 0;

    tapix_varstruct_append_string(vs, num_size, num_off, p->number);
    tapix_varstruct_append_string(vs, name_size, name_off, p->name);
    if (p->number[0])
        flags |= LINECALLPARTYID_ADDRESS;
    if (p->name[0])
        flags |= LINECALLPARTYID_NAME;
    return flags ? flags : LINECALLPARTYID_UNKNOWN;
}

/* The call ID this leg is related to: its conference, or the call a consultation is for. */
static DWORD callinfo_related(const struct sim_call *call)
{
    if (call->conf)
        return call->conf->call_id;
    if (call->pending)
        return call->pending->call_id;
    return call->related_id;
}

/* The fixed numbers of LINECALLINFO. */
static void callinfo_fixed(LPLINECALLINFO ci, const struct sim_call *call)
{
    ci->dwLineDeviceID = call->inst->line_base + call->ext->line_index;
    ci->dwAddressID = call->address_id;
    ci->dwBearerMode = call->bearer_mode;
    ci->dwRate = 64000;
    ci->dwMediaMode = call->media_mode;
    ci->dwAppSpecific = call->app_specific;
    ci->dwCallID = call->call_id;
    ci->dwRelatedCallID = callinfo_related(call);
    ci->dwCallStates = LINECALLSTATE_IDLE | LINECALLSTATE_OFFERING | LINECALLSTATE_ACCEPTED |
                       LINECALLSTATE_DIALTONE | LINECALLSTATE_DIALING | LINECALLSTATE_RINGBACK |
                       LINECALLSTATE_BUSY | LINECALLSTATE_CONNECTED | LINECALLSTATE_PROCEEDING |
                       LINECALLSTATE_ONHOLD | LINECALLSTATE_CONFERENCED |
                       LINECALLSTATE_ONHOLDPENDCONF | LINECALLSTATE_ONHOLDPENDTRANSFER |
                       LINECALLSTATE_DISCONNECTED;
    ci->dwMonitorDigitModes = call->monitor_digits;
    ci->dwMonitorMediaModes = call->monitor_media;
    ci->DialParams.dwDigitDuration = call->inst->cfg.dtmf_ms;
    ci->dwOrigin = call->origin;
    ci->dwReason = call->reason;
    ci->dwTrunk = call->outside ? 0 : 0xFFFFFFFFu;
    if (call->role == SIM_ROLE_CONF)
        ci->dwOrigin = LINECALLORIGIN_CONFERENCE;
}

/* LINECALLINFO of a call: numbers, party IDs, user-user information and call data. */
SIM_EXPORT LONG TSPIAPI TSPI_lineGetCallInfo(HDRVCALL hdCall, LPLINECALLINFO lpCallInfo)
{
    struct sim_call *call = call_of(hdCall);
    struct tapix_varstruct vs;
    LPLINECALLINFO ci = lpCallInfo;
    LONG rc;

    if (!call)
        return LINEERR_INVALCALLHANDLE;
    rc = tapix_varstruct_begin(&vs, ci, sizeof *ci);
    if (rc)
        return rc;
    callinfo_lock(hdCall);
    callinfo_fixed(ci, call);
    ci->dwCallerIDFlags =
        callinfo_party(&vs, &call->caller, &ci->dwCallerIDSize, &ci->dwCallerIDOffset,
                       &ci->dwCallerIDNameSize, &ci->dwCallerIDNameOffset);
    ci->dwCalledIDFlags =
        callinfo_party(&vs, &call->called, &ci->dwCalledIDSize, &ci->dwCalledIDOffset,
                       &ci->dwCalledIDNameSize, &ci->dwCalledIDNameOffset);
    ci->dwConnectedIDFlags =
        callinfo_party(&vs, &call->connected, &ci->dwConnectedIDSize, &ci->dwConnectedIDOffset,
                       &ci->dwConnectedIDNameSize, &ci->dwConnectedIDNameOffset);
    ci->dwRedirectionIDFlags = callinfo_party(
        &vs, &call->redirection, &ci->dwRedirectionIDSize, &ci->dwRedirectionIDOffset,
        &ci->dwRedirectionIDNameSize, &ci->dwRedirectionIDNameOffset);
    ci->dwRedirectingIDFlags = callinfo_party(
        &vs, &call->redirecting, &ci->dwRedirectingIDSize, &ci->dwRedirectingIDOffset,
        &ci->dwRedirectingIDNameSize, &ci->dwRedirectingIDNameOffset);
    tapix_varstruct_append_string(
        &vs, &ci->dwDisplayableAddressSize, &ci->dwDisplayableAddressOffset,
        call->origin == LINECALLORIGIN_OUTBOUND ? call->called.number : call->caller.number);
    tapix_varstruct_append(&vs, &ci->dwUserUserInfoSize, &ci->dwUserUserInfoOffset, call->uui,
                           call->uui_size);
    tapix_varstruct_append(&vs, &ci->dwCallDataSize, &ci->dwCallDataOffset, call->call_data,
                           call->call_data_size);
    pthread_mutex_unlock(&call->inst->lock);
    tapix_varstruct_end(&vs);
    return 0;
}

/* LINECALLSTATUS: the state, its mode and the features valid in it. */
SIM_EXPORT LONG TSPIAPI TSPI_lineGetCallStatus(HDRVCALL hdCall, LPLINECALLSTATUS lpCallStatus)
{
    struct sim_call *call = call_of(hdCall);
    struct tapix_varstruct vs;
    LONG rc;

    if (!call)
        return LINEERR_INVALCALLHANDLE;
    rc = tapix_varstruct_begin(&vs, lpCallStatus, sizeof *lpCallStatus);
    if (rc)
        return rc;
    callinfo_lock(hdCall);
    lpCallStatus->dwCallState = call->state;
    lpCallStatus->dwCallStateMode = call->state_mode;
    lpCallStatus->dwCallFeatures = call_features(call);
    if (lpCallStatus->dwCallFeatures & LINECALLFEATURE_PARK)
        lpCallStatus->dwCallFeatures2 |=
            LINECALLFEATURE2_PARKDIRECT | LINECALLFEATURE2_PARKNONDIRECT;
    if (lpCallStatus->dwCallFeatures & LINECALLFEATURE_COMPLETETRANSF)
        lpCallStatus->dwCallFeatures2 |=
            LINECALLFEATURE2_TRANSFERNORM | LINECALLFEATURE2_TRANSFERCONF;
    pthread_mutex_unlock(&call->inst->lock);
    tapix_varstruct_end(&vs);
    return 0;
}

/* The address a call is on. */
SIM_EXPORT LONG TSPIAPI TSPI_lineGetCallAddressID(HDRVCALL hdCall, LPDWORD lpdwAddressID)
{
    struct sim_call *call = call_of(hdCall);

    if (!call)
        return LINEERR_INVALCALLHANDLE;
    if (!lpdwAddressID)
        return LINEERR_INVALPOINTER;
    *lpdwAddressID = call->address_id;
    return 0;
}

/* Set the application-specific field (LINE_CALLINFO APPSPECIFIC). */
SIM_EXPORT LONG TSPIAPI TSPI_lineSetAppSpecific(HDRVCALL hdCall, DWORD dwAppSpecific)
{
    struct sim_call *call = callinfo_lock(hdCall);

    if (!call)
        return LINEERR_INVALCALLHANDLE;
    call->app_specific = dwAppSpecific;
    call_info_changed(call, LINECALLINFOSTATE_APPSPECIFIC);
    pthread_mutex_unlock(&call->inst->lock);
    return 0;
}

/* Change the call's media mode (LINE_CALLINFO MEDIAMODE). */
SIM_EXPORT LONG TSPIAPI TSPI_lineSetMediaMode(HDRVCALL hdCall, DWORD dwMediaMode)
{
    struct sim_call *call = callinfo_lock(hdCall);

    if (!call)
        return LINEERR_INVALCALLHANDLE;
    if (!dwMediaMode || (dwMediaMode & ~SIM_MEDIA_MODES)) {
        pthread_mutex_unlock(&call->inst->lock);
        return LINEERR_INVALMEDIAMODE;
    }
    call->media_mode = dwMediaMode;
    call_info_changed(call, LINECALLINFOSTATE_MEDIAMODE);
    pthread_mutex_unlock(&call->inst->lock);
    return 0;
}

/* Replace the call data (LINE_CALLINFO CALLDATA); size 0 clears it. */
SIM_EXPORT LONG TSPIAPI TSPI_lineSetCallData(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                             LPVOID lpCallData, DWORD dwSize)
{
    struct sim_call *call = callinfo_lock(hdCall);
    void *copy = NULL;

    if (!call)
        return LINEERR_INVALCALLHANDLE;
    if (dwSize > CALLINFO_MAX_CALLDATA || (dwSize && !lpCallData)) {
        pthread_mutex_unlock(&call->inst->lock);
        return dwSize ? LINEERR_INVALPARAM : LINEERR_INVALPOINTER;
    }
    if (dwSize && !(copy = malloc(dwSize))) {
        pthread_mutex_unlock(&call->inst->lock);
        return LINEERR_NOMEM;
    }
    if (copy)
        memcpy(copy, lpCallData, dwSize);
    free(call->call_data);
    call->call_data = copy;
    call->call_data_size = dwSize;
    call_complete(call->inst, dwRequestID, 0);
    call_info_changed(call, LINECALLINFOSTATE_CALLDATA);
    pthread_mutex_unlock(&call->inst->lock);
    return (LONG)dwRequestID;
}

/* Send user-user information to the far end (its LINE_CALLINFO USERUSERINFO). */
SIM_EXPORT LONG TSPIAPI TSPI_lineSendUserUserInfo(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                                  LPCSTR lpsUserUserInfo, DWORD dwSize)
{
    struct sim_call *call = callinfo_lock(hdCall);
    struct sim_call *peer;
    void *copy;

    if (!call)
        return LINEERR_INVALCALLHANDLE;
    if (!(call_features(call) & LINECALLFEATURE_SENDUSERUSER)) {
        pthread_mutex_unlock(&call->inst->lock);
        return LINEERR_INVALCALLSTATE;
    }
    if (!lpsUserUserInfo || !dwSize || dwSize > 256) {
        pthread_mutex_unlock(&call->inst->lock);
        return lpsUserUserInfo ? LINEERR_USERUSERINFOTOOBIG : LINEERR_INVALPOINTER;
    }
    copy = malloc(dwSize);
    if (!copy) {
        pthread_mutex_unlock(&call->inst->lock);
        return LINEERR_NOMEM;
    }
    memcpy(copy, lpsUserUserInfo, dwSize);
    call_complete(call->inst, dwRequestID, 0);
    peer = call->peer;
    if (peer) {
        free(peer->uui);
        peer->uui = copy;
        peer->uui_size = dwSize;
        call_info_changed(peer, LINECALLINFOSTATE_USERUSERINFO);
    } else {
        free(copy); /* the trunk's far end just hears it */
    }
    pthread_mutex_unlock(&call->inst->lock);
    return (LONG)dwRequestID;
}

/*
 * TAPI lets go of the call: a live call is dropped first (its far end sees DISCONNECTED);
 * then the leg is freed. No events for it afterwards.
 */
SIM_EXPORT LONG TSPIAPI TSPI_lineCloseCall(HDRVCALL hdCall)
{
    struct sim_call *call = callinfo_lock(hdCall);
    struct sim_inst *inst;

    if (!call)
        return LINEERR_INVALCALLHANDLE;
    inst = call->inst;
    call->htCall = NULL;
    call->closed = true;
    if (call_is_live(call))
        connect_drop(call); /* unreported now, so it is freed when it goes idle */
    else
        call_destroy(call);
    pthread_mutex_unlock(&inst->lock);
    return 0;
}
