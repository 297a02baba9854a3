/*
 * backend.c — picks the backend the public TAPI functions call (see backend.h).
 */
#include "backend.h"

#include "embedded.h"

/*
 * Always the embedded core, for now. The client backend of tapixd will be chosen here: read
 * TAPIX_SERVER once (an atomic, like the log threshold in log.c), and when it names a server
 * return the client table instead, for the rest of the process.
 */
const struct tapix_backend *tapix_backend_current(void)
{
    return &tapix_embedded_backend;
}
