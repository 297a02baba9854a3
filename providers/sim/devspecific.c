/*
 * devspecific.c — the simulator's own controls, reached through the device-specific calls.
 *
 * A simulated switch has no outside world to ring it and no fingers on its phones' buttons, so
 * the sim lets applications and tests play those parts:
 *  - lineDevSpecific with the text "call <number>" (NUL-terminated) makes an outside party with
 *    that number call the line's extension: a new OFFERING call, origin EXTERNAL. The request
 *    fails with LINEERR_RESOURCEUNAVAIL when every address is busy.
 *  - phoneDevSpecific with a DWORD button ID presses that button: PHONE_BUTTON down and up;
 *    the feature buttons act (Hold holds, Drop drops the connected call).
 */
#include <string.h>

#include "sim.h"

/* An outside party with number calls ext. Returns 0 or LINEERR_RESOURCEUNAVAIL. */
static LONG devspecific_inbound(struct sim_inst *inst, struct sim_ext *ext, const char *number)
{
    struct sim_call trunk;

    memset(&trunk, 0, sizeof trunk);
    trunk.inst = inst;
    trunk.media_mode = LINEMEDIAMODE_INTERACTIVEVOICE;
    trunk.outside = &inst->cfg.outside_default;
    pbx_normalize(number, trunk.trunk_number, sizeof trunk.trunk_number);
    if (!trunk.trunk_number[0])
        return LINEERR_INVALPARAM;
    return pbx_route_trunk(&trunk, ext->number, LINECALLREASON_DIRECT, NULL)
               ? 0
               : LINEERR_RESOURCEUNAVAIL;
}

/* Simulator controls on a line (see the file comment). */
SIM_EXPORT LONG TSPIAPI TSPI_lineDevSpecific(DRV_REQUESTID dwRequestID, HDRVLINE hdLine,
                                             DWORD dwAddressID, HDRVCALL hdCall, LPVOID lpParams,
                                             DWORD dwSize)
{
    struct sim_line *line = (struct sim_line *)hdLine;
    const char *text = lpParams;
    LONG rc;

    if (!line)
        return LINEERR_INVALLINEHANDLE;
    if (!text || dwSize < 6 || text[dwSize - 1] != '\0' || strncmp(text, "call ", 5))
        return LINEERR_INVALPARAM;
    pthread_mutex_lock(&line->inst->lock);
    rc = devspecific_inbound(line->inst, line->ext, text + 5);
    call_complete(line->inst, dwRequestID, rc);
    pthread_mutex_unlock(&line->inst->lock);
    return (LONG)dwRequestID;
}

/* What pressing a feature button does to the extension's calls. */
static void devspecific_button_acts(struct sim_phone *ph, DWORD function)
{
    struct sim_call *c = phone_call_in(ph->ext, LINECALLSTATE_CONNECTED);

    if (!c)
        return;
    if (function == PHONEBUTTONFUNCTION_DROP)
        connect_drop(c);
    else if (function == PHONEBUTTONFUNCTION_HOLD && (call_features(c) & LINECALLFEATURE_HOLD))
        call_set_state(c, LINECALLSTATE_ONHOLD, 0);
}

/* Simulator controls on a phone: press the button whose DWORD ID lpParams holds. */
SIM_EXPORT LONG TSPIAPI TSPI_phoneDevSpecific(DRV_REQUESTID dwRequestID, HDRVPHONE hdPhone,
                                              LPVOID lpParams, DWORD dwSize)
{
    struct sim_phone *ph = phone_lock(hdPhone);
    const struct sim_phone_button *b;
    DWORD id;

    if (!ph)
        return PHONEERR_INVALPHONEHANDLE;
    if (!lpParams || dwSize != sizeof id) {
        pthread_mutex_unlock(&ph->inst->lock);
        return PHONEERR_INVALPARAM;
    }
    memcpy(&id, lpParams, sizeof id);
    if (id >= phone_nbuttons(ph->ext)) {
        pthread_mutex_unlock(&ph->inst->lock);
        return PHONEERR_INVALBUTTONLAMPID;
    }
    b = &ph->buttons[id];
    ph->inst->complete(dwRequestID, 0);
    phone_event(ph, PHONE_BUTTON, id, b->mode, PHONEBUTTONSTATE_DOWN);
    phone_event(ph, PHONE_BUTTON, id, b->mode, PHONEBUTTONSTATE_UP);
    if (b->mode == PHONEBUTTONMODE_FEATURE)
        devspecific_button_acts(ph, b->function);
    pthread_mutex_unlock(&ph->inst->lock);
    return (LONG)dwRequestID;
}
