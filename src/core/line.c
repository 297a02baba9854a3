/*
 * line.c — line devices and the applications' opens of them.
 *
 * The provider opens a line device once, at the first lineOpen of any application, and closes
 * it after the last lineClose. Between the two, the core keeps what applications asked of the
 * line: which media modes their owners want offered (the union goes to
 * TSPI_lineSetDefaultMediaDetection), which status messages each wants.
 */
#include "core.h"

#include <stdlib.h>

struct line_device *line_device_get(DWORD device_id)
{
    if (!g_core.started || device_id >= g_core.num_lines)
        return NULL;
    struct line_device *dev = g_core.lines[device_id];
    return dev->removed ? NULL : dev;
}

struct line_open *line_open_find(DWORD hLine)
{
    return handle_get(&g_core.handles, hLine, HANDLE_LINE);
}

LONG line_device_ensure_version(struct line_device *dev)
{
    if (dev->tspi_version)
        return 0;
    struct provider *prov = dev->prov;
    DWORD version = 0;
    LONG rc = prov->fn.lineNegotiateTSPIVersion(dev->device_id, CORE_TSPI_VERSION_LOW,
                                                prov->tspi_version, &version);
    if (rc != 0)
        return rc;
    dev->tspi_version = version;
    /* The number of addresses bounds every dwAddressID an application may pass. */
    LINEDEVCAPS caps = {.dwTotalSize = sizeof(caps)};
    dev->num_addresses = 1;
    if (prov->fn.lineGetDevCaps &&
        prov->fn.lineGetDevCaps(dev->device_id, version, 0, &caps) == 0 && caps.dwNumAddresses)
        dev->num_addresses = caps.dwNumAddresses;
    return 0;
}

/* The media modes owners of `dev` want offered, for TSPI_lineSetDefaultMediaDetection. */
static DWORD line_owner_media_modes(const struct line_device *dev)
{
    DWORD modes = 0;
    for (const struct line_open *o = dev->opens; o; o = o->next_on_dev)
        if (o->privileges & LINECALLPRIVILEGE_OWNER)
            modes |= o->media_modes;
    return modes;
}

LONG line_update_media_detection(struct line_device *dev)
{
    DWORD modes = line_owner_media_modes(dev);
    if (modes == dev->detect_modes || !dev->open_count)
        return 0;
    if (!dev->prov->fn.lineSetDefaultMediaDetection)
        return modes ? LINEERR_OPERATIONUNAVAIL : 0;
    LONG rc = dev->prov->fn.lineSetDefaultMediaDetection(dev->hdLine, modes);
    if (rc == 0)
        dev->detect_modes = modes;
    return rc;
}

LONG line_device_open(struct line_device *dev)
{
    if (dev->open_count++)
        return 0;
    struct provider *prov = dev->prov;
    LONG rc = LINEERR_OPERATIONUNAVAIL;
    if (prov->fn.lineOpen)
        rc = prov->fn.lineOpen(dev->device_id, (HTAPILINE)dev, &dev->hdLine, dev->tspi_version,
                               event_line_callback);
    if (rc != 0)
        dev->open_count--;
    dev->detect_modes = 0;
    return rc;
}

/* Closes the provider's line after its last open is gone. */
static void line_device_close(struct line_device *dev)
{
    if (--dev->open_count)
        return;
    call_close_all(dev);
    if (dev->prov->fn.lineClose)
        dev->prov->fn.lineClose(dev->hdLine);
    dev->hdLine = NULL;
    dev->detect_modes = 0;
}

/* Unlinks `open` from its application and its device. */
static void line_open_unlink(struct line_open *open)
{
    for (struct line_open **pp = &open->app->opens; *pp; pp = &(*pp)->next_in_app)
        if (*pp == open) {
            *pp = open->next_in_app;
            break;
        }
    for (struct line_open **pp = &open->dev->opens; *pp; pp = &(*pp)->next_on_dev)
        if (*pp == open) {
            *pp = open->next_on_dev;
            break;
        }
}

/* Drops this open's handles to calls; calls nobody holds any more are closed. */
static void line_open_release_calls(struct line_open *open)
{
    struct tcall *call = open->dev->calls;
    while (call) {
        struct tcall *next = call->next_on_dev;
        struct call_handle *ch = call_handle_for_open(call, open);
        if (ch) {
            endtoend_forget_handle(ch->handle);
            call_handle_remove(ch);
            call_close_if_unused(call);
        }
        call = next;
    }
}

void line_open_close(struct line_open *open, bool provider_closed)
{
    struct line_device *dev = open->dev;
    if (provider_closed)
        app_post(open->app, open->handle, LINE_CLOSE, open->callback_instance, 0, 0, 0);
    line_open_release_calls(open);
    proxy_forget_open(open);
    request_forget_open(open);
    line_open_unlink(open);
    handle_free(&g_core.handles, open->handle);
    free(open->num_rings);
    free(open);
    if (provider_closed) {
        /* The provider closed the device itself: nothing to close at its side. */
        if (--dev->open_count == 0) {
            while (dev->calls)
                call_close_all(dev);
            dev->hdLine = NULL;
            dev->detect_modes = 0;
        }
        return;
    }
    line_device_close(dev);
    line_update_media_detection(dev);
}
