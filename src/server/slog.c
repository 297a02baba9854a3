/*
 * slog.c — tapixd's leveled log on stderr (see slog.h). Each line is formatted into one buffer
 * and written with one write(2), so lines from the core's threads never interleave with ours.
 */
#include "slog.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const level_names[] = {"error", "warn", "info", "debug"};
static int threshold = SLOG_INFO;

int slog_parse_level(const char *name)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(name, level_names[i]) == 0)
            return i;
    return -1;
}

void slog_set_level(enum slog_level level)
{
    threshold = (int)level;
    setenv("TAPIX_LOG", level_names[level], 1);
}

int slog_enabled(enum slog_level level)
{
    return (int)level <= threshold;
}

void slog(enum slog_level level, const char *fmt, ...)
{
    if (!slog_enabled(level))
        return;
    char line[1024];
    int n = snprintf(line, sizeof(line), "tapixd: %s: ", level_names[level]);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
    va_end(ap);
    size_t len = strlen(line);
    line[len++] = '\n';
    ssize_t w = write(STDERR_FILENO, line, len);
    (void)w;
}
