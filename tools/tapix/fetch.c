/*
 * fetch.c — reading TAPI's variable-size structures (LINEDEVCAPS, LINEADDRESSCAPS, PHONECAPS,
 * LINETRANSLATEOUTPUT) the way an application should: ask with a small buffer, grow it to
 * dwNeededSize, ask again. Also copies string fields out of them, trusting no size or offset
 * that points past dwUsedSize.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One lineGet…/phoneGet… call on a buffer; ctx says which. */
typedef LONG (*fetch_fn)(const void *ctx, void *buf);

/*
 * Calls fn with a buffer of fixed bytes, then again with dwNeededSize bytes until everything
 * fits. Returns the malloc'd structure (the caller frees it) and *rc = 0, or NULL and *rc the
 * error (LINEERR_NOMEM when out of memory).
 */
static void *fetch(fetch_fn fn, const void *ctx, size_t fixed, LONG *rc)
{
    size_t size = fixed + 1024;

    for (int tries = 0; tries < 4; tries++) {
        DWORD *buf = calloc(1, size);

        if (!buf) {
            *rc = LINEERR_NOMEM;
            return NULL;
        }
        buf[0] = (DWORD)size; /* dwTotalSize */
        *rc = fn(ctx, buf);
        if (*rc != 0) {
            free(buf);
            return NULL;
        }
        if (buf[1] <= buf[0]) /* dwNeededSize <= dwTotalSize */
            return buf;
        size = buf[1];
        free(buf);
    }
    *rc = LINEERR_STRUCTURETOOSMALL;
    return NULL;
}

/* Which device, address or number the fetch_*_fn functions below ask about. */
struct fetch_ctx {
    HLINEAPP app;
    DWORD dev, addr, version, card, options;
    const char *text;
};

/* The one TAPI call of each fetch_*() below, in the shape fetch() wants. */
static LONG fetch_devcaps_fn(const void *ctx, void *buf)
{
    const struct fetch_ctx *c = ctx;

    return lineGetDevCaps(c->app, c->dev, c->version, 0, buf);
}

static LONG fetch_addrcaps_fn(const void *ctx, void *buf)
{
    const struct fetch_ctx *c = ctx;

    return lineGetAddressCaps(c->app, c->dev, c->addr, c->version, 0, buf);
}

static LONG fetch_phonecaps_fn(const void *ctx, void *buf)
{
    const struct fetch_ctx *c = ctx;

    return phoneGetDevCaps((HPHONEAPP)c->app, c->dev, c->version, 0, buf);
}

static LONG fetch_translate_fn(const void *ctx, void *buf)
{
    const struct fetch_ctx *c = ctx;

    return lineTranslateAddress(c->app, c->dev, c->version, c->text, c->card, c->options, buf);
}

LINEDEVCAPS *fetch_devcaps(HLINEAPP app, DWORD dev, DWORD version, LONG *rc)
{
    struct fetch_ctx c = {.app = app, .dev = dev, .version = version};

    return fetch(fetch_devcaps_fn, &c, sizeof(LINEDEVCAPS), rc);
}

LINEADDRESSCAPS *fetch_addrcaps(HLINEAPP app, DWORD dev, DWORD addr, DWORD version, LONG *rc)
{
    struct fetch_ctx c = {.app = app, .dev = dev, .addr = addr, .version = version};

    return fetch(fetch_addrcaps_fn, &c, sizeof(LINEADDRESSCAPS), rc);
}

PHONECAPS *fetch_phonecaps(HPHONEAPP app, DWORD dev, DWORD version, LONG *rc)
{
    struct fetch_ctx c = {.app = (HLINEAPP)app, .dev = dev, .version = version};

    return fetch(fetch_phonecaps_fn, &c, sizeof(PHONECAPS), rc);
}

LINETRANSLATEOUTPUT *fetch_translate(HLINEAPP app, DWORD dev, DWORD version, const char *number,
                                     DWORD card, DWORD options, LONG *rc)
{
    struct fetch_ctx c = {.app = app,
                          .dev = dev,
                          .version = version,
                          .text = number,
                          .card = card,
                          .options = options};

    return fetch(fetch_translate_fn, &c, sizeof(LINETRANSLATEOUTPUT), rc);
}

const char *fetch_string(const void *structure, DWORD size, DWORD offset, char *buf, size_t len)
{
    const DWORD *hdr = structure;
    DWORD used = hdr[2]; /* dwUsedSize */
    size_t n;

    buf[0] = '\0';
    if (size == 0 || offset > used || size > used - offset || len == 0)
        return buf;
    n = strnlen((const char *)structure + offset, size); /* strings end in NUL, if whole */
    if (n >= len)
        n = len - 1;
    memcpy(buf, (const char *)structure + offset, n);
    buf[n] = '\0';
    return buf;
}
