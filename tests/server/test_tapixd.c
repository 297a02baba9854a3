/*
 * test_tapixd.c — tapixd as a real process, spoken to with raw frames (rawclient.h): the
 * handshake and version refusal, a call's whole cycle with its reply outputs and call states,
 * gathered digits delivered with their Event,
 * an owner and a monitor in two connections, SO_PEERCRED in the log, malformed and oversized
 * frames that close only their own connection, a client killed mid-call, SIGTERM, and the
 * socket file (a live one kept, a stale one replaced). Each
 * test starts its own server and stops it (SIGTERM, exit status 0, socket removed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <tapix/tapi.h>

#include "rawclient.h"
#include "tcalls.h"

/* ---- fixtures ----------------------------------------------------------------------------- */

static int start_server(void **state)
{
    struct raw_server *srv = calloc(1, sizeof(*srv));
    raw_server_start(srv);
    *state = srv;
    return 0;
}

static int stop_server(void **state)
{
    struct raw_server *srv = *state;
    if (srv->pid > 0) {
        int status = raw_server_stop(srv);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    free(srv);
    return 0;
}

/* ---- tests -------------------------------------------------------------------------------- */

/* Welcome for a shared version, with the functions the server runs; Bye(2) for no shared
 * version, Bye(1) for another structure layout; the peer's identity logged. */
static void test_handshake(void **state)
{
    struct raw_server *srv = *state;
    struct raw_client c, old, alien;
    char identity[96];

    raw_connect(&c, srv->socket);
    struct proto_msg *welcome = raw_hello(&c, 1, 7, PROTO_ABI);
    assert_non_null(welcome);
    assert_int_equal(welcome->type, PROTO_WELCOME);
    assert_int_equal(welcome->welcome.version, 1);
    bool make_call = false, get_message = false;
    for (size_t i = 0; i < welcome->welcome.n_functions; i++) {
        make_call |= welcome->welcome.functions[i] == PROTO_FN_lineMakeCall;
        get_message |= welcome->welcome.functions[i] == PROTO_FN_lineGetMessage;
    }
    assert_true(make_call);
    assert_false(get_message);
    proto_msg_free(welcome);
    snprintf(identity, sizeof(identity), "pid %d uid %u gid %u", (int)getpid(), (unsigned)getuid(),
             (unsigned)getgid());
    assert_true(raw_server_logged(srv, identity));

    raw_connect(&old, srv->socket);
    struct proto_msg *bye = raw_hello(&old, 2, 3, PROTO_ABI);
    assert_non_null(bye);
    assert_int_equal(bye->type, PROTO_BYE);
    assert_int_equal(bye->bye.reason, PROTO_BYE_NO_VERSION);
    proto_msg_free(bye);
    assert_true(raw_closed(&old));

    raw_connect(&alien, srv->socket);
    bye = raw_hello(&alien, 1, 1, "ilp32-be");
    assert_non_null(bye);
    assert_int_equal(bye->type, PROTO_BYE);
    assert_int_equal(bye->bye.reason, PROTO_BYE_PROTOCOL_ERROR);
    proto_msg_free(bye);
    assert_true(raw_closed(&alien));

    /* A Call before Hello breaks the protocol. */
    struct raw_client rude;
    raw_connect(&rude, srv->socket);
    struct proto_value none[] = {raw_dword(1)};
    struct proto_msg call = {.type = PROTO_CALL};
    call.call.seq = 1;
    call.call.function = PROTO_FN_lineShutdown;
    call.call.args.n = 1;
    call.call.args.v[0] = none[0];
    raw_send(&rude, &call);
    assert_int_equal(raw_bye(&rude), PROTO_BYE_PROTOCOL_ERROR);
    assert_true(raw_closed(&rude));
    raw_close(&rude);

    raw_close(&old);
    raw_close(&alien);
    raw_close(&c);
}

/* lineInitializeEx → lineGetDevCaps → lineOpen → lineMakeCall (its reply carries the HCALL)
 * → call states up to CONNECTED → lineDrop → IDLE → lineDeallocateCall → close, shutdown. */
static void test_call_cycle(void **state)
{
    struct raw_server *srv = *state;
    struct raw_client c;
    raw_connect(&c, srv->socket);
    uint32_t happ = t_init(&c);
    t_devcaps_ok(&c, happ);
    uint32_t hline = t_open(&c, happ, 0, LINECALLPRIVILEGE_OWNER);
    uint32_t hcall = t_make_call(&c, hline, "5550100");
    raw_callstate(&c, hcall, LINECALLSTATE_DIALING);
    raw_callstate(&c, hcall, LINECALLSTATE_CONNECTED);
    /* User-user information shorter than its dwSize says: refused before the core reads it. */
    struct proto_value short_uui[] = {raw_dword(hcall),
                                      {.kind = PROTO_V_BLOB, .data = {(const uint8_t *)"hi", 2}},
                                      raw_dword(4096)};
    struct proto_msg *res = raw_call(&c, PROTO_FN_lineDrop, short_uui, 3);
    assert_int_equal(res->result.result, LINEERR_INVALPOINTER);
    proto_msg_free(res);
    t_drop_or_answer(&c, PROTO_FN_lineDrop, hcall);
    raw_callstate(&c, hcall, LINECALLSTATE_IDLE);
    assert_int_equal(t_call1(&c, PROTO_FN_lineDeallocateCall, hcall), 0);
    assert_int_equal(t_call1(&c, PROTO_FN_lineDeallocateCall, hcall), LINEERR_INVALCALLHANDLE);
    assert_int_equal(t_call1(&c, PROTO_FN_lineClose, hline), 0);
    assert_int_equal(t_call1(&c, PROTO_FN_lineShutdown, happ), 0);
    assert_int_equal(t_call1(&c, PROTO_FN_lineShutdown, happ), LINEERR_INVALAPPHANDLE);
    raw_close(&c);
}

/* lineGatherDigits: the Result carries nothing, the LINE_GATHERDIGITS Event the digits. */
static void test_gather_digits(void **state)
{
    struct raw_server *srv = *state;
    struct raw_client c;
    raw_connect(&c, srv->socket);
    uint32_t happ = t_init(&c);
    uint32_t hline = t_open(&c, happ, 0, LINECALLPRIVILEGE_OWNER);
    uint32_t hcall = t_make_call(&c, hline, "5550144");
    raw_callstate(&c, hcall, LINECALLSTATE_CONNECTED);
    struct proto_value args[] = {raw_dword(hcall), raw_dword(LINEDIGITMODE_DTMF),
                                 raw_out(8),       raw_dword(8),
                                 raw_string("#"),  raw_dword(0),
                                 raw_dword(0)};
    struct proto_msg *res = raw_call(&c, PROTO_FN_lineGatherDigits, args, 7);
    assert_int_equal(res->result.result, 0);
    assert_int_equal(res->result.outs.n, 0);
    proto_msg_free(res);
    struct proto_msg *ev = raw_event(&c, LINE_GATHERDIGITS, hcall);
    assert_non_null(ev);
    assert_int_equal(ev->event.param1, LINEGATHERTERM_TERMDIGIT);
    assert_int_equal(ev->event.outs.n, 1);
    assert_int_equal(ev->event.outs.v[0].kind, PROTO_V_BLOB);
    assert_int_equal(ev->event.outs.v[0].data.len, 8);
    assert_memory_equal(ev->event.outs.v[0].data.data, "42#", 3);
    proto_msg_free(ev);
    t_drop_or_answer(&c, PROTO_FN_lineDrop, hcall);
    raw_callstate(&c, hcall, LINECALLSTATE_IDLE);
    raw_close(&c);
}

/* Two clients: one owns both ends and answers; the other monitors the called line and sees
 * every state of the call. */
static void test_owner_and_monitor(void **state)
{
    struct raw_server *srv = *state;
    struct raw_client owner, monitor;
    raw_connect(&owner, srv->socket);
    raw_connect(&monitor, srv->socket);
    uint32_t happ = t_init(&owner), mapp = t_init(&monitor);
    uint32_t caller = t_open(&owner, happ, 0, LINECALLPRIVILEGE_OWNER);
    uint32_t callee = t_open(&owner, happ, 1, LINECALLPRIVILEGE_OWNER);
    uint32_t watched = t_open(&monitor, mapp, 1, LINECALLPRIVILEGE_MONITOR);

    uint32_t out = t_make_call(&owner, caller, "102");
    uint32_t in = t_incoming(&owner, callee);
    raw_callstate(&owner, in, LINECALLSTATE_OFFERING);
    t_drop_or_answer(&owner, PROTO_FN_lineAnswer, in);
    raw_callstate(&owner, in, LINECALLSTATE_CONNECTED);
    raw_callstate(&owner, out, LINECALLSTATE_CONNECTED);

    /* Each client acts on its own handles only: the others' do not exist for it. */
    assert_int_equal(t_call1(&monitor, PROTO_FN_lineDeallocateCall, out), LINEERR_INVALCALLHANDLE);
    assert_int_equal(t_call1(&monitor, PROTO_FN_lineClose, caller), LINEERR_INVALLINEHANDLE);
    assert_int_equal(t_call1(&monitor, PROTO_FN_lineShutdown, happ), LINEERR_INVALAPPHANDLE);

    uint32_t seen = t_incoming(&monitor, watched);
    raw_callstate(&monitor, seen, LINECALLSTATE_OFFERING);
    raw_callstate(&monitor, seen, LINECALLSTATE_CONNECTED);

    t_drop_or_answer(&owner, PROTO_FN_lineDrop, out);
    raw_callstate(&owner, in, LINECALLSTATE_DISCONNECTED);
    raw_callstate(&monitor, seen, LINECALLSTATE_DISCONNECTED);
    t_drop_or_answer(&owner, PROTO_FN_lineDrop, in);
    raw_callstate(&monitor, seen, LINECALLSTATE_IDLE);
    assert_int_equal(t_call1(&monitor, PROTO_FN_lineDeallocateCall, seen), 0);
    raw_close(&monitor);
    raw_close(&owner);
}

/* A malformed frame and an oversized one each close their own connection, with one log line
 * naming the frame and the peer; another client carries on. */
static void test_bad_frames(void **state)
{
    struct raw_server *srv = *state;
    struct raw_client good, bad, huge;
    char line[96];
    raw_connect(&good, srv->socket);
    uint32_t happ = t_init(&good);

    raw_connect(&bad, srv->socket);
    struct proto_msg *welcome = raw_hello(&bad, 1, 1, PROTO_ABI);
    assert_non_null(welcome);
    proto_msg_free(welcome);
    static const uint8_t garbage[] = {0, 0, 0, 5, 0xff, 0xff, 0xff, 0xff, 0xff};
    raw_write(&bad, garbage, sizeof(garbage));
    assert_int_equal(raw_bye(&bad), PROTO_BYE_PROTOCOL_ERROR);
    assert_true(raw_closed(&bad));
    snprintf(line, sizeof(line), "frame 2 from pid %d: ", (int)getpid());
    assert_true(raw_server_logged(srv, line));

    raw_connect(&huge, srv->socket);
    static const uint8_t oversized[] = {0x7f, 0xff, 0xff, 0xff, 1, 2, 3};
    raw_write(&huge, oversized, sizeof(oversized));
    assert_int_equal(raw_bye(&huge), PROTO_BYE_PROTOCOL_ERROR);
    assert_true(raw_closed(&huge));
    snprintf(line, sizeof(line), "frame 1 from pid %d: ", (int)getpid());
    assert_true(raw_server_logged(srv, line));

    t_devcaps_ok(&good, happ);
    uint32_t hline = t_open(&good, happ, 2, LINECALLPRIVILEGE_OWNER);
    assert_int_equal(t_call1(&good, PROTO_FN_lineClose, hline), 0);
    raw_close(&huge);
    raw_close(&bad);
    raw_close(&good);
}

/* In a child process: connects, calls extension 102, reports the connected call on `report`,
 * and waits to be killed. */
static void victim(const char *socket, int report)
{
    struct raw_client c;
    raw_connect(&c, socket);
    uint32_t happ = t_init(&c);
    uint32_t hline = t_open(&c, happ, 0, LINECALLPRIVILEGE_OWNER);
    uint32_t hcall = t_make_call(&c, hline, "102");
    raw_callstate(&c, hcall, LINECALLSTATE_CONNECTED);
    assert_int_equal(write(report, &hcall, sizeof(hcall)), (ssize_t)sizeof(hcall));
    for (;;)
        pause();
}

/* A client killed mid-call: its call is closed (the far end sees it disconnect), the server
 * carries on and serves a new client on the same line. */
static void test_client_killed(void **state)
{
    struct raw_server *srv = *state;
    struct raw_client other;
    int report[2];
    raw_connect(&other, srv->socket);
    uint32_t happ = t_init(&other);
    uint32_t callee = t_open(&other, happ, 1, LINECALLPRIVILEGE_OWNER);

    assert_int_equal(pipe(report), 0);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        close(report[0]);
        victim(srv->socket, report[1]);
    }
    close(report[1]);
    uint32_t in = t_incoming(&other, callee);
    t_drop_or_answer(&other, PROTO_FN_lineAnswer, in);
    raw_callstate(&other, in, LINECALLSTATE_CONNECTED);
    uint32_t victim_call;
    assert_int_equal(read(report[0], &victim_call, sizeof(victim_call)),
                     (ssize_t)sizeof(victim_call));
    close(report[0]);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);

    raw_callstate(&other, in, LINECALLSTATE_DISCONNECTED);
    assert_true(raw_server_logged(srv, "disconnected"));
    t_drop_or_answer(&other, PROTO_FN_lineDrop, in);
    raw_callstate(&other, in, LINECALLSTATE_IDLE);
    assert_int_equal(t_call1(&other, PROTO_FN_lineDeallocateCall, in), 0);

    uint32_t caller = t_open(&other, happ, 0, LINECALLPRIVILEGE_OWNER);
    uint32_t again = t_make_call(&other, caller, "5550100");
    raw_callstate(&other, again, LINECALLSTATE_CONNECTED);
    raw_close(&other);
}

/* SIGTERM: the client gets LINE_CLOSE for its open line and Bye(3); the server exits 0 and
 * removes its socket. */
static void test_sigterm(void **state)
{
    struct raw_server *srv = *state;
    struct raw_client c;
    raw_connect(&c, srv->socket);
    uint32_t happ = t_init(&c);
    uint32_t hline = t_open(&c, happ, 0, LINECALLPRIVILEGE_OWNER);
    uint32_t hcall = t_make_call(&c, hline, "5550100");
    raw_callstate(&c, hcall, LINECALLSTATE_CONNECTED);

    kill(srv->pid, SIGTERM);
    struct proto_msg *close_msg = raw_event(&c, LINE_CLOSE, hline);
    assert_non_null(close_msg);
    assert_int_equal(close_msg->event.callback_instance, 0x1234500000000ull);
    proto_msg_free(close_msg);
    assert_int_equal(raw_bye(&c), PROTO_BYE_SHUTDOWN);
    assert_true(raw_closed(&c));
    raw_close(&c);
    assert_true(raw_server_logged(srv, "core stopped")); /* the providers are shut down */

    int status = raw_server_stop(srv);
    srv->pid = 0;
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* A second server on a live socket refuses to start; the socket file a killed server left
 * behind is recognized as stale and replaced. */
static void test_socket_file(void **state)
{
    struct raw_server *srv = *state;
    int status = raw_server_run(srv);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 1);
    assert_true(raw_server_logged(srv, "another server listens on"));
    struct raw_client c;
    raw_connect(&c, srv->socket);
    t_devcaps_ok(&c, t_init(&c));
    raw_close(&c);

    kill(srv->pid, SIGKILL);
    waitpid(srv->pid, NULL, 0);
    assert_int_equal(access(srv->socket, F_OK), 0); /* left behind */
    raw_server_spawn(srv);
    assert_true(raw_server_logged(srv, "removing the stale socket"));
    raw_connect(&c, srv->socket);
    t_devcaps_ok(&c, t_init(&c));
    raw_close(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_handshake, start_server, stop_server),
        cmocka_unit_test_setup_teardown(test_call_cycle, start_server, stop_server),
        cmocka_unit_test_setup_teardown(test_gather_digits, start_server, stop_server),
        cmocka_unit_test_setup_teardown(test_owner_and_monitor, start_server, stop_server),
        cmocka_unit_test_setup_teardown(test_bad_frames, start_server, stop_server),
        cmocka_unit_test_setup_teardown(test_client_killed, start_server, stop_server),
        cmocka_unit_test_setup_teardown(test_sigterm, start_server, stop_server),
        cmocka_unit_test_setup_teardown(test_socket_file, start_server, stop_server),
    };
    signal(SIGPIPE, SIG_IGN);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
