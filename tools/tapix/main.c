/*
 * main.c — the tapix command: the table of subcommands, the global --help, and dispatch.
 *
 * `tapix [--json] COMMAND [ARGS] [OPTIONS]`. Each command lives in the file of its group and
 * parses its own arguments with args_parse(); what it returns is the exit status. This file
 * holds the usage text of every command, so that `tapix --help`, `tapix CMD --help` and
 * docs/tapix-cli.md can be read side by side.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#ifndef TAPIX_VERSION
#define TAPIX_VERSION "unknown"
#endif

static int cmd_version(struct cli *cli, const struct command *cmd, int argc, char **argv);
static int cmd_help(struct cli *cli, const struct command *cmd, int argc, char **argv);

#define LINE_ARG_HELP                                                                              \
    "LINE is a line's device ID (0, 1, ...) or, failing that, its address (the extension\n"        \
    "number, e.g. 101) or its name, as 'tapix lines' shows them.\n"

#define SCENARIO_NOTE                                                                              \
    "Each tapix command runs its own embedded telephony core, so a command cannot act on a call\n" \
    "made by another tapix process (that needs the tapixd server, which comes later): drop and\n"  \
    "hold make the call they act on themselves.\n"

static const struct command commands[] = {
    {"lines", cmd_lines, "list line devices: ID, name, provider, addresses, media modes",
     "Usage: tapix lines [--json]\n"
     "Lists every line device: its device ID, name, provider, address count, addresses and\n"
     "media modes.\n"},
    {"phones", cmd_phones, "list phone devices: ID, name, provider, hookswitch devices",
     "Usage: tapix phones [--json]\n"
     "Lists every phone device: its device ID, name, provider, hookswitch devices, display and\n"
     "buttons.\n"},
    {"caps", cmd_caps, "LINEDEVCAPS and every LINEADDRESSCAPS of a line, decoded",
     "Usage: tapix caps LINE [--json]\n"
     "Prints the line's LINEDEVCAPS and the LINEADDRESSCAPS of each of its addresses, with every\n"
     "mask spelled as flag names (LINEMEDIAMODE_, LINEDEVCAPFLAGS_, LINECALLFEATURE_, "
     "...).\n" LINE_ARG_HELP},
    {"call", cmd_call, "make a call, print its messages, drop it",
     "Usage: tapix call LINE NUMBER [--wait-connected] [--hold-for MS] [--timeout MS] [--json]\n"
     "Makes a call from LINE to NUMBER (lineMakeCall), prints every message, then drops and\n"
     "deallocates the call. Without options it stops once the call is placed: the far end\n"
     "rings (RINGBACK) or answers (CONNECTED).\n"
     "  --wait-connected  wait until the far end answers (CONNECTED)\n"
     "  --hold-for MS     stay connected MS milliseconds before dropping (implies\n"
     "                    --wait-connected); the far end may hang up first\n"
     "  --timeout MS      give up after MS milliseconds (default 60000): exit 4\n"
     "Exits 1 when the call fails: BUSY, DISCONNECTED (the mode says why), a "
     "LINEERR_.\n" LINE_ARG_HELP},
    {"answer", cmd_answer, "wait for an offered call, answer it, stay until it ends",
     "Usage: tapix answer LINE [--timeout MS] [--call-from LINE2] [--json]\n"
     "Opens LINE as owner of every media mode it carries, waits for a call to be offered, answers\n"
     "it (lineAnswer), prints every message and stays until the call ends or the timeout, then\n"
     "drops and deallocates it.\n"
     "  --timeout MS  how long to wait in all (default: no limit); exits 4 when no call came,\n"
     "                0 when an answered call was still up\n"
     "  --call-from LINE2  also call LINE from LINE2 (as a second application) so that there is\n"
     "                a call to answer; until tapixd exists, only this process's calls "
     "come\n" LINE_ARG_HELP SCENARIO_NOTE},
    {"drop", cmd_drop, "make a call, then drop it (while ringing or after MS)",
     "Usage: tapix drop LINE NUMBER [--after MS] [--timeout MS] [--json]\n"
     "Makes a call from LINE to NUMBER and drops it (lineDrop) MS milliseconds after it was\n"
     "placed (default 0: as soon as lineMakeCall completes, whatever its state), then waits for\n"
     "IDLE and deallocates it. Exits 1 when lineDrop fails.\n" LINE_ARG_HELP SCENARIO_NOTE},
    {"hold", cmd_hold, "make a call, hold it, unhold it, drop it",
     "Usage: tapix hold LINE NUMBER [--for MS] [--timeout MS] [--json]\n"
     "Makes a call from LINE to NUMBER, waits for CONNECTED, puts it on hold (lineHold) for MS\n"
     "milliseconds (default 1000), takes it back (lineUnhold) and drops it.\n" LINE_ARG_HELP
         SCENARIO_NOTE},
    {"transfer", cmd_transfer, "make a call, transfer it to TARGET (blind or --consult)",
     "Usage: tapix transfer LINE NUMBER TARGET [--consult] [--timeout MS] [--json]\n"
     "Makes a call from LINE to NUMBER, waits for CONNECTED, then transfers it to TARGET:\n"
     "blind by default (lineBlindTransfer); with --consult by lineSetupTransfer, lineDial of\n"
     "TARGET on the consultation call, and lineCompleteTransfer once TARGET rings or "
     "answers.\n" LINE_ARG_HELP},
    {"conference", cmd_conference, "call NUMBER1, add NUMBER2: a three-way conference",
     "Usage: tapix conference LINE NUMBER1 NUMBER2 [--hold-for MS] [--timeout MS] [--json]\n"
     "Calls NUMBER1, sets up a conference (lineSetupConference), dials NUMBER2 on the\n"
     "consultation call, adds it (lineAddToConference), stays MS milliseconds (default 1000)\n"
     "and drops the conference.\n" LINE_ARG_HELP},
    {"digits", cmd_digits, "make a call, send DTMF digits on it",
     "Usage: tapix digits LINE NUMBER DIGITS [--duration MS] [--listen MS] [--timeout MS]\n"
     "       [--json]\n"
     "Makes a call, waits for CONNECTED, sends DIGITS (0-9 * # A-D, ',' a pause) as DTMF\n"
     "(lineGenerateDigits), waits for LINE_GENERATE, then drops the call.\n"
     "  --duration MS  length of each digit (default: the provider's)\n"
     "  --listen MS    also report digits the far end sends (lineMonitorDigits) and stay MS\n"
     "                 milliseconds after sending\n" LINE_ARG_HELP},
    {"monitor", cmd_monitor, "print every message of some or all lines, live",
     "Usage: tapix monitor [LINE...] [--count N] [--timeout MS] [--dial LINE:NUMBER] [--json]\n"
     "Opens the given lines (default: all) with monitor privilege, asks for every line and\n"
     "address state message, and prints each message as it comes, one per line, until SIGINT\n"
     "or SIGTERM, N messages, or MS milliseconds.\n"
     "  --count N          stop after N messages; exits 4 if the timeout comes first\n"
     "  --timeout MS       stop after MS milliseconds (exit 0 unless --count was not reached)\n"
     "  --dial LINE:NUMBER also place a call from LINE to NUMBER (as a second application) so\n"
     "                     that there is traffic to see; until tapixd exists, monitor sees only\n"
     "                     the calls of its own process\n" LINE_ARG_HELP},
    {"translate", cmd_translate, "translate a phone number: dialable, displayable, results",
     "Usage: tapix translate NUMBER [--line LINE] [--card ID] [--force-local] [--force-ld]\n"
     "       [--cancel-call-waiting] [--card-override] [--json]\n"
     "Runs lineTranslateAddress on NUMBER (canonical \"+1 (425) 555-0100\" or dialable) with the\n"
     "current location's dialing rules and prints the dialable and displayable strings and the\n"
     "LINETRANSLATERESULT_ flags.\n"
     "  --line LINE            the line whose provider dials (default: 0)\n"
     "  --card ID              the calling card (default 0)\n"
     "  --force-local, --force-ld, --cancel-call-waiting, --card-override\n"
     "                         the LINETRANSLATEOPTION_ flags of the same names\n"},
    {"version", cmd_version, "print the versions of tapix and libtapix",
     "Usage: tapix version [--json]\n"
     "Prints the tool's version and the TAPI version libtapix offers.\n"},
    {"help", cmd_help, "print this help, or a command's", "Usage: tapix help [COMMAND]\n"},
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* Prints the overview: every command, the global options, the exit statuses. */
static void usage(FILE *out)
{
    fputs("Usage: tapix [--json] COMMAND [ARGUMENTS] [OPTIONS]\n"
          "The TAPI browser of tapix: lists and tests telephony devices through libtapix.\n\n"
          "Commands:\n",
          out);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fputs(
        "\nOptions of every command:\n"
        "  --json   print one JSON object per line (NDJSON) instead of text\n"
        "  --help   print the command's help\n\n"
        "Exit status:\n"
        "  0  success\n"
        "  1  the telephony operation failed (busy, no answer, a LINEERR_ error, named on stderr)\n"
        "  2  usage error\n"
        "  3  could not initialize (the configuration or a provider; the reason on stderr)\n"
        "  4  timeout\n\n"
        "Environment: TAPIX_CONFIG (configuration file), TAPIX_PROVIDER_PATH (provider\n"
        "directory), TAPIX_LOG (log level). See docs/tapix-cli.md.\n",
        out);
}

/* The command called name, or NULL. */
static const struct command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(commands[i].name, name))
            return &commands[i];
    return NULL;
}

/* tapix help [COMMAND] */
static int cmd_help(struct cli *cli, const struct command *cmd, int argc, char **argv)
{
    char *pos[1];
    int npos;
    int rc = args_parse(cli, cmd, argc, argv, NULL, pos, 0, 1, &npos);
    const struct command *which;

    if (rc != CLI_EXIT_OK)
        return rc == CLI_HELP ? CLI_EXIT_OK : rc;
    if (npos == 0) {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    which = find_command(pos[0]);
    if (!which)
        return args_usage_error(cmd, "no command '%s'", pos[0]);
    fputs(which->usage, stdout);
    return CLI_EXIT_OK;
}

/* tapix version: the tool's version; the library's TAPI version when it starts. */
static int cmd_version(struct cli *cli, const struct command *cmd, int argc, char **argv)
{
    char *pos[1];
    int npos;
    int rc = args_parse(cli, cmd, argc, argv, NULL, pos, 0, 0, &npos);
    LINEINITIALIZEEXPARAMS params = {.dwTotalSize = sizeof params,
                                     .dwOptions = LINEINITIALIZEEXOPTION_USEEVENT};
    HLINEAPP app;
    DWORD ndevs = 0, api = CLI_API_HIGH;
    struct record r;
    char api_text[16];

    if (rc != CLI_EXIT_OK)
        return rc == CLI_HELP ? CLI_EXIT_OK : rc;
    record_init(&r, "tapix");
    record_str(&r, "version", TAPIX_VERSION);
    rc = lineInitializeEx(&app, NULL, NULL, "tapix version", &ndevs, &api, &params);
    if (rc == 0) {
        snprintf(api_text, sizeof api_text, "%lu.%lu", (unsigned long)(api >> 16),
                 (unsigned long)(api & 0xFFFF));
        record_str(&r, "tapi", api_text);
        record_hex(&r, "api_version", api);
        record_uint(&r, "lines", ndevs);
        lineShutdown(app);
    } else {
        record_str(&r, "library_error", names_error(rc));
    }
    out_record(cli, &r);
    return CLI_EXIT_OK;
}

int main(int argc, char **argv)
{
    struct cli cli = {0};
    const struct command *cmd;
    int first = 1;
    int rc;

    while (first < argc && argv[first][0] == '-') {
        if (!strcmp(argv[first], "--json")) {
            cli.json = true;
        } else if (!strcmp(argv[first], "--help") || !strcmp(argv[first], "-h")) {
            usage(stdout);
            return CLI_EXIT_OK;
        } else if (!strcmp(argv[first], "--version")) {
            return cmd_version(&cli, find_command("version"), 1, argv);
        } else {
            fprintf(stderr, "tapix: unknown option '%s'\nTry 'tapix --help'.\n", argv[first]);
            return CLI_EXIT_USAGE;
        }
        first++;
    }
    if (first == argc) {
        usage(stderr);
        return CLI_EXIT_USAGE;
    }
    cmd = find_command(argv[first]);
    if (!cmd) {
        fprintf(stderr, "tapix: no command '%s'\nTry 'tapix --help'.\n", argv[first]);
        return CLI_EXIT_USAGE;
    }
    rc = cmd->run(&cli, cmd, argc - first, argv + first);
    if (rc == CLI_HELP || rc == CLI_STOPPED)
        rc = CLI_EXIT_OK;
    return rc;
}
