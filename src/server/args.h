/*
 * args.h — a Call's values turned into C arguments, and the outputs turned back into values.
 *
 * Every pointer the core receives points into memory the server owns: strings stay in the
 * decoded frame; blobs, var-size structures and in-out values are copied into buffers of their
 * own (aligned, and never shorter than what the callee may read: calls.h's sizes); outputs get
 * zeroed buffers of the size the caller offered, a var-size structure's with its dwTotalSize
 * set to it. After the call, the outputs go back as values trimmed per docs/protocol.md.
 */
#ifndef TAPIX_SERVER_ARGS_H
#define TAPIX_SERVER_ARGS_H

#include "calls.h"
#include "msg.h"

/** The C arguments of one call, and the server-side memory behind its pointers. */
struct callargs {
    const struct proto_function *fn;
    const struct call_entry *entry;
    union call_arg a[PROTO_MAX_VALUES];
    void *buf[PROTO_MAX_VALUES];     /* owned: the memory a[i].ptr points to, or NULL */
    uint32_t room[PROTO_MAX_VALUES]; /* bytes of buf[i] the caller's value spans */
    void *extra;                     /* owned: memory the server passed in the caller's stead */
};

/**
 * Builds `ca` for `call` of function `entry`. Returns 0, or the function family's
 * INVALPOINTER (a buffer shorter than its size parameter says) or NOMEM; `ca` is then empty.
 * The strings point into `call`, which must outlive the invocation.
 */
LONG args_build(struct callargs *ca, const struct call_entry *entry, const struct proto_call *call);

/** The number of output parameters (o, D, B, V) of `ca`'s function. */
size_t args_count_outs(const struct callargs *ca);

/**
 * Fills `outs` with one value per output parameter, in prototype order, from the buffers; the
 * values point into `ca` (a var-size structure's dwTotalSize is set to its trimmed length).
 */
void args_outs(struct callargs *ca, struct proto_values *outs);

/** Frees the buffers; `ca` itself is the caller's. */
void args_release(struct callargs *ca);

/** The function family's error code for `line_code` (a LINEERR_): PHONEERR_ / TAPIERR_ twin. */
LONG args_error(uint32_t function, LONG line_code);

#endif /* TAPIX_SERVER_ARGS_H */
