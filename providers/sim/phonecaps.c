/*
 * phonecaps.c — what a sim phone is and how it stands: PHONECAPS, PHONESTATUS, phoneGetID.
 *
 * The caps describe the layout phone.c builds (2x40 display, keypad, four feature buttons and
 * one call appearance per address, handset and speaker) and the features phoneio.c
 * implements. Variable parts go through tapix/varstruct.h.
 */
#include <stdio.h>
#include <string.h>

#include "sim.h"

/* The device classes phoneGetID answers, NUL-separated, ending with an empty string. */
static const char phone_device_classes[] = "tapi/phone\0tapi/line\0";

#define PHONE_FEATURES                                                                             \
    (PHONEFEATURE_GETBUTTONINFO | PHONEFEATURE_GETDISPLAY | PHONEFEATURE_GETHOOKSWITCHHANDSET |    \
     PHONEFEATURE_GETHOOKSWITCHSPEAKER | PHONEFEATURE_GETLAMP | PHONEFEATURE_GETRING |             \
     PHONEFEATURE_SETBUTTONINFO | PHONEFEATURE_SETDISPLAY | PHONEFEATURE_SETHOOKSWITCHHANDSET |    \
     PHONEFEATURE_SETHOOKSWITCHSPEAKER | PHONEFEATURE_SETLAMP | PHONEFEATURE_SETRING)

#define PHONE_LAMP_MODES                                                                           \
    (PHONELAMPMODE_OFF | PHONELAMPMODE_STEADY | PHONELAMPMODE_WINK | PHONELAMPMODE_FLASH)

/* The fixed part of PHONECAPS. */
static void phonecaps_fixed(LPPHONECAPS caps, const struct sim_inst *inst,
                            const struct sim_ext *ext)
{
    DWORD handset = PHONEHOOKSWITCHMODE_ONHOOK | PHONEHOOKSWITCHMODE_MICSPEAKER;
    DWORD speaker =
        PHONEHOOKSWITCHMODE_ONHOOK | PHONEHOOKSWITCHMODE_SPEAKER | PHONEHOOKSWITCHMODE_MICSPEAKER;

    caps->dwPermanentPhoneID = (inst->provider_id << 16) | (ext->phone_index & 0xFFFF);
    caps->dwStringFormat = STRINGFORMAT_ASCII;
    caps->dwPhoneStates = PHONESTATE_DISPLAY | PHONESTATE_LAMP | PHONESTATE_RINGMODE |
                          PHONESTATE_RINGVOLUME | PHONESTATE_HANDSETHOOKSWITCH |
                          PHONESTATE_SPEAKERHOOKSWITCH;
    caps->dwHookSwitchDevs = PHONE_HOOKDEVS;
    caps->dwHandsetHookSwitchModes = handset;
    caps->dwSpeakerHookSwitchModes = speaker;
    caps->dwDisplayNumRows = PHONE_ROWS;
    caps->dwDisplayNumColumns = PHONE_COLS;
    caps->dwNumRingModes = 1;
    caps->dwNumButtonLamps = phone_nbuttons(ext);
    caps->dwPhoneFeatures = PHONE_FEATURES;
    caps->dwSettableHandsetHookSwitchModes = handset;
    caps->dwSettableSpeakerHookSwitchModes = speaker;
    caps->dwMonitoredHandsetHookSwitchModes = handset;
    caps->dwMonitoredSpeakerHookSwitchModes = speaker;
    caps->PermanentPhoneGuid.Data1 = 0x74617070u; /* "tapp": sim phones */
    caps->PermanentPhoneGuid.Data2 = (uint16_t)inst->provider_id;
    memcpy(caps->PermanentPhoneGuid.Data4, &ext->phone_index, sizeof ext->phone_index);
}

/* Append the button mode, function and lamp mode arrays (one DWORD per button each). */
static void phonecaps_buttons(struct tapix_varstruct *vs, LPPHONECAPS caps,
                              const struct sim_ext *ext)
{
    DWORD n = phone_nbuttons(ext);
    DWORD *modes = tapix_varstruct_reserve(vs, &caps->dwButtonModesSize, &caps->dwButtonModesOffset,
                                           n * sizeof(DWORD));
    DWORD *funcs = tapix_varstruct_reserve(vs, &caps->dwButtonFunctionsSize,
                                           &caps->dwButtonFunctionsOffset, n * sizeof(DWORD));
    DWORD *lamps = tapix_varstruct_reserve(vs, &caps->dwLampModesSize, &caps->dwLampModesOffset,
                                           n * sizeof(DWORD));

    for (DWORD i = 0; i < n; i++) {
        struct sim_phone_button b;

        if (ext->phone)
            b = ext->phone->buttons[i];
        else
            phone_default_button(&b, i);
        if (modes)
            modes[i] = b.mode;
        if (funcs)
            funcs[i] = b.function;
        if (lamps)
            lamps[i] = b.lamp == PHONELAMPMODE_DUMMY ? PHONELAMPMODE_DUMMY : PHONE_LAMP_MODES;
    }
}

/* PHONECAPS of one extension's phone. */
SIM_EXPORT LONG TSPIAPI TSPI_phoneGetDevCaps(DWORD dwDeviceID, DWORD dwTSPIVersion,
                                             DWORD dwExtVersion, LPPHONECAPS lpPhoneCaps)
{
    struct sim_ext *ext;
    struct sim_inst *inst = inst_by_phone_device(dwDeviceID, &ext);
    struct tapix_varstruct vs;
    char name[SIM_NAME_MAX], info[64];
    LONG rc;

    if (!inst)
        return PHONEERR_BADDEVICEID;
    rc = tapix_varstruct_begin(&vs, lpPhoneCaps, sizeof *lpPhoneCaps);
    if (rc)
        return rc == LINEERR_STRUCTURETOOSMALL ? PHONEERR_STRUCTURETOOSMALL : PHONEERR_INVALPOINTER;
    pthread_mutex_lock(&inst->lock);
    phonecaps_fixed(lpPhoneCaps, inst, ext);
    snprintf(info, sizeof info, "desk phone of extension %s", ext->number);
    tapix_varstruct_append_string(&vs, &lpPhoneCaps->dwProviderInfoSize,
                                  &lpPhoneCaps->dwProviderInfoOffset, "tapix simulated PBX");
    tapix_varstruct_append_string(&vs, &lpPhoneCaps->dwPhoneInfoSize,
                                  &lpPhoneCaps->dwPhoneInfoOffset, info);
    tapix_varstruct_append_string(&vs, &lpPhoneCaps->dwPhoneNameSize,
                                  &lpPhoneCaps->dwPhoneNameOffset,
                                  pbx_ext_name(ext, name, sizeof name));
    phonecaps_buttons(&vs, lpPhoneCaps, ext);
    tapix_varstruct_append(&vs, &lpPhoneCaps->dwDeviceClassesSize,
                           &lpPhoneCaps->dwDeviceClassesOffset, phone_device_classes,
                           sizeof phone_device_classes);
    pthread_mutex_unlock(&inst->lock);
    tapix_varstruct_end(&vs);
    return 0;
}

/* PHONESTATUS: hookswitch, ringer, display and lamps. */
SIM_EXPORT LONG TSPIAPI TSPI_phoneGetStatus(HDRVPHONE hdPhone, LPPHONESTATUS lpPhoneStatus)
{
    struct sim_phone *ph = (struct sim_phone *)hdPhone;
    struct tapix_varstruct vs;
    DWORD n, *lamps;
    LONG rc;

    if (!ph)
        return PHONEERR_INVALPHONEHANDLE;
    rc = tapix_varstruct_begin(&vs, lpPhoneStatus, sizeof *lpPhoneStatus);
    if (rc)
        return rc == LINEERR_STRUCTURETOOSMALL ? PHONEERR_STRUCTURETOOSMALL : PHONEERR_INVALPOINTER;
    phone_lock(hdPhone);
    lpPhoneStatus->dwStatusFlags = PHONESTATUSFLAGS_CONNECTED;
    lpPhoneStatus->dwRingMode = ph->ring_mode;
    lpPhoneStatus->dwRingVolume = ph->ring_volume;
    lpPhoneStatus->dwHandsetHookSwitchMode = ph->handset;
    lpPhoneStatus->dwSpeakerHookSwitchMode = ph->speaker;
    lpPhoneStatus->dwHeadsetHookSwitchMode = PHONEHOOKSWITCHMODE_UNKNOWN;
    lpPhoneStatus->dwPhoneFeatures = PHONE_FEATURES;
    tapix_varstruct_append(&vs, &lpPhoneStatus->dwDisplaySize, &lpPhoneStatus->dwDisplayOffset,
                           ph->display, sizeof ph->display);
    n = phone_nbuttons(ph->ext);
    lamps = tapix_varstruct_reserve(&vs, &lpPhoneStatus->dwLampModesSize,
                                    &lpPhoneStatus->dwLampModesOffset, n * sizeof(DWORD));
    for (DWORD i = 0; lamps && i < n; i++)
        lamps[i] = ph->buttons[i].lamp;
    pthread_mutex_unlock(&ph->inst->lock);
    tapix_varstruct_end(&vs);
    return 0;
}

/* Device IDs of the phone ("tapi/phone") or of its extension's line ("tapi/line"). */
SIM_EXPORT LONG TSPIAPI TSPI_phoneGetID(HDRVPHONE hdPhone, LPVARSTRING lpDeviceID,
                                        LPCSTR lpszDeviceClass, HANDLE hTargetProcess)
{
    struct sim_phone *ph = (struct sim_phone *)hdPhone;
    struct tapix_varstruct vs;
    DWORD id;

    if (!ph)
        return PHONEERR_INVALPHONEHANDLE;
    if (!lpDeviceID || !lpszDeviceClass)
        return PHONEERR_INVALPOINTER;
    if (!strcmp(lpszDeviceClass, "tapi/phone"))
        id = ph->inst->phone_base + ph->ext->phone_index;
    else if (!strcmp(lpszDeviceClass, "tapi/line"))
        id = ph->inst->line_base + ph->ext->line_index;
    else
        return PHONEERR_INVALDEVICECLASS;
    if (tapix_varstruct_begin(&vs, lpDeviceID, sizeof *lpDeviceID))
        return PHONEERR_STRUCTURETOOSMALL;
    lpDeviceID->dwStringFormat = STRINGFORMAT_BINARY;
    tapix_varstruct_append(&vs, &lpDeviceID->dwStringSize, &lpDeviceID->dwStringOffset, &id,
                           sizeof id);
    tapix_varstruct_end(&vs);
    return 0;
}
