/*
 * trace.h — the boundary trace of libtapix: one debug line per API call, written by dispatch.c.
 *
 * A call is traced as `lineMakeCall(hLine=0x10002, lphCall=0x7ffd5c3e1a2c,
 * lpszDestAddress="102", dwCountryCode=0, lpCallParams=NULL) = 0x10005`: each argument as
 * name=value, then the result. The arguments are written before the call (a string argument
 * as it was given) and the line is logged when the call returns, so that one call stays one
 * line among other threads' calls. trace_begin tests the log level once; when debug traces are
 * off the other functions do nothing and cost nothing but the call.
 */
#ifndef TAPIX_TRACE_H
#define TAPIX_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tapix/tapi.h>

/** One call's trace line, being written; lives on the caller's stack. */
struct trace {
    bool on;       /* debug traces are on: the fields below are in use */
    size_t len;    /* characters in line */
    unsigned args; /* arguments written so far */
    char line[1000];
};

/**
 * Starts the trace of a call to `function` (a string literal). Returns whether debug traces
 * are on, that is whether the arguments should be written; when false, t holds no line.
 */
bool trace_begin(struct trace *t, const char *function);

/** Writes an argument in hexadecimal (`name=0x10002`, `name=0`): handles, masks, versions. */
void trace_hex(struct trace *t, const char *name, DWORD value);

/** Writes an argument in decimal: device IDs, counts, sizes, timeouts. */
void trace_dec(struct trace *t, const char *name, DWORD value);

/** Writes a pointer-sized number in hexadecimal (DWORD_PTR, WPARAM). */
void trace_uintptr(struct trace *t, const char *name, uintptr_t value);

/** Writes a pointer: its address, or NULL. What it points to is not read. */
void trace_pointer(struct trace *t, const char *name, const void *pointer);

/**
 * Writes a NUL-terminated input string in double quotes, escaping quotes, backslashes and
 * control characters and shortening a long one with "..."; or NULL.
 */
void trace_string(struct trace *t, const char *name, const char *string);

/**
 * Ends the trace: logs the line with the result — 0, a request ID in hexadecimal, or the name
 * of a LINEERR_/PHONEERR_/TAPIERR_ code — when traces are on. Returns `result` unchanged.
 */
LONG trace_end(struct trace *t, LONG result);

#endif
