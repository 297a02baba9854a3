/*
 * server.h — tapixd's model: one server (the event loop, the listener, the core it hosts) and
 * one session per connected client, with the applications that client initialized, the
 * outputs waiting for their asynchronous replies and the devices it opened.
 *
 * Everything here runs on the one libuv loop thread; the core's own thread reaches us only
 * through the eventfds of the applications we created, which the loop polls. Each concept has
 * its file: host.c (the core), listener.c (the UNIX socket and SO_PEERCRED), session.c (a
 * connection: frames in and out, closing), handshake.c (Hello/Welcome), execute.c and args.c
 * (a Call run on the core), events.c (an application's messages as Event frames), pending.c
 * (outputs written after the Result), opens.c (lines and phones to close at shutdown),
 * owner.c (each client acts on its own handles only).
 */
#ifndef TAPIX_SERVER_SERVER_H
#define TAPIX_SERVER_SERVER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <uv.h>

#include "backend.h"
#include "frame.h"
#include "msg.h"
#include "options.h"

struct session;
struct pending;

/** The server: one per process. */
struct server {
    uv_loop_t *loop;
    struct options opt;
    /* What executes TAPI functions: the embedded core's table; an access-control layer will
     * wrap it with the same type. */
    const struct tapix_backend *backend;
    uv_pipe_t listener;
    bool listening;
    uv_signal_t sig_term, sig_int;
    uv_timer_t grace; /* bounds how long shutdown waits for clients to read their Bye */
    bool stopping;
    struct session *sessions;
    uint64_t next_session_id;
    /* The server's own application: keeps the core and its providers up between clients. */
    HLINEAPP keeper;
    uv_poll_t keeper_poll;
    bool keeper_polling;
    /* Outputs of requests whose client left before the reply, which the provider may still
     * write; freed when the core has stopped. */
    struct pending *orphans;
};

/** One application a client initialized: its handle and the eventfd the loop polls. */
struct session_app {
    struct session *session;
    DWORD handle;
    enum proto_device device; /* PROTO_DEVICE_LINE for an HLINEAPP, PHONE for an HPHONEAPP */
    uv_poll_t poll;
    struct session_app *next;
};

/** A line or phone a client opened, for its LINE_CLOSE / PHONE_CLOSE at shutdown. */
struct session_open {
    DWORD app;
    DWORD handle;
    enum proto_device device;
    uint64_t callback_instance;
    struct session_open *next;
};

enum session_state { SESSION_HELLO, SESSION_READY, SESSION_CLOSING };

/** One connected client. */
struct session {
    struct server *srv;
    uint64_t id;
    uv_pipe_t pipe;
    pid_t pid; /* SO_PEERCRED */
    uid_t uid;
    gid_t gid;
    enum session_state state;
    uint32_t version; /* negotiated */
    struct proto_reader reader;
    struct proto_buf out;      /* frames not yet handed to the socket */
    struct proto_buf inflight; /* frames being written */
    uv_write_t wreq;
    bool writing;
    bool close_after_write; /* a Bye is queued: close once it is out */
    bool closed;            /* uv_close called */
    struct session_app *apps;
    struct pending *pending;
    struct session_open *opens;
    struct session *next;
};

/* host.c */
/** Starts the core with its providers (the keeper application). 0, or -1 logged. */
int host_start(struct server *srv);
/** Shuts the keeper down, which stops the core and its providers. */
void host_stop(struct server *srv);

/* listener.c */
/** Creates, binds and listens on opt.socket_path (see listener.c). 0, or -1 logged. */
int listener_start(struct server *srv);
/** Stops listening and removes the socket file. Idempotent. */
void listener_stop(struct server *srv);

/* session.c */
/** Accepts one pending connection on the listener and starts its session. */
void session_accept(struct server *srv);
/** Appends `msg` as a frame to the session's output and starts writing. 0, or -1 (the session
 * is then being closed: the message could not be encoded, or the client reads too slowly). */
int session_send(struct session *s, const struct proto_msg *msg);
/** Sends Bye with `reason` and `text`, shuts the session's applications down, and closes the
 * connection once the Bye is written. */
void session_end(struct session *s, enum proto_bye_reason reason, const char *text);
/** Ends every session with Bye(shutdown), after LINE_CLOSE for each open line (opens.c). */
void session_end_all(struct server *srv);
/** Closes every session at once, written or not (the shutdown's grace period is over). */
void session_close_all(struct server *srv);

/* handshake.c */
/** Answers a Hello: Welcome and SESSION_READY, or Bye. */
void handshake_hello(struct session *s, const struct proto_hello *hello);

/* execute.c */
/** Runs one Call on the core and sends its Result (and keeps outputs for a later reply). */
void execute_call(struct session *s, const struct proto_call *call);
/** Appends the IDs of the functions tapixd executes to `ids` (room for `max`); returns count. */
size_t execute_functions(uint32_t *ids, size_t max);

/* owner.c */
struct callargs;
/** 0 when every handle argument of `ca` is the session's own (or no live handle at all), else
 * the error TAPI gives for a handle that does not exist. Takes the core's lock. */
LONG owner_check(struct session *s, const struct callargs *ca);

/* events.c */
/** Registers application `handle` with eventfd `fd` and starts polling it. 0, or -1. */
int events_add_app(struct session *s, DWORD handle, enum proto_device device, int fd);
/** The session's application `handle` of `device`, or NULL. */
struct session_app *events_find_app(struct session *s, DWORD handle, enum proto_device device);
/** Stops polling `app` and forgets it (the caller shuts it down in the core after this). */
void events_remove_app(struct session *s, struct session_app *app);
/** Sends every message waiting for `app` as an Event frame. */
void events_drain(struct session_app *app);
/** Shuts down every application of the session in the core, forgetting their outputs. */
void events_shutdown_all(struct session *s);

/* opens.c */
/** Remembers an open line or phone. 0, or -1 out of memory (then only not closed at exit). */
int opens_add(struct session *s, DWORD app, DWORD handle, enum proto_device device,
              uint64_t callback_instance);
/** Forgets the open `handle` of `device` (closed or lost). */
void opens_remove(struct session *s, DWORD handle, enum proto_device device);
/** Forgets every open of application `app`. */
void opens_remove_app(struct session *s, DWORD app);
/** Sends LINE_CLOSE / PHONE_CLOSE for every open the session still has. */
void opens_send_close(struct session *s);
/** Frees the list. */
void opens_release(struct session *s);

#endif /* TAPIX_SERVER_SERVER_H */
