/*
 * identity.c — who a local client is. The kernel vouches for the peer's uid and gid
 * (SO_PEERCRED, session.c); the user database gives the name and every group the user is in
 * (getpwuid_r, getgrouplist), which the access-control list's @group grants are checked against.
 * A uid without a user entry keeps only the peer's own gid.
 */
#define _GNU_SOURCE /* getgrouplist */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acl.h"

/* Fills who->groups with `name`'s groups (primary `gid` included). 0, or -1 out of memory. */
static int identity_groups(struct identity *who, const char *name, gid_t gid)
{
    int n = 32;
    for (int tries = 0; tries < 8; tries++) {
        gid_t *groups = realloc(who->groups, (size_t)n * sizeof(*groups));
        if (!groups)
            return -1;
        who->groups = groups;
        int want = n;
        if (getgrouplist(name, gid, groups, &want) >= 0) {
            who->ngroups = want;
            return 0;
        }
        n = want > n ? want : n * 2;
    }
    return -1;
}

int identity_local(struct identity *who, uid_t uid, gid_t gid)
{
    char buf[4096];
    struct passwd pw, *found = NULL;
    memset(who, 0, sizeof(*who));
    who->uid = uid;
    if (getpwuid_r(uid, &pw, buf, sizeof(buf), &found) == 0 && found) {
        snprintf(who->name, sizeof(who->name), "%s", found->pw_name);
        if (identity_groups(who, found->pw_name, found->pw_gid) != 0)
            return -1;
    }
    if (!identity_in_group(who, gid)) {
        gid_t *groups = realloc(who->groups, (size_t)(who->ngroups + 1) * sizeof(*groups));
        if (!groups)
            return -1;
        who->groups = groups;
        groups[who->ngroups++] = gid;
    }
    return 0;
}

void identity_release(struct identity *who)
{
    free(who->groups);
    who->groups = NULL;
    who->ngroups = 0;
}

bool identity_in_group(const struct identity *who, gid_t gid)
{
    for (int i = 0; i < who->ngroups; i++)
        if (who->groups[i] == gid)
            return true;
    return false;
}
