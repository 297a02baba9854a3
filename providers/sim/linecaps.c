/*
 * linecaps.c — what a sim line can do: LINEDEVCAPS and LINEADDRESSCAPS.
 *
 * The capabilities promise exactly what the rest of the provider implements: the call states
 * the state machine uses, the features call_features() grants, the transfer, conference, park
 * and forwarding modes of transfer.c, conference.c, park.c and forward.c. Every variable part
 * goes through tapix/varstruct.h, which never writes past dwTotalSize and always reports
 * dwNeededSize.
 */
#include <stdio.h>
#include <string.h>

#include "sim.h"

/* The device classes lineGetID answers, as a NUL-separated list ending with an empty string. */
static const char line_device_classes[] = "tapi/line\0tapi/phone\0";

/* LINECALLSTATE_ values a sim call can take. */
#define SIM_CALL_STATES                                                                            \
    (LINECALLSTATE_IDLE | LINECALLSTATE_OFFERING | LINECALLSTATE_ACCEPTED |                        \
     LINECALLSTATE_DIALTONE | LINECALLSTATE_DIALING | LINECALLSTATE_RINGBACK |                     \
     LINECALLSTATE_BUSY | LINECALLSTATE_CONNECTED | LINECALLSTATE_PROCEEDING |                     \
     LINECALLSTATE_ONHOLD | LINECALLSTATE_CONFERENCED | LINECALLSTATE_ONHOLDPENDCONF |             \
     LINECALLSTATE_ONHOLDPENDTRANSFER | LINECALLSTATE_DISCONNECTED)

/* LINECALLFEATURE_ values some state of a sim call grants. */
#define SIM_CALL_FEATURES                                                                          \
    (LINECALLFEATURE_ACCEPT | LINECALLFEATURE_ADDTOCONF | LINECALLFEATURE_ANSWER |                 \
     LINECALLFEATURE_BLINDTRANSFER | LINECALLFEATURE_COMPLETETRANSF | LINECALLFEATURE_DIAL |       \
     LINECALLFEATURE_DROP | LINECALLFEATURE_GATHERDIGITS | LINECALLFEATURE_GENERATEDIGITS |        \
     LINECALLFEATURE_GENERATETONE | LINECALLFEATURE_HOLD | LINECALLFEATURE_MONITORDIGITS |         \
     LINECALLFEATURE_PARK | LINECALLFEATURE_PREPAREADDCONF | LINECALLFEATURE_REDIRECT |            \
     LINECALLFEATURE_REMOVEFROMCONF | LINECALLFEATURE_SENDUSERUSER | LINECALLFEATURE_SETUPCONF |   \
     LINECALLFEATURE_SETUPTRANSFER | LINECALLFEATURE_SWAPHOLD | LINECALLFEATURE_UNHOLD |           \
     LINECALLFEATURE_SETCALLDATA)

#define SIM_PARTYID_FLAGS                                                                          \
    (LINECALLPARTYID_ADDRESS | LINECALLPARTYID_NAME | LINECALLPARTYID_UNKNOWN |                    \
     LINECALLPARTYID_UNAVAIL)

#define SIM_DISCONNECT_MODES                                                                       \
    (LINEDISCONNECTMODE_NORMAL | LINEDISCONNECTMODE_REJECT | LINEDISCONNECTMODE_BUSY |             \
     LINEDISCONNECTMODE_NOANSWER | LINEDISCONNECTMODE_BADADDRESS | LINEDISCONNECTMODE_CONGESTION | \
     LINEDISCONNECTMODE_FORWARDED | LINEDISCONNECTMODE_PICKUP)

#define SIM_DIGIT_MODES (LINEDIGITMODE_DTMF | LINEDIGITMODE_DTMFEND)

/* The fixed part of LINEDEVCAPS: numbers only. */
static void linecaps_dev_fixed(LPLINEDEVCAPS caps, const struct sim_inst *inst,
                               const struct sim_ext *ext)
{
    caps->dwPermanentLineID = (inst->provider_id << 16) | (ext->line_index & 0xFFFF);
    caps->dwStringFormat = STRINGFORMAT_ASCII;
    caps->dwAddressModes = LINEADDRESSMODE_ADDRESSID | LINEADDRESSMODE_DIALABLEADDR;
    caps->dwNumAddresses = ext->naddr;
    caps->dwBearerModes = LINEBEARERMODE_VOICE | LINEBEARERMODE_SPEECH;
    caps->dwMaxRate = 64000;
    caps->dwMediaModes = SIM_MEDIA_MODES;
    caps->dwGenerateToneModes = LINETONEMODE_CUSTOM | LINETONEMODE_BEEP | LINETONEMODE_BILLING;
    caps->dwGenerateToneMaxNumFreq = 3;
    caps->dwGenerateDigitModes = LINEDIGITMODE_DTMF;
    caps->dwMonitorDigitModes = SIM_DIGIT_MODES;
    caps->dwGatherDigitsMinTimeout = 1;
    caps->dwGatherDigitsMaxTimeout = 3600000;
    caps->dwDevCapFlags = LINEDEVCAPFLAGS_CLOSEDROP | LINEDEVCAPFLAGS_DIALBILLING |
                          LINEDEVCAPFLAGS_DIALQUIET | LINEDEVCAPFLAGS_DIALDIALTONE |
                          (ext->naddr > 1 ? LINEDEVCAPFLAGS_MULTIPLEADDR : 0);
    caps->dwMaxNumActiveCalls = ext->naddr;
    caps->dwAnswerMode = LINEANSWERMODE_NONE;
    caps->dwRingModes = 1;
    caps->dwLineStates = LINEDEVSTATE_RINGING | LINEDEVSTATE_OPEN | LINEDEVSTATE_CLOSE |
                         LINEDEVSTATE_INSERVICE | LINEDEVSTATE_NUMCALLS;
    caps->dwUUIAcceptSize = 256;
    caps->dwUUIAnswerSize = 256;
    caps->dwUUIMakeCallSize = 256;
    caps->dwUUIDropSize = 256;
    caps->dwUUISendUserUserInfoSize = 256;
    caps->dwUUICallInfoSize = 256;
    caps->MinDialParams.dwDigitDuration = 10;
    caps->MaxDialParams.dwDigitDuration = 1000;
    caps->DefaultDialParams.dwDigitDuration = inst->cfg.dtmf_ms;
    caps->dwLineFeatures = LINEFEATURE_MAKECALL | LINEFEATURE_FORWARD | LINEFEATURE_FORWARDFWD;
    caps->PermanentLineGuid.Data1 = 0x7461706Du; /* "tapm": sim lines */
    caps->PermanentLineGuid.Data2 = (uint16_t)inst->provider_id;
    caps->PermanentLineGuid.Data3 = (uint16_t)(ext->line_index >> 16);
    memcpy(caps->PermanentLineGuid.Data4, &ext->line_index, sizeof ext->line_index);
}

/* LINEDEVCAPS of the line of one extension. */
SIM_EXPORT LONG TSPIAPI TSPI_lineGetDevCaps(DWORD dwDeviceID, DWORD dwTSPIVersion,
                                            DWORD dwExtVersion, LPLINEDEVCAPS lpLineDevCaps)
{
    struct sim_ext *ext;
    struct sim_inst *inst = inst_by_line_device(dwDeviceID, &ext);
    struct tapix_varstruct vs;
    char name[SIM_NAME_MAX], info[96];
    LONG rc;

    if (!inst)
        return LINEERR_BADDEVICEID;
    rc = tapix_varstruct_begin(&vs, lpLineDevCaps, sizeof *lpLineDevCaps);
    if (rc)
        return rc;
    pthread_mutex_lock(&inst->lock);
    linecaps_dev_fixed(lpLineDevCaps, inst, ext);
    snprintf(info, sizeof info, "extension %s, %u address%s", ext->number, (unsigned)ext->naddr,
             ext->naddr > 1 ? "es" : "");
    tapix_varstruct_append_string(&vs, &lpLineDevCaps->dwProviderInfoSize,
                                  &lpLineDevCaps->dwProviderInfoOffset, "tapix simulated PBX");
    tapix_varstruct_append_string(&vs, &lpLineDevCaps->dwSwitchInfoSize,
                                  &lpLineDevCaps->dwSwitchInfoOffset, info);
    tapix_varstruct_append_string(&vs, &lpLineDevCaps->dwLineNameSize,
                                  &lpLineDevCaps->dwLineNameOffset,
                                  pbx_ext_name(ext, name, sizeof name));
    tapix_varstruct_append(&vs, &lpLineDevCaps->dwDeviceClassesSize,
                           &lpLineDevCaps->dwDeviceClassesOffset, line_device_classes,
                           sizeof line_device_classes);
    pthread_mutex_unlock(&inst->lock);
    tapix_varstruct_end(&vs);
    return 0;
}

/* The LINEADDRCAPFLAGS_ of every sim address. */
#define SIM_ADDRCAP_FLAGS                                                                          \
    (LINEADDRCAPFLAGS_FWDNUMRINGS | LINEADDRCAPFLAGS_DIALED | LINEADDRCAPFLAGS_TRANSFERHELD |      \
     LINEADDRCAPFLAGS_TRANSFERMAKE | LINEADDRCAPFLAGS_CONFERENCEHELD |                             \
     LINEADDRCAPFLAGS_CONFERENCEMAKE | LINEADDRCAPFLAGS_PARTIALDIAL |                              \
     LINEADDRCAPFLAGS_FWDSTATUSVALID | LINEADDRCAPFLAGS_FWDINTEXTADDR |                            \
     LINEADDRCAPFLAGS_ACCEPTTOALERT | LINEADDRCAPFLAGS_CONFDROP)

/* The fixed part of LINEADDRESSCAPS. */
static void linecaps_addr_fixed(LPLINEADDRESSCAPS caps, const struct sim_inst *inst,
                                DWORD device_id)
{
    caps->dwLineDeviceID = device_id;
    caps->dwAddressSharing = LINEADDRESSSHARING_PRIVATE;
    caps->dwAddressStates = LINEADDRESSSTATE_INUSEZERO | LINEADDRESSSTATE_INUSEONE |
                            LINEADDRESSSTATE_NUMCALLS | LINEADDRESSSTATE_FORWARD;
    caps->dwCallInfoStates = LINECALLINFOSTATE_APPSPECIFIC | LINECALLINFOSTATE_MEDIAMODE |
                             LINECALLINFOSTATE_CONNECTEDID | LINECALLINFOSTATE_USERUSERINFO |
                             LINECALLINFOSTATE_CALLDATA | LINECALLINFOSTATE_MONITORMODES;
    caps->dwCallerIDFlags = SIM_PARTYID_FLAGS;
    caps->dwCalledIDFlags = SIM_PARTYID_FLAGS;
    caps->dwConnectedIDFlags = SIM_PARTYID_FLAGS;
    caps->dwRedirectionIDFlags = SIM_PARTYID_FLAGS;
    caps->dwRedirectingIDFlags = SIM_PARTYID_FLAGS;
    caps->dwCallStates = SIM_CALL_STATES;
    caps->dwDialToneModes = LINEDIALTONEMODE_NORMAL;
    caps->dwBusyModes = LINEBUSYMODE_STATION;
    caps->dwDisconnectModes = SIM_DISCONNECT_MODES;
    caps->dwMaxNumActiveCalls = 1;
    caps->dwMaxNumOnHoldCalls = 1;
    caps->dwMaxNumOnHoldPendingCalls = 1;
    caps->dwMaxNumConference = 8;
    caps->dwMaxNumTransConf = 3;
    caps->dwAddrCapFlags = SIM_ADDRCAP_FLAGS;
    caps->dwCallFeatures = SIM_CALL_FEATURES;
    caps->dwRemoveFromConfCaps = LINEREMOVEFROMCONF_ANY;
    caps->dwRemoveFromConfState = LINECALLSTATE_IDLE;
    caps->dwTransferModes = LINETRANSFERMODE_TRANSFER | LINETRANSFERMODE_CONFERENCE;
    caps->dwParkModes = LINEPARKMODE_DIRECTED | LINEPARKMODE_NONDIRECTED;
    caps->dwForwardModes = LINEFORWARDMODE_UNCOND | LINEFORWARDMODE_BUSY | LINEFORWARDMODE_NOANSW |
                           LINEFORWARDMODE_BUSYNA;
    caps->dwMaxForwardEntries = 3;
    caps->dwMinFwdNumRings = 1;
    caps->dwMaxFwdNumRings = 20;
    caps->dwAddressFeatures = LINEADDRFEATURE_FORWARD | LINEADDRFEATURE_MAKECALL |
                              LINEADDRFEATURE_PICKUP | LINEADDRFEATURE_SETUPCONF |
                              LINEADDRFEATURE_UNPARK | LINEADDRFEATURE_PICKUPDIRECT |
                              LINEADDRFEATURE_FORWARDFWD;
    caps->dwMaxCallDataSize = 4096;
    caps->dwCallFeatures2 = LINECALLFEATURE2_TRANSFERNORM | LINECALLFEATURE2_TRANSFERCONF |
                            LINECALLFEATURE2_PARKDIRECT | LINECALLFEATURE2_PARKNONDIRECT;
    caps->dwMaxNoAnswerTimeout = inst->cfg.noanswer_timeout / 1000;
    caps->dwConnectedModes = LINECONNECTEDMODE_ACTIVE;
    caps->dwOfferingModes = LINEOFFERINGMODE_ACTIVE;
    caps->dwAvailableMediaModes = SIM_MEDIA_MODES;
}

/* LINEADDRESSCAPS of one address of an extension's line. */
SIM_EXPORT LONG TSPIAPI TSPI_lineGetAddressCaps(DWORD dwDeviceID, DWORD dwAddressID,
                                                DWORD dwTSPIVersion, DWORD dwExtVersion,
                                                LPLINEADDRESSCAPS lpAddressCaps)
{
    struct sim_ext *ext;
    struct sim_inst *inst = inst_by_line_device(dwDeviceID, &ext);
    struct tapix_varstruct vs;
    LONG rc;

    if (!inst)
        return LINEERR_BADDEVICEID;
    if (dwAddressID >= ext->naddr)
        return LINEERR_INVALADDRESSID;
    rc = tapix_varstruct_begin(&vs, lpAddressCaps, sizeof *lpAddressCaps);
    if (rc)
        return rc;
    pthread_mutex_lock(&inst->lock);
    linecaps_addr_fixed(lpAddressCaps, inst, dwDeviceID);
    tapix_varstruct_append_string(&vs, &lpAddressCaps->dwAddressSize,
                                  &lpAddressCaps->dwAddressOffset, ext->number);
    tapix_varstruct_append(&vs, &lpAddressCaps->dwDeviceClassesSize,
                           &lpAddressCaps->dwDeviceClassesOffset, line_device_classes,
                           sizeof line_device_classes);
    pthread_mutex_unlock(&inst->lock);
    tapix_varstruct_end(&vs);
    return 0;
}
