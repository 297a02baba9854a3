/*
 * test_calls.c — sim.tsp's calls: two-party, busy, no answer, reject, bad address, hold,
 * close, and the outside numbers' behaviours.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "harness.h"
#include "testutil.h"

/* Two extensions talk: offering, answer, both connected, drop, the other side disconnected. */
static void test_two_party_call(void **state)
{
    HDRVLINE l0, l1;
    HDRVCALL a, b;
    HTAPICALL ha, hb;
    LPLINECALLINFO ci;

    assert_int_equal(h_start(NULL), 0);
    l0 = h_open_line(0);
    l1 = h_open_line(1);
    ha = t_make_call(l0, "102", &a);
    assert_true(h_wait(h_htline(0), ha, LINE_CALLSTATE, LINECALLSTATE_DIALING, H_ANY) >= 0);
    assert_true(h_wait(h_htline(0), ha, LINE_CALLSTATE, LINECALLSTATE_PROCEEDING, H_ANY) >= 0);
    hb = h_newcall(h_htline(1), 0, &b);
    assert_non_null(hb);
    assert_true(h_wait(h_htline(1), hb, LINE_CALLSTATE, LINECALLSTATE_OFFERING, H_ANY) >= 0);
    assert_true(h_wait(h_htline(0), ha, LINE_CALLSTATE, LINECALLSTATE_RINGBACK, H_ANY) >= 0);
    ci = h_call_info(b);
    assert_string_equal(h_str(ci, ci->dwCallerIDSize, ci->dwCallerIDOffset), "101");
    assert_string_equal(h_str(ci, ci->dwCallerIDNameSize, ci->dwCallerIDNameOffset),
                        "Extension 101");
    assert_int_equal(ci->dwCallerIDFlags, LINECALLPARTYID_ADDRESS | LINECALLPARTYID_NAME);
    assert_int_equal(ci->dwOrigin, LINECALLORIGIN_INTERNAL);
    assert_int_equal(ci->dwMediaMode, LINEMEDIAMODE_INTERACTIVEVOICE);

    t_async_ok(TSPI(TSPI_lineAnswer)(t_req(), b, NULL, 0));
    assert_true(h_wait(h_htline(1), hb, LINE_CALLSTATE, LINECALLSTATE_CONNECTED, H_ANY) >= 0);
    assert_true(h_wait(h_htline(0), ha, LINE_CALLSTATE, LINECALLSTATE_CONNECTED, H_ANY) >= 0);
    ci = h_call_info(a);
    assert_string_equal(h_str(ci, ci->dwConnectedIDSize, ci->dwConnectedIDOffset), "102");
    assert_string_equal(h_str(ci, ci->dwCalledIDSize, ci->dwCalledIDOffset), "102");

    t_async_ok(TSPI(TSPI_lineDrop)(t_req(), a, NULL, 0));
    assert_true(h_wait(h_htline(0), ha, LINE_CALLSTATE, LINECALLSTATE_IDLE, H_ANY) >= 0);
    assert_true(h_wait(h_htline(1), hb, LINE_CALLSTATE, LINECALLSTATE_DISCONNECTED,
                       LINEDISCONNECTMODE_NORMAL) >= 0);
    t_async_ok(TSPI(TSPI_lineDrop)(t_req(), b, NULL, 0));
    assert_true(h_wait(h_htline(1), hb, LINE_CALLSTATE, LINECALLSTATE_IDLE, H_ANY) >= 0);
    assert_int_equal(TSPI(TSPI_lineDrop)(t_req_unused(), b, NULL, 0), LINEERR_INVALCALLSTATE);
    assert_int_equal(TSPI(TSPI_lineCloseCall)(a), 0);
    assert_int_equal(TSPI(TSPI_lineCloseCall)(b), 0);
    TSPI(TSPI_lineClose)(l0);
    TSPI(TSPI_lineClose)(l1);
    assert_true(h_all_completed());
    h_stop();
}

/* An extension with a call on its only address is busy. */
static void test_busy_extension(void **state)
{
    HDRVLINE l0, l1, l2;
    HDRVCALL a, c;
    HTAPICALL hc;

    assert_int_equal(h_start(NULL), 0);
    l0 = h_open_line(0);
    l1 = h_open_line(1);
    l2 = h_open_line(2);
    t_make_call(l0, "102", &a); /* 102 now rings */
    hc = t_make_call(l2, "102", &c);
    assert_true(h_wait(h_htline(2), hc, LINE_CALLSTATE, LINECALLSTATE_BUSY, LINEBUSYMODE_STATION) >=
                0);
    assert_int_equal(h_call_state(c), LINECALLSTATE_BUSY);
    /* calling oneself is busy too */
    t_async_ok(TSPI(TSPI_lineDrop)(t_req(), c, NULL, 0));
    TSPI(TSPI_lineCloseCall)(c);
    hc = t_make_call(l2, "103", &c);
    assert_true(h_wait(h_htline(2), hc, LINE_CALLSTATE, LINECALLSTATE_BUSY, H_ANY) >= 0);
    TSPI(TSPI_lineClose)(l0);
    TSPI(TSPI_lineClose)(l1);
    TSPI(TSPI_lineClose)(l2);
    assert_true(h_all_completed());
    h_stop();
}

/* Nobody answers: both sides DISCONNECTED / NOANSWER after noanswer_timeout. */
static void test_no_answer(void **state)
{
    static const char *const cfg[] = {"noanswer_timeout", "50", "outside.5550000", "noanswer",
                                      NULL};
    HDRVLINE l0, l1;
    HDRVCALL a, b, o;
    HTAPICALL ha, hb, ho;

    assert_int_equal(h_start(cfg), 0);
    l0 = h_open_line(0);
    l1 = h_open_line(1);
    ha = t_make_call(l0, "102", &a);
    hb = h_newcall(h_htline(1), 0, &b);
    assert_true(h_wait(h_htline(0), ha, LINE_CALLSTATE, LINECALLSTATE_DISCONNECTED,
                       LINEDISCONNECTMODE_NOANSWER) >= 0);
    assert_true(h_wait(h_htline(1), hb, LINE_CALLSTATE, LINECALLSTATE_DISCONNECTED,
                       LINEDISCONNECTMODE_NOANSWER) >= 0);
    t_drop_close(b);
    ho = t_make_call(l1, "5550000", &o);
    assert_true(h_wait(h_htline(1), ho, LINE_CALLSTATE, LINECALLSTATE_RINGBACK, H_ANY) >= 0);
    assert_true(h_wait(h_htline(1), ho, LINE_CALLSTATE, LINECALLSTATE_DISCONNECTED,
                       LINEDISCONNECTMODE_NOANSWER) >= 0);
    TSPI(TSPI_lineClose)(l0);
    TSPI(TSPI_lineClose)(l1);
    assert_true(h_all_completed());
    h_stop();
}

/* Outside numbers: reject, busy, answer after a delay, unknown extensions. */
static void test_outside_behaviours(void **state)
{
    static const char *const cfg[] = {
        "outside.5551111", "reject", "outside.5552222", "busy", "outside.default",
        "answer 30",       NULL};
    HDRVLINE l0;
    HDRVCALL a;
    HTAPICALL ha;
    LPLINECALLINFO ci;

    assert_int_equal(h_start(cfg), 0);
    l0 = h_open_line(0);
    ha = t_make_call(l0, "5551111", &a);
    assert_true(h_wait(h_htline(0), ha, LINE_CALLSTATE, LINECALLSTATE_DISCONNECTED,
                       LINEDISCONNECTMODE_REJECT) >= 0);
    t_drop_close(a);
    ha = t_make_call(l0, "5552222", &a);
    assert_true(h_wait(h_htline(0), ha, LINE_CALLSTATE, LINECALLSTATE_BUSY, H_ANY) >= 0);
    t_drop_close(a);
    ha = t_make_call(l0, "105", &a);
    assert_true(h_wait(h_htline(0), ha, LINE_CALLSTATE, LINECALLSTATE_DISCONNECTED,
                       LINEDISCONNECTMODE_BADADDRESS) >= 0);
    t_drop_close(a);
    ha = t_make_call(l0, "+1 (555) 123-4567", &a);
    assert_true(h_wait(h_htline(0), ha, LINE_CALLSTATE, LINECALLSTATE_RINGBACK, H_ANY) >= 0);
    assert_true(h_wait(h_htline(0), ha, LINE_CALLSTATE, LINECALLSTATE_CONNECTED, H_ANY) >= 0);
    ci = h_call_info(a);
    assert_string_equal(h_str(ci, ci->dwConnectedIDSize, ci->dwConnectedIDOffset), "+15551234567");
    t_drop_close(a);
    TSPI(TSPI_lineClose)(l0);
    assert_true(h_all_completed());
    h_stop();
}

/* Dialing in steps: DIALTONE, partial dial, the rest. */
static void test_dial_in_steps(void **state)
{
    static const char *const cfg[] = {"outside.0815", "answer 0", NULL};
    HDRVLINE l0;
    HDRVCALL a;
    HTAPICALL ha;

    assert_int_equal(h_start(cfg), 0);
    l0 = h_open_line(0);
    ha = t_make_call(l0, NULL, &a);
    assert_true(h_wait(h_htline(0), ha, LINE_CALLSTATE, LINECALLSTATE_DIALTONE, H_ANY) >= 0);
    t_async_ok(TSPI(TSPI_lineDial)(t_req(), a, "08;", 0));
    assert_int_equal(h_call_state(a), LINECALLSTATE_DIALING);
    t_async_ok(TSPI(TSPI_lineDial)(t_req(), a, "15", 0));
    assert_int_equal(h_call_state(a), LINECALLSTATE_CONNECTED);
    assert_int_equal(TSPI(TSPI_lineDial)(t_req_unused(), a, "1", 0), LINEERR_INVALCALLSTATE);
    t_drop_close(a);
    TSPI(TSPI_lineClose)(l0);
    assert_true(h_all_completed());
    h_stop();
}

/* Hold, unhold, swap hold between two calls. */
static void test_hold_unhold_swap(void **state)
{
    static const char *const cfg[] = {"outside.default", "answer 0", NULL};
    HDRVLINE l0;
    HDRVCALL a, b;
    HTAPICALL ha, hb;

    assert_int_equal(h_start(cfg), 0);
    l0 = h_open_line(0);
    ha = t_make_call(l0, "5550001", &a);
    assert_int_equal(h_call_state(a), LINECALLSTATE_CONNECTED);
    t_async_ok(TSPI(TSPI_lineHold)(t_req(), a));
    assert_true(h_wait(h_htline(0), ha, LINE_CALLSTATE, LINECALLSTATE_ONHOLD, H_ANY) >= 0);
    assert_int_equal(TSPI(TSPI_lineHold)(t_req_unused(), a), LINEERR_INVALCALLSTATE);
    hb = t_make_call(l0, "5550002", &b);
    assert_int_equal(h_call_state(b), LINECALLSTATE_CONNECTED);
    t_async_ok(TSPI(TSPI_lineSwapHold)(t_req(), b, a));
    assert_true(h_wait(h_htline(0), hb, LINE_CALLSTATE, LINECALLSTATE_ONHOLD, H_ANY) >= 0);
    assert_int_equal(h_call_state(a), LINECALLSTATE_CONNECTED);
    t_drop_close(a);
    t_async_ok(TSPI(TSPI_lineUnhold)(t_req(), b));
    assert_int_equal(h_call_state(b), LINECALLSTATE_CONNECTED);
    t_drop_close(b);
    TSPI(TSPI_lineClose)(l0);
    assert_true(h_all_completed());
    h_stop();
}

/* Closing a line drops its calls: the far end sees DISCONNECTED; calls to a closed line ring
 * unseen and are reported when it opens. */
static void test_close_drops_and_open_reports(void **state)
{
    HDRVLINE l0, l1;
    HDRVCALL a, b;
    HTAPICALL ha, hb;

    assert_int_equal(h_start(NULL), 0);
    l0 = h_open_line(0);
    ha = t_make_call(l0, "102", &a);
    assert_true(h_wait(h_htline(0), ha, LINE_CALLSTATE, LINECALLSTATE_RINGBACK, H_ANY) >= 0);
    l1 = h_open_line(1);
    hb = h_newcall(h_htline(1), 0, &b);
    assert_non_null(hb);
    assert_true(h_wait(h_htline(1), hb, LINE_CALLSTATE, LINECALLSTATE_OFFERING, H_ANY) >= 0);
    t_async_ok(TSPI(TSPI_lineAnswer)(t_req(), b, NULL, 0));
    assert_int_equal(h_call_state(a), LINECALLSTATE_CONNECTED);
    assert_int_equal(TSPI(TSPI_lineClose)(l1), 0);
    assert_true(h_wait(h_htline(0), ha, LINE_CALLSTATE, LINECALLSTATE_DISCONNECTED,
                       LINEDISCONNECTMODE_NORMAL) >= 0);
    TSPI(TSPI_lineClose)(l0);
    assert_true(h_all_completed());
    h_stop();
}

/* The benchmark's cycle, many times, all inline. */
static void test_fast_cycle(void **state)
{
    static const char *const cfg[] = {"extensions", "1000-10999", "outside.0815", "answer 0", NULL};
    HDRVLINE l0;

    assert_int_equal(h_start(cfg), 0);
    l0 = h_open_line(0);
    for (int i = 0; i < 200; i++) {
        HDRVCALL a;

        t_make_call(l0, "0815", &a);
        assert_int_equal(h_call_state(a), LINECALLSTATE_CONNECTED);
        t_drop_close(a);
    }
    TSPI(TSPI_lineClose)(l0);
    assert_true(h_all_completed());
    h_stop();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_two_party_call, t_teardown),
        cmocka_unit_test_teardown(test_busy_extension, t_teardown),
        cmocka_unit_test_teardown(test_no_answer, t_teardown),
        cmocka_unit_test_teardown(test_outside_behaviours, t_teardown),
        cmocka_unit_test_teardown(test_dial_in_steps, t_teardown),
        cmocka_unit_test_teardown(test_hold_unhold_swap, t_teardown),
        cmocka_unit_test_teardown(test_close_drops_and_open_reports, t_teardown),
        cmocka_unit_test_teardown(test_fast_cycle, t_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
