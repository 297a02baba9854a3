/*
 * testutil.h — shorthands shared by the sim provider's test files (cmocka assertions on top
 * of harness.h). Include after <cmocka.h>.
 */
#ifndef SIM_TEST_TESTUTIL_H
#define SIM_TEST_TESTUTIL_H

#include "harness.h"

/* A request ID for a call that must fail synchronously (a completion for it is an error). */
static inline DRV_REQUESTID t_req_unused(void)
{
    return 5000;
}

static inline DRV_REQUESTID t_req(void)
{
    return h_request();
}

/* An asynchronous request was accepted (returned its ID) and completed with 0. */
#define t_async_ok(expr)                                                                           \
    do {                                                                                           \
        LONG t_rc_ = (expr);                                                                       \
        assert_true(t_rc_ > 0);                                                                    \
        assert_int_equal(h_result((DRV_REQUESTID)t_rc_), 0);                                       \
    } while (0)

/* Make a call on hd to dest (NULL: dial tone only); returns TAPI's handle, *hd_call the sim's. */
static inline HTAPICALL t_make_call(HDRVLINE hd, const char *dest, HDRVCALL *hd_call)
{
    HTAPICALL ht = h_new_htcall();

    *hd_call = NULL;
    t_async_ok(TSPI(TSPI_lineMakeCall)(t_req(), hd, ht, hd_call, dest, 0, NULL));
    assert_non_null(*hd_call);
    return ht;
}

/* Drop a call (unless idle) and close it. */
static inline void t_drop_close(HDRVCALL hd)
{
    if (h_call_state(hd) != LINECALLSTATE_IDLE)
        t_async_ok(TSPI(TSPI_lineDrop)(t_req(), hd, NULL, 0));
    assert_int_equal(h_call_state(hd), LINECALLSTATE_IDLE);
    assert_int_equal(TSPI(TSPI_lineCloseCall)(hd), 0);
}

/* cmocka teardown: shut the instance down even when a test failed half-way. */
static inline int t_teardown(void **state)
{
    (void)state;
    h_stop();
    return 0;
}

#endif /* SIM_TEST_TESTUTIL_H */
