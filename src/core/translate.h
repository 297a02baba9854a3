/*
 * translate.h — dialing rules: locations, calling cards and address translation.
 *
 * TAPI keeps phone numbers in canonical form (`+1 (425) 555-1234`) and turns them into what a
 * line must actually dial from where the user is (`T9,14255551234`) with lineTranslateAddress;
 * lineGetTranslateCaps lists the locations and calling cards, lineSetCurrentLocation picks one.
 * This module holds those dialing rules, read from `[location "NAME"]` and `[card "NAME"]`
 * configuration sections (docs/dialing-rules.md), and implements the three operations.
 *
 * Internal to the core. The core serialises all calls under its own lock; nothing here locks,
 * blocks or keeps pointers to its arguments. Output structures are filled through
 * include/tapix/varstruct.h.
 */
#ifndef TAPIX_CORE_TRANSLATE_H
#define TAPIX_CORE_TRANSLATE_H

#include <stddef.h>

#include "tapix/tapi.h"

struct translate_rules;

/*
 * Allocate a rule set holding the built-in location "Default" (country 1, no area code, ID 1,
 * current) and the built-in card 0 "None (Direct Dial)". Returns 0 and sets *rulesp, or
 * -EINVAL for a NULL rulesp, or -ENOMEM. Free with translate_rules_free().
 */
int translate_rules_alloc(struct translate_rules **rulesp);

/* Free a rule set from translate_rules_alloc(); NULL is allowed. */
void translate_rules_free(struct translate_rules *rules);

/*
 * Apply one setting `key = value` of the configuration section `[location "NAME"]`, creating the
 * location on its first setting. A NULL or empty name means "Default". The first configured
 * location replaces the built-in default. Returns 0, or -1 with a one-line message naming the
 * key and what is wrong written to err (errlen bytes, always NUL-terminated when errlen > 0);
 * the caller prefixes file:line. On error the rule set is left as it was.
 */
int translate_rules_set(struct translate_rules *rules, const char *location, const char *key,
                        const char *value, char *err, size_t errlen);

/*
 * Apply one setting of the configuration section `[card "NAME"]` (a calling card), creating the
 * card on its first setting. Same contract as translate_rules_set(); the name must not be empty.
 */
int translate_rules_set_card(struct translate_rules *rules, const char *name, const char *key,
                             const char *value, char *err, size_t errlen);

/*
 * lineTranslateAddress: translate address_in (canonical `+CC (AREA) SUBSCRIBER|SUB^NAME`, or
 * any other string, which passes through unchanged) for the current location into *out, whose
 * dwTotalSize the caller set. dwCard is used only with LINETRANSLATEOPTION_CARDOVERRIDE.
 * Returns 0 (check out->dwNeededSize against dwTotalSize: strings that do not fit are left
 * empty), LINEERR_STRUCTURETOOSMALL (only dwNeededSize set), LINEERR_INVALPOINTER,
 * LINEERR_INVALADDRESS, LINEERR_INVALCARD or LINEERR_INVALPARAM (unknown or conflicting option
 * bits).
 */
LONG translate_address(const struct translate_rules *rules, DWORD dwCard, const char *address_in,
                       DWORD dwTranslateOptions, LINETRANSLATEOUTPUT *out);

/*
 * lineGetTranslateCaps: list the locations and the visible calling cards (card 0 always) into
 * *out, whose dwTotalSize the caller set. Entry strings follow both arrays; their offsets are
 * from the start of *out. Returns 0, LINEERR_STRUCTURETOOSMALL or LINEERR_INVALPOINTER.
 */
LONG translate_get_caps(const struct translate_rules *rules, LINETRANSLATECAPS *out);

/*
 * lineSetCurrentLocation: make the location with permanent ID dwLocation current. Returns 0 or
 * LINEERR_INVALLOCATION (no such location; the current one stays).
 */
LONG translate_set_current_location(struct translate_rules *rules, DWORD dwLocation);

/*
 * tapiGetLocationInfo: the country code and the area (city) code of the current location;
 * *area is "" when the location has none and lives as long as the rule set.
 */
void translate_current_codes(const struct translate_rules *rules, DWORD *country,
                             const char **area);

/*
 * lineSetTollList: add (LINETOLLLISTOPTION_ADD) or remove (LINETOLLLISTOPTION_REMOVE) the
 * prefix of the canonical address to or from the current location's toll list. The prefix is
 * the first three digits of the subscriber number, the exchange of the North American plan
 * the toll list was made for. Adding a listed prefix or removing an absent one changes
 * nothing. Returns 0, LINEERR_INVALADDRESS (not canonical, or fewer than three digits),
 * LINEERR_INVALPARAM (another option) or LINEERR_RESOURCEUNAVAIL (the list is full).
 */
LONG translate_set_toll(struct translate_rules *rules, const char *address, DWORD option);

#endif /* TAPIX_CORE_TRANSLATE_H */
