/*
 * devconfig.c — a line's device configuration for the device class "tapi/line":
 * TSPI_lineGetDevConfig and TSPI_lineSetDevConfig.
 *
 * A real provider keeps a modem's or a phone's settings here; the simulated switch has none,
 * so it keeps whatever block an application last set (up to 1024 bytes) and gives it back,
 * empty until then. The blocks live as long as the instance.
 */
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define DEVCONFIG_MAX 1024

struct sim_devconfig {
    DWORD device_id;
    DWORD size;
    struct sim_devconfig *next;
    unsigned char data[];
};

/* The block of device_id, or NULL. */
static struct sim_devconfig *devconfig_find(struct sim_inst *inst, DWORD device_id)
{
    for (struct sim_devconfig *c = inst->devconfigs; c; c = c->next)
        if (c->device_id == device_id)
            return c;
    return NULL;
}

void devconfig_free_all(struct sim_inst *inst)
{
    while (inst->devconfigs) {
        struct sim_devconfig *c = inst->devconfigs;

        inst->devconfigs = c->next;
        free(c);
    }
}

/* Give back the line's block as a binary VARSTRING. */
SIM_EXPORT LONG TSPIAPI TSPI_lineGetDevConfig(DWORD dwDeviceID, LPVARSTRING lpDeviceConfig,
                                              LPCSTR lpszDeviceClass)
{
    struct sim_ext *ext;
    struct sim_inst *inst = inst_by_line_device(dwDeviceID, &ext);
    struct tapix_varstruct vs;
    LONG rc;

    if (!inst)
        return LINEERR_BADDEVICEID;
    if (!lpszDeviceClass || strcmp(lpszDeviceClass, "tapi/line") != 0)
        return LINEERR_INVALDEVICECLASS;
    rc = tapix_varstruct_begin(&vs, lpDeviceConfig, sizeof(VARSTRING));
    if (rc)
        return rc;
    pthread_mutex_lock(&inst->lock);
    const struct sim_devconfig *c = devconfig_find(inst, dwDeviceID);
    lpDeviceConfig->dwStringFormat = STRINGFORMAT_BINARY;
    if (c)
        tapix_varstruct_append(&vs, &lpDeviceConfig->dwStringSize, &lpDeviceConfig->dwStringOffset,
                               c->data, c->size);
    tapix_varstruct_end(&vs);
    pthread_mutex_unlock(&inst->lock);
    return 0;
}

/* Keep a copy of the block for the line. */
SIM_EXPORT LONG TSPIAPI TSPI_lineSetDevConfig(DWORD dwDeviceID, LPVOID const lpDeviceConfig,
                                              DWORD dwSize, LPCSTR lpszDeviceClass)
{
    struct sim_ext *ext;
    struct sim_inst *inst = inst_by_line_device(dwDeviceID, &ext);
    struct sim_devconfig *c;

    if (!inst)
        return LINEERR_BADDEVICEID;
    if (!lpszDeviceClass || strcmp(lpszDeviceClass, "tapi/line") != 0)
        return LINEERR_INVALDEVICECLASS;
    if (dwSize > DEVCONFIG_MAX || (!lpDeviceConfig && dwSize))
        return LINEERR_INVALPARAM;
    c = malloc(sizeof(*c) + dwSize);
    if (!c)
        return LINEERR_NOMEM;
    c->device_id = dwDeviceID;
    c->size = dwSize;
    if (dwSize)
        memcpy(c->data, lpDeviceConfig, dwSize);
    pthread_mutex_lock(&inst->lock);
    for (struct sim_devconfig **pp = &inst->devconfigs; *pp; pp = &(*pp)->next)
        if ((*pp)->device_id == dwDeviceID) {
            struct sim_devconfig *old = *pp;

            *pp = old->next;
            free(old);
            break;
        }
    c->next = inst->devconfigs;
    inst->devconfigs = c;
    pthread_mutex_unlock(&inst->lock);
    return 0;
}
