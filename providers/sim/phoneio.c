/*
 * phoneio.c — operating a sim phone: hookswitch, display, lamps, button information, ringer.
 *
 * The setters are asynchronous TSPI requests; each completes inline and reports the change
 * with PHONE_STATE, as a real set would once it has done it. The hookswitch is tied to the
 * line: off hook answers a ringing call, back on hook drops the connected one.
 */
#include <string.h>

#include "sim.h"

/* Complete a phone request. */
static void phoneio_complete(struct sim_phone *ph, DRV_REQUESTID id, LONG result)
{
    ph->inst->complete(id, result);
}

/* True when any hookswitch device of the phone is off hook. */
static bool phoneio_offhook(const struct sim_phone *ph)
{
    return ph->handset != PHONEHOOKSWITCHMODE_ONHOOK || ph->speaker != PHONEHOOKSWITCHMODE_ONHOOK;
}

/* The phone went off hook (answer a ringing call) or on hook (drop the connected call). */
static void phoneio_hook_changed(struct sim_phone *ph, bool was_offhook)
{
    struct sim_ext *ext = ph->ext;
    struct sim_call *c;

    if (!was_offhook && phoneio_offhook(ph)) {
        c = phone_call_in(ext, LINECALLSTATE_OFFERING | LINECALLSTATE_ACCEPTED);
        if (c)
            connect_answer(c);
    } else if (was_offhook && !phoneio_offhook(ph)) {
        c = phone_call_in(ext, LINECALLSTATE_CONNECTED);
        if (c)
            connect_drop(c);
    }
}

/* Check a hookswitch mode for a device: the handset has no speaker-only mode. */
static bool phoneio_valid_hook(DWORD dev, DWORD mode)
{
    if (mode == PHONEHOOKSWITCHMODE_ONHOOK || mode == PHONEHOOKSWITCHMODE_MICSPEAKER)
        return true;
    return dev == PHONEHOOKSWITCHDEV_SPEAKER && mode == PHONEHOOKSWITCHMODE_SPEAKER;
}

/* Set the hookswitch mode of the handset and/or speaker. */
SIM_EXPORT LONG TSPIAPI TSPI_phoneSetHookSwitch(DRV_REQUESTID dwRequestID, HDRVPHONE hdPhone,
                                                DWORD dwHookSwitchDevs, DWORD dwHookSwitchMode)
{
    struct sim_phone *ph = phone_lock(hdPhone);
    bool was_offhook;

    if (!ph)
        return PHONEERR_INVALPHONEHANDLE;
    if (!dwHookSwitchDevs || (dwHookSwitchDevs & ~PHONE_HOOKDEVS)) {
        pthread_mutex_unlock(&ph->inst->lock);
        return PHONEERR_INVALHOOKSWITCHDEV;
    }
    if (((dwHookSwitchDevs & PHONEHOOKSWITCHDEV_HANDSET) &&
         !phoneio_valid_hook(PHONEHOOKSWITCHDEV_HANDSET, dwHookSwitchMode)) ||
        ((dwHookSwitchDevs & PHONEHOOKSWITCHDEV_SPEAKER) &&
         !phoneio_valid_hook(PHONEHOOKSWITCHDEV_SPEAKER, dwHookSwitchMode))) {
        pthread_mutex_unlock(&ph->inst->lock);
        return PHONEERR_INVALHOOKSWITCHMODE;
    }
    phoneio_complete(ph, dwRequestID, 0);
    was_offhook = phoneio_offhook(ph);
    if ((dwHookSwitchDevs & PHONEHOOKSWITCHDEV_HANDSET) && ph->handset != dwHookSwitchMode) {
        ph->handset = dwHookSwitchMode;
        phone_event(ph, PHONE_STATE, PHONESTATE_HANDSETHOOKSWITCH, dwHookSwitchMode, 0);
    }
    if ((dwHookSwitchDevs & PHONEHOOKSWITCHDEV_SPEAKER) && ph->speaker != dwHookSwitchMode) {
        ph->speaker = dwHookSwitchMode;
        phone_event(ph, PHONE_STATE, PHONESTATE_SPEAKERHOOKSWITCH, dwHookSwitchMode, 0);
    }
    phoneio_hook_changed(ph, was_offhook);
    pthread_mutex_unlock(&ph->inst->lock);
    return (LONG)dwRequestID;
}

/* The hookswitch devices that are off hook. */
SIM_EXPORT LONG TSPIAPI TSPI_phoneGetHookSwitch(HDRVPHONE hdPhone, LPDWORD lpdwHookSwitchDevs)
{
    struct sim_phone *ph = phone_lock(hdPhone);

    if (!ph)
        return PHONEERR_INVALPHONEHANDLE;
    if (!lpdwHookSwitchDevs) {
        pthread_mutex_unlock(&ph->inst->lock);
        return PHONEERR_INVALPOINTER;
    }
    *lpdwHookSwitchDevs =
        (ph->handset != PHONEHOOKSWITCHMODE_ONHOOK ? PHONEHOOKSWITCHDEV_HANDSET : 0) |
        (ph->speaker != PHONEHOOKSWITCHMODE_ONHOOK ? PHONEHOOKSWITCHDEV_SPEAKER : 0);
    pthread_mutex_unlock(&ph->inst->lock);
    return 0;
}

/* Write dwSize bytes of text into the 2x40 display at row/column (wrapping to the next row). */
SIM_EXPORT LONG TSPIAPI TSPI_phoneSetDisplay(DRV_REQUESTID dwRequestID, HDRVPHONE hdPhone,
                                             DWORD dwRow, DWORD dwColumn, LPCSTR lpsDisplay,
                                             DWORD dwSize)
{
    struct sim_phone *ph = phone_lock(hdPhone);
    DWORD at, n;

    if (!ph)
        return PHONEERR_INVALPHONEHANDLE;
    if (dwRow >= PHONE_ROWS || dwColumn >= PHONE_COLS || (dwSize && !lpsDisplay)) {
        pthread_mutex_unlock(&ph->inst->lock);
        return dwSize && !lpsDisplay ? PHONEERR_INVALPOINTER : PHONEERR_INVALPARAM;
    }
    at = dwRow * PHONE_COLS + dwColumn;
    n = dwSize;
    if (n && lpsDisplay[n - 1] == '\0')
        n--;
    if (n > sizeof ph->display - at)
        n = (DWORD)sizeof ph->display - at;
    memcpy(ph->display + at, lpsDisplay, n);
    phoneio_complete(ph, dwRequestID, 0);
    phone_event(ph, PHONE_STATE, PHONESTATE_DISPLAY, 0, 0);
    pthread_mutex_unlock(&ph->inst->lock);
    return (LONG)dwRequestID;
}

/* The display's 80 characters, row after row (STRINGFORMAT_ASCII, NUL-terminated). */
SIM_EXPORT LONG TSPIAPI TSPI_phoneGetDisplay(HDRVPHONE hdPhone, LPVARSTRING lpDisplay)
{
    struct sim_phone *ph = (struct sim_phone *)hdPhone;
    char text[sizeof ph->display + 1];
    struct tapix_varstruct vs;

    if (!ph)
        return PHONEERR_INVALPHONEHANDLE;
    if (tapix_varstruct_begin(&vs, lpDisplay, sizeof *lpDisplay))
        return lpDisplay ? PHONEERR_STRUCTURETOOSMALL : PHONEERR_INVALPOINTER;
    phone_lock(hdPhone);
    memcpy(text, ph->display, sizeof ph->display);
    text[sizeof ph->display] = '\0';
    pthread_mutex_unlock(&ph->inst->lock);
    lpDisplay->dwStringFormat = STRINGFORMAT_ASCII;
    tapix_varstruct_append_string(&vs, &lpDisplay->dwStringSize, &lpDisplay->dwStringOffset, text);
    tapix_varstruct_end(&vs);
    return 0;
}

/* Set a lamp (only lamps that exist, to modes they have). */
SIM_EXPORT LONG TSPIAPI TSPI_phoneSetLamp(DRV_REQUESTID dwRequestID, HDRVPHONE hdPhone,
                                          DWORD dwButtonLampID, DWORD dwLampMode)
{
    struct sim_phone *ph = phone_lock(hdPhone);

    if (!ph)
        return PHONEERR_INVALPHONEHANDLE;
    if (dwButtonLampID >= phone_nbuttons(ph->ext) ||
        ph->buttons[dwButtonLampID].lamp == PHONELAMPMODE_DUMMY) {
        pthread_mutex_unlock(&ph->inst->lock);
        return PHONEERR_INVALBUTTONLAMPID;
    }
    if (dwLampMode != PHONELAMPMODE_OFF && dwLampMode != PHONELAMPMODE_STEADY &&
        dwLampMode != PHONELAMPMODE_WINK && dwLampMode != PHONELAMPMODE_FLASH) {
        pthread_mutex_unlock(&ph->inst->lock);
        return PHONEERR_INVALLAMPMODE;
    }
    phoneio_complete(ph, dwRequestID, 0);
    if (ph->buttons[dwButtonLampID].lamp != dwLampMode) {
        ph->buttons[dwButtonLampID].lamp = dwLampMode;
        phone_event(ph, PHONE_STATE, PHONESTATE_LAMP, dwButtonLampID, 0);
    }
    pthread_mutex_unlock(&ph->inst->lock);
    return (LONG)dwRequestID;
}

/* The mode of one lamp. */
SIM_EXPORT LONG TSPIAPI TSPI_phoneGetLamp(HDRVPHONE hdPhone, DWORD dwButtonLampID,
                                          LPDWORD lpdwLampMode)
{
    struct sim_phone *ph = phone_lock(hdPhone);
    LONG rc = 0;

    if (!ph)
        return PHONEERR_INVALPHONEHANDLE;
    if (!lpdwLampMode)
        rc = PHONEERR_INVALPOINTER;
    else if (dwButtonLampID >= phone_nbuttons(ph->ext))
        rc = PHONEERR_INVALBUTTONLAMPID;
    else
        *lpdwLampMode = ph->buttons[dwButtonLampID].lamp;
    pthread_mutex_unlock(&ph->inst->lock);
    return rc;
}

/* PHONEBUTTONINFO of one button. */
SIM_EXPORT LONG TSPIAPI TSPI_phoneGetButtonInfo(HDRVPHONE hdPhone, DWORD dwButtonLampID,
                                                LPPHONEBUTTONINFO lpButtonInfo)
{
    struct sim_phone *ph = (struct sim_phone *)hdPhone;
    struct tapix_varstruct vs;
    struct sim_phone_button *b;

    if (!ph)
        return PHONEERR_INVALPHONEHANDLE;
    if (dwButtonLampID >= phone_nbuttons(ph->ext))
        return PHONEERR_INVALBUTTONLAMPID;
    if (tapix_varstruct_begin(&vs, lpButtonInfo, sizeof *lpButtonInfo))
        return lpButtonInfo ? PHONEERR_STRUCTURETOOSMALL : PHONEERR_INVALPOINTER;
    phone_lock(hdPhone);
    b = &ph->buttons[dwButtonLampID];
    lpButtonInfo->dwButtonMode = b->mode;
    lpButtonInfo->dwButtonFunction = b->function;
    lpButtonInfo->dwButtonState = PHONEBUTTONSTATE_UP;
    tapix_varstruct_append_string(&vs, &lpButtonInfo->dwButtonTextSize,
                                  &lpButtonInfo->dwButtonTextOffset, b->text);
    pthread_mutex_unlock(&ph->inst->lock);
    tapix_varstruct_end(&vs);
    return 0;
}

/* Change one button's mode, function and text (keypad buttons stay keypad buttons). */
SIM_EXPORT LONG TSPIAPI TSPI_phoneSetButtonInfo(DRV_REQUESTID dwRequestID, HDRVPHONE hdPhone,
                                                DWORD dwButtonLampID,
                                                LPPHONEBUTTONINFO const lpButtonInfo)
{
    struct sim_phone *ph = phone_lock(hdPhone);
    const PHONEBUTTONINFO *bi = lpButtonInfo;
    struct sim_phone_button *b;
    LONG rc = 0;

    if (!ph)
        return PHONEERR_INVALPHONEHANDLE;
    if (!bi)
        rc = PHONEERR_INVALPOINTER;
    else if (dwButtonLampID < 12 || dwButtonLampID >= phone_nbuttons(ph->ext))
        rc = PHONEERR_INVALBUTTONLAMPID;
    else if (bi->dwTotalSize < sizeof *bi)
        rc = PHONEERR_STRUCTURETOOSMALL;
    else if (bi->dwButtonTextSize &&
             ((uint64_t)bi->dwButtonTextOffset + bi->dwButtonTextSize > bi->dwTotalSize ||
              bi->dwButtonTextOffset < sizeof *bi))
        rc = PHONEERR_INVALPARAM;
    if (rc) {
        pthread_mutex_unlock(&ph->inst->lock);
        return rc;
    }
    b = &ph->buttons[dwButtonLampID];
    b->mode = bi->dwButtonMode;
    b->function = bi->dwButtonFunction;
    memset(b->text, 0, sizeof b->text);
    if (bi->dwButtonTextSize)
        memcpy(b->text, (const char *)bi + bi->dwButtonTextOffset,
               bi->dwButtonTextSize < sizeof b->text ? bi->dwButtonTextSize : sizeof b->text - 1);
    b->text[sizeof b->text - 1] = '\0';
    phoneio_complete(ph, dwRequestID, 0);
    pthread_mutex_unlock(&ph->inst->lock);
    return (LONG)dwRequestID;
}

/* Ring (mode 1) or silence (mode 0) the phone, at a volume 0-0xFFFF. */
SIM_EXPORT LONG TSPIAPI TSPI_phoneSetRing(DRV_REQUESTID dwRequestID, HDRVPHONE hdPhone,
                                          DWORD dwRingMode, DWORD dwVolume)
{
    struct sim_phone *ph = phone_lock(hdPhone);

    if (!ph)
        return PHONEERR_INVALPHONEHANDLE;
    if (dwRingMode > 1 || dwVolume > 0xFFFF) {
        pthread_mutex_unlock(&ph->inst->lock);
        return dwRingMode > 1 ? PHONEERR_INVALRINGMODE : PHONEERR_INVALPARAM;
    }
    phoneio_complete(ph, dwRequestID, 0);
    if (ph->ring_mode != dwRingMode) {
        ph->ring_mode = dwRingMode;
        phone_event(ph, PHONE_STATE, PHONESTATE_RINGMODE, dwRingMode, 0);
    }
    if (ph->ring_volume != dwVolume) {
        ph->ring_volume = dwVolume;
        phone_event(ph, PHONE_STATE, PHONESTATE_RINGVOLUME, 0, 0);
    }
    pthread_mutex_unlock(&ph->inst->lock);
    return (LONG)dwRequestID;
}

/* The ring mode and volume. */
SIM_EXPORT LONG TSPIAPI TSPI_phoneGetRing(HDRVPHONE hdPhone, LPDWORD lpdwRingMode,
                                          LPDWORD lpdwVolume)
{
    struct sim_phone *ph = phone_lock(hdPhone);

    if (!ph)
        return PHONEERR_INVALPHONEHANDLE;
    if (!lpdwRingMode || !lpdwVolume) {
        pthread_mutex_unlock(&ph->inst->lock);
        return PHONEERR_INVALPOINTER;
    }
    *lpdwRingMode = ph->ring_mode;
    *lpdwVolume = ph->ring_volume;
    pthread_mutex_unlock(&ph->inst->lock);
    return 0;
}
