/*
 * decode.h — strict decoding of one frame payload into a `struct proto_msg`.
 *
 * The payload comes from the frame reader (frame.h). Decoding either yields a message that
 * obeys every rule of docs/protocol.md — its type known, no unknown field outside Hello and
 * Welcome, a Call's function known and its arguments of the kinds its signature allows,
 * strings UTF-8 without NUL, var-size structures whose dwTotalSize is their length, every
 * limit kept — or it yields nothing: an error code and a message naming the fault, and no
 * allocation left behind.
 *
 * The memory a frame may take while decoding is bounded by its size (PROTO_DECODE_BUDGET), so
 * a hostile frame cannot make the server allocate much more than it sent.
 */
#ifndef TAPIX_PROTO_DECODE_H
#define TAPIX_PROTO_DECODE_H

#include "msg.h"

#include <stddef.h>
#include <stdint.h>

/** The most memory decoding a payload of `len` bytes may take, all structures included. */
#define PROTO_DECODE_BUDGET(len) (64u * 1024u + 2u * (size_t)(len))

/**
 * Decodes the payload `data` of `len` bytes. On success returns PROTO_OK and stores in `*out`
 * a message the caller owns and frees with proto_msg_free(); its byte views point into the
 * message's own storage, not into `data`, and its strings are NUL-terminated. On failure
 * returns the error, fills `err` (may be NULL) with a message naming the fault, and stores
 * NULL in `*out`; nothing stays allocated. Never blocks.
 */
enum proto_err proto_decode(const uint8_t *data, size_t len, struct proto_msg **out,
                            struct proto_error *err);

/** Frees a message from proto_decode(); NULL is allowed. */
void proto_msg_free(struct proto_msg *msg);

#endif /* TAPIX_PROTO_DECODE_H */
