/*
 * tapi.h — the TAPI 2.2 application interface of tapix: line devices, phone devices and
 * assisted telephony, as Microsoft documents them, for POSIX systems.
 *
 * An application written against Microsoft's TAPI 2.x ports by recompiling: the handles,
 * messages, constants, structures and functions keep their Windows names, numeric values and
 * member order. What differs, and why:
 *
 *   - Strings are UTF-8 (`char`). Windows' A/W function pairs (lineInitializeExA/W, ...)
 *     collapse to one name without suffix: lineInitializeEx, lineGetDevCaps, lineMakeCall.
 *     The TAPI 1.x entry points lineInitialize and phoneInitialize remain.
 *   - Structures use the platform's natural alignment (Windows packs them); source code that
 *     uses sizeof and offsets through the dw...Size/dw...Offset members is unaffected.
 *   - Messages are delivered through a callback or a queue read with lineGetMessage /
 *     phoneGetMessage. With LINEINITIALIZEEXOPTION_USEEVENT (or PHONEINITIALIZEEXOPTION_USEEVENT),
 *     lineInitializeEx returns in Handles.hEvent a file descriptor — an eventfd that is
 *     readable while a message is queued — to poll() or add to an event loop; convert it with
 *     TAPIX_HANDLE_TO_FD(h) from <tapix/tapix.h>. The hidden-window and completion-port options
 *     have no POSIX meaning and fail with LINEERR_INVALPARAM (PHONEERR_INVALPARAM).
 *   - Dialogs (lineConfigDialog, lineTranslateDialog, ...) take an HWND for source
 *     compatibility; what they do without a window system is up to the implementation.
 *
 * Every function returns a LONG: zero or a positive request identifier on success (the
 * asynchronous ones later deliver exactly one LINE_REPLY or PHONE_REPLY for it), or a negative
 * LINEERR_/PHONEERR_/TAPIERR_ code.
 *
 * TAPI_CURRENT_VERSION selects the structure layouts: structure members that Microsoft added in
 * TAPI 3.0/3.1 exist only when it is at least 0x00030000 (0x00030001 for 3.1), as in Microsoft's
 * header. Everything up to TAPI 2.2 is always present. Define it before including this file to
 * change it. Constants carry no version condition: they are plain numbers.
 *
 * The Windows base types (DWORD, LONG, DWORD_PTR, HANDLE, LPCSTR, GUID, ...) come from
 * tapitypes.h; the few more that TAPI's structures need are defined below.
 */
#ifndef TAPIX_TAPI_H
#define TAPIX_TAPI_H

#include "tapitypes.h"

#ifndef TAPI_CURRENT_VERSION
#define TAPI_CURRENT_VERSION 0x00020002
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Windows types used by TAPI's structures beyond those of tapitypes.h
 * ------------------------------------------------------------------------------------------- */

#ifndef TAPIX_WPARAM_DEFINED
#define TAPIX_WPARAM_DEFINED
/** A window-message parameter; only the request identifier of tapiRequestDrop uses it. */
typedef uintptr_t WPARAM;
#endif

#ifndef TAPIX_SYSTEMTIME_DEFINED
#define TAPIX_SYSTEMTIME_DEFINED
/** A broken-down time, as Windows has it (LINECALLSTATUS.tStateEntryTime is in UTC). */
typedef struct _SYSTEMTIME {
    WORD wYear;
    WORD wMonth;     /* 1 = January */
    WORD wDayOfWeek; /* 0 = Sunday */
    WORD wDay;
    WORD wHour;
    WORD wMinute;
    WORD wSecond;
    WORD wMilliseconds;
} SYSTEMTIME, *LPSYSTEMTIME;
#endif

#ifndef TAPIX_CURRENCY_DEFINED
#define TAPIX_CURRENCY_DEFINED
/** A fixed-point number scaled by 10,000 (the OLE CURRENCY type) used by the ACD statistics. */
typedef union tagCY {
    struct {
        DWORD Lo;
        LONG Hi;
    };
    int64_t int64;
} CY, CURRENCY;
#endif

#ifndef TAPIX_DATE_DEFINED
#define TAPIX_DATE_DEFINED
/** An OLE automation date: days since 1899-12-30, the fraction being the time of day. */
typedef double DATE;
#endif

/* ---------------------------------------------------------------------------------------------
 * Handles
 *
 * Application handles are 32-bit numbers chosen by tapix, not pointers. Zero is never a valid
 * handle.
 * ------------------------------------------------------------------------------------------- */

typedef DWORD HCALL, *LPHCALL;
typedef DWORD HCALLHUB, *LPHCALLHUB;
typedef DWORD HLINE, *LPHLINE;
typedef DWORD HPHONE, *LPHPHONE;
typedef DWORD HLINEAPP, *LPHLINEAPP;
typedef DWORD HPHONEAPP, *LPHPHONEAPP;
typedef DWORD HAGENTSESSION, *LPHAGENTSESSION;
typedef DWORD HAGENT, *LPHAGENT;
typedef DWORD HPRIVATECHANNEL, *LPHPRIVATECHANNEL;

/**
 * The message callbacks of lineInitialize(Ex) and phoneInitialize(Ex). hDevice is the line, call
 * or phone handle the message is about; dwInstance is the value the application gave to lineOpen
 * or phoneOpen. Never called from inside the function whose request it reports.
 */
typedef void(CALLBACK *LINECALLBACK)(DWORD hDevice, DWORD dwMessage, DWORD_PTR dwInstance,
                                     DWORD_PTR dwParam1, DWORD_PTR dwParam2, DWORD_PTR dwParam3);
typedef void(CALLBACK *PHONECALLBACK)(DWORD hDevice, DWORD dwMessage, DWORD_PTR dwInstance,
                                      DWORD_PTR dwParam1, DWORD_PTR dwParam2, DWORD_PTR dwParam3);

/* ---------------------------------------------------------------------------------------------
 * Messages
 * ------------------------------------------------------------------------------------------- */

/* Message identifiers (LINEMESSAGE/PHONEMESSAGE.dwMessageID, the callbacks' dwMessage). */
#define LINE_ADDRESSSTATE                           0
#define LINE_CALLINFO                               1
#define LINE_CALLSTATE                              2
#define LINE_CLOSE                                  3
#define LINE_DEVSPECIFIC                            4
#define LINE_DEVSPECIFICFEATURE                     5
#define LINE_GATHERDIGITS                           6
#define LINE_GENERATE                               7
#define LINE_LINEDEVSTATE                           8
#define LINE_MONITORDIGITS                          9
#define LINE_MONITORMEDIA                           10
#define LINE_MONITORTONE                            11
#define LINE_REPLY                                  12
#define LINE_REQUEST                                13
#define PHONE_BUTTON                                14
#define PHONE_CLOSE                                 15
#define PHONE_DEVSPECIFIC                           16
#define PHONE_REPLY                                 17
#define PHONE_STATE                                 18
#define LINE_CREATE                                 19
#define PHONE_CREATE                                20
#define LINE_AGENTSPECIFIC                          21
#define LINE_AGENTSTATUS                            22
#define LINE_APPNEWCALL                             23
#define LINE_PROXYREQUEST                           24
#define LINE_REMOVE                                 25
#define PHONE_REMOVE                                26
#define LINE_AGENTSESSIONSTATUS                     27
#define LINE_QUEUESTATUS                            28
#define LINE_AGENTSTATUSEX                          29
#define LINE_GROUPSTATUS                            30
#define LINE_PROXYSTATUS                            31
#define LINE_APPNEWCALLHUB                          32
#define LINE_CALLHUBCLOSE                           33
#define LINE_DEVSPECIFICEX                          34

/* The device ID with which TAPI negotiates the TSPI version of a whole provider, before any
 * device exists (TSPI_lineNegotiateTSPIVersion). */
#define INITIALIZE_NEGOTIATION                      0xFFFFFFFF

/* ---------------------------------------------------------------------------------------------
 * Error codes
 *
 * Defined as negative LONGs so that `if (rc < 0)` and comparisons with a LONG result work.
 * The gaps in the numbering are Microsoft's.
 * ------------------------------------------------------------------------------------------- */

/* Line errors: negative LONG results of the line functions and of LINE_REPLY dwParam2. */
#define LINEERR_ALLOCATED                           ((LONG)0x80000001)
#define LINEERR_BADDEVICEID                         ((LONG)0x80000002)
#define LINEERR_BEARERMODEUNAVAIL                   ((LONG)0x80000003)
#define LINEERR_CALLUNAVAIL                         ((LONG)0x80000005)
#define LINEERR_COMPLETIONOVERRUN                   ((LONG)0x80000006)
#define LINEERR_CONFERENCEFULL                      ((LONG)0x80000007)
#define LINEERR_DIALBILLING                         ((LONG)0x80000008)
#define LINEERR_DIALDIALTONE                        ((LONG)0x80000009)
#define LINEERR_DIALPROMPT                          ((LONG)0x8000000A)
#define LINEERR_DIALQUIET                           ((LONG)0x8000000B)
#define LINEERR_INCOMPATIBLEAPIVERSION              ((LONG)0x8000000C)
#define LINEERR_INCOMPATIBLEEXTVERSION              ((LONG)0x8000000D)
#define LINEERR_INIFILECORRUPT                      ((LONG)0x8000000E)
#define LINEERR_INUSE                               ((LONG)0x8000000F)
#define LINEERR_INVALADDRESS                        ((LONG)0x80000010)
#define LINEERR_INVALADDRESSID                      ((LONG)0x80000011)
#define LINEERR_INVALADDRESSMODE                    ((LONG)0x80000012)
#define LINEERR_INVALADDRESSSTATE                   ((LONG)0x80000013)
#define LINEERR_INVALAPPHANDLE                      ((LONG)0x80000014)
#define LINEERR_INVALAPPNAME                        ((LONG)0x80000015)
#define LINEERR_INVALBEARERMODE                     ((LONG)0x80000016)
#define LINEERR_INVALCALLCOMPLMODE                  ((LONG)0x80000017)
#define LINEERR_INVALCALLHANDLE                     ((LONG)0x80000018)
#define LINEERR_INVALCALLPARAMS                     ((LONG)0x80000019)
#define LINEERR_INVALCALLPRIVILEGE                  ((LONG)0x8000001A)
#define LINEERR_INVALCALLSELECT                     ((LONG)0x8000001B)
#define LINEERR_INVALCALLSTATE                      ((LONG)0x8000001C)
#define LINEERR_INVALCALLSTATELIST                  ((LONG)0x8000001D)
#define LINEERR_INVALCARD                           ((LONG)0x8000001E)
#define LINEERR_INVALCOMPLETIONID                   ((LONG)0x8000001F)
#define LINEERR_INVALCONFCALLHANDLE                 ((LONG)0x80000020)
#define LINEERR_INVALCONSULTCALLHANDLE              ((LONG)0x80000021)
#define LINEERR_INVALCOUNTRYCODE                    ((LONG)0x80000022)
#define LINEERR_INVALDEVICECLASS                    ((LONG)0x80000023)
#define LINEERR_INVALDEVICEHANDLE                   ((LONG)0x80000024)
#define LINEERR_INVALDIALPARAMS                     ((LONG)0x80000025)
#define LINEERR_INVALDIGITLIST                      ((LONG)0x80000026)
#define LINEERR_INVALDIGITMODE                      ((LONG)0x80000027)
#define LINEERR_INVALDIGITS                         ((LONG)0x80000028)
#define LINEERR_INVALEXTVERSION                     ((LONG)0x80000029)
#define LINEERR_INVALGROUPID                        ((LONG)0x8000002A)
#define LINEERR_INVALLINEHANDLE                     ((LONG)0x8000002B)
#define LINEERR_INVALLINESTATE                      ((LONG)0x8000002C)
#define LINEERR_INVALLOCATION                       ((LONG)0x8000002D)
#define LINEERR_INVALMEDIALIST                      ((LONG)0x8000002E)
#define LINEERR_INVALMEDIAMODE                      ((LONG)0x8000002F)
#define LINEERR_INVALMESSAGEID                      ((LONG)0x80000030)
#define LINEERR_INVALPARAM                          ((LONG)0x80000032)
#define LINEERR_INVALPARKID                         ((LONG)0x80000033)
#define LINEERR_INVALPARKMODE                       ((LONG)0x80000034)
#define LINEERR_INVALPOINTER                        ((LONG)0x80000035)
#define LINEERR_INVALPRIVSELECT                     ((LONG)0x80000036)
#define LINEERR_INVALRATE                           ((LONG)0x80000037)
#define LINEERR_INVALREQUESTMODE                    ((LONG)0x80000038)
#define LINEERR_INVALTERMINALID                     ((LONG)0x80000039)
#define LINEERR_INVALTERMINALMODE                   ((LONG)0x8000003A)
#define LINEERR_INVALTIMEOUT                        ((LONG)0x8000003B)
#define LINEERR_INVALTONE                           ((LONG)0x8000003C)
#define LINEERR_INVALTONELIST                       ((LONG)0x8000003D)
#define LINEERR_INVALTONEMODE                       ((LONG)0x8000003E)
#define LINEERR_INVALTRANSFERMODE                   ((LONG)0x8000003F)
#define LINEERR_LINEMAPPERFAILED                    ((LONG)0x80000040)
#define LINEERR_NOCONFERENCE                        ((LONG)0x80000041)
#define LINEERR_NODEVICE                            ((LONG)0x80000042)
#define LINEERR_NODRIVER                            ((LONG)0x80000043)
#define LINEERR_NOMEM                               ((LONG)0x80000044)
#define LINEERR_NOREQUEST                           ((LONG)0x80000045)
#define LINEERR_NOTOWNER                            ((LONG)0x80000046)
#define LINEERR_NOTREGISTERED                       ((LONG)0x80000047)
#define LINEERR_OPERATIONFAILED                     ((LONG)0x80000048)
#define LINEERR_OPERATIONUNAVAIL                    ((LONG)0x80000049)
#define LINEERR_RATEUNAVAIL                         ((LONG)0x8000004A)
#define LINEERR_RESOURCEUNAVAIL                     ((LONG)0x8000004B)
#define LINEERR_REQUESTOVERRUN                      ((LONG)0x8000004C)
#define LINEERR_STRUCTURETOOSMALL                   ((LONG)0x8000004D)
#define LINEERR_TARGETNOTFOUND                      ((LONG)0x8000004E)
#define LINEERR_TARGETSELF                          ((LONG)0x8000004F)
#define LINEERR_UNINITIALIZED                       ((LONG)0x80000050)
#define LINEERR_USERUSERINFOTOOBIG                  ((LONG)0x80000051)
#define LINEERR_REINIT                              ((LONG)0x80000052)
#define LINEERR_ADDRESSBLOCKED                      ((LONG)0x80000053)
#define LINEERR_BILLINGREJECTED                     ((LONG)0x80000054)
#define LINEERR_INVALFEATURE                        ((LONG)0x80000055)
#define LINEERR_NOMULTIPLEINSTANCE                  ((LONG)0x80000056)
#define LINEERR_INVALAGENTID                        ((LONG)0x80000057)
#define LINEERR_INVALAGENTGROUP                     ((LONG)0x80000058)
#define LINEERR_INVALPASSWORD                       ((LONG)0x80000059)
#define LINEERR_INVALAGENTSTATE                     ((LONG)0x8000005A)
#define LINEERR_INVALAGENTACTIVITY                  ((LONG)0x8000005B)
#define LINEERR_DIALVOICEDETECT                     ((LONG)0x8000005C)
#define LINEERR_USERCANCELLED                       ((LONG)0x8000005D)
#define LINEERR_INVALADDRESSTYPE                    ((LONG)0x8000005E)
#define LINEERR_INVALAGENTSESSIONSTATE              ((LONG)0x8000005F)
#define LINEERR_DISCONNECTED                        ((LONG)0x80000060)
#define LINEERR_SERVICE_NOT_RUNNING                 ((LONG)0x80000061)

/* Phone errors: negative LONG results of the phone functions and of PHONE_REPLY dwParam2. */
#define PHONEERR_ALLOCATED                          ((LONG)0x90000001)
#define PHONEERR_BADDEVICEID                        ((LONG)0x90000002)
#define PHONEERR_INCOMPATIBLEAPIVERSION             ((LONG)0x90000003)
#define PHONEERR_INCOMPATIBLEEXTVERSION             ((LONG)0x90000004)
#define PHONEERR_INIFILECORRUPT                     ((LONG)0x90000005)
#define PHONEERR_INUSE                              ((LONG)0x90000006)
#define PHONEERR_INVALAPPHANDLE                     ((LONG)0x90000007)
#define PHONEERR_INVALAPPNAME                       ((LONG)0x90000008)
#define PHONEERR_INVALBUTTONLAMPID                  ((LONG)0x90000009)
#define PHONEERR_INVALBUTTONMODE                    ((LONG)0x9000000A)
#define PHONEERR_INVALBUTTONSTATE                   ((LONG)0x9000000B)
#define PHONEERR_INVALDATAID                        ((LONG)0x9000000C)
#define PHONEERR_INVALDEVICECLASS                   ((LONG)0x9000000D)
#define PHONEERR_INVALEXTVERSION                    ((LONG)0x9000000E)
#define PHONEERR_INVALHOOKSWITCHDEV                 ((LONG)0x9000000F)
#define PHONEERR_INVALHOOKSWITCHMODE                ((LONG)0x90000010)
#define PHONEERR_INVALLAMPMODE                      ((LONG)0x90000011)
#define PHONEERR_INVALPARAM                         ((LONG)0x90000012)
#define PHONEERR_INVALPHONEHANDLE                   ((LONG)0x90000013)
#define PHONEERR_INVALPHONESTATE                    ((LONG)0x90000014)
#define PHONEERR_INVALPOINTER                       ((LONG)0x90000015)
#define PHONEERR_INVALPRIVILEGE                     ((LONG)0x90000016)
#define PHONEERR_INVALRINGMODE                      ((LONG)0x90000017)
#define PHONEERR_NODEVICE                           ((LONG)0x90000018)
#define PHONEERR_NODRIVER                           ((LONG)0x90000019)
#define PHONEERR_NOMEM                              ((LONG)0x9000001A)
#define PHONEERR_NOTOWNER                           ((LONG)0x9000001B)
#define PHONEERR_OPERATIONFAILED                    ((LONG)0x9000001C)
#define PHONEERR_OPERATIONUNAVAIL                   ((LONG)0x9000001D)
#define PHONEERR_RESOURCEUNAVAIL                    ((LONG)0x9000001F)
#define PHONEERR_REQUESTOVERRUN                     ((LONG)0x90000020)
#define PHONEERR_STRUCTURETOOSMALL                  ((LONG)0x90000021)
#define PHONEERR_UNINITIALIZED                      ((LONG)0x90000022)
#define PHONEERR_REINIT                             ((LONG)0x90000023)
#define PHONEERR_DISCONNECTED                       ((LONG)0x90000024)
#define PHONEERR_SERVICE_NOT_RUNNING                ((LONG)0x90000025)

/* Assisted-telephony results (tapiRequestMakeCall and friends). */
#define TAPIERR_CONNECTED                           ((LONG)0)
#define TAPIERR_DROPPED                             ((LONG)-1)
#define TAPIERR_NOREQUESTRECIPIENT                  ((LONG)-2)
#define TAPIERR_REQUESTQUEUEFULL                    ((LONG)-3)
#define TAPIERR_INVALDESTADDRESS                    ((LONG)-4)
#define TAPIERR_INVALWINDOWHANDLE                   ((LONG)-5)
#define TAPIERR_INVALDEVICECLASS                    ((LONG)-6)
#define TAPIERR_INVALDEVICEID                       ((LONG)-7)
#define TAPIERR_DEVICECLASSUNAVAIL                  ((LONG)-8)
#define TAPIERR_DEVICEIDUNAVAIL                     ((LONG)-9)
#define TAPIERR_DEVICEINUSE                         ((LONG)-10)
#define TAPIERR_DESTBUSY                            ((LONG)-11)
#define TAPIERR_DESTNOANSWER                        ((LONG)-12)
#define TAPIERR_DESTUNAVAIL                         ((LONG)-13)
#define TAPIERR_UNKNOWNWINHANDLE                    ((LONG)-14)
#define TAPIERR_UNKNOWNREQUESTID                    ((LONG)-15)
#define TAPIERR_REQUESTFAILED                       ((LONG)-16)
#define TAPIERR_REQUESTCANCELLED                    ((LONG)-17)
#define TAPIERR_INVALPOINTER                        ((LONG)-18)
#define TAPIERR_NOTADMIN                            ((LONG)-19)
#define TAPIERR_MMCWRITELOCKED                      ((LONG)-20)
#define TAPIERR_PROVIDERALREADYINSTALLED            ((LONG)-21)
#define TAPIERR_SCP_ALREADY_EXISTS                  ((LONG)-22)
#define TAPIERR_SCP_DOES_NOT_EXIST                  ((LONG)-23)

/**
 * Maps a LINEERR_, PHONEERR_ or TAPIERR_ code to the index of its text in Windows' TAPI message
 * table (LINEERR_ to 0xE000 + n, PHONEERR_ to 0xF000 + n, TAPIERR_ to its low 16 bits).
 */
#define TAPIERROR_FORMATMESSAGE(e)                                                                 \
    (((DWORD)(e) > 0xFFFF0000u)   ? ((DWORD)(e)&0x0000FFFFu)                                      \
     : ((DWORD)(e)&0x10000000u) ? ((DWORD)(e)-0x90000000u + 0xF000u)                              \
                                : ((DWORD)(e)-0x80000000u + 0xE000u))

/* ---------------------------------------------------------------------------------------------
 * Line device constants
 *
 * Most families are bit flags: a capability member holds the OR of what is supported, a state
 * member holds exactly one. Scalar families are marked as such.
 * ------------------------------------------------------------------------------------------- */

/* The device ID that lets lineOpen pick any line able to handle the given LINECALLPARAMS. */
#define LINEMAPPER                                  0xFFFFFFFF

/* Boolean capabilities of an address (LINEADDRESSCAPS.dwAddrCapFlags). */
#define LINEADDRCAPFLAGS_FWDNUMRINGS                0x00000001
#define LINEADDRCAPFLAGS_PICKUPGROUPID              0x00000002
#define LINEADDRCAPFLAGS_SECURE                     0x00000004
#define LINEADDRCAPFLAGS_BLOCKIDDEFAULT             0x00000008
#define LINEADDRCAPFLAGS_BLOCKIDOVERRIDE            0x00000010
#define LINEADDRCAPFLAGS_DIALED                     0x00000020
#define LINEADDRCAPFLAGS_ORIGOFFHOOK                0x00000040
#define LINEADDRCAPFLAGS_DESTOFFHOOK                0x00000080
#define LINEADDRCAPFLAGS_FWDCONSULT                 0x00000100
#define LINEADDRCAPFLAGS_SETUPCONFNULL              0x00000200
#define LINEADDRCAPFLAGS_AUTORECONNECT              0x00000400
#define LINEADDRCAPFLAGS_COMPLETIONID               0x00000800
#define LINEADDRCAPFLAGS_TRANSFERHELD               0x00001000
#define LINEADDRCAPFLAGS_TRANSFERMAKE               0x00002000
#define LINEADDRCAPFLAGS_CONFERENCEHELD             0x00004000
#define LINEADDRCAPFLAGS_CONFERENCEMAKE             0x00008000
#define LINEADDRCAPFLAGS_PARTIALDIAL                0x00010000
#define LINEADDRCAPFLAGS_FWDSTATUSVALID             0x00020000
#define LINEADDRCAPFLAGS_FWDINTEXTADDR              0x00040000
#define LINEADDRCAPFLAGS_FWDBUSYNAADDR              0x00080000
#define LINEADDRCAPFLAGS_ACCEPTTOALERT              0x00100000
#define LINEADDRCAPFLAGS_CONFDROP                   0x00200000
#define LINEADDRCAPFLAGS_PICKUPCALLWAIT             0x00400000
#define LINEADDRCAPFLAGS_PREDICTIVEDIALER           0x00800000
#define LINEADDRCAPFLAGS_QUEUE                      0x01000000
#define LINEADDRCAPFLAGS_ROUTEPOINT                 0x02000000
#define LINEADDRCAPFLAGS_HOLDMAKESNEW               0x04000000
#define LINEADDRCAPFLAGS_NOINTERNALCALLS            0x08000000
#define LINEADDRCAPFLAGS_NOEXTERNALCALLS            0x10000000
#define LINEADDRCAPFLAGS_SETCALLINGID               0x20000000
#define LINEADDRCAPFLAGS_ACDGROUP                   0x40000000
#define LINEADDRCAPFLAGS_NOPSTNADDRESSTRANSLATION   0x80000000

/* How an address is named to a function: by its identifier or by its dialable address. */
#define LINEADDRESSMODE_ADDRESSID                   0x00000001
#define LINEADDRESSMODE_DIALABLEADDR                0x00000002

/* How an address is shared with other stations (LINEADDRESSCAPS.dwAddressSharing). */
#define LINEADDRESSSHARING_PRIVATE                  0x00000001
#define LINEADDRESSSHARING_BRIDGEDEXCL              0x00000002
#define LINEADDRESSSHARING_BRIDGEDNEW               0x00000004
#define LINEADDRESSSHARING_BRIDGEDSHARED            0x00000008
#define LINEADDRESSSHARING_MONITORED                0x00000010

/* Address status items; also the LINE_ADDRESSSTATE message mask of lineSetStatusMessages. */
#define LINEADDRESSSTATE_OTHER                      0x00000001
#define LINEADDRESSSTATE_DEVSPECIFIC                0x00000002
#define LINEADDRESSSTATE_INUSEZERO                  0x00000004
#define LINEADDRESSSTATE_INUSEONE                   0x00000008
#define LINEADDRESSSTATE_INUSEMANY                  0x00000010
#define LINEADDRESSSTATE_NUMCALLS                   0x00000020
#define LINEADDRESSSTATE_FORWARD                    0x00000040
#define LINEADDRESSSTATE_TERMINALS                  0x00000080
#define LINEADDRESSSTATE_CAPSCHANGE                 0x00000100

/* Kinds of address a line understands (TAPI 3.0 onwards in structures, harmless before). */
#define LINEADDRESSTYPE_PHONENUMBER                 0x00000001
#define LINEADDRESSTYPE_SDP                         0x00000002
#define LINEADDRESSTYPE_EMAILNAME                   0x00000004
#define LINEADDRESSTYPE_DOMAINNAME                  0x00000008
#define LINEADDRESSTYPE_IPADDRESS                   0x00000010

/* Address-level operations currently possible (dwAddressFeatures). */
#define LINEADDRFEATURE_FORWARD                     0x00000001
#define LINEADDRFEATURE_MAKECALL                    0x00000002
#define LINEADDRFEATURE_PICKUP                      0x00000004
#define LINEADDRFEATURE_SETMEDIACONTROL             0x00000008
#define LINEADDRFEATURE_SETTERMINAL                 0x00000010
#define LINEADDRFEATURE_SETUPCONF                   0x00000020
#define LINEADDRFEATURE_UNCOMPLETECALL              0x00000040
#define LINEADDRFEATURE_UNPARK                      0x00000080
#define LINEADDRFEATURE_PICKUPHELD                  0x00000100
#define LINEADDRFEATURE_PICKUPGROUP                 0x00000200
#define LINEADDRFEATURE_PICKUPDIRECT                0x00000400
#define LINEADDRFEATURE_PICKUPWAITING               0x00000800
#define LINEADDRFEATURE_FORWARDFWD                  0x00001000
#define LINEADDRFEATURE_FORWARDDND                  0x00002000

/* What happens to an active call when another call on the line is answered. */
#define LINEANSWERMODE_NONE                         0x00000001
#define LINEANSWERMODE_DROP                         0x00000002
#define LINEANSWERMODE_HOLD                         0x00000004

/* Bearer (transport) modes of a call. */
#define LINEBEARERMODE_VOICE                        0x00000001
#define LINEBEARERMODE_SPEECH                       0x00000002
#define LINEBEARERMODE_MULTIUSE                     0x00000004
#define LINEBEARERMODE_DATA                         0x00000008
#define LINEBEARERMODE_ALTSPEECHDATA                0x00000010
#define LINEBEARERMODE_NONCALLSIGNALING             0x00000020
#define LINEBEARERMODE_PASSTHROUGH                  0x00000040
#define LINEBEARERMODE_RESTRICTEDDATA               0x00000080

/* Kinds of busy signal (LINECALLSTATE_BUSY mode). */
#define LINEBUSYMODE_STATION                        0x00000001
#define LINEBUSYMODE_TRUNK                          0x00000002
#define LINEBUSYMODE_UNKNOWN                        0x00000004
#define LINEBUSYMODE_UNAVAIL                        0x00000008

/* Conditions under which a call completion request fires. */
#define LINECALLCOMPLCOND_BUSY                      0x00000001
#define LINECALLCOMPLCOND_NOANSWER                  0x00000002

/* Ways a call completion can be carried out. */
#define LINECALLCOMPLMODE_CAMPON                    0x00000001
#define LINECALLCOMPLMODE_CALLBACK                  0x00000002
#define LINECALLCOMPLMODE_INTRUDE                   0x00000004
#define LINECALLCOMPLMODE_MESSAGE                   0x00000008

/* Call operations currently possible (LINECALLSTATUS.dwCallFeatures). */
#define LINECALLFEATURE_ACCEPT                      0x00000001
#define LINECALLFEATURE_ADDTOCONF                   0x00000002
#define LINECALLFEATURE_ANSWER                      0x00000004
#define LINECALLFEATURE_BLINDTRANSFER               0x00000008
#define LINECALLFEATURE_COMPLETECALL                0x00000010
#define LINECALLFEATURE_COMPLETETRANSF              0x00000020
#define LINECALLFEATURE_DIAL                        0x00000040
#define LINECALLFEATURE_DROP                        0x00000080
#define LINECALLFEATURE_GATHERDIGITS                0x00000100
#define LINECALLFEATURE_GENERATEDIGITS              0x00000200
#define LINECALLFEATURE_GENERATETONE                0x00000400
#define LINECALLFEATURE_HOLD                        0x00000800
#define LINECALLFEATURE_MONITORDIGITS               0x00001000
#define LINECALLFEATURE_MONITORMEDIA                0x00002000
#define LINECALLFEATURE_MONITORTONES                0x00004000
#define LINECALLFEATURE_PARK                        0x00008000
#define LINECALLFEATURE_PREPAREADDCONF              0x00010000
#define LINECALLFEATURE_REDIRECT                    0x00020000
#define LINECALLFEATURE_REMOVEFROMCONF              0x00040000
#define LINECALLFEATURE_SECURECALL                  0x00080000
#define LINECALLFEATURE_SENDUSERUSER                0x00100000
#define LINECALLFEATURE_SETCALLPARAMS               0x00200000
#define LINECALLFEATURE_SETMEDIACONTROL             0x00400000
#define LINECALLFEATURE_SETTERMINAL                 0x00800000
#define LINECALLFEATURE_SETUPCONF                   0x01000000
#define LINECALLFEATURE_SETUPTRANSFER               0x02000000
#define LINECALLFEATURE_SWAPHOLD                    0x04000000
#define LINECALLFEATURE_UNHOLD                      0x08000000
#define LINECALLFEATURE_RELEASEUSERUSERINFO         0x10000000
#define LINECALLFEATURE_SETTREATMENT                0x20000000
#define LINECALLFEATURE_SETQOS                      0x40000000
#define LINECALLFEATURE_SETCALLDATA                 0x80000000

/* Refinements of the call features (LINECALLSTATUS.dwCallFeatures2). */
#define LINECALLFEATURE2_NOHOLDCONFERENCE           0x00000001
#define LINECALLFEATURE2_ONESTEPTRANSFER            0x00000002
#define LINECALLFEATURE2_COMPLCAMPON                0x00000004
#define LINECALLFEATURE2_COMPLCALLBACK              0x00000008
#define LINECALLFEATURE2_COMPLINTRUDE               0x00000010
#define LINECALLFEATURE2_COMPLMESSAGE               0x00000020
#define LINECALLFEATURE2_TRANSFERNORM               0x00000040
#define LINECALLFEATURE2_TRANSFERCONF               0x00000080
#define LINECALLFEATURE2_PARKDIRECT                 0x00000100
#define LINECALLFEATURE2_PARKNONDIRECT              0x00000200

/* Levels of call hub tracking. */
#define LINECALLHUBTRACKING_NONE                    0x00000000
#define LINECALLHUBTRACKING_PROVIDERLEVEL           0x00000001
#define LINECALLHUBTRACKING_ALLCALLS                0x00000002

/* LINECALLINFO items that changed (LINE_CALLINFO dwParam1). */
#define LINECALLINFOSTATE_OTHER                     0x00000001
#define LINECALLINFOSTATE_DEVSPECIFIC               0x00000002
#define LINECALLINFOSTATE_BEARERMODE                0x00000004
#define LINECALLINFOSTATE_RATE                      0x00000008
#define LINECALLINFOSTATE_MEDIAMODE                 0x00000010
#define LINECALLINFOSTATE_APPSPECIFIC               0x00000020
#define LINECALLINFOSTATE_CALLID                    0x00000040
#define LINECALLINFOSTATE_RELATEDCALLID             0x00000080
#define LINECALLINFOSTATE_ORIGIN                    0x00000100
#define LINECALLINFOSTATE_REASON                    0x00000200
#define LINECALLINFOSTATE_COMPLETIONID              0x00000400
#define LINECALLINFOSTATE_NUMOWNERINCR              0x00000800
#define LINECALLINFOSTATE_NUMOWNERDECR              0x00001000
#define LINECALLINFOSTATE_NUMMONITORS               0x00002000
#define LINECALLINFOSTATE_TRUNK                     0x00004000
#define LINECALLINFOSTATE_CALLERID                  0x00008000
#define LINECALLINFOSTATE_CALLEDID                  0x00010000
#define LINECALLINFOSTATE_CONNECTEDID               0x00020000
#define LINECALLINFOSTATE_REDIRECTIONID             0x00040000
#define LINECALLINFOSTATE_REDIRECTINGID             0x00080000
#define LINECALLINFOSTATE_DISPLAY                   0x00100000
#define LINECALLINFOSTATE_USERUSERINFO              0x00200000
#define LINECALLINFOSTATE_HIGHLEVELCOMP             0x00400000
#define LINECALLINFOSTATE_LOWLEVELCOMP              0x00800000
#define LINECALLINFOSTATE_CHARGINGINFO              0x01000000
#define LINECALLINFOSTATE_TERMINAL                  0x02000000
#define LINECALLINFOSTATE_DIALPARAMS                0x04000000
#define LINECALLINFOSTATE_MONITORMODES              0x08000000
#define LINECALLINFOSTATE_TREATMENT                 0x10000000
#define LINECALLINFOSTATE_QOS                       0x20000000
#define LINECALLINFOSTATE_CALLDATA                  0x40000000

/* Where a call came from. */
#define LINECALLORIGIN_OUTBOUND                     0x00000001
#define LINECALLORIGIN_INTERNAL                     0x00000002
#define LINECALLORIGIN_EXTERNAL                     0x00000004
#define LINECALLORIGIN_UNKNOWN                      0x00000010
#define LINECALLORIGIN_UNAVAIL                      0x00000020
#define LINECALLORIGIN_CONFERENCE                   0x00000040
#define LINECALLORIGIN_INBOUND                      0x00000080

/* Boolean call parameters (LINECALLPARAMS/LINECALLINFO.dwCallParamFlags). */
#define LINECALLPARAMFLAGS_SECURE                   0x00000001
#define LINECALLPARAMFLAGS_IDLE                     0x00000002
#define LINECALLPARAMFLAGS_BLOCKID                  0x00000004
#define LINECALLPARAMFLAGS_ORIGOFFHOOK              0x00000008
#define LINECALLPARAMFLAGS_DESTOFFHOOK              0x00000010
#define LINECALLPARAMFLAGS_NOHOLDCONFERENCE         0x00000020
#define LINECALLPARAMFLAGS_PREDICTIVEDIAL           0x00000040
#define LINECALLPARAMFLAGS_ONESTEPTRANSFER          0x00000080

/* Availability of a party identifier (caller, called, connected, redirection...). */
#define LINECALLPARTYID_BLOCKED                     0x00000001
#define LINECALLPARTYID_OUTOFAREA                   0x00000002
#define LINECALLPARTYID_NAME                        0x00000004
#define LINECALLPARTYID_ADDRESS                     0x00000008
#define LINECALLPARTYID_PARTIAL                     0x00000010
#define LINECALLPARTYID_UNKNOWN                     0x00000020
#define LINECALLPARTYID_UNAVAIL                     0x00000040

/* An application's privilege on a call. */
#define LINECALLPRIVILEGE_NONE                      0x00000001
#define LINECALLPRIVILEGE_MONITOR                   0x00000002
#define LINECALLPRIVILEGE_OWNER                     0x00000004

/* Why a call exists or was offered. */
#define LINECALLREASON_DIRECT                       0x00000001
#define LINECALLREASON_FWDBUSY                      0x00000002
#define LINECALLREASON_FWDNOANSWER                  0x00000004
#define LINECALLREASON_FWDUNCOND                    0x00000008
#define LINECALLREASON_PICKUP                       0x00000010
#define LINECALLREASON_UNPARK                       0x00000020
#define LINECALLREASON_REDIRECT                     0x00000040
#define LINECALLREASON_CALLCOMPLETION               0x00000080
#define LINECALLREASON_TRANSFER                     0x00000100
#define LINECALLREASON_REMINDER                     0x00000200
#define LINECALLREASON_UNKNOWN                      0x00000400
#define LINECALLREASON_UNAVAIL                      0x00000800
#define LINECALLREASON_INTRUDE                      0x00001000
#define LINECALLREASON_PARKED                       0x00002000
#define LINECALLREASON_CAMPEDON                     0x00004000
#define LINECALLREASON_ROUTEREQUEST                 0x00008000

/* What a function applies to: the line, an address, a call, a device or a call ID. */
#define LINECALLSELECT_LINE                         0x00000001
#define LINECALLSELECT_ADDRESS                      0x00000002
#define LINECALLSELECT_CALL                         0x00000004
#define LINECALLSELECT_DEVICEID                     0x00000008
#define LINECALLSELECT_CALLID                       0x00000010

/* Call states (LINE_CALLSTATE dwParam1, LINECALLSTATUS.dwCallState). */
#define LINECALLSTATE_IDLE                          0x00000001
#define LINECALLSTATE_OFFERING                      0x00000002
#define LINECALLSTATE_ACCEPTED                      0x00000004
#define LINECALLSTATE_DIALTONE                      0x00000008
#define LINECALLSTATE_DIALING                       0x00000010
#define LINECALLSTATE_RINGBACK                      0x00000020
#define LINECALLSTATE_BUSY                          0x00000040
#define LINECALLSTATE_SPECIALINFO                   0x00000080
#define LINECALLSTATE_CONNECTED                     0x00000100
#define LINECALLSTATE_PROCEEDING                    0x00000200
#define LINECALLSTATE_ONHOLD                        0x00000400
#define LINECALLSTATE_CONFERENCED                   0x00000800
#define LINECALLSTATE_ONHOLDPENDCONF                0x00001000
#define LINECALLSTATE_ONHOLDPENDTRANSFER            0x00002000
#define LINECALLSTATE_DISCONNECTED                  0x00004000
#define LINECALLSTATE_UNKNOWN                       0x00008000

/* Sounds a caller hears while a call is unanswered or on hold (scalar values). */
#define LINECALLTREATMENT_SILENCE                   0x00000001
#define LINECALLTREATMENT_RINGBACK                  0x00000002
#define LINECALLTREATMENT_BUSY                      0x00000003
#define LINECALLTREATMENT_MUSIC                     0x00000004

/* Calling card options. */
#define LINECARDOPTION_PREDEFINED                   0x00000001
#define LINECARDOPTION_HIDDEN                       0x00000002

/* Modes of LINECALLSTATE_CONNECTED. */
#define LINECONNECTEDMODE_ACTIVE                    0x00000001
#define LINECONNECTEDMODE_INACTIVE                  0x00000002
#define LINECONNECTEDMODE_ACTIVEHELD                0x00000004
#define LINECONNECTEDMODE_INACTIVEHELD              0x00000008
#define LINECONNECTEDMODE_CONFIRMED                 0x00000010

/* Boolean capabilities of a line device (LINEDEVCAPS.dwDevCapFlags). */
#define LINEDEVCAPFLAGS_CROSSADDRCONF               0x00000001
#define LINEDEVCAPFLAGS_HIGHLEVCOMP                 0x00000002
#define LINEDEVCAPFLAGS_LOWLEVCOMP                  0x00000004
#define LINEDEVCAPFLAGS_MEDIACONTROL                0x00000008
#define LINEDEVCAPFLAGS_MULTIPLEADDR                0x00000010
#define LINEDEVCAPFLAGS_CLOSEDROP                   0x00000020
#define LINEDEVCAPFLAGS_DIALBILLING                 0x00000040
#define LINEDEVCAPFLAGS_DIALQUIET                   0x00000080
#define LINEDEVCAPFLAGS_DIALDIALTONE                0x00000100
#define LINEDEVCAPFLAGS_MSP                         0x00000200
#define LINEDEVCAPFLAGS_CALLHUB                     0x00000400
#define LINEDEVCAPFLAGS_CALLHUBTRACKING             0x00000800
#define LINEDEVCAPFLAGS_PRIVATEOBJECTS              0x00001000
#define LINEDEVCAPFLAGS_LOCAL                       0x00002000

/* Line device status items; also the LINE_LINEDEVSTATE message mask. */
#define LINEDEVSTATE_OTHER                          0x00000001
#define LINEDEVSTATE_RINGING                        0x00000002
#define LINEDEVSTATE_CONNECTED                      0x00000004
#define LINEDEVSTATE_DISCONNECTED                   0x00000008
#define LINEDEVSTATE_MSGWAITON                      0x00000010
#define LINEDEVSTATE_MSGWAITOFF                     0x00000020
#define LINEDEVSTATE_INSERVICE                      0x00000040
#define LINEDEVSTATE_OUTOFSERVICE                   0x00000080
#define LINEDEVSTATE_MAINTENANCE                    0x00000100
#define LINEDEVSTATE_OPEN                           0x00000200
#define LINEDEVSTATE_CLOSE                          0x00000400
#define LINEDEVSTATE_NUMCALLS                       0x00000800
#define LINEDEVSTATE_NUMCOMPLETIONS                 0x00001000
#define LINEDEVSTATE_TERMINALS                      0x00002000
#define LINEDEVSTATE_ROAMMODE                       0x00004000
#define LINEDEVSTATE_BATTERY                        0x00008000
#define LINEDEVSTATE_SIGNAL                         0x00010000
#define LINEDEVSTATE_DEVSPECIFIC                    0x00020000
#define LINEDEVSTATE_REINIT                         0x00040000
#define LINEDEVSTATE_LOCK                           0x00080000
#define LINEDEVSTATE_CAPSCHANGE                     0x00100000
#define LINEDEVSTATE_CONFIGCHANGE                   0x00200000
#define LINEDEVSTATE_TRANSLATECHANGE                0x00400000
#define LINEDEVSTATE_COMPLCANCEL                    0x00800000
#define LINEDEVSTATE_REMOVED                        0x01000000

/* Boolean status of a line device (LINEDEVSTATUS.dwDevStatusFlags). */
#define LINEDEVSTATUSFLAGS_CONNECTED                0x00000001
#define LINEDEVSTATUSFLAGS_MSGWAIT                  0x00000002
#define LINEDEVSTATUSFLAGS_INSERVICE                0x00000004
#define LINEDEVSTATUSFLAGS_LOCKED                   0x00000008

/* Kinds of dial tone (LINECALLSTATE_DIALTONE mode). */
#define LINEDIALTONEMODE_NORMAL                     0x00000001
#define LINEDIALTONEMODE_SPECIAL                    0x00000002
#define LINEDIALTONEMODE_INTERNAL                   0x00000004
#define LINEDIALTONEMODE_EXTERNAL                   0x00000008
#define LINEDIALTONEMODE_UNKNOWN                    0x00000010
#define LINEDIALTONEMODE_UNAVAIL                    0x00000020

/* Digit signalling modes. */
#define LINEDIGITMODE_PULSE                         0x00000001
#define LINEDIGITMODE_DTMF                          0x00000002
#define LINEDIGITMODE_DTMFEND                       0x00000004

/* Why a call was disconnected (LINECALLSTATE_DISCONNECTED mode). */
#define LINEDISCONNECTMODE_NORMAL                   0x00000001
#define LINEDISCONNECTMODE_UNKNOWN                  0x00000002
#define LINEDISCONNECTMODE_REJECT                   0x00000004
#define LINEDISCONNECTMODE_PICKUP                   0x00000008
#define LINEDISCONNECTMODE_FORWARDED                0x00000010
#define LINEDISCONNECTMODE_BUSY                     0x00000020
#define LINEDISCONNECTMODE_NOANSWER                 0x00000040
#define LINEDISCONNECTMODE_BADADDRESS               0x00000080
#define LINEDISCONNECTMODE_UNREACHABLE              0x00000100
#define LINEDISCONNECTMODE_CONGESTION               0x00000200
#define LINEDISCONNECTMODE_INCOMPATIBLE             0x00000400
#define LINEDISCONNECTMODE_UNAVAIL                  0x00000800
#define LINEDISCONNECTMODE_NODIALTONE               0x00001000
#define LINEDISCONNECTMODE_NUMBERCHANGED            0x00002000
#define LINEDISCONNECTMODE_OUTOFORDER               0x00004000
#define LINEDISCONNECTMODE_TEMPFAILURE              0x00008000
#define LINEDISCONNECTMODE_QOSUNAVAIL               0x00010000
#define LINEDISCONNECTMODE_BLOCKED                  0x00020000
#define LINEDISCONNECTMODE_DONOTDISTURB             0x00040000
#define LINEDISCONNECTMODE_CANCELLED                0x00080000

/* Line-level operations currently possible (dwLineFeatures). */
#define LINEFEATURE_DEVSPECIFIC                     0x00000001
#define LINEFEATURE_DEVSPECIFICFEAT                 0x00000002
#define LINEFEATURE_FORWARD                         0x00000004
#define LINEFEATURE_MAKECALL                        0x00000008
#define LINEFEATURE_SETMEDIACONTROL                 0x00000010
#define LINEFEATURE_SETTERMINAL                     0x00000020
#define LINEFEATURE_SETDEVSTATUS                    0x00000040
#define LINEFEATURE_FORWARDFWD                      0x00000080
#define LINEFEATURE_FORWARDDND                      0x00000100

/* Forwarding modes. */
#define LINEFORWARDMODE_UNCOND                      0x00000001
#define LINEFORWARDMODE_UNCONDINTERNAL              0x00000002
#define LINEFORWARDMODE_UNCONDEXTERNAL              0x00000004
#define LINEFORWARDMODE_UNCONDSPECIFIC              0x00000008
#define LINEFORWARDMODE_BUSY                        0x00000010
#define LINEFORWARDMODE_BUSYINTERNAL                0x00000020
#define LINEFORWARDMODE_BUSYEXTERNAL                0x00000040
#define LINEFORWARDMODE_BUSYSPECIFIC                0x00000080
#define LINEFORWARDMODE_NOANSW                      0x00000100
#define LINEFORWARDMODE_NOANSWINTERNAL              0x00000200
#define LINEFORWARDMODE_NOANSWEXTERNAL              0x00000400
#define LINEFORWARDMODE_NOANSWSPECIFIC              0x00000800
#define LINEFORWARDMODE_BUSYNA                      0x00001000
#define LINEFORWARDMODE_BUSYNAINTERNAL              0x00002000
#define LINEFORWARDMODE_BUSYNAEXTERNAL              0x00004000
#define LINEFORWARDMODE_BUSYNASPECIFIC              0x00008000
#define LINEFORWARDMODE_UNKNOWN                     0x00010000
#define LINEFORWARDMODE_UNAVAIL                     0x00020000

/* Why lineGatherDigits finished (LINE_GATHERDIGITS dwParam1). */
#define LINEGATHERTERM_BUFFERFULL                   0x00000001
#define LINEGATHERTERM_TERMDIGIT                    0x00000002
#define LINEGATHERTERM_FIRSTTIMEOUT                 0x00000004
#define LINEGATHERTERM_INTERTIMEOUT                 0x00000008
#define LINEGATHERTERM_CANCEL                       0x00000010

/* Why digit or tone generation finished (LINE_GENERATE dwParam1). */
#define LINEGENERATETERM_DONE                       0x00000001
#define LINEGENERATETERM_CANCEL                     0x00000002

/*
 * How lineInitializeEx delivers messages. On tapix only USEEVENT is accepted (see the top of this
 * file); the hidden-window and completion-port options fail with LINEERR_INVALPARAM.
 */
#define LINEINITIALIZEEXOPTION_USEHIDDENWINDOW      0x00000001
#define LINEINITIALIZEEXOPTION_USEEVENT             0x00000002
#define LINEINITIALIZEEXOPTION_USECOMPLETIONPORT    0x00000003
#define LINEINITIALIZEEXOPTION_CALLHUBTRACKING      0x80000000

/* Dialing location options. */
#define LINELOCATIONOPTION_PULSEDIAL                0x00000001

/* Media control actions of lineSetMediaControl. */
#define LINEMEDIACONTROL_NONE                       0x00000001
#define LINEMEDIACONTROL_START                      0x00000002
#define LINEMEDIACONTROL_RESET                      0x00000004
#define LINEMEDIACONTROL_PAUSE                      0x00000008
#define LINEMEDIACONTROL_RESUME                     0x00000010
#define LINEMEDIACONTROL_RATEUP                     0x00000020
#define LINEMEDIACONTROL_RATEDOWN                   0x00000040
#define LINEMEDIACONTROL_RATENORMAL                 0x00000080
#define LINEMEDIACONTROL_VOLUMEUP                   0x00000100
#define LINEMEDIACONTROL_VOLUMEDOWN                 0x00000200
#define LINEMEDIACONTROL_VOLUMENORMAL               0x00000400

/* Media modes (the kinds of information a call carries). */
#define LINEMEDIAMODE_UNKNOWN                       0x00000002
#define LINEMEDIAMODE_INTERACTIVEVOICE              0x00000004
#define LINEMEDIAMODE_AUTOMATEDVOICE                0x00000008
#define LINEMEDIAMODE_DATAMODEM                     0x00000010
#define LINEMEDIAMODE_G3FAX                         0x00000020
#define LINEMEDIAMODE_TDD                           0x00000040
#define LINEMEDIAMODE_G4FAX                         0x00000080
#define LINEMEDIAMODE_DIGITALDATA                   0x00000100
#define LINEMEDIAMODE_TELETEX                       0x00000200
#define LINEMEDIAMODE_VIDEOTEX                      0x00000400
#define LINEMEDIAMODE_TELEX                         0x00000800
#define LINEMEDIAMODE_MIXED                         0x00001000
#define LINEMEDIAMODE_ADSI                          0x00002000
#define LINEMEDIAMODE_VOICEVIEW                     0x00004000
#define LINEMEDIAMODE_VIDEO                         0x00008000
#define LAST_LINEMEDIAMODE                          0x00008000

/* Modes of LINECALLSTATE_OFFERING. */
#define LINEOFFERINGMODE_ACTIVE                     0x00000001
#define LINEOFFERINGMODE_INACTIVE                   0x00000002

/* Options or-ed into the dwPrivileges argument of lineOpen. */
#define LINEOPENOPTION_SINGLEADDRESS                0x80000000
#define LINEOPENOPTION_PROXY                        0x40000000

/* Park modes. */
#define LINEPARKMODE_DIRECTED                       0x00000001
#define LINEPARKMODE_NONDIRECTED                    0x00000002

/* Which conference parties can be removed (scalar values). */
#define LINEREMOVEFROMCONF_NONE                     0x00000001
#define LINEREMOVEFROMCONF_LAST                     0x00000002
#define LINEREMOVEFROMCONF_ANY                      0x00000003

/* Assisted-telephony request modes. */
#define LINEREQUESTMODE_MAKECALL                    0x00000001
#define LINEREQUESTMODE_MEDIACALL                   0x00000002
#define LINEREQUESTMODE_DROP                        0x00000004
#define LAST_LINEREQUESTMODE                        LINEREQUESTMODE_MEDIACALL

/* Roaming modes of a cellular line. */
#define LINEROAMMODE_UNKNOWN                        0x00000001
#define LINEROAMMODE_UNAVAIL                        0x00000002
#define LINEROAMMODE_HOME                           0x00000004
#define LINEROAMMODE_ROAMA                          0x00000008
#define LINEROAMMODE_ROAMB                          0x00000010

/* Special information tones (LINECALLSTATE_SPECIALINFO mode). */
#define LINESPECIALINFO_NOCIRCUIT                   0x00000001
#define LINESPECIALINFO_CUSTIRREG                   0x00000002
#define LINESPECIALINFO_REORDER                     0x00000004
#define LINESPECIALINFO_UNKNOWN                     0x00000008
#define LINESPECIALINFO_UNAVAIL                     0x00000010

/* Kinds of terminal device. */
#define LINETERMDEV_PHONE                           0x00000001
#define LINETERMDEV_HEADSET                         0x00000002
#define LINETERMDEV_SPEAKER                         0x00000004

/* What is routed to or from a terminal. */
#define LINETERMMODE_BUTTONS                        0x00000001
#define LINETERMMODE_LAMPS                          0x00000002
#define LINETERMMODE_DISPLAY                        0x00000004
#define LINETERMMODE_RINGER                         0x00000008
#define LINETERMMODE_HOOKSWITCH                     0x00000010
#define LINETERMMODE_MEDIATOLINE                    0x00000020
#define LINETERMMODE_MEDIAFROMLINE                  0x00000040
#define LINETERMMODE_MEDIABIDIRECT                  0x00000080

/* How a terminal is shared between addresses. */
#define LINETERMSHARING_PRIVATE                     0x00000001
#define LINETERMSHARING_SHAREDEXCL                  0x00000002
#define LINETERMSHARING_SHAREDCONF                  0x00000004

/* Operations of lineSetTollList. */
#define LINETOLLLISTOPTION_ADD                      0x00000001
#define LINETOLLLISTOPTION_REMOVE                   0x00000002

/* Tones lineGenerateTone can produce. */
#define LINETONEMODE_CUSTOM                         0x00000001
#define LINETONEMODE_RINGBACK                       0x00000002
#define LINETONEMODE_BUSY                           0x00000004
#define LINETONEMODE_BEEP                           0x00000008
#define LINETONEMODE_BILLING                        0x00000010

/* How lineCompleteTransfer resolves a transfer. */
#define LINETRANSFERMODE_TRANSFER                   0x00000001
#define LINETRANSFERMODE_CONFERENCE                 0x00000002

/* Options of lineTranslateAddress. */
#define LINETRANSLATEOPTION_CARDOVERRIDE            0x00000001
#define LINETRANSLATEOPTION_CANCELCALLWAITING       0x00000002
#define LINETRANSLATEOPTION_FORCELOCAL              0x00000004
#define LINETRANSLATEOPTION_FORCELD                 0x00000008

/* What lineTranslateAddress found out (LINETRANSLATEOUTPUT.dwTranslateResults). */
#define LINETRANSLATERESULT_CANONICAL               0x00000001
#define LINETRANSLATERESULT_INTERNATIONAL           0x00000002
#define LINETRANSLATERESULT_LONGDISTANCE            0x00000004
#define LINETRANSLATERESULT_LOCAL                   0x00000008
#define LINETRANSLATERESULT_INTOLLLIST              0x00000010
#define LINETRANSLATERESULT_NOTINTOLLLIST           0x00000020
#define LINETRANSLATERESULT_DIALBILLING             0x00000040
#define LINETRANSLATERESULT_DIALQUIET               0x00000080
#define LINETRANSLATERESULT_DIALDIALTONE            0x00000100
#define LINETRANSLATERESULT_DIALPROMPT              0x00000200
#define LINETRANSLATERESULT_VOICEDETECT             0x00000400
#define LINETRANSLATERESULT_NOTRANSLATION           0x00000800

/*
 * Quality-of-service request types and levels (dwSendingFlowspec/dwReceivingFlowspec users).
 * Microsoft declares these in tspi.h; they are here so that applications see them too, guarded
 * so that a provider header may declare them as well.
 */
#ifndef LINEQOSREQUESTTYPE_SERVICELEVEL
#define LINEQOSREQUESTTYPE_SERVICELEVEL                     0x00000001
#endif
#ifndef LINEQOSSERVICELEVEL_NEEDED
#define LINEQOSSERVICELEVEL_NEEDED                          0x00000001
#define LINEQOSSERVICELEVEL_IFAVAILABLE                     0x00000002
#define LINEQOSSERVICELEVEL_BESTEFFORT                      0x00000003
#endif

/* ---------------------------------------------------------------------------------------------
 * Call center (ACD) constants
 * ------------------------------------------------------------------------------------------- */

/* Agent operations an ACD agent handler supports. */
#define LINEAGENTFEATURE_SETAGENTGROUP              0x00000001
#define LINEAGENTFEATURE_SETAGENTSTATE              0x00000002
#define LINEAGENTFEATURE_SETAGENTACTIVITY           0x00000004
#define LINEAGENTFEATURE_AGENTSPECIFIC              0x00000008
#define LINEAGENTFEATURE_GETAGENTACTIVITYLIST       0x00000010
#define LINEAGENTFEATURE_GETAGENTGROUP              0x00000020

/* Agent states (TAPI 2.0 agent model). */
#define LINEAGENTSTATE_LOGGEDOFF                    0x00000001
#define LINEAGENTSTATE_NOTREADY                     0x00000002
#define LINEAGENTSTATE_READY                        0x00000004
#define LINEAGENTSTATE_BUSYACD                      0x00000008
#define LINEAGENTSTATE_BUSYINCOMING                 0x00000010
#define LINEAGENTSTATE_BUSYOUTBOUND                 0x00000020
#define LINEAGENTSTATE_BUSYOTHER                    0x00000040
#define LINEAGENTSTATE_WORKINGAFTERCALL             0x00000080
#define LINEAGENTSTATE_UNKNOWN                      0x00000100
#define LINEAGENTSTATE_UNAVAIL                      0x00000200

/* Agent status items reported by LINE_AGENTSTATUS. */
#define LINEAGENTSTATUS_GROUP                       0x00000001
#define LINEAGENTSTATUS_STATE                       0x00000002
#define LINEAGENTSTATUS_NEXTSTATE                   0x00000004
#define LINEAGENTSTATUS_ACTIVITY                    0x00000008
#define LINEAGENTSTATUS_ACTIVITYLIST                0x00000010
#define LINEAGENTSTATUS_GROUPLIST                   0x00000020
#define LINEAGENTSTATUS_CAPSCHANGE                  0x00000040
#define LINEAGENTSTATUS_VALIDSTATES                 0x00000080
#define LINEAGENTSTATUS_VALIDNEXTSTATES             0x00000100

/* Agent states of the TAPI 2.2 agent object model. */
#define LINEAGENTSTATEEX_NOTREADY                   0x00000001
#define LINEAGENTSTATEEX_READY                      0x00000002
#define LINEAGENTSTATEEX_BUSYACD                    0x00000004
#define LINEAGENTSTATEEX_BUSYINCOMING               0x00000008
#define LINEAGENTSTATEEX_BUSYOUTGOING               0x00000010
#define LINEAGENTSTATEEX_UNKNOWN                    0x00000020
#define LINEAGENTSTATEEX_RELEASED                   0x00000040

/* Agent object changes reported by LINE_AGENTSTATUSEX. */
#define LINEAGENTSTATUSEX_NEWAGENT                  0x00000001
#define LINEAGENTSTATUSEX_STATE                     0x00000002
#define LINEAGENTSTATUSEX_UPDATEINFO                0x00000004

/* Agent session states. */
#define LINEAGENTSESSIONSTATE_NOTREADY              0x00000001
#define LINEAGENTSESSIONSTATE_READY                 0x00000002
#define LINEAGENTSESSIONSTATE_BUSYONCALL            0x00000004
#define LINEAGENTSESSIONSTATE_BUSYWRAPUP            0x00000008
#define LINEAGENTSESSIONSTATE_ENDED                 0x00000010
#define LINEAGENTSESSIONSTATE_RELEASED              0x00000020

/* Agent session changes reported by LINE_AGENTSESSIONSTATUS. */
#define LINEAGENTSESSIONSTATUS_NEWSESSION           0x00000001
#define LINEAGENTSESSIONSTATUS_STATE                0x00000002
#define LINEAGENTSESSIONSTATUS_UPDATEINFO           0x00000004

/* ACD queue changes reported by LINE_QUEUESTATUS. */
#define LINEQUEUESTATUS_UPDATEINFO                  0x00000001
#define LINEQUEUESTATUS_NEWQUEUE                    0x00000002
#define LINEQUEUESTATUS_QUEUEREMOVED                0x00000004

/* ACD group changes reported by LINE_GROUPSTATUS. */
#define LINEGROUPSTATUS_NEWGROUP                    0x00000001
#define LINEGROUPSTATUS_GROUPREMOVED                0x00000002

/* ACD proxy availability changes reported by LINE_PROXYSTATUS. */
#define LINEPROXYSTATUS_OPEN                        0x00000001
#define LINEPROXYSTATUS_CLOSE                       0x00000002
#define LINEPROXYSTATUS_ALLOPENFORACD               0x00000004

/* Request types carried by LINEPROXYREQUEST (scalar values). */
#define LINEPROXYREQUEST_SETAGENTGROUP              0x00000001
#define LINEPROXYREQUEST_SETAGENTSTATE              0x00000002
#define LINEPROXYREQUEST_SETAGENTACTIVITY           0x00000003
#define LINEPROXYREQUEST_GETAGENTCAPS               0x00000004
#define LINEPROXYREQUEST_GETAGENTSTATUS             0x00000005
#define LINEPROXYREQUEST_AGENTSPECIFIC              0x00000006
#define LINEPROXYREQUEST_GETAGENTACTIVITYLIST       0x00000007
#define LINEPROXYREQUEST_GETAGENTGROUPLIST          0x00000008
#define LINEPROXYREQUEST_CREATEAGENT                0x00000009
#define LINEPROXYREQUEST_SETAGENTMEASUREMENTPERIOD  0x0000000A
#define LINEPROXYREQUEST_GETAGENTINFO               0x0000000B
#define LINEPROXYREQUEST_CREATEAGENTSESSION         0x0000000C
#define LINEPROXYREQUEST_GETAGENTSESSIONLIST        0x0000000D
#define LINEPROXYREQUEST_SETAGENTSESSIONSTATE       0x0000000E
#define LINEPROXYREQUEST_GETAGENTSESSIONINFO        0x0000000F
#define LINEPROXYREQUEST_GETQUEUELIST               0x00000010
#define LINEPROXYREQUEST_SETQUEUEMEASUREMENTPERIOD  0x00000011
#define LINEPROXYREQUEST_GETQUEUEINFO               0x00000012
#define LINEPROXYREQUEST_GETGROUPLIST               0x00000013
#define LINEPROXYREQUEST_SETAGENTSTATEEX            0x00000014

/* ---------------------------------------------------------------------------------------------
 * Phone device constants
 * ------------------------------------------------------------------------------------------- */

/* What a phone button does (scalar values). */
#define PHONEBUTTONFUNCTION_UNKNOWN                 0x00000000
#define PHONEBUTTONFUNCTION_CONFERENCE              0x00000001
#define PHONEBUTTONFUNCTION_TRANSFER                0x00000002
#define PHONEBUTTONFUNCTION_DROP                    0x00000003
#define PHONEBUTTONFUNCTION_HOLD                    0x00000004
#define PHONEBUTTONFUNCTION_RECALL                  0x00000005
#define PHONEBUTTONFUNCTION_DISCONNECT              0x00000006
#define PHONEBUTTONFUNCTION_CONNECT                 0x00000007
#define PHONEBUTTONFUNCTION_MSGWAITON               0x00000008
#define PHONEBUTTONFUNCTION_MSGWAITOFF              0x00000009
#define PHONEBUTTONFUNCTION_SELECTRING              0x0000000A
#define PHONEBUTTONFUNCTION_ABBREVDIAL              0x0000000B
#define PHONEBUTTONFUNCTION_FORWARD                 0x0000000C
#define PHONEBUTTONFUNCTION_PICKUP                  0x0000000D
#define PHONEBUTTONFUNCTION_RINGAGAIN               0x0000000E
#define PHONEBUTTONFUNCTION_PARK                    0x0000000F
#define PHONEBUTTONFUNCTION_REJECT                  0x00000010
#define PHONEBUTTONFUNCTION_REDIRECT                0x00000011
#define PHONEBUTTONFUNCTION_MUTE                    0x00000012
#define PHONEBUTTONFUNCTION_VOLUMEUP                0x00000013
#define PHONEBUTTONFUNCTION_VOLUMEDOWN              0x00000014
#define PHONEBUTTONFUNCTION_SPEAKERON               0x00000015
#define PHONEBUTTONFUNCTION_SPEAKEROFF              0x00000016
#define PHONEBUTTONFUNCTION_FLASH                   0x00000017
#define PHONEBUTTONFUNCTION_DATAON                  0x00000018
#define PHONEBUTTONFUNCTION_DATAOFF                 0x00000019
#define PHONEBUTTONFUNCTION_DONOTDISTURB            0x0000001A
#define PHONEBUTTONFUNCTION_INTERCOM                0x0000001B
#define PHONEBUTTONFUNCTION_BRIDGEDAPP              0x0000001C
#define PHONEBUTTONFUNCTION_BUSY                    0x0000001D
#define PHONEBUTTONFUNCTION_CALLAPP                 0x0000001E
#define PHONEBUTTONFUNCTION_DATETIME                0x0000001F
#define PHONEBUTTONFUNCTION_DIRECTORY               0x00000020
#define PHONEBUTTONFUNCTION_COVER                   0x00000021
#define PHONEBUTTONFUNCTION_CALLID                  0x00000022
#define PHONEBUTTONFUNCTION_LASTNUM                 0x00000023
#define PHONEBUTTONFUNCTION_NIGHTSRV                0x00000024
#define PHONEBUTTONFUNCTION_SENDCALLS               0x00000025
#define PHONEBUTTONFUNCTION_MSGINDICATOR            0x00000026
#define PHONEBUTTONFUNCTION_REPDIAL                 0x00000027
#define PHONEBUTTONFUNCTION_SETREPDIAL              0x00000028
#define PHONEBUTTONFUNCTION_SYSTEMSPEED             0x00000029
#define PHONEBUTTONFUNCTION_STATIONSPEED            0x0000002A
#define PHONEBUTTONFUNCTION_CAMPON                  0x0000002B
#define PHONEBUTTONFUNCTION_SAVEREPEAT              0x0000002C
#define PHONEBUTTONFUNCTION_QUEUECALL               0x0000002D
#define PHONEBUTTONFUNCTION_NONE                    0x0000002E
#define PHONEBUTTONFUNCTION_SEND                    0x0000002F

/* Kinds of phone button. */
#define PHONEBUTTONMODE_DUMMY                       0x00000001
#define PHONEBUTTONMODE_CALL                        0x00000002
#define PHONEBUTTONMODE_FEATURE                     0x00000004
#define PHONEBUTTONMODE_KEYPAD                      0x00000008
#define PHONEBUTTONMODE_LOCAL                       0x00000010
#define PHONEBUTTONMODE_DISPLAY                     0x00000020

/* Positions of a phone button. */
#define PHONEBUTTONSTATE_UP                         0x00000001
#define PHONEBUTTONSTATE_DOWN                       0x00000002
#define PHONEBUTTONSTATE_UNKNOWN                    0x00000004
#define PHONEBUTTONSTATE_UNAVAIL                    0x00000008

/* Phone operations currently possible (dwPhoneFeatures). */
#define PHONEFEATURE_GETBUTTONINFO                  0x00000001
#define PHONEFEATURE_GETDATA                        0x00000002
#define PHONEFEATURE_GETDISPLAY                     0x00000004
#define PHONEFEATURE_GETGAINHANDSET                 0x00000008
#define PHONEFEATURE_GETGAINSPEAKER                 0x00000010
#define PHONEFEATURE_GETGAINHEADSET                 0x00000020
#define PHONEFEATURE_GETHOOKSWITCHHANDSET           0x00000040
#define PHONEFEATURE_GETHOOKSWITCHSPEAKER           0x00000080
#define PHONEFEATURE_GETHOOKSWITCHHEADSET           0x00000100
#define PHONEFEATURE_GETLAMP                        0x00000200
#define PHONEFEATURE_GETRING                        0x00000400
#define PHONEFEATURE_GETVOLUMEHANDSET               0x00000800
#define PHONEFEATURE_GETVOLUMESPEAKER               0x00001000
#define PHONEFEATURE_GETVOLUMEHEADSET               0x00002000
#define PHONEFEATURE_SETBUTTONINFO                  0x00004000
#define PHONEFEATURE_SETDATA                        0x00008000
#define PHONEFEATURE_SETDISPLAY                     0x00010000
#define PHONEFEATURE_SETGAINHANDSET                 0x00020000
#define PHONEFEATURE_SETGAINSPEAKER                 0x00040000
#define PHONEFEATURE_SETGAINHEADSET                 0x00080000
#define PHONEFEATURE_SETHOOKSWITCHHANDSET           0x00100000
#define PHONEFEATURE_SETHOOKSWITCHSPEAKER           0x00200000
#define PHONEFEATURE_SETHOOKSWITCHHEADSET           0x00400000
#define PHONEFEATURE_SETLAMP                        0x00800000
#define PHONEFEATURE_SETRING                        0x01000000
#define PHONEFEATURE_SETVOLUMEHANDSET               0x02000000
#define PHONEFEATURE_SETVOLUMESPEAKER               0x04000000
#define PHONEFEATURE_SETVOLUMEHEADSET               0x08000000
#define PHONEFEATURE_GENERICPHONE                   0x10000000

/* Hookswitch devices of a phone. */
#define PHONEHOOKSWITCHDEV_HANDSET                  0x00000001
#define PHONEHOOKSWITCHDEV_SPEAKER                  0x00000002
#define PHONEHOOKSWITCHDEV_HEADSET                  0x00000004

/* Hookswitch modes (which of microphone and speaker are on). */
#define PHONEHOOKSWITCHMODE_ONHOOK                  0x00000001
#define PHONEHOOKSWITCHMODE_MIC                     0x00000002
#define PHONEHOOKSWITCHMODE_SPEAKER                 0x00000004
#define PHONEHOOKSWITCHMODE_MICSPEAKER              0x00000008
#define PHONEHOOKSWITCHMODE_UNKNOWN                 0x00000010

/* How phoneInitializeEx delivers messages; same rules as LINEINITIALIZEEXOPTION_. */
#define PHONEINITIALIZEEXOPTION_USEHIDDENWINDOW     0x00000001
#define PHONEINITIALIZEEXOPTION_USEEVENT            0x00000002
#define PHONEINITIALIZEEXOPTION_USECOMPLETIONPORT   0x00000003

/* Lamp modes of a phone button. */
#define PHONELAMPMODE_DUMMY                         0x00000001
#define PHONELAMPMODE_OFF                           0x00000002
#define PHONELAMPMODE_STEADY                        0x00000004
#define PHONELAMPMODE_WINK                          0x00000008
#define PHONELAMPMODE_FLASH                         0x00000010
#define PHONELAMPMODE_FLUTTER                       0x00000020
#define PHONELAMPMODE_BROKENFLUTTER                 0x00000040
#define PHONELAMPMODE_UNKNOWN                       0x00000080

/* An application's privilege on a phone. */
#define PHONEPRIVILEGE_MONITOR                      0x00000001
#define PHONEPRIVILEGE_OWNER                        0x00000002

/* Phone status items; also the PHONE_STATE message mask. */
#define PHONESTATE_OTHER                            0x00000001
#define PHONESTATE_CONNECTED                        0x00000002
#define PHONESTATE_DISCONNECTED                     0x00000004
#define PHONESTATE_OWNER                            0x00000008
#define PHONESTATE_MONITORS                         0x00000010
#define PHONESTATE_DISPLAY                          0x00000020
#define PHONESTATE_LAMP                             0x00000040
#define PHONESTATE_RINGMODE                         0x00000080
#define PHONESTATE_RINGVOLUME                       0x00000100
#define PHONESTATE_HANDSETHOOKSWITCH                0x00000200
#define PHONESTATE_HANDSETVOLUME                    0x00000400
#define PHONESTATE_HANDSETGAIN                      0x00000800
#define PHONESTATE_SPEAKERHOOKSWITCH                0x00001000
#define PHONESTATE_SPEAKERVOLUME                    0x00002000
#define PHONESTATE_SPEAKERGAIN                      0x00004000
#define PHONESTATE_HEADSETHOOKSWITCH                0x00008000
#define PHONESTATE_HEADSETVOLUME                    0x00010000
#define PHONESTATE_HEADSETGAIN                      0x00020000
#define PHONESTATE_SUSPEND                          0x00040000
#define PHONESTATE_RESUME                           0x00080000
#define PHONESTATE_DEVSPECIFIC                      0x00100000
#define PHONESTATE_REINIT                           0x00200000
#define PHONESTATE_CAPSCHANGE                       0x00400000
#define PHONESTATE_REMOVED                          0x00800000

/* Boolean status of a phone (PHONESTATUS.dwStatusFlags). */
#define PHONESTATUSFLAGS_CONNECTED                  0x00000001
#define PHONESTATUSFLAGS_SUSPENDED                  0x00000002

/* ---------------------------------------------------------------------------------------------
 * Other constants
 * ------------------------------------------------------------------------------------------- */

/* Encodings of strings in variable-size structures (dwStringFormat). Strings in tapix are UTF-8. */
#define STRINGFORMAT_ASCII                          0x00000001
#define STRINGFORMAT_DBCS                           0x00000002
#define STRINGFORMAT_UNICODE                        0x00000003
#define STRINGFORMAT_BINARY                         0x00000004

/*
 * Sizes, in bytes with the terminating NUL, of the string fields of LINEREQMAKECALL and
 * LINEREQMEDIACALL.
 */
#define TAPIMAXDESTADDRESSSIZE                      80
#define TAPIMAXAPPNAMESIZE                          40
#define TAPIMAXCALLEDPARTYSIZE                      40
#define TAPIMAXCOMMENTSIZE                          80
#define TAPIMAXDEVICECLASSSIZE                      40
#define TAPIMAXDEVICEIDSIZE                         40

/*
 * The window message that carries assisted-telephony replies on Windows (WM_USER + 99). tapix has
 * no window messages; the value is kept for code that names it.
 */
#define TAPI_REPLY                                          (0x0400 + 99)

/* ---------------------------------------------------------------------------------------------
 * Structures
 *
 * Structures that a function fills begin with three sizes: the caller sets dwTotalSize to the
 * number of bytes it allocated; the function sets dwNeededSize to the number of bytes the full
 * answer takes and dwUsedSize to the number it wrote. Variable-length data (strings, arrays)
 * follow the fixed part and are found through pairs of members dwXxxSize / dwXxxOffset, the
 * offset counting from the start of the structure; a size of zero means absent. Strings are
 * UTF-8 and their size includes the terminating NUL. When dwTotalSize is too small for the fixed
 * part the function fails with LINEERR_STRUCTURETOOSMALL; when only variable data do not fit it
 * succeeds, with dwNeededSize > dwUsedSize, and the caller may retry with a larger buffer.
 * ------------------------------------------------------------------------------------------- */

/**
 * A variable-size string or blob returned by lineGetID, lineGetDevConfig, phoneGetDisplay and
 * others.
 */
typedef struct varstring_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwStringFormat;
    DWORD dwStringSize;
    DWORD dwStringOffset;
} VARSTRING, *LPVARSTRING;

/** Dialing timings, in milliseconds. */
typedef struct linedialparams_tag {
    DWORD dwDialPause;
    DWORD dwDialSpeed;
    DWORD dwDigitDuration;
    DWORD dwWaitForDialtone;
} LINEDIALPARAMS, *LPLINEDIALPARAMS;

/** Identifies a provider's device-specific extension (lineNegotiateAPIVersion). */
typedef struct lineextensionid_tag {
    DWORD dwExtensionID0;
    DWORD dwExtensionID1;
    DWORD dwExtensionID2;
    DWORD dwExtensionID3;
} LINEEXTENSIONID, *LPLINEEXTENSIONID;

/** In/out parameters of lineInitializeEx. */
typedef struct lineinitializeexparams_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwOptions; /* one LINEINITIALIZEEXOPTION_ value, or'ed with ..._CALLHUBTRACKING */
    union {
        HANDLE hEvent;          /* USEEVENT: out, an eventfd; see TAPIX_HANDLE_TO_FD */
        HANDLE hCompletionPort; /* USECOMPLETIONPORT: not available on tapix */
    } Handles;
    DWORD dwCompletionKey;
} LINEINITIALIZEEXPARAMS, *LPLINEINITIALIZEEXPARAMS;

/** One message from lineGetMessage; the meaning of the parameters depends on dwMessageID. */
typedef struct linemessage_tag {
    DWORD hDevice;
    DWORD dwMessageID;
    DWORD_PTR dwCallbackInstance;
    DWORD_PTR dwParam1;
    DWORD_PTR dwParam2;
    DWORD_PTR dwParam3;
} LINEMESSAGE, *LPLINEMESSAGE;

/* Line devices */

/** What a line device can do (lineGetDevCaps). */
typedef struct linedevcaps_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwProviderInfoSize;
    DWORD dwProviderInfoOffset;
    DWORD dwSwitchInfoSize;
    DWORD dwSwitchInfoOffset;
    DWORD dwPermanentLineID;
    DWORD dwLineNameSize;
    DWORD dwLineNameOffset;
    DWORD dwStringFormat;
    DWORD dwAddressModes;
    DWORD dwNumAddresses;
    DWORD dwBearerModes;
    DWORD dwMaxRate;
    DWORD dwMediaModes;
    DWORD dwGenerateToneModes;
    DWORD dwGenerateToneMaxNumFreq;
    DWORD dwGenerateDigitModes;
    DWORD dwMonitorToneMaxNumFreq;
    DWORD dwMonitorToneMaxNumEntries;
    DWORD dwMonitorDigitModes;
    DWORD dwGatherDigitsMinTimeout;
    DWORD dwGatherDigitsMaxTimeout;
    DWORD dwMedCtlDigitMaxListSize;
    DWORD dwMedCtlMediaMaxListSize;
    DWORD dwMedCtlToneMaxListSize;
    DWORD dwMedCtlCallStateMaxListSize;
    DWORD dwDevCapFlags;
    DWORD dwMaxNumActiveCalls;
    DWORD dwAnswerMode;
    DWORD dwRingModes;
    DWORD dwLineStates;
    DWORD dwUUIAcceptSize;
    DWORD dwUUIAnswerSize;
    DWORD dwUUIMakeCallSize;
    DWORD dwUUIDropSize;
    DWORD dwUUISendUserUserInfoSize;
    DWORD dwUUICallInfoSize;
    LINEDIALPARAMS MinDialParams;
    LINEDIALPARAMS MaxDialParams;
    LINEDIALPARAMS DefaultDialParams;
    DWORD dwNumTerminals;
    DWORD dwTerminalCapsSize;
    DWORD dwTerminalCapsOffset;
    DWORD dwTerminalTextEntrySize;
    DWORD dwTerminalTextSize;
    DWORD dwTerminalTextOffset;
    DWORD dwDevSpecificSize;
    DWORD dwDevSpecificOffset;
    DWORD dwLineFeatures;
    DWORD dwSettableDevStatus;
    DWORD dwDeviceClassesSize;
    DWORD dwDeviceClassesOffset;
    GUID PermanentLineGuid;
#if TAPI_CURRENT_VERSION >= 0x00030000 /* TAPI 3.0 */
    DWORD dwAddressTypes;
    GUID ProtocolGuid;
    DWORD dwAvailableTracking;
#endif
} LINEDEVCAPS, *LPLINEDEVCAPS;

/** Capabilities of one terminal of a line. */
typedef struct linetermcaps_tag {
    DWORD dwTermDev;
    DWORD dwTermModes;
    DWORD dwTermSharing;
} LINETERMCAPS, *LPLINETERMCAPS;

/** The current state of a line device (lineGetLineDevStatus). */
typedef struct linedevstatus_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNumOpens;
    DWORD dwOpenMediaModes;
    DWORD dwNumActiveCalls;
    DWORD dwNumOnHoldCalls;
    DWORD dwNumOnHoldPendCalls;
    DWORD dwLineFeatures;
    DWORD dwNumCallCompletions;
    DWORD dwRingMode;
    DWORD dwSignalLevel;
    DWORD dwBatteryLevel;
    DWORD dwRoamMode;
    DWORD dwDevStatusFlags;
    DWORD dwTerminalModesSize;
    DWORD dwTerminalModesOffset;
    DWORD dwDevSpecificSize;
    DWORD dwDevSpecificOffset;
    DWORD dwAvailableMediaModes;
    DWORD dwAppInfoSize;
    DWORD dwAppInfoOffset;
} LINEDEVSTATUS, *LPLINEDEVSTATUS;

/** One application that has a line open; entries of LINEDEVSTATUS' AppInfo array. */
typedef struct lineappinfo_tag {
    DWORD dwMachineNameSize;
    DWORD dwMachineNameOffset;
    DWORD dwUserNameSize;
    DWORD dwUserNameOffset;
    DWORD dwModuleFilenameSize;
    DWORD dwModuleFilenameOffset;
    DWORD dwFriendlyNameSize;
    DWORD dwFriendlyNameOffset;
    DWORD dwMediaModes;
    DWORD dwAddressID;
} LINEAPPINFO, *LPLINEAPPINFO;

/* Addresses */

/** What an address can do (lineGetAddressCaps). */
typedef struct lineaddresscaps_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwLineDeviceID;
    DWORD dwAddressSize;
    DWORD dwAddressOffset;
    DWORD dwDevSpecificSize;
    DWORD dwDevSpecificOffset;
    DWORD dwAddressSharing;
    DWORD dwAddressStates;
    DWORD dwCallInfoStates;
    DWORD dwCallerIDFlags;
    DWORD dwCalledIDFlags;
    DWORD dwConnectedIDFlags;
    DWORD dwRedirectionIDFlags;
    DWORD dwRedirectingIDFlags;
    DWORD dwCallStates;
    DWORD dwDialToneModes;
    DWORD dwBusyModes;
    DWORD dwSpecialInfo;
    DWORD dwDisconnectModes;
    DWORD dwMaxNumActiveCalls;
    DWORD dwMaxNumOnHoldCalls;
    DWORD dwMaxNumOnHoldPendingCalls;
    DWORD dwMaxNumConference;
    DWORD dwMaxNumTransConf;
    DWORD dwAddrCapFlags;
    DWORD dwCallFeatures;
    DWORD dwRemoveFromConfCaps;
    DWORD dwRemoveFromConfState;
    DWORD dwTransferModes;
    DWORD dwParkModes;
    DWORD dwForwardModes;
    DWORD dwMaxForwardEntries;
    DWORD dwMaxSpecificEntries;
    DWORD dwMinFwdNumRings;
    DWORD dwMaxFwdNumRings;
    DWORD dwMaxCallCompletions;
    DWORD dwCallCompletionConds;
    DWORD dwCallCompletionModes;
    DWORD dwNumCompletionMessages;
    DWORD dwCompletionMsgTextEntrySize;
    DWORD dwCompletionMsgTextSize;
    DWORD dwCompletionMsgTextOffset;
    DWORD dwAddressFeatures;
    DWORD dwPredictiveAutoTransferStates;
    DWORD dwNumCallTreatments;
    DWORD dwCallTreatmentListSize;
    DWORD dwCallTreatmentListOffset;
    DWORD dwDeviceClassesSize;
    DWORD dwDeviceClassesOffset;
    DWORD dwMaxCallDataSize;
    DWORD dwCallFeatures2;
    DWORD dwMaxNoAnswerTimeout;
    DWORD dwConnectedModes;
    DWORD dwOfferingModes;
    DWORD dwAvailableMediaModes;
} LINEADDRESSCAPS, *LPLINEADDRESSCAPS;

/** One call treatment an address offers. */
typedef struct linecalltreatmententry_tag {
    DWORD dwCallTreatmentID;
    DWORD dwCallTreatmentNameSize;
    DWORD dwCallTreatmentNameOffset;
} LINECALLTREATMENTENTRY, *LPLINECALLTREATMENTENTRY;

/** The current state of an address (lineGetAddressStatus). */
typedef struct lineaddressstatus_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNumInUse;
    DWORD dwNumActiveCalls;
    DWORD dwNumOnHoldCalls;
    DWORD dwNumOnHoldPendCalls;
    DWORD dwAddressFeatures;
    DWORD dwNumRingsNoAnswer;
    DWORD dwForwardNumEntries;
    DWORD dwForwardSize;
    DWORD dwForwardOffset;
    DWORD dwTerminalModesSize;
    DWORD dwTerminalModesOffset;
    DWORD dwDevSpecificSize;
    DWORD dwDevSpecificOffset;
} LINEADDRESSSTATUS, *LPLINEADDRESSSTATUS;

/* Calls */

/** Parameters of a call being set up (lineMakeCall, lineOpen with LINEMAPPER, ...). */
typedef struct linecallparams_tag {
    DWORD dwTotalSize;
    DWORD dwBearerMode;
    DWORD dwMinRate;
    DWORD dwMaxRate;
    DWORD dwMediaMode;
    DWORD dwCallParamFlags;
    DWORD dwAddressMode;
    DWORD dwAddressID;
    LINEDIALPARAMS DialParams;
    DWORD dwOrigAddressSize;
    DWORD dwOrigAddressOffset;
    DWORD dwDisplayableAddressSize;
    DWORD dwDisplayableAddressOffset;
    DWORD dwCalledPartySize;
    DWORD dwCalledPartyOffset;
    DWORD dwCommentSize;
    DWORD dwCommentOffset;
    DWORD dwUserUserInfoSize;
    DWORD dwUserUserInfoOffset;
    DWORD dwHighLevelCompSize;
    DWORD dwHighLevelCompOffset;
    DWORD dwLowLevelCompSize;
    DWORD dwLowLevelCompOffset;
    DWORD dwDevSpecificSize;
    DWORD dwDevSpecificOffset;
    DWORD dwPredictiveAutoTransferStates;
    DWORD dwTargetAddressSize;
    DWORD dwTargetAddressOffset;
    DWORD dwSendingFlowspecSize;
    DWORD dwSendingFlowspecOffset;
    DWORD dwReceivingFlowspecSize;
    DWORD dwReceivingFlowspecOffset;
    DWORD dwDeviceClassSize;
    DWORD dwDeviceClassOffset;
    DWORD dwDeviceConfigSize;
    DWORD dwDeviceConfigOffset;
    DWORD dwCallDataSize;
    DWORD dwCallDataOffset;
    DWORD dwNoAnswerTimeout;
    DWORD dwCallingPartyIDSize;
    DWORD dwCallingPartyIDOffset;
#if TAPI_CURRENT_VERSION >= 0x00030000 /* TAPI 3.0 */
    DWORD dwAddressType;
#endif
} LINECALLPARAMS, *LPLINECALLPARAMS;

/** Everything about a call that changes rarely (lineGetCallInfo). */
typedef struct linecallinfo_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    HLINE hLine;
    DWORD dwLineDeviceID;
    DWORD dwAddressID;
    DWORD dwBearerMode;
    DWORD dwRate;
    DWORD dwMediaMode;
    DWORD dwAppSpecific;
    DWORD dwCallID;
    DWORD dwRelatedCallID;
    DWORD dwCallParamFlags;
    DWORD dwCallStates;
    DWORD dwMonitorDigitModes;
    DWORD dwMonitorMediaModes;
    LINEDIALPARAMS DialParams;
    DWORD dwOrigin;
    DWORD dwReason;
    DWORD dwCompletionID;
    DWORD dwNumOwners;
    DWORD dwNumMonitors;
    DWORD dwCountryCode;
    DWORD dwTrunk;
    DWORD dwCallerIDFlags;
    DWORD dwCallerIDSize;
    DWORD dwCallerIDOffset;
    DWORD dwCallerIDNameSize;
    DWORD dwCallerIDNameOffset;
    DWORD dwCalledIDFlags;
    DWORD dwCalledIDSize;
    DWORD dwCalledIDOffset;
    DWORD dwCalledIDNameSize;
    DWORD dwCalledIDNameOffset;
    DWORD dwConnectedIDFlags;
    DWORD dwConnectedIDSize;
    DWORD dwConnectedIDOffset;
    DWORD dwConnectedIDNameSize;
    DWORD dwConnectedIDNameOffset;
    DWORD dwRedirectionIDFlags;
    DWORD dwRedirectionIDSize;
    DWORD dwRedirectionIDOffset;
    DWORD dwRedirectionIDNameSize;
    DWORD dwRedirectionIDNameOffset;
    DWORD dwRedirectingIDFlags;
    DWORD dwRedirectingIDSize;
    DWORD dwRedirectingIDOffset;
    DWORD dwRedirectingIDNameSize;
    DWORD dwRedirectingIDNameOffset;
    DWORD dwAppNameSize;
    DWORD dwAppNameOffset;
    DWORD dwDisplayableAddressSize;
    DWORD dwDisplayableAddressOffset;
    DWORD dwCalledPartySize;
    DWORD dwCalledPartyOffset;
    DWORD dwCommentSize;
    DWORD dwCommentOffset;
    DWORD dwDisplaySize;
    DWORD dwDisplayOffset;
    DWORD dwUserUserInfoSize;
    DWORD dwUserUserInfoOffset;
    DWORD dwHighLevelCompSize;
    DWORD dwHighLevelCompOffset;
    DWORD dwLowLevelCompSize;
    DWORD dwLowLevelCompOffset;
    DWORD dwChargingInfoSize;
    DWORD dwChargingInfoOffset;
    DWORD dwTerminalModesSize;
    DWORD dwTerminalModesOffset;
    DWORD dwDevSpecificSize;
    DWORD dwDevSpecificOffset;
    DWORD dwCallTreatment;
    DWORD dwCallDataSize;
    DWORD dwCallDataOffset;
    DWORD dwSendingFlowspecSize;
    DWORD dwSendingFlowspecOffset;
    DWORD dwReceivingFlowspecSize;
    DWORD dwReceivingFlowspecOffset;
#if TAPI_CURRENT_VERSION >= 0x00030000 /* TAPI 3.0 */
    DWORD dwCallerIDAddressType;
    DWORD dwCalledIDAddressType;
    DWORD dwConnectedIDAddressType;
    DWORD dwRedirectionIDAddressType;
    DWORD dwRedirectingIDAddressType;
#endif
} LINECALLINFO, *LPLINECALLINFO;

/** The state of a call and what can be done with it now (lineGetCallStatus). */
typedef struct linecallstatus_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwCallState;
    DWORD dwCallStateMode;
    DWORD dwCallPrivilege;
    DWORD dwCallFeatures;
    DWORD dwDevSpecificSize;
    DWORD dwDevSpecificOffset;
    DWORD dwCallFeatures2;
    SYSTEMTIME tStateEntryTime;
} LINECALLSTATUS, *LPLINECALLSTATUS;

/** A list of call handles (lineGetNewCalls, lineGetConfRelatedCalls). */
typedef struct linecalllist_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwCallsNumEntries;
    DWORD dwCallsSize;
    DWORD dwCallsOffset;
} LINECALLLIST, *LPLINECALLLIST;

/** Call hub tracking available and selected on a line. */
typedef struct linecallhubtrackinginfo_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwAvailableTracking;
    DWORD dwCurrentTracking;
} LINECALLHUBTRACKINGINFO, *LPLINECALLHUBTRACKINGINFO;

/* Forwarding, tones, media control */

/** One forwarding instruction of a LINEFORWARDLIST. */
typedef struct lineforward_tag {
    DWORD dwForwardMode;
    DWORD dwCallerAddressSize;
    DWORD dwCallerAddressOffset;
    DWORD dwDestCountryCode;
    DWORD dwDestAddressSize;
    DWORD dwDestAddressOffset;
#if TAPI_CURRENT_VERSION >= 0x00030001 /* TAPI 3.1 */
    DWORD dwCallerAddressType;
    DWORD dwDestAddressType;
#endif
} LINEFORWARD, *LPLINEFORWARD;

/** Forwarding instructions for lineForward; ForwardList holds dwNumEntries entries. */
typedef struct lineforwardlist_tag {
    DWORD dwTotalSize;
    DWORD dwNumEntries;
    LINEFORWARD ForwardList[1];
} LINEFORWARDLIST, *LPLINEFORWARDLIST;

/** One component of a custom tone for lineGenerateTone. */
typedef struct linegeneratetone_tag {
    DWORD dwFrequency;
    DWORD dwCadenceOn;
    DWORD dwCadenceOff;
    DWORD dwVolume;
} LINEGENERATETONE, *LPLINEGENERATETONE;

/** A tone to detect for lineMonitorTones (up to three frequencies; 0 = unused). */
typedef struct linemonitortone_tag {
    DWORD dwAppSpecific;
    DWORD dwDuration;
    DWORD dwFrequency1;
    DWORD dwFrequency2;
    DWORD dwFrequency3;
} LINEMONITORTONE, *LPLINEMONITORTONE;

/** A media control action triggered by a digit. */
typedef struct linemediacontroldigit_tag {
    DWORD dwDigit;
    DWORD dwDigitModes;
    DWORD dwMediaControl;
} LINEMEDIACONTROLDIGIT, *LPLINEMEDIACONTROLDIGIT;

/** A media control action triggered by a detected media mode. */
typedef struct linemediacontrolmedia_tag {
    DWORD dwMediaModes;
    DWORD dwDuration;
    DWORD dwMediaControl;
} LINEMEDIACONTROLMEDIA, *LPLINEMEDIACONTROLMEDIA;

/** A media control action triggered by a tone. */
typedef struct linemediacontroltone_tag {
    DWORD dwAppSpecific;
    DWORD dwDuration;
    DWORD dwFrequency1;
    DWORD dwFrequency2;
    DWORD dwFrequency3;
    DWORD dwMediaControl;
} LINEMEDIACONTROLTONE, *LPLINEMEDIACONTROLTONE;

/** A media control action triggered by entering a call state. */
typedef struct linemediacontrolcallstate_tag {
    DWORD dwCallStates;
    DWORD dwMediaControl;
} LINEMEDIACONTROLCALLSTATE, *LPLINEMEDIACONTROLCALLSTATE;

/* Address translation, dialing locations, countries */

/** The result of lineTranslateAddress. */
typedef struct linetranslateoutput_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwDialableStringSize;
    DWORD dwDialableStringOffset;
    DWORD dwDisplayableStringSize;
    DWORD dwDisplayableStringOffset;
    DWORD dwCurrentCountry;
    DWORD dwDestCountry;
    DWORD dwTranslateResults;
} LINETRANSLATEOUTPUT, *LPLINETRANSLATEOUTPUT;

/** Dialing locations and calling cards (lineGetTranslateCaps). */
typedef struct linetranslatecaps_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNumLocations;
    DWORD dwLocationListSize;
    DWORD dwLocationListOffset;
    DWORD dwCurrentLocationID;
    DWORD dwNumCards;
    DWORD dwCardListSize;
    DWORD dwCardListOffset;
    DWORD dwCurrentPreferredCardID;
} LINETRANSLATECAPS, *LPLINETRANSLATECAPS;

/** One dialing location of LINETRANSLATECAPS. */
typedef struct linelocationentry_tag {
    DWORD dwPermanentLocationID;
    DWORD dwLocationNameSize;
    DWORD dwLocationNameOffset;
    DWORD dwCountryCode;
    DWORD dwCityCodeSize;
    DWORD dwCityCodeOffset;
    DWORD dwPreferredCardID;
    DWORD dwLocalAccessCodeSize;
    DWORD dwLocalAccessCodeOffset;
    DWORD dwLongDistanceAccessCodeSize;
    DWORD dwLongDistanceAccessCodeOffset;
    DWORD dwTollPrefixListSize;
    DWORD dwTollPrefixListOffset;
    DWORD dwCountryID;
    DWORD dwOptions;
    DWORD dwCancelCallWaitingSize;
    DWORD dwCancelCallWaitingOffset;
} LINELOCATIONENTRY, *LPLINELOCATIONENTRY;

/** One calling card of LINETRANSLATECAPS. */
typedef struct linecardentry_tag {
    DWORD dwPermanentCardID;
    DWORD dwCardNameSize;
    DWORD dwCardNameOffset;
    DWORD dwCardNumberDigits;
    DWORD dwSameAreaRuleSize;
    DWORD dwSameAreaRuleOffset;
    DWORD dwLongDistanceRuleSize;
    DWORD dwLongDistanceRuleOffset;
    DWORD dwInternationalRuleSize;
    DWORD dwInternationalRuleOffset;
    DWORD dwOptions;
} LINECARDENTRY, *LPLINECARDENTRY;

/** Countries and their dialing rules (lineGetCountry). */
typedef struct linecountrylist_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNumCountries;
    DWORD dwCountryListSize;
    DWORD dwCountryListOffset;
} LINECOUNTRYLIST, *LPLINECOUNTRYLIST;

/** The dialing rules of one country. */
typedef struct linecountryentry_tag {
    DWORD dwCountryID;
    DWORD dwCountryCode;
    DWORD dwNextCountryID;
    DWORD dwCountryNameSize;
    DWORD dwCountryNameOffset;
    DWORD dwSameAreaRuleSize;
    DWORD dwSameAreaRuleOffset;
    DWORD dwLongDistanceRuleSize;
    DWORD dwLongDistanceRuleOffset;
    DWORD dwInternationalRuleSize;
    DWORD dwInternationalRuleOffset;
} LINECOUNTRYENTRY, *LPLINECOUNTRYENTRY;

/* Service providers */

/** The installed service providers (lineGetProviderList). */
typedef struct lineproviderlist_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNumProviders;
    DWORD dwProviderListSize;
    DWORD dwProviderListOffset;
} LINEPROVIDERLIST, *LPLINEPROVIDERLIST;

/** One installed service provider of a LINEPROVIDERLIST. */
typedef struct lineproviderentry_tag {
    DWORD dwPermanentProviderID;
    DWORD dwProviderFilenameSize;
    DWORD dwProviderFilenameOffset;
} LINEPROVIDERENTRY, *LPLINEPROVIDERENTRY;

/* Assisted telephony requests (lineGetRequest) */

/** A tapiRequestMakeCall request as returned by lineGetRequest. */
typedef struct linereqmakecall_tag {
    char szDestAddress[TAPIMAXDESTADDRESSSIZE];
    char szAppName[TAPIMAXAPPNAMESIZE];
    char szCalledParty[TAPIMAXCALLEDPARTYSIZE];
    char szComment[TAPIMAXCOMMENTSIZE];
} LINEREQMAKECALL, *LPLINEREQMAKECALL;

/** A tapiRequestMediaCall request as returned by lineGetRequest (obsolete in TAPI). */
typedef struct linereqmediacall_tag {
    HWND hWnd;
    WPARAM wRequestID;
    char szDeviceClass[TAPIMAXDEVICECLASSSIZE];
    BYTE ucDeviceID[TAPIMAXDEVICEIDSIZE];
    DWORD dwSize;
    DWORD dwSecure;
    char szDestAddress[TAPIMAXDESTADDRESSSIZE];
    char szAppName[TAPIMAXAPPNAMESIZE];
    char szCalledParty[TAPIMAXCALLEDPARTYSIZE];
    char szComment[TAPIMAXCOMMENTSIZE];
} LINEREQMEDIACALL, *LPLINEREQMEDIACALL;

/* Call center: agents, groups, sessions, queues, ACD proxy */

/** What the agent handler of an address supports (lineGetAgentCaps). */
typedef struct lineagentcaps_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwAgentHandlerInfoSize;
    DWORD dwAgentHandlerInfoOffset;
    DWORD dwCapsVersion;
    DWORD dwFeatures;
    DWORD dwStates;
    DWORD dwNextStates;
    DWORD dwMaxNumGroupEntries;
    DWORD dwAgentStatusMessages;
    DWORD dwNumAgentExtensionIDs;
    DWORD dwAgentExtensionIDListSize;
    DWORD dwAgentExtensionIDListOffset;
    GUID ProxyGUID;
} LINEAGENTCAPS, *LPLINEAGENTCAPS;

/** The status of the agent on an address (lineGetAgentStatus). */
typedef struct lineagentstatus_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNumEntries;
    DWORD dwGroupListSize;
    DWORD dwGroupListOffset;
    DWORD dwState;
    DWORD dwNextState;
    DWORD dwActivityID;
    DWORD dwActivitySize;
    DWORD dwActivityOffset;
    DWORD dwAgentFeatures;
    DWORD dwValidStates;
    DWORD dwValidNextStates;
} LINEAGENTSTATUS, *LPLINEAGENTSTATUS;

/** The activities an agent may select (lineGetAgentActivityList). */
typedef struct lineagentactivitylist_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNumEntries;
    DWORD dwListSize;
    DWORD dwListOffset;
} LINEAGENTACTIVITYLIST, *LPLINEAGENTACTIVITYLIST;

/** One agent activity of a LINEAGENTACTIVITYLIST. */
typedef struct lineagentactivityentry_tag {
    DWORD dwID;
    DWORD dwNameSize;
    DWORD dwNameOffset;
} LINEAGENTACTIVITYENTRY, *LPLINEAGENTACTIVITYENTRY;

/** A list of ACD groups (lineGetAgentGroupList, lineSetAgentGroup, lineGetGroupList). */
typedef struct lineagentgrouplist_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNumEntries;
    DWORD dwListSize;
    DWORD dwListOffset;
} LINEAGENTGROUPLIST, *LPLINEAGENTGROUPLIST;

/** One ACD group of a LINEAGENTGROUPLIST; the group is identified by four DWORDs. */
typedef struct lineagentgroupentry_tag {
    struct {
        DWORD dwGroupID1;
        DWORD dwGroupID2;
        DWORD dwGroupID3;
        DWORD dwGroupID4;
    } GroupID;
    DWORD dwNameSize;
    DWORD dwNameOffset;
} LINEAGENTGROUPENTRY, *LPLINEAGENTGROUPENTRY;

/** A list of agents (carried by LINEPROXYREQUEST). */
typedef struct lineagentlist_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNumEntries;
    DWORD dwListSize;
    DWORD dwListOffset;
} LINEAGENTLIST, *LPLINEAGENTLIST;

/** One agent of a LINEAGENTLIST. */
typedef struct lineagententry_tag {
    HAGENT hAgent;
    DWORD dwNameSize;
    DWORD dwNameOffset;
    DWORD dwIDSize;
    DWORD dwIDOffset;
    DWORD dwPINSize;
    DWORD dwPINOffset;
} LINEAGENTENTRY, *LPLINEAGENTENTRY;

/** Statistics of an agent object (lineGetAgentInfo). */
typedef struct lineagentinfo_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwAgentState;
    DWORD dwNextAgentState;
    DWORD dwMeasurementPeriod;
    CURRENCY cyOverallCallRate;
    DWORD dwNumberOfACDCalls;
    DWORD dwNumberOfIncomingCalls;
    DWORD dwNumberOfOutgoingCalls;
    DWORD dwTotalACDTalkTime;
    DWORD dwTotalACDCallTime;
    DWORD dwTotalACDWrapUpTime;
} LINEAGENTINFO, *LPLINEAGENTINFO;

/** The sessions of an agent (lineGetAgentSessionList). */
typedef struct lineagentsessionlist_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNumEntries;
    DWORD dwListSize;
    DWORD dwListOffset;
} LINEAGENTSESSIONLIST, *LPLINEAGENTSESSIONLIST;

/** One agent session of a LINEAGENTSESSIONLIST. */
typedef struct lineagentsession_tag {
    HAGENTSESSION hAgentSession;
    HAGENT hAgent;
    GUID GroupID;
    DWORD dwWorkingAddressID;
} LINEAGENTSESSIONENTRY, *LPLINEAGENTSESSIONENTRY;

/** Statistics of an agent session (lineGetAgentSessionInfo). */
typedef struct lineagentsessioninfo_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwAgentSessionState;
    DWORD dwNextAgentSessionState;
    DATE dateSessionStartTime;
    DWORD dwSessionDuration;
    DWORD dwNumberOfCalls;
    DWORD dwTotalTalkTime;
    DWORD dwAverageTalkTime;
    DWORD dwTotalCallTime;
    DWORD dwAverageCallTime;
    DWORD dwTotalWrapUpTime;
    DWORD dwAverageWrapUpTime;
    CURRENCY cyACDCallRate;
    DWORD dwLongestTimeToAnswer;
    DWORD dwAverageTimeToAnswer;
} LINEAGENTSESSIONINFO, *LPLINEAGENTSESSIONINFO;

/** The queues of an ACD group (lineGetQueueList). */
typedef struct linequeuelist_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNumEntries;
    DWORD dwListSize;
    DWORD dwListOffset;
} LINEQUEUELIST, *LPLINEQUEUELIST;

/** One queue of a LINEQUEUELIST. */
typedef struct linequeueentry_tag {
    DWORD dwQueueID;
    DWORD dwNameSize;
    DWORD dwNameOffset;
} LINEQUEUEENTRY, *LPLINEQUEUEENTRY;

/** Statistics of an ACD queue (lineGetQueueInfo). */
typedef struct linequeueinfo_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwMeasurementPeriod;
    DWORD dwTotalCallsQueued;
    DWORD dwCurrentCallsQueued;
    DWORD dwTotalCallsAbandoned;
    DWORD dwTotalCallsFlowedIn;
    DWORD dwTotalCallsFlowedOut;
    DWORD dwLongestEverWaitTime;
    DWORD dwCurrentLongestWaitTime;
    DWORD dwAverageWaitTime;
    DWORD dwFinalDisposition;
} LINEQUEUEINFO, *LPLINEQUEUEINFO;

/** The proxy request types a line's ACD proxy handles (lineGetProxyStatus). */
typedef struct lineproxyrequestlist_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwNumEntries;
    DWORD dwListSize;
    DWORD dwListOffset;
} LINEPROXYREQUESTLIST, *LPLINEPROXYREQUESTLIST;

/**
 * A request forwarded to an ACD proxy (LINE_PROXYREQUEST); the proxy fills in the output part
 * and answers with lineProxyResponse. dwRequestType (a LINEPROXYREQUEST_ value) selects the
 * member of the anonymous union.
 */
typedef struct lineproxyrequest_tag {
    DWORD dwSize;
    DWORD dwClientMachineNameSize;
    DWORD dwClientMachineNameOffset;
    DWORD dwClientUserNameSize;
    DWORD dwClientUserNameOffset;
    DWORD dwClientAppAPIVersion;
    DWORD dwRequestType;
    union {
        struct {
            DWORD dwAddressID;
            LINEAGENTGROUPLIST GroupList;
        } SetAgentGroup;
        struct {
            DWORD dwAddressID;
            DWORD dwAgentState;
            DWORD dwNextAgentState;
        } SetAgentState;
        struct {
            DWORD dwAddressID;
            DWORD dwActivityID;
        } SetAgentActivity;
        struct {
            DWORD dwAddressID;
            LINEAGENTCAPS AgentCaps;
        } GetAgentCaps;
        struct {
            DWORD dwAddressID;
            LINEAGENTSTATUS AgentStatus;
        } GetAgentStatus;
        struct {
            DWORD dwAddressID;
            DWORD dwAgentExtensionIDIndex;
            DWORD dwSize;
            BYTE Params[1]; /* dwSize bytes */
        } AgentSpecific;
        struct {
            DWORD dwAddressID;
            LINEAGENTACTIVITYLIST ActivityList;
        } GetAgentActivityList;
        struct {
            DWORD dwAddressID;
            LINEAGENTGROUPLIST GroupList;
        } GetAgentGroupList;
        struct {
            HAGENT hAgent;
            DWORD dwAgentIDSize;
            DWORD dwAgentIDOffset;
            DWORD dwAgentPINSize;
            DWORD dwAgentPINOffset;
        } CreateAgent;
        struct {
            HAGENT hAgent;
            DWORD dwAgentState;
            DWORD dwNextAgentState;
        } SetAgentStateEx;
        struct {
            HAGENT hAgent;
            DWORD dwMeasurementPeriod;
        } SetAgentMeasurementPeriod;
        struct {
            HAGENT hAgent;
            LINEAGENTINFO AgentInfo;
        } GetAgentInfo;
        struct {
            HAGENTSESSION hAgentSession;
            DWORD dwAgentPINSize;
            DWORD dwAgentPINOffset;
            HAGENT hAgent;
            GUID GroupID;
            DWORD dwWorkingAddressID;
        } CreateAgentSession;
        struct {
            HAGENT hAgent;
            LINEAGENTSESSIONLIST SessionList;
        } GetAgentSessionList;
        struct {
            HAGENTSESSION hAgentSession;
            LINEAGENTSESSIONINFO SessionInfo;
        } GetAgentSessionInfo;
        struct {
            HAGENTSESSION hAgentSession;
            DWORD dwAgentSessionState;
            DWORD dwNextAgentSessionState;
        } SetAgentSessionState;
        struct {
            GUID GroupID;
            LINEQUEUELIST QueueList;
        } GetQueueList;
        struct {
            DWORD dwQueueID;
            DWORD dwMeasurementPeriod;
        } SetQueueMeasurementPeriod;
        struct {
            DWORD dwQueueID;
            LINEQUEUEINFO QueueInfo;
        } GetQueueInfo;
        struct {
            LINEAGENTGROUPLIST GroupList;
        } GetGroupList;
    };
} LINEPROXYREQUEST, *LPLINEPROXYREQUEST;

/* Phone devices */

/** In/out parameters of phoneInitializeEx; see LINEINITIALIZEEXPARAMS. */
typedef struct phoneinitializeexparams_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwOptions; /* one PHONEINITIALIZEEXOPTION_ value */
    union {
        HANDLE hEvent;          /* USEEVENT: out, an eventfd; see TAPIX_HANDLE_TO_FD */
        HANDLE hCompletionPort; /* USECOMPLETIONPORT: not available on tapix */
    } Handles;
    DWORD dwCompletionKey;
} PHONEINITIALIZEEXPARAMS, *LPPHONEINITIALIZEEXPARAMS;

/** One message from phoneGetMessage. */
typedef struct phonemessage_tag {
    DWORD hDevice;
    DWORD dwMessageID;
    DWORD_PTR dwCallbackInstance;
    DWORD_PTR dwParam1;
    DWORD_PTR dwParam2;
    DWORD_PTR dwParam3;
} PHONEMESSAGE, *LPPHONEMESSAGE;

/** Identifies a provider's device-specific phone extension. */
typedef struct phoneextensionid_tag {
    DWORD dwExtensionID0;
    DWORD dwExtensionID1;
    DWORD dwExtensionID2;
    DWORD dwExtensionID3;
} PHONEEXTENSIONID, *LPPHONEEXTENSIONID;

/** What a phone device can do (phoneGetDevCaps). */
typedef struct phonecaps_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwProviderInfoSize;
    DWORD dwProviderInfoOffset;
    DWORD dwPhoneInfoSize;
    DWORD dwPhoneInfoOffset;
    DWORD dwPermanentPhoneID;
    DWORD dwPhoneNameSize;
    DWORD dwPhoneNameOffset;
    DWORD dwStringFormat;
    DWORD dwPhoneStates;
    DWORD dwHookSwitchDevs;
    DWORD dwHandsetHookSwitchModes;
    DWORD dwSpeakerHookSwitchModes;
    DWORD dwHeadsetHookSwitchModes;
    DWORD dwVolumeFlags;
    DWORD dwGainFlags;
    DWORD dwDisplayNumRows;
    DWORD dwDisplayNumColumns;
    DWORD dwNumRingModes;
    DWORD dwNumButtonLamps;
    DWORD dwButtonModesSize;
    DWORD dwButtonModesOffset;
    DWORD dwButtonFunctionsSize;
    DWORD dwButtonFunctionsOffset;
    DWORD dwLampModesSize;
    DWORD dwLampModesOffset;
    DWORD dwNumSetData;
    DWORD dwSetDataSize;
    DWORD dwSetDataOffset;
    DWORD dwNumGetData;
    DWORD dwGetDataSize;
    DWORD dwGetDataOffset;
    DWORD dwDevSpecificSize;
    DWORD dwDevSpecificOffset;
    DWORD dwDeviceClassesSize;
    DWORD dwDeviceClassesOffset;
    DWORD dwPhoneFeatures;
    DWORD dwSettableHandsetHookSwitchModes;
    DWORD dwSettableSpeakerHookSwitchModes;
    DWORD dwSettableHeadsetHookSwitchModes;
    DWORD dwMonitoredHandsetHookSwitchModes;
    DWORD dwMonitoredSpeakerHookSwitchModes;
    DWORD dwMonitoredHeadsetHookSwitchModes;
    GUID PermanentPhoneGuid;
} PHONECAPS, *LPPHONECAPS;

/** The current state of a phone device (phoneGetStatus). */
typedef struct phonestatus_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwStatusFlags;
    DWORD dwNumOwners;
    DWORD dwNumMonitors;
    DWORD dwRingMode;
    DWORD dwRingVolume;
    DWORD dwHandsetHookSwitchMode;
    DWORD dwHandsetVolume;
    DWORD dwHandsetGain;
    DWORD dwSpeakerHookSwitchMode;
    DWORD dwSpeakerVolume;
    DWORD dwSpeakerGain;
    DWORD dwHeadsetHookSwitchMode;
    DWORD dwHeadsetVolume;
    DWORD dwHeadsetGain;
    DWORD dwDisplaySize;
    DWORD dwDisplayOffset;
    DWORD dwLampModesSize;
    DWORD dwLampModesOffset;
    DWORD dwOwnerNameSize;
    DWORD dwOwnerNameOffset;
    DWORD dwDevSpecificSize;
    DWORD dwDevSpecificOffset;
    DWORD dwPhoneFeatures;
} PHONESTATUS, *LPPHONESTATUS;

/** What a phone button is and does (phoneGetButtonInfo, phoneSetButtonInfo). */
typedef struct phonebuttoninfo_tag {
    DWORD dwTotalSize;
    DWORD dwNeededSize;
    DWORD dwUsedSize;
    DWORD dwButtonMode;
    DWORD dwButtonFunction;
    DWORD dwButtonTextSize;
    DWORD dwButtonTextOffset;
    DWORD dwDevSpecificSize;
    DWORD dwDevSpecificOffset;
    DWORD dwButtonState;
} PHONEBUTTONINFO, *LPPHONEBUTTONINFO;

/* ---------------------------------------------------------------------------------------------
 * Line functions
 * ------------------------------------------------------------------------------------------- */

/* Initialization, version negotiation, message retrieval, shutdown */
LONG WINAPI lineInitialize(LPHLINEAPP lphLineApp, HINSTANCE hInstance, LINECALLBACK lpfnCallback,
                           LPCSTR lpszAppName, LPDWORD lpdwNumDevs);
LONG WINAPI lineInitializeEx(LPHLINEAPP lphLineApp, HINSTANCE hInstance, LINECALLBACK lpfnCallback,
                             LPCSTR lpszFriendlyAppName, LPDWORD lpdwNumDevs,
                             LPDWORD lpdwAPIVersion,
                             LPLINEINITIALIZEEXPARAMS lpLineInitializeExParams);
LONG WINAPI lineShutdown(HLINEAPP hLineApp);
LONG WINAPI lineNegotiateAPIVersion(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAPILowVersion,
                                    DWORD dwAPIHighVersion, LPDWORD lpdwAPIVersion,
                                    LPLINEEXTENSIONID lpExtensionID);
LONG WINAPI lineNegotiateExtVersion(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAPIVersion,
                                    DWORD dwExtLowVersion, DWORD dwExtHighVersion,
                                    LPDWORD lpdwExtVersion);
LONG WINAPI lineGetMessage(HLINEAPP hLineApp, LPLINEMESSAGE lpMessage, DWORD dwTimeout);

/* Opening and closing lines; device capabilities, status and configuration */
LONG WINAPI lineOpen(HLINEAPP hLineApp, DWORD dwDeviceID, LPHLINE lphLine, DWORD dwAPIVersion,
                     DWORD dwExtVersion, DWORD_PTR dwCallbackInstance, DWORD dwPrivileges,
                     DWORD dwMediaModes, const LINECALLPARAMS *lpCallParams);
LONG WINAPI lineClose(HLINE hLine);
LONG WINAPI lineGetDevCaps(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAPIVersion,
                           DWORD dwExtVersion, LPLINEDEVCAPS lpLineDevCaps);
LONG WINAPI lineGetLineDevStatus(HLINE hLine, LPLINEDEVSTATUS lpLineDevStatus);
LONG WINAPI lineGetID(HLINE hLine, DWORD dwAddressID, HCALL hCall, DWORD dwSelect,
                      LPVARSTRING lpDeviceID, LPCSTR lpszDeviceClass);
LONG WINAPI lineGetIcon(DWORD dwDeviceID, LPCSTR lpszDeviceClass, LPHICON lphIcon);
LONG WINAPI lineGetDevConfig(DWORD dwDeviceID, LPVARSTRING lpDeviceConfig, LPCSTR lpszDeviceClass);
LONG WINAPI lineSetDevConfig(DWORD dwDeviceID, LPCVOID lpDeviceConfig, DWORD dwSize,
                             LPCSTR lpszDeviceClass);
LONG WINAPI lineConfigDialog(DWORD dwDeviceID, HWND hwndOwner, LPCSTR lpszDeviceClass);
LONG WINAPI lineConfigDialogEdit(DWORD dwDeviceID, HWND hwndOwner, LPCSTR lpszDeviceClass,
                                 LPCVOID lpDeviceConfigIn, DWORD dwSize,
                                 LPVARSTRING lpDeviceConfigOut);
LONG WINAPI lineSetLineDevStatus(HLINE hLine, DWORD dwStatusToChange, DWORD fStatus);
LONG WINAPI lineGetStatusMessages(HLINE hLine, LPDWORD lpdwLineStates, LPDWORD lpdwAddressStates);
LONG WINAPI lineSetStatusMessages(HLINE hLine, DWORD dwLineStates, DWORD dwAddressStates);
LONG WINAPI lineSetTerminal(HLINE hLine, DWORD dwAddressID, HCALL hCall, DWORD dwSelect,
                            DWORD dwTerminalModes, DWORD dwTerminalID, DWORD bEnable);
LONG WINAPI lineDevSpecific(HLINE hLine, DWORD dwAddressID, HCALL hCall, LPVOID lpParams,
                            DWORD dwSize);
LONG WINAPI lineDevSpecificFeature(HLINE hLine, DWORD dwFeature, LPVOID lpParams, DWORD dwSize);

/* Addresses */
LONG WINAPI lineGetAddressCaps(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAddressID,
                               DWORD dwAPIVersion, DWORD dwExtVersion,
                               LPLINEADDRESSCAPS lpAddressCaps);
LONG WINAPI lineGetAddressID(HLINE hLine, LPDWORD lpdwAddressID, DWORD dwAddressMode,
                             LPCSTR lpsAddress, DWORD dwSize);
LONG WINAPI lineGetAddressStatus(HLINE hLine, DWORD dwAddressID,
                                 LPLINEADDRESSSTATUS lpAddressStatus);
LONG WINAPI lineGetNumRings(HLINE hLine, DWORD dwAddressID, LPDWORD lpdwNumRings);
LONG WINAPI lineSetNumRings(HLINE hLine, DWORD dwAddressID, DWORD dwNumRings);

/* Making, answering and ending calls */
LONG WINAPI lineMakeCall(HLINE hLine, LPHCALL lphCall, LPCSTR lpszDestAddress, DWORD dwCountryCode,
                         const LINECALLPARAMS *lpCallParams);
LONG WINAPI lineDial(HCALL hCall, LPCSTR lpszDestAddress, DWORD dwCountryCode);
LONG WINAPI lineAccept(HCALL hCall, LPCSTR lpsUserUserInfo, DWORD dwSize);
LONG WINAPI lineAnswer(HCALL hCall, LPCSTR lpsUserUserInfo, DWORD dwSize);
LONG WINAPI lineRedirect(HCALL hCall, LPCSTR lpszDestAddress, DWORD dwCountryCode);
LONG WINAPI lineDrop(HCALL hCall, LPCSTR lpsUserUserInfo, DWORD dwSize);
LONG WINAPI lineDeallocateCall(HCALL hCall);
LONG WINAPI lineSecureCall(HCALL hCall);
LONG WINAPI lineSendUserUserInfo(HCALL hCall, LPCSTR lpsUserUserInfo, DWORD dwSize);
LONG WINAPI lineReleaseUserUserInfo(HCALL hCall);

/* Call information, privileges and parameters */
LONG WINAPI lineGetCallInfo(HCALL hCall, LPLINECALLINFO lpCallInfo);
LONG WINAPI lineGetCallStatus(HCALL hCall, LPLINECALLSTATUS lpCallStatus);
LONG WINAPI lineGetNewCalls(HLINE hLine, DWORD dwAddressID, DWORD dwSelect,
                            LPLINECALLLIST lpCallList);
LONG WINAPI lineGetConfRelatedCalls(HCALL hCall, LPLINECALLLIST lpCallList);
LONG WINAPI lineSetCallPrivilege(HCALL hCall, DWORD dwCallPrivilege);
LONG WINAPI lineHandoff(HCALL hCall, LPCSTR lpszFileName, DWORD dwMediaMode);
LONG WINAPI lineSetAppSpecific(HCALL hCall, DWORD dwAppSpecific);
LONG WINAPI lineSetCallData(HCALL hCall, LPVOID lpCallData, DWORD dwSize);
LONG WINAPI lineSetCallParams(HCALL hCall, DWORD dwBearerMode, DWORD dwMinRate, DWORD dwMaxRate,
                              const LINEDIALPARAMS *lpDialParams);
LONG WINAPI lineSetCallQualityOfService(HCALL hCall, LPVOID lpSendingFlowspec,
                                        DWORD dwSendingFlowspecSize, LPVOID lpReceivingFlowspec,
                                        DWORD dwReceivingFlowspecSize);
LONG WINAPI lineSetCallTreatment(HCALL hCall, DWORD dwTreatment);
LONG WINAPI lineSetMediaMode(HCALL hCall, DWORD dwMediaModes);

/* Hold, transfer and conference */
LONG WINAPI lineHold(HCALL hCall);
LONG WINAPI lineUnhold(HCALL hCall);
LONG WINAPI lineSwapHold(HCALL hActiveCall, HCALL hHeldCall);
LONG WINAPI lineBlindTransfer(HCALL hCall, LPCSTR lpszDestAddress, DWORD dwCountryCode);
LONG WINAPI lineSetupTransfer(HCALL hCall, LPHCALL lphConsultCall,
                              const LINECALLPARAMS *lpCallParams);
LONG WINAPI lineCompleteTransfer(HCALL hCall, HCALL hConsultCall, LPHCALL lphConfCall,
                                 DWORD dwTransferMode);
LONG WINAPI lineSetupConference(HCALL hCall, HLINE hLine, LPHCALL lphConfCall,
                                LPHCALL lphConsultCall, DWORD dwNumParties,
                                const LINECALLPARAMS *lpCallParams);
LONG WINAPI linePrepareAddToConference(HCALL hConfCall, LPHCALL lphConsultCall,
                                       const LINECALLPARAMS *lpCallParams);
LONG WINAPI lineAddToConference(HCALL hConfCall, HCALL hConsultCall);
LONG WINAPI lineRemoveFromConference(HCALL hCall);

/* Park, pickup, forwarding and call completion */
LONG WINAPI linePark(HCALL hCall, DWORD dwParkMode, LPCSTR lpszDirAddress,
                     LPVARSTRING lpNonDirAddress);
LONG WINAPI lineUnpark(HLINE hLine, DWORD dwAddressID, LPHCALL lphCall, LPCSTR lpszDestAddress);
LONG WINAPI linePickup(HLINE hLine, DWORD dwAddressID, LPHCALL lphCall, LPCSTR lpszDestAddress,
                       LPCSTR lpszGroupID);
LONG WINAPI lineForward(HLINE hLine, DWORD bAllAddresses, DWORD dwAddressID,
                        const LINEFORWARDLIST *lpForwardList, DWORD dwNumRingsNoAnswer,
                        LPHCALL lphConsultCall, const LINECALLPARAMS *lpCallParams);
LONG WINAPI lineCompleteCall(HCALL hCall, LPDWORD lpdwCompletionID, DWORD dwCompletionMode,
                             DWORD dwMessageID);
LONG WINAPI lineUncompleteCall(HLINE hLine, DWORD dwCompletionID);

/* Digits, tones and media monitoring and control */
LONG WINAPI lineMonitorDigits(HCALL hCall, DWORD dwDigitModes);
LONG WINAPI lineGatherDigits(HCALL hCall, DWORD dwDigitModes, LPSTR lpsDigits, DWORD dwNumDigits,
                             LPCSTR lpszTerminationDigits, DWORD dwFirstDigitTimeout,
                             DWORD dwInterDigitTimeout);
LONG WINAPI lineGenerateDigits(HCALL hCall, DWORD dwDigitMode, LPCSTR lpszDigits, DWORD dwDuration);
LONG WINAPI lineGenerateTone(HCALL hCall, DWORD dwToneMode, DWORD dwDuration, DWORD dwNumTones,
                             const LINEGENERATETONE *lpTones);
LONG WINAPI lineMonitorMedia(HCALL hCall, DWORD dwMediaModes);
LONG WINAPI lineMonitorTones(HCALL hCall, const LINEMONITORTONE *lpToneList, DWORD dwNumEntries);
LONG WINAPI lineSetMediaControl(HLINE hLine, DWORD dwAddressID, HCALL hCall, DWORD dwSelect,
                                const LINEMEDIACONTROLDIGIT *lpDigitList, DWORD dwDigitNumEntries,
                                const LINEMEDIACONTROLMEDIA *lpMediaList, DWORD dwMediaNumEntries,
                                const LINEMEDIACONTROLTONE *lpToneList, DWORD dwToneNumEntries,
                                const LINEMEDIACONTROLCALLSTATE *lpCallStateList,
                                DWORD dwCallStateNumEntries);

/* Application priority and assisted-telephony request recipients */
LONG WINAPI lineGetAppPriority(LPCSTR lpszAppFilename, DWORD dwMediaMode,
                               LPLINEEXTENSIONID lpExtensionID, DWORD dwRequestMode,
                               LPVARSTRING lpExtensionName, LPDWORD lpdwPriority);
LONG WINAPI lineSetAppPriority(LPCSTR lpszAppFilename, DWORD dwMediaMode,
                               LPLINEEXTENSIONID lpExtensionID, DWORD dwRequestMode,
                               LPCSTR lpszExtensionName, DWORD dwPriority);
LONG WINAPI lineRegisterRequestRecipient(HLINEAPP hLineApp, DWORD dwRegistrationInstance,
                                         DWORD dwRequestMode, DWORD bEnable);
LONG WINAPI lineGetRequest(HLINEAPP hLineApp, DWORD dwRequestMode, LPVOID lpRequestBuffer);

/* Address translation, dialing locations and countries */
LONG WINAPI lineTranslateAddress(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAPIVersion,
                                 LPCSTR lpszAddressIn, DWORD dwCard, DWORD dwTranslateOptions,
                                 LPLINETRANSLATEOUTPUT lpTranslateOutput);
LONG WINAPI lineTranslateDialog(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAPIVersion,
                                HWND hwndOwner, LPCSTR lpszAddressIn);
LONG WINAPI lineGetTranslateCaps(HLINEAPP hLineApp, DWORD dwAPIVersion,
                                 LPLINETRANSLATECAPS lpTranslateCaps);
LONG WINAPI lineSetCurrentLocation(HLINEAPP hLineApp, DWORD dwLocation);
LONG WINAPI lineSetTollList(HLINEAPP hLineApp, DWORD dwDeviceID, LPCSTR lpszAddressIn,
                            DWORD dwTollListOption);
LONG WINAPI lineGetCountry(DWORD dwCountryID, DWORD dwAPIVersion,
                           LPLINECOUNTRYLIST lpLineCountryList);

/* Service providers */
LONG WINAPI lineGetProviderList(DWORD dwAPIVersion, LPLINEPROVIDERLIST lpProviderList);
LONG WINAPI lineAddProvider(LPCSTR lpszProviderFilename, HWND hwndOwner,
                            LPDWORD lpdwPermanentProviderID);
LONG WINAPI lineConfigProvider(HWND hwndOwner, DWORD dwPermanentProviderID);
LONG WINAPI lineRemoveProvider(DWORD dwPermanentProviderID, HWND hwndOwner);

/* Call center: agents on an address (TAPI 2.0) */
LONG WINAPI lineAgentSpecific(HLINE hLine, DWORD dwAddressID, DWORD dwAgentExtensionIDIndex,
                              LPVOID lpParams, DWORD dwSize);
LONG WINAPI lineGetAgentCaps(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAddressID,
                             DWORD dwAppAPIVersion, LPLINEAGENTCAPS lpAgentCaps);
LONG WINAPI lineGetAgentStatus(HLINE hLine, DWORD dwAddressID, LPLINEAGENTSTATUS lpAgentStatus);
LONG WINAPI lineGetAgentActivityList(HLINE hLine, DWORD dwAddressID,
                                     LPLINEAGENTACTIVITYLIST lpAgentActivityList);
LONG WINAPI lineGetAgentGroupList(HLINE hLine, DWORD dwAddressID,
                                  LPLINEAGENTGROUPLIST lpAgentGroupList);
LONG WINAPI lineSetAgentActivity(HLINE hLine, DWORD dwAddressID, DWORD dwActivityID);
LONG WINAPI lineSetAgentGroup(HLINE hLine, DWORD dwAddressID,
                              LPLINEAGENTGROUPLIST lpAgentGroupList);
LONG WINAPI lineSetAgentState(HLINE hLine, DWORD dwAddressID, DWORD dwAgentState,
                              DWORD dwNextAgentState);

/* Call center: agent objects, sessions, groups and queues (TAPI 2.2) */
LONG WINAPI lineCreateAgent(HLINE hLine, LPCSTR lpszAgentID, LPCSTR lpszAgentPIN,
                            LPHAGENT lphAgent);
LONG WINAPI lineGetAgentInfo(HLINE hLine, HAGENT hAgent, LPLINEAGENTINFO lpAgentInfo);
LONG WINAPI lineSetAgentMeasurementPeriod(HLINE hLine, HAGENT hAgent, DWORD dwMeasurementPeriod);
LONG WINAPI lineSetAgentStateEx(HLINE hLine, HAGENT hAgent, DWORD dwAgentState,
                                DWORD dwNextAgentState);
LONG WINAPI lineCreateAgentSession(HLINE hLine, HAGENT hAgent, LPCSTR lpszAgentPIN,
                                   DWORD dwWorkingAddressID, LPGUID lpGroupID,
                                   LPHAGENTSESSION lphAgentSession);
LONG WINAPI lineGetAgentSessionList(HLINE hLine, HAGENT hAgent,
                                    LPLINEAGENTSESSIONLIST lpAgentSessionList);
LONG WINAPI lineGetAgentSessionInfo(HLINE hLine, HAGENTSESSION hAgentSession,
                                    LPLINEAGENTSESSIONINFO lpAgentSessionInfo);
LONG WINAPI lineSetAgentSessionState(HLINE hLine, HAGENTSESSION hAgentSession,
                                     DWORD dwAgentSessionState, DWORD dwNextAgentSessionState);
LONG WINAPI lineGetGroupList(HLINE hLine, LPLINEAGENTGROUPLIST lpGroupList);
LONG WINAPI lineGetQueueList(HLINE hLine, LPGUID lpGroupID, LPLINEQUEUELIST lpQueueList);
LONG WINAPI lineGetQueueInfo(HLINE hLine, DWORD dwQueueID, LPLINEQUEUEINFO lpLineQueueInfo);
LONG WINAPI lineSetQueueMeasurementPeriod(HLINE hLine, DWORD dwQueueID, DWORD dwMeasurementPeriod);

/* Call center: the ACD proxy side */
LONG WINAPI lineGetProxyStatus(HLINEAPP hLineApp, DWORD dwDeviceID, DWORD dwAppAPIVersion,
                               LPLINEPROXYREQUESTLIST lpLineProxyRequestList);
LONG WINAPI lineProxyMessage(HLINE hLine, HCALL hCall, DWORD dwMsg, DWORD dwParam1, DWORD dwParam2,
                             DWORD dwParam3);
LONG WINAPI lineProxyResponse(HLINE hLine, LPLINEPROXYREQUEST lpProxyRequest, DWORD dwResult);

#if TAPI_CURRENT_VERSION >= 0x00030000
/* Call hubs and call identifiers (TAPI 3.0) */
LONG WINAPI lineGetCallIDs(HCALL hCall, LPDWORD lpdwAddressID, LPDWORD lpdwCallID,
                           LPDWORD lpdwRelatedCallID);
LONG WINAPI lineGetCallHubTracking(HLINE hLine, LPLINECALLHUBTRACKINGINFO lpTrackingInfo);
LONG WINAPI lineSetCallHubTracking(HLINE hLine, LPLINECALLHUBTRACKINGINFO lpTrackingInfo);
LONG WINAPI lineGetHubRelatedCalls(HCALLHUB hCallHub, HCALL hCall, LPLINECALLLIST lpCallList);
#endif

/* ---------------------------------------------------------------------------------------------
 * Phone functions
 * ------------------------------------------------------------------------------------------- */

/* Initialization, version negotiation, message retrieval, shutdown */
LONG WINAPI phoneInitialize(LPHPHONEAPP lphPhoneApp, HINSTANCE hInstance,
                            PHONECALLBACK lpfnCallback, LPCSTR lpszAppName, LPDWORD lpdwNumDevs);
LONG WINAPI phoneInitializeEx(LPHPHONEAPP lphPhoneApp, HINSTANCE hInstance,
                              PHONECALLBACK lpfnCallback, LPCSTR lpszFriendlyAppName,
                              LPDWORD lpdwNumDevs, LPDWORD lpdwAPIVersion,
                              LPPHONEINITIALIZEEXPARAMS lpPhoneInitializeExParams);
LONG WINAPI phoneShutdown(HPHONEAPP hPhoneApp);
LONG WINAPI phoneNegotiateAPIVersion(HPHONEAPP hPhoneApp, DWORD dwDeviceID, DWORD dwAPILowVersion,
                                     DWORD dwAPIHighVersion, LPDWORD lpdwAPIVersion,
                                     LPPHONEEXTENSIONID lpExtensionID);
LONG WINAPI phoneNegotiateExtVersion(HPHONEAPP hPhoneApp, DWORD dwDeviceID, DWORD dwAPIVersion,
                                     DWORD dwExtLowVersion, DWORD dwExtHighVersion,
                                     LPDWORD lpdwExtVersion);
LONG WINAPI phoneGetMessage(HPHONEAPP hPhoneApp, LPPHONEMESSAGE lpMessage, DWORD dwTimeout);

/* Opening and closing phones; capabilities, status and configuration */
LONG WINAPI phoneOpen(HPHONEAPP hPhoneApp, DWORD dwDeviceID, LPHPHONE lphPhone, DWORD dwAPIVersion,
                      DWORD dwExtVersion, DWORD_PTR dwCallbackInstance, DWORD dwPrivilege);
LONG WINAPI phoneClose(HPHONE hPhone);
LONG WINAPI phoneGetDevCaps(HPHONEAPP hPhoneApp, DWORD dwDeviceID, DWORD dwAPIVersion,
                            DWORD dwExtVersion, LPPHONECAPS lpPhoneCaps);
LONG WINAPI phoneGetStatus(HPHONE hPhone, LPPHONESTATUS lpPhoneStatus);
LONG WINAPI phoneGetID(HPHONE hPhone, LPVARSTRING lpDeviceID, LPCSTR lpszDeviceClass);
LONG WINAPI phoneGetIcon(DWORD dwDeviceID, LPCSTR lpszDeviceClass, LPHICON lphIcon);
LONG WINAPI phoneConfigDialog(DWORD dwDeviceID, HWND hwndOwner, LPCSTR lpszDeviceClass);
LONG WINAPI phoneGetStatusMessages(HPHONE hPhone, LPDWORD lpdwPhoneStates, LPDWORD lpdwButtonModes,
                                   LPDWORD lpdwButtonStates);
LONG WINAPI phoneSetStatusMessages(HPHONE hPhone, DWORD dwPhoneStates, DWORD dwButtonModes,
                                   DWORD dwButtonStates);
LONG WINAPI phoneDevSpecific(HPHONE hPhone, LPVOID lpParams, DWORD dwSize);

/* Hookswitch, volume, gain and ringer */
LONG WINAPI phoneGetHookSwitch(HPHONE hPhone, LPDWORD lpdwHookSwitchDevs);
LONG WINAPI phoneSetHookSwitch(HPHONE hPhone, DWORD dwHookSwitchDevs, DWORD dwHookSwitchMode);
LONG WINAPI phoneGetVolume(HPHONE hPhone, DWORD dwHookSwitchDev, LPDWORD lpdwVolume);
LONG WINAPI phoneSetVolume(HPHONE hPhone, DWORD dwHookSwitchDev, DWORD dwVolume);
LONG WINAPI phoneGetGain(HPHONE hPhone, DWORD dwHookSwitchDev, LPDWORD lpdwGain);
LONG WINAPI phoneSetGain(HPHONE hPhone, DWORD dwHookSwitchDev, DWORD dwGain);
LONG WINAPI phoneGetRing(HPHONE hPhone, LPDWORD lpdwRingMode, LPDWORD lpdwVolume);
LONG WINAPI phoneSetRing(HPHONE hPhone, DWORD dwRingMode, DWORD dwVolume);

/* Display, lamps, buttons and data areas */
LONG WINAPI phoneGetDisplay(HPHONE hPhone, LPVARSTRING lpDisplay);
LONG WINAPI phoneSetDisplay(HPHONE hPhone, DWORD dwRow, DWORD dwColumn, LPCSTR lpsDisplay,
                            DWORD dwSize);
LONG WINAPI phoneGetLamp(HPHONE hPhone, DWORD dwButtonLampID, LPDWORD lpdwLampMode);
LONG WINAPI phoneSetLamp(HPHONE hPhone, DWORD dwButtonLampID, DWORD dwLampMode);
LONG WINAPI phoneGetButtonInfo(HPHONE hPhone, DWORD dwButtonLampID, LPPHONEBUTTONINFO lpButtonInfo);
LONG WINAPI phoneSetButtonInfo(HPHONE hPhone, DWORD dwButtonLampID,
                               const PHONEBUTTONINFO *lpButtonInfo);
LONG WINAPI phoneGetData(HPHONE hPhone, DWORD dwDataID, LPVOID lpData, DWORD dwSize);
LONG WINAPI phoneSetData(HPHONE hPhone, DWORD dwDataID, LPCVOID lpData, DWORD dwSize);

/* ---------------------------------------------------------------------------------------------
 * Assisted telephony
 * ------------------------------------------------------------------------------------------- */

LONG WINAPI tapiGetLocationInfo(LPSTR lpszCountryCode, LPSTR lpszCityCode);
LONG WINAPI tapiRequestMakeCall(LPCSTR lpszDestAddress, LPCSTR lpszAppName, LPCSTR lpszCalledParty,
                                LPCSTR lpszComment);
LONG WINAPI tapiRequestMediaCall(HWND hwnd, WPARAM wRequestID, LPCSTR lpszDeviceClass,
                                 LPCSTR lpDeviceID, DWORD dwSize, DWORD dwSecure,
                                 LPCSTR lpszDestAddress, LPCSTR lpszAppName, LPCSTR lpszCalledParty,
                                 LPCSTR lpszComment);
LONG WINAPI tapiRequestDrop(HWND hwnd, WPARAM wRequestID);

#ifdef __cplusplus
}
#endif

#endif /* TAPIX_TAPI_H */
