/*
 * args.c — from a Call's values to C arguments and back (see args.h).
 *
 * Two passes build the arguments: the plain values first, since the size of a buffer may be
 * given by a later DWORD parameter (lpsUserUserInfo, dwSize), then every pointer. A buffer
 * shorter than what the callee may touch is refused with INVALPOINTER, as TAPI answers for an
 * application's bad pointer, rather than letting the core read or write past it.
 */
#include "args.h"

#include <stdlib.h>
#include <string.h>

/* The least any server-side buffer holds: room for a DWORD_PTR, whatever the caller offered. */
#define ARGS_MIN_BUFFER 16u

LONG args_error(uint32_t function, LONG line_code)
{
    if (function < 1000)
        return line_code;
    if (function < 2000) {
        switch (line_code) {
        case LINEERR_INVALPOINTER:
            return PHONEERR_INVALPOINTER;
        case LINEERR_NOMEM:
            return PHONEERR_NOMEM;
        case LINEERR_INVALAPPHANDLE:
            return PHONEERR_INVALAPPHANDLE;
        case LINEERR_OPERATIONUNAVAIL:
            return PHONEERR_OPERATIONUNAVAIL;
        case LINEERR_BADDEVICEID:
            return PHONEERR_BADDEVICEID;
        default:
            return PHONEERR_OPERATIONFAILED;
        }
    }
    return line_code == LINEERR_INVALPOINTER ? TAPIERR_INVALPOINTER : TAPIERR_REQUESTFAILED;
}

/* Returns zeroed memory of at least `size` bytes (and ARGS_MIN_BUFFER), or NULL. */
static void *args_alloc(size_t size)
{
    return calloc(1, size > ARGS_MIN_BUFFER ? size : ARGS_MIN_BUFFER);
}

/* The bytes the callee may touch through parameter `i`, per calls.h. */
static size_t args_need(const struct callargs *ca, unsigned i)
{
    return ca->entry->need ? ca->entry->need(ca->a, i) : 0;
}

/* Copies the bytes of `v` into a buffer of at least `need` bytes for parameter `i`. */
static LONG args_copy_in(struct callargs *ca, unsigned i, const struct proto_value *v, size_t need)
{
    if (v->data.len < need)
        return LINEERR_INVALPOINTER;
    ca->buf[i] = args_alloc(v->data.len > need ? v->data.len : need);
    if (!ca->buf[i])
        return LINEERR_NOMEM;
    if (v->data.len)
        memcpy(ca->buf[i], v->data.data, v->data.len);
    ca->room[i] = (uint32_t)v->data.len;
    ca->a[i].ptr = ca->buf[i];
    return 0;
}

/* A zeroed output buffer of the size `v` offers for parameter `i`. */
static LONG args_out(struct callargs *ca, unsigned i, const struct proto_value *v, size_t need)
{
    if (v->out_size < need)
        return LINEERR_INVALPOINTER;
    ca->buf[i] = args_alloc(v->out_size);
    if (!ca->buf[i])
        return LINEERR_NOMEM;
    ca->room[i] = v->out_size;
    if (ca->entry->outs[i] == 'v' && v->out_size >= sizeof(DWORD))
        memcpy(ca->buf[i], &v->out_size, sizeof(DWORD)); /* dwTotalSize */
    ca->a[i].ptr = ca->buf[i];
    return 0;
}

/* Builds the pointer argument `i` of letter `letter` from `v`. */
static LONG args_pointer(struct callargs *ca, unsigned i, char letter, const struct proto_value *v)
{
    if (v->kind == PROTO_V_ABSENT || letter == 'x') {
        ca->a[i].ptr = NULL;
        return 0;
    }
    switch (letter) {
    case 's':
        ca->a[i].ptr = (void *)v->data.data; /* NUL-terminated by the decoder */
        return 0;
    case 'b':
    case 'B':
        return args_copy_in(ca, i, v, args_need(ca, i));
    case 'v':
    case 'V':
        return args_copy_in(ca, i, v, 0);
    case 'D': {
        struct proto_value copy = {.kind = PROTO_V_BLOB,
                                   .data = {(const uint8_t *)&v->dword, sizeof(v->dword)}};
        return args_copy_in(ca, i, &copy, sizeof(DWORD));
    }
    default: /* 'o' */
        return args_out(ca, i, v, args_need(ca, i));
    }
}

LONG args_build(struct callargs *ca, const struct call_entry *entry, const struct proto_call *call)
{
    memset(ca, 0, sizeof(*ca));
    ca->entry = entry;
    ca->fn = proto_function_find(entry->id);
    for (unsigned i = 0; i < ca->fn->nparams; i++) {
        const struct proto_value *v = &call->args.v[i];
        if (ca->fn->signature[i] == 'd')
            ca->a[i].d = v->dword;
        else if (ca->fn->signature[i] == 'p')
            ca->a[i].p = (DWORD_PTR)v->dword_ptr;
    }
    for (unsigned i = 0; i < ca->fn->nparams; i++) {
        char letter = ca->fn->signature[i];
        if (letter == 'd' || letter == 'p')
            continue;
        LONG rc = args_pointer(ca, i, letter, &call->args.v[i]);
        if (rc != 0) {
            args_release(ca);
            return args_error(entry->id, rc);
        }
    }
    return 0;
}

size_t args_count_outs(const struct callargs *ca)
{
    size_t n = 0;
    for (unsigned i = 0; i < ca->fn->nparams; i++)
        n += (size_t)(ca->entry->outs[i] != '-');
    return n;
}

/* The value of a var-size structure in `buf` of `room` bytes, trimmed to its dwUsedSize. */
static struct proto_value args_varstruct(void *buf, uint32_t room)
{
    struct proto_value v = {.kind = PROTO_V_ABSENT};
    DWORD header[3] = {0, 0, 0};
    if (room < sizeof(DWORD))
        return v;
    memcpy(header, buf, room < sizeof(header) ? room : sizeof(header));
    DWORD used = header[2];
    if (used < sizeof(header) || used > room)
        used = room < sizeof(header) ? room : (DWORD)sizeof(header);
    memcpy(buf, &used, sizeof(DWORD)); /* dwTotalSize: the length sent */
    v.kind = PROTO_V_VARSTRUCT;
    v.data.data = buf;
    v.data.len = used;
    return v;
}

/* The output value of parameter `i` of kind `kind` ('w', 'q', 'v', 'b'). */
static struct proto_value args_out_value(struct callargs *ca, unsigned i, char kind)
{
    struct proto_value v = {.kind = PROTO_V_ABSENT};
    if (!ca->buf[i] || ca->buf[i] == ca->extra)
        return v;
    switch (kind) {
    case 'w':
        v.kind = PROTO_V_DWORD;
        memcpy(&v.dword, ca->buf[i], sizeof(DWORD));
        return v;
    case 'q': /* a server-side pointer (an icon) means nothing to the client */
        v.kind = PROTO_V_DWORD_PTR;
        v.dword_ptr = 0;
        return v;
    case 'v':
        return args_varstruct(ca->buf[i], ca->room[i]);
    default:
        v.kind = PROTO_V_BLOB;
        v.data.data = ca->buf[i];
        v.data.len = ca->room[i];
        return v;
    }
}

void args_outs(struct callargs *ca, struct proto_values *outs)
{
    outs->n = 0;
    for (unsigned i = 0; i < ca->fn->nparams; i++)
        if (ca->entry->outs[i] != '-')
            outs->v[outs->n++] = args_out_value(ca, i, ca->entry->outs[i]);
}

void args_release(struct callargs *ca)
{
    for (unsigned i = 0; i < PROTO_MAX_VALUES; i++) {
        free(ca->buf[i]);
        ca->buf[i] = NULL;
    }
    free(ca->extra);
    ca->extra = NULL;
}
