/*
 * calls.h — the table through which tapixd calls a TAPI function named by its protocol ID.
 *
 * calls.c is generated at build time by gen_calls.py from src/proto/functions.h and tapi.h: one
 * row per function that both the protocol and the backend interface know (the TAPI 3.0 IDs of
 * functions.h have none). A row's invoker takes the arguments as `union call_arg`s, one per C
 * parameter in prototype order, and calls the backend's member of that name, so the compiler
 * checks every argument's type against tapi.h. execute.c builds the arguments.
 */
#ifndef TAPIX_SERVER_CALLS_H
#define TAPIX_SERVER_CALLS_H

#include <stddef.h>
#include <stdint.h>

#include "backend.h"
#include "functions.h"

/** One C argument: the member the parameter's signature letter names. */
union call_arg {
    DWORD d;     /* 'd' */
    DWORD_PTR p; /* 'p' */
    void *ptr;   /* every pointer: 's', 'b', 'v', 'o', 'D', 'B', 'V' ('x' is always NULL) */
};

/** One function. */
struct call_entry {
    uint32_t id; /* the protocol's function ID */
    /** Calls the function on `be` with arguments `a`; returns what it returns. May block
     * only as the function itself may (none of those tapixd lists does). */
    LONG (*invoke)(const struct tapix_backend *be, const union call_arg *a);
    /** The bytes the callee may touch through pointer parameter `i` (a fixed structure, a
     * count of elements, a sized buffer), 0 when its dwTotalSize or nothing decides; NULL when
     * no parameter has such a size. */
    size_t (*need)(const union call_arg *a, unsigned i);
    /** Per parameter: '-' no output, 'w' DWORD or handle, 'q' pointer-sized, 'v' var-size
     * structure, 'b' bytes. */
    const char *outs;
    /** Per parameter: the handle a DWORD is, 'a' HLINEAPP, 'l' HLINE, 'c' HCALL, 'A' HPHONEAPP,
     * 'h' HPHONE, or '-'. */
    const char *handles;
    /** Per parameter: 'L' a line device ID, 'P' a phone device ID, or '-'. */
    const char *devices;
    /** 1 when every output is an HCALL that the core itself writes on completion (lineMakeCall
     * and its kind), so the storage may go as soon as its application is shut down. */
    int outs_are_new_calls;
};

/** The rows, in ascending ID order; their count goes to *count. Static, never freed. */
const struct call_entry *calls_table(size_t *count);

#endif /* TAPIX_SERVER_CALLS_H */
