/*
 * bench_core.c — what the embedded core costs, measured through the public API with the sim
 * provider, in one thread:
 *   - call cycles per second: lineMakeCall → LINE_REPLY → CONNECTED → lineDrop → IDLE →
 *     lineDeallocateCall, to an outside number that answers at once;
 *   - the time to initialize and open 10,000 lines;
 *   - the memory each open idle line costs (heap in use, measured with mallinfo2).
 * It prints each figure beside its target; it never fails a build (targets are not tests).
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <tapix/tapi.h>
#include <tapix/tapix.h>

#define NUM_LINES 10000

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

static HLINEAPP start(DWORD *num_devs)
{
    HLINEAPP app;
    DWORD version = 0x00020002;
    LINEINITIALIZEEXPARAMS params = {.dwTotalSize = sizeof(params),
                                     .dwOptions = LINEINITIALIZEEXOPTION_USEEVENT};
    LONG rc = lineInitializeEx(&app, NULL, NULL, "bench", num_devs, &version, &params);
    if (rc != 0) {
        char why[512];
        tapix_last_error(why, sizeof(why));
        fprintf(stderr, "bench: lineInitializeEx failed: 0x%08x %s\n", (unsigned)rc, why);
        exit(1);
    }
    return app;
}

/* Takes messages until `want` arrives for hCall (state `state` for LINE_CALLSTATE). */
static void wait_for(HLINEAPP app, DWORD want, DWORD hDevice, DWORD_PTR param1)
{
    LINEMESSAGE m;
    for (;;) {
        if (lineGetMessage(app, &m, 5000) != 0) {
            fprintf(stderr, "bench: message %u never came\n", want);
            exit(1);
        }
        if (m.dwMessageID == want && (!hDevice || m.hDevice == hDevice) && m.dwParam1 == param1)
            return;
    }
}

/* One complete call; returns 0 or exits on failure. */
static void call_cycle(HLINEAPP app, HLINE line)
{
    HCALL call = 0;
    LONG req = lineMakeCall(line, &call, "5550100", 0, NULL);
    if (req <= 0) {
        fprintf(stderr, "bench: lineMakeCall failed: 0x%08x\n", (unsigned)req);
        exit(1);
    }
    wait_for(app, LINE_REPLY, 0, (DWORD_PTR)req);
    wait_for(app, LINE_CALLSTATE, call, LINECALLSTATE_CONNECTED);
    req = lineDrop(call, NULL, 0);
    wait_for(app, LINE_REPLY, 0, (DWORD_PTR)req);
    wait_for(app, LINE_CALLSTATE, call, LINECALLSTATE_IDLE);
    if (lineDeallocateCall(call) != 0)
        exit(1);
}

static void bench_call_cycles(void)
{
    tapix_set_config_text("[provider sim]\nextensions = 101-102\noutside.5550100 = answer 0\n");
    DWORD n;
    HLINEAPP app = start(&n);
    HLINE line;
    if (lineOpen(app, 0, &line, 0x00020002, 0, 0, LINECALLPRIVILEGE_NONE, 0, NULL) != 0)
        exit(1);
    for (int i = 0; i < 1000; i++)
        call_cycle(app, line);
    unsigned cycles = 0;
    double t0 = now_seconds(), elapsed;
    do {
        for (int i = 0; i < 1000; i++)
            call_cycle(app, line);
        cycles += 1000;
        elapsed = now_seconds() - t0;
    } while (elapsed < 2.0);
    printf("call cycles per second (one thread): %.0f   (target >= 100000)\n", cycles / elapsed);
    lineClose(line);
    lineShutdown(app);
}

static void bench_open_lines(void)
{
    tapix_set_config_text("[provider sim]\nextensions = 10000-19999\n");
    size_t heap_before = heap_in_use();
    double t0 = now_seconds();
    DWORD n;
    HLINEAPP app = start(&n);
    if (n < NUM_LINES) {
        fprintf(stderr, "bench: only %u lines\n", n);
        exit(1);
    }
    size_t heap_started = heap_in_use();
    HLINE *lines = malloc(NUM_LINES * sizeof(*lines));
    for (DWORD i = 0; i < NUM_LINES; i++)
        if (lineOpen(app, i, &lines[i], 0x00020002, 0, 0, LINECALLPRIVILEGE_OWNER,
                     LINEMEDIAMODE_INTERACTIVEVOICE, NULL) != 0) {
            fprintf(stderr, "bench: lineOpen %u failed\n", i);
            exit(1);
        }
    double elapsed = now_seconds() - t0;
    size_t heap_open = heap_in_use();
    printf("initialize + open %d lines: %.3f s   (target < 0.5 s)\n", NUM_LINES, elapsed);
    printf("memory per open idle line: %.0f bytes   (target < 4096; core + provider heap; "
           "%.0f bytes per configured line before opening)\n",
           (double)(heap_open - heap_started) / NUM_LINES,
           (double)(heap_started - heap_before) / NUM_LINES);
    for (DWORD i = 0; i < NUM_LINES; i++)
        lineClose(lines[i]);
    free(lines);
    lineShutdown(app);
}

int main(void)
{
    printf("tapix embedded core with the sim provider\n");
    bench_call_cycles();
    bench_open_lines();
    return 0;
}
