/*
 * client_link.c — the byte stream under the client protocol: how libtapix reaches tapixd.
 *
 * TAPIX_SERVER names the server. `unix:PATH` is a UNIX stream socket, implemented here.
 * `tls://HOST:PORT` (TCP under TLS 1.2+) is recognized and refused for now; it will be one more
 * `struct client_link_ops` (connect, then OpenSSL's reads and writes on the same socket), and
 * nothing above this file changes: the connection only writes whole buffers, reads what
 * arrives, and stops the stream to wake its reader.
 */
#include "client.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "log.h"

/** One kind of transport. Each function may block; none holds a lock. */
struct client_link_ops {
    /* Writes up to `len` bytes; the count written, or -1 with errno. */
    ssize_t (*write)(struct client_conn *conn, const uint8_t *data, size_t len);
    /* Reads up to `len` bytes; the count read, 0 at the end of the stream, or -1 with errno. */
    ssize_t (*read)(struct client_conn *conn, uint8_t *data, size_t len);
    /* Ends the stream both ways, so that a blocked read returns. */
    void (*stop)(struct client_conn *conn);
};

static ssize_t unix_write(struct client_conn *conn, const uint8_t *data, size_t len)
{
    return send(conn->fd, data, len, MSG_NOSIGNAL);
}

static ssize_t unix_read(struct client_conn *conn, uint8_t *data, size_t len)
{
    return read(conn->fd, data, len);
}

static void unix_stop(struct client_conn *conn)
{
    shutdown(conn->fd, SHUT_RDWR);
}

static const struct client_link_ops unix_ops = {unix_write, unix_read, unix_stop};

/* Connects a UNIX stream socket to `path`; the socket, or -1 (logged). */
static int unix_connect(const char *path)
{
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof(addr.sun_path)) {
        tapix_log(LOG_ERROR, "client: socket path too long: %s", path);
        return -1;
    }
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0) {
        tapix_log(LOG_WARN, "client: cannot connect to %s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

int client_link_open(struct client_conn *conn, const char *spec)
{
    conn->fd = -1;
    if (strncmp(spec, "unix:", 5) == 0) {
        conn->fd = unix_connect(spec + 5);
        conn->link = &unix_ops;
    } else if (strncmp(spec, "tls://", 6) == 0) {
        tapix_log(LOG_ERROR, "client: TAPIX_SERVER=%s: TLS is not supported yet; use unix:PATH",
                  spec);
    } else {
        tapix_log(LOG_ERROR, "client: TAPIX_SERVER=%s names no server (unix:PATH)", spec);
    }
    return conn->fd >= 0 ? 0 : -1;
}

int client_link_write(struct client_conn *conn, const uint8_t *data, size_t len)
{
    while (len > 0) {
        ssize_t n = conn->link->write(conn, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

ssize_t client_link_read(struct client_conn *conn, uint8_t *data, size_t len)
{
    for (;;) {
        ssize_t n = conn->link->read(conn, data, len);
        if (n >= 0 || errno != EINTR)
            return n;
    }
}

int client_link_read_all(struct client_conn *conn, uint8_t *data, size_t len)
{
    while (len > 0) {
        ssize_t n = client_link_read(conn, data, len);
        if (n <= 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

void client_link_stop(struct client_conn *conn)
{
    if (conn->link)
        conn->link->stop(conn);
}

void client_link_close(struct client_conn *conn)
{
    if (conn->fd >= 0)
        close(conn->fd);
    conn->fd = -1;
}
