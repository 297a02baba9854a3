/*
 * options.h — tapixd's command line: `tapixd [--foreground] [--config FILE] [--socket PATH]
 * [--log-level LEVEL]`, and the socket path it implies when --socket is not given.
 */
#ifndef TAPIX_SERVER_OPTIONS_H
#define TAPIX_SERVER_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "slog.h"

struct options {
    bool foreground;       /* stay attached to the terminal (systemd runs us so) */
    const char *config;    /* --config: the file the core reads instead of the usual ones */
    char socket_path[108]; /* the UNIX socket to listen on (sun_path's size) */
    enum slog_level level; /* --log-level */
};

/**
 * Parses argv into `opt`. Returns 0; 1 when --help was asked (usage printed, exit 0); -1 with a
 * message on stderr for a bad option or a socket path that does not fit.
 */
int options_parse(struct options *opt, int argc, char **argv);

/**
 * The default socket: /run/tapix/tapix.sock for root, $XDG_RUNTIME_DIR/tapix/tapix.sock
 * otherwise (/tmp/tapix-UID/tapix.sock when that is unset). Writes it into buf; -1 when it
 * does not fit.
 */
int options_default_socket(char *buf, size_t size);

#endif /* TAPIX_SERVER_OPTIONS_H */
