/*
 * devices.c — what devices there are and what they can do: `tapix lines`, `tapix phones` and
 * `tapix caps LINE`.
 *
 * Nothing here opens a device: lineGetDevCaps, lineGetAddressCaps and phoneGetDevCaps answer
 * from the application handle alone. Every mask is printed as its flag names and, with --json,
 * also as the number; the structure members keep Microsoft's names (dwMediaModes, ...) so
 * that the output reads beside the SDK documentation.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copies a NUL-separated, double-NUL-ended list of strings as "a,b,c" into buf. */
static const char *devices_multi_sz(const void *structure, DWORD size, DWORD offset, char *buf,
                                    size_t len)
{
    const DWORD *hdr = structure;
    size_t n = 0;

    buf[0] = '\0';
    if (size == 0 || offset > hdr[2] || size > hdr[2] - offset)
        return buf;
    for (DWORD i = 0; i < size && n + 1 < len; i++) {
        char ch = ((const char *)structure)[offset + i];

        if (ch == '\0') {
            if (i + 1 >= size || ((const char *)structure)[offset + i + 1] == '\0')
                break;
            ch = ',';
        }
        buf[n++] = ch;
    }
    buf[n] = '\0';
    return buf;
}

int cmd_lines(struct cli *cli, const struct command *cmd, int argc, char **argv)
{
    char *pos[1];
    int npos;
    int rc = args_parse(cli, cmd, argc, argv, NULL, pos, 0, 0, &npos);
    struct session s;

    if (rc != CLI_EXIT_OK)
        return rc;
    rc = session_open(&s, cli, "tapix lines");
    if (rc != CLI_EXIT_OK)
        return rc;
    if (!cli->json)
        printf("%-4s %-10s %-24s %-22s %-5s %s\n", "ID", "ADDRESS", "NAME", "PROVIDER", "ADDRS",
               "MEDIA MODES");
    for (DWORD d = 0; d < s.ndevs; d++) {
        DWORD version;
        LONG err = session_version(&s, d, &version);
        LINEDEVCAPS *caps = err ? NULL : fetch_devcaps(s.app, d, version, &err);
        LINEADDRESSCAPS *addr = caps ? fetch_addrcaps(s.app, d, 0, version, &err) : NULL;
        char name[128], provider[128], address[128], media[512];
        struct record r;

        if (!caps || !addr) {
            free(caps);
            rc = out_error(cli, "lineGetDevCaps", err);
            continue;
        }
        fetch_string(caps, caps->dwLineNameSize, caps->dwLineNameOffset, name, sizeof name);
        fetch_string(caps, caps->dwProviderInfoSize, caps->dwProviderInfoOffset, provider,
                     sizeof provider);
        fetch_string(addr, addr->dwAddressSize, addr->dwAddressOffset, address, sizeof address);
        if (cli->json) {
            record_init(&r, "line");
            record_uint(&r, "device", d);
            record_str(&r, "name", name);
            record_str(&r, "address", address);
            record_str(&r, "provider", provider);
            record_uint(&r, "addresses", caps->dwNumAddresses);
            record_flags(&r, "media", NAMES_MEDIAMODE, caps->dwMediaModes);
            record_hex(&r, "permanent_id", caps->dwPermanentLineID);
            record_hex(&r, "api_version", version);
            out_record(cli, &r);
        } else {
            printf("%-4lu %-10s %-24s %-22s %-5lu %s\n", (unsigned long)d, address, name, provider,
                   (unsigned long)caps->dwNumAddresses,
                   names_flags(NAMES_MEDIAMODE, caps->dwMediaModes, media, sizeof media));
        }
        free(caps);
        free(addr);
    }
    session_close(&s);
    return rc;
}

int cmd_phones(struct cli *cli, const struct command *cmd, int argc, char **argv)
{
    char *pos[1];
    int npos;
    int rc = args_parse(cli, cmd, argc, argv, NULL, pos, 0, 0, &npos);
    PHONEINITIALIZEEXPARAMS params = {.dwTotalSize = sizeof params,
                                      .dwOptions = PHONEINITIALIZEEXOPTION_USEEVENT};
    HPHONEAPP app;
    DWORD ndevs = 0, api = CLI_API_HIGH;
    LONG err;

    if (rc != CLI_EXIT_OK)
        return rc;
    err = phoneInitializeEx(&app, NULL, NULL, "tapix phones", &ndevs, &api, &params);
    if (err != 0) {
        char why[512];

        tapix_last_error(why, sizeof why);
        return out_fail(cli, CLI_EXIT_INIT, "phoneInitializeEx: %s%s%s", names_error(err),
                        why[0] ? ": " : "", why);
    }
    if (!cli->json)
        printf("%-4s %-24s %-22s %-8s %-8s %s\n", "ID", "NAME", "PROVIDER", "DISPLAY", "BUTTONS",
               "HOOKSWITCH DEVICES");
    for (DWORD d = 0; d < ndevs; d++) {
        PHONEEXTENSIONID ext;
        DWORD version;
        PHONECAPS *caps = NULL;
        char name[128], provider[128], hook[256], display[32];
        struct record r;

        err = phoneNegotiateAPIVersion(app, d, CLI_API_LOW, CLI_API_HIGH, &version, &ext);
        if (err == 0)
            caps = fetch_phonecaps(app, d, version, &err);
        if (!caps) {
            rc = out_error(cli, "phoneGetDevCaps", err);
            continue;
        }
        fetch_string(caps, caps->dwPhoneNameSize, caps->dwPhoneNameOffset, name, sizeof name);
        fetch_string(caps, caps->dwProviderInfoSize, caps->dwProviderInfoOffset, provider,
                     sizeof provider);
        snprintf(display, sizeof display, "%lux%lu", (unsigned long)caps->dwDisplayNumRows,
                 (unsigned long)caps->dwDisplayNumColumns);
        if (cli->json) {
            record_init(&r, "phone");
            record_uint(&r, "device", d);
            record_str(&r, "name", name);
            record_str(&r, "provider", provider);
            record_flags(&r, "hookswitch_devs", NAMES_HOOKSWITCHDEV, caps->dwHookSwitchDevs);
            record_uint(&r, "display_rows", caps->dwDisplayNumRows);
            record_uint(&r, "display_columns", caps->dwDisplayNumColumns);
            record_uint(&r, "buttons", caps->dwNumButtonLamps);
            record_uint(&r, "ring_modes", caps->dwNumRingModes);
            record_flags(&r, "features", NAMES_PHONEFEATURE, caps->dwPhoneFeatures);
            record_hex(&r, "permanent_id", caps->dwPermanentPhoneID);
            out_record(cli, &r);
        } else {
            printf("%-4lu %-24s %-22s %-8s %-8lu %s\n", (unsigned long)d, name, provider, display,
                   (unsigned long)caps->dwNumButtonLamps,
                   names_flags(NAMES_HOOKSWITCHDEV, caps->dwHookSwitchDevs, hook, sizeof hook));
        }
        free(caps);
    }
    phoneShutdown(app);
    return rc;
}

/* Adds the members of LINEDEVCAPS to r. Strings point into buffers that live as long as r. */
static void caps_line(struct record *r, const LINEDEVCAPS *c, DWORD dev, DWORD version,
                      char (*str)[512])
{
    record_uint(r, "device", dev);
    record_hex(r, "api_version", version);
    record_str(r, "LineName", fetch_string(c, c->dwLineNameSize, c->dwLineNameOffset, str[0], 512));
    record_str(r, "ProviderInfo",
               fetch_string(c, c->dwProviderInfoSize, c->dwProviderInfoOffset, str[1], 512));
    record_str(r, "SwitchInfo",
               fetch_string(c, c->dwSwitchInfoSize, c->dwSwitchInfoOffset, str[2], 512));
    record_hex(r, "dwPermanentLineID", c->dwPermanentLineID);
    record_enum(r, "dwStringFormat", NAMES_STRINGFORMAT, c->dwStringFormat, false);
    record_flags(r, "dwAddressModes", NAMES_ADDRESSMODE, c->dwAddressModes);
    record_uint(r, "dwNumAddresses", c->dwNumAddresses);
    record_flags(r, "dwBearerModes", NAMES_BEARERMODE, c->dwBearerModes);
    record_uint(r, "dwMaxRate", c->dwMaxRate);
    record_flags(r, "dwMediaModes", NAMES_MEDIAMODE, c->dwMediaModes);
    record_flags(r, "dwGenerateToneModes", NAMES_TONEMODE, c->dwGenerateToneModes);
    record_uint(r, "dwGenerateToneMaxNumFreq", c->dwGenerateToneMaxNumFreq);
    record_flags(r, "dwGenerateDigitModes", NAMES_DIGITMODE, c->dwGenerateDigitModes);
    record_uint(r, "dwMonitorToneMaxNumFreq", c->dwMonitorToneMaxNumFreq);
    record_uint(r, "dwMonitorToneMaxNumEntries", c->dwMonitorToneMaxNumEntries);
    record_flags(r, "dwMonitorDigitModes", NAMES_DIGITMODE, c->dwMonitorDigitModes);
    record_uint(r, "dwGatherDigitsMinTimeout", c->dwGatherDigitsMinTimeout);
    record_uint(r, "dwGatherDigitsMaxTimeout", c->dwGatherDigitsMaxTimeout);
    record_flags(r, "dwDevCapFlags", NAMES_DEVCAPFLAGS, c->dwDevCapFlags);
    record_uint(r, "dwMaxNumActiveCalls", c->dwMaxNumActiveCalls);
    record_flags(r, "dwAnswerMode", NAMES_ANSWERMODE, c->dwAnswerMode);
    record_uint(r, "dwRingModes", c->dwRingModes);
    record_flags(r, "dwLineStates", NAMES_DEVSTATE, c->dwLineStates);
    record_uint(r, "dwUUIMakeCallSize", c->dwUUIMakeCallSize);
    record_uint(r, "dwUUIDropSize", c->dwUUIDropSize);
    record_uint(r, "dwNumTerminals", c->dwNumTerminals);
    record_flags(r, "dwLineFeatures", NAMES_LINEFEATURE, c->dwLineFeatures);
    if (version >= 0x00020000) {
        record_flags(r, "dwSettableDevStatus", NAMES_DEVSTATE, c->dwSettableDevStatus);
        record_str(
            r, "DeviceClasses",
            devices_multi_sz(c, c->dwDeviceClassesSize, c->dwDeviceClassesOffset, str[3], 512));
    }
}

/* Adds the members of LINEADDRESSCAPS to r; strings go into str. */
static void caps_address(struct record *r, const LINEADDRESSCAPS *a, DWORD addr, DWORD version,
                         char (*str)[512])
{
    record_uint(r, "address_id", addr);
    record_str(r, "Address", fetch_string(a, a->dwAddressSize, a->dwAddressOffset, str[0], 512));
    record_flags(r, "dwAddressSharing", NAMES_ADDRESSSHARING, a->dwAddressSharing);
    record_flags(r, "dwAddressStates", NAMES_ADDRESSSTATE, a->dwAddressStates);
    record_flags(r, "dwCallInfoStates", NAMES_CALLINFOSTATE, a->dwCallInfoStates);
    record_flags(r, "dwCallerIDFlags", NAMES_PARTYID, a->dwCallerIDFlags);
    record_flags(r, "dwCalledIDFlags", NAMES_PARTYID, a->dwCalledIDFlags);
    record_flags(r, "dwConnectedIDFlags", NAMES_PARTYID, a->dwConnectedIDFlags);
    record_flags(r, "dwRedirectionIDFlags", NAMES_PARTYID, a->dwRedirectionIDFlags);
    record_flags(r, "dwRedirectingIDFlags", NAMES_PARTYID, a->dwRedirectingIDFlags);
    record_flags(r, "dwCallStates", NAMES_CALLSTATE, a->dwCallStates);
    record_flags(r, "dwDialToneModes", NAMES_DIALTONEMODE, a->dwDialToneModes);
    record_flags(r, "dwBusyModes", NAMES_BUSYMODE, a->dwBusyModes);
    record_flags(r, "dwSpecialInfo", NAMES_SPECIALINFO, a->dwSpecialInfo);
    record_flags(r, "dwDisconnectModes", NAMES_DISCONNECTMODE, a->dwDisconnectModes);
    record_uint(r, "dwMaxNumActiveCalls", a->dwMaxNumActiveCalls);
    record_uint(r, "dwMaxNumOnHoldCalls", a->dwMaxNumOnHoldCalls);
    record_uint(r, "dwMaxNumOnHoldPendingCalls", a->dwMaxNumOnHoldPendingCalls);
    record_uint(r, "dwMaxNumConference", a->dwMaxNumConference);
    record_uint(r, "dwMaxNumTransConf", a->dwMaxNumTransConf);
    record_flags(r, "dwAddrCapFlags", NAMES_ADDRCAPFLAGS, a->dwAddrCapFlags);
    record_flags(r, "dwCallFeatures", NAMES_CALLFEATURE, a->dwCallFeatures);
    record_enum(r, "dwRemoveFromConfCaps", NAMES_REMOVEFROMCONF, a->dwRemoveFromConfCaps, false);
    record_flags(r, "dwRemoveFromConfState", NAMES_CALLSTATE, a->dwRemoveFromConfState);
    record_flags(r, "dwTransferModes", NAMES_TRANSFERMODE, a->dwTransferModes);
    record_flags(r, "dwParkModes", NAMES_PARKMODE, a->dwParkModes);
    record_flags(r, "dwForwardModes", NAMES_FORWARDMODE, a->dwForwardModes);
    record_uint(r, "dwMaxForwardEntries", a->dwMaxForwardEntries);
    record_uint(r, "dwMaxCallCompletions", a->dwMaxCallCompletions);
    record_flags(r, "dwCallCompletionConds", NAMES_CALLCOMPLCOND, a->dwCallCompletionConds);
    record_flags(r, "dwCallCompletionModes", NAMES_CALLCOMPLMODE, a->dwCallCompletionModes);
    record_flags(r, "dwAddressFeatures", NAMES_ADDRFEATURE, a->dwAddressFeatures);
    if (version >= 0x00020000) {
        record_flags(r, "dwPredictiveAutoTransferStates", NAMES_CALLSTATE,
                     a->dwPredictiveAutoTransferStates);
        record_uint(r, "dwNumCallTreatments", a->dwNumCallTreatments);
        record_str(
            r, "DeviceClasses",
            devices_multi_sz(a, a->dwDeviceClassesSize, a->dwDeviceClassesOffset, str[1], 512));
        record_uint(r, "dwMaxCallDataSize", a->dwMaxCallDataSize);
        record_flags(r, "dwCallFeatures2", NAMES_CALLFEATURE2, a->dwCallFeatures2);
        record_uint(r, "dwMaxNoAnswerTimeout", a->dwMaxNoAnswerTimeout);
        record_flags(r, "dwConnectedModes", NAMES_CONNECTEDMODE, a->dwConnectedModes);
        record_flags(r, "dwOfferingModes", NAMES_OFFERINGMODE, a->dwOfferingModes);
        record_flags(r, "dwAvailableMediaModes", NAMES_MEDIAMODE, a->dwAvailableMediaModes);
    }
}

int cmd_caps(struct cli *cli, const struct command *cmd, int argc, char **argv)
{
    char *pos[1];
    int npos;
    int rc = args_parse(cli, cmd, argc, argv, NULL, pos, 1, 1, &npos);
    struct session s;
    DWORD dev, version;
    LONG err;
    LINEDEVCAPS *caps;
    char str[4][512];
    struct record r;

    if (rc != CLI_EXIT_OK)
        return rc;
    rc = session_open(&s, cli, "tapix caps");
    if (rc != CLI_EXIT_OK)
        return rc;
    rc = session_find_line(&s, pos[0], &dev);
    if (rc != CLI_EXIT_OK)
        goto out;
    err = session_version(&s, dev, &version);
    if (err) {
        rc = out_error(cli, "lineNegotiateAPIVersion", err);
        goto out;
    }
    caps = fetch_devcaps(s.app, dev, version, &err);
    if (!caps) {
        rc = out_error(cli, "lineGetDevCaps", err);
        goto out;
    }
    record_init(&r, "LINEDEVCAPS");
    r.multiline = true;
    caps_line(&r, caps, dev, version, str);
    out_record(cli, &r);
    for (DWORD a = 0; a < caps->dwNumAddresses; a++) {
        LINEADDRESSCAPS *addr = fetch_addrcaps(s.app, dev, a, version, &err);

        if (!addr) {
            rc = out_error(cli, "lineGetAddressCaps", err);
            continue;
        }
        record_init(&r, "LINEADDRESSCAPS");
        r.multiline = true;
        caps_address(&r, addr, a, version, str);
        out_record(cli, &r);
        free(addr);
    }
    free(caps);
out:
    session_close(&s);
    return rc;
}
