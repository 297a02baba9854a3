/*
 * translate.c — `tapix translate NUMBER`: lineTranslateAddress with the configured dialing
 * rules ([location] and [card] of tapix.conf), showing what an application would dial and
 * what it would display, and how TAPI classified the number (LINETRANSLATERESULT_).
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>

int cmd_translate(struct cli *cli, const struct command *cmd, int argc, char **argv)
{
    const char *line = "0";
    DWORD card = 0;
    bool force_local = false, force_ld = false, cancel_cw = false, card_override = false;
    const struct opt opts[] = {{"line", OPT_STRING, &line, NULL},
                               {"card", OPT_UINT, &card, NULL},
                               {"force-local", OPT_FLAG, &force_local, NULL},
                               {"force-ld", OPT_FLAG, &force_ld, NULL},
                               {"cancel-call-waiting", OPT_FLAG, &cancel_cw, NULL},
                               {"card-override", OPT_FLAG, &card_override, NULL},
                               {0}};
    char *pos[1];
    int npos;
    struct session s;
    DWORD dev, version, options = 0;
    LONG err;
    LINETRANSLATEOUTPUT *out;
    char dialable[512], displayable[512];
    struct record r;
    int rc = args_parse(cli, cmd, argc, argv, opts, pos, 1, 1, &npos);

    if (rc != CLI_EXIT_OK)
        return rc;
    if (force_local && force_ld)
        return args_usage_error(cmd, "--force-local and --force-ld exclude each other");
    options |= force_local ? LINETRANSLATEOPTION_FORCELOCAL : 0;
    options |= force_ld ? LINETRANSLATEOPTION_FORCELD : 0;
    options |= cancel_cw ? LINETRANSLATEOPTION_CANCELCALLWAITING : 0;
    options |= card_override ? LINETRANSLATEOPTION_CARDOVERRIDE : 0;
    rc = session_open(&s, cli, "tapix translate");
    if (rc != CLI_EXIT_OK)
        return rc;
    rc = session_find_line(&s, line, &dev);
    if (rc != CLI_EXIT_OK)
        goto done;
    err = session_version(&s, dev, &version);
    if (err) {
        rc = out_error(cli, "lineNegotiateAPIVersion", err);
        goto done;
    }
    out = fetch_translate(s.app, dev, version, pos[0], card, options, &err);
    if (!out) {
        rc = out_error(cli, "lineTranslateAddress", err);
        goto done;
    }
    record_init(&r, "translate");
    r.multiline = true;
    record_str(&r, "input", pos[0]);
    record_str(&r, "dialable",
               fetch_string(out, out->dwDialableStringSize, out->dwDialableStringOffset, dialable,
                            sizeof dialable));
    record_str(&r, "displayable",
               fetch_string(out, out->dwDisplayableStringSize, out->dwDisplayableStringOffset,
                            displayable, sizeof displayable));
    record_flags(&r, "results", NAMES_TRANSLATERESULT, out->dwTranslateResults);
    record_uint(&r, "current_country", out->dwCurrentCountry);
    record_uint(&r, "dest_country", out->dwDestCountry);
    out_record(cli, &r);
    free(out);
done:
    session_close(&s);
    return rc;
}
