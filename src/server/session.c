/*
 * session.c — one client connection: bytes in, frames decoded strictly and dispatched by the
 * session's state, frames out through a buffer the loop drains, and the end of it all.
 *
 * A frame that breaks a rule of the protocol ends this connection only: one log line
 * "frame N from pid P: <fault>", Bye with reason 1, and the session's applications shut down
 * as if the client had called lineShutdown — its calls dropped or left to their other owners
 * by the core's normal rules. A client that disconnects or dies gets the same, without the Bye.
 */
#define _GNU_SOURCE /* struct ucred */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "decode.h"
#include "encode.h"
#include "server.h"
#include "slog.h"

/* How many bytes may wait for a client that does not read before it is dropped. */
#define SESSION_MAX_BACKLOG (64u * 1024u * 1024u)
/* The read buffer libuv fills; the loop is single-threaded and each read is handled at once. */
static char session_read_buffer[64 * 1024];

static void session_close(struct session *s);
static void session_flush(struct session *s);

/* libuv: the connection is closed; frees the session. */
static void session_on_closed(uv_handle_t *handle)
{
    struct session *s = handle->data;
    for (struct session **pp = &s->srv->sessions; *pp; pp = &(*pp)->next)
        if (*pp == s) {
            *pp = s->next;
            break;
        }
    proto_reader_release(&s->reader);
    proto_buf_release(&s->out);
    proto_buf_release(&s->inflight);
    opens_release(s);
    devmap_release(s);
    identity_release(&s->who);
    free(s);
}

/* Shuts the session's applications down and closes the connection. Idempotent. */
static void session_close(struct session *s)
{
    if (s->closed)
        return;
    s->state = SESSION_CLOSING;
    events_shutdown_all(s);
    s->closed = true;
    uv_close((uv_handle_t *)&s->pipe, session_on_closed);
}

/* libuv: a write finished (or was cancelled by the close). */
static void session_on_written(uv_write_t *req, int status)
{
    struct session *s = req->data;
    s->writing = false;
    proto_buf_consume(&s->inflight, s->inflight.len);
    if (s->closed)
        return;
    if (status < 0) {
        slog(SLOG_INFO, "client %llu: write failed: %s", (unsigned long long)s->id,
             uv_strerror(status));
        session_close(s);
        return;
    }
    session_flush(s);
}

/* Hands what waits in s->out to the socket, unless a write is in flight or the session is
 * corked (session_uncork() comes back here). */
static void session_flush(struct session *s)
{
    if (s->closed || s->writing || s->corked > 0)
        return;
    if (s->out.len == 0) {
        if (s->close_after_write)
            session_close(s);
        return;
    }
    struct proto_buf swap = s->inflight;
    s->inflight = s->out;
    s->out = swap;
    uv_buf_t b = uv_buf_init((char *)s->inflight.data, (unsigned)s->inflight.len);
    s->wreq.data = s;
    int rc = uv_write(&s->wreq, (uv_stream_t *)&s->pipe, &b, 1, session_on_written);
    if (rc < 0) {
        slog(SLOG_INFO, "client %llu: write failed: %s", (unsigned long long)s->id,
             uv_strerror(rc));
        session_close(s);
        return;
    }
    s->writing = true;
}

void session_cork(struct session *s)
{
    s->corked++;
}

void session_uncork(struct session *s)
{
    if (s->corked > 0 && --s->corked == 0)
        session_flush(s);
}

int session_send(struct session *s, const struct proto_msg *msg)
{
    struct proto_error err;
    if (s->closed)
        return -1;
    if (proto_encode(&s->out, msg, &err) != PROTO_OK) {
        slog(SLOG_ERROR, "client %llu: cannot encode a frame: %s", (unsigned long long)s->id,
             err.text);
        return -1;
    }
    if (s->out.len + s->inflight.len > SESSION_MAX_BACKLOG) {
        slog(SLOG_WARN, "client %llu (pid %d): more than %u bytes unread; disconnected",
             (unsigned long long)s->id, (int)s->pid, SESSION_MAX_BACKLOG);
        session_close(s);
        return -1;
    }
    session_flush(s);
    return 0;
}

/* `text` as a Bye message: at most PROTO_MAX_NAME bytes, cut before any byte that is not
 * UTF-8 (a name quoted from the peer may have been cut inside a character). */
static struct proto_bytes session_bye_text(const char *text)
{
    size_t len = strlen(text), at = 0;
    if (len > PROTO_MAX_NAME)
        len = PROTO_MAX_NAME;
    if (proto_check_utf8((const uint8_t *)text, len, &at) != PROTO_OK)
        len = at;
    return (struct proto_bytes){(const uint8_t *)text, len};
}

void session_end(struct session *s, enum proto_bye_reason reason, const char *text)
{
    struct proto_msg bye;
    if (s->closed || s->state == SESSION_CLOSING)
        return;
    memset(&bye, 0, sizeof(bye));
    bye.type = PROTO_BYE;
    bye.bye.reason = reason;
    bye.bye.message = session_bye_text(text);
    session_send(s, &bye);
    if (s->closed)
        return;
    s->state = SESSION_CLOSING;
    uv_read_stop((uv_stream_t *)&s->pipe);
    events_shutdown_all(s);
    s->close_after_write = true;
    session_flush(s);
}

/* Ends the session for a frame that broke the protocol: one log line, Bye(1). */
static void session_fault(struct session *s, uint64_t frame, const char *text)
{
    slog(SLOG_WARN, "frame %llu from pid %d: %s", (unsigned long long)frame, (int)s->pid, text);
    session_end(s, PROTO_BYE_PROTOCOL_ERROR, text);
}

/* Names frame type `type` for messages. */
static const char *session_type_name(enum proto_type type)
{
    static const char *const names[] = {"?", "Hello", "Welcome", "Call", "Result", "Event", "Bye"};
    return (unsigned)type < sizeof(names) / sizeof(names[0]) ? names[type] : "?";
}

/* Acts on decoded frame `msg`, number `number`, according to the session's state. */
static void session_dispatch(struct session *s, const struct proto_msg *msg, uint64_t number)
{
    char text[96];
    if (s->state == SESSION_HELLO && msg->type == PROTO_HELLO) {
        handshake_hello(s, &msg->hello);
    } else if (s->state == SESSION_READY && msg->type == PROTO_CALL) {
        execute_call(s, &msg->call);
    } else if (msg->type == PROTO_BYE) {
        slog(SLOG_INFO, "client %llu: said goodbye", (unsigned long long)s->id);
        session_close(s);
    } else {
        snprintf(text, sizeof(text), "unexpected %s %s", session_type_name(msg->type),
                 s->state == SESSION_HELLO ? "before Hello" : "from a client");
        session_fault(s, number, text);
    }
}

/* Decodes and handles one whole frame. */
static void session_frame(struct session *s, const struct proto_frame *frame)
{
    struct proto_msg *msg;
    struct proto_error err;
    if (proto_decode(frame->data, frame->len, &msg, &err) != PROTO_OK) {
        session_fault(s, frame->number, err.text);
        return;
    }
    session_dispatch(s, msg, frame->number);
    proto_msg_free(msg);
}

/* Feeds `len` bytes read from the socket to the frame reader, handling each whole frame. */
static void session_feed(struct session *s, const uint8_t *data, size_t len)
{
    size_t off = 0;
    while (off < len && !s->closed && s->state != SESSION_CLOSING) {
        struct proto_frame frame;
        struct proto_error err;
        size_t used = 0;
        int rc = proto_reader_feed(&s->reader, data + off, len - off, &used, &frame, &err);
        off += used;
        if (rc < 0) {
            session_fault(s, s->reader.frames + 1, err.text);
            return;
        }
        if (rc == 0)
            return;
        session_frame(s, &frame);
    }
}

/* libuv: room for the next read. */
static void session_on_alloc(uv_handle_t *handle, size_t suggested, uv_buf_t *buf)
{
    (void)handle;
    (void)suggested;
    *buf = uv_buf_init(session_read_buffer, sizeof(session_read_buffer));
}

/* libuv: bytes arrived, or the client went away. */
static void session_on_read(uv_stream_t *stream, ssize_t nread, const uv_buf_t *buf)
{
    struct session *s = stream->data;
    if (nread > 0) {
        /* Every Result of these bytes, with the Events each Call produced, in one write. */
        session_cork(s);
        session_feed(s, (const uint8_t *)buf->base, (size_t)nread);
        session_uncork(s);
        return;
    }
    if (nread == 0)
        return;
    struct proto_error err;
    if (nread == UV_EOF && proto_reader_finish(&s->reader, &err) != PROTO_OK)
        slog(SLOG_WARN, "frame %llu from pid %d: %s", (unsigned long long)s->reader.frames + 1,
             (int)s->pid, err.text);
    slog(SLOG_INFO, "client %llu (pid %d) disconnected%s%s", (unsigned long long)s->id, (int)s->pid,
         nread == UV_EOF ? "" : ": ", nread == UV_EOF ? "" : uv_strerror((int)nread));
    session_close(s);
}

/* Reads the peer's identity from the kernel (SO_PEERCRED), and its user's name and groups for
 * the access-control list. 0, or -1. */
static int session_identify(struct session *s)
{
    uv_os_fd_t fd;
    struct ucred cred;
    socklen_t len = sizeof(cred);
    if (uv_fileno((uv_handle_t *)&s->pipe, &fd) != 0 ||
        getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0)
        return -1;
    s->pid = cred.pid;
    s->uid = cred.uid;
    s->gid = cred.gid;
    return identity_local(&s->who, cred.uid, cred.gid);
}

/* libuv: a connection that was refused is closed. */
static void session_on_refused(uv_handle_t *handle)
{
    struct session *s = handle->data;
    identity_release(&s->who);
    free(s);
}

void session_accept(struct server *srv)
{
    struct session *s = calloc(1, sizeof(*s));
    if (!s) {
        slog(SLOG_ERROR, "out of memory accepting a client");
        return;
    }
    s->srv = srv;
    uv_pipe_init(srv->loop, &s->pipe, 0);
    s->pipe.data = s;
    if (uv_accept((uv_stream_t *)&srv->listener, (uv_stream_t *)&s->pipe) != 0 ||
        session_identify(s) != 0 || srv->stopping) {
        slog(SLOG_WARN, "a connection was refused (no peer credentials, or shutting down)");
        uv_close((uv_handle_t *)&s->pipe, session_on_refused);
        return;
    }
    s->id = ++srv->next_session_id;
    proto_reader_init(&s->reader);
    s->next = srv->sessions;
    srv->sessions = s;
    slog(SLOG_INFO, "client %llu connected: pid %d uid %u gid %u (user %s)",
         (unsigned long long)s->id, (int)s->pid, (unsigned)s->uid, (unsigned)s->gid,
         s->who.name[0] ? s->who.name : "without a name");
    uv_read_start((uv_stream_t *)&s->pipe, session_on_alloc, session_on_read);
}

void session_end_all(struct server *srv)
{
    struct session *s = srv->sessions;
    while (s) {
        struct session *next = s->next;
        if (s->state == SESSION_READY)
            opens_send_close(s);
        session_end(s, PROTO_BYE_SHUTDOWN, "server shutting down");
        s = next;
    }
}

void session_close_all(struct server *srv)
{
    for (struct session *s = srv->sessions; s; s = s->next)
        session_close(s);
}
