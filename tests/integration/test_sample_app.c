/*
 * test_sample_app.c — a telephony application written the way Microsoft's TAPI samples are:
 * initialize, negotiate each line's version, read its capabilities with the grow-the-buffer
 * loop, open a line, make a call, wait for LINE_REPLY and CONNECTED, drop, wait for IDLE,
 * deallocate, close, shut down. If this runs, a Windows TAPI application of the same shape
 * ports with the changes tapi.h's header comment lists, and no others.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <poll.h>

#include <tapix/tapi.h>
#include <tapix/tapix.h>

/* Waits for the next message as a Windows application waits on its event handle. */
static void sample_next_message(HLINEAPP hLineApp, int event_fd, LINEMESSAGE *msg)
{
    struct pollfd pfd = {.fd = event_fd, .events = POLLIN};
    assert_int_equal(poll(&pfd, 1, 5000), 1);
    assert_int_equal(lineGetMessage(hLineApp, msg, 0), 0);
}

/* lineGetDevCaps with the reallocation loop every TAPI sample has. */
static LINEDEVCAPS *sample_get_dev_caps(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAPIVersion)
{
    DWORD dwSize = sizeof(LINEDEVCAPS);
    LINEDEVCAPS *lpCaps = NULL;
    for (;;) {
        lpCaps = realloc(lpCaps, dwSize);
        assert_non_null(lpCaps);
        memset(lpCaps, 0, dwSize);
        lpCaps->dwTotalSize = dwSize;
        assert_int_equal(lineGetDevCaps(hLineApp, dwDeviceID, dwAPIVersion, 0, lpCaps), 0);
        if (lpCaps->dwNeededSize <= lpCaps->dwTotalSize)
            return lpCaps;
        dwSize = lpCaps->dwNeededSize;
    }
}

static void sample_make_call(void **state)
{
    (void)state;
    assert_int_equal(tapix_set_config_text("[provider sim]\noutside.5550100 = answer 50\n"), 0);

    HLINEAPP hLineApp;
    DWORD dwNumDevs = 0, dwAPIVersion = 0x00020002;
    LINEINITIALIZEEXPARAMS params;
    memset(&params, 0, sizeof(params));
    params.dwTotalSize = sizeof(params);
    params.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT;
    assert_int_equal(
        lineInitializeEx(&hLineApp, NULL, NULL, "sample", &dwNumDevs, &dwAPIVersion, &params), 0);
    assert_true(dwNumDevs >= 2);
    int event_fd = TAPIX_HANDLE_TO_FD(params.Handles.hEvent);
    assert_true(event_fd >= 0);

    /* Find a line that can make interactive voice calls. */
    DWORD dwDeviceID = (DWORD)-1, dwNegotiated = 0;
    for (DWORD i = 0; i < dwNumDevs && dwDeviceID == (DWORD)-1; i++) {
        LINEEXTENSIONID ext;
        if (lineNegotiateAPIVersion(hLineApp, i, 0x00010004, 0x00020002, &dwNegotiated, &ext))
            continue;
        LINEDEVCAPS *lpCaps = sample_get_dev_caps(hLineApp, i, dwNegotiated);
        if (lpCaps->dwMediaModes & LINEMEDIAMODE_INTERACTIVEVOICE)
            dwDeviceID = i;
        assert_true(lpCaps->dwLineNameSize > 0);
        free(lpCaps);
    }
    assert_int_not_equal(dwDeviceID, (DWORD)-1);
    assert_int_equal(dwNegotiated, 0x00020002);

    HLINE hLine;
    assert_int_equal(lineOpen(hLineApp, dwDeviceID, &hLine, dwNegotiated, 0, 42,
                              LINECALLPRIVILEGE_NONE, 0, NULL),
                     0);

    HCALL hCall = 0;
    LONG lRequest = lineMakeCall(hLine, &hCall, "5550100", 0, NULL);
    assert_true(lRequest > 0);

    /* LINE_REPLY comes first, then the call's states up to CONNECTED. */
    LINEMESSAGE msg;
    int replied = 0, connected = 0;
    while (!connected) {
        sample_next_message(hLineApp, event_fd, &msg);
        if (msg.dwMessageID == LINE_REPLY) {
            assert_int_equal(msg.dwParam1, (DWORD_PTR)lRequest);
            assert_int_equal((LONG)msg.dwParam2, 0);
            assert_int_equal(msg.dwCallbackInstance, 42);
            replied = 1;
            assert_int_not_equal(hCall, 0);
        } else if (msg.dwMessageID == LINE_CALLSTATE) {
            assert_true(replied); /* no event on a call before its LINE_REPLY */
            assert_int_equal(msg.hDevice, hCall);
            connected = msg.dwParam1 == LINECALLSTATE_CONNECTED;
        }
    }

    LONG lDrop = lineDrop(hCall, NULL, 0);
    assert_true(lDrop > 0);
    int idle = 0, drop_replied = 0;
    while (!idle || !drop_replied) {
        sample_next_message(hLineApp, event_fd, &msg);
        if (msg.dwMessageID == LINE_REPLY && msg.dwParam1 == (DWORD_PTR)lDrop) {
            assert_int_equal((LONG)msg.dwParam2, 0);
            drop_replied = 1;
        }
        if (msg.dwMessageID == LINE_CALLSTATE && msg.dwParam1 == LINECALLSTATE_IDLE)
            idle = 1;
    }
    assert_int_equal(lineDeallocateCall(hCall), 0);
    assert_int_equal(lineDeallocateCall(hCall), LINEERR_INVALCALLHANDLE);
    assert_int_equal(lineClose(hLine), 0);
    assert_int_equal(lineShutdown(hLineApp), 0);
    assert_int_equal(lineShutdown(hLineApp), LINEERR_INVALAPPHANDLE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(sample_make_call)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
