/*
 * outs.c — whether the outputs a peer returns fit the Call they answer.
 *
 * The decoder alone cannot know: a Result names its Call only by sequence number. The client,
 * which kept its Call, asks here before copying anything into the application's memory, so a
 * server that answers with more bytes than the application offered is caught, not obeyed.
 */
#include "functions.h"
#include "msg.h"

/* Returns the room, in bytes, the Call's argument `arg` offers its output. */
static size_t room(const struct proto_value *arg)
{
    switch (arg->kind) {
    case PROTO_V_OUT:
        return arg->out_size;
    case PROTO_V_DWORD:
        return 4;
    case PROTO_V_BLOB:
    case PROTO_V_VARSTRUCT:
        return arg->data.len;
    default:
        return 0;
    }
}

/* Returns the size of output `out` in the caller's memory. */
static size_t out_size(const struct proto_value *out)
{
    switch (out->kind) {
    case PROTO_V_DWORD:
        return 4;
    case PROTO_V_DWORD_PTR:
        return 8;
    default:
        return out->data.len;
    }
}

/* Returns 1 when output kind `kind` may answer a parameter with letter `letter`. */
static int kind_fits(char letter, enum proto_kind kind)
{
    switch (letter) {
    case 'D':
        return kind == PROTO_V_DWORD;
    case 'B':
        return kind == PROTO_V_BLOB;
    case 'V':
        return kind == PROTO_V_VARSTRUCT;
    default: /* 'o': whatever the pointer points to */
        return kind == PROTO_V_DWORD || kind == PROTO_V_DWORD_PTR || kind == PROTO_V_BLOB ||
               kind == PROTO_V_VARSTRUCT;
    }
}

/* Checks output `index` (0-based) against argument `arg` of letter `letter`. */
static enum proto_err check_out(const struct proto_function *fn, size_t index, char letter,
                                const struct proto_value *arg, const struct proto_value *out,
                                struct proto_error *err)
{
    if (out->kind == PROTO_V_ABSENT)
        return PROTO_OK;
    if (arg->kind == PROTO_V_ABSENT)
        return proto_fail(err, PROTO_E_VALUE_KIND, "%s output %zu: %s for a NULL pointer", fn->name,
                          index + 1, proto_kind_name(out->kind));
    if (!kind_fits(letter, out->kind))
        return proto_fail(err, PROTO_E_VALUE_KIND, "%s output %zu: %s where %s was passed",
                          fn->name, index + 1, proto_kind_name(out->kind),
                          proto_kind_name(arg->kind));
    if (out_size(out) > room(arg))
        return proto_fail(err, PROTO_E_TOO_LARGE, "%s output %zu: %zu bytes, %zu offered", fn->name,
                          index + 1, out_size(out), room(arg));
    return PROTO_OK;
}

enum proto_err proto_check_outs(const struct proto_call *call, const struct proto_values *outs,
                                struct proto_error *err)
{
    const struct proto_function *fn = proto_function_find(call->function);
    size_t expected = 0, k = 0;
    if (!fn)
        return proto_fail(err, PROTO_E_UNKNOWN_FUNCTION, "unknown function ID %u", call->function);
    if (outs->n == 0)
        return PROTO_OK;
    for (size_t i = 0; i < fn->nparams; i++)
        expected += (size_t)proto_param_is_output(fn->signature[i]);
    if (outs->n != expected)
        return proto_fail(err, PROTO_E_ARG_COUNT, "%s: %zu outputs, expected %zu", fn->name,
                          outs->n, expected);
    for (size_t i = 0; i < fn->nparams && i < call->args.n; i++) {
        enum proto_err rc;
        if (!proto_param_is_output(fn->signature[i]))
            continue;
        rc = check_out(fn, k, fn->signature[i], &call->args.v[i], &outs->v[k], err);
        if (rc != PROTO_OK)
            return rc;
        k++;
    }
    return PROTO_OK;
}
