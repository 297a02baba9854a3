/*
 * acl.h — tapixd's access-control list: which users and groups may see, monitor or own which
 * line and phone devices, read from the [acl] sections of tapix.conf (docs/server.md), and
 * the identity of a client it is asked about.
 *
 * A right includes the lesser ones: own > monitor > see > none. A device's rights come from
 * the most specific rule that names it: `line.#ID` (its device ID), then `line.NAME` (its name
 * or one of its addresses, as the provider reports them), then `line.*`, then `default`; the
 * same for `phone.`. Without any [acl] section a local client may do everything and a network
 * client nothing.
 */
#ifndef TAPIX_SERVER_ACL_H
#define TAPIX_SERVER_ACL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <tapix/tapi.h>

struct config;

enum acl_right { ACL_NONE, ACL_SEE, ACL_MONITOR, ACL_OWN };
enum acl_device { ACL_LINE, ACL_PHONE };

/** Who a client is: a local peer's user and groups (SO_PEERCRED), or a network client's user. */
struct identity {
    bool network;  /* authenticated over the network: no [acl] means nothing is allowed */
    uid_t uid;     /* local clients only */
    char name[64]; /* the user name; "" when the uid has none */
    gid_t *groups; /* owned; the user's groups, its primary group included */
    int ngroups;
};

/** What a device is called, for rules that name it: its name and its addresses. */
struct devname {
    bool tried; /* the core was asked */
    bool known; /* false: only the device ID is known (a removed device, a lookup that failed) */
    char *name;
    char **addresses;
    size_t naddresses;
};

struct acl;

/**
 * Builds the ACL of `cfg`'s [acl] sections. 0 with *aclp (NULL when there is no [acl] section,
 * which acl_rights() reads as "local clients may do everything"), or -1 with
 * "file:line: what is wrong" in err: an unknown key, user or group, a bad right, a key twice.
 * May block on the user and group databases.
 */
int acl_build(const struct config *cfg, struct acl **aclp, char *err, size_t errlen);

/** Frees an ACL; NULL is fine. */
void acl_free(struct acl *acl);

/** True when some rule names devices by name or address (so names must be looked up). */
bool acl_needs_names(const struct acl *acl);

/**
 * The rights `who` has on device `id` of `kind`, named `names` (NULL or not known: only rules
 * by ID, `*` and `default` can match). `acl` NULL: ACL_OWN for a local client, ACL_NONE for a
 * network client.
 */
enum acl_right acl_rights(const struct acl *acl, const struct identity *who, enum acl_device kind,
                          DWORD id, const struct devname *names);

/** The name of `right` ("none", "see", "monitor", "own"). */
const char *acl_right_name(enum acl_right right);

/* identity.c */
/** Fills `who` for local peer `uid` / `gid`: user name and groups from the user database. 0, or
 * -1 when out of memory. May block on the user database. */
int identity_local(struct identity *who, uid_t uid, gid_t gid);
/** Frees what `who` holds. */
void identity_release(struct identity *who);
/** True when `who` is in group `gid`. */
bool identity_in_group(const struct identity *who, gid_t gid);

#endif /* TAPIX_SERVER_ACL_H */
