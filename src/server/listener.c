/*
 * listener.c — the local UNIX socket clients connect to.
 *
 * The socket file lives in a directory of its own (/run/tapix for the system server, under
 * $XDG_RUNTIME_DIR for a user's), created if missing. A socket file left by a server that died
 * is recognized (nobody answers a connect) and replaced; a live server's is left alone and the
 * start fails. The system socket is open to every local user (0666): who may see or do what is
 * the access-control list's business, by the identity SO_PEERCRED gives (session.c); a user's
 * server is that user's alone (0600). The network listener (TCP + TLS) will sit beside this
 * one and feed the same sessions.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "server.h"
#include "slog.h"

/* Creates the directory that holds `path`, when missing. 0, or -1 logged. */
static int listener_make_dir(const char *path)
{
    char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
    snprintf(dir, sizeof(dir), "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return 0;
    *slash = '\0';
    if (mkdir(dir, geteuid() == 0 ? 0755 : 0700) == 0 || errno == EEXIST)
        return 0;
    slog(SLOG_ERROR, "cannot create %s: %s", dir, strerror(errno));
    return -1;
}

/* Fills `addr` for `path`. */
static void listener_address(struct sockaddr_un *addr, const char *path)
{
    memset(addr, 0, sizeof(*addr));
    addr->sun_family = AF_UNIX;
    snprintf(addr->sun_path, sizeof(addr->sun_path), "%s", path);
}

/* Removes a stale socket file at `path`. 0 when the path is free, -1 logged otherwise. */
static int listener_clear_stale(const char *path)
{
    struct stat st;
    struct sockaddr_un addr;
    if (lstat(path, &st) != 0)
        return 0;
    if (!S_ISSOCK(st.st_mode)) {
        slog(SLOG_ERROR, "%s exists and is not a socket", path);
        return -1;
    }
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    listener_address(&addr, path);
    int rc = connect(fd, (struct sockaddr *)&addr, sizeof(addr));
    close(fd);
    if (rc == 0) {
        slog(SLOG_ERROR, "another server listens on %s", path);
        return -1;
    }
    slog(SLOG_INFO, "removing the stale socket %s", path);
    unlink(path);
    return 0;
}

/* Returns a listening socket bound to `path`, or -1 logged. */
static int listener_bind(const char *path)
{
    struct sockaddr_un addr;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        slog(SLOG_ERROR, "socket: %s", strerror(errno));
        return -1;
    }
    listener_address(&addr, path);
    mode_t old = umask(geteuid() == 0 ? 0111 : 0177);
    int rc = bind(fd, (struct sockaddr *)&addr, sizeof(addr));
    umask(old);
    if (rc != 0 || listen(fd, SOMAXCONN) != 0) {
        slog(SLOG_ERROR, "cannot listen on %s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

/* libuv: a client is connecting. */
static void listener_on_connection(uv_stream_t *listener, int status)
{
    struct server *srv = listener->data;
    if (status < 0) {
        slog(SLOG_WARN, "accepting a client: %s", uv_strerror(status));
        return;
    }
    session_accept(srv);
}

int listener_start(struct server *srv)
{
    const char *path = srv->opt.socket_path;
    if (listener_make_dir(path) != 0 || listener_clear_stale(path) != 0)
        return -1;
    int fd = listener_bind(path);
    if (fd < 0)
        return -1;
    uv_pipe_init(srv->loop, &srv->listener, 0);
    srv->listener.data = srv;
    int rc = uv_pipe_open(&srv->listener, fd);
    if (rc == 0)
        rc = uv_listen((uv_stream_t *)&srv->listener, SOMAXCONN, listener_on_connection);
    if (rc != 0) {
        slog(SLOG_ERROR, "cannot listen on %s: %s", path, uv_strerror(rc));
        uv_close((uv_handle_t *)&srv->listener, NULL);
        unlink(path);
        return -1;
    }
    srv->listening = true;
    slog(SLOG_INFO, "listening on %s", path);
    return 0;
}

void listener_stop(struct server *srv)
{
    if (!srv->listening)
        return;
    srv->listening = false;
    uv_close((uv_handle_t *)&srv->listener, NULL);
    unlink(srv->opt.socket_path);
}
