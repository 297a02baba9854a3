/*
 * event.c — how provider events reach applications.
 *
 * The TSPI callbacks (LINEEVENT, PHONEEVENT, ASYNC_COMPLETION) may be called from any thread,
 * also from inside a TSPI function. They only append to a queue guarded by its own small lock
 * and never block on the core. The queue is drained with the core lock held: by the thread that
 * called into the provider, just before it leaves the core, or by the core's event thread when
 * the event came from a provider's own thread. Draining keeps the order in which the provider
 * reported things, which is what keeps a call's states in sequence.
 */
#include "core.h"

#include <stdlib.h>
#include <string.h>

enum event_kind { EV_LINE, EV_PHONE, EV_COMPLETION };

struct event {
    enum event_kind kind;
    void *target; /* struct line_device * or struct phone_device * */
    struct tcall *call;
    DWORD msg;
    DWORD_PTR p1, p2, p3;
};

static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    struct event *ring;
    size_t head, count, cap;
    bool thread_started;
    pthread_t thread;
} evq = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

/* Appends under the queue lock; wakes the event thread unless the caller is in the core. */
static void event_push(const struct event *ev)
{
    pthread_mutex_lock(&evq.lock);
    if (evq.count == evq.cap) {
        size_t cap = evq.cap ? evq.cap * 2 : 256;
        struct event *ring = malloc(cap * sizeof(*ring));
        if (!ring) {
            pthread_mutex_unlock(&evq.lock);
            tapix_log(LOG_ERROR, "out of memory: provider event %u lost", ev->msg);
            return;
        }
        for (size_t i = 0; i < evq.count; i++)
            ring[i] = evq.ring[(evq.head + i) % evq.cap];
        free(evq.ring);
        evq.ring = ring;
        evq.cap = cap;
        evq.head = 0;
    }
    evq.ring[(evq.head + evq.count) % evq.cap] = *ev;
    evq.count++;
    if (!core_locked_by_me())
        pthread_cond_signal(&evq.wake);
    pthread_mutex_unlock(&evq.lock);
}

/* Takes the oldest event; false when none is left. */
static bool event_pop(struct event *ev)
{
    pthread_mutex_lock(&evq.lock);
    bool have = evq.count > 0;
    if (have) {
        *ev = evq.ring[evq.head];
        evq.head = (evq.head + 1) % evq.cap;
        evq.count--;
    }
    pthread_mutex_unlock(&evq.lock);
    return have;
}

void CALLBACK event_line_callback(HTAPILINE htLine, HTAPICALL htCall, DWORD dwMsg,
                                  DWORD_PTR dwParam1, DWORD_PTR dwParam2, DWORD_PTR dwParam3)
{
    struct event ev = {.kind = EV_LINE,
                       .target = (void *)htLine,
                       .call = (struct tcall *)htCall,
                       .msg = dwMsg,
                       .p1 = dwParam1,
                       .p2 = dwParam2,
                       .p3 = dwParam3};
    if (dwMsg == LINE_NEWCALL) {
        /* The provider needs our handle now; the call joins its line when the event is handled. */
        struct tcall *call = call_alloc((struct line_device *)htLine);
        if (!call) {
            *(LPHTAPICALL)dwParam2 = NULL;
            return;
        }
        call->hdCall = (HDRVCALL)dwParam1;
        *(LPHTAPICALL)dwParam2 = (HTAPICALL)call;
        ev.call = call;
    }
    event_push(&ev);
}

void CALLBACK event_phone_callback(HTAPIPHONE htPhone, DWORD dwMsg, DWORD_PTR dwParam1,
                                   DWORD_PTR dwParam2, DWORD_PTR dwParam3)
{
    struct event ev = {.kind = EV_PHONE,
                       .target = (void *)htPhone,
                       .msg = dwMsg,
                       .p1 = dwParam1,
                       .p2 = dwParam2,
                       .p3 = dwParam3};
    event_push(&ev);
}

void CALLBACK event_completion_callback(DRV_REQUESTID dwRequestID, LONG lResult)
{
    struct event ev = {
        .kind = EV_COMPLETION, .p1 = dwRequestID, .p2 = (DWORD_PTR)(LONG_PTR)lResult};
    event_push(&ev);
}

/* True when `call` is a live call of `dev` that applications may hear about. */
static bool event_call_is_live(struct line_device *dev, struct tcall *call)
{
    for (struct tcall *c = dev->calls; c; c = c->next_on_dev)
        if (c == call)
            return c->valid && !c->closing;
    return false;
}

/* Posts a line-wide message to every open of `dev` whose mask selects it. */
static void event_post_line_opens(struct line_device *dev, DWORD msg, DWORD state_bit, bool address,
                                  DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3)
{
    for (struct line_open *o = dev->opens; o; o = o->next_on_dev) {
        if (state_bit) {
            DWORD mask = address ? o->address_states : o->line_states;
            if (!(mask & state_bit) &&
                !(msg == LINE_LINEDEVSTATE && state_bit == LINEDEVSTATE_REINIT))
                continue;
        }
        app_post(o->app, o->handle, msg, o->callback_instance, p1, p2, p3);
    }
}

/* A new call from the network: attach it, or close it when its line is gone. */
static void event_new_call(struct line_device *dev, struct tcall *call)
{
    if (!dev->open_count || dev->removed) {
        if (!dev->prov->removed && dev->prov->fn.lineCloseCall)
            dev->prov->fn.lineCloseCall(call->hdCall);
        call_free(call);
        return;
    }
    call->valid = true;
    call_attach(call);
}

/* Messages about one call. */
static void event_call_message(struct line_device *dev, const struct event *ev)
{
    struct tcall *call = ev->call;
    if (!event_call_is_live(dev, call)) {
        tapix_log(LOG_DEBUG, "event %u for a call that is not live: ignored", ev->msg);
        return;
    }
    switch (ev->msg) {
    case LINE_CALLSTATE:
        call_state_changed(call, (DWORD)ev->p1, (DWORD)ev->p2, (DWORD)ev->p3);
        break;
    case LINE_CALLINFO:
        call_post_all(call, LINE_CALLINFO, ev->p1, 0, 0);
        break;
    case LINE_MONITORDIGITS:
        for (struct call_handle *ch = call->handles; ch; ch = ch->next_in_call)
            if (ch->digit_modes & (DWORD)ev->p2)
                app_post(ch->open->app, ch->handle, LINE_MONITORDIGITS, ch->open->callback_instance,
                         ev->p1, ev->p2, ev->p3);
        break;
    case LINE_MONITORMEDIA:
        for (struct call_handle *ch = call->handles; ch; ch = ch->next_in_call)
            if (ch->media_modes & (DWORD)ev->p1)
                app_post(ch->open->app, ch->handle, LINE_MONITORMEDIA, ch->open->callback_instance,
                         ev->p1, 0, ev->p3);
        break;
    case LINE_GENERATE:
    case LINE_GATHERDIGITS:
        call_end_to_end(call, ev->msg, (DWORD)ev->p1, (DWORD)ev->p2, (DWORD)ev->p3);
        break;
    case LINE_MONITORTONE:
        call_monitor_tone(call, (DWORD)ev->p1, (DWORD)ev->p2, (DWORD)ev->p3);
        break;
    default:
        call_post_all(call, ev->msg, ev->p1, ev->p2, ev->p3);
        break;
    }
}

/* One event from a line or one of its calls. */
static void event_dispatch_line(const struct event *ev)
{
    struct line_device *dev = ev->target;
    if (!dev || !g_core.started)
        return;
    if (ev->msg == LINE_NEWCALL) {
        event_new_call(dev, ev->call);
        return;
    }
    if (ev->call) {
        event_call_message(dev, ev);
        return;
    }
    if (!dev->open_count) {
        tapix_log(LOG_DEBUG, "event %u for line %u that is not open: ignored", ev->msg,
                  dev->device_id);
        return;
    }
    switch (ev->msg) {
    case LINE_LINEDEVSTATE:
        event_post_line_opens(dev, LINE_LINEDEVSTATE, (DWORD)ev->p1, false, ev->p1, ev->p2, ev->p3);
        break;
    case LINE_ADDRESSSTATE:
        event_post_line_opens(dev, LINE_ADDRESSSTATE, (DWORD)ev->p2, true, ev->p1, ev->p2, ev->p3);
        break;
    case LINE_CLOSE:
        while (dev->opens)
            line_open_close(dev->opens, true);
        break;
    default:
        event_post_line_opens(dev, ev->msg, 0, false, ev->p1, ev->p2, ev->p3);
        break;
    }
}

void event_drain(void)
{
    struct event ev;
    while (event_pop(&ev)) {
        switch (ev.kind) {
        case EV_LINE:
            event_dispatch_line(&ev);
            break;
        case EV_PHONE:
            if (g_core.started && ev.target)
                phone_dispatch(ev.target, ev.msg, ev.p1, ev.p2, ev.p3);
            break;
        case EV_COMPLETION:
            request_complete((DWORD)ev.p1, (LONG)(LONG_PTR)ev.p2);
            break;
        }
    }
}

/* The event thread: handles what providers report from their own threads. */
static void *event_thread_main(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&evq.lock);
        while (evq.count == 0)
            pthread_cond_wait(&evq.wake, &evq.lock);
        pthread_mutex_unlock(&evq.lock);
        core_enter();
        core_leave(); /* leaving drains */
    }
    return NULL;
}

int event_loop_start(void)
{
    pthread_mutex_lock(&evq.lock);
    int rc = 0;
    if (!evq.thread_started) {
        rc = pthread_create(&evq.thread, NULL, event_thread_main, NULL);
        if (rc == 0) {
            pthread_detach(evq.thread);
            evq.thread_started = true;
        }
    }
    pthread_mutex_unlock(&evq.lock);
    return rc;
}

void event_loop_stop(void)
{
    /* The thread stays for the life of the process; events left after a stop are dropped. */
    struct event ev;
    while (event_pop(&ev))
        if (ev.kind == EV_LINE && ev.msg == LINE_NEWCALL)
            call_free(ev.call);
}
