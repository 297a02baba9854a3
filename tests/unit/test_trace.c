/*
 * test_trace.c — the boundary trace of libtapix: arguments written as name=value in one format
 * (handles and masks in hexadecimal, counts in decimal, pointers and strings NULL-safe, strings
 * quoted, escaped and shortened), results as request IDs or error names; and the embedded
 * backend is the one the public functions reach. (That the traces stay silent unless TAPIX_LOG
 * asks for them is checked on the demo, in tests/CMakeLists.txt.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "backend.h"
#include "embedded.h"
#include "errname.h"
#include "trace.h"

/* The traced text written so far, NUL-terminated. */
static const char *trace_text(struct trace *t)
{
    t->line[t->len] = '\0';
    return t->line;
}

static void arguments_have_one_format(void **state)
{
    (void)state;
    struct trace t;
    assert_true(trace_begin(&t, "lineMakeCall"));
    trace_hex(&t, "hLine", 0x400005);
    trace_pointer(&t, "lphCall", NULL);
    trace_string(&t, "lpszDestAddress", "102");
    trace_dec(&t, "dwCountryCode", 0);
    trace_hex(&t, "dwMediaModes", 0);
    trace_uintptr(&t, "dwCallbackInstance", 0x65);
    trace_string(&t, "lpszComment", NULL);
    assert_string_equal(trace_text(&t),
                        "lineMakeCall(hLine=0x400005, lphCall=NULL, lpszDestAddress=\"102\", "
                        "dwCountryCode=0, dwMediaModes=0, dwCallbackInstance=0x65, "
                        "lpszComment=NULL");
    assert_int_equal(trace_end(&t, 0x10005), 0x10005);
}

static void pointers_print_their_address(void **state)
{
    (void)state;
    struct trace t;
    int x;
    assert_true(trace_begin(&t, "f"));
    trace_pointer(&t, "p", &x);
    assert_true(strncmp(trace_text(&t), "f(p=0x", 6) == 0);
    trace_end(&t, 0);
}

static void strings_are_escaped_and_shortened(void **state)
{
    (void)state;
    struct trace t;
    assert_true(trace_begin(&t, "f"));
    trace_string(&t, "s", "a\"b\\c\nd");
    assert_string_equal(trace_text(&t), "f(s=\"a\\\"b\\\\c\\x0ad\"");
    trace_end(&t, 0);

    char long_string[400];
    memset(long_string, 'x', sizeof(long_string) - 1);
    long_string[sizeof(long_string) - 1] = '\0';
    assert_true(trace_begin(&t, "f"));
    trace_string(&t, "s", long_string);
    const char *text = trace_text(&t);
    assert_true(strlen(text) < 200);
    assert_string_equal(text + strlen(text) - 4, "\"...");
    trace_end(&t, 0);
}

static void a_full_line_stays_bounded(void **state)
{
    (void)state;
    struct trace t;
    char long_string[400];
    memset(long_string, 'y', sizeof(long_string) - 1);
    long_string[sizeof(long_string) - 1] = '\0';
    assert_true(trace_begin(&t, "f"));
    for (int i = 0; i < 40; i++)
        trace_string(&t, "s", long_string);
    assert_true(t.len < sizeof(t.line));
    assert_int_equal(strlen(trace_text(&t)), t.len);
    assert_int_equal(trace_end(&t, LINEERR_NOMEM), LINEERR_NOMEM);
}

static void error_codes_have_names(void **state)
{
    (void)state;
    assert_string_equal(errname_of(LINEERR_INVALLINEHANDLE), "LINEERR_INVALLINEHANDLE");
    assert_string_equal(errname_of(LINEERR_SERVICE_NOT_RUNNING), "LINEERR_SERVICE_NOT_RUNNING");
    assert_string_equal(errname_of(PHONEERR_INVALPHONEHANDLE), "PHONEERR_INVALPHONEHANDLE");
    assert_string_equal(errname_of(TAPIERR_NOREQUESTRECIPIENT), "TAPIERR_NOREQUESTRECIPIENT");
    assert_null(errname_of(0));
    assert_null(errname_of(0x10005));
    assert_null(errname_of((LONG)0x8000FFFF));
}

static void the_embedded_core_is_the_backend(void **state)
{
    (void)state;
    const struct tapix_backend *backend = tapix_backend_current();
    assert_ptr_equal(backend, &tapix_embedded_backend);
    /* Every member is set, to the core's implementation of that function. */
#define SAME_AS_CORE(name) assert_true(backend->name == core_##name);
    TAPI_FUNCTIONS(SAME_AS_CORE)
#undef SAME_AS_CORE
}

int main(void)
{
    setenv("TAPIX_LOG", "debug", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arguments_have_one_format),
        cmocka_unit_test(pointers_print_their_address),
        cmocka_unit_test(strings_are_escaped_and_shortened),
        cmocka_unit_test(a_full_line_stays_bounded),
        cmocka_unit_test(error_codes_have_names),
        cmocka_unit_test(the_embedded_core_is_the_backend),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
