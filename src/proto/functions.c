/*
 * functions.c — lookups in the table of function IDs (functions.h).
 *
 * The table is one static array in ascending ID order, built from PROTO_FUNCTIONS; a lookup is
 * a binary search. Nothing here allocates or changes.
 */
#include "functions.h"

#include <string.h>

#define PROTO_FN_ROW(id, name, sig) {id, #name, sig, sizeof(sig) - 1},
static const struct proto_function functions[] = {PROTO_FUNCTIONS(PROTO_FN_ROW)};
#undef PROTO_FN_ROW

#define NFUNCTIONS (sizeof(functions) / sizeof(functions[0]))

const struct proto_function *proto_function_find(uint32_t id)
{
    size_t lo = 0, hi = NFUNCTIONS;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (functions[mid].id == id)
            return &functions[mid];
        if (functions[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

size_t proto_function_count(void)
{
    return NFUNCTIONS;
}

const struct proto_function *proto_function_at(size_t index)
{
    return index < NFUNCTIONS ? &functions[index] : NULL;
}

int proto_param_is_output(char letter)
{
    return letter != '\0' && strchr("oDBV", letter) != NULL;
}
