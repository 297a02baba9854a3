/*
 * sim.h — private header of the sim provider, tapix's simulated PBX.
 *
 * The sim provider is a TSP like any vendor's: it exports the TSPI_* entry points and drives a
 * small imaginary switch. Each provider instance (one dwPermanentProviderID) owns a struct
 * sim_inst: its configuration, its extensions (one line device each, and a phone device when
 * configured), the calls ringing, connected or held on them, the park slots and a timer thread
 * for everything that happens later (an outside party answering after N ms, a no-answer
 * timeout, DTMF played one digit at a time).
 *
 * Object model:
 *  - struct sim_ext: one extension of the switch, tiny (the benchmark configures 10,000); what
 *    an open line or phone needs is allocated when it opens.
 *  - struct sim_call: one call leg as one extension sees it. A call between two extensions is
 *    two legs that are each other's peer; a call to an outside number is one leg whose far end
 *    is the trunk (peer NULL, `outside` set). Conference calls and consultation calls are legs
 *    too. TAPI's HDRVCALL is the leg's address.
 *  - Legs exist whether or not the extension's line is open: a leg is "reported" once TAPI has
 *    a handle for it (htCall). Unreported legs are freed when they go idle; reported ones when
 *    TAPI closes them (TSPI_lineCloseCall) or their line.
 *
 * Locking: one mutex per instance (inst->lock) guards everything in it. Every TSPI entry point
 * and every timer callback holds it while it works. The core's callbacks only queue, so they
 * are called with the lock held.
 */
#ifndef TAPIX_SIM_H
#define TAPIX_SIM_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "tapix/tapi.h"
#include "tapix/tspi.h"
#include "tapix/varstruct.h"

/* Marks a function the .tsp exports (everything else is hidden by the build). */
#define SIM_EXPORT __attribute__((visibility("default")))

/* Versions this provider speaks: TSPI 2.0 to 2.2. */
#define SIM_TSPI_VERSION_LOW  0x00020000
#define SIM_TSPI_VERSION_HIGH 0x00020002

#define SIM_NUMBER_MAX   24 /* longest dialable number we keep, NUL included */
#define SIM_NAME_MAX     48 /* longest party or extension name, NUL included */
#define SIM_ADDRESS_MAX  8  /* addresses (call appearances) per line */
#define SIM_FORWARD_HOPS 5  /* forwarding chain length before the switch gives up */
#define SIM_NONE         0xFFFFFFFFu

/* The media modes a sim line can carry. */
#define SIM_MEDIA_MODES                                                                            \
    (LINEMEDIAMODE_UNKNOWN | LINEMEDIAMODE_INTERACTIVEVOICE | LINEMEDIAMODE_AUTOMATEDVOICE |       \
     LINEMEDIAMODE_DATAMODEM | LINEMEDIAMODE_G3FAX | LINEMEDIAMODE_DIGITALDATA)

struct sim_inst;
struct sim_call;

/* ---- timer.c: one thread per instance runs delayed work under inst->lock ------------------ */

typedef void (*sim_timer_fn)(struct sim_call *call);

/* A timer embedded in the object it acts on; armed at most once at a time. */
struct sim_timer {
    struct sim_timer *next, *prev; /* in inst->timers, sorted by due */
    uint64_t due;                  /* monotonic milliseconds */
    sim_timer_fn fn;
    struct sim_call *call;
    bool armed;
};

int timer_start(struct sim_inst *inst);
void timer_stop(struct sim_inst *inst);
void timer_arm(struct sim_inst *inst, struct sim_timer *t, struct sim_call *call, uint32_t ms,
               sim_timer_fn fn);
void timer_cancel(struct sim_inst *inst, struct sim_timer *t);
uint64_t timer_now_ms(void);
DWORD timer_tick(void);

/* ---- config.c: TSPIX_providerConfig and the built-in default ------------------------------ */

/* What an outside number does when called. */
enum sim_outside_kind {
    SIM_OUT_ANSWER,   /* answers after ms */
    SIM_OUT_BUSY,     /* busy at once */
    SIM_OUT_NOANSWER, /* rings until noanswer_timeout */
    SIM_OUT_REJECT,   /* rejects at once */
    SIM_OUT_DIGITS,   /* answers after ms, then plays digits */
};

struct sim_outside {
    char number[SIM_NUMBER_MAX]; /* "" for outside.default */
    enum sim_outside_kind kind;
    DWORD ms;
    char digits[SIM_NUMBER_MAX * 2];
};

/* One extension of the switch; small on purpose (see the file comment). */
struct sim_ext {
    char number[SIM_NUMBER_MAX];
    char *name;              /* NULL: "Extension <number>" */
    uint8_t naddr;           /* addresses, 1..SIM_ADDRESS_MAX */
    bool has_phone;          /* a phone device belongs to it */
    DWORD line_index;        /* its line device, 0-based within the instance */
    DWORD phone_index;       /* its phone device, or SIM_NONE */
    struct sim_line *line;   /* while the line is open */
    struct sim_phone *phone; /* phone state, from the first phoneOpen on */
    struct sim_call *calls;  /* legs at this extension */
    struct sim_forward *fwd; /* forwarding in force, or NULL */
};

struct sim_config {
    struct sim_ext *exts; /* in configuration order = line device order */
    DWORD nexts;
    DWORD *by_number; /* ext indices sorted by number, for sim_pbx_find */
    DWORD *phones;    /* phone device index -> ext index */
    DWORD nphones;
    struct sim_outside *outside;
    DWORD noutside;
    struct sim_outside outside_default;
    DWORD noanswer_timeout;       /* ms an unanswered call rings */
    DWORD ring_ms;                /* length of one ring cycle (forwarding on no answer) */
    DWORD dtmf_ms;                /* one DTMF digit's time when none is given */
    DWORD park_first, park_count; /* non-directed park slots */
    uint8_t park_width;           /* digits of a park slot number */
};

void config_default(struct sim_config *cfg);
void config_free(struct sim_config *cfg);
int config_finish(struct sim_config *cfg);

/* ---- provider.c: instances and their device numbering ------------------------------------ */

struct sim_park;      /* park.c */
struct sim_devconfig; /* devconfig.c */

struct sim_inst {
    struct sim_inst *next; /* in the instance list */
    DWORD provider_id;     /* dwPermanentProviderID */
    pthread_mutex_t lock;
    struct sim_config cfg;
    bool configured;             /* TSPIX_providerConfig was applied */
    DWORD line_base, phone_base; /* device IDs of line 0 and phone 0 */
    ASYNC_COMPLETION complete;   /* from TSPI_providerInit */
    DWORD next_call_id;
    struct sim_park *parked;          /* calls waiting in park slots */
    struct sim_devconfig *devconfigs; /* lineSetDevConfig blocks (devconfig.c) */
    /* timer.c */
    pthread_t timer_thread;
    pthread_cond_t timer_cond;
    struct sim_timer *timers;
    bool timer_running, timer_stopping;
};

struct sim_inst *inst_by_provider(DWORD provider_id, bool create);
struct sim_inst *inst_by_line_device(DWORD device_id, struct sim_ext **extp);
struct sim_inst *inst_by_phone_device(DWORD device_id, struct sim_ext **extp);
LONG inst_negotiate(DWORD low, DWORD high, LPDWORD version);

/* ---- pbx.c: the switch: numbers, routing, the trunk -------------------------------------- */

void pbx_normalize(const char *s, char *out, size_t len);
bool pbx_dialable(struct sim_inst *inst, const char *number);
struct sim_ext *pbx_find(struct sim_inst *inst, const char *number);
const struct sim_outside *pbx_outside(struct sim_inst *inst, const char *number);
const char *pbx_ext_name(const struct sim_ext *ext, char *buf, size_t len);
DWORD pbx_free_address(const struct sim_ext *ext);
bool pbx_address_busy(const struct sim_ext *ext, DWORD address_id);
void pbx_route(struct sim_call *from, const char *number, DWORD reason,
               const struct sim_ext *redirecting, int hops);
bool pbx_route_trunk(struct sim_call *trunk, const char *number, DWORD reason,
                     const struct sim_ext *redirecting);
void pbx_connect(struct sim_call *a, struct sim_call *b);
void pbx_bridge(struct sim_call *a, struct sim_call *b);

/* ---- line.c: line devices ----------------------------------------------------------------- */

struct sim_line {
    struct sim_inst *inst;
    struct sim_ext *ext;
    HTAPILINE htLine;
    LINEEVENT event;
    DWORD version;
    DWORD line_states, address_states; /* TSPI_lineSetStatusMessages */
    DWORD media_detect;                /* TSPI_lineSetDefaultMediaDetection */
};

void line_event(struct sim_line *line, HTAPICALL htCall, DWORD msg, DWORD_PTR p1, DWORD_PTR p2,
                DWORD_PTR p3);
void line_address_state(struct sim_ext *ext, DWORD address_id, DWORD state);
void line_ringing(struct sim_ext *ext, DWORD address_id, bool ringing);

/* ---- call.c: legs, their state machine and events ----------------------------------------- */

/* What a leg is for. */
enum sim_role {
    SIM_ROLE_PLAIN,        /* an ordinary call */
    SIM_ROLE_CONF,         /* the conference call itself (hdConfCall) */
    SIM_ROLE_CONSULT_XFER, /* consultation call of lineSetupTransfer */
    SIM_ROLE_CONSULT_CONF, /* consultation call of lineSetupConference / PrepareAddToConference */
};

/* A party of a call, as LINECALLINFO reports it. */
struct sim_party {
    char number[SIM_NUMBER_MAX];
    char name[SIM_NAME_MAX];
};

/* Digits being played to the far end, one per timer tick. */
struct sim_generate {
    char digits[SIM_NUMBER_MAX * 2];
    size_t pos;
    DWORD mode, duration, end_to_end;
    bool active, tone; /* tone: lineGenerateTone (no digits, just a duration) */
};

/* lineGatherDigits in progress. */
struct sim_gather {
    LPSTR buf;
    DWORD size, count;
    char term[20];
    DWORD modes, first_timeout, inter_timeout, end_to_end;
    bool active;
};

struct sim_call {
    struct sim_inst *inst;
    struct sim_ext *ext;
    struct sim_call *next, *prev; /* in ext->calls */
    DWORD address_id;
    HTAPICALL htCall; /* NULL until reported to TAPI */
    bool closed;      /* TSPI_lineCloseCall came: TAPI forgot it */
    enum sim_role role;
    DWORD state, state_mode;
    DWORD media_mode, bearer_mode;
    DWORD origin, reason;
    DWORD call_id, related_id;
    DWORD app_specific;
    DWORD monitor_digits, monitor_media;
    DWORD disconnect_mode; /* why the far end went, for DISCONNECTED */
    /* The far end: another leg, or the trunk. */
    struct sim_call *peer;
    const struct sim_outside *outside;
    char trunk_number[SIM_NUMBER_MAX]; /* the outside party's number */
    /* Related legs on this extension. */
    struct sim_call *conf;    /* the conference this leg is a member of */
    struct sim_call *consult; /* primary -> consultation and back */
    struct sim_call *pending; /* consultation -> call held pending transfer/conference */
    struct sim_party caller, called, connected, redirecting, redirection;
    char dialed[SIM_NUMBER_MAX];
    void *call_data;
    DWORD call_data_size;
    void *uui;
    DWORD uui_size;
    struct sim_timer t_progress; /* answer, no answer, forward on no answer */
    struct sim_timer t_digits;   /* lineGenerateDigits / lineGenerateTone */
    struct sim_timer t_gather;   /* lineGatherDigits timeouts */
    struct sim_timer t_playback; /* the outside party playing its digits */
    struct sim_generate gen;
    struct sim_gather gather;
    size_t playback_pos;      /* next digit the outside party plays */
    struct sim_ext *fwd_from; /* extension whose no-answer forwarding is pending */
    int hops;
};

int call_alloc(struct sim_call **callp, struct sim_inst *inst, struct sim_ext *ext,
               DWORD address_id, HTAPICALL htCall);
void call_set_state(struct sim_call *call, DWORD state, DWORD mode);
void call_report(struct sim_call *call);
void call_info_changed(struct sim_call *call, DWORD what);
void call_far_end_gone(struct sim_call *call, DWORD mode);
void call_hangup(struct sim_call *call);
void call_unlink_peer(struct sim_call *call);
void call_destroy(struct sim_call *call);
struct sim_call *call_of(HDRVCALL hd);
void call_party_ext(struct sim_party *party, const struct sim_ext *ext);
void call_party_number(struct sim_party *party, const char *number);
bool call_is_live(const struct sim_call *call);
LONG call_params(struct sim_call *call, const LINECALLPARAMS *params);
void call_complete(struct sim_inst *inst, DRV_REQUESTID id, LONG result);
DWORD call_features(const struct sim_call *call);

/* ---- connect.c: making, answering and dropping calls -------------------------------------- */

void connect_dialed(struct sim_call *call, const char *number);
void connect_answer(struct sim_call *call);
void connect_drop(struct sim_call *call);
void connect_outside_answered(struct sim_call *call);

/* ---- transfer.c --------------------------------------------------------------------------- */

LONG transfer_new_consult(struct sim_call *primary, HTAPICALL ht, enum sim_role role,
                          const LINECALLPARAMS *params, struct sim_call **consultp);

/* ---- digits.c ----------------------------------------------------------------------------- */

void digits_deliver(struct sim_call *to, char digit, DWORD mode);
void digits_stop(struct sim_call *call, DWORD term);
void digits_start_playback(struct sim_call *call);

/* ---- forward.c ---------------------------------------------------------------------------- */

struct sim_forward {
    char uncond[SIM_NUMBER_MAX];
    char busy[SIM_NUMBER_MAX];
    char noanswer[SIM_NUMBER_MAX];
    DWORD rings; /* rings before forwarding on no answer */
};

void forward_free(struct sim_ext *ext);

/* ---- park.c ------------------------------------------------------------------------------- */

void park_forget(struct sim_call *call);
void park_free_all(struct sim_inst *inst);

/* ---- devconfig.c -------------------------------------------------------------------------- */

void devconfig_free_all(struct sim_inst *inst);

/* ---- phone.c ------------------------------------------------------------------------------ */

#define PHONE_ROWS         2
#define PHONE_COLS         40
#define PHONE_FIRST_APPEAR 16
#define PHONE_MAX_BUTTONS  (PHONE_FIRST_APPEAR + SIM_ADDRESS_MAX)
#define PHONE_TEXT_MAX     16
#define PHONE_HOOKDEVS     (PHONEHOOKSWITCHDEV_HANDSET | PHONEHOOKSWITCHDEV_SPEAKER)

struct sim_phone_button {
    DWORD mode, function, lamp;
    char text[PHONE_TEXT_MAX];
};

struct sim_phone {
    struct sim_inst *inst;
    struct sim_ext *ext;
    HTAPIPHONE htPhone;
    PHONEEVENT event;       /* NULL while closed */
    DWORD phone_states;     /* TSPI_phoneSetStatusMessages */
    DWORD handset, speaker; /* hookswitch modes */
    DWORD ring_mode, ring_volume;
    char display[PHONE_ROWS * PHONE_COLS];
    struct sim_phone_button buttons[PHONE_MAX_BUTTONS];
};

DWORD phone_nbuttons(const struct sim_ext *ext);
void phone_default_button(struct sim_phone_button *b, DWORD id);
void phone_event(struct sim_phone *ph, DWORD msg, DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3);
struct sim_phone *phone_lock(HDRVPHONE hdPhone);
struct sim_call *phone_call_in(struct sim_ext *ext, DWORD states);
void phone_ring_changed(struct sim_ext *ext);
void phone_lamps_changed(struct sim_ext *ext);
void phone_free(struct sim_ext *ext);

#endif /* TAPIX_SIM_H */
