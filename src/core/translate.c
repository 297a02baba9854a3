/*
 * translate.c — dialing rules: locations, calling cards and lineTranslateAddress.
 *
 * A location says how to dial from one place: its country and area code, the codes that get an
 * outside line, the long-distance and international prefixes, the string that cancels call
 * waiting, tone or pulse, and the local exchanges that are toll calls. A calling card says how
 * a call is billed: per call type a rule such as `0FG$TH` where E, F, G and H stand for the
 * country code, area code, subscriber number and card number (Microsoft's dialing-rule syntax).
 *
 * Translation parses a canonical address (`+CC (AREA) SUBSCRIBER|SUBADDRESS^NAME`), decides
 * whether the call is local, long-distance or international from the current location, and
 * builds two strings: the dialable one (`T9,12065551234|sub^name`), and the displayable one
 * (`9, 1 206 555-1234`) without the card number, subaddress and name. Anything not starting
 * with `+` is already dialable and passes through unchanged — SIP URIs and IP addresses too.
 *
 * The rule set is plain data, filled from configuration at start-up and read under the core's
 * lock afterwards; docs/dialing-rules.md describes the configuration keys.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tapix/varstruct.h"
#include "translate.h"

#define NAME_MAX_LEN 63  /* location and card names */
#define AREA_MAX_LEN 15  /* area (city) codes */
#define CODE_MAX_LEN 31  /* access codes, prefixes, cancel-call-waiting, card numbers */
#define RULE_MAX_LEN 127 /* calling-card rules */
#define TOLL_MAX_LEN 511 /* the toll prefix list */

/* Characters allowed in access codes and cancel-call-waiting strings: digits and modifiers. */
#define DIAL_CHARS "0123456789ABCDabcd*#,!WwPpTt@$?:"
/* Characters allowed in calling-card rules: the above plus the E F G H placeholders. */
#define RULE_CHARS DIAL_CHARS "EeFfGgHh"
/* Formatting characters of a subscriber number, dropped from the dialable string. */
#define FORMAT_CHARS " .-"

#define DIRECT_DIAL_NAME "None (Direct Dial)"
#define DEFAULT_LOCATION "Default"

struct location {
    DWORD id;
    char name[NAME_MAX_LEN + 1];
    DWORD country;
    char area[AREA_MAX_LEN + 1];
    char local_access[CODE_MAX_LEN + 1];
    char ld_access[CODE_MAX_LEN + 1];
    char ld_prefix[CODE_MAX_LEN + 1];
    char intl_prefix[CODE_MAX_LEN + 1];
    bool ld_prefix_set;   /* long_distance_prefix configured (else derived from country) */
    bool intl_prefix_set; /* international_prefix configured (else derived from country) */
    char cancel_cw[CODE_MAX_LEN + 1];
    char toll[TOLL_MAX_LEN + 1]; /* "425,206": prefixes separated by single commas */
    DWORD options;               /* LINELOCATIONOPTION_ */
    DWORD card;                  /* preferred card ID */
    bool marked_current;         /* `current = yes` */
};

struct card {
    DWORD id;
    char name[NAME_MAX_LEN + 1];
    char number[CODE_MAX_LEN + 1];
    char same_area[RULE_MAX_LEN + 1];
    char long_distance[RULE_MAX_LEN + 1];
    char international[RULE_MAX_LEN + 1];
    DWORD options; /* LINECARDOPTION_ */
};

struct translate_rules {
    struct location *locs;
    size_t nlocs;
    struct card *cards; /* cards[0] is the built-in direct-dial card */
    size_t ncards;
    size_t current;  /* index into locs */
    bool configured; /* a configured location has replaced the built-in default */
};

/* ---------------------------------------------------------------------------------------------
 * Small helpers
 * ------------------------------------------------------------------------------------------ */

/* Format a message into err (if any room); returns -1 for the caller to pass on. */
static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    if (err && errlen) {
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* True when every character of s is in the set allowed. */
static bool all_in(const char *s, const char *allowed)
{
    return s[strspn(s, allowed)] == '\0';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/*
 * Copy value into dst (size dstsize) if it fits and consists only of characters in allowed.
 * Returns 0, or -1 with a message naming key.
 */
static int set_code(char *dst, size_t dstsize, const char *key, const char *value,
                    const char *allowed, const char *what, char *err, size_t errlen)
{
    if (strlen(value) >= dstsize)
        return fail(err, errlen, "%s: \"%s\" is too long (at most %zu characters)", key, value,
                    dstsize - 1);
    if (!all_in(value, allowed))
        return fail(err, errlen, "%s: \"%s\" is not %s", key, value, what);
    strcpy(dst, value);
    return 0;
}

/* Parse a decimal DWORD (no sign, no spaces). Returns 0, or -1 if value is not one. */
static int parse_dword(const char *value, DWORD *out)
{
    unsigned long long v = 0;

    if (!*value || strlen(value) > 10 || !all_in(value, "0123456789"))
        return -1;
    for (const char *p = value; *p; p++)
        v = v * 10 + (unsigned)(*p - '0');
    if (v > 0xFFFFFFFFull)
        return -1;
    *out = (DWORD)v;
    return 0;
}

/* Parse yes/no (also true/false, on/off, 1/0). Returns 0, or -1 if value is none of them. */
static int parse_bool(const char *value, bool *out)
{
    static const char *const yes[] = {"yes", "true", "on", "1"};
    static const char *const no[] = {"no", "false", "off", "0"};

    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcasecmp(value, yes[i]) == 0) {
            *out = true;
            return 0;
        }
        if (strcasecmp(value, no[i]) == 0) {
            *out = false;
            return 0;
        }
    }
    return -1;
}

/* ---------------------------------------------------------------------------------------------
 * The rule set
 * ------------------------------------------------------------------------------------------ */

/* A location with the defaults of a new one: country 1, tone dialing, direct dial. */
static void location_init(struct location *loc, DWORD id, const char *name)
{
    memset(loc, 0, sizeof *loc);
    loc->id = id;
    snprintf(loc->name, sizeof loc->name, "%s", name);
    loc->country = 1;
}

int translate_rules_alloc(struct translate_rules **rulesp)
{
    struct translate_rules *rules;

    if (!rulesp)
        return -EINVAL;
    rules = calloc(1, sizeof *rules);
    if (!rules)
        return -ENOMEM;
    rules->locs = calloc(1, sizeof *rules->locs);
    rules->cards = calloc(1, sizeof *rules->cards);
    if (!rules->locs || !rules->cards) {
        translate_rules_free(rules);
        return -ENOMEM;
    }
    location_init(&rules->locs[0], 1, DEFAULT_LOCATION);
    rules->nlocs = 1;
    snprintf(rules->cards[0].name, sizeof rules->cards[0].name, "%s", DIRECT_DIAL_NAME);
    rules->cards[0].options = LINECARDOPTION_PREDEFINED;
    rules->ncards = 1;
    *rulesp = rules;
    return 0;
}

void translate_rules_free(struct translate_rules *rules)
{
    if (!rules)
        return;
    free(rules->locs);
    free(rules->cards);
    free(rules);
}

/* The index of the location named name, or nlocs when there is none (or only the built-in). */
static size_t find_location(const struct translate_rules *rules, const char *name)
{
    if (!rules->configured)
        return rules->nlocs;
    for (size_t i = 0; i < rules->nlocs; i++)
        if (strcmp(rules->locs[i].name, name) == 0)
            return i;
    return rules->nlocs;
}

static const struct location *location_by_id(const struct translate_rules *rules, DWORD id,
                                             size_t *index)
{
    for (size_t i = 0; i < rules->nlocs; i++) {
        if (rules->locs[i].id == id) {
            if (index)
                *index = i;
            return &rules->locs[i];
        }
    }
    return NULL;
}

static const struct card *card_by_id(const struct translate_rules *rules, DWORD id)
{
    for (size_t i = 0; i < rules->ncards; i++)
        if (rules->cards[i].id == id)
            return &rules->cards[i];
    return NULL;
}

/* The next unused location ID: one past the highest configured one (1 for the first). */
static DWORD next_location_id(const struct translate_rules *rules)
{
    DWORD max = 0;

    if (!rules->configured)
        return 1;
    for (size_t i = 0; i < rules->nlocs; i++)
        if (rules->locs[i].id > max)
            max = rules->locs[i].id;
    return max + 1;
}

static DWORD next_card_id(const struct translate_rules *rules)
{
    DWORD max = 0;

    for (size_t i = 0; i < rules->ncards; i++)
        if (rules->cards[i].id > max)
            max = rules->cards[i].id;
    return max + 1;
}

/* ---------------------------------------------------------------------------------------------
 * Location settings
 * ------------------------------------------------------------------------------------------ */

/* Normalise a toll prefix list "425, 206,,207" into "425,206,207" in dst. 0 or -1. */
static int set_toll_list(char *dst, const char *key, const char *value, char *err, size_t errlen)
{
    char buf[TOLL_MAX_LEN + 1];
    size_t n = 0;

    for (const char *p = value; *p;) {
        size_t len;

        p += strspn(p, " ,");
        len = strspn(p, "0123456789");
        if (len == 0 && *p)
            return fail(err, errlen,
                        "%s: \"%s\" is not a list of digit prefixes separated by commas", key,
                        value);
        if (len == 0)
            break;
        if (n + len + 1 >= sizeof buf)
            return fail(err, errlen, "%s: the list is too long (at most %zu characters)", key,
                        sizeof buf - 1);
        if (n)
            buf[n++] = ',';
        memcpy(buf + n, p, len);
        n += len;
        p += len;
        if (*p && *p != ',' && *p != ' ')
            return fail(err, errlen,
                        "%s: \"%s\" is not a list of digit prefixes separated by commas", key,
                        value);
    }
    buf[n] = '\0';
    strcpy(dst, buf);
    return 0;
}

/* Apply id = N to loc (index idx, or nlocs for a new one). 0 or -1. */
static int set_location_id(const struct translate_rules *rules, struct location *loc, size_t idx,
                           const char *key, const char *value, char *err, size_t errlen)
{
    DWORD id;
    size_t other;

    if (parse_dword(value, &id))
        return fail(err, errlen, "%s: \"%s\" is not a location ID (a number from 0 to 4294967295)",
                    key, value);
    if (rules->configured && location_by_id(rules, id, &other) && other != idx)
        return fail(err, errlen, "%s: %u is already the ID of location \"%s\"", key, (unsigned)id,
                    rules->locs[other].name);
    loc->id = id;
    return 0;
}

/* Apply current = yes|no to loc (index idx). 0 or -1. */
static int set_location_current(const struct translate_rules *rules, struct location *loc,
                                size_t idx, const char *key, const char *value, char *err,
                                size_t errlen)
{
    bool yes;

    if (parse_bool(value, &yes))
        return fail(err, errlen, "%s: \"%s\" is not yes or no", key, value);
    if (yes && rules->configured) {
        for (size_t i = 0; i < rules->nlocs; i++)
            if (i != idx && rules->locs[i].marked_current)
                return fail(err, errlen, "%s: location \"%s\" is already the current one", key,
                            rules->locs[i].name);
    }
    loc->marked_current = yes;
    return 0;
}

/* Apply one key to loc, a copy of location idx (nlocs for a new one). 0 or -1. */
static int apply_location_key(const struct translate_rules *rules, struct location *loc, size_t idx,
                              const char *key, const char *value, char *err, size_t errlen)
{
    bool yes;
    DWORD n;

    if (strcmp(key, "country") == 0) {
        if (parse_dword(value, &n) || n < 1 || n > 999)
            return fail(err, errlen, "%s: \"%s\" is not a country code (a number from 1 to 999)",
                        key, value);
        loc->country = n;
        return 0;
    }
    if (strcmp(key, "area") == 0)
        return set_code(loc->area, sizeof loc->area, key, value, "0123456789",
                        "an area code (digits only)", err, errlen);
    if (strcmp(key, "local_access") == 0)
        return set_code(loc->local_access, sizeof loc->local_access, key, value, DIAL_CHARS,
                        "a dialable access code (0-9 A-D * # , ! W @ $ ? : P T)", err, errlen);
    if (strcmp(key, "long_distance_access") == 0)
        return set_code(loc->ld_access, sizeof loc->ld_access, key, value, DIAL_CHARS,
                        "a dialable access code (0-9 A-D * # , ! W @ $ ? : P T)", err, errlen);
    if (strcmp(key, "long_distance_prefix") == 0) {
        loc->ld_prefix_set = true;
        return set_code(loc->ld_prefix, sizeof loc->ld_prefix, key, value, "0123456789*#",
                        "a prefix (0-9 * #)", err, errlen);
    }
    if (strcmp(key, "international_prefix") == 0) {
        loc->intl_prefix_set = true;
        return set_code(loc->intl_prefix, sizeof loc->intl_prefix, key, value, "0123456789*#",
                        "a prefix (0-9 * #)", err, errlen);
    }
    if (strcmp(key, "cancel_call_waiting") == 0)
        return set_code(loc->cancel_cw, sizeof loc->cancel_cw, key, value, DIAL_CHARS,
                        "a dialable string (0-9 A-D * # , ! W @ $ ? : P T)", err, errlen);
    if (strcmp(key, "tone") == 0) {
        if (parse_bool(value, &yes))
            return fail(err, errlen, "%s: \"%s\" is not yes (tone) or no (pulse)", key, value);
        loc->options = yes ? 0 : LINELOCATIONOPTION_PULSEDIAL;
        return 0;
    }
    if (strcmp(key, "toll_prefixes") == 0)
        return set_toll_list(loc->toll, key, value, err, errlen);
    if (strcmp(key, "card") == 0) {
        if (parse_dword(value, &n))
            return fail(err, errlen, "%s: \"%s\" is not a calling card ID (a number)", key, value);
        loc->card = n;
        return 0;
    }
    if (strcmp(key, "id") == 0)
        return set_location_id(rules, loc, idx, key, value, err, errlen);
    if (strcmp(key, "current") == 0)
        return set_location_current(rules, loc, idx, key, value, err, errlen);
    return fail(err, errlen, "unknown key \"%s\" in a location section", key);
}

/* Store loc as location idx (nlocs: append; the first one replaces the built-in). 0 or -1. */
static int commit_location(struct translate_rules *rules, const struct location *loc, size_t idx,
                           char *err, size_t errlen)
{
    bool was_marked = idx < rules->nlocs && rules->locs[idx].marked_current;

    if (!rules->configured) {
        rules->locs[0] = *loc;
        rules->nlocs = 1;
        rules->current = 0;
        rules->configured = true;
        idx = 0;
    } else if (idx == rules->nlocs) {
        struct location *locs = realloc(rules->locs, (rules->nlocs + 1) * sizeof *locs);

        if (!locs)
            return fail(err, errlen, "out of memory");
        rules->locs = locs;
        rules->locs[rules->nlocs++] = *loc;
    } else {
        rules->locs[idx] = *loc;
    }
    if (loc->marked_current)
        rules->current = idx;
    else if (was_marked && rules->current == idx)
        rules->current = 0;
    return 0;
}

int translate_rules_set(struct translate_rules *rules, const char *location, const char *key,
                        const char *value, char *err, size_t errlen)
{
    const char *name = location && *location ? location : DEFAULT_LOCATION;
    struct location loc;
    size_t idx;

    if (!rules || !key || !value)
        return fail(err, errlen, "missing rule set, key or value");
    if (strlen(name) > NAME_MAX_LEN)
        return fail(err, errlen, "location name \"%s\" is too long (at most %d characters)", name,
                    NAME_MAX_LEN);
    idx = find_location(rules, name);
    if (idx < rules->nlocs)
        loc = rules->locs[idx];
    else
        location_init(&loc, next_location_id(rules), name);
    if (apply_location_key(rules, &loc, idx, key, value, err, errlen))
        return -1;
    return commit_location(rules, &loc, idx, err, errlen);
}

/* ---------------------------------------------------------------------------------------------
 * Calling-card settings
 * ------------------------------------------------------------------------------------------ */

/* Apply one key to card, a copy of card idx (ncards for a new one). 0 or -1. */
static int apply_card_key(const struct translate_rules *rules, struct card *card, size_t idx,
                          const char *key, const char *value, char *err, size_t errlen)
{
    static const char rule_what[] = "a dialing rule (0-9 A-D * # , ! W @ $ ? : P T, E country "
                                    "code, F area code, G number, H card number)";
    bool yes;
    DWORD id;

    if (strcmp(key, "number") == 0)
        return set_code(card->number, sizeof card->number, key, value, "0123456789*#",
                        "a card number (0-9 * #)", err, errlen);
    if (strcmp(key, "same_area") == 0)
        return set_code(card->same_area, sizeof card->same_area, key, value, RULE_CHARS, rule_what,
                        err, errlen);
    if (strcmp(key, "long_distance") == 0)
        return set_code(card->long_distance, sizeof card->long_distance, key, value, RULE_CHARS,
                        rule_what, err, errlen);
    if (strcmp(key, "international") == 0)
        return set_code(card->international, sizeof card->international, key, value, RULE_CHARS,
                        rule_what, err, errlen);
    if (strcmp(key, "hidden") == 0) {
        if (parse_bool(value, &yes))
            return fail(err, errlen, "%s: \"%s\" is not yes or no", key, value);
        card->options = yes ? LINECARDOPTION_HIDDEN : 0;
        return 0;
    }
    if (strcmp(key, "id") == 0) {
        if (parse_dword(value, &id) || id == 0)
            return fail(err, errlen,
                        "%s: \"%s\" is not a card ID (a number from 1 to 4294967295; 0 is "
                        "direct dial)",
                        key, value);
        for (size_t i = 1; i < rules->ncards; i++)
            if (i != idx && rules->cards[i].id == id)
                return fail(err, errlen, "%s: %u is already the ID of card \"%s\"", key,
                            (unsigned)id, rules->cards[i].name);
        card->id = id;
        return 0;
    }
    return fail(err, errlen, "unknown key \"%s\" in a card section", key);
}

int translate_rules_set_card(struct translate_rules *rules, const char *name, const char *key,
                             const char *value, char *err, size_t errlen)
{
    struct card card;
    size_t idx;

    if (!rules || !key || !value)
        return fail(err, errlen, "missing rule set, key or value");
    if (!name || !*name)
        return fail(err, errlen, "a card section needs a name: [card \"NAME\"]");
    if (strlen(name) > NAME_MAX_LEN)
        return fail(err, errlen, "card name \"%s\" is too long (at most %d characters)", name,
                    NAME_MAX_LEN);
    for (idx = 1; idx < rules->ncards; idx++)
        if (strcmp(rules->cards[idx].name, name) == 0)
            break;
    if (idx < rules->ncards) {
        card = rules->cards[idx];
    } else {
        memset(&card, 0, sizeof card);
        card.id = next_card_id(rules);
        snprintf(card.name, sizeof card.name, "%s", name);
    }
    if (apply_card_key(rules, &card, idx, key, value, err, errlen))
        return -1;
    if (idx == rules->ncards) {
        struct card *cards = realloc(rules->cards, (rules->ncards + 1) * sizeof *cards);

        if (!cards)
            return fail(err, errlen, "out of memory");
        rules->cards = cards;
        rules->ncards++;
    }
    rules->cards[idx] = card;
    return 0;
}

LONG translate_set_current_location(struct translate_rules *rules, DWORD dwLocation)
{
    size_t idx;

    if (!rules || !location_by_id(rules, dwLocation, &idx))
        return LINEERR_INVALLOCATION;
    rules->current = idx;
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Parsing addresses
 * ------------------------------------------------------------------------------------------ */

/* A parsed address; the pointers point into the caller's input string. */
struct address {
    bool canonical;
    DWORD country;
    const char *area; /* digits; area_len 0 when there is no area code */
    size_t area_len;
    const char *sub; /* subscriber number as written (canonical), or the whole number */
    size_t sub_len;
    const char *anc; /* "|subaddress^name" as written, anc_len 0 when absent */
    size_t anc_len;
};

/*
 * The length of the E.164 country code at the start of the digits d (n of them). Country codes
 * form a prefix code: 1 and 7 have one digit, the two-digit codes are listed, all others have
 * three.
 */
static size_t country_code_length(const char *d, size_t n)
{
    static const char two[] = "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 "
                              "54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 "
                              "95 98";

    if (d[0] == '1' || d[0] == '7')
        return 1;
    for (size_t i = 0; n >= 2 && i < sizeof two - 1; i += 3)
        if (two[i] == d[0] && two[i + 1] == d[1])
            return 2;
    return 3;
}

/*
 * Find the end of the first address of in (before CR LF or the end). A CR or LF that is not a
 * CR LF pair, or any other control character in the whole string, makes it invalid.
 * Returns the length of the first address, or -1.
 */
static long first_address_length(const char *in)
{
    long first = -1;

    for (const char *p = in; *p; p++) {
        unsigned char c = (unsigned char)*p;

        if (c == '\r' && p[1] == '\n') {
            if (first < 0)
                first = p - in;
            p++;
        } else if (c < 0x20 || c == 0x7F) {
            return -1;
        }
    }
    return first < 0 ? (long)strlen(in) : first;
}

/* Split the canonical address s (n bytes after the '+') into country code and the rest. */
static LONG parse_country(const char *s, size_t n, struct address *a, size_t *used)
{
    size_t run = strspn(s, "0123456789");
    size_t len;

    if (run > n)
        run = n;
    if (run == 0 || s[0] == '0')
        return LINEERR_INVALADDRESS;
    /* An explicitly delimited code of up to three digits is taken as written. */
    len = run <= 3 && run < n ? run : country_code_length(s, run);
    if (len > run)
        return LINEERR_INVALADDRESS;
    a->country = 0;
    for (size_t i = 0; i < len; i++)
        a->country = a->country * 10 + (DWORD)(s[i] - '0');
    *used = len;
    return 0;
}

/* True when c may appear in a canonical subscriber number. */
static bool is_subscriber_char(char c)
{
    return c && strchr("0123456789!#$*,?@ABCDabcdPpTtWw:" FORMAT_CHARS, c);
}

/*
 * Parse the national part s (n bytes) of a canonical address: an optional area code in
 * parentheses, or the first group of digits when a space follows it and more follows that,
 * then the subscriber number. 0 or LINEERR_INVALADDRESS.
 */
static LONG parse_national(const char *s, size_t n, struct address *a)
{
    size_t i = 0, digits = 0;

    while (i < n && strchr(FORMAT_CHARS, s[i]))
        i++;
    if (i < n && s[i] == '(') {
        size_t start = ++i;

        while (i < n && is_digit(s[i]))
            i++;
        if (i >= n || s[i] != ')')
            return LINEERR_INVALADDRESS;
        a->area = s + start;
        a->area_len = i - start;
        i++;
    } else {
        size_t group = 0;

        while (i + group < n && is_digit(s[i + group]))
            group++;
        if (group && i + group < n && s[i + group] == ' ' &&
            i + group + strspn(s + i + group, " ") < n) {
            a->area = s + i;
            a->area_len = group;
            i += group;
        }
    }
    while (i < n && s[i] == ' ')
        i++;
    while (n > i && s[n - 1] == ' ')
        n--;
    a->sub = s + i;
    a->sub_len = n - i;
    for (size_t k = i; k < n; k++) {
        if (!is_subscriber_char(s[k]))
            return LINEERR_INVALADDRESS;
        digits += is_digit(s[k]);
    }
    return digits ? 0 : LINEERR_INVALADDRESS;
}

/* Parse address_in into *a. 0 or LINEERR_INVALADDRESS. */
static LONG parse_address(const char *in, struct address *a)
{
    long first = first_address_length(in);
    size_t num_len, used;
    LONG rc;

    memset(a, 0, sizeof *a);
    if (first <= 0)
        return LINEERR_INVALADDRESS;
    num_len = strcspn(in, "|^\r");
    if (num_len > (size_t)first)
        num_len = (size_t)first;
    if (num_len == 0)
        return LINEERR_INVALADDRESS;
    a->anc = in + num_len;
    a->anc_len = (size_t)first - num_len;
    a->sub = in;
    a->sub_len = num_len;
    if (in[0] != '+')
        return 0;

    a->canonical = true;
    rc = parse_country(in + 1, num_len - 1, a, &used);
    if (rc)
        return rc;
    return parse_national(in + 1 + used, num_len - 1 - used, a);
}

/* ---------------------------------------------------------------------------------------------
 * Building the strings
 * ------------------------------------------------------------------------------------------ */

/* A growing string; oom is set (and the text left short) when memory runs out. */
struct sbuf {
    char *p;
    size_t len, cap;
    bool oom;
};

static void sb_putn(struct sbuf *sb, const char *s, size_t n)
{
    if (sb->oom || n == 0)
        return;
    if (sb->len + n + 1 > sb->cap) {
        size_t cap = (sb->len + n + 1) * 2;
        char *p = realloc(sb->p, cap);

        if (!p) {
            sb->oom = true;
            return;
        }
        sb->p = p;
        sb->cap = cap;
    }
    memcpy(sb->p + sb->len, s, n);
    sb->len += n;
    sb->p[sb->len] = '\0';
}

static void sb_puts(struct sbuf *sb, const char *s)
{
    sb_putn(sb, s, strlen(s));
}

/* Append a part of the displayable string, separated from what precedes it by a space. */
static void sb_part(struct sbuf *sb, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (sb->len)
        sb_putn(sb, " ", 1);
    sb_putn(sb, s, n);
}

/* The string built so far ("" when nothing was). */
static const char *sb_str(const struct sbuf *sb)
{
    return sb->p ? sb->p : "";
}

enum call_kind { CALL_LOCAL, CALL_LONG_DISTANCE, CALL_INTERNATIONAL };

/* Everything one translation needs. */
struct dial {
    const struct location *loc;
    const struct card *card; /* NULL or a card whose rule for this call is empty: direct */
    const struct address *a;
    enum call_kind kind;
    const char *area; /* the destination area code (the location's when none was given) */
    size_t area_len;
    char country[12]; /* the destination country code in digits */
    struct sbuf sub;  /* the subscriber number without formatting characters */
    struct sbuf dial, disp;
};

static const char *ld_prefix(const struct location *loc)
{
    if (loc->ld_prefix_set)
        return loc->ld_prefix;
    return loc->country == 1 ? "1" : "0";
}

static const char *intl_prefix(const struct location *loc)
{
    if (loc->intl_prefix_set)
        return loc->intl_prefix;
    return loc->country == 1 ? "011" : "00";
}

/* True when the subscriber number starts with one of the location's toll prefixes. */
static bool in_toll_list(const char *toll, const char *sub)
{
    for (const char *p = toll; *p;) {
        size_t len = strcspn(p, ",");

        if (len && strncmp(sub, p, len) == 0)
            return true;
        p += len + (p[len] == ',');
    }
    return false;
}

/* Decide local / long distance / international; returns the LINETRANSLATERESULT_ bits. */
static DWORD classify(struct dial *d, DWORD options)
{
    const struct location *loc = d->loc;
    const struct address *a = d->a;
    bool same_area = a->area_len == 0 || (a->area_len == strlen(loc->area) &&
                                          strncmp(a->area, loc->area, a->area_len) == 0);

    if (a->country != loc->country) {
        d->kind = CALL_INTERNATIONAL;
        return LINETRANSLATERESULT_INTERNATIONAL;
    }
    if (options & LINETRANSLATEOPTION_FORCELOCAL) {
        d->kind = CALL_LOCAL;
        return LINETRANSLATERESULT_LOCAL;
    }
    if ((options & LINETRANSLATEOPTION_FORCELD) || !same_area) {
        d->kind = CALL_LONG_DISTANCE;
        return LINETRANSLATERESULT_LONGDISTANCE;
    }
    if (!loc->toll[0]) {
        d->kind = CALL_LOCAL;
        return LINETRANSLATERESULT_LOCAL;
    }
    if (in_toll_list(loc->toll, sb_str(&d->sub))) {
        d->kind = CALL_LONG_DISTANCE;
        return LINETRANSLATERESULT_LONGDISTANCE | LINETRANSLATERESULT_INTOLLLIST;
    }
    d->kind = CALL_LOCAL;
    return LINETRANSLATERESULT_LOCAL | LINETRANSLATERESULT_NOTINTOLLLIST;
}

/* The card's rule for this kind of call ("" when it has none). */
static const char *card_rule(const struct card *card, enum call_kind kind)
{
    switch (kind) {
    case CALL_LOCAL:
        return card->same_area;
    case CALL_LONG_DISTANCE:
        return card->long_distance;
    default:
        return card->international;
    }
}

/* Append one part of the number to both strings (the displayable one space-separated). */
static void put_part(struct dial *d, const char *s, size_t n)
{
    sb_putn(&d->dial, s, n);
    sb_part(&d->disp, s, n);
}

/* Dial directly: access code, prefix, country, area, number. */
static void build_direct(struct dial *d)
{
    const struct location *loc = d->loc;

    if (d->kind == CALL_LOCAL) {
        put_part(d, loc->local_access, strlen(loc->local_access));
    } else {
        const char *prefix = d->kind == CALL_LONG_DISTANCE ? ld_prefix(loc) : intl_prefix(loc);

        put_part(d, loc->ld_access, strlen(loc->ld_access));
        put_part(d, prefix, strlen(prefix));
        if (d->kind == CALL_INTERNATIONAL)
            put_part(d, d->country, strlen(d->country));
        put_part(d, d->area, d->area_len);
    }
    sb_puts(&d->dial, sb_str(&d->sub));
    sb_part(&d->disp, d->a->sub, d->a->sub_len);
}

/* Dial with a calling card: access code, then the card's rule with E F G H expanded. */
static void build_card(struct dial *d, const char *rule)
{
    const char *access = d->kind == CALL_LOCAL ? d->loc->local_access : d->loc->ld_access;
    struct sbuf shown = {0};

    sb_puts(&d->dial, access);
    sb_part(&d->disp, access, strlen(access));
    for (const char *r = rule; *r; r++) {
        switch (*r) {
        case 'E':
        case 'e':
            sb_puts(&d->dial, d->country);
            sb_puts(&shown, d->country);
            break;
        case 'F':
        case 'f':
            sb_putn(&d->dial, d->area, d->area_len);
            sb_putn(&shown, d->area, d->area_len);
            break;
        case 'G':
        case 'g':
            sb_puts(&d->dial, sb_str(&d->sub));
            sb_putn(&shown, d->a->sub, d->a->sub_len);
            break;
        case 'H':
        case 'h':
            sb_puts(&d->dial, d->card->number);
            sb_puts(&shown, "[");
            sb_puts(&shown, d->card->name);
            sb_puts(&shown, "]");
            break;
        default:
            sb_putn(&d->dial, r, 1);
            sb_putn(&shown, r, 1);
        }
    }
    sb_part(&d->disp, sb_str(&shown), shown.len);
    d->disp.oom |= shown.oom;
    free(shown.p);
}

/* The DIAL… result bits for the characters of the dialable number s. */
static DWORD dial_flags(const char *s, size_t n)
{
    DWORD flags = 0;

    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '$':
            flags |= LINETRANSLATERESULT_DIALBILLING;
            break;
        case '@':
            flags |= LINETRANSLATERESULT_DIALQUIET;
            break;
        case 'W':
        case 'w':
            flags |= LINETRANSLATERESULT_DIALDIALTONE;
            break;
        case '?':
            flags |= LINETRANSLATERESULT_DIALPROMPT;
            break;
        case ':':
            flags |= LINETRANSLATERESULT_VOICEDETECT;
            break;
        }
    }
    return flags;
}

/* Translate a canonical address; fills d->dial and d->disp, returns the result bits. */
static DWORD translate_canonical(struct dial *d, DWORD options)
{
    const struct location *loc = d->loc;
    DWORD results = LINETRANSLATERESULT_CANONICAL;
    const char *rule;

    for (size_t i = 0; i < d->a->sub_len; i++)
        if (!strchr(FORMAT_CHARS, d->a->sub[i]))
            sb_putn(&d->sub, d->a->sub + i, 1);
    snprintf(d->country, sizeof d->country, "%u", (unsigned)d->a->country);
    results |= classify(d, options);
    d->area = d->a->area_len || d->kind == CALL_INTERNATIONAL ? d->a->area : loc->area;
    d->area_len =
        d->a->area_len || d->kind == CALL_INTERNATIONAL ? d->a->area_len : strlen(loc->area);

    sb_puts(&d->dial, loc->options & LINELOCATIONOPTION_PULSEDIAL ? "P" : "T");
    if (options & LINETRANSLATEOPTION_CANCELCALLWAITING) {
        sb_puts(&d->dial, loc->cancel_cw);
        sb_part(&d->disp, loc->cancel_cw, strlen(loc->cancel_cw));
    }
    rule = d->card ? card_rule(d->card, d->kind) : "";
    if (*rule)
        build_card(d, rule);
    else
        build_direct(d);
    results |= dial_flags(sb_str(&d->dial), d->dial.len);
    sb_putn(&d->dial, d->a->anc, d->a->anc_len);
    return results;
}

/*
 * Pass a non-canonical address through: dialable unchanged, displayable without subaddress and
 * name. The DIAL… bits are reported only for phone numbers (dialable characters only), not for
 * SIP URIs and the like, where '@' and 'w' mean nothing to a dialer.
 */
static DWORD translate_verbatim(struct dial *d, const char *address_in)
{
    const struct address *a = d->a;
    size_t n = 0;

    sb_puts(&d->dial, address_in);
    sb_putn(&d->disp, a->sub, a->sub_len);
    while (n < a->sub_len && strchr(DIAL_CHARS "+;" FORMAT_CHARS, a->sub[n]))
        n++;
    return n == a->sub_len ? dial_flags(a->sub, a->sub_len) : 0;
}

/* Check the arguments of translate_address and pick the card. 0 or a LINEERR_. */
static LONG check_request(const struct translate_rules *rules, const struct location *loc,
                          DWORD dwCard, DWORD options, const struct card **card)
{
    const DWORD known = LINETRANSLATEOPTION_CARDOVERRIDE | LINETRANSLATEOPTION_CANCELCALLWAITING |
                        LINETRANSLATEOPTION_FORCELOCAL | LINETRANSLATEOPTION_FORCELD;

    if ((options & ~known) ||
        ((options & LINETRANSLATEOPTION_FORCELOCAL) && (options & LINETRANSLATEOPTION_FORCELD)))
        return LINEERR_INVALPARAM;
    *card = card_by_id(rules, options & LINETRANSLATEOPTION_CARDOVERRIDE ? dwCard : loc->card);
    if (!*card)
        return LINEERR_INVALCARD;
    if ((*card)->id == 0)
        *card = NULL;
    return 0;
}

/* Write the translation into *out through varstruct. */
static LONG fill_output(LINETRANSLATEOUTPUT *out, const struct dial *d, DWORD results)
{
    struct tapix_varstruct vs;
    LONG rc = tapix_varstruct_begin(&vs, out, sizeof *out);

    if (rc)
        return rc;
    out->dwCurrentCountry = d->loc->country;
    out->dwDestCountry = d->a->canonical ? d->a->country : 0;
    out->dwTranslateResults = results;
    tapix_varstruct_append_string(&vs, &out->dwDialableStringSize, &out->dwDialableStringOffset,
                                  sb_str(&d->dial));
    tapix_varstruct_append_string(&vs, &out->dwDisplayableStringSize,
                                  &out->dwDisplayableStringOffset, sb_str(&d->disp));
    tapix_varstruct_end(&vs);
    return 0;
}

LONG translate_address(const struct translate_rules *rules, DWORD dwCard, const char *address_in,
                       DWORD dwTranslateOptions, LINETRANSLATEOUTPUT *out)
{
    struct address a;
    struct dial d;
    DWORD results;
    LONG rc;

    if (!rules || !address_in || !out)
        return LINEERR_INVALPOINTER;
    memset(&d, 0, sizeof d);
    d.loc = &rules->locs[rules->current];
    d.a = &a;
    rc = check_request(rules, d.loc, dwCard, dwTranslateOptions, &d.card);
    if (!rc)
        rc = parse_address(address_in, &a);
    if (rc)
        return rc;

    if (a.canonical)
        results = translate_canonical(&d, dwTranslateOptions);
    else
        results = translate_verbatim(&d, address_in);
    if (d.sub.oom || d.dial.oom || d.disp.oom)
        rc = LINEERR_NOMEM;
    else
        rc = fill_output(out, &d, results);
    free(d.sub.p);
    free(d.dial.p);
    free(d.disp.p);
    return rc;
}

/* ---------------------------------------------------------------------------------------------
 * lineGetTranslateCaps
 * ------------------------------------------------------------------------------------------ */

/* The size and offset members dw<m>Size, dw<m>Offset of entry e, or NULL, NULL without one. */
#define ENTRY_FIELD(e, m) (e) ? &(e)->dw##m##Size : NULL, (e) ? &(e)->dw##m##Offset : NULL

/* Fill one location entry (e NULL: its array did not fit; only account for its strings). */
static void fill_location_entry(struct tapix_varstruct *vs, LINELOCATIONENTRY *e,
                                const struct location *loc)
{
    if (e) {
        e->dwPermanentLocationID = loc->id;
        e->dwCountryCode = loc->country;
        e->dwCountryID = loc->country;
        e->dwPreferredCardID = loc->card;
        e->dwOptions = loc->options;
    }
    tapix_varstruct_append_string(vs, ENTRY_FIELD(e, LocationName), loc->name);
    tapix_varstruct_append_string(vs, ENTRY_FIELD(e, CityCode), loc->area);
    tapix_varstruct_append_string(vs, ENTRY_FIELD(e, LocalAccessCode), loc->local_access);
    tapix_varstruct_append_string(vs, ENTRY_FIELD(e, LongDistanceAccessCode), loc->ld_access);
    tapix_varstruct_append_string(vs, ENTRY_FIELD(e, TollPrefixList), loc->toll);
    tapix_varstruct_append_string(vs, ENTRY_FIELD(e, CancelCallWaiting), loc->cancel_cw);
}

/* Fill one card entry (e NULL: its array did not fit; only account for its strings). */
static void fill_card_entry(struct tapix_varstruct *vs, LINECARDENTRY *e, const struct card *c)
{
    if (e) {
        e->dwPermanentCardID = c->id;
        e->dwCardNumberDigits = (DWORD)strlen(c->number);
        e->dwOptions = c->options;
    }
    tapix_varstruct_append_string(vs, ENTRY_FIELD(e, CardName), c->name);
    tapix_varstruct_append_string(vs, ENTRY_FIELD(e, SameAreaRule), c->same_area);
    tapix_varstruct_append_string(vs, ENTRY_FIELD(e, LongDistanceRule), c->long_distance);
    tapix_varstruct_append_string(vs, ENTRY_FIELD(e, InternationalRule), c->international);
}

LONG translate_get_caps(const struct translate_rules *rules, LINETRANSLATECAPS *out)
{
    const struct location *cur;
    struct tapix_varstruct vs;
    LINELOCATIONENTRY *locs;
    LINECARDENTRY *cards;
    DWORD ncards = 0;
    LONG rc;

    if (!rules || !out)
        return LINEERR_INVALPOINTER;
    rc = tapix_varstruct_begin(&vs, out, sizeof *out);
    if (rc)
        return rc;
    for (size_t i = 0; i < rules->ncards; i++)
        ncards += i == 0 || !(rules->cards[i].options & LINECARDOPTION_HIDDEN);
    cur = &rules->locs[rules->current];
    out->dwNumLocations = (DWORD)rules->nlocs;
    out->dwCurrentLocationID = cur->id;
    out->dwNumCards = ncards;
    out->dwCurrentPreferredCardID = cur->card;
    locs = tapix_varstruct_reserve(&vs, &out->dwLocationListSize, &out->dwLocationListOffset,
                                   (DWORD)(rules->nlocs * sizeof *locs));
    cards = tapix_varstruct_reserve(&vs, &out->dwCardListSize, &out->dwCardListOffset,
                                    ncards * (DWORD)sizeof *cards);
    for (size_t i = 0; i < rules->nlocs; i++)
        fill_location_entry(&vs, locs ? &locs[i] : NULL, &rules->locs[i]);
    for (size_t i = 0, k = 0; i < rules->ncards; i++) {
        if (i && (rules->cards[i].options & LINECARDOPTION_HIDDEN))
            continue;
        fill_card_entry(&vs, cards ? &cards[k++] : NULL, &rules->cards[i]);
    }
    tapix_varstruct_end(&vs);
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * The current location for tapiGetLocationInfo and lineSetTollList
 * ------------------------------------------------------------------------------------------ */

void translate_current_codes(const struct translate_rules *rules, DWORD *country, const char **area)
{
    const struct location *loc = &rules->locs[rules->current];

    *country = loc->country;
    *area = loc->area;
}

/* Remove the prefix token p (len digits) from the toll list; true when it was there. */
static bool toll_remove(char *toll, const char *p, size_t len)
{
    for (char *t = toll; *t;) {
        size_t tlen = strcspn(t, ",");

        if (tlen == len && strncmp(t, p, len) == 0) {
            if (t[tlen] == ',')
                memmove(t, t + tlen + 1, strlen(t + tlen + 1) + 1);
            else if (t > toll)
                t[-1] = '\0';
            else
                t[0] = '\0';
            return true;
        }
        t += tlen + (t[tlen] == ',');
    }
    return false;
}

LONG translate_set_toll(struct translate_rules *rules, const char *address, DWORD option)
{
    struct location *loc = &rules->locs[rules->current];
    struct address a;
    char prefix[4];
    size_t n = 0, have;

    if (option != LINETOLLLISTOPTION_ADD && option != LINETOLLLISTOPTION_REMOVE)
        return LINEERR_INVALPARAM;
    if (parse_address(address, &a) != 0 || !a.canonical)
        return LINEERR_INVALADDRESS;
    for (size_t i = 0; i < a.sub_len && n < 3; i++)
        if (is_digit(a.sub[i]))
            prefix[n++] = a.sub[i];
    if (n < 3)
        return LINEERR_INVALADDRESS;
    prefix[n] = '\0';
    if (option == LINETOLLLISTOPTION_REMOVE) {
        toll_remove(loc->toll, prefix, n);
        return 0;
    }
    toll_remove(loc->toll, prefix, n); /* listed once, however often it is added */
    have = strlen(loc->toll);
    if (have + 1 + n > TOLL_MAX_LEN)
        return LINEERR_RESOURCEUNAVAIL;
    snprintf(loc->toll + have, sizeof loc->toll - have, "%s%s", have ? "," : "", prefix);
    return 0;
}
