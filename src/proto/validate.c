/*
 * validate.c — the protocol's rules for one frame, applied to a `struct proto_msg`.
 *
 * The decoder runs this on every frame it turns out, and the encoder on every frame it writes,
 * so the two can never disagree. The checks here are the ones that need no knowledge of the
 * connection: ranges, limits, strings, var-size structure sizes, and each Call argument's kind
 * against its function's signature (functions.h). Whether a Result answers a Call in flight, or
 * a Hello comes first, is the session's business.
 */
#include "functions.h"
#include "msg.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *proto_err_name(enum proto_err code)
{
    static const char *const names[] = {
        [PROTO_OK] = "ok",
        [PROTO_E_OVERSIZED] = "oversized",
        [PROTO_E_TRUNCATED] = "truncated",
        [PROTO_E_PROTOBUF] = "bad-protobuf",
        [PROTO_E_BUDGET] = "over-budget",
        [PROTO_E_UNKNOWN_TYPE] = "unknown-type",
        [PROTO_E_UNKNOWN_FIELD] = "unknown-field",
        [PROTO_E_UNKNOWN_FUNCTION] = "unknown-function",
        [PROTO_E_TOO_MANY_VALUES] = "too-many-values",
        [PROTO_E_ARG_COUNT] = "arg-count",
        [PROTO_E_VALUE_KIND] = "value-kind",
        [PROTO_E_BAD_UTF8] = "bad-utf8",
        [PROTO_E_NUL_IN_STRING] = "nul-in-string",
        [PROTO_E_VARSTRUCT_SIZE] = "varstruct-size",
        [PROTO_E_TOO_LARGE] = "too-large",
        [PROTO_E_BAD_FIELD] = "bad-field",
        [PROTO_E_NOMEM] = "no-memory",
    };
    if ((size_t)code < sizeof(names) / sizeof(names[0]) && names[code])
        return names[code];
    return "unknown-error";
}

enum proto_err proto_fail(struct proto_error *err, enum proto_err code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->code = code;
        va_start(ap, fmt);
        vsnprintf(err->text, sizeof(err->text), fmt, ap);
        va_end(ap);
    }
    return code;
}

/* Returns the length of the UTF-8 sequence that lead byte `c` starts, 0 if none does, and
 * the smallest and largest allowed second byte (shortest form, no surrogates, <= U+10FFFF). */
static size_t utf8_lead(uint8_t c, uint8_t *lo, uint8_t *hi)
{
    *lo = 0x80;
    *hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        return 2;
    if (c >= 0xE0 && c <= 0xEF) {
        if (c == 0xE0)
            *lo = 0xA0;
        else if (c == 0xED)
            *hi = 0x9F;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (c == 0xF0)
            *lo = 0x90;
        else if (c == 0xF4)
            *hi = 0x8F;
        return 4;
    }
    return 0;
}

enum proto_err proto_check_utf8(const uint8_t *s, size_t len, size_t *at)
{
    size_t i = 0;
    while (i < len) {
        uint8_t c = s[i], lo, hi;
        size_t n;
        if (c == 0)
            goto nul;
        if (c < 0x80) {
            i++;
            continue;
        }
        n = utf8_lead(c, &lo, &hi);
        if (n == 0 || len - i < n || s[i + 1] < lo || s[i + 1] > hi)
            goto bad;
        for (size_t k = 2; k < n; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                goto bad;
        i += n;
    }
    return PROTO_OK;
nul:
    if (at)
        *at = i;
    return PROTO_E_NUL_IN_STRING;
bad:
    if (at)
        *at = i;
    return PROTO_E_BAD_UTF8;
}

/* Checks a text field of `max` bytes at most; `what` names it in the message. */
static enum proto_err check_text(const struct proto_bytes *b, size_t max, const char *what,
                                 struct proto_error *err)
{
    size_t at = 0;
    enum proto_err rc;
    if (b->len > max)
        return proto_fail(err, PROTO_E_TOO_LARGE, "%s: %zu bytes, limit %zu", what, b->len, max);
    if (b->len > 0 && !b->data)
        return proto_fail(err, PROTO_E_BAD_FIELD, "%s: no data for %zu bytes", what, b->len);
    rc = proto_check_utf8(b->data, b->len, &at);
    if (rc == PROTO_E_BAD_UTF8)
        return proto_fail(err, rc, "%s: not valid UTF-8 at byte %zu", what, at);
    if (rc == PROTO_E_NUL_IN_STRING)
        return proto_fail(err, rc, "%s: NUL at byte %zu", what, at);
    return PROTO_OK;
}

const char *proto_kind_name(enum proto_kind kind)
{
    static const char *const names[] = {"none",   "dword", "dword_ptr", "string",
                                        "absent", "blob",  "varstruct", "out"};
    return (size_t)kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "unknown";
}

/* Reads the little-endian DWORD at the start of `b` (which holds at least 4 bytes). */
static uint32_t read_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Checks a blob or var-size structure against the limits; `where` names it. */
static enum proto_err check_bytes(const struct proto_value *v, const char *where,
                                  struct proto_error *err)
{
    const struct proto_bytes *b = &v->data;
    if (b->len > PROTO_MAX_BLOB)
        return proto_fail(err, PROTO_E_TOO_LARGE, "%s: %s of %zu bytes, limit %u", where,
                          proto_kind_name(v->kind), b->len, PROTO_MAX_BLOB);
    if (b->len > 0 && !b->data)
        return proto_fail(err, PROTO_E_BAD_FIELD, "%s: no data for %zu bytes", where, b->len);
    if (v->kind != PROTO_V_VARSTRUCT)
        return PROTO_OK;
    if (b->len < 4)
        return proto_fail(err, PROTO_E_VARSTRUCT_SIZE,
                          "%s: varstruct of %zu bytes has no dwTotalSize", where, b->len);
    if (read_le32(b->data) != b->len)
        return proto_fail(err, PROTO_E_VARSTRUCT_SIZE,
                          "%s: varstruct dwTotalSize %u differs from its length %zu", where,
                          read_le32(b->data), b->len);
    return PROTO_OK;
}

/* Checks the content of one value of any kind; `where` names it. */
static enum proto_err check_value(const struct proto_value *v, const char *where,
                                  struct proto_error *err)
{
    switch (v->kind) {
    case PROTO_V_DWORD:
    case PROTO_V_DWORD_PTR:
    case PROTO_V_ABSENT:
        return PROTO_OK;
    case PROTO_V_STRING:
        return check_text(&v->data, PROTO_MAX_STRING, where, err);
    case PROTO_V_BLOB:
    case PROTO_V_VARSTRUCT:
        return check_bytes(v, where, err);
    case PROTO_V_OUT:
        if (v->out_size > PROTO_MAX_BLOB)
            return proto_fail(err, PROTO_E_TOO_LARGE, "%s: out size %u, limit %u", where,
                              v->out_size, PROTO_MAX_BLOB);
        return PROTO_OK;
    case PROTO_V_NONE:
    default:
        return proto_fail(err, PROTO_E_VALUE_KIND, "%s: no value", where);
    }
}

#define KIND_BIT(k) (1u << (k))

/* Returns the set of kinds that signature letter `letter` admits (functions.h). */
static unsigned letter_kinds(char letter)
{
    const unsigned absent = KIND_BIT(PROTO_V_ABSENT);
    switch (letter) {
    case 'd':
        return KIND_BIT(PROTO_V_DWORD);
    case 'p':
        return KIND_BIT(PROTO_V_DWORD_PTR);
    case 's':
        return KIND_BIT(PROTO_V_STRING) | absent;
    case 'b':
    case 'B':
        return KIND_BIT(PROTO_V_BLOB) | absent;
    case 'v':
    case 'V':
        return KIND_BIT(PROTO_V_VARSTRUCT) | absent;
    case 'o':
        return KIND_BIT(PROTO_V_OUT) | absent;
    case 'x':
        return absent;
    case 'D':
        return KIND_BIT(PROTO_V_DWORD) | absent;
    default:
        return 0;
    }
}

/* Describes the kinds of `mask` as "blob or absent" into `buf`. */
static const char *kinds_text(unsigned mask, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int k = PROTO_V_DWORD; k <= PROTO_V_OUT; k++) {
        if (!(mask & KIND_BIT(k)))
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used ? " or " : "",
                         proto_kind_name((enum proto_kind)k));
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
    return buf;
}

/* Checks that `v`'s kind is one of `mask`, then its content; `where` names it. */
static enum proto_err check_kind(const struct proto_value *v, unsigned mask, const char *where,
                                 struct proto_error *err)
{
    char want[64];
    if (v->kind == PROTO_V_NONE)
        return proto_fail(err, PROTO_E_VALUE_KIND, "%s: no value", where);
    if ((unsigned)v->kind > PROTO_V_OUT || !(mask & KIND_BIT(v->kind)))
        return proto_fail(err, PROTO_E_VALUE_KIND, "%s: %s where %s belongs", where,
                          proto_kind_name(v->kind), kinds_text(mask, want, sizeof(want)));
    return check_value(v, where, err);
}

static enum proto_err validate_hello(const struct proto_hello *h, struct proto_error *err)
{
    enum proto_err rc;
    if (h->min_version == 0)
        return proto_fail(err, PROTO_E_BAD_FIELD, "hello: min_version is 0");
    if (h->max_version < h->min_version)
        return proto_fail(err, PROTO_E_BAD_FIELD, "hello: max_version %u below min_version %u",
                          h->max_version, h->min_version);
    rc = check_text(&h->app_name, PROTO_MAX_NAME, "hello app_name", err);
    if (rc == PROTO_OK)
        rc = check_text(&h->abi, PROTO_MAX_NAME, "hello abi", err);
    return rc;
}

static enum proto_err validate_welcome(const struct proto_welcome *w, struct proto_error *err)
{
    enum proto_err rc;
    if (w->version == 0)
        return proto_fail(err, PROTO_E_BAD_FIELD, "welcome: version is 0");
    if (w->max_frame == 0)
        return proto_fail(err, PROTO_E_BAD_FIELD, "welcome: max_frame is 0");
    if (w->n_functions > PROTO_MAX_FUNCTIONS)
        return proto_fail(err, PROTO_E_TOO_LARGE, "welcome: %zu function IDs, limit %u",
                          w->n_functions, PROTO_MAX_FUNCTIONS);
    if (w->n_functions > 0 && !w->functions)
        return proto_fail(err, PROTO_E_BAD_FIELD, "welcome: no data for %zu function IDs",
                          w->n_functions);
    rc = check_text(&w->server_name, PROTO_MAX_NAME, "welcome server_name", err);
    if (rc == PROTO_OK)
        rc = check_text(&w->abi, PROTO_MAX_NAME, "welcome abi", err);
    return rc;
}

static enum proto_err validate_call(const struct proto_call *c, struct proto_error *err)
{
    const struct proto_function *fn;
    char where[96];
    if (c->seq == 0)
        return proto_fail(err, PROTO_E_BAD_FIELD, "call: seq is 0");
    fn = proto_function_find(c->function);
    if (!fn)
        return proto_fail(err, PROTO_E_UNKNOWN_FUNCTION, "call %u: unknown function ID %u", c->seq,
                          c->function);
    if (c->args.n > PROTO_MAX_VALUES)
        return proto_fail(err, PROTO_E_TOO_MANY_VALUES, "call %u %s: %zu arguments, limit %d",
                          c->seq, fn->name, c->args.n, PROTO_MAX_VALUES);
    if (c->args.n != fn->nparams)
        return proto_fail(err, PROTO_E_ARG_COUNT, "call %u %s: %zu arguments, expected %u", c->seq,
                          fn->name, c->args.n, fn->nparams);
    for (size_t i = 0; i < c->args.n; i++) {
        enum proto_err rc;
        snprintf(where, sizeof(where), "call %u %s argument %zu", c->seq, fn->name, i + 1);
        rc = check_kind(&c->args.v[i], letter_kinds(fn->signature[i]), where, err);
        if (rc != PROTO_OK)
            return rc;
    }
    return PROTO_OK;
}

/* Checks the outputs of a Result or Event; `what` names the frame ("result 7"). */
static enum proto_err validate_outs(const struct proto_values *outs, const char *what,
                                    struct proto_error *err)
{
    const unsigned mask = KIND_BIT(PROTO_V_DWORD) | KIND_BIT(PROTO_V_DWORD_PTR) |
                          KIND_BIT(PROTO_V_BLOB) | KIND_BIT(PROTO_V_VARSTRUCT) |
                          KIND_BIT(PROTO_V_ABSENT);
    char where[96];
    if (outs->n > PROTO_MAX_VALUES)
        return proto_fail(err, PROTO_E_TOO_MANY_VALUES, "%s: %zu outputs, limit %d", what, outs->n,
                          PROTO_MAX_VALUES);
    for (size_t i = 0; i < outs->n; i++) {
        enum proto_err rc;
        snprintf(where, sizeof(where), "%s output %zu", what, i + 1);
        rc = check_kind(&outs->v[i], mask, where, err);
        if (rc != PROTO_OK)
            return rc;
    }
    return PROTO_OK;
}

static enum proto_err validate_result(const struct proto_result *r, struct proto_error *err)
{
    char what[32];
    if (r->seq == 0)
        return proto_fail(err, PROTO_E_BAD_FIELD, "result: seq is 0");
    snprintf(what, sizeof(what), "result %u", r->seq);
    return validate_outs(&r->outs, what, err);
}

static enum proto_err validate_event(const struct proto_event *e, struct proto_error *err)
{
    char what[48];
    if (e->device != PROTO_DEVICE_LINE && e->device != PROTO_DEVICE_PHONE)
        return proto_fail(err, PROTO_E_BAD_FIELD, "event: device %d is neither line nor phone",
                          (int)e->device);
    snprintf(what, sizeof(what), "event message %u", e->message_id);
    return validate_outs(&e->outs, what, err);
}

enum proto_err proto_validate(const struct proto_msg *msg, struct proto_error *err)
{
    switch (msg->type) {
    case PROTO_HELLO:
        return validate_hello(&msg->hello, err);
    case PROTO_WELCOME:
        return validate_welcome(&msg->welcome, err);
    case PROTO_CALL:
        return validate_call(&msg->call, err);
    case PROTO_RESULT:
        return validate_result(&msg->result, err);
    case PROTO_EVENT:
        return validate_event(&msg->event, err);
    case PROTO_BYE:
        return check_text(&msg->bye.message, PROTO_MAX_NAME, "bye message", err);
    default:
        return proto_fail(err, PROTO_E_UNKNOWN_TYPE, "frame type %d unknown", (int)msg->type);
    }
}
