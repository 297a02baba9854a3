/*
 * main.c — tspi-conform, the TSPI conformance kit: command line and order of the checks.
 *
 *   tspi-conform PROVIDER.tsp [--config FILE] [--dial NUMBER] [--timeout MS] [--verbose]
 *
 * Loads any provider by path, plays TAPI for it without the tapix core, and prints one line per
 * check (PASS / FAIL / SKIP) and the summary `N passed, M failed`. Exit status: 0 when nothing
 * failed, 1 when something did, 2 for a usage error. The stages run in the order of
 * docs/provider-contract.md; a failure that leaves the provider unusable ends the run early,
 * still with a summary.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conform.h"

#define DEFAULT_TIMEOUT_MS 5000u
#define LATE_EVENT_MS      300u

/* Print the usage text to f. */
static void usage(FILE *f)
{
    fprintf(f,
            "usage: tspi-conform PROVIDER.tsp [--config FILE] [--dial NUMBER] "
            "[--timeout MS] [--verbose]\n"
            "  --config FILE   pass FILE's first section to TSPIX_providerConfig\n"
            "  --dial NUMBER   make calls to NUMBER (no calls without it)\n"
            "  --timeout MS    wait this long for completions and call states (default "
            "%u)\n"
            "  --verbose       trace every TSPI call and callback as \"# ...\" lines\n",
            DEFAULT_TIMEOUT_MS);
}

/* Parse argv into opt. Returns 0, 1 for --help, or -1 for a usage error. */
static int parse_args(int argc, char **argv, struct conform_options *opt)
{
    static const struct option longopts[] = {
        {"config", required_argument, NULL, 'c'},  {"dial", required_argument, NULL, 'd'},
        {"timeout", required_argument, NULL, 't'}, {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
    char *end;
    int c;

    memset(opt, 0, sizeof *opt);
    opt->timeout_ms = DEFAULT_TIMEOUT_MS;
    while ((c = getopt_long(argc, argv, "c:d:t:vh", longopts, NULL)) != -1) {
        switch (c) {
        case 'c':
            opt->config_path = optarg;
            break;
        case 'd':
            opt->dial = optarg;
            break;
        case 'v':
            opt->verbose = 1;
            break;
        case 'h':
            return 1;
        case 't':
            opt->timeout_ms = (unsigned)strtoul(optarg, &end, 10);
            if (*end || !opt->timeout_ms || opt->timeout_ms > 600000)
                return -1;
            break;
        default:
            return -1;
        }
    }
    if (optind != argc - 1)
        return -1;
    opt->provider_path = argv[optind];
    return 0;
}

/* The stages after a successful TSPI_providerInit. */
static void run_devices(struct conform_state *st, const struct conform_options *opt)
{
    check_device_versions(st);
    check_caps(st);
    check_open_close(st);
    check_calls(st, opt);
    check_stress(st, opt);
}

/* Load the provider and run every stage; the summary is printed by the caller. */
static void run(const struct conform_options *opt)
{
    static struct conform_state st;
    char err[512];

    rec_init();
    report_begin("load");
    if (provider_load(opt->provider_path, err, sizeof err)) {
        report_fail("load", "dlopen: %s", err);
        return;
    }
    report_pass("load", "%s", opt->provider_path);
    if (check_exports() == 0) {
        check_config(opt);
        if (check_startup(&st) == 0)
            run_devices(&st, opt);
        else
            report_skip("devices", "the provider did not start, so its devices were not checked");
        check_shutdown(&st);
        conform_sleep_ms(LATE_EVENT_MS);
        check_final();
    }
    report_begin("unload");
    provider_unload();
    conform_sleep_ms(LATE_EVENT_MS); /* a provider thread outliving dlclose crashes here */
}

int main(int argc, char **argv)
{
    struct conform_options opt;
    int rc = parse_args(argc, argv, &opt);

    if (rc) {
        usage(rc > 0 ? stdout : stderr);
        return rc > 0 ? 0 : 2;
    }
    report_init(opt.verbose);
    run(&opt);
    return report_summary();
}
