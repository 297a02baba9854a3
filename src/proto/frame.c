/*
 * frame.c — the length-prefixed framing of the client protocol (frame.h): a growable output
 * buffer, and the incremental reader that turns arbitrary chunks of a byte stream into whole
 * payloads.
 *
 * The reader is a two-state machine: collecting the 4 prefix bytes, then collecting `need`
 * payload bytes. A payload that arrives whole within one chunk is handed out in place; only a
 * payload split across chunks is copied into the reader's own buffer, which grows to the
 * largest such payload seen (at most PROTO_MAX_FRAME).
 */
#include "frame.h"

#include <stdlib.h>
#include <string.h>

int proto_buf_reserve(struct proto_buf *buf, size_t extra)
{
    size_t cap;
    uint8_t *data;
    if (extra <= buf->cap - buf->len)
        return 0;
    if (extra > SIZE_MAX / 2 - buf->len)
        return -1;
    cap = buf->cap ? buf->cap : 256;
    while (cap - buf->len < extra)
        cap *= 2;
    data = realloc(buf->data, cap);
    if (!data)
        return -1;
    buf->data = data;
    buf->cap = cap;
    return 0;
}

void proto_buf_release(struct proto_buf *buf)
{
    free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}

void proto_buf_consume(struct proto_buf *buf, size_t n)
{
    if (n >= buf->len) {
        buf->len = 0;
        return;
    }
    memmove(buf->data, buf->data + n, buf->len - n);
    buf->len -= n;
}

enum proto_err proto_frame_append(struct proto_buf *buf, const uint8_t *payload, size_t len,
                                  struct proto_error *err)
{
    uint8_t *p;
    if (len > PROTO_MAX_FRAME)
        return proto_fail(err, PROTO_E_OVERSIZED, "frame of %zu bytes, limit %u", len,
                          PROTO_MAX_FRAME);
    if (proto_buf_reserve(buf, PROTO_FRAME_HEADER + len) != 0)
        return proto_fail(err, PROTO_E_NOMEM, "out of memory for a frame of %zu bytes", len);
    p = buf->data + buf->len;
    p[0] = (uint8_t)(len >> 24);
    p[1] = (uint8_t)(len >> 16);
    p[2] = (uint8_t)(len >> 8);
    p[3] = (uint8_t)len;
    if (len)
        memcpy(p + PROTO_FRAME_HEADER, payload, len);
    buf->len += PROTO_FRAME_HEADER + len;
    return PROTO_OK;
}

void proto_reader_init(struct proto_reader *r)
{
    memset(r, 0, sizeof(*r));
}

void proto_reader_release(struct proto_reader *r)
{
    free(r->payload);
    proto_reader_init(r);
}

/* Takes prefix bytes; once all 4 are in, sets `need` or fails on an oversized length. */
static size_t take_header(struct proto_reader *r, const uint8_t *data, size_t len,
                          struct proto_error *err)
{
    size_t n = PROTO_FRAME_HEADER - r->header_len;
    uint32_t need;
    if (n > len)
        n = len;
    memcpy(r->header + r->header_len, data, n);
    r->header_len += n;
    if (r->header_len < PROTO_FRAME_HEADER)
        return n;
    need = (uint32_t)r->header[0] << 24 | (uint32_t)r->header[1] << 16 |
           (uint32_t)r->header[2] << 8 | r->header[3];
    if (need > PROTO_MAX_FRAME)
        r->failed = proto_fail(err, PROTO_E_OVERSIZED, "length %u above the limit %u", need,
                               PROTO_MAX_FRAME);
    r->need = need;
    r->have = 0;
    return n;
}

/* Yields the completed frame at `data` and resets for the next prefix. */
static int yield(struct proto_reader *r, const uint8_t *data, struct proto_frame *frame)
{
    frame->data = data;
    frame->len = r->need;
    frame->number = ++r->frames;
    r->header_len = 0;
    r->have = 0;
    return 1;
}

/* Copies payload bytes into the reader's buffer, growing it as needed. */
static int buffer_payload(struct proto_reader *r, const uint8_t *data, size_t n,
                          struct proto_error *err)
{
    if (r->cap < r->need) {
        uint8_t *p = realloc(r->payload, r->need);
        if (!p) {
            r->failed = proto_fail(err, PROTO_E_NOMEM, "out of memory for %zu bytes", r->need);
            return -1;
        }
        r->payload = p;
        r->cap = r->need;
    }
    memcpy(r->payload + r->have, data, n);
    r->have += n;
    return 0;
}

int proto_reader_feed(struct proto_reader *r, const uint8_t *data, size_t len, size_t *used,
                      struct proto_frame *frame, struct proto_error *err)
{
    size_t off = 0, n;
    *used = 0;
    if (r->failed)
        return -(int)proto_fail(err, r->failed, "stream already failed");
    if (r->header_len < PROTO_FRAME_HEADER) {
        off = take_header(r, data, len, err);
        *used = off;
        if (r->failed)
            return -(int)r->failed;
        if (r->header_len < PROTO_FRAME_HEADER)
            return 0;
    }
    if (r->have == 0 && len - off >= r->need) {
        *used = off + r->need;
        return yield(r, data + off, frame);
    }
    n = r->need - r->have;
    if (n > len - off)
        n = len - off;
    if (n && buffer_payload(r, data + off, n, err) != 0)
        return -(int)r->failed;
    *used = off + n;
    if (r->have < r->need)
        return 0;
    return yield(r, r->payload, frame);
}

enum proto_err proto_reader_finish(const struct proto_reader *r, struct proto_error *err)
{
    if (r->failed)
        return proto_fail(err, r->failed, "stream already failed");
    if (r->header_len == 0)
        return PROTO_OK;
    if (r->header_len < PROTO_FRAME_HEADER)
        return proto_fail(err, PROTO_E_TRUNCATED, "stream ended after %zu of 4 length bytes",
                          r->header_len);
    return proto_fail(err, PROTO_E_TRUNCATED, "stream ended after %zu of %zu payload bytes",
                      r->have, r->need);
}
