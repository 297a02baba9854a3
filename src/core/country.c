/*
 * country.c — the countries TAPI knows and how each one dials (see country.h).
 *
 * The table lists the countries tapix users most often call from, sorted by country ID. A
 * country ID is the country code, except where several countries share one: the North
 * American plan's code 1 is the United States (ID 1) and Canada (ID 2), as on Windows. To add
 * a country, add one row in ID order with its code, name and three rules; lineGetCountry and
 * the tests pick it up, nothing else refers to the rows. Rules use Microsoft's letters: E the
 * country code, F the area code, G the local number; any digits are dialled as written.
 */
#include "country.h"

#include <stdlib.h>

/* The rules most countries with a trunk prefix 0 and international prefix 00 share. */
#define OPEN_PLAN "G", "0FG", "00EFG"
/* Countries whose area code is always dialled, with the trunk prefix 0. */
#define CLOSED_0 "0FG", "0FG", "00EFG"
/* Countries whose numbers are dialled whole, without a trunk prefix. */
#define CLOSED "FG", "FG", "00EFG"

static const struct country countries[] = {
    {1, 1, "United States of America", "G", "1FG", "011EFG"},
    {2, 1, "Canada", "G", "1FG", "011EFG"},
    {7, 7, "Russia", "G", "8FG", "810EFG"},
    {20, 20, "Egypt", OPEN_PLAN},
    {27, 27, "South Africa", CLOSED_0},
    {30, 30, "Greece", CLOSED},
    {31, 31, "Netherlands", OPEN_PLAN},
    {32, 32, "Belgium", CLOSED_0},
    {33, 33, "France", CLOSED_0},
    {34, 34, "Spain", CLOSED},
    {36, 36, "Hungary", "G", "06FG", "00EFG"},
    {39, 39, "Italy", CLOSED},
    {40, 40, "Romania", CLOSED_0},
    {41, 41, "Switzerland", CLOSED_0},
    {43, 43, "Austria", OPEN_PLAN},
    {44, 44, "United Kingdom", OPEN_PLAN},
    {45, 45, "Denmark", CLOSED},
    {46, 46, "Sweden", OPEN_PLAN},
    {47, 47, "Norway", CLOSED},
    {48, 48, "Poland", CLOSED},
    {49, 49, "Germany", OPEN_PLAN},
    {51, 51, "Peru", OPEN_PLAN},
    {52, 52, "Mexico", "G", "01FG", "00EFG"},
    {54, 54, "Argentina", OPEN_PLAN},
    {55, 55, "Brazil", OPEN_PLAN},
    {56, 56, "Chile", OPEN_PLAN},
    {57, 57, "Colombia", OPEN_PLAN},
    {60, 60, "Malaysia", OPEN_PLAN},
    {61, 61, "Australia", "G", "0FG", "0011EFG"},
    {62, 62, "Indonesia", "G", "0FG", "001EFG"},
    {63, 63, "Philippines", OPEN_PLAN},
    {64, 64, "New Zealand", OPEN_PLAN},
    {65, 65, "Singapore", "G", "G", "001EFG"},
    {66, 66, "Thailand", "0FG", "0FG", "001EFG"},
    {81, 81, "Japan", "G", "0FG", "010EFG"},
    {82, 82, "Korea (South)", "G", "0FG", "001EFG"},
    {84, 84, "Vietnam", OPEN_PLAN},
    {86, 86, "China", OPEN_PLAN},
    {90, 90, "Turkey", OPEN_PLAN},
    {91, 91, "India", OPEN_PLAN},
    {92, 92, "Pakistan", OPEN_PLAN},
    {212, 212, "Morocco", CLOSED_0},
    {234, 234, "Nigeria", "G", "0FG", "009EFG"},
    {254, 254, "Kenya", "G", "0FG", "000EFG"},
    {351, 351, "Portugal", CLOSED},
    {352, 352, "Luxembourg", "G", "G", "00EFG"},
    {353, 353, "Ireland", OPEN_PLAN},
    {358, 358, "Finland", OPEN_PLAN},
    {420, 420, "Czech Republic", CLOSED},
    {852, 852, "Hong Kong SAR", "G", "G", "001EFG"},
    {886, 886, "Taiwan", "G", "0FG", "002EFG"},
    {966, 966, "Saudi Arabia", OPEN_PLAN},
    {971, 971, "United Arab Emirates", OPEN_PLAN},
    {972, 972, "Israel", OPEN_PLAN},
};

const struct country *country_table(size_t *countp)
{
    *countp = sizeof(countries) / sizeof(countries[0]);
    return countries;
}

/* Orders entries by ID for bsearch. */
static int country_cmp(const void *key, const void *entry)
{
    DWORD id = *(const DWORD *)key;
    DWORD other = ((const struct country *)entry)->id;
    return id < other ? -1 : id > other;
}

const struct country *country_find(DWORD id)
{
    size_t n;
    const struct country *table = country_table(&n);
    return bsearch(&id, table, n, sizeof(*table), country_cmp);
}
