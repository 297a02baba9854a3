/*
 * acl.c — reading and asking the access-control list (see acl.h and docs/server.md).
 *
 * Each setting of an [acl] section is one rule: its key says which devices (`default`,
 * `line.*`, `line.NAME`, `line.#ID`, and the same for `phone.`), its value lists grants
 * `RIGHT:WHO[,WHO…]`, separated by blanks, where RIGHT is see, monitor or own and WHO a user
 * name, `@group` or `*` (everyone). An empty value grants nothing. Users and groups are
 * resolved when the file is read, so that a typing error fails the start (or the reload) with
 * the file and line rather than silently locking someone out.
 */
#include "acl.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"

/* Which devices a rule is about. */
enum acl_scope { ACL_SCOPE_DEFAULT, ACL_SCOPE_ALL, ACL_SCOPE_NAME, ACL_SCOPE_ID };

struct acl_grant {
    enum acl_right right;
    char kind; /* 'u' a user, 'g' a group, '*' everyone */
    uid_t uid;
    gid_t gid;
    char name[64]; /* the user's name, for network clients */
};

struct acl_rule {
    enum acl_scope scope;
    enum acl_device device; /* not for ACL_SCOPE_DEFAULT */
    char *target;           /* ACL_SCOPE_NAME: the name or address */
    DWORD id;               /* ACL_SCOPE_ID */
    unsigned line;
    char *key; /* as written, for the duplicate check */
    struct acl_grant *grants;
    size_t ngrants;
};

struct acl {
    struct acl_rule *rules;
    size_t nrules;
    bool named;
};

static const char *const acl_right_names[] = {"none", "see", "monitor", "own"};

const char *acl_right_name(enum acl_right right)
{
    return acl_right_names[right];
}

/* Writes "file:line: …" into err. Returns -1. */
static int acl_fail(char *err, size_t errlen, const char *file, unsigned line, const char *fmt, ...)
{
    int n = snprintf(err, errlen, "%s:%u: ", file, line);
    if (n < 0 || (size_t)n >= errlen)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

/* Parses the device part of key `key` into `rule`. 0, or -1 (an unknown key). */
static int acl_parse_key(const char *key, struct acl_rule *rule)
{
    const char *rest;
    if (strcasecmp(key, "default") == 0) {
        rule->scope = ACL_SCOPE_DEFAULT;
        return 0;
    }
    if (strncasecmp(key, "line.", 5) == 0) {
        rule->device = ACL_LINE;
        rest = key + 5;
    } else if (strncasecmp(key, "phone.", 6) == 0) {
        rule->device = ACL_PHONE;
        rest = key + 6;
    } else {
        return -1;
    }
    if (!*rest)
        return -1;
    if (strcmp(rest, "*") == 0) {
        rule->scope = ACL_SCOPE_ALL;
        return 0;
    }
    if (rest[0] == '#') {
        char *end;
        errno = 0;
        unsigned long id = strtoul(rest + 1, &end, 10);
        if (!rest[1] || *end || errno || id > 0xFFFFFFFEul)
            return -1;
        rule->scope = ACL_SCOPE_ID;
        rule->id = (DWORD)id;
        return 0;
    }
    rule->scope = ACL_SCOPE_NAME;
    rule->target = strdup(rest);
    return rule->target ? 0 : -1;
}

/* Resolves principal `who` (user, @group or *) into `g`. 0, or -1 with the reason in `why`. */
static int acl_principal(const char *who, struct acl_grant *g, char *why, size_t whylen)
{
    char buf[4096];
    if (strcmp(who, "*") == 0) {
        g->kind = '*';
        return 0;
    }
    if (who[0] == '@') {
        struct group grp, *found = NULL;
        if (getgrnam_r(who + 1, &grp, buf, sizeof(buf), &found) != 0 || !found) {
            snprintf(why, whylen, "unknown group '%s'", who + 1);
            return -1;
        }
        g->kind = 'g';
        g->gid = found->gr_gid;
        return 0;
    }
    struct passwd pw, *found = NULL;
    if (strlen(who) >= sizeof(g->name) || getpwnam_r(who, &pw, buf, sizeof(buf), &found) != 0 ||
        !found) {
        snprintf(why, whylen, "unknown user '%s'", who);
        return -1;
    }
    g->kind = 'u';
    g->uid = found->pw_uid;
    snprintf(g->name, sizeof(g->name), "%s", who);
    return 0;
}

/* The right named `text` of length `len`, or -1. */
static int acl_parse_right(const char *text, size_t len)
{
    for (int r = ACL_SEE; r <= ACL_OWN; r++)
        if (strlen(acl_right_names[r]) == len && strncasecmp(text, acl_right_names[r], len) == 0)
            return r;
    return -1;
}

/* Appends a grant to `rule`. 0, or -1 out of memory. */
static int acl_add_grant(struct acl_rule *rule, const struct acl_grant *g)
{
    struct acl_grant *grants = realloc(rule->grants, (rule->ngrants + 1) * sizeof(*grants));
    if (!grants)
        return -1;
    rule->grants = grants;
    grants[rule->ngrants++] = *g;
    return 0;
}

/* Parses one `RIGHT:WHO[,WHO…]` item into grants of `rule`. 0, or -1 with `why`. */
static int acl_parse_item(char *item, struct acl_rule *rule, char *why, size_t whylen)
{
    char *colon = strchr(item, ':');
    int right = colon ? acl_parse_right(item, (size_t)(colon - item)) : -1;
    if (right < 0) {
        snprintf(why, whylen, "'%s': expected see:WHO, monitor:WHO or own:WHO", item);
        return -1;
    }
    char *save = NULL;
    bool any = false;
    for (char *who = strtok_r(colon + 1, ",", &save); who; who = strtok_r(NULL, ",", &save)) {
        struct acl_grant g;
        memset(&g, 0, sizeof(g));
        g.right = (enum acl_right)right;
        if (acl_principal(who, &g, why, whylen) != 0)
            return -1;
        if (acl_add_grant(rule, &g) != 0) {
            snprintf(why, whylen, "out of memory");
            return -1;
        }
        any = true;
    }
    if (!any) {
        snprintf(why, whylen, "'%s': no user or group after the right", item);
        return -1;
    }
    return 0;
}

/* Parses value `value` into the grants of `rule`. 0, or -1 with `why`. */
static int acl_parse_value(const char *value, struct acl_rule *rule, char *why, size_t whylen)
{
    char *copy = strdup(value), *save = NULL;
    int rc = 0;
    if (!copy) {
        snprintf(why, whylen, "out of memory");
        return -1;
    }
    for (char *item = strtok_r(copy, " \t", &save); item && rc == 0;
         item = strtok_r(NULL, " \t", &save))
        rc = acl_parse_item(item, rule, why, whylen);
    free(copy);
    return rc;
}

/* Frees what `rule` holds. */
static void acl_rule_release(struct acl_rule *rule)
{
    free(rule->target);
    free(rule->key);
    free(rule->grants);
}

/* The earlier rule of `acl` with key `key`, or NULL. */
static const struct acl_rule *acl_find_key(const struct acl *acl, const char *key)
{
    for (size_t i = 0; i < acl->nrules; i++)
        if (strcasecmp(acl->rules[i].key, key) == 0)
            return &acl->rules[i];
    return NULL;
}

/* Adds the rule of setting `s` of file `file` to `acl`. 0, or -1 with "file:line: …". */
static int acl_add_setting(struct acl *acl, const char *file, const struct config_setting *s,
                           char *err, size_t errlen)
{
    char why[256];
    const struct acl_rule *dup = acl_find_key(acl, s->key);
    if (dup)
        return acl_fail(err, errlen, file, s->line, "[acl] key '%s' was already given on line %u",
                        s->key, dup->line);
    struct acl_rule *rules = realloc(acl->rules, (acl->nrules + 1) * sizeof(*rules));
    if (!rules)
        return acl_fail(err, errlen, file, s->line, "out of memory");
    acl->rules = rules;
    struct acl_rule *rule = &rules[acl->nrules];
    memset(rule, 0, sizeof(*rule));
    rule->line = s->line;
    rule->key = strdup(s->key);
    if (!rule->key || acl_parse_key(s->key, rule) != 0) {
        acl_rule_release(rule);
        return acl_fail(err, errlen, file, s->line,
                        "[acl]: unknown key '%s' (expected default, line.*, line.NAME, line.#ID, "
                        "phone.*, phone.NAME or phone.#ID)",
                        s->key);
    }
    if (acl_parse_value(s->value, rule, why, sizeof(why)) != 0) {
        acl_rule_release(rule);
        return acl_fail(err, errlen, file, s->line, "[acl] %s: %s", s->key, why);
    }
    acl->named |= rule->scope == ACL_SCOPE_NAME;
    acl->nrules++;
    return 0;
}

int acl_build(const struct config *cfg, struct acl **aclp, char *err, size_t errlen)
{
    struct acl *acl = NULL;
    *aclp = NULL;
    for (size_t i = 0; i < cfg->num_sections; i++) {
        const struct config_section *sec = &cfg->sections[i];
        if (strcmp(sec->kind, "acl") != 0)
            continue;
        if (!acl && !(acl = calloc(1, sizeof(*acl))))
            return acl_fail(err, errlen, cfg->file, sec->line, "out of memory");
        for (size_t j = 0; j < sec->num_settings; j++)
            if (acl_add_setting(acl, cfg->file, &sec->settings[j], err, errlen) != 0) {
                acl_free(acl);
                return -1;
            }
    }
    *aclp = acl;
    return 0;
}

void acl_free(struct acl *acl)
{
    if (!acl)
        return;
    for (size_t i = 0; i < acl->nrules; i++)
        acl_rule_release(&acl->rules[i]);
    free(acl->rules);
    free(acl);
}

bool acl_needs_names(const struct acl *acl)
{
    return acl && acl->named;
}

/* True when grant `g` is about `who`. */
static bool acl_grant_matches(const struct acl_grant *g, const struct identity *who)
{
    switch (g->kind) {
    case '*':
        return true;
    case 'g':
        return !who->network && identity_in_group(who, g->gid);
    default:
        return who->network ? strcmp(g->name, who->name) == 0 : g->uid == who->uid;
    }
}

/* The highest right `rule` grants `who`. */
static enum acl_right acl_rule_rights(const struct acl_rule *rule, const struct identity *who)
{
    enum acl_right best = ACL_NONE;
    for (size_t i = 0; i < rule->ngrants; i++)
        if (rule->grants[i].right > best && acl_grant_matches(&rule->grants[i], who))
            best = rule->grants[i].right;
    return best;
}

/* True when `names` calls the device `target` (its name or one of its addresses). */
static bool acl_names_match(const struct devname *names, const char *target)
{
    if (!names || !names->known)
        return false;
    if (names->name && strcasecmp(names->name, target) == 0)
        return true;
    for (size_t i = 0; i < names->naddresses; i++)
        if (strcasecmp(names->addresses[i], target) == 0)
            return true;
    return false;
}

/* How well `rule` fits device `id` of `kind`: 4 by ID, 3 by name, 2 by `*`, 1 default, 0 no. */
static int acl_rule_fit(const struct acl_rule *rule, enum acl_device kind, DWORD id,
                        const struct devname *names)
{
    if (rule->scope == ACL_SCOPE_DEFAULT)
        return 1;
    if (rule->device != kind)
        return 0;
    switch (rule->scope) {
    case ACL_SCOPE_ID:
        return rule->id == id ? 4 : 0;
    case ACL_SCOPE_NAME:
        return acl_names_match(names, rule->target) ? 3 : 0;
    default:
        return 2;
    }
}

enum acl_right acl_rights(const struct acl *acl, const struct identity *who, enum acl_device kind,
                          DWORD id, const struct devname *names)
{
    if (!acl)
        return who->network ? ACL_NONE : ACL_OWN;
    const struct acl_rule *best = NULL;
    int best_fit = 0;
    for (size_t i = 0; i < acl->nrules; i++) {
        int fit = acl_rule_fit(&acl->rules[i], kind, id, names);
        if (fit > best_fit) {
            best_fit = fit;
            best = &acl->rules[i];
        }
    }
    return best ? acl_rule_rights(best, who) : ACL_NONE;
}
