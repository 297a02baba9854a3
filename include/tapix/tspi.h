/*
 * tspi.h — the Telephony Service Provider Interface (TSPI 2.x) as tapix speaks it.
 *
 * This is the contract between the tapix core and a telephony service provider: the TSPI_*
 * entry points a provider exports from its `<name>.tsp` shared object, the LINEEVENT,
 * PHONEEVENT and ASYNC_COMPLETION callbacks through which it reports back, and the handle and
 * message types both sides share. Names, parameters and numeric values are Microsoft's, so that
 * the Windows TSPI documentation applies unchanged, with two POSIX adaptations:
 *  - every string is UTF-8 `char`: where Microsoft's TSPI declares a wide string (LPCWSTR,
 *    LPWSTR) this header says LPCSTR / LPSTR, and string sizes are byte counts;
 *  - TSPIAPI (and WINAPI, CALLBACK) are empty: there is one calling convention.
 * docs/provider-contract.md says what tapix adds where Windows is silent (start-up order,
 * threads, configuration); its one extension, TSPIX_providerConfig, is declared at the end of
 * this file, apart from Microsoft's interface.
 */
#ifndef TAPIX_TSPI_H
#define TAPIX_TSPI_H

#include "tapitypes.h"
#include "tapi.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef TSPIAPI
#define TSPIAPI
#endif

/* The entry points below are declared with default visibility, so a provider built with
 * -fvisibility=hidden still exports exactly the TSPI functions it defines. */
#pragma GCC visibility push(default)

/* ---------------------------------------------------------------------------------------------
 * Handles. A provider's own handles (HDRV…) and TAPI's handles for the same objects (HTAPI…)
 * are opaque pointers: each side stores the other's handle and only ever passes it back.
 * ------------------------------------------------------------------------------------------ */

typedef struct hdrvcall__ *HDRVCALL;
typedef struct hdrvline__ *HDRVLINE;
typedef struct hdrvphone__ *HDRVPHONE;
typedef struct hdrvmspline__ *HDRVMSPLINE;
typedef struct hdrvdialoginstance__ *HDRVDIALOGINSTANCE;

typedef HDRVCALL *LPHDRVCALL;
typedef HDRVLINE *LPHDRVLINE;
typedef HDRVPHONE *LPHDRVPHONE;
typedef HDRVMSPLINE *LPHDRVMSPLINE;
typedef HDRVDIALOGINSTANCE *LPHDRVDIALOGINSTANCE;

typedef struct htapicall__ *HTAPICALL;
typedef struct htapiline__ *HTAPILINE;
typedef struct htapiphone__ *HTAPIPHONE;
/* These two are 32-bit values on every platform, as in Microsoft's TSPI. */
typedef DWORD HTAPIDIALOGINSTANCE;
typedef DWORD HTAPIMSPLINE;

typedef HTAPICALL *LPHTAPICALL;
typedef HTAPILINE *LPHTAPILINE;
typedef HTAPIPHONE *LPHTAPIPHONE;
typedef HTAPIDIALOGINSTANCE *LPHTAPIDIALOGINSTANCE;
typedef HTAPIMSPLINE *LPHTAPIMSPLINE;

/* TAPI's handle for a provider instance, passed to TSPI_providerEnumDevices. */
typedef struct hprovider__ *HPROVIDER;
typedef HPROVIDER *LPHPROVIDER;

/* The identifier of an asynchronous request; a provider that accepts the request returns it. */
typedef DWORD DRV_REQUESTID;

/* ---------------------------------------------------------------------------------------------
 * Callbacks the core hands to a provider. Thread-safe, non-blocking, callable from any thread
 * (docs/provider-contract.md, "Threads and callbacks").
 * ------------------------------------------------------------------------------------------ */

/* Completes request dwRequestID with lResult (0 or a negative LINEERR_ / PHONEERR_ value). */
typedef void(CALLBACK *ASYNC_COMPLETION)(DRV_REQUESTID dwRequestID, LONG lResult);

/* Reports a line or call event; htCall is NULL for line events. */
typedef void(CALLBACK *LINEEVENT)(HTAPILINE htLine, HTAPICALL htCall, DWORD dwMsg,
                                  DWORD_PTR dwParam1, DWORD_PTR dwParam2, DWORD_PTR dwParam3);

/* Reports a phone event. */
typedef void(CALLBACK *PHONEEVENT)(HTAPIPHONE htPhone, DWORD dwMsg, DWORD_PTR dwParam1,
                                   DWORD_PTR dwParam2, DWORD_PTR dwParam3);

/* A provider UI DLL's way back to its provider (Windows only; see the TUISPI_ note below). */
typedef LONG(CALLBACK *TUISPIDLLCALLBACK)(DWORD_PTR dwObjectID, DWORD dwObjectType, LPVOID lpParams,
                                          DWORD dwSize);

/* ---------------------------------------------------------------------------------------------
 * Constants. The LINE_… and PHONE_… messages shared with applications (LINE_CALLSTATE,
 * LINE_CREATE, PHONE_STATE, PHONE_CREATE, …) are in tapi.h; these are the TSPI-only ones.
 * ------------------------------------------------------------------------------------------ */

/* dwDeviceID of TSPI_lineNegotiateTSPIVersion when TAPI negotiates for the whole provider
 * (Microsoft's tapi.h defines it too, with the same value). */
#ifndef INITIALIZE_NEGOTIATION
#define INITIALIZE_NEGOTIATION 0xFFFFFFFFU
#endif

/* Messages a provider sends through LINEEVENT that applications never see as such. */
#define TSPI_MESSAGE_BASE           500
#define LINE_NEWCALL                (TSPI_MESSAGE_BASE + 0)
#define LINE_CALLDEVSPECIFIC        (TSPI_MESSAGE_BASE + 1)
#define LINE_CALLDEVSPECIFICFEATURE (TSPI_MESSAGE_BASE + 2)
#define LINE_CREATEDIALOGINSTANCE   (TSPI_MESSAGE_BASE + 3)
#define LINE_SENDDIALOGINSTANCEDATA (TSPI_MESSAGE_BASE + 4)
#define LINE_SENDMSPDATA            (TSPI_MESSAGE_BASE + 5)
#define LINE_QOSINFO                (TSPI_MESSAGE_BASE + 6)

/* *lpdwTSPIOptions of TSPI_providerInit: the provider wants one call at a time (tapix always
 * serializes, so the flag is accepted and changes nothing). */
#define LINETSPIOPTION_NONREENTRANT 0x00000001

/* dwObjectType of TUISPIDLLCALLBACK and TSPI_providerGenericDialogData. */
#define TUISPIDLL_OBJECT_LINEID         1
#define TUISPIDLL_OBJECT_PHONEID        2
#define TUISPIDLL_OBJECT_PROVIDERID     3
#define TUISPIDLL_OBJECT_DIALOGINSTANCE 4

/* Object a private (MSP) data exchange refers to. */
#define PRIVATEOBJECT_NONE    0x00000001
#define PRIVATEOBJECT_CALLID  0x00000002
#define PRIVATEOBJECT_LINE    0x00000003
#define PRIVATEOBJECT_CALL    0x00000004
#define PRIVATEOBJECT_PHONE   0x00000005
#define PRIVATEOBJECT_ADDRESS 0x00000006

/* Quality of service (LINE_QOSINFO and LINECALLQOSINFO). */
#define LINEQOSREQUESTTYPE_SERVICELEVEL 0x00000001
#define LINEQOSSERVICELEVEL_NEEDED      0x00000001
#define LINEQOSSERVICELEVEL_IFAVAILABLE 0x00000002
#define LINEQOSSERVICELEVEL_BESTEFFORT  0x00000003
#define LINEEQOSINFO_NOQOS              0x00000001
#define LINEEQOSINFO_ADMISSIONFAILURE   0x00000002
#define LINEEQOSINFO_POLICYFAILURE      0x00000003
#define LINEEQOSINFO_GENERICERROR       0x00000004
/* The four characters 'LQSK' as Microsoft's compilers pack them. */
#define LINEQOSSTRUCT_KEY ((DWORD)0x4C51534B)

/* ---------------------------------------------------------------------------------------------
 * Structures.
 * ------------------------------------------------------------------------------------------ */

/* Parameters of LINE_CREATEDIALOGINSTANCE (a provider asking TAPI to start UI code). */
typedef struct tuispicreatedialoginstanceparams_tag {
    DRV_REQUESTID dwRequestID;
    HDRVDIALOGINSTANCE hdDlgInst;
    HTAPIDIALOGINSTANCE htDlgInst;
    LPCSTR lpszUIDLLName;
    LPVOID lpParams;
    DWORD dwSize;
} TUISPICREATEDIALOGINSTANCEPARAMS, *LPTUISPICREATEDIALOGINSTANCEPARAMS;

/* One media mode's requested service level. */
typedef struct LINEQOSSERVICELEVEL_tag {
    DWORD dwMediaMode;
    DWORD dwQOSServiceLevel;
} LINEQOSSERVICELEVEL, *LPLINEQOSSERVICELEVEL;

/* A quality-of-service request (dwKey is LINEQOSSTRUCT_KEY). */
typedef struct LINECALLQOSINFO_tag {
    DWORD dwKey;
    DWORD dwTotalSize;
    DWORD dwQOSRequestType;
    union {
        struct {
            DWORD dwNumServiceLevelEntries;
            LINEQOSSERVICELEVEL LineQOSServiceLevel[1];
        } SetQOSServiceLevel;
    };
} LINECALLQOSINFO, *LPLINECALLQOSINFO;

/* ---------------------------------------------------------------------------------------------
 * Line device entry points. Functions taking a DRV_REQUESTID are asynchronous: they return
 * dwRequestID (accepted; ASYNC_COMPLETION follows exactly once) or a negative LINEERR_ value.
 * ------------------------------------------------------------------------------------------ */

LONG TSPIAPI TSPI_lineAccept(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, LPCSTR lpsUserUserInfo,
                             DWORD dwSize);
LONG TSPIAPI TSPI_lineAddToConference(DRV_REQUESTID dwRequestID, HDRVCALL hdConfCall,
                                      HDRVCALL hdConsultCall);
LONG TSPIAPI TSPI_lineAnswer(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, LPCSTR lpsUserUserInfo,
                             DWORD dwSize);
LONG TSPIAPI TSPI_lineBlindTransfer(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                    LPCSTR lpszDestAddress, DWORD dwCountryCode);
LONG TSPIAPI TSPI_lineClose(HDRVLINE hdLine);
LONG TSPIAPI TSPI_lineCloseCall(HDRVCALL hdCall);
LONG TSPIAPI TSPI_lineCloseMSPInstance(HDRVMSPLINE hdMSPLine);
LONG TSPIAPI TSPI_lineCompleteCall(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                   LPDWORD lpdwCompletionID, DWORD dwCompletionMode,
                                   DWORD dwMessageID);
LONG TSPIAPI TSPI_lineCompleteTransfer(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                       HDRVCALL hdConsultCall, HTAPICALL htConfCall,
                                       LPHDRVCALL lphdConfCall, DWORD dwTransferMode);
LONG TSPIAPI TSPI_lineConditionalMediaDetection(HDRVLINE hdLine, DWORD dwMediaModes,
                                                LPLINECALLPARAMS const lpCallParams);
/* Obsolete since TSPI 2.0 (TUISPI_lineConfigDialog replaced it); kept for old providers. */
LONG TSPIAPI TSPI_lineConfigDialog(DWORD dwDeviceID, HWND hwndOwner, LPCSTR lpszDeviceClass);
/* Obsolete since TSPI 2.0 (TUISPI_lineConfigDialogEdit replaced it). */
LONG TSPIAPI TSPI_lineConfigDialogEdit(DWORD dwDeviceID, HWND hwndOwner, LPCSTR lpszDeviceClass,
                                       LPVOID const lpDeviceConfigIn, DWORD dwSize,
                                       LPVARSTRING lpDeviceConfigOut);
LONG TSPIAPI TSPI_lineCreateMSPInstance(HDRVLINE hdLine, DWORD dwAddressID, HTAPIMSPLINE htMSPLine,
                                        LPHDRVMSPLINE lphdMSPLine);
LONG TSPIAPI TSPI_lineDevSpecific(DRV_REQUESTID dwRequestID, HDRVLINE hdLine, DWORD dwAddressID,
                                  HDRVCALL hdCall, LPVOID lpParams, DWORD dwSize);
LONG TSPIAPI TSPI_lineDevSpecificFeature(DRV_REQUESTID dwRequestID, HDRVLINE hdLine,
                                         DWORD dwFeature, LPVOID lpParams, DWORD dwSize);
LONG TSPIAPI TSPI_lineDial(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, LPCSTR lpszDestAddress,
                           DWORD dwCountryCode);
LONG TSPIAPI TSPI_lineDrop(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, LPCSTR lpsUserUserInfo,
                           DWORD dwSize);
LONG TSPIAPI TSPI_lineDropNoOwner(HDRVCALL hdCall);
LONG TSPIAPI TSPI_lineDropOnClose(HDRVCALL hdCall);
LONG TSPIAPI TSPI_lineForward(DRV_REQUESTID dwRequestID, HDRVLINE hdLine, DWORD bAllAddresses,
                              DWORD dwAddressID, LPLINEFORWARDLIST const lpForwardList,
                              DWORD dwNumRingsNoAnswer, HTAPICALL htConsultCall,
                              LPHDRVCALL lphdConsultCall, LPLINECALLPARAMS const lpCallParams);
LONG TSPIAPI TSPI_lineGatherDigits(HDRVCALL hdCall, DWORD dwEndToEndID, DWORD dwDigitModes,
                                   LPSTR lpsDigits, DWORD dwNumDigits, LPCSTR lpszTerminationDigits,
                                   DWORD dwFirstDigitTimeout, DWORD dwInterDigitTimeout);
LONG TSPIAPI TSPI_lineGenerateDigits(HDRVCALL hdCall, DWORD dwEndToEndID, DWORD dwDigitMode,
                                     LPCSTR lpszDigits, DWORD dwDuration);
LONG TSPIAPI TSPI_lineGenerateTone(HDRVCALL hdCall, DWORD dwEndToEndID, DWORD dwToneMode,
                                   DWORD dwDuration, DWORD dwNumTones,
                                   LPLINEGENERATETONE const lpTones);
LONG TSPIAPI TSPI_lineGetAddressCaps(DWORD dwDeviceID, DWORD dwAddressID, DWORD dwTSPIVersion,
                                     DWORD dwExtVersion, LPLINEADDRESSCAPS lpAddressCaps);
LONG TSPIAPI TSPI_lineGetAddressID(HDRVLINE hdLine, LPDWORD lpdwAddressID, DWORD dwAddressMode,
                                   LPCSTR lpsAddress, DWORD dwSize);
LONG TSPIAPI TSPI_lineGetAddressStatus(HDRVLINE hdLine, DWORD dwAddressID,
                                       LPLINEADDRESSSTATUS lpAddressStatus);
LONG TSPIAPI TSPI_lineGetCallAddressID(HDRVCALL hdCall, LPDWORD lpdwAddressID);
LONG TSPIAPI TSPI_lineGetCallHubTracking(HDRVLINE hdLine, LPLINECALLHUBTRACKINGINFO lpTrackingInfo);
LONG TSPIAPI TSPI_lineGetCallIDs(HDRVCALL hdCall, LPDWORD lpdwAddressID, LPDWORD lpdwCallID,
                                 LPDWORD lpdwRelatedCallID);
LONG TSPIAPI TSPI_lineGetCallInfo(HDRVCALL hdCall, LPLINECALLINFO lpCallInfo);
LONG TSPIAPI TSPI_lineGetCallStatus(HDRVCALL hdCall, LPLINECALLSTATUS lpCallStatus);
LONG TSPIAPI TSPI_lineGetDevCaps(DWORD dwDeviceID, DWORD dwTSPIVersion, DWORD dwExtVersion,
                                 LPLINEDEVCAPS lpLineDevCaps);
LONG TSPIAPI TSPI_lineGetDevConfig(DWORD dwDeviceID, LPVARSTRING lpDeviceConfig,
                                   LPCSTR lpszDeviceClass);
LONG TSPIAPI TSPI_lineGetExtensionID(DWORD dwDeviceID, DWORD dwTSPIVersion,
                                     LPLINEEXTENSIONID lpExtensionID);
LONG TSPIAPI TSPI_lineGetIcon(DWORD dwDeviceID, LPCSTR lpszDeviceClass, LPHICON lphIcon);
LONG TSPIAPI TSPI_lineGetID(HDRVLINE hdLine, DWORD dwAddressID, HDRVCALL hdCall, DWORD dwSelect,
                            LPVARSTRING lpDeviceID, LPCSTR lpszDeviceClass, HANDLE hTargetProcess);
LONG TSPIAPI TSPI_lineGetLineDevStatus(HDRVLINE hdLine, LPLINEDEVSTATUS lpLineDevStatus);
LONG TSPIAPI TSPI_lineGetNumAddressIDs(HDRVLINE hdLine, LPDWORD lpdwNumAddressIDs);
LONG TSPIAPI TSPI_lineHold(DRV_REQUESTID dwRequestID, HDRVCALL hdCall);
LONG TSPIAPI TSPI_lineMakeCall(DRV_REQUESTID dwRequestID, HDRVLINE hdLine, HTAPICALL htCall,
                               LPHDRVCALL lphdCall, LPCSTR lpszDestAddress, DWORD dwCountryCode,
                               LPLINECALLPARAMS const lpCallParams);
LONG TSPIAPI TSPI_lineMonitorDigits(HDRVCALL hdCall, DWORD dwDigitModes);
LONG TSPIAPI TSPI_lineMonitorMedia(HDRVCALL hdCall, DWORD dwMediaModes);
LONG TSPIAPI TSPI_lineMonitorTones(HDRVCALL hdCall, DWORD dwToneListID,
                                   LPLINEMONITORTONE const lpToneList, DWORD dwNumEntries);
LONG TSPIAPI TSPI_lineMSPIdentify(DWORD dwDeviceID, GUID *pCLSID);
LONG TSPIAPI TSPI_lineNegotiateExtVersion(DWORD dwDeviceID, DWORD dwTSPIVersion, DWORD dwLowVersion,
                                          DWORD dwHighVersion, LPDWORD lpdwExtVersion);
/* Required. dwDeviceID is INITIALIZE_NEGOTIATION for the provider-wide negotiation. */
LONG TSPIAPI TSPI_lineNegotiateTSPIVersion(DWORD dwDeviceID, DWORD dwLowVersion,
                                           DWORD dwHighVersion, LPDWORD lpdwTSPIVersion);
LONG TSPIAPI TSPI_lineOpen(DWORD dwDeviceID, HTAPILINE htLine, LPHDRVLINE lphdLine,
                           DWORD dwTSPIVersion, LINEEVENT lpfnEventProc);
LONG TSPIAPI TSPI_linePark(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, DWORD dwParkMode,
                           LPCSTR lpszDirAddress, LPVARSTRING lpNonDirAddress);
LONG TSPIAPI TSPI_linePickup(DRV_REQUESTID dwRequestID, HDRVLINE hdLine, DWORD dwAddressID,
                             HTAPICALL htCall, LPHDRVCALL lphdCall, LPCSTR lpszDestAddress,
                             LPCSTR lpszGroupID);
LONG TSPIAPI TSPI_linePrepareAddToConference(DRV_REQUESTID dwRequestID, HDRVCALL hdConfCall,
                                             HTAPICALL htConsultCall, LPHDRVCALL lphdConsultCall,
                                             LPLINECALLPARAMS const lpCallParams);
LONG TSPIAPI TSPI_lineReceiveMSPData(HDRVLINE hdLine, HDRVCALL hdCall, HDRVMSPLINE hdMSPLine,
                                     LPVOID pBuffer, DWORD dwSize);
LONG TSPIAPI TSPI_lineRedirect(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, LPCSTR lpszDestAddress,
                               DWORD dwCountryCode);
LONG TSPIAPI TSPI_lineReleaseUserUserInfo(DRV_REQUESTID dwRequestID, HDRVCALL hdCall);
LONG TSPIAPI TSPI_lineRemoveFromConference(DRV_REQUESTID dwRequestID, HDRVCALL hdCall);
LONG TSPIAPI TSPI_lineSecureCall(DRV_REQUESTID dwRequestID, HDRVCALL hdCall);
LONG TSPIAPI TSPI_lineSelectExtVersion(HDRVLINE hdLine, DWORD dwExtVersion);
LONG TSPIAPI TSPI_lineSendUserUserInfo(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                       LPCSTR lpsUserUserInfo, DWORD dwSize);
LONG TSPIAPI TSPI_lineSetAppSpecific(HDRVCALL hdCall, DWORD dwAppSpecific);
LONG TSPIAPI TSPI_lineSetCallData(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, LPVOID lpCallData,
                                  DWORD dwSize);
LONG TSPIAPI TSPI_lineSetCallHubTracking(HDRVLINE hdLine, LPLINECALLHUBTRACKINGINFO lpTrackingInfo);
LONG TSPIAPI TSPI_lineSetCallParams(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, DWORD dwBearerMode,
                                    DWORD dwMinRate, DWORD dwMaxRate,
                                    LPLINEDIALPARAMS const lpDialParams);
LONG TSPIAPI TSPI_lineSetCallQualityOfService(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                              LPVOID lpSendingFlowspec, DWORD dwSendingFlowspecSize,
                                              LPVOID lpReceivingFlowspec,
                                              DWORD dwReceivingFlowspecSize);
LONG TSPIAPI TSPI_lineSetCallTreatment(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                       DWORD dwTreatment);
LONG TSPIAPI TSPI_lineSetCurrentLocation(DWORD dwLocation);
LONG TSPIAPI TSPI_lineSetDefaultMediaDetection(HDRVLINE hdLine, DWORD dwMediaModes);
LONG TSPIAPI TSPI_lineSetDevConfig(DWORD dwDeviceID, LPVOID const lpDeviceConfig, DWORD dwSize,
                                   LPCSTR lpszDeviceClass);
LONG TSPIAPI TSPI_lineSetLineDevStatus(DRV_REQUESTID dwRequestID, HDRVLINE hdLine,
                                       DWORD dwStatusToChange, DWORD fStatus);
LONG TSPIAPI TSPI_lineSetMediaControl(
    HDRVLINE hdLine, DWORD dwAddressID, HDRVCALL hdCall, DWORD dwSelect,
    LPLINEMEDIACONTROLDIGIT const lpDigitList, DWORD dwDigitNumEntries,
    LPLINEMEDIACONTROLMEDIA const lpMediaList, DWORD dwMediaNumEntries,
    LPLINEMEDIACONTROLTONE const lpToneList, DWORD dwToneNumEntries,
    LPLINEMEDIACONTROLCALLSTATE const lpCallStateList, DWORD dwCallStateNumEntries);
LONG TSPIAPI TSPI_lineSetMediaMode(HDRVCALL hdCall, DWORD dwMediaMode);
LONG TSPIAPI TSPI_lineSetStatusMessages(HDRVLINE hdLine, DWORD dwLineStates, DWORD dwAddressStates);
LONG TSPIAPI TSPI_lineSetTerminal(DRV_REQUESTID dwRequestID, HDRVLINE hdLine, DWORD dwAddressID,
                                  HDRVCALL hdCall, DWORD dwSelect, DWORD dwTerminalModes,
                                  DWORD dwTerminalID, DWORD bEnable);
LONG TSPIAPI TSPI_lineSetupConference(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, HDRVLINE hdLine,
                                      HTAPICALL htConfCall, LPHDRVCALL lphdConfCall,
                                      HTAPICALL htConsultCall, LPHDRVCALL lphdConsultCall,
                                      DWORD dwNumParties, LPLINECALLPARAMS const lpCallParams);
LONG TSPIAPI TSPI_lineSetupTransfer(DRV_REQUESTID dwRequestID, HDRVCALL hdCall,
                                    HTAPICALL htConsultCall, LPHDRVCALL lphdConsultCall,
                                    LPLINECALLPARAMS const lpCallParams);
LONG TSPIAPI TSPI_lineSwapHold(DRV_REQUESTID dwRequestID, HDRVCALL hdActiveCall,
                               HDRVCALL hdHeldCall);
LONG TSPIAPI TSPI_lineUncompleteCall(DRV_REQUESTID dwRequestID, HDRVLINE hdLine,
                                     DWORD dwCompletionID);
LONG TSPIAPI TSPI_lineUnhold(DRV_REQUESTID dwRequestID, HDRVCALL hdCall);
LONG TSPIAPI TSPI_lineUnpark(DRV_REQUESTID dwRequestID, HDRVLINE hdLine, DWORD dwAddressID,
                             HTAPICALL htCall, LPHDRVCALL lphdCall, LPCSTR lpszDestAddress);

/* ---------------------------------------------------------------------------------------------
 * Phone device entry points. Asynchronous ones follow the same rule with PHONEERR_ values.
 * ------------------------------------------------------------------------------------------ */

LONG TSPIAPI TSPI_phoneClose(HDRVPHONE hdPhone);
/* Obsolete since TSPI 2.0 (TUISPI_phoneConfigDialog replaced it). */
LONG TSPIAPI TSPI_phoneConfigDialog(DWORD dwDeviceID, HWND hwndOwner, LPCSTR lpszDeviceClass);
LONG TSPIAPI TSPI_phoneDevSpecific(DRV_REQUESTID dwRequestID, HDRVPHONE hdPhone, LPVOID lpParams,
                                   DWORD dwSize);
LONG TSPIAPI TSPI_phoneGetButtonInfo(HDRVPHONE hdPhone, DWORD dwButtonLampID,
                                     LPPHONEBUTTONINFO lpButtonInfo);
LONG TSPIAPI TSPI_phoneGetData(HDRVPHONE hdPhone, DWORD dwDataID, LPVOID lpData, DWORD dwSize);
LONG TSPIAPI TSPI_phoneGetDevCaps(DWORD dwDeviceID, DWORD dwTSPIVersion, DWORD dwExtVersion,
                                  LPPHONECAPS lpPhoneCaps);
LONG TSPIAPI TSPI_phoneGetDisplay(HDRVPHONE hdPhone, LPVARSTRING lpDisplay);
LONG TSPIAPI TSPI_phoneGetExtensionID(DWORD dwDeviceID, DWORD dwTSPIVersion,
                                      LPPHONEEXTENSIONID lpExtensionID);
LONG TSPIAPI TSPI_phoneGetGain(HDRVPHONE hdPhone, DWORD dwHookSwitchDev, LPDWORD lpdwGain);
LONG TSPIAPI TSPI_phoneGetHookSwitch(HDRVPHONE hdPhone, LPDWORD lpdwHookSwitchDevs);
LONG TSPIAPI TSPI_phoneGetIcon(DWORD dwDeviceID, LPCSTR lpszDeviceClass, LPHICON lphIcon);
LONG TSPIAPI TSPI_phoneGetID(HDRVPHONE hdPhone, LPVARSTRING lpDeviceID, LPCSTR lpszDeviceClass,
                             HANDLE hTargetProcess);
LONG TSPIAPI TSPI_phoneGetLamp(HDRVPHONE hdPhone, DWORD dwButtonLampID, LPDWORD lpdwLampMode);
LONG TSPIAPI TSPI_phoneGetRing(HDRVPHONE hdPhone, LPDWORD lpdwRingMode, LPDWORD lpdwVolume);
LONG TSPIAPI TSPI_phoneGetStatus(HDRVPHONE hdPhone, LPPHONESTATUS lpPhoneStatus);
LONG TSPIAPI TSPI_phoneGetVolume(HDRVPHONE hdPhone, DWORD dwHookSwitchDev, LPDWORD lpdwVolume);
LONG TSPIAPI TSPI_phoneNegotiateExtVersion(DWORD dwDeviceID, DWORD dwTSPIVersion,
                                           DWORD dwLowVersion, DWORD dwHighVersion,
                                           LPDWORD lpdwExtVersion);
LONG TSPIAPI TSPI_phoneNegotiateTSPIVersion(DWORD dwDeviceID, DWORD dwLowVersion,
                                            DWORD dwHighVersion, LPDWORD lpdwTSPIVersion);
LONG TSPIAPI TSPI_phoneOpen(DWORD dwDeviceID, HTAPIPHONE htPhone, LPHDRVPHONE lphdPhone,
                            DWORD dwTSPIVersion, PHONEEVENT lpfnEventProc);
LONG TSPIAPI TSPI_phoneSelectExtVersion(HDRVPHONE hdPhone, DWORD dwExtVersion);
LONG TSPIAPI TSPI_phoneSetButtonInfo(DRV_REQUESTID dwRequestID, HDRVPHONE hdPhone,
                                     DWORD dwButtonLampID, LPPHONEBUTTONINFO const lpButtonInfo);
LONG TSPIAPI TSPI_phoneSetData(DRV_REQUESTID dwRequestID, HDRVPHONE hdPhone, DWORD dwDataID,
                               LPVOID const lpData, DWORD dwSize);
LONG TSPIAPI TSPI_phoneSetDisplay(DRV_REQUESTID dwRequestID, HDRVPHONE hdPhone, DWORD dwRow,
                                  DWORD dwColumn, LPCSTR lpsDisplay, DWORD dwSize);
LONG TSPIAPI TSPI_phoneSetGain(DRV_REQUESTID dwRequestID, HDRVPHONE hdPhone, DWORD dwHookSwitchDev,
                               DWORD dwGain);
LONG TSPIAPI TSPI_phoneSetHookSwitch(DRV_REQUESTID dwRequestID, HDRVPHONE hdPhone,
                                     DWORD dwHookSwitchDevs, DWORD dwHookSwitchMode);
LONG TSPIAPI TSPI_phoneSetLamp(DRV_REQUESTID dwRequestID, HDRVPHONE hdPhone, DWORD dwButtonLampID,
                               DWORD dwLampMode);
LONG TSPIAPI TSPI_phoneSetRing(DRV_REQUESTID dwRequestID, HDRVPHONE hdPhone, DWORD dwRingMode,
                               DWORD dwVolume);
LONG TSPIAPI TSPI_phoneSetStatusMessages(HDRVPHONE hdPhone, DWORD dwPhoneStates,
                                         DWORD dwButtonModes, DWORD dwButtonStates);
LONG TSPIAPI TSPI_phoneSetVolume(DRV_REQUESTID dwRequestID, HDRVPHONE hdPhone,
                                 DWORD dwHookSwitchDev, DWORD dwVolume);

/* ---------------------------------------------------------------------------------------------
 * Provider entry points. Of all TSPI, only these are required of every provider:
 * TSPI_lineNegotiateTSPIVersion, TSPI_providerInit, TSPI_providerShutdown and
 * TSPI_providerEnumDevices (docs/provider-contract.md gives the order the core calls them in).
 * ------------------------------------------------------------------------------------------ */

/* Obsolete since TSPI 2.0 (TUISPI_providerConfig replaced it). */
LONG TSPIAPI TSPI_providerConfig(HWND hwndOwner, DWORD dwPermanentProviderID);
LONG TSPIAPI TSPI_providerCreateLineDevice(DWORD_PTR dwTempID, DWORD dwDeviceID);
LONG TSPIAPI TSPI_providerCreatePhoneDevice(DWORD_PTR dwTempID, DWORD dwDeviceID);
/* Required. */
LONG TSPIAPI TSPI_providerEnumDevices(DWORD dwPermanentProviderID, LPDWORD lpdwNumLines,
                                      LPDWORD lpdwNumPhones, HPROVIDER hProvider,
                                      LINEEVENT lpfnLineCreateProc, PHONEEVENT lpfnPhoneCreateProc);
LONG TSPIAPI TSPI_providerFreeDialogInstance(HDRVDIALOGINSTANCE hdDlgInst);
LONG TSPIAPI TSPI_providerGenericDialogData(DWORD_PTR dwObjectID, DWORD dwObjectType,
                                            LPVOID lpParams, DWORD dwSize);
/* Required. */
LONG TSPIAPI TSPI_providerInit(DWORD dwTSPIVersion, DWORD dwPermanentProviderID,
                               DWORD dwLineDeviceIDBase, DWORD dwPhoneDeviceIDBase,
                               DWORD_PTR dwNumLines, DWORD_PTR dwNumPhones,
                               ASYNC_COMPLETION lpfnCompletionProc, LPDWORD lpdwTSPIOptions);
/* Obsolete since TSPI 2.0 (TUISPI_providerInstall replaced it). */
LONG TSPIAPI TSPI_providerInstall(HWND hwndOwner, DWORD dwPermanentProviderID);
/* Obsolete since TSPI 2.0 (TUISPI_providerRemove replaced it). */
LONG TSPIAPI TSPI_providerRemove(HWND hwndOwner, DWORD dwPermanentProviderID);
/* Required. */
LONG TSPIAPI TSPI_providerShutdown(DWORD dwTSPIVersion, DWORD dwPermanentProviderID);
LONG TSPIAPI TSPI_providerUIIdentify(LPSTR lpszUIDLLName);

/* ---------------------------------------------------------------------------------------------
 * Provider UI DLL entry points (TUISPI_). On Windows these live in a separate DLL that TAPI
 * loads into the application's process to show dialogs. tapix has no provider UI DLL and never
 * calls them; they are declared only so that ported code compiles.
 * ------------------------------------------------------------------------------------------ */

LONG TSPIAPI TUISPI_lineConfigDialog(TUISPIDLLCALLBACK lpfnUIDLLCallback, DWORD dwDeviceID,
                                     HWND hwndOwner, LPCSTR lpszDeviceClass);
LONG TSPIAPI TUISPI_lineConfigDialogEdit(TUISPIDLLCALLBACK lpfnUIDLLCallback, DWORD dwDeviceID,
                                         HWND hwndOwner, LPCSTR lpszDeviceClass,
                                         LPVOID const lpDeviceConfigIn, DWORD dwSize,
                                         LPVARSTRING lpDeviceConfigOut);
LONG TSPIAPI TUISPI_phoneConfigDialog(TUISPIDLLCALLBACK lpfnUIDLLCallback, DWORD dwDeviceID,
                                      HWND hwndOwner, LPCSTR lpszDeviceClass);
LONG TSPIAPI TUISPI_providerConfig(TUISPIDLLCALLBACK lpfnUIDLLCallback, HWND hwndOwner,
                                   DWORD dwPermanentProviderID);
LONG TSPIAPI TUISPI_providerGenericDialog(TUISPIDLLCALLBACK lpfnUIDLLCallback,
                                          HTAPIDIALOGINSTANCE htDlgInst, LPVOID lpParams,
                                          DWORD dwSize, HANDLE hEvent);
LONG TSPIAPI TUISPI_providerGenericDialogData(HTAPIDIALOGINSTANCE htDlgInst, LPVOID lpParams,
                                              DWORD dwSize);
LONG TSPIAPI TUISPI_providerInstall(TUISPIDLLCALLBACK lpfnUIDLLCallback, HWND hwndOwner,
                                    DWORD dwPermanentProviderID);
LONG TSPIAPI TUISPI_providerRemove(TUISPIDLLCALLBACK lpfnUIDLLCallback, HWND hwndOwner,
                                   DWORD dwPermanentProviderID);

/* =============================================================================================
 * tapix extensions. Everything below is tapix's own, not Microsoft's TSPI.
 * ========================================================================================== */

/* A provider is a shared object named `<name>.tsp` in the providers directory
 * (`<libdir>/tapix/providers/`); the configuration section `[provider <name>]` loads it. */
#define TSPIX_PROVIDER_SUFFIX ".tsp"

/* The provider's configuration section, handed over once before negotiation (see
 * docs/provider-contract.md, "The configuration extension"). Every pointer is valid only during
 * the TSPIX_providerConfig call. Keys starting with "tapix." are the core's and never appear. */
typedef struct tspixconfig_tag {
    DWORD dwNumSettings;           /* number of key/value pairs */
    const char *const *lpszKeys;   /* setting names, as written in the file */
    const char *const *lpszValues; /* their values */
    const DWORD *lpdwLines;        /* line number of each setting in lpszFile */
    const char *lpszFile;          /* the file they came from, or "<built-in>" */
    const char *lpszInstance;      /* the instance name ("" for the unnamed instance) */
} TSPIXCONFIG, *LPTSPIXCONFIG;

/* Optional export. Applies the settings of provider instance dwPermanentProviderID; returns 0,
 * or LINEERR_INVALPARAM after writing one NUL-terminated line (at most dwErrorSize bytes) into
 * lpszError naming file:line, the key and what is wrong. */
LONG TSPIAPI TSPIX_providerConfig(DWORD dwPermanentProviderID, const TSPIXCONFIG *lpConfig,
                                  LPSTR lpszError, DWORD dwErrorSize);

#pragma GCC visibility pop

/* ---------------------------------------------------------------------------------------------
 * The table of exported names, for loaders that look entry points up with dlsym. Each list
 * applies X(name) to every entry point of its group; for example
 *     #define NAME(fn) #fn,
 *     static const char *const names[] = { TSPIX_REQUIRED_FUNCTIONS(NAME) };
 * PFN_<name> is the pointer type of each entry point: PFN_TSPI_lineMakeCall fn = dlsym(…).
 * ------------------------------------------------------------------------------------------ */

/* The entry points every provider must export. */
#define TSPIX_REQUIRED_FUNCTIONS(X)                                                                \
    X(TSPI_lineNegotiateTSPIVersion)                                                               \
    X(TSPI_providerEnumDevices)                                                                    \
    X(TSPI_providerInit)                                                                           \
    X(TSPI_providerShutdown)

/* The optional line entry points (TSPI_lineNegotiateTSPIVersion is among the required). */
#define TSPIX_LINE_FUNCTIONS(X)                                                                    \
    X(TSPI_lineAccept)                                                                             \
    X(TSPI_lineAddToConference)                                                                    \
    X(TSPI_lineAnswer)                                                                             \
    X(TSPI_lineBlindTransfer)                                                                      \
    X(TSPI_lineClose)                                                                              \
    X(TSPI_lineCloseCall)                                                                          \
    X(TSPI_lineCloseMSPInstance)                                                                   \
    X(TSPI_lineCompleteCall)                                                                       \
    X(TSPI_lineCompleteTransfer)                                                                   \
    X(TSPI_lineConditionalMediaDetection)                                                          \
    X(TSPI_lineConfigDialog)                                                                       \
    X(TSPI_lineConfigDialogEdit)                                                                   \
    X(TSPI_lineCreateMSPInstance)                                                                  \
    X(TSPI_lineDevSpecific)                                                                        \
    X(TSPI_lineDevSpecificFeature)                                                                 \
    X(TSPI_lineDial)                                                                               \
    X(TSPI_lineDrop)                                                                               \
    X(TSPI_lineDropNoOwner)                                                                        \
    X(TSPI_lineDropOnClose)                                                                        \
    X(TSPI_lineForward)                                                                            \
    X(TSPI_lineGatherDigits)                                                                       \
    X(TSPI_lineGenerateDigits)                                                                     \
    X(TSPI_lineGenerateTone)                                                                       \
    X(TSPI_lineGetAddressCaps)                                                                     \
    X(TSPI_lineGetAddressID)                                                                       \
    X(TSPI_lineGetAddressStatus)                                                                   \
    X(TSPI_lineGetCallAddressID)                                                                   \
    X(TSPI_lineGetCallHubTracking)                                                                 \
    X(TSPI_lineGetCallIDs)                                                                         \
    X(TSPI_lineGetCallInfo)                                                                        \
    X(TSPI_lineGetCallStatus)                                                                      \
    X(TSPI_lineGetDevCaps)                                                                         \
    X(TSPI_lineGetDevConfig)                                                                       \
    X(TSPI_lineGetExtensionID)                                                                     \
    X(TSPI_lineGetIcon)                                                                            \
    X(TSPI_lineGetID)                                                                              \
    X(TSPI_lineGetLineDevStatus)                                                                   \
    X(TSPI_lineGetNumAddressIDs)                                                                   \
    X(TSPI_lineHold)                                                                               \
    X(TSPI_lineMakeCall)                                                                           \
    X(TSPI_lineMonitorDigits)                                                                      \
    X(TSPI_lineMonitorMedia)                                                                       \
    X(TSPI_lineMonitorTones)                                                                       \
    X(TSPI_lineMSPIdentify)                                                                        \
    X(TSPI_lineNegotiateExtVersion)                                                                \
    X(TSPI_lineOpen)                                                                               \
    X(TSPI_linePark)                                                                               \
    X(TSPI_linePickup)                                                                             \
    X(TSPI_linePrepareAddToConference)                                                             \
    X(TSPI_lineReceiveMSPData)                                                                     \
    X(TSPI_lineRedirect)                                                                           \
    X(TSPI_lineReleaseUserUserInfo)                                                                \
    X(TSPI_lineRemoveFromConference)                                                               \
    X(TSPI_lineSecureCall)                                                                         \
    X(TSPI_lineSelectExtVersion)                                                                   \
    X(TSPI_lineSendUserUserInfo)                                                                   \
    X(TSPI_lineSetAppSpecific)                                                                     \
    X(TSPI_lineSetCallData)                                                                        \
    X(TSPI_lineSetCallHubTracking)                                                                 \
    X(TSPI_lineSetCallParams)                                                                      \
    X(TSPI_lineSetCallQualityOfService)                                                            \
    X(TSPI_lineSetCallTreatment)                                                                   \
    X(TSPI_lineSetCurrentLocation)                                                                 \
    X(TSPI_lineSetDefaultMediaDetection)                                                           \
    X(TSPI_lineSetDevConfig)                                                                       \
    X(TSPI_lineSetLineDevStatus)                                                                   \
    X(TSPI_lineSetMediaControl)                                                                    \
    X(TSPI_lineSetMediaMode)                                                                       \
    X(TSPI_lineSetStatusMessages)                                                                  \
    X(TSPI_lineSetTerminal)                                                                        \
    X(TSPI_lineSetupConference)                                                                    \
    X(TSPI_lineSetupTransfer)                                                                      \
    X(TSPI_lineSwapHold)                                                                           \
    X(TSPI_lineUncompleteCall)                                                                     \
    X(TSPI_lineUnhold)                                                                             \
    X(TSPI_lineUnpark)

/* The phone entry points (all optional). */
#define TSPIX_PHONE_FUNCTIONS(X)                                                                   \
    X(TSPI_phoneClose)                                                                             \
    X(TSPI_phoneConfigDialog)                                                                      \
    X(TSPI_phoneDevSpecific)                                                                       \
    X(TSPI_phoneGetButtonInfo)                                                                     \
    X(TSPI_phoneGetData)                                                                           \
    X(TSPI_phoneGetDevCaps)                                                                        \
    X(TSPI_phoneGetDisplay)                                                                        \
    X(TSPI_phoneGetExtensionID)                                                                    \
    X(TSPI_phoneGetGain)                                                                           \
    X(TSPI_phoneGetHookSwitch)                                                                     \
    X(TSPI_phoneGetIcon)                                                                           \
    X(TSPI_phoneGetID)                                                                             \
    X(TSPI_phoneGetLamp)                                                                           \
    X(TSPI_phoneGetRing)                                                                           \
    X(TSPI_phoneGetStatus)                                                                         \
    X(TSPI_phoneGetVolume)                                                                         \
    X(TSPI_phoneNegotiateExtVersion)                                                               \
    X(TSPI_phoneNegotiateTSPIVersion)                                                              \
    X(TSPI_phoneOpen)                                                                              \
    X(TSPI_phoneSelectExtVersion)                                                                  \
    X(TSPI_phoneSetButtonInfo)                                                                     \
    X(TSPI_phoneSetData)                                                                           \
    X(TSPI_phoneSetDisplay)                                                                        \
    X(TSPI_phoneSetGain)                                                                           \
    X(TSPI_phoneSetHookSwitch)                                                                     \
    X(TSPI_phoneSetLamp)                                                                           \
    X(TSPI_phoneSetRing)                                                                           \
    X(TSPI_phoneSetStatusMessages)                                                                 \
    X(TSPI_phoneSetVolume)

/* The optional provider entry points, the tapix extension included. */
#define TSPIX_PROVIDER_FUNCTIONS(X)                                                                \
    X(TSPI_providerConfig)                                                                         \
    X(TSPI_providerCreateLineDevice)                                                               \
    X(TSPI_providerCreatePhoneDevice)                                                              \
    X(TSPI_providerFreeDialogInstance)                                                             \
    X(TSPI_providerGenericDialogData)                                                              \
    X(TSPI_providerInstall)                                                                        \
    X(TSPI_providerRemove)                                                                         \
    X(TSPI_providerUIIdentify)                                                                     \
    X(TSPIX_providerConfig)

/* Every entry point a provider may export: required ones first. */
#define TSPIX_ALL_FUNCTIONS(X)                                                                     \
    TSPIX_REQUIRED_FUNCTIONS(X)                                                                    \
    TSPIX_LINE_FUNCTIONS(X)                                                                        \
    TSPIX_PHONE_FUNCTIONS(X)                                                                       \
    TSPIX_PROVIDER_FUNCTIONS(X)

/* PFN_<name>: a pointer to entry point <name>, typed from its prototype above. */
#if defined(__cplusplus)
#define TSPIX_PFN_TYPEDEF(name) typedef decltype(&name) PFN_##name;
#else
#define TSPIX_PFN_TYPEDEF(name) typedef __typeof__(&name) PFN_##name;
#endif
TSPIX_ALL_FUNCTIONS(TSPIX_PFN_TYPEDEF)
#undef TSPIX_PFN_TYPEDEF

#ifdef __cplusplus
}
#endif

#endif /* TAPIX_TSPI_H */
