/*
 * core.h — the private model of the tapix core: what TAPISRV keeps between applications and
 * providers.
 *
 * One process-wide `struct core` holds the providers, the line and phone devices they expose,
 * the applications that initialized TAPI, and every handle given out. A single mutex guards all
 * of it: every API entry point takes it, every TSPI function is called with it held, so a
 * provider sees one call at a time. Provider callbacks never take it; they queue events
 * (event.c) that the core handles after the TSPI function returns, or on its own loop thread
 * when they come from a provider's thread.
 */
#ifndef TAPIX_CORE_H
#define TAPIX_CORE_H

#include <pthread.h>
#include <stdbool.h>
#include <time.h>

#include <tapix/tapi.h>
#include <tapix/tspi.h>

#include "handle.h"
#include "log.h"

struct provider;
struct line_device;
struct phone_device;
struct tcall;
struct app;
struct translate_rules;

/* The highest API version tapix implements, and the oldest it accepts. */
#define CORE_API_VERSION_LOW   0x00010003
#define CORE_API_VERSION_HIGH  0x00020002
#define CORE_TSPI_VERSION_LOW  0x00020000
#define CORE_TSPI_VERSION_HIGH 0x00020002

/** A message waiting in an application's queue (the LINEMESSAGE/PHONEMESSAGE layout). */
struct queued_msg {
    DWORD hDevice;
    DWORD dwMessageID;
    DWORD_PTR dwCallbackInstance;
    DWORD_PTR dwParam1;
    DWORD_PTR dwParam2;
    DWORD_PTR dwParam3;
};

/** An application's message queue: a growable ring, an optional eventfd, a condition. */
struct msgqueue {
    struct queued_msg *ring;
    size_t head, count, cap;
    int event_fd;            /* -1 unless LINEINITIALIZEEXOPTION_USEEVENT */
    pthread_cond_t nonempty; /* waited on with the core lock */
};

enum app_kind { APP_LINE, APP_PHONE };

/** One lineInitializeEx or phoneInitializeEx: an HLINEAPP or HPHONEAPP. */
struct app {
    DWORD handle;
    enum app_kind kind;
    char *name;
    DWORD api_version; /* lpdwAPIVersion given at initialization */
    struct msgqueue queue;
    bool shutting_down;
    unsigned waiters;           /* threads inside lineGetMessage */
    struct line_open *opens;    /* lines this application opened */
    struct phone_open *phopens; /* phones this application opened */
    struct app *next;
};

/** One lineOpen by one application: an HLINE. */
struct line_open {
    DWORD handle;
    struct app *app;
    struct line_device *dev;
    DWORD privileges;  /* LINECALLPRIVILEGE_NONE / MONITOR / OWNER bits */
    DWORD media_modes; /* media modes this open wants to own */
    DWORD api_version;
    DWORD_PTR callback_instance;
    DWORD line_states; /* lineSetStatusMessages masks */
    DWORD address_states;
    DWORD proxy_requests; /* LINEPROXYREQUEST_ types this open handles: bit n for type n */
    DWORD *num_rings;     /* lineSetNumRings per address (NULL until set; 0xFFFFFFFF unset) */
    struct line_open *next_in_app;
    struct line_open *next_on_dev;
};

/** The TSPI function table of a provider, filled with dlsym; absent entries are NULL. */
/* clang-format off */
#define CORE_TSPI_FUNCTIONS(X) \
    X(lineAccept) \
    X(lineAddToConference) \
    X(lineAnswer) \
    X(lineBlindTransfer) \
    X(lineClose) \
    X(lineCloseCall) \
    X(lineCompleteCall) \
    X(lineCompleteTransfer) \
    X(lineConditionalMediaDetection) \
    X(lineDevSpecific) \
    X(lineDevSpecificFeature) \
    X(lineDial) \
    X(lineDrop) \
    X(lineForward) \
    X(lineGatherDigits) \
    X(lineGenerateDigits) \
    X(lineGenerateTone) \
    X(lineGetAddressCaps) \
    X(lineGetAddressID) \
    X(lineGetAddressStatus) \
    X(lineGetCallAddressID) \
    X(lineGetCallInfo) \
    X(lineGetCallStatus) \
    X(lineGetDevCaps) \
    X(lineGetDevConfig) \
    X(lineGetExtensionID) \
    X(lineGetID) \
    X(lineGetLineDevStatus) \
    X(lineGetNumAddressIDs) \
    X(lineHold) \
    X(lineMakeCall) \
    X(lineMonitorDigits) \
    X(lineMonitorMedia) \
    X(lineMonitorTones) \
    X(lineNegotiateExtVersion) \
    X(lineNegotiateTSPIVersion) \
    X(lineOpen) \
    X(linePark) \
    X(linePickup) \
    X(linePrepareAddToConference) \
    X(lineRedirect) \
    X(lineReleaseUserUserInfo) \
    X(lineRemoveFromConference) \
    X(lineSecureCall) \
    X(lineSelectExtVersion) \
    X(lineSendUserUserInfo) \
    X(lineSetAppSpecific) \
    X(lineSetCallData) \
    X(lineSetCallParams) \
    X(lineSetCallQualityOfService) \
    X(lineSetCallTreatment) \
    X(lineSetDefaultMediaDetection) \
    X(lineSetDevConfig) \
    X(lineSetLineDevStatus) \
    X(lineSetMediaControl) \
    X(lineSetMediaMode) \
    X(lineSetStatusMessages) \
    X(lineSetTerminal) \
    X(lineSetupConference) \
    X(lineSetupTransfer) \
    X(lineSwapHold) \
    X(lineUncompleteCall) \
    X(lineUnhold) \
    X(lineUnpark) \
    X(phoneClose) \
    X(phoneDevSpecific) \
    X(phoneGetButtonInfo) \
    X(phoneGetData) \
    X(phoneGetDevCaps) \
    X(phoneGetDisplay) \
    X(phoneGetExtensionID) \
    X(phoneGetGain) \
    X(phoneGetHookSwitch) \
    X(phoneGetID) \
    X(phoneGetLamp) \
    X(phoneGetRing) \
    X(phoneGetStatus) \
    X(phoneGetVolume) \
    X(phoneNegotiateExtVersion) \
    X(phoneNegotiateTSPIVersion) \
    X(phoneOpen) \
    X(phoneSelectExtVersion) \
    X(phoneSetButtonInfo) \
    X(phoneSetData) \
    X(phoneSetDisplay) \
    X(phoneSetGain) \
    X(phoneSetHookSwitch) \
    X(phoneSetLamp) \
    X(phoneSetRing) \
    X(phoneSetStatusMessages) \
    X(phoneSetVolume) \
    X(providerCreateLineDevice) \
    X(providerCreatePhoneDevice) \
    X(providerEnumDevices) \
    X(providerFreeDialogInstance) \
    X(providerGenericDialogData) \
    X(providerInit) \
    X(providerShutdown) \
    X(providerUIIdentify)
/* clang-format on */

struct tspi_table {
#define CORE_TSPI_MEMBER(name) __typeof__(&TSPI_##name) name;
    CORE_TSPI_FUNCTIONS(CORE_TSPI_MEMBER)
#undef CORE_TSPI_MEMBER
    __typeof__(&TSPIX_providerConfig) providerConfig;
};

/** A loaded provider instance. */
struct provider {
    char *name;     /* "sim" */
    char *instance; /* "" or the quoted instance name */
    char *path;     /* the .tsp that was loaded */
    void *dl;
    DWORD permanent_id;
    DWORD tspi_version;
    DWORD line_base, num_lines;
    DWORD phone_base, num_phones;
    DWORD options; /* LINETSPIOPTION_* from TSPI_providerInit */
    bool initialized;
    bool removed; /* lineRemoveProvider: shut down, its devices removed, its ID kept */
    struct tspi_table fn;
};

/** A line device: one per line a provider exposes; htLine for the provider. */
struct line_device {
    DWORD device_id;
    struct provider *prov;
    DWORD provider_device_id; /* the ID the provider knows it by (also device_id) */
    DWORD tspi_version;
    HDRVLINE hdLine; /* valid while open_count > 0 */
    unsigned open_count;
    struct line_open *opens;
    struct tcall *calls;
    DWORD num_addresses;
    DWORD detect_modes; /* media modes currently asked of TSPI_lineSetDefaultMediaDetection */
    bool removed;
};

/** A phone device, htPhone for the provider. */
struct phone_device {
    DWORD device_id;
    struct provider *prov;
    DWORD tspi_version;
    HDRVPHONE hdPhone;
    unsigned open_count;
    struct phone_open *opens;
    bool removed;
};

/** One phoneOpen by one application: an HPHONE. */
struct phone_open {
    DWORD handle;
    struct app *app;
    struct phone_device *dev;
    DWORD privilege; /* PHONEPRIVILEGE_OWNER / MONITOR */
    DWORD api_version;
    DWORD_PTR callback_instance;
    DWORD phone_states, button_modes, button_states;
    struct phone_open *next_in_app;
    struct phone_open *next_on_dev;
};

/** One application's handle to a call: an HCALL. */
struct call_handle {
    DWORD handle;
    struct tcall *call;
    struct line_open *open;
    DWORD privilege;        /* LINECALLPRIVILEGE_OWNER or _MONITOR */
    bool privilege_pending; /* report the privilege in the next LINE_CALLSTATE */
    DWORD digit_modes;      /* lineMonitorDigits */
    DWORD media_modes;      /* lineMonitorMedia */
    DWORD tone_list_id;     /* lineMonitorTones: the list ID the provider quotes, 0 when none */
    struct call_handle *next_in_call; /* the call's handles, newest first */
    struct call_handle *prev_in_call;
    struct call_handle *next_by_open; /* the next handle in this one's bucket of tcall.by_open */
};

/** A call as TAPI sees it: htCall for the provider. */
struct tcall {
    struct line_device *dev;
    HDRVCALL hdCall;
    DWORD state;
    DWORD state_mode;
    DWORD media_mode;
    DWORD address_id;
    bool valid;           /* the provider's creating request completed, or LINE_NEWCALL arrived */
    bool closing;         /* TSPI_lineCloseCall called */
    bool dead_on_arrival; /* LINE_NEWCALL for a line that closed meanwhile */
    struct call_handle *handles;  /* newest first, doubly linked (next_in_call, prev_in_call) */
    struct call_handle **by_open; /* the handles hashed by their line open, by_open_cap chains:
                                   * made once the call has CALL_INDEX_MIN (call.c) handles */
    size_t by_open_cap;           /* 0 or a power of two */
    size_t num_handles;           /* how many handles the call has */
    struct tcall *next_on_dev;
    struct tcall *prev_on_dev;
    struct tcall *conf_parent;     /* the conference call this call belongs to */
    char *app_name;                /* the application that originated it (LINECALLINFO dwAppName) */
    struct timespec state_entered; /* CLOCK_REALTIME when the current state was reported */
};

/** What a request creates or fills when it completes. */
enum request_kind { REQ_PLAIN, REQ_NEWCALL, REQ_TWO_NEWCALLS, REQ_PHONE };

/** An asynchronous request: dwRequestID → exactly one LINE_REPLY / PHONE_REPLY. */
struct request {
    DWORD id;
    enum request_kind kind;
    struct app *app;
    DWORD_PTR callback_instance;
    struct line_open *open; /* for requests that create calls */
    struct tcall *call1;    /* new call(s) created by the request */
    struct tcall *call2;
    HCALL *lphCall1; /* where the application wants the new handles */
    HCALL *lphCall2;
    bool dropped_app; /* the application went away: complete silently */
    struct request *next;
};

/** The core. */
struct core {
    pthread_mutex_t lock;
    unsigned
        users; /* initialized applications; the core starts with the first, stops after the last */
    bool started;
    struct provider **providers;
    size_t num_providers;
    struct line_device **lines;
    DWORD num_lines;
    struct phone_device **phones;
    DWORD num_phones;
    struct handle_table handles;
    struct app *apps;
    struct request *requests; /* pending requests */
    DWORD next_request_id;
    struct translate_rules *rules;
    char *config_text;         /* tapix_set_config_text */
    char last_error[512];      /* why the core last failed to start */
    struct endtoend *endtoend; /* pending generate/gather operations */
    DWORD next_endtoend_id;
    struct proxy_pending *proxy;       /* proxy requests waiting for lineProxyResponse */
    struct assisted_state *assisted;   /* assisted telephony: recipients and queued requests */
    struct priority_entry *priorities; /* lineSetAppPriority lists */
};

extern struct core g_core;

/* core.c */
int core_enter(void);
void core_leave(void);
bool core_locked_by_me(void);
LONG core_start_locked(void);
void core_stop_locked(void);

/* app.c */
LONG app_create(enum app_kind kind, const char *name, DWORD api_version, bool use_event,
                struct app **appp);
void app_destroy(struct app *app);
struct app *app_find(DWORD handle, enum app_kind kind);
void app_post(struct app *app, DWORD hDevice, DWORD msg, DWORD_PTR inst, DWORD_PTR p1, DWORD_PTR p2,
              DWORD_PTR p3);
LONG app_get_message(struct app *app, struct queued_msg *out, DWORD timeout_ms);

/* provider.c */
LONG provider_load_all(char *err, size_t errlen);
void provider_unload_all(void);
LONG provider_add(const char *file, DWORD *permanent_idp);
struct config;
struct config_section;
/** Loads and starts the provider of section `sec` of `cfg` while the core runs, announcing its
 * devices with LINE_CREATE / PHONE_CREATE; the core's lock is held. 0 and its permanent ID, or
 * an error with "why" in err (a provider that failed half-way is shut down and marked removed). */
LONG provider_add_section(const struct config *cfg, const struct config_section *sec,
                          DWORD *permanent_idp, char *err, size_t errlen);
LONG provider_remove(DWORD permanent_id);
struct provider *provider_find_id(DWORD permanent_id);
LONG provider_read_locations(struct translate_rules **rulesp);

/* proxy.c: the ACD proxy mechanism of lineOpen(LINEOPENOPTION_PROXY) */
LONG proxy_register(struct line_open *open, const LINECALLPARAMS *params);
void proxy_forget_open(struct line_open *open);

/* api_assisted.c, api_priority.c: state kept for the core's life */
void assisted_clear(void);
void priority_clear(void);
/* The owner open of `dev` for `media_mode` whose application is listed highest, or NULL. */
struct line_open *priority_pick(struct line_device *dev, DWORD media_mode,
                                const struct app *exclude);
/* The 1-based position of application `app` in the list for (media, request); 0: absent. */
DWORD priority_position(const char *app, DWORD media, DWORD request);

/* line.c */
struct line_device *line_device_get(DWORD device_id);
struct line_open *line_open_find(DWORD hLine);
LONG line_device_ensure_version(struct line_device *dev);
void line_open_close(struct line_open *open, bool provider_closed);
LONG line_device_open(struct line_device *dev);
LONG line_update_media_detection(struct line_device *dev);

/* appinfo.c */
/** Appends TAPI's part of LINEDEVSTATUS (opens, media modes, LINEAPPINFO) after the provider's. */
LONG appinfo_append(const struct line_device *dev, LINEDEVSTATUS *status);

/* call.c */
struct tcall *call_alloc(struct line_device *dev);
void call_free(struct tcall *call);
void call_attach(struct tcall *call);
/** Gives `open` a new handle to `call` (first in call->handles); NULL out of memory. O(1)
 * amortized. */
struct call_handle *call_handle_add(struct tcall *call, struct line_open *open, DWORD privilege);
struct call_handle *call_handle_find(DWORD hCall);
/** The handle `open` holds to `call`, or NULL; O(1) on average (tcall.by_open). */
struct call_handle *call_handle_for_open(struct tcall *call, struct line_open *open);
/** Frees handle `ch` and unlinks it from its call, which stays open; O(1) on average. */
void call_handle_remove(struct call_handle *ch);
/** Gives each open of the call's line that has none a handle to `call` (`owner`, or the
 * priority choice, as owner; monitors as monitors) and announces it; O(opens of the line). */
void call_give_handles(struct tcall *call, struct line_open *owner);
void call_close_if_unused(struct tcall *call);
void call_close_all(struct line_device *dev);
void call_state_changed(struct tcall *call, DWORD state, DWORD mode, DWORD media);
void call_post_all(struct tcall *call, DWORD msg, DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3);
/** The UTC time the call entered its current state, for LINECALLSTATUS; zeros when unknown. */
void call_state_entry_time(const struct tcall *call, SYSTEMTIME *out);

/* endtoend.c: LINE_GENERATE / LINE_GATHERDIGITS go only to the application that asked */
DWORD endtoend_register(struct call_handle *ch);
void call_end_to_end(struct tcall *call, DWORD msg, DWORD termination, DWORD id, DWORD tick);
void endtoend_forget_handle(DWORD hCall);
void endtoend_clear(void);

/* api_callctl.c: LINE_MONITORTONE goes only to the handle whose tone list it names */
void call_monitor_tone(struct tcall *call, DWORD app_specific, DWORD tone_list_id, DWORD tick);

/* request.c */
struct request *request_new(struct app *app, DWORD_PTR inst, enum request_kind kind);
void request_cancel(struct request *req);
void request_complete(DWORD id, LONG result);
LONG request_submit(struct request *req, LONG provider_result);
void request_forget_app(struct app *app);
void request_forget_open(struct line_open *open);

/* event.c */
void event_queue_line(HTAPILINE htLine, HTAPICALL htCall, DWORD msg, DWORD_PTR p1, DWORD_PTR p2,
                      DWORD_PTR p3);
void event_drain(void);
int event_loop_start(void);
void event_loop_stop(void);
void CALLBACK event_line_callback(HTAPILINE htLine, HTAPICALL htCall, DWORD dwMsg,
                                  DWORD_PTR dwParam1, DWORD_PTR dwParam2, DWORD_PTR dwParam3);
void CALLBACK event_phone_callback(HTAPIPHONE htPhone, DWORD dwMsg, DWORD_PTR dwParam1,
                                   DWORD_PTR dwParam2, DWORD_PTR dwParam3);
void CALLBACK event_completion_callback(DRV_REQUESTID dwRequestID, LONG lResult);

/* phone.c */
struct phone_device *phone_device_get(DWORD device_id);
struct phone_open *phone_open_find(DWORD hPhone);
void phone_open_close(struct phone_open *open, bool provider_closed);
void phone_dispatch(struct phone_device *dev, DWORD msg, DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3);
LONG phone_device_ensure_version(struct phone_device *dev);
LONG phone_open_new(struct app *app, struct phone_device *dev, DWORD api_version, DWORD_PTR inst,
                    DWORD privilege, struct phone_open **openp);
LONG phone_update_status_messages(struct phone_device *dev);
DWORD phone_count_opens(const struct phone_device *dev, DWORD privilege);
struct phone_open *phone_owner(const struct phone_device *dev);
LONG phone_error(LONG rc);

#endif /* TAPIX_CORE_H */
