/*
 * app.c — applications (HLINEAPP / HPHONEAPP) and their message queues.
 *
 * Each application has one queue. Messages wait there until lineGetMessage or phoneGetMessage
 * takes them. With LINEINITIALIZEEXOPTION_USEEVENT the queue also owns an eventfd that is
 * readable exactly while messages are waiting — the POSIX form of TAPI's event handle — so an
 * application can poll() it beside its other descriptors.
 */
#include "core.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

LONG app_create(enum app_kind kind, const char *name, DWORD api_version, bool use_event,
                struct app **appp)
{
    struct app *app = calloc(1, sizeof(*app));
    if (!app)
        return LINEERR_NOMEM;
    app->kind = kind;
    app->api_version = api_version;
    app->queue.event_fd = -1;
    app->name = strdup(name ? name : "");
    if (!app->name)
        goto nomem;
    if (use_event) {
        app->queue.event_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (app->queue.event_fd < 0)
            goto nomem;
    }
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&app->queue.nonempty, &attr);
    pthread_condattr_destroy(&attr);
    app->handle =
        handle_new(&g_core.handles, kind == APP_LINE ? HANDLE_LINEAPP : HANDLE_PHONEAPP, app);
    if (!app->handle) {
        pthread_cond_destroy(&app->queue.nonempty);
        goto nomem;
    }
    app->next = g_core.apps;
    g_core.apps = app;
    *appp = app;
    return 0;
nomem:
    if (app->queue.event_fd >= 0)
        close(app->queue.event_fd);
    free(app->name);
    free(app);
    return LINEERR_NOMEM;
}

/* Unlinks `app` from the core's list. */
static void app_unlink(struct app *app)
{
    for (struct app **pp = &g_core.apps; *pp; pp = &(*pp)->next)
        if (*pp == app) {
            *pp = app->next;
            return;
        }
}

/* Releases what app_create made: the eventfd, the condition, the queue, the name. */
static void app_free(struct app *app)
{
    if (app->queue.event_fd >= 0)
        close(app->queue.event_fd);
    pthread_cond_destroy(&app->queue.nonempty);
    free(app->queue.ring);
    free(app->name);
    free(app);
}

void app_destroy(struct app *app)
{
    while (app->opens)
        line_open_close(app->opens, false);
    while (app->phopens)
        phone_open_close(app->phopens, false);
    request_forget_app(app);
    app_unlink(app);
    handle_free(&g_core.handles, app->handle);
    app->shutting_down = true;
    /* A thread blocked in lineGetMessage owns the last reference; it frees the app. */
    pthread_cond_broadcast(&app->queue.nonempty);
    if (!app->waiters)
        app_free(app);
}

struct app *app_find(DWORD handle, enum app_kind kind)
{
    return handle_get(&g_core.handles, handle, kind == APP_LINE ? HANDLE_LINEAPP : HANDLE_PHONEAPP);
}

/* Grows the ring; false when memory ran out. */
static bool app_queue_grow(struct msgqueue *q)
{
    size_t cap = q->cap ? q->cap * 2 : 32;
    struct queued_msg *ring = malloc(cap * sizeof(*ring));
    if (!ring)
        return false;
    for (size_t i = 0; i < q->count; i++)
        ring[i] = q->ring[(q->head + i) % q->cap];
    free(q->ring);
    q->ring = ring;
    q->cap = cap;
    q->head = 0;
    return true;
}

void app_post(struct app *app, DWORD hDevice, DWORD msg, DWORD_PTR inst, DWORD_PTR p1, DWORD_PTR p2,
              DWORD_PTR p3)
{
    struct msgqueue *q = &app->queue;
    if (app->shutting_down)
        return;
    if (q->count == q->cap && !app_queue_grow(q)) {
        tapix_log(LOG_ERROR, "out of memory: message %u for application '%s' lost", msg, app->name);
        return;
    }
    struct queued_msg *m = &q->ring[(q->head + q->count) % q->cap];
    m->hDevice = hDevice;
    m->dwMessageID = msg;
    m->dwCallbackInstance = inst;
    m->dwParam1 = p1;
    m->dwParam2 = p2;
    m->dwParam3 = p3;
    q->count++;
    if (q->count == 1) {
        if (q->event_fd >= 0) {
            uint64_t one = 1;
            ssize_t n = write(q->event_fd, &one, sizeof(one));
            (void)n;
        }
        pthread_cond_signal(&q->nonempty);
    }
}

/* Absolute CLOCK_MONOTONIC time `ms` from now. */
static struct timespec app_deadline(DWORD ms)
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

/* Frees an application that lineShutdown left to the last waiting thread. */
static void app_free_after_wait(struct app *app)
{
    if (!app->waiters && app->shutting_down)
        app_free(app);
}

LONG app_get_message(struct app *app, struct queued_msg *out, DWORD timeout_ms)
{
    struct msgqueue *q = &app->queue;
    if (q->count == 0 && timeout_ms != 0) {
        struct timespec deadline = app_deadline(timeout_ms);
        app->waiters++;
        while (q->count == 0 && !app->shutting_down) {
            int rc;
            if (timeout_ms == 0xFFFFFFFF)
                rc = pthread_cond_wait(&q->nonempty, &g_core.lock);
            else
                rc = pthread_cond_timedwait(&q->nonempty, &g_core.lock, &deadline);
            if (rc == ETIMEDOUT)
                break;
        }
        app->waiters--;
        if (app->shutting_down) {
            app_free_after_wait(app);
            return LINEERR_INVALAPPHANDLE;
        }
    }
    if (q->count == 0)
        return LINEERR_OPERATIONFAILED;
    *out = q->ring[q->head];
    q->head = (q->head + 1) % q->cap;
    q->count--;
    if (q->count == 0 && q->event_fd >= 0) {
        uint64_t value;
        ssize_t n = read(q->event_fd, &value, sizeof(value));
        (void)n;
    }
    return 0;
}
