/*
 * test_phone.c — sim.tsp's phones: hookswitch, display, lamps, buttons, ringer, and the
 * phone following its line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "harness.h"
#include "testutil.h"

/* Display, lamps, button info and ring settings round-trip and are announced. */
static void test_phone_display_lamp_ring(void **state)
{
    union {
        VARSTRING vs;
        PHONEBUTTONINFO bi;
        char buf[256];
    } u;
    HDRVPHONE p;
    DWORD mode, vol;

    assert_int_equal(h_start(NULL), 0);
    p = h_open_phone(0);
    assert_non_null(p);
    t_async_ok(TSPI(TSPI_phoneSetDisplay)(t_req(), p, 1, 2, "Hello", 5));
    assert_true(h_wait_phone(h_htphone(0), PHONE_STATE, PHONESTATE_DISPLAY, H_ANY) >= 0);
    memset(&u, 0, sizeof u);
    u.vs.dwTotalSize = sizeof u;
    assert_int_equal(TSPI(TSPI_phoneGetDisplay)(p, &u.vs), 0);
    assert_int_equal(u.vs.dwStringSize, 81);
    assert_memory_equal(u.buf + u.vs.dwStringOffset + 42, "Hello", 5);
    assert_int_equal(TSPI(TSPI_phoneSetDisplay)(t_req_unused(), p, 2, 0, "x", 1),
                     PHONEERR_INVALPARAM);

    t_async_ok(TSPI(TSPI_phoneSetLamp)(t_req(), p, 12, PHONELAMPMODE_FLASH));
    assert_true(h_wait_phone(h_htphone(0), PHONE_STATE, PHONESTATE_LAMP, 12) >= 0);
    assert_int_equal(TSPI(TSPI_phoneGetLamp)(p, 12, &mode), 0);
    assert_int_equal(mode, PHONELAMPMODE_FLASH);
    assert_int_equal(TSPI(TSPI_phoneSetLamp)(t_req_unused(), p, 3, PHONELAMPMODE_STEADY),
                     PHONEERR_INVALBUTTONLAMPID);

    memset(&u, 0, sizeof u);
    u.bi.dwTotalSize = sizeof u;
    assert_int_equal(TSPI(TSPI_phoneGetButtonInfo)(p, 13, &u.bi), 0);
    assert_int_equal(u.bi.dwButtonFunction, PHONEBUTTONFUNCTION_TRANSFER);
    assert_string_equal(h_str(&u, u.bi.dwButtonTextSize, u.bi.dwButtonTextOffset), "Transfer");
    u.bi.dwButtonFunction = PHONEBUTTONFUNCTION_PARK;
    u.bi.dwButtonTextSize = 5;
    u.bi.dwButtonTextOffset = sizeof u.bi;
    memcpy(u.buf + sizeof u.bi, "Park", 5);
    t_async_ok(TSPI(TSPI_phoneSetButtonInfo)(t_req(), p, 13, &u.bi));
    memset(&u, 0, sizeof u);
    u.bi.dwTotalSize = sizeof u;
    assert_int_equal(TSPI(TSPI_phoneGetButtonInfo)(p, 13, &u.bi), 0);
    assert_int_equal(u.bi.dwButtonFunction, PHONEBUTTONFUNCTION_PARK);
    assert_string_equal(h_str(&u, u.bi.dwButtonTextSize, u.bi.dwButtonTextOffset), "Park");

    t_async_ok(TSPI(TSPI_phoneSetRing)(t_req(), p, 1, 0x4000));
    assert_true(h_wait_phone(h_htphone(0), PHONE_STATE, PHONESTATE_RINGMODE, 1) >= 0);
    assert_int_equal(TSPI(TSPI_phoneGetRing)(p, &mode, &vol), 0);
    assert_int_equal(mode, 1);
    assert_int_equal(vol, 0x4000);
    assert_int_equal(TSPI(TSPI_phoneClose)(p), 0);
    assert_true(h_all_completed());
}

/* A ringing line rings the phone and flashes its lamp; off hook answers, on hook drops. */
static void test_phone_follows_line(void **state)
{
    HDRVLINE l0, l1;
    HDRVPHONE p;
    HDRVCALL a, b;
    HTAPICALL ha;
    DWORD devs;
    union {
        PHONESTATUS st;
        char buf[512];
    } u;

    assert_int_equal(h_start(NULL), 0);
    l0 = h_open_line(0);
    l1 = h_open_line(1);
    p = h_open_phone(1);
    ha = t_make_call(l0, "102", &a);
    assert_non_null(h_newcall(h_htline(1), 0, &b));
    assert_true(h_wait_phone(h_htphone(1), PHONE_STATE, PHONESTATE_RINGMODE, 1) >= 0);
    assert_true(h_wait_phone(h_htphone(1), PHONE_STATE, PHONESTATE_LAMP, 16) >= 0);
    memset(&u, 0, sizeof u);
    u.st.dwTotalSize = sizeof u;
    assert_int_equal(TSPI(TSPI_phoneGetStatus)(p, &u.st), 0);
    assert_int_equal(u.st.dwRingMode, 1);
    assert_int_equal(((DWORD *)(u.buf + u.st.dwLampModesOffset))[16], PHONELAMPMODE_FLASH);
    assert_int_equal(u.st.dwHandsetHookSwitchMode, PHONEHOOKSWITCHMODE_ONHOOK);

    t_async_ok(TSPI(TSPI_phoneSetHookSwitch)(t_req(), p, PHONEHOOKSWITCHDEV_HANDSET,
                                             PHONEHOOKSWITCHMODE_MICSPEAKER));
    assert_true(h_wait_phone(h_htphone(1), PHONE_STATE, PHONESTATE_HANDSETHOOKSWITCH,
                             PHONEHOOKSWITCHMODE_MICSPEAKER) >= 0);
    assert_int_equal(h_call_state(b), LINECALLSTATE_CONNECTED);
    assert_true(h_wait(h_htline(0), ha, LINE_CALLSTATE, LINECALLSTATE_CONNECTED, H_ANY) >= 0);
    assert_true(h_wait_phone(h_htphone(1), PHONE_STATE, PHONESTATE_RINGMODE, 0) >= 0);
    assert_int_equal(TSPI(TSPI_phoneGetHookSwitch)(p, &devs), 0);
    assert_int_equal(devs, PHONEHOOKSWITCHDEV_HANDSET);
    assert_int_equal(TSPI(TSPI_phoneSetHookSwitch)(t_req_unused(), p, PHONEHOOKSWITCHDEV_HANDSET,
                                                   PHONEHOOKSWITCHMODE_SPEAKER),
                     PHONEERR_INVALHOOKSWITCHMODE);

    t_async_ok(TSPI(TSPI_phoneSetHookSwitch)(t_req(), p, PHONEHOOKSWITCHDEV_HANDSET,
                                             PHONEHOOKSWITCHMODE_ONHOOK));
    assert_int_equal(h_call_state(b), LINECALLSTATE_IDLE);
    assert_true(h_wait(h_htline(0), ha, LINE_CALLSTATE, LINECALLSTATE_DISCONNECTED,
                       LINEDISCONNECTMODE_NORMAL) >= 0);
    TSPI(TSPI_phoneClose)(p);
    TSPI(TSPI_lineClose)(l0);
    TSPI(TSPI_lineClose)(l1);
    assert_true(h_all_completed());
}

/* phoneGetID answers tapi/phone and tapi/line; negotiation checks the device. */
static void test_phone_ids(void **state)
{
    union {
        VARSTRING vs;
        char buf[64];
    } u;
    HDRVPHONE p;
    DWORD id, v;

    assert_int_equal(h_start(NULL), 0);
    assert_int_equal(TSPI(TSPI_phoneNegotiateTSPIVersion)(3, 0x00020000, 0x00030000, &v), 0);
    assert_int_equal(v, 0x00020002);
    assert_int_equal(TSPI(TSPI_phoneNegotiateTSPIVersion)(9, 0x00020000, 0x00030000, &v),
                     PHONEERR_BADDEVICEID);
    p = h_open_phone(3);
    memset(&u, 0, sizeof u);
    u.vs.dwTotalSize = sizeof u;
    assert_int_equal(TSPI(TSPI_phoneGetID)(p, &u.vs, "tapi/line", NULL), 0);
    memcpy(&id, u.buf + u.vs.dwStringOffset, sizeof id);
    assert_int_equal(id, 3);
    assert_int_equal(TSPI(TSPI_phoneGetID)(p, &u.vs, "wave/in", NULL), PHONEERR_INVALDEVICECLASS);
    TSPI(TSPI_phoneClose)(p);
}

/* Simulator controls: an outside caller rings a line; pressing Drop on the phone hangs up. */
static void test_devspecific_inbound_and_button(void **state)
{
    HDRVLINE l0;
    HDRVPHONE p;
    HDRVCALL b;
    HTAPICALL hb;
    LPLINECALLINFO ci;
    DWORD drop = 15;

    assert_int_equal(h_start(NULL), 0);
    l0 = h_open_line(0);
    p = h_open_phone(0);
    t_async_ok(TSPI(TSPI_lineDevSpecific)(t_req(), l0, 0, NULL, "call 0301234567", 16));
    hb = h_newcall(h_htline(0), 0, &b);
    assert_non_null(hb);
    ci = h_call_info(b);
    assert_int_equal(ci->dwOrigin, LINECALLORIGIN_EXTERNAL);
    assert_string_equal(h_str(ci, ci->dwCallerIDSize, ci->dwCallerIDOffset), "0301234567");
    t_async_ok(TSPI(TSPI_lineAnswer)(t_req(), b, NULL, 0));
    assert_int_equal(h_call_state(b), LINECALLSTATE_CONNECTED);
    t_async_ok(TSPI(TSPI_phoneDevSpecific)(t_req(), p, &drop, sizeof drop));
    assert_true(h_wait_phone(h_htphone(0), PHONE_BUTTON, 15, PHONEBUTTONMODE_FEATURE) >= 0);
    assert_int_equal(h_call_state(b), LINECALLSTATE_IDLE);
    /* every address busy: the request fails, once */
    t_async_ok(TSPI(TSPI_lineDevSpecific)(t_req(), l0, 0, NULL, "call 0301234567", 16));
    {
        DRV_REQUESTID id = t_req();

        assert_int_equal(TSPI(TSPI_lineDevSpecific)(id, l0, 0, NULL, "call 0307654321", 16),
                         (LONG)id);
        assert_int_equal(h_result(id), LINEERR_RESOURCEUNAVAIL);
    }
    TSPI(TSPI_phoneClose)(p);
    TSPI(TSPI_lineClose)(l0);
    assert_true(h_all_completed());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_phone_display_lamp_ring, t_teardown),
        cmocka_unit_test_teardown(test_phone_follows_line, t_teardown),
        cmocka_unit_test_teardown(test_phone_ids, t_teardown),
        cmocka_unit_test_teardown(test_devspecific_inbound_and_button, t_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
