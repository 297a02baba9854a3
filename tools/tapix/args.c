/*
 * args.c — the command line of one command: its options (from a table the command declares),
 * --json and --help, which every command takes, and its positional arguments.
 *
 * Options may come before, between or after the positional arguments, as "--name value" or
 * "--name=value"; "--" ends them. Durations and counts are whole decimal numbers. A usage
 * error prints one line on stderr and exits with CLI_EXIT_USAGE, never a half-done operation.
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int args_usage_error(const struct command *cmd, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "tapix %s: ", cmd->name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'tapix %s --help'.\n", cmd->name);
    return CLI_EXIT_USAGE;
}

/* Parses a whole decimal DWORD; returns 0 or -1. */
static int args_dword(const char *s, DWORD *out)
{
    char *end;
    unsigned long long v;

    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || *end || v > 0xFFFFFFFFull)
        return -1;
    *out = (DWORD)v;
    return 0;
}

/* The entry of opts called name (name_len bytes), or NULL. */
static const struct opt *args_find(const struct opt *opts, const char *name, size_t name_len)
{
    for (; opts && opts->name; opts++)
        if (strlen(opts->name) == name_len && !strncmp(opts->name, name, name_len))
            return opts;
    return NULL;
}

/* Stores value into option o; returns CLI_EXIT_OK or CLI_EXIT_USAGE (reported). */
static int args_store(const struct command *cmd, const struct opt *o, const char *value)
{
    if (o->given)
        *o->given = true;
    switch (o->kind) {
    case OPT_FLAG:
        *(bool *)o->dest = true;
        return CLI_EXIT_OK;
    case OPT_MS:
    case OPT_UINT:
        if (args_dword(value, o->dest))
            return args_usage_error(cmd, "--%s wants a whole number%s, not '%s'", o->name,
                                    o->kind == OPT_MS ? " of milliseconds" : "", value);
        return CLI_EXIT_OK;
    case OPT_STRING:
        *(const char **)o->dest = value;
        return CLI_EXIT_OK;
    }
    return CLI_EXIT_USAGE;
}

int args_parse(struct cli *cli, const struct command *cmd, int argc, char **argv,
               const struct opt *opts, char **pos, int pos_min, int pos_max, int *npos)
{
    bool options_done = false;
    int n = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];

        if (options_done || a[0] != '-' || a[1] == '\0') {
            if (n == pos_max)
                return args_usage_error(cmd, "unexpected argument '%s'", a);
            pos[n++] = argv[i];
            continue;
        }
        if (!strcmp(a, "--")) {
            options_done = true;
            continue;
        }
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(cmd->usage, stdout);
            return CLI_HELP;
        }
        if (!strcmp(a, "--json")) {
            cli->json = true;
            continue;
        }
        if (a[1] != '-')
            return args_usage_error(cmd, "unknown option '%s'", a);

        const char *name = a + 2;
        const char *eq = strchr(name, '=');
        size_t name_len = eq ? (size_t)(eq - name) : strlen(name);
        const struct opt *o = args_find(opts, name, name_len);
        const char *value = eq ? eq + 1 : NULL;

        if (!o)
            return args_usage_error(cmd, "unknown option '--%.*s'", (int)name_len, name);
        if (o->kind == OPT_FLAG && value)
            return args_usage_error(cmd, "--%s takes no value", o->name);
        if (o->kind != OPT_FLAG && !value) {
            if (i + 1 >= argc)
                return args_usage_error(cmd, "--%s needs a value", o->name);
            value = argv[++i];
        }
        int rc = args_store(cmd, o, value);
        if (rc != CLI_EXIT_OK)
            return rc;
    }
    if (n < pos_min)
        return args_usage_error(cmd, "missing argument%s", pos_min - n > 1 ? "s" : "");
    *npos = n;
    return CLI_EXIT_OK;
}

int args_nonempty(const struct command *cmd, char **pos, int n)
{
    for (int i = 0; i < n; i++)
        if (!pos[i][0])
            return args_usage_error(cmd, "argument %d is empty", i + 1);
    return CLI_EXIT_OK;
}
