/*
 * demo.c — tapix's demo and the shortest complete example of a TAPI application on Linux.
 *
 * It opens extension 101 to place a call and extension 102 as the owner of incoming voice
 * calls, calls 102 from 101, answers on 102, sends DTMF digits across, hangs up, and prints
 * every TAPI message as it arrives. With no configuration it runs on the simulated PBX the
 * core loads by default.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tapix/tapi.h>
#include <tapix/tapix.h>

static const char *message_name(DWORD id)
{
    static const char *const names[] = {
        "LINE_ADDRESSSTATE",  "LINE_CALLINFO",     "LINE_CALLSTATE",
        "LINE_CLOSE",         "LINE_DEVSPECIFIC",  "LINE_DEVSPECIFICFEATURE",
        "LINE_GATHERDIGITS",  "LINE_GENERATE",     "LINE_LINEDEVSTATE",
        "LINE_MONITORDIGITS", "LINE_MONITORMEDIA", "LINE_MONITORTONE",
        "LINE_REPLY",         "LINE_REQUEST",      "PHONE_BUTTON",
        "PHONE_CLOSE",        "PHONE_DEVSPECIFIC", "PHONE_REPLY",
        "PHONE_STATE",        "LINE_CREATE",       "PHONE_CREATE",
        "LINE_AGENTSPECIFIC", "LINE_AGENTSTATUS",  "LINE_APPNEWCALL",
        "LINE_PROXYREQUEST",  "LINE_REMOVE",       "PHONE_REMOVE"};
    return id < sizeof(names) / sizeof(names[0]) ? names[id] : "LINE_?";
}

static const char *state_name(DWORD state)
{
    static const struct {
        DWORD value;
        const char *name;
    } states[] = {{LINECALLSTATE_IDLE, "IDLE"},
                  {LINECALLSTATE_OFFERING, "OFFERING"},
                  {LINECALLSTATE_ACCEPTED, "ACCEPTED"},
                  {LINECALLSTATE_DIALTONE, "DIALTONE"},
                  {LINECALLSTATE_DIALING, "DIALING"},
                  {LINECALLSTATE_RINGBACK, "RINGBACK"},
                  {LINECALLSTATE_BUSY, "BUSY"},
                  {LINECALLSTATE_CONNECTED, "CONNECTED"},
                  {LINECALLSTATE_PROCEEDING, "PROCEEDING"},
                  {LINECALLSTATE_ONHOLD, "ONHOLD"},
                  {LINECALLSTATE_CONFERENCED, "CONFERENCED"},
                  {LINECALLSTATE_DISCONNECTED, "DISCONNECTED"},
                  {LINECALLSTATE_UNKNOWN, "UNKNOWN"}};
    for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++)
        if (states[i].value == state)
            return states[i].name;
    return "?";
}

/* Prints one message the way the demo shows them. */
static void print_message(const LINEMESSAGE *m, const char *who)
{
    printf("%-4s %-18s hDevice=0x%08x", who, message_name(m->dwMessageID), m->hDevice);
    if (m->dwMessageID == LINE_CALLSTATE)
        printf("  %s", state_name((DWORD)m->dwParam1));
    else if (m->dwMessageID == LINE_REPLY)
        printf("  request %lu result 0x%08lx", (unsigned long)m->dwParam1,
               (unsigned long)(DWORD)m->dwParam2);
    else if (m->dwMessageID == LINE_MONITORDIGITS)
        printf("  digit '%c'", (char)m->dwParam1);
    else if (m->dwMessageID == LINE_APPNEWCALL)
        printf("  new call 0x%08lx", (unsigned long)m->dwParam2);
    printf("\n");
    fflush(stdout);
}

struct demo {
    HLINEAPP app;
    int fd;
    HLINE caller_line, callee_line;
    HCALL caller, callee;
    int digits_seen;
};

/* Waits for and returns the next message; exits when none comes within 5 s. */
static LINEMESSAGE next_message(struct demo *d)
{
    struct pollfd pfd = {.fd = d->fd, .events = POLLIN};
    LINEMESSAGE m;
    if (poll(&pfd, 1, 5000) != 1 || lineGetMessage(d->app, &m, 0) != 0) {
        fprintf(stderr, "demo: no message within 5 s\n");
        exit(1);
    }
    print_message(&m, m.dwCallbackInstance == 102 ? "102" : "101");
    return m;
}

/* Reacts to what happens until `done` says the step is over. */
static void run_until(struct demo *d, int (*done)(struct demo *, const LINEMESSAGE *))
{
    for (;;) {
        LINEMESSAGE m = next_message(d);
        if (m.dwMessageID == LINE_APPNEWCALL)
            d->callee = (HCALL)m.dwParam2;
        if (m.dwMessageID == LINE_CALLSTATE && m.hDevice == d->callee &&
            m.dwParam1 == LINECALLSTATE_OFFERING)
            lineAnswer(d->callee, NULL, 0);
        if (m.dwMessageID == LINE_MONITORDIGITS)
            d->digits_seen++;
        if (done(d, &m))
            return;
    }
}

static int both_connected(struct demo *d, const LINEMESSAGE *m)
{
    static int caller_up, callee_up;
    if (m->dwMessageID == LINE_CALLSTATE && m->dwParam1 == LINECALLSTATE_CONNECTED) {
        caller_up |= m->hDevice == d->caller;
        callee_up |= m->hDevice == d->callee;
    }
    return caller_up && callee_up;
}

static int digits_arrived(struct demo *d, const LINEMESSAGE *m)
{
    (void)m;
    return d->digits_seen == 3;
}

static int callee_disconnected(struct demo *d, const LINEMESSAGE *m)
{
    return m->dwMessageID == LINE_CALLSTATE && m->hDevice == d->callee &&
           m->dwParam1 == LINECALLSTATE_DISCONNECTED;
}

static int callee_idle(struct demo *d, const LINEMESSAGE *m)
{
    return m->dwMessageID == LINE_CALLSTATE && m->hDevice == d->callee &&
           m->dwParam1 == LINECALLSTATE_IDLE;
}

/* The device ID of the line whose name mentions `extension`. */
static DWORD find_line(HLINEAPP app, DWORD num_devs, const char *extension)
{
    for (DWORD id = 0; id < num_devs; id++) {
        char buffer[4096];
        LINEDEVCAPS *caps = (LINEDEVCAPS *)buffer;
        memset(buffer, 0, sizeof(buffer));
        caps->dwTotalSize = sizeof(buffer);
        if (lineGetDevCaps(app, id, 0x00020002, 0, caps) == 0 && caps->dwLineNameSize &&
            strstr(buffer + caps->dwLineNameOffset, extension))
            return id;
    }
    fprintf(stderr, "demo: no line for extension %s\n", extension);
    exit(1);
}

int main(void)
{
    struct demo d = {0};
    DWORD num_devs, version = 0x00020002;
    LINEINITIALIZEEXPARAMS params = {.dwTotalSize = sizeof(params),
                                     .dwOptions = LINEINITIALIZEEXOPTION_USEEVENT};
    LONG rc = lineInitializeEx(&d.app, NULL, NULL, "tapix demo", &num_devs, &version, &params);
    if (rc != 0) {
        char why[512];
        tapix_last_error(why, sizeof(why));
        fprintf(stderr, "demo: lineInitializeEx failed (0x%08x): %s\n", (unsigned)rc, why);
        return 1;
    }
    d.fd = TAPIX_HANDLE_TO_FD(params.Handles.hEvent);
    DWORD id101 = find_line(d.app, num_devs, "101"), id102 = find_line(d.app, num_devs, "102");
    if (lineOpen(d.app, id101, &d.caller_line, version, 0, 101, LINECALLPRIVILEGE_NONE, 0, NULL) ||
        lineOpen(d.app, id102, &d.callee_line, version, 0, 102, LINECALLPRIVILEGE_OWNER,
                 LINEMEDIAMODE_INTERACTIVEVOICE, NULL)) {
        fprintf(stderr, "demo: cannot open extensions 101 and 102\n");
        return 1;
    }
    printf("== 101 calls 102\n");
    if (lineMakeCall(d.caller_line, &d.caller, "102", 0, NULL) <= 0)
        return 1;
    run_until(&d, both_connected);
    printf("== 102 listens for digits, 101 sends 1 2 3\n");
    lineMonitorDigits(d.callee, LINEDIGITMODE_DTMF);
    lineGenerateDigits(d.caller, LINEDIGITMODE_DTMF, "123", 0);
    run_until(&d, digits_arrived);
    printf("== 101 hangs up\n");
    lineDrop(d.caller, NULL, 0);
    run_until(&d, callee_disconnected);
    lineDrop(d.callee, NULL, 0);
    run_until(&d, callee_idle);
    lineDeallocateCall(d.caller);
    lineDeallocateCall(d.callee);
    lineClose(d.caller_line);
    lineClose(d.callee_line);
    lineShutdown(d.app);
    printf("== done\n");
    return 0;
}
