/*
 * support.c — shared helpers of the integration tests (see support.h).
 */
#include "support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

void support_embedded_only(void)
{
    if (getenv("TAPIX_SERVER"))
        skip();
}

void support_config(const char *ini_text)
{
    assert_int_equal(tapix_set_config_text(ini_text), 0);
}

void support_init(struct test_app *app, const char *name)
{
    memset(app, 0, sizeof(*app));
    LINEINITIALIZEEXPARAMS params = {.dwTotalSize = sizeof(params),
                                     .dwOptions = LINEINITIALIZEEXOPTION_USEEVENT};
    DWORD version = 0x00020002;
    LONG rc = lineInitializeEx(&app->hLineApp, NULL, NULL, name, &app->num_devs, &version, &params);
    if (rc != 0) {
        char why[512];
        tapix_last_error(why, sizeof(why));
        print_error("lineInitializeEx: 0x%08x %s\n", (unsigned)rc, why);
    }
    assert_int_equal(rc, 0);
    app->event_fd = TAPIX_HANDLE_TO_FD(params.Handles.hEvent);
}

void support_shutdown(struct test_app *app)
{
    assert_int_equal(lineShutdown(app->hLineApp), 0);
}

/* Fetches one message into the seen list; 0 on timeout. */
static int support_fetch(struct test_app *app, DWORD timeout_ms)
{
    LINEMESSAGE m = {0};
    if (lineGetMessage(app->hLineApp, &m, timeout_ms) != 0)
        return 0;
    assert_true(app->num_seen < SUPPORT_MAX_SEEN);
    app->seen[app->num_seen++] = m;
    return 1;
}

/* Finds and consumes the oldest unconsumed match; 0 when there is none yet. */
static int support_find(struct test_app *app, DWORD msg_id, DWORD hDevice, int match_param1,
                        DWORD_PTR param1, LINEMESSAGE *out)
{
    for (unsigned i = 0; i < app->num_seen; i++) {
        const LINEMESSAGE *m = &app->seen[i];
        if (app->consumed[i] || m->dwMessageID != msg_id || (hDevice && m->hDevice != hDevice) ||
            (match_param1 && m->dwParam1 != param1))
            continue;
        app->consumed[i] = 1;
        if (out)
            *out = *m;
        return 1;
    }
    return 0;
}

int support_wait(struct test_app *app, DWORD msg_id, DWORD hDevice, int match_param1,
                 DWORD_PTR param1, LINEMESSAGE *out, DWORD timeout_ms)
{
    for (;;) {
        if (support_find(app, msg_id, hDevice, match_param1, param1, out))
            return 1;
        if (!support_fetch(app, timeout_ms))
            return 0;
    }
}

LONG support_reply(struct test_app *app, LONG request_id)
{
    if (request_id <= 0)
        fail_msg("the request failed at once: 0x%08x", (unsigned)request_id);
    LINEMESSAGE m = {0};
    if (!support_wait(app, LINE_REPLY, 0, 1, (DWORD_PTR)request_id, &m, SUPPORT_TIMEOUT_MS))
        fail_msg("no LINE_REPLY for request %d", request_id);
    return (LONG)m.dwParam2;
}

DWORD support_callstate(struct test_app *app, HCALL hCall, DWORD state)
{
    LINEMESSAGE m = {0};
    if (!support_wait(app, LINE_CALLSTATE, hCall, 1, state, &m, SUPPORT_TIMEOUT_MS))
        fail_msg("call 0x%x never reached state 0x%x", hCall, state);
    return (DWORD)m.dwParam2;
}

HCALL support_incoming(struct test_app *app)
{
    LINEMESSAGE m = {0};
    if (!support_wait(app, LINE_APPNEWCALL, 0, 0, 0, &m, SUPPORT_TIMEOUT_MS))
        fail_msg("no incoming call");
    return (HCALL)m.dwParam2;
}

HLINE support_open(struct test_app *app, DWORD id, DWORD privileges, DWORD media)
{
    HLINE hLine = 0;
    LONG rc = lineOpen(app->hLineApp, id, &hLine, 0x00020002, 0, 0, privileges, media, NULL);
    assert_int_equal(rc, 0);
    assert_int_not_equal(hLine, 0);
    return hLine;
}

/* Reads the caps of one line into a buffer large enough for them, reallocating as TAPI asks. */
static LINEDEVCAPS *support_caps(struct test_app *app, DWORD id)
{
    DWORD size = sizeof(LINEDEVCAPS);
    for (;;) {
        LINEDEVCAPS *caps = calloc(1, size);
        assert_non_null(caps);
        caps->dwTotalSize = size;
        assert_int_equal(lineGetDevCaps(app->hLineApp, id, 0x00020002, 0, caps), 0);
        if (caps->dwNeededSize <= caps->dwTotalSize)
            return caps;
        size = caps->dwNeededSize;
        free(caps);
    }
}

DWORD support_line_of(struct test_app *app, const char *address)
{
    for (DWORD id = 0; id < app->num_devs; id++) {
        LINEDEVCAPS *caps = support_caps(app, id);
        const char *name = caps->dwLineNameSize ? (const char *)caps + caps->dwLineNameOffset : "";
        int found = strstr(name, address) != NULL;
        free(caps);
        if (found)
            return id;
    }
    fail_msg("no line for %s", address);
    return 0;
}

void support_drain(struct test_app *app)
{
    while (support_fetch(app, 0))
        ;
    for (unsigned i = 0; i < app->num_seen; i++)
        app->consumed[i] = 1;
}

int support_saw_state(const struct test_app *app, HCALL hCall, DWORD state)
{
    for (unsigned i = 0; i < app->num_seen; i++)
        if (app->seen[i].dwMessageID == LINE_CALLSTATE && app->seen[i].hDevice == hCall &&
            app->seen[i].dwParam1 == state)
            return 1;
    return 0;
}
