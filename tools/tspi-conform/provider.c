/*
 * provider.c — loading the provider under test and calling into it.
 *
 * The provider is dlopen'ed by path and every TSPI entry point of tspi.h is looked up, so that
 * the checks can tell required from optional exports and call what is there through `tsp`.
 * Calls go through the TSPI() macro, which holds one lock around each call: the tapix core calls
 * a provider one function at a time, and so does the kit, even from several threads.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "conform.h"

struct tsp_entry_points tsp;

static void *handle;
static pthread_mutex_t call_lock = PTHREAD_MUTEX_INITIALIZER;

/* Every entry point: its name, whether it is required, where its pointer lives in `tsp`. */
static struct tsp_export exports[] = {
#define REQUIRED(name) {#name, 1, 0},
#define OPTIONAL(name) {#name, 0, 0},
    TSPIX_REQUIRED_FUNCTIONS(REQUIRED) TSPIX_LINE_FUNCTIONS(OPTIONAL)
        TSPIX_PHONE_FUNCTIONS(OPTIONAL) TSPIX_PROVIDER_FUNCTIONS(OPTIONAL)
#undef REQUIRED
#undef OPTIONAL
};

static const size_t export_slots[] = {
#define SLOT(name) offsetof(struct tsp_entry_points, name),
    TSPIX_ALL_FUNCTIONS(SLOT)
#undef SLOT
};
_Static_assert(sizeof exports / sizeof exports[0] == sizeof export_slots / sizeof export_slots[0],
               "one slot per export");

int provider_load(const char *path, char *err, size_t errlen)
{
    memset(&tsp, 0, sizeof tsp);
    handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        snprintf(err, errlen, "%s", dlerror());
        return -1;
    }
    for (size_t i = 0; i < sizeof exports / sizeof exports[0]; i++) {
        void *sym = dlsym(handle, exports[i].name);

        exports[i].present = sym != NULL;
        /* POSIX guarantees a data pointer from dlsym converts to a function pointer. */
        memcpy((char *)&tsp + export_slots[i], &sym, sizeof sym);
    }
    return 0;
}

void provider_unload(void)
{
    if (handle)
        dlclose(handle);
    handle = NULL;
    memset(&tsp, 0, sizeof tsp);
}

const struct tsp_export *provider_exports(size_t *count)
{
    *count = sizeof exports / sizeof exports[0];
    return exports;
}

/* The entry point being called, for traces and crash reports. */
static const char *volatile calling;

const char *tsp_calling(void)
{
    return calling;
}

void tsp_enter(const char *fn)
{
    pthread_mutex_lock(&call_lock);
    calling = fn;
    report_trace("-> %s", fn);
}

LONG tsp_leave(LONG rc)
{
    report_trace("<- %s = %s", calling, ERRNAME(rc));
    calling = NULL;
    pthread_mutex_unlock(&call_lock);
    return rc;
}
