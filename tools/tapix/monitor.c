/*
 * monitor.c — `tapix monitor`: watch lines and print every message live, one per line.
 *
 * The lines are opened with LINECALLPRIVILEGE_MONITOR, so every call on them is reported to us
 * (LINE_APPNEWCALL / LINE_CALLSTATE with monitor privilege) without our owning it, and
 * lineSetStatusMessages asks for every line and address state change the device reports.
 * Until the tapixd server exists the core runs inside this process, so the only traffic to see
 * is the process's own: --dial places a call from a second application for that.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MONITOR_LINES_MAX 256

/* Opens device dev with monitor privilege and all its status messages; reports failures. */
static int monitor_open(struct session *s, DWORD dev, HLINE *hline)
{
    DWORD version;
    LONG err = session_version(s, dev, &version);
    LINEDEVCAPS *caps = NULL;
    LINEADDRESSCAPS *addr = NULL;

    if (err)
        return out_error(s->cli, "lineNegotiateAPIVersion", err);
    err = lineOpen(s->app, dev, hline, version, 0, 0, LINECALLPRIVILEGE_MONITOR, 0, NULL);
    if (err)
        return out_error(s->cli, "lineOpen", err);
    caps = fetch_devcaps(s->app, dev, version, &err);
    addr = caps ? fetch_addrcaps(s->app, dev, 0, version, &err) : NULL;
    if (caps && addr) {
        err = lineSetStatusMessages(*hline, caps->dwLineStates, addr->dwAddressStates);
        if (err)
            fprintf(stderr, "tapix: line %lu: lineSetStatusMessages: %s (monitoring calls only)\n",
                    (unsigned long)dev, names_error(err));
    }
    free(caps);
    free(addr);
    return CLI_EXIT_OK;
}

/* --dial LINE:NUMBER: split it and let a second application place the call. */
static int monitor_dial(struct session *dialer, struct cli *cli, const char *spec)
{
    const char *colon = strchr(spec, ':');
    char line[64];

    if (!colon || colon == spec || !colon[1] || (size_t)(colon - spec) >= sizeof line)
        return out_fail(cli, CLI_EXIT_USAGE, "--dial wants LINE:NUMBER, not '%s'", spec);
    snprintf(line, sizeof line, "%.*s", (int)(colon - spec), spec);
    return call_from_second_app(dialer, cli, line, colon + 1);
}

int cmd_monitor(struct cli *cli, const struct command *cmd, int argc, char **argv)
{
    DWORD count = 0, timeout = 0;
    bool count_given = false;
    const char *dial = NULL;
    const struct opt opts[] = {{"count", OPT_UINT, &count, &count_given},
                               {"timeout", OPT_MS, &timeout, NULL},
                               {"dial", OPT_STRING, &dial, NULL},
                               {0}};
    char *pos[MONITOR_LINES_MAX];
    HLINE hlines[MONITOR_LINES_MAX];
    DWORD nlines = 0;
    int npos;
    struct session s, dialer = {0};
    int rc = args_parse(cli, cmd, argc, argv, opts, pos, 0, MONITOR_LINES_MAX, &npos);

    if (rc != CLI_EXIT_OK)
        return rc;
    rc = session_open(&s, cli, "tapix monitor");
    if (rc != CLI_EXIT_OK)
        return rc;
    for (DWORD i = 0; rc == CLI_EXIT_OK && i < (npos ? (DWORD)npos : s.ndevs); i++) {
        DWORD dev = i;

        if (i >= MONITOR_LINES_MAX)
            break;
        if (npos)
            rc = session_find_line(&s, pos[i], &dev);
        if (rc == CLI_EXIT_OK)
            rc = monitor_open(&s, dev, &hlines[nlines]);
        if (rc == CLI_EXIT_OK)
            nlines++;
    }
    if (rc == CLI_EXIT_OK && !cli->json)
        fprintf(stderr, "tapix: monitoring %lu line%s; Ctrl-C stops\n", (unsigned long)nlines,
                nlines == 1 ? "" : "s");
    if (rc == CLI_EXIT_OK && dial)
        rc = monitor_dial(&dialer, cli, dial);
    session_timeout(&s, timeout);
    while (rc == CLI_EXIT_OK && (!count_given || s.printed < count))
        rc = session_next(&s, NULL);
    if (rc == CLI_EXIT_TIMEOUT && !count_given)
        rc = CLI_EXIT_OK; /* --timeout alone is how long to watch */
    else if (rc == CLI_EXIT_TIMEOUT)
        rc = out_fail(cli, CLI_EXIT_TIMEOUT, "timeout after %u of %lu messages", s.printed,
                      (unsigned long)count);
    else if (rc == CLI_STOPPED)
        rc = CLI_EXIT_OK;
    session_close(&dialer);
    for (DWORD i = 0; i < nlines; i++)
        lineClose(hlines[i]);
    session_close(&s);
    return rc;
}
