/*
 * The benchmark driver: as little work per message as a DriverProc can do, so that what the benchmarks measure is
 * the host's cost around the call. DRV_OPEN returns a nonzero id (0 would refuse the instance); DRV_USER + 1
 * returns lParam1 + 1, so a caller can check the call really happened; everything else is DefDriverProc's.
 */
#include <installable_driver.h>

DRIVER_EXPORT LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    switch (msg) {
    case DRV_OPEN:
        return 1;
    case DRV_USER + 1:
        return lParam1 + 1;
    default:
        return DefDriverProc(dwDriverId, hdrvr, msg, lParam1, lParam2);
    }
}
