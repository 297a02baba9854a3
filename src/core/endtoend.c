/*
 * endtoend.c — digit and tone operations that report back only to the application that
 * started them.
 *
 * lineGenerateDigits, lineGenerateTone and lineGatherDigits give the provider a dwEndToEndID;
 * the provider quotes it in LINE_GENERATE or LINE_GATHERDIGITS when the operation ends. The
 * core picks the ID and remembers whose call handle it was for, so the message reaches that
 * application alone, as TAPI specifies.
 */
#include "core.h"

#include <stdlib.h>

struct endtoend {
    DWORD id;
    DWORD hCall;
    struct endtoend *next;
};

DWORD endtoend_register(struct call_handle *ch)
{
    struct endtoend *e = malloc(sizeof(*e));
    if (!e)
        return 0;
    g_core.next_endtoend_id = g_core.next_endtoend_id % 0x7FFFFFFFu + 1;
    e->id = g_core.next_endtoend_id;
    e->hCall = ch->handle;
    e->next = g_core.endtoend;
    g_core.endtoend = e;
    return e->id;
}

/* Removes and returns the entry for `id`, or NULL. */
static struct endtoend *endtoend_take(DWORD id)
{
    for (struct endtoend **pp = &g_core.endtoend; *pp; pp = &(*pp)->next)
        if ((*pp)->id == id) {
            struct endtoend *e = *pp;
            *pp = e->next;
            return e;
        }
    return NULL;
}

void call_end_to_end(struct tcall *call, DWORD msg, DWORD termination, DWORD id, DWORD tick)
{
    struct endtoend *e = endtoend_take(id);
    if (!e) {
        tapix_log(LOG_DEBUG, "message %u quotes unknown end-to-end ID %u: ignored", msg, id);
        return;
    }
    struct call_handle *ch = call_handle_find(e->hCall);
    free(e);
    if (!ch || ch->call != call)
        return;
    app_post(ch->open->app, ch->handle, msg, ch->open->callback_instance, termination, 0, tick);
}

void endtoend_forget_handle(DWORD hCall)
{
    for (struct endtoend **pp = &g_core.endtoend; *pp;) {
        if ((*pp)->hCall == hCall) {
            struct endtoend *e = *pp;
            *pp = e->next;
            free(e);
        } else {
            pp = &(*pp)->next;
        }
    }
}

void endtoend_clear(void)
{
    while (g_core.endtoend) {
        struct endtoend *e = g_core.endtoend;
        g_core.endtoend = e->next;
        free(e);
    }
}
