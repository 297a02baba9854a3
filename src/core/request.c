/*
 * request.c — asynchronous requests: a dwRequestID given to the application and to the
 * provider, and exactly one LINE_REPLY (or PHONE_REPLY) when the provider completes it.
 *
 * A request that creates calls (lineMakeCall, lineSetupTransfer, linePickup, …) holds the new
 * `struct tcall`s until completion: only then do they become valid, get their application
 * handles and join their line, and only then are their events delivered — the life-cycle rule
 * of TSPI's "Async Replies versus Events on New Call Handles".
 */
#include "core.h"

#include <stdlib.h>
#include <string.h>

struct request *request_new(struct app *app, DWORD_PTR inst, enum request_kind kind)
{
    struct request *req = calloc(1, sizeof(*req));
    if (!req)
        return NULL;
    req->app = app;
    req->callback_instance = inst;
    req->kind = kind;
    /* IDs stay positive: negative values are errors in TAPI's return convention. */
    req->id = g_core.next_request_id;
    g_core.next_request_id = (g_core.next_request_id % 0x7FFFFFFFu) + 1;
    req->next = g_core.requests;
    g_core.requests = req;
    return req;
}

/* Unlinks `req` from the pending list. */
static void request_unlink(struct request *req)
{
    for (struct request **pp = &g_core.requests; *pp; pp = &(*pp)->next)
        if (*pp == req) {
            *pp = req->next;
            return;
        }
}

void request_cancel(struct request *req)
{
    request_unlink(req);
    if (req->call1)
        call_free(req->call1);
    if (req->call2)
        call_free(req->call2);
    free(req);
}

LONG request_submit(struct request *req, LONG provider_result)
{
    if (provider_result < 0) {
        request_cancel(req);
        return provider_result;
    }
    if ((DWORD)provider_result != req->id) {
        tapix_log(LOG_WARN, "provider returned %d for request %u (expected the request ID)",
                  provider_result, req->id);
    }
    return (LONG)req->id;
}

/* Makes a call created by a successful request live and hands it to the requester. */
static void request_adopt_call(struct request *req, struct tcall *call, HCALL *lphCall)
{
    if (!call)
        return;
    call->valid = true;
    if (!req->dropped_app && req->app->name[0])
        call->app_name = strdup(req->app->name);
    call_attach(call);
    struct call_handle *ch = NULL;
    if (req->open && !req->dropped_app)
        ch = call_handle_add(call, req->open, LINECALLPRIVILEGE_OWNER);
    if (ch) {
        if (lphCall)
            *lphCall = ch->handle;
        call_give_handles(call, req->open);
    } else {
        call_close_if_unused(call);
    }
}

/* Frees the calls of a failed request: the provider's handles never became valid. */
static void request_drop_calls(struct request *req)
{
    if (req->call1)
        call_free(req->call1);
    if (req->call2)
        call_free(req->call2);
}

void request_complete(DWORD id, LONG result)
{
    struct request *req = g_core.requests;
    while (req && req->id != id)
        req = req->next;
    if (!req) {
        tapix_log(LOG_WARN, "completion of unknown request %u ignored", id);
        return;
    }
    request_unlink(req);
    if (result == 0) {
        request_adopt_call(req, req->call1, req->lphCall1);
        request_adopt_call(req, req->call2, req->lphCall2);
    } else {
        request_drop_calls(req);
    }
    if (!req->dropped_app) {
        DWORD msg = req->kind == REQ_PHONE ? PHONE_REPLY : LINE_REPLY;
        app_post(req->app, 0, msg, req->callback_instance, req->id, (DWORD_PTR)(LONG_PTR)result, 0);
    }
    free(req);
}

void request_forget_app(struct app *app)
{
    for (struct request *req = g_core.requests; req; req = req->next)
        if (req->app == app) {
            req->dropped_app = true;
            req->open = NULL;
        }
}

void request_forget_open(struct line_open *open)
{
    for (struct request *req = g_core.requests; req; req = req->next)
        if (req->open == open)
            req->open = NULL;
}
