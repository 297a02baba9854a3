/*
 * test_line_api.c — the line API's documented errors and its POSIX specifics: every bad
 * argument gets the LINEERR_ code Microsoft documents, stale handles are refused, a bad
 * configuration names its file and line, and the event handle is a pollable eventfd.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <poll.h>
#include <pthread.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "support.h"

static const char sim_config[] = "[provider sim]\n"
                                 "outside.5550100 = answer 0\n"
                                 "outside.5550199 = busy\n";

static int setup(void **state)
{
    static struct test_app app;
    support_config(sim_config);
    support_init(&app, "line-api");
    *state = &app;
    return 0;
}

static int teardown(void **state)
{
    support_shutdown(*state);
    return 0;
}

static void init_rejects_bad_arguments(void **state)
{
    (void)state;
    HLINEAPP h;
    DWORD n, version = 0x00020002;
    LINEINITIALIZEEXPARAMS p = {.dwTotalSize = sizeof(p),
                                .dwOptions = LINEINITIALIZEEXOPTION_USEEVENT};
    assert_int_equal(lineInitializeEx(NULL, NULL, NULL, "x", &n, &version, &p),
                     LINEERR_INVALPOINTER);
    assert_int_equal(lineInitializeEx(&h, NULL, NULL, "x", NULL, &version, &p),
                     LINEERR_INVALPOINTER);
    version = 0x00010004;
    assert_int_equal(lineInitializeEx(&h, NULL, NULL, "x", &n, &version, &p),
                     LINEERR_INCOMPATIBLEAPIVERSION);
    version = 0x00020002;
    p.dwOptions = LINEINITIALIZEEXOPTION_USEHIDDENWINDOW;
    assert_int_equal(lineInitializeEx(&h, NULL, NULL, "x", &n, &version, &p), LINEERR_INVALPARAM);
    p.dwOptions = LINEINITIALIZEEXOPTION_USECOMPLETIONPORT;
    assert_int_equal(lineInitializeEx(&h, NULL, NULL, "x", &n, &version, &p), LINEERR_INVALPARAM);
    p.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT;
    p.dwTotalSize = 8;
    assert_int_equal(lineInitializeEx(&h, NULL, NULL, "x", &n, &version, &p),
                     LINEERR_STRUCTURETOOSMALL);
    assert_int_equal(lineInitializeEx(&h, NULL, NULL, "x", &n, &version, NULL), LINEERR_INVALPARAM);
    assert_int_equal(lineInitialize(&h, NULL, NULL, "x", &n), LINEERR_OPERATIONUNAVAIL);
}

static void negotiate_and_caps_errors(void **state)
{
    struct test_app *app = *state;
    DWORD v;
    LINEEXTENSIONID ext;
    assert_int_equal(
        lineNegotiateAPIVersion(app->hLineApp, app->num_devs, 0x10004, 0x20002, &v, &ext),
        LINEERR_BADDEVICEID);
    assert_int_equal(lineNegotiateAPIVersion(app->hLineApp, 0, 0x30000, 0x30001, &v, &ext),
                     LINEERR_INCOMPATIBLEAPIVERSION);
    assert_int_equal(lineNegotiateAPIVersion(app->hLineApp + 1, 0, 0x10004, 0x20002, &v, &ext),
                     LINEERR_INVALAPPHANDLE);
    assert_int_equal(lineNegotiateAPIVersion(app->hLineApp, 0, 0x10004, 0x30001, NULL, &ext),
                     LINEERR_INVALPOINTER);
    assert_int_equal(lineNegotiateAPIVersion(app->hLineApp, 0, 0x10004, 0x30001, &v, &ext), 0);
    assert_int_equal(v, 0x00020002);

    LINEDEVCAPS small = {.dwTotalSize = 16};
    assert_int_equal(lineGetDevCaps(app->hLineApp, 0, 0x20002, 0, &small),
                     LINEERR_STRUCTURETOOSMALL);
    assert_int_equal(small.dwNeededSize, sizeof(LINEDEVCAPS));
    assert_int_equal(lineGetDevCaps(app->hLineApp, 0, 0x20002, 0, NULL), LINEERR_INVALPOINTER);
    assert_int_equal(lineGetDevCaps(app->hLineApp, 0, 0x50000, 0, &small),
                     LINEERR_INCOMPATIBLEAPIVERSION);

    /* The fixed part alone: the provider fills it and says how much more it needs. */
    LINEDEVCAPS caps = {.dwTotalSize = sizeof(LINEDEVCAPS)};
    assert_int_equal(lineGetDevCaps(app->hLineApp, 0, 0x20002, 0, &caps), 0);
    assert_true(caps.dwNeededSize > caps.dwTotalSize);
    assert_true(caps.dwUsedSize <= caps.dwTotalSize);
    assert_true(caps.dwNumAddresses >= 1);

    LINEADDRESSCAPS acaps = {.dwTotalSize = sizeof(acaps)};
    assert_int_equal(lineGetAddressCaps(app->hLineApp, 0, caps.dwNumAddresses, 0x20002, 0, &acaps),
                     LINEERR_INVALADDRESSID);
    assert_int_equal(lineGetAddressCaps(app->hLineApp, 0, 0, 0x20002, 0, &acaps), 0);
}

static void open_errors_and_stale_handles(void **state)
{
    struct test_app *app = *state;
    HLINE hLine;
    assert_int_equal(
        lineOpen(app->hLineApp, 0, NULL, 0x20002, 0, 0, LINECALLPRIVILEGE_NONE, 0, NULL),
        LINEERR_INVALPOINTER);
    assert_int_equal(lineOpen(app->hLineApp, app->num_devs, &hLine, 0x20002, 0, 0,
                              LINECALLPRIVILEGE_NONE, 0, NULL),
                     LINEERR_BADDEVICEID);
    assert_int_equal(lineOpen(app->hLineApp, 0, &hLine, 0x20002, 0, 0, 0x40, 0, NULL),
                     LINEERR_INVALPRIVSELECT);
    assert_int_equal(
        lineOpen(app->hLineApp, 0, &hLine, 0x20002, 0, 0, LINECALLPRIVILEGE_OWNER, 0, NULL),
        LINEERR_INVALMEDIAMODE);
    assert_int_equal(
        lineOpen(app->hLineApp, 0, &hLine, 0x20002, 0, 0, LINECALLPRIVILEGE_NONE, 0, NULL), 0);
    assert_int_equal(lineClose(hLine), 0);
    /* The handle is stale now, whatever reuses its slot. */
    HLINE again = support_open(app, 0, LINECALLPRIVILEGE_NONE, 0);
    assert_int_not_equal(again, hLine);
    assert_int_equal(lineClose(hLine), LINEERR_INVALLINEHANDLE);
    HCALL hCall;
    assert_int_equal(lineMakeCall(hLine, &hCall, "5550100", 0, NULL), LINEERR_INVALLINEHANDLE);
    assert_int_equal(lineMakeCall(again, NULL, "5550100", 0, NULL), LINEERR_INVALPOINTER);
    LINECALLPARAMS small_params = {.dwTotalSize = 8};
    assert_int_equal(lineMakeCall(again, &hCall, "5550100", 0, &small_params),
                     LINEERR_STRUCTURETOOSMALL);
    assert_int_equal(lineClose(again), 0);
}

static void call_state_and_privilege_errors(void **state)
{
    struct test_app *app = *state;
    HLINE hLine = support_open(app, support_line_of(app, "101"), LINECALLPRIVILEGE_NONE, 0);
    HCALL hCall = 0;
    LONG req = lineMakeCall(hLine, &hCall, "5550100", 0, NULL);
    assert_int_equal(support_reply(app, req), 0);
    support_callstate(app, hCall, LINECALLSTATE_CONNECTED);
    /* Answering a connected call is a state error; unholding it too. */
    assert_int_equal(lineAnswer(hCall, NULL, 0), LINEERR_INVALCALLSTATE);
    assert_int_equal(lineUnhold(hCall), LINEERR_INVALCALLSTATE);
    /* The sole owner may not deallocate a live call. */
    assert_int_equal(lineDeallocateCall(hCall), LINEERR_INVALCALLSTATE);
    /* As a monitor it can do nothing to the call. */
    assert_int_equal(lineSetCallPrivilege(hCall, 7), LINEERR_INVALCALLPRIVILEGE);
    assert_int_equal(lineSetCallPrivilege(hCall, LINECALLPRIVILEGE_MONITOR), 0);
    assert_int_equal(lineDrop(hCall, NULL, 0), LINEERR_NOTOWNER);
    assert_int_equal(lineSetCallPrivilege(hCall, LINECALLPRIVILEGE_OWNER), 0);
    LINECALLSTATUS status = {.dwTotalSize = 8};
    assert_int_equal(lineGetCallStatus(hCall, &status), LINEERR_STRUCTURETOOSMALL);
    status.dwTotalSize = sizeof(status);
    assert_int_equal(lineGetCallStatus(hCall, &status), 0);
    assert_int_equal(status.dwCallState, LINECALLSTATE_CONNECTED);
    assert_int_equal(status.dwCallPrivilege, LINECALLPRIVILEGE_OWNER);
    /* The time the call became connected, in UTC: this year, a plausible time of day. */
    time_t now = time(NULL);
    struct tm utc;
    gmtime_r(&now, &utc);
    assert_int_equal(status.tStateEntryTime.wYear, utc.tm_year + 1900);
    assert_in_range(status.tStateEntryTime.wMonth, 1, 12);
    assert_in_range(status.tStateEntryTime.wHour, 0, 23);
    assert_int_equal(support_reply(app, lineDrop(hCall, NULL, 0)), 0);
    support_callstate(app, hCall, LINECALLSTATE_IDLE);
    assert_int_equal(lineDeallocateCall(hCall), 0);
    assert_int_equal(lineDrop(hCall, NULL, 0), LINEERR_INVALCALLHANDLE);
    assert_int_equal(lineClose(hLine), 0);
}

static void busy_number_reports_busy(void **state)
{
    struct test_app *app = *state;
    HLINE hLine = support_open(app, support_line_of(app, "101"), LINECALLPRIVILEGE_NONE, 0);
    HCALL hCall = 0;
    assert_int_equal(support_reply(app, lineMakeCall(hLine, &hCall, "5550199", 0, NULL)), 0);
    support_callstate(app, hCall, LINECALLSTATE_BUSY);
    assert_int_equal(support_reply(app, lineDrop(hCall, NULL, 0)), 0);
    support_callstate(app, hCall, LINECALLSTATE_IDLE);
    assert_int_equal(lineDeallocateCall(hCall), 0);
    assert_int_equal(lineClose(hLine), 0);
}

static void event_fd_follows_the_queue(void **state)
{
    struct test_app *app = *state;
    support_drain(app);
    struct pollfd pfd = {.fd = app->event_fd, .events = POLLIN};
    assert_int_equal(poll(&pfd, 1, 0), 0);
    LINEMESSAGE m;
    assert_int_equal(lineGetMessage(app->hLineApp, &m, 0), LINEERR_OPERATIONFAILED);
    assert_int_equal(lineGetMessage(app->hLineApp, &m, 20), LINEERR_OPERATIONFAILED);
    assert_int_equal(lineGetMessage(app->hLineApp, NULL, 0), LINEERR_INVALPOINTER);
    HLINE hLine = support_open(app, support_line_of(app, "101"), LINECALLPRIVILEGE_NONE, 0);
    HCALL hCall;
    LONG req = lineMakeCall(hLine, &hCall, "5550100", 0, NULL);
    assert_true(req > 0);
    assert_int_equal(poll(&pfd, 1, 2000), 1);
    assert_int_equal(support_reply(app, req), 0);
    support_callstate(app, hCall, LINECALLSTATE_CONNECTED);
    assert_int_equal(lineClose(hLine), 0); /* closing the line drops and frees the call */
    support_drain(app);
    assert_int_equal(poll(&pfd, 1, 0), 0);
    assert_int_equal(lineDeallocateCall(hCall), LINEERR_INVALCALLHANDLE);
}

static void line_status_lists_the_applications(void **state)
{
    struct test_app *app = *state;
    struct test_app other;
    support_init(&other, "second-app");
    DWORD id = support_line_of(app, "102");
    HLINE mine = support_open(app, id, LINECALLPRIVILEGE_NONE, 0);
    HLINE theirs = support_open(&other, id, LINECALLPRIVILEGE_OWNER,
                                LINEMEDIAMODE_INTERACTIVEVOICE | LINEMEDIAMODE_DATAMODEM);
    LINEDEVSTATUS fixed = {.dwTotalSize = sizeof(LINEDEVSTATUS)};
    assert_int_equal(lineGetLineDevStatus(mine, &fixed), 0);
    assert_int_equal(fixed.dwNumOpens, 2);
    assert_true(fixed.dwNeededSize > fixed.dwUsedSize);
    assert_int_equal(fixed.dwAppInfoSize, 0);
    LINEDEVSTATUS *status = calloc(1, fixed.dwNeededSize);
    status->dwTotalSize = fixed.dwNeededSize;
    assert_int_equal(lineGetLineDevStatus(mine, status), 0);
    assert_int_equal(status->dwUsedSize, status->dwNeededSize);
    assert_int_equal(status->dwAppInfoSize, 2 * sizeof(LINEAPPINFO));
    assert_true(status->dwOpenMediaModes & LINEMEDIAMODE_DATAMODEM);
    const LINEAPPINFO *info = (const LINEAPPINFO *)((const char *)status + status->dwAppInfoOffset);
    int seen_line_api = 0, seen_second = 0;
    for (int i = 0; i < 2; i++) {
        const char *name = (const char *)status + info[i].dwFriendlyNameOffset;
        assert_true(info[i].dwFriendlyNameSize == strlen(name) + 1);
        assert_true(info[i].dwUserNameSize > 1);
        assert_true(info[i].dwModuleFilenameSize > 1);
        seen_line_api |= strcmp(name, "line-api") == 0;
        if (strcmp(name, "second-app") == 0) {
            seen_second = 1;
            assert_int_equal(info[i].dwMediaModes,
                             LINEMEDIAMODE_INTERACTIVEVOICE | LINEMEDIAMODE_DATAMODEM);
        }
    }
    assert_true(seen_line_api && seen_second);
    free(status);
    assert_int_equal(lineClose(theirs), 0);
    assert_int_equal(lineClose(mine), 0);
    support_shutdown(&other);
}

struct waiter {
    HLINEAPP hLineApp;
    LONG result;
};

static void *wait_forever(void *arg)
{
    struct waiter *w = arg;
    LINEMESSAGE m;
    w->result = lineGetMessage(w->hLineApp, &m, 0xFFFFFFFF);
    return NULL;
}

static void shutdown_wakes_a_waiting_thread(void **state)
{
    (void)state;
    struct test_app other;
    support_init(&other, "waiter");
    struct waiter w = {.hLineApp = other.hLineApp, .result = 1};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, wait_forever, &w), 0);
    usleep(50000);
    assert_int_equal(lineShutdown(other.hLineApp), 0);
    pthread_join(t, NULL);
    assert_int_equal(w.result, LINEERR_INVALAPPHANDLE);
}

static void bad_configuration_names_file_and_line(void **state)
{
    (void)state;
    support_embedded_only(); /* the configuration a server reads is its own */
    /* Only while no application is initialized does the configuration apply; use a new core. */
    struct test_app *app = *state;
    support_shutdown(app);
    char path[] = "/tmp/tapix-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char bad[] = "[provider sim]\nextensions = 101-104\nbogus_key = 1\n";
    assert_int_equal(write(fd, bad, sizeof(bad) - 1), (ssize_t)(sizeof(bad) - 1));
    close(fd);
    support_config(NULL);
    setenv("TAPIX_CONFIG", path, 1);
    HLINEAPP h;
    DWORD n, version = 0x00020002;
    LINEINITIALIZEEXPARAMS p = {.dwTotalSize = sizeof(p),
                                .dwOptions = LINEINITIALIZEEXOPTION_USEEVENT};
    assert_int_equal(lineInitializeEx(&h, NULL, NULL, "x", &n, &version, &p),
                     LINEERR_INIFILECORRUPT);
    char why[512];
    tapix_last_error(why, sizeof(why));
    char expected[600];
    snprintf(expected, sizeof(expected), "%s:3", path);
    assert_non_null(strstr(why, expected));
    assert_non_null(strstr(why, "bogus_key"));

    const char unknown_section[] = "[providers sim]\n";
    fd = open(path, O_WRONLY | O_TRUNC);
    assert_int_equal(write(fd, unknown_section, sizeof(unknown_section) - 1),
                     (ssize_t)(sizeof(unknown_section) - 1));
    close(fd);
    assert_int_equal(lineInitializeEx(&h, NULL, NULL, "x", &n, &version, &p),
                     LINEERR_INIFILECORRUPT);
    tapix_last_error(why, sizeof(why));
    snprintf(expected, sizeof(expected), "%s:1: unknown section", path);
    assert_non_null(strstr(why, expected));

    const char missing_provider[] = "[provider nosuch]\n";
    fd = open(path, O_WRONLY | O_TRUNC);
    assert_int_equal(write(fd, missing_provider, sizeof(missing_provider) - 1),
                     (ssize_t)(sizeof(missing_provider) - 1));
    close(fd);
    assert_int_equal(lineInitializeEx(&h, NULL, NULL, "x", &n, &version, &p), LINEERR_NODRIVER);
    tapix_last_error(why, sizeof(why));
    assert_non_null(strstr(why, "nosuch.tsp not found"));
    unlink(path);
    unsetenv("TAPIX_CONFIG");
    support_config(sim_config);
    support_init(app, "line-api");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(init_rejects_bad_arguments),
        cmocka_unit_test(negotiate_and_caps_errors),
        cmocka_unit_test(open_errors_and_stale_handles),
        cmocka_unit_test(call_state_and_privilege_errors),
        cmocka_unit_test(busy_number_reports_busy),
        cmocka_unit_test(event_fd_follows_the_queue),
        cmocka_unit_test(line_status_lists_the_applications),
        cmocka_unit_test(shutdown_wakes_a_waiting_thread),
        cmocka_unit_test(bad_configuration_names_file_and_line),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
