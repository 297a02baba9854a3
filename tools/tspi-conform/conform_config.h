/*
 * conform_config.h — the settings tspi-conform passes to TSPIX_providerConfig (config.c).
 */
#ifndef TSPI_CONFORM_CONFIG_H
#define TSPI_CONFORM_CONFIG_H

#include <stddef.h>

#include "tapix/tspi.h"

/* One provider section read from a file: parallel arrays of count settings. */
struct conform_config {
    size_t count;
    char **keys;
    char **values;
    DWORD *lines;
    char file[512]; /* "" for the built-in (empty) configuration */
    char instance[128];
};

/* Read the first section of the INI file at path into c (which it initialises). Returns 0, or
 * -1 with a file:line message in err (c is then empty). */
int conform_config_read(struct conform_config *c, const char *path, char *err, size_t errlen);

/* Release what conform_config_read allocated; c becomes empty. */
void conform_config_free(struct conform_config *c);

/* Point view at c's settings, as TSPIX_providerConfig expects them; valid while c lives. */
void conform_config_view(const struct conform_config *c, TSPIXCONFIG *view);

#endif /* TSPI_CONFORM_CONFIG_H */
