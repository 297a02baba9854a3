/*
 * arena.c — the budgeted bump allocator behind decoding (arena.h).
 */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>

#define ARENA_ALIGN alignof(max_align_t)
#define ARENA_CHUNK 4096u

struct arena_chunk {
    struct arena_chunk *next;
    alignas(max_align_t) unsigned char data[];
};

static void *pb_alloc(void *data, size_t size)
{
    return arena_alloc(data, size);
}

/* Pieces die with the arena; protobuf-c's frees on its error paths are no-ops. */
static void pb_free(void *data, void *ptr)
{
    (void)data;
    (void)ptr;
}

void arena_init(struct arena *a, void *first, size_t size, size_t budget)
{
    a->cur = first;
    a->left = first ? size : 0;
    a->spent = 0;
    a->budget = budget;
    a->chunks = NULL;
    a->over_budget = 0;
    a->out_of_memory = 0;
    a->pb.alloc = pb_alloc;
    a->pb.free = pb_free;
    a->pb.allocator_data = a;
}

/* Starts a new heap chunk holding at least `size` bytes. Returns 0 or -1. */
static int arena_grow(struct arena *a, size_t size)
{
    size_t want = size > ARENA_CHUNK ? size : ARENA_CHUNK;
    struct arena_chunk *c = malloc(sizeof(*c) + want);
    if (!c) {
        a->out_of_memory = 1;
        return -1;
    }
    c->next = a->chunks;
    a->chunks = c;
    a->cur = c->data;
    a->left = want;
    return 0;
}

void *arena_alloc(struct arena *a, size_t size)
{
    void *p;
    size_t rounded;
    if (size == 0)
        size = 1;
    rounded = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (rounded < size || rounded > a->budget - a->spent) {
        a->over_budget = 1;
        return NULL;
    }
    if (rounded > a->left && arena_grow(a, rounded) != 0)
        return NULL;
    p = a->cur;
    a->cur += rounded;
    a->left -= rounded;
    a->spent += rounded;
    return p;
}

void arena_release(struct arena *a)
{
    while (a->chunks) {
        struct arena_chunk *next = a->chunks->next;
        free(a->chunks);
        a->chunks = next;
    }
    a->cur = NULL;
    a->left = 0;
}
