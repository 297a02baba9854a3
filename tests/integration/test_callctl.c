/*
 * test_callctl.c — the call and line controls the core passes to the provider: their success
 * on the sim (which implements call parameters, security, treatment, user-user info release,
 * silence detection and device configuration), the documented errors the core decides before the
 * provider sees anything, and LINEERR_OPERATIONUNAVAIL where the sim has no TSPI function (call
 * completion, terminals, media control, device-specific features).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "support.h"

static const char sim_config[] = "[provider sim]\n"
                                 "outside.5550100 = answer 0\n"
                                 "outside.5550199 = busy\n";

struct fixture {
    struct test_app app, other;
    HLINE line, other_line;
    HCALL call; /* connected to an outside party, owned by app */
    HCALL monitor_call;
};

static int setup(void **state)
{
    static struct fixture f;
    memset(&f, 0, sizeof(f));
    support_config(sim_config);
    support_init(&f.app, "callctl");
    support_init(&f.other, "callctl-monitor");
    DWORD id = support_line_of(&f.app, "101");
    f.line = support_open(&f.app, id, LINECALLPRIVILEGE_OWNER, LINEMEDIAMODE_INTERACTIVEVOICE);
    f.other_line = support_open(&f.other, id, LINECALLPRIVILEGE_MONITOR, 0);
    assert_int_equal(support_reply(&f.app, lineMakeCall(f.line, &f.call, "5550100", 0, NULL)), 0);
    support_callstate(&f.app, f.call, LINECALLSTATE_CONNECTED);
    f.monitor_call = support_incoming(&f.other);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    support_shutdown(&f->other);
    support_shutdown(&f->app);
    return 0;
}

static void set_call_params(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(
        support_reply(&f->app, lineSetCallParams(f->call, LINEBEARERMODE_SPEECH, 0, 0, NULL)), 0);
    LINEMESSAGE m;
    assert_true(support_wait(&f->app, LINE_CALLINFO, f->call, 1, LINECALLINFOSTATE_BEARERMODE, &m,
                             SUPPORT_TIMEOUT_MS));
    assert_int_equal(lineSetCallParams(f->call, LINEBEARERMODE_DATA, 0, 0, NULL),
                     LINEERR_BEARERMODEUNAVAIL);
    assert_int_equal(lineSetCallParams(f->call, 0, 0, 0, NULL), LINEERR_INVALBEARERMODE);
    assert_int_equal(
        lineSetCallParams(f->call, LINEBEARERMODE_VOICE | LINEBEARERMODE_SPEECH, 0, 0, NULL),
        LINEERR_INVALBEARERMODE);
    assert_int_equal(lineSetCallParams(f->call, LINEBEARERMODE_VOICE, 9600, 2400, NULL),
                     LINEERR_INVALRATE);
    assert_int_equal(lineSetCallParams(0x7777, LINEBEARERMODE_VOICE, 0, 0, NULL),
                     LINEERR_INVALCALLHANDLE);
    assert_int_equal(lineSetCallParams(f->monitor_call, LINEBEARERMODE_VOICE, 0, 0, NULL),
                     LINEERR_NOTOWNER);
}

static void secure_treatment_uui(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(support_reply(&f->app, lineSecureCall(f->call)), 0);
    assert_int_equal(lineSecureCall(f->monitor_call), LINEERR_NOTOWNER);
    assert_int_equal(lineSecureCall(0x7777), LINEERR_INVALCALLHANDLE);
    assert_int_equal(support_reply(&f->app, lineSetCallTreatment(f->call, LINECALLTREATMENT_MUSIC)),
                     0);
    assert_int_equal(lineSetCallTreatment(f->call, 0), LINEERR_INVALPARAM);
    assert_int_equal(lineSetCallTreatment(f->call, 5), LINEERR_INVALPARAM);
    assert_int_equal(lineSetCallTreatment(f->monitor_call, LINECALLTREATMENT_BUSY),
                     LINEERR_NOTOWNER);
    assert_int_equal(support_reply(&f->app, lineReleaseUserUserInfo(f->call)), 0);
    assert_int_equal(lineReleaseUserUserInfo(f->monitor_call), LINEERR_NOTOWNER);
}

static void quality_of_service(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(lineSetCallQualityOfService(f->call, NULL, 4, NULL, 0), LINEERR_INVALPOINTER);
    assert_int_equal(lineSetCallQualityOfService(f->monitor_call, NULL, 0, NULL, 0),
                     LINEERR_NOTOWNER);
    assert_int_equal(lineSetCallQualityOfService(f->call, NULL, 0, NULL, 0),
                     LINEERR_OPERATIONUNAVAIL);
}

static void monitor_tones_reaches_the_asker_only(void **state)
{
    struct fixture *f = *state;
    LINEMONITORTONE silence = {.dwAppSpecific = 0x5117, .dwDuration = 100};
    LINEMONITORTONE dial = {.dwAppSpecific = 0xD1A1, .dwDuration = 100, .dwFrequency1 = 350};
    support_drain(&f->other);
    assert_int_equal(lineMonitorTones(f->call, &silence, 1), 0);
    LINEMESSAGE m;
    assert_true(
        support_wait(&f->app, LINE_MONITORTONE, f->call, 1, 0x5117, &m, SUPPORT_TIMEOUT_MS));
    assert_int_equal(m.dwParam2, 0);
    /* A monitor may watch for tones too; each hears only its own list. */
    assert_int_equal(lineMonitorTones(f->monitor_call, &dial, 1), 0);
    assert_false(support_wait(&f->other, LINE_MONITORTONE, 0, 0, 0, &m, 200));
    assert_int_equal(lineMonitorTones(f->call, NULL, 0), 0);
    assert_int_equal(lineMonitorTones(f->call, &silence, 0), LINEERR_INVALPOINTER);
    assert_int_equal(lineMonitorTones(0x7777, NULL, 0), LINEERR_INVALCALLHANDLE);
}

static void unavailable_in_the_sim(void **state)
{
    struct fixture *f = *state;
    DWORD completion = 0;
    LINEMEDIACONTROLDIGIT digit = {.dwDigit = '1',
                                   .dwDigitModes = LINEDIGITMODE_DTMF,
                                   .dwMediaControl = LINEMEDIACONTROL_PAUSE};
    assert_int_equal(lineCompleteCall(f->call, &completion, LINECALLCOMPLMODE_CAMPON, 0),
                     LINEERR_INVALCALLSTATE);
    assert_int_equal(lineCompleteCall(f->call, NULL, LINECALLCOMPLMODE_CAMPON, 0),
                     LINEERR_INVALPOINTER);
    assert_int_equal(lineCompleteCall(f->call, &completion, 3, 0), LINEERR_INVALCALLCOMPLMODE);
    assert_int_equal(lineUncompleteCall(f->line, 1), LINEERR_OPERATIONUNAVAIL);
    assert_int_equal(lineUncompleteCall(0x7777, 1), LINEERR_INVALLINEHANDLE);
    assert_int_equal(lineSetMediaControl(f->line, 0, 0, LINECALLSELECT_LINE, &digit, 1, NULL, 0,
                                         NULL, 0, NULL, 0),
                     LINEERR_OPERATIONUNAVAIL);
    digit.dwMediaControl = 0;
    assert_int_equal(lineSetMediaControl(f->line, 0, 0, LINECALLSELECT_LINE, &digit, 1, NULL, 0,
                                         NULL, 0, NULL, 0),
                     LINEERR_INVALDIGITLIST);
    assert_int_equal(
        lineSetMediaControl(f->line, 0, 0, LINECALLSELECT_LINE, NULL, 1, NULL, 0, NULL, 0, NULL, 0),
        LINEERR_INVALPOINTER);
    assert_int_equal(lineSetMediaControl(f->line, 0, 0, 0x40, NULL, 0, NULL, 0, NULL, 0, NULL, 0),
                     LINEERR_INVALCALLSELECT);
    assert_int_equal(lineSetMediaControl(f->line, 9, 0, LINECALLSELECT_ADDRESS, NULL, 0, NULL, 0,
                                         NULL, 0, NULL, 0),
                     LINEERR_INVALADDRESSID);
    assert_int_equal(lineDevSpecificFeature(f->line, PHONEBUTTONFUNCTION_HOLD, NULL, 0),
                     LINEERR_OPERATIONUNAVAIL);
    assert_int_equal(lineDevSpecificFeature(f->line, 0x1000, NULL, 0), LINEERR_INVALFEATURE);
    assert_int_equal(lineDevSpecificFeature(f->line, 1, NULL, 4), LINEERR_INVALPOINTER);
}

static void line_status_and_terminals(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(lineSetLineDevStatus(f->line, 0, 1), LINEERR_INVALPARAM);
    assert_int_equal(lineSetLineDevStatus(f->line, 0x100, 1), LINEERR_INVALPARAM);
    assert_int_equal(lineSetLineDevStatus(0x7777, LINEDEVSTATUSFLAGS_MSGWAIT, 1),
                     LINEERR_INVALLINEHANDLE);
    assert_int_equal(lineSetLineDevStatus(f->line, LINEDEVSTATUSFLAGS_MSGWAIT, 1),
                     LINEERR_OPERATIONUNAVAIL);
    /* The sim's lines declare no terminals. */
    assert_int_equal(lineSetTerminal(f->line, 0, 0, LINECALLSELECT_LINE, LINETERMMODE_RINGER, 0, 1),
                     LINEERR_INVALTERMINALID);
    assert_int_equal(lineSetTerminal(f->line, 0, 0, LINECALLSELECT_LINE, 0, 0, 1),
                     LINEERR_INVALTERMINALMODE);
    assert_int_equal(
        lineSetTerminal(f->line, 0, f->monitor_call, LINECALLSELECT_CALL, LINETERMMODE_LAMPS, 0, 1),
        LINEERR_NOTOWNER);
    assert_int_equal(
        lineSetTerminal(f->line, 0, f->call, LINECALLSELECT_CALL, LINETERMMODE_LAMPS, 0, 1),
        LINEERR_INVALTERMINALID);
}

static void device_configuration(void **state)
{
    struct fixture *f = *state;
    char buf[64];
    VARSTRING *config = (VARSTRING *)buf;
    config->dwTotalSize = sizeof(buf);
    assert_int_equal(lineGetDevConfig(0, config, "tapi/line"), 0);
    assert_int_equal(config->dwStringSize, 0);
    assert_int_equal(lineSetDevConfig(0, "volume=3", 9, "tapi/line"), 0);
    assert_int_equal(lineGetDevConfig(0, config, "tapi/line"), 0);
    assert_int_equal(config->dwStringFormat, STRINGFORMAT_BINARY);
    assert_int_equal(config->dwStringSize, 9);
    assert_string_equal(buf + config->dwStringOffset, "volume=3");
    assert_int_equal(lineGetDevConfig(0, config, "comm/datamodem"), LINEERR_INVALDEVICECLASS);
    assert_int_equal(lineGetDevConfig(0, config, NULL), LINEERR_INVALPOINTER);
    assert_int_equal(lineGetDevConfig(0, config, ""), LINEERR_INVALDEVICECLASS);
    assert_int_equal(lineGetDevConfig(f->app.num_devs, config, "tapi/line"), LINEERR_BADDEVICEID);
    config->dwTotalSize = 8;
    assert_int_equal(lineGetDevConfig(0, config, "tapi/line"), LINEERR_STRUCTURETOOSMALL);
    assert_int_equal(lineSetDevConfig(0, NULL, 4, "tapi/line"), LINEERR_INVALPOINTER);
    assert_int_equal(lineSetDevConfig(f->app.num_devs, buf, 4, "tapi/line"), LINEERR_BADDEVICEID);
}

static void dialogs_and_icons(void **state)
{
    struct fixture *f = *state;
    HICON icon;
    char buf[64];
    VARSTRING *out = (VARSTRING *)buf;
    out->dwTotalSize = sizeof(buf);
    assert_int_equal(lineConfigDialog(0, NULL, NULL), LINEERR_OPERATIONUNAVAIL);
    assert_int_equal(lineConfigDialog(f->app.num_devs, NULL, NULL), LINEERR_BADDEVICEID);
    assert_int_equal(lineConfigDialogEdit(0, NULL, "tapi/line", buf, 4, out),
                     LINEERR_OPERATIONUNAVAIL);
    assert_int_equal(lineConfigDialogEdit(0, NULL, "tapi/line", buf, 4, NULL),
                     LINEERR_INVALPOINTER);
    assert_int_equal(lineTranslateDialog(f->app.hLineApp, 0, 0x20002, NULL, "+1 425 5550100"),
                     LINEERR_OPERATIONUNAVAIL);
    assert_int_equal(lineTranslateDialog(0x7777, 0, 0x20002, NULL, NULL), LINEERR_INVALAPPHANDLE);
    assert_int_equal(lineTranslateDialog(f->app.hLineApp, 0, 0x50000, NULL, NULL),
                     LINEERR_INCOMPATIBLEAPIVERSION);
    assert_int_equal(lineGetIcon(0, NULL, &icon), LINEERR_OPERATIONUNAVAIL);
    assert_int_equal(lineGetIcon(0, NULL, NULL), LINEERR_INVALPOINTER);
    assert_int_equal(lineGetIcon(f->app.num_devs, NULL, &icon), LINEERR_BADDEVICEID);
    assert_int_equal(phoneGetIcon(0, NULL, &icon), PHONEERR_OPERATIONUNAVAIL);
    assert_int_equal(phoneGetIcon(0, NULL, NULL), PHONEERR_INVALPOINTER);
    assert_int_equal(phoneConfigDialog(0, NULL, NULL), PHONEERR_OPERATIONUNAVAIL);
    assert_int_equal(phoneConfigDialog(0x7777, NULL, NULL), PHONEERR_BADDEVICEID);
    assert_int_equal(lineConfigProvider(NULL, 1), LINEERR_OPERATIONUNAVAIL);
    assert_int_equal(lineConfigProvider(NULL, 99), LINEERR_INVALPARAM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(set_call_params),
        cmocka_unit_test(secure_treatment_uui),
        cmocka_unit_test(quality_of_service),
        cmocka_unit_test(monitor_tones_reaches_the_asker_only),
        cmocka_unit_test(unavailable_in_the_sim),
        cmocka_unit_test(line_status_and_terminals),
        cmocka_unit_test(device_configuration),
        cmocka_unit_test(dialogs_and_icons),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
