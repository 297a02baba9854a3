/*
 * opens.c — the lines and phones a client has open, remembered so that a server shutting
 * down can tell each application LINE_CLOSE / PHONE_CLOSE for them, as TAPI does when a line
 * is taken away. Entries come from successful lineOpen / phoneOpen calls and go with lineClose,
 * phoneClose, a LINE_CLOSE or PHONE_CLOSE the core sent, or the application's shutdown.
 */
#include <stdlib.h>
#include <string.h>

#include "server.h"

int opens_add(struct session *s, DWORD app, DWORD handle, enum proto_device device,
              uint64_t callback_instance)
{
    struct session_open *o = calloc(1, sizeof(*o));
    if (!o)
        return -1;
    o->app = app;
    o->handle = handle;
    o->device = device;
    o->callback_instance = callback_instance;
    o->next = s->opens;
    s->opens = o;
    return 0;
}

/* Removes every entry for which `match` says so. */
static void opens_remove_if(struct session *s,
                            int (*match)(const struct session_open *, DWORD, int), DWORD value,
                            int device)
{
    struct session_open **pp = &s->opens;
    while (*pp) {
        struct session_open *o = *pp;
        if (match(o, value, device)) {
            *pp = o->next;
            free(o);
        } else {
            pp = &o->next;
        }
    }
}

/* Matches the open `handle` of `device`. */
static int opens_is_handle(const struct session_open *o, DWORD handle, int device)
{
    return o->handle == handle && (int)o->device == device;
}

/* Matches the opens of application `app`. */
static int opens_of_app(const struct session_open *o, DWORD app, int device)
{
    (void)device;
    return o->app == app;
}

void opens_remove(struct session *s, DWORD handle, enum proto_device device)
{
    opens_remove_if(s, opens_is_handle, handle, (int)device);
}

void opens_remove_app(struct session *s, DWORD app)
{
    opens_remove_if(s, opens_of_app, app, 0);
}

void opens_send_close(struct session *s)
{
    for (struct session_open *o = s->opens; o; o = o->next) {
        struct proto_msg msg;
        memset(&msg, 0, sizeof(msg));
        msg.type = PROTO_EVENT;
        msg.event.device = o->device;
        msg.event.h_device = o->handle;
        msg.event.message_id = o->device == PROTO_DEVICE_LINE ? LINE_CLOSE : PHONE_CLOSE;
        msg.event.callback_instance = o->callback_instance;
        if (session_send(s, &msg) != 0)
            return;
    }
}

void opens_release(struct session *s)
{
    while (s->opens) {
        struct session_open *o = s->opens;
        s->opens = o->next;
        free(o);
    }
}
