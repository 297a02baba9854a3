/*
 * park.c — parking calls in slots and taking them out again: linePark, lineUnpark.
 *
 * Parking moves the far end of a connected call into a park slot and takes the parking call
 * IDLE. Directed park names the slot (any number that is not an extension); non-directed park
 * lets the switch choose one of the configured `park` range and returns it in the VARSTRING.
 * The parked party keeps its own leg, CONNECTED and hearing music, until someone unparks it
 * from any extension (a new call, reason UNPARK, straight to CONNECTED) or hangs up.
 * All functions but the TSPI entry points expect inst->lock to be held.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

/* One parked party. */
struct sim_park {
    struct sim_park *next;
    char slot[SIM_NUMBER_MAX];
    struct sim_call *leg;              /* the parked leg, or NULL for an outside party */
    const struct sim_outside *outside; /* the outside party's behaviour */
    char trunk_number[SIM_NUMBER_MAX];
    struct sim_ext *by; /* who parked it */
};

/* The entry in slot, or NULL. */
static struct sim_park *park_find(struct sim_inst *inst, const char *slot)
{
    for (struct sim_park *p = inst->parked; p; p = p->next)
        if (!strcmp(p->slot, slot))
            return p;
    return NULL;
}

/* Unlink and free one entry. */
static void park_remove(struct sim_inst *inst, struct sim_park *entry)
{
    for (struct sim_park **pp = &inst->parked; *pp; pp = &(*pp)->next)
        if (*pp == entry) {
            *pp = entry->next;
            free(entry);
            return;
        }
}

/* A parked leg is going away: empty its slot. */
void park_forget(struct sim_call *call)
{
    struct sim_park *p;

    for (p = call->inst->parked; p; p = p->next)
        if (p->leg == call)
            break;
    if (p)
        park_remove(call->inst, p);
}

/* Free every park entry of the instance. */
void park_free_all(struct sim_inst *inst)
{
    while (inst->parked)
        park_remove(inst, inst->parked);
}

/* Choose a free non-directed slot into slot; returns false when all are taken. */
static bool park_choose(struct sim_inst *inst, char *slot, size_t len)
{
    for (DWORD i = 0; i < inst->cfg.park_count; i++) {
        snprintf(slot, len, "%0*u", (int)inst->cfg.park_width,
                 (unsigned)(inst->cfg.park_first + i));
        if (!park_find(inst, slot) && !pbx_find(inst, slot))
            return true;
    }
    return false;
}

/* Decide the slot for a park request into slot. Returns 0 or a LINEERR_ value. */
static LONG park_slot(struct sim_inst *inst, DWORD mode, LPCSTR dir, LPVARSTRING nondir, char *slot,
                      size_t len)
{
    if (mode == LINEPARKMODE_DIRECTED) {
        if (!dir)
            return LINEERR_INVALPOINTER;
        pbx_normalize(dir, slot, len);
        if (!slot[0] || pbx_find(inst, slot) || park_find(inst, slot))
            return LINEERR_INVALADDRESS;
        return 0;
    }
    if (mode != LINEPARKMODE_NONDIRECTED)
        return LINEERR_INVALPARKMODE;
    if (!nondir)
        return LINEERR_INVALPOINTER;
    if (nondir->dwTotalSize < sizeof *nondir)
        return LINEERR_STRUCTURETOOSMALL;
    return park_choose(inst, slot, len) ? 0 : LINEERR_RESOURCEUNAVAIL;
}

/* Move the far end of call into a new entry for slot; the caller then idles call. */
static LONG park_enter(struct sim_call *call, const char *slot)
{
    struct sim_park *p = calloc(1, sizeof *p);

    if (!p)
        return LINEERR_NOMEM;
    snprintf(p->slot, sizeof p->slot, "%s", slot);
    p->leg = call->peer;
    p->outside = call->outside;
    memcpy(p->trunk_number, call->trunk_number, sizeof p->trunk_number);
    p->by = call->ext;
    call_unlink_peer(call);
    p->next = call->inst->parked;
    call->inst->parked = p;
    return 0;
}

/* Write the chosen slot into the non-directed park VARSTRING. */
static void park_return_slot(LPVARSTRING vs_out, const char *slot)
{
    struct tapix_varstruct vs;

    if (tapix_varstruct_begin(&vs, vs_out, sizeof *vs_out))
        return;
    vs_out->dwStringFormat = STRINGFORMAT_ASCII;
    tapix_varstruct_append_string(&vs, &vs_out->dwStringSize, &vs_out->dwStringOffset, slot);
    tapix_varstruct_end(&vs);
}

/* Park a connected call (directed or not); the parking call goes IDLE. */
SIM_EXPORT LONG TSPIAPI TSPI_linePark(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, DWORD dwParkMode,
                                      LPCSTR lpszDirAddress, LPVARSTRING lpNonDirAddress)
{
    struct sim_call *call = call_of(hdCall);
    char slot[SIM_NUMBER_MAX];
    struct sim_inst *inst;
    LONG rc;

    if (!call)
        return LINEERR_INVALCALLHANDLE;
    inst = call->inst;
    pthread_mutex_lock(&inst->lock);
    rc = call_features(call) & LINECALLFEATURE_PARK ? 0 : LINEERR_INVALCALLSTATE;
    if (!rc)
        rc = park_slot(inst, dwParkMode, lpszDirAddress, lpNonDirAddress, slot, sizeof slot);
    if (!rc && !call->peer && !call->outside)
        rc = LINEERR_INVALCALLSTATE;
    if (!rc)
        rc = park_enter(call, slot);
    if (rc) {
        pthread_mutex_unlock(&inst->lock);
        return rc;
    }
    if (dwParkMode == LINEPARKMODE_NONDIRECTED)
        park_return_slot(lpNonDirAddress, slot);
    call_complete(inst, dwRequestID, 0);
    call_hangup(call);
    pthread_mutex_unlock(&inst->lock);
    return (LONG)dwRequestID;
}

/* Connect a new leg (TAPI's handle) at the line with the party parked at lpszDestAddress. */
SIM_EXPORT LONG TSPIAPI TSPI_lineUnpark(DRV_REQUESTID dwRequestID, HDRVLINE hdLine,
                                        DWORD dwAddressID, HTAPICALL htCall, LPHDRVCALL lphdCall,
                                        LPCSTR lpszDestAddress)
{
    struct sim_line *line = (struct sim_line *)hdLine;
    char slot[SIM_NUMBER_MAX];
    struct sim_inst *inst;
    struct sim_park *p;
    struct sim_call *call;
    LONG rc;

    if (!line)
        return LINEERR_INVALLINEHANDLE;
    if (!lphdCall || !lpszDestAddress)
        return LINEERR_INVALPOINTER;
    if (dwAddressID >= line->ext->naddr)
        return LINEERR_INVALADDRESSID;
    inst = line->inst;
    pthread_mutex_lock(&inst->lock);
    pbx_normalize(lpszDestAddress, slot, sizeof slot);
    p = park_find(inst, slot);
    rc = p ? call_alloc(&call, inst, line->ext, dwAddressID, htCall) : LINEERR_INVALADDRESS;
    if (rc) {
        pthread_mutex_unlock(&inst->lock);
        return rc;
    }
    *lphdCall = (HDRVCALL)call;
    call->reason = LINECALLREASON_UNPARK;
    call_party_ext(&call->caller, line->ext);
    call_party_number(&call->called, slot);
    call_party_ext(&call->redirecting, p->by);
    if (p->leg) {
        pbx_connect(call, p->leg);
        call_party_ext(&call->connected, p->leg->ext);
        call_party_ext(&p->leg->connected, line->ext);
        call_info_changed(p->leg, LINECALLINFOSTATE_CONNECTEDID);
    } else {
        call->outside = p->outside;
        memcpy(call->trunk_number, p->trunk_number, sizeof call->trunk_number);
        call_party_number(&call->connected, p->trunk_number);
    }
    park_remove(inst, p);
    call_complete(inst, dwRequestID, 0);
    call_set_state(call, LINECALLSTATE_CONNECTED, LINECONNECTEDMODE_ACTIVE);
    pthread_mutex_unlock(&inst->lock);
    return (LONG)dwRequestID;
}
