/*
 * seeds.c — writes the seed corpus of fuzz_frame (fuzz/corpus/frame/): one valid frame of each
 * kind, each both as a one-frame stream and as a bare payload, and one stream of them all, so
 * that the fuzzer starts from inputs that reach deep into the decoder.
 *
 * Usage: fuzz_frame_seeds DIR. The committed corpus was made with it; run it again after a
 * change of the schema.
 */
#include "encode.h"
#include "frame.h"
#include "functions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NSEEDS 10

static const uint8_t call_params[24] = {24, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0};

static struct proto_value dword(uint32_t x)
{
    struct proto_value v = {.kind = PROTO_V_DWORD, .dword = x};
    return v;
}

static struct proto_value bytes(enum proto_kind kind, const void *p, size_t len)
{
    struct proto_value v = {.kind = kind, .data = {p, len}};
    return v;
}

static struct proto_value out(uint32_t size)
{
    struct proto_value v = {.kind = PROTO_V_OUT, .out_size = size};
    return v;
}

static struct proto_value absent(void)
{
    struct proto_value v = {.kind = PROTO_V_ABSENT};
    return v;
}

static struct proto_bytes text(const char *s)
{
    struct proto_bytes b = {(const uint8_t *)s, strlen(s)};
    return b;
}

/* Fills `m` with sample message `i` (0 <= i < NSEEDS). */
static void sample(int i, struct proto_msg *m, uint32_t *ids)
{
    memset(m, 0, sizeof(*m));
    switch (i) {
    case 0:
        *m = (struct proto_msg){.type = PROTO_HELLO};
        m->hello = (struct proto_hello){1, 1, text("tapix-demo"), 1234, text(PROTO_ABI)};
        break;
    case 1:
        m->type = PROTO_WELCOME;
        for (size_t k = 0; k < proto_function_count(); k++)
            ids[k] = proto_function_at(k)->id;
        m->welcome =
            (struct proto_welcome){1,   PROTO_MAX_FRAME, 0x00020002,     0, proto_function_count(),
                                   ids, text("tapixd"),  text(PROTO_ABI)};
        break;
    case 2:
        m->type = PROTO_CALL;
        m->call.seq = 2;
        m->call.function = PROTO_FN_lineMakeCall;
        m->call.args.n = 5;
        m->call.args.v[0] = dword(0x10001);
        m->call.args.v[1] = out(4);
        m->call.args.v[2] = bytes(PROTO_V_STRING, "+15550100", 9);
        m->call.args.v[3] = dword(1);
        m->call.args.v[4] = bytes(PROTO_V_VARSTRUCT, call_params, sizeof(call_params));
        break;
    case 3:
        m->type = PROTO_CALL;
        m->call.seq = 3;
        m->call.function = PROTO_FN_lineInitializeEx;
        m->call.args.n = 7;
        m->call.args.v[0] = out(4);
        m->call.args.v[1] = absent();
        m->call.args.v[2] = absent();
        m->call.args.v[3] = bytes(PROTO_V_STRING, "demo", 4);
        m->call.args.v[4] = out(4);
        m->call.args.v[5] = dword(0x00020002);
        m->call.args.v[6] = bytes(PROTO_V_VARSTRUCT, call_params, sizeof(call_params));
        break;
    case 4:
        m->type = PROTO_CALL;
        m->call.seq = 4;
        m->call.function = PROTO_FN_lineSetDevConfig;
        m->call.args.n = 4;
        m->call.args.v[0] = dword(0);
        m->call.args.v[1] = bytes(PROTO_V_BLOB, "\1\2\3\4\5\6", 6);
        m->call.args.v[2] = dword(6);
        m->call.args.v[3] = bytes(PROTO_V_STRING, "comm/datamodem", 14);
        break;
    case 5:
        m->type = PROTO_CALL;
        m->call.seq = 5;
        m->call.function = PROTO_FN_tapiRequestDrop;
        m->call.args.n = 2;
        m->call.args.v[0] = absent();
        m->call.args.v[1] = (struct proto_value){.kind = PROTO_V_DWORD_PTR, .dword_ptr = 9};
        break;
    case 6:
        m->type = PROTO_RESULT;
        m->result.seq = 3;
        m->result.result = 0;
        m->result.outs.n = 4;
        m->result.outs.v[0] = dword(0x30001);
        m->result.outs.v[1] = dword(2);
        m->result.outs.v[2] = dword(0x00020002);
        m->result.outs.v[3] = bytes(PROTO_V_VARSTRUCT, call_params, sizeof(call_params));
        break;
    case 7:
        m->type = PROTO_EVENT;
        m->event.device = PROTO_DEVICE_LINE;
        m->event.message_id = 12; /* LINE_REPLY */
        m->event.param1 = 17;
        m->event.callback_instance = 0xFEEDull << 32;
        m->event.outs.n = 1;
        m->event.outs.v[0] = dword(0x40002);
        break;
    case 8:
        m->type = PROTO_EVENT;
        m->event.device = PROTO_DEVICE_PHONE;
        m->event.h_device = 0x50001;
        m->event.message_id = 14;
        m->event.param1 = 1;
        break;
    default:
        m->type = PROTO_BYE;
        m->bye.reason = PROTO_BYE_SHUTDOWN;
        m->bye.message = text("bye");
        break;
    }
}

/* Writes `mode` then `len` bytes to DIR/NAME. Returns 0 or -1. */
static int write_seed(const char *dir, const char *name, uint8_t mode, const uint8_t *p, size_t len)
{
    char path[4096];
    FILE *f;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (!f || fwrite(&mode, 1, 1, f) != 1 || fwrite(p, 1, len, f) != len) {
        perror(path);
        if (f)
            fclose(f);
        return -1;
    }
    return fclose(f) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    static uint32_t ids[4096];
    struct proto_buf all = {0};
    int rc = 0;
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    for (int i = 0; i < NSEEDS; i++) {
        struct proto_buf one = {0};
        struct proto_msg m;
        struct proto_error err;
        char name[64];
        sample(i, &m, ids);
        if (proto_encode(&one, &m, &err) != PROTO_OK || proto_encode(&all, &m, &err) != PROTO_OK) {
            fprintf(stderr, "seed %d: %s\n", i, err.text);
            return 1;
        }
        snprintf(name, sizeof(name), "stream-%02d", i);
        rc |= write_seed(argv[1], name, (uint8_t)(i * 13 % 127), one.data, one.len);
        snprintf(name, sizeof(name), "payload-%02d", i);
        rc |= write_seed(argv[1], name, 0x80, one.data + PROTO_FRAME_HEADER,
                         one.len - PROTO_FRAME_HEADER);
        proto_buf_release(&one);
    }
    rc |= write_seed(argv[1], "stream-all", 0, all.data, all.len);
    proto_buf_release(&all);
    return rc ? 1 : 0;
}
