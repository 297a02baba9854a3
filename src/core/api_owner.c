/*
 * api_owner.c — who holds a call: privileges, handoff between applications, and
 * lineGetNewCalls for applications that want handles to calls they have not seen.
 */
#include "api.h"

#include <string.h>

/* Tells every handle holder that the number of owners or monitors changed. */
static void api_privileges_changed(struct tcall *call, DWORD info_states)
{
    call_post_all(call, LINE_CALLINFO, info_states, 0, 0);
}

LONG WINAPI CORE_API(lineSetCallPrivilege)(HCALL hCall, DWORD dwCallPrivilege)
{
    if (dwCallPrivilege != LINECALLPRIVILEGE_OWNER && dwCallPrivilege != LINECALLPRIVILEGE_MONITOR)
        return LINEERR_INVALCALLPRIVILEGE;
    core_enter();
    struct call_handle *ch;
    LONG rc = api_call(hCall, false, 0, &ch);
    if (rc != 0)
        API_RETURN(rc);
    if (ch->privilege == dwCallPrivilege)
        API_RETURN(0);
    if (dwCallPrivilege == LINECALLPRIVILEGE_OWNER && ch->call->state == LINECALLSTATE_IDLE)
        API_RETURN(LINEERR_INVALCALLSTATE);
    ch->privilege = dwCallPrivilege;
    DWORD info = dwCallPrivilege == LINECALLPRIVILEGE_OWNER
                     ? LINECALLINFOSTATE_NUMOWNERINCR | LINECALLINFOSTATE_NUMMONITORS
                     : LINECALLINFOSTATE_NUMOWNERDECR | LINECALLINFOSTATE_NUMMONITORS;
    api_privileges_changed(ch->call, info);
    API_RETURN(0);
}

/* The open of the line of `call` that should receive a handoff, or NULL. */
static struct line_open *api_handoff_target(struct call_handle *from, LPCSTR name, DWORD media)
{
    struct line_device *dev = from->call->dev;
    /* The highest in lineSetAppPriority's list for the media mode, the caller included. */
    struct line_open *preferred = name ? NULL : priority_pick(dev, media, NULL);
    if (preferred)
        return preferred;
    for (struct line_open *o = dev->opens; o; o = o->next_on_dev) {
        if (name) {
            if (strcmp(o->app->name, name) == 0)
                return o;
        } else if ((o->privileges & LINECALLPRIVILEGE_OWNER) && (o->media_modes & media)) {
            if (o->app != from->open->app)
                return o;
        }
    }
    return NULL;
}

LONG WINAPI CORE_API(lineHandoff)(HCALL hCall, LPCSTR lpszFileName, DWORD dwMediaMode)
{
    if (!lpszFileName && (dwMediaMode == 0 || (dwMediaMode & (dwMediaMode - 1)) ||
                          (dwMediaMode & ~(DWORD)(2u * LAST_LINEMEDIAMODE - 1u))))
        return LINEERR_INVALMEDIAMODE;
    core_enter();
    struct call_handle *ch;
    LONG rc = api_call(hCall, true, 0, &ch);
    if (rc != 0)
        API_RETURN(rc);
    struct line_open *target = api_handoff_target(ch, lpszFileName, dwMediaMode);
    if (!target)
        API_RETURN(LINEERR_TARGETNOTFOUND);
    if (target->app == ch->open->app)
        API_RETURN(LINEERR_TARGETSELF);
    struct call_handle *theirs = call_handle_for_open(ch->call, target);
    bool is_new = theirs == NULL;
    if (is_new && !(theirs = call_handle_add(ch->call, target, LINECALLPRIVILEGE_OWNER)))
        API_RETURN(LINEERR_NOMEM);
    if (!is_new && theirs->privilege == LINECALLPRIVILEGE_OWNER)
        API_RETURN(0);
    theirs->privilege = LINECALLPRIVILEGE_OWNER;
    if (is_new && target->api_version >= 0x00020000)
        app_post(target->app, target->handle, LINE_APPNEWCALL, target->callback_instance,
                 ch->call->address_id, theirs->handle, LINECALLPRIVILEGE_OWNER);
    app_post(target->app, theirs->handle, LINE_CALLSTATE, target->callback_instance,
             ch->call->state, ch->call->state_mode, LINECALLPRIVILEGE_OWNER);
    theirs->privilege_pending = false;
    api_privileges_changed(ch->call, LINECALLINFOSTATE_NUMOWNERINCR);
    API_RETURN(0);
}

LONG WINAPI CORE_API(lineGetNewCalls)(HLINE hLine, DWORD dwAddressID, DWORD dwSelect,
                                      LPLINECALLLIST lpCallList)
{
    if (dwSelect != LINECALLSELECT_LINE && dwSelect != LINECALLSELECT_ADDRESS)
        return LINEERR_INVALCALLSELECT;
    core_enter();
    struct line_open *open;
    LONG rc =
        api_line_address(hLine, dwSelect == LINECALLSELECT_ADDRESS ? &dwAddressID : NULL, &open);
    if (rc == 0)
        rc = api_check_varstruct(lpCallList, sizeof(LINECALLLIST));
    if (rc != 0)
        API_RETURN(rc);
    struct tapix_varstruct vs;
    tapix_varstruct_begin(&vs, lpCallList, sizeof(LINECALLLIST));
    DWORD count = 0;
    for (struct tcall *call = open->dev->calls; call; call = call->next_on_dev)
        if (call->valid && (dwSelect == LINECALLSELECT_LINE || call->address_id == dwAddressID))
            count++;
    HCALL *slots = tapix_varstruct_reserve(&vs, &lpCallList->dwCallsSize,
                                           &lpCallList->dwCallsOffset, count * sizeof(HCALL));
    lpCallList->dwCallsNumEntries = slots ? count : 0;
    DWORD i = 0;
    for (struct tcall *call = open->dev->calls; slots && call; call = call->next_on_dev) {
        if (!call->valid || (dwSelect == LINECALLSELECT_ADDRESS && call->address_id != dwAddressID))
            continue;
        struct call_handle *ch = call_handle_for_open(call, open);
        if (!ch && !(ch = call_handle_add(call, open, LINECALLPRIVILEGE_MONITOR)))
            break;
        ch->privilege_pending = false;
        slots[i++] = ch->handle;
    }
    tapix_varstruct_end(&vs);
    API_RETURN(0);
}

LONG WINAPI CORE_API(lineGetConfRelatedCalls)(HCALL hCall, LPLINECALLLIST lpCallList)
{
    core_enter();
    struct call_handle *ch;
    LONG rc = api_call_varstruct(hCall, lpCallList, sizeof(LINECALLLIST), &ch);
    if (rc != 0)
        API_RETURN(rc);
    struct tcall *conf = ch->call->conf_parent ? ch->call->conf_parent : ch->call;
    DWORD count = 0;
    for (struct tcall *c = conf->dev->calls; c; c = c->next_on_dev)
        if (c->valid && (c == conf || c->conf_parent == conf))
            count++;
    if (count < 2)
        API_RETURN(LINEERR_NOCONFERENCE);
    struct tapix_varstruct vs;
    tapix_varstruct_begin(&vs, lpCallList, sizeof(LINECALLLIST));
    HCALL *slots = tapix_varstruct_reserve(&vs, &lpCallList->dwCallsSize,
                                           &lpCallList->dwCallsOffset, count * sizeof(HCALL));
    lpCallList->dwCallsNumEntries = slots ? count : 0;
    DWORD i = 0;
    for (struct tcall *c = conf->dev->calls; slots && c; c = c->next_on_dev) {
        if (!c->valid || (c != conf && c->conf_parent != conf))
            continue;
        struct call_handle *mine = call_handle_for_open(c, ch->open);
        if (!mine && !(mine = call_handle_add(c, ch->open, LINECALLPRIVILEGE_MONITOR)))
            break;
        slots[i++] = mine->handle;
    }
    tapix_varstruct_end(&vs);
    API_RETURN(0);
}
