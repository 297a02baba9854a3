/*
 * config.c — the sim provider's settings: TSPIX_providerConfig and the built-in default.
 *
 * The core hands over the key/value pairs of the instance's `[provider sim]` section. They are
 * parsed into a fresh struct sim_config, which replaces the instance's only when everything
 * was valid; the first unknown key or bad value is reported as "file:line: key 'x': reason".
 * providers/sim/README.md documents every key. Without any settings the switch has extensions
 * 101-104 with one address and a phone each, and every outside number answers after 1000 ms.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define CONFIG_MAX_EXTENSIONS 100000u
#define CONFIG_MAX_MS         86400000u /* a day */

/* Where a setting came from and where errors go. */
struct config_ctx {
    const TSPIXCONFIG *src;
    DWORD i; /* the setting being parsed */
    char *err;
    DWORD errlen;
};

/* Write "file:line: key 'k': <message>" into the error buffer; returns LINEERR_INVALPARAM. */
__attribute__((format(printf, 2, 3))) static LONG config_error(struct config_ctx *c,
                                                               const char *fmt, ...)
{
    va_list ap;
    int n = 0;

    if (!c->err || c->errlen == 0)
        return LINEERR_INVALPARAM;
    n = snprintf(
        c->err, c->errlen, "%s:%u: key '%s': ", c->src->lpszFile ? c->src->lpszFile : "<built-in>",
        c->src->lpdwLines ? (unsigned)c->src->lpdwLines[c->i] : 0u, c->src->lpszKeys[c->i]);
    if (n >= 0 && (DWORD)n < c->errlen) {
        va_start(ap, fmt);
        vsnprintf(c->err + n, c->errlen - (DWORD)n, fmt, ap);
        va_end(ap);
    }
    return LINEERR_INVALPARAM;
}

/* The built-in defaults of everything but the extensions. */
static void config_defaults_scalar(struct sim_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->outside_default.kind = SIM_OUT_ANSWER;
    cfg->outside_default.ms = 1000;
    cfg->noanswer_timeout = 30000;
    cfg->ring_ms = 6000;
    cfg->dtmf_ms = 100;
    cfg->park_first = 700;
    cfg->park_count = 20;
    cfg->park_width = 3;
}

/* Append extension `number` with default settings; returns 0 or -1 when out of memory. */
static int config_add_ext(struct sim_config *cfg, const char *number, uint8_t naddr, bool phone)
{
    struct sim_ext *ext;

    if ((cfg->nexts & (cfg->nexts - 1)) == 0) { /* grow at powers of two */
        DWORD cap = cfg->nexts ? cfg->nexts * 2 : 8;
        struct sim_ext *exts = realloc(cfg->exts, cap * sizeof *exts);

        if (!exts)
            return -1;
        cfg->exts = exts;
    }
    ext = &cfg->exts[cfg->nexts++];
    memset(ext, 0, sizeof *ext);
    snprintf(ext->number, sizeof ext->number, "%s", number);
    ext->naddr = naddr;
    ext->has_phone = phone;
    ext->phone_index = SIM_NONE;
    return 0;
}

/* The default configuration: extensions 101-104, outside numbers answer after 1000 ms. */
void config_default(struct sim_config *cfg)
{
    config_defaults_scalar(cfg);
    for (int n = 101; n <= 104; n++) {
        char number[8];

        snprintf(number, sizeof number, "%d", n);
        if (config_add_ext(cfg, number, 1, true))
            break;
    }
}

/* Free what a configuration owns (the extensions' runtime state is freed by the caller). */
void config_free(struct sim_config *cfg)
{
    for (DWORD i = 0; i < cfg->nexts; i++)
        free(cfg->exts[i].name);
    free(cfg->exts);
    free(cfg->by_number);
    free(cfg->phones);
    free(cfg->outside);
    memset(cfg, 0, sizeof *cfg);
}

static const struct sim_config *sort_cfg; /* only during qsort, under config_lock */
static pthread_mutex_t config_lock = PTHREAD_MUTEX_INITIALIZER;

static int config_cmp_number(const void *a, const void *b)
{
    return strcmp(sort_cfg->exts[*(const DWORD *)a].number,
                  sort_cfg->exts[*(const DWORD *)b].number);
}

/*
 * Build the lookup tables of a parsed configuration: the number index and the phone device
 * numbering. Returns 0, -1 when out of memory, or 1 + the index of an extension whose number
 * is configured twice.
 */
int config_finish(struct sim_config *cfg)
{
    DWORD i;

    free(cfg->by_number);
    free(cfg->phones);
    cfg->by_number = malloc((cfg->nexts ? cfg->nexts : 1) * sizeof(DWORD));
    cfg->phones = malloc((cfg->nexts ? cfg->nexts : 1) * sizeof(DWORD));
    if (!cfg->by_number || !cfg->phones)
        return -1;
    cfg->nphones = 0;
    for (i = 0; i < cfg->nexts; i++) {
        struct sim_ext *ext = &cfg->exts[i];

        cfg->by_number[i] = i;
        ext->line_index = i;
        ext->phone_index = SIM_NONE;
        if (ext->has_phone) {
            ext->phone_index = cfg->nphones;
            cfg->phones[cfg->nphones++] = i;
        }
    }
    pthread_mutex_lock(&config_lock);
    sort_cfg = cfg;
    qsort(cfg->by_number, cfg->nexts, sizeof(DWORD), config_cmp_number);
    pthread_mutex_unlock(&config_lock);
    for (i = 1; i < cfg->nexts; i++)
        if (!strcmp(cfg->exts[cfg->by_number[i]].number, cfg->exts[cfg->by_number[i - 1]].number))
            return 1 + (int)cfg->by_number[i];
    return 0;
}

/* Parse a whole decimal DWORD no greater than max; returns 0 or -1. */
static int parse_dword(const char *s, DWORD max, DWORD *out)
{
    char *end;
    unsigned long v;

    if (!isdigit((unsigned char)*s))
        return -1;
    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno || *end || v > max)
        return -1;
    *out = (DWORD)v;
    return 0;
}

/* True when s is a dialable extension number: 1..SIM_NUMBER_MAX-1 digits. */
static bool is_number(const char *s, size_t len)
{
    if (len == 0 || len >= SIM_NUMBER_MAX)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

/* Parse "yes"/"no" (also true/false, on/off, 1/0). */
static int parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"yes", "true", "on", "1"};
    static const char *const no[] = {"no", "false", "off", "0"};

    for (size_t i = 0; i < 4; i++) {
        if (!strcasecmp(s, yes[i]))
            return *out = true, 0;
        if (!strcasecmp(s, no[i]))
            return *out = false, 0;
    }
    return -1;
}

/*
 * Parse one range "a" or "a-b" of decimal numbers into [*first, *last] and the digit count of
 * a (numbers of a range starting with 0 keep that many digits). Returns 0 or -1.
 */
static int parse_range(const char *s, size_t len, DWORD *first, DWORD *last, size_t *width)
{
    const char *dash = memchr(s, '-', len);
    size_t alen = dash ? (size_t)(dash - s) : len;
    char a[SIM_NUMBER_MAX], b[SIM_NUMBER_MAX];

    if (!is_number(s, alen) || alen > 9)
        return -1;
    memcpy(a, s, alen);
    a[alen] = '\0';
    *first = (DWORD)strtoul(a, NULL, 10);
    *width = a[0] == '0' ? alen : 0;
    *last = *first;
    if (dash) {
        size_t blen = len - alen - 1;

        if (!is_number(dash + 1, blen) || blen > 9)
            return -1;
        memcpy(b, dash + 1, blen);
        b[blen] = '\0';
        *last = (DWORD)strtoul(b, NULL, 10);
    }
    return *last < *first ? -1 : 0;
}

/* extensions = 101-104,200 */
static LONG config_extensions(struct config_ctx *c, struct sim_config *cfg, const char *v)
{
    for (DWORD i = 0; i < cfg->nexts; i++)
        free(cfg->exts[i].name);
    cfg->nexts = 0;
    while (*v) {
        size_t len = strcspn(v, ",");
        size_t width;
        DWORD first, last;

        while (len && isspace((unsigned char)*v))
            v++, len--;
        while (len && isspace((unsigned char)v[len - 1]))
            len--;
        if (parse_range(v, len, &first, &last, &width))
            return config_error(c, "'%.*s' is not a number or range of numbers", (int)len, v);
        if (last - first >= CONFIG_MAX_EXTENSIONS - cfg->nexts)
            return config_error(c, "more than %u extensions", CONFIG_MAX_EXTENSIONS);
        for (DWORD n = first;; n++) {
            char number[SIM_NUMBER_MAX];

            snprintf(number, sizeof number, "%0*u", (int)width, (unsigned)n);
            if (config_add_ext(cfg, number, 1, true))
                return LINEERR_NOMEM;
            if (n == last)
                break;
        }
        v += strcspn(v, ",");
        if (*v == ',')
            v++;
    }
    if (cfg->nexts == 0)
        return config_error(c, "no extensions");
    return 0;
}

/* Parse an outside behaviour: answer <ms> | busy | noanswer | reject | digits <ms> <digits>. */
static LONG config_outside_value(struct config_ctx *c, struct sim_outside *o, const char *v)
{
    char word[16], arg[32], digits[sizeof o->digits + 1];
    int n = sscanf(v, "%15s %31s %48s", word, arg, digits);

    if (n >= 1 && !strcmp(word, "busy") && n == 1)
        return o->kind = SIM_OUT_BUSY, 0;
    if (n >= 1 && !strcmp(word, "noanswer") && n == 1)
        return o->kind = SIM_OUT_NOANSWER, 0;
    if (n >= 1 && !strcmp(word, "reject") && n == 1)
        return o->kind = SIM_OUT_REJECT, 0;
    if (n == 2 && !strcmp(word, "answer")) {
        if (parse_dword(arg, CONFIG_MAX_MS, &o->ms))
            return config_error(c, "'%s' is not a delay in milliseconds", arg);
        return o->kind = SIM_OUT_ANSWER, 0;
    }
    if (n == 3 && !strcmp(word, "digits")) {
        if (parse_dword(arg, CONFIG_MAX_MS, &o->ms))
            return config_error(c, "'%s' is not a delay in milliseconds", arg);
        if (strlen(digits) >= sizeof o->digits ||
            strspn(digits, "0123456789*#ABCD") != strlen(digits))
            return config_error(c, "'%s' is not a string of DTMF digits (0-9*#A-D)", digits);
        memcpy(o->digits, digits, strlen(digits) + 1);
        return o->kind = SIM_OUT_DIGITS, 0;
    }
    return config_error(c, "expected 'answer <ms>', 'busy', 'noanswer', 'reject' or "
                           "'digits <ms> <digits>'");
}

/* outside.<number> = … or outside.default = … */
static LONG config_outside(struct config_ctx *c, struct sim_config *cfg, const char *number,
                           const char *v)
{
    struct sim_outside o = {0}, *tab;

    if (!strcmp(number, "default")) {
        LONG rc = config_outside_value(c, &o, v);

        if (rc == 0)
            cfg->outside_default = o;
        return rc;
    }
    if (!is_number(number, strlen(number)))
        return config_error(c, "'%s' is not a dialable number", number);
    snprintf(o.number, sizeof o.number, "%s", number);
    if (config_outside_value(c, &o, v))
        return LINEERR_INVALPARAM;
    for (DWORD i = 0; i < cfg->noutside; i++)
        if (!strcmp(cfg->outside[i].number, number))
            return cfg->outside[i] = o, 0;
    tab = realloc(cfg->outside, (cfg->noutside + 1) * sizeof *tab);
    if (!tab)
        return LINEERR_NOMEM;
    cfg->outside = tab;
    cfg->outside[cfg->noutside++] = o;
    return 0;
}

/* A millisecond setting. */
static LONG config_ms(struct config_ctx *c, DWORD *out, const char *v, DWORD min)
{
    if (parse_dword(v, CONFIG_MAX_MS, out) || *out < min)
        return config_error(c, "'%s' is not a time in milliseconds (%u to %u)", v, (unsigned)min,
                            CONFIG_MAX_MS);
    return 0;
}

/* park = 700-719 */
static LONG config_park(struct config_ctx *c, struct sim_config *cfg, const char *v)
{
    DWORD first, last;
    size_t width;

    if (parse_range(v, strlen(v), &first, &last, &width) || last - first >= 1000)
        return config_error(c, "expected a range of at most 1000 numbers, such as 700-719");
    cfg->park_first = first;
    cfg->park_count = last - first + 1;
    cfg->park_width = (uint8_t)(width ? width : strcspn(v, "-"));
    return 0;
}

/* Global defaults that apply to every extension not configured otherwise. */
struct config_defaults {
    DWORD addresses;
    bool phone;
};

/* A setting that is not per extension. Returns 0, an error, or 1 for "not a global key". */
static LONG config_global(struct config_ctx *c, struct sim_config *cfg, struct config_defaults *d,
                          const char *k, const char *v)
{
    if (!strcmp(k, "extensions"))
        return config_extensions(c, cfg, v);
    if (!strcmp(k, "addresses")) {
        if (parse_dword(v, SIM_ADDRESS_MAX, &d->addresses) || d->addresses == 0)
            return config_error(c, "'%s' is not a number of addresses (1 to %d)", v,
                                SIM_ADDRESS_MAX);
        return 0;
    }
    if (!strcmp(k, "phone"))
        return parse_bool(v, &d->phone) ? config_error(c, "expected 'yes' or 'no'") : 0;
    if (!strncmp(k, "outside.", 8))
        return config_outside(c, cfg, k + 8, v);
    if (!strcmp(k, "noanswer_timeout"))
        return config_ms(c, &cfg->noanswer_timeout, v, 1);
    if (!strcmp(k, "ring_ms"))
        return config_ms(c, &cfg->ring_ms, v, 1);
    if (!strcmp(k, "dtmf_ms"))
        return config_ms(c, &cfg->dtmf_ms, v, 1);
    if (!strcmp(k, "park"))
        return config_park(c, cfg, v);
    return 1;
}

/* Find the extension called number in cfg (linear; only at configuration time). */
static struct sim_ext *config_find_ext(struct sim_config *cfg, const char *number, size_t len)
{
    for (DWORD i = 0; i < cfg->nexts; i++)
        if (strlen(cfg->exts[i].number) == len && !memcmp(cfg->exts[i].number, number, len))
            return &cfg->exts[i];
    return NULL;
}

/* ext.<number>.name / .addresses / .phone */
static LONG config_per_ext(struct config_ctx *c, struct sim_config *cfg, const char *k,
                           const char *v)
{
    const char *dot = strchr(k + 4, '.');
    struct sim_ext *ext;
    DWORD n;

    if (strncmp(k, "ext.", 4) || !dot)
        return config_error(c, "unknown key");
    ext = config_find_ext(cfg, k + 4, (size_t)(dot - (k + 4)));
    if (!ext)
        return config_error(c, "extension '%.*s' is not in 'extensions'", (int)(dot - (k + 4)),
                            k + 4);
    if (!strcmp(dot, ".name")) {
        if (strlen(v) >= SIM_NAME_MAX || !*v)
            return config_error(c, "a name is 1 to %d bytes", SIM_NAME_MAX - 1);
        free(ext->name);
        ext->name = strdup(v);
        return ext->name ? 0 : LINEERR_NOMEM;
    }
    if (!strcmp(dot, ".addresses")) {
        if (parse_dword(v, SIM_ADDRESS_MAX, &n) || n == 0)
            return config_error(c, "'%s' is not a number of addresses (1 to %d)", v,
                                SIM_ADDRESS_MAX);
        ext->naddr = (uint8_t)n;
        return 0;
    }
    if (!strcmp(dot, ".phone")) {
        bool b;

        if (parse_bool(v, &b))
            return config_error(c, "expected 'yes' or 'no'");
        ext->has_phone = b;
        return 0;
    }
    return config_error(c, "unknown key (ext.<number>. takes name, addresses, phone)");
}

/*
 * Parse all settings into cfg: global keys first (they create the extensions), then the
 * per-extension ones. Returns 0 or LINEERR_INVALPARAM / LINEERR_NOMEM with c->err written.
 */
static LONG config_parse(struct config_ctx *c, struct sim_config *cfg)
{
    struct config_defaults d = {.addresses = 1, .phone = true};
    const TSPIXCONFIG *src = c->src;
    LONG rc;
    int dup;

    config_default(cfg);
    for (c->i = 0; c->i < src->dwNumSettings; c->i++) {
        const char *k = src->lpszKeys[c->i],
                   *v = src->lpszValues[c->i] ? src->lpszValues[c->i] : "";

        rc = config_global(c, cfg, &d, k, v);
        if (rc < 0)
            return rc;
        if (rc == 1 && strncmp(k, "ext.", 4))
            return config_error(c, "unknown key");
    }
    for (DWORD i = 0; i < cfg->nexts; i++) {
        cfg->exts[i].naddr = (uint8_t)d.addresses;
        cfg->exts[i].has_phone = d.phone;
    }
    for (c->i = 0; c->i < src->dwNumSettings; c->i++) {
        const char *k = src->lpszKeys[c->i],
                   *v = src->lpszValues[c->i] ? src->lpszValues[c->i] : "";

        if (!strncmp(k, "ext.", 4) && (rc = config_per_ext(c, cfg, k, v)))
            return rc;
    }
    dup = config_finish(cfg);
    if (dup < 0)
        return LINEERR_NOMEM;
    if (dup > 0) {
        for (c->i = 0; c->i < src->dwNumSettings; c->i++)
            if (!strcmp(src->lpszKeys[c->i], "extensions"))
                break;
        if (c->i == src->dwNumSettings)
            c->i = 0;
        return config_error(c, "extension '%s' is listed twice", cfg->exts[dup - 1].number);
    }
    return 0;
}

/* Check that the settings array is usable at all. */
static bool config_valid_source(const TSPIXCONFIG *src)
{
    return src && (src->dwNumSettings == 0 || (src->lpszKeys && src->lpszValues));
}

/*
 * Apply the settings of instance dwPermanentProviderID (before TSPI_providerEnumDevices).
 * Returns 0, or LINEERR_INVALPARAM with one line "file:line: key 'x': reason" in lpszError.
 * The instance keeps its previous configuration on error. Refused once the devices are in use.
 */
SIM_EXPORT LONG TSPIAPI TSPIX_providerConfig(DWORD dwPermanentProviderID,
                                             const TSPIXCONFIG *lpConfig, LPSTR lpszError,
                                             DWORD dwErrorSize)
{
    struct config_ctx c = {.src = lpConfig, .err = lpszError, .errlen = dwErrorSize};
    struct sim_config cfg;
    struct sim_inst *inst;
    LONG rc;

    if (lpszError && dwErrorSize)
        lpszError[0] = '\0';
    if (!config_valid_source(lpConfig))
        return LINEERR_INVALPOINTER;
    inst = inst_by_provider(dwPermanentProviderID, true);
    if (!inst)
        return LINEERR_NOMEM;
    rc = config_parse(&c, &cfg);
    if (rc) {
        config_free(&cfg);
        return rc;
    }
    pthread_mutex_lock(&inst->lock);
    if (inst->complete) {
        pthread_mutex_unlock(&inst->lock);
        config_free(&cfg);
        return LINEERR_OPERATIONUNAVAIL;
    }
    config_free(&inst->cfg);
    inst->cfg = cfg;
    inst->configured = true;
    pthread_mutex_unlock(&inst->lock);
    return 0;
}
