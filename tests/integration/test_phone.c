/*
 * test_phone.c — the phone API against the sim provider's desk phones, as an application uses
 * it: initialization and messages, version negotiation, capabilities, one owner and several
 * monitors, the hookswitch, display, lamps, ringer and buttons with their PHONE_REPLY and
 * PHONE_STATE messages, and every documented error with its exact PHONEERR_ code, stale
 * handles included.
 *
 * The sim's default switch has extensions 101-104, each with a line and a phone: 2x40
 * display, keypad buttons 0-11 (no lamps), feature buttons 12-15 (Hold, Transfer,
 * Conference, Drop), one call-appearance button per address from 16, a handset and a speaker,
 * one ring mode, and neither volume, gain nor data areas. Its phoneDevSpecific presses a
 * button (a DWORD button ID), which is how PHONE_BUTTON is driven here.
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
#include <unistd.h>

#include <tapix/tapi.h>
#include <tapix/tapix.h>

#define PH_TIMEOUT_MS 5000
#define PH_MAX_SEEN   256
#define PH_VERSION    0x00020002
#define PH_INSTANCE_A 0xA0A0
#define PH_INSTANCE_B 0xB0B0
#define PH_NO_HANDLE  0xFFFFFFF0u /* no handle the core gives out */

/* Buttons of a sim phone (see the file comment). */
#define PH_BUTTON_HOLD     12
#define PH_BUTTON_TRANSFER 13
#define PH_NUM_BUTTONS     17

/** One phone application and the messages it received, in order. */
struct ph_app {
    HPHONEAPP hApp;
    DWORD num_devs;
    int event_fd;
    PHONEMESSAGE seen[PH_MAX_SEEN];
    unsigned char consumed[PH_MAX_SEEN];
    unsigned num_seen;
};

/** What every test starts with: two applications, an owner's and a monitor's open of phone 0. */
struct ph_fixture {
    struct ph_app a, b;
    HPHONE owner, monitor;
};

static void ph_init(struct ph_app *app, const char *name)
{
    memset(app, 0, sizeof(*app));
    PHONEINITIALIZEEXPARAMS params = {.dwTotalSize = sizeof(params),
                                      .dwOptions = PHONEINITIALIZEEXOPTION_USEEVENT};
    DWORD version = PH_VERSION;
    LONG rc = phoneInitializeEx(&app->hApp, NULL, NULL, name, &app->num_devs, &version, &params);
    if (rc != 0) {
        char why[512];
        tapix_last_error(why, sizeof(why));
        print_error("phoneInitializeEx: 0x%08x %s\n", (unsigned)rc, why);
    }
    assert_int_equal(rc, 0);
    assert_int_equal(version, PH_VERSION);
    app->event_fd = TAPIX_HANDLE_TO_FD(params.Handles.hEvent);
}

/* Fetches one message into the seen list; 0 on timeout. */
static int ph_fetch(struct ph_app *app, DWORD timeout_ms)
{
    PHONEMESSAGE m;
    if (phoneGetMessage(app->hApp, &m, timeout_ms) != 0)
        return 0;
    assert_true(app->num_seen < PH_MAX_SEEN);
    app->seen[app->num_seen++] = m;
    return 1;
}

/* Finds and consumes the oldest unconsumed message that matches; NULL when none came yet. */
static const PHONEMESSAGE *ph_find(struct ph_app *app, DWORD msg, DWORD hDevice, DWORD_PTR p1)
{
    for (unsigned i = 0; i < app->num_seen; i++) {
        const PHONEMESSAGE *m = &app->seen[i];
        if (!app->consumed[i] && m->dwMessageID == msg && m->hDevice == hDevice &&
            m->dwParam1 == p1) {
            app->consumed[i] = 1;
            return m;
        }
    }
    return NULL;
}

/* Waits up to `timeout_ms` for message `msg` on `hDevice` with dwParam1 `p1`; NULL if none. */
static const PHONEMESSAGE *ph_wait(struct ph_app *app, DWORD msg, DWORD hDevice, DWORD_PTR p1,
                                   DWORD timeout_ms)
{
    const PHONEMESSAGE *m;
    while (!(m = ph_find(app, msg, hDevice, p1)))
        if (!ph_fetch(app, timeout_ms))
            return NULL;
    return m;
}

/* Waits for the PHONE_REPLY of `request` (asserting it comes) and returns its result. */
static LONG ph_reply(struct ph_app *app, LONG request)
{
    assert_true(request > 0);
    const PHONEMESSAGE *m = ph_wait(app, PHONE_REPLY, 0, (DWORD_PTR)request, PH_TIMEOUT_MS);
    assert_non_null(m);
    return (LONG)m->dwParam2;
}

/* Waits for PHONE_STATE(state) on hPhone (asserting it comes); returns its dwParam2. */
static DWORD_PTR ph_state(struct ph_app *app, HPHONE hPhone, DWORD state, DWORD_PTR instance)
{
    const PHONEMESSAGE *m = ph_wait(app, PHONE_STATE, hPhone, state, PH_TIMEOUT_MS);
    assert_non_null(m);
    assert_int_equal(m->dwCallbackInstance, instance);
    return m->dwParam2;
}

/* Takes everything already queued, so that later checks see only what comes next. */
static void ph_drain(struct ph_app *app)
{
    while (ph_fetch(app, 0))
        ;
    memset(app->consumed, 1, app->num_seen);
}

static int ph_setup(void **state)
{
    struct ph_fixture *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    assert_int_equal(tapix_set_config_text("[provider sim]\n"), 0);
    ph_init(&f->a, "phone-owner");
    ph_init(&f->b, "phone-monitor");
    assert_int_equal(
        phoneOpen(f->a.hApp, 0, &f->owner, PH_VERSION, 0, PH_INSTANCE_A, PHONEPRIVILEGE_OWNER), 0);
    assert_int_equal(
        phoneOpen(f->b.hApp, 0, &f->monitor, PH_VERSION, 0, PH_INSTANCE_B, PHONEPRIVILEGE_MONITOR),
        0);
    *state = f;
    return 0;
}

static int ph_teardown(void **state)
{
    struct ph_fixture *f = *state;
    assert_int_equal(phoneShutdown(f->b.hApp), 0);
    assert_int_equal(phoneShutdown(f->a.hApp), 0);
    free(f);
    return 0;
}

static void init_rejects_bad_arguments(void **state)
{
    (void)state;
    HPHONEAPP h;
    DWORD n, version = PH_VERSION;
    PHONEINITIALIZEEXPARAMS p = {.dwTotalSize = sizeof(p),
                                 .dwOptions = PHONEINITIALIZEEXOPTION_USEEVENT};
    assert_int_equal(phoneInitializeEx(NULL, NULL, NULL, "x", &n, &version, &p),
                     PHONEERR_INVALPOINTER);
    assert_int_equal(phoneInitializeEx(&h, NULL, NULL, "x", NULL, &version, &p),
                     PHONEERR_INVALPOINTER);
    assert_int_equal(phoneInitializeEx(&h, NULL, NULL, "x", &n, NULL, &p), PHONEERR_INVALPOINTER);
    version = 0x00010004;
    assert_int_equal(phoneInitializeEx(&h, NULL, NULL, "x", &n, &version, &p),
                     PHONEERR_INCOMPATIBLEAPIVERSION);
    version = PH_VERSION;
    p.dwOptions = PHONEINITIALIZEEXOPTION_USEHIDDENWINDOW;
    assert_int_equal(phoneInitializeEx(&h, NULL, NULL, "x", &n, &version, &p), PHONEERR_INVALPARAM);
    p.dwOptions = PHONEINITIALIZEEXOPTION_USECOMPLETIONPORT;
    assert_int_equal(phoneInitializeEx(&h, NULL, NULL, "x", &n, &version, &p), PHONEERR_INVALPARAM);
    p.dwOptions = PHONEINITIALIZEEXOPTION_USEEVENT;
    p.dwTotalSize = 8;
    assert_int_equal(phoneInitializeEx(&h, NULL, NULL, "x", &n, &version, &p),
                     PHONEERR_STRUCTURETOOSMALL);
    assert_int_equal(phoneInitializeEx(&h, NULL, NULL, "x", &n, &version, NULL),
                     PHONEERR_INVALPARAM);
    assert_int_equal(phoneInitialize(&h, NULL, NULL, "x", &n), PHONEERR_OPERATIONUNAVAIL);
}

static void initialize_and_shutdown(void **state)
{
    (void)state;
    struct ph_app app;
    assert_int_equal(tapix_set_config_text("[provider sim]\n"), 0);
    ph_init(&app, "phone-init");
    assert_int_equal(app.num_devs, 4);
    assert_true(app.event_fd >= 0);
    PHONEMESSAGE m;
    assert_int_equal(phoneGetMessage(app.hApp, NULL, 0), PHONEERR_INVALPOINTER);
    assert_int_equal(phoneGetMessage(app.hApp, &m, 0), PHONEERR_OPERATIONFAILED);
    assert_int_equal(phoneGetMessage(app.hApp, &m, 20), PHONEERR_OPERATIONFAILED);
    assert_int_equal(phoneShutdown(PH_NO_HANDLE), PHONEERR_INVALAPPHANDLE);
    assert_int_equal(phoneShutdown(app.hApp), 0);
    assert_int_equal(phoneShutdown(app.hApp), PHONEERR_INVALAPPHANDLE);
    assert_int_equal(phoneGetMessage(app.hApp, &m, 0), PHONEERR_INVALAPPHANDLE);
}

static void line_and_phone_apps_are_apart(void **state)
{
    struct ph_fixture *f = *state;
    HLINEAPP hLineApp;
    DWORD n, version = PH_VERSION, v;
    LINEINITIALIZEEXPARAMS p = {.dwTotalSize = sizeof(p),
                                .dwOptions = LINEINITIALIZEEXOPTION_USEEVENT};
    assert_int_equal(lineInitializeEx(&hLineApp, NULL, NULL, "line", &n, &version, &p), 0);
    PHONEEXTENSIONID ext;
    assert_int_equal(phoneNegotiateAPIVersion(hLineApp, 0, 0x10003, PH_VERSION, &v, &ext),
                     PHONEERR_INVALAPPHANDLE);
    assert_int_equal(phoneShutdown(hLineApp), PHONEERR_INVALAPPHANDLE);
    assert_int_equal(lineShutdown(f->a.hApp), LINEERR_INVALAPPHANDLE);
    assert_int_equal(lineShutdown(hLineApp), 0);
}

struct ph_waiter {
    HPHONEAPP hApp;
    LONG rc;
};

static void *ph_wait_forever(void *arg)
{
    struct ph_waiter *w = arg;
    PHONEMESSAGE m;
    w->rc = phoneGetMessage(w->hApp, &m, 0xFFFFFFFF);
    return NULL;
}

static void shutdown_wakes_a_waiting_thread(void **state)
{
    (void)state;
    struct ph_app app;
    assert_int_equal(tapix_set_config_text("[provider sim]\n"), 0);
    ph_init(&app, "phone-waiter");
    struct ph_waiter w = {.hApp = app.hApp, .rc = 1};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, ph_wait_forever, &w), 0);
    usleep(50 * 1000);
    assert_int_equal(phoneShutdown(app.hApp), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_int_equal(w.rc, PHONEERR_INVALAPPHANDLE);
}

static void negotiate_versions(void **state)
{
    struct ph_fixture *f = *state;
    HPHONEAPP h = f->a.hApp;
    DWORD v = 0;
    PHONEEXTENSIONID ext;
    memset(&ext, 0xFF, sizeof(ext));
    assert_int_equal(phoneNegotiateAPIVersion(h, 0, 0x10003, 0x30001, &v, &ext), 0);
    assert_int_equal(v, PH_VERSION);
    assert_int_equal(
        ext.dwExtensionID0 | ext.dwExtensionID1 | ext.dwExtensionID2 | ext.dwExtensionID3, 0);
    assert_int_equal(phoneNegotiateAPIVersion(h, 3, 0x20001, 0x20001, &v, &ext), 0);
    assert_int_equal(v, 0x20001);
    assert_int_equal(phoneNegotiateAPIVersion(h, 0, 0x20002, 0x20000, &v, &ext),
                     PHONEERR_INCOMPATIBLEAPIVERSION);
    assert_int_equal(phoneNegotiateAPIVersion(h, 0, 0x30000, 0x30001, &v, &ext),
                     PHONEERR_INCOMPATIBLEAPIVERSION);
    assert_int_equal(phoneNegotiateAPIVersion(h, 4, 0x10003, PH_VERSION, &v, &ext),
                     PHONEERR_BADDEVICEID);
    assert_int_equal(phoneNegotiateAPIVersion(PH_NO_HANDLE, 0, 0x10003, PH_VERSION, &v, &ext),
                     PHONEERR_INVALAPPHANDLE);
    assert_int_equal(phoneNegotiateAPIVersion(h, 0, 0x10003, PH_VERSION, NULL, &ext),
                     PHONEERR_INVALPOINTER);
    assert_int_equal(phoneNegotiateAPIVersion(h, 0, 0x10003, PH_VERSION, &v, NULL),
                     PHONEERR_INVALPOINTER);
    /* The sim has no device-specific extensions. */
    assert_int_equal(phoneNegotiateExtVersion(h, 0, PH_VERSION, 1, 2, &v),
                     PHONEERR_OPERATIONUNAVAIL);
    assert_int_equal(phoneNegotiateExtVersion(h, 0, 0x30000, 1, 2, &v),
                     PHONEERR_INCOMPATIBLEAPIVERSION);
    assert_int_equal(phoneNegotiateExtVersion(h, 9, PH_VERSION, 1, 2, &v), PHONEERR_BADDEVICEID);
    assert_int_equal(phoneNegotiateExtVersion(PH_NO_HANDLE, 0, PH_VERSION, 1, 2, &v),
                     PHONEERR_INVALAPPHANDLE);
    assert_int_equal(phoneNegotiateExtVersion(h, 0, PH_VERSION, 1, 2, NULL), PHONEERR_INVALPOINTER);
}

/* A string field of a variable-size structure, checked to lie inside it and end in NUL. */
static const char *ph_string(const void *structure, DWORD size, DWORD offset)
{
    const DWORD *header = structure;
    assert_true(size > 0);
    assert_true(offset + size <= header[2]); /* within dwUsedSize */
    const char *s = (const char *)structure + offset;
    assert_int_equal(s[size - 1], '\0');
    return s;
}

static void caps_grow_to_needed_size(void **state)
{
    struct ph_fixture *f = *state;
    DWORD size = sizeof(PHONECAPS);
    PHONECAPS *caps = NULL;
    for (int round = 0;; round++) {
        assert_true(round < 3);
        caps = realloc(caps, size);
        assert_non_null(caps);
        memset(caps, 0, size);
        caps->dwTotalSize = size;
        assert_int_equal(phoneGetDevCaps(f->a.hApp, 0, PH_VERSION, 0, caps), 0);
        assert_true(caps->dwUsedSize <= caps->dwTotalSize);
        if (caps->dwNeededSize <= caps->dwTotalSize)
            break;
        assert_int_equal(round, 0); /* the fixed size cannot hold the names */
        size = caps->dwNeededSize;
    }
    assert_int_equal(caps->dwUsedSize, caps->dwNeededSize);
    const char *name = ph_string(caps, caps->dwPhoneNameSize, caps->dwPhoneNameOffset);
    assert_non_null(strstr(name, "101"));
    assert_int_equal(caps->dwNumButtonLamps, PH_NUM_BUTTONS);
    assert_int_equal(caps->dwDisplayNumRows, 2);
    assert_int_equal(caps->dwDisplayNumColumns, 40);
    assert_int_equal(caps->dwHookSwitchDevs,
                     PHONEHOOKSWITCHDEV_HANDSET | PHONEHOOKSWITCHDEV_SPEAKER);
    /* The core reports owners and monitors itself. */
    assert_true(caps->dwPhoneStates & PHONESTATE_OWNER);
    assert_true(caps->dwPhoneStates & PHONESTATE_MONITORS);
    assert_int_equal(caps->dwButtonModesSize, PH_NUM_BUTTONS * sizeof(DWORD));
    free(caps);
}

static void caps_errors(void **state)
{
    struct ph_fixture *f = *state;
    PHONECAPS caps = {.dwTotalSize = 3 * sizeof(DWORD)};
    assert_int_equal(phoneGetDevCaps(f->a.hApp, 0, PH_VERSION, 0, &caps),
                     PHONEERR_STRUCTURETOOSMALL);
    assert_int_equal(caps.dwNeededSize, sizeof(PHONECAPS));
    caps.dwTotalSize = sizeof(caps);
    assert_int_equal(phoneGetDevCaps(f->a.hApp, 0, PH_VERSION, 0, NULL), PHONEERR_INVALPOINTER);
    assert_int_equal(phoneGetDevCaps(f->a.hApp, 4, PH_VERSION, 0, &caps), PHONEERR_BADDEVICEID);
    assert_int_equal(phoneGetDevCaps(f->a.hApp, 0, 0x30000, 0, &caps),
                     PHONEERR_INCOMPATIBLEAPIVERSION);
    assert_int_equal(phoneGetDevCaps(f->a.hApp, 0, 0x10002, 0, &caps),
                     PHONEERR_INCOMPATIBLEAPIVERSION);
    assert_int_equal(phoneGetDevCaps(0, 0, PH_VERSION, 0, &caps), PHONEERR_INVALAPPHANDLE);
    /* The sim has no extensions to ask caps under. */
    assert_int_equal(phoneGetDevCaps(f->a.hApp, 0, PH_VERSION, 0x00010000, &caps),
                     PHONEERR_INCOMPATIBLEEXTVERSION);
}

static void open_errors(void **state)
{
    struct ph_fixture *f = *state;
    HPHONE h;
    HPHONEAPP a = f->a.hApp, b = f->b.hApp;
    /* One owner at a time, whoever asks. */
    assert_int_equal(phoneOpen(b, 0, &h, PH_VERSION, 0, 0, PHONEPRIVILEGE_OWNER), PHONEERR_INUSE);
    assert_int_equal(phoneOpen(a, 0, &h, PH_VERSION, 0, 0, PHONEPRIVILEGE_OWNER), PHONEERR_INUSE);
    assert_int_equal(phoneOpen(b, 0, &h, PH_VERSION, 0, 0, 0), PHONEERR_INVALPRIVILEGE);
    assert_int_equal(
        phoneOpen(b, 0, &h, PH_VERSION, 0, 0, PHONEPRIVILEGE_OWNER | PHONEPRIVILEGE_MONITOR),
        PHONEERR_INVALPRIVILEGE);
    assert_int_equal(phoneOpen(b, 0, &h, PH_VERSION, 0, 0, 4), PHONEERR_INVALPRIVILEGE);
    assert_int_equal(phoneOpen(b, 0, NULL, PH_VERSION, 0, 0, PHONEPRIVILEGE_MONITOR),
                     PHONEERR_INVALPOINTER);
    assert_int_equal(phoneOpen(b, 4, &h, PH_VERSION, 0, 0, PHONEPRIVILEGE_MONITOR),
                     PHONEERR_BADDEVICEID);
    assert_int_equal(phoneOpen(b, 0, &h, 0x30000, 0, 0, PHONEPRIVILEGE_MONITOR),
                     PHONEERR_INCOMPATIBLEAPIVERSION);
    assert_int_equal(phoneOpen(b, 0, &h, PH_VERSION, 0x00010000, 0, PHONEPRIVILEGE_MONITOR),
                     PHONEERR_INCOMPATIBLEEXTVERSION);
    assert_int_equal(phoneOpen(PH_NO_HANDLE, 0, &h, PH_VERSION, 0, 0, PHONEPRIVILEGE_MONITOR),
                     PHONEERR_INVALAPPHANDLE);
    /* Another phone has no owner yet. */
    assert_int_equal(phoneOpen(b, 1, &h, PH_VERSION, 0, 0, PHONEPRIVILEGE_OWNER), 0);
    assert_int_equal(phoneClose(h), 0);
}

static void owners_and_monitors_are_counted(void **state)
{
    struct ph_fixture *f = *state;
    PHONESTATUS *st = calloc(1, 1024);
    assert_non_null(st);
    st->dwTotalSize = 1024;
    assert_int_equal(phoneGetStatus(f->monitor, st), 0);
    assert_int_equal(st->dwNumOwners, 1);
    assert_int_equal(st->dwNumMonitors, 1);
    assert_string_equal(ph_string(st, st->dwOwnerNameSize, st->dwOwnerNameOffset), "phone-owner");
    assert_int_equal(st->dwStatusFlags & PHONESTATUSFLAGS_CONNECTED, PHONESTATUSFLAGS_CONNECTED);

    /* Opens that ask hear of monitors and owners coming and going. */
    assert_int_equal(phoneSetStatusMessages(f->owner, PHONESTATE_MONITORS, 0, 0), 0);
    assert_int_equal(phoneSetStatusMessages(f->monitor, PHONESTATE_OWNER, 0, 0), 0);
    HPHONE second;
    assert_int_equal(phoneOpen(f->b.hApp, 0, &second, PH_VERSION, 0, 7, PHONEPRIVILEGE_MONITOR), 0);
    assert_int_equal(ph_state(&f->a, f->owner, PHONESTATE_MONITORS, PH_INSTANCE_A), 2);
    assert_int_equal(phoneClose(second), 0);
    assert_int_equal(ph_state(&f->a, f->owner, PHONESTATE_MONITORS, PH_INSTANCE_A), 1);
    assert_int_equal(phoneClose(f->owner), 0);
    assert_int_equal(ph_state(&f->b, f->monitor, PHONESTATE_OWNER, PH_INSTANCE_B), 0);

    memset(st, 0, 1024);
    st->dwTotalSize = 1024;
    assert_int_equal(phoneGetStatus(f->monitor, st), 0);
    assert_int_equal(st->dwNumOwners, 0);
    assert_int_equal(st->dwOwnerNameSize, 0);
    /* The phone is free to own again. */
    assert_int_equal(
        phoneOpen(f->a.hApp, 0, &f->owner, PH_VERSION, 0, PH_INSTANCE_A, PHONEPRIVILEGE_OWNER), 0);
    assert_int_equal(ph_state(&f->b, f->monitor, PHONESTATE_OWNER, PH_INSTANCE_B), 1);
    free(st);
}

static void status_errors(void **state)
{
    struct ph_fixture *f = *state;
    PHONESTATUS st = {.dwTotalSize = 3 * sizeof(DWORD)};
    assert_int_equal(phoneGetStatus(f->owner, &st), PHONEERR_STRUCTURETOOSMALL);
    assert_int_equal(st.dwNeededSize, sizeof(PHONESTATUS));
    assert_int_equal(phoneGetStatus(f->owner, NULL), PHONEERR_INVALPOINTER);
    st.dwTotalSize = sizeof(st);
    assert_int_equal(phoneGetStatus(0, &st), PHONEERR_INVALPHONEHANDLE);
}

static void hookswitch_change_reaches_owner_and_monitor(void **state)
{
    struct ph_fixture *f = *state;
    assert_int_equal(phoneSetStatusMessages(f->owner, PHONESTATE_HANDSETHOOKSWITCH, 0, 0), 0);
    assert_int_equal(phoneSetStatusMessages(f->monitor, PHONESTATE_HANDSETHOOKSWITCH, 0, 0), 0);
    ph_drain(&f->a);
    ph_drain(&f->b);
    LONG req =
        phoneSetHookSwitch(f->owner, PHONEHOOKSWITCHDEV_HANDSET, PHONEHOOKSWITCHMODE_MICSPEAKER);
    assert_true(req > 0);
    assert_int_equal(ph_reply(&f->a, req), 0);
    assert_int_equal(ph_state(&f->a, f->owner, PHONESTATE_HANDSETHOOKSWITCH, PH_INSTANCE_A),
                     PHONEHOOKSWITCHMODE_MICSPEAKER);
    assert_int_equal(ph_state(&f->b, f->monitor, PHONESTATE_HANDSETHOOKSWITCH, PH_INSTANCE_B),
                     PHONEHOOKSWITCHMODE_MICSPEAKER);
    DWORD devs = 0;
    assert_int_equal(phoneGetHookSwitch(f->monitor, &devs), 0);
    assert_int_equal(devs, PHONEHOOKSWITCHDEV_HANDSET);

    /* The monitor stops listening; only the owner hears the handset go back. */
    assert_int_equal(phoneSetStatusMessages(f->monitor, 0, 0, 0), 0);
    req = phoneSetHookSwitch(f->owner, PHONEHOOKSWITCHDEV_HANDSET, PHONEHOOKSWITCHMODE_ONHOOK);
    assert_int_equal(ph_reply(&f->a, req), 0);
    assert_int_equal(ph_state(&f->a, f->owner, PHONESTATE_HANDSETHOOKSWITCH, PH_INSTANCE_A),
                     PHONEHOOKSWITCHMODE_ONHOOK);
    assert_null(ph_wait(&f->b, PHONE_STATE, f->monitor, PHONESTATE_HANDSETHOOKSWITCH, 100));
    assert_int_equal(phoneGetHookSwitch(f->owner, &devs), 0);
    assert_int_equal(devs, 0);
    /* The reply never goes to the monitor. */
    assert_null(ph_wait(&f->b, PHONE_REPLY, 0, (DWORD_PTR)req, 0));
}

static void hookswitch_errors(void **state)
{
    struct ph_fixture *f = *state;
    HPHONE o = f->owner;
    assert_int_equal(
        phoneSetHookSwitch(f->monitor, PHONEHOOKSWITCHDEV_HANDSET, PHONEHOOKSWITCHMODE_MICSPEAKER),
        PHONEERR_NOTOWNER);
    assert_int_equal(phoneSetHookSwitch(o, 0, PHONEHOOKSWITCHMODE_ONHOOK),
                     PHONEERR_INVALHOOKSWITCHDEV);
    assert_int_equal(phoneSetHookSwitch(o, 0x8, PHONEHOOKSWITCHMODE_ONHOOK),
                     PHONEERR_INVALHOOKSWITCHDEV);
    assert_int_equal(phoneSetHookSwitch(o, PHONEHOOKSWITCHDEV_HEADSET, PHONEHOOKSWITCHMODE_ONHOOK),
                     PHONEERR_INVALHOOKSWITCHDEV);
    assert_int_equal(phoneSetHookSwitch(o, PHONEHOOKSWITCHDEV_HANDSET, 0),
                     PHONEERR_INVALHOOKSWITCHMODE);
    assert_int_equal(phoneSetHookSwitch(o, PHONEHOOKSWITCHDEV_HANDSET,
                                        PHONEHOOKSWITCHMODE_ONHOOK | PHONEHOOKSWITCHMODE_MIC),
                     PHONEERR_INVALHOOKSWITCHMODE);
    assert_int_equal(phoneSetHookSwitch(o, PHONEHOOKSWITCHDEV_HANDSET, PHONEHOOKSWITCHMODE_UNKNOWN),
                     PHONEERR_INVALHOOKSWITCHMODE);
    /* The sim's handset cannot be set to microphone only. */
    assert_int_equal(phoneSetHookSwitch(o, PHONEHOOKSWITCHDEV_HANDSET, PHONEHOOKSWITCHMODE_MIC),
                     PHONEERR_INVALHOOKSWITCHMODE);
    assert_int_equal(phoneGetHookSwitch(o, NULL), PHONEERR_INVALPOINTER);
    DWORD devs;
    assert_int_equal(phoneGetHookSwitch(0, &devs), PHONEERR_INVALPHONEHANDLE);
}

/* Reads the display into a buffer grown to dwNeededSize; the caller frees it. */
static VARSTRING *ph_get_display(HPHONE hPhone)
{
    DWORD size = sizeof(VARSTRING);
    VARSTRING *vs = NULL;
    for (int round = 0; round < 3; round++) {
        vs = realloc(vs, size);
        assert_non_null(vs);
        memset(vs, 0, size);
        vs->dwTotalSize = size;
        assert_int_equal(phoneGetDisplay(hPhone, vs), 0);
        if (vs->dwNeededSize <= vs->dwTotalSize)
            return vs;
        size = vs->dwNeededSize;
    }
    fail_msg("phoneGetDisplay never fitted");
    return NULL;
}

static void display_set_and_get(void **state)
{
    struct ph_fixture *f = *state;
    assert_int_equal(phoneSetStatusMessages(f->monitor, PHONESTATE_DISPLAY, 0, 0), 0);
    ph_drain(&f->b);
    LONG req = phoneSetDisplay(f->owner, 1, 2, "Hello", 6);
    assert_int_equal(ph_reply(&f->a, req), 0);
    ph_state(&f->b, f->monitor, PHONESTATE_DISPLAY, PH_INSTANCE_B);
    VARSTRING *vs = ph_get_display(f->monitor);
    assert_int_equal(vs->dwStringFormat, STRINGFORMAT_ASCII);
    const char *text = ph_string(vs, vs->dwStringSize, vs->dwStringOffset);
    assert_int_equal(strlen(text), 80);
    assert_memory_equal(text + 40 + 2, "Hello", 5);
    free(vs);
}

static void display_errors(void **state)
{
    struct ph_fixture *f = *state;
    assert_int_equal(phoneSetDisplay(f->monitor, 0, 0, "x", 2), PHONEERR_NOTOWNER);
    assert_int_equal(phoneSetDisplay(f->owner, 2, 0, "x", 2), PHONEERR_INVALPARAM);
    assert_int_equal(phoneSetDisplay(f->owner, 0, 40, "x", 2), PHONEERR_INVALPARAM);
    assert_int_equal(phoneSetDisplay(f->owner, 0, 0, NULL, 2), PHONEERR_INVALPOINTER);
    assert_int_equal(phoneSetDisplay(0, 0, 0, "x", 2), PHONEERR_INVALPHONEHANDLE);
    VARSTRING vs = {.dwTotalSize = 3 * sizeof(DWORD)};
    assert_int_equal(phoneGetDisplay(f->owner, &vs), PHONEERR_STRUCTURETOOSMALL);
    assert_int_equal(vs.dwNeededSize, sizeof(VARSTRING));
    assert_int_equal(phoneGetDisplay(f->owner, NULL), PHONEERR_INVALPOINTER);
}

static void lamp_set_and_get(void **state)
{
    struct ph_fixture *f = *state;
    assert_int_equal(phoneSetStatusMessages(f->monitor, PHONESTATE_LAMP, 0, 0), 0);
    ph_drain(&f->b);
    LONG req = phoneSetLamp(f->owner, PH_BUTTON_HOLD, PHONELAMPMODE_STEADY);
    assert_int_equal(ph_reply(&f->a, req), 0);
    assert_int_equal(ph_state(&f->b, f->monitor, PHONESTATE_LAMP, PH_INSTANCE_B), PH_BUTTON_HOLD);
    DWORD mode = 0;
    assert_int_equal(phoneGetLamp(f->monitor, PH_BUTTON_HOLD, &mode), 0);
    assert_int_equal(mode, PHONELAMPMODE_STEADY);
    /* Keypad buttons have no lamp. */
    assert_int_equal(phoneGetLamp(f->monitor, 0, &mode), 0);
    assert_int_equal(mode, PHONELAMPMODE_DUMMY);
}

static void lamp_errors(void **state)
{
    struct ph_fixture *f = *state;
    HPHONE o = f->owner;
    DWORD mode;
    assert_int_equal(phoneSetLamp(f->monitor, PH_BUTTON_HOLD, PHONELAMPMODE_OFF),
                     PHONEERR_NOTOWNER);
    assert_int_equal(phoneSetLamp(o, PH_NUM_BUTTONS, PHONELAMPMODE_OFF),
                     PHONEERR_INVALBUTTONLAMPID);
    assert_int_equal(phoneGetLamp(o, PH_NUM_BUTTONS, &mode), PHONEERR_INVALBUTTONLAMPID);
    assert_int_equal(phoneSetLamp(o, 0, PHONELAMPMODE_STEADY), PHONEERR_INVALBUTTONLAMPID);
    assert_int_equal(phoneSetLamp(o, PH_BUTTON_HOLD, 0), PHONEERR_INVALLAMPMODE);
    assert_int_equal(phoneSetLamp(o, PH_BUTTON_HOLD, PHONELAMPMODE_OFF | PHONELAMPMODE_STEADY),
                     PHONEERR_INVALLAMPMODE);
    assert_int_equal(phoneSetLamp(o, PH_BUTTON_HOLD, PHONELAMPMODE_DUMMY), PHONEERR_INVALLAMPMODE);
    assert_int_equal(phoneSetLamp(o, PH_BUTTON_HOLD, PHONELAMPMODE_UNKNOWN),
                     PHONEERR_INVALLAMPMODE);
    assert_int_equal(phoneSetLamp(o, PH_BUTTON_HOLD, 0x100), PHONEERR_INVALLAMPMODE);
    /* A mode the sim's lamps do not have. */
    assert_int_equal(phoneSetLamp(o, PH_BUTTON_HOLD, PHONELAMPMODE_FLUTTER),
                     PHONEERR_INVALLAMPMODE);
    assert_int_equal(phoneGetLamp(o, PH_BUTTON_HOLD, NULL), PHONEERR_INVALPOINTER);
    assert_int_equal(phoneGetLamp(0, PH_BUTTON_HOLD, &mode), PHONEERR_INVALPHONEHANDLE);
}

static void ring_set_and_get(void **state)
{
    struct ph_fixture *f = *state;
    assert_int_equal(phoneSetStatusMessages(f->monitor, PHONESTATE_RINGMODE, 0, 0), 0);
    ph_drain(&f->b);
    LONG req = phoneSetRing(f->owner, 1, 0x4000);
    assert_int_equal(ph_reply(&f->a, req), 0);
    assert_int_equal(ph_state(&f->b, f->monitor, PHONESTATE_RINGMODE, PH_INSTANCE_B), 1);
    DWORD mode = 0, volume = 0;
    assert_int_equal(phoneGetRing(f->monitor, &mode, &volume), 0);
    assert_int_equal(mode, 1);
    assert_int_equal(volume, 0x4000);
    /* A volume out of range is set to the nearest one in range. */
    req = phoneSetRing(f->owner, 0, 0x12345);
    assert_int_equal(ph_reply(&f->a, req), 0);
    assert_int_equal(ph_state(&f->b, f->monitor, PHONESTATE_RINGMODE, PH_INSTANCE_B), 0);
    assert_int_equal(phoneGetRing(f->owner, &mode, &volume), 0);
    assert_int_equal(mode, 0);
    assert_int_equal(volume, 0xFFFF);
}

static void ring_errors(void **state)
{
    struct ph_fixture *f = *state;
    DWORD mode, volume;
    assert_int_equal(phoneSetRing(f->monitor, 1, 0x4000), PHONEERR_NOTOWNER);
    assert_int_equal(phoneSetRing(f->owner, 2, 0x4000), PHONEERR_INVALRINGMODE);
    assert_int_equal(phoneSetRing(0, 1, 0x4000), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneGetRing(f->owner, NULL, &volume), PHONEERR_INVALPOINTER);
    assert_int_equal(phoneGetRing(f->owner, &mode, NULL), PHONEERR_INVALPOINTER);
}

/* Reads a button's PHONEBUTTONINFO into a buffer grown to dwNeededSize; the caller frees it. */
static PHONEBUTTONINFO *ph_get_button(HPHONE hPhone, DWORD id)
{
    DWORD size = sizeof(PHONEBUTTONINFO);
    PHONEBUTTONINFO *bi = NULL;
    for (int round = 0; round < 3; round++) {
        bi = realloc(bi, size);
        assert_non_null(bi);
        memset(bi, 0, size);
        bi->dwTotalSize = size;
        assert_int_equal(phoneGetButtonInfo(hPhone, id, bi), 0);
        if (bi->dwNeededSize <= bi->dwTotalSize)
            return bi;
        assert_int_equal(bi->dwButtonTextSize, 0); /* never a partial field */
        size = bi->dwNeededSize;
    }
    fail_msg("phoneGetButtonInfo never fitted");
    return NULL;
}

static void button_info_get_and_set(void **state)
{
    struct ph_fixture *f = *state;
    PHONEBUTTONINFO *bi = ph_get_button(f->monitor, PH_BUTTON_HOLD);
    assert_int_equal(bi->dwButtonMode, PHONEBUTTONMODE_FEATURE);
    assert_int_equal(bi->dwButtonFunction, PHONEBUTTONFUNCTION_HOLD);
    assert_string_equal(ph_string(bi, bi->dwButtonTextSize, bi->dwButtonTextOffset), "Hold");
    free(bi);
    bi = ph_get_button(f->monitor, 5);
    assert_int_equal(bi->dwButtonMode, PHONEBUTTONMODE_KEYPAD);
    assert_string_equal(ph_string(bi, bi->dwButtonTextSize, bi->dwButtonTextOffset), "5");
    free(bi);

    struct {
        PHONEBUTTONINFO info;
        char text[8];
    } set = {.info = {.dwTotalSize = sizeof(set),
                      .dwButtonMode = PHONEBUTTONMODE_FEATURE,
                      .dwButtonFunction = PHONEBUTTONFUNCTION_PARK,
                      .dwButtonTextSize = 5,
                      .dwButtonTextOffset = offsetof(__typeof__(set), text)},
             .text = "Park"};
    LONG req = phoneSetButtonInfo(f->owner, PH_BUTTON_TRANSFER, &set.info);
    assert_int_equal(ph_reply(&f->a, req), 0);
    bi = ph_get_button(f->monitor, PH_BUTTON_TRANSFER);
    assert_int_equal(bi->dwButtonFunction, PHONEBUTTONFUNCTION_PARK);
    assert_string_equal(ph_string(bi, bi->dwButtonTextSize, bi->dwButtonTextOffset), "Park");
    free(bi);
}

static void button_info_errors(void **state)
{
    struct ph_fixture *f = *state;
    PHONEBUTTONINFO bi = {.dwTotalSize = 3 * sizeof(DWORD)};
    assert_int_equal(phoneGetButtonInfo(f->owner, PH_BUTTON_HOLD, &bi), PHONEERR_STRUCTURETOOSMALL);
    assert_int_equal(bi.dwNeededSize, sizeof(PHONEBUTTONINFO));
    assert_int_equal(phoneGetButtonInfo(f->owner, PH_BUTTON_HOLD, NULL), PHONEERR_INVALPOINTER);
    bi.dwTotalSize = sizeof(bi);
    assert_int_equal(phoneGetButtonInfo(f->owner, PH_NUM_BUTTONS, &bi), PHONEERR_INVALBUTTONLAMPID);
    assert_int_equal(phoneGetButtonInfo(0, PH_BUTTON_HOLD, &bi), PHONEERR_INVALPHONEHANDLE);

    PHONEBUTTONINFO set = {.dwTotalSize = sizeof(set), .dwButtonMode = PHONEBUTTONMODE_FEATURE};
    assert_int_equal(phoneSetButtonInfo(f->monitor, PH_BUTTON_HOLD, &set), PHONEERR_NOTOWNER);
    assert_int_equal(phoneSetButtonInfo(f->owner, PH_BUTTON_HOLD, NULL), PHONEERR_INVALPOINTER);
    assert_int_equal(phoneSetButtonInfo(f->owner, PH_NUM_BUTTONS, &set),
                     PHONEERR_INVALBUTTONLAMPID);
    set.dwTotalSize = 8;
    assert_int_equal(phoneSetButtonInfo(f->owner, PH_BUTTON_HOLD, &set),
                     PHONEERR_STRUCTURETOOSMALL);
    /* Text said to lie past the end of the structure. */
    set.dwTotalSize = sizeof(set);
    set.dwButtonTextSize = 4;
    set.dwButtonTextOffset = sizeof(set);
    assert_int_equal(phoneSetButtonInfo(f->owner, PH_BUTTON_HOLD, &set),
                     PHONEERR_STRUCTURETOOSMALL);
}

static void status_messages_set_and_get(void **state)
{
    struct ph_fixture *f = *state;
    DWORD states, modes, buttons;
    assert_int_equal(phoneGetStatusMessages(f->monitor, &states, &modes, &buttons), 0);
    assert_int_equal(states | modes | buttons, 0); /* all off by default */
    assert_int_equal(phoneSetStatusMessages(f->monitor, PHONESTATE_LAMP | PHONESTATE_DISPLAY,
                                            PHONEBUTTONMODE_KEYPAD, PHONEBUTTONSTATE_DOWN),
                     0);
    assert_int_equal(phoneGetStatusMessages(f->monitor, &states, &modes, &buttons), 0);
    assert_int_equal(states, PHONESTATE_LAMP | PHONESTATE_DISPLAY);
    assert_int_equal(modes, PHONEBUTTONMODE_KEYPAD);
    assert_int_equal(buttons, PHONEBUTTONSTATE_DOWN);
    /* Button states are ignored without button modes. */
    assert_int_equal(phoneSetStatusMessages(f->monitor, 0, 0, PHONEBUTTONSTATE_UP), 0);
    assert_int_equal(phoneGetStatusMessages(f->monitor, &states, &modes, &buttons), 0);
    assert_int_equal(states | modes | buttons, 0);

    assert_int_equal(phoneSetStatusMessages(f->monitor, 0x01000000, 0, 0),
                     PHONEERR_INVALPHONESTATE);
    assert_int_equal(phoneSetStatusMessages(f->monitor, 0, 0x40, PHONEBUTTONSTATE_UP),
                     PHONEERR_INVALBUTTONMODE);
    assert_int_equal(phoneSetStatusMessages(f->monitor, 0, PHONEBUTTONMODE_CALL, 0),
                     PHONEERR_INVALBUTTONSTATE);
    assert_int_equal(phoneSetStatusMessages(f->monitor, 0, PHONEBUTTONMODE_CALL, 0x10),
                     PHONEERR_INVALBUTTONSTATE);
    assert_int_equal(phoneSetStatusMessages(0, 0, 0, 0), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneGetStatusMessages(f->monitor, NULL, &modes, &buttons),
                     PHONEERR_INVALPOINTER);
    assert_int_equal(phoneGetStatusMessages(f->monitor, &states, NULL, &buttons),
                     PHONEERR_INVALPOINTER);
    assert_int_equal(phoneGetStatusMessages(f->monitor, &states, &modes, NULL),
                     PHONEERR_INVALPOINTER);
}

/* The DWORD device ID a VARSTRING of phoneGetID carries. */
static DWORD ph_id_of(const VARSTRING *vs)
{
    assert_int_equal(vs->dwStringFormat, STRINGFORMAT_BINARY);
    assert_int_equal(vs->dwStringSize, sizeof(DWORD));
    DWORD id;
    memcpy(&id, (const char *)vs + vs->dwStringOffset, sizeof(id));
    return id;
}

static void get_id_classes(void **state)
{
    struct ph_fixture *f = *state;
    HPHONE h;
    assert_int_equal(phoneOpen(f->b.hApp, 2, &h, PH_VERSION, 0, 0, PHONEPRIVILEGE_MONITOR), 0);
    struct {
        VARSTRING vs;
        char room[32];
    } out = {.vs.dwTotalSize = sizeof(out)};
    assert_int_equal(phoneGetID(h, &out.vs, "tapi/phone"), 0);
    assert_int_equal(ph_id_of(&out.vs), 2);
    memset(&out, 0, sizeof(out));
    out.vs.dwTotalSize = sizeof(out);
    assert_int_equal(phoneGetID(h, &out.vs, "tapi/line"), 0);
    assert_int_equal(ph_id_of(&out.vs), 2); /* extension 103's line */
    assert_int_equal(phoneGetID(h, &out.vs, "wave/in"), PHONEERR_INVALDEVICECLASS);
    assert_int_equal(phoneGetID(h, &out.vs, NULL), PHONEERR_INVALPOINTER);
    assert_int_equal(phoneGetID(h, NULL, "tapi/phone"), PHONEERR_INVALPOINTER);
    VARSTRING small = {.dwTotalSize = 3 * sizeof(DWORD)};
    assert_int_equal(phoneGetID(h, &small, "tapi/phone"), PHONEERR_STRUCTURETOOSMALL);
    assert_int_equal(small.dwNeededSize, sizeof(VARSTRING));
    /* Room for the fixed part only: the ID is left out, dwNeededSize says how much to give. */
    VARSTRING fixed = {.dwTotalSize = sizeof(VARSTRING)};
    assert_int_equal(phoneGetID(h, &fixed, "tapi/phone"), 0);
    assert_int_equal(fixed.dwStringSize, 0);
    assert_int_equal(fixed.dwNeededSize, sizeof(VARSTRING) + sizeof(DWORD));
    assert_int_equal(phoneClose(h), 0);
}

static void provider_lacks_these(void **state)
{
    struct ph_fixture *f = *state;
    HPHONE o = f->owner;
    DWORD level;
    char data[4] = {0};
    assert_int_equal(phoneGetVolume(o, PHONEHOOKSWITCHDEV_HANDSET, &level),
                     PHONEERR_OPERATIONUNAVAIL);
    assert_int_equal(phoneSetVolume(o, PHONEHOOKSWITCHDEV_HANDSET, 5), PHONEERR_OPERATIONUNAVAIL);
    assert_int_equal(phoneGetGain(o, PHONEHOOKSWITCHDEV_HANDSET, &level),
                     PHONEERR_OPERATIONUNAVAIL);
    assert_int_equal(phoneSetGain(o, PHONEHOOKSWITCHDEV_HANDSET, 5), PHONEERR_OPERATIONUNAVAIL);
    assert_int_equal(phoneGetData(o, 0, data, sizeof(data)), PHONEERR_OPERATIONUNAVAIL);
    assert_int_equal(phoneSetData(o, 0, data, sizeof(data)), PHONEERR_OPERATIONUNAVAIL);
    /* Argument and privilege errors come first. */
    assert_int_equal(phoneGetVolume(o, PHONEHOOKSWITCHDEV_HANDSET, NULL), PHONEERR_INVALPOINTER);
    assert_int_equal(phoneGetVolume(o, 0, &level), PHONEERR_INVALHOOKSWITCHDEV);
    assert_int_equal(
        phoneGetVolume(o, PHONEHOOKSWITCHDEV_HANDSET | PHONEHOOKSWITCHDEV_SPEAKER, &level),
        PHONEERR_INVALHOOKSWITCHDEV);
    assert_int_equal(phoneSetVolume(o, 0x8, 5), PHONEERR_INVALHOOKSWITCHDEV);
    assert_int_equal(phoneSetVolume(f->monitor, PHONEHOOKSWITCHDEV_HANDSET, 5), PHONEERR_NOTOWNER);
    assert_int_equal(phoneGetGain(o, PHONEHOOKSWITCHDEV_HANDSET, NULL), PHONEERR_INVALPOINTER);
    assert_int_equal(phoneSetGain(o, 0, 5), PHONEERR_INVALHOOKSWITCHDEV);
    assert_int_equal(phoneSetGain(f->monitor, PHONEHOOKSWITCHDEV_HANDSET, 5), PHONEERR_NOTOWNER);
    assert_int_equal(phoneGetData(o, 0, NULL, 4), PHONEERR_INVALPOINTER);
    assert_int_equal(phoneSetData(o, 0, NULL, 4), PHONEERR_INVALPOINTER);
    assert_int_equal(phoneSetData(f->monitor, 0, data, 4), PHONEERR_NOTOWNER);
    assert_int_equal(phoneDevSpecific(o, NULL, 4), PHONEERR_INVALPOINTER);
    assert_int_equal(phoneDevSpecific(0, data, 4), PHONEERR_INVALPHONEHANDLE);
}

/* Presses button `id` of the phone through the sim's phoneDevSpecific; returns the request. */
static LONG ph_press(HPHONE hPhone, DWORD id)
{
    return phoneDevSpecific(hPhone, &id, sizeof(id));
}

/* Waits for PHONE_BUTTON of button `id` on hPhone (asserting it comes); checks mode and state. */
static void ph_button(struct ph_app *app, HPHONE hPhone, DWORD id, DWORD mode, DWORD button_state)
{
    const PHONEMESSAGE *m = ph_wait(app, PHONE_BUTTON, hPhone, id, PH_TIMEOUT_MS);
    assert_non_null(m);
    assert_int_equal(m->dwParam2, mode);
    assert_int_equal(m->dwParam3, button_state);
}

static void buttons_reach_the_opens_that_ask(void **state)
{
    struct ph_fixture *f = *state;
    assert_int_equal(phoneSetStatusMessages(f->owner, 0,
                                            PHONEBUTTONMODE_KEYPAD | PHONEBUTTONMODE_FEATURE,
                                            PHONEBUTTONSTATE_DOWN | PHONEBUTTONSTATE_UP),
                     0);
    assert_int_equal(
        phoneSetStatusMessages(f->monitor, 0, PHONEBUTTONMODE_KEYPAD, PHONEBUTTONSTATE_DOWN), 0);
    ph_drain(&f->a);
    ph_drain(&f->b);
    /* Pressing is the sim's device-specific function; a monitor may use it too. */
    LONG req = ph_press(f->monitor, 5);
    assert_int_equal(ph_reply(&f->b, req), 0);
    ph_button(&f->a, f->owner, 5, PHONEBUTTONMODE_KEYPAD, PHONEBUTTONSTATE_DOWN);
    ph_button(&f->a, f->owner, 5, PHONEBUTTONMODE_KEYPAD, PHONEBUTTONSTATE_UP);
    ph_button(&f->b, f->monitor, 5, PHONEBUTTONMODE_KEYPAD, PHONEBUTTONSTATE_DOWN);
    assert_null(ph_wait(&f->b, PHONE_BUTTON, f->monitor, 5, 100)); /* no UP: not asked for */
    /* A feature button: only the owner monitors feature buttons. */
    req = ph_press(f->owner, PH_BUTTON_HOLD);
    assert_int_equal(ph_reply(&f->a, req), 0);
    ph_button(&f->a, f->owner, PH_BUTTON_HOLD, PHONEBUTTONMODE_FEATURE, PHONEBUTTONSTATE_DOWN);
    ph_button(&f->a, f->owner, PH_BUTTON_HOLD, PHONEBUTTONMODE_FEATURE, PHONEBUTTONSTATE_UP);
    assert_null(ph_wait(&f->b, PHONE_BUTTON, f->monitor, PH_BUTTON_HOLD, 100));
    /* The provider's own refusal comes back as the function's result. */
    DWORD two = 2;
    assert_int_equal(phoneDevSpecific(f->owner, &two, 2), PHONEERR_INVALPARAM);
    assert_int_equal(ph_press(f->owner, PH_NUM_BUTTONS), PHONEERR_INVALBUTTONLAMPID);
}

/* Every function that takes an HPHONE refuses `h` with PHONEERR_INVALPHONEHANDLE. */
static void ph_assert_refused(HPHONE h)
{
    DWORD d1, d2, d3;
    char data[4];
    PHONESTATUS st = {.dwTotalSize = sizeof(st)};
    VARSTRING vs = {.dwTotalSize = sizeof(vs)};
    PHONEBUTTONINFO bi = {.dwTotalSize = sizeof(bi)};
    assert_int_equal(phoneGetStatus(h, &st), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneGetID(h, &vs, "tapi/phone"), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneSetStatusMessages(h, 0, 0, 0), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneGetStatusMessages(h, &d1, &d2, &d3), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneGetHookSwitch(h, &d1), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneSetHookSwitch(h, PHONEHOOKSWITCHDEV_HANDSET, PHONEHOOKSWITCHMODE_ONHOOK),
                     PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneGetVolume(h, PHONEHOOKSWITCHDEV_HANDSET, &d1), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneSetVolume(h, PHONEHOOKSWITCHDEV_HANDSET, 1), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneGetGain(h, PHONEHOOKSWITCHDEV_HANDSET, &d1), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneSetGain(h, PHONEHOOKSWITCHDEV_HANDSET, 1), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneGetRing(h, &d1, &d2), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneSetRing(h, 0, 0), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneGetDisplay(h, &vs), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneSetDisplay(h, 0, 0, "x", 2), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneGetLamp(h, PH_BUTTON_HOLD, &d1), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneSetLamp(h, PH_BUTTON_HOLD, PHONELAMPMODE_OFF), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneGetButtonInfo(h, PH_BUTTON_HOLD, &bi), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneSetButtonInfo(h, PH_BUTTON_HOLD, &bi), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneGetData(h, 0, data, 4), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneSetData(h, 0, data, 4), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneDevSpecific(h, data, 4), PHONEERR_INVALPHONEHANDLE);
    assert_int_equal(phoneClose(h), PHONEERR_INVALPHONEHANDLE);
}

static void stale_handles_are_refused(void **state)
{
    struct ph_fixture *f = *state;
    HPHONE h;
    assert_int_equal(phoneOpen(f->b.hApp, 1, &h, PH_VERSION, 0, 0, PHONEPRIVILEGE_OWNER), 0);
    assert_int_equal(phoneClose(h), 0);
    ph_assert_refused(h);
    /* A handle of another kind, and one that never was. */
    ph_assert_refused(f->a.hApp);
    ph_assert_refused(0);
    /* The monitor's close leaves the owner's open working. */
    assert_int_equal(phoneClose(f->monitor), 0);
    ph_assert_refused(f->monitor);
    DWORD devs;
    assert_int_equal(phoneGetHookSwitch(f->owner, &devs), 0);
    /* Reopen so that the teardown finds the fixture as it left it. */
    assert_int_equal(
        phoneOpen(f->b.hApp, 0, &f->monitor, PH_VERSION, 0, PH_INSTANCE_B, PHONEPRIVILEGE_MONITOR),
        0);
}

static void shutdown_closes_opens(void **state)
{
    (void)state;
    struct ph_app app, other;
    assert_int_equal(tapix_set_config_text("[provider sim]\n"), 0);
    ph_init(&other, "phone-other");
    ph_init(&app, "phone-shutdown");
    HPHONE h, watcher;
    assert_int_equal(phoneOpen(app.hApp, 0, &h, PH_VERSION, 0, 0, PHONEPRIVILEGE_OWNER), 0);
    assert_int_equal(phoneOpen(other.hApp, 0, &watcher, PH_VERSION, 0, 3, PHONEPRIVILEGE_MONITOR),
                     0);
    assert_int_equal(phoneSetStatusMessages(watcher, PHONESTATE_OWNER, 0, 0), 0);
    assert_int_equal(phoneShutdown(app.hApp), 0);
    assert_int_equal(ph_state(&other, watcher, PHONESTATE_OWNER, 3), 0);
    ph_assert_refused(h);
    /* The owner left with its application: the phone can be owned again. */
    assert_int_equal(phoneOpen(other.hApp, 0, &h, PH_VERSION, 0, 0, PHONEPRIVILEGE_OWNER), 0);
    assert_int_equal(phoneShutdown(other.hApp), 0);
}

static void event_fd_follows_the_queue(void **state)
{
    struct ph_fixture *f = *state;
    ph_drain(&f->a);
    struct pollfd pfd = {.fd = f->a.event_fd, .events = POLLIN};
    assert_int_equal(poll(&pfd, 1, 0), 0);
    LONG req = phoneSetRing(f->owner, 0, 0x100);
    assert_true(req > 0);
    assert_int_equal(poll(&pfd, 1, PH_TIMEOUT_MS), 1);
    assert_int_equal(ph_reply(&f->a, req), 0);
    ph_drain(&f->a);
    assert_int_equal(poll(&pfd, 1, 0), 0);
}

/* Waits through PHONE_STATE LAMP messages for `id` until the lamp shows `mode`. */
static void ph_until_lamp(struct ph_app *app, HPHONE hPhone, DWORD id, DWORD mode)
{
    DWORD lamp = 0;
    for (int i = 0; i < 5; i++) {
        assert_int_equal(ph_state(app, hPhone, PHONESTATE_LAMP, PH_INSTANCE_B), id);
        assert_int_equal(phoneGetLamp(hPhone, id, &lamp), 0);
        if (lamp == mode)
            return;
    }
    fail_msg("lamp %u shows 0x%x, not 0x%x", (unsigned)id, (unsigned)lamp, (unsigned)mode);
}

/* The device ID of the line of the phone `hPhone` is open on, through phoneGetID. */
static DWORD ph_line_of(HPHONE hPhone)
{
    struct {
        VARSTRING vs;
        char room[16];
    } out = {.vs.dwTotalSize = sizeof(out)};
    assert_int_equal(phoneGetID(hPhone, &out.vs, "tapi/line"), 0);
    return ph_id_of(&out.vs);
}

static void incoming_call_rings_and_off_hook_answers(void **state)
{
    struct ph_fixture *f = *state;
    assert_int_equal(
        phoneSetStatusMessages(
            f->monitor, PHONESTATE_RINGMODE | PHONESTATE_LAMP | PHONESTATE_HANDSETHOOKSWITCH, 0, 0),
        0);
    ph_drain(&f->b);
    HLINEAPP hLineApp;
    HLINE hLine;
    HCALL hCall;
    DWORD n, version = PH_VERSION;
    LINEINITIALIZEEXPARAMS p = {.dwTotalSize = sizeof(p),
                                .dwOptions = LINEINITIALIZEEXOPTION_USEEVENT};
    assert_int_equal(lineInitializeEx(&hLineApp, NULL, NULL, "caller", &n, &version, &p), 0);
    HPHONE other;
    assert_int_equal(phoneOpen(f->b.hApp, 1, &other, PH_VERSION, 0, 0, PHONEPRIVILEGE_MONITOR), 0);
    assert_int_equal(lineOpen(hLineApp, ph_line_of(other), &hLine, PH_VERSION, 0, 0,
                              LINECALLPRIVILEGE_NONE, 0, NULL),
                     0);
    assert_int_equal(phoneClose(other), 0);
    LONG req = lineMakeCall(hLine, &hCall, "101", 0, NULL);
    assert_true(req > 0);
    /* Phone 0 belongs to extension 101: it rings and its first call appearance flashes. */
    assert_int_equal(ph_state(&f->b, f->monitor, PHONESTATE_RINGMODE, PH_INSTANCE_B), 1);
    ph_until_lamp(&f->b, f->monitor, 16, PHONELAMPMODE_FLASH);
    /* Lifting the handset answers: the ringing stops and the lamp turns steady. */
    req = phoneSetHookSwitch(f->owner, PHONEHOOKSWITCHDEV_HANDSET, PHONEHOOKSWITCHMODE_MICSPEAKER);
    assert_int_equal(ph_reply(&f->a, req), 0);
    assert_int_equal(ph_state(&f->b, f->monitor, PHONESTATE_HANDSETHOOKSWITCH, PH_INSTANCE_B),
                     PHONEHOOKSWITCHMODE_MICSPEAKER);
    assert_int_equal(ph_state(&f->b, f->monitor, PHONESTATE_RINGMODE, PH_INSTANCE_B), 0);
    ph_until_lamp(&f->b, f->monitor, 16, PHONELAMPMODE_STEADY);
    /* Hanging up drops the call; the lamp goes out. */
    req = phoneSetHookSwitch(f->owner, PHONEHOOKSWITCHDEV_HANDSET, PHONEHOOKSWITCHMODE_ONHOOK);
    assert_int_equal(ph_reply(&f->a, req), 0);
    ph_until_lamp(&f->b, f->monitor, 16, PHONELAMPMODE_OFF);
    assert_int_equal(lineShutdown(hLineApp), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(init_rejects_bad_arguments),
        cmocka_unit_test(initialize_and_shutdown),
        cmocka_unit_test(shutdown_wakes_a_waiting_thread),
        cmocka_unit_test(shutdown_closes_opens),
        cmocka_unit_test_setup_teardown(line_and_phone_apps_are_apart, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(negotiate_versions, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(caps_grow_to_needed_size, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(caps_errors, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(open_errors, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(owners_and_monitors_are_counted, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(status_errors, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(hookswitch_change_reaches_owner_and_monitor, ph_setup,
                                        ph_teardown),
        cmocka_unit_test_setup_teardown(hookswitch_errors, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(display_set_and_get, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(display_errors, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(lamp_set_and_get, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(lamp_errors, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(ring_set_and_get, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(ring_errors, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(button_info_get_and_set, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(button_info_errors, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(status_messages_set_and_get, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(get_id_classes, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(provider_lacks_these, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(buttons_reach_the_opens_that_ask, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(stale_handles_are_refused, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(event_fd_follows_the_queue, ph_setup, ph_teardown),
        cmocka_unit_test_setup_teardown(incoming_call_rings_and_off_hook_answers, ph_setup,
                                        ph_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
