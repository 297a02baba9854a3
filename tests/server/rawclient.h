/*
 * rawclient.h — a client of tapixd built from the protocol's own pieces (src/proto's encoder,
 * frame reader and decoder) and nothing of libtapix, for the server's tests; and the tapixd
 * process the tests start and stop.
 */
#ifndef TAPIX_TEST_RAWCLIENT_H
#define TAPIX_TEST_RAWCLIENT_H

#include <stdbool.h>
#include <sys/types.h>

#include "decode.h"
#include "encode.h"
#include "frame.h"
#include "functions.h"

#define RAW_TIMEOUT_MS 5000
#define RAW_MAX_QUEUED 512

/** A tapixd started for a test. */
struct raw_server {
    pid_t pid;
    char dir[64];     /* a temporary directory of its own */
    char socket[128]; /* dir/tapix.sock */
    char log[128];    /* dir/tapixd.log: its stderr */
    char config[128]; /* dir/tapix.conf when the test wrote one, else "" (tapixd.conf) */
};

/** Starts tapixd on a fresh socket with the test configuration; asserts it listens. */
void raw_server_start(struct raw_server *srv);

/** Makes the server's directory and writes `text` as its dir/tapix.conf; nothing started. */
void raw_server_prepare(struct raw_server *srv, const char *text);

/** Writes `text` as the server's dir/tapix.conf again (for a SIGHUP). */
void raw_server_write_config(const struct raw_server *srv, const char *text);

/** Removes the files and directory of a server that is not running. */
void raw_server_cleanup(struct raw_server *srv);

/** Starts tapixd again on the socket and log `srv` names; asserts it listens. */
void raw_server_spawn(struct raw_server *srv);

/** Runs another tapixd on the same socket and log, expected to exit; returns its status. */
int raw_server_run(const struct raw_server *srv);

/** Sends SIGTERM, waits for the exit; returns its status as waitpid gives it. Cleans up. */
int raw_server_stop(struct raw_server *srv);

/** True when the server's log contains `text` (waits up to RAW_TIMEOUT_MS for it). */
bool raw_server_logged(const struct raw_server *srv, const char *text);

/** One connection. */
struct raw_client {
    int fd;
    uint32_t seq;
    struct proto_reader reader;
    struct proto_msg *queue[RAW_MAX_QUEUED]; /* frames received and not yet taken */
    unsigned queued;
    bool eof;
};

/** Connects to `path`; asserts success. */
void raw_connect(struct raw_client *c, const char *path);

/** Closes the connection and frees what was received. */
void raw_close(struct raw_client *c);

/** Sends `msg` as a frame; asserts it is written. */
void raw_send(struct raw_client *c, const struct proto_msg *msg);

/** Writes raw bytes. */
void raw_write(struct raw_client *c, const void *data, size_t len);

/** Hello with versions [lo, hi] and abi `abi`; returns the answer (Welcome or Bye). */
struct proto_msg *raw_hello(struct raw_client *c, uint32_t lo, uint32_t hi, const char *abi);

/**
 * Takes the first received frame that `match` accepts, reading more until RAW_TIMEOUT_MS;
 * NULL on timeout or end of stream. The caller frees it with proto_msg_free().
 */
struct proto_msg *raw_take(struct raw_client *c,
                           bool (*match)(const struct proto_msg *, const void *), const void *arg);

/** Calls function `fn` with `n` arguments; returns its Result (asserted to arrive). */
struct proto_msg *raw_call(struct raw_client *c, uint32_t fn, const struct proto_value *args,
                           size_t n);

/** Waits for an Event `message_id` on `h_device` (0: any); NULL on timeout. */
struct proto_msg *raw_event(struct raw_client *c, uint32_t message_id, uint32_t h_device);

/** Waits for LINE_CALLSTATE `state` on `hCall`; asserts it arrives. */
void raw_callstate(struct raw_client *c, uint32_t hCall, uint32_t state);

/** True when a frame `match` accepts was received and not yet taken (reads without waiting). */
bool raw_queued(struct raw_client *c, bool (*match)(const struct proto_msg *, const void *),
                const void *arg);

/** Waits for Bye; returns its reason, or -1 when none came. */
int raw_bye(struct raw_client *c);

/** True when the server closed the connection (read gives end of stream within the timeout). */
bool raw_closed(struct raw_client *c);

/* Values. */
struct proto_value raw_dword(uint32_t x);
struct proto_value raw_ptr(uint64_t x);
struct proto_value raw_string(const char *s);
struct proto_value raw_absent(void);
struct proto_value raw_out(uint32_t size);
struct proto_value raw_varstruct(const void *data, size_t len);

#endif /* TAPIX_TEST_RAWCLIENT_H */
