/*
 * test_proto_outs.c — a Result's or reply Event's outputs checked against the Call they answer
 * (proto_check_outs, src/proto/msg.h): none at all, or one per output parameter, each absent
 * or of a fitting kind and no larger than the room the Call offered.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "functions.h"
#include "msg.h"

static struct proto_value val(enum proto_kind kind, uint32_t x, const void *p, size_t len)
{
    struct proto_value v = {.kind = kind};
    if (kind == PROTO_V_DWORD)
        v.dword = x;
    else if (kind == PROTO_V_OUT)
        v.out_size = x;
    else if (kind == PROTO_V_DWORD_PTR)
        v.dword_ptr = x;
    else
        v.data = (struct proto_bytes){p, len};
    return v;
}

/* lineGetCallStatus(hCall, out(size)): one output. */
static struct proto_call get_call_status(uint32_t size)
{
    struct proto_call c = {.seq = 1, .function = PROTO_FN_lineGetCallStatus};
    c.args.n = 2;
    c.args.v[0] = val(PROTO_V_DWORD, 7, NULL, 0);
    c.args.v[1] = val(PROTO_V_OUT, size, NULL, 0);
    return c;
}

static void expect(const struct proto_call *c, const struct proto_values *outs, enum proto_err code,
                   const char *text)
{
    struct proto_error err = {0};
    assert_int_equal(proto_check_outs(c, outs, &err), code);
    if (code != PROTO_OK)
        assert_string_equal(err.text, text);
}

static void outputs_that_fit(void **state)
{
    static const uint8_t status[36] = {36};
    struct proto_call c = get_call_status(64);
    struct proto_values outs = {0};
    (void)state;
    expect(&c, &outs, PROTO_OK, NULL); /* nothing written */
    outs.n = 1;
    outs.v[0] = val(PROTO_V_VARSTRUCT, 0, status, sizeof(status));
    expect(&c, &outs, PROTO_OK, NULL);
    outs.v[0] = val(PROTO_V_ABSENT, 0, NULL, 0);
    expect(&c, &outs, PROTO_OK, NULL);
}

static void wrong_number_of_outputs(void **state)
{
    struct proto_call c = get_call_status(64);
    struct proto_values outs = {0};
    (void)state;
    outs.n = 2;
    outs.v[0] = val(PROTO_V_DWORD, 1, NULL, 0);
    outs.v[1] = val(PROTO_V_DWORD, 2, NULL, 0);
    expect(&c, &outs, PROTO_E_ARG_COUNT, "lineGetCallStatus: 2 outputs, expected 1");
}

static void more_than_offered(void **state)
{
    static const uint8_t status[36] = {36};
    struct proto_call c = get_call_status(24);
    struct proto_values outs = {.n = 1};
    (void)state;
    outs.v[0] = val(PROTO_V_VARSTRUCT, 0, status, sizeof(status));
    expect(&c, &outs, PROTO_E_TOO_LARGE, "lineGetCallStatus output 1: 36 bytes, 24 offered");
}

static void output_for_a_null_pointer(void **state)
{
    struct proto_call c = get_call_status(24);
    struct proto_values outs = {.n = 1};
    (void)state;
    c.args.v[1] = val(PROTO_V_ABSENT, 0, NULL, 0);
    outs.v[0] = val(PROTO_V_DWORD, 1, NULL, 0);
    expect(&c, &outs, PROTO_E_VALUE_KIND, "lineGetCallStatus output 1: dword for a NULL pointer");
}

/* lineInitializeEx "oxxsoDV": four outputs; the in-out ones keep their kinds. */
static void in_out_parameters(void **state)
{
    static const uint8_t params[24] = {24};
    struct proto_call c = {.seq = 2, .function = PROTO_FN_lineInitializeEx};
    struct proto_values outs = {.n = 4};
    (void)state;
    c.args.n = 7;
    c.args.v[0] = val(PROTO_V_OUT, 4, NULL, 0);
    c.args.v[1] = val(PROTO_V_ABSENT, 0, NULL, 0);
    c.args.v[2] = val(PROTO_V_ABSENT, 0, NULL, 0);
    c.args.v[3] = val(PROTO_V_STRING, 0, "app", 3);
    c.args.v[4] = val(PROTO_V_OUT, 4, NULL, 0);
    c.args.v[5] = val(PROTO_V_DWORD, 0x00020002, NULL, 0);
    c.args.v[6] = val(PROTO_V_VARSTRUCT, 0, params, sizeof(params));
    outs.v[0] = val(PROTO_V_DWORD, 0x10001, NULL, 0);
    outs.v[1] = val(PROTO_V_DWORD, 3, NULL, 0);
    outs.v[2] = val(PROTO_V_DWORD, 0x00020002, NULL, 0);
    outs.v[3] = val(PROTO_V_VARSTRUCT, 0, params, 16);
    expect(&c, &outs, PROTO_OK, NULL);
    outs.v[2] = val(PROTO_V_BLOB, 0, "abcd", 4);
    expect(&c, &outs, PROTO_E_VALUE_KIND, "lineInitializeEx output 3: blob where dword was passed");
    outs.v[2] = val(PROTO_V_DWORD, 1, NULL, 0);
    outs.v[3] = val(PROTO_V_VARSTRUCT, 0, params, 32);
    expect(&c, &outs, PROTO_E_TOO_LARGE, "lineInitializeEx output 4: 32 bytes, 24 offered");
}

static void pointer_sized_output_needs_room(void **state)
{
    struct proto_call c = get_call_status(4);
    struct proto_values outs = {.n = 1};
    (void)state;
    outs.v[0] = val(PROTO_V_DWORD_PTR, 1, NULL, 0);
    expect(&c, &outs, PROTO_E_TOO_LARGE, "lineGetCallStatus output 1: 8 bytes, 4 offered");
    c.function = 0;
    expect(&c, &outs, PROTO_E_UNKNOWN_FUNCTION, "unknown function ID 0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(outputs_that_fit),  cmocka_unit_test(wrong_number_of_outputs),
        cmocka_unit_test(more_than_offered), cmocka_unit_test(output_for_a_null_pointer),
        cmocka_unit_test(in_out_parameters), cmocka_unit_test(pointer_sized_output_needs_room),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
