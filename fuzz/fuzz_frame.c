/*
 * fuzz_frame.c — libFuzzer target for the client protocol's input side: the frame reader and
 * the strict decoder (src/proto), everything a hostile peer reaches before the server looks at
 * a frame.
 *
 * The first input byte chooses how the rest is read. With its top bit set, the rest is one
 * payload for proto_decode(). Otherwise the rest is a byte stream fed to a proto_reader in
 * chunks whose sizes come from a small generator seeded by that byte (0: one piece), and every
 * frame the reader yields is decoded. Each decoded message must survive a round trip: encoding
 * it must succeed (the encoder applies the decoder's rules), decoding that must succeed, and
 * encoding again must give the same bytes. The outputs of each Result and Event of a stream are
 * checked against the stream's last Call, as a client checks them. Any failure of those, like any
 * crash, leak or sanitizer report, is a finding.
 */
#include "decode.h"
#include "encode.h"
#include "frame.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reports a broken property and stops: libFuzzer records the input. */
static void broken(const char *what, const struct proto_error *err)
{
    fprintf(stderr, "fuzz_frame: %s: %s (%s)\n", what, err->text, proto_err_name(err->code));
    abort();
}

/* Encodes `msg` into `out` (emptied first); a failure is a finding. */
static void encode_or_die(const struct proto_msg *msg, struct proto_buf *out)
{
    struct proto_error err = {0};
    out->len = 0;
    if (proto_encode(out, msg, &err) != PROTO_OK)
        broken("a decoded message does not encode", &err);
}

/* Checks the round-trip property of a decoded message. */
static void round_trip(const struct proto_msg *msg)
{
    struct proto_buf first = {0}, second = {0};
    struct proto_msg *again = NULL;
    struct proto_error err = {0};
    encode_or_die(msg, &first);
    if (proto_decode(first.data + PROTO_FRAME_HEADER, first.len - PROTO_FRAME_HEADER, &again,
                     &err) != PROTO_OK)
        broken("an encoded message does not decode", &err);
    encode_or_die(again, &second);
    if (first.len != second.len || memcmp(first.data, second.data, first.len) != 0) {
        err.code = PROTO_OK;
        snprintf(err.text, sizeof(err.text), "%zu and %zu bytes", first.len, second.len);
        broken("encoding is not stable", &err);
    }
    proto_msg_free(again);
    proto_buf_release(&first);
    proto_buf_release(&second);
}

/* Decodes one payload; a refusal must come with a code and a message. Returns the message
 * (the caller frees it) or NULL. */
static struct proto_msg *decode_payload(const uint8_t *p, size_t len)
{
    struct proto_msg *msg = NULL;
    struct proto_error err = {0};
    enum proto_err rc = proto_decode(p, len, &msg, &err);
    if (rc != PROTO_OK) {
        if (msg || err.code != rc || err.text[0] == '\0')
            broken("a refusal without its error, or with a message", &err);
        return NULL;
    }
    round_trip(msg);
    return msg;
}

/* Checks the outputs of a Result or Event against the last Call of the stream, as a client
 * does; keeps the newest Call in `*call`, frees the rest. */
static void match_outputs(struct proto_msg **call, struct proto_msg *msg)
{
    struct proto_error err = {0};
    const struct proto_values *outs = NULL;
    if (msg->type == PROTO_CALL) {
        proto_msg_free(*call);
        *call = msg;
        return;
    }
    if (msg->type == PROTO_RESULT)
        outs = &msg->result.outs;
    else if (msg->type == PROTO_EVENT)
        outs = &msg->event.outs;
    if (outs && *call && proto_check_outs(&(*call)->call, outs, &err) != PROTO_OK &&
        err.text[0] == '\0')
        broken("an output refusal without its message", &err);
    proto_msg_free(msg);
}

/* The chunk-size generator: a linear congruential step. */
static size_t next_chunk(unsigned *state, size_t left)
{
    size_t n;
    if (*state == 0)
        return left;
    *state = *state * 1103515245u + 12345u;
    n = 1 + (*state >> 16) % 97;
    return n < left ? n : left;
}

/* Feeds `data` to a reader in chunks and decodes every frame it yields. */
static void read_stream(const uint8_t *data, size_t size, unsigned seed)
{
    struct proto_reader r;
    struct proto_error err = {0};
    struct proto_msg *call = NULL;
    size_t off = 0;
    proto_reader_init(&r);
    while (off < size) {
        size_t chunk = next_chunk(&seed, size - off);
        while (chunk > 0) {
            struct proto_frame f;
            size_t used = 0;
            int rc = proto_reader_feed(&r, data + off, chunk, &used, &f, &err);
            struct proto_msg *msg;
            if (rc < 0)
                goto out;
            off += used;
            chunk -= used;
            if (rc == 1 && (msg = decode_payload(f.data, f.len)) != NULL)
                match_outputs(&call, msg);
        }
    }
    (void)proto_reader_finish(&r, &err);
out:
    proto_msg_free(call);
    proto_reader_release(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (data[0] & 0x80)
        proto_msg_free(decode_payload(data + 1, size - 1));
    else
        read_stream(data + 1, size - 1, data[0]);
    return 0;
}
