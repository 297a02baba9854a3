/*
 * tapitypes.h — the Windows base types that TAPI and TSPI are written in, defined for POSIX.
 *
 * TAPI's documentation and every Windows TAPI program speak of DWORD, LONG, DWORD_PTR and
 * friends. tapix keeps those names so that code ports with few changes, and gives each one the
 * width it has on Windows: DWORD is 32 bits everywhere, DWORD_PTR is pointer-sized.
 * Strings are UTF-8 `char` throughout; Windows' A/W function pairs collapse to one name.
 */
#ifndef TAPIX_TAPITYPES_H
#define TAPIX_TAPITYPES_H

#include <stddef.h>
#include <stdint.h>

#ifndef TAPIX_WINTYPES_DEFINED
#define TAPIX_WINTYPES_DEFINED
typedef uint32_t DWORD;
typedef int32_t LONG;
typedef uint16_t WORD;
typedef uint8_t BYTE;
typedef int BOOL;
typedef uintptr_t DWORD_PTR;
typedef uintptr_t ULONG_PTR;
typedef intptr_t LONG_PTR;
typedef DWORD *LPDWORD;
typedef LONG *LPLONG;
typedef WORD *LPWORD;
typedef BYTE *LPBYTE;
typedef void *LPVOID;
typedef const void *LPCVOID;
typedef char *LPSTR;
typedef const char *LPCSTR;
typedef char TCHAR;
typedef char WCHAR;
typedef char *LPTSTR;
typedef const char *LPCTSTR;
typedef char *LPWSTR;
typedef const char *LPCWSTR;
typedef void *HANDLE;
typedef HANDLE *LPHANDLE;
typedef void *HWND;
typedef void *HINSTANCE;
typedef void *HICON;
typedef HICON *LPHICON;

/** A 128-bit identifier, laid out as on Windows. */
typedef struct _GUID {
    uint32_t Data1;
    uint16_t Data2;
    uint16_t Data3;
    uint8_t Data4[8];
} GUID;
typedef GUID *LPGUID;
typedef GUID IID;
typedef GUID CLSID;
#endif

#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif

/* Calling-convention markers of the Windows headers; empty on POSIX. */
#ifndef WINAPI
#define WINAPI
#endif
#ifndef CALLBACK
#define CALLBACK
#endif

#endif /* TAPIX_TAPITYPES_H */
