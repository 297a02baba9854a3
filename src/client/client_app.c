/*
 * client_app.c — an application's side of client mode: its local message queue and eventfd,
 * and lineInitializeEx / lineShutdown / lineGetMessage (and the phone ones).
 *
 * tapixd runs the application's real HLINEAPP; libtapix keeps beside it a queue and an eventfd
 * readable exactly while messages wait, as the embedded core does, so that lineGetMessage and
 * the event handle behave the same in both modes. The reader thread fills the queue
 * (client_route.c decides which application a message is for).
 * Also here: the process-wide hash index that finds applications by handle, opens by token and
 * handle, and the call handles each application holds, so that routing an Event costs the same
 * however many applications, opens and calls the process has.
 */
#include "client.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

struct client_app *client_apps;
static uint64_t next_serial = 1;

/* The process-wide index: chains of struct client_key, idx_cap (0 or a power of two) of them. */
static struct client_key **idx_table;
static size_t idx_cap, idx_count;

/* The bucket of `type`/`key` in a table of `cap` chains. */
static size_t key_bucket(enum client_key_type type, uint64_t key, size_t cap)
{
    uint64_t x = (key ^ ((uint64_t)type << 56)) * 0x9E3779B97F4A7C15ull;
    return (size_t)(x >> 32) & (cap - 1);
}

/* Makes room for one more entry (at most one per chain on average); false only without any. */
static bool key_reserve(void)
{
    if (idx_cap && idx_count + 1 <= idx_cap)
        return true;
    size_t cap = idx_cap ? idx_cap * 2 : 64;
    struct client_key **table = calloc(cap, sizeof(*table));
    if (!table)
        return idx_cap != 0; /* the old table stays; its chains grow */
    for (size_t i = 0; i < idx_cap; i++)
        while (idx_table[i]) {
            struct client_key *k = idx_table[i];
            idx_table[i] = k->next;
            size_t b = key_bucket(k->type, k->key, cap);
            k->next = table[b];
            table[b] = k;
        }
    free(idx_table);
    idx_table = table;
    idx_cap = cap;
    return true;
}

struct client_key *client_key_add(enum client_key_type type, uint64_t key, struct client_app *app,
                                  struct client_open *open)
{
    if (!key_reserve())
        return NULL;
    struct client_key *k = calloc(1, sizeof(*k));
    if (!k)
        return NULL;
    k->type = type;
    k->key = key;
    k->app = app;
    k->open = open;
    size_t b = key_bucket(type, key, idx_cap);
    k->next = idx_table[b];
    idx_table[b] = k;
    idx_count++;
    return k;
}

void client_key_remove(struct client_key *k)
{
    if (!k)
        return;
    for (struct client_key **pp = &idx_table[key_bucket(k->type, k->key, idx_cap)]; *pp;
         pp = &(*pp)->next)
        if (*pp == k) {
            *pp = k->next;
            break;
        }
    idx_count--;
    free(k);
    if (idx_count == 0) { /* nothing left: give the table back */
        free(idx_table);
        idx_table = NULL;
        idx_cap = 0;
    }
}

struct client_key *client_key_chain(enum client_key_type type, uint64_t key)
{
    return idx_cap ? idx_table[key_bucket(type, key, idx_cap)] : NULL;
}

struct client_open *client_open_of_token(struct client_conn *conn, uint64_t token,
                                         struct client_app **appp)
{
    struct client_key *best = NULL;
    for (struct client_key *k = client_key_chain(CLIENT_KEY_OPEN_TOKEN, token); k; k = k->next)
        if (k->type == CLIENT_KEY_OPEN_TOKEN && k->key == token &&
            (!conn || k->app->conn == conn) && (!best || k->app->serial > best->app->serial))
            best = k;
    if (!best)
        return NULL;
    *appp = best->app;
    return best->open;
}

void client_open_index_handle(struct client_app *app, struct client_open *o, bool on)
{
    client_key_remove(o->by_handle);
    o->by_handle = NULL;
    if (on && o->handle)
        o->by_handle = client_key_add(CLIENT_KEY_OPEN_HANDLE, o->handle, app, o);
}

/* The entry of call handle `h` of `app`, or NULL. */
static struct client_key *app_call(const struct client_app *app, DWORD h)
{
    for (struct client_key *k = client_key_chain(CLIENT_KEY_CALL, h); k; k = k->next)
        if (k->type == CLIENT_KEY_CALL && k->key == h && k->app == app)
            return k;
    return NULL;
}

/* Unlinks call entry `k` from its application and frees it. */
static void app_call_remove(struct client_key *k)
{
    if (k->prev_in_app)
        k->prev_in_app->next_in_app = k->next_in_app;
    else
        k->app->calls = k->next_in_app;
    if (k->next_in_app)
        k->next_in_app->prev_in_app = k->prev_in_app;
    client_key_remove(k);
}

void client_app_note_call(struct client_app *app, struct client_open *o, DWORD h)
{
    if (h == 0 || app_call(app, h))
        return;
    struct client_key *k = client_key_add(CLIENT_KEY_CALL, h, app, o);
    if (!k)
        return;
    k->next_in_app = app->calls;
    if (app->calls)
        app->calls->prev_in_app = k;
    app->calls = k;
}

void client_app_forget_call(struct client_conn *conn, DWORD h)
{
    struct client_key *k = client_key_chain(CLIENT_KEY_CALL, h);
    while (k) {
        struct client_key *next = k->next;
        if (k->type == CLIENT_KEY_CALL && k->key == h && k->app->conn == conn)
            app_call_remove(k);
        k = next;
    }
}

void client_app_forget_calls_of(struct client_app *app, const struct client_open *o)
{
    struct client_key *k = app->calls;
    while (k) {
        struct client_key *next = k->next_in_app;
        if (k->open == o)
            app_call_remove(k);
        k = next;
    }
}

/* The key of application `handle` of `kind` in the index. */
static uint64_t app_key(DWORD handle, enum proto_device kind)
{
    return (uint64_t)handle | (uint64_t)kind << 32;
}

/* Takes `app`'s entries out of the index: itself, its opens, its call handles. */
static void app_unindex(struct client_app *app)
{
    client_key_remove(app->by_handle);
    app->by_handle = NULL;
    for (struct client_open *o = app->opens; o; o = o->next) {
        client_key_remove(o->by_token);
        client_key_remove(o->by_handle);
        o->by_token = o->by_handle = NULL;
    }
    while (app->calls)
        app_call_remove(app->calls);
}

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
    app->by_handle = client_key_add(CLIENT_KEY_APP, app_key(handle, kind), app, NULL);
    if (!app->by_handle) {
        close(app->event_fd);
        pthread_cond_destroy(&app->nonempty);
        free(app);
        return NULL;
    }
    app->serial = next_serial++;
    client_route_forget_broadcasts(conn);
    app->next = client_apps;
    client_apps = app;
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
    free(app);
}

/* Unlinks `app` and frees it, or leaves that to the last thread waiting in it. */
static void app_destroy(struct client_app *app)
{
    for (struct client_app **pp = &client_apps; *pp; pp = &(*pp)->next)
        if (*pp == app) {
            *pp = app->next;
            break;
        }
    app_unindex(app);
    client_async_forget_app(app->conn, app);
    client_route_forget_broadcasts(app->conn);
    app->gone = true;
    pthread_cond_broadcast(&app->nonempty);
    if (!app->waiters)
        app_free(app);
}

struct client_app *client_app_find(DWORD handle, enum proto_device kind)
{
    struct client_app *live = NULL, *dead = NULL;
    uint64_t key = app_key(handle, kind);
    for (struct client_key *k = client_key_chain(CLIENT_KEY_APP, key); k; k = k->next) {
        if (k->type != CLIENT_KEY_APP || k->key != key)
            continue;
        struct client_app **best = k->app->conn->dead ? &dead : &live;
        if (!*best || k->app->serial > (*best)->serial)
            *best = k->app;
    }
    return live ? live : dead;
}

/* Whether `app` has seen call handle `h`. */
bool client_app_has_call(const struct client_app *app, DWORD h)
{
    return app_call(app, h) != NULL;
}

/* Keeps in `*best` the newer of it and `app` when `app` is of `conn`. */
static void newest_of(struct client_app **best, struct client_app *app, struct client_conn *conn)
{
    if (app->conn == conn && (!*best || app->serial > (*best)->serial))
        *best = app;
}

struct client_app *client_app_of_handle(struct client_conn *conn, DWORD h)
{
    static const enum client_key_type types[] = {CLIENT_KEY_APP, CLIENT_KEY_APP, CLIENT_KEY_CALL,
                                                 CLIENT_KEY_OPEN_HANDLE};
    const uint64_t keys[] = {app_key(h, PROTO_DEVICE_LINE), app_key(h, PROTO_DEVICE_PHONE), h, h};
    struct client_app *best = NULL;
    if (h == 0)
        return NULL;
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
        for (struct client_key *k = client_key_chain(types[i], keys[i]); k; k = k->next)
            if (k->type == types[i] && k->key == keys[i])
                newest_of(&best, k->app, conn);
    return best;
}

struct client_app *client_app_oldest(struct client_conn *conn, enum proto_device kind)
{
    struct client_app *oldest = NULL;
    for (struct client_app *app = client_apps; app; app = app->next)
        if (app->conn == conn && app->kind == kind && !app->gone)
            oldest = app; /* the list is newest first */
    return oldest;
}

bool client_app_any(void)
{
    return client_apps != NULL;
}

bool client_app_uses(const struct client_conn *conn)
{
    for (struct client_app *app = client_apps; app; app = app->next)
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
