/*
 * test_server_loss.c — client mode when tapixd goes away and comes back: the application's
 * open lines get LINE_LINEDEVSTATE(OUTOFSERVICE) and LINE_CLOSE, its pending request its
 * LINE_REPLY, further calls LINEERR_NODRIVER, its event handle stays honest, lineShutdown
 * succeeds, and lineInitializeEx connects again to the restarted server.
 *
 * The test starts and kills tapixd itself. Usage: test_server_loss TAPIXD CONFIG.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <poll.h>

#include "support.h"

static const char *tapixd_path, *config_path;
static char sock_path[256];

/* Starts tapixd on sock_path and waits until it listens; returns its pid. */
static pid_t server_start(void)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        unsetenv("TAPIX_SERVER");
        execl(tapixd_path, tapixd_path, "--foreground", "--socket", sock_path, "--config",
              config_path, "--log-level", "error", (char *)NULL);
        _exit(127);
    }
    for (int i = 0; i < 200; i++) {
        struct stat st;
        if (stat(sock_path, &st) == 0 && S_ISSOCK(st.st_mode))
            return pid;
        usleep(25000);
    }
    fail_msg("tapixd did not listen on %s", sock_path);
    return -1;
}

/* Kills the server outright, as a crash would, and removes its socket. */
static void server_kill(pid_t pid)
{
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    unlink(sock_path);
}

/* Whether the event handle of `app` is readable now. */
static int readable(const struct test_app *app)
{
    struct pollfd p = {.fd = app->event_fd, .events = POLLIN};
    return poll(&p, 1, 0) == 1;
}

static void lost_server_closes_lines_and_comes_back(void **state)
{
    (void)state;
    struct test_app app;
    LINEMESSAGE m;
    pid_t server = server_start();
    support_init(&app, "loss");
    HLINE hLine = support_open(&app, 0, LINECALLPRIVILEGE_NONE, 0);
    HCALL hCall = 0;
    LONG request = lineMakeCall(hLine, &hCall, "5550100", 0, NULL);
    assert_true(request > 0);
    assert_int_equal(support_reply(&app, request), 0);
    assert_int_not_equal(hCall, 0);
    support_drain(&app);

    server_kill(server);
    assert_true(support_wait(&app, LINE_LINEDEVSTATE, hLine, 1, LINEDEVSTATE_OUTOFSERVICE, &m,
                             SUPPORT_TIMEOUT_MS));
    assert_true(support_wait(&app, LINE_CLOSE, hLine, 0, 0, &m, SUPPORT_TIMEOUT_MS));
    assert_false(readable(&app));
    assert_int_equal(lineDrop(hCall, NULL, 0), LINEERR_NODRIVER);
    LINEDEVCAPS caps = {.dwTotalSize = sizeof(caps)};
    assert_int_equal(lineGetDevCaps(app.hLineApp, 0, 0x20002, 0, &caps), LINEERR_NODRIVER);
    support_shutdown(&app);

    server = server_start();
    support_init(&app, "loss-again");
    assert_true(app.num_devs > 0);
    assert_int_equal(lineGetDevCaps(app.hLineApp, 0, 0x20002, 0, &caps), 0);
    support_shutdown(&app);
    server_kill(server);
}

static void two_applications_share_the_connection(void **state)
{
    (void)state;
    struct test_app a, b;
    LINEMESSAGE m;
    pid_t server = server_start();
    support_init(&a, "first");
    support_init(&b, "second");
    HLINE la = support_open(&a, 0, LINECALLPRIVILEGE_MONITOR, 0);
    HLINE lb = support_open(&b, 0, LINECALLPRIVILEGE_MONITOR, 0);
    HCALL hCall = 0;
    HLINE caller = support_open(&a, 1, LINECALLPRIVILEGE_NONE, 0);
    assert_int_equal(support_reply(&a, lineMakeCall(caller, &hCall, "5550100", 0, NULL)), 0);
    support_callstate(&a, hCall, LINECALLSTATE_CONNECTED);
    /* Each application gets its own messages only: b never sees a's calls on line 1. */
    for (unsigned i = 0; i < b.num_seen; i++)
        assert_int_not_equal(b.seen[i].hDevice, hCall);
    assert_int_equal(support_reply(&a, lineDrop(hCall, NULL, 0)), 0);
    server_kill(server);
    assert_true(support_wait(&a, LINE_CLOSE, la, 0, 0, &m, SUPPORT_TIMEOUT_MS));
    assert_true(support_wait(&b, LINE_CLOSE, lb, 0, 0, &m, SUPPORT_TIMEOUT_MS));
    support_shutdown(&b);
    support_shutdown(&a);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s TAPIXD CONFIG\n", argv[0]);
        return 2;
    }
    tapixd_path = argv[1];
    config_path = argv[2];
    char dir[] = "/tmp/tapix-loss.XXXXXX";
    if (!mkdtemp(dir))
        return 2;
    snprintf(sock_path, sizeof(sock_path), "%s/sock", dir);
    char server[300];
    snprintf(server, sizeof(server), "unix:%s", sock_path);
    setenv("TAPIX_SERVER", server, 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lost_server_closes_lines_and_comes_back),
        cmocka_unit_test(two_applications_share_the_connection),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    unlink(sock_path);
    rmdir(dir);
    return rc;
}
