/*
 * callctl.c — call controls that change nothing audible on a simulated switch:
 * lineSetCallParams (the bearer mode, within the line's capabilities), lineSecureCall,
 * lineSetCallTreatment, lineReleaseUserUserInfo, and tone monitoring.
 *
 * The far ends of the simulated switch make no sound except the DTMF digits an outside party
 * plays, so the only tone the sim can detect is silence: lineMonitorTones with an entry whose
 * frequencies are all 0 reports LINE_MONITORTONE for it at once when the call is connected.
 * Tones of any other frequency are accepted and never heard.
 */
#include <stdlib.h>

#include "sim.h"

/* Lock the leg's instance; NULL (LINEERR_INVALCALLHANDLE) for no leg. */
static struct sim_call *callctl_lock(HDRVCALL hdCall)
{
    struct sim_call *call = call_of(hdCall);

    if (call)
        pthread_mutex_lock(&call->inst->lock);
    return call;
}

/* Change the bearer mode of a call; the rate is whatever the line has. */
SIM_EXPORT LONG TSPIAPI TSPI_lineSetCallParams(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                               DWORD dwBearerMode, DWORD dwMinRate, DWORD dwMaxRate,
                                               LPLINEDIALPARAMS const lpDialParams)
{
    struct sim_call *call = callctl_lock(hdCall);

    if (!call)
        return LINEERR_INVALCALLHANDLE;
    if (!(dwBearerMode & (LINEBEARERMODE_VOICE | LINEBEARERMODE_SPEECH))) {
        pthread_mutex_unlock(&call->inst->lock);
        return LINEERR_BEARERMODEUNAVAIL;
    }
    call_complete(call->inst, dwRequestID, 0);
    if (call->bearer_mode != dwBearerMode) {
        call->bearer_mode = dwBearerMode;
        call_info_changed(call, LINECALLINFOSTATE_BEARERMODE);
    }
    pthread_mutex_unlock(&call->inst->lock);
    return (LONG)dwRequestID;
}

/* A switch with no wiretaps: securing a call succeeds and changes nothing. */
SIM_EXPORT LONG TSPIAPI TSPI_lineSecureCall(DRV_REQUESTID dwRequestID, HDRVCALL hdCall)
{
    struct sim_call *call = callctl_lock(hdCall);

    if (!call)
        return LINEERR_INVALCALLHANDLE;
    call_complete(call->inst, dwRequestID, 0);
    pthread_mutex_unlock(&call->inst->lock);
    return (LONG)dwRequestID;
}

/* What an unanswered caller hears; the simulated callers hear nothing, so any treatment goes. */
SIM_EXPORT LONG TSPIAPI TSPI_lineSetCallTreatment(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                                  DWORD dwTreatment)
{
    struct sim_call *call = callctl_lock(hdCall);

    if (!call)
        return LINEERR_INVALCALLHANDLE;
    call_complete(call->inst, dwRequestID, 0);
    pthread_mutex_unlock(&call->inst->lock);
    return (LONG)dwRequestID;
}

/* The application has read the user-user information it was sent: forget it. */
SIM_EXPORT LONG TSPIAPI TSPI_lineReleaseUserUserInfo(DRV_REQUESTID dwRequestID, HDRVCALL hdCall)
{
    struct sim_call *call = callctl_lock(hdCall);

    if (!call)
        return LINEERR_INVALCALLHANDLE;
    free(call->uui);
    call->uui = NULL;
    call->uui_size = 0;
    call_complete(call->inst, dwRequestID, 0);
    call_info_changed(call, LINECALLINFOSTATE_USERUSERINFO);
    pthread_mutex_unlock(&call->inst->lock);
    return (LONG)dwRequestID;
}

/* True when a tone entry asks for silence (no frequency at all). */
static bool callctl_is_silence(const LINEMONITORTONE *t)
{
    return !t->dwFrequency1 && !t->dwFrequency2 && !t->dwFrequency3;
}

/* Start (or with lpToneList NULL stop) watching for tones; silence is heard at once. */
SIM_EXPORT LONG TSPIAPI TSPI_lineMonitorTones(HDRVCALL hdCall, DWORD dwToneListID,
                                              LPLINEMONITORTONE const lpToneList,
                                              DWORD dwNumEntries)
{
    struct sim_call *call = callctl_lock(hdCall);

    if (!call)
        return LINEERR_INVALCALLHANDLE;
    for (DWORD i = 0; lpToneList && i < dwNumEntries; i++)
        if (callctl_is_silence(&lpToneList[i]) && call->state == LINECALLSTATE_CONNECTED &&
            call->htCall && call->ext->line)
            line_event(call->ext->line, call->htCall, LINE_MONITORTONE, lpToneList[i].dwAppSpecific,
                       dwToneListID, timer_tick());
    pthread_mutex_unlock(&call->inst->lock);
    return 0;
}
