/* A driver whose ELF constructor leaves a mark (ctor_marker.h): looking at the file must not run it; opening it does. */
#define _POSIX_C_SOURCE 200809L
#include <installable_driver.h>
#include "ctor_marker.h"

DRIVER_EXPORT LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hDriver, UINT uMsg, LPARAM lParam1, LPARAM lParam2)
{
    switch (uMsg)
    {
    case DRV_LOAD:
    case DRV_ENABLE:
    case DRV_OPEN:
    case DRV_CLOSE:
    case DRV_DISABLE:
    case DRV_FREE:
        return 1;
    default:
        return DefDriverProc(dwDriverId, hDriver, uMsg, lParam1, lParam2);
    }
}
