/*
 * devnames.c — what each device is called, for the access-control rules that name lines and
 * phones (`line.101`, `phone.Reception`): a line's name and the addresses of its call
 * appearances, a phone's name, as the provider reports them in LINEDEVCAPS, LINEADDRESSCAPS
 * and PHONECAPS. They are asked of the core once per device, through the server's own
 * applications, and kept: a device ID never changes its device while the core runs. Looked up
 * only when some rule names a device (acl_needs_names).
 */
#include <stdlib.h>
#include <string.h>

#include "server.h"

#define DEVNAMES_CAPS_SIZE     8192u
#define DEVNAMES_MAX_ADDRESSES 64u
#define DEVNAMES_API_VERSION   0x00020002u

/* A copy of the string of `size` bytes at `offset` in the structure `base` of `used` bytes;
 * NULL when there is none. */
static char *devnames_string(const void *base, DWORD used, DWORD size, DWORD offset)
{
    if (size == 0 || offset > used || size > used - offset)
        return NULL;
    return strndup((const char *)base + offset, size);
}

/* Appends the address of address `addr` of line `id` to `dn`. */
static void devnames_address(struct server *srv, DWORD id, DWORD addr, DWORD version,
                             LINEADDRESSCAPS *caps, struct devname *dn)
{
    memset(caps, 0, DEVNAMES_CAPS_SIZE);
    caps->dwTotalSize = DEVNAMES_CAPS_SIZE;
    if (srv->backend->lineGetAddressCaps(srv->keeper, id, addr, version, 0, caps) != 0)
        return;
    char *text =
        devnames_string(caps, caps->dwUsedSize, caps->dwAddressSize, caps->dwAddressOffset);
    char **list = text ? realloc(dn->addresses, (dn->naddresses + 1) * sizeof(*list)) : NULL;
    if (!list) {
        free(text);
        return;
    }
    dn->addresses = list;
    list[dn->naddresses++] = text;
}

/* Asks the core what line `id` is called. */
static void devnames_line(struct server *srv, DWORD id, struct devname *dn)
{
    LINEEXTENSIONID ext;
    DWORD version = 0;
    void *buf = calloc(1, DEVNAMES_CAPS_SIZE);
    LINEDEVCAPS *caps = buf;
    if (!buf || srv->backend->lineNegotiateAPIVersion(srv->keeper, id, 0x00010004,
                                                      DEVNAMES_API_VERSION, &version, &ext) != 0)
        goto out;
    caps->dwTotalSize = DEVNAMES_CAPS_SIZE;
    if (srv->backend->lineGetDevCaps(srv->keeper, id, version, 0, caps) != 0)
        goto out;
    dn->known = true;
    dn->name =
        devnames_string(caps, caps->dwUsedSize, caps->dwLineNameSize, caps->dwLineNameOffset);
    DWORD naddr = caps->dwNumAddresses;
    for (DWORD a = 0; a < naddr && a < DEVNAMES_MAX_ADDRESSES; a++)
        devnames_address(srv, id, a, version, buf, dn);
out:
    free(buf);
}

/* Asks the core what phone `id` is called, through a short-lived phone application. */
static void devnames_phone(struct server *srv, DWORD id, struct devname *dn)
{
    const struct tapix_backend *be = srv->backend;
    PHONEINITIALIZEEXPARAMS params = {.dwTotalSize = sizeof(params),
                                      .dwOptions = PHONEINITIALIZEEXOPTION_USEEVENT};
    PHONEEXTENSIONID ext;
    HPHONEAPP app;
    DWORD num = 0, version = DEVNAMES_API_VERSION;
    void *buf = calloc(1, DEVNAMES_CAPS_SIZE);
    PHONECAPS *caps = buf;
    if (!buf || be->phoneInitializeEx(&app, NULL, NULL, "tapixd", &num, &version, &params) != 0) {
        free(buf);
        return;
    }
    if (be->phoneNegotiateAPIVersion(app, id, 0x00010004, DEVNAMES_API_VERSION, &version, &ext) ==
        0) {
        caps->dwTotalSize = DEVNAMES_CAPS_SIZE;
        if (be->phoneGetDevCaps(app, id, version, 0, caps) == 0) {
            dn->known = true;
            dn->name = devnames_string(caps, caps->dwUsedSize, caps->dwPhoneNameSize,
                                       caps->dwPhoneNameOffset);
        }
    }
    be->phoneShutdown(app);
    free(buf);
}

const struct devname *devnames_get(struct server *srv, enum acl_device kind, DWORD id)
{
    struct devnames *table = &srv->names[kind];
    if (id >= table->count) {
        size_t count = (size_t)id + 1;
        struct devname *grown = realloc(table->names, count * sizeof(*grown));
        if (!grown)
            return NULL;
        memset(grown + table->count, 0, (count - table->count) * sizeof(*grown));
        table->names = grown;
        table->count = (DWORD)count;
    }
    struct devname *dn = &table->names[id];
    if (!dn->tried) {
        dn->tried = true;
        if (kind == ACL_LINE)
            devnames_line(srv, id, dn);
        else
            devnames_phone(srv, id, dn);
    }
    return dn;
}

void devnames_release(struct server *srv)
{
    for (int k = 0; k < 2; k++) {
        struct devnames *table = &srv->names[k];
        for (DWORD i = 0; i < table->count; i++) {
            free(table->names[i].name);
            for (size_t a = 0; a < table->names[i].naddresses; a++)
                free(table->names[i].addresses[a]);
            free(table->names[i].addresses);
        }
        free(table->names);
        table->names = NULL;
        table->count = 0;
    }
}
