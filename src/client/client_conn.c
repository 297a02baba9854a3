/*
 * client_conn.c — the one connection a process keeps to tapixd, shared by its applications.
 *
 * It is made by the first lineInitializeEx / phoneInitializeEx (Hello names that application
 * and the process), and closed when the last application shuts down. Callers send Calls under
 * a write lock and wait for their Result by sequence number. A reader thread owns the receiving
 * side: it decodes each frame strictly (src/proto), hands a Result's outputs to the waiting
 * caller's memory and wakes it, and routes each Event to its application's local queue.
 *
 * Why a thread rather than reading on demand: an application may sleep in poll() on its event
 * handle and call nothing until it becomes readable; only a reader that runs by itself can
 * make the eventfd readable when an Event arrives, as the embedded core does.
 *
 * Server loss (end of stream, a read error, Bye, or a frame that breaks the protocol): every
 * waiting caller fails with ...NODRIVER, every pending request gets its reply with that error,
 * every open line gets LINE_LINEDEVSTATE(OUTOFSERVICE) and LINE_CLOSE, and the connection stops
 * being current, so that the next lineInitializeEx connects again.
 *
 * The bytes travel through client_link.c (a UNIX socket; TLS to come behind the same calls).
 */
#include "client.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode.h"
#include "encode.h"
#include "frame.h"
#include "log.h"

pthread_mutex_t client_lock = PTHREAD_MUTEX_INITIALIZER;

static struct client_conn *current;

/* Writes the frames in `buf` under the write lock, then releases `buf`; 0, or -1. Blocks. */
static int conn_write(struct client_conn *conn, struct proto_buf *buf)
{
    pthread_mutex_lock(&conn->write_lock);
    int rc = client_link_write(conn, buf->data, buf->len);
    pthread_mutex_unlock(&conn->write_lock);
    proto_buf_release(buf);
    return rc;
}

/* Encodes `msg` and writes it; 0, or -1 (an encoding fault is logged). Blocks. */
static int conn_send(struct client_conn *conn, const struct proto_msg *msg)
{
    struct proto_buf buf = {0};
    struct proto_error err;
    if (proto_encode(&buf, msg, &err) != PROTO_OK) {
        tapix_log(LOG_ERROR, "client: cannot encode a frame: %s", err.text);
        return -1;
    }
    return conn_write(conn, &buf);
}

/* Reads one whole frame and decodes it; the message, or NULL (logged). Blocks. */
static struct proto_msg *conn_read_one(struct client_conn *conn)
{
    uint8_t head[PROTO_FRAME_HEADER];
    struct proto_error err;
    struct proto_msg *msg = NULL;
    if (client_link_read_all(conn, head, sizeof(head)) != 0)
        return NULL;
    uint32_t len =
        (uint32_t)head[0] << 24 | (uint32_t)head[1] << 16 | (uint32_t)head[2] << 8 | head[3];
    if (len > PROTO_MAX_FRAME)
        return NULL;
    uint8_t *payload = malloc(len ? len : 1);
    if (payload && client_link_read_all(conn, payload, len) == 0 &&
        proto_decode(payload, len, &msg, &err) != PROTO_OK)
        tapix_log(LOG_ERROR, "client: handshake: %s", err.text);
    free(payload);
    return msg;
}

/* Keeps the Welcome's function list; 0, or -1 out of memory. */
static int conn_welcome(struct client_conn *conn, const struct proto_welcome *w)
{
    conn->functions = malloc((w->n_functions ? w->n_functions : 1) * sizeof(uint32_t));
    if (!conn->functions)
        return -1;
    memcpy(conn->functions, w->functions, w->n_functions * sizeof(uint32_t));
    conn->n_functions = w->n_functions;
    return 0;
}

/* Hello, then Welcome or Bye. 0 when the session is ready, else -1 (logged). Blocks. */
static int conn_handshake(struct client_conn *conn, const char *app_name)
{
    struct proto_msg hello = {.type = PROTO_HELLO};
    size_t name_len = app_name ? strlen(app_name) : 0;
    hello.hello.min_version = PROTO_VERSION;
    hello.hello.max_version = PROTO_VERSION;
    hello.hello.app_name.data = (const uint8_t *)app_name;
    hello.hello.app_name.len = name_len < PROTO_MAX_NAME ? name_len : 0;
    hello.hello.pid = (uint32_t)getpid();
    hello.hello.abi.data = (const uint8_t *)PROTO_ABI;
    hello.hello.abi.len = strlen(PROTO_ABI);
    if (conn_send(conn, &hello) != 0)
        return -1;
    struct proto_msg *reply = conn_read_one(conn);
    int rc = -1;
    if (reply && reply->type == PROTO_WELCOME)
        rc = conn_welcome(conn, &reply->welcome);
    else if (reply && reply->type == PROTO_BYE)
        tapix_log(LOG_ERROR, "client: the server refused the session: %.*s",
                  (int)reply->bye.message.len, (const char *)reply->bye.message.data);
    else
        tapix_log(LOG_ERROR, "client: no Welcome from the server");
    proto_msg_free(reply);
    return rc;
}

/* Finds and unlinks the waiting caller of `seq`, or NULL. Locked. */
static struct client_wait *conn_take_wait(struct client_conn *conn, uint32_t seq)
{
    for (struct client_wait **pp = &conn->waits; *pp; pp = &(*pp)->next)
        if ((*pp)->seq == seq) {
            struct client_wait *w = *pp;
            *pp = w->next;
            return w;
        }
    return NULL;
}

/* A Result: outputs into the caller's memory, bookkeeping, wake-up. -1: a protocol error. */
static int conn_on_result(struct client_conn *conn, const struct proto_result *r)
{
    struct proto_error err;
    struct client_wait *w = conn_take_wait(conn, r->seq);
    if (!w) {
        tapix_log(LOG_ERROR, "client: a Result for call %u, which is not in flight", r->seq);
        return -1;
    }
    w->result = r->result;
    if (client_marshal_outs(w->fn, &w->call, &w->keep, &r->outs, &err) != PROTO_OK) {
        tapix_log(LOG_ERROR, "client: call %u: %s", r->seq, err.text);
        w->result = client_error(w->fn->id, LINEERR_OPERATIONFAILED);
        w->done = true;
        pthread_cond_signal(&w->cond);
        return -1;
    }
    client_route_after(w);
    client_async_after(conn, w);
    w->done = true;
    pthread_cond_signal(&w->cond);
    return 0;
}

/* Handles one decoded frame from the server. Locked. -1: the connection must end. */
static int conn_on_frame(struct client_conn *conn, const struct proto_msg *msg)
{
    switch (msg->type) {
    case PROTO_RESULT:
        return conn_on_result(conn, &msg->result);
    case PROTO_EVENT: {
        struct client_app *hint = NULL;
        if (client_async_event(conn, &msg->event, &hint) != 0)
            return -1;
        client_route_event(conn, &msg->event, hint);
        return 0;
    }
    case PROTO_BYE:
        tapix_log(LOG_WARN, "client: the server ended the session (reason %u): %.*s",
                  msg->bye.reason, (int)msg->bye.message.len, (const char *)msg->bye.message.data);
        return -1;
    default:
        tapix_log(LOG_ERROR, "client: an unexpected frame of type %d", (int)msg->type);
        return -1;
    }
}

/* Decodes and handles one payload; -1 when the connection must end. */
static int conn_on_payload(struct client_conn *conn, const struct proto_frame *frame)
{
    struct proto_msg *msg;
    struct proto_error err;
    if (proto_decode(frame->data, frame->len, &msg, &err) != PROTO_OK) {
        tapix_log(LOG_ERROR, "client: frame %llu from the server: %s",
                  (unsigned long long)frame->number, err.text);
        return -1;
    }
    pthread_mutex_lock(&client_lock);
    int rc = conn->closing ? -1 : conn_on_frame(conn, msg);
    pthread_mutex_unlock(&client_lock);
    proto_msg_free(msg);
    return rc;
}

/* Feeds `len` bytes to the frame reader and handles each whole frame; -1 to end. */
static int conn_feed(struct client_conn *conn, struct proto_reader *r, const uint8_t *data,
                     size_t len)
{
    while (len > 0) {
        struct proto_frame frame;
        struct proto_error err;
        size_t used;
        int got = proto_reader_feed(r, data, len, &used, &frame, &err);
        if (got < 0) {
            tapix_log(LOG_ERROR, "client: from the server: %s", err.text);
            return -1;
        }
        data += used;
        len -= used;
        if (got == 1 && conn_on_payload(conn, &frame) != 0)
            return -1;
    }
    return 0;
}

/* The reader thread: frames until the stream ends or breaks the protocol, then loss. */
static void *conn_reader(void *arg)
{
    struct client_conn *conn = arg;
    struct proto_reader r;
    uint8_t *buf = malloc(64 * 1024);
    proto_reader_init(&r);
    for (;;) {
        ssize_t n = buf ? client_link_read(conn, buf, 64 * 1024) : -1;
        if (n <= 0 || conn_feed(conn, &r, buf, (size_t)n) != 0)
            break;
    }
    free(buf);
    proto_reader_release(&r);
    pthread_mutex_lock(&client_lock);
    if (!conn->closing)
        client_conn_lost(conn, "the connection to the server ended");
    pthread_mutex_unlock(&client_lock);
    return NULL;
}

/* Frees what conn_open made. The reader thread must have ended. */
static void conn_free(struct client_conn *conn)
{
    client_link_close(conn);
    pthread_mutex_destroy(&conn->write_lock);
    free(conn->functions);
    free(conn);
}

/* Connects, greets and starts the reader; the connection, or NULL (logged). Blocks. */
static struct client_conn *conn_open(const char *spec, const char *app_name)
{
    struct client_conn *conn = calloc(1, sizeof(*conn));
    if (!conn)
        return NULL;
    pthread_mutex_init(&conn->write_lock, NULL);
    conn->next_seq = 1;
    conn->next_token = 1;
    if (client_link_open(conn, spec) != 0 || conn_handshake(conn, app_name) != 0 ||
        pthread_create(&conn->reader, NULL, conn_reader, conn) != 0) {
        conn_free(conn);
        return NULL;
    }
    return conn;
}

struct client_conn *client_conn_get(const char *app_name, bool connect)
{
    if (current || !connect)
        return current;
    const char *spec = getenv("TAPIX_SERVER");
    /* Connecting blocks: other threads go on meanwhile; the first connection made wins. */
    pthread_mutex_unlock(&client_lock);
    struct client_conn *conn = spec ? conn_open(spec, app_name) : NULL;
    pthread_mutex_lock(&client_lock);
    if (conn && current) {
        struct client_conn *spare = conn;
        conn = current;
        spare->closing = true;
        client_link_stop(spare);
        pthread_mutex_unlock(&client_lock);
        pthread_join(spare->reader, NULL);
        pthread_mutex_lock(&client_lock);
        conn_free(spare);
    }
    current = conn;
    return current;
}

bool client_conn_has(const struct client_conn *conn, uint32_t id)
{
    for (size_t i = 0; i < conn->n_functions; i++)
        if (conn->functions[i] == id)
            return true;
    return false;
}

/*
 * Encodes the Call of `w` with the next sequence number into `buf`. 0, or the code the caller
 * answers: ...NODRIVER (lost server), ...OPERATIONUNAVAIL (a function the server lacks),
 * ...INVALPARAM (a value the protocol refuses, such as a string that is not UTF-8). Locked.
 */
static LONG conn_encode_call(struct client_conn *conn, struct client_wait *w, struct proto_buf *buf)
{
    struct proto_msg msg = {.type = PROTO_CALL};
    struct proto_error err;
    if (conn->dead)
        return LINEERR_NODRIVER;
    if (!client_conn_has(conn, w->fn->id))
        return LINEERR_OPERATIONUNAVAIL;
    w->seq = conn->next_seq++;
    if (conn->next_seq == 0)
        conn->next_seq = 1;
    w->call.seq = w->seq;
    msg.call = w->call;
    if (proto_encode(buf, &msg, &err) != PROTO_OK) {
        tapix_log(LOG_ERROR, "client: %s", err.text);
        return err.code == PROTO_E_NOMEM ? LINEERR_NOMEM : LINEERR_INVALPARAM;
    }
    return 0;
}

LONG client_conn_call(struct client_conn *conn, struct client_wait *w)
{
    struct proto_buf buf = {0};
    w->conn = conn;
    LONG rc = conn_encode_call(conn, w, &buf);
    if (rc != 0) {
        w->result = client_error(w->fn->id, rc);
        client_route_after(w);
        client_conn_release(conn);
        return w->result;
    }
    pthread_cond_init(&w->cond, NULL);
    w->next = conn->waits;
    conn->waits = w;
    conn->users++;
    /* Registered before it is sent, so its Result cannot race ahead; sent unlocked, so that a
     * full socket never holds up the reader. */
    pthread_mutex_unlock(&client_lock);
    int sent = conn_write(conn, &buf);
    pthread_mutex_lock(&client_lock);
    if (sent != 0 && !w->done) {
        conn_take_wait(conn, w->seq);
        w->done = true;
        w->result = client_error(w->fn->id, LINEERR_NODRIVER);
    }
    while (!w->done)
        pthread_cond_wait(&w->cond, &client_lock);
    pthread_cond_destroy(&w->cond);
    conn->users--;
    client_conn_release(conn);
    return w->result;
}

void client_conn_release(struct client_conn *conn)
{
    if (conn->closing || conn->users > 0 || client_app_uses(conn))
        return; /* in use, or another thread is closing it */
    if (conn == current)
        current = NULL;
    conn->closing = true;
    struct proto_msg bye = {.type = PROTO_BYE};
    bye.bye.reason = PROTO_BYE_NORMAL;
    if (!conn->dead)
        conn_send(conn, &bye);
    client_link_stop(conn);
    pthread_mutex_unlock(&client_lock);
    pthread_join(conn->reader, NULL);
    pthread_mutex_lock(&client_lock);
    client_async_lost(conn);
    client_route_forget_broadcasts(conn);
    conn_free(conn);
}

void client_conn_lost(struct client_conn *conn, const char *why)
{
    if (conn->dead)
        return;
    tapix_log(LOG_WARN, "client: %s; the lines are out of service", why);
    conn->dead = true;
    if (conn == current)
        current = NULL;
    for (struct client_wait *w; (w = conn->waits);) {
        conn->waits = w->next;
        w->result = client_error(w->fn->id, LINEERR_NODRIVER);
        w->done = true;
        pthread_cond_signal(&w->cond);
    }
    client_async_lost(conn);
    client_route_lost(conn);
}

LONG client_call(const struct client_fn *fn, union client_arg *a)
{
    struct client_wait w;
    memset(&w, 0, sizeof(w));
    w.fn = fn;
    w.a = a;
    pthread_mutex_lock(&client_lock);
    /* With no application at all (lineGetCountry, tapiRequestMakeCall ...) connect for this
     * call; once applications exist, a lost server answers ...NODRIVER until they reinitialize. */
    struct client_conn *conn = client_conn_get(NULL, !client_app_any());
    LONG rc = client_error(fn->id, LINEERR_NODRIVER);
    if (conn) {
        client_route_before(fn, a);
        rc = client_error(fn->id, client_marshal_call(fn, a, &w.call, &w.keep));
        if (rc == 0) {
            rc = client_conn_call(conn, &w);
        } else {
            w.result = rc;
            client_route_after(&w); /* forgets an open's token */
            client_conn_release(conn);
        }
    }
    pthread_mutex_unlock(&client_lock);
    return rc;
}
