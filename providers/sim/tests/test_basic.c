/*
 * test_basic.c — sim.tsp's start-up, configuration, devices and capabilities.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "harness.h"
#include "testutil.h"

/* The built-in default: four extensions with a phone each. */
static void test_default_devices(void **state)
{
    assert_int_equal(h_start(NULL), 0);
    assert_int_equal(h_num_lines(), 4);
    assert_int_equal(h_num_phones(), 4);
    h_stop();
}

/* Ranges, per-extension settings and phones. */
static void test_config_ranges(void **state)
{
    static const char *const cfg[] = {
        "extensions", "201-203, 300", "phone", "no", "ext.300.phone", "yes", "ext.300.addresses",
        "2",          "ext.201.name", "Alice", NULL};
    LINEDEVCAPS *caps;
    char buf[1024];

    assert_int_equal(h_start(cfg), 0);
    assert_int_equal(h_num_lines(), 4);
    assert_int_equal(h_num_phones(), 1);
    caps = (LINEDEVCAPS *)buf;
    memset(buf, 0, sizeof buf);
    caps->dwTotalSize = sizeof buf;
    assert_int_equal(TSPI(TSPI_lineGetDevCaps)(0, 0x00020002, 0, caps), 0);
    assert_string_equal(h_str(caps, caps->dwLineNameSize, caps->dwLineNameOffset), "Alice");
    assert_int_equal(TSPI(TSPI_lineGetDevCaps)(3, 0x00020002, 0, caps), 0);
    assert_int_equal(caps->dwNumAddresses, 2);
    assert_string_equal(h_str(caps, caps->dwLineNameSize, caps->dwLineNameOffset), "Extension 300");
    h_stop();
}

/* A configuration error names file, line, key and reason. */
static void expect_config_error(const char *key, const char *value, const char *needle)
{
    const char *const cfg[] = {"extensions", "101-102", key, value, NULL};
    const DWORD lines[] = {3, 7};
    char err[256] = "";

    assert_int_equal(h_configure(cfg, lines, err, sizeof err), LINEERR_INVALPARAM);
    assert_non_null(strstr(err, "test.conf:7: key '"));
    assert_non_null(strstr(err, key));
    assert_non_null(strstr(err, needle));
    h_stop();
}

static void test_config_errors(void **state)
{
    const char *const dup[] = {"extensions", "101-103,102", NULL};
    const DWORD lines[] = {4};
    char err[256] = "";

    expect_config_error("bogus", "1", "unknown key");
    expect_config_error("addresses", "0", "not a number of addresses");
    expect_config_error("phone", "maybe", "expected 'yes' or 'no'");
    expect_config_error("outside.555", "sometimes", "expected 'answer <ms>'");
    expect_config_error("outside.555", "answer soon", "not a delay");
    expect_config_error("noanswer_timeout", "-5", "not a time");
    expect_config_error("ext.999.name", "X", "not in 'extensions'");
    expect_config_error("ext.101.colour", "red", "unknown key");
    assert_int_equal(h_configure(dup, lines, err, sizeof err), LINEERR_INVALPARAM);
    assert_non_null(strstr(err, "test.conf:4: key 'extensions': extension '102' is listed twice"));
    h_stop();
}

/* 10,000 extensions start and enumerate. */
static void test_config_many(void **state)
{
    static const char *const cfg[] = {"extensions", "1000-10999", "outside.0815", "answer 0", NULL};

    assert_int_equal(h_start(cfg), 0);
    assert_int_equal(h_num_lines(), 10000);
    assert_int_equal(h_num_phones(), 10000);
    h_stop();
}

/* Caps are well formed; short buffers only raise dwNeededSize. */
static void test_caps_short_buffers(void **state)
{
    char buf[2048];
    LINEDEVCAPS *caps = (LINEDEVCAPS *)buf;
    LINEADDRESSCAPS *ac = (LINEADDRESSCAPS *)buf;
    PHONECAPS *pc = (PHONECAPS *)buf;
    DWORD needed;

    assert_int_equal(h_start(NULL), 0);
    memset(buf, 0xAB, sizeof buf);
    caps->dwTotalSize = sizeof *caps;
    assert_int_equal(TSPI(TSPI_lineGetDevCaps)(0, 0x00020002, 0, caps), 0);
    needed = caps->dwNeededSize;
    assert_true(needed > sizeof *caps);
    assert_int_equal(caps->dwUsedSize, sizeof *caps);
    assert_int_equal(caps->dwProviderInfoSize, 0);
    assert_int_equal((unsigned char)buf[sizeof *caps], 0xAB); /* nothing past dwTotalSize */
    caps->dwTotalSize = needed;
    assert_int_equal(TSPI(TSPI_lineGetDevCaps)(0, 0x00020002, 0, caps), 0);
    assert_int_equal(caps->dwUsedSize, needed);
    assert_string_equal(h_str(caps, caps->dwProviderInfoSize, caps->dwProviderInfoOffset),
                        "tapix simulated PBX");
    assert_true(caps->dwMediaModes & LINEMEDIAMODE_INTERACTIVEVOICE);
    assert_true(caps->dwMediaModes & LINEMEDIAMODE_DATAMODEM);
    assert_int_equal(caps->dwBearerModes & LINEBEARERMODE_VOICE, LINEBEARERMODE_VOICE);
    caps->dwTotalSize = 8;
    assert_int_equal(TSPI(TSPI_lineGetDevCaps)(0, 0x00020002, 0, caps), LINEERR_STRUCTURETOOSMALL);
    assert_int_equal(TSPI(TSPI_lineGetDevCaps)(99, 0x00020002, 0, caps), LINEERR_BADDEVICEID);

    memset(buf, 0, sizeof buf);
    ac->dwTotalSize = sizeof buf;
    assert_int_equal(TSPI(TSPI_lineGetAddressCaps)(1, 0, 0x00020002, 0, ac), 0);
    assert_string_equal(h_str(ac, ac->dwAddressSize, ac->dwAddressOffset), "102");
    assert_true(ac->dwCallFeatures & LINECALLFEATURE_SETUPTRANSFER);
    assert_true(ac->dwParkModes & LINEPARKMODE_NONDIRECTED);
    assert_int_equal(TSPI(TSPI_lineGetAddressCaps)(1, 1, 0x00020002, 0, ac),
                     LINEERR_INVALADDRESSID);

    memset(buf, 0, sizeof buf);
    pc->dwTotalSize = sizeof buf;
    assert_int_equal(TSPI(TSPI_phoneGetDevCaps)(2, 0x00020002, 0, pc), 0);
    assert_int_equal(pc->dwDisplayNumRows, 2);
    assert_int_equal(pc->dwDisplayNumColumns, 40);
    assert_int_equal(pc->dwHookSwitchDevs, PHONEHOOKSWITCHDEV_HANDSET | PHONEHOOKSWITCHDEV_SPEAKER);
    assert_int_equal(pc->dwButtonModesSize, pc->dwNumButtonLamps * sizeof(DWORD));
    assert_int_equal(((DWORD *)(buf + pc->dwButtonModesOffset))[0], PHONEBUTTONMODE_KEYPAD);
    pc->dwTotalSize = sizeof *pc + 8;
    assert_int_equal(TSPI(TSPI_phoneGetDevCaps)(2, 0x00020002, 0, pc), 0);
    assert_true(pc->dwNeededSize > pc->dwTotalSize);
    assert_true(pc->dwUsedSize <= pc->dwTotalSize);
    h_stop();
}

/* Version negotiation and lineGetID. */
static void test_negotiate_and_getid(void **state)
{
    union {
        VARSTRING vs;
        char buf[64];
    } u;
    DWORD v = 0, id;
    HDRVLINE hd;

    assert_int_equal(h_start(NULL), 0);
    assert_int_equal(TSPI(TSPI_lineNegotiateTSPIVersion)(0, 0x00010003, 0x00030000, &v), 0);
    assert_int_equal(v, 0x00020002);
    assert_int_equal(TSPI(TSPI_lineNegotiateTSPIVersion)(0, 0x00030000, 0x00030001, &v),
                     LINEERR_INCOMPATIBLEAPIVERSION);
    hd = h_open_line(2);
    assert_non_null(hd);
    memset(&u, 0, sizeof u);
    u.vs.dwTotalSize = sizeof u;
    assert_int_equal(
        TSPI(TSPI_lineGetID)(hd, 0, NULL, LINECALLSELECT_LINE, &u.vs, "tapi/line", NULL), 0);
    assert_int_equal(u.vs.dwStringSize, sizeof(DWORD));
    memcpy(&id, u.buf + u.vs.dwStringOffset, sizeof id);
    assert_int_equal(id, 2);
    assert_int_equal(TSPI(TSPI_lineGetID)(hd, 0, NULL, LINECALLSELECT_LINE, &u.vs, "comm", NULL),
                     LINEERR_INVALDEVICECLASS);
    assert_int_equal(TSPI(TSPI_lineGetNumAddressIDs)(hd, &id), 0);
    assert_int_equal(id, 1);
    assert_int_equal(TSPI(TSPI_lineGetAddressID)(hd, &id, LINEADDRESSMODE_DIALABLEADDR, "103", 4),
                     0);
    assert_int_equal(id, 0);
    assert_int_equal(TSPI(TSPI_lineClose)(hd), 0);
    h_stop();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_default_devices, t_teardown),
        cmocka_unit_test_teardown(test_config_ranges, t_teardown),
        cmocka_unit_test_teardown(test_config_errors, t_teardown),
        cmocka_unit_test_teardown(test_config_many, t_teardown),
        cmocka_unit_test_teardown(test_caps_short_buffers, t_teardown),
        cmocka_unit_test_teardown(test_negotiate_and_getid, t_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
