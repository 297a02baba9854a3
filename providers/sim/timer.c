/*
 * timer.c — the instance's timer thread: everything the switch does later rather than now.
 *
 * An outside party answering after N ms, a call nobody answers, forwarding after some rings,
 * DTMF digits played one at a time, a digit-gathering timeout: each is a struct sim_timer
 * embedded in the call it acts on, kept in a list sorted by due time. The thread sleeps on a
 * condition variable (monotonic clock) until the first one is due, then runs it holding the
 * instance lock, exactly as a TSPI entry point would. Zero-delay work never comes here: it is
 * done inline by the caller, so the fast path has no thread hop.
 *
 * All functions except timer_start/timer_stop expect inst->lock to be held.
 */
#include <time.h>

#include "sim.h"

/* Monotonic milliseconds. Never blocks. */
uint64_t timer_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* The 32-bit "tick count" TAPI puts in dwParam3 of digit and generate events. */
DWORD timer_tick(void)
{
    return (DWORD)timer_now_ms();
}

/* Remove t from the list if it is armed. */
void timer_cancel(struct sim_inst *inst, struct sim_timer *t)
{
    if (!t->armed)
        return;
    if (t->prev)
        t->prev->next = t->next;
    else
        inst->timers = t->next;
    if (t->next)
        t->next->prev = t->prev;
    t->next = t->prev = NULL;
    t->armed = false;
}

/*
 * Arm t to call fn(call) in ms milliseconds (re-arming it if it was armed). The timer thread
 * is woken when t becomes the first one due.
 */
void timer_arm(struct sim_inst *inst, struct sim_timer *t, struct sim_call *call, uint32_t ms,
               sim_timer_fn fn)
{
    struct sim_timer **pp, *prev = NULL;

    timer_cancel(inst, t);
    t->due = timer_now_ms() + ms;
    t->fn = fn;
    t->call = call;
    for (pp = &inst->timers; *pp && (*pp)->due <= t->due; pp = &(*pp)->next)
        prev = *pp;
    t->next = *pp;
    t->prev = prev;
    if (*pp)
        (*pp)->prev = t;
    *pp = t;
    t->armed = true;
    if (inst->timers == t)
        pthread_cond_signal(&inst->timer_cond);
}

/* Wait on the condition variable until the absolute monotonic time due_ms. */
static void timer_wait_until(struct sim_inst *inst, uint64_t due_ms)
{
    struct timespec ts = {.tv_sec = (time_t)(due_ms / 1000u),
                          .tv_nsec = (long)(due_ms % 1000u) * 1000000L};

    pthread_cond_timedwait(&inst->timer_cond, &inst->lock, &ts);
}

/* The thread: run due timers until timer_stop. */
static void *timer_main(void *arg)
{
    struct sim_inst *inst = arg;

    pthread_mutex_lock(&inst->lock);
    while (!inst->timer_stopping) {
        struct sim_timer *t = inst->timers;

        if (!t) {
            pthread_cond_wait(&inst->timer_cond, &inst->lock);
        } else if (t->due > timer_now_ms()) {
            timer_wait_until(inst, t->due);
        } else {
            timer_cancel(inst, t);
            t->fn(t->call);
        }
    }
    pthread_mutex_unlock(&inst->lock);
    return NULL;
}

/* Start the thread (idempotent). Returns 0 or an errno value. Called with inst->lock held. */
int timer_start(struct sim_inst *inst)
{
    pthread_condattr_t attr;
    int rc;

    if (inst->timer_running)
        return 0;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&inst->timer_cond, &attr);
    pthread_condattr_destroy(&attr);
    inst->timer_stopping = false;
    rc = pthread_create(&inst->timer_thread, NULL, timer_main, inst);
    if (rc) {
        pthread_cond_destroy(&inst->timer_cond);
        return rc;
    }
    inst->timer_running = true;
    return 0;
}

/* Stop and join the thread. Called WITHOUT inst->lock; pending timers are simply dropped. */
void timer_stop(struct sim_inst *inst)
{
    pthread_mutex_lock(&inst->lock);
    if (!inst->timer_running) {
        pthread_mutex_unlock(&inst->lock);
        return;
    }
    inst->timer_stopping = true;
    pthread_cond_signal(&inst->timer_cond);
    pthread_mutex_unlock(&inst->lock);
    pthread_join(inst->timer_thread, NULL);
    pthread_mutex_lock(&inst->lock);
    inst->timer_running = false;
    while (inst->timers)
        timer_cancel(inst, inst->timers);
    pthread_cond_destroy(&inst->timer_cond);
    pthread_mutex_unlock(&inst->lock);
}
