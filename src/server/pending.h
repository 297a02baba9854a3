/*
 * pending.h — outputs written after the Result: the server-side memory of a request's output
 * parameters, kept under its request ID until its LINE_REPLY / PHONE_REPLY, and the digit
 * buffer of lineGatherDigits, kept under its call until LINE_GATHERDIGITS. The Event that
 * reports the completion carries them (docs/protocol.md, "Buffers written asynchronously").
 */
#ifndef TAPIX_SERVER_PENDING_H
#define TAPIX_SERVER_PENDING_H

#include "args.h"
#include "server.h"

enum pending_kind { PENDING_REPLY, PENDING_GATHER };

struct pending {
    enum pending_kind kind;
    DWORD key; /* the request ID, or the HCALL gathering digits */
    struct callargs ca;
    struct pending *next;
};

/**
 * Moves the buffers of `ca` into a new entry of the session (kept in call order); `ca` is left
 * empty either way. Returns 0, or -1 when out of memory (the buffers are then freed, which
 * is safe only when the callee did not keep them: the caller cancels the request first).
 */
int pending_add(struct session *s, enum pending_kind kind, DWORD key, struct callargs *ca);

/** Takes the oldest entry of `kind` and `key` out of the session; NULL when none. The caller
 * frees it with pending_free(). */
struct pending *pending_take(struct session *s, enum pending_kind kind, DWORD key);

/** Frees an entry and its buffers. */
void pending_free(struct pending *p);

/**
 * Before the session's applications shut down: cancels its digit gathering (so the provider
 * lets go of the buffers), then forgets every entry: freed when nothing writes it any more
 * (new call handles, which the core writes only for a live application; a cancelled gather),
 * else moved to the server's orphans, which outlive the providers (pending_free_all).
 */
void pending_forget_all(struct session *s);

/** Frees a whole list (the orphans, once the core has stopped). */
void pending_free_all(struct pending **list);

#endif /* TAPIX_SERVER_PENDING_H */
