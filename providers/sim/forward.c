/*
 * forward.c — calls that go elsewhere: forwarding (lineForward) and deflection (lineRedirect).
 *
 * Forwarding is a property of the extension, allocated only while some is in force: calls to
 * it go on unconditionally, when it is busy, or after a number of rings (ring_ms each), and
 * ring the target with reason FWDUNCOND / FWDBUSY / FWDNOANSWER and the forwarding extension
 * as redirecting ID (pbx.c does the routing). Redirecting an offered call sends its caller on
 * to another number and takes the offered call IDLE.
 */
#include <stdlib.h>
#include <string.h>

#include "sim.h"

/* Free the extension's forwarding record. */
void forward_free(struct sim_ext *ext)
{
    free(ext->fwd);
    ext->fwd = NULL;
}

/* The destination string of a LINEFORWARD entry, bounds-checked within the list; or NULL. */
static const char *forward_dest(const LINEFORWARDLIST *list, const LINEFORWARD *fw)
{
    const char *base = (const char *)list;

    if (!fw->dwDestAddressSize || fw->dwDestAddressOffset < sizeof *list - sizeof *fw ||
        (uint64_t)fw->dwDestAddressOffset + fw->dwDestAddressSize > list->dwTotalSize ||
        base[fw->dwDestAddressOffset + fw->dwDestAddressSize - 1] != '\0')
        return NULL;
    return base + fw->dwDestAddressOffset;
}

/* Store one entry's destination into the forwarding record per its mode. */
static LONG forward_entry(struct sim_inst *inst, struct sim_ext *ext, struct sim_forward *fwd,
                          const LINEFORWARDLIST *list, const LINEFORWARD *fw)
{
    const char *dest = forward_dest(list, fw);
    char digits[SIM_NUMBER_MAX];
    DWORD mode = fw->dwForwardMode;

    if (!dest)
        return LINEERR_INVALPARAM;
    pbx_normalize(dest, digits, sizeof digits);
    if (!pbx_dialable(inst, digits) || !strcmp(digits, ext->number))
        return LINEERR_INVALADDRESS;
    if (mode &
        (LINEFORWARDMODE_UNCOND | LINEFORWARDMODE_UNCONDINTERNAL | LINEFORWARDMODE_UNCONDEXTERNAL))
        memcpy(fwd->uncond, digits, sizeof digits);
    else if (mode &
             (LINEFORWARDMODE_BUSY | LINEFORWARDMODE_BUSYINTERNAL | LINEFORWARDMODE_BUSYEXTERNAL))
        memcpy(fwd->busy, digits, sizeof digits);
    else if (mode & (LINEFORWARDMODE_NOANSW | LINEFORWARDMODE_NOANSWINTERNAL |
                     LINEFORWARDMODE_NOANSWEXTERNAL))
        memcpy(fwd->noanswer, digits, sizeof digits);
    else if (mode & (LINEFORWARDMODE_BUSYNA | LINEFORWARDMODE_BUSYNAINTERNAL |
                     LINEFORWARDMODE_BUSYNAEXTERNAL)) {
        memcpy(fwd->busy, digits, sizeof digits);
        memcpy(fwd->noanswer, digits, sizeof digits);
    } else
        return LINEERR_INVALPARAM;
    return 0;
}

/* Parse a whole forward list into fwd. Returns 0 or a LINEERR_ value. */
static LONG forward_parse(struct sim_inst *inst, struct sim_ext *ext, struct sim_forward *fwd,
                          const LINEFORWARDLIST *list)
{
    size_t head = sizeof *list - sizeof list->ForwardList;

    if (list->dwTotalSize < head ||
        (uint64_t)head + (uint64_t)list->dwNumEntries * sizeof(LINEFORWARD) > list->dwTotalSize)
        return LINEERR_INVALPARAM;
    for (DWORD i = 0; i < list->dwNumEntries; i++) {
        LONG rc = forward_entry(inst, ext, fwd, list, &list->ForwardList[i]);

        if (rc)
            return rc;
    }
    return 0;
}

/* Set (or with a NULL list, cancel) forwarding for the extension. No consultation call. */
SIM_EXPORT LONG TSPIAPI TSPI_lineForward(DRV_REQUESTID dwRequestID, HDRVLINE hdLine,
                                         DWORD bAllAddresses, DWORD dwAddressID,
                                         LPLINEFORWARDLIST const lpForwardList,
                                         DWORD dwNumRingsNoAnswer, HTAPICALL htConsultCall,
                                         LPHDRVCALL lphdConsultCall,
                                         LPLINECALLPARAMS const lpCallParams)
{
    struct sim_line *line = (struct sim_line *)hdLine;
    struct sim_forward fwd = {0};
    struct sim_inst *inst;
    struct sim_ext *ext;
    LONG rc = 0;

    if (!line)
        return LINEERR_INVALLINEHANDLE;
    inst = line->inst;
    ext = line->ext;
    if (!bAllAddresses && dwAddressID >= ext->naddr)
        return LINEERR_INVALADDRESSID;
    pthread_mutex_lock(&inst->lock);
    if (lpForwardList)
        rc = forward_parse(inst, ext, &fwd, lpForwardList);
    fwd.rings = dwNumRingsNoAnswer < 1 ? 1 : (dwNumRingsNoAnswer > 20 ? 20 : dwNumRingsNoAnswer);
    if (!rc && (fwd.uncond[0] || fwd.busy[0] || fwd.noanswer[0])) {
        if (!ext->fwd && !(ext->fwd = malloc(sizeof *ext->fwd)))
            rc = LINEERR_NOMEM;
        else
            *ext->fwd = fwd;
    } else if (!rc) {
        forward_free(ext);
    }
    if (rc) {
        pthread_mutex_unlock(&inst->lock);
        return rc;
    }
    if (lphdConsultCall)
        *lphdConsultCall = NULL;
    call_complete(inst, dwRequestID, 0);
    for (DWORD a = 0; a < ext->naddr; a++)
        line_address_state(ext, a, LINEADDRESSSTATE_FORWARD);
    pthread_mutex_unlock(&inst->lock);
    return (LONG)dwRequestID;
}

/* Deflect an offered call to lpszDestAddress; the offered call goes IDLE. */
SIM_EXPORT LONG TSPIAPI TSPI_lineRedirect(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                          LPCSTR lpszDestAddress, DWORD dwCountryCode)
{
    struct sim_call *call = call_of(hdCall), *caller;
    struct sim_inst *inst;

    if (!call)
        return LINEERR_INVALCALLHANDLE;
    inst = call->inst;
    pthread_mutex_lock(&inst->lock);
    if (!(call_features(call) & LINECALLFEATURE_REDIRECT)) {
        pthread_mutex_unlock(&inst->lock);
        return LINEERR_INVALCALLSTATE;
    }
    if (!lpszDestAddress || !pbx_dialable(inst, lpszDestAddress)) {
        pthread_mutex_unlock(&inst->lock);
        return LINEERR_INVALADDRESS;
    }
    call_complete(inst, dwRequestID, 0);
    caller = call->peer;
    if (caller) {
        call_unlink_peer(call);
        call_party_ext(&caller->redirection, call->ext);
        pbx_route(caller, lpszDestAddress, LINECALLREASON_REDIRECT, call->ext, caller->hops + 1);
    } else if (call->outside) {
        pbx_route_trunk(call, lpszDestAddress, LINECALLREASON_REDIRECT, call->ext);
    }
    call_hangup(call);
    pthread_mutex_unlock(&inst->lock);
    return (LONG)dwRequestID;
}
