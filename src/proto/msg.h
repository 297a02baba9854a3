/*
 * msg.h — the client protocol's frames as plain C: what the encoder takes and the decoder
 * hands out, so that neither the server nor libtapix sees the protobuf-c types.
 *
 * A `struct proto_msg` is one frame: Hello, Welcome, Call, Result, Event or Bye. Parameters and
 * outputs are `struct proto_value`s, one per C parameter (docs/protocol.md, "Parameters").
 * Byte strings are (pointer, length) views: into the caller's memory when encoding, into the
 * decoded message's own storage when decoding. The limits below are part of the protocol
 * version: a peer that exceeds one is refused with the matching proto_err.
 *
 * Also here: the error codes and the one validator that both the encoder and the decoder apply,
 * so that whatever the encoder accepts the decoder accepts too.
 */
#ifndef TAPIX_PROTO_MSG_H
#define TAPIX_PROTO_MSG_H

#include <stddef.h>
#include <stdint.h>

/** The protocol version this code speaks (the only one so far). */
#define PROTO_VERSION 1
/** The blob layout of this build; peers must agree on it (docs/protocol.md, "Blobs"). */
#define PROTO_ABI "lp64-le"

/** The largest frame payload, in bytes (the 4-byte length prefix not counted). */
#define PROTO_MAX_FRAME (1024u * 1024u)
/** The most values a Call, Result or Event carries (TAPI's longest prototype has 12). */
#define PROTO_MAX_VALUES 16
/** The largest blob, var-size structure, or output size offered. */
#define PROTO_MAX_BLOB (PROTO_MAX_FRAME - 64u * 1024u)
/** The longest string argument, in bytes. */
#define PROTO_MAX_STRING (64u * 1024u)
/** The longest name or message in Hello, Welcome and Bye, in bytes. */
#define PROTO_MAX_NAME 256u
/** The most function IDs a Welcome lists. */
#define PROTO_MAX_FUNCTIONS 4096u

/** What kind of frame a message is; the values are the Frame.body field numbers. */
enum proto_type {
    PROTO_HELLO = 1,
    PROTO_WELCOME = 2,
    PROTO_CALL = 3,
    PROTO_RESULT = 4,
    PROTO_EVENT = 5,
    PROTO_BYE = 6,
};

/** The kind of a value; the values are the Value.kind field numbers (0: none set). */
enum proto_kind {
    PROTO_V_NONE = 0,
    PROTO_V_DWORD = 1,
    PROTO_V_DWORD_PTR = 2,
    PROTO_V_STRING = 3,
    PROTO_V_ABSENT = 4,
    PROTO_V_BLOB = 5,
    PROTO_V_VARSTRUCT = 6,
    PROTO_V_OUT = 7,
};

/** Event.device. */
enum proto_device {
    PROTO_DEVICE_LINE = 1,
    PROTO_DEVICE_PHONE = 2,
};

/** Bye.reason. */
enum proto_bye_reason {
    PROTO_BYE_NORMAL = 0,
    PROTO_BYE_PROTOCOL_ERROR = 1,
    PROTO_BYE_NO_VERSION = 2,
    PROTO_BYE_SHUTDOWN = 3,
};

/**
 * A view of bytes. Decoded strings are NUL-terminated (data[len] == 0) for the caller's
 * convenience; when encoding, only `len` bytes are read.
 */
struct proto_bytes {
    const uint8_t *data;
    size_t len;
};

struct proto_value {
    enum proto_kind kind;
    union {
        uint32_t dword;          /* PROTO_V_DWORD */
        uint64_t dword_ptr;      /* PROTO_V_DWORD_PTR */
        struct proto_bytes data; /* PROTO_V_STRING, PROTO_V_BLOB, PROTO_V_VARSTRUCT */
        uint32_t out_size;       /* PROTO_V_OUT */
    };
};

struct proto_values {
    size_t n;
    struct proto_value v[PROTO_MAX_VALUES];
};

struct proto_hello {
    uint32_t min_version;
    uint32_t max_version;
    struct proto_bytes app_name;
    uint32_t pid;
    struct proto_bytes abi;
};

struct proto_welcome {
    uint32_t version;
    uint32_t max_frame;
    uint32_t api_version;
    uint32_t flags;
    size_t n_functions;
    const uint32_t *functions;
    struct proto_bytes server_name;
    struct proto_bytes abi;
};

struct proto_call {
    uint32_t seq;
    uint32_t function;
    struct proto_values args;
};

struct proto_result {
    uint32_t seq;
    int32_t result;
    struct proto_values outs;
};

struct proto_event {
    enum proto_device device;
    uint32_t h_device;
    uint32_t message_id;
    uint64_t callback_instance;
    uint64_t param1;
    uint64_t param2;
    uint64_t param3;
    struct proto_values outs;
};

struct proto_bye {
    uint32_t reason;
    struct proto_bytes message;
};

/** One frame. */
struct proto_msg {
    enum proto_type type;
    union {
        struct proto_hello hello;
        struct proto_welcome welcome;
        struct proto_call call;
        struct proto_result result;
        struct proto_event event;
        struct proto_bye bye;
    };
};

/** Why a frame was refused. Each has one meaning; the message says where. */
enum proto_err {
    PROTO_OK = 0,
    PROTO_E_OVERSIZED,        /* length prefix or encoded size above PROTO_MAX_FRAME */
    PROTO_E_TRUNCATED,        /* the stream ended inside a frame */
    PROTO_E_PROTOBUF,         /* the payload is not a valid protobuf Frame */
    PROTO_E_BUDGET,           /* decoding would need more memory than the frame justifies */
    PROTO_E_UNKNOWN_TYPE,     /* no frame body, or one this version does not know */
    PROTO_E_UNKNOWN_FIELD,    /* a field this version does not know, outside Hello/Welcome */
    PROTO_E_UNKNOWN_FUNCTION, /* a Call's function ID is not in functions.h */
    PROTO_E_TOO_MANY_VALUES,  /* more than PROTO_MAX_VALUES arguments or outputs */
    PROTO_E_ARG_COUNT,        /* a Call's argument count differs from the function's */
    PROTO_E_VALUE_KIND,       /* a value's kind is missing or not allowed in its place */
    PROTO_E_BAD_UTF8,         /* a string is not valid UTF-8 */
    PROTO_E_NUL_IN_STRING,    /* a string contains a NUL byte */
    PROTO_E_VARSTRUCT_SIZE,   /* a var-size structure's dwTotalSize differs from its length */
    PROTO_E_TOO_LARGE,        /* a string, name, blob, output size or list above its limit */
    PROTO_E_BAD_FIELD,        /* a field's value is out of its range (seq 0, device 0, ...) */
    PROTO_E_NOMEM,            /* out of memory (not the peer's fault) */
};

/** An error: the code, and a message naming the fault for a log line. */
struct proto_error {
    enum proto_err code;
    char text[160];
};

/** Returns the schema's name of value kind `kind` ("dword", "varstruct", ...). */
const char *proto_kind_name(enum proto_kind kind);

/** Returns a short constant name of `code` ("oversized", "bad-utf8", ...). */
const char *proto_err_name(enum proto_err code);

/**
 * Checks `msg` against every rule of the protocol that does not depend on the connection's
 * history (docs/protocol.md, "Validation"). Returns PROTO_OK, or the first fault found, with
 * its description in `err` (which may be NULL). Does not allocate.
 */
enum proto_err proto_validate(const struct proto_msg *msg, struct proto_error *err);

/**
 * Checks the outputs `outs` of a Result, or of the reply Event, against the Call `call` they
 * answer (docs/protocol.md, "Parameters"): none at all, or one per output parameter of the
 * function in order, each `absent` or of a kind that fits its parameter and no larger than the
 * room the Call offered. `call` must have passed proto_validate(). Returns PROTO_OK or the
 * fault (PROTO_E_ARG_COUNT, PROTO_E_VALUE_KIND, PROTO_E_TOO_LARGE) with `err` naming it.
 */
enum proto_err proto_check_outs(const struct proto_call *call, const struct proto_values *outs,
                                struct proto_error *err);

/**
 * Checks that `len` bytes at `s` are UTF-8 (RFC 3629: shortest form, no surrogates, at most
 * U+10FFFF) without NUL. Returns PROTO_OK, PROTO_E_BAD_UTF8 or PROTO_E_NUL_IN_STRING; stores
 * the offending byte offset in `*at` when not NULL.
 */
enum proto_err proto_check_utf8(const uint8_t *s, size_t len, size_t *at);

/** Records `code` and a printf-style message in `err` (when not NULL); returns `code`. */
enum proto_err proto_fail(struct proto_error *err, enum proto_err code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* TAPIX_PROTO_MSG_H */
