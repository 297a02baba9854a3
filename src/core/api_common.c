/*
 * api_common.c — argument checks that many TAPI functions share, so that each rule is written
 * once and every function answers a bad argument the same way.
 */
#include "api.h"

#include <stddef.h>

LONG api_check_varstruct(void *structure, DWORD fixed_size)
{
    if (!structure)
        return LINEERR_INVALPOINTER;
    DWORD *sizes = structure;
    if (sizes[0] < fixed_size) {
        if (sizes[0] >= 2 * sizeof(DWORD))
            sizes[1] = fixed_size;
        return LINEERR_STRUCTURETOOSMALL;
    }
    return 0;
}

bool api_pair_inside(DWORD total, DWORD fixed, DWORD size, DWORD offset)
{
    if (size == 0)
        return true;
    return offset >= fixed && offset <= total && size <= total - offset;
}

LONG api_check_call_params(const LINECALLPARAMS *p, const struct line_device *dev)
{
    if (!p)
        return 0;
    if (p->dwTotalSize < sizeof(LINECALLPARAMS))
        return LINEERR_STRUCTURETOOSMALL;
    const DWORD pairs[][2] = {
        {p->dwOrigAddressSize, p->dwOrigAddressOffset},
        {p->dwUserUserInfoSize, p->dwUserUserInfoOffset},
        {p->dwHighLevelCompSize, p->dwHighLevelCompOffset},
        {p->dwLowLevelCompSize, p->dwLowLevelCompOffset},
        {p->dwDevSpecificSize, p->dwDevSpecificOffset},
        {p->dwDisplayableAddressSize, p->dwDisplayableAddressOffset},
        {p->dwCalledPartySize, p->dwCalledPartyOffset},
        {p->dwCommentSize, p->dwCommentOffset},
        {p->dwCallingPartyIDSize, p->dwCallingPartyIDOffset},
        {p->dwCallDataSize, p->dwCallDataOffset},
    };
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
        if (!api_pair_inside(p->dwTotalSize, sizeof(LINECALLPARAMS), pairs[i][0], pairs[i][1]))
            return LINEERR_INVALCALLPARAMS;
    if (p->dwAddressMode == LINEADDRESSMODE_ADDRESSID && dev &&
        p->dwAddressID >= dev->num_addresses)
        return LINEERR_INVALADDRESSID;
    if (p->dwMediaMode & ~(DWORD)(2u * LAST_LINEMEDIAMODE - 1u))
        return LINEERR_INVALMEDIAMODE;
    return 0;
}

bool api_version_ok(DWORD version)
{
    return version >= CORE_API_VERSION_LOW && version <= CORE_API_VERSION_HIGH;
}

DWORD api_version_negotiate(DWORD low, DWORD high)
{
    if (low > high || high < CORE_API_VERSION_LOW || low > CORE_API_VERSION_HIGH)
        return 0;
    return high < CORE_API_VERSION_HIGH ? high : CORE_API_VERSION_HIGH;
}

struct line_open *api_line(HLINE hLine)
{
    return line_open_find(hLine);
}

LONG api_line_address(HLINE hLine, const DWORD *address, struct line_open **openp)
{
    struct line_open *open = line_open_find(hLine);
    if (!open)
        return LINEERR_INVALLINEHANDLE;
    if (address && *address >= open->dev->num_addresses)
        return LINEERR_INVALADDRESSID;
    *openp = open;
    return 0;
}

struct request *api_new_call_request(struct line_open *open, LPHCALL lphCall)
{
    struct request *req = request_new(open->app, open->callback_instance, REQ_NEWCALL);
    if (!req)
        return NULL;
    req->open = open;
    req->lphCall1 = lphCall;
    req->call1 = call_alloc(open->dev);
    if (!req->call1) {
        request_cancel(req);
        return NULL;
    }
    return req;
}

LONG api_call(HCALL hCall, bool need_owner, DWORD states, struct call_handle **chp)
{
    struct call_handle *ch = call_handle_find(hCall);
    if (!ch)
        return LINEERR_INVALCALLHANDLE;
    if (need_owner && !(ch->privilege & LINECALLPRIVILEGE_OWNER))
        return LINEERR_NOTOWNER;
    if (states && !(ch->call->state & states))
        return LINEERR_INVALCALLSTATE;
    *chp = ch;
    return 0;
}

LONG api_call_varstruct(HCALL hCall, void *structure, DWORD fixed_size, struct call_handle **chp)
{
    LONG rc = api_call(hCall, false, 0, chp);
    return rc != 0 ? rc : api_check_varstruct(structure, fixed_size);
}

struct request *api_request(struct call_handle *ch, enum request_kind kind)
{
    return request_new(ch->open->app, ch->open->callback_instance, kind);
}
