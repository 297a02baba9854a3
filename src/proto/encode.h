/*
 * encode.h — one `struct proto_msg` to one frame, appended to a growable buffer.
 *
 * The message is validated first with the same rules the decoder applies (msg.h), so a frame
 * this encoder writes is always one the peer's decoder accepts. For libtapix that means a
 * string that is not UTF-8, or a structure whose dwTotalSize does not fit, is refused before
 * anything is sent.
 */
#ifndef TAPIX_PROTO_ENCODE_H
#define TAPIX_PROTO_ENCODE_H

#include "frame.h"
#include "msg.h"

/**
 * Appends `msg` as one frame (length prefix and payload) to `buf`. Returns PROTO_OK, or the
 * rule `msg` breaks (with `err`, which may be NULL, naming it), PROTO_E_OVERSIZED when the
 * payload would exceed PROTO_MAX_FRAME, or PROTO_E_NOMEM. On error `buf` is unchanged.
 * Reads `msg` only; never blocks.
 */
enum proto_err proto_encode(struct proto_buf *buf, const struct proto_msg *msg,
                            struct proto_error *err);

#endif /* TAPIX_PROTO_ENCODE_H */
