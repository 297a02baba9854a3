/*
 * check_startup.c — the provider's life from dlopen to TSPI_providerShutdown.
 *
 * These checks follow the start-up order of docs/provider-contract.md step by step: required
 * exports, TSPIX_providerConfig, the provider-wide TSPI version negotiation, device enumeration,
 * TSPI_providerInit, the per-device negotiation; then, at the end, TSPI_providerShutdown and
 * the rules judged over the whole run (every request completed exactly once, events only on
 * live handles, nothing after shutdown).
 */
#include <stdio.h>
#include <string.h>

#include "conform.h"
#include "conform_config.h"

#define SENTINEL    0xDEADBEEFu
#define ERRBUF_SIZE 256u
#define ERRBUF_TINY 16u

int check_exports(void)
{
    size_t n, present = 0, optional = 0, len;
    const struct tsp_export *e = provider_exports(&n);
    char missing[512] = "", list[8192] = "";

    report_begin("exports.required");
    for (size_t i = 0; i < n; i++) {
        char *buf = e[i].required ? missing : list;
        size_t cap = e[i].required ? sizeof missing : sizeof list;

        if (e[i].required == e[i].present) /* required and absent, or optional and present */
            continue;
        len = strlen(buf);
        snprintf(buf + len, cap - len, "%s%s", len ? ", " : "", e[i].name);
    }
    for (size_t i = 0; i < n; i++) {
        present += !e[i].required && e[i].present;
        optional += !e[i].required;
    }
    if (missing[0])
        report_fail("exports.required", "missing %s", missing);
    else
        report_pass("exports.required", "all 4 required entry points exported");
    report_pass("exports.optional", "%zu of %zu optional: %s", present, optional,
                list[0] ? list : "none");
    return missing[0] ? -1 : 0;
}

/* Call TSPIX_providerConfig on cfg with an error buffer of errsize (<= ERRBUF_SIZE) bytes
 * inside a guarded one, copied to buf; *overflow is set when it wrote past errsize. */
static LONG call_config(const TSPIXCONFIG *cfg, char *buf, DWORD errsize, int *overflow)
{
    char mem[ERRBUF_SIZE + 64];
    LONG rc;

    memset(mem, 0x7E, sizeof mem);
    rc = TSPI(TSPIX_providerConfig, CONFORM_PROVIDER_ID, cfg, mem, errsize);
    *overflow = 0;
    for (size_t i = errsize; i < sizeof mem; i++)
        *overflow |= mem[i] != 0x7E;
    memcpy(buf, mem, errsize);
    return rc;
}

/* The provider must refuse an unknown key with LINEERR_INVALPARAM and a file:line message. */
static void check_config_rejects(void)
{
    static const char *const keys[] = {"tspi-conform.no-such-key"};
    static const char *const values[] = {"1"};
    static const DWORD lines[] = {7};
    TSPIXCONFIG bad = {1, keys, values, lines, "<tspi-conform>", ""};
    char err[ERRBUF_SIZE];
    int overflow;
    LONG rc;

    report_begin("config.rejects_unknown");
    rc = call_config(&bad, err, ERRBUF_SIZE, &overflow);
    if (rc != (LONG)LINEERR_INVALPARAM)
        report_fail("config.rejects_unknown",
                    "unknown key %s: returned %s, not "
                    "LINEERR_INVALPARAM",
                    keys[0], ERRNAME(rc));
    else if (overflow || !memchr(err, '\0', ERRBUF_SIZE))
        report_fail("config.rejects_unknown",
                    "error text not NUL-terminated within "
                    "dwErrorSize=%u",
                    ERRBUF_SIZE);
    else if (!strstr(err, "<tspi-conform>:7") || !strstr(err, keys[0]))
        report_fail("config.rejects_unknown",
                    "error text \"%s\" does not name file:line "
                    "(<tspi-conform>:7) and the key",
                    err);
    else
        report_pass("config.rejects_unknown", "LINEERR_INVALPARAM, \"%s\"", err);

    report_begin("config.error_buffer");
    rc = call_config(&bad, err, ERRBUF_TINY, &overflow);
    if (overflow)
        report_fail("config.error_buffer", "wrote past dwErrorSize=%u", ERRBUF_TINY);
    else if (!memchr(err, '\0', ERRBUF_TINY))
        report_fail("config.error_buffer",
                    "error text not NUL-terminated within "
                    "dwErrorSize=%u",
                    ERRBUF_TINY);
    else
        report_pass("config.error_buffer", "dwErrorSize=%u honoured (%s)", ERRBUF_TINY,
                    ERRNAME(rc));
}

/* Apply the real configuration: the --config section, or an empty one. */
static void check_config_apply(const struct conform_options *opt)
{
    struct conform_config cfg;
    TSPIXCONFIG view;
    char err[ERRBUF_SIZE];
    int overflow;
    LONG rc;

    report_begin("config");
    memset(&cfg, 0, sizeof cfg);
    if (opt->config_path && conform_config_read(&cfg, opt->config_path, err, sizeof err)) {
        report_fail("config", "cannot read --config: %s", err);
        return;
    }
    conform_config_view(&cfg, &view);
    rc = call_config(&view, err, ERRBUF_SIZE, &overflow);
    if (rc != 0)
        report_fail("config", "%zu settings from %s refused with %s: %.*s", cfg.count,
                    view.lpszFile, ERRNAME(rc), (int)ERRBUF_SIZE, err);
    else
        report_pass("config", "%zu settings from %s accepted", cfg.count, view.lpszFile);
    conform_config_free(&cfg);
}

void check_config(const struct conform_options *opt)
{
    if (!tsp.TSPIX_providerConfig) {
        report_skip("config", "TSPIX_providerConfig is not exported%s",
                    opt->config_path ? "; --config was not applied" : " (optional)");
        return;
    }
    check_config_rejects();
    check_config_apply(opt);
}

/* One kind of TSPI version negotiation: line or phone. */
struct negotiation {
    PFN_TSPI_lineNegotiateTSPIVersion fn; /* both have this prototype */
    const char *fname;
    LONG incompatible; /* the error for a range it cannot support */
    const char *check;
};

/* Negotiate for device (or INITIALIZE_NEGOTIATION) in the core's range and in an impossible
 * one; reports under n->check. Returns the version, or 0 on failure. */
static DWORD negotiate(const struct negotiation *n, DWORD device, const char *who)
{
    PFN_TSPI_lineNegotiateTSPIVersion fn = n->fn;
    const char *fname = n->fname, *check = n->check;
    DWORD v = SENTINEL, future = SENTINEL; /* future: written only by a wrong provider */
    LONG rc, rc_future;

    report_begin(check);
    tsp_enter(fname);
    rc_future = tsp_leave(fn(device, CONFORM_FUTURE_LOW, CONFORM_FUTURE_HIGH, &future));
    tsp_enter(fname);
    rc = tsp_leave(fn(device, CONFORM_TSPI_LOW, CONFORM_TSPI_HIGH, &v));
    if (rc != 0) {
        report_fail(check, "%s: range 0x%X-0x%X refused with %s", who, CONFORM_TSPI_LOW,
                    CONFORM_TSPI_HIGH, ERRNAME(rc));
        return 0;
    }
    if (v < CONFORM_TSPI_LOW || v > CONFORM_TSPI_HIGH) {
        report_fail(check, "%s: returned version 0x%X outside the offered range 0x%X-0x%X", who,
                    (unsigned)v, CONFORM_TSPI_LOW, CONFORM_TSPI_HIGH);
        return 0;
    }
    if (rc_future != n->incompatible) {
        report_fail(check, "%s: range 0x%X-0x%X (unsupportable) gave %s, not %s", who,
                    CONFORM_FUTURE_LOW, CONFORM_FUTURE_HIGH, ERRNAME(rc_future),
                    ERRNAME(n->incompatible));
        return 0;
    }
    report_pass(check, "%s: version 0x%X; an unsupportable range gives %s", who, (unsigned)v,
                ERRNAME(n->incompatible));
    return v;
}

/* TSPI_providerEnumDevices: both counts written, plausible. Returns 0 on success. */
static int check_enum(struct conform_state *st)
{
    DWORD lines = SENTINEL, phones = SENTINEL;
    LONG rc;

    report_begin("enum");
    rc = TSPI(TSPI_providerEnumDevices, CONFORM_PROVIDER_ID, &lines, &phones, rec_provider_handle(),
              rec_line_create, rec_phone_create);
    if (rc != 0) {
        report_fail("enum", "TSPI_providerEnumDevices returned %s", ERRNAME(rc));
        return -1;
    }
    if (lines == SENTINEL || phones == SENTINEL) {
        report_fail("enum", "TSPI_providerEnumDevices did not set *lpdw%s",
                    lines == SENTINEL ? "NumLines" : "NumPhones");
        return -1;
    }
    if (lines > 100000 || phones > 100000) {
        report_fail("enum", "implausible counts: %u lines, %u phones", (unsigned)lines,
                    (unsigned)phones);
        return -1;
    }
    st->num_lines = lines;
    st->num_phones = phones;
    st->lines_tested = lines < CONFORM_MAX_LINES ? lines : CONFORM_MAX_LINES;
    st->phones_tested = phones < CONFORM_MAX_PHONES ? phones : CONFORM_MAX_PHONES;
    report_pass("enum", "%u line%s, %u phone%s%s", (unsigned)lines, lines == 1 ? "" : "s",
                (unsigned)phones, phones == 1 ? "" : "s",
                lines > st->lines_tested || phones > st->phones_tested
                    ? " (only the first 64 of each are exercised)"
                    : "");
    return 0;
}

/* Which entry points the enumerated devices make necessary. */
static void check_device_exports(const struct conform_state *st)
{
    char missing[512] = "";

#define NEED(cond, fn)                                                                             \
    if ((cond) && !tsp.fn)                                                                         \
        snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%s",              \
                 missing[0] ? ", " : "", #fn);
    NEED(st->num_lines, TSPI_lineGetDevCaps)
    NEED(st->num_lines, TSPI_lineGetAddressCaps)
    NEED(st->num_lines, TSPI_lineOpen)
    NEED(st->num_lines || tsp.TSPI_lineOpen, TSPI_lineClose)
    NEED(tsp.TSPI_lineMakeCall, TSPI_lineDrop)
    NEED(tsp.TSPI_lineMakeCall, TSPI_lineCloseCall)
    NEED(st->num_phones, TSPI_phoneNegotiateTSPIVersion)
    NEED(st->num_phones, TSPI_phoneGetDevCaps)
    NEED(st->num_phones, TSPI_phoneOpen)
    NEED(st->num_phones || tsp.TSPI_phoneOpen, TSPI_phoneClose)
#undef NEED
    report_begin("exports.devices");
    if (missing[0])
        report_fail("exports.devices",
                    "missing %s, needed by %u line device(s), %u phone device(s) and the "
                    "exports present",
                    missing, (unsigned)st->num_lines, (unsigned)st->num_phones);
    else
        report_pass("exports.devices", "every entry point the devices need is exported");
}

/* TSPI_providerInit with the enumerated counts. Returns 0 on success. */
static int check_init(struct conform_state *st)
{
    DWORD options = SENTINEL;
    LONG rc;

    report_begin("init");
    rc = TSPI(TSPI_providerInit, st->version, CONFORM_PROVIDER_ID, CONFORM_LINE_BASE,
              CONFORM_PHONE_BASE, st->num_lines, st->num_phones, rec_async_completion, &options);
    if (rc != 0) {
        report_fail("init", "TSPI_providerInit returned %s", ERRNAME(rc));
        return -1;
    }
    st->initialized = 1;
    if (options == SENTINEL)
        report_pass("init", "initialised; *lpdwTSPIOptions left unset (TAPI presets 0)");
    else
        report_pass("init", "initialised, options 0x%X", (unsigned)options);
    return 0;
}

/* The line negotiation, reported under check. */
static struct negotiation line_negotiation(const char *check)
{
    return (struct negotiation){tsp.TSPI_lineNegotiateTSPIVersion, "TSPI_lineNegotiateTSPIVersion",
                                (LONG)LINEERR_INCOMPATIBLEAPIVERSION, check};
}

int check_startup(struct conform_state *st)
{
    struct negotiation n = line_negotiation("negotiate.provider");

    st->version = negotiate(&n, INITIALIZE_NEGOTIATION, "INITIALIZE_NEGOTIATION");
    if (!st->version || check_enum(st))
        return -1;
    check_device_exports(st);
    return check_init(st);
}

void check_device_versions(struct conform_state *st)
{
    struct negotiation line = line_negotiation("negotiate.line");
    struct negotiation phone = {tsp.TSPI_phoneNegotiateTSPIVersion,
                                "TSPI_phoneNegotiateTSPIVersion",
                                (LONG)PHONEERR_INCOMPATIBLEAPIVERSION, "negotiate.phone"};
    char who[64];

    for (DWORD i = 0; i < st->lines_tested; i++) {
        snprintf(who, sizeof who, "line device %u", (unsigned)(CONFORM_LINE_BASE + i));
        st->line_version[i] = negotiate(&line, CONFORM_LINE_BASE + i, who);
    }
    for (DWORD i = 0; i < st->phones_tested && phone.fn; i++) {
        snprintf(who, sizeof who, "phone device %u", (unsigned)(CONFORM_PHONE_BASE + i));
        st->phone_version[i] = negotiate(&phone, CONFORM_PHONE_BASE + i, who);
    }
}

void check_shutdown(struct conform_state *st)
{
    LONG rc;

    if (!st->initialized)
        return;
    report_begin("shutdown");
    rc = TSPI(TSPI_providerShutdown, st->version, CONFORM_PROVIDER_ID);
    rec_mark_shutdown();
    if (rc != 0)
        report_fail("shutdown", "TSPI_providerShutdown returned %s", ERRNAME(rc));
    else
        report_pass("shutdown", "TSPI_providerShutdown returned 0");
    st->initialized = 0;
}

/* Report one class of violation as a check. */
static void report_violations(const char *check, enum rec_violation kind, const char *good)
{
    char first[512];
    unsigned n = rec_violations(kind, first, sizeof first);

    report_begin(check);
    if (n)
        report_fail(check, "%s (%u violation%s in all)", first, n, n == 1 ? "" : "s");
    else
        report_pass(check, "%s", good);
}

void check_final(void)
{
    struct rec_counts c;
    unsigned accepted, missing;
    char first[512];

    rec_get_counts(&c);
    report_violations("requests.exactly_once", VIOL_REQUEST,
                      "no request completed twice, unknown or refused");
    missing = rec_requests_missing(first, sizeof first, &accepted);
    report_begin("requests.completed");
    if (missing)
        report_fail("requests.completed", "%s (%u of %u accepted requests never completed)", first,
                    missing, accepted);
    else
        report_pass("requests.completed", "all %u accepted requests completed", accepted);
    report_violations("events.live_handles", VIOL_EVENT, "every event named a live handle");
    report_violations("events.callstate", VIOL_CALLSTATE,
                      "every LINE_CALLSTATE carried one LINECALLSTATE_ value");
    report_violations("events.after_shutdown", VIOL_SHUTDOWN,
                      "no callback after TSPI_providerShutdown");
    report_trace("%u line events, %u phone events, %u completions, %u LINE_NEWCALL", c.line_events,
                 c.phone_events, c.completions, c.new_calls);
}
