/*
 * An ACM codec that gives no long name, as some codecs do, and converts nothing. NAudio 2.2.1's AcmDriver.AddLocalDriver
 * keeps the library handle its RemoveLocalDriver needs (to call acmDriverRemove and FreeLibrary) only for such a
 * driver: a driver that names itself makes RemoveLocalDriver throw. This one lets the tests run NAudio's own removal.
 */
#include "acmcodec.h"

DRIVER_EXPORT LRESULT CALLBACK DriverProc(DWORD_PTR dwDriverId, HDRVR hdrvr, UINT msg, LPARAM lParam1, LPARAM lParam2)
{
    switch (msg) {
    case DRV_OPEN:
        return acmcodec_open(lParam2);
    case DRV_CLOSE:
        return 1;
    case ACMDM_DRIVER_DETAILS:
        return acmcodec_driver_details((ACMDRIVERDETAILSW *)lParam1, 0, u"Unnamed", u"", u"");
    default:
        return acmcodec_default(dwDriverId, hdrvr, msg, lParam1, lParam2);
    }
}
