/*
 * test_proto_functions.c — the table of function IDs (src/proto/functions.h) against the
 * prototypes of include/tapix/tapi.h: every line*, phone* and tapi* function has one row,
 * IDs ascend within their block and never repeat, and each signature has one letter per C
 * parameter, of a known kind, agreeing with the parameter's type where the type decides.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "functions.h"

/* One prototype read from tapi.h. */
struct proto_decl {
    char name[64];
    char params[16][96]; /* "TYPE name", whitespace collapsed */
    unsigned nparams;
};

/* Reads the whole of tapi.h, found from this file's path. Returns a malloc'd string. */
static char *read_tapi_h(void)
{
    char path[1024];
    const char *here = __FILE__;
    const char *cut = strstr(here, "tests/unit/");
    FILE *f;
    char *text;
    long size;
    assert_non_null(cut);
    snprintf(path, sizeof(path), "%.*sinclude/tapix/tapi.h", (int)(cut - here), here);
    f = fopen(path, "r");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fseek(f, 0, SEEK_SET);
    text = malloc((size_t)size + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
    text[size] = '\0';
    fclose(f);
    return text;
}

/* Copies `len` bytes of `s` into `out` with runs of white space made one space, trimmed. */
static void collapse(const char *s, size_t len, char *out, size_t size)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < size; i++) {
        if (isspace((unsigned char)s[i])) {
            if (n > 0 && out[n - 1] != ' ')
                out[n++] = ' ';
        } else {
            out[n++] = s[i];
        }
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
}

/* Parses every "LONG WINAPI name(params);" of `text` into `decls`; returns the count. */
static size_t parse_decls(const char *text, struct proto_decl *decls, size_t max)
{
    size_t n = 0;
    for (const char *p = strstr(text, "LONG WINAPI "); p; p = strstr(p, "LONG WINAPI ")) {
        const char *name = p + strlen("LONG WINAPI "), *open = strchr(name, '(');
        const char *close = strchr(open, ')'), *s = open + 1;
        struct proto_decl *d = &decls[n++];
        assert_true(n <= max);
        memset(d, 0, sizeof(*d));
        snprintf(d->name, sizeof(d->name), "%.*s", (int)(open - name), name);
        while (s < close) {
            const char *comma = memchr(s, ',', (size_t)(close - s));
            const char *end = comma ? comma : close;
            assert_true(d->nparams < 16);
            collapse(s, (size_t)(end - s), d->params[d->nparams], sizeof(d->params[0]));
            if (d->params[d->nparams][0] && strcmp(d->params[d->nparams], "void") != 0)
                d->nparams++;
            s = end + 1;
        }
        p = close;
    }
    return n;
}

/* Returns the letter a parameter's type decides alone, or 0 when only the table knows. */
static char letter_of_type(const char *param)
{
    static const char *const dword_types[] = {"DWORD ",         "HLINE ",     "HCALL ",
                                              "HLINEAPP ",      "HPHONE ",    "HAGENT ",
                                              "HAGENTSESSION ", "HPHONEAPP ", "HCALLHUB "};
    for (size_t i = 0; i < sizeof(dword_types) / sizeof(dword_types[0]); i++)
        if (strncmp(param, dword_types[i], strlen(dword_types[i])) == 0)
            return 'd';
    if (strncmp(param, "DWORD_PTR ", 10) == 0 || strncmp(param, "WPARAM ", 7) == 0)
        return 'p';
    if (strncmp(param, "HWND ", 5) == 0 || strncmp(param, "HINSTANCE ", 10) == 0 ||
        strstr(param, "CALLBACK "))
        return 'x';
    if (strncmp(param, "LPCSTR lpsz", 11) == 0)
        return 's';
    if (strncmp(param, "LPCSTR lps", 10) == 0 || strncmp(param, "LPCVOID ", 8) == 0)
        return 'b';
    if (strncmp(param, "LPH", 3) == 0)
        return 'o';
    return 0;
}

static void table_matches_tapi_h(void **state)
{
    static struct proto_decl decls[256];
    char *text = read_tapi_h();
    size_t n = parse_decls(text, decls, 256);
    (void)state;
    assert_int_equal(n, proto_function_count());
    for (size_t i = 0; i < n; i++) {
        const struct proto_function *fn = NULL;
        for (size_t k = 0; k < proto_function_count(); k++)
            if (strcmp(proto_function_at(k)->name, decls[i].name) == 0)
                fn = proto_function_at(k);
        if (!fn)
            fail_msg("%s of tapi.h has no function ID", decls[i].name);
        if (fn->nparams != decls[i].nparams)
            fail_msg("%s: signature \"%s\" for %u parameters", fn->name, fn->signature,
                     decls[i].nparams);
        for (unsigned k = 0; k < fn->nparams; k++) {
            char want = letter_of_type(decls[i].params[k]);
            if (want && want != fn->signature[k])
                fail_msg("%s parameter %u (%s): letter %c, its type says %c", fn->name, k + 1,
                         decls[i].params[k], fn->signature[k], want);
        }
    }
    free(text);
}

/* Returns the first ID of the block a function's name puts it in. */
static uint32_t block_of(const char *name)
{
    if (strncmp(name, "line", 4) == 0)
        return 1;
    if (strncmp(name, "phone", 5) == 0)
        return 1001;
    assert_int_equal(strncmp(name, "tapi", 4), 0);
    return 2001;
}

static void ids_ascend_within_blocks(void **state)
{
    (void)state;
    for (size_t i = 0; i < proto_function_count(); i++) {
        const struct proto_function *fn = proto_function_at(i);
        uint32_t base = block_of(fn->name);
        assert_true(fn->id >= base && fn->id < base + 1000);
        assert_ptr_equal(proto_function_find(fn->id), fn);
        assert_int_equal(strlen(fn->signature), fn->nparams);
        assert_true(strspn(fn->signature, "dpsbvoxDBV") == fn->nparams);
        if (i > 0)
            assert_true(proto_function_at(i - 1)->id < fn->id);
    }
    assert_null(proto_function_find(0));
    assert_null(proto_function_find(999));
    assert_null(proto_function_find(UINT32_MAX));
    assert_null(proto_function_at(proto_function_count()));
}

/* The IDs already on the wire: changing one breaks every deployed peer. */
static void ids_are_stable(void **state)
{
    (void)state;
    assert_int_equal(PROTO_FN_lineInitialize, 1);
    assert_int_equal(PROTO_FN_lineMakeCall, 28);
    assert_int_equal(PROTO_FN_lineGetCallStatus, 39);
    assert_int_equal(PROTO_FN_lineGetHubRelatedCalls, 113);
    assert_int_equal(PROTO_FN_phoneInitialize, 1001);
    assert_int_equal(PROTO_FN_phoneSetData, 1032);
    assert_int_equal(PROTO_FN_tapiGetLocationInfo, 2001);
    assert_int_equal(PROTO_FN_tapiRequestDrop, 2004);
    assert_string_equal(proto_function_find(PROTO_FN_lineMakeCall)->signature, "dosdv");
    assert_true(proto_param_is_output('o'));
    assert_true(proto_param_is_output('V'));
    assert_false(proto_param_is_output('d'));
    assert_false(proto_param_is_output('\0'));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table_matches_tapi_h),
        cmocka_unit_test(ids_ascend_within_blocks),
        cmocka_unit_test(ids_are_stable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
