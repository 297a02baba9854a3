/*
 * test_handle.c — the handle table: handles are never 0, look up only as the kind they were
 * made for, go stale when freed even after their slot is reused, and the table grows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "handle.h"

static void handles_resolve_by_kind(void **state)
{
    (void)state;
    struct handle_table t;
    handle_table_init(&t);
    int a, b;
    uint32_t ha = handle_new(&t, HANDLE_LINE, &a);
    uint32_t hb = handle_new(&t, HANDLE_CALL, &b);
    assert_int_not_equal(ha, 0);
    assert_int_not_equal(hb, 0);
    assert_int_not_equal(ha, hb);
    assert_ptr_equal(handle_get(&t, ha, HANDLE_LINE), &a);
    assert_ptr_equal(handle_get(&t, hb, HANDLE_CALL), &b);
    assert_null(handle_get(&t, ha, HANDLE_CALL));
    assert_null(handle_get(&t, hb, HANDLE_LINE));
    assert_null(handle_get(&t, 0, HANDLE_LINE));
    assert_null(handle_get(&t, 0xFFFFFFFFu, HANDLE_LINE));
    assert_int_equal(t.live, 2);
    handle_table_fini(&t);
}

static void freed_handles_go_stale(void **state)
{
    (void)state;
    struct handle_table t;
    handle_table_init(&t);
    int a, b;
    uint32_t ha = handle_new(&t, HANDLE_LINE, &a);
    handle_free(&t, ha);
    assert_null(handle_get(&t, ha, HANDLE_LINE));
    /* The slot is reused for the next handle, which must differ from the stale one. */
    uint32_t hb = handle_new(&t, HANDLE_LINE, &b);
    assert_int_not_equal(hb, ha);
    assert_null(handle_get(&t, ha, HANDLE_LINE));
    assert_ptr_equal(handle_get(&t, hb, HANDLE_LINE), &b);
    handle_free(&t, ha); /* freeing a stale handle changes nothing */
    assert_ptr_equal(handle_get(&t, hb, HANDLE_LINE), &b);
    assert_int_equal(t.live, 1);
    handle_table_fini(&t);
}

static void table_grows_and_keeps_every_handle(void **state)
{
    (void)state;
    enum { COUNT = 20000 };
    struct handle_table t;
    handle_table_init(&t);
    uint32_t *h = malloc(COUNT * sizeof(*h));
    static int objects[COUNT];
    for (int i = 0; i < COUNT; i++) {
        h[i] = handle_new(&t, HANDLE_CALL, &objects[i]);
        assert_int_not_equal(h[i], 0);
    }
    for (int i = 0; i < COUNT; i++)
        assert_ptr_equal(handle_get(&t, h[i], HANDLE_CALL), &objects[i]);
    for (int i = 0; i < COUNT; i += 2)
        handle_free(&t, h[i]);
    for (int i = 0; i < COUNT; i++)
        assert_true((handle_get(&t, h[i], HANDLE_CALL) == NULL) == (i % 2 == 0));
    assert_int_equal(t.live, COUNT / 2);
    free(h);
    handle_table_fini(&t);
}

static void generations_survive_many_reuses(void **state)
{
    (void)state;
    struct handle_table t;
    handle_table_init(&t);
    int a;
    uint32_t first = handle_new(&t, HANDLE_PHONE, &a);
    handle_free(&t, first);
    /* Reuse the same slot many times: no live handle ever equals an earlier stale one. */
    uint32_t previous = first;
    for (int i = 0; i < 5000; i++) {
        uint32_t h = handle_new(&t, HANDLE_PHONE, &a);
        assert_int_not_equal(h, 0);
        assert_int_not_equal(h, previous);
        handle_free(&t, h);
        assert_null(handle_get(&t, h, HANDLE_PHONE));
        previous = h;
    }
    handle_table_fini(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(handles_resolve_by_kind),
        cmocka_unit_test(freed_handles_go_stale),
        cmocka_unit_test(table_grows_and_keeps_every_handle),
        cmocka_unit_test(generations_survive_many_reuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
