/*
 * client_marshal.c — a TAPI call's C arguments to a Call frame's values and back, driven by the
 * signature letters of src/proto/functions.h (docs/protocol.md, "Parameters").
 *
 * Going out, each argument becomes one value: DWORDs and pointer-sized values as they are,
 * strings without their terminator, buffers and fixed structures as blobs of the size the stub's
 * size function gives, var-size structures as their dwTotalSize bytes, output pointers as the
 * room they offer. Coming back, outputs are first checked against the Call (proto_check_outs),
 * then copied into the application's memory; a var-size structure gets its own dwTotalSize
 * back. Nothing here knows a function by name: the table suffices.
 */
#include "client.h"

#include <string.h>

#include "core.h"

/* The application's dwTotalSize of the var-size structure at `p`. */
static DWORD total_of(const void *p)
{
    DWORD total;
    memcpy(&total, p, sizeof(total));
    return total;
}

/* A blob or varstruct value viewing `len` bytes at `p`. */
static void set_bytes(struct proto_value *v, enum proto_kind kind, const void *p, size_t len)
{
    v->kind = kind;
    v->data.data = p;
    v->data.len = len;
}

/* Builds the value of a var-size structure going in (v, V); 0 or a LINEERR_ code. */
static LONG in_varstruct(struct proto_value *v, void *p, DWORD *total)
{
    *total = total_of(p);
    if (*total < sizeof(DWORD))
        return LINEERR_STRUCTURETOOSMALL;
    if (*total > PROTO_MAX_BLOB)
        return LINEERR_INVALPARAM;
    set_bytes(v, PROTO_V_VARSTRUCT, p, *total);
    return 0;
}

/* Builds the value of an output pointer (o); 0 or a LINEERR_ code. */
static LONG out_value(const struct client_fn *fn, const union client_arg *a, unsigned i,
                      struct proto_value *v, DWORD *total)
{
    size_t room;
    switch (fn->outs[i]) {
    case 'v':
        *total = total_of(a[i].ptr);
        room = *total < PROTO_MAX_BLOB ? *total : PROTO_MAX_BLOB;
        break;
    case 'w':
        room = sizeof(DWORD);
        break;
    case 'q':
        room = sizeof(uint64_t);
        break;
    default:
        room = fn->size ? fn->size(a, i) : 0;
    }
    if (room > PROTO_MAX_BLOB)
        return LINEERR_INVALPARAM;
    v->kind = PROTO_V_OUT;
    v->out_size = (uint32_t)room;
    return 0;
}

/* Builds the value of pointer argument `i` with letter `letter`; 0 or a LINEERR_ code. */
static LONG pointer_value(const struct client_fn *fn, const union client_arg *a, unsigned i,
                          char letter, struct proto_value *v, DWORD *total)
{
    size_t len;
    switch (letter) {
    case 's':
        len = strlen(a[i].ptr);
        if (len > PROTO_MAX_STRING)
            return LINEERR_INVALPARAM;
        set_bytes(v, PROTO_V_STRING, a[i].ptr, len);
        return 0;
    case 'b':
    case 'B':
        len = fn->size ? fn->size(a, i) : 0;
        if (len > PROTO_MAX_BLOB)
            return LINEERR_INVALPARAM;
        set_bytes(v, PROTO_V_BLOB, a[i].ptr, len);
        return 0;
    case 'v':
    case 'V':
        return in_varstruct(v, a[i].ptr, total);
    case 'D':
        v->kind = PROTO_V_DWORD;
        memcpy(&v->dword, a[i].ptr, sizeof(DWORD));
        return 0;
    default: /* 'o' */
        return out_value(fn, a, i, v, total);
    }
}

LONG client_marshal_call(const struct client_fn *fn, const union client_arg *a,
                         struct proto_call *call, struct client_outs *keep)
{
    const struct proto_function *row = proto_function_find(fn->id);
    if (!row || row->nparams > PROTO_MAX_VALUES)
        return LINEERR_OPERATIONUNAVAIL;
    memset(call, 0, sizeof(*call));
    memset(keep, 0, sizeof(*keep));
    call->function = fn->id;
    call->args.n = row->nparams;
    for (unsigned i = 0; i < row->nparams; i++) {
        char letter = row->signature[i];
        struct proto_value *v = &call->args.v[i];
        if (letter == 'd') {
            v->kind = PROTO_V_DWORD;
            v->dword = a[i].d;
        } else if (letter == 'p') {
            v->kind = PROTO_V_DWORD_PTR;
            v->dword_ptr = a[i].p;
        } else if (letter == 'x' || a[i].ptr == NULL) {
            v->kind = PROTO_V_ABSENT;
        } else {
            keep->ptr[i] = a[i].ptr;
            keep->fit[i] = fn->fit ? fn->fit(a, i) : SIZE_MAX;
            LONG rc = pointer_value(fn, a, i, letter, v, &keep->total[i]);
            if (rc != 0)
                return rc;
        }
    }
    return 0;
}

/* Copies output value `out` to `dst`, the application's memory of parameter `i`. */
static void copy_out(const struct client_outs *keep, unsigned i, const struct proto_value *out)
{
    void *dst = keep->ptr[i];
    switch (out->kind) {
    case PROTO_V_DWORD:
        memcpy(dst, &out->dword, sizeof(out->dword));
        break;
    case PROTO_V_DWORD_PTR:
        memcpy(dst, &out->dword_ptr, sizeof(out->dword_ptr));
        break;
    case PROTO_V_BLOB:
        if (out->data.len)
            memcpy(dst, out->data.data,
                   out->data.len < keep->fit[i] ? out->data.len : keep->fit[i]);
        break;
    case PROTO_V_VARSTRUCT:
        memcpy(dst, out->data.data, out->data.len);
        memcpy(dst, &keep->total[i], sizeof(DWORD)); /* the application's own dwTotalSize */
        break;
    default:
        break;
    }
}

enum proto_err client_marshal_outs(const struct client_fn *fn, const struct proto_call *call,
                                   const struct client_outs *keep, const struct proto_values *outs,
                                   struct proto_error *err)
{
    const struct proto_function *row = proto_function_find(fn->id);
    enum proto_err rc = proto_check_outs(call, outs, err);
    if (rc != PROTO_OK || outs->n == 0)
        return rc;
    for (unsigned i = 0, k = 0; i < row->nparams; i++) {
        if (!proto_param_is_output(row->signature[i]))
            continue;
        copy_out(keep, i, &outs->v[k++]);
    }
    return PROTO_OK;
}

LONG client_error(uint32_t id, LONG line_code)
{
    if (id < 1000 || line_code == 0)
        return line_code;
    if (id >= 2000)
        return line_code == LINEERR_INVALPOINTER ? TAPIERR_INVALPOINTER : TAPIERR_REQUESTFAILED;
    return phone_error(line_code); /* the core's table of twins; PHONEERR_ codes pass */
}
