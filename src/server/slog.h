/*
 * slog.h — tapixd's log: one line per event on stderr, "tapixd: <level>: <text>", written when
 * its level is at or above the threshold --log-level sets (error, warn, info, debug; default
 * info). The core's own diagnostics follow the same threshold through TAPIX_LOG.
 */
#ifndef TAPIX_SERVER_SLOG_H
#define TAPIX_SERVER_SLOG_H

enum slog_level { SLOG_ERROR = 0, SLOG_WARN, SLOG_INFO, SLOG_DEBUG };

/** Parses "error", "warn", "info" or "debug"; returns the level, or -1 for anything else. */
int slog_parse_level(const char *name);

/** Sets the threshold; also exports it as TAPIX_LOG for the core, before the core starts. */
void slog_set_level(enum slog_level level);

/** True when lines at `level` are written. */
int slog_enabled(enum slog_level level);

/** Writes one line at `level`, printf-style. Thread-safe (one write per line); never fails. */
void slog(enum slog_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif /* TAPIX_SERVER_SLOG_H */
