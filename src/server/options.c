/*
 * options.c — parsing tapixd's command line (see options.h). The socket's default follows the
 * convention of other user-or-system daemons: the system one under /run, a user's under its
 * XDG runtime directory, which only that user may enter.
 */
#include "options.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int options_default_socket(char *buf, size_t size)
{
    const char *runtime = getenv("XDG_RUNTIME_DIR");
    int n;
    if (geteuid() == 0)
        n = snprintf(buf, size, "/run/tapix/tapix.sock");
    else if (runtime && runtime[0] == '/')
        n = snprintf(buf, size, "%s/tapix/tapix.sock", runtime);
    else
        n = snprintf(buf, size, "/tmp/tapix-%u/tapix.sock", (unsigned)geteuid());
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* Prints the usage to `out`. */
static void usage(FILE *out)
{
    fprintf(out, "usage: tapixd [--foreground] [--config FILE] [--socket PATH] "
                 "[--log-level error|warn|info|debug]\n");
}

/* Applies one option `c` with argument `arg`; 0, or -1 after a message. */
static int apply(struct options *opt, int c, const char *arg)
{
    int level;
    switch (c) {
    case 'f':
        opt->foreground = true;
        return 0;
    case 'c':
        opt->config = arg;
        return 0;
    case 's':
        if (strlen(arg) >= sizeof(opt->socket_path)) {
            fprintf(stderr, "tapixd: socket path too long: %s\n", arg);
            return -1;
        }
        strcpy(opt->socket_path, arg);
        return 0;
    case 'l':
        level = slog_parse_level(arg);
        if (level < 0) {
            fprintf(stderr, "tapixd: unknown log level '%s'\n", arg);
            return -1;
        }
        opt->level = (enum slog_level)level;
        return 0;
    default:
        usage(stderr);
        return -1;
    }
}

int options_parse(struct options *opt, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"foreground", no_argument, NULL, 'f'},   {"config", required_argument, NULL, 'c'},
        {"socket", required_argument, NULL, 's'}, {"log-level", required_argument, NULL, 'l'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
    int c;
    memset(opt, 0, sizeof(*opt));
    opt->level = SLOG_INFO;
    while ((c = getopt_long(argc, argv, "fc:s:l:h", longopts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            return 1;
        }
        if (apply(opt, c, optarg) != 0)
            return -1;
    }
    if (optind < argc) {
        usage(stderr);
        return -1;
    }
    if (!opt->socket_path[0] &&
        options_default_socket(opt->socket_path, sizeof(opt->socket_path)) != 0) {
        fprintf(stderr, "tapixd: the default socket path is too long; give --socket\n");
        return -1;
    }
    return 0;
}
