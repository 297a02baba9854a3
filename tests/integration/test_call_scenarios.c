/*
 * test_call_scenarios.c — calls on the simulated PBX as applications see them: two parties,
 * busy, no answer, hold, blind and consultation transfer, conference, park and unpark, pickup,
 * forward, handoff between two applications, and a monitor that sees every state change of
 * another application's call. Each party is its own application (its own lineInitializeEx), as
 * it would be on a real system.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support.h"

#define VOICE LINEMEDIAMODE_INTERACTIVEVOICE

static const char pbx_config[] = "[provider sim]\n"
                                 "extensions = 101-104\n"
                                 "noanswer_timeout = 300\n"
                                 "outside.5550100 = answer 0\n"
                                 "outside.5550199 = busy\n";

/* The parties: a caller on 101, answering owners on 102 and 103, a monitor of 101 and 102. */
struct pbx {
    struct test_app a, b, c, mon;
    HLINE line_a, line_b, line_c, mon_a, mon_b;
    DWORD id101, id102, id103, id104;
};

static int setup(void **state)
{
    struct pbx *p = calloc(1, sizeof(*p));
    support_config(pbx_config);
    support_init(&p->a, "caller");
    support_init(&p->b, "answerer");
    support_init(&p->c, "third");
    support_init(&p->mon, "monitor");
    p->id101 = support_line_of(&p->a, "101");
    p->id102 = support_line_of(&p->a, "102");
    p->id103 = support_line_of(&p->a, "103");
    p->id104 = support_line_of(&p->a, "104");
    p->line_a = support_open(&p->a, p->id101, LINECALLPRIVILEGE_NONE, 0);
    p->line_b = support_open(&p->b, p->id102, LINECALLPRIVILEGE_OWNER, VOICE);
    p->line_c = support_open(&p->c, p->id103, LINECALLPRIVILEGE_OWNER, VOICE);
    p->mon_a = support_open(&p->mon, p->id101, LINECALLPRIVILEGE_MONITOR, 0);
    p->mon_b = support_open(&p->mon, p->id102, LINECALLPRIVILEGE_MONITOR, 0);
    *state = p;
    return 0;
}

static int teardown(void **state)
{
    struct pbx *p = *state;
    support_shutdown(&p->a);
    support_shutdown(&p->b);
    support_shutdown(&p->c);
    support_shutdown(&p->mon);
    free(p);
    return 0;
}

/* A on 101 calls `number`; returns A's call handle once the request succeeded. */
static HCALL call_from_a(struct pbx *p, const char *number)
{
    HCALL hCall = 0;
    assert_int_equal(support_reply(&p->a, lineMakeCall(p->line_a, &hCall, number, 0, NULL)), 0);
    assert_int_not_equal(hCall, 0);
    return hCall;
}

/* `app` answers the call offered to it; returns its handle. */
static HCALL answer(struct test_app *app)
{
    HCALL hCall = support_incoming(app);
    support_callstate(app, hCall, LINECALLSTATE_OFFERING);
    assert_int_equal(support_reply(app, lineAnswer(hCall, NULL, 0)), 0);
    support_callstate(app, hCall, LINECALLSTATE_CONNECTED);
    return hCall;
}

/* Drops (when not idle yet) and deallocates a call of `app`. */
static void hang_up(struct test_app *app, HCALL hCall)
{
    LINECALLSTATUS status = {.dwTotalSize = sizeof(status)};
    assert_int_equal(lineGetCallStatus(hCall, &status), 0);
    if (status.dwCallState != LINECALLSTATE_IDLE) {
        assert_int_equal(support_reply(app, lineDrop(hCall, NULL, 0)), 0);
        support_callstate(app, hCall, LINECALLSTATE_IDLE);
    }
    assert_int_equal(lineDeallocateCall(hCall), 0);
}

/* Reads a call's caller ID into `out` (empty when there is none). */
static void caller_id(HCALL hCall, char *out, size_t outlen)
{
    char buffer[2048];
    LINECALLINFO *info = (LINECALLINFO *)buffer;
    memset(buffer, 0, sizeof(buffer));
    info->dwTotalSize = sizeof(buffer);
    assert_int_equal(lineGetCallInfo(hCall, info), 0);
    out[0] = '\0';
    if (info->dwCallerIDSize)
        snprintf(out, outlen, "%s", buffer + info->dwCallerIDOffset);
}

static void two_party_call_seen_by_monitor(void **state)
{
    struct pbx *p = *state;
    HCALL a = call_from_a(p, "102");
    support_callstate(&p->a, a, LINECALLSTATE_RINGBACK);
    HCALL b = answer(&p->b);
    support_callstate(&p->a, a, LINECALLSTATE_CONNECTED);
    char id[64];
    caller_id(b, id, sizeof(id));
    assert_string_equal(id, "101");
    char info_buffer[2048] = {0};
    LINECALLINFO *info = (LINECALLINFO *)info_buffer;
    info->dwTotalSize = sizeof(info_buffer);
    assert_int_equal(lineGetCallInfo(a, info), 0);
    assert_string_equal(info_buffer + info->dwAppNameOffset, "caller");
    assert_int_equal(info->dwNumOwners, 1);
    assert_int_equal(info->dwNumMonitors, 1);
    assert_int_equal(lineGetCallInfo(b, info), 0);
    assert_int_equal(info->dwAppNameSize, 0); /* offered by the network, not an application */

    /* The monitor got its own handles to both ends and every state. */
    HCALL mon_a = 0, mon_b = 0;
    LINEMESSAGE m;
    while (support_wait(&p->mon, LINE_APPNEWCALL, 0, 0, 0, &m, 2000)) {
        assert_int_equal(m.dwParam3, LINECALLPRIVILEGE_MONITOR);
        if (m.hDevice == p->mon_a)
            mon_a = (HCALL)m.dwParam2;
        if (m.hDevice == p->mon_b)
            mon_b = (HCALL)m.dwParam2;
        if (mon_a && mon_b)
            break;
    }
    assert_int_not_equal(mon_a, 0);
    assert_int_not_equal(mon_b, 0);
    support_callstate(&p->mon, mon_a, LINECALLSTATE_RINGBACK);
    support_callstate(&p->mon, mon_a, LINECALLSTATE_CONNECTED);
    support_callstate(&p->mon, mon_b, LINECALLSTATE_OFFERING);
    support_callstate(&p->mon, mon_b, LINECALLSTATE_CONNECTED);
    assert_int_equal(lineDrop(mon_b, NULL, 0), LINEERR_NOTOWNER);

    assert_int_equal(support_reply(&p->a, lineDrop(a, NULL, 0)), 0);
    support_callstate(&p->a, a, LINECALLSTATE_IDLE);
    support_callstate(&p->b, b, LINECALLSTATE_DISCONNECTED);
    support_callstate(&p->mon, mon_a, LINECALLSTATE_IDLE);
    support_callstate(&p->mon, mon_b, LINECALLSTATE_DISCONNECTED);
    hang_up(&p->a, a);
    hang_up(&p->b, b);
    support_callstate(&p->mon, mon_b, LINECALLSTATE_IDLE);
    assert_int_equal(lineDeallocateCall(mon_a), 0);
    assert_int_equal(lineDeallocateCall(mon_b), 0);
}

static void busy_extension(void **state)
{
    struct pbx *p = *state;
    HCALL first = call_from_a(p, "5550100");
    support_callstate(&p->a, first, LINECALLSTATE_CONNECTED);
    /* 101 is busy with its only address in use: a call from 102 to 101 gets busy. */
    HCALL from_b = 0;
    assert_int_equal(support_reply(&p->b, lineMakeCall(p->line_b, &from_b, "101", 0, NULL)), 0);
    support_callstate(&p->b, from_b, LINECALLSTATE_BUSY);
    hang_up(&p->b, from_b);
    hang_up(&p->a, first);
    support_drain(&p->mon);
}

static void outside_busy_and_no_answer(void **state)
{
    struct pbx *p = *state;
    HCALL busy = call_from_a(p, "5550199");
    support_callstate(&p->a, busy, LINECALLSTATE_BUSY);
    hang_up(&p->a, busy);
    /* 104 is open by nobody: it rings until the no-answer timeout. */
    HCALL unanswered = call_from_a(p, "104");
    support_callstate(&p->a, unanswered, LINECALLSTATE_RINGBACK);
    DWORD mode = support_callstate(&p->a, unanswered, LINECALLSTATE_DISCONNECTED);
    assert_int_equal(mode, LINEDISCONNECTMODE_NOANSWER);
    hang_up(&p->a, unanswered);
    support_drain(&p->mon);
}

static void hold_and_unhold(void **state)
{
    struct pbx *p = *state;
    HCALL a = call_from_a(p, "102");
    HCALL b = answer(&p->b);
    support_callstate(&p->a, a, LINECALLSTATE_CONNECTED);
    assert_int_equal(support_reply(&p->a, lineHold(a)), 0);
    support_callstate(&p->a, a, LINECALLSTATE_ONHOLD);
    assert_int_equal(lineHold(a), LINEERR_INVALCALLSTATE);
    assert_int_equal(support_reply(&p->a, lineUnhold(a)), 0);
    support_callstate(&p->a, a, LINECALLSTATE_CONNECTED);
    hang_up(&p->a, a);
    support_callstate(&p->b, b, LINECALLSTATE_DISCONNECTED);
    hang_up(&p->b, b);
    support_drain(&p->mon);
}

static void blind_transfer(void **state)
{
    struct pbx *p = *state;
    HCALL a = call_from_a(p, "102");
    HCALL b = answer(&p->b);
    assert_int_equal(support_reply(&p->b, lineBlindTransfer(b, "103", 0)), 0);
    support_callstate(&p->b, b, LINECALLSTATE_IDLE);
    HCALL c = answer(&p->c);
    char id[64];
    caller_id(c, id, sizeof(id));
    assert_string_equal(id, "101");
    support_callstate(&p->a, a, LINECALLSTATE_CONNECTED);
    assert_int_equal(lineDeallocateCall(b), 0);
    hang_up(&p->a, a);
    support_callstate(&p->c, c, LINECALLSTATE_DISCONNECTED);
    hang_up(&p->c, c);
    support_drain(&p->mon);
}

static void consultation_transfer(void **state)
{
    struct pbx *p = *state;
    HCALL a = call_from_a(p, "102");
    HCALL b = answer(&p->b);
    HCALL consult = 0;
    assert_int_equal(support_reply(&p->b, lineSetupTransfer(b, &consult, NULL)), 0);
    assert_int_not_equal(consult, 0);
    support_callstate(&p->b, b, LINECALLSTATE_ONHOLDPENDTRANSFER);
    support_callstate(&p->b, consult, LINECALLSTATE_DIALTONE);
    assert_int_equal(support_reply(&p->b, lineDial(consult, "103", 0)), 0);
    HCALL c = answer(&p->c);
    support_callstate(&p->b, consult, LINECALLSTATE_CONNECTED);
    assert_int_equal(
        support_reply(&p->b, lineCompleteTransfer(b, consult, NULL, LINETRANSFERMODE_TRANSFER)), 0);
    support_callstate(&p->b, b, LINECALLSTATE_IDLE);
    support_callstate(&p->b, consult, LINECALLSTATE_IDLE);
    assert_int_equal(lineDeallocateCall(b), 0);
    assert_int_equal(lineDeallocateCall(consult), 0);
    /* A and C now talk to each other. */
    hang_up(&p->a, a);
    support_callstate(&p->c, c, LINECALLSTATE_DISCONNECTED);
    hang_up(&p->c, c);
    support_drain(&p->mon);
}

static void three_party_conference(void **state)
{
    struct pbx *p = *state;
    HCALL a = call_from_a(p, "102");
    HCALL b = answer(&p->b);
    HCALL conf = 0, consult = 0;
    assert_int_equal(support_reply(&p->b, lineSetupConference(b, 0, &conf, &consult, 3, NULL)), 0);
    assert_int_not_equal(conf, 0);
    assert_int_not_equal(consult, 0);
    support_callstate(&p->b, consult, LINECALLSTATE_DIALTONE);
    assert_int_equal(support_reply(&p->b, lineDial(consult, "103", 0)), 0);
    HCALL c = answer(&p->c);
    support_callstate(&p->b, consult, LINECALLSTATE_CONNECTED);
    assert_int_equal(support_reply(&p->b, lineAddToConference(conf, consult)), 0);
    support_callstate(&p->b, consult, LINECALLSTATE_CONFERENCED);
    support_callstate(&p->b, conf, LINECALLSTATE_CONNECTED);
    char list_buffer[256];
    LINECALLLIST *list = (LINECALLLIST *)list_buffer;
    memset(list_buffer, 0, sizeof(list_buffer));
    list->dwTotalSize = sizeof(list_buffer);
    assert_int_equal(lineGetConfRelatedCalls(conf, list), 0);
    assert_true(list->dwCallsNumEntries >= 3);
    /* The conference ends when its controller drops it. */
    assert_int_equal(support_reply(&p->b, lineDrop(conf, NULL, 0)), 0);
    support_callstate(&p->b, conf, LINECALLSTATE_IDLE);
    support_callstate(&p->a, a, LINECALLSTATE_DISCONNECTED);
    support_callstate(&p->c, c, LINECALLSTATE_DISCONNECTED);
    hang_up(&p->b, b);
    hang_up(&p->b, consult);
    assert_int_equal(lineDeallocateCall(conf), 0);
    hang_up(&p->a, a);
    hang_up(&p->c, c);
    support_drain(&p->mon);
}

static void park_and_unpark(void **state)
{
    struct pbx *p = *state;
    HCALL a = call_from_a(p, "102");
    HCALL b = answer(&p->b);
    assert_int_equal(support_reply(&p->b, linePark(b, LINEPARKMODE_DIRECTED, "700", NULL)), 0);
    support_callstate(&p->b, b, LINECALLSTATE_IDLE);
    assert_int_equal(lineDeallocateCall(b), 0);
    HCALL c = 0;
    assert_int_equal(support_reply(&p->c, lineUnpark(p->line_c, 0, &c, "700")), 0);
    support_callstate(&p->c, c, LINECALLSTATE_CONNECTED);
    hang_up(&p->c, c);
    support_callstate(&p->a, a, LINECALLSTATE_DISCONNECTED);
    hang_up(&p->a, a);
    support_drain(&p->mon);
}

static void pickup_ringing_call(void **state)
{
    struct pbx *p = *state;
    HCALL a = call_from_a(p, "104");
    support_callstate(&p->a, a, LINECALLSTATE_RINGBACK);
    HCALL c = 0;
    assert_int_equal(support_reply(&p->c, linePickup(p->line_c, 0, &c, "104", NULL)), 0);
    support_callstate(&p->c, c, LINECALLSTATE_CONNECTED);
    support_callstate(&p->a, a, LINECALLSTATE_CONNECTED);
    hang_up(&p->a, a);
    support_callstate(&p->c, c, LINECALLSTATE_DISCONNECTED);
    hang_up(&p->c, c);
    support_drain(&p->mon);
}

static void forward_unconditional(void **state)
{
    struct pbx *p = *state;
    char buffer[sizeof(LINEFORWARDLIST) + 64];
    memset(buffer, 0, sizeof(buffer));
    LINEFORWARDLIST *list = (LINEFORWARDLIST *)buffer;
    list->dwTotalSize = sizeof(buffer);
    list->dwNumEntries = 1;
    list->ForwardList[0].dwForwardMode = LINEFORWARDMODE_UNCOND;
    list->ForwardList[0].dwDestAddressSize = 4;
    list->ForwardList[0].dwDestAddressOffset = sizeof(LINEFORWARDLIST);
    memcpy(buffer + sizeof(LINEFORWARDLIST), "103", 4);
    HCALL consult = 0;
    assert_int_equal(support_reply(&p->b, lineForward(p->line_b, 1, 0, list, 0, &consult, NULL)),
                     0);
    HCALL a = call_from_a(p, "102");
    HCALL c = answer(&p->c);
    support_callstate(&p->a, a, LINECALLSTATE_CONNECTED);
    hang_up(&p->a, a);
    support_callstate(&p->c, c, LINECALLSTATE_DISCONNECTED);
    hang_up(&p->c, c);
    /* Cancelling the forward sends calls to 102 again. */
    assert_int_equal(support_reply(&p->b, lineForward(p->line_b, 1, 0, NULL, 0, &consult, NULL)),
                     0);
    a = call_from_a(p, "102");
    HCALL b = answer(&p->b);
    hang_up(&p->a, a);
    support_callstate(&p->b, b, LINECALLSTATE_DISCONNECTED);
    hang_up(&p->b, b);
    support_drain(&p->mon);
}

static void handoff_between_applications(void **state)
{
    struct pbx *p = *state;
    struct test_app fax;
    support_init(&fax, "faxhandler");
    HLINE fax_line = support_open(&fax, p->id102, LINECALLPRIVILEGE_OWNER, LINEMEDIAMODE_G3FAX);
    HCALL a = call_from_a(p, "102");
    HCALL b = answer(&p->b);
    assert_int_equal(lineHandoff(b, "nobody-by-that-name", 0), LINEERR_TARGETNOTFOUND);
    assert_int_equal(lineHandoff(b, "answerer", 0), LINEERR_TARGETSELF);
    assert_int_equal(lineHandoff(b, NULL, LINEMEDIAMODE_G3FAX), 0);
    LINEMESSAGE m;
    assert_true(support_wait(&fax, LINE_APPNEWCALL, fax_line, 0, 0, &m, SUPPORT_TIMEOUT_MS));
    HCALL f = (HCALL)m.dwParam2;
    assert_int_equal(m.dwParam3, LINECALLPRIVILEGE_OWNER);
    assert_true(
        support_wait(&fax, LINE_CALLSTATE, f, 1, LINECALLSTATE_CONNECTED, &m, SUPPORT_TIMEOUT_MS));
    assert_int_equal(m.dwParam3, LINECALLPRIVILEGE_OWNER);
    /* The first application steps back to monitoring; the new owner ends the call. */
    assert_int_equal(lineSetCallPrivilege(b, LINECALLPRIVILEGE_MONITOR), 0);
    assert_int_equal(lineDrop(b, NULL, 0), LINEERR_NOTOWNER);
    hang_up(&fax, f);
    support_callstate(&p->b, b, LINECALLSTATE_IDLE);
    assert_int_equal(lineDeallocateCall(b), 0);
    support_callstate(&p->a, a, LINECALLSTATE_DISCONNECTED);
    hang_up(&p->a, a);
    support_shutdown(&fax);
    support_drain(&p->mon);
}

static void digits_between_parties(void **state)
{
    struct pbx *p = *state;
    HCALL a = call_from_a(p, "102");
    HCALL b = answer(&p->b);
    assert_int_equal(lineMonitorDigits(b, LINEDIGITMODE_DTMF), 0);
    assert_int_equal(lineGenerateDigits(a, LINEDIGITMODE_DTMF, "12#", 0), 0);
    LINEMESSAGE m;
    const char expected[] = "12#";
    for (int i = 0; i < 3; i++) {
        assert_true(support_wait(&p->b, LINE_MONITORDIGITS, b, 0, 0, &m, SUPPORT_TIMEOUT_MS));
        assert_int_equal((char)m.dwParam1, expected[i]);
        assert_int_equal(m.dwParam2, LINEDIGITMODE_DTMF);
    }
    assert_true(
        support_wait(&p->a, LINE_GENERATE, a, 1, LINEGENERATETERM_DONE, &m, SUPPORT_TIMEOUT_MS));
    assert_int_equal(lineMonitorDigits(b, 0x80), LINEERR_INVALDIGITMODE);
    hang_up(&p->a, a);
    support_callstate(&p->b, b, LINECALLSTATE_DISCONNECTED);
    hang_up(&p->b, b);
    support_drain(&p->mon);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(two_party_call_seen_by_monitor),
        cmocka_unit_test(busy_extension),
        cmocka_unit_test(outside_busy_and_no_answer),
        cmocka_unit_test(hold_and_unhold),
        cmocka_unit_test(blind_transfer),
        cmocka_unit_test(consultation_transfer),
        cmocka_unit_test(three_party_conference),
        cmocka_unit_test(park_and_unpark),
        cmocka_unit_test(pickup_ringing_call),
        cmocka_unit_test(forward_unconditional),
        cmocka_unit_test(handoff_between_applications),
        cmocka_unit_test(digits_between_parties),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
