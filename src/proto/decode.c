/*
 * decode.c — one frame payload to one `struct proto_msg`, strictly (decode.h).
 *
 * Three steps, each able to refuse the frame: protobuf-c unpacks the payload into its
 * generated structures, allocating from a budgeted arena; those structures are converted into
 * the plain C message, refusing unknown frame types, unknown fields and oversized lists; and
 * the protocol validator (validate.c) checks the result. The converted message and everything
 * it points to live in the arena, whose first block is part of the one allocation the caller
 * gets back, so a small frame costs a single malloc and one free.
 */
#include "decode.h"

#include "arena.h"
#include "tapix.pb-c.h"

#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The caller's message, the arena behind it, and the arena's first block. */
struct decoded {
    struct proto_msg msg; /* first: proto_msg_free() casts back */
    struct arena arena;
    alignas(max_align_t) unsigned char first[3072];
};

/* Refuses a message carrying fields this version does not know; `what` names it. */
static enum proto_err no_unknown(const ProtobufCMessage *m, const char *what,
                                 struct proto_error *err)
{
    if (m->n_unknown_fields == 0)
        return PROTO_OK;
    return proto_fail(err, PROTO_E_UNKNOWN_FIELD, "%s: unknown field %u", what,
                      m->unknown_fields[0].tag);
}

/* Maps a failed arena allocation to its error; `what` names the piece. */
static enum proto_err arena_failure(const struct arena *a, const char *what,
                                    struct proto_error *err)
{
    if (a->out_of_memory)
        return proto_fail(err, PROTO_E_NOMEM, "%s: out of memory", what);
    return proto_fail(err, PROTO_E_BUDGET, "%s: decoding needs more than %zu bytes", what,
                      a->budget);
}

/* Copies text `in` into the arena with a terminating NUL, so strings can be used as C strings.
 * The validator later refuses a NUL inside. */
static enum proto_err copy_text(struct arena *a, const ProtobufCBinaryData *in,
                                struct proto_bytes *out, const char *what, struct proto_error *err)
{
    uint8_t *p;
    if (in->len > PROTO_MAX_FRAME)
        return proto_fail(err, PROTO_E_TOO_LARGE, "%s: %zu bytes", what, in->len);
    p = arena_alloc(a, in->len + 1);
    if (!p)
        return arena_failure(a, what, err);
    if (in->len)
        memcpy(p, in->data, in->len);
    p[in->len] = 0;
    out->data = p;
    out->len = in->len;
    return PROTO_OK;
}

/* Views bytes that already live in the arena. */
static void view_bytes(const ProtobufCBinaryData *in, struct proto_bytes *out)
{
    out->data = in->data;
    out->len = in->len;
}

static enum proto_err convert_value(struct arena *a, const Tapix__Value *pv, struct proto_value *v,
                                    const char *where, struct proto_error *err)
{
    enum proto_err rc = no_unknown(&pv->base, where, err);
    if (rc != PROTO_OK)
        return rc;
    v->kind = (enum proto_kind)pv->kind_case;
    switch (pv->kind_case) {
    case TAPIX__VALUE__KIND_DWORD:
        v->dword = pv->dword;
        return PROTO_OK;
    case TAPIX__VALUE__KIND_DWORD_PTR:
        v->dword_ptr = pv->dword_ptr;
        return PROTO_OK;
    case TAPIX__VALUE__KIND_STRING:
        return copy_text(a, &pv->string, &v->data, where, err);
    case TAPIX__VALUE__KIND_ABSENT:
        return no_unknown(&pv->absent->base, where, err);
    case TAPIX__VALUE__KIND_BLOB:
        view_bytes(&pv->blob, &v->data);
        return PROTO_OK;
    case TAPIX__VALUE__KIND_VARSTRUCT:
        view_bytes(&pv->varstruct, &v->data);
        return PROTO_OK;
    case TAPIX__VALUE__KIND_OUT:
        v->out_size = pv->out;
        return PROTO_OK;
    default:
        v->kind = PROTO_V_NONE; /* the validator names it */
        return PROTO_OK;
    }
}

/* Converts a list of values; `what` names the list ("call 3 arguments"). */
static enum proto_err convert_values(struct arena *a, Tapix__Value *const *pv, size_t n,
                                     struct proto_values *out, const char *what,
                                     struct proto_error *err)
{
    char where[64];
    if (n > PROTO_MAX_VALUES)
        return proto_fail(err, PROTO_E_TOO_MANY_VALUES, "%s: %zu values, limit %d", what, n,
                          PROTO_MAX_VALUES);
    out->n = n;
    for (size_t i = 0; i < n; i++) {
        enum proto_err rc;
        snprintf(where, sizeof(where), "%s: value %zu", what, i + 1);
        rc = convert_value(a, pv[i], &out->v[i], where, err);
        if (rc != PROTO_OK)
            return rc;
    }
    return PROTO_OK;
}

/* Hello and Welcome may carry fields of later versions: they are skipped, not refused. */
static enum proto_err convert_hello(struct arena *a, const Tapix__Hello *ph, struct proto_hello *h,
                                    struct proto_error *err)
{
    enum proto_err rc;
    h->min_version = ph->min_version;
    h->max_version = ph->max_version;
    h->pid = ph->pid;
    rc = copy_text(a, &ph->app_name, &h->app_name, "hello app_name", err);
    if (rc == PROTO_OK)
        rc = copy_text(a, &ph->abi, &h->abi, "hello abi", err);
    return rc;
}

static enum proto_err convert_welcome(struct arena *a, const Tapix__Welcome *pw,
                                      struct proto_welcome *w, struct proto_error *err)
{
    enum proto_err rc;
    w->version = pw->version;
    w->max_frame = pw->max_frame;
    w->api_version = pw->api_version;
    w->flags = pw->flags;
    w->n_functions = pw->n_functions;
    w->functions = pw->functions;
    rc = copy_text(a, &pw->server_name, &w->server_name, "welcome server_name", err);
    if (rc == PROTO_OK)
        rc = copy_text(a, &pw->abi, &w->abi, "welcome abi", err);
    return rc;
}

static enum proto_err convert_call(struct arena *a, const Tapix__Call *pc, struct proto_call *c,
                                   struct proto_error *err)
{
    char what[48];
    enum proto_err rc;
    snprintf(what, sizeof(what), "call %u", pc->seq);
    rc = no_unknown(&pc->base, what, err);
    if (rc != PROTO_OK)
        return rc;
    c->seq = pc->seq;
    c->function = pc->function;
    snprintf(what, sizeof(what), "call %u arguments", pc->seq);
    return convert_values(a, pc->args, pc->n_args, &c->args, what, err);
}

static enum proto_err convert_result(struct arena *a, const Tapix__Result *pr,
                                     struct proto_result *r, struct proto_error *err)
{
    char what[48];
    enum proto_err rc;
    snprintf(what, sizeof(what), "result %u", pr->seq);
    rc = no_unknown(&pr->base, what, err);
    if (rc != PROTO_OK)
        return rc;
    r->seq = pr->seq;
    r->result = pr->result;
    snprintf(what, sizeof(what), "result %u outputs", pr->seq);
    return convert_values(a, pr->outs, pr->n_outs, &r->outs, what, err);
}

static enum proto_err convert_event(struct arena *a, const Tapix__Event *pe, struct proto_event *e,
                                    struct proto_error *err)
{
    char what[48];
    enum proto_err rc;
    snprintf(what, sizeof(what), "event message %u", pe->message_id);
    rc = no_unknown(&pe->base, what, err);
    if (rc != PROTO_OK)
        return rc;
    e->device = (enum proto_device)pe->device;
    e->h_device = pe->h_device;
    e->message_id = pe->message_id;
    e->callback_instance = pe->callback_instance;
    e->param1 = pe->param1;
    e->param2 = pe->param2;
    e->param3 = pe->param3;
    snprintf(what, sizeof(what), "event message %u outputs", pe->message_id);
    return convert_values(a, pe->outs, pe->n_outs, &e->outs, what, err);
}

static enum proto_err convert_bye(struct arena *a, const Tapix__Bye *pb, struct proto_bye *b,
                                  struct proto_error *err)
{
    enum proto_err rc = no_unknown(&pb->base, "bye", err);
    if (rc != PROTO_OK)
        return rc;
    b->reason = pb->reason;
    return copy_text(a, &pb->message, &b->message, "bye message", err);
}

/* Converts the unpacked frame `f` into `msg`. */
static enum proto_err convert_frame(struct arena *a, const Tapix__Frame *f, struct proto_msg *msg,
                                    struct proto_error *err)
{
    if (f->body_case == TAPIX__FRAME__BODY__NOT_SET) {
        if (f->base.n_unknown_fields)
            return proto_fail(err, PROTO_E_UNKNOWN_TYPE, "frame type %u unknown",
                              f->base.unknown_fields[0].tag);
        return proto_fail(err, PROTO_E_UNKNOWN_TYPE, "frame has no body");
    }
    if (f->base.n_unknown_fields)
        return no_unknown(&f->base, "frame", err);
    msg->type = (enum proto_type)f->body_case;
    switch (f->body_case) {
    case TAPIX__FRAME__BODY_HELLO:
        return convert_hello(a, f->hello, &msg->hello, err);
    case TAPIX__FRAME__BODY_WELCOME:
        return convert_welcome(a, f->welcome, &msg->welcome, err);
    case TAPIX__FRAME__BODY_CALL:
        return convert_call(a, f->call, &msg->call, err);
    case TAPIX__FRAME__BODY_RESULT:
        return convert_result(a, f->result, &msg->result, err);
    case TAPIX__FRAME__BODY_EVENT:
        return convert_event(a, f->event, &msg->event, err);
    case TAPIX__FRAME__BODY_BYE:
        return convert_bye(a, f->bye, &msg->bye, err);
    default:
        return proto_fail(err, PROTO_E_UNKNOWN_TYPE, "frame type %d unknown", (int)f->body_case);
    }
}

/* Unpacks and converts into `d`; the caller releases `d` on failure. */
static enum proto_err decode_into(struct decoded *d, const uint8_t *data, size_t len,
                                  struct proto_error *err)
{
    Tapix__Frame *f;
    enum proto_err rc;
    f = tapix__frame__unpack(&d->arena.pb, len, data);
    if (!f) {
        if (d->arena.over_budget || d->arena.out_of_memory)
            return arena_failure(&d->arena, "frame", err);
        return proto_fail(err, PROTO_E_PROTOBUF, "not a valid protobuf Frame (%zu bytes)", len);
    }
    rc = convert_frame(&d->arena, f, &d->msg, err);
    if (rc != PROTO_OK)
        return rc;
    return proto_validate(&d->msg, err);
}

enum proto_err proto_decode(const uint8_t *data, size_t len, struct proto_msg **out,
                            struct proto_error *err)
{
    struct decoded *d;
    enum proto_err rc;
    *out = NULL;
    if (len > PROTO_MAX_FRAME)
        return proto_fail(err, PROTO_E_OVERSIZED, "length %zu above the limit %u", len,
                          PROTO_MAX_FRAME);
    d = malloc(sizeof(*d));
    if (!d)
        return proto_fail(err, PROTO_E_NOMEM, "out of memory");
    memset(&d->msg, 0, sizeof(d->msg));
    arena_init(&d->arena, d->first, sizeof(d->first), PROTO_DECODE_BUDGET(len));
    rc = decode_into(d, data, len, err);
    if (rc != PROTO_OK) {
        arena_release(&d->arena);
        free(d);
        return rc;
    }
    *out = &d->msg;
    return PROTO_OK;
}

void proto_msg_free(struct proto_msg *msg)
{
    struct decoded *d = (struct decoded *)msg;
    if (!d)
        return;
    arena_release(&d->arena);
    free(d);
}
