/*
 * execute.c — a Call frame run on the core: find the function by ID, build its C arguments
 * (args.c), call it through the server's backend table, and answer Result with the outputs.
 *
 * The backend table is the embedded core's (src/client/embedded.h): the same seam libtapix's
 * public functions go through, one typed pointer per TAPI function, so the compiler checks
 * each invocation against tapi.h, and an access-control layer can later wrap the table
 * without this file changing. A few functions need the session besides the core: the
 * initializations (their application is the session's and reports through an eventfd the loop
 * polls), the shutdowns (only of the session's own applications), every device ID and right
 * (guard.c applies the access-control list before and after the call), lineOpen / phoneOpen and
 * their closes (remembered for LINE_CLOSE at server shutdown), the asynchronous requests and
 * lineGatherDigits (outputs written after the Result, kept by pending.c).
 */
#include <stdlib.h>
#include <string.h>

#include <tapix/tapix.h>

#include "args.h"
#include "pending.h"
#include "server.h"
#include "slog.h"

/* The row of function `id`, or NULL when the backend has no such function. */
static const struct call_entry *execute_find(uint32_t id)
{
    size_t n, lo = 0;
    const struct call_entry *rows = calls_table(&n);
    size_t hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rows[mid].id == id)
            return &rows[mid];
        if (rows[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Whether the server executes `id`: the message pumps are the client's own business (it
 * answers them from Events), and the TAPI 1.x initializations need a callback window. */
static bool execute_listed(uint32_t id)
{
    return id != PROTO_FN_lineGetMessage && id != PROTO_FN_phoneGetMessage &&
           id != PROTO_FN_lineInitialize && id != PROTO_FN_phoneInitialize;
}

size_t execute_functions(uint32_t *ids, size_t max)
{
    size_t n, count = 0;
    const struct call_entry *rows = calls_table(&n);
    for (size_t i = 0; i < n && count < max; i++)
        if (execute_listed(rows[i].id))
            ids[count++] = rows[i].id;
    return count;
}

/* Calls the function of `ca` on the core. */
static LONG execute_invoke(struct session *s, struct callargs *ca)
{
    return ca->entry->invoke(s->srv->backend, ca->a);
}

/* Shuts down application `handle` in the core (after a failed registration). */
static void execute_shutdown_app(struct session *s, DWORD handle, enum proto_device device)
{
    if (device == PROTO_DEVICE_LINE)
        s->srv->backend->lineShutdown(handle);
    else
        s->srv->backend->phoneShutdown(handle);
}

/* The session's side of a successful initialization: poll the new application's eventfd. */
static LONG execute_adopt_app(struct session *s, struct callargs *ca, enum proto_device device,
                              const LINEINITIALIZEEXPARAMS *params)
{
    DWORD handle;
    memcpy(&handle, ca->buf[0], sizeof(handle));
    int fd = TAPIX_HANDLE_TO_FD(params->Handles.hEvent);
    if (fd < 0 || events_add_app(s, handle, device, fd) != 0) {
        execute_shutdown_app(s, handle, device);
        return args_error(ca->entry->id, LINEERR_NOMEM);
    }
    slog(SLOG_INFO, "client %llu: %s application 0x%x \"%s\"", (unsigned long long)s->id,
         device == PROTO_DEVICE_LINE ? "line" : "phone", handle,
         ca->a[3].ptr ? (const char *)ca->a[3].ptr : "");
    return 0;
}

/*
 * lineInitializeEx / phoneInitializeEx: whatever the client chose for itself, the core's
 * application reports through an eventfd (LINEINITIALIZEEXOPTION_USEEVENT); the client gets
 * its own options back, and no server-side handle.
 */
static LONG execute_initialize(struct session *s, struct callargs *ca, enum proto_device device)
{
    LINEINITIALIZEEXPARAMS *params = ca->a[6].ptr;
    if (!params) {
        params = calloc(1, sizeof(*params));
        if (!params)
            return args_error(ca->entry->id, LINEERR_NOMEM);
        params->dwTotalSize = sizeof(*params);
        ca->extra = params;
        ca->a[6].ptr = params;
    } else if (ca->room[6] < sizeof(*params)) {
        return args_error(ca->entry->id, LINEERR_STRUCTURETOOSMALL);
    }
    DWORD options = params->dwOptions;
    params->dwOptions =
        LINEINITIALIZEEXOPTION_USEEVENT | (options & LINEINITIALIZEEXOPTION_CALLHUBTRACKING);
    LONG rc = execute_invoke(s, ca);
    if (rc == 0)
        rc = execute_adopt_app(s, ca, device, params);
    params->dwOptions = options;
    params->Handles.hEvent = NULL;
    return rc;
}

/* lineShutdown / phoneShutdown: only of the session's own applications. */
static LONG execute_shutdown(struct session *s, struct callargs *ca, enum proto_device device)
{
    struct session_app *app = events_find_app(s, ca->a[0].d, device);
    if (!app)
        return args_error(ca->entry->id, LINEERR_INVALAPPHANDLE);
    opens_remove_app(s, app->handle);
    events_remove_app(s, app);
    return execute_invoke(s, ca);
}

/* lineOpen / phoneOpen: remember the open for LINE_CLOSE / PHONE_CLOSE at shutdown. */
static LONG execute_open(struct session *s, struct callargs *ca, enum proto_device device)
{
    LONG rc = execute_invoke(s, ca);
    if (rc == 0 && ca->buf[2]) {
        DWORD handle;
        memcpy(&handle, ca->buf[2], sizeof(handle));
        if (opens_add(s, ca->a[0].d, handle, device, ca->a[5].p) != 0)
            slog(SLOG_WARN, "client %llu: out of memory remembering open 0x%x",
                 (unsigned long long)s->id, handle);
    }
    return rc;
}

/* Runs `ca`, with what the session adds for the functions that need it. */
static LONG execute_run(struct session *s, struct callargs *ca)
{
    LONG rc;
    switch (ca->entry->id) {
    case PROTO_FN_lineInitializeEx:
        return execute_initialize(s, ca, PROTO_DEVICE_LINE);
    case PROTO_FN_phoneInitializeEx:
        return execute_initialize(s, ca, PROTO_DEVICE_PHONE);
    case PROTO_FN_lineShutdown:
        return execute_shutdown(s, ca, PROTO_DEVICE_LINE);
    case PROTO_FN_phoneShutdown:
        return execute_shutdown(s, ca, PROTO_DEVICE_PHONE);
    case PROTO_FN_lineOpen:
        return execute_open(s, ca, PROTO_DEVICE_LINE);
    case PROTO_FN_phoneOpen:
        return execute_open(s, ca, PROTO_DEVICE_PHONE);
    case PROTO_FN_lineClose:
    case PROTO_FN_phoneClose:
        rc = execute_invoke(s, ca);
        if (rc == 0)
            opens_remove(s, ca->a[0].d,
                         ca->entry->id == PROTO_FN_lineClose ? PROTO_DEVICE_LINE
                                                             : PROTO_DEVICE_PHONE);
        return rc;
    default:
        return execute_invoke(s, ca);
    }
}

/* Whether a call that returned `rc` wrote outputs the Result carries. */
static bool execute_has_outs(LONG rc)
{
    return rc == 0 || rc == LINEERR_STRUCTURETOOSMALL || rc == PHONEERR_STRUCTURETOOSMALL;
}

/*
 * Keeps the outputs of `ca` that are written later: an asynchronous request's (rc is its ID)
 * until its reply, lineGatherDigits' buffer until LINE_GATHERDIGITS. Returns true when `ca`'s
 * buffers moved (or were lost to memory: then logged).
 */
static bool execute_keep(struct session *s, struct callargs *ca, LONG rc)
{
    int kept;
    if (ca->entry->id == PROTO_FN_lineGatherDigits && rc == 0 && ca->a[2].ptr)
        kept = pending_add(s, PENDING_GATHER, ca->a[0].d, ca);
    else if (rc > 0 && args_count_outs(ca) > 0)
        kept = pending_add(s, PENDING_REPLY, (DWORD)rc, ca);
    else
        return false;
    if (kept != 0)
        slog(SLOG_ERROR, "client %llu: out of memory keeping the outputs of %s",
             (unsigned long long)s->id, ca->fn->name);
    return true;
}

/*
 * Sends the Result of `call`: `rc`, and the outputs of `ca` when it has any to give. Outputs
 * too large for one frame together (each fits, several may not) turn the answer into
 * OPERATIONFAILED without them, so that the client is never left waiting.
 */
static void execute_answer(struct session *s, const struct proto_call *call, LONG rc,
                           struct callargs *ca)
{
    struct proto_msg res;
    memset(&res, 0, sizeof(res));
    res.type = PROTO_RESULT;
    res.result.seq = call->seq;
    res.result.result = rc;
    if (ca && execute_has_outs(rc))
        args_outs(ca, &res.result.outs);
    if (session_send(s, &res) == 0 || s->closed || res.result.outs.n == 0)
        return;
    res.result.outs.n = 0;
    res.result.result = args_error(call->function, LINEERR_OPERATIONFAILED);
    session_send(s, &res);
}

/* Runs `call` and sends its Result. */
static void execute_call_run(struct session *s, const struct proto_call *call)
{
    const struct call_entry *entry = execute_find(call->function);
    struct callargs *ca;
    LONG rc;
    if (!entry || !execute_listed(call->function)) {
        execute_answer(s, call, args_error(call->function, LINEERR_OPERATIONUNAVAIL), NULL);
        return;
    }
    ca = malloc(sizeof(*ca));
    if (!ca) {
        execute_answer(s, call, args_error(call->function, LINEERR_NOMEM), NULL);
        return;
    }
    rc = args_build(ca, entry, call);
    if (rc == 0)
        rc = owner_check(s, ca);
    if (rc == 0)
        rc = guard_before(s, ca);
    if (rc == 0) {
        rc = guard_after(s, ca, execute_run(s, ca));
        if (slog_enabled(SLOG_DEBUG))
            slog(SLOG_DEBUG, "client %llu: call %u %s = 0x%x", (unsigned long long)s->id, call->seq,
                 ca->fn->name, (unsigned)rc);
        if (execute_keep(s, ca, rc)) {
            execute_answer(s, call, rc, NULL);
            free(ca);
            return;
        }
    }
    execute_answer(s, call, rc, rc == 0 || execute_has_outs(rc) ? ca : NULL);
    args_release(ca);
    free(ca);
}

/*
 * Sends what the core queued while the call ran (its call states, a reply the provider gave at
 * once) for the applications its handles belong to (owner_check marked them), behind the
 * Result: in the same write when the session is corked (session.c corks while it handles a
 * read). An Event that the call's Result must precede (a LINE_REPLY, a new call's first state)
 * therefore still follows it. The session's other applications report through their eventfds.
 */
static void execute_drain(struct session *s)
{
    if (s->state == SESSION_READY && !s->closed)
        events_drain_called(s);
}

void execute_call(struct session *s, const struct proto_call *call)
{
    execute_call_run(s, call);
    execute_drain(s);
}
