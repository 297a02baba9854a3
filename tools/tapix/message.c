/*
 * message.c — what a LINE_ or PHONE_ message says, as a record.
 *
 * Microsoft documents the three parameters of every message (win32-tapi/line-*.md,
 * phone-*.md); this file names them and decodes the constants in them: LINE_CALLSTATE's
 * state and, by state, its mode (disconnect mode for DISCONNECTED, busy mode for BUSY, ...),
 * LINE_REPLY's result as a LINEERR_ name, and so on. The raw parameters are always kept as
 * param1..param3 so that scripts reading --json lose nothing.
 */
#include "cli.h"

/* The family that names the dwParam2 of a LINE_CALLSTATE in state, or NAMES_COUNT. */
static enum names_family message_state_detail(DWORD state)
{
    switch (state) {
    case LINECALLSTATE_DIALTONE:
        return NAMES_DIALTONEMODE;
    case LINECALLSTATE_BUSY:
        return NAMES_BUSYMODE;
    case LINECALLSTATE_SPECIALINFO:
        return NAMES_SPECIALINFO;
    case LINECALLSTATE_DISCONNECTED:
        return NAMES_DISCONNECTMODE;
    case LINECALLSTATE_CONNECTED:
        return NAMES_CONNECTEDMODE;
    case LINECALLSTATE_OFFERING:
        return NAMES_OFFERINGMODE;
    default:
        return NAMES_COUNT;
    }
}

/* Adds the raw parameters, which JSON readers get whatever the message. */
static void message_raw(struct record *r, DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3)
{
    record_raw(r, "param1", (DWORD)p1);
    record_raw(r, "param2", (DWORD)p2);
    record_raw(r, "param3", (DWORD)p3);
}

/* A request's result: OK or the error's LINEERR_/PHONEERR_ name. */
static void message_result(struct record *r, DWORD_PTR result)
{
    LONG rc = (LONG)(DWORD)result;

    if (rc == 0)
        record_str(r, "result", "OK");
    else
        record_str(r, "result", names_error(rc));
}

void message_line(const LINEMESSAGE *m, struct record *r)
{
    const char *name = names_of(NAMES_MESSAGE, m->dwMessageID);
    DWORD p1 = (DWORD)m->dwParam1, p2 = (DWORD)m->dwParam2, p3 = (DWORD)m->dwParam3;
    enum names_family detail;

    record_init(r, name ? name : "LINE_UNKNOWN");
    if (!name)
        record_uint(r, "msgid", m->dwMessageID);
    switch (m->dwMessageID) {
    case LINE_CALLSTATE:
        record_hex(r, "hCall", m->hDevice);
        record_enum(r, "state", NAMES_CALLSTATE, p1, true);
        detail = message_state_detail(p1);
        if (detail != NAMES_COUNT && p2)
            record_flags(r, "mode", detail, p2);
        if (p1 == LINECALLSTATE_CONFERENCED && p2)
            record_hex(r, "hConfCall", p2);
        if (p3)
            record_enum(r, "privilege", NAMES_CALLPRIVILEGE, p3, false);
        break;
    case LINE_REPLY:
        record_uint(r, "request", p1);
        message_result(r, p2);
        break;
    case LINE_APPNEWCALL:
        record_hex(r, "hLine", m->hDevice);
        record_uint(r, "address", p1);
        record_hex(r, "hCall", p2);
        record_enum(r, "privilege", NAMES_CALLPRIVILEGE, p3, false);
        break;
    case LINE_CALLINFO:
        record_hex(r, "hCall", m->hDevice);
        record_flags(r, "info", NAMES_CALLINFOSTATE, p1);
        break;
    case LINE_LINEDEVSTATE:
        record_hex(r, "hLine", m->hDevice);
        record_flags(r, "state", NAMES_DEVSTATE, p1);
        if (p1 == LINEDEVSTATE_RINGING) {
            record_uint(r, "ringmode", p2);
            record_uint(r, "rings", p3);
        }
        break;
    case LINE_ADDRESSSTATE:
        record_hex(r, "hLine", m->hDevice);
        record_uint(r, "address", p1);
        record_flags(r, "state", NAMES_ADDRESSSTATE, p2);
        break;
    case LINE_GENERATE:
        record_hex(r, "hCall", m->hDevice);
        record_enum(r, "term", NAMES_GENERATETERM, p1, true);
        break;
    case LINE_GATHERDIGITS:
        record_hex(r, "hCall", m->hDevice);
        record_flags(r, "term", NAMES_GATHERTERM, p1);
        break;
    case LINE_MONITORDIGITS:
        r->text[0] = (char)(p1 & 0xFF);
        r->text[1] = '\0';
        record_hex(r, "hCall", m->hDevice);
        record_str(r, "digit", r->text);
        record_flags(r, "mode", NAMES_DIGITMODE, p2);
        break;
    case LINE_MONITORMEDIA:
        record_hex(r, "hCall", m->hDevice);
        record_flags(r, "media", NAMES_MEDIAMODE, p1);
        break;
    case LINE_MONITORTONE:
        record_hex(r, "hCall", m->hDevice);
        record_uint(r, "tone", p1);
        break;
    case LINE_CLOSE:
        record_hex(r, "hLine", m->hDevice);
        break;
    case LINE_CREATE:
    case LINE_REMOVE:
        record_uint(r, "device", p1);
        break;
    case LINE_CALLHUBCLOSE:
    case LINE_APPNEWCALLHUB:
        record_hex(r, "hCallHub", m->hDevice);
        break;
    default:
        record_hex(r, "hDevice", m->hDevice);
        break;
    }
    message_raw(r, m->dwParam1, m->dwParam2, m->dwParam3);
}

void message_phone(const PHONEMESSAGE *m, struct record *r)
{
    const char *name = names_of(NAMES_MESSAGE, m->dwMessageID);
    DWORD p1 = (DWORD)m->dwParam1, p2 = (DWORD)m->dwParam2, p3 = (DWORD)m->dwParam3;

    record_init(r, name ? name : "PHONE_UNKNOWN");
    if (!name)
        record_uint(r, "msgid", m->dwMessageID);
    switch (m->dwMessageID) {
    case PHONE_STATE:
        record_hex(r, "hPhone", m->hDevice);
        record_flags(r, "state", NAMES_PHONESTATE, p1);
        if (p1 & (PHONESTATE_HANDSETHOOKSWITCH | PHONESTATE_SPEAKERHOOKSWITCH |
                  PHONESTATE_HEADSETHOOKSWITCH))
            record_enum(r, "hookswitch", NAMES_HOOKSWITCHMODE, p2, false);
        break;
    case PHONE_BUTTON:
        record_hex(r, "hPhone", m->hDevice);
        record_uint(r, "button", p1);
        record_flags(r, "mode", NAMES_BUTTONMODE, p2);
        record_flags(r, "buttonstate", NAMES_BUTTONSTATE, p3);
        break;
    case PHONE_REPLY:
        record_uint(r, "request", p1);
        message_result(r, p2);
        break;
    case PHONE_CREATE:
    case PHONE_REMOVE:
        record_uint(r, "device", p1);
        break;
    default:
        record_hex(r, "hPhone", m->hDevice);
        break;
    }
    message_raw(r, m->dwParam1, m->dwParam2, m->dwParam3);
}
