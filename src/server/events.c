/*
 * events.c — a client's applications and their messages as Event frames.
 *
 * Each application a client initializes through tapixd is created with
 * LINEINITIALIZEEXOPTION_USEEVENT; its eventfd is readable exactly while messages wait, and the
 * loop polls it beside the sockets (no thread per client). When it fires, and after a Call for
 * the applications the Call's handles belong to (execute.c: behind the Result, in one write),
 * every waiting message is taken with lineGetMessage / phoneGetMessage (timeout 0:
 * never blocks) and sent as an Event with the outputs that belong to it: those of the request a
 * LINE_REPLY / PHONE_REPLY completes, the digits of a LINE_GATHERDIGITS. A message naming a device
 * goes through guard_event() first: the client's own device ID, or no message for a device it may
 * not see.
 */
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "pending.h"
#include "server.h"
#include "slog.h"

/* libuv: the application's eventfd is readable. */
static void events_on_ready(uv_poll_t *poll, int status, int events)
{
    struct session_app *app = poll->data;
    (void)events;
    if (status < 0) {
        slog(SLOG_WARN, "client %llu: polling application 0x%x: %s",
             (unsigned long long)app->session->id, app->handle, uv_strerror(status));
        return;
    }
    events_drain(app);
}

int events_add_app(struct session *s, DWORD handle, enum proto_device device, int fd)
{
    struct session_app *app = calloc(1, sizeof(*app));
    if (!app)
        return -1;
    app->session = s;
    app->handle = handle;
    app->device = device;
    if (uv_poll_init(s->srv->loop, &app->poll, fd) != 0) {
        free(app);
        return -1;
    }
    app->poll.data = app;
    uv_poll_start(&app->poll, UV_READABLE, events_on_ready);
    app->next = s->apps;
    s->apps = app;
    return 0;
}

struct session_app *events_find_app(struct session *s, DWORD handle, enum proto_device device)
{
    for (struct session_app *app = s->apps; app; app = app->next)
        if (app->handle == handle && app->device == device)
            return app;
    return NULL;
}

/* libuv: the poll handle is closed; its memory may go. */
static void events_on_closed(uv_handle_t *handle)
{
    free(handle->data);
}

void events_remove_app(struct session *s, struct session_app *app)
{
    for (struct session_app **pp = &s->apps; *pp; pp = &(*pp)->next)
        if (*pp == app) {
            *pp = app->next;
            break;
        }
    /* uv_close stops the poll at once, before the core closes the eventfd. */
    uv_close((uv_handle_t *)&app->poll, events_on_closed);
}

/* The outputs that travel with message `m` of `app`, moved out of the pending list. */
static struct pending *events_outputs(struct session_app *app, const LINEMESSAGE *m)
{
    struct session *s = app->session;
    if (m->dwMessageID == LINE_REPLY || m->dwMessageID == PHONE_REPLY) {
        if (app->device == PROTO_DEVICE_LINE && m->dwMessageID != LINE_REPLY)
            return NULL;
        return pending_take(s, PENDING_REPLY, (DWORD)m->dwParam1);
    }
    if (m->dwMessageID == LINE_GATHERDIGITS && app->device == PROTO_DEVICE_LINE)
        return pending_take(s, PENDING_GATHER, m->hDevice);
    return NULL;
}

/* Fills `outs` for message `m` from `p` (may be NULL: no outputs). */
static void events_fill_outs(const LINEMESSAGE *m, struct pending *p, struct proto_values *outs)
{
    outs->n = 0;
    if (!p)
        return;
    if (p->kind == PENDING_GATHER) {
        for (unsigned i = 0; i < p->ca.fn->nparams; i++)
            if (p->ca.entry->outs[i] != '-' && p->ca.buf[i]) {
                outs->v[0].kind = PROTO_V_BLOB;
                outs->v[0].data.data = p->ca.buf[i];
                outs->v[0].data.len = p->ca.room[i];
                outs->n = 1;
            }
        return;
    }
    if ((LONG)m->dwParam2 == 0) /* a failed request wrote nothing */
        args_outs(&p->ca, outs);
}

/* Forgets what message `m` ends: a closed line or phone. */
static void events_note(struct session_app *app, const LINEMESSAGE *m)
{
    if (m->dwMessageID == LINE_CLOSE && app->device == PROTO_DEVICE_LINE)
        opens_remove(app->session, m->hDevice, PROTO_DEVICE_LINE);
    else if (m->dwMessageID == PHONE_CLOSE && app->device == PROTO_DEVICE_PHONE)
        opens_remove(app->session, m->hDevice, PROTO_DEVICE_PHONE);
}

/* Sends message `m` of `app` as an Event. 0, or -1 when it could not be sent. */
static int events_send(struct session_app *app, const LINEMESSAGE *m)
{
    struct proto_msg msg;
    LINEMESSAGE mapped = *m;
    if (!guard_event(app->session, app->device, &mapped))
        return 0; /* about a device the client may not see */
    m = &mapped;
    memset(&msg, 0, sizeof(msg));
    msg.type = PROTO_EVENT;
    msg.event.device = app->device;
    msg.event.h_device = m->hDevice;
    msg.event.message_id = m->dwMessageID;
    msg.event.callback_instance = m->dwCallbackInstance;
    msg.event.param1 = m->dwParam1;
    msg.event.param2 = m->dwParam2;
    msg.event.param3 = m->dwParam3;
    struct pending *p = events_outputs(app, m);
    events_fill_outs(m, p, &msg.event.outs);
    events_note(app, m);
    int rc = session_send(app->session, &msg);
    if (rc != 0 && !app->session->closed && msg.event.outs.n > 0) {
        msg.event.outs.n = 0; /* outputs that do not fit a frame: the message alone */
        rc = session_send(app->session, &msg);
    }
    pending_free(p);
    return rc;
}

/* Takes the next message of `app` without waiting; 0, or a LINEERR_ / PHONEERR_ code. */
static LONG events_next(struct session_app *app, LINEMESSAGE *m)
{
    const struct tapix_backend *be = app->session->srv->backend;
    if (app->device == PROTO_DEVICE_LINE)
        return be->lineGetMessage(app->handle, m, 0);
    return be->phoneGetMessage(app->handle, (LPPHONEMESSAGE)m, 0);
}

void events_drain(struct session_app *app)
{
    LINEMESSAGE m;
    _Static_assert(sizeof(LINEMESSAGE) == sizeof(PHONEMESSAGE), "one message layout");
    while (app->session->state != SESSION_CLOSING && events_next(app, &m) == 0) {
        if (slog_enabled(SLOG_DEBUG))
            slog(SLOG_DEBUG, "client %llu: event %u on 0x%x (%#lx, %#lx, %#lx)",
                 (unsigned long long)app->session->id, m.dwMessageID, m.hDevice,
                 (unsigned long)m.dwParam1, (unsigned long)m.dwParam2, (unsigned long)m.dwParam3);
        events_send(app, &m); /* on failure the session is closing, which ends the loop */
    }
}

void events_drain_called(struct session *s)
{
    /* A session that starts closing shuts its applications down (their memory lasts until the
     * loop's close callbacks): the state is checked before each step along the list. */
    for (struct session_app *app = s->apps; app && s->state != SESSION_CLOSING; app = app->next)
        if (app->called) {
            app->called = false;
            events_drain(app);
        }
}

void events_shutdown_all(struct session *s)
{
    const struct tapix_backend *be = s->srv->backend;
    pending_forget_all(s);
    while (s->apps) {
        struct session_app *app = s->apps;
        DWORD handle = app->handle;
        enum proto_device device = app->device;
        opens_remove_app(s, handle);
        events_remove_app(s, app);
        LONG rc =
            device == PROTO_DEVICE_LINE ? be->lineShutdown(handle) : be->phoneShutdown(handle);
        slog(SLOG_DEBUG, "client %llu: application 0x%x shut down (0x%x)",
             (unsigned long long)s->id, handle, (unsigned)rc);
    }
}
