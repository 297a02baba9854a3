/*
 * transfer.c — handing a call to someone else: blind (single-step) and consultation transfer.
 *
 * Blind transfer re-routes the far end of the call to the new number, as if it had dialled it
 * itself (reason TRANSFER, redirecting ID the transferring extension), and the transferring
 * call goes IDLE. Consultation transfer holds the call (ONHOLDPENDTRANSFER) and opens a
 * consultation call (DIALTONE); completing it either joins the two far ends and idles both
 * local calls (LINETRANSFERMODE_TRANSFER), or makes all three a conference
 * (LINETRANSFERMODE_CONFERENCE) with a new conference call.
 */
#include "sim.h"

/* Lock a leg's instance and check it may use `feature`; NULL with *rc on failure. */
static struct sim_call *transfer_lock(HDRVCALL hdCall, DWORD feature, LONG *rc)
{
    struct sim_call *call = call_of(hdCall);

    *rc = LINEERR_INVALCALLHANDLE;
    if (!call)
        return NULL;
    pthread_mutex_lock(&call->inst->lock);
    if (feature && !(call_features(call) & feature)) {
        pthread_mutex_unlock(&call->inst->lock);
        *rc = LINEERR_INVALCALLSTATE;
        return NULL;
    }
    return call;
}

/* Send the far end of call to number and let call go. */
static void transfer_blind(struct sim_call *call, const char *number)
{
    struct sim_call *far = call->peer;

    if (far) {
        call_unlink_peer(call);
        call_party_ext(&far->redirection, call->ext);
        pbx_route(far, number, LINECALLREASON_TRANSFER, call->ext, far->hops);
    } else if (call->outside) {
        pbx_route_trunk(call, number, LINECALLREASON_TRANSFER, call->ext);
        call_unlink_peer(call);
    }
    call_hangup(call);
}

/* Transfer a connected call to lpszDestAddress without consultation. */
SIM_EXPORT LONG TSPIAPI TSPI_lineBlindTransfer(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                               LPCSTR lpszDestAddress, DWORD dwCountryCode)
{
    LONG rc;
    struct sim_call *call = transfer_lock(hdCall, LINECALLFEATURE_BLINDTRANSFER, &rc);
    struct sim_inst *inst;

    if (!call)
        return rc;
    inst = call->inst;
    if (!lpszDestAddress || !pbx_dialable(inst, lpszDestAddress)) {
        pthread_mutex_unlock(&inst->lock);
        return LINEERR_INVALADDRESS;
    }
    call_complete(inst, dwRequestID, 0);
    transfer_blind(call, lpszDestAddress);
    pthread_mutex_unlock(&inst->lock);
    return (LONG)dwRequestID;
}

/*
 * Create a consultation leg for `primary` with TAPI's handle ht in *consultp (no events yet):
 * same extension and address, the given role, linked both ways.
 */
LONG transfer_new_consult(struct sim_call *primary, HTAPICALL ht, enum sim_role role,
                          const LINECALLPARAMS *params, struct sim_call **consultp)
{
    struct sim_call *consult;
    LONG rc = call_alloc(&consult, primary->inst, primary->ext, primary->address_id, ht);

    if (rc)
        return rc;
    rc = call_params(consult, params);
    if (rc) {
        consult->htCall = NULL;
        call_destroy(consult);
        return rc;
    }
    consult->role = role;
    consult->pending = primary;
    primary->consult = consult;
    call_party_ext(&consult->caller, primary->ext);
    *consultp = consult;
    return 0;
}

/* Hold a call pending transfer and open a consultation call in DIALTONE. */
SIM_EXPORT LONG TSPIAPI TSPI_lineSetupTransfer(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                               HTAPICALL htConsultCall, LPHDRVCALL lphdConsultCall,
                                               LPLINECALLPARAMS const lpCallParams)
{
    LONG rc;
    struct sim_call *call = transfer_lock(hdCall, LINECALLFEATURE_SETUPTRANSFER, &rc);
    struct sim_call *consult;

    if (!call)
        return rc;
    if (!lphdConsultCall) {
        pthread_mutex_unlock(&call->inst->lock);
        return LINEERR_INVALPOINTER;
    }
    rc = transfer_new_consult(call, htConsultCall, SIM_ROLE_CONSULT_XFER, lpCallParams, &consult);
    if (rc) {
        pthread_mutex_unlock(&call->inst->lock);
        return rc;
    }
    *lphdConsultCall = (HDRVCALL)consult;
    call_complete(call->inst, dwRequestID, 0);
    call_set_state(call, LINECALLSTATE_ONHOLDPENDTRANSFER, 0);
    call_set_state(consult, LINECALLSTATE_DIALTONE, LINEDIALTONEMODE_NORMAL);
    pthread_mutex_unlock(&call->inst->lock);
    return (LONG)dwRequestID;
}

/* True when the consultation call has reached someone a transfer can be completed to. */
static bool transfer_consult_ready(const struct sim_call *consult)
{
    return consult->state == LINECALLSTATE_CONNECTED || consult->state == LINECALLSTATE_ONHOLD ||
           ((consult->state == LINECALLSTATE_RINGBACK ||
             consult->state == LINECALLSTATE_PROCEEDING) &&
            consult->peer);
}

/* Join the two far ends; both local legs go IDLE. */
static void transfer_join(struct sim_call *call, struct sim_call *consult)
{
    call->consult = consult->consult = NULL;
    call->pending = consult->pending = NULL;
    pbx_bridge(call, consult);
    call_hangup(consult);
    call_hangup(call);
}

/* Make call, consult and a new conference leg (TAPI handle htConf) a conference. */
static LONG transfer_conference(struct sim_call *call, struct sim_call *consult, HTAPICALL htConf,
                                struct sim_call **confp)
{
    struct sim_call *conf;
    LONG rc = call_alloc(&conf, call->inst, call->ext, call->address_id, htConf);

    if (rc)
        return rc;
    conf->role = SIM_ROLE_CONF;
    call->consult = consult->consult = NULL;
    call->pending = consult->pending = NULL;
    consult->role = SIM_ROLE_PLAIN;
    call->conf = consult->conf = conf;
    *confp = conf;
    return 0;
}

/* Complete a consultation transfer, as a transfer or as a three-party conference. */
SIM_EXPORT LONG TSPIAPI TSPI_lineCompleteTransfer(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                                  HDRVCALL hdConsultCall, HTAPICALL htConfCall,
                                                  LPHDRVCALL lphdConfCall, DWORD dwTransferMode)
{
    LONG rc;
    struct sim_call *call = transfer_lock(hdCall, 0, &rc);
    struct sim_call *consult = call_of(hdConsultCall), *conf = NULL;
    struct sim_inst *inst;

    if (!call)
        return rc;
    inst = call->inst;
    rc = 0;
    if (dwTransferMode != LINETRANSFERMODE_TRANSFER &&
        dwTransferMode != LINETRANSFERMODE_CONFERENCE)
        rc = LINEERR_INVALTRANSFERMODE;
    else if (!consult || consult == call || consult->ext != call->ext)
        rc = LINEERR_INVALCONSULTCALLHANDLE;
    else if (call->consult != consult)
        rc = LINEERR_INVALCONSULTCALLHANDLE;
    else if (!transfer_consult_ready(consult) || !call_is_live(call))
        rc = LINEERR_INVALCALLSTATE;
    else if (dwTransferMode == LINETRANSFERMODE_CONFERENCE && !lphdConfCall)
        rc = LINEERR_INVALPOINTER;
    else if (dwTransferMode == LINETRANSFERMODE_CONFERENCE)
        rc = transfer_conference(call, consult, htConfCall, &conf);
    if (rc) {
        pthread_mutex_unlock(&call->inst->lock);
        return rc;
    }
    if (conf)
        *lphdConfCall = (HDRVCALL)conf;
    call_complete(call->inst, dwRequestID, 0);
    if (conf) {
        call_set_state(conf, LINECALLSTATE_CONNECTED, LINECONNECTEDMODE_ACTIVE);
        call_set_state(call, LINECALLSTATE_CONFERENCED, 0);
        call_set_state(consult, LINECALLSTATE_CONFERENCED, 0);
    } else {
        transfer_join(call, consult);
    }
    pthread_mutex_unlock(&inst->lock);
    return (LONG)dwRequestID;
}
