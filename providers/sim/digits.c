/*
 * digits.c — DTMF and tones: generating, monitoring and gathering digits.
 *
 * A digit generated on one leg arrives at its far end: if that is another extension's leg, its
 * digit monitor (LINE_MONITORDIGITS) and digit gathering (LINE_GATHERDIGITS) see it; if it is
 * the trunk, it is simply heard. An outside number configured "digits <ms> <digits>" plays its
 * digits to the caller after answering. Each digit takes the generator's duration (default
 * dtmf_ms) and is delivered by the timer thread at its end; the LINE_GENERATE that ends a
 * generation follows the last digit. A new generation cancels the one in progress, as does
 * the call leaving the connected state.
 * All functions but the TSPI entry points expect inst->lock to be held.
 */
#include <string.h>

#include "sim.h"

#define DIGITS_VALID "0123456789ABCDabcd*#"

/* Send a LINE_… digit event about call when TAPI knows it. */
static void digits_event(struct sim_call *call, DWORD msg, DWORD_PTR p1, DWORD_PTR p2)
{
    if (call->htCall && call->ext->line)
        line_event(call->ext->line, call->htCall, msg, p1, p2, timer_tick());
}

/* End a gathering with termination reason term (LINE_GATHERDIGITS). */
static void digits_gather_end(struct sim_call *call, DWORD term)
{
    struct sim_gather *g = &call->gather;

    if (!g->active)
        return;
    g->active = false;
    timer_cancel(call->inst, &call->t_gather);
    if (g->count < g->size)
        g->buf[g->count] = '\0';
    digits_event(call, LINE_GATHERDIGITS, term, g->end_to_end);
}

/* Timer: no (further) digit came in time. */
static void digits_gather_timeout(struct sim_call *call)
{
    digits_gather_end(call, call->gather.count ? LINEGATHERTERM_INTERTIMEOUT
                                               : LINEGATHERTERM_FIRSTTIMEOUT);
}

/* Feed one received digit to a gathering in progress. */
static void digits_gather_digit(struct sim_call *call, char digit)
{
    struct sim_gather *g = &call->gather;

    if (!g->active || !(g->modes & LINEDIGITMODE_DTMF))
        return;
    g->buf[g->count++] = digit;
    if (strchr(g->term, digit))
        digits_gather_end(call, LINEGATHERTERM_TERMDIGIT);
    else if (g->count == g->size)
        digits_gather_end(call, LINEGATHERTERM_BUFFERFULL);
    else if (g->inter_timeout)
        timer_arm(call->inst, &call->t_gather, call, g->inter_timeout, digits_gather_timeout);
    else
        timer_cancel(call->inst, &call->t_gather);
}

/* The leg `to` receives a DTMF digit from its far end. */
void digits_deliver(struct sim_call *to, char digit, DWORD mode)
{
    if (to->monitor_digits & LINEDIGITMODE_DTMF)
        digits_event(to, LINE_MONITORDIGITS, (BYTE)digit, LINEDIGITMODE_DTMF);
    if (to->monitor_digits & LINEDIGITMODE_DTMFEND)
        digits_event(to, LINE_MONITORDIGITS, (BYTE)digit, LINEDIGITMODE_DTMFEND);
    digits_gather_digit(to, digit);
}

/* End the generation in progress on call with term (LINE_GENERATE). */
static void digits_generate_end(struct sim_call *call, DWORD term)
{
    struct sim_generate *gen = &call->gen;

    if (!gen->active)
        return;
    gen->active = false;
    timer_cancel(call->inst, &call->t_digits);
    digits_event(call, LINE_GENERATE, term, gen->end_to_end);
}

/* Timer: one digit (or the tone) has been played. */
static void digits_generate_tick(struct sim_call *call)
{
    struct sim_generate *gen = &call->gen;

    if (!gen->tone && gen->digits[gen->pos]) {
        if (call->peer)
            digits_deliver(call->peer, gen->digits[gen->pos], gen->mode);
        gen->pos++;
    }
    if (gen->tone || !gen->digits[gen->pos])
        digits_generate_end(call, LINEGENERATETERM_DONE);
    else
        timer_arm(call->inst, &call->t_digits, call, gen->duration, digits_generate_tick);
}

/* Timer: the outside party plays its next digit to the caller. */
static void digits_playback_tick(struct sim_call *call)
{
    const char *digits = call->outside ? call->outside->digits : "";

    if (!digits[call->playback_pos])
        return;
    digits_deliver(call, digits[call->playback_pos++], LINEDIGITMODE_DTMF);
    if (digits[call->playback_pos])
        timer_arm(call->inst, &call->t_playback, call, call->inst->cfg.dtmf_ms,
                  digits_playback_tick);
}

/* The outside party of a trunk call starts playing its configured digits. */
void digits_start_playback(struct sim_call *call)
{
    call->playback_pos = 0;
    timer_arm(call->inst, &call->t_playback, call, call->inst->cfg.dtmf_ms, digits_playback_tick);
}

/* Stop every digit operation of call: generation ends with term, gathering with CANCEL. */
void digits_stop(struct sim_call *call, DWORD term)
{
    digits_generate_end(call, term);
    digits_gather_end(call, LINEGATHERTERM_CANCEL);
    timer_cancel(call->inst, &call->t_playback);
}

/* Lock a leg's instance and check it may use `feature`; returns the leg or NULL with *rc. */
static struct sim_call *digits_lock(HDRVCALL hdCall, DWORD feature, LONG *rc)
{
    struct sim_call *call = call_of(hdCall);

    *rc = LINEERR_INVALCALLHANDLE;
    if (!call)
        return NULL;
    pthread_mutex_lock(&call->inst->lock);
    if (feature && !(call_features(call) & feature)) {
        pthread_mutex_unlock(&call->inst->lock);
        *rc = LINEERR_INVALCALLSTATE;
        return NULL;
    }
    *rc = 0;
    return call;
}

/* Play DTMF digits to the far end; NULL digits cancel. Ends with LINE_GENERATE. */
SIM_EXPORT LONG TSPIAPI TSPI_lineGenerateDigits(HDRVCALL hdCall, DWORD dwEndToEndID,
                                                DWORD dwDigitMode, LPCSTR lpszDigits,
                                                DWORD dwDuration)
{
    LONG rc;
    struct sim_call *call =
        digits_lock(hdCall, lpszDigits ? LINECALLFEATURE_GENERATEDIGITS : 0, &rc);
    struct sim_generate *gen;

    if (!call)
        return rc;
    if (lpszDigits && (dwDigitMode != LINEDIGITMODE_DTMF || !*lpszDigits ||
                       strspn(lpszDigits, DIGITS_VALID) != strlen(lpszDigits) ||
                       strlen(lpszDigits) >= sizeof call->gen.digits)) {
        pthread_mutex_unlock(&call->inst->lock);
        return dwDigitMode != LINEDIGITMODE_DTMF ? LINEERR_INVALDIGITMODE : LINEERR_INVALDIGITS;
    }
    digits_generate_end(call, LINEGENERATETERM_CANCEL);
    if (lpszDigits) {
        gen = &call->gen;
        memset(gen, 0, sizeof *gen);
        strcpy(gen->digits, lpszDigits);
        gen->mode = dwDigitMode;
        gen->duration = dwDuration ? dwDuration : call->inst->cfg.dtmf_ms;
        gen->end_to_end = dwEndToEndID;
        gen->active = true;
        timer_arm(call->inst, &call->t_digits, call, gen->duration, digits_generate_tick);
    }
    pthread_mutex_unlock(&call->inst->lock);
    return 0;
}

/* Play a tone for dwDuration ms; tone mode 0 cancels. Ends with LINE_GENERATE. */
SIM_EXPORT LONG TSPIAPI TSPI_lineGenerateTone(HDRVCALL hdCall, DWORD dwEndToEndID, DWORD dwToneMode,
                                              DWORD dwDuration, DWORD dwNumTones,
                                              LPLINEGENERATETONE const lpTones)
{
    LONG rc;
    struct sim_call *call = digits_lock(hdCall, dwToneMode ? LINECALLFEATURE_GENERATETONE : 0, &rc);
    struct sim_generate *gen;

    if (!call)
        return rc;
    if (dwToneMode && dwToneMode != LINETONEMODE_BEEP && dwToneMode != LINETONEMODE_BILLING &&
        (dwToneMode != LINETONEMODE_CUSTOM || !lpTones || !dwNumTones || dwNumTones > 3)) {
        pthread_mutex_unlock(&call->inst->lock);
        return dwToneMode == LINETONEMODE_CUSTOM ? LINEERR_INVALTONE : LINEERR_INVALTONEMODE;
    }
    digits_generate_end(call, LINEGENERATETERM_CANCEL);
    if (dwToneMode) {
        gen = &call->gen;
        memset(gen, 0, sizeof *gen);
        gen->tone = true;
        gen->duration = dwDuration ? dwDuration : 200;
        gen->end_to_end = dwEndToEndID;
        gen->active = true;
        timer_arm(call->inst, &call->t_digits, call, gen->duration, digits_generate_tick);
    }
    pthread_mutex_unlock(&call->inst->lock);
    return 0;
}

/* Report received digits as LINE_MONITORDIGITS (modes DTMF and/or DTMFEND; 0 stops). */
SIM_EXPORT LONG TSPIAPI TSPI_lineMonitorDigits(HDRVCALL hdCall, DWORD dwDigitModes)
{
    LONG rc;
    struct sim_call *call = digits_lock(hdCall, 0, &rc);

    if (!call)
        return rc;
    if (dwDigitModes & ~(LINEDIGITMODE_DTMF | LINEDIGITMODE_DTMFEND)) {
        pthread_mutex_unlock(&call->inst->lock);
        return LINEERR_INVALDIGITMODE;
    }
    if (!call_is_live(call)) {
        pthread_mutex_unlock(&call->inst->lock);
        return LINEERR_INVALCALLSTATE;
    }
    call->monitor_digits = dwDigitModes;
    call_info_changed(call, LINECALLINFOSTATE_MONITORMODES);
    pthread_mutex_unlock(&call->inst->lock);
    return 0;
}

/* Collect digits into lpsDigits until full, a termination digit or a timeout; NULL cancels. */
SIM_EXPORT LONG TSPIAPI TSPI_lineGatherDigits(HDRVCALL hdCall, DWORD dwEndToEndID,
                                              DWORD dwDigitModes, LPSTR lpsDigits,
                                              DWORD dwNumDigits, LPCSTR lpszTerminationDigits,
                                              DWORD dwFirstDigitTimeout, DWORD dwInterDigitTimeout)
{
    LONG rc;
    struct sim_call *call = digits_lock(hdCall, lpsDigits ? LINECALLFEATURE_GATHERDIGITS : 0, &rc);
    struct sim_gather *g;

    if (!call)
        return rc;
    if (lpsDigits &&
        (dwDigitModes & ~(DWORD)LINEDIGITMODE_DTMF || !dwDigitModes || !dwNumDigits ||
         (lpszTerminationDigits && strlen(lpszTerminationDigits) >= sizeof call->gather.term))) {
        pthread_mutex_unlock(&call->inst->lock);
        return !dwNumDigits ? LINEERR_INVALPARAM
                            : (dwDigitModes & ~(DWORD)LINEDIGITMODE_DTMF || !dwDigitModes
                                   ? LINEERR_INVALDIGITMODE
                                   : LINEERR_INVALDIGITS);
    }
    digits_gather_end(call, LINEGATHERTERM_CANCEL);
    if (lpsDigits) {
        g = &call->gather;
        memset(g, 0, sizeof *g);
        g->buf = lpsDigits;
        g->size = dwNumDigits;
        if (lpszTerminationDigits)
            strcpy(g->term, lpszTerminationDigits);
        g->modes = dwDigitModes;
        g->first_timeout = dwFirstDigitTimeout;
        g->inter_timeout = dwInterDigitTimeout;
        g->end_to_end = dwEndToEndID;
        g->active = true;
        if (dwFirstDigitTimeout)
            timer_arm(call->inst, &call->t_gather, call, dwFirstDigitTimeout,
                      digits_gather_timeout);
    }
    pthread_mutex_unlock(&call->inst->lock);
    return 0;
}
