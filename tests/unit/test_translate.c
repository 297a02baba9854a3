/*
 * test_translate.c — unit tests for src/core/translate.c: dialing-rule configuration,
 * lineTranslateAddress, lineGetTranslateCaps and lineSetCurrentLocation semantics.
 *
 * Most tests start from the same rule set (see setup_rules): "Home" in area 425 of country 1,
 * dialing 9 for an outside line, "Office" in London, and a calling card "Acme". The expected
 * strings are written out in full so that a change in the dialing rules shows up as a diff.
 * Every filled structure is also run through the varstruct validator.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tapix/varstruct.h"
#include "translate.h"

#define OUT_SIZE 1024

/* One configuration setting: section kind ('L' location, 'C' card), section name, key, value. */
struct setting {
    char kind;
    const char *section, *key, *value;
};

static const struct setting standard[] = {
    {'L', "Home", "country", "1"},
    {'L', "Home", "area", "425"},
    {'L', "Home", "local_access", "9"},
    {'L', "Home", "long_distance_access", "9"},
    {'L', "Home", "cancel_call_waiting", "*70,"},
    {'L', "Office", "country", "44"},
    {'L', "Office", "area", "20"},
    {'L', "Office", "id", "7"},
    {'C', "Acme", "number", "12345678"},
    {'C', "Acme", "same_area", "G"},
    {'C', "Acme", "long_distance", "0FG$TH"},
    {'C', "Acme", "international", "01EFG$TH"},
    {'C', "Secret", "hidden", "yes"},
};

/* Apply settings to rules, asserting each succeeds. */
static void apply(struct translate_rules *rules, const struct setting *s, size_t n)
{
    char err[256] = "";

    for (size_t i = 0; i < n; i++) {
        int rc = s[i].kind == 'L' ? translate_rules_set(rules, s[i].section, s[i].key, s[i].value,
                                                        err, sizeof err)
                                  : translate_rules_set_card(rules, s[i].section, s[i].key,
                                                             s[i].value, err, sizeof err);
        if (rc)
            fail_msg("%s = %s: %s", s[i].key, s[i].value, err);
    }
}

static int setup_rules(void **state)
{
    struct translate_rules *rules;

    if (translate_rules_alloc(&rules))
        return -1;
    apply(rules, standard, sizeof standard / sizeof standard[0]);
    *state = rules;
    return 0;
}

static int setup_default(void **state)
{
    struct translate_rules *rules;

    if (translate_rules_alloc(&rules))
        return -1;
    *state = rules;
    return 0;
}

static int teardown_rules(void **state)
{
    translate_rules_free(*state);
    return 0;
}

/* A LINETRANSLATEOUTPUT of OUT_SIZE bytes, from a static buffer. */
static LINETRANSLATEOUTPUT *out_buffer(void)
{
    static DWORD buf[OUT_SIZE / sizeof(DWORD)];
    LINETRANSLATEOUTPUT *out = (LINETRANSLATEOUTPUT *)buf;

    memset(buf, 0xA5, sizeof buf);
    out->dwTotalSize = OUT_SIZE;
    return out;
}

/* Assert out is a well-formed LINETRANSLATEOUTPUT. */
static void assert_valid_output(const LINETRANSLATEOUTPUT *out)
{
    static const DWORD pairs[] = {
        offsetof(LINETRANSLATEOUTPUT, dwDialableStringSize),
        offsetof(LINETRANSLATEOUTPUT, dwDisplayableStringSize),
    };

    assert_int_equal(tapix_varstruct_check(out, sizeof *out, pairs, 2), 0);
}

/* Translate address with options (and card) into the static buffer; asserts success. */
static const LINETRANSLATEOUTPUT *xlate_card(const struct translate_rules *rules,
                                             const char *address, DWORD options, DWORD card)
{
    LINETRANSLATEOUTPUT *out = out_buffer();

    assert_int_equal(translate_address(rules, card, address, options, out), 0);
    assert_valid_output(out);
    assert_true(out->dwNeededSize <= out->dwTotalSize);
    return out;
}

static const LINETRANSLATEOUTPUT *xlate(const struct translate_rules *rules, const char *address,
                                        DWORD options)
{
    return xlate_card(rules, address, options, 0);
}

static const char *dialable(const LINETRANSLATEOUTPUT *out)
{
    const char *s = (const char *)out + out->dwDialableStringOffset;

    assert_true(out->dwDialableStringSize > 0);
    assert_int_equal(s[out->dwDialableStringSize - 1], '\0');
    return s;
}

static const char *displayable(const LINETRANSLATEOUTPUT *out)
{
    const char *s = (const char *)out + out->dwDisplayableStringOffset;

    assert_true(out->dwDisplayableStringSize > 0);
    assert_int_equal(s[out->dwDisplayableStringSize - 1], '\0');
    return s;
}

/* Translate and compare dialable, displayable and results in one go. */
static void expect(const struct translate_rules *rules, const char *address, DWORD options,
                   const char *dial, const char *disp, DWORD results)
{
    const LINETRANSLATEOUTPUT *out = xlate(rules, address, options);

    assert_string_equal(dialable(out), dial);
    assert_string_equal(displayable(out), disp);
    assert_int_equal(out->dwTranslateResults, results);
}

#define CANON LINETRANSLATERESULT_CANONICAL

/* ---------------------------------------------------------------------------------------------
 * Translation
 * ------------------------------------------------------------------------------------------ */

static void test_builtin_default_location(void **state)
{
    const struct translate_rules *rules = *state;
    const LINETRANSLATEOUTPUT *out;

    /* Country 1, no area code: every number with an area code is long distance. */
    expect(rules, "+1 (425) 555-1234", 0, "T14255551234", "1 425 555-1234",
           CANON | LINETRANSLATERESULT_LONGDISTANCE);
    expect(rules, "+1 555-1234", 0, "T5551234", "555-1234", CANON | LINETRANSLATERESULT_LOCAL);
    out = xlate(rules, "+49 (30) 1234567", 0);
    assert_string_equal(dialable(out), "T011493012345"
                                       "67");
    assert_int_equal(out->dwCurrentCountry, 1);
    assert_int_equal(out->dwDestCountry, 49);
}

static void test_local(void **state)
{
    const struct translate_rules *rules = *state;
    const LINETRANSLATEOUTPUT *out;

    out = xlate(rules, "+1 (425) 555-1234", 0);
    assert_string_equal(dialable(out), "T95551234");
    assert_string_equal(displayable(out), "9 555-1234");
    assert_int_equal(out->dwTranslateResults, CANON | LINETRANSLATERESULT_LOCAL);
    assert_int_equal(out->dwCurrentCountry, 1);
    assert_int_equal(out->dwDestCountry, 1);
    /* No parentheses: the first digit group followed by a space is the area code. */
    expect(rules, "+1 425 555 1234", 0, "T95551234", "9 555 1234",
           CANON | LINETRANSLATERESULT_LOCAL);
    /* No area code at all: within the location's own area. */
    expect(rules, "+1 555.1234", 0, "T95551234", "9 555.1234", CANON | LINETRANSLATERESULT_LOCAL);
    /* Empty parentheses mean no area code too. */
    expect(rules, "+1 () 5551234", 0, "T95551234", "9 5551234", CANON | LINETRANSLATERESULT_LOCAL);
}

static void test_long_distance(void **state)
{
    const struct translate_rules *rules = *state;

    expect(rules, "+1 (206) 555-1234", 0, "T912065551234", "9 1 206 555-1234",
           CANON | LINETRANSLATERESULT_LONGDISTANCE);
    expect(rules, "+1(206)555-1234", 0, "T912065551234", "9 1 206 555-1234",
           CANON | LINETRANSLATERESULT_LONGDISTANCE);
    expect(rules, "+1 206 555-1234", 0, "T912065551234", "9 1 206 555-1234",
           CANON | LINETRANSLATERESULT_LONGDISTANCE);
}

static void test_international(void **state)
{
    const struct translate_rules *rules = *state;
    const LINETRANSLATEOUTPUT *out;

    out = xlate(rules, "+44 (20) 7946 0958", 0);
    assert_string_equal(dialable(out), "T9011442079460958");
    assert_string_equal(displayable(out), "9 011 44 20 7946 0958");
    assert_int_equal(out->dwTranslateResults, CANON | LINETRANSLATERESULT_INTERNATIONAL);
    assert_int_equal(out->dwDestCountry, 44);
    assert_int_equal(out->dwCurrentCountry, 1);
    /* E.164 without spaces: the country code is split off by its known length. */
    out = xlate(rules, "+442079460958", 0);
    assert_string_equal(dialable(out), "T9011442079460958");
    assert_int_equal(out->dwDestCountry, 44);
    out = xlate(rules, "+35312345678", 0);
    assert_string_equal(dialable(out), "T901135312345678");
    assert_int_equal(out->dwDestCountry, 353);
    /* Same country written without spaces: local (no area code can be told apart). */
    expect(rules, "+14255551234", 0, "T94255551234", "9 4255551234",
           CANON | LINETRANSLATERESULT_LOCAL);
}

static void test_non_nanp_default_prefixes(void **state)
{
    struct translate_rules *rules = *state;
    const LINETRANSLATEOUTPUT *out;

    assert_int_equal(translate_set_current_location(rules, 7), 0);
    expect(rules, "+44 (20) 7946 0958", 0, "T79460958", "7946 0958",
           CANON | LINETRANSLATERESULT_LOCAL);
    expect(rules, "+44 (161) 496 0000", 0, "T01614960000", "0 161 496 0000",
           CANON | LINETRANSLATERESULT_LONGDISTANCE);
    out = xlate(rules, "+1 (425) 555-1234", 0);
    assert_string_equal(dialable(out), "T0014255551234");
    assert_int_equal(out->dwCurrentCountry, 44);
    assert_int_equal(out->dwDestCountry, 1);
}

static void test_cancel_call_waiting(void **state)
{
    struct translate_rules *rules = *state;
    char err[128];

    expect(rules, "+1 (425) 555-1234", LINETRANSLATEOPTION_CANCELCALLWAITING, "T*70,95551234",
           "*70, 9 555-1234", CANON | LINETRANSLATERESULT_LOCAL);
    expect(rules, "+1 (206) 555-1234", LINETRANSLATEOPTION_CANCELCALLWAITING, "T*70,912065551234",
           "*70, 9 1 206 555-1234", CANON | LINETRANSLATERESULT_LONGDISTANCE);
    /* Without a cancel-call-waiting string the option changes nothing. */
    assert_int_equal(translate_rules_set(rules, "Home", "cancel_call_waiting", "", err, sizeof err),
                     0);
    expect(rules, "+1 (425) 555-1234", LINETRANSLATEOPTION_CANCELCALLWAITING, "T95551234",
           "9 555-1234", CANON | LINETRANSLATERESULT_LOCAL);
}

static void test_force_local_and_long_distance(void **state)
{
    const struct translate_rules *rules = *state;
    LINETRANSLATEOUTPUT *out = out_buffer();

    expect(rules, "+1 (206) 555-1234", LINETRANSLATEOPTION_FORCELOCAL, "T95551234", "9 555-1234",
           CANON | LINETRANSLATERESULT_LOCAL);
    expect(rules, "+1 (425) 555-1234", LINETRANSLATEOPTION_FORCELD, "T914255551234",
           "9 1 425 555-1234", CANON | LINETRANSLATERESULT_LONGDISTANCE);
    /* Forced long distance without an area code uses the location's. */
    expect(rules, "+1 555-1234", LINETRANSLATEOPTION_FORCELD, "T914255551234", "9 1 425 555-1234",
           CANON | LINETRANSLATERESULT_LONGDISTANCE);
    /* Another country stays international. */
    expect(rules, "+44 (20) 7946 0958", LINETRANSLATEOPTION_FORCELOCAL, "T9011442079460958",
           "9 011 44 20 7946 0958", CANON | LINETRANSLATERESULT_INTERNATIONAL);
    /* Both at once, or an unknown option bit, is an invalid parameter. */
    assert_int_equal(translate_address(rules, 0, "+1 (425) 555-1234",
                                       LINETRANSLATEOPTION_FORCELOCAL | LINETRANSLATEOPTION_FORCELD,
                                       out),
                     LINEERR_INVALPARAM);
    assert_int_equal(translate_address(rules, 0, "+1 (425) 555-1234", 0x100, out),
                     LINEERR_INVALPARAM);
}

static void test_pulse_dialing(void **state)
{
    struct translate_rules *rules = *state;
    char err[128];

    assert_int_equal(translate_rules_set(rules, "Home", "tone", "no", err, sizeof err), 0);
    expect(rules, "+1 (425) 555-1234", 0, "P95551234", "9 555-1234",
           CANON | LINETRANSLATERESULT_LOCAL);
}

static void test_toll_list(void **state)
{
    struct translate_rules *rules = *state;
    char err[128];

    assert_int_equal(
        translate_rules_set(rules, "Home", "toll_prefixes", "555, 556", err, sizeof err), 0);
    expect(rules, "+1 (425) 555-1234", 0, "T914255551234", "9 1 425 555-1234",
           CANON | LINETRANSLATERESULT_LONGDISTANCE | LINETRANSLATERESULT_INTOLLLIST);
    expect(rules, "+1 (425) 777-1234", 0, "T97771234", "9 777-1234",
           CANON | LINETRANSLATERESULT_LOCAL | LINETRANSLATERESULT_NOTINTOLLLIST);
    /* The toll list concerns local calls only. */
    expect(rules, "+1 (206) 555-1234", 0, "T912065551234", "9 1 206 555-1234",
           CANON | LINETRANSLATERESULT_LONGDISTANCE);
    /* A forced translation does not consult it. */
    expect(rules, "+1 (425) 555-1234", LINETRANSLATEOPTION_FORCELOCAL, "T95551234", "9 555-1234",
           CANON | LINETRANSLATERESULT_LOCAL);
}

static void test_subaddress_and_name(void **state)
{
    const struct translate_rules *rules = *state;

    expect(rules, "+1 (425) 555-1234|1234^Bob Smith", 0, "T95551234|1234^Bob Smith", "9 555-1234",
           CANON | LINETRANSLATERESULT_LOCAL);
    expect(rules, "+1 (206) 555-1234^Alice", 0, "T912065551234^Alice", "9 1 206 555-1234",
           CANON | LINETRANSLATERESULT_LONGDISTANCE);
    /* Only the first of several addresses is translated. */
    expect(rules, "+1 (425) 555-1234\r\n+1 (206) 555-0000", 0, "T95551234", "9 555-1234",
           CANON | LINETRANSLATERESULT_LOCAL);
}

static void test_dial_modifier_results(void **state)
{
    const struct translate_rules *rules = *state;

    expect(rules, "+1 (425) 555-1234W12", 0, "T95551234W12", "9 555-1234W12",
           CANON | LINETRANSLATERESULT_LOCAL | LINETRANSLATERESULT_DIALDIALTONE);
    expect(rules, "+1 (425) 555-1234@$?:", 0, "T95551234@$?:", "9 555-1234@$?:",
           CANON | LINETRANSLATERESULT_LOCAL | LINETRANSLATERESULT_DIALQUIET |
               LINETRANSLATERESULT_DIALBILLING | LINETRANSLATERESULT_DIALPROMPT |
               LINETRANSLATERESULT_VOICEDETECT);
}

static void test_pass_through(void **state)
{
    const struct translate_rules *rules = *state;
    const LINETRANSLATEOUTPUT *out;

    out = xlate(rules, "5551234", LINETRANSLATEOPTION_CANCELCALLWAITING);
    assert_string_equal(dialable(out), "5551234");
    assert_string_equal(displayable(out), "5551234");
    assert_int_equal(out->dwTranslateResults, 0);
    assert_int_equal(out->dwDestCountry, 0);
    assert_int_equal(out->dwCurrentCountry, 1);
    /* Returned unmodified, extras included; the displayable string drops them. */
    expect(rules, "9W555-1234|77^Bob", 0, "9W555-1234|77^Bob", "9W555-1234",
           LINETRANSLATERESULT_DIALDIALTONE);
    /* Not a phone number at all: passed through, no dial-modifier results. */
    expect(rules, "sip:www@example.com", 0, "sip:www@example.com", "sip:www@example.com", 0);
    expect(rules, "192.168.1.20", 0, "192.168.1.20", "192.168.1.20", 0);
}

static void test_calling_card(void **state)
{
    struct translate_rules *rules = *state;
    LINETRANSLATEOUTPUT *out = out_buffer();
    char err[128];

    /* Card 1 (Acme) by override: long-distance rule 0FG$TH. */
    out = (LINETRANSLATEOUTPUT *)xlate_card(rules, "+1 (206) 555-1234",
                                            LINETRANSLATEOPTION_CARDOVERRIDE, 1);
    assert_string_equal(dialable(out), "T902065551234$T12345678");
    assert_string_equal(displayable(out), "9 0206555-1234$T[Acme]");
    assert_int_equal(out->dwTranslateResults,
                     CANON | LINETRANSLATERESULT_LONGDISTANCE | LINETRANSLATERESULT_DIALBILLING);
    out = (LINETRANSLATEOUTPUT *)xlate_card(rules, "+44 (20) 7946 0958",
                                            LINETRANSLATEOPTION_CARDOVERRIDE, 1);
    assert_string_equal(dialable(out), "T90144207946"
                                       "0958$T12345678");
    assert_string_equal(displayable(out), "9 0144207946 0958$T[Acme]");
    out = (LINETRANSLATEOUTPUT *)xlate_card(rules, "+1 (425) 555-1234",
                                            LINETRANSLATEOPTION_CARDOVERRIDE, 1);
    assert_string_equal(dialable(out), "T95551234");
    /* dwCard is ignored without the override option. */
    expect(rules, "+1 (206) 555-1234", 0, "T912065551234", "9 1 206 555-1234",
           CANON | LINETRANSLATERESULT_LONGDISTANCE);
    /* The location's preferred card applies without an override; card 0 overrides it back. */
    assert_int_equal(translate_rules_set(rules, "Home", "card", "1", err, sizeof err), 0);
    expect(rules, "+1 (206) 555-1234", 0, "T902065551234$T12345678", "9 0206555-1234$T[Acme]",
           CANON | LINETRANSLATERESULT_LONGDISTANCE | LINETRANSLATERESULT_DIALBILLING);
    out = (LINETRANSLATEOUTPUT *)xlate_card(rules, "+1 (206) 555-1234",
                                            LINETRANSLATEOPTION_CARDOVERRIDE, 0);
    assert_string_equal(dialable(out), "T912065551234");
    /* Unknown cards. */
    out = out_buffer();
    assert_int_equal(
        translate_address(rules, 99, "+1 (206) 555-1234", LINETRANSLATEOPTION_CARDOVERRIDE, out),
        LINEERR_INVALCARD);
    assert_int_equal(translate_rules_set(rules, "Home", "card", "42", err, sizeof err), 0);
    assert_int_equal(translate_address(rules, 0, "+1 (206) 555-1234", 0, out), LINEERR_INVALCARD);
}

/* ---------------------------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------------------------ */

static void test_bad_addresses(void **state)
{
    static const char *const bad[] = {
        "",                      /* empty */
        "+",                     /* no country code */
        "+1",                    /* no subscriber number */
        "+44",                   /* idem, E.164 form */
        "+1 (425)",              /* area code only */
        "+1 (425) ",             /* idem */
        "+1 (425 555-1234",      /* unbalanced parenthesis */
        "+1 425) 555-1234",      /* idem */
        "+1 ((425)) 555-1234",   /* nested */
        "+1 (4 25) 555-1234",    /* space in the area code */
        "+1 (425) 555-(1234)",   /* parenthesis in the subscriber number */
        "+1 (425) 555=1234",     /* illegal character */
        "+1 (425) 555+1234",     /* idem */
        "+ 1 (425) 555-1234",    /* space before the country code */
        "+0 (425) 555-1234",     /* country codes do not start with 0 */
        "+1234 (425) 555-1234",  /* explicitly delimited, more than three digits */
        "+1 (425) ---",          /* no digit in the subscriber number */
        "+1 (425) 555-1234\n",   /* LF without CR */
        "+1 (425) 555-1234\r",   /* CR without LF */
        "555\t1234",             /* control character */
        "|1234",                 /* subaddress without a number */
        "^Bob",                  /* name without a number */
        "\r\n+1 (425) 555-1234", /* empty first address */
    };
    const struct translate_rules *rules = *state;
    LINETRANSLATEOUTPUT *out = out_buffer();

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        LONG rc = translate_address(rules, 0, bad[i], 0, out);

        if (rc != LINEERR_INVALADDRESS)
            fail_msg("\"%s\": expected LINEERR_INVALADDRESS, got 0x%08x", bad[i], (unsigned)rc);
    }
    assert_int_equal(translate_address(rules, 0, NULL, 0, out), LINEERR_INVALPOINTER);
    assert_int_equal(translate_address(rules, 0, "+1 (425) 555-1234", 0, NULL),
                     LINEERR_INVALPOINTER);
    assert_int_equal(translate_address(NULL, 0, "+1 (425) 555-1234", 0, out), LINEERR_INVALPOINTER);
}

static void test_small_output_buffer(void **state)
{
    const struct translate_rules *rules = *state;
    DWORD total = sizeof(LINETRANSLATEOUTPUT) - 1;
    int rounds = 0;

    for (;;) {
        LINETRANSLATEOUTPUT *out = test_malloc(total + 16);
        LONG rc;

        memset(out, 0xA5, total + 16);
        out->dwTotalSize = total;
        rc = translate_address(rules, 0, "+1 (206) 555-1234|12^Bob", 0, out);
        for (DWORD i = total; i < total + 16; i++)
            assert_int_equal(((unsigned char *)out)[i], 0xA5);
        rounds++;
        if (rc == LINEERR_STRUCTURETOOSMALL) {
            assert_int_equal(rounds, 1);
            assert_int_equal(out->dwNeededSize, sizeof *out);
        } else {
            assert_int_equal(rc, 0);
            assert_valid_output(out);
            if (out->dwNeededSize <= out->dwTotalSize) {
                assert_string_equal(dialable(out), "T912065551234|12^Bob");
                assert_string_equal(displayable(out), "9 1 206 555-1234");
                test_free(out);
                break;
            }
            /* Fixed part filled, strings left out whole. */
            assert_int_equal(out->dwDialableStringSize, 0);
            assert_int_equal(out->dwDialableStringOffset, 0);
            assert_int_equal(out->dwTranslateResults, CANON | LINETRANSLATERESULT_LONGDISTANCE);
        }
        total = out->dwNeededSize;
        test_free(out);
        assert_true(rounds < 3);
    }
    assert_int_equal(rounds, 3);
}

/* A bad setting fails with exactly this message and changes nothing. */
static void expect_error(struct translate_rules *rules, char kind, const char *section,
                         const char *key, const char *value, const char *message)
{
    char err[256] = "";
    int rc = kind == 'L' ? translate_rules_set(rules, section, key, value, err, sizeof err)
                         : translate_rules_set_card(rules, section, key, value, err, sizeof err);

    assert_int_equal(rc, -1);
    assert_string_equal(err, message);
}

static void test_bad_location_settings(void **state)
{
    struct translate_rules *rules = *state;

    expect_error(rules, 'L', "Home", "country", "abc",
                 "country: \"abc\" is not a country code (a number from 1 to 999)");
    expect_error(rules, 'L', "Home", "country", "0",
                 "country: \"0\" is not a country code (a number from 1 to 999)");
    expect_error(rules, 'L', "Home", "country", "1000",
                 "country: \"1000\" is not a country code (a number from 1 to 999)");
    expect_error(rules, 'L', "Home", "country", "-1",
                 "country: \"-1\" is not a country code (a number from 1 to 999)");
    expect_error(rules, 'L', "Home", "area", "42a",
                 "area: \"42a\" is not an area code (digits only)");
    expect_error(rules, 'L', "Home", "area", "1234567890123456",
                 "area: \"1234567890123456\" is too long (at most 15 characters)");
    expect_error(
        rules, 'L', "Home", "local_access", "9x",
        "local_access: \"9x\" is not a dialable access code (0-9 A-D * # , ! W @ $ ? : P T)");
    expect_error(rules, 'L', "Home", "long_distance_access", "8 1",
                 "long_distance_access: \"8 1\" is not a dialable access code (0-9 A-D * # , ! W @ "
                 "$ ? : P T)");
    expect_error(rules, 'L', "Home", "long_distance_prefix", "1W",
                 "long_distance_prefix: \"1W\" is not a prefix (0-9 * #)");
    expect_error(rules, 'L', "Home", "international_prefix", "+",
                 "international_prefix: \"+\" is not a prefix (0-9 * #)");
    expect_error(
        rules, 'L', "Home", "cancel_call_waiting", "*70;",
        "cancel_call_waiting: \"*70;\" is not a dialable string (0-9 A-D * # , ! W @ $ ? : P T)");
    expect_error(rules, 'L', "Home", "tone", "maybe",
                 "tone: \"maybe\" is not yes (tone) or no (pulse)");
    expect_error(rules, 'L', "Home", "toll_prefixes", "555,55a",
                 "toll_prefixes: \"555,55a\" is not a list of digit prefixes separated by commas");
    expect_error(rules, 'L', "Home", "card", "Acme",
                 "card: \"Acme\" is not a calling card ID (a number)");
    expect_error(rules, 'L', "Home", "id", "x",
                 "id: \"x\" is not a location ID (a number from 0 to 4294967295)");
    expect_error(rules, 'L', "Home", "id", "4294967296",
                 "id: \"4294967296\" is not a location ID (a number from 0 to 4294967295)");
    expect_error(rules, 'L', "Home", "id", "7", "id: 7 is already the ID of location \"Office\"");
    expect_error(rules, 'L', "Home", "current", "sometimes",
                 "current: \"sometimes\" is not yes or no");
    expect_error(rules, 'L', "Home", "dial_tone", "yes",
                 "unknown key \"dial_tone\" in a location section");
    expect_error(rules, 'L', "A location name that is far too long to be shown to anyone, really",
                 "country", "1",
                 "location name \"A location name that is far too long to be shown to anyone, "
                 "really\" is too long (at most 63 characters)");
    /* A failed first setting of a new location does not create it. */
    expect_error(rules, 'L', "Cabin", "country", "x",
                 "country: \"x\" is not a country code (a number from 1 to 999)");
    /* Only one location may be marked current. */
    assert_int_equal(translate_rules_set(rules, "Office", "current", "yes", NULL, 0), 0);
    expect_error(rules, 'L', "Home", "current", "yes",
                 "current: location \"Office\" is already the current one");
    /* Nothing of the above changed Home. */
    assert_int_equal(translate_set_current_location(rules, 1), 0);
    expect(rules, "+1 (425) 555-1234", 0, "T95551234", "9 555-1234",
           CANON | LINETRANSLATERESULT_LOCAL);
    assert_int_equal(translate_set_current_location(rules, 3), LINEERR_INVALLOCATION);
}

static void test_bad_card_settings(void **state)
{
    struct translate_rules *rules = *state;

    expect_error(rules, 'C', "Acme", "same_area", "GZ",
                 "same_area: \"GZ\" is not a dialing rule (0-9 A-D * # , ! W @ $ ? : P T, E "
                 "country code, F area code, G number, H card number)");
    expect_error(rules, 'C', "Acme", "number", "1234-5678",
                 "number: \"1234-5678\" is not a card number (0-9 * #)");
    expect_error(rules, 'C', "Acme", "hidden", "perhaps", "hidden: \"perhaps\" is not yes or no");
    expect_error(rules, 'C', "Acme", "id", "0",
                 "id: \"0\" is not a card ID (a number from 1 to 4294967295; 0 is direct dial)");
    expect_error(rules, 'C', "Other", "id", "1", "id: 1 is already the ID of card \"Acme\"");
    expect_error(rules, 'C', "Acme", "pin", "1234", "unknown key \"pin\" in a card section");
    expect_error(rules, 'C', "", "number", "1", "a card section needs a name: [card \"NAME\"]");
    expect_error(rules, 'C', NULL, "number", "1", "a card section needs a name: [card \"NAME\"]");
}

/* Random strings from an alphabet of address characters: a valid structure or INVALADDRESS. */
static void test_fuzz_addresses(void **state)
{
    static const char alphabet[] = "+0123456789 ()-.|^\r\nWw@$?:,*#ABCDPTxz";
    const struct translate_rules *rules = *state;
    uint32_t seed = 0x2545F491u;

    for (int i = 0; i < 20000; i++) {
        char address[24];
        size_t len;
        LINETRANSLATEOUTPUT *out = out_buffer();
        LONG rc;

        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        len = seed % sizeof address;
        for (size_t k = 0; k < len; k++) {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            address[k] = alphabet[seed % (sizeof alphabet - 1)];
        }
        address[len] = '\0';
        if (i % 2)
            address[0] = '+';
        rc = translate_address(rules, 1, address, (DWORD)i & 0xB, out);
        if (rc == LINEERR_INVALADDRESS)
            continue;
        assert_int_equal(rc, 0);
        assert_valid_output(out);
        dialable(out);
        displayable(out);
    }
}

/* ---------------------------------------------------------------------------------------------
 * lineGetTranslateCaps and lineSetCurrentLocation
 * ------------------------------------------------------------------------------------------ */

static const char *caps_string(const LINETRANSLATECAPS *caps, DWORD size, DWORD offset)
{
    const char *s = (const char *)caps + offset;

    if (size == 0) {
        assert_int_equal(offset, 0);
        return "";
    }
    assert_int_equal(tapix_varstruct_check_pair(sizeof *caps, caps->dwUsedSize, size, offset), 0);
    assert_int_equal(s[size - 1], '\0');
    assert_int_equal(strlen(s) + 1, size);
    return s;
}

static void assert_valid_caps(const LINETRANSLATECAPS *caps)
{
    static const DWORD pairs[] = {
        offsetof(LINETRANSLATECAPS, dwLocationListSize),
        offsetof(LINETRANSLATECAPS, dwCardListSize),
    };

    assert_int_equal(tapix_varstruct_check(caps, sizeof *caps, pairs, 2), 0);
}

static LINETRANSLATECAPS *get_caps(const struct translate_rules *rules)
{
    LINETRANSLATECAPS *caps = test_malloc(4096);

    memset(caps, 0xA5, 4096);
    caps->dwTotalSize = 4096;
    assert_int_equal(translate_get_caps(rules, caps), 0);
    assert_valid_caps(caps);
    assert_true(caps->dwNeededSize <= caps->dwTotalSize);
    return caps;
}

static void test_caps_builtin(void **state)
{
    LINETRANSLATECAPS *caps = get_caps(*state);
    const LINELOCATIONENTRY *loc;
    const LINECARDENTRY *card;

    assert_int_equal(caps->dwNumLocations, 1);
    assert_int_equal(caps->dwLocationListSize, sizeof *loc);
    assert_int_equal(caps->dwCurrentLocationID, 1);
    assert_int_equal(caps->dwNumCards, 1);
    assert_int_equal(caps->dwCurrentPreferredCardID, 0);
    loc = (const LINELOCATIONENTRY *)((const char *)caps + caps->dwLocationListOffset);
    assert_int_equal(loc->dwPermanentLocationID, 1);
    assert_string_equal(caps_string(caps, loc->dwLocationNameSize, loc->dwLocationNameOffset),
                        "Default");
    assert_int_equal(loc->dwCountryCode, 1);
    assert_int_equal(loc->dwCityCodeSize, 0);
    card = (const LINECARDENTRY *)((const char *)caps + caps->dwCardListOffset);
    assert_int_equal(card->dwPermanentCardID, 0);
    assert_string_equal(caps_string(caps, card->dwCardNameSize, card->dwCardNameOffset),
                        "None (Direct Dial)");
    assert_int_equal(card->dwOptions, LINECARDOPTION_PREDEFINED);
    test_free(caps);
}

static void test_caps_lists_locations_and_cards(void **state)
{
    struct translate_rules *rules = *state;
    LINETRANSLATECAPS *caps;
    const LINELOCATIONENTRY *loc;
    const LINECARDENTRY *card;
    char err[128];

    assert_int_equal(
        translate_rules_set(rules, "Home", "toll_prefixes", " 555 ,, 556", err, sizeof err), 0);
    assert_int_equal(translate_rules_set(rules, "Office", "tone", "no", err, sizeof err), 0);
    assert_int_equal(translate_rules_set(rules, "Office", "card", "1", err, sizeof err), 0);
    caps = get_caps(rules);
    /* The first configured location replaced the built-in one and got ID 1. */
    assert_int_equal(caps->dwNumLocations, 2);
    assert_int_equal(caps->dwLocationListSize, 2 * sizeof *loc);
    assert_int_equal(caps->dwCurrentLocationID, 1);
    loc = (const LINELOCATIONENTRY *)((const char *)caps + caps->dwLocationListOffset);
    assert_int_equal(loc[0].dwPermanentLocationID, 1);
    assert_string_equal(caps_string(caps, loc[0].dwLocationNameSize, loc[0].dwLocationNameOffset),
                        "Home");
    assert_int_equal(loc[0].dwCountryCode, 1);
    assert_int_equal(loc[0].dwCountryID, 1);
    assert_string_equal(caps_string(caps, loc[0].dwCityCodeSize, loc[0].dwCityCodeOffset), "425");
    assert_string_equal(
        caps_string(caps, loc[0].dwLocalAccessCodeSize, loc[0].dwLocalAccessCodeOffset), "9");
    assert_string_equal(caps_string(caps, loc[0].dwLongDistanceAccessCodeSize,
                                    loc[0].dwLongDistanceAccessCodeOffset),
                        "9");
    assert_string_equal(
        caps_string(caps, loc[0].dwTollPrefixListSize, loc[0].dwTollPrefixListOffset), "555,556");
    assert_string_equal(
        caps_string(caps, loc[0].dwCancelCallWaitingSize, loc[0].dwCancelCallWaitingOffset),
        "*70,");
    assert_int_equal(loc[0].dwOptions, 0);
    assert_int_equal(loc[0].dwPreferredCardID, 0);
    assert_int_equal(loc[1].dwPermanentLocationID, 7);
    assert_string_equal(caps_string(caps, loc[1].dwLocationNameSize, loc[1].dwLocationNameOffset),
                        "Office");
    assert_int_equal(loc[1].dwCountryCode, 44);
    assert_string_equal(caps_string(caps, loc[1].dwCityCodeSize, loc[1].dwCityCodeOffset), "20");
    assert_int_equal(loc[1].dwLocalAccessCodeSize, 0);
    assert_int_equal(loc[1].dwCancelCallWaitingSize, 0);
    assert_int_equal(loc[1].dwOptions, LINELOCATIONOPTION_PULSEDIAL);
    assert_int_equal(loc[1].dwPreferredCardID, 1);

    /* Card 0 and Acme; the hidden card is not listed. */
    assert_int_equal(caps->dwNumCards, 2);
    assert_int_equal(caps->dwCardListSize, 2 * sizeof *card);
    card = (const LINECARDENTRY *)((const char *)caps + caps->dwCardListOffset);
    assert_int_equal(card[0].dwPermanentCardID, 0);
    assert_int_equal(card[1].dwPermanentCardID, 1);
    assert_string_equal(caps_string(caps, card[1].dwCardNameSize, card[1].dwCardNameOffset),
                        "Acme");
    assert_int_equal(card[1].dwCardNumberDigits, 8);
    assert_string_equal(caps_string(caps, card[1].dwSameAreaRuleSize, card[1].dwSameAreaRuleOffset),
                        "G");
    assert_string_equal(
        caps_string(caps, card[1].dwLongDistanceRuleSize, card[1].dwLongDistanceRuleOffset),
        "0FG$TH");
    assert_string_equal(
        caps_string(caps, card[1].dwInternationalRuleSize, card[1].dwInternationalRuleOffset),
        "01EFG$TH");
    assert_int_equal(card[1].dwOptions, 0);
    test_free(caps);

    /* The current location's preferred card is reported. */
    assert_int_equal(translate_set_current_location(rules, 7), 0);
    caps = get_caps(rules);
    assert_int_equal(caps->dwCurrentLocationID, 7);
    assert_int_equal(caps->dwCurrentPreferredCardID, 1);
    test_free(caps);
}

static void test_caps_small_buffer(void **state)
{
    const struct translate_rules *rules = *state;
    DWORD total = 8;
    int rounds = 0;

    for (;;) {
        LINETRANSLATECAPS *caps = test_malloc(total + 16 < 64 ? 64 : total + 16);
        LONG rc;

        memset(caps, 0xA5, total + 16 < 64 ? 64 : total + 16);
        caps->dwTotalSize = total;
        rc = translate_get_caps(rules, caps);
        for (DWORD i = total < 4 ? 4 : total; i < total + 16; i++)
            assert_int_equal(((unsigned char *)caps)[i], 0xA5);
        rounds++;
        assert_true(rounds <= 3);
        if (rc == LINEERR_STRUCTURETOOSMALL) {
            total = sizeof *caps; /* what a Windows program does: start from sizeof */
        } else {
            assert_int_equal(rc, 0);
            assert_valid_caps(caps);
            assert_int_equal(caps->dwNumLocations, 2);
            if (caps->dwNeededSize <= caps->dwTotalSize) {
                test_free(caps);
                break;
            }
            assert_int_equal(caps->dwLocationListSize, 0);
            assert_int_equal(caps->dwCardListSize, 0);
            assert_int_equal(caps->dwUsedSize, sizeof *caps);
            total = caps->dwNeededSize;
        }
        test_free(caps);
    }
    assert_int_equal(rounds, 3);
    assert_int_equal(translate_get_caps(rules, NULL), LINEERR_INVALPOINTER);
}

static void test_set_current_location(void **state)
{
    struct translate_rules *rules = *state;
    const LINETRANSLATEOUTPUT *out;

    assert_int_equal(translate_set_current_location(rules, 7), 0);
    out = xlate(rules, "+1 (425) 555-1234", 0);
    assert_int_equal(out->dwCurrentCountry, 44);
    assert_int_equal(out->dwTranslateResults, CANON | LINETRANSLATERESULT_INTERNATIONAL);
    /* An unknown ID fails and leaves the current location as it was. */
    assert_int_equal(translate_set_current_location(rules, 2), LINEERR_INVALLOCATION);
    assert_int_equal(translate_set_current_location(rules, 0), LINEERR_INVALLOCATION);
    out = xlate(rules, "+1 (425) 555-1234", 0);
    assert_int_equal(out->dwCurrentCountry, 44);
    assert_int_equal(translate_set_current_location(rules, 1), 0);
    out = xlate(rules, "+1 (425) 555-1234", 0);
    assert_int_equal(out->dwCurrentCountry, 1);
    assert_int_equal(translate_set_current_location(NULL, 1), LINEERR_INVALLOCATION);
}

static void test_configured_current_and_ids(void **state)
{
    struct translate_rules *rules;
    LINETRANSLATECAPS *caps;
    const LINELOCATIONENTRY *loc;
    static const struct setting s[] = {
        {'L', "A", "country", "33"}, {'L', "B", "country", "49"}, {'L', "B", "current", "yes"},
        {'L', "C", "id", "10"},      {'L', "D", "area", "30"},    {'L', NULL, "area", "1"},
    };

    (void)state;
    assert_int_equal(translate_rules_alloc(&rules), 0);
    apply(rules, s, sizeof s / sizeof s[0]);
    caps = get_caps(rules);
    assert_int_equal(caps->dwNumLocations, 5);
    assert_int_equal(caps->dwCurrentLocationID, 2);
    loc = (const LINELOCATIONENTRY *)((const char *)caps + caps->dwLocationListOffset);
    assert_int_equal(loc[0].dwPermanentLocationID, 1);
    assert_int_equal(loc[1].dwPermanentLocationID, 2);
    assert_int_equal(loc[2].dwPermanentLocationID, 10);
    assert_int_equal(loc[3].dwPermanentLocationID, 11);
    assert_int_equal(loc[4].dwPermanentLocationID, 12);
    assert_string_equal(caps_string(caps, loc[4].dwLocationNameSize, loc[4].dwLocationNameOffset),
                        "Default");
    test_free(caps);
    /* `current = no` on the marked location falls back to the first. */
    assert_int_equal(translate_rules_set(rules, "B", "current", "no", NULL, 0), 0);
    caps = get_caps(rules);
    assert_int_equal(caps->dwCurrentLocationID, 1);
    test_free(caps);
    translate_rules_free(rules);
    assert_int_equal(translate_rules_alloc(NULL), -EINVAL);
    translate_rules_free(NULL);
}

int main(void)
{
#define T(f)         cmocka_unit_test_setup_teardown(f, setup_rules, teardown_rules)
#define T_DEFAULT(f) cmocka_unit_test_setup_teardown(f, setup_default, teardown_rules)
    const struct CMUnitTest tests[] = {
        T_DEFAULT(test_builtin_default_location),
        T(test_local),
        T(test_long_distance),
        T(test_international),
        T(test_non_nanp_default_prefixes),
        T(test_cancel_call_waiting),
        T(test_force_local_and_long_distance),
        T(test_pulse_dialing),
        T(test_toll_list),
        T(test_subaddress_and_name),
        T(test_dial_modifier_results),
        T(test_pass_through),
        T(test_calling_card),
        T(test_bad_addresses),
        T(test_small_output_buffer),
        T(test_fuzz_addresses),
        T(test_bad_location_settings),
        T(test_bad_card_settings),
        T_DEFAULT(test_caps_builtin),
        T(test_caps_lists_locations_and_cards),
        T(test_caps_small_buffer),
        T(test_set_current_location),
        cmocka_unit_test(test_configured_current_and_ids),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
