/*
 * api_country.c — lineGetCountry: the country table of country.c as LINECOUNTRYLIST.
 *
 * Country ID 0 lists every country; any other ID lists that one, whose dwNextCountryID lets an
 * application walk the table one entry at a time, as on Windows. The table is built in, so
 * the function works before any application has initialized TAPI.
 */
#include "api.h"

#include "country.h"

/* Appends one country's entry strings; `e` NULL only accounts for them. */
static void api_country_strings(struct tapix_varstruct *vs, LINECOUNTRYENTRY *e,
                                const struct country *c)
{
    tapix_varstruct_append_string(vs, e ? &e->dwCountryNameSize : NULL,
                                  e ? &e->dwCountryNameOffset : NULL, c->name);
    tapix_varstruct_append_string(vs, e ? &e->dwSameAreaRuleSize : NULL,
                                  e ? &e->dwSameAreaRuleOffset : NULL, c->same_area);
    tapix_varstruct_append_string(vs, e ? &e->dwLongDistanceRuleSize : NULL,
                                  e ? &e->dwLongDistanceRuleOffset : NULL, c->long_distance);
    tapix_varstruct_append_string(vs, e ? &e->dwInternationalRuleSize : NULL,
                                  e ? &e->dwInternationalRuleOffset : NULL, c->international);
}

/* Fills the list with `count` countries starting at `first` (a row of the table). */
static void api_fill_countries(LPLINECOUNTRYLIST list, const struct country *first, size_t count)
{
    size_t n;
    const struct country *table = country_table(&n);
    struct tapix_varstruct vs;
    tapix_varstruct_begin(&vs, list, sizeof(LINECOUNTRYLIST));
    LINECOUNTRYENTRY *entries =
        tapix_varstruct_reserve(&vs, &list->dwCountryListSize, &list->dwCountryListOffset,
                                (DWORD)(count * sizeof(LINECOUNTRYENTRY)));
    list->dwNumCountries = entries ? (DWORD)count : 0;
    for (size_t i = 0; i < count; i++) {
        const struct country *c = &first[i];
        LINECOUNTRYENTRY *e = entries ? &entries[i] : NULL;
        if (e) {
            size_t row = (size_t)(c - table);
            e->dwCountryID = c->id;
            e->dwCountryCode = c->code;
            e->dwNextCountryID = row + 1 < n ? table[row + 1].id : 0;
        }
        api_country_strings(&vs, e, c);
    }
    tapix_varstruct_end(&vs);
}

LONG WINAPI CORE_API(lineGetCountry)(DWORD dwCountryID, DWORD dwAPIVersion,
                                     LPLINECOUNTRYLIST lpLineCountryList)
{
    if (!api_version_ok(dwAPIVersion))
        return LINEERR_INCOMPATIBLEAPIVERSION;
    core_enter();
    LONG rc = api_check_varstruct(lpLineCountryList, sizeof(LINECOUNTRYLIST));
    if (rc != 0)
        API_RETURN(rc);
    size_t n;
    const struct country *first = country_table(&n);
    if (dwCountryID != 0) {
        first = country_find(dwCountryID);
        if (!first)
            API_RETURN(LINEERR_INVALCOUNTRYCODE);
        n = 1;
    }
    api_fill_countries(lpLineCountryList, first, n);
    API_RETURN(0);
}
