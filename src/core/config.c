/*
 * config.c — reading tapix.conf (see config.h).
 *
 * The INI syntax itself is inih's; this file adds what inih leaves to its user: the line of
 * every setting (counted in the line reader, since inih calls the handler right after reading
 * the line a setting is on), over-long lines refused rather than cut, section headers checked.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char config_builtin_text[] = "; tapix built-in default: the simulated PBX\n"
                                   "[provider sim]\n";

/* Longest line accepted: inih's default buffer, less room for the NUL. */
#define CONFIG_MAX_LINE 199

struct parse_state {
    struct config *cfg;
    const char *file;
    const char *text; /* the remaining input */
    unsigned line;
    char *err;
    size_t errlen;
    int failed;
};

/* Records the first error only: later ones are usually its consequences. */
static void parse_fail(struct parse_state *st, const char *fmt, ...)
{
    if (st->failed)
        return;
    st->failed = 1;
    int n = snprintf(st->err, st->errlen, "%s:%u: ", st->file, st->line);
    if (n < 0 || (size_t)n >= st->errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->err + n, st->errlen - (size_t)n, fmt, ap);
    va_end(ap);
}

static struct config_section *parse_open_section(struct parse_state *st, const char *header);

/*
 * Opens the section a `[header]` line starts. inih reports a section only with its first
 * setting, but a section without settings (`[provider sim]` alone) means something here.
 */
static void parse_section_line(struct parse_state *st, const char *line)
{
    while (*line == ' ' || *line == '\t')
        line++;
    if (*line != '[' || st->failed)
        return;
    const char *close = strchr(line, ']');
    if (!close) {
        parse_fail(st, "section header without ']'");
        return;
    }
    char header[256];
    size_t len = (size_t)(close - line - 1);
    if (len >= sizeof(header)) {
        parse_fail(st, "section header too long");
        return;
    }
    memcpy(header, line + 1, len);
    header[len] = '\0';
    parse_open_section(st, header);
}

/* inih's line reader over a string; counts lines and refuses over-long ones. */
static char *parse_read_line(char *buf, int size, void *stream)
{
    struct parse_state *st = stream;
    if (!*st->text)
        return NULL;
    const char *end = strchr(st->text, '\n');
    size_t full = end ? (size_t)(end - st->text) : strlen(st->text);
    size_t len = full;
    if (len && st->text[len - 1] == '\r')
        len--;
    st->line++;
    if (len > CONFIG_MAX_LINE || len + 2 > (size_t)size) {
        parse_fail(st, "line longer than %d characters", CONFIG_MAX_LINE);
        len = 0;
    }
    memcpy(buf, st->text, len);
    buf[len] = '\n';
    buf[len + 1] = '\0';
    st->text += full + (end ? 1 : 0);
    parse_section_line(st, buf);
    return buf;
}

/* Splits "provider sip \"office\"" into its words; returns 0 or -1 with a message. */
static int parse_section_header(struct parse_state *st, const char *header,
                                struct config_section *sec)
{
    char kind[64] = "", name[128] = "", instance[128] = "";
    const char *p = header;
    size_t i = 0;
    while (*p && !isspace((unsigned char)*p) && i + 1 < sizeof(kind))
        kind[i++] = *p++;
    while (isspace((unsigned char)*p))
        p++;
    const char *quote_open = strchr(p, '"');
    if (quote_open) {
        i = 0;
        for (const char *q = p; q < quote_open && !isspace((unsigned char)*q); q++)
            if (i + 1 < sizeof(name))
                name[i++] = *q;
        const char *quote_close = strchr(quote_open + 1, '"');
        if (!quote_close || quote_close[1] != '\0') {
            parse_fail(st, "section [%s]: unbalanced quotes", header);
            return -1;
        }
        size_t len = (size_t)(quote_close - quote_open - 1);
        if (len >= sizeof(instance))
            len = sizeof(instance) - 1;
        memcpy(instance, quote_open + 1, len);
    } else {
        size_t len = strlen(p);
        if (len >= sizeof(name)) {
            parse_fail(st, "section [%s]: name longer than %zu characters", header,
                       sizeof(name) - 1);
            return -1;
        }
        memcpy(name, p, len + 1);
    }
    if ((strcmp(kind, "location") == 0 || strcmp(kind, "card") == 0) && !name[0]) {
        memcpy(name, instance, sizeof(name));
        instance[0] = '\0';
    }
    if (strcmp(kind, "provider") == 0) {
        if (!name[0]) {
            parse_fail(st, "section [provider]: the provider name is missing");
            return -1;
        }
    } else if (strcmp(kind, "location") == 0 || strcmp(kind, "card") == 0) {
        if (!name[0]) {
            parse_fail(st, "section [%s]: the name is missing", kind);
            return -1;
        }
    } else if (strcmp(kind, "server") != 0 && strcmp(kind, "acl") != 0) {
        parse_fail(st, "unknown section [%s] (expected provider, location, card, server or acl)",
                   header);
        return -1;
    }
    sec->kind = strdup(kind);
    sec->name = strdup(name);
    sec->instance = strdup(instance);
    sec->line = st->line;
    return (sec->kind && sec->name && sec->instance) ? 0 : -1;
}

/* Starts a new section in the configuration. */
static struct config_section *parse_open_section(struct parse_state *st, const char *header)
{
    struct config *cfg = st->cfg;
    struct config_section *sections =
        realloc(cfg->sections, (cfg->num_sections + 1) * sizeof(*sections));
    if (!sections) {
        parse_fail(st, "out of memory");
        return NULL;
    }
    cfg->sections = sections;
    struct config_section *sec = &sections[cfg->num_sections];
    memset(sec, 0, sizeof(*sec));
    if (parse_section_header(st, header, sec) != 0) {
        free(sec->kind);
        free(sec->name);
        free(sec->instance);
        return NULL;
    }
    cfg->num_sections++;
    return sec;
}

/* inih's handler: one setting, or (with name NULL) a new section. */
static int parse_handler(void *user, const char *section, const char *name, const char *value)
{
    struct parse_state *st = user;
    if (st->failed)
        return 0;
    struct config *cfg = st->cfg;
    (void)section; /* sections are opened by parse_section_line, with their line */
    if (!name)
        return 1;
    if (cfg->num_sections == 0) {
        parse_fail(st, "setting '%s' outside any section", name);
        return 0;
    }
    struct config_section *sec = &cfg->sections[cfg->num_sections - 1];
    struct config_setting *settings =
        realloc(sec->settings, (sec->num_settings + 1) * sizeof(*settings));
    if (!settings) {
        parse_fail(st, "out of memory");
        return 0;
    }
    sec->settings = settings;
    struct config_setting *s = &settings[sec->num_settings];
    s->key = strdup(name);
    s->value = strdup(value);
    s->line = st->line;
    if (!s->key || !s->value) {
        free(s->key);
        free(s->value);
        parse_fail(st, "out of memory");
        return 0;
    }
    sec->num_settings++;
    return 1;
}

int config_parse_text(const char *text, const char *file, struct config **cfgp, char *err,
                      size_t errlen)
{
    struct config *cfg = calloc(1, sizeof(*cfg));
    if (!cfg) {
        snprintf(err, errlen, "%s: out of memory", file);
        return -1;
    }
    cfg->file = strdup(file);
    struct parse_state st = {.cfg = cfg, .file = file, .text = text, .err = err, .errlen = errlen};
    int rc = ini_parse_stream(parse_read_line, &st, parse_handler, &st);
    if (!st.failed && rc > 0) {
        st.line = (unsigned)rc;
        parse_fail(&st, "syntax error (expected [section] or key = value)");
    }
    if (st.failed || rc != 0 || !cfg->file) {
        config_free(cfg);
        return -1;
    }
    *cfgp = cfg;
    return 0;
}

/* Reads a whole file into a NUL-terminated buffer; NULL with errno set on failure. */
static char *config_read_file(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (len + 1 < cap)
            break;
        char *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
            errno = ENOMEM;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    int failed = buf && ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    if (buf)
        buf[len] = '\0';
    return buf;
}

/* Parses one file; `must_exist` makes a missing file an error. 1 when the file was absent. */
static int config_load_file(const char *path, int must_exist, struct config **cfgp, char *err,
                            size_t errlen)
{
    char *text = config_read_file(path);
    if (!text) {
        if (errno == ENOENT && !must_exist)
            return 1;
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    int rc = config_parse_text(text, path, cfgp, err, errlen);
    free(text);
    return rc;
}

int config_load(const char *override_text, struct config **cfgp, char *err, size_t errlen)
{
    if (override_text)
        return config_parse_text(override_text, "<application>", cfgp, err, errlen);
    const char *named = getenv("TAPIX_CONFIG");
    if (named && *named)
        return config_load_file(named, 1, cfgp, err, errlen);
    char path[4096];
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    int rc = 1;
    if (xdg && *xdg) {
        snprintf(path, sizeof(path), "%s/tapix/tapix.conf", xdg);
        rc = config_load_file(path, 0, cfgp, err, errlen);
    } else if (home && *home) {
        snprintf(path, sizeof(path), "%s/.config/tapix/tapix.conf", home);
        rc = config_load_file(path, 0, cfgp, err, errlen);
    }
    if (rc == 1)
        rc = config_load_file(TAPIX_SYSCONFDIR "/tapix/tapix.conf", 0, cfgp, err, errlen);
    if (rc == 1)
        rc = config_parse_text(config_builtin_text, "<built-in>", cfgp, err, errlen);
    return rc;
}

void config_free(struct config *cfg)
{
    if (!cfg)
        return;
    for (size_t i = 0; i < cfg->num_sections; i++) {
        struct config_section *sec = &cfg->sections[i];
        for (size_t j = 0; j < sec->num_settings; j++) {
            free(sec->settings[j].key);
            free(sec->settings[j].value);
        }
        free(sec->settings);
        free(sec->kind);
        free(sec->name);
        free(sec->instance);
    }
    free(cfg->sections);
    free(cfg->file);
    free(cfg);
}
