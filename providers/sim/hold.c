/*
 * hold.c — putting calls on hold and taking them back: lineHold, lineUnhold, lineSwapHold.
 *
 * Holding is local: the far end's leg stays CONNECTED (it hears music), only the holding leg
 * goes ONHOLD. Unholding a call held pending a transfer or conference gives up the
 * consultation call, which is dropped.
 */
#include "sim.h"

/* Lock a leg's instance and check it may use `feature`; NULL with *rc on failure. */
static struct sim_call *hold_lock(HDRVCALL hdCall, DWORD feature, LONG *rc)
{
    struct sim_call *call = call_of(hdCall);

    *rc = LINEERR_INVALCALLHANDLE;
    if (!call)
        return NULL;
    pthread_mutex_lock(&call->inst->lock);
    if (!(call_features(call) & feature)) {
        pthread_mutex_unlock(&call->inst->lock);
        *rc = LINEERR_INVALCALLSTATE;
        return NULL;
    }
    return call;
}

/* Put a connected call on hold. */
SIM_EXPORT LONG TSPIAPI TSPI_lineHold(DRV_REQUESTID dwRequestID, HDRVCALL hdCall)
{
    LONG rc;
    struct sim_call *call = hold_lock(hdCall, LINECALLFEATURE_HOLD, &rc);

    if (!call)
        return rc;
    call_complete(call->inst, dwRequestID, 0);
    call_set_state(call, LINECALLSTATE_ONHOLD, 0);
    pthread_mutex_unlock(&call->inst->lock);
    return (LONG)dwRequestID;
}

/* Take a held call back; a pending transfer or conference loses its consultation call. */
SIM_EXPORT LONG TSPIAPI TSPI_lineUnhold(DRV_REQUESTID dwRequestID, HDRVCALL hdCall)
{
    LONG rc;
    struct sim_call *call = hold_lock(hdCall, LINECALLFEATURE_UNHOLD, &rc);
    struct sim_call *consult;

    if (!call)
        return rc;
    call_complete(call->inst, dwRequestID, 0);
    consult = call->consult;
    if (consult) {
        call->consult = NULL;
        consult->pending = NULL;
        connect_drop(consult);
    }
    call_set_state(call, LINECALLSTATE_CONNECTED, LINECONNECTEDMODE_ACTIVE);
    pthread_mutex_unlock(&call->inst->lock);
    return (LONG)dwRequestID;
}

/* True when a call in this state counts as held for lineSwapHold. */
static bool hold_is_held(DWORD state)
{
    return state == LINECALLSTATE_ONHOLD || state == LINECALLSTATE_ONHOLDPENDTRANSFER ||
           state == LINECALLSTATE_ONHOLDPENDCONF;
}

/*
 * Swap an active call with a held one on the same line: the active one goes to the held
 * one's hold state, the held one is connected.
 */
SIM_EXPORT LONG TSPIAPI TSPI_lineSwapHold(DRV_REQUESTID dwRequestID, HDRVCALL hdActiveCall,
                                          HDRVCALL hdHeldCall)
{
    LONG rc;
    struct sim_call *active = hold_lock(hdActiveCall, LINECALLFEATURE_DROP, &rc);
    struct sim_call *held = call_of(hdHeldCall);
    DWORD held_state;

    if (!active)
        return rc;
    if (!held || held->ext != active->ext || held == active) {
        pthread_mutex_unlock(&active->inst->lock);
        return LINEERR_INVALCALLHANDLE;
    }
    if (active->state != LINECALLSTATE_CONNECTED || !hold_is_held(held->state)) {
        pthread_mutex_unlock(&active->inst->lock);
        return LINEERR_INVALCALLSTATE;
    }
    call_complete(active->inst, dwRequestID, 0);
    held_state = held->state;
    call_set_state(active, held_state, 0);
    call_set_state(held, LINECALLSTATE_CONNECTED, LINECONNECTEDMODE_ACTIVE);
    pthread_mutex_unlock(&active->inst->lock);
    return (LONG)dwRequestID;
}
