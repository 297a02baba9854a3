/*
 * api.h — helpers shared by the files that implement the public TAPI functions: the core's
 * side of the embedded backend. Argument traces are not written here but once, at the
 * boundary, by the dispatching front (src/client/dispatch.c).
 */
#ifndef TAPIX_API_H
#define TAPIX_API_H

#include "core.h"
#include "embedded.h"

#include <tapix/varstruct.h>

/**
 * Names the core's implementation of a TAPI function: every public TAPI function is defined
 * here as `LONG WINAPI CORE_API(lineX)(…)`, that is core_lineX, declared in embedded.h with
 * lineX's exact type. The public lineX lives in src/client/dispatch.c, which traces the call
 * at the boundary and reaches core_lineX through the embedded backend's table.
 */
#define CORE_API(name) core_##name

/** Returns `rc` from an API function after leaving the core. */
#define API_RETURN(rc)                                                                             \
    do {                                                                                           \
        LONG api_rc_ = (rc);                                                                       \
        core_leave();                                                                              \
        return api_rc_;                                                                            \
    } while (0)

/**
 * Checks a caller's variable-size structure: LINEERR_INVALPOINTER for NULL,
 * LINEERR_STRUCTURETOOSMALL (with dwNeededSize set when there is room for it) when dwTotalSize
 * is below `fixed_size`; 0 when the provider may fill it.
 */
LONG api_check_varstruct(void *structure, DWORD fixed_size);

/** Checks LINECALLPARAMS passed by an application: size and every offset inside it. */
LONG api_check_call_params(const LINECALLPARAMS *params, const struct line_device *dev);

/**
 * The line device `id` names, for functions that take a device ID: LINEERR_UNINITIALIZED when
 * no application has started the core, LINEERR_NODEVICE for a device whose provider was
 * removed (its ID stays taken), LINEERR_BADDEVICEID for an ID never given out.
 */
LONG api_line_device(DWORD id, struct line_device **devp);

/**
 * api_line_device for a function that also names its application: LINEERR_INVALAPPHANDLE
 * first when hLineApp is no line application's handle.
 */
LONG api_app_line_device(HLINEAPP hLineApp, DWORD id, struct line_device **devp);

/** The same for phone devices, with PHONEERR_ codes. */
LONG api_phone_device_id(DWORD id, struct phone_device **devp);

/** The open line for hLine, or NULL (LINEERR_INVALLINEHANDLE). */
struct line_open *api_line(HLINE hLine);

/**
 * The open line for hLine, and when `address` is not NULL a check that *address is one of the
 * line's address IDs: 0 with *openp set, LINEERR_INVALLINEHANDLE or LINEERR_INVALADDRESSID.
 */
LONG api_line_address(HLINE hLine, const DWORD *address, struct line_open **openp);

/**
 * Starts a request that creates a call on `open`'s line for its application (the provider fills
 * call1->hdCall; *lphCall gets the handle when the request succeeds). NULL: out of memory.
 */
struct request *api_new_call_request(struct line_open *open, LPHCALL lphCall);

/** True when [offset, offset+size) lies inside a structure of `total` bytes, past `fixed`. */
bool api_pair_inside(DWORD total, DWORD fixed, DWORD size, DWORD offset);

/**
 * The call handle for hCall when the caller may act on the call: LINEERR_INVALCALLHANDLE,
 * LINEERR_NOTOWNER (when `need_owner`), or LINEERR_INVALCALLSTATE (when the call's state is
 * not among `states`, a LINECALLSTATE_ mask; 0 accepts any).
 */
LONG api_call(HCALL hCall, bool need_owner, DWORD states, struct call_handle **chp);

/**
 * The call handle for hCall (any privilege, any state) and a check of the caller's variable-size
 * structure for it: LINEERR_INVALCALLHANDLE first, then as api_check_varstruct.
 */
LONG api_call_varstruct(HCALL hCall, void *structure, DWORD fixed_size, struct call_handle **chp);

/** Starts a request on behalf of a call handle's application (NULL: out of memory). */
struct request *api_request(struct call_handle *ch, enum request_kind kind);

/** True when `version` is an API version tapix speaks (CORE_API_VERSION_LOW to _HIGH). */
bool api_version_ok(DWORD version);

/**
 * The API version tapix agrees to for an application that speaks `low` to `high`: the highest
 * both speak, or 0 when the ranges do not meet (or low > high).
 */
DWORD api_version_negotiate(DWORD low, DWORD high);

/**
 * lineShutdown and phoneShutdown: unregisters application hApp of `kind` (stopping the core
 * after the last one). Takes the core lock. 0 or LINEERR_INVALAPPHANDLE.
 */
LONG api_shutdown_app(enum app_kind kind, DWORD hApp);

/** Registers an application (starting the core for the first one); core lock held. */
LONG api_initialize(enum app_kind kind, const char *name, DWORD api_version, struct app **appp);

/**
 * lineInitializeEx and phoneInitializeEx for an application of `kind`: checks the arguments,
 * registers the application (starting the core for the first one), and fills *happ, *num_devs,
 * *api_version and `params`, the caller's LINEINITIALIZEEXPARAMS or PHONEINITIALIZEEXPARAMS
 * (one layout). Takes the core lock. 0 or a LINEERR_ code (the phone side converts it).
 */
LONG api_initialize_ex(enum app_kind kind, LPCSTR name, DWORD *happ, LPDWORD num_devs,
                       LPDWORD api_version, void *params);

/**
 * lineGetMessage and phoneGetMessage: the next message of application hApp of `kind`, copied
 * into `out` (a LINEMESSAGE or PHONEMESSAGE), waiting up to `timeout` ms (0xFFFFFFFF: for ever)
 * with the core lock released. 0 or a LINEERR_ code (the phone side converts it).
 */
LONG api_get_message(enum app_kind kind, DWORD hApp, void *out, DWORD timeout);

/** Unregisters an application (stopping the core after the last one); core lock held. */
void api_shutdown(struct app *app);

#endif
