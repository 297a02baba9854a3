/*
 * test_proto_frame.c — the client protocol's framing (src/proto/frame.h): length prefixes
 * written and read back, a stream fed in 1-byte chunks and in random chunks (fixed seed), the
 * frame size limit on both sides, and a stream that ends inside a frame.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "frame.h"

/* Appends `count` frames whose payload i is i*37 bytes of the value (uint8_t)i. */
static void build_stream(struct proto_buf *buf, size_t count)
{
    static uint8_t payload[4096];
    for (size_t i = 0; i < count; i++) {
        size_t len = (i * 37) % sizeof(payload);
        memset(payload, (int)i, len);
        assert_int_equal(proto_frame_append(buf, payload, len, NULL), PROTO_OK);
    }
}

/* Checks that frame `f` is the i-th of build_stream(). */
static void check_frame(const struct proto_frame *f, size_t i)
{
    size_t len = (i * 37) % 4096;
    assert_int_equal(f->number, i + 1);
    assert_int_equal(f->len, len);
    for (size_t k = 0; k < len; k++)
        assert_int_equal(f->data[k], (uint8_t)i);
}

/* Feeds `buf` to a fresh reader in chunks whose sizes `next_chunk` picks; checks every frame
 * of a build_stream(count) and that the stream ends between frames. */
static void read_stream(const struct proto_buf *buf, size_t count, size_t (*next_chunk)(unsigned *),
                        unsigned seed)
{
    struct proto_reader r;
    size_t off = 0, seen = 0;
    proto_reader_init(&r);
    while (off < buf->len) {
        size_t chunk = next_chunk(&seed), used;
        if (chunk > buf->len - off)
            chunk = buf->len - off;
        while (chunk > 0) {
            struct proto_frame f;
            int rc = proto_reader_feed(&r, buf->data + off, chunk, &used, &f, NULL);
            assert_true(rc == 0 || rc == 1);
            off += used;
            chunk -= used;
            if (rc == 1)
                check_frame(&f, seen++);
            else
                assert_int_equal(chunk, 0);
        }
    }
    assert_int_equal(seen, count);
    assert_int_equal(proto_reader_finish(&r, NULL), PROTO_OK);
    proto_reader_release(&r);
}

static size_t one_byte(unsigned *seed)
{
    (void)seed;
    return 1;
}

static size_t random_chunk(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return 1 + (*seed >> 16) % 700;
}

static size_t whole(unsigned *seed)
{
    (void)seed;
    return SIZE_MAX;
}

static void stream_in_one_piece(void **state)
{
    struct proto_buf buf = {0};
    (void)state;
    build_stream(&buf, 50);
    read_stream(&buf, 50, whole, 0);
    proto_buf_release(&buf);
}

static void stream_in_one_byte_chunks(void **state)
{
    struct proto_buf buf = {0};
    (void)state;
    build_stream(&buf, 50);
    read_stream(&buf, 50, one_byte, 0);
    proto_buf_release(&buf);
}

static void stream_in_random_chunks(void **state)
{
    struct proto_buf buf = {0};
    (void)state;
    build_stream(&buf, 200);
    for (unsigned seed = 1; seed <= 20; seed++)
        read_stream(&buf, 200, random_chunk, seed);
    proto_buf_release(&buf);
}

/* A frame that lies whole in the input is handed out in place, not copied. */
static void whole_frame_is_not_copied(void **state)
{
    struct proto_buf buf = {0};
    struct proto_reader r;
    struct proto_frame f;
    size_t used;
    (void)state;
    assert_int_equal(proto_frame_append(&buf, (const uint8_t *)"abc", 3, NULL), PROTO_OK);
    assert_int_equal(buf.len, 7);
    assert_memory_equal(buf.data, "\0\0\0\3abc", 7);
    proto_reader_init(&r);
    assert_int_equal(proto_reader_feed(&r, buf.data, buf.len, &used, &f, NULL), 1);
    assert_int_equal(used, 7);
    assert_ptr_equal(f.data, buf.data + 4);
    proto_reader_release(&r);
    proto_buf_release(&buf);
}

static void empty_payload_is_a_frame(void **state)
{
    static const uint8_t zero[4] = {0};
    struct proto_reader r;
    struct proto_frame f;
    size_t used;
    (void)state;
    proto_reader_init(&r);
    assert_int_equal(proto_reader_feed(&r, zero, 4, &used, &f, NULL), 1);
    assert_int_equal(f.len, 0);
    assert_int_equal(f.number, 1);
    proto_reader_release(&r);
}

/* A payload of exactly PROTO_MAX_FRAME bytes passes, split or whole. */
static void largest_frame_passes(void **state)
{
    struct proto_buf buf = {0};
    uint8_t *payload = calloc(1, PROTO_MAX_FRAME);
    (void)state;
    assert_non_null(payload);
    payload[PROTO_MAX_FRAME - 1] = 0x5A;
    assert_int_equal(proto_frame_append(&buf, payload, PROTO_MAX_FRAME, NULL), PROTO_OK);
    for (size_t split = 1; split < buf.len; split += PROTO_MAX_FRAME / 3) {
        struct proto_reader r;
        struct proto_frame f;
        size_t used;
        proto_reader_init(&r);
        assert_int_equal(proto_reader_feed(&r, buf.data, split, &used, &f, NULL), 0);
        assert_int_equal(used, split);
        assert_int_equal(proto_reader_feed(&r, buf.data + split, buf.len - split, &used, &f, NULL),
                         1);
        assert_int_equal(f.len, PROTO_MAX_FRAME);
        assert_int_equal(f.data[PROTO_MAX_FRAME - 1], 0x5A);
        proto_reader_release(&r);
    }
    free(payload);
    proto_buf_release(&buf);
}

/* One byte over the limit is refused by the writer and, from its prefix alone, by the reader. */
static void oversized_frame_is_refused(void **state)
{
    static const uint8_t prefix[4] = {0x00, 0x10, 0x00, 0x01}; /* 1 MiB + 1 */
    static const uint8_t huge[4] = {0xFF, 0xFF, 0xFF, 0xFF};
    struct proto_buf buf = {0};
    struct proto_reader r;
    struct proto_frame f;
    struct proto_error err;
    size_t used;
    (void)state;
    assert_int_equal(proto_frame_append(&buf, NULL, PROTO_MAX_FRAME + 1, &err), PROTO_E_OVERSIZED);
    assert_int_equal(buf.len, 0);
    assert_string_equal(err.text, "frame of 1048577 bytes, limit 1048576");

    proto_reader_init(&r);
    assert_int_equal(proto_reader_feed(&r, prefix, 3, &used, &f, &err), 0);
    assert_int_equal(proto_reader_feed(&r, prefix + 3, 1, &used, &f, &err), -PROTO_E_OVERSIZED);
    assert_int_equal(err.code, PROTO_E_OVERSIZED);
    assert_string_equal(err.text, "length 1048577 above the limit 1048576");
    /* The stream cannot be resynchronised: every later call fails the same way. */
    assert_int_equal(proto_reader_feed(&r, prefix, 4, &used, &f, &err), -PROTO_E_OVERSIZED);
    assert_int_equal(used, 0);
    assert_int_equal(proto_reader_finish(&r, &err), PROTO_E_OVERSIZED);
    proto_reader_release(&r);

    proto_reader_init(&r);
    assert_int_equal(proto_reader_feed(&r, huge, 4, &used, &f, &err), -PROTO_E_OVERSIZED);
    assert_string_equal(err.text, "length 4294967295 above the limit 1048576");
    proto_reader_release(&r);
}

static void truncated_stream_is_reported(void **state)
{
    struct proto_buf buf = {0};
    struct proto_reader r;
    struct proto_frame f;
    struct proto_error err;
    size_t used;
    (void)state;
    assert_int_equal(proto_frame_append(&buf, (const uint8_t *)"hello", 5, NULL), PROTO_OK);

    proto_reader_init(&r);
    assert_int_equal(proto_reader_feed(&r, buf.data, 2, &used, &f, NULL), 0);
    assert_int_equal(proto_reader_finish(&r, &err), PROTO_E_TRUNCATED);
    assert_string_equal(err.text, "stream ended after 2 of 4 length bytes");
    proto_reader_release(&r);

    proto_reader_init(&r);
    assert_int_equal(proto_reader_feed(&r, buf.data, 7, &used, &f, NULL), 0);
    assert_int_equal(proto_reader_finish(&r, &err), PROTO_E_TRUNCATED);
    assert_string_equal(err.text, "stream ended after 3 of 5 payload bytes");
    proto_reader_release(&r);
    proto_buf_release(&buf);
}

static void buffer_consume_keeps_the_rest(void **state)
{
    struct proto_buf buf = {0};
    (void)state;
    assert_int_equal(proto_frame_append(&buf, (const uint8_t *)"ab", 2, NULL), PROTO_OK);
    assert_int_equal(proto_frame_append(&buf, (const uint8_t *)"cd", 2, NULL), PROTO_OK);
    proto_buf_consume(&buf, 6);
    assert_int_equal(buf.len, 6);
    assert_memory_equal(buf.data, "\0\0\0\2cd", 6);
    proto_buf_consume(&buf, 100);
    assert_int_equal(buf.len, 0);
    proto_buf_release(&buf);
    assert_null(buf.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stream_in_one_piece),
        cmocka_unit_test(stream_in_one_byte_chunks),
        cmocka_unit_test(stream_in_random_chunks),
        cmocka_unit_test(whole_frame_is_not_copied),
        cmocka_unit_test(empty_payload_is_a_frame),
        cmocka_unit_test(largest_frame_passes),
        cmocka_unit_test(oversized_frame_is_refused),
        cmocka_unit_test(truncated_stream_is_reported),
        cmocka_unit_test(buffer_consume_keeps_the_rest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
