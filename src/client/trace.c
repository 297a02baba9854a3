/*
 * trace.c — writing the boundary trace line of one API call (see trace.h).
 */
#include "trace.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "errname.h"
#include "log.h"

/* The longest part of a string argument written before it is cut short with "...". */
#define TRACE_STRING_MAX 120

/* Appends printf-style text to the line; text that does not fit is dropped (the line ends
 * with what fitted). */
static void trace_append(struct trace *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void trace_append(struct trace *t, const char *fmt, ...)
{
    if (t->len >= sizeof(t->line) - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->line + t->len, sizeof(t->line) - t->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        t->len += (size_t)n < sizeof(t->line) - t->len ? (size_t)n : sizeof(t->line) - 1 - t->len;
}

/* Starts an argument: the separator after the previous one, and `name=`. */
static void trace_name(struct trace *t, const char *name)
{
    trace_append(t, "%s%s=", t->args++ ? ", " : "", name);
}

bool trace_begin(struct trace *t, const char *function)
{
    t->on = tapix_log_enabled(LOG_DEBUG);
    if (!t->on)
        return false;
    t->len = 0;
    t->args = 0;
    t->line[0] = '\0';
    trace_append(t, "%s(", function);
    return true;
}

void trace_hex(struct trace *t, const char *name, DWORD value)
{
    trace_name(t, name);
    trace_append(t, "%#x", value);
}

void trace_dec(struct trace *t, const char *name, DWORD value)
{
    trace_name(t, name);
    trace_append(t, "%u", value);
}

void trace_uintptr(struct trace *t, const char *name, uintptr_t value)
{
    trace_name(t, name);
    trace_append(t, "%#" PRIxPTR, value);
}

void trace_pointer(struct trace *t, const char *name, const void *pointer)
{
    trace_name(t, name);
    if (pointer)
        trace_append(t, "%p", pointer);
    else
        trace_append(t, "NULL");
}

void trace_string(struct trace *t, const char *name, const char *string)
{
    trace_name(t, name);
    if (!string) {
        trace_append(t, "NULL");
        return;
    }
    trace_append(t, "\"");
    size_t i;
    for (i = 0; string[i] && i < TRACE_STRING_MAX; i++) {
        unsigned char c = (unsigned char)string[i];
        if (c == '"' || c == '\\')
            trace_append(t, "\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            trace_append(t, "\\x%02x", c);
        else
            trace_append(t, "%c", c);
    }
    trace_append(t, string[i] ? "\"..." : "\"");
}

LONG trace_end(struct trace *t, LONG result)
{
    if (!t->on)
        return result;
    const char *name = result < 0 ? errname_of(result) : NULL;
    if (name)
        tapix_log(LOG_DEBUG, "%s) = %s", t->line, name);
    else if (result == 0)
        tapix_log(LOG_DEBUG, "%s) = 0", t->line);
    else
        tapix_log(LOG_DEBUG, "%s) = %#x", t->line, (unsigned)result);
    return result;
}
