/*
 * revoke.c — what a reloaded access-control list takes away from connected clients.
 *
 * Rights are checked at each request, but a line or phone already open keeps the privileges it
 * was opened with, and a device the client was shown stays in its view, until something ends
 * them. After SIGHUP replaced the list, this does: an open whose privileges the client no longer
 * holds (OWNER without own, MONITOR without monitor, any open without see) is closed in the core
 * and the client told LINE_CLOSE / PHONE_CLOSE, as for a line taken away; then a device the
 * client may no longer see leaves its view with LINE_REMOVE / PHONE_REMOVE (its ID is not given
 * out again; should the device become visible later, it comes back under a new ID with
 * LINE_CREATE).
 */
#include <string.h>

#include "core.h"

#include "server.h"
#include "slog.h"

/* The core's device of open `o` and the right its privileges need; false when the open is no
 * longer in the core. Takes the core's lock. */
static bool revoke_open_need(const struct session_open *o, DWORD *dev, enum acl_right *need)
{
    bool found = false;
    core_enter();
    if (o->device == PROTO_DEVICE_LINE) {
        struct line_open *open = line_open_find(o->handle);
        if (open) {
            *dev = open->dev->device_id;
            *need = open->privileges & LINECALLPRIVILEGE_OWNER     ? ACL_OWN
                    : open->privileges & LINECALLPRIVILEGE_MONITOR ? ACL_MONITOR
                                                                   : ACL_SEE;
            found = true;
        }
    } else {
        struct phone_open *open = phone_open_find(o->handle);
        if (open) {
            *dev = open->dev->device_id;
            *need = open->privilege & PHONEPRIVILEGE_OWNER     ? ACL_OWN
                    : open->privilege & PHONEPRIVILEGE_MONITOR ? ACL_MONITOR
                                                               : ACL_SEE;
            found = true;
        }
    }
    core_leave();
    return found;
}

/* Closes open `o` in the core and tells the client LINE_CLOSE / PHONE_CLOSE. */
static void revoke_close(struct session *s, const struct session_open *o)
{
    struct proto_msg msg;
    const struct tapix_backend *be = s->srv->backend;
    LONG rc = o->device == PROTO_DEVICE_LINE ? be->lineClose(o->handle) : be->phoneClose(o->handle);
    slog(SLOG_INFO,
         "client %llu: %s 0x%x closed: the new access-control list does not allow it "
         "(0x%x)",
         (unsigned long long)s->id, o->device == PROTO_DEVICE_LINE ? "line" : "phone", o->handle,
         (unsigned)rc);
    memset(&msg, 0, sizeof(msg));
    msg.type = PROTO_EVENT;
    msg.event.device = o->device;
    msg.event.h_device = o->handle;
    msg.event.message_id = o->device == PROTO_DEVICE_LINE ? LINE_CLOSE : PHONE_CLOSE;
    msg.event.callback_instance = o->callback_instance;
    session_send(s, &msg);
}

/* Closes the session's opens it no longer has the rights for. */
static void revoke_opens(struct session *s)
{
    struct session_open *o = s->opens;
    while (o && !s->closed) {
        struct session_open *next = o->next;
        DWORD dev;
        enum acl_right need;
        enum acl_device kind = o->device == PROTO_DEVICE_LINE ? ACL_LINE : ACL_PHONE;
        if (revoke_open_need(o, &dev, &need) && devmap_rights(s, kind, dev) < need) {
            revoke_close(s, o);
            opens_remove(s, o->handle, o->device); /* frees o */
        }
        o = next;
    }
}

/* Tells each application of `s` of `device` that device `local` was removed. */
static void revoke_announce(struct session *s, enum proto_device device, DWORD local)
{
    for (struct session_app *app = s->apps; app; app = app->next) {
        if (app->device != device)
            continue;
        struct proto_msg msg;
        memset(&msg, 0, sizeof(msg));
        msg.type = PROTO_EVENT;
        msg.event.device = device;
        msg.event.message_id = device == PROTO_DEVICE_LINE ? LINE_REMOVE : PHONE_REMOVE;
        msg.event.param1 = local;
        session_send(s, &msg);
    }
}

/* Takes the devices the session may no longer see out of its view. */
static void revoke_devices(struct session *s, enum acl_device kind)
{
    struct devmap *map = &s->maps[kind];
    for (DWORD local = 0; local < map->count && !s->closed; local++) {
        DWORD core_id = map->to_core[local];
        if (core_id == DEVMAP_DEAD || devmap_rights(s, kind, core_id) >= ACL_SEE)
            continue;
        devmap_hide(s, kind, local);
        revoke_announce(s, kind == ACL_LINE ? PROTO_DEVICE_LINE : PROTO_DEVICE_PHONE, local);
    }
}

void revoke_all(struct server *srv)
{
    for (struct session *s = srv->sessions; s; s = s->next) {
        if (s->state != SESSION_READY)
            continue;
        revoke_opens(s);
        revoke_devices(s, ACL_LINE);
        revoke_devices(s, ACL_PHONE);
    }
}
