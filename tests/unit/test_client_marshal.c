/*
 * test_client_marshal.c — the client backend's marshalling without a server: every function of
 * the protocol's table, with every kind of parameter its signature has, goes through
 * client_marshal_call, the encoder and the decoder and arrives with the values it left with;
 * made-up outputs of every kind go back through the encoder, the decoder and
 * client_marshal_outs into the application's memory; and the outputs of asynchronous requests
 * and of lineGatherDigits wait for their Events.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "decode.h"
#include "encode.h"

#define BUF      4096
#define VTOTAL   64
#define NCOUNT   3
#define OUT_MARK 0x5A

/* One function's arguments, as an application would pass them. */
struct fixture {
    const struct proto_function *row;
    const struct client_fn *fn;
    union client_arg a[PROTO_MAX_VALUES];
    unsigned char *mem[PROTO_MAX_VALUES];
};

/* Fills the arguments of `f` by its signature: DWORDs (sizes and counts among them) NCOUNT,
 * strings "abc", structures with dwTotalSize VTOTAL, every other pointer a zeroed buffer. */
static void fixture_fill(struct fixture *f, bool nulls)
{
    for (unsigned i = 0; i < f->row->nparams; i++) {
        char letter = f->row->signature[i];
        f->mem[i] = NULL;
        if (letter == 'd') {
            f->a[i].d = NCOUNT;
            continue;
        }
        if (letter == 'p') {
            f->a[i].p = 0x100000000ull + i;
            continue;
        }
        if (letter == 'x' || nulls) {
            f->a[i].ptr = NULL;
            continue;
        }
        f->mem[i] = calloc(1, BUF);
        assert_non_null(f->mem[i]);
        if (letter == 's')
            strcpy((char *)f->mem[i], "abc");
        if (strchr("vV", letter) || (letter == 'o' && f->fn->outs[i] == 'v')) {
            DWORD total = VTOTAL;
            memcpy(f->mem[i], &total, sizeof(total));
        }
        if (strchr("bBD", letter))
            memset(f->mem[i] + (letter == 'D' ? 0 : 4), 0x11 * (int)(i + 1), 4);
        f->a[i].ptr = f->mem[i];
    }
}

static void fixture_free(struct fixture *f)
{
    for (unsigned i = 0; i < f->row->nparams; i++)
        free(f->mem[i]);
}

/* Encodes `msg` and decodes it again; returns the decoded message (the caller frees it). */
static struct proto_msg *round_trip(const struct proto_msg *msg)
{
    struct proto_buf buf = {0};
    struct proto_error err;
    struct proto_msg *back = NULL;
    assert_int_equal(proto_encode(&buf, msg, &err), PROTO_OK);
    assert_true(buf.len > PROTO_FRAME_HEADER);
    assert_int_equal(
        proto_decode(buf.data + PROTO_FRAME_HEADER, buf.len - PROTO_FRAME_HEADER, &back, &err),
        PROTO_OK);
    proto_buf_release(&buf);
    return back;
}

/* Checks that decoded argument `got` carries what argument `i` of `f` holds. */
static void check_arg(const struct fixture *f, unsigned i, const struct proto_value *sent,
                      const struct proto_value *got)
{
    char letter = f->row->signature[i];
    assert_int_equal(got->kind, sent->kind);
    switch (got->kind) {
    case PROTO_V_DWORD:
        assert_int_equal(got->dword, letter == 'd' ? f->a[i].d : *(DWORD *)f->mem[i]);
        break;
    case PROTO_V_DWORD_PTR:
        assert_int_equal(got->dword_ptr, f->a[i].p);
        break;
    case PROTO_V_STRING:
        assert_string_equal((const char *)got->data.data, "abc");
        break;
    case PROTO_V_BLOB:
    case PROTO_V_VARSTRUCT:
        assert_int_equal(got->data.len, sent->data.len);
        assert_memory_equal(got->data.data, f->mem[i], got->data.len);
        if (got->kind == PROTO_V_VARSTRUCT)
            assert_int_equal(got->data.len, VTOTAL);
        break;
    case PROTO_V_OUT:
        assert_int_equal(got->out_size, sent->out_size);
        if (f->fn->outs[i] == 'v')
            assert_int_equal(got->out_size, VTOTAL);
        if (f->fn->outs[i] == 'w')
            assert_int_equal(got->out_size, sizeof(DWORD));
        break;
    default:
        assert_int_equal(got->kind, PROTO_V_ABSENT);
    }
}

/* Output value `k` answering argument `arg` of kind `kind`: patterned, half the room. */
static void make_out(struct proto_value *out, const struct proto_value *arg, char kind,
                     unsigned char *scratch)
{
    size_t room = arg->kind == PROTO_V_OUT     ? arg->out_size
                  : arg->kind == PROTO_V_DWORD ? 4
                                               : arg->data.len;
    if (kind == 'w' || arg->kind == PROTO_V_DWORD) {
        out->kind = PROTO_V_DWORD;
        out->dword = 0xA5A50000u + (uint32_t)room;
        return;
    }
    if (kind == 'q') {
        out->kind = PROTO_V_DWORD_PTR;
        out->dword_ptr = 0x1234567890ull;
        return;
    }
    size_t len = kind == 'v' ? room / 2 : room;
    memset(scratch, OUT_MARK, len);
    if (kind == 'v') {
        DWORD total = (DWORD)len;
        memcpy(scratch, &total, sizeof(total));
    }
    out->kind = kind == 'v' ? PROTO_V_VARSTRUCT : PROTO_V_BLOB;
    out->data.data = scratch;
    out->data.len = len;
}

/* Checks that output `out` landed in argument `i`'s memory (dwTotalSize kept for structures). */
static void check_out(const struct fixture *f, unsigned i, const struct proto_value *out)
{
    DWORD total;
    switch (out->kind) {
    case PROTO_V_DWORD:
        assert_memory_equal(f->mem[i], &out->dword, 4);
        break;
    case PROTO_V_DWORD_PTR:
        assert_memory_equal(f->mem[i], &out->dword_ptr, 8);
        break;
    case PROTO_V_VARSTRUCT:
        memcpy(&total, f->mem[i], sizeof(total));
        assert_int_equal(total, VTOTAL);
        assert_memory_equal(f->mem[i] + 4, out->data.data + 4, out->data.len - 4);
        break;
    default:
        if (out->data.len)
            assert_memory_equal(f->mem[i], out->data.data, out->data.len);
    }
}

/* Sends made-up outputs of `f`'s Call `call` back as a Result and checks where they land. */
static void outputs_round_trip(struct fixture *f, const struct proto_call *call,
                               const struct client_outs *keep)
{
    static unsigned char scratch[PROTO_MAX_VALUES][BUF];
    struct proto_msg res = {.type = PROTO_RESULT};
    struct proto_error err;
    res.result.seq = 1;
    for (unsigned i = 0; i < f->row->nparams; i++)
        if (proto_param_is_output(f->row->signature[i]))
            make_out(&res.result.outs.v[res.result.outs.n++], &call->args.v[i], f->fn->outs[i],
                     scratch[i]);
    if (res.result.outs.n == 0)
        return;
    struct proto_msg *back = round_trip(&res);
    assert_int_equal(client_marshal_outs(f->fn, call, keep, &back->result.outs, &err), PROTO_OK);
    for (unsigned i = 0, k = 0; i < f->row->nparams; i++)
        if (proto_param_is_output(f->row->signature[i]))
            check_out(f, i, &back->result.outs.v[k++]);
    proto_msg_free(back);
}

/* Every function: its arguments through the encoder and decoder, its outputs back. */
static void test_every_function(void **state)
{
    unsigned tested = 0;
    for (size_t n = 0; n < proto_function_count(); n++) {
        struct fixture f = {.row = proto_function_at(n)};
        f.fn = client_fn_find(f.row->id);
        if (!f.fn)
            continue; /* answered locally */
        struct proto_msg msg = {.type = PROTO_CALL};
        struct client_outs keep;
        fixture_fill(&f, false);
        assert_int_equal(client_marshal_call(f.fn, f.a, &msg.call, &keep), 0);
        msg.call.seq = 7;
        struct proto_msg *back = round_trip(&msg);
        assert_int_equal(back->call.function, f.row->id);
        assert_int_equal(back->call.args.n, f.row->nparams);
        for (unsigned i = 0; i < f.row->nparams; i++)
            check_arg(&f, i, &msg.call.args.v[i], &back->call.args.v[i]);
        outputs_round_trip(&f, &back->call, &keep);
        proto_msg_free(back);
        fixture_free(&f);
        tested++;
    }
    assert_true(tested > 130);
}

/* NULL pointers travel as absent, and an output for one is refused. */
static void test_null_pointers(void **state)
{
    struct fixture f = {.row = proto_function_find(PROTO_FN_lineGetDevCaps)};
    struct proto_call call;
    struct client_outs keep;
    struct proto_values outs = {.n = 1};
    struct proto_error err;
    f.fn = client_fn_find(PROTO_FN_lineGetDevCaps);
    fixture_fill(&f, true);
    assert_int_equal(client_marshal_call(f.fn, f.a, &call, &keep), 0);
    assert_int_equal(call.args.v[4].kind, PROTO_V_ABSENT);
    outs.v[0].kind = PROTO_V_DWORD;
    assert_int_equal(client_marshal_outs(f.fn, &call, &keep, &outs, &err), PROTO_E_VALUE_KIND);
}

/* Outputs larger than the room offered are refused and nothing is written. */
static void test_oversized_output(void **state)
{
    struct fixture f = {.row = proto_function_find(PROTO_FN_lineGetDevCaps)};
    struct proto_call call;
    struct client_outs keep;
    struct proto_values outs = {.n = 1};
    struct proto_error err;
    unsigned char big[VTOTAL * 2];
    DWORD total = sizeof(big);
    f.fn = client_fn_find(PROTO_FN_lineGetDevCaps);
    fixture_fill(&f, false);
    assert_int_equal(client_marshal_call(f.fn, f.a, &call, &keep), 0);
    memset(big, OUT_MARK, sizeof(big));
    memcpy(big, &total, sizeof(total));
    outs.v[0].kind = PROTO_V_VARSTRUCT;
    outs.v[0].data.data = big;
    outs.v[0].data.len = sizeof(big);
    assert_int_equal(client_marshal_outs(f.fn, &call, &keep, &outs, &err), PROTO_E_TOO_LARGE);
    assert_int_equal(f.mem[4][8], 0);
    fixture_free(&f);
}

/* A structure whose dwTotalSize cannot hold itself; a string that is not UTF-8. */
static void test_refused_inputs(void **state)
{
    struct fixture f = {.row = proto_function_find(PROTO_FN_lineMakeCall)};
    struct proto_msg msg = {.type = PROTO_CALL};
    struct client_outs keep;
    struct proto_buf buf = {0};
    DWORD tiny = 2;
    f.fn = client_fn_find(PROTO_FN_lineMakeCall);
    fixture_fill(&f, false);
    memcpy(f.mem[4], &tiny, sizeof(tiny));
    assert_int_equal(client_marshal_call(f.fn, f.a, &msg.call, &keep), LINEERR_STRUCTURETOOSMALL);
    tiny = VTOTAL;
    memcpy(f.mem[4], &tiny, sizeof(tiny));
    strcpy((char *)f.mem[2], "\xff\xfe");
    assert_int_equal(client_marshal_call(f.fn, f.a, &msg.call, &keep), 0);
    msg.call.seq = 1;
    assert_int_equal(proto_encode(&buf, &msg, NULL), PROTO_E_BAD_UTF8);
    proto_buf_release(&buf);
    fixture_free(&f);
}

/* lineMakeCall's HCALL waits for the LINE_REPLY that carries it; lineGatherDigits' digits for
 * their LINE_GATHERDIGITS. */
static void test_async_outputs(void **state)
{
    struct client_conn conn = {.fd = -1};
    struct client_wait w = {.conn = &conn};
    struct proto_event ev = {.device = PROTO_DEVICE_LINE, .message_id = LINE_REPLY};
    struct client_app *hint = NULL;
    HCALL hcall = 0;
    char digits[8] = {0};
    union client_arg a[7] = {{.d = 0x10002},
                             {.ptr = &hcall},
                             {.ptr = (void *)(uintptr_t) "102"},
                             {.d = 0},
                             {.ptr = NULL}};
    w.fn = client_fn_find(PROTO_FN_lineMakeCall);
    w.a = a;
    assert_int_equal(client_marshal_call(w.fn, a, &w.call, &w.keep), 0);
    w.result = 0x44;
    client_async_after(&conn, &w);
    ev.param1 = 0x44;
    ev.outs.n = 1;
    ev.outs.v[0].kind = PROTO_V_DWORD;
    ev.outs.v[0].dword = 0x10009;
    assert_int_equal(client_async_event(&conn, &ev, &hint), 0);
    assert_int_equal(hcall, 0x10009);
    assert_null(conn.asyncs);

    union client_arg g[7] = {
        {.d = 0x10009}, {.d = 0}, {.ptr = digits}, {.d = 4}, {.ptr = (void *)(uintptr_t) "#"},
        {.d = 0},       {.d = 0}};
    w.fn = client_fn_find(PROTO_FN_lineGatherDigits);
    w.a = g;
    assert_int_equal(client_marshal_call(w.fn, g, &w.call, &w.keep), 0);
    assert_int_equal(w.call.args.v[2].out_size, 4);
    w.result = 0;
    client_async_after(&conn, &w);
    ev.message_id = LINE_GATHERDIGITS;
    ev.h_device = 0x10009;
    ev.outs.v[0].kind = PROTO_V_BLOB;
    ev.outs.v[0].data.data = (const uint8_t *)"1234";
    ev.outs.v[0].data.len = 4;
    assert_int_equal(client_async_event(&conn, &ev, &hint), 0);
    assert_memory_equal(digits, "1234", 4);
    assert_null(conn.gathers);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_function),   cmocka_unit_test(test_null_pointers),
        cmocka_unit_test(test_oversized_output), cmocka_unit_test(test_refused_inputs),
        cmocka_unit_test(test_async_outputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
