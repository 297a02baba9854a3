/*
 * transfer.c — the commands that join or move calls: `transfer` (blind, or consultative with
 * lineSetupTransfer / lineDial / lineCompleteTransfer) and `conference` (lineSetupConference,
 * lineDial, lineAddToConference).
 *
 * Both start with a connected call made as in call.c and end by hanging up every call handle
 * they were given (the original, the consultation call, the conference call), each only once
 * and only if it is not idle already.
 */
#include "cli.h"

#include <stdio.h>

#define TRANSFER_TIMEOUT_MS 60000

/* The states in which a call has ended. */
#define TRANSFER_ENDED                                                                             \
    (LINECALLSTATE_BUSY | LINECALLSTATE_SPECIALINFO | LINECALLSTATE_DISCONNECTED |                 \
     LINECALLSTATE_IDLE)

/* Opens LINE, calls NUMBER and waits for CONNECTED. */
static int transfer_connect(struct session *s, const char *line, const char *number, HLINE *hline,
                            HCALL *hcall)
{
    int rc = call_open_line(s, line, LINECALLPRIVILEGE_NONE, hline);

    if (rc == CLI_EXIT_OK)
        rc = call_make(s, *hline, number, hcall);
    if (rc == CLI_EXIT_OK)
        rc = call_progress(s, *hcall, true);
    return rc;
}

/* Dials number on consultation call h (which has dial tone or is about to). */
static int transfer_dial(struct session *s, HCALL h, const char *number, bool connected)
{
    int rc = call_report(s, session_wait_state(s, h, LINECALLSTATE_DIALTONE | TRANSFER_ENDED, NULL),
                         "DIALTONE on the consultation call");

    if (rc == CLI_EXIT_OK)
        rc = session_request(s, "lineDial", lineDial(h, number, 0));
    if (rc == CLI_EXIT_OK)
        rc = call_progress(s, h, connected);
    return rc;
}

/* Waits until call h has left the switch: transferred away (IDLE or DISCONNECTED). */
static int transfer_gone(struct session *s, HCALL h)
{
    return call_report(
        s, session_wait_state(s, h, LINECALLSTATE_IDLE | LINECALLSTATE_DISCONNECTED, NULL),
        "the transferred call to leave the line");
}

int cmd_transfer(struct cli *cli, const struct command *cmd, int argc, char **argv)
{
    bool consult = false;
    DWORD timeout = TRANSFER_TIMEOUT_MS;
    const struct opt opts[] = {
        {"consult", OPT_FLAG, &consult, NULL}, {"timeout", OPT_MS, &timeout, NULL}, {0}};
    char *pos[3];
    struct session s;
    HLINE hline = 0;
    HCALL calls[2] = {0, 0}; /* the call, the consultation call */
    int rc = call_command_begin(&s, cli, cmd, argc, argv, opts, pos, 3, "tapix transfer", &timeout);

    if (rc != CLI_EXIT_OK)
        return rc;
    rc = transfer_connect(&s, pos[0], pos[1], &hline, &calls[0]);
    if (rc == CLI_EXIT_OK && !consult) {
        rc = session_request(&s, "lineBlindTransfer", lineBlindTransfer(calls[0], pos[2], 0));
    } else if (rc == CLI_EXIT_OK) {
        rc = session_request(&s, "lineSetupTransfer", lineSetupTransfer(calls[0], &calls[1], NULL));
        if (rc != CLI_EXIT_OK)
            calls[1] = 0;
        if (rc == CLI_EXIT_OK)
            rc = transfer_dial(&s, calls[1], pos[2], false);
        if (rc == CLI_EXIT_OK)
            rc = session_request(
                &s, "lineCompleteTransfer",
                lineCompleteTransfer(calls[0], calls[1], NULL, LINETRANSFERMODE_TRANSFER));
    }
    if (rc == CLI_EXIT_OK)
        rc = transfer_gone(&s, calls[0]);
    return call_finish(&s, rc, hline, calls, 2);
}

int cmd_conference(struct cli *cli, const struct command *cmd, int argc, char **argv)
{
    DWORD stay = 1000, timeout = TRANSFER_TIMEOUT_MS;
    const struct opt opts[] = {
        {"hold-for", OPT_MS, &stay, NULL}, {"timeout", OPT_MS, &timeout, NULL}, {0}};
    char *pos[3];
    struct session s;
    HLINE hline = 0;
    HCALL calls[3] = {0, 0, 0}; /* the conference, the first call, the consultation call */
    int rc =
        call_command_begin(&s, cli, cmd, argc, argv, opts, pos, 3, "tapix conference", &timeout);

    if (rc != CLI_EXIT_OK)
        return rc;
    rc = transfer_connect(&s, pos[0], pos[1], &hline, &calls[1]);
    if (rc == CLI_EXIT_OK) {
        rc = session_request(&s, "lineSetupConference",
                             lineSetupConference(calls[1], 0, &calls[0], &calls[2], 3, NULL));
        if (rc != CLI_EXIT_OK)
            calls[0] = calls[2] = 0;
    }
    if (rc == CLI_EXIT_OK)
        rc = transfer_dial(&s, calls[2], pos[2], true);
    if (rc == CLI_EXIT_OK)
        rc = session_request(&s, "lineAddToConference", lineAddToConference(calls[0], calls[2]));
    if (rc == CLI_EXIT_OK)
        rc = call_progress(&s, calls[0], true);
    if (rc == CLI_EXIT_OK) {
        session_timeout(&s, 0);
        rc = session_pause(&s, stay);
    }
    return call_finish(&s, rc, hline, calls, 3);
}
