/*
 * varcheck.c — checking how a provider fills TAPI's variable-size structures.
 *
 * A structure such as LINEDEVCAPS is handed to the provider with dwTotalSize set by TAPI; the
 * provider must write nothing at or past dwTotalSize, report in dwNeededSize what everything
 * would take, and keep every dw…Size / dw…Offset pair inside dwUsedSize and past the fixed part
 * (whose size depends on the negotiated version). Strings carry their NUL within their size.
 * The kit asks three times — with only the fixed part, with a size between that and
 * dwNeededSize, and with dwNeededSize — each time inside a buffer whose every byte (also before
 * the structure and past dwTotalSize) holds a guard pattern, twice with two patterns, so a
 * stray write shows up as a changed guard byte.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conform.h"

#define GUARD_FRONT 64u   /* guard bytes before the structure (keeps 8-byte alignment) */
#define GUARD_BACK  4096u /* guard bytes past dwTotalSize */
#define MAX_STRUCT  (1u << 20)

static const unsigned char patterns[2] = {0xA5, 0x5A};

/* One fill of the structure at a given dwTotalSize. */
struct var_fill {
    unsigned char *mem; /* GUARD_FRONT + total + GUARD_BACK bytes */
    unsigned char *s;   /* the structure: mem + GUARD_FRONT */
    DWORD total;
    LONG rc;
};

/* Read DWORD member at byte offset off of structure s. */
static DWORD get_dw(const unsigned char *s, size_t off)
{
    DWORD v;

    memcpy(&v, s + off, sizeof v);
    return v;
}

/* Allocate a guard-filled buffer for total bytes, set dwTotalSize and call fill. Returns 0, or
 * -1 when out of memory. */
static int fill_once(struct var_fill *f, DWORD total, unsigned char pattern, var_fill_fn fill,
                     void *arg)
{
    f->total = total;
    f->mem = malloc((size_t)GUARD_FRONT + total + GUARD_BACK);
    if (!f->mem)
        return -1;
    memset(f->mem, pattern, (size_t)GUARD_FRONT + total + GUARD_BACK);
    f->s = f->mem + GUARD_FRONT;
    memcpy(f->s, &total, sizeof total);
    f->rc = fill(f->s, arg);
    return 0;
}

/* Describe a changed guard byte into err; returns 0 when all guard bytes are intact. */
static int check_guards(const struct var_fill *f, unsigned char pattern, char *err, size_t len)
{
    for (size_t i = 0; i < GUARD_FRONT; i++)
        if (f->mem[i] != pattern) {
            snprintf(err, len, "wrote %zu bytes before the structure", GUARD_FRONT - i);
            return -1;
        }
    for (size_t i = 0; i < GUARD_BACK; i++)
        if (f->s[(size_t)f->total + i] != pattern) {
            size_t last = i;

            for (size_t j = i; j < GUARD_BACK; j++)
                if (f->s[(size_t)f->total + j] != pattern)
                    last = j;
            snprintf(err, len, "wrote past dwTotalSize: bytes %zu..%zu changed",
                     (size_t)f->total + i, (size_t)f->total + last);
            return -1;
        }
    return 0;
}

/* Check the header words (pattern: the guard byte of this fill); err gets the first problem.
 * Returns 0 when they are consistent. */
static int check_header(const struct var_fill *f, DWORD fixed, unsigned char pattern, char *err,
                        size_t len)
{
    DWORD total = get_dw(f->s, 0), needed = get_dw(f->s, 4), used = get_dw(f->s, 8), guard;

    memset(&guard, pattern, sizeof guard);
    if (total != f->total)
        snprintf(err, len, "dwTotalSize changed from %u to %u (TAPI's member, not the provider's)",
                 (unsigned)f->total, (unsigned)total);
    else if (needed == guard)
        snprintf(err, len, "dwNeededSize was not set");
    else if (used > f->total)
        snprintf(err, len, "dwUsedSize=%u exceeds dwTotalSize=%u", (unsigned)used,
                 (unsigned)f->total);
    else if (used < fixed)
        snprintf(err, len, "dwUsedSize=%u is smaller than the fixed part (%u bytes)",
                 (unsigned)used, (unsigned)fixed);
    else if (needed < used)
        snprintf(err, len, "dwNeededSize=%u is smaller than dwUsedSize=%u", (unsigned)needed,
                 (unsigned)used);
    else
        return 0;
    return -1;
}

/* Check that a string field ends in NUL (two NULs for a multi-string). */
static int check_string(const struct var_fill *f, const struct var_pair *p, DWORD size,
                        DWORD offset, char *err, size_t len)
{
    const unsigned char *end = f->s + offset + size;

    if (p->kind == VAR_BYTES)
        return 0;
    if (end[-1] != '\0') {
        snprintf(err, len, "%s (offset %u, size %u) is not NUL-terminated within its size", p->name,
                 (unsigned)offset, (unsigned)size);
        return -1;
    }
    if (p->kind == VAR_MULTISTRING && size >= 2 && end[-2] != '\0') {
        snprintf(err, len, "%s (offset %u, size %u) does not end in two NULs", p->name,
                 (unsigned)offset, (unsigned)size);
        return -1;
    }
    return 0;
}

/* Check that no two non-empty fields share bytes. */
static int check_overlaps(const struct var_fill *f, const struct var_layout *l, DWORD fixed,
                          char *err, size_t len)
{
    for (size_t i = 0; i < l->npairs; i++) {
        const struct var_pair *a = &l->pairs[i];
        uint64_t as, ao;

        if (a->offset_at + sizeof(DWORD) > fixed || !(as = get_dw(f->s, a->size_at)))
            continue;
        ao = get_dw(f->s, a->offset_at);
        for (size_t j = 0; j < i; j++) {
            const struct var_pair *b = &l->pairs[j];
            uint64_t bs, bo;

            if (b->offset_at + sizeof(DWORD) > fixed || !(bs = get_dw(f->s, b->size_at)))
                continue;
            bo = get_dw(f->s, b->offset_at);
            if (ao < bo + bs && bo < ao + as) {
                snprintf(err, len, "fields %s and %s overlap", b->name, a->name);
                return -1;
            }
        }
    }
    return 0;
}

/* Check every size/offset pair lying in the fixed part against dwUsedSize, and overlaps. */
static int check_pairs(const struct var_fill *f, const struct var_layout *l, DWORD fixed, char *err,
                       size_t len)
{
    DWORD used = get_dw(f->s, 8);

    for (size_t i = 0; i < l->npairs; i++) {
        const struct var_pair *p = &l->pairs[i];
        DWORD size, offset;

        if (p->offset_at + sizeof(DWORD) > fixed)
            continue; /* not part of the structure at this version */
        size = get_dw(f->s, p->size_at);
        offset = get_dw(f->s, p->offset_at);
        if (size == 0)
            continue;
        if (offset < fixed) {
            snprintf(err, len, "dw%sOffset=%u lies inside the fixed part (%u bytes)", p->name,
                     (unsigned)offset, (unsigned)fixed);
            return -1;
        }
        if ((uint64_t)offset + size > used) {
            snprintf(err, len, "dw%sSize=%u at dw%sOffset=%u ends past dwUsedSize=%u", p->name,
                     (unsigned)size, p->name, (unsigned)offset, (unsigned)used);
            return -1;
        }
        if (check_string(f, p, size, offset, err, len))
            return -1;
    }
    return check_overlaps(f, l, fixed, err, len);
}

/* Fill at total with both patterns and check everything; *needed gets dwNeededSize. Returns 0
 * when all is well, else -1 with the reason in err. *keep, when not NULL, receives the last
 * filled structure (calloc'd, zero past dwTotalSize). */
static int check_at(DWORD total, const struct var_layout *l, DWORD fixed, var_fill_fn fill,
                    void *arg, DWORD *needed, void **keep, char *err, size_t len)
{
    DWORD needs[2] = {0, 0};
    int bad = 0;

    for (int k = 0; k < 2 && !bad; k++) {
        struct var_fill f;

        if (fill_once(&f, total, patterns[k], fill, arg)) {
            snprintf(err, len, "out of memory");
            return -1;
        }
        if (f.rc != 0) {
            snprintf(err, len, "returned %s for dwTotalSize=%u", ERRNAME(f.rc), (unsigned)total);
            bad = 1;
        } else {
            bad = check_guards(&f, patterns[k], err, len) ||
                  check_header(&f, fixed, patterns[k], err, len) ||
                  check_pairs(&f, l, fixed, err, len);
        }
        needs[k] = get_dw(f.s, 4);
        if (!bad && k == 1 && keep) {
            *keep = calloc(1, (size_t)total + 1024); /* room to read any fixed member */
            if (*keep)
                memcpy(*keep, f.s, total);
        }
        free(f.mem);
    }
    if (!bad && needs[0] != needs[1]) {
        snprintf(err, len, "dwNeededSize differs between two identical calls (%u, %u)",
                 (unsigned)needs[0], (unsigned)needs[1]);
        bad = 1;
    }
    *needed = needs[1];
    return bad ? -1 : 0;
}

int varcheck_run(const char *check, const char *who, const struct var_layout *layout, DWORD version,
                 var_fill_fn fill, void *arg, void **full)
{
    DWORD fixed = layout->fixed_size(version), needed = 0, needed2 = 0, mid;
    char name[128], err[512];
    int failed = 0;

    snprintf(name, sizeof name, "%s.fixed", check);
    report_begin(check);
    if (check_at(fixed, layout, fixed, fill, arg, &needed, NULL, err, sizeof err)) {
        report_fail(name, "%s: %s with dwTotalSize=%u (the fixed size of %s at version 0x%X)", who,
                    err, (unsigned)fixed, layout->name, (unsigned)version);
        return -1;
    }
    report_pass(name, "%s: dwTotalSize=%u (fixed part only) gives dwNeededSize=%u", who,
                (unsigned)fixed, (unsigned)needed);
    if (needed > MAX_STRUCT) {
        report_fail(check, "%s: dwNeededSize=%u is implausibly large", who, (unsigned)needed);
        return -1;
    }

    snprintf(name, sizeof name, "%s.short", check);
    mid = fixed + (needed - fixed) / 2;
    if (needed > fixed + 1 && mid > fixed) {
        if (check_at(mid, layout, fixed, fill, arg, &needed2, NULL, err, sizeof err)) {
            report_fail(name, "%s: %s", who, err);
            failed = 1;
        } else {
            report_pass(name, "%s: dwTotalSize=%u honoured, dwNeededSize=%u", who, (unsigned)mid,
                        (unsigned)needed2);
        }
    } else {
        report_skip(name, "%s: the structure has no variable part (dwNeededSize=%u)", who,
                    (unsigned)needed);
    }

    if (check_at(needed, layout, fixed, fill, arg, &needed2, full, err, sizeof err)) {
        report_fail(check, "%s: %s", who, err);
        return -1;
    }
    if (needed2 > needed) {
        report_fail(check,
                    "%s: with dwTotalSize=dwNeededSize=%u the provider asks for %u: "
                    "re-allocating to dwNeededSize never suffices",
                    who, (unsigned)needed, (unsigned)needed2);
        return -1;
    }
    report_pass(check, "%s: well-formed at dwTotalSize=dwNeededSize=%u", who, (unsigned)needed);
    return failed ? -1 : 0;
}

/* ---------------------------------------------------------------------- the layouts ---- */

#define PAIR(type, field, kind)                                                                    \
    {                                                                                              \
#field, offsetof(type, dw##field##Size), offsetof(type, dw##field##Offset), kind           \
    }

static const struct var_pair linedevcaps_pairs[] = {
    PAIR(LINEDEVCAPS, ProviderInfo, VAR_STRING),       PAIR(LINEDEVCAPS, SwitchInfo, VAR_STRING),
    PAIR(LINEDEVCAPS, LineName, VAR_STRING),           PAIR(LINEDEVCAPS, TerminalCaps, VAR_BYTES),
    PAIR(LINEDEVCAPS, TerminalText, VAR_BYTES),        PAIR(LINEDEVCAPS, DevSpecific, VAR_BYTES),
    PAIR(LINEDEVCAPS, DeviceClasses, VAR_MULTISTRING),
};

/* LINEDEVCAPS grew in TAPI 2.0 (dwSettableDevStatus…), 2.2 (PermanentLineGuid) and 3.0. */
static DWORD linedevcaps_fixed(DWORD v)
{
    if (v >= 0x00030000)
        return sizeof(LINEDEVCAPS);
    if (v >= 0x00020002)
        return offsetof(LINEDEVCAPS, PermanentLineGuid) + sizeof(GUID);
    if (v >= 0x00020000)
        return offsetof(LINEDEVCAPS, PermanentLineGuid);
    return offsetof(LINEDEVCAPS, dwSettableDevStatus);
}

const struct var_layout layout_linedevcaps = {
    "LINEDEVCAPS", linedevcaps_pairs, sizeof linedevcaps_pairs / sizeof linedevcaps_pairs[0],
    linedevcaps_fixed};

static const struct var_pair lineaddresscaps_pairs[] = {
    PAIR(LINEADDRESSCAPS, Address, VAR_STRING),
    PAIR(LINEADDRESSCAPS, DevSpecific, VAR_BYTES),
    PAIR(LINEADDRESSCAPS, CompletionMsgText, VAR_BYTES),
    PAIR(LINEADDRESSCAPS, CallTreatmentList, VAR_BYTES),
    PAIR(LINEADDRESSCAPS, DeviceClasses, VAR_MULTISTRING),
};

/* LINEADDRESSCAPS grew in TAPI 2.0 (dwPredictiveAutoTransferStates…). */
static DWORD lineaddresscaps_fixed(DWORD v)
{
    if (v >= 0x00020000)
        return sizeof(LINEADDRESSCAPS);
    return offsetof(LINEADDRESSCAPS, dwPredictiveAutoTransferStates);
}

const struct var_layout layout_lineaddresscaps = {
    "LINEADDRESSCAPS", lineaddresscaps_pairs,
    sizeof lineaddresscaps_pairs / sizeof lineaddresscaps_pairs[0], lineaddresscaps_fixed};

static const struct var_pair phonecaps_pairs[] = {
    PAIR(PHONECAPS, ProviderInfo, VAR_STRING),   PAIR(PHONECAPS, PhoneInfo, VAR_STRING),
    PAIR(PHONECAPS, PhoneName, VAR_STRING),      PAIR(PHONECAPS, ButtonModes, VAR_BYTES),
    PAIR(PHONECAPS, ButtonFunctions, VAR_BYTES), PAIR(PHONECAPS, LampModes, VAR_BYTES),
    PAIR(PHONECAPS, SetData, VAR_BYTES),         PAIR(PHONECAPS, GetData, VAR_BYTES),
    PAIR(PHONECAPS, DevSpecific, VAR_BYTES),     PAIR(PHONECAPS, DeviceClasses, VAR_MULTISTRING),
};

/* PHONECAPS grew in TAPI 2.0 (dwDeviceClassesSize…) and 2.2 (PermanentPhoneGuid). */
static DWORD phonecaps_fixed(DWORD v)
{
    if (v >= 0x00020002)
        return offsetof(PHONECAPS, PermanentPhoneGuid) + sizeof(GUID);
    if (v >= 0x00020000)
        return offsetof(PHONECAPS, PermanentPhoneGuid);
    return offsetof(PHONECAPS, dwDeviceClassesSize);
}

const struct var_layout layout_phonecaps = {"PHONECAPS", phonecaps_pairs,
                                            sizeof phonecaps_pairs / sizeof phonecaps_pairs[0],
                                            phonecaps_fixed};
