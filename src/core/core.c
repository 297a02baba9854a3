/*
 * core.c — the one core of the process: its lock, and starting and stopping it.
 *
 * The core starts when the first application initializes (lineInitializeEx or
 * phoneInitializeEx) and stops when the last one shuts down, as TAPISRV loads providers for its
 * first client. Every entry point brackets its work in core_enter()/core_leave(); leaving
 * drains the provider events that the work produced, so an application sees their messages
 * right after its call returns.
 */
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "translate.h"

struct core g_core = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .next_request_id = 1,
};

static __thread int core_depth;

int core_enter(void)
{
    pthread_mutex_lock(&g_core.lock);
    core_depth++;
    return 0;
}

void core_leave(void)
{
    event_drain();
    core_depth--;
    pthread_mutex_unlock(&g_core.lock);
}

bool core_locked_by_me(void)
{
    return core_depth > 0;
}

LONG core_start_locked(void)
{
    if (g_core.started)
        return 0;
    char err[512] = "";
    handle_table_init(&g_core.handles);
    if (event_loop_start() != 0) {
        tapix_log(LOG_ERROR, "cannot start the event thread");
        return LINEERR_NOMEM;
    }
    LONG rc = provider_load_all(err, sizeof(err));
    snprintf(g_core.last_error, sizeof(g_core.last_error), "%s", err);
    if (rc != 0) {
        tapix_log(LOG_ERROR, "%s", err);
        provider_unload_all();
        translate_rules_free(g_core.rules);
        g_core.rules = NULL;
        handle_table_fini(&g_core.handles);
        return rc;
    }
    g_core.started = true;
    return 0;
}

void core_stop_locked(void)
{
    if (!g_core.started)
        return;
    provider_unload_all();
    translate_rules_free(g_core.rules);
    g_core.rules = NULL;
    endtoend_clear();
    assisted_clear();
    priority_clear();
    handle_table_fini(&g_core.handles);
    g_core.started = false;
}
