/*
 * provider.c — provider instances: start-up, device enumeration, version negotiation, shutdown.
 *
 * The core may load the sim provider for several instances; each one (dwPermanentProviderID)
 * gets its own struct sim_inst, kept in a short list that is the provider's only global state.
 * The order of the calls is the contract's: TSPIX_providerConfig (optional), then
 * TSPI_providerEnumDevices, TSPI_providerInit, and at the end TSPI_providerShutdown. An
 * instance that was never configured runs on the built-in default (config.c).
 */
#include <stdlib.h>
#include <string.h>

#include "sim.h"

static pthread_mutex_t inst_list_lock = PTHREAD_MUTEX_INITIALIZER;
static struct sim_inst *inst_list;

/*
 * Find the instance for provider_id; when create is set and there is none, make one with the
 * built-in configuration. Returns NULL when it does not exist (or memory ran out).
 */
struct sim_inst *inst_by_provider(DWORD provider_id, bool create)
{
    struct sim_inst *inst;

    pthread_mutex_lock(&inst_list_lock);
    for (inst = inst_list; inst; inst = inst->next)
        if (inst->provider_id == provider_id)
            break;
    if (!inst && create) {
        inst = calloc(1, sizeof *inst);
        if (inst) {
            inst->provider_id = provider_id;
            inst->next_call_id = 1;
            pthread_mutex_init(&inst->lock, NULL);
            config_default(&inst->cfg);
            if (config_finish(&inst->cfg)) {
                config_free(&inst->cfg);
                pthread_mutex_destroy(&inst->lock);
                free(inst);
                inst = NULL;
            } else {
                inst->next = inst_list;
                inst_list = inst;
            }
        }
    }
    pthread_mutex_unlock(&inst_list_lock);
    return inst;
}

/*
 * Find the instance owning line device device_id (after TSPI_providerInit numbered it) and,
 * through *extp, the extension behind it. Returns NULL when no instance has that device.
 */
struct sim_inst *inst_by_line_device(DWORD device_id, struct sim_ext **extp)
{
    struct sim_inst *inst;

    pthread_mutex_lock(&inst_list_lock);
    for (inst = inst_list; inst; inst = inst->next)
        if (inst->complete && device_id >= inst->line_base &&
            device_id - inst->line_base < inst->cfg.nexts)
            break;
    pthread_mutex_unlock(&inst_list_lock);
    if (inst && extp)
        *extp = &inst->cfg.exts[device_id - inst->line_base];
    return inst;
}

/* As inst_by_line_device, for phone devices. */
struct sim_inst *inst_by_phone_device(DWORD device_id, struct sim_ext **extp)
{
    struct sim_inst *inst;

    pthread_mutex_lock(&inst_list_lock);
    for (inst = inst_list; inst; inst = inst->next)
        if (inst->complete && device_id >= inst->phone_base &&
            device_id - inst->phone_base < inst->cfg.nphones)
            break;
    pthread_mutex_unlock(&inst_list_lock);
    if (inst && extp)
        *extp = &inst->cfg.exts[inst->cfg.phones[device_id - inst->phone_base]];
    return inst;
}

/* Unlink inst from the list (the caller then frees it). */
static void inst_unlink(struct sim_inst *inst)
{
    struct sim_inst **pp;

    pthread_mutex_lock(&inst_list_lock);
    for (pp = &inst_list; *pp; pp = &(*pp)->next)
        if (*pp == inst) {
            *pp = inst->next;
            break;
        }
    pthread_mutex_unlock(&inst_list_lock);
}

/*
 * Pick the highest TSPI version in [low, high] that we speak into *version. Returns 0,
 * LINEERR_INCOMPATIBLEAPIVERSION when the ranges do not meet, LINEERR_INVALPOINTER for NULL.
 */
LONG inst_negotiate(DWORD low, DWORD high, LPDWORD version)
{
    if (!version)
        return LINEERR_INVALPOINTER;
    if (low > SIM_TSPI_VERSION_HIGH || high < SIM_TSPI_VERSION_LOW || low > high)
        return LINEERR_INCOMPATIBLEAPIVERSION;
    *version = high < SIM_TSPI_VERSION_HIGH ? high : SIM_TSPI_VERSION_HIGH;
    return 0;
}

/* Version negotiation for the provider (INITIALIZE_NEGOTIATION) or one line device. */
SIM_EXPORT LONG TSPIAPI TSPI_lineNegotiateTSPIVersion(DWORD dwDeviceID, DWORD dwLowVersion,
                                                      DWORD dwHighVersion, LPDWORD lpdwTSPIVersion)
{
    if (dwDeviceID != INITIALIZE_NEGOTIATION && !inst_by_line_device(dwDeviceID, NULL))
        return LINEERR_BADDEVICEID;
    return inst_negotiate(dwLowVersion, dwHighVersion, lpdwTSPIVersion);
}

/* Version negotiation for one phone device. */
SIM_EXPORT LONG TSPIAPI TSPI_phoneNegotiateTSPIVersion(DWORD dwDeviceID, DWORD dwLowVersion,
                                                       DWORD dwHighVersion, LPDWORD lpdwTSPIVersion)
{
    LONG rc;

    if (!inst_by_phone_device(dwDeviceID, NULL))
        return PHONEERR_BADDEVICEID;
    rc = inst_negotiate(dwLowVersion, dwHighVersion, lpdwTSPIVersion);
    if (rc == LINEERR_INCOMPATIBLEAPIVERSION)
        return PHONEERR_INCOMPATIBLEAPIVERSION;
    return rc == LINEERR_INVALPOINTER ? PHONEERR_INVALPOINTER : rc;
}

/* Report how many lines (one per extension) and phones the instance has. */
SIM_EXPORT LONG TSPIAPI TSPI_providerEnumDevices(DWORD dwPermanentProviderID, LPDWORD lpdwNumLines,
                                                 LPDWORD lpdwNumPhones, HPROVIDER hProvider,
                                                 LINEEVENT lpfnLineCreateProc,
                                                 PHONEEVENT lpfnPhoneCreateProc)
{
    struct sim_inst *inst = inst_by_provider(dwPermanentProviderID, true);

    if (!inst)
        return LINEERR_NOMEM;
    if (!lpdwNumLines || !lpdwNumPhones)
        return LINEERR_INVALPOINTER;
    pthread_mutex_lock(&inst->lock);
    *lpdwNumLines = inst->cfg.nexts;
    *lpdwNumPhones = inst->cfg.nphones;
    pthread_mutex_unlock(&inst->lock);
    return 0;
}

/* Take the device ID bases and the completion callback; start the timer thread. */
SIM_EXPORT LONG TSPIAPI TSPI_providerInit(DWORD dwTSPIVersion, DWORD dwPermanentProviderID,
                                          DWORD dwLineDeviceIDBase, DWORD dwPhoneDeviceIDBase,
                                          DWORD_PTR dwNumLines, DWORD_PTR dwNumPhones,
                                          ASYNC_COMPLETION lpfnCompletionProc,
                                          LPDWORD lpdwTSPIOptions)
{
    struct sim_inst *inst = inst_by_provider(dwPermanentProviderID, true);
    LONG rc = 0;

    if (!inst)
        return LINEERR_NOMEM;
    if (!lpfnCompletionProc)
        return LINEERR_INVALPOINTER;
    pthread_mutex_lock(&inst->lock);
    if (dwNumLines != inst->cfg.nexts || dwNumPhones != inst->cfg.nphones) {
        rc = LINEERR_INVALPARAM;
    } else {
        inst->line_base = dwLineDeviceIDBase;
        inst->phone_base = dwPhoneDeviceIDBase;
        if (timer_start(inst))
            rc = LINEERR_NOMEM;
        else
            inst->complete = lpfnCompletionProc;
    }
    pthread_mutex_unlock(&inst->lock);
    if (lpdwTSPIOptions)
        *lpdwTSPIOptions = 0;
    return rc;
}

/* Free every leg, phone and forwarding record of the instance's extensions. */
static void inst_free_devices(struct sim_inst *inst)
{
    for (DWORD i = 0; i < inst->cfg.nexts; i++) {
        struct sim_ext *ext = &inst->cfg.exts[i];

        while (ext->calls)
            call_destroy(ext->calls);
        free(ext->line);
        ext->line = NULL;
        phone_free(ext);
        forward_free(ext);
    }
    park_free_all(inst);
    devconfig_free_all(inst);
}

/* Stop the timer thread and free the instance with everything in it. */
SIM_EXPORT LONG TSPIAPI TSPI_providerShutdown(DWORD dwTSPIVersion, DWORD dwPermanentProviderID)
{
    struct sim_inst *inst = inst_by_provider(dwPermanentProviderID, false);

    if (!inst)
        return 0;
    inst_unlink(inst);
    timer_stop(inst);
    pthread_mutex_lock(&inst->lock);
    inst_free_devices(inst);
    config_free(&inst->cfg);
    pthread_mutex_unlock(&inst->lock);
    pthread_mutex_destroy(&inst->lock);
    free(inst);
    return 0;
}

/*
 * When the .tsp is unloaded, free the instances that were configured but never shut down: the
 * core stops before TSPI_providerInit when a configuration (this one's or another provider's)
 * is refused, and then never calls TSPI_providerShutdown.
 */
__attribute__((destructor)) static void inst_free_leftovers(void)
{
    while (inst_list) {
        struct sim_inst *inst = inst_list;

        inst_list = inst->next;
        timer_stop(inst);
        inst_free_devices(inst);
        config_free(&inst->cfg);
        pthread_mutex_destroy(&inst->lock);
        free(inst);
    }
}
