/*
 * client_app.c — an application's side of client mode: its local message queue and eventfd,
 * lineInitializeEx / lineShutdown / lineGetMessage (and the phone ones), and which application
 * an Event belongs to.
 *
 * tapixd runs the application's real HLINEAPP; libtapix keeps beside it a queue and an eventfd
 * readable exactly while messages wait, as the embedded core does, so that lineGetMessage and
 * the event handle behave the same in both modes. The reader thread fills the queue.
 *
 * One connection carries all of a process's applications, and an Event does not name its
 * application (docs/protocol.md, "Events of several applications on one connection"). So each
 * lineOpen / phoneOpen goes out with a token in place of dwCallbackInstance; every message of
 * that open (line and call states, replies, LINE_CLOSE) comes back with the token, which names
 * the application and gives back the application's own dwCallbackInstance.
 */
#include "client.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

/* Tokens carry this mark in their top 16 bits. */
#define TOKEN_MARK  0x7A9Bull
#define TOKEN_SHIFT 48
/* Request registration tokens (32 bits) carry this mark in their top byte. */
#define REG_MARK 0x7A000000u

static struct client_app *apps;

static const struct client_fn fn_lineInitializeEx = {PROTO_FN_lineInitializeEx, NULL, NULL,
                                                     "w---wwv"};
static const struct client_fn fn_phoneInitializeEx = {PROTO_FN_phoneInitializeEx, NULL, NULL,
                                                      "w---wwv"};
static const struct client_fn fn_lineShutdown = {PROTO_FN_lineShutdown, NULL, NULL, "-"};
static const struct client_fn fn_phoneShutdown = {PROTO_FN_phoneShutdown, NULL, NULL, "-"};

struct client_app *client_app_create(struct client_conn *conn, enum proto_device kind, DWORD handle)
{
    struct client_app *app = calloc(1, sizeof(*app));
    if (!app)
        return NULL;
    app->event_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (app->event_fd < 0) {
        free(app);
        return NULL;
    }
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&app->nonempty, &attr);
    pthread_condattr_destroy(&attr);
    app->conn = conn;
    app->kind = kind;
    app->handle = handle;
    app->reg_token = REG_MARK | (DWORD)(conn->next_token++ & 0xFFFFFF);
    client_app_forget_broadcasts(conn);
    app->next = apps;
    apps = app;
    return app;
}

/* Frees an application nobody waits in anymore. */
static void app_free(struct client_app *app)
{
    while (app->opens) {
        struct client_open *o = app->opens;
        app->opens = o->next;
        free(o);
    }
    close(app->event_fd);
    pthread_cond_destroy(&app->nonempty);
    free(app->ring);
    free(app->calls);
    free(app);
}

/* Unlinks `app` and frees it, or leaves that to the last thread waiting in it. */
static void app_destroy(struct client_app *app)
{
    for (struct client_app **pp = &apps; *pp; pp = &(*pp)->next)
        if (*pp == app) {
            *pp = app->next;
            break;
        }
    client_async_forget_app(app->conn, app);
    client_app_forget_broadcasts(app->conn);
    app->gone = true;
    pthread_cond_broadcast(&app->nonempty);
    if (!app->waiters)
        app_free(app);
}

struct client_app *client_app_find(DWORD handle, enum proto_device kind)
{
    struct client_app *dead = NULL;
    for (struct client_app *app = apps; app; app = app->next)
        if (app->handle == handle && app->kind == kind) {
            if (!app->conn->dead)
                return app;
            dead = dead ? dead : app;
        }
    return dead;
}

/* Whether `app` has seen call handle `h`. */
static bool app_has_call(const struct client_app *app, DWORD h)
{
    for (size_t i = 0; i < app->n_calls; i++)
        if (app->calls[i] == h)
            return true;
    return false;
}

struct client_app *client_app_of_handle(struct client_conn *conn, DWORD h)
{
    for (struct client_app *app = apps; app; app = app->next) {
        if (app->conn != conn || h == 0)
            continue;
        if (app->handle == h || app_has_call(app, h))
            return app;
        for (struct client_open *o = app->opens; o; o = o->next)
            if (o->handle == h)
                return app;
    }
    return NULL;
}

bool client_app_any(void)
{
    return apps != NULL;
}

bool client_app_uses(const struct client_conn *conn)
{
    for (struct client_app *app = apps; app; app = app->next)
        if (app->conn == conn)
            return true;
    return false;
}

/* Grows the ring; false when memory ran out. */
static bool app_grow(struct client_app *app)
{
    size_t cap = app->cap ? app->cap * 2 : 32;
    LINEMESSAGE *ring = malloc(cap * sizeof(*ring));
    if (!ring)
        return false;
    for (size_t i = 0; i < app->count; i++)
        ring[i] = app->ring[(app->head + i) % app->cap];
    free(app->ring);
    app->ring = ring;
    app->cap = cap;
    app->head = 0;
    return true;
}

void client_app_post(struct client_app *app, DWORD hDevice, DWORD msg, uint64_t inst, uint64_t p1,
                     uint64_t p2, uint64_t p3)
{
    if (app->gone)
        return;
    if (app->count == app->cap && !app_grow(app)) {
        tapix_log(LOG_ERROR, "client: out of memory: message %u lost", msg);
        return;
    }
    LINEMESSAGE *m = &app->ring[(app->head + app->count) % app->cap];
    m->hDevice = hDevice;
    m->dwMessageID = msg;
    m->dwCallbackInstance = (DWORD_PTR)inst;
    m->dwParam1 = (DWORD_PTR)p1;
    m->dwParam2 = (DWORD_PTR)p2;
    m->dwParam3 = (DWORD_PTR)p3;
    if (++app->count == 1) {
        uint64_t one = 1;
        ssize_t n = write(app->event_fd, &one, sizeof(one));
        (void)n;
        pthread_cond_signal(&app->nonempty);
    }
}

/* Remembers call handle `h` for `app` (to route a lost server's replies). */
static void app_note_call(struct client_app *app, DWORD h)
{
    if (h == 0 || app_has_call(app, h))
        return;
    if (app->n_calls == app->cap_calls) {
        size_t cap = app->cap_calls ? app->cap_calls * 2 : 16;
        DWORD *calls = realloc(app->calls, cap * sizeof(*calls));
        if (!calls)
            return;
        app->calls = calls;
        app->cap_calls = cap;
    }
    app->calls[app->n_calls++] = h;
}

/* The open whose token is `token`, among `conn`'s applications; NULL if none. */
static struct client_open *open_of_token(struct client_conn *conn, uint64_t token,
                                         struct client_app **appp)
{
    if (token >> TOKEN_SHIFT != TOKEN_MARK)
        return NULL;
    for (struct client_app *app = apps; app; app = app->next)
        for (struct client_open *o = app->opens; app->conn == conn && o; o = o->next)
            if (o->token == token) {
                *appp = app;
                return o;
            }
    return NULL;
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

void client_app_forget_broadcasts(struct client_conn *conn)
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
    for (struct client_app *app = apps; app; app = app->next)
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
    for (struct client_app *app = apps; app; app = app->next)
        if (app->conn == conn && app->reg_token == inst)
            return app;
    return NULL;
}

/* Updates what `app` knows from event `ev` of its open `o` (may be NULL). */
static void app_note(struct client_app *app, struct client_open *o, const struct proto_event *ev)
{
    if (ev->message_id == LINE_CLOSE || ev->message_id == PHONE_CLOSE) {
        if (o && o->handle == ev->h_device)
            o->handle = 0;
        return;
    }
    if (ev->device != PROTO_DEVICE_LINE)
        return;
    if (ev->message_id == LINE_APPNEWCALL)
        app_note_call(app, (DWORD)ev->param2);
    else if (o && ev->h_device != o->handle)
        app_note_call(app, ev->h_device);
}

void client_app_route(struct client_conn *conn, const struct proto_event *ev,
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

void client_app_lost(struct client_conn *conn)
{
    for (struct client_app *app = apps; app; app = app->next)
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
    if (a[3].d) /* enabling: messages of the registration carry this instance */
        app->reg_instance = a[1].d;
    a[1].d = app->reg_token;
}

void client_app_before(const struct client_fn *fn, union client_arg *a)
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
    o->instance = a[5].p;
    o->next = app->opens;
    app->opens = o;
    a[5].p = o->token;
}

/* After lineOpen / phoneOpen: the open's handle, or the open forgotten when it failed. */
static void app_after_open(struct client_wait *w)
{
    for (struct client_app *app = apps; app; app = app->next)
        for (struct client_open **pp = &app->opens; *pp; pp = &(*pp)->next) {
            struct client_open *o = *pp;
            if (o->token != w->a[5].p)
                continue;
            if (w->result == 0 && w->a[2].ptr) {
                memcpy(&o->handle, w->a[2].ptr, sizeof(DWORD));
            } else {
                *pp = o->next;
                free(o);
            }
            return;
        }
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

void client_app_after(struct client_wait *w)
{
    if (is_open(w->fn->id))
        app_after_open(w);
    else if (w->result == 0 && w->fn->id == PROTO_FN_lineInitializeEx)
        app_after_init(w, PROTO_DEVICE_LINE);
    else if (w->result == 0 && w->fn->id == PROTO_FN_phoneInitializeEx)
        app_after_init(w, PROTO_DEVICE_PHONE);
}

/*
 * Checks what libtapix can check alone before ...InitializeEx reaches the server, in the order
 * the core checks it: the output pointers, the API version, and the notification mechanism,
 * which the local queue implements (only the event handle exists on POSIX). 0 or a LINEERR_.
 */
static LONG app_check_init(const union client_arg *a)
{
    DWORD version, total, options;
    if (!a[0].ptr || !a[4].ptr || !a[5].ptr)
        return LINEERR_INVALPOINTER;
    memcpy(&version, a[5].ptr, sizeof(version));
    if (version < 0x00020000)
        return LINEERR_INCOMPATIBLEAPIVERSION;
    if (!a[6].ptr)
        return LINEERR_INVALPARAM;
    memcpy(&total, a[6].ptr, sizeof(total));
    if (total < sizeof(LINEINITIALIZEEXPARAMS))
        return LINEERR_STRUCTURETOOSMALL;
    memcpy(&options, (char *)a[6].ptr + offsetof(LINEINITIALIZEEXPARAMS, dwOptions),
           sizeof(options));
    if ((options & 0x0000000F) != LINEINITIALIZEEXOPTION_USEEVENT) {
        tapix_log(LOG_ERROR,
                  "...InitializeEx: dwOptions 0x%x: only the event handle "
                  "(..._USEEVENT) exists on POSIX",
                  options);
        return LINEERR_INVALPARAM;
    }
    return 0;
}

/* ...InitializeEx: the server's application, then the local one (made by the reader). */
static LONG app_initialize(const struct client_fn *fn, union client_arg *a, const char *name)
{
    struct client_wait w;
    memset(&w, 0, sizeof(w));
    w.fn = fn;
    w.a = a;
    LONG rc = client_error(fn->id, app_check_init(a));
    if (rc != 0)
        return rc;
    pthread_mutex_lock(&client_lock);
    struct client_conn *conn = client_conn_get(name, true);
    rc = client_error(fn->id, LINEERR_NODRIVER);
    if (conn) {
        rc = client_error(fn->id, client_marshal_call(fn, a, &w.call, &w.keep));
        if (rc == 0)
            rc = client_conn_call(conn, &w);
        else
            client_conn_release(conn);
    }
    pthread_mutex_unlock(&client_lock);
    return rc;
}

LONG WINAPI client_lineInitializeEx(LPHLINEAPP lphLineApp, HINSTANCE hInstance,
                                    LINECALLBACK lpfnCallback, LPCSTR lpszFriendlyAppName,
                                    LPDWORD lpdwNumDevs, LPDWORD lpdwAPIVersion,
                                    LPLINEINITIALIZEEXPARAMS lpParams)
{
    union client_arg a[7] = {{.ptr = lphLineApp},  {.ptr = NULL},
                             {.ptr = NULL},        {.ptr = (void *)(uintptr_t)lpszFriendlyAppName},
                             {.ptr = lpdwNumDevs}, {.ptr = lpdwAPIVersion},
                             {.ptr = lpParams}};
    return app_initialize(&fn_lineInitializeEx, a, lpszFriendlyAppName);
}

LONG WINAPI client_phoneInitializeEx(LPHPHONEAPP lphPhoneApp, HINSTANCE hInstance,
                                     PHONECALLBACK lpfnCallback, LPCSTR lpszFriendlyAppName,
                                     LPDWORD lpdwNumDevs, LPDWORD lpdwAPIVersion,
                                     LPPHONEINITIALIZEEXPARAMS lpParams)
{
    union client_arg a[7] = {{.ptr = lphPhoneApp}, {.ptr = NULL},
                             {.ptr = NULL},        {.ptr = (void *)(uintptr_t)lpszFriendlyAppName},
                             {.ptr = lpdwNumDevs}, {.ptr = lpdwAPIVersion},
                             {.ptr = lpParams}};
    return app_initialize(&fn_phoneInitializeEx, a, lpszFriendlyAppName);
}

LONG WINAPI client_lineInitialize(LPHLINEAPP lphLineApp, HINSTANCE hInstance,
                                  LINECALLBACK lpfnCallback, LPCSTR lpszAppName,
                                  LPDWORD lpdwNumDevs)
{
    tapix_log(LOG_ERROR, "lineInitialize: TAPI 1.x callbacks need a Windows message loop; "
                         "use lineInitializeEx with LINEINITIALIZEEXOPTION_USEEVENT");
    return LINEERR_OPERATIONUNAVAIL;
}

LONG WINAPI client_phoneInitialize(LPHPHONEAPP lphPhoneApp, HINSTANCE hInstance,
                                   PHONECALLBACK lpfnCallback, LPCSTR lpszAppName,
                                   LPDWORD lpdwNumDevs)
{
    tapix_log(LOG_ERROR, "phoneInitialize: TAPI 1.x callbacks need a Windows message loop; "
                         "use phoneInitializeEx with PHONEINITIALIZEEXOPTION_USEEVENT");
    return PHONEERR_OPERATIONUNAVAIL;
}

/* ...Shutdown: the server's application, then the local one. A lost server's is local only. */
static LONG app_shutdown(const struct client_fn *fn, DWORD handle, enum proto_device kind)
{
    union client_arg a[1] = {{.d = handle}};
    pthread_mutex_lock(&client_lock);
    struct client_app *app = client_app_find(handle, kind);
    if (!app) {
        pthread_mutex_unlock(&client_lock);
        return client_call(fn, a); /* the server's verdict on a handle we do not know */
    }
    struct client_conn *conn = app->conn;
    struct client_wait w;
    memset(&w, 0, sizeof(w));
    w.fn = fn;
    w.a = a;
    LONG rc = client_marshal_call(fn, a, &w.call, &w.keep);
    if (rc == 0 && !conn->dead)
        rc = client_conn_call(conn, &w);
    if (rc == 0 || conn->dead) {
        app_destroy(app);
        client_conn_release(conn);
        rc = 0;
    }
    pthread_mutex_unlock(&client_lock);
    return rc;
}

LONG WINAPI client_lineShutdown(HLINEAPP hLineApp)
{
    return app_shutdown(&fn_lineShutdown, hLineApp, PROTO_DEVICE_LINE);
}

LONG WINAPI client_phoneShutdown(HPHONEAPP hPhoneApp)
{
    return app_shutdown(&fn_phoneShutdown, hPhoneApp, PROTO_DEVICE_PHONE);
}

/* Absolute CLOCK_MONOTONIC time `ms` from now. */
static struct timespec deadline_in(DWORD ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += ms / 1000;
    ts.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    return ts;
}

/* Waits up to `timeout` ms for a message of `app`; false when it went away meanwhile. */
static bool app_wait(struct client_app *app, DWORD timeout)
{
    struct timespec deadline = deadline_in(timeout);
    app->waiters++;
    while (app->count == 0 && !app->gone) {
        int rc = timeout == 0xFFFFFFFF
                     ? pthread_cond_wait(&app->nonempty, &client_lock)
                     : pthread_cond_timedwait(&app->nonempty, &client_lock, &deadline);
        if (rc == ETIMEDOUT)
            break;
    }
    app->waiters--;
    if (!app->gone)
        return true;
    if (!app->waiters)
        app_free(app);
    return false;
}

/* ...GetMessage: the next message of the local queue, waiting up to `timeout` ms. */
static LONG app_get_message(DWORD handle, enum proto_device kind, LINEMESSAGE *out, DWORD timeout)
{
    LONG rc = LINEERR_INVALPOINTER;
    pthread_mutex_lock(&client_lock);
    struct client_app *app = out ? client_app_find(handle, kind) : NULL;
    if (out)
        rc = LINEERR_INVALAPPHANDLE;
    if (app && (app->count > 0 || timeout == 0 || app_wait(app, timeout)))
        rc = LINEERR_OPERATIONFAILED;
    if (rc == LINEERR_OPERATIONFAILED && app->count > 0) {
        *out = app->ring[app->head];
        app->head = (app->head + 1) % app->cap;
        if (--app->count == 0) {
            uint64_t value;
            ssize_t n = read(app->event_fd, &value, sizeof(value));
            (void)n;
        }
        rc = 0;
    }
    pthread_mutex_unlock(&client_lock);
    return rc;
}

LONG WINAPI client_lineGetMessage(HLINEAPP hLineApp, LPLINEMESSAGE lpMessage, DWORD dwTimeout)
{
    return app_get_message(hLineApp, PROTO_DEVICE_LINE, lpMessage, dwTimeout);
}

LONG WINAPI client_phoneGetMessage(HPHONEAPP hPhoneApp, LPPHONEMESSAGE lpMessage, DWORD dwTimeout)
{
    _Static_assert(sizeof(LINEMESSAGE) == sizeof(PHONEMESSAGE), "one message layout");
    return client_error(
        PROTO_FN_phoneGetMessage,
        app_get_message(hPhoneApp, PROTO_DEVICE_PHONE, (LINEMESSAGE *)lpMessage, dwTimeout));
}
