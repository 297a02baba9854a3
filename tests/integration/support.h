/*
 * support.h — what the integration tests share: starting TAPI with a configuration and
 * waiting for particular messages while keeping every message seen, in order.
 */
#ifndef TAPIX_TEST_SUPPORT_H
#define TAPIX_TEST_SUPPORT_H

#include <tapix/tapi.h>
#include <tapix/tapix.h>

#define SUPPORT_TIMEOUT_MS 5000
#define SUPPORT_MAX_SEEN   512

/** One initialized application and the messages it has received so far. */
struct test_app {
    HLINEAPP hLineApp;
    DWORD num_devs;
    int event_fd;
    LINEMESSAGE seen[SUPPORT_MAX_SEEN];
    unsigned char consumed[SUPPORT_MAX_SEEN]; /* taken by a wait already */
    unsigned num_seen;
};

/** Starts TAPI for a test application named `name`; the config text applies when the core starts.
 */
void support_init(struct test_app *app, const char *name);

/** Shuts the application down (asserts success). */
void support_shutdown(struct test_app *app);

/**
 * Skips the calling test when it runs in client mode (TAPIX_SERVER set): for a test of what only
 * the embedded core does (reading its configuration, starting afresh with each application).
 */
void support_embedded_only(void);

/** Sets the configuration used by the next core start (NULL: the built-in default). */
void support_config(const char *ini_text);

/**
 * Waits until a message with `msg_id` arrives for `hDevice` (0: any device) and whose dwParam1
 * equals `param1` (when `match_param1`); returns 1 with it in *out, 0 on timeout.
 * Earlier unconsumed messages that matched are found too.
 */
int support_wait(struct test_app *app, DWORD msg_id, DWORD hDevice, int match_param1,
                 DWORD_PTR param1, LINEMESSAGE *out, DWORD timeout_ms);

/** Waits for the LINE_REPLY of `request_id` and returns its result (asserts it arrives). */
LONG support_reply(struct test_app *app, LONG request_id);

/** Waits until `hCall` reports `state` (asserts it does); returns the state mode. */
DWORD support_callstate(struct test_app *app, HCALL hCall, DWORD state);

/** Waits for LINE_APPNEWCALL or a first LINE_CALLSTATE OFFERING on any call; returns hCall. */
HCALL support_incoming(struct test_app *app);

/** Opens device `id` with `privileges` and `media` (asserts success). */
HLINE support_open(struct test_app *app, DWORD id, DWORD privileges, DWORD media);

/** The device ID of the line whose name or address is `address` (e.g. "101"); asserts found. */
DWORD support_line_of(struct test_app *app, const char *address);

/** Takes all messages already queued without waiting, so later waits see only new ones. */
void support_drain(struct test_app *app);

/** True when `hCall` reported `state` among the messages seen so far. */
int support_saw_state(const struct test_app *app, HCALL hCall, DWORD state);

#endif
