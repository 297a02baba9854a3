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
 * owner.c (each client acts on its own handles only), acl.c and identity.c (who may see,
 * monitor or own which device), devnames.c (what devices are called), devmap.c (each client's
 * own device IDs), guard.c (the ACL applied to a Call and to messages), reload.c (SIGHUP),
 * revoke.c (what a reloaded ACL takes away).
 */
#ifndef TAPIX_SERVER_SERVER_H
#define TAPIX_SERVER_SERVER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <uv.h>

#include "acl.h"
#include "backend.h"
#include "frame.h"
#include "msg.h"
#include "options.h"

struct session;
struct pending;
struct config;

/** The names of the devices of one kind, by core device ID (devnames.c). */
struct devnames {
    struct devname *names;
    DWORD count;
};

/** A client's device ID whose device a reloaded ACL took away (devmap.c). */
#define DEVMAP_DEAD 0xFFFFFFFFu

/** A client's device IDs and the core's, both ways (devmap.c). */
struct devmap {
    DWORD *to_core; /* by the client's ID; DEVMAP_DEAD: taken away */
    DWORD count, cap;
    DWORD *to_local; /* by the core's ID, below `known`; 0xFFFFFFFF: not the client's */
    DWORD known;
    DWORD synced; /* the core's IDs below this were considered */
};

/** The server: one per process. */
struct server {
    uv_loop_t *loop;
    struct options opt;
    /* What executes TAPI functions: the embedded core's table; an access-control layer will
     * wrap it with the same type. */
    const struct tapix_backend *backend;
    uv_pipe_t listener;
    bool listening;
    uv_signal_t sig_term, sig_int, sig_hup;
    /* The configuration in force (reload.c replaces it as a whole) and its access-control list
     * (NULL: no [acl] section). */
    struct config *cfg;
    struct acl *acl;
    struct devnames names[2]; /* by enum acl_device */
    uv_timer_t grace;         /* bounds how long shutdown waits for clients to read their Bye */
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
    bool called; /* a handle of the Call being run is its (owner.c); drained after the Call */
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
    struct identity who;   /* the user and groups the ACL is asked about */
    struct devmap maps[2]; /* by enum acl_device */
    enum session_state state;
    uint32_t version; /* negotiated */
    struct proto_reader reader;
    struct proto_buf out;      /* frames not yet handed to the socket */
    struct proto_buf inflight; /* frames being written */
    uv_write_t wreq;
    bool writing;
    bool close_after_write; /* a Bye is queued: close once it is out */
    bool closed;            /* uv_close called */
    unsigned corked;        /* > 0: frames gather in `out` until session_uncork() (one write) */
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
/** Holds the session's frames back from the socket until the matching session_uncork(), so
 * that what one read of the client produces (its Calls' Results, each with the Events the Call
 * queued behind it) leaves in one write. Nests. */
void session_cork(struct session *s);
/** Ends one session_cork(); the last one hands what gathered to the socket. The session may be
 * closed by then (a failed write), but its memory lasts until the loop's close callbacks. */
void session_uncork(struct session *s);
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
/** Runs one Call on the core and sends its Result (and keeps outputs for a later reply), then
 * the Events the core queued meanwhile for the applications the Call's handles belong to. */
void execute_call(struct session *s, const struct proto_call *call);
/** Appends the IDs of the functions tapixd executes to `ids` (room for `max`); returns count. */
size_t execute_functions(uint32_t *ids, size_t max);

/* owner.c */
struct callargs;
/** 0 when every handle argument of `ca` is the session's own (or no live handle at all), else
 * the error TAPI gives for a handle that does not exist. Marks the session's applications the
 * handles belong to `called`. Takes the core's lock. */
LONG owner_check(struct session *s, const struct callargs *ca);

/* devnames.c */
/** What the core's device `id` of `kind` is called (looked up once, then kept); NULL when out of
 * memory. Calls the core. */
const struct devname *devnames_get(struct server *srv, enum acl_device kind, DWORD id);
/** Forgets every name. */
void devnames_release(struct server *srv);

/* devmap.c */
/** The rights the session's user has on the core's device `core_id` under the current ACL. */
enum acl_right devmap_rights(struct session *s, enum acl_device kind, DWORD core_id);
/** Maps the devices the core gained since the last sync that the client may see. 0, or -1. */
int devmap_sync(struct session *s, enum acl_device kind);
/** Maps the devices the client was not shown and may see now (after an ACL reload); returns
 * the first new ID of the client's: the new ones run from it to the map's count. */
DWORD devmap_rescan(struct session *s, enum acl_device kind);
/** Takes the client's device `local` out of its view for good (its ID is not reused). */
void devmap_hide(struct session *s, enum acl_device kind, DWORD local);
/** How many devices of `kind` the client has (after a sync). */
DWORD devmap_count(struct session *s, enum acl_device kind);
/** The core's ID of the client's device `local`: 0, or -1 when the client has no such ID. */
int devmap_to_core(struct session *s, enum acl_device kind, DWORD local, DWORD *core_id);
/** The client's ID of the core's device `core_id`: 0, or -1 when it is none of the client's. */
int devmap_to_local(struct session *s, enum acl_device kind, DWORD core_id, DWORD *local);
/** Frees the session's maps. */
void devmap_release(struct session *s);

/* guard.c */
/** Applies the ACL to `ca` before it runs: device IDs mapped to the core's, rights checked.
 * 0, or the error the client gets. */
LONG guard_before(struct session *s, struct callargs *ca);
/** Maps the device IDs among the outputs of `ca`, which returned `rc`, to the client's; returns
 * `rc`, or an error when an output names a device the client may not see. */
LONG guard_after(struct session *s, struct callargs *ca, LONG rc);
/** Maps the device ID a message of `device` carries (LINE_CREATE, …) to the client's; false
 * when the client must not get it (a device it may not see). */
bool guard_event(struct session *s, enum proto_device device, LINEMESSAGE *m);

/* reload.c */
/** Reads the configuration again (SIGHUP): providers added and removed, the ACL replaced, or,
 * when the new one is bad, a log line and the old one kept. */
void reload_config(struct server *srv);

/* revoke.c */
/** After an ACL reload: closes each client's opens it lost the rights for (LINE_CLOSE) and takes
 * the devices it may no longer see out of its view (LINE_REMOVE). */
void revoke_all(struct server *srv);

/* events.c */
/** Registers application `handle` with eventfd `fd` and starts polling it. 0, or -1. */
int events_add_app(struct session *s, DWORD handle, enum proto_device device, int fd);
/** The session's application `handle` of `device`, or NULL. */
struct session_app *events_find_app(struct session *s, DWORD handle, enum proto_device device);
/** Stops polling `app` and forgets it (the caller shuts it down in the core after this). */
void events_remove_app(struct session *s, struct session_app *app);
/** Sends every message waiting for `app` as an Event frame. */
void events_drain(struct session_app *app);
/** Sends every message waiting for the session's applications marked `called` (clearing the
 * marks), application by application, each queue in its own order; stops when the session
 * starts closing. For after a Call, whose messages no eventfd has reported yet. */
void events_drain_called(struct session *s);
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
