/*
 * log.c — level-filtered diagnostics on stderr (see log.h).
 */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int log_threshold = -1;

/* Reads TAPIX_LOG once; unknown words fall back to "warn". */
static int log_read_threshold(void)
{
    const char *env = getenv("TAPIX_LOG");
    static const char *const names[] = {"error", "warn", "info", "debug"};
    if (env)
        for (int i = 0; i < 4; i++)
            if (strcmp(env, names[i]) == 0)
                return i;
    return LOG_WARN;
}

int tapix_log_enabled(enum log_level level)
{
    int threshold = __atomic_load_n(&log_threshold, __ATOMIC_RELAXED);
    if (threshold < 0) {
        threshold = log_read_threshold();
        __atomic_store_n(&log_threshold, threshold, __ATOMIC_RELAXED);
    }
    return (int)level <= threshold;
}

void tapix_log(enum log_level level, const char *fmt, ...)
{
    if (!tapix_log_enabled(level))
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    fprintf(stderr, "tapix: %s\n", line);
}
