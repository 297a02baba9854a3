/*
 * test_country_rings.c — what the core answers from its own tables: lineGetCountry,
 * tapiGetLocationInfo, lineSetTollList, the toll saver (lineSetNumRings, lineGetNumRings) and
 * the handoff priority lists (lineSetAppPriority, lineGetAppPriority) with their effect on
 * who owns an incoming call and where lineHandoff sends one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support.h"

static const char config[] = "[provider sim]\n"
                             "[location \"Office\"]\n"
                             "country = 1\n"
                             "area = 425\n"
                             "toll_prefixes = 882\n";

/* Fetches the country list for `id` into a buffer big enough for it; the caller frees. */
static LINECOUNTRYLIST *get_countries(DWORD id)
{
    LINECOUNTRYLIST probe = {.dwTotalSize = sizeof(probe)};
    assert_int_equal(lineGetCountry(id, 0x20002, &probe), 0);
    assert_true(probe.dwNeededSize >= probe.dwUsedSize);
    LINECOUNTRYLIST *list = calloc(1, probe.dwNeededSize);
    assert_non_null(list);
    list->dwTotalSize = probe.dwNeededSize;
    assert_int_equal(lineGetCountry(id, 0x20002, list), 0);
    assert_int_equal(list->dwNeededSize, list->dwUsedSize);
    return list;
}

/* The string at `offset` of `base`. */
static const char *at(const void *base, DWORD offset)
{
    return (const char *)base + offset;
}

static void countries(void **state)
{
    (void)state;
    LINECOUNTRYLIST *all = get_countries(0);
    assert_true(all->dwNumCountries >= 40);
    const LINECOUNTRYENTRY *e = (const LINECOUNTRYENTRY *)at(all, all->dwCountryListOffset);
    assert_int_equal(e[0].dwCountryID, 1);
    assert_int_equal(e[0].dwCountryCode, 1);
    assert_int_equal(e[0].dwNextCountryID, e[1].dwCountryID);
    assert_string_equal(at(all, e[0].dwLongDistanceRuleOffset), "1FG");
    assert_string_equal(at(all, e[0].dwInternationalRuleOffset), "011EFG");
    assert_int_equal(e[1].dwCountryCode, 1); /* Canada shares the plan */
    assert_int_equal(e[all->dwNumCountries - 1].dwNextCountryID, 0);
    free(all);

    LINECOUNTRYLIST *uk = get_countries(44);
    assert_int_equal(uk->dwNumCountries, 1);
    e = (const LINECOUNTRYENTRY *)at(uk, uk->dwCountryListOffset);
    assert_int_equal(e->dwCountryCode, 44);
    assert_string_equal(at(uk, e->dwCountryNameOffset), "United Kingdom");
    assert_string_equal(at(uk, e->dwSameAreaRuleOffset), "G");
    assert_string_equal(at(uk, e->dwLongDistanceRuleOffset), "0FG");
    assert_string_equal(at(uk, e->dwInternationalRuleOffset), "00EFG");
    assert_int_equal(e->dwNextCountryID, 45);
    free(uk);

    LINECOUNTRYLIST small = {.dwTotalSize = 8};
    assert_int_equal(lineGetCountry(999, 0x20002, &small), LINEERR_STRUCTURETOOSMALL);
    small.dwTotalSize = sizeof(small);
    assert_int_equal(lineGetCountry(999, 0x20002, &small), LINEERR_INVALCOUNTRYCODE);
    assert_int_equal(lineGetCountry(1, 0x50000, &small), LINEERR_INCOMPATIBLEAPIVERSION);
    assert_int_equal(lineGetCountry(1, 0x20002, NULL), LINEERR_INVALPOINTER);
}

static void location_info_and_toll_list(void **state)
{
    (void)state;
    char country[8], city[8];
    support_config(config);
    assert_int_equal(tapiGetLocationInfo(country, city), 0); /* before any initialization */
    assert_string_equal(country, "1");
    assert_string_equal(city, "425");
    assert_int_equal(tapiGetLocationInfo(NULL, city), TAPIERR_INVALPOINTER);

    struct test_app app;
    support_init(&app, "toll");
    assert_int_equal(tapiGetLocationInfo(country, city), 0);
    assert_string_equal(city, "425");
    unsigned char buf[512];
    LINETRANSLATEOUTPUT *out = (LINETRANSLATEOUTPUT *)buf;
    out->dwTotalSize = sizeof(buf);
    assert_int_equal(lineTranslateAddress(app.hLineApp, 0, 0x20002, "+1 (425) 555-1234", 0, 0, out),
                     0);
    assert_true(out->dwTranslateResults & LINETRANSLATERESULT_LOCAL);
    assert_int_equal(lineSetTollList(app.hLineApp, 0, "+1 (425) 555-9999", LINETOLLLISTOPTION_ADD),
                     0);
    assert_int_equal(lineTranslateAddress(app.hLineApp, 0, 0x20002, "+1 (425) 555-1234", 0, 0, out),
                     0);
    assert_true(out->dwTranslateResults & LINETRANSLATERESULT_INTOLLLIST);
    assert_int_equal(
        lineSetTollList(app.hLineApp, 0, "+1 (425) 555-9999", LINETOLLLISTOPTION_REMOVE), 0);
    assert_int_equal(lineTranslateAddress(app.hLineApp, 0, 0x20002, "+1 (425) 555-1234", 0, 0, out),
                     0);
    assert_true(out->dwTranslateResults & LINETRANSLATERESULT_NOTINTOLLLIST);

    assert_int_equal(lineSetTollList(app.hLineApp, 0, "5559999", LINETOLLLISTOPTION_ADD),
                     LINEERR_INVALADDRESS);
    assert_int_equal(lineSetTollList(app.hLineApp, 0, "+1 (425) 55", LINETOLLLISTOPTION_ADD),
                     LINEERR_INVALADDRESS);
    assert_int_equal(lineSetTollList(app.hLineApp, 0, "+1 (425) 555-9999", 3), LINEERR_INVALPARAM);
    assert_int_equal(lineSetTollList(app.hLineApp, 0, NULL, LINETOLLLISTOPTION_ADD),
                     LINEERR_INVALPOINTER);
    assert_int_equal(lineSetTollList(0x7777, 0, "+1 (425) 555-9999", LINETOLLLISTOPTION_ADD),
                     LINEERR_INVALAPPHANDLE);
    assert_int_equal(
        lineSetTollList(app.hLineApp, app.num_devs, "+1 (425) 555-9999", LINETOLLLISTOPTION_ADD),
        LINEERR_BADDEVICEID);
    support_shutdown(&app);
}

static void toll_saver(void **state)
{
    (void)state;
    support_config(config);
    struct test_app a, b;
    support_init(&a, "rings-a");
    support_init(&b, "rings-b");
    DWORD id = support_line_of(&a, "101"), rings = 0;
    HLINE la = support_open(&a, id, LINECALLPRIVILEGE_NONE, 0);
    HLINE lb = support_open(&b, id, LINECALLPRIVILEGE_NONE, 0);
    assert_int_equal(lineGetNumRings(la, 0, &rings), 0);
    assert_int_equal(rings, 0xFFFFFFFF);
    assert_int_equal(lineSetNumRings(la, 0, 5), 0);
    assert_int_equal(lineSetNumRings(lb, 0, 3), 0);
    assert_int_equal(lineGetNumRings(la, 0, &rings), 0);
    assert_int_equal(rings, 3);
    assert_int_equal(lineClose(lb), 0);
    assert_int_equal(lineGetNumRings(la, 0, &rings), 0);
    assert_int_equal(rings, 5);
    assert_int_equal(lineSetNumRings(la, 7, 1), LINEERR_INVALADDRESSID);
    assert_int_equal(lineGetNumRings(la, 7, &rings), LINEERR_INVALADDRESSID);
    assert_int_equal(lineGetNumRings(la, 0, NULL), LINEERR_INVALPOINTER);
    assert_int_equal(lineSetNumRings(lb, 0, 1), LINEERR_INVALLINEHANDLE);
    assert_int_equal(lineGetNumRings(lb, 0, &rings), LINEERR_INVALLINEHANDLE);
    support_shutdown(&b);
    support_shutdown(&a);
}

static void priority_lists(void **state)
{
    (void)state;
    DWORD pos = 99;
    const DWORD voice = LINEMEDIAMODE_INTERACTIVEVOICE;
    support_config(config);
    struct test_app a;
    support_init(&a, "prio");
    assert_int_equal(lineGetAppPriority("one", voice, NULL, 0, NULL, &pos), 0);
    assert_int_equal(pos, 0);
    assert_int_equal(lineSetAppPriority("one", voice, NULL, 0, NULL, 1), 0);
    assert_int_equal(lineSetAppPriority("two", voice, NULL, 0, NULL, 1), 0);
    assert_int_equal(lineGetAppPriority("two", voice, NULL, 0, NULL, &pos), 0);
    assert_int_equal(pos, 1);
    assert_int_equal(lineGetAppPriority("one", voice, NULL, 0, NULL, &pos), 0);
    assert_int_equal(pos, 2);
    assert_int_equal(lineSetAppPriority("two", voice, NULL, 0, NULL, 0), 0);
    assert_int_equal(lineGetAppPriority("one", voice, NULL, 0, NULL, &pos), 0);
    assert_int_equal(pos, 1);
    assert_int_equal(lineSetAppPriority("two", voice, NULL, 0, NULL, 0), 0); /* absent: fine */
    char buf[64];
    VARSTRING *ext = (VARSTRING *)buf;
    ext->dwTotalSize = sizeof(buf);
    assert_int_equal(lineGetAppPriority("one", 0, NULL, LINEREQUESTMODE_MAKECALL, ext, &pos), 0);
    assert_int_equal(pos, 0);
    assert_int_equal(ext->dwStringSize, 0);

    assert_int_equal(lineSetAppPriority("one", voice, NULL, 0, NULL, 2), LINEERR_INVALPARAM);
    assert_int_equal(lineSetAppPriority("one", 1, NULL, 0, NULL, 1), LINEERR_INVALMEDIAMODE);
    assert_int_equal(lineSetAppPriority("one", 0, NULL, 0x10, NULL, 1), LINEERR_INVALREQUESTMODE);
    assert_int_equal(lineSetAppPriority("", voice, NULL, 0, NULL, 1), LINEERR_INVALAPPNAME);
    assert_int_equal(lineSetAppPriority(NULL, voice, NULL, 0, NULL, 1), LINEERR_INVALPOINTER);
    assert_int_equal(lineGetAppPriority("one", voice | LINEMEDIAMODE_G3FAX, NULL, 0, NULL, &pos),
                     LINEERR_INVALMEDIAMODE);
    assert_int_equal(lineGetAppPriority("one", 0, NULL, 0, NULL, &pos), LINEERR_INVALREQUESTMODE);
    assert_int_equal(lineGetAppPriority("one", voice, NULL, 0, NULL, NULL), LINEERR_INVALPOINTER);
    ext->dwTotalSize = 8;
    assert_int_equal(lineGetAppPriority("one", voice, NULL, 0, ext, &pos),
                     LINEERR_STRUCTURETOOSMALL);
    support_shutdown(&a);
}

/* Rings extension 101 from 102 and returns the call handle `app` got, with its privilege. */
static HCALL ring_101(struct test_app *caller, HLINE from, struct test_app *app, DWORD *privilege)
{
    HCALL out;
    assert_int_equal(support_reply(caller, lineMakeCall(from, &out, "101", 0, NULL)), 0);
    LINEMESSAGE m;
    assert_true(support_wait(app, LINE_APPNEWCALL, 0, 0, 0, &m, SUPPORT_TIMEOUT_MS));
    *privilege = (DWORD)m.dwParam3;
    return (HCALL)m.dwParam2;
}

static void priority_chooses_owner_and_handoff_target(void **state)
{
    (void)state;
    const DWORD voice = LINEMEDIAMODE_INTERACTIVEVOICE;
    support_config(config);
    struct test_app first, second, caller;
    support_init(&first, "first-answerer");
    support_init(&second, "second-answerer");
    support_init(&caller, "caller");
    DWORD ext101 = support_line_of(&first, "101");
    support_open(&first, ext101, LINECALLPRIVILEGE_OWNER, voice);
    support_open(&second, ext101, LINECALLPRIVILEGE_OWNER, voice);
    HLINE from = support_open(&caller, support_line_of(&caller, "102"), LINECALLPRIVILEGE_NONE, 0);
    assert_int_equal(lineSetAppPriority("first-answerer", voice, NULL, 0, NULL, 1), 0);
    DWORD privilege;
    HCALL offered = ring_101(&caller, from, &first, &privilege);
    assert_int_equal(privilege, LINECALLPRIVILEGE_OWNER);
    /* Handing the call to the voice media mode goes to the listed application, not back. */
    assert_int_equal(lineHandoff(offered, NULL, voice), LINEERR_TARGETSELF);
    assert_int_equal(lineSetAppPriority("second-answerer", voice, NULL, 0, NULL, 1), 0);
    assert_int_equal(lineHandoff(offered, NULL, voice), 0);
    LINEMESSAGE m;
    assert_true(support_wait(&second, LINE_CALLSTATE, 0, 0, 0, &m, SUPPORT_TIMEOUT_MS));
    assert_int_equal(m.dwParam3, LINECALLPRIVILEGE_OWNER);
    support_shutdown(&caller);
    support_shutdown(&second);
    support_shutdown(&first);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(countries),
        cmocka_unit_test(location_info_and_toll_list),
        cmocka_unit_test(toll_saver),
        cmocka_unit_test(priority_lists),
        cmocka_unit_test(priority_chooses_owner_and_handoff_target),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
