/*
 * log.h — the core's diagnostics. Messages go to stderr when their level is at or above the
 * one TAPIX_LOG names (error, warn, info, debug; default warn), so an application that uses
 * tapix stays quiet unless asked. API calls are traced at debug level at the boundary.
 */
#ifndef TAPIX_LOG_H
#define TAPIX_LOG_H

enum log_level { LOG_ERROR = 0, LOG_WARN, LOG_INFO, LOG_DEBUG };

/** Writes one line at `level`, printf-style, prefixed with "tapix: ". Thread-safe. */
void tapix_log(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** True when messages at `level` are written (to skip formatting costs on hot paths). */
int tapix_log_enabled(enum log_level level);

#endif
