/*
 * tapix.h — the few things tapix adds to Microsoft's TAPI, kept apart from Microsoft's names.
 *
 * Everything here starts with tapix_ or TAPIX_. A Windows TAPI application that is being
 * ported needs none of it except TAPIX_HANDLE_TO_FD, to poll() the event handle that
 * lineInitializeEx returns.
 */
#ifndef TAPIX_TAPIX_H
#define TAPIX_TAPIX_H

#include <stdint.h>

#include "tapi.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The file descriptor inside an event handle returned by lineInitializeEx or phoneInitializeEx
 * with LINEINITIALIZEEXOPTION_USEEVENT: an eventfd that is readable exactly while messages
 * wait in the application's queue. Do not read or close it; lineGetMessage resets it and
 * lineShutdown closes it.
 */
#define TAPIX_HANDLE_TO_FD(h) ((int)(intptr_t)(h))

/**
 * Gives the embedded core its configuration as INI text, instead of the files it would read
 * (TAPIX_CONFIG, $XDG_CONFIG_HOME/tapix/tapix.conf, /etc/tapix/tapix.conf, the built-in
 * default). Takes effect when the core next starts, that is at the first lineInitializeEx or
 * phoneInitializeEx while no application is initialized. NULL returns to the files.
 * Returns 0, or LINEERR_NOMEM.
 */
LONG tapix_set_config_text(const char *ini_text);

/**
 * Writes the last start-up error of the core ("file:line: …") into buf; empty when the core
 * started. Useful after lineInitializeEx returned LINEERR_INIFILECORRUPT or LINEERR_NODRIVER.
 */
void tapix_last_error(char *buf, size_t buflen);

#ifdef __cplusplus
}
#endif

#endif /* TAPIX_TAPIX_H */
