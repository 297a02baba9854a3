/*
 * line.c — line devices: open and close, status, identifiers, status-message masks.
 *
 * A line device is one extension seen by TAPI. Opening it allocates the small struct sim_line
 * that holds TAPI's handle and event callback, and introduces to TAPI any call already ringing
 * or in progress at the extension. Closing it drops the calls TAPI knew about (the line has
 * LINEDEVCAPFLAGS_CLOSEDROP) and forgets their handles; calls ringing unseen keep ringing.
 */
#include <stdlib.h>
#include <string.h>

#include "sim.h"

/* Send a line event, when the line is open. Called with inst->lock held; never blocks. */
void line_event(struct sim_line *line, HTAPICALL htCall, DWORD msg, DWORD_PTR p1, DWORD_PTR p2,
                DWORD_PTR p3)
{
    if (line && line->event)
        line->event(line->htLine, htCall, msg, p1, p2, p3);
}

/* Report LINE_ADDRESSSTATE `state` for address_id of ext, if TAPI asked for it. */
void line_address_state(struct sim_ext *ext, DWORD address_id, DWORD state)
{
    struct sim_line *line = ext->line;

    if (line && (line->address_states & state))
        line_event(line, NULL, LINE_ADDRESSSTATE, address_id, state, 0);
}

/* A call started or stopped ringing at ext: LINE_LINEDEVSTATE RINGING when it starts. */
void line_ringing(struct sim_ext *ext, DWORD address_id, bool ringing)
{
    struct sim_line *line = ext->line;

    if (ringing && line && (line->line_states & LINEDEVSTATE_RINGING))
        line_event(line, NULL, LINE_LINEDEVSTATE, LINEDEVSTATE_RINGING, address_id, 1);
}

/* Lock the instance of an open line; NULL handle gives NULL. */
static struct sim_line *line_lock(HDRVLINE hdLine)
{
    struct sim_line *line = (struct sim_line *)hdLine;

    if (line)
        pthread_mutex_lock(&line->inst->lock);
    return line;
}

/* Open the line of an extension and report the calls already there. */
SIM_EXPORT LONG TSPIAPI TSPI_lineOpen(DWORD dwDeviceID, HTAPILINE htLine, LPHDRVLINE lphdLine,
                                      DWORD dwTSPIVersion, LINEEVENT lpfnEventProc)
{
    struct sim_ext *ext;
    struct sim_inst *inst = inst_by_line_device(dwDeviceID, &ext);
    struct sim_line *line;

    if (!inst)
        return LINEERR_BADDEVICEID;
    if (!lphdLine || !lpfnEventProc)
        return LINEERR_INVALPOINTER;
    pthread_mutex_lock(&inst->lock);
    if (ext->line) {
        pthread_mutex_unlock(&inst->lock);
        return LINEERR_RESOURCEUNAVAIL;
    }
    line = calloc(1, sizeof *line);
    if (!line) {
        pthread_mutex_unlock(&inst->lock);
        return LINEERR_NOMEM;
    }
    line->inst = inst;
    line->ext = ext;
    line->htLine = htLine;
    line->event = lpfnEventProc;
    line->version = dwTSPIVersion;
    ext->line = line;
    *lphdLine = (HDRVLINE)line;
    for (struct sim_call *c = ext->calls; c; c = c->next)
        call_report(c);
    pthread_mutex_unlock(&inst->lock);
    return 0;
}

/* The first call of ext that TAPI knows, or NULL. */
static struct sim_call *line_first_reported(struct sim_ext *ext)
{
    for (struct sim_call *c = ext->calls; c; c = c->next)
        if (c->htCall)
            return c;
    return NULL;
}

/* Close the line: drop and forget every call TAPI knows on it. No events after this. */
SIM_EXPORT LONG TSPIAPI TSPI_lineClose(HDRVLINE hdLine)
{
    struct sim_line *line = line_lock(hdLine);
    struct sim_inst *inst;
    struct sim_ext *ext;
    struct sim_call *c;

    if (!line)
        return LINEERR_INVALLINEHANDLE;
    inst = line->inst;
    ext = line->ext;
    ext->line = NULL; /* from here on nothing is reported on this line */
    while ((c = line_first_reported(ext))) {
        c->htCall = NULL;
        if (call_is_live(c))
            connect_drop(c);
        else
            call_destroy(c);
    }
    free(line);
    pthread_mutex_unlock(&inst->lock);
    return 0;
}

/* Count the legs of ext (on address_id, or all for SIM_NONE) in the given states. */
static DWORD line_count(const struct sim_ext *ext, DWORD address_id, DWORD states)
{
    DWORD n = 0;

    for (const struct sim_call *c = ext->calls; c; c = c->next)
        if ((address_id == SIM_NONE || c->address_id == address_id) && (c->state & states) &&
            c->role != SIM_ROLE_CONF)
            n++;
    return n;
}

#define LINE_ACTIVE_STATES                                                                         \
    (LINECALLSTATE_OFFERING | LINECALLSTATE_ACCEPTED | LINECALLSTATE_DIALTONE |                    \
     LINECALLSTATE_DIALING | LINECALLSTATE_RINGBACK | LINECALLSTATE_BUSY |                         \
     LINECALLSTATE_CONNECTED | LINECALLSTATE_PROCEEDING | LINECALLSTATE_DISCONNECTED |             \
     LINECALLSTATE_CONFERENCED)
#define LINE_HELD_STATES        LINECALLSTATE_ONHOLD
#define LINE_HELD_PENDING_STATE (LINECALLSTATE_ONHOLDPENDCONF | LINECALLSTATE_ONHOLDPENDTRANSFER)

/* LINEDEVSTATUS: call counts, features, in service and connected. */
SIM_EXPORT LONG TSPIAPI TSPI_lineGetLineDevStatus(HDRVLINE hdLine, LPLINEDEVSTATUS lpLineDevStatus)
{
    struct sim_line *line = (struct sim_line *)hdLine;
    struct tapix_varstruct vs;
    LONG rc;

    if (!line)
        return LINEERR_INVALLINEHANDLE;
    rc = tapix_varstruct_begin(&vs, lpLineDevStatus, sizeof *lpLineDevStatus);
    if (rc)
        return rc;
    line_lock(hdLine);
    lpLineDevStatus->dwNumActiveCalls = line_count(line->ext, SIM_NONE, LINE_ACTIVE_STATES);
    lpLineDevStatus->dwNumOnHoldCalls = line_count(line->ext, SIM_NONE, LINE_HELD_STATES);
    lpLineDevStatus->dwNumOnHoldPendCalls =
        line_count(line->ext, SIM_NONE, LINE_HELD_PENDING_STATE);
    lpLineDevStatus->dwLineFeatures =
        LINEFEATURE_MAKECALL | LINEFEATURE_FORWARD | LINEFEATURE_FORWARDFWD;
    lpLineDevStatus->dwRingMode = 1;
    lpLineDevStatus->dwSignalLevel = 0xFFFF;
    lpLineDevStatus->dwBatteryLevel = 0xFFFF;
    lpLineDevStatus->dwRoamMode = LINEROAMMODE_UNAVAIL;
    lpLineDevStatus->dwDevStatusFlags = LINEDEVSTATUSFLAGS_CONNECTED | LINEDEVSTATUSFLAGS_INSERVICE;
    lpLineDevStatus->dwAvailableMediaModes = SIM_MEDIA_MODES;
    pthread_mutex_unlock(&line->inst->lock);
    tapix_varstruct_end(&vs);
    return 0;
}

/* The LINEADDRFEATURE_ bits available on address_id of ext now. */
static DWORD line_address_features(const struct sim_inst *inst, const struct sim_ext *ext,
                                   DWORD address_id)
{
    DWORD f = LINEADDRFEATURE_FORWARD | LINEADDRFEATURE_FORWARDFWD | LINEADDRFEATURE_UNPARK |
              LINEADDRFEATURE_PICKUP | LINEADDRFEATURE_PICKUPDIRECT;

    if (!pbx_address_busy(ext, address_id))
        f |= LINEADDRFEATURE_MAKECALL | LINEADDRFEATURE_SETUPCONF;
    (void)inst;
    return f;
}

/* Append the forwarding in force at ext as LINEFORWARD entries (forward.c keeps it). */
static void line_append_forward(struct tapix_varstruct *vs, LPLINEADDRESSSTATUS st,
                                const struct sim_forward *fwd)
{
    const char *dest[3] = {fwd->uncond, fwd->busy, fwd->noanswer};
    const DWORD mode[3] = {LINEFORWARDMODE_UNCOND, LINEFORWARDMODE_BUSY, LINEFORWARDMODE_NOANSW};
    DWORD n = 0, k = 0;
    LINEFORWARD *fw;

    for (int i = 0; i < 3; i++)
        n += dest[i][0] != '\0';
    st->dwForwardNumEntries = n;
    st->dwNumRingsNoAnswer = fwd->rings;
    fw = tapix_varstruct_reserve(vs, &st->dwForwardSize, &st->dwForwardOffset,
                                 n * (DWORD)sizeof *fw);
    for (int i = 0; i < 3; i++) {
        if (!dest[i][0])
            continue;
        if (fw) {
            fw[k].dwForwardMode = mode[i];
            tapix_varstruct_append_string(vs, &fw[k].dwDestAddressSize, &fw[k].dwDestAddressOffset,
                                          dest[i]);
        } else {
            tapix_varstruct_append_string(vs, NULL, NULL, dest[i]);
        }
        k++;
    }
}

/* LINEADDRESSSTATUS: calls on the address, its features and its forwarding. */
SIM_EXPORT LONG TSPIAPI TSPI_lineGetAddressStatus(HDRVLINE hdLine, DWORD dwAddressID,
                                                  LPLINEADDRESSSTATUS lpAddressStatus)
{
    struct sim_line *line = (struct sim_line *)hdLine;
    struct tapix_varstruct vs;
    struct sim_ext *ext;
    LONG rc;

    if (!line)
        return LINEERR_INVALLINEHANDLE;
    if (dwAddressID >= line->ext->naddr)
        return LINEERR_INVALADDRESSID;
    rc = tapix_varstruct_begin(&vs, lpAddressStatus, sizeof *lpAddressStatus);
    if (rc)
        return rc;
    line_lock(hdLine);
    ext = line->ext;
    lpAddressStatus->dwNumActiveCalls = line_count(ext, dwAddressID, LINE_ACTIVE_STATES);
    lpAddressStatus->dwNumOnHoldCalls = line_count(ext, dwAddressID, LINE_HELD_STATES);
    lpAddressStatus->dwNumOnHoldPendCalls = line_count(ext, dwAddressID, LINE_HELD_PENDING_STATE);
    lpAddressStatus->dwNumInUse = pbx_address_busy(ext, dwAddressID) ? 1 : 0;
    lpAddressStatus->dwAddressFeatures = line_address_features(line->inst, ext, dwAddressID);
    if (ext->fwd)
        line_append_forward(&vs, lpAddressStatus, ext->fwd);
    pthread_mutex_unlock(&line->inst->lock);
    tapix_varstruct_end(&vs);
    return 0;
}

/* Put a DWORD device ID into a VARSTRING (STRINGFORMAT_BINARY). */
static LONG line_varstring_dword(LPVARSTRING vs_out, DWORD value)
{
    struct tapix_varstruct vs;
    LONG rc = tapix_varstruct_begin(&vs, vs_out, sizeof *vs_out);

    if (rc)
        return rc;
    vs_out->dwStringFormat = STRINGFORMAT_BINARY;
    tapix_varstruct_append(&vs, &vs_out->dwStringSize, &vs_out->dwStringOffset, &value,
                           sizeof value);
    tapix_varstruct_end(&vs);
    return 0;
}

/* Device IDs of the line ("tapi/line") or of the extension's phone ("tapi/phone"). */
SIM_EXPORT LONG TSPIAPI TSPI_lineGetID(HDRVLINE hdLine, DWORD dwAddressID, HDRVCALL hdCall,
                                       DWORD dwSelect, LPVARSTRING lpDeviceID,
                                       LPCSTR lpszDeviceClass, HANDLE hTargetProcess)
{
    struct sim_ext *ext;
    struct sim_inst *inst;
    DWORD id;

    if (dwSelect == LINECALLSELECT_CALL) {
        if (!hdCall)
            return LINEERR_INVALCALLHANDLE;
        ext = call_of(hdCall)->ext;
        inst = call_of(hdCall)->inst;
    } else {
        if (!hdLine)
            return LINEERR_INVALLINEHANDLE;
        ext = ((struct sim_line *)hdLine)->ext;
        inst = ((struct sim_line *)hdLine)->inst;
        if (dwSelect == LINECALLSELECT_ADDRESS && dwAddressID >= ext->naddr)
            return LINEERR_INVALADDRESSID;
    }
    if (!lpszDeviceClass || !lpDeviceID)
        return LINEERR_INVALPOINTER;
    if (!strcmp(lpszDeviceClass, "tapi/line")) {
        id = inst->line_base + ext->line_index;
    } else if (!strcmp(lpszDeviceClass, "tapi/phone") && ext->phone_index != SIM_NONE) {
        id = inst->phone_base + ext->phone_index;
    } else {
        return LINEERR_INVALDEVICECLASS;
    }
    return line_varstring_dword(lpDeviceID, id);
}

/* The number of addresses of the line. */
SIM_EXPORT LONG TSPIAPI TSPI_lineGetNumAddressIDs(HDRVLINE hdLine, LPDWORD lpdwNumAddressIDs)
{
    struct sim_line *line = (struct sim_line *)hdLine;

    if (!line)
        return LINEERR_INVALLINEHANDLE;
    if (!lpdwNumAddressIDs)
        return LINEERR_INVALPOINTER;
    *lpdwNumAddressIDs = line->ext->naddr;
    return 0;
}

/* The address of the line with this dialable address (every address carries the number). */
SIM_EXPORT LONG TSPIAPI TSPI_lineGetAddressID(HDRVLINE hdLine, LPDWORD lpdwAddressID,
                                              DWORD dwAddressMode, LPCSTR lpsAddress, DWORD dwSize)
{
    struct sim_line *line = (struct sim_line *)hdLine;
    size_t len;

    if (!line)
        return LINEERR_INVALLINEHANDLE;
    if (!lpdwAddressID || !lpsAddress)
        return LINEERR_INVALPOINTER;
    if (dwAddressMode != LINEADDRESSMODE_DIALABLEADDR)
        return LINEERR_INVALADDRESSMODE;
    len = strnlen(lpsAddress, dwSize);
    if (len != strlen(line->ext->number) || memcmp(lpsAddress, line->ext->number, len))
        return LINEERR_INVALADDRESS;
    *lpdwAddressID = 0;
    return 0;
}

/* Which LINE_LINEDEVSTATE and LINE_ADDRESSSTATE messages TAPI wants. */
SIM_EXPORT LONG TSPIAPI TSPI_lineSetStatusMessages(HDRVLINE hdLine, DWORD dwLineStates,
                                                   DWORD dwAddressStates)
{
    struct sim_line *line = line_lock(hdLine);

    if (!line)
        return LINEERR_INVALLINEHANDLE;
    line->line_states = dwLineStates;
    line->address_states = dwAddressStates;
    pthread_mutex_unlock(&line->inst->lock);
    return 0;
}

/*
 * The media modes TAPI's applications want offered. The sim reports every call anyway (TAPI
 * hands calls of other modes to monitors); it only refuses modes it cannot carry.
 */
SIM_EXPORT LONG TSPIAPI TSPI_lineSetDefaultMediaDetection(HDRVLINE hdLine, DWORD dwMediaModes)
{
    struct sim_line *line = line_lock(hdLine);

    if (!line)
        return LINEERR_INVALLINEHANDLE;
    if (dwMediaModes & ~SIM_MEDIA_MODES) {
        pthread_mutex_unlock(&line->inst->lock);
        return LINEERR_INVALMEDIAMODE;
    }
    line->media_detect = dwMediaModes;
    pthread_mutex_unlock(&line->inst->lock);
    return 0;
}

/* Whether a call with these media modes and parameters could be made on the line. */
SIM_EXPORT LONG TSPIAPI TSPI_lineConditionalMediaDetection(HDRVLINE hdLine, DWORD dwMediaModes,
                                                           LPLINECALLPARAMS const lpCallParams)
{
    struct sim_line *line = (struct sim_line *)hdLine;

    if (!line)
        return LINEERR_INVALLINEHANDLE;
    if (!dwMediaModes || (dwMediaModes & ~SIM_MEDIA_MODES))
        return LINEERR_INVALMEDIAMODE;
    if (lpCallParams && lpCallParams->dwAddressMode == LINEADDRESSMODE_ADDRESSID &&
        lpCallParams->dwAddressID >= line->ext->naddr)
        return LINEERR_INVALADDRESSID;
    return 0;
}
