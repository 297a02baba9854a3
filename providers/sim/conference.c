/*
 * conference.c — conference calls: set up, add parties, remove parties.
 *
 * A conference is a leg with role SIM_ROLE_CONF on the initiating extension (TAPI's
 * hdConfCall) plus member legs, each linked to it by `conf` and in the CONFERENCED state; the
 * members keep their own far ends, which all hear each other. Setting up a conference from a
 * connected call makes that call the first member, holds the conference (ONHOLDPENDCONF) and
 * opens a consultation call (DIALTONE) to reach the next party, who joins with
 * lineAddToConference. Removing a member drops it (LINEADDRESSCAPS dwRemoveFromConfState is
 * IDLE); when the last member has gone, the conference goes IDLE too.
 */
#include "sim.h"

/* Lock a leg's instance and check it may use `feature`; NULL with *rc on failure. */
static struct sim_call *conference_lock(HDRVCALL hdCall, DWORD feature, LONG *rc)
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
    *rc = 0;
    return call;
}

/*
 * Create the conference leg (TAPI handle htConf) and its consultation leg (htConsult) at ext,
 * with `first` (may be NULL) as the first member. No events yet.
 */
static LONG conference_create(struct sim_inst *inst, struct sim_ext *ext, struct sim_call *first,
                              HTAPICALL htConf, HTAPICALL htConsult, const LINECALLPARAMS *params,
                              struct sim_call **confp, struct sim_call **consultp)
{
    struct sim_call *conf;
    LONG rc = call_alloc(&conf, inst, ext, first ? first->address_id : 0, htConf);

    if (rc)
        return rc;
    conf->role = SIM_ROLE_CONF;
    call_party_ext(&conf->caller, ext);
    rc = transfer_new_consult(conf, htConsult, SIM_ROLE_CONSULT_CONF, params, consultp);
    if (rc) {
        conf->htCall = NULL;
        call_destroy(conf);
        return rc;
    }
    if (first)
        first->conf = conf;
    *confp = conf;
    return 0;
}

/* Start a conference from a connected call (or from nothing, on hdLine). */
SIM_EXPORT LONG TSPIAPI TSPI_lineSetupConference(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                                 HDRVLINE hdLine, HTAPICALL htConfCall,
                                                 LPHDRVCALL lphdConfCall, HTAPICALL htConsultCall,
                                                 LPHDRVCALL lphdConsultCall, DWORD dwNumParties,
                                                 LPLINECALLPARAMS const lpCallParams)
{
    struct sim_line *line = (struct sim_line *)hdLine;
    struct sim_call *call = NULL, *conf, *consult;
    struct sim_inst *inst;
    struct sim_ext *ext;
    LONG rc;

    if (hdCall) {
        call = conference_lock(hdCall, LINECALLFEATURE_SETUPCONF, &rc);
        if (!call)
            return rc;
        inst = call->inst;
        ext = call->ext;
    } else {
        if (!line)
            return LINEERR_INVALLINEHANDLE;
        inst = line->inst;
        ext = line->ext;
        pthread_mutex_lock(&inst->lock);
    }
    if (!lphdConfCall || !lphdConsultCall)
        rc = LINEERR_INVALPOINTER;
    else if (dwNumParties > 8)
        rc = LINEERR_CONFERENCEFULL;
    else
        rc = conference_create(inst, ext, call, htConfCall, htConsultCall, lpCallParams, &conf,
                               &consult);
    if (rc) {
        pthread_mutex_unlock(&inst->lock);
        return rc;
    }
    *lphdConfCall = (HDRVCALL)conf;
    *lphdConsultCall = (HDRVCALL)consult;
    call_complete(inst, dwRequestID, 0);
    call_set_state(conf, LINECALLSTATE_ONHOLDPENDCONF, 0);
    if (call)
        call_set_state(call, LINECALLSTATE_CONFERENCED, 0);
    call_set_state(consult, LINECALLSTATE_DIALTONE, LINEDIALTONEMODE_NORMAL);
    pthread_mutex_unlock(&inst->lock);
    return (LONG)dwRequestID;
}

/* Hold the conference and open a consultation call for the next party. */
SIM_EXPORT LONG TSPIAPI TSPI_linePrepareAddToConference(DRV_REQUESTID dwRequestID,
                                                        HDRVCALL hdConfCall,
                                                        HTAPICALL htConsultCall,
                                                        LPHDRVCALL lphdConsultCall,
                                                        LPLINECALLPARAMS const lpCallParams)
{
    LONG rc;
    struct sim_call *conf = conference_lock(hdConfCall, LINECALLFEATURE_PREPAREADDCONF, &rc);
    struct sim_call *consult;

    if (!conf)
        return rc;
    if (!lphdConsultCall)
        rc = LINEERR_INVALPOINTER;
    else
        rc = transfer_new_consult(conf, htConsultCall, SIM_ROLE_CONSULT_CONF, lpCallParams,
                                  &consult);
    if (rc) {
        pthread_mutex_unlock(&conf->inst->lock);
        return rc;
    }
    *lphdConsultCall = (HDRVCALL)consult;
    call_complete(conf->inst, dwRequestID, 0);
    call_set_state(conf, LINECALLSTATE_ONHOLDPENDCONF, 0);
    call_set_state(consult, LINECALLSTATE_DIALTONE, LINEDIALTONEMODE_NORMAL);
    pthread_mutex_unlock(&conf->inst->lock);
    return (LONG)dwRequestID;
}

/* True when call may join conf: another live, non-conference call on conf's line. */
static bool conference_can_add(const struct sim_call *conf, const struct sim_call *call)
{
    if (call->ext != conf->ext || call == conf || call->role == SIM_ROLE_CONF || call->conf)
        return false;
    return call->state == LINECALLSTATE_CONNECTED || call->state == LINECALLSTATE_ONHOLD ||
           ((call->state == LINECALLSTATE_RINGBACK || call->state == LINECALLSTATE_PROCEEDING) &&
            call->peer);
}

/* Add the consultation call (or another call on the line) to the conference. */
SIM_EXPORT LONG TSPIAPI TSPI_lineAddToConference(DRV_REQUESTID dwRequestID, HDRVCALL hdConfCall,
                                                 HDRVCALL hdConsultCall)
{
    LONG rc;
    struct sim_call *conf = conference_lock(hdConfCall, 0, &rc);
    struct sim_call *consult = call_of(hdConsultCall);

    if (!conf)
        return rc;
    if (conf->role != SIM_ROLE_CONF || !call_is_live(conf))
        rc = LINEERR_INVALCONFCALLHANDLE;
    else if (!consult || !conference_can_add(conf, consult))
        rc = consult && consult->ext == conf->ext ? LINEERR_INVALCALLSTATE
                                                  : LINEERR_INVALCONSULTCALLHANDLE;
    if (rc) {
        pthread_mutex_unlock(&conf->inst->lock);
        return rc;
    }
    call_complete(conf->inst, dwRequestID, 0);
    if (conf->consult == consult) {
        conf->consult = NULL;
        consult->pending = NULL;
    }
    consult->role = SIM_ROLE_PLAIN;
    consult->conf = conf;
    call_set_state(consult, LINECALLSTATE_CONFERENCED, 0);
    call_set_state(conf, LINECALLSTATE_CONNECTED, LINECONNECTEDMODE_ACTIVE);
    pthread_mutex_unlock(&conf->inst->lock);
    return (LONG)dwRequestID;
}

/* Remove a member from its conference: the member is dropped and goes IDLE. */
SIM_EXPORT LONG TSPIAPI TSPI_lineRemoveFromConference(DRV_REQUESTID dwRequestID, HDRVCALL hdCall)
{
    LONG rc;
    struct sim_call *call = conference_lock(hdCall, LINECALLFEATURE_REMOVEFROMCONF, &rc);
    struct sim_inst *inst;

    if (!call)
        return rc;
    inst = call->inst;
    if (!call->conf) {
        pthread_mutex_unlock(&inst->lock);
        return LINEERR_INVALCALLSTATE;
    }
    call_complete(inst, dwRequestID, 0);
    connect_drop(call);
    pthread_mutex_unlock(&inst->lock);
    return (LONG)dwRequestID;
}
