/*
 * provider.c — loading providers and starting them the way TAPISRV does.
 *
 * Each `[provider NAME]` section names a `NAME.tsp` shared object. It is looked for in
 * $TAPIX_PROVIDER_PATH (colon-separated), then in the provider directory beside libtapix
 * itself (lib/tapix/providers/, the same in the build tree and an installation), then in the
 * installation's provider directory; a `path = …` setting names the file outright. Device IDs
 * are handed out in the order of the sections. A provider that fails to load or start stops
 * the core from starting, with a message naming the file and what went wrong.
 */
#define _GNU_SOURCE
#include "core.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "translate.h"

/* The provider directory next to the library this code is in. */
static void provider_dir_beside_library(char *out, size_t outlen)
{
    Dl_info info;
    out[0] = '\0';
    if (!dladdr((void *)provider_dir_beside_library, &info) || !info.dli_fname)
        return;
    const char *slash = strrchr(info.dli_fname, '/');
    if (!slash)
        return;
    snprintf(out, outlen, "%.*s/tapix/providers", (int)(slash - info.dli_fname), info.dli_fname);
}

/* Looks for NAME.tsp in one directory; true and the path in `out` if it exists. */
static bool provider_try_dir(const char *dir, size_t dirlen, const char *name, char *out,
                             size_t outlen)
{
    if (dirlen == 0)
        return false;
    snprintf(out, outlen, "%.*s/%s.tsp", (int)dirlen, dir, name);
    return access(out, R_OK) == 0;
}

/* Finds the file of provider `name`; false with a message when it is nowhere. */
static bool provider_find(const char *name, char *out, size_t outlen, char *err, size_t errlen)
{
    const char *env = getenv("TAPIX_PROVIDER_PATH");
    if (env && *env) {
        for (const char *p = env; *p;) {
            const char *colon = strchr(p, ':');
            size_t len = colon ? (size_t)(colon - p) : strlen(p);
            if (provider_try_dir(p, len, name, out, outlen))
                return true;
            p += len + (colon ? 1 : 0);
        }
    }
    char dir[PATH_MAX];
    provider_dir_beside_library(dir, sizeof(dir));
    if (provider_try_dir(dir, strlen(dir), name, out, outlen))
        return true;
    if (provider_try_dir(TAPIX_PROVIDER_DIR, strlen(TAPIX_PROVIDER_DIR), name, out, outlen))
        return true;
    snprintf(err, errlen,
             "provider '%s': %s.tsp not found (looked in TAPIX_PROVIDER_PATH, %s and %s)", name,
             name, dir[0] ? dir : "(unknown)", TAPIX_PROVIDER_DIR);
    return false;
}

/* Resolves every TSPI entry point; absent optional ones stay NULL. */
static void provider_resolve(struct provider *prov)
{
#define PROVIDER_RESOLVE(fname)                                                                    \
    prov->fn.fname = (__typeof__(prov->fn.fname))dlsym(prov->dl, "TSPI_" #fname);
    CORE_TSPI_FUNCTIONS(PROVIDER_RESOLVE)
#undef PROVIDER_RESOLVE
    prov->fn.providerConfig =
        (__typeof__(prov->fn.providerConfig))dlsym(prov->dl, "TSPIX_providerConfig");
}

/* Names the first required entry point that is missing, or NULL. */
static const char *provider_missing_export(const struct provider *prov)
{
    if (!prov->fn.lineNegotiateTSPIVersion)
        return "TSPI_lineNegotiateTSPIVersion";
    if (!prov->fn.providerInit)
        return "TSPI_providerInit";
    if (!prov->fn.providerShutdown)
        return "TSPI_providerShutdown";
    if (!prov->fn.providerEnumDevices)
        return "TSPI_providerEnumDevices";
    return NULL;
}

/* Hands the provider its settings (all but the core's own `path`). */
static LONG provider_configure(struct provider *prov, const struct config *cfg,
                               const struct config_section *sec, char *err, size_t errlen)
{
    if (!prov->fn.providerConfig) {
        for (size_t i = 0; i < sec->num_settings; i++)
            if (strcmp(sec->settings[i].key, "path") != 0) {
                snprintf(err, errlen, "%s:%u: provider '%s' takes no settings (key '%s')",
                         cfg->file, sec->settings[i].line, prov->name, sec->settings[i].key);
                return LINEERR_INIFILECORRUPT;
            }
        return 0;
    }
    size_t n = sec->num_settings;
    const char **keys = calloc(n + 1, sizeof(*keys));
    const char **values = calloc(n + 1, sizeof(*values));
    DWORD *lines = calloc(n + 1, sizeof(*lines));
    LONG rc = LINEERR_NOMEM;
    if (keys && values && lines) {
        DWORD count = 0;
        for (size_t i = 0; i < n; i++) {
            if (strcmp(sec->settings[i].key, "path") == 0)
                continue;
            keys[count] = sec->settings[i].key;
            values[count] = sec->settings[i].value;
            lines[count] = sec->settings[i].line;
            count++;
        }
        TSPIXCONFIG config = {.dwNumSettings = count,
                              .lpszKeys = keys,
                              .lpszValues = values,
                              .lpdwLines = lines,
                              .lpszFile = cfg->file,
                              .lpszInstance = sec->instance};
        char perr[512] = "";
        rc = prov->fn.providerConfig(prov->permanent_id, &config, perr, sizeof(perr));
        if (rc != 0) {
            snprintf(err, errlen, "provider '%s': %s", prov->name,
                     perr[0] ? perr : "configuration refused");
            rc = LINEERR_INIFILECORRUPT;
        }
    } else {
        snprintf(err, errlen, "out of memory");
    }
    free(keys);
    free(values);
    free(lines);
    return rc;
}

/* Creates the device objects of one provider after TSPI_providerEnumDevices. */
static LONG provider_add_devices(struct provider *prov, DWORD nlines, DWORD nphones)
{
    struct line_device **lines =
        realloc(g_core.lines, (g_core.num_lines + nlines) * sizeof(*lines));
    if (!lines && g_core.num_lines + nlines)
        return LINEERR_NOMEM;
    g_core.lines = lines;
    struct phone_device **phones =
        realloc(g_core.phones, (g_core.num_phones + nphones) * sizeof(*phones));
    if (!phones && g_core.num_phones + nphones)
        return LINEERR_NOMEM;
    g_core.phones = phones;
    prov->line_base = g_core.num_lines;
    prov->phone_base = g_core.num_phones;
    for (DWORD i = 0; i < nlines; i++) {
        struct line_device *dev = calloc(1, sizeof(*dev));
        if (!dev)
            return LINEERR_NOMEM;
        dev->device_id = g_core.num_lines;
        dev->provider_device_id = dev->device_id;
        dev->prov = prov;
        g_core.lines[g_core.num_lines++] = dev;
        prov->num_lines++;
    }
    for (DWORD i = 0; i < nphones; i++) {
        struct phone_device *dev = calloc(1, sizeof(*dev));
        if (!dev)
            return LINEERR_NOMEM;
        dev->device_id = g_core.num_phones;
        dev->prov = prov;
        g_core.phones[g_core.num_phones++] = dev;
        prov->num_phones++;
    }
    return 0;
}

/* The start-up order of docs/provider-contract.md. */
static LONG provider_start(struct provider *prov, const struct config *cfg,
                           const struct config_section *sec, char *err, size_t errlen)
{
    LONG rc = provider_configure(prov, cfg, sec, err, errlen);
    if (rc != 0)
        return rc;
    rc = prov->fn.lineNegotiateTSPIVersion(INITIALIZE_NEGOTIATION, CORE_TSPI_VERSION_LOW,
                                           CORE_TSPI_VERSION_HIGH, &prov->tspi_version);
    if (rc != 0) {
        snprintf(err, errlen, "provider '%s': no common TSPI version (error 0x%08x)", prov->name,
                 (unsigned)rc);
        return rc;
    }
    DWORD nlines = 0, nphones = 0;
    rc = prov->fn.providerEnumDevices(prov->permanent_id, &nlines, &nphones, (HPROVIDER)prov,
                                      event_line_callback, event_phone_callback);
    if (rc != 0) {
        snprintf(err, errlen, "provider '%s': TSPI_providerEnumDevices failed (0x%08x)", prov->name,
                 (unsigned)rc);
        return rc;
    }
    rc = provider_add_devices(prov, nlines, nphones);
    if (rc != 0) {
        snprintf(err, errlen, "out of memory adding devices of provider '%s'", prov->name);
        return rc;
    }
    rc = prov->fn.providerInit(prov->tspi_version, prov->permanent_id, prov->line_base,
                               prov->phone_base, prov->num_lines, prov->num_phones,
                               event_completion_callback, &prov->options);
    if (rc != 0) {
        snprintf(err, errlen, "provider '%s': TSPI_providerInit failed (0x%08x)", prov->name,
                 (unsigned)rc);
        return rc;
    }
    prov->initialized = true;
    return 0;
}

/* Loads one `[provider …]` section. */
static LONG provider_load(const struct config *cfg, const struct config_section *sec, char *err,
                          size_t errlen)
{
    char path[PATH_MAX];
    const char *explicit_path = NULL;
    for (size_t i = 0; i < sec->num_settings; i++)
        if (strcmp(sec->settings[i].key, "path") == 0)
            explicit_path = sec->settings[i].value;
    if (explicit_path)
        snprintf(path, sizeof(path), "%s", explicit_path);
    else if (!provider_find(sec->name, path, sizeof(path), err, errlen))
        return LINEERR_NODRIVER;

    struct provider *prov = calloc(1, sizeof(*prov));
    struct provider **list = realloc(g_core.providers, (g_core.num_providers + 1) * sizeof(*list));
    if (!prov || !list) {
        free(prov);
        snprintf(err, errlen, "out of memory");
        return LINEERR_NOMEM;
    }
    g_core.providers = list;
    g_core.providers[g_core.num_providers++] = prov;
    prov->permanent_id = (DWORD)g_core.num_providers;
    prov->name = strdup(sec->name);
    prov->instance = strdup(sec->instance);
    prov->path = strdup(path);
    prov->dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!prov->dl) {
        snprintf(err, errlen, "%s:%u: provider '%s': cannot load %s: %s", cfg->file, sec->line,
                 sec->name, path, dlerror());
        return LINEERR_NODRIVER;
    }
    provider_resolve(prov);
    const char *missing = provider_missing_export(prov);
    if (missing) {
        snprintf(err, errlen, "%s: provider '%s' does not export %s", path, sec->name, missing);
        return LINEERR_NODRIVER;
    }
    return provider_start(prov, cfg, sec, err, errlen);
}

/* Applies the [location] sections to the dialing rules. */
static LONG provider_load_locations(const struct config *cfg, struct translate_rules **rulesp,
                                    char *err, size_t errlen)
{
    if (translate_rules_alloc(rulesp) != 0) {
        snprintf(err, errlen, "out of memory");
        return LINEERR_NOMEM;
    }
    for (size_t i = 0; i < cfg->num_sections; i++) {
        const struct config_section *sec = &cfg->sections[i];
        bool card = strcmp(sec->kind, "card") == 0;
        if (!card && strcmp(sec->kind, "location") != 0)
            continue;
        for (size_t j = 0; j < sec->num_settings; j++) {
            char why[256] = "";
            const struct config_setting *s = &sec->settings[j];
            int rc =
                card ? translate_rules_set_card(*rulesp, sec->name, s->key, s->value, why,
                                                sizeof(why))
                     : translate_rules_set(*rulesp, sec->name, s->key, s->value, why, sizeof(why));
            if (rc != 0) {
                snprintf(err, errlen, "%s:%u: %s", cfg->file, s->line, why);
                return LINEERR_INIFILECORRUPT;
            }
        }
    }
    return 0;
}

LONG provider_read_locations(struct translate_rules **rulesp)
{
    char err[512] = "";
    struct config *cfg = NULL;
    *rulesp = NULL;
    if (config_load(g_core.config_text, &cfg, err, sizeof(err)) != 0) {
        tapix_log(LOG_ERROR, "%s", err);
        return LINEERR_INIFILECORRUPT;
    }
    LONG rc = provider_load_locations(cfg, rulesp, err, sizeof(err));
    if (rc != 0) {
        tapix_log(LOG_ERROR, "%s", err);
        translate_rules_free(*rulesp);
        *rulesp = NULL;
    }
    config_free(cfg);
    return rc;
}

LONG provider_load_all(char *err, size_t errlen)
{
    struct config *cfg = NULL;
    if (config_load(g_core.config_text, &cfg, err, errlen) != 0)
        return LINEERR_INIFILECORRUPT;
    LONG rc = provider_load_locations(cfg, &g_core.rules, err, errlen);
    for (size_t i = 0; rc == 0 && i < cfg->num_sections; i++)
        if (strcmp(cfg->sections[i].kind, "provider") == 0)
            rc = provider_load(cfg, &cfg->sections[i], err, errlen);
    config_free(cfg);
    return rc;
}

void provider_unload_all(void)
{
    for (DWORD i = 0; i < g_core.num_lines; i++) {
        struct line_device *dev = g_core.lines[i];
        while (dev->opens)
            line_open_close(dev->opens, false);
    }
    for (DWORD i = 0; i < g_core.num_phones; i++) {
        struct phone_device *dev = g_core.phones[i];
        while (dev->opens)
            phone_open_close(dev->opens, false);
    }
    for (size_t i = 0; i < g_core.num_providers; i++) {
        struct provider *prov = g_core.providers[i];
        if (prov->initialized)
            prov->fn.providerShutdown(prov->tspi_version, prov->permanent_id);
    }
    /* What providers reported while stopping concerns devices that are going away. */
    event_loop_stop();
    for (size_t i = 0; i < g_core.num_providers; i++) {
        struct provider *prov = g_core.providers[i];
        if (prov->dl)
            dlclose(prov->dl);
        free(prov->name);
        free(prov->instance);
        free(prov->path);
        free(prov);
    }
    for (DWORD i = 0; i < g_core.num_lines; i++)
        free(g_core.lines[i]);
    for (DWORD i = 0; i < g_core.num_phones; i++)
        free(g_core.phones[i]);
    free(g_core.providers);
    free(g_core.lines);
    free(g_core.phones);
    g_core.providers = NULL;
    g_core.lines = NULL;
    g_core.phones = NULL;
    g_core.num_providers = 0;
    g_core.num_lines = 0;
    g_core.num_phones = 0;
}

/* ---- providers added and removed while the core runs (lineAddProvider, lineRemoveProvider) -- */

struct provider *provider_find_id(DWORD permanent_id)
{
    if (!g_core.started || permanent_id == 0 || permanent_id > g_core.num_providers)
        return NULL;
    struct provider *prov = g_core.providers[permanent_id - 1];
    return prov->removed ? NULL : prov;
}

/* Marks a provider and the devices it brought as removed; their IDs stay taken. */
static void provider_mark_removed(struct provider *prov)
{
    prov->removed = true;
    for (DWORD i = 0; i < prov->num_lines; i++)
        g_core.lines[prov->line_base + i]->removed = true;
    for (DWORD i = 0; i < prov->num_phones; i++)
        g_core.phones[prov->phone_base + i]->removed = true;
}

/* Tells every application of `kind` about device `id` (LINE_CREATE, PHONE_REMOVE …). */
static void provider_tell_apps(enum app_kind kind, DWORD msg, DWORD id)
{
    for (struct app *app = g_core.apps; app; app = app->next)
        if (app->kind == kind)
            app_post(app, 0, msg, 0, id, 0, 0);
}

/* The section name a file gives a provider: its base name without ".tsp". */
static void provider_name_of(const char *file, char *out, size_t outlen)
{
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    size_t len = strlen(base);
    if (len > 4 && strcmp(base + len - 4, ".tsp") == 0)
        len -= 4;
    snprintf(out, outlen, "%.*s", (int)len, base);
}

LONG provider_add_section(const struct config *cfg, const struct config_section *sec,
                          DWORD *permanent_idp, char *err, size_t errlen)
{
    DWORD lines_before = g_core.num_lines, phones_before = g_core.num_phones;
    size_t count_before = g_core.num_providers;
    LONG rc = provider_load(cfg, sec, err, errlen);
    if (rc != 0) {
        if (g_core.num_providers > count_before) {
            struct provider *prov = g_core.providers[g_core.num_providers - 1];
            if (prov->initialized)
                prov->fn.providerShutdown(prov->tspi_version, prov->permanent_id);
            prov->initialized = false;
            provider_mark_removed(prov);
        }
        return rc;
    }
    for (DWORD id = lines_before; id < g_core.num_lines; id++)
        provider_tell_apps(APP_LINE, LINE_CREATE, id);
    for (DWORD id = phones_before; id < g_core.num_phones; id++)
        provider_tell_apps(APP_PHONE, PHONE_CREATE, id);
    *permanent_idp = (DWORD)g_core.num_providers;
    return 0;
}

LONG provider_add(const char *file, DWORD *permanent_idp)
{
    char name[256], path[PATH_MAX], err[512] = "";
    provider_name_of(file, name, sizeof(name));
    if (!name[0])
        return LINEERR_INVALPARAM;
    if (strchr(file, '/'))
        snprintf(path, sizeof(path), "%s", file);
    else if (!provider_find(name, path, sizeof(path), err, sizeof(err))) {
        tapix_log(LOG_ERROR, "lineAddProvider: %s", err);
        return LINEERR_INVALPARAM;
    }
    struct config_setting setting = {.key = "path", .value = path, .line = 0};
    struct config_section sec = {.kind = "provider",
                                 .name = name,
                                 .instance = "",
                                 .line = 0,
                                 .settings = &setting,
                                 .num_settings = 1};
    struct config cfg = {.file = "lineAddProvider"};
    LONG rc = provider_add_section(&cfg, &sec, permanent_idp, err, sizeof(err));
    if (rc != 0) {
        tapix_log(LOG_ERROR, "lineAddProvider: %s", err);
        return rc == LINEERR_NODRIVER ? LINEERR_INVALPARAM : LINEERR_OPERATIONFAILED;
    }
    return 0;
}

/* Closes every open of a removed provider's devices, each with LINE_CLOSE / PHONE_CLOSE. */
static void provider_close_opens(struct provider *prov)
{
    for (DWORD i = 0; i < prov->num_lines; i++) {
        struct line_device *dev = g_core.lines[prov->line_base + i];
        while (dev->opens) {
            struct line_open *open = dev->opens;
            app_post(open->app, open->handle, LINE_CLOSE, open->callback_instance, 0, 0, 0);
            line_open_close(open, false);
        }
    }
    for (DWORD i = 0; i < prov->num_phones; i++) {
        struct phone_device *dev = g_core.phones[prov->phone_base + i];
        while (dev->opens) {
            struct phone_open *open = dev->opens;
            app_post(open->app, open->handle, PHONE_CLOSE, open->callback_instance, 0, 0, 0);
            phone_open_close(open, false);
        }
    }
}

LONG provider_remove(DWORD permanent_id)
{
    struct provider *prov = provider_find_id(permanent_id);
    if (!prov)
        return LINEERR_INVALPARAM;
    provider_close_opens(prov);
    if (prov->initialized)
        prov->fn.providerShutdown(prov->tspi_version, prov->permanent_id);
    prov->initialized = false;
    provider_mark_removed(prov);
    for (DWORD i = 0; i < prov->num_lines; i++)
        provider_tell_apps(APP_LINE, LINE_REMOVE, prov->line_base + i);
    for (DWORD i = 0; i < prov->num_phones; i++)
        provider_tell_apps(APP_PHONE, PHONE_REMOVE, prov->phone_base + i);
    /* The shared object stays loaded until the core stops: events may still name its devices. */
    return 0;
}
