/*
 * wait.c — a session: one line application (lineInitializeEx with an event handle) and its
 * message loop, which every command that waits for something runs.
 *
 * The loop poll()s the event handle's eventfd (TAPIX_HANDLE_TO_FD) until a message waits, the
 * deadline passes or SIGINT/SIGTERM arrives, then takes the message with lineGetMessage,
 * prints it and remembers what it says: the last state of every call it names, the calls the
 * switch offered us, the LINE_REPLYs nobody has waited for yet. A command therefore never
 * misses a message that came while it waited for another: "wait for CONNECTED" is answered
 * from what the loop saw, whenever it saw it.
 */
#include "cli.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Time allowed for a call to go idle after lineDrop, past any deadline. */
#define HANGUP_GRACE_MS 5000

static volatile sig_atomic_t stop_signal; /* the SIGINT/SIGTERM that arrived, or 0 */

/* Records the signal; the loop sees it when poll() returns EINTR. */
static void on_signal(int sig)
{
    stop_signal = sig;
}

uint64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

int session_open(struct session *s, struct cli *cli, const char *app_name)
{
    LINEINITIALIZEEXPARAMS params = {0};
    struct sigaction sa = {0};
    DWORD version = CLI_API_HIGH;
    LONG rc;

    memset(s, 0, sizeof *s);
    s->cli = cli;
    s->fd = -1;
    s->started = now_ms();
    params.dwTotalSize = sizeof params;
    params.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT;
    rc = lineInitializeEx(&s->app, NULL, NULL, app_name, &s->ndevs, &version, &params);
    if (rc != 0) {
        char why[512];

        s->app = 0;
        tapix_last_error(why, sizeof why);
        if (why[0])
            return out_fail(cli, CLI_EXIT_INIT, "lineInitializeEx: %s: %s", names_error(rc), why);
        return out_fail(cli, CLI_EXIT_INIT, "lineInitializeEx: %s", names_error(rc));
    }
    s->fd = TAPIX_HANDLE_TO_FD(params.Handles.hEvent);
    sa.sa_handler = on_signal; /* no SA_RESTART: poll() must return EINTR */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    return CLI_EXIT_OK;
}

void session_close(struct session *s)
{
    if (s->app)
        lineShutdown(s->app);
    s->app = 0;
}

void session_timeout(struct session *s, DWORD ms)
{
    s->deadline = ms ? now_ms() + ms : 0;
}

LONG session_version(struct session *s, DWORD dev, DWORD *version)
{
    LINEEXTENSIONID ext;

    return lineNegotiateAPIVersion(s->app, dev, CLI_API_LOW, CLI_API_HIGH, version, &ext);
}

int session_find_line(struct session *s, const char *arg, DWORD *dev)
{
    char *end;
    unsigned long n = strtoul(arg, &end, 10);

    if (*arg >= '0' && *arg <= '9' && !*end && n < s->ndevs) {
        *dev = (DWORD)n;
        return CLI_EXIT_OK;
    }
    for (DWORD d = 0; d < s->ndevs; d++) {
        DWORD version;
        LONG rc;
        LINEDEVCAPS *caps;
        LINEADDRESSCAPS *addr;
        char name[256], address[256];
        bool match;

        if (session_version(s, d, &version))
            continue;
        caps = fetch_devcaps(s->app, d, version, &rc);
        addr = fetch_addrcaps(s->app, d, 0, version, &rc);
        match = (caps && !strcmp(arg, fetch_string(caps, caps->dwLineNameSize,
                                                   caps->dwLineNameOffset, name, sizeof name))) ||
                (addr && !strcmp(arg, fetch_string(addr, addr->dwAddressSize, addr->dwAddressOffset,
                                                   address, sizeof address)));
        free(caps);
        free(addr);
        if (match) {
            *dev = d;
            return CLI_EXIT_OK;
        }
    }
    fprintf(stderr,
            "tapix: no line '%s': give a device ID (0 to %lu) or a line's address or "
            "name (see 'tapix lines')\n",
            arg, (unsigned long)(s->ndevs ? s->ndevs - 1 : 0));
    return CLI_EXIT_USAGE;
}

struct tracked_call *session_call(struct session *s, HCALL h)
{
    for (int i = 0; i < SESSION_CALLS; i++)
        if (s->calls[i].hcall == h && h)
            return &s->calls[i];
    return NULL;
}

/* The tracked call h, added when new (reusing the slot of an idle call if full); never NULL. */
static struct tracked_call *session_track(struct session *s, HCALL h, bool *added)
{
    struct tracked_call *c = session_call(s, h);
    int slot = 0;

    *added = false;
    if (c)
        return c;
    for (int i = 0; i < SESSION_CALLS; i++) {
        if (!s->calls[i].hcall) {
            slot = i;
            break;
        }
        if (s->calls[i].state == LINECALLSTATE_IDLE)
            slot = i;
    }
    c = &s->calls[slot];
    memset(c, 0, sizeof *c);
    c->hcall = h;
    *added = true;
    return c;
}

/* Updates what the session knows from message m. */
static void session_learn(struct session *s, const LINEMESSAGE *m)
{
    struct tracked_call *c;
    bool added;

    switch (m->dwMessageID) {
    case LINE_CALLSTATE:
        c = session_track(s, m->hDevice, &added);
        c->state = (DWORD)m->dwParam1;
        c->detail = (DWORD)m->dwParam2;
        if (m->dwParam3 && !c->privilege) { /* a call new to us, with our privilege */
            c->privilege = (DWORD)m->dwParam3;
            c->is_new = true;
        }
        break;
    case LINE_APPNEWCALL:
        c = session_track(s, (HCALL)m->dwParam2, &added);
        c->privilege = (DWORD)m->dwParam3;
        c->is_new = true;
        break;
    case LINE_REPLY:
        if (s->nreplies == SESSION_REPLIES) { /* forget the oldest nobody wanted */
            memmove(&s->replies[0], &s->replies[1], sizeof s->replies[0] * (SESSION_REPLIES - 1));
            s->nreplies--;
        }
        s->replies[s->nreplies].id = (DWORD)m->dwParam1;
        s->replies[s->nreplies].result = (LONG)(DWORD)m->dwParam2;
        s->nreplies++;
        break;
    default:
        break;
    }
}

int session_next(struct session *s, LINEMESSAGE *out)
{
    LINEMESSAGE m;

    for (;;) {
        int timeout = -1;
        struct pollfd pfd = {.fd = s->fd, .events = POLLIN};
        LONG rc;

        if (stop_signal)
            return CLI_STOPPED;
        if (s->deadline) {
            uint64_t now = now_ms();

            if (now >= s->deadline)
                return CLI_EXIT_TIMEOUT;
            timeout = (int)(s->deadline - now);
        }
        int ready = poll(&pfd, 1, timeout);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0)
            return out_fail(s->cli, CLI_EXIT_FAILED, "poll: %s", strerror(errno));
        if (ready == 0)
            continue; /* the deadline check above ends the wait */
        rc = lineGetMessage(s->app, &m, 0);
        if (rc == LINEERR_INVALAPPHANDLE || rc == LINEERR_UNINITIALIZED)
            return out_error(s->cli, "lineGetMessage", rc);
        if (rc != 0)
            continue; /* taken meanwhile; wait again */
        break;
    }
    session_learn(s, &m);
    if (!s->quiet) {
        struct record r;

        message_line(&m, &r);
        record_raw(&r, "t_ms", (DWORD)(now_ms() - s->started));
        out_record(s->cli, &r);
        s->printed++;
    }
    if (out)
        *out = m;
    return CLI_EXIT_OK;
}

int session_request(struct session *s, const char *fn, LONG rq)
{
    if (rq < 0)
        return out_error(s->cli, fn, rq);
    if (rq == 0) /* completed synchronously */
        return CLI_EXIT_OK;
    for (;;) {
        for (int i = 0; i < s->nreplies; i++) {
            if (s->replies[i].id != (DWORD)rq)
                continue;
            LONG result = s->replies[i].result;

            memmove(&s->replies[i], &s->replies[i + 1],
                    sizeof s->replies[0] * (size_t)(s->nreplies - i - 1));
            s->nreplies--;
            return result == 0 ? CLI_EXIT_OK : out_error(s->cli, fn, result);
        }
        int rc = session_next(s, NULL);
        if (rc != CLI_EXIT_OK)
            return rc;
    }
}

int session_wait_state(struct session *s, HCALL h, DWORD mask, DWORD *state)
{
    for (;;) {
        struct tracked_call *c = session_call(s, h);

        if (c && (c->state & mask)) {
            if (state)
                *state = c->state;
            return CLI_EXIT_OK;
        }
        int rc = session_next(s, NULL);
        if (rc != CLI_EXIT_OK)
            return rc;
    }
}

int session_new_call(struct session *s, HCALL *h)
{
    for (;;) {
        for (int i = 0; i < SESSION_CALLS; i++) {
            if (s->calls[i].hcall && s->calls[i].is_new) {
                s->calls[i].is_new = false;
                *h = s->calls[i].hcall;
                return CLI_EXIT_OK;
            }
        }
        int rc = session_next(s, NULL);
        if (rc != CLI_EXIT_OK)
            return rc;
    }
}

int session_hangup(struct session *s, HCALL h)
{
    struct tracked_call *c = session_call(s, h);
    uint64_t saved_deadline = s->deadline;
    sig_atomic_t saved_signal = stop_signal;
    int status = CLI_EXIT_OK;
    LONG rc;

    if (!h)
        return CLI_EXIT_OK;
    stop_signal = 0; /* a signal ends the wait, not the clean-up */
    s->deadline = now_ms() + HANGUP_GRACE_MS;
    if (!c || c->state != LINECALLSTATE_IDLE) {
        status = session_request(s, "lineDrop", lineDrop(h, NULL, 0));
        if (status == CLI_EXIT_OK)
            status = session_wait_state(s, h, LINECALLSTATE_IDLE, NULL);
        if (status == CLI_EXIT_TIMEOUT)
            status = out_fail(s->cli, CLI_EXIT_FAILED, "the call did not go idle after lineDrop");
    }
    rc = lineDeallocateCall(h);
    if (rc != 0 && status == CLI_EXIT_OK)
        status = out_error(s->cli, "lineDeallocateCall", rc);
    if (c)
        memset(c, 0, sizeof *c);
    s->deadline = saved_deadline;
    if (saved_signal)
        stop_signal = saved_signal;
    return status == CLI_STOPPED ? CLI_EXIT_OK : status;
}

int session_pause(struct session *s, DWORD ms)
{
    uint64_t saved = s->deadline;
    int rc;

    s->deadline = now_ms() + ms;
    if (saved && saved < s->deadline)
        s->deadline = saved;
    do
        rc = session_next(s, NULL);
    while (rc == CLI_EXIT_OK);
    s->deadline = saved;
    if (rc == CLI_EXIT_TIMEOUT && (!saved || now_ms() < saved))
        return CLI_EXIT_OK;
    return rc;
}
