/*
 * rawclient.c — the tests' tapixd process and raw protocol client (see rawclient.h).
 *
 * The server runs as a real process: fork and exec of the built tapixd with --foreground, its
 * stderr in a log file the tests read, a socket path of its own. The client speaks frames over
 * a blocking UNIX socket with poll() timeouts and keeps every frame it received in order, so a
 * test can wait for one message while others (Events between a Call and its Result) wait.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <tapix/tapi.h>

#include "rawclient.h"

/* Milliseconds of CLOCK_MONOTONIC. */
static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Tries one connect to `path`; returns the socket or -1. */
static int try_connect(const char *path)
{
    struct sockaddr_un addr;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    memset(&addr, 0, sizeof(addr));
    addr.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof(addr.sun_path)) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    memcpy(addr.sun_path, path, strlen(path) + 1);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0)
        return fd;
    if (fd >= 0)
        close(fd);
    return -1;
}

/* In the child: becomes tapixd with stderr into the log. */
static void exec_server(const struct raw_server *srv)
{
    int log = open(srv->log, O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (log >= 0) {
        dup2(log, STDERR_FILENO);
        close(log);
    }
    execl(TAPIXD_PATH, "tapixd", "--foreground", "--socket", srv->socket, "--config",
          srv->config[0] ? srv->config : TAPIXD_TEST_CONFIG, "--log-level", "debug", (char *)NULL);
    _exit(127);
}

/* Makes the server's temporary directory and names its files. */
static void make_dir(struct raw_server *srv)
{
    snprintf(srv->dir, sizeof(srv->dir), "/tmp/tapixd-test-XXXXXX");
    assert_non_null(mkdtemp(srv->dir));
    snprintf(srv->socket, sizeof(srv->socket), "%s/tapix.sock", srv->dir);
    snprintf(srv->log, sizeof(srv->log), "%s/tapixd.log", srv->dir);
}

void raw_server_start(struct raw_server *srv)
{
    make_dir(srv);
    raw_server_spawn(srv);
}

void raw_server_prepare(struct raw_server *srv, const char *text)
{
    make_dir(srv);
    snprintf(srv->config, sizeof(srv->config), "%s/tapix.conf", srv->dir);
    raw_server_write_config(srv, text);
}

void raw_server_write_config(const struct raw_server *srv, const char *text)
{
    char tmp[160];
    snprintf(tmp, sizeof(tmp), "%s.new", srv->config);
    FILE *f = fopen(tmp, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(rename(tmp, srv->config), 0); /* whole, never half-written */
}

void raw_server_cleanup(struct raw_server *srv)
{
    if (getenv("TAPIXD_TEST_SHOW_LOG")) {
        char cmd[160];
        snprintf(cmd, sizeof(cmd), "cat %s >&2", srv->log);
        assert_true(system(cmd) >= 0);
    }
    unlink(srv->socket);
    unlink(srv->log);
    if (srv->config[0])
        unlink(srv->config);
    rmdir(srv->dir);
}

int raw_server_run(const struct raw_server *srv)
{
    int status = -1;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        exec_server(srv);
    long long deadline = now_ms() + RAW_TIMEOUT_MS;
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (now_ms() > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            fail_msg("tapixd did not exit");
        }
        usleep(10000);
    }
    return status;
}

void raw_server_spawn(struct raw_server *srv)
{
    srv->pid = fork();
    assert_true(srv->pid >= 0);
    if (srv->pid == 0)
        exec_server(srv);
    long long deadline = now_ms() + RAW_TIMEOUT_MS;
    for (;;) {
        int fd = try_connect(srv->socket);
        if (fd >= 0) {
            close(fd);
            return;
        }
        assert_int_equal(waitpid(srv->pid, NULL, WNOHANG), 0); /* still running */
        assert_true(now_ms() < deadline);
        usleep(10000);
    }
}

int raw_server_stop(struct raw_server *srv)
{
    int status = -1;
    kill(srv->pid, SIGTERM);
    long long deadline = now_ms() + RAW_TIMEOUT_MS;
    while (waitpid(srv->pid, &status, WNOHANG) == 0) {
        if (now_ms() > deadline) {
            kill(srv->pid, SIGKILL);
            waitpid(srv->pid, &status, 0);
            fail_msg("tapixd did not stop on SIGTERM");
        }
        usleep(10000);
    }
    bool socket_left = access(srv->socket, F_OK) == 0;
    raw_server_cleanup(srv);
    assert_false(socket_left);
    return status;
}

/* True when the file `path` contains `text`. */
static bool file_contains(const char *path, const char *text)
{
    FILE *f = fopen(path, "r");
    char line[2048];
    bool found = false;
    if (!f)
        return false;
    while (!found && fgets(line, sizeof(line), f))
        found = strstr(line, text) != NULL;
    fclose(f);
    return found;
}

bool raw_server_logged(const struct raw_server *srv, const char *text)
{
    long long deadline = now_ms() + RAW_TIMEOUT_MS;
    while (!file_contains(srv->log, text)) {
        if (now_ms() > deadline)
            return false;
        usleep(10000);
    }
    return true;
}

void raw_connect(struct raw_client *c, const char *path)
{
    memset(c, 0, sizeof(*c));
    c->fd = try_connect(path);
    assert_true(c->fd >= 0);
    proto_reader_init(&c->reader);
}

void raw_close(struct raw_client *c)
{
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    for (unsigned i = 0; i < c->queued; i++)
        proto_msg_free(c->queue[i]);
    c->queued = 0;
    proto_reader_release(&c->reader);
}

void raw_write(struct raw_client *c, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(c->fd, p, len);
        assert_true(n > 0);
        p += n;
        len -= (size_t)n;
    }
}

void raw_send(struct raw_client *c, const struct proto_msg *msg)
{
    struct proto_buf buf = {0};
    assert_int_equal(proto_encode(&buf, msg, NULL), PROTO_OK);
    raw_write(c, buf.data, buf.len);
    proto_buf_release(&buf);
}

/* Queues every whole frame in `data`. */
static void queue_frames(struct raw_client *c, const uint8_t *data, size_t len)
{
    size_t off = 0;
    while (off < len) {
        struct proto_frame frame;
        struct proto_msg *msg;
        size_t used = 0;
        int rc = proto_reader_feed(&c->reader, data + off, len - off, &used, &frame, NULL);
        off += used;
        assert_true(rc >= 0);
        if (rc == 0)
            return;
        assert_int_equal(proto_decode(frame.data, frame.len, &msg, NULL), PROTO_OK);
        assert_true(c->queued < RAW_MAX_QUEUED);
        c->queue[c->queued++] = msg;
    }
}

/* Reads what arrives within `ms`; false at end of stream or timeout. */
static bool read_more(struct raw_client *c, int ms)
{
    struct pollfd p = {.fd = c->fd, .events = POLLIN};
    uint8_t buf[65536];
    if (c->eof || poll(&p, 1, ms) <= 0)
        return false;
    ssize_t n = read(c->fd, buf, sizeof(buf));
    if (n <= 0) {
        c->eof = true;
        return false;
    }
    queue_frames(c, buf, (size_t)n);
    return true;
}

struct proto_msg *raw_take(struct raw_client *c,
                           bool (*match)(const struct proto_msg *, const void *), const void *arg)
{
    long long deadline = now_ms() + RAW_TIMEOUT_MS;
    for (;;) {
        for (unsigned i = 0; i < c->queued; i++)
            if (match(c->queue[i], arg)) {
                struct proto_msg *msg = c->queue[i];
                memmove(&c->queue[i], &c->queue[i + 1], (c->queued - i - 1) * sizeof(msg));
                c->queued--;
                return msg;
            }
        long long left = deadline - now_ms();
        if (left <= 0 || (!read_more(c, (int)left) && (c->eof || now_ms() >= deadline)))
            return NULL;
    }
}

bool raw_queued(struct raw_client *c, bool (*match)(const struct proto_msg *, const void *),
                const void *arg)
{
    while (read_more(c, 0))
        ;
    for (unsigned i = 0; i < c->queued; i++)
        if (match(c->queue[i], arg))
            return true;
    return false;
}

/* Matches the Result of call seq *arg. */
static bool is_result(const struct proto_msg *msg, const void *arg)
{
    return msg->type == PROTO_RESULT && msg->result.seq == *(const uint32_t *)arg;
}

/* Matches any frame but an Event. */
static bool is_answer(const struct proto_msg *msg, const void *arg)
{
    (void)arg;
    return msg->type != PROTO_EVENT;
}

/* Matches Bye. */
static bool is_bye(const struct proto_msg *msg, const void *arg)
{
    (void)arg;
    return msg->type == PROTO_BYE;
}

struct event_want {
    uint32_t message_id;
    uint32_t h_device;
    uint32_t state; /* for LINE_CALLSTATE, 0: any */
};

/* Matches an Event as *arg describes. */
static bool is_event(const struct proto_msg *msg, const void *arg)
{
    const struct event_want *w = arg;
    return msg->type == PROTO_EVENT && msg->event.message_id == w->message_id &&
           (!w->h_device || msg->event.h_device == w->h_device) &&
           (!w->state || msg->event.param1 == w->state);
}

struct proto_msg *raw_hello(struct raw_client *c, uint32_t lo, uint32_t hi, const char *abi)
{
    struct proto_msg msg;
    memset(&msg, 0, sizeof(msg));
    msg.type = PROTO_HELLO;
    msg.hello.min_version = lo;
    msg.hello.max_version = hi;
    msg.hello.app_name = (struct proto_bytes){(const uint8_t *)"test_tapixd", 11};
    msg.hello.pid = (uint32_t)getpid();
    msg.hello.abi = (struct proto_bytes){(const uint8_t *)abi, strlen(abi)};
    raw_send(c, &msg);
    return raw_take(c, is_answer, NULL);
}

struct proto_msg *raw_call(struct raw_client *c, uint32_t fn, const struct proto_value *args,
                           size_t n)
{
    struct proto_msg msg;
    memset(&msg, 0, sizeof(msg));
    msg.type = PROTO_CALL;
    msg.call.seq = ++c->seq;
    msg.call.function = fn;
    msg.call.args.n = n;
    memcpy(msg.call.args.v, args, n * sizeof(*args));
    raw_send(c, &msg);
    struct proto_msg *res = raw_take(c, is_result, &msg.call.seq);
    assert_non_null(res);
    return res;
}

struct proto_msg *raw_event(struct raw_client *c, uint32_t message_id, uint32_t h_device)
{
    struct event_want w = {message_id, h_device, 0};
    return raw_take(c, is_event, &w);
}

void raw_callstate(struct raw_client *c, uint32_t hCall, uint32_t state)
{
    struct event_want w = {LINE_CALLSTATE, hCall, state};
    struct proto_msg *msg = raw_take(c, is_event, &w);
    if (!msg)
        fail_msg("no LINE_CALLSTATE 0x%x on call 0x%x", state, hCall);
    proto_msg_free(msg);
}

int raw_bye(struct raw_client *c)
{
    struct proto_msg *msg = raw_take(c, is_bye, NULL);
    if (!msg)
        return -1;
    int reason = (int)msg->bye.reason;
    proto_msg_free(msg);
    return reason;
}

bool raw_closed(struct raw_client *c)
{
    long long deadline = now_ms() + RAW_TIMEOUT_MS;
    while (!c->eof && now_ms() < deadline)
        read_more(c, 100);
    return c->eof;
}

struct proto_value raw_dword(uint32_t x)
{
    return (struct proto_value){.kind = PROTO_V_DWORD, .dword = x};
}

struct proto_value raw_ptr(uint64_t x)
{
    return (struct proto_value){.kind = PROTO_V_DWORD_PTR, .dword_ptr = x};
}

struct proto_value raw_string(const char *s)
{
    return (struct proto_value){.kind = PROTO_V_STRING, .data = {(const uint8_t *)s, strlen(s)}};
}

struct proto_value raw_absent(void)
{
    return (struct proto_value){.kind = PROTO_V_ABSENT};
}

struct proto_value raw_out(uint32_t size)
{
    return (struct proto_value){.kind = PROTO_V_OUT, .out_size = size};
}

struct proto_value raw_varstruct(const void *data, size_t len)
{
    return (struct proto_value){.kind = PROTO_V_VARSTRUCT, .data = {data, len}};
}
