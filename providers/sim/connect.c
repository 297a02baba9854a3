/*
 * connect.c — the basic life of a call: make, dial, accept, answer, drop.
 *
 * lineMakeCall creates the calling leg with TAPI's handle, completes the request, and only
 * then reports states, as TSPI requires for new calls: DIALTONE when there is nothing to dial
 * yet, otherwise DIALING and PROCEEDING before the switch routes the number (pbx.c), which
 * yields RINGBACK, BUSY, CONNECTED or DISCONNECTED. Answering connects both legs; dropping
 * sends the far end DISCONNECTED (NORMAL) and takes the dropped leg to IDLE. Everything
 * without a delay happens inline, so a call to an outside number configured "answer 0" is
 * made, connected, dropped and closed without a thread hop.
 */
#include <stdlib.h>
#include <string.h>

#include "sim.h"

/* Lock the instance of a leg and hand the leg back; NULL handle gives NULL. */
static struct sim_call *connect_lock(HDRVCALL hdCall)
{
    struct sim_call *call = call_of(hdCall);

    if (call)
        pthread_mutex_lock(&call->inst->lock);
    return call;
}

/* True when ext's address already has a call that is not held (a new one would not fit). */
static bool connect_address_active(const struct sim_ext *ext, DWORD address_id,
                                   const struct sim_call *except)
{
    for (const struct sim_call *c = ext->calls; c; c = c->next)
        if (c != except && c->address_id == address_id && c->role != SIM_ROLE_CONF &&
            c->state != LINECALLSTATE_IDLE && c->state != LINECALLSTATE_ONHOLD &&
            c->state != LINECALLSTATE_ONHOLDPENDTRANSFER &&
            c->state != LINECALLSTATE_ONHOLDPENDCONF && c->state != LINECALLSTATE_CONFERENCED)
            return true;
    return false;
}

/*
 * The calling leg dialled number (a complete number, or one ending in ';' when more digits
 * follow with lineDial): route it once it is complete.
 */
void connect_dialed(struct sim_call *call, const char *number)
{
    size_t have = strlen(call->dialed), len = strlen(number);
    bool partial = len && number[len - 1] == ';';

    if (partial)
        len--;
    if (have + len >= sizeof call->dialed)
        len = sizeof call->dialed - 1 - have;
    memcpy(call->dialed + have, number, len);
    call->dialed[have + len] = '\0';
    call_set_state(call, LINECALLSTATE_DIALING, 0);
    if (partial)
        return;
    call_set_state(call, LINECALLSTATE_PROCEEDING, 0);
    pbx_route(call, call->dialed, LINECALLREASON_DIRECT, NULL, 0);
}

/*
 * Create an outgoing leg on line's address with TAPI's handle htCall (reported, no events
 * yet). Returns 0 or a LINEERR_ value; on success *callp is the leg.
 */
static LONG connect_new_leg(struct sim_line *line, HTAPICALL htCall, const LINECALLPARAMS *params,
                            struct sim_call **callp)
{
    struct sim_call *call;
    LONG rc = call_alloc(&call, line->inst, line->ext, 0, htCall);

    if (rc)
        return rc;
    rc = call_params(call, params);
    if (!rc && connect_address_active(line->ext, call->address_id, call))
        rc = LINEERR_CALLUNAVAIL;
    if (rc) {
        call->htCall = NULL;
        call_destroy(call);
        return rc;
    }
    call_party_ext(&call->caller, line->ext);
    *callp = call;
    return 0;
}

/* Place a call: complete, then DIALTONE or DIALING/PROCEEDING and routing. */
SIM_EXPORT LONG TSPIAPI TSPI_lineMakeCall(DRV_REQUESTID dwRequestID, HDRVLINE hdLine,
                                          HTAPICALL htCall, LPHDRVCALL lphdCall,
                                          LPCSTR lpszDestAddress, DWORD dwCountryCode,
                                          LPLINECALLPARAMS const lpCallParams)
{
    struct sim_line *line = (struct sim_line *)hdLine;
    struct sim_call *call;
    LONG rc;

    if (!line)
        return LINEERR_INVALLINEHANDLE;
    if (!lphdCall)
        return LINEERR_INVALPOINTER;
    pthread_mutex_lock(&line->inst->lock);
    rc = connect_new_leg(line, htCall, lpCallParams, &call);
    if (rc) {
        pthread_mutex_unlock(&line->inst->lock);
        return rc;
    }
    *lphdCall = (HDRVCALL)call;
    call_complete(line->inst, dwRequestID, 0);
    if (lpszDestAddress && *lpszDestAddress)
        connect_dialed(call, lpszDestAddress);
    else
        call_set_state(call, LINECALLSTATE_DIALTONE, LINEDIALTONEMODE_NORMAL);
    pthread_mutex_unlock(&line->inst->lock);
    return (LONG)dwRequestID;
}

/* Dial (more digits of) the number of a call in DIALTONE or DIALING. */
SIM_EXPORT LONG TSPIAPI TSPI_lineDial(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                      LPCSTR lpszDestAddress, DWORD dwCountryCode)
{
    struct sim_call *call = connect_lock(hdCall);

    if (!call)
        return LINEERR_INVALCALLHANDLE;
    if (!lpszDestAddress || !*lpszDestAddress) {
        pthread_mutex_unlock(&call->inst->lock);
        return LINEERR_INVALADDRESS;
    }
    if (!(call_features(call) & LINECALLFEATURE_DIAL)) {
        pthread_mutex_unlock(&call->inst->lock);
        return LINEERR_INVALCALLSTATE;
    }
    call_complete(call->inst, dwRequestID, 0);
    connect_dialed(call, lpszDestAddress);
    pthread_mutex_unlock(&call->inst->lock);
    return (LONG)dwRequestID;
}

/* Hand user-user information to the far end of call (LINE_CALLINFO USERUSERINFO there). */
static LONG connect_send_uui(struct sim_call *call, LPCSTR uui, DWORD size)
{
    struct sim_call *peer = call->peer;
    void *copy;

    if (!uui || !size || !peer)
        return 0;
    copy = malloc(size);
    if (!copy)
        return LINEERR_NOMEM;
    memcpy(copy, uui, size);
    free(peer->uui);
    peer->uui = copy;
    peer->uui_size = size;
    call_info_changed(peer, LINECALLINFOSTATE_USERUSERINFO);
    return 0;
}

/* Connect an offered leg with its caller (both CONNECTED, connected IDs set). */
void connect_answer(struct sim_call *call)
{
    struct sim_call *peer = call->peer;

    if (peer) {
        call_party_ext(&call->connected, peer->ext);
        call_party_ext(&peer->connected, call->ext);
        call_set_state(peer, LINECALLSTATE_CONNECTED, LINECONNECTEDMODE_ACTIVE);
    } else {
        call_party_number(&call->connected, call->trunk_number);
    }
    call_set_state(call, LINECALLSTATE_CONNECTED, LINECONNECTEDMODE_ACTIVE);
}

/* The outside party of a trunk call answered; it may then play its digits. */
void connect_outside_answered(struct sim_call *call)
{
    call_party_number(&call->connected, call->trunk_number);
    call_set_state(call, LINECALLSTATE_CONNECTED, LINECONNECTEDMODE_ACTIVE);
    if (call->outside && call->outside->kind == SIM_OUT_DIGITS)
        digits_start_playback(call);
}

/* Answer an offered or accepted call. */
SIM_EXPORT LONG TSPIAPI TSPI_lineAnswer(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                        LPCSTR lpsUserUserInfo, DWORD dwSize)
{
    struct sim_call *call = connect_lock(hdCall);
    LONG rc;

    if (!call)
        return LINEERR_INVALCALLHANDLE;
    if (!(call_features(call) & LINECALLFEATURE_ANSWER)) {
        pthread_mutex_unlock(&call->inst->lock);
        return LINEERR_INVALCALLSTATE;
    }
    rc = connect_send_uui(call, lpsUserUserInfo, dwSize);
    if (rc) {
        pthread_mutex_unlock(&call->inst->lock);
        return rc;
    }
    call_complete(call->inst, dwRequestID, 0);
    connect_answer(call);
    pthread_mutex_unlock(&call->inst->lock);
    return (LONG)dwRequestID;
}

/* Accept an offered call: it keeps ringing, now in the ACCEPTED state. */
SIM_EXPORT LONG TSPIAPI TSPI_lineAccept(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                        LPCSTR lpsUserUserInfo, DWORD dwSize)
{
    struct sim_call *call = connect_lock(hdCall);
    LONG rc;

    if (!call)
        return LINEERR_INVALCALLHANDLE;
    if (!(call_features(call) & LINECALLFEATURE_ACCEPT)) {
        pthread_mutex_unlock(&call->inst->lock);
        return LINEERR_INVALCALLSTATE;
    }
    rc = connect_send_uui(call, lpsUserUserInfo, dwSize);
    if (rc) {
        pthread_mutex_unlock(&call->inst->lock);
        return rc;
    }
    call_complete(call->inst, dwRequestID, 0);
    call->state = LINECALLSTATE_ACCEPTED; /* still ringing: no ringer change */
    call->state_mode = 0;
    if (call->htCall && call->ext->line)
        line_event(call->ext->line, call->htCall, LINE_CALLSTATE, LINECALLSTATE_ACCEPTED, 0,
                   call->media_mode);
    pthread_mutex_unlock(&call->inst->lock);
    return (LONG)dwRequestID;
}

/*
 * Drop call: its far end is told (DISCONNECTED, NORMAL) and call goes IDLE. Dropping a
 * conference drops every member. The caller must not use call afterwards unless reported.
 */
void connect_drop(struct sim_call *call)
{
    if (call->role == SIM_ROLE_CONF) {
        struct sim_call *c;

        do { /* members are detached first, so that none hangs the conference up */
            for (c = call->ext->calls; c && c->conf != call; c = c->next)
                ;
            if (c) {
                c->conf = NULL;
                connect_drop(c);
            }
        } while (c);
    }
    if (call->peer) {
        struct sim_call *peer = call->peer;

        call_unlink_peer(call);
        call_far_end_gone(peer, LINEDISCONNECTMODE_NORMAL);
    }
    call_hangup(call);
}

/* Drop a call in any state but IDLE. */
SIM_EXPORT LONG TSPIAPI TSPI_lineDrop(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                      LPCSTR lpsUserUserInfo, DWORD dwSize)
{
    struct sim_call *call = connect_lock(hdCall);
    struct sim_inst *inst;

    if (!call)
        return LINEERR_INVALCALLHANDLE;
    inst = call->inst;
    if (!(call_features(call) & LINECALLFEATURE_DROP)) {
        pthread_mutex_unlock(&inst->lock);
        return LINEERR_INVALCALLSTATE;
    }
    connect_send_uui(call, lpsUserUserInfo, dwSize);
    call_complete(inst, dwRequestID, 0);
    connect_drop(call);
    pthread_mutex_unlock(&inst->lock);
    return (LONG)dwRequestID;
}
