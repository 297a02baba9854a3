/*
 * frame.h — the framing of the client protocol: each frame is a 4-byte big-endian payload
 * length, then that many bytes of protobuf (a tapix.Frame). No payload exceeds
 * PROTO_MAX_FRAME.
 *
 * Two halves. Writing: frames are appended to a caller's growable `struct proto_buf`, which a
 * non-blocking writer drains at its own pace. Reading: a `struct proto_reader` takes bytes in
 * whatever pieces the socket delivers (one byte at a time is fine) and yields whole payloads;
 * it refuses an oversized length as soon as the 4 prefix bytes are in, before buffering any of
 * it. Neither half blocks or knows about sockets.
 */
#ifndef TAPIX_PROTO_FRAME_H
#define TAPIX_PROTO_FRAME_H

#include "msg.h"

#include <stddef.h>
#include <stdint.h>

/** The length prefix, in bytes. */
#define PROTO_FRAME_HEADER 4

/** A growable byte buffer; zero-initialize it, release it with proto_buf_release(). */
struct proto_buf {
    uint8_t *data;
    size_t len;
    size_t cap;
};

/**
 * Makes room for `extra` more bytes after buf->len. Returns 0, or -1 when out of memory (the
 * buffer is then unchanged). Existing bytes may move.
 */
int proto_buf_reserve(struct proto_buf *buf, size_t extra);

/** Frees the buffer's memory and empties it. */
void proto_buf_release(struct proto_buf *buf);

/** Drops the first `n` bytes (those written to the socket), keeping the rest. */
void proto_buf_consume(struct proto_buf *buf, size_t n);

/**
 * Appends one frame with payload `payload` of `len` bytes to `buf`. Returns PROTO_OK,
 * PROTO_E_OVERSIZED when len > PROTO_MAX_FRAME, or PROTO_E_NOMEM (`buf` unchanged on error).
 */
enum proto_err proto_frame_append(struct proto_buf *buf, const uint8_t *payload, size_t len,
                                  struct proto_error *err);

/** An incremental frame reader; set up with proto_reader_init(). */
struct proto_reader {
    uint8_t header[PROTO_FRAME_HEADER];
    size_t header_len; /* prefix bytes seen so far */
    size_t need;       /* payload length, once the prefix is complete */
    size_t have;       /* payload bytes buffered in `payload` */
    uint8_t *payload;  /* owned; holds a payload split across feeds */
    size_t cap;
    uint64_t frames;       /* whole frames yielded so far; the one at fault is frames + 1 */
    enum proto_err failed; /* after an error: the stream cannot be resynchronised */
};

/** A payload the reader yields: valid until the next proto_reader_feed() or release. */
struct proto_frame {
    const uint8_t *data;
    size_t len;
    uint64_t number; /* 1 for the first frame of the stream */
};

void proto_reader_init(struct proto_reader *r);

/** Frees the reader's buffer; the reader may be initialized again. */
void proto_reader_release(struct proto_reader *r);

/**
 * Consumes bytes from `data` (`len` of them) up to the end of the next whole frame, and stores
 * the count consumed in `*used`. Returns 1 with `*frame` filled when a frame is complete (call
 * again with the rest of the input), 0 when every byte was taken and more are needed, or a
 * negative -enum proto_err (PROTO_E_OVERSIZED, PROTO_E_NOMEM) with `err` filled: the stream
 * is then unusable and every later call fails the same way. A frame that lies whole in `data`
 * is yielded without copying, pointing into `data`.
 */
int proto_reader_feed(struct proto_reader *r, const uint8_t *data, size_t len, size_t *used,
                      struct proto_frame *frame, struct proto_error *err);

/**
 * Tells the reader that the stream has ended. Returns PROTO_OK when it ended between frames,
 * else PROTO_E_TRUNCATED with `err` saying how much of the frame was missing.
 */
enum proto_err proto_reader_finish(const struct proto_reader *r, struct proto_error *err);

#endif /* TAPIX_PROTO_FRAME_H */
