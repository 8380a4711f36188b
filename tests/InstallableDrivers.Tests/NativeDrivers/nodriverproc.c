/* A shared library that is not a driver: it exports no DriverProc. */
#include <installable_driver.h>

DRIVER_EXPORT int NotADriverProc(int value);

DRIVER_EXPORT int NotADriverProc(int value)
{
    return value + 1;
}
