/*
 * api_providers.c — the service providers as applications see them: lineGetProviderList,
 * lineAddProvider and lineRemoveProvider, and what a removed device answers.
 *
 * Providers come from the [provider] sections of the configuration when the core starts;
 * lineAddProvider loads one more while it runs (a file name found like a section's, or a path),
 * starts it in the order of docs/provider-contract.md and gives its devices the next free IDs,
 * announced with LINE_CREATE (PHONE_CREATE) to every application. lineRemoveProvider closes
 * every open of its devices (LINE_CLOSE), shuts the provider down and announces LINE_REMOVE
 * (PHONE_REMOVE). Removed devices keep their IDs until the core restarts, and answer
 * LINEERR_NODEVICE, as TAPI documents. Added providers last for the core's life: the
 * configuration file is not rewritten.
 */
#include "api.h"

#include <stdio.h>
#include <string.h>

#include "config.h"

/*
 * What a device ID of a table of `count` devices answers, `device` being what the lookup found:
 * LINEERR_UNINITIALIZED without a running core, LINEERR_BADDEVICEID for an ID never given out,
 * LINEERR_NODEVICE for a removed device, 0 when there is one.
 */
static LONG api_device_status(DWORD id, DWORD count, const void *device)
{
    if (!g_core.started)
        return LINEERR_UNINITIALIZED;
    if (id >= count)
        return LINEERR_BADDEVICEID;
    return device ? 0 : LINEERR_NODEVICE;
}

LONG api_line_device(DWORD id, struct line_device **devp)
{
    *devp = line_device_get(id);
    return api_device_status(id, g_core.num_lines, *devp);
}

LONG api_app_line_device(HLINEAPP hLineApp, DWORD id, struct line_device **devp)
{
    if (!app_find(hLineApp, APP_LINE))
        return LINEERR_INVALAPPHANDLE;
    return api_line_device(id, devp);
}

LONG api_phone_device_id(DWORD id, struct phone_device **devp)
{
    *devp = phone_device_get(id);
    return phone_error(api_device_status(id, g_core.num_phones, *devp));
}

/* Appends one LINEPROVIDERENTRY's file name, the base name of `file`. */
static void api_provider_entry(struct tapix_varstruct *vs, LINEPROVIDERENTRY *e, DWORD id,
                               const char *file)
{
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    if (e)
        e->dwPermanentProviderID = id;
    tapix_varstruct_append_string(vs, e ? &e->dwProviderFilenameSize : NULL,
                                  e ? &e->dwProviderFilenameOffset : NULL, base);
}

/* The providers the running core loaded, removed ones left out. */
static void api_list_loaded(struct tapix_varstruct *vs, LPLINEPROVIDERLIST list)
{
    DWORD count = 0;
    for (size_t i = 0; i < g_core.num_providers; i++)
        count += !g_core.providers[i]->removed;
    LINEPROVIDERENTRY *entries = tapix_varstruct_reserve(
        vs, &list->dwProviderListSize, &list->dwProviderListOffset, count * sizeof(*entries));
    list->dwNumProviders = entries ? count : 0;
    DWORD n = 0;
    for (size_t i = 0; i < g_core.num_providers; i++) {
        const struct provider *prov = g_core.providers[i];
        if (!prov->removed)
            api_provider_entry(vs, entries ? &entries[n++] : NULL, prov->permanent_id, prov->path);
    }
}

/* The providers the configuration names, with the IDs a start would give them. */
static LONG api_list_configured(struct tapix_varstruct *vs, LPLINEPROVIDERLIST list)
{
    char err[512] = "", file[300];
    struct config *cfg = NULL;
    if (config_load(g_core.config_text, &cfg, err, sizeof(err)) != 0) {
        tapix_log(LOG_ERROR, "lineGetProviderList: %s", err);
        return LINEERR_INIFILECORRUPT;
    }
    DWORD count = 0;
    for (size_t i = 0; i < cfg->num_sections; i++)
        count += strcmp(cfg->sections[i].kind, "provider") == 0;
    LINEPROVIDERENTRY *entries = tapix_varstruct_reserve(
        vs, &list->dwProviderListSize, &list->dwProviderListOffset, count * sizeof(*entries));
    list->dwNumProviders = entries ? count : 0;
    DWORD n = 0;
    for (size_t i = 0; i < cfg->num_sections; i++) {
        const struct config_section *sec = &cfg->sections[i];
        if (strcmp(sec->kind, "provider") != 0)
            continue;
        snprintf(file, sizeof(file), "%s.tsp", sec->name);
        for (size_t j = 0; j < sec->num_settings; j++)
            if (strcmp(sec->settings[j].key, "path") == 0)
                snprintf(file, sizeof(file), "%s", sec->settings[j].value);
        api_provider_entry(vs, entries ? &entries[n] : NULL, n + 1, file);
        n++;
    }
    config_free(cfg);
    return 0;
}

LONG WINAPI CORE_API(lineGetProviderList)(DWORD dwAPIVersion, LPLINEPROVIDERLIST lpProviderList)
{
    if (!api_version_ok(dwAPIVersion))
        return LINEERR_INCOMPATIBLEAPIVERSION;
    core_enter();
    LONG rc = api_check_varstruct(lpProviderList, sizeof(LINEPROVIDERLIST));
    if (rc != 0)
        API_RETURN(rc);
    struct tapix_varstruct vs;
    tapix_varstruct_begin(&vs, lpProviderList, sizeof(LINEPROVIDERLIST));
    if (g_core.started)
        api_list_loaded(&vs, lpProviderList);
    else
        rc = api_list_configured(&vs, lpProviderList);
    tapix_varstruct_end(&vs);
    API_RETURN(rc);
}

LONG WINAPI CORE_API(lineAddProvider)(LPCSTR lpszProviderFilename, HWND hwndOwner,
                                      LPDWORD lpdwPermanentProviderID)
{
    if (!lpszProviderFilename || !lpdwPermanentProviderID)
        return LINEERR_INVALPOINTER;
    if (!*lpszProviderFilename)
        return LINEERR_INVALPARAM;
    core_enter();
    if (!g_core.started) {
        tapix_log(LOG_ERROR, "lineAddProvider: no application has initialized TAPI; name the "
                             "provider in a [provider] section of the configuration instead");
        API_RETURN(LINEERR_OPERATIONFAILED);
    }
    API_RETURN(provider_add(lpszProviderFilename, lpdwPermanentProviderID));
}

LONG WINAPI CORE_API(lineRemoveProvider)(DWORD dwPermanentProviderID, HWND hwndOwner)
{
    core_enter();
    API_RETURN(provider_remove(dwPermanentProviderID));
}
