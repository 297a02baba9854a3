/*
 * test_reload.c — SIGHUP: tapixd reads its configuration again while clients stay connected.
 * A second sim instance added to the file appears to a connected client as LINE_CREATE (with
 * the client's own device ID, and not at all for a line its new [acl] hides) and goes again
 * with LINE_CLOSE and LINE_REMOVE when taken out; a new [acl] closes the opens it no longer
 * allows, takes hidden lines away (LINE_REMOVE) and shows new ones (LINE_CREATE); a bad new file (a
 * bad [acl] line, a provider that refuses its settings) is refused with file:line in the log and
 * the old configuration stays in force.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

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

/* Starts a server with configuration `text` as the test's state; asserts it listens. */
static struct raw_server *start_with(void **state, const char *text)
{
    struct raw_server *srv = calloc(1, sizeof(*srv));
    *state = srv;
    raw_server_prepare(srv, text);
    raw_server_spawn(srv);
    return srv;
}

/* cmocka teardown: stops the test's server (exit status 0 asserted). */
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

/* Matches an Event *arg (LINE_CREATE, LINE_REMOVE). */
static bool is_message(const struct proto_msg *msg, const void *arg)
{
    return msg->type == PROTO_EVENT && msg->event.message_id == *(const uint32_t *)arg;
}

/* Waits for message `id` and returns its dwParam1. */
static uint32_t device_message(struct raw_client *c, uint32_t id)
{
    struct proto_msg *msg = raw_take(c, is_message, &id);
    assert_non_null(msg);
    uint32_t param1 = (uint32_t)msg->event.param1;
    proto_msg_free(msg);
    return param1;
}

/* Asserts that no message `id` waits for `c`, after a moment for stragglers. */
static void assert_no_message(struct raw_client *c, uint32_t id)
{
    usleep(200 * 1000);
    assert_false(raw_queued(c, is_message, &id));
}

/* Connects a new client and returns the number of lines it is told of. */
static uint32_t count_lines(const struct raw_server *srv)
{
    struct raw_client c;
    uint32_t count;
    raw_connect(&c, srv->socket);
    t_init_n(&c, &count);
    raw_close(&c);
    return count;
}

/* Asserts the client's device `dev` answers lineGetAddressCaps with `rc` (and `want`). */
static void assert_address(struct raw_client *c, uint32_t happ, uint32_t dev, int32_t rc,
                           const char *want)
{
    char address[32];
    uint32_t id = 0;
    assert_int_equal(t_address(c, happ, dev, address, sizeof(address), &id), rc);
    if (rc == 0) {
        assert_string_equal(address, want);
        assert_int_equal(id, dev);
    }
}

/* A second sim instance comes with SIGHUP and goes with the next; its line 201, hidden by the
 * new [acl], never reaches the client; 202 is its line 4. */
static void test_sighup_add_remove(void **state)
{
    char text[1024];
    struct raw_server *srv = start_with(state, BASE);
    struct raw_client c;
    uint32_t count;
    raw_connect(&c, srv->socket);
    uint32_t happ = t_init_n(&c, &count);
    assert_int_equal(count, 4);

    snprintf(text, sizeof(text),
             BASE "[provider sim \"b\"]\n"
                  "extensions = 201-202\n"
                  "phone = no\n"
                  "[acl]\n"
                  "line.201 = own:nobody\n"
                  "default = own:%s\n",
             me());
    raw_server_write_config(srv, text);
    kill(srv->pid, SIGHUP);
    assert_int_equal(device_message(&c, LINE_CREATE), 4);
    assert_true(raw_server_logged(srv, "1 provider(s) started, 0 removed"));
    assert_no_message(&c, LINE_CREATE);
    assert_address(&c, happ, 4, 0, "202");
    assert_address(&c, happ, 5, LINEERR_BADDEVICEID, NULL);
    assert_int_equal(count_lines(srv), 5);
    uint32_t hline = t_open(&c, happ, 4, LINECALLPRIVILEGE_OWNER);

    raw_server_write_config(srv, BASE);
    kill(srv->pid, SIGHUP);
    struct proto_msg *closed = raw_event(&c, LINE_CLOSE, hline);
    assert_non_null(closed);
    proto_msg_free(closed);
    assert_int_equal(device_message(&c, LINE_REMOVE), 4);
    assert_true(raw_server_logged(srv, "0 provider(s) started, 1 removed"));
    assert_no_message(&c, LINE_REMOVE);
    assert_address(&c, happ, 4, LINEERR_NODEVICE, NULL);
    assert_address(&c, happ, 3, 0, "104");
    assert_int_equal(count_lines(srv), 4);
    raw_close(&c);
}

/* Matches the Event *arg (LINE_CLOSE) on the HLINE arg[1]. */
static bool is_message_on(const struct proto_msg *msg, const void *arg)
{
    const uint32_t *want = arg;
    return msg->type == PROTO_EVENT && msg->event.message_id == want[0] &&
           msg->event.h_device == want[1];
}

/* The [acl] changes under a connected client: its monitor open of 102, which it may now only
 * see, is closed; 103, now hidden, is removed; its owner open of 101 stays. Without [acl] again,
 * 103 comes back under a new ID. */
static void test_sighup_acl_change(void **state)
{
    char text[1024];
    struct raw_server *srv = start_with(state, BASE);
    struct raw_client c;
    uint32_t count;
    raw_connect(&c, srv->socket);
    uint32_t happ = t_init_n(&c, &count);
    assert_int_equal(count, 4);
    uint32_t owned = t_open(&c, happ, 0, LINECALLPRIVILEGE_OWNER);
    uint32_t watched = t_open(&c, happ, 1, LINECALLPRIVILEGE_MONITOR);

    snprintf(text, sizeof(text),
             BASE "[acl]\nline.* = own:%s\nline.102 = see:%s\nline.103 = own:nobody\n", me(), me());
    raw_server_write_config(srv, text);
    kill(srv->pid, SIGHUP);
    uint32_t closed[] = {LINE_CLOSE, watched};
    struct proto_msg *msg = raw_take(&c, is_message_on, closed);
    assert_non_null(msg);
    proto_msg_free(msg);
    assert_int_equal(device_message(&c, LINE_REMOVE), 2);
    assert_true(raw_server_logged(srv, "0 provider(s) started, 0 removed"));
    uint32_t kept[] = {LINE_CLOSE, owned};
    assert_false(raw_queued(&c, is_message_on, kept));
    assert_address(&c, happ, 2, LINEERR_BADDEVICEID, NULL);
    assert_address(&c, happ, 3, 0, "104");
    uint32_t hline;
    assert_int_equal(t_open_rc(&c, happ, 1, LINECALLPRIVILEGE_MONITOR, &hline),
                     LINEERR_INVALPRIVSELECT);
    assert_int_equal(count_lines(srv), 3);
    uint32_t hcall = t_make_call(&c, owned, "5550100");
    raw_callstate(&c, hcall, LINECALLSTATE_CONNECTED);

    raw_server_write_config(srv, BASE);
    kill(srv->pid, SIGHUP);
    assert_int_equal(device_message(&c, LINE_CREATE), 4);
    assert_address(&c, happ, 4, 0, "103");
    assert_address(&c, happ, 2, LINEERR_BADDEVICEID, NULL);
    t_drop_or_answer(&c, PROTO_FN_lineDrop, hcall);
    raw_callstate(&c, hcall, LINECALLSTATE_IDLE);
    raw_close(&c);
}

/* A bad [acl] line and a provider that refuses its settings: each new file is refused with
 * file:line, and the old configuration (line 102 hidden, no third provider) stays. */
static void test_sighup_bad_file(void **state)
{
    char text[1024], expected[256];
    snprintf(text, sizeof(text), BASE "[acl]\nline.* = own:%s\nline.102 = own:nobody\n", me());
    struct raw_server *srv = start_with(state, text);
    struct raw_client c;
    uint32_t count;
    raw_connect(&c, srv->socket);
    uint32_t happ = t_init_n(&c, &count);
    assert_int_equal(count, 3);

    snprintf(text, sizeof(text), BASE "[acl]\nline.* = own:%s\nline.102 = own:nosuch-tapix\n",
             me());
    raw_server_write_config(srv, text);
    kill(srv->pid, SIGHUP);
    snprintf(expected, sizeof(expected),
             "configuration refused, the old one stays: %s:7: [acl] line.102: unknown user",
             srv->config);
    assert_true(raw_server_logged(srv, expected));
    assert_int_equal(count_lines(srv), 3);
    assert_address(&c, happ, 1, 0, "103");

    snprintf(text, sizeof(text),
             BASE "[acl]\nline.* = own:%s\nline.102 = own:nobody\n"
                  "[provider sim \"c\"]\nextensions = 301\nbogus = 1\n",
             me());
    raw_server_write_config(srv, text);
    kill(srv->pid, SIGHUP);
    snprintf(expected, sizeof(expected), "the old one stays: %s:8: [provider sim]", srv->config);
    assert_true(raw_server_logged(srv, expected));
    snprintf(expected, sizeof(expected), "%s:10: key 'bogus'", srv->config);
    assert_true(raw_server_logged(srv, expected));
    assert_no_message(&c, LINE_CREATE);
    assert_int_equal(count_lines(srv), 3);
    assert_address(&c, happ, 2, 0, "104");
    raw_close(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_sighup_add_remove, stop),
        cmocka_unit_test_teardown(test_sighup_acl_change, stop),
        cmocka_unit_test_teardown(test_sighup_bad_file, stop),
    };
    signal(SIGPIPE, SIG_IGN);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
