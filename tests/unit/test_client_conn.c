/*
 * test_client_conn.c — the client backend's connection against a scripted fake server: the
 * handshake, Results matched to their callers, asynchronous outputs written before their
 * LINE_REPLY is seen, messages routed to the right one of two applications by the token that
 * replaced dwCallbackInstance, broadcast copies dealt one to each application, a string that
 * is not UTF-8 refused before it is sent, and a server that breaks the protocol treated as
 * lost (LINE_LINEDEVSTATE, LINE_CLOSE, LINEERR_NODRIVER).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <tapix/tapi.h>

#include "decode.h"
#include "encode.h"
#include "frame.h"
#include "functions.h"

#define HAPP1    0x100
#define HAPP2    0x101
#define HLINE1   0x200
#define HCALL1   0x300
#define REQUEST  5
#define INSTANCE 0x77

struct fake {
    char dir[32];
    int listen_fd, fd;
    uint64_t token; /* the callback instance lineOpen carried */
    unsigned inits;
    pthread_t thread;
};

/* Sends `msg` to the client. */
static void fake_send(struct fake *f, const struct proto_msg *msg)
{
    struct proto_buf buf = {0};
    assert_int_equal(proto_encode(&buf, msg, NULL), PROTO_OK);
    assert_int_equal(write(f->fd, buf.data, buf.len), (ssize_t)buf.len);
    proto_buf_release(&buf);
}

/* Sends an Event for a line. */
static void fake_event(struct fake *f, DWORD h, DWORD id, uint64_t inst, uint64_t p1, uint64_t p2,
                       const struct proto_values *outs)
{
    struct proto_msg ev = {.type = PROTO_EVENT};
    ev.event = (struct proto_event){.device = PROTO_DEVICE_LINE,
                                    .h_device = h,
                                    .message_id = id,
                                    .callback_instance = inst,
                                    .param1 = p1,
                                    .param2 = p2};
    if (outs)
        ev.event.outs = *outs;
    fake_send(f, &ev);
}

/* Answers Hello with a Welcome that lists every function. */
static void fake_welcome(struct fake *f)
{
    static uint32_t ids[512];
    struct proto_msg w = {.type = PROTO_WELCOME};
    size_t n = proto_function_count();
    for (size_t i = 0; i < n; i++)
        ids[i] = proto_function_at(i)->id;
    w.welcome = (struct proto_welcome){.version = 1,
                                       .max_frame = PROTO_MAX_FRAME,
                                       .api_version = 0x20002,
                                       .n_functions = n,
                                       .functions = ids,
                                       .abi = {(const uint8_t *)PROTO_ABI, strlen(PROTO_ABI)}};
    fake_send(f, &w);
}

/* A dword value. */
static struct proto_value dw(uint32_t v)
{
    return (struct proto_value){.kind = PROTO_V_DWORD, .dword = v};
}

/* Answers Call `c` by its function, as the script of the test wants. */
static void fake_answer(struct fake *f, const struct proto_call *c)
{
    struct proto_msg r = {.type = PROTO_RESULT};
    r.result.seq = c->seq;
    switch (c->function) {
    case PROTO_FN_lineInitializeEx:
        r.result.outs.n = 4;
        r.result.outs.v[0] = dw(f->inits++ ? HAPP2 : HAPP1);
        r.result.outs.v[1] = dw(1);
        r.result.outs.v[2] = dw(0x20002);
        r.result.outs.v[3] = c->args.v[6];
        break;
    case PROTO_FN_lineOpen:
        f->token = c->args.v[5].dword_ptr;
        r.result.outs.n = 1;
        r.result.outs.v[0] = dw(HLINE1);
        break;
    case PROTO_FN_lineMakeCall:
        r.result.result = REQUEST;
        break;
    case PROTO_FN_lineGetNumRings: /* breaks the protocol: 8 bytes for a DWORD */
        r.result.outs.n = 1;
        r.result.outs.v[0] = (struct proto_value){.kind = PROTO_V_DWORD_PTR, .dword_ptr = 1};
        break;
    default:
        break;
    }
    fake_send(f, &r);
    if (c->function == PROTO_FN_lineMakeCall) {
        struct proto_values outs = {.n = 1, .v = {dw(HCALL1)}};
        fake_event(f, 0, LINE_REPLY, f->token, REQUEST, 0, &outs);
        fake_event(f, 0, LINE_CREATE, 0, 1, 0, NULL); /* one copy for each application */
        fake_event(f, 0, LINE_CREATE, 0, 1, 0, NULL);
    }
}

/* Handles one frame from the client. */
static void fake_frame(struct fake *f, const struct proto_frame *frame)
{
    struct proto_msg *msg;
    assert_int_equal(proto_decode(frame->data, frame->len, &msg, NULL), PROTO_OK);
    if (msg->type == PROTO_HELLO)
        fake_welcome(f);
    else if (msg->type == PROTO_CALL)
        fake_answer(f, &msg->call);
    proto_msg_free(msg);
}

/* The fake server: one connection, frames answered until the client goes. */
static void *fake_main(void *arg)
{
    struct fake *f = arg;
    struct proto_reader r;
    uint8_t buf[65536];
    f->fd = accept(f->listen_fd, NULL, NULL);
    proto_reader_init(&r);
    for (ssize_t n; (n = read(f->fd, buf, sizeof(buf))) > 0;) {
        size_t off = 0;
        while (off < (size_t)n) {
            struct proto_frame frame;
            size_t used;
            int got = proto_reader_feed(&r, buf + off, (size_t)n - off, &used, &frame, NULL);
            off += used;
            if (got == 1)
                fake_frame(f, &frame);
        }
    }
    proto_reader_release(&r);
    close(f->fd);
    return NULL;
}

/* Initializes an application; returns its handle and event descriptor. */
static HLINEAPP init_app(const char *name, int *fd)
{
    HLINEAPP h = 0;
    DWORD n, version = 0x20002;
    LINEINITIALIZEEXPARAMS p = {.dwTotalSize = sizeof(p),
                                .dwOptions = LINEINITIALIZEEXOPTION_USEEVENT};
    assert_int_equal(lineInitializeEx(&h, NULL, NULL, name, &n, &version, &p), 0);
    assert_int_equal(p.dwTotalSize, sizeof(p));
    *fd = (int)(intptr_t)p.Handles.hEvent;
    return h;
}

/* Takes the next message of `h`, waiting up to a second; asserts one comes. */
static LINEMESSAGE next(HLINEAPP h)
{
    LINEMESSAGE m;
    assert_int_equal(lineGetMessage(h, &m, 1000), 0);
    return m;
}

static void test_scripted_session(void **state)
{
    struct fake *f = *state;
    int fd1, fd2;
    HLINEAPP a = init_app("first", &fd1), b = init_app("second", &fd2);
    assert_int_equal(a, HAPP1);
    assert_int_equal(b, HAPP2);
    assert_int_not_equal(fd1, fd2);

    HLINE line;
    HCALL call = 0;
    assert_int_equal(lineOpen(a, 0, &line, 0x20002, 0, INSTANCE, LINECALLPRIVILEGE_NONE, 0, NULL),
                     0);
    assert_int_equal(line, HLINE1);
    assert_int_not_equal(f->token, INSTANCE);
    assert_int_equal(lineMakeCall(line, &call, "102", 0, NULL), REQUEST);

    LINEMESSAGE m = next(a);
    assert_int_equal(m.dwMessageID, LINE_REPLY);
    assert_int_equal(m.dwCallbackInstance, INSTANCE);
    assert_int_equal(call, HCALL1);
    assert_int_equal(next(a).dwMessageID, LINE_CREATE);
    assert_int_equal(next(b).dwMessageID, LINE_CREATE);
    assert_int_equal(lineGetMessage(b, &m, 0), LINEERR_OPERATIONFAILED);
    struct pollfd p = {.fd = fd1, .events = POLLIN};
    assert_int_equal(poll(&p, 1, 0), 0);

    /* A string the protocol refuses never leaves the process. */
    assert_int_equal(lineMakeCall(line, &call, "\xff", 0, NULL), LINEERR_INVALPARAM);

    DWORD rings;
    assert_int_not_equal(lineGetNumRings(line, 0, &rings), 0);
    m = next(a);
    assert_int_equal(m.dwMessageID, LINE_LINEDEVSTATE);
    assert_int_equal(m.dwParam1, LINEDEVSTATE_OUTOFSERVICE);
    m = next(a);
    assert_int_equal(m.dwMessageID, LINE_CLOSE);
    assert_int_equal(m.hDevice, HLINE1);
    assert_int_equal(m.dwCallbackInstance, INSTANCE);
    assert_int_equal(lineGetNumRings(line, 0, &rings), LINEERR_NODRIVER);
    assert_int_equal(lineShutdown(b), 0);
    assert_int_equal(lineShutdown(a), 0);
}

static int setup(void **state)
{
    static struct fake f = {.dir = "/tmp/tapix-fake.XXXXXX"};
    char env[200];
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (!mkdtemp(f.dir))
        return -1;
    snprintf(addr.sun_path, sizeof(addr.sun_path), "%s/sock", f.dir);
    f.listen_fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (bind(f.listen_fd, (struct sockaddr *)&addr, sizeof(addr)) != 0 ||
        listen(f.listen_fd, 1) != 0)
        return -1;
    snprintf(env, sizeof(env), "unix:%s", addr.sun_path);
    setenv("TAPIX_SERVER", env, 1);
    pthread_create(&f.thread, NULL, fake_main, &f);
    *state = &f;
    return 0;
}

/* Waits for the fake server to see the client go, and removes its socket. */
static int teardown(void **state)
{
    struct fake *f = *state;
    char path[64];
    pthread_join(f->thread, NULL);
    close(f->listen_fd);
    snprintf(path, sizeof(path), "%s/sock", f->dir);
    unlink(path);
    rmdir(f->dir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_scripted_session, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
