/*
 * encode.c — a `struct proto_msg` into protobuf-c's generated structures, then packed behind a
 * length prefix (encode.h).
 *
 * The generated structures are built on the stack and point at the caller's bytes; nothing is
 * allocated but the room the frame needs in the output buffer.
 */
#include "encode.h"

#include "tapix.pb-c.h"

#include <stdint.h>
#include <string.h>

/* Room for one list of values in protobuf-c form. */
struct pb_values {
    Tapix__Value v[PROTO_MAX_VALUES];
    Tapix__Value *p[PROTO_MAX_VALUES];
    Tapix__Absent absent;
};

/* A byte view as protobuf-c wants it; packing only reads through it. */
static ProtobufCBinaryData pb_bytes(const struct proto_bytes *b)
{
    ProtobufCBinaryData d = {b->len, (uint8_t *)(uintptr_t)b->data};
    return d;
}

static void fill_value(const struct proto_value *in, Tapix__Value *v, Tapix__Absent *absent)
{
    tapix__value__init(v);
    v->kind_case = (Tapix__Value__KindCase)in->kind;
    switch (in->kind) {
    case PROTO_V_DWORD:
        v->dword = in->dword;
        break;
    case PROTO_V_DWORD_PTR:
        v->dword_ptr = in->dword_ptr;
        break;
    case PROTO_V_STRING:
        v->string = pb_bytes(&in->data);
        break;
    case PROTO_V_ABSENT:
        v->absent = absent;
        break;
    case PROTO_V_BLOB:
        v->blob = pb_bytes(&in->data);
        break;
    case PROTO_V_VARSTRUCT:
        v->varstruct = pb_bytes(&in->data);
        break;
    case PROTO_V_OUT:
        v->out = in->out_size;
        break;
    default:
        v->kind_case = TAPIX__VALUE__KIND__NOT_SET;
        break;
    }
}

/* Fills `out` from `in` (validated: at most PROTO_MAX_VALUES); returns the pointer array. */
static Tapix__Value **fill_values(const struct proto_values *in, struct pb_values *out)
{
    tapix__absent__init(&out->absent);
    for (size_t i = 0; i < in->n; i++) {
        fill_value(&in->v[i], &out->v[i], &out->absent);
        out->p[i] = &out->v[i];
    }
    return out->p;
}

/* Everything one frame may need, so that building it takes no allocation. */
struct pb_frame {
    Tapix__Frame frame;
    union {
        Tapix__Hello hello;
        Tapix__Welcome welcome;
        Tapix__Call call;
        Tapix__Result result;
        Tapix__Event event;
        Tapix__Bye bye;
    };
    struct pb_values values;
};

static void fill_hello(const struct proto_hello *in, struct pb_frame *f)
{
    tapix__hello__init(&f->hello);
    f->hello.min_version = in->min_version;
    f->hello.max_version = in->max_version;
    f->hello.app_name = pb_bytes(&in->app_name);
    f->hello.pid = in->pid;
    f->hello.abi = pb_bytes(&in->abi);
    f->frame.hello = &f->hello;
}

static void fill_welcome(const struct proto_welcome *in, struct pb_frame *f)
{
    tapix__welcome__init(&f->welcome);
    f->welcome.version = in->version;
    f->welcome.max_frame = in->max_frame;
    f->welcome.api_version = in->api_version;
    f->welcome.flags = in->flags;
    f->welcome.n_functions = in->n_functions;
    f->welcome.functions = (uint32_t *)(uintptr_t)in->functions;
    f->welcome.server_name = pb_bytes(&in->server_name);
    f->welcome.abi = pb_bytes(&in->abi);
    f->frame.welcome = &f->welcome;
}

static void fill_call(const struct proto_call *in, struct pb_frame *f)
{
    tapix__call__init(&f->call);
    f->call.seq = in->seq;
    f->call.function = in->function;
    f->call.n_args = in->args.n;
    f->call.args = fill_values(&in->args, &f->values);
    f->frame.call = &f->call;
}

static void fill_result(const struct proto_result *in, struct pb_frame *f)
{
    tapix__result__init(&f->result);
    f->result.seq = in->seq;
    f->result.result = in->result;
    f->result.n_outs = in->outs.n;
    f->result.outs = fill_values(&in->outs, &f->values);
    f->frame.result = &f->result;
}

static void fill_event(const struct proto_event *in, struct pb_frame *f)
{
    tapix__event__init(&f->event);
    f->event.device = (Tapix__Device)in->device;
    f->event.h_device = in->h_device;
    f->event.message_id = in->message_id;
    f->event.callback_instance = in->callback_instance;
    f->event.param1 = in->param1;
    f->event.param2 = in->param2;
    f->event.param3 = in->param3;
    f->event.n_outs = in->outs.n;
    f->event.outs = fill_values(&in->outs, &f->values);
    f->frame.event = &f->event;
}

static void fill_bye(const struct proto_bye *in, struct pb_frame *f)
{
    tapix__bye__init(&f->bye);
    f->bye.reason = in->reason;
    f->bye.message = pb_bytes(&in->message);
    f->frame.bye = &f->bye;
}

/* Builds the protobuf-c form of the validated `msg` in `f`. */
static void fill_frame(const struct proto_msg *msg, struct pb_frame *f)
{
    tapix__frame__init(&f->frame);
    f->frame.body_case = (Tapix__Frame__BodyCase)msg->type;
    switch (msg->type) {
    case PROTO_HELLO:
        fill_hello(&msg->hello, f);
        break;
    case PROTO_WELCOME:
        fill_welcome(&msg->welcome, f);
        break;
    case PROTO_CALL:
        fill_call(&msg->call, f);
        break;
    case PROTO_RESULT:
        fill_result(&msg->result, f);
        break;
    case PROTO_EVENT:
        fill_event(&msg->event, f);
        break;
    case PROTO_BYE:
        fill_bye(&msg->bye, f);
        break;
    }
}

enum proto_err proto_encode(struct proto_buf *buf, const struct proto_msg *msg,
                            struct proto_error *err)
{
    struct pb_frame f;
    size_t size;
    uint8_t *p;
    enum proto_err rc = proto_validate(msg, err);
    if (rc != PROTO_OK)
        return rc;
    fill_frame(msg, &f);
    size = tapix__frame__get_packed_size(&f.frame);
    if (size > PROTO_MAX_FRAME)
        return proto_fail(err, PROTO_E_OVERSIZED, "encoded frame of %zu bytes, limit %u", size,
                          PROTO_MAX_FRAME);
    if (proto_buf_reserve(buf, PROTO_FRAME_HEADER + size) != 0)
        return proto_fail(err, PROTO_E_NOMEM, "out of memory for a frame of %zu bytes", size);
    p = buf->data + buf->len;
    p[0] = (uint8_t)(size >> 24);
    p[1] = (uint8_t)(size >> 16);
    p[2] = (uint8_t)(size >> 8);
    p[3] = (uint8_t)size;
    tapix__frame__pack(&f.frame, p + PROTO_FRAME_HEADER);
    buf->len += PROTO_FRAME_HEADER + size;
    return PROTO_OK;
}
