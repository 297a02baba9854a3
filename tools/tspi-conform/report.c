/*
 * report.c — the output of tspi-conform: one line per check and the summary.
 *
 * Every check prints exactly one line, `PASS name: detail`, `FAIL name: reason` or
 * `SKIP name: why`, and the run ends with `N passed, M failed` (plus `, K skipped` when some
 * were skipped) alone on its line, which is what scripts and CTest match. A provider that
 * crashes or hangs must still produce a FAIL line and a summary, so fatal signals and a
 * watchdog alarm (re-armed whenever a check starts or reports) are caught here and reported
 * against the check that was running.
 */
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "conform.h"

/* A check may run this long before the watchdog calls it a hang. */
#define REPORT_WATCHDOG_S 120

static atomic_uint n_pass, n_fail, n_skip;
static int trace_on;
static const char *volatile current_check = "load";
static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;

/* Write a string with write(2): usable from a signal handler. */
static void raw_puts(const char *s)
{
    ssize_t r = write(STDOUT_FILENO, s, strlen(s));
    (void)r;
}

/* Format n in decimal into buf (at least 12 bytes) without stdio; returns buf. */
static char *raw_utoa(unsigned n, char *buf)
{
    char tmp[12];
    int i = 0, j = 0;

    do {
        tmp[i++] = (char)('0' + n % 10);
        n /= 10;
    } while (n && i < 11);
    while (i)
        buf[j++] = tmp[--i];
    buf[j] = '\0';
    return buf;
}

/* Print the summary line with write(2) only. */
static void raw_summary(void)
{
    char a[12], b[12], c[12];

    raw_puts(raw_utoa(atomic_load(&n_pass), a));
    raw_puts(" passed, ");
    raw_puts(raw_utoa(atomic_load(&n_fail), b));
    raw_puts(" failed");
    if (atomic_load(&n_skip)) {
        raw_puts(", ");
        raw_puts(raw_utoa(atomic_load(&n_skip), c));
        raw_puts(" skipped");
    }
    raw_puts("\n");
}

/* Fatal signal or watchdog: report a FAIL for the running check, the summary, and exit 1. */
static void on_fatal(int sig)
{
    char num[12];

    const char *fn = tsp_calling();

    raw_puts("FAIL ");
    raw_puts(current_check);
    if (sig == SIGALRM) {
        raw_puts(": no progress within ");
        raw_puts(raw_utoa(REPORT_WATCHDOG_S, num));
        raw_puts(" s (the provider hangs)\n");
    } else {
        raw_puts(": the process died of signal ");
        raw_puts(raw_utoa((unsigned)sig, num));
        raw_puts(" (");
        raw_puts(sig == SIGSEGV   ? "SIGSEGV"
                 : sig == SIGBUS  ? "SIGBUS"
                 : sig == SIGABRT ? "SIGABRT"
                                  : "signal");
        raw_puts(") while this check ran");
        if (fn) {
            raw_puts(", inside ");
            raw_puts(fn);
        }
        raw_puts("\n");
    }
    atomic_fetch_add(&n_fail, 1);
    raw_summary();
    _exit(1);
}

void report_init(int verbose)
{
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGALRM};
    struct sigaction sa;

    trace_on = verbose;
    setvbuf(stdout, NULL, _IOLBF, 0);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);
    alarm(REPORT_WATCHDOG_S);
}

void report_begin(const char *check)
{
    current_check = check;
    alarm(REPORT_WATCHDOG_S);
}

/* Print one result line "<word> check: detail" under the output lock. */
static void report_line(const char *word, const char *check, const char *fmt, va_list ap)
{
    char detail[1024];

    vsnprintf(detail, sizeof detail, fmt, ap);
    alarm(REPORT_WATCHDOG_S);
    pthread_mutex_lock(&out_lock);
    printf("%s %s: %s\n", word, check, detail);
    pthread_mutex_unlock(&out_lock);
}

void report_pass(const char *check, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report_line("PASS", check, fmt, ap);
    va_end(ap);
    atomic_fetch_add(&n_pass, 1);
}

void report_fail(const char *check, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report_line("FAIL", check, fmt, ap);
    va_end(ap);
    atomic_fetch_add(&n_fail, 1);
}

void report_skip(const char *check, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report_line("SKIP", check, fmt, ap);
    va_end(ap);
    atomic_fetch_add(&n_skip, 1);
}

void report_trace(const char *fmt, ...)
{
    va_list ap;
    char line[1024];

    if (!trace_on)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&out_lock);
    printf("# %s\n", line);
    pthread_mutex_unlock(&out_lock);
}

unsigned report_failures(void)
{
    return atomic_load(&n_fail);
}

int report_summary(void)
{
    alarm(0);
    fflush(stdout);
    raw_summary();
    return atomic_load(&n_fail) ? 1 : 0;
}

/* The LINEERR_ and the common PHONEERR_ values by name, for readable FAIL lines. */
static const struct {
    LONG value;
    const char *name;
} err_names[] = {
#define E(n)                                                                                       \
    {                                                                                              \
        (LONG)(n), #n                                                                              \
    }
    E(LINEERR_ALLOCATED),
    E(LINEERR_BADDEVICEID),
    E(LINEERR_BEARERMODEUNAVAIL),
    E(LINEERR_CALLUNAVAIL),
    E(LINEERR_COMPLETIONOVERRUN),
    E(LINEERR_CONFERENCEFULL),
    E(LINEERR_DIALBILLING),
    E(LINEERR_DIALDIALTONE),
    E(LINEERR_DIALPROMPT),
    E(LINEERR_DIALQUIET),
    E(LINEERR_INCOMPATIBLEAPIVERSION),
    E(LINEERR_INCOMPATIBLEEXTVERSION),
    E(LINEERR_INIFILECORRUPT),
    E(LINEERR_INUSE),
    E(LINEERR_INVALADDRESS),
    E(LINEERR_INVALADDRESSID),
    E(LINEERR_INVALADDRESSMODE),
    E(LINEERR_INVALADDRESSSTATE),
    E(LINEERR_INVALAPPHANDLE),
    E(LINEERR_INVALAPPNAME),
    E(LINEERR_INVALBEARERMODE),
    E(LINEERR_INVALCALLCOMPLMODE),
    E(LINEERR_INVALCALLHANDLE),
    E(LINEERR_INVALCALLPARAMS),
    E(LINEERR_INVALCALLPRIVILEGE),
    E(LINEERR_INVALCALLSELECT),
    E(LINEERR_INVALCALLSTATE),
    E(LINEERR_INVALCALLSTATELIST),
    E(LINEERR_INVALCARD),
    E(LINEERR_INVALCOMPLETIONID),
    E(LINEERR_INVALCONFCALLHANDLE),
    E(LINEERR_INVALCONSULTCALLHANDLE),
    E(LINEERR_INVALCOUNTRYCODE),
    E(LINEERR_INVALDEVICECLASS),
    E(LINEERR_INVALDEVICEHANDLE),
    E(LINEERR_INVALDIALPARAMS),
    E(LINEERR_INVALDIGITLIST),
    E(LINEERR_INVALDIGITMODE),
    E(LINEERR_INVALDIGITS),
    E(LINEERR_INVALEXTVERSION),
    E(LINEERR_INVALGROUPID),
    E(LINEERR_INVALLINEHANDLE),
    E(LINEERR_INVALLINESTATE),
    E(LINEERR_INVALLOCATION),
    E(LINEERR_INVALMEDIALIST),
    E(LINEERR_INVALMEDIAMODE),
    E(LINEERR_INVALMESSAGEID),
    E(LINEERR_INVALPARAM),
    E(LINEERR_INVALPARKID),
    E(LINEERR_INVALPARKMODE),
    E(LINEERR_INVALPOINTER),
    E(LINEERR_INVALPRIVSELECT),
    E(LINEERR_INVALRATE),
    E(LINEERR_INVALREQUESTMODE),
    E(LINEERR_INVALTERMINALID),
    E(LINEERR_INVALTERMINALMODE),
    E(LINEERR_INVALTIMEOUT),
    E(LINEERR_INVALTONE),
    E(LINEERR_INVALTONELIST),
    E(LINEERR_INVALTONEMODE),
    E(LINEERR_INVALTRANSFERMODE),
    E(LINEERR_LINEMAPPERFAILED),
    E(LINEERR_NOCONFERENCE),
    E(LINEERR_NODEVICE),
    E(LINEERR_NODRIVER),
    E(LINEERR_NOMEM),
    E(LINEERR_NOREQUEST),
    E(LINEERR_NOTOWNER),
    E(LINEERR_NOTREGISTERED),
    E(LINEERR_OPERATIONFAILED),
    E(LINEERR_OPERATIONUNAVAIL),
    E(LINEERR_RATEUNAVAIL),
    E(LINEERR_RESOURCEUNAVAIL),
    E(LINEERR_REQUESTOVERRUN),
    E(LINEERR_STRUCTURETOOSMALL),
    E(LINEERR_TARGETNOTFOUND),
    E(LINEERR_TARGETSELF),
    E(LINEERR_UNINITIALIZED),
    E(LINEERR_USERUSERINFOTOOBIG),
    E(LINEERR_REINIT),
    E(LINEERR_ADDRESSBLOCKED),
    E(LINEERR_BILLINGREJECTED),
    E(LINEERR_INVALFEATURE),
    E(LINEERR_NOMULTIPLEINSTANCE),
    E(PHONEERR_ALLOCATED),
    E(PHONEERR_BADDEVICEID),
    E(PHONEERR_INCOMPATIBLEAPIVERSION),
    E(PHONEERR_INCOMPATIBLEEXTVERSION),
    E(PHONEERR_INUSE),
    E(PHONEERR_INVALDEVICECLASS),
    E(PHONEERR_INVALEXTVERSION),
    E(PHONEERR_INVALPARAM),
    E(PHONEERR_INVALPHONEHANDLE),
    E(PHONEERR_INVALPHONESTATE),
    E(PHONEERR_INVALPOINTER),
    E(PHONEERR_NODEVICE),
    E(PHONEERR_NODRIVER),
    E(PHONEERR_NOMEM),
    E(PHONEERR_OPERATIONFAILED),
    E(PHONEERR_OPERATIONUNAVAIL),
    E(PHONEERR_RESOURCEUNAVAIL),
    E(PHONEERR_STRUCTURETOOSMALL),
#undef E
};

const char *report_err(LONG rc, char *buf)
{
    if (rc == 0)
        return "0";
    for (size_t i = 0; i < sizeof err_names / sizeof err_names[0]; i++)
        if (err_names[i].value == rc)
            return err_names[i].name;
    snprintf(buf, 16, "0x%08X", (unsigned)rc);
    return buf;
}
