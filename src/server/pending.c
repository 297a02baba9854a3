/*
 * pending.c — outputs that outlive their Call (see pending.h).
 *
 * The core or the provider writes an asynchronous request's outputs when the request
 * completes, into the memory the call was given; that memory is the server's, so it stays here
 * until the reply is read from the application's queue and sent with its Event. When the
 * client goes away first, the core's rule decides: a request that creates calls no longer
 * writes its HCALLs for an application that shut down, so its memory can go; a provider's
 * buffer (a DevSpecific block, an agent structure) may still be written, so it is kept until
 * the providers have stopped.
 */
#include "pending.h"

#include <stdlib.h>

#include "slog.h"

int pending_add(struct session *s, enum pending_kind kind, DWORD key, struct callargs *ca)
{
    struct pending *p = calloc(1, sizeof(*p)), **tail = &s->pending;
    if (!p) {
        args_release(ca);
        return -1;
    }
    p->kind = kind;
    p->key = key;
    p->ca = *ca;
    for (unsigned i = 0; i < PROTO_MAX_VALUES; i++)
        ca->buf[i] = NULL;
    ca->extra = NULL;
    while (*tail)
        tail = &(*tail)->next;
    *tail = p;
    return 0;
}

struct pending *pending_take(struct session *s, enum pending_kind kind, DWORD key)
{
    for (struct pending **pp = &s->pending; *pp; pp = &(*pp)->next)
        if ((*pp)->kind == kind && (*pp)->key == key) {
            struct pending *p = *pp;
            *pp = p->next;
            p->next = NULL;
            return p;
        }
    return NULL;
}

void pending_free(struct pending *p)
{
    if (!p)
        return;
    args_release(&p->ca);
    free(p);
}

/* Asks the core to end the digit gathering on `hCall` (TAPI's cancel: a NULL buffer); true
 * when it did, so the provider no longer holds the buffer. */
static bool pending_cancel_gather(struct server *srv, DWORD hCall)
{
    LONG rc = srv->backend->lineGatherDigits(hCall, 0, NULL, 0, NULL, 0, 0);
    if (rc != 0)
        slog(SLOG_DEBUG, "cancelling digit gathering on call 0x%x: 0x%x", hCall, (unsigned)rc);
    return rc == 0;
}

void pending_forget_all(struct session *s)
{
    while (s->pending) {
        struct pending *p = s->pending;
        bool released;
        s->pending = p->next;
        if (p->kind == PENDING_GATHER)
            released = pending_cancel_gather(s->srv, p->key);
        else
            released = p->ca.entry->outs_are_new_calls;
        if (released) {
            pending_free(p);
        } else {
            p->next = s->srv->orphans;
            s->srv->orphans = p;
        }
    }
}

void pending_free_all(struct pending **list)
{
    while (*list) {
        struct pending *p = *list;
        *list = p->next;
        pending_free(p);
    }
}
