/*
 * call.c — call legs: allocation, the call state machine and the events it sends.
 *
 * Every state change of a leg goes through call_set_state(), which reports LINE_CALLSTATE to
 * TAPI when the leg is reported and keeps the phone's ringer and lamps in step. A leg leaves
 * the switch through call_hangup(): it is cut from its far end, its conference and
 * consultation partners, its timers and digit operations, and goes IDLE. An unreported leg is
 * then freed at once; a reported one waits for TSPI_lineCloseCall.
 * All functions expect inst->lock to be held.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

/* The leg behind TAPI's handle. */
struct sim_call *call_of(HDRVCALL hd)
{
    return (struct sim_call *)hd;
}

/*
 * Allocate a leg of inst at address address_id of ext, in state IDLE, linked into ext->calls;
 * htCall is TAPI's handle when TAPI created the call (lineMakeCall…), NULL for a call the switch
 * offers. Returns 0 and the leg in *callp, or LINEERR_NOMEM.
 */
int call_alloc(struct sim_call **callp, struct sim_inst *inst, struct sim_ext *ext,
               DWORD address_id, HTAPICALL htCall)
{
    struct sim_call *call = calloc(1, sizeof *call);

    if (!call)
        return LINEERR_NOMEM;
    call->inst = inst;
    call->ext = ext;
    call->address_id = address_id;
    call->htCall = htCall;
    call->state = LINECALLSTATE_IDLE;
    call->media_mode = LINEMEDIAMODE_INTERACTIVEVOICE;
    call->bearer_mode = LINEBEARERMODE_VOICE;
    call->origin = LINECALLORIGIN_OUTBOUND;
    call->reason = LINECALLREASON_DIRECT;
    call->call_id = inst->next_call_id++;
    if (inst->next_call_id == 0)
        inst->next_call_id = 1;
    call->next = ext->calls;
    if (ext->calls)
        ext->calls->prev = call;
    ext->calls = call;
    *callp = call;
    return 0;
}

/* Send a line event about call, if TAPI knows the call and its line is open. */
static void call_event(struct sim_call *call, DWORD msg, DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3)
{
    if (call->htCall && call->ext->line)
        line_event(call->ext->line, call->htCall, msg, p1, p2, p3);
}

/* Complete request id of inst with result (0 or a LINEERR_ value). */
void call_complete(struct sim_inst *inst, DRV_REQUESTID id, LONG result)
{
    inst->complete(id, result);
}

/* Tell TAPI that the LINECALLINFO items in `what` (LINECALLINFOSTATE_ bits) changed. */
void call_info_changed(struct sim_call *call, DWORD what)
{
    call_event(call, LINE_CALLINFO, what, 0, 0);
}

/*
 * Introduce call to TAPI with LINE_NEWCALL and its current state, when its line is open and
 * TAPI does not know it yet. TAPI may decline (NULL handle): the leg then stays unreported.
 */
void call_report(struct sim_call *call)
{
    struct sim_line *line = call->ext->line;
    HTAPICALL ht = NULL;

    if (!line || call->htCall || call->closed || call->state == LINECALLSTATE_IDLE)
        return;
    line_event(line, NULL, LINE_NEWCALL, (DWORD_PTR)call, (DWORD_PTR)&ht, 0);
    if (!ht)
        return;
    call->htCall = ht;
    call_event(call, LINE_CALLSTATE, call->state, call->state_mode, call->media_mode);
}

/*
 * Move call to state with the state's mode (LINEDISCONNECTMODE_…, LINEBUSYMODE_…, or 0) and
 * report it. Ringing and lamps follow. Does not free anything: see call_hangup for IDLE.
 */
void call_set_state(struct sim_call *call, DWORD state, DWORD mode)
{
    DWORD old = call->state;

    if (old == state && call->state_mode == mode)
        return;
    call->state = state;
    call->state_mode = mode;
    call_event(call, LINE_CALLSTATE, state, mode, call->media_mode);
    if (old == LINECALLSTATE_OFFERING || old == LINECALLSTATE_ACCEPTED) {
        timer_cancel(call->inst, &call->t_progress);
        line_ringing(call->ext, call->address_id, false);
        phone_ring_changed(call->ext);
    }
    if (state == LINECALLSTATE_CONNECTED || state == LINECALLSTATE_DISCONNECTED ||
        state == LINECALLSTATE_BUSY)
        timer_cancel(call->inst, &call->t_progress);
    phone_lamps_changed(call->ext);
}

/* True while the leg is part of a call (any state but IDLE). */
bool call_is_live(const struct sim_call *call)
{
    return call->state != LINECALLSTATE_IDLE;
}

/* Make call and its far end strangers (the far end is not told). */
void call_unlink_peer(struct sim_call *call)
{
    if (call->peer)
        call->peer->peer = NULL;
    call->peer = NULL;
    call->outside = NULL;
    timer_cancel(call->inst, &call->t_progress);
}

/*
 * The far end of call went away with disconnect mode `mode`: a reported leg shows
 * DISCONNECTED until TAPI drops it; an unreported one hangs up (and is freed).
 */
void call_far_end_gone(struct sim_call *call, DWORD mode)
{
    call_unlink_peer(call);
    digits_stop(call, LINEGENERATETERM_CANCEL);
    if (call->htCall && call->ext->line)
        call_set_state(call, LINECALLSTATE_DISCONNECTED, mode);
    else
        call_hangup(call);
}

/* Cut the consultation / pending relation of call in both directions. */
static void call_unlink_consult(struct sim_call *call)
{
    struct sim_call *held = call->pending, *consult = call->consult;

    if (held) {
        held->consult = NULL;
        call->pending = NULL;
        if (held->state == LINECALLSTATE_ONHOLDPENDTRANSFER)
            call_set_state(held, LINECALLSTATE_ONHOLD, 0);
        else if (held->state == LINECALLSTATE_ONHOLDPENDCONF)
            call_set_state(held, LINECALLSTATE_CONNECTED, LINECONNECTEDMODE_ACTIVE);
    }
    if (consult) {
        consult->pending = NULL;
        call->consult = NULL;
    }
}

/* Number of legs still conferenced in conf. */
static DWORD call_conf_members(const struct sim_call *conf)
{
    DWORD n = 0;

    for (const struct sim_call *c = conf->ext->calls; c; c = c->next)
        if (c->conf == conf)
            n++;
    return n;
}

/*
 * Finish call from the switch's side: cut it from everything, report IDLE, and free it if TAPI
 * does not know it. The caller must not use call afterwards unless it holds a TAPI handle.
 */
void call_hangup(struct sim_call *call)
{
    struct sim_call *conf = call->conf;

    if (call->peer)
        call_unlink_peer(call);
    call_unlink_consult(call);
    digits_stop(call, LINEGENERATETERM_CANCEL);
    timer_cancel(call->inst, &call->t_progress);
    park_forget(call);
    call->conf = NULL;
    call_set_state(call, LINECALLSTATE_IDLE, 0);
    if (conf && conf->state != LINECALLSTATE_IDLE && call_conf_members(conf) == 0)
        call_hangup(conf);
    if (!call->htCall || !call->ext->line)
        call_destroy(call);
}

/* Free call, which must be unlinked from everything but its extension's list. */
void call_destroy(struct sim_call *call)
{
    struct sim_ext *ext = call->ext;

    if (call->peer)
        call_unlink_peer(call);
    call_unlink_consult(call);
    for (struct sim_call *c = ext->calls; c; c = c->next)
        if (c->conf == call)
            c->conf = NULL;
    timer_cancel(call->inst, &call->t_progress);
    timer_cancel(call->inst, &call->t_digits);
    timer_cancel(call->inst, &call->t_gather);
    timer_cancel(call->inst, &call->t_playback);
    park_forget(call);
    if (call->prev)
        call->prev->next = call->next;
    else
        ext->calls = call->next;
    if (call->next)
        call->next->prev = call->prev;
    free(call->call_data);
    free(call->uui);
    free(call);
}

/* Fill a party from an extension (number and name). */
void call_party_ext(struct sim_party *party, const struct sim_ext *ext)
{
    char buf[SIM_NAME_MAX];

    memcpy(party->number, ext->number, sizeof party->number);
    snprintf(party->name, sizeof party->name, "%s", pbx_ext_name(ext, buf, sizeof buf));
}

/* Fill a party with a number only (an outside party: its name is unknown). */
void call_party_number(struct sim_party *party, const char *number)
{
    snprintf(party->number, sizeof party->number, "%s", number ? number : "");
    party->name[0] = '\0';
}

/*
 * Take what the sim uses from LINECALLPARAMS: media mode, bearer mode, address and user-user
 * information. params may be NULL. Returns 0, LINEERR_INVALMEDIAMODE, LINEERR_INVALADDRESSID,
 * LINEERR_INVALBEARERMODE or LINEERR_NOMEM.
 */
LONG call_params(struct sim_call *call, const LINECALLPARAMS *params)
{
    if (!params)
        return 0;
    if (params->dwMediaMode) {
        if (params->dwMediaMode & ~SIM_MEDIA_MODES)
            return LINEERR_INVALMEDIAMODE;
        call->media_mode = params->dwMediaMode;
    }
    if (params->dwBearerMode) {
        if (params->dwBearerMode &
            ~(LINEBEARERMODE_VOICE | LINEBEARERMODE_SPEECH | LINEBEARERMODE_DATA))
            return LINEERR_INVALBEARERMODE;
        call->bearer_mode = params->dwBearerMode;
    }
    if (params->dwAddressMode == LINEADDRESSMODE_ADDRESSID) {
        if (params->dwAddressID >= call->ext->naddr)
            return LINEERR_INVALADDRESSID;
        call->address_id = params->dwAddressID;
    }
    if (params->dwUserUserInfoSize && params->dwUserUserInfoOffset &&
        params->dwUserUserInfoOffset + params->dwUserUserInfoSize <= params->dwTotalSize) {
        call->uui = malloc(params->dwUserUserInfoSize);
        if (!call->uui)
            return LINEERR_NOMEM;
        memcpy(call->uui, (const char *)params + params->dwUserUserInfoOffset,
               params->dwUserUserInfoSize);
        call->uui_size = params->dwUserUserInfoSize;
    }
    return 0;
}

/* Features a connected leg offers besides dropping. */
static DWORD call_features_connected(const struct sim_call *call)
{
    DWORD f = LINECALLFEATURE_DROP | LINECALLFEATURE_GENERATEDIGITS | LINECALLFEATURE_GENERATETONE |
              LINECALLFEATURE_MONITORDIGITS | LINECALLFEATURE_GATHERDIGITS |
              LINECALLFEATURE_SETCALLDATA | LINECALLFEATURE_SENDUSERUSER;

    if (call->role == SIM_ROLE_CONF)
        return LINECALLFEATURE_DROP | LINECALLFEATURE_PREPAREADDCONF | LINECALLFEATURE_SETCALLDATA;
    if (call->pending && call->role == SIM_ROLE_CONSULT_CONF)
        return f | LINECALLFEATURE_ADDTOCONF | LINECALLFEATURE_SWAPHOLD;
    if (call->pending)
        return f | LINECALLFEATURE_COMPLETETRANSF | LINECALLFEATURE_SWAPHOLD;
    f |= LINECALLFEATURE_HOLD | LINECALLFEATURE_BLINDTRANSFER | LINECALLFEATURE_SETUPTRANSFER |
         LINECALLFEATURE_SETUPCONF | LINECALLFEATURE_PARK;
    for (const struct sim_call *c = call->ext->calls; c; c = c->next)
        if (c != call && c->state == LINECALLSTATE_ONHOLD)
            return f | LINECALLFEATURE_SWAPHOLD;
    return f;
}

/*
 * The LINECALLFEATURE_ bits valid for call in its present state: what LINECALLSTATUS reports
 * and what every request checks before it acts.
 */
DWORD call_features(const struct sim_call *call)
{
    switch (call->state) {
    case LINECALLSTATE_OFFERING:
        return LINECALLFEATURE_ACCEPT | LINECALLFEATURE_ANSWER | LINECALLFEATURE_DROP |
               LINECALLFEATURE_REDIRECT | LINECALLFEATURE_SETCALLDATA;
    case LINECALLSTATE_ACCEPTED:
        return LINECALLFEATURE_ANSWER | LINECALLFEATURE_DROP | LINECALLFEATURE_REDIRECT |
               LINECALLFEATURE_SETCALLDATA;
    case LINECALLSTATE_DIALTONE:
    case LINECALLSTATE_DIALING:
        return LINECALLFEATURE_DIAL | LINECALLFEATURE_DROP;
    case LINECALLSTATE_PROCEEDING:
    case LINECALLSTATE_RINGBACK:
        return LINECALLFEATURE_DROP | LINECALLFEATURE_MONITORDIGITS | LINECALLFEATURE_GATHERDIGITS |
               LINECALLFEATURE_SETCALLDATA |
               (call->pending
                    ? (call->role == SIM_ROLE_CONSULT_CONF ? LINECALLFEATURE_ADDTOCONF
                                                           : LINECALLFEATURE_COMPLETETRANSF)
                    : 0);
    case LINECALLSTATE_CONNECTED:
        return call_features_connected(call);
    case LINECALLSTATE_ONHOLD:
        return LINECALLFEATURE_UNHOLD | LINECALLFEATURE_DROP | LINECALLFEATURE_SETCALLDATA;
    case LINECALLSTATE_ONHOLDPENDTRANSFER:
        return LINECALLFEATURE_UNHOLD | LINECALLFEATURE_DROP | LINECALLFEATURE_COMPLETETRANSF |
               LINECALLFEATURE_SWAPHOLD;
    case LINECALLSTATE_ONHOLDPENDCONF:
        return LINECALLFEATURE_UNHOLD | LINECALLFEATURE_DROP | LINECALLFEATURE_ADDTOCONF |
               LINECALLFEATURE_SWAPHOLD;
    case LINECALLSTATE_CONFERENCED:
        return LINECALLFEATURE_REMOVEFROMCONF | LINECALLFEATURE_DROP;
    case LINECALLSTATE_BUSY:
    case LINECALLSTATE_DISCONNECTED:
    case LINECALLSTATE_SPECIALINFO:
        return LINECALLFEATURE_DROP;
    default:
        return 0;
    }
}
