/*
 * reload.c — SIGHUP: the configuration read again and put in force while clients stay.
 *
 * The new file is read and checked whole first (its syntax, its [acl] with every user and
 * group); a fault refuses it with one log line naming file:line, and the old configuration
 * stays. Then the providers: a [provider] section that is new, or whose settings changed, is
 * loaded and started by the core's run-time provider add (its devices reach applications with
 * LINE_CREATE / PHONE_CREATE); if one fails, those just added are removed again and the old
 * configuration stays. Only then are the providers whose section went (or changed) removed:
 * their open lines get LINE_CLOSE, applications LINE_REMOVE. Last, the new ACL replaces the
 * old: each client loses the opens it no longer has the rights for (LINE_CLOSE) and the devices
 * it may no longer see (LINE_REMOVE, revoke.c), and is shown (LINE_CREATE) those it may now see;
 * rights on every device are checked against the new list from the next request on.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "core.h"

#include "server.h"
#include "slog.h"

/* The most providers one reload adds or removes. */
#define RELOAD_MAX 256

/* True when sections `a` and `b` are the same provider instance. */
static bool reload_same_instance(const struct config_section *a, const struct config_section *b)
{
    return strcmp(a->name, b->name) == 0 && strcmp(a->instance, b->instance) == 0;
}

/* True when `a` and `b` have the same settings in the same order. */
static bool reload_same_settings(const struct config_section *a, const struct config_section *b)
{
    if (a->num_settings != b->num_settings)
        return false;
    for (size_t i = 0; i < a->num_settings; i++)
        if (strcmp(a->settings[i].key, b->settings[i].key) != 0 ||
            strcmp(a->settings[i].value, b->settings[i].value) != 0)
            return false;
    return true;
}

/* The provider section of `cfg` for the instance of `sec`, or NULL. */
static const struct config_section *reload_find(const struct config *cfg,
                                                const struct config_section *sec)
{
    for (size_t i = 0; cfg && i < cfg->num_sections; i++)
        if (strcmp(cfg->sections[i].kind, "provider") == 0 &&
            reload_same_instance(&cfg->sections[i], sec))
            return &cfg->sections[i];
    return NULL;
}

/* True when section `sec` of `cfg` must be started: it is new or its settings changed. */
static bool reload_is_new(const struct config *old, const struct config_section *sec)
{
    const struct config_section *before = reload_find(old, sec);
    return !before || !reload_same_settings(before, sec);
}

/* Refuses `cfg` when two of its sections are one provider instance. 0, or -1 with err. */
static int reload_check_unique(const struct config *cfg, char *err, size_t errlen)
{
    for (size_t i = 0; i < cfg->num_sections; i++) {
        const struct config_section *sec = &cfg->sections[i];
        if (strcmp(sec->kind, "provider") != 0)
            continue;
        const struct config_section *first = reload_find(cfg, sec);
        if (first != sec) {
            snprintf(err, errlen, "%s:%u: [provider %s%s%s%s] is already on line %u", cfg->file,
                     sec->line, sec->name, sec->instance[0] ? " \"" : "", sec->instance,
                     sec->instance[0] ? "\"" : "", first->line);
            return -1;
        }
    }
    return 0;
}

/* The permanent ID of the running provider of section `sec`, or 0. Takes the core's lock. */
static DWORD reload_running_id(const struct config_section *sec)
{
    DWORD id = 0;
    core_enter();
    for (size_t i = 0; i < g_core.num_providers && !id; i++) {
        const struct provider *prov = g_core.providers[i];
        if (!prov->removed && strcmp(prov->name, sec->name) == 0 &&
            strcmp(prov->instance, sec->instance) == 0)
            id = prov->permanent_id;
    }
    core_leave();
    return id;
}

/* Removes the providers `ids` (count `n`) from the core. */
static void reload_remove(const DWORD *ids, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        core_enter();
        provider_remove(ids[i]);
        core_leave();
    }
}

/* Starts the new and changed providers of `cfg`, their IDs into `ids`. Returns how many, or -1
 * with err after removing those it started. */
static int reload_add(const struct config *old, const struct config *cfg, DWORD *ids, char *err,
                      size_t errlen)
{
    size_t n = 0;
    for (size_t i = 0; i < cfg->num_sections; i++) {
        const struct config_section *sec = &cfg->sections[i];
        char why[512] = "";
        if (strcmp(sec->kind, "provider") != 0 || !reload_is_new(old, sec))
            continue;
        core_enter();
        LONG rc = n < RELOAD_MAX ? provider_add_section(cfg, sec, &ids[n], why, sizeof(why))
                                 : LINEERR_RESOURCEUNAVAIL;
        core_leave();
        if (rc != 0) {
            snprintf(err, errlen, "%s:%u: [provider %s]: %s", cfg->file, sec->line, sec->name,
                     why[0] ? why : "too many providers at once");
            reload_remove(ids, n);
            return -1;
        }
        n++;
    }
    return (int)n;
}

/* Removes the providers of `old` that `cfg` drops or changes. Returns how many. */
static size_t reload_drop(const struct config *old, const struct config *cfg)
{
    size_t n = 0;
    for (size_t i = 0; old && i < old->num_sections; i++) {
        const struct config_section *sec = &old->sections[i];
        const struct config_section *now;
        if (strcmp(sec->kind, "provider") != 0)
            continue;
        now = reload_find(cfg, sec);
        if (now && reload_same_settings(now, sec))
            continue;
        DWORD id = reload_running_id(sec);
        if (id) {
            reload_remove(&id, 1);
            n++;
        }
    }
    return n;
}

/* Tells each application of `s` of `device` that device `local` appeared. */
static void reload_announce(struct session *s, enum proto_device device, DWORD local)
{
    for (struct session_app *app = s->apps; app; app = app->next) {
        if (app->device != device)
            continue;
        struct proto_msg msg;
        memset(&msg, 0, sizeof(msg));
        msg.type = PROTO_EVENT;
        msg.event.device = device;
        msg.event.message_id = device == PROTO_DEVICE_LINE ? LINE_CREATE : PHONE_CREATE;
        msg.event.param1 = local;
        session_send(s, &msg);
    }
}

/* Shows each client the devices the new ACL lets it see. */
static void reload_rescan(struct server *srv)
{
    for (struct session *s = srv->sessions; s; s = s->next) {
        if (s->state != SESSION_READY)
            continue;
        for (int k = ACL_LINE; k <= ACL_PHONE; k++) {
            DWORD first = devmap_rescan(s, (enum acl_device)k);
            for (DWORD id = first; id < s->maps[k].count && !s->closed; id++)
                reload_announce(s, k == ACL_LINE ? PROTO_DEVICE_LINE : PROTO_DEVICE_PHONE, id);
        }
    }
}

/* Reads and checks the new configuration. 0 with *cfgp and *aclp, or -1 with err. */
static int reload_read(struct config **cfgp, struct acl **aclp, char *err, size_t errlen)
{
    if (config_load(NULL, cfgp, err, errlen) != 0)
        return -1;
    if (acl_build(*cfgp, aclp, err, errlen) == 0 && reload_check_unique(*cfgp, err, errlen) == 0)
        return 0;
    acl_free(*aclp);
    *aclp = NULL;
    config_free(*cfgp);
    *cfgp = NULL;
    return -1;
}

void reload_config(struct server *srv)
{
    char err[768] = "";
    struct config *cfg = NULL;
    struct acl *acl = NULL;
    DWORD ids[RELOAD_MAX];
    slog(SLOG_INFO, "SIGHUP: reading the configuration again");
    if (reload_read(&cfg, &acl, err, sizeof(err)) != 0) {
        slog(SLOG_ERROR, "configuration refused, the old one stays: %s", err);
        return;
    }
    int added = reload_add(srv->cfg, cfg, ids, err, sizeof(err));
    if (added < 0) {
        slog(SLOG_ERROR, "configuration refused, the old one stays: %s", err);
        acl_free(acl);
        config_free(cfg);
        return;
    }
    size_t dropped = reload_drop(srv->cfg, cfg);
    acl_free(srv->acl);
    srv->acl = acl;
    config_free(srv->cfg);
    srv->cfg = cfg;
    revoke_all(srv);
    reload_rescan(srv);
    slog(SLOG_INFO, "configuration reloaded from %s: %d provider(s) started, %zu removed; %s",
         cfg->file, added, dropped, acl ? "access-control list in force" : "no [acl]: allow all");
}
