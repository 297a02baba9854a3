/*
 * client_async.c — outputs written after the call returned: those of asynchronous requests and
 * the digits of lineGatherDigits.
 *
 * An asynchronous function's Result carries only its request ID; the outputs (the new HCALL of
 * lineMakeCall, an agent structure, a lineDevSpecific block) come with the LINE_REPLY /
 * PHONE_REPLY Event. So when the Result arrives, the reader keeps the application's pointers
 * and the Call's sizes under the request ID, and when the reply arrives it checks the outputs
 * against the Call and writes them before the message reaches the application's queue.
 * lineGatherDigits works alike, keyed by the call handle, in the order the gathers started.
 * A lost server fails every kept request with its reply, so each request still gets exactly one.
 */
#include "client.h"

#include <stdlib.h>
#include <string.h>

#include "log.h"

/** An asynchronous request waiting for its reply. */
struct client_async {
    DWORD id;
    const struct client_fn *fn;
    struct proto_call call; /* kinds and sizes only: byte views cleared */
    struct client_outs keep;
    struct client_app *app; /* who made it, when known; NULL otherwise */
    struct client_async *next;
};

/** A lineGatherDigits buffer waiting for its LINE_GATHERDIGITS. */
struct client_gather {
    DWORD hcall;
    void *buf;
    DWORD size;
    struct client_app *app;
    struct client_gather *next;
};

/* Clears the byte views of `call`, which point into memory that does not outlive the call. */
static void forget_views(struct proto_call *call)
{
    for (size_t i = 0; i < call->args.n; i++) {
        struct proto_value *v = &call->args.v[i];
        if (v->kind == PROTO_V_STRING || v->kind == PROTO_V_BLOB || v->kind == PROTO_V_VARSTRUCT)
            v->data.data = NULL;
    }
}

/* The application that made a call whose first argument is `a0` (a handle), or NULL. */
static struct client_app *maker(struct client_conn *conn, const struct client_fn *fn, DWORD a0)
{
    const struct proto_function *row = proto_function_find(fn->id);
    return row && row->signature[0] == 'd' ? client_app_of_handle(conn, a0) : NULL;
}

/* Keeps request `w` until its reply. */
static void keep_request(struct client_conn *conn, struct client_wait *w)
{
    struct client_async *r = calloc(1, sizeof(*r));
    if (!r) {
        tapix_log(LOG_ERROR, "client: out of memory: the outputs of request %d are lost",
                  (int)w->result);
        return;
    }
    r->id = (DWORD)w->result;
    r->fn = w->fn;
    r->call = w->call;
    forget_views(&r->call);
    r->keep = w->keep;
    r->app = maker(conn, w->fn, w->a[0].d);
    r->next = conn->asyncs;
    conn->asyncs = r;
}

/* Keeps the digit buffer of a lineGatherDigits that started, after earlier ones. */
static void keep_gather(struct client_conn *conn, struct client_wait *w)
{
    struct client_gather *g = calloc(1, sizeof(*g)), **pp = &conn->gathers;
    if (!g)
        return;
    g->hcall = w->a[0].d;
    g->buf = w->a[2].ptr;
    g->size = w->a[3].d;
    g->app = client_app_of_handle(conn, g->hcall);
    while (*pp)
        pp = &(*pp)->next;
    *pp = g;
}

void client_async_after(struct client_conn *conn, struct client_wait *w)
{
    if (w->result > 0)
        keep_request(conn, w);
    else if (w->result == 0 && w->fn->id == PROTO_FN_lineGatherDigits && w->a[2].ptr)
        keep_gather(conn, w);
}

/* Takes the kept request `id` out of the list; NULL when none. */
static struct client_async *take_request(struct client_conn *conn, DWORD id)
{
    for (struct client_async **pp = &conn->asyncs; *pp; pp = &(*pp)->next)
        if ((*pp)->id == id) {
            struct client_async *r = *pp;
            *pp = r->next;
            return r;
        }
    return NULL;
}

/* Takes the oldest kept gather of call `hcall`; NULL when none. */
static struct client_gather *take_gather(struct client_conn *conn, DWORD hcall)
{
    for (struct client_gather **pp = &conn->gathers; *pp; pp = &(*pp)->next)
        if ((*pp)->hcall == hcall) {
            struct client_gather *g = *pp;
            *pp = g->next;
            return g;
        }
    return NULL;
}

/* A reply: its outputs into the application's memory. 0, or -1 when they do not fit. */
static int on_reply(struct client_conn *conn, const struct proto_event *ev,
                    struct client_app **hint)
{
    struct proto_error err;
    struct client_async *r = take_request(conn, (DWORD)ev->param1);
    int rc = 0;
    if (!r)
        return 0;
    *hint = r->app;
    if (client_marshal_outs(r->fn, &r->call, &r->keep, &ev->outs, &err) != PROTO_OK) {
        tapix_log(LOG_ERROR, "client: reply to request %u: %s", (unsigned)r->id, err.text);
        rc = -1;
    }
    free(r);
    return rc;
}

/* Gathered digits into the buffer of their lineGatherDigits. 0, or -1 when they do not fit. */
static int on_gather(struct client_conn *conn, const struct proto_event *ev,
                     struct client_app **hint)
{
    struct client_gather *g = take_gather(conn, ev->h_device);
    int rc = 0;
    if (!g)
        return 0;
    *hint = g->app;
    if (ev->outs.n == 1 && ev->outs.v[0].kind == PROTO_V_BLOB) {
        const struct proto_bytes *d = &ev->outs.v[0].data;
        if (d->len <= g->size && d->len > 0)
            memcpy(g->buf, d->data, d->len);
        else if (d->len > g->size)
            rc = -1;
    } else if (ev->outs.n != 0 && ev->outs.v[0].kind != PROTO_V_ABSENT) {
        rc = -1;
    }
    if (rc != 0)
        tapix_log(LOG_ERROR, "client: LINE_GATHERDIGITS on 0x%x: outputs beyond the buffer",
                  ev->h_device);
    free(g);
    return rc;
}

int client_async_event(struct client_conn *conn, const struct proto_event *ev,
                       struct client_app **hint)
{
    bool line = ev->device == PROTO_DEVICE_LINE;
    if ((line && ev->message_id == LINE_REPLY) || (!line && ev->message_id == PHONE_REPLY))
        return on_reply(conn, ev, hint);
    if (line && ev->message_id == LINE_GATHERDIGITS)
        return on_gather(conn, ev, hint);
    return 0;
}

void client_async_lost(struct client_conn *conn)
{
    while (conn->asyncs) {
        struct client_async *r = conn->asyncs;
        conn->asyncs = r->next;
        bool phone = r->fn->id > 1000 && r->fn->id < 2000;
        struct client_app *app =
            r->app ? r->app
                   : client_app_oldest(conn, phone ? PROTO_DEVICE_PHONE : PROTO_DEVICE_LINE);
        if (app)
            client_app_post(app, 0, phone ? PHONE_REPLY : LINE_REPLY, 0, r->id,
                            (uint64_t)(int64_t)client_error(r->fn->id, LINEERR_NODRIVER), 0);
        free(r);
    }
    while (conn->gathers) {
        struct client_gather *g = conn->gathers;
        conn->gathers = g->next;
        free(g);
    }
}

void client_async_forget_app(struct client_conn *conn, const struct client_app *app)
{
    for (struct client_async **pp = &conn->asyncs; *pp;) {
        struct client_async *r = *pp;
        if (r->app == app) {
            *pp = r->next;
            free(r);
        } else {
            pp = &r->next;
        }
    }
    for (struct client_gather **pp = &conn->gathers; *pp;) {
        struct client_gather *g = *pp;
        if (g->app == app) {
            *pp = g->next;
            free(g);
        } else {
            pp = &g->next;
        }
    }
}
