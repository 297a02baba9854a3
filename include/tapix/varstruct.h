/*
 * varstruct.h — the one helper through which tapix fills TAPI's variable-size structures.
 *
 * Every TAPI structure that returns variable data (LINEDEVCAPS, LINECALLINFO, VARSTRING,
 * LINETRANSLATEOUTPUT, …) starts with dwTotalSize / dwNeededSize / dwUsedSize, continues with a
 * fixed part holding dw…Size / dw…Offset pairs, and ends with the variable fields those pairs
 * point at. The caller sets dwTotalSize; TAPI never reads or writes past it, reports in
 * dwNeededSize what it would need for everything, and leaves out (size 0, offset 0) any field
 * that does not fit whole — partial fields are never returned.
 *
 * Usage: tapix_varstruct_begin() on the caller's buffer, set the fixed members, append each
 * variable field with tapix_varstruct_append…() / tapix_varstruct_reserve(), then
 * tapix_varstruct_end(). Nothing else in tapix computes offsets by hand.
 *
 * Layout rule: every variable field starts on a DWORD (4-byte) boundary and occupies its length
 * rounded up to a multiple of four; the padding bytes are written as zeros. The space a field
 * needs therefore never depends on which earlier fields fitted, so dwNeededSize is the same
 * whatever dwTotalSize was, and re-allocating to dwNeededSize always makes everything fit.
 * Arrays of entries (LINELOCATIONENTRY, LINECARDENTRY, …) are aligned for direct access.
 *
 * Header-only and self-contained (`static inline`), so the core, providers and tools share it
 * without a link dependency. Not thread-safe per structure: one filler at a time.
 */
#ifndef TAPIX_VARSTRUCT_H
#define TAPIX_VARSTRUCT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tapix/tapi.h"

/* Size of the dwTotalSize / dwNeededSize / dwUsedSize header every such structure begins with. */
#define TAPIX_VARSTRUCT_HEADER_SIZE (3 * sizeof(DWORD))

/** The state of one fill in progress. All sizes are byte counts from the structure's start. */
struct tapix_varstruct {
    unsigned char *base; /* the caller's structure */
    DWORD total;         /* its dwTotalSize: nothing at or past base + total is touched */
    DWORD used;          /* end of the data actually written */
    DWORD needed;        /* end of the data had everything fitted */
};

/* Round n up to a multiple of four, in 64 bits so that no DWORD sum can wrap. */
static inline uint64_t tapix_varstruct_align(uint64_t n)
{
    return (n + 3u) & ~(uint64_t)3u;
}

/* Read or write one DWORD at byte offset off of p, whatever p's alignment. */
static inline DWORD tapix_varstruct_get(const void *p, size_t off)
{
    DWORD v;
    memcpy(&v, (const unsigned char *)p + off, sizeof v);
    return v;
}

static inline void tapix_varstruct_put(void *p, size_t off, DWORD v)
{
    memcpy((unsigned char *)p + off, &v, sizeof v);
}

/* Set a size/offset pair; either pointer may be NULL (the field then is only accounted for). */
static inline void tapix_varstruct_set_pair(DWORD *size_field, DWORD *offset_field, DWORD size,
                                            DWORD offset)
{
    if (size_field)
        *size_field = size;
    if (offset_field)
        *offset_field = offset;
}

/*
 * Start filling `structure`, whose fixed part (header included) is fixed_size bytes
 * (sizeof the TAPI structure, at least TAPIX_VARSTRUCT_HEADER_SIZE).
 *
 * Reads dwTotalSize from offset 0. If it is below fixed_size, returns LINEERR_STRUCTURETOOSMALL
 * after setting dwNeededSize = fixed_size (only when the three header DWORDs lie within
 * dwTotalSize); nothing else is written. Otherwise zeroes the fixed part after the header (so
 * every pair starts as 0/0), starts used = needed = fixed_size and returns 0. Returns
 * LINEERR_INVALPOINTER for a NULL structure. Never blocks.
 */
static inline LONG tapix_varstruct_begin(struct tapix_varstruct *vs, void *structure,
                                         DWORD fixed_size)
{
    memset(vs, 0, sizeof *vs);
    if (!structure)
        return LINEERR_INVALPOINTER;
    if (fixed_size < TAPIX_VARSTRUCT_HEADER_SIZE)
        fixed_size = TAPIX_VARSTRUCT_HEADER_SIZE;

    vs->base = structure;
    vs->total = tapix_varstruct_get(structure, 0);
    if (vs->total < fixed_size) {
        if (vs->total >= TAPIX_VARSTRUCT_HEADER_SIZE)
            tapix_varstruct_put(structure, sizeof(DWORD), fixed_size);
        vs->needed = fixed_size;
        return LINEERR_STRUCTURETOOSMALL;
    }
    memset(vs->base + TAPIX_VARSTRUCT_HEADER_SIZE, 0, fixed_size - TAPIX_VARSTRUCT_HEADER_SIZE);
    vs->used = fixed_size;
    vs->needed = fixed_size;
    return 0;
}

/*
 * Continue filling a structure someone else began and ended (for instance the core adding its
 * own fields after a provider filled LINEDEVCAPS): takes dwTotalSize, dwNeededSize and
 * dwUsedSize as they are and writes nothing. Returns 0, LINEERR_INVALPOINTER for NULL, or
 * LINEERR_OPERATIONFAILED when the header is inconsistent (dwTotalSize below fixed_size,
 * dwUsedSize outside [fixed_size, dwTotalSize], or dwNeededSize below dwUsedSize).
 */
static inline LONG tapix_varstruct_resume(struct tapix_varstruct *vs, void *structure,
                                          DWORD fixed_size)
{
    memset(vs, 0, sizeof *vs);
    if (!structure)
        return LINEERR_INVALPOINTER;
    vs->base = structure;
    vs->total = tapix_varstruct_get(structure, 0);
    if (vs->total < fixed_size || vs->total < TAPIX_VARSTRUCT_HEADER_SIZE)
        return LINEERR_OPERATIONFAILED;
    vs->needed = tapix_varstruct_get(structure, sizeof(DWORD));
    vs->used = tapix_varstruct_get(structure, 2 * sizeof(DWORD));
    if (vs->used < fixed_size || vs->used > vs->total || vs->needed < vs->used)
        return LINEERR_OPERATIONFAILED;
    return 0;
}

/* Raise vs->needed by len bytes of field (rounded), saturating at the DWORD maximum. */
static inline void tapix_varstruct_account(struct tapix_varstruct *vs, DWORD len)
{
    uint64_t n = tapix_varstruct_align(tapix_varstruct_align(vs->needed) + (uint64_t)len);

    vs->needed = n > UINT32_MAX ? UINT32_MAX : (DWORD)n;
}

/*
 * Make room for a field of len bytes: returns a pointer to len zeroed bytes at the next DWORD
 * boundary, sets *size_field = len and *offset_field to its offset, and raises used and needed.
 * When it does not fit within dwTotalSize (or len is 0, or the fill began with too small a
 * structure) returns NULL, sets both fields to 0 and only raises needed. With both size_field
 * and offset_field NULL the field is only accounted for (needed rises, nothing is written, NULL
 * is returned): for the strings of an entry whose array did not fit, so that dwNeededSize stays
 * right. The pointer is for filling in place (arrays of entries); it lives as long as the
 * structure.
 */
static inline void *tapix_varstruct_reserve(struct tapix_varstruct *vs, DWORD *size_field,
                                            DWORD *offset_field, DWORD len)
{
    uint64_t start = tapix_varstruct_align(vs->used);
    uint64_t end = tapix_varstruct_align(start + (uint64_t)len);
    unsigned char *p;

    tapix_varstruct_set_pair(size_field, offset_field, 0, 0);
    if (len == 0)
        return NULL;
    tapix_varstruct_account(vs, len);
    if ((!size_field && !offset_field) || vs->used == 0 || end > vs->total)
        return NULL;

    p = vs->base + start;
    memset(vs->base + vs->used, 0, (size_t)(end - vs->used));
    vs->used = (DWORD)end;
    tapix_varstruct_set_pair(size_field, offset_field, len, (DWORD)start);
    return p;
}

/*
 * Append len bytes of data as one variable field (see tapix_varstruct_reserve for the fields
 * and for what happens when it does not fit). data may be NULL only when len is 0.
 */
static inline void tapix_varstruct_append(struct tapix_varstruct *vs, DWORD *size_field,
                                          DWORD *offset_field, const void *data, DWORD len)
{
    void *p = tapix_varstruct_reserve(vs, size_field, offset_field, data ? len : 0);

    if (p)
        memcpy(p, data, len);
}

/*
 * Append a NUL-terminated UTF-8 string; the size includes the NUL. A NULL or empty string
 * leaves the field empty (size 0, offset 0) and needs no space.
 */
static inline void tapix_varstruct_append_string(struct tapix_varstruct *vs, DWORD *size_field,
                                                 DWORD *offset_field, const char *utf8)
{
    size_t n = utf8 ? strlen(utf8) : 0;

    if (n == 0 || n >= UINT32_MAX) {
        tapix_varstruct_set_pair(size_field, offset_field, 0, 0);
        return;
    }
    tapix_varstruct_append(vs, size_field, offset_field, utf8, (DWORD)(n + 1));
}

/* True when everything appended so far fitted. */
static inline int tapix_varstruct_complete(const struct tapix_varstruct *vs)
{
    return vs->used != 0 && vs->needed <= vs->total;
}

/*
 * Finish: writes dwNeededSize and dwUsedSize. Does nothing when the fill began with too small
 * a structure (tapix_varstruct_begin already wrote what could be written).
 */
static inline void tapix_varstruct_end(struct tapix_varstruct *vs)
{
    if (!vs->base || vs->used == 0)
        return;
    tapix_varstruct_put(vs->base, sizeof(DWORD), vs->needed);
    tapix_varstruct_put(vs->base, 2 * sizeof(DWORD), vs->used);
}

/*
 * Check one size/offset pair of a filled structure: an empty field (size 0) has offset 0 or
 * an offset within [fixed_size, used]; a non-empty one lies wholly within [fixed_size, used).
 * Offsets are from the structure's start, as TAPI also uses for entries in arrays. Returns 0
 * or LINEERR_OPERATIONFAILED.
 */
static inline LONG tapix_varstruct_check_pair(DWORD fixed_size, DWORD used, DWORD size,
                                              DWORD offset)
{
    if (size == 0)
        return offset == 0 || (offset >= fixed_size && offset <= used) ? 0
                                                                       : LINEERR_OPERATIONFAILED;
    if (offset < fixed_size || (uint64_t)offset + size > used)
        return LINEERR_OPERATIONFAILED;
    return 0;
}

/*
 * Validate a filled structure, for tests and the conformance kit. pair_offsets lists, for each
 * variable field, the byte offset of its dw…Size member (its dw…Offset member follows it, as in
 * every TAPI structure), e.g. offsetof(VARSTRING, dwStringSize). Checks that dwUsedSize lies in
 * [fixed_size, dwTotalSize] and dwNeededSize >= dwUsedSize, that each pair lies in the fixed part
 * and passes tapix_varstruct_check_pair, and that no two non-empty fields overlap. Reads nothing
 * past dwTotalSize. Returns 0, LINEERR_INVALPOINTER for NULL, or LINEERR_OPERATIONFAILED.
 */
static inline LONG tapix_varstruct_check(const void *structure, DWORD fixed_size,
                                         const DWORD *pair_offsets, size_t npairs)
{
    DWORD total, needed, used;

    if (!structure || (npairs && !pair_offsets))
        return LINEERR_INVALPOINTER;
    total = tapix_varstruct_get(structure, 0);
    if (total < fixed_size || total < TAPIX_VARSTRUCT_HEADER_SIZE)
        return LINEERR_OPERATIONFAILED;
    needed = tapix_varstruct_get(structure, sizeof(DWORD));
    used = tapix_varstruct_get(structure, 2 * sizeof(DWORD));
    if (used < fixed_size || used > total || needed < used)
        return LINEERR_OPERATIONFAILED;

    for (size_t i = 0; i < npairs; i++) {
        DWORD size, offset;

        if (pair_offsets[i] < TAPIX_VARSTRUCT_HEADER_SIZE ||
            (uint64_t)pair_offsets[i] + 2 * sizeof(DWORD) > fixed_size)
            return LINEERR_OPERATIONFAILED;
        size = tapix_varstruct_get(structure, pair_offsets[i]);
        offset = tapix_varstruct_get(structure, pair_offsets[i] + sizeof(DWORD));
        if (tapix_varstruct_check_pair(fixed_size, used, size, offset))
            return LINEERR_OPERATIONFAILED;
        for (size_t j = 0; size && j < i; j++) {
            DWORD osize = tapix_varstruct_get(structure, pair_offsets[j]);
            DWORD ooffset = tapix_varstruct_get(structure, pair_offsets[j] + sizeof(DWORD));

            if (osize && (uint64_t)offset < (uint64_t)ooffset + osize &&
                (uint64_t)ooffset < (uint64_t)offset + size)
                return LINEERR_OPERATIONFAILED;
        }
    }
    return 0;
}

#endif /* TAPIX_VARSTRUCT_H */
