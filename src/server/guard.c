/*
 * guard.c — the access-control list applied to what a client asks and what it is told.
 *
 * Before a Call runs: every device ID argument (calls.h's `devices`) is the client's own
 * numbering (devmap.c) and becomes the core's; an ID the client was never given, or of a
 * device it may no longer see, is LINEERR_BADDEVICEID (PHONEERR_BADDEVICEID). lineOpen and
 * phoneOpen ask for the right their privileges need (MONITOR: monitor, OWNER: own), else
 * LINEERR_INVALPRIVSELECT (PHONEERR_INVALPRIVILEGE); the LINEMAPPER is refused under an ACL,
 * since it might pick a device the client may not see. On an open line, what gives the client
 * calls needs more than sight: lineGetNewCalls needs monitor, making, picking up, unparking
 * calls, forwarding the line or the provider's own functions need own (else
 * LINEERR_OPERATIONFAILED). A line opened with LINECALLPRIVILEGE_NONE gets no calls from the
 * core, so a line the client may only see never gives it one.
 *
 * After: the outputs that carry a device ID (lineInitializeEx's dwNumDevs, LINECALLINFO's and
 * LINEADDRESSCAPS' dwLineDeviceID, the "tapi/line" and "tapi/phone" IDs of lineGetID and
 * phoneGetID) are the client's numbering again; so are the device IDs of LINE_CREATE,
 * LINE_REMOVE, PHONE_CREATE and PHONE_REMOVE, and a message about a device the client may not
 * see is not sent at all.
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "core.h"

#include "args.h"
#include "server.h"

/* The right lineOpen / phoneOpen needs for privileges `priv`. */
static enum acl_right guard_open_right(uint32_t function, DWORD priv)
{
    if (function == PROTO_FN_lineOpen)
        return priv & LINECALLPRIVILEGE_OWNER     ? ACL_OWN
               : priv & LINECALLPRIVILEGE_MONITOR ? ACL_MONITOR
                                                  : ACL_SEE;
    return priv & PHONEPRIVILEGE_OWNER     ? ACL_OWN
           : priv & PHONEPRIVILEGE_MONITOR ? ACL_MONITOR
                                           : ACL_SEE;
}

/* The right a function needs on the device of its device-ID argument, and the error when
 * the client lacks it (beyond sight, whose lack is BADDEVICEID). */
static enum acl_right guard_device_right(const struct callargs *ca, LONG *error)
{
    switch (ca->entry->id) {
    case PROTO_FN_lineOpen:
        *error = LINEERR_INVALPRIVSELECT;
        return guard_open_right(ca->entry->id, ca->a[6].d);
    case PROTO_FN_phoneOpen:
        *error = PHONEERR_INVALPRIVILEGE;
        return guard_open_right(ca->entry->id, ca->a[6].d);
    case PROTO_FN_lineSetDevConfig:
        *error = LINEERR_OPERATIONFAILED;
        return ACL_OWN;
    default:
        *error = 0;
        return ACL_SEE;
    }
}

/* Maps device-ID argument `i` of kind `kind` to the core's and checks the client's rights. */
static LONG guard_device(struct session *s, struct callargs *ca, unsigned i, enum acl_device kind)
{
    LONG bad = kind == ACL_LINE ? LINEERR_BADDEVICEID : PHONEERR_BADDEVICEID, error;
    DWORD core_id;
    if (ca->entry->id == PROTO_FN_lineOpen && ca->a[i].d == LINEMAPPER)
        return s->srv->acl ? LINEERR_LINEMAPPERFAILED : 0;
    if (devmap_to_core(s, kind, ca->a[i].d, &core_id) != 0)
        return bad;
    enum acl_right have = devmap_rights(s, kind, core_id);
    enum acl_right need = guard_device_right(ca, &error);
    if (have < ACL_SEE)
        return bad;
    if (have < need)
        return error;
    ca->a[i].d = core_id;
    return 0;
}

/* The right a function needs on the line of its HLINE argument. */
static enum acl_right guard_line_right(uint32_t function)
{
    switch (function) {
    case PROTO_FN_lineGetNewCalls:
        return ACL_MONITOR;
    case PROTO_FN_lineMakeCall:
    case PROTO_FN_linePickup:
    case PROTO_FN_lineUnpark:
    case PROTO_FN_lineSetupConference:
    case PROTO_FN_lineForward:
    case PROTO_FN_lineDevSpecific:
    case PROTO_FN_lineDevSpecificFeature:
        return ACL_OWN;
    default:
        return ACL_SEE;
    }
}

/* The core's device ID of open line `hLine`, or 0xFFFFFFFF. Takes the core's lock. */
static DWORD guard_line_of(DWORD hLine)
{
    core_enter();
    struct line_open *open = line_open_find(hLine);
    DWORD id = open ? open->dev->device_id : 0xFFFFFFFFu;
    core_leave();
    return id;
}

/* Checks the client's rights on the line of HLINE argument `i`. */
static LONG guard_line(struct session *s, const struct callargs *ca, unsigned i)
{
    enum acl_right need = guard_line_right(ca->entry->id);
    if (need == ACL_SEE || ca->a[i].d == 0)
        return 0;
    DWORD id = guard_line_of(ca->a[i].d);
    if (id == 0xFFFFFFFFu || devmap_rights(s, ACL_LINE, id) >= need)
        return 0; /* a handle that is no open line: the core answers it */
    return LINEERR_OPERATIONFAILED;
}

LONG guard_before(struct session *s, struct callargs *ca)
{
    for (unsigned i = 0; i < ca->fn->nparams; i++) {
        LONG rc = 0;
        char device = ca->entry->devices[i];
        if (device == 'L' || device == 'P')
            rc = guard_device(s, ca, i, device == 'L' ? ACL_LINE : ACL_PHONE);
        else if (ca->entry->handles[i] == 'l')
            rc = guard_line(s, ca, i);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Rewrites the core's device ID of `kind` at `offset` of output `i` as the client's; false when
 * it is none of the client's. */
static bool guard_out_id(struct session *s, struct callargs *ca, unsigned i, size_t offset,
                         enum acl_device kind)
{
    DWORD id, local;
    if (!ca->buf[i] || ca->room[i] < offset + sizeof(DWORD))
        return true;
    memcpy(&id, (char *)ca->buf[i] + offset, sizeof(id));
    if (devmap_to_local(s, kind, id, &local) != 0)
        return false;
    memcpy((char *)ca->buf[i] + offset, &local, sizeof(local));
    return true;
}

/* lineGetID / phoneGetID: the device ID a "tapi/line" or "tapi/phone" VARSTRING at output `i`
 * holds, for class argument `cls`. */
static LONG guard_get_id(struct session *s, struct callargs *ca, unsigned i, unsigned cls)
{
    const char *name = ca->a[cls].ptr;
    VARSTRING vs;
    enum acl_device kind;
    if (!name || !ca->buf[i] || ca->room[i] < sizeof(vs))
        return 0;
    if (strcasecmp(name, "tapi/line") == 0)
        kind = ACL_LINE;
    else if (strcasecmp(name, "tapi/phone") == 0)
        kind = ACL_PHONE;
    else
        return 0;
    memcpy(&vs, ca->buf[i], sizeof(vs));
    if (vs.dwStringSize < sizeof(DWORD) || vs.dwStringOffset > vs.dwUsedSize ||
        vs.dwUsedSize > ca->room[i] || vs.dwUsedSize - vs.dwStringOffset < sizeof(DWORD))
        return 0;
    if (guard_out_id(s, ca, i, vs.dwStringOffset, kind))
        return 0;
    return args_error(ca->entry->id, LINEERR_OPERATIONFAILED); /* a device it may not see */
}

/* lineInitializeEx / phoneInitializeEx: dwNumDevs counts the client's devices only. */
static void guard_num_devs(struct session *s, struct callargs *ca, enum acl_device kind)
{
    DWORD n = devmap_count(s, kind);
    if (ca->buf[4] && ca->room[4] >= sizeof(n))
        memcpy(ca->buf[4], &n, sizeof(n));
}

LONG guard_after(struct session *s, struct callargs *ca, LONG rc)
{
    if (rc != 0)
        return rc;
    switch (ca->entry->id) {
    case PROTO_FN_lineInitializeEx:
        guard_num_devs(s, ca, ACL_LINE);
        return 0;
    case PROTO_FN_phoneInitializeEx:
        guard_num_devs(s, ca, ACL_PHONE);
        return 0;
    case PROTO_FN_lineGetCallInfo:
        guard_out_id(s, ca, 1, offsetof(LINECALLINFO, dwLineDeviceID), ACL_LINE);
        return 0;
    case PROTO_FN_lineGetAddressCaps:
        guard_out_id(s, ca, 5, offsetof(LINEADDRESSCAPS, dwLineDeviceID), ACL_LINE);
        return 0;
    case PROTO_FN_lineGetID:
        return guard_get_id(s, ca, 4, 5);
    case PROTO_FN_phoneGetID:
        return guard_get_id(s, ca, 1, 2);
    default:
        return 0;
    }
}

bool guard_event(struct session *s, enum proto_device device, LINEMESSAGE *m)
{
    enum acl_device kind;
    DWORD local;
    if (device == PROTO_DEVICE_LINE &&
        (m->dwMessageID == LINE_CREATE || m->dwMessageID == LINE_REMOVE))
        kind = ACL_LINE;
    else if (device == PROTO_DEVICE_PHONE &&
             (m->dwMessageID == PHONE_CREATE || m->dwMessageID == PHONE_REMOVE))
        kind = ACL_PHONE;
    else
        return true;
    if (devmap_to_local(s, kind, (DWORD)m->dwParam1, &local) != 0)
        return false;
    m->dwParam1 = local;
    return true;
}
