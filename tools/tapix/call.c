/*
 * call.c — the commands that make or take one call and do one thing with it: `call`, `drop`,
 * `hold`, `digits` and `answer`, and the steps transfer.c shares with them (open a line, make
 * a call, wait for it to progress, say why a wait ended).
 *
 * Every command follows the same shape: open the line, make or take the call, wait for the
 * state it needs while the session prints every message, act, then always hang up (lineDrop
 * unless idle, lineDeallocateCall) and close the line, whatever failed on the way. Each runs
 * in its own process with its own embedded core, so the call it acts on is one it made.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The default --timeout of the commands that make a call. */
#define CALL_TIMEOUT_MS 60000

/* The states in which a call has ended, one way or another. */
#define CALL_ENDED                                                                                 \
    (LINECALLSTATE_BUSY | LINECALLSTATE_SPECIALINFO | LINECALLSTATE_DISCONNECTED |                 \
     LINECALLSTATE_IDLE)

int call_report(struct session *s, int rc, const char *waiting_for)
{
    if (rc == CLI_EXIT_TIMEOUT)
        return out_fail(s->cli, CLI_EXIT_TIMEOUT, "timeout waiting for %s", waiting_for);
    if (rc == CLI_STOPPED)
        fprintf(stderr, "tapix: stopped by a signal while waiting for %s\n", waiting_for);
    return rc;
}

int call_open_line(struct session *s, const char *line, DWORD privileges, HLINE *hline)
{
    DWORD dev, version, media = LINEMEDIAMODE_INTERACTIVEVOICE;
    LONG err;
    int rc = session_find_line(s, line, &dev);

    if (rc != CLI_EXIT_OK)
        return rc;
    err = session_version(s, dev, &version);
    if (err)
        return out_error(s->cli, "lineNegotiateAPIVersion", err);
    if (privileges & LINECALLPRIVILEGE_OWNER) { /* own every media mode the line carries */
        LINEDEVCAPS *caps = fetch_devcaps(s->app, dev, version, &err);

        if (!caps)
            return out_error(s->cli, "lineGetDevCaps", err);
        if (caps->dwMediaModes)
            media = caps->dwMediaModes;
        free(caps);
    }
    err = lineOpen(s->app, dev, hline, version, 0, 0, privileges, media, NULL);
    if (err)
        return out_error(s->cli, "lineOpen", err);
    return CLI_EXIT_OK;
}

int call_make(struct session *s, HLINE hline, const char *number, HCALL *hcall)
{
    int rc;

    *hcall = 0;
    rc = session_request(s, "lineMakeCall", lineMakeCall(hline, hcall, number, 0, NULL));
    if (rc != CLI_EXIT_OK)
        *hcall = 0; /* no call was made */
    return call_report(s, rc, "lineMakeCall's LINE_REPLY");
}

int call_progress(struct session *s, HCALL h, bool connected)
{
    DWORD goal = LINECALLSTATE_CONNECTED | (connected ? 0 : LINECALLSTATE_RINGBACK);
    DWORD state;
    int rc = session_wait_state(s, h, goal | CALL_ENDED, &state);
    struct tracked_call *c = session_call(s, h);
    char mode[256];

    if (rc != CLI_EXIT_OK)
        return call_report(s, rc, connected ? "CONNECTED" : "RINGBACK or CONNECTED");
    if (state & goal)
        return CLI_EXIT_OK;
    if (state == LINECALLSTATE_DISCONNECTED && c)
        return out_fail(s->cli, CLI_EXIT_FAILED, "the call failed: DISCONNECTED (%s)",
                        names_flags(NAMES_DISCONNECTMODE, c->detail, mode, sizeof mode));
    return out_fail(s->cli, CLI_EXIT_FAILED, "the call failed: %s",
                    names_short(NAMES_CALLSTATE, state));
}

int call_from_second_app(struct session *dialer, struct cli *cli, const char *line,
                         const char *number)
{
    HLINE hline;
    HCALL hcall;
    LONG rq;
    int rc = session_open(dialer, cli, "tapix caller");

    if (rc != CLI_EXIT_OK)
        return rc;
    dialer->quiet = true;
    rc = call_open_line(dialer, line, LINECALLPRIVILEGE_NONE, &hline);
    if (rc != CLI_EXIT_OK)
        return rc;
    rq = lineMakeCall(hline, &hcall, number, 0, NULL);
    return rq < 0 ? out_error(cli, "lineMakeCall", rq) : CLI_EXIT_OK;
}

/*
 * Opens LINE, calls NUMBER and waits until it is placed (connected: answered). On success
 * *hline and *hcall are set; on failure either may be set too, for call_finish to release.
 */
static int call_start(struct session *s, const char *line, const char *number, bool connected,
                      HLINE *hline, HCALL *hcall)
{
    int rc = call_open_line(s, line, LINECALLPRIVILEGE_NONE, hline);

    if (rc == CLI_EXIT_OK)
        rc = call_make(s, *hline, number, hcall);
    if (rc == CLI_EXIT_OK)
        rc = call_progress(s, *hcall, connected);
    return rc;
}

int call_finish(struct session *s, int rc, HLINE hline, const HCALL *calls, int ncalls)
{
    if (rc == CLI_STOPPED) /* interrupted before the operation was done */
        rc = CLI_EXIT_FAILED;
    for (int i = 0; i < ncalls; i++) {
        int hang = session_hangup(s, calls[i]);

        if (rc == CLI_EXIT_OK)
            rc = hang;
    }
    if (hline)
        lineClose(hline);
    session_close(s);
    return rc;
}

int call_command_begin(struct session *s, struct cli *cli, const struct command *cmd, int argc,
                       char **argv, const struct opt *opts, char **pos, int n, const char *name,
                       const DWORD *timeout)
{
    int npos;
    int rc = args_parse(cli, cmd, argc, argv, opts, pos, n, n, &npos);

    if (rc == CLI_EXIT_OK)
        rc = args_nonempty(cmd, pos, npos);
    if (rc == CLI_EXIT_OK)
        rc = session_open(s, cli, name);
    if (rc == CLI_EXIT_OK)
        session_timeout(s, *timeout);
    return rc;
}

/* Stays ms milliseconds with no deadline, printing messages; CLI_EXIT_OK or CLI_STOPPED. */
static int call_stay(struct session *s, DWORD ms, DWORD timeout)
{
    int rc;

    session_timeout(s, 0);
    rc = session_pause(s, ms);
    session_timeout(s, timeout);
    return rc;
}

int cmd_call(struct cli *cli, const struct command *cmd, int argc, char **argv)
{
    bool wait_connected = false, hold_given = false;
    DWORD hold_for = 0, timeout = CALL_TIMEOUT_MS;
    const struct opt opts[] = {{"wait-connected", OPT_FLAG, &wait_connected, NULL},
                               {"hold-for", OPT_MS, &hold_for, &hold_given},
                               {"timeout", OPT_MS, &timeout, NULL},
                               {0}};
    char *pos[2];
    struct session s;
    HLINE hline = 0;
    HCALL hcall = 0;
    int rc = call_command_begin(&s, cli, cmd, argc, argv, opts, pos, 2, "tapix call", &timeout);

    if (rc != CLI_EXIT_OK)
        return rc;
    rc = call_start(&s, pos[0], pos[1], wait_connected || hold_given, &hline, &hcall);
    if (rc == CLI_EXIT_OK && hold_given)
        rc = call_stay(&s, hold_for, timeout);
    return call_finish(&s, rc, hline, &hcall, 1);
}

int cmd_drop(struct cli *cli, const struct command *cmd, int argc, char **argv)
{
    DWORD after = 0, timeout = CALL_TIMEOUT_MS;
    const struct opt opts[] = {
        {"after", OPT_MS, &after, NULL}, {"timeout", OPT_MS, &timeout, NULL}, {0}};
    char *pos[2];
    struct session s;
    HLINE hline = 0;
    HCALL hcall = 0;
    int rc = call_command_begin(&s, cli, cmd, argc, argv, opts, pos, 2, "tapix drop", &timeout);

    if (rc != CLI_EXIT_OK)
        return rc;
    rc = call_open_line(&s, pos[0], LINECALLPRIVILEGE_NONE, &hline);
    if (rc == CLI_EXIT_OK)
        rc = call_make(&s, hline, pos[1], &hcall);
    if (rc == CLI_EXIT_OK && after)
        rc = call_stay(&s, after, timeout);
    return call_finish(&s, rc, hline, &hcall, 1); /* the drop itself */
}

int cmd_hold(struct cli *cli, const struct command *cmd, int argc, char **argv)
{
    DWORD hold_ms = 1000, timeout = CALL_TIMEOUT_MS;
    const struct opt opts[] = {
        {"for", OPT_MS, &hold_ms, NULL}, {"timeout", OPT_MS, &timeout, NULL}, {0}};
    char *pos[2];
    struct session s;
    HLINE hline = 0;
    HCALL hcall = 0;
    DWORD state;
    int rc = call_command_begin(&s, cli, cmd, argc, argv, opts, pos, 2, "tapix hold", &timeout);

    if (rc != CLI_EXIT_OK)
        return rc;
    rc = call_start(&s, pos[0], pos[1], true, &hline, &hcall);
    if (rc == CLI_EXIT_OK)
        rc = session_request(&s, "lineHold", lineHold(hcall));
    if (rc == CLI_EXIT_OK)
        rc = call_report(
            &s, session_wait_state(&s, hcall, LINECALLSTATE_ONHOLD | CALL_ENDED, &state), "ONHOLD");
    if (rc == CLI_EXIT_OK && state != LINECALLSTATE_ONHOLD)
        rc = out_fail(cli, CLI_EXIT_FAILED, "the call ended while going on hold");
    if (rc == CLI_EXIT_OK)
        rc = call_stay(&s, hold_ms, timeout);
    if (rc == CLI_EXIT_OK)
        rc = session_request(&s, "lineUnhold", lineUnhold(hcall));
    if (rc == CLI_EXIT_OK)
        rc = call_progress(&s, hcall, true);
    return call_finish(&s, rc, hline, &hcall, 1);
}

int cmd_digits(struct cli *cli, const struct command *cmd, int argc, char **argv)
{
    DWORD duration = 0, listen = 0, timeout = CALL_TIMEOUT_MS;
    bool listen_given = false;
    const struct opt opts[] = {{"duration", OPT_MS, &duration, NULL},
                               {"listen", OPT_MS, &listen, &listen_given},
                               {"timeout", OPT_MS, &timeout, NULL},
                               {0}};
    char *pos[3];
    struct session s;
    HLINE hline = 0;
    HCALL hcall = 0;
    LINEMESSAGE m;
    int rc = call_command_begin(&s, cli, cmd, argc, argv, opts, pos, 3, "tapix digits", &timeout);

    if (rc != CLI_EXIT_OK)
        return rc;
    rc = call_start(&s, pos[0], pos[1], true, &hline, &hcall);
    if (rc == CLI_EXIT_OK && listen_given) {
        LONG err = lineMonitorDigits(hcall, LINEDIGITMODE_DTMF);

        if (err)
            rc = out_error(cli, "lineMonitorDigits", err);
    }
    if (rc == CLI_EXIT_OK) {
        LONG err = lineGenerateDigits(hcall, LINEDIGITMODE_DTMF, pos[2], duration);

        if (err)
            rc = out_error(cli, "lineGenerateDigits", err);
    }
    while (rc == CLI_EXIT_OK) { /* until our digits are out */
        rc = call_report(&s, session_next(&s, &m), "LINE_GENERATE");
        if (rc != CLI_EXIT_OK || m.dwMessageID != LINE_GENERATE || m.hDevice != hcall)
            continue;
        if (m.dwParam1 != LINEGENERATETERM_DONE)
            rc = out_fail(cli, CLI_EXIT_FAILED, "sending the digits ended early: %s",
                          names_short(NAMES_GENERATETERM, (DWORD)m.dwParam1));
        break;
    }
    if (rc == CLI_EXIT_OK && listen_given)
        rc = call_stay(&s, listen, timeout);
    return call_finish(&s, rc, hline, &hcall, 1);
}

/* The address (extension number) of address 0 of LINE, into buf; reports failures. */
static int call_line_address(struct session *s, const char *line, char *buf, size_t len)
{
    DWORD dev, version;
    LONG err;
    LINEADDRESSCAPS *addr;
    int rc = session_find_line(s, line, &dev);

    if (rc != CLI_EXIT_OK)
        return rc;
    err = session_version(s, dev, &version);
    addr = err ? NULL : fetch_addrcaps(s->app, dev, 0, version, &err);
    if (!addr)
        return out_error(s->cli, "lineGetAddressCaps", err);
    fetch_string(addr, addr->dwAddressSize, addr->dwAddressOffset, buf, len);
    free(addr);
    return CLI_EXIT_OK;
}

int cmd_answer(struct cli *cli, const struct command *cmd, int argc, char **argv)
{
    DWORD timeout = 0;
    const char *call_from = NULL;
    const struct opt opts[] = {
        {"timeout", OPT_MS, &timeout, NULL}, {"call-from", OPT_STRING, &call_from, NULL}, {0}};
    char *pos[1], address[128];
    int npos;
    struct session s, caller = {0};
    HLINE hline = 0;
    HCALL hcall = 0;
    DWORD state;
    int rc = args_parse(cli, cmd, argc, argv, opts, pos, 1, 1, &npos);

    if (rc != CLI_EXIT_OK)
        return rc;
    rc = session_open(&s, cli, "tapix answer");
    if (rc != CLI_EXIT_OK)
        return rc;
    session_timeout(&s, timeout);
    rc = call_open_line(&s, pos[0], LINECALLPRIVILEGE_OWNER, &hline);
    if (rc == CLI_EXIT_OK && call_from)
        rc = call_line_address(&s, pos[0], address, sizeof address);
    if (rc == CLI_EXIT_OK && call_from)
        rc = call_from_second_app(&caller, cli, call_from, address);
    while (rc == CLI_EXIT_OK && !hcall) { /* the first call offered to us as owner */
        HCALL h;
        struct tracked_call *c;

        rc = call_report(&s, session_new_call(&s, &h), "an offered call");
        c = rc == CLI_EXIT_OK ? session_call(&s, h) : NULL;
        if (c && (c->privilege & LINECALLPRIVILEGE_OWNER))
            hcall = h;
        else if (c)
            lineDeallocateCall(h); /* a call we only monitor */
    }
    if (rc == CLI_EXIT_OK)
        rc = call_report(
            &s,
            session_wait_state(
                &s, hcall, LINECALLSTATE_OFFERING | LINECALLSTATE_ACCEPTED | CALL_ENDED, &state),
            "OFFERING");
    if (rc == CLI_EXIT_OK && (state & CALL_ENDED))
        rc = out_fail(cli, CLI_EXIT_FAILED, "the caller hung up before the answer");
    if (rc == CLI_EXIT_OK)
        rc = session_request(&s, "lineAnswer", lineAnswer(hcall, NULL, 0));
    if (rc == CLI_EXIT_OK)
        rc = call_progress(&s, hcall, true);
    if (rc == CLI_EXIT_OK) { /* stay until the call ends; a timeout now is not an error */
        rc = session_wait_state(&s, hcall, CALL_ENDED, NULL);
        if (rc == CLI_EXIT_TIMEOUT || rc == CLI_STOPPED)
            rc = CLI_EXIT_OK;
    }
    rc = call_finish(&s, rc, hline, &hcall, 1);
    session_close(&caller);
    return rc;
}
