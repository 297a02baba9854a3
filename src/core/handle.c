/*
 * handle.c — generation-tagged handle table (see handle.h).
 */
#include "handle.h"

#include <stdlib.h>

#define HANDLE_INDEX_BITS 22u
#define HANDLE_INDEX_MASK ((1u << HANDLE_INDEX_BITS) - 1u)
#define HANDLE_GEN_MASK   ((1u << (32u - HANDLE_INDEX_BITS)) - 1u)

void handle_table_init(struct handle_table *table)
{
    table->slots = NULL;
    table->capacity = 0;
    table->first_free = 0;
    table->live = 0;
}

void handle_table_fini(struct handle_table *table)
{
    free(table->slots);
    handle_table_init(table);
}

/* Doubles the slot array and threads the new slots onto the free list. */
static int handle_table_grow(struct handle_table *table)
{
    uint32_t old = table->capacity;
    uint32_t cap = old ? old * 2 : 64;
    if (cap > HANDLE_INDEX_MASK + 1u)
        cap = HANDLE_INDEX_MASK + 1u;
    if (cap <= old)
        return -1;
    struct handle_slot *slots = realloc(table->slots, cap * sizeof(*slots));
    if (!slots)
        return -1;
    for (uint32_t i = old; i < cap; i++) {
        slots[i].object = NULL;
        slots[i].generation = 1;
        slots[i].kind = HANDLE_FREE;
        slots[i].next_free = (i + 1 < cap) ? i + 1 : 0;
    }
    /* slot 0 stays unused so that no handle is 0 */
    uint32_t first = old ? old : 1;
    slots[cap - 1].next_free = table->first_free;
    table->first_free = first;
    table->slots = slots;
    table->capacity = cap;
    return 0;
}

uint32_t handle_new(struct handle_table *table, enum handle_kind kind, void *object)
{
    if (!table->first_free && handle_table_grow(table) != 0)
        return 0;
    uint32_t index = table->first_free;
    struct handle_slot *slot = &table->slots[index];
    table->first_free = slot->next_free;
    slot->object = object;
    slot->kind = (uint8_t)kind;
    slot->next_free = 0;
    table->live++;
    return ((uint32_t)slot->generation << HANDLE_INDEX_BITS) | index;
}

void *handle_alloc(struct handle_table *table, enum handle_kind kind, size_t size,
                   uint32_t *handlep)
{
    void *object = calloc(1, size);
    if (!object)
        return NULL;
    *handlep = handle_new(table, kind, object);
    if (!*handlep) {
        free(object);
        return NULL;
    }
    return object;
}

/* The slot a handle names if its generation still matches, else NULL. */
static struct handle_slot *handle_slot_of(const struct handle_table *table, uint32_t handle)
{
    uint32_t index = handle & HANDLE_INDEX_MASK;
    uint32_t generation = handle >> HANDLE_INDEX_BITS;
    if (index == 0 || index >= table->capacity)
        return NULL;
    struct handle_slot *slot = &table->slots[index];
    if (slot->kind == HANDLE_FREE || slot->generation != generation)
        return NULL;
    return slot;
}

void *handle_get(const struct handle_table *table, uint32_t handle, enum handle_kind kind)
{
    struct handle_slot *slot = handle_slot_of(table, handle);
    if (!slot || slot->kind != kind)
        return NULL;
    return slot->object;
}

void handle_free(struct handle_table *table, uint32_t handle)
{
    struct handle_slot *slot = handle_slot_of(table, handle);
    if (!slot)
        return;
    slot->object = NULL;
    slot->kind = HANDLE_FREE;
    slot->generation = (uint16_t)((slot->generation + 1u) & HANDLE_GEN_MASK);
    if (slot->generation == 0)
        slot->generation = 1;
    slot->next_free = table->first_free;
    table->first_free = handle & HANDLE_INDEX_MASK;
    table->live--;
}
