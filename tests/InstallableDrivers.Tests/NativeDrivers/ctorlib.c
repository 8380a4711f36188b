/* A library with the marking constructor (ctor_marker.h) and no DriverProc: refusing it must not run it. */
#define _POSIX_C_SOURCE 200809L
#include <installable_driver.h>
#include "ctor_marker.h"

DRIVER_EXPORT int NotADriverEither(int value);

DRIVER_EXPORT int NotADriverEither(int value)
{
    return value * 2;
}
