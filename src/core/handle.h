/*
 * handle.h — the table that turns application handles (HLINEAPP, HLINE, HCALL, HPHONEAPP,
 * HPHONE) into core objects.
 *
 * A handle is a 32-bit value: the low bits index a slot, the high bits carry the slot's
 * generation, so a handle that was closed and whose slot was reused is recognised as stale
 * instead of reaching the new object. Each slot also records the kind of object, so an HLINE
 * passed where an HCALL belongs is refused. Handles are never 0.
 */
#ifndef TAPIX_HANDLE_H
#define TAPIX_HANDLE_H

#include <stddef.h>
#include <stdint.h>

enum handle_kind {
    HANDLE_FREE = 0,
    HANDLE_LINEAPP,
    HANDLE_PHONEAPP,
    HANDLE_LINE,
    HANDLE_CALL,
    HANDLE_PHONE,
};

struct handle_slot {
    void *object;
    uint16_t generation;
    uint8_t kind;
    uint32_t next_free;
};

struct handle_table {
    struct handle_slot *slots;
    uint32_t capacity;
    uint32_t first_free; /* 0: none (slot 0 is never used) */
    uint32_t live;
};

/** Empties the table. */
void handle_table_init(struct handle_table *table);

/** Frees the table's memory; handles still live become stale. */
void handle_table_fini(struct handle_table *table);

/** Gives out a new handle for `object` of `kind`; 0 when memory or slots run out. */
uint32_t handle_new(struct handle_table *table, enum handle_kind kind, void *object);

/**
 * Allocates a zeroed object of `size` bytes and gives it a new handle of `kind`, stored in
 * *handlep. NULL, with nothing allocated and no handle taken, when memory or slots run out. The
 * caller owns the object; it releases both with handle_free() and free().
 */
void *handle_alloc(struct handle_table *table, enum handle_kind kind, size_t size,
                   uint32_t *handlep);

/** The object behind `handle` if it is live and of `kind`, else NULL. */
void *handle_get(const struct handle_table *table, uint32_t handle, enum handle_kind kind);

/** Retires `handle`; later lookups of it fail. Unknown handles are ignored. */
void handle_free(struct handle_table *table, uint32_t handle);

#endif
