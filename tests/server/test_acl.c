/*
 * test_acl.c — tapixd's access-control list, with real processes and raw frames: a hidden line
 * does not exist for a client (its device count and IDs are remapped, in outputs too), a
 * monitor-only line refuses OWNER, a line the client may only see gives it no calls, no [acl]
 * allows everything, phones are held to their own rules (by device ID and by name) and
 * numbered apart, and each bad [acl] line fails the start naming file:line. The server
 * runs as the test's own user; the configurations name that user, its group and "nobody".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <tapix/tapi.h>

#include "rawclient.h"
#include "tcalls.h"

/* The switch of every test: lines 101-104 (core device IDs 0-3). Lines 1-4 of the file. */
#define BASE                                                                                       \
    "[provider sim]\n"                                                                             \
    "extensions = 101-104\n"                                                                       \
    "outside.default = answer 0\n"                                                                 \
    "noanswer_timeout = 1500\n"

/* The test's user name. */
static const char *me(void)
{
    struct passwd *pw = getpwuid(getuid());
    assert_non_null(pw);
    return pw->pw_name;
}

/* The name of the test's primary group. */
static const char *my_group(void)
{
    struct group *gr = getgrgid(getgid());
    assert_non_null(gr);
    return gr->gr_name;
}

/* Starts a server with configuration `text` as the test's state; asserts it listens. */
static struct raw_server *start_with(void **state, const char *text)
{
    struct raw_server *srv = calloc(1, sizeof(*srv));
    *state = srv;
    raw_server_prepare(srv, text);
    raw_server_spawn(srv);
    return srv;
}

/* cmocka teardown: stops the test's server, if it started one (exit status 0 asserted). */
static int stop(void **state)
{
    struct raw_server *srv = *state;
    if (srv && srv->pid > 0) {
        int status = raw_server_stop(srv);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    free(srv);
    *state = NULL;
    return 0;
}

/* Matches LINE_APPNEWCALL on the HLINE *arg. */
static bool is_new_call_on(const struct proto_msg *msg, const void *arg)
{
    return msg->type == PROTO_EVENT && msg->event.message_id == LINE_APPNEWCALL &&
           msg->event.h_device == *(const uint32_t *)arg;
}

/* The dwLineDeviceID of lineGetCallInfo for `hcall`. */
static uint32_t call_line_id(struct raw_client *c, uint32_t hcall)
{
    struct proto_value args[] = {raw_dword(hcall), raw_out(4096)};
    struct proto_msg *res = raw_call(c, PROTO_FN_lineGetCallInfo, args, 2);
    assert_int_equal(res->result.result, 0);
    LINECALLINFO info;
    assert_true(res->result.outs.v[0].data.len >= offsetof(LINECALLINFO, dwAddressID));
    memcpy(&info, res->result.outs.v[0].data.data, offsetof(LINECALLINFO, dwAddressID));
    proto_msg_free(res);
    return info.dwLineDeviceID;
}

/* lineGetID(hline, `cls`): the device ID it gives, asserted to succeed. */
static uint32_t line_get_id_of(struct raw_client *c, uint32_t hline, const char *cls)
{
    struct proto_value args[] = {raw_dword(hline), raw_dword(0),
                                 raw_dword(0),     raw_dword(LINECALLSELECT_LINE),
                                 raw_out(256),     raw_string(cls)};
    struct proto_msg *res = raw_call(c, PROTO_FN_lineGetID, args, 6);
    assert_int_equal(res->result.result, 0);
    VARSTRING vs;
    const struct proto_value *v = &res->result.outs.v[0];
    assert_true(v->data.len >= sizeof(vs));
    memcpy(&vs, v->data.data, sizeof(vs));
    assert_true(vs.dwStringSize >= 4 && vs.dwStringOffset + 4 <= v->data.len);
    uint32_t id;
    memcpy(&id, v->data.data + vs.dwStringOffset, sizeof(id));
    proto_msg_free(res);
    return id;
}

/* lineGetID(hline, "tapi/line"). */
static uint32_t line_get_id(struct raw_client *c, uint32_t hline)
{
    return line_get_id_of(c, hline, "tapi/line");
}

/* lineGetID(hline, "tapi/phone")'s result. */
static int32_t line_get_phone_rc(struct raw_client *c, uint32_t hline)
{
    struct proto_value args[] = {raw_dword(hline), raw_dword(0),
                                 raw_dword(0),     raw_dword(LINECALLSELECT_LINE),
                                 raw_out(256),     raw_string("tapi/phone")};
    struct proto_msg *res = raw_call(c, PROTO_FN_lineGetID, args, 6);
    int32_t rc = res->result.result;
    proto_msg_free(res);
    return rc;
}

/* phoneInitializeEx on a client that said hello; returns its HPHONEAPP, the number of phones
 * in *count. */
static uint32_t phone_init(struct raw_client *c, uint32_t *count)
{
    PHONEINITIALIZEEXPARAMS params = {.dwTotalSize = sizeof(params),
                                      .dwOptions = PHONEINITIALIZEEXOPTION_USEEVENT};
    struct proto_value args[] = {raw_out(4),
                                 raw_absent(),
                                 raw_absent(),
                                 raw_string("phones"),
                                 raw_out(4),
                                 raw_dword(API_VERSION),
                                 raw_varstruct(&params, sizeof(params))};
    struct proto_msg *res = raw_call(c, PROTO_FN_phoneInitializeEx, args, 7);
    assert_int_equal(res->result.result, 0);
    uint32_t happ = res->result.outs.v[0].dword;
    *count = res->result.outs.v[1].dword;
    proto_msg_free(res);
    return happ;
}

/* phoneOpen of the client's phone `dev` with `privilege`; its result. */
static int32_t phone_open_rc(struct raw_client *c, uint32_t happ, uint32_t dev, uint32_t privilege)
{
    struct proto_value args[] = {raw_dword(happ),        raw_dword(dev), raw_out(4),
                                 raw_dword(API_VERSION), raw_dword(0),   raw_ptr(7),
                                 raw_dword(privilege)};
    struct proto_msg *res = raw_call(c, PROTO_FN_phoneOpen, args, 7);
    int32_t rc = res->result.result;
    proto_msg_free(res);
    return rc;
}

/* A one-HLINE function (lineMakeCall's kind) refused on `hline`: its result. */
static int32_t make_call_rc(struct raw_client *c, uint32_t hline)
{
    struct proto_value args[] = {raw_dword(hline), raw_out(4), raw_string("102"), raw_dword(0),
                                 raw_absent()};
    struct proto_msg *res = raw_call(c, PROTO_FN_lineMakeCall, args, 5);
    int32_t rc = res->result.result;
    proto_msg_free(res);
    return rc;
}

/* lineGetNewCalls on `hline`: its result. */
static int32_t get_new_calls_rc(struct raw_client *c, uint32_t hline)
{
    struct proto_value args[] = {raw_dword(hline), raw_dword(0), raw_dword(LINECALLSELECT_LINE),
                                 raw_out(1024)};
    struct proto_msg *res = raw_call(c, PROTO_FN_lineGetNewCalls, args, 4);
    int32_t rc = res->result.result;
    proto_msg_free(res);
    return rc;
}

/* Asserts the client's device `dev` has address `want` and reports itself as `dev`. */
static void assert_address(struct raw_client *c, uint32_t happ, uint32_t dev, const char *want)
{
    char address[32];
    uint32_t id = 0xFFFFFFFFu;
    assert_int_equal(t_address(c, happ, dev, address, sizeof(address), &id), 0);
    assert_string_equal(address, want);
    assert_int_equal(id, dev);
}

/* Line 102 hidden, 103 (by device ID) only seen by the test's group, 104 only monitored: the
 * client has three lines, 0-2 = 101, 103, 104, and each right is held to. */
static void test_acl_rights(void **state)
{
    char text[1024];
    snprintf(text, sizeof(text),
             BASE "[acl]\n"
                  "line.* = own:%s\n"
                  "line.102 = own:nobody\n"
                  "line.#2 = see:@%s\n"
                  "line.104 = monitor:%s own:nobody\n"
                  "phone.* = see:*\n",
             me(), my_group(), me());
    struct raw_server *srv = start_with(state, text);
    struct raw_client c;
    uint32_t count, hline;
    raw_connect(&c, srv->socket);
    uint32_t happ = t_init_n(&c, &count);
    assert_int_equal(count, 3);
    assert_true(raw_server_logged(srv, "access-control list in force"));
    assert_address(&c, happ, 0, "101");
    assert_address(&c, happ, 1, "103");
    assert_address(&c, happ, 2, "104");
    char address[32];
    uint32_t id;
    assert_int_equal(t_address(&c, happ, 3, address, sizeof(address), &id), LINEERR_BADDEVICEID);
    assert_int_equal(t_open_rc(&c, happ, 3, LINECALLPRIVILEGE_NONE, &hline), LINEERR_BADDEVICEID);

    /* 104: monitor, not own. 103: see only. */
    assert_int_equal(t_open_rc(&c, happ, 2, LINECALLPRIVILEGE_OWNER, &hline),
                     LINEERR_INVALPRIVSELECT);
    uint32_t watch = t_open(&c, happ, 2, LINECALLPRIVILEGE_MONITOR);
    assert_int_equal(t_open_rc(&c, happ, 1, LINECALLPRIVILEGE_MONITOR, &hline),
                     LINEERR_INVALPRIVSELECT);
    assert_int_equal(
        t_open_rc(&c, happ, 1, LINECALLPRIVILEGE_OWNER | LINECALLPRIVILEGE_MONITOR, &hline),
        LINEERR_INVALPRIVSELECT);
    uint32_t seen = t_open(&c, happ, 1, LINECALLPRIVILEGE_NONE);
    assert_int_equal(make_call_rc(&c, seen), LINEERR_OPERATIONFAILED);
    assert_int_equal(get_new_calls_rc(&c, seen), LINEERR_OPERATIONFAILED);
    assert_int_equal(make_call_rc(&c, watch), LINEERR_OPERATIONFAILED);
    assert_int_equal(line_get_id(&c, watch), 2);

    /* A call to 103 is not given to the client; one to 104 is, as a monitor, on its line 2. */
    uint32_t owner = t_open(&c, happ, 0, LINECALLPRIVILEGE_OWNER);
    uint32_t to_seen = t_make_call(&c, owner, "103");
    raw_callstate(&c, to_seen, LINECALLSTATE_RINGBACK);
    t_drop_or_answer(&c, PROTO_FN_lineDrop, to_seen);
    raw_callstate(&c, to_seen, LINECALLSTATE_IDLE);
    assert_int_equal(t_call1(&c, PROTO_FN_lineDeallocateCall, to_seen), 0);
    uint32_t to_watched = t_make_call(&c, owner, "104");
    uint32_t monitored = t_incoming(&c, watch);
    assert_int_equal(call_line_id(&c, monitored), 2);
    assert_int_equal(call_line_id(&c, to_watched), 0);
    assert_false(raw_queued(&c, is_new_call_on, &seen));
    t_drop_or_answer(&c, PROTO_FN_lineDrop, to_watched);
    raw_callstate(&c, monitored, LINECALLSTATE_DISCONNECTED);
    assert_false(raw_queued(&c, is_new_call_on, &seen));
    raw_close(&c);
}

/* Phones: 102's phone (device 1) hidden, 104's owned by name, the others only monitored: the
 * client has three phones, 0-2 = those of 101, 103, 104, and lineGetID("tapi/phone") speaks
 * of them in the client's numbering. */
static void test_acl_phones(void **state)
{
    char text[1024];
    snprintf(text, sizeof(text),
             BASE "[acl]\n"
                  "line.* = own:%s\n"
                  "phone.* = monitor:*\n"
                  "phone.#1 = own:nobody\n"
                  "phone.Extension 104 = own:%s\n",
             me(), me());
    struct raw_server *srv = start_with(state, text);
    struct raw_client c;
    uint32_t lines, phones;
    raw_connect(&c, srv->socket);
    uint32_t lapp = t_init_n(&c, &lines);
    assert_int_equal(lines, 4);
    uint32_t papp = phone_init(&c, &phones);
    assert_int_equal(phones, 3);
    assert_int_equal(phone_open_rc(&c, papp, 0, PHONEPRIVILEGE_OWNER), PHONEERR_INVALPRIVILEGE);
    assert_int_equal(phone_open_rc(&c, papp, 0, PHONEPRIVILEGE_MONITOR), 0);
    assert_int_equal(phone_open_rc(&c, papp, 2, PHONEPRIVILEGE_OWNER), 0);
    assert_int_equal(phone_open_rc(&c, papp, 3, PHONEPRIVILEGE_MONITOR), PHONEERR_BADDEVICEID);
    uint32_t line104 = t_open(&c, lapp, 3, LINECALLPRIVILEGE_NONE);
    assert_int_equal(line_get_id_of(&c, line104, "tapi/phone"), 2);
    uint32_t line102 = t_open(&c, lapp, 1, LINECALLPRIVILEGE_NONE);
    assert_int_equal(line_get_phone_rc(&c, line102), LINEERR_OPERATIONFAILED);
    raw_close(&c);
}

/* No [acl]: every line is there for a local client, under the core's own IDs, and each may be
 * owned. */
static void test_acl_default_allow(void **state)
{
    struct raw_server *srv = start_with(state, BASE);
    struct raw_client c;
    uint32_t count;
    raw_connect(&c, srv->socket);
    uint32_t happ = t_init_n(&c, &count);
    assert_int_equal(count, 4);
    assert_true(raw_server_logged(srv, "no [acl]: local clients may see, monitor and own"));
    assert_address(&c, happ, 1, "102");
    assert_address(&c, happ, 3, "104");
    uint32_t hline = t_open(&c, happ, 3, LINECALLPRIVILEGE_OWNER | LINECALLPRIVILEGE_MONITOR);
    assert_int_equal(t_call1(&c, PROTO_FN_lineClose, hline), 0);
    raw_close(&c);
}

/* Starts a server on BASE + "[acl]\n" + `acl` (its lines from 7 on) and asserts it fails with
 * `want` (a printf format given the file's path) in its log. */
static void assert_refused(const char *acl, const char *want)
{
    char text[1024], expected[512];
    struct raw_server srv;
    memset(&srv, 0, sizeof(srv));
    snprintf(text, sizeof(text), BASE "\n[acl]\n%s", acl);
    raw_server_prepare(&srv, text);
    int status = raw_server_run(&srv);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 1);
    snprintf(expected, sizeof(expected), want, srv.config);
    if (!raw_server_logged(&srv, expected))
        fail_msg("expected \"%s\" in the log", expected);
    raw_server_cleanup(&srv);
}

/* Each bad [acl] line fails the start with file:line and what is wrong. */
static void test_acl_bad_lines(void **state)
{
    char text[256];
    (void)state;
    snprintf(text, sizeof(text), "lines.101 = own:%s\n", me());
    assert_refused(text, "%s:7: [acl]: unknown key 'lines.101'");
    assert_refused("line.# = see:*\n", "%s:7: [acl]: unknown key 'line.#'");
    assert_refused("line.101 = own:nosuch-tapix-user\n",
                   "%s:7: [acl] line.101: unknown user 'nosuch-tapix-user'");
    assert_refused("default = see:*\nphone.* = see:@nosuch-tapix-group\n",
                   "%s:8: [acl] phone.*: unknown group 'nosuch-tapix-group'");
    snprintf(text, sizeof(text), "line.101 = watch:%s\n", me());
    assert_refused(text, "%s:7: [acl] line.101: 'watch:");
    assert_refused("line.101 = own:\n", "%s:7: [acl] line.101: 'own:': no user or group");
    assert_refused("line.* = see:*\n; a comment\nLINE.* = own:nobody\n",
                   "%s:9: [acl] key 'LINE.*' was already given on line 7");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_acl_rights, stop),
        cmocka_unit_test_teardown(test_acl_phones, stop),
        cmocka_unit_test_teardown(test_acl_default_allow, stop),
        cmocka_unit_test(test_acl_bad_lines),
    };
    signal(SIGPIPE, SIG_IGN);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
