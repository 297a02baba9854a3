/*
 * tcalls.c — the TAPI calls tapixd's tests make over raw frames (see tcalls.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <tapix/tapi.h>

#include "tcalls.h"

uint32_t t_init_n(struct raw_client *c, uint32_t *num_devs)
{
    struct proto_msg *welcome = raw_hello(c, 1, 1, PROTO_ABI);
    assert_non_null(welcome);
    assert_int_equal(welcome->type, PROTO_WELCOME);
    proto_msg_free(welcome);
    LINEINITIALIZEEXPARAMS params = {.dwTotalSize = sizeof(params),
                                     .dwOptions = LINEINITIALIZEEXOPTION_USEEVENT};
    struct proto_value args[] = {raw_out(4),
                                 raw_absent(),
                                 raw_absent(),
                                 raw_string("test"),
                                 raw_out(4),
                                 raw_dword(API_VERSION),
                                 raw_varstruct(&params, sizeof(params))};
    struct proto_msg *res = raw_call(c, PROTO_FN_lineInitializeEx, args, 7);
    assert_int_equal(res->result.result, 0);
    assert_int_equal(res->result.outs.n, 4);
    assert_int_equal(res->result.outs.v[0].kind, PROTO_V_DWORD);
    assert_int_equal(res->result.outs.v[1].kind, PROTO_V_DWORD);
    assert_int_equal(res->result.outs.v[3].kind, PROTO_V_VARSTRUCT);
    uint32_t happ = res->result.outs.v[0].dword;
    *num_devs = res->result.outs.v[1].dword;
    proto_msg_free(res);
    return happ;
}

uint32_t t_init(struct raw_client *c)
{
    uint32_t num_devs;
    uint32_t happ = t_init_n(c, &num_devs);
    assert_true(num_devs >= 4); /* lines 101-104 */
    return happ;
}

/* Opens line device `dev`; returns its HLINE. */
int32_t t_open_rc(struct raw_client *c, uint32_t happ, uint32_t dev, uint32_t privileges,
                  uint32_t *hline)
{
    struct proto_value args[] = {raw_dword(happ),
                                 raw_dword(dev),
                                 raw_out(4),
                                 raw_dword(API_VERSION),
                                 raw_dword(0),
                                 raw_ptr(0x1234500000000ull + dev),
                                 raw_dword(privileges),
                                 raw_dword(LINEMEDIAMODE_INTERACTIVEVOICE),
                                 raw_absent()};
    struct proto_msg *res = raw_call(c, PROTO_FN_lineOpen, args, 9);
    int32_t rc = res->result.result;
    *hline = 0;
    if (rc == 0) {
        assert_int_equal(res->result.outs.n, 1);
        *hline = res->result.outs.v[0].dword;
    }
    proto_msg_free(res);
    return rc;
}

uint32_t t_open(struct raw_client *c, uint32_t happ, uint32_t dev, uint32_t privileges)
{
    uint32_t hline;
    assert_int_equal(t_open_rc(c, happ, dev, privileges, &hline), 0);
    return hline;
}

int32_t t_address(struct raw_client *c, uint32_t happ, uint32_t dev, char *address, size_t size,
                  uint32_t *line_device_id)
{
    struct proto_value args[] = {raw_dword(happ),        raw_dword(dev), raw_dword(0),
                                 raw_dword(API_VERSION), raw_dword(0),   raw_out(4096)};
    struct proto_msg *res = raw_call(c, PROTO_FN_lineGetAddressCaps, args, 6);
    int32_t rc = res->result.result;
    address[0] = '\0';
    if (rc == 0) {
        LINEADDRESSCAPS caps;
        const struct proto_value *v = &res->result.outs.v[0];
        assert_true(v->data.len >= sizeof(caps));
        memcpy(&caps, v->data.data, sizeof(caps));
        assert_true(caps.dwAddressOffset + caps.dwAddressSize <= v->data.len);
        snprintf(address, size, "%.*s", (int)caps.dwAddressSize,
                 (const char *)v->data.data + caps.dwAddressOffset);
        *line_device_id = caps.dwLineDeviceID;
    }
    proto_msg_free(res);
    return rc;
}

/* Calls a function that takes one DWORD (lineDeallocateCall, lineClose, …); returns its result. */
int32_t t_call1(struct raw_client *c, uint32_t fn, uint32_t arg)
{
    struct proto_value args[] = {raw_dword(arg)};
    struct proto_msg *res = raw_call(c, fn, args, 1);
    int32_t rc = res->result.result;
    proto_msg_free(res);
    return rc;
}

/* Matches the LINE_REPLY whose request ID is *arg. */
static bool is_reply(const struct proto_msg *msg, const void *arg)
{
    return msg->type == PROTO_EVENT && msg->event.message_id == LINE_REPLY &&
           msg->event.param1 == *(const uint32_t *)arg;
}

/* Runs an asynchronous function and waits for its LINE_REPLY, asserted successful; returns the
 * reply's first output (a new HCALL) when `with_call`, else 0. */
uint32_t t_async(struct raw_client *c, uint32_t fn, const struct proto_value *args, size_t n,
                 bool with_call)
{
    struct proto_msg *res = raw_call(c, fn, args, n);
    assert_true(res->result.result > 0);
    assert_int_equal(res->result.outs.n, 0); /* written later, with the reply */
    uint32_t id = (uint32_t)res->result.result;
    proto_msg_free(res);
    struct proto_msg *reply = raw_take(c, is_reply, &id);
    assert_non_null(reply);
    assert_int_equal(reply->event.param2, 0);
    uint32_t hcall = 0;
    if (with_call) {
        assert_int_equal(reply->event.outs.n, 1);
        assert_int_equal(reply->event.outs.v[0].kind, PROTO_V_DWORD);
        hcall = reply->event.outs.v[0].dword;
        assert_int_not_equal(hcall, 0);
    }
    proto_msg_free(reply);
    return hcall;
}

/* lineMakeCall on `hline` to `number`; returns the HCALL its reply carries. */
uint32_t t_make_call(struct raw_client *c, uint32_t hline, const char *number)
{
    struct proto_value args[] = {raw_dword(hline), raw_out(4), raw_string(number), raw_dword(0),
                                 raw_absent()};
    return t_async(c, PROTO_FN_lineMakeCall, args, 5, true);
}

/* lineDrop or lineAnswer (same signature) on `hcall`, waiting for the reply. */
void t_drop_or_answer(struct raw_client *c, uint32_t fn, uint32_t hcall)
{
    struct proto_value args[] = {raw_dword(hcall), raw_absent(), raw_dword(0)};
    t_async(c, fn, args, 3, false);
}

/* Waits for a new call on `hline` (LINE_APPNEWCALL); returns its HCALL. */
uint32_t t_incoming(struct raw_client *c, uint32_t hline)
{
    struct proto_msg *msg = raw_event(c, LINE_APPNEWCALL, hline);
    assert_non_null(msg);
    uint32_t hcall = (uint32_t)msg->event.param2;
    proto_msg_free(msg);
    return hcall;
}

/* lineGetDevCaps of device 0 through `c`; asserts success and a trimmed structure. */
void t_devcaps_ok(struct raw_client *c, uint32_t happ)
{
    struct proto_value args[] = {raw_dword(happ), raw_dword(0), raw_dword(API_VERSION),
                                 raw_dword(0), raw_out(8192)};
    struct proto_msg *res = raw_call(c, PROTO_FN_lineGetDevCaps, args, 5);
    assert_int_equal(res->result.result, 0);
    assert_int_equal(res->result.outs.n, 1);
    const struct proto_value *caps = &res->result.outs.v[0];
    assert_int_equal(caps->kind, PROTO_V_VARSTRUCT);
    LINEDEVCAPS head;
    assert_true(caps->data.len >= sizeof(head) && caps->data.len < 8192);
    memcpy(&head, caps->data.data, sizeof(head));
    assert_int_equal(head.dwTotalSize, caps->data.len);
    assert_int_equal(head.dwUsedSize, caps->data.len);
    assert_true(head.dwNumAddresses >= 1);
    proto_msg_free(res);
}
