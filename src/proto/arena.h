/*
 * arena.h — a bump allocator with a budget, under protobuf-c's unpacker.
 *
 * Decoding one frame allocates many small pieces (each Value is a message of its own) that all
 * die together. The arena serves them from a buffer the caller provides, then from chunks it
 * mallocs, and frees them all at once. Its budget bounds what one frame may cost: a frame of
 * many tiny values would otherwise expand to many times its size in memory. Private to
 * src/proto.
 */
#ifndef TAPIX_PROTO_ARENA_H
#define TAPIX_PROTO_ARENA_H

#include <protobuf-c/protobuf-c.h>
#include <stddef.h>

struct arena_chunk;

struct arena {
    unsigned char *cur; /* next free byte of the current block */
    size_t left;        /* bytes left in the current block */
    size_t spent;       /* bytes handed out so far */
    size_t budget;      /* the most that may be handed out */
    struct arena_chunk *chunks;
    int over_budget; /* an allocation was refused for the budget */
    int out_of_memory;
    ProtobufCAllocator pb; /* hands protobuf-c to this arena */
};

/**
 * Sets up `a` to serve first from `first` (`size` bytes, aligned for any object; may be NULL
 * and 0), then from the heap, handing out at most `budget` bytes in all.
 */
void arena_init(struct arena *a, void *first, size_t size, size_t budget);

/**
 * Returns `size` bytes aligned for any object, owned by the arena, or NULL (over budget or out
 * of memory; the flags say which). Never blocks.
 */
void *arena_alloc(struct arena *a, size_t size);

/** Frees every chunk; what the arena handed out is then invalid. */
void arena_release(struct arena *a);

#endif /* TAPIX_PROTO_ARENA_H */
