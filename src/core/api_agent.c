/*
 * api_agent.c — the call-centre functions of TAPI 2.0 and 2.2: agents, agent sessions, ACD
 * groups and queues, and the proxy's own functions (lineProxyResponse, lineProxyMessage,
 * lineGetProxyStatus).
 *
 * tapix implements the agent functions the way TAPISRV does: it checks what it can judge
 * alone (handles, address IDs, pointers, structure sizes, state bits) and forwards the
 * request to the application registered as the line's proxy for that request type
 * (proxy.c). With no such application the function fails with LINEERR_OPERATIONUNAVAIL.
 * Otherwise it returns a request ID; the LINE_REPLY follows the proxy's lineProxyResponse,
 * with the answer already copied into the caller's structure.
 */
#include "api.h"

#include <stddef.h>
#include <string.h>

#include "proxy.h"

#define PROXY_FIELD(member) ((DWORD)offsetof(LINEPROXYREQUEST, member))
#define AGENT_STATES        (2u * LINEAGENTSTATE_UNAVAIL - 1u)
#define AGENT_STATES_EX     (2u * LINEAGENTSTATEEX_RELEASED - 1u)
#define SESSION_STATES      (2u * LINEAGENTSESSIONSTATE_RELEASED - 1u)

/* True when `v` is zero or a single bit of `mask`. */
static bool agent_state_ok(DWORD v, DWORD mask)
{
    return !(v & (v - 1)) && !(v & ~mask);
}

/*
 * The forwarding arguments of a `type` request from the open line hLine, naming the
 * application that opened it as the requester: LINEERR_INVALLINEHANDLE, or
 * LINEERR_INVALADDRESSID when `address` is not NULL and names no address of the line.
 */
static LONG agent_request(HLINE hLine, const DWORD *address, DWORD type, struct proxy_args *a)
{
    struct line_open *open;
    LONG rc = api_line_address(hLine, address, &open);
    if (rc != 0)
        return rc;
    *a = (struct proxy_args){.dev = open->dev,
                             .app = open->app,
                             .inst = open->callback_instance,
                             .api_version = open->api_version,
                             .type = type};
    return 0;
}

/* Starts forwarding a request that sets something from hLine: no answer but the result. */
static LONG agent_set(HLINE hLine, const DWORD *address, DWORD type, struct proxy_pending **pp)
{
    struct proxy_args a;
    LONG rc = agent_request(hLine, address, type, &a);
    return rc != 0 ? rc : proxy_begin(&a, pp);
}

/* Starts forwarding a request answered by a variable-size structure embedded at `region`. */
static LONG agent_get(struct proxy_args *a, DWORD region, void *out, DWORD fixed,
                      struct proxy_pending **pp)
{
    LONG rc = api_check_varstruct(out, fixed);
    if (rc != 0)
        return rc;
    a->region = region;
    a->region_size = *(const DWORD *)out;
    a->out = out;
    a->out_kind = PROXY_OUT_VARSTRUCT;
    return proxy_begin(a, pp);
}

/* agent_get for a request from the open line hLine (see agent_request). */
static LONG agent_get_on(HLINE hLine, const DWORD *address, DWORD type, DWORD region, void *out,
                         DWORD fixed, struct proxy_pending **pp)
{
    struct proxy_args a;
    LONG rc = agent_request(hLine, address, type, &a);
    return rc != 0 ? rc : agent_get(&a, region, out, fixed, pp);
}

LONG WINAPI CORE_API(lineGetAgentCaps)(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAddressID,
                                       DWORD dwAppAPIVersion, LPLINEAGENTCAPS lpAgentCaps)
{
    core_enter();
    struct app *app = app_find(hLineApp, APP_LINE);
    if (!app)
        API_RETURN(LINEERR_INVALAPPHANDLE);
    struct line_device *dev;
    LONG rc = api_line_device(dwDeviceID, &dev);
    if (rc != 0)
        API_RETURN(rc);
    if (dwAppAPIVersion < 0x00020000 || dwAppAPIVersion > CORE_API_VERSION_HIGH)
        API_RETURN(LINEERR_INCOMPATIBLEAPIVERSION);
    rc = line_device_ensure_version(dev);
    if (rc == 0 && dwAddressID >= dev->num_addresses)
        rc = LINEERR_INVALADDRESSID;
    struct proxy_args a = {.dev = dev,
                           .app = app,
                           .api_version = dwAppAPIVersion,
                           .type = LINEPROXYREQUEST_GETAGENTCAPS};
    struct proxy_pending *p;
    if (rc == 0)
        rc = agent_get(&a, PROXY_FIELD(GetAgentCaps.AgentCaps), lpAgentCaps,
                       sizeof(LINEAGENTCAPS) - sizeof(GUID), &p);
    if (rc != 0)
        API_RETURN(rc);
    p->buf->GetAgentCaps.dwAddressID = dwAddressID;
    API_RETURN(proxy_send(p));
}

LONG WINAPI CORE_API(lineGetAgentStatus)(HLINE hLine, DWORD dwAddressID,
                                         LPLINEAGENTSTATUS lpAgentStatus)
{
    core_enter();
    struct proxy_pending *p;
    LONG rc = agent_get_on(hLine, &dwAddressID, LINEPROXYREQUEST_GETAGENTSTATUS,
                           PROXY_FIELD(GetAgentStatus.AgentStatus), lpAgentStatus,
                           sizeof(LINEAGENTSTATUS), &p);
    if (rc != 0)
        API_RETURN(rc);
    p->buf->GetAgentStatus.dwAddressID = dwAddressID;
    API_RETURN(proxy_send(p));
}

LONG WINAPI CORE_API(lineGetAgentActivityList)(HLINE hLine, DWORD dwAddressID,
                                               LPLINEAGENTACTIVITYLIST lpAgentActivityList)
{
    core_enter();
    struct proxy_pending *p;
    LONG rc = agent_get_on(hLine, &dwAddressID, LINEPROXYREQUEST_GETAGENTACTIVITYLIST,
                           PROXY_FIELD(GetAgentActivityList.ActivityList), lpAgentActivityList,
                           sizeof(LINEAGENTACTIVITYLIST), &p);
    if (rc != 0)
        API_RETURN(rc);
    p->buf->GetAgentActivityList.dwAddressID = dwAddressID;
    API_RETURN(proxy_send(p));
}

LONG WINAPI CORE_API(lineGetAgentGroupList)(HLINE hLine, DWORD dwAddressID,
                                            LPLINEAGENTGROUPLIST lpAgentGroupList)
{
    core_enter();
    struct proxy_pending *p;
    LONG rc = agent_get_on(hLine, &dwAddressID, LINEPROXYREQUEST_GETAGENTGROUPLIST,
                           PROXY_FIELD(GetAgentGroupList.GroupList), lpAgentGroupList,
                           sizeof(LINEAGENTGROUPLIST), &p);
    if (rc != 0)
        API_RETURN(rc);
    p->buf->GetAgentGroupList.dwAddressID = dwAddressID;
    API_RETURN(proxy_send(p));
}

LONG WINAPI CORE_API(lineGetGroupList)(HLINE hLine, LPLINEAGENTGROUPLIST lpGroupList)
{
    core_enter();
    struct proxy_pending *p;
    LONG rc = agent_get_on(hLine, NULL, LINEPROXYREQUEST_GETGROUPLIST,
                           PROXY_FIELD(GetGroupList.GroupList), lpGroupList,
                           sizeof(LINEAGENTGROUPLIST), &p);
    API_RETURN(rc != 0 ? rc : proxy_send(p));
}

LONG WINAPI CORE_API(lineGetAgentInfo)(HLINE hLine, HAGENT hAgent, LPLINEAGENTINFO lpAgentInfo)
{
    core_enter();
    struct proxy_pending *p;
    LONG rc =
        agent_get_on(hLine, NULL, LINEPROXYREQUEST_GETAGENTINFO,
                     PROXY_FIELD(GetAgentInfo.AgentInfo), lpAgentInfo, sizeof(LINEAGENTINFO), &p);
    if (rc != 0)
        API_RETURN(rc);
    p->buf->GetAgentInfo.hAgent = hAgent;
    API_RETURN(proxy_send(p));
}

LONG WINAPI CORE_API(lineGetAgentSessionList)(HLINE hLine, HAGENT hAgent,
                                              LPLINEAGENTSESSIONLIST lpAgentSessionList)
{
    core_enter();
    struct proxy_pending *p;
    LONG rc = agent_get_on(hLine, NULL, LINEPROXYREQUEST_GETAGENTSESSIONLIST,
                           PROXY_FIELD(GetAgentSessionList.SessionList), lpAgentSessionList,
                           sizeof(LINEAGENTSESSIONLIST), &p);
    if (rc != 0)
        API_RETURN(rc);
    p->buf->GetAgentSessionList.hAgent = hAgent;
    API_RETURN(proxy_send(p));
}

LONG WINAPI CORE_API(lineGetAgentSessionInfo)(HLINE hLine, HAGENTSESSION hAgentSession,
                                              LPLINEAGENTSESSIONINFO lpAgentSessionInfo)
{
    core_enter();
    struct proxy_pending *p;
    LONG rc = agent_get_on(hLine, NULL, LINEPROXYREQUEST_GETAGENTSESSIONINFO,
                           PROXY_FIELD(GetAgentSessionInfo.SessionInfo), lpAgentSessionInfo,
                           sizeof(LINEAGENTSESSIONINFO), &p);
    if (rc != 0)
        API_RETURN(rc);
    p->buf->GetAgentSessionInfo.hAgentSession = hAgentSession;
    API_RETURN(proxy_send(p));
}

LONG WINAPI CORE_API(lineGetQueueList)(HLINE hLine, LPGUID lpGroupID, LPLINEQUEUELIST lpQueueList)
{
    core_enter();
    struct proxy_args a;
    struct proxy_pending *p;
    LONG rc = agent_request(hLine, NULL, LINEPROXYREQUEST_GETQUEUELIST, &a);
    if (rc == 0 && !lpGroupID)
        rc = LINEERR_INVALPOINTER;
    if (rc == 0)
        rc = agent_get(&a, PROXY_FIELD(GetQueueList.QueueList), lpQueueList, sizeof(LINEQUEUELIST),
                       &p);
    if (rc != 0)
        API_RETURN(rc);
    p->buf->GetQueueList.GroupID = *lpGroupID;
    API_RETURN(proxy_send(p));
}

LONG WINAPI CORE_API(lineGetQueueInfo)(HLINE hLine, DWORD dwQueueID,
                                       LPLINEQUEUEINFO lpLineQueueInfo)
{
    core_enter();
    struct proxy_pending *p;
    LONG rc = agent_get_on(hLine, NULL, LINEPROXYREQUEST_GETQUEUEINFO,
                           PROXY_FIELD(GetQueueInfo.QueueInfo), lpLineQueueInfo,
                           sizeof(LINEQUEUEINFO), &p);
    if (rc != 0)
        API_RETURN(rc);
    p->buf->GetQueueInfo.dwQueueID = dwQueueID;
    API_RETURN(proxy_send(p));
}

LONG WINAPI CORE_API(lineSetAgentState)(HLINE hLine, DWORD dwAddressID, DWORD dwAgentState,
                                        DWORD dwNextAgentState)
{
    if (!agent_state_ok(dwAgentState, AGENT_STATES) ||
        !agent_state_ok(dwNextAgentState, AGENT_STATES))
        return LINEERR_INVALAGENTSTATE;
    core_enter();
    struct proxy_pending *p;
    LONG rc = agent_set(hLine, &dwAddressID, LINEPROXYREQUEST_SETAGENTSTATE, &p);
    if (rc != 0)
        API_RETURN(rc);
    p->buf->SetAgentState.dwAddressID = dwAddressID;
    p->buf->SetAgentState.dwAgentState = dwAgentState;
    p->buf->SetAgentState.dwNextAgentState = dwNextAgentState;
    API_RETURN(proxy_send(p));
}

LONG WINAPI CORE_API(lineSetAgentStateEx)(HLINE hLine, HAGENT hAgent, DWORD dwAgentState,
                                          DWORD dwNextAgentState)
{
    if (!agent_state_ok(dwAgentState, AGENT_STATES_EX) ||
        !agent_state_ok(dwNextAgentState, AGENT_STATES_EX))
        return LINEERR_INVALAGENTSTATE;
    core_enter();
    struct proxy_pending *p;
    LONG rc = agent_set(hLine, NULL, LINEPROXYREQUEST_SETAGENTSTATEEX, &p);
    if (rc != 0)
        API_RETURN(rc);
    p->buf->SetAgentStateEx.hAgent = hAgent;
    p->buf->SetAgentStateEx.dwAgentState = dwAgentState;
    p->buf->SetAgentStateEx.dwNextAgentState = dwNextAgentState;
    API_RETURN(proxy_send(p));
}

LONG WINAPI CORE_API(lineSetAgentSessionState)(HLINE hLine, HAGENTSESSION hAgentSession,
                                               DWORD dwAgentSessionState,
                                               DWORD dwNextAgentSessionState)
{
    if (!agent_state_ok(dwAgentSessionState, SESSION_STATES) ||
        !agent_state_ok(dwNextAgentSessionState, SESSION_STATES))
        return LINEERR_INVALAGENTSESSIONSTATE;
    core_enter();
    struct proxy_pending *p;
    LONG rc = agent_set(hLine, NULL, LINEPROXYREQUEST_SETAGENTSESSIONSTATE, &p);
    if (rc != 0)
        API_RETURN(rc);
    p->buf->SetAgentSessionState.hAgentSession = hAgentSession;
    p->buf->SetAgentSessionState.dwAgentSessionState = dwAgentSessionState;
    p->buf->SetAgentSessionState.dwNextAgentSessionState = dwNextAgentSessionState;
    API_RETURN(proxy_send(p));
}

LONG WINAPI CORE_API(lineSetAgentActivity)(HLINE hLine, DWORD dwAddressID, DWORD dwActivityID)
{
    core_enter();
    struct proxy_pending *p;
    LONG rc = agent_set(hLine, &dwAddressID, LINEPROXYREQUEST_SETAGENTACTIVITY, &p);
    if (rc != 0)
        API_RETURN(rc);
    p->buf->SetAgentActivity.dwAddressID = dwAddressID;
    p->buf->SetAgentActivity.dwActivityID = dwActivityID;
    API_RETURN(proxy_send(p));
}

LONG WINAPI CORE_API(lineSetAgentMeasurementPeriod)(HLINE hLine, HAGENT hAgent,
                                                    DWORD dwMeasurementPeriod)
{
    if (dwMeasurementPeriod == 0)
        return LINEERR_INVALPARAM;
    core_enter();
    struct proxy_pending *p;
    LONG rc = agent_set(hLine, NULL, LINEPROXYREQUEST_SETAGENTMEASUREMENTPERIOD, &p);
    if (rc != 0)
        API_RETURN(rc);
    p->buf->SetAgentMeasurementPeriod.hAgent = hAgent;
    p->buf->SetAgentMeasurementPeriod.dwMeasurementPeriod = dwMeasurementPeriod;
    API_RETURN(proxy_send(p));
}

LONG WINAPI CORE_API(lineSetQueueMeasurementPeriod)(HLINE hLine, DWORD dwQueueID,
                                                    DWORD dwMeasurementPeriod)
{
    if (dwMeasurementPeriod == 0)
        return LINEERR_INVALPARAM;
    core_enter();
    struct proxy_pending *p;
    LONG rc = agent_set(hLine, NULL, LINEPROXYREQUEST_SETQUEUEMEASUREMENTPERIOD, &p);
    if (rc != 0)
        API_RETURN(rc);
    p->buf->SetQueueMeasurementPeriod.dwQueueID = dwQueueID;
    p->buf->SetQueueMeasurementPeriod.dwMeasurementPeriod = dwMeasurementPeriod;
    API_RETURN(proxy_send(p));
}

/* Checks a LINEAGENTGROUPLIST an application passes in: its size and its entry array. */
static LONG agent_check_group_list(const LINEAGENTGROUPLIST *list)
{
    if (!list)
        return LINEERR_INVALPOINTER;
    if (list->dwTotalSize < sizeof(*list))
        return LINEERR_STRUCTURETOOSMALL;
    uint64_t entries = (uint64_t)list->dwNumEntries * sizeof(LINEAGENTGROUPENTRY);
    if (list->dwTotalSize > 0x100000 || entries > list->dwListSize ||
        (list->dwListSize && (list->dwListOffset < sizeof(*list) ||
                              (uint64_t)list->dwListOffset + list->dwListSize > list->dwTotalSize)))
        return LINEERR_INVALAGENTGROUP;
    return 0;
}

LONG WINAPI CORE_API(lineSetAgentGroup)(HLINE hLine, DWORD dwAddressID,
                                        LPLINEAGENTGROUPLIST lpAgentGroupList)
{
    LONG rc = agent_check_group_list(lpAgentGroupList);
    if (rc != 0)
        return rc;
    core_enter();
    struct proxy_args a;
    struct proxy_pending *p;
    rc = agent_request(hLine, &dwAddressID, LINEPROXYREQUEST_SETAGENTGROUP, &a);
    if (rc == 0) {
        a.region = PROXY_FIELD(SetAgentGroup.GroupList);
        a.region_size = lpAgentGroupList->dwTotalSize;
        a.in = lpAgentGroupList;
        rc = proxy_begin(&a, &p);
    }
    if (rc != 0)
        API_RETURN(rc);
    p->buf->SetAgentGroup.dwAddressID = dwAddressID;
    API_RETURN(proxy_send(p));
}

LONG WINAPI CORE_API(lineAgentSpecific)(HLINE hLine, DWORD dwAddressID,
                                        DWORD dwAgentExtensionIDIndex, LPVOID lpParams,
                                        DWORD dwSize)
{
    if (!lpParams && dwSize)
        return LINEERR_INVALPOINTER;
    if (dwSize > 0x100000)
        return LINEERR_INVALPARAM;
    core_enter();
    struct proxy_args a;
    struct proxy_pending *p;
    LONG rc = agent_request(hLine, &dwAddressID, LINEPROXYREQUEST_AGENTSPECIFIC, &a);
    if (rc == 0) {
        a.region = PROXY_FIELD(AgentSpecific.Params);
        a.region_size = dwSize;
        a.in = lpParams;
        a.out = lpParams;
        a.out_kind = PROXY_OUT_BYTES;
        rc = proxy_begin(&a, &p);
    }
    if (rc != 0)
        API_RETURN(rc);
    p->buf->AgentSpecific.dwAddressID = dwAddressID;
    p->buf->AgentSpecific.dwAgentExtensionIDIndex = dwAgentExtensionIDIndex;
    p->buf->AgentSpecific.dwSize = dwSize;
    API_RETURN(proxy_send(p));
}

/* The bytes two strings take in a request, NULs included. */
static DWORD agent_strings(LPCSTR a, LPCSTR b)
{
    return (DWORD)((a ? strlen(a) + 1 : 0) + (b ? strlen(b) + 1 : 0));
}

LONG WINAPI CORE_API(lineCreateAgent)(HLINE hLine, LPCSTR lpszAgentID, LPCSTR lpszAgentPIN,
                                      LPHAGENT lphAgent)
{
    if (!lphAgent)
        return LINEERR_INVALPOINTER;
    core_enter();
    struct proxy_args a;
    struct proxy_pending *p;
    LONG rc = agent_request(hLine, NULL, LINEPROXYREQUEST_CREATEAGENT, &a);
    if (rc == 0) {
        a.out_handle = lphAgent;
        a.handle_offset = PROXY_FIELD(CreateAgent.hAgent);
        a.strings = agent_strings(lpszAgentID, lpszAgentPIN);
        rc = proxy_begin(&a, &p);
    }
    if (rc != 0)
        API_RETURN(rc);
    proxy_string(p, lpszAgentID, &p->buf->CreateAgent.dwAgentIDSize,
                 &p->buf->CreateAgent.dwAgentIDOffset);
    proxy_string(p, lpszAgentPIN, &p->buf->CreateAgent.dwAgentPINSize,
                 &p->buf->CreateAgent.dwAgentPINOffset);
    API_RETURN(proxy_send(p));
}

LONG WINAPI CORE_API(lineCreateAgentSession)(HLINE hLine, HAGENT hAgent, LPCSTR lpszAgentPIN,
                                             DWORD dwWorkingAddressID, LPGUID lpGroupID,
                                             LPHAGENTSESSION lphAgentSession)
{
    if (!lpGroupID || !lphAgentSession)
        return LINEERR_INVALPOINTER;
    core_enter();
    struct proxy_args a;
    struct proxy_pending *p;
    LONG rc = agent_request(hLine, &dwWorkingAddressID, LINEPROXYREQUEST_CREATEAGENTSESSION, &a);
    if (rc == 0) {
        a.out_handle = lphAgentSession;
        a.handle_offset = PROXY_FIELD(CreateAgentSession.hAgentSession);
        a.strings = agent_strings(lpszAgentPIN, NULL);
        rc = proxy_begin(&a, &p);
    }
    if (rc != 0)
        API_RETURN(rc);
    p->buf->CreateAgentSession.hAgent = hAgent;
    p->buf->CreateAgentSession.GroupID = *lpGroupID;
    p->buf->CreateAgentSession.dwWorkingAddressID = dwWorkingAddressID;
    proxy_string(p, lpszAgentPIN, &p->buf->CreateAgentSession.dwAgentPINSize,
                 &p->buf->CreateAgentSession.dwAgentPINOffset);
    API_RETURN(proxy_send(p));
}

LONG WINAPI CORE_API(lineProxyResponse)(HLINE hLine, LPLINEPROXYREQUEST lpProxyRequest,
                                        DWORD dwResult)
{
    core_enter();
    struct line_open *open = api_line(hLine);
    if (!open)
        API_RETURN(LINEERR_INVALLINEHANDLE);
    API_RETURN(proxy_respond(open, lpProxyRequest, (LONG)dwResult));
}

/* The oldest API version that receives proxy message `msg`, or 0 for one a proxy may not send. */
static DWORD agent_message_version(DWORD msg)
{
    switch (msg) {
    case LINE_AGENTSTATUS:
    case LINE_AGENTSPECIFIC:
        return 0x00020000;
    case LINE_AGENTSTATUSEX:
    case LINE_AGENTSESSIONSTATUS:
    case LINE_QUEUESTATUS:
    case LINE_GROUPSTATUS:
        return 0x00020002;
    default:
        return 0;
    }
}

LONG WINAPI CORE_API(lineProxyMessage)(HLINE hLine, HCALL hCall, DWORD dwMsg, DWORD dwParam1,
                                       DWORD dwParam2, DWORD dwParam3)
{
    core_enter();
    struct line_open *open = api_line(hLine);
    if (!open)
        API_RETURN(LINEERR_INVALLINEHANDLE);
    if (!open->proxy_requests)
        API_RETURN(LINEERR_NOTREGISTERED);
    DWORD version = agent_message_version(dwMsg);
    if (!version)
        API_RETURN(LINEERR_INVALPARAM);
    if (dwMsg == LINE_AGENTSTATUS && dwParam1 >= open->dev->num_addresses)
        API_RETURN(LINEERR_INVALADDRESSID);
    struct call_handle *ch = hCall ? call_handle_find(hCall) : NULL;
    if (hCall && (!ch || ch->call->dev != open->dev))
        API_RETURN(LINEERR_INVALCALLHANDLE);
    for (struct line_open *o = open->dev->opens; o; o = o->next_on_dev)
        if (o != open && o->api_version >= version)
            app_post(o->app, o->handle, dwMsg, o->callback_instance, dwParam1, dwParam2, dwParam3);
    API_RETURN(0);
}

LONG WINAPI CORE_API(lineGetProxyStatus)(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAppAPIVersion,
                                         LPLINEPROXYREQUESTLIST lpLineProxyRequestList)
{
    core_enter();
    struct line_device *dev;
    LONG rc = api_app_line_device(hLineApp, dwDeviceID, &dev);
    if (rc != 0)
        API_RETURN(rc);
    if (dwAppAPIVersion < 0x00020002 || dwAppAPIVersion > CORE_API_VERSION_HIGH)
        API_RETURN(LINEERR_INCOMPATIBLEAPIVERSION);
    struct tapix_varstruct vs;
    rc = tapix_varstruct_begin(&vs, lpLineProxyRequestList, sizeof(LINEPROXYREQUESTLIST));
    if (rc != 0)
        API_RETURN(rc);
    DWORD types = proxy_types(dev), count = 0;
    for (DWORD t = 1; t < 32; t++)
        count += (types >> t) & 1u;
    DWORD *list =
        tapix_varstruct_reserve(&vs, &lpLineProxyRequestList->dwListSize,
                                &lpLineProxyRequestList->dwListOffset, count * sizeof(DWORD));
    lpLineProxyRequestList->dwNumEntries = list ? count : 0;
    for (DWORD t = 1, i = 0; list && t < 32; t++)
        if ((types >> t) & 1u)
            list[i++] = t;
    tapix_varstruct_end(&vs);
    API_RETURN(0);
}
