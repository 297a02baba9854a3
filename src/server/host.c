/*
 * host.c — the core tapixd hosts. The core starts its providers for its first application and
 * stops them after its last; the server holds one application of its own, the keeper, from
 * start to shutdown, so that the providers load once at start-up (a bad configuration fails
 * the start, not a client's lineInitializeEx) and stay loaded between clients. The keeper
 * opens nothing; its messages (device added or removed, …) are read and logged at debug level.
 */
#include <stdio.h>
#include <string.h>

#include <tapix/tapix.h>

#include "server.h"
#include "slog.h"

/* libuv: the keeper's eventfd is readable; its messages are logged and dropped. */
static void host_on_message(uv_poll_t *poll, int status, int events)
{
    struct server *srv = poll->data;
    LINEMESSAGE m;
    (void)status;
    (void)events;
    while (srv->backend->lineGetMessage(srv->keeper, &m, 0) == 0)
        slog(SLOG_DEBUG, "core: message %u on device 0x%x (%#lx)", m.dwMessageID, m.hDevice,
             (unsigned long)m.dwParam1);
}

int host_start(struct server *srv)
{
    LINEINITIALIZEEXPARAMS params;
    DWORD num_devs = 0, version = 0x00020002;
    memset(&params, 0, sizeof(params));
    params.dwTotalSize = sizeof(params);
    params.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT;
    LONG rc = srv->backend->lineInitializeEx(&srv->keeper, NULL, NULL, "tapixd", &num_devs,
                                             &version, &params);
    if (rc != 0) {
        char why[512];
        tapix_last_error(why, sizeof(why));
        slog(SLOG_ERROR, "cannot start the core (0x%x): %s", (unsigned)rc,
             why[0] ? why : "see the messages above");
        return -1;
    }
    if (uv_poll_init(srv->loop, &srv->keeper_poll, TAPIX_HANDLE_TO_FD(params.Handles.hEvent)) !=
        0) {
        slog(SLOG_ERROR, "cannot poll the core's events");
        srv->backend->lineShutdown(srv->keeper);
        return -1;
    }
    srv->keeper_poll.data = srv;
    uv_poll_start(&srv->keeper_poll, UV_READABLE, host_on_message);
    srv->keeper_polling = true;
    slog(SLOG_INFO, "core started: %u line devices", num_devs);
    return 0;
}

void host_stop(struct server *srv)
{
    if (!srv->keeper_polling)
        return;
    uv_close((uv_handle_t *)&srv->keeper_poll, NULL);
    srv->keeper_polling = false;
    srv->backend->lineShutdown(srv->keeper);
    slog(SLOG_INFO, "core stopped");
}
