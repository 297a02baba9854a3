/*
 * call.c — calls as TAPI sees them, and the handles applications hold to them.
 *
 * A provider call (HDRVCALL) has one `struct tcall` in the core (the HTAPICALL the provider
 * reports events on) and any number of `struct call_handle`s, one per application that may see
 * it: the owner(s) and the monitors. A call lives until the last handle to it is deallocated;
 * then the core closes it at the provider (TSPI_lineCloseCall). A call keeps its handles in a
 * doubly linked list and hashed by line open (tcall.by_open), so that giving a handle to each of
 * many monitors, finding an open's handle and removing a handle do not rescan the list.
 */
#include "core.h"

#include <stdlib.h>
#include <string.h>

struct tcall *call_alloc(struct line_device *dev)
{
    struct tcall *call = calloc(1, sizeof(*call));
    if (call)
        call->dev = dev;
    return call;
}

void call_free(struct tcall *call)
{
    if (call) {
        free(call->app_name);
        free(call->by_open);
    }
    free(call);
}

void call_attach(struct tcall *call)
{
    struct line_device *dev = call->dev;
    call->prev_on_dev = NULL;
    call->next_on_dev = dev->calls;
    if (dev->calls)
        dev->calls->prev_on_dev = call;
    dev->calls = call;
}

/* Unlinks `call` from its line. */
static void call_detach(struct tcall *call)
{
    struct line_device *dev = call->dev;
    if (call->prev_on_dev)
        call->prev_on_dev->next_on_dev = call->next_on_dev;
    else if (dev->calls == call)
        dev->calls = call->next_on_dev;
    if (call->next_on_dev)
        call->next_on_dev->prev_on_dev = call->prev_on_dev;
    call->next_on_dev = call->prev_on_dev = NULL;
}

/* The bucket of tcall.by_open for `open`, given a table of `cap` (a power of two) chains. */
static size_t call_bucket(const struct line_open *open, size_t cap)
{
    return (size_t)(((uintptr_t)open >> 4) * 0x9E3779B97F4A7C15ull >> 32) & (cap - 1);
}

/* Puts `ch` in its call's by_open table, which has room. */
static void call_index_insert(struct tcall *call, struct call_handle *ch)
{
    size_t b = call_bucket(ch->open, call->by_open_cap);
    ch->next_by_open = call->by_open[b];
    call->by_open[b] = ch;
}

/* Below this many handles a call has no by_open table: its short list is scanned instead. */
#define CALL_INDEX_MIN 8

/*
 * Makes the call's by_open table large enough for one more handle (at most two handles per
 * chain on average), once the call has CALL_INDEX_MIN handles. When memory runs out, an old
 * table stays and its chains grow longer, or without one the list is scanned: slower, not wrong.
 */
static void call_index_reserve(struct tcall *call)
{
    size_t need = call->num_handles + 1;
    if (need < CALL_INDEX_MIN || (call->by_open_cap && need <= call->by_open_cap * 2))
        return;
    size_t cap = call->by_open_cap ? call->by_open_cap * 2 : CALL_INDEX_MIN;
    struct call_handle **table = calloc(cap, sizeof(*table));
    if (!table)
        return;
    free(call->by_open);
    call->by_open = table;
    call->by_open_cap = cap;
    for (struct call_handle *ch = call->handles; ch; ch = ch->next_in_call)
        call_index_insert(call, ch);
}

struct call_handle *call_handle_add(struct tcall *call, struct line_open *open, DWORD privilege)
{
    uint32_t handle;
    struct call_handle *ch = handle_alloc(&g_core.handles, HANDLE_CALL, sizeof(*ch), &handle);
    if (!ch)
        return NULL;
    ch->handle = handle;
    ch->call = call;
    ch->open = open;
    ch->privilege = privilege;
    ch->privilege_pending = true;
    call_index_reserve(call);
    ch->prev_in_call = NULL;
    ch->next_in_call = call->handles;
    if (call->handles)
        call->handles->prev_in_call = ch;
    call->handles = ch;
    call->num_handles++;
    if (call->by_open_cap)
        call_index_insert(call, ch);
    return ch;
}

struct call_handle *call_handle_find(DWORD hCall)
{
    return handle_get(&g_core.handles, hCall, HANDLE_CALL);
}

struct call_handle *call_handle_for_open(struct tcall *call, struct line_open *open)
{
    if (!call->by_open_cap) { /* fewer than CALL_INDEX_MIN handles (or no memory for more) */
        for (struct call_handle *ch = call->handles; ch; ch = ch->next_in_call)
            if (ch->open == open)
                return ch;
        return NULL;
    }
    for (struct call_handle *ch = call->by_open[call_bucket(open, call->by_open_cap)]; ch;
         ch = ch->next_by_open)
        if (ch->open == open)
            return ch;
    return NULL;
}

void call_handle_remove(struct call_handle *ch)
{
    struct tcall *call = ch->call;
    /* Tone monitoring ends with the handle (lineMonitorTones). */
    if (ch->tone_list_id && !call->closing && !call->dev->prov->removed &&
        call->dev->prov->fn.lineMonitorTones)
        call->dev->prov->fn.lineMonitorTones(call->hdCall, ch->tone_list_id, NULL, 0);
    if (ch->prev_in_call)
        ch->prev_in_call->next_in_call = ch->next_in_call;
    else
        call->handles = ch->next_in_call;
    if (ch->next_in_call)
        ch->next_in_call->prev_in_call = ch->prev_in_call;
    for (struct call_handle **pp =
             call->by_open_cap ? &call->by_open[call_bucket(ch->open, call->by_open_cap)] : NULL;
         pp && *pp; pp = &(*pp)->next_by_open)
        if (*pp == ch) {
            *pp = ch->next_by_open;
            break;
        }
    call->num_handles--;
    handle_free(&g_core.handles, ch->handle);
    free(ch);
}

/* The media modes a line open wants to own, as a LINEMEDIAMODE_ mask. */
static bool call_open_wants(const struct line_open *open, DWORD media_mode)
{
    if (!(open->privileges & LINECALLPRIVILEGE_OWNER))
        return false;
    return media_mode == 0 || (open->media_modes & media_mode) != 0 ||
           (open->media_modes & LINEMEDIAMODE_UNKNOWN);
}

/* Tells an application about a call it was just given a handle to (TAPI 2.0 and later). */
static void call_announce(struct call_handle *ch)
{
    struct line_open *open = ch->open;
    if (open->api_version < 0x00020000)
        return;
    app_post(open->app, open->handle, LINE_APPNEWCALL, open->callback_instance,
             ch->call->address_id, ch->handle, ch->privilege);
}

void call_give_handles(struct tcall *call, struct line_open *owner)
{
    struct line_open *chosen = owner;
    if (!chosen && call->media_mode) /* lineSetAppPriority's choice comes first */
        chosen = priority_pick(call->dev, call->media_mode, NULL);
    if (!chosen)
        for (struct line_open *o = call->dev->opens; o; o = o->next_on_dev)
            if (call_open_wants(o, call->media_mode)) {
                chosen = o; /* the most recent owner open has priority */
                break;
            }
    for (struct line_open *o = call->dev->opens; o; o = o->next_on_dev) {
        if (call_handle_for_open(call, o))
            continue;
        DWORD privilege = 0;
        if (o == chosen)
            privilege = LINECALLPRIVILEGE_OWNER;
        else if (o->privileges & LINECALLPRIVILEGE_MONITOR)
            privilege = LINECALLPRIVILEGE_MONITOR;
        if (!privilege)
            continue;
        struct call_handle *ch = call_handle_add(call, o, privilege);
        if (!ch) {
            tapix_log(LOG_ERROR, "out of memory: line %u call not offered to '%s'",
                      call->dev->device_id, o->app->name);
            continue;
        }
        if (o != owner)
            call_announce(ch);
    }
}

/* Closes a call at the provider and forgets it. */
static void call_close(struct tcall *call)
{
    call->closing = true;
    while (call->handles)
        call_handle_remove(call->handles);
    call_detach(call);
    if (call->dev->prov->fn.lineCloseCall)
        call->dev->prov->fn.lineCloseCall(call->hdCall);
    call_free(call);
}

void call_close_if_unused(struct tcall *call)
{
    if (!call->handles)
        call_close(call);
}

void call_close_all(struct line_device *dev)
{
    while (dev->calls)
        call_close(dev->calls);
}

void call_state_entry_time(const struct tcall *call, SYSTEMTIME *out)
{
    struct tm utc;
    time_t seconds = call->state_entered.tv_sec;
    memset(out, 0, sizeof(*out));
    if (!seconds || !gmtime_r(&seconds, &utc))
        return;
    out->wYear = (WORD)(utc.tm_year + 1900);
    out->wMonth = (WORD)(utc.tm_mon + 1);
    out->wDayOfWeek = (WORD)utc.tm_wday;
    out->wDay = (WORD)utc.tm_mday;
    out->wHour = (WORD)utc.tm_hour;
    out->wMinute = (WORD)utc.tm_min;
    out->wSecond = (WORD)utc.tm_sec;
    out->wMilliseconds = (WORD)(call->state_entered.tv_nsec / 1000000);
}

void call_post_all(struct tcall *call, DWORD msg, DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3)
{
    for (struct call_handle *ch = call->handles; ch; ch = ch->next_in_call)
        app_post(ch->open->app, ch->handle, msg, ch->open->callback_instance, p1, p2, p3);
}

void call_state_changed(struct tcall *call, DWORD state, DWORD mode, DWORD media)
{
    bool first_report = call->state == 0;
    if (state != call->state)
        clock_gettime(CLOCK_REALTIME, &call->state_entered);
    call->state = state;
    call->state_mode = mode;
    if (media)
        call->media_mode = media;
    if (first_report && state == LINECALLSTATE_OFFERING)
        call_give_handles(call, NULL);
    for (struct call_handle *ch = call->handles; ch; ch = ch->next_in_call) {
        DWORD privilege = ch->privilege_pending ? ch->privilege : 0;
        ch->privilege_pending = false;
        app_post(ch->open->app, ch->handle, LINE_CALLSTATE, ch->open->callback_instance, state,
                 mode, privilege);
    }
    if (state == LINECALLSTATE_IDLE && !call->handles)
        call_close(call);
}
