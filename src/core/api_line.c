/*
 * api_line.c — TAPI functions on line devices: open and close, capabilities, status, status
 * messages, device IDs, and the requests that start calls from a line (lineMakeCall,
 * linePickup, lineUnpark, lineForward).
 */
#include "api.h"

#include <stdlib.h>
#include <string.h>

#define PRIVILEGE_BITS                                                                             \
    (LINECALLPRIVILEGE_NONE | LINECALLPRIVILEGE_MONITOR | LINECALLPRIVILEGE_OWNER)
#define OPEN_OPTION_BITS (LINEOPENOPTION_SINGLEADDRESS | LINEOPENOPTION_PROXY)

/* The line device an application names, after the version checks every device call makes. */
static LONG api_device(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAPIVersion,
                       struct line_device **devp)
{
    struct line_device *dev;
    LONG rc = api_app_line_device(hLineApp, dwDeviceID, &dev);
    if (rc != 0)
        return rc;
    if (!api_version_ok(dwAPIVersion))
        return LINEERR_INCOMPATIBLEAPIVERSION;
    rc = line_device_ensure_version(dev);
    if (rc != 0)
        return rc;
    *devp = dev;
    return 0;
}

/* Checks the privilege and media-mode arguments of lineOpen. */
static LONG api_check_open_args(DWORD privileges, DWORD media_modes)
{
    DWORD privilege = privileges & ~(DWORD)OPEN_OPTION_BITS;
    if (privileges & ~(DWORD)(PRIVILEGE_BITS | OPEN_OPTION_BITS))
        return LINEERR_INVALPRIVSELECT;
    if (privilege != LINECALLPRIVILEGE_NONE && privilege != LINECALLPRIVILEGE_MONITOR &&
        privilege != LINECALLPRIVILEGE_OWNER &&
        privilege != (LINECALLPRIVILEGE_OWNER | LINECALLPRIVILEGE_MONITOR))
        return LINEERR_INVALPRIVSELECT;
    if (privilege & LINECALLPRIVILEGE_OWNER) {
        if (media_modes == 0 || (media_modes & ~(DWORD)(2u * LAST_LINEMEDIAMODE - 1u)) ||
            (media_modes & 1u))
            return LINEERR_INVALMEDIAMODE;
    }
    return 0;
}

/* Creates the open of `dev` for `app` and the handle the application gets. */
static LONG api_open_line(struct app *app, struct line_device *dev, DWORD api_version,
                          DWORD_PTR inst, DWORD privileges, DWORD media_modes,
                          struct line_open **openp)
{
    uint32_t handle;
    struct line_open *open = handle_alloc(&g_core.handles, HANDLE_LINE, sizeof(*open), &handle);
    if (!open)
        return LINEERR_NOMEM;
    open->handle = handle;
    LONG rc = line_device_open(dev);
    if (rc != 0) {
        handle_free(&g_core.handles, open->handle);
        free(open);
        return rc;
    }
    open->app = app;
    open->dev = dev;
    open->privileges = privileges & PRIVILEGE_BITS;
    open->media_modes = (privileges & LINECALLPRIVILEGE_OWNER) ? media_modes : 0;
    open->api_version = api_version;
    open->callback_instance = inst;
    open->next_in_app = app->opens;
    app->opens = open;
    open->next_on_dev = dev->opens;
    dev->opens = open;
    *openp = open;
    return 0;
}

/* LINEMAPPER: the first line that can take the requested media modes. */
static struct line_device *api_map_line(DWORD media_modes)
{
    for (DWORD id = 0; id < g_core.num_lines; id++) {
        struct line_device *dev = line_device_get(id);
        if (!dev || line_device_ensure_version(dev) != 0 || !dev->prov->fn.lineGetDevCaps)
            continue;
        LINEDEVCAPS caps = {.dwTotalSize = sizeof(caps)};
        if (dev->prov->fn.lineGetDevCaps(id, dev->tspi_version, 0, &caps) == 0 &&
            (caps.dwMediaModes & media_modes) == media_modes)
            return dev;
    }
    return NULL;
}

LONG WINAPI CORE_API(lineOpen)(HLINEAPP hLineApp, DWORD dwDeviceID, LPHLINE lphLine,
                               DWORD dwAPIVersion, DWORD dwExtVersion, DWORD_PTR dwCallbackInstance,
                               DWORD dwPrivileges, DWORD dwMediaModes,
                               const LINECALLPARAMS *lpCallParams)
{
    if (!lphLine)
        return LINEERR_INVALPOINTER;
    LONG rc = api_check_open_args(dwPrivileges, dwMediaModes);
    if (rc != 0)
        return rc;
    core_enter();
    struct app *app = app_find(hLineApp, APP_LINE);
    if (!app)
        API_RETURN(LINEERR_INVALAPPHANDLE);
    if (dwDeviceID == LINEMAPPER) {
        struct line_device *mapped = api_map_line(dwMediaModes);
        if (!mapped)
            API_RETURN(LINEERR_INVALMEDIAMODE);
        dwDeviceID = mapped->device_id;
    }
    struct line_device *dev;
    rc = api_device(hLineApp, dwDeviceID, dwAPIVersion, &dev);
    if (rc != 0)
        API_RETURN(rc);
    if (dwExtVersion && !dev->prov->fn.lineNegotiateExtVersion)
        API_RETURN(LINEERR_INCOMPATIBLEEXTVERSION);
    if ((dwPrivileges & LINEOPENOPTION_PROXY) && (rc = api_check_call_params(lpCallParams, dev)))
        API_RETURN(rc);
    struct line_open *open;
    rc = api_open_line(app, dev, dwAPIVersion, dwCallbackInstance, dwPrivileges, dwMediaModes,
                       &open);
    if (rc != 0)
        API_RETURN(rc);
    /* LINEOPENOPTION_PROXY: the request types listed in lpCallParams' DevSpecific part. */
    if ((dwPrivileges & LINEOPENOPTION_PROXY) && (rc = proxy_register(open, lpCallParams))) {
        line_open_close(open, false);
        API_RETURN(rc);
    }
    rc = line_update_media_detection(dev);
    if (rc != 0) {
        line_open_close(open, false);
        API_RETURN(rc == LINEERR_OPERATIONUNAVAIL ? LINEERR_INVALMEDIAMODE : rc);
    }
    /* Calls already on the line are shown to a new monitor, as TAPI does. */
    if (open->privileges & LINECALLPRIVILEGE_MONITOR)
        for (struct tcall *call = dev->calls; call; call = call->next_on_dev)
            if (call->valid)
                call_give_handles(call, NULL);
    *lphLine = open->handle;
    API_RETURN(0);
}

LONG WINAPI CORE_API(lineClose)(HLINE hLine)
{
    core_enter();
    struct line_open *open = api_line(hLine);
    if (!open)
        API_RETURN(LINEERR_INVALLINEHANDLE);
    line_open_close(open, false);
    API_RETURN(0);
}

LONG WINAPI CORE_API(lineGetDevCaps)(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAPIVersion,
                                     DWORD dwExtVersion, LPLINEDEVCAPS lpLineDevCaps)
{
    core_enter();
    struct line_device *dev;
    LONG rc = api_device(hLineApp, dwDeviceID, dwAPIVersion, &dev);
    if (rc == 0)
        rc = api_check_varstruct(lpLineDevCaps, sizeof(LINEDEVCAPS));
    if (rc == 0 && !dev->prov->fn.lineGetDevCaps)
        rc = LINEERR_OPERATIONUNAVAIL;
    if (rc == 0)
        rc = dev->prov->fn.lineGetDevCaps(dwDeviceID, dev->tspi_version, dwExtVersion,
                                          lpLineDevCaps);
    API_RETURN(rc);
}

LONG WINAPI CORE_API(lineGetAddressCaps)(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAddressID,
                                         DWORD dwAPIVersion, DWORD dwExtVersion,
                                         LPLINEADDRESSCAPS lpAddressCaps)
{
    core_enter();
    struct line_device *dev;
    LONG rc = api_device(hLineApp, dwDeviceID, dwAPIVersion, &dev);
    if (rc == 0 && dwAddressID >= dev->num_addresses)
        rc = LINEERR_INVALADDRESSID;
    if (rc == 0)
        rc = api_check_varstruct(lpAddressCaps, sizeof(LINEADDRESSCAPS));
    if (rc == 0 && !dev->prov->fn.lineGetAddressCaps)
        rc = LINEERR_OPERATIONUNAVAIL;
    if (rc == 0)
        rc = dev->prov->fn.lineGetAddressCaps(dwDeviceID, dwAddressID, dev->tspi_version,
                                              dwExtVersion, lpAddressCaps);
    API_RETURN(rc);
}

LONG WINAPI CORE_API(lineGetLineDevStatus)(HLINE hLine, LPLINEDEVSTATUS lpLineDevStatus)
{
    core_enter();
    struct line_open *open = api_line(hLine);
    if (!open)
        API_RETURN(LINEERR_INVALLINEHANDLE);
    LONG rc = api_check_varstruct(lpLineDevStatus, sizeof(LINEDEVSTATUS));
    if (rc == 0 && !open->dev->prov->fn.lineGetLineDevStatus)
        rc = LINEERR_OPERATIONUNAVAIL;
    if (rc == 0)
        rc = open->dev->prov->fn.lineGetLineDevStatus(open->dev->hdLine, lpLineDevStatus);
    if (rc == 0)
        rc = appinfo_append(open->dev, lpLineDevStatus);
    API_RETURN(rc);
}

LONG WINAPI CORE_API(lineGetAddressStatus)(HLINE hLine, DWORD dwAddressID,
                                           LPLINEADDRESSSTATUS lpAddressStatus)
{
    core_enter();
    struct line_open *open;
    LONG rc = api_line_address(hLine, &dwAddressID, &open);
    if (rc == 0)
        rc = api_check_varstruct(lpAddressStatus, sizeof(LINEADDRESSSTATUS));
    if (rc == 0 && !open->dev->prov->fn.lineGetAddressStatus)
        rc = LINEERR_OPERATIONUNAVAIL;
    if (rc == 0)
        rc = open->dev->prov->fn.lineGetAddressStatus(open->dev->hdLine, dwAddressID,
                                                      lpAddressStatus);
    API_RETURN(rc);
}

/* Tells the provider the union of what every open of the line wants reported. */
static LONG api_push_status_messages(struct line_device *dev)
{
    DWORD line_states = 0, address_states = 0;
    for (struct line_open *o = dev->opens; o; o = o->next_on_dev) {
        line_states |= o->line_states;
        address_states |= o->address_states;
    }
    if (!dev->prov->fn.lineSetStatusMessages)
        return 0;
    return dev->prov->fn.lineSetStatusMessages(dev->hdLine, line_states, address_states);
}

LONG WINAPI CORE_API(lineSetStatusMessages)(HLINE hLine, DWORD dwLineStates, DWORD dwAddressStates)
{
    core_enter();
    struct line_open *open = api_line(hLine);
    if (!open)
        API_RETURN(LINEERR_INVALLINEHANDLE);
    if (dwLineStates & ~(DWORD)(2u * LINEDEVSTATE_REMOVED - 1u))
        API_RETURN(LINEERR_INVALLINESTATE);
    if (dwAddressStates & ~(DWORD)(2u * LINEADDRESSSTATE_CAPSCHANGE - 1u))
        API_RETURN(LINEERR_INVALADDRESSSTATE);
    open->line_states = dwLineStates;
    open->address_states = dwAddressStates;
    API_RETURN(api_push_status_messages(open->dev));
}

LONG WINAPI CORE_API(lineGetStatusMessages)(HLINE hLine, LPDWORD lpdwLineStates,
                                            LPDWORD lpdwAddressStates)
{
    if (!lpdwLineStates || !lpdwAddressStates)
        return LINEERR_INVALPOINTER;
    core_enter();
    struct line_open *open = api_line(hLine);
    if (!open)
        API_RETURN(LINEERR_INVALLINEHANDLE);
    *lpdwLineStates = open->line_states;
    *lpdwAddressStates = open->address_states;
    API_RETURN(0);
}

LONG WINAPI CORE_API(lineGetAddressID)(HLINE hLine, LPDWORD lpdwAddressID, DWORD dwAddressMode,
                                       LPCSTR lpsAddress, DWORD dwSize)
{
    if (!lpdwAddressID || !lpsAddress)
        return LINEERR_INVALPOINTER;
    if (dwAddressMode != LINEADDRESSMODE_DIALABLEADDR)
        return LINEERR_INVALADDRESSMODE;
    core_enter();
    struct line_open *open = api_line(hLine);
    if (!open)
        API_RETURN(LINEERR_INVALLINEHANDLE);
    if (!open->dev->prov->fn.lineGetAddressID)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    API_RETURN(open->dev->prov->fn.lineGetAddressID(open->dev->hdLine, lpdwAddressID, dwAddressMode,
                                                    lpsAddress, dwSize));
}

/* The device class "tapi/line" the core answers itself; others go to the provider. */
static LONG api_get_line_id(struct line_device *dev, LPVARSTRING out)
{
    struct tapix_varstruct vs;
    LONG rc = tapix_varstruct_begin(&vs, out, sizeof(VARSTRING));
    if (rc != 0)
        return rc;
    DWORD id = dev->device_id;
    out->dwStringFormat = STRINGFORMAT_BINARY;
    tapix_varstruct_append(&vs, &out->dwStringSize, &out->dwStringOffset, &id, sizeof(id));
    tapix_varstruct_end(&vs);
    return 0;
}

LONG WINAPI CORE_API(lineGetID)(HLINE hLine, DWORD dwAddressID, HCALL hCall, DWORD dwSelect,
                                LPVARSTRING lpDeviceID, LPCSTR lpszDeviceClass)
{
    if (!lpszDeviceClass)
        return LINEERR_INVALPOINTER;
    core_enter();
    struct line_device *dev = NULL;
    HDRVCALL hdCall = NULL;
    if (dwSelect == LINECALLSELECT_CALL) {
        struct call_handle *ch = call_handle_find(hCall);
        if (!ch)
            API_RETURN(LINEERR_INVALCALLHANDLE);
        dev = ch->call->dev;
        hdCall = ch->call->hdCall;
    } else if (dwSelect == LINECALLSELECT_LINE || dwSelect == LINECALLSELECT_ADDRESS) {
        struct line_open *open;
        LONG rc = api_line_address(hLine, dwSelect == LINECALLSELECT_ADDRESS ? &dwAddressID : NULL,
                                   &open);
        if (rc != 0)
            API_RETURN(rc);
        dev = open->dev;
    } else {
        API_RETURN(LINEERR_INVALCALLSELECT);
    }
    LONG rc = api_check_varstruct(lpDeviceID, sizeof(VARSTRING));
    if (rc != 0)
        API_RETURN(rc);
    if (strcmp(lpszDeviceClass, "tapi/line") == 0)
        API_RETURN(api_get_line_id(dev, lpDeviceID));
    if (!dev->prov->fn.lineGetID)
        API_RETURN(LINEERR_INVALDEVICECLASS);
    API_RETURN(dev->prov->fn.lineGetID(dev->hdLine, dwAddressID, hdCall, dwSelect, lpDeviceID,
                                       lpszDeviceClass, NULL));
}

LONG WINAPI CORE_API(lineMakeCall)(HLINE hLine, LPHCALL lphCall, LPCSTR lpszDestAddress,
                                   DWORD dwCountryCode, const LINECALLPARAMS *lpCallParams)
{
    if (!lphCall)
        return LINEERR_INVALPOINTER;
    core_enter();
    struct line_open *open = api_line(hLine);
    if (!open)
        API_RETURN(LINEERR_INVALLINEHANDLE);
    struct line_device *dev = open->dev;
    LONG rc = api_check_call_params(lpCallParams, dev);
    if (rc != 0)
        API_RETURN(rc);
    if (!dev->prov->fn.lineMakeCall)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    struct request *req = api_new_call_request(open, lphCall);
    if (!req)
        API_RETURN(LINEERR_NOMEM);
    struct tcall *call = req->call1;
    rc = dev->prov->fn.lineMakeCall(req->id, dev->hdLine, (HTAPICALL)call, &call->hdCall,
                                    lpszDestAddress, dwCountryCode, (LPLINECALLPARAMS)lpCallParams);
    API_RETURN(request_submit(req, rc));
}

/*
 * The body of linePickup and lineUnpark, which bring a call to an address of the line: check
 * the line and address, then hand TSPI_<op>(dwRequestID, hdLine, dwAddressID, htCall, &hdCall,
 * ...) a new call, whose handle the application gets in *lphCall with the reply.
 */
#define API_ADDRESS_CALL_REQUEST(hLine, dwAddressID, lphCall, op, ...)                             \
    do {                                                                                           \
        core_enter();                                                                              \
        struct line_open *open_;                                                                   \
        LONG rc_ = api_line_address((hLine), &(dwAddressID), &open_);                              \
        if (rc_ != 0)                                                                              \
            API_RETURN(rc_);                                                                       \
        struct line_device *dev_ = open_->dev;                                                     \
        if (!dev_->prov->fn.op)                                                                    \
            API_RETURN(LINEERR_OPERATIONUNAVAIL);                                                  \
        struct request *req_ = api_new_call_request(open_, (lphCall));                             \
        if (!req_)                                                                                 \
            API_RETURN(LINEERR_NOMEM);                                                             \
        struct tcall *call_ = req_->call1;                                                         \
        API_RETURN(request_submit(req_, dev_->prov->fn.op(req_->id, dev_->hdLine, (dwAddressID),   \
                                                          (HTAPICALL)call_, &call_->hdCall,        \
                                                          __VA_ARGS__)));                          \
    } while (0)

LONG WINAPI CORE_API(linePickup)(HLINE hLine, DWORD dwAddressID, LPHCALL lphCall,
                                 LPCSTR lpszDestAddress, LPCSTR lpszGroupID)
{
    if (!lphCall)
        return LINEERR_INVALPOINTER;
    API_ADDRESS_CALL_REQUEST(hLine, dwAddressID, lphCall, linePickup, lpszDestAddress, lpszGroupID);
}

LONG WINAPI CORE_API(lineUnpark)(HLINE hLine, DWORD dwAddressID, LPHCALL lphCall,
                                 LPCSTR lpszDestAddress)
{
    if (!lphCall || !lpszDestAddress)
        return LINEERR_INVALPOINTER;
    API_ADDRESS_CALL_REQUEST(hLine, dwAddressID, lphCall, lineUnpark, lpszDestAddress);
}

LONG WINAPI CORE_API(lineForward)(HLINE hLine, DWORD bAllAddresses, DWORD dwAddressID,
                                  const LINEFORWARDLIST *lpForwardList, DWORD dwNumRingsNoAnswer,
                                  LPHCALL lphConsultCall, const LINECALLPARAMS *lpCallParams)
{
    if (!lphConsultCall)
        return LINEERR_INVALPOINTER;
    core_enter();
    struct line_open *open;
    LONG rc = api_line_address(hLine, bAllAddresses ? NULL : &dwAddressID, &open);
    if (rc != 0)
        API_RETURN(rc);
    struct line_device *dev = open->dev;
    if (lpForwardList && lpForwardList->dwTotalSize < sizeof(LINEFORWARDLIST))
        API_RETURN(LINEERR_STRUCTURETOOSMALL);
    rc = api_check_call_params(lpCallParams, dev);
    if (rc != 0)
        API_RETURN(rc);
    if (!dev->prov->fn.lineForward)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    *lphConsultCall = 0;
    struct request *req = api_new_call_request(open, lphConsultCall);
    if (!req)
        API_RETURN(LINEERR_NOMEM);
    struct tcall *call = req->call1;
    rc = dev->prov->fn.lineForward(req->id, dev->hdLine, bAllAddresses, dwAddressID,
                                   (LPLINEFORWARDLIST)lpForwardList, dwNumRingsNoAnswer,
                                   (HTAPICALL)call, &call->hdCall, (LPLINECALLPARAMS)lpCallParams);
    /* No consultation call is the common case: the provider leaves hdCall NULL. */
    if (rc >= 0 && !call->hdCall) {
        call_free(call);
        req->call1 = NULL;
        req->lphCall1 = NULL;
    }
    API_RETURN(request_submit(req, rc));
}

LONG WINAPI CORE_API(lineDevSpecific)(HLINE hLine, DWORD dwAddressID, HCALL hCall, LPVOID lpParams,
                                      DWORD dwSize)
{
    core_enter();
    struct line_open *open = api_line(hLine);
    if (!open)
        API_RETURN(LINEERR_INVALLINEHANDLE);
    HDRVCALL hdCall = NULL;
    if (hCall) {
        struct call_handle *ch = call_handle_find(hCall);
        if (!ch || ch->call->dev != open->dev)
            API_RETURN(LINEERR_INVALCALLHANDLE);
        hdCall = ch->call->hdCall;
    }
    if (!open->dev->prov->fn.lineDevSpecific)
        API_RETURN(LINEERR_OPERATIONUNAVAIL);
    struct request *req = request_new(open->app, open->callback_instance, REQ_PLAIN);
    if (!req)
        API_RETURN(LINEERR_NOMEM);
    LONG rc = open->dev->prov->fn.lineDevSpecific(req->id, open->dev->hdLine, dwAddressID, hdCall,
                                                  lpParams, dwSize);
    API_RETURN(request_submit(req, rc));
}
