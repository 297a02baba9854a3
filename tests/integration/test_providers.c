/*
 * test_providers.c — providers while the core runs: lineGetProviderList before and after
 * start, lineAddProvider loading a second sim instance by path (LINE_CREATE / PHONE_CREATE
 * with the new device IDs, which then work), lineRemoveProvider (LINE_CLOSE to the opens,
 * LINE_REMOVE / PHONE_REMOVE to everyone, LINEERR_NODEVICE afterwards), and their errors.
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

/* The built sim.tsp, found through TAPIX_PROVIDER_PATH as the tests run it. */
static void sim_path(char *out, size_t len)
{
    const char *dirs = getenv("TAPIX_PROVIDER_PATH");
    assert_non_null(dirs);
    snprintf(out, len, "%.*s/sim.tsp", (int)strcspn(dirs, ":"), dirs);
}

/* The permanent ID and file name of each provider in a list. */
static DWORD provider_list(LINEPROVIDERENTRY *entries, char names[][64], DWORD max)
{
    unsigned char buf[1024];
    LINEPROVIDERLIST *list = (LINEPROVIDERLIST *)buf;
    list->dwTotalSize = sizeof(buf);
    assert_int_equal(lineGetProviderList(0x20002, list), 0);
    const LINEPROVIDERENTRY *e = (const LINEPROVIDERENTRY *)(buf + list->dwProviderListOffset);
    for (DWORD i = 0; i < list->dwNumProviders && i < max; i++) {
        entries[i] = e[i];
        snprintf(names[i], 64, "%s", (const char *)buf + e[i].dwProviderFilenameOffset);
    }
    return list->dwNumProviders;
}

static void provider_list_before_and_after_start(void **state)
{
    (void)state;
    LINEPROVIDERENTRY e[4];
    char names[4][64];
    support_config("[provider sim]\n");
    assert_int_equal(provider_list(e, names, 4), 1);
    assert_int_equal(e[0].dwPermanentProviderID, 1);
    assert_string_equal(names[0], "sim.tsp");
    struct test_app app;
    support_init(&app, "providers");
    assert_int_equal(provider_list(e, names, 4), 1);
    assert_string_equal(names[0], "sim.tsp");
    LINEPROVIDERLIST small = {.dwTotalSize = 8};
    assert_int_equal(lineGetProviderList(0x20002, &small), LINEERR_STRUCTURETOOSMALL);
    assert_int_equal(lineGetProviderList(0x20002, NULL), LINEERR_INVALPOINTER);
    assert_int_equal(lineGetProviderList(0x50000, &small), LINEERR_INCOMPATIBLEAPIVERSION);
    support_shutdown(&app);
}

/* Starts a phone application (to see PHONE_CREATE and PHONE_REMOVE). */
static HPHONEAPP phone_app(void)
{
    HPHONEAPP h;
    DWORD n, version = 0x00020002;
    PHONEINITIALIZEEXPARAMS p = {.dwTotalSize = sizeof(p),
                                 .dwOptions = PHONEINITIALIZEEXOPTION_USEEVENT};
    assert_int_equal(phoneInitializeEx(&h, NULL, NULL, "phones", &n, &version, &p), 0);
    return h;
}

/* Waits for a phone message `msg` whose dwParam1 is `p1`. */
static void phone_wait(HPHONEAPP h, DWORD msg, DWORD p1)
{
    PHONEMESSAGE m;
    for (;;) {
        assert_int_equal(phoneGetMessage(h, &m, SUPPORT_TIMEOUT_MS), 0);
        if (m.dwMessageID == msg && m.dwParam1 == p1)
            return;
    }
}

static void add_and_remove_a_provider(void **state)
{
    (void)state;
    char path[512];
    sim_path(path, sizeof(path));
    support_config("[provider sim]\n");
    struct test_app app, watcher;
    support_init(&app, "providers");
    support_init(&watcher, "watcher");
    HPHONEAPP phones = phone_app();
    DWORD first_new = app.num_devs, id = 0;
    assert_int_equal(lineAddProvider(path, NULL, &id), 0);
    assert_int_equal(id, 2);

    LINEMESSAGE m;
    assert_true(support_wait(&watcher, LINE_CREATE, 0, 1, first_new, &m, SUPPORT_TIMEOUT_MS));
    assert_true(support_wait(&app, LINE_CREATE, 0, 1, first_new + 3, &m, SUPPORT_TIMEOUT_MS));
    phone_wait(phones, PHONE_CREATE, first_new);
    LINEPROVIDERENTRY e[4];
    char names[4][64];
    assert_int_equal(provider_list(e, names, 4), 2);
    assert_int_equal(e[1].dwPermanentProviderID, 2);

    /* The new lines work like any other, and an open of one learns of the removal. */
    HLINE hLine = support_open(&app, first_new, LINECALLPRIVILEGE_NONE, 0);
    LINEDEVCAPS caps = {.dwTotalSize = sizeof(caps)};
    assert_int_equal(lineGetDevCaps(app.hLineApp, first_new, 0x20002, 0, &caps), 0);

    assert_int_equal(lineRemoveProvider(id, NULL), 0);
    assert_true(support_wait(&app, LINE_CLOSE, hLine, 0, 0, &m, SUPPORT_TIMEOUT_MS));
    assert_true(support_wait(&app, LINE_REMOVE, 0, 1, first_new, &m, SUPPORT_TIMEOUT_MS));
    assert_true(support_wait(&watcher, LINE_REMOVE, 0, 1, first_new + 3, &m, SUPPORT_TIMEOUT_MS));
    phone_wait(phones, PHONE_REMOVE, first_new);
    assert_int_equal(lineClose(hLine), LINEERR_INVALLINEHANDLE);
    HPHONE hPhone;
    assert_int_equal(phoneOpen(phones, first_new, &hPhone, 0x20002, 0, 0, PHONEPRIVILEGE_MONITOR),
                     PHONEERR_NODEVICE);

    /* Removed devices keep their IDs and answer LINEERR_NODEVICE; others stay unknown. */
    DWORD v;
    LINEEXTENSIONID ext;
    HLINE again;
    assert_int_equal(lineGetDevCaps(app.hLineApp, first_new, 0x20002, 0, &caps), LINEERR_NODEVICE);
    assert_int_equal(
        lineOpen(app.hLineApp, first_new, &again, 0x20002, 0, 0, LINECALLPRIVILEGE_NONE, 0, NULL),
        LINEERR_NODEVICE);
    assert_int_equal(lineNegotiateAPIVersion(app.hLineApp, first_new, 0x20000, 0x20002, &v, &ext),
                     LINEERR_NODEVICE);
    assert_int_equal(lineGetDevCaps(app.hLineApp, first_new + 4, 0x20002, 0, &caps),
                     LINEERR_BADDEVICEID);
    assert_int_equal(provider_list(e, names, 4), 1);
    assert_int_equal(lineRemoveProvider(id, NULL), LINEERR_INVALPARAM);
    /* The first provider's lines are untouched. */
    assert_int_equal(lineGetDevCaps(app.hLineApp, 0, 0x20002, 0, &caps), 0);

    /* By name, as a configuration section would name it. */
    assert_int_equal(lineAddProvider("sim", NULL, &id), 0);
    assert_int_equal(id, 3);
    assert_true(support_wait(&app, LINE_CREATE, 0, 1, first_new + 4, &m, SUPPORT_TIMEOUT_MS));
    assert_int_equal(phoneShutdown(phones), 0);
    support_shutdown(&watcher);
    support_shutdown(&app);
}

static void add_and_remove_errors(void **state)
{
    (void)state;
    support_embedded_only(); /* it starts with no core running; a server's core always runs */
    DWORD id;
    support_config("[provider sim]\n");
    assert_int_equal(lineAddProvider("sim", NULL, &id), LINEERR_OPERATIONFAILED);
    struct test_app app;
    support_init(&app, "providers");
    assert_int_equal(lineAddProvider(NULL, NULL, &id), LINEERR_INVALPOINTER);
    assert_int_equal(lineAddProvider("sim", NULL, NULL), LINEERR_INVALPOINTER);
    assert_int_equal(lineAddProvider("", NULL, &id), LINEERR_INVALPARAM);
    assert_int_equal(lineAddProvider("/nonexistent/none.tsp", NULL, &id), LINEERR_INVALPARAM);
    assert_int_equal(lineAddProvider("nosuchprovider", NULL, &id), LINEERR_INVALPARAM);
    assert_int_equal(lineRemoveProvider(0, NULL), LINEERR_INVALPARAM);
    assert_int_equal(lineRemoveProvider(77, NULL), LINEERR_INVALPARAM);
    support_shutdown(&app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(provider_list_before_and_after_start),
        cmocka_unit_test(add_and_remove_a_provider),
        cmocka_unit_test(add_and_remove_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
