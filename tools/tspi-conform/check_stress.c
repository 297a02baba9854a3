/*
 * check_stress.c — requests from several threads while the provider's own threads run.
 *
 * TAPI calls a provider one function at a time, but from whichever thread serves the request,
 * while the provider's threads deliver completions and events concurrently. Four threads here
 * fire requests through the one TSPI() lock: with --dial they make, drop and close calls on the
 * open lines (any result is acceptable, only the protocol counts: every accepted request must
 * complete exactly once); without it they query caps, which still races the provider's
 * threads. The process must not crash, and every completion must arrive.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "conform.h"

#define STRESS_THREADS      4
#define STRESS_CALL_ROUNDS  6
#define STRESS_QUERY_ROUNDS 50
#define STRESS_BUF          4096u

/* What one stress thread does and counts. */
struct stress_worker {
    pthread_t thread;
    struct conform_state *st;
    const struct conform_options *opt;
    unsigned index;
    int dialing; /* make calls rather than query caps */
    unsigned issued, accepted, completed, errors;
};

/* Wait for request id if it was accepted; counts it. */
static void stress_await(struct stress_worker *w, DRV_REQUESTID id, LONG rc)
{
    LONG result;

    w->issued++;
    if (rec_request_returned(id, rc) || rc < 0)
        return;
    w->accepted++;
    if (rec_request_wait(id, w->opt->timeout_ms, &result))
        w->completed++;
}

/* One round of make / drop / close on a line, tolerant of any outcome. */
static void stress_call_round(struct stress_worker *w, struct rec_line *line)
{
    struct rec_call *call = rec_call_new(line);
    DRV_REQUESTID id = rec_request_new("TSPI_lineMakeCall", call);
    HDRVCALL hd = NULL;
    LONG rc;

    if (!call || !id)
        return;
    rc = TSPI(TSPI_lineMakeCall, id, line->hd, (HTAPICALL)call, &hd, w->opt->dial, 0, NULL);
    call->hd = hd;
    stress_await(w, id, rc);
    if (rc < 0)
        return;
    conform_sleep_ms(5u * (w->index + 1));
    id = rec_request_new("TSPI_lineDrop", NULL);
    rc = TSPI(TSPI_lineDrop, id, hd, NULL, 0);
    stress_await(w, id, rc);
    rc = TSPI(TSPI_lineCloseCall, hd);
    rec_call_set_state(call, REC_CLOSED);
    if (rc != 0)
        w->errors++;
}

/* One round of caps queries on line index i. */
static void stress_query_round(struct stress_worker *w, DWORD i, void *buf)
{
    DWORD total = STRESS_BUF;

    *(DWORD *)buf = total;
    if (TSPI(TSPI_lineGetDevCaps, CONFORM_LINE_BASE + i, w->st->line_version[i], 0, buf) != 0)
        w->errors++;
    *(DWORD *)buf = total;
    if (tsp.TSPI_lineGetAddressCaps && TSPI(TSPI_lineGetAddressCaps, CONFORM_LINE_BASE + i, 0,
                                            w->st->line_version[i], 0, buf) != 0)
        w->errors++;
    w->issued++;
}

/* Thread body: rounds of calls (with --dial) or queries on the open lines. */
static void *stress_main(void *arg)
{
    struct stress_worker *w = arg;
    const struct conform_state *st = w->st;
    void *buf = calloc(1, STRESS_BUF);
    unsigned rounds = w->dialing ? STRESS_CALL_ROUNDS : STRESS_QUERY_ROUNDS;

    for (unsigned r = 0; r < rounds && buf; r++) {
        DWORD i = (w->index + r) % st->lines_tested;

        if (!st->open_lines[i])
            continue;
        if (w->dialing)
            stress_call_round(w, st->open_lines[i]);
        else
            stress_query_round(w, i, buf);
    }
    free(buf);
    return NULL;
}

/* Sum the workers' counts and report the check. */
static void stress_report(const struct stress_worker *w, int threads, int dialing)
{
    unsigned issued = 0, accepted = 0, completed = 0, errors = 0;

    for (int t = 0; t < threads; t++) {
        issued += w[t].issued;
        accepted += w[t].accepted;
        completed += w[t].completed;
        errors += w[t].errors;
    }
    if (dialing && completed != accepted)
        report_fail("stress", "%u of %u accepted requests from %d threads did not complete",
                    accepted - completed, accepted, threads);
    else if (!dialing && errors)
        report_fail("stress", "%u of %u concurrent caps queries failed", errors, issued);
    else if (dialing)
        report_pass("stress", "%d threads: %u requests, %u accepted, all completed", threads,
                    issued, accepted);
    else
        report_pass("stress",
                    "%d threads: %u caps queries while lines were open (no --dial, so "
                    "no asynchronous requests)",
                    threads, issued);
}

void check_stress(struct conform_state *st, const struct conform_options *opt)
{
    struct stress_worker w[STRESS_THREADS];
    int started = 0, dialing;

    report_begin("stress");
    if (!st->lines_tested || !tsp.TSPI_lineOpen || !tsp.TSPI_lineGetDevCaps) {
        report_skip("stress", "the provider has no lines to exercise");
        return;
    }
    dialing = st->can_dial && opt->dial && tsp.TSPI_lineMakeCall && tsp.TSPI_lineDrop &&
              tsp.TSPI_lineCloseCall;
    if (!lines_open_all(st, "stress")) {
        report_skip("stress", "no line opened");
        return;
    }
    for (int t = 0; t < STRESS_THREADS; t++) {
        w[t] =
            (struct stress_worker){.st = st, .opt = opt, .index = (unsigned)t, .dialing = dialing};
        if (pthread_create(&w[t].thread, NULL, stress_main, &w[t]) != 0)
            break;
        started++;
    }
    for (int t = 0; t < started; t++)
        pthread_join(w[t].thread, NULL);
    lines_close_all(st);
    stress_report(w, started, dialing);
}
