/*
 * backend.c — picks the backend the public TAPI functions call (see backend.h): the client of
 * tapixd when TAPIX_SERVER names a server (`unix:PATH`; `tls://HOST:PORT` is recognized and
 * answered by the client backend, which does not speak TLS yet), else the embedded core.
 */
#include "backend.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "embedded.h"

static const struct tapix_backend *chosen;
static pthread_once_t choose_once = PTHREAD_ONCE_INIT;

/* Reads TAPIX_SERVER, once for the process. */
static void choose(void)
{
    const char *server = getenv("TAPIX_SERVER");
    if (server && (strncmp(server, "unix:", 5) == 0 || strncmp(server, "tls://", 6) == 0))
        chosen = &tapix_client_backend;
    else
        chosen = &tapix_embedded_backend;
}

/* The choice is made at the first call and kept, so that an application's handles never cross
 * from one backend to the other. */
const struct tapix_backend *tapix_backend_current(void)
{
    pthread_once(&choose_once, choose);
    return chosen;
}
