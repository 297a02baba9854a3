/*
 * test_features.c — sim.tsp's switch features: transfer, conference, park, pickup, forward,
 * redirect, digits, call data and user-user information.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "harness.h"
#include "testutil.h"

static HDRVLINE lines[4];

/* Start with the default extensions 101-104 (plus settings) and open all four lines. */
static void start_all(const char *const *cfg)
{
    assert_int_equal(h_start(cfg), 0);
    for (DWORD i = 0; i < 4; i++) {
        lines[i] = h_open_line(i);
        assert_non_null(lines[i]);
    }
}

static void close_all(void)
{
    for (DWORD i = 0; i < 4; i++)
        TSPI(TSPI_lineClose)(lines[i]);
}

/* Call from line `from` to extension number `to` (line to_dev) and answer there. */
static void connect_pair(int from, const char *to, int to_dev, int n, HDRVCALL *a, HDRVCALL *b)
{
    HTAPICALL hb;

    t_make_call(lines[from], to, a);
    hb = h_newcall(h_htline(to_dev), n, b);
    assert_non_null(hb);
    t_async_ok(TSPI(TSPI_lineAnswer)(t_req(), *b, NULL, 0));
    assert_int_equal(h_call_state(*a), LINECALLSTATE_CONNECTED);
    assert_int_equal(h_call_state(*b), LINECALLSTATE_CONNECTED);
}

/* 101 talks to 102 and blind-transfers 102 to 103, who answers. */
static void test_blind_transfer(void **state)
{
    HDRVCALL a, b, c;
    LPLINECALLINFO ci;

    start_all(NULL);
    connect_pair(0, "102", 1, 0, &a, &b);
    assert_int_equal(TSPI(TSPI_lineBlindTransfer)(t_req_unused(), a, "199", 0),
                     LINEERR_INVALADDRESS);
    t_async_ok(TSPI(TSPI_lineBlindTransfer)(t_req(), a, "103", 0));
    assert_int_equal(h_call_state(a), LINECALLSTATE_IDLE);
    assert_int_equal(h_call_state(b), LINECALLSTATE_RINGBACK);
    assert_non_null(h_newcall(h_htline(2), 0, &c));
    ci = h_call_info(c);
    assert_int_equal(ci->dwReason, LINECALLREASON_TRANSFER);
    assert_string_equal(h_str(ci, ci->dwCallerIDSize, ci->dwCallerIDOffset), "102");
    assert_string_equal(h_str(ci, ci->dwRedirectingIDSize, ci->dwRedirectingIDOffset), "101");
    t_async_ok(TSPI(TSPI_lineAnswer)(t_req(), c, NULL, 0));
    assert_int_equal(h_call_state(b), LINECALLSTATE_CONNECTED);
    t_drop_close(b);
    assert_int_equal(h_call_state(c), LINECALLSTATE_DISCONNECTED);
    t_drop_close(c);
    t_drop_close(a);
    close_all();
    assert_true(h_all_completed());
}

/* 101 talks to 102, consults 103, then completes the transfer: 102 and 103 talk. */
static void test_consultation_transfer(void **state)
{
    HDRVCALL a, b, consult = NULL, c;
    HTAPICALL hconsult = h_new_htcall();
    LPLINECALLINFO ci;

    start_all(NULL);
    connect_pair(0, "102", 1, 0, &a, &b);
    t_async_ok(TSPI(TSPI_lineSetupTransfer)(t_req(), a, hconsult, &consult, NULL));
    assert_int_equal(h_call_state(a), LINECALLSTATE_ONHOLDPENDTRANSFER);
    assert_int_equal(h_call_state(consult), LINECALLSTATE_DIALTONE);
    t_async_ok(TSPI(TSPI_lineDial)(t_req(), consult, "103", 0));
    assert_non_null(h_newcall(h_htline(2), 0, &c));
    t_async_ok(TSPI(TSPI_lineAnswer)(t_req(), c, NULL, 0));
    assert_int_equal(h_call_state(consult), LINECALLSTATE_CONNECTED);
    t_async_ok(TSPI(TSPI_lineCompleteTransfer)(t_req(), a, consult, NULL, NULL,
                                               LINETRANSFERMODE_TRANSFER));
    assert_int_equal(h_call_state(a), LINECALLSTATE_IDLE);
    assert_int_equal(h_call_state(consult), LINECALLSTATE_IDLE);
    assert_int_equal(h_call_state(b), LINECALLSTATE_CONNECTED);
    assert_int_equal(h_call_state(c), LINECALLSTATE_CONNECTED);
    ci = h_call_info(b);
    assert_string_equal(h_str(ci, ci->dwConnectedIDSize, ci->dwConnectedIDOffset), "103");
    t_drop_close(c);
    assert_int_equal(h_call_state(b), LINECALLSTATE_DISCONNECTED);
    t_drop_close(b);
    t_drop_close(a);
    t_drop_close(consult);
    close_all();
    assert_true(h_all_completed());
}

/* Three-party conference: set up from 101-102, add 103, remove 103, drop the conference. */
static void test_conference(void **state)
{
    HDRVCALL a, b, conf = NULL, consult = NULL, c, consult2 = NULL, d;
    HTAPICALL hconf = h_new_htcall();

    start_all(NULL);
    connect_pair(0, "102", 1, 0, &a, &b);
    t_async_ok(TSPI(TSPI_lineSetupConference)(t_req(), a, lines[0], hconf, &conf, h_new_htcall(),
                                              &consult, 3, NULL));
    assert_int_equal(h_call_state(conf), LINECALLSTATE_ONHOLDPENDCONF);
    assert_int_equal(h_call_state(a), LINECALLSTATE_CONFERENCED);
    assert_int_equal(h_call_state(consult), LINECALLSTATE_DIALTONE);
    t_async_ok(TSPI(TSPI_lineDial)(t_req(), consult, "103", 0));
    assert_non_null(h_newcall(h_htline(2), 0, &c));
    t_async_ok(TSPI(TSPI_lineAnswer)(t_req(), c, NULL, 0));
    t_async_ok(TSPI(TSPI_lineAddToConference)(t_req(), conf, consult));
    assert_int_equal(h_call_state(conf), LINECALLSTATE_CONNECTED);
    assert_int_equal(h_call_state(consult), LINECALLSTATE_CONFERENCED);
    assert_int_equal(h_call_info(consult)->dwRelatedCallID, h_call_info(conf)->dwCallID);

    /* a fourth party through linePrepareAddToConference */
    t_async_ok(
        TSPI(TSPI_linePrepareAddToConference)(t_req(), conf, h_new_htcall(), &consult2, NULL));
    assert_int_equal(h_call_state(conf), LINECALLSTATE_ONHOLDPENDCONF);
    t_async_ok(TSPI(TSPI_lineDial)(t_req(), consult2, "104", 0));
    assert_non_null(h_newcall(h_htline(3), 0, &d));
    t_async_ok(TSPI(TSPI_lineAnswer)(t_req(), d, NULL, 0));
    t_async_ok(TSPI(TSPI_lineAddToConference)(t_req(), conf, consult2));
    assert_int_equal(h_call_state(conf), LINECALLSTATE_CONNECTED);

    t_async_ok(TSPI(TSPI_lineRemoveFromConference)(t_req(), consult));
    assert_int_equal(h_call_state(consult), LINECALLSTATE_IDLE);
    assert_int_equal(h_call_state(c), LINECALLSTATE_DISCONNECTED);
    assert_int_equal(h_call_state(conf), LINECALLSTATE_CONNECTED);
    t_async_ok(TSPI(TSPI_lineDrop)(t_req(), conf, NULL, 0));
    assert_int_equal(h_call_state(conf), LINECALLSTATE_IDLE);
    assert_int_equal(h_call_state(a), LINECALLSTATE_IDLE);
    assert_int_equal(h_call_state(consult2), LINECALLSTATE_IDLE);
    assert_int_equal(h_call_state(b), LINECALLSTATE_DISCONNECTED);
    assert_int_equal(h_call_state(d), LINECALLSTATE_DISCONNECTED);
    close_all();
    assert_true(h_all_completed());
}

/* Consultation completed as a conference (LINETRANSFERMODE_CONFERENCE). */
static void test_transfer_as_conference(void **state)
{
    HDRVCALL a, b, consult = NULL, c, conf = NULL;

    start_all(NULL);
    connect_pair(0, "102", 1, 0, &a, &b);
    t_async_ok(TSPI(TSPI_lineSetupTransfer)(t_req(), a, h_new_htcall(), &consult, NULL));
    t_async_ok(TSPI(TSPI_lineDial)(t_req(), consult, "103", 0));
    assert_non_null(h_newcall(h_htline(2), 0, &c));
    t_async_ok(TSPI(TSPI_lineAnswer)(t_req(), c, NULL, 0));
    t_async_ok(TSPI(TSPI_lineCompleteTransfer)(t_req(), a, consult, h_new_htcall(), &conf,
                                               LINETRANSFERMODE_CONFERENCE));
    assert_non_null(conf);
    assert_int_equal(h_call_state(conf), LINECALLSTATE_CONNECTED);
    assert_int_equal(h_call_state(a), LINECALLSTATE_CONFERENCED);
    assert_int_equal(h_call_state(consult), LINECALLSTATE_CONFERENCED);
    t_drop_close(conf);
    assert_int_equal(h_call_state(b), LINECALLSTATE_DISCONNECTED);
    assert_int_equal(h_call_state(c), LINECALLSTATE_DISCONNECTED);
    close_all();
    assert_true(h_all_completed());
}

/* Park 102 non-directed from 101, unpark it at 103; directed park to 777. */
static void test_park_unpark(void **state)
{
    union {
        VARSTRING vs;
        char buf[64];
    } u;
    HDRVCALL a, b, c = NULL, d = NULL;
    char slot[16];

    start_all(NULL);
    connect_pair(0, "102", 1, 0, &a, &b);
    memset(&u, 0, sizeof u);
    u.vs.dwTotalSize = sizeof u;
    t_async_ok(TSPI(TSPI_linePark)(t_req(), a, LINEPARKMODE_NONDIRECTED, NULL, &u.vs));
    assert_int_equal(u.vs.dwStringFormat, STRINGFORMAT_ASCII);
    strcpy(slot, h_str(&u, u.vs.dwStringSize, u.vs.dwStringOffset));
    assert_string_equal(slot, "700");
    assert_int_equal(h_call_state(a), LINECALLSTATE_IDLE);
    assert_int_equal(h_call_state(b), LINECALLSTATE_CONNECTED);
    assert_int_equal(TSPI(TSPI_lineUnpark)(t_req_unused(), lines[2], 0, h_new_htcall(), &c, "701"),
                     LINEERR_INVALADDRESS);
    t_async_ok(TSPI(TSPI_lineUnpark)(t_req(), lines[2], 0, h_new_htcall(), &c, slot));
    assert_int_equal(h_call_state(c), LINECALLSTATE_CONNECTED);
    assert_int_equal(h_call_info(c)->dwReason, LINECALLREASON_UNPARK);

    /* directed park of 102 again, now from 103 */
    t_async_ok(TSPI(TSPI_linePark)(t_req(), c, LINEPARKMODE_DIRECTED, "777", NULL));
    assert_int_equal(TSPI(TSPI_linePark)(t_req_unused(), a, LINEPARKMODE_DIRECTED, "777", NULL),
                     LINEERR_INVALCALLSTATE);
    t_async_ok(TSPI(TSPI_lineUnpark)(t_req(), lines[3], 0, h_new_htcall(), &d, "777"));
    assert_int_equal(h_call_state(d), LINECALLSTATE_CONNECTED);
    t_drop_close(b);
    assert_int_equal(h_call_state(d), LINECALLSTATE_DISCONNECTED);
    close_all();
    assert_true(h_all_completed());
}

/* 101 calls 102; 103 picks the ringing call up. */
static void test_pickup(void **state)
{
    HDRVCALL a, b, c = NULL;
    HTAPICALL hb;

    start_all(NULL);
    t_make_call(lines[0], "102", &a);
    hb = h_newcall(h_htline(1), 0, &b);
    assert_int_equal(
        TSPI(TSPI_linePickup)(t_req_unused(), lines[2], 0, h_new_htcall(), &c, "104", NULL),
        LINEERR_INVALADDRESS);
    t_async_ok(TSPI(TSPI_linePickup)(t_req(), lines[2], 0, h_new_htcall(), &c, "102", NULL));
    assert_int_equal(h_call_state(c), LINECALLSTATE_CONNECTED);
    assert_int_equal(h_call_state(a), LINECALLSTATE_CONNECTED);
    assert_true(h_wait(h_htline(1), hb, LINE_CALLSTATE, LINECALLSTATE_DISCONNECTED,
                       LINEDISCONNECTMODE_PICKUP) >= 0);
    assert_int_equal(h_call_info(c)->dwReason, LINECALLREASON_PICKUP);
    close_all();
    assert_true(h_all_completed());
}

/* A LINEFORWARDLIST with one entry. */
static LINEFORWARDLIST *forward_list(DWORD mode, const char *dest)
{
    size_t head = sizeof(LINEFORWARDLIST);
    size_t total = head + strlen(dest) + 1;
    LINEFORWARDLIST *l = calloc(1, total);

    l->dwTotalSize = (DWORD)total;
    l->dwNumEntries = 1;
    l->ForwardList[0].dwForwardMode = mode;
    l->ForwardList[0].dwDestAddressSize = (DWORD)strlen(dest) + 1;
    l->ForwardList[0].dwDestAddressOffset = (DWORD)head;
    strcpy((char *)l + head, dest);
    return l;
}

/* Unconditional, busy and no-answer forwarding ring the target. */
static void test_forward(void **state)
{
    static const char *const cfg[] = {"ring_ms", "20", NULL};
    union {
        LINEADDRESSSTATUS st;
        char buf[512];
    } u;
    LINEFORWARDLIST *fl;
    HDRVCALL a, b, c, x;
    LPLINECALLINFO ci;
    HDRVCALL dummy = (HDRVCALL)1;

    start_all(cfg);
    fl = forward_list(LINEFORWARDMODE_UNCOND, "103");
    t_async_ok(TSPI(TSPI_lineForward)(t_req(), lines[1], 1, 0, fl, 0, NULL, &dummy, NULL));
    assert_null(dummy);
    free(fl);
    memset(&u, 0, sizeof u);
    u.st.dwTotalSize = sizeof u;
    assert_int_equal(TSPI(TSPI_lineGetAddressStatus)(lines[1], 0, &u.st), 0);
    assert_int_equal(u.st.dwForwardNumEntries, 1);
    t_make_call(lines[0], "102", &a);
    assert_non_null(h_newcall(h_htline(2), 0, &c));
    ci = h_call_info(c);
    assert_int_equal(ci->dwReason, LINECALLREASON_FWDUNCOND);
    assert_string_equal(h_str(ci, ci->dwRedirectingIDSize, ci->dwRedirectingIDOffset), "102");
    assert_int_equal(h_matching(h_htline(1), (HTAPICALL)H_ANY, LINE_NEWCALL, H_ANY, H_ANY), 0);
    t_drop_close(a);
    t_drop_close(c);

    /* no answer after 2 rings of 20 ms */
    fl = forward_list(LINEFORWARDMODE_NOANSW, "104");
    t_async_ok(TSPI(TSPI_lineForward)(t_req(), lines[1], 1, 0, fl, 2, NULL, NULL, NULL));
    free(fl);
    t_make_call(lines[0], "102", &a);
    assert_non_null(h_newcall(h_htline(1), 0, &b));
    assert_non_null(h_newcall(h_htline(3), 0, &x));
    assert_int_equal(h_call_info(x)->dwReason, LINECALLREASON_FWDNOANSWER);
    assert_int_equal(h_call_state(b), LINECALLSTATE_DISCONNECTED);
    t_async_ok(TSPI(TSPI_lineAnswer)(t_req(), x, NULL, 0));
    assert_int_equal(h_call_state(a), LINECALLSTATE_CONNECTED);
    t_drop_close(a);
    t_drop_close(b);
    t_drop_close(x);

    /* cancel */
    t_async_ok(TSPI(TSPI_lineForward)(t_req(), lines[1], 1, 0, NULL, 0, NULL, NULL, NULL));
    assert_int_equal(TSPI(TSPI_lineGetAddressStatus)(lines[1], 0, &u.st), 0);
    assert_int_equal(u.st.dwForwardNumEntries, 0);
    close_all();
    assert_true(h_all_completed());
}

/* A ringing call redirected to another extension rings there. */
static void test_redirect(void **state)
{
    HDRVCALL a, b, c;
    HTAPICALL hb;

    start_all(NULL);
    t_make_call(lines[0], "102", &a);
    hb = h_newcall(h_htline(1), 0, &b);
    t_async_ok(TSPI(TSPI_lineRedirect)(t_req(), b, "104", 0));
    assert_true(h_wait(h_htline(1), hb, LINE_CALLSTATE, LINECALLSTATE_IDLE, H_ANY) >= 0);
    assert_non_null(h_newcall(h_htline(3), 0, &c));
    assert_int_equal(h_call_info(c)->dwReason, LINECALLREASON_REDIRECT);
    t_async_ok(TSPI(TSPI_lineAnswer)(t_req(), c, NULL, 0));
    assert_int_equal(h_call_state(a), LINECALLSTATE_CONNECTED);
    close_all();
    assert_true(h_all_completed());
}

/* Digits generated by 101 arrive at 102 as LINE_MONITORDIGITS; LINE_GENERATE ends it. */
static void test_digits_generate_monitor(void **state)
{
    static const char *const cfg[] = {"dtmf_ms", "5", NULL};
    HDRVCALL a, b;
    HTAPICALL hb;
    int i;

    start_all(cfg);
    connect_pair(0, "102", 1, 0, &a, &b);
    hb = h_get(h_wait(h_htline(1), (HTAPICALL)H_ANY, LINE_NEWCALL, H_ANY, H_ANY)).htCall;
    assert_int_equal(TSPI(TSPI_lineMonitorDigits)(b, LINEDIGITMODE_DTMF), 0);
    assert_int_equal(TSPI(TSPI_lineGenerateDigits)(a, 42, LINEDIGITMODE_DTMF, "12#", 0), 0);
    i = h_wait(h_htline(1), hb, LINE_MONITORDIGITS, '1', LINEDIGITMODE_DTMF);
    assert_true(i >= 0);
    i = h_wait_after(i, h_htline(1), hb, LINE_MONITORDIGITS, '2', LINEDIGITMODE_DTMF);
    assert_true(i >= 0);
    i = h_wait_after(i, h_htline(1), hb, LINE_MONITORDIGITS, '#', LINEDIGITMODE_DTMF);
    assert_true(i >= 0);
    assert_true(h_wait(h_htline(0), (HTAPICALL)H_ANY, LINE_GENERATE, LINEGENERATETERM_DONE, 42) >=
                0);
    assert_int_equal(TSPI(TSPI_lineGenerateDigits)(a, 1, LINEDIGITMODE_PULSE, "1", 0),
                     LINEERR_INVALDIGITMODE);
    /* a tone ends with LINE_GENERATE too */
    assert_int_equal(TSPI(TSPI_lineGenerateTone)(a, 43, LINETONEMODE_BEEP, 10, 0, NULL), 0);
    assert_true(h_wait(h_htline(0), (HTAPICALL)H_ANY, LINE_GENERATE, LINEGENERATETERM_DONE, 43) >=
                0);
    close_all();
    assert_true(h_all_completed());
}

/* An outside party plays digits after answering; the caller gathers them. */
static void test_gather_outside_digits(void **state)
{
    static const char *const cfg[] = {"dtmf_ms", "30", "outside.5559999", "digits 10 4711#", NULL};
    char buf[16];
    HDRVCALL a;
    HTAPICALL ha;

    start_all(cfg);
    ha = t_make_call(lines[0], "5559999", &a);
    assert_int_equal(TSPI(TSPI_lineMonitorDigits)(a, LINEDIGITMODE_DTMF), 0);
    assert_true(h_wait(h_htline(0), ha, LINE_CALLSTATE, LINECALLSTATE_CONNECTED, H_ANY) >= 0);
    memset(buf, 0, sizeof buf);
    assert_int_equal(
        TSPI(TSPI_lineGatherDigits)(a, 7, LINEDIGITMODE_DTMF, buf, 10, "#", 2000, 2000), 0);
    assert_true(h_wait(h_htline(0), ha, LINE_GATHERDIGITS, LINEGATHERTERM_TERMDIGIT, 7) >= 0);
    assert_string_equal(buf, "4711#");
    assert_true(h_wait(h_htline(0), ha, LINE_MONITORDIGITS, '4', LINEDIGITMODE_DTMF) >= 0);
    /* a first-digit timeout */
    assert_int_equal(TSPI(TSPI_lineGatherDigits)(a, 8, LINEDIGITMODE_DTMF, buf, 3, NULL, 20, 0), 0);
    assert_true(h_wait(h_htline(0), ha, LINE_GATHERDIGITS, LINEGATHERTERM_FIRSTTIMEOUT, 8) >= 0);
    /* cancel */
    assert_int_equal(TSPI(TSPI_lineGatherDigits)(a, 9, LINEDIGITMODE_DTMF, buf, 3, NULL, 0, 0), 0);
    assert_int_equal(TSPI(TSPI_lineGatherDigits)(a, 0, LINEDIGITMODE_DTMF, NULL, 0, NULL, 0, 0), 0);
    assert_true(h_wait(h_htline(0), ha, LINE_GATHERDIGITS, LINEGATHERTERM_CANCEL, 9) >= 0);
    t_drop_close(a);
    close_all();
    assert_true(h_all_completed());
}

/* Call data and user-user information travel and are announced with LINE_CALLINFO. */
static void test_calldata_uui(void **state)
{
    HDRVCALL a, b;
    HTAPICALL hb;
    LPLINECALLINFO ci;

    start_all(NULL);
    connect_pair(0, "102", 1, 0, &a, &b);
    hb = h_get(h_wait(h_htline(1), (HTAPICALL)H_ANY, LINE_NEWCALL, H_ANY, H_ANY)).htCall;
    t_async_ok(TSPI(TSPI_lineSetCallData)(t_req(), a, "order 42", 9));
    ci = h_call_info(a);
    assert_int_equal(ci->dwCallDataSize, 9);
    assert_memory_equal((char *)ci + ci->dwCallDataOffset, "order 42", 9);
    assert_true(h_matching(h_htline(0), (HTAPICALL)H_ANY, LINE_CALLINFO, LINECALLINFOSTATE_CALLDATA,
                           H_ANY) == 1);
    t_async_ok(TSPI(TSPI_lineSendUserUserInfo)(t_req(), a, "hello", 6));
    assert_true(h_wait(h_htline(1), hb, LINE_CALLINFO, LINECALLINFOSTATE_USERUSERINFO, H_ANY) >= 0);
    ci = h_call_info(b);
    assert_int_equal(ci->dwUserUserInfoSize, 6);
    assert_string_equal((char *)ci + ci->dwUserUserInfoOffset, "hello");
    assert_int_equal(TSPI(TSPI_lineSetAppSpecific)(b, 99), 0);
    assert_int_equal(h_call_info(b)->dwAppSpecific, 99);
    assert_int_equal(TSPI(TSPI_lineSetMediaMode)(b, LINEMEDIAMODE_DATAMODEM), 0);
    assert_int_equal(h_call_info(b)->dwMediaMode, LINEMEDIAMODE_DATAMODEM);
    assert_int_equal(TSPI(TSPI_lineSetMediaMode)(b, 0x80000000), LINEERR_INVALMEDIAMODE);
    close_all();
    assert_true(h_all_completed());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_blind_transfer, t_teardown),
        cmocka_unit_test_teardown(test_consultation_transfer, t_teardown),
        cmocka_unit_test_teardown(test_conference, t_teardown),
        cmocka_unit_test_teardown(test_transfer_as_conference, t_teardown),
        cmocka_unit_test_teardown(test_park_unpark, t_teardown),
        cmocka_unit_test_teardown(test_pickup, t_teardown),
        cmocka_unit_test_teardown(test_forward, t_teardown),
        cmocka_unit_test_teardown(test_redirect, t_teardown),
        cmocka_unit_test_teardown(test_digits_generate_monitor, t_teardown),
        cmocka_unit_test_teardown(test_gather_outside_digits, t_teardown),
        cmocka_unit_test_teardown(test_calldata_uui, t_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
