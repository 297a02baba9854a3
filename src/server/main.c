/*
 * main.c — tapixd: the telephony server. It hosts the core with the configured providers,
 * listens on a local UNIX socket, and serves each client its applications through the client
 * protocol (docs/protocol.md), on one libuv loop.
 *
 * Start: options, log level, configuration (read here too for its [acl]: a bad one fails the
 * start with file:line), daemon mode unless --foreground, the core (its providers load now),
 * the listener, the signals. SIGHUP: the configuration is read again (reload.c). SIGTERM or
 * SIGINT: stop listening (the
 * socket file goes), tell every client LINE_CLOSE for its open lines and Bye, shut every
 * application down, stop the core (its providers shut down), and leave once the clients have
 * their Bye or a grace period has passed. Exit status 0 after a clean shutdown, 1 when the
 * start failed.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "embedded.h"
#include "pending.h"
#include "server.h"
#include "slog.h"

/* How long shutdown waits for clients to take their Bye, in milliseconds. */
#define MAIN_GRACE_MS 2000

/* libuv: the grace period is over; whatever is still connected is closed. */
static void main_on_grace(uv_timer_t *timer)
{
    session_close_all(timer->data);
}

/* Stops the server (see the file's comment). Idempotent. */
static void main_stop(struct server *srv, const char *why)
{
    if (srv->stopping)
        return;
    srv->stopping = true;
    slog(SLOG_INFO, "%s: shutting down", why);
    listener_stop(srv);
    session_end_all(srv);
    host_stop(srv);
    pending_free_all(&srv->orphans);
    /* The handlers stay (a second signal changes nothing) but no longer keep the loop alive. */
    uv_unref((uv_handle_t *)&srv->sig_term);
    uv_unref((uv_handle_t *)&srv->sig_int);
    uv_unref((uv_handle_t *)&srv->sig_hup);
    uv_timer_start(&srv->grace, main_on_grace, MAIN_GRACE_MS, 0);
    uv_unref((uv_handle_t *)&srv->grace);
}

/* libuv: SIGTERM or SIGINT. */
static void main_on_signal(uv_signal_t *sig, int signum)
{
    main_stop(sig->data, signum == SIGTERM ? "SIGTERM" : "SIGINT");
}

/* libuv: SIGHUP. */
static void main_on_hangup(uv_signal_t *sig, int signum)
{
    struct server *srv = sig->data;
    (void)signum;
    if (!srv->stopping)
        reload_config(srv);
}

/* Reads the configuration the core will read, for what the server itself takes from it (the
 * access-control list). 0, or -1 logged with file:line. */
static int main_read_config(struct server *srv)
{
    char err[768];
    if (config_load(NULL, &srv->cfg, err, sizeof(err)) != 0 ||
        acl_build(srv->cfg, &srv->acl, err, sizeof(err)) != 0) {
        slog(SLOG_ERROR, "%s", err);
        return -1;
    }
    slog(SLOG_INFO, "configuration %s: %s", srv->cfg->file,
         srv->acl ? "access-control list in force"
                  : "no [acl]: local clients may see, monitor and own every device");
    return 0;
}

/* Applies the options that must precede the core: log level, configuration file. 0 or -1. */
static int main_prepare(struct server *srv)
{
    const struct options *opt = &srv->opt;
    slog_set_level(opt->level);
    if (opt->config) {
        if (access(opt->config, R_OK) != 0) {
            slog(SLOG_ERROR, "cannot read the configuration %s", opt->config);
            return -1;
        }
        setenv("TAPIX_CONFIG", opt->config, 1);
    }
    signal(SIGPIPE, SIG_IGN);
    signal(SIGHUP, SIG_IGN); /* until the loop handles it (reload), not a way to die */
    if (main_read_config(srv) != 0)
        return -1;
    if (!opt->foreground && daemon(1, 1) != 0) {
        slog(SLOG_ERROR, "cannot become a daemon");
        return -1;
    }
    return 0;
}

/* Sets up the signal handlers and the (idle) grace timer. */
static void main_signals(struct server *srv)
{
    uv_signal_init(srv->loop, &srv->sig_term);
    uv_signal_init(srv->loop, &srv->sig_int);
    uv_signal_init(srv->loop, &srv->sig_hup);
    srv->sig_term.data = srv->sig_int.data = srv->sig_hup.data = srv;
    uv_signal_start(&srv->sig_term, main_on_signal, SIGTERM);
    uv_signal_start(&srv->sig_int, main_on_signal, SIGINT);
    uv_signal_start(&srv->sig_hup, main_on_hangup, SIGHUP);
    uv_timer_init(srv->loop, &srv->grace);
    srv->grace.data = srv;
}

/* Frees the configuration, the ACL and the device names. */
static void main_release(struct server *srv)
{
    acl_free(srv->acl);
    config_free(srv->cfg);
    devnames_release(srv);
}

/* Closes the handles that outlived the loop's work, and the loop. */
static void main_close_loop(struct server *srv)
{
    uv_close((uv_handle_t *)&srv->sig_term, NULL);
    uv_close((uv_handle_t *)&srv->sig_int, NULL);
    uv_close((uv_handle_t *)&srv->sig_hup, NULL);
    uv_close((uv_handle_t *)&srv->grace, NULL);
    /* Closing the handlers restored the default action; a late signal must not kill the exit. */
    signal(SIGTERM, SIG_IGN);
    signal(SIGINT, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    uv_run(srv->loop, UV_RUN_DEFAULT);
    if (uv_loop_close(srv->loop) != 0)
        slog(SLOG_WARN, "the event loop still had handles at exit");
}

int main(int argc, char **argv)
{
    static struct server srv;
    int rc = options_parse(&srv.opt, argc, argv);
    if (rc != 0)
        return rc > 0 ? 0 : 2;
    if (main_prepare(&srv) != 0) {
        main_release(&srv);
        return 1;
    }
    srv.loop = uv_default_loop();
    srv.backend = &tapix_embedded_backend;
    if (host_start(&srv) != 0) {
        main_release(&srv);
        return 1;
    }
    if (listener_start(&srv) != 0) {
        host_stop(&srv);
        main_release(&srv);
        return 1;
    }
    main_signals(&srv);
    uv_run(srv.loop, UV_RUN_DEFAULT);
    main_close_loop(&srv);
    main_release(&srv);
    slog(SLOG_INFO, "stopped");
    return 0;
}
