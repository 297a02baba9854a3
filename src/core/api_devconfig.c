/*
 * api_devconfig.c — a device's configuration as an opaque block per device class:
 * lineGetDevConfig and lineSetDevConfig.
 *
 * The block belongs to the provider (a modem's speaker volume and hardware settings, say);
 * TAPI only checks the device, the class name and the caller's buffers and passes the rest
 * through. Applications save it and restore it later, or hand it to lineMakeCall through
 * LINECALLPARAMS' DevSpecific part, exactly as on Windows.
 */
#include "api.h"

LONG WINAPI CORE_API(lineGetDevConfig)(DWORD dwDeviceID, LPVARSTRING lpDeviceConfig,
                                       LPCSTR lpszDeviceClass)
{
    if (!lpszDeviceClass)
        return LINEERR_INVALPOINTER;
    if (!*lpszDeviceClass)
        return LINEERR_INVALDEVICECLASS;
    core_enter();
    struct line_device *dev;
    LONG rc = api_line_device(dwDeviceID, &dev);
    if (rc == 0)
        rc = line_device_ensure_version(dev);
    if (rc == 0)
        rc = api_check_varstruct(lpDeviceConfig, sizeof(VARSTRING));
    if (rc == 0 && !dev->prov->fn.lineGetDevConfig)
        rc = LINEERR_OPERATIONUNAVAIL;
    if (rc == 0)
        rc = dev->prov->fn.lineGetDevConfig(dwDeviceID, lpDeviceConfig, lpszDeviceClass);
    API_RETURN(rc);
}

LONG WINAPI CORE_API(lineSetDevConfig)(DWORD dwDeviceID, LPCVOID lpDeviceConfig, DWORD dwSize,
                                       LPCSTR lpszDeviceClass)
{
    if (!lpszDeviceClass || (!lpDeviceConfig && dwSize))
        return LINEERR_INVALPOINTER;
    if (!*lpszDeviceClass)
        return LINEERR_INVALDEVICECLASS;
    core_enter();
    struct line_device *dev;
    LONG rc = api_line_device(dwDeviceID, &dev);
    if (rc == 0)
        rc = line_device_ensure_version(dev);
    if (rc == 0 && !dev->prov->fn.lineSetDevConfig)
        rc = LINEERR_OPERATIONUNAVAIL;
    if (rc == 0)
        rc = dev->prov->fn.lineSetDevConfig(dwDeviceID, (LPVOID)lpDeviceConfig, dwSize,
                                            lpszDeviceClass);
    API_RETURN(rc);
}
