/*
 * phone.c — the desk phone of an extension: hookswitch, display, lamps, buttons, ringer.
 *
 * Every extension configured with `phone = yes` has a phone device. Its state is allocated at
 * the first phoneOpen and kept until shutdown. The phone follows the line: a call ringing at
 * the extension sets the ring mode (PHONE_STATE RINGMODE), the call-appearance lamps show the
 * calls on each address (flashing while offered, steady while in use, winking while held),
 * taking the handset or speaker off hook answers a ringing call, and hanging up drops the
 * connected one.
 *
 * Button layout: 0-11 the keypad ('0'-'9', '*', '#'), 12 hold, 13 transfer, 14 conference,
 * 15 drop, then one call-appearance button (with lamp) per address.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

/* The number of buttons (and lamps) of ext's phone. */
DWORD phone_nbuttons(const struct sim_ext *ext)
{
    return PHONE_FIRST_APPEAR + ext->naddr;
}

/* Send a phone event when the phone is open. */
void phone_event(struct sim_phone *ph, DWORD msg, DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3)
{
    if (ph->event)
        ph->event(ph->htPhone, msg, p1, p2, p3);
}

/* The factory settings of button id. */
void phone_default_button(struct sim_phone_button *b, DWORD id)
{
    static const char keys[] = "0123456789*#";
    static const struct {
        DWORD function;
        const char *text;
    } features[4] = {{PHONEBUTTONFUNCTION_HOLD, "Hold"},
                     {PHONEBUTTONFUNCTION_TRANSFER, "Transfer"},
                     {PHONEBUTTONFUNCTION_CONFERENCE, "Conference"},
                     {PHONEBUTTONFUNCTION_DROP, "Drop"}};

    memset(b, 0, sizeof *b);
    b->lamp = PHONELAMPMODE_DUMMY;
    if (id < 12) {
        b->mode = PHONEBUTTONMODE_KEYPAD;
        b->function = PHONEBUTTONFUNCTION_NONE;
        b->text[0] = keys[id];
    } else if (id < PHONE_FIRST_APPEAR) {
        b->mode = PHONEBUTTONMODE_FEATURE;
        b->function = features[id - 12].function;
        b->lamp = PHONELAMPMODE_OFF;
        strcpy(b->text, features[id - 12].text);
    } else {
        b->mode = PHONEBUTTONMODE_CALL;
        b->function = PHONEBUTTONFUNCTION_CALLAPP;
        b->lamp = PHONELAMPMODE_OFF;
        snprintf(b->text, sizeof b->text, "Line %u", (unsigned)(id - PHONE_FIRST_APPEAR + 1));
    }
}

/* Allocate ext's phone state with factory settings. Returns NULL when out of memory. */
static struct sim_phone *phone_alloc(struct sim_inst *inst, struct sim_ext *ext)
{
    struct sim_phone *ph = calloc(1, sizeof *ph);

    if (!ph)
        return NULL;
    ph->inst = inst;
    ph->ext = ext;
    ph->handset = ph->speaker = PHONEHOOKSWITCHMODE_ONHOOK;
    ph->ring_volume = 0x8000;
    memset(ph->display, ' ', sizeof ph->display);
    for (DWORD i = 0; i < phone_nbuttons(ext); i++)
        phone_default_button(&ph->buttons[i], i);
    return ph;
}

/* Free ext's phone state. */
void phone_free(struct sim_ext *ext)
{
    free(ext->phone);
    ext->phone = NULL;
}

/* The first leg of ext in one of the given states, or NULL. */
struct sim_call *phone_call_in(struct sim_ext *ext, DWORD states)
{
    for (struct sim_call *c = ext->calls; c; c = c->next)
        if ((c->state & states) && c->role != SIM_ROLE_CONF)
            return c;
    return NULL;
}

/* Calls at ext started or stopped ringing: ring the phone accordingly. */
void phone_ring_changed(struct sim_ext *ext)
{
    struct sim_phone *ph = ext->phone;
    DWORD ring;

    if (!ph)
        return;
    ring = phone_call_in(ext, LINECALLSTATE_OFFERING | LINECALLSTATE_ACCEPTED) ? 1 : 0;
    if (ring == ph->ring_mode)
        return;
    ph->ring_mode = ring;
    phone_event(ph, PHONE_STATE, PHONESTATE_RINGMODE, ring, 0);
}

/* The lamp mode of the call appearance of address a. */
static DWORD phone_appearance_lamp(struct sim_ext *ext, DWORD a)
{
    DWORD lamp = PHONELAMPMODE_OFF;

    for (struct sim_call *c = ext->calls; c; c = c->next) {
        if (c->address_id != a || c->role == SIM_ROLE_CONF)
            continue;
        if (c->state & (LINECALLSTATE_OFFERING | LINECALLSTATE_ACCEPTED))
            return PHONELAMPMODE_FLASH;
        if (c->state & (LINECALLSTATE_ONHOLD | LINECALLSTATE_ONHOLDPENDTRANSFER |
                        LINECALLSTATE_ONHOLDPENDCONF))
            lamp = lamp == PHONELAMPMODE_OFF ? PHONELAMPMODE_WINK : lamp;
        else if (c->state != LINECALLSTATE_IDLE)
            lamp = PHONELAMPMODE_STEADY;
    }
    return lamp;
}

/* Calls at ext changed state: update the call-appearance lamps (PHONE_STATE LAMP). */
void phone_lamps_changed(struct sim_ext *ext)
{
    struct sim_phone *ph = ext->phone;

    if (!ph)
        return;
    for (DWORD a = 0; a < ext->naddr; a++) {
        struct sim_phone_button *b = &ph->buttons[PHONE_FIRST_APPEAR + a];
        DWORD lamp = phone_appearance_lamp(ext, a);

        if (lamp != b->lamp) {
            b->lamp = lamp;
            phone_event(ph, PHONE_STATE, PHONESTATE_LAMP, PHONE_FIRST_APPEAR + a, 0);
        }
    }
}

/* Lock the instance of an open phone; NULL handle gives NULL. */
struct sim_phone *phone_lock(HDRVPHONE hdPhone)
{
    struct sim_phone *ph = (struct sim_phone *)hdPhone;

    if (ph)
        pthread_mutex_lock(&ph->inst->lock);
    return ph;
}

/* Open the phone of an extension. */
SIM_EXPORT LONG TSPIAPI TSPI_phoneOpen(DWORD dwDeviceID, HTAPIPHONE htPhone, LPHDRVPHONE lphdPhone,
                                       DWORD dwTSPIVersion, PHONEEVENT lpfnEventProc)
{
    struct sim_ext *ext;
    struct sim_inst *inst = inst_by_phone_device(dwDeviceID, &ext);
    LONG rc = 0;

    if (!inst)
        return PHONEERR_BADDEVICEID;
    if (!lphdPhone || !lpfnEventProc)
        return PHONEERR_INVALPOINTER;
    pthread_mutex_lock(&inst->lock);
    if (!ext->phone && !(ext->phone = phone_alloc(inst, ext)))
        rc = PHONEERR_NOMEM;
    else if (ext->phone->event)
        rc = PHONEERR_RESOURCEUNAVAIL;
    if (!rc) {
        ext->phone->htPhone = htPhone;
        ext->phone->event = lpfnEventProc;
        ext->phone->phone_states = 0;
        *lphdPhone = (HDRVPHONE)ext->phone;
        phone_ring_changed(ext);
        phone_lamps_changed(ext);
    }
    pthread_mutex_unlock(&inst->lock);
    return rc;
}

/* Close the phone; its state stays for the next open. */
SIM_EXPORT LONG TSPIAPI TSPI_phoneClose(HDRVPHONE hdPhone)
{
    struct sim_phone *ph = phone_lock(hdPhone);

    if (!ph)
        return PHONEERR_INVALPHONEHANDLE;
    ph->event = NULL;
    ph->htPhone = NULL;
    pthread_mutex_unlock(&ph->inst->lock);
    return 0;
}

/* Which PHONE_STATE messages TAPI wants: recorded; the sim reports every change, and the core
 * passes on what each application asked for. */
SIM_EXPORT LONG TSPIAPI TSPI_phoneSetStatusMessages(HDRVPHONE hdPhone, DWORD dwPhoneStates,
                                                    DWORD dwButtonModes, DWORD dwButtonStates)
{
    struct sim_phone *ph = phone_lock(hdPhone);

    if (!ph)
        return PHONEERR_INVALPHONEHANDLE;
    ph->phone_states = dwPhoneStates;
    pthread_mutex_unlock(&ph->inst->lock);
    return 0;
}
