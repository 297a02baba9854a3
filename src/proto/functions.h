/*
 * functions.h — the stable numbering of TAPI functions on the wire of the client protocol.
 *
 * A Call names its function by ID, not by name. Every line*, phone* and tapi* function of
 * include/tapix/tapi.h has one here: line functions from 1, phone functions from 1001,
 * assisted telephony from 2001, each block in the order of tapi.h when the table was made.
 * A new function takes the next free ID of its block; an ID is never changed, reused or
 * removed (a function that goes away keeps its line, commented out). The unit test
 * tests/unit/test_proto_functions.c checks the table against tapi.h.
 *
 * The signature string has one letter per C parameter, in prototype order, saying how that
 * parameter travels (docs/protocol.md, "Parameters"):
 *
 *   d  DWORD in: a value, a handle, a count, a flag word      wire: dword
 *   p  DWORD_PTR or WPARAM in                                 wire: dword_ptr
 *   s  NUL-terminated string in (LPCSTR lpsz...)              wire: string or absent
 *   b  bytes in: a buffer sized by a DWORD parameter (lps..., LPCVOID), a fixed-size structure
 *      or an array of them                                    wire: blob or absent
 *   v  var-size structure in (dwTotalSize first)              wire: varstruct or absent
 *   o  output: a pointer the callee writes (LPDWORD, LPHCALL, an output structure or buffer)
 *                                                             wire: out(size) or absent
 *   x  meaningful only in the calling process (HWND, HINSTANCE, a callback)  wire: absent
 *   D  DWORD in and out (the *lpdwAPIVersion of ...InitializeEx)             wire: dword or absent
 *   B  bytes in and out (the lpParams of the ...DevSpecific / lineAgentSpecific functions)
 *                                                             wire: blob or absent
 *   V  var-size structure in and out (LINEINITIALIZEEXPARAMS)  wire: varstruct or absent
 *
 * The output letters (o, D, B, V) are the ones a Result's or a reply Event's outs answer.
 */
#ifndef TAPIX_PROTO_FUNCTIONS_H
#define TAPIX_PROTO_FUNCTIONS_H

#include <stddef.h>
#include <stdint.h>

/* clang-format off */
#define PROTO_FUNCTIONS(X) \
    X(1, lineInitialize, "oxxso") \
    X(2, lineInitializeEx, "oxxsoDV") \
    X(3, lineShutdown, "d") \
    X(4, lineNegotiateAPIVersion, "ddddoo") \
    X(5, lineNegotiateExtVersion, "dddddo") \
    X(6, lineGetMessage, "dod") \
    X(7, lineOpen, "ddoddpddv") \
    X(8, lineClose, "d") \
    X(9, lineGetDevCaps, "ddddo") \
    X(10, lineGetLineDevStatus, "do") \
    X(11, lineGetID, "ddddos") \
    X(12, lineGetIcon, "dso") \
    X(13, lineGetDevConfig, "dos") \
    X(14, lineSetDevConfig, "dbds") \
    X(15, lineConfigDialog, "dxs") \
    X(16, lineConfigDialogEdit, "dxsbdo") \
    X(17, lineSetLineDevStatus, "ddd") \
    X(18, lineGetStatusMessages, "doo") \
    X(19, lineSetStatusMessages, "ddd") \
    X(20, lineSetTerminal, "ddddddd") \
    X(21, lineDevSpecific, "dddBd") \
    X(22, lineDevSpecificFeature, "ddBd") \
    X(23, lineGetAddressCaps, "dddddo") \
    X(24, lineGetAddressID, "dodbd") \
    X(25, lineGetAddressStatus, "ddo") \
    X(26, lineGetNumRings, "ddo") \
    X(27, lineSetNumRings, "ddd") \
    X(28, lineMakeCall, "dosdv") \
    X(29, lineDial, "dsd") \
    X(30, lineAccept, "dbd") \
    X(31, lineAnswer, "dbd") \
    X(32, lineRedirect, "dsd") \
    X(33, lineDrop, "dbd") \
    X(34, lineDeallocateCall, "d") \
    X(35, lineSecureCall, "d") \
    X(36, lineSendUserUserInfo, "dbd") \
    X(37, lineReleaseUserUserInfo, "d") \
    X(38, lineGetCallInfo, "do") \
    X(39, lineGetCallStatus, "do") \
    X(40, lineGetNewCalls, "dddo") \
    X(41, lineGetConfRelatedCalls, "do") \
    X(42, lineSetCallPrivilege, "dd") \
    X(43, lineHandoff, "dsd") \
    X(44, lineSetAppSpecific, "dd") \
    X(45, lineSetCallData, "dbd") \
    X(46, lineSetCallParams, "ddddb") \
    X(47, lineSetCallQualityOfService, "dbdbd") \
    X(48, lineSetCallTreatment, "dd") \
    X(49, lineSetMediaMode, "dd") \
    X(50, lineHold, "d") \
    X(51, lineUnhold, "d") \
    X(52, lineSwapHold, "dd") \
    X(53, lineBlindTransfer, "dsd") \
    X(54, lineSetupTransfer, "dov") \
    X(55, lineCompleteTransfer, "ddod") \
    X(56, lineSetupConference, "ddoodv") \
    X(57, linePrepareAddToConference, "dov") \
    X(58, lineAddToConference, "dd") \
    X(59, lineRemoveFromConference, "d") \
    X(60, linePark, "ddso") \
    X(61, lineUnpark, "ddos") \
    X(62, linePickup, "ddoss") \
    X(63, lineForward, "dddvdov") \
    X(64, lineCompleteCall, "dodd") \
    X(65, lineUncompleteCall, "dd") \
    X(66, lineMonitorDigits, "dd") \
    X(67, lineGatherDigits, "ddodsdd") \
    X(68, lineGenerateDigits, "ddsd") \
    X(69, lineGenerateTone, "ddddb") \
    X(70, lineMonitorMedia, "dd") \
    X(71, lineMonitorTones, "dbd") \
    X(72, lineSetMediaControl, "ddddbdbdbdbd") \
    X(73, lineGetAppPriority, "sdodoo") \
    X(74, lineSetAppPriority, "sdbdsd") \
    X(75, lineRegisterRequestRecipient, "dddd") \
    X(76, lineGetRequest, "ddo") \
    X(77, lineTranslateAddress, "dddsddo") \
    X(78, lineTranslateDialog, "dddxs") \
    X(79, lineGetTranslateCaps, "ddo") \
    X(80, lineSetCurrentLocation, "dd") \
    X(81, lineSetTollList, "ddsd") \
    X(82, lineGetCountry, "ddo") \
    X(83, lineGetProviderList, "do") \
    X(84, lineAddProvider, "sxo") \
    X(85, lineConfigProvider, "xd") \
    X(86, lineRemoveProvider, "dx") \
    X(87, lineAgentSpecific, "dddBd") \
    X(88, lineGetAgentCaps, "ddddo") \
    X(89, lineGetAgentStatus, "ddo") \
    X(90, lineGetAgentActivityList, "ddo") \
    X(91, lineGetAgentGroupList, "ddo") \
    X(92, lineSetAgentActivity, "ddd") \
    X(93, lineSetAgentGroup, "ddv") \
    X(94, lineSetAgentState, "dddd") \
    X(95, lineCreateAgent, "dsso") \
    X(96, lineGetAgentInfo, "ddo") \
    X(97, lineSetAgentMeasurementPeriod, "ddd") \
    X(98, lineSetAgentStateEx, "dddd") \
    X(99, lineCreateAgentSession, "ddsdbo") \
    X(100, lineGetAgentSessionList, "ddo") \
    X(101, lineGetAgentSessionInfo, "ddo") \
    X(102, lineSetAgentSessionState, "dddd") \
    X(103, lineGetGroupList, "do") \
    X(104, lineGetQueueList, "dbo") \
    X(105, lineGetQueueInfo, "ddo") \
    X(106, lineSetQueueMeasurementPeriod, "ddd") \
    X(107, lineGetProxyStatus, "dddo") \
    X(108, lineProxyMessage, "dddddd") \
    X(109, lineProxyResponse, "dvd") \
    X(110, lineGetCallIDs, "dooo") \
    X(111, lineGetCallHubTracking, "do") \
    X(112, lineSetCallHubTracking, "dv") \
    X(113, lineGetHubRelatedCalls, "ddo") \
    X(1001, phoneInitialize, "oxxso") \
    X(1002, phoneInitializeEx, "oxxsoDV") \
    X(1003, phoneShutdown, "d") \
    X(1004, phoneNegotiateAPIVersion, "ddddoo") \
    X(1005, phoneNegotiateExtVersion, "dddddo") \
    X(1006, phoneGetMessage, "dod") \
    X(1007, phoneOpen, "ddoddpd") \
    X(1008, phoneClose, "d") \
    X(1009, phoneGetDevCaps, "ddddo") \
    X(1010, phoneGetStatus, "do") \
    X(1011, phoneGetID, "dos") \
    X(1012, phoneGetIcon, "dso") \
    X(1013, phoneConfigDialog, "dxs") \
    X(1014, phoneGetStatusMessages, "dooo") \
    X(1015, phoneSetStatusMessages, "dddd") \
    X(1016, phoneDevSpecific, "dBd") \
    X(1017, phoneGetHookSwitch, "do") \
    X(1018, phoneSetHookSwitch, "ddd") \
    X(1019, phoneGetVolume, "ddo") \
    X(1020, phoneSetVolume, "ddd") \
    X(1021, phoneGetGain, "ddo") \
    X(1022, phoneSetGain, "ddd") \
    X(1023, phoneGetRing, "doo") \
    X(1024, phoneSetRing, "ddd") \
    X(1025, phoneGetDisplay, "do") \
    X(1026, phoneSetDisplay, "dddbd") \
    X(1027, phoneGetLamp, "ddo") \
    X(1028, phoneSetLamp, "ddd") \
    X(1029, phoneGetButtonInfo, "ddo") \
    X(1030, phoneSetButtonInfo, "ddv") \
    X(1031, phoneGetData, "ddod") \
    X(1032, phoneSetData, "ddbd") \
    X(2001, tapiGetLocationInfo, "oo") \
    X(2002, tapiRequestMakeCall, "ssss") \
    X(2003, tapiRequestMediaCall, "xpsbddssss") \
    X(2004, tapiRequestDrop, "xp")
/* clang-format on */

/** The IDs by name: PROTO_FN_lineMakeCall, ... */
enum proto_function_id {
    PROTO_FN_NONE = 0, /* never a function: a Call without one is refused */
#define PROTO_FN_ENUM(id, name, sig) PROTO_FN_##name = id,
    PROTO_FUNCTIONS(PROTO_FN_ENUM)
#undef PROTO_FN_ENUM
};

/** One row of the table. */
struct proto_function {
    uint32_t id;
    const char *name;      /* the TAPI name, e.g. "lineMakeCall" */
    const char *signature; /* one letter per parameter, see above */
    uint32_t nparams;      /* strlen(signature) */
};

/**
 * Returns the row of function `id`, or NULL when no function has that ID. The row is static:
 * never freed, valid for the life of the program. Does not block.
 */
const struct proto_function *proto_function_find(uint32_t id);

/** Returns the number of rows in the table. */
size_t proto_function_count(void);

/** Returns row `index` (0 <= index < proto_function_count()), in ascending ID order. */
const struct proto_function *proto_function_at(size_t index);

/** Returns 1 when signature letter `letter` is an output (o, D, B, V), else 0. */
int proto_param_is_output(char letter);

#endif /* TAPIX_PROTO_FUNCTIONS_H */
