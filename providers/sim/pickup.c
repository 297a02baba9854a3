/*
 * pickup.c — answering a call that rings at another extension: linePickup.
 *
 * With a destination address the call ringing at that extension is picked up; without one
 * (group pickup) any call ringing at another extension is. The ringing leg goes
 * DISCONNECTED with LINEDISCONNECTMODE_PICKUP (or away, if nobody saw it) and a new leg on the
 * picking line, reason PICKUP, is connected to the caller at once.
 */
#include <string.h>

#include "sim.h"

/* The first leg ringing at ext, or NULL. */
static struct sim_call *pickup_ringing_at(struct sim_ext *ext)
{
    for (struct sim_call *c = ext->calls; c; c = c->next)
        if (c->state == LINECALLSTATE_OFFERING || c->state == LINECALLSTATE_ACCEPTED)
            return c;
    return NULL;
}

/* The call to pick up for `self`: at dest's extension, or anywhere else when dest is NULL. */
static struct sim_call *pickup_find(struct sim_inst *inst, struct sim_ext *self, LPCSTR dest)
{
    char digits[SIM_NUMBER_MAX];
    struct sim_ext *ext;

    if (dest && *dest) {
        pbx_normalize(dest, digits, sizeof digits);
        ext = pbx_find(inst, digits);
        return ext && ext != self ? pickup_ringing_at(ext) : NULL;
    }
    for (DWORD i = 0; i < inst->cfg.nexts; i++) {
        struct sim_call *c;

        if (&inst->cfg.exts[i] != self && (c = pickup_ringing_at(&inst->cfg.exts[i])))
            return c;
    }
    return NULL;
}

/* Move the caller of the ringing leg to the new leg `call` and connect them. */
static void pickup_take(struct sim_call *call, struct sim_call *ringing)
{
    struct sim_call *caller = ringing->peer;

    call->origin = ringing->origin;
    call->media_mode = ringing->media_mode;
    call->caller = ringing->caller;
    call->called = ringing->called;
    call_party_ext(&call->redirecting, ringing->ext);
    if (caller) {
        call_unlink_peer(ringing);
        pbx_connect(call, caller);
        call_party_ext(&caller->connected, call->ext);
        call_party_ext(&call->connected, caller->ext);
    } else {
        call->outside = ringing->outside;
        memcpy(call->trunk_number, ringing->trunk_number, sizeof call->trunk_number);
        call_party_number(&call->connected, ringing->trunk_number);
        call_unlink_peer(ringing);
    }
    call_far_end_gone(ringing, LINEDISCONNECTMODE_PICKUP);
    call_set_state(call, LINECALLSTATE_CONNECTED, LINECONNECTEDMODE_ACTIVE);
    if (caller) {
        call_set_state(caller, LINECALLSTATE_CONNECTED, LINECONNECTEDMODE_ACTIVE);
        call_info_changed(caller, LINECALLINFOSTATE_CONNECTEDID);
    }
}

/* Pick up a call ringing at lpszDestAddress (or in the group) onto a new call on this line. */
SIM_EXPORT LONG TSPIAPI TSPI_linePickup(DRV_REQUESTID dwRequestID, HDRVLINE hdLine,
                                        DWORD dwAddressID, HTAPICALL htCall, LPHDRVCALL lphdCall,
                                        LPCSTR lpszDestAddress, LPCSTR lpszGroupID)
{
    struct sim_line *line = (struct sim_line *)hdLine;
    struct sim_call *ringing, *call;
    struct sim_inst *inst;
    LONG rc;

    if (!line)
        return LINEERR_INVALLINEHANDLE;
    if (!lphdCall)
        return LINEERR_INVALPOINTER;
    if (dwAddressID >= line->ext->naddr)
        return LINEERR_INVALADDRESSID;
    inst = line->inst;
    pthread_mutex_lock(&inst->lock);
    ringing = pickup_find(inst, line->ext, lpszDestAddress);
    rc = ringing ? call_alloc(&call, inst, line->ext, dwAddressID, htCall) : LINEERR_INVALADDRESS;
    if (rc) {
        pthread_mutex_unlock(&inst->lock);
        return rc;
    }
    *lphdCall = (HDRVCALL)call;
    call->reason = LINECALLREASON_PICKUP;
    call_complete(inst, dwRequestID, 0);
    pickup_take(call, ringing);
    pthread_mutex_unlock(&inst->lock);
    return (LONG)dwRequestID;
}
