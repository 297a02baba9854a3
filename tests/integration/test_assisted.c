/*
 * test_assisted.c — assisted telephony inside one process: a call manager registers with
 * lineRegisterRequestRecipient, another part of the program asks for a call with
 * tapiRequestMakeCall, the manager hears LINE_REQUEST, takes the request with lineGetRequest
 * and places the call; the recipient choice (first registered, or lineSetAppPriority's), the
 * queue limit, the obsolete media-call functions and every documented error.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "support.h"

static const char sim_config[] = "[provider sim]\n"
                                 "outside.5550100 = answer 0\n";

static void no_recipient(void **state)
{
    (void)state;
    support_config(sim_config);
    assert_int_equal(tapiRequestMakeCall("5550100", NULL, NULL, NULL), TAPIERR_NOREQUESTRECIPIENT);
    struct test_app app;
    support_init(&app, "no-manager");
    assert_int_equal(tapiRequestMakeCall("5550100", NULL, NULL, NULL), TAPIERR_NOREQUESTRECIPIENT);
    assert_int_equal(tapiRequestMakeCall(NULL, NULL, NULL, NULL), TAPIERR_INVALDESTADDRESS);
    assert_int_equal(tapiRequestMakeCall("", NULL, NULL, NULL), TAPIERR_INVALDESTADDRESS);
    char longest[TAPIMAXDESTADDRESSSIZE + 1];
    memset(longest, '5', sizeof(longest) - 1);
    longest[sizeof(longest) - 1] = '\0';
    assert_int_equal(tapiRequestMakeCall(longest, NULL, NULL, NULL), TAPIERR_INVALDESTADDRESS);
    assert_int_equal(tapiRequestMediaCall(NULL, 1, "wave", "", 0, 0, "5550100", NULL, NULL, NULL),
                     TAPIERR_REQUESTFAILED);
    assert_int_equal(tapiRequestDrop(NULL, 1), TAPIERR_REQUESTFAILED);
    support_shutdown(&app);
}

static void register_errors(void **state)
{
    (void)state;
    support_config(sim_config);
    struct test_app app;
    support_init(&app, "manager");
    LINEREQMAKECALL req;
    assert_int_equal(lineRegisterRequestRecipient(0x7777, 0, LINEREQUESTMODE_MAKECALL, 1),
                     LINEERR_INVALAPPHANDLE);
    assert_int_equal(lineRegisterRequestRecipient(app.hLineApp, 0, 0, 1), LINEERR_INVALREQUESTMODE);
    assert_int_equal(lineRegisterRequestRecipient(app.hLineApp, 0, LINEREQUESTMODE_DROP, 1),
                     LINEERR_INVALREQUESTMODE);
    assert_int_equal(lineRegisterRequestRecipient(app.hLineApp, 0, LINEREQUESTMODE_MAKECALL, 0),
                     LINEERR_OPERATIONFAILED);
    assert_int_equal(lineGetRequest(app.hLineApp, LINEREQUESTMODE_MAKECALL, &req),
                     LINEERR_NOTREGISTERED);
    assert_int_equal(lineGetRequest(0x7777, LINEREQUESTMODE_MAKECALL, &req),
                     LINEERR_INVALAPPHANDLE);
    assert_int_equal(lineGetRequest(app.hLineApp, 0x10, &req), LINEERR_INVALREQUESTMODE);
    assert_int_equal(lineGetRequest(app.hLineApp, LINEREQUESTMODE_MAKECALL, NULL),
                     LINEERR_INVALPOINTER);
    assert_int_equal(lineRegisterRequestRecipient(app.hLineApp, 0, LINEREQUESTMODE_MEDIACALL, 1),
                     0);
    assert_int_equal(lineGetRequest(app.hLineApp, LINEREQUESTMODE_MEDIACALL, &req),
                     LINEERR_NOREQUEST);
    support_shutdown(&app);
}

static void manager_places_the_requested_call(void **state)
{
    (void)state;
    support_config(sim_config);
    struct test_app manager, other;
    support_init(&manager, "call-manager");
    support_init(&other, "dialer");
    assert_int_equal(
        lineRegisterRequestRecipient(manager.hLineApp, 0x55, LINEREQUESTMODE_MAKECALL, 1), 0);
    assert_int_equal(tapiRequestMakeCall("5550100", "Dialer", "Pizza", "order"), 0);
    LINEMESSAGE m;
    assert_true(support_wait(&manager, LINE_REQUEST, 0, 1, LINEREQUESTMODE_MAKECALL, &m,
                             SUPPORT_TIMEOUT_MS));
    assert_int_equal(m.dwCallbackInstance, 0x55);
    LINEREQMAKECALL req;
    assert_int_equal(lineGetRequest(other.hLineApp, LINEREQUESTMODE_MAKECALL, &req),
                     LINEERR_NOTREGISTERED);
    assert_int_equal(lineGetRequest(manager.hLineApp, LINEREQUESTMODE_MAKECALL, &req), 0);
    assert_string_equal(req.szDestAddress, "5550100");
    assert_string_equal(req.szAppName, "Dialer");
    assert_string_equal(req.szCalledParty, "Pizza");
    assert_string_equal(req.szComment, "order");
    assert_int_equal(lineGetRequest(manager.hLineApp, LINEREQUESTMODE_MAKECALL, &req),
                     LINEERR_NOREQUEST);

    /* The manager makes the call with the line API. */
    HLINE hLine =
        support_open(&manager, support_line_of(&manager, "101"), LINECALLPRIVILEGE_NONE, 0);
    HCALL hCall;
    assert_int_equal(
        support_reply(&manager, lineMakeCall(hLine, &hCall, req.szDestAddress, 0, NULL)), 0);
    support_callstate(&manager, hCall, LINECALLSTATE_CONNECTED);
    assert_int_equal(support_reply(&manager, lineDrop(hCall, NULL, 0)), 0);

    /* A full queue refuses more. */
    LONG rc = 0;
    int queued = 0;
    while ((rc = tapiRequestMakeCall("5550100", NULL, NULL, NULL)) == 0)
        queued++;
    assert_int_equal(rc, TAPIERR_REQUESTQUEUEFULL);
    assert_true(queued >= 1);
    assert_int_equal(lineGetRequest(manager.hLineApp, LINEREQUESTMODE_MAKECALL, &req), 0);
    assert_int_equal(tapiRequestMakeCall("5550100", NULL, NULL, NULL), 0);
    /* Leave the queue empty: under a server it outlives the applications. */
    while (lineGetRequest(manager.hLineApp, LINEREQUESTMODE_MAKECALL, &req) == 0)
        ;
    support_shutdown(&other);
    support_shutdown(&manager);
}

static void recipient_choice(void **state)
{
    (void)state;
    support_config(sim_config);
    struct test_app first, second;
    support_init(&first, "first-manager");
    support_init(&second, "second-manager");
    assert_int_equal(lineRegisterRequestRecipient(first.hLineApp, 1, LINEREQUESTMODE_MAKECALL, 1),
                     0);
    assert_int_equal(lineRegisterRequestRecipient(second.hLineApp, 2, LINEREQUESTMODE_MAKECALL, 1),
                     0);
    LINEMESSAGE m;
    assert_int_equal(tapiRequestMakeCall("5550100", NULL, NULL, NULL), 0);
    assert_true(support_wait(&first, LINE_REQUEST, 0, 0, 0, &m, SUPPORT_TIMEOUT_MS));
    assert_false(support_wait(&second, LINE_REQUEST, 0, 0, 0, &m, 100));
    /* lineSetAppPriority puts the second manager first. */
    assert_int_equal(
        lineSetAppPriority("second-manager", 0, NULL, LINEREQUESTMODE_MAKECALL, NULL, 1), 0);
    assert_int_equal(tapiRequestMakeCall("5550100", NULL, NULL, NULL), 0);
    assert_true(support_wait(&second, LINE_REQUEST, 0, 0, 0, &m, SUPPORT_TIMEOUT_MS));
    assert_int_equal(m.dwCallbackInstance, 2);
    /* Unregistered, or gone: the other one takes over. */
    assert_int_equal(lineRegisterRequestRecipient(second.hLineApp, 2, LINEREQUESTMODE_MAKECALL, 0),
                     0);
    support_drain(&first);
    assert_int_equal(tapiRequestMakeCall("5550100", NULL, NULL, NULL), 0);
    assert_true(support_wait(&first, LINE_REQUEST, 0, 0, 0, &m, SUPPORT_TIMEOUT_MS));
    support_shutdown(&first);
    assert_int_equal(tapiRequestMakeCall("5550100", NULL, NULL, NULL), TAPIERR_NOREQUESTRECIPIENT);
    /* A recipient that registers while requests wait hears of them at once. */
    assert_int_equal(lineRegisterRequestRecipient(second.hLineApp, 3, LINEREQUESTMODE_MAKECALL, 1),
                     0);
    assert_true(support_wait(&second, LINE_REQUEST, 0, 0, 0, &m, SUPPORT_TIMEOUT_MS));
    assert_int_equal(m.dwCallbackInstance, 3);
    support_shutdown(&second);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_recipient),
        cmocka_unit_test(register_errors),
        cmocka_unit_test(manager_places_the_requested_call),
        cmocka_unit_test(recipient_choice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
