/*
 * pbx.c — the switch itself: the dial plan, routing a call to an extension or the trunk.
 *
 * Dial plan: a dialled string is first reduced to its digits (and * # +). A number configured
 * as `outside.<number>` is an outside number; otherwise a configured extension number rings
 * that extension; otherwise a number no longer than the longest extension number is an
 * unknown extension (LINEDISCONNECTMODE_BADADDRESS); anything longer goes out on the trunk and
 * behaves as `outside.default` says.
 *
 * Routing turns a calling leg (a struct sim_call at some extension, dialling) into one of:
 * a new offering leg at the called extension (after forwarding), a busy or a bad-address
 * result, or a trunk call whose far end follows its configured behaviour over time.
 * All functions expect inst->lock to be held.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

/* Find the extension with this number (binary search), or NULL. */
struct sim_ext *pbx_find(struct sim_inst *inst, const char *number)
{
    const struct sim_config *cfg = &inst->cfg;
    DWORD lo = 0, hi = cfg->nexts;

    while (lo < hi) {
        DWORD mid = lo + (hi - lo) / 2;
        int c = strcmp(number, cfg->exts[cfg->by_number[mid]].number);

        if (c == 0)
            return &cfg->exts[cfg->by_number[mid]];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* The configured behaviour of an explicitly configured outside number, or NULL. */
const struct sim_outside *pbx_outside(struct sim_inst *inst, const char *number)
{
    for (DWORD i = 0; i < inst->cfg.noutside; i++)
        if (!strcmp(inst->cfg.outside[i].number, number))
            return &inst->cfg.outside[i];
    return NULL;
}

/* The extension's display name: its configured name or "Extension <number>", in buf. */
const char *pbx_ext_name(const struct sim_ext *ext, char *buf, size_t len)
{
    if (ext->name)
        return ext->name;
    snprintf(buf, len, "Extension %s", ext->number);
    return buf;
}

/* True when address_id of ext has a call that is neither idle nor on hold. */
bool pbx_address_busy(const struct sim_ext *ext, DWORD address_id)
{
    for (const struct sim_call *c = ext->calls; c; c = c->next)
        if (c->address_id == address_id && c->state != LINECALLSTATE_IDLE &&
            c->role != SIM_ROLE_CONF)
            return true;
    return false;
}

/* The first address of ext without any live call, or SIM_NONE when all are in use. */
DWORD pbx_free_address(const struct sim_ext *ext)
{
    for (DWORD a = 0; a < ext->naddr; a++)
        if (!pbx_address_busy(ext, a))
            return a;
    return SIM_NONE;
}

/* Keep only the dialable characters 0-9 * # + of s in out (len bytes). */
void pbx_normalize(const char *s, char *out, size_t len)
{
    size_t n = 0;

    for (; s && *s && n + 1 < len; s++)
        if ((*s >= '0' && *s <= '9') || *s == '*' || *s == '#' || *s == '+')
            out[n++] = *s;
    out[n] = '\0';
}

/* Length of the longest extension number: shorter unknown numbers are bad addresses. */
static size_t pbx_max_ext_len(const struct sim_inst *inst)
{
    const struct sim_config *cfg = &inst->cfg;

    if (cfg->nexts == 0)
        return 0;
    return strlen(cfg->exts[cfg->by_number[cfg->nexts - 1]].number) >
                   strlen(cfg->exts[cfg->by_number[0]].number)
               ? strlen(cfg->exts[cfg->by_number[cfg->nexts - 1]].number)
               : strlen(cfg->exts[cfg->by_number[0]].number);
}

/*
 * True when number leads somewhere: an extension or an outside number. Unknown extension
 * numbers and strings without digits are not.
 */
bool pbx_dialable(struct sim_inst *inst, const char *number)
{
    char digits[SIM_NUMBER_MAX];

    pbx_normalize(number, digits, sizeof digits);
    if (!digits[0])
        return false;
    return pbx_outside(inst, digits) || pbx_find(inst, digits) ||
           strlen(digits) > pbx_max_ext_len(inst);
}

/* Timer: the outside party answers (or starts playing digits after answering). */
static void pbx_trunk_answer(struct sim_call *from)
{
    connect_outside_answered(from);
}

/* Timer: the outside party never answered. */
static void pbx_trunk_noanswer(struct sim_call *from)
{
    call_far_end_gone(from, LINEDISCONNECTMODE_NOANSWER);
}

/* The calling leg goes out on the trunk to number, whose behaviour is o. */
static void pbx_trunk(struct sim_call *from, const char *number, const struct sim_outside *o)
{
    struct sim_inst *inst = from->inst;

    from->outside = o;
    snprintf(from->trunk_number, sizeof from->trunk_number, "%s", number);
    call_party_number(&from->called, number);
    switch (o->kind) {
    case SIM_OUT_BUSY:
        call_set_state(from, LINECALLSTATE_BUSY, LINEBUSYMODE_STATION);
        break;
    case SIM_OUT_REJECT:
        call_far_end_gone(from, LINEDISCONNECTMODE_REJECT);
        break;
    case SIM_OUT_NOANSWER:
        call_set_state(from, LINECALLSTATE_RINGBACK, 0);
        timer_arm(inst, &from->t_progress, from, inst->cfg.noanswer_timeout, pbx_trunk_noanswer);
        break;
    case SIM_OUT_ANSWER:
    case SIM_OUT_DIGITS:
        if (o->ms == 0) {
            connect_outside_answered(from);
        } else {
            call_set_state(from, LINECALLSTATE_RINGBACK, 0);
            timer_arm(inst, &from->t_progress, from, o->ms, pbx_trunk_answer);
        }
        break;
    }
}

/* Timer: an offered leg rang for its whole time (or until forwarding on no answer). */
static void pbx_ring_timeout(struct sim_call *leg)
{
    struct sim_ext *from_ext = leg->fwd_from;
    struct sim_call *caller = leg->peer;

    if (from_ext && from_ext->fwd && from_ext->fwd->noanswer[0] && caller) {
        call_unlink_peer(leg);
        call_far_end_gone(leg, LINEDISCONNECTMODE_FORWARDED);
        pbx_route(caller, from_ext->fwd->noanswer, LINECALLREASON_FWDNOANSWER, from_ext,
                  caller->hops + 1);
        return;
    }
    if (caller) {
        call_unlink_peer(leg);
        call_far_end_gone(caller, LINEDISCONNECTMODE_NOANSWER);
    }
    call_far_end_gone(leg, LINEDISCONNECTMODE_NOANSWER);
}

/*
 * Create the offering leg at ext for a call from `from` (a leg, or NULL for a call from the
 * trunk described by `trunk`). Returns the new leg or NULL when out of memory.
 */
static struct sim_call *pbx_offer(struct sim_ext *ext, DWORD address_id, struct sim_call *from,
                                  const struct sim_call *trunk, DWORD reason,
                                  const struct sim_ext *redirecting)
{
    const struct sim_call *origin = from ? from : trunk;
    struct sim_call *leg;

    if (call_alloc(&leg, origin->inst, ext, address_id, NULL))
        return NULL;
    leg->origin = from ? LINECALLORIGIN_INTERNAL : LINECALLORIGIN_EXTERNAL;
    leg->reason = reason;
    leg->media_mode = origin->media_mode;
    leg->hops = origin->hops;
    call_party_ext(&leg->called, ext);
    if (from) {
        call_party_ext(&leg->caller, from->ext);
        pbx_connect(from, leg);
    } else {
        leg->outside = trunk->outside;
        snprintf(leg->trunk_number, sizeof leg->trunk_number, "%s", trunk->trunk_number);
        call_party_number(&leg->caller, trunk->trunk_number);
    }
    if (origin->uui_size && (leg->uui = malloc(origin->uui_size))) {
        memcpy(leg->uui, origin->uui, origin->uui_size);
        leg->uui_size = origin->uui_size;
    }
    if (redirecting)
        call_party_ext(&leg->redirecting, redirecting);
    leg->state = LINECALLSTATE_OFFERING;
    leg->state_mode = LINEOFFERINGMODE_ACTIVE;
    call_report(leg);
    line_ringing(ext, address_id, true);
    phone_ring_changed(ext);
    phone_lamps_changed(ext);
    return leg;
}

/* Arm the offered leg's ring timer: forwarding on no answer, or the no-answer timeout. */
static void pbx_arm_ring_timer(struct sim_call *leg)
{
    struct sim_inst *inst = leg->inst;
    const struct sim_forward *fwd = leg->ext->fwd;

    if (fwd && fwd->noanswer[0] && leg->hops < SIM_FORWARD_HOPS) {
        DWORD rings = fwd->rings ? fwd->rings : 1;

        leg->fwd_from = leg->ext;
        timer_arm(inst, &leg->t_progress, leg, rings * inst->cfg.ring_ms, pbx_ring_timeout);
    } else {
        timer_arm(inst, &leg->t_progress, leg, inst->cfg.noanswer_timeout, pbx_ring_timeout);
    }
}

/* Route the calling leg to extension ext, following its forwarding. */
static void pbx_route_ext(struct sim_call *from, struct sim_ext *ext, DWORD reason,
                          const struct sim_ext *redirecting, int hops)
{
    const struct sim_forward *fwd = ext->fwd;
    DWORD address_id;
    struct sim_call *leg;

    from->hops = hops;
    call_party_ext(&from->called, ext);
    if (fwd && fwd->uncond[0] && hops < SIM_FORWARD_HOPS) {
        call_party_ext(&from->redirection, ext);
        pbx_route(from, fwd->uncond, LINECALLREASON_FWDUNCOND, ext, hops + 1);
        return;
    }
    address_id = ext == from->ext ? SIM_NONE : pbx_free_address(ext);
    if (address_id == SIM_NONE) {
        if (fwd && fwd->busy[0] && hops < SIM_FORWARD_HOPS && ext != from->ext) {
            pbx_route(from, fwd->busy, LINECALLREASON_FWDBUSY, ext, hops + 1);
            return;
        }
        call_set_state(from, LINECALLSTATE_BUSY, LINEBUSYMODE_STATION);
        return;
    }
    leg = pbx_offer(ext, address_id, from, NULL, reason, redirecting);
    if (!leg) {
        call_far_end_gone(from, LINEDISCONNECTMODE_CONGESTION);
        return;
    }
    call_set_state(from, LINECALLSTATE_RINGBACK, 0);
    pbx_arm_ring_timer(leg);
}

/*
 * Route the calling leg `from` to number: ring an extension, go out on the trunk, or fail
 * (BADADDRESS). reason and redirecting describe a forwarded or redirected call (reason
 * LINECALLREASON_DIRECT and NULL otherwise); hops counts forwarding steps so far.
 */
void pbx_route(struct sim_call *from, const char *number, DWORD reason,
               const struct sim_ext *redirecting, int hops)
{
    struct sim_inst *inst = from->inst;
    char digits[SIM_NUMBER_MAX];
    const struct sim_outside *o;
    struct sim_ext *ext;

    pbx_normalize(number, digits, sizeof digits);
    if (!digits[0]) {
        call_far_end_gone(from, LINEDISCONNECTMODE_BADADDRESS);
        return;
    }
    o = pbx_outside(inst, digits);
    if (!o && (ext = pbx_find(inst, digits))) {
        pbx_route_ext(from, ext, reason, redirecting, hops);
        return;
    }
    if (!o && strlen(digits) <= pbx_max_ext_len(inst)) {
        call_party_number(&from->called, digits);
        call_far_end_gone(from, LINEDISCONNECTMODE_BADADDRESS);
        return;
    }
    pbx_trunk(from, digits, o ? o : &inst->cfg.outside_default);
}

/*
 * Offer a call from the trunk (the far end of `trunk`, a leg whose peer is the outside party)
 * to number, as a blind transfer or redirect of an outside party does. The outside party
 * simply goes away when number is not an extension or is busy. Returns true when it rings.
 */
bool pbx_route_trunk(struct sim_call *trunk, const char *number, DWORD reason,
                     const struct sim_ext *redirecting)
{
    char digits[SIM_NUMBER_MAX];
    struct sim_ext *ext;
    DWORD address_id;
    struct sim_call *leg;

    pbx_normalize(number, digits, sizeof digits);
    ext = pbx_find(trunk->inst, digits);
    if (!ext || (address_id = pbx_free_address(ext)) == SIM_NONE)
        return false;
    leg = pbx_offer(ext, address_id, NULL, trunk, reason, redirecting);
    if (!leg)
        return false;
    pbx_arm_ring_timer(leg);
    return true;
}

/* Make a and b each other's far end (neither may have one yet). */
void pbx_connect(struct sim_call *a, struct sim_call *b)
{
    a->peer = b;
    b->peer = a;
    a->outside = b->outside = NULL;
}

/*
 * Join the far ends of a and b (two legs at the same extension, as transfer does) so that they
 * talk to each other, and leave a and b without far ends. A far end on the trunk is carried
 * along; two trunk far ends are simply released.
 */
void pbx_bridge(struct sim_call *a, struct sim_call *b)
{
    struct sim_call *fa = a->peer, *fb = b->peer;

    call_unlink_peer(a);
    call_unlink_peer(b);
    if (fa && fb) {
        pbx_connect(fa, fb);
        call_party_ext(&fa->connected, fb->ext);
        call_party_ext(&fb->connected, fa->ext);
        call_info_changed(fa, LINECALLINFOSTATE_CONNECTEDID);
        call_info_changed(fb, LINECALLINFOSTATE_CONNECTEDID);
        if (fa->state == LINECALLSTATE_OFFERING || fa->state == LINECALLSTATE_ACCEPTED)
            call_set_state(fb, LINECALLSTATE_RINGBACK, 0);
        if (fb->state == LINECALLSTATE_OFFERING || fb->state == LINECALLSTATE_ACCEPTED)
            call_set_state(fa, LINECALLSTATE_RINGBACK, 0);
        return;
    }
    if (fa || fb) {
        struct sim_call *leg = fa ? fa : fb, *trunk = fa ? b : a;

        leg->outside = trunk->outside;
        snprintf(leg->trunk_number, sizeof leg->trunk_number, "%s", trunk->trunk_number);
        call_party_number(&leg->connected, trunk->trunk_number);
        call_info_changed(leg, LINECALLINFOSTATE_CONNECTEDID);
    }
}
