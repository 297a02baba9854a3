/*
 * owner.c — each client acts on its own handles only.
 *
 * The core's handles are one table for the whole server: an HLINE or HCALL one client was
 * given would work for any other that guessed it. Before a call runs, every handle argument
 * (calls.h says which DWORDs are handles) is traced to the application it belongs to, under
 * the core's lock; one that belongs to another client's application is answered as TAPI
 * answers a handle that does not exist, so a client learns nothing of the others. Handles that
 * are no live object at all go to the core, which answers them as usual. The access-control
 * list (which lines and phones a user may see, monitor or own) will join this check.
 */
#include "core.h"

#include "args.h"
#include "server.h"

/* The application handle that `handle` of kind `kind` (calls.h) belongs to, itself for an
 * application; 0 when it is no live handle of that kind. Takes the core's lock. */
static DWORD owner_app_of(char kind, DWORD handle)
{
    DWORD app = 0;
    core_enter();
    if (kind == 'a' || kind == 'A') {
        app = app_find(handle, kind == 'a' ? APP_LINE : APP_PHONE) ? handle : 0;
    } else if (kind == 'l') {
        struct line_open *open = line_open_find(handle);
        app = open ? open->app->handle : 0;
    } else if (kind == 'c') {
        struct call_handle *ch = call_handle_find(handle);
        app = ch ? ch->open->app->handle : 0;
    } else {
        struct phone_open *open = phone_open_find(handle);
        app = open ? open->app->handle : 0;
    }
    core_leave();
    return app;
}

/* The error a foreign handle of kind `kind` gets. */
static LONG owner_error(char kind)
{
    switch (kind) {
    case 'a':
        return LINEERR_INVALAPPHANDLE;
    case 'l':
        return LINEERR_INVALLINEHANDLE;
    case 'c':
        return LINEERR_INVALCALLHANDLE;
    case 'A':
        return PHONEERR_INVALAPPHANDLE;
    default:
        return PHONEERR_INVALPHONEHANDLE;
    }
}

/* True when `handle` of kind `kind` is the session's, or no live handle (the core decides).
 * The session's application it belongs to is marked `called`: the messages the call queues are
 * mostly for it, and execute.c sends them behind the Result. */
static bool owner_is_ours(struct session *s, char kind, DWORD handle)
{
    DWORD app = owner_app_of(kind, handle);
    enum proto_device device = kind == 'A' || kind == 'h' ? PROTO_DEVICE_PHONE : PROTO_DEVICE_LINE;
    if (app == 0)
        return true;
    struct session_app *sapp = events_find_app(s, app, device);
    if (!sapp)
        return false;
    sapp->called = true;
    return true;
}

LONG owner_check(struct session *s, const struct callargs *ca)
{
    for (unsigned i = 0; i < ca->fn->nparams; i++) {
        char kind = ca->entry->handles[i];
        if (kind == '-' || ca->a[i].d == 0)
            continue;
        if (!owner_is_ours(s, kind, ca->a[i].d))
            return owner_error(kind);
    }
    return 0;
}
