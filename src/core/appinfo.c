/*
 * appinfo.c — the LINEAPPINFO list of LINEDEVSTATUS: which applications have a line open, with
 * what media modes. Only TAPI knows this, so the core appends it after the provider has filled
 * the rest of the structure. In the embedded core every application is in this process, so the
 * machine, user and module are this process's; tapixd will give each client's own.
 */
#include "core.h"

#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <tapix/varstruct.h>

/* The identity shared by every application of this process. */
struct appinfo_identity {
    char machine[256];
    char user[64];
    char module[PATH_MAX];
};

/* Reads the host name, the user name and the executable's file name. */
static void appinfo_identity(struct appinfo_identity *id)
{
    if (gethostname(id->machine, sizeof(id->machine)) != 0)
        id->machine[0] = '\0';
    id->machine[sizeof(id->machine) - 1] = '\0';
    struct passwd pw, *found = NULL;
    char buffer[1024];
    if (getpwuid_r(getuid(), &pw, buffer, sizeof(buffer), &found) == 0 && found)
        snprintf(id->user, sizeof(id->user), "%s", pw.pw_name);
    else
        snprintf(id->user, sizeof(id->user), "%u", (unsigned)getuid());
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    exe[n > 0 ? n : 0] = '\0';
    const char *slash = strrchr(exe, '/');
    snprintf(id->module, sizeof(id->module), "%s", slash ? slash + 1 : exe);
}

LONG appinfo_append(const struct line_device *dev, LINEDEVSTATUS *status)
{
    struct tapix_varstruct vs;
    LONG rc = tapix_varstruct_resume(&vs, status, sizeof(LINEDEVSTATUS));
    if (rc != 0)
        return rc;
    DWORD count = 0;
    for (const struct line_open *o = dev->opens; o; o = o->next_on_dev)
        count++;
    status->dwNumOpens = count;
    status->dwOpenMediaModes = dev->detect_modes;
    LINEAPPINFO *entries = tapix_varstruct_reserve(
        &vs, &status->dwAppInfoSize, &status->dwAppInfoOffset, count * (DWORD)sizeof(LINEAPPINFO));
    struct appinfo_identity id;
    appinfo_identity(&id);
    DWORD i = 0;
    for (const struct line_open *o = dev->opens; o; o = o->next_on_dev, i++) {
        LINEAPPINFO scratch, *e = entries ? &entries[i] : &scratch;
        memset(e, 0, sizeof(*e));
        /* Strings of entries that did not fit are only counted (NULL fields). */
        DWORD *sz = entries ? &e->dwMachineNameSize : NULL;
        tapix_varstruct_append_string(&vs, sz, entries ? &e->dwMachineNameOffset : NULL,
                                      id.machine);
        tapix_varstruct_append_string(&vs, entries ? &e->dwUserNameSize : NULL,
                                      entries ? &e->dwUserNameOffset : NULL, id.user);
        tapix_varstruct_append_string(&vs, entries ? &e->dwModuleFilenameSize : NULL,
                                      entries ? &e->dwModuleFilenameOffset : NULL, id.module);
        tapix_varstruct_append_string(&vs, entries ? &e->dwFriendlyNameSize : NULL,
                                      entries ? &e->dwFriendlyNameOffset : NULL, o->app->name);
        e->dwMediaModes = o->media_modes;
        e->dwAddressID = 0xFFFFFFFF; /* the whole line: tapix opens lines, not single addresses */
    }
    tapix_varstruct_end(&vs);
    return 0;
}
