/*
 * api_phone.c — the TAPI functions of phone devices: starting and ending an application's use
 * of phones, version negotiation, phoneOpen and phoneClose, capabilities and status, and the
 * phone's parts (hookswitch, volume, gain, ringer, display, lamps, buttons, data areas).
 *
 * Each function checks what it can alone (pointers, flag values), then the handle, the
 * privilege (the set-functions need PHONEPRIVILEGE_OWNER) and the device's capabilities, and
 * only then calls the provider; an entry point the provider does not export is
 * PHONEERR_OPERATIONUNAVAIL. The set-functions are asynchronous: they return a request ID and
 * the application later gets exactly one PHONE_REPLY for it. Helpers shared with the line side
 * return LINEERR_ codes; phone_error() turns them into their PHONEERR_ twins.
 */
#include "api.h"

#include <stdint.h>
#include <string.h>

LONG WINAPI CORE_API(phoneInitializeEx)(LPHPHONEAPP lphPhoneApp, HINSTANCE hInstance,
                                        PHONECALLBACK lpfnCallback, LPCSTR lpszFriendlyAppName,
                                        LPDWORD lpdwNumDevs, LPDWORD lpdwAPIVersion,
                                        LPPHONEINITIALIZEEXPARAMS lpParams)
{
    return phone_error(api_initialize_ex(APP_PHONE, lpszFriendlyAppName, lphPhoneApp, lpdwNumDevs,
                                         lpdwAPIVersion, lpParams));
}

LONG WINAPI CORE_API(phoneInitialize)(LPHPHONEAPP lphPhoneApp, HINSTANCE hInstance,
                                      PHONECALLBACK lpfnCallback, LPCSTR lpszAppName,
                                      LPDWORD lpdwNumDevs)
{
    tapix_log(LOG_ERROR, "phoneInitialize: TAPI 1.x callbacks need a Windows message loop; "
                         "use phoneInitializeEx with PHONEINITIALIZEEXOPTION_USEEVENT");
    return PHONEERR_OPERATIONUNAVAIL;
}

LONG WINAPI CORE_API(phoneShutdown)(HPHONEAPP hPhoneApp)
{
    return phone_error(api_shutdown_app(APP_PHONE, hPhoneApp));
}

LONG WINAPI CORE_API(phoneGetMessage)(HPHONEAPP hPhoneApp, LPPHONEMESSAGE lpMessage,
                                      DWORD dwTimeout)
{
    return phone_error(api_get_message(APP_PHONE, hPhoneApp, lpMessage, dwTimeout));
}

/* The phone device an application names, after the checks every device function makes. */
static LONG api_phone_device(HPHONEAPP hPhoneApp, DWORD dwDeviceID, DWORD dwAPIVersion,
                             struct phone_device **devp)
{
    if (!app_find(hPhoneApp, APP_PHONE))
        return PHONEERR_INVALAPPHANDLE;
    struct phone_device *dev;
    LONG rc = api_phone_device_id(dwDeviceID, &dev);
    if (rc != 0)
        return rc;
    if (!api_version_ok(dwAPIVersion))
        return PHONEERR_INCOMPATIBLEAPIVERSION;
    rc = phone_device_ensure_version(dev);
    if (rc != 0)
        return rc;
    *devp = dev;
    return 0;
}

/*
 * The open for hPhone: PHONEERR_INVALPHONEHANDLE for a handle that is unknown or closed, and
 * PHONEERR_NOTOWNER when `need_owner` and the open only monitors.
 */
static LONG api_phone(HPHONE hPhone, bool need_owner, struct phone_open **openp)
{
    struct phone_open *open = phone_open_find(hPhone);
    if (!open)
        return PHONEERR_INVALPHONEHANDLE;
    if (need_owner && !(open->privilege & PHONEPRIVILEGE_OWNER))
        return PHONEERR_NOTOWNER;
    *openp = open;
    return 0;
}

/* Checks a caller's variable-size structure, with PHONEERR_ codes. */
static LONG api_phone_varstruct(void *structure, DWORD fixed_size)
{
    return phone_error(api_check_varstruct(structure, fixed_size));
}

/*
 * The fixed part of the device's capabilities, for checking arguments against them; false when
 * the provider cannot tell (then the provider checks alone).
 */
static bool api_phone_caps(struct phone_device *dev, PHONECAPS *caps)
{
    memset(caps, 0, sizeof(*caps));
    caps->dwTotalSize = sizeof(*caps);
    return dev->prov->fn.phoneGetDevCaps &&
           dev->prov->fn.phoneGetDevCaps(dev->device_id, dev->tspi_version, 0, caps) == 0;
}

/* PHONEERR_INVALBUTTONLAMPID when the phone has no button/lamp `id`. */
static LONG api_phone_check_button_lamp(struct phone_device *dev, DWORD id)
{
    PHONECAPS caps;
    if (api_phone_caps(dev, &caps) && id >= caps.dwNumButtonLamps)
        return PHONEERR_INVALBUTTONLAMPID;
    return 0;
}

/* True when `v` is exactly one of the bits in `allowed`. */
static bool api_one_bit_of(DWORD v, DWORD allowed)
{
    return v != 0 && (v & (v - 1)) == 0 && (v & allowed) == v;
}

#define API_HOOKSWITCH_DEVS                                                                        \
    (PHONEHOOKSWITCHDEV_HANDSET | PHONEHOOKSWITCHDEV_SPEAKER | PHONEHOOKSWITCHDEV_HEADSET)

/*
 * Checks one hookswitch device for the volume (or, with `gain`, the gain) functions: it must
 * be one the phone can report and set that level of (PHONECAPS dwVolumeFlags / dwGainFlags),
 * else PHONEERR_INVALHOOKSWITCHDEV. The caller checked that it is a single PHONEHOOKSWITCHDEV_.
 */
static LONG api_phone_check_level_dev(struct phone_device *dev, DWORD hsdev, bool gain)
{
    PHONECAPS caps;
    if (!api_phone_caps(dev, &caps))
        return 0;
    DWORD flags = gain ? caps.dwGainFlags : caps.dwVolumeFlags;
    return (flags & hsdev) ? 0 : PHONEERR_INVALHOOKSWITCHDEV;
}

/* The hookswitch modes an application may set on device `hsdev`, per the caps (0: unknown). */
static DWORD api_phone_settable_modes(const PHONECAPS *caps, DWORD hsdev)
{
    switch (hsdev) {
    case PHONEHOOKSWITCHDEV_HANDSET:
        return caps->dwSettableHandsetHookSwitchModes;
    case PHONEHOOKSWITCHDEV_SPEAKER:
        return caps->dwSettableSpeakerHookSwitchModes;
    default:
        return caps->dwSettableHeadsetHookSwitchModes;
    }
}

/*
 * Checks phoneSetHookSwitch against the phone: PHONEERR_INVALHOOKSWITCHDEV for a device it
 * lacks, PHONEERR_INVALHOOKSWITCHMODE for a mode one of the devices cannot be set to (when
 * the provider lists the settable modes).
 */
static LONG api_phone_check_hookswitch(struct phone_device *dev, DWORD devs, DWORD mode)
{
    PHONECAPS caps;
    if (!api_phone_caps(dev, &caps))
        return 0;
    if (devs & ~caps.dwHookSwitchDevs)
        return PHONEERR_INVALHOOKSWITCHDEV;
    for (DWORD bit = PHONEHOOKSWITCHDEV_HANDSET; bit <= PHONEHOOKSWITCHDEV_HEADSET; bit <<= 1) {
        DWORD settable = api_phone_settable_modes(&caps, bit);
        if ((devs & bit) && settable && !(settable & mode))
            return PHONEERR_INVALHOOKSWITCHMODE;
    }
    return 0;
}

/* PHONEERR_INVALRINGMODE for a ring mode beyond the phone's dwNumRingModes (0 is silence). */
static LONG api_phone_check_ring_mode(struct phone_device *dev, DWORD mode)
{
    PHONECAPS caps;
    if (api_phone_caps(dev, &caps) && mode > caps.dwNumRingModes)
        return PHONEERR_INVALRINGMODE;
    return 0;
}

/* Starts the request of an asynchronous function on `open` (NULL: out of memory). */
static struct request *api_phone_request(struct phone_open *open)
{
    return request_new(open->app, open->callback_instance, REQ_PHONE);
}

/*
 * The end of an asynchronous phone function whose checks passed: starts a request on `open` and
 * hands it to the provider's `tspi`(dwRequestID, hdPhone, ...); returns from the function with
 * the request ID or the error.
 */
#define API_PHONE_REQUEST(open, tspi, ...)                                                         \
    do {                                                                                           \
        struct request *req_ = api_phone_request(open);                                            \
        if (!req_)                                                                                 \
            API_RETURN(PHONEERR_NOMEM);                                                            \
        LONG rc_ = (tspi)(req_->id, (open)->dev->hdPhone, __VA_ARGS__);                            \
        API_RETURN(request_submit(req_, phone_error(rc_)));                                        \
    } while (0)

/* A volume or gain level: out-of-range values are set to the nearest one in range. */
static DWORD api_phone_level(DWORD level)
{
    return level > 0xFFFF ? 0xFFFF : level;
}

LONG WINAPI CORE_API(phoneNegotiateAPIVersion)(HPHONEAPP hPhoneApp, DWORD dwDeviceID,
                                               DWORD dwAPILowVersion, DWORD dwAPIHighVersion,
                                               LPDWORD lpdwAPIVersion,
                                               LPPHONEEXTENSIONID lpExtensionID)
{
    if (!lpdwAPIVersion || !lpExtensionID)
        return PHONEERR_INVALPOINTER;
    core_enter();
    if (!app_find(hPhoneApp, APP_PHONE))
        API_RETURN(PHONEERR_INVALAPPHANDLE);
    struct phone_device *dev = phone_device_get(dwDeviceID);
    if (!dev)
        API_RETURN(PHONEERR_BADDEVICEID);
    DWORD version = api_version_negotiate(dwAPILowVersion, dwAPIHighVersion);
    if (!version)
        API_RETURN(PHONEERR_INCOMPATIBLEAPIVERSION);
    LONG rc = phone_device_ensure_version(dev);
    if (rc != 0)
        API_RETURN(rc);
    *lpdwAPIVersion = version;
    memset(lpExtensionID, 0, sizeof(*lpExtensionID));
    if (dev->prov->fn.phoneGetExtensionID)
        dev->prov->fn.phoneGetExtensionID(dwDeviceID, dev->tspi_version, lpExtensionID);
    API_RETURN(0);
}

LONG WINAPI CORE_API(phoneNegotiateExtVersion)(HPHONEAPP hPhoneApp, DWORD dwDeviceID,
                                               DWORD dwAPIVersion, DWORD dwExtLowVersion,
                                               DWORD dwExtHighVersion, LPDWORD lpdwExtVersion)
{
    if (!lpdwExtVersion)
        return PHONEERR_INVALPOINTER;
    core_enter();
    struct phone_device *dev;
    LONG rc = api_phone_device(hPhoneApp, dwDeviceID, dwAPIVersion, &dev);
    if (rc != 0)
        API_RETURN(rc);
    if (!dev->prov->fn.phoneNegotiateExtVersion)
        API_RETURN(PHONEERR_OPERATIONUNAVAIL);
    API_RETURN(phone_error(dev->prov->fn.phoneNegotiateExtVersion(
        dwDeviceID, dev->tspi_version, dwExtLowVersion, dwExtHighVersion, lpdwExtVersion)));
}

LONG WINAPI CORE_API(phoneGetDevCaps)(HPHONEAPP hPhoneApp, DWORD dwDeviceID, DWORD dwAPIVersion,
                                      DWORD dwExtVersion, LPPHONECAPS lpPhoneCaps)
{
    core_enter();
    struct phone_device *dev;
    LONG rc = api_phone_device(hPhoneApp, dwDeviceID, dwAPIVersion, &dev);
    if (rc == 0 && dwExtVersion && !dev->prov->fn.phoneNegotiateExtVersion)
        rc = PHONEERR_INCOMPATIBLEEXTVERSION;
    if (rc == 0)
        rc = api_phone_varstruct(lpPhoneCaps, sizeof(PHONECAPS));
    if (rc == 0 && !dev->prov->fn.phoneGetDevCaps)
        rc = PHONEERR_OPERATIONUNAVAIL;
    if (rc == 0)
        rc = phone_error(dev->prov->fn.phoneGetDevCaps(dwDeviceID, dev->tspi_version, dwExtVersion,
                                                       lpPhoneCaps));
    /* The core itself reports owners and monitors coming and going. */
    if (rc == 0)
        lpPhoneCaps->dwPhoneStates |= PHONESTATE_OWNER | PHONESTATE_MONITORS;
    API_RETURN(rc);
}

/* Checks dwPrivilege of phoneOpen against the device: one owner at a time. */
static LONG api_phone_check_privilege(const struct phone_device *dev, DWORD privilege)
{
    if (privilege != PHONEPRIVILEGE_OWNER && privilege != PHONEPRIVILEGE_MONITOR)
        return PHONEERR_INVALPRIVILEGE;
    if (privilege == PHONEPRIVILEGE_OWNER && phone_owner(dev))
        return PHONEERR_INUSE;
    return 0;
}

LONG WINAPI CORE_API(phoneOpen)(HPHONEAPP hPhoneApp, DWORD dwDeviceID, LPHPHONE lphPhone,
                                DWORD dwAPIVersion, DWORD dwExtVersion,
                                DWORD_PTR dwCallbackInstance, DWORD dwPrivilege)
{
    if (!lphPhone)
        return PHONEERR_INVALPOINTER;
    core_enter();
    struct app *app = app_find(hPhoneApp, APP_PHONE);
    struct phone_device *dev;
    LONG rc = api_phone_device(hPhoneApp, dwDeviceID, dwAPIVersion, &dev);
    if (rc != 0)
        API_RETURN(rc);
    if (dwExtVersion && !dev->prov->fn.phoneNegotiateExtVersion)
        API_RETURN(PHONEERR_INCOMPATIBLEEXTVERSION);
    rc = api_phone_check_privilege(dev, dwPrivilege);
    if (rc != 0)
        API_RETURN(rc);
    struct phone_open *open;
    rc = phone_open_new(app, dev, dwAPIVersion, dwCallbackInstance, dwPrivilege, &open);
    if (rc != 0)
        API_RETURN(rc);
    *lphPhone = open->handle;
    API_RETURN(0);
}

LONG WINAPI CORE_API(phoneClose)(HPHONE hPhone)
{
    core_enter();
    struct phone_open *open;
    LONG rc = api_phone(hPhone, false, &open);
    if (rc != 0)
        API_RETURN(rc);
    phone_open_close(open, false);
    API_RETURN(0);
}

/* Adds what only the core knows to a PHONESTATUS the provider filled: owners and monitors. */
static void api_phone_status_add_opens(struct phone_device *dev, LPPHONESTATUS status)
{
    status->dwNumOwners = phone_count_opens(dev, PHONEPRIVILEGE_OWNER);
    status->dwNumMonitors = phone_count_opens(dev, PHONEPRIVILEGE_MONITOR);
    struct phone_open *owner = phone_owner(dev);
    struct tapix_varstruct vs;
    if (!owner || tapix_varstruct_resume(&vs, status, sizeof(PHONESTATUS)) != 0)
        return;
    const char *name = owner->app->name;
    tapix_varstruct_append(&vs, &status->dwOwnerNameSize, &status->dwOwnerNameOffset, name,
                           (DWORD)strlen(name) + 1);
    tapix_varstruct_end(&vs);
}

LONG WINAPI CORE_API(phoneGetStatus)(HPHONE hPhone, LPPHONESTATUS lpPhoneStatus)
{
    core_enter();
    struct phone_open *open;
    LONG rc = api_phone(hPhone, false, &open);
    if (rc == 0)
        rc = api_phone_varstruct(lpPhoneStatus, sizeof(PHONESTATUS));
    if (rc == 0 && !open->dev->prov->fn.phoneGetStatus)
        rc = PHONEERR_OPERATIONUNAVAIL;
    if (rc == 0)
        rc = phone_error(open->dev->prov->fn.phoneGetStatus(open->dev->hdPhone, lpPhoneStatus));
    if (rc == 0)
        api_phone_status_add_opens(open->dev, lpPhoneStatus);
    API_RETURN(rc);
}

#define API_PHONE_STATES       (2u * PHONESTATE_REMOVED - 1u)
#define API_PHONE_BUTTONMODES  (2u * PHONEBUTTONMODE_DISPLAY - 1u)
#define API_PHONE_BUTTONSTATES (2u * PHONEBUTTONSTATE_UNAVAIL - 1u)

LONG WINAPI CORE_API(phoneSetStatusMessages)(HPHONE hPhone, DWORD dwPhoneStates,
                                             DWORD dwButtonModes, DWORD dwButtonStates)
{
    core_enter();
    struct phone_open *open;
    LONG rc = api_phone(hPhone, false, &open);
    if (rc != 0)
        API_RETURN(rc);
    if (dwPhoneStates & ~(DWORD)API_PHONE_STATES)
        API_RETURN(PHONEERR_INVALPHONESTATE);
    if (dwButtonModes & ~(DWORD)API_PHONE_BUTTONMODES)
        API_RETURN(PHONEERR_INVALBUTTONMODE);
    /* Button states matter only with button modes, and then at least one is needed. */
    if (!dwButtonModes)
        dwButtonStates = 0;
    else if (!dwButtonStates || (dwButtonStates & ~(DWORD)API_PHONE_BUTTONSTATES))
        API_RETURN(PHONEERR_INVALBUTTONSTATE);
    open->phone_states = dwPhoneStates;
    open->button_modes = dwButtonModes;
    open->button_states = dwButtonStates;
    API_RETURN(phone_update_status_messages(open->dev));
}

LONG WINAPI CORE_API(phoneGetStatusMessages)(HPHONE hPhone, LPDWORD lpdwPhoneStates,
                                             LPDWORD lpdwButtonModes, LPDWORD lpdwButtonStates)
{
    if (!lpdwPhoneStates || !lpdwButtonModes || !lpdwButtonStates)
        return PHONEERR_INVALPOINTER;
    core_enter();
    struct phone_open *open;
    LONG rc = api_phone(hPhone, false, &open);
    if (rc != 0)
        API_RETURN(rc);
    *lpdwPhoneStates = open->phone_states;
    *lpdwButtonModes = open->button_modes;
    *lpdwButtonStates = open->button_states;
    API_RETURN(0);
}

/* The device class "tapi/phone" the core answers itself: the phone's device ID. */
static LONG api_phone_get_own_id(struct phone_device *dev, LPVARSTRING out)
{
    struct tapix_varstruct vs;
    LONG rc = tapix_varstruct_begin(&vs, out, sizeof(VARSTRING));
    if (rc != 0)
        return phone_error(rc);
    DWORD id = dev->device_id;
    out->dwStringFormat = STRINGFORMAT_BINARY;
    tapix_varstruct_append(&vs, &out->dwStringSize, &out->dwStringOffset, &id, sizeof(id));
    tapix_varstruct_end(&vs);
    return 0;
}

LONG WINAPI CORE_API(phoneGetID)(HPHONE hPhone, LPVARSTRING lpDeviceID, LPCSTR lpszDeviceClass)
{
    if (!lpszDeviceClass)
        return PHONEERR_INVALPOINTER;
    core_enter();
    struct phone_open *open;
    LONG rc = api_phone(hPhone, false, &open);
    if (rc == 0)
        rc = api_phone_varstruct(lpDeviceID, sizeof(VARSTRING));
    if (rc != 0)
        API_RETURN(rc);
    struct phone_device *dev = open->dev;
    if (strcmp(lpszDeviceClass, "tapi/phone") == 0)
        API_RETURN(api_phone_get_own_id(dev, lpDeviceID));
    if (!dev->prov->fn.phoneGetID)
        API_RETURN(PHONEERR_INVALDEVICECLASS);
    API_RETURN(
        phone_error(dev->prov->fn.phoneGetID(dev->hdPhone, lpDeviceID, lpszDeviceClass, NULL)));
}

LONG WINAPI CORE_API(phoneDevSpecific)(HPHONE hPhone, LPVOID lpParams, DWORD dwSize)
{
    if (!lpParams && dwSize)
        return PHONEERR_INVALPOINTER;
    core_enter();
    struct phone_open *open;
    LONG rc = api_phone(hPhone, false, &open);
    if (rc != 0)
        API_RETURN(rc);
    struct phone_device *dev = open->dev;
    if (!dev->prov->fn.phoneDevSpecific)
        API_RETURN(PHONEERR_OPERATIONUNAVAIL);
    API_PHONE_REQUEST(open, dev->prov->fn.phoneDevSpecific, lpParams, dwSize);
}

LONG WINAPI CORE_API(phoneGetHookSwitch)(HPHONE hPhone, LPDWORD lpdwHookSwitchDevs)
{
    if (!lpdwHookSwitchDevs)
        return PHONEERR_INVALPOINTER;
    core_enter();
    struct phone_open *open;
    LONG rc = api_phone(hPhone, false, &open);
    if (rc == 0 && !open->dev->prov->fn.phoneGetHookSwitch)
        rc = PHONEERR_OPERATIONUNAVAIL;
    if (rc == 0)
        rc = phone_error(
            open->dev->prov->fn.phoneGetHookSwitch(open->dev->hdPhone, lpdwHookSwitchDevs));
    API_RETURN(rc);
}

#define API_HOOKSWITCH_MODES                                                                       \
    (PHONEHOOKSWITCHMODE_ONHOOK | PHONEHOOKSWITCHMODE_MIC | PHONEHOOKSWITCHMODE_SPEAKER |          \
     PHONEHOOKSWITCHMODE_MICSPEAKER)

LONG WINAPI CORE_API(phoneSetHookSwitch)(HPHONE hPhone, DWORD dwHookSwitchDevs,
                                         DWORD dwHookSwitchMode)
{
    if (!dwHookSwitchDevs || (dwHookSwitchDevs & ~(DWORD)API_HOOKSWITCH_DEVS))
        return PHONEERR_INVALHOOKSWITCHDEV;
    if (!api_one_bit_of(dwHookSwitchMode, API_HOOKSWITCH_MODES))
        return PHONEERR_INVALHOOKSWITCHMODE;
    core_enter();
    struct phone_open *open;
    LONG rc = api_phone(hPhone, true, &open);
    if (rc != 0)
        API_RETURN(rc);
    struct phone_device *dev = open->dev;
    if (!dev->prov->fn.phoneSetHookSwitch)
        API_RETURN(PHONEERR_OPERATIONUNAVAIL);
    rc = api_phone_check_hookswitch(dev, dwHookSwitchDevs, dwHookSwitchMode);
    if (rc != 0)
        API_RETURN(rc);
    API_PHONE_REQUEST(open, dev->prov->fn.phoneSetHookSwitch, dwHookSwitchDevs, dwHookSwitchMode);
}

/*
 * What phoneGetVolume, phoneSetVolume, phoneGetGain and phoneSetGain check, in order, once the
 * core is entered: the open for hPhone (the owner's to `set`), the provider's entry point for
 * the function (PHONEERR_OPERATIONUNAVAIL), and that the phone can report and set the volume
 * (or with `gain` the gain) of hookswitch device `hsdev` (api_phone_check_level_dev).
 */
static LONG api_phone_level_open(HPHONE hPhone, DWORD hsdev, bool set, bool gain,
                                 struct phone_open **openp)
{
    LONG rc = api_phone(hPhone, set, openp);
    if (rc != 0)
        return rc;
    struct phone_device *dev = (*openp)->dev;
    const struct tspi_table *fn = &dev->prov->fn;
    bool exported = set ? (gain ? fn->phoneSetGain != NULL : fn->phoneSetVolume != NULL)
                        : (gain ? fn->phoneGetGain != NULL : fn->phoneGetVolume != NULL);
    if (!exported)
        return PHONEERR_OPERATIONUNAVAIL;
    return api_phone_check_level_dev(dev, hsdev, gain);
}

/* phoneGetVolume, or with `gain` phoneGetGain. */
static LONG api_phone_get_level(HPHONE hPhone, DWORD hsdev, LPDWORD level, bool gain)
{
    if (!level)
        return PHONEERR_INVALPOINTER;
    if (!api_one_bit_of(hsdev, API_HOOKSWITCH_DEVS))
        return PHONEERR_INVALHOOKSWITCHDEV;
    core_enter();
    struct phone_open *open;
    LONG rc = api_phone_level_open(hPhone, hsdev, false, gain, &open);
    if (rc != 0)
        API_RETURN(rc);
    const struct tspi_table *fn = &open->dev->prov->fn;
    API_RETURN(phone_error(
        (gain ? fn->phoneGetGain : fn->phoneGetVolume)(open->dev->hdPhone, hsdev, level)));
}

/* phoneSetVolume, or with `gain` phoneSetGain: asynchronous, levels past 0xFFFF clamped. */
static LONG api_phone_set_level(HPHONE hPhone, DWORD hsdev, DWORD level, bool gain)
{
    if (!api_one_bit_of(hsdev, API_HOOKSWITCH_DEVS))
        return PHONEERR_INVALHOOKSWITCHDEV;
    core_enter();
    struct phone_open *open;
    LONG rc = api_phone_level_open(hPhone, hsdev, true, gain, &open);
    if (rc != 0)
        API_RETURN(rc);
    const struct tspi_table *fn = &open->dev->prov->fn;
    API_PHONE_REQUEST(open, gain ? fn->phoneSetGain : fn->phoneSetVolume, hsdev,
                      api_phone_level(level));
}

LONG WINAPI CORE_API(phoneGetVolume)(HPHONE hPhone, DWORD dwHookSwitchDev, LPDWORD lpdwVolume)
{
    return api_phone_get_level(hPhone, dwHookSwitchDev, lpdwVolume, false);
}

LONG WINAPI CORE_API(phoneSetVolume)(HPHONE hPhone, DWORD dwHookSwitchDev, DWORD dwVolume)
{
    return api_phone_set_level(hPhone, dwHookSwitchDev, dwVolume, false);
}

LONG WINAPI CORE_API(phoneGetGain)(HPHONE hPhone, DWORD dwHookSwitchDev, LPDWORD lpdwGain)
{
    return api_phone_get_level(hPhone, dwHookSwitchDev, lpdwGain, true);
}

LONG WINAPI CORE_API(phoneSetGain)(HPHONE hPhone, DWORD dwHookSwitchDev, DWORD dwGain)
{
    return api_phone_set_level(hPhone, dwHookSwitchDev, dwGain, true);
}

LONG WINAPI CORE_API(phoneGetRing)(HPHONE hPhone, LPDWORD lpdwRingMode, LPDWORD lpdwVolume)
{
    if (!lpdwRingMode || !lpdwVolume)
        return PHONEERR_INVALPOINTER;
    core_enter();
    struct phone_open *open;
    LONG rc = api_phone(hPhone, false, &open);
    if (rc == 0 && !open->dev->prov->fn.phoneGetRing)
        rc = PHONEERR_OPERATIONUNAVAIL;
    if (rc == 0)
        rc = phone_error(
            open->dev->prov->fn.phoneGetRing(open->dev->hdPhone, lpdwRingMode, lpdwVolume));
    API_RETURN(rc);
}

LONG WINAPI CORE_API(phoneSetRing)(HPHONE hPhone, DWORD dwRingMode, DWORD dwVolume)
{
    core_enter();
    struct phone_open *open;
    LONG rc = api_phone(hPhone, true, &open);
    if (rc != 0)
        API_RETURN(rc);
    struct phone_device *dev = open->dev;
    if (!dev->prov->fn.phoneSetRing)
        API_RETURN(PHONEERR_OPERATIONUNAVAIL);
    rc = api_phone_check_ring_mode(dev, dwRingMode);
    if (rc != 0)
        API_RETURN(rc);
    API_PHONE_REQUEST(open, dev->prov->fn.phoneSetRing, dwRingMode, api_phone_level(dwVolume));
}

LONG WINAPI CORE_API(phoneGetDisplay)(HPHONE hPhone, LPVARSTRING lpDisplay)
{
    core_enter();
    struct phone_open *open;
    LONG rc = api_phone(hPhone, false, &open);
    if (rc == 0)
        rc = api_phone_varstruct(lpDisplay, sizeof(VARSTRING));
    if (rc == 0 && !open->dev->prov->fn.phoneGetDisplay)
        rc = PHONEERR_OPERATIONUNAVAIL;
    if (rc == 0)
        rc = phone_error(open->dev->prov->fn.phoneGetDisplay(open->dev->hdPhone, lpDisplay));
    API_RETURN(rc);
}

/* Checks a display position: OPERATIONUNAVAIL without a display, INVALPARAM outside it. */
static LONG api_phone_check_display(struct phone_device *dev, DWORD row, DWORD column)
{
    PHONECAPS caps;
    if (!api_phone_caps(dev, &caps))
        return 0;
    if (!caps.dwDisplayNumRows || !caps.dwDisplayNumColumns)
        return PHONEERR_OPERATIONUNAVAIL;
    if (row >= caps.dwDisplayNumRows || column >= caps.dwDisplayNumColumns)
        return PHONEERR_INVALPARAM;
    return 0;
}

LONG WINAPI CORE_API(phoneSetDisplay)(HPHONE hPhone, DWORD dwRow, DWORD dwColumn, LPCSTR lpsDisplay,
                                      DWORD dwSize)
{
    if (!lpsDisplay && dwSize)
        return PHONEERR_INVALPOINTER;
    core_enter();
    struct phone_open *open;
    LONG rc = api_phone(hPhone, true, &open);
    if (rc == 0 && !open->dev->prov->fn.phoneSetDisplay)
        rc = PHONEERR_OPERATIONUNAVAIL;
    if (rc == 0)
        rc = api_phone_check_display(open->dev, dwRow, dwColumn);
    if (rc != 0)
        API_RETURN(rc);
    API_PHONE_REQUEST(open, open->dev->prov->fn.phoneSetDisplay, dwRow, dwColumn, lpsDisplay,
                      dwSize);
}

LONG WINAPI CORE_API(phoneGetLamp)(HPHONE hPhone, DWORD dwButtonLampID, LPDWORD lpdwLampMode)
{
    if (!lpdwLampMode)
        return PHONEERR_INVALPOINTER;
    core_enter();
    struct phone_open *open;
    LONG rc = api_phone(hPhone, false, &open);
    if (rc == 0 && !open->dev->prov->fn.phoneGetLamp)
        rc = PHONEERR_OPERATIONUNAVAIL;
    if (rc == 0)
        rc = api_phone_check_button_lamp(open->dev, dwButtonLampID);
    if (rc == 0)
        rc = phone_error(
            open->dev->prov->fn.phoneGetLamp(open->dev->hdPhone, dwButtonLampID, lpdwLampMode));
    API_RETURN(rc);
}

/* The lamp modes an application may set (a dummy lamp and "unknown" are only reported). */
#define API_SETTABLE_LAMP_MODES                                                                    \
    (PHONELAMPMODE_OFF | PHONELAMPMODE_STEADY | PHONELAMPMODE_WINK | PHONELAMPMODE_FLASH |         \
     PHONELAMPMODE_FLUTTER | PHONELAMPMODE_BROKENFLUTTER)

LONG WINAPI CORE_API(phoneSetLamp)(HPHONE hPhone, DWORD dwButtonLampID, DWORD dwLampMode)
{
    if (!api_one_bit_of(dwLampMode, API_SETTABLE_LAMP_MODES))
        return PHONEERR_INVALLAMPMODE;
    core_enter();
    struct phone_open *open;
    LONG rc = api_phone(hPhone, true, &open);
    if (rc == 0 && !open->dev->prov->fn.phoneSetLamp)
        rc = PHONEERR_OPERATIONUNAVAIL;
    if (rc == 0)
        rc = api_phone_check_button_lamp(open->dev, dwButtonLampID);
    if (rc != 0)
        API_RETURN(rc);
    API_PHONE_REQUEST(open, open->dev->prov->fn.phoneSetLamp, dwButtonLampID, dwLampMode);
}

LONG WINAPI CORE_API(phoneGetButtonInfo)(HPHONE hPhone, DWORD dwButtonLampID,
                                         LPPHONEBUTTONINFO lpButtonInfo)
{
    core_enter();
    struct phone_open *open;
    LONG rc = api_phone(hPhone, false, &open);
    if (rc == 0 && !open->dev->prov->fn.phoneGetButtonInfo)
        rc = PHONEERR_OPERATIONUNAVAIL;
    if (rc == 0)
        rc = api_phone_check_button_lamp(open->dev, dwButtonLampID);
    if (rc == 0)
        rc = api_phone_varstruct(lpButtonInfo, sizeof(PHONEBUTTONINFO));
    if (rc == 0)
        rc = phone_error(open->dev->prov->fn.phoneGetButtonInfo(open->dev->hdPhone, dwButtonLampID,
                                                                lpButtonInfo));
    API_RETURN(rc);
}

/* Checks a PHONEBUTTONINFO the application passes in: its size and where its fields lie. */
static LONG api_phone_check_button_info(const PHONEBUTTONINFO *info)
{
    if (!info)
        return PHONEERR_INVALPOINTER;
    DWORD total = info->dwTotalSize, fixed = sizeof(PHONEBUTTONINFO);
    if (total < fixed)
        return PHONEERR_STRUCTURETOOSMALL;
    if (!api_pair_inside(total, fixed, info->dwButtonTextSize, info->dwButtonTextOffset) ||
        !api_pair_inside(total, fixed, info->dwDevSpecificSize, info->dwDevSpecificOffset))
        return PHONEERR_STRUCTURETOOSMALL;
    return 0;
}

LONG WINAPI CORE_API(phoneSetButtonInfo)(HPHONE hPhone, DWORD dwButtonLampID,
                                         const PHONEBUTTONINFO *lpButtonInfo)
{
    LONG rc = api_phone_check_button_info(lpButtonInfo);
    if (rc != 0)
        return rc;
    core_enter();
    struct phone_open *open;
    rc = api_phone(hPhone, true, &open);
    if (rc == 0 && !open->dev->prov->fn.phoneSetButtonInfo)
        rc = PHONEERR_OPERATIONUNAVAIL;
    if (rc == 0)
        rc = api_phone_check_button_lamp(open->dev, dwButtonLampID);
    if (rc != 0)
        API_RETURN(rc);
    API_PHONE_REQUEST(open, open->dev->prov->fn.phoneSetButtonInfo, dwButtonLampID,
                      (LPPHONEBUTTONINFO)lpButtonInfo);
}

/* PHONEERR_INVALDATAID when the phone has no data area `id` to read (or to write). */
static LONG api_phone_check_data_id(struct phone_device *dev, DWORD id, bool set)
{
    PHONECAPS caps;
    if (api_phone_caps(dev, &caps) && id >= (set ? caps.dwNumSetData : caps.dwNumGetData))
        return PHONEERR_INVALDATAID;
    return 0;
}

LONG WINAPI CORE_API(phoneGetData)(HPHONE hPhone, DWORD dwDataID, LPVOID lpData, DWORD dwSize)
{
    if (!lpData && dwSize)
        return PHONEERR_INVALPOINTER;
    core_enter();
    struct phone_open *open;
    LONG rc = api_phone(hPhone, false, &open);
    if (rc == 0 && !open->dev->prov->fn.phoneGetData)
        rc = PHONEERR_OPERATIONUNAVAIL;
    if (rc == 0)
        rc = api_phone_check_data_id(open->dev, dwDataID, false);
    if (rc == 0)
        rc = phone_error(
            open->dev->prov->fn.phoneGetData(open->dev->hdPhone, dwDataID, lpData, dwSize));
    API_RETURN(rc);
}

LONG WINAPI CORE_API(phoneSetData)(HPHONE hPhone, DWORD dwDataID, LPCVOID lpData, DWORD dwSize)
{
    if (!lpData && dwSize)
        return PHONEERR_INVALPOINTER;
    core_enter();
    struct phone_open *open;
    LONG rc = api_phone(hPhone, true, &open);
    if (rc == 0 && !open->dev->prov->fn.phoneSetData)
        rc = PHONEERR_OPERATIONUNAVAIL;
    if (rc == 0)
        rc = api_phone_check_data_id(open->dev, dwDataID, true);
    if (rc != 0)
        API_RETURN(rc);
    API_PHONE_REQUEST(open, open->dev->prov->fn.phoneSetData, dwDataID, (LPVOID)lpData, dwSize);
}
