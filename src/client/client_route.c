/*
 * client_route.c — which application of the process an Event belongs to.
 *
 * One connection carries all of a process's applications, and an Event does not name its
 * application (docs/protocol.md, "Events of several applications on one connection"). So each
 * lineOpen / phoneOpen goes out with a token in place of dwCallbackInstance, and each
 * lineRegisterRequestRecipient with one in place of dwRegistrationInstance; every message of
 * that open or registration (line and call states, replies, LINE_CLOSE, LINE_REQUEST) comes
 * back with the token, which names the application and gives back the application's own value.
 * Messages every application receives once (LINE_CREATE ...) are dealt out one copy to each.
 * Also here: what a lost server leaves in each application's queue.
 */
#include "client.h"

#include <stdlib.h>
#include <string.h>

#include "log.h"

/* Tokens carry this mark in their top 16 bits. */
#define TOKEN_MARK  0x7A9Bull
#define TOKEN_SHIFT 48
/* Request registration tokens (32 bits) carry this mark in their top byte. */
#define REG_MARK 0x7A000000u

/* The open whose token is `token`, among `conn`'s applications; NULL if none. */
static struct client_open *open_of_token(struct client_conn *conn, uint64_t token,
                                         struct client_app **appp)
{
    if (token >> TOKEN_SHIFT != TOKEN_MARK)
        return NULL;
    return client_open_of_token(conn, token, appp);
}

/* The most applications one broadcast message is spread over exactly; past that, in turn. */
#define BCAST_MAX 16

/** A message each application of a kind receives a copy of, being delivered. */
struct client_bcast {
    enum proto_device kind;
    uint32_t msg;
    uint64_t p1, p2, p3;
    struct client_app *got[BCAST_MAX];
    unsigned n;
    struct client_bcast *next;
};

void client_route_forget_broadcasts(struct client_conn *conn)
{
    while (conn->bcasts) {
        struct client_bcast *b = conn->bcasts;
        conn->bcasts = b->next;
        free(b);
    }
}

/* The delivery record of broadcast `ev` on `conn`, made when new; NULL out of memory. */
static struct client_bcast *bcast_of(struct client_conn *conn, const struct proto_event *ev)
{
    for (struct client_bcast *b = conn->bcasts; b; b = b->next)
        if (b->kind == ev->device && b->msg == ev->message_id && b->p1 == ev->param1 &&
            b->p2 == ev->param2 && b->p3 == ev->param3)
            return b;
    struct client_bcast *b = calloc(1, sizeof(*b));
    if (!b)
        return NULL;
    *b = (struct client_bcast){.kind = ev->device,
                               .msg = ev->message_id,
                               .p1 = ev->param1,
                               .p2 = ev->param2,
                               .p3 = ev->param3,
                               .next = conn->bcasts};
    conn->bcasts = b;
    return b;
}

/* Whether `app` already got a copy of broadcast `b`. */
static bool bcast_got(const struct client_bcast *b, const struct client_app *app)
{
    for (unsigned i = 0; i < b->n; i++)
        if (b->got[i] == app)
            return true;
    return false;
}

/* Removes broadcast record `b` from `conn`. */
static void bcast_done(struct client_conn *conn, struct client_bcast *b)
{
    for (struct client_bcast **pp = &conn->bcasts; *pp; pp = &(*pp)->next)
        if (*pp == b) {
            *pp = b->next;
            free(b);
            return;
        }
}

/*
 * The application a copy of a message no token names goes to: each application of the kind
 * receives one copy of a broadcast (LINE_CREATE, LINE_REMOVE ...), so the copies are dealt out,
 * one to each application that has none yet, in the order the applications were made.
 */
static struct client_app *app_broadcast(struct client_conn *conn, const struct proto_event *ev)
{
    struct client_app *pick = NULL;
    unsigned n = 0;
    struct client_bcast *b = bcast_of(conn, ev);
    for (struct client_app *app = client_apps; app; app = app->next)
        if (app->conn == conn && app->kind == ev->device && !app->gone) {
            n++;
            if (!b || !bcast_got(b, app))
                pick = app; /* the list is newest first: the last one found is the oldest */
        }
    if (!b || !pick)
        return pick;
    if (b->n < BCAST_MAX)
        b->got[b->n++] = pick;
    if (b->n >= n || b->n == BCAST_MAX)
        bcast_done(conn, b);
    return pick;
}

/* The application whose request registration token is `inst`, or NULL. */
static struct client_app *app_of_registration(struct client_conn *conn, uint64_t inst)
{
    for (struct client_app *app = client_apps; app; app = app->next)
        if (app->conn == conn && app->reg_token == inst)
            return app;
    return NULL;
}

/* Updates what `app` knows from event `ev` of its open `o` (may be NULL). */
static void app_note(struct client_app *app, struct client_open *o, const struct proto_event *ev)
{
    if (ev->message_id == LINE_CLOSE || ev->message_id == PHONE_CLOSE) {
        if (o && o->handle == ev->h_device) {
            client_app_forget_calls_of(app, o); /* the server released them with the line */
            client_open_index_handle(app, o, false);
            o->handle = 0;
        }
        return;
    }
    if (ev->device != PROTO_DEVICE_LINE)
        return;
    if (ev->message_id == LINE_APPNEWCALL)
        client_app_note_call(app, o, (DWORD)ev->param2);
    else if (o && ev->h_device != o->handle)
        client_app_note_call(app, o, ev->h_device);
}

void client_route_event(struct client_conn *conn, const struct proto_event *ev,
                        struct client_app *hint)
{
    struct client_app *app = NULL;
    uint64_t inst = ev->callback_instance;
    struct client_open *o = open_of_token(conn, inst, &app);
    if (o) {
        inst = o->instance;
    } else if (ev->message_id == LINE_REQUEST && (app = app_of_registration(conn, inst))) {
        inst = app->reg_instance;
    } else {
        app = hint && !hint->gone ? hint : app_broadcast(conn, ev);
    }
    if (!app) {
        tapix_log(LOG_DEBUG, "client: message %u for no application", ev->message_id);
        return;
    }
    app_note(app, o, ev);
    client_app_post(app, ev->h_device, ev->message_id, inst, ev->param1, ev->param2, ev->param3);
}

void client_route_lost(struct client_conn *conn)
{
    for (struct client_app *app = client_apps; app; app = app->next)
        for (struct client_open *o = app->opens; app->conn == conn && o; o = o->next) {
            if (o->handle == 0)
                continue;
            if (app->kind == PROTO_DEVICE_LINE) {
                client_app_post(app, o->handle, LINE_LINEDEVSTATE, o->instance,
                                LINEDEVSTATE_OUTOFSERVICE, 0, 0);
                client_app_post(app, o->handle, LINE_CLOSE, o->instance, 0, 0, 0);
            } else {
                client_app_post(app, o->handle, PHONE_CLOSE, o->instance, 0, 0, 0);
            }
            client_open_index_handle(app, o, false);
            o->handle = 0;
        }
}

/* Whether `id` is lineOpen or phoneOpen (their callback instance is argument 5). */
static bool is_open(uint32_t id)
{
    return id == PROTO_FN_lineOpen || id == PROTO_FN_phoneOpen;
}

/* lineRegisterRequestRecipient: the application's token in place of its instance. */
static void app_before_register(union client_arg *a)
{
    struct client_app *app = client_app_find(a[0].d, PROTO_DEVICE_LINE);
    if (!app || app->conn->dead)
        return;
    if (!app->reg_token)
        app->reg_token = REG_MARK | (DWORD)(app->conn->next_token++ & 0xFFFFFF);
    if (a[3].d) /* enabling: messages of the registration carry this instance */
        app->reg_instance = a[1].d;
    a[1].d = app->reg_token;
}

void client_route_before(const struct client_fn *fn, union client_arg *a)
{
    if (fn->id == PROTO_FN_lineRegisterRequestRecipient)
        app_before_register(a);
    if (!is_open(fn->id))
        return;
    struct client_app *app = client_app_find(
        a[0].d, fn->id == PROTO_FN_lineOpen ? PROTO_DEVICE_LINE : PROTO_DEVICE_PHONE);
    struct client_open *o = app && !app->conn->dead ? calloc(1, sizeof(*o)) : NULL;
    if (!o)
        return;
    o->token = TOKEN_MARK << TOKEN_SHIFT | app->conn->next_token++;
    o->by_token = client_key_add(CLIENT_KEY_OPEN_TOKEN, o->token, app, o);
    if (!o->by_token) {
        free(o);
        return;
    }
    o->instance = a[5].p;
    o->next = app->opens;
    app->opens = o;
    a[5].p = o->token;
}

/* After lineOpen / phoneOpen: the open's handle, or the open forgotten when it failed. */
static void app_after_open(struct client_wait *w)
{
    struct client_app *app = NULL;
    struct client_open *o = client_open_of_token(NULL, w->a[5].p, &app);
    if (!o)
        return;
    if (w->result == 0 && w->a[2].ptr) {
        memcpy(&o->handle, w->a[2].ptr, sizeof(DWORD));
        client_open_index_handle(app, o, true);
        return;
    }
    for (struct client_open **pp = &app->opens; *pp; pp = &(*pp)->next)
        if (*pp == o) {
            *pp = o->next;
            break;
        }
    client_key_remove(o->by_token);
    client_key_remove(o->by_handle);
    free(o);
}

/* After a successful lineClose: the call handles that came by the open are gone with it. */
static void app_after_close(struct client_conn *conn, DWORD hline)
{
    for (struct client_key *k = client_key_chain(CLIENT_KEY_OPEN_HANDLE, hline); k; k = k->next)
        if (k->type == CLIENT_KEY_OPEN_HANDLE && k->key == hline && k->app->conn == conn &&
            k->app->kind == PROTO_DEVICE_LINE)
            client_app_forget_calls_of(k->app, k->open); /* an earlier, closed open of the same
                                                          * handle has none left: harmless */
}

/* After ...InitializeEx succeeded on the server: the local application and its event handle. */
static void app_after_init(struct client_wait *w, enum proto_device kind)
{
    DWORD handle, total = 0;
    void *params = w->a[6].ptr;
    if (!w->a[0].ptr)
        return;
    memcpy(&handle, w->a[0].ptr, sizeof(handle));
    w->app = client_app_create(w->conn, kind, handle);
    if (!w->app) {
        w->result = client_error(w->fn->id, LINEERR_NOMEM);
        return;
    }
    if (params)
        memcpy(&total, params, sizeof(total));
    if (total >= sizeof(LINEINITIALIZEEXPARAMS)) {
        HANDLE event = (HANDLE)(intptr_t)w->app->event_fd;
        memcpy((char *)params + offsetof(LINEINITIALIZEEXPARAMS, Handles.hEvent), &event,
               sizeof(event));
    }
}

void client_route_after(struct client_wait *w)
{
    if (is_open(w->fn->id))
        app_after_open(w);
    else if (w->result == 0 && w->fn->id == PROTO_FN_lineDeallocateCall)
        client_app_forget_call(w->conn, w->a[0].d);
    else if (w->result == 0 && w->fn->id == PROTO_FN_lineClose)
        app_after_close(w->conn, w->a[0].d);
    else if (w->result == 0 && w->fn->id == PROTO_FN_lineInitializeEx)
        app_after_init(w, PROTO_DEVICE_LINE);
    else if (w->result == 0 && w->fn->id == PROTO_FN_phoneInitializeEx)
        app_after_init(w, PROTO_DEVICE_PHONE);
}
