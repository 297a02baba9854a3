/*
 * test_client_route.c — libtapix's index of applications, opens and call handles, without a
 * server: Events of two applications sharing one connection reach the application whose open
 * token they carry; the call handles an application's messages name are found by handle
 * (client_app_of_handle) and forgotten when lineDeallocateCall succeeds, when their line closes
 * (lineClose or LINE_CLOSE) and when the application shuts down; a failed lineDeallocateCall
 * forgets nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "client.h"

#define HAPP1    0x101
#define HAPP2    0x102
#define HLINE1   0x201
#define HLINE2   0x202
#define INSTANCE 0x1234

/* A connection no server is behind: the index only compares its address. */
static struct client_conn conn;

/* Opens a line for application `app` as lineOpen's Result `hline` would, and returns the token
 * its Events carry. */
static uint64_t open_line(DWORD app, DWORD hline)
{
    const struct client_fn *fn = client_fn_find(PROTO_FN_lineOpen);
    DWORD out = hline;
    union client_arg a[PROTO_MAX_VALUES] = {{.d = app}};
    a[2].ptr = &out;
    a[5].p = INSTANCE;
    client_route_before(fn, a);
    struct client_wait w = {.conn = &conn, .fn = fn, .a = a, .result = 0};
    client_route_after(&w);
    return a[5].p;
}

/* Delivers Event `msg` of line `hdev` with token `token` and handle `p2`. */
static void event(DWORD hdev, DWORD msg, uint64_t token, DWORD p2)
{
    struct proto_event ev = {.device = PROTO_DEVICE_LINE,
                             .h_device = hdev,
                             .message_id = msg,
                             .callback_instance = token,
                             .param2 = p2};
    client_route_event(&conn, &ev, NULL);
}

/* The Result `result` of a function `id` taking handle `h`. */
static void result(uint32_t id, DWORD h, LONG result)
{
    union client_arg a[PROTO_MAX_VALUES] = {{.d = h}};
    struct client_wait w = {.conn = &conn, .fn = client_fn_find(id), .a = a, .result = result};
    client_route_after(&w);
}

/* Takes the next message of `app`, which must be there. */
static LINEMESSAGE next(DWORD app)
{
    LINEMESSAGE m;
    pthread_mutex_unlock(&client_lock);
    assert_int_equal(client_lineGetMessage(app, &m, 0), 0);
    pthread_mutex_lock(&client_lock);
    return m;
}

static void test_call_handles(void **state)
{
    (void)state;
    pthread_mutex_lock(&client_lock);
    struct client_app *a1 = client_app_create(&conn, PROTO_DEVICE_LINE, HAPP1);
    struct client_app *a2 = client_app_create(&conn, PROTO_DEVICE_LINE, HAPP2);
    assert_non_null(a1);
    assert_non_null(a2);
    assert_ptr_equal(client_app_find(HAPP1, PROTO_DEVICE_LINE), a1);
    assert_ptr_equal(client_app_find(HAPP2, PROTO_DEVICE_LINE), a2);
    assert_null(client_app_find(HAPP1, PROTO_DEVICE_PHONE));
    uint64_t t1 = open_line(HAPP1, HLINE1), t2 = open_line(HAPP2, HLINE2);
    assert_int_not_equal(t1, t2);
    assert_ptr_equal(client_app_of_handle(&conn, HLINE1), a1);
    assert_ptr_equal(client_app_of_handle(&conn, HLINE2), a2);
    assert_ptr_equal(client_app_of_handle(&conn, HAPP2), a2);

    /* 1000 calls to both: each reaches its application with its instance back. */
    for (DWORD h = 1000; h < 2000; h++) {
        event(HLINE1, LINE_APPNEWCALL, t1, h);
        event(h, LINE_CALLSTATE, t2, 0); /* a2 learns of it from a state, as a monitor may */
        LINEMESSAGE m = next(HAPP1);
        assert_int_equal(m.dwMessageID, LINE_APPNEWCALL);
        assert_int_equal(m.dwCallbackInstance, INSTANCE);
        assert_int_equal(next(HAPP2).hDevice, h);
    }
    assert_true(client_app_has_call(a1, 1500));
    assert_true(client_app_has_call(a2, 1500));
    assert_ptr_equal(client_app_of_handle(&conn, 1500), a2); /* the newer application */

    /* lineDeallocateCall: forgotten when it succeeded only. */
    result(PROTO_FN_lineDeallocateCall, 1500, LINEERR_INVALCALLSTATE);
    assert_true(client_app_has_call(a1, 1500));
    result(PROTO_FN_lineDeallocateCall, 1500, 0);
    assert_false(client_app_has_call(a1, 1500));
    assert_false(client_app_has_call(a2, 1500));
    assert_null(client_app_of_handle(&conn, 1500));
    assert_ptr_equal(client_app_of_handle(&conn, 1501), a2);

    /* lineClose of a2's line, then LINE_CLOSE of a1's: their call handles go with them. */
    result(PROTO_FN_lineClose, HLINE2, 0);
    assert_false(client_app_has_call(a2, 1501));
    assert_ptr_equal(client_app_of_handle(&conn, 1501), a1);
    event(HLINE1, LINE_CLOSE, t1, 0);
    assert_int_equal(next(HAPP1).dwMessageID, LINE_CLOSE);
    assert_false(client_app_has_call(a1, 1501));
    assert_null(client_app_of_handle(&conn, 1501));
    assert_null(client_app_of_handle(&conn, HLINE1));

    /* Shutdown (the connection is lost: nothing is sent) forgets the application. */
    event(0x3000, LINE_CALLSTATE, t2, 0);
    assert_ptr_equal(client_app_of_handle(&conn, 0x3000), a2);
    conn.dead = true;
    conn.closing = true; /* client_conn_release leaves the connection alone */
    pthread_mutex_unlock(&client_lock);
    assert_int_equal(client_lineShutdown(HAPP2), 0);
    assert_int_equal(client_lineShutdown(HAPP1), 0);
    pthread_mutex_lock(&client_lock);
    assert_null(client_app_of_handle(&conn, 0x3000));
    assert_null(client_app_find(HAPP1, PROTO_DEVICE_LINE));
    assert_false(client_app_any());
    pthread_mutex_unlock(&client_lock);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_call_handles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
