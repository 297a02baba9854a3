/*
 * test_agent_proxy.c — the ACD proxy of TAPI 2.2 end to end: an application opens a line with
 * LINEOPENOPTION_PROXY and serves another application's agent requests (lineGetAgentStatus,
 * lineSetAgentState, lineCreateAgent, lineAgentSpecific …) through LINE_PROXYREQUEST and
 * lineProxyResponse; lineProxyMessage and lineGetProxyStatus; every documented error; and the
 * one reply a request still gets when its proxy goes away.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support.h"

#define ALL_TYPES 20 /* LINEPROXYREQUEST_SETAGENTGROUP .. LINEPROXYREQUEST_SETAGENTSTATEEX */

struct fixture {
    struct test_app proxy, client;
    DWORD device;
    HLINE client_line;
};

/* LINECALLPARAMS whose DevSpecific part lists `n` proxy request types. */
struct proxy_params {
    LINECALLPARAMS params;
    DWORD types[ALL_TYPES];
};

static int setup(void **state)
{
    static struct fixture f;
    memset(&f, 0, sizeof(f));
    support_config("[provider sim]\n");
    support_init(&f.client, "agent-client");
    support_init(&f.proxy, "acd-proxy");
    f.device = support_line_of(&f.client, "101");
    f.client_line = support_open(&f.client, f.device, LINECALLPRIVILEGE_NONE, 0);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    support_shutdown(&f->proxy);
    support_shutdown(&f->client);
    return 0;
}

/* Opens the device as a proxy for the `n` request types listed. */
static LONG open_proxy(struct test_app *app, DWORD device, const DWORD *types, DWORD n,
                       HLINE *hLine)
{
    struct proxy_params p;
    memset(&p, 0, sizeof(p));
    p.params.dwTotalSize = sizeof(p);
    p.params.dwDevSpecificSize = n * sizeof(DWORD);
    p.params.dwDevSpecificOffset = offsetof(struct proxy_params, types);
    memcpy(p.types, types, n * sizeof(DWORD));
    return lineOpen(app->hLineApp, device, hLine, 0x00020002, 0, 0,
                    LINECALLPRIVILEGE_NONE | LINEOPENOPTION_PROXY, 0, &p.params);
}

/* Waits for the next LINE_PROXYREQUEST of the proxy and returns its buffer. */
static LINEPROXYREQUEST *next_request(struct test_app *proxy, HLINE hLine)
{
    LINEMESSAGE m;
    if (!support_wait(proxy, LINE_PROXYREQUEST, hLine, 0, 0, &m, SUPPORT_TIMEOUT_MS))
        fail_msg("no LINE_PROXYREQUEST");
    return (LINEPROXYREQUEST *)m.dwParam1;
}

static void no_proxy_means_unavailable(void **state)
{
    struct fixture *f = *state;
    LINEAGENTSTATUS status = {.dwTotalSize = sizeof(status)};
    HAGENT agent;
    assert_int_equal(lineGetAgentStatus(f->client_line, 0, &status), LINEERR_OPERATIONUNAVAIL);
    assert_int_equal(lineSetAgentState(f->client_line, 0, LINEAGENTSTATE_READY, 0),
                     LINEERR_OPERATIONUNAVAIL);
    assert_int_equal(lineCreateAgent(f->client_line, "007", NULL, &agent),
                     LINEERR_OPERATIONUNAVAIL);
    /* The core's own checks come first. */
    assert_int_equal(lineGetAgentStatus(0x7777, 0, &status), LINEERR_INVALLINEHANDLE);
    assert_int_equal(lineGetAgentStatus(f->client_line, 99, &status), LINEERR_INVALADDRESSID);
    assert_int_equal(lineGetAgentStatus(f->client_line, 0, NULL), LINEERR_INVALPOINTER);
    status.dwTotalSize = 12;
    assert_int_equal(lineGetAgentStatus(f->client_line, 0, &status), LINEERR_STRUCTURETOOSMALL);
    assert_int_equal(status.dwNeededSize, sizeof(LINEAGENTSTATUS));
    assert_int_equal(lineSetAgentState(f->client_line, 0, LINEAGENTSTATE_READY | 1, 0),
                     LINEERR_INVALAGENTSTATE);
    assert_int_equal(lineSetAgentStateEx(f->client_line, 1, 0x80, 0), LINEERR_INVALAGENTSTATE);
    assert_int_equal(lineSetAgentSessionState(f->client_line, 1, 0x40, 0),
                     LINEERR_INVALAGENTSESSIONSTATE);
    assert_int_equal(lineCreateAgent(f->client_line, "007", NULL, NULL), LINEERR_INVALPOINTER);
    assert_int_equal(lineSetAgentMeasurementPeriod(f->client_line, 1, 0), LINEERR_INVALPARAM);
    assert_int_equal(lineSetQueueMeasurementPeriod(f->client_line, 1, 0), LINEERR_INVALPARAM);
    assert_int_equal(lineSetAgentGroup(f->client_line, 0, NULL), LINEERR_INVALPOINTER);
    assert_int_equal(lineGetQueueList(f->client_line, NULL, NULL), LINEERR_INVALPOINTER);
}

/* The proxy fills a LINEAGENTSTATUS with one group named "Sales" and state READY. */
static void fill_status(LINEAGENTSTATUS *s)
{
    DWORD need = sizeof(*s) + sizeof(LINEAGENTGROUPENTRY) + 6;
    s->dwNeededSize = need;
    s->dwUsedSize = sizeof(*s);
    s->dwState = LINEAGENTSTATE_READY;
    s->dwNextState = LINEAGENTSTATE_NOTREADY;
    if (s->dwTotalSize < need)
        return;
    LINEAGENTGROUPENTRY *g = (LINEAGENTGROUPENTRY *)(s + 1);
    g->GroupID.dwGroupID1 = 42;
    g->dwNameSize = 6;
    g->dwNameOffset = sizeof(*s) + sizeof(*g);
    memcpy((char *)s + g->dwNameOffset, "Sales", 6);
    s->dwNumEntries = 1;
    s->dwGroupListSize = sizeof(*g);
    s->dwGroupListOffset = sizeof(*s);
    s->dwUsedSize = need;
}

static void proxy_serves_get_agent_status(void **state)
{
    struct fixture *f = *state;
    const DWORD types[] = {LINEPROXYREQUEST_GETAGENTSTATUS, LINEPROXYREQUEST_SETAGENTSTATE};
    HLINE proxy_line;
    support_drain(&f->client);
    assert_int_equal(open_proxy(&f->proxy, f->device, types, 2, &proxy_line), 0);
    LINEMESSAGE m;
    assert_true(support_wait(&f->client, LINE_PROXYSTATUS, f->client_line, 1, LINEPROXYSTATUS_OPEN,
                             &m, SUPPORT_TIMEOUT_MS));

    unsigned char buf[512];
    LINEAGENTSTATUS *status = (LINEAGENTSTATUS *)buf;
    memset(buf, 0xEE, sizeof(buf));
    status->dwTotalSize = sizeof(buf);
    LONG id = lineGetAgentStatus(f->client_line, 0, status);
    assert_true(id > 0);
    LINEPROXYREQUEST *req = next_request(&f->proxy, proxy_line);
    assert_int_equal(req->dwRequestType, LINEPROXYREQUEST_GETAGENTSTATUS);
    assert_int_equal(req->GetAgentStatus.dwAddressID, 0);
    assert_int_equal(req->GetAgentStatus.AgentStatus.dwTotalSize, sizeof(buf));
    assert_int_equal(req->dwClientAppAPIVersion, 0x00020002);
    assert_true(req->dwClientMachineNameSize == 0 ||
                req->dwClientMachineNameOffset + req->dwClientMachineNameSize <= req->dwSize);
    fill_status(&req->GetAgentStatus.AgentStatus);
    assert_int_equal(lineProxyResponse(proxy_line, req, 0), 0);

    assert_int_equal(support_reply(&f->client, id), 0);
    assert_int_equal(status->dwTotalSize, sizeof(buf));
    assert_int_equal(status->dwState, LINEAGENTSTATE_READY);
    assert_int_equal(status->dwNumEntries, 1);
    const LINEAGENTGROUPENTRY *g = (const LINEAGENTGROUPENTRY *)(buf + status->dwGroupListOffset);
    assert_int_equal(g->GroupID.dwGroupID1, 42);
    assert_string_equal((const char *)buf + g->dwNameOffset, "Sales");

    /* A set request the proxy refuses: the requester gets the proxy's error. */
    id = lineSetAgentState(f->client_line, 0, LINEAGENTSTATE_BUSYACD, 0);
    req = next_request(&f->proxy, proxy_line);
    assert_int_equal(req->dwRequestType, LINEPROXYREQUEST_SETAGENTSTATE);
    assert_int_equal(req->SetAgentState.dwAgentState, LINEAGENTSTATE_BUSYACD);
    assert_int_equal(lineProxyResponse(proxy_line, req, (DWORD)LINEERR_INVALAGENTSTATE), 0);
    assert_int_equal(support_reply(&f->client, id), LINEERR_INVALAGENTSTATE);
    /* A type the proxy did not register for stays unavailable. */
    assert_int_equal(lineSetAgentActivity(f->client_line, 0, 3), LINEERR_OPERATIONUNAVAIL);

    assert_int_equal(lineClose(proxy_line), 0);
    assert_true(support_wait(&f->client, LINE_PROXYSTATUS, f->client_line, 1, LINEPROXYSTATUS_CLOSE,
                             &m, SUPPORT_TIMEOUT_MS));
}

static void proxy_registration_rules(void **state)
{
    struct fixture *f = *state;
    const DWORD types[] = {LINEPROXYREQUEST_GETAGENTCAPS};
    const DWORD bad[] = {0x99};
    HLINE first, second;
    assert_int_equal(open_proxy(&f->proxy, f->device, types, 1, &first), 0);
    assert_int_equal(open_proxy(&f->client, f->device, types, 1, &second), LINEERR_NOTREGISTERED);
    assert_int_equal(open_proxy(&f->client, f->device, bad, 1, &second), LINEERR_INVALPARAM);
    assert_int_equal(open_proxy(&f->client, f->device, types, 0, &second), LINEERR_INVALPARAM);
    assert_int_equal(lineOpen(f->client.hLineApp, f->device, &second, 0x20002, 0, 0,
                              LINECALLPRIVILEGE_NONE | LINEOPENOPTION_PROXY, 0, NULL),
                     LINEERR_INVALPOINTER);

    unsigned char buf[256];
    LINEPROXYREQUESTLIST *list = (LINEPROXYREQUESTLIST *)buf;
    list->dwTotalSize = sizeof(buf);
    assert_int_equal(lineGetProxyStatus(f->client.hLineApp, f->device, 0x20002, list), 0);
    assert_int_equal(list->dwNumEntries, 1);
    assert_int_equal(*(DWORD *)(buf + list->dwListOffset), LINEPROXYREQUEST_GETAGENTCAPS);
    assert_int_equal(lineGetProxyStatus(f->client.hLineApp, f->device, 0x20001, list),
                     LINEERR_INCOMPATIBLEAPIVERSION);
    assert_int_equal(lineGetProxyStatus(0x7777, f->device, 0x20002, list), LINEERR_INVALAPPHANDLE);
    assert_int_equal(lineGetProxyStatus(f->client.hLineApp, 0x7777, 0x20002, list),
                     LINEERR_BADDEVICEID);

    /* lineGetAgentCaps goes by device ID, from an application without the line open. */
    unsigned char capsbuf[256];
    LINEAGENTCAPS *caps = (LINEAGENTCAPS *)capsbuf;
    caps->dwTotalSize = sizeof(capsbuf);
    LONG id = lineGetAgentCaps(f->client.hLineApp, f->device, 0, 0x20002, caps);
    assert_true(id > 0);
    LINEPROXYREQUEST *req = next_request(&f->proxy, first);
    assert_int_equal(req->dwRequestType, LINEPROXYREQUEST_GETAGENTCAPS);
    req->GetAgentCaps.AgentCaps.dwFeatures = LINEAGENTFEATURE_GETAGENTGROUP;
    req->GetAgentCaps.AgentCaps.dwNeededSize = sizeof(LINEAGENTCAPS);
    req->GetAgentCaps.AgentCaps.dwUsedSize = sizeof(LINEAGENTCAPS);
    assert_int_equal(lineProxyResponse(first, req, 0), 0);
    assert_int_equal(support_reply(&f->client, id), 0);
    assert_int_equal(caps->dwFeatures, LINEAGENTFEATURE_GETAGENTGROUP);
    assert_int_equal(lineGetAgentCaps(f->client.hLineApp, f->device, 9, 0x20002, caps),
                     LINEERR_INVALADDRESSID);
    assert_int_equal(lineGetAgentCaps(0x7777, f->device, 0, 0x20002, caps), LINEERR_INVALAPPHANDLE);
    assert_int_equal(lineClose(first), 0);
}

static void proxy_response_and_message_errors(void **state)
{
    struct fixture *f = *state;
    const DWORD types[] = {LINEPROXYREQUEST_AGENTSPECIFIC};
    HLINE proxy_line;
    assert_int_equal(open_proxy(&f->proxy, f->device, types, 1, &proxy_line), 0);
    LINEPROXYREQUEST fake;
    assert_int_equal(lineProxyResponse(0x7777, &fake, 0), LINEERR_INVALLINEHANDLE);
    assert_int_equal(lineProxyResponse(f->client_line, &fake, 0), LINEERR_NOTREGISTERED);
    assert_int_equal(lineProxyResponse(proxy_line, &fake, 0), LINEERR_INVALPOINTER);
    assert_int_equal(lineProxyResponse(proxy_line, NULL, 0), LINEERR_INVALPOINTER);

    /* lineAgentSpecific: the parameter block goes to the proxy and comes back changed. */
    char params[16] = "ping";
    LONG id = lineAgentSpecific(f->client_line, 0, 2, params, sizeof(params));
    LINEPROXYREQUEST *req = next_request(&f->proxy, proxy_line);
    assert_int_equal(req->AgentSpecific.dwAgentExtensionIDIndex, 2);
    assert_int_equal(req->AgentSpecific.dwSize, sizeof(params));
    assert_string_equal((char *)req->AgentSpecific.Params, "ping");
    memcpy(req->AgentSpecific.Params, "pong", 5);
    assert_int_equal(lineProxyResponse(proxy_line, req, 1), LINEERR_INVALPARAM);
    assert_int_equal(lineProxyResponse(proxy_line, req, 0), 0);
    assert_int_equal(support_reply(&f->client, id), 0);
    assert_string_equal(params, "pong");
    assert_int_equal(lineProxyResponse(proxy_line, req, 0), LINEERR_INVALPOINTER);

    /* lineProxyMessage reaches the other applications with the line open. */
    support_drain(&f->client);
    assert_int_equal(lineProxyMessage(proxy_line, 0, LINE_AGENTSTATUS, 0, LINEAGENTSTATUS_STATE,
                                      LINEAGENTSTATE_READY),
                     0);
    LINEMESSAGE m;
    assert_true(
        support_wait(&f->client, LINE_AGENTSTATUS, f->client_line, 1, 0, &m, SUPPORT_TIMEOUT_MS));
    assert_int_equal(m.dwParam2, LINEAGENTSTATUS_STATE);
    assert_int_equal(m.dwParam3, LINEAGENTSTATE_READY);
    assert_int_equal(lineProxyMessage(proxy_line, 0, LINE_AGENTSPECIFIC, 2, 7, 8), 0);
    assert_true(
        support_wait(&f->client, LINE_AGENTSPECIFIC, f->client_line, 1, 2, &m, SUPPORT_TIMEOUT_MS));
    assert_int_equal(lineProxyMessage(proxy_line, 0, LINE_CALLSTATE, 0, 0, 0), LINEERR_INVALPARAM);
    assert_int_equal(lineProxyMessage(proxy_line, 0, LINE_AGENTSTATUS, 9, 0, 0),
                     LINEERR_INVALADDRESSID);
    assert_int_equal(lineProxyMessage(proxy_line, 0x7777, LINE_AGENTSPECIFIC, 0, 0, 0),
                     LINEERR_INVALCALLHANDLE);
    assert_int_equal(lineProxyMessage(f->client_line, 0, LINE_AGENTSTATUS, 0, 0, 0),
                     LINEERR_NOTREGISTERED);
    assert_int_equal(lineProxyMessage(0x7777, 0, LINE_AGENTSTATUS, 0, 0, 0),
                     LINEERR_INVALLINEHANDLE);
    assert_int_equal(lineClose(proxy_line), 0);
}

static void pending_request_fails_when_the_proxy_closes(void **state)
{
    struct fixture *f = *state;
    const DWORD types[] = {LINEPROXYREQUEST_CREATEAGENT, LINEPROXYREQUEST_GETQUEUEINFO};
    HLINE proxy_line;
    assert_int_equal(open_proxy(&f->proxy, f->device, types, 2, &proxy_line), 0);
    HAGENT agent = 0;
    LONG id = lineCreateAgent(f->client_line, "007", "1234", &agent);
    LINEPROXYREQUEST *req = next_request(&f->proxy, proxy_line);
    assert_int_equal(req->dwRequestType, LINEPROXYREQUEST_CREATEAGENT);
    assert_string_equal((char *)req + req->CreateAgent.dwAgentIDOffset, "007");
    assert_string_equal((char *)req + req->CreateAgent.dwAgentPINOffset, "1234");
    req->CreateAgent.hAgent = 0xA6E7;
    assert_int_equal(lineProxyResponse(proxy_line, req, 0), 0);
    assert_int_equal(support_reply(&f->client, id), 0);
    assert_int_equal(agent, 0xA6E7);

    LINEQUEUEINFO info = {.dwTotalSize = sizeof(info)};
    id = lineGetQueueInfo(f->client_line, 5, &info);
    req = next_request(&f->proxy, proxy_line);
    assert_int_equal(req->GetQueueInfo.dwQueueID, 5);
    assert_int_equal(lineClose(proxy_line), 0); /* without answering */
    assert_int_equal(support_reply(&f->client, id), LINEERR_OPERATIONFAILED);
    LINEMESSAGE m;
    assert_false(support_wait(&f->client, LINE_REPLY, 0, 1, (DWORD_PTR)id, &m, 100));
}

/* Calls every forwarded function once; returns the request ID. */
static LONG call_type(HLINE h, DWORD type, void *big)
{
    GUID group = {0};
    static HAGENT agent; /* written when the reply comes, after this function returned */
    static HAGENTSESSION session;
    LINEAGENTGROUPLIST *groups = big;
    switch (type) {
    case LINEPROXYREQUEST_SETAGENTGROUP:
        memset(groups, 0, sizeof(*groups));
        groups->dwTotalSize = sizeof(*groups);
        return lineSetAgentGroup(h, 0, groups);
    case LINEPROXYREQUEST_SETAGENTSTATE:
        return lineSetAgentState(h, 0, LINEAGENTSTATE_READY, 0);
    case LINEPROXYREQUEST_SETAGENTACTIVITY:
        return lineSetAgentActivity(h, 0, 1);
    case LINEPROXYREQUEST_GETAGENTCAPS:
        return -1; /* by device ID, tested above */
    case LINEPROXYREQUEST_GETAGENTSTATUS:
        return lineGetAgentStatus(h, 0, big);
    case LINEPROXYREQUEST_AGENTSPECIFIC:
        return lineAgentSpecific(h, 0, 0, NULL, 0);
    case LINEPROXYREQUEST_GETAGENTACTIVITYLIST:
        return lineGetAgentActivityList(h, 0, big);
    case LINEPROXYREQUEST_GETAGENTGROUPLIST:
        return lineGetAgentGroupList(h, 0, big);
    case LINEPROXYREQUEST_CREATEAGENT:
        return lineCreateAgent(h, NULL, NULL, &agent);
    case LINEPROXYREQUEST_SETAGENTMEASUREMENTPERIOD:
        return lineSetAgentMeasurementPeriod(h, 1, 60);
    case LINEPROXYREQUEST_GETAGENTINFO:
        return lineGetAgentInfo(h, 1, big);
    case LINEPROXYREQUEST_CREATEAGENTSESSION:
        return lineCreateAgentSession(h, 1, NULL, 0, &group, &session);
    case LINEPROXYREQUEST_GETAGENTSESSIONLIST:
        return lineGetAgentSessionList(h, 1, big);
    case LINEPROXYREQUEST_SETAGENTSESSIONSTATE:
        return lineSetAgentSessionState(h, 1, LINEAGENTSESSIONSTATE_READY, 0);
    case LINEPROXYREQUEST_GETAGENTSESSIONINFO:
        return lineGetAgentSessionInfo(h, 1, big);
    case LINEPROXYREQUEST_GETQUEUELIST:
        return lineGetQueueList(h, &group, big);
    case LINEPROXYREQUEST_SETQUEUEMEASUREMENTPERIOD:
        return lineSetQueueMeasurementPeriod(h, 1, 60);
    case LINEPROXYREQUEST_GETQUEUEINFO:
        return lineGetQueueInfo(h, 1, big);
    case LINEPROXYREQUEST_GETGROUPLIST:
        return lineGetGroupList(h, big);
    default:
        return lineSetAgentStateEx(h, 1, LINEAGENTSTATEEX_READY, 0);
    }
}

static void every_function_reaches_the_proxy(void **state)
{
    struct fixture *f = *state;
    DWORD types[ALL_TYPES];
    for (DWORD i = 0; i < ALL_TYPES; i++)
        types[i] = i + 1;
    HLINE proxy_line;
    assert_int_equal(open_proxy(&f->proxy, f->device, types, ALL_TYPES, &proxy_line), 0);
    DWORD *big = calloc(1, 1024);
    assert_non_null(big);
    for (DWORD type = 1; type <= ALL_TYPES; type++) {
        big[0] = 1024;
        LONG id = call_type(f->client_line, type, big);
        if (id == -1)
            continue;
        assert_true(id > 0);
        LINEPROXYREQUEST *req = next_request(&f->proxy, proxy_line);
        assert_int_equal(req->dwRequestType, type);
        assert_int_equal(lineProxyResponse(proxy_line, req, 0), 0);
        assert_int_equal(support_reply(&f->client, id), 0);
    }
    free(big);
    assert_int_equal(lineClose(proxy_line), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_proxy_means_unavailable),
        cmocka_unit_test(proxy_serves_get_agent_status),
        cmocka_unit_test(proxy_registration_rules),
        cmocka_unit_test(proxy_response_and_message_errors),
        cmocka_unit_test(pending_request_fails_when_the_proxy_closes),
        cmocka_unit_test(every_function_reaches_the_proxy),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
