/*
 * test_varstruct.c — unit tests for include/tapix/varstruct.h, the helper that fills TAPI's
 * variable-size structures.
 *
 * The tests use a small structure of the same shape as VARSTRING/LINETRANSLATEOUTPUT (header,
 * one plain DWORD, three size/offset pairs) so they need nothing but the helper. Each buffer is
 * allocated larger than its dwTotalSize and filled with a guard pattern, to prove that nothing
 * is ever written at or past dwTotalSize; the fuzz loop repeats that for thousands of random
 * field sets and sizes with a fixed seed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tapix/varstruct.h"

#define GUARD     0xA5
#define NFIELDS   3
#define SLACK     64 /* guard bytes allocated past dwTotalSize */
#define ALIGN4(n) (((n) + 3u) & ~3u)

struct test_var {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwFlags;
    DWORD dwFieldSize[NFIELDS][2]; /* [i][0] size, [i][1] offset */
};

static const DWORD pair_offsets[NFIELDS] = {
    offsetof(struct test_var, dwFieldSize[0]),
    offsetof(struct test_var, dwFieldSize[1]),
    offsetof(struct test_var, dwFieldSize[2]),
};

/* A field to append: data of len bytes (len 0: none). */
struct field {
    const void *data;
    DWORD len;
};

/* Allocate total + SLACK bytes, all GUARD, with dwTotalSize = total. Free with test_free. */
static struct test_var *alloc_var(DWORD total)
{
    size_t n = (size_t)total + SLACK;
    unsigned char *p = test_malloc(n);

    memset(p, GUARD, n);
    memcpy(p, &total, sizeof total);
    return (struct test_var *)p;
}

/* Assert every byte of p in [from, to) still holds the guard pattern. */
static void assert_guard(const void *p, size_t from, size_t to)
{
    const unsigned char *b = p;

    for (size_t i = from; i < to; i++)
        assert_int_equal(b[i], GUARD);
}

/* Fill v with the given fields: the way a TAPI function would use the helper. */
static LONG fill(struct test_var *v, const struct field *fields, size_t n)
{
    struct tapix_varstruct vs;
    LONG rc = tapix_varstruct_begin(&vs, v, sizeof *v);

    if (rc)
        return rc;
    v->dwFlags = 0x1234;
    for (size_t i = 0; i < n; i++)
        tapix_varstruct_append(&vs, &v->dwFieldSize[i][0], &v->dwFieldSize[i][1], fields[i].data,
                               fields[i].len);
    tapix_varstruct_end(&vs);
    return 0;
}

/* Assert field i of v is either whole (same bytes as f) or empty (0/0). Returns 1 if whole. */
static int field_whole_or_empty(const struct test_var *v, size_t i, const struct field *f)
{
    DWORD size = v->dwFieldSize[i][0], offset = v->dwFieldSize[i][1];

    if (size == 0) {
        assert_int_equal(offset, 0);
        return 0;
    }
    assert_int_equal(size, f->len);
    assert_int_equal(offset % 4, 0);
    assert_memory_equal((const unsigned char *)v + offset, f->data, f->len);
    return 1;
}

static void test_begin_null(void **state)
{
    struct tapix_varstruct vs;

    (void)state;
    assert_int_equal(tapix_varstruct_begin(&vs, NULL, sizeof(struct test_var)),
                     LINEERR_INVALPOINTER);
}

static void test_begin_too_small_sets_needed_only(void **state)
{
    struct test_var *v = alloc_var(sizeof(struct test_var) - 4);
    struct tapix_varstruct vs;

    (void)state;
    assert_int_equal(tapix_varstruct_begin(&vs, v, sizeof *v), LINEERR_STRUCTURETOOSMALL);
    assert_int_equal(v->dwTotalSize, sizeof *v - 4);
    assert_int_equal(v->dwNeededSize, sizeof *v);
    assert_guard(v, 2 * sizeof(DWORD), sizeof *v - 4 + SLACK);
    /* Appending and ending after a failed begin writes nothing. */
    tapix_varstruct_append_string(&vs, NULL, NULL, "ignored");
    tapix_varstruct_end(&vs);
    assert_guard(v, 2 * sizeof(DWORD), sizeof *v - 4 + SLACK);
    test_free(v);
}

static void test_begin_below_header_writes_nothing(void **state)
{
    (void)state;
    for (DWORD total = 0; total < TAPIX_VARSTRUCT_HEADER_SIZE; total++) {
        struct test_var *v = alloc_var(total);
        struct tapix_varstruct vs;

        assert_int_equal(tapix_varstruct_begin(&vs, v, sizeof *v), LINEERR_STRUCTURETOOSMALL);
        assert_guard(v, sizeof(DWORD), total + SLACK);
        test_free(v);
    }
}

static void test_begin_zeroes_fixed_part(void **state)
{
    struct test_var *v = alloc_var(sizeof(struct test_var) + 16);
    struct tapix_varstruct vs;

    (void)state;
    assert_int_equal(tapix_varstruct_begin(&vs, v, sizeof *v), 0);
    assert_int_equal(v->dwFlags, 0);
    for (size_t i = 0; i < NFIELDS; i++) {
        assert_int_equal(v->dwFieldSize[i][0], 0);
        assert_int_equal(v->dwFieldSize[i][1], 0);
    }
    /* The variable part is not touched before something is appended. */
    assert_guard(v, sizeof *v, sizeof *v + 16 + SLACK);
    tapix_varstruct_end(&vs);
    assert_int_equal(v->dwNeededSize, sizeof *v);
    assert_int_equal(v->dwUsedSize, sizeof *v);
    test_free(v);
}

static void test_fits(void **state)
{
    static const unsigned char blob[5] = {1, 2, 3, 4, 5};
    struct field f[NFIELDS] = {{"hello", 6}, {blob, sizeof blob}, {"x", 2}};
    struct test_var *v = alloc_var(256);

    (void)state;
    assert_int_equal(fill(v, f, NFIELDS), 0);
    assert_int_equal(v->dwFlags, 0x1234);
    for (size_t i = 0; i < NFIELDS; i++)
        assert_true(field_whole_or_empty(v, i, &f[i]));
    assert_int_equal(v->dwFieldSize[0][1], sizeof *v);
    assert_int_equal(v->dwFieldSize[1][1], sizeof *v + 8);
    assert_int_equal(v->dwFieldSize[2][1], sizeof *v + 16);
    assert_int_equal(v->dwUsedSize, sizeof *v + 20);
    assert_int_equal(v->dwNeededSize, sizeof *v + 20);
    /* Padding after the 6- and 5-byte fields is zero. */
    assert_int_equal(((unsigned char *)v)[sizeof *v + 6], 0);
    assert_int_equal(((unsigned char *)v)[sizeof *v + 13], 0);
    assert_int_equal(tapix_varstruct_check(v, sizeof *v, pair_offsets, NFIELDS), 0);
    assert_guard(v, v->dwUsedSize, 256 + SLACK);
    test_free(v);
}

static void test_does_not_fit(void **state)
{
    char big[100];
    struct field f[NFIELDS] = {{"abc", 4}, {big, sizeof big}, {"defg", 5}};
    DWORD total = sizeof(struct test_var) + 20;
    struct test_var *v = alloc_var(total);

    (void)state;
    memset(big, 'B', sizeof big);
    assert_int_equal(fill(v, f, NFIELDS), 0);
    assert_true(field_whole_or_empty(v, 0, &f[0]));
    assert_false(field_whole_or_empty(v, 1, &f[1]));
    /* A later, smaller field still goes in, right after the last one that fitted. */
    assert_true(field_whole_or_empty(v, 2, &f[2]));
    assert_int_equal(v->dwFieldSize[2][1], sizeof *v + 4);
    assert_int_equal(v->dwUsedSize, sizeof *v + 12);
    assert_int_equal(v->dwNeededSize, sizeof *v + 4 + 100 + 8);
    assert_int_equal(tapix_varstruct_check(v, sizeof *v, pair_offsets, NFIELDS), 0);
    assert_guard(v, v->dwUsedSize, total + SLACK);
    test_free(v);
}

static void test_exact_fit(void **state)
{
    struct field f[NFIELDS] = {{"one", 4}, {"three", 6}, {"seventeen chars!", 17}};
    DWORD needed = sizeof(struct test_var) + 4 + 8 + 20;
    struct test_var *v = alloc_var(needed);

    (void)state;
    assert_int_equal(fill(v, f, NFIELDS), 0);
    for (size_t i = 0; i < NFIELDS; i++)
        assert_true(field_whole_or_empty(v, i, &f[i]));
    assert_int_equal(v->dwNeededSize, needed);
    assert_int_equal(v->dwUsedSize, needed);
    assert_guard(v, needed, needed + SLACK);
    test_free(v);

    /* One byte less and the last field (with its padding) no longer fits. */
    v = alloc_var(needed - 1);
    assert_int_equal(fill(v, f, NFIELDS), 0);
    assert_false(field_whole_or_empty(v, 2, &f[2]));
    assert_int_equal(v->dwNeededSize, needed);
    assert_guard(v, needed - 1, needed - 1 + SLACK);
    test_free(v);
}

static void test_strings_nul_terminated(void **state)
{
    struct test_var *v = alloc_var(256);
    struct tapix_varstruct vs;
    const char *s;

    (void)state;
    assert_int_equal(tapix_varstruct_begin(&vs, v, sizeof *v), 0);
    tapix_varstruct_append_string(&vs, &v->dwFieldSize[0][0], &v->dwFieldSize[0][1], "abc");
    tapix_varstruct_append_string(&vs, &v->dwFieldSize[1][0], &v->dwFieldSize[1][1], "");
    tapix_varstruct_append_string(&vs, &v->dwFieldSize[2][0], &v->dwFieldSize[2][1], NULL);
    tapix_varstruct_end(&vs);

    assert_int_equal(v->dwFieldSize[0][0], 4);
    s = (const char *)v + v->dwFieldSize[0][1];
    assert_int_equal(s[3], '\0');
    assert_string_equal(s, "abc");
    for (size_t i = 1; i < NFIELDS; i++) {
        assert_int_equal(v->dwFieldSize[i][0], 0);
        assert_int_equal(v->dwFieldSize[i][1], 0);
    }
    assert_int_equal(v->dwNeededSize, sizeof *v + 4);
    test_free(v);
}

static void test_reserve_in_place(void **state)
{
    struct test_var *v = alloc_var(sizeof(struct test_var) + 16);
    struct tapix_varstruct vs;
    DWORD *arr;

    (void)state;
    assert_int_equal(tapix_varstruct_begin(&vs, v, sizeof *v), 0);
    arr = tapix_varstruct_reserve(&vs, &v->dwFieldSize[0][0], &v->dwFieldSize[0][1], 12);
    assert_non_null(arr);
    assert_int_equal((uintptr_t)arr % 4, 0);
    for (int i = 0; i < 3; i++)
        assert_int_equal(arr[i], 0);
    arr[0] = 7;
    assert_null(tapix_varstruct_reserve(&vs, &v->dwFieldSize[1][0], &v->dwFieldSize[1][1], 8));
    assert_int_equal(v->dwFieldSize[1][0], 0);
    assert_int_equal(v->dwFieldSize[1][1], 0);
    assert_null(tapix_varstruct_reserve(&vs, &v->dwFieldSize[2][0], &v->dwFieldSize[2][1], 0));
    /* Without fields a field is only accounted for, never written, even when it would fit. */
    assert_null(tapix_varstruct_reserve(&vs, NULL, NULL, 100));
    tapix_varstruct_append_string(&vs, NULL, NULL, "abc");
    tapix_varstruct_end(&vs);
    assert_int_equal(v->dwUsedSize, sizeof *v + 12);
    assert_int_equal(v->dwNeededSize, sizeof *v + 12 + 8 + 100 + 4);
    assert_guard(v, sizeof *v + 12, sizeof *v + 16);
    assert_int_equal(tapix_varstruct_check(v, sizeof *v, pair_offsets, NFIELDS), 0);
    assert_guard(v, sizeof *v + 16, sizeof *v + 16 + SLACK);
    test_free(v);
}

static void test_resume_continues(void **state)
{
    struct test_var *v = alloc_var(256);
    struct tapix_varstruct vs;

    (void)state;
    assert_int_equal(tapix_varstruct_begin(&vs, v, sizeof *v), 0);
    tapix_varstruct_append_string(&vs, &v->dwFieldSize[0][0], &v->dwFieldSize[0][1], "first");
    tapix_varstruct_end(&vs);

    assert_int_equal(tapix_varstruct_resume(&vs, v, sizeof *v), 0);
    tapix_varstruct_append_string(&vs, &v->dwFieldSize[1][0], &v->dwFieldSize[1][1], "second");
    tapix_varstruct_end(&vs);
    assert_string_equal((const char *)v + v->dwFieldSize[0][1], "first");
    assert_string_equal((const char *)v + v->dwFieldSize[1][1], "second");
    assert_int_equal(v->dwFieldSize[1][1], sizeof *v + 8);
    assert_int_equal(v->dwUsedSize, sizeof *v + 16);
    assert_int_equal(tapix_varstruct_check(v, sizeof *v, pair_offsets, NFIELDS), 0);

    v->dwUsedSize = v->dwTotalSize + 4;
    assert_int_equal(tapix_varstruct_resume(&vs, v, sizeof *v), LINEERR_OPERATIONFAILED);
    assert_int_equal(tapix_varstruct_resume(&vs, NULL, sizeof *v), LINEERR_INVALPOINTER);
    test_free(v);
}

/* Fill and check a well-formed structure, then break it one way at a time. */
static void test_check_detects_malformed(void **state)
{
    struct field f[2] = {{"abcdefg", 8}, {"xyz", 4}};
    struct test_var *v = alloc_var(128);
    struct test_var saved;

    (void)state;
    assert_int_equal(fill(v, f, 2), 0);
    assert_int_equal(tapix_varstruct_check(v, sizeof *v, pair_offsets, NFIELDS), 0);
    saved = *v;

    v->dwFieldSize[0][1] = 8; /* into the fixed part */
    assert_int_equal(tapix_varstruct_check(v, sizeof *v, pair_offsets, NFIELDS),
                     LINEERR_OPERATIONFAILED);
    *v = saved;
    v->dwFieldSize[1][0] = 5; /* past dwUsedSize */
    assert_int_equal(tapix_varstruct_check(v, sizeof *v, pair_offsets, NFIELDS),
                     LINEERR_OPERATIONFAILED);
    *v = saved;
    v->dwFieldSize[1][1] = saved.dwFieldSize[0][1] + 4; /* overlaps the first */
    assert_int_equal(tapix_varstruct_check(v, sizeof *v, pair_offsets, NFIELDS),
                     LINEERR_OPERATIONFAILED);
    *v = saved;
    v->dwFieldSize[0][1] = 0xFFFFFFF0u; /* wraps */
    assert_int_equal(tapix_varstruct_check(v, sizeof *v, pair_offsets, NFIELDS),
                     LINEERR_OPERATIONFAILED);
    *v = saved;
    v->dwUsedSize = 129; /* beyond dwTotalSize */
    assert_int_equal(tapix_varstruct_check(v, sizeof *v, pair_offsets, NFIELDS),
                     LINEERR_OPERATIONFAILED);
    *v = saved;
    v->dwNeededSize = v->dwUsedSize - 1;
    assert_int_equal(tapix_varstruct_check(v, sizeof *v, pair_offsets, NFIELDS),
                     LINEERR_OPERATIONFAILED);
    *v = saved;
    v->dwFieldSize[2][1] = 2; /* empty field, offset into the header */
    assert_int_equal(tapix_varstruct_check(v, sizeof *v, pair_offsets, NFIELDS),
                     LINEERR_OPERATIONFAILED);
    *v = saved;
    v->dwFieldSize[2][1] = v->dwUsedSize; /* empty field at the end: allowed, as in VARSTRING */
    assert_int_equal(tapix_varstruct_check(v, sizeof *v, pair_offsets, NFIELDS), 0);
    *v = saved;
    {
        const DWORD bad_pair = sizeof *v - 4; /* pair would straddle the fixed part's end */
        assert_int_equal(tapix_varstruct_check(v, sizeof *v, &bad_pair, 1),
                         LINEERR_OPERATIONFAILED);
    }
    test_free(v);
}

/* The application's loop: start small, re-allocate to dwNeededSize until everything fits. */
static void test_reallocate_loop_converges(void **state)
{
    char a[37], b[203];
    struct field f[NFIELDS] = {{a, sizeof a}, {b, sizeof b}, {"tail", 5}};
    DWORD total = sizeof(DWORD); /* not even the header */
    int rounds = 0;
    int done = 0;

    (void)state;
    memset(a, 'a', sizeof a);
    memset(b, 'b', sizeof b);
    while (!done) {
        struct test_var *v = alloc_var(total);
        LONG rc = fill(v, f, NFIELDS);
        DWORD needed;

        assert_true(++rounds <= 3);
        if (rc == LINEERR_STRUCTURETOOSMALL && total < TAPIX_VARSTRUCT_HEADER_SIZE) {
            needed = sizeof *v; /* the application's own sizeof, as Windows programs do */
        } else {
            if (rc == 0)
                assert_int_equal(tapix_varstruct_check(v, sizeof *v, pair_offsets, NFIELDS), 0);
            needed = v->dwNeededSize;
        }
        assert_guard(v, total, total + SLACK);
        if (rc == 0 && needed <= total) {
            for (size_t i = 0; i < NFIELDS; i++)
                assert_true(field_whole_or_empty(v, i, &f[i]));
            done = 1;
        }
        total = needed;
        test_free(v);
    }
}

/* xorshift32: a deterministic pseudo-random sequence for the fuzz loop. */
static uint32_t next_random(uint32_t *s)
{
    uint32_t x = *s;

    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *s = x;
    return x;
}

/* One fuzz case: random fields, the needed size from a roomy fill, then a random total. */
static void fuzz_once(uint32_t *seed, unsigned char *data)
{
    struct field f[NFIELDS];
    struct test_var *v;
    DWORD needed, total, expect_needed = sizeof(struct test_var);

    for (size_t i = 0; i < NFIELDS; i++) {
        f[i].len = next_random(seed) % 61;
        f[i].data = data + next_random(seed) % 64;
        expect_needed += ALIGN4(f[i].len);
    }
    v = alloc_var(4096);
    assert_int_equal(fill(v, f, NFIELDS), 0);
    needed = v->dwNeededSize;
    assert_int_equal(needed, expect_needed);
    test_free(v);

    total = next_random(seed) % (needed + 8);
    v = alloc_var(total);
    if (fill(v, f, NFIELDS) == 0) {
        assert_int_equal(v->dwNeededSize, needed);
        assert_true(v->dwUsedSize <= total);
        assert_int_equal(tapix_varstruct_check(v, sizeof *v, pair_offsets, NFIELDS), 0);
        for (size_t i = 0; i < NFIELDS; i++)
            if (f[i].len == 0 || total >= needed)
                assert_int_equal(field_whole_or_empty(v, i, &f[i]), f[i].len != 0);
            else
                field_whole_or_empty(v, i, &f[i]);
    } else {
        assert_true(total < sizeof *v);
    }
    assert_guard(v, total < sizeof(DWORD) ? sizeof(DWORD) : total, total + SLACK);
    test_free(v);
}

static void test_fuzz_never_writes_past_total(void **state)
{
    unsigned char data[128];
    uint32_t seed = 0x7A91C0DEu;

    (void)state;
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)(i * 7 + 1);
    for (int i = 0; i < 20000; i++)
        fuzz_once(&seed, data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_begin_null),
        cmocka_unit_test(test_begin_too_small_sets_needed_only),
        cmocka_unit_test(test_begin_below_header_writes_nothing),
        cmocka_unit_test(test_begin_zeroes_fixed_part),
        cmocka_unit_test(test_fits),
        cmocka_unit_test(test_does_not_fit),
        cmocka_unit_test(test_exact_fit),
        cmocka_unit_test(test_strings_nul_terminated),
        cmocka_unit_test(test_reserve_in_place),
        cmocka_unit_test(test_resume_continues),
        cmocka_unit_test(test_check_detects_malformed),
        cmocka_unit_test(test_reallocate_loop_converges),
        cmocka_unit_test(test_fuzz_never_writes_past_total),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
