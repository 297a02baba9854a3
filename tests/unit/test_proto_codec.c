/*
 * test_proto_codec.c — the client protocol's encoder and strict decoder (src/proto/encode.h,
 * decode.h): every frame type through encode → frame reader → decode and back to what went
 * in; then each class of malformed payload, written byte by byte with a small protobuf writer
 * of our own (so the test does not trust the encoder), refused with its exact error; then the
 * limits, on the decoder's side and the encoder's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "encode.h"
#include "frame.h"
#include "functions.h"

/* ---- values and messages ---------------------------------------------------------------- */

static struct proto_value v_dword(uint32_t x)
{
    struct proto_value v = {.kind = PROTO_V_DWORD, .dword = x};
    return v;
}

static struct proto_value v_ptr(uint64_t x)
{
    struct proto_value v = {.kind = PROTO_V_DWORD_PTR, .dword_ptr = x};
    return v;
}

static struct proto_value v_bytes(enum proto_kind kind, const void *data, size_t len)
{
    struct proto_value v = {.kind = kind, .data = {data, len}};
    return v;
}

static struct proto_value v_string(const char *s)
{
    return v_bytes(PROTO_V_STRING, s, strlen(s));
}

static struct proto_value v_absent(void)
{
    struct proto_value v = {.kind = PROTO_V_ABSENT};
    return v;
}

static struct proto_value v_out(uint32_t size)
{
    struct proto_value v = {.kind = PROTO_V_OUT, .out_size = size};
    return v;
}

static struct proto_bytes text(const char *s)
{
    struct proto_bytes b = {(const uint8_t *)s, strlen(s)};
    return b;
}

static void assert_bytes_equal(const struct proto_bytes *a, const struct proto_bytes *b)
{
    assert_int_equal(a->len, b->len);
    if (a->len)
        assert_memory_equal(a->data, b->data, a->len);
}

static void assert_values_equal(const struct proto_values *a, const struct proto_values *b)
{
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        const struct proto_value *x = &a->v[i], *y = &b->v[i];
        assert_int_equal(x->kind, y->kind);
        switch (x->kind) {
        case PROTO_V_DWORD:
            assert_int_equal(x->dword, y->dword);
            break;
        case PROTO_V_DWORD_PTR:
            assert_int_equal(x->dword_ptr, y->dword_ptr);
            break;
        case PROTO_V_OUT:
            assert_int_equal(x->out_size, y->out_size);
            break;
        case PROTO_V_STRING:
            assert_int_equal(y->data.data[y->data.len], 0); /* decoded strings end in NUL */
            /* fall through */
        case PROTO_V_BLOB:
        case PROTO_V_VARSTRUCT:
            assert_bytes_equal(&x->data, &y->data);
            break;
        default:
            break;
        }
    }
}

static void assert_msg_equal(const struct proto_msg *a, const struct proto_msg *b)
{
    assert_int_equal(a->type, b->type);
    switch (a->type) {
    case PROTO_HELLO:
        assert_int_equal(a->hello.min_version, b->hello.min_version);
        assert_int_equal(a->hello.max_version, b->hello.max_version);
        assert_int_equal(a->hello.pid, b->hello.pid);
        assert_bytes_equal(&a->hello.app_name, &b->hello.app_name);
        assert_bytes_equal(&a->hello.abi, &b->hello.abi);
        break;
    case PROTO_WELCOME:
        assert_int_equal(a->welcome.version, b->welcome.version);
        assert_int_equal(a->welcome.max_frame, b->welcome.max_frame);
        assert_int_equal(a->welcome.api_version, b->welcome.api_version);
        assert_int_equal(a->welcome.flags, b->welcome.flags);
        assert_int_equal(a->welcome.n_functions, b->welcome.n_functions);
        assert_memory_equal(a->welcome.functions, b->welcome.functions,
                            a->welcome.n_functions * sizeof(uint32_t));
        assert_bytes_equal(&a->welcome.server_name, &b->welcome.server_name);
        assert_bytes_equal(&a->welcome.abi, &b->welcome.abi);
        break;
    case PROTO_CALL:
        assert_int_equal(a->call.seq, b->call.seq);
        assert_int_equal(a->call.function, b->call.function);
        assert_values_equal(&a->call.args, &b->call.args);
        break;
    case PROTO_RESULT:
        assert_int_equal(a->result.seq, b->result.seq);
        assert_int_equal(a->result.result, b->result.result);
        assert_values_equal(&a->result.outs, &b->result.outs);
        break;
    case PROTO_EVENT:
        assert_int_equal(a->event.device, b->event.device);
        assert_int_equal(a->event.h_device, b->event.h_device);
        assert_int_equal(a->event.message_id, b->event.message_id);
        assert_int_equal(a->event.callback_instance, b->event.callback_instance);
        assert_int_equal(a->event.param1, b->event.param1);
        assert_int_equal(a->event.param2, b->event.param2);
        assert_int_equal(a->event.param3, b->event.param3);
        assert_values_equal(&a->event.outs, &b->event.outs);
        break;
    case PROTO_BYE:
        assert_int_equal(a->bye.reason, b->bye.reason);
        assert_bytes_equal(&a->bye.message, &b->bye.message);
        break;
    }
}

/* Encodes `msg`, reads the frame back one byte at a time, decodes it and compares. */
static void round_trip(const struct proto_msg *msg)
{
    struct proto_buf buf = {0};
    struct proto_reader r;
    struct proto_frame f = {0};
    struct proto_msg *out = NULL;
    struct proto_error err = {0};
    int got = 0;
    if (proto_encode(&buf, msg, &err) != PROTO_OK)
        fail_msg("encode: %s", err.text);
    proto_reader_init(&r);
    for (size_t off = 0; off < buf.len; off++) {
        size_t used;
        int rc = proto_reader_feed(&r, buf.data + off, 1, &used, &f, NULL);
        assert_int_equal(used, 1);
        got += rc;
        assert_int_equal(rc, off + 1 == buf.len ? 1 : 0);
    }
    assert_int_equal(got, 1);
    if (proto_decode(f.data, f.len, &out, &err) != PROTO_OK)
        fail_msg("decode: %s", err.text);
    assert_msg_equal(msg, out);
    proto_msg_free(out);
    proto_reader_release(&r);
    proto_buf_release(&buf);
}

/* A var-size structure of `len` bytes whose dwTotalSize says `total`. */
static uint8_t *varstruct(size_t len, uint32_t total)
{
    uint8_t *p = calloc(1, len < 4 ? 4 : len);
    assert_non_null(p);
    p[0] = (uint8_t)total;
    p[1] = (uint8_t)(total >> 8);
    p[2] = (uint8_t)(total >> 16);
    p[3] = (uint8_t)(total >> 24);
    for (size_t i = 4; i < len; i++)
        p[i] = (uint8_t)(i * 7);
    return p;
}

/* ---- round trips ------------------------------------------------------------------------- */

static void hello_round_trip(void **state)
{
    struct proto_msg m = {.type = PROTO_HELLO};
    (void)state;
    m.hello.min_version = 1;
    m.hello.max_version = 3;
    m.hello.app_name = text("dialer \xe2\x98\x8e");
    m.hello.pid = 4242;
    m.hello.abi = text(PROTO_ABI);
    round_trip(&m);
}

static void welcome_round_trip(void **state)
{
    uint32_t ids[512];
    struct proto_msg m = {.type = PROTO_WELCOME};
    (void)state;
    for (size_t i = 0; i < proto_function_count(); i++)
        ids[i] = proto_function_at(i)->id;
    m.welcome.version = 1;
    m.welcome.max_frame = PROTO_MAX_FRAME;
    m.welcome.api_version = 0x00020002;
    m.welcome.functions = ids;
    m.welcome.n_functions = proto_function_count();
    m.welcome.server_name = text("tapixd on pbx-1");
    m.welcome.abi = text(PROTO_ABI);
    round_trip(&m);
}

static void call_round_trip(void **state)
{
    uint8_t *params = varstruct(120, 120);
    uint8_t *init = varstruct(24, 24);
    struct proto_msg m = {.type = PROTO_CALL};
    (void)state;
    m.call.seq = 1;
    m.call.function = PROTO_FN_lineMakeCall;
    m.call.args.n = 5;
    m.call.args.v[0] = v_dword(0x10002);
    m.call.args.v[1] = v_out(4);
    m.call.args.v[2] = v_string("+1 (555) 0100");
    m.call.args.v[3] = v_dword(0);
    m.call.args.v[4] = v_bytes(PROTO_V_VARSTRUCT, params, 120);
    round_trip(&m);

    /* Every in/out letter: "oxxsoDV". */
    m.call.seq = UINT32_MAX;
    m.call.function = PROTO_FN_lineInitializeEx;
    m.call.args.n = 7;
    m.call.args.v[0] = v_out(4);
    m.call.args.v[1] = v_absent();
    m.call.args.v[2] = v_absent();
    m.call.args.v[3] = v_string("");
    m.call.args.v[4] = v_out(0);
    m.call.args.v[5] = v_dword(0x00020002);
    m.call.args.v[6] = v_bytes(PROTO_V_VARSTRUCT, init, 24);
    round_trip(&m);

    /* "xpsbddssss": a DWORD_PTR at its widest, a sized buffer, strings left out. */
    m.call.function = PROTO_FN_tapiRequestMediaCall;
    m.call.args.n = 10;
    m.call.args.v[0] = v_absent();
    m.call.args.v[1] = v_ptr(UINT64_MAX);
    m.call.args.v[2] = v_string("wave/in");
    m.call.args.v[3] = v_bytes(PROTO_V_BLOB, "\0\1\2\3", 4);
    m.call.args.v[4] = v_dword(4);
    m.call.args.v[5] = v_dword(1);
    for (int i = 6; i < 10; i++)
        m.call.args.v[i] = v_absent();
    round_trip(&m);

    /* An empty blob, and a string left out. */
    m.call.function = PROTO_FN_lineSetAppPriority;
    m.call.args.n = 6;
    m.call.args.v[0] = v_string("fax.exe");
    m.call.args.v[1] = v_dword(4);
    m.call.args.v[2] = v_bytes(PROTO_V_BLOB, "", 0);
    m.call.args.v[3] = v_dword(1);
    m.call.args.v[4] = v_absent();
    m.call.args.v[5] = v_dword(1);
    round_trip(&m);
    free(params);
    free(init);
}

static void result_round_trip(void **state)
{
    uint8_t *status = varstruct(64, 64);
    struct proto_msg m = {.type = PROTO_RESULT};
    (void)state;
    m.result.seq = 7;
    m.result.result = (int32_t)0x80000035; /* LINEERR_STRUCTURETOOSMALL */
    round_trip(&m);
    m.result.result = 0;
    m.result.outs.n = 5;
    m.result.outs.v[0] = v_dword(0xDEADBEEF);
    m.result.outs.v[1] = v_bytes(PROTO_V_VARSTRUCT, status, 64);
    m.result.outs.v[2] = v_bytes(PROTO_V_BLOB, "CH\0", 3);
    m.result.outs.v[3] = v_absent();
    m.result.outs.v[4] = v_ptr(0x123456789ULL);
    round_trip(&m);
    m.result.result = 0x7FFFFFFF; /* a request ID */
    m.result.outs.n = 0;
    round_trip(&m);
    free(status);
}

static void event_round_trip(void **state)
{
    struct proto_msg m = {.type = PROTO_EVENT};
    (void)state;
    /* LINE_REPLY of lineSetupConference: the two new calls. */
    m.event.device = PROTO_DEVICE_LINE;
    m.event.h_device = 0;
    m.event.message_id = 12;
    m.event.callback_instance = UINT64_MAX;
    m.event.param1 = 0x7FFFFFFF;
    m.event.param2 = 0;
    m.event.outs.n = 2;
    m.event.outs.v[0] = v_dword(0x10005);
    m.event.outs.v[1] = v_dword(0x10006);
    round_trip(&m);
    /* LINE_GATHERDIGITS: the digits. */
    m.event.message_id = 25;
    m.event.outs.n = 1;
    m.event.outs.v[0] = v_bytes(PROTO_V_BLOB, "123#", 4);
    round_trip(&m);
    /* A PHONE_BUTTON, no extra. */
    m.event.device = PROTO_DEVICE_PHONE;
    m.event.h_device = 0x20001;
    m.event.message_id = 14;
    m.event.param1 = 3;
    m.event.param2 = 1;
    m.event.param3 = 2;
    m.event.outs.n = 0;
    round_trip(&m);
}

static void bye_round_trip(void **state)
{
    struct proto_msg m = {.type = PROTO_BYE};
    (void)state;
    m.bye.reason = PROTO_BYE_SHUTDOWN;
    m.bye.message = text("tapixd stopping");
    round_trip(&m);
    m.bye.reason = PROTO_BYE_NORMAL;
    m.bye.message = text("");
    round_trip(&m);
}

/* ---- a protobuf writer of our own, for malformed payloads -------------------------------- */

struct pbw {
    uint8_t *d;
    size_t n, cap;
};

static void pbw_raw(struct pbw *w, const void *p, size_t len)
{
    if (w->n + len > w->cap) {
        w->cap = (w->n + len) * 2 + 64;
        w->d = realloc(w->d, w->cap);
        assert_non_null(w->d);
    }
    if (len)
        memcpy(w->d + w->n, p, len);
    w->n += len;
}

static void pbw_varint(struct pbw *w, uint64_t v)
{
    uint8_t b[10];
    size_t n = 0;
    do {
        b[n++] = (uint8_t)((v & 0x7F) | (v > 0x7F ? 0x80 : 0));
        v >>= 7;
    } while (v);
    pbw_raw(w, b, n);
}

static void pbw_uint(struct pbw *w, unsigned field, uint64_t v)
{
    pbw_varint(w, (uint64_t)field << 3);
    pbw_varint(w, v);
}

static void pbw_bytes(struct pbw *w, unsigned field, const void *p, size_t len)
{
    pbw_varint(w, (uint64_t)field << 3 | 2);
    pbw_varint(w, len);
    pbw_raw(w, p, len);
}

/* Appends `inner` as field `field` and frees it. */
static void pbw_msg(struct pbw *w, unsigned field, struct pbw *inner)
{
    pbw_bytes(w, field, inner->d, inner->n);
    free(inner->d);
    memset(inner, 0, sizeof(*inner));
}

/* Value encodings by field: 1 dword, 2 dword_ptr, 3 string, 4 absent, 5 blob, 6 varstruct,
 * 7 out. */
static struct pbw val_uint(unsigned field, uint64_t x)
{
    struct pbw w = {0};
    pbw_uint(&w, field, x);
    return w;
}

static struct pbw val_bytes(unsigned field, const void *p, size_t len)
{
    struct pbw w = {0};
    pbw_bytes(&w, field, p, len);
    return w;
}

/* A Frame holding a Call of `n` values (consumed). */
static struct pbw call_payload(uint32_t seq, uint32_t function, struct pbw *values, size_t n)
{
    struct pbw call = {0}, frame = {0};
    pbw_uint(&call, 1, seq);
    pbw_uint(&call, 2, function);
    for (size_t i = 0; i < n; i++)
        pbw_msg(&call, 3, &values[i]);
    pbw_msg(&frame, 3, &call);
    return frame;
}

/* Decodes `w` (freed), expecting error `code` with message `text`. */
static void expect_error(struct pbw *w, enum proto_err code, const char *message)
{
    struct proto_msg *out = (struct proto_msg *)w; /* any non-NULL value */
    struct proto_error err = {0};
    enum proto_err rc = proto_decode(w->d, w->n, &out, &err);
    if (rc != code)
        fail_msg("expected %s, got %s: %s", proto_err_name(code), proto_err_name(rc), err.text);
    assert_int_equal(err.code, code);
    assert_string_equal(err.text, message);
    assert_null(out);
    free(w->d);
    memset(w, 0, sizeof(*w));
}

/* Decodes a Call of lineDial (hCall, lpszDestAddress, dwCountryCode) with `s` as its string. */
static void expect_dial_string_error(const char *s, size_t len, enum proto_err code,
                                     const char *message)
{
    struct pbw v[3] = {val_uint(1, 5), val_bytes(3, s, len), val_uint(1, 0)};
    struct pbw w = call_payload(1, PROTO_FN_lineDial, v, 3);
    expect_error(&w, code, message);
}

/* ---- malformed payloads ------------------------------------------------------------------ */

static void not_protobuf(void **state)
{
    struct pbw w = {0};
    (void)state;
    pbw_raw(&w, "\xff", 1); /* field 31, wire type 7: no such wire type */
    expect_error(&w, PROTO_E_PROTOBUF, "not a valid protobuf Frame (1 bytes)");
    pbw_raw(&w, "\x1a\x05\x08", 3); /* a Call of 5 bytes with 1 present */
    expect_error(&w, PROTO_E_PROTOBUF, "not a valid protobuf Frame (3 bytes)");
    pbw_raw(&w, "\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 12); /* 11-byte varint */
    expect_error(&w, PROTO_E_PROTOBUF, "not a valid protobuf Frame (12 bytes)");
}

static void unknown_type(void **state)
{
    struct pbw w = {0};
    (void)state;
    expect_error(&w, PROTO_E_UNKNOWN_TYPE, "frame has no body");
    pbw_bytes(&w, 9, "", 0); /* a frame type of a later version */
    expect_error(&w, PROTO_E_UNKNOWN_TYPE, "frame type 9 unknown");
}

static void unknown_fields(void **state)
{
    struct pbw v[1] = {val_uint(1, 5)}, w, extra = {0}, bye = {0};
    (void)state;
    w = call_payload(3, PROTO_FN_lineClose, v, 1);
    pbw_uint(&w, 12, 1); /* beside the body, in Frame */
    expect_error(&w, PROTO_E_UNKNOWN_FIELD, "frame: unknown field 12");

    v[0] = val_uint(1, 5);
    pbw_uint(&v[0], 8, 1); /* a value kind of a later version */
    w = call_payload(3, PROTO_FN_lineClose, v, 1);
    expect_error(&w, PROTO_E_UNKNOWN_FIELD, "call 3 arguments: value 1: unknown field 8");

    v[0] = val_uint(1, 5);
    w = call_payload(3, PROTO_FN_lineClose, v, 1);
    /* Append field 4 to the Call: rebuild it by hand. */
    free(w.d);
    memset(&w, 0, sizeof(w));
    pbw_uint(&extra, 1, 3);
    pbw_uint(&extra, 2, PROTO_FN_lineClose);
    pbw_uint(&extra, 4, 77);
    pbw_msg(&w, 3, &extra);
    free(v[0].d);
    expect_error(&w, PROTO_E_UNKNOWN_FIELD, "call 3: unknown field 4");

    pbw_uint(&bye, 3, 1);
    pbw_msg(&w, 6, &bye);
    expect_error(&w, PROTO_E_UNKNOWN_FIELD, "bye: unknown field 3");

    /* An absent that carries something. */
    v[0] = val_bytes(4, "\x08\x01", 2);
    w = call_payload(3, PROTO_FN_lineClose, v, 1);
    expect_error(&w, PROTO_E_UNKNOWN_FIELD, "call 3 arguments: value 1: unknown field 1");
}

/* Hello and Welcome may grow: fields of later versions are skipped. */
static void hello_and_welcome_skip_unknown_fields(void **state)
{
    struct pbw hello = {0}, welcome = {0}, w = {0};
    struct proto_msg *out;
    (void)state;
    pbw_uint(&hello, 1, 1);
    pbw_uint(&hello, 2, 2);
    pbw_bytes(&hello, 3, "app", 3);
    pbw_uint(&hello, 40, 9);
    pbw_msg(&w, 1, &hello);
    assert_int_equal(proto_decode(w.d, w.n, &out, NULL), PROTO_OK);
    assert_int_equal(out->hello.max_version, 2);
    assert_string_equal((const char *)out->hello.app_name.data, "app");
    proto_msg_free(out);
    free(w.d);
    memset(&w, 0, sizeof(w));
    pbw_uint(&welcome, 1, 1);
    pbw_uint(&welcome, 2, 4096);
    pbw_bytes(&welcome, 41, "x", 1);
    pbw_msg(&w, 2, &welcome);
    assert_int_equal(proto_decode(w.d, w.n, &out, NULL), PROTO_OK);
    assert_int_equal(out->welcome.max_frame, 4096);
    proto_msg_free(out);
    free(w.d);
}

static void unknown_function(void **state)
{
    struct pbw w;
    (void)state;
    w = call_payload(4, 999, NULL, 0);
    expect_error(&w, PROTO_E_UNKNOWN_FUNCTION, "call 4: unknown function ID 999");
    w = call_payload(4, 0, NULL, 0);
    expect_error(&w, PROTO_E_UNKNOWN_FUNCTION, "call 4: unknown function ID 0");
}

static void too_many_values(void **state)
{
    struct pbw v[PROTO_MAX_VALUES + 1], w, outs = {0}, result = {0};
    (void)state;
    for (int i = 0; i <= PROTO_MAX_VALUES; i++)
        v[i] = val_uint(1, (uint64_t)i);
    w = call_payload(5, PROTO_FN_lineSetMediaControl, v, PROTO_MAX_VALUES + 1);
    expect_error(&w, PROTO_E_TOO_MANY_VALUES, "call 5 arguments: 17 values, limit 16");

    memset(&w, 0, sizeof(w));
    pbw_uint(&result, 1, 5);
    for (int i = 0; i <= PROTO_MAX_VALUES; i++) {
        outs = val_uint(1, 1);
        pbw_msg(&result, 3, &outs);
    }
    pbw_msg(&w, 4, &result);
    expect_error(&w, PROTO_E_TOO_MANY_VALUES, "result 5 outputs: 17 values, limit 16");
}

static void argument_count(void **state)
{
    struct pbw v[2] = {val_uint(1, 5), val_uint(1, 6)}, w;
    (void)state;
    w = call_payload(6, PROTO_FN_lineClose, v, 2);
    expect_error(&w, PROTO_E_ARG_COUNT, "call 6 lineClose: 2 arguments, expected 1");
    w = call_payload(6, PROTO_FN_lineMakeCall, NULL, 0);
    expect_error(&w, PROTO_E_ARG_COUNT, "call 6 lineMakeCall: 0 arguments, expected 5");
}

static void value_kind(void **state)
{
    struct pbw v[5], w;
    (void)state;
    v[0] = val_bytes(3, "x", 1);
    w = call_payload(7, PROTO_FN_lineClose, v, 1);
    expect_error(&w, PROTO_E_VALUE_KIND, "call 7 lineClose argument 1: string where dword belongs");

    memset(&v[0], 0, sizeof(v[0])); /* a Value with no kind */
    w = call_payload(7, PROTO_FN_lineClose, v, 1);
    expect_error(&w, PROTO_E_VALUE_KIND, "call 7 lineClose argument 1: no value");

    v[0] = val_uint(1, 1);
    v[1] = val_uint(1, 4); /* a DWORD where the output pointer belongs */
    v[2] = val_bytes(3, "100", 3);
    v[3] = val_uint(1, 0);
    v[4] = val_bytes(4, "", 0);
    w = call_payload(7, PROTO_FN_lineMakeCall, v, 5);
    expect_error(&w, PROTO_E_VALUE_KIND,
                 "call 7 lineMakeCall argument 2: dword where absent or out belongs");

    v[0] = val_uint(1, 1);
    v[1] = val_uint(7, 4);
    v[2] = val_bytes(3, "100", 3);
    v[3] = val_uint(1, 0);
    v[4] = val_bytes(5, "\x08\0\0\0\0\0\0\0", 8); /* a blob where the varstruct belongs */
    w = call_payload(7, PROTO_FN_lineMakeCall, v, 5);
    expect_error(&w, PROTO_E_VALUE_KIND,
                 "call 7 lineMakeCall argument 5: blob where absent or varstruct belongs");

    v[0] = val_uint(7, 4); /* an output in a Result */
    memset(&w, 0, sizeof(w));
    {
        struct pbw result = {0};
        pbw_uint(&result, 1, 9);
        pbw_msg(&result, 3, &v[0]);
        pbw_msg(&w, 4, &result);
    }
    expect_error(&w, PROTO_E_VALUE_KIND,
                 "result 9 output 1: out where dword or dword_ptr or absent or blob or "
                 "varstruct belongs");
}

static void strings_must_be_utf8(void **state)
{
    (void)state;
    expect_dial_string_error("\xc3\x28", 2, PROTO_E_BAD_UTF8,
                             "call 1 lineDial argument 2: not valid UTF-8 at byte 0");
    expect_dial_string_error("ab\xc0\xaf", 4, PROTO_E_BAD_UTF8, /* overlong '/' */
                             "call 1 lineDial argument 2: not valid UTF-8 at byte 2");
    expect_dial_string_error("\xed\xa0\x80", 3, PROTO_E_BAD_UTF8, /* a surrogate */
                             "call 1 lineDial argument 2: not valid UTF-8 at byte 0");
    expect_dial_string_error("\xf4\x90\x80\x80", 4, PROTO_E_BAD_UTF8, /* above U+10FFFF */
                             "call 1 lineDial argument 2: not valid UTF-8 at byte 0");
    expect_dial_string_error("123\xe2\x98", 5, PROTO_E_BAD_UTF8, /* cut short */
                             "call 1 lineDial argument 2: not valid UTF-8 at byte 3");
    expect_dial_string_error("\x80", 1, PROTO_E_BAD_UTF8,
                             "call 1 lineDial argument 2: not valid UTF-8 at byte 0");
    expect_dial_string_error("ab\0c", 4, PROTO_E_NUL_IN_STRING,
                             "call 1 lineDial argument 2: NUL at byte 2");
}

static void names_must_be_utf8(void **state)
{
    struct pbw hello = {0}, w = {0};
    (void)state;
    pbw_uint(&hello, 1, 1);
    pbw_uint(&hello, 2, 1);
    pbw_bytes(&hello, 3, "caf\xe9", 4); /* Latin-1 */
    pbw_msg(&w, 1, &hello);
    expect_error(&w, PROTO_E_BAD_UTF8, "hello app_name: not valid UTF-8 at byte 3");
}

static void varstruct_size_must_match(void **state)
{
    uint8_t *wrong = varstruct(8, 12), *zero = varstruct(16, 0);
    struct pbw v[5], w;
    (void)state;
    v[0] = val_uint(1, 1);
    v[1] = val_uint(7, 4);
    v[2] = val_bytes(3, "100", 3);
    v[3] = val_uint(1, 0);
    v[4] = val_bytes(6, wrong, 8);
    w = call_payload(8, PROTO_FN_lineMakeCall, v, 5);
    expect_error(&w, PROTO_E_VARSTRUCT_SIZE,
                 "call 8 lineMakeCall argument 5: varstruct dwTotalSize 12 differs from its "
                 "length 8");
    v[0] = val_uint(1, 1);
    v[1] = val_bytes(6, zero, 16);
    w = call_payload(8, PROTO_FN_lineGetCallStatus, v, 2);
    expect_error(&w, PROTO_E_VALUE_KIND,
                 "call 8 lineGetCallStatus argument 2: varstruct where absent or out belongs");
    v[0] = val_uint(1, 1);
    v[1] = val_bytes(6, zero, 3);
    w = call_payload(8, PROTO_FN_lineSetCallHubTracking, v, 2);
    expect_error(&w, PROTO_E_VARSTRUCT_SIZE,
                 "call 8 lineSetCallHubTracking argument 2: varstruct of 3 bytes has no "
                 "dwTotalSize");
    free(wrong);
    free(zero);
}

static void fields_out_of_range(void **state)
{
    struct pbw w = {0}, m = {0}, v[1];
    (void)state;
    v[0] = val_uint(1, 5);
    w = call_payload(0, PROTO_FN_lineClose, v, 1);
    expect_error(&w, PROTO_E_BAD_FIELD, "call: seq is 0");

    memset(&w, 0, sizeof(w));
    pbw_uint(&m, 1, 7);
    pbw_msg(&w, 5, &m);
    expect_error(&w, PROTO_E_BAD_FIELD, "event: device 7 is neither line nor phone");
    pbw_msg(&w, 5, &m);
    expect_error(&w, PROTO_E_BAD_FIELD, "event: device 0 is neither line nor phone");

    pbw_msg(&w, 4, &m);
    expect_error(&w, PROTO_E_BAD_FIELD, "result: seq is 0");

    pbw_uint(&m, 2, 3);
    pbw_msg(&w, 1, &m);
    expect_error(&w, PROTO_E_BAD_FIELD, "hello: min_version is 0");
    pbw_uint(&m, 1, 3);
    pbw_uint(&m, 2, 2);
    pbw_msg(&w, 1, &m);
    expect_error(&w, PROTO_E_BAD_FIELD, "hello: max_version 2 below min_version 3");

    pbw_uint(&m, 2, 4096);
    pbw_msg(&w, 2, &m);
    expect_error(&w, PROTO_E_BAD_FIELD, "welcome: version is 0");
}

/* ---- limits ------------------------------------------------------------------------------ */

static void blob_and_string_limits(void **state)
{
    uint8_t *big = calloc(1, PROTO_MAX_BLOB + 1);
    struct pbw v[4], w;
    (void)state;
    assert_non_null(big);
    /* lineSetDevConfig(dwDeviceID, lpDeviceConfig, dwSize, lpszDeviceClass) */
    v[0] = val_uint(1, 0);
    v[1] = val_bytes(5, big, PROTO_MAX_BLOB + 1);
    v[2] = val_uint(1, PROTO_MAX_BLOB + 1);
    v[3] = val_bytes(3, "comm", 4);
    w = call_payload(9, PROTO_FN_lineSetDevConfig, v, 4);
    expect_error(&w, PROTO_E_TOO_LARGE,
                 "call 9 lineSetDevConfig argument 2: blob of 983041 bytes, limit 983040");

    v[0] = val_uint(1, 0);
    v[1] = val_bytes(5, big, PROTO_MAX_BLOB); /* the largest blob passes */
    v[2] = val_uint(1, PROTO_MAX_BLOB);
    v[3] = val_bytes(3, "comm", 4);
    w = call_payload(9, PROTO_FN_lineSetDevConfig, v, 4);
    {
        struct proto_msg *out;
        assert_int_equal(proto_decode(w.d, w.n, &out, NULL), PROTO_OK);
        assert_int_equal(out->call.args.v[1].data.len, PROTO_MAX_BLOB);
        proto_msg_free(out);
        free(w.d);
    }

    memset(big, 'a', PROTO_MAX_STRING + 1);
    expect_dial_string_error((const char *)big, PROTO_MAX_STRING + 1, PROTO_E_TOO_LARGE,
                             "call 1 lineDial argument 2: 65537 bytes, limit 65536");

    /* lineGetCallStatus(hCall, out) with more room offered than a frame can return */
    v[0] = val_uint(1, 1);
    v[1] = val_uint(7, PROTO_MAX_BLOB + 1);
    w = call_payload(9, PROTO_FN_lineGetCallStatus, v, 2);
    expect_error(&w, PROTO_E_TOO_LARGE,
                 "call 9 lineGetCallStatus argument 2: out size 983041, limit 983040");
    free(big);
}

static void name_limit(void **state)
{
    char name[PROTO_MAX_NAME + 1];
    struct pbw bye = {0}, w = {0};
    (void)state;
    memset(name, 'n', sizeof(name));
    pbw_bytes(&bye, 2, name, sizeof(name));
    pbw_msg(&w, 6, &bye);
    expect_error(&w, PROTO_E_TOO_LARGE, "bye message: 257 bytes, limit 256");
}

/* A frame of many tiny values would expand far past its size; the budget stops it. */
static void decode_budget(void **state)
{
    struct pbw call = {0}, w = {0};
    char expect[96];
    (void)state;
    pbw_uint(&call, 1, 1);
    pbw_uint(&call, 2, PROTO_FN_lineClose);
    for (int i = 0; i < 200000; i++)
        pbw_bytes(&call, 3, "", 0);
    pbw_msg(&w, 3, &call);
    snprintf(expect, sizeof(expect), "frame: decoding needs more than %zu bytes",
             (size_t)PROTO_DECODE_BUDGET(w.n));
    expect_error(&w, PROTO_E_BUDGET, expect);
}

static void decode_refuses_oversized_payload(void **state)
{
    struct proto_msg *out;
    struct proto_error err;
    static const uint8_t byte = 0;
    (void)state;
    assert_int_equal(proto_decode(&byte, PROTO_MAX_FRAME + 1, &out, &err), PROTO_E_OVERSIZED);
    assert_string_equal(err.text, "length 1048577 above the limit 1048576");
    assert_null(out);
}

/* The encoder refuses what the decoder would refuse, and leaves the buffer as it was. */
static void encoder_refuses_what_decoder_refuses(void **state)
{
    struct proto_buf buf = {0};
    struct proto_error err;
    struct proto_msg m = {.type = PROTO_CALL};
    uint8_t *big = calloc(1, PROTO_MAX_BLOB);
    (void)state;
    assert_non_null(big);
    m.call.seq = 1;
    m.call.function = PROTO_FN_lineDial;
    m.call.args.n = 3;
    m.call.args.v[0] = v_dword(1);
    m.call.args.v[1] = v_bytes(PROTO_V_STRING, "\xff", 1);
    m.call.args.v[2] = v_dword(0);
    assert_int_equal(proto_encode(&buf, &m, &err), PROTO_E_BAD_UTF8);
    assert_string_equal(err.text, "call 1 lineDial argument 2: not valid UTF-8 at byte 0");
    assert_int_equal(buf.len, 0);

    m.call.args.n = PROTO_MAX_VALUES + 1;
    assert_int_equal(proto_encode(&buf, &m, &err), PROTO_E_TOO_MANY_VALUES);
    assert_string_equal(err.text, "call 1 lineDial: 17 arguments, limit 16");

    /* Each blob within its limit, the frame over its own. */
    m.type = PROTO_RESULT;
    m.result.seq = 1;
    m.result.result = 0;
    m.result.outs.n = 2;
    m.result.outs.v[0] = v_bytes(PROTO_V_BLOB, big, PROTO_MAX_BLOB);
    m.result.outs.v[1] = v_bytes(PROTO_V_BLOB, big, PROTO_MAX_BLOB);
    assert_int_equal(proto_encode(&buf, &m, &err), PROTO_E_OVERSIZED);
    assert_string_equal(err.text, "encoded frame of 1966102 bytes, limit 1048576");
    assert_int_equal(buf.len, 0);

    m.type = (enum proto_type)0;
    assert_int_equal(proto_encode(&buf, &m, &err), PROTO_E_UNKNOWN_TYPE);
    proto_buf_release(&buf);
    free(big);
}

static void error_names(void **state)
{
    (void)state;
    assert_string_equal(proto_err_name(PROTO_OK), "ok");
    assert_string_equal(proto_err_name(PROTO_E_VARSTRUCT_SIZE), "varstruct-size");
    assert_string_equal(proto_err_name(PROTO_E_NOMEM), "no-memory");
    assert_string_equal(proto_err_name((enum proto_err)999), "unknown-error");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hello_round_trip),
        cmocka_unit_test(welcome_round_trip),
        cmocka_unit_test(call_round_trip),
        cmocka_unit_test(result_round_trip),
        cmocka_unit_test(event_round_trip),
        cmocka_unit_test(bye_round_trip),
        cmocka_unit_test(not_protobuf),
        cmocka_unit_test(unknown_type),
        cmocka_unit_test(unknown_fields),
        cmocka_unit_test(hello_and_welcome_skip_unknown_fields),
        cmocka_unit_test(unknown_function),
        cmocka_unit_test(too_many_values),
        cmocka_unit_test(argument_count),
        cmocka_unit_test(value_kind),
        cmocka_unit_test(strings_must_be_utf8),
        cmocka_unit_test(names_must_be_utf8),
        cmocka_unit_test(varstruct_size_must_match),
        cmocka_unit_test(fields_out_of_range),
        cmocka_unit_test(blob_and_string_limits),
        cmocka_unit_test(name_limit),
        cmocka_unit_test(decode_budget),
        cmocka_unit_test(decode_refuses_oversized_payload),
        cmocka_unit_test(encoder_refuses_what_decoder_refuses),
        cmocka_unit_test(error_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
