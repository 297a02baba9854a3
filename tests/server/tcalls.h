/*
 * tcalls.h — the TAPI calls tapixd's tests make through a raw client (rawclient.h): initialize,
 * open, make, answer and drop calls, each asserting what a working server answers, or giving
 * the result back where a test expects a refusal.
 */
#ifndef TAPIX_TEST_TCALLS_H
#define TAPIX_TEST_TCALLS_H

#include <stddef.h>
#include <stdint.h>

#include "rawclient.h"

#define API_VERSION 0x00020002

/** Says hello and initializes a line application; returns its HLINEAPP, the number of line
 * devices the client was told of in *num_devs. */
uint32_t t_init_n(struct raw_client *c, uint32_t *num_devs);

/** t_init_n(), asserting at least the four lines of the test switch. */
uint32_t t_init(struct raw_client *c);

/** lineOpen of device `dev`; returns its result, the HLINE in *hline (0 on failure). */
int32_t t_open_rc(struct raw_client *c, uint32_t happ, uint32_t dev, uint32_t privileges,
                  uint32_t *hline);

/** Opens line device `dev` (asserted to succeed); returns its HLINE. */
uint32_t t_open(struct raw_client *c, uint32_t happ, uint32_t dev, uint32_t privileges);

/** lineGetAddressCaps of address 0 of device `dev`; returns its result, the address into
 * `address` and LINEADDRESSCAPS' dwLineDeviceID into *line_device_id. */
int32_t t_address(struct raw_client *c, uint32_t happ, uint32_t dev, char *address, size_t size,
                  uint32_t *line_device_id);

/** Calls a function that takes one DWORD (lineDeallocateCall, lineClose, …); returns its
 * result. */
int32_t t_call1(struct raw_client *c, uint32_t fn, uint32_t arg);

/** Runs an asynchronous function and waits for its LINE_REPLY, asserted successful; returns the
 * reply's first output (a new HCALL) when `with_call`, else 0. */
uint32_t t_async(struct raw_client *c, uint32_t fn, const struct proto_value *args, size_t n,
                 bool with_call);

/** lineMakeCall on `hline` to `number`; returns the HCALL its reply carries. */
uint32_t t_make_call(struct raw_client *c, uint32_t hline, const char *number);

/** lineDrop or lineAnswer (same signature) on `hcall`, waiting for the reply. */
void t_drop_or_answer(struct raw_client *c, uint32_t fn, uint32_t hcall);

/** Waits for a new call on `hline` (LINE_APPNEWCALL); returns its HCALL. */
uint32_t t_incoming(struct raw_client *c, uint32_t hline);

/** lineGetDevCaps of device 0; asserts success and a trimmed structure. */
void t_devcaps_ok(struct raw_client *c, uint32_t happ);

#endif /* TAPIX_TEST_TCALLS_H */
