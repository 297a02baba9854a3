/*
 * config.c — reading the provider section that --config hands to TSPIX_providerConfig.
 *
 * The file is INI as tapix.conf is: `[provider name "instance"]` headers, `key = value` lines,
 * `;` or `#` comments. The kit takes the first section (or the keys before any header), drops
 * the core's own `tapix.` keys, and keeps each setting's line number, because the provider must
 * name file:line in its error message. A small parser of its own keeps those line numbers.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conform_config.h"

#define MAX_LINE 1024

/* Strip leading and trailing white space in place; returns the start. */
static char *trim(char *s)
{
    char *e;

    while (isspace((unsigned char)*s))
        s++;
    e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

/* Append one setting; returns 0, or -1 when out of memory. */
static int add_setting(struct conform_config *c, const char *key, const char *value, DWORD line)
{
    size_t n = c->count + 1;
    char **keys = realloc(c->keys, n * sizeof *keys);
    char **values;
    DWORD *lines;

    if (!keys)
        return -1;
    c->keys = keys;
    values = realloc(c->values, n * sizeof *values);
    if (!values)
        return -1;
    c->values = values;
    lines = realloc(c->lines, n * sizeof *lines);
    if (!lines)
        return -1;
    c->lines = lines;
    keys[c->count] = strdup(key);
    values[c->count] = strdup(value);
    lines[c->count] = line;
    if (!keys[c->count] || !values[c->count])
        return -1;
    c->count++;
    return 0;
}

/* Take the instance name out of a header `provider name "instance"` (quotes optional). */
static void set_instance(struct conform_config *c, char *header)
{
    char *q = strchr(header, '"'), *end;

    c->instance[0] = '\0';
    if (!q)
        return;
    end = strchr(q + 1, '"');
    if (end)
        *end = '\0';
    snprintf(c->instance, sizeof c->instance, "%s", q + 1);
}

/* Handle one line of the file; *section counts the headers seen so far. Returns 0, 1 to stop
 * (a second section starts), or -1 on a syntax error (described in err). */
static int parse_line(struct conform_config *c, char *text, DWORD lineno, int *section, char *err,
                      size_t errlen)
{
    char *s = trim(text), *eq;

    if (!*s || *s == ';' || *s == '#')
        return 0;
    if (*s == '[') {
        char *close = strchr(s, ']');

        if (!close) {
            snprintf(err, errlen, "%s:%u: section header without ]", c->file, (unsigned)lineno);
            return -1;
        }
        if (c->count || (*section)++)
            return 1;
        *close = '\0';
        set_instance(c, s + 1);
        return 0;
    }
    eq = strchr(s, '=');
    if (!eq) {
        snprintf(err, errlen, "%s:%u: expected key = value", c->file, (unsigned)lineno);
        return -1;
    }
    *eq = '\0';
    if (strncmp(trim(s), "tapix.", 6) == 0)
        return 0;
    if (add_setting(c, trim(s), trim(eq + 1), lineno)) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

int conform_config_read(struct conform_config *c, const char *path, char *err, size_t errlen)
{
    char text[MAX_LINE];
    DWORD lineno = 0;
    int section = 0, rc = 0;
    FILE *f;

    memset(c, 0, sizeof *c);
    snprintf(c->file, sizeof c->file, "%s", path);
    f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open", path);
        return -1;
    }
    while (rc == 0 && fgets(text, sizeof text, f)) {
        text[strcspn(text, "\r\n")] = '\0';
        rc = parse_line(c, text, ++lineno, &section, err, errlen);
    }
    fclose(f);
    if (rc < 0) {
        conform_config_free(c);
        return -1;
    }
    return 0;
}

void conform_config_free(struct conform_config *c)
{
    for (size_t i = 0; i < c->count; i++) {
        free(c->keys[i]);
        free(c->values[i]);
    }
    free(c->keys);
    free(c->values);
    free(c->lines);
    memset(c, 0, sizeof *c);
}

void conform_config_view(const struct conform_config *c, TSPIXCONFIG *view)
{
    view->dwNumSettings = (DWORD)c->count;
    view->lpszKeys = (const char *const *)c->keys;
    view->lpszValues = (const char *const *)c->values;
    view->lpdwLines = c->lines;
    view->lpszFile = c->file[0] ? c->file : "<built-in>";
    view->lpszInstance = c->instance;
}
