/*
 * devmap.c — each client's own numbering of the line and phone devices.
 *
 * An application never learns of a device it may not see: its device IDs run from 0 to the
 * dwNumDevs its lineInitializeEx reported, over the devices it may see only, in the core's
 * order. The map holds both directions (the client's ID to the core's and back) and grows at
 * the end as the core gains devices (a provider added: LINE_CREATE) or a reloaded ACL lets the
 * client see more; an entry never moves, so an ID an application holds stays valid. A device
 * removed from the core keeps its entry (and answers LINEERR_NODEVICE, as TAPI's removed
 * devices do). A device a reloaded ACL hides is taken out (revoke.c): its ID is dead for good,
 * and the device gets a new one if it is shown again. Whether a mapped device may still be used
 * is asked of the ACL at each use.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"

#include "server.h"

#define DEVMAP_NONE 0xFFFFFFFFu

enum acl_right devmap_rights(struct session *s, enum acl_device kind, DWORD core_id)
{
    struct server *srv = s->srv;
    const struct devname *names =
        acl_needs_names(srv->acl) ? devnames_get(srv, kind, core_id) : NULL;
    return acl_rights(srv->acl, &s->who, kind, core_id, names);
}

/* The number of devices of `kind` the core has given IDs to (removed ones included). */
static DWORD devmap_core_count(enum acl_device kind)
{
    core_enter();
    DWORD n = kind == ACL_LINE ? g_core.num_lines : g_core.num_phones;
    core_leave();
    return n;
}

/* True when the core's device `id` of `kind` is there (not removed). */
static bool devmap_core_exists(enum acl_device kind, DWORD id)
{
    core_enter();
    bool there = kind == ACL_LINE ? line_device_get(id) != NULL : phone_device_get(id) != NULL;
    core_leave();
    return there;
}

/* Makes room for core IDs below `count` in the reverse table. 0, or -1 out of memory. */
static int devmap_grow_reverse(struct devmap *map, DWORD count)
{
    if (count <= map->known)
        return 0;
    DWORD *to_local = realloc(map->to_local, (size_t)count * sizeof(*to_local));
    if (!to_local)
        return -1;
    for (DWORD i = map->known; i < count; i++)
        to_local[i] = DEVMAP_NONE;
    map->to_local = to_local;
    map->known = count;
    return 0;
}

/* Gives core device `core_id` the next ID of the client's. 0, or -1 out of memory. */
static int devmap_append(struct devmap *map, DWORD core_id)
{
    if (map->count == map->cap) {
        DWORD cap = map->cap ? map->cap * 2 : 16;
        DWORD *to_core = realloc(map->to_core, (size_t)cap * sizeof(*to_core));
        if (!to_core)
            return -1;
        map->to_core = to_core;
        map->cap = cap;
    }
    map->to_core[map->count] = core_id;
    map->to_local[core_id] = map->count++;
    return 0;
}

/* Maps the core's device `id` when the client may see it and it is there. */
static void devmap_consider(struct session *s, enum acl_device kind, DWORD id)
{
    struct devmap *map = &s->maps[kind];
    if (map->to_local[id] != DEVMAP_NONE || !devmap_core_exists(kind, id))
        return;
    if (devmap_rights(s, kind, id) >= ACL_SEE)
        devmap_append(map, id);
}

int devmap_sync(struct session *s, enum acl_device kind)
{
    struct devmap *map = &s->maps[kind];
    DWORD n = devmap_core_count(kind);
    if (devmap_grow_reverse(map, n) != 0)
        return -1;
    for (DWORD id = map->synced; id < n; id++)
        devmap_consider(s, kind, id);
    if (n > map->synced)
        map->synced = n;
    return 0;
}

DWORD devmap_rescan(struct session *s, enum acl_device kind)
{
    struct devmap *map = &s->maps[kind];
    DWORD before = map->count;
    for (DWORD id = 0; id < map->synced; id++)
        devmap_consider(s, kind, id);
    return before;
}

DWORD devmap_count(struct session *s, enum acl_device kind)
{
    devmap_sync(s, kind);
    return s->maps[kind].count;
}

void devmap_hide(struct session *s, enum acl_device kind, DWORD local)
{
    struct devmap *map = &s->maps[kind];
    if (local >= map->count || map->to_core[local] == DEVMAP_DEAD)
        return;
    map->to_local[map->to_core[local]] = DEVMAP_NONE;
    map->to_core[local] = DEVMAP_DEAD;
}

int devmap_to_core(struct session *s, enum acl_device kind, DWORD local, DWORD *core_id)
{
    struct devmap *map = &s->maps[kind];
    if (local >= map->count)
        devmap_sync(s, kind);
    if (local >= map->count || map->to_core[local] == DEVMAP_DEAD)
        return -1;
    *core_id = map->to_core[local];
    return 0;
}

int devmap_to_local(struct session *s, enum acl_device kind, DWORD core_id, DWORD *local)
{
    struct devmap *map = &s->maps[kind];
    if (core_id >= map->synced)
        devmap_sync(s, kind);
    if (core_id >= map->known || map->to_local[core_id] == DEVMAP_NONE)
        return -1;
    *local = map->to_local[core_id];
    return 0;
}

void devmap_release(struct session *s)
{
    for (int k = 0; k < 2; k++) {
        free(s->maps[k].to_core);
        free(s->maps[k].to_local);
        memset(&s->maps[k], 0, sizeof(s->maps[k]));
    }
}
