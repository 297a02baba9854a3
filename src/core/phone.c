/*
 * phone.c — phone devices and the applications' opens of them.
 *
 * A phone device is opened at the provider once, at the first phoneOpen of any application,
 * and closed after the last phoneClose. Each open (an HPHONE) holds one privilege: at most one
 * open of a device is its owner, who may change the lamps, display, ringer and hookswitch; any
 * number may monitor. The core tells the other opens when the number of owners or monitors
 * changes (PHONE_STATE with PHONESTATE_OWNER / PHONESTATE_MONITORS), and fans the provider's
 * PHONE_BUTTON, PHONE_STATE and PHONE_DEVSPECIFIC out to the opens whose status-message masks
 * ask for them. What every open asked for is pushed to the provider as one union
 * (TSPI_phoneSetStatusMessages), so that it reports no more than someone listens to.
 */
#include "core.h"

#include <stdlib.h>

/* Every PHONESTATE_ bit an application may ask for. */
#define PHONE_ALL_STATES (2u * PHONESTATE_REMOVED - 1u)

/* The phone device with this ID, or NULL when there is none (or it was removed). */
struct phone_device *phone_device_get(DWORD device_id)
{
    if (!g_core.started || device_id >= g_core.num_phones)
        return NULL;
    struct phone_device *dev = g_core.phones[device_id];
    return dev->removed ? NULL : dev;
}

/* The open behind an HPHONE, or NULL for a handle that is unknown, stale or not a phone's. */
struct phone_open *phone_open_find(DWORD hPhone)
{
    return handle_get(&g_core.handles, hPhone, HANDLE_PHONE);
}

/*
 * Negotiates the device's TSPI version with its provider the first time the device is used;
 * 0, or a PHONEERR_ code (PHONEERR_OPERATIONUNAVAIL when the provider cannot negotiate).
 */
LONG phone_device_ensure_version(struct phone_device *dev)
{
    if (dev->tspi_version)
        return 0;
    struct provider *prov = dev->prov;
    if (!prov->fn.phoneNegotiateTSPIVersion) {
        tapix_log(LOG_ERROR,
                  "provider '%s' has phone devices but no "
                  "TSPI_phoneNegotiateTSPIVersion",
                  prov->name);
        return PHONEERR_OPERATIONUNAVAIL;
    }
    DWORD version = 0;
    LONG rc = prov->fn.phoneNegotiateTSPIVersion(dev->device_id, CORE_TSPI_VERSION_LOW,
                                                 prov->tspi_version, &version);
    if (rc != 0)
        return phone_error(rc);
    dev->tspi_version = version;
    return 0;
}

/* How many opens of `dev` hold `privilege` (a PHONEPRIVILEGE_ bit). */
DWORD phone_count_opens(const struct phone_device *dev, DWORD privilege)
{
    DWORD n = 0;
    for (const struct phone_open *o = dev->opens; o; o = o->next_on_dev)
        n += (o->privilege & privilege) != 0;
    return n;
}

/* The open that owns `dev`, or NULL. */
struct phone_open *phone_owner(const struct phone_device *dev)
{
    for (struct phone_open *o = dev->opens; o; o = o->next_on_dev)
        if (o->privilege & PHONEPRIVILEGE_OWNER)
            return o;
    return NULL;
}

/* Posts PHONE_STATE(state, p2) to every open of `dev` whose mask selects `state`. */
static void phone_post_state(struct phone_device *dev, DWORD state, DWORD_PTR p2)
{
    for (struct phone_open *o = dev->opens; o; o = o->next_on_dev) {
        DWORD wanted = state & (o->phone_states | PHONESTATE_REINIT);
        if (wanted)
            app_post(o->app, o->handle, PHONE_STATE, o->callback_instance, wanted, p2, 0);
    }
}

/* Tells the opens of `dev` how many owners or monitors it has, after one came or went. */
static void phone_post_privilege_change(struct phone_device *dev, DWORD privilege)
{
    if (privilege & PHONEPRIVILEGE_OWNER)
        phone_post_state(dev, PHONESTATE_OWNER, phone_count_opens(dev, PHONEPRIVILEGE_OWNER));
    if (privilege & PHONEPRIVILEGE_MONITOR)
        phone_post_state(dev, PHONESTATE_MONITORS, phone_count_opens(dev, PHONEPRIVILEGE_MONITOR));
}

/*
 * Tells the provider the union of the status messages every open of `dev` wants (none of
 * them is needed when the provider lacks TSPI_phoneSetStatusMessages: the core filters).
 * 0 or the provider's PHONEERR_ code.
 */
LONG phone_update_status_messages(struct phone_device *dev)
{
    if (!dev->open_count || !dev->prov->fn.phoneSetStatusMessages)
        return 0;
    DWORD states = 0, modes = 0, button_states = 0;
    for (const struct phone_open *o = dev->opens; o; o = o->next_on_dev) {
        states |= o->phone_states;
        modes |= o->button_modes;
        button_states |= o->button_states;
    }
    /* The core itself produces the owner and monitor counts. */
    states &= ~(DWORD)(PHONESTATE_OWNER | PHONESTATE_MONITORS) & PHONE_ALL_STATES;
    return phone_error(
        dev->prov->fn.phoneSetStatusMessages(dev->hdPhone, states, modes, button_states));
}

/* Opens the provider's phone for the first open of `dev`. */
static LONG phone_device_open(struct phone_device *dev)
{
    if (dev->open_count++)
        return 0;
    LONG rc = PHONEERR_OPERATIONUNAVAIL;
    if (dev->prov->fn.phoneOpen)
        rc = phone_error(dev->prov->fn.phoneOpen(dev->device_id, (HTAPIPHONE)dev, &dev->hdPhone,
                                                 dev->tspi_version, event_phone_callback));
    if (rc != 0) {
        dev->open_count--;
        dev->hdPhone = NULL;
    }
    return rc;
}

/* Closes the provider's phone after its last open is gone. */
static void phone_device_close(struct phone_device *dev)
{
    if (--dev->open_count)
        return;
    if (dev->prov->fn.phoneClose)
        dev->prov->fn.phoneClose(dev->hdPhone);
    dev->hdPhone = NULL;
}

/*
 * Creates an open of `dev` for `app` with one PHONEPRIVILEGE_ value, opening the provider's
 * phone first when nobody had it open; the other opens hear of the new owner or monitor. The
 * caller checked the privilege rules. 0 with *openp set, or a PHONEERR_ code and nothing made.
 */
LONG phone_open_new(struct app *app, struct phone_device *dev, DWORD api_version, DWORD_PTR inst,
                    DWORD privilege, struct phone_open **openp)
{
    uint32_t handle;
    struct phone_open *open = handle_alloc(&g_core.handles, HANDLE_PHONE, sizeof(*open), &handle);
    if (!open)
        return PHONEERR_NOMEM;
    open->handle = handle;
    LONG rc = phone_device_open(dev);
    if (rc != 0) {
        handle_free(&g_core.handles, open->handle);
        free(open);
        return rc;
    }
    open->app = app;
    open->dev = dev;
    open->privilege = privilege;
    open->api_version = api_version;
    open->callback_instance = inst;
    open->next_in_app = app->phopens;
    app->phopens = open;
    open->next_on_dev = dev->opens;
    dev->opens = open;
    phone_post_privilege_change(dev, privilege);
    *openp = open;
    return 0;
}

/* Unlinks `open` from its application and its device. */
static void phone_open_unlink(struct phone_open *open)
{
    for (struct phone_open **pp = &open->app->phopens; *pp; pp = &(*pp)->next_in_app)
        if (*pp == open) {
            *pp = open->next_in_app;
            break;
        }
    for (struct phone_open **pp = &open->dev->opens; *pp; pp = &(*pp)->next_on_dev)
        if (*pp == open) {
            *pp = open->next_on_dev;
            break;
        }
}

/*
 * Ends `open` and frees it; its handle turns stale. The last open closes the provider's phone
 * (TSPI_phoneClose) unless `provider_closed`: then the provider closed it itself and the
 * application is sent PHONE_CLOSE. Pending requests still get their one PHONE_REPLY.
 */
void phone_open_close(struct phone_open *open, bool provider_closed)
{
    struct phone_device *dev = open->dev;
    DWORD privilege = open->privilege;
    if (provider_closed)
        app_post(open->app, open->handle, PHONE_CLOSE, open->callback_instance, 0, 0, 0);
    phone_open_unlink(open);
    handle_free(&g_core.handles, open->handle);
    free(open);
    if (provider_closed) {
        /* The provider closed the device itself: nothing to close at its side. */
        if (--dev->open_count == 0)
            dev->hdPhone = NULL;
        return;
    }
    phone_device_close(dev);
    if (dev->open_count) {
        phone_post_privilege_change(dev, privilege);
        phone_update_status_messages(dev);
    }
}

/* PHONE_BUTTON goes to the opens that monitor this button mode and this button state. */
static void phone_post_button(struct phone_device *dev, DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3)
{
    for (struct phone_open *o = dev->opens; o; o = o->next_on_dev)
        if ((o->button_modes & (DWORD)p2) && (o->button_states & (DWORD)p3))
            app_post(o->app, o->handle, PHONE_BUTTON, o->callback_instance, p1, p2, p3);
}

/* PHONE_DEVSPECIFIC goes to every open; its meaning is the provider's. */
static void phone_post_all(struct phone_device *dev, DWORD msg, DWORD_PTR p1, DWORD_PTR p2,
                           DWORD_PTR p3)
{
    for (struct phone_open *o = dev->opens; o; o = o->next_on_dev)
        app_post(o->app, o->handle, msg, o->callback_instance, p1, p2, p3);
}

/*
 * Handles one PHONEEVENT of the provider, with the core lock held: fans it out to the opens
 * entitled to it (PHONE_STATE after each open's mask, PHONESTATE_REINIT always; PHONE_BUTTON
 * after the button mode and state masks), or closes every open (PHONE_CLOSE). Others are
 * logged and dropped.
 */
void phone_dispatch(struct phone_device *dev, DWORD msg, DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3)
{
    if (!dev->open_count) {
        tapix_log(LOG_DEBUG, "phone event %u for phone %u that is not open: ignored", msg,
                  dev->device_id);
        return;
    }
    switch (msg) {
    case PHONE_BUTTON:
        phone_post_button(dev, p1, p2, p3);
        break;
    case PHONE_STATE:
        phone_post_state(dev, (DWORD)p1, p2);
        break;
    case PHONE_CLOSE:
        while (dev->opens)
            phone_open_close(dev->opens, true);
        break;
    case PHONE_DEVSPECIFIC:
        phone_post_all(dev, msg, p1, p2, p3);
        break;
    default:
        tapix_log(LOG_WARN, "phone %u: provider message %u is not handled; dropped", dev->device_id,
                  msg);
        break;
    }
}

/* One LINEERR_ code and its PHONEERR_ counterpart. */
struct phone_error_pair {
    LONG line, phone;
};

static const struct phone_error_pair phone_errors[] = {
    {LINEERR_ALLOCATED, PHONEERR_ALLOCATED},
    {LINEERR_BADDEVICEID, PHONEERR_BADDEVICEID},
    {LINEERR_INCOMPATIBLEAPIVERSION, PHONEERR_INCOMPATIBLEAPIVERSION},
    {LINEERR_INCOMPATIBLEEXTVERSION, PHONEERR_INCOMPATIBLEEXTVERSION},
    {LINEERR_INIFILECORRUPT, PHONEERR_INIFILECORRUPT},
    {LINEERR_INUSE, PHONEERR_INUSE},
    {LINEERR_INVALAPPHANDLE, PHONEERR_INVALAPPHANDLE},
    {LINEERR_INVALAPPNAME, PHONEERR_INVALAPPNAME},
    {LINEERR_INVALDEVICECLASS, PHONEERR_INVALDEVICECLASS},
    {LINEERR_INVALEXTVERSION, PHONEERR_INVALEXTVERSION},
    {LINEERR_INVALPARAM, PHONEERR_INVALPARAM},
    {LINEERR_INVALPOINTER, PHONEERR_INVALPOINTER},
    {LINEERR_NODEVICE, PHONEERR_NODEVICE},
    {LINEERR_NODRIVER, PHONEERR_NODRIVER},
    {LINEERR_NOMEM, PHONEERR_NOMEM},
    {LINEERR_NOTOWNER, PHONEERR_NOTOWNER},
    {LINEERR_OPERATIONFAILED, PHONEERR_OPERATIONFAILED},
    {LINEERR_OPERATIONUNAVAIL, PHONEERR_OPERATIONUNAVAIL},
    {LINEERR_RESOURCEUNAVAIL, PHONEERR_RESOURCEUNAVAIL},
    {LINEERR_REQUESTOVERRUN, PHONEERR_REQUESTOVERRUN},
    {LINEERR_STRUCTURETOOSMALL, PHONEERR_STRUCTURETOOSMALL},
    {LINEERR_UNINITIALIZED, PHONEERR_UNINITIALIZED},
    {LINEERR_REINIT, PHONEERR_REINIT},
    {LINEERR_DISCONNECTED, PHONEERR_DISCONNECTED},
    {LINEERR_SERVICE_NOT_RUNNING, PHONEERR_SERVICE_NOT_RUNNING},
};

/*
 * The PHONEERR_ counterpart of a LINEERR_ code that a shared helper returned; 0, positive
 * values and PHONEERR_ codes unchanged; a LINEERR_ code without one is PHONEERR_OPERATIONFAILED.
 */
LONG phone_error(LONG rc)
{
    /* Success, request IDs and PHONEERR_ codes (0x9xxxxxxx) pass unchanged. */
    if (rc >= 0 || ((DWORD)rc & 0xF0000000u) != 0x80000000u)
        return rc;
    for (size_t i = 0; i < sizeof(phone_errors) / sizeof(phone_errors[0]); i++)
        if (phone_errors[i].line == rc)
            return phone_errors[i].phone;
    return PHONEERR_OPERATIONFAILED;
}
